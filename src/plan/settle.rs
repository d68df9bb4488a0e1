//! Steps 1-2 of the zonal plan: what a page is, read footer first, each wider read only while the
//! classification is not sure.

use super::{header_bottom, page_text};
use crate::forms::classify::{classify, rules_out, Decision, BOTTOM_BAND, TOP_BAND};
use crate::forms::labels::find_label;
use crate::forms::models::Models;
use crate::ocr::lines::Line;
use crate::ocr::ZoneReader;
use crate::page::bands;
use crate::record::PageKind;

/// Title lines read first: with a header line above them, the agency line and the form's title.
const FIRST_TITLE_BANDS: usize = 3;
/// How far down an unsure page is read before it is called `other`: a cover sheet's page count sits in
/// its upper half (reading only the upper third lost a third of the cover sheets).
const WIDEN_TO: f32 = 0.5;

/// A later, fuller read may confirm or settle a decision, never overturn a sure one by picking up prose.
pub(super) fn reconsider(decision: Decision, again: Decision) -> Decision {
    if !decision.sure || again.kind == decision.kind {
        again
    } else {
        decision
    }
}

/// A sure kind that one of its reject cues rules out once more of the page is read: what the page is
/// now, when that is sure. The footer and the first short lines settle most pages; a 2015 form whose
/// footer read without its letter ("1-247 (12/15)") and whose Subject ID row scored an I-247 was sure
/// before its long title line was read, which the fields' reads then take in and which rules the I-247
/// out. Rejects only: a later read never overturns a sure kind by picking up cues (see [`reconsider`]).
pub(super) fn overruled(decision: &Decision, models: &Models, r: &ZoneReader) -> Option<Decision> {
    let text = page_text(r, r.full());
    if !decision.sure || !rules_out(&models.classifier, decision.kind, &text) {
        return None;
    }
    Some(classify(&models.classifier, &text)).filter(|d| d.sure)
}

/// Two forms print one title (the 2012 I-247 and the I-247A) and are told apart by their footers' form
/// numbers, which often do not read at standard resolution ("OHS Porm b247"). Their bodies differ where
/// their checkbox columns start ("DHS HAS TAKEN THE FOLLOWING ACTION" against "1. DHS HAS DETERMINED THAT
/// PROBABLE CAUSE EXISTS"), a line the fields' reads take in: a request page on which its form's heading is
/// not found and the other form's is, is the other's. Read with the wrong model, its checkbox column went
/// unfound and its probable cause unread.
pub(super) fn told_by_body(kind: PageKind, models: &Models, lines: &[Line]) -> PageKind {
    let Some(twin) = models.title_twin(kind) else { return kind };
    let heading_read = |k: PageKind| {
        let first = models.form_for(k).and_then(|f| f.checkbox_group.first());
        first.is_some_and(|g| g.after.iter().any(|a| find_label(lines, a, None).is_some()))
    };
    if !heading_read(kind) && heading_read(twin) {
        twin
    } else {
        kind
    }
}

/// The pages a whole read can rescue: DHS forms, whose footers and titles fail on poor faxes while their
/// body still identifies them.
fn is_dhs_form(kind: PageKind, models: &Models) -> bool {
    models.request_form(kind).is_some() || matches!(kind, PageKind::DetaineeNotice | PageKind::I200 | PageKind::I205)
}

/// Lines of running text are left out of widening reads (see `page::bands::is_running_text`).
pub(super) fn read_short(r: &mut ZoneReader, range: std::ops::Range<usize>) -> anyhow::Result<()> {
    let width = r.page().width;
    r.read_if(range, |_, b| !bands::is_running_text(b, width))
}

/// Reads as little of the page as settles its kind (steps 1-2 of the plan).
pub(super) fn settle(r: &mut ZoneReader, models: &Models) -> anyhow::Result<Decision> {
    let h = r.page().height;
    let classify_now = |r: &ZoneReader, full: bool| classify(&models.classifier, &page_text(r, full));
    let (top_h, bottom_y) = ((h as f32 * TOP_BAND) as i32, (h as f32 * BOTTOM_BAND) as i32);
    // The footer alone settles most pages (a form number and "Page n of m"); then the title lines.
    let title = bands::within(r.bands(), header_bottom(h), top_h);
    r.read(bands::within(r.bands(), bottom_y, h))?;
    let mut d = classify_now(r, false);
    // Titles are short lines; a notice's first paragraph line, as long as the page, is left for later;
    // then the long ones among the first lines (a bold title fills as much as a paragraph line); only
    // then the rest of the title area, where a form's typed rows begin (read later as the form needs).
    let first = title.start..title.end.min(title.start + FIRST_TITLE_BANDS);
    if !d.sure {
        read_short(r, first.clone())?;
        d = reconsider(d, classify_now(r, false));
    }
    if !d.sure {
        r.read(first)?;
        d = reconsider(d, classify_now(r, false));
    }
    if !d.sure {
        r.read(title)?;
        d = reconsider(d, classify_now(r, false));
    }
    // Widening below the title area leaves out running text: the cues that settle a page there sit on
    // lines of their own ("Pages (including cover)", a caption); a letter's paragraphs cost most and
    // say least. The fax header line is never among them: it is read from its own strip.
    if !d.sure {
        read_short(r, bands::within(r.bands(), header_bottom(h), (h as f32 * WIDEN_TO) as i32))?;
        d = reconsider(d, classify_now(r, true));
    }
    // Some cue matched but not enough: before a page that may be a degraded form is called `other` (a
    // request missed is a request not counted), it is read whole if it leans towards a DHS form. A page
    // leaning towards a court document or a cover sheet gets the short lines of its lower half, where
    // those print what is left to tell them apart ("ARREST WARRANT" over a judge's block, "Pages
    // (including cover)"), not their paragraphs: court notices and letters, the commonest faxes on a
    // booking line, cost a whole read each.
    if !d.sure && d.score > 0 && !is_dhs_form(d.lead, models) {
        read_short(r, bands::within(r.bands(), header_bottom(h), h))?;
        d = reconsider(d, classify_now(r, true));
    }
    if !d.sure && d.score > 0 && is_dhs_form(d.lead, models) {
        r.read_all()?;
        d = reconsider(d, classify_now(r, true));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::forms::classify::tests::stacked as lines;

    #[test]
    fn a_request_page_is_the_form_whose_checkbox_heading_its_body_prints() {
        let models = Models::builtin().unwrap();
        let i247 = lines(&[
            "Name of Alien: OSORIO, DANILO LUIS",
            "DHS HAS TAKEN TELE FOLLOWING ACTION RELATED TO CPHE PERSON IDENTIFIED ABOVE",
        ]);
        assert_eq!(told_by_body(PageKind::I247aRequest, &models, &i247), PageKind::I247);
        assert_eq!(told_by_body(PageKind::I247, &models, &i247), PageKind::I247);
        let i247a = lines(&["1. DHS HAS DETERMINED THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN"]);
        assert_eq!(told_by_body(PageKind::I247, &models, &i247a), PageKind::I247aRequest);
        assert_eq!(told_by_body(PageKind::I247aRequest, &models, &i247a), PageKind::I247aRequest);
        // Neither heading read: the classification stands; a form without a title twin is never moved.
        let none = lines(&["Name of Alien: OSORIO, DANILO LUIS"]);
        assert_eq!(told_by_body(PageKind::I247aRequest, &models, &none), PageKind::I247aRequest);
        assert_eq!(told_by_body(PageKind::I247d, &models, &i247), PageKind::I247d);
    }
}
