//! Near matches: copies of one request whose keys a misread set apart.
//!
//! **Which pairs are compared.** Not all pairs: copies are blocked by cheap keys and only copies sharing a
//! block are compared, so 100,000 copies cost about as many comparisons as copies. The blocks are the
//! subject ID and the A-number, each with every one-character deletion ([`fuzzy::deletion_keys`]): two IDs
//! within one edit always share a block. A block larger than [`BLOCK_CAP`] (a key shared by that many copies
//! is no key) is skipped and counted in [`Stats::broad_blocks`].
//!
//! **When a pair is near.** Either
//! * `near:subject_id+event_number`: both IDs read on both copies (at least 6 characters), the subject IDs
//!   within one edit and the event numbers within two, together at most 2, where a substitution between
//!   characters OCR confuses counts half ([`fuzzy::key_cost`]); or
//! * `near:a_number+date_issued+name`: A-numbers within one edit, issue dates at most one digit apart, names
//!   the same or similar ([`fuzzy::names`]), together at most 2 (a similar name counts half).
//!
//! **When a near pair is merged.** Other fields must corroborate: at least two that agree among name, date
//! of birth, A-number, issue date and office (for the second rule: date of birth, office, subject ID, event
//! number), three when the keys are more than one edit apart; and nothing may rule it out: A-numbers that
//! differ when both were read with confidence (or by more than an edit), names clearly different, dates of
//! birth, issue dates, subject IDs or event numbers further apart than a misread. A near pair that has the
//! corroboration but also one conflict (a single field against all the others may be a misread), or no
//! conflict but too little corroboration, is a [`Doubt`]: listed for review, not merged; two conflicts or
//! more are two people. Near merges are made best first, and never join two sets holding copies that
//! conflict.

use super::fuzzy::{self, NameMatch};
use super::merge::{Doubt, Dsu, Keys, Link, RULE_NEAR_KEY, RULE_NEAR_SECONDARY};
use serde::Serialize;
use std::hash::{Hash, Hasher};

/// Copies sharing one blocking key beyond this are not compared with each other.
pub(crate) const BLOCK_CAP: usize = 64;
/// IDs shorter than this are not compared loosely: `12` and `13` are not a misread of each other.
const MIN_KEY_LEN: usize = 6;

/// How much work the blocking made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Stats {
    /// Pairs of copies compared.
    pub pairs_compared: usize,
    /// Blocks left out for holding more than [`BLOCK_CAP`] copies.
    pub broad_blocks: usize,
}

