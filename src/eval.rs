//! `faxtract eval`: compares records with a generated corpus's expected records.
//!
//! Pure comparison: no images, no OCR. [`load_expected`] reads `expected.jsonl` written by `faxgen` (each
//! line a [`Record`] plus a `truth` object), [`evaluate`] matches actual records to expected ones and scores
//! them, [`EvalReport`] prints as a table (`Display`) or JSON (`Serialize`).
//!
//! Decisions:
//! - Matching: by `(source.path, first page)`, leniently: among the unmatched actual records of the same path
//!   that share the first page or overlap the pages, prefer the same kind, then the same first page, then
//!   the largest overlap (a pipeline that splits the cover sheet off still gets its request scored, and its
//!   cover record counts as extra). Error records (no pages) match any record of their path.
//! - Fields scored: `kind` and `form` on every record; the detainer fields only where the expected record
//!   is a detainer; `error.code` only where the expected record is an error.
//! - An expected record with no actual match counts as missing, and each of its fields counts as wrong and
//!   unflagged (not dangerous: nothing was asserted).
//! - A wrong value is *flagged* when one of the actual record's `review.reasons` names its field (the record's
//!   kind, form and error code: any reason); a null actual value counts as wrong-but-flagged only then.
//!   *Dangerous* = a non-null actual value that differs from the expected one while no reason names its
//!   field: a wrong answer nobody is told to check. *Straight-through* = a record needing no review with
//!   every field right.
//! - `probable_cause` compares as a set; pages listed in truth `bad_pages` are not scored for page kinds.

use crate::record::{Kind, PageKind, Record};
use anyhow::{Context, Result};
use clap::Args;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Corpus folder written by `faxgen` (holds `expected.jsonl`).
    pub corpus: PathBuf,
    /// Records (JSONL) written by `faxtract run` over the corpus; when absent the caller runs the pipeline.
    #[arg(long)]
    pub records: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 1 when overall field accuracy (percent) is below this.
    #[arg(long)]
    pub fail_below: Option<f64>,
}

/// The generator's ground truth about one expected record (extra keys are ignored).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Truth {
    pub resolution: String,
    pub encoding: String,
    pub fill_order: u8,
    pub label_font: String,
    pub value_font: String,
    pub degradations: Vec<String>,
    pub doc_id: String,
    pub copy_of: Option<String>,
    pub damage: Option<String>,
    pub bad_pages: Vec<u32>,
    /// The form's printed layout (blindfax's corpora say; faxgen's do not).
    pub layout: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub record: Record,
    pub truth: Truth,
}

/// The fields scored, in report order.
pub const FIELDS: &[&str] = &[
    "kind",
    "form",
    "subject_id",
    "event_number",
    "a_number",
    "date_issued",
    "subject.name",
    "subject.family_name",
    "subject.given_names",
    "subject.dob",
    "subject.citizenship",
    "subject.sex",
    "issuing_office.code",
    "warrant.type",
    "probable_cause",
    "cancels_previous",
    "cancelled_request_date",
    "error.code",
];

pub fn load_expected(corpus_dir: &Path) -> Result<Vec<Expected>> {
    let path = corpus_dir.join("expected.jsonl");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        let truth = match v.get("truth") {
            Some(t) => {
                serde_json::from_value(t.clone()).with_context(|| format!("{}:{}: truth", path.display(), i + 1))?
            }
            None => Truth::default(),
        };
        // A corpus written by another generator (blindfax) may leave out what it cannot know (the header
        // line's confidence, review): the record's defaults stand in for what is absent.
        let mut full = serde_json::to_value(Record::new(Kind::Other, Default::default()))?;
        overlay(&mut full, v);
        let record: Record =
            serde_json::from_value(full).with_context(|| format!("{}:{}: record", path.display(), i + 1))?;
        out.push(Expected { record, truth });
    }
    Ok(out)
}

/// `top`'s keys written over `base`, object by object.
fn overlay(base: &mut serde_json::Value, top: serde_json::Value) {
    match (base, top) {
        (serde_json::Value::Object(b), serde_json::Value::Object(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(slot) if slot.is_object() && v.is_object() => overlay(slot, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, t) => *b = t,
    }
}

/// Reads a records JSONL file (blank lines skipped).
pub fn read_records(path: &Path) -> Result<Vec<Record>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1)))
        .collect()
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct FieldStat {
    pub total: usize,
    pub correct: usize,
    pub wrong_flagged: usize,
    pub wrong_unflagged: usize,
    /// Non-null wrong values whose field no review reason names.
    pub dangerous: usize,
    /// Non-null wrong values in records that ask for no review at all: the old, record-level measure.
    pub silent: usize,
}

