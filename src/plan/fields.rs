//! Steps 3-5 of the zonal plan: the zones a page's fields need, widened step by step while extraction
//! reports fields or checkbox groups of the form model missing.

use super::settle::read_short;
use super::{header_bottom, page_text, Trial};
use crate::forms::classify::{BOTTOM_BAND, TOP_BAND};
use crate::forms::extract::{extract, Extraction, Missing};
use crate::forms::labels::squash;
use crate::forms::models::{FormGeometry, FormModel, Models};
use crate::forms::normalize::fuzzy_contains;
use crate::ocr::ZoneReader;
use crate::page::bands;
use crate::page::boxes::right_box;
use crate::page::geometry::Rect;
use crate::page::squares::BoxState;
use crate::page::Measures;
use crate::record::{PageKind, WarrantType};
use std::ops::Range;

/// Where a page's typed fields and its checkbox column lie, from the squares measured on it.
struct Layout {
    /// The bands above the column: the typed fields.
    above: Range<usize>,
    /// Where the column's group headings can be: down to a few lines below its last square.
    near: Range<usize>,
    /// The column's lines, down to the footer.
    column: Range<usize>,
    fields_end: i32,
}

fn layout(r: &ZoneReader, squares: &[BoxState], g: &FormGeometry) -> Layout {
    let (h, dpi) = (r.page().height, r.page().dpi);
    // Where the typed fields end: at the form's left-margin checkbox column.
    let fields_end = squares
        .first()
        .map(|s| s.bbox.y)
        .filter(|&y| y < (h as f32 * g.fields_end_max) as i32)
        .unwrap_or((h as f32 * g.fields_fallback) as i32);
    // The line that ends the column's last group is a few lines below its last square found, or the
    // footer's top when none was.
    let footer_top = (h as f32 * BOTTOM_BAND) as i32;
    let column_end =
        squares.last().map_or(footer_top, |s| (s.bbox.bottom() + g.column_tail_lines * dpi / 6).min(footer_top));
    Layout {
        above: bands::within(r.bands(), header_bottom(h), fields_end),
        near: bands::within(r.bands(), fields_end, column_end),
        column: bands::within(r.bands(), fields_end, footer_top),
        fields_end,
    }
}

/// Reads what a page of `kind` needs for its fields (steps 3-5); for a request page, returns its last
/// extraction.
pub(super) fn read_fields(r: &mut ZoneReader, kind: PageKind, models: &Models) -> anyhow::Result<Option<Trial>> {
    if kind.warrant_type() == Some(WarrantType::Judicial) {
        // Its signature block and captions can be anywhere.
        r.read_all()?;
        return Ok(None);
    }
    let form = models.form_for(kind);
    if form.is_none() && !matches!(kind, PageKind::I200 | PageKind::I205) {
        return Ok(None);
    }
    let measures = Measures::of(r.page());
    let geometry = form.map(|f| f.geometry.clone()).unwrap_or_default();
    let area = geometry.column_area(measures.width, measures.height);
    let squares = measures.squares.column(area, form.and_then(|f| f.column).unwrap_or(0));
    let at = layout(r, &squares, &geometry);
    match form {
        Some(form) => read_request(r, form, &at, measures, kind).map(Some),
        None => {
            read_warrant(r, models, &at, kind)?;
            Ok(None)
        }
    }
}

