//! Stages 6-8: pages → documents → records. Groups classified pages into documents, extracts each
//! request's fields with its form model, normalises and cross-checks them, and fills the record.
//! Anything unsure or invalid becomes `null` with a reason in `review.reasons`: never a guess.

use crate::forms::extract::{extract, Extraction, RawField};
use crate::forms::header::HeaderLine;
use crate::forms::models::FormModel;
use crate::forms::models::Models;
use crate::forms::normalize;
use crate::input::read::ReadError;
use crate::input::tiff_tags::PageTags;
use crate::plan::PageAnalysis;
use crate::record::*;
use serde_json::json;
use std::sync::LazyLock;

/// Below this mean OCR confidence a value is not trusted at all; below `REVIEW_CONFIDENCE` it is kept
/// but the record goes to review.
const MIN_CONFIDENCE: f32 = 0.15;
const REVIEW_CONFIDENCE: f32 = 0.70;

/// One page slot of a file: analysed, or unreadable.
pub type PageSlot = Result<PageAnalysis, ReadError>;

/// Pages `[start, end)` (0-based) that make one document, and the index of its request page.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSpan {
    pub start: usize,
    pub end: usize,
    pub request: Option<usize>,
}

/// Groups pages: each request page starts a document that runs to the next one; pages before the first
/// request (a cover sheet) belong to it. A file without a request page is one "other" document.
pub fn group(kinds: &[Option<PageKind>]) -> Vec<DocSpan> {
    let starts: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| k.is_some_and(|k| k.detainer_form().is_some()))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        return vec![DocSpan { start: 0, end: kinds.len(), request: None }];
    }
    let mut spans = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let start = if n == 0 { 0 } else { s };
        let end = starts.get(n + 1).copied().unwrap_or(kinds.len());
        spans.push(DocSpan { start, end, request: Some(s) });
    }
    spans
}

/// The file-level facts a document's record needs.
pub struct FileFacts<'a> {
    pub source: Source,
    pub tags: &'a [PageTags],
    pub line: Option<String>,
    pub channel: Option<String>,
}

pub fn build(models: &Models, pages: &[PageSlot], span: &DocSpan, facts: &FileFacts) -> Record {
    let mut source = facts.source.clone();
    source.pages = (span.start as u32 + 1..=span.end as u32).collect();
    let mut rec = Record::new(Kind::Other, source);
    rec.page_kinds =
        pages[span.start..span.end].iter().map(|p| p.as_ref().map(|a| a.kind).unwrap_or(PageKind::Other)).collect();
    for (i, p) in pages.iter().enumerate().take(span.end).skip(span.start) {
        if let Err(e) = p {
            rec.review.flag(format!("page_unreadable:{}:{}", i + 1, e.code));
        }
    }
    fill_fax(&mut rec, pages, span, facts);
    let Some(req) = span.request else { return rec };
    let Ok(page) = &pages[req] else { return rec };
    let form = models.form_for(page.kind).expect("a request page has a form model");
    rec.kind = Kind::Detainer;
    rec.form = page.kind.detainer_form().map(str::to_string);
    let prepared = page.prepared.as_ref().expect("request pages keep their prepared image");
    let ex = extract(form, &page.text.lines, prepared);
    let mut det = Detainer::default();
    normalize_fields(models, form, &ex, req as u32 + 1, &mut det, &mut rec);
    warrant(models, pages, span, &mut det, &mut rec);
    cross_check(&mut det, &mut rec);
    rec.detainer = Some(det);
    rec
}

