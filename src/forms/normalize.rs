//! Normalising and validating raw field text. Every function returns `Ok(value)` or `Err(why)`; `why`
//! ends up in `review.reasons` with the field's name. Nothing here guesses: OCR
//! confusions are repaired only where the field's alphabet makes the repair unambiguous (a letter O inside a
//! run of digits is a zero). The fields' best-valid-reading normalizers (IDs, dates, sex, countries) are
//! in `readings`; what stays here is also used for a clerk's corrections and the header line.

use crate::forms::labels::{squash, tolerance};
use crate::forms::models::Office;
use crate::forms::readings::{given_names_end, Read};
use crate::review::Invalid;

/// Maps look-alike letters to digits, for fields that can only hold digits.
fn digitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'o' | 'D' | 'Q' => '0',
            'I' | 'l' | '|' | 'i' | '!' => '1',
            'Z' | 'z' => '2',
            'S' | 's' => '5',
            'B' => '8',
            'G' => '6',
            'T' => '7',
            _ => c,
        })
        .collect()
}

/// `A` + 9 digits from any print style (see `readings::a_number`: the one definition of an A-number).
pub fn a_number(raw: &str) -> Result<String, Invalid> {
    crate::forms::readings::a_number(raw).map(|r| r.value)
}

/// Days in month `m` of year `y` (0 for a month that does not exist).
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A real calendar date from the form's MM/DD/YYYY (also MM-DD-YYYY, M/D/YY and ISO), as `YYYY-MM-DD`.
pub fn date(raw: &str) -> Result<String, Invalid> {
    let cleaned: String = digitize(raw.trim()).chars().map(|c| if c.is_ascii_digit() { c } else { ' ' }).collect();
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    let (y, m, d) = match parts.as_slice() {
        [a, b, c] if a.len() == 4 => (a.parse::<i32>().ok(), b.parse::<u32>().ok(), c.parse::<u32>().ok()),
        [a, b, c] if c.len() == 4 || c.len() == 2 => {
            let y = c.parse::<i32>().ok().map(|y| {
                if c.len() == 2 {
                    if y < 70 {
                        2000 + y
                    } else {
                        1900 + y
                    }
                } else {
                    y
                }
            });
            (y, a.parse::<u32>().ok(), b.parse::<u32>().ok())
        }
        [one] if one.len() == 8 => (one[4..].parse().ok(), one[..2].parse().ok(), one[2..4].parse().ok()),
        _ => return Err(Invalid::DateUnreadable),
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else { return Err(Invalid::DateUnreadable) };
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(Invalid::ImpossibleDate);
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// A letter with a mark the English models drop (`Ã`, `Ç`).
pub(crate) fn marked(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

/// Whether the accents reader's `read` has the letters of `part`, a marked letter standing for any (the
/// English read drops the mark or takes the letter for another: `JOAO`, `CONCEIGAO`).
pub(crate) fn same_letters(part: &str, read: &str) -> bool {
    part.chars().count() == read.chars().count() && part.chars().zip(read.chars()).all(|(a, b)| a == b || marked(b))
}

/// The particles a name typed in title case prints in small letters (`da Silva`, `van Dijk`).
pub const PARTICLES: &[&str] = &["de", "da", "do", "dos", "das", "del", "la", "le", "van", "von", "bin", "y", "e"];

/// `FAMILY, GIVEN` as typed; uppercase, single spaces, diacritics kept.
pub fn name(raw: &str) -> Result<(String, String, String), Invalid> {
    // OCR reads a typed hyphen as any dash.
    let up: String = raw.to_uppercase().replace(['‐', '‑', '–', '—', '−'], "-");
    let cleaned: String =
        up.chars().filter(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '-' | '\'' | '’' | '.')).collect();
    // A typed apostrophe often reads with a space after it ("O' SULLIVAN").
    let cleaned = cleaned.replace('’', "'").replace("' ", "'");
    let cleaned = hyphen_joined(&cleaned);
    let Some((family, given)) = cleaned.split_once(',') else { return Err(Invalid::NameNoComma) };
    // Words with no letter in them are specks or a rule's debris read as punctuation ("SANTOS,. EDSON").
    let tidy = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
        // Nor does a name begin or end with an apostrophe: a tick read before or after it ("'JEUNE").
        words.join(" ").trim_matches(|c: char| matches!(c, '.' | '-' | '\'')).to_string()
    };
    let (family, given) = (tidy(family), tidy(given.replace(',', " ").as_str()));
    if family.chars().filter(|c| c.is_alphabetic()).count() < 2
        || given.chars().filter(|c| c.is_alphabetic()).count() < 1
    {
        return Err(Invalid::NameIncomplete);
    }
    Ok((format!("{family}, {given}"), family, given))
}

/// `name` with a hyphen between two letters that OCR read with a space beside it joined up: a compound
/// name part is typed with none (faxgen's `AUGUSTIN-JOSEPH` read `AUGUSTIN- JOSEPH`, the engine cutting
/// its word after the hyphen). A hyphen standing alone between spaces is a speck, dropped with the words
/// that hold no letter.
fn hyphen_joined(name: &str) -> String {
    static SPACED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(\p{Alphabetic})- +(\p{Alphabetic})|(\p{Alphabetic}) +-(\p{Alphabetic})").expect("valid")
    });
    SPACED.replace_all(name, "${1}${3}-${2}${4}").into_owned()
}