/// What comparing two copies decided.
enum Verdict {
    Apart,
    Merge { rule: &'static str, cost: f32, evidence: Vec<String> },
    Doubt { why: String, evidence: Vec<String> },
}

/// Finds the near pairs among copies not already one request; merges the proven ones into `dsu`.
pub(crate) fn pass(keys: &[Keys], dsu: &mut Dsu) -> (Vec<Link>, Vec<Doubt>, Stats) {
    let (pairs, broad_blocks) = candidate_pairs(keys);
    let mut stats = Stats { pairs_compared: 0, broad_blocks };
    let mut merges: Vec<(f32, usize, usize, &'static str, Vec<String>)> = Vec::new();
    let mut doubts: Vec<Doubt> = Vec::new();
    for (a, b) in pairs {
        if dsu.find(a) == dsu.find(b) {
            continue;
        }
        stats.pairs_compared += 1;
        match evaluate(&keys[a], &keys[b]) {
            Verdict::Apart => {}
            Verdict::Merge { rule, cost, evidence } => merges.push((cost, a, b, rule, evidence)),
            Verdict::Doubt { why, evidence } => doubts.push(Doubt { a, b, why, evidence }),
        }
    }
    merges.sort_by(|x, y| x.0.total_cmp(&y.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut links = Vec::new();
    for (_, a, b, rule, evidence) in merges {
        if dsu.find(a) == dsu.find(b) {
            continue;
        }
        let (ma, mb) = (dsu.members(a).to_vec(), dsu.members(b).to_vec());
        let clash = ma.iter().find_map(|&x| mb.iter().find_map(|&y| conflicts(&keys[x], &keys[y]).into_iter().next()));
        match clash {
            Some(c) => doubts.push(Doubt {
                a,
                b,
                why: format!("near match, but it would join copies that conflict ({c})"),
                evidence,
            }),
            None => {
                dsu.union(a, b);
                links.push(Link { a, b, rule, evidence });
            }
        }
    }
    // A doubt about two copies that ended up one request anyway (by another path) is settled.
    doubts.retain(|d| dsu.find(d.a) != dsu.find(d.b));
    doubts.sort_by_key(|d| (d.a, d.b));
    (links, doubts, stats)
}

/// A blocking key's hash, per rule and per kind of document (cancellations only meet cancellations).
fn block_hash(tag: u8, cancellation: bool, key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (tag, cancellation, key).hash(&mut h);
    h.finish()
}

/// Every pair of copies sharing a block (ascending, once each), and how many blocks were too broad.
fn candidate_pairs(keys: &[Keys]) -> (Vec<(usize, usize)>, usize) {
    let mut entries: Vec<(u64, u32)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        for (tag, id) in [(1u8, &k.subject_id), (2u8, &k.a_number)] {
            let Some(id) = id.as_deref().filter(|s| s.len() >= MIN_KEY_LEN) else { continue };
            for key in fuzzy::deletion_keys(id) {
                entries.push((block_hash(tag, k.cancellation, &key), i as u32));
            }
        }
    }
    entries.sort_unstable();
    entries.dedup();
    let (mut pairs, mut broad) = (Vec::new(), 0);
    for block in entries.chunk_by(|x, y| x.0 == y.0) {
        if block.len() > BLOCK_CAP {
            broad += 1;
            continue;
        }
        for (n, x) in block.iter().enumerate() {
            for y in &block[n + 1..] {
                if x.1 != y.1 {
                    pairs.push((x.1.min(y.1) as usize, x.1.max(y.1) as usize));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    (pairs, broad)
}

/// How far apart two readings are, in words (`equal`, `one OCR-confusable character apart`, ...).
fn apart(what: &str, cost: f32) -> String {
    // Costs are multiples of half an edit (a confusable substitution).
    match (cost * 2.0).round() as u32 {
        0 => format!("{what} equal"),
        1 => format!("{what} one OCR-confusable character apart"),
        2 => format!("{what} one edit apart (or two OCR-confusable characters)"),
        _ => format!("{what} {cost} edits apart (OCR-confusable substitutions count half)"),
    }
}

/// Both present: `Some(cost)` within `limit`, `Some(None)` further, `None` when either is missing.
fn cost_of(a: &Option<String>, b: &Option<String>, limit: f32) -> Option<Option<f32>> {
    match (a.as_deref(), b.as_deref()) {
        (Some(x), Some(y)) if x.len() >= MIN_KEY_LEN && y.len() >= MIN_KEY_LEN => Some(fuzzy::key_cost(x, y, limit)),
        (Some(x), Some(y)) => Some((x == y).then_some(0.0)),
        _ => None,
    }
}

/// The near rule the pair's keys satisfy, with its cost and the keys' evidence.
fn near_keys(a: &Keys, b: &Keys) -> Option<(&'static str, f32, Vec<String>)> {
    let sid = cost_of(&a.subject_id, &b.subject_id, 1.0);
    let ev = cost_of(&a.event_number, &b.event_number, 2.0);
    if let (Some(Some(s)), Some(Some(e))) = (sid, ev) {
        let long = a.subject_id.as_ref().is_some_and(|x| x.len() >= MIN_KEY_LEN)
            && a.event_number.as_ref().is_some_and(|x| x.len() >= MIN_KEY_LEN);
        if long && s + e <= 2.0 && s + e > 0.0 {
            return Some((RULE_NEAR_KEY, s + e, vec![apart("subject_id", s), apart("event_number", e)]));
        }
    }
    let an = cost_of(&a.a_number, &b.a_number, 1.0);
    let date = match (&a.date_issued, &b.date_issued) {
        (Some(x), Some(y)) => fuzzy::date_cost(x, y),
        _ => None,
    };
    let name = match (&a.name, &b.name) {
        (Some(x), Some(y)) => Some(fuzzy::names(x, y)),
        _ => None,
    };
    if let (Some(Some(c)), Some(d), Some(n @ (NameMatch::Same | NameMatch::Similar))) = (an, date, name) {
        let cost = c + d + if n == NameMatch::Similar { 0.5 } else { 0.0 };
        if cost <= 2.0 && cost > 0.0 {
            let name_ev = if n == NameMatch::Same { "name equal" } else { "name similar" };
            return Some((
                RULE_NEAR_SECONDARY,
                cost,
                vec![apart("a_number", c), apart("date_issued", d), name_ev.into()],
            ));
        }
    }
    None
}

/// The other fields that agree, for the rule's corroboration (independent of the keys it matched on).
fn corroboration(rule: &'static str, a: &Keys, b: &Keys) -> Vec<String> {
    let eq = |x: &Option<String>, y: &Option<String>| x.is_some() && x == y;
    let mut out: Vec<String> = Vec::new();
    let fields: Vec<(bool, &str)> = if rule == RULE_NEAR_KEY {
        if let (Some(x), Some(y)) = (&a.name, &b.name) {
            match fuzzy::names(x, y) {
                NameMatch::Same => out.push("name equal".into()),
                NameMatch::Similar => out.push("name similar".into()),
                _ => {}
            }
        }
        vec![
            (eq(&a.dob, &b.dob), "dob"),
            (eq(&a.a_number, &b.a_number), "a_number"),
            (eq(&a.date_issued, &b.date_issued), "date_issued"),
            (eq(&a.office, &b.office), "office"),
        ]
    } else {
        vec![
            (eq(&a.dob, &b.dob), "dob"),
            (eq(&a.office, &b.office), "office"),
            (eq(&a.subject_id, &b.subject_id), "subject_id"),
            (eq(&a.event_number, &b.event_number), "event_number"),
        ]
    };
    out.extend(fields.into_iter().filter(|(ok, _)| *ok).map(|(_, what)| format!("{what} equal")));
    out
}

/// What rules two copies out as one request, in words (empty: nothing).
fn conflicts(a: &Keys, b: &Keys) -> Vec<String> {
    let mut out = Vec::new();
    if a.cancellation != b.cancellation {
        out.push("one is a cancellation".into());
    }
    if let (Some(x), Some(y)) = (&a.a_number, &b.a_number) {
        if x != y && ((a.a_number_sure && b.a_number_sure) || fuzzy::key_cost(x, y, 1.0).is_none()) {
            out.push("A-numbers differ".into());
        }
    }
    if let (Some(x), Some(y)) = (&a.name, &b.name) {
        if fuzzy::names(x, y) == NameMatch::Different {
            out.push("names clearly different".into());
        }
    }
    let far_date = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => fuzzy::date_cost(x, y).is_none(),
        _ => false,
    };
    if far_date(&a.dob, &b.dob) {
        out.push("dates of birth differ".into());
    }
    if far_date(&a.date_issued, &b.date_issued) {
        out.push("issue dates differ".into());
    }
    if cost_of(&a.subject_id, &b.subject_id, 1.0) == Some(None) {
        out.push("subject IDs differ".into());
    }
    if cost_of(&a.event_number, &b.event_number, 2.0) == Some(None) {
        out.push("event numbers differ".into());
    }
    out
}

/// Compares two copies: apart, merged (rule, cost, evidence), or doubtful.
fn evaluate(a: &Keys, b: &Keys) -> Verdict {
    if a.cancellation != b.cancellation {
        return Verdict::Apart;
    }
    let Some((rule, cost, mut evidence)) = near_keys(a, b) else { return Verdict::Apart };
    let agree = corroboration(rule, a, b);
    let clash = conflicts(a, b);
    let required = if cost <= 1.0 { 2 } else { 3 };
    let n = agree.len();
    evidence.extend(agree);
    if !clash.is_empty() {
        // One field against all the others may be a misread; more than one is another person.
        if n < 2 || clash.len() > 1 {
            return Verdict::Apart;
        }
        evidence.extend(clash.iter().cloned());
        return Verdict::Doubt { why: format!("{rule}, {n} other fields agree, but {}", clash.join(", ")), evidence };
    }
    if n >= required {
        Verdict::Merge { rule, cost, evidence }
    } else {
        Verdict::Doubt { why: format!("{rule}, but only {n} of the {required} other fields needed agree"), evidence }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(sid: &str, ev: &str, a: &str, date: &str, name: &str, dob: &str) -> Keys {
        let s = |v: &str| (!v.is_empty()).then(|| v.to_string());
        Keys {
            subject_id: s(sid),
            event_number: s(ev),
            a_number: s(a),
            date_issued: s(date),
            name: s(name),
            dob: s(dob),
            office: Some("BOS".into()),
            cancellation: false,
            a_number_sure: true,
        }
    }

    fn verdict(a: &Keys, b: &Keys) -> &'static str {
        match evaluate(a, b) {
            Verdict::Apart => "apart",
            Verdict::Merge { rule, .. } => rule,
            Verdict::Doubt { .. } => "doubt",
        }
    }

    #[test]
    fn a_misread_subject_id_merges_when_corroborated() {
        let a = copy("834488273", "BOS2503000123", "A212345678", "2025-03-01", "DOE,JOHN", "1990-01-01");
        let b = copy("834488773", "BOS2503000123", "A212345678", "2025-03-01", "DOE,JOHN", "1990-01-01");
        assert_eq!(verdict(&a, &b), RULE_NEAR_KEY);
        let Verdict::Merge { evidence, cost, .. } = evaluate(&a, &b) else { unreachable!() };
        assert_eq!(cost, 0.5);
        assert!(evidence.contains(&"subject_id one OCR-confusable character apart".to_string()), "{evidence:?}");
        assert!(evidence.contains(&"dob equal".to_string()));
    }

    #[test]
    fn near_keys_without_corroboration_are_doubtful_and_different_people_stay_apart() {
        let a = copy("834488273", "BOS2503000123", "", "2025-03-01", "", "");
        let b = copy("834488773", "BOS2503000123", "", "2025-03-02", "", "");
        assert_eq!(verdict(&a, &b), "doubt", "only the office agrees");
        let a = copy("834488273", "BOS2503000123", "A212345678", "2025-03-01", "DOE,JOHN", "1990-01-01");
        let b = copy("834488773", "BOS2503000124", "A999345678", "2025-03-01", "SMITH,ANNA", "1971-06-13");
        assert_eq!(verdict(&a, &b), "apart");
        // Everything agrees but the A-numbers, both read with confidence: for a person to look at.
        let b = copy("834488273", "BOS2503000128", "A212345670", "2025-03-01", "DOE,JOHN", "1990-01-01");
        assert_eq!(verdict(&a, &b), "doubt");
    }

    #[test]
    fn a_misread_a_number_and_date_digit_merge_on_the_second_rule() {
        let a = copy("", "", "A212345678", "2025-03-01", "DOE,JOHN", "1990-01-01");
        let b = copy("", "", "A212345678", "2025-08-01", "DOE,JOHN", "1990-01-01");
        assert_eq!(verdict(&a, &b), RULE_NEAR_SECONDARY);
    }

    #[test]
    fn blocking_finds_pairs_one_edit_apart_only() {
        let keys = vec![
            copy("834488273", "E", "", "", "", ""),
            copy("111111111", "E", "", "", "", ""),
            copy("834488773", "E", "", "", "", ""),
            copy("83448827", "E", "", "", "", ""),
        ];
        let (pairs, broad) = candidate_pairs(&keys);
        assert_eq!(pairs, vec![(0, 2), (0, 3)]);
        assert_eq!(broad, 0);
    }
}
