//! Who and where: subjects' names by origin, countries, ICE offices and their FROM-box wording, receiving
//! institutions, officers, judges and courts. All names are invented combinations; phone numbers use 555-01xx.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng as Rng8;

pub struct Origin {
    pub label: &'static str,
    pub countries: &'static [&'static str],
    pub family: &'static [&'static str],
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    /// Family names are often two joined surnames (Hispanic, Lusophone).
    pub compound: f64,
    pub weight: u32,
}

pub const ORIGINS: &[Origin] = &[
    Origin {
        label: "hispanic",
        countries: &[
            "GUATEMALA",
            "HONDURAS",
            "EL SALVADOR",
            "MEXICO",
            "COLOMBIA",
            "DOMINICAN REPUBLIC",
            "ECUADOR",
            "VENEZUELA",
            "PERU",
            "NICARAGUA",
        ],
        family: &[
            "GARCIA",
            "HERNANDEZ",
            "LOPEZ",
            "MARTINEZ",
            "RODRIGUEZ",
            "PEREZ",
            "RAMIREZ",
            "CASTILLO",
            "MORALES",
            "REYES",
            "AJPOP",
            "TZOC",
            "CHUC",
            "XOL",
            "QUISPE",
            "VASQUEZ",
            "DE LA CRUZ",
            "DEL CID",
            "SANTIZO",
            "OSORIO",
            "BAUTISTA",
            "ESCOBAR",
            "VILLATORO",
            "MEJIA",
            "CARDONA",
            "DE LEON",
            "ZUNIGA",
            "PINEDA",
            "AGUILAR",
            "GUZMAN",
            "ROSARIO",
            "ALMONTE",
            "PAULINO",
        ],
        male: &[
            "JOSE",
            "LUIS",
            "CARLOS",
            "JUAN",
            "MIGUEL",
            "ANGEL",
            "FRANCISCO",
            "JESUS",
            "WILMER",
            "ELMER",
            "NELSON",
            "EDWIN",
            "BYRON",
            "YEFERSON",
            "ALEXANDER",
            "JOSE LUIS",
            "JUAN CARLOS",
            "MARVIN",
            "OSCAR",
            "DANILO",
        ],
        female: &[
            "MARIA",
            "ROSA",
            "ANA",
            "GLENDY",
            "YESENIA",
            "MARIA GUADALUPE",
            "DAYANA",
            "ESTEFANY",
            "LUZ",
            "CARMEN",
            "SONIA",
            "MARLENI",
            "KARLA",
            "DOLORES",
        ],
        compound: 0.45,
        weight: 42,
    },
    Origin {
        label: "haitian",
        countries: &["HAITI"],
        family: &[
            "JEAN-BAPTISTE",
            "PIERRE",
            "CHARLES",
            "JOSEPH",
            "LOUIS",
            "DORVAL",
            "SAINT-FLEUR",
            "ETIENNE",
            "DESROSIERS",
            "FILS-AIME",
            "AUGUSTIN",
            "CELESTIN",
            "DORSAINVIL",
            "NOEL",
            "JEUNE",
        ],
        male: &["JEAN ROBERT", "WILNER", "FRITZNER", "JEAN-PIERRE", "WIDNER", "EMMANUEL", "RONALD", "JOB", "DIEUFORT"],
        female: &["MARIE CLAUDE", "GUERLINE", "NADEGE", "ROSELAURE", "MIRLANDE", "WIDELINE", "ROSE-MARIE"],
        compound: 0.05,
        weight: 12,
    },
    Origin {
        label: "jamaican",
        countries: &["JAMAICA", "TRINIDAD AND TOBAGO", "GUYANA"],
        family: &["BROWN", "CAMPBELL", "WILLIAMS", "MCKENZIE", "GORDON", "THOMPSON", "REID", "FRANCIS", "BARRETT"],
        male: &["DWAYNE", "ANDRE", "OMAR", "SHAVAR", "DEVON", "RICARDO", "KEMAR", "O'NEIL"],
        female: &["TAMIKA", "KEISHA", "SHANTEL", "TASHANNA", "MARCIA", "NORDIA"],
        compound: 0.0,
        weight: 6,
    },
    Origin {
        label: "chinese",
        countries: &["CHINA"],
        family: &["CHEN", "LIN", "WANG", "ZHANG", "HUANG", "ZHENG", "LIU", "WU", "ZHOU", "XU"],
        male: &["WEI", "JIANHUA", "XIAO MING", "ZHIQIANG", "HAO", "JUN", "YONG"],
        female: &["MEI LING", "XIU YING", "LI NA", "YAN", "FANG", "HUI"],
        compound: 0.0,
        weight: 5,
    },
    Origin {
        label: "vietnamese",
        countries: &["VIETNAM"],
        family: &["NGUYEN", "TRAN", "LE", "PHAM", "HUYNH", "VO", "DANG", "BUI", "DO"],
        male: &["VAN MINH", "DUC ANH", "QUANG HUY", "VAN TUAN", "THANH", "HOANG LONG"],
        female: &["THI LAN", "THI HONG", "NGOC ANH", "THI THU", "KIM LIEN"],
        compound: 0.0,
        weight: 5,
    },
    Origin {
        label: "brazilian",
        countries: &["BRAZIL"],
        family: &[
            "SILVA",
            "SANTOS",
            "OLIVEIRA",
            "SOUZA",
            "DOS SANTOS",
            "DE OLIVEIRA",
            "PEREIRA",
            "ALVES",
            "FERREIRA",
            "RODRIGUES",
            "DA SILVA",
            "GONCALVES",
            "CONCEIÇÃO",
        ],
        male: &["JOAO PEDRO", "LUCAS", "WELLINGTON", "ANDERSON", "RODRIGO", "JOÃO", "GABRIEL", "EDSON"],
        female: &["ANA PAULA", "FERNANDA", "GIOVANA", "ADRIANA", "LUCIANA", "MARIA DE FÁTIMA"],
        compound: 0.4,
        weight: 9,
    },
    Origin {
        label: "lusophone",
        countries: &["PORTUGAL", "CABO VERDE", "ANGOLA"],
        family: &["MENDES", "TAVARES", "MONTEIRO", "FERNANDES", "DA GRACA", "LOPES", "CORREIA", "SEMEDO", "VARELA"],
        male: &["MANUEL", "ANTONIO", "EDNILSON", "DJALMA", "ADILSON", "JOAQUIM"],
        female: &["MARIA JOSE", "CARLA", "EDNA", "IVONE", "ODETE"],
        compound: 0.35,
        weight: 5,
    },
    Origin {
        label: "african",
        countries: &["NIGERIA", "GHANA", "KENYA", "SOMALIA", "SENEGAL", "GUINEA", "CAMEROON", "ERITREA"],
        family: &[
            "OKAFOR", "ADEYEMI", "MENSAH", "OWUSU", "YUSUF", "MOHAMED", "DIALLO", "NDIAYE", "ASANTE", "BAH", "TESFAYE",
            "OCHIENG", "NWOSU",
        ],
        male: &["CHINEDU", "OLUWASEUN", "KWAME", "ABDI", "MAMADOU", "IBRAHIMA", "OUSMANE", "MOHAMED ISMAIL"],
        female: &["ABENA", "FATOUMATA", "AMINATA", "NGOZI", "HODAN", "AKOSUA"],
        compound: 0.0,
        weight: 6,
    },
    Origin {
        label: "eastern_european",
        countries: &["UKRAINE", "RUSSIA", "POLAND", "ROMANIA", "ALBANIA", "MOLDOVA", "GEORGIA"],
        family: &[
            "KOVALENKO",
            "SHEVCHENKO",
            "KOWALSKI",
            "NOWAK",
            "POPESCU",
            "IONESCU",
            "HOXHA",
            "BERISHA",
            "IVANOV",
            "BONDARENKO",
            "WISNIEWSKI",
            "BELADZE",
        ],
        male: &["OLEKSANDR", "DMYTRO", "ANDRZEJ", "ARBEN", "SERGIU", "PIOTR", "VLADIMIR", "GIORGI"],
        female: &["YULIIA", "MARIANA", "AGNIESZKA", "ELONA", "NATALIA", "IRINA"],
        compound: 0.0,
        weight: 5,
    },
    Origin {
        label: "south_asian",
        countries: &["INDIA", "BANGLADESH", "PAKISTAN", "NEPAL"],
        family: &["HOSSAIN", "RAHMAN", "PATEL", "SINGH", "KHAN", "UDDIN", "SHRESTHA", "CHOWDHURY"],
        male: &["MD ABDUL", "RAJESH", "IMRAN", "HARPREET", "MOHAMMAD ALI", "SURESH"],
        female: &["PRIYA", "NASRIN", "SUNITA", "FARHANA", "ANJALI"],
        compound: 0.0,
        weight: 3,
    },
    Origin {
        label: "irish",
        countries: &["IRELAND", "UNITED KINGDOM"],
        family: &["O'SULLIVAN", "MC DONAGH", "O'BRIEN", "FITZGERALD", "MURPHY", "NI CHONAILL"],
        male: &["SEAN", "PADRAIG", "CIARAN", "DECLAN"],
        female: &["AOIFE", "SIOBHAN", "NIAMH"],
        compound: 0.0,
        weight: 2,
    },
];

