//! Stage 5: raw field text from a form page, located by printed labels and the form's structure (never
//! by fixed pixel positions), as the form model in `models/` describes. Text only: the page's image is
//! known here by its measures (size, resolution, checkbox squares found once by `page::squares`).

use crate::forms::cells;
use crate::forms::labels::{find_label, squash, LabelHit};
use crate::forms::models::{CheckboxGroup, FieldKind, FieldModel, FormModel, Position, Side};
use crate::ocr::lines::Line;
use crate::ocr::{Choice, Word};
use crate::page::geometry::Rect;
use crate::page::squares::BoxState;
use crate::page::Measures;
use regex::Regex;
use std::collections::BTreeMap;

/// A field's text as read, with where it was found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawField {
    pub raw: String,
    pub bbox: Rect,
    /// Mean OCR confidence of the value's words, 0.0-1.0.
    pub confidence: f32,
    pub method: String,
    /// Another reading of the same field the text offers, taken when this one does not read as the field
    /// and it does: the line under a label in a ruled cell, when the label's own line carries something
    /// after it (a rule's debris reads as letters).
    pub alternates: Vec<RawField>,
    /// The ruled cell under the field's label, when its label was found in one: where its value is typed.
    /// A second read reads the cell when the text gave nothing there that reads as the value (a rule's
    /// debris beside the label, a value lost with the rule under it).
    pub cell: Option<Rect>,
    /// The value's words the engine weighed other characters for, each word's text with its choices
    /// (`ocr::Word::choices`).
    pub choices: Vec<WordChoices>,
}

/// A word of a raw field and the characters the engine weighed for its characters.
pub type WordChoices = (String, Vec<Choice>);

/// The choices of `words` that have any.
pub(crate) fn word_choices<'a>(words: impl IntoIterator<Item = &'a Word>) -> Vec<WordChoices> {
    words.into_iter().filter(|w| !w.choices.is_empty()).map(|w| (w.text.clone(), w.choices.clone())).collect()
}

impl RawField {
    /// The reading taken of this field: itself when it `reads` as the field, else the first alternate
    /// that does (a ruled cell's value under its label, past a rule's debris beside it), else itself.
    pub(crate) fn taken(&self, reads: impl Fn(&RawField) -> bool) -> &RawField {
        if reads(self) {
            return self;
        }
        self.alternates.iter().find(|a| reads(a)).unwrap_or(self)
    }

    /// Whether the value was found by its label: beside it, or under it in a ruled cell (not a box's
    /// label: "FROM:" is any letter's word, and a box takes the lines under it whatever they are).
    pub(crate) fn by_label(&self) -> bool {
        self.method.starts_with("label:") || self.method.starts_with("below:")
    }
}

/// What the form model asks for and the text read so far does not give: what the reading plan reads
/// more for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Missing {
    /// A field found neither by its label nor by its place; `in_box` for a field typed in a box
    /// (the FROM box's office), whose box edges may have been misjudged.
    Field { name: String, in_box: bool },
    /// A checkbox group whose squares could not be placed: its headings were not read (`found` None),
    /// or the squares between them were not as many as its options.
    Checkboxes { group: String, found: Option<usize> },
}

impl Missing {
    pub(crate) fn is_checkboxes(&self) -> bool {
        matches!(self, Missing::Checkboxes { .. })
    }
}

#[derive(Debug, Default)]
pub(crate) struct Extraction {
    pub fields: BTreeMap<String, RawField>,
    pub checkboxes: BTreeMap<String, BoxState>,
    pub missing: Vec<Missing>,
    /// Checkbox groups (`CheckboxGroup::group`) the page's printing does not carry: their squares were not
    /// found and a heading that stands in their place was read (`CheckboxGroup::not_printed_when`).
    pub not_printed: Vec<String>,
}

/// Does a stop label start at word `j` of `line`?
pub(super) fn starts_label(line: &Line, j: usize, labels: &[String]) -> bool {
    let sub = Line { words: line.words[j..].to_vec(), bbox: line.bbox };
    labels.iter().any(|l| find_label(std::slice::from_ref(&sub), l, None).is_some_and(|h| h.start == 0))
}

/// A word that ends a label ("ID:", a misread "11;"), not a value.
fn is_label_end(w: &Word) -> bool {
    w.text.ends_with([':', ';'])
}

pub(super) fn raw_from(words: &[Word], method: String) -> Option<RawField> {
    let words: Vec<&Word> = words.iter().filter(|w| !squash(&w.text).is_empty() || w.text.contains('/')).collect();
    let first = words.first()?;
    let bbox = words.iter().fold(first.bbox, |r, w| r.union(&w.bbox));
    let confidence = words.iter().map(|w| w.conf).sum::<f32>() / words.len() as f32 / 100.0;
    // OCR splits a typewritten word where letters sit a little apart ("DA YANA"): a real space is about a
    // letter wide, so a much narrower gap joins the pieces.
    let mut raw = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let p = words[i - 1];
            let pitch = (p.bbox.w as f32 / p.text.chars().count().max(1) as f32
                + w.bbox.w as f32 / w.text.chars().count().max(1) as f32)
                / 2.0;
            if (w.bbox.x - p.bbox.right()) as f32 >= 0.35 * pitch {
                raw.push(' ');
            }
        }
        raw.push_str(&w.text);
    }
    let choices = word_choices(words.iter().copied());
    Some(RawField { raw, bbox, confidence, method, alternates: Vec::new(), cell: None, choices })
}

