//! The best valid reading of a field's raw text. OCR misreads characters as their look-alikes (O/0, I/l/1,
//! S/5, B/8, Z/2, G/6, A/4) and glues a neighbouring cell's text to a value; each reader here tries the
//! alternatives the field's own constraints allow (a real calendar date in a plausible range, an A-number's
//! digit groups, an event number's office code and year-month, a gazetteer country) and returns a value
//! only when exactly one alternative is valid: two valid readings are refused as ambiguous, never guessed.
//! Every reading says what it changed (`note`), so the record can show it and review can weigh it.

use crate::forms::labels::{edit_distance, squash};
use crate::review::Invalid;

/// A value read from raw text, and what had to be changed to read it (None: read as printed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read<T> {
    pub value: T,
    pub note: Option<String>,
}

impl<T> Read<T> {
    fn exact(value: T) -> Self {
        Read { value, note: None }
    }
    fn fixed(value: T, note: impl Into<String>) -> Self {
        Read { value, note: Some(note.into()) }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        Read { value: f(self.value), note: self.note }
    }
    /// Adds `more` to what was changed.
    pub fn also(mut self, more: Option<String>) -> Self {
        self.note = both(self.note.take(), more);
        self
    }
}

/// Two notes of what was changed, as one.
fn both(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// A digit's look-alike letters, for positions that can only hold a digit.
pub(crate) fn as_digit(c: char) -> char {
    match c {
        'O' | 'o' | 'D' | 'Q' | 'U' | '@' | 'C' | 'c' => '0',
        'I' | 'l' | '|' | 'i' | '!' | 'L' => '1',
        'Z' | 'z' => '2',
        'S' | 's' => '5',
        'B' => '8',
        'G' | 'b' => '6',
        'T' => '7',
        'g' | 'q' => '9',
        _ => c,
    }
}

/// A `7` the scan broke reads as `/` (light toner at standard resolution, 98 lines an inch, drops its thin
/// top bar and the diagonal stays: `4504/0395` for `450470395`, `LES22110029/1`) or as `7/` (its diagonal
/// parted from the bar: `5497/9401` for `54979401`). In a word of an identifier, a lone slash between two
/// characters that read as digits is that 7, or after a 7 part of it; a word with two slashes is a date
/// glued on, left as it is. Returns the text so read, and a note when it changed.
fn slash_as_seven(s: &str) -> (String, Option<String>) {
    let digitlike = |c: Option<&char>| c.is_some_and(|c| as_digit(*c).is_ascii_digit());
    let mut note = None;
    let mut word = |w: &str| -> String {
        let chars: Vec<char> = w.chars().collect();
        let slashes: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| **c == '/').map(|(i, _)| i).collect();
        let [i] = slashes.as_slice() else { return w.to_string() };
        if *i == 0 || !digitlike(chars.get(i - 1)) || !digitlike(chars.get(i + 1)) {
            return w.to_string();
        }
        let after_seven = chars[i - 1] == '7';
        note = Some(if after_seven { "read 7/ as 7" } else { "read / as 7" }.to_string());
        let seven = (!after_seven).then_some('7');
        chars.iter().enumerate().filter_map(|(k, c)| if k == *i { seven } else { Some(*c) }).collect()
    };
    let read = s.split_inclusive(char::is_whitespace).map(&mut word).collect();
    (read, note)
}

/// A letter's look-alike digits, for positions that can only hold a letter.
pub(crate) fn as_letter(c: char) -> char {
    match c {
        '0' => 'O',
        '1' => 'I',
        '2' => 'Z',
        '4' => 'A',
        '5' => 'S',
        '6' => 'G',
        '8' => 'B',
        _ => c,
    }
}

/// Dashes as OCR reads a typed hyphen.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—' | '−' | '~')
}

/// Marks OCR leaves around a value (punctuation, quotes, a box's side): never part of it.
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
            | '('
            | ')'
            | '['
            | ']'
    )
}

fn trim_edges(s: &str) -> &str {
    s.trim_matches(|c: char| is_edge_mark(c) || c.is_whitespace())
}

/// What the look-alike repair changed, for the note ("O→0, l→1").
fn repairs(before: &str, after: &str) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for (a, b) in before.chars().zip(after.chars()) {
        let pair = format!("{a}→{b}");
        if a != b && !seen.contains(&pair) {
            seen.push(pair);
        }
    }
    (!seen.is_empty()).then(|| format!("read {}", seen.join(", ")))
}

