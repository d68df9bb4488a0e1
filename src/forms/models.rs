//! Form knowledge loaded from `models/`: classification cues, form models, warrant checks, the office
//! gazetteer and the country list. The files are compiled into the binary as defaults (so a lone binary
//! works) and can be replaced at run time with `--models DIR`. Adding a form revision means adding a
//! model file, not editing extraction code.

use anyhow::Context;
use regex::Regex;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

use crate::record::PageKind;

const BUILTIN: &[(&str, &str)] = &[
    ("classify.toml", include_str!("../../models/classify.toml")),
    ("forms.toml", include_str!("../../models/forms.toml")),
    ("i247a.toml", include_str!("../../models/i247a.toml")),
    ("i247.toml", include_str!("../../models/i247.toml")),
    ("i247d.toml", include_str!("../../models/i247d.toml")),
    ("warrants.toml", include_str!("../../models/warrants.toml")),
    ("offices.toml", include_str!("../../models/offices.toml")),
    ("countries.txt", include_str!("../../models/countries.txt")),
    ("calibration.toml", include_str!("../../models/calibration.toml")),
    ("names.txt", include_str!("../../models/names.txt")),
    ("world_names.txt", include_str!("../../models/world_names.txt")),
    ("common_names.txt", include_str!("../../models/common_names.txt")),
];

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Top,
    Bottom,
    Page,
}

#[derive(Debug, Deserialize)]
pub struct CueSpec {
    pub band: Band,
    pub phrase: Option<String>,
    pub regex: Option<String>,
    #[serde(default)]
    pub line: bool,
    #[serde(default)]
    pub weight: i32,
    /// For a reject cue: another cue that, matched, voids it (a footer's page number misread on a page
    /// that prints the request's field rows).
    #[serde(default)]
    pub unless: Option<Box<CueSpec>>,
}

#[derive(Debug)]
pub struct Cue {
    pub band: Band,
    pub phrase: Option<String>,
    pub regex: Option<Regex>,
    pub line: bool,
    pub weight: i32,
    pub unless: Option<Box<Cue>>,
}

#[derive(Debug, Deserialize)]
struct KindSpec {
    kind: PageKind,
    cues: Vec<CueSpec>,
    #[serde(default)]
    reject: Vec<CueSpec>,
}

#[derive(Debug, Deserialize)]
struct ClassifySpec {
    min_score: i32,
    kind: Vec<KindSpec>,
}

#[derive(Debug)]
pub struct KindModel {
    pub kind: PageKind,
    pub cues: Vec<Cue>,
    /// Any of these matching rules the kind out.
    pub reject: Vec<Cue>,
}

#[derive(Debug)]
pub struct Classifier {
    pub min_score: i32,
    pub kinds: Vec<KindModel>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Inline,
    Box,
    After,
}

/// How a field's raw text becomes its value (see `forms::normalize`).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Normalizer {
    /// Digits only (look-alike letters mapped): a subject ID.
    Digits,
    /// Uppercase letters and digits: an event number.
    Event,
    /// `A` + 9 digits from any print style.
    ANumber,
    /// An ISO date from MM/DD/YYYY and its misreads.
    Date,
    /// "FAMILY, GIVEN" as printed.
    Name,
    /// M, F or X.
    Sex,
    /// A country of the gazetteer (`countries.txt`).
    Country,
    /// An issuing office of the gazetteer (`offices.toml`).
    Office,
}

