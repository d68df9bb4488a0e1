//! Where the text lines of a page are, from its ink alone (no OCR), and OCR zones cut between them.
//!
//! Zonal OCR is only cheap when a zone holds whole lines: a zone whose edge cuts through a paragraph makes
//! Tesseract chew on half-height glyphs (measured: a 17% band cutting a notice's paragraph cost 2.7 s, the
//! whole page 3.5 s). So zones are built from *bands*: runs of rows holding several short dark runs (glyph
//! strokes), separated by white rows. Long horizontal runs (rules, box edges) do not make a row a text row;
//! the two or four vertical edges of a box do not either.

use crate::page::geometry::Rect;
use crate::page::prepare::PreparedPage;

/// A horizontal band of text rows, `y0..y1` (end exclusive), with the x extent of its ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub y0: i32,
    pub y1: i32,
    pub x0: i32,
    pub x1: i32,
    /// Columns holding glyph strokes: how much of the width the line's text fills. Unlike the extent,
    /// it is not stretched by a speck in each margin, and word and field gaps do not count.
    pub ink_cols: i32,
    /// The extent of the line itself: `x0..x1` less specks and edge lines standing apart at either end
    /// (a scanner's dark margin, a box's side), which stretch the extent of the rows they cross.
    pub core: (i32, i32),
    /// The core's length less the field gaps in it (blank runs over three line heights): about what a
    /// squeezed zone of the line spans, so about how much text it holds.
    pub span: i32,
}

impl Band {
    pub fn cy(&self) -> i32 {
        (self.y0 + self.y1) / 2
    }
}

/// Short dark runs a row needs to count as text: more than a box's vertical edges and a speck or two.
const MIN_RUNS: usize = 5;

/// A text band's mean short run is at most dpi / this (20 px at 200 dpi; strokes measure 2-5 px, a bold
/// title's 8-10; pieces of a broken rule 15-30).
const MAX_MEAN_RUN_PER_DPI: f32 = 10.0;
/// A text band's short runs per row, on average (text lines: 18-100; broken rules and box sides: 2-8).
const MIN_RUNS_PER_ROW: f32 = 10.0;

/// The text bands of the page, top to bottom.
pub fn text_bands(page: &PreparedPage) -> Vec<Band> {
    let (w, h) = (page.width, page.height);
    // A glyph stroke is far shorter than this; a rule or a box's top edge far longer.
    let max_run = (page.dpi / 4).max(8);
    // Per row: the x extent of its short runs, their number and total length.
    let mut counted: Vec<(i32, i32, usize, usize)> = Vec::with_capacity(h as usize);
    for y in 0..h {
        let row = &page.gray[(y * w) as usize..((y + 1) * w) as usize];
        let (mut runs, mut inked, mut first, mut last) = (0usize, 0usize, i32::MAX, 0);
        for (x0, x1) in short_runs(row, max_run) {
            runs += 1;
            inked += x1 - x0;
            first = first.min(x0 as i32);
            last = x1 as i32;
        }
        counted.push((first, last, runs, inked));
    }
    let min_runs = MIN_RUNS + noise_floor(&counted);
    let rows: Vec<Option<(i32, i32, usize, usize)>> =
        counted.into_iter().map(|r| (r.2 >= min_runs).then_some(r)).collect();
    // Rows → bands; a gap of a row or two inside a line (between a lowercase body and its dots) is bridged.
    let bridge = (page.dpi / 100).max(2);
    let min_height = (page.dpi / 30).max(4);
    let mut bands: Vec<Band> = Vec::new();
    let mut y = 0;
    while y < h {
        let Some((x0, x1, r0, i0)) = rows[y as usize] else {
            y += 1;
            continue;
        };
        let mut band = Band { y0: y, y1: y + 1, x0, x1, ink_cols: 0, core: (x0, x1), span: 0 };
        let (mut runs, mut inked) = (r0, i0);
        let mut gap = 0;
        y += 1;
        while y < h && gap <= bridge {
            match rows[y as usize] {
                Some((a, b, r, i)) => {
                    band.y1 = y + 1;
                    band.x0 = band.x0.min(a);
                    band.x1 = band.x1.max(b);
                    runs += r;
                    inked += i;
                    gap = 0;
                }
                None => gap += 1,
            }
            y += 1;
        }
        // A line of text crosses dozens of strokes a row (bold titles too, though theirs are long); a rule
        // broken up by a poor line, a dashed edge or a box's sides with specks, only a few, and long ones.
        // Such a band costs Tesseract up to a second and yields nothing.
        let height = band.y1 - band.y0;
        let mean_run = inked as f32 / runs.max(1) as f32;
        let per_row = runs as f32 / height as f32;
        if height >= min_height && per_row >= MIN_RUNS_PER_ROW && mean_run <= page.dpi as f32 / MAX_MEAN_RUN_PER_DPI {
            (band.ink_cols, band.core, band.span) = ink_columns(page, &band, max_run);
            bands.push(band);
        }
    }
    bands
}

