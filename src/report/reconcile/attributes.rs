//! Matching on what the agency's release keeps when it redacts identifiers: the prepare date, gender,
//! citizenship and birth year.
//!
//! * A pair is a candidate when the row's prepare date is within `--within-days` of our request's issue date
//!   (its received date when no issue date was read), no attribute read on both sides disagrees, and at
//!   least two of gender, citizenship and birth year agree. Citizenship agrees when equal, or for names of
//!   five letters and more, when within one misread in three letters (`MRXICO` for `MEXICO`): ours are OCR.
//! * Matching is one-to-one and greedy, best pairs first: more attributes agreeing, then closer dates, then
//!   file order. Its **strength**: `strong` (all three agree, dates at most a day apart), `medium` (all three
//!   agree, or two on the same day), `weak` (two agree, dates further apart). Each match carries its evidence.
//! * Rows are indexed by prepare date and birth year, so each request looks at a few days' rows only, and
//!   keeps its eight best candidates: memory and time stay linear in the rows and requests.

use super::list::TheirRow;
use super::matching::{match_date, Pairing};
use crate::forms::readings::day_number;
use crate::report::fuzzy;
use crate::report::requests::RequestInfo;
use serde::Serialize;
use std::collections::HashMap;

pub(crate) const RULE_ATTRIBUTES: &str = "prepare_date+gender+citizenship+birth_year";
/// Candidates kept per request (its best), which bounds the work on busy days.
const PER_REQUEST: usize = 8;

/// How sure a match on attributes is, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Strength {
    pub strength: &'static str,
    pub days_apart: i64,
    pub evidence: Vec<String>,
}

/// A candidate pair: attributes agreeing, days apart, their row, our request. Small on purpose: a busy
/// day gives many candidates, and only the chosen ones get their evidence written.
struct Candidate {
    agree: u8,
    days: u8,
    ti: u32,
    oi: u32,
}

fn birth_year(r: &RequestInfo) -> Option<u16> {
    r.dob.as_deref()?.get(0..4)?.parse().ok()
}

fn same_country(ours: &str, theirs: &str) -> Option<&'static str> {
    if ours == theirs {
        return Some("citizenship equal");
    }
    let n = ours.chars().count().max(theirs.chars().count());
    (n >= 5 && fuzzy::edits(ours, theirs) * 3 <= n).then_some("citizenship similar (a misread)")
}

/// How two readings of one attribute compare: `None` when either is missing, else whether they agree and
/// in what words.
type Check = Option<Result<&'static str, ()>>;

/// The three attributes of one request and one row compared (gender, citizenship, birth year).
fn checks(our: &RequestInfo, t: &TheirRow) -> [Check; 3] {
    let Some(f) = t.release.as_ref() else { return [None, None, None] };
    let eq = |same: bool, words: &'static str| if same { Ok(words) } else { Err(()) };
    [
        our.sex.as_deref().zip(f.gender.as_deref()).map(|(a, b)| eq(a == b, "gender equal")),
        our.citizenship.as_deref().zip(f.citizenship.as_deref()).map(|(a, b)| same_country(a, b).ok_or(())),
        birth_year(our).zip(f.birth_year).map(|(a, b)| eq(a == b, "birth year equal")),
    ]
}

/// How many attributes agree: `None` when one read on both sides disagrees or fewer than two agree.
fn agreement(checks: &[Check; 3]) -> Option<usize> {
    if checks.iter().any(|c| matches!(c, Some(Err(())))) {
        return None;
    }
    let agree = checks.iter().filter(|c| c.is_some()).count();
    (agree >= 2).then_some(agree)
}

/// The words of a match: how far apart the dates are and which attributes agree.
fn evidence(checks: &[Check; 3], days: i64) -> Vec<String> {
    let date = match days {
        0 => "prepare date on the issue date".to_string(),
        d => format!("prepare date {d} day(s) from the issue date"),
    };
    std::iter::once(date).chain(checks.iter().filter_map(|c| c.and_then(Result::ok)).map(String::from)).collect()
}