#[derive(Debug, Deserialize)]
pub struct FieldModel {
    pub name: String,
    pub kind: FieldKind,
    pub labels: Vec<String>,
    #[serde(default)]
    pub stop: Vec<String>,
    #[serde(default)]
    pub until: Vec<String>,
    pub same_line_as: Option<String>,
    pub normalize: Normalizer,
    pub pattern: Option<String>,
    /// `pattern`, compiled once when the models load.
    #[serde(skip)]
    pub pattern_re: Option<Regex>,
    #[serde(default)]
    pub optional: bool,
    /// Fallback: a date typed on the same line as this checkbox...
    pub line_of_checkbox: Option<String>,
    /// ...a word matching this (OCR's look-alikes of digits allowed), right of the box.
    pub line_token: Option<String>,
    /// `line_token`, compiled once when the models load.
    #[serde(skip)]
    pub line_token_re: Option<Regex>,
    /// Fallback when the printed label cannot be read: where the form puts the typed value.
    pub position: Option<Position>,
    /// The value may be typed below its label, in the label's ruled cell, when nothing follows the label
    /// on its line (a printing that sets the form as a grid of cells; see `forms::cells`).
    #[serde(default)]
    pub below: bool,
    /// Whether a confident value of the field is check read by the legacy engine (`plan::reread`): false
    /// where the check read was measured not to tell a misread value from a right one, so it costs an OCR
    /// call for nothing. Identifiers and dates only; other kinds are never check read.
    #[serde(default = "check_read_default")]
    pub check_read: bool,
}

fn check_read_default() -> bool {
    true
}

/// Where on its row a value sits, when found by position.
#[derive(Debug, Deserialize, serde::Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The left half of the page.
    Left,
    /// The right half.
    Right,
    /// The typed capitals after the row's date (a country after the date of birth).
    CapsAfterDate,
    /// The row's last word when it is one letter (sex).
    LastLetter,
    /// A name typed `FAMILY, GIVEN`: the run of capitalised words around a comma, on the first lines after
    /// the anchor.
    Name,
}

/// A value's place in the form's structure: on the `row`th typed row below an anchor (a bold title or
/// heading, which OCR reads where small labels fail), on the `side` half of the page; or, for `column`
/// boxes, the typed lines in that half between the anchor rows.
#[derive(Debug, Deserialize, Clone)]
pub struct Position {
    pub after: Vec<String>,
    #[serde(default)]
    pub row: usize,
    pub side: Side,
    /// For boxes: the block ends at the first of these (as the field's `until` does).
    #[serde(default)]
    pub until: Vec<String>,
    /// For the name (`side = "name"`) when no `after` anchor has it below: one of these labels, the name
    /// typed on a line just above it (the date of birth's, under the name in every printing).
    #[serde(default)]
    pub before: Vec<String>,
    /// Tried first: `[row, of, index]`, the value is the `index`th (from 0) of the `row`th typed row's
    /// values when that row holds exactly `of` of them (a printing that sets the values side by side in
    /// one row of cells); else `row` and `side` place it.
    #[serde(default)]
    pub cell: Option<[usize; 3]>,
    /// When no `after` anchor is found: the row that holds this field's value, found already (the date of
    /// birth's, by its label), for the sides that read a row by its date (`caps_after_date`, `last_letter`).
    #[serde(default)]
    pub row_of: Option<String>,
}

/// What a checkbox group tells the record.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum GroupField {
    ProbableCause,
    CancelsPrevious,
    /// The I-247A's box 2 ("DHS transferred the alien to your custody"), the request's other basis
    /// ("complete box 1 or 2"): no record field; ticked, it tells that no probable-cause box is expected.
    Transfer,
}