/// Short runs a row has with no text on it: what specks and vertical streaks put in every row of a
/// wrecked scan (on clean pages 0). Taken where the page's blank rows are, among the fewest-run rows: the
/// space between lines is a third of a form's rows or more.
fn noise_floor(rows: &[(i32, i32, usize, usize)]) -> usize {
    let mut runs: Vec<usize> = rows.iter().map(|r| r.2).collect();
    let at = runs.len() * NOISE_PERCENTILE / 100;
    if at >= runs.len() {
        return 0;
    }
    *runs.select_nth_unstable(at).1
}

/// The share of a page's rows (percent) at or below which its noise floor is taken.
const NOISE_PERCENTILE: usize = 20;

/// The dark runs of a row (`x0..x1`, pixels under 128) no longer than `max_run`: glyph strokes, not rules.
fn short_runs(row: &[u8], max_run: i32) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut x = 0;
    std::iter::from_fn(move || {
        while x < row.len() {
            // Paper a block at a time: most of a page is white, and the minimum of a block vectorises.
            while x + 32 <= row.len() && row[x..x + 32].iter().fold(255u8, |m, &v| m.min(v)) >= 128 {
                x += 32;
            }
            if x < row.len() && row[x] < 128 {
                let x0 = x;
                while x < row.len() && row[x] < 128 {
                    x += 1;
                }
                if (x - x0) as i32 <= max_run {
                    return Some((x0, x));
                }
            }
            x += 1;
        }
        None
    })
}

/// Marks in `inked` (one flag per column of `x0..`) the columns that rows `y0..y1` of `page` hold part of
/// a short dark run in (a glyph stroke, not a rule).
pub(crate) fn mark_strokes(page: &PreparedPage, (y0, y1): (i32, i32), x0: usize, inked: &mut [bool], max_run: i32) {
    let w = page.width as usize;
    for y in y0..y1 {
        let row = &page.gray[y as usize * w + x0..y as usize * w + x0 + inked.len()];
        for (a, b) in short_runs(row, max_run) {
            inked[a..b].iter_mut().for_each(|c| *c = true);
        }
    }
}

/// How many columns of `band` hold part of a short dark run (a glyph stroke, not a rule), and the band's
/// core extent (see [`Band::core`]): a cluster of inked columns at either end, narrower than half the line's
/// height and further than three heights from the rest, is not part of the line; and its span (see
/// [`Band::span`]), the core's clusters' widths summed.
fn ink_columns(page: &PreparedPage, band: &Band, max_run: i32) -> (i32, (i32, i32), i32) {
    let mut inked = vec![false; page.width as usize];
    mark_strokes(page, (band.y0, band.y1), 0, &mut inked, max_run);
    let count = inked.iter().filter(|c| **c).count() as i32;
    // Clusters of inked columns: (first, last + 1, inked columns).
    let height = band.y1 - band.y0;
    let mut clusters: Vec<(i32, i32, i32)> = Vec::new();
    for (x, _) in inked.iter().enumerate().filter(|(_, c)| **c) {
        let x = x as i32;
        match clusters.last_mut() {
            Some(c) if x - c.1 <= 3 * height => {
                c.1 = x + 1;
                c.2 += 1;
            }
            _ => clusters.push((x, x + 1, 1)),
        }
    }
    let speck = |c: &(i32, i32, i32)| c.2 * 2 < height;
    let (mut a, mut b) = (0, clusters.len());
    while b - a > 1 && speck(&clusters[a]) {
        a += 1;
    }
    while b - a > 1 && speck(&clusters[b - 1]) {
        b -= 1;
    }
    if a >= b {
        return (count, (band.x0, band.x1), band.x1 - band.x0);
    }
    let span = clusters[a..b].iter().map(|c| c.1 - c.0).sum();
    (count, (clusters[a].0, clusters[b - 1].1), span)
}