/// `read` on the whole raw text; when that fails and the text holds several words, on every run of up to
/// `max_words` adjacent words: a neighbour's text glued to the value is dropped when exactly one run reads
/// as a valid value. Two runs giving different values are refused (`Ambiguous`), and so is a run next to
/// a word `part_of` says could be a piece of the value split off by OCR.
pub fn one_run<T: PartialEq + Clone>(
    raw: &str,
    max_words: usize,
    read: impl Fn(&str) -> Result<Read<T>, Invalid>,
    part_of: impl Fn(&str) -> bool,
) -> Result<Read<T>, Invalid> {
    let whole = read(raw);
    let words: Vec<&str> = raw.split_whitespace().collect();
    if whole.is_ok() || words.len() < 2 {
        return whole;
    }
    let mut found: Vec<(Read<T>, String)> = Vec::new();
    for i in 0..words.len() {
        for j in i + 1..=words.len().min(i + max_words) {
            if j - i == words.len() {
                continue;
            }
            let part = words[i..j].join(" ");
            if let Ok(r) = read(&part) {
                let touching = (i > 0 && part_of(words[i - 1])) || (j < words.len() && part_of(words[j]));
                if touching {
                    return Err(Invalid::Ambiguous);
                }
                found.push((r, part));
            }
        }
    }
    let Some((first, part)) = found.first().cloned() else { return whole };
    if found.iter().any(|(r, _)| r.value != first.value) {
        return Err(Invalid::Ambiguous);
    }
    // The longest run that reads so is the value as printed; shorter ones are parts of it.
    let part = found.iter().map(|(_, p)| p).max_by_key(|p| p.len()).unwrap_or(&part);
    Ok(first.also(Some(format!("kept \"{part}\" of \"{}\"", raw.trim()))))
}

/// A numeric ID (subject ID): digits, look-alike letters read as digits, marks around it dropped;
/// `valid` is the field's pattern. A neighbour's word glued to it is dropped when one word alone is valid.
pub fn digits(raw: &str, valid: &dyn Fn(&str) -> bool) -> Result<Read<String>, Invalid> {
    let read = |s: &str| {
        let s = trim_edges(s);
        let kept: String = s.chars().filter(|c| !c.is_whitespace() && !is_dash(*c)).collect();
        let (kept, seven) = slash_as_seven(&kept);
        let d: String = kept.chars().map(as_digit).collect();
        if d.is_empty() {
            return Err(Invalid::Empty);
        }
        if !d.chars().all(|c| c.is_ascii_digit()) {
            return Err(Invalid::NotDigits);
        }
        if !valid(&d) {
            return Err(Invalid::PatternMismatch);
        }
        Ok(Read { note: both(seven, repairs(&kept, &d)), value: d })
    };
    // Single words only: a number split in two by OCR has often lost a digit at the split.
    one_run(raw, 1, read, |_| false)
}

/// The letters OCR reads for a printed `A` when it misses it.
const A_LOOKALIKES: [char; 3] = ['4', '8', '2'];

/// `A` + 9 digits from any print style (`A212345678`, `A 212 345 678`, `A-212-345-678`, `212 345 678`,
/// 7 to 9 digits, zero-padded). An `A` read as 4, 8 or 2 is taken for the `A` only when the digits
/// cannot be read otherwise; when both readings are valid (`451082662`: A451082662 or A051082662) the
/// number is refused.
pub fn a_number(raw: &str) -> Result<Read<String>, Invalid> {
    one_run(raw, 4, a_number_exact, |_| false)
}

