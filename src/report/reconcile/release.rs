//! The agency's published detainer data: ICE's FOIA release layout (as the Deportation Data Project also
//! publishes it), one row per detainer, identifiers redacted.
//!
//! * **Recognised by its header**: a column `detainer_prepare_date` and at least two of `gender`,
//!   `citizenship_country`, `birth_year`, `detention_facility`, `detention_facility_code` (names trimmed,
//!   case-insensitive; spaces read as underscores). `--col-*` flags select the ID-column layout instead.
//! * **Values**: the prepare date ISO, `MM/DD/YYYY` or a date-time (its date part); `gender` `Male`/`Female`
//!   (or `M`/`F`; anything else, e.g. `Unknown`, is absent); `citizenship_country` uppercase with single
//!   spaces; `birth_year` four digits. Identifier columns (`subject_id`, `alien_file_number`, ...) read as
//!   absent when redacted (`(b)(6), (b)(7)(c)` and the like) and are used only when a real value is there.
//!   A value that cannot be read is absent and named in the row's `problems`.
//! * **`--facility REGEX`** keeps the department's rows: those whose facility name or code matches
//!   (case-insensitive). The other rows are counted by facility, not compared.

use super::list::{field, ReleaseFields, TheirList, TheirRow};
use super::table::{Row, Table};
use crate::report::norm;
use std::collections::BTreeMap;

/// The columns read, by the names the release uses.
const PREPARE_DATE: &str = "detainer_prepare_date";
const DESCRIPTIVE: [&str; 5] =
    ["gender", "citizenship_country", "birth_year", "detention_facility", "detention_facility_code"];

/// A header's name as the release spells it (`Detainer Prepare Date` → `detainer_prepare_date`).
fn canonical(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("_").replace('-', "_")
}

/// True when the header is the release layout's.
pub(crate) fn is_release(header: &[String]) -> bool {
    let names: Vec<String> = header.iter().map(|h| canonical(h)).collect();
    names.iter().any(|n| n == PREPARE_DATE) && DESCRIPTIVE.iter().filter(|d| names.iter().any(|n| n == *d)).count() >= 2
}

/// Where each column is (first of the accepted names found).
struct Columns {
    prepare_date: Option<usize>,
    facility: Option<usize>,
    facility_code: Option<usize>,
    city: Option<usize>,
    state: Option<usize>,
    gender: Option<usize>,
    citizenship: Option<usize>,
    birth_year: Option<usize>,
    detainer_type: Option<usize>,
    lift_reason: Option<usize>,
    subject_id: Option<usize>,
    a_number: Option<usize>,
}

impl Columns {
    fn of(header: &[String]) -> (Columns, BTreeMap<String, String>) {
        let names: Vec<String> = header.iter().map(|h| canonical(h)).collect();
        let mut found = BTreeMap::new();
        let mut col = |what: &str, accepted: &[&str]| {
            let i = accepted.iter().find_map(|a| names.iter().position(|n| n == a));
            if let Some(i) = i {
                found.insert(what.to_string(), header[i].clone());
            }
            i
        };
        let c = Columns {
            prepare_date: col("date", &[PREPARE_DATE]),
            facility: col("facility", &["detention_facility", "facility", "facility_name"]),
            facility_code: col("facility_code", &["detention_facility_code", "facility_code"]),
            city: col("facility_city", &["facility_city", "detention_facility_city"]),
            state: col("facility_state", &["facility_state", "detention_facility_state"]),
            gender: col("gender", &["gender", "sex"]),
            citizenship: col("citizenship", &["citizenship_country", "country_of_citizenship", "citizenship"]),
            birth_year: col("birth_year", &["birth_year", "year_of_birth"]),
            detainer_type: col("detainer_type", &["detainer_type"]),
            lift_reason: col("lift_reason", &["detainer_lift_reason", "lift_reason"]),
            subject_id: col("subject_id", &["subject_id", "unique_identifier"]),
            a_number: col("a_number", &["alien_file_number", "a_number"]),
        };
        (c, found)
    }
}

