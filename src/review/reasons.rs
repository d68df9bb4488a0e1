//! Why a record needs review: one type for every reason the pipeline gives, written into
//! `review.reasons` as the stable strings the README's vocabulary explains.

use std::fmt;

/// Why a raw value is not a valid value of its field (from `forms::normalize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Invalid {
    Empty,
    NotDigits,
    PatternMismatch,
    ANumberNotDigits,
    ANumberLength,
    EventNumberShort,
    DateUnreadable,
    ImpossibleDate,
    NameNoComma,
    NameIncomplete,
    SexUnreadable,
    CountryUnknown,
    OfficeUnknown,
    OfficeAmbiguous,
}

impl Invalid {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Invalid::Empty => "empty",
            Invalid::NotDigits => "not_digits",
            Invalid::PatternMismatch => "pattern_mismatch",
            Invalid::ANumberNotDigits => "a_number_not_digits",
            Invalid::ANumberLength => "a_number_length",
            Invalid::EventNumberShort => "event_number_short",
            Invalid::DateUnreadable => "date_unreadable",
            Invalid::ImpossibleDate => "date_invalid",
            Invalid::NameNoComma => "name_no_comma",
            Invalid::NameIncomplete => "name_incomplete",
            Invalid::SexUnreadable => "sex_unreadable",
            Invalid::CountryUnknown => "country_unknown",
            Invalid::OfficeUnknown => "office_unknown",
            Invalid::OfficeAmbiguous => "office_ambiguous",
        }
    }
}

/// One reason a record needs review. Field reasons name the field (`{field}:{what}`); the others name
/// the page, the check or the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// The form asks for the field and neither its label nor its place gave a value.
    NotFound(String),
    /// The value's OCR confidence is too low to trust it (under 0.15: dropped; under 0.70: kept).
    LowConfidence(String),
    /// The value was found at its place in the form because its label was unreadable.
    FoundByPosition(String),
    /// The text read is not a valid value of the field.
    Invalid(String, Invalid),
    /// A checkbox's printed square was not found: its answer is unknown.
    CheckboxNotFound(String),
    /// No probable-cause box is ticked on a request that is not a cancellation.
    NoProbableCause,
    /// A page of the document could not be read (1-based page, error code).
    PageUnreadable(usize, String),
    /// The header line's page counters say more pages were sent than the file holds.
    FaxIncomplete {
        pages: u32,
        sent: u32,
    },
    /// A page classified as a judicial warrant shows no judge's signature block (or an officer's title).
    WarrantUnconfirmed(usize),
    /// The warrant's A-number differs from the request's.
    WarrantANumberMismatch,
    /// The request's family name is not on the warrant page.
    WarrantNameNotFound(usize),
    DobNotBeforeIssueDate,
    DobImplausibleAge,
    DateIssuedAfterReceipt,
    CancelledRequestAfterIssueDate,
    /// `--lines` names no line for this file.
    LineUnknown,
    /// The file (or this record) is an error record with this code.
    Error(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotFound(field) => write!(f, "{field}:not_found"),
            Reason::LowConfidence(field) => write!(f, "{field}:low_confidence"),
            Reason::FoundByPosition(field) => write!(f, "{field}:found_by_position"),
            Reason::Invalid(field, why) => write!(f, "{field}:{}", why.as_str()),
            Reason::CheckboxNotFound(option) => write!(f, "checkbox_not_found:{option}"),
            Reason::NoProbableCause => f.write_str("probable_cause:none_checked"),
            Reason::PageUnreadable(page, code) => write!(f, "page_unreadable:{page}:{code}"),
            Reason::FaxIncomplete { pages, sent } => write!(f, "fax_incomplete:{pages}_of_{sent}_pages"),
            Reason::WarrantUnconfirmed(page) => write!(f, "warrant_unconfirmed:page_{page}"),
            Reason::WarrantANumberMismatch => f.write_str("warrant_a_number_mismatch"),
            Reason::WarrantNameNotFound(page) => write!(f, "warrant_name_not_found:page_{page}"),
            Reason::DobNotBeforeIssueDate => f.write_str("dob_not_before_issue_date"),
            Reason::DobImplausibleAge => f.write_str("dob_implausible_age"),
            Reason::DateIssuedAfterReceipt => f.write_str("date_issued_after_receipt"),
            Reason::CancelledRequestAfterIssueDate => f.write_str("cancelled_request_after_issue_date"),
            Reason::LineUnknown => f.write_str("line_unknown"),
            Reason::Error(code) => write!(f, "error:{code}"),
        }
    }
}

/// Whether a reason written in `review.reasons` tells a person to check record field `field` (as `eval`
/// names fields: `subject_id`, `subject.dob`, `issuing_office.code`, `warrant.type`, ...). A wrong value
/// is only caught when a reason names its field: a record flagged for something else is not checked there.
#[cfg(any(feature = "faxgen", test))]
pub(crate) fn names_field(reason: &str, field: &str) -> bool {
    let head = reason.split(':').next().unwrap_or_default();
    let own = |names: &[&str]| names.contains(&head);
    match field {
        "subject_id" | "event_number" | "citizenship" | "sex" => own(&[field.trim_start_matches("subject.")]),
        "subject.citizenship" => own(&["citizenship"]),
        "subject.sex" => own(&["sex"]),
        "a_number" => own(&["a_number", "warrant_a_number_mismatch"]),
        "date_issued" => own(&["date_issued", "date_issued_after_receipt", "dob_not_before_issue_date"]),
        "subject.name" | "subject.family_name" | "subject.given_names" => {
            own(&["name", "warrant_name_not_found", "warrant_a_number_mismatch"])
        }
        "subject.dob" => own(&["dob", "dob_not_before_issue_date", "dob_implausible_age"]),
        "issuing_office.code" => own(&["issuing_office"]),
        "warrant.type" => own(&["warrant_unconfirmed"]),
        "probable_cause" => {
            own(&["probable_cause"]) || (head == "checkbox_not_found" && !reason.ends_with(":cancels_previous"))
        }
        "cancels_previous" => reason == "checkbox_not_found:cancels_previous",
        "cancelled_request_date" => own(&["cancelled_request_date", "cancelled_request_after_issue_date"]),
        _ => false,
    }
}

impl From<Reason> for String {
    fn from(r: Reason) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_their_fields() {
        assert!(names_field("dob:found_by_position", "subject.dob"));
        assert!(!names_field("dob:found_by_position", "date_issued"));
        assert!(names_field("checkbox_not_found:biometric", "probable_cause"));
        assert!(!names_field("checkbox_not_found:cancels_previous", "probable_cause"));
        assert!(names_field("sex:sex_unreadable", "subject.sex"));
        assert!(!names_field("line_unknown", "subject_id"));
    }

    #[test]
    fn reasons_keep_their_record_strings() {
        assert_eq!(Reason::FoundByPosition("dob".into()).to_string(), "dob:found_by_position");
        assert_eq!(Reason::Invalid("sex".into(), Invalid::SexUnreadable).to_string(), "sex:sex_unreadable");
        assert_eq!(Reason::PageUnreadable(2, "bad_page".into()).to_string(), "page_unreadable:2:bad_page");
        assert_eq!(Reason::FaxIncomplete { pages: 2, sent: 3 }.to_string(), "fax_incomplete:2_of_3_pages");
        assert_eq!(Reason::WarrantUnconfirmed(4).to_string(), "warrant_unconfirmed:page_4");
    }
}