fn a_number_exact(raw: &str) -> Result<Read<String>, Invalid> {
    let s = trim_edges(raw);
    let groups: Vec<&str> = s.split(|c: char| is_dash(c) || c.is_whitespace()).filter(|g| !g.is_empty()).collect();
    let Some(first) = groups.first() else { return Err(Invalid::Empty) };
    let explicit_a = first.starts_with(['A', 'a']);
    let mut groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
    if explicit_a {
        groups[0].remove(0);
        if groups[0].is_empty() {
            groups.remove(0);
        }
    }
    if groups.is_empty() {
        return Err(Invalid::ANumberLength);
    }
    let (groups, sevens): (Vec<String>, Vec<Option<String>>) = groups.iter().map(|g| slash_as_seven(g)).unzip();
    let seven = sevens.into_iter().flatten().next();
    let fixed: Vec<String> = groups.iter().map(|g| g.chars().map(as_digit).collect()).collect();
    if !fixed.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) {
        return Err(Invalid::ANumberNotDigits);
    }
    let note = both(seven, repairs(&groups.concat(), &fixed.concat()));
    // Digit groups are threes after the first (A 212 345 678, A-12-345-678); other groupings are phone
    // numbers or dates (448-6903, 04 10 1977).
    let shaped = |gs: &[String]| gs.iter().skip(1).all(|g| g.len() == 3);
    let valid = |gs: &[String]| {
        let n: usize = gs.iter().map(String::len).sum();
        (7..=9).contains(&n) && shaped(gs)
    };
    let mut readings: Vec<Read<String>> = Vec::new();
    if valid(&fixed) {
        readings.push(Read { value: format!("A{:0>9}", fixed.concat()), note: note.clone() });
    }
    if !explicit_a {
        // Printed grouped, the A stands alone (`A-212-345-678`): a look-alike glued to a group is a digit.
        // When the digits read as printed are a valid number too, only a 4 (the A's own look-alike) makes
        // them doubtful, and only before eight digits (`A12345678`, the old numbers' print); 8 and 2 are
        // taken for the A only when the number cannot be read otherwise.
        let alone = fixed.len() == 1 || fixed[0].len() == 1;
        let literal_ok = !readings.is_empty();
        let doubtful = |c: &char| {
            let rest: usize = fixed.iter().map(String::len).sum::<usize>() - 1;
            A_LOOKALIKES.contains(c) && (!literal_ok || (*c == '4' && rest == 8))
        };
        if let Some(c) = fixed[0].chars().next().filter(|c| alone && doubtful(c)) {
            let mut rest = fixed.clone();
            rest[0].remove(0);
            if rest[0].is_empty() {
                rest.remove(0);
            }
            if !rest.is_empty() && valid(&rest) {
                let v = format!("A{:0>9}", rest.concat());
                readings.push(Read { value: v, note: Some(format!("read {c} as A")) }.also(note.clone()));
            }
        }
    }
    match readings.len() {
        1 => Ok(readings.remove(0)),
        0 if fixed.concat().len() > 9 || fixed.concat().len() < 7 => Err(Invalid::ANumberLength),
        0 => Err(Invalid::ANumberGrouping),
        _ => Err(Invalid::Ambiguous),
    }
}

/// Event numbers: an office code (three letters), a two-digit year and month, and a sequence
/// (`BOS2503000123`). Letters and digits are told apart by position; a code one look-alike away from
/// exactly one known code (`codes`) is read as that code. The docs leave the exact shape unconfirmed, so
/// an unknown code or month is kept as printed (`valid`, the field's pattern, decides).
pub fn event_number(raw: &str, codes: &[String], valid: &dyn Fn(&str) -> bool) -> Result<Read<String>, Invalid> {
    let read = |s: &str| {
        // Only the office code is letters: a word after the first without a digit is a neighbour's ("ss"
        // read after the value would pass for "55"), left for `one_run` to drop.
        if s.split_whitespace().skip(1).any(|w| !w.chars().any(|c| c.is_ascii_digit())) {
            return Err(Invalid::PatternMismatch);
        }
        // A dollar sign is an S read with its stroke through it.
        let (sevens, seven) = slash_as_seven(trim_edges(s));
        let s: String = sevens
            .chars()
            .map(|c| if c == '$' { 'S' } else { c })
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_uppercase();
        if s.chars().count() < 6 {
            return Err(Invalid::EventNumberShort);
        }
        event_of(&s, codes, valid).map(|r| Read { note: both(seven.clone(), r.note), ..r }).or_else(|e| {
            let once = letter_read_twice(&s, codes).ok_or(e)?;
            let r = event_of(&once, codes, valid)?;
            let start = |s: &str, n: usize| s.chars().take(n).collect::<String>();
            let twice = format!("read {} as {} (a letter read twice)", start(&s, 4), start(&once, 3));
            Ok(Read { note: both(Some(twice), both(seven, r.note)), ..r })
        })
    };
    one_run(raw, 2, read, |_| false)
}

/// An event number's letters and digits (`s`, upper case, nothing else) read by position (see
/// [`event_number`]).
fn event_of(s: &str, codes: &[String], valid: &dyn Fn(&str) -> bool) -> Result<Read<String>, Invalid> {
    let (head, tail) = s.split_at(s.char_indices().nth(3).map_or(s.len(), |(i, _)| i));
    let mut code: String = head.chars().map(as_letter).collect();
    let digits: String = tail.chars().map(as_digit).collect();
    let mut note = repairs(s, &format!("{code}{digits}"));
    if !codes.contains(&code) {
        let near: Vec<&String> = codes.iter().filter(|k| lookalike_distance(&code, k) == Some(1)).collect();
        if let [k] = near.as_slice() {
            note = Some(format!("code {code}→{k}")).or(note);
            code = k.to_string();
        }
    }
    // The year-month after the code: a month, in a year not to come.
    let yymm = |i: usize| digits.get(i..i + 2).and_then(|d| d.parse::<i32>().ok());
    let (this_year, ..) = today();
    match (yymm(0), yymm(2)) {
        (Some(y), Some(m)) if y <= this_year % 100 && (1..=12).contains(&m) => {}
        _ => return Err(Invalid::PatternMismatch),
    }
    let v = format!("{code}{digits}");
    if !valid(&v) {
        return Err(Invalid::PatternMismatch);
    }
    Ok(Read { value: v, note })
}

