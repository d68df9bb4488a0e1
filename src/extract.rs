//! Stage 5: raw field text from a form page, located by printed labels and the form's structure (never
//! by fixed pixel positions), as the form model in `models/` describes.

use crate::layout::{find_label, squash, Line, LabelHit};
use crate::model::{CheckboxGroup, FieldKind, FieldModel, FormModel};
use crate::ocr::{Rect, Word};
use crate::prepare::PreparedPage;
use std::collections::BTreeMap;

/// A field's text as read, with where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct RawField {
    pub raw: String,
    pub bbox: Rect,
    /// Mean OCR confidence of the value's words, 0.0-1.0.
    pub confidence: f32,
    pub method: String,
}

/// A checkbox's state: None when the printed box could not be found.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxState {
    pub checked: Option<bool>,
    pub bbox: Rect,
    pub ink: f32,
}

#[derive(Debug, Default)]
pub struct Extraction {
    pub fields: BTreeMap<String, RawField>,
    pub checkboxes: BTreeMap<String, BoxState>,
    /// Fields whose label was not found on the page.
    pub missing: Vec<String>,
}

/// Does a stop label start at word `j` of `line`?
fn starts_label(line: &Line, j: usize, labels: &[String]) -> bool {
    let sub = Line { words: line.words[j..].to_vec(), bbox: line.bbox };
    labels.iter().any(|l| find_label(std::slice::from_ref(&sub), l, None).is_some_and(|h| h.start == 0))
}

fn raw_from(words: &[Word], method: String) -> Option<RawField> {
    let words: Vec<&Word> = words.iter().filter(|w| !squash(&w.text).is_empty() || w.text.contains('/')).collect();
    let first = words.first()?;
    let bbox = words.iter().fold(first.bbox, |r, w| r.union(&w.bbox));
    let confidence = words.iter().map(|w| w.conf).sum::<f32>() / words.len() as f32 / 100.0;
    let raw = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    Some(RawField { raw, bbox, confidence, method })
}

/// The text glued to the end of a label's last word ("Sex:M", "ID:1234"), if any.
fn glued_value(hit: &LabelHit, line: &Line) -> Option<Word> {
    let last = &line.words[hit.end - 1];
    let (_, rest) = last.text.split_once(':')?;
    (!rest.is_empty()).then(|| Word { text: rest.to_string(), ..last.clone() })
}

fn inline(field: &FieldModel, lines: &[Line], hits: &BTreeMap<String, (usize, LabelHit)>) -> Option<(LabelHit, RawField)> {
    let restrict = field.same_line_as.as_ref().and_then(|n| hits.get(n)).map(|(_, h)| {
        let b = lines[h.line].bbox;
        (b.y, b.bottom())
    });
    if field.same_line_as.is_some() && restrict.is_none() {
        return None;
    }
    let (label, hit) = field.labels.iter().find_map(|l| find_label(lines, l, restrict).map(|h| (l, h)))?;
    let line = &lines[hit.line];
    let mut value: Vec<Word> = glued_value(&hit, line).into_iter().collect();
    let mut j = hit.end;
    while j < line.words.len() && !starts_label(line, j, &field.stop) {
        value.push(line.words[j].clone());
        j += 1;
    }
    // A sentence that wraps puts its value at the start of the next line.
    if value.is_empty() && field.kind == FieldKind::After {
        if let Some(next) = lines.get(hit.line + 1) {
            value.extend(next.words.iter().take(3).cloned());
        }
    }
    let raw = raw_from(&value, format!("label:{label}"))?;
    Some((hit, raw))
}

