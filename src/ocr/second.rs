//! The second reader: a Tesseract instance with another English model than the first reader's, made on
//! the first field that needs a second opinion. A field read again by the same model on the same pixels
//! tends to repeat its misreading; another model (and another scale, single-line segmentation) errs
//! elsewhere, so two reads agreeing is evidence and two disagreeing is a reason to look.

use super::{tracing, Word};
use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;
use std::ffi::{CStr, CString};
use std::path::PathBuf;
use tesseract::plumbing::tesseract_sys as tess;

/// Where `.ci/setup` installs the second model (`eng.traineddata`); `FAXTRACT_SECOND_TESSDATA` names
/// another folder holding one.
pub(crate) const SECOND_TESSDATA: &str = "/usr/local/share/faxtract/tessdata";

/// The engine the second model is run with: Tesseract's `best_int` LSTM model (npm
/// `@tesseract.js-data/eng`, folder `4.0.0_best_int`). Measured on a 40-document blind corpus against the
/// legacy engine of the same package's `4.0.0` model: more fields right (81.1% against 80.9%, 79.6% read
/// once), one wrong value fewer left unnamed, and a third of the CPU (+2.4% against +8.8%).
const SECOND_OEM: tess::TessOcrEngineMode = tess::TessOcrEngineMode_OEM_LSTM_ONLY;

/// Field crops are enlarged by this before the second read: a different scale moves the glyphs off the
/// pixel grid the first read saw, and fax type (about 20 px high at 200 dpi) reads better a little larger.
const SECOND_SCALE: f32 = 1.5;

/// The folder of the second model, when one is installed.
fn second_tessdata() -> Option<PathBuf> {
    let dir = std::env::var_os("FAXTRACT_SECOND_TESSDATA").map(PathBuf::from).unwrap_or(SECOND_TESSDATA.into());
    dir.join("eng.traineddata").is_file().then_some(dir)
}

/// A libtesseract instance with the second model.
pub(super) struct SecondReader {
    handle: *mut tess::TessBaseAPI,
}

impl Drop for SecondReader {
    fn drop(&mut self) {
        unsafe { tess::TessBaseAPIDelete(self.handle) };
    }
}

impl SecondReader {
    /// The second reader, or None when no second model is installed (fields are then read once).
    pub(super) fn new() -> anyhow::Result<Option<SecondReader>> {
        let Some(dir) = second_tessdata() else { return Ok(None) };
        let handle = unsafe { tess::TessBaseAPICreate() };
        anyhow::ensure!(!handle.is_null(), "could not create a Tesseract instance");
        let reader = SecondReader { handle };
        let (path, lang) = (CString::new(dir.to_string_lossy().as_bytes())?, CString::new("eng")?);
        let rc = unsafe { tess::TessBaseAPIInit2(handle, path.as_ptr(), lang.as_ptr(), SECOND_OEM) };
        anyhow::ensure!(rc == 0, "Tesseract could not load the second model in {}", dir.display());
        for (name, value) in [("debug_file", "/dev/null"), ("classify_enable_learning", "0")] {
            let (n, v) = (CString::new(name)?, CString::new(value)?);
            unsafe { tess::TessBaseAPISetVariable(handle, n.as_ptr(), v.as_ptr()) };
        }
        Ok(Some(reader))
    }

    /// The words in `bbox` of `page` (a field's value with its margin), read as one line of text.
    pub(super) fn read(&mut self, page: &PreparedPage, bbox: Rect) -> anyhow::Result<Vec<Word>> {
        let Some(r) = bbox.clamp(page.width, page.height) else { return Ok(Vec::new()) };
        let t = std::time::Instant::now();
        let crop = crate::input::lept::Pix::from_gray(r.w as u32, r.h as u32, &page.pixels(r))
            .and_then(|p| p.scale(SECOND_SCALE, SECOND_SCALE))
            .ok_or_else(|| anyhow::anyhow!("image processing failed"))?;
        let tsv = unsafe {
            tess::TessBaseAPISetImage2(self.handle, crop.as_ptr() as *mut _);
            tess::TessBaseAPISetSourceResolution(self.handle, (page.dpi as f32 * SECOND_SCALE) as i32);
            tess::TessBaseAPISetPageSegMode(self.handle, tess::TessPageSegMode_PSM_SINGLE_LINE);
            anyhow::ensure!(
                tess::TessBaseAPIRecognize(self.handle, std::ptr::null_mut()) == 0,
                "Tesseract failed to recognise a field"
            );
            let p = tess::TessBaseAPIGetTsvText(self.handle, 0);
            anyhow::ensure!(!p.is_null(), "Tesseract returned no text");
            let s = CStr::from_ptr(p).to_string_lossy().into_owned();
            tess::TessDeleteText(p);
            s
        };
        // Back to page coordinates: unscaled, then moved to the crop's place.
        let back = |v: i32| (v as f32 / SECOND_SCALE).round() as i32;
        let words: Vec<Word> = super::engine::parse_tsv(&tsv)
            .into_iter()
            .map(|w| Word {
                bbox: Rect::new(r.x + back(w.bbox.x), r.y + back(w.bbox.y), back(w.bbox.w), back(w.bbox.h)),
                ..w
            })
            .collect();
        if tracing() {
            let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
            eprintln!(
                "second read y{} {}x{}, {:.0} ms: {}",
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
