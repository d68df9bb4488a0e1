//! Normalization of the identifiers and dates the report and reconcile match on.
//!
//! The pipeline already normalizes (contract: event numbers uppercase without spaces, A-numbers `A` + 9
//! digits, ISO dates), but the report re-normalizes defensively: older records, hand-edited files and another
//! party's list (reconcile) do not always follow the contract. Every function returns `None` for a value it
//! cannot read, never a guess.

/// An identifier (subject ID, event number): uppercase, every whitespace removed. Empty → `None`.
pub(crate) fn ident(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).flat_map(|c| c.to_uppercase()).collect();
    if t.is_empty() {
        None
    } else {
        Some(t)
    }
}

/// A person's name as a match key: uppercase, single spaces, spaces around the comma removed.
pub(crate) fn name(s: &str) -> Option<String> {
    let up: String = s.chars().flat_map(|c| c.to_uppercase()).collect();
    let joined = up.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = joined.replace(" ,", ",").replace(", ", ",");
    if t.is_empty() || t == "," {
        None
    } else {
        Some(t)
    }
}

/// Strict on purpose, unlike `crate::forms::normalize` (which repairs OCR look-alikes): these values come from
/// typed lists and records, where an `O` is not a misread zero.
/// An A-number in any of its printed shapes (`A212345678`, `A 212 345 678`, `A-212-345-678`, `212345678`,
/// `a0212-345-678`) → `A` + 9 digits, zero-padded. Only 7 to 9 digits are accepted; anything else
/// (letters inside, too short, too long) is `None`.
pub(crate) fn a_number(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.strip_prefix(['A', 'a']).unwrap_or(t);
    let mut digits = String::new();
    for c in t.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '#' | ':' | '\t' => {}
            _ => return None,
        }
    }
    // A 10-digit string with a leading zero is a zero-padded 9-digit number written with one zero too many.
    let trimmed = if digits.len() > 9 { digits.trim_start_matches('0') } else { digits.as_str() };
    if trimmed.len() > 9 || digits.len() < 7 {
        return None;
    }
    Some(format!("A{trimmed:0>9}"))
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    if !(y.chars().chain(m.chars()).chain(d.chars()).all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1900..=2999).contains(&y) || d == 0 || d > crate::forms::normalize::days_in_month(y as i32, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A calendar date: ISO `YYYY-MM-DD` (a time part after `T` or a space is ignored), `YYYY/MM/DD`, or US
/// `MM/DD/YYYY` / `M/D/YYYY` (also with `-`). Validated (month, day of month, leap years). → `YYYY-MM-DD`.
pub(crate) fn date(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        ymd(parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        ymd(parts[2], parts[0], parts[1])
    } else {
        None
    }
}

/// The date part of a strict ISO date or date-time (`fax.received_at`), or `None`.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    let t = s.trim();
    if t.len() < 10 || !t.is_char_boundary(10) {
        return None;
    }
    let (d, rest) = t.split_at(10);
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    let p: Vec<&str> = d.split('-').collect();
    if p.len() != 3 || p[1].len() != 2 || p[2].len() != 2 {
        return None;
    }
    ymd(p[0], p[1], p[2])
}

/// Parses a `--from`/`--to` argument: strictly `YYYY-MM-DD`.
pub(crate) fn parse_cli_date(s: &str) -> Result<String, String> {
    match iso_date(s) {
        Some(d) if d == s.trim() => Ok(d),
        _ => Err(format!("`{s}` is not a date: use YYYY-MM-DD")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::readings::day_number;

    #[test]
    fn a_numbers_in_every_printed_shape() {
        for s in ["A212345678", "A 212 345 678", "A-212-345-678", "212345678", "a212-345-678", " A 212-345-678 "] {
            assert_eq!(a_number(s).as_deref(), Some("A212345678"), "{s}");
        }
        assert_eq!(a_number("A1234567").as_deref(), Some("A001234567"));
        assert_eq!(a_number("12345678").as_deref(), Some("A012345678"));
        assert_eq!(a_number("A0212345678").as_deref(), Some("A212345678"));
        assert_eq!(a_number("A123456"), None);
        assert_eq!(a_number("A1234567890"), None);
        assert_eq!(a_number("A21234S678"), None);
        assert_eq!(a_number(""), None);
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(date("03/05/2024").as_deref(), Some("2024-03-05"));
        assert_eq!(date("3/5/2024").as_deref(), Some("2024-03-05"));
        assert_eq!(date("2024/3/5").as_deref(), Some("2024-03-05"));
        assert_eq!(date("2024-03-05T10:22:00").as_deref(), Some("2024-03-05"));
        assert_eq!(date("02/29/2024").as_deref(), Some("2024-02-29"));
        assert_eq!(date("02/29/2023"), None);
        assert_eq!(date("13/01/2024"), None);
        assert_eq!(date("03/05/24"), None);
        assert_eq!(date("yesterday"), None);
        assert_eq!(iso_date("2024-03-05T10:22").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("03/05/2024"), None);
        assert_eq!(iso_date("2024-3-5"), None);
        assert!(parse_cli_date("2024-01-01").is_ok());
        assert!(parse_cli_date("2024-01-01T00:00").is_err());
        assert!(parse_cli_date("01/01/2024").is_err());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2);
    }

    #[test]
    fn idents_and_names() {
        assert_eq!(ident(" bos2503 000123 ").as_deref(), Some("BOS2503000123"));
        assert_eq!(ident("  "), None);
        assert_eq!(name("doe ,  john  q").as_deref(), Some("DOE,JOHN Q"));
        assert_eq!(name("DOE, JOHN Q").as_deref(), Some("DOE,JOHN Q"));
        assert_eq!(name(" , "), None);
    }
}