/// Printed squares in the left margin between two headings, mapped in order to `options`.
#[derive(Debug, Deserialize)]
pub struct CheckboxGroup {
    pub group: String,
    /// The record field the group answers: `probable_cause` (the ticked options' names, in order) or
    /// `cancels_previous` (whether its one box is ticked).
    pub field: GroupField,
    pub after: Vec<String>,
    pub before: Vec<String>,
    pub options: Vec<String>,
    /// The record value each option stands for, when not its own name ("": none); as many as `options`
    /// or none. The 2012 I-247's boxes say what DHS has done, two of them one probable cause.
    #[serde(default)]
    pub causes: Vec<String>,
    /// "all" (default): one square per option, in order; "last": only the last square found.
    #[serde(default)]
    pub take: Option<String>,
    /// Other numbers of squares the region may hold when a fallback anchor was used; the last
    /// `options.len()` of them are the group's.
    #[serde(default)]
    pub counts: Vec<usize>,
    /// The group's squares by position in the form's left-margin column (`FormModel::column`), start and
    /// end index: used when exactly that column is found, before any heading is needed.
    #[serde(default)]
    pub column_range: Option<[usize; 2]>,
    /// Read only from the column (`column_range`), never placed by its headings: a box read to
    /// corroborate others is not worth reading more of the page for.
    #[serde(default)]
    pub column_only: bool,
    /// Headings a printing sets where the group would stand when it prints none of its boxes (the I-247N's
    /// section 1 lists enforcement priorities only): read, with the group's squares not found, the group
    /// is not on the page, so its field has no boxes to read rather than boxes unread.
    #[serde(default)]
    pub not_printed_when: Vec<String>,
    /// The group's one square is found by its own sentence, printed on the square's line (the I-247D's
    /// cancel box: "If checked: please cancel the detainer ..."), not by headings or the column: printings
    /// of a form differ in whether they carry it, and a square elsewhere in the margin (a bullet's ICE
    /// box) must not be taken for it. When no line read holds the sentence beside a square, the group is
    /// not printed (`forms::extract::sentence_square`), so it asks for no review.
    #[serde(default)]
    pub on_line: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct FormModel {
    pub form: String,
    pub field: Vec<FieldModel>,
    #[serde(default)]
    pub checkbox_group: Vec<CheckboxGroup>,
    /// How many checkbox squares the form prints in its left-margin column, top to bottom. When exactly
    /// that many are found, groups take theirs by `column_range`, so no heading needs to be read.
    #[serde(default)]
    pub column: Option<usize>,
    /// Text lines of the heading printed just above that column. Zonal OCR leaves them out of its first
    /// read of the typed fields (they are long prose lines, and the column's squares are found without
    /// them); a wrong guess costs only a second, wider read.
    #[serde(default = "default_heading_lines")]
    pub column_heading_lines: usize,
    /// The form prints two boxes side by side of which only the right one holds a field (the TO box of a
    /// detainer names the recipient; the FROM box the issuing office): lines inside the boxes are read on
    /// the right box's side only, when the boxes' edges are found (see `zones::right_box`).
    #[serde(default)]
    pub right_box_only: bool,
    /// Where the form's parts lie on the page.
    #[serde(default)]
    pub geometry: FormGeometry,
}

fn default_heading_lines() -> usize {
    3
}

/// Where a form's parts lie, as shares of the page: what the reading plan and extraction look at. The
/// defaults are the I-247A's and I-247D's, measured on their printings.
#[derive(Debug, Deserialize, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct FormGeometry {
    /// The checkbox column's area: left, top, width, height.
    pub column_area: [f64; 4],
    /// A column starting above this share of the height ends the typed fields...
    pub fields_end_max: f32,
    /// ...else they are looked for down to this share.
    pub fields_fallback: f32,
    /// Lines below the column's last square where its last group's closing heading may be.
    pub column_tail_lines: i32,
    /// A box's first line is its printed label when at most this share as tall as the typed lines under
    /// it (measured: 18-20 px against 25-31 at fine resolution); a label run into a typed line is taller.
    pub box_label_height: f32,
    /// How much of a box label's line is read, inches: "FROM: (Dep" at the label's type size.
    pub box_label_start: f32,
}

impl Default for FormGeometry {
    fn default() -> Self {
        FormGeometry {
            column_area: [0.0, 0.2, 0.2, 0.7],
            fields_end_max: 0.70,
            fields_fallback: 0.45,
            column_tail_lines: 5,
            box_label_height: 0.8,
            box_label_start: 0.8,
        }
    }
}

