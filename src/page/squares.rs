//! Printed checkbox squares found on the image: where they are and whether they hold a mark.

use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;

/// A checkbox's state: None when the printed box could not be found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BoxState {
    pub checked: Option<bool>,
    pub bbox: Rect,
    /// The share of the square's interior that is inked, its frame's own thickness left out.
    pub ink: f32,
    /// The share inked of a patch of the same size just left of the square, where the form prints
    /// nothing (the margin): the page's noise there, or a stamp or scribble running over the box.
    pub beside: f32,
}

/// A square's interior inked above this share holds a mark (a tick, a cross, a filled box). Measured
/// inside the frame, on the dev corpora (1,000 boxes, noisy faxes among them) an empty box reads under
/// 0.025, a ticked one over 0.14.
pub(crate) const TICK_INK: f32 = 0.05;

impl BoxState {
    /// Whether the reading of this box is in doubt (a person should look): its interior ink is near
    /// [`TICK_INK`] (a faint tick, a speck, part of a frame), or ink beside it in the blank margin
    /// says something runs over it (a stamp, a scribble, heavy noise) so that its ink may not be a tick.
    pub(crate) fn doubtful(&self) -> bool {
        let near = self.ink > TICK_INK * 0.5 && self.ink < TICK_INK * 2.5;
        near || self.beside > OBSCURED
    }
}

/// Ink share of the blank margin beside a box over which the box counts as run over (a stamp's or a
/// pen's strokes there): fax specks at their worst cover a few percent of a patch.
const OBSCURED: f32 = 0.06;

/// Measures square `q`: the ink inside its frame, clear of the frame's thickness on each side (thick
/// or doubled edges, from a dark threshold or standard-resolution rows stretched, would otherwise count
/// as a mark), and the ink in the margin patch beside it.
fn measure(page: &PreparedPage, q: Rect) -> BoxState {
    let dark_row = |y: i32| (q.x..q.right()).filter(|&x| page.is_dark(x, y)).count() as i32 * 2 > q.w;
    let dark_col = |x: i32| (q.y..q.bottom()).filter(|&y| page.is_dark(x, y)).count() as i32 * 2 > q.h;
    // An edge is the run of mostly-inked rows (columns) from the side inward; never more than a third of
    // the box (a filled box is all ink: its centre is still measured).
    let limit = q.w.min(q.h) / 3;
    let run = |f: &dyn Fn(i32) -> bool| (0..limit).take_while(|&d| f(d)).count() as i32;
    let base = (q.w / 5).max(3);
    let inset = |edge: i32| (edge + 2).max(base).min(limit);
    let top = inset(run(&|d| dark_row(q.y + d)));
    let bottom = inset(run(&|d| dark_row(q.bottom() - 1 - d)));
    let left = inset(run(&|d| dark_col(q.x + d)));
    let right = inset(run(&|d| dark_col(q.right() - 1 - d)));
    let inner = Rect::new(q.x + left, q.y + top, (q.w - left - right).max(1), (q.h - top - bottom).max(1));
    let ink = page.ink(inner);
    let gap = (q.w / 3).max(2);
    let beside = if q.x - gap - q.w >= 0 { page.ink(Rect::new(q.x - gap - q.w, q.y, q.w, q.h)) } else { 0.0 };
    BoxState { checked: Some(ink > TICK_INK), bbox: q, ink, beside }
}