impl FieldStat {
    pub fn accuracy(&self) -> f64 {
        pct(self.correct, self.total)
    }
    fn add(&mut self, o: &FieldStat) {
        self.total += o.total;
        self.correct += o.correct;
        self.wrong_flagged += o.wrong_flagged;
        self.wrong_unflagged += o.wrong_unflagged;
        self.dangerous += o.dangerous;
        self.silent += o.silent;
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    pub expected: usize,
    pub matched: usize,
    pub missing: usize,
    pub extra: usize,
    /// Matched records with every scored field correct.
    pub exact: usize,
    pub fields: BTreeMap<String, FieldStat>,
    pub pages_total: usize,
    pub pages_correct: usize,
    /// Matched records whose actual `review.needed` is true.
    pub reviewed: usize,
    /// Matched records needing no review with every scored field right: what a clerk need not touch.
    pub straight_through: usize,
}

impl Stats {
    pub fn all_fields(&self) -> FieldStat {
        let mut t = FieldStat::default();
        for f in self.fields.values() {
            t.add(f);
        }
        t
    }
    pub fn field_accuracy(&self) -> f64 {
        self.all_fields().accuracy()
    }
    pub fn exact_rate(&self) -> f64 {
        pct(self.exact, self.expected)
    }
    pub fn page_accuracy(&self) -> f64 {
        pct(self.pages_correct, self.pages_total)
    }
    pub fn review_rate(&self) -> f64 {
        pct(self.reviewed, self.matched)
    }
    pub fn straight_through_rate(&self) -> f64 {
        pct(self.straight_through, self.expected)
    }
    /// Share of wrong values not flagged for review.
    pub fn unflagged_wrong_rate(&self) -> f64 {
        let a = self.all_fields();
        let wrong = a.wrong_flagged + a.wrong_unflagged;
        if wrong == 0 {
            0.0
        } else {
            100.0 * a.wrong_unflagged as f64 / wrong as f64
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RecordRef {
    pub path: String,
    pub pages: Vec<u32>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct EvalReport {
    pub overall: Stats,
    pub by_resolution: BTreeMap<String, Stats>,
    pub by_encoding: BTreeMap<String, Stats>,
    /// By the form's printed layout, where the corpus says (blindfax: classic, ruled, compact).
    pub by_layout: BTreeMap<String, Stats>,
    pub missing: Vec<RecordRef>,
    pub extra: Vec<RecordRef>,
    /// Every wrong value (the text report prints the first 20; `--json` has them all).
    pub errors: Vec<WrongValue>,
}

/// A scored field a matched record got wrong (a wrong value, or null where a value was expected).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WrongValue {
    pub path: String,
    pub field: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// The record was sent to review, so the wrong value is not trusted as it stands.
    pub flagged: bool,
}

fn s<T: Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v).ok()? {
        serde_json::Value::Null => None,
        serde_json::Value::String(x) => Some(x),
        x => Some(x.to_string()),
    }
}

/// The value of a scored field as a comparable string (None = null / absent).
pub fn field_value(r: &Record, field: &str) -> Option<String> {
    let d = r.detainer.as_ref();
    match field {
        "kind" => s(&r.kind),
        "form" => r.form.clone(),
        "subject_id" => d?.subject_id.clone(),
        "event_number" => d?.event_number.clone(),
        "a_number" => d?.a_number.clone(),
        "date_issued" => d?.date_issued.clone(),
        "subject.name" => d?.subject.name.clone(),
        "subject.family_name" => d?.subject.family_name.clone(),
        "subject.given_names" => d?.subject.given_names.clone(),
        "subject.dob" => d?.subject.dob.clone(),
        "subject.citizenship" => d?.subject.citizenship.clone(),
        "subject.sex" => d?.subject.sex.clone(),
        "issuing_office.code" => d?.issuing_office.code.clone(),
        "warrant.type" => s(&d?.warrant.kind),
        "probable_cause" => {
            let set: BTreeSet<String> = d?.probable_cause.iter().filter_map(s).collect();
            Some(set.into_iter().collect::<Vec<_>>().join(","))
        }
        "cancels_previous" => Some(d?.cancels_previous.to_string()),
        "cancelled_request_date" => d?.cancelled_request_date.clone(),
        "error.code" => r.error.as_ref().map(|e| e.code.clone()),
        _ => None,
    }
}

fn applies(exp: &Record, field: &str) -> bool {
    match field {
        "kind" | "form" => true,
        "error.code" => exp.kind == Kind::Error,
        _ => exp.kind == Kind::Detainer,
    }
}

/// Scores one expected record against its match (or None when missing) into `st`; returns wrong values.
fn score(e: &Expected, a: Option<&Record>, st: &mut Stats) -> Vec<WrongValue> {
    let mut wrongs = Vec::new();
    st.expected += 1;
    match a {
        Some(a) => {
            st.matched += 1;
            if a.review.needed {
                st.reviewed += 1;
            }
        }
        None => st.missing += 1,
    }
    let mut all_ok = a.is_some();
    for &f in FIELDS {
        if !applies(&e.record, f) {
            continue;
        }
        let fs = st.fields.entry(f.to_string()).or_default();
        fs.total += 1;
        let want = field_value(&e.record, f);
        let got = a.and_then(|a| field_value(a, f));
        if a.is_some() && want == got {
            fs.correct += 1;
            continue;
        }
        all_ok = false;
        // Flagged only where a reason names the field: a record sent to review for its sex is not
        // checked for its A-number. The kind, form and error code are the record's own: any reason.
        let flagged = a.is_some_and(|a| match f {
            "kind" | "form" | "error.code" => a.review.needed,
            _ => a.review.reasons.iter().any(|r| crate::review::names_field(r, f)),
        });
        if flagged {
            fs.wrong_flagged += 1;
        } else {
            fs.wrong_unflagged += 1;
            if got.is_some() {
                fs.dangerous += 1;
            }
        }
        if got.is_some() && a.is_some_and(|a| !a.review.needed) {
            fs.silent += 1;
        }
        if a.is_some() {
            wrongs.push(WrongValue {
                path: e.record.source.path.clone(),
                field: f.to_string(),
                expected: want,
                actual: got,
                flagged,
            });
        }
    }
    if all_ok {
        st.exact += 1;
        if a.is_some_and(|a| !a.review.needed) {
            st.straight_through += 1;
        }
    }
    if let Some(a) = a {
        for (i, k) in e.record.page_kinds.iter().enumerate() {
            let page = e.record.source.pages.get(i).copied().unwrap_or(i as u32 + 1);
            if e.truth.bad_pages.contains(&page) {
                continue;
            }
            st.pages_total += 1;
            // compare by page number when the actual record lists its pages, else by position
            let got: Option<&PageKind> = match a.source.pages.iter().position(|&p| p == page) {
                Some(j) => a.page_kinds.get(j),
                None => None,
            };
            if got == Some(k) {
                st.pages_correct += 1;
            }
        }
    }
    wrongs
}

/// For each expected record, the index of the actual record matched to it (see the module's decisions).
fn match_records(expected: &[Expected], actual: &[Record]) -> Vec<Option<usize>> {
    let mut used = vec![false; actual.len()];
    let mut by_path: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in actual.iter().enumerate() {
        by_path.entry(a.source.path.as_str()).or_default().push(i);
    }
    let mut matches: Vec<Option<usize>> = vec![None; expected.len()];
    for (ei, e) in expected.iter().enumerate() {
        let want: BTreeSet<u32> = e.record.source.pages.iter().copied().collect();
        let first = e.record.source.pages.first().copied();
        let mut best: Option<(usize, (bool, bool, usize))> = None;
        for &i in by_path.get(e.record.source.path.as_str()).map(|v| v.as_slice()).unwrap_or(&[]) {
            if used[i] {
                continue;
            }
            let a = &actual[i];
            let same_first = a.source.pages.first().copied() == first;
            let ov = a.source.pages.iter().filter(|p| want.contains(p)).count();
            if !(same_first || ov > 0 || want.is_empty() || a.source.pages.is_empty()) {
                continue;
            }
            let key = (a.kind == e.record.kind, same_first, ov);
            if best.map(|b| key > b.1).unwrap_or(true) {
                best = Some((i, key));
            }
        }
        if let Some((i, _)) = best {
            used[i] = true;
            matches[ei] = Some(i);
        }
    }
    matches
}

/// The eval name of a record's `fields` entry (`dob` is scored as `subject.dob`).
fn scored_name(field: &str) -> &str {
    match field {
        "name" => "subject.name",
        "dob" => "subject.dob",
        "citizenship" => "subject.citizenship",
        "sex" => "subject.sex",
        "issuing_office" => "issuing_office.code",
        other => other,
    }
}

/// For `faxtract calibrate`: every calibrated value the actual records hold where a detainer was expected,
/// by field, with its evidence (`parts`: the parts names are made of) and whether it is the expected value.
pub fn calibration_samples(
    expected: &[Expected],
    actual: &[Record],
    parts: &crate::review::calibration::NameParts,
) -> BTreeMap<String, Vec<(crate::review::calibration::Evidence, bool)>> {
    let mut out: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for (e, m) in expected.iter().zip(match_records(expected, actual)) {
        let Some(a) = m.map(|i| &actual[i]) else { continue };
        if e.record.kind != Kind::Detainer || a.kind != Kind::Detainer {
            continue;
        }
        for (name, f) in &a.fields {
            if !crate::review::is_typed_value(name) || f.value.is_null() {
                continue;
            }
            let scored = scored_name(name);
            let got = field_value(a, scored);
            if got.is_none() {
                continue;
            }
            let right = got == field_value(&e.record, scored);
            out.entry(name.clone()).or_default().push((crate::review::calibration::evidence(name, f, a, parts), right));
        }
    }
    out
}

pub fn evaluate(expected: &[Expected], actual: &[Record]) -> EvalReport {
    let matches = match_records(expected, actual);
    let used: BTreeSet<usize> = matches.iter().flatten().copied().collect();
    let mut rep = EvalReport::default();
    // truth of each path, for grouping extra records
    let mut path_truth: BTreeMap<&str, &Truth> = BTreeMap::new();
    for (ei, e) in expected.iter().enumerate() {
        path_truth.entry(e.record.source.path.as_str()).or_insert(&e.truth);
        let a = matches[ei].map(|i| &actual[i]);
        let wrongs = score(e, a, &mut rep.overall);
        score(e, a, rep.by_resolution.entry(e.truth.resolution.clone()).or_default());
        score(e, a, rep.by_encoding.entry(e.truth.encoding.clone()).or_default());
        if !e.truth.layout.is_empty() {
            score(e, a, rep.by_layout.entry(e.truth.layout.clone()).or_default());
        }
        if a.is_none() {
            rep.missing.push(RecordRef { path: e.record.source.path.clone(), pages: e.record.source.pages.clone() });
        }
        rep.errors.extend(wrongs);
    }
    for (i, a) in actual.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        rep.overall.extra += 1;
        if let Some(t) = path_truth.get(a.source.path.as_str()) {
            rep.by_resolution.entry(t.resolution.clone()).or_default().extra += 1;
            rep.by_encoding.entry(t.encoding.clone()).or_default().extra += 1;
            if !t.layout.is_empty() {
                rep.by_layout.entry(t.layout.clone()).or_default().extra += 1;
            }
        }
        rep.extra.push(RecordRef { path: a.source.path.clone(), pages: a.source.pages.clone() });
    }
    rep
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.overall;
        writeln!(
            f,
            "records: {} expected, {} matched, {} missing, {} extra",
            o.expected, o.matched, o.missing, o.extra
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<24} {:>6} {:>9} {:>7} {:>9} {:>9}",
            "field", "n", "accuracy", "wrong", "unflagged", "dangerous"
        )?;
        for name in FIELDS {
            if let Some(s) = o.fields.get(*name) {
                writeln!(
                    f,
                    "{:<24} {:>6} {:>8.2}% {:>7} {:>9} {:>9}",
                    name,
                    s.total,
                    s.accuracy(),
                    s.wrong_flagged + s.wrong_unflagged,
                    s.wrong_unflagged,
                    s.dangerous
                )?;
            }
        }
        let a = o.all_fields();
        writeln!(
            f,
            "{:<24} {:>6} {:>8.2}% {:>7} {:>9} {:>9}",
            "ALL FIELDS",
            a.total,
            a.accuracy(),
            a.wrong_flagged + a.wrong_unflagged,
            a.wrong_unflagged,
            a.dangerous
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "document exact match: {:.2}%   page classification: {:.2}% ({} pages)   review rate: {:.2}%",
            o.exact_rate(),
            o.page_accuracy(),
            o.pages_total,
            o.review_rate()
        )?;
        writeln!(
            f,
            "wrong values whose field no review reason names: {} ({:.2}%)   dangerous (non-null, wrong, unnamed): {}   straight-through: {:.2}%",
            a.wrong_unflagged,
            o.unflagged_wrong_rate(),
            a.dangerous,
            o.straight_through_rate()
        )?;
        writeln!(f, "silent (non-null, wrong, in a record needing no review at all): {}", a.silent)?;
        for (title, m) in
            [("resolution", &self.by_resolution), ("encoding", &self.by_encoding), ("layout", &self.by_layout)]
        {
            if m.is_empty() {
                continue;
            }
            writeln!(f)?;
            writeln!(
                f,
                "{:<12} {:>5} {:>7} {:>5} {:>8} {:>9} {:>8} {:>8} {:>10} {:>9}",
                title, "docs", "missing", "extra", "exact", "fields", "pages", "review", "unflagged", "dangerous"
            )?;
            for (k, s) in m {
                writeln!(
                    f,
                    "{:<12} {:>5} {:>7} {:>5} {:>7.2}% {:>8.2}% {:>7.2}% {:>7.2}% {:>9.2}% {:>9}",
                    k,
                    s.expected,
                    s.missing,
                    s.extra,
                    s.exact_rate(),
                    s.field_accuracy(),
                    s.page_accuracy(),
                    s.review_rate(),
                    s.unflagged_wrong_rate(),
                    s.all_fields().dangerous
                )?;
            }
        }
        if !self.errors.is_empty() {
            writeln!(f)?;
            writeln!(f, "first wrong values (path, field: expected -> actual):")?;
            for w in self.errors.iter().take(20) {
                writeln!(
                    f,
                    "  {} {}: {} -> {}{}",
                    w.path,
                    w.field,
                    w.expected.as_deref().unwrap_or("null"),
                    w.actual.as_deref().unwrap_or("null"),
                    if w.flagged { " (flagged)" } else { "" }
                )?;
            }
        }
        for (what, list) in [("missing", &self.missing), ("extra", &self.extra)] {
            for r in list.iter().take(10) {
                writeln!(f, "{what}: {} pages {:?}", r.path, r.pages)?;
            }
        }
        Ok(())
    }
}

