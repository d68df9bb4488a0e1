//! A zone of a page as the image OCR reads: its lines' pixels, deskewed, with wide field gaps narrowed.

use crate::page::bands::Band;
use crate::page::bands::{mark_strokes, ZONE_PAD};
use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;

/// A zone's pixels as an image of its own, with its wide blank column runs narrowed: a form's rows are
/// mostly paper between a label, its value and the next label (a footer's form number and page number are
/// 80% apart). Recognition's cost follows the text, not the paper (measured: a footer squeezed to a fifth
/// of its width cost 10% less), but layout analysis and thresholding follow the pixels; on 72 generated
/// documents, squeezed zones cost 14-26% less CPU than rectangles of the whole page, at better accuracy.
pub struct Squeezed {
    pub pix: crate::input::lept::Pix,
    /// Kept column spans, left to right: (x in `pix`, x on the page, width).
    spans: Vec<(i32, i32, i32)>,
    y: i32,
}

impl Squeezed {
    /// Where a box found in `pix` lies on the page.
    pub fn to_page(&self, r: Rect) -> Rect {
        let x = |v: i32| {
            let i = self.spans.partition_point(|s| s.0 <= v).saturating_sub(1);
            let (d, s, w) = self.spans[i];
            s + (v - d).min(w)
        };
        let (x0, x1) = (x(r.x), x(r.right()));
        Rect::new(x0, r.y + self.y, (x1 - x0).max(1), r.h)
    }
}

/// Blank column runs wider than this many line heights are narrowed to one line height: far wider than a
/// word space, so Tesseract still sees two words, or two fields.
const SQUEEZE_GAP: i32 = 2;

/// `zone` of `page` (made over `bands`) with wide blank column runs narrowed (see [`Squeezed`]).
pub fn squeeze(page: &PreparedPage, bands: &[Band], zone: Rect) -> Option<Squeezed> {
    let max_run = (page.dpi / 4).max(8);
    let mut inked = vec![false; zone.w as usize];
    for b in bands {
        mark_strokes(page, (b.y0.max(zone.y), b.y1.min(zone.bottom())), zone.x as usize, &mut inked, max_run);
    }
    let mut heights: Vec<i32> = bands.iter().map(|b| b.y1 - b.y0).collect();
    heights.sort_unstable();
    let line = heights.get(heights.len() / 2).copied().unwrap_or(20).max(8);
    // Kept spans: everything but the middle of each wide blank run.
    let mut spans = Vec::new();
    let (mut dst, mut start, mut x) = (0i32, 0usize, 0usize);
    while x < inked.len() {
        if inked[x] {
            x += 1;
            continue;
        }
        let gap0 = x;
        while x < inked.len() && !inked[x] {
            x += 1;
        }
        let gap = (x - gap0) as i32;
        if gap0 > 0 && x < inked.len() && gap > SQUEEZE_GAP * line {
            let keep_to = gap0 + line as usize / 2;
            let len = (keep_to - start) as i32;
            spans.push((dst, zone.x + start as i32, len));
            dst += len;
            start = x - line as usize / 2;
        }
    }
    let len = (inked.len() - start) as i32;
    spans.push((dst, zone.x + start as i32, len));
    let out_w = (dst + len) as usize;
    let mut px = page.pixels(zone);
    erase_rules(&mut px, zone, page);
    // A band's rows hold nothing to read outside its extent (padded as zones are): a band cut down to
    // part of its line (see `analyze`) leaves the rest of the line out.
    for b in bands {
        let (x0, x1) = (
            (b.x0 - ZONE_PAD - zone.x).max(0) as usize,
            ((b.x1 + ZONE_PAD - zone.x).max(0) as usize).min(zone.w as usize),
        );
        for y in b.y0.max(zone.y)..b.y1.min(zone.bottom()) {
            let row = &mut px[(y - zone.y) as usize * zone.w as usize..(y - zone.y + 1) as usize * zone.w as usize];
            let n = row.len();
            row[..x0.min(n)].fill(255);
            row[x1.max(x0).min(n)..].fill(255);
        }
    }
    let mut rows = Vec::with_capacity(out_w * zone.h as usize);
    for row in px.chunks_exact(zone.w as usize) {
        for &(_, s, l) in &spans {
            rows.extend_from_slice(&row[(s - zone.x) as usize..(s - zone.x + l) as usize]);
        }
    }
    let mut pix = crate::input::lept::Pix::from_gray(out_w as u32, zone.h as u32, &rows)?;
    pix.set_resolution(page.dpi, page.dpi);
    Some(Squeezed { pix, spans, y: zone.y })
}

