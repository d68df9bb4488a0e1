//! How far apart two readings of one value are, in the misreads OCR makes.
//!
//! * [`key_cost`]: an edit distance where a substitution between characters OCR confuses (`0/8`, `1/7`,
//!   `5/6`, `O/0`, `S/5` ...) costs half, so a subject ID read `1001 → 1007` is nearer than `1001 → 1004`.
//! * [`date_cost`]: dates of the same shape differing in one digit cost 1 (a `3` read as `8`), else more.
//! * [`names`]: the same name, a similar one (a letter or two off, a given name with a letter appended), an
//!   unclear pair, or clearly different people.
//! * [`deletion_keys`]: the blocking keys that bring every pair within one edit together without comparing
//!   all pairs (symmetric deletion: a string and each of its one-character deletions).

/// Pairs of characters OCR confuses on faxes; a substitution between them costs [`CONFUSABLE`].
const CONFUSABLE_PAIRS: &[(u8, u8)] = &[
    (b'0', b'8'),
    (b'0', b'6'),
    (b'0', b'9'),
    (b'3', b'8'),
    (b'5', b'6'),
    (b'6', b'8'),
    (b'1', b'7'),
    (b'1', b'4'),
    (b'2', b'7'),
    (b'0', b'O'),
    (b'0', b'D'),
    (b'0', b'Q'),
    (b'1', b'I'),
    (b'1', b'L'),
    (b'2', b'Z'),
    (b'5', b'S'),
    (b'6', b'G'),
    (b'8', b'B'),
];

/// The cost of one confusable substitution; any other edit costs 1.
pub(crate) const CONFUSABLE: f32 = 0.5;

pub(crate) fn confusable(a: u8, b: u8) -> bool {
    CONFUSABLE_PAIRS.iter().any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

fn sub_cost(a: u8, b: u8) -> f32 {
    if a == b {
        0.0
    } else if confusable(a, b) {
        CONFUSABLE
    } else {
        1.0
    }
}

/// Weighted edit distance between two identifiers (ASCII bytes), or `None` when it exceeds `limit`
/// (computed only that far: a band of the table, so a long hopeless pair costs little).
pub(crate) fn key_cost(a: &str, b: &str, limit: f32) -> Option<f32> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if (a.len() as f32 - b.len() as f32).abs() > limit {
        return None;
    }
    let mut prev: Vec<f32> = (0..=b.len()).map(|j| j as f32).collect();
    let mut cur = vec![0.0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i as f32;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let v = (prev[j - 1] + sub_cost(a[i - 1], b[j - 1])).min(prev[j] + 1.0).min(cur[j - 1] + 1.0);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

/// Plain edit distance (every edit costs 1) between two strings, by characters.
pub(crate) fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1])).min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Two ISO dates: 0 when equal, 1 when one digit differs (confusable or not), `None` otherwise.
pub(crate) fn date_cost(a: &str, b: &str) -> Option<f32> {
    if a.len() != b.len() {
        return None;
    }
    match a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() {
        0 => Some(0.0),
        1 => Some(1.0),
        _ => None,
    }
}

/// How two names (normalized `FAMILY,GIVEN`) compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NameMatch {
    Same,
    /// A letter or two off, or one given name a shortening of the other: the same person as far as a
    /// reader of a fax can tell.
    Similar,
    /// Neither: it neither corroborates nor rules out.
    Unclear,
    /// Family and given names both far apart: two people.
    Different,
}

/// Compares two names. Allowances scale with length: a misread costs one edit in five characters.
pub(crate) fn names(a: &str, b: &str) -> NameMatch {
    if a == b {
        return NameMatch::Same;
    }
    let split = |s: &'_ str| -> (String, String) {
        let (f, g) = s.split_once(',').unwrap_or((s, ""));
        (f.trim().to_string(), g.trim().to_string())
    };
    let ((fa, ga), (fb, gb)) = (split(a), split(b));
    let near = |x: &str, y: &str| edits(x, y) <= (x.chars().count().max(y.chars().count()) / 5).max(1);
    let far = |x: &str, y: &str| edits(x, y) * 2 > x.chars().count().max(y.chars().count());
    let given_extends = !ga.is_empty() && !gb.is_empty() && (ga.starts_with(&gb) || gb.starts_with(&ga));
    if near(&fa, &fb) && (ga.is_empty() || gb.is_empty() || near(&ga, &gb) || given_extends) {
        return NameMatch::Similar;
    }
    if near(a, b) {
        return NameMatch::Similar;
    }
    if far(&fa, &fb) && (ga.is_empty() || gb.is_empty() || far(&ga, &gb)) {
        return NameMatch::Different;
    }
    NameMatch::Unclear
}

/// The string and each of its one-character deletions: two strings within one edit of each other share at
/// least one of these keys (a substitution deletes to the same string at that position; an insertion's
/// shorter side is the longer side's deletion).
pub(crate) fn deletion_keys(s: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(s.len() + 1);
    keys.push(s.to_string());
    for (i, c) in s.char_indices() {
        let mut k = String::with_capacity(s.len());
        k.push_str(&s[..i]);
        k.push_str(&s[i + c.len_utf8()..]);
        keys.push(k);
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusable_substitutions_cost_half() {
        assert_eq!(key_cost("834488273", "834488273", 2.0), Some(0.0));
        assert_eq!(key_cost("834488273", "834488773", 2.0), Some(0.5), "2/7");
        assert_eq!(key_cost("834488273", "834488243", 2.0), Some(1.0), "7/4 is not a confusion listed");
        assert_eq!(key_cost("BOS2501000002", "BOS25O1000002", 2.0), Some(0.5), "O/0");
        assert_eq!(key_cost("83448827", "834488273", 2.0), Some(1.0), "a dropped digit");
        assert_eq!(key_cost("834488273", "112233445", 2.0), None);
        assert_eq!(key_cost("1", "123456", 2.0), None, "lengths alone rule it out");
    }

    #[test]
    fn dates_one_digit_apart() {
        assert_eq!(date_cost("2025-03-01", "2025-03-01"), Some(0.0));
        assert_eq!(date_cost("2025-03-01", "2025-08-01"), Some(1.0));
        assert_eq!(date_cost("2025-03-01", "2025-08-07"), None);
    }

    #[test]
    fn names_same_similar_unclear_different() {
        assert_eq!(names("DOE,JOHN", "DOE,JOHN"), NameMatch::Same);
        assert_eq!(names("PINEDA AGUILAR,ALEXANDER", "PINEDA AGUILAR,ALEXANDFR"), NameMatch::Similar);
        assert_eq!(names("DOE,DWAYNE", "DOE,DWAYNE A"), NameMatch::Similar, "letters appended");
        assert_eq!(names("GARCIA LOPEZ,JUAN", "SMITH,ANNA"), NameMatch::Different);
        assert_eq!(names("GARCIA,JUAN", "GARCIA,PEDRO"), NameMatch::Unclear, "one family, another given name");
    }

    #[test]
    fn deletion_keys_meet_within_one_edit() {
        let share = |a: &str, b: &str| deletion_keys(a).iter().any(|k| deletion_keys(b).contains(k));
        assert!(share("834488273", "834488773"));
        assert!(share("834488273", "83448827"));
        assert!(share("834488273", "8344882773"));
        assert!(!share("834488273", "834411273"));
    }
}
