//! From records to the report: requests, the period, every breakdown and everything the count rests on.
//!
//! Decisions (the README's "report" section repeats them):
//! * **Copies and requests.** A copy is one `kind: "detainer"` record; copies are merged into requests by
//!   [`super::merge`]. `copies_received` counts request copies (not cancellations) of the requests in the period.
//! * **Cancellations** (`detainer.cancels_previous`) are merged among themselves and counted in
//!   `cancellations`, never in `unique_requests`. Each is linked, where possible, to the request it cancels
//!   (a request sharing its subject ID or A-number; the one issued on `cancelled_request_date` first, else the
//!   latest issued on or before the cancellation). The cancelled request still counts: it was received.
//! * **Period.** A request's date is its issue date (`date_issued`; when copies disagree the most frequent,
//!   ties to the earliest, and the disagreement goes to `needs_review`), else the earliest `fax.received_at`
//!   date of its copies. `--from`/`--to` are inclusive. An undated request is counted when no bound is given;
//!   with a bound it cannot be placed, so it is not counted, and it is listed in `period.undated` either way.
//!   Requests outside the period are counted in `period.excluded`.
//! * **Channels and lines.** `fax.channel` / `fax.line`, `null` → `"unknown"`. `by_channel.X.requests` counts
//!   the unique requests with at least one copy on X: a request faxed to two channels counts under both,
//!   so these do not add up to `unique_requests` (`copies` do add up to `copies_received`).
//!   `dedicated_share` = requests with ≥ 1 copy on the dedicated channel (`--dedicated-channel`, default
//!   `dedicated`) / `unique_requests`; `null` when there are no requests.
//! * **Warrant type** of a request: the warrant types of its copies, ignoring `none` (a copy faxed without the
//!   warrant page); `none` when no copy has one; `conflict` (and a `needs_review` entry) when copies name two
//!   different warrants. Never resolved towards `judicial`. `judicial_vs_administrative`: I-200 and I-205 are
//!   administrative. Issuing office and form: the most frequent among copies (ties alphabetical), a
//!   disagreement goes to `needs_review`.
//! * **Lists.** `errors` lists every `kind: "error"` record; `needs_review` every record with
//!   `review.needed` (all input records, not only those in the period) plus the report's own findings
//!   (copies that disagree, copies no rule can match); `duplicates` every merged request in the period with
//!   every copy. Names and dates of birth are left out unless `--show-names`.

use super::load::{LoadSet, Origin};

use super::requests::{requests, RequestInfo, Requests};
use super::types::*;
use crate::record::Kind;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Builds the report from the loaded records: merges copies into requests, keeps those in the period, and
/// tallies every breakdown and list the count rests on. Never fails: what cannot be counted is listed.
pub(crate) fn build(mut set: LoadSet, o: &Options) -> Report {
    // What needs the records themselves is taken first: making the requests releases them (memory:
    // 100,000 records should not be held twice over).
    let flagged = flagged_records(&set);
    let errors = error_items(&set);
    let mut input_errors = std::mem::take(&mut set.input_errors);
    input_errors.sort();
    let inputs = inputs(&set, &errors, input_errors.len());
    let found = requests(&mut set.records, o.show_names);
    drop(set);
    let needs_review = review_items(flagged, &found);
    let all = &found.all;
    let split = Split::of(all, o);
    let mut tallies = Tallies::of(&split.counted, &o.dedicated_channel);
    let unique_requests = split.counted.len();
    let dedicated_share =
        if unique_requests == 0 { None } else { Some(tallies.dedicated_requests as f64 / unique_requests as f64) };
    let dates: Vec<&str> = split.counted.iter().filter_map(|r| r.date.as_deref()).collect();
    let (earliest, latest) = (dates.iter().min().map(|s| s.to_string()), dates.iter().max().map(|s| s.to_string()));
    fill_months(
        &mut tallies.by_month,
        o.from.as_deref().or(earliest.as_deref()),
        o.to.as_deref().or(latest.as_deref()),
    );
    Report {
        schema: REPORT_SCHEMA,
        about: o.about.clone(),
        period: Period {
            from: o.from.clone(),
            to: o.to.clone(),
            date_basis: "detainer.date_issued, else the earliest fax.received_at date of the copies",
            earliest,
            latest,
            by_date_issued: tallies.by_date_issued,
            by_received_at: tallies.by_received_at,
            undated_count: split.undated.len(),
            undated_counted: o.from.is_none() && o.to.is_none(),
            undated: split.undated,
            excluded: split.excluded,
        },
        unique_requests,
        copies_received: tallies.copies_received,
        cancellations: split.cancels.len(),
        cancellation_copies: split.cancels.iter().map(|c| c.copies.len()).sum(),
        dedicated_share,
        dedicated_channel: o.dedicated_channel.clone(),
        dedicated_requests: tallies.dedicated_requests,
        by_channel: tallies.by_channel,
        by_line: tallies.by_line,
        by_month: tallies.by_month,
        by_office: tallies.by_office,
        by_warrant_type: tallies.by_warrant_type,
        judicial_vs_administrative: tallies.judicial_vs_administrative,
        by_form: tallies.by_form,
        by_form_detail: tallies.by_form_detail,
        requests: request_rows(all, &split.counted, o.show_names),
        cancellation_list: cancellation_rows(all, &split.cancels),
        duplicates: duplicates(&split.counted, &split.cancels),
        possible_duplicates: possible_duplicates(&found),
        merge_stats: MergeStats {
            copies: all.iter().map(|r| r.copies.len()).sum(),
            pairs_compared: found.merge_stats.pairs_compared,
            broad_blocks: found.merge_stats.broad_blocks,
        },
        needs_review,
        inputs,
        errors,
        input_errors,
    }
}

