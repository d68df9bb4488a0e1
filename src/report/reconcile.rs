//! `faxtract reconcile`: our unique requests against another party's list (e.g. the agency's list of the
//! detainers it says it issued): matched, only in ours, only in theirs, with the rule of each match.
//!
//! Decisions:
//! * **Ours** are the unique requests of `report` (same loading, merging and `--from/--to` period rule);
//!   cancellations are not requests and are left out.
//! * **Theirs**: a CSV file with a header row. Columns are found by name (trimmed, case-insensitive):
//!   `--col-subject-id` (default `subject_id`), `--col-event` (`event_number`), `--col-a-number`
//!   (`a_number`), `--col-date` (`date`). A column named by a flag must exist (else usage error, exit 2);
//!   a default column that is absent is simply not used; at least one column must be found. Values are
//!   normalized like ours: identifiers uppercase without spaces, A-numbers in any printed shape
//!   (`A 212-345-678`, `212345678`) → `A` + 9 digits, dates ISO or `MM/DD/YYYY`. A value that cannot be read is
//!   treated as absent and noted in that row's `problems`. A row that cannot be parsed at all is an input error
//!   (exit 1). Blank rows are skipped.
//! * **Matching** is one-to-one, in passes from the strongest rule to the weakest, each pass taking only
//!   what is still unmatched on both sides, their rows in file order:
//!   1. `subject_id+event_number`: equal to those of any copy of our request;
//!   2. `a_number+date`: A-number of any copy, and their date equal to our issue date (our received date
//!      when no copy has a readable issue date);
//!   3. `a_number`: A-number alone, the weakest; among several candidates the one closest in date (ties by
//!      request id). Reported with `date_differs` so a reader can judge it.
//! * `summary.matched_by_channel` counts matched requests per channel their copies reached (a request on two
//!   channels counts under both) and `summary.only_ours_by_channel` likewise: requests the other party's
//!   list lacks; `only_theirs` are the ones no archive holds, which is where a 15-versus-198 gap shows.

use super::count::{self, Options, RequestInfo};
use super::load::{InputError, LoadSet};
use super::norm;
use super::ReconcileArgs;
use anyhow::{bail, Context};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

pub const RULE_KEY: &str = "subject_id+event_number";
pub const RULE_A_DATE: &str = "a_number+date";
pub const RULE_A: &str = "a_number";

/// Column names to read, each with whether the user named it explicitly.
#[derive(Debug, Clone)]
pub struct Columns {
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
    pub fn from_args(a: &ReconcileArgs) -> Columns {
        let d = Columns::default();
        let pick = |o: &Option<String>, def: (String, bool)| match o {
            Some(s) => (s.clone(), true),
            None => def,
        };
        Columns {
            subject_id: pick(&a.col_subject_id, d.subject_id),
            event: pick(&a.col_event, d.event),
            a_number: pick(&a.col_a_number, d.a_number),
            date: pick(&a.col_date, d.date),
        }
    }
}

/// One row of their list, normalized.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TheirRow {
    /// Line number in their file (the header is line 1).
    pub line: u64,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date: Option<String>,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct TheirList {
    pub path: String,
    pub rows: Vec<TheirRow>,
    pub errors: Vec<InputError>,
    pub columns: BTreeMap<String, String>,
}

/// Parses their list from CSV text. `Err` only for usage errors (no header, a named column missing).
pub fn parse_list(path: &str, text: &[u8], cols: &Columns) -> anyhow::Result<TheirList> {
    let mut rd = csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text);
    let headers = rd.byte_headers().with_context(|| format!("{path}: cannot read the header row"))?.clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    if names.iter().all(|n| n.is_empty()) {
        bail!("{path}: the list needs a header row naming its columns");
    }
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
    let ci = find("subject_id", &cols.subject_id)?;
    let ce = find("event_number", &cols.event)?;
    let ca = find("a_number", &cols.a_number)?;
    let cd = find("date", &cols.date)?;
    if ci.is_none() && ce.is_none() && ca.is_none() && cd.is_none() {
        bail!(
            "{path}: none of the columns {}, {}, {}, {} is in the header ({}); map them with --col-subject-id, --col-event, --col-a-number, --col-date",
            cols.subject_id.0, cols.event.0, cols.a_number.0, cols.date.0, names.join(", ")
        );
    }
    let mut list = TheirList { path: path.to_string(), columns: found, ..Default::default() };
    for rec in rd.byte_records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                list.errors.push(InputError { input: path.to_string(), line, message: format!("not a CSV row: {e}") });
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |c: Option<usize>| -> Result<Option<String>, String> {
            match c.and_then(|i| rec.get(i)) {
                None => Ok(None),
                Some(b) => match std::str::from_utf8(b) {
                    Ok(s) if s.trim().is_empty() => Ok(None),
                    Ok(s) => Ok(Some(s.trim().to_string())),
                    Err(_) => Err("not UTF-8".into()),
                },
            }
        };
        if rec.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) {
            continue;
        }
        let mut row = TheirRow { line, ..Default::default() };
        let mut field = |what: &str, c: Option<usize>, f: &dyn Fn(&str) -> Option<String>| -> Option<String> {
            match get(c) {
                Ok(None) => None,
                Ok(Some(s)) => {
                    let v = f(&s);
                    if v.is_none() {
                        row.problems.push(format!("{what} `{s}` not readable"));
                    }
                    v
                }
                Err(e) => {
                    row.problems.push(format!("{what}: {e}"));
                    None
                }
            }
        };
        let subject_id = field("subject_id", ci, &norm::ident);
        let event_number = field("event_number", ce, &norm::ident);
        let a_number = field("a_number", ca, &norm::a_number);
        let date = field("date", cd, &norm::date);
        row.subject_id = subject_id;
        row.event_number = event_number;
        row.a_number = a_number;
        row.date = date;
        list.rows.push(row);
    }
    Ok(list)
}

