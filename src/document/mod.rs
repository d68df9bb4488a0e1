//! Stages 6-8: pages → documents → records. Groups classified pages into documents, extracts each
//! request's fields with its form model, normalises and cross-checks them, and fills the record.
//! Anything unsure or invalid becomes `null` with a reason in `review.reasons`: never a guess.

mod fax;
mod fields;
mod group;
mod warrant;

pub(crate) use group::{group, DocSpan};

use crate::forms::models::Models;
use crate::input::read::ReadError;
use crate::input::tiff_tags::PageTags;
use crate::plan::{PageAnalysis, PageFields};
use crate::record::*;
use crate::review::Reason;

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
    let Some(req) = span.request else { return rec };
    let Ok(page) = &pages[req] else { return rec };
    let (Some(entry), Some(form), PageFields::Request(ex)) =
        (models.request_form(page.kind), models.form_for(page.kind), &page.fields)
    else {
        return rec;
    };
    rec.kind = Kind::Detainer;
    rec.form = Some(entry.name.clone());
    let mut det = Detainer::default();
    let at = fields::Place { page: req as u32 + 1, frame: page.frame };
    fields::normalize_fields(models, form, ex, &page.second_reads, &at, &mut det, &mut rec);
    warrant::warrant(models, pages, span, &mut det, &mut rec);
    warrant::cross_check(&mut det, &mut rec);
    rec.detainer = Some(det);
    rec
}