/// Prints the report for `actual` against the corpus; returns the exit status.
pub fn run_eval(args: &EvalArgs, actual: Vec<Record>) -> Result<i32> {
    let expected = load_expected(&args.corpus)?;
    let report = evaluate(&expected, &actual);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    Ok(match args.fail_below {
        Some(min) if report.overall.field_accuracy() < min => 1,
        _ => 0,
    })
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// A generated corpus and the records `faxtract run` wrote over it, as CORPUS=RECORDS; repeat for more.
    #[arg(long = "pair", required = true, value_parser = parse_pair)]
    pub pairs: Vec<(PathBuf, PathBuf)>,
    /// Where to write the fitted model (the shape of models/calibration.toml).
    #[arg(long)]
    pub out: PathBuf,
    /// The probability under which a value goes to review.
    #[arg(long, default_value_t = 0.9)]
    pub review_below: f64,
    /// L2 penalty on the weights.
    #[arg(long, default_value_t = 1.0)]
    pub l2: f64,
    /// A corpus and its records, as CORPUS=RECORDS, not fitted on but scored with the fitted model: how it
    /// does on values it has not seen (repeat for more).
    #[arg(long = "held-out", value_parser = parse_pair)]
    pub held_out: Vec<(PathBuf, PathBuf)>,
    /// Refit only these fields' models (comma-separated), keeping every other one, `default` among them,
    /// and `review_below` as the built-in models/calibration.toml has them: a new piece of evidence about
    /// one field then moves no other field's review.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
}

