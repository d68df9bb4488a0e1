//! The real OCR engine: a libtesseract instance owned by one worker thread, created once and reused for
//! every page that thread reads (initialisation costs ~90 ms; instances must never be shared between
//! threads). It reads what the reading plan asks through the [`Ocr`] trait: a zone of a page as an image
//! of its own (its lines, field gaps squeezed), the whole page, or the header strip.

use super::second::{FieldReader, Model};
use super::squeeze::squeeze;
use super::{tracing, Ocr, Word};
use crate::input::lept::Pix;
use crate::page::bands::Band;
use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;
use std::cell::RefCell;
use std::ffi::{CStr, CString};
use tesseract::plumbing::tesseract_sys as tess;

/// A libtesseract engine. Not `Send`: it lives and dies on its worker thread.
pub struct Engine {
    handle: *mut tess::TessBaseAPI,
    image_size: (i32, i32),
    /// Images recognised since creation: numbers each call's lines apart.
    calls: u64,
    /// A second instance with Tesseract's orientation model (`osd`, legacy engine), made on the first page
    /// that needs it: the LSTM English model cannot tell a page's orientation.
    osd: Option<*mut tess::TessBaseAPI>,
    /// The second model for fields read again (`None` until the first is; `Some(None)`: not installed).
    second: Option<Option<FieldReader>>,
    /// The check reader's model for confident values read again (as `second`).
    check: Option<Option<FieldReader>>,
    /// The accents reader's model for names (as `second`).
    accents: Option<Option<FieldReader>>,
}

impl Drop for Engine {
    fn drop(&mut self) {
        unsafe { tess::TessBaseAPIDelete(self.handle) };
        if let Some(osd) = self.osd {
            unsafe { tess::TessBaseAPIDelete(osd) };
        }
    }
}

/// Below this confidence Tesseract's orientation guess is not taken. It is asked only about pages on which
/// no cue of any kind matched (see `plan`), and pages of text turned a half at standard resolution measured
/// 0.8 to 3.2, so the bar is low: a wrong guess on such a page costs a second read, no record.
const MIN_ORIENTATION_CONFIDENCE: f32 = 0.5;

impl Engine {
    /// Creates an engine for English with the LSTM model from the system tessdata.
    pub(crate) fn new() -> anyhow::Result<Engine> {
        crate::input::lept::quiet();
        let handle = unsafe { tess::TessBaseAPICreate() };
        anyhow::ensure!(!handle.is_null(), "could not create a Tesseract instance");
        let mut engine =
            Engine { handle, image_size: (0, 0), calls: 0, osd: None, second: None, check: None, accents: None };
        let lang = CString::new("eng").unwrap();
        let rc = unsafe {
            tess::TessBaseAPIInit2(handle, std::ptr::null(), lang.as_ptr(), tess::TessOcrEngineMode_OEM_LSTM_ONLY)
        };
        anyhow::ensure!(rc == 0, "Tesseract could not load its English model (is tesseract-ocr-eng installed?)");
        // Per-page chatter ("Detected N diacritics") goes to the debug file, not the user's terminal.
        engine.set("debug_file", "/dev/null")?;
        // A reused instance must not adapt to earlier documents.
        engine.set("classify_enable_learning", "0")?;
        // Tesseract's second read of an unsure line inverted (`tessedit_do_invert`) stays on, though a fax
        // never prints light on dark: off, it saved 1-3% CPU and left 4 more values wrong on the blind dev
        // corpora (benches/README.md, twenty-second session).
        // No per-character choices (`Word::choices`) here: Tesseract's tracking of them cost a tenth more
        // CPU on every zone (benches/README.md, eleventh session); the field readers keep them.
        Ok(engine)
    }

    fn set(&mut self, name: &str, value: &str) -> anyhow::Result<()> {
        let (n, v) = (CString::new(name)?, CString::new(value)?);
        let ok = unsafe { tess::TessBaseAPISetVariable(self.handle, n.as_ptr(), v.as_ptr()) };
        anyhow::ensure!(ok != 0, "Tesseract refused variable {name}");
        Ok(())
    }

