//! From detainer records to requests: copies merged ([`super::merge`]), each request's values voted by its
//! copies ([`super::vote`]), cancellations linked to the request they cancel ([`super::cancels`]). Both
//! `report` and `reconcile` start here.
//!
//! * A request is dated by its issue date, else by the earliest received date of its copies.
//! * Its id is its first complete key (`subject/event`, else `A-number/date`), else the first copy's file
//!   and pages; cancellations are prefixed `cancel:`.
//! * Disagreements between copies, a detainer record without its detainer block and a cancel box ticked
//!   without the cancelled request's date are kept in [`RequestInfo::conflicts`] for the review list.

use super::cancels;
use super::load::Loaded;
use super::merge::{self, Group, Keys};
use super::near;
use super::norm;
use super::record_view::RecordView;
use super::types::{pages, CopyRef, Options};
use super::vote;
use crate::record::{Kind, WarrantType};
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
    /// Voted personal data, for reconcile's matching; never printed by the report.
    pub dob: Option<String>,
    pub citizenship: Option<String>,
    pub sex: Option<String>,
    /// Sorted, each once.
    pub channels: Vec<String>,
    pub lines: Vec<String>,
    pub rules: Vec<&'static str>,
    pub copies: Vec<CopyRef>,
    /// How its copies were joined: positions in `copies`, rule, evidence.
    pub links: Vec<(usize, usize, &'static str, Vec<String>)>,
    pub cancelled_request_date: Option<String>,
    /// Index of the request a cancellation cancels (into the same list), and on what evidence.
    pub cancels: Option<usize>,
    pub cancel_link: Option<String>,
    /// Subject IDs, A-numbers and event numbers of every copy, sorted, each once (for linking
    /// cancellations and for reconcile).
    pub all_subject_ids: Vec<String>,
    pub all_a_numbers: Vec<String>,
    pub all_events: Vec<String>,
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

    /// The disagreements between copies (part of `conflicts`).
    pub fn disagreements(&self) -> Vec<String> {
        self.conflicts.iter().filter(|c| c.starts_with("copies disagree")).cloned().collect()
    }
}

/// Two requests that may be one: a near match the merge would not decide (see [`super::near`]).
#[derive(Debug, Clone)]
pub(crate) struct PossibleDuplicate {
    /// Indices into [`Requests::all`].
    pub a: usize,
    pub b: usize,
    pub why: String,
    pub evidence: Vec<String>,
}

