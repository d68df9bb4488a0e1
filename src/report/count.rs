//! From records to the report: requests, the period, every breakdown and everything the count rests on.
//!
//! Decisions (the README's "report" section repeats them):
//! * **Copies and requests.** A copy is one `kind: "detainer"` record; copies are merged into requests by
//!   [`super::merge`]. `copies_received` counts request copies (not cancellations) of the requests in the period.
//! * **Cancellations** (`detainer.cancels_previous`) are merged among themselves and counted in
//!   `cancellations`, never in `unique_requests`. Each is linked, where possible, to the request it cancels
//!   (a request sharing its subject ID or A-number; the one issued on `cancelled_request_date` first, else the
//!   latest issued on or before the cancellation). The cancelled request still counts: it was received.
//! * **Period.** A request's date is its issue date (`date_issued`; when copies disagree the most frequent,
//!   ties to the earliest, and the disagreement goes to `needs_review`), else the earliest `fax.received_at`
//!   date of its copies. `--from`/`--to` are inclusive. An undated request is counted when no bound is given;
//!   with a bound it cannot be placed, so it is not counted, and it is listed in `period.undated` either way.
//!   Requests outside the period are counted in `period.excluded`.
//! * **Channels and lines.** `fax.channel` / `fax.line`, `null` → `"unknown"`. `by_channel.X.requests` counts
//!   the unique requests with at least one copy on X: a request faxed to two channels counts under both,
//!   so these do not add up to `unique_requests` (`copies` do add up to `copies_received`).
//!   `dedicated_share` = requests with ≥ 1 copy on the dedicated channel (`--dedicated-channel`, default
//!   `dedicated`) / `unique_requests`; `null` when there are no requests.
//! * **Warrant type** of a request: the warrant types of its copies, ignoring `none` (a copy faxed without the
//!   warrant page); `none` when no copy has one; `conflict` (and a `needs_review` entry) when copies name two
//!   different warrants. Never resolved towards `judicial`. `judicial_vs_administrative`: I-200 and I-205 are
//!   administrative. Issuing office and form: the most frequent among copies (ties alphabetical), a
//!   disagreement goes to `needs_review`.
//! * **Lists.** `errors` lists every `kind: "error"` record; `needs_review` every record with
//!   `review.needed` (all input records, not only those in the period) plus the report's own findings
//!   (copies that disagree, copies no rule can match); `duplicates` every merged request in the period with
//!   every copy. Names and dates of birth are left out unless `--show-names`.

use super::load::{InputError, LoadSet, Origin, Repeated};
use super::merge::{self, Keys};
use super::norm;
use crate::record::{Kind, Record, WarrantType};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Options of the count (from the command line).
#[derive(Debug, Clone)]
pub struct Options {
    pub from: Option<String>,
    pub to: Option<String>,
    pub dedicated_channel: String,
    pub show_names: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { from: None, to: None, dedicated_channel: "dedicated".into(), show_names: false }
    }
}

pub const REPORT_SCHEMA: &str = "faxtract.report/1";
pub const LEGACY_FORMS: [&str; 4] = ["I-247", "I-247D", "I-247N", "I-247X"];