/// An office code read with one of its letters twice: the second reader reads a wide `O` as `0O` and an
/// `S` as `S5` in some typefaces (`B0OS1806001007`, `B0S52311001199`: on the blind dev corpora most of
/// its unread event numbers). `s` (letters and digits, upper case) with the repeat dropped: two
/// look-alikes side by side among its first four characters, when its first three then read as a known
/// code. Tried only on an event number that does not read as it is.
fn letter_read_twice(s: &str, codes: &[String]) -> Option<String> {
    let c: Vec<char> = s.chars().collect();
    let known = |c: &[char]| c.len() >= 3 && codes.iter().any(|k| k.chars().eq(c[..3].iter().map(|&x| as_letter(x))));
    (0..3.min(c.len().saturating_sub(1))).find_map(|i| {
        let mut once = c.clone();
        once.remove(i + 1);
        (as_letter(c[i]) == as_letter(c[i + 1]) && c[i].is_ascii_alphanumeric() && known(&once))
            .then(|| once.into_iter().collect())
    })
}

/// An event number that did not read, read again knowing what its first seven characters should be:
/// `start`, the issuing office's event code and the issue date's two-digit year and month (`BOS2504`),
/// which 97% of event numbers carry (the blind corpora's truth: the rest a month or two before). The raw's
/// last six characters, as digits (look-alikes read so), are the sequence; what is before them must be
/// `start` but for one character added, lost or misread beyond a look-alike (`BOS?2904003675`,
/// `PHIT8O 1001268`, `3052207001338`). Tried over runs of up to three words; a value only when the runs
/// that come closest agree. The note says which characters the office and the issue date gave.
pub fn event_number_of_month(raw: &str, start: &str) -> Option<Read<String>> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let mut best: Option<(usize, String, String)> = None;
    let mut tied = false;
    for i in 0..words.len() {
        for j in i + 1..=words.len().min(i + 3) {
            let s: String = words[i..j].concat().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            let s = s.to_uppercase();
            let n = s.chars().count();
            if !(12..=15).contains(&n) {
                continue;
            }
            let head: String = s.chars().take(n - 6).collect();
            let sequence: String = s.chars().skip(n - 6).map(as_digit).collect();
            if !sequence.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let cost = edits_by_position(&head, start);
            if cost > 1 {
                continue;
            }
            let value = format!("{start}{sequence}");
            match &best {
                Some((c, v, _)) if *c < cost || (*c == cost && *v == value) => {}
                Some((c, _, _)) if *c == cost => tied = true,
                _ => {
                    best = Some((cost, value, head));
                    tied = false;
                }
            }
        }
    }
    let (_, value, head) = best.filter(|_| !tied)?;
    let note = (head != start)
        .then(|| format!("read {head} as {start}, the issuing office's code and the issue date's year and month"));
    Some(Read { value, note })
}

/// Edits (a character added, lost or replaced) from `read` to `want`, a replacement by a look-alike free:
/// a digit position takes `as_digit`, a letter position `as_letter`.
fn edits_by_position(read: &str, want: &str) -> usize {
    let same = |x: char, y: char| if y.is_ascii_digit() { as_digit(x) == y } else { as_letter(x) == y };
    weighted_edits(read, want, 1, |x, y| usize::from(!same(x, y)))
}

/// Levenshtein distance from `a` to `b` at `indel` a character added or lost and `sub(x, y)` one replaced.
fn weighted_edits(a: &str, b: &str, indel: usize, sub: impl Fn(char, char) -> usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| indel * j).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        cur[0] = indel * (i + 1);
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + sub(x, y)).min(prev[j + 1] + indel).min(cur[j] + indel);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Substitutions between same-length codes, counting only letters OCR confuses; None when any other
/// letter differs.
fn lookalike_distance(a: &str, b: &str) -> Option<usize> {
    const GROUPS: [&str; 6] = ["ODQCU", "IL1TJ", "S5", "B8E", "G6C", "MN"];
    if a.len() != b.len() {
        return None;
    }
    let mut n = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            if !GROUPS.iter().any(|g| g.contains(x) && g.contains(y)) {
                return None;
            }
            n += 1;
        }
    }
    Some(n)
}