/// The requests and cancellations of the period, and what fell outside it.
struct Split<'a> {
    counted: Vec<&'a RequestInfo>,
    cancels: Vec<&'a RequestInfo>,
    /// Ids of the requests (not cancellations) with no date at all, in the period or not.
    undated: Vec<String>,
    excluded: Excluded,
}

impl<'a> Split<'a> {
    fn of(all: &'a [RequestInfo], o: &Options) -> Split<'a> {
        let mut s =
            Split { counted: Vec::new(), cancels: Vec::new(), undated: Vec::new(), excluded: Excluded::default() };
        for r in all {
            if r.date.is_none() && !r.cancellation {
                s.undated.push(r.id.clone());
            }
            match (r.in_period(o), r.cancellation) {
                (true, false) => s.counted.push(r),
                (true, true) => s.cancels.push(r),
                (false, false) => {
                    s.excluded.requests += 1;
                    s.excluded.copies += r.copies.len();
                }
                (false, true) => s.excluded.cancellations += 1,
            }
        }
        s
    }
}

/// Every breakdown of the counted requests.
struct Tallies {
    by_channel: BTreeMap<String, Tally>,
    by_line: BTreeMap<String, LineTally>,
    by_month: BTreeMap<String, usize>,
    by_office: BTreeMap<String, usize>,
    by_warrant_type: BTreeMap<String, usize>,
    judicial_vs_administrative: BTreeMap<String, usize>,
    by_form: BTreeMap<String, usize>,
    by_form_detail: BTreeMap<String, usize>,
    copies_received: usize,
    dedicated_requests: usize,
    by_date_issued: usize,
    by_received_at: usize,
}

/// A map with these keys at zero, so that a category with no request still shows.
fn zeros(keys: &[&str]) -> BTreeMap<String, usize> {
    keys.iter().map(|k| (k.to_string(), 0)).collect()
}

impl Tallies {
    fn of(counted: &[&RequestInfo], dedicated_channel: &str) -> Tallies {
        let mut t = Tallies {
            by_channel: BTreeMap::new(),
            by_line: BTreeMap::new(),
            by_month: BTreeMap::new(),
            by_office: BTreeMap::new(),
            by_warrant_type: zeros(&["I-200", "I-205", "judicial", "none", "conflict"]),
            judicial_vs_administrative: zeros(&["judicial", "administrative", "none", "conflict"]),
            by_form: zeros(&["I-247A", "legacy", "unknown"]),
            by_form_detail: BTreeMap::new(),
            copies_received: 0,
            dedicated_requests: 0,
            by_date_issued: 0,
            by_received_at: 0,
        };
        for r in counted {
            t.add_channels_and_lines(r);
            if r.channels.iter().any(|c| c == dedicated_channel) {
                t.dedicated_requests += 1;
            }
            let month = r.date.as_deref().map(|d| d[..7].to_string()).unwrap_or_else(|| "undated".into());
            *t.by_month.entry(month).or_default() += 1;
            *t.by_office.entry(r.office.clone()).or_default() += 1;
            *t.by_warrant_type.entry(r.warrant.clone()).or_default() += 1;
            let side = match r.warrant.as_str() {
                "I-200" | "I-205" => "administrative",
                other => other,
            };
            *t.judicial_vs_administrative.entry(side.to_string()).or_default() += 1;
            *t.by_form.entry(form_family(&r.form).to_string()).or_default() += 1;
            *t.by_form_detail.entry(r.form.clone()).or_default() += 1;
            match r.date_basis {
                "date_issued" => t.by_date_issued += 1,
                "received_at" => t.by_received_at += 1,
                _ => {}
            }
        }
        t
    }

