//! Step 6 of the zonal plan: a second, independent read of the doubtful fields of a request page. A
//! field whose text is not a valid value of it, or was read with low confidence, is read again in its
//! own box (with a margin) by the engine's second reader: another model, another scale, one line. What
//! the two reads say together is kept per field for the document stage: agreement is evidence, a
//! disagreement a reason to look, and a valid second read of an invalid first one is taken as a
//! correction. Fields read confidently and validly are not read again: the second read must stay cheap.

use crate::forms::extract::{Extraction, RawField};
use crate::forms::labels::edit_distance;
use crate::forms::models::{FieldModel, FormModel, Models, Normalizer};
use crate::forms::normalize::same_letters;
use crate::forms::value::{normalize_value, Value, ANY_DATE, MIN_CONFIDENCE, REVIEW_CONFIDENCE};
#[cfg(test)]
use crate::ocr::Ocr;
use crate::ocr::{Word, ZoneReader};
use crate::page::geometry::Rect;
use std::collections::BTreeMap;

/// What a field's second read says of its first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Both reads give the same value: evidence for it (it needs no review for its confidence).
    Agree,
    /// Both give valid values, and not the same one: a person must look.
    Disagree,
    /// The first read is not a usable value and the second is: the second is taken, marked corrected.
    SecondOnly,
    /// The first read gives a valid value too faint to keep, and the second another: the second is taken,
    /// as for `SecondOnly`, and the field named, as two reads disagree (a faint `1964` read `1984` again).
    SecondOverFaint,
    /// The second read gives no valid value: the first stands as it is.
    Unsure,
}

impl Outcome {
    /// Whether the second read's value is taken: the first gave none to keep.
    pub(crate) fn takes_second(self) -> bool {
        matches!(self, Outcome::SecondOnly | Outcome::SecondOverFaint)
    }
}

/// A field's second read: its text (method `second_read`) and what it says of the first.
#[derive(Debug, Clone)]
pub(crate) struct SecondRead {
    pub raw: RawField,
    pub outcome: Outcome,
    /// A check read of a confident value by the legacy engine (see [`check_reads`]): evidence for the
    /// value's calibrated confidence only; it never replaces the value nor names the field by itself.
    pub check: bool,
    /// When the two reads give two valid values (`Disagree`), which of them a third read gives: the legacy
    /// engine's (see [`third_read`]), or for a name the accents reader's (see [`name_third`]); None when it
    /// gives neither, or the field is not read so.
    pub third: Option<Third>,
    /// A second read that gave the first's value, check read as well: what the check read says of it.
    pub checked: Option<Outcome>,
}

/// Which of two disagreeing reads a third, independent read gives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Third {
    First,
    Second,
    /// The third read gives a third value, and the second's or the third's value is the one nearest the
    /// other two (the fewest characters apart from them in all; see [`nearest`]): that read.
    Nearest(RawField),
}

/// The fields of a request page read a second time, by field name.
pub(crate) type SecondReads = BTreeMap<String, SecondRead>;

/// Whether `field` is read again when doubtful: a one-line value. The FROM box's office spans several
/// lines of an address and is matched against the gazetteer already, which tolerates misreads.
fn rereadable(field: &FieldModel) -> bool {
    field.normalize != Normalizer::Office
}

/// Whether a first read is doubtful: not a valid value of its field, or read with low confidence.
fn doubtful(models: &Models, field: &FieldModel, raw: &RawField) -> bool {
    raw.confidence < reread_below(field) || normalize_value(models, field, &raw.raw, ANY_DATE).is_err()
}

/// Below this OCR confidence an identifier or a date is read again. One digit read for another still
/// makes a valid value, so validation cannot catch it: on the blind dev corpus (seed 13), 9 wrong
/// identifiers and dates were read at 0.70-0.90 and, above the old threshold of 0.70, never read again;
/// of the 261 read at 0.90 or more, 1 was wrong. A second read of a field's box costs milliseconds.
const REREAD_DIGITS_BELOW: f32 = 0.90;

/// Below this OCR confidence a date no check read weighs (the date of birth: see the form models) is read
/// again. Nothing else reads such a date a second time above [`REREAD_DIGITS_BELOW`]: on the blind dev
/// corpora (seeds 7, 13, 21, 41: 700 documents) 33 dates of birth read at 0.90-0.93 with no second read,
/// one wrong (`04/23/1960` for `04/13/1960`, at 0.91) and named by nothing; read again up to 0.93, the
/// second reader reads another date there and names it, and no other record changes. The issue date is
/// check read, and read again from 0.90 it named a right one on faxgen's corpus.
const REREAD_UNCHECKED_DATE_BELOW: f32 = 0.93;

/// Below this OCR confidence a name is read again. A name misread by a letter (`WELMER`, `SONTA`, `NONTEIRO`)
/// still reads as a name, often at 0.75-0.95; read again from 0.70 down only, it was kept as read. On the
/// blind dev corpora (seeds 13, 21, 41: 600 documents) reading names again up to 0.95, with the accents
/// reader deciding the disagreements (see [`name_third`]), made 14 names right and 1 wrong, and named one
/// wrong name no reason had named.
const REREAD_NAME_BELOW: f32 = 0.95;

