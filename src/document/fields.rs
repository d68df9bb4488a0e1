//! A request's raw fields → normalized, validated values with review reasons (never a guess).

use crate::forms::extract::{Extraction, RawField};
use crate::forms::models::{FormModel, Models};
use crate::forms::normalize;
use crate::record::*;
use serde_json::json;

/// Below this mean OCR confidence a value is not trusted at all; below `REVIEW_CONFIDENCE` it is kept
/// but the record goes to review.
const MIN_CONFIDENCE: f32 = 0.15;
const REVIEW_CONFIDENCE: f32 = 0.70;

fn field_entry(value: serde_json::Value, raw: &RawField, page: u32) -> Field {
    Field {
        value,
        raw: raw.raw.clone(),
        confidence: raw.confidence,
        page,
        bbox: raw.bbox.as_array(),
        method: Some(raw.method.clone()),
    }
}

/// Normalises one raw field: Some(value) when it reads, is valid and confident enough.
fn accept<T>(
    rec: &mut Record,
    name: &str,
    raw: Option<&RawField>,
    f: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    let Some(raw) = raw else {
        rec.review.flag(format!("{name}:not_found"));
        return None;
    };
    if raw.confidence < MIN_CONFIDENCE {
        rec.review.flag(format!("{name}:low_confidence"));
        return None;
    }
    match f(&raw.raw) {
        Ok(v) => {
            // Found by the form's structure because its label was unreadable: right place, but a person
            // should confirm it.
            if raw.method.starts_with("position:") {
                rec.review.flag(format!("{name}:found_by_position"));
            }
            if raw.confidence < REVIEW_CONFIDENCE {
                rec.review.flag(format!("{name}:low_confidence"));
            }
            Some(v)
        }
        Err(reason) => {
            rec.review.flag(format!("{name}:{reason}"));
            None
        }
    }
}

pub(super) fn normalize_fields(
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
    page: u32,
    det: &mut Detainer,
    rec: &mut Record,
) {
    let raw = |n: &str| ex.fields.get(n).cloned();
    let check = |v: String, n: &str| -> Result<String, String> {
        match form.field.iter().find(|m| m.name == n).and_then(|m| m.pattern_re.as_ref()) {
            Some(re) if !re.is_match(&v) => Err("pattern_mismatch".into()),
            _ => Ok(v),
        }
    };
    let put = |rec: &mut Record, name: &str, value: serde_json::Value| {
        if let Some(r) = ex.fields.get(name) {
            rec.fields.insert(name.to_string(), field_entry(value, r, page));
        }
    };

    det.subject_id = accept(rec, "subject_id", raw("subject_id").as_ref(), |s| {
        normalize::digits(s).and_then(|v| check(v, "subject_id"))
    });
    put(rec, "subject_id", json!(det.subject_id));
    det.event_number = accept(rec, "event_number", raw("event_number").as_ref(), |s| {
        normalize::event_number(s).and_then(|v| check(v, "event_number"))
    });
    put(rec, "event_number", json!(det.event_number));
    det.a_number = accept(rec, "a_number", raw("a_number").as_ref(), normalize::a_number);
    put(rec, "a_number", json!(det.a_number));
    det.date_issued = accept(rec, "date_issued", raw("date_issued").as_ref(), normalize::date);
    put(rec, "date_issued", json!(det.date_issued));
    if let Some((name, family, given)) = accept(rec, "name", raw("name").as_ref(), normalize::name) {
        det.subject.name = Some(name);
        det.subject.family_name = Some(family);
        det.subject.given_names = Some(given);
    }
    put(rec, "name", json!(det.subject.name));
    det.subject.dob = accept(rec, "dob", raw("dob").as_ref(), normalize::date);
    put(rec, "dob", json!(det.subject.dob));
    det.subject.citizenship =
        accept(rec, "citizenship", raw("citizenship").as_ref(), |s| normalize::country(s, &models.countries));
    put(rec, "citizenship", json!(det.subject.citizenship));
    det.subject.sex = accept(rec, "sex", raw("sex").as_ref(), normalize::sex);
    put(rec, "sex", json!(det.subject.sex));
    if let Some(r) = raw("issuing_office") {
        det.issuing_office.raw = Some(r.raw.clone());
    }
    if let Some(o) = accept(rec, "issuing_office", raw("issuing_office").as_ref(), |s| {
        normalize::office(s, &models.offices).map(|(o, _)| o.clone())
    }) {
        det.issuing_office.code = Some(o.code.clone());
        det.issuing_office.name = Some(o.name.clone());
    }
    put(rec, "issuing_office", json!(det.issuing_office.code));

    // Checkboxes: a box that cannot be found leaves its answer unknown.
    let mut causes = Vec::new();
    for (name, cause) in [
        ("final_order", ProbableCause::FinalOrder),
        ("removal_proceedings", ProbableCause::RemovalProceedings),
        ("biometric", ProbableCause::Biometric),
        ("statements", ProbableCause::Statements),
    ] {
        match ex.checkboxes.get(name).and_then(|b| b.checked) {
            Some(true) => causes.push(cause),
            Some(false) => {}
            None => rec.review.flag(format!("checkbox_not_found:{name}")),
        }
    }
    det.probable_cause = causes;
    match ex.checkboxes.get("cancels_previous") {
        Some(b) => {
            det.cancels_previous = b.checked == Some(true);
            rec.fields.insert(
                "cancels_previous".into(),
                Field {
                    value: json!(det.cancels_previous),
                    raw: format!("ink {:.2}", b.ink),
                    confidence: 1.0,
                    page,
                    bbox: b.bbox.as_array(),
                    method: Some("checkbox".into()),
                },
            );
        }
        // A form without a cancel box (the I-247D) cannot be a cancellation.
        None if !form.checkbox_group.iter().any(|g| g.options.iter().any(|o| o == "cancels_previous")) => {}
        None => rec.review.flag("checkbox_not_found:cancels_previous"),
    }
    if det.cancels_previous {
        det.cancelled_request_date =
            accept(rec, "cancelled_request_date", raw("cancelled_request_date").as_ref(), normalize::date);
        put(rec, "cancelled_request_date", json!(det.cancelled_request_date));
    }
    if det.probable_cause.is_empty() && !det.cancels_previous {
        rec.review.flag("probable_cause:none_checked");
    }
}
