//! Generated archives for counting: requests with known copies, misreads, cancellations and an agency list
//! in the ICE release layout, with the figures a correct count must give. Built in code, no OCR.
//!
//! Request `i` of `n` (dates spread over the year 2025, one every `365 / n` days):
//! * copies: a triplicate when `i % 7 == 3` (dedicated line, two stations), a duplicate when `i % 3 == 1`
//!   (dedicated and a station, or two stations when `i % 2 == 0`), else one copy on a station or the email
//!   line;
//! * misreads in a second copy, each leaving no exact key to merge on: `i % 5 == 1` its subject ID with one
//!   OCR-confusable digit changed (confidence 0.6) and its A-number unread; `i % 5 == 2` its event number
//!   with a `0` read as `O` (or a digit confused) and its name unread; `i % 5 == 4` its A-number one digit off (confidence 0.55) and
//!   its subject ID unread; `i % 5 == 3` its issue date one digit off (confidence 0.5; subject ID and event
//!   number still merge it, the copies vote on the date);
//! * `i % 11 == 5`: a speck in the cancel box of its only copy (ticked, no date): still a request;
//! * `i % 10 == 6`: cancelled two weeks later by a cancellation faxed to another line than any of its copies;
//! * warrants cycle I-200, I-205, judicial, none (`i % 4`); the judicial ones' second copy, if any, lacks the
//!   warrant page;
//! * agency list (release layout): one row per request at the department's facility, prepare date on or a day
//!   before the issue date, except `i % 9 == 8` (never reported: only ours); rows of another facility; and
//!   department rows no line received (only theirs, born in years no request has).
#![allow(dead_code)]

use faxtract::record::*;
use std::collections::BTreeMap;

/// What a correct count of the archive gives.
#[derive(Debug, Default)]
pub struct Truth {
    pub unique_requests: usize,
    pub copies: usize,
    pub cancellations: usize,
    pub dedicated_requests: usize,
    pub warrants: BTreeMap<&'static str, usize>,
    /// Copies with a misread value.
    pub misread_copies: usize,
    /// Requests whose copies only a near rule can merge (a key misread, no exact key left).
    pub near_merged: usize,
    pub their_rows: usize,
    pub their_other_facility_rows: usize,
    pub matched: usize,
    pub only_ours: usize,
    pub only_theirs: usize,
}

pub struct Archive {
    pub records: Vec<Record>,
    pub truth: Truth,
    /// The agency's list, CSV in the release layout.
    pub release_csv: String,
    /// The same list's rows (header first), for writing an XLSX.
    pub release_rows: Vec<Vec<String>>,
}

const FAMILY: [&str; 12] = [
    "GARCIA LOPEZ",
    "SMITH",
    "NGUYEN",
    "OKAFOR",
    "ROSSI",
    "KOWALSKI",
    "BROWN",
    "DIAZ",
    "LEE",
    "PINEDA AGUILAR",
    "HERNANDEZ",
    "MOREAU",
];
const GIVEN: [&str; 10] = ["JUAN", "ANNA", "VAN", "CHIDI", "MARCO", "PIOTR", "LEE", "ROSA", "MIN", "ALEXANDER JOSE"];
const COUNTRIES: [&str; 8] =
    ["MEXICO", "GUATEMALA", "HONDURAS", "EL SALVADOR", "ECUADOR", "BRAZIL", "DOMINICAN REPUBLIC", "HAITI"];
const OFFICES: [&str; 4] = ["BOS", "NYC", "PHI", "LESC"];
const WARRANTS: [WarrantType; 4] = [WarrantType::I200, WarrantType::I205, WarrantType::Judicial, WarrantType::None];
const STATIONS: [&str; 3] = ["station-a", "station-b", "station-c"];
pub const HEADER: [&str; 12] = [
    "detainer_prepare_date",
    "detention_facility",
    "detention_facility_code",
    "facility_city",
    "facility_state",
    "gender",
    "citizenship_country",
    "birth_year",
    "detainer_type",
    "detainer_lift_reason",
    "subject_id",
    "alien_file_number",
];
pub const DEPARTMENT: (&str, &str) = ("SPRINGFIELD POLICE CENTRAL LOCKUP", "SPDLOCK");
pub const OTHER_FACILITY: (&str, &str) = ("HAMPDEN COUNTY JAIL", "HAMPJL");

