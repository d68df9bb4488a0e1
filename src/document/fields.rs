//! A request's raw fields → normalized, validated values with review reasons (never a guess).

use crate::forms::extract::{Extraction, RawField, WordChoices};
use crate::forms::models::{FieldModel, FormModel, GroupField, Models, Normalizer};
use crate::forms::normalize::{marked, same_letters};
use crate::forms::readings::{self, DateRange, Read};
use crate::forms::value::{normalize_value, Value, MIN_CONFIDENCE};
use crate::page::prepare::Frame;
use crate::page::squares::BoxState;
use crate::plan::{Outcome, SecondReads, Third};
use crate::record::*;
use crate::review::{Invalid, Reason};
use serde_json::json;

/// Where a request page's values are, for `fields`: its number and how its boxes map to the stored page;
/// and what the accents reader read of its name (`plan::reread::accents_read`), empty when it did not.
pub(super) struct Place {
    pub page: u32,
    pub frame: Frame,
    pub accents: Vec<crate::ocr::Word>,
}

fn field_entry(value: serde_json::Value, raw: &RawField, at: &Place, corrected: Option<String>) -> Field {
    Field {
        corrected,
        value,
        raw: raw.raw.clone(),
        confidence: raw.confidence,
        page: at.page,
        bbox: at.frame.to_stored(raw.bbox).as_array(),
        method: Some(raw.method.clone()),
        ..Field::default()
    }
}

/// Normalises one raw field: Some(value) when it reads and is valid (with what the normalizer changed to
/// read it). Whether a person must check a valid value is the calibrated probability's call
/// (`review::calibration`, once the record is whole). A value read too faintly to be trusted is refused
/// unless a second, independent read gave the same (`agreed`): Tesseract scores a lone letter in a
/// ruled cell near 0 however clean it is, and two models agreeing on it is a reading. A faint read that
/// is plainly the value (`plain`: why, see [`faint_but_plain`]) is kept, still named.
fn accept<T>(
    rec: &mut Record,
    name: &str,
    raw: Option<&RawField>,
    agreed: bool,
    plain: Option<&str>,
    f: impl FnOnce(&str) -> Result<Read<T>, Invalid>,
) -> Option<Read<T>> {
    let Some(raw) = raw else {
        rec.review.flag(Reason::NotFound(name.into()));
        return None;
    };
    let faint = raw.confidence < MIN_CONFIDENCE && !agreed;
    if faint {
        rec.review.flag(Reason::LowConfidence(name.into()));
        // Refused, unless plainly the value.
        plain?;
    }
    match f(&raw.raw) {
        Ok(mut v) => {
            if let Some(why) = plain.filter(|_| faint) {
                v.note = Some(v.note.map_or_else(|| why.to_string(), |n| format!("{n}; {why}")));
            }
            Some(v)
        }
        Err(why) => {
            rec.review.flag(Reason::Invalid(name.into(), why));
            None
        }
    }
}

/// The dates field `name` can hold: a date of birth from 1900 to the request's issue date; the request's
/// own dates from 2000, when the forms in circulation began. Neither after the day the fax was received
/// (`received`, ISO), or today when that is unknown: a record read again later reads the same. An issue
/// date read out of range may be repaired to its event number's year (see `readings::date`).
fn date_range(name: &str, det: &Detainer, received: Option<&str>) -> DateRange {
    let last = received.and_then(readings::ymd).unwrap_or_else(readings::today);
    if name == "dob" {
        let max = det.date_issued.as_deref().and_then(readings::ymd).unwrap_or(last);
        DateRange { min: (1900, 1, 1), max, month_of: None }
    } else {
        // The issue date's year and month are its event number's (`OOOYYMM...`, read before it).
        let month_of = det.event_number.as_deref().filter(|_| name == "date_issued").and_then(readings::event_month);
        DateRange { min: (2000, 1, 1), max: last, month_of }
    }
}

/// Puts `value` where the record contract keeps field `name`; returns what `fields.{name}.value` shows.
pub(super) fn store(det: &mut Detainer, name: &str, value: Option<Value>) -> serde_json::Value {
    if let Some(slot) = det.text_slot(name) {
        *slot = match value {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        };
        return json!(slot);
    }
    match (name, value) {
        ("name", Some(Value::Name { name, family, given })) => {
            det.subject.name = Some(name);
            det.subject.family_name = Some(family);
            det.subject.given_names = Some(given);
        }
        ("issuing_office", Some(Value::Office(o))) => {
            det.issuing_office.code = Some(o.code);
            det.issuing_office.name = Some(o.name);
        }
        _ => {}
    }
    match name {
        "name" => json!(det.subject.name),
        "issuing_office" => json!(det.issuing_office.code),
        _ => serde_json::Value::Null,
    }
}

/// The name `family, given` with each part `respell` gives another spelling for spelt so (see
/// [`respell_parts`]): the new family and given names, or None when no part was respelt.
pub(super) fn respelt_parts(
    family: &str,
    given: &str,
    respell: &mut dyn FnMut(&str) -> Option<String>,
) -> Option<(String, String)> {
    let (family, a) = respell_parts(family, respell);
    let (given, b) = respell_parts(given, respell);
    (a || b).then_some((family, given))
}

/// `names` (a family name's or the given names') with each part (between spaces, commas and hyphens, which
/// are kept) that `respell` gives another spelling for spelt so, and whether any was. `respell` is asked
/// of every part in order, letters or not.
fn respell_parts(names: &str, respell: &mut dyn FnMut(&str) -> Option<String>) -> (String, bool) {
    let seps = [' ', ',', '-'];
    let mut out = String::new();
    let mut changed = false;
    for piece in names.split_inclusive(seps) {
        let (word, sep) = match piece.char_indices().last() {
            Some((i, c)) if seps.contains(&c) => (&piece[..i], &piece[i..]),
            _ => (piece, ""),
        };
        let better = if crate::forms::labels::squash(word).is_empty() { None } else { respell(word) };
        changed |= better.is_some();
        out.push_str(better.as_deref().unwrap_or(word));
        out.push_str(sep);
    }
    (out, changed)
}

/// The confidence (0-100) from which the accents reader's word gives a name part its marks. On crops of
/// the names of three blind dev corpora (seeds 13, 21, 41; 376 names), 7 of the 11 marked words it read
/// that the print has (`JOÃO`, `CONCEIÇÃO`, `FÁTIMA`) scored 93.7 to 96.6 (the others 59.9 to 86.9); the
/// marks it put on unmarked letters (`ALMÓNTE`, `XIÃO`, `WIÍDNER`) scored 0 to 87.6.
const ACCENTED_WORD: f32 = 90.0;

/// `part` of a name as the accents reader's word `read` spells it: the same letters but for some marked
/// in `read` (`JOAO`/`JOÃO`; a mark the English read took for another letter, `CONCEIGAO`/`CONCEIÇÃO`).
/// None when `read` has no marked letter or spells another word.
fn accented(part: &str, read: &str) -> Option<String> {
    let read = read.trim_matches(|c: char| !c.is_alphanumeric()).to_uppercase();
    (same_letters(part, &read) && read.chars().any(marked)).then_some(read)
}

/// `part` of a name as two words `a` and `b` the accents reader reads one after the other spell it: the
/// same letters (a marked one standing for its letter), the space the English read lost kept (`IMRANSURESH`
/// for `IMRAN SURESH`, printed in a font whose space is narrow). None unless both words hold two letters or
/// more.
fn spelt_apart(part: &str, a: &str, b: &str) -> Option<String> {
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_uppercase();
    let (a, b) = (word(a), word(b));
    if a.chars().count() < 2 || b.chars().count() < 2 || !a.chars().chain(b.chars()).all(char::is_alphabetic) {
        return None;
    }
    same_letters(part, &format!("{a}{b}")).then(|| format!("{a} {b}"))
}

/// The name given the marks of its accented letters as the accents reader read them surely (see
/// `plan::reread::accents_read`; the English models read `JOÃO` as `JOAO`), noted in its field as a
/// correction and named (`name:reads_disagree`): the Portuguese model also reads marks its language
/// expects on letters printed without them (on the held-out corpus `GONÇALVES` and `ANTÔNIO`, printed
/// `GONCALVES` and `ANTONIO`, at 90% and more: 2 of the 6 names it gave marks). A part the English read ran
/// together (`IMRANSURESH`) is split where the accents reader reads two words surely: the English model
/// loses a narrow space, and loses it on the warrant's print alike, which then agrees. Done last: the
/// warrant's print and the second read are compared with the English reads.
pub(super) fn with_accents(words: &[crate::ocr::Word], det: &mut Detainer, rec: &mut Record) {
    let (Some(family), Some(given)) = (det.subject.family_name.clone(), det.subject.given_names.clone()) else {
        return;
    };
    // A hyphenated name is one word to the reader and two parts to the name (`PEREIRA-CONCEIÇÃO`).
    let sure: Vec<&str> =
        words.iter().filter(|w| w.conf >= ACCENTED_WORD).flat_map(|w| w.text.split(['-', '‐', '–'])).collect();
    let pairs: Vec<(&str, &str)> = words
        .windows(2)
        .filter(|p| p.iter().all(|w| w.conf >= ACCENTED_WORD))
        .map(|p| (p[0].text.as_str(), p[1].text.as_str()))
        .collect();
    let mut respell = |part: &str| {
        sure.iter().find_map(|w| accented(part, w)).or_else(|| pairs.iter().find_map(|(a, b)| spelt_apart(part, a, b)))
    };
    let Some((family, given)) = respelt_parts(&family, &given, &mut respell) else { return };
    let Some(f) = rec.fields.get_mut("name") else { return };
    respelt_name(det, f, family, given, "accents and spaces as the accents reader reads them");
    rec.review.flag(Reason::ReadsDisagree("name".into()));
}

