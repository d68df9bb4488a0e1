//! A raw field's text as a value of its field: the normalizer its form model names, then its model's
//! pattern. The document stage builds the record from it; the reading plan asks it whether a field read
//! is doubtful enough to read again (`plan::reread`), so both judge a read the same way.

use crate::forms::models::{FieldModel, Models, Normalizer, Office};
use crate::forms::normalize;
use crate::review::Invalid;

/// Below this mean OCR confidence a value is not trusted at all; below `REVIEW_CONFIDENCE` it is kept
/// but the record goes to review.
pub(crate) const MIN_CONFIDENCE: f32 = 0.15;
pub(crate) const REVIEW_CONFIDENCE: f32 = 0.70;

/// A field's value once normalized.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    Name { name: String, family: String, given: String },
    Office(Office),
}

/// `raw` as a value of `field`, by the normalizer its model names, then its model's pattern.
pub(crate) fn normalize_value(models: &Models, field: &FieldModel, raw: &str) -> Result<Value, Invalid> {
    let checked = |v: String| match &field.pattern_re {
        Some(re) if !re.is_match(&v) => Err(Invalid::PatternMismatch),
        _ => Ok(Value::Text(v)),
    };
    match field.normalize {
        Normalizer::Digits => normalize::digits(raw).and_then(checked),
        Normalizer::Event => normalize::event_number(raw).and_then(checked),
        Normalizer::ANumber => normalize::a_number(raw).and_then(checked),
        Normalizer::Date => normalize::date(raw).and_then(checked),
        Normalizer::Sex => normalize::sex(raw).and_then(checked),
        Normalizer::Country => normalize::country(raw, &models.countries).and_then(checked),
        Normalizer::Name => normalize::name(raw).map(|(name, family, given)| Value::Name { name, family, given }),
        Normalizer::Office => normalize::office(raw, &models.offices).map(|(o, _)| Value::Office(o.clone())),
    }
}