/// The text glued to the end of a label's last word ("Sex:M", "ID:1234"), if any. A label of one word read
/// with another mark for its colon ("Sex.M", "Sex,M", "Sex-M", "Sex'F") ends where its letters do, the mark
/// after them: any mark, as a worn colon reads as whichever one its two dots resemble.
fn glued_value(hit: &LabelHit, line: &Line, label: &str) -> Option<Word> {
    let last = &line.words[hit.end - 1];
    let rest = match last.text.split_once(':') {
        Some((_, rest)) => rest,
        None if hit.end == hit.start + 1 => {
            let letters = squash(label).chars().count();
            let (at, _) = last.text.char_indices().filter(|(_, c)| c.is_alphanumeric()).nth(letters)?;
            let (head, rest) = last.text.split_at(at);
            if !head.ends_with(|c: char| !c.is_alphanumeric() && !c.is_whitespace()) {
                return None;
            }
            rest
        }
        None => return None,
    };
    (!rest.is_empty()).then(|| Word { text: rest.to_string(), ..last.clone() })
}

fn inline(
    field: &FieldModel,
    lines: &[Line],
    hits: &BTreeMap<String, (usize, LabelHit)>,
    labels: &[String],
) -> Option<(LabelHit, RawField)> {
    let restrict = field.same_line_as.as_ref().and_then(|n| hits.get(n)).map(|(_, h)| {
        let b = lines[h.line].bbox;
        (b.y, b.bottom())
    });
    if field.same_line_as.is_some() && restrict.is_none() {
        return None;
    }
    let (label, hit) = field.labels.iter().find_map(|l| find_label(lines, l, restrict).map(|h| (l, h)))?;
    let line = &lines[hit.line];
    let mut value: Vec<Word> = glued_value(&hit, line, label).into_iter().collect();
    let mut j = hit.end;
    while j < line.words.len() && !starts_label(line, j, &field.stop) {
        // A word ending in a colon after the value is the next label however misread ("BeNo:" for
        // "File No:"): ids and dates are never typed with one. Not for a name: a speck after one of its
        // words reads as a colon too ("ALEXANDER:"), and its own stop labels end it.
        let name = field.normalize == crate::forms::models::Normalizer::Name;
        if !name && value.iter().any(|w| !is_label_end(w)) && is_label_end(&line.words[j]) {
            break;
        }
        value.push(line.words[j].clone());
        j += 1;
    }
    // A ruled cell prints its label small at its top and the value under it: nothing follows the label on
    // its line, or another label does.
    let next_is_label = hit.end < line.words.len() && starts_label(line, hit.end, labels);
    let unusable = |w: &Word| is_label_end(w) || squash(&w.text).is_empty();
    // The value under the label in its cell: the value itself, or the reading to fall back on.
    let mut below = field.below.then(|| cells::below(lines, &hit, labels, &format!("below:{label}"))).flatten();
    // A row of labels (another label's end just before this one, another label or nothing after it) is a
    // ruled row: its values are in the cells under the labels. A label with a value beside it is not.
    let after_label = hit.start > 0 && is_label_end(&line.words[hit.start - 1]);
    let ruled = next_is_label || after_label || value.iter().all(unusable);
    let cell = (field.below && ruled).then(|| cells::cell_under(lines, &hit, labels)).flatten();
    if field.below && (value.iter().all(unusable) || next_is_label) {
        if let Some(raw) = below.take() {
            return Some((hit, RawField { cell, ..raw }));
        }
    }
    // A sentence that wraps puts its value at the start of the next line.
    if value.is_empty() && field.kind == FieldKind::After {
        if let Some(next) = lines.get(hit.line + 1) {
            value.extend(next.words.iter().take(3).cloned());
        }
    }
    // A misread remnant of the label ("ID:" read as "11;") ends in a colon: it is not the value.
    while value.len() > 1 && value[0].text.ends_with([':', ';']) {
        value.remove(0);
    }
    let Some(mut raw) = raw_from(&value, format!("label:{label}")) else {
        let label_h = line.words[hit.start..hit.end].iter().map(|w| w.bbox.h).max().unwrap_or(0);
        return unread_value(&value, label_h, cell, label).map(|raw| (hit, raw));
    };
    raw.alternates.extend(below);
    raw.cell = cell;
    Some((hit, raw))
}

/// Marks a scanner or a cell's rule leaves beside a label, read as text: no misread letter.
const DEBRIS: &str = "|_-—–=~.,:;'\"`‘’“”°•!/\\()[]{}<>^*+";

/// A field whose label was found with nothing beside it or under it that reads as text: where its value
/// is, so that a second read (`plan::reread`) reads it there. A letter-sized symbol beside the label is
/// the value misread as one (`Sex: ¥`, `Sex: £` for an `F`): its own box is read again. Else, in a ruled
/// row, the cell under the label (its line held a rule's debris, `Sex: _`, and the value under it did not
/// read as a word: `oM`, a speck glued to it, left of the cell's columns). The text is the marks as read,
/// no value of any field: the field stays missing unless the second read gives one.
fn unread_value(value: &[Word], label_h: i32, cell: Option<Rect>, label: &str) -> Option<RawField> {
    let symbol = |w: &&Word| {
        w.bbox.h * 3 >= label_h * 2
            && w.text.chars().any(|c| !c.is_alphanumeric() && !c.is_whitespace() && !DEBRIS.contains(c))
    };
    let unread = |raw: String, bbox: Rect, method: String, cell: Option<Rect>| RawField {
        raw,
        bbox,
        confidence: 0.0,
        method,
        cell,
        ..RawField::default()
    };
    match (value.iter().find(symbol), cell) {
        (Some(w), _) => Some(unread(w.text.clone(), w.bbox, format!("label:{label}"), None)),
        (None, Some(c)) => Some(unread(String::new(), c, format!("below:{label}"), Some(c))),
        (None, None) => None,
    }
}

