//! Normalising and validating raw field text. Every function returns `Ok(value)` or `Err(why)`; `why`
//! ends up in `review.reasons` with the field's name. Nothing here guesses: OCR
//! confusions are repaired only where the field's alphabet makes the repair unambiguous (a letter O inside a
//! run of digits is a zero).

use crate::forms::labels::{edit_distance, squash, tolerance};
use crate::forms::models::Office;
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

/// What OCR leaves around a typed value and never is one of its digits: punctuation, typographic quotes
/// (a speck after a number reads as "”"), a box's side.
fn is_edge_mark(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '\''
            | '"'
            | '|'
            | '_'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '`'
            | '´'
            | '«'
            | '»'
            | '°'
            | '~'
            | '*'
            | '•'
            | '·'
    )
}

/// The digits of a numeric ID (look-alike letters read as digits, marks around it dropped).
pub fn digits(raw: &str) -> Result<String, Invalid> {
    let raw = raw.trim_matches(is_edge_mark);
    let d: String = digitize(raw).chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if d.is_empty() {
        return Err(Invalid::Empty);
    }
    if d.chars().all(|c| c.is_ascii_digit()) {
        Ok(d)
    } else {
        Err(Invalid::NotDigits)
    }
}

/// `A` + 9 digits from any print style: A212345678, A 212 345 678, A-212-345-678, 212345678, 7-9 digits.
pub fn a_number(raw: &str) -> Result<String, Invalid> {
    // The number runs over its digit groups ("A 212 345 678"); what OCR adds after it (specks read as
    // "a", "—C«j") is not part of it.
    let mut kept = String::new();
    for tok in raw.split_whitespace() {
        let has_digit = tok.chars().any(|c| c.is_ascii_digit());
        if !has_digit && (!kept.is_empty() || !tok.eq_ignore_ascii_case("A")) {
            if kept.chars().any(|c| c.is_ascii_digit()) {
                break;
            }
            continue;
        }
        kept.push_str(tok);
    }
    let end = kept.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1);
    let s: String = kept[..end].chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase();
    let body =
        s.strip_prefix('A').or_else(|| s.strip_prefix('4').filter(|b| b.len() == 9 && s.len() == 10)).unwrap_or(&s);
    let d = digitize(body);
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::ANumberNotDigits);
    }
    if !(7..=9).contains(&d.len()) {
        return Err(Invalid::ANumberLength);
    }
    Ok(format!("A{d:0>9}"))
}

/// Event numbers: letters and digits, uppercase, no spaces; the usual shape is an office code, year-month
/// and a sequence (`BOS2503000123`). Digit look-alikes are repaired only after the three-letter prefix.
pub fn event_number(raw: &str) -> Result<String, Invalid> {
    let s: String = raw.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase();
    if s.len() < 6 {
        return Err(Invalid::EventNumberShort);
    }
    let (head, tail) = s.split_at(3.min(s.len()));
    let head: String = head
        .chars()
        .map(|c| match c {
            '0' => 'O',
            '1' => 'I',
            '5' => 'S',
            '8' => 'B',
            _ => c,
        })
        .collect();
    Ok(format!("{head}{}", digitize(tail)))
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

/// `FAMILY, GIVEN` as typed; uppercase, single spaces, diacritics kept.
pub fn name(raw: &str) -> Result<(String, String, String), Invalid> {
    // OCR reads a typed hyphen as any dash.
    let up: String = raw.to_uppercase().replace(['‐', '‑', '–', '—', '−'], "-");
    let cleaned: String =
        up.chars().filter(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '-' | '\'' | '’' | '.')).collect();
    // A typed apostrophe often reads with a space after it ("O' SULLIVAN").
    let cleaned = cleaned.replace('’', "'").replace("' ", "'");
    let Some((family, given)) = cleaned.split_once(',') else { return Err(Invalid::NameNoComma) };
    let tidy = |s: &str| {
        s.split_whitespace().collect::<Vec<_>>().join(" ").trim_matches(|c: char| c == '.' || c == '-').to_string()
    };
    let (family, given) = (tidy(family), tidy(given.replace(',', " ").as_str()));
    if family.chars().filter(|c| c.is_alphabetic()).count() < 2
        || given.chars().filter(|c| c.is_alphabetic()).count() < 1
    {
        return Err(Invalid::NameIncomplete);
    }
    Ok((format!("{family}, {given}"), family, given))
}

/// M, F or X from the one letter typed.
pub fn sex(raw: &str) -> Result<String, Invalid> {
    match squash(raw).as_str() {
        "M" | "MALE" => Ok("M".into()),
        "F" | "FEMALE" => Ok("F".into()),
        "X" => Ok("X".into()),
        _ => Err(Invalid::SexUnreadable),
    }
}

/// A country from the gazetteer, tolerating OCR errors; unknown text is not a country.
pub fn country(raw: &str, countries: &[(String, String)]) -> Result<String, Invalid> {
    let want = squash(raw);
    if want.is_empty() {
        return Err(Invalid::Empty);
    }
    let mut best: Option<(usize, &str)> = None;
    for (variant, canonical) in countries {
        let d = edit_distance(&want, &squash(variant));
        if d <= tolerance(want.len().max(4)) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, canonical));
        }
    }
    best.map(|(_, c)| c.to_string()).ok_or(Invalid::CountryUnknown)
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
    fn digits_lose_the_marks_around_them() {
        assert_eq!(digits("752026741”"), Ok("752026741".into()));
        assert_eq!(digits("“39434153,"), Ok("39434153".into()));
        assert_eq!(digits("7520 2674I"), Ok("752026741".into()));
        assert_eq!(digits("75202#741").unwrap_err(), Invalid::NotDigits);
        assert_eq!(digits("’”").unwrap_err(), Invalid::Empty);
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