    /// Requests count once per channel and line they reached; copies count where each arrived.
    fn add_channels_and_lines(&mut self, r: &RequestInfo) {
        self.copies_received += r.copies.len();
        for ch in &r.channels {
            self.by_channel.entry(ch.clone()).or_default().requests += 1;
        }
        for ln in &r.lines {
            self.by_line.entry(ln.clone()).or_default().requests += 1;
        }
        for c in &r.copies {
            self.by_channel.entry(c.channel.clone()).or_default().copies += 1;
            let lt = self.by_line.entry(c.line.clone()).or_default();
            lt.copies += 1;
            if !lt.channels.contains(&c.channel) {
                lt.channels.push(c.channel.clone());
                lt.channels.sort();
            }
        }
    }
}

/// `I-247A`, `legacy` (the older forms) or `unknown`.
fn form_family(form: &str) -> &'static str {
    if form == "I-247A" {
        "I-247A"
    } else if LEGACY_FORMS.contains(&form) {
        "legacy"
    } else {
        "unknown"
    }
}

fn request_rows(all: &[RequestInfo], counted: &[&RequestInfo], show_names: bool) -> Vec<RequestRow> {
    let mut cancelled_by: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for r in all {
        if let Some(t) = r.cancels {
            cancelled_by.entry(t).or_default().push(r.id.clone());
        }
    }
    let index_of: BTreeMap<&str, usize> = all.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    counted
        .iter()
        .map(|r| RequestRow {
            request_id: r.id.clone(),
            subject_id: r.subject_id.clone(),
            event_number: r.event_number.clone(),
            a_number: r.a_number.clone(),
            date: r.date.clone(),
            date_basis: r.date_basis,
            office: r.office.clone(),
            warrant_type: r.warrant.clone(),
            form: r.form.clone(),
            channels: r.channels.to_vec(),
            lines: r.lines.to_vec(),
            copies: r.copies.len(),
            rules: r.rules.clone(),
            cancelled_by: cancelled_by.get(&index_of[r.id.as_str()]).cloned().unwrap_or_default(),
            disagreements: r.disagreements(),
            name: if show_names { r.name.clone() } else { None },
        })
        .collect()
}

fn cancellation_rows(all: &[RequestInfo], cancels: &[&RequestInfo]) -> Vec<CancellationRow> {
    cancels
        .iter()
        .map(|c| CancellationRow {
            request_id: c.id.clone(),
            date: c.date.clone(),
            date_basis: c.date_basis,
            cancelled_request_date: c.cancelled_request_date.clone(),
            cancels: c.cancels.map(|i| all[i].id.clone()),
            link: c.cancel_link.clone(),
            channels: c.channels.to_vec(),
            lines: c.lines.to_vec(),
            cancels_lines: c.cancels.map(|i| all[i].lines.to_vec()).unwrap_or_default(),
            copies: c.copies.len(),
        })
        .collect()
}

