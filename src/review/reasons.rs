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
    /// Two readings of the text are valid values (OCR look-alikes): none is chosen.
    Ambiguous,
    /// A real date, but not one the field can hold (a birth after the issue date, an issue date to come).
    DateOutOfRange,
    /// Digits grouped otherwise than an A-number's threes (a phone number, a date).
    ANumberGrouping,
}

impl Invalid {
    const ALL: [Invalid; 17] = [
        Invalid::Empty,
        Invalid::NotDigits,
        Invalid::PatternMismatch,
        Invalid::ANumberNotDigits,
        Invalid::ANumberLength,
        Invalid::EventNumberShort,
        Invalid::DateUnreadable,
        Invalid::ImpossibleDate,
        Invalid::NameNoComma,
        Invalid::NameIncomplete,
        Invalid::SexUnreadable,
        Invalid::CountryUnknown,
        Invalid::OfficeUnknown,
        Invalid::OfficeAmbiguous,
        Invalid::Ambiguous,
        Invalid::DateOutOfRange,
        Invalid::ANumberGrouping,
    ];

    fn parse(s: &str) -> Option<Invalid> {
        Invalid::ALL.into_iter().find(|i| i.as_str() == s)
    }

    /// In plain words: what is wrong with the text read.
    fn meaning(self) -> &'static str {
        match self {
            Invalid::Empty => "nothing was written after the label",
            Invalid::NotDigits => "it holds characters other than digits",
            Invalid::PatternMismatch => {
                "it does not have the field's shape (a subject ID is 6-12 digits, an event number 3 letters then \
                 7-12 digits)"
            }
            Invalid::ANumberNotDigits => "the A-number holds characters other than digits",
            Invalid::ANumberLength => "the A-number has fewer than 7 or more than 9 digits",
            Invalid::EventNumberShort => "the event number is shorter than 6 characters",
            Invalid::DateUnreadable => "it is not a date in MM/DD/YYYY form",
            Invalid::ImpossibleDate => "the date does not exist (a 13th month, a 31 April, a year before 1900)",
            Invalid::NameNoComma => "there is no comma between the family and the given names",
            Invalid::NameIncomplete => "the family or the given name is missing",
            Invalid::SexUnreadable => "it is not M, F or X",
            Invalid::CountryUnknown => "it names no country of the list (models/countries.txt)",
            Invalid::OfficeUnknown => "the FROM box names no known ICE office (models/offices.toml)",
            Invalid::OfficeAmbiguous => "the FROM box matches two offices equally well",
            Invalid::Ambiguous => {
                "it reads as two different valid values (a look-alike character or a misread leading digit could be \
                 either): none was chosen"
            }
            Invalid::DateOutOfRange => {
                "the date exists but the field cannot hold it (a birth before 1900 or after the issue date, an issue \
                 date before 2000 or still to come)"
            }
            Invalid::ANumberGrouping => {
                "its digit groups are not an A-number's (threes after the first): likely a phone number or a date"
            }
        }
    }

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
            Invalid::Ambiguous => "ambiguous",
            Invalid::DateOutOfRange => "date_out_of_range",
            Invalid::ANumberGrouping => "a_number_grouping",
        }
    }
}