/// Whether a first read that a second one agreed with (so a valid value) was read again only because a
/// misread letter still makes a valid value of it: a name read at 0.70-0.95 (see [`REREAD_NAME_BELOW`]).
/// The second reader agreeing is then no evidence (the two LSTM models share their misreads: both read
/// `HARPRFET`, `JEAN-PIFRRF` on the held-out corpus); only a disagreement is, which names the field and
/// which the third read decides.
fn only_to_catch_misreads(field: &FieldModel, agreed: &RawField) -> bool {
    field.normalize == Normalizer::Name && agreed.confidence >= REVIEW_CONFIDENCE
}

/// Whether a name read again only to catch a misread letter ([`only_to_catch_misreads`]) is spelt alike
/// by the accents reader's read of its line, made already, marks and all, and every part of it is one a
/// list of names holds: the second reader is then not asked, as only a disagreement of its would say
/// anything. A mark the accents reader reads that the first read lacks is a difference (`CONCEIÇÃO` read
/// unsurely where the English read gave `CONCEICAO`, the mark printed: the second read's disagreement
/// named it; taken as alike, the held-out corpus had a wrong name named by nothing). A part
/// no list holds is still read again: the accents reader shares misreads with the English one (both read
/// `DIEJFORT` for `DIEUFORT`, which the second reader read right and so named), and such a part is most
/// often misread. On the blind dev corpora (seeds 7, 13, 21, 41, 73, 97, 101, 102) and faxgen's, without
/// the list test, no value changed and fewer right names went to review, but `DIEJFORT` went unnamed.
fn accents_spell(models: &Models, field: &FieldModel, first: &RawField, accents: Option<&[Word]>) -> bool {
    let Some(words) = accents.filter(|_| only_to_catch_misreads(field, first)) else { return false };
    match (value_of(models, field, first), accents_value(models, field, first, words)) {
        (Some(Value::Name { name: a, .. }), Some(Value::Name { name: b, .. })) => {
            a == b && models.calibration.name_parts.unknown(&a) == 0
        }
        _ => false,
    }
}

/// The confidence below which `field`'s first read is read again.
fn reread_below(field: &FieldModel) -> f32 {
    match field.normalize {
        Normalizer::Date if !field.check_read => REREAD_UNCHECKED_DATE_BELOW,
        Normalizer::Digits | Normalizer::Event | Normalizer::ANumber | Normalizer::Date => REREAD_DIGITS_BELOW,
        Normalizer::Name => REREAD_NAME_BELOW,
        _ => REVIEW_CONFIDENCE,
    }
}

/// A value's box with the margin it is read again with: a third of a line above and below (the first
/// read's box is its glyphs', tight), and three fifths of a line each side, about a character, where a first read
/// that dropped a digit at either end would have it.
fn with_margin(b: Rect) -> Rect {
    let (mx, my) = ((b.h * 3 / 5).max(4), (b.h / 3).max(3));
    Rect::new(b.x - mx, b.y - my, b.w + 2 * mx, b.h + 2 * my)
}

/// Words a field reader reads under this confidence (0-100) are debris: a rule's remnant, a speck read
/// as `N` or `oo` at 0-10 beside a value read at 70-97.
const DEBRIS_CONF: f32 = 10.0;

/// The second read's words as a raw field. A label remnant the margin took in ("ID: 1234", ":M") ends
/// at a colon: what follows the last one is the value, as none of these fields holds a colon. A colon
/// with only debris after it ("GORDON, SHAVAR : |", a rule read as a bar, or a speck read as a letter at
/// no confidence: "LUZ MARIA ' | : N") ends the value instead, and so does a neighbour's label: the part
/// that reads as a value of `field` is taken first, from the last ("12/23/1965 Cuizenship: BRAZIL", a
/// date of birth whose first read took in the next label and value, is the date).
fn second_raw(models: &Models, field: &FieldModel, words: &[Word], first: &RawField) -> RawField {
    let valid = |t: &str| normalize_value(models, field, t, ANY_DATE).is_ok();
    raw_of(words, first, valid)
}

/// [`second_raw`], a part being a value when `valid`.
fn raw_of(words: &[Word], first: &RawField, valid: impl Fn(&str) -> bool) -> RawField {
    // Each character with whether it is a letter or digit of a word read above debris.
    let chars: Vec<(char, bool)> = words
        .iter()
        .enumerate()
        .flat_map(|(i, w)| {
            let space = (i > 0).then_some((' ', false));
            space.into_iter().chain(w.text.chars().map(move |c| (c, c.is_alphanumeric() && w.conf >= DEBRIS_CONF)))
        })
        .collect();
    let text = |p: &[(char, bool)]| p.iter().map(|&(c, _)| c).collect::<String>().trim().to_string();
    // A label's colon ends its word or starts the value's (":M"); one inside a word is a misread letter
    // (`Edw:n`), no label's end, unless only what follows it reads as the value (`x:M`, a label's end
    // read without its space).
    let edge = |i: usize| i == 0 || i + 1 == chars.len() || chars[i - 1].0 == ' ' || chars[i + 1].0 == ' ';
    let (parts, glued) = (parts_at_colons(&chars, edge), parts_at_colons(&chars, |_| true));
    let sure = |p: &[(char, bool)]| p.iter().any(|&(_, value)| value);
    let raw = parts
        .iter()
        .chain(&glued)
        .filter(|p| sure(p))
        .map(|p| text(p))
        .find(|t| valid(t))
        .or_else(|| parts.iter().find(|p| sure(p)).map(|p| text(p)))
        .or_else(|| parts.iter().find(|p| p.iter().any(|&(c, _)| c.is_alphanumeric())).map(|p| text(p)))
        .unwrap_or_else(|| text(&chars));
    let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b)).unwrap_or(first.bbox);
    let confidence = match words.len() {
        0 => 0.0,
        n => words.iter().map(|w| w.conf).sum::<f32>() / n as f32 / 100.0,
    };
    let choices = crate::forms::extract::word_choices(words);
    RawField { raw, bbox, confidence, method: "second_read".into(), alternates: Vec::new(), cell: None, choices }
}