/// The dates a date field can hold: from `min` to `max`, as (year, month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub min: (i32, u32, u32),
    pub max: (i32, u32, u32),
    /// The year and month another field of the document gives the date (an issue date's, from its event
    /// number): a date read outside the range whose year is one digit off it, in that month, is read as it.
    pub month_of: Option<(i32, u32)>,
}

impl DateRange {
    fn holds(&self, d: (i32, u32, u32)) -> bool {
        self.min <= d && d <= self.max
    }
}

/// A date no reading of which is in `range`, whose 4-digit year `y` is one digit off the year of
/// `range.month_of` and whose month is its month: that year, when exactly one day read fits (`05/03/2028`
/// with an event number of May 2023 is 2023-05-03: the 3 read as 8). None when the date reads in range
/// as it is, or nothing corroborates another year.
fn year_from_month_of(
    y: &str,
    months: &[u32],
    days: &[u32],
    range: DateRange,
) -> Option<Result<Read<String>, Invalid>> {
    let (year, month) = range.month_of?;
    let read: i32 = y.parse().ok().filter(|_| y.len() == 4)?;
    let in_range =
        |yr: i32| months.iter().any(|&m| days.iter().any(|&d| real_date(yr, m, d) && range.holds((yr, m, d))));
    let differ = format!("{read:04}").chars().zip(format!("{year:04}").chars()).filter(|(a, b)| a != b).count();
    if in_range(read) || differ != 1 || !months.contains(&month) {
        return None;
    }
    match days.iter().filter(|&&d| real_date(year, month, d) && range.holds((year, month, d))).collect::<Vec<_>>()[..] {
        [&d] => Some(Ok(Read::fixed(
            format!("{year:04}-{month:02}-{d:02}"),
            format!("read the year {read} as {year}, the event number's"),
        ))),
        _ => None,
    }
}

/// A real calendar date in `range` from the form's MM/DD/YYYY (also MM-DD-YYYY, M/D/YY, ISO), as
/// `YYYY-MM-DD`. A month or day whose leading digit cannot be a date's (`98/05/1993`) is tried with the
/// leading digits it can have (month 0-1, day 0-3, century 19-20); chosen only when exactly one is a
/// date in range (`98/05/1993` → 08/05; `41/23/1993` → 01/23 or 11/23: refused).
pub fn date(raw: &str, range: DateRange) -> Result<Read<String>, Invalid> {
    // One or two digits next to a date may be a piece of its month or year ("1 1/10/2024": 11/10 or 1/10).
    let piece = |w: &str| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    one_run(raw, 3, |s| date_exact(s, range), piece)
}

/// `raw` with look-alike letters read as the digits they stand for and every other non-digit a space: a
/// date's groups of digits, split by whitespace.
fn digit_groups(raw: &str) -> String {
    raw.chars().map(as_digit).map(|c| if c.is_ascii_digit() { c } else { ' ' }).collect()
}

