//! The warrant attached to a request, and the checks that tie a request's values together.

use super::{DocSpan, PageSlot};
use crate::forms::classify::{self, PageText};
use crate::forms::models::Models;
use crate::forms::normalize;
use crate::plan::PageFields;
use crate::record::*;
use crate::review::Reason;
use serde_json::json;

/// How strongly a page's text shows a warrant of each family: (administrative, judicial), each the best
/// score of its kinds' cues in `classify.toml`. A cue alone (a caption, a title word) is not a warrant; two
/// weights' worth is a page worth a clerk's look.
fn warrant_cues(models: &Models, text: &PageText) -> (i32, i32) {
    let (mut admin, mut judicial) = (0, 0);
    for (kind, score) in classify::scores(&models.classifier, text) {
        match kind.warrant_type() {
            Some(WarrantType::I200 | WarrantType::I205) => admin = admin.max(score),
            Some(WarrantType::Judicial) => judicial = judicial.max(score),
            _ => {}
        }
    }
    (admin, judicial)
}

/// Most words a signature-block line holds (a date, a name and a title, its label row beside it).
const SIGNATURE_WORDS: usize = 12;

/// Score from which a page's warrant cues make its warrant type a question (see [`warrant_cues`]).
const WARRANT_CUES: i32 = 2;

/// The warrant attached to the request: the first warrant page after it. A page is judicial only when it
/// shows a court caption (its classification) and a judge's signature block, and no officer's title. A
/// page after the request that shows warrant cues without being settled as a warrant, or a judicial one
/// that also shows an administrative warrant's, makes the type unsure (`warrant_type:unsure`): `none`
/// is only said when no page looks like a warrant.
pub(super) fn warrant(models: &Models, pages: &[PageSlot], span: &DocSpan, det: &mut Detainer, rec: &mut Record) {
    let req = span.request.unwrap_or(span.start);
    let mut unsure = false;
    for (i, p) in pages.iter().enumerate().take(span.end).skip(span.start) {
        let Ok(p) = p else { continue };
        if i <= req {
            continue;
        }
        let Some(wt) = p.kind.warrant_type() else {
            // The request's own notice pages are the form's, not a warrant.
            let (admin, judicial) = warrant_cues(models, &p.text);
            unsure |= p.kind != PageKind::DetaineeNotice && admin.max(judicial) >= WARRANT_CUES;
            continue;
        };
        if wt == WarrantType::Judicial && warrant_cues(models, &p.text).0 >= WARRANT_CUES {
            rec.review.flag(Reason::WarrantTypeUnsure);
            det.warrant = Warrant { kind: WarrantType::None, page: Some(i as u32 + 1) };
            return;
        }
        let text = PageText::text(&p.text.lines);
        let kind = if wt == WarrantType::Judicial {
            // The signature block: short lines below the title area (a state court's compact warrant
            // signs in its upper third); a sentence that mentions a judge ("bring before a United States
            // magistrate judge") is a long line, and is not a signature.
            let top = (p.text.height as f32 * classify::TOP_BAND) as i32;
            let lower: String = p
                .text
                .lines
                .iter()
                .filter(|l| l.bbox.cy() > top && l.words.len() <= SIGNATURE_WORDS)
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
    if unsure {
        rec.review.flag(Reason::WarrantTypeUnsure);
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
