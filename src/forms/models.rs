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
    ("i247a.toml", include_str!("../../models/i247a.toml")),
    ("i247d.toml", include_str!("../../models/i247d.toml")),
    ("warrants.toml", include_str!("../../models/warrants.toml")),
    ("offices.toml", include_str!("../../models/offices.toml")),
    ("countries.txt", include_str!("../../models/countries.txt")),
];
/// Form models, by file name, in the order they are tried.
const FORM_FILES: &[&str] = &["i247a.toml", "i247d.toml"];

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
}

#[derive(Debug)]
pub struct Cue {
    pub band: Band,
    pub phrase: Option<String>,
    pub regex: Option<Regex>,
    pub line: bool,
    pub weight: i32,
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
    pub normalize: String,
    pub pattern: Option<String>,
    /// `pattern`, compiled once when the models load.
    #[serde(skip)]
    pub pattern_re: Option<Regex>,
    #[serde(default)]
    pub optional: bool,
    /// Fallback: a date typed on the same line as this checkbox.
    pub line_of_checkbox: Option<String>,
    /// Fallback when the printed label cannot be read: where the form puts the typed value.
    pub position: Option<Position>,
}

/// A value's place in the form's structure: on the `row`th typed row below an anchor (a bold title or
/// heading, which OCR reads where small labels fail), on the `side` half of the page; or, for `column`
/// boxes, the typed lines in that half between the anchor rows.
#[derive(Debug, Deserialize, Clone)]
pub struct Position {
    pub after: Vec<String>,
    #[serde(default)]
    pub row: usize,
    pub side: String,
    /// For boxes: the block ends at the first of these (as the field's `until` does).
    #[serde(default)]
    pub until: Vec<String>,
}

/// Printed squares in the left margin between two headings, mapped in order to `options`.
#[derive(Debug, Deserialize)]
pub struct CheckboxGroup {
    pub group: String,
    pub after: Vec<String>,
    pub before: Vec<String>,
    pub options: Vec<String>,
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
}

#[derive(Debug, Deserialize)]
pub struct FormModel {
    pub form: String,
    pub page_kind: PageKind,
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
}

fn default_heading_lines() -> usize {
    3
}

#[derive(Debug, Deserialize)]
struct WarrantSpec {
    a_number_labels: Vec<String>,
    judge_signature: String,
    officer_titles: String,
}

#[derive(Debug)]
pub struct WarrantModel {
    pub a_number_labels: Vec<String>,
    pub judge_signature: Regex,
    pub officer_titles: Regex,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Office {
    pub code: String,
    pub name: String,
    pub names: Vec<String>,
    pub places: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OfficeFile {
    office: Vec<Office>,
}

/// Every model, loaded and compiled.
#[derive(Debug)]
pub struct Models {
    pub classifier: Classifier,
    pub forms: Vec<FormModel>,
    pub warrants: WarrantModel,
    pub offices: Vec<Office>,
    /// (variant, canonical name) pairs; canonical names map to themselves.
    pub countries: Vec<(String, String)>,
    /// SHA-256 over all model files: a change means earlier results may differ.
    pub version: String,
}

fn compile_cue(c: CueSpec) -> anyhow::Result<Cue> {
    let regex = c.regex.as_deref().map(Regex::new).transpose().context("models/classify.toml: a cue's regex")?;
    anyhow::ensure!(regex.is_some() || c.phrase.is_some(), "a cue needs a phrase or a regex");
    Ok(Cue { band: c.band, phrase: c.phrase, regex, line: c.line, weight: c.weight })
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
        let mut forms = Vec::new();
        for f in FORM_FILES {
            let mut m: FormModel = toml::from_str(&load(f)?).with_context(|| format!("models/{f}"))?;
            for field in &mut m.field {
                if let Some(p) = &field.pattern {
                    field.pattern_re =
                        Some(Regex::new(p).with_context(|| format!("models/{f}: pattern of {}", field.name))?);
                }
            }
            forms.push(m);
        }
        let w: WarrantSpec = toml::from_str(&load("warrants.toml")?).context("models/warrants.toml")?;
        let warrants = WarrantModel {
            a_number_labels: w.a_number_labels,
            judge_signature: Regex::new(&w.judge_signature).context("models/warrants.toml: judge_signature")?,
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
        let version = format!("{:x}", hash.finalize())[..16].to_string();
        Ok(Models {
            classifier: Classifier { min_score: spec.min_score, kinds },
            forms,
            warrants,
            offices: offices.office,
            countries,
            version,
        })
    }

    /// The form model that reads a request page. The I-247N and I-247X share the I-247D's header block and
    /// the 2012 I-247 the I-247A's, so until they have models of their own those are used.
    pub fn form_for(&self, kind: PageKind) -> Option<&FormModel> {
        let use_kind = match kind {
            PageKind::I247n | PageKind::I247x if !self.forms.iter().any(|f| f.page_kind == kind) => PageKind::I247d,
            PageKind::I247 if !self.forms.iter().any(|f| f.page_kind == kind) => PageKind::I247aRequest,
            k => k,
        };
        self.forms.iter().find(|f| f.page_kind == use_kind)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_models_load() {
        let m = super::Models::builtin().unwrap();
        assert!(m.classifier.kinds.len() >= 10);
        assert_eq!(m.forms[0].form, "I-247A");
        assert!(m.offices.iter().any(|o| o.code == "LESC"));
        assert!(m.countries.iter().any(|(v, c)| v == "VIET NAM" && c == "VIETNAM"));
        // The same files from the folder give the same version as the built-in copy.
        let d = super::Models::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")).unwrap();
        assert_eq!(d.version, m.version);
    }
}
