//! Stage 3: OCR. Words with boxes and confidences from a page or a zone of it.
//!
//! [`Ocr`] is the small trait the later stages see, so classification and extraction can be unit-tested on
//! recorded words. [`Engine`] is the real one: a libtesseract instance owned by one worker thread, created
//! once and reused for every page that worker handles (initialisation costs ~90 ms; instances must never be
//! shared between threads).

use super::{Ocr, Segmentation, Word};
use crate::input::lept::Pix;
use crate::page::geometry::Rect;
use std::ffi::{CStr, CString};
use tesseract::plumbing::tesseract_sys as tess;

/// A libtesseract engine. Not `Send`: it lives and dies on its worker thread.
pub struct Engine {
    handle: *mut tess::TessBaseAPI,
    image_size: (i32, i32),
    /// Zones recognised since creation, for the cost figures in benchmarks.
    pub calls: u64,
}

impl Drop for Engine {
    fn drop(&mut self) {
        unsafe { tess::TessBaseAPIDelete(self.handle) };
    }
}

impl Engine {
    /// Creates an engine for English with the LSTM model from the system tessdata.
    pub fn new() -> anyhow::Result<Engine> {
        crate::input::lept::quiet();
        let handle = unsafe { tess::TessBaseAPICreate() };
        anyhow::ensure!(!handle.is_null(), "could not create a Tesseract instance");
        let mut engine = Engine { handle, image_size: (0, 0), calls: 0 };
        let lang = CString::new("eng").unwrap();
        let rc = unsafe {
            tess::TessBaseAPIInit2(handle, std::ptr::null(), lang.as_ptr(), tess::TessOcrEngineMode_OEM_LSTM_ONLY)
        };
        anyhow::ensure!(rc == 0, "Tesseract could not load its English model (is tesseract-ocr-eng installed?)");
        // Per-page chatter ("Detected N diacritics") goes to the debug file, not the user's terminal.
        engine.set("debug_file", "/dev/null")?;
        // A reused instance must not adapt to earlier documents.
        engine.set("classify_enable_learning", "0")?;
        Ok(engine)
    }

    fn set(&mut self, name: &str, value: &str) -> anyhow::Result<()> {
        let (n, v) = (CString::new(name)?, CString::new(value)?);
        let ok = unsafe { tess::TessBaseAPISetVariable(self.handle, n.as_ptr(), v.as_ptr()) };
        anyhow::ensure!(ok != 0, "Tesseract refused variable {name}");
        Ok(())
    }

    /// Gives the engine a page (Tesseract copies what it needs) and its true, square resolution.
    pub fn set_image(&mut self, pix: &Pix, dpi: i32) {
        unsafe {
            tess::TessBaseAPISetImage2(self.handle, pix.as_ptr() as *mut _);
            tess::TessBaseAPISetSourceResolution(self.handle, dpi);
        }
        self.image_size = (pix.width() as i32, pix.height() as i32);
    }
}

impl Ocr for Engine {
    fn words(&mut self, zone: Option<Rect>, seg: Segmentation) -> anyhow::Result<Vec<Word>> {
        let (w, h) = self.image_size;
        let zone = zone.unwrap_or(Rect::new(0, 0, w, h));
        let Some(z) = zone.clamp(w, h) else { return Ok(Vec::new()) };
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

/// Parses Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text).
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
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
        });
    }
    words
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
