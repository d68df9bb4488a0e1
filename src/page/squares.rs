//! Printed checkbox squares found on the image: where they are and whether they hold a mark.

use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;

/// A checkbox's state: None when the printed box could not be found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BoxState {
    pub checked: Option<bool>,
    pub bbox: Rect,
    pub ink: f32,
}

/// Finds printed checkbox squares inside `region`: pairs of straight horizontal edges of equal span whose
/// ends are joined by vertical edges, about a capital letter's size or a little more. Returns each square
/// (outermost where thick lines give several) with the ink inside its frame, top to bottom.
fn find_squares(page: &PreparedPage, region: Rect, open_sided: bool) -> Vec<BoxState> {
    let Some(r) = region.clamp(page.width, page.height) else { return Vec::new() };
    let (smin, smax) = ((page.dpi as f32 * 0.095) as i32, (page.dpi as f32 * 0.24) as i32);
    // Horizontal dark runs of a plausible edge length, as (y, x0, x1). (Rows are scanned as slices of the
    // page: this runs over a fifth of every form page, twice when squares are missing.)
    let mut runs = Vec::new();
    let row_of = |y: i32| &page.gray[(y * page.width + r.x) as usize..(y * page.width + r.right()) as usize];
    for y in r.y..r.bottom() {
        let row = row_of(y);
        let mut x = 0;
        while x < row.len() {
            if row[x] < 128 {
                let x0 = x;
                while x < row.len() && row[x] < 128 {
                    x += 1;
                }
                let len = (x - x0) as i32;
                if len >= smin && len <= smax {
                    runs.push((y, r.x + x0 as i32, r.x + x as i32 - 1));
                }
            }
            x += 1;
        }
    }
    // Rows going up from `y` in which one of the columns `x-1..=x+1` is inked.
    let rise = |x: i32, y: i32| {
        let mut n = 0;
        while n < smax * 2 && (x - 1..=x + 1).any(|xx| page.is_dark(xx, y - n)) {
            n += 1;
        }
        n
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
        if row_ink(yt + 1, x0, x1) * 10 < w * 7 {
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
        let h = b0 - t0 + 1;
        for &(xr, t1, b1) in &bars[i + 1..] {
            let w = xr - xl + 1;
            if w * 10 > h * 13 {
                break;
            }
            if w * 10 < h * 7 || (t1 - t0).abs() > 3 || (b1 - b0).abs() > 3 {
                continue;
            }
            let sq = Rect::new(xl, t0.min(t1), w, b0.max(b1) - t0.min(t1) + 1);
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
    squares
        .into_iter()
        .map(|q| {
            // Inside the frame, clear of its edges' thickness.
            let m = (q.w / 5).max(3);
            let inner = Rect::new(q.x + m, q.y + m, q.w - 2 * m, q.h - 2 * m);
            let ink = page.ink(inner);
            BoxState { checked: Some(ink > 0.05), bbox: q, ink }
        })
        .collect()
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
        let closed = self.inside(region, false);
        if closed.len() == expected || closed.is_empty() {
            return closed;
        }
        let (x0, x1) = closed.iter().fold((i32::MAX, i32::MIN), |(a, b), s| (a.min(s.bbox.x), b.max(s.bbox.x)));
        let tolerance = closed.iter().map(|s| s.bbox.w).max().unwrap_or(0) / 2;
        let open: Vec<BoxState> = self
            .inside(region, true)
            .into_iter()
            .filter(|s| s.bbox.x >= x0 - tolerance && s.bbox.x <= x1 + tolerance)
            .collect();
        if open.len() == expected {
            open
        } else {
            closed
        }
    }
}
