//! Who and where besides the subject: ICE offices and their FROM-box wording, receiving institutions,
//! officers, judges, courts, law firms, hospitals. Phone numbers use 555-01xx.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng as Rng8;

#[derive(Debug)]
pub struct Office {
    pub code: &'static str,
    /// The office's own name as the expected record carries it.
    pub name: &'static str,
    pub street: &'static str,
    pub city: &'static str,
    pub phone: &'static str,
    pub fax: &'static str,
    /// Event-number prefix printed on the forms.
    pub event: &'static str,
    pub kind: OfficeKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficeKind {
    Field,
    Sub,
    Center,
}

macro_rules! off {
    ($c:expr, $n:expr, $s:expr, $ci:expr, $p:expr, $f:expr, $e:expr, $k:ident) => {
        Office { code: $c, name: $n, street: $s, city: $ci, phone: $p, fax: $f, event: $e, kind: OfficeKind::$k }
    };
}

pub const OFFICES: &[Office] = &[
    off!(
        "BOS",
        "Boston Field Office",
        "1000 District Avenue",
        "Burlington, MA 01803",
        "(781) 555-0140",
        "(781) 555-0141",
        "BOS",
        Field
    ),
    off!(
        "BOS",
        "Hartford Sub-Office",
        "450 Main Street, Room 483",
        "Hartford, CT 06103",
        "(860) 555-0120",
        "(860) 555-0121",
        "BOS",
        Sub
    ),
    off!(
        "BOS",
        "Manchester Sub-Office",
        "1750 Elm Street, Suite 401",
        "Manchester, NH 03104",
        "(603) 555-0130",
        "(603) 555-0131",
        "BOS",
        Sub
    ),
    off!(
        "BOS",
        "Portland Sub-Office",
        "176 Gannett Drive",
        "South Portland, ME 04106",
        "(207) 555-0110",
        "(207) 555-0111",
        "BOS",
        Sub
    ),
    off!(
        "BOS",
        "St. Albans Sub-Office",
        "64 Gricebrook Road",
        "St. Albans, VT 05478",
        "(802) 555-0150",
        "(802) 555-0151",
        "BOS",
        Sub
    ),
    off!(
        "LESC",
        "Law Enforcement Support Center",
        "188 Harvest Lane",
        "Williston, VT 05495",
        "(802) 555-0160",
        "(802) 555-0161",
        "LES",
        Center
    ),
    off!(
        "PERC",
        "Pacific Enforcement Response Center",
        "24000 Avila Road",
        "Laguna Niguel, CA 92677",
        "(949) 555-0170",
        "(949) 555-0171",
        "PRC",
        Center
    ),
    off!(
        "NYC",
        "New York City Field Office",
        "26 Federal Plaza, 9th Floor",
        "New York, NY 10278",
        "(212) 555-0180",
        "(212) 555-0181",
        "NYC",
        Field
    ),
    off!(
        "NEW",
        "Newark Field Office",
        "970 Broad Street, 11th Floor",
        "Newark, NJ 07102",
        "(973) 555-0182",
        "(973) 555-0183",
        "NEW",
        Field
    ),
    off!(
        "BUF",
        "Buffalo Field Office",
        "250 Delaware Avenue, Floor 7",
        "Buffalo, NY 14202",
        "(716) 555-0184",
        "(716) 555-0185",
        "BUF",
        Field
    ),
    off!(
        "PHI",
        "Philadelphia Field Office",
        "114 North 8th Street",
        "Philadelphia, PA 19107",
        "(215) 555-0186",
        "(215) 555-0187",
        "PHI",
        Field
    ),
    off!(
        "BAL",
        "Baltimore Field Office",
        "31 Hopkins Plaza, 6th Floor",
        "Baltimore, MD 21201",
        "(410) 555-0188",
        "(410) 555-0189",
        "BAL",
        Field
    ),
    off!(
        "WAS",
        "Washington Field Office",
        "14797 Murdock Street",
        "Chantilly, VA 20151",
        "(703) 555-0190",
        "(703) 555-0191",
        "WAS",
        Field
    ),
    off!(
        "MIA",
        "Miami Field Office",
        "865 SW 78th Avenue, Suite 101",
        "Plantation, FL 33324",
        "(954) 555-0192",
        "(954) 555-0193",
        "MIA",
        Field
    ),
    off!(
        "ATL",
        "Atlanta Field Office",
        "180 Ted Turner Drive SW, Suite 522",
        "Atlanta, GA 30303",
        "(404) 555-0194",
        "(404) 555-0195",
        "ATL",
        Field
    ),
    off!(
        "NOL",
        "New Orleans Field Office",
        "1250 Poydras Street, Suite 325",
        "New Orleans, LA 70113",
        "(504) 555-0196",
        "(504) 555-0197",
        "NOL",
        Field
    ),
    off!(
        "CHI",
        "Chicago Field Office",
        "101 West Ida B. Wells Drive",
        "Chicago, IL 60605",
        "(312) 555-0100",
        "(312) 555-0101",
        "CHI",
        Field
    ),
    off!(
        "DET",
        "Detroit Field Office",
        "333 Mt. Elliott Street",
        "Detroit, MI 48207",
        "(313) 555-0102",
        "(313) 555-0103",
        "DET",
        Field
    ),
    off!(
        "SPM",
        "St. Paul Field Office",
        "1 Federal Drive, Suite 1601",
        "Fort Snelling, MN 55111",
        "(612) 555-0104",
        "(612) 555-0105",
        "SPM",
        Field
    ),
    off!(
        "DAL",
        "Dallas Field Office",
        "8101 North Stemmons Freeway",
        "Dallas, TX 75247",
        "(214) 555-0106",
        "(214) 555-0107",
        "DAL",
        Field
    ),
    off!(
        "HOU",
        "Houston Field Office",
        "126 Northpoint Drive",
        "Houston, TX 77060",
        "(281) 555-0108",
        "(281) 555-0109",
        "HOU",
        Field
    ),
    off!(
        "SNA",
        "San Antonio Field Office",
        "1777 NE Loop 410, Floor 15",
        "San Antonio, TX 78217",
        "(210) 555-0112",
        "(210) 555-0113",
        "SNA",
        Field
    ),
    off!(
        "HLG",
        "Harlingen Field Office",
        "1717 Zoy Street",
        "Harlingen, TX 78552",
        "(956) 555-0114",
        "(956) 555-0115",
        "HLG",
        Field
    ),
    off!(
        "ELP",
        "El Paso Field Office",
        "11541 Montana Avenue, Suite E",
        "El Paso, TX 79936",
        "(915) 555-0116",
        "(915) 555-0117",
        "ELP",
        Field
    ),
    off!(
        "DEN",
        "Denver Field Office",
        "12445 East Caley Avenue",
        "Centennial, CO 80111",
        "(720) 555-0118",
        "(720) 555-0119",
        "DEN",
        Field
    ),
    off!(
        "PHO",
        "Phoenix Field Office",
        "2035 North Central Avenue",
        "Phoenix, AZ 85004",
        "(602) 555-0122",
        "(602) 555-0123",
        "PHO",
        Field
    ),
    off!(
        "SLC",
        "Salt Lake City Field Office",
        "2975 Decker Lake Drive, Suite 100",
        "West Valley City, UT 84119",
        "(801) 555-0124",
        "(801) 555-0125",
        "SLC",
        Field
    ),
    off!(
        "LOS",
        "Los Angeles Field Office",
        "300 North Los Angeles Street, Room 7631",
        "Los Angeles, CA 90012",
        "(213) 555-0126",
        "(213) 555-0127",
        "LOS",
        Field
    ),
    off!(
        "SND",
        "San Diego Field Office",
        "880 Front Street, Suite 2242",
        "San Diego, CA 92101",
        "(619) 555-0128",
        "(619) 555-0129",
        "SND",
        Field
    ),
    off!(
        "SFR",
        "San Francisco Field Office",
        "630 Sansome Street, Room 590",
        "San Francisco, CA 94111",
        "(415) 555-0132",
        "(415) 555-0133",
        "SFR",
        Field
    ),
    off!(
        "SEA",
        "Seattle Field Office",
        "12500 Tukwila International Boulevard",
        "Seattle, WA 98168",
        "(206) 555-0134",
        "(206) 555-0135",
        "SEA",
        Field
    ),
];

/// A Boston department mostly hears from its own field office, its sub-offices and the two national centers.
pub fn pick_office(rng: &mut Rng8) -> &'static Office {
    let r = rng.gen_range(0..100);
    let i = match r {
        0..=39 => 0,
        40..=51 => rng.gen_range(1..=4),
        52..=67 => 5,
        68..=77 => 6,
        _ => rng.gen_range(7..OFFICES.len()),
    };
    &OFFICES[i]
}