/// One reason a record needs review. Field reasons name the field (`{field}:{what}`); the others name
/// the page, the check or the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// The form asks for the field and neither its label nor its place gave a value.
    NotFound(String),
    /// The value is less likely than `review_below` to be right (calibrated), or its OCR confidence is under
    /// 0.15 (dropped).
    LowConfidence(String),
    /// Written before calibration (now read back only): the value was found at its place in the form
    /// because its label was unreadable.
    FoundByPosition(String),
    /// The text read is not a valid value of the field.
    Invalid(String, Invalid),
    /// A second, independent read of the field's box gave another valid value than the first read.
    ReadsDisagree(String),
    /// The event number's first three letters are no office's event code (`models/offices.toml`): a
    /// letter misread beyond look-alikes, or an office the gazetteer lacks. The value is kept as read.
    EventCodeUnknown,
    /// The event number's digits after its office code are not the year-month and six-digit sequence the
    /// docs show (ten digits): a digit read twice or lost. The value is kept as read.
    EventDigitsUnusual,
    /// The event number did not read (invalid, or too faint to be trusted) and was read again as the
    /// issuing office's code and the issue date's year and month followed by the six digits read last.
    EventFromIssueMonth,
    /// The issue date as read was not where the event number's month (or, without one, the fax's arrival)
    /// places it, and one date a single digit off it is: that date was taken.
    IssueDateOneDigitOff,
    /// A checkbox's printed square was not found: its answer is unknown.
    CheckboxNotFound(String),
    /// No probable-cause box is ticked on a request that is not a cancellation.
    NoProbableCause,
    /// A box of the checkbox field (`probable_cause` or `cancels_previous`) was read, but not surely: its
    /// ink sits near the tick threshold, ink beside it in the blank margin says a stamp or scribble runs
    /// over it, or the square stands out of the form's column (it may be another box).
    CheckboxUnsure(String),
    /// The cancel box reads ticked but no date of the request it cancels was read beside it: the box may
    /// be another (a bullet's option box) or its ink a speck.
    CancelWithoutDate,
    /// The cancel box reads empty, yet a date was read after "previously submitted to you on".
    DateWithoutCancel,
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
    /// The request's A-number did not read as one; the value is the warrant page's (page N).
    ANumberFromWarrant(usize),
    /// A page after the request shows warrant cues but was not settled as one kind of warrant (or shows
    /// an administrative and a judicial warrant's cues at once): the warrant type is not known.
    WarrantTypeUnsure,
    /// The file's pages show a detainer form's cues (its title, form number, notice) but no page reads as
    /// a request: a request may be missing from the count.
    DetainerCuesUnread,
    /// The request's family name is not on the warrant page.
    WarrantNameNotFound(usize),
    /// The warrant page prints the request's name, but a part of it otherwise (a letter or two apart, or
    /// missing): one of the two reads is wrong.
    WarrantNameDiffers(usize),
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
            Reason::ReadsDisagree(field) => write!(f, "{field}:reads_disagree"),
            Reason::EventCodeUnknown => f.write_str("event_number:code_unknown"),
            Reason::EventDigitsUnusual => f.write_str("event_number:digits_unusual"),
            Reason::EventFromIssueMonth => f.write_str("event_number:read_with_issue_date"),
            Reason::IssueDateOneDigitOff => f.write_str("date_issued:one_digit_off"),
            Reason::CheckboxNotFound(option) => write!(f, "checkbox_not_found:{option}"),
            Reason::NoProbableCause => f.write_str("probable_cause:none_checked"),
            Reason::CheckboxUnsure(field) => write!(f, "{field}:box_unsure"),
            Reason::CancelWithoutDate => f.write_str("cancels_previous:no_date"),
            Reason::DateWithoutCancel => f.write_str("cancels_previous:date_unticked"),
            Reason::PageUnreadable(page, code) => write!(f, "page_unreadable:{page}:{code}"),
            Reason::FaxIncomplete { pages, sent } => write!(f, "fax_incomplete:{pages}_of_{sent}_pages"),
            Reason::WarrantUnconfirmed(page) => write!(f, "warrant_unconfirmed:page_{page}"),
            Reason::WarrantANumberMismatch => f.write_str("warrant_a_number_mismatch"),
            Reason::ANumberFromWarrant(page) => write!(f, "a_number:from_warrant_page_{page}"),
            Reason::WarrantTypeUnsure => f.write_str("warrant_type:unsure"),
            Reason::DetainerCuesUnread => f.write_str("kind:detainer_cues_unread"),
            Reason::WarrantNameNotFound(page) => write!(f, "warrant_name_not_found:page_{page}"),
            Reason::WarrantNameDiffers(page) => write!(f, "warrant_name_differs:page_{page}"),
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
    // A fax that shows a request form's cues but could not be read as one: the person reads the whole
    // request, so every one of its fields is named.
    if reason == "kind:detainer_cues_unread" {
        return true;
    }
    let head = reason.split(':').next().unwrap_or_default();
    let own = |names: &[&str]| names.contains(&head);
    match field {
        "subject_id" | "event_number" | "citizenship" | "sex" => own(&[field.trim_start_matches("subject.")]),
        "subject.citizenship" => own(&["citizenship"]),
        "subject.sex" => own(&["sex"]),
        "a_number" => own(&["a_number", "warrant_a_number_mismatch"]),
        "date_issued" => own(&["date_issued", "date_issued_after_receipt", "dob_not_before_issue_date"]),
        "subject.name" | "subject.family_name" | "subject.given_names" => {
            own(&["name", "warrant_name_not_found", "warrant_name_differs", "warrant_a_number_mismatch"])
        }
        "subject.dob" => own(&["dob", "dob_not_before_issue_date", "dob_implausible_age"]),
        "issuing_office.code" => own(&["issuing_office"]),
        "warrant.type" => own(&["warrant_unconfirmed", "warrant_type"]),
        "kind" | "form" => own(&["kind"]),
        "probable_cause" => {
            own(&["probable_cause"]) || (head == "checkbox_not_found" && !reason.ends_with(":cancels_previous"))
        }
        // No probable-cause box ticked: the clerk is sent to the cancel box too (a cancellation missed).
        "cancels_previous" => {
            own(&["cancels_previous"])
                || reason == "checkbox_not_found:cancels_previous"
                || reason == "probable_cause:none_checked"
        }
        // Whoever checks the cancel box reads its line, which holds the date (typed when the box is ticked).
        "cancelled_request_date" => {
            own(&["cancelled_request_date", "cancelled_request_after_issue_date", "cancels_previous"])
                || reason == "checkbox_not_found:cancels_previous"
                || reason == "probable_cause:none_checked"
        }
        _ => false,
    }
}

