//! The other party's list for `faxtract reconcile` in the ID-column layout: one row per request, with
//! columns for its identifiers (the agency's release layout is [`super::release`]).
//!
//! Columns are found by name (trimmed, case-insensitive): `--col-subject-id` (default `subject_id`),
//! `--col-event` (`event_number`), `--col-a-number` (`a_number`), `--col-date` (`date`). A column named by a
//! flag must exist (else usage error, exit 2); a default column that is absent is simply not used; at least
//! one column must be found. Values are normalized like ours: identifiers uppercase without spaces, A-numbers
//! in any printed shape (`A 212-345-678`, `212345678`) → `A` + 9 digits, dates ISO or `MM/DD/YYYY`. A value
//! that cannot be read is treated as absent and noted in that row's `problems`. A row that cannot be parsed
//! at all is an input error (exit 1). Blank rows are skipped.

use super::table::{Row, Table};
use crate::report::load::InputError;
use crate::report::norm;
use anyhow::bail;
use serde::Serialize;
use std::collections::BTreeMap;

/// Column names to read, each with whether the user named it explicitly.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub subject_id: (String, bool),
    pub event: (String, bool),
    pub a_number: (String, bool),
    pub date: (String, bool),
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            subject_id: ("subject_id".into(), false),
            event: ("event_number".into(), false),
            a_number: ("a_number".into(), false),
            date: ("date".into(), false),
        }
    }
}

impl Columns {
    /// The columns named by `--col-*` flags (explicit), the defaults for the rest.
    pub(crate) fn named(
        subject_id: &Option<String>,
        event: &Option<String>,
        a_number: &Option<String>,
        date: &Option<String>,
    ) -> Columns {
        let d = Columns::default();
        let pick = |o: &Option<String>, def: (String, bool)| match o {
            Some(s) => (s.clone(), true),
            None => def,
        };
        Columns {
            subject_id: pick(subject_id, d.subject_id),
            event: pick(event, d.event),
            a_number: pick(a_number, d.a_number),
            date: pick(date, d.date),
        }
    }
}

/// One row of their list, normalized.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct TheirRow {
    /// Line number in their file (the header is line 1).
    pub line: u64,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date: Option<String>,
    pub problems: Vec<String>,
    /// The release layout's descriptive columns (absent in the ID-column layout).
    #[serde(flatten)]
    pub release: Option<ReleaseFields>,
}

/// A row of the agency's release layout: one detainer, its identifiers redacted (see [`super::release`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct ReleaseFields {
    pub facility: Option<String>,
    pub facility_code: Option<String>,
    pub facility_city: Option<String>,
    pub facility_state: Option<String>,
    /// `M` or `F`.
    pub gender: Option<String>,
    pub citizenship: Option<String>,
    pub birth_year: Option<u16>,
    pub detainer_type: Option<String>,
    pub lift_reason: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct TheirList {
    pub path: String,
    /// `ids` (a column per identifier) or `release` (the agency's published layout).
    pub layout: &'static str,
    /// The rows compared: all of them, or with `--facility` the department's.
    pub rows: Vec<TheirRow>,
    pub errors: Vec<InputError>,
    pub columns: BTreeMap<String, String>,
    /// Rows of other facilities left out by `--facility`, by facility.
    pub other_facilities: BTreeMap<String, usize>,
}

/// Where each wanted column is in the header (`None`: a default column that is absent).
struct Found {
    subject_id: Option<usize>,
    event: Option<usize>,
    a_number: Option<usize>,
    date: Option<usize>,
    /// What was found, as `what → column name` (shown in the output).
    names: BTreeMap<String, String>,
}

/// Finds the columns in the header row. `Err` when a named column is missing or none is found.
fn find_columns(path: &str, names: &[String], cols: &Columns) -> anyhow::Result<Found> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    let mut find = |what: &str, (name, explicit): &(String, bool)| -> anyhow::Result<Option<usize>> {
        let want = name.trim().to_lowercase();
        match names.iter().position(|n| *n == want) {
            Some(i) => {
                found.insert(what.to_string(), name.clone());
                Ok(Some(i))
            }
            None if *explicit => bail!("{path}: no column `{name}` (columns: {})", names.join(", ")),
            None => Ok(None),
        }
    };
    let subject_id = find("subject_id", &cols.subject_id)?;
    let event = find("event_number", &cols.event)?;
    let a_number = find("a_number", &cols.a_number)?;
    let date = find("date", &cols.date)?;
    if subject_id.is_none() && event.is_none() && a_number.is_none() && date.is_none() {
        bail!(
            "{path}: none of the columns {}, {}, {}, {} is in the header ({}); map them with --col-subject-id, --col-event, --col-a-number, --col-date",
            cols.subject_id.0, cols.event.0, cols.a_number.0, cols.date.0, names.join(", ")
        );
    }
    Ok(Found { subject_id, event, a_number, date, names: found })
}

