//! Stage 3: OCR.

mod engine;
pub(crate) mod lines;
pub(crate) mod squeeze;

use crate::page::geometry::Rect;
pub(crate) use engine::Engine;

/// One recognised word. `line` identifies the text line Tesseract put it on (unique within one engine's
/// last 256 calls).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    /// 0-100, as Tesseract reports it.
    pub conf: f32,
    pub bbox: Rect,
    pub line: u32,
}

/// How Tesseract should segment the region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segmentation {
    /// Full layout analysis (psm 3): a whole page.
    Auto,
    /// One uniform block of text (psm 6): a known zone.
    Block,
}

/// What later stages need from an OCR engine.
pub trait Ocr {
    /// Reads `zone` (the whole image when None) of the image last given to `set_image`.
    fn words(&mut self, zone: Option<Rect>, seg: Segmentation) -> anyhow::Result<Vec<Word>>;
}