/// The record fields a person can correct (`faxtract correct`), in the order the review page shows them:
/// the record's `fields` names, `cancelled_request_date`, `probable_cause` and `warrant_type`.
pub const CORRECTABLE: &[&str] = &[
    "subject_id",
    "event_number",
    "a_number",
    "date_issued",
    "name",
    "dob",
    "citizenship",
    "sex",
    "issuing_office",
    "cancels_previous",
    "cancelled_request_date",
    "probable_cause",
    "warrant_type",
];

/// Whether record field `name` is a typed value a form model's field fills (and calibration weighs): a
/// correctable field but for the checkbox answers and the warrant, which no field of a form model gives.
pub fn is_typed_value(name: &str) -> bool {
    CORRECTABLE.contains(&name) && !["cancels_previous", "probable_cause", "warrant_type"].contains(&name)
}

/// What a person calls a record field.
pub fn field_label(field: &str) -> &str {
    match field {
        "subject_id" => "Subject ID",
        "event_number" => "Event number",
        "a_number" => "A-number (File No.)",
        "date_issued" => "Date issued",
        "name" => "Name",
        "dob" => "Date of birth",
        "citizenship" => "Citizenship",
        "sex" => "Sex",
        "issuing_office" => "Issuing office (FROM box)",
        "cancels_previous" => "Cancel box",
        "cancelled_request_date" => "Date of the request cancelled",
        "probable_cause" => "Probable-cause boxes",
        "warrant_type" => "Warrant",
        other => other,
    }
}

/// A reason in plain words, for the review page and the README's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// What happened.
    pub meaning: String,
    /// What the clerk should look at, and what to do.
    pub look_at: String,
    /// The correctable fields whose correction settles this reason (the first is the one to show); empty
    /// when no correction can (an unreadable page, an error): the record stays in review.
    pub fields: Vec<&'static str>,
}

