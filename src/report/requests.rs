//! From detainer records to requests: copies merged ([`super::merge`]), each request's values resolved from
//! its copies, cancellations linked to the request they cancel. Both `report` and `reconcile` start here.
//!
//! * A value the copies disagree on is the most frequent one (ties: the smallest; for the issue date, so the
//!   earliest), and the disagreement is kept in [`RequestInfo::conflicts`] for the review list.
//! * A request is dated by its issue date, else by the earliest received date of its copies.
//! * Its id is its first complete key (`subject/event`, else `A-number/date`), else the first copy's file
//!   and pages; cancellations are prefixed `cancel:`.

use super::load::{LoadSet, Loaded};
use super::merge::{self, Group, Keys};
use super::norm;
use super::types::{pages, CopyRef, Options};
use crate::record::{Kind, Record, WarrantType};
use std::collections::{BTreeMap, BTreeSet};

/// One merged request or cancellation with its resolved values; shared with reconcile.
#[derive(Debug, Clone)]
pub(crate) struct RequestInfo {
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

/// A label for a line or channel: the value, or `unknown` when absent or blank.
pub(crate) fn label(s: Option<&str>) -> String {
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

/// The most frequent value (ties: smallest), and the distinct values when they disagree.
fn majority<'a>(vals: impl Iterator<Item = &'a str>) -> (Option<String>, Vec<String>) {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for v in vals {
        *n.entry(v).or_default() += 1;
    }
    let best = n.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| k.to_string());
    let distinct = if n.len() > 1 { n.keys().map(|s| s.to_string()).collect() } else { Vec::new() };
    (best, distinct)
}

/// Collects the disagreements found while resolving one request's values.
#[derive(Default)]
struct Conflicts(Vec<String>);

impl Conflicts {
    /// The majority of `vals`; a disagreement is noted (for names: how many spellings, never the names).
    fn pick(&mut self, what: &str, vals: Vec<&str>) -> Option<String> {
        let (best, distinct) = majority(vals.into_iter());
        if !distinct.is_empty() {
            if what == "subject name" {
                self.0.push(format!("copies disagree on {what} ({} spellings)", distinct.len()));
            } else {
                self.0.push(format!("copies disagree on {what}: {}", distinct.join(", ")));
            }
        }
        best
    }
}

fn copy_ref(l: &Loaded, k: &Keys, show_names: bool) -> CopyRef {
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
pub(crate) fn requests(set: &LoadSet, show_names: bool) -> Vec<RequestInfo> {
    let det: Vec<&Loaded> = set.records.iter().filter(|l| l.record.kind == Kind::Detainer).collect();
    let keys: Vec<Keys> = det.iter().map(|l| Keys::of(&l.record)).collect();
    let mut out: Vec<RequestInfo> = merge::merge(&keys).iter().map(|g| resolve(g, &det, &keys, show_names)).collect();
    out.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.copies.cmp(&b.copies)));
    make_ids_unique(&mut out);
    link_cancellations(&mut out);
    out
}

