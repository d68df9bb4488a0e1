//! Boxes printed side by side, found by their edges on the image.

use crate::page::prepare::PreparedPage;

/// A vertical rule is a box's edge when it runs this many line heights (a box of two typed lines and its
/// label is five or more; a tall letter or a stroke of a signature, one or two).
const MIN_EDGE_LINES: i32 = 4;

/// The right one of two boxes standing side by side between `y0` and `y1`, found by their edges: the
/// x where it begins (its left edge) and the rows its edges span. Long vertical dark runs in the middle
/// third of the page are the inner edges of the pair; the right-most is the right box's.
pub fn right_box(page: &PreparedPage, y0: i32, y1: i32) -> Option<(i32, i32, i32)> {
    let (y0, y1) = (y0.max(0), y1.min(page.height));
    let min_run = MIN_EDGE_LINES * (page.dpi / 6).max(8);
    // A fax line drops a row or two of an edge now and then.
    let bridge = (page.dpi / 100).max(2);
    let longest = |x: i32| {
        let (mut best, mut start, mut last) = ((0, 0), None, 0);
        for y in y0..y1 {
            if !page.is_dark(x, y) {
                continue;
            }
            match start {
                Some(s) if y - last <= bridge + 1 => {
                    if y + 1 - s > best.1 - best.0 {
                        best = (s, y + 1);
                    }
                }
                _ => start = Some(y),
            }
            last = y;
        }
        best
    };
    // A box's edge spans its box: below the lines above the boxes (the subject's identifiers), above the
    // rows under them, a tenth of the page. A scanner's streak runs down the whole page, broken here and
    // there (dropouts, a light scan): a run that reaches either end of the rows looked at, or a column
    // inked over a quarter of the page's height, is one. Taken for an edge, a streak cuts the lines above
    // the boxes, or the rows under them, in two.
    // A streak is drawn on the page as received: once the page is deskewed it leans by the skew corrected
    // (1.2 degrees moved one across 3 px every 150 rows, so no column held a quarter of it), and it is
    // followed along that lean through the run found, each way, as well as straight down.
    let lean = page.skew.to_radians().tan();
    let leans: &[f32] = if lean == 0.0 { &[0.0] } else { &[0.0, lean, -lean] };
    let streak = |x: i32, (s, e): (i32, i32)| {
        let mid = (s + e) / 2;
        leans.iter().any(|&k| {
            let at = |y: i32| x + ((y - mid) as f32 * k).round() as i32;
            let inked = (0..page.height).filter(|&y| (at(y) - 1..=at(y) + 1).any(|xx| page.is_dark(xx, y))).count();
            inked as i32 * 4 > page.height
        })
    };
    let reaches_an_end = |s: i32, e: i32| s <= y0 + bridge || e >= y1 - bridge;
    // Columns left to right: the last one that holds an edge is the right box's left edge (its inner side).
    (page.width / 3..page.width * 2 / 3).rev().find_map(|x| {
        let (s, e) = longest(x);
        (e - s >= min_run && !reaches_an_end(s, e) && !streak(x, (s, e))).then_some((x, s, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::bands::tests::strokes;

    /// `gray` (800 x 600, the top of a page) on a whole page of 2000 rows, as the boxes stand on a form.
    fn on_a_page(mut gray: Vec<u8>) -> PreparedPage {
        gray.resize(800 * 2000, 255);
        PreparedPage::unrotated(gray, 800, 2000, 200)
    }

    #[test]
    fn the_right_box_of_a_pair_is_found_by_its_edges() {
        // Two boxes side by side, rows 100..300: x 50..390 and 410..750, typed lines in both.
        let mut gray = strokes(&[(130, 150, 70, 300), (130, 150, 430, 700), (170, 190, 70, 250), (170, 190, 430, 650)]);
        let w = 800;
        for y in 100..300 {
            for x in [50, 51, 389, 390, 410, 411, 749, 750] {
                gray[(y * w + x) as usize] = 0;
            }
        }
        for x in (50..391).chain(410..751) {
            for y in [100, 300] {
                gray[(y * w + x) as usize] = 0;
            }
        }
        let p = on_a_page(gray.clone());
        assert_eq!(right_box(&p, 50, 400), Some((411, 100, 301)));
        // Lines of text and one box spanning the page have no inner edges.
        let one = on_a_page(strokes(&[(130, 150, 70, 700)]));
        assert_eq!(right_box(&one, 50, 400), None);
        // An edge dropped for two rows by the fax line still counts whole.
        let mut broken = gray;
        for y in [200, 201] {
            broken[(y * w + 410) as usize] = 255;
            broken[(y * w + 411) as usize] = 255;
        }
        let p = on_a_page(broken);
        assert_eq!(right_box(&p, 50, 400), Some((411, 100, 301)));
    }

    #[test]
    fn a_streak_down_the_page_is_no_box_edge() {
        // Lines of text without boxes, and a scanner's streak through them from top to bottom.
        let mut gray = strokes(&[(130, 150, 70, 700), (170, 190, 70, 700)]);
        gray.resize(800 * 2000, 255);
        for y in 0..2000 {
            gray[y * 800 + 500] = 0;
        }
        let page = |g: &Vec<u8>| PreparedPage::unrotated(g.clone(), 800, 2000, 200);
        assert_eq!(right_box(&page(&gray), 50, 400), None);
        // Broken by dropouts into pieces, one inside the rows looked at: the column is inked down the page.
        for y in [120, 121, 260, 261] {
            gray[y * 800 + 500] = 255;
        }
        assert_eq!(right_box(&page(&gray), 50, 400), None);
        // Light, inked on a tenth of the page only, but running past the rows looked at.
        for y in (0..2000).filter(|y| !(250..450).contains(y)) {
            gray[y * 800 + 500] = 255;
        }
        assert_eq!(right_box(&page(&gray), 50, 400), None);
    }

    #[test]
    fn a_streak_leaning_by_the_skew_corrected_is_no_box_edge() {
        // A streak down the page as received leans once the page is deskewed: a column a pixel over every
        // 140 rows, so no column (nor three side by side) is inked over a quarter of the page, and column
        // 500 holds a run of rows 200..340 inside the rows looked at, as a box edge would.
        let mut gray = strokes(&[(130, 150, 70, 700), (170, 190, 70, 700)]);
        gray.resize(800 * 2000, 255);
        for y in 0..2000i32 {
            let x = 500 + (y - 200).div_euclid(140);
            gray[(y * 800 + x) as usize] = 0;
        }
        let mut page = PreparedPage::unrotated(gray, 800, 2000, 200);
        page.skew = (1.0f32 / 140.0).atan().to_degrees();
        assert_eq!(right_box(&page, 50, 400), None);
        // Taken straight down only, the streak's piece was a box edge.
        page.skew = 0.0;
        assert_eq!(right_box(&page, 50, 400), Some((500, 200, 340)));
    }

    #[test]
    fn a_box_edge_on_a_skewed_page_is_still_found() {
        let mut gray = strokes(&[(130, 150, 70, 300), (130, 150, 430, 700)]);
        for y in 100..300 {
            for x in [389, 390, 410, 411] {
                gray[y * 800 + x] = 0;
            }
        }
        let mut page = on_a_page(gray);
        page.skew = 1.5;
        assert_eq!(right_box(&page, 50, 400), Some((411, 100, 300)));
    }
}