pub fn read_list(path: &Path, cols: &Columns) -> anyhow::Result<TheirList> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_list(&path.display().to_string(), &bytes, cols)
}

/// Our side of a match.
#[derive(Debug, Clone, Serialize)]
pub struct OurRef {
    pub request_id: String,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date: Option<String>,
    pub date_basis: &'static str,
    pub channels: Vec<String>,
    pub lines: Vec<String>,
    pub copies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub rule: &'static str,
    /// True when both sides have a date and they differ (possible only under the `a_number` rule).
    pub date_differs: bool,
    pub ours: OurRef,
    pub theirs: TheirRow,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub ours: usize,
    pub theirs: usize,
    pub matched: usize,
    pub matched_by_rule: BTreeMap<String, usize>,
    pub only_ours: usize,
    pub only_theirs: usize,
    pub matched_by_channel: BTreeMap<String, usize>,
    pub only_ours_by_channel: BTreeMap<String, usize>,
    pub their_rows_with_problems: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reconciliation {
    pub schema: &'static str,
    pub against: String,
    pub columns: BTreeMap<String, String>,
    pub period: (Option<String>, Option<String>),
    pub summary: Summary,
    pub matched: Vec<Match>,
    pub only_ours: Vec<OurRef>,
    pub only_theirs: Vec<TheirRow>,
    pub input_errors: Vec<InputError>,
}

fn our_ref(r: &RequestInfo) -> OurRef {
    OurRef {
        request_id: r.id.clone(),
        subject_id: r.subject_id.clone(),
        event_number: r.event_number.clone(),
        a_number: r.a_number.clone(),
        date: r.date.clone(),
        date_basis: r.date_basis,
        channels: r.channels.iter().cloned().collect(),
        lines: r.lines.iter().cloned().collect(),
        copies: r.copies.len(),
    }
}

/// Days since 1970-01-01 of an ISO date (for "closest date").
fn day_number(d: &str) -> Option<i64> {
    let y: i64 = d.get(0..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let dd: i64 = d.get(8..10)?.parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// Our request's date for matching: its issue date, else its received date.
fn match_date(r: &RequestInfo) -> Option<&str> {
    r.date_issued.as_deref().or(r.date.as_deref())
}

pub fn reconcile(set: &LoadSet, o: &Options, theirs: &TheirList) -> Reconciliation {
    let all = count::requests(set, false);
    let ours: Vec<&RequestInfo> = all.iter().filter(|r| !r.cancellation && r.in_period(o)).collect();
    let mut our_taken = vec![false; ours.len()];
    let mut their_match: Vec<Option<(usize, &'static str)>> = vec![None; theirs.rows.len()];

    // Indexes of our requests by every key any of their copies has (candidates in ascending order).
    let mut by_key: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    let mut by_a_date: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    let mut by_a: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (oi, r) in ours.iter().enumerate() {
        for sid in &r.all_subject_ids {
            for ev in &r.all_events {
                by_key.entry((sid, ev)).or_default().push(oi);
            }
        }
        for a in &r.all_a_numbers {
            by_a.entry(a).or_default().push(oi);
            if let Some(d) = match_date(r) {
                by_a_date.entry((a, d)).or_default().push(oi);
            }
        }
    }
    // Pass 1: subject ID + event number. A merged request is indexed under every subject ID × event number
    // its copies read, so a copy with a misread event number still matches on the other copy's.
    for (ti, t) in theirs.rows.iter().enumerate() {
        let (Some(sid), Some(ev)) = (&t.subject_id, &t.event_number) else { continue };
        if let Some(oi) =
            by_key.get(&(sid.as_str(), ev.as_str())).and_then(|c| c.iter().copied().find(|&oi| !our_taken[oi]))
        {
            our_taken[oi] = true;
            their_match[ti] = Some((oi, RULE_KEY));
        }
    }
    for (ti, t) in theirs.rows.iter().enumerate() {
        if their_match[ti].is_some() {
            continue;
        }
        let (Some(a), Some(d)) = (&t.a_number, &t.date) else { continue };
        if let Some(oi) =
            by_a_date.get(&(a.as_str(), d.as_str())).and_then(|c| c.iter().copied().find(|&oi| !our_taken[oi]))
        {
            our_taken[oi] = true;
            their_match[ti] = Some((oi, RULE_A_DATE));
        }
    }
    // Pass 3: A-number alone, closest date.
    for (ti, t) in theirs.rows.iter().enumerate() {
        if their_match[ti].is_some() {
            continue;
        }
        let Some(a) = &t.a_number else { continue };
        let td = t.date.as_deref().and_then(day_number);
        let best = by_a.get(a.as_str()).into_iter().flatten().copied().filter(|&oi| !our_taken[oi]).min_by_key(|&oi| {
            let od = match_date(ours[oi]).and_then(day_number);
            let dist = match (td, od) {
                (Some(x), Some(y)) => (x - y).abs(),
                _ => i64::MAX,
            };
            (dist, oi)
        });
        if let Some(oi) = best {
            our_taken[oi] = true;
            their_match[ti] = Some((oi, RULE_A));
        }
    }

    let mut matched = Vec::new();
    let mut only_theirs = Vec::new();
    let mut by_rule: BTreeMap<String, usize> =
        [RULE_KEY, RULE_A_DATE, RULE_A].iter().map(|r| (r.to_string(), 0)).collect();
    let mut matched_by_channel: BTreeMap<String, usize> = BTreeMap::new();
    for (ti, t) in theirs.rows.iter().enumerate() {
        match their_match[ti] {
            Some((oi, rule)) => {
                let r = ours[oi];
                *by_rule.entry(rule.to_string()).or_default() += 1;
                for ch in &r.channels {
                    *matched_by_channel.entry(ch.clone()).or_default() += 1;
                }
                let od = match_date(r);
                matched.push(Match {
                    rule,
                    date_differs: matches!((od, t.date.as_deref()), (Some(a), Some(b)) if a != b),
                    ours: our_ref(r),
                    theirs: t.clone(),
                });
            }
            None => only_theirs.push(t.clone()),
        }
    }
    matched.sort_by(|a, b| a.ours.request_id.cmp(&b.ours.request_id));
    let mut only_ours_by_channel: BTreeMap<String, usize> = BTreeMap::new();
    let only_ours: Vec<OurRef> = ours
        .iter()
        .enumerate()
        .filter(|(i, _)| !our_taken[*i])
        .map(|(_, r)| {
            for ch in &r.channels {
                *only_ours_by_channel.entry(ch.clone()).or_default() += 1;
            }
            our_ref(r)
        })
        .collect();
    let mut input_errors: Vec<InputError> = set.input_errors.iter().chain(theirs.errors.iter()).cloned().collect();
    input_errors.sort();
    Reconciliation {
        schema: "faxtract.reconcile/1",
        against: theirs.path.clone(),
        columns: theirs.columns.clone(),
        period: (o.from.clone(), o.to.clone()),
        summary: Summary {
            ours: ours.len(),
            theirs: theirs.rows.len(),
            matched: matched.len(),
            matched_by_rule: by_rule,
            only_ours: only_ours.len(),
            only_theirs: only_theirs.len(),
            matched_by_channel,
            only_ours_by_channel,
            their_rows_with_problems: theirs.rows.iter().filter(|r| !r.problems.is_empty()).count(),
        },
        matched,
        only_ours,
        only_theirs,
        input_errors,
    }
}

pub fn render_json(r: &Reconciliation) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("a reconciliation always serializes");
    s.push('\n');
    s
}

fn o(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// One row per item: `status,rule,request_id,their_line,subject_id,event_number,a_number,our_date,their_date,channels,lines,problems`.
pub fn render_csv(r: &Reconciliation) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "status",
        "rule",
        "request_id",
        "their_line",
        "subject_id",
        "event_number",
        "a_number",
        "our_date",
        "their_date",
        "channels",
        "lines",
        "problems",
    ]);
    for m in &r.matched {
        let _ = w.write_record([
            "matched",
            m.rule,
            &m.ours.request_id,
            &m.theirs.line.to_string(),
            o(&m.ours.subject_id),
            o(&m.ours.event_number),
            o(&m.ours.a_number),
            o(&m.ours.date),
            o(&m.theirs.date),
            &m.ours.channels.join("|"),
            &m.ours.lines.join("|"),
            &m.theirs.problems.join("; "),
        ]);
    }
    for x in &r.only_ours {
        let _ = w.write_record([
            "only_ours",
            "",
            &x.request_id,
            "",
            o(&x.subject_id),
            o(&x.event_number),
            o(&x.a_number),
            o(&x.date),
            "",
            &x.channels.join("|"),
            &x.lines.join("|"),
            "",
        ]);
    }
    for t in &r.only_theirs {
        let _ = w.write_record([
            "only_theirs",
            "",
            "",
            &t.line.to_string(),
            o(&t.subject_id),
            o(&t.event_number),
            o(&t.a_number),
            "",
            o(&t.date),
            "",
            "",
            &t.problems.join("; "),
        ]);
    }
    for e in &r.input_errors {
        let _ = w.write_record([
            "input_error",
            "",
            "",
            &e.line.map(|l| l.to_string()).unwrap_or_default(),
            "",
            "",
            "",
            "",
            "",
            "",
            &e.input,
            &e.message,
        ]);
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("UTF-8")
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render_markdown(r: &Reconciliation) -> String {
    let s = &r.summary;
    let mut out = String::new();
    let _ = writeln!(out, "# Reconciliation against `{}`\n", r.against);
    let _ = writeln!(out, "| | count |\n|---|---:|");
    let _ = writeln!(
        out,
        "| our unique requests | {} |\n| rows in their list | {} |\n| matched | {} |",
        s.ours, s.theirs, s.matched
    );
    for (rule, n) in &s.matched_by_rule {
        let _ = writeln!(out, "| matched by {rule} | {n} |");
    }
    let _ = writeln!(out, "| only in ours | {} |\n| only in theirs | {} |", s.only_ours, s.only_theirs);
    let _ = writeln!(
        out,
        "| their rows with unreadable values | {} |\n| unreadable input | {} |\n",
        s.their_rows_with_problems,
        r.input_errors.len()
    );
    if !s.matched_by_channel.is_empty() || !s.only_ours_by_channel.is_empty() {
        let _ = writeln!(out, "| channel | matched | only in ours |\n|---|---:|---:|");
        let mut chans: Vec<&String> = s.matched_by_channel.keys().chain(s.only_ours_by_channel.keys()).collect();
        chans.sort();
        chans.dedup();
        for c in chans {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(c),
                s.matched_by_channel.get(c).copied().unwrap_or(0),
                s.only_ours_by_channel.get(c).copied().unwrap_or(0)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Matched ({})\n", r.matched.len());
    if !r.matched.is_empty() {
        let _ = writeln!(
            out,
            "| request | rule | their line | our date | their date | channels |\n|---|---|---:|---|---|---|"
        );
        for m in &r.matched {
            let _ = writeln!(
                out,
                "| {} | {}{} | {} | {} | {} | {} |",
                md(&m.ours.request_id),
                m.rule,
                if m.date_differs { " (dates differ)" } else { "" },
                m.theirs.line,
                o(&m.ours.date),
                o(&m.theirs.date),
                md(&m.ours.channels.join(", "))
            );
        }
    }
    let _ = writeln!(out, "\n## Only in ours ({})\n", r.only_ours.len());
    if !r.only_ours.is_empty() {
        let _ = writeln!(out, "| request | a_number | date | channels | lines |\n|---|---|---|---|---|");
        for x in &r.only_ours {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&x.request_id),
                o(&x.a_number),
                o(&x.date),
                md(&x.channels.join(", ")),
                md(&x.lines.join(", "))
            );
        }
    }
    let _ = writeln!(out, "\n## Only in theirs ({})\n", r.only_theirs.len());
    if !r.only_theirs.is_empty() {
        let _ = writeln!(
            out,
            "| their line | subject_id | event_number | a_number | date | problems |\n|---:|---|---|---|---|---|"
        );
        for t in &r.only_theirs {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                t.line,
                o(&t.subject_id),
                o(&t.event_number),
                o(&t.a_number),
                o(&t.date),
                md(&t.problems.join("; "))
            );
        }
    }
    if !r.input_errors.is_empty() {
        let _ = writeln!(out, "\n## Unreadable input ({})\n", r.input_errors.len());
        for e in &r.input_errors {
            let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(out, "- `{}{at}`: {}", e.input, md(&e.message));
        }
    }
    out
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

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2);
    }
}
