//! The header line the sending machine prints on each page (TTI): date, time, sender, numbers, page n/m.
//! It has no fixed layout and OCR of that small line is noisy (`BOS`→`B0S`, `TO:`→`70:`), so parsing is
//! tolerant and says how sure it is. [`read`] reads it from its strip (a dot-matrix line a second time,
//! see `dots`); [`parse`] makes sense of the text.
//!
//! A line is taken for a header line only if it shows one of a header's parts (a date, a time, a page
//! counter, a phone number): a page without one has body text in its top strip, and the words of that
//! text are not a sender.

mod dots;

use crate::input::lept::Pix;
use crate::ocr::lines::lines;
use crate::ocr::Word;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeaderLine {
    pub raw: String,
    /// ISO 8601 date and time, `YYYY-MM-DDTHH:MM`.
    pub sent_at: Option<String>,
    pub sender: Option<String>,
    pub numbers: Vec<String>,
    pub page: Option<u32>,
    pub page_total: Option<u32>,
    /// The time printed, `HH:MM`, even when no date was read (then it is no received time, but it still
    /// shows the line is a header line).
    pub time: Option<String>,
    pub confidence: f32,
}

/// Reads the header line from its strip (8-bit gray) with `ocr`, which recognises the words of the image
/// it is given. When the first reading has no date, the strip is read again as a dot-matrix line: its
/// slashed zeros cleared, and its words read glyph by glyph in the 5x7 dot font where they match it.
/// The reading that found more of the line's parts is kept. None when the strip holds no text.
pub fn read(strip: &Pix, mut ocr: impl FnMut(&Pix) -> anyhow::Result<Vec<Word>>) -> anyhow::Result<Option<HeaderLine>> {
    let first_line = |words: &[Word]| lines(words).into_iter().next();
    let Some(line) = first_line(&ocr(strip)?) else { return Ok(None) };
    let first = parse(&line.text());
    if settled(&first) || strip.depth() != 8 {
        return Ok((!first.raw.is_empty()).then_some(first));
    }
    let (w, h) = (strip.width() as usize, strip.height() as usize);
    let mut gray = strip.gray_bytes();
    dots::clear_slashed_zeros(&mut gray, w, h);
    let cleaned =
        Pix::from_gray(w as u32, h as u32, &gray).ok_or_else(|| anyhow::anyhow!("copying the header strip"))?;
    let second = first_line(&ocr(&cleaned)?).map(|line| {
        let ink = dots::Ink::new(&gray, w, h);
        let text: Vec<String> =
            line.words.iter().map(|wd| dots::read_glyphs(&ink, wd.bbox).unwrap_or_else(|| wd.text.clone())).collect();
        parse(&text.join(" "))
    });
    let best = match second {
        Some(s) if parts(&s) > parts(&first) => s,
        _ => first,
    };
    Ok((!best.raw.is_empty()).then_some(best))
}

/// Whether a reading needs no second look: it has a date and time, and a page counter unless the line
/// shows none (a token like `P.@t` or `Pat` is a counter the engine could not read).
fn settled(h: &HeaderLine) -> bool {
    static COUNTER_LIKE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(^|\s)P[.\s]?\S{1,3}\s*$").unwrap());
    h.sent_at.as_ref().is_some_and(|t| t.len() > 10) && (h.page.is_some() || !COUNTER_LIKE.is_match(&h.raw))
}

/// How much of a header line a parse found: a full date and time first, then the page counter.
fn parts(h: &HeaderLine) -> (bool, bool, bool, bool) {
    (h.sent_at.as_ref().is_some_and(|t| t.len() > 10), h.sent_at.is_some(), h.page.is_some(), h.time.is_some())
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)
        \b(?P<y1>(19|20)\d\d)[-/.](?P<m1>\d\d?)[-/.](?P<d1>\d\d?)\b
      | \b(?P<m2>\d\d?)[-/.](?P<d2>\d\d?)[-/.](?P<y2>(19|20)?\d\d)\b
      | \b(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[-\s.]?(?P<d3>\d\d?)[-,\s.]+(?P<y3>(19|20)\d\d)\b
      | \b(?P<d4>\d\d?)[-\s.]?(?P<mon4>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[-\s.]?(?P<y4>(19|20)?\d\d)\b")
    .unwrap()
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<h>[012]?\d)[:.](?P<m>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?\s*(?P<ampm>AM|PM)?\b").unwrap()
});
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:\bP(?:AGE|G)?[.\s]*|@|\#)(?P<n>\d{1,3})\s*(?:/|OF)\s*(?P<m>\d{1,3})\b
      | \bPAGE\s*(?P<n2>\d{1,3})\b
      | \bP[.\s]?(?P<n3>\d{2,3})\b",
    )
    .unwrap()
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b").unwrap());
static FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bFROM\s*:?\s*(?P<s>[A-Z][A-Z0-9&.,' -]{2,40}?)(?:\s+(?:TO\b|\+?1?[\s(]*\d{3}[\s).-]|P[.\s]?\d|PAGE|@|#|T-\d)|$)").unwrap()
});