fn date_exact(raw: &str, range: DateRange) -> Result<Read<String>, Invalid> {
    let raw = trim_edges(raw);
    let cleaned = digit_groups(raw);
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    // Most of a date's digits must be printed digits: words of letters read as digits are not a date.
    let printed = raw.chars().filter(char::is_ascii_digit).count();
    if printed * 2 <= parts.iter().map(|p| p.len()).sum::<usize>() {
        return Err(Invalid::DateUnreadable);
    }
    let (y, m, d): (&str, &str, &str) = match parts.as_slice() {
        [a, b, c] if a.len() == 4 => (a, b, c),
        [a, b, c] if c.len() == 4 || c.len() == 2 => (c, a, b),
        [one] if one.len() == 8 => (&one[4..], &one[..2], &one[2..4]),
        _ => return Err(Invalid::DateUnreadable),
    };
    if m.len() > 2 || d.len() > 2 {
        return Err(Invalid::DateUnreadable);
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let years: Vec<i32> = if y.len() == 2 {
        vec![1900 + num(y) as i32, 2000 + num(y) as i32]
    } else if y.starts_with("19") || y.starts_with("20") {
        vec![num(y) as i32]
    } else {
        vec![1900 + num(&y[2..]) as i32, 2000 + num(&y[2..]) as i32]
    };
    // The digits a month or day can start with, when the one read cannot.
    let leading = |s: &str, starts: &[u32], max: u32| -> Vec<u32> {
        let v = num(s);
        if (1..=max).contains(&v) || s.len() < 2 {
            return vec![v];
        }
        starts.iter().map(|l| l * 10 + v % 10).filter(|v| (1..=max).contains(v)).collect()
    };
    let months = leading(m, &[0, 1], 12);
    let days = leading(d, &[0, 1, 2, 3], 31);
    if let Some(read) = year_from_month_of(y, &months, &days, range) {
        return read;
    }
    let mut found: Vec<(i32, u32, u32)> = Vec::new();
    for &y in &years {
        for &m in &months {
            for &d in &days {
                if real_date(y, m, d) && range.holds((y, m, d)) && !found.contains(&(y, m, d)) {
                    found.push((y, m, d));
                }
            }
        }
    }
    // A two-digit year is the century that puts the date in range; both in range: the nearer to `max`.
    if y.len() == 2 && found.len() == 2 && found[0].0 != found[1].0 {
        found.remove(0);
    }
    match found.as_slice() {
        [(fy, fm, fd)] => {
            let value = format!("{fy:04}-{fm:02}-{fd:02}");
            let as_read = (num(m), num(d));
            let mut note = repairs(raw, &raw.chars().map(as_digit).collect::<String>());
            if as_read != (*fm, *fd) || (y.len() == 4 && num(y) as i32 != *fy) {
                note = both(note, Some(format!("read {m}/{d}/{y} as {fm:02}/{fd:02}/{fy}")));
            }
            Ok(Read { value, note })
        }
        [] => {
            let literal = years.first().map(|&y| (y, num(m), num(d)));
            match literal {
                Some((y, m, d)) if real_date(y, m, d) => Err(Invalid::DateOutOfRange),
                _ => Err(Invalid::ImpossibleDate),
            }
        }
        _ => Err(Invalid::Ambiguous),
    }
}

/// M, F or X: the one letter typed, or the word (Male, Female). What OCR reads after it (a neighbour's
/// text, specks) is dropped; a word that holds two of the letters (`XM`) is refused.
pub fn sex(raw: &str) -> Result<Read<String>, Invalid> {
    // An F whose lower stroke a speck or the scan closed reads as a capital E or a pound sign: neither is a
    // value, and nothing else typed there looks like them (a lower-case `e` is another glyph).
    let lone = raw.split_whitespace().next().map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()));
    if let Some(f @ ("E" | "£")) = lone {
        return Ok(Read::fixed("F".into(), format!("read {f} as F")));
    }
    let words: Vec<String> = raw.split_whitespace().map(squash).filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else { return Err(Invalid::SexUnreadable) };
    let whole = words.len() == 1;
    for (word, letter) in [("MALE", "M"), ("FEMALE", "F")] {
        if *first == word {
            return Ok(if whole {
                Read::exact(letter.into())
            } else {
                Read::fixed(letter.into(), format!("read {first}"))
            });
        }
        // One letter off the word: "FEMAIE", "MAIE" (but "MALE"/"FEMALE" are one apart from neither).
        if first.len() >= 4 && edit_distance(first, word) == 1 && edit_distance(first, other(word)) > 1 {
            return Ok(Read::fixed(letter.into(), format!("read {first} as {word}")));
        }
    }
    // A cell's left rule read as a letter before the value ("IF", "lM"): the rule is no letter of it.
    let (first, rule) = match first.as_bytes() {
        [b'I' | b'L' | b'1' | b'J', b'M' | b'F' | b'X'] => (&first[1..], true),
        _ => (first.as_str(), false),
    };
    // One letter read twice ("MM.", "[mM", a bold glyph's two strokes) is that letter.
    let mut letters: Vec<char> = first.chars().filter(|c| matches!(c, 'M' | 'F' | 'X')).collect();
    letters.dedup();
    match (first.chars().next(), letters.as_slice()) {
        (Some(c @ ('M' | 'F' | 'X')), [_]) => {
            let v = c.to_string();
            Ok(if whole && first.len() == 1 && !rule {
                Read::exact(v)
            } else {
                Read::fixed(v, format!("read {} as {c}", raw.trim()))
            })
        }
        (Some('M' | 'F' | 'X'), _) => Err(Invalid::Ambiguous),
        _ => Err(Invalid::SexUnreadable),
    }
}

fn other(word: &str) -> &'static str {
    if word == "MALE" {
        "FEMALE"
    } else {
        "MALE"
    }
}

