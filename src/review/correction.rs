//! Corrections: a person's value for one field of one record, read from JSON Lines files, validated, and
//! applied with an audit entry on the record.
//!
//! One line a correction (`faxtract.correction/1`):
//! `{"schema","source_sha256","pages","field","value","by","at","note"}`. A record is named by its
//! `source.sha256` and `source.pages`; `value` is in the record's normalized form (see [`validate`]). A line
//! that does not parse, names no record, or gives an invalid value is [`Rejected`]: reported with its file
//! and line, never applied, and never quoted (it may hold a name).

use super::reasons::{Reason, CORRECTABLE};
use crate::forms::models::Models;
use crate::forms::normalize;
use crate::record::{AppliedCorrection, Field, Kind, ProbableCause, Record, WarrantType};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;

/// The schema tag of a correction line.
pub const SCHEMA: &str = "faxtract.correction/1";

/// One line of a corrections file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub schema: String,
    pub source_sha256: String,
    pub pages: Vec<u32>,
    pub field: String,
    pub value: Value,
    pub by: String,
    pub at: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a correction was read: its file and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

/// A correction that was not applied, and why (in words that quote no value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub origin: Origin,
    pub why: String,
}

/// What applying a set of corrections did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outcome {
    /// Correction lines read.
    pub read: usize,
    /// Corrections applied (a record read twice counts once).
    pub applied: usize,
    /// Corrections the records already carried in their audit list (the same file applied again): skipped.
    pub already_applied: usize,
    /// Records changed.
    pub records: usize,
    pub rejected: Vec<Rejected>,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} corrections read: {} applied to {} records, {} already applied, {} not applied",
            self.read,
            self.applied,
            self.records,
            self.already_applied,
            self.rejected.len()
        )
    }
}

/// Correction lines read, each with where it was read.
pub type Lines = Vec<(Origin, Correction)>;

/// Reads corrections files. A file that cannot be read is an error (nothing is applied); a line that is
/// not a correction is rejected with its place. Blank lines are skipped.
pub fn read_files(paths: &[PathBuf]) -> anyhow::Result<(Lines, Vec<Rejected>)> {
    use anyhow::Context;
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for p in paths {
        let text = std::fs::read_to_string(p).with_context(|| format!("cannot read corrections {}", p.display()))?;
        let file = p.display().to_string();
        for (i, line) in text.lines().enumerate() {
            let line_text = line.trim_start_matches('\u{feff}').trim();
            if line_text.is_empty() {
                continue;
            }
            let origin = Origin { file: file.clone(), line: i + 1 };
            match serde_json::from_str::<Correction>(line_text) {
                Ok(c) => ok.push((origin, c)),
                // serde's message can quote the value; only its kind and column are reported.
                Err(e) => bad.push(Rejected {
                    origin,
                    why: format!(
                        "not a correction ({:?} error at column {}): a JSON object with schema, source_sha256, \
                         pages, field, value, by and at is expected",
                        e.classify(),
                        e.column()
                    ),
                }),
            }
        }
    }
    Ok((ok, bad))
}

/// A correction's value once validated, ready to store.
#[derive(Debug, Clone, PartialEq)]
enum NewValue {
    Text(Option<String>),
    Name(Option<(String, String, String)>),
    Office(Option<(String, String)>),
    Bool(bool),
    Causes(Vec<ProbableCause>),
    Warrant(WarrantType),
}

