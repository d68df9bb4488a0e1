//! The other party's list for `faxtract reconcile`: a CSV file with a header row, one row per request.
//!
//! Columns are found by name (trimmed, case-insensitive): `--col-subject-id` (default `subject_id`),
//! `--col-event` (`event_number`), `--col-a-number` (`a_number`), `--col-date` (`date`). A column named by a
//! flag must exist (else usage error, exit 2); a default column that is absent is simply not used; at least
//! one column must be found. Values are normalized like ours: identifiers uppercase without spaces, A-numbers
//! in any printed shape (`A 212-345-678`, `212345678`) → `A` + 9 digits, dates ISO or `MM/DD/YYYY`. A value
//! that cannot be read is treated as absent and noted in that row's `problems`. A row that cannot be parsed
//! at all is an input error (exit 1). Blank rows are skipped.

use crate::report::load::InputError;
use crate::report::norm;
use anyhow::{bail, Context};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

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
}

#[derive(Debug, Clone, Default)]
pub(crate) struct TheirList {
    pub path: String,
    pub rows: Vec<TheirRow>,
    pub errors: Vec<InputError>,
    pub columns: BTreeMap<String, String>,
}

/// Reads their list from a file. `Err` for usage errors: the file cannot be read, has no header, lacks a
/// named column.
pub(crate) fn read_list(path: &Path, cols: &Columns) -> anyhow::Result<TheirList> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_list(&path.display().to_string(), &bytes, cols)
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

/// Parses their list from CSV text. `Err` only for usage errors (no header, a named column missing).
pub(crate) fn parse_list(path: &str, text: &[u8], cols: &Columns) -> anyhow::Result<TheirList> {
    let mut rd = csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text);
    let headers = rd.byte_headers().with_context(|| format!("{path}: cannot read the header row"))?.clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    if names.iter().all(|n| n.is_empty()) {
        bail!("{path}: the list needs a header row naming its columns");
    }
    let found = find_columns(path, &names, cols)?;
    let mut list = TheirList { path: path.to_string(), columns: found.names.clone(), ..Default::default() };
    for rec in rd.byte_records() {
        match rec {
            Ok(rec) if rec.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) => {}
            Ok(rec) => list.rows.push(read_row(&rec, &found)),
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                list.errors.push(InputError { input: path.to_string(), line, message: format!("not a CSV row: {e}") });
            }
        }
    }
    Ok(list)
}

/// One CSV row → one normalized row; unreadable values are left out and named in `problems`.
fn read_row(rec: &csv::ByteRecord, found: &Found) -> TheirRow {
    let mut row = TheirRow { line: rec.position().map(|p| p.line()).unwrap_or(0), ..Default::default() };
    let mut field = |what: &str, c: Option<usize>, f: &dyn Fn(&str) -> Option<String>| -> Option<String> {
        let bytes = c.and_then(|i| rec.get(i))?;
        match std::str::from_utf8(bytes) {
            Ok(s) if s.trim().is_empty() => None,
            Ok(s) => {
                let s = s.trim();
                let v = f(s);
                if v.is_none() {
                    row.problems.push(format!("{what} `{s}` not readable"));
                }
                v
            }
            Err(_) => {
                row.problems.push(format!("{what}: not UTF-8"));
                None
            }
        }
    };
    let subject_id = field("subject_id", found.subject_id, &norm::ident);
    let event_number = field("event_number", found.event, &norm::ident);
    let a_number = field("a_number", found.a_number, &norm::a_number);
    let date = field("date", found.date, &norm::date);
    TheirRow { subject_id, event_number, a_number, date, ..row }
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