/// A country of the gazetteer (`countries`: variant, canonical name): the nearest by edit distance, when
/// within about one error in three letters and at least one edit nearer than any other country (ties are
/// refused: `IRAX` is Iran or Iraq). A neighbour's text glued to it is dropped when one run of words is a
/// country.
pub fn country(raw: &str, countries: &[(String, String)]) -> Result<Read<String>, Invalid> {
    if squash(raw).is_empty() {
        return Err(Invalid::Empty);
    }
    // Part of the text only when it is a country exactly: a fragment of a longer name is near other
    // countries ("DOMINI" of DOMINICAN REPUBLIC is near DOMINICA).
    let whole = raw.trim();
    let read = |s: &str| {
        country_exact(s, countries).and_then(|r| {
            if s.trim() == whole || r.note.is_none() {
                Ok(r)
            } else {
                Err(Invalid::CountryUnknown)
            }
        })
    };
    one_run(raw, 3, read, |_| false)
}

fn country_exact(raw: &str, countries: &[(String, String)]) -> Result<Read<String>, Invalid> {
    let want = squash(raw);
    if want.len() < 3 {
        return Err(Invalid::CountryUnknown);
    }
    // The best distance (in half edits) to each canonical country over its variants.
    let mut best: Vec<(usize, &str)> = Vec::new();
    for (variant, canonical) in countries {
        let d = lookalike_edits(&want, &squash(variant));
        match best.iter_mut().find(|(_, c)| *c == canonical) {
            Some(b) => b.0 = b.0.min(d),
            None => best.push((d, canonical)),
        }
    }
    best.sort();
    let Some(&(d, name)) = best.first() else { return Err(Invalid::CountryUnknown) };
    // About one error in three letters; none under four letters.
    let allowed = match want.len() {
        0..=3 => 0,
        4..=5 => 2,
        n => 2 * n / 3,
    };
    if d > allowed {
        return Err(Invalid::CountryUnknown);
    }
    // The nearest must be nearer than any other country by a whole edit.
    if best.get(1).is_some_and(|&(d2, _)| d2 < d + 2) {
        return Err(Invalid::Ambiguous);
    }
    Ok(if d == 0 {
        Read::exact(name.to_string())
    } else {
        Read::fixed(name.to_string(), format!("read {want} as {name} ({} edits)", d.div_ceil(2)))
    })
}

/// Levenshtein distance in half edits: a letter read as its look-alike (O/C/D, I/T/L, B/E) costs half.
fn lookalike_edits(a: &str, b: &str) -> usize {
    let sub = |x: char, y: char| {
        if x == y {
            0
        } else if lookalike_distance(&x.to_string(), &y.to_string()).is_some() {
            1
        } else {
            2
        }
    };
    weighted_edits(a, b, 2, sub)
}

/// Words a receiving office's stamp prints over a form ("FAXED", "RECEIVED" and its date): never a part of
/// a name, so one read after the given names is the stamp's, however long.
const STAMP_WORDS: &[&str] = &["RECEIVED", "FAXED", "FILED", "SCANNED", "ENTERED", "COPY", "DUPLICATE", "URGENT"];

