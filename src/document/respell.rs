//! A name part no list of names holds, respelt as the part it was printed as. Two ways, each tried only
//! where a list holds no part as read:
//! - with the characters the OCR engine weighed for it ([`respelt`]): when changing one or two of its
//!   letters to ones the engine weighed for those places with some likelihood (`ocr::Word::choices`)
//!   spells exactly one common part, that part is the one printed. The engine misreads a letter of a name
//!   it cannot check against a dictionary (`KFISHA`, its `F` weighed against `E`).
//! - last, once the warrant's print and the accents reader have spelt what they can (`fields::
//!   with_lost_strokes`), with the letters a coarse scan makes of others by losing a thin horizontal stroke
//!   ([`respelt_by_lost_strokes`]): a standard-resolution fax samples 98 lines an inch, and a bar or a
//!   serif thinner than a line's spacing falls between them (`JFSUS` for `JESUS`, `WISNLEWSKL` for
//!   `WISNIEWSKI`, as a `7` loses its bar in `readings::slash_as_seven`). Only those look-alikes, one way:
//!   about one real name part in ten is in no list, and a wider set of look-alikes (an `E` for a `C`, an
//!   `I` for an `E`) turned such real parts into listed ones.
//!
//! And two parts the engine read apart at a wide gap between two letters are joined when together they
//! spell a common part ([`split_joined`]).

use crate::forms::extract::WordChoices;
use crate::ocr::Choice;
use crate::review::calibration::NameParts;

/// A choice the engine scored under this (0-100) is not taken for a letter. Most characters an LSTM weighs
/// score 0; those are no evidence for a name the lists prefer (`HIRSI`, a real surname, has `T` weighed
/// at 0 for its last letter, and `HIRST` is a common one), while a runner-up it scored is (`DZVON` with
/// `E` at 37 for its `Z`).
const MIN_CHOICE: f32 = 5.0;

/// At most this many letters of a part are changed: two misread letters are common on a coarse scan
/// (`IUTS` for `LUIS`), three change most short parts into some listed name.
const MAX_CHANGED: usize = 2;

/// `names` (a family name's or the given names', parts between spaces) with two parts the engine read
/// apart at a wide gap between two letters (`MONTE IRO` for `MONTEIRO`, a monospaced bold print) joined,
/// and a note for each join. Two parts are joined when together they spell one of the common parts
/// (`common`) and one of them is a part no list (`parts`) holds: two real parts (`MONTE`, `CRISTO`) stay
/// apart.
pub(super) fn split_joined(names: &str, parts: &NameParts, common: &NameParts) -> (String, Vec<String>) {
    let letters = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
    let mut words: Vec<String> = names.split(' ').map(String::from).collect();
    let mut notes = Vec::new();
    let mut i = 0;
    while i + 1 < words.len() {
        let (a, b) = (&words[i], &words[i + 1]);
        let joined = format!("{a}{b}");
        if letters(a) && letters(b) && common.unknown(&joined) == 0 && parts.unknown(a) + parts.unknown(b) > 0 {
            notes.push(format!("joined {a} {b} as {joined}"));
            words[i] = joined;
            words.remove(i + 1);
        } else {
            i += 1;
        }
    }
    (words.join(" "), notes)
}