/// Parses their list from CSV text (tests). `Err` only for usage errors (no header, a named column missing).
#[cfg(test)]
pub(crate) fn parse_list(path: &str, text: &[u8], cols: &Columns) -> anyhow::Result<TheirList> {
    from_table(super::table::csv(path, text)?, cols)
}

/// Reads their list from a table of the ID-column layout.
pub(crate) fn from_table(t: Table, cols: &Columns) -> anyhow::Result<TheirList> {
    let found = find_columns(&t.path, &t.header, cols)?;
    let rows = t.rows.iter().map(|r| read_row(r, &found)).collect();
    Ok(TheirList { path: t.path, layout: "ids", rows, errors: t.errors, columns: found.names, ..Default::default() })
}

/// One value of a row, normalized by `f`; an unreadable one is left out and named in `problems`.
pub(crate) fn field(
    row: &Row,
    problems: &mut Vec<String>,
    what: &str,
    c: Option<usize>,
    f: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    match row.get(c)? {
        Ok(s) => {
            let v = f(s);
            if v.is_none() {
                problems.push(format!("{what} `{s}` not readable"));
            }
            v
        }
        Err(e) => {
            problems.push(format!("{what}: {e}"));
            None
        }
    }
}

/// One row → one normalized row; unreadable values are left out and named in `problems`.
fn read_row(r: &Row, found: &Found) -> TheirRow {
    let mut p = Vec::new();
    TheirRow {
        line: r.line,
        subject_id: field(r, &mut p, "subject_id", found.subject_id, &norm::ident),
        event_number: field(r, &mut p, "event_number", found.event, &norm::ident),
        a_number: field(r, &mut p, "a_number", found.a_number, &norm::a_number),
        date: field(r, &mut p, "date", found.date, &norm::date),
        problems: p,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_their_list_with_mapped_columns_and_loose_formats() {
        let text = "Subject,Event No,File Number,Issued,Other\n\
                    123, bos2503000123 ,A 212-345-678,03/05/2025,x\n\
                    ,,212345679,2025-03-06,\n\
                    \n\
                    9,E9,A12,13/45/2025,\n";
        let cols = Columns {
            subject_id: ("subject".into(), true),
            event: ("event no".into(), true),
            a_number: ("FILE NUMBER".into(), true),
            date: ("issued".into(), true),
        };
        let l = parse_list("theirs.csv", text.as_bytes(), &cols).unwrap();
        assert_eq!(l.rows.len(), 3);
        assert!(l.errors.is_empty());
        let r = &l.rows[0];
        assert_eq!(r.line, 2);
        assert_eq!(r.subject_id.as_deref(), Some("123"));
        assert_eq!(r.event_number.as_deref(), Some("BOS2503000123"));
        assert_eq!(r.a_number.as_deref(), Some("A212345678"));
        assert_eq!(r.date.as_deref(), Some("2025-03-05"));
        assert_eq!(l.rows[1].a_number.as_deref(), Some("A212345679"));
        assert_eq!(l.rows[1].subject_id, None);
        assert_eq!(l.rows[2].a_number, None);
        assert_eq!(l.rows[2].date, None);
        assert_eq!(l.rows[2].problems.len(), 2, "{:?}", l.rows[2].problems);
    }

    #[test]
    fn default_columns_may_be_absent_named_ones_may_not() {
        let text = "a_number,date\nA212345678,2025-01-01\n";
        let l = parse_list("t.csv", text.as_bytes(), &Columns::default()).unwrap();
        assert_eq!(l.rows.len(), 1);
        assert_eq!(l.columns.len(), 2);
        let cols = Columns { event: ("event".into(), true), ..Columns::default() };
        assert!(parse_list("t.csv", text.as_bytes(), &cols).is_err());
        assert!(parse_list("t.csv", b"x,y\n1,2\n", &Columns::default()).is_err());
    }
}