/// `FAMILY, GIVEN` given names without what OCR glued after them: from the first word that cannot be
/// part of the name (a lone letter without its period, a word holding digits or marks, a word in another
/// case than the name's own, a stamp's word) on, provided a given name of two letters or more stays before
/// it and all that is dropped is short fragments (at most four letters a word) or a stamp's words.
pub fn given_names_end(raw_given: &str, name_is_upper: bool) -> (usize, Option<String>) {
    let words: Vec<&str> = raw_given.split_whitespace().collect();
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let stamp =
        |w: &str| STAMP_WORDS.iter().any(|s| w.trim_matches(|c: char| !c.is_alphabetic()).eq_ignore_ascii_case(s));
    let cut = words.iter().skip(1).position(|w| {
        let core = w.trim_end_matches([',', '.']);
        let lone = letters(core) == 1 && !w.ends_with('.') && core.chars().count() == 1;
        let junk = core.chars().any(|c| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')));
        let wrong_case = if name_is_upper {
            core.chars().any(|c| c.is_lowercase())
        } else {
            // Title case names: a word starting lowercase, or with a capital inside ("oO").
            let mut cs = core.chars().filter(|c| c.is_alphabetic());
            cs.next().is_some_and(|h| h.is_lowercase()) || cs.any(|c| c.is_uppercase())
        };
        lone || junk || wrong_case || stamp(core)
    });
    let Some(cut) = cut.map(|p| p + 1) else { return (words.len(), None) };
    let kept_ok = words[..cut].iter().any(|w| letters(w) >= 2);
    let dropped_short = words[cut..].iter().all(|w| letters(w) <= 4 || stamp(w));
    if kept_ok && dropped_short {
        (cut, Some(format!("dropped \"{}\" after the given names", words[cut..].join(" "))))
    } else {
        (words.len(), None)
    }
}

/// Whether year `y`, month `m`, day `d` is a day of the calendar.
fn real_date(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= super::normalize::days_in_month(y, m)
}

/// The one real date a single printed digit away from the date `raw` reads as (`MM/DD/YYYY`, look-alike
/// letters read as the digits they stand for) for which `fits` holds, as `YYYY-MM-DD` with the digit
/// noted; None when `raw` is not a whole `MM/DD/YYYY`, when its own reading fits, or when no date or more
/// than one does. For a date other facts of the document place (see
/// `document::fields::issue_date_one_digit_off`): one misread digit still makes a date, another one.
pub(crate) fn date_one_digit_off(raw: &str, fits: impl Fn((i32, u32, u32)) -> bool) -> Option<Read<String>> {
    let cleaned = digit_groups(trim_edges(raw));
    let [m, d, y] = cleaned.split_whitespace().collect::<Vec<_>>()[..] else { return None };
    if (m.len(), d.len(), y.len()) != (2, 2, 4) {
        return None;
    }
    let digits: Vec<u8> = format!("{m}{d}{y}").into_bytes();
    let date = |v: &[u8]| -> Option<(i32, u32, u32)> {
        let num = |r: std::ops::Range<usize>| std::str::from_utf8(&v[r]).ok()?.parse::<u32>().ok();
        let (m, d, y) = (num(0..2)?, num(2..4)?, num(4..8)? as i32);
        real_date(y, m, d).then_some((y, m, d))
    };
    if date(&digits).is_some_and(&fits) {
        return None;
    }
    let mut found = Vec::new();
    for i in 0..digits.len() {
        for c in (b'0'..=b'9').filter(|&c| c != digits[i]) {
            let mut v = digits.clone();
            v[i] = c;
            if let Some(one) = date(&v).filter(|&one| fits(one)) {
                found.push(one);
            }
        }
    }
    let [(fy, fm, fd)] = found[..] else { return None };
    Some(Read::fixed(
        format!("{fy:04}-{fm:02}-{fd:02}"),
        format!("read {m}/{d}/{y} as {fm:02}/{fd:02}/{fy}: one digit off"),
    ))
}

/// Days from a request's issue date to the fax's arrival within which the arrival vouches for the date
/// (calibration's `received_soon_after`, an issue date read faintly): requests are faxed within days.
const RECEIVED_WITHIN_DAYS: std::ops::RangeInclusive<i64> = 0..=14;

/// Whether a fax received on `received` (ISO, a time after it ignored) arrived soon after `issued` (ISO).
pub(crate) fn received_soon_after(issued: &str, received: &str) -> bool {
    ymd(issued).zip(day_number(received)).is_some_and(|(i, r)| arrived_soon_after(i, r))
}

/// Whether a fax received on day `received` (see [`day_number`]) arrived soon after the date `issued`.
pub(crate) fn arrived_soon_after(issued: (i32, u32, u32), received: i64) -> bool {
    RECEIVED_WITHIN_DAYS.contains(&(received - day_of(issued)))
}

/// Whether an event number's year and month (`OOOYYMM...`) are the issue date's (ISO).
pub(crate) fn month_agrees(event: &str, issued: &str) -> bool {
    event_month(event).is_some_and(|m| ymd(issued).map(|(y, mo, _)| (y, mo)) == Some(m))
}

/// An ISO date (`YYYY-MM-DD`, a time after it ignored) as (year, month, day).
pub(crate) fn ymd(d: &str) -> Option<(i32, u32, u32)> {
    Some((d.get(0..4)?.parse().ok()?, d.get(5..7)?.parse().ok()?, d.get(8..10)?.parse().ok()?))
}

/// The year and month an event number carries (`OOOYYMM...`: office code, two-digit year from 2000, month).
pub(crate) fn event_month(event: &str) -> Option<(i32, u32)> {
    Some((2000 + event.get(3..5)?.parse::<i32>().ok()?, event.get(5..7)?.parse().ok()?))
}

/// Today's date (UTC), as (year, month, day).
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, a time after it ignored), for distances between
/// dates (see [`day_of`]).
pub(crate) fn day_number(d: &str) -> Option<i64> {
    ymd(d).map(day_of)
}

/// Days since 1970-01-01 of a date: the inverse of [`civil_from_days`] (Howard Hinnant's days-from-civil).
pub(crate) fn day_of((y, m, dd): (i32, u32, u32)) -> i64 {
    let (y, m, dd) = (i64::from(y), i64::from(m), i64::from(dd));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

#[cfg(test)]
#[path = "readings_tests.rs"]
mod tests;