/// Every request or cancellation of the period made of more than one copy.
fn duplicates(counted: &[&RequestInfo], cancels: &[&RequestInfo]) -> Vec<Duplicate> {
    counted
        .iter()
        .chain(cancels.iter())
        .filter(|r| r.copies.len() > 1)
        .map(|r| Duplicate {
            request_id: r.id.clone(),
            kind: if r.cancellation { "cancellation" } else { "request" },
            rules: r.rules.clone(),
            copies: r.copies.clone(),
            merges: r
                .links
                .iter()
                .map(|(a, b, rule, evidence)| MergeRow { copies: [*a, *b], rule, evidence: evidence.clone() })
                .collect(),
        })
        .collect()
}

/// Near matches left apart, by the ids of the two requests.
fn possible_duplicates(found: &Requests) -> Vec<PossibleDuplicateRow> {
    let mut rows: Vec<PossibleDuplicateRow> = found
        .possible_duplicates
        .iter()
        .map(|d| {
            let (a, b) = (found.all[d.a].id.clone(), found.all[d.b].id.clone());
            // In id order, so that the list reads the same whichever copy was read first.
            let requests = if a <= b { [a, b] } else { [b, a] };
            PossibleDuplicateRow { requests, why: d.why.clone(), evidence: d.evidence.clone() }
        })
        .collect();
    rows.sort_by(|x, y| x.requests.cmp(&y.requests));
    rows
}