fn fill_fax(rec: &mut Record, pages: &[PageSlot], span: &DocSpan, facts: &FileFacts) {
    let tags = facts.tags.get(span.start).cloned().unwrap_or_default();
    let headers: Vec<(usize, &HeaderLine)> = (span.start..span.end)
        .filter_map(|i| pages[i].as_ref().ok().and_then(|p| p.header.as_ref()).map(|h| (i, h)))
        .collect();
    let first = headers.first().map(|(_, h)| *h);
    let hd = &mut rec.fax.header;
    for (k, v) in &tags.text {
        hd.tags.insert(k.to_string(), v.clone());
    }
    for (k, v) in &tags.numbers {
        hd.tags.insert(k.to_string(), v.to_string());
    }
    if let Some(h) = first {
        hd.raw = Some(h.raw.clone());
        hd.sent_at = h.sent_at.clone();
        hd.sender = h.sender.clone();
        hd.numbers = h.numbers.clone();
        hd.page = h.page;
        hd.page_total = h.page_total;
        hd.confidence = h.confidence;
    }
    // The page counters say how many pages were sent; fewer in the file means some were lost.
    let total = headers.iter().filter_map(|(_, h)| h.page_total).max();
    if let Some(total) = total {
        if (facts.source.page_count as u32) < total {
            hd.incomplete = true;
            rec.review.flag(format!("fax_incomplete:{}_of_{}_pages", facts.source.page_count, total));
        }
    }
    let tiff_time = tags.text.get("DateTime").and_then(|d| tiff_datetime(d));
    if let Some(t) = tiff_time {
        rec.fax.received_at = Some(t);
        hd.received_at_source = Some("tiff_datetime".into());
    } else if let Some(t) = first.and_then(|h| h.sent_at.clone()).filter(|t| t.len() > 10) {
        rec.fax.received_at = Some(t);
        hd.received_at_source = Some("header_line".into());
    }
    rec.fax.sender = tags.text.get("ImageDescription").cloned().or_else(|| first.and_then(|h| h.sender.clone()));
    rec.fax.line = facts.line.clone();
    rec.fax.channel = facts.channel.clone();
}

/// TIFF DateTime in the colon form `YYYY:MM:DD HH:MM:SS` or spandsp's slash form `YYYY/MM/DD HH:MM:SS`.
pub fn tiff_datetime(s: &str) -> Option<String> {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\s*(\d{4})[:/-](\d{2})[:/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?").unwrap()
    });
    let c = RE.captures(s)?;
    let date = normalize::date(&format!("{}/{}/{}", &c[2], &c[3], &c[1])).ok()?;
    let (h, m): (u32, u32) = (c[4].parse().ok()?, c[5].parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    Some(match c.get(6) {
        Some(s) => format!("{date}T{h:02}:{m:02}:{}", s.as_str()),
        None => format!("{date}T{h:02}:{m:02}"),
    })
}

fn field_entry(value: serde_json::Value, raw: &RawField, page: u32) -> Field {
    Field {
        value,
        raw: raw.raw.clone(),
        confidence: raw.confidence,
        page,
        bbox: raw.bbox.as_array(),
        method: Some(raw.method.clone()),
    }
}

/// Normalises one raw field: Some(value) when it reads, is valid and confident enough.
fn accept<T>(
    rec: &mut Record,
    name: &str,
    raw: Option<&RawField>,
    f: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    let Some(raw) = raw else {
        rec.review.flag(format!("{name}:not_found"));
        return None;
    };
    if raw.confidence < MIN_CONFIDENCE {
        rec.review.flag(format!("{name}:low_confidence"));
        return None;
    }
    match f(&raw.raw) {
        Ok(v) => {
            // Found by the form's structure because its label was unreadable: right place, but a person
            // should confirm it.
            if raw.method.starts_with("position:") {
                rec.review.flag(format!("{name}:found_by_position"));
            }
            if raw.confidence < REVIEW_CONFIDENCE {
                rec.review.flag(format!("{name}:low_confidence"));
            }
            Some(v)
        }
        Err(reason) => {
            rec.review.flag(format!("{name}:{reason}"));
            None
        }
    }
}