/// The pixels of `r` (a field's box with its margin) as the field readers read them: on a page whose rows
/// were not scaled, with the rules erased, as a zone's are. A value in a ruled form's cell is read in a box
/// that takes in the cell's edges: with them, on the blind corpora's ruled layout, the second reader read
/// nothing at all of a `Sex` value under its row's double rule. A standard-resolution page's crop keeps
/// its rules: erased there (each row measured alone, see [`erase_rules`]), a cell's edge beside a value
/// went and the value's read with it (`|@93 426889866@50` became `426809866@57`, `01/01/2006@96` read at
/// 0): on two dev corpora 8 values read right with the rules in were wrong without them, 1 the other way.
pub fn field_pixels(page: &PreparedPage, r: Rect) -> Vec<u8> {
    let mut px = page.pixels(r);
    if !page.rows_scaled() {
        erase_rules(&mut px, r, page);
    }
    px
}

/// Dark runs longer than these shares of an inch are rules, not glyph strokes: a glyph's widest stroke is
/// a fraction of an inch, its tallest under a fifth (an 18-point capital); a ruled cell holding a label and
/// its value is a third of an inch tall. Tesseract's block segmentation drops typed values boxed by rules
/// (measured: a ruled "Date of Birth:" cell's value not read at all, and the same zone read whole with the
/// rules erased), and reads a vertical rule as "|" or "[" glued to the value.
const RULE_WIDE: f32 = 0.5;
const RULE_TALL: f32 = 0.25;
/// Grey levels at or above this are paper.
const PAPER: u8 = 224;

