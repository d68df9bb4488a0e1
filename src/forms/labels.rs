//! Printed labels found in text lines, tolerant of OCR errors (bounded edit distances).

use crate::ocr::lines::Line;

/// Uppercase letters and digits only: how labels are compared.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_uppercase()).collect()
}

/// Levenshtein distance on chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    distance(&a, &b, usize::MAX)
}

/// Levenshtein distance of `a` and `b` when it is at most `max`; anything over `max` once the whole of a
/// row exceeds it (labels are compared against every run of words on a page, most of them far off).
fn distance(a: &[char], b: &[char], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max.saturating_add(1);
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != cb) as usize).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > max) {
            return max.saturating_add(1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Characters as their shapes: the letters and letter pairs a fax's coarse scan makes of one another
/// ("Narne" for "Name", "1D" for "ID", "c1" for "d") all spelled one way. Labels are compared in both
/// spellings, so a label read with two such confusions is not out of reach of its tolerance, while one
/// read exactly still counts no error.
fn shapes(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let pair = s.get(i + 1).map(|&b| (s[i], b));
        let (c, n) = match pair {
            Some(('R', 'N')) => ('M', 2),
            Some(('V', 'V')) => ('W', 2),
            Some(('C', 'L' | '1' | 'I')) => ('D', 2),
            _ => match s[i] {
                '0' | 'Q' => ('O', 1),
                '1' | 'L' | 'J' => ('I', 1),
                '5' => ('S', 1),
                '8' => ('B', 1),
                c => (c, 1),
            },
        };
        out.push(c);
        i += n;
    }
    out
}

/// Errors tolerated when matching a label of `len` squashed characters: OCR misreads about one in six.
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => len / 6 + 1,
    }
}

/// Where a label was found: the line, and the words `[start, end)` it covers on that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelHit {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub distance: usize,
}

/// Finds `label` as consecutive words on one line, tolerating OCR errors and split or merged words.
/// A label may also be the leading part of a word ("Sex:M"). Best (fewest errors, then first) wins.
pub fn find_label(lines: &[Line], label: &str, within: Option<(i32, i32)>) -> Option<LabelHit> {
    let want = squash(label);
    if want.is_empty() {
        return None;
    }
    let tol = tolerance(want.len());
    let want_chars: Vec<char> = want.chars().collect();
    let want_shapes = shapes(&want_chars);
    let mut best: Option<LabelHit> = None;
    for (li, line) in lines.iter().enumerate() {
        if let Some((top, bottom)) = within {
            if line.bbox.cy() < top || line.bbox.cy() > bottom {
                continue;
            }
        }
        for start in 0..line.words.len() {
            // A label starts with a letter or digit: a stray mark before it ("#:" ending the label to its
            // left, a rule read as "|") is not part of it, and would stretch its cell over its neighbour's.
            if squash(&line.words[start].text).is_empty() {
                continue;
            }
            let mut acc = String::new();
            let mut acc_chars: Vec<char> = Vec::new();
            for end in start + 1..=line.words.len().min(start + 8) {
                let word = squash(&line.words[end - 1].text);
                acc.push_str(&word);
                acc_chars.extend(word.chars());
                // A match by shapes costs one error more: running text holds the label's words too ("THE
                // SUBIEC TE IS" for "Subject ID" in two confusions), so the shapes only bring a misread
                // label back within reach, never nearer than one error.
                let mut d = distance(&acc_chars, &want_chars, tol);
                if d > 1 {
                    d = d.min(distance(&shapes(&acc_chars), &want_shapes, tol).saturating_add(1));
                }
                // The label may run into the value in one word: compare its prefix only when the label
                // is long enough that a prefix match means something.
                if end == start + 1 && want.len() >= 3 && acc_chars.len() > want_chars.len() {
                    d = d.min(distance(&acc_chars[..want_chars.len()], &want_chars, tol));
                }
                if d <= tol && best.is_none_or(|b| d < b.distance) {
                    best = Some(LabelHit { line: li, start, end, distance: d });
                }
                if acc.len() > want.len() + 3 {
                    break;
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::lines::{lines, tests::word};

    #[test]
    fn distances_are_levenshtein_and_bounded_ones_stop_early() {
        assert_eq!(edit_distance("SUBJECTID", "SUBJECT1D"), 1);
        assert_eq!(edit_distance("", "ABC"), 3);
        assert_eq!(edit_distance("KITTEN", "SITTING"), 3);
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&c("KITTEN"), &c("SITTING"), 3), 3);
        // Over the bound: some value over it, whichever row gave up.
        assert!(distance(&c("KITTEN"), &c("SITTING"), 2) > 2);
        assert!(distance(&c("A"), &c("ABCDEF"), 2) > 2);
    }
    #[test]
    fn labels_match_despite_ocr_errors() {
        let ls = lines(&[word("Subject", 100, 100), word("1D:", 190, 100), word("123456", 260, 100)]);
        let hit = find_label(&ls, "Subject ID:", None).unwrap();
        assert_eq!((hit.start, hit.end), (0, 2));
        assert!(find_label(&ls, "Event #:", None).is_none());
    }
    #[test]
    fn letters_a_coarse_scan_confuses_count_as_their_shape() {
        // "Narne of Alion": three edits from the label, over its tolerance of two; "rn" is "m" by shape.
        let ls = lines(&[word("Narne", 100, 100), word("of", 200, 100), word("Alion:", 250, 100)]);
        assert_eq!(find_label(&ls, "Name of Alien:", None).map(|h| h.distance), Some(2));
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(shapes(&c("SUBJECT1D")), shapes(&c("SUBJECTID")));
        assert_eq!(shapes(&c("CLATE")), c("DATE"));
        // A different word is still one: shapes join only what a scan confuses.
        assert!(find_label(&ls, "Date of Birth:", None).is_none());
        // Running text two confusions and a letter away from a label is not it.
        let text = lines(&[word("THE", 100, 100), word("SUBIEC", 160, 100), word("TE", 260, 100)]);
        assert!(find_label(&text, "Subject ID:", None).is_none());
    }
}