fn boxed(field: &FieldModel, lines: &[Line]) -> Option<(LabelHit, RawField)> {
    // The box's label lies below the form's title and above the line that ends the box.
    let title = field
        .position
        .as_ref()
        .and_then(|p| p.after.iter().find_map(|a| find_label(lines, a, None)))
        .map(|h| lines[h.line].bbox.bottom());
    let end = field.until.iter().filter_map(|u| find_label(lines, u, None)).map(|h| lines[h.line].bbox.y).min();
    let within = Some((title.unwrap_or(0), end.unwrap_or(i32::MAX)));
    let (label, hit) = field.labels.iter().find_map(|l| find_label(lines, l, within).map(|h| (l, h)))?;
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

fn checkbox_group(
    group: &CheckboxGroup,
    lines: &[Line],
    page: &Measures,
    column: Option<&[BoxState]>,
    out: &mut Extraction,
) {
    let missing = |found| Missing::Checkboxes { group: group.group.clone(), found };
    if !group.on_line.is_empty() {
        match sentence_square(group, lines, page) {
            Some(square) => {
                out.checkboxes.insert(group.options[0].clone(), square);
            }
            None => out.not_printed.push(group.group.clone()),
        }
        return;
    }
    if let (Some(col), Some([a, b])) = (column, group.column_range) {
        if let Some(squares) = col.get(a..b).filter(|s| s.len() == group.options.len()) {
            for (opt, sq) in group.options.iter().zip(squares) {
                out.checkboxes.insert(opt.clone(), sq.clone());
            }
            return;
        }
    }
    if group.column_only {
        return;
    }
    if not_printed(group, lines) {
        out.not_printed.push(group.group.clone());
        return;
    }
    // The first `after` anchor that has a `before` anchor below it bounds the region: the anchors' own
    // words, not their lines' boxes (OCR may run a heading's line into the option lines under it).
    let words_box = |line: usize, hit: &LabelHit| {
        let ws = &lines[line].words[hit.start..hit.end];
        ws.iter().skip(1).fold(ws[0].bbox, |r, w| r.union(&w.bbox))
    };
    let region = group.after.iter().find_map(|l| {
        let ha = find_label(lines, l, None)?;
        let (hb, b) = group
            .before
            .iter()
            .find_map(|l| find_label(&lines[ha.line + 1..], l, None).map(|h| (h, h.line + ha.line + 1)))?;
        Some((words_box(ha.line, &ha), words_box(b, &hb)))
    });
    let Some((a, b)) = region else {
        out.missing.push(missing(None));
        return;
    };
    let top = a.bottom() - 4;
    let bottom = b.y + 4;
    // The squares sit in the left margin, just right of where the headings start.
    let left = a.x.min(b.x) - page.dpi / 4;
    let region = Rect::new(left, top, page.dpi * 3 / 4, bottom - top);
    // Closed squares first; open-sided "[ ]" candidates only when those do not account for the group
    // (they admit more look-alikes, which the column rule then removes).
    let n = group.options.len();
    let fits = |q: &Vec<BoxState>| {
        if group.take.as_deref() == Some("last") {
            !q.is_empty()
        } else {
            q.len() == n || group.counts.contains(&q.len())
        }
    };
    let closed = page.squares.inside(region, false);
    let squares = if fits(&closed) { closed } else { leftmost_column(page.squares.inside(region, true)) };
    let chosen: Vec<&BoxState> = match group.take.as_deref() {
        Some("last") => squares.last().into_iter().collect(),
        _ if squares.len() == n => squares.iter().collect(),
        // A fallback anchor higher up takes in the squares of an earlier block too (`counts`).
        _ if group.counts.contains(&squares.len()) => squares[squares.len() - n..].iter().collect(),
        _ => {
            out.missing.push(missing(Some(squares.len())));
            return;
        }
    };
    if chosen.len() != group.options.len() {
        out.missing.push(missing(Some(chosen.len())));
        return;
    }
    for (opt, sq) in group.options.iter().zip(chosen) {
        out.checkboxes.insert(opt.clone(), sq.clone());
    }
}

/// The square standing left of `group`'s sentence on the sentence's line (`CheckboxGroup::on_line`): of
/// those in the margin there, the nearest the sentence. A closed square first; an open-sided "[ ]" one
/// (a thin edge lost between scan lines) only when no closed one stands there.
fn sentence_square(group: &CheckboxGroup, lines: &[Line], page: &Measures) -> Option<BoxState> {
    let hit = group.on_line.iter().find_map(|l| find_label(lines, l, None))?;
    let line = &lines[hit.line];
    // The sentence's first word found may be "please": "If checked:" before it is left of it too.
    let before = line.words[hit.start].bbox.x;
    let on_line = |s: &BoxState| {
        let cy = s.bbox.cy();
        s.bbox.right() <= before && cy >= line.bbox.y && cy <= line.bbox.bottom()
    };
    let region = Rect::new(0, line.bbox.y - line.bbox.h, before, line.bbox.h * 3);
    let nearest = |open: bool| page.squares.inside(region, open).into_iter().filter(on_line).max_by_key(|s| s.bbox.x);
    nearest(false).or_else(|| nearest(true))
}

/// Whether the page reads a heading that stands where `group` would (`CheckboxGroup::not_printed_when`)
/// and none of the group's own headings: its `after` anchors but the fallback one higher up, which a
/// group with `counts` ends with.
fn not_printed(group: &CheckboxGroup, lines: &[Line]) -> bool {
    let own = &group.after[..group.after.len() - usize::from(!group.counts.is_empty() && !group.after.is_empty())];
    let read = |labels: &[String]| labels.iter().any(|l| find_label(lines, l, None).is_some());
    read(&group.not_printed_when) && !read(own)
}

/// A group's squares stand in one column at the left margin; candidates elsewhere (letters of the options'
/// text that look like "[ ]") are dropped: keep the leftmost column holding two or more, else the leftmost.
fn leftmost_column(mut squares: Vec<BoxState>) -> Vec<BoxState> {
    let mut xs: Vec<i32> = squares.iter().map(|s| s.bbox.x).collect();
    xs.sort();
    let count = |x: i32| squares.iter().filter(|s| (s.bbox.x - x).abs() <= 5).count();
    let Some(&x) = xs.iter().find(|&&x| count(x) >= 2).or(xs.first()) else { return squares };
    squares.retain(|s| (s.bbox.x - x).abs() <= 5);
    squares
}

/// A word matching `re` typed on the same line as a checkbox, right of it (the cancel box's date:
/// "previously submitted to you on ____").
fn token_on_line(lines: &[Line], sq: &BoxState, re: &Regex, method: &str) -> Option<RawField> {
    let line = lines.iter().find(|l| (l.bbox.cy() - sq.bbox.cy()).abs() < sq.bbox.h)?;
    let words: Vec<Word> = line
        .words
        .iter()
        .filter(|w| w.bbox.x > sq.bbox.right() && re.is_match(w.text.trim_matches(|c: char| !c.is_alphanumeric())))
        .cloned()
        .collect();
    raw_from(&words[..words.len().min(1)], method.to_string())
}

/// On a form printed in another layout the header's cells stand elsewhere (the File No. where the form
/// model places the Event #, the Event # under the Subject ID): a value found only by its place may be
/// another field's. An event number or a date, whose shapes no other header value has, found by its place
/// gets the header's other typed values (its first two value rows) as alternates, but for those a field's
/// label found, so that the document stage takes the first one that reads as the field
/// ([`RawField::taken`]) when the value in its place does not.
fn header_alternates(model: &FormModel, lines: &[Line], out: &mut Extraction) {
    use crate::forms::models::Normalizer as N;
    let claimed: Vec<Rect> = out.fields.values().filter(|f| f.by_label()).map(|f| f.bbox).collect();
    for field in model.field.iter().filter(|f| matches!(f.normalize, N::Event | N::Date)) {
        let Some(pos) = &field.position else { continue };
        let Some(raw) = out.fields.get(&field.name).filter(|f| f.method.starts_with("position:")) else { continue };
        let Some(anchor) = pos.after.iter().find_map(|a| find_label(lines, a, None)).map(|h| h.line) else {
            continue;
        };
        let method = format!("{}:header_cell", raw.method);
        let cells: Vec<RawField> = value_rows(lines, anchor)
            .take(2)
            .flat_map(|(_, l)| cells::values(l))
            .filter_map(|v| raw_from(&v, method.clone()))
            .filter(|c| !c.bbox.overlaps(&raw.bbox) && !claimed.iter().any(|b| b.overlaps(&c.bbox)))
            .collect();
        out.fields.get_mut(&field.name).expect("found above").alternates.extend(cells);
    }
}

/// The sex a word read at a row's end spells, without marks glued to it: a letter alone ("M", "\F"), or
/// "Male" or "Female" with at most one stray character each side ("iFemale9"). The word as printed, so the
/// value's normalizer reads it as it reads a label's.
fn sex_in(word: &str) -> Option<&str> {
    let t = word.trim_matches(|c: char| !c.is_alphanumeric());
    if t.chars().count() == 1 && t.chars().all(char::is_alphabetic) {
        return Some(t);
    }
    let up = t.to_uppercase();
    for spelt in ["FEMALE", "MALE"] {
        if let Some(at) = up.find(spelt) {
            if at <= 1 && up.len() - (at + spelt.len()) <= 1 && t.is_ascii() {
                return Some(&t[at..at + spelt.len()]);
            }
        }
    }
    None
}

/// How far below its anchor a value row can be, in the anchor line's heights: the rows a form prints under
/// a heading or a label (two ruled rows of labels and values, a box's lines), not the page's far side.
const VALUE_ROWS_REACH: i32 = 12;

/// Rows of typed values below an anchor line: lines holding a word of 4+ characters with a digit, within
/// reach of it. Only what was read is there: with the lines between unread, the next line with a digit
/// may be the footer's form number ("I-247A (3/17)"), no value of the anchor's rows.
fn value_rows(lines: &[Line], anchor: usize) -> impl Iterator<Item = (usize, &Line)> {
    let a = lines[anchor].bbox;
    let reach = a.bottom() + VALUE_ROWS_REACH * a.h.max(1);
    lines.iter().enumerate().skip(anchor + 1).filter(move |(_, l)| {
        l.bbox.y <= reach
            && l.words.iter().any(|w| {
                w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 4
                    && w.text.chars().any(|c| c.is_ascii_digit())
            })
    })
}

/// Whether a word lies on `side` of the page: the left half for `Left`, the right one otherwise.
fn on_side(w: &Rect, side: Side, width: i32) -> bool {
    let cx = w.x + w.w / 2;
    if side == Side::Left {
        cx < width / 2
    } else {
        cx >= width / 2
    }
}

/// How many lines after its anchor a name is looked for by its shape: the name's row and a stray line
/// (a rule's remnant) before it, not the rows below it.
const NAME_LINES: usize = 2;

/// How a name is typed: every word in capitals, or every word capitalised (`Pineda, Yesenia`, `da Silva,
/// Ana`: a particle in small letters is a word of either).
#[derive(Clone, Copy, PartialEq)]
enum Case {
    Upper,
    Title,
}

/// The case `word` is typed in as a word of a name (hyphens, apostrophes and periods allowed, a trailing
/// comma aside), if it is one: two letters at least, no digit.
fn name_case(word: &str) -> Option<Case> {
    let t = word.trim_end_matches(',');
    if t.len() >= 2 && crate::forms::normalize::PARTICLES.contains(&t) {
        return Some(Case::Title);
    }
    let ok = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && t.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'));
    let mut letters = t.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = letters.collect();
    match (ok, first_upper) {
        (true, true) if rest.iter().all(|c| c.is_uppercase()) => Some(Case::Upper),
        (true, true) if rest.iter().all(|c| c.is_lowercase()) => Some(Case::Title),
        _ => None,
    }
}

/// A name's first word with the marks and small letters glued before its capitals taken off: the end of an
/// unreadable label or a speck read into the word (`'aAJPOP,` for `AJPOP,`). None when nothing is glued.
fn unglued(w: &Word) -> Option<Word> {
    let at = w.text.find(|c: char| c.is_uppercase())?;
    let (glued, rest) = w.text.split_at(at);
    (at > 0 && !glued.chars().any(char::is_uppercase) && name_case(rest) == Some(Case::Upper))
        .then(|| Word { text: rest.to_string(), ..w.clone() })
}

/// The words of a name typed `FAMILY NAME(S), GIVEN NAME(S)` among `words` (one line's, or part of one):
/// words of one case (capitals; or capitalised, when `title`) a space apart around one ending in a comma, at
/// least one each side. A word of one of the field's `labels` is no part of a name (`Name Of Alien, Pineda,
/// Yesenia` read with the label's colon a comma); nor is a family name of one word glued to a label's
/// unreadable words without its colon (`Name al Alen, Pineda, Yesenia`) when another comma after it starts
/// a name. The first word may carry an unreadable label's end glued before its capitals (`'aAJPOP, CARLOS`):
/// it is taken off.
fn typed_name(words: &[Word], labels: &[String], title: bool) -> Option<Vec<Word>> {
    let label_words: Vec<String> =
        labels.iter().flat_map(|l| l.split_whitespace().map(squash)).filter(|w| !w.is_empty()).collect();
    let case = |w: &Word| {
        name_case(&w.text).filter(|c| (title || *c == Case::Upper) && !label_words.contains(&squash(&w.text)))
    };
    let gap = 2 * median(words.iter().map(|w| w.bbox.h));
    let near = |a: &Word, b: &Word| b.bbox.x - a.bbox.right() <= gap;
    // Each comma a name could be around, with whether the unreadable words of a label end just before it.
    let mut names = words.iter().enumerate().filter(|(_, w)| w.text.ends_with(',')).filter_map(|(comma, w)| {
        let first = unglued(w);
        let style = first.as_ref().map_or_else(|| case(w), |_| Some(Case::Upper))?;
        let mut start = comma;
        while first.is_none()
            && start > 0
            && !words[start - 1].text.ends_with(',')
            && case(&words[start - 1]) == Some(style)
            && near(&words[start - 1], &words[start])
        {
            start -= 1;
        }
        let mut end = comma + 1;
        while end < words.len() && case(&words[end]) == Some(style) && near(&words[end - 1], &words[end]) {
            end += 1;
        }
        let mut name = words[start..end].to_vec();
        name[0] = first.unwrap_or_else(|| name[0].clone());
        let after_label =
            start > 0 && !words[start - 1].text.ends_with([':', ';']) && case(&words[start - 1]).is_none();
        let another = words[comma + 1..end].iter().any(|w| w.text.ends_with(','));
        (end > comma + 1).then_some((name, after_label && another && start == comma))
    });
    let (name, labels_end) = names.next()?;
    // A family name of one word glued to a label's unreadable words without its colon may be the label's
    // last word read with a comma: the name is then the one the next comma starts.
    match labels_end.then(|| names.next()).flatten() {
        Some((next, _)) => Some(next),
        None => Some(name),
    }
}

/// A name typed on one of the lines just below an `after` anchor (a heading the small label sits under), or
/// after it on its own line, else just above a `before` one (the date of birth's label, when the form
/// prints no such heading, as the 2012 I-247 does not, or its heading did not read) or before it on its line
/// (a printing that sets the name and the birth date side by side).
fn name_by_position(pos: &Position, labels: &[String], lines: &[Line]) -> Option<Vec<Word>> {
    // Capitalised words are a name's only next to the anchor: on its line, or a line the next row of the
    // form away (the page's lines not read yet leave gaps): further up, past the custody title, the FROM
    // box's address ("1000 District Ave, Burlington, MA") is typed so too.
    let typed = |words: &[Word], title: bool| typed_name(words, labels, title);
    let next_row = |a: &Line, l: &Line| (l.bbox.y - a.bbox.bottom()).max(a.bbox.y - l.bbox.bottom()) <= 2 * a.bbox.h;
    let below = |h: LabelHit| {
        let a = &lines[h.line];
        typed(&a.words[h.end..], true)
            .or_else(|| lines.iter().skip(h.line + 1).take(NAME_LINES).find_map(|l| typed(&l.words, next_row(a, l))))
    };
    let above = |h: LabelHit| {
        let a = &lines[h.line];
        typed(&a.words[..h.start], true).or_else(|| {
            let up = lines[h.line.saturating_sub(NAME_LINES)..h.line].iter().rev();
            up.enumerate().find_map(|(k, l)| typed(&l.words, k == 0 && next_row(a, l)))
        })
    };
    let after = pos.after.iter().find_map(|a| find_label(lines, a, None));
    after.and_then(below).or_else(|| {
        let before = pos.before.iter().find_map(|b| find_label(lines, b, None))?;
        above(before)
    })
}

/// The value at its structural position, for when its label is unreadable (see `model::Position`).
fn by_position(
    field: &FieldModel,
    pos: &Position,
    lines: &[Line],
    width: i32,
    found: &BTreeMap<String, RawField>,
) -> Option<RawField> {
    let side = serde_json::to_value(pos.side).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let method = format!("position:{}:{side}", pos.row);
    if pos.side == Side::Name {
        return name_by_position(pos, &field.labels, lines).and_then(|w| raw_from(&w, method));
    }
    let anchor = pos.after.iter().find_map(|a| find_label(lines, a, None)).map(|h| h.line);
    // The value row `pos.row` under the anchor line.
    let row_under = |anchor: usize| value_rows(lines, anchor).nth(pos.row.checked_sub(1)?).map(|(_, l)| l);
    if matches!(pos.side, Side::CapsAfterDate | Side::LastLetter) {
        // No anchor, or nothing on its row: the row of the field read on the same line (`row_of`).
        return anchor.and_then(row_under).and_then(|row| on_date_row(pos.side, row, method)).or_else(|| {
            let row = by_row_of(pos, lines, found)?;
            on_date_row(pos.side, row, format!("position:{}:{side}", pos.row_of.as_deref()?))
        });
    }
    let anchor = anchor?;
    if field.kind == FieldKind::Box {
        // The typed lines of the box in that half, below the value rows, above `until`; the box's own small
        // printed label is left out by its height.
        let top = value_rows(lines, anchor).nth(pos.row.saturating_sub(1)).map(|(i, _)| i)?;
        let until =
            pos.until.iter().filter_map(|u| find_label(&lines[top + 1..], u, None).map(|h| h.line + top + 1)).min()?;
        let rows: Vec<Vec<Word>> = lines[top + 1..until]
            .iter()
            .map(|l| l.words.iter().filter(|w| on_side(&w.bbox, pos.side, width)).cloned().collect::<Vec<_>>())
            .filter(|r| !r.is_empty())
            .collect();
        let tallest = rows.iter().map(|r| r.iter().map(|w| w.bbox.h).max().unwrap_or(0)).max()?;
        let typed: Vec<Vec<Word>> =
            rows.into_iter().filter(|r| median(r.iter().map(|w| w.bbox.h)) * 10 >= tallest * 6).collect();
        let mut raw = raw_from(&typed.concat(), method)?;
        raw.raw = typed
            .iter()
            .map(|r| r.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" / ");
        return Some(raw);
    }
    if let Some([row, of, index]) = pos.cell {
        let values = value_rows(lines, anchor).nth(row.checked_sub(1)?).map(|(_, l)| cells::values(l));
        if let Some(v) = values.filter(|v| v.len() == of).and_then(|v| v.into_iter().nth(index)) {
            return raw_from(&v, method.replace("position:", "position:cell:"));
        }
        // A date in the header block's cells (the issue date; not the birth date, whose rows hold others).
        if field.normalize == crate::forms::models::Normalizer::Date {
            if let Some(raw) = only_date(lines, anchor, pos.row, &method) {
                return Some(raw);
            }
        }
    }
    placed_digits(field, pos, row_under(anchor)?, width, method)
}

/// The one date-shaped word (two slashes, six to eight digits) on the value rows under the anchor down to
/// row `rows`, when there is one only: the header block holds one date, whatever its layout. A ruled
/// header whose small labels Tesseract merged with the values under them into one line ("Subject) vent
/// IBN Dale | 478664863? | BOS?510007044 137-697-751 10/08/2025") has no four cells to count, and its
/// date is no longer on the row the classic layout puts it on.
fn only_date(lines: &[Line], anchor: usize, rows: usize, method: &str) -> Option<RawField> {
    let dated = |w: &&Word| {
        let digits = w.text.chars().filter(char::is_ascii_digit).count();
        w.text.matches('/').count() == 2 && (6..=8).contains(&digits)
    };
    let mut dates = value_rows(lines, anchor).take(rows).flat_map(|(_, l)| l.words.iter().filter(dated));
    let (one, more) = (dates.next()?, dates.next());
    if more.is_some() {
        return None;
    }
    raw_from(std::slice::from_ref(one), method.replace("position:", "position:only_date:"))
}

/// The line holding the value of the field `pos.row_of` names, found already (`found`): where a field
/// read on the same row is, when the anchor above the row is not found.
fn by_row_of<'a>(pos: &Position, lines: &'a [Line], found: &BTreeMap<String, RawField>) -> Option<&'a Line> {
    // Its reading that holds digits: a misread label after the date's label ("Date of Birth: Citzcsnvstinp,
    // Sax.") is no date, the line under it is.
    let digits = |f: &RawField| f.raw.chars().any(|c| c.is_ascii_digit());
    let value = found.get(pos.row_of.as_ref()?)?.taken(digits);
    if !digits(value) {
        return None;
    }
    lines.iter().find(|l| l.words.iter().any(|w| w.bbox.overlaps(&value.bbox)))
}