fn boxed(field: &FieldModel, lines: &[Line]) -> Option<(LabelHit, RawField)> {
    let (label, hit) = field.labels.iter().find_map(|l| find_label(lines, l, None).map(|h| (l, h)))?;
    let label_line = &lines[hit.line];
    let left = label_line.words[hit.start].bbox.x - 25;
    let top = label_line.words[hit.start].bbox.bottom();
    let bottom = field
        .until
        .iter()
        .filter_map(|u| find_label(&lines[hit.line + 1..], u, None).map(|h| lines[hit.line + 1 + h.line].bbox.y))
        .min()
        .unwrap_or(top + 400);
    let mut words = Vec::new();
    let mut rows = Vec::new();
    for l in &lines[hit.line + 1..] {
        if l.bbox.cy() <= top || l.bbox.cy() >= bottom {
            continue;
        }
        let row: Vec<Word> = l.words.iter().filter(|w| w.bbox.x >= left).cloned().collect();
        if !row.is_empty() {
            rows.push(row.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "));
            words.extend(row);
        }
    }
    let mut raw = raw_from(&words, format!("box:{label}"))?;
    raw.raw = rows.join(" / ");
    Some((hit, raw))
}

/// Finds printed checkbox squares inside `region`: pairs of straight horizontal edges of equal span whose
/// ends are joined by vertical edges, about a capital letter's size or a little more. Returns each square
/// (outermost where thick lines give several) with the ink inside its frame, top to bottom.
pub fn find_squares(page: &PreparedPage, region: Rect) -> Vec<BoxState> {
    let Some(r) = region.clamp(page.width, page.height) else { return Vec::new() };
    let (smin, smax) = ((page.dpi as f32 * 0.07) as i32, (page.dpi as f32 * 0.24) as i32);
    // Horizontal dark runs of a plausible edge length, as (y, x0, x1).
    let mut runs = Vec::new();
    for y in r.y..r.bottom() {
        let mut x = r.x;
        while x < r.right() {
            if page.is_dark(x, y) {
                let x0 = x;
                while x < r.right() && page.is_dark(x, y) {
                    x += 1;
                }
                let len = x - x0;
                if len >= smin && len <= smax {
                    runs.push((y, x0, x - 1));
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
    let row_ink = |y: i32, x0: i32, x1: i32| (y - 1..=y + 1).map(|yy| (x0..=x1).filter(|&x| page.is_dark(x, yy)).count()).max().unwrap_or(0) as i32;
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
        match squares.iter_mut().find(|q| q.x < sq.right() && sq.x < q.right() && q.y < sq.bottom() && sq.y < q.bottom()) {
            Some(q) => *q = q.union(&sq),
            None => squares.push(sq),
        }
    }
    squares.sort_by_key(|q| q.y);
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

fn checkbox_group(group: &CheckboxGroup, lines: &[Line], page: &PreparedPage, out: &mut Extraction) {
    let find = |labels: &[String], from: usize| labels.iter().find_map(|l| find_label(&lines[from..], l, None).map(|h| h.line + from));
    let (Some(a), b) = (find(&group.after, 0), None::<usize>) else {
        out.missing.extend(group.options.iter().map(|o| format!("checkbox:{o}")));
        return;
    };
    let b = b.or_else(|| find(&group.before, a + 1));
    let Some(b) = b else {
        out.missing.extend(group.options.iter().map(|o| format!("checkbox:{o}")));
        return;
    };
    let top = lines[a].bbox.bottom() - 4;
    let bottom = lines[b].bbox.y + 4;
    // The squares sit in the left margin, just right of where the headings start.
    let left = lines[a].bbox.x.min(lines[b].bbox.x) - page.dpi / 4;
    let region = Rect::new(left, top, page.dpi * 3 / 4, bottom - top);
    let squares = find_squares(page, region);
    let chosen: Vec<&BoxState> = match group.take.as_deref() {
        Some("last") => squares.last().into_iter().collect(),
        _ if squares.len() == group.options.len() => squares.iter().collect(),
        _ => {
            out.missing.extend(group.options.iter().map(|o| format!("checkbox:{o}:found_{}_squares", squares.len())));
            return;
        }
    };
    if chosen.len() != group.options.len() {
        out.missing.extend(group.options.iter().map(|o| format!("checkbox:{o}")));
        return;
    }
    for (opt, sq) in group.options.iter().zip(chosen) {
        out.checkboxes.insert(opt.clone(), sq.clone());
    }
}

/// A date typed on the same line as a checkbox (the cancel box's "previously submitted to you on ____").
fn date_on_line(lines: &[Line], sq: &BoxState, method: &str) -> Option<RawField> {
    let re = regex::Regex::new(r"^[0-9OoIl]{1,2}[/.-][0-9OoIl]{1,2}[/.-][0-9OoIl]{2,4}$").unwrap();
    let line = lines.iter().find(|l| (l.bbox.cy() - sq.bbox.cy()).abs() < sq.bbox.h)?;
    let words: Vec<Word> = line.words.iter().filter(|w| w.bbox.x > sq.bbox.right() && re.is_match(w.text.trim_matches(|c: char| !c.is_alphanumeric()))).cloned().collect();
    raw_from(&words[..words.len().min(1)], method.to_string())
}

pub fn extract(model: &FormModel, lines: &[Line], page: &PreparedPage) -> Extraction {
    let mut out = Extraction::default();
    let mut hits: BTreeMap<String, (usize, LabelHit)> = BTreeMap::new();
    for field in &model.field {
        let found = match field.kind {
            FieldKind::Inline | FieldKind::After => inline(field, lines, &hits),
            FieldKind::Box => boxed(field, lines),
        };
        match found {
            Some((hit, raw)) => {
                hits.insert(field.name.clone(), (hit.line, hit));
                out.fields.insert(field.name.clone(), raw);
            }
            None if field.optional => {}
            None => out.missing.push(field.name.clone()),
        }
    }
    for group in &model.checkbox_group {
        checkbox_group(group, lines, page, &mut out);
    }
    for field in &model.field {
        let unread = out.fields.get(&field.name).is_none_or(|f| !f.raw.chars().any(|c| c.is_ascii_digit()));
        if let (Some(cb), true) = (&field.line_of_checkbox, unread) {
            if let Some(raw) = out.checkboxes.get(cb).and_then(|sq| date_on_line(lines, sq, &format!("line_of:{cb}"))) {
                out.fields.insert(field.name.clone(), raw);
            }
        }
    }
    out
}
