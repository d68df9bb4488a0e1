//! Which request a cancellation cancels.
//!
//! A cancellation (an I-247A with its cancel box ticked and the date of the request it cancels) often
//! arrives on another line than its request, and its copies are read apart from the request's, so the link
//! is made on what identifies the subject, not on the line:
//! 1. candidates are the requests sharing a subject ID or an A-number with any copy of the cancellation;
//!    among them the one issued on the cancelled date, else the latest dated on or before the cancellation,
//!    else the first;
//! 2. when no request shares either, a request issued on the cancelled date whose subject ID or A-number is
//!    within one OCR misread of the cancellation's.
//!
//! Each link says which of these made it. Lookups go through indexes, so linking costs about one pass over
//! the requests, not requests × cancellations.

use super::fuzzy;
use super::requests::RequestInfo;
use std::collections::HashMap;

/// Sets `cancels` and `cancel_link` of every cancellation in `all`.
pub(crate) fn link(all: &mut [RequestInfo]) {
    let links: Vec<(usize, Option<(usize, String)>)> = {
        let ix = Index::of(all);
        (0..all.len()).filter(|&c| all[c].cancellation).map(|c| (c, ix.target(all, c))).collect()
    };
    for (c, found) in links {
        if let Some((r, why)) = found {
            all[c].cancels = Some(r);
            all[c].cancel_link = Some(why);
        }
    }
}

/// Requests (not cancellations) by subject ID, A-number and issue date.
struct Index<'a> {
    by_sid: HashMap<&'a str, Vec<usize>>,
    by_a: HashMap<&'a str, Vec<usize>>,
    by_issued: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn of(all: &'a [RequestInfo]) -> Index<'a> {
        let mut ix = Index { by_sid: HashMap::new(), by_a: HashMap::new(), by_issued: HashMap::new() };
        for (i, r) in all.iter().enumerate().filter(|(_, r)| !r.cancellation) {
            for s in &r.all_subject_ids {
                ix.by_sid.entry(s).or_default().push(i);
            }
            for a in &r.all_a_numbers {
                ix.by_a.entry(a).or_default().push(i);
            }
            if let Some(d) = &r.date_issued {
                ix.by_issued.entry(d).or_default().push(i);
            }
        }
        ix
    }

    /// The request cancellation `c` cancels, and why that one.
    fn target(&self, all: &[RequestInfo], c: usize) -> Option<(usize, String)> {
        let can = &all[c];
        let mut cand: Vec<usize> = Vec::new();
        let mut shared = Vec::new();
        for (ids, ix, what) in
            [(&can.all_subject_ids, &self.by_sid, "subject_id"), (&can.all_a_numbers, &self.by_a, "a_number")]
        {
            let before = cand.len();
            cand.extend(ids.iter().filter_map(|s| ix.get(s.as_str())).flatten());
            if cand.len() > before {
                shared.push(what);
            }
        }
        cand.sort_unstable();
        cand.dedup();
        if cand.is_empty() {
            return self.near_target(all, c);
        }
        let shares = format!("same {}", shared.join(" and "));
        let crd = can.cancelled_request_date.as_deref();
        if let Some(&r) = cand.iter().find(|&&r| crd.is_some() && all[r].date_issued.as_deref() == crd) {
            return Some((r, format!("{shares}, issued on the cancelled date")));
        }
        let before = cand
            .iter()
            .copied()
            .filter(|&r| matches!((&all[r].date, &can.date), (Some(rd), Some(cd)) if rd <= cd))
            .max_by(|&a, &b| all[a].date.cmp(&all[b].date).then(b.cmp(&a)));
        match before {
            Some(r) => Some((r, format!("{shares}, the latest request before the cancellation"))),
            None => Some((cand[0], format!("{shares}, no request dated before it"))),
        }
    }

    /// A request issued on the cancelled date with a subject ID or A-number one misread away.
    fn near_target(&self, all: &[RequestInfo], c: usize) -> Option<(usize, String)> {
        let can = &all[c];
        let on_date = self.by_issued.get(can.cancelled_request_date.as_deref()?)?;
        let near = |mine: &[String], theirs: &[String]| {
            mine.iter().any(|x| theirs.iter().any(|y| x.len() >= 6 && fuzzy::key_cost(x, y, 1.0).is_some()))
        };
        on_date.iter().copied().find_map(|r| {
            let what = if near(&can.all_subject_ids, &all[r].all_subject_ids) {
                "subject_id"
            } else if near(&can.all_a_numbers, &all[r].all_a_numbers) {
                "a_number"
            } else {
                return None;
            };
            Some((r, format!("{what} one character apart, issued on the cancelled date")))
        })
    }
}