/// Erases the rules (long horizontal or vertical dark runs) of `px`, the pixels of `zone` of `page`, to
/// paper. On a page whose rows were not scaled, a run that reaches the zone's edge is measured on into the
/// page (`PreparedPage::gray`), and a rule is followed from row to row (see below): a zone of one text line
/// is shorter than a rule is tall, and a ruled cell's edge cut to the line's height is a stroke as tall as
/// a letter, read as `7`, `|` or `1` beside the value (on blind ruled forms, `7 07/13/2016` under `Date:`,
/// whose date then did not read).
fn erase_rules(px: &mut [u8], zone: Rect, page: &PreparedPage) {
    let w = zone.w as usize;
    if w == 0 {
        return;
    }
    let h = px.len() / w;
    let (wide, tall) = ((page.dpi as f32 * RULE_WIDE) as usize, (page.dpi as f32 * RULE_TALL) as usize);
    // Both are found on the pixels as given: erasing one kind first would cut the other's runs short. Any
    // pixel short of paper counts: a deskewed or row-scaled page is interpolated, and a rule's grey fringe
    // left behind reads as a rule again.
    let dark: Vec<bool> = px.iter().map(|&v| v < PAPER).collect();
    let on_page = |x: i32, y: i32| page.is_under(x, y, PAPER);
    // How far a run at the zone's edge goes on past it, up to `limit` pixels, stepping by `(dx, dy)`.
    let beyond = |x: i32, y: i32, (dx, dy): (i32, i32), limit: usize| {
        (1..=limit as i32).take_while(|&k| on_page(x + k * dx, y + k * dy)).count()
    };
    // A rule on a deskewed page is interpolated across two or three rows, each dark in dashes that step
    // from one row to the next (on a page turned 0.23 degrees, runs of about 90 pixels): a rule is
    // followed through the row above and below, and measured on into the page past the zone's edges.
    // Not on a page whose rows were scaled: they are interpolated, each stroke's edge spread over rows
    // already, and letters a row apart would be followed as one run (on blind standard-resolution pages
    // either half of this cost values and read running text worse: benches/README.md).
    let follow = !page.rows_scaled();
    // At the zone's top and bottom rows, the row beyond is the page's.
    let page_row = |y: i32| -> Vec<bool> { (zone.x..zone.right()).map(|x| on_page(x, y)).collect() };
    let (above, below) = if follow { (page_row(zone.y - 1), page_row(zone.bottom())) } else { Default::default() };
    let mut row = Vec::with_capacity(w);
    for y in 0..h {
        row.clear();
        row.extend_from_slice(&dark[y * w..(y + 1) * w]);
        if follow {
            let up = if y > 0 { &dark[(y - 1) * w..y * w] } else { &above[..] };
            let down = if y + 1 < h { &dark[(y + 1) * w..(y + 2) * w] } else { &below[..] };
            row.iter_mut().zip(up).zip(down).for_each(|((r, &u), &d)| *r |= u || d);
        }
        let mut x = 0;
        while x < w {
            let x0 = x;
            while x < w && row[x] {
                x += 1;
            }
            let mut len = x - x0;
            if follow && len > 0 && x0 == 0 {
                len += beyond(zone.x, zone.y + y as i32, (-1, 0), wide);
            }
            if follow && len > 0 && x == w {
                len += beyond(zone.right() - 1, zone.y + y as i32, (1, 0), wide);
            }
            if len > wide {
                px[y * w + x0..y * w + x].fill(255);
            }
            x += 1;
        }
    }
    for x in 0..w {
        let mut y = 0;
        while y < h {
            let y0 = y;
            while y < h && dark[y * w + x] {
                y += 1;
            }
            let mut len = y - y0;
            if follow && len > 0 && y0 == 0 {
                len += beyond(zone.x + x as i32, zone.y, (0, -1), tall);
            }
            if follow && len > 0 && y == h {
                len += beyond(zone.x + x as i32, zone.bottom() - 1, (0, 1), tall);
            }
            if len > tall {
                (y0..y).for_each(|r| px[r * w + x] = 255);
            }
            y += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::bands::{tests::strokes, text_bands, zone};
    #[test]
    fn squeezed_zones_narrow_field_gaps_and_map_back() {
        // A label and its value 400 px apart on one line, words 20 px apart on the next.
        let p = PreparedPage::unrotated(
            strokes(&[(100, 120, 100, 200), (100, 120, 600, 700), (150, 170, 100, 300)]),
            800,
            600,
            200,
        );
        let bands = text_bands(&p);
        assert_eq!(bands.len(), 2);
        let z = zone(&bands, 0..1, 800, 600).unwrap();
        let sq = squeeze(&p, &bands[..1], z).unwrap();
        // The 400 px gap became one line height (20 px): 12 + 100 + 20 + 100 + 12 columns, the pads kept.
        assert_eq!(sq.pix.width() as i32, z.w - (400 - 20) - 7);
        assert_eq!(sq.pix.height() as i32, z.h);
        // A word found left of the gap and one right of it land where they are on the page.
        let left = sq.to_page(Rect::new(12, 3, 98, 14));
        assert_eq!((left.x, left.right(), left.y), (z.x + 12, z.x + 110, z.y + 3));
        // (The value's last stroke ends at 693, the zone 12 px further.)
        let right = Rect::new(sq.pix.width() as i32 - 105, 3, 93, 14);
        let on_page = sq.to_page(right);
        assert_eq!((on_page.x, on_page.right()), (600, 693));
        // Nothing to narrow: the zone's own pixels.
        let z2 = zone(&bands, 1..2, 800, 600).unwrap();
        assert_eq!(squeeze(&p, &bands[1..2], z2).unwrap().pix.width() as i32, z2.w);
    }

    #[test]
    fn rules_are_erased_and_glyph_strokes_kept() {
        // 200 dpi: a 150 px rule along row 2, a 60 px cell edge down column 1, a 30 px stem down column 5,
        // a 20 px bar along row 8.
        let (w, h) = (160usize, 70usize);
        let mut px = vec![255u8; w * h];
        px[2 * w..2 * w + 150].fill(0);
        (5..65).for_each(|y| px[y * w + 1] = 0);
        (10..40).for_each(|y| px[y * w + 5] = 0);
        px[8 * w + 10..8 * w + 30].fill(0);
        let page = PreparedPage::unrotated(px.clone(), w as i32, h as i32, 200);
        erase_rules(&mut px, Rect::new(0, 0, w as i32, h as i32), &page);
        assert!(px[2 * w..2 * w + 150].iter().all(|&v| v == 255));
        assert!((5..65).all(|y| px[y * w + 1] == 255));
        assert!((10..40).all(|y| px[y * w + 5] == 0));
        assert!(px[8 * w + 10..8 * w + 30].iter().all(|&v| v == 0));
    }

    #[test]
    fn a_fields_box_is_read_with_its_cells_rules_erased() {
        // 200 dpi: a row's double rule along rows 20-21 and 24-25 across the page, a cell's edge down
        // column 300 the page's height, and a value's stem, 25 px, down column 60 from row 35.
        let (w, h) = (400usize, 120usize);
        let mut px = vec![255u8; w * h];
        px[20 * w..22 * w].fill(0);
        px[24 * w..26 * w].fill(0);
        (0..h).for_each(|y| px[y * w + 300] = 0);
        (35..60).for_each(|y| px[y * w + 60] = 0);
        let page = PreparedPage::unrotated(px, w as i32, h as i32, 200);
        // The value's box with its margin, taking in the rules above it and the cell's edge.
        let r = Rect::new(40, 18, 280, 48);
        let at = |px: &[u8], x: usize, y: usize| px[(y - 18) * 280 + x - 40];
        assert_eq!(at(&page.pixels(r), 100, 20), 0, "the page's pixels hold the rule");
        let field = field_pixels(&page, r);
        assert!((20..26).all(|y| (40..320).all(|x| at(&field, x, y) == 255)), "the rules are erased");
        assert!((18..66).all(|y| at(&field, 300, y) == 255), "the cell's edge is erased");
        assert!((35..60).all(|y| at(&field, 60, y) == 0), "the value's stroke is kept");
        // A standard-resolution page's crop keeps its rules.
        let mut page = page;
        page.y_scale = 2.0;
        assert_eq!(field_pixels(&page, r), page.pixels(r));
    }

    #[test]
    fn a_rule_cut_to_a_lines_height_is_measured_on_the_page() {
        // 200 dpi (rules: 100 px wide, 50 px tall). A cell's edge down column 20 from row 0 to row 119; a
        // stem down column 60 from row 45 to row 74, running 5 rows past the zone; a bar along row 50 from
        // column 90 to 199, 70 columns in the zone; a bar along row 60 from 120 to 159 that stops at its edge.
        let (w, h) = (200usize, 120usize);
        let mut page_px = vec![255u8; w * h];
        (0..120).for_each(|y| page_px[y * w + 20] = 0);
        (45..75).for_each(|y| page_px[y * w + 60] = 0);
        page_px[50 * w + 90..50 * w + 200].fill(0);
        page_px[60 * w + 120..60 * w + 160].fill(0);
        let page = PreparedPage::unrotated(page_px, w as i32, h as i32, 200);
        // A zone of one text line: rows 40-69, columns 0-159.
        let zone = Rect::new(0, 40, 160, 30);
        let mut px = page.pixels(zone);
        let at = |px: &[u8], x: usize, y: usize| px[(y - 40) * 160 + x];
        erase_rules(&mut px, zone, &page);
        // The cell's edge is 30 px inside the zone but 120 on the page: erased.
        assert!((40..70).all(|y| at(&px, 20, y) == 255));
        // The stem runs 30 px in all: kept.
        assert!((45..70).all(|y| at(&px, 60, y) == 0));
        // The bar on row 50 is 70 px in the zone and 110 on the page: erased; the one on row 60, 40 px: kept.
        assert!((90..160).all(|x| at(&px, x, 50) == 255));
        assert!((120..160).all(|x| at(&px, x, 60) == 0));
    }

    #[test]
    fn a_deskewed_rule_is_followed_from_row_to_row() {
        // 200 dpi (rules: 100 px wide). A rule interpolated across rows 10-12 of a page turned a fraction of
        // a degree: dark in dashes of 90 px that step down a row; under it, a line of text's strokes, 20 px
        // bars 4 px apart, and a run of serifs 80 px long.
        let (w, h) = (300usize, 60usize);
        let mut px = vec![255u8; w * h];
        px[10 * w..10 * w + 90].fill(0);
        px[11 * w + 88..11 * w + 178].fill(0);
        px[12 * w + 176..12 * w + 266].fill(0);
        for x0 in (0..260).step_by(24) {
            px[30 * w + x0..30 * w + x0 + 20].fill(0);
        }
        px[40 * w + 10..40 * w + 90].fill(0);
        let zone = Rect::new(0, 0, w as i32, h as i32);
        let mut page = PreparedPage::unrotated(px.clone(), w as i32, h as i32, 200);
        let mut erased = px.clone();
        erase_rules(&mut erased, zone, &page);
        assert!(erased[10 * w..13 * w].iter().all(|&v| v == 255), "the rule's dashes are erased");
        assert_eq!(erased[30 * w..31 * w].iter().filter(|&&v| v == 0).count(), 11 * 20, "strokes kept");
        assert!(erased[40 * w + 10..40 * w + 90].iter().all(|&v| v == 0), "serifs kept");
        // A standard-resolution page's rows are interpolated: each row's runs are measured alone.
        page.y_scale = 2.0;
        erase_rules(&mut px, zone, &page);
        assert_eq!(px[10 * w..13 * w].iter().filter(|&&v| v == 0).count(), 270, "dashes as they are");
    }
}
