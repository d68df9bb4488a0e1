//! A request's raw fields → normalized, validated values with review reasons (never a guess).

use crate::forms::extract::{Extraction, RawField};
use crate::forms::models::{FieldModel, FormModel, GroupField, Models, Normalizer};
use crate::forms::readings::{self, DateRange, Read};
use crate::forms::value::{normalize_value, Value, MIN_CONFIDENCE};
use crate::page::prepare::Frame;
use crate::plan::{Outcome, SecondReads};
use crate::record::*;
use crate::review::{Invalid, Reason};
use serde_json::json;

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

/// Normalises one raw field: Some(value) when it reads and is valid (with what the normalizer changed to
/// read it). Whether a person must check a valid value is the calibrated probability's call
/// (`review::calibration`, once the record is whole).
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
    let second = seconds.get(&field.name);
    let outcome = second.map(|s| s.outcome);
    let raw = match (first, second) {
        (Some(f), Some(s)) if s.outcome == Outcome::SecondOnly => {
            Some(RawField { method: format!("{}+corrected_by_second_read", f.method), ..s.raw.clone() })
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
    let raw = match raw {
        Some(r) if !reads(&r) => r.alternates.iter().find(|a| reads(a)).cloned().or(Some(r)),
        other => other,
    };
    let read = accept(rec, &field.name, raw.as_ref(), |s| normalize_value(models, field, s, dates));
    if outcome == Some(Outcome::Disagree) {
        rec.review.flag(Reason::ReadsDisagree(field.name.clone()));
    }
    let (value, corrected) = match read {
        Some(r) => (Some(r.value), r.note),
        None => (None, None),
    };
    let shown = store(det, &field.name, value);
    if let Some(r) = &raw {
        let mut entry = field_entry(shown, r, at, corrected);
        // The second read is evidence for the value's calibrated confidence.
        entry.checks.extend(
            match outcome {
                Some(Outcome::Agree) => Some("reread_agrees"),
                Some(Outcome::Disagree) => Some("reread_disagrees"),
                Some(Outcome::SecondOnly) => Some("reread_only"),
                _ => None,
            }
            .map(String::from),
        );
        rec.fields.insert(field.name.clone(), entry);
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
        normalize_field(models, field, ex, seconds, at, det, rec);
    }
    if det.probable_cause.is_empty() && !det.cancels_previous {
        rec.review.flag(Reason::NoProbableCause);
    }
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
            alternates: Vec::new(),
        }
    }

    /// The record of an I-247A request whose fields are `first` (all others missing), with `seconds`.
    fn record(first: &[(&str, RawField)], seconds: &[(&str, &str, Outcome)]) -> (Detainer, Record) {
        let models = Models::builtin().unwrap();
        let form = models.form_for(PageKind::I247aRequest).unwrap();
        let mut ex = Extraction::default();
        ex.fields.extend(first.iter().map(|(n, r)| (n.to_string(), r.clone())));
        let seconds: SecondReads = seconds
            .iter()
            .map(|&(n, text, outcome)| {
                let raw = RawField { method: "second_read".into(), ..raw(text, 0.9) };
                (n.to_string(), SecondRead { raw, outcome })
            })
            .collect();
        let at = Place { page: 1, frame: crate::page::prepare::PreparedPage::unrotated(vec![255; 4], 2, 2, 200).frame };
        let (mut det, mut rec) = (Detainer::default(), Record::new(Kind::Detainer, Source::default()));
        normalize_fields(&models, form, &ex, &seconds, &at, &mut det, &mut rec);
        (det, rec)
    }

    fn reasons_of<'a>(rec: &'a Record, field: &str) -> Vec<&'a str> {
        rec.review.reasons.iter().map(String::as_str).filter(|r| r.starts_with(&format!("{field}:"))).collect()
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
        // Unconfirmed, it carries no second read's evidence (its calibrated confidence decides its review).
        let (_, rec) = record(&[("subject_id", raw("123456789", 0.5))], &[("subject_id", "12345", Outcome::Unsure)]);
        assert!(rec.fields["subject_id"].checks.is_empty());
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
    }
}
