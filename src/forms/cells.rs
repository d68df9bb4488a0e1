//! Values printed below their labels, in ruled cells: a form set as a grid prints each label small at the
//! top-left of its cell and the typed value under it, cells side by side on one row ("Subject ID:",
//! "Event #:", "File No:", "Date:" over their four values). A cell is found from the labels alone: it runs
//! from its label's left edge to the next label's on the label's row (or the page's edge), down to the
//! next row holding a label. The rules themselves are not needed (a fax often loses them).

use crate::forms::extract::{raw_from, starts_label, RawField};
use crate::forms::labels::LabelHit;
use crate::ocr::lines::{median_height, Line};
use crate::ocr::Word;
use crate::page::geometry::Rect;

/// How far left of its label a cell's value may start, in label heights (typed values are set a little
/// right of the cell's edge, the label at it; deskewing and OCR boxes move either by a few pixels).
const LEFT_SLACK: i32 = 1;
/// How far below its label a cell's value may be, in label heights: a cell holds one or two lines; a
/// value further down belongs to something else.
const MAX_DROP: i32 = 4;

/// The columns of the cell whose label is `hit`: from the label's left edge to where the next label on
/// its row starts, or the page's right edge.
pub(crate) fn cell_columns(line: &Line, hit: &LabelHit, labels: &[String]) -> (i32, i32) {
    let left = line.words[hit.start].bbox.x;
    let right =
        (hit.end..line.words.len()).find(|&j| starts_label(line, j, labels)).map_or(i32::MAX, |j| line.words[j].bbox.x);
    (left, right)
}

/// Whether a line holds a label (of any field) starting within columns `left..right`.
fn has_label_within(line: &Line, (left, right): (i32, i32), labels: &[String]) -> bool {
    (0..line.words.len()).any(|j| {
        let x = line.words[j].bbox.x;
        x + line.words[j].bbox.w > left && x < right && starts_label(line, j, labels)
    })
}

/// The columns a value under the label `hit` may stand in, `unit` a text height: the cell's columns, a
/// little left of the label (typed values are set off the cell's edge, boxes move by a few pixels) and
/// clear of the next label.
fn columns_under(line: &Line, hit: &LabelHit, labels: &[String], unit: i32) -> (i32, i32) {
    let (left, right) = cell_columns(line, hit, labels);
    (left - LEFT_SLACK * unit, right.saturating_sub(unit / 2))
}

/// The value typed under the label `hit` within its cell: the words of the first line below it whose
/// centres lie in the cell's columns, unless that line is the next row of labels.
pub(crate) fn below(lines: &[Line], hit: &LabelHit, labels: &[String], method: &str) -> Option<RawField> {
    let line = &lines[hit.line];
    let label_words = &line.words[hit.start..hit.end];
    let label_h = median_height(&Line { words: label_words.to_vec(), bbox: line.bbox }).max(1);
    let label_bottom = label_words.iter().map(|w| w.bbox.bottom()).max()?;
    let (left, right) = columns_under(line, hit, labels, label_h);
    for l in &lines[hit.line + 1..] {
        if l.bbox.cy() <= label_bottom {
            continue;
        }
        if l.bbox.y > label_bottom + MAX_DROP * label_h {
            return None;
        }
        let inside: Vec<Word> =
            l.words.iter().filter(|w| (left..right).contains(&(w.bbox.x + w.bbox.w / 2))).cloned().collect();
        if inside.is_empty() {
            continue;
        }
        if has_label_within(l, (left, right), labels) {
            return None;
        }
        // A misread label remnant or a rule's speck before the value: the value starts at its first word
        // holding a letter or digit that does not end a label.
        let start =
            inside.iter().position(|w| !w.text.ends_with([':', ';']) && w.text.chars().any(char::is_alphanumeric))?;
        // The value's words stand a space apart: past a gap of several letters is the next cell's value
        // (its label unread) or a speck of the cell's edge.
        let gap = 2 * median_height(&Line { words: inside[start..].to_vec(), bbox: l.bbox });
        let end = (start + 1..inside.len()).find(|&i| inside[i].bbox.x - inside[i - 1].bbox.right() > gap);
        return raw_from(&inside[start..end.unwrap_or(inside.len())], method.to_string());
    }
    None
}

/// How far under its label a cell is read again, in text heights: its one typed line and the space
/// above it, not the next row's labels.
const CELL_DEPTH: i32 = 3;

/// The cell under the label `hit`, where its value is typed: its columns as [`below`] takes them (the last
/// cell of a row runs to the page's edge, where a read is clipped), from under the label `CELL_DEPTH` text
/// heights down. For a second read when the text gave nothing there that reads as the value. Measured in
/// the page's text height, not the label's: a label read together with a rule or the value under it has
/// a box lines high.
pub(crate) fn cell_under(lines: &[Line], hit: &LabelHit, labels: &[String]) -> Option<Rect> {
    let line = &lines[hit.line];
    let label_words = &line.words[hit.start..hit.end];
    let text_h = crate::forms::extract::median(lines.iter().flat_map(|l| l.words.iter().map(|w| w.bbox.h))).max(1);
    let label_bottom = label_words.iter().map(|w| w.bbox.y + w.bbox.h.min(text_h)).max()?;
    let (left, right) = columns_under(line, hit, labels, text_h);
    (right > left).then(|| Rect::new(left, label_bottom + 1, right.saturating_sub(left), CELL_DEPTH * text_h))
}

/// The typed values of a row, left to right: runs of words holding digits (a prefix of capitals typed a
/// space before them included: an A-number's "A", an event number's office code "BOS 2301000123"), a word
/// without one (a label, however misread, or a rule read as "|") or a gap of several letters between two
/// ending a run.
pub(crate) fn values(line: &Line) -> Vec<Vec<Word>> {
    let gap = 2 * median_height(line);
    let digit = |w: &Word| w.text.chars().any(|c| c.is_ascii_digit()) && !w.text.ends_with([':', ';']);
    // Not two letters: a label's last word ("ID", "No") can stand a space before its value.
    let a_prefix = |w: &Word| {
        let t = w.text.trim_matches(|c: char| !c.is_alphanumeric());
        t.eq_ignore_ascii_case("A") || ((3..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()))
    };
    let mut out: Vec<Vec<Word>> = Vec::new();
    let mut run: Vec<Word> = Vec::new();
    for (i, w) in line.words.iter().enumerate() {
        let joins = run.last().is_some_and(|p| w.bbox.x - p.bbox.right() <= gap);
        if digit(w) {
            if !joins && run.iter().any(digit) {
                out.push(std::mem::take(&mut run));
            }
            if !joins && !run.iter().any(digit) {
                run.clear();
            }
            run.push(w.clone());
        } else {
            if run.iter().any(digit) {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
            let next = line.words.get(i + 1);
            let next_digit = next.is_some_and(|n| digit(n) && n.bbox.x - w.bbox.right() <= gap);
            if a_prefix(w) && next_digit {
                run.push(w.clone());
            }
        }
    }
    if run.iter().any(digit) {
        out.push(run);
    }
    out
}