fn normalize_fields(
    models: &Models,
    form: &FormModel,
    ex: &Extraction,
    page: u32,
    det: &mut Detainer,
    rec: &mut Record,
) {
    let raw = |n: &str| ex.fields.get(n).cloned();
    let check = |v: String, n: &str| -> Result<String, String> {
        match form.field.iter().find(|m| m.name == n).and_then(|m| m.pattern_re.as_ref()) {
            Some(re) if !re.is_match(&v) => Err("pattern_mismatch".into()),
            _ => Ok(v),
        }
    };
    let put = |rec: &mut Record, name: &str, value: serde_json::Value| {
        if let Some(r) = ex.fields.get(name) {
            rec.fields.insert(name.to_string(), field_entry(value, r, page));
        }
    };

    det.subject_id = accept(rec, "subject_id", raw("subject_id").as_ref(), |s| {
        normalize::digits(s).and_then(|v| check(v, "subject_id"))
    });
    put(rec, "subject_id", json!(det.subject_id));
    det.event_number = accept(rec, "event_number", raw("event_number").as_ref(), |s| {
        normalize::event_number(s).and_then(|v| check(v, "event_number"))
    });
    put(rec, "event_number", json!(det.event_number));
    det.a_number = accept(rec, "a_number", raw("a_number").as_ref(), normalize::a_number);
    put(rec, "a_number", json!(det.a_number));
    det.date_issued = accept(rec, "date_issued", raw("date_issued").as_ref(), normalize::date);
    put(rec, "date_issued", json!(det.date_issued));
    if let Some((name, family, given)) = accept(rec, "name", raw("name").as_ref(), normalize::name) {
        det.subject.name = Some(name);
        det.subject.family_name = Some(family);
        det.subject.given_names = Some(given);
    }
    put(rec, "name", json!(det.subject.name));
    det.subject.dob = accept(rec, "dob", raw("dob").as_ref(), normalize::date);
    put(rec, "dob", json!(det.subject.dob));
    det.subject.citizenship =
        accept(rec, "citizenship", raw("citizenship").as_ref(), |s| normalize::country(s, &models.countries));
    put(rec, "citizenship", json!(det.subject.citizenship));
    det.subject.sex = accept(rec, "sex", raw("sex").as_ref(), normalize::sex);
    put(rec, "sex", json!(det.subject.sex));
    if let Some(r) = raw("issuing_office") {
        det.issuing_office.raw = Some(r.raw.clone());
    }
    if let Some(o) = accept(rec, "issuing_office", raw("issuing_office").as_ref(), |s| {
        normalize::office(s, &models.offices).map(|(o, _)| o.clone())
    }) {
        det.issuing_office.code = Some(o.code.clone());
        det.issuing_office.name = Some(o.name.clone());
    }
    put(rec, "issuing_office", json!(det.issuing_office.code));

    // Checkboxes: a box that cannot be found leaves its answer unknown.
    let mut causes = Vec::new();
    for (name, cause) in [
        ("final_order", ProbableCause::FinalOrder),
        ("removal_proceedings", ProbableCause::RemovalProceedings),
        ("biometric", ProbableCause::Biometric),
        ("statements", ProbableCause::Statements),
    ] {
        match ex.checkboxes.get(name).and_then(|b| b.checked) {
            Some(true) => causes.push(cause),
            Some(false) => {}
            None => rec.review.flag(format!("checkbox_not_found:{name}")),
        }
    }
    det.probable_cause = causes;
    match ex.checkboxes.get("cancels_previous") {
        Some(b) => {
            det.cancels_previous = b.checked == Some(true);
            rec.fields.insert(
                "cancels_previous".into(),
                Field {
                    value: json!(det.cancels_previous),
                    raw: format!("ink {:.2}", b.ink),
                    confidence: 1.0,
                    page,
                    bbox: b.bbox.as_array(),
                    method: Some("checkbox".into()),
                },
            );
        }
        // A form without a cancel box (the I-247D) cannot be a cancellation.
        None if !form.checkbox_group.iter().any(|g| g.options.iter().any(|o| o == "cancels_previous")) => {}
        None => rec.review.flag("checkbox_not_found:cancels_previous"),
    }
    if det.cancels_previous {
        det.cancelled_request_date =
            accept(rec, "cancelled_request_date", raw("cancelled_request_date").as_ref(), normalize::date);
        put(rec, "cancelled_request_date", json!(det.cancelled_request_date));
    }
    if det.probable_cause.is_empty() && !det.cancels_previous {
        rec.review.flag("probable_cause:none_checked");
    }
}