/// `value` as a normalized value of `field`, or why not (naming the form wanted, never the value).
///
/// The forms: digits for `subject_id`; uppercase letters and digits (6 or more) for `event_number`; `A` and
/// 9 digits for `a_number`; real dates `YYYY-MM-DD` for `date_issued`, `dob`, `cancelled_request_date`;
/// `FAMILY, GIVEN` uppercase with single spaces for `name`; a country as `models/countries.txt` names it
/// for `citizenship`; `M`, `F` or `X` for `sex`; an office code of `models/offices.toml` for
/// `issuing_office`; true or false for `cancels_previous`; a list of `final_order`, `removal_proceedings`,
/// `biometric`, `statements` for `probable_cause`; `I-200`, `I-205`, `judicial` or `none` for
/// `warrant_type`. Null (the form leaves it blank) is valid for every field but the last three.
fn validate(models: &Models, field: &str, value: &Value) -> Result<NewValue, String> {
    let text = || -> Result<Option<&str>, String> {
        match value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.as_str())),
            _ => Err(format!("the value of `{field}` must be a string or null")),
        }
    };
    let checked = |ok: bool, form: &str| -> Result<NewValue, String> {
        if ok {
            Ok(NewValue::Text(text()?.map(str::to_string)))
        } else {
            Err(format!("the value of `{field}` is not {form}"))
        }
    };
    let is_date = |s: &str| s.len() == 10 && normalize::date(s).as_deref() == Ok(s);
    match field {
        "subject_id" => {
            checked(text()?.is_none_or(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())), "digits only")
        }
        "event_number" => checked(
            text()?.is_none_or(|s| s.len() >= 6 && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())),
            "6 or more uppercase letters and digits, no spaces",
        ),
        "a_number" => checked(
            text()?.is_none_or(|s| s.len() == 10 && s.starts_with('A') && s[1..].chars().all(|c| c.is_ascii_digit())),
            "`A` and 9 digits",
        ),
        "date_issued" | "dob" | "cancelled_request_date" => {
            checked(text()?.is_none_or(is_date), "a real date written YYYY-MM-DD")
        }
        "sex" => checked(text()?.is_none_or(|s| matches!(s, "M" | "F" | "X")), "M, F or X"),
        "citizenship" => {
            let known = |s: &str| models.countries.iter().any(|(_, canonical)| canonical == s);
            checked(text()?.is_none_or(known), "a country as models/countries.txt names it")
        }
        "name" => match text()? {
            None => Ok(NewValue::Name(None)),
            Some(s) => match normalize::name(s) {
                Ok((name, family, given)) if name == s => Ok(NewValue::Name(Some((name, family, given)))),
                _ => Err("the value of `name` is not `FAMILY, GIVEN` in capitals with single spaces".into()),
            },
        },
        "issuing_office" => match text()? {
            None => Ok(NewValue::Office(None)),
            Some(s) => match models.offices.iter().find(|o| o.code == s) {
                Some(o) => Ok(NewValue::Office(Some((o.code.clone(), o.name.clone())))),
                None => Err("the value of `issuing_office` is not an office code of models/offices.toml".into()),
            },
        },
        "cancels_previous" => match value {
            Value::Bool(b) => Ok(NewValue::Bool(*b)),
            _ => Err("the value of `cancels_previous` is not true or false".into()),
        },
        "probable_cause" => {
            let causes: Vec<ProbableCause> = serde_json::from_value(value.clone())
                .map_err(|_| "the value of `probable_cause` is not a list of probable-cause names".to_string())?;
            let mut unique = causes.clone();
            unique.sort();
            unique.dedup();
            if unique.len() != causes.len() {
                return Err("the value of `probable_cause` names a cause twice".into());
            }
            Ok(NewValue::Causes(causes))
        }
        "warrant_type" => serde_json::from_value(value.clone())
            .map(NewValue::Warrant)
            .map_err(|_| "the value of `warrant_type` is not I-200, I-205, judicial or none".into()),
        other => Err(format!("the field `{other}` cannot be corrected (one of: {})", CORRECTABLE.join(", "))),
    }
}

/// A time as ISO 8601 with at least the minutes (`2025-03-01T14:05`, then seconds, fraction, zone).
fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 16
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && normalize::date(&s[..10]).as_deref() == Ok(&s[..10])
        && s[16..].chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'))
}

/// The checks a correction line must pass whatever its field.
fn check_line(c: &Correction) -> Result<(), String> {
    if c.schema != SCHEMA {
        return Err(format!("the schema is not `{SCHEMA}`"));
    }
    if c.source_sha256.len() != 64 || !c.source_sha256.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("source_sha256 is not 64 hex digits".into());
    }
    let by = c.by.trim();
    if by.is_empty() || by.chars().count() > 64 || by.chars().any(char::is_control) {
        return Err("`by` must name who made the correction (initials, at most 64 characters)".into());
    }
    if !is_time(&c.at) {
        return Err("`at` is not an ISO 8601 time (YYYY-MM-DDTHH:MM[:SS][zone])".into());
    }
    if c.note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err("the note is longer than 2000 characters".into());
    }
    Ok(())
}