/// A deterministic pseudo-random stream (xorshift), so that archives are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `2025-01-01` plus `days`, as `YYYY-MM-DD` (days within a few years).
pub fn date_plus(days: i64) -> String {
    let mut y = 2025;
    let mut d = days;
    loop {
        let len = if y % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let months = [31, if y % 4 == 0 { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
}

/// The true values of one request.
#[derive(Clone)]
pub struct Request {
    pub sid: String,
    pub event: String,
    pub a_number: String,
    pub date: String,
    pub day: i64,
    pub family: &'static str,
    pub given: &'static str,
    pub dob: String,
    pub citizenship: &'static str,
    pub sex: &'static str,
    pub office: &'static str,
    pub warrant: WarrantType,
}

/// A request's values, from the stream: IDs random, attributes from `i` (distinct within any week).
pub fn request(i: usize, n: usize, rng: &mut Rng) -> Request {
    let day = (i * 365 / n.max(1)) as i64;
    let date = date_plus(day);
    let office = OFFICES[i % OFFICES.len()];
    Request {
        sid: format!("{:09}", 100_000_000 + rng.below(899_999_999)),
        event: format!("{office}{}{:06}", &date[2..4], rng.below(1_000_000)),
        a_number: format!("A{:09}", 200_000_000 + rng.below(699_999_999)),
        day,
        date,
        family: FAMILY[i % FAMILY.len()],
        given: GIVEN[(i / FAMILY.len()) % GIVEN.len()],
        dob: format!("{}-{:02}-{:02}", 1960 + i % 40, 1 + i % 12, 1 + i % 28),
        citizenship: COUNTRIES[(i / 40) % COUNTRIES.len()],
        sex: if i % 2 == 0 { "M" } else { "F" },
        office,
        warrant: WARRANTS[i % 4],
    }
}

fn channel(line: &str) -> &'static str {
    match line {
        "central-fax" => "dedicated",
        "bureau-email" => "email",
        _ => "station",
    }
}

fn field(value: &str, confidence: f32) -> Field {
    Field {
        value: serde_json::Value::String(value.into()),
        raw: value.into(),
        confidence,
        page: 1,
        bbox: [100, 200, 300, 20],
        method: Some("label".into()),
        ..Field::default()
    }
}

/// One copy of request `q` as `faxtract run` would write it, received on `line`.
pub fn copy(q: &Request, path: String, line: &str, received: &str) -> Record {
    let sha = format!(
        "{:064x}",
        path.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
    );
    let mut r = Record::new(Kind::Detainer, Source { path, sha256: sha, pages: vec![1, 2, 3, 4], page_count: 4 });
    r.form = Some("I-247A".into());
    r.fax = Fax {
        received_at: Some(format!("{received}T09:30:00")),
        sender: Some("ICE ERO".into()),
        line: Some(line.into()),
        channel: Some(channel(line).into()),
        header: Header { raw: Some("HEADER LINE OF THE FAX".into()), confidence: 0.9, ..Default::default() },
    };
    let name = format!("{}, {}", q.family, q.given);
    r.detainer = Some(Detainer {
        subject_id: Some(q.sid.clone()),
        event_number: Some(q.event.clone()),
        a_number: Some(q.a_number.clone()),
        date_issued: Some(q.date.clone()),
        subject: Subject {
            name: Some(name.clone()),
            family_name: Some(q.family.into()),
            given_names: Some(q.given.into()),
            dob: Some(q.dob.clone()),
            citizenship: Some(q.citizenship.into()),
            sex: Some(q.sex.into()),
        },
        issuing_office: IssuingOffice {
            code: Some(q.office.into()),
            name: Some(format!("{} field office", q.office)),
            raw: Some(format!("ERO {}", q.office)),
        },
        warrant: Warrant { kind: q.warrant, page: (q.warrant != WarrantType::None).then_some(4) },
        probable_cause: vec![ProbableCause::Biometric],
        cancels_previous: false,
        cancelled_request_date: None,
    });
    for (k, v) in [
        ("subject_id", q.sid.clone()),
        ("event_number", q.event.clone()),
        ("a_number", q.a_number.clone()),
        ("date_issued", q.date.clone()),
        ("name", name),
        ("dob", q.dob.clone()),
        ("citizenship", q.citizenship.into()),
        ("sex", q.sex.into()),
        ("issuing_office", q.office.into()),
    ] {
        r.fields.insert(k.into(), field(&v, 0.95));
    }
    r
}

/// One digit of `s` (at `at`) swapped for the one OCR confuses it with.
pub fn confuse(s: &str, at: usize) -> String {
    let pairs = [
        ('0', '8'),
        ('1', '7'),
        ('2', '7'),
        ('3', '8'),
        ('5', '6'),
        ('6', '5'),
        ('7', '1'),
        ('8', '3'),
        ('9', '0'),
        ('4', '1'),
    ];
    s.chars()
        .enumerate()
        .map(|(i, c)| if i == at { pairs.iter().find(|p| p.0 == c).map(|p| p.1).unwrap_or(c) } else { c })
        .collect()
}

/// The lines request `i`'s copies arrived on.
fn lines_of(i: usize) -> Vec<&'static str> {
    if i % 7 == 3 {
        vec!["central-fax", STATIONS[i % 3], STATIONS[(i + 1) % 3]]
    } else if i % 3 == 1 {
        if i % 2 == 0 {
            vec![STATIONS[i % 3], STATIONS[(i + 1) % 3]]
        } else {
            vec!["central-fax", STATIONS[i % 3]]
        }
    } else if i % 4 == 0 {
        vec!["bureau-email"]
    } else {
        vec![STATIONS[i % 3]]
    }
}

/// Makes the second copy of request `i` misread one of its keys (see the module doc); true if it did.
fn misread(i: usize, r: &mut Record) -> bool {
    let d = r.detainer.as_mut().expect("a detainer copy");
    match i % 5 {
        1 => {
            let sid = d.subject_id.clone().unwrap_or_default();
            let at = (1..sid.len()).find(|&k| confuse(&sid, k) != sid).unwrap_or(1);
            d.subject_id = Some(confuse(&sid, at));
            d.a_number = None;
            r.fields.insert("subject_id".into(), field(d.subject_id.as_deref().unwrap_or(""), 0.6));
        }
        2 => {
            // A zero read as the letter O, else a digit read as the one OCR confuses it with.
            let e = d.event_number.clone().unwrap_or_default();
            d.event_number =
                Some(if e[3..].contains('0') { e.replacen('0', "O", 1) } else { confuse(&e, e.len() - 1) });
            d.subject.name = None;
        }
        3 => {
            let date = d.date_issued.clone().unwrap_or_default();
            d.date_issued = Some(confuse(&date, 9));
            r.fields.insert("date_issued".into(), field(d.date_issued.as_deref().unwrap_or(""), 0.5));
        }
        4 => {
            d.a_number = d.a_number.as_ref().map(|a| confuse(a, 5));
            d.subject_id = None;
            r.fields.insert("a_number".into(), field(d.a_number.as_deref().unwrap_or(""), 0.55));
            r.fields.remove("subject_id");
        }
        _ => return false,
    }
    true
}

/// An archive of `n` requests with its truth, and the agency's list.
pub fn archive(n: usize, seed: u64) -> Archive {
    let mut rng = Rng::new(seed);
    let mut t = Truth::default();
    let mut records = Vec::new();
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for i in 0..n {
        let q = request(i, n, &mut rng);
        let lines = lines_of(i);
        t.unique_requests += 1;
        *t.warrants.entry(warrant_name(q.warrant)).or_default() += 1;
        if lines.contains(&"central-fax") {
            t.dedicated_requests += 1;
        }
        for (c, line) in lines.iter().enumerate() {
            let mut r = copy(&q, format!("{line}/req{i:06}-{c}.tif"), line, &q.date);
            if c == 1 && q.warrant == WarrantType::Judicial {
                r.detainer.as_mut().unwrap().warrant = Warrant { kind: WarrantType::None, page: None };
            }
            if c == 1 && misread(i, &mut r) {
                t.misread_copies += 1;
                t.near_merged += usize::from(i % 5 != 3);
            }
            if lines.len() == 1 && i % 11 == 5 {
                r.detainer.as_mut().unwrap().cancels_previous = true;
            }
            t.copies += 1;
            records.push(r);
        }
        if i % 10 == 6 {
            // The cancellation arrives on a line none of the request's copies came in on.
            let line = ["central-fax", "bureau-email", "station-a", "station-b", "station-c"]
                .into_iter()
                .find(|l| !lines.contains(l))
                .expect("a free line");
            let mut c = copy(&q, format!("{line}/cancel{i:06}.tif"), line, &date_plus(q.day + 14));
            let d = c.detainer.as_mut().unwrap();
            d.cancels_previous = true;
            d.cancelled_request_date = Some(q.date.clone());
            d.date_issued = Some(date_plus(q.day + 14));
            d.warrant = Warrant::default();
            t.cancellations += 1;
            records.push(c);
        }
        if i % 9 == 8 {
            t.only_ours += 1;
        } else {
            t.matched += 1;
            rows.push(release_row(&q, DEPARTMENT, (i % 2) as i64));
        }
    }
    // Other facilities' rows, and department rows that never reached any line (born when no request was).
    for k in 0..(n / 4).max(2) {
        let mut q = request(k, n, &mut rng);
        q.dob = format!("{}-06-01", 1940 + k % 15);
        if k % 2 == 0 {
            t.their_other_facility_rows += 1;
            rows.push(release_row(&q, OTHER_FACILITY, 0));
        } else {
            t.only_theirs += 1;
            rows.push(release_row(&q, DEPARTMENT, 0));
        }
    }
    t.their_rows = t.matched + t.only_theirs;
    let release_csv = rows.iter().map(|r| csv_line(r)).collect::<Vec<_>>().join("\n") + "\n";
    Archive { records, truth: t, release_csv, release_rows: rows }
}

fn csv_line(r: &[String]) -> String {
    r.iter().map(|c| if c.contains(',') { format!("\"{c}\"") } else { c.clone() }).collect::<Vec<_>>().join(",")
}

/// A row of the release layout for request `q` at `facility`, prepared `before` days before its issue date.
pub fn release_row(q: &Request, facility: (&str, &str), before: i64) -> Vec<String> {
    vec![
        date_plus(q.day - before),
        facility.0.into(),
        facility.1.into(),
        "Springfield".into(),
        "MA".into(),
        if q.sex == "M" { "Male" } else { "Female" }.into(),
        // The release writes countries in its own case.
        q.citizenship.chars().enumerate().map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() }).collect(),
        q.dob[..4].into(),
        "I-247A".into(),
        String::new(),
        "(b)(6), (b)(7)(c)".into(),
        "(b)(6), (b)(7)(c)".into(),
    ]
}

pub fn warrant_name(w: WarrantType) -> &'static str {
    match w {
        WarrantType::I200 => "I-200",
        WarrantType::I205 => "I-205",
        WarrantType::Judicial => "judicial",
        WarrantType::None => "none",
    }
}