/// Finds printed checkbox squares inside `region`: pairs of straight horizontal edges of equal span whose
/// ends are joined by vertical edges, about a capital letter's size or a little more. Returns each square
/// (outermost where thick lines give several) with the ink inside its frame, top to bottom.
fn find_squares(page: &PreparedPage, region: Rect, open_sided: bool) -> Vec<BoxState> {
    let Some(r) = region.clamp(page.width, page.height) else { return Vec::new() };
    let (smin, smax) = ((page.dpi as f32 * 0.095) as i32, (page.dpi as f32 * 0.24) as i32);
    // Horizontal dark runs of a plausible edge length, as (y, x0, x1). (Rows are scanned as slices of the
    // page: this runs over a fifth of every form page, twice when squares are missing.)
    // A scan's dropouts take a pixel or two out of an edge here and there: a gap that short does not end it.
    let gap = (page.dpi / 100).max(1) as usize;
    let mut runs = Vec::new();
    let row_of = |y: i32| &page.gray[(y * page.width + r.x) as usize..(y * page.width + r.right()) as usize];
    for y in r.y..r.bottom() {
        let row = row_of(y);
        let mut x = 0;
        while x < row.len() {
            if row[x] < 128 {
                let (x0, mut end) = (x, x);
                let mut k = x + 1;
                while k < row.len() && k - end <= gap + 1 {
                    if row[k] < 128 {
                        end = k;
                    }
                    k += 1;
                }
                let len = (end + 1 - x0) as i32;
                if len >= smin && len <= smax {
                    runs.push((y, r.x + x0 as i32, r.x + end as i32));
                }
                x = end + 1;
            }
            x += 1;
        }
    }
    // Rows going up from `y` in which one of the columns `x-1..=x+1` is inked, across gaps as short.
    let rise = |x: i32, y: i32| {
        let mut top = None;
        for n in 0..smax * 2 {
            if (x - 1..=x + 1).any(|xx| page.is_dark(xx, y - n)) {
                top = Some(n);
            } else if top.is_none_or(|t| (n - t) as usize > gap) {
                break;
            }
        }
        top.map_or(0, |t| t + 1)
    };
    let row_ink = |y: i32, x0: i32, x1: i32| {
        (y - 1..=y + 1).map(|yy| (x0..=x1).filter(|&x| page.is_dark(x, yy)).count()).max().unwrap_or(0) as i32
    };
    // Each run is tried as a bottom edge: both its ends must rise as vertical edges about as high as the run
    // is long (a tick mark crossing the top or a side makes one edge taller, never both shorter), and a
    // top edge must join them there.
    let mut squares: Vec<Rect> = Vec::new();
    for &(yb, x0, x1) in &runs {
        let w = x1 - x0 + 1;
        let (hl, hr) = (rise(x0 + 1, yb), rise(x1 - 1, yb));
        let h = hl.min(hr);
        if h * 10 < w * 7 || h * 10 > w * 13 {
            continue;
        }
        let yt = yb - h + 1;
        // The top edge may lie a row or two under where the sides end: a side's stroke can stand a scan
        // line above the edge it meets (skew, a dark threshold), two rows once a standard page's rows are
        // stretched.
        if (0..=2).all(|d| row_ink(yt + 1 + d, x0, x1) * 10 < w * 7) {
            continue;
        }
        let sq = Rect::new(x0, yt, w, h);
        match squares
            .iter_mut()
            .find(|q| q.x < sq.right() && sq.x < q.right() && q.y < sq.bottom() && sq.y < q.bottom())
        {
            Some(q) => *q = q.union(&sq),
            None => squares.push(sq),
        }
    }
    // At standard resolution a thin horizontal edge can vanish between scan lines, leaving "[ ]": two
    // vertical edges of equal extent, about as far apart as they are tall.
    let mut bars: Vec<(i32, i32, i32)> = Vec::new();
    if open_sided {
        // Vertical dark runs, found row by row: each column's run so far starts at `start[x]`.
        let mut start: Vec<Option<i32>> = vec![None; r.w as usize];
        let end_run = |x: usize, y0: i32, y: i32, bars: &mut Vec<(i32, i32, i32)>| {
            if (smin..=smax).contains(&(y - y0)) {
                bars.push((r.x + x as i32, y0, y - 1));
            }
        };
        for y in r.y..r.bottom() {
            for (x, &v) in row_of(y).iter().enumerate() {
                match (v < 128, start[x]) {
                    (true, None) => start[x] = Some(y),
                    (false, Some(y0)) => {
                        end_run(x, y0, y, &mut bars);
                        start[x] = None;
                    }
                    _ => {}
                }
            }
        }
        for (x, y0) in start.iter().enumerate().filter_map(|(x, s)| s.map(|y0| (x, y0))) {
            end_run(x, y0, r.bottom(), &mut bars);
        }
        // Column by column, top to bottom: the pairing below takes them in that order.
        bars.sort_unstable();
    }
    for (i, &(xl, t0, b0)) in bars.iter().enumerate() {
        for &(xr, t1, b1) in &bars[i + 1..] {
            let w = xr - xl + 1;
            if w * 10 > (b0 - t0 + 1) * 13 {
                break;
            }
            if (b1 - b0).abs() > 3 {
                continue;
            }
            // Sides of one extent; or one side run on upward by a tick's stroke rising across it and out
            // of the box (a tick crosses the top or a side, never the bottom): the other side's top is the
            // box's.
            let top = if (t1 - t0).abs() > 3 { t0.max(t1) } else { t0.min(t1) };
            let h = b0.max(b1) - top + 1;
            if w * 10 < h * 7 || w * 10 > h * 13 {
                continue;
            }
            let sq = Rect::new(xl, top, w, h);
            match squares
                .iter_mut()
                .find(|q| q.x < sq.right() && sq.x < q.right() && q.y < sq.bottom() && sq.y < q.bottom())
            {
                Some(q) => *q = q.union(&sq),
                None => squares.push(sq),
            }
        }
    }
    squares.sort_by_key(|q| q.y);
    // Merged candidates must still be squares of a checkbox's size.
    squares.retain(|q| {
        q.w >= smin
            && q.h >= smin
            && q.w <= smax * 5 / 4
            && q.h <= smax * 5 / 4
            && q.h * 10 >= q.w * 7
            && q.w * 10 >= q.h * 7
    });
    squares.into_iter().map(|q| measure(page, q)).collect()
}