const MONTHS: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/// Repairs the usual OCR confusions inside digit groups of a header line.
fn fix_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let is_digitish = |c: char| c.is_ascii_digit() || matches!(c, 'O' | 'o' | 'I' | 'l' | '|');
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let near_digit = prev.is_some_and(|p| p.is_ascii_digit()) || next.is_some_and(|n| n.is_ascii_digit());
        let between = prev.is_some_and(is_digitish) && next.is_some_and(is_digitish);
        out.push(match c {
            'O' | 'o' if near_digit || between => '0',
            'I' | 'l' | '|' if near_digit && between => '1',
            _ => c,
        });
    }
    out
}

fn year(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    Some(if s.len() == 2 {
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    })
}

/// Repairs whole tokens shaped like a date, a time or a page counter (`P.01`), with the misreadings of
/// dot-matrix digits seen on the real received faxes: the slashed zero as `@`, `O` or `D`, the 7 as `R` or
/// `?` (`@r-11-87`, `1?:12`), the 1 as `I`, `L` or `T`. Only a token that becomes exactly such a shape is
/// changed (and a date must then be a real date), so `@002/004` (a counter's own `@`) and words stay as
/// they are.
fn repair_tokens(text: &str) -> String {
    static DATE_OR_TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\d{1,2}[-/.]\d{1,2}[-/.](\d{2}|\d{4})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|[012]?\d:[0-5]\d(:[0-5]\d)?)$",
        )
        .unwrap()
    });
    static COUNTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^P\.?\d{2,3}$").unwrap());
    let zero_or_one = |c: char| match c {
        '@' | 'O' | 'D' | 'Q' => '0',
        'I' | '|' | '!' => '1',
        'R' | '?' => '7',
        c => c,
    };
    text.split(' ')
        .map(|tok| {
            let digits: String = tok.chars().map(zero_or_one).collect();
            if digits != tok && DATE_OR_TIME.is_match(&digits) {
                return digits;
            }
            if let Some(rest) = tok.strip_prefix('P') {
                let counter: String =
                    rest.chars().map(|c| if matches!(c, 'L' | 'T') { '1' } else { zero_or_one(c) }).collect();
                if counter != rest && COUNTER.is_match(&format!("P{counter}")) {
                    return format!("P{counter}");
                }
            }
            tok.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a line of page text is a transmission stamp: the date and time a machine sent or received the
/// page, as a sender's header line or a receiving server's footer prints it (top or bottom margin, see
/// `fax-tiff.md`). Its page counter counts the transmission's pages, not the form's.
pub fn is_transmission_line(text: &str) -> bool {
    // Only the date and the time: this runs on every footer line each time a page is classified.
    let text = repair_tokens(&fix_digits(&text.to_uppercase()));
    time_of(&text).is_some() && date_of(&text).is_some()
}

/// The first valid date in a header line's repaired text (ISO), and where its match ends.
fn date_of(text: &str) -> Option<(String, usize)> {
    DATE.captures(text).and_then(|c| {
        let month_name = |g: &str| {
            c.name(g).and_then(|m| MONTHS.iter().position(|x| m.as_str().starts_with(x))).map(|i| i as u32 + 1)
        };
        let (y, m, d) = if let Some(y) = c.name("y1") {
            (year(y.as_str()), c["m1"].parse().ok(), c["d1"].parse().ok())
        } else if let Some(y) = c.name("y2") {
            (year(y.as_str()), c["m2"].parse().ok(), c["d2"].parse().ok())
        } else if let Some(y) = c.name("y3") {
            (year(y.as_str()), month_name("mon"), c["d3"].parse().ok())
        } else {
            (
                c.name("y4").and_then(|y| year(y.as_str())),
                month_name("mon4"),
                c.name("d4").and_then(|d| d.as_str().parse().ok()),
            )
        };
        let (y, m, d): (i32, u32, u32) = (y?, m?, d?);
        crate::forms::normalize::date(&format!("{m:02}/{d:02}/{y:04}")).ok().map(|iso| (iso, c.get(0).unwrap().end()))
    })
}

/// The first valid time of day in a header line's repaired text, `HH:MM` on 24 hours.
fn time_of(text: &str) -> Option<String> {
    TIME.captures_iter(text).find_map(|c| {
        let mut hh: u32 = c["h"].parse().ok()?;
        let mm: u32 = c["m"].parse().ok()?;
        match c.name("ampm").map(|m| m.as_str()) {
            Some("PM") if hh < 12 => hh += 12,
            Some("AM") if hh == 12 => hh = 0,
            _ => {}
        }
        (hh < 24).then(|| format!("{hh:02}:{mm:02}"))
    })
}

pub fn parse(raw: &str) -> HeaderLine {
    let text = repair_tokens(&fix_digits(&raw.to_uppercase()));
    let mut h = HeaderLine { raw: raw.trim().to_string(), ..Default::default() };
    let mut found = 0.0f32;
    let date = date_of(&text);
    let time = time_of(&text);
    if time.is_some() {
        found += 1.0;
    }
    h.time = time.clone();
    if let Some((d, _)) = &date {
        found += 1.0;
        h.sent_at = Some(match &time {
            Some(t) => format!("{d}T{t}"),
            None => d.clone(),
        });
    }
    // The date must not be read as a page counter ("@7/16/2022").
    let undated = DATE.replace_all(&text, " ").into_owned();
    if let Some(c) = PAGES.captures(&undated) {
        if let (Some(n), Some(m)) = (c.name("n"), c.name("m")) {
            let (n, m): (u32, u32) = (n.as_str().parse().unwrap_or(0), m.as_str().parse().unwrap_or(0));
            if n >= 1 && m >= n && m < 1000 {
                h.page = Some(n);
                h.page_total = Some(m);
                found += 1.0;
            }
        } else if let Some(n) = c.name("n2").or(c.name("n3")) {
            h.page = n.as_str().parse().ok().filter(|n| *n >= 1);
            found += 0.5;
        }
    }
    for m in PHONE.find_iter(&text) {
        let digits: String = m.as_str().chars().filter(|c| c.is_ascii_digit()).collect();
        let digits = digits.strip_prefix('1').filter(|d| d.len() == 10).map(str::to_string).unwrap_or(digits);
        if digits.len() == 10 && !h.numbers.contains(&digits) {
            h.numbers.push(digits);
        }
    }
    if !h.numbers.is_empty() {
        found += 0.5;
    }
    // Body text is no header line: a sender is taken only from a line showing a header's parts.
    let is_header = date.is_some() || h.time.is_some() || h.page.is_some() || !h.numbers.is_empty();
    if let Some(c) = FROM.captures(&text).filter(|_| is_header) {
        h.sender = Some(c["s"].trim().trim_end_matches([',', '.', '-']).to_string()).filter(|s| s.len() >= 3);
    }
    if h.sender.is_none() && is_header {
        // Otherwise the longest run of words that is not a date, time, number or counter.
        let mut stripped = text.clone();
        for re in [&*DATE, &*TIME, &*PHONE, &*PAGES] {
            stripped = re.replace_all(&stripped, " ").into_owned();
        }
        let run = stripped
            .split(|c: char| !(c.is_ascii_alphabetic() || c == ' ' || c == '&' || c == '.' || c == '\''))
            .map(|s| s.split_whitespace().filter(|w| w.len() > 1 || *w == "&").collect::<Vec<_>>().join(" "))
            .filter(|s| {
                s.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 4
                    && !matches!(s.as_str(), "FROM" | "FAX" | "PAGE")
            })
            .max_by_key(|s| s.len());
        h.sender = run.map(|s| s.trim_start_matches("FROM ").trim_start_matches("FAX ").to_string());
    }
    if h.sender.is_some() {
        found += 0.5;
    }
    h.confidence = (found / 4.5).min(1.0);
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transmission_lines_carry_a_date_and_a_time() {
        assert!(is_transmission_line("Received 12/28/2024 09:40:20 on detainer-desk -- page 2 of 3"));
        assert!(is_transmission_line("RightFax 12/22/2023 07:53AM PAGE 1/4 a1-booking"));
        assert!(!is_transmission_line("DHS Form I-247A (3/17) Page 1 of 3"));
        assert!(!is_transmission_line("Form I-205 (Rev. 08/01/07)"));
    }

    #[test]
    fn machine_styles() {
        let h = parse("03-14-2025 09:41 FROM: ICE ERO BOSTON +1-617-555-0142 T-123 P.001/003 F-030");
        assert_eq!(h.sent_at.as_deref(), Some("2025-03-14T09:41"));
        assert_eq!(h.sender.as_deref(), Some("ICE ERO BOSTON"));
        assert_eq!(h.numbers, vec!["6175550142"]);
        assert_eq!((h.page, h.page_total), (Some(1), Some(3)));
        let h = parse("03/14/25 14:02 FAX 802 872 6020 LESC 001");
        assert_eq!(h.sent_at.as_deref(), Some("2025-03-14T14:02"));
        assert_eq!(h.numbers, vec!["8028726020"]);
        let h = parse("2025-03-14 9:05 PAGE 01 OF 03");
        assert_eq!((h.page, h.page_total), (Some(1), Some(3)));
        assert_eq!(parse("MAR-14-2025 10:00 @002/004").page_total, Some(4));
        let h = parse("From: ICE PERC Fax: 949 555-0171 To! 617 555-0198 @7/16/2022 12:41 P 02/05");
        assert_eq!((h.page, h.page_total), (Some(2), Some(5)));
    }

    #[test]
    fn body_text_is_no_header_line() {
        // A page without a header line: its first text line must not become a sender.
        let h = parse("REAM WASN AF TEES NE EEE");
        assert_eq!((h.sender, h.sent_at, h.time), (None, None, None));
        assert_eq!(parse("Dear Sir or Madam, FROM the office of the clerk").sender, None);
        // A time alone shows a header line, and is kept even without a date.
        let h = parse("17:12 T-BROOKTROUT TECH");
        assert_eq!((h.time.as_deref(), h.sent_at.as_deref()), (Some("17:12"), None));
        assert!(h.sender.as_deref().unwrap().contains("BROOKTROUT"));
    }

    #[test]
    fn slashed_zeros_read_as_at_signs_are_repaired_in_dates_times_and_counters() {
        let h = parse("@7-11-87 17:12 T-BROOKTROUT TECH @31@ #556 P@1");
        assert_eq!(h.sent_at.as_deref(), Some("1987-07-11T17:12"));
        assert_eq!(h.page, Some(1));
        // As the real fax's strip reads once its zeros are cleared.
        let h = parse("Or-11-87 1?:12 T-BROOKTROUT TECH O310 #556 POL");
        assert_eq!((h.sent_at.as_deref(), h.page), (Some("1987-07-11T17:12"), Some(1)));
        let h = parse("08/17/199@ 15:27 FROM Chez Oxford Business Ctr TO Sam Leffler P.@l");
        assert_eq!(h.sent_at.as_deref(), Some("1990-08-17T15:27"));
        assert_eq!(h.page, Some(1));
        // A counter's own @ is not a zero.
        assert_eq!(parse("MAR-14-2025 10:00 @002/004").page_total, Some(4));
    }

    #[test]
    fn real_fax_headers_as_ocr_reads_them() {
        let h = parse("08/17/1990 15:27 FROM Chez Oxford Business Ctr TO Sam Leffler P.01");
        assert_eq!(h.sent_at.as_deref(), Some("1990-08-17T15:27"));
        assert_eq!(h.sender.as_deref(), Some("CHEZ OXFORD BUSINESS CTR"));
        let h = parse("07-11-87 17:12 T-BROOKTROUT TECH @31@ #556 POL");
        assert_eq!(h.sent_at.as_deref(), Some("1987-07-11T17:12"));
        assert!(h.sender.as_deref().unwrap().contains("BROOKTROUT"));
        let h = parse("O8/17/199O 15:27");
        assert_eq!(h.sent_at.as_deref(), Some("1990-08-17T15:27"));
    }
}