/// City name without the state and ZIP, for "ERO Hartford" style wording.
pub fn city_only(o: &Office) -> &str {
    o.city.split(',').next().unwrap_or(o.city)
}

/// The FROM box lines: ICE offices word their own address many ways; some name the office, some only the
/// building and city.
pub fn from_lines(o: &Office, rng: &mut Rng8) -> Vec<String> {
    let short = o.name.replace(" Field Office", "").replace(" Sub-Office", "");
    let v = rng.gen_range(0..6);
    match (o.kind, v) {
        (OfficeKind::Center, 0..=2) => vec![format!("DHS/ICE {}", o.name), o.street.to_string(), o.city.to_string()],
        (OfficeKind::Center, _) => vec![
            "U.S. Immigration and Customs Enforcement".to_string(),
            o.name.to_string(),
            format!("{}, {}", o.street, o.city),
        ],
        (_, 0) => vec![
            "U.S. Immigration and Customs Enforcement".to_string(),
            format!("Enforcement and Removal Operations - {}", o.name),
            o.street.to_string(),
            o.city.to_string(),
        ],
        (_, 1) => vec![format!("ICE ERO {}", o.name), o.street.to_string(), o.city.to_string()],
        (_, 2) => vec!["Enforcement and Removal Operations".to_string(), format!("{}, {}", o.street, o.city)],
        (OfficeKind::Sub, 3) => vec![
            format!("DHS/ICE/ERO {short}, {}", o.city.split(' ').rev().nth(1).unwrap_or("")),
            "(Boston Field Office)".to_string(),
            o.street.to_string(),
            o.city.to_string(),
        ],
        (_, 3) | (_, 4) => vec![
            "DHS - Immigration and Customs Enforcement".to_string(),
            format!("ERO {short}"),
            o.street.to_string(),
            o.city.to_string(),
        ],
        _ => vec![
            "Department of Homeland Security".to_string(),
            format!("ICE - {}", o.name),
            format!("{}, {}", o.street, o.city),
        ],
    }
}