/// `name` after dropping what OCR glued after the given names (a neighbour cell's letter, specks read as
/// short words): see `readings::given_names_end`.
pub fn name_read(raw: &str) -> Result<Read<(String, String, String)>, Invalid> {
    let (raw, repaired) = name_repaired(raw);
    name_read_as_printed(&raw).map(|r| r.also(repaired))
}

/// `raw` with misreads that make a name unreadable or wrong repaired, and a note of what was: a cell's
/// left rule read as a letter before the family name ("I VASQUEZ, ELMER": no family name begins with a
/// lone I, L or J), the comma read as a period ("BARRETT. RICARDO": a name with no comma and one
/// period between two words, none at its end), specks read as periods after or before a word, and digits
/// read for the letters they look like inside a word.
fn name_repaired(raw: &str) -> (String, Option<String>) {
    let mut raw = raw.trim().to_string();
    let mut notes = Vec::new();
    if let Some((first, rest)) = raw.split_once(' ') {
        if matches!(first, "I" | "l" | "L" | "J" | "|") && rest.contains(',') && !rest.starts_with(',') {
            notes.push(format!("dropped {first} before the name"));
            raw = rest.trim_start().to_string();
        }
    }
    if !raw.contains(',') && raw.matches('.').count() == 1 {
        if let Some((family, given)) = raw.split_once(". ") {
            let letter_before = family.chars().last().is_some_and(char::is_alphabetic);
            if letter_before && given.chars().any(char::is_alphabetic) {
                notes.push("read . as ,".into());
                raw = format!("{family}, {given}");
            }
        }
    }
    // A period after a word of four letters or more, inside the name, is a speck: the abbreviations names
    // print with a period (ST., STA., MA., JR.) are shorter ("VILLATORO, YEFERSON. JOSE").
    if raw.contains(',') {
        let words: Vec<&str> = raw.split(' ').collect();
        let speck = |i: usize, w: &str| {
            i + 1 < words.len() && w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        };
        if words.iter().enumerate().any(|(i, w)| speck(i, w)) {
            let kept: Vec<&str> =
                words.iter().enumerate().map(|(i, w)| if speck(i, w) { w.trim_end_matches('.') } else { w }).collect();
            notes.push("dropped a period after a word".into());
            raw = kept.join(" ");
        }
    }
    // No name prints a digit: one inside a word of letters is the letter it looks like (`TZ0C`, `RAMTRE7`,
    // `1UIS` on blind seeds 13 and 73), where dropping it lost a letter of the name; one beside the letter
    // it looks like is that glyph read twice, and goes (`TZO0C` for `TZOC`, blind seed 7). A word of digits
    // alone, or in a word with other marks, stays as read: debris, dropped with what follows the given
    // names (`LUIS.68`).
    let lettered = |w: &str| {
        let core = w.trim_end_matches(',');
        core.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && core.chars().all(|c| c.is_alphabetic() || digit_letter(c).is_some() || matches!(c, '-' | '\'' | '’'))
    };
    fix_words(&mut raw, &mut notes, "read digits in a word as the letters they look like", |w| {
        (lettered(w) && w.chars().any(|c| digit_letter(c).is_some())).then(|| lettered_word(w))
    });
    // No name prints a period before a word's letters: a speck read before it ("ANDERSON .LUCAS",
    // "MORALES .GARCIA, JOSE" on blind seeds 97 and 41, the first named by no reason).
    fix_words(&mut raw, &mut notes, "dropped a period before a word", |w| {
        w.strip_prefix('.').filter(|r| r.starts_with(char::is_alphabetic)).map(str::to_string)
    });
    (raw, (!notes.is_empty()).then(|| notes.join(", ")))
}

/// `raw`'s words (between spaces) each as `fix` gives it, where it gives one, and `note` in `notes` when
/// any was.
fn fix_words(raw: &mut String, notes: &mut Vec<String>, note: &str, fix: impl Fn(&str) -> Option<String>) {
    let mut fixed = false;
    let words: Vec<String> =
        raw.split(' ').map(|w| fix(w).inspect(|_| fixed = true).unwrap_or_else(|| w.to_string())).collect();
    if fixed {
        notes.push(note.into());
        *raw = words.join(" ");
    }
}

/// The letter a digit read inside a name looks like, for the digits that look like one: the look-alikes
/// of `readings::as_letter`, and a `7` for the `Z` a name ends `-EZ` in (`RAMTRE7`).
fn digit_letter(c: char) -> Option<char> {
    match c {
        '7' => Some('Z'),
        _ => Some(crate::forms::readings::as_letter(c)).filter(|&l| l != c),
    }
}

/// `word` with each digit that looks like a letter read as that letter, or dropped beside it (see
/// `name_repaired`).
fn lettered_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match digit_letter(c) {
            Some(l) if i.checked_sub(1).map(|j| chars[j]) == Some(l) || chars.get(i + 1) == Some(&l) => {}
            Some(l) => out.push(l),
            None => out.push(c),
        }
    }
    out
}