    /// Gives the engine a page (Tesseract copies what it needs) and its true, square resolution.
    fn set_image(&mut self, pix: &Pix, dpi: i32) {
        unsafe {
            tess::TessBaseAPISetImage2(self.handle, pix.as_ptr() as *mut _);
            tess::TessBaseAPISetSourceResolution(self.handle, dpi);
        }
        self.image_size = (pix.width() as i32, pix.height() as i32);
    }
}

/// How Tesseract should segment what it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segmentation {
    /// Full layout analysis (psm 3): a whole page.
    Auto,
    /// One uniform block of text (psm 6): a zone of whole lines, or the header strip.
    Block,
}

impl Engine {
    /// Recognises the image last given to `set_image`.
    fn words(&mut self, seg: Segmentation) -> anyhow::Result<Vec<Word>> {
        let (w, h) = self.image_size;
        let Some(z) = Rect::new(0, 0, w, h).clamp(w, h) else { return Ok(Vec::new()) };
        let psm = match seg {
            Segmentation::Auto => tess::TessPageSegMode_PSM_AUTO,
            Segmentation::Block => tess::TessPageSegMode_PSM_SINGLE_BLOCK,
        };
        self.calls += 1;
        let tsv = unsafe {
            tess::TessBaseAPISetPageSegMode(self.handle, psm);
            tess::TessBaseAPISetRectangle(self.handle, z.x, z.y, z.w, z.h);
            anyhow::ensure!(
                tess::TessBaseAPIRecognize(self.handle, std::ptr::null_mut()) == 0,
                "Tesseract failed to recognise the page"
            );
            let p = tess::TessBaseAPIGetTsvText(self.handle, 0);
            anyhow::ensure!(!p.is_null(), "Tesseract returned no text");
            let s = CStr::from_ptr(p).to_string_lossy().into_owned();
            tess::TessDeleteText(p);
            s
        };
        // Tesseract numbers lines within one call; words of several zones of a page are put together
        // into lines later, so each call's lines get their own ids.
        let call = ((self.calls & 0xff) as u32) << 24;
        Ok(parse_tsv(&tsv).into_iter().map(|w| Word { line: w.line | call, ..w }).collect())
    }
}

/// A read of `bbox` by the field reader in `slot`, made with `model` on its first use; None when that
/// model is not installed.
fn field_read(
    slot: &mut Option<Option<FieldReader>>,
    model: Model,
    page: &PreparedPage,
    bbox: Rect,
    charset: &str,
) -> anyhow::Result<Option<Vec<Word>>> {
    if slot.is_none() {
        *slot = Some(FieldReader::new(model)?);
    }
    match slot.as_mut().and_then(Option::as_mut) {
        Some(reader) => reader.read(page, bbox, charset).map(Some),
        None => Ok(None),
    }
}

/// Parses Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text).
pub(super) fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        let num = |i: usize| cols[i].parse::<i32>().unwrap_or(0);
        if text.is_empty() {
            continue;
        }
        let line = (num(2) as u32) << 16 | (num(3) as u32) << 8 | num(4) as u32;
        words.push(Word {
            text: text.to_string(),
            conf: cols[10].parse::<f32>().unwrap_or(0.0).max(0.0),
            bbox: Rect::new(num(6), num(7), num(8), num(9)),
            line,
            choices: Vec::new(),
        });
    }
    words
}

impl Ocr for Engine {
    fn read_zone(&mut self, page: &PreparedPage, bands: &[Band], zone: Rect) -> anyhow::Result<Vec<Word>> {
        // Each zone goes to the engine as an image of its own, its field gaps narrowed.
        let sq = squeeze(page, bands, zone).ok_or_else(|| anyhow::anyhow!("image processing failed"))?;
        let t = std::time::Instant::now();
        self.set_image(&sq.pix, page.dpi);
        let words = self.words(Segmentation::Block)?;
        if tracing() {
            let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
            eprintln!(
                "zone y{} {}x{} ({} wide squeezed), {} lines, {:.0} ms: {}",
                zone.y,
                zone.w,
                zone.h,
                sq.pix.width(),
                bands.len(),
                t.elapsed().as_secs_f64() * 1000.0,
                text.join(" ")
            );
        }
        Ok(words.into_iter().map(|w| Word { bbox: sq.to_page(w.bbox), ..w }).collect())
    }

