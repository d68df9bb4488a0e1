//! Stages 6-8: pages → documents → records. Groups classified pages into documents, extracts each
//! request's fields with its form model, normalises and cross-checks them, and fills the record.
//! Anything unsure or invalid becomes `null` with a reason in `review.reasons`: never a guess.

mod fax;
mod fields;
mod group;
mod respell;
mod warrant;

pub(crate) use group::{group, DocSpan};

use crate::forms::models::Models;
use crate::input::read::ReadError;
use crate::input::tiff_tags::PageTags;
use crate::plan::{PageAnalysis, PageFields};
use crate::record::*;
use crate::review::Reason;

/// Score from which a page's detainer-form cues (a request form's, `classify.toml`) say a detainer is
/// there: a form's title on its own line, or its footer's form number, each weighs that much alone; an
/// agency line does not. The notice's own cues are not counted: its "Page 2 of 3" is any server's footer.
const DETAINER_CUES: i32 = 2;

/// Whether a page's text shows a detainer form, whatever it was classified (a notice's title too): a
/// page sure to be something else (a letter's salutation, a court notice's title) does not.
fn shows_detainer(models: &Models, text: &crate::forms::classify::PageText) -> bool {
    let scores = crate::forms::classify::printed_scores(&models.classifier, text);
    let other = scores.iter().filter(|(k, _)| *k == PageKind::Other).map(|(_, s)| *s).max().unwrap_or(0);
    other < models.classifier.min_score
        && scores.iter().any(|(k, s)| models.request_form(*k).is_some() && *s >= DETAINER_CUES)
}

/// Pages classified as a request form's first page that are its notice: one that follows a request
/// page of its form within the notice's two pages and on which no field was found by its label (a
/// request page always shows some of its labels; a notice, printed under the same title, none), or
/// whose text, read whole for its fields, reads as the notice (its heading "NOTICE TO THE DETAINEE"
/// read after the title settled the page; words of its prose taken for labels). They become notice
/// pages, so a second request record is only started by a real request page.
pub(crate) fn demote_notices(models: &Models, pages: &mut [PageSlot]) {
    let mut last: Option<(usize, PageKind)> = None;
    for (i, slot) in pages.iter_mut().enumerate() {
        let Ok(p) = slot else { continue };
        if models.request_form(p.kind).is_none() {
            continue;
        }
        let labelled = match &p.fields {
            PageFields::Request(ex) => ex.fields.values().any(crate::forms::extract::RawField::by_label),
            _ => false,
        };
        let after_request = last.is_some_and(|(j, kind)| i - j <= 2 && same_form(models, kind, p.kind));
        let notice = || crate::forms::classify::classify(&models.classifier, &p.text).kind == PageKind::DetaineeNotice;
        if after_request && (!labelled || notice()) {
            p.kind = PageKind::DetaineeNotice;
            p.fields = PageFields::None;
            p.header_strip = None;
        } else {
            last = Some((i, p.kind));
        }
    }
}

/// Two request kinds read by the same form model, or printing the same title (an I-247A's notice
/// misread as the 2012 I-247): see `FormEntry::looks_like`.
fn same_form(models: &Models, a: PageKind, b: PageKind) -> bool {
    match (models.request_form(a), models.request_form(b)) {
        (Some(x), Some(y)) => x.looks_like(y),
        _ => false,
    }
}

/// One page slot of a file: analysed, or unreadable.
pub(crate) type PageSlot = Result<PageAnalysis, ReadError>;

/// The file-level facts a document's record needs.
pub(crate) struct FileFacts<'a> {
    pub source: Source,
    pub tags: &'a [PageTags],
    pub line: Option<String>,
    pub channel: Option<String>,
}

