//! De-duplication: which detainer records ("copies") are the same request.
//!
//! A copy is one `kind: "detainer"` record. The same request arrives more than once (faxed to the dedicated
//! line and to a booking station, re-sent a day later, ...). Two copies are one request when:
//!
//! 1. **`subject_id+event_number`**: both have a subject ID and an event number (normalized: uppercase, no
//!    whitespace) and both are equal; else
//! 2. **`a_number+date_issued+name`**: both have an A-number, an issue date and a subject name and all three
//!    are equal (normalized). This catches a copy whose subject ID or event number is missing or misread;
//! 3. **near matches** ([`super::near`]): keys that agree within what OCR gets wrong (a character or two of
//!    an ID, a digit of a date), corroborated by enough other fields and with no field ruling it out.
//!    Every such merge carries its evidence; a pair that is near but not proven is listed as doubtful, not
//!    merged.
//!
//! The relation is closed transitively (union-find): if A=B by rule 1 and B=C by rule 2, A, B and C are one
//! request, and the group records both rules. Rules are applied in order and each records only the links it
//! actually added, so a group's `rules` lists exactly the rules its merging needed. A near match never joins
//! two groups holding copies that rule each other out (two different people are never one request).
//!
//! Cancellations are merged the same way, but only with each other: a cancellation never merges with a
//! request (it is its own document, counted apart). A copy is a cancellation only when the form says so:
//! the cancel box ticked **and** a date written for the request it cancels (read, or seen but unreadable,
//! which the record's review reasons say); a ticked box with an empty date field is more likely a speck than
//! a cancellation, and is counted as a request and listed for review.
//!
//! A copy with neither exact key complete may still be merged by a near match; if not, it stays a request
//! of its own and the report lists it in `needs_review` as unmatchable.

use super::near;
use super::norm;
use super::record_view::RecordView;
use std::collections::BTreeMap;

pub(crate) const RULE_KEY: &str = "subject_id+event_number";
pub(crate) const RULE_SECONDARY: &str = "a_number+date_issued+name";
pub(crate) const RULE_NEAR_KEY: &str = "near:subject_id+event_number";
pub(crate) const RULE_NEAR_SECONDARY: &str = "near:a_number+date_issued+name";
/// Every rule in precedence order, the order a group lists them in.
const RULES: [&str; 4] = [RULE_KEY, RULE_SECONDARY, RULE_NEAR_KEY, RULE_NEAR_SECONDARY];

/// A field read with confidence at least this (or with none recorded) and not named by the record's own
/// review reasons is "sure": two sure readings that differ rule a merge out.
const SURE: f32 = 0.9;

/// The normalized match keys of one copy, and what else the near rules compare.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Keys {
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date_issued: Option<String>,
    pub name: Option<String>,
    pub dob: Option<String>,
    pub office: Option<String>,
    pub cancellation: bool,
    /// The A-number was read with confidence (see [`SURE`]).
    pub a_number_sure: bool,
}

impl Keys {
    pub fn of(r: &RecordView) -> Keys {
        let Some(d) = &r.detainer else { return Keys::default() };
        let sure = |f: &str| r.fields.of(f).is_none_or(|c| c >= SURE) && !r.flags(f);
        Keys {
            subject_id: d.subject_id.as_deref().and_then(norm::ident),
            event_number: d.event_number.as_deref().and_then(norm::ident),
            a_number: d.a_number.as_deref().and_then(norm::a_number),
            date_issued: d.date_issued.as_deref().and_then(norm::date),
            name: d.subject.name.as_deref().and_then(norm::name),
            dob: d.subject.dob.as_deref().and_then(norm::date),
            office: d.issuing_office.code.as_deref().and_then(norm::ident),
            cancellation: is_cancellation(r),
            a_number_sure: sure("a_number"),
        }
    }

    fn primary(&self) -> Option<(bool, &str, &str)> {
        Some((self.cancellation, self.subject_id.as_deref()?, self.event_number.as_deref()?))
    }

    fn secondary(&self) -> Option<(bool, &str, &str, &str)> {
        Some((self.cancellation, self.a_number.as_deref()?, self.date_issued.as_deref()?, self.name.as_deref()?))
    }

    /// True when neither exact merge rule can apply to this copy.
    pub fn unmatchable(&self) -> bool {
        self.primary().is_none() && self.secondary().is_none()
    }
}

/// The form says it cancels: the box ticked and a date written for the cancelled request, read (a valid
/// date) or at least seen (the record's review reasons name `cancelled_request_date`: text was there).
pub(crate) fn is_cancellation(r: &RecordView) -> bool {
    r.detainer.as_ref().is_some_and(|d| {
        d.cancels_previous
            && (d.cancelled_request_date.as_deref().and_then(norm::date).is_some() || r.flags("cancelled_request_date"))
    })
}

/// Two copies joined, by which rule, on what evidence (field names and how they agreed, never values).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub a: usize,
    pub b: usize,
    pub rule: &'static str,
    pub evidence: Vec<String>,
}

/// Two copies a near rule could join but did not: listed for a person to decide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Doubt {
    pub a: usize,
    pub b: usize,
    pub why: String,
    pub evidence: Vec<String>,
}

/// One request (or cancellation): the copies that are the same document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    /// Indices into the slice given to [`merge`], ascending.
    pub copies: Vec<usize>,
    /// The rules that merged them, in precedence order; empty for a single copy.
    pub rules: Vec<&'static str>,
    pub cancellation: bool,
    /// Every link that joined two of its copies.
    pub links: Vec<Link>,
}