fn name_read_as_printed(raw: &str) -> Result<Read<(String, String, String)>, Invalid> {
    let Some((family, given)) = raw.split_once(',') else { return name(raw).map(|v| Read { value: v, note: None }) };
    // The name's own case, from its first given name ("EDWIN", "Kemar"): the family name may hold a misread.
    let upper = given.split_whitespace().next().is_some_and(|w| !w.chars().any(|c| c.is_lowercase()));
    let (end, note) = given_names_end(given, upper);
    let kept: Vec<&str> = given.split_whitespace().take(end).collect();
    let trimmed = format!("{family}, {}", kept.join(" "));
    match (note, name(&trimmed)) {
        (Some(note), Ok(v)) => Ok(Read { value: v, note: Some(note) }),
        _ => name(raw).map(|v| Read { value: v, note: None }),
    }
}

/// The field office an address block names: explicit office names first, then "City, ST" places.
/// Returns the office and how it matched.
pub fn office<'a>(raw: &str, offices: &'a [Office]) -> Result<(&'a Office, String), Invalid> {
    let text = squash(raw);
    let words: Vec<String> = raw.split(|c: char| !c.is_alphanumeric()).map(|w| w.to_uppercase()).collect();
    // Every office name and place that appears, scored by errors per character: an exact place beats a
    // name found only with several OCR errors; on equal scores a name beats a place.
    let mut hits: Vec<(f32, usize, &Office, &String)> = Vec::new();
    for o in offices {
        for (pass, keys) in [(0, &o.names), (1, &o.places)] {
            for k in keys {
                let key = squash(k);
                let d = if key.len() < 5 {
                    // Short codes (LESC, PERC) only as whole words.
                    words.contains(&key).then_some(0)
                } else {
                    fuzzy_contains(&text, &key)
                };
                if let Some(d) = d {
                    hits.push((d as f32 / key.len() as f32, pass, o, k));
                }
            }
        }
    }
    hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let Some(&(score, pass, o, k)) = hits.first() else { return Err(Invalid::OfficeUnknown) };
    if hits.iter().any(|h| h.2.code != o.code && h.0 == score && h.1 == pass) {
        return Err(Invalid::OfficeAmbiguous);
    }
    Ok((o, format!("{}:{}", if pass == 0 { "name" } else { "place" }, k)))
}

/// Smallest edit distance of `needle` against any window of `hay`, if within tolerance (Sellers'
/// approximate substring match: the alignment may start and end anywhere in `hay`).
pub fn fuzzy_contains(hay: &str, needle: &str) -> Option<usize> {
    if hay.contains(needle) {
        return Some(0);
    }
    let tol = tolerance(needle.len());
    let n: Vec<char> = needle.chars().collect();
    let mut prev: Vec<usize> = (0..=n.len()).collect();
    let mut cur = vec![0; n.len() + 1];
    let mut best = usize::MAX;
    for ch in hay.chars() {
        for j in 1..=n.len() {
            cur[j] = (prev[j - 1] + (ch != n[j - 1]) as usize).min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        best = best.min(cur[n.len()]);
        std::mem::swap(&mut prev, &mut cur);
    }
    (best <= tol).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphen_read_with_a_space_beside_it_joins_the_name_part() {
        let family = |raw: &str| name(raw).map(|n| n.1);
        assert_eq!(family("AUGUSTIN- JOSEPH, CLAUDE JEAN"), Ok("AUGUSTIN-JOSEPH".into()));
        assert_eq!(family("AUGUSTIN -JOSEPH, CLAUDE"), Ok("AUGUSTIN-JOSEPH".into()));
        assert_eq!(family("AUGUSTIN  -  JOSEPH, CLAUDE"), Ok("AUGUSTIN JOSEPH".into()));
        assert_eq!(name("PIERRE, JEAN- LOUIS").map(|n| n.2), Ok("JEAN-LOUIS".into()));
        assert_eq!(family("DE LA CRUZ, ANA"), Ok("DE LA CRUZ".into()));
    }

    #[test]
    fn fuzzy_contains_finds_the_closest_window() {
        assert_eq!(fuzzy_contains("ICEEROBOSTONFIELDOFFICE1000DISTRICT", "BOSTONFIELDOFFICE"), Some(0));
        assert_eq!(fuzzy_contains("ICEEROB0STONFIELDOFF1CE1000", "BOSTONFIELDOFFICE"), Some(2));
        // A window one letter short or long.
        assert_eq!(fuzzy_contains("XXBOSTNFIELDOFFICEYY", "BOSTONFIELDOFFICE"), Some(1));
        assert_eq!(fuzzy_contains("XXBOSSTONFIELDOFFICEYY", "BOSTONFIELDOFFICE"), Some(1));
        assert_eq!(fuzzy_contains("NEWYORKCITYFIELDOFFICE", "BOSTONFIELDOFFICE"), None);
        assert_eq!(fuzzy_contains("BOS", "BOSTONFIELDOFFICE"), None);
    }
}