fn read_request(
    r: &mut ZoneReader,
    form: &FormModel,
    at: &Layout,
    measures: Measures,
    kind: PageKind,
) -> anyhow::Result<Trial> {
    let h = r.page().height;
    let try_now = |r: &ZoneReader| extract(form, &page_text(r, false).lines, &measures);
    // The last bands above the column are its heading; the column's squares are found without it, so it
    // is read only when the fields are not all found above it.
    if form.right_box_only {
        if let Some(right) = right_box(r.page(), header_bottom(h), at.fields_end) {
            narrow_to_right_box(r, at.above.clone(), right, &form.geometry);
        }
    }
    let rows = at.above.start..at.above.end.saturating_sub(form.column_heading_lines).max(at.above.start);
    read_rows(r, rows)?;
    let mut trial = try_now(r);
    let fields_missing = |t: &Extraction| t.missing.iter().any(|m| !m.is_checkboxes());
    let boxes_missing = |t: &Extraction| t.missing.iter().any(Missing::is_checkboxes);
    if fields_missing(&trial) {
        // The left box's lines too, if a boxed field (the FROM box's office) did not read: the edge found
        // may not have been the boxes'.
        if trial.missing.iter().any(|m| matches!(m, Missing::Field { in_box: true, .. })) {
            r.widen();
        }
        r.read(at.above.clone())?;
        trial = try_now(r);
    }
    // A ticked box whose line holds a field (the cancel box: the date of the request it cancels).
    for cb in form.field.iter().filter_map(|f| f.line_of_checkbox.as_deref()) {
        let ticked = trial.checkboxes.get(cb).filter(|s| s.checked == Some(true)).map(|s| s.bbox.cy());
        if let Some(i) = ticked.and_then(|y| bands::containing(r.bands(), y)) {
            r.read(i..i + 1)?;
            trial = try_now(r);
        }
    }
    // Squares not all found by the column: their groups are placed by their headings, first those in
    // the column's own lines near its squares (short lines: the options' running text is left out),
    // then the column's heading above it (the I-247A's first group is headed by it), then the short
    // lines down to the footer (a last square not found), then the rest, whose option text may hold a
    // heading the fill measure took for running text. Fields still missing are left to review: on 72
    // generated documents, neither the page's other short lines nor a whole read found one more value
    // (they cost 15-30% of the CPU), as a label that two reads of its line miss is on a poor fax.
    for step in 0..4 {
        if !boxes_missing(&trial) {
            break;
        }
        match step {
            0 => read_short(r, at.near.clone())?,
            1 => r.read(at.above.clone())?,
            2 => read_short(r, at.column.clone())?,
            _ => r.read(at.column.clone())?,
        }
        trial = try_now(r);
    }
    // A group found by its sentence (the I-247D's cancel box): the lines of the marked squares below the
    // groups placed, until one holds the sentence.
    for group in form.checkbox_group.iter().filter(|g| !g.on_line.is_empty()) {
        if !trial.not_printed.contains(&group.group) {
            continue;
        }
        let squares = marked_below_groups(&trial, &measures, &form.geometry);
        let mut lines: Vec<usize> = squares.iter().filter_map(|s| bands::containing(r.bands(), s.bbox.cy())).collect();
        lines.dedup();
        lines.retain(|&i| !r.is_read(i));
        for i in lines.into_iter().take(MARKED_LINES_READ) {
            if !trial.not_printed.contains(&group.group) {
                break;
            }
            r.read(i..i + 1)?;
            trial = try_now(r);
        }
    }
    Ok(Trial { kind, calls: r.calls(), extraction: trial, measures })
}

/// How many marked squares' lines are read looking for a group's sentence: the cancel box and a bullet's
/// ticked option box (ICE or CBP) above it, and one more for a speck; a scan that inks every square
/// is not read line by line.
const MARKED_LINES_READ: usize = 3;

/// The squares in the margin below every square the groups placed so far (section 1's), top first,
/// that are ticked or inked unsurely: where a group found by its sentence (`CheckboxGroup::on_line`) can
/// be. An empty square's line is not read: were it the cancel box, it would say what no box says.
fn marked_below_groups(trial: &Extraction, measures: &Measures, g: &FormGeometry) -> Vec<BoxState> {
    let placed: Vec<&BoxState> = trial.checkboxes.values().collect();
    let area = g.column_area(measures.width, measures.height);
    let top = placed.iter().map(|b| b.bbox.bottom()).max().unwrap_or(area.y);
    // Squares right of section 1's column are option boxes inside its text; a cancel box may stand
    // further out in the margin.
    let right = placed.iter().map(|b| b.bbox.x + b.bbox.w).min().unwrap_or(area.right());
    let region = Rect::new(0, top, right, (area.bottom() - top).max(0));
    // Open-sided "[X]" squares too (a thin edge lost between scan lines); top first, as the bullets'
    // option boxes come before the cancel box and the text under it can hold look-alikes. A form prints
    // its boxes all of one size: a letter's bowl or a speck passing for a smaller square is none of them.
    let side = placed.iter().map(|b| b.bbox.w.min(b.bbox.h)).min().unwrap_or(0);
    let mut marked: Vec<BoxState> = measures
        .squares
        .inside(region, true)
        .into_iter()
        .filter(|s| s.bbox.w.min(s.bbox.h) * 5 >= side * 4)
        .filter(|s| s.checked != Some(false) || s.doubtful())
        .collect();
    marked.sort_by_key(|s| s.bbox.y);
    marked
}