fn parse_pair(s: &str) -> std::result::Result<(PathBuf, PathBuf), String> {
    let (c, r) = s.split_once('=').ok_or("expected CORPUS=RECORDS")?;
    Ok((PathBuf::from(c), PathBuf::from(r)))
}

/// `faxtract calibrate`: fits each calibrated field's model on the corpora's values (a field with under
/// 40 values, or no wrong one, uses the `default` model fitted on every field's), writes it, and prints
/// per field how many wrong values the fitted model sends to review and how many right ones it sends too.
pub fn run_calibrate(args: &CalibrateArgs) -> Result<i32> {
    use crate::review::calibration::{fit, Calibration};
    // The name list is model data the fit does not change: the built-in one.
    let builtin = crate::Models::builtin()?;
    let parts = builtin.calibration.name_parts.clone();
    let mut samples: BTreeMap<String, Vec<_>> = BTreeMap::new();
    let mut fitted_on = Vec::new();
    for (corpus, records) in &args.pairs {
        let expected = load_expected(corpus)?;
        let actual = read_records(records)?;
        for (field, s) in calibration_samples(&expected, &actual, &parts) {
            samples.entry(field).or_default().extend(s);
        }
        fitted_on.push(corpus.display().to_string());
    }
    let pooled: Vec<_> = samples.values().flatten().cloned().collect();
    anyhow::ensure!(!pooled.is_empty(), "no detainer values to fit on");
    let fitted_on = format!("faxtract calibrate over {} ({} values)", fitted_on.join(", "), pooled.len());
    let cal = if args.only.is_empty() {
        let mut field = BTreeMap::new();
        field.insert("default".to_string(), fit(&pooled, args.l2));
        for (name, s) in &samples {
            if s.len() >= 40 && s.iter().filter(|(_, right)| !right).count() >= 3 {
                field.insert(name.clone(), fit(s, args.l2));
            }
        }
        Calibration { review_below: args.review_below, fitted_on, field, name_parts: parts.clone() }
    } else {
        refit_only(builtin.calibration, &samples, &args.only, args.l2, &fitted_on)?
    };
    let header = "# How sure the pipeline is of each value: p(right) = 1 / (1 + exp(-(intercept + sum of weight x \
                  evidence))),\n# per record field (`default` for the others). A value under `review_below` goes \
                  to review as FIELD:low_confidence.\n# The evidence is explained in src/review/calibration.rs and \
                  the README (How sure a value is).\n# Written by `faxtract calibrate`: refit, do not edit by \
                  hand.\n";
    std::fs::write(&args.out, format!("{header}{}", toml::to_string(&cal)?))
        .with_context(|| format!("writing {}", args.out.display()))?;
    print_flagged(&cal, &samples);
    if !args.held_out.is_empty() {
        let mut held: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for (corpus, records) in &args.held_out {
            for (field, s) in calibration_samples(&load_expected(corpus)?, &read_records(records)?, &parts) {
                held.entry(field).or_default().extend(s);
            }
        }
        println!("held out (not fitted on):");
        print_flagged(&cal, &held);
    }
    Ok(0)
}