/// How many words read after the sex on its row may be a speck's or a rule's, read as letters.
const SPECKS_AFTER_SEX: usize = 2;

/// A word typed in capitals, three letters or more: a country's, not a speck's.
fn is_country(w: &Word) -> bool {
    let t = w.text.trim_matches(|c: char| !c.is_alphanumeric());
    t.chars().count() >= 3 && t.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'')
}

/// A word typed in title case, four letters or more ("Ecuador"): a country's, when no label's (a misread
/// label ends in a colon or a comma: "Clivenship,") and no sex's ("Male").
fn is_titled_country(w: &Word) -> bool {
    let t = w.text.trim_matches(|c: char| !c.is_alphanumeric());
    let mut chars = t.chars();
    let titled =
        chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'');
    titled && t.chars().count() >= 4 && !w.text.ends_with([':', ';', ',']) && sex_in(&w.text).is_none()
}

/// On the date-of-birth line: the country is the typed capitals after the date, the sex the last letter.
fn on_date_row(side: Side, row: &Line, method: String) -> Option<RawField> {
    let is_date = |w: &Word| w.text.matches('/').count() >= 2 || w.text.matches('-').count() >= 2;
    match side {
        Side::CapsAfterDate => {
            let d = row.words.iter().position(is_date)?;
            let after = &row.words[d + 1..];
            let caps: Vec<Word> = after.iter().filter(|w| is_country(w)).cloned().collect();
            raw_from(&caps, method.clone()).or_else(|| {
                // None in capitals: a country typed in title case ("Brazil", "Dominican Republic"), the
                // first run of such words after the date; a misread label before it ("[ctizenstio:") is
                // passed over, and the run ends at a word of another shape (a cell's rule, the sex).
                let start = after.iter().position(is_titled_country)?;
                let titled: Vec<Word> = after[start..].iter().take_while(|w| is_titled_country(w)).cloned().collect();
                raw_from(&titled, method)
            })
        }
        Side::LastLetter => {
            // The row's last word that holds a letter or digit (a speck or a rule's debris after it is no
            // word), after the date and a word more (the country): one letter, or the sex spelt out with
            // a stray mark glued on ("\F", "iFemale9"). A speck read as a letter or two after it ("M a")
            // is passed over while the words before are still the country's and the sex's.
            let words: Vec<&Word> = row.words.iter().filter(|w| w.text.chars().any(char::is_alphanumeric)).collect();
            let at = |k: usize| -> Option<RawField> {
                let (last, before) = (words.get(k)?, k.checked_sub(1).and_then(|b| words.get(b)));
                if before.is_none_or(|w| is_date(w)) {
                    return None;
                }
                let value = sex_in(&last.text)?;
                raw_from(&[Word { text: value.to_string(), ..(*last).clone() }], method.clone())
            };
            let last = words.len().checked_sub(1)?;
            let sex = |r: &RawField| matches!(r.raw.as_str(), "M" | "F" | "X") || r.raw.len() > 1;
            match at(last) {
                Some(r) if sex(&r) => Some(r),
                found => (1..=SPECKS_AFTER_SEX)
                    .filter_map(|n| last.checked_sub(n))
                    .take_while(|&k| !is_country(words[k + 1]))
                    .find_map(|k| at(k).filter(sex))
                    .or(found),
            }
        }
        _ => None,
    }
}