/// The record of the document `span` of a file's `pages`: its pages' kinds and fax metadata, and for a
/// request its normalized, cross-checked values with the reasons a person must check them.
pub(crate) fn build(models: &Models, pages: &[PageSlot], span: &DocSpan, facts: &FileFacts) -> Record {
    let mut source = facts.source.clone();
    source.pages = (span.start as u32 + 1..=span.end as u32).collect();
    let mut rec = Record::new(Kind::Other, source);
    rec.page_kinds =
        pages[span.start..span.end].iter().map(|p| p.as_ref().map(|a| a.kind).unwrap_or(PageKind::Other)).collect();
    for (i, p) in pages.iter().enumerate().take(span.end).skip(span.start) {
        if let Err(e) = p {
            rec.review.flag(Reason::PageUnreadable(i + 1, e.code.to_string()));
        }
    }
    fax::fill_fax(&mut rec, pages, span, facts);
    let Some(req) = span.request else {
        // No page reads as a request: if some page still shows a detainer form's cues, the request may be
        // there unread, and a record counted as other must not hide it. Notice pages before a file's
        // first request (`group` makes them a document of their own) are such a cue: their request page
        // went unread.
        let lead = span.end < pages.len();
        let cue = |p: &PageAnalysis| (lead && p.kind == PageKind::DetaineeNotice) || shows_detainer(models, &p.text);
        if pages[span.start..span.end].iter().flatten().any(cue) {
            rec.review.flag(Reason::DetainerCuesUnread);
        }
        return rec;
    };
    let Ok(page) = &pages[req] else { return rec };
    let (Some(entry), Some(form), PageFields::Request(ex)) =
        (models.request_form(page.kind), models.form_for(page.kind), &page.fields)
    else {
        return rec;
    };
    rec.kind = Kind::Detainer;
    rec.form = Some(entry.name.clone());
    let mut det = Detainer::default();
    let at =
        fields::Place { page: req as u32 + 1, frame: page.frame, accents: page.accents.clone().unwrap_or_default() };
    fields::normalize_fields(models, form, ex, &page.second_reads, &at, &mut det, &mut rec);
    warrant::warrant(models, pages, span, &mut det, &mut rec);
    warrant::cross_check(&mut det, &mut rec);
    if let Some(words) = &page.accents {
        fields::with_accents(words, &mut det, &mut rec);
    }
    fields::with_lost_strokes(models, &mut det, &mut rec);
    rec.detainer = Some(det);
    crate::review::calibration::apply(&models.calibration, &mut rec);
    rec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::extract::{Extraction, RawField};

    /// A page of `kind` whose text is `rows` (text, y), as the plan leaves it.
    fn page(kind: PageKind, rows: &[(&str, i32)], fields: PageFields) -> PageSlot {
        Ok(PageAnalysis {
            kind,
            header: None,
            header_strip: None,
            text: crate::forms::classify::tests::page(rows, false),
            fields,
            ocr_calls: 0,
            read_share: 0.0,
            frame: Default::default(),
            second_reads: Default::default(),
            accents: None,
            quarters: 0,
            runs_down: false,
        })
    }

    fn request(labelled: bool) -> PageFields {
        let mut ex = Extraction::default();
        let method = if labelled { "label:Subject ID:" } else { "position:1:left" };
        let raw = RawField {
            raw: "123456".into(),
            bbox: Default::default(),
            confidence: 0.9,
            method: method.into(),
            ..RawField::default()
        };
        ex.fields.insert("subject_id".into(), raw);
        PageFields::Request(ex)
    }

    const TITLE: [(&str, i32); 2] =
        [("DEPARTMENT OF HOMELAND SECURITY", 120), ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170)];

    #[test]
    fn a_notice_read_as_a_request_starts_no_record() {
        let m = Models::builtin().unwrap();
        let mut pages = vec![
            page(PageKind::I247aRequest, &TITLE, request(true)),
            page(PageKind::I247aRequest, &TITLE, request(false)),
            page(PageKind::DetaineeNotice, &TITLE, PageFields::None),
            // A second request in the same file shows its labels: it starts its own record.
            page(PageKind::I247aRequest, &TITLE, request(true)),
            page(PageKind::I247aRequest, &TITLE, PageFields::Request(Extraction::default())),
        ];
        demote_notices(&m, &mut pages);
        let kinds: Vec<PageKind> = pages.iter().map(|p| p.as_ref().unwrap().kind).collect();
        use PageKind::*;
        assert_eq!(kinds, [I247aRequest, DetaineeNotice, DetaineeNotice, I247aRequest, DetaineeNotice]);
        // A request page with no label read but not after a request (a file's first) is kept.
        let mut pages = vec![page(I247aRequest, &TITLE, request(false))];
        demote_notices(&m, &mut pages);
        assert_eq!(pages[0].as_ref().unwrap().kind, I247aRequest);
        // A second request two pages after the first whose values were read under their labels (ruled
        // cells) is a request.
        let mut below = Extraction::default();
        let raw = RawField {
            raw: "Rahman, Suresh".into(),
            bbox: Default::default(),
            confidence: 0.9,
            method: "below:Name of Alien:".into(),
            ..RawField::default()
        };
        below.fields.insert("name".into(), raw);
        let mut pages = vec![
            page(I247, &TITLE, request(true)),
            page(I200, &[("WARRANT FOR ARREST OF ALIEN", 150)], PageFields::None),
            page(I247, &TITLE, PageFields::Request(below)),
        ];
        demote_notices(&m, &mut pages);
        assert_eq!(pages[2].as_ref().unwrap().kind, I247);
        // A notice taken for the 2012 I-247 (the same title) after an I-247A; one whose prose gave a
        // "label", read whole as the notice it is.
        let notice = [
            ("DEPARTMENT OF HOMELAND SECURITY", 120),
            ("REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE", 170),
            ("NOTICE TO THE DETAINEE", 280),
        ];
        let mut pages = vec![
            page(I247aRequest, &TITLE, request(true)),
            page(I247, &TITLE, request(false)),
            page(I247n, &notice, request(true)),
            page(I247n, &notice, request(true)),
        ];
        demote_notices(&m, &mut pages);
        let kinds: Vec<PageKind> = pages.iter().map(|p| p.as_ref().unwrap().kind).collect();
        assert_eq!(kinds, [I247aRequest, DetaineeNotice, I247n, DetaineeNotice]);
    }

    fn facts() -> FileFacts<'static> {
        FileFacts { source: Source::default(), tags: &[], line: None, channel: None }
    }

    #[test]
    fn a_detainer_never_disappears_silently() {
        let m = Models::builtin().unwrap();
        // A request whose page could not be read as one, with its notice's footer: other, flagged.
        let pages = vec![
            page(PageKind::Other, &[("IMMIGRATION DETAINER - NOTICE OF ACTION", 170)], PageFields::None),
            page(PageKind::Other, &[("DHS Form I-247A (3/17) Page 2 of 3", 2100)], PageFields::None),
        ];
        let span = DocSpan { start: 0, end: 2, request: None };
        let rec = build(&m, &pages, &span, &facts());
        assert_eq!(rec.kind, Kind::Other);
        assert!(rec.review.reasons.contains(&"kind:detainer_cues_unread".to_string()), "{:?}", rec.review);
        // A letter that quotes the title in prose, or names the agency, is other with no question.
        let pages = vec![page(
            PageKind::Other,
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("Re: the Immigration Detainer - Notice of Action (Form I-247A) lodged against my client", 300),
            ],
            PageFields::None,
        )];
        let span = DocSpan { start: 0, end: 1, request: None };
        assert!(!build(&m, &pages, &span, &facts()).review.needed);
    }

    #[test]
    fn an_unsettled_warrant_page_is_a_question() {
        let m = Models::builtin().unwrap();
        let with = |second: PageSlot| {
            let pages = vec![page(PageKind::I247aRequest, &TITLE, request(true)), second];
            let span = DocSpan { start: 0, end: 2, request: Some(0) };
            build(&m, &pages, &span, &facts())
        };
        // A court's caption and a warrant title, not enough to settle the page: unsure.
        let rec = with(page(
            PageKind::Other,
            &[("UNITED STATES DISTRICT COURT", 250), ("ARREST WARRANT", 330)],
            PageFields::None,
        ));
        assert_eq!(rec.detainer.as_ref().unwrap().warrant.kind, WarrantType::None);
        assert!(rec.review.reasons.contains(&"warrant_type:unsure".to_string()), "{:?}", rec.review);
        // A page nothing recognised, its words mostly not text the engine knows (a degraded or turned
        // page): it may be the warrant, so the type is a question too.
        let mut garbled = page(PageKind::Other, &[("ROILPYOOTY ON AMT NOW TV AO LSSRRAV", 300)], PageFields::None);
        for w in garbled.as_mut().unwrap().text.lines.iter_mut().flat_map(|l| &mut l.words) {
            w.conf = 30.0;
        }
        let rec = with(garbled);
        assert!(rec.review.reasons.contains(&"warrant_type:unsure".to_string()), "{:?}", rec.review);
        // The request's notice, or a legible page that is no warrant: none, with no question.
        for p in [
            page(PageKind::DetaineeNotice, &[("NOTICE TO THE DETAINEE", 230)], PageFields::None),
            page(PageKind::Other, &[("Please call the booking desk", 300)], PageFields::None),
        ] {
            let rec = with(p);
            assert!(!rec.review.reasons.iter().any(|r| r.starts_with("warrant")), "{:?}", rec.review);
        }
    }
}
