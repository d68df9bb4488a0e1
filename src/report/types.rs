//! The report's data: what [`super::count`] builds and the renderers ([`super::render`]) read. Holding the
//! types apart keeps the dependency one-way: rendering depends on counting's output, never the reverse.
//!
//! [`Report`] is serialized as-is to JSON, so its field names are a public interface.

use super::load::{InputError, Origin, Repeated};
use serde::Serialize;
use std::collections::BTreeMap;

/// Options of the count (from the command line).
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub from: Option<String>,
    pub to: Option<String>,
    pub dedicated_channel: String,
    pub show_names: bool,
    pub about: About,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            from: None,
            to: None,
            dedicated_channel: "dedicated".into(),
            show_names: false,
            about: About::default(),
        }
    }
}

/// Who made the report, when, with what: stated on the page so that a printed copy can be traced.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct About {
    /// `--department`, when given.
    pub department: Option<String>,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ` (`SOURCE_DATE_EPOCH` sets it). Stated on the HTML page only: the JSON,
    /// CSV and Markdown of two runs over the same records stay byte-identical (shard runs are compared so).
    #[serde(skip)]
    pub generated_at: String,
    pub faxtract_version: String,
    /// The version of the form models built into this faxtract.
    pub models_version: String,
}

pub(crate) const REPORT_SCHEMA: &str = "faxtract.report/1";
pub(crate) const LEGACY_FORMS: [&str; 4] = ["I-247", "I-247D", "I-247N", "I-247X"];

/// The report. Serialized as-is to JSON: these keys are a public interface.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    pub schema: &'static str,
    pub about: About,
    pub period: Period,
    pub unique_requests: usize,
    pub copies_received: usize,
    /// Unique cancellations in the period (never counted as requests).
    pub cancellations: usize,
    pub cancellation_copies: usize,
    /// Requests with at least one copy on the dedicated channel / unique requests; null with no requests.
    pub dedicated_share: Option<f64>,
    pub dedicated_channel: String,
    pub dedicated_requests: usize,
    pub by_channel: BTreeMap<String, Tally>,
    pub by_line: BTreeMap<String, LineTally>,
    pub by_month: BTreeMap<String, usize>,
    pub by_office: BTreeMap<String, usize>,
    pub by_warrant_type: BTreeMap<String, usize>,
    pub judicial_vs_administrative: BTreeMap<String, usize>,
    /// `I-247A`, `legacy` (I-247, I-247D, I-247N, I-247X) and `unknown`.
    pub by_form: BTreeMap<String, usize>,
    /// The exact form names behind `by_form`.
    pub by_form_detail: BTreeMap<String, usize>,
    pub requests: Vec<RequestRow>,
    pub cancellation_list: Vec<CancellationRow>,
    pub duplicates: Vec<Duplicate>,
    /// Near matches the merge would not decide: two requests that may be one, for a person to judge.
    pub possible_duplicates: Vec<PossibleDuplicateRow>,
    pub merge_stats: MergeStats,
    pub needs_review: Vec<ReviewItem>,
    pub errors: Vec<ErrorItem>,
    pub input_errors: Vec<InputError>,
    pub inputs: Inputs,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
    pub date_basis: &'static str,
    /// Earliest and latest date of the counted requests.
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// Counted requests dated by their issue date / by the received date (no readable issue date).
    pub by_date_issued: usize,
    pub by_received_at: usize,
    /// Requests with neither date (counted only when no bound is given).
    pub undated_count: usize,
    pub undated_counted: bool,
    pub undated: Vec<String>,
    pub excluded: Excluded,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Excluded {
    pub requests: usize,
    pub cancellations: usize,
    pub copies: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Tally {
    /// Unique requests with at least one copy here.
    pub requests: usize,
    /// Request copies received here.
    pub copies: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct LineTally {
    pub channels: Vec<String>,
    pub requests: usize,
    pub copies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RequestRow {
    pub request_id: String,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date: Option<String>,
    /// `date_issued`, `received_at` or `undated`.
    pub date_basis: &'static str,
    pub office: String,
    pub warrant_type: String,
    pub form: String,
    pub channels: Vec<String>,
    pub lines: Vec<String>,
    pub copies: usize,
    pub rules: Vec<&'static str>,
    pub cancelled_by: Vec<String>,
    /// What its copies disagreed on (the request takes the value they vote for).
    pub disagreements: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CancellationRow {
    pub request_id: String,
    pub date: Option<String>,
    pub date_basis: &'static str,
    pub cancelled_request_date: Option<String>,
    /// The request it cancels, when one in the records matches.
    pub cancels: Option<String>,
    /// Why that request (which identifiers it shares, how its date fits).
    pub link: Option<String>,
    pub channels: Vec<String>,
    pub lines: Vec<String>,
    /// The lines the cancelled request arrived on (often not the cancellation's).
    pub cancels_lines: Vec<String>,
    pub copies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Duplicate {
    pub request_id: String,
    /// `request` or `cancellation`.
    pub kind: &'static str,
    pub rules: Vec<&'static str>,
    pub copies: Vec<CopyRef>,
    /// Each link that joined two copies: their positions in `copies`, the rule, the evidence.
    pub merges: Vec<MergeRow>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MergeRow {
    pub copies: [usize; 2],
    pub rule: &'static str,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PossibleDuplicateRow {
    pub requests: [String; 2],
    pub why: String,
    pub evidence: Vec<String>,
}

/// How much comparing the near-match blocking took.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct MergeStats {
    pub copies: usize,
    pub pairs_compared: usize,
    /// Blocking keys shared by too many copies to compare them all, left out.
    pub broad_blocks: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct CopyRef {
    pub path: String,
    pub pages: Vec<u32>,
    pub received_at: Option<String>,
    pub line: String,
    pub channel: String,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date_issued: Option<String>,
    pub record: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct ReviewItem {
    /// `record` (the record's own `review`) or `report` (found while counting).
    pub origin: &'static str,
    pub request_id: Option<String>,
    pub kind: String,
    pub path: String,
    pub pages: Vec<u32>,
    pub record: Option<Origin>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct ErrorItem {
    pub path: String,
    pub code: String,
    pub message: String,
    pub record: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Inputs {
    pub record_files: Vec<String>,
    pub lines: usize,
    pub records_parsed: usize,
    /// Distinct records (repeats set aside).
    pub records: usize,
    pub records_by_kind: BTreeMap<String, usize>,
    pub repeated_records: usize,
    pub repeated: Vec<Repeated>,
    /// Distinct fax files (sha256 + path) the records describe, and their pages.
    pub files_read: usize,
    pub pages: u64,
    pub error_files: usize,
    pub input_errors: usize,
}

/// `[1,2,3,5]` → `1-3,5`: a document's pages as printed in ids and lists.
pub(crate) fn pages(p: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < p.len() {
        let mut j = i;
        while j + 1 < p.len() && p[j + 1] == p[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!("{}-{}", p[i], p[j]) } else { p[i].to_string() });
        i = j + 1;
    }
    out.join(",")
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_ranges() {
        assert_eq!(super::pages(&[1, 2, 3, 5, 7, 8]), "1-3,5,7-8");
        assert_eq!(super::pages(&[]), "");
        assert_eq!(super::pages(&[4]), "4");
    }
}