/// The digits of a value on its row's `pos.side` half: an identifier or a date, from the first word
/// holding a digit while its words do.
fn placed_digits(field: &FieldModel, pos: &Position, row: &Line, width: i32, method: String) -> Option<RawField> {
    // Label words (however misread) hold no digits; a lone "A" before the digits belongs to an A-number.
    let side: Vec<&Word> = row.words.iter().filter(|w| on_side(&w.bbox, pos.side, width)).collect();
    // A misread label ("ID:" as "11;") ends in a colon; the value does not.
    let has_digit = |w: &&Word| w.text.chars().any(|c| c.is_ascii_digit()) && !w.text.ends_with([':', ';']);
    let first = side.iter().position(has_digit)?;
    let start =
        if first > 0 && side[first - 1].text.trim_matches(|c: char| !c.is_alphanumeric()).eq_ignore_ascii_case("A") {
            first - 1
        } else {
            first
        };
    // The value runs while its words hold digits (a misread label after it does not) and stand a space
    // apart: a gap of several letters is the next cell's value ("146933110    BOS1912001296").
    let gap = 2 * median(side.iter().map(|w| w.bbox.h));
    let end = (first + 1..side.len())
        .find(|&i| !has_digit(&side[i]) || side[i].bbox.x - side[i - 1].bbox.right() > gap)
        .unwrap_or(side.len());
    let words: Vec<Word> = side[start..end].iter().map(|w| (*w).clone()).collect();
    // A date is typed with separators: digits without one are another box's (a street number).
    if field.normalize == crate::forms::models::Normalizer::Date
        && !words.iter().any(|w| w.text.contains(['/', '-', '.']))
    {
        return None;
    }
    raw_from(&words, method)
}

