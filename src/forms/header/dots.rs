//! Dot-matrix header lines. Fax machines of the 1980s and 90s print their header line in a fixed-pitch
//! dot-matrix font with a slashed zero, which Tesseract does not know: on the two real faxes it read
//! `08/17/1990` as `Bse1rR 71996` and `07-11-87` as `@r-11-87`, losing the date, time and page. Two
//! remedies, each checked on the glyphs' own evidence:
//!
//! - [`clear_slashed_zeros`] removes the slash inside a zero (a closed oval with a diagonal from its
//!   lower left to its upper right): the engine then reads a plain zero. Letters with a diagonal inside
//!   sides (N) slant the other way; M and W have two that cancel out.
//! - [`read_glyphs`] reads a word of the classic 5x7 dot font (the one LCD controllers and many fax
//!   machines share) by sampling each glyph's dots and comparing them with that font's digits, separators
//!   and `P`: a word is given back only if every glyph matches one shape clearly.

use crate::page::geometry::Rect;

/// A gray image (0 black, 255 white) seen as ink or paper.
pub struct Ink<'a> {
    px: &'a [u8],
    w: usize,
    h: usize,
}

impl<'a> Ink<'a> {
    pub fn new(px: &'a [u8], w: usize, h: usize) -> Ink<'a> {
        assert_eq!(px.len(), w * h, "w x h gray bytes");
        Ink { px, w, h }
    }

    fn at(&self, x: usize, y: usize) -> bool {
        x < self.w && y < self.h && self.px[y * self.w + x] < 128
    }

    /// The glyphs in a box: runs of inked columns, each with its inked rows' extent.
    fn glyphs(&self, b: Rect) -> Vec<Rect> {
        let Some(b) = b.clamp(self.w as i32, self.h as i32) else { return Vec::new() };
        let (x0, y0, x1, y1) = (b.x as usize, b.y as usize, b.right() as usize, b.bottom() as usize);
        let inked = |x: usize| (y0..y1).any(|y| self.at(x, y));
        let mut out = Vec::new();
        let mut x = x0;
        while x < x1 {
            if !inked(x) {
                x += 1;
                continue;
            }
            let start = x;
            while x < x1 && inked(x) {
                x += 1;
            }
            let rows: Vec<usize> = (y0..y1).filter(|&y| (start..x).any(|xx| self.at(xx, y))).collect();
            let (top, bottom) = (rows[0], rows[rows.len() - 1] + 1);
            out.push(Rect::new(start as i32, top as i32, (x - start) as i32, (bottom - top) as i32));
        }
        out
    }
}

/// Rows of text in a strip: runs of rows holding ink, with a row of paper between them.
fn text_rows(ink: &Ink) -> Vec<(usize, usize)> {
    let inked: Vec<bool> = (0..ink.h).map(|y| (0..ink.w).any(|x| ink.at(x, y))).collect();
    let mut rows = Vec::new();
    let mut y = 0;
    while y < ink.h {
        if !inked[y] {
            y += 1;
            continue;
        }
        let start = y;
        while y < ink.h && inked[y] {
            y += 1;
        }
        rows.push((start, y));
    }
    rows
}

/// Whether a glyph is a zero with a slash (see the module documentation), and the slash's pixels.
fn slash_of(ink: &Ink, g: Rect) -> Option<Vec<(usize, usize)>> {
    let (x0, y0, w, h) = (g.x as usize, g.y as usize, g.w as usize, g.h as usize);
    if h < 8 || w < 6 || w > h * 2 {
        return None;
    }
    // Sides inked on most rows: a closed oval (a stroke may be two pixels wide).
    let side = |x: usize| (y0..y0 + h).filter(|&y| ink.at(x, y) || ink.at(x + 1, y)).count() * 10 >= h * 7;
    if !side(x0) || !side(x0 + w - 2) {
        return None;
    }
    // The inside: within the strokes of the sides, top and bottom (as thick as the left side and the top
    // are, measured across the middle).
    let sw = (x0..x0 + w).take_while(|&x| ink.at(x, y0 + h / 2)).count().max(1);
    let sh = (y0..y0 + h).take_while(|&y| ink.at(x0 + w / 2, y)).count().max(1);
    if 2 * sw >= w || 2 * sh >= h {
        return None;
    }
    let inner: Vec<(usize, usize)> = (y0 + sh..y0 + h - sh)
        .flat_map(|y| (x0 + sw..x0 + w - sw).map(move |x| (x, y)))
        .filter(|&(x, y)| ink.at(x, y))
        .collect();
    let rows: std::collections::BTreeSet<usize> = inner.iter().map(|p| p.1).collect();
    // A bar across the middle (8, B, H) fills a row or two; a slash runs down most of the inside.
    if inner.len() < 3 || rows.len() * 10 < h * 3 {
        return None;
    }
    let n = inner.len() as f32;
    let (mx, my) =
        (inner.iter().map(|p| p.0 as f32).sum::<f32>() / n, inner.iter().map(|p| p.1 as f32).sum::<f32>() / n);
    let (mut sxy, mut sxx, mut syy) = (0f32, 0f32, 0f32);
    for &(x, y) in &inner {
        let (dx, dy) = (x as f32 - mx, y as f32 - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // Strongly diagonal, lower left to upper right (x falls as y grows).
    let corr = sxy / (sxx * syy).sqrt().max(f32::EPSILON);
    (corr < -0.7).then_some(inner)
}

/// Whitens the slash of every slashed zero in a header strip (w x h gray bytes); returns how many.
pub fn clear_slashed_zeros(px: &mut [u8], w: usize, h: usize) -> usize {
    let slashes: Vec<Vec<(usize, usize)>> = {
        let ink = Ink::new(px, w, h);
        text_rows(&ink)
            .into_iter()
            .flat_map(|(top, bottom)| ink.glyphs(Rect::new(0, top as i32, w as i32, (bottom - top) as i32)))
            .filter_map(|g| slash_of(&ink, g))
            .collect()
    };
    for &(x, y) in slashes.iter().flatten() {
        px[y * w + x] = 255;
    }
    slashes.len()
}

/// The 5x7 dot font's shapes read here: digits (the zero with and without its slash), the separators of
/// dates, times and page counters, and the `P` of `P.01`.
const FONT: [(char, [&str; 7]); 16] = [
    ('0', [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."]),
    ('0', [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."]),
    ('1', ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."]),
    ('2', [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"]),
    ('3', ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."]),
    ('4', ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."]),
    ('5', ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."]),
    ('6', ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."]),
    ('7', ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."]),
    ('8', [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."]),
    ('9', [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."]),
    ('/', [".....", "....#", "...#.", "..#..", ".#...", "#....", "....."]),
    ('-', [".....", ".....", ".....", "#####", ".....", ".....", "....."]),
    (':', [".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."]),
    ('.', [".....", ".....", ".....", ".....", ".....", ".##..", ".##.."]),
    ('P', ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."]),
];

/// A shape of [`FONT`] cut to its inked cells: (rows from the top of the cell, cells).
fn cut(rows: &[&str; 7]) -> (usize, Vec<Vec<bool>>) {
    let cells: Vec<Vec<bool>> = rows.iter().map(|r| r.bytes().map(|b| b == b'#').collect()).collect();
    let (top, bottom) = (
        cells.iter().position(|r| r.contains(&true)).unwrap_or(0),
        cells.iter().rposition(|r| r.contains(&true)).unwrap_or(0),
    );
    let (left, right) = (
        (0..5).find(|&c| cells.iter().any(|r| r[c])).unwrap_or(0),
        (0..5).rfind(|&c| cells.iter().any(|r| r[c])).unwrap_or(0),
    );
    (top, cells[top..=bottom].iter().map(|r| r[left..=right].to_vec()).collect())
}

/// Reads the word in `bbox` glyph by glyph in the 5x7 dot font; None unless every glyph matches one shape
/// (at most one dot off, and every other shape at least two dots further).
pub fn read_glyphs(ink: &Ink, bbox: Rect) -> Option<String> {
    let glyphs = ink.glyphs(Rect::new(bbox.x - 2, bbox.y - 2, bbox.w + 4, bbox.h + 4));
    // The cell's 7 rows span the tallest glyph (digits are full height): that gives the dot pitch.
    let top = glyphs.iter().map(|g| g.y).min()?;
    let tall = glyphs.iter().map(|g| g.h).max()?;
    if tall < 7 {
        return None;
    }
    let pitch = tall as f32 / 7.0;
    let shapes: Vec<(char, usize, Vec<Vec<bool>>)> = FONT
        .iter()
        .map(|(c, rows)| {
            let (t, cells) = cut(rows);
            (*c, t, cells)
        })
        .collect();
    let mut out = String::new();
    for g in glyphs {
        let (cols, rows) = ((g.w as f32 / pitch).round() as usize, (g.h as f32 / pitch).round() as usize);
        let row0 = ((g.y - top) as f32 / pitch).round() as usize;
        if cols == 0 || rows == 0 || cols > 5 || row0 + rows > 7 {
            return None;
        }
        let dot = |r: usize, c: usize| {
            let x = g.x as f32 + (c as f32 + 0.5) * g.w as f32 / cols as f32;
            let y = g.y as f32 + (r as f32 + 0.5) * g.h as f32 / rows as f32;
            ink.at(x as usize, y as usize)
        };
        let mut scored: Vec<(usize, char)> = shapes
            .iter()
            .filter(|(_, t, cells)| *t == row0 && cells.len() == rows && cells[0].len() == cols)
            .map(|(ch, _, cells)| {
                let off =
                    (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c))).filter(|&(r, c)| dot(r, c) != cells[r][c]);
                (off.count(), *ch)
            })
            .collect();
        scored.sort();
        match scored.as_slice() {
            [(d, ch)] | [(d, ch), ..] if *d <= 1 && scored.iter().all(|(e, c)| c == ch || *e >= d + 2) => out.push(*ch),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws `text` in the 5x7 font at 2x2 pixels a dot, 8 dots a cell, on a strip `h` pixels tall.
    fn render(text: &str, slashed: bool, h: usize) -> (Vec<u8>, usize) {
        let w = 16 * text.len() + 20;
        let mut px = vec![255u8; w * h];
        for (i, ch) in text.chars().enumerate() {
            // FONT's first zero is the slashed one, its second the plain one.
            let skip = usize::from(ch == '0' && !slashed);
            let Some((_, rows)) = FONT.iter().filter(|(c, _)| *c == ch).nth(skip) else { continue };
            for (r, row) in rows.iter().enumerate() {
                for (c, b) in row.bytes().enumerate() {
                    if b == b'#' {
                        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                            px[(6 + 2 * r + dy) * w + 10 + 16 * i + 2 * c + dx] = 0;
                        }
                    }
                }
            }
        }
        (px, w)
    }

    #[test]
    fn reads_dot_matrix_dates_times_and_counters() {
        for text in ["08/17/1990", "15:27", "P.01", "07-11-87"] {
            let (px, w) = render(text, true, 26);
            let ink = Ink::new(&px, w, 26);
            assert_eq!(read_glyphs(&ink, Rect::new(8, 4, w as i32 - 10, 18)).as_deref(), Some(text));
        }
        // Letters are not in the font: the word is left to the OCR engine.
        let (px, w) = render("08/17/1990", true, 26);
        let mut px = px;
        for y in 6..20 {
            // A stroke down the first glyph's second dot column: no shape matches it.
            px[y * w + 12] = 0;
            px[y * w + 13] = 0;
        }
        assert_eq!(read_glyphs(&Ink::new(&px, w, 26), Rect::new(8, 4, w as i32 - 10, 18)), None);
    }

    #[test]
    fn clears_slashes_of_zeros_only() {
        let (mut px, w) = render("1090 8", true, 26);
        assert_eq!(clear_slashed_zeros(&mut px, w, 26), 2);
        let (plain, _) = render("1090 8", false, 26);
        assert_eq!(px, plain, "the slashed zeros are now plain ones; 1, 9 and 8 are untouched");
        let (mut none, w) = render("18:27", true, 26);
        assert_eq!(clear_slashed_zeros(&mut none, w, 26), 0);
    }
}