/// Every request and cancellation, sorted by id, and the near matches left for a person.
#[derive(Debug, Clone, Default)]
pub(crate) struct Requests {
    pub all: Vec<RequestInfo>,
    pub possible_duplicates: Vec<PossibleDuplicate>,
    pub merge_stats: near::Stats,
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
///
/// The records' contents are released as their requests are made (`records` keep their place and origin,
/// not their values): a request holds what it needs, and 100,000 records are not kept twice over.
pub(crate) fn requests(records: &mut [Loaded], show_names: bool) -> Requests {
    let det: Vec<usize> = (0..records.len()).filter(|&i| records[i].record.kind == Kind::Detainer).collect();
    let keys: Vec<Keys> = det.iter().map(|&i| Keys::of(&records[i].record)).collect();
    let merged = merge::merge(&keys);
    let mut out: Vec<(RequestInfo, usize)> = Vec::with_capacity(merged.groups.len());
    for (gi, g) in merged.groups.iter().enumerate() {
        let copies: Vec<&Loaded> = g.copies.iter().map(|&c| &records[det[c]]).collect();
        out.push((resolve(g, &copies, &keys, show_names), gi));
        for &c in &g.copies {
            records[det[c]].record.release();
        }
    }
    drop(keys);
    // Copies are unique (their record origins differ), so the order is total and an in-place sort will do.
    out.sort_unstable_by(|a, b| a.0.id.cmp(&b.0.id).then_with(|| a.0.copies.cmp(&b.0.copies)));
    // Where each copy's request ended up, to name the requests of a doubtful pair.
    let mut request_of_copy = vec![0; det.len()];
    for (pos, (_, gi)) in out.iter().enumerate() {
        for &c in &merged.groups[*gi].copies {
            request_of_copy[c] = pos;
        }
    }
    let mut all: Vec<RequestInfo> = out.into_iter().map(|(r, _)| r).collect();
    make_ids_unique(&mut all);
    cancels::link(&mut all);
    let possible_duplicates = merged
        .doubts
        .into_iter()
        .map(|d| PossibleDuplicate {
            a: request_of_copy[d.a],
            b: request_of_copy[d.b],
            why: d.why,
            evidence: d.evidence,
        })
        .collect();
    Requests { all, possible_duplicates, merge_stats: merged.stats }
}

/// The ballots of every copy for one field: (value, weight) for the copies that read it.
fn ballots<'a>(
    recs: &[&'a RecordView],
    field: &str,
    value: impl Fn(&'a RecordView) -> Option<&'a str>,
) -> Vec<(&'a str, f32)> {
    recs.iter().filter_map(|r| Some((value(r)?, vote::weight(r, field)))).collect()
}

/// One group of copies (`copies[n]` is copy `g.copies[n]`) → one request with the values its copies agree on.
fn resolve(g: &Group, copies: &[&Loaded], keys: &[Keys], show_names: bool) -> RequestInfo {
    let mut members: Vec<(CopyRef, usize, usize)> =
        g.copies.iter().zip(copies).enumerate().map(|(n, (&i, l))| (copy_ref(l, &keys[i], show_names), i, n)).collect();
    members.sort();
    let ks: Vec<&Keys> = members.iter().map(|(_, i, _)| &keys[*i]).collect();
    let recs: Vec<&RecordView> = members.iter().map(|(_, _, n)| &copies[*n].record).collect();
    let mut conflicts = Vec::new();
    let mut pick = |what: &str, ballots: Vec<(&str, f32)>| {
        let (best, disagreement) = vote::tally(what, &ballots);
        conflicts.extend(disagreement);
        best
    };
    // Keys vote on their normalized form, the rest as read.
    let key_ballots = |field: &str, f: fn(&Keys) -> Option<&str>| -> Vec<(&str, f32)> {
        ks.iter().zip(&recs).filter_map(|(k, r)| Some((f(k)?, vote::weight(r, field)))).collect()
    };
    let subject_id = pick("subject_id", key_ballots("subject_id", |k| k.subject_id.as_deref()));
    let event_number = pick("event_number", key_ballots("event_number", |k| k.event_number.as_deref()));
    let a_number = pick("a_number", key_ballots("a_number", |k| k.a_number.as_deref()));
    // Disagreement is judged on the match key; the name shown (--show-names) is the heaviest as read.
    let _ = pick("subject name", key_ballots("name", |k| k.name.as_deref()));
    let name = vote::tally("", &ballots(&recs, "name", |r| nonblank(r.detainer.as_ref()?.subject.name.as_deref()))).0;
    let date_issued = pick("date_issued", key_ballots("date_issued", |k| k.date_issued.as_deref()));
    let dob = pick("dob", key_ballots("dob", |k| k.dob.as_deref()));
    let citizenship = pick(
        "citizenship",
        ballots(&recs, "citizenship", |r| nonblank(r.detainer.as_ref()?.subject.citizenship.as_deref())),
    );
    let sex = pick("sex", ballots(&recs, "sex", |r| nonblank(r.detainer.as_ref()?.subject.sex.as_deref())));
    let received = recs.iter().filter_map(|r| r.fax.received_at.as_deref().and_then(norm::iso_date)).min();
    let (date, date_basis) = match (&date_issued, received) {
        (Some(d), _) => (Some(d.clone()), "date_issued"),
        (None, Some(r)) => (Some(r), "received_at"),
        (None, None) => (None, "undated"),
    };
    let office = pick(
        "issuing office",
        ballots(&recs, "issuing_office", |r| nonblank(r.detainer.as_ref()?.issuing_office.code.as_deref())),
    )
    .unwrap_or_else(|| "unknown".into());
    let form = pick("form", recs.iter().filter_map(|r| Some((nonblank(r.form.as_deref())?, 1.0))).collect())
        .unwrap_or_else(|| "unknown".into());
    let warrant = warrant_of(&recs, &mut conflicts);
    let cancelled_request_date =
        recs.iter().filter_map(|r| r.detainer.as_ref()?.cancelled_request_date.as_deref().and_then(norm::date)).min();
    notes(&recs, &mut conflicts);
    let id_core = request_id(&ks, &members[0].0);
    let position: BTreeMap<usize, usize> = members.iter().enumerate().map(|(p, (_, i, _))| (*i, p)).collect();
    RequestInfo {
        id: if g.cancellation { format!("cancel:{id_core}") } else { id_core },
        cancellation: g.cancellation,
        all_subject_ids: distinct(ks.iter().filter_map(|k| k.subject_id.clone())),
        all_a_numbers: distinct(ks.iter().filter_map(|k| k.a_number.clone())),
        all_events: distinct(ks.iter().filter_map(|k| k.event_number.clone())),
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
        dob,
        citizenship,
        sex,
        channels: distinct(members.iter().map(|(c, _, _)| c.channel.clone())),
        lines: distinct(members.iter().map(|(c, _, _)| c.line.clone())),
        rules: g.rules.clone(),
        // Positions in order, so that the link reads the same whichever copy was read first.
        links: g
            .links
            .iter()
            .map(|l| {
                let (a, b) = (position[&l.a], position[&l.b]);
                (a.min(b), a.max(b), l.rule, l.evidence.clone())
            })
            .collect(),
        unmatchable: ks.len() == 1 && ks[0].unmatchable(),
        copies: members.into_iter().map(|(c, _, _)| c).collect(),
        cancelled_request_date,
        cancels: None,
        cancel_link: None,
        conflicts,
    }
}

/// The values sorted, each once (a request has a few copies: a vector, not a tree).
fn distinct(v: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = v.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn nonblank(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// What the records themselves leave doubtful about the request.
fn notes(recs: &[&RecordView], conflicts: &mut Vec<String>) {
    if recs.iter().any(|r| r.detainer.is_none()) {
        conflicts.push("detainer record without a detainer block".into());
    }
    let ticked_undated =
        recs.iter().any(|r| r.detainer.as_ref().is_some_and(|d| d.cancels_previous) && !merge::is_cancellation(r));
    if ticked_undated {
        conflicts.push(
            "cancel box read as ticked but no date of the cancelled request: counted as a request, not a cancellation"
                .into(),
        );
    }
}

/// The warrant type of a request: its copies' warrants, ignoring `none` (a copy faxed without the warrant
/// page); `conflict` when copies name two. Never resolved towards `judicial`.
fn warrant_of(recs: &[&RecordView], conflicts: &mut Vec<String>) -> String {
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
            conflicts.push(format!(
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
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in out.iter_mut() {
        let n = seen.entry(r.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            r.id = format!("{}~{}", r.id, n);
        }
    }
}