/// The value of correctable `field` as the record holds it now.
pub fn current_value(rec: &Record, field: &str) -> Value {
    let Some(d) = rec.detainer.as_ref() else { return Value::Null };
    match field {
        "subject_id" => json!(d.subject_id),
        "event_number" => json!(d.event_number),
        "a_number" => json!(d.a_number),
        "date_issued" => json!(d.date_issued),
        "name" => json!(d.subject.name),
        "dob" => json!(d.subject.dob),
        "citizenship" => json!(d.subject.citizenship),
        "sex" => json!(d.subject.sex),
        "issuing_office" => json!(d.issuing_office.code),
        "cancels_previous" => json!(d.cancels_previous),
        "cancelled_request_date" => json!(d.cancelled_request_date),
        "probable_cause" => json!(d.probable_cause),
        "warrant_type" => json!(d.warrant.kind),
        _ => Value::Null,
    }
}

/// Stores a validated value in `detainer.*` and, for the fields the record lists there, `fields.*`.
fn store(rec: &mut Record, field: &str, value: NewValue) {
    let Some(d) = rec.detainer.as_mut() else { return };
    match value {
        NewValue::Text(t) => match d.text_slot(field) {
            Some(slot) => *slot = t,
            None => return,
        },
        NewValue::Name(n) => {
            let (name, family, given) = match n {
                Some((n, f, g)) => (Some(n), Some(f), Some(g)),
                None => (None, None, None),
            };
            (d.subject.name, d.subject.family_name, d.subject.given_names) = (name, family, given);
        }
        NewValue::Office(o) => {
            // `raw` keeps what the FROM box said.
            (d.issuing_office.code, d.issuing_office.name) = match o {
                Some((code, name)) => (Some(code), Some(name)),
                None => (None, None),
            };
        }
        NewValue::Bool(b) => d.cancels_previous = b,
        NewValue::Causes(c) => d.probable_cause = c,
        NewValue::Warrant(w) => d.warrant.kind = w,
    }
    if matches!(field, "probable_cause" | "warrant_type") {
        return;
    }
    let shown = current_value(rec, field);
    match rec.fields.get_mut(field) {
        Some(f) => f.value = shown,
        None => {
            // A field that was never read (not found) gets an entry saying so: no raw text, no box.
            let page = rec.fields.values().map(|f| f.page).next().or(rec.source.pages.first().copied()).unwrap_or(1);
            let entry = Field {
                value: shown,
                raw: String::new(),
                confidence: 1.0,
                page,
                bbox: [0, 0, 0, 0],
                method: Some("correction".into()),
                corrected: None,
            };
            rec.fields.insert(field.to_string(), entry);
        }
    }
}

/// Takes out of `rec.review` the reasons a correction of `field` settles (see the README's vocabulary),
/// then recomputes `review.needed`.
fn settle(rec: &mut Record, field: &str) {
    rec.review.reasons.retain(|r| !Reason::parse(r).is_some_and(|r| r.describe().fields.contains(&field)));
    rec.review.needed = !rec.review.reasons.is_empty();
}