/// The name's parts no list holds respelt as the letters a coarse scan's lost strokes make spell a listed
/// part (`respell::respelt_by_lost_strokes`; the check `respelt_by_lost_strokes`), once every read of it has
/// had its say: a part the warrant prints a letter apart is spelt as the warrant prints it, and only a
/// part still unlisted after that is respelt so (`WAIDNER`, printed `WIDNER` and a lost stroke from
/// `WALDNER`, is the warrant's). A part read with marks is printed so (ASCII letters only are respelt).
pub(super) fn with_lost_strokes(models: &Models, det: &mut Detainer, rec: &mut Record) {
    let (Some(family), Some(given)) = (det.subject.family_name.clone(), det.subject.given_names.clone()) else {
        return;
    };
    let mut notes = Vec::new();
    let mut respell = |part: &str| {
        let (to, note) = super::respell::respelt_by_lost_strokes(part, &models.calibration.name_parts)?;
        notes.push(note);
        Some(to)
    };
    let Some((family, given)) = respelt_parts(&family, &given, &mut respell) else { return };
    let Some(f) = rec.fields.get_mut("name") else { return };
    respelt_name(det, f, family, given, &notes.join("; "));
    f.checks.push("respelt_by_lost_strokes".into());
}

/// Notes on `field` one more correction made to its value (after those noted already).
pub(super) fn note_correction(field: &mut Field, note: &str) {
    field.corrected = Some(match field.corrected.take() {
        Some(c) => format!("{c}; {note}"),
        None => note.to_string(),
    });
}

/// Stores the name respelt `family, given` in the detainer and its field `name`, noting why.
pub(super) fn respelt_name(det: &mut Detainer, name: &mut Field, family: String, given: String, note: &str) {
    note_correction(name, note);
    let full = format!("{family}, {given}");
    name.value = store(det, "name", Some(Value::Name { name: full, family, given }));
}

/// What a field's method ends with when two reads of three gave its value: the second and third, or the
/// first and third.
const CORRECTED_BY_TWO_OF_THREE: &str = "+corrected_by_second_and_third_reads";
const KEPT_BY_TWO_OF_THREE: &str = "+kept_by_third_read";

/// Normalizes one field of the form: its value into the record, its reasons into review, and what was
/// read into `fields` (when anything was).
fn normalize_field(
    models: &Models,
    field: &FieldModel,
    ex: &Extraction,
    seconds: &SecondReads,
    at: &Place,
    det: &mut Detainer,
    rec: &mut Record,
) {
    let first = ex.fields.get(&field.name);
    if field.normalize == Normalizer::Office {
        // What the FROM box says is kept even when it names no known office: a person can read it.
        det.issuing_office.raw = first.map(|r| r.raw.clone());
    }
    // A second read (see `plan::reread`): the value it corrects is taken from it, the one it confirms
    // needs no review for its confidence; either way the field's method says so.
    // A check read (of a confident value) is evidence only: the value is the first read's.
    // The check read's outcome: of a confident value, or of one the second read confirmed.
    let check = seconds.get(&field.name).and_then(|s| if s.check { Some(s.outcome) } else { s.checked });
    let second = seconds.get(&field.name).filter(|s| !s.check);
    let outcome = second.map(|s| s.outcome);
    let nearest = second.filter(|s| s.outcome == Outcome::Disagree).and_then(|s| match &s.third {
        Some(Third::Nearest(n)) => Some(n),
        _ => None,
    });
    let raw = match (first, second) {
        (Some(f), Some(s)) if s.outcome.takes_second() => {
            Some(RawField { method: format!("{}+corrected_by_second_read", f.method), ..s.raw.clone() })
        }
        // Two valid values, and a third read gives the second's: two readers of three say it. The
        // disagreement still names the field.
        (Some(f), Some(s)) if s.outcome == Outcome::Disagree && s.third == Some(Third::Second) => {
            Some(RawField { method: format!("{}{CORRECTED_BY_TWO_OF_THREE}", f.method), ..s.raw.clone() })
        }
        // The third read gives the first's: kept, as it would be, but the method says two readers of three
        // gave it.
        (Some(f), Some(s)) if s.outcome == Outcome::Disagree && s.third == Some(Third::First) => {
            Some(RawField { method: format!("{}{KEPT_BY_TWO_OF_THREE}", f.method), ..f.clone() })
        }
        // Three values: the one nearest the other two.
        (Some(f), Some(_)) if nearest.is_some() => {
            nearest.map(|n| RawField { method: format!("{}+nearest_of_three_reads", f.method), ..n.clone() })
        }
        (Some(f), Some(_)) if outcome == Some(Outcome::Agree) => {
            Some(RawField { method: format!("{}+confirmed_by_second_read", f.method), ..f.clone() })
        }
        _ => first.cloned(),
    };
    let dates = date_range(&field.name, det, rec.fax.received_at.as_deref());
    // What the label's line gave does not read as the field: another reading the text offers that does
    // is the value (a ruled cell's value under its label, past the rule's debris after it).
    let reads = |r: &RawField| normalize_value(models, field, &r.raw, dates).is_ok();
    let raw = raw.map(|r| r.taken(reads).clone());
    let agreed = outcome == Some(Outcome::Agree);
    // Not when a second read gave another value.
    let plain =
        raw.as_ref().filter(|_| outcome != Some(Outcome::Disagree)).and_then(|r| faint_but_plain(field, &r.raw));
    let read = accept(rec, &field.name, raw.as_ref(), agreed, plain, |s| normalize_value(models, field, s, dates));
    // Two reads that disagree name the field, unless a third, independent read gave one of their values
    // (`Third::First`, `Third::Second`): two readers of three then say it, and the value's calibrated
    // confidence, which weighs the disagreement (`reread_disagrees`), decides whether a person looks. On
    // five blind corpora and faxgen's (1,100 documents) every such value that was wrong calibrated under
    // 0.92 and was named `low_confidence` (17 of 17), while 43 right ones stood at 0.94 and more. Three
    // values read three ways stay named.
    let settled = second.is_some_and(|s| matches!(s.third, Some(Third::First | Third::Second)));
    if matches!(outcome, Some(Outcome::Disagree | Outcome::SecondOverFaint)) && !settled {
        rec.review.flag(Reason::ReadsDisagree(field.name.clone()));
    }
    let (mut value, corrected) = match read {
        Some(r) => (Some(r.value), r.note),
        None => (None, None),
    };
    // The characters the LSTM readers weighed for the value's: the second reader's (the first reader
    // keeps none, see `ocr::Word::choices`), whichever read's value was taken.
    let choices: Vec<WordChoices> =
        raw.iter().flat_map(|r| &r.choices).chain(second.iter().flat_map(|s| &s.raw.choices)).cloned().collect();
    // A name's parts read apart joined up, then its parts respelt by the engine's choices: each takes the
    // name the last left, and gives the note of what it changed.
    let mut respell = |by: &dyn Fn(&str, &str) -> Respelt| {
        let Some(Value::Name { family, given, .. }) = &value else { return None };
        let (name, note) = by(family, given)?;
        value = Some(name);
        Some(note)
    };
    let joined = respell(&|family, given| split_parts_joined(models, family, given));
    let respelt = respell(&|family, given| by_choices(models, family, given, &choices, &at.accents));
    let shown = store(det, &field.name, value);
    if let Some(r) = &raw {
        let mut entry = field_entry(shown, r, at, corrected);
        if let Some(note) = &joined {
            note_correction(&mut entry, note);
        }
        if let Some(note) = &respelt {
            note_correction(&mut entry, note);
            entry.checks.push("respelt_by_choices".into());
        }
        entry.checks.extend(close_call(&choices).map(String::from));
        // The second read is evidence for the value's calibrated confidence.
        entry.checks.extend(
            match outcome {
                Some(Outcome::Agree) => Some("reread_agrees"),
                Some(Outcome::Disagree) => Some("reread_disagrees"),
                Some(o) if o.takes_second() => Some("reread_only"),
                // The second reader found no valid value where the first read one: it could not confirm a
                // faint value (a date of birth read once at 0.4-0.8 is wrong one time in seven so).
                Some(Outcome::Unsure) => Some("reread_unread"),
                _ => None,
            }
            .map(String::from),
        );
        entry.checks.extend(
            match check {
                Some(Outcome::Agree) => Some("check_agrees"),
                Some(Outcome::Disagree) => Some("check_differs"),
                Some(_) => Some("check_unread"),
                None => None,
            }
            .map(String::from),
        );
        rec.fields.insert(field.name.clone(), entry);
    }
}

/// How near the engine came to reading one of the value's characters as another (`choices`, the second
/// reader's): `close_call` when it weighed another character at `CLOSE_CALL` or more for one of them,
/// `near_call` at `NEAR_CALL` or more. On the blind dev corpora (seeds 13, 21, 41), of the identifiers and
/// dates read a second time, 43 of the 224 with a runner-up from 70 were wrong, 21 of 267 from 40 to 70, 6
/// of 508 under 40: evidence for a calibration to weigh (benches/README.md, eighteenth session).
fn close_call(choices: &[WordChoices]) -> Option<&'static str> {
    let runner_up = choices.iter().flat_map(|(_, c)| c.iter().map(|c| c.conf)).fold(0.0f32, f32::max);
    if runner_up >= CLOSE_CALL {
        Some("close_call")
    } else if runner_up >= NEAR_CALL {
        Some("near_call")
    } else {
        None
    }
}

/// See [`close_call`] (confidences 0-100, as Tesseract gives them).
const CLOSE_CALL: f32 = 70.0;
const NEAR_CALL: f32 = 40.0;

/// A name respelt (`family, given`), and a note of what was changed; None when nothing was.
type Respelt = Option<(Value, String)>;

