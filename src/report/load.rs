//! Reading record files (JSON Lines) leniently.
//!
//! * Every non-blank line must be one record (`serde_json::from_str::<Record>`; unknown keys are ignored).
//!   A line that does not parse, is not UTF-8, or carries another schema tag is an [`InputError`]: listed in
//!   the report, never silently dropped, and it makes the command exit 1. Blank lines are skipped.
//! * A record file that cannot be read at all is also an input error (the report is still made from the
//!   other files), so that one missing shard cannot go unnoticed but does not stop the rest.
//! * Shards may overlap (a shard file given twice, a re-run): records that describe the same document, i.e.
//!   the same `source.sha256` and `source.pages`, are the same record. The first one read (in command-line
//!   order, then line order) is kept; the others are listed in [`Repeated`] and counted once.
//!   When `sha256` is empty (an error record for a file that could not be hashed) the path stands in for it.

use crate::record::{Record, SCHEMA};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where one record came from: which record file and which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    pub input: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub origin: Origin,
    pub record: Record,
}

/// A line (or a whole record file) that could not be read as a record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InputError {
    pub input: String,
    /// 1-based line; `None` when the file itself could not be read.
    pub line: Option<usize>,
    pub message: String,
}

/// A record read more than once (same `source.sha256` and `source.pages`), counted once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repeated {
    pub path: String,
    pub sha256: String,
    pub pages: Vec<u32>,
    /// The occurrence that is counted.
    pub kept: Origin,
    /// Every other occurrence, not counted.
    pub repeats: Vec<Origin>,
    /// False when a repeat differs from the kept record in any field (e.g. two pipeline versions): worth a look.
    pub identical: bool,
}

#[derive(Debug, Default)]
pub struct LoadSet {
    /// Distinct records in reading order.
    pub records: Vec<Loaded>,
    pub input_errors: Vec<InputError>,
    pub repeated: Vec<Repeated>,
    /// Record files named on the command line, as given.
    pub inputs: Vec<String>,
    /// Non-blank lines read.
    pub lines: usize,
    /// Lines that parsed as records (before repeats were set aside).
    pub parsed: usize,
}

/// The record-identity key: (sha256 or path, pages).
fn identity(r: &Record) -> (String, Vec<u32>) {
    let id = if r.source.sha256.trim().is_empty() {
        format!("path:{}", r.source.path)
    } else {
        r.source.sha256.trim().to_ascii_lowercase()
    };
    (id, r.source.pages.clone())
}

/// Reads every record file. Never fails: problems become [`InputError`]s.
pub fn load(paths: &[PathBuf]) -> LoadSet {
    let mut out = LoadSet::default();
    let mut seen: BTreeMap<(String, Vec<u32>), (usize, Option<usize>)> = BTreeMap::new();
    for p in paths {
        let input = p.display().to_string();
        out.inputs.push(input.clone());
        let bytes = match std::fs::read(p) {
            Ok(b) => b,
            Err(e) => {
                out.input_errors.push(InputError { input, line: None, message: format!("cannot read: {e}") });
                continue;
            }
        };
        for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
            let line_no = i + 1;
            let err = |message: String| InputError { input: input.clone(), line: Some(line_no), message };
            let text = match std::str::from_utf8(raw) {
                Ok(t) => t,
                Err(e) => {
                    out.lines += 1;
                    out.input_errors.push(err(format!("not UTF-8: {e}")));
                    continue;
                }
            };
            let text = text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            out.lines += 1;
            let record: Record = match serde_json::from_str(text) {
                Ok(r) => r,
                Err(e) => {
                    out.input_errors.push(err(format!("not a record: {e}")));
                    continue;
                }
            };
            if record.schema != SCHEMA {
                out.input_errors.push(err(format!("unsupported schema `{}` (expected `{SCHEMA}`)", record.schema)));
                continue;
            }
            out.parsed += 1;
            let origin = Origin { input: input.clone(), line: line_no };
            let key = identity(&record);
            match seen.get_mut(&key) {
                Some((kept, rep)) => {
                    let kept_rec = &out.records[*kept];
                    let same = kept_rec.record == record;
                    let idx = match rep {
                        Some(j) => *j,
                        None => {
                            out.repeated.push(Repeated {
                                path: kept_rec.record.source.path.clone(),
                                sha256: kept_rec.record.source.sha256.clone(),
                                pages: kept_rec.record.source.pages.clone(),
                                kept: kept_rec.origin.clone(),
                                repeats: Vec::new(),
                                identical: true,
                            });
                            *rep = Some(out.repeated.len() - 1);
                            out.repeated.len() - 1
                        }
                    };
                    out.repeated[idx].repeats.push(origin);
                    out.repeated[idx].identical &= same;
                }
                None => {
                    seen.insert(key, (out.records.len(), None));
                    out.records.push(Loaded { origin, record });
                }
            }
        }
    }
    out.repeated.sort_by(|a, b| (&a.path, &a.pages, &a.kept).cmp(&(&b.path, &b.pages, &b.kept)));
    out
}