/// Applies `corrections` in order (a later line for the same field wins; each is audited) to the records
/// they name by `source.sha256` and `source.pages` (every copy of a record read twice).
/// Fails only when the built-in models (the country and office lists values are checked against) do not load.
pub fn apply(records: &mut [&mut Record], corrections: Lines) -> anyhow::Result<Outcome> {
    let mut out = Outcome { read: corrections.len(), ..Outcome::default() };
    let models = Models::builtin()?;
    let mut index: HashMap<(String, Vec<u32>), Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        index.entry((r.source.sha256.to_ascii_lowercase(), r.source.pages.clone())).or_default().push(i);
    }
    let mut changed = vec![false; records.len()];
    for (origin, c) in corrections {
        let reject = |why: String| Rejected { origin: origin.clone(), why };
        if let Err(why) = check_line(&c) {
            out.rejected.push(reject(why));
            continue;
        }
        let value = match validate(&models, &c.field, &c.value) {
            Ok(v) => v,
            Err(why) => {
                out.rejected.push(reject(why));
                continue;
            }
        };
        let key = (c.source_sha256.to_ascii_lowercase(), c.pages.clone());
        let Some(hits) = index.get(&key) else {
            out.rejected.push(reject(format!(
                "names no record (source_sha256 {}…, pages {:?})",
                &key.0[..12.min(key.0.len())],
                c.pages
            )));
            continue;
        };
        if let Some(&i) = hits.iter().find(|&&i| records[i].kind != Kind::Detainer || records[i].detainer.is_none()) {
            let kind = serde_json::to_value(records[i].kind).ok().and_then(|v| v.as_str().map(String::from));
            out.rejected.push(reject(format!(
                "the record it names is not a detainer request (kind {})",
                kind.unwrap_or_default()
            )));
            continue;
        }
        let mut applied = false;
        for &i in hits {
            let rec = &mut *records[i];
            let normalized = {
                let mut probe = rec.clone();
                store(&mut probe, &c.field, value.clone());
                current_value(&probe, &c.field)
            };
            let note = c.note.clone().filter(|n| !n.trim().is_empty());
            let entry = AppliedCorrection {
                field: c.field.clone(),
                old: current_value(rec, &c.field),
                new: normalized,
                by: c.by.trim().to_string(),
                at: c.at.clone(),
                note,
            };
            let seen = rec
                .corrections
                .iter()
                .any(|a| (&a.field, &a.new, &a.by, &a.at) == (&entry.field, &entry.new, &entry.by, &entry.at));
            if seen {
                continue;
            }
            store(rec, &c.field, value.clone());
            settle(rec, &c.field);
            rec.corrections.push(entry);
            changed[i] = true;
            applied = true;
        }
        if applied {
            out.applied += 1;
        } else {
            out.already_applied += 1;
        }
    }
    out.records = changed.iter().filter(|c| **c).count();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Detainer, Source};

    fn record() -> Record {
        let mut r = Record::new(
            Kind::Detainer,
            Source { path: "a/b.tif".into(), sha256: "ab".repeat(32), pages: vec![1, 2], page_count: 2 },
        );
        let mut d = Detainer { subject_id: Some("123456".into()), ..Default::default() };
        d.issuing_office.raw = Some("Burlington, MA".into());
        r.detainer = Some(d);
        r.fields.insert(
            "dob".into(),
            Field {
                value: Value::Null,
                raw: "13/45/1980".into(),
                confidence: 0.9,
                page: 1,
                bbox: [10, 20, 100, 20],
                method: Some("label:Date of Birth:".into()),
                corrected: None,
            },
        );
        for reason in ["dob:date_invalid", "citizenship:found_by_position", "page_unreadable:2:bad_page"] {
            r.review.flag(reason);
        }
        r
    }

    fn line(field: &str, value: Value) -> (Origin, Correction) {
        (
            Origin { file: "c.jsonl".into(), line: 1 },
            Correction {
                schema: SCHEMA.into(),
                source_sha256: "AB".repeat(32),
                pages: vec![1, 2],
                field: field.into(),
                value,
                by: " jd ".into(),
                at: "2025-03-01T14:05:00Z".into(),
                note: Some("as typed on the form".into()),
            },
        )
    }

    #[test]
    fn a_correction_sets_the_value_settles_its_reasons_and_is_audited() {
        let mut r = record();
        let out = apply(&mut [&mut r], vec![line("dob", json!("1980-01-31"))]).unwrap();
        assert_eq!((out.applied, out.records, out.rejected.len()), (1, 1, 0), "{out:?}");
        assert_eq!(r.detainer.as_ref().unwrap().subject.dob.as_deref(), Some("1980-01-31"));
        assert_eq!(r.fields["dob"].value, json!("1980-01-31"));
        assert_eq!(r.fields["dob"].raw, "13/45/1980", "what was read stays");
        assert_eq!(r.review.reasons, ["citizenship:found_by_position", "page_unreadable:2:bad_page"]);
        assert!(r.review.needed);
        assert_eq!(
            r.corrections,
            [AppliedCorrection {
                field: "dob".into(),
                old: Value::Null,
                new: json!("1980-01-31"),
                by: "jd".into(),
                at: "2025-03-01T14:05:00Z".into(),
                note: Some("as typed on the form".into()),
            }]
        );
        // The same file again: nothing changes.
        let again = apply(&mut [&mut r], vec![line("dob", json!("1980-01-31"))]).unwrap();
        assert_eq!((again.applied, again.already_applied), (0, 1));
        assert_eq!(r.corrections.len(), 1);
    }

    #[test]
    fn settling_every_field_reason_ends_the_review() {
        let mut r = record();
        r.review.reasons.retain(|x| !x.starts_with("page_unreadable"));
        let out = apply(
            &mut [&mut r],
            vec![
                line("citizenship", json!("EL SALVADOR")),
                line("dob", json!(null)),
                line("name", json!("O'NEIL, ANA")),
            ],
        )
        .unwrap();
        assert_eq!(out.applied, 3, "{out:?}");
        assert!(!r.review.needed && r.review.reasons.is_empty());
        let d = r.detainer.as_ref().unwrap();
        assert_eq!((d.subject.family_name.as_deref(), d.subject.given_names.as_deref()), (Some("O'NEIL"), Some("ANA")));
        // A field never read gets an entry without a box.
        assert_eq!(r.fields["citizenship"].method.as_deref(), Some("correction"));
        assert_eq!(r.fields["citizenship"].page, 1);
    }

    #[test]
    fn invalid_values_and_unknown_records_are_rejected_not_applied() {
        let mut r = record();
        let before = r.clone();
        let mut unknown = line("dob", json!("1980-01-31"));
        unknown.1.pages = vec![1];
        let mut no_by = line("sex", json!("F"));
        no_by.1.by = "  ".into();
        let mut bad_at = line("sex", json!("F"));
        bad_at.1.at = "yesterday".into();
        let cases = vec![
            line("dob", json!("1980-02-30")),
            line("dob", json!("01/31/1980")),
            line("a_number", json!("A12345678")),
            line("name", json!("Garcia, Ana")),
            line("name", json!("GARCIA,  ANA")),
            line("citizenship", json!("ATLANTIS")),
            line("issuing_office", json!("XYZ")),
            line("sex", json!("male")),
            line("cancels_previous", json!("yes")),
            line("probable_cause", json!(["biometric", "biometric"])),
            line("warrant_type", json!("I200")),
            line("subject_id", json!(12345)),
            line("kind", json!("other")),
            unknown,
            no_by,
            bad_at,
        ];
        let n = cases.len();
        let out = apply(&mut [&mut r], cases).unwrap();
        assert_eq!((out.applied, out.rejected.len()), (0, n), "{out:#?}");
        assert_eq!(r, before);
        assert!(out.rejected.iter().all(|x| !x.why.contains("Garcia") && !x.why.contains("ATLANTIS")));
    }

    #[test]
    fn office_warrant_and_boxes_are_set_whole() {
        let mut r = record();
        r.review.flag("warrant_unconfirmed:page_2");
        r.review.flag("checkbox_not_found:biometric");
        r.review.flag("probable_cause:none_checked");
        let out = apply(
            &mut [&mut r],
            vec![
                line("issuing_office", json!("BOS")),
                line("warrant_type", json!("judicial")),
                line("probable_cause", json!(["biometric"])),
            ],
        )
        .unwrap();
        assert_eq!(out.applied, 3, "{out:?}");
        let d = r.detainer.as_ref().unwrap();
        assert_eq!(d.issuing_office.code.as_deref(), Some("BOS"));
        assert!(d.issuing_office.name.is_some());
        assert_eq!(d.issuing_office.raw.as_deref(), Some("Burlington, MA"));
        assert_eq!(d.warrant.kind, WarrantType::Judicial);
        assert_eq!(d.probable_cause, [ProbableCause::Biometric]);
        assert!(!r.fields.contains_key("warrant_type") && !r.fields.contains_key("probable_cause"));
        assert!(r.review.reasons.iter().all(|x| !x.starts_with("warrant") && !x.contains("biometric")));
        assert!(!r.review.reasons.contains(&"probable_cause:none_checked".to_string()));
    }

    #[test]
    fn only_detainer_records_take_corrections() {
        let mut r = record();
        r.kind = Kind::Other;
        r.detainer = None;
        let out = apply(&mut [&mut r], vec![line("sex", json!("F"))]).unwrap();
        assert_eq!(out.rejected.len(), 1);
        assert!(out.rejected[0].why.contains("not a detainer"), "{out:?}");
    }
}
