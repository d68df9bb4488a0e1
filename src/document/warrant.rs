//! The warrant attached to a request, and the checks that tie a request's values together.

use super::{DocSpan, PageSlot};
use crate::forms::models::Models;
use crate::forms::normalize;
use crate::record::*;
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

pub(super) fn cross_check(det: &mut Detainer, rec: &mut Record) {
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