/// `cal` with the models of the fields `only` refit on their `samples` (`faxtract calibrate --only`), every
/// other model and `review_below` as they were.
fn refit_only(
    mut cal: crate::review::calibration::Calibration,
    samples: &BTreeMap<String, Vec<(crate::review::calibration::Evidence, bool)>>,
    only: &[String],
    l2: f64,
    fitted_on: &str,
) -> Result<crate::review::calibration::Calibration> {
    for name in only {
        let s = samples.get(name).with_context(|| format!("--only {name}: no values of that field to fit on"))?;
        anyhow::ensure!(s.iter().any(|(_, right)| !right), "--only {name}: no wrong value to fit on");
        cal.field.insert(name.clone(), crate::review::calibration::fit(s, l2));
    }
    cal.fitted_on = format!("{}; {} refit with {fitted_on}", cal.fitted_on, only.join(", "));
    Ok(cal)
}

/// Per field: values, wrong ones, and how many wrong and right ones `cal` sends to review.
fn print_flagged(
    cal: &crate::review::calibration::Calibration,
    samples: &BTreeMap<String, Vec<(crate::review::calibration::Evidence, bool)>>,
) {
    println!("{:<24} {:>6} {:>6} {:>14} {:>14}", "field", "values", "wrong", "wrong flagged", "right flagged");
    for (name, s) in samples {
        let flagged =
            |want: bool| s.iter().filter(|(e, r)| *r == want && cal.probability(name, e) < cal.review_below).count();
        let wrong = s.iter().filter(|(_, r)| !r).count();
        println!("{:<24} {:>6} {:>6} {:>14} {:>14}", name, s.len(), wrong, flagged(false), flagged(true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Detainer, ErrorInfo, ProbableCause, Source, WarrantType};

    /// `--only name` refits the name's model alone: the others, `default` and `review_below` stay; a field
    /// with no values, or no wrong one, is an error rather than a model fitted on nothing.
    #[test]
    fn refitting_one_field_keeps_the_others() {
        let cal = crate::Models::builtin().unwrap().calibration;
        let ev = |unknown: f64| vec![("unknown_part".to_string(), unknown)];
        let mut samples = BTreeMap::new();
        let names: Vec<_> = (0..60).map(|i| (ev(f64::from(i % 3 == 0)), i % 6 != 0)).collect();
        samples.insert("name".to_string(), names);
        samples.insert("sex".to_string(), vec![(ev(0.0), true)]);
        let only = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let refit = refit_only(cal.clone(), &samples, &only(&["name"]), 1.0, "test").unwrap();
        assert!(refit.field["name"]["unknown_part"] < 0.0, "{:?}", refit.field["name"]);
        assert_ne!(refit.field["name"], cal.field["name"]);
        for (field, model) in &cal.field {
            if field != "name" {
                assert_eq!(&refit.field[field], model, "{field}");
            }
        }
        assert_eq!(refit.review_below, cal.review_below);
        assert!(refit.fitted_on.ends_with("; name refit with test"), "{}", refit.fitted_on);
        assert!(refit_only(cal.clone(), &samples, &only(&["sex"]), 1.0, "test").is_err());
        assert!(refit_only(cal, &samples, &only(&["dob"]), 1.0, "test").is_err());
    }

    fn det(path: &str, pages: Vec<u32>) -> Record {
        let mut r = Record::new(Kind::Detainer, Source { path: path.into(), sha256: "x".into(), pages, page_count: 4 });
        r.form = Some("I-247A".into());
        let mut d = Detainer {
            subject_id: Some("123456789".into()),
            a_number: Some("A212345678".into()),
            ..Detainer::default()
        };
        d.subject.name = Some("GARCIA LOPEZ, JOSE".into());
        d.subject.citizenship = Some("MEXICO".into());
        d.issuing_office.code = Some("BOS".into());
        d.warrant.kind = WarrantType::I200;
        d.probable_cause = vec![ProbableCause::Biometric, ProbableCause::Statements];
        r.detainer = Some(d);
        r.page_kinds = vec![PageKind::CoverSheet, PageKind::I247aRequest, PageKind::DetaineeNotice, PageKind::I200];
        r
    }

    fn exp(r: Record, res: &str, enc: &str) -> Expected {
        Expected { record: r, truth: Truth { resolution: res.into(), encoding: enc.into(), ..Truth::default() } }
    }

    #[test]
    fn perfect_match_scores_full_marks() {
        let e = vec![exp(det("a/fax1.tif", vec![1, 2, 3, 4]), "fine", "g4")];
        let rep = evaluate(&e, &[det("a/fax1.tif", vec![1, 2, 3, 4])]);
        assert_eq!(rep.overall.matched, 1);
        assert_eq!(rep.overall.exact, 1);
        assert_eq!(rep.overall.field_accuracy(), 100.0);
        assert_eq!(rep.overall.pages_correct, 4);
        assert_eq!(rep.overall.fields["probable_cause"].correct, 1);
        assert!(rep.missing.is_empty() && rep.extra.is_empty());
    }

    #[test]
    fn wrong_values_flagged_unflagged_and_dangerous() {
        let e = vec![
            exp(det("a/1.tif", vec![1, 2, 3, 4]), "fine", "g4"),
            exp(det("b/2.tif", vec![1, 2, 3, 4]), "standard", "g3-2d"),
        ];
        let mut a1 = det("a/1.tif", vec![1, 2, 3, 4]);
        a1.detainer.as_mut().unwrap().a_number = Some("A212345679".into()); // wrong, no review: dangerous
        a1.detainer.as_mut().unwrap().subject.citizenship = None; // null, no review: unflagged, not dangerous
        let mut a2 = det("b/2.tif", vec![1, 2, 3, 4]);
        a2.detainer.as_mut().unwrap().issuing_office.code = Some("LESC".into());
        a2.review.flag("issuing_office:low_confidence"); // wrong but flagged: the reason names it
                                                         // A reason naming another field does not flag this one: the sex is not what is wrong.
        a2.detainer.as_mut().unwrap().event_number = Some("BOS2501000999".into());
        a2.review.flag("sex:found_by_position");
        // probable cause order must not matter
        a2.detainer.as_mut().unwrap().probable_cause = vec![ProbableCause::Statements, ProbableCause::Biometric];
        let rep = evaluate(&e, &[a1, a2]);
        let f = &rep.overall.fields;
        assert_eq!(f["a_number"].dangerous, 1);
        assert_eq!(f["a_number"].correct, 1);
        assert_eq!(f["subject.citizenship"].wrong_unflagged, 1);
        assert_eq!(f["subject.citizenship"].dangerous, 0);
        assert_eq!(f["issuing_office.code"].wrong_flagged, 1);
        assert_eq!((f["event_number"].wrong_unflagged, f["event_number"].dangerous), (1, 1));
        assert_eq!(f["probable_cause"].correct, 2);
        assert_eq!(rep.overall.exact, 0);
        assert_eq!(rep.overall.reviewed, 1);
        assert_eq!(rep.by_resolution["fine"].fields["a_number"].dangerous, 1);
        assert_eq!(rep.by_encoding["g3-2d"].fields["issuing_office.code"].wrong_flagged, 1);
        assert_eq!(rep.by_encoding["g3-2d"].all_fields().dangerous, 1);
        // 3 wrong values, 2 unflagged
        assert!((rep.overall.unflagged_wrong_rate() - 75.0).abs() < 1e-9);
    }

    #[test]
    fn missing_extra_and_fallback_matching() {
        let mut err = Record::new(Kind::Error, Source { path: "c/empty.tif".into(), ..Source::default() });
        err.error = Some(ErrorInfo { code: "empty_file".into(), message: String::new() });
        let e = vec![
            exp(det("a/1.tif", vec![1, 2, 3, 4]), "fine", "g4"),
            exp(det("a/2.tif", vec![1, 2, 3, 4]), "fine", "g4"),
            exp(err.clone(), "fine", "none"),
        ];
        // a/1.tif: the pipeline split the cover off: "other" for page 1, detainer for 2-4
        let mut cover =
            Record::new(Kind::Other, Source { path: "a/1.tif".into(), pages: vec![1], ..Source::default() });
        cover.page_kinds = vec![PageKind::CoverSheet];
        let mut req = det("a/1.tif", vec![2, 3, 4]);
        req.page_kinds = vec![PageKind::I247aRequest, PageKind::DetaineeNotice, PageKind::I200];
        let mut wrong_err = err.clone();
        wrong_err.error = Some(ErrorInfo { code: "truncated".into(), message: "x".into() });
        let rep = evaluate(&e, &[cover, req, wrong_err]);
        // a/1.tif matches the detainer record (same kind, overlapping pages); the split-off cover is extra
        assert_eq!(rep.overall.matched, 2);
        assert_eq!(rep.overall.missing, 1);
        assert_eq!(rep.missing[0].path, "a/2.tif");
        assert_eq!(rep.overall.extra, 1);
        assert_eq!(rep.extra[0].pages, vec![1]);
        assert_eq!(rep.overall.fields["subject_id"].correct, 1);
        assert_eq!(rep.overall.fields["error.code"].total, 1);
        assert_eq!(rep.overall.fields["error.code"].dangerous, 1);
        assert_eq!(rep.overall.fields["kind"].correct, 2);
        // missing a/2.tif: all its fields wrong, unflagged, not dangerous
        assert_eq!(rep.overall.fields["a_number"].wrong_unflagged, 1);
        assert_eq!(rep.overall.fields["a_number"].dangerous, 0);
        // page kinds compared by page number: pages 2-4 right, page 1 not in the matched record
        assert_eq!(rep.overall.pages_correct, 3);
        assert_eq!(rep.overall.pages_total, 4);
        let text = rep.to_string();
        assert!(text.contains("a_number") && text.contains("missing: a/2.tif"));
        let json = serde_json::to_value(&rep).unwrap();
        assert_eq!(json["overall"]["missing"], 1);
    }

    #[test]
    fn bad_pages_are_not_scored() {
        let mut e = exp(det("a/1.tif", vec![1, 2, 3, 4]), "fine", "g4");
        e.truth.bad_pages = vec![4];
        e.record.page_kinds[3] = PageKind::Other;
        let mut a = det("a/1.tif", vec![1, 2, 3, 4]);
        a.page_kinds.truncate(3);
        let rep = evaluate(&[e], &[a]);
        assert_eq!(rep.overall.pages_total, 3);
        assert_eq!(rep.overall.pages_correct, 3);
    }
}