/// `part` (letters of a name as normalised, uppercase) respelt as the only common part (`common`) within
/// the fewest changes the engine's choices for the word it was read from allow, with what was changed.
/// None when any list of names (`parts`) holds `part`, when no word read spells it, or when no single
/// common part is nearest.
pub(super) fn respelt(
    part: &str,
    choices: &[WordChoices],
    parts: &NameParts,
    common: &NameParts,
) -> Option<(String, String)> {
    if part.chars().count() < 3 || !part.chars().all(char::is_alphabetic) || parts.unknown(part) == 0 {
        return None;
    }
    let letters: Vec<char> = part.chars().collect();
    // The word read for the part, its choices placed by the part's letters (the word may carry a comma
    // or other marks around them).
    let options = choices.iter().find_map(|(text, choices)| {
        let lead = text.chars().take_while(|c| !c.is_alphanumeric()).count();
        let word: Vec<char> = text.chars().skip(lead).take(letters.len()).flat_map(char::to_uppercase).collect();
        let spells_part = word == letters && text.chars().skip(lead + letters.len()).all(|c| !c.is_alphanumeric());
        if spells_part && crate::ocr::tracing() {
            let shown: Vec<String> = choices.iter().map(|c| format!("{}{}:{:.1}", c.at, c.ch, c.conf)).collect();
            eprintln!("respell {part}: {}", shown.join(" "));
        }
        spells_part.then(|| {
            let mut at: Vec<Vec<char>> = vec![Vec::new(); letters.len()];
            let taken = |c: &&Choice| c.conf >= MIN_CHOICE && c.ch.is_alphabetic();
            for c in choices.iter().filter(taken).filter(|c| c.at >= lead && c.at - lead < letters.len()) {
                let ch = c.ch.to_uppercase().next().unwrap_or(c.ch);
                if ch != letters[c.at - lead] && !at[c.at - lead].contains(&ch) {
                    at[c.at - lead].push(ch);
                }
            }
            at
        })
    })?;
    for changed in 1..=MAX_CHANGED {
        let mut found = listed_spellings(&letters, &options, changed, common);
        match found.len() {
            0 => continue,
            1 => {
                let to = found.pop().expect("one");
                return Some((to.clone(), format!("{part} as {to}, letters the engine weighed")));
            }
            // Two listed parts as near: the engine's choices do not say which.
            _ => return None,
        }
    }
    None
}

/// The spellings of `letters` with exactly `changed` of them changed to one of their place's `options`
/// that `list` holds, each once.
fn listed_spellings(letters: &[char], options: &[Vec<char>], changed: usize, list: &NameParts) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    spell(letters, options, 0, changed, &mut letters.to_vec(), &mut |s| {
        if list.unknown(s) == 0 && !found.iter().any(|f| f == s) {
            found.push(s.to_string());
        }
    });
    found
}

/// Calls `each` with every spelling of `letters` with exactly `left` more letters changed, from place
/// `from` on, to one of that place's `options`.
fn spell(
    letters: &[char],
    options: &[Vec<char>],
    from: usize,
    left: usize,
    cur: &mut Vec<char>,
    each: &mut dyn FnMut(&str),
) {
    if left == 0 {
        each(&cur.iter().collect::<String>());
        return;
    }
    for i in from..letters.len() {
        for &ch in &options[i] {
            cur[i] = ch;
            spell(letters, options, i + 1, left - 1, cur, each);
            cur[i] = letters[i];
        }
    }
}

/// Letters as a coarse scan reads them → as they were printed, when a thin horizontal stroke fell between
/// its lines: an `E`'s bottom bar (read `F`), an `L`'s foot (`I`), an `I`'s bottom serif (`T`) or its top
/// one (`L`). Measured on the names of blind seeds 13, 21, 41, 73, 7, 101, 102 and faxgen seed 11 (1,500
/// documents): of 114 wrong parts no list held, 9 respelt right and 2 respelt still wrong (already wrong),
/// of 241 right parts no list held none respelt; adding `C`→`E` or `E`↔`I` respelt 6 to 8 right parts wrong.
const LOST_STROKES: &[(char, char)] = &[('F', 'E'), ('L', 'I'), ('T', 'I'), ('I', 'L')];