/// Every checkbox-like square in the left part of a page, measured once: the checkbox column and each
/// group's squares are picked from these by the form's geometry and its headings' places.
#[derive(Debug, Clone, Default)]
pub(crate) struct Squares {
    /// Squares with four edges.
    closed: Vec<BoxState>,
    /// Those and open-sided "[ ]" candidates (a thin edge lost between scan lines), merged.
    open: Vec<BoxState>,
    /// Where they were looked for.
    region: Rect,
}

/// How far right of the left edge squares are looked for: checkbox columns stand in the left margin, a
/// group's squares just right of where its headings start (under 0.2 of the width on every form).
const SQUARES_REACH: f32 = 1.0 / 3.0;

impl Squares {
    /// Finds the squares of `page`'s left part (see [`find_squares`]).
    pub(crate) fn measure(page: &PreparedPage) -> Squares {
        let region = Rect::new(0, 0, (page.width as f32 * SQUARES_REACH) as i32, page.height);
        Squares { closed: find_squares(page, region, false), open: find_squares(page, region, true), region }
    }

    /// The squares standing in `region`: their columns inside it and their bottom edge in its rows (as
    /// [`find_squares`] over that region finds them).
    pub(crate) fn inside(&self, region: Rect, open_sided: bool) -> Vec<BoxState> {
        let all = if open_sided { &self.open } else { &self.closed };
        let r = region.clamp(self.region.right(), self.region.bottom()).unwrap_or_default();
        all.iter()
            .filter(|s| {
                let q = s.bbox;
                r.x <= q.x && q.right() <= r.right() && r.y < q.bottom() && q.bottom() <= r.bottom()
            })
            .cloned()
            .collect()
    }

    /// The checkbox column: the squares in `region` (the form's column area), top to bottom. Closed
    /// squares first; when they are not `expected` in number, open-sided "[ ]" candidates standing where
    /// the closed ones do.
    pub(crate) fn column(&self, region: Rect, expected: usize) -> Vec<BoxState> {
        // An option box right of the column (see `at_the_margin`) is never one of its boxes, also when a
        // column box is missing: counted in, it would make up the number and every box under the gap would
        // take the option of the one above it.
        let closed = at_the_margin(same_size(self.inside(region, false)));
        if closed.len() == expected || closed.is_empty() {
            return closed;
        }
        let (x0, x1) = closed.iter().fold((i32::MAX, i32::MIN), |(a, b), s| (a.min(s.bbox.x), b.max(s.bbox.x)));
        let tolerance = closed.iter().map(|s| s.bbox.w).max().unwrap_or(0) / 2;
        let open: Vec<BoxState> = same_size(
            self.inside(region, true)
                .into_iter()
                .filter(|s| s.bbox.x >= x0 - tolerance && s.bbox.x <= x1 + tolerance)
                .collect(),
        );
        if open.len() == expected {
            open
        } else {
            closed
        }
    }
}

/// A column's squares without those standing right of it: a square more than half a side right of where
/// most of them stand is an option box inside a paragraph (the I-247A's "ICE" and "CBP" boxes, in a bullet
/// under the column), found with the column's when its tick does not break its frame. Squares left of the
/// column are kept: a form may set its last box (the cancel box) further out in the margin.
fn at_the_margin(squares: Vec<BoxState>) -> Vec<BoxState> {
    if squares.is_empty() {
        return squares;
    }
    let mut xs: Vec<i32> = squares.iter().map(|s| s.bbox.x).collect();
    xs.sort_unstable();
    let (x, side) = (xs[xs.len() / 2], squares.iter().map(|s| s.bbox.w).min().unwrap_or(0));
    squares.into_iter().filter(|s| s.bbox.x - x <= side / 2).collect()
}