/// `chars` cut at each colon or semicolon at `i` for which `at(i)`, the last part first.
fn parts_at_colons(chars: &[(char, bool)], at: impl Fn(usize) -> bool) -> Vec<&[(char, bool)]> {
    let ends: Vec<usize> = (0..chars.len()).filter(|&i| matches!(chars[i].0, ':' | ';') && at(i)).collect();
    let starts = std::iter::once(0).chain(ends.iter().map(|&i| i + 1));
    let mut parts: Vec<&[(char, bool)]> =
        starts.zip(ends.iter().copied().chain([chars.len()])).map(|(a, b)| &chars[a..b]).collect();
    parts.reverse();
    parts
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a == b,
        (Value::Name { name: a, .. }, Value::Name { name: b, .. }) => a == b,
        _ => false,
    }
}

/// What a second read says of a first: see [`Outcome`].
pub(crate) fn outcome(models: &Models, field: &FieldModel, first: &RawField, second: &RawField) -> Outcome {
    let Ok(second) = normalize_value(models, field, &second.raw, ANY_DATE).map(|r| r.value) else {
        return Outcome::Unsure;
    };
    match normalize_value(models, field, &first.raw, ANY_DATE).map(|r| r.value) {
        Ok(v) if same(&v, &second) => Outcome::Agree,
        Ok(_) if first.confidence >= MIN_CONFIDENCE => Outcome::Disagree,
        // A valid first value read with too little confidence to be kept is no value: a second read
        // replaces it as it replaces an invalid one, but the two readers still read two values.
        Ok(_) => Outcome::SecondOverFaint,
        _ => Outcome::SecondOnly,
    }
}

/// The reading of a field the document stage takes from its first read ([`RawField::taken`]): the second
/// read is weighed against that one, so when the two readers read a cell differently, a person looks.
fn taken<'a>(models: &Models, field: &FieldModel, first: &'a RawField) -> &'a RawField {
    first.taken(|r| normalize_value(models, field, &r.raw, ANY_DATE).is_ok())
}

/// Where a first read is read again: its box with a margin; in a ruled cell, when what the text gave does
/// not read as the value (a rule's debris beside the label or under it, part of a name), the whole cell
/// under the label.
fn region(models: &Models, field: &FieldModel, first: &RawField) -> Rect {
    let invalid = normalize_value(models, field, &first.raw, ANY_DATE).is_err();
    first.cell.filter(|_| invalid).unwrap_or_else(|| with_margin(first.bbox))
}

/// The characters a check read of `field` may give: its value's, and the separators it is printed with.
/// The legacy engine, told the charset, does not read a `0` as `O` nor a `1` as `l`; fields of other kinds
/// are not check read.
fn check_charset(field: &FieldModel) -> Option<&'static str> {
    match field.normalize {
        Normalizer::Digits => Some("0123456789"),
        Normalizer::Date => Some("0123456789/-."),
        Normalizer::ANumber => Some("A0123456789- "),
        Normalizer::Event => Some("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        _ => None,
    }
}

/// What a check read says of a confident first read: the same value (`Agree`), another valid one
/// (`Disagree`), or none (`Unsure`). A first read is never replaced by a check read.
fn check_outcome(models: &Models, field: &FieldModel, first: &RawField, check: &RawField) -> Outcome {
    match outcome(models, field, first, check) {
        o if o.takes_second() => Outcome::Disagree,
        o => o,
    }
}

/// Reads again the doubtful one-line fields of `ex` (see the module's note), and check reads the
/// confident identifiers and dates; empty without the models. `accents`: the name as the accents reader
/// read it, which decides between two names the readers disagree on.
pub(super) fn second_reads(
    r: &mut ZoneReader,
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
    accents: Option<&[Word]>,
) -> anyhow::Result<SecondReads> {
    let mut reads = SecondReads::new();
    for field in form.field.iter().filter(|f| rereadable(f)) {
        let Some(first) = ex.fields.get(&field.name).map(|f| taken(models, field, f)) else { continue };
        if !doubtful(models, field, first) || accents_spell(models, field, first, accents) {
            continue;
        }
        let Some(words) = r.read_again(region(models, field, first))? else { break };
        let raw = second_raw(models, field, &words, first);
        let outcome = outcome(models, field, first, &raw);
        if outcome == Outcome::Agree && only_to_catch_misreads(field, first) {
            continue;
        }
        let third = match outcome {
            Outcome::Disagree if field.normalize == Normalizer::Name => {
                accents.and_then(|w| name_third(models, field, first, &raw, w))
            }
            Outcome::Disagree => third_read(r, models, field, first, &raw)?,
            _ => None,
        };
        reads.insert(field.name.clone(), SecondRead { raw, outcome, check: false, third, checked: None });
    }
    check_reads(r, models, form, ex, &mut reads)?;
    Ok(reads)
}