/// The warrant attached to the request: the first warrant page after it. A page is judicial only when it
/// shows a court caption (its classification) and a judge's signature block, and no officer's title.
fn warrant(models: &Models, pages: &[PageSlot], span: &DocSpan, det: &mut Detainer, rec: &mut Record) {
    let req = span.request.unwrap_or(span.start);
    for (i, p) in pages.iter().enumerate().take(span.end).skip(span.start) {
        let Ok(p) = p else { continue };
        let Some(wt) = p.kind.warrant_type() else { continue };
        if i < req {
            continue;
        }
        let text = crate::forms::classify::PageText::text(&p.text.lines);
        let kind = if wt == WarrantType::Judicial {
            let lower: String = p
                .text
                .lines
                .iter()
                .filter(|l| l.bbox.cy() > p.text.height / 3)
                .map(|l| l.text().to_uppercase())
                .collect::<Vec<_>>()
                .join("\n");
            if models.warrants.judge_signature.is_match(&lower) && !models.warrants.officer_titles.is_match(&text) {
                WarrantType::Judicial
            } else {
                rec.review.flag(format!("warrant_unconfirmed:page_{}", i + 1));
                det.warrant = Warrant { kind: WarrantType::None, page: Some(i as u32 + 1) };
                return;
            }
        } else {
            wt
        };
        det.warrant = Warrant { kind, page: Some(i as u32 + 1) };
        // The warrant must be for the same person: compare its A-number with the request's. An
        // administrative warrant whose A-number reads is not read further (see `analyze`), so only one
        // without is checked by name.
        let a = matches!(kind, WarrantType::I200 | WarrantType::I205)
            .then(|| crate::forms::extract::warrant_a_number(&models.warrants.a_number_labels, &p.text.lines))
            .flatten();
        if let (Some(wa), Some(ra)) = (&a, &det.a_number) {
            if wa != ra {
                rec.review.flag("warrant_a_number_mismatch");
            }
        }
        // Else it must name the same person: the request's family name must appear on the warrant page.
        if let (None, Some(family)) = (&a, &det.subject.family_name) {
            let want = crate::forms::labels::squash(family);
            if want.len() >= 3 && normalize::fuzzy_contains(&crate::forms::labels::squash(&text), &want).is_none() {
                rec.review.flag(format!("warrant_name_not_found:page_{}", i + 1));
            }
        }
        return;
    }
    det.warrant = Warrant { kind: WarrantType::None, page: None };
}

fn cross_check(det: &mut Detainer, rec: &mut Record) {
    if let (Some(dob), Some(issued)) = (&det.subject.dob, &det.date_issued) {
        if dob >= issued {
            rec.review.flag("dob_not_before_issue_date");
            det.subject.dob = None;
        } else {
            let age = issued[..4].parse::<i32>().unwrap_or(0) - dob[..4].parse::<i32>().unwrap_or(0);
            if !(10..=110).contains(&age) {
                rec.review.flag("dob_implausible_age");
                det.subject.dob = None;
            }
        }
    }
    if let (Some(issued), Some(received)) = (&det.date_issued, &rec.fax.received_at) {
        if issued.as_str() > &received[..10] {
            rec.review.flag("date_issued_after_receipt");
            det.date_issued = None;
        }
    }
    if let (Some(cancelled), Some(issued)) = (&det.cancelled_request_date, &det.date_issued) {
        if cancelled > issued {
            rec.review.flag("cancelled_request_after_issue_date");
            det.cancelled_request_date = None;
        }
    }
    // Keep `fields` consistent with the values finally kept.
    for (name, v) in [
        ("dob", json!(det.subject.dob)),
        ("date_issued", json!(det.date_issued)),
        ("cancelled_request_date", json!(det.cancelled_request_date)),
    ] {
        if let Some(f) = rec.fields.get_mut(name) {
            f.value = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_pages_into_documents() {
        use PageKind::*;
        let k = |v: &[PageKind]| v.iter().map(|k| Some(*k)).collect::<Vec<_>>();
        assert_eq!(
            group(&k(&[CoverSheet, I247aRequest, DetaineeNotice, DetaineeNotice, I200])),
            vec![DocSpan { start: 0, end: 5, request: Some(1) }]
        );
        assert_eq!(group(&k(&[Other, Other])), vec![DocSpan { start: 0, end: 2, request: None }]);
        let two = group(&k(&[I247aRequest, I200, I247d, DetaineeNotice]));
        assert_eq!(
            two,
            vec![DocSpan { start: 0, end: 2, request: Some(0) }, DocSpan { start: 2, end: 4, request: Some(2) }]
        );
    }

    #[test]
    fn tiff_datetimes_in_both_forms() {
        assert_eq!(tiff_datetime("2025:03:14 09:41:07").as_deref(), Some("2025-03-14T09:41:07"));
        assert_eq!(tiff_datetime("2025/03/14 09:41:07").as_deref(), Some("2025-03-14T09:41:07"));
        assert_eq!(tiff_datetime("2025:02:30 09:41:07"), None);
    }
}