/// The report. Serialized as-is to JSON: these keys are a public interface.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub period: Period,
    pub unique_requests: usize,
    pub copies_received: usize,
    /// Unique cancellations in the period (never counted as requests).
    pub cancellations: usize,
    pub cancellation_copies: usize,
    /// Requests with at least one copy on the dedicated channel / unique requests; null with no requests.
    pub dedicated_share: Option<f64>,
    pub dedicated_channel: String,
    pub dedicated_requests: usize,
    pub by_channel: BTreeMap<String, Tally>,
    pub by_line: BTreeMap<String, LineTally>,
    pub by_month: BTreeMap<String, usize>,
    pub by_office: BTreeMap<String, usize>,
    pub by_warrant_type: BTreeMap<String, usize>,
    pub judicial_vs_administrative: BTreeMap<String, usize>,
    /// `I-247A`, `legacy` (I-247, I-247D, I-247N, I-247X) and `unknown`.
    pub by_form: BTreeMap<String, usize>,
    /// The exact form names behind `by_form`.
    pub by_form_detail: BTreeMap<String, usize>,
    pub requests: Vec<RequestRow>,
    pub cancellation_list: Vec<CancellationRow>,
    pub duplicates: Vec<Duplicate>,
    pub needs_review: Vec<ReviewItem>,
    pub errors: Vec<ErrorItem>,
    pub input_errors: Vec<InputError>,
    pub inputs: Inputs,
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
    pub date_basis: &'static str,
    /// Earliest and latest date of the counted requests.
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// Counted requests dated by their issue date / by the received date (no readable issue date).
    pub by_date_issued: usize,
    pub by_received_at: usize,
    /// Requests with neither date (counted only when no bound is given).
    pub undated_count: usize,
    pub undated_counted: bool,
    pub undated: Vec<String>,
    pub excluded: Excluded,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Excluded {
    pub requests: usize,
    pub cancellations: usize,
    pub copies: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Unique requests with at least one copy here.
    pub requests: usize,
    /// Request copies received here.
    pub copies: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LineTally {
    pub channels: Vec<String>,
    pub requests: usize,
    pub copies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestRow {
    pub request_id: String,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date: Option<String>,
    /// `date_issued`, `received_at` or `undated`.
    pub date_basis: &'static str,
    pub office: String,
    pub warrant_type: String,
    pub form: String,
    pub channels: Vec<String>,
    pub lines: Vec<String>,
    pub copies: usize,
    pub rules: Vec<&'static str>,
    pub cancelled_by: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CancellationRow {
    pub request_id: String,
    pub date: Option<String>,
    pub date_basis: &'static str,
    pub cancelled_request_date: Option<String>,
    /// The request it cancels, when one in the records matches.
    pub cancels: Option<String>,
    pub channels: Vec<String>,
    pub copies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    pub request_id: String,
    /// `request` or `cancellation`.
    pub kind: &'static str,
    pub rules: Vec<&'static str>,
    pub copies: Vec<CopyRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CopyRef {
    pub path: String,
    pub pages: Vec<u32>,
    pub received_at: Option<String>,
    pub line: String,
    pub channel: String,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date_issued: Option<String>,
    pub record: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ReviewItem {
    /// `record` (the record's own `review`) or `report` (found while counting).
    pub origin: &'static str,
    pub request_id: Option<String>,
    pub kind: String,
    pub path: String,
    pub pages: Vec<u32>,
    pub record: Option<Origin>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ErrorItem {
    pub path: String,
    pub code: String,
    pub message: String,
    pub record: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Inputs {
    pub record_files: Vec<String>,
    pub lines: usize,
    pub records_parsed: usize,
    /// Distinct records (repeats set aside).
    pub records: usize,
    pub records_by_kind: BTreeMap<String, usize>,
    pub repeated_records: usize,
    pub repeated: Vec<Repeated>,
    /// Distinct fax files (sha256 + path) the records describe, and their pages.
    pub files_read: usize,
    pub pages: u64,
    pub error_files: usize,
    pub input_errors: usize,
}

/// One merged request or cancellation with its resolved values; shared with reconcile.
#[derive(Debug, Clone)]
pub struct RequestInfo {
    pub id: String,
    pub cancellation: bool,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub name: Option<String>,
    pub date_issued: Option<String>,
    pub date: Option<String>,
    pub date_basis: &'static str,
    pub office: String,
    pub warrant: String,
    pub form: String,
    pub channels: BTreeSet<String>,
    pub lines: BTreeSet<String>,
    pub rules: Vec<&'static str>,
    pub copies: Vec<CopyRef>,
    pub cancelled_request_date: Option<String>,
    /// Index of the request a cancellation cancels (into the same list).
    pub cancels: Option<usize>,
    /// Subject IDs and A-numbers of every copy (for linking cancellations and for reconcile).
    pub all_subject_ids: BTreeSet<String>,
    pub all_a_numbers: BTreeSet<String>,
    pub all_events: BTreeSet<String>,
    pub conflicts: Vec<String>,
    pub unmatchable: bool,
}

impl RequestInfo {
    pub fn in_period(&self, o: &Options) -> bool {
        match &self.date {
            None => o.from.is_none() && o.to.is_none(),
            Some(d) => {
                o.from.as_deref().is_none_or(|f| d.as_str() >= f) && o.to.as_deref().is_none_or(|t| d.as_str() <= t)
            }
        }
    }
}

fn label(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => "unknown".to_string(),
    }
}

fn warrant_name(w: WarrantType) -> &'static str {
    match w {
        WarrantType::I200 => "I-200",
        WarrantType::I205 => "I-205",
        WarrantType::Judicial => "judicial",
        WarrantType::None => "none",
    }
}

/// The most frequent value (ties: smallest), and whether the values disagreed.
fn majority<'a>(vals: impl Iterator<Item = &'a str>) -> (Option<String>, Vec<String>) {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for v in vals {
        *n.entry(v).or_default() += 1;
    }
    let best = n.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| k.to_string());
    let distinct = if n.len() > 1 { n.keys().map(|s| s.to_string()).collect() } else { Vec::new() };
    (best, distinct)
}

fn copy_ref(l: &super::load::Loaded, k: &Keys, show_names: bool) -> CopyRef {
    let r = &l.record;
    CopyRef {
        path: r.source.path.clone(),
        pages: r.source.pages.clone(),
        received_at: r.fax.received_at.clone(),
        line: label(r.fax.line.as_deref()),
        channel: label(r.fax.channel.as_deref()),
        subject_id: k.subject_id.clone(),
        event_number: k.event_number.clone(),
        a_number: k.a_number.clone(),
        date_issued: k.date_issued.clone(),
        record: l.origin.clone(),
        name: if show_names { r.detainer.as_ref().and_then(|d| d.subject.name.clone()) } else { None },
    }
}

/// Merges the detainer records of a load into requests and cancellations, sorted by id, with cancellations
/// linked. Both `report` and `reconcile` start here.
pub fn requests(set: &LoadSet, show_names: bool) -> Vec<RequestInfo> {
    let det: Vec<&super::load::Loaded> = set.records.iter().filter(|l| l.record.kind == Kind::Detainer).collect();
    let keys: Vec<Keys> = det.iter().map(|l| Keys::of(&l.record)).collect();
    let groups = merge::merge(&keys);
    let mut out: Vec<RequestInfo> = Vec::with_capacity(groups.len());
    for g in &groups {
        let mut members: Vec<(CopyRef, usize)> =
            g.copies.iter().map(|&i| (copy_ref(det[i], &keys[i], show_names), i)).collect();
        members.sort();
        let ks: Vec<&Keys> = members.iter().map(|(_, i)| &keys[*i]).collect();
        let recs: Vec<&Record> = members.iter().map(|(_, i)| &det[*i].record).collect();
        let mut conflicts = Vec::new();
        fn pick(conflicts: &mut Vec<String>, what: &str, vals: Vec<&str>) -> Option<String> {
            let (best, distinct) = majority(vals.into_iter());
            if !distinct.is_empty() {
                if what == "subject name" {
                    // Names are personal data: the reason says what differs, not the values.
                    conflicts.push(format!("copies disagree on {what} ({} spellings)", distinct.len()));
                } else {
                    conflicts.push(format!("copies disagree on {what}: {}", distinct.join(", ")));
                }
            }
            best
        }
        let subject_id =
            pick(&mut conflicts, "subject_id", ks.iter().filter_map(|k| k.subject_id.as_deref()).collect());
        let event_number =
            pick(&mut conflicts, "event_number", ks.iter().filter_map(|k| k.event_number.as_deref()).collect());
        let a_number = pick(&mut conflicts, "a_number", ks.iter().filter_map(|k| k.a_number.as_deref()).collect());
        // Disagreement is judged on the match key; the name shown (--show-names) is the most frequent as read.
        let _ = pick(&mut conflicts, "subject name", ks.iter().filter_map(|k| k.name.as_deref()).collect());
        let name = majority(
            recs.iter()
                .filter_map(|r| r.detainer.as_ref()?.subject.name.as_deref())
                .map(str::trim)
                .filter(|s| !s.is_empty()),
        )
        .0;
        let date_issued = {
            let mut n: BTreeMap<&str, usize> = BTreeMap::new();
            for d in ks.iter().filter_map(|k| k.date_issued.as_deref()) {
                *n.entry(d).or_default() += 1;
            }
            if n.len() > 1 {
                conflicts.push(format!(
                    "copies disagree on date_issued: {}",
                    n.keys().copied().collect::<Vec<_>>().join(", ")
                ));
            }
            // Most frequent; ties to the earliest (BTreeMap order, max_by keeps the last max otherwise).
            n.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(d, _)| d.to_string())
        };
        let received = recs.iter().filter_map(|r| r.fax.received_at.as_deref().and_then(norm::iso_date)).min();
        let (date, date_basis) = match (&date_issued, received) {
            (Some(d), _) => (Some(d.clone()), "date_issued"),
            (None, Some(r)) => (Some(r), "received_at"),
            (None, None) => (None, "undated"),
        };
        let office = pick(
            &mut conflicts,
            "issuing office",
            recs.iter()
                .filter_map(|r| r.detainer.as_ref()?.issuing_office.code.as_deref())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
        )
        .unwrap_or_else(|| "unknown".into());
        let form = pick(
            &mut conflicts,
            "form",
            recs.iter().filter_map(|r| r.form.as_deref()).map(str::trim).filter(|s| !s.is_empty()).collect(),
        )
        .unwrap_or_else(|| "unknown".into());
        let warrants: BTreeSet<&'static str> = recs
            .iter()
            .filter_map(|r| r.detainer.as_ref())
            .map(|d| d.warrant.kind)
            .filter(|w| *w != WarrantType::None)
            .map(warrant_name)
            .collect();
        let warrant = match warrants.len() {
            0 => "none".to_string(),
            1 => warrants.iter().next().expect("one").to_string(),
            _ => {
                conflicts.push(format!(
                    "copies disagree on warrant type: {}",
                    warrants.iter().copied().collect::<Vec<_>>().join(", ")
                ));
                "conflict".to_string()
            }
        };
        let cancelled_request_date = recs
            .iter()
            .filter_map(|r| r.detainer.as_ref()?.cancelled_request_date.as_deref().and_then(norm::date))
            .min();
        let unmatchable = ks.len() == 1 && ks[0].unmatchable();
        if recs.iter().any(|r| r.detainer.is_none()) {
            conflicts.push("detainer record without a detainer block".into());
        }
        // The id: the first complete key among the copies, else the first copy's file and pages.
        let id_core = ks
            .iter()
            .find_map(|k| Some(format!("{}/{}", k.subject_id.as_deref()?, k.event_number.as_deref()?)))
            .or_else(|| {
                ks.iter().find_map(|k| Some(format!("{}/{}", k.a_number.as_deref()?, k.date_issued.as_deref()?)))
            })
            .unwrap_or_else(|| {
                let c = &members[0].0;
                format!("{}#p{}", c.path, super::render::pages(&c.pages))
            });
        let id = if g.cancellation { format!("cancel:{id_core}") } else { id_core };
        out.push(RequestInfo {
            id,
            cancellation: g.cancellation,
            all_subject_ids: ks.iter().filter_map(|k| k.subject_id.clone()).collect(),
            all_a_numbers: ks.iter().filter_map(|k| k.a_number.clone()).collect(),
            all_events: ks.iter().filter_map(|k| k.event_number.clone()).collect(),
            subject_id,
            event_number,
            a_number,
            name,
            date_issued,
            date,
            date_basis,
            office,
            warrant,
            form,
            channels: members.iter().map(|(c, _)| c.channel.clone()).collect(),
            lines: members.iter().map(|(c, _)| c.line.clone()).collect(),
            rules: g.rules.clone(),
            copies: members.into_iter().map(|(c, _)| c).collect(),
            cancelled_request_date,
            cancels: None,
            conflicts,
            unmatchable,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.copies.cmp(&b.copies)));
    // Ids are unique in practice (a complete key identifies one group); make sure anyway.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in out.iter_mut() {
        let n = seen.entry(r.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            r.id = format!("{}~{}", r.id, n);
        }
    }
    link_cancellations(&mut out);
    out
}

fn link_cancellations(all: &mut [RequestInfo]) {
    for c in 0..all.len() {
        if !all[c].cancellation {
            continue;
        }
        let cand: Vec<usize> = (0..all.len())
            .filter(|&r| {
                !all[r].cancellation
                    && (!all[r].all_subject_ids.is_disjoint(&all[c].all_subject_ids)
                        || !all[r].all_a_numbers.is_disjoint(&all[c].all_a_numbers))
            })
            .collect();
        let crd = all[c].cancelled_request_date.clone();
        let cdate = all[c].date.clone();
        let by_date = cand.iter().copied().find(|&r| crd.is_some() && all[r].date_issued == crd);
        let before = cand
            .iter()
            .copied()
            .filter(|&r| match (&all[r].date, &cdate) {
                (Some(rd), Some(cd)) => rd <= cd,
                _ => false,
            })
            .max_by(|&a, &b| all[a].date.cmp(&all[b].date).then(b.cmp(&a)));
        all[c].cancels = by_date.or(before).or(cand.first().copied());
    }
}

/// Builds the report.
pub fn build(set: &LoadSet, o: &Options) -> Report {
    let all = requests(set, o.show_names);
    let id_of_record: BTreeMap<&Origin, &str> =
        all.iter().flat_map(|r| r.copies.iter().map(move |c| (&c.record, r.id.as_str()))).collect();

    let mut excluded = Excluded::default();
    let mut counted: Vec<&RequestInfo> = Vec::new();
    let mut cancels: Vec<&RequestInfo> = Vec::new();
    let mut undated = Vec::new();
    for r in &all {
        if r.date.is_none() && !r.cancellation {
            undated.push(r.id.clone());
        }
        match (r.in_period(o), r.cancellation) {
            (true, false) => counted.push(r),
            (true, true) => cancels.push(r),
            (false, false) => {
                excluded.requests += 1;
                excluded.copies += r.copies.len();
            }
            (false, true) => excluded.cancellations += 1,
        }
    }

    let mut by_channel: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_line: BTreeMap<String, LineTally> = BTreeMap::new();
    let mut by_month: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_office: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_warrant_type: BTreeMap<String, usize> =
        ["I-200", "I-205", "judicial", "none", "conflict"].iter().map(|k| (k.to_string(), 0)).collect();
    let mut jva: BTreeMap<String, usize> =
        ["judicial", "administrative", "none", "conflict"].iter().map(|k| (k.to_string(), 0)).collect();
    let mut by_form: BTreeMap<String, usize> =
        ["I-247A", "legacy", "unknown"].iter().map(|k| (k.to_string(), 0)).collect();
    let mut by_form_detail: BTreeMap<String, usize> = BTreeMap::new();
    let mut copies_received = 0;
    let mut dedicated_requests = 0;
    let (mut by_issue, mut by_recv) = (0, 0);
    for r in &counted {
        copies_received += r.copies.len();
        for ch in &r.channels {
            by_channel.entry(ch.clone()).or_default().requests += 1;
        }
        for ln in &r.lines {
            by_line.entry(ln.clone()).or_default().requests += 1;
        }
        for c in &r.copies {
            by_channel.entry(c.channel.clone()).or_default().copies += 1;
            let lt = by_line.entry(c.line.clone()).or_default();
            lt.copies += 1;
            if !lt.channels.contains(&c.channel) {
                lt.channels.push(c.channel.clone());
                lt.channels.sort();
            }
        }
        if r.channels.contains(&o.dedicated_channel) {
            dedicated_requests += 1;
        }
        let month = r.date.as_deref().map(|d| d[..7].to_string()).unwrap_or_else(|| "undated".into());
        *by_month.entry(month).or_default() += 1;
        *by_office.entry(r.office.clone()).or_default() += 1;
        *by_warrant_type.entry(r.warrant.clone()).or_default() += 1;
        let side = match r.warrant.as_str() {
            "I-200" | "I-205" => "administrative",
            other => other,
        };
        *jva.entry(side.to_string()).or_default() += 1;
        let fam = if r.form == "I-247A" {
            "I-247A"
        } else if LEGACY_FORMS.contains(&r.form.as_str()) {
            "legacy"
        } else {
            "unknown"
        };
        *by_form.entry(fam.to_string()).or_default() += 1;
        *by_form_detail.entry(r.form.clone()).or_default() += 1;
        match r.date_basis {
            "date_issued" => by_issue += 1,
            "received_at" => by_recv += 1,
            _ => {}
        }
    }
    let unique_requests = counted.len();
    let dedicated_share =
        if unique_requests == 0 { None } else { Some(dedicated_requests as f64 / unique_requests as f64) };

    let mut cancelled_by: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, r) in all.iter().enumerate() {
        let _ = i;
        if let Some(t) = r.cancels {
            cancelled_by.entry(t).or_default().push(r.id.clone());
        }
    }
    let index_of: BTreeMap<&str, usize> = all.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let requests_rows: Vec<RequestRow> = counted
        .iter()
        .map(|r| RequestRow {
            request_id: r.id.clone(),
            subject_id: r.subject_id.clone(),
            event_number: r.event_number.clone(),
            a_number: r.a_number.clone(),
            date: r.date.clone(),
            date_basis: r.date_basis,
            office: r.office.clone(),
            warrant_type: r.warrant.clone(),
            form: r.form.clone(),
            channels: r.channels.iter().cloned().collect(),
            lines: r.lines.iter().cloned().collect(),
            copies: r.copies.len(),
            rules: r.rules.clone(),
            cancelled_by: cancelled_by.get(&index_of[r.id.as_str()]).cloned().unwrap_or_default(),
            name: if o.show_names { r.name.clone() } else { None },
        })
        .collect();
    let cancellation_list: Vec<CancellationRow> = cancels
        .iter()
        .map(|c| CancellationRow {
            request_id: c.id.clone(),
            date: c.date.clone(),
            date_basis: c.date_basis,
            cancelled_request_date: c.cancelled_request_date.clone(),
            cancels: c.cancels.map(|i| all[i].id.clone()),
            channels: c.channels.iter().cloned().collect(),
            copies: c.copies.len(),
        })
        .collect();
    let duplicates: Vec<Duplicate> = counted
        .iter()
        .chain(cancels.iter())
        .filter(|r| r.copies.len() > 1)
        .map(|r| Duplicate {
            request_id: r.id.clone(),
            kind: if r.cancellation { "cancellation" } else { "request" },
            rules: r.rules.clone(),
            copies: r.copies.clone(),
        })
        .collect();

    // Review: every record's own flag, then the report's findings.
    let mut needs_review: Vec<ReviewItem> = set
        .records
        .iter()
        .filter(|l| l.record.review.needed)
        .map(|l| ReviewItem {
            origin: "record",
            request_id: id_of_record.get(&l.origin).map(|s| s.to_string()),
            kind: kind_name(l.record.kind).into(),
            path: l.record.source.path.clone(),
            pages: l.record.source.pages.clone(),
            record: Some(l.origin.clone()),
            reasons: if l.record.review.reasons.is_empty() {
                vec!["review.needed with no reason given".into()]
            } else {
                l.record.review.reasons.clone()
            },
        })
        .collect();
    for r in &all {
        let mut reasons = r.conflicts.clone();
        if r.unmatchable {
            reasons.push(
                "no complete merge key (subject_id+event_number or a_number+date_issued+name): \
                 counted as its own request, duplicates of it cannot be found"
                    .into(),
            );
        }
        if r.cancellation && r.cancels.is_none() {
            reasons.push("cancellation of a request not found in the records".into());
        }
        if !reasons.is_empty() {
            let first = &r.copies[0];
            needs_review.push(ReviewItem {
                origin: "report",
                request_id: Some(r.id.clone()),
                kind: if r.cancellation { "cancellation" } else { "request" }.into(),
                path: first.path.clone(),
                pages: first.pages.clone(),
                record: None,
                reasons,
            });
        }
    }
    needs_review.sort();

    let mut errors: Vec<ErrorItem> = set
        .records
        .iter()
        .filter(|l| l.record.kind == Kind::Error)
        .map(|l| ErrorItem {
            path: l.record.source.path.clone(),
            code: l.record.error.as_ref().map(|e| e.code.clone()).unwrap_or_else(|| "unknown".into()),
            message: l.record.error.as_ref().map(|e| e.message.clone()).unwrap_or_default(),
            record: l.origin.clone(),
        })
        .collect();
    errors.sort();

    let mut files: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut records_by_kind: BTreeMap<String, usize> =
        ["detainer", "other", "error"].iter().map(|k| (k.to_string(), 0)).collect();
    for l in &set.records {
        let s = &l.record.source;
        let e = files.entry((s.sha256.clone(), s.path.clone())).or_default();
        *e = (*e).max(s.page_count);
        *records_by_kind.entry(kind_name(l.record.kind).into()).or_default() += 1;
    }
    let error_files = errors.iter().map(|e| e.path.as_str()).collect::<BTreeSet<&str>>().len();
    let mut input_errors = set.input_errors.clone();
    input_errors.sort();

    let dates: Vec<&str> = counted.iter().filter_map(|r| r.date.as_deref()).collect();
    Report {
        schema: REPORT_SCHEMA,
        period: Period {
            from: o.from.clone(),
            to: o.to.clone(),
            date_basis: "detainer.date_issued, else the earliest fax.received_at date of the copies",
            earliest: dates.iter().min().map(|s| s.to_string()),
            latest: dates.iter().max().map(|s| s.to_string()),
            by_date_issued: by_issue,
            by_received_at: by_recv,
            undated_count: undated.len(),
            undated_counted: o.from.is_none() && o.to.is_none(),
            undated,
            excluded,
        },
        unique_requests,
        copies_received,
        cancellations: cancels.len(),
        cancellation_copies: cancels.iter().map(|c| c.copies.len()).sum(),
        dedicated_share,
        dedicated_channel: o.dedicated_channel.clone(),
        dedicated_requests,
        by_channel,
        by_line,
        by_month,
        by_office,
        by_warrant_type,
        judicial_vs_administrative: jva,
        by_form,
        by_form_detail,
        requests: requests_rows,
        cancellation_list,
        duplicates,
        needs_review,
        errors,
        inputs: Inputs {
            record_files: set.inputs.clone(),
            lines: set.lines,
            records_parsed: set.parsed,
            records: set.records.len(),
            records_by_kind,
            repeated_records: set.repeated.iter().map(|r| r.repeats.len()).sum(),
            repeated: set.repeated.clone(),
            files_read: files.len(),
            pages: files.values().map(|&p| p as u64).sum(),
            error_files,
            input_errors: input_errors.len(),
        },
        input_errors,
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Detainer => "detainer",
        Kind::Other => "other",
        Kind::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Detainer, Source, Warrant};

    fn rec(path: &str, channel: &str, received: Option<&str>, sid: &str, ev: &str, date: Option<&str>) -> Record {
        let mut r = Record::new(
            Kind::Detainer,
            Source { path: path.into(), sha256: format!("{path:0>64}"), pages: vec![1], page_count: 1 },
        );
        r.fax.channel = Some(channel.into());
        r.fax.line = Some(format!("{channel}-line"));
        r.fax.received_at = received.map(String::from);
        r.detainer = Some(Detainer {
            subject_id: Some(sid.into()),
            event_number: Some(ev.into()),
            date_issued: date.map(String::from),
            ..Default::default()
        });
        r
    }

    fn set(records: Vec<Record>) -> LoadSet {
        LoadSet {
            records: records
                .into_iter()
                .enumerate()
                .map(|(i, record)| super::super::load::Loaded {
                    origin: Origin { input: "t.jsonl".into(), line: i + 1 },
                    record,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn period_uses_issue_date_then_received_date() {
        let s = set(vec![
            rec("a", "dedicated", Some("2025-01-31T23:00"), "1", "E1", Some("2025-02-01")), // issued Feb
            rec("b", "station", Some("2025-02-03T08:00"), "2", "E2", None),                 // received Feb
            rec("c", "station", Some("2025-03-01T08:00"), "3", "E3", None),                 // received Mar
            rec("d", "station", None, "4", "E4", None),                                     // undated
        ]);
        let o = Options { from: Some("2025-02-01".into()), to: Some("2025-02-28".into()), ..Default::default() };
        let r = build(&s, &o);
        assert_eq!(r.unique_requests, 2);
        assert_eq!((r.period.by_date_issued, r.period.by_received_at), (1, 1));
        assert_eq!(r.period.undated, vec!["4/E4".to_string()]);
        assert!(!r.period.undated_counted);
        assert_eq!(r.period.excluded.requests, 2);
        let all = build(&s, &Options::default());
        assert_eq!(all.unique_requests, 4);
        assert_eq!(all.by_month.get("undated"), Some(&1));
        assert_eq!(all.by_month.get("2025-03"), Some(&1));
    }

    #[test]
    fn dedicated_share_counts_requests_not_copies() {
        let s = set(vec![
            rec("a", "dedicated", None, "1", "E1", Some("2025-01-01")),
            rec("b", "station", None, "1", "E1", Some("2025-01-01")), // same request, second channel
            rec("c", "station", None, "2", "E2", Some("2025-01-01")),
            rec("d", "email", None, "3", "E3", Some("2025-01-01")),
            rec("e", "station", None, "4", "E4", Some("2025-01-01")),
        ]);
        let r = build(&s, &Options::default());
        assert_eq!(r.unique_requests, 4);
        assert_eq!(r.copies_received, 5);
        assert_eq!(r.dedicated_requests, 1);
        assert_eq!(r.dedicated_share, Some(0.25));
        assert_eq!(r.by_channel["station"], Tally { requests: 3, copies: 3 });
        assert_eq!(r.by_channel["dedicated"], Tally { requests: 1, copies: 1 });
        let custom = build(&s, &Options { dedicated_channel: "email".into(), ..Default::default() });
        assert_eq!(custom.dedicated_share, Some(0.25));
        assert_eq!(build(&set(vec![]), &Options::default()).dedicated_share, None);
    }

    #[test]
    fn cancellations_are_counted_apart_and_linked() {
        let mut c = rec("c", "station", None, "1", "E1", Some("2025-02-01"));
        c.detainer.as_mut().unwrap().cancels_previous = true;
        c.detainer.as_mut().unwrap().cancelled_request_date = Some("2025-01-10".into());
        let s = set(vec![
            rec("a", "station", None, "1", "E1", Some("2025-01-10")),
            rec("b", "station", None, "1", "E9", Some("2025-01-20")), // same subject, a later request
            c,
        ]);
        let r = build(&s, &Options::default());
        assert_eq!(r.unique_requests, 2);
        assert_eq!(r.cancellations, 1);
        assert_eq!(r.cancellation_list[0].cancels.as_deref(), Some("1/E1"), "the request issued on the cancelled date");
        assert_eq!(r.requests[0].cancelled_by, vec!["cancel:1/E1".to_string()]);
        assert!(r.requests[1].cancelled_by.is_empty());
    }

    #[test]
    fn warrant_type_ignores_copies_without_the_warrant_page_and_flags_conflicts() {
        let w = |mut r: Record, k: WarrantType| {
            r.detainer.as_mut().unwrap().warrant = Warrant { kind: k, page: None };
            r
        };
        let s = set(vec![
            w(rec("a", "station", None, "1", "E1", Some("2025-01-01")), WarrantType::I205),
            w(rec("b", "station", None, "1", "E1", Some("2025-01-01")), WarrantType::None),
            w(rec("c", "station", None, "2", "E2", Some("2025-01-01")), WarrantType::I200),
            w(rec("d", "station", None, "2", "E2", Some("2025-01-01")), WarrantType::Judicial),
        ]);
        let r = build(&s, &Options::default());
        assert_eq!(r.by_warrant_type["I-205"], 1);
        assert_eq!(r.by_warrant_type["conflict"], 1);
        assert_eq!(r.by_warrant_type["judicial"], 0, "never resolved towards judicial");
        assert_eq!(r.judicial_vs_administrative["administrative"], 1);
        assert_eq!(r.needs_review.len(), 1);
        assert_eq!(r.needs_review[0].request_id.as_deref(), Some("2/E2"));
    }

    #[test]
    fn a_detainer_record_without_detainer_block_is_counted_and_flagged() {
        let mut r = rec("a", "station", Some("2025-01-01T00:00"), "1", "E1", None);
        r.detainer = None;
        let rep = build(&set(vec![r]), &Options::default());
        assert_eq!(rep.unique_requests, 1);
        assert!(rep.needs_review[0].reasons.iter().any(|x| x.contains("without a detainer block")));
    }
}