impl FormGeometry {
    /// The column's area on a page of `width` x `height` pixels.
    pub fn column_area(&self, width: i32, height: i32) -> crate::page::geometry::Rect {
        // Shares of whole pixels, floored as integer division would (h * 7 / 10), not as f32 rounding.
        let part = |len: i32, share: f64| (len as f64 * share + 1e-9).floor() as i32;
        let [x, y, w, h] = self.column_area;
        crate::page::geometry::Rect::new(part(width, x), part(height, y), part(width, w), part(height, h))
    }
}

/// One detainer form in the registry (`forms.toml`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct FormEntry {
    /// The name records carry in `form`.
    pub name: String,
    /// The kind the classifier gives the form's first page (the request).
    pub page_kind: PageKind,
    /// The model file that reads its fields.
    pub model: String,
    /// Rescinded in 2017 but still arriving.
    #[serde(default)]
    pub legacy: bool,
    /// The form whose title this one prints, when another's (the 2012 I-247 the I-247A's): a page taken
    /// for either after a request of the other may be that request's notice.
    #[serde(default)]
    pub same_title_as: Option<String>,
}

impl FormEntry {
    /// Whether pages of this form and `other` can be taken for each other: one model reads both, or one
    /// prints the other's title.
    pub fn looks_like(&self, other: &FormEntry) -> bool {
        self.model == other.model
            || self.same_title_as.as_deref() == Some(other.name.as_str())
            || other.same_title_as.as_deref() == Some(self.name.as_str())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Registry {
    form: Vec<FormEntry>,
}

#[derive(Debug, Deserialize)]
struct WarrantSpec {
    a_number_labels: Vec<String>,
    name_cues: Vec<String>,
    name_end_cues: Vec<String>,
    judge_signature: String,
    judge_words: Vec<String>,
    officer_titles: String,
}

#[derive(Debug)]
pub struct WarrantModel {
    pub a_number_labels: Vec<String>,
    /// Printed words next to which an I-200 / I-205 types the alien's name, squashed (`labels::squash`).
    pub name_cues: Vec<String>,
    /// Printed words right after the name, on its line or the next, squashed.
    pub name_end_cues: Vec<String>,
    pub judge_signature: Regex,
    /// The words of a judge's block a poor scan misspells, upper case: a line is matched against
    /// `judge_signature` a second time with its words read as these.
    pub judge_words: Vec<String>,
    pub officer_titles: Regex,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Office {
    pub code: String,
    pub name: String,
    pub names: Vec<String>,
    pub places: Vec<String>,
    /// The three letters its event numbers start with, when not its code (a national center's).
    #[serde(default)]
    pub event_code: Option<String>,
}

impl Office {
    /// The three letters an event number this office issued starts with.
    pub fn event_code(&self) -> Option<&str> {
        self.event_code.as_deref().or(Some(self.code.as_str()).filter(|c| c.len() == 3))
    }
}

#[derive(Debug, Deserialize)]
struct OfficeFile {
    office: Vec<Office>,
}

/// Every model, loaded and compiled.
#[derive(Debug)]
pub struct Models {
    pub classifier: Classifier,
    /// The detainer forms, as `forms.toml` lists them.
    pub registry: Vec<FormEntry>,
    /// The form models the registry names, by file name.
    pub forms: Vec<(String, FormModel)>,
    pub warrants: WarrantModel,
    pub offices: Vec<Office>,
    /// The three letters event numbers start with, every office's (`Office::event_code`).
    pub event_codes: Vec<String>,
    /// (variant, canonical name) pairs; canonical names map to themselves.
    pub countries: Vec<(String, String)>,
    /// How a field's evidence becomes the probability its value is right (`calibration.toml`).
    pub calibration: crate::review::calibration::Calibration,
    /// The commonest name parts (`common_names.txt`): what a misread part may be respelt as.
    pub common_names: crate::review::calibration::NameParts,
    /// SHA-256 over all model files: a change means earlier results may differ.
    pub version: String,
}

fn compile_cue(c: CueSpec) -> anyhow::Result<Cue> {
    let regex = c.regex.as_deref().map(Regex::new).transpose().context("models/classify.toml: a cue's regex")?;
    anyhow::ensure!(regex.is_some() || c.phrase.is_some(), "a cue needs a phrase or a regex");
    let unless = c.unless.map(|u| compile_cue(*u).map(Box::new)).transpose()?;
    Ok(Cue { band: c.band, phrase: c.phrase, regex, line: c.line, weight: c.weight, unless })
}

/// A model that names a field the record does not have, or a probable cause it does not know, would
/// lose values silently: it is refused when the models load.
fn check_form(file: &str, m: &FormModel) -> anyhow::Result<()> {
    for f in &m.field {
        anyhow::ensure!(crate::review::is_typed_value(&f.name), "models/{file}: no record field is named {}", f.name);
    }
    for g in m.checkbox_group.iter().filter(|g| g.field == GroupField::ProbableCause) {
        anyhow::ensure!(
            g.causes.is_empty() || g.causes.len() == g.options.len(),
            "models/{file}: group {}: {} causes for {} options",
            g.group,
            g.causes.len(),
            g.options.len()
        );
        let causes = if g.causes.is_empty() { &g.options } else { &g.causes };
        // "" in `causes`: the box stands for no cause.
        for c in causes.iter().filter(|c| !c.is_empty()) {
            anyhow::ensure!(
                crate::record::ProbableCause::from_option(c).is_some(),
                "models/{file}: group {}: {c} is not a probable cause",
                g.group
            );
        }
    }
    Ok(())
}

impl Models {
    /// The models compiled into the binary.
    pub fn builtin() -> anyhow::Result<Models> {
        Models::from_files(|name| {
            BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()).context("missing built-in model")
        })
    }

    /// Models read from a folder holding the same files as `models/`.
    pub fn from_dir(dir: &Path) -> anyhow::Result<Models> {
        Models::from_files(|name| {
            std::fs::read_to_string(dir.join(name))
                .with_context(|| format!("reading model {}", dir.join(name).display()))
        })
    }

    fn from_files(read: impl Fn(&str) -> anyhow::Result<String>) -> anyhow::Result<Models> {
        let mut hash = Sha256::new();
        let mut load = |name: &str| -> anyhow::Result<String> {
            let text = read(name)?;
            hash.update(name.as_bytes());
            hash.update(text.as_bytes());
            Ok(text)
        };
        let spec: ClassifySpec = toml::from_str(&load("classify.toml")?).context("models/classify.toml")?;
        let mut kinds = Vec::new();
        for k in spec.kind {
            kinds.push(KindModel {
                kind: k.kind,
                cues: k.cues.into_iter().map(compile_cue).collect::<anyhow::Result<_>>()?,
                reject: k.reject.into_iter().map(compile_cue).collect::<anyhow::Result<_>>()?,
            });
        }
        let registry: Registry = toml::from_str(&load("forms.toml")?).context("models/forms.toml")?;
        for e in &registry.form {
            if let Some(other) = &e.same_title_as {
                anyhow::ensure!(
                    registry.form.iter().any(|f| &f.name == other),
                    "models/forms.toml: {}: same_title_as names no form: {other}",
                    e.name
                );
            }
        }
        let mut forms: Vec<(String, FormModel)> = Vec::new();
        for f in registry.form.iter().map(|e| e.model.as_str()) {
            if forms.iter().any(|(n, _)| n == f) {
                continue;
            }
            let mut m: FormModel = toml::from_str(&load(f)?).with_context(|| format!("models/{f}"))?;
            for field in &mut m.field {
                if let Some(p) = &field.pattern {
                    field.pattern_re =
                        Some(Regex::new(p).with_context(|| format!("models/{f}: pattern of {}", field.name))?);
                }
                if let Some(p) = &field.line_token {
                    field.line_token_re =
                        Some(Regex::new(p).with_context(|| format!("models/{f}: line_token of {}", field.name))?);
                }
            }
            check_form(f, &m)?;
            forms.push((f.to_string(), m));
        }
        let w: WarrantSpec = toml::from_str(&load("warrants.toml")?).context("models/warrants.toml")?;
        let warrants = WarrantModel {
            a_number_labels: w.a_number_labels,
            name_cues: w.name_cues.iter().map(|c| crate::forms::labels::squash(c)).collect(),
            name_end_cues: w.name_end_cues.iter().map(|c| crate::forms::labels::squash(c)).collect(),
            judge_signature: Regex::new(&w.judge_signature).context("models/warrants.toml: judge_signature")?,
            judge_words: w.judge_words.iter().map(|s| s.to_uppercase()).collect(),
            officer_titles: Regex::new(&w.officer_titles).context("models/warrants.toml: officer_titles")?,
        };
        let offices: OfficeFile = toml::from_str(&load("offices.toml")?).context("models/offices.toml")?;
        let countries = load("countries.txt")?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.split_once('=') {
                Some((a, b)) => (a.trim().to_string(), b.trim().to_string()),
                None => (l.to_string(), l.to_string()),
            })
            .collect();
        let calibration = crate::review::calibration::Calibration::parse(&load("calibration.toml")?)
            .context("models/calibration.toml")?
            .with_name_parts(&format!("{}\n{}", load("names.txt")?, load("world_names.txt")?));
        let common_names = crate::review::calibration::NameParts::parse(&load("common_names.txt")?);
        let version = format!("{:x}", hash.finalize())[..16].to_string();
        Ok(Models {
            classifier: Classifier { min_score: spec.min_score, kinds },
            registry: registry.form,
            forms,
            warrants,
            event_codes: offices.office.iter().filter_map(|o| o.event_code().map(String::from)).collect(),
            offices: offices.office,
            countries,
            calibration,
            common_names,
            version,
        })
    }

    /// The detainer form whose request page `kind` is, if it is one.
    pub fn request_form(&self, kind: PageKind) -> Option<&FormEntry> {
        self.registry.iter().find(|e| e.page_kind == kind)
    }

    /// The form model that reads a request page of `kind`.
    pub fn form_for(&self, kind: PageKind) -> Option<&FormModel> {
        let entry = self.request_form(kind)?;
        self.forms.iter().find(|(n, _)| *n == entry.model).map(|(_, m)| m)
    }

    /// The request page kind of the form that prints the same title as the form of `kind`, read with
    /// another model (the 2012 I-247 and the I-247A), if there is one.
    pub fn title_twin(&self, kind: PageKind) -> Option<PageKind> {
        let entry = self.request_form(kind)?;
        self.registry.iter().find(|e| e.model != entry.model && e.looks_like(entry)).map(|e| e.page_kind)
    }
}

#[cfg(test)]
mod tests {
    use crate::record::PageKind;

    #[test]
    fn builtin_models_load() {
        let m = super::Models::builtin().unwrap();
        assert!(m.classifier.kinds.len() >= 10);
        assert_eq!(m.form_for(PageKind::I247aRequest).unwrap().form, "I-247A");
        assert_eq!(m.request_form(PageKind::I247x).unwrap().name, "I-247X");
        assert_eq!(m.form_for(PageKind::I247x).unwrap().form, "I-247D");
        assert_eq!(m.title_twin(PageKind::I247aRequest), Some(PageKind::I247));
        assert_eq!(m.title_twin(PageKind::I247), Some(PageKind::I247aRequest));
        assert_eq!(m.title_twin(PageKind::I247d), None);
        assert!(m.request_form(PageKind::I200).is_none());
        assert!(m.offices.iter().any(|o| o.code == "LESC"));
        assert!(m.countries.iter().any(|(v, c)| v == "VIET NAM" && c == "VIETNAM"));
        // The same files from the folder give the same version as the built-in copy.
        let d = super::Models::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")).unwrap();
        assert_eq!(d.version, m.version);
    }
}
