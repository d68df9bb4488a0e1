//! A typed field's (`review::is_typed_value`) confidence as the probability that its value is right, and the review it calls for.
//!
//! The OCR engine's confidence says how clean the glyphs looked, not whether the value is the one on the
//! form: a digit misread cleanly scores 0.95. So each value's *evidence* (how it was found, how clean it
//! read, what checks it passed: the warrant's A-number, the event number's office and month, a second read)
//! goes through a logistic model per field whose coefficients are data (`models/calibration.toml`), fitted
//! on generated corpora by `faxtract calibrate` (see `fit`). A value whose probability is under the model's
//! `review_below` goes to review with a reason naming its field; a value found by position that reads
//! cleanly and agrees with the rest of the document does not.

use crate::forms::labels::squash;
use crate::forms::readings::{month_agrees, received_soon_after};
use crate::record::{Field, Record};
use crate::review::Reason;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One field's logistic model: `intercept` plus a weight per evidence name (absent names weigh 0).
pub type Coefficients = BTreeMap<String, f64>;

/// `models/calibration.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// A value less likely than this to be right is sent to review, its field named.
    pub review_below: f64,
    /// What the coefficients were fitted on (for people; not read).
    #[serde(default)]
    pub fitted_on: String,
    /// Per record field; `default` for a field with no model of its own.
    pub field: BTreeMap<String, Coefficients>,
    /// The parts personal names are made of (`models/names.txt` and `models/world_names.txt`), for the
    /// name's `unknown_part` evidence.
    #[serde(skip)]
    pub name_parts: NameParts,
}

/// The parts personal names are made of, uppercase ASCII (`models/names.txt`, `models/world_names.txt`):
/// one text and its parts' spans, sorted by their letters, looked up by binary search. Every worker
/// process parses the lists (137,000 lines): into a hash set, hashing them cost ~40 ms a process.
#[derive(Debug, Clone, Default)]
pub struct NameParts {
    text: String,
    parts: Vec<(usize, usize)>,
}

impl NameParts {
    /// One part per line; `#` starts a comment line.
    pub fn parse(text: &str) -> NameParts {
        let text = text.to_uppercase();
        let mut parts = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let part = line.trim();
            if !part.is_empty() && !part.starts_with('#') {
                let start = at + (line.len() - line.trim_start().len());
                parts.push((start, start + part.len()));
            }
            at += line.len();
        }
        // A stable sort merges the runs the lists are written in (each sorted) instead of sorting anew.
        parts.sort_by(|a, b| text[a.0..a.1].cmp(&text[b.0..b.1]));
        parts.dedup_by(|a, b| text[a.0..a.1] == text[b.0..b.1]);
        NameParts { text, parts }
    }

    fn holds(&self, part: &str) -> bool {
        self.parts.binary_search_by(|s| self.text[s.0..s.1].cmp(part)).is_ok()
    }

    /// How many parts of the name `value` ("FAMILY, GIVEN") the list does not hold, diacritics aside
    /// (`CONCEIÇÃO` is `CONCEICAO`); particles (`DE`, `DOS`) and one-letter parts are not counted.
    pub fn unknown(&self, value: &str) -> usize {
        use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
        let folded: String = value.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_uppercase();
        folded
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '\'' | '.'))
            .filter(|p| p.chars().count() > 1)
            .filter(|p| !crate::forms::normalize::PARTICLES.iter().any(|q| q.eq_ignore_ascii_case(p)))
            .filter(|p| !self.holds(p))
            .count()
    }
}

/// A piece of evidence about a value: a name the coefficients know, and its strength (0-1).
pub type Evidence = Vec<(String, f64)>;

impl Calibration {
    pub fn parse(text: &str) -> anyhow::Result<Calibration> {
        let c: Calibration = toml::from_str(text)?;
        anyhow::ensure!((0.0..=1.0).contains(&c.review_below), "review_below must be a probability");
        Ok(c)
    }

    /// The same with the name parts of `names` (`models/names.txt` and `models/world_names.txt`).
    pub fn with_name_parts(self, names: &str) -> Calibration {
        Calibration { name_parts: NameParts::parse(names), ..self }
    }

