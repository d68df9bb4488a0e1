//! Text lines and printed labels found in OCR words, by geometry rather than by Tesseract's block order
//! (layout analysis splits a form's line into several blocks at wide gaps; labels and their values must be
//! seen side by side again).

use crate::ocr::Word;
use crate::page::geometry::Rect;

#[derive(Debug, Clone)]
pub struct Line {
    pub words: Vec<Word>,
    pub bbox: Rect,
}

impl Line {
    pub fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// Groups words into lines. Words Tesseract put on one line stay together (its boxes can overlap where a
/// speck joins a glyph); its lines are then joined left to right where their vertical centres agree and
/// their words do not overlap, because layout analysis splits one printed line at wide gaps (a label far
/// from its value, two columns of boxes).
pub fn lines(words: &[Word]) -> Vec<Line> {
    let mut segments: Vec<Line> = Vec::new();
    let mut by_id: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for w in words.iter().filter(|w| w.bbox.h > 0) {
        match by_id.get(&w.line) {
            Some(&i) => {
                segments[i].bbox = segments[i].bbox.union(&w.bbox);
                segments[i].words.push(w.clone());
            }
            None => {
                by_id.insert(w.line, segments.len());
                segments.push(Line { words: vec![w.clone()], bbox: w.bbox });
            }
        }
    }
    let centre = |l: &Line| {
        let mut cs: Vec<i32> = l.words.iter().map(|w| w.bbox.cy()).collect();
        cs.sort();
        cs[cs.len() / 2]
    };
    segments.sort_by_key(|l| (centre(l), l.bbox.x));
    let mut lines: Vec<(i32, Line)> = Vec::new();
    for seg in segments {
        let (c, h) = (centre(&seg), median_height(&seg).max(8));
        let found = lines.iter_mut().rev().take(6).find(|(lc, l)| {
            let lh = median_height(l).max(8);
            (lc - c).abs() * 2 < lh.min(h)
                && !l.words.iter().any(|o| seg.words.iter().any(|w| overlaps_x(&o.bbox, &w.bbox)))
        });
        match found {
            Some((_, l)) => {
                l.bbox = l.bbox.union(&seg.bbox);
                l.words.extend(seg.words);
            }
            None => lines.push((c, seg)),
        }
    }
    let mut lines: Vec<Line> = lines.into_iter().map(|(_, l)| l).collect();
    for l in &mut lines {
        l.words.sort_by_key(|w| w.bbox.x);
    }
    lines.sort_by_key(|l| (l.bbox.cy(), l.bbox.x));
    lines
}

fn overlaps_x(a: &Rect, b: &Rect) -> bool {
    let ov = a.right().min(b.right()) - a.x.max(b.x);
    ov > a.w.min(b.w) / 2
}

/// The mean OCR confidence (0-100) of the words of `lines` at least `min_chars` long, with how many
/// there are; None when there are none. Words the engine knows read at 85-95; a page too degraded or
/// turned to read gives words at 10-45.
pub(crate) fn mean_confidence(lines: &[Line], min_chars: usize) -> Option<(usize, f32)> {
    let confs: Vec<f32> =
        lines.iter().flat_map(|l| &l.words).filter(|w| w.text.chars().count() >= min_chars).map(|w| w.conf).collect();
    (!confs.is_empty()).then(|| (confs.len(), confs.iter().sum::<f32>() / confs.len() as f32))
}

pub fn median_height(l: &Line) -> i32 {
    let mut hs: Vec<i32> = l.words.iter().map(|w| w.bbox.h).collect();
    hs.sort();
    hs[hs.len() / 2]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A recorded word; each on its own Tesseract line, as layout analysis may leave them.
    pub fn word(text: &str, x: i32, y: i32) -> Word {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let line = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Word {
            text: text.into(),
            conf: 90.0,
            bbox: Rect::new(x, y, 12 * text.len() as i32, 24),
            line,
            ..Word::default()
        }
    }

    #[test]
    fn words_on_one_row_form_one_line() {
        let ws = vec![word("Sex:", 900, 402), word("Date", 100, 400), word("of", 160, 401), word("Next", 100, 460)];
        let ls = lines(&ws);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text(), "Date of Sex:");
    }
}
