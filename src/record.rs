//! The output record: the public interface described in `record-contract.md`.
//!
//! Every type here serializes to exactly the names and shapes of the contract. Fields may be added;
//! renaming or reshaping any of them needs a new [`SCHEMA`] version. `src/record.schema.json` (printed by `faxtract schema`) is the
//! published JSON Schema of these types and a test validates real output against it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema tag every record carries.
pub const SCHEMA: &str = "faxtract.record/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Detainer,
    Other,
    Error,
}

/// What one page is, as the classifier decides. Also used by the corpus generator's ground truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    CoverSheet,
    /// Form I-247A page 1: the request with all its fields.
    I247aRequest,
    /// Pages 2-3 of an I-247A/I-247D: the notice to the detainee, in several languages; no fields.
    DetaineeNotice,
    /// Page 1 of the legacy I-247D (2015).
    I247d,
    I247n,
    I247x,
    /// The pre-2015 I-247 (its 2012 edition shares the I-247A's title; told apart by footer).
    I247,
    I200,
    I205,
    JudicialWarrant,
    Other,
}

impl PageKind {
    /// The warrant type an attached page stands for, if it is a warrant.
    pub fn warrant_type(self) -> Option<WarrantType> {
        match self {
            PageKind::I200 => Some(WarrantType::I200),
            PageKind::I205 => Some(WarrantType::I205),
            PageKind::JudicialWarrant => Some(WarrantType::Judicial),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
pub enum WarrantType {
    #[serde(rename = "I-200")]
    I200,
    #[serde(rename = "I-205")]
    I205,
    #[serde(rename = "judicial")]
    Judicial,
    #[serde(rename = "none")]
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ProbableCause {
    FinalOrder,
    RemovalProceedings,
    Biometric,
    Statements,
}

impl ProbableCause {
    /// The cause a form model's checkbox option names (its record string), if any.
    pub fn from_option(option: &str) -> Option<ProbableCause> {
        serde_json::from_value(serde_json::Value::String(option.to_string())).ok()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: String,
    pub kind: Kind,
    pub form: Option<String>,
    pub source: Source,
    pub fax: Fax,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detainer: Option<Detainer>,
    #[serde(default)]
    pub fields: BTreeMap<String, Field>,
    pub review: Review,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// The classifier's decision for each page of this document, in page order (an addition to the
    /// contract, used by `eval` and useful to reviewers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_kinds: Vec<PageKind>,
    /// The corrections a person made to this record (`faxtract correct`), oldest first: the audit trail of
    /// every value that is not as the pipeline read it. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<AppliedCorrection>,
}

/// One correction applied to a record: which field, its value before and after (in the record's
/// normalized form), who made it, when, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedCorrection {
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    pub by: String,
    pub at: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub pages: Vec<u32>,
    pub page_count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Fax {
    pub received_at: Option<String>,
    pub sender: Option<String>,
    pub line: Option<String>,
    pub channel: Option<String>,
    #[serde(default)]
    pub header: Header,
}

/// The parsed header line (TTI) and the TIFF fax tags of the document's first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Header {
    /// Raw OCR text of the header line on the first page of the document, if one was found.
    pub raw: Option<String>,
    /// Date and time the header line prints, ISO 8601.
    pub sent_at: Option<String>,
    pub sender: Option<String>,
    /// Phone numbers printed on the line, digits only.
    #[serde(default)]
    pub numbers: Vec<String>,
    /// The page counter of the first page: n of m.
    pub page: Option<u32>,
    pub page_total: Option<u32>,
    /// How sure the parse is, 0.0-1.0 (OCR of that small line is noisy).
    pub confidence: f32,
    /// True when the page counters show pages missing from the file.
    #[serde(default)]
    pub incomplete: bool,
    /// Where the received time in `fax.received_at` came from: "tiff_datetime", "fax_recv_time",
    /// "header_line" or null.
    pub received_at_source: Option<String>,
    /// TIFF tags a fax server wrote, by name (ImageDescription, Software, DateTime, FaxRecvTime...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Detainer {
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date_issued: Option<String>,
    pub subject: Subject,
    pub issuing_office: IssuingOffice,
    pub warrant: Warrant,
    pub probable_cause: Vec<ProbableCause>,
    pub cancels_previous: bool,
    pub cancelled_request_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Subject {
    pub name: Option<String>,
    pub family_name: Option<String>,
    pub given_names: Option<String>,
    pub dob: Option<String>,
    pub citizenship: Option<String>,
    pub sex: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct IssuingOffice {
    pub code: Option<String>,
    pub name: Option<String>,
    pub raw: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warrant {
    #[serde(rename = "type")]
    pub kind: WarrantType,
    pub page: Option<u32>,
}

impl Detainer {
    /// Where the record keeps text field `field` (as `fields` names it): one place for the pipeline's
    /// normalized values and a clerk's corrections alike. None for the fields that are not one text value
    /// (`name`, `issuing_office`, checkboxes, the warrant).
    pub fn text_slot(&mut self, field: &str) -> Option<&mut Option<String>> {
        Some(match field {
            "subject_id" => &mut self.subject_id,
            "event_number" => &mut self.event_number,
            "a_number" => &mut self.a_number,
            "date_issued" => &mut self.date_issued,
            "dob" => &mut self.subject.dob,
            "citizenship" => &mut self.subject.citizenship,
            "sex" => &mut self.subject.sex,
            "cancelled_request_date" => &mut self.cancelled_request_date,
            _ => return None,
        })
    }
}

impl Default for Warrant {
    fn default() -> Self {
        Warrant { kind: WarrantType::None, page: None }
    }
}

/// One extracted field with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Field {
    pub value: serde_json::Value,
    pub raw: String,
    pub confidence: f32,
    pub page: u32,
    pub bbox: [i32; 4],
    /// How the field was found, e.g. "label:Subject ID" or "checkbox".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The OCR engine's mean confidence in the value's words, when `confidence` is the calibrated
    /// probability that the value is right (`models/calibration.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f32>,
    /// What supports or doubts the value beyond its reading: "corrected" (the normalizer chose among
    /// look-alike characters), "warrant_agrees", "month_agrees", "office_agrees", "reread_agrees" ...
    /// (README: Reviewing). Calibration weighs them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
    /// What the normalizer changed in `raw` to read `value` (look-alike characters, a leading digit, a
    /// neighbour's text dropped), e.g. "read 4 as A"; absent when read as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
}

impl Field {
    /// Whether `check` is among the value's `checks`.
    pub fn has_check(&self, check: &str) -> bool {
        self.checks.iter().any(|c| c == check)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Review {
    pub needed: bool,
    pub reasons: Vec<String>,
}

impl Review {
    pub fn flag(&mut self, reason: impl Into<String>) {
        let reason = reason.into();
        self.needed = true;
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// Withdraws the reasons `settled` picks (a later check settled them); review stays needed while any
    /// other remains.
    pub fn withdraw(&mut self, settled: impl Fn(&str) -> bool) {
        self.reasons.retain(|r| !settled(r));
        self.needed = !self.reasons.is_empty();
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

impl Record {
    /// An empty record of the given kind for a source; stages fill in the rest.
    pub fn new(kind: Kind, source: Source) -> Record {
        Record {
            schema: SCHEMA.to_string(),
            kind,
            form: None,
            source,
            fax: Fax::default(),
            detainer: None,
            fields: BTreeMap::new(),
            review: Review::default(),
            error: None,
            page_kinds: Vec::new(),
            corrections: Vec::new(),
        }
    }
}
pub const JSON_SCHEMA: &str = include_str!("record.schema.json");
