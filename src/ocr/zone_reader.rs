//! What has been read of one page, band by band: the reading plan says which text lines to read next,
//! this reads those not read yet (consecutive ones as one zone) and keeps the words.

use super::lines::{lines, Line};
use super::{Ocr, Word};
use crate::page::bands::{self, Band};
use crate::page::prepare::PreparedPage;
use std::ops::Range;

/// One page's reads: its text bands, which of them were read, and the words found.
pub(crate) struct ZoneReader<'a> {
    engine: &'a mut dyn Ocr,
    page: &'a PreparedPage,
    bands: Vec<Band>,
    done: Vec<bool>,
    /// Bands whose extent was cut down (or that were left out) for now, with their whole extent.
    narrowed: Vec<Option<Band>>,
    words: Vec<Word>,
    calls: u32,
    full: bool,
}

impl<'a> ZoneReader<'a> {
    pub(crate) fn new(engine: &'a mut dyn Ocr, page: &'a PreparedPage, bands: Vec<Band>) -> ZoneReader<'a> {
        let n = bands.len();
        ZoneReader {
            engine,
            page,
            bands,
            done: vec![false; n],
            narrowed: vec![None; n],
            words: Vec::new(),
            calls: 0,
            full: false,
        }
    }

    pub(crate) fn page(&self) -> &PreparedPage {
        self.page
    }

    pub(crate) fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// OCRs the bands of `range` not read yet, one zone per run of consecutive unread bands.
    pub(crate) fn read(&mut self, range: Range<usize>) -> anyhow::Result<()> {
        self.read_if(range, |_, _| true)
    }

    /// OCRs the bands `i` of `range` not read yet for which `wanted(i, band)`, one zone per run of them.
    pub(crate) fn read_if(&mut self, range: Range<usize>, wanted: impl Fn(usize, &Band) -> bool) -> anyhow::Result<()> {
        let take = |r: &Self, i: usize| !r.done[i] && wanted(i, &r.bands[i]);
        let mut i = range.start;
        while i < range.end {
            if !take(self, i) {
                i += 1;
                continue;
            }
            // A narrowed band and a whole one do not share a zone, which would span both.
            let start = i;
            while i < range.end && take(self, i) && self.narrowed[i].is_some() == self.narrowed[start].is_some() {
                self.done[i] = true;
                i += 1;
            }
            if let Some(z) = bands::zone(&self.bands, start..i, self.page.width, self.page.height) {
                self.calls += 1;
                let words = self.engine.read_zone(self.page, &self.bands[start..i], z)?;
                self.words.extend(words);
            }
        }
        Ok(())
    }

    /// Replaces everything read so far with one whole-page read.
    pub(crate) fn read_all(&mut self) -> anyhow::Result<()> {
        self.calls += 1;
        self.words = self.engine.read_page(self.page)?;
        self.done.iter_mut().for_each(|d| *d = true);
        self.full = true;
        Ok(())
    }

    /// Cuts band `i` down to columns `x0..x1` until [`ZoneReader::widen`]; `None` leaves it out.
    pub(crate) fn narrow(&mut self, i: usize, columns: Option<(i32, i32)>) {
        let whole = self.narrowed[i].unwrap_or(self.bands[i]);
        self.narrowed[i] = Some(whole);
        match columns {
            Some((x0, x1)) => (self.bands[i].x0, self.bands[i].x1) = (x0, x1),
            None => self.done[i] = true,
        }
    }

    /// Undoes every `narrow`: those bands are read whole after all, with what is read next (the words of
    /// their narrowed reads go: the lines are read again).
    pub(crate) fn widen(&mut self) {
        for i in 0..self.bands.len() {
            if let Some(b) = self.narrowed[i].take() {
                self.bands[i] = b;
                self.done[i] = false;
                self.words.retain(|w| !(b.y0..b.y1).contains(&w.bbox.cy()));
            }
        }
    }

    /// A second, independent read of `bbox` (see [`Ocr::read_again`]); None without a second model.
    pub(crate) fn read_again(&mut self, bbox: crate::page::geometry::Rect) -> anyhow::Result<Option<Vec<Word>>> {
        self.calls += 1;
        self.engine.read_again(self.page, bbox)
    }

    /// A check read of `bbox` of `charset` (see [`Ocr::check_read`]); None without the check model.
    pub(crate) fn check_read(
        &mut self,
        bbox: crate::page::geometry::Rect,
        charset: &str,
    ) -> anyhow::Result<Option<Vec<Word>>> {
        self.calls += 1;
        self.engine.check_read(self.page, bbox, charset)
    }

    /// A read of a name's `bbox` that keeps its accents (see [`Ocr::accents_read`]); None without its model.
    pub(crate) fn accents_read(&mut self, bbox: crate::page::geometry::Rect) -> anyhow::Result<Option<Vec<Word>>> {
        self.calls += 1;
        self.engine.accents_read(self.page, bbox)
    }

    /// Quarter turns that make the page upright, when the engine is sure it is not (one more call).
    pub(crate) fn upright_turns(&mut self) -> anyhow::Result<Option<i32>> {
        self.calls += 1;
        self.engine.upright_turns(self.page)
    }

    pub(crate) fn is_read(&self, i: usize) -> bool {
        self.done[i]
    }

    /// Whether the whole page has been read.
    pub(crate) fn full(&self) -> bool {
        self.full
    }

    /// The text lines read so far, top to bottom.
    pub(crate) fn lines(&self) -> Vec<Line> {
        lines(&self.words)
    }

    /// OCR calls made for this page.
    pub(crate) fn calls(&self) -> u32 {
        self.calls
    }

    /// Share of the page's text bands read so far (1.0 after a whole read).
    pub(crate) fn share(&self) -> f32 {
        if self.full || self.bands.is_empty() {
            return 1.0;
        }
        self.done.iter().filter(|d| **d).count() as f32 / self.bands.len() as f32
    }
}
