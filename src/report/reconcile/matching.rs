//! One-to-one matching of our requests with the rows of an ID-column list, in passes from the strongest
//! rule to the weakest, each pass taking only what is still unmatched on both sides, their rows in file order:
//! 1. `subject_id+event_number`: equal to those of any copy of our request;
//! 2. `a_number+date`: A-number of any copy, and their date equal to our issue date (our received date when
//!    no copy has a readable issue date);
//! 3. `a_number`: A-number alone, the weakest; among several candidates the one closest in date (ties by
//!    request id).

use super::attributes::Strength;
use super::list::TheirRow;
use crate::forms::readings::day_number;
use crate::report::requests::RequestInfo;
use std::collections::BTreeMap;

pub(crate) const RULE_KEY: &str = "subject_id+event_number";
pub(crate) const RULE_A_DATE: &str = "a_number+date";
pub(crate) const RULE_A: &str = "a_number";

/// Who matched whom: for each of their rows, our request's index and the rule (and for a match on
/// attributes, its strength); for each of ours, whether taken.
pub(crate) struct Pairing {
    pub their_match: Vec<Option<(usize, &'static str)>>,
    pub strengths: Vec<Option<Strength>>,
    pub our_taken: Vec<bool>,
}

/// Our request's date for matching: its issue date, else its received date.
pub(crate) fn match_date(r: &RequestInfo) -> Option<&str> {
    r.date_issued.as_deref().or(r.date.as_deref())
}

/// Our requests indexed by every key any of their copies has (candidates in ascending order).
struct Index<'a> {
    by_key: BTreeMap<(&'a str, &'a str), Vec<usize>>,
    by_a_date: BTreeMap<(&'a str, &'a str), Vec<usize>>,
    by_a: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    /// A merged request is indexed under every subject ID × event number its copies read, so a copy with a
    /// misread event number still matches on the other copy's.
    fn of(ours: &[&'a RequestInfo]) -> Index<'a> {
        let mut ix = Index { by_key: BTreeMap::new(), by_a_date: BTreeMap::new(), by_a: BTreeMap::new() };
        for (oi, r) in ours.iter().enumerate() {
            for sid in &r.all_subject_ids {
                for ev in &r.all_events {
                    ix.by_key.entry((sid, ev)).or_default().push(oi);
                }
            }
            for a in &r.all_a_numbers {
                ix.by_a.entry(a).or_default().push(oi);
                if let Some(d) = match_date(r) {
                    ix.by_a_date.entry((a, d)).or_default().push(oi);
                }
            }
        }
        ix
    }
}

/// Matches their rows with our requests, one-to-one, by the three rules in turn.
pub(crate) fn pair(ours: &[&RequestInfo], theirs: &[TheirRow]) -> Pairing {
    let ix = Index::of(ours);
    let mut p = Pairing {
        their_match: vec![None; theirs.len()],
        strengths: vec![None; theirs.len()],
        our_taken: vec![false; ours.len()],
    };
    for (ti, t) in theirs.iter().enumerate() {
        let (Some(sid), Some(ev)) = (&t.subject_id, &t.event_number) else { continue };
        let cand = ix.by_key.get(&(sid.as_str(), ev.as_str()));
        p.take_first(ti, cand, RULE_KEY);
    }
    for (ti, t) in theirs.iter().enumerate() {
        let (Some(a), Some(d)) = (&t.a_number, &t.date) else { continue };
        if p.their_match[ti].is_none() {
            let cand = ix.by_a_date.get(&(a.as_str(), d.as_str()));
            p.take_first(ti, cand, RULE_A_DATE);
        }
    }
    for (ti, t) in theirs.iter().enumerate() {
        let Some(a) = &t.a_number else { continue };
        if p.their_match[ti].is_some() {
            continue;
        }
        let td = t.date.as_deref().and_then(day_number);
        let best =
            ix.by_a.get(a.as_str()).into_iter().flatten().copied().filter(|&oi| !p.our_taken[oi]).min_by_key(|&oi| {
                let od = match_date(ours[oi]).and_then(day_number);
                let dist = match (td, od) {
                    (Some(x), Some(y)) => (x - y).abs(),
                    _ => i64::MAX,
                };
                (dist, oi)
            });
        if let Some(oi) = best {
            p.take(ti, oi, RULE_A);
        }
    }
    p
}

impl Pairing {
    fn take(&mut self, ti: usize, oi: usize, rule: &'static str) {
        self.our_taken[oi] = true;
        self.their_match[ti] = Some((oi, rule));
    }

    /// Pairs their row with the first candidate of ours still free.
    fn take_first(&mut self, ti: usize, cand: Option<&Vec<usize>>, rule: &'static str) {
        if let Some(oi) = cand.and_then(|c| c.iter().copied().find(|&oi| !self.our_taken[oi])) {
            self.take(ti, oi, rule);
        }
    }
}