/// The name `family, given` with each part no list holds respelt as the engine's choices for its letters
/// spell a listed part (`respell::respelt`), and a note of what was; None when no part was. A part the
/// accents reader read with a mark on one of its letters (`accents`: `JOÃO` for `JOAO`, whose `O` the
/// English model weighed against `N`) is printed so: not respelt.
fn by_choices(
    models: &Models,
    family: &str,
    given: &str,
    choices: &[WordChoices],
    accents: &[crate::ocr::Word],
) -> Respelt {
    let mut notes = Vec::new();
    let mut respell = |part: &str| {
        if accents.iter().any(|w| accented(part, &w.text).is_some()) {
            return None;
        }
        let (to, note) = super::respell::respelt(part, choices, &models.calibration.name_parts, &models.common_names)?;
        notes.push(note);
        Some(to)
    };
    let (family, given) = respelt_parts(family, given, &mut respell)?;
    Some((Value::Name { name: format!("{family}, {given}"), family, given }, notes.join("; ")))
}

/// The name `family, given` with two of its parts that the engine read apart joined up
/// (`respell::split_joined`), and a note of what was; None when none were.
fn split_parts_joined(models: &Models, family: &str, given: &str) -> Respelt {
    let join = |names: &str| super::respell::split_joined(names, &models.calibration.name_parts, &models.common_names);
    let ((family, mut notes), (given, more)) = (join(family), join(given));
    notes.extend(more);
    (!notes.is_empty()).then(|| (Value::Name { name: format!("{family}, {given}"), family, given }, notes.join("; ")))
}

/// An event number read under no office's code: when one letter of its code is all that sets it apart from
/// the code of the office the request came from (its FROM box, read apart), that letter is a misread
/// ("NIW" for Newark's "NEW") and the code is the office's, noted as a correction. Any other unknown code
/// is kept as read (the docs leave its shape unconfirmed) and named.
fn event_code_of_office(models: &Models, det: &mut Detainer, rec: &mut Record) {
    let Some(event) = det.event_number.clone() else { return };
    if models.event_codes.iter().any(|c| event.starts_with(c.as_str())) {
        return;
    }
    // Both three letters: one edit apart is one letter for another.
    let read: String = event.chars().take(3).collect();
    let office = det.issuing_office.code.as_deref().and_then(|c| models.offices.iter().find(|o| o.code == c));
    let code = office
        .and_then(|o| o.event_code())
        .filter(|code| code.chars().count() == 3 && crate::forms::labels::edit_distance(&read, code) == 1);
    let Some(code) = code else {
        rec.review.flag(Reason::EventCodeUnknown);
        return;
    };
    let fixed = format!("{code}{}", event.chars().skip(3).collect::<String>());
    if let Some(f) = rec.fields.get_mut("event_number") {
        note_correction(f, &format!("code {read}→{code}, the issuing office's"));
        f.value = json!(fixed);
    }
    det.event_number = Some(fixed);
}

/// An event number that did not read (invalid, or too faint to be trusted) is read again knowing what it
/// should start with: the code of the office whose FROM box the request carries and the issue date's year
/// and month (`readings::event_number_of_month`). What is read so is a value two other fields of the page
/// vouch for in part, never in whole (its sequence is as read): its earlier reasons give way to one naming
/// it, `event_number:read_with_issue_date`. On the blind dev corpora (seeds 7, 13, 21, 41) it read 12
/// event numbers right that were null, and 2 wrong, among the values too faint to be trusted.
fn event_number_of_issue_month(models: &Models, det: &mut Detainer, rec: &mut Record) {
    if det.event_number.is_some() {
        return;
    }
    let (Some(issued), Some(code)) = (det.date_issued.as_deref(), det.issuing_office.code.as_deref()) else { return };
    let Some(code) = models.offices.iter().find(|o| o.code == code).and_then(|o| o.event_code()) else { return };
    let Some(field) = rec.fields.get("event_number").filter(|f| !f.raw.is_empty()) else { return };
    let start = format!("{code}{}{}", issued.get(2..4).unwrap_or_default(), issued.get(5..7).unwrap_or_default());
    let Some(read) = readings::event_number_of_month(&field.raw, &start) else { return };
    read_again_as(det, rec, "event_number", read, Reason::EventFromIssueMonth);
}

/// Field `name` read again from its text with what other fields say (`read`): its value, noted as a
/// correction, and its earlier reasons giving way to the one that says how (`why`).
fn read_again_as(det: &mut Detainer, rec: &mut Record, name: &str, read: Read<String>, why: Reason) {
    if let Some(field) = rec.fields.get_mut(name) {
        if let Some(note) = &read.note {
            note_correction(field, note);
        }
        field.value = json!(read.value);
    }
    if let Some(slot) = det.text_slot(name) {
        *slot = Some(read.value);
    }
    let own = format!("{name}:");
    rec.review.withdraw(|r| r.starts_with(&own));
    rec.review.flag(why);
}

/// An issue date refused for being read too faintly (under [`MIN_CONFIDENCE`]: Tesseract scores a clean
/// date 0 when it joins a mark to it, `-11/30/2018 -`) is kept when two facts read apart vouch for it: the
/// event number carries its year and month, and the fax arrived within two weeks after it. It stays named
/// (`date_issued:low_confidence`): a day misread within the month would pass both. On the blind dev
/// corpora 2 such dates were right, and the one faint date that was not (`03/27/2021` for `03/22/2021`)
/// arrived before it.
fn faint_issue_date(det: &mut Detainer, rec: &mut Record) {
    let faint = Reason::LowConfidence("date_issued".into()).to_string();
    if det.date_issued.is_some() || !rec.review.reasons.contains(&faint) {
        return;
    }
    let (Some(event), Some(received)) = (det.event_number.as_deref(), rec.fax.received_at.as_deref()) else {
        return;
    };
    let Some(field) = rec.fields.get("date_issued") else { return };
    let Ok(read) = readings::date(&field.raw, date_range("date_issued", det, Some(received))) else { return };
    let issued = &read.value;
    if !readings::month_agrees(event, issued) || !readings::received_soon_after(issued, received) {
        return;
    }
    let field = rec.fields.get_mut("date_issued").expect("read just above");
    if let Some(note) = &read.note {
        note_correction(field, note);
    }
    note_correction(field, "kept though read faintly: the event number's month and the fax's arrival agree");
    field.value = json!(issued);
    det.date_issued = Some(read.value);
}

/// An issue date that the facts read apart from it do not place, one printed digit off a date they do
/// place: that date is taken, named `date_issued:one_digit_off`. The facts: the event number carries the
/// issue date's year and month (and a fax is not received before it), or, without an event number, the
/// fax arrived within two weeks after it (the time its server wrote, not the header line's, which is read
/// by OCR too). A misread digit still makes a date (`07/21/2014` on a fax
/// received 2015-07-21, `09/08/2018` with event number `BOS1609...`); a date either fact places as read is
/// left alone, and a cancellation's (it carries the cancelled request's event number), and so is one that several
/// dates a digit off would do for. The date a digit off is placed by the event number's month when there is
/// one: a copy may be faxed years after the request (see `readings::date_one_digit_off`).
fn issue_date_one_digit_off(det: &mut Detainer, rec: &mut Record) {
    // A cancellation carries the event number of the request it cancels, of an earlier month.
    if det.cancels_previous {
        return;
    }
    // Only an event number of the docs' shape: one that lost or doubled a digit has its month elsewhere.
    let whole = |e: &&str| e.chars().count() == 13 && e.chars().skip(3).all(|c| c.is_ascii_digit());
    let month = det.event_number.as_deref().filter(whole).and_then(readings::event_month);
    // Only an arrival the fax server wrote down: one read off the header line is OCR too (`2026` for `2016`).
    let written = rec.fax.header.received_at_source.as_deref().is_some_and(|s| s != "header_line");
    let received = rec.fax.received_at.as_deref().filter(|_| written).map(readings::day_number);
    let soon = |date| received.flatten().is_some_and(|r| readings::arrived_soon_after(date, r));
    let in_month = |date: (i32, u32, u32)| {
        month == Some((date.0, date.1)) && received.is_none_or(|r| r.is_some_and(|r| readings::day_of(date) <= r))
    };
    // What the event number says first: the arrival vouches only where there is none.
    let placed = |date| if month.is_some() { in_month(date) } else { soon(date) };
    // A date the arrival vouches for stands, whatever the event number (a cancellation's, missed).
    if det.date_issued.as_deref().and_then(readings::ymd).is_some_and(|d| soon(d) || in_month(d)) {
        return;
    }
    let Some(read) = rec.fields.get("date_issued").and_then(|f| readings::date_one_digit_off(&f.raw, placed)) else {
        return;
    };
    read_again_as(det, rec, "date_issued", read, Reason::IssueDateOneDigitOff);
}

/// Why a read too faint to be trusted is still plainly the value, if it is (see [`accept`]): a sex read as
/// one capital `M` or `F`, marks beside it aside (`F.`, `'M`), or as its first word with at most one small
/// letter a speck made glued on (`Me`, `Mo`, `M> cet. oo,`). Tesseract scores a lone letter near 0 however
/// clean it is, and the faint reads that spell no sex (`a`, `So`, `E`) are the misreads. It stays named
/// (`sex:low_confidence`), and `corrected` says why it was kept. On the blind dev corpora (seeds 7, 13,
/// 21, 41) and faxgen's, all 5 sexes read as a letter alone were right; of those read as a first word so,
/// on seeds 73, 7, 101, 102 and 59, all 6. Not an `X`: the mark a tick or a speck reads as; nor a
/// lower-case letter, nor two capitals (`MO`, `XM`).
fn faint_but_plain(field: &FieldModel, raw: &str) -> Option<&'static str> {
    if field.normalize != Normalizer::Sex {
        return None;
    }
    let marks = |c: char| !c.is_alphanumeric();
    if matches!(raw.trim_matches(marks), "M" | "F") {
        return Some("kept though read faintly: one capital M or F alone");
    }
    let first = raw.split_whitespace().next().unwrap_or_default().trim_matches(marks);
    let mut letters = first.chars();
    let plain = matches!(letters.next(), Some('M' | 'F'))
        && letters.next().is_none_or(|c| c.is_ascii_lowercase())
        && letters.next().is_none();
    plain.then_some("kept though read faintly: a capital M or F first, a speck's letter at most beside it")
}

