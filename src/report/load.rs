//! Reading record files (JSON Lines) leniently.
//!
//! * Every non-blank line must be one record (`serde_json::from_str::<Record>`; unknown keys are ignored).
//!   A line that does not parse, is not UTF-8, or carries another schema tag is an [`InputError`]: listed in
//!   the report, never silently dropped, and it makes the command exit 1. Blank lines are skipped.
//! * A folder stands for the `*.jsonl` files directly in it, in name order (a folder of shard outputs,
//!   `records-0-of-8.jsonl` ...). Other names are left alone, so a shard still writing to a `.part` file is
//!   not read half-done; a folder with no record file at all is an input error, not an empty report.
//! * A record file that does not exist or cannot be read, or a folder that holds none, is an input error with
//!   no line number: the commands refuse to count without it (exit 4), so that a missing shard can never
//!   become a report of zeros or a short count.
//! * Files are read a line at a time into a [`RecordView`] (only what the count reads), so that memory
//!   follows the number of records, not the size of the files.
//! * Shards may overlap (a shard file given twice, a re-run): records that describe the same document, i.e.
//!   the same `source.sha256` and `source.pages`, are the same record. The first one read (in command-line
//!   order, then line order) is kept; the others are listed in [`Repeated`] and counted once. Whether a repeat
//!   is identical is judged on its line's text (a hash of it), not field by field.
//!   When `sha256` is empty (an error record for a file that could not be hashed) the path stands in for it.

use super::record_view::RecordView;
use crate::record::SCHEMA;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Where one record came from: which record file and which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) struct Origin {
    pub input: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub origin: Origin,
    pub record: RecordView,
}

/// A line (or a whole record file) that could not be read as a record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct InputError {
    pub input: String,
    /// 1-based line; `None` when the file itself could not be read.
    pub line: Option<usize>,
    pub message: String,
}

/// A record read more than once (same `source.sha256` and `source.pages`), counted once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Repeated {
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

#[derive(Debug, Clone, Default)]
pub(crate) struct LoadSet {
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

impl LoadSet {
    /// Input errors about whole files (missing, unreadable, a folder without record files): the count
    /// would be short without them.
    pub fn missing_inputs(&self) -> impl Iterator<Item = &InputError> {
        self.input_errors.iter().filter(|e| e.line.is_none())
    }
}

/// The record-identity key: (sha256 or path, pages).
fn identity(r: &RecordView) -> (String, &[u32]) {
    let id = if r.source.sha256.trim().is_empty() {
        format!("path:{}", r.source.path)
    } else {
        r.source.sha256.trim().to_ascii_lowercase()
    };
    (id, &r.source.pages)
}

/// The identity as a hash: the map of records seen holds this, not a copy of every sha256.
fn identity_hash(r: &RecordView) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    identity(r).hash(&mut h);
    h.finish()
}

/// The record files named: files as given, folders replaced by the `*.jsonl` files directly in them (name
/// order; hidden files skipped). A folder that cannot be listed or holds none is an [`InputError`].
pub(crate) fn record_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let input = p.display().to_string();
        let entries = match std::fs::read_dir(p) {
            Ok(e) => e,
            Err(e) => {
                errors.push(InputError { input, line: None, message: format!("cannot list folder: {e}") });
                continue;
            }
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|f| {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                name.ends_with(".jsonl") && !name.starts_with('.') && !f.is_dir()
            })
            .collect();
        if found.is_empty() {
            errors.push(InputError { input, line: None, message: "folder holds no *.jsonl record file".into() });
        }
        found.sort();
        files.extend(found);
    }
    (files, errors)
}

/// What is known of a record already read: where it is kept, its line's hash, its entry in `repeated`.
struct Seen {
    kept: usize,
    hash: u64,
    repeated: Option<usize>,
}

/// Reads every record file (folders: their `*.jsonl` files). Never fails: problems become [`InputError`]s.
pub(crate) fn load(paths: &[PathBuf]) -> LoadSet {
    let mut out = LoadSet::default();
    let mut seen: HashMap<u64, Vec<Seen>> = HashMap::new();
    let (paths, folder_errors) = record_files(paths);
    out.input_errors = folder_errors;
    for p in &paths {
        let input = p.display().to_string();
        out.inputs.push(input.clone());
        if let Err(e) = read_file(p, &input, &mut out, &mut seen) {
            out.input_errors.push(InputError { input, line: None, message: format!("cannot read: {e}") });
        }
    }
    out.repeated.sort_by(|a, b| (&a.path, &a.pages, &a.kept).cmp(&(&b.path, &b.pages, &b.kept)));
    out
}