    /// The probability that a value of `field` with `evidence` is right.
    pub fn probability(&self, field: &str, evidence: &Evidence) -> f64 {
        let Some(c) = self.field.get(field).or_else(|| self.field.get("default")) else { return 0.5 };
        let z = c.get("intercept").copied().unwrap_or(0.0)
            + evidence.iter().map(|(name, x)| c.get(name).copied().unwrap_or(0.0) * x).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The evidence about the value of `name` in `rec`: how it was read (from `field`) and how it fits the
/// record's other values; `parts`: the parts names are made of.
pub fn evidence(name: &str, field: &Field, rec: &Record, parts: &NameParts) -> Evidence {
    let method = field.method.as_deref().unwrap_or_default();
    let ocr = field.ocr_confidence.unwrap_or(field.confidence) as f64;
    let mut ev: Evidence = vec![
        ("ocr".into(), ocr),
        // How far under a clean reading: misreads gather in the last few points below 0.9.
        ("ocr_shortfall".into(), (0.9 - ocr).max(0.0) * 10.0),
        ("position".into(), f64::from(method.starts_with("position:"))),
        ("label".into(), f64::from(method.starts_with("label:"))),
    ];
    // Text read around the value beyond what it kept (a neighbour glued on, a label remnant): in tenths of
    // ten characters.
    let value = match &field.value {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let extra = squash(&field.raw).chars().count().abs_diff(squash(&value).chars().count()).min(10);
    ev.push(("extra".into(), extra as f64 / 10.0));
    ev.extend(field.checks.iter().map(|c| (c.clone(), 1.0)));
    if field.corrected.is_some() {
        ev.push(("corrected".into(), 1.0));
    }
    ev.extend(document_legibility(name, rec));
    let Some(det) = rec.detainer.as_ref() else { return ev };
    if name == "name" {
        // A name part of one or two letters is most often a neighbour's letter glued on ("DWAYNE A") or a
        // misread fragment; real ones ("LI", "NG") are rarer.
        let short = value.split([' ', ',', '-']).filter(|t| (1..=2).contains(&t.chars().count())).count();
        ev.push(("short_part".into(), short.min(2) as f64));
        // Names are typed in capitals or in title case; a word all in small letters (bar a particle such as
        // "de") is most often noise read beside the name: a stamp, a pen mark, the next box.
        let lower = field.raw.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            !w.is_empty() && w.chars().all(|c| c.is_lowercase()) && !crate::forms::normalize::PARTICLES.contains(&w)
        });
        ev.push(("lowercase_word".into(), f64::from(lower)));
        // A part no list of names holds is most often misread (`KFISHA`, `PEANCISCO`); one in five real
        // ones is such a part too, so it weighs as the fit finds, up to two.
        ev.push(("unknown_part".into(), parts.unknown(&value).min(2) as f64));
    }
    let mut check = |c: &str| ev.push((c.to_string(), 1.0));
    match name {
        "event_number" | "date_issued" => {
            // Both read, a month apart: one of the two is misread (the event number is made the month the
            // request is; a request issued on a month's last day may carry the next's only rarely).
            if let (Some(e), Some(d)) = (&det.event_number, &det.date_issued) {
                check(if month_agrees(e, d) { "month_agrees" } else { "month_differs" });
            }
            if name == "event_number" {
                if let (Some(e), Some(o)) = (&det.event_number, &det.issuing_office.code) {
                    // Another office's code: a letter misread, unless a national center issued it for the office.
                    check(if e.starts_with(o.as_str()) { "office_agrees" } else { "office_differs" });
                }
            }
            if name == "date_issued" {
                let soon = det.date_issued.as_deref().zip(rec.fax.received_at.as_deref());
                if soon.is_some_and(|(i, r)| received_soon_after(i, r)) {
                    check("received_soon_after");
                }
            }
        }
        _ => {}
    }
    ev
}

/// How legible the rest of the document read, as evidence about one of its values. A misread digit can score
/// 0.95 on its own, but it sits on a page where other values read faintly or not at all: a worn, light or
/// coarse scan. `doc_shortfall`: the mean shortfall under a clean reading (as `ocr_shortfall`) of the
/// record's other typed values; `doc_unread`: the share of the other typed fields with no value read on
/// the request page.
fn document_legibility(name: &str, rec: &Record) -> Evidence {
    let others: Vec<&Field> = crate::review::CORRECTABLE
        .iter()
        .filter(|n| **n != name && crate::review::is_typed_value(n))
        .filter_map(|n| rec.fields.get(*n))
        .collect();
    if others.is_empty() {
        return Evidence::new();
    }
    // A value the request page did not give (the A-number read on the warrant) says nothing of its legibility.
    let read: Vec<f64> = others
        .iter()
        .filter(|f| !f.value.is_null() && !f.has_check("warrant_only"))
        .map(|f| (0.9 - f.ocr_confidence.unwrap_or(f.confidence) as f64).max(0.0) * 10.0)
        .collect();
    let shortfall = if read.is_empty() { 0.0 } else { read.iter().sum::<f64>() / read.len() as f64 };
    let unread = (others.len() - read.len()) as f64 / others.len() as f64;
    vec![("doc_shortfall".into(), shortfall), ("doc_unread".into(), unread)]
}

/// Sets each calibrated field's confidence to the probability that its value is right (keeping the
/// engine's in `ocr_confidence`), and sends a value under `review_below` to review, naming its field.
pub fn apply(cal: &Calibration, rec: &mut Record) {
    let names: Vec<String> = rec
        .fields
        .iter()
        .filter(|(n, f)| crate::review::is_typed_value(n) && !f.value.is_null())
        .map(|(n, _)| n.clone())
        .collect();
    for name in names {
        let field = &rec.fields[&name];
        let mut p = cal.probability(&name, &evidence(&name, field, rec, &cal.name_parts));
        if second_alone_on_a_close_call(&name, field) {
            p = p.min(SECOND_ALONE_ON_A_CLOSE_CALL);
        }
        let f = rec.fields.get_mut(&name).expect("listed above");
        f.ocr_confidence = Some(f.ocr_confidence.unwrap_or(f.confidence));
        f.confidence = p as f32;
        if p < cal.review_below {
            rec.review.flag(Reason::LowConfidence(name));
        }
    }
}

/// Whether `field`, an identifier, holds what the second reader alone read (the first read gave no valid
/// value: `reread_only`), weighing another character at 70% or more for one of its own (`close_call`), and
/// no other read or print agrees with it (no `check_agrees`, no `warrant_agrees`). The fitted weights take
/// each of these apart, and a second reader's value or a close call alone is right most of the time; the
/// two together, uncorroborated, are not: on the blind dev corpora (seeds 7, 13, 21, 41, 73, 97), 29 of 45
/// such identifiers were wrong (A-numbers 10 of 11), one of them calibrated at 0.95 and named by no reason
/// (`A852985648` for `A952985648`); the right ones were all named already.
fn second_alone_on_a_close_call(name: &str, field: &Field) -> bool {
    ["a_number", "subject_id", "event_number"].contains(&name)
        && field.has_check("reread_only")
        && field.has_check("close_call")
        && !field.has_check("check_agrees")
        && !field.has_check("warrant_agrees")
}

/// The probability that a value [`second_alone_on_a_close_call`] is right: 16 of 45 were on the blind dev
/// corpora.
const SECOND_ALONE_ON_A_CLOSE_CALL: f64 = 0.35;

/// Fits one field's logistic model to `samples` (evidence, and whether the value was right) by Newton's
/// method with an L2 penalty `l2` on the weights (not the intercept), so that evidence seen rarely or
/// always with the same outcome keeps a bounded weight.
pub fn fit(samples: &[(Evidence, bool)], l2: f64) -> Coefficients {
    let mut names: Vec<String> = samples.iter().flat_map(|(e, _)| e.iter().map(|(n, _)| n.clone())).collect();
    names.sort();
    names.dedup();
    let k = names.len() + 1;
    let rows: Vec<(Vec<f64>, f64)> = samples
        .iter()
        .map(|(e, right)| {
            let mut x = vec![0.0; k];
            x[0] = 1.0;
            for (n, v) in e {
                let i = names.binary_search(n).expect("collected above");
                x[i + 1] += v;
            }
            (x, f64::from(*right))
        })
        .collect();
    let mut w = vec![0.0; k];
    for _ in 0..50 {
        let mut grad = vec![0.0; k];
        let mut hess = vec![vec![0.0; k]; k];
        for (x, y) in &rows {
            let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for i in 0..k {
                grad[i] += (p - y) * x[i];
                for j in 0..k {
                    hess[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..k {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        hess[0][0] += 1e-6;
        let Some(step) = solve(hess, grad) else { break };
        let mut moved = 0.0f64;
        for i in 0..k {
            w[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-6 {
            break;
        }
    }
    let mut c = Coefficients::new();
    c.insert("intercept".into(), round(w[0]));
    for (n, v) in names.iter().zip(&w[1..]) {
        c.insert(n.clone(), round(*v));
    }
    c
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; None when `a` is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        b.swap(c, p);
        let pivot = a[c].clone();
        for r in c + 1..n {
            let f = a[r][c] / pivot[c];
            for (x, p) in a[r].iter_mut().zip(&pivot).skip(c) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::readings::day_number;
    use crate::record::{Detainer, Kind, Source};

    #[test]
    fn dates_count_days_and_event_months_agree() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01").unwrap() - day_number("2000-02-28").unwrap(), 2);
        assert_eq!(day_number("2019-12-12T01:54:35").unwrap() - day_number("2019-12-09").unwrap(), 3);
        assert!(month_agrees("BOS1912001296", "2019-12-09"));
        assert!(!month_agrees("BOS1911001296", "2019-12-09"));
    }

    #[test]
    fn fitting_separates_right_from_wrong_and_apply_names_the_doubtful_field() {
        // Clean, corroborated readings are right; shortfall readings are wrong.
        let ev = |ocr: f64, agree: bool| -> Evidence {
            let mut e = vec![("ocr".to_string(), ocr), ("ocr_shortfall".to_string(), (0.9 - ocr).max(0.0) * 10.0)];
            if agree {
                e.push(("month_agrees".into(), 1.0));
            }
            e
        };
        let mut samples = Vec::new();
        for i in 0..40 {
            samples.push((ev(0.92 + i as f64 * 0.001, i % 2 == 0), true));
            samples.push((ev(0.60 + i as f64 * 0.002, false), i % 5 == 0));
        }
        let c = fit(&samples, 1.0);
        assert!(c["ocr_shortfall"] < 0.0, "{c:?}");
        let cal = Calibration {
            review_below: 0.9,
            fitted_on: String::new(),
            field: [("default".into(), c)].into(),
            name_parts: NameParts::default(),
        };
        assert!(cal.probability("event_number", &ev(0.95, true)) > 0.9);
        assert!(cal.probability("event_number", &ev(0.65, false)) < 0.5);

        let mut rec = Record::new(
            Kind::Detainer,
            Source { path: "a.tif".into(), sha256: "0".repeat(64), pages: vec![1], page_count: 1 },
        );
        rec.detainer = Some(Detainer {
            event_number: Some("BOS1912001296".into()),
            date_issued: Some("2019-12-09".into()),
            ..Detainer::default()
        });
        let field = |v: &str, conf: f32| Field {
            value: serde_json::json!(v),
            raw: v.into(),
            confidence: conf,
            method: Some("label:Event #:".into()),
            ..Field::default()
        };
        rec.fields.insert("event_number".into(), field("BOS1912001296", 0.96));
        rec.fields.insert("sex".into(), field("M", 0.62));
        apply(&cal, &mut rec);
        assert_eq!(rec.review.reasons, vec!["sex:low_confidence"]);
        assert_eq!(rec.fields["sex"].ocr_confidence, Some(0.62));
        assert!(rec.fields["event_number"].confidence > 0.9);

        // An identifier the second reader alone gave, on a close call, is not sure however its weights
        // fall, unless another read or the warrant agrees.
        let checked = |checks: &[&str]| Field {
            checks: checks.iter().map(|c| c.to_string()).collect(),
            ..field("BOS1912001296", 0.96)
        };
        for (checks, named) in [
            (&["close_call", "reread_only"][..], true),
            (&["near_call", "reread_only"][..], false),
            (&["close_call", "reread_only", "warrant_agrees"][..], false),
            (&["close_call", "reread_only", "check_agrees"][..], false),
        ] {
            rec.review = Default::default();
            rec.fields.insert("event_number".into(), checked(checks));
            apply(&cal, &mut rec);
            let reasons = rec.review.reasons.iter().filter(|r| r.starts_with("event_number")).count();
            assert_eq!(reasons == 1, named, "{checks:?}: {:?}", rec.review.reasons);
            assert_eq!(rec.fields["event_number"].confidence <= 0.35, named, "{checks:?}");
        }
    }

    /// A name part no list holds counts against the name, diacritics aside, particles and initials not
    /// counted; the built-in list knows common names and not their misreads.
    #[test]
    fn a_name_part_no_list_holds_is_counted() {
        let parts = NameParts::parse("# a comment\nRODRIGUEZ\nconceicao\nJUAN\n");
        assert_eq!(parts.unknown("RODRIGUEZ, JUAN"), 0);
        assert_eq!(parts.unknown("CONCEIÇÃO DE RODRIGUEZ, JUAN A"), 0);
        assert_eq!(parts.unknown("RODR1GUEZ, JUAM"), 2);
        // Lists out of order, repeated, indented: each part found, and only those.
        let two = NameParts::parse("JUAN\nANA\n# second list\nJUAN\n  luis  \nALBA\n");
        assert_eq!(two.unknown("ANA, JUAN LUIS"), 0);
        assert_eq!(two.unknown("ALBA, ANAS"), 1);
        let builtin = crate::Models::builtin().unwrap().calibration.name_parts;
        assert_eq!(builtin.unknown("THOMPSON, TAMIKA KEISHA"), 0);
        assert_eq!(builtin.unknown("THOMPSON, TAMIKA KFISHA"), 1);
        assert_eq!(builtin.unknown("DEL CID, PEANCISCO WILMER"), 1);
        // Names the census lacks, from the world's lists (`world_names.txt`); their misreads stay unknown.
        assert_eq!(builtin.unknown("KOVALENKO, OLEKSANDR"), 0);
        assert_eq!(builtin.unknown("DIALLO, MAMADOU"), 0);
        assert_eq!(builtin.unknown("KOVALENKO, OLEKSANDF"), 1);

        let mut rec = Record::new(Kind::Detainer, Source::default());
        rec.detainer = Some(Detainer::default());
        let name = Field { value: serde_json::json!("RAMTRE, IUTS"), raw: "RAMTRE, IUTS".into(), ..Field::default() };
        let ev = evidence("name", &name, &rec, &builtin);
        assert!(ev.contains(&("unknown_part".to_string(), 2.0)), "{ev:?}");
        // Only a name's parts are looked up.
        let sex = Field { value: serde_json::json!("M"), raw: "M".into(), ..Field::default() };
        assert!(!evidence("sex", &sex, &rec, &builtin).iter().any(|(n, _)| n == "unknown_part"));
    }

    /// A value's document legibility is its record's other typed values': how far under a clean reading
    /// they were read (after calibration too, from the engine's score kept aside), and how many have none.
    #[test]
    fn document_legibility_is_measured_on_the_other_values() {
        let mut rec = Record::new(Kind::Detainer, Source::default());
        let field = |v: serde_json::Value, conf: f32| Field { value: v, confidence: conf, ..Field::default() };
        rec.fields.insert("subject_id".into(), field(serde_json::json!("123456789"), 0.99));
        rec.fields.insert("dob".into(), field(serde_json::json!("1980-01-01"), 0.6));
        rec.fields.insert("sex".into(), field(serde_json::Value::Null, 0.0));
        let of = |ev: &Evidence, name: &str| ev.iter().find(|(n, _)| n == name).map(|(_, x)| *x).unwrap();
        // The subject ID's others: the date of birth read 0.3 under a clean reading, the sex unread.
        let ev = document_legibility("subject_id", &rec);
        assert!((of(&ev, "doc_shortfall") - 3.0).abs() < 1e-6, "{ev:?}");
        assert!((of(&ev, "doc_unread") - 0.5).abs() < 1e-9, "{ev:?}");
        // The date of birth's: the clean subject ID only; a calibrated confidence does not count.
        rec.fields.get_mut("subject_id").unwrap().confidence = 0.2;
        rec.fields.get_mut("subject_id").unwrap().ocr_confidence = Some(0.99);
        let ev = document_legibility("dob", &rec);
        assert_eq!(of(&ev, "doc_shortfall"), 0.0, "{ev:?}");
        // A record with no other typed field gives no such evidence.
        let mut alone = Record::new(Kind::Detainer, Source::default());
        alone.fields.insert("sex".into(), field(serde_json::json!("M"), 0.9));
        assert!(document_legibility("sex", &alone).is_empty());
    }
}
