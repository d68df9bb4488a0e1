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

impl From<Reason> for String {
    fn from(r: Reason) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_keep_their_record_strings() {
        assert_eq!(Reason::FoundByPosition("dob".into()).to_string(), "dob:found_by_position");
        assert_eq!(Reason::Invalid("sex".into(), Invalid::SexUnreadable).to_string(), "sex:sex_unreadable");
        assert_eq!(Reason::PageUnreadable(2, "bad_page".into()).to_string(), "page_unreadable:2:bad_page");
        assert_eq!(Reason::FaxIncomplete { pages: 2, sent: 3 }.to_string(), "fax_incomplete:2_of_3_pages");
        assert_eq!(Reason::WarrantUnconfirmed(4).to_string(), "warrant_unconfirmed:page_4");
    }
}
