//! De-duplication: which detainer records ("copies") are the same request.
//!
//! A copy is one `kind: "detainer"` record. The same request arrives more than once (faxed to the dedicated
//! line and to a booking station, re-sent a day later, ...). Two copies are one request when:
//!
//! 1. **`subject_id+event_number`**: both have a subject ID and an event number (normalized: uppercase, no
//!    whitespace) and both are equal; else
//! 2. **`a_number+date_issued+name`**: both have an A-number, an issue date and a subject name and all three
//!    are equal (normalized). This catches a copy whose subject ID or event number is missing or misread.
//!
//! The relation is closed transitively (union-find): if A=B by rule 1 and B=C by rule 2, A, B and C are one
//! request, and the group records both rules. Rule 1 is applied first and rule 2 only records the links it
//! actually added, so a group's `rules` lists exactly the rules its merging needed.
//!
//! Cancellations (`cancels_previous: true`) are merged the same way, but only with each other: a cancellation
//! never merges with a request (it is its own document, counted apart).
//!
//! A copy with neither key complete stays a request of its own (it cannot be shown to be a duplicate); the
//! report lists it in `needs_review` as unmatchable.

use super::norm;
use crate::record::Record;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const RULE_KEY: &str = "subject_id+event_number";
pub(crate) const RULE_SECONDARY: &str = "a_number+date_issued+name";

/// The normalized match keys of one copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Keys {
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date_issued: Option<String>,
    pub name: Option<String>,
    pub cancellation: bool,
}

impl Keys {
    pub fn of(r: &Record) -> Keys {
        let Some(d) = &r.detainer else { return Keys::default() };
        Keys {
            subject_id: d.subject_id.as_deref().and_then(norm::ident),
            event_number: d.event_number.as_deref().and_then(norm::ident),
            a_number: d.a_number.as_deref().and_then(norm::a_number),
            date_issued: d.date_issued.as_deref().and_then(norm::date),
            name: d.subject.name.as_deref().and_then(norm::name),
            cancellation: d.cancels_previous,
        }
    }

    fn primary(&self) -> Option<(bool, &str, &str)> {
        Some((self.cancellation, self.subject_id.as_deref()?, self.event_number.as_deref()?))
    }

    fn secondary(&self) -> Option<(bool, &str, &str, &str)> {
        Some((self.cancellation, self.a_number.as_deref()?, self.date_issued.as_deref()?, self.name.as_deref()?))
    }

    /// True when neither merge rule can apply to this copy.
    pub fn unmatchable(&self) -> bool {
        self.primary().is_none() && self.secondary().is_none()
    }
}

/// One request (or cancellation): the copies that are the same document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// Indices into the slice given to [`merge`], ascending.
    pub copies: Vec<usize>,
    /// The rules that merged them, in precedence order ([`RULE_KEY`], [`RULE_SECONDARY`]); empty for a single copy.
    pub rules: Vec<&'static str>,
    pub cancellation: bool,
}

struct Dsu {
    parent: Vec<usize>,
}

impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    /// Joins the sets of a and b; true when they were apart.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi] = lo;
        true
    }
}

