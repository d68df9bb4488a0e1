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
    // Columns left to right: the last one that holds an edge is the right box's left edge (its inner side).
    // A run over all the rows looked at is no box's: the boxes stand below the lines above them (the
    // subject's identifiers); a scanner's streak runs down the whole page, and taken for an edge it would
    // cut those lines in two.
    let whole = |s: i32, e: i32| s <= y0 + bridge && e >= y1 - bridge;
    // A box's left edge turns right at its ends into the box's top and bottom sides; a streak broken by
    // the scan's dropouts ends anywhere. One corner is enough: a fax line may take the other.
    let reach = page.dpi / 2;
    let side_from = |x: i32, y: i32| {
        (y - bridge..=y + bridge)
            .any(|yy| (x..x + reach).filter(|&xx| page.is_dark(xx, yy)).count() as i32 * 10 >= reach * 8)
    };
    (page.width / 3..page.width * 2 / 3).rev().find_map(|x| {
        let (s, e) = longest(x);
        let cornered = side_from(x, s) || side_from(x, e - 1);
        (e - s >= min_run && !whole(s, e) && cornered).then_some((x, s, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::bands::tests::strokes;
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
        let p = PreparedPage::unrotated(gray.clone(), 800, 600, 200);
        assert_eq!(right_box(&p, 50, 400), Some((411, 100, 301)));
        // Lines of text and one box spanning the page have no inner edges.
        let one = PreparedPage::unrotated(strokes(&[(130, 150, 70, 700)]), 800, 600, 200);
        assert_eq!(right_box(&one, 50, 400), None);
        // An edge dropped for two rows by the fax line still counts whole.
        let mut broken = gray;
        for y in [200, 201] {
            broken[(y * w + 410) as usize] = 255;
            broken[(y * w + 411) as usize] = 255;
        }
        let p = PreparedPage::unrotated(broken, 800, 600, 200);
        assert_eq!(right_box(&p, 50, 400), Some((411, 100, 301)));
    }

    #[test]
    fn a_streak_down_the_page_is_no_box_edge() {
        // Lines of text without boxes, and a scanner's streak through them from top to bottom.
        let mut gray = strokes(&[(130, 150, 70, 700), (170, 190, 70, 700)]);
        for y in 0..600 {
            gray[y * 800 + 500] = 0;
        }
        let p = PreparedPage::unrotated(gray.clone(), 800, 600, 200);
        assert_eq!(right_box(&p, 50, 400), None);
        // Broken by dropouts into pieces, each still long enough for an edge: no box's sides meet them.
        for y in [120, 121, 260, 261] {
            gray[y * 800 + 500] = 255;
        }
        let p = PreparedPage::unrotated(gray, 800, 600, 200);
        assert_eq!(right_box(&p, 50, 400), None);
    }
}