/// Check reads: each identifier and date the first read gave validly, and that no second read
/// contradicted (it read confidently, the second read gave no valid value, or gave the same one), is read
/// once more in its box by the legacy engine, of its charset. One digit read for another
/// still makes a valid value, at 0.95 and more, and the second reader's LSTM misreads it alike; the legacy
/// engine reads character shapes another way. What it says is evidence for the value's calibrated
/// confidence: on the blind dev corpus (seed 13), read in crops of the values, it read 329 of 542 right
/// values alike and 1 of 30 wrong ones. Fields whose model says `check_read = false` are not: the event
/// number's and the date of birth's check reads told a wrong value from a right one no better than chance
/// (their fitted weights for a check read that differs were above zero), for a third of the check reads'
/// time (see the form models).
fn check_reads(
    r: &mut ZoneReader,
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
    reads: &mut SecondReads,
) -> anyhow::Result<()> {
    for field in form.field.iter().filter(|f| f.check_read) {
        let Some(charset) = check_charset(field) else { continue };
        // A second read that gave no valid value says nothing of the first: the check read may. One that
        // gave the same value is no independent reading (the two LSTM models share their misreads): the
        // check read is kept beside it (`SecondRead::checked`).
        if reads.get(&field.name).is_some_and(|s| !matches!(s.outcome, Outcome::Unsure | Outcome::Agree)) {
            continue;
        }
        let Some(first) = ex.fields.get(&field.name).map(|f| taken(models, field, f)) else { continue };
        if normalize_value(models, field, &first.raw, ANY_DATE).is_err() {
            continue;
        }
        let Some(words) = r.check_read(with_margin(first.bbox), charset)? else { break };
        let raw = RawField { method: "check_read".into(), ..second_raw(models, field, &words, first) };
        let outcome = check_outcome(models, field, first, &raw);
        match reads.get_mut(&field.name).filter(|s| s.outcome == Outcome::Agree) {
            Some(agreed) => agreed.checked = Some(outcome),
            None => {
                reads.insert(field.name.clone(), SecondRead { raw, outcome, check: true, third: None, checked: None });
            }
        }
    }
    Ok(())
}

/// A third read of an identifier or a date the two LSTM readers read as two different valid values: the
/// legacy engine's, of the field's characters, where the second read was made. Which of the two it gives
/// ([`Third`]); None when neither, or the field is not one the legacy engine reads. The two LSTM models
/// disagree where the print is poor, and each errs there as often as the other (on the blind dev corpora
/// the first read was wrong in 52 of 102 disagreements); the legacy engine errs otherwise, so a value two of
/// three readers give is the likelier one.
fn third_read(
    r: &mut ZoneReader,
    models: &Models,
    field: &FieldModel,
    first: &RawField,
    second: &RawField,
) -> anyhow::Result<Option<Third>> {
    let Some(charset) = check_charset(field) else { return Ok(None) };
    let Some(words) = r.check_read(region(models, field, first), charset)? else { return Ok(None) };
    let third = second_raw(models, field, &words, first);
    let two = Two::of(models, field, first, second);
    let value = value_of(models, field, &third);
    // A reader that lost a character reads a date's day as one digit where the print has two (`10/ 3/1992`
    // for `10/13/1992`: the legacy engine dropped a thin `1`, at confidence 3): it does not say which of
    // the two reads that digit was. Its read of a date counts only when it holds as many digits as the one
    // it gives. (Not of an identifier: a read's rule debris adds digits, and an A-number printed with eight
    // takes a ninth.)
    let digits = |r: &RawField| r.raw.chars().filter(char::is_ascii_digit).count();
    let whole = |t: &Third| {
        if field.normalize != Normalizer::Date {
            return true;
        }
        let read = match t {
            Third::First => first,
            Third::Second => second,
            Third::Nearest(r) => r,
        };
        digits(&third) >= digits(read)
    };
    Ok(value
        .as_ref()
        .and_then(|v| two.which(v, same))
        .or_else(|| within(models, field, &two, &third))
        .or_else(|| nearest(&two, second, value.as_ref(), &third))
        .filter(whole))
}

/// The value a read gives, if valid.
fn value_of(models: &Models, field: &FieldModel, read: &RawField) -> Option<Value> {
    normalize_value(models, field, &read.raw, ANY_DATE).ok().map(|r| r.value)
}

/// The values the first and the second read give (None where one gives none), normalized once for the
/// third read to be weighed against.
struct Two {
    first: Option<Value>,
    second: Option<Value>,
}

impl Two {
    fn of(models: &Models, field: &FieldModel, first: &RawField, second: &RawField) -> Two {
        Two { first: value_of(models, field, first), second: value_of(models, field, second) }
    }

    /// Which of the two values a third read's value `v` is (`alike`, one of the two then `v`); None when
    /// neither.
    fn which(&self, v: &Value, alike: impl Fn(&Value, &Value) -> bool) -> Option<Third> {
        match (&self.first, &self.second) {
            (Some(a), _) if alike(a, v) => Some(Third::First),
            (_, Some(b)) if alike(b, v) => Some(Third::Second),
            _ => None,
        }
    }
}

