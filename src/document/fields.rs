//! A request's raw fields → normalized, validated values with review reasons (never a guess).

use crate::forms::extract::{Extraction, RawField};
use crate::forms::models::{FieldModel, FormModel, GroupField, Models, Normalizer, Office};
use crate::forms::normalize;
use crate::forms::readings::{self, DateRange, Read};
use crate::page::prepare::Frame;
use crate::record::*;
use crate::review::{Invalid, Reason};
use serde_json::json;

/// Below this mean OCR confidence a value is not trusted at all. Above it, whether a person must check
/// the value is the calibrated probability's call (`review::calibration`, once the record is whole).
const MIN_CONFIDENCE: f32 = 0.15;

/// Where a request page's values are, for `fields`: its number and how its boxes map to the stored page.
pub(super) struct Place {
    pub page: u32,
    pub frame: Frame,
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

/// Normalises one raw field: Some(value) when it reads, is valid and confident enough (with what the
/// normalizer changed to read it).
fn accept<T>(
    rec: &mut Record,
    name: &str,
    raw: Option<&RawField>,
    f: impl FnOnce(&str) -> Result<Read<T>, Invalid>,
) -> Option<Read<T>> {
    let Some(raw) = raw else {
        rec.review.flag(Reason::NotFound(name.into()));
        return None;
    };
    if raw.confidence < MIN_CONFIDENCE {
        rec.review.flag(Reason::LowConfidence(name.into()));
        return None;
    }
    match f(&raw.raw) {
        Ok(v) => Some(v),
        Err(why) => {
            rec.review.flag(Reason::Invalid(name.into(), why));
            None
        }
    }
}

/// A field's value once normalized.
enum Value {
    Text(String),
    Name { name: String, family: String, given: String },
    Office(Office),
}

/// `raw` as a value of `field`: the best valid reading by the normalizer its model names, valid meaning
/// it also matches the model's pattern; `dates` is the range the field's dates can fall in.
fn normalize_value(models: &Models, field: &FieldModel, raw: &str, dates: DateRange) -> Result<Read<Value>, Invalid> {
    let fits = |v: &str| field.pattern_re.as_ref().is_none_or(|re| re.is_match(v));
    let checked = |r: Read<String>| if fits(&r.value) { Ok(r.map(Value::Text)) } else { Err(Invalid::PatternMismatch) };
    match field.normalize {
        Normalizer::Digits => readings::digits(raw, &fits).map(|r| r.map(Value::Text)),
        Normalizer::Event => {
            let codes: Vec<String> = models.offices.iter().map(|o| o.code.clone()).filter(|c| c.len() == 3).collect();
            readings::event_number(raw, &codes, &fits).map(|r| r.map(Value::Text))
        }
        Normalizer::ANumber => readings::a_number(raw).and_then(checked),
        Normalizer::Date => readings::date(raw, dates).and_then(checked),
        Normalizer::Sex => readings::sex(raw).and_then(checked),
        Normalizer::Country => readings::country(raw, &models.countries).and_then(checked),
        Normalizer::Name => {
            normalize::name_read(raw).map(|r| r.map(|(name, family, given)| Value::Name { name, family, given }))
        }
        Normalizer::Office => {
            normalize::office(raw, &models.offices).map(|(o, _)| Read { value: Value::Office(o.clone()), note: None })
        }
    }
}

/// The dates field `name` can hold: a date of birth from 1900 to the request's issue date; the request's
/// own dates from 2000, when the forms in circulation began. Neither after the day the fax was received
/// (`received`, ISO), or today when that is unknown: a record read again later reads the same.
fn date_range(name: &str, det: &Detainer, received: Option<&str>) -> DateRange {
    let ymd = |d: &str| -> Option<(i32, u32, u32)> {
        let p: Vec<&str> = d.get(..10)?.split('-').collect();
        Some((p.first()?.parse().ok()?, p.get(1)?.parse().ok()?, p.get(2)?.parse().ok()?))
    };
    let last = received.and_then(ymd).unwrap_or_else(readings::today);
    if name == "dob" {
        DateRange { min: (1900, 1, 1), max: det.date_issued.as_deref().and_then(ymd).unwrap_or(last) }
    } else {
        DateRange { min: (2000, 1, 1), max: last }
    }
}

/// Puts `value` where the record contract keeps field `name`; returns what `fields.{name}.value` shows.
fn store(det: &mut Detainer, name: &str, value: Option<Value>) -> serde_json::Value {
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

/// Normalizes one field of the form: its value into the record, its reasons into review, and what was
/// read into `fields` (when anything was).
fn normalize_field(
    models: &Models,
    field: &FieldModel,
    ex: &Extraction,
    at: &Place,
    det: &mut Detainer,
    rec: &mut Record,
) {
    let raw = ex.fields.get(&field.name);
    if field.normalize == Normalizer::Office {
        // What the FROM box says is kept even when it names no known office: a person can read it.
        det.issuing_office.raw = raw.map(|r| r.raw.clone());
    }
    let dates = date_range(&field.name, det, rec.fax.received_at.as_deref());
    let read = accept(rec, &field.name, raw, |s| normalize_value(models, field, s, dates));
    let (value, corrected) = match read {
        Some(r) => (Some(r.value), r.note),
        None => (None, None),
    };
    let shown = store(det, &field.name, value);
    if let Some(r) = raw {
        rec.fields.insert(field.name.clone(), field_entry(shown, r, at, corrected));
    }
}

/// Every field and checkbox of a request page, as its form model lists them: fields first, in the
/// model's order, then the checkbox groups, then fields read on a checkbox's line (only when it is ticked).
pub(super) fn normalize_fields(
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
    at: &Place,
    det: &mut Detainer,
    rec: &mut Record,
) {
    for field in form.field.iter().filter(|f| f.line_of_checkbox.is_none()) {
        normalize_field(models, field, ex, at, det, rec);
    }
    // Checkboxes: a box that cannot be found leaves its answer unknown.
    for group in &form.checkbox_group {
        match group.field {
            GroupField::ProbableCause => {
                for option in &group.options {
                    match ex.checkboxes.get(option).and_then(|b| b.checked) {
                        Some(true) => det.probable_cause.extend(ProbableCause::from_option(option)),
                        Some(false) => {}
                        None => rec.review.flag(Reason::CheckboxNotFound(option.clone())),
                    }
                }
            }
            GroupField::CancelsPrevious => {
                let option = group.options.first().map(String::as_str).unwrap_or("cancels_previous");
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
                    }
                    None => rec.review.flag(Reason::CheckboxNotFound(option.into())),
                }
            }
        }
    }
    let ticked = |cb: &str| ex.checkboxes.get(cb).is_some_and(|b| b.checked == Some(true));
    for field in form.field.iter().filter(|f| f.line_of_checkbox.as_deref().is_some_and(ticked)) {
        normalize_field(models, field, ex, at, det, rec);
    }
    if det.probable_cause.is_empty() && !det.cancels_previous {
        rec.review.flag(Reason::NoProbableCause);
    }
}