/// Receiving institutions (the TO box): Boston stations, the county jail and house of correction.
pub const INSTITUTIONS: &[(&str, &str, &str)] = &[
    ("Boston Police Department - District A-1", "40 New Sudbury Street", "Boston, MA 02114"),
    ("Boston Police Department - District B-2", "2400 Washington Street", "Roxbury, MA 02119"),
    ("Boston Police Department - District B-3", "1165 Blue Hill Avenue", "Mattapan, MA 02124"),
    ("Boston Police Department - District C-11", "40 Gibson Street", "Dorchester, MA 02122"),
    ("Boston Police Department - District D-4", "650 Harrison Avenue", "Boston, MA 02118"),
    ("Boston Police Department - District E-13", "3345 Washington Street", "Jamaica Plain, MA 02130"),
    ("Boston Police Department - District E-18", "1249 Hyde Park Avenue", "Hyde Park, MA 02136"),
    ("Boston Police Department - Central Booking", "1 Schroeder Plaza", "Boston, MA 02120"),
    ("Suffolk County Sheriff's Department - Nashua Street Jail", "200 Nashua Street", "Boston, MA 02114"),
    ("Suffolk County House of Correction", "20 Bradston Street", "Boston, MA 02118"),
];

pub fn to_lines(rng: &mut Rng8) -> Vec<String> {
    let (inst, street, city) = INSTITUTIONS.choose(rng).unwrap();
    let mut v = Vec::new();
    match rng.gen_range(0..4) {
        0 => v.push("Officer in Charge".to_string()),
        1 => v.push("Booking Supervisor".to_string()),
        _ => {}
    }
    v.push(inst.to_string());
    if rng.gen_bool(0.5) {
        v.push(format!("{street}, {city}"));
    } else {
        v.push(street.to_string());
        v.push(city.to_string());
    }
    v.truncate(4);
    v
}

const OFFICER_GIVEN: &[&str] = &[
    "Kevin",
    "Maria",
    "Daniel",
    "Jessica",
    "Robert",
    "Angela",
    "Michael",
    "Luis",
    "Sarah",
    "Thomas",
    "Patricia",
    "Brian",
    "Yolanda",
    "Christopher",
    "Erin",
];
const OFFICER_FAMILY: &[&str] = &[
    "O'Neil",
    "Martinez",
    "Kowalczyk",
    "Sullivan",
    "Nguyen",
    "Delgado",
    "Fitzpatrick",
    "Brennan",
    "Okonkwo",
    "Ramos",
    "Whitfield",
    "Castellano",
    "Lindqvist",
    "Haddad",
    "McGrath",
];
const OFFICER_TITLES: &[&str] = &[
    "Deportation Officer",
    "Supervisory Detention and Deportation Officer",
    "SDDO",
    "Immigration Enforcement Agent",
    "Assistant Field Office Director",
    "Deputy Field Office Director",
    "Field Office Director",
    "Supervisory Immigration Enforcement Agent",
];

pub fn officer(rng: &mut Rng8) -> (String, String) {
    let g = OFFICER_GIVEN.choose(rng).unwrap();
    let f = OFFICER_FAMILY.choose(rng).unwrap();
    let name = if rng.gen_bool(0.4) { format!("{}. {f}", &g[..1]) } else { format!("{g} {f}") };
    (name, OFFICER_TITLES.choose(rng).unwrap().to_string())
}