/// The groups, the doubtful pairs left apart, and how much comparing the blocking took.
#[derive(Debug, Clone, Default)]
pub(crate) struct Merged {
    pub groups: Vec<Group>,
    pub doubts: Vec<Doubt>,
    pub stats: near::Stats,
}

/// Union-find over copies, with each set's members (a near merge checks them all).
pub(crate) struct Dsu {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu { parent: (0..n).collect(), members: (0..n).map(|i| vec![i]).collect() }
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// The copies in x's set.
    pub fn members(&mut self, x: usize) -> &[usize] {
        let r = self.find(x);
        &self.members[r]
    }

    /// Joins the sets of a and b; true when they were apart.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi] = lo;
        let moved = std::mem::take(&mut self.members[hi]);
        self.members[lo].extend(moved);
        true
    }
}

/// Joins copies with equal exact keys (`key` of each copy, `None`: the rule does not apply to it).
fn exact_pass<'a, K: Ord>(
    keys: &'a [Keys],
    key: impl Fn(&'a Keys) -> Option<K>,
    rule: &'static str,
    evidence: &str,
    dsu: &mut Dsu,
    links: &mut Vec<Link>,
) {
    let mut first: BTreeMap<K, usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let Some(key) = key(k) else { continue };
        match first.get(&key) {
            Some(&j) => {
                if dsu.union(i, j) {
                    links.push(Link { a: j, b: i, rule, evidence: vec![evidence.to_string()] });
                }
            }
            None => {
                first.insert(key, i);
            }
        }
    }
}

/// Groups copies into requests. Deterministic: groups come in order of their first copy.
pub(crate) fn merge(keys: &[Keys]) -> Merged {
    let mut dsu = Dsu::new(keys.len());
    let mut links: Vec<Link> = Vec::new();
    exact_pass(keys, Keys::primary, RULE_KEY, "subject_id and event_number equal", &mut dsu, &mut links);
    exact_pass(keys, Keys::secondary, RULE_SECONDARY, "a_number, date_issued and name equal", &mut dsu, &mut links);
    let (near_links, doubts, stats) = near::pass(keys, &mut dsu);
    links.extend(near_links);

    let mut by_root: BTreeMap<usize, Group> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let r = dsu.find(i);
        let g = by_root.entry(r).or_insert_with(|| Group {
            copies: Vec::new(),
            rules: Vec::new(),
            cancellation: k.cancellation,
            links: Vec::new(),
        });
        g.copies.push(i);
    }
    for l in links {
        let r = dsu.find(l.a);
        let g = by_root.get_mut(&r).expect("root of a linked copy");
        if !g.rules.contains(&l.rule) {
            g.rules.push(l.rule);
        }
        g.links.push(l);
    }
    let groups = by_root
        .into_values()
        .map(|mut g| {
            g.rules.sort_by_key(|r| RULES.iter().position(|x| x == r));
            g
        })
        .collect();
    Merged { groups, doubts, stats }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    fn k(sid: Option<&str>, ev: Option<&str>, a: Option<&str>, date: Option<&str>, name: Option<&str>) -> Keys {
        Keys {
            subject_id: sid.map(String::from),
            event_number: ev.map(String::from),
            a_number: a.map(String::from),
            date_issued: date.map(String::from),
            name: name.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn rule_one_merges_same_subject_and_event() {
        let keys = vec![
            k(Some("1"), Some("BOS1"), None, None, None),
            k(Some("2"), Some("BOS2"), None, None, None),
            k(Some("1"), Some("BOS1"), Some("A000000001"), None, None),
        ];
        let g = merge(&keys).groups;
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
        let g = merge(&keys).groups;
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
        let g = merge(&keys).groups;
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
        assert_eq!(merge(&keys).groups.len(), 2);
        assert!(keys[0].unmatchable());
    }

    #[test]
    fn cancellations_never_merge_with_requests() {
        let mut c = k(Some("1"), Some("E1"), None, None, None);
        c.cancellation = true;
        let keys = vec![k(Some("1"), Some("E1"), None, None, None), c.clone(), c];
        let g = merge(&keys).groups;
        assert_eq!(g.len(), 2);
        assert!(!g[0].cancellation);
        assert_eq!(g[1].copies, vec![1, 2]);
        assert!(g[1].cancellation);
    }

    #[test]
    fn a_cancellation_needs_the_box_and_a_date_written() {
        let rec = |ticked: bool, date: Option<&str>, reason: Option<&str>| {
            let mut r = Record::new(crate::record::Kind::Detainer, Default::default());
            r.detainer = Some(crate::record::Detainer {
                cancels_previous: ticked,
                cancelled_request_date: date.map(String::from),
                ..Default::default()
            });
            if let Some(why) = reason {
                r.review.flag(why);
            }
            is_cancellation(&RecordView::of(&r))
        };
        assert!(rec(true, Some("2025-01-10"), None));
        assert!(rec(true, None, Some("cancelled_request_date:date_invalid")), "a date was there, unreadable");
        assert!(!rec(true, None, None), "a speck in the box, nothing in the date field");
        assert!(!rec(false, Some("2025-01-10"), None));
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
        let k = Keys::of(&RecordView::of(&r));
        assert_eq!(k.subject_id.as_deref(), Some("123"));
        assert_eq!(k.event_number.as_deref(), Some("BOS25"));
        assert_eq!(k.a_number.as_deref(), Some("A212345678"));
        assert_eq!(k.date_issued.as_deref(), Some("2025-03-01"));
        let none = Keys::of(&RecordView::of(&Record::new(crate::record::Kind::Detainer, Default::default())));
        assert!(none.unmatchable());
    }
}