/// The correctable field called `name`, as a static string.
fn correctable(name: &str) -> Option<&'static str> {
    CORRECTABLE.iter().copied().find(|f| *f == name)
}

impl Reason {
    /// Reads a reason back from its record string (the inverse of `Display`); None for a string no
    /// version of the pipeline writes.
    pub(crate) fn parse(s: &str) -> Option<Reason> {
        let page = |p: &str| p.parse::<usize>().ok().filter(|n| *n >= 1);
        Some(match s {
            "probable_cause:none_checked" => Reason::NoProbableCause,
            "cancels_previous:no_date" => Reason::CancelWithoutDate,
            "cancels_previous:date_unticked" => Reason::DateWithoutCancel,
            "warrant_a_number_mismatch" => Reason::WarrantANumberMismatch,
            "warrant_type:unsure" => Reason::WarrantTypeUnsure,
            "kind:detainer_cues_unread" => Reason::DetainerCuesUnread,
            "dob_not_before_issue_date" => Reason::DobNotBeforeIssueDate,
            "dob_implausible_age" => Reason::DobImplausibleAge,
            "date_issued_after_receipt" => Reason::DateIssuedAfterReceipt,
            "cancelled_request_after_issue_date" => Reason::CancelledRequestAfterIssueDate,
            "line_unknown" => Reason::LineUnknown,
            "event_number:code_unknown" => Reason::EventCodeUnknown,
            "event_number:digits_unusual" => Reason::EventDigitsUnusual,
            "event_number:read_with_issue_date" => Reason::EventFromIssueMonth,
            "date_issued:one_digit_off" => Reason::IssueDateOneDigitOff,
            _ => {
                let (head, rest) = s.split_once(':')?;
                match head {
                    "checkbox_not_found" => Reason::CheckboxNotFound(rest.to_string()),
                    "error" => Reason::Error(rest.to_string()),
                    "page_unreadable" => {
                        let (p, code) = rest.split_once(':')?;
                        Reason::PageUnreadable(page(p)?, code.to_string())
                    }
                    "fax_incomplete" => {
                        let (pages, sent) = rest.strip_suffix("_pages")?.split_once("_of_")?;
                        Reason::FaxIncomplete { pages: pages.parse().ok()?, sent: sent.parse().ok()? }
                    }
                    "warrant_unconfirmed" => Reason::WarrantUnconfirmed(page(rest.strip_prefix("page_")?)?),
                    "warrant_name_not_found" => Reason::WarrantNameNotFound(page(rest.strip_prefix("page_")?)?),
                    "warrant_name_differs" => Reason::WarrantNameDiffers(page(rest.strip_prefix("page_")?)?),
                    "a_number" if rest.starts_with("from_warrant_page_") => {
                        Reason::ANumberFromWarrant(page(rest.strip_prefix("from_warrant_page_")?)?)
                    }
                    field if !field.is_empty() && field.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                        let field = field.to_string();
                        match rest {
                            "not_found" => Reason::NotFound(field),
                            "low_confidence" => Reason::LowConfidence(field),
                            "found_by_position" => Reason::FoundByPosition(field),
                            "reads_disagree" => Reason::ReadsDisagree(field),
                            "box_unsure" if ["probable_cause", "cancels_previous"].contains(&field.as_str()) => {
                                Reason::CheckboxUnsure(field)
                            }
                            _ => Reason::Invalid(field, Invalid::parse(rest)?),
                        }
                    }
                    _ => return None,
                }
            }
        })
    }

    /// The reason in plain words, with what to look at and which corrections settle it.
    pub(crate) fn describe(&self) -> Description {
        let d = |meaning: String, look_at: &str, fields: &[&'static str]| Description {
            meaning,
            look_at: look_at.to_string(),
            fields: fields.to_vec(),
        };
        let of = |field: &str| correctable(field).into_iter().collect::<Vec<_>>();
        match self {
            Reason::NotFound(f) => Description {
                meaning: format!("{}: not found. Neither its printed label nor its place on the form gave a value.", field_label(f)),
                look_at: "Find the value on the request page (shown whole) and type it; confirm the empty value if the form leaves it blank.".into(),
                fields: of(f),
            },
            Reason::LowConfidence(f) => Description {
                meaning: format!("{}: the value is less likely than 0.93 to be right, by how it was read and what it agrees with (its calibrated confidence). The value kept may hold a misread character or belong to a neighbouring box (read under 0.15 OCR confidence, and not confirmed by a second read, it was dropped: null).", field_label(f)),
                look_at: "Compare every character of the value with the crop (5 and 6, 0 and 8, I and T, C and O are the usual misreads), and check that the crop shows this field.".into(),
                fields: of(f),
            },
            Reason::FoundByPosition(f) => Description {
                meaning: format!("{}: its printed label could not be read, so the value was taken from where the form places it.", field_label(f)),
                look_at: "Check that the crop shows this field (not its neighbour) and that the value matches it.".into(),
                fields: of(f),
            },
            Reason::Invalid(f, why) => Description {
                meaning: format!("{}: the text read is not a valid value: {}. The value was set to null.", field_label(f), why.meaning()),
                look_at: "Read the value in the crop and type it (the expected form is shown under the box); confirm the empty value if the form leaves it blank.".into(),
                fields: of(f),
            },
            Reason::ReadsDisagree(f) => Description {
                meaning: format!("{}: two independent reads of it (two OCR models) gave two different valid values. The first read's value was kept (for a name's accents, or a space the first read lost: the Portuguese model's marks and spaces were taken).", field_label(f)),
                look_at: "Compare every character of the value with the crop and correct it if the crop says otherwise.".into(),
                fields: of(f),
            },
            Reason::EventDigitsUnusual => d(
                "Event number: it does not carry ten digits after its office code (the year and month, then a six-digit sequence), so a digit was most likely read twice or lost. The value was kept as read.".into(),
                "Count the digits in the crop and correct the value; if the form really prints it so, confirm it.",
                &["event_number"],
            ),
            Reason::EventFromIssueMonth => d(
                "Event number: as read it was no event number (or too faint to trust), so it was read again as the issuing office's code and the issue date's year and month, then the last six digits read. The office and the date vouch for its first seven characters, not for the sequence.".into(),
                "Compare the six-digit sequence (and the year and month) with the crop and correct it.",
                &["event_number"],
            ),
            Reason::IssueDateOneDigitOff => d(
                "Issue date: as read it was not in the month its event number carries (or, without an event number, not within two weeks before the fax arrived), and exactly one date a single digit away from it was, so that date was taken. The event number or the arrival vouches for its year and month, not for its day.".into(),
                "Compare the date with the crop, digit by digit, and correct it.",
                &["date_issued"],
            ),
            Reason::EventCodeUnknown => d(
                "Event number: its first three letters are no office's code, so a letter was misread (an office missing from the gazetteer is the other cause). The value was kept as read.".into(),
                "Compare the office code (the first three letters) with the crop and the issuing office, and correct it; an office missing from models/offices.toml is added there.",
                &["event_number"],
            ),
            Reason::CheckboxNotFound(option) if option == "cancels_previous" => d(
                "The printed square of the cancel box was not found: whether this request cancels an earlier one is unknown.".into(),
                "Look at the cancel box near the bottom of the request page: type yes if it is ticked (and the date after \"previously submitted to you on\"), no if not.",
                &["cancels_previous", "cancelled_request_date"],
            ),
            Reason::CheckboxNotFound(option) => d(
                format!("The printed square of the probable-cause box `{option}` was not found: whether it is ticked is unknown."),
                "Look at the probable-cause boxes (section 1 of the request page) and type every ticked one.",
                &["probable_cause"],
            ),
            Reason::NoProbableCause => d(
                "No probable-cause box is ticked, the request is not a cancellation, and box 2 (a transfer to your custody) was not surely read ticked.".into(),
                "Check boxes 1-4 of section 1 and type the ticked ones; if the request cancels an earlier one, set the cancel box instead (and the date after \"previously submitted to you on\").",
                &["probable_cause", "cancels_previous", "cancelled_request_date"],
            ),
            Reason::CheckboxUnsure(f) if f == "cancels_previous" => d(
                "The cancel box was read, but not surely: its ink is near the threshold between empty and ticked, a stamp or scribble runs over it, or the square read stands right of section 1's boxes (where the bullets' ICE / CBP boxes are).".into(),
                "Look at the cancel box near the bottom of the request page: type yes if it is ticked (and the date after \"previously submitted to you on\"), no if not.",
                &["cancels_previous", "cancelled_request_date"],
            ),
            Reason::CheckboxUnsure(_) => d(
                "A probable-cause box was read, but not surely: its ink is near the threshold between empty and ticked, a stamp or scribble runs over it, the squares read do not stand in one column, box 2's square stands right of it (the column was taken a square off), box 2 and a cause are both ticked, or every box is ticked.".into(),
                "Look at boxes 1-4 of section 1 and type every ticked one.",
                &["probable_cause"],
            ),
            Reason::CancelWithoutDate => d(
                "The cancel box reads ticked, but no date of the request cancelled was read beside it: the box read may not be the cancel box, or its mark not a tick.".into(),
                "Look at the cancel box near the bottom of the request page: type yes if it is ticked (and the date after \"previously submitted to you on\"), no if not.",
                &["cancels_previous", "cancelled_request_date"],
            ),
            Reason::DateWithoutCancel => d(
                "A date was read after \"previously submitted to you on\", but the cancel box reads empty.".into(),
                "Look at the cancel box: type yes if it is ticked (the request is a cancellation), no if not (and clear the date).",
                &["cancels_previous", "cancelled_request_date"],
            ),
            Reason::PageUnreadable(p, code) => d(
                format!("Page {p} of the document could not be decoded ({code}): whatever it holds is missing from the record."),
                "Open the file. If the page held the request or its warrant, ask the sender for the fax again; a correction cannot settle this.",
                &[],
            ),
            Reason::FaxIncomplete { pages, sent } => d(
                format!("The fax header line says {sent} pages were sent; the file holds {pages}."),
                "The missing pages may hold the warrant or part of the request: ask the sender for them; a correction cannot settle this.",
                &[],
            ),
            Reason::WarrantUnconfirmed(p) => d(
                format!("Page {p} looks like a judicial warrant but shows no judge's signature block (or names an immigration officer): counted as no warrant."),
                "Look at the warrant page: signed by a judge, it is judicial; an ICE officer's warrant is an I-200 or I-205. Set the warrant type.",
                &["warrant_type"],
            ),
            Reason::WarrantANumberMismatch => d(
                "The A-number on the attached warrant differs from the request's.".into(),
                "Compare both A-numbers: correct the request's if it was misread, or set the warrant type to none if the warrant is for someone else.",
                &["warrant_type", "a_number"],
            ),
            Reason::ANumberFromWarrant(p) => d(
                format!("A-number: the request's could not be read as one, so the value is the one the attached warrant (page {p}) prints for the subject."),
                "Compare the value with the A-number on the request page (the crop shows where the warrant prints it); correct it if the request prints another, or set the warrant type to none if the warrant is for someone else.",
                &["a_number", "warrant_type"],
            ),
            Reason::WarrantTypeUnsure => d(
                "A page after the request looks like a warrant, but its kind (I-200, I-205 or a judge's warrant) could not be settled: the warrant type is not known.".into(),
                "Look at the pages after the request: an ICE officer's warrant is an I-200 or I-205, a judge-signed criminal warrant is judicial; none if there is no warrant. Set the warrant type.",
                &["warrant_type"],
            ),
            Reason::DetainerCuesUnread => d(
                "The fax shows a detainer form's cues (its title, form number or notice to the detainee) but no page could be read as the request: a request may be missing from the count.".into(),
                "Open the file: if it holds a detainer request, enter it by hand (the record counts as other until then); if it only mentions one, nothing is to be done. A correction cannot settle this.",
                &[],
            ),
            Reason::WarrantNameNotFound(p) => d(
                format!("The subject's family name does not appear on the attached warrant (page {p})."),
                "Check that the warrant names the same person; confirm its type, or set it to none if it is for someone else.",
                &["warrant_type"],
            ),
            Reason::WarrantNameDiffers(p) => d(
                format!("The attached warrant (page {p}) prints the subject's name, but not letter for letter as the request's name was read: one of the two was misread, or a neighbouring word was taken into the name."),
                "Compare the name in the crop with the warrant page's, letter by letter, and correct the name if the request's read is wrong.",
                &["name"],
            ),
            Reason::DobNotBeforeIssueDate => d(
                "The date of birth read is not before the issue date, so it was set to null.".into(),
                "Read the date of birth in the crop and type it (and correct the issue date if that is the one misread).",
                &["dob"],
            ),
            Reason::DobImplausibleAge => d(
                "The date of birth read makes the subject younger than 10 or older than 110 on the issue date, so it was set to null.".into(),
                "Read the date of birth in the crop and type it.",
                &["dob"],
            ),
            Reason::DateIssuedAfterReceipt => d(
                "The issue date read is after the day the fax was received, so it was set to null (the request is dated by its received date).".into(),
                "Read the issue date in the crop and type it.",
                &["date_issued"],
            ),
            Reason::CancelledRequestAfterIssueDate => d(
                "The date of the request cancelled is after this cancellation's own issue date, so it was set to null.".into(),
                "Read the date after \"previously submitted to you on\" and type it.",
                &["cancelled_request_date"],
            ),
            Reason::LineUnknown => d(
                "The receiving-line file (--lines) names no line for this file's folder: its line and channel are unknown.".into(),
                "Add the folder to the lines file and run again; a correction cannot settle this.",
                &[],
            ),
            Reason::Error(code) => d(
                format!("The file could not be read ({code}): no document in it was counted."),
                "Open the file (the README's error codes say what each means); ask the sender again if it held a request.",
                &[],
            ),
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

    /// One of each reason (every invalid value too).
    fn every_reason() -> Vec<Reason> {
        let mut all = vec![
            Reason::NotFound("dob".into()),
            Reason::LowConfidence("a_number".into()),
            Reason::FoundByPosition("citizenship".into()),
            Reason::ReadsDisagree("subject_id".into()),
            Reason::EventCodeUnknown,
            Reason::EventDigitsUnusual,
            Reason::EventFromIssueMonth,
            Reason::IssueDateOneDigitOff,
            Reason::CheckboxNotFound("biometric".into()),
            Reason::CheckboxNotFound("cancels_previous".into()),
            Reason::NoProbableCause,
            Reason::CheckboxUnsure("probable_cause".into()),
            Reason::CheckboxUnsure("cancels_previous".into()),
            Reason::CancelWithoutDate,
            Reason::DateWithoutCancel,
            Reason::PageUnreadable(3, "truncated".into()),
            Reason::FaxIncomplete { pages: 2, sent: 3 },
            Reason::WarrantUnconfirmed(4),
            Reason::WarrantANumberMismatch,
            Reason::ANumberFromWarrant(4),
            Reason::WarrantTypeUnsure,
            Reason::DetainerCuesUnread,
            Reason::WarrantNameNotFound(5),
            Reason::WarrantNameDiffers(4),
            Reason::DobNotBeforeIssueDate,
            Reason::DobImplausibleAge,
            Reason::DateIssuedAfterReceipt,
            Reason::CancelledRequestAfterIssueDate,
            Reason::LineUnknown,
            Reason::Error("not_an_image".into()),
        ];
        all.extend(Invalid::ALL.into_iter().map(|i| Reason::Invalid("cancelled_request_date".into(), i)));
        all
    }

    #[test]
    fn reasons_read_back_from_their_strings() {
        for r in every_reason() {
            assert_eq!(Reason::parse(&r.to_string()), Some(r.clone()), "{r}");
            let d = r.describe();
            assert!(!d.meaning.is_empty() && !d.look_at.is_empty(), "{r}");
            assert!(d.fields.iter().all(|f| CORRECTABLE.contains(f)), "{r}");
        }
        for odd in ["", "page_unreadable", "page_unreadable:0:x", "fax_incomplete:2_of_x_pages", "Dob:empty", "x:y"] {
            assert_eq!(Reason::parse(odd), None, "{odd}");
        }
    }

    /// The README's vocabulary lists every reason: its table has a row for each form a reason takes.
    #[test]
    fn the_readme_explains_every_reason() {
        let readme = include_str!("../../README.md");
        let start = readme.find("### Review reasons").expect("the README's vocabulary section");
        let table = &readme[start..];
        for r in every_reason() {
            let form = match &r {
                Reason::NotFound(_) => "`FIELD:not_found`".to_string(),
                Reason::LowConfidence(_) => "`FIELD:low_confidence`".into(),
                Reason::FoundByPosition(_) => "`FIELD:found_by_position`".into(),
                Reason::ReadsDisagree(_) => "`FIELD:reads_disagree`".into(),
                Reason::Invalid(_, why) => format!("`FIELD:{}`", why.as_str()),
                Reason::CheckboxNotFound(_) => "`checkbox_not_found:OPTION`".into(),
                Reason::PageUnreadable(..) => "`page_unreadable:N:CODE`".into(),
                Reason::FaxIncomplete { .. } => "`fax_incomplete:N_of_M_pages`".into(),
                Reason::WarrantUnconfirmed(_) => "`warrant_unconfirmed:page_N`".into(),
                Reason::WarrantNameNotFound(_) => "`warrant_name_not_found:page_N`".into(),
                Reason::WarrantNameDiffers(_) => "`warrant_name_differs:page_N`".into(),
                Reason::ANumberFromWarrant(_) => "`a_number:from_warrant_page_N`".into(),
                Reason::Error(_) => "`error:CODE`".into(),
                other => format!("`{other}`"),
            };
            assert!(table.contains(&format!("| {form} |")), "the README does not explain {form}");
        }
    }

    #[test]
    fn reasons_name_their_fields() {
        assert!(names_field("dob:found_by_position", "subject.dob"));
        assert!(!names_field("dob:found_by_position", "date_issued"));
        assert!(names_field("checkbox_not_found:biometric", "probable_cause"));
        assert!(!names_field("checkbox_not_found:cancels_previous", "probable_cause"));
        assert!(names_field("cancels_previous:box_unsure", "cancels_previous"));
        assert!(names_field("cancels_previous:no_date", "cancels_previous"));
        assert!(names_field("probable_cause:box_unsure", "probable_cause"));
        assert!(!names_field("probable_cause:box_unsure", "cancels_previous"));
        assert!(names_field("probable_cause:none_checked", "cancels_previous"));
        assert!(names_field("cancels_previous:box_unsure", "cancelled_request_date"));
        assert!(names_field("checkbox_not_found:cancels_previous", "cancelled_request_date"));
        assert!(!names_field("probable_cause:box_unsure", "cancelled_request_date"));
        assert!(names_field("sex:sex_unreadable", "subject.sex"));
        assert!(!names_field("line_unknown", "subject_id"));
        assert!(names_field("warrant_type:unsure", "warrant.type"));
        assert!(names_field("kind:detainer_cues_unread", "kind"));
        assert!(names_field("warrant_name_differs:page_4", "subject.given_names"));
        assert!(names_field("kind:detainer_cues_unread", "subject_id"));
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