/// How far a zone reaches past its lines' ink, at most.
pub(crate) const ZONE_PAD: i32 = 12;

/// The zone covering `bands` (consecutive), padded into the white gaps around them by at most half of each
/// gap so that no neighbouring line is cut. It spans the bands' ink, not the page's width: a dark page
/// edge or a scanner's black margin inside a zone of one line makes Tesseract read the line as one blob.
pub fn zone(all: &[Band], range: std::ops::Range<usize>, width: i32, height: i32) -> Option<Rect> {
    let (first, last) = (all.get(range.start)?, all.get(range.end.checked_sub(1)?)?);
    if range.is_empty() {
        return None;
    }
    let pad_cap = ZONE_PAD;
    let above = if range.start == 0 { first.y0 } else { first.y0 - all[range.start - 1].y1 };
    let below = all.get(range.end).map_or(height - last.y1, |b| b.y0 - last.y1);
    let y0 = first.y0 - (above / 2).min(pad_cap);
    let y1 = last.y1 + (below / 2).min(pad_cap);
    let x0 = all[range.clone()].iter().map(|b| b.x0).min()? - pad_cap;
    let x1 = all[range].iter().map(|b| b.x1).max()? + pad_cap;
    Rect::new(x0, y0, x1 - x0, y1 - y0).clamp(width, height)
}

/// A line of running text fills more than this share of the page's columns with strokes (measured on fine
/// pages: paragraph lines 0.53-0.65, titles 0.25-0.36, labelled rows 0.2-0.48, a typed name under 0.3).
const RUNNING_TEXT_FILL: f32 = 0.5;
/// Or, set in a light or thin face, whose strokes fill as little as 0.3: it runs across much of the page
/// (its core over this share of the width) and is long for its height. Measured on 3,300 lines of 40
/// generated faxes: titles span at most 48 line heights (bold ones, set in capitals without descenders),
/// paragraph lines of 80 characters and more 40-60 heights and more; of the lines over 50 heights, none
/// but one boxed label row is a short line.
const RUNNING_TEXT_EXTENT: f32 = 0.5;
const RUNNING_TEXT_HEIGHTS: i32 = 50;

/// Whether `band` is a line of running text: its strokes fill most of the page's width, or it runs across
/// much of the page for 50 line heights and more. Titles, labelled rows and typed names do neither. (Type size
/// alone tells little: pages are faxed reduced and enlarged, and a specked margin stretches a line's
/// extent, not its fill or its span.)
pub fn is_running_text(band: &Band, page_width: i32) -> bool {
    let (w, height) = (page_width as f32, band.y1 - band.y0);
    band.ink_cols as f32 > RUNNING_TEXT_FILL * w
        || ((band.core.1 - band.core.0) as f32 >= RUNNING_TEXT_EXTENT * w && band.span >= RUNNING_TEXT_HEIGHTS * height)
}

/// A band taller than this (in inches) is no line of type: a block whose rows all cross text.
const BLOCK_INCHES: f32 = 1.0;
/// The share of the page's height such blocks cover on a page fed sideways.
const SIDEWAYS_SHARE: f32 = 0.4;