    fn read_page(&mut self, page: &PreparedPage) -> anyhow::Result<Vec<Word>> {
        self.set_image(page.pix()?, page.dpi);
        self.words(Segmentation::Auto)
    }

    fn read_strip(&mut self, strip: &Pix, dpi: i32) -> anyhow::Result<Vec<Word>> {
        self.set_image(strip, dpi);
        self.words(Segmentation::Block)
    }

    fn read_again(&mut self, page: &PreparedPage, bbox: Rect) -> anyhow::Result<Option<Vec<Word>>> {
        field_read(&mut self.second, Model::Second, page, bbox, "")
    }

    fn check_read(&mut self, page: &PreparedPage, bbox: Rect, charset: &str) -> anyhow::Result<Option<Vec<Word>>> {
        field_read(&mut self.check, Model::Check, page, bbox, charset)
    }

    fn accents_read(&mut self, page: &PreparedPage, bbox: Rect) -> anyhow::Result<Option<Vec<Word>>> {
        field_read(&mut self.accents, Model::Accents, page, bbox, "")
    }

    fn upright_turns(&mut self, page: &PreparedPage) -> anyhow::Result<Option<i32>> {
        let osd = match self.osd {
            Some(h) => h,
            None => {
                let h = unsafe { tess::TessBaseAPICreate() };
                anyhow::ensure!(!h.is_null(), "could not create a Tesseract instance");
                let lang = CString::new("osd")?;
                let rc = unsafe {
                    tess::TessBaseAPIInit2(
                        h,
                        std::ptr::null(),
                        lang.as_ptr(),
                        tess::TessOcrEngineMode_OEM_TESSERACT_ONLY,
                    )
                };
                if rc != 0 {
                    unsafe { tess::TessBaseAPIDelete(h) };
                    anyhow::bail!("Tesseract could not load its orientation model (is tesseract-ocr-osd installed?)");
                }
                self.osd = Some(h);
                h
            }
        };
        let pix = page.pix()?;
        let (mut deg, mut conf, mut script, mut script_conf) = (0, 0f32, std::ptr::null(), 0f32);
        let ok = unsafe {
            tess::TessBaseAPISetPageSegMode(osd, tess::TessPageSegMode_PSM_OSD_ONLY);
            tess::TessBaseAPISetImage2(osd, pix.as_ptr() as *mut _);
            tess::TessBaseAPISetSourceResolution(osd, page.dpi);
            tess::TessBaseAPIDetectOrientationScript(osd, &mut deg, &mut conf, &mut script, &mut script_conf)
        };
        if tracing() {
            eprintln!("orientation {deg} deg, confidence {conf:.1}");
        }
        // Tesseract gives the page's orientation counter-clockwise; turning it upright is the rest of a turn.
        Ok((ok != 0 && deg != 0 && conf >= MIN_ORIENTATION_CONFIDENCE).then_some((360 - deg) / 90 % 4))
    }
}

thread_local! {
    /// One engine per worker thread, created on first use and reused for every page after.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's engine (created on the thread's first call).
pub(crate) fn with_engine<T>(f: impl FnOnce(&mut Engine) -> anyhow::Result<T>) -> anyhow::Result<T> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Engine::new()?);
        }
        f(slot.as_mut().expect("created just above"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_words() {
        let tsv = "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t91.5\tSubject\n5\t1\t1\t1\t1\t2\t45\t20\t20\t12\t88\tID:\n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].text, "Subject");
        assert_eq!(w[1].bbox, Rect::new(45, 20, 20, 12));
        assert_eq!(w[0].line, w[1].line);
    }
}