/// An event number without the ten digits the docs show after its office code (year-month and a six-digit
/// sequence: `BOS2503000123`) is kept, its shape being unconfirmed, but named: on the blind dev corpora
/// (seeds 13, 21, 41 and 7) and faxgen's, all 11 event numbers read so were misread, a digit doubled or lost.
fn event_digits(det: &Detainer, rec: &mut Record) {
    let Some(event) = &det.event_number else { return };
    if event.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len() != 10 {
        rec.review.flag(Reason::EventDigitsUnusual);
    }
}

/// Every field and checkbox of a request page, as its form model lists them: fields first, in the
/// model's order, then the checkbox groups, then fields read on a checkbox's line (only when it is ticked).
pub(super) fn normalize_fields(
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
    seconds: &SecondReads,
    at: &Place,
    det: &mut Detainer,
    rec: &mut Record,
) {
    for field in form.field.iter().filter(|f| f.line_of_checkbox.is_none()) {
        normalize_field(models, field, ex, seconds, at, det, rec);
    }
    // Checkboxes: a box that cannot be found leaves its answer unknown; one read but not surely (its ink
    // near the threshold, something run over it) names its field for review.
    let mut cancel_box = None;
    let mut cancel_unsure = false;
    // Whether section 1's boxes were all found and read surely, and box 2 (the other basis) read surely
    // ticked: then no probable cause is the form's own answer.
    let (mut causes_sure, mut transferred) = (true, false);
    let mut causes_printed = true;
    // Section 1's boxes stand in one column at the margin; the cancel box at the margin too, never right
    // of that column (where the option boxes inside the bullets above it are: ICE or CBP).
    let causes: Vec<&BoxState> = form
        .checkbox_group
        .iter()
        .filter(|g| g.field == GroupField::ProbableCause)
        .flat_map(|g| g.options.iter().filter_map(|o| ex.checkboxes.get(o)))
        .collect();
    let column_x = causes.iter().map(|b| b.bbox.x).min();
    let spread = causes.iter().map(|b| b.bbox.x).max().zip(column_x).map_or(0, |(a, b)| a - b);
    let half_box = causes.iter().map(|b| b.bbox.w).max().unwrap_or(0) / 2;
    for group in &form.checkbox_group {
        match group.field {
            // A printing without the group (the I-247N's priorities in place of probable-cause bases)
            // states no cause: an empty answer, not a box unread.
            GroupField::ProbableCause if ex.not_printed.contains(&group.group) => causes_printed = false,
            GroupField::ProbableCause => {
                let (mut unsure, mut ticked) = (false, 0);
                for (i, option) in group.options.iter().enumerate() {
                    match ex.checkboxes.get(option) {
                        Some(b) => {
                            ticked += usize::from(b.checked == Some(true));
                            let cause = ProbableCause::from_option(group.causes.get(i).unwrap_or(option));
                            if let Some(c) =
                                cause.filter(|c| b.checked == Some(true) && !det.probable_cause.contains(c))
                            {
                                det.probable_cause.push(c);
                            }
                            unsure |= b.checked.is_none() || b.doubtful();
                        }
                        None => {
                            causes_sure = false;
                            rec.review.flag(Reason::CheckboxNotFound(option.clone()));
                        }
                    }
                }
                // Every box ticked: more likely a dark or noisy scan inking every square than a request
                // on all four grounds (1 in 100 generated requests).
                let all_ticked = group.options.len() > 1 && ticked == group.options.len();
                if unsure || spread > half_box || all_ticked {
                    causes_sure = false;
                    rec.review.flag(Reason::CheckboxUnsure("probable_cause".into()));
                }
            }
            GroupField::Transfer => {
                // In section 1's column: a square right of it is a bullet's box (ICE / CBP) taken for
                // box 2 when the column's count came out right by a square lost above.
                let in_column = |b: &BoxState| column_x.is_some_and(|x| (b.bbox.x - x).abs() <= half_box);
                let squares: Vec<&BoxState> = group.options.iter().filter_map(|o| ex.checkboxes.get(o)).collect();
                transferred = squares.iter().any(|b| b.checked == Some(true) && !b.doubtful() && in_column(b));
                // Then section 1's boxes were taken a square off too: each may be its neighbour's. Box 2
                // ticked with a cause ticked too answers both of "complete box 1 or 2": one is misread.
                let both = transferred && !det.probable_cause.is_empty();
                if (squares.iter().any(|b| !in_column(b)) || both) && !causes.is_empty() {
                    causes_sure = false;
                    rec.review.flag(Reason::CheckboxUnsure("probable_cause".into()));
                }
            }
            // A cancel box found by its sentence that no line read holds: this printing of the form
            // carries none, or its line is unread because its square is empty (`plan::fields`).
            GroupField::CancelsPrevious if ex.not_printed.contains(&group.group) => {}
            GroupField::CancelsPrevious => {
                let option = group.options.first().map(String::as_str).unwrap_or("cancels_previous");
                cancel_box = Some(option);
                match ex.checkboxes.get(option) {
                    Some(b) => {
                        det.cancels_previous = b.checked == Some(true);
                        let entry = Field {
                            value: json!(det.cancels_previous),
                            raw: format!("ink {:.2}", b.ink),
                            confidence: 1.0,
                            page: at.page,
                            bbox: at.frame.to_stored(b.bbox).as_array(),
                            method: Some("checkbox".into()),
                            ..Field::default()
                        };
                        rec.fields.insert("cancels_previous".into(), entry);
                        let misplaced = column_x.is_some_and(|x| b.bbox.x > x + b.bbox.w / 2);
                        cancel_unsure = b.checked.is_none() || b.doubtful() || misplaced;
                        if cancel_unsure {
                            rec.review.flag(Reason::CheckboxUnsure("cancels_previous".into()));
                        }
                    }
                    None => rec.review.flag(Reason::CheckboxNotFound(option.into())),
                }
            }
        }
    }
    let ticked = |cb: &str| ex.checkboxes.get(cb).is_some_and(|b| b.checked == Some(true));
    for field in form.field.iter().filter(|f| f.line_of_checkbox.as_deref().is_some_and(ticked)) {
        normalize_field(models, field, ex, seconds, at, det, rec);
    }
    // The cancel box and the date beside it corroborate each other: a tick with no date read may be
    // another square (a bullet's option box) or a speck; a date read beside an empty box, a tick missed.
    if let Some(cb) = cancel_box.filter(|cb| ex.checkboxes.contains_key(*cb)) {
        let date_field = form.field.iter().find(|f| f.line_of_checkbox.as_deref() == Some(cb));
        if let Some(field) = date_field {
            if ticked(cb) && det.text_slot(&field.name).is_some_and(|v| v.is_none()) {
                rec.review.flag(Reason::CancelWithoutDate);
                // A tick read unsurely with no date beside it: a cancellation always names the request it
                // cancels by its date, and a dark or specked square reads as this. On the blind dev corpora
                // (seeds 7, 13 and 21) 10 such boxes were all requests, none a cancellation: the request
                // is the likelier value, the two reasons still name the box.
                if cancel_unsure {
                    det.cancels_previous = false;
                    if let Some(f) = rec.fields.get_mut("cancels_previous") {
                        f.value = json!(false);
                    }
                }
            }
            // A date typed there: digits enough for one, whether or not it normalizes.
            let date_read =
                ex.fields.get(&field.name).is_some_and(|f| f.raw.chars().filter(char::is_ascii_digit).count() >= 6);
            if !ticked(cb) && date_read {
                rec.review.flag(Reason::DateWithoutCancel);
            }
        }
    }
    // "Complete box 1 or 2": a request on box 2 alone has no probable cause to state.
    let transfer_alone = transferred && causes_sure;
    if det.probable_cause.is_empty() && !det.cancels_previous && !transfer_alone && causes_printed {
        rec.review.flag(Reason::NoProbableCause);
    }
    // The dates and the event number against each other, once the cancel box says what the event number
    // belongs to.
    faint_issue_date(det, rec);
    issue_date_one_digit_off(det, rec);
    event_number_of_issue_month(models, det, rec);
    event_code_of_office(models, det, rec);
    event_digits(det, rec);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::geometry::Rect;
    use crate::plan::SecondRead;
    use crate::record::PageKind;

    fn raw(text: &str, confidence: f32) -> RawField {
        RawField {
            raw: text.into(),
            bbox: Rect::new(100, 240, 108, 25),
            confidence,
            method: "label:Subject ID".into(),
            ..RawField::default()
        }
    }

    #[test]
    fn a_name_part_read_apart_at_a_wide_gap_is_joined_up() {
        let models = Models::builtin().unwrap();
        let join = |family: &str, given: &str| {
            split_parts_joined(&models, family, given).map(|(v, note)| match v {
                Value::Name { name, .. } => (name, note),
                _ => unreachable!("a name"),
            })
        };
        assert_eq!(
            join("MONTE IRO", "ANTONIO"),
            Some(("MONTEIRO, ANTONIO".into(), "joined MONTE IRO as MONTEIRO".into()))
        );
        // Two real parts stay apart, and so do parts that spell no common one together.
        assert_eq!(join("MONTE CRISTO", "ANA"), None);
        assert_eq!(join("DE LA CRUZ", "JOSE LUIS"), None);
        assert_eq!(join("GARCIA", "DWAYNE A"), None);
    }

    #[test]
    fn a_faint_issue_date_is_kept_named_when_its_event_month_and_arrival_agree() {
        let faint = |raw: &str, event: &str, received: &str| {
            let mut det = Detainer { event_number: Some(event.into()), ..Detainer::default() };
            let mut rec = Record::new(Kind::Detainer, Source::default());
            rec.fax.received_at = Some(received.into());
            rec.fields.insert("date_issued".into(), Field { raw: raw.into(), ..Field::default() });
            rec.review.flag(Reason::LowConfidence("date_issued".into()));
            faint_issue_date(&mut det, &mut rec);
            (det.date_issued, rec)
        };
        let (date, rec) = faint("-11/30/2018 -", "BOS1811001732", "2018-11-30T08:12");
        assert_eq!(date.as_deref(), Some("2018-11-30"));
        assert_eq!(rec.fields["date_issued"].value, json!("2018-11-30"));
        assert!(rec.review.reasons.contains(&"date_issued:low_confidence".to_string()));
        assert!(rec.fields["date_issued"].corrected.as_deref().unwrap().contains("read faintly"));
        // Received before it, or in another month than its event number's: nothing vouches for it.
        assert_eq!(faint("03/27/2021", "BOS2103003398", "2021-03-24T10:00").0, None);
        assert_eq!(faint("06/20/2021", "BOS2105001945", "2021-06-20T10:00").0, None);
        // Received weeks after it.
        assert_eq!(faint("06/02/2021", "BOS2106001945", "2021-06-30T10:00").0, None);
    }

    #[test]
    fn an_issue_date_a_digit_off_where_the_facts_place_it_is_read_so_named() {
        let read = |raw: &str, value: Option<&str>, event: Option<&str>, received: Option<&str>| {
            let mut det = Detainer {
                event_number: event.map(Into::into),
                date_issued: value.map(Into::into),
                ..Detainer::default()
            };
            let mut rec = Record::new(Kind::Detainer, Source::default());
            rec.fax.received_at = received.map(Into::into);
            rec.fax.header.received_at_source = Some("tiff_datetime".into());
            rec.fields.insert("date_issued".into(), Field { raw: raw.into(), ..Field::default() });
            rec.review.flag(Reason::LowConfidence("date_issued".into()));
            issue_date_one_digit_off(&mut det, &mut rec);
            (det.date_issued, rec.review.reasons)
        };
        // The event number's month, a copy faxed years later: the year's digit.
        let (date, reasons) = read("09/08/2018", Some("2018-09-08"), Some("BOS1609001062"), Some("2019-11-21T12:03"));
        assert_eq!(date.as_deref(), Some("2016-09-08"));
        assert_eq!(reasons, ["date_issued:one_digit_off"]);
        // No event number: the arrival, within two weeks; a date read after it (refused) too.
        let (date, _) = read("07/21/2014", Some("2014-07-21"), None, Some("2015-07-21T07:34"));
        assert_eq!(date.as_deref(), Some("2015-07-21"));
        assert_eq!(read("06/30/2075", None, None, Some("2025-07-01T18:02")).0.as_deref(), Some("2025-06-30"));
        // An arrival read off the header line (by OCR too) vouches for nothing.
        let mut det = Detainer { date_issued: Some("2014-07-21".into()), ..Detainer::default() };
        let mut rec = Record::new(Kind::Detainer, Source::default());
        rec.fax.received_at = Some("2015-07-21T07:34".into());
        rec.fax.header.received_at_source = Some("header_line".into());
        rec.fields.insert("date_issued".into(), Field { raw: "07/21/2014".into(), ..Field::default() });
        issue_date_one_digit_off(&mut det, &mut rec);
        assert_eq!(det.date_issued.as_deref(), Some("2014-07-21"));
        // Placed as read, or by nothing: left alone.
        let (date, reasons) = read("09/08/2016", Some("2016-09-08"), Some("BOS1609001062"), None);
        assert_eq!(
            (date.as_deref(), reasons.as_slice()),
            (Some("2016-09-08"), ["date_issued:low_confidence".to_string()].as_slice())
        );
        assert_eq!(read("09/08/2018", Some("2018-09-08"), None, None).0.as_deref(), Some("2018-09-08"));
        // The arrival vouches for it, in another month than the event number's (a cancellation's): it stands.
        let (date, _) = read("12/06/2025", Some("2025-12-06"), Some("BOS2511001203"), Some("2025-12-08T18:03"));
        assert_eq!(date.as_deref(), Some("2025-12-06"));
        // A cancellation's event number is the cancelled request's, of an earlier month: nothing is changed.
        let mut det = Detainer {
            date_issued: Some("2016-04-09".into()),
            event_number: Some("BOS1602000125".into()),
            cancels_previous: true,
            ..Detainer::default()
        };
        let mut rec = Record::new(Kind::Detainer, Source::default());
        rec.fields.insert("date_issued".into(), Field { raw: "04/09/2016".into(), ..Field::default() });
        issue_date_one_digit_off(&mut det, &mut rec);
        assert_eq!(det.date_issued.as_deref(), Some("2016-04-09"));
        det.cancels_previous = false;
        issue_date_one_digit_off(&mut det, &mut rec);
        assert_eq!(det.date_issued.as_deref(), Some("2016-02-09"), "the same, not a cancellation");
        // An event number that lost a digit (`PRC161000791` for `PRC1611000791`) places nothing.
        assert_eq!(read("11/05/2016", Some("2016-11-05"), Some("PRC161000791"), None).0.as_deref(), Some("2016-11-05"));
        // The event number's month but after the fax arrived: no date is taken.
        assert_eq!(
            read("03/08/2016", Some("2016-03-08"), Some("BOS1608000125"), Some("2016-03-10")).0.as_deref(),
            Some("2016-03-08")
        );
    }

    #[test]
    fn a_faint_lone_m_or_f_is_kept_as_the_sex_named() {
        let faint = |read: &str| {
            let (det, rec) = record(&[("sex", raw(read, 0.0))], &[]);
            (det.subject.sex, rec)
        };
        for (raw, sex) in [("M", "M"), ("F.", "F"), ("\u{2018}M", "M"), ("M,", "M")] {
            let (got, rec) = faint(raw);
            assert_eq!(got.as_deref(), Some(sex), "{raw}");
            assert_eq!(rec.fields["sex"].value, json!(sex));
            assert!(rec.review.reasons.contains(&"sex:low_confidence".to_string()), "{raw}: stays named");
            assert!(rec.fields["sex"].corrected.as_deref().unwrap().contains("read faintly"));
        }
        // A faint read that spells no capital M or F alone or first (a speck's small letter at most beside
        // it, see `faint_but_plain`) is no sex: a misread, a tick's X, a lower case, two capitals.
        for raw in ["a", "So", "E", "X", "m", "MM", "XM", "mE"] {
            assert_eq!(faint(raw).0, None, "{raw}");
        }
    }

    /// The record of an I-247A request whose fields are `first` (all others missing), with `seconds`.
    fn record(first: &[(&str, RawField)], seconds: &[(&str, &str, Outcome)]) -> (Detainer, Record) {
        with_boxes(first, seconds, &[])
    }

    /// A checkbox read with `ink` inside it and `beside` it.
    fn square(ink: f32, beside: f32) -> BoxState {
        BoxState { checked: Some(ink > crate::page::squares::TICK_INK), bbox: Rect::new(60, 900, 28, 28), ink, beside }
    }

    /// `b` moved right by `dx`.
    fn moved(b: &BoxState, dx: i32) -> BoxState {
        BoxState { bbox: Rect { x: b.bbox.x + dx, ..b.bbox }, ..b.clone() }
    }

    /// As [`record`], with checkboxes `boxes` (option, box) found.
    fn with_boxes(
        first: &[(&str, RawField)],
        seconds: &[(&str, &str, Outcome)],
        boxes: &[(&str, BoxState)],
    ) -> (Detainer, Record) {
        with_boxes_of(PageKind::I247aRequest, first, seconds, boxes)
    }

    /// As [`with_boxes`], on the request page of the form `kind` names.
    fn with_boxes_of(
        kind: PageKind,
        first: &[(&str, RawField)],
        seconds: &[(&str, &str, Outcome)],
        boxes: &[(&str, BoxState)],
    ) -> (Detainer, Record) {
        let models = Models::builtin().unwrap();
        let form = models.form_for(kind).unwrap();
        let mut ex = Extraction::default();
        ex.fields.extend(first.iter().map(|(n, r)| (n.to_string(), r.clone())));
        ex.checkboxes.extend(boxes.iter().map(|(n, b)| (n.to_string(), b.clone())));
        let seconds: SecondReads = seconds
            .iter()
            .map(|&(n, text, outcome)| {
                let raw = RawField { method: "second_read".into(), ..raw(text, 0.9) };
                (n.to_string(), SecondRead { raw, outcome, check: false, third: None, checked: None })
            })
            .collect();
        let at = page_one();
        let (mut det, mut rec) = (Detainer::default(), Record::new(Kind::Detainer, Source::default()));
        normalize_fields(&models, form, &ex, &seconds, &at, &mut det, &mut rec);
        (det, rec)
    }

    /// Page 1 of a file, as stored: where the tests' values are read.
    fn page_one() -> Place {
        Place {
            page: 1,
            frame: crate::page::prepare::PreparedPage::unrotated(vec![255; 4], 2, 2, 200).frame,
            accents: Vec::new(),
        }
    }

    fn reasons_of<'a>(rec: &'a Record, field: &str) -> Vec<&'a str> {
        rec.review.reasons.iter().map(String::as_str).filter(|r| r.starts_with(&format!("{field}:"))).collect()
    }

    #[test]
    fn an_event_number_without_ten_digits_after_its_code_is_kept_and_named() {
        for (event, named) in
            [("BOS2503000123", false), ("LESC2503000123", false), ("LES221100291", true), ("BOS15022000100", true)]
        {
            let det = Detainer { event_number: Some(event.into()), ..Detainer::default() };
            let mut rec = Record::new(Kind::Detainer, Source::default());
            event_digits(&det, &mut rec);
            assert_eq!(rec.review.reasons == ["event_number:digits_unusual"], named, "{event}");
            assert_eq!(det.event_number.as_deref(), Some(event));
        }
    }

    #[test]
    fn a_part_the_accents_reader_reads_with_a_mark_is_not_respelt_by_the_engines_choices() {
        // Lists of names that lack JOAO (the built-in world list holds it), and JOAN a common name.
        let mut models = Models::builtin().unwrap();
        models.calibration.name_parts = crate::review::calibration::NameParts::parse("SILVA\nJOAN\n");
        let choice = crate::ocr::Choice { at: 3, ch: 'N', conf: 30.0 };
        let raw: Vec<WordChoices> = vec![("JOAO".into(), vec![choice])];
        let given = |r: Option<(Value, String)>| match r {
            Some((Value::Name { given, .. }, _)) => Some(given),
            _ => None,
        };
        // JOAO is in no list and JOAN a common name: the engine's choice alone would respell it.
        assert_eq!(given(by_choices(&models, "SILVA", "JOAO", &raw, &[])).as_deref(), Some("JOAN"));
        // The accents reader read JOÃO: printed with its mark, not misread.
        let accents = [crate::ocr::Word { text: "JOÃO".into(), conf: 80.0, ..Default::default() }];
        assert_eq!(given(by_choices(&models, "SILVA", "JOAO", &raw, &accents)), None);
    }

    #[test]
    fn a_name_part_still_unlisted_is_respelt_as_a_coarse_scans_lost_strokes_spell_a_listed_one() {
        let mut models = Models::builtin().unwrap();
        models.calibration.name_parts = crate::review::calibration::NameParts::parse("JESUS\nWISNIEWSKI\nLUIS\n");
        let named = |family: &str, given: &str| {
            let mut det = Detainer::default();
            let mut rec = Record::new(Kind::Detainer, Source::default());
            let value = Value::Name { name: format!("{family}, {given}"), family: family.into(), given: given.into() };
            let shown = store(&mut det, "name", Some(value));
            rec.fields.insert("name".into(), Field { value: shown, ..Field::default() });
            (det, rec)
        };
        let (mut det, mut rec) = named("WISNLEWSKL", "JFSUS LUIS");
        with_lost_strokes(&models, &mut det, &mut rec);
        assert_eq!(det.subject.name.as_deref(), Some("WISNIEWSKI, JESUS LUIS"));
        assert_eq!(rec.fields["name"].value, json!("WISNIEWSKI, JESUS LUIS"));
        assert_eq!(rec.fields["name"].checks, ["respelt_by_lost_strokes"]);
        assert!(rec.fields["name"].corrected.as_deref().is_some_and(|c| c.contains("JFSUS as JESUS")));
        // Listed parts, parts with marks and parts no lost stroke makes a listed one stay as read.
        let (mut det, mut rec) = named("JESÚS", "LUIS KFISHA");
        with_lost_strokes(&models, &mut det, &mut rec);
        assert_eq!(det.subject.name.as_deref(), Some("JESÚS, LUIS KFISHA"));
        assert!(rec.fields["name"].corrected.is_none() && rec.fields["name"].checks.is_empty());
    }

    #[test]
    fn a_name_takes_the_marks_the_accents_reader_reads_surely() {
        let word = |text: &str, conf: f32| crate::ocr::Word { text: text.into(), conf, ..Default::default() };
        let named = |family: &str, given: &str| {
            let mut det = Detainer::default();
            let mut rec = Record::new(Kind::Detainer, Source::default());
            let name = format!("{family}, {given}");
            let value = Value::Name { name, family: family.into(), given: given.into() };
            let shown = store(&mut det, "name", Some(value));
            rec.fields.insert("name".into(), Field { value: shown, ..Field::default() });
            (det, rec)
        };
        // A mark the English read dropped, and one it took for another letter (`Ç` read `G`).
        let (mut det, mut rec) = named("DOS SANTOS CONCEIGAO", "JOAO");
        let read = [word("[DOS", 79.0), word("santos", 59.0), word("Conceição,", 95.6), word("JOÃO", 93.7)];
        with_accents(&read, &mut det, &mut rec);
        assert_eq!(det.subject.name.as_deref(), Some("DOS SANTOS CONCEIÇÃO, JOÃO"));
        assert_eq!(det.subject.given_names.as_deref(), Some("JOÃO"));
        assert_eq!(rec.fields["name"].value, json!("DOS SANTOS CONCEIÇÃO, JOÃO"));
        assert!(rec.fields["name"].corrected.as_deref().is_some_and(|c| c.contains("accents")));
        assert_eq!(rec.review.reasons, ["name:reads_disagree"]);
        // A hyphenated family name is one word to the reader: its part with the mark takes it.
        let (mut det, mut rec) = named("PEREIRA-CONCEICAO", "RODRIGO");
        with_accents(&[word("-PEREIRA-CONCEIÇÃO,", 93.0), word("RODRIGO", 96.0)], &mut det, &mut rec);
        assert_eq!(det.subject.name.as_deref(), Some("PEREIRA-CONCEIÇÃO, RODRIGO"));
        // A mark read unsurely, another word, or no mark at all: the name stays as read.
        let (mut det, mut rec) = named("DE LEON-ALMONTE", "MARIA");
        let read = [word("LEON-ALMÓNTE,", 81.6), word("MARÍO", 95.0), word("MARIA", 96.0)];
        with_accents(&read, &mut det, &mut rec);
        assert_eq!(det.subject.name.as_deref(), Some("DE LEON-ALMONTE, MARIA"));
        assert!(rec.fields["name"].corrected.is_none() && rec.review.reasons.is_empty());
        // A space the English read lost, read by the accents reader: the part is split (and named).
        let (mut det, mut rec) = named("PATEL", "IMRANSURESH");
        let read = [word("PATEL,", 95.0), word("IMRAN", 96.0), word("SURESH", 96.5)];
        with_accents(&read, &mut det, &mut rec);
        assert_eq!(det.subject.name.as_deref(), Some("PATEL, IMRAN SURESH"));
        assert_eq!(rec.review.reasons, ["name:reads_disagree"]);
        assert_eq!(spelt_apart("DELEON", "DE", "LEÓN"), Some("DE LEÓN".into()));
        assert_eq!(spelt_apart("IMRANSURESH", "IMRAN", "SURESK"), None);
        assert_eq!(spelt_apart("ANAB", "ANA", "B"), None);
        assert_eq!(accented("ALMONTE", "ALMÓNTE"), Some("ALMÓNTE".into()));
        assert_eq!(accented("PEANCISCO", "Peangisço"), None);
    }

    #[test]
    fn a_second_read_confirms_corrects_or_sends_to_review() {
        // A valid value read with low confidence: confirmed by the second read, it needs no review.
        let (det, rec) =
            record(&[("subject_id", raw("123456789", 0.5))], &[("subject_id", "123456789", Outcome::Agree)]);
        assert_eq!(det.subject_id.as_deref(), Some("123456789"));
        assert!(reasons_of(&rec, "subject_id").is_empty(), "{:?}", rec.review.reasons);
        assert_eq!(rec.fields["subject_id"].method.as_deref(), Some("label:Subject ID+confirmed_by_second_read"));
        assert_eq!(rec.fields["subject_id"].checks, ["reread_agrees"]);
        // Unconfirmed (the second read gives no valid value), it carries that as evidence against it; its
        // calibrated confidence decides its review.
        let (_, rec) = record(&[("subject_id", raw("123456789", 0.5))], &[("subject_id", "12345", Outcome::Unsure)]);
        assert_eq!(rec.fields["subject_id"].checks, ["reread_unread"]);
        assert!(reasons_of(&rec, "subject_id").is_empty(), "{:?}", rec.review.reasons);
        // Two valid values: the first kept, the field named for review.
        let (det, rec) =
            record(&[("subject_id", raw("123456789", 0.5))], &[("subject_id", "123456780", Outcome::Disagree)]);
        assert_eq!(det.subject_id.as_deref(), Some("123456789"));
        assert!(reasons_of(&rec, "subject_id").contains(&"subject_id:reads_disagree"), "{:?}", rec.review.reasons);
        // An invalid first read corrected by a valid second one: its value, text and method are the second's.
        let (det, rec) =
            record(&[("subject_id", raw("12E456789", 0.9))], &[("subject_id", "123456789", Outcome::SecondOnly)]);
        assert_eq!(det.subject_id.as_deref(), Some("123456789"));
        assert!(reasons_of(&rec, "subject_id").is_empty(), "{:?}", rec.review.reasons);
        let f = &rec.fields["subject_id"];
        assert_eq!(
            (f.raw.as_str(), f.method.as_deref()),
            ("123456789", Some("label:Subject ID+corrected_by_second_read"))
        );
        // A valid first value too faint to keep, and another read again: the second is taken, and named.
        let (det, rec) = record(&[("dob", raw("03/29/1964", 0.1))], &[("dob", "03/29/1984", Outcome::SecondOverFaint)]);
        assert_eq!(det.subject.dob.as_deref(), Some("1984-03-29"));
        assert_eq!(reasons_of(&rec, "dob"), ["dob:reads_disagree"]);
        assert_eq!(rec.fields["dob"].checks, ["reread_only"]);
    }

    /// A check read (the legacy engine's, of a confident value) is evidence for the calibration only:
    /// whatever it reads, the value is the first read's and no reason names the field for it.
    #[test]
    fn a_check_read_is_evidence_and_changes_no_value() {
        let models = Models::builtin().unwrap();
        let form = models.form_for(PageKind::I247aRequest).unwrap();
        let mut ex = Extraction::default();
        for (n, text) in [("subject_id", "123456789"), ("a_number", "A123456789"), ("dob", "01/01/1980")] {
            ex.fields.insert(n.into(), raw(text, 0.96));
        }
        let check = |text: &str, outcome| {
            let raw = RawField { method: "check_read".into(), ..raw(text, 0.8) };
            SecondRead { raw, outcome, check: true, third: None, checked: None }
        };
        let seconds: SecondReads = [
            ("subject_id".to_string(), check("123456789", Outcome::Agree)),
            ("a_number".to_string(), check("A123456780", Outcome::Disagree)),
            ("dob".to_string(), check("01/1", Outcome::Unsure)),
        ]
        .into_iter()
        .collect();
        let at = page_one();
        let (mut det, mut rec) = (Detainer::default(), Record::new(Kind::Detainer, Source::default()));
        normalize_fields(&models, form, &ex, &seconds, &at, &mut det, &mut rec);
        assert_eq!(
            (det.subject_id.as_deref(), det.a_number.as_deref(), det.subject.dob.as_deref()),
            (Some("123456789"), Some("A123456789"), Some("1980-01-01"))
        );
        for (field, evidence) in
            [("subject_id", "check_agrees"), ("a_number", "check_differs"), ("dob", "check_unread")]
        {
            assert_eq!(rec.fields[field].checks, [evidence], "{field}");
            assert_eq!(rec.fields[field].method.as_deref(), Some("label:Subject ID"), "{field}");
            assert!(reasons_of(&rec, field).is_empty(), "{field}: {:?}", rec.review.reasons);
        }
        // A value the second read confirmed and the check read gives otherwise: both are evidence.
        let second = RawField { method: "second_read".into(), ..raw("123456789", 0.9) };
        let confirmed = SecondRead {
            raw: second,
            outcome: Outcome::Agree,
            check: false,
            third: None,
            checked: Some(Outcome::Disagree),
        };
        let seconds: SecondReads = [("subject_id".to_string(), confirmed)].into_iter().collect();
        let (mut det, mut rec) = (Detainer::default(), Record::new(Kind::Detainer, Source::default()));
        normalize_fields(&models, form, &ex, &seconds, &at, &mut det, &mut rec);
        assert_eq!(det.subject_id.as_deref(), Some("123456789"));
        assert_eq!(rec.fields["subject_id"].checks, ["reread_agrees", "check_differs"]);
    }

    /// Two valid values and a third read: the value two readers of three give is kept, the disagreement
    /// left to its calibrated confidence; three values read, the one nearest the other two, and the field
    /// named for the disagreement, as when no third read gave either value.
    #[test]
    fn a_third_read_decides_between_two_and_the_field_is_named_unless_two_of_three_agree() {
        let models = Models::builtin().unwrap();
        let form = models.form_for(PageKind::I247aRequest).unwrap();
        let mut ex = Extraction::default();
        ex.fields.insert("subject_id".into(), raw("123456780", 0.6));
        let at = page_one();
        for (third, kept, method) in [
            (Some(Third::Second), "123456789", "label:Subject ID+corrected_by_second_and_third_reads"),
            (Some(Third::First), "123456780", "label:Subject ID+kept_by_third_read"),
            // Three values: the one nearest the other two (here the third read's).
            (
                Some(Third::Nearest(RawField { method: "check_read".into(), ..raw("123456788", 0.8) })),
                "123456788",
                "label:Subject ID+nearest_of_three_reads",
            ),
            (None, "123456780", "label:Subject ID"),
        ] {
            let second = RawField { method: "second_read".into(), ..raw("123456789", 0.9) };
            let read = SecondRead {
                raw: second,
                outcome: Outcome::Disagree,
                check: false,
                third: third.clone(),
                checked: None,
            };
            let seconds: SecondReads = [("subject_id".to_string(), read)].into_iter().collect();
            let (mut det, mut rec) = (Detainer::default(), Record::new(Kind::Detainer, Source::default()));
            normalize_fields(&models, form, &ex, &seconds, &at, &mut det, &mut rec);
            assert_eq!(det.subject_id.as_deref(), Some(kept), "{third:?}");
            assert_eq!(rec.fields["subject_id"].method.as_deref(), Some(method), "{third:?}");
            let named = reasons_of(&rec, "subject_id").contains(&"subject_id:reads_disagree");
            let two_of_three = matches!(third, Some(Third::First | Third::Second));
            assert_eq!(named, !two_of_three, "{third:?}: {:?}", rec.review.reasons);
            assert!(rec.fields["subject_id"].checks.contains(&"reread_disagrees".to_string()), "{third:?}");
        }
    }

    #[test]
    fn an_event_number_under_no_offices_code_is_kept_and_named() {
        let (det, rec) = record(&[("event_number", raw("NIW1306001615", 0.95))], &[]);
        assert_eq!(det.event_number.as_deref(), Some("NIW1306001615"));
        assert_eq!(reasons_of(&rec, "event_number"), ["event_number:code_unknown"]);
        // A national center's event code is its own, not its code's first letters (PERC's is PRC).
        for known in ["NEW1306001615", "PRC2103001355", "LES1805000391"] {
            let (det, rec) = record(&[("event_number", raw(known, 0.95))], &[]);
            assert_eq!(det.event_number.as_deref(), Some(known));
            assert!(reasons_of(&rec, "event_number").is_empty(), "{known}: {:?}", rec.review.reasons);
        }
    }

    #[test]
    fn an_event_number_that_does_not_read_is_read_with_its_office_and_issue_month() {
        let from = ("issuing_office", raw("ICE Newark Field Office / 970 Broad Street / Newark, NJ 07102", 0.95));
        let issued = ("date_issued", raw("06/02/2025", 0.95));
        let (det, rec) = record(&[("event_number", raw("NEW?2906002696", 0.90)), from.clone(), issued.clone()], &[]);
        assert_eq!(det.event_number.as_deref(), Some("NEW2506002696"));
        assert_eq!(rec.fields["event_number"].value, json!("NEW2506002696"));
        assert!(rec.fields["event_number"].corrected.as_deref().unwrap().contains("read NEW2906 as NEW2506"));
        assert_eq!(reasons_of(&rec, "event_number"), ["event_number:read_with_issue_date"]);
        // Too faint to be trusted as read, the same: the office and the month vouch for its start.
        let (det, rec) = record(&[("event_number", raw("NEW2506002696", 0.05)), from.clone(), issued.clone()], &[]);
        assert_eq!(det.event_number.as_deref(), Some("NEW2506002696"));
        assert_eq!(reasons_of(&rec, "event_number"), ["event_number:read_with_issue_date"]);
        // Without an issue date, or two characters off its start, it stays refused.
        let (det, rec) = record(&[("event_number", raw("NEW?2906002696", 0.90)), from.clone()], &[]);
        assert_eq!(det.event_number, None);
        assert_eq!(reasons_of(&rec, "event_number"), ["event_number:pattern_mismatch"]);
        let (det, _) = record(&[("event_number", raw("NEW?2911002696", 0.90)), from, issued], &[]);
        assert_eq!(det.event_number, None);
    }

    #[test]
    fn an_unknown_event_code_one_letter_from_the_issuing_offices_is_the_offices() {
        let from = ("issuing_office", raw("ICE Newark Field Office / 970 Broad Street / Newark, NJ 07102", 0.95));
        let (det, rec) = record(&[("event_number", raw("NIW1306001615", 0.95)), from.clone()], &[]);
        assert_eq!(det.issuing_office.code.as_deref(), Some("NEW"));
        assert_eq!(det.event_number.as_deref(), Some("NEW1306001615"));
        assert_eq!(rec.fields["event_number"].value, json!("NEW1306001615"));
        assert_eq!(rec.fields["event_number"].corrected.as_deref(), Some("code NIW→NEW, the issuing office's"));
        assert!(reasons_of(&rec, "event_number").is_empty(), "{:?}", rec.review.reasons);
        // Two letters off the office's code: not a misread of it, kept and named.
        let (det, rec) = record(&[("event_number", raw("NIX1306001615", 0.95)), from], &[]);
        assert_eq!(det.event_number.as_deref(), Some("NIX1306001615"));
        assert_eq!(reasons_of(&rec, "event_number"), ["event_number:code_unknown"]);
    }

    #[test]
    fn a_faint_value_two_readers_agree_on_is_kept() {
        // Tesseract scores a lone letter in a ruled cell near 0: read once, it is not trusted, but for a
        // lone M or F (see `faint_but_plain`), kept named.
        let (det, rec) = record(&[("sex", raw("M", 0.0))], &[]);
        assert_eq!(det.subject.sex.as_deref(), Some("M"));
        assert_eq!(reasons_of(&rec, "sex"), ["sex:low_confidence"]);
        // So is one read with a speck's letter glued on, or first before noise; not two capitals.
        for (read, sex) in [("Me", Some("M")), ("M> cet. oo,", Some("M")), ("F 0 oo", Some("F")), ("MO", None)] {
            let (det, _) = record(&[("sex", raw(read, 0.0))], &[]);
            assert_eq!(det.subject.sex.as_deref(), sex, "{read}");
        }
        let (det, rec) = record(&[("citizenship", raw("MEXICO", 0.0))], &[]);
        assert_eq!(det.subject.citizenship, None);
        assert_eq!(reasons_of(&rec, "citizenship"), ["citizenship:low_confidence"]);
        // The second model read the same: it is the value (its calibrated confidence decides its review).
        let (det, rec) = record(&[("sex", raw("M", 0.0))], &[("sex", "M", Outcome::Agree)]);
        assert_eq!(det.subject.sex.as_deref(), Some("M"));
        assert_eq!(rec.fields["sex"].checks, ["reread_agrees"]);
        // Read otherwise the second time, it stays refused.
        let (det, _) = record(&[("sex", raw("M", 0.0))], &[("sex", "F", Outcome::Disagree)]);
        assert_eq!(det.subject.sex, None);
    }

    #[test]
    fn the_2012_i247s_boxes_say_what_dhs_has_done() {
        let (e, t) = (square(0.0, 0.0), square(0.4, 0.0));
        let boxes = |b: [&BoxState; 5]| {
            let options = ["investigation", "removal_proceedings", "arrest_warrant", "final_order", "cancels_previous"];
            options.into_iter().zip(b.map(BoxState::clone)).collect::<Vec<_>>()
        };
        // Proceedings begun and a warrant of arrest for them served: one cause, pending proceedings.
        let (det, rec) = with_boxes_of(PageKind::I247, &[], &[], &boxes([&e, &t, &t, &e, &e]));
        assert_eq!(det.probable_cause, [ProbableCause::RemovalProceedings]);
        assert!(reasons_of(&rec, "probable_cause").is_empty(), "{:?}", rec.review.reasons);
        let (det, _) = with_boxes_of(PageKind::I247, &[], &[], &boxes([&e, &e, &t, &t, &e]));
        assert_eq!(det.probable_cause, [ProbableCause::RemovalProceedings, ProbableCause::FinalOrder]);
        // An investigation begun is no probable cause: the request states none, and a person must look.
        let (det, rec) = with_boxes_of(PageKind::I247, &[], &[], &boxes([&t, &e, &e, &e, &e]));
        assert!(det.probable_cause.is_empty());
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:none_checked"]);
    }

    #[test]
    fn a_printing_without_probable_cause_boxes_states_no_cause() {
        let models = Models::builtin().unwrap();
        let form = models.form_for(PageKind::I247n).unwrap();
        let at = page_one();
        let read = |not_printed: &[&str]| {
            let ex =
                Extraction { not_printed: not_printed.iter().map(|g| g.to_string()).collect(), ..Default::default() };
            let (mut det, mut rec) = (Detainer::default(), Record::new(Kind::Detainer, Source::default()));
            normalize_fields(&models, form, &ex, &SecondReads::new(), &at, &mut det, &mut rec);
            (det, rec)
        };
        // Boxes printed but not found: unknown, each named, and no cause stated is a question too.
        let (det, rec) = read(&[]);
        assert!(det.probable_cause.is_empty());
        assert!(rec.review.reasons.contains(&"checkbox_not_found:final_order".to_string()));
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:none_checked"]);
        // The I-247N's priorities in their place: no cause is the form's answer, and nothing is unread
        // (nor is a cancel box whose sentence no line holds).
        let (det, rec) = read(&["probable_cause", "cancel"]);
        assert!(det.probable_cause.is_empty());
        assert!(!rec
            .review
            .reasons
            .iter()
            .any(|r| r.starts_with("checkbox_not_found:") || r.starts_with("probable_cause:")));
    }

    #[test]
    fn the_legacy_forms_ticked_cancel_box_makes_a_cancellation() {
        let (e, t) = (square(0.0, 0.0), square(0.4, 0.0));
        let causes = ["final_order", "removal_proceedings", "biometric", "statements"].map(|o| (o, e.clone()));
        let date = RawField { method: "after:previously submitted to you on".into(), ..raw("03/05/2016 (date).", 0.9) };
        let mut boxes = causes.to_vec();
        boxes.push(("cancels_previous", t.clone()));
        let (det, rec) = with_boxes_of(PageKind::I247d, &[("cancelled_request_date", date.clone())], &[], &boxes);
        assert!(det.cancels_previous);
        assert_eq!(det.cancelled_request_date.as_deref(), Some("2016-03-05"));
        assert!(reasons_of(&rec, "cancels_previous").is_empty(), "{:?}", rec.review.reasons);
        // Its box empty, with no date typed: a request, nothing to say.
        boxes[4].1 = e.clone();
        let (det, rec) = with_boxes_of(PageKind::I247d, &[], &[], &boxes);
        assert!(!det.cancels_previous && det.cancelled_request_date.is_none());
        assert!(reasons_of(&rec, "cancels_previous").is_empty(), "{:?}", rec.review.reasons);
    }

    #[test]
    fn doubtful_boxes_name_their_field() {
        let (e, t) = (square(0.0, 0.0), square(0.4, 0.0));
        let causes = |b: [&BoxState; 4]| {
            ["final_order", "removal_proceedings", "biometric", "statements"].into_iter().zip(b.map(BoxState::clone))
        };
        // Clear boxes: one cause, no cancel, nothing to say about them.
        let mut boxes: Vec<(&str, BoxState)> = causes([&t, &e, &e, &e]).collect();
        boxes.push(("cancels_previous", e.clone()));
        let (det, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(det.probable_cause, [ProbableCause::FinalOrder]);
        assert!(reasons_of(&rec, "probable_cause").is_empty() && reasons_of(&rec, "cancels_previous").is_empty());
        // A box whose ink is near the threshold, or run over from the margin.
        for unsure in [square(0.06, 0.0), square(0.03, 0.0), square(0.3, 0.2)] {
            let mut boxes: Vec<(&str, BoxState)> = causes([&t, &unsure, &e, &e]).collect();
            boxes.push(("cancels_previous", e.clone()));
            let (_, rec) = with_boxes(&[], &[], &boxes);
            assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:box_unsure"], "{unsure:?}");
            boxes[4].1 = unsure.clone();
            boxes[1].1 = e.clone();
            let (_, rec) = with_boxes(&[], &[], &boxes);
            assert!(reasons_of(&rec, "cancels_previous").contains(&"cancels_previous:box_unsure"), "{unsure:?}");
        }
        // Squares out of line: a cause's box right of the others; a cancel box right of them (a bullet's box).
        let mut boxes: Vec<(&str, BoxState)> = causes([&t, &e, &moved(&e, 20), &e]).collect();
        boxes.push(("cancels_previous", moved(&e, -20)));
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:box_unsure"]);
        assert!(reasons_of(&rec, "cancels_previous").is_empty(), "{:?}", rec.review.reasons);
        boxes[2].1 = e.clone();
        boxes[4].1 = moved(&e, 17);
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert!(reasons_of(&rec, "probable_cause").is_empty(), "{:?}", rec.review.reasons);
        assert_eq!(reasons_of(&rec, "cancels_previous"), ["cancels_previous:box_unsure"]);
        // No cause ticked: named, unless box 2 (the other basis) is surely ticked and the causes surely empty.
        let mut boxes: Vec<(&str, BoxState)> = causes([&e, &e, &e, &e]).collect();
        boxes.push(("cancels_previous", e.clone()));
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:none_checked"]);
        boxes.push(("transferred", t.clone()));
        let (det, rec) = with_boxes(&[], &[], &boxes);
        assert!(det.probable_cause.is_empty() && reasons_of(&rec, "probable_cause").is_empty());
        boxes[5].1 = square(0.08, 0.0);
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:none_checked"]);
        // Box 2's square right of the column is a bullet's box (ICE / CBP): the column's count came out
        // right by a square lost above it, so section 1's boxes may each be their neighbour's.
        boxes[5].1 = moved(&t, 17);
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:box_unsure", "probable_cause:none_checked"]);
        boxes[0].1 = t.clone();
        let (det, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(det.probable_cause, [ProbableCause::FinalOrder]);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:box_unsure"]);
        // Box 2 surely ticked and a cause too: one of them is misread.
        boxes[5].1 = t.clone();
        boxes[0].1 = t.clone();
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:box_unsure"]);
        // Every cause ticked, box 2 not: a noisy scan inks every square as often as a request gives all four.
        let mut all: Vec<(&str, BoxState)> = causes([&t, &t, &t, &t]).collect();
        all.push(("cancels_previous", e.clone()));
        let (det, rec) = with_boxes(&[], &[], &all);
        assert_eq!(det.probable_cause.len(), 4);
        assert_eq!(reasons_of(&rec, "probable_cause"), ["probable_cause:box_unsure"]);
        boxes[0].1 = e.clone();
        boxes[5].1 = t.clone();
        boxes[3].1 = square(0.04, 0.0);
        let (_, rec) = with_boxes(&[], &[], &boxes);
        assert!(reasons_of(&rec, "probable_cause").contains(&"probable_cause:none_checked"));
        // A ticked cancel box with no date beside it; then with one, and causes ticked too.
        let mut boxes: Vec<(&str, BoxState)> = causes([&e, &e, &e, &e]).collect();
        boxes.push(("cancels_previous", t.clone()));
        let (det, rec) = with_boxes(&[], &[], &boxes);
        assert!(det.cancels_previous);
        assert_eq!(reasons_of(&rec, "cancels_previous"), ["cancels_previous:no_date"]);
        assert!(reasons_of(&rec, "probable_cause").is_empty(), "{:?}", rec.review.reasons);
        // Ticked unsurely (its ink near the threshold) with no date: a request, the box still named.
        boxes[4].1 = square(0.06, 0.0);
        let (det, rec) = with_boxes(&[], &[], &boxes);
        assert!(!det.cancels_previous);
        assert_eq!(reasons_of(&rec, "cancels_previous"), ["cancels_previous:box_unsure", "cancels_previous:no_date"]);
        assert_eq!(rec.fields["cancels_previous"].value, json!(false));
        boxes[4].1 = t.clone();
        boxes[0].1 = t.clone();
        let date = RawField { method: "line_of:cancels_previous".into(), ..raw("10/24/2020", 0.9) };
        let (det, rec) = with_boxes(&[("cancelled_request_date", date.clone())], &[], &boxes);
        assert_eq!(det.cancelled_request_date.as_deref(), Some("2020-10-24"));
        assert!(reasons_of(&rec, "cancels_previous").is_empty(), "{:?}", rec.review.reasons);
        // (A cancellation may state its causes too: nothing to say about them.)
        assert!(reasons_of(&rec, "probable_cause").is_empty(), "{:?}", rec.review.reasons);
        // A date read after the cancel sentence beside an empty box.
        boxes[4].1 = e.clone();
        let (det, rec) = with_boxes(&[("cancelled_request_date", date)], &[], &boxes);
        assert!(!det.cancels_previous && det.cancelled_request_date.is_none());
        assert_eq!(reasons_of(&rec, "cancels_previous"), ["cancels_previous:date_unticked"]);
    }
}