/// Whether the page's text runs down it rather than across: a page fed sideways has its lines vertical,
/// so every row of its text block crosses them and the block is one band inches tall. On blindfax seed
/// 73's pages (18 documents fed sideways or upside down, 30 upright) bands over an inch covered 0.43-0.60
/// of each sideways page's height and at most 0.10 of any other's. Reading such a band costs 1.5-3.5 s of
/// OCR for nothing, so the page's orientation is asked first (see `plan::analyze`).
pub fn looks_sideways(bands: &[Band], page_height: i32, dpi: i32) -> bool {
    let tall = (BLOCK_INCHES * dpi as f32) as i32;
    let covered: i32 = bands.iter().map(|b| b.y1 - b.y0).filter(|&h| h > tall).sum();
    page_height > 0 && covered as f32 >= SIDEWAYS_SHARE * page_height as f32
}

/// A centred heading starts at least this share of the page's width right of the other lines' margin,
/// and its centre lies within `HEADING_SLACK` of theirs (measured on I-247A/D pages: agency lines, titles
/// and "MAINTAIN CUSTODY..." start 0.2-0.3 of the width in, centred within 0.01).
const HEADING_INDENT: f32 = 0.12;
const HEADING_SLACK: f32 = 0.04;

/// Which of `bands` are headings centred between the margins of `body` (the page's lines, which run from
/// margin to margin): on a form, where typed rows start at the left margin with their printed labels,
/// lines that hold no value.
pub fn centred_headings(bands: &[Band], body: &[Band], page_width: i32) -> Vec<bool> {
    if body.is_empty() {
        return vec![false; bands.len()];
    }
    // The margins most lines keep, not the outermost ink: one band stretched by a scanner's dark edge or
    // a speck would move the centre off the headings. Most lines start at the left margin, so a low
    // quartile finds it; only the long ones reach the right margin (labelled rows, a box's short lines
    // and the last lines of paragraphs end short of it), so it is the ninth decile of the line ends:
    // their upper quartile fell 0.08 of the width short of it on an I-247A, and its headings then were
    // not seen as centred.
    let (mut lefts, mut rights): (Vec<i32>, Vec<i32>) = body.iter().map(|b| b.core).unzip();
    lefts.sort_unstable();
    rights.sort_unstable();
    let (margin, right) = (lefts[lefts.len() / 4], rights[rights.len() * 9 / 10]);
    let centre = (margin + right) / 2;
    let (indent, slack) = ((HEADING_INDENT * page_width as f32) as i32, (HEADING_SLACK * page_width as f32) as i32);
    bands
        .iter()
        .map(|&Band { core: (x0, x1), .. }| x0 - margin >= indent && ((x0 + x1) / 2 - centre).abs() <= slack)
        .collect()
}

/// Index ranges of `bands` whose centres lie in `y0..y1`.
pub fn within(bands: &[Band], y0: i32, y1: i32) -> std::ops::Range<usize> {
    let start = bands.iter().position(|b| b.cy() >= y0).unwrap_or(bands.len());
    let end = bands.iter().rposition(|b| b.cy() < y1).map_or(start, |i| (i + 1).max(start));
    start..end
}

