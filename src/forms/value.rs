//! A raw field's text as a value of its field: the normalizer its form model names, then its model's
//! pattern. The document stage builds the record from it; the reading plan asks it whether a field read
//! is doubtful enough to read again (`plan::reread`), so both judge a read the same way.

use crate::forms::models::{FieldModel, Models, Normalizer, Office};
use crate::forms::normalize;
use crate::forms::readings::{self, DateRange, Read};
use crate::review::Invalid;

/// Below this mean OCR confidence a value is not trusted at all; below `REVIEW_CONFIDENCE` it is doubtful
/// enough to be read a second time (`plan::reread`).
pub(crate) const MIN_CONFIDENCE: f32 = 0.15;
pub(crate) const REVIEW_CONFIDENCE: f32 = 0.70;

/// A field's value once normalized.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    Name { name: String, family: String, given: String },
    Office(Office),
}

/// Any date: for the reading plan's judging a read, which does not know the document's dates yet.
pub(crate) const ANY_DATE: DateRange = DateRange { min: (1900, 1, 1), max: (9999, 12, 31), month_of: None };

/// `raw` as a value of `field`: the best valid reading by the normalizer its model names, valid meaning
/// it also matches the model's pattern; `dates` is the range the field's dates can fall in.
pub(crate) fn normalize_value(
    models: &Models,
    field: &FieldModel,
    raw: &str,
    dates: DateRange,
) -> Result<Read<Value>, Invalid> {
    let fits = |v: &str| field.pattern_re.as_ref().is_none_or(|re| re.is_match(v));
    let checked = |r: Read<String>| if fits(&r.value) { Ok(r.map(Value::Text)) } else { Err(Invalid::PatternMismatch) };
    match field.normalize {
        Normalizer::Digits => readings::digits(raw, &fits).map(|r| r.map(Value::Text)),
        Normalizer::Event => readings::event_number(raw, &models.event_codes, &fits).map(|r| r.map(Value::Text)),
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