/// A column's squares without those clearly smaller than the others: a form prints its column's boxes all
/// of one size, and a letter's bowl or a box corner in the lines above ("O", "D", the TO box's edge) can
/// pass for a small square. One such square above the column ends the typed fields too early (the rows
/// under it go unread) and shifts every group's boxes by one. Only smaller ones are dropped: a tick
/// crossing a box's frame makes it look larger, never smaller. With fewer than three squares there is no
/// size to go by.
fn same_size(squares: Vec<BoxState>) -> Vec<BoxState> {
    if squares.len() < 3 {
        return squares;
    }
    let mut widths: Vec<i32> = squares.iter().map(|s| s.bbox.w).collect();
    widths.sort_unstable();
    let median = widths[widths.len() / 2];
    squares.into_iter().filter(|s| s.bbox.w * 5 >= median * 4).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page at 204 dpi with a checkbox square of side `side` and frame `frame` pixels thick at
    /// (100, 40); `marks` are filled rectangles drawn over it.
    fn page_with_box(side: i32, frame: i32, marks: &[Rect]) -> PreparedPage {
        let (w, h) = (600, 120);
        let mut gray = vec![255u8; (w * h) as usize];
        let mut fill = |r: Rect| {
            for y in r.y..r.bottom() {
                for x in r.x..r.right() {
                    gray[(y * w + x) as usize] = 0;
                }
            }
        };
        let (x, y) = (100, 40);
        fill(Rect::new(x, y, side, frame));
        fill(Rect::new(x, y + side - frame, side, frame));
        fill(Rect::new(x, y, frame, side));
        fill(Rect::new(x + side - frame, y, frame, side));
        for m in marks {
            fill(*m);
        }
        PreparedPage::unrotated(gray, w, h, 204)
    }

    fn the_box(page: &PreparedPage) -> BoxState {
        let found = Squares::measure(page).inside(Rect::new(0, 0, page.width, page.height), false);
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    }

    #[test]
    fn a_thick_frame_is_not_a_tick() {
        // Edges a quarter of the box thick (a dark threshold, rows stretched): its interior is still empty.
        let b = the_box(&page_with_box(28, 7, &[]));
        assert_eq!(b.checked, Some(false), "{b:?}");
        assert!(b.ink < 0.01 && !b.doubtful(), "{b:?}");
        let b = the_box(&page_with_box(28, 2, &[]));
        assert_eq!(b.checked, Some(false), "{b:?}");
        assert!(!b.doubtful(), "{b:?}");
    }

    #[test]
    fn a_box_whose_edges_lost_pixels_to_dropouts_is_found() {
        // Side 28, frame 2 at (100, 40): two-pixel gaps cut through its bottom, top and both sides.
        let mut page = page_with_box(28, 2, &[]);
        let w = page.width;
        for (x, y) in [(110, 66), (111, 66), (110, 67), (111, 67), (115, 40), (116, 41), (115, 41), (116, 40)] {
            page.gray[(y * w + x) as usize] = 255;
        }
        for y in [50, 51] {
            for x in [100, 101, 126, 127] {
                page.gray[(y * w + x) as usize] = 255;
            }
        }
        let b = the_box(&page);
        assert_eq!((b.bbox.x, b.bbox.y, b.bbox.w, b.bbox.h), (100, 40, 28, 28), "{b:?}");
        assert_eq!(b.checked, Some(false), "{b:?}");
    }

    #[test]
    fn a_tick_reads_ticked_and_a_speck_is_doubtful() {
        // A cross: two strokes through the centre.
        let b = the_box(&page_with_box(28, 2, &[Rect::new(106, 52, 16, 4), Rect::new(112, 46, 4, 16)]));
        assert_eq!(b.checked, Some(true), "{b:?}");
        assert!(!b.doubtful(), "{b:?}");
        // A speck inside: near the threshold either way, a person looks.
        let b = the_box(&page_with_box(28, 2, &[Rect::new(112, 52, 3, 3)]));
        assert!(b.doubtful(), "{b:?}");
    }

    /// A white page at 204 dpi, 1700 wide, with empty squares (frame 2) at `(x, y, side)`.
    fn page_with_squares(squares: &[(i32, i32, i32)]) -> PreparedPage {
        let (w, h) = (1700, 700);
        let mut gray = vec![255u8; (w * h) as usize];
        for &(x, y, side) in squares {
            for yy in y..y + side {
                for xx in x..x + side {
                    if yy < y + 2 || yy >= y + side - 2 || xx < x + 2 || xx >= x + side - 2 {
                        gray[(yy * w + xx) as usize] = 0;
                    }
                }
            }
        }
        PreparedPage::unrotated(gray, w, h, 204)
    }

    fn column_of(squares: &[(i32, i32, i32)], expected: usize) -> Vec<(i32, i32)> {
        let page = page_with_squares(squares);
        let column = Squares::measure(&page).column(Rect::new(0, 0, 400, 700), expected);
        column.iter().map(|s| (s.bbox.x, s.bbox.y)).collect()
    }

    #[test]
    fn a_small_square_above_the_column_is_not_one_of_its_boxes() {
        // A letter's bowl read as a 20-pixel square over the column of 28-pixel boxes: it would end the
        // typed fields there and shift every box by one.
        let found = column_of(&[(135, 40, 20), (126, 200, 28), (126, 260, 28), (126, 320, 28), (126, 380, 28)], 4);
        assert_eq!(found, [(126, 200), (126, 260), (126, 320), (126, 380)]);
    }

    #[test]
    fn an_option_box_right_of_the_column_is_left_out_and_a_cancel_box_left_of_it_kept() {
        let column = [(153, 40, 27), (153, 100, 27), (153, 160, 27), (153, 220, 27), (153, 280, 27)];
        let mut squares = column.to_vec();
        // "[X] ICE or [ ] CBP" inside a bullet under the column; the cancel box further out in the margin.
        squares.extend([(170, 400, 27), (131, 520, 27)]);
        let found = column_of(&squares, 6);
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(!found.contains(&(170, 400)) && found.contains(&(131, 520)), "{found:?}");
    }

    #[test]
    fn an_option_box_right_of_the_column_does_not_stand_in_for_a_missing_column_box() {
        // Five column boxes, the third not found (a cross and a dark threshold broke its frame), and the
        // "[X] ICE" box under the column: counted in, it made up the six and every box under the gap took
        // the option of the one above it (the statements box read as the biometric one).
        let squares = [(153, 40, 27), (153, 100, 27), (153, 220, 27), (153, 280, 27), (170, 400, 27), (131, 520, 27)];
        let found = column_of(&squares, 6);
        assert!(!found.contains(&(170, 400)), "{found:?}");
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn a_box_whose_sides_stand_above_its_top_edge_is_found() {
        // Standard resolution, rows stretched: both sides begin three rows (a scan line and a half) above
        // the top edge they meet.
        let mut page = page_with_box(28, 2, &[]);
        let w = page.width;
        for x in 102..126 {
            for y in [40, 41, 42] {
                page.gray[(y * w + x) as usize] = 255;
            }
            for y in [43, 44] {
                page.gray[(y * w + x) as usize] = 0;
            }
        }
        let b = the_box(&page);
        assert_eq!((b.bbox.x, b.bbox.y, b.bbox.h), (100, 40, 28), "{b:?}");
        assert_eq!(b.checked, Some(false), "{b:?}");
    }

    #[test]
    fn an_open_sided_box_whose_tick_rises_over_one_side_is_found_ticked() {
        // Standard resolution: the thin top and bottom edges lost between scan lines ("| |"), and the
        // tick's stroke rising from inside the box across its right side, which runs 8 pixels higher.
        let mut page = page_with_box(28, 2, &[]);
        let w = page.width;
        for y in [40, 41, 66, 67] {
            for x in 102..126 {
                page.gray[(y * w + x) as usize] = 255;
            }
        }
        // The tick: a short stroke down to (112, 62), then a long one up to (130, 28).
        for y in 54..64 {
            let x = 106 + (y - 54) * 6 / 10;
            for xx in x..x + 3 {
                page.gray[(y * w + xx) as usize] = 0;
            }
        }
        for y in 28..64 {
            let x = 130 - (y - 28) / 2;
            for xx in x..x + 3 {
                page.gray[(y * w + xx) as usize] = 0;
            }
        }
        let all = Rect::new(0, 0, page.width, page.height);
        let squares = Squares::measure(&page);
        assert!(squares.inside(all, false).is_empty());
        let found = squares.inside(all, true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].bbox.x, found[0].bbox.y, found[0].bbox.h), (100, 40, 28), "{found:?}");
        assert_eq!(found[0].checked, Some(true), "{found:?}");
    }

    #[test]
    fn ink_run_over_the_box_from_the_margin_is_doubtful() {
        // A stamp's strokes over the margin beside the box and into it.
        let b = the_box(&page_with_box(28, 2, &[Rect::new(70, 50, 40, 6)]));
        assert!(b.beside > OBSCURED && b.doubtful(), "{b:?}");
    }
}
