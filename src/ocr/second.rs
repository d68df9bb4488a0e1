//! The field readers: Tesseract instances with other English models than the first reader's, made on the
//! first field that needs them. A field read again by the same model on the same pixels tends to repeat
//! its misreading; another model (and another scale, single-line segmentation) errs elsewhere, so two reads
//! agreeing is evidence and two disagreeing is a reason to look.
//!
//! Two of them: the second reader (an LSTM model, `best_int`) reads the doubtful fields again; the check
//! reader (Tesseract's legacy engine, a classifier of character shapes that shares no network with either
//! LSTM model) reads the identifiers and dates the first read gave confidently. Both LSTM readers misread a
//! digit alike at high confidence (a `4` read `1` in one typeface, a `3` read `2`); the legacy engine, which
//! errs elsewhere, does not read those alike.

use super::squeeze::field_pixels;
use super::{tracing, Word};
use crate::input::lept::Pix;
use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;
use std::ffi::{CStr, CString};
use std::path::PathBuf;
use tesseract::plumbing::tesseract_sys as tess;

/// Where `.ci/setup` installs the second model (`eng.traineddata`); `FAXTRACT_SECOND_TESSDATA` names
/// another folder holding one.
pub(crate) const SECOND_TESSDATA: &str = "/usr/local/share/faxtract/tessdata";

/// Where `.ci/setup` installs the check reader's model (the legacy engine's `eng.traineddata`);
/// `FAXTRACT_CHECK_TESSDATA` names another folder holding one.
pub(crate) const CHECK_TESSDATA: &str = "/usr/local/share/faxtract/tessdata-legacy";

/// Where Debian's `tesseract-ocr-por` (which `.ci/setup` installs) puts the Portuguese model the accents
/// reader reads with; `FAXTRACT_ACCENTS_TESSDATA` names another folder holding `por.traineddata`.
pub(crate) const ACCENTS_TESSDATA: &str = "/usr/share/tesseract-ocr/5/tessdata";

/// Which field reader: its model's folder and engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Model {
    /// Tesseract's `best_int` English LSTM model (npm `@tesseract.js-data/eng`, folder `4.0.0_best_int`).
    /// Measured on a 40-document blind corpus against the legacy engine in its place: more fields right
    /// (81.1% against 80.9%, 79.6% read once), one wrong value fewer left unnamed, and a third of the CPU
    /// (+2.4% against +8.8%).
    Second,
    /// The legacy engine of the same package's `4.0.0` model, for a check read of a confident value.
    Check,
    /// Tesseract's Portuguese LSTM model (`tessdata_fast`), which reads the marks of a name printed with
    /// them (`JOÃO`, `CONCEIÇÃO`) that the English models drop or misread (`JOAO`, `CONCEIGAO`). On the
    /// blind dev corpora's name crops, Tesseract's Latin-script model put marks on more unmarked names at
    /// high confidence (`ÇRUZ` at 91) and read the marked ones less surely.
    Accents,
}

impl Model {
    fn env(self) -> &'static str {
        match self {
            Model::Second => "FAXTRACT_SECOND_TESSDATA",
            Model::Check => "FAXTRACT_CHECK_TESSDATA",
            Model::Accents => "FAXTRACT_ACCENTS_TESSDATA",
        }
    }

    fn default_dir(self) -> &'static str {
        match self {
            Model::Second => SECOND_TESSDATA,
            Model::Check => CHECK_TESSDATA,
            Model::Accents => ACCENTS_TESSDATA,
        }
    }

    fn oem(self) -> tess::TessOcrEngineMode {
        match self {
            Model::Second | Model::Accents => tess::TessOcrEngineMode_OEM_LSTM_ONLY,
            Model::Check => tess::TessOcrEngineMode_OEM_TESSERACT_ONLY,
        }
    }

    /// Whether the model is an LSTM's, which keeps the characters it weighed for each one it took
    /// (`Word::choices`, `lstm_choice_mode`); the legacy engine keeps none.
    fn keeps_choices(self) -> bool {
        self.oem() == tess::TessOcrEngineMode_OEM_LSTM_ONLY
    }

    /// The model's language: the name of its `.traineddata` file.
    fn lang(self) -> &'static str {
        match self {
            Model::Second | Model::Check => "eng",
            Model::Accents => "por",
        }
    }

    /// The folder of the model, when one is installed.
    fn tessdata(self) -> Option<PathBuf> {
        let dir = std::env::var_os(self.env()).map(PathBuf::from).unwrap_or(self.default_dir().into());
        dir.join(format!("{}.traineddata", self.lang())).is_file().then_some(dir)
    }
}

/// Field crops are enlarged by this before a field reader reads them: a different scale moves the glyphs
/// off the pixel grid the first read saw, and fax type (about 20 px high at 200 dpi) reads better a
/// little larger.
const FIELD_SCALE: f32 = 1.5;