pub fn person_plain(rng: &mut Rng8) -> String {
    format!("{} {}", OFFICER_GIVEN.choose(rng).unwrap(), OFFICER_FAMILY.choose(rng).unwrap())
}

const JUDGE_GIVEN: &[&str] = &["Margaret", "Howard", "Denise", "Alan", "Rebecca", "Victor", "Harriet", "Gordon"];
const JUDGE_FAMILY: &[&str] = &["Thornbury", "Kessler", "Abernathy", "Castellanos", "Wexford", "Lindgren", "Pryce"];

pub fn judge(rng: &mut Rng8) -> String {
    let mid = (b'A' + rng.gen_range(0..26u8)) as char;
    format!("{} {mid}. {}", JUDGE_GIVEN.choose(rng).unwrap(), JUDGE_FAMILY.choose(rng).unwrap())
}

/// Massachusetts district courts that issue criminal warrants in and around Boston.
pub const MA_COURTS: &[(&str, &str, &str)] = &[
    ("Dorchester District Court", "510 Washington Street", "Dorchester, MA 02124"),
    ("Roxbury District Court", "85 Warren Street", "Roxbury, MA 02119"),
    ("Boston Municipal Court - Central Division", "24 New Chardon Street", "Boston, MA 02114"),
    ("Chelsea District Court", "120 Broadway", "Chelsea, MA 02150"),
    ("Lynn District Court", "580 Essex Street", "Lynn, MA 01901"),
    ("Brockton District Court", "215 Main Street", "Brockton, MA 02301"),
];

pub const FED_DISTRICTS: &[(&str, &str)] = &[
    ("District of Massachusetts", "Boston, Massachusetts"),
    ("District of Rhode Island", "Providence, Rhode Island"),
    ("District of New Hampshire", "Concord, New Hampshire"),
    ("District of Connecticut", "Hartford, Connecticut"),
    ("Southern District of New York", "New York, New York"),
];

pub const OFFENSES: &[&str] = &[
    "8 U.S.C. § 1326(a) - Reentry of a removed alien",
    "18 U.S.C. § 1546(a) - Fraud and misuse of visas, permits and other documents",
    "21 U.S.C. §§ 841(a)(1), 846 - Conspiracy to distribute controlled substances",
    "18 U.S.C. § 1028A - Aggravated identity theft",
    "18 U.S.C. § 922(g)(5) - Possession of a firearm by a prohibited person",
];

pub const STATE_OFFENSES: &[&str] = &[
    "c. 265 § 15A(b) ASSAULT & BATTERY W/ DANGEROUS WEAPON",
    "c. 94C § 32A(a) DISTRIBUTE CLASS B DRUG",
    "c. 90 § 24(1)(a)(1) OUI LIQUOR OR .08%",
    "c. 266 § 30(1) LARCENY OVER $1200",
    "c. 209A § 7 VIOLATE ABUSE PREVENTION ORDER",
    "c. 268 § 32B RESIST ARREST",
];

/// Senders of unrelated faxes: courts, law offices, hospitals, agencies.
pub const OTHER_SENDERS: &[(&str, &str)] = &[
    ("BMC CLERK", "(617) 555-0142"),
    ("DORCHESTER DIST CT", "(617) 555-0143"),
    ("SUFFOLK DA OFFICE", "(617) 555-0144"),
    ("LAW OFFICE", "(617) 555-0145"),
    ("MGH HIM DEPT", "(617) 555-0146"),
    ("BMC RELEASE INFO", "(617) 555-0147"),
    ("CPCS BOSTON", "(617) 555-0148"),
    ("PROBATION SERVICE", "(617) 555-0149"),
    ("FAX", "(508) 555-0152"),
];

pub const LAW_FIRMS: &[(&str, &str, &str)] = &[
    ("Alvarez & Whitcomb, LLP", "One Financial Center, 15th Floor", "Boston, MA 02111"),
    ("Law Office of Renata Oduya", "46 Temple Place, Suite 3", "Boston, MA 02111"),
    (
        "Committee for Public Counsel Services - Immigration Impact Unit",
        "75 Federal Street, 6th Floor",
        "Boston, MA 02110",
    ),
    ("Greater Boston Immigrant Defense Project", "14 Beacon Street, Suite 702", "Boston, MA 02108"),
    ("Marchetti Legal Group, P.C.", "101 Tremont Street, Suite 910", "Boston, MA 02108"),
];

pub const HOSPITALS: &[(&str, &str, &str)] = &[
    ("Boston Medical Center", "One Boston Medical Center Place", "Boston, MA 02118"),
    ("Massachusetts General Hospital", "55 Fruit Street", "Boston, MA 02114"),
    ("Carney Hospital", "2100 Dorchester Avenue", "Dorchester, MA 02124"),
    ("Faulkner Hospital", "1153 Centre Street", "Jamaica Plain, MA 02130"),
];
