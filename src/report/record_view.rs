//! The parts of a record the count reads, and nothing else.
//!
//! A record as `faxtract run` writes it is about 2.5 kB, most of it the `fields` block (raw text, boxes,
//! methods) and the fax header. Counting a state's or a decade's archive (100,000 records and more) must fit
//! in a few hundred megabytes, so the report parses each line into this view: the same names as
//! [`crate::record::Record`] (the contract), with `fields` reduced to each field's OCR confidence (what copies
//! vote with) and the header left out. Unknown keys are ignored, as for `Record`.

use crate::record::{ErrorInfo, Kind, Review, Source, WarrantType};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct RecordView {
    pub schema: String,
    pub kind: Kind,
    pub form: Option<String>,
    pub source: Source,
    pub fax: FaxView,
    /// Boxed: a record keeps its place after its request is made, not its detainer.
    #[serde(default)]
    pub detainer: Option<Box<DetainerView>>,
    #[serde(default)]
    pub fields: Confidences,
    pub review: Review,
    #[serde(default)]
    pub error: Option<ErrorInfo>,
}

/// `fax` without its header.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct FaxView {
    pub received_at: Option<String>,
    pub line: Option<String>,
    pub channel: Option<String>,
}

/// `detainer` without what the count never reads (the name's parts, the office's name and raw text,
/// probable cause, the warrant's page).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct DetainerView {
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date_issued: Option<String>,
    #[serde(default)]
    pub subject: SubjectView,
    #[serde(default)]
    pub issuing_office: OfficeView,
    #[serde(default)]
    pub warrant: WarrantView,
    #[serde(default)]
    pub cancels_previous: bool,
    pub cancelled_request_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct SubjectView {
    pub name: Option<String>,
    pub dob: Option<String>,
    pub citizenship: Option<String>,
    pub sex: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct OfficeView {
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct WarrantView {
    #[serde(rename = "type")]
    pub kind: WarrantType,
}

impl Default for WarrantView {
    fn default() -> Self {
        WarrantView { kind: WarrantType::None }
    }
}

/// One field's confidence (the rest of the field is not read).
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
pub(crate) struct Confidence {
    pub confidence: f32,
}

/// The confidence of each field the count compares or votes on; absent when the record has no such field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct Confidences {
    pub subject_id: Option<Confidence>,
    pub event_number: Option<Confidence>,
    pub a_number: Option<Confidence>,
    pub date_issued: Option<Confidence>,
    pub name: Option<Confidence>,
    pub dob: Option<Confidence>,
    pub citizenship: Option<Confidence>,
    pub sex: Option<Confidence>,
    pub issuing_office: Option<Confidence>,
}

impl Confidences {
    /// The confidence of the field named as in `fields` (`None`: not recorded).
    pub fn of(&self, field: &str) -> Option<f32> {
        let c = match field {
            "subject_id" => self.subject_id,
            "event_number" => self.event_number,
            "a_number" => self.a_number,
            "date_issued" => self.date_issued,
            "name" => self.name,
            "dob" => self.dob,
            "citizenship" => self.citizenship,
            "sex" => self.sex,
            "issuing_office" => self.issuing_office,
            _ => None,
        };
        c.map(|c| c.confidence)
    }
}

impl RecordView {
    /// The view of a whole record (tests and in-memory callers), through its JSON form as a file would give it.
    #[cfg(test)]
    pub fn of(r: &crate::record::Record) -> RecordView {
        serde_json::from_value(serde_json::to_value(r).expect("a record serializes")).expect("a record parses")
    }

    /// Frees what the record holds beyond its kind and place (once its request has been made from it).
    pub fn release(&mut self) {
        self.detainer = None;
        self.fields = Confidences::default();
        self.fax = FaxView::default();
        self.form = None;
    }

    /// True when the record's own review reasons name this field (`<field>: ...`): its value is doubtful.
    pub fn flags(&self, field: &str) -> bool {
        self.review.reasons.iter().any(|r| r.strip_prefix(field).is_some_and(|rest| rest.starts_with(':')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_confidences_and_ignores_the_rest() {
        let line = r#"{"schema":"faxtract.record/1","kind":"detainer","form":"I-247A",
            "source":{"path":"a.tif","sha256":"ab","pages":[1],"page_count":1},
            "fax":{"received_at":null,"sender":"X","line":"l","channel":"c","header":{"raw":"HDR"}},
            "fields":{"a_number":{"value":"A1","raw":"1","confidence":0.5,"page":1,"bbox":[0,0,1,1]},
                      "warrant_type":{"value":"none","raw":"","confidence":1.0,"page":1,"bbox":[0,0,1,1]}},
            "review":{"needed":true,"reasons":["a_number: low OCR confidence","name_extra: x"]}}"#;
        let r: RecordView = serde_json::from_str(line).unwrap();
        assert_eq!(r.fields.of("a_number"), Some(0.5));
        assert_eq!(r.fields.of("dob"), None);
        assert_eq!(r.fax.line.as_deref(), Some("l"));
        assert!(r.flags("a_number"));
        assert!(!r.flags("name"), "`name_extra:` is another field");
    }
}