/// A libtesseract instance with a field reader's model.
pub(super) struct FieldReader {
    handle: *mut tess::TessBaseAPI,
    model: Model,
}

impl Drop for FieldReader {
    fn drop(&mut self) {
        unsafe { tess::TessBaseAPIDelete(self.handle) };
    }
}

impl FieldReader {
    /// The reader with `model`, or None when that model is not installed (its reads are then not made).
    pub(super) fn new(model: Model) -> anyhow::Result<Option<FieldReader>> {
        let Some(dir) = model.tessdata() else { return Ok(None) };
        let handle = unsafe { tess::TessBaseAPICreate() };
        anyhow::ensure!(!handle.is_null(), "could not create a Tesseract instance");
        let reader = FieldReader { handle, model };
        let (path, lang) = (CString::new(dir.to_string_lossy().as_bytes())?, CString::new(model.lang())?);
        let rc = unsafe { tess::TessBaseAPIInit2(handle, path.as_ptr(), lang.as_ptr(), model.oem()) };
        anyhow::ensure!(rc == 0, "Tesseract could not load the {model:?} field model in {}", dir.display());
        // The LSTM models keep the characters they weighed for each one they took (`Word::choices`).
        let choices = if model.keeps_choices() { "2" } else { "0" };
        for (name, value) in
            [("debug_file", "/dev/null"), ("classify_enable_learning", "0"), ("lstm_choice_mode", choices)]
        {
            let (n, v) = (CString::new(name)?, CString::new(value)?);
            unsafe { tess::TessBaseAPISetVariable(handle, n.as_ptr(), v.as_ptr()) };
        }
        Ok(Some(reader))
    }

    /// The words in `bbox` of `page` (a field's value with its margin), read as one line of text, of the
    /// characters `charset` only (all when empty).
    pub(super) fn read(&mut self, page: &PreparedPage, bbox: Rect, charset: &str) -> anyhow::Result<Vec<Word>> {
        let Some(r) = bbox.clamp(page.width, page.height) else { return Ok(Vec::new()) };
        let t = std::time::Instant::now();
        let crop = Pix::from_gray(r.w as u32, r.h as u32, &field_pixels(page, r))
            .and_then(|p| p.scale(FIELD_SCALE, FIELD_SCALE))
            .ok_or_else(|| anyhow::anyhow!("image processing failed"))?;
        let (name, value) = (CString::new("tessedit_char_whitelist")?, CString::new(charset)?);
        let (tsv, read) = unsafe {
            // Each read on its own: the legacy engine adapts its classifier and keeps a dictionary of the
            // words it read before, so a field's read would depend on which fields this worker's reader
            // happened to read first (the same fax gave other check reads from run to run).
            tess::TessBaseAPIClearAdaptiveClassifier(self.handle);
            tess::TessBaseAPISetVariable(self.handle, name.as_ptr(), value.as_ptr());
            tess::TessBaseAPISetImage2(self.handle, crop.as_ptr() as *mut _);
            tess::TessBaseAPISetSourceResolution(self.handle, (page.dpi as f32 * FIELD_SCALE) as i32);
            tess::TessBaseAPISetPageSegMode(self.handle, tess::TessPageSegMode_PSM_SINGLE_LINE);
            anyhow::ensure!(
                tess::TessBaseAPIRecognize(self.handle, std::ptr::null_mut()) == 0,
                "Tesseract failed to recognise a field"
            );
            let p = tess::TessBaseAPIGetTsvText(self.handle, 0);
            anyhow::ensure!(!p.is_null(), "Tesseract returned no text");
            let s = CStr::from_ptr(p).to_string_lossy().into_owned();
            tess::TessDeleteText(p);
            (s, if self.model.keeps_choices() { super::choices::last_words(self.handle) } else { Vec::new() })
        };
        // Back to page coordinates: unscaled, then moved to the crop's place.
        let back = |v: i32| (v as f32 / FIELD_SCALE).round() as i32;
        let words: Vec<Word> = super::choices::attach(super::engine::parse_tsv(&tsv), read)
            .into_iter()
            .map(|w| Word {
                bbox: Rect::new(r.x + back(w.bbox.x), r.y + back(w.bbox.y), back(w.bbox.w), back(w.bbox.h)),
                ..w
            })
            .collect();
        if tracing() {
            // Each word with its confidence: the document stage weighs the field readers' words one by one.
            let text: Vec<String> = words.iter().map(|w| format!("{}@{:.0}", w.text, w.conf)).collect();
            eprintln!(
                "{:?} read y{} {}x{}, {:.0} ms: {}",
                self.model,
                r.y,
                r.w,
                r.h,
                t.elapsed().as_secs_f64() * 1000.0,
                text.join(" ")
            );
        }
        Ok(words)
    }
}