/// Adds a zero for every month from `start` to `end` (ISO dates) that has no request, so that a chart
/// of the period shows the empty months too.
fn fill_months(by_month: &mut BTreeMap<String, usize>, start: Option<&str>, end: Option<&str>) {
    let month = |d: &str| -> Option<(i32, u32)> { Some((d.get(0..4)?.parse().ok()?, d.get(5..7)?.parse().ok()?)) };
    let (Some((mut y, mut m)), Some(last)) = (start.and_then(month), end.or(start).and_then(month)) else { return };
    // A period of a century is not a chart; bound the loop whatever the dates say.
    for _ in 0..1200 {
        if (y, m) > last {
            break;
        }
        by_month.entry(format!("{y:04}-{m:02}")).or_insert(0);
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
}

/// Every record's own review flag (all records, not only the period's), then the report's own findings.
/// Every record flagged by the pipeline (`review.needed`), its request not yet known.
fn flagged_records(set: &LoadSet) -> Vec<ReviewItem> {
    set.records
        .iter()
        .filter(|l| l.record.review.needed)
        .map(|l| ReviewItem {
            origin: "record",
            request_id: None,
            kind: kind_name(l.record.kind).into(),
            path: l.record.source.path.clone(),
            pages: l.record.source.pages.clone(),
            record: Some(l.origin.clone()),
            reasons: if l.record.review.reasons.is_empty() {
                vec!["review.needed with no reason given".into()]
            } else {
                l.record.review.reasons.clone()
            },
        })
        .collect()
}

/// The flagged records with their requests, then the report's own findings.
fn review_items(mut items: Vec<ReviewItem>, found: &Requests) -> Vec<ReviewItem> {
    let all = &found.all;
    let id_of_record: HashMap<&Origin, &str> =
        all.iter().flat_map(|r| r.copies.iter().map(move |c| (&c.record, r.id.as_str()))).collect();
    for item in &mut items {
        item.request_id = item.record.as_ref().and_then(|o| id_of_record.get(o)).map(|s| s.to_string());
    }
    items.extend(all.iter().filter_map(report_finding));
    for d in &found.possible_duplicates {
        for (me, other) in [(d.a, d.b), (d.b, d.a)] {
            let r = &all[me];
            items.push(ReviewItem {
                origin: "report",
                request_id: Some(r.id.clone()),
                kind: if r.cancellation { "cancellation" } else { "request" }.into(),
                path: r.copies[0].path.clone(),
                pages: r.copies[0].pages.clone(),
                record: None,
                reasons: vec![format!("possible duplicate of {}, not merged: {}", all[other].id, d.why)],
            });
        }
    }
    items.sort();
    items
}

/// What counting found about one request: copies that disagree, no merge key, a cancellation unlinked.
fn report_finding(r: &RequestInfo) -> Option<ReviewItem> {
    let mut reasons = r.conflicts.clone();
    if r.unmatchable {
        reasons.push(
            "no complete merge key (subject_id+event_number or a_number+date_issued+name): \
             counted as its own request, duplicates of it cannot be found"
                .into(),
        );
    }
    if r.cancellation && r.cancels.is_none() {
        reasons.push("cancellation of a request not found in the records".into());
    }
    if reasons.is_empty() {
        return None;
    }
    let first = &r.copies[0];
    Some(ReviewItem {
        origin: "report",
        request_id: Some(r.id.clone()),
        kind: if r.cancellation { "cancellation" } else { "request" }.into(),
        path: first.path.clone(),
        pages: first.pages.clone(),
        record: None,
        reasons,
    })
}

fn error_items(set: &LoadSet) -> Vec<ErrorItem> {
    let mut errors: Vec<ErrorItem> = set
        .records
        .iter()
        .filter(|l| l.record.kind == Kind::Error)
        .map(|l| ErrorItem {
            path: l.record.source.path.clone(),
            code: l.record.error.as_ref().map(|e| e.code.clone()).unwrap_or_else(|| "unknown".into()),
            message: l.record.error.as_ref().map(|e| e.message.clone()).unwrap_or_default(),
            record: l.origin.clone(),
        })
        .collect();
    errors.sort();
    errors
}

/// What the count rests on: record files, lines, records by kind, fax files and their pages.
fn inputs(set: &LoadSet, errors: &[ErrorItem], input_errors: usize) -> Inputs {
    let mut files: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut records_by_kind = zeros(&["detainer", "other", "error"]);
    for l in &set.records {
        let s = &l.record.source;
        let e = files.entry((s.sha256.clone(), s.path.clone())).or_default();
        *e = (*e).max(s.page_count);
        *records_by_kind.entry(kind_name(l.record.kind).into()).or_default() += 1;
    }
    Inputs {
        record_files: set.inputs.clone(),
        lines: set.lines,
        records_parsed: set.parsed,
        records: set.records.len(),
        records_by_kind,
        repeated_records: set.repeated.iter().map(|r| r.repeats.len()).sum(),
        repeated: set.repeated.clone(),
        files_read: files.len(),
        pages: files.values().map(|&p| p as u64).sum(),
        error_files: errors.iter().map(|e| e.path.as_str()).collect::<BTreeSet<&str>>().len(),
        input_errors,
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Detainer => "detainer",
        Kind::Other => "other",
        Kind::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Detainer, Record, Source, Warrant, WarrantType};

    fn rec(path: &str, channel: &str, received: Option<&str>, sid: &str, ev: &str, date: Option<&str>) -> Record {
        let mut r = Record::new(
            Kind::Detainer,
            Source { path: path.into(), sha256: format!("{path:0>64}"), pages: vec![1], page_count: 1 },
        );
        r.fax.channel = Some(channel.into());
        r.fax.line = Some(format!("{channel}-line"));
        r.fax.received_at = received.map(String::from);
        r.detainer = Some(Detainer {
            subject_id: Some(sid.into()),
            event_number: Some(ev.into()),
            date_issued: date.map(String::from),
            ..Default::default()
        });
        r
    }

    fn set(records: Vec<Record>) -> LoadSet {
        LoadSet {
            records: records
                .into_iter()
                .enumerate()
                .map(|(i, record)| crate::report::load::Loaded {
                    origin: Origin { input: "t.jsonl".into(), line: i + 1 },
                    record: crate::report::record_view::RecordView::of(&record),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn period_uses_issue_date_then_received_date() {
        let s = set(vec![
            rec("a", "dedicated", Some("2025-01-31T23:00"), "1", "E1", Some("2025-02-01")), // issued Feb
            rec("b", "station", Some("2025-02-03T08:00"), "2", "E2", None),                 // received Feb
            rec("c", "station", Some("2025-03-01T08:00"), "3", "E3", None),                 // received Mar
            rec("d", "station", None, "4", "E4", None),                                     // undated
        ]);
        let o = Options { from: Some("2025-02-01".into()), to: Some("2025-02-28".into()), ..Default::default() };
        let r = build(s.clone(), &o);
        assert_eq!(r.unique_requests, 2);
        assert_eq!((r.period.by_date_issued, r.period.by_received_at), (1, 1));
        assert_eq!(r.period.undated, vec!["4/E4".to_string()]);
        assert!(!r.period.undated_counted);
        assert_eq!(r.period.excluded.requests, 2);
        let all = build(s.clone(), &Options::default());
        assert_eq!(all.unique_requests, 4);
        assert_eq!(all.by_month.get("undated"), Some(&1));
        assert_eq!(all.by_month.get("2025-03"), Some(&1));
    }

    #[test]
    fn dedicated_share_counts_requests_not_copies() {
        let s = set(vec![
            rec("a", "dedicated", None, "1", "E1", Some("2025-01-01")),
            rec("b", "station", None, "1", "E1", Some("2025-01-01")), // same request, second channel
            rec("c", "station", None, "2", "E2", Some("2025-01-01")),
            rec("d", "email", None, "3", "E3", Some("2025-01-01")),
            rec("e", "station", None, "4", "E4", Some("2025-01-01")),
        ]);
        let r = build(s.clone(), &Options::default());
        assert_eq!(r.unique_requests, 4);
        assert_eq!(r.copies_received, 5);
        assert_eq!(r.dedicated_requests, 1);
        assert_eq!(r.dedicated_share, Some(0.25));
        assert_eq!(r.by_channel["station"], Tally { requests: 3, copies: 3 });
        assert_eq!(r.by_channel["dedicated"], Tally { requests: 1, copies: 1 });
        let custom = build(s.clone(), &Options { dedicated_channel: "email".into(), ..Default::default() });
        assert_eq!(custom.dedicated_share, Some(0.25));
        assert_eq!(build(set(vec![]), &Options::default()).dedicated_share, None);
    }

    #[test]
    fn cancellations_are_counted_apart_and_linked() {
        let mut c = rec("c", "station", None, "1", "E1", Some("2025-02-01"));
        c.detainer.as_mut().unwrap().cancels_previous = true;
        c.detainer.as_mut().unwrap().cancelled_request_date = Some("2025-01-10".into());
        let s = set(vec![
            rec("a", "station", None, "1", "E1", Some("2025-01-10")),
            rec("b", "station", None, "1", "E9", Some("2025-01-20")), // same subject, a later request
            c,
        ]);
        let r = build(s.clone(), &Options::default());
        assert_eq!(r.unique_requests, 2);
        assert_eq!(r.cancellations, 1);
        assert_eq!(r.cancellation_list[0].cancels.as_deref(), Some("1/E1"), "the request issued on the cancelled date");
        assert_eq!(r.requests[0].cancelled_by, vec!["cancel:1/E1".to_string()]);
        assert!(r.requests[1].cancelled_by.is_empty());
    }

    #[test]
    fn warrant_type_ignores_copies_without_the_warrant_page_and_flags_conflicts() {
        let w = |mut r: Record, k: WarrantType| {
            r.detainer.as_mut().unwrap().warrant = Warrant { kind: k, page: None };
            r
        };
        let s = set(vec![
            w(rec("a", "station", None, "1", "E1", Some("2025-01-01")), WarrantType::I205),
            w(rec("b", "station", None, "1", "E1", Some("2025-01-01")), WarrantType::None),
            w(rec("c", "station", None, "2", "E2", Some("2025-01-01")), WarrantType::I200),
            w(rec("d", "station", None, "2", "E2", Some("2025-01-01")), WarrantType::Judicial),
        ]);
        let r = build(s.clone(), &Options::default());
        assert_eq!(r.by_warrant_type["I-205"], 1);
        assert_eq!(r.by_warrant_type["conflict"], 1);
        assert_eq!(r.by_warrant_type["judicial"], 0, "never resolved towards judicial");
        assert_eq!(r.judicial_vs_administrative["administrative"], 1);
        assert_eq!(r.needs_review.len(), 1);
        assert_eq!(r.needs_review[0].request_id.as_deref(), Some("2/E2"));
    }

    #[test]
    fn a_detainer_record_without_detainer_block_is_counted_and_flagged() {
        let mut r = rec("a", "station", Some("2025-01-01T00:00"), "1", "E1", None);
        r.detainer = None;
        let rep = build(set(vec![r]), &Options::default());
        assert_eq!(rep.unique_requests, 1);
        assert!(rep.needs_review[0].reasons.iter().any(|x| x.contains("without a detainer block")));
    }
}
