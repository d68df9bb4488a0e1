//! Per page: prepare → OCR → classify. OCR is spent only where a decision needs it: the header strip and
//! the title and footer bands first; the whole page only when the bands do not settle what the page is,
//! or when the page's fields are wanted (a request's page 1) or a judge's signature must be found.

use crate::classify::{classify, PageText, BOTTOM_BAND, TOP_BAND};
use crate::header::{self, HeaderLine};
use crate::layout::lines;
use crate::model::Models;
use crate::ocr::{Engine, Ocr, Rect, Segmentation};
use crate::prepare::{prepare, PreparedPage};
use crate::read::Page;
use crate::record::PageKind;
use std::cell::RefCell;

/// What one page turned out to be, with what the later stages need from it.
pub struct PageAnalysis {
    pub kind: PageKind,
    pub score: i32,
    pub header: Option<HeaderLine>,
    pub text: PageText,
    /// Kept for form pages only: extraction measures checkboxes on it.
    pub prepared: Option<PreparedPage>,
    /// OCR calls made for this page (zones and full passes).
    pub ocr_calls: u32,
}

thread_local! {
    /// One engine per worker thread, created on first use and reused for every page after.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's engine.
pub fn with_engine<T>(f: impl FnOnce(&mut Engine) -> anyhow::Result<T>) -> anyhow::Result<T> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Engine::new()?);
        }
        f(slot.as_mut().unwrap())
    })
}

/// Whether a page kind needs its whole text read: a request's fields, and a warrant's names (the judge's
/// signature block; the subject's name, cross-checked against the request's).
fn needs_full_text(kind: PageKind) -> bool {
    kind.detainer_form().is_some() || kind.warrant_type().is_some()
}

pub fn analyze(page: &Page, models: &Models, engine: &mut Engine) -> anyhow::Result<PageAnalysis> {
    let prepared = prepare(page)?;
    let mut calls = 0;
    let header = match &prepared.header_strip {
        Some(strip) => {
            engine.set_image(strip, prepared.dpi);
            calls += 1;
            let words = engine.words(None, Segmentation::Block)?;
            let raw = lines(&words).first().map(|l| l.text()).unwrap_or_default();
            (!raw.trim().is_empty()).then(|| header::parse(&raw))
        }
        None => None,
    };
    engine.set_image(&prepared.pix, prepared.dpi);
    let (w, h) = (prepared.width, prepared.height);
    let top_h = (h as f32 * TOP_BAND) as i32;
    let bottom_y = (h as f32 * BOTTOM_BAND) as i32;
    let mut words = engine.words(Some(Rect::new(0, 0, w, top_h)), Segmentation::Block)?;
    words.extend(engine.words(Some(Rect::new(0, bottom_y, w, h - bottom_y)), Segmentation::Block)?);
    calls += 2;
    let mut text = PageText { lines: lines(&words), height: h, full: false };
    let mut decision = classify(&models.classifier, &text);
    if !decision.sure || needs_full_text(decision.kind) {
        let words = engine.words(None, Segmentation::Auto)?;
        calls += 1;
        text = PageText { lines: lines(&words), height: h, full: true };
        let again = classify(&models.classifier, &text);
        // A full read may only confirm or settle the bands' decision, never overturn a sure one by
        // picking up prose elsewhere on the page.
        if !decision.sure || again.kind == decision.kind {
            decision = again;
        }
    }
    let keep = decision.kind.detainer_form().is_some();
    Ok(PageAnalysis {
        kind: decision.kind,
        score: decision.score,
        header,
        text,
        prepared: keep.then_some(prepared),
        ocr_calls: calls,
    })
}