/// Groups copies into requests. Deterministic: groups come in order of their first copy.
pub(crate) fn merge(keys: &[Keys]) -> Vec<Group> {
    let n = keys.len();
    let mut dsu = Dsu { parent: (0..n).collect() };
    let mut links: Vec<(usize, &'static str)> = Vec::new();

    let mut first: BTreeMap<(bool, &str, &str), usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(key) = k.primary() {
            match first.get(&key) {
                Some(&j) => {
                    if dsu.union(i, j) {
                        links.push((i, RULE_KEY));
                    }
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
    let mut first2: BTreeMap<(bool, &str, &str, &str), usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(key) = k.secondary() {
            match first2.get(&key) {
                Some(&j) => {
                    if dsu.union(i, j) {
                        links.push((i, RULE_SECONDARY));
                    }
                }
                None => {
                    first2.insert(key, i);
                }
            }
        }
    }

    let mut by_root: BTreeMap<usize, (Vec<usize>, BTreeSet<&'static str>)> = BTreeMap::new();
    for i in 0..n {
        let r = dsu.find(i);
        by_root.entry(r).or_default().0.push(i);
    }
    for (i, rule) in links {
        let r = dsu.find(i);
        by_root.get_mut(&r).expect("root of a linked copy").1.insert(rule);
    }
    by_root
        .into_values()
        .map(|(copies, rules)| Group {
            cancellation: keys[copies[0]].cancellation,
            copies,
            // In precedence order, not alphabetical.
            rules: [RULE_KEY, RULE_SECONDARY].into_iter().filter(|r| rules.contains(r)).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(sid: Option<&str>, ev: Option<&str>, a: Option<&str>, date: Option<&str>, name: Option<&str>) -> Keys {
        Keys {
            subject_id: sid.map(String::from),
            event_number: ev.map(String::from),
            a_number: a.map(String::from),
            date_issued: date.map(String::from),
            name: name.map(String::from),
            cancellation: false,
        }
    }

    #[test]
    fn rule_one_merges_same_subject_and_event() {
        let keys = vec![
            k(Some("1"), Some("BOS1"), None, None, None),
            k(Some("2"), Some("BOS2"), None, None, None),
            k(Some("1"), Some("BOS1"), Some("A000000001"), None, None),
        ];
        let g = merge(&keys);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].copies, vec![0, 2]);
        assert_eq!(g[0].rules, vec![RULE_KEY]);
        assert_eq!(g[1].copies, vec![1]);
        assert!(g[1].rules.is_empty());
    }

    #[test]
    fn rule_two_catches_a_misread_event_number() {
        let a = Some("A212345678");
        let keys = vec![
            k(Some("1"), Some("BOS2503000123"), a, Some("2025-03-01"), Some("DOE,JOHN")),
            k(Some("1"), Some("BOS2503OOO123"), a, Some("2025-03-01"), Some("DOE,JOHN")),
            k(None, None, a, Some("2025-03-02"), Some("DOE,JOHN")), // another day: another request
        ];
        let g = merge(&keys);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].copies, vec![0, 1]);
        assert_eq!(g[0].rules, vec![RULE_SECONDARY]);
    }

    #[test]
    fn chains_merge_transitively_and_record_both_rules() {
        let a = Some("A212345678");
        let keys = vec![
            k(Some("1"), Some("E1"), None, Some("2025-03-01"), Some("DOE,JOHN")), // no A-number
            k(Some("1"), Some("E1"), a, Some("2025-03-01"), Some("DOE,JOHN")),
            k(None, Some("E1"), a, Some("2025-03-01"), Some("DOE,JOHN")), // subject ID missing
        ];
        let g = merge(&keys);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].copies, vec![0, 1, 2]);
        assert_eq!(g[0].rules, vec![RULE_KEY, RULE_SECONDARY]);
    }

    #[test]
    fn rule_two_needs_all_three_parts() {
        let keys = vec![
            k(None, None, Some("A1"), Some("2025-03-01"), None),
            k(None, None, Some("A1"), Some("2025-03-01"), None),
        ];
        assert_eq!(merge(&keys).len(), 2);
        assert!(keys[0].unmatchable());
    }

    #[test]
    fn cancellations_never_merge_with_requests() {
        let mut c = k(Some("1"), Some("E1"), None, None, None);
        c.cancellation = true;
        let keys = vec![k(Some("1"), Some("E1"), None, None, None), c.clone(), c];
        let g = merge(&keys);
        assert_eq!(g.len(), 2);
        assert!(!g[0].cancellation);
        assert_eq!(g[1].copies, vec![1, 2]);
        assert!(g[1].cancellation);
    }

    #[test]
    fn keys_are_normalized_from_records() {
        let mut r = Record::new(crate::record::Kind::Detainer, Default::default());
        r.detainer = Some(crate::record::Detainer {
            subject_id: Some(" 123 ".into()),
            event_number: Some("bos 25".into()),
            a_number: Some("A 212-345-678".into()),
            date_issued: Some("03/01/2025".into()),
            ..Default::default()
        });
        let k = Keys::of(&r);
        assert_eq!(k.subject_id.as_deref(), Some("123"));
        assert_eq!(k.event_number.as_deref(), Some("BOS25"));
        assert_eq!(k.a_number.as_deref(), Some("A212345678"));
        assert_eq!(k.date_issued.as_deref(), Some("2025-03-01"));
        let none = Keys::of(&Record::new(crate::record::Kind::Detainer, Default::default()));
        assert!(none.unmatchable());
    }
}
