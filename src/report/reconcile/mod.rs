//! `faxtract reconcile`: our unique requests against another party's list (e.g. the agency's list of the
//! detainers it says it issued): matched, only in ours, only in theirs, with the rule of each match.
//!
//! * **Ours** are the unique requests of `report` (same loading, merging and `--from/--to` period rule);
//!   cancellations are not requests and are left out.
//! * **Theirs** are read as a table ([`table`]: CSV or XLSX) in one of two layouts: the agency's release
//!   layout ([`release`], recognised by its header; identifiers redacted) or a column per identifier
//!   ([`list`]). They are matched by identifier ([`matching`]), then, what is left, on the release's
//!   attributes ([`attributes`]). The result is rendered by [`render`] (JSON, CSV, Markdown) or [`html`].
//! * `summary.by_month` holds, per month, our requests (by their date), their rows (by prepare or issue
//!   date), matched and only-ours (by our month) and only-theirs (by their month); `summary.by_facility`
//!   their rows per facility (release layout), matched and not; `summary.other_facilities` the rows
//!   `--facility` left out. Together they are the table that explains a gap between the two counts.
//! * `summary.matched_by_channel` counts matched requests per channel their copies reached (a request on two
//!   channels counts under both) and `summary.only_ours_by_channel` likewise: requests the other party's
//!   list lacks; `only_theirs` are the ones no archive holds, which is where a 15-versus-198 gap shows.

pub(crate) mod attributes;
pub(crate) mod html;
pub(crate) mod list;
pub(crate) mod matching;
pub(crate) mod release;
pub(crate) mod render;
pub(crate) mod table;

use crate::report::load::{InputError, LoadSet};
use crate::report::requests::{requests, RequestInfo};
use crate::report::types::{About, Options};
use attributes::{Strength, RULE_ATTRIBUTES};
use list::{TheirList, TheirRow};
use matching::{match_date, RULE_A, RULE_A_DATE, RULE_KEY};
use serde::Serialize;
use std::collections::BTreeMap;

