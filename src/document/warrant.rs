//! The warrant attached to a request, and the checks that tie a request's values together.

use super::{DocSpan, PageSlot};
use crate::forms::models::Models;
use crate::forms::normalize;
use crate::plan::PageFields;
use crate::record::*;
use crate::review::Reason;
use serde_json::json;

/// The warrant attached to the request: the first warrant page after it. A page is judicial only when it
/// shows a court caption (its classification) and a judge's signature block, and no officer's title.
pub(super) fn warrant(models: &Models, pages: &[PageSlot], span: &DocSpan, det: &mut Detainer, rec: &mut Record) {
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
                rec.review.flag(Reason::WarrantUnconfirmed(i + 1));
                det.warrant = Warrant { kind: WarrantType::None, page: Some(i as u32 + 1) };
                return;
            }
        } else {
            wt
        };
        det.warrant = Warrant { kind, page: Some(i as u32 + 1) };
        // The warrant must be for the same person: compare its A-number with the request's. An
        // administrative warrant whose A-number reads is not read further (see `plan`), so only one
        // without is checked by name.
        let a = match (&p.fields, kind) {
            (PageFields::Warrant { a_number }, WarrantType::I200 | WarrantType::I205) => a_number.clone(),
            _ => None,
        };
        if let (Some(wa), Some(ra)) = (&a, &det.a_number) {
            if wa != ra {
                rec.review.flag(Reason::WarrantANumberMismatch);
            } else {
                agrees(rec, "a_number");
            }
        }
        // Else it must name the same person: the request's family name must appear on the warrant page.
        if let (None, Some(family)) = (&a, &det.subject.family_name) {
            let want = crate::forms::labels::squash(family);
            if want.len() >= 3 && normalize::fuzzy_contains(&crate::forms::labels::squash(&text), &want).is_none() {
                rec.review.flag(Reason::WarrantNameNotFound(i + 1));
            } else if want.len() >= 3 {
                agrees(rec, "name");
            }
        }
        return;
    }
    det.warrant = Warrant { kind: WarrantType::None, page: None };
}

/// Notes on field `name` that the warrant page shows the same value (evidence for its calibration).
fn agrees(rec: &mut Record, name: &str) {
    if let Some(f) = rec.fields.get_mut(name) {
        f.checks.push("warrant_agrees".into());
    }
}

pub(super) fn cross_check(det: &mut Detainer, rec: &mut Record) {
    if let (Some(dob), Some(issued)) = (&det.subject.dob, &det.date_issued) {
        if dob >= issued {
            rec.review.flag(Reason::DobNotBeforeIssueDate);
            det.subject.dob = None;
        } else {
            let age = issued[..4].parse::<i32>().unwrap_or(0) - dob[..4].parse::<i32>().unwrap_or(0);
            if !(10..=110).contains(&age) {
                rec.review.flag(Reason::DobImplausibleAge);
                det.subject.dob = None;
            }
        }
    }
    if let (Some(issued), Some(received)) = (&det.date_issued, &rec.fax.received_at) {
        if issued.as_str() > &received[..10] {
            rec.review.flag(Reason::DateIssuedAfterReceipt);
            det.date_issued = None;
        }
    }
    if let (Some(cancelled), Some(issued)) = (&det.cancelled_request_date, &det.date_issued) {
        if cancelled > issued {
            rec.review.flag(Reason::CancelledRequestAfterIssueDate);
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