/// An I-200 or I-205: its title and A-number in the title area, then the line with the alien's name: the
/// request's A-number and name are checked against them (`document::warrant`), the warrant being their
/// second print. The name's line is found by its printed cues (`warrants.toml`), reading one line at a time
/// from where the form puts it: an I-200 prints "... probable cause to believe that NAME is removable from
/// the United States" just above its checkbox column, so it is read from the column up, to the line above
/// "is removable" or to the cue; an I-205 prints the name above "(Full name of alien)" under its title
/// block, so it is read from there down to the cue. The other paragraph lines are left unread.
fn read_warrant(r: &mut ZoneReader, models: &Models, at: &Layout, kind: PageKind) -> anyhow::Result<()> {
    let h = r.page().height;
    let top = bands::within(r.bands(), header_bottom(h), ((h as f32 * TOP_BAND) as i32).min(at.fields_end));
    read_short(r, top)?;
    let read = |r: &ZoneReader, cues: &[String]| {
        let text = squash(&page_text(r, false).lines.iter().map(|l| l.text()).collect::<String>());
        cues.iter().any(|c| fuzzy_contains(&text, c).is_some())
    };
    let order: Vec<usize> =
        if kind == PageKind::I200 { at.above.clone().rev().collect() } else { at.above.clone().collect() };
    // Lines still to read once the words after the name are: the name is on their line or the one above.
    let mut after_end: Option<usize> = None;
    for i in order {
        if read(r, &models.warrants.name_cues) || after_end == Some(0) {
            break;
        }
        if !r.is_read(i) {
            r.read(i..i + 1)?;
            after_end = after_end.map(|n| n - 1);
        }
        if after_end.is_none() && kind == PageKind::I200 && read(r, &models.warrants.name_end_cues) {
            after_end = Some(1);
        }
    }
    Ok(())
}

/// Reads `range` leaving out headings centred over the typed rows (see `page::bands::centred_headings`):
/// a form's agency line and title, and the I-247A's "MAINTAIN CUSTODY..." instruction.
fn read_rows(r: &mut ZoneReader, range: Range<usize>) -> anyhow::Result<()> {
    let (width, height) = (r.page().width, r.page().height);
    let body = bands::within(r.bands(), header_bottom(height), height);
    let headings = bands::centred_headings(&r.bands()[range.clone()], &r.bands()[body], width);
    let start = range.start;
    r.read_if(range, |i, _| !headings[i - start])
}

/// Cuts the bands inside a pair of side-by-side boxes down to the right box (from its left edge at `x`,
/// boxes spanning rows `y0..y1`); bands wholly in the left box are left unread. The box's first line,
/// when it is set smaller than the lines under it, is its printed label: only its start is read
/// ("FROM: (Dep"), which anchors the box as well as the whole label does.
fn narrow_to_right_box(r: &mut ZoneReader, range: Range<usize>, (x, y0, y1): (i32, i32, i32), g: &FormGeometry) {
    let mut inside = Vec::new();
    for i in range {
        let b = r.bands()[i];
        if r.is_read(i) || b.cy() <= y0 || b.cy() >= y1 {
            continue;
        }
        if b.x1 <= x {
            r.narrow(i, None);
        } else {
            r.narrow(i, Some((b.x0.max(x), b.x1)));
            inside.push(i);
        }
    }
    let mut heights: Vec<i32> = inside.iter().skip(1).map(|&i| r.bands()[i].y1 - r.bands()[i].y0).collect();
    heights.sort_unstable();
    if let (Some(&label), Some(&typed)) = (inside.first(), heights.get(heights.len() / 2)) {
        let b = r.bands()[label];
        if ((b.y1 - b.y0) as f32) <= typed as f32 * g.box_label_height {
            let x1 = b.x1.min(b.x0 + (r.page().dpi as f32 * g.box_label_start) as i32);
            r.narrow(label, Some((b.x0, x1)));
        }
    }
}