/// The band that holds row `y`, if any.
pub fn containing(bands: &[Band], y: i32) -> Option<usize> {
    bands.iter().position(|b| b.y0 <= y && y < b.y1)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A white 800 x 600 page at 200 dpi with strokes (3 columns in 10) over each `(y0, y1, x0, x1)`.
    pub(crate) fn strokes(blocks: &[(i32, i32, i32, i32)]) -> Vec<u8> {
        let (w, h) = (800, 600);
        let mut gray = vec![255u8; (w * h) as usize];
        for &(y0, y1, x0, x1) in blocks {
            for y in y0..y1 {
                for x in (x0..x1).filter(|x| x % 10 < 3) {
                    gray[(y * w + x) as usize] = 0;
                }
            }
        }
        gray
    }

    /// A white page with black "text lines" of short strokes at the given rows, a long rule, and a box's
    /// two vertical edges running down the whole page.
    fn page(lines: &[(i32, i32)], rule_at: i32) -> PreparedPage {
        let (w, h) = (800, 600);
        let mut gray = vec![255u8; (w * h) as usize];
        for &(y0, y1) in lines {
            for y in y0..y1 {
                for x in (100..700).filter(|x| x % 10 < 3) {
                    gray[(y * w + x) as usize] = 0;
                }
            }
        }
        for x in 50..750 {
            gray[(rule_at * w + x) as usize] = 0;
        }
        for y in 0..h {
            for x in [20, 21, 780, 781] {
                gray[(y * w + x) as usize] = 0;
            }
        }
        PreparedPage::unrotated(gray, w, h, 200)
    }

    #[test]
    fn bands_are_text_lines_not_rules_or_box_edges() {
        let p = page(&[(40, 60), (80, 100), (300, 330)], 200);
        let b = text_bands(&p);
        assert_eq!(b.iter().map(|b| (b.y0, b.y1)).collect::<Vec<_>>(), vec![(40, 60), (80, 100), (300, 330)]);
        // The ink extent takes in the box's edges on those rows: a zone keeps a box's lines whole.
        assert_eq!((b[0].x0, b[0].x1), (20, 782));
        // Its strokes fill 3 columns in 10 over 100..700, plus the box's two 2-column edges.
        assert_eq!(b[0].ink_cols, 180 + 4);
        // The line itself, without the box's edges standing apart from it.
        assert_eq!(b[0].core, (100, 693));
        // The zone over the first two lines stops halfway into the gap before the third.
        let z = zone(&b, 0..2, 800, 600).unwrap();
        assert_eq!((z.x, z.y, z.right(), z.bottom()), (8, 28, 794, 112));
        assert_eq!(within(&b, 0, 150), 0..2);
        assert_eq!(within(&b, 150, 600), 2..3);
        assert!(zone(&b, 1..1, 800, 600).is_none());
        assert_eq!(containing(&b, 85), Some(1));
        assert_eq!(containing(&b, 150), None);
        // Strokes fill 3 columns in 10 of three quarters of the page: not running text.
        assert!(!is_running_text(&b[0], 800));
        assert!(is_running_text(&b[0], 300));
    }

    #[test]
    fn specks_and_streaks_in_every_row_do_not_join_the_lines() {
        let mut p = page(&[(40, 60), (80, 100), (300, 330)], 200);
        // A wrecked scan: six vertical streaks down the whole page and a speck every few rows between
        // them, so every row holds more short runs than a box's edges and a speck or two.
        for y in 0..p.height {
            for x in [150, 260, 390, 455, 520, 640] {
                p.gray[(y * p.width + x + y % 3) as usize] = 0;
            }
            if y % 3 == 0 {
                p.gray[(y * p.width + 730 - y % 50) as usize] = 0;
            }
        }
        let b = text_bands(&p);
        assert_eq!(b.iter().map(|b| (b.y0, b.y1)).collect::<Vec<_>>(), vec![(40, 60), (80, 100), (300, 330)]);
    }

    #[test]
    fn a_page_of_vertical_lines_looks_sideways_and_one_of_text_lines_does_not() {
        // Text turned a quarter: lines 20 px wide running down the page, 30 px apart, over rows 100-400 of
        // 600 (1.5 inches at 200 dpi, half the page's height).
        let mut gray = vec![255u8; 800 * 600];
        for y in 100..400 {
            for x in (100..700).filter(|x| x % 30 < 20 && x % 3 == 0) {
                gray[y * 800 + x] = 0;
            }
        }
        let turned = PreparedPage::unrotated(gray, 800, 600, 200);
        let b = text_bands(&turned);
        assert!(looks_sideways(&b, 600, 200), "{:?}", b.iter().map(|b| (b.y0, b.y1)).collect::<Vec<_>>());
        // The same block a third as tall (100 rows: half an inch) is a few merged lines, no page's text.
        assert!(!looks_sideways(&[Band { y1: 200, ..b[0] }], 600, 200));
        let upright = page(&[(40, 60), (80, 100), (300, 330)], 200);
        assert!(!looks_sideways(&text_bands(&upright), 600, 200));
        assert!(!looks_sideways(&[], 0, 200));
    }

    #[test]
    fn centred_headings_hold_when_most_lines_end_short() {
        let band = |x0, x1| Band { y0: 0, y1: 10, x0, x1, ink_cols: x1 - x0, core: (x0, x1), span: x1 - x0 };
        // Line cores of an I-247A page as measured (fine, 1728 wide): boxed rows, the name row and most
        // checkbox options end well short of the right margin (1621-1636).
        let cores = [
            (49, 1070),
            (651, 1176),
            (525, 1301),
            (168, 1297),
            (169, 1216),
            (167, 1378),
            (166, 1463),
            (166, 1254),
            (167, 1287),
            (439, 1387),
            (168, 689),
            (169, 1516),
            (168, 1580),
            (168, 377),
            (186, 602),
            (186, 818),
            (187, 1577),
            (233, 1539),
            (186, 1621),
            (234, 860),
            (167, 1336),
            (186, 1581),
            (234, 818),
            (168, 711),
            (180, 1636),
            (209, 1586),
            (209, 448),
            (180, 1636),
            (209, 505),
            (179, 1099),
        ];
        let body: Vec<Band> = cores.iter().map(|&(a, b)| band(a, b)).collect();
        // The agency line, the title and "MAINTAIN CUSTODY..." are headings; the ID rows are not.
        let top = [body[1], body[2], body[3], body[4], body[9]];
        assert_eq!(centred_headings(&top, &body, 1728), vec![true, true, false, false, true]);
    }

    #[test]
    fn running_text_is_told_by_fill_or_by_length() {
        let line = |x0: i32, x1: i32, ink_cols, span| Band { y0: 0, y1: 15, x0, x1, ink_cols, core: (x0, x1), span };
        // A paragraph line in a regular face fills over half the width.
        assert!(is_running_text(&line(99, 1604, 1000, 1480), 1728));
        // The same line in a thin face fills 0.32 of it, yet runs 98 line heights across the page.
        assert!(is_running_text(&line(99, 1604, 553, 1470), 1728));
        // A title across 0.71 of the width, 48 heights long, and a labelled row across the page whose field
        // gaps leave 30 heights of text are not. (A bold title may fill as much as a paragraph line: the
        // title step reads such lines after the short ones.)
        assert!(!is_running_text(&line(250, 1477, 700, 720), 1728));
        assert!(!is_running_text(&line(99, 1604, 520, 450), 1728));
        // A court notice's last paragraph line: 0.61 of the width, 59 heights.
        assert!(is_running_text(&line(99, 1159, 700, 885), 1728));
    }

    #[test]
    fn centred_headings_are_told_from_typed_rows() {
        let band = |x0, x1| Band { y0: 0, y1: 10, x0, x1, ink_cols: x1 - x0, core: (x0, x1), span: x1 - x0 };
        // An I-247A's top as measured on a fine page: agency line, title, two ID rows, the custody
        // instruction, the name row.
        let rows =
            [band(651, 1176), band(525, 1301), band(168, 1297), band(169, 1216), band(439, 1387), band(168, 689)];
        // The page's lines: those, a boxed row and a footer from margin to margin.
        let body = [&rows[..], &[band(166, 1659), band(167, 1660)]].concat();
        assert_eq!(centred_headings(&rows, &body, 1728), vec![true, true, false, false, true, false]);
        // One line stretched to the page's edges by a scanner's dark margin does not move the centre,
        // and a title stretched by a speck in the margin is still a title.
        let stretched = [&body[..], &[band(0, 1728)]].concat();
        assert_eq!(centred_headings(&rows, &stretched, 1728), vec![true, true, false, false, true, false]);
        let specked = Band { x0: 13, ..rows[0] };
        assert_eq!(centred_headings(&[specked], &body, 1728), vec![true]);
        // A short line indented but not centred (a continuation) is a row.
        assert_eq!(centred_headings(&[band(400, 700)], &body, 1728), vec![false]);
        // Nothing to measure the margins on: nothing is taken for a heading.
        assert_eq!(centred_headings(&rows[..1], &[], 1728), vec![false]);
    }
}