/// Reads one record file line by line into `out`. `Err` when the file cannot be opened or read.
fn read_file(p: &Path, input: &str, out: &mut LoadSet, seen: &mut HashMap<u64, Vec<Seen>>) -> std::io::Result<()> {
    let mut rd = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(p)?);
    let mut raw = Vec::new();
    let mut line_no = 0;
    loop {
        raw.clear();
        if rd.read_until(b'\n', &mut raw)? == 0 {
            return Ok(());
        }
        line_no += 1;
        let err = |message: String| InputError { input: input.to_string(), line: Some(line_no), message };
        let text = match std::str::from_utf8(&raw) {
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
        let record: RecordView = match serde_json::from_str(text) {
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
        let origin = Origin { input: input.to_string(), line: line_no };
        add_record(out, seen, origin, record, text_hash(text));
    }
}

fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Keeps a record, or lists it as a repeat of the one already kept for the same document.
fn add_record(out: &mut LoadSet, seen: &mut HashMap<u64, Vec<Seen>>, origin: Origin, record: RecordView, hash: u64) {
    // Records whose identities hash alike are told apart by their identities.
    let bucket = seen.entry(identity_hash(&record)).or_default();
    let Some(s) = bucket.iter_mut().find(|s| identity(&out.records[s.kept].record) == identity(&record)) else {
        bucket.push(Seen { kept: out.records.len(), hash, repeated: None });
        out.records.push(Loaded { origin, record });
        return;
    };
    let idx = *s.repeated.get_or_insert_with(|| {
        let kept = &out.records[s.kept];
        out.repeated.push(Repeated {
            path: kept.record.source.path.clone(),
            sha256: kept.record.source.sha256.clone(),
            pages: kept.record.source.pages.clone(),
            kept: kept.origin.clone(),
            repeats: Vec::new(),
            identical: true,
        });
        out.repeated.len() - 1
    });
    out.repeated[idx].repeats.push(origin);
    out.repeated[idx].identical &= s.hash == hash;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Kind, Record, Source};

    fn line(path: &str) -> String {
        let r = Record::new(
            Kind::Other,
            Source {
                path: path.into(),
                sha256: format!("{:0>64x}", crate::shard::path_hash(path)),
                pages: vec![1],
                page_count: 1,
            },
        );
        serde_json::to_string(&r).unwrap() + "\n"
    }

    #[test]
    fn shard_outputs_folder_reads_its_jsonl_files_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let shards = dir.path().join("records");
        std::fs::create_dir(&shards).unwrap();
        std::fs::write(shards.join("records-1-of-2.jsonl"), line("b/x.tif")).unwrap();
        std::fs::write(shards.join("records-0-of-2.jsonl"), line("a.tif")).unwrap();
        // Not record files: a shard still writing, a note, a hidden file.
        std::fs::write(shards.join("records-2-of-3.jsonl.part"), "{half a rec").unwrap();
        std::fs::write(shards.join("README.txt"), "not json").unwrap();
        std::fs::write(shards.join(".records-0-of-2.jsonl.swp"), "x").unwrap();
        let extra = dir.path().join("extra.jsonl");
        std::fs::write(&extra, line("c.tif")).unwrap();

        let set = load(&[shards.clone(), extra.clone()]);
        assert!(set.input_errors.is_empty(), "{:?}", set.input_errors);
        let want: Vec<String> = [shards.join("records-0-of-2.jsonl"), shards.join("records-1-of-2.jsonl"), extra]
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(set.inputs, want);
        let paths: Vec<&str> = set.records.iter().map(|r| r.record.source.path.as_str()).collect();
        assert_eq!(paths, ["a.tif", "b/x.tif", "c.tif"]);

        // The same folder twice: every record is a repeat, counted once.
        let twice = load(&[shards.clone(), shards]);
        assert_eq!(twice.records.len(), 2);
        assert_eq!(twice.repeated.len(), 2);
        assert!(twice.repeated.iter().all(|r| r.identical && r.repeats.len() == 1));
    }

    #[test]
    fn shard_outputs_folder_without_records_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("records-0-of-1.jsonl.part"), line("a.tif")).unwrap();
        let set = load(&[dir.path().to_path_buf()]);
        assert!(set.records.is_empty());
        assert_eq!(set.input_errors.len(), 1);
        assert_eq!(set.input_errors[0].message, "folder holds no *.jsonl record file");
        assert_eq!(set.input_errors[0].line, None);
    }
}