pub(super) fn median(v: impl Iterator<Item = i32>) -> i32 {
    let mut v: Vec<i32> = v.collect();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// An A-number a warrant page prints: its value, and the words it was read from (`method` `warrant:LABEL`).
#[derive(Debug, Clone)]
pub(crate) struct WarrantANumber {
    pub value: String,
    pub read: RawField,
}

/// The A-number an I-200 / I-205 prints after one of `labels` ("File No."), if one reads as valid.
pub(crate) fn warrant_a_number(labels: &[String], lines: &[Line]) -> Option<WarrantANumber> {
    labels.iter().find_map(|l| {
        let hit = find_label(lines, l, None)?;
        let words = &lines[hit.line].words[hit.end..];
        let words = &words[..words.len().min(4)];
        (1..=words.len()).rev().find_map(|n| {
            let joined: String = words[..n].iter().map(|w| w.text.as_str()).collect();
            let value = crate::forms::normalize::a_number(&joined).ok()?;
            Some(WarrantANumber { value, read: raw_from(&words[..n], format!("warrant:{l}"))? })
        })
    })
}

/// The fields and checkboxes of a form page from its text `lines` and `page`'s measures, as `model` says
/// where they are; what it asks for and cannot find is listed in `missing` (the reading plan reads more
/// for it, and what stays missing goes to review).
pub(crate) fn extract(model: &FormModel, lines: &[Line], page: &Measures) -> Extraction {
    let mut out = Extraction::default();
    // The fax header line is printed over the form's top: keep it out of field extraction.
    let header_bottom = (page.height as f32 * crate::page::prepare::HEADER_BAND) as i32;
    let lines: Vec<Line> = lines.iter().filter(|l| l.bbox.cy() > header_bottom).cloned().collect();
    let lines = &lines[..];
    if crate::ocr::tracing() {
        for l in lines {
            let words: Vec<String> = l.words.iter().map(|w| format!("{}@{}", w.text, w.bbox.x)).collect();
            eprintln!("line y{} h{}: {}", l.bbox.y, l.bbox.h, words.join(" "));
        }
    }
    let mut hits: BTreeMap<String, (usize, LabelHit)> = BTreeMap::new();
    // Every label of the form: where one starts, a cell (and its value) ends.
    let labels: Vec<String> = model.field.iter().flat_map(|f| f.labels.iter().cloned()).collect();
    for field in &model.field {
        let found = match field.kind {
            FieldKind::Inline | FieldKind::After => inline(field, lines, &hits, &labels),
            FieldKind::Box => boxed(field, lines),
        };
        match found {
            Some((hit, raw)) => {
                hits.insert(field.name.clone(), (hit.line, hit));
                out.fields.insert(field.name.clone(), raw);
            }
            None if field.optional => {}
            None => {}
        }
        // A value typed in digits read without one is a misread label, not the value: its place may give
        // it. A country or a sex is words ("Male"): found by its label, it stands, unless it is only marks
        // (see `unread_value`), which stay the field's reading when its place gives nothing either.
        use crate::forms::models::Normalizer as N;
        let digits = matches!(field.normalize, N::Digits | N::Event | N::ANumber | N::Date);
        let unusable = out.fields.get(&field.name).is_none_or(|f| {
            field.kind != FieldKind::Box
                && (squash(&f.raw).is_empty() || digits && !f.raw.chars().any(|c| c.is_ascii_digit()))
        });
        if unusable {
            match field.position.as_ref().and_then(|p| by_position(field, p, lines, page.width, &out.fields)) {
                Some(raw) => {
                    out.fields.insert(field.name.clone(), raw);
                }
                None if field.optional => {}
                // Found by its label but without a digit, it is missing too: the lines not read yet may
                // hold its place's anchor (the title over the identifiers' row, left out as a heading).
                None => {
                    out.missing.push(Missing::Field { name: field.name.clone(), in_box: field.kind == FieldKind::Box })
                }
            }
        }
    }
    header_alternates(model, lines, &mut out);
    let column_area = model.geometry.column_area(page.width, page.height);
    let column = model.column.map(|n| page.squares.column(column_area, n)).filter(|sq| Some(sq.len()) == model.column);
    for group in &model.checkbox_group {
        checkbox_group(group, lines, page, column.as_deref(), &mut out);
    }
    if crate::ocr::tracing() {
        let found: Vec<String> =
            out.checkboxes.iter().map(|(k, b)| format!("{k} {:.3} {:.3} {:?}", b.ink, b.beside, b.bbox)).collect();
        eprintln!("checkboxes: column {:?}; {}", column.as_ref().map(Vec::len), found.join("; "));
    }
    for field in &model.field {
        let unread = out.fields.get(&field.name).is_none_or(|f| !f.raw.chars().any(|c| c.is_ascii_digit()));
        if let (Some(cb), true) = (&field.line_of_checkbox, unread) {
            let token = field.line_token_re.as_ref();
            let raw = out
                .checkboxes
                .get(cb)
                .zip(token)
                .and_then(|(sq, re)| token_on_line(lines, sq, re, &format!("line_of:{cb}")));
            if let Some(raw) = raw {
                out.fields.insert(field.name.clone(), raw);
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "extract_tests.rs"]
mod tests;