#[derive(Clone, Debug)]
pub struct Name {
    pub family: String,
    pub given: String,
    pub country: &'static str,
    pub male: bool,
    pub origin: &'static str,
}

pub fn pick_origin(rng: &mut Rng8) -> &'static Origin {
    let total: u32 = ORIGINS.iter().map(|o| o.weight).sum();
    let mut r = rng.gen_range(0..total);
    for o in ORIGINS {
        if r < o.weight {
            return o;
        }
        r -= o.weight;
    }
    &ORIGINS[0]
}

pub fn person_name(rng: &mut Rng8) -> Name {
    let o = pick_origin(rng);
    let male = rng.gen_bool(0.78);
    let mut family = o.family.choose(rng).unwrap().to_string();
    if rng.gen_bool(o.compound) {
        let second = o.family.choose(rng).unwrap();
        if *second != family {
            let joiner = if rng.gen_bool(0.25) { "-" } else { " " };
            family = format!("{family}{joiner}{second}");
        }
    }
    let pool = if male { o.male } else { o.female };
    let mut given = pool.choose(rng).unwrap().to_string();
    // Multiple given names are common on DHS records (full legal names, not just first names).
    let extra = rng.gen_range(0..10);
    if extra >= 6 {
        let more = pool.choose(rng).unwrap();
        if !given.contains(more) {
            given = format!("{given} {more}");
        }
    }
    Name { family, given, country: o.countries.choose(rng).unwrap(), male, origin: o.label }
}

/// Printed country: mostly as the record wants it, sometimes in title case (typed by hand).
pub fn title_case(s: &str) -> String {
    // Capital after a space, hyphen or apostrophe: "Escobar-Mejia", "O'Sullivan", "Jean-Pierre".
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = matches!(ch, ' ' | '-' | '\'');
    }
    out
}

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