/// `part` (uppercase letters) respelt as the only part any list holds (`parts`) within one or two of its
/// letters read as a lost stroke makes them ([`LOST_STROKES`]), with what was changed. None when a list
/// holds `part`, or none or several parts within those changes.
pub(super) fn respelt_by_lost_strokes(part: &str, parts: &NameParts) -> Option<(String, String)> {
    if part.chars().count() < 3 || !part.chars().all(|c| c.is_ascii_uppercase()) || parts.unknown(part) == 0 {
        return None;
    }
    let letters: Vec<char> = part.chars().collect();
    let options: Vec<Vec<char>> = letters
        .iter()
        .map(|&c| LOST_STROKES.iter().filter(|(read, _)| *read == c).map(|&(_, printed)| printed).collect())
        .collect();
    // Every part within one or two changes: one a single change spells does not hide another two spell.
    // (No option is the letter read, so a spelling is found at one count of changes only.)
    let found: Vec<String> =
        (1..=MAX_CHANGED).flat_map(|changed| listed_spellings(&letters, &options, changed, parts)).collect();
    let [to] = found.as_slice() else { return None };
    Some((to.clone(), format!("{part} as {to}, letters a coarse scan loses strokes of")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list's parts, and the common ones among them.
    fn lists() -> (NameParts, NameParts) {
        let common = "KEISHA\nTAMIKA\nLUIS\nTHOMPSON\nMARVIN\nMARTIN\n";
        (NameParts::parse(&format!("{common}KOMAR\n")), NameParts::parse(common))
    }

    fn respell(part: &str, read: &[WordChoices]) -> Option<String> {
        let (parts, common) = lists();
        respelt(part, read, &parts, &common).map(|r| r.0)
    }

    fn word(text: &str, choices: &[(usize, char)]) -> WordChoices {
        (text.into(), choices.iter().map(|&(at, ch)| Choice { at, ch, conf: 30.0 }).collect())
    }

    #[test]
    fn an_unlisted_part_takes_the_engines_runner_up_letters_that_spell_a_common_one() {
        let read = [word("THOMPSON,", &[(0, 'I')]), word("KFISHA", &[(1, 'E'), (1, 'P'), (3, 'G')])];
        assert_eq!(respell("KFISHA", &read).as_deref(), Some("KEISHA"));
        // Two letters, each the engine's choice for its place (a title-case word's too).
        let read = [word("Iuts,", &[(0, 'L'), (2, 'i'), (2, 'l')])];
        assert_eq!(respell("IUTS", &read).as_deref(), Some("LUIS"));
        // A listed part is left alone, whatever the choices spell.
        assert_eq!(respell("MARTIN", &[word("MARTIN", &[(4, 'I'), (3, 'V')])]), None);
        assert_eq!(respell("KOMAR", &[word("KOMAR", &[(1, 'E')])]), None);
    }

    #[test]
    fn an_unlisted_part_is_respelt_as_the_one_listed_part_its_lost_strokes_spell() {
        let parts = NameParts::parse("JESUS\nWISNIEWSKI\nMARCIA\nMARCIE\nDUC\nLUC\nROSARIO\n");
        let respell = |part: &str| respelt_by_lost_strokes(part, &parts).map(|r| r.0);
        // An E's bottom bar lost; two I's serifs lost.
        assert_eq!(respell("JFSUS").as_deref(), Some("JESUS"));
        assert_eq!(respell("WISNLEWSKL").as_deref(), Some("WISNIEWSKI"));
        assert_eq!(respell("ROSARTO").as_deref(), Some("ROSARIO"));
        // A listed part is left alone; so is one no lost stroke makes a listed part of (an `S` is no `E`).
        assert_eq!(respell("DUC"), None);
        assert_eq!(respell("JESUE"), None);
        // Two changes when one spells nothing listed; none when two listed parts are within reach, one
        // change or two apart (`BFLL`: `BELL`, or `BELI` with its last `L` an `I` too).
        assert_eq!(respell("MARCTF").as_deref(), Some("MARCIE"));
        assert_eq!(respelt_by_lost_strokes("BFLL", &NameParts::parse("BELL\n")).map(|r| r.0).as_deref(), Some("BELL"));
        assert_eq!(respelt_by_lost_strokes("BFLL", &NameParts::parse("BELL\nBELI\n")), None);
        // Not letters, too short, or with marks: left as read.
        assert_eq!(respell("JF5US"), None);
        assert_eq!(respell("LT"), None);
        assert_eq!(respell("JFSÚS"), None);
    }

    #[test]
    fn no_part_is_respelt_without_the_engines_choices_or_to_a_rare_part_or_with_two_as_near() {
        // The letter the list would want was not among the engine's choices: the part stays as read.
        assert_eq!(respell("KFISHA", &[word("KFISHA", &[(1, 'P')])]), None);
        // The engine weighed the letter, but scored it 0: no evidence against what it read.
        let unscored = (String::from("HIRSI"), vec![Choice { at: 4, ch: 'T', conf: 0.0 }]);
        let (parts, _) = lists();
        assert_eq!(respelt("HIRSI", &[unscored], &parts, &NameParts::parse("HIRST")), None);
        // No word read spells the part (it was cut from a longer one).
        assert_eq!(respell("KFISHA", &[word("KFISHAB", &[(1, 'E')])]), None);
        // A rare listed part is no target: KEMAR, a real given name no list holds, stays.
        assert_eq!(respell("KEMAR", &[word("Kemar", &[(1, 'o')])]), None);
        // One change each way spells two common parts: the choices do not tell them apart.
        assert_eq!(respell("MARXIN", &[word("MARXIN", &[(3, 'V'), (3, 'T')])]), None);
    }
}
