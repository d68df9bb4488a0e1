//! Stages 6-8: pages → documents → records. Groups classified pages into documents, extracts each
//! request's fields with its form model, normalises and cross-checks them, and fills the record.
//! Anything unsure or invalid becomes `null` with a reason in `review.reasons`: never a guess.

mod fax;
mod fields;
mod group;
mod warrant;

pub(crate) use group::{group, DocSpan};

use crate::forms::extract::extract;
use crate::forms::models::Models;
use crate::input::read::ReadError;
use crate::input::tiff_tags::PageTags;
use crate::plan::PageAnalysis;
use crate::record::*;

/// One page slot of a file: analysed, or unreadable.
pub type PageSlot = Result<PageAnalysis, ReadError>;
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
    fax::fill_fax(&mut rec, pages, span, facts);
    let Some(req) = span.request else { return rec };
    let Ok(page) = &pages[req] else { return rec };
    let form = models.form_for(page.kind).expect("a request page has a form model");
    rec.kind = Kind::Detainer;
    rec.form = page.kind.detainer_form().map(str::to_string);
    let prepared = page.prepared.as_ref().expect("request pages keep their prepared image");
    let ex = extract(form, &page.text.lines, prepared);
    let mut det = Detainer::default();
    fields::normalize_fields(models, form, &ex, req as u32 + 1, &mut det, &mut rec);
    warrant::warrant(models, pages, span, &mut det, &mut rec);
    warrant::cross_check(&mut det, &mut rec);
    rec.detainer = Some(det);
    rec
}