/// Which of the two reads a run of the third read's words gives, when the whole of it gives neither: the
/// legacy engine reads a cell's rule or a speck beside the value as a character of its charset (`1
/// 36947650`, `1 364-7 52-033 - 1`). None when no run does, or runs give both.
fn within(models: &Models, field: &FieldModel, two: &Two, third: &RawField) -> Option<Third> {
    let words: Vec<&str> = third.raw.split_whitespace().collect();
    let mut found = None;
    for i in 0..words.len() {
        for j in i + 1..=words.len() {
            if j - i == words.len() {
                continue;
            }
            let run = RawField { raw: words[i..j].join(" "), ..third.clone() };
            match (value_of(models, field, &run).and_then(|v| two.which(&v, same)), &found) {
                (Some(t), Some(f)) if t != *f => return None,
                (Some(t), None) => found = Some(t),
                _ => {}
            }
        }
    }
    found
}

/// Three reads, three valid values: the value nearest the other two, counted in characters apart
/// (edit distance) in all, when one is nearer than the others. Each reader errs at its own characters
/// (`412909812` and `4129099120` for `412909912`): the value the other two each miss by the least is the
/// likelier one. The first's is kept as it stands (None), and so it is when the nearest is more than
/// [`MAX_APART`] characters from it; the field stays named for the disagreement.
///
/// `third_value`: the value `third` gives, if valid.
fn nearest(two: &Two, second: &RawField, third_value: Option<&Value>, third: &RawField) -> Option<Third> {
    let text = |v: Option<&Value>| match v? {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    let v = [text(two.first.as_ref())?, text(two.second.as_ref())?, text(third_value)?];
    let apart = |i: usize| (0..3).filter(|&j| j != i).map(|j| edit_distance(&v[i], &v[j])).sum::<usize>();
    let sums = [apart(0), apart(1), apart(2)];
    let least = *sums.iter().min()?;
    if sums.iter().filter(|&&s| s == least).count() > 1 {
        return None;
    }
    // A misread changes a character or two: a value further from the first read is another reading of the
    // box (its text's words cut otherwise: `A 235 9240 245` read as `A009240245` for `A235940245`).
    match sums.iter().position(|&s| s == least)? {
        i if edit_distance(&v[0], &v[i]) > MAX_APART => None,
        1 => Some(Third::Nearest(second.clone())),
        2 => Some(Third::Nearest(third.clone())),
        _ => None,
    }
}

/// How many characters apart from the first read's value the nearest of three may be, to be taken.
const MAX_APART: usize = 2;

/// Which of two names the two English readers give the accents reader's read of the name gives (its
/// marked letters standing for any: it reads `JOÃO` where they read `JOAO`); None when neither. The
/// accents reader is a third model (Portuguese), read already for the name's marks (see [`accents_read`]):
/// deciding by it costs no read. Its read is of the first read's box with a margin, as the second read's is.
fn name_third(
    models: &Models,
    field: &FieldModel,
    first: &RawField,
    second: &RawField,
    words: &[Word],
) -> Option<Third> {
    let spelt = |a: &Value, v: &Value| match (a, v) {
        (Value::Name { name: a, .. }, Value::Name { name: v, .. }) => same_letters(a, v),
        _ => false,
    };
    let accents = accents_value(models, field, first, words)?;
    Two::of(models, field, first, second).which(&accents, spelt)
}

/// The name the accents reader's `words` give, weighed as a second read of `first`'s box is (a label's
/// remnant before a colon, debris after one, left out); None when they give no valid name.
fn accents_value(models: &Models, field: &FieldModel, first: &RawField, words: &[Word]) -> Option<Value> {
    value_of(models, field, &second_raw(models, field, words, first))
}

/// The request's name read once more, by the accents reader (see `ocr::second::Model::Accents`), in its
/// box with the margin of a second read: the document stage takes the marks of the letters it reads
/// surely (see `document::fields::with_accents`). None when the page has no name or the model is missing.
/// Of the reading the document stage takes, as a second read is: a ruled cell's name under its label, not
/// the debris the label's line gave beside it.
pub(super) fn accents_read(
    r: &mut ZoneReader,
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
) -> anyhow::Result<Option<Vec<Word>>> {
    match name_box(models, form, ex) {
        Some(b) => r.accents_read(b),
        None => Ok(None),
    }
}

/// Where the accents reader reads the name: the box of the reading taken of it, with a second read's margin.
fn name_box(models: &Models, form: &FormModel, ex: &Extraction) -> Option<Rect> {
    let name = form.field.iter().find(|f| f.normalize == Normalizer::Name)?;
    ex.fields.get(&name.name).map(|f| with_margin(taken(models, name, f).bbox))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of<'a>(models: &'a Models, name: &str) -> &'a FieldModel {
        let form = models.form_for(crate::record::PageKind::I247aRequest).unwrap();
        form.field.iter().find(|f| f.name == name).unwrap()
    }

    fn read(text: &str, method: &str) -> RawField {
        let bbox = Rect::new(1170, 682, 24, 14);
        RawField { raw: text.into(), bbox, confidence: 0.3, method: method.into(), ..RawField::default() }
    }

    /// A second read is weighed against what the document stage takes: the value under the label when
    /// the label's line gave debris, and it is read where that value is; with no valid value, in the
    /// label's cell.
    #[test]
    fn a_second_read_is_of_the_value_taken_and_where_it_stands() {
        let models = Models::builtin().unwrap();
        let sex = field_of(&models, "sex");
        let cell = Rect::new(1100, 697, 600, 66);
        let under = RawField { bbox: Rect::new(1120, 712, 48, 22), ..read("Male", "below:Sex:") };
        let debris = RawField { alternates: vec![under.clone()], cell: Some(cell), ..read("a", "label:Sex:") };
        assert_eq!(taken(&models, sex, &debris), &under);
        assert_eq!(region(&models, sex, taken(&models, sex, &debris)), with_margin(under.bbox));
        let lost = RawField { alternates: Vec::new(), ..debris.clone() };
        assert_eq!(region(&models, sex, taken(&models, sex, &lost)), cell);
        // Debris under the label: the cell too. A valid value is read again where it is.
        let below = RawField { method: "below:Sex:".into(), ..lost.clone() };
        assert_eq!(region(&models, sex, &below), cell);
        let valid = RawField { raw: "M".into(), ..below };
        assert_eq!(region(&models, sex, &valid), with_margin(valid.bbox));
        // Against the value taken: the same letter agrees.
        let second = read("M", "second_read");
        assert_eq!(outcome(&models, sex, taken(&models, sex, &debris), &second), Outcome::Agree);
    }
    #[test]
    fn a_second_reads_value_is_after_a_label_remnants_colon_and_before_debris_after_one() {
        let words = |t: &str| -> Vec<Word> {
            t.split(' ')
                .enumerate()
                .map(|(i, w)| (i, w.split_once('@').map_or((w, 90.0), |(w, c)| (w, c.parse().unwrap()))))
                .map(|(i, (w, conf))| Word {
                    text: w.into(),
                    conf,
                    bbox: Rect::new(100 + 60 * i as i32, 50, 50, 20),
                    line: 1,
                    ..Word::default()
                })
                .collect()
        };
        let first = read("x", "label:Name of Alien:");
        for (text, want) in [
            ("ID: 1234", "1234"),
            (":M", "M"),
            ("GORDON, SHAVAR : |", "GORDON, SHAVAR"),
            ("Sex: M ;", "M"),
            ("5678", "5678"),
            // A speck read as a letter at no confidence after a colon is debris too.
            ("LUZ MARIA ' | : N@0", "LUZ MARIA ' |"),
            // So is a value read so after a label remnant: the remnant is what is left, no value (the
            // second read counts as unread, not as agreeing at no confidence).
            ("Sex: M@5", "Sex"),
        ] {
            assert_eq!(raw_of(&words(text), &first, |_| false).raw, want, "{text}");
        }
        // A part that reads as the field's value is taken first: a neighbour's label and value after it
        // are not the value.
        let models = Models::builtin().unwrap();
        let dob = field_of(&models, "dob");
        let read = |t: &str| second_raw(&models, dob, &words(t), &first).raw;
        assert_eq!(read("12/23/1965 Cuizenship: BRAZIL"), "12/23/1965 Cuizenship");
        assert_eq!(read("Birth: 12/23/1965"), "12/23/1965");
        // A colon inside a word is a letter misread, not a label's end.
        let name = field_of(&models, "name");
        assert_eq!(second_raw(&models, name, &words("Perez, Edw:n"), &first).raw, "Perez, Edw:n");
        // Unless only what follows it reads as the value: a label's end read without its space.
        let sex = field_of(&models, "sex");
        assert_eq!(second_raw(&models, sex, &words("x:M"), &first).raw, "M");
    }

    use crate::page::prepare::prepare;
    use crate::plan::{analyze, PageFields, Strategy};
    use std::path::PathBuf;

    /// A sample request page as the first read leaves it: its fields, its form's kind, the page prepared.
    fn sample_request() -> (Extraction, crate::record::PageKind, crate::page::prepare::PreparedPage) {
        let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
        let models = Models::builtin().unwrap();
        let data = std::fs::read(samples.join("faxes/ops-dedicated/fax000001108.tif")).unwrap();
        let file = crate::input::read::decode(&data).map_err(|e| e.message).unwrap();
        let page = file.pages[0].as_ref().unwrap();
        let a = crate::ocr::with_engine(|e| analyze(page, 0, &models, e, Strategy::Zonal)).unwrap();
        let PageFields::Request(ex) = a.fields else { panic!("not a request page") };
        (ex, a.kind, prepare(page).unwrap())
    }

    /// The real second reader (Tesseract, the model `.ci/setup` installs) reads a sample request's fields
    /// in their boxes, found by the first read, as the sample's expected record has them: the crop,
    /// its scale and the way back to page coordinates are right.
    #[test]
    fn the_second_reader_reads_a_sample_pages_fields_in_their_boxes() {
        let models = Models::builtin().unwrap();
        let (ex, kind, prepared) = sample_request();
        let form = models.form_for(kind).unwrap();
        let want = [("subject_id", "934417579"), ("a_number", "A023027071"), ("date_issued", "2021-01-15")];
        for (name, value) in want {
            let first = &ex.fields[name];
            let words = crate::ocr::with_engine(|e| e.read_again(&prepared, with_margin(first.bbox)))
                .unwrap()
                .expect("the second model is installed (run .ci/setup)");
            let field = form.field.iter().find(|f| f.name == name).unwrap();
            let second = second_raw(&models, field, &words, first);
            match normalize_value(&models, field, &second.raw, ANY_DATE).map(|r| r.value) {
                Ok(Value::Text(v)) => assert_eq!(v, value, "{name}: read {:?}", second.raw),
                other => panic!("{name}: read {:?} as {other:?}", second.raw),
            }
            // Its box is where the first read found the value.
            assert!(second.bbox.union(&first.bbox).w < first.bbox.w + first.bbox.h * 2, "{name}: {:?}", second.bbox);
            assert_eq!(outcome(&models, field, first, &second), Outcome::Agree, "{name}");
        }
    }

    /// The real second reader reads a value in a ruled form's cell (the blind corpora's ruled layout) in a
    /// box that takes in the cell's rules, as a first read with debris at the cell's edge gives: the
    /// rules erased from its crop (`ocr::squeeze::field_pixels`), the value's strokes are left whole.
    #[test]
    fn the_second_reader_reads_a_value_in_a_ruled_cell() {
        let models = Models::builtin().unwrap();
        let (ex, kind, prepared) = sample_request();
        let form = models.form_for(kind).unwrap();
        let (w, h) = (prepared.width, prepared.height);
        let mut gray = prepared.pixels(Rect::new(0, 0, w, h));
        let mut boxes = Vec::new();
        for (name, _) in [("sex", "M"), ("citizenship", "HAITI")] {
            // The row's double rule above the value and across the page (two 2 px lines 2 px apart), the
            // cell's right edge two inches on and a column's edge half an inch before it, both down the
            // rows above and below: a first read that took in debris at the edge reads that far.
            let b = ex.fields[name].bbox;
            let edge = (b.right() + 2 * prepared.dpi).min(w - 3);
            for y in [b.y - 10, b.y - 6] {
                (0..w).for_each(|x| (y..y + 2).for_each(|y| gray[(y * w + x) as usize] = 0));
            }
            for x in [edge - prepared.dpi / 2, edge] {
                (b.y - 60..b.bottom() + 60).for_each(|y| (x..x + 2).for_each(|x| gray[(y * w + x) as usize] = 0));
            }
            boxes.push((name, Rect::new(b.x, b.y - 6, edge + 2 - b.x, b.h + 6)));
        }
        let ruled = crate::page::prepare::PreparedPage::unrotated(gray, w, h, prepared.dpi);
        for ((name, bbox), value) in boxes.into_iter().zip(["M", "HAITI"]) {
            let first = RawField { bbox, ..ex.fields[name].clone() };
            let words = crate::ocr::with_engine(|e| e.read_again(&ruled, with_margin(first.bbox)))
                .unwrap()
                .expect("the second model is installed (run .ci/setup)");
            let field = form.field.iter().find(|f| f.name == name).unwrap();
            let second = second_raw(&models, field, &words, &first);
            match normalize_value(&models, field, &second.raw, ANY_DATE).map(|r| r.value) {
                Ok(Value::Text(v)) => assert_eq!(v, value, "{name}: read {:?}", second.raw),
                other => panic!("{name}: read {:?} as {other:?}", second.raw),
            }
        }
    }

    /// The real check reader (Tesseract's legacy engine, the model `.ci/setup` installs) reads a sample
    /// request's identifiers and dates in their boxes, of their charsets, as the sample's expected record
    /// has them.
    #[test]
    fn the_check_reader_reads_a_sample_pages_values_in_their_boxes() {
        let models = Models::builtin().unwrap();
        let (ex, kind, prepared) = sample_request();
        let form = models.form_for(kind).unwrap();
        for (name, value) in [("subject_id", "934417579"), ("a_number", "A023027071"), ("date_issued", "2021-01-15")] {
            let first = &ex.fields[name];
            let field = form.field.iter().find(|f| f.name == name).unwrap();
            let charset = check_charset(field).expect("identifiers and dates are check read");
            let words = crate::ocr::with_engine(|e| e.check_read(&prepared, with_margin(first.bbox), charset))
                .unwrap()
                .expect("the check model is installed (run .ci/setup)");
            let check = second_raw(&models, field, &words, first);
            match normalize_value(&models, field, &check.raw, ANY_DATE).map(|r| r.value) {
                Ok(Value::Text(v)) => assert_eq!(v, value, "{name}: read {:?}", check.raw),
                other => panic!("{name}: read {:?} as {other:?}", check.raw),
            }
            assert_eq!(check_outcome(&models, field, first, &check), Outcome::Agree, "{name}");
        }
        // Names, countries and the sex are not check read.
        for name in ["name", "citizenship", "sex"] {
            assert!(check_charset(form.field.iter().find(|f| f.name == name).unwrap()).is_none(), "{name}");
        }
    }

    /// The event number and the date of birth are left out of check reads by every request form's model
    /// (their check reads could name no misread); the other identifiers and dates are check read.
    #[test]
    fn event_numbers_and_dates_of_birth_are_not_check_read() {
        let models = Models::builtin().unwrap();
        for form in ["I-247A", "I-247D", "I-247"] {
            let form = models.forms.iter().map(|(_, m)| m).find(|m| m.form == form).unwrap_or_else(|| panic!("{form}"));
            let checked: Vec<&str> = form
                .field
                .iter()
                .filter(|f| f.check_read && check_charset(f).is_some())
                .map(|f| f.name.as_str())
                .collect();
            assert!(!checked.contains(&"event_number") && !checked.contains(&"dob"), "{}: {checked:?}", form.form);
            for name in ["subject_id", "a_number", "date_issued"] {
                assert!(checked.contains(&name), "{}: {name} in {checked:?}", form.form);
            }
        }
    }

    /// Three reads, three values: the one the other two each miss by the least is taken, the first's
    /// kept as it stands, and none when two are as near.
    #[test]
    fn three_values_give_the_one_nearest_the_other_two() {
        let models = Models::builtin().unwrap();
        let id = field_of(&models, "subject_id");
        let nearest_of = |a: &str, b: &str, c: &str| {
            let (first, second, third) = (read(a, "label:Subject ID:"), read(b, "second_read"), read(c, "check_read"));
            let third_value = value_of(&models, id, &third);
            nearest(&Two::of(&models, id, &first, &second), &second, third_value.as_ref(), &third).map(|t| match t {
                Third::Nearest(r) => r.method,
                other => format!("{other:?}"),
            })
        };
        // A digit each reader misses, one added at the end: the third read's value.
        assert_eq!(nearest_of("4129099120", "412909812", "412909912").as_deref(), Some("check_read"));
        // A digit added, a digit misread: the second's.
        assert_eq!(nearest_of("38720984751", "3820984751", "3890984751").as_deref(), Some("second_read"));
        // The first's is nearest: kept as it stands.
        assert_eq!(nearest_of("123456789", "123456780", "123456719"), None);
        // Each a digit from the others: none is nearer.
        assert_eq!(nearest_of("123456789", "123456780", "123456781"), None);
        // The nearest is further than a misread from the first: another reading of the box, not taken.
        assert_eq!(nearest_of("235940245", "9240245", "9510245"), None);
        // A third read that gives no valid value decides nothing.
        assert_eq!(nearest_of("123456789", "123456780", "12345"), None);
    }

    /// A date of birth read at 0.91 is read again (no check read weighs it); an issue date so read is not
    /// (its check read does), nor either at 0.95.
    #[test]
    fn a_date_of_birth_no_check_read_weighs_is_read_again_higher() {
        let models = Models::builtin().unwrap();
        let at = |name: &str, conf: f32| {
            let raw = RawField { confidence: conf, ..read("03/29/1964", "label:") };
            doubtful(&models, field_of(&models, name), &raw)
        };
        assert!(at("dob", 0.91));
        assert!(!at("date_issued", 0.91));
        assert!(!at("dob", 0.95) && !at("date_issued", 0.95));
        assert!(at("date_issued", 0.85));
    }

    /// A second read against a first: the same value, another, or the only one; a faint first value
    /// (under the confidence a value is kept at) is replaced, yet it still disagrees.
    #[test]
    fn a_second_read_weighs_the_first_and_a_faint_first_still_disagrees() {
        let models = Models::builtin().unwrap();
        let dob = field_of(&models, "dob");
        let weigh = |first: &str, conf: f32, second: &str| {
            let first = RawField { confidence: conf, ..read(first, "label:Date of Birth:") };
            outcome(&models, dob, &first, &read(second, "second_read"))
        };
        assert_eq!(weigh("03/29/1964", 0.9, "03/29/1964"), Outcome::Agree);
        assert_eq!(weigh("03/29/1964", 0.9, "03/29/1984"), Outcome::Disagree);
        assert_eq!(weigh("03/29/1964", 0.9, "03/2"), Outcome::Unsure);
        assert_eq!(weigh("Citizenship", 0.9, "03/29/1984"), Outcome::SecondOnly);
        assert_eq!(weigh("03/29/1964", 0.05, "03/29/1984"), Outcome::SecondOverFaint);
        assert_eq!(weigh("03/29/1964", 0.05, "03/29/1964"), Outcome::Agree);
    }

    /// A third read with a rule read as a digit beside the value: the run of its words that gives one of
    /// the two values gives it; runs giving both give neither.
    #[test]
    fn a_rule_read_beside_a_third_read_is_no_part_of_it() {
        let models = Models::builtin().unwrap();
        let id = field_of(&models, "subject_id");
        let (first, second) = (read("86947650", "label:Subject ID:"), read("36947650", "second_read"));
        let two = Two::of(&models, id, &first, &second);
        assert_eq!(within(&models, id, &two, &read("1 36947650", "check_read")), Some(Third::Second));
        assert_eq!(within(&models, id, &two, &read("86947650 1", "check_read")), Some(Third::First));
        assert_eq!(within(&models, id, &two, &read("86947650 36947650", "check_read")), None);
        assert_eq!(within(&models, id, &two, &read("1 36947651", "check_read")), None);
    }

    /// The accents reader reads the name the document stage takes: under its label in a ruled cell when
    /// the label's line gave debris beside it (read there, it read a line of specks).
    #[test]
    fn the_accents_reader_reads_the_name_taken() {
        let models = Models::builtin().unwrap();
        let form = models.form_for(crate::record::PageKind::I247aRequest).unwrap();
        let under = RawField { bbox: Rect::new(160, 640, 420, 22), ..read("DOS SANTOS, JOAO", "below:Name of Alien:") };
        let debris = RawField {
            bbox: Rect::new(500, 600, 510, 4),
            alternates: vec![under.clone()],
            ..read(". . -", "label:Name of Alien:")
        };
        let mut ex = Extraction::default();
        ex.fields.insert("name".into(), debris);
        assert_eq!(name_box(&models, form, &ex), Some(with_margin(under.bbox)));
        ex.fields.insert("name".into(), under.clone());
        assert_eq!(name_box(&models, form, &ex), Some(with_margin(under.bbox)));
    }
}