/// Our side of a match.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OurRef {
    pub request_id: String,
    pub subject_id: Option<String>,
    pub event_number: Option<String>,
    pub a_number: Option<String>,
    pub date: Option<String>,
    pub date_basis: &'static str,
    pub channels: Vec<String>,
    pub lines: Vec<String>,
    pub copies: usize,
    /// What its copies disagreed on (it takes the values they vote for).
    pub disagreements: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Match {
    pub rule: &'static str,
    /// True when both sides have a date and they differ (under the `a_number` and attribute rules).
    pub date_differs: bool,
    /// For a match on attributes: how strong, how many days apart, on what evidence.
    #[serde(flatten)]
    pub strength: Option<Strength>,
    pub ours: OurRef,
    pub theirs: TheirRow,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary {
    pub ours: usize,
    pub theirs: usize,
    pub matched: usize,
    pub matched_by_rule: BTreeMap<String, usize>,
    pub only_ours: usize,
    pub only_theirs: usize,
    pub matched_by_channel: BTreeMap<String, usize>,
    pub only_ours_by_channel: BTreeMap<String, usize>,
    pub their_rows_with_problems: usize,
    /// `ids` or `release`.
    pub layout: &'static str,
    /// Matches on attributes by strength (`strong`, `medium`, `weak`).
    pub matched_by_strength: BTreeMap<String, usize>,
    pub by_month: BTreeMap<String, MonthRow>,
    pub by_facility: BTreeMap<String, FacilityRow>,
    /// Rows of other facilities, left out by `--facility`, by facility.
    pub other_facilities: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct MonthRow {
    pub ours: usize,
    pub theirs: usize,
    pub matched: usize,
    pub only_ours: usize,
    pub only_theirs: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct FacilityRow {
    pub theirs: usize,
    pub matched: usize,
    pub only_theirs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Reconciliation {
    pub schema: &'static str,
    pub about: About,
    pub against: String,
    /// Our record files, stated on the HTML page (not in the JSON: runs over a whole run's file and over its
    /// shards give the same JSON).
    #[serde(skip)]
    pub record_files: Vec<String>,
    pub columns: BTreeMap<String, String>,
    pub period: (Option<String>, Option<String>),
    pub summary: Summary,
    pub matched: Vec<Match>,
    pub only_ours: Vec<OurRef>,
    pub only_theirs: Vec<TheirRow>,
    pub input_errors: Vec<InputError>,
}

fn our_ref(r: &RequestInfo) -> OurRef {
    OurRef {
        request_id: r.id.clone(),
        subject_id: r.subject_id.clone(),
        event_number: r.event_number.clone(),
        a_number: r.a_number.clone(),
        date: r.date.clone(),
        date_basis: r.date_basis,
        channels: r.channels.to_vec(),
        lines: r.lines.to_vec(),
        copies: r.copies.len(),
        disagreements: r.disagreements(),
    }
}

/// Reads `--against` in the layout its header shows (`--col-*` flags choose the ID-column layout). `Err` for
/// usage errors: the file cannot be read, a named column is missing, `--facility` is not a regex or does not
/// apply.
pub(crate) fn read_list(args: &crate::report::ReconcileArgs) -> anyhow::Result<TheirList> {
    let t = table::read(&args.against)?;
    let named = [&args.col_subject_id, &args.col_event, &args.col_a_number, &args.col_date];
    if named.iter().all(|c| c.is_none()) && release::is_release(&t.header) {
        let re = match &args.facility {
            Some(f) => Some(
                regex::RegexBuilder::new(f)
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| anyhow::anyhow!("--facility: {e}"))?,
            ),
            None => None,
        };
        return Ok(release::from_table(t, re.as_ref()));
    }
    if args.facility.is_some() {
        anyhow::bail!("--facility applies to the agency's release layout (a detainer_prepare_date column)");
    }
    let cols = list::Columns::named(&args.col_subject_id, &args.col_event, &args.col_a_number, &args.col_date);
    list::from_table(t, &cols)
}

/// Matches our requests in the period with their list, one-to-one; the result with its summary.
pub(crate) fn reconcile(mut set: LoadSet, o: &Options, theirs: TheirList, within_days: i64) -> Reconciliation {
    let all = requests(&mut set.records, false).all;
    let mut input_errors: Vec<InputError> = set.input_errors.iter().chain(theirs.errors.iter()).cloned().collect();
    input_errors.sort();
    let record_files = std::mem::take(&mut set.inputs);
    drop(set);
    let (against, columns) = (theirs.path.clone(), theirs.columns.clone());
    let ours: Vec<&RequestInfo> = all.iter().filter(|r| !r.cancellation && r.in_period(o)).collect();
    let mut pairing = matching::pair(&ours, &theirs.rows);
    if theirs.layout == "release" {
        attributes::pair(&ours, &theirs.rows, within_days, &mut pairing);
    }
    let mut s = Summary::new(ours.len(), &theirs);
    let n_matched = pairing.their_match.iter().filter(|m| m.is_some()).count();
    let mut matched = Vec::with_capacity(n_matched);
    let mut only_theirs = Vec::with_capacity(theirs.rows.len() - n_matched);
    // Their rows move into the result (a list of 100,000 rows is not held twice).
    for ((t, m), strength) in theirs.rows.into_iter().zip(pairing.their_match).zip(pairing.strengths) {
        let Some((oi, rule)) = m else {
            s.count_theirs(&t, false);
            only_theirs.push(t);
            continue;
        };
        let r = ours[oi];
        s.count_match(r, &t, rule, strength.as_ref());
        matched.push(Match {
            rule,
            date_differs: matches!((match_date(r), t.date.as_deref()), (Some(a), Some(b)) if a != b),
            strength,
            ours: our_ref(r),
            theirs: t,
        });
    }
    matched.sort_by(|a, b| a.ours.request_id.cmp(&b.ours.request_id));
    let only_ours: Vec<OurRef> = ours
        .iter()
        .zip(&pairing.our_taken)
        .filter(|(_, taken)| !**taken)
        .map(|(r, _)| {
            s.count_only_ours(r);
            our_ref(r)
        })
        .collect();
    for r in &ours {
        s.by_month.entry(month(r.date.as_deref())).or_default().ours += 1;
    }
    s.matched = matched.len();
    s.only_ours = only_ours.len();
    s.only_theirs = only_theirs.len();
    Reconciliation {
        schema: "faxtract.reconcile/1",
        about: o.about.clone(),
        against,
        record_files,
        columns,
        period: (o.from.clone(), o.to.clone()),
        summary: s,
        matched,
        only_ours,
        only_theirs,
        input_errors,
    }
}

/// `YYYY-MM` of a date, `undated` without one.
fn month(d: Option<&str>) -> String {
    d.and_then(|d| d.get(..7)).map(str::to_string).unwrap_or_else(|| "undated".into())
}

impl Summary {
    fn new(ours: usize, theirs: &TheirList) -> Summary {
        let mut by_rule: BTreeMap<String, usize> =
            [RULE_KEY, RULE_A_DATE, RULE_A].iter().map(|r| (r.to_string(), 0)).collect();
        let mut by_strength = BTreeMap::new();
        if theirs.layout == "release" {
            by_rule.insert(RULE_ATTRIBUTES.to_string(), 0);
            by_strength = ["strong", "medium", "weak"].iter().map(|s| (s.to_string(), 0)).collect();
        }
        Summary {
            ours,
            theirs: theirs.rows.len(),
            matched: 0,
            matched_by_rule: by_rule,
            only_ours: 0,
            only_theirs: 0,
            matched_by_channel: BTreeMap::new(),
            only_ours_by_channel: BTreeMap::new(),
            their_rows_with_problems: theirs.rows.iter().filter(|r| !r.problems.is_empty()).count(),
            layout: theirs.layout,
            matched_by_strength: by_strength,
            by_month: BTreeMap::new(),
            by_facility: BTreeMap::new(),
            other_facilities: theirs.other_facilities.clone(),
        }
    }

    /// One of their rows, in its month and facility.
    fn count_theirs(&mut self, t: &TheirRow, matched: bool) {
        let m = self.by_month.entry(month(t.date.as_deref())).or_default();
        m.theirs += 1;
        if !matched {
            m.only_theirs += 1;
        }
        if let Some(f) = &t.release {
            let row = self.by_facility.entry(release::facility_label(f)).or_default();
            row.theirs += 1;
            if matched {
                row.matched += 1;
            } else {
                row.only_theirs += 1;
            }
        }
    }

    fn count_match(&mut self, r: &RequestInfo, t: &TheirRow, rule: &str, strength: Option<&Strength>) {
        self.count_theirs(t, true);
        *self.matched_by_rule.entry(rule.to_string()).or_default() += 1;
        if let Some(s) = strength {
            *self.matched_by_strength.entry(s.strength.to_string()).or_default() += 1;
        }
        for ch in &r.channels {
            *self.matched_by_channel.entry(ch.clone()).or_default() += 1;
        }
        self.by_month.entry(month(r.date.as_deref())).or_default().matched += 1;
    }

    fn count_only_ours(&mut self, r: &RequestInfo) {
        for ch in &r.channels {
            *self.only_ours_by_channel.entry(ch.clone()).or_default() += 1;
        }
        self.by_month.entry(month(r.date.as_deref())).or_default().only_ours += 1;
    }
}