/// One group of copies → one request with the values its copies agree on.
fn resolve(g: &Group, det: &[&Loaded], keys: &[Keys], show_names: bool) -> RequestInfo {
    let mut members: Vec<(CopyRef, usize)> =
        g.copies.iter().map(|&i| (copy_ref(det[i], &keys[i], show_names), i)).collect();
    members.sort();
    let ks: Vec<&Keys> = members.iter().map(|(_, i)| &keys[*i]).collect();
    let recs: Vec<&Record> = members.iter().map(|(_, i)| &det[*i].record).collect();
    let mut c = Conflicts::default();
    let subject_id = c.pick("subject_id", ks.iter().filter_map(|k| k.subject_id.as_deref()).collect());
    let event_number = c.pick("event_number", ks.iter().filter_map(|k| k.event_number.as_deref()).collect());
    let a_number = c.pick("a_number", ks.iter().filter_map(|k| k.a_number.as_deref()).collect());
    // Disagreement is judged on the match key; the name shown (--show-names) is the most frequent as read.
    let _ = c.pick("subject name", ks.iter().filter_map(|k| k.name.as_deref()).collect());
    let name = majority(
        recs.iter()
            .filter_map(|r| r.detainer.as_ref()?.subject.name.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    )
    .0;
    let date_issued = c.pick("date_issued", ks.iter().filter_map(|k| k.date_issued.as_deref()).collect());
    let received = recs.iter().filter_map(|r| r.fax.received_at.as_deref().and_then(norm::iso_date)).min();
    let (date, date_basis) = match (&date_issued, received) {
        (Some(d), _) => (Some(d.clone()), "date_issued"),
        (None, Some(r)) => (Some(r), "received_at"),
        (None, None) => (None, "undated"),
    };
    let office = c
        .pick(
            "issuing office",
            recs.iter()
                .filter_map(|r| r.detainer.as_ref()?.issuing_office.code.as_deref())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
        )
        .unwrap_or_else(|| "unknown".into());
    let form = c
        .pick("form", recs.iter().filter_map(|r| r.form.as_deref()).map(str::trim).filter(|s| !s.is_empty()).collect())
        .unwrap_or_else(|| "unknown".into());
    let warrant = warrant_of(&recs, &mut c);
    let cancelled_request_date =
        recs.iter().filter_map(|r| r.detainer.as_ref()?.cancelled_request_date.as_deref().and_then(norm::date)).min();
    if recs.iter().any(|r| r.detainer.is_none()) {
        c.0.push("detainer record without a detainer block".into());
    }
    let id_core = request_id(&ks, &members[0].0);
    RequestInfo {
        id: if g.cancellation { format!("cancel:{id_core}") } else { id_core },
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
        unmatchable: ks.len() == 1 && ks[0].unmatchable(),
        copies: members.into_iter().map(|(c, _)| c).collect(),
        cancelled_request_date,
        cancels: None,
        conflicts: c.0,
    }
}

/// The warrant type of a request: its copies' warrants, ignoring `none` (a copy faxed without the warrant
/// page); `conflict` when copies name two. Never resolved towards `judicial`.
fn warrant_of(recs: &[&Record], c: &mut Conflicts) -> String {
    let warrants: BTreeSet<&'static str> = recs
        .iter()
        .filter_map(|r| r.detainer.as_ref())
        .map(|d| d.warrant.kind)
        .filter(|w| *w != WarrantType::None)
        .map(warrant_name)
        .collect();
    match warrants.len() {
        0 => "none".to_string(),
        1 => warrants.iter().next().expect("one").to_string(),
        _ => {
            c.0.push(format!(
                "copies disagree on warrant type: {}",
                warrants.iter().copied().collect::<Vec<_>>().join(", ")
            ));
            "conflict".to_string()
        }
    }
}

/// The id: the first complete key among the copies, else the first copy's file and pages.
fn request_id(ks: &[&Keys], first: &CopyRef) -> String {
    ks.iter()
        .find_map(|k| Some(format!("{}/{}", k.subject_id.as_deref()?, k.event_number.as_deref()?)))
        .or_else(|| ks.iter().find_map(|k| Some(format!("{}/{}", k.a_number.as_deref()?, k.date_issued.as_deref()?))))
        .unwrap_or_else(|| format!("{}#p{}", first.path, pages(&first.pages)))
}

/// Ids are unique in practice (a complete key identifies one group); make sure anyway.
fn make_ids_unique(out: &mut [RequestInfo]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in out.iter_mut() {
        let n = seen.entry(r.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            r.id = format!("{}~{}", r.id, n);
        }
    }
}

/// Links each cancellation to a request sharing a subject ID or A-number: the one issued on the cancelled
/// date, else the latest dated on or before the cancellation, else the first.
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