/// More attributes agreeing first, then closer dates, then file order.
fn best_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.agree.cmp(&a.agree).then(a.days.cmp(&b.days)).then((a.ti, a.oi).cmp(&(b.ti, b.oi)))
}

fn strength(agree: usize, days: i64) -> &'static str {
    match (agree, days) {
        (3, 0..=1) => "strong",
        (3, _) | (_, 0) => "medium",
        _ => "weak",
    }
}

/// Their rows still unmatched, by prepare day and birth year (0: none), and by day alone.
struct Index {
    by_day_year: HashMap<(i64, u16), Vec<usize>>,
    by_day: HashMap<i64, Vec<usize>>,
}

impl Index {
    fn of(theirs: &[TheirRow], p: &Pairing) -> Index {
        let mut ix = Index { by_day_year: HashMap::new(), by_day: HashMap::new() };
        for (ti, t) in theirs.iter().enumerate().filter(|(ti, _)| p.their_match[*ti].is_none()) {
            let Some(day) = t.date.as_deref().and_then(day_number) else { continue };
            let year = t.release.as_ref().and_then(|f| f.birth_year).unwrap_or(0);
            ix.by_day_year.entry((day, year)).or_default().push(ti);
            ix.by_day.entry(day).or_default().push(ti);
        }
        ix
    }

    /// Rows of `day` that could be of someone born in `year` (unknown year: every row of the day).
    fn rows(&self, day: i64, year: Option<u16>) -> Vec<usize> {
        match year {
            Some(y) => {
                [y, 0].iter().flat_map(|y| self.by_day_year.get(&(day, *y)).into_iter().flatten()).copied().collect()
            }
            None => self.by_day.get(&day).cloned().unwrap_or_default(),
        }
    }
}

/// Matches what the ID rules left, on attributes; records each match's strength in `p.strengths`.
pub(crate) fn pair(ours: &[&RequestInfo], theirs: &[TheirRow], within_days: i64, p: &mut Pairing) {
    let ix = Index::of(theirs, p);
    let mut cands: Vec<Candidate> = Vec::new();
    let mut mine: Vec<Candidate> = Vec::new();
    for (oi, r) in ours.iter().enumerate().filter(|(oi, _)| !p.our_taken[*oi]) {
        let Some(day) = match_date(r).and_then(day_number) else { continue };
        mine.clear();
        for d in day - within_days..=day + within_days {
            for ti in ix.rows(d, birth_year(r)) {
                if let Some(agree) = agreement(&checks(r, &theirs[ti])) {
                    let days = (d - day).unsigned_abs().min(255) as u8;
                    mine.push(Candidate { agree: agree as u8, days, ti: ti as u32, oi: oi as u32 });
                }
            }
        }
        // A request keeps its best few candidates: on a busy day hundreds of rows share its attributes, and
        // all of them would cost memory without changing who is matched.
        mine.sort_unstable_by(best_first);
        cands.extend(mine.drain(..).take(PER_REQUEST));
    }
    cands.sort_unstable_by(best_first);
    for c in cands {
        let (ti, oi, days) = (c.ti as usize, c.oi as usize, i64::from(c.days));
        if p.our_taken[oi] || p.their_match[ti].is_some() {
            continue;
        }
        let ch = checks(ours[oi], &theirs[ti]);
        p.our_taken[oi] = true;
        p.their_match[ti] = Some((oi, RULE_ATTRIBUTES));
        p.strengths[ti] = Some(Strength {
            strength: strength(usize::from(c.agree), days),
            days_apart: days,
            evidence: evidence(&ch, days),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strengths_and_country_misreads() {
        assert_eq!(strength(3, 0), "strong");
        assert_eq!(strength(3, 3), "medium");
        assert_eq!(strength(2, 0), "medium");
        assert_eq!(strength(2, 2), "weak");
        assert!(same_country("MRXICO", "MEXICO").is_some());
        assert!(same_country("PERU", "CUBA").is_none());
        assert!(same_country("HONDURAS", "GUATEMALA").is_none());
    }
}
