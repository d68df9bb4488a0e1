//! Stage 3: OCR. Words with boxes and confidences, read where the reading plan asks.
//!
//! [`Ocr`] is what the later stages see of an engine: the words of a zone of a page (whole text lines),
//! of the whole page, or of the fax header strip, always in page coordinates. [`Engine`] is the real one
//! (libtesseract, one per worker thread); a test engine returning recorded words lets the reading policy
//! be tested without Tesseract. [`ZoneReader`] keeps what was read of one page, band by band, so that no
//! line is read twice.

mod choices;
mod engine;
pub(crate) mod lines;
mod second;
mod squeeze;
mod zone_reader;

pub(crate) use engine::{with_engine, Engine};
pub(crate) use zone_reader::ZoneReader;

use crate::input::lept::Pix;
use crate::page::bands::Band;
use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;

/// One recognised word. `line` identifies the text line the engine put it on (unique within one engine's
/// last 256 calls).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    pub text: String,
    /// 0-100, as Tesseract reports it.
    pub conf: f32,
    pub bbox: Rect,
    pub line: u32,
    /// The other characters the engine weighed for the word's letters and digits (its LSTM's per-character
    /// choices): kept by the LSTM field readers (`second`), empty from the first reader, which keeps none.
    pub choices: Vec<Choice>,
}

/// A character an LSTM engine weighed for one of a word's characters and did not take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// The place in the word's text (in characters) of the character it stands against.
    pub at: usize,
    pub ch: char,
    /// 0-100, as Tesseract reports it; most weighed characters score 0, the runner-up of a close call more.
    pub conf: f32,
}

/// What the reading plan asks of an OCR engine. Every answer is in the coordinates of the page as
/// prepared (square pixels, deskewed), whatever image the engine was actually given.
pub(crate) trait Ocr {
    /// The words of `zone` of `page`, a rectangle made over consecutive text `bands` (see
    /// `page::bands::zone`): only those lines' ink is read.
    fn read_zone(&mut self, page: &PreparedPage, bands: &[Band], zone: Rect) -> anyhow::Result<Vec<Word>>;
    /// The words of the whole page.
    fn read_page(&mut self, page: &PreparedPage) -> anyhow::Result<Vec<Word>>;
    /// The words of a page's fax header strip (cut before deskewing; see `page::prepare`).
    fn read_strip(&mut self, strip: &Pix, dpi: i32) -> anyhow::Result<Vec<Word>>;
    /// A second, independent read of `bbox` (one field's value with a margin): another model, another
    /// scale, the box read as a single line. None when no second model is installed.
    fn read_again(&mut self, page: &PreparedPage, bbox: Rect) -> anyhow::Result<Option<Vec<Word>>>;
    /// A check read of `bbox` (one confident value with a margin) by an engine of another kind (Tesseract's
    /// legacy engine), of the characters `charset` only. None when its model is not installed.
    fn check_read(&mut self, page: &PreparedPage, bbox: Rect, charset: &str) -> anyhow::Result<Option<Vec<Word>>>;
    /// A read of `bbox` (a name with a margin) by a model that reads the marks of accented letters the
    /// English ones drop. None when its model is not installed.
    fn accents_read(&mut self, page: &PreparedPage, bbox: Rect) -> anyhow::Result<Option<Vec<Word>>>;
    /// Clockwise quarter turns that make a page fed upside down or sideways upright, when the engine is
    /// sure it is not upright; None for an upright page or an unsure guess.
    fn upright_turns(&mut self, page: &PreparedPage) -> anyhow::Result<Option<i32>>;
}

/// `FAXTRACT_TRACE=1` prints each page's measures and each OCR zone's place, size, time and text to
/// stderr: where a page's time goes. The text is personal data: this is for developers on generated faxes.
pub(crate) fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FAXTRACT_TRACE").is_some())
}
