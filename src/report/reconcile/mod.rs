//! `faxtract reconcile`: our unique requests against another party's list (e.g. the agency's list of the
//! detainers it says it issued): matched, only in ours, only in theirs, with the rule of each match.
//!
//! * **Ours** are the unique requests of `report` (same loading, merging and `--from/--to` period rule);
//!   cancellations are not requests and are left out.
//! * **Theirs** are read by [`list`], matched by [`matching`], and the result rendered by [`render`].
//! * `summary.matched_by_channel` counts matched requests per channel their copies reached (a request on two
//!   channels counts under both) and `summary.only_ours_by_channel` likewise: requests the other party's
//!   list lacks; `only_theirs` are the ones no archive holds, which is where a 15-versus-198 gap shows.

pub(crate) mod list;
pub(crate) mod matching;
pub(crate) mod render;

use crate::report::load::{InputError, LoadSet};
use crate::report::requests::{requests, RequestInfo};
use crate::report::types::Options;
use list::{TheirList, TheirRow};
use matching::{match_date, RULE_A, RULE_A_DATE, RULE_KEY};
use serde::Serialize;
use std::collections::BTreeMap;

/// Our side of a match.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OurRef {
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
pub(crate) struct Match {
    pub rule: &'static str,
    /// True when both sides have a date and they differ (possible only under the `a_number` rule).
    pub date_differs: bool,
    pub ours: OurRef,
    pub theirs: TheirRow,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary {
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
pub(crate) struct Reconciliation {
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

/// Matches our requests in the period with their list, one-to-one; the result with its summary.
pub(crate) fn reconcile(set: &LoadSet, o: &Options, theirs: &TheirList) -> Reconciliation {
    let all = requests(set, false);
    let ours: Vec<&RequestInfo> = all.iter().filter(|r| !r.cancellation && r.in_period(o)).collect();
    let pairing = matching::pair(&ours, &theirs.rows);

    let mut matched = Vec::new();
    let mut only_theirs = Vec::new();
    let mut by_rule: BTreeMap<String, usize> =
        [RULE_KEY, RULE_A_DATE, RULE_A].iter().map(|r| (r.to_string(), 0)).collect();
    let mut matched_by_channel: BTreeMap<String, usize> = BTreeMap::new();
    for (t, m) in theirs.rows.iter().zip(&pairing.their_match) {
        let Some((oi, rule)) = *m else {
            only_theirs.push(t.clone());
            continue;
        };
        let r = ours[oi];
        *by_rule.entry(rule.to_string()).or_default() += 1;
        for ch in &r.channels {
            *matched_by_channel.entry(ch.clone()).or_default() += 1;
        }
        matched.push(Match {
            rule,
            date_differs: matches!((match_date(r), t.date.as_deref()), (Some(a), Some(b)) if a != b),
            ours: our_ref(r),
            theirs: t.clone(),
        });
    }
    matched.sort_by(|a, b| a.ours.request_id.cmp(&b.ours.request_id));
    let mut only_ours_by_channel: BTreeMap<String, usize> = BTreeMap::new();
    let only_ours: Vec<OurRef> = ours
        .iter()
        .zip(&pairing.our_taken)
        .filter(|(_, taken)| !**taken)
        .map(|(r, _)| {
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