/// A redacted identifier: FOIA exemption codes such as `(b)(6), (b)(7)(c)`, or only punctuation.
fn redacted(s: &str) -> bool {
    let t = s.to_lowercase();
    t.contains("(b)(") || t.contains("redacted") || !t.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Reads the release layout's rows, keeping those of the department's facility when `facility` is given.
pub(crate) fn from_table(t: Table, facility: Option<&regex::Regex>) -> TheirList {
    let (cols, columns) = Columns::of(&t.header);
    let mut list =
        TheirList { path: t.path.clone(), layout: "release", columns, errors: t.errors, ..Default::default() };
    for r in &t.rows {
        let row = read_row(r, &cols);
        let f = row.release.as_ref().expect("a release row");
        let keep = facility.is_none_or(|re| {
            [&f.facility, &f.facility_code].iter().any(|v| v.as_deref().is_some_and(|v| re.is_match(v)))
        });
        if keep {
            list.rows.push(row);
        } else {
            *list.other_facilities.entry(facility_label(f)).or_default() += 1;
        }
    }
    list
}

/// A facility as shown in breakdowns: `NAME (CODE)`, or whichever is known.
pub(crate) fn facility_label(f: &ReleaseFields) -> String {
    match (&f.facility, &f.facility_code) {
        (Some(n), Some(c)) => format!("{n} ({c})"),
        (Some(n), None) => n.clone(),
        (None, Some(c)) => format!("({c})"),
        (None, None) => "unknown".into(),
    }
}

fn read_row(r: &Row, c: &Columns) -> TheirRow {
    let mut p = Vec::new();
    let text = |i: Option<usize>| -> Option<String> {
        match r.get(i)? {
            Ok(s) => Some(s.split_whitespace().collect::<Vec<_>>().join(" ")),
            Err(_) => None,
        }
    };
    // A value the release leaves out on purpose (redacted, unknown) is absent, not a problem.
    let unless =
        |skip: fn(&str) -> bool, i, p: &mut Vec<String>, what: &str, f: &dyn Fn(&str) -> Option<String>| match r.get(i)
        {
            Some(Ok(s)) if skip(s) => None,
            _ => field(r, p, what, i, f),
        };
    let release = ReleaseFields {
        facility: text(c.facility),
        facility_code: text(c.facility_code),
        facility_city: text(c.city),
        facility_state: text(c.state),
        gender: unless(unknown, c.gender, &mut p, "gender", &gender),
        citizenship: unless(unknown, c.citizenship, &mut p, "citizenship", &country),
        birth_year: field(r, &mut p, "birth_year", c.birth_year, &birth_year).and_then(|y| y.parse().ok()),
        detainer_type: text(c.detainer_type),
        lift_reason: text(c.lift_reason),
    };
    TheirRow {
        line: r.line,
        subject_id: unless(redacted, c.subject_id, &mut p, "subject_id", &norm::ident),
        a_number: unless(redacted, c.a_number, &mut p, "a_number", &norm::a_number),
        date: field(r, &mut p, "date", c.prepare_date, &norm::date),
        event_number: None,
        problems: p,
        release: Some(release),
    }
}

/// `Male`/`Female`/`M`/`F` → `M`/`F`.
fn gender(s: &str) -> Option<String> {
    match s.trim().to_uppercase().as_str() {
        "M" | "MALE" => Some("M".into()),
        "F" | "FEMALE" => Some("F".into()),
        _ => None,
    }
}

/// A value the release marks as not known.
fn unknown(s: &str) -> bool {
    matches!(s.trim().to_uppercase().as_str(), "U" | "UNKNOWN" | "X" | "OTHER" | "NULL" | "N/A" | "NA")
}

/// A country as the records print it: uppercase, single spaces.
fn country(s: &str) -> Option<String> {
    let c = s.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
    (c.chars().any(|ch| ch.is_alphabetic())).then_some(c)
}

fn birth_year(s: &str) -> Option<String> {
    let y = s.trim().trim_end_matches(".0");
    (y.len() == 4 && y.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y))).then(|| y.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "detainer_prepare_date,detention_facility,detention_facility_code,facility_city,\
                          facility_state,gender,citizenship_country,birth_year,detainer_type,\
                          detainer_lift_reason,subject_id,alien_file_number\n";

    #[test]
    fn recognised_by_its_header() {
        let t = super::super::table::csv("l.csv", HEADER.as_bytes()).unwrap();
        assert!(is_release(&t.header));
        assert!(!is_release(&["detainer_prepare_date".into(), "gender".into()]));
        assert!(!is_release(&["subject_id".into(), "date".into(), "gender".into(), "birth_year".into()]));
    }

    #[test]
    fn rows_redacted_ids_and_the_facility_filter() {
        let text = format!(
            "{HEADER}2025-01-09,CITY POLICE LOCKUP,CPDLOCK,Springfield,MA,Male,Guatemala,1990,I-247A,,\"(b)(6), (b)(7)(c)\",\"(b)(6), (b)(7)(c)\"\n\
             01/12/2025 00:00,COUNTY JAIL,CNTYJL,Springfield,MA,Female,MEXICO,19x1,I-247A,Released,,\n"
        );
        let t = super::super::table::csv("l.csv", text.as_bytes()).unwrap();
        let re = regex::Regex::new("(?i)lockup").unwrap();
        let l = from_table(t, Some(&re));
        assert_eq!(l.rows.len(), 1);
        assert_eq!(l.other_facilities, BTreeMap::from([("COUNTY JAIL (CNTYJL)".to_string(), 1)]));
        let r = &l.rows[0];
        assert_eq!(
            (r.date.as_deref(), r.subject_id.as_deref(), r.a_number.as_deref()),
            (Some("2025-01-09"), None, None)
        );
        let f = r.release.as_ref().unwrap();
        assert_eq!(
            (f.gender.as_deref(), f.citizenship.as_deref(), f.birth_year),
            (Some("M"), Some("GUATEMALA"), Some(1990))
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);

        let t = super::super::table::csv("l.csv", text.as_bytes()).unwrap();
        let all = from_table(t, None);
        assert_eq!(all.rows.len(), 2);
        assert_eq!(all.rows[1].date.as_deref(), Some("2025-01-12"));
        assert_eq!(all.rows[1].problems, ["birth_year `19x1` not readable"]);
    }
}
