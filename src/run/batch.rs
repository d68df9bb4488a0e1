//! `faxtract run` as a batch job: inputs through the worker processes (see `worker`) into the output,
//! optionally incremental over a state folder (see `state`).
//!
//! Without a state folder, records are written in input order as files finish (to stdout, or to a
//! temporary file renamed over `--out` at the end). With one, each finished file's records are stored in
//! the state at once (so a killed run loses only the files in flight), files whose entry already exists
//! are not read again, and the output is regenerated from the state in input order, streamed entry by
//! entry, into a temporary file renamed over `--out`. Then entries no input referenced are removed.

use crate::error::ErrorCode;
use crate::input::walk::Input;
use crate::pipeline::{FileResult, Summary};
use crate::record::{Kind, Record};
use crate::run::emit::JsonlWriter;
use crate::run::state::{self, State};
use crate::run::worker::{self, Task};
use anyhow::Context;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

pub struct Options {
    /// `--out`: None or `-` is stdout (not allowed with `state`).
    pub out: Option<PathBuf>,
    pub state: Option<PathBuf>,
    pub worker: worker::Config,
    /// The `--lines` text, for the state key.
    pub lines_toml: Option<String>,
}

/// What the run did, for the closing lines.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Over every file in the output.
    pub summary: Summary,
    /// Files read this run (with a state folder, the others came from it).
    pub processed: u64,
    pub reused: u64,
    /// State entries removed (inputs deleted or changed, older models).
    pub removed: u64,
    /// Error records by code, over the output.
    pub error_codes: BTreeMap<String, u64>,
}

impl Outcome {
    fn add(&mut self, records: &[Record], pages: u64, ocr_calls: u64) {
        self.summary.add(records, pages);
        self.summary.ocr_calls += ocr_calls;
        for r in records.iter().filter(|r| r.kind == Kind::Error) {
            *self.error_codes.entry(r.error.as_ref().map(|e| e.code.clone()).unwrap_or_default()).or_default() += 1;
        }
    }

    /// The line listing error codes (no paths, no names), or None without errors.
    pub fn error_line(&self) -> Option<String> {
        (!self.error_codes.is_empty()).then(|| {
            format!(
                "faxtract: errors by code: {}",
                self.error_codes.iter().map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(", ")
            )
        })
    }
}

/// What the caller shows: the number of files to read once known, each file read, and (only if the
/// caller asked for verbose output) a line per file naming it.
pub trait Progress {
    fn planned(&self, _files: u64) {}
    fn file_done(&self, _result: &FileResult) {}
    fn verbose(&self, _line: String) {}
}

/// The per-file line of `--verbose`: the path, what was found, error codes and messages.
fn verbose_line(input: &Input, r: &FileResult) -> String {
    let what: Vec<String> = r
        .records
        .iter()
        .map(|rec| match (&rec.kind, &rec.error) {
            (Kind::Error, Some(e)) => format!("error {}: {}", e.code, e.message),
            (k, _) => format!("{k:?}").to_lowercase(),
        })
        .collect();
    format!("faxtract: {}: {} pages: {}", input.rel.display(), r.pages, what.join("; "))
}

pub fn run(opts: &Options, inputs: &[Input], progress: &dyn Progress) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    let kept;
    let inputs = match own_files(opts) {
        own if !own.is_empty() => {
            kept = inputs.iter().filter(|i| !is_own(&own, &i.path)).cloned().collect::<Vec<_>>();
            &kept[..]
        }
        _ => inputs,
    };
    let mut outcome = match &opts.state {
        Some(dir) => run_incremental(opts, dir, inputs, progress)?,
        None => run_plain(opts, inputs, progress)?,
    };
    outcome.summary.elapsed = start.elapsed();
    Ok(outcome)
}

fn run_plain(opts: &Options, inputs: &[Input], progress: &dyn Progress) -> anyhow::Result<Outcome> {
    let mut out = JsonlWriter::create(opts.out.as_deref()).with_context(|| {
        format!("creating the output {}", opts.out.as_deref().unwrap_or(std::path::Path::new("-")).display())
    })?;
    let tasks: Vec<Task> = inputs.iter().map(|input| Task { input, sha256: None }).collect();
    progress.planned(tasks.len() as u64);
    let mut outcome = Outcome::default();
    let r = worker::run_tasks(&opts.worker, &tasks, true, |i, r| {
        progress.file_done(&r);
        progress.verbose(verbose_line(tasks[i].input, &r));
        outcome.add(&r.records, r.pages, r.ocr_calls);
        outcome.processed += 1;
        out.write(&r.records).context("writing the output")
    });
    match r {
        Ok(()) => out.commit().context("finishing the output")?,
        Err(e) => {
            out.abandon();
            return Err(e);
        }
    }
    Ok(outcome)
}

fn run_incremental(
    opts: &Options,
    dir: &std::path::Path,
    inputs: &[Input],
    progress: &dyn Progress,
) -> anyhow::Result<Outcome> {
    let out = opts.out.as_deref().filter(|o| o.as_os_str() != "-").context("--state needs --out FILE")?;
    let state = State::open(dir)?;
    // Opened now so a bad --out fails before hours of OCR, not after; written only at the end.
    let mut w = JsonlWriter::create(Some(out)).with_context(|| format!("creating the output {}", out.display()))?;
    let lines_hash = state::lines_hash(opts.lines_toml.as_deref());
    // Records depend on the models and on how much of each page was read.
    let version = match opts.worker.init.strategy {
        crate::plan::Strategy::Zonal => opts.worker.models_version.clone(),
        crate::plan::Strategy::FullPage => format!("{}+full-page", opts.worker.models_version),
    };
    let version = &version;
    // Every input is hashed every run: the content decides, not names or times. Files that cannot be
    // hashed (walk errors, unreadable) are always read again: they cost nothing.
    let shas = hash_all(inputs, opts.worker.jobs);
    let mut keys: Vec<String> = inputs
        .iter()
        .zip(&shas)
        .map(|(i, s)| state::key(s.as_deref().unwrap_or(""), &i.rel, version, &lines_hash))
        .collect();
    let mut seen = HashSet::new();
    let todo: Vec<usize> = (0..inputs.len())
        .filter(|&i| (shas[i].is_none() || !state.has(&keys[i])) && seen.insert(keys[i].clone()))
        .collect();
    let tasks: Vec<Task> = todo.iter().map(|&i| Task { input: &inputs[i], sha256: shas[i].clone() }).collect();
    progress.planned(tasks.len() as u64);
    let mut processed = 0;
    // Files done this run whose key must change: the worker read other bytes than were hashed (the file
    // changed meanwhile), so the entry is keyed by what was actually read.
    let mut rekeyed: HashMap<usize, String> = HashMap::new();
    let stored = worker::run_tasks(&opts.worker, &tasks, false, |t, r| {
        let i = todo[t];
        progress.file_done(&r);
        progress.verbose(verbose_line(&inputs[i], &r));
        let read_sha = r.records.first().map(|rec| rec.source.sha256.as_str()).filter(|s| !s.is_empty());
        let key = match (read_sha, shas[i].as_deref()) {
            (Some(read), Some(hashed)) if read != hashed => {
                let k = state::key(read, &inputs[i].rel, version, &lines_hash);
                rekeyed.insert(i, k.clone());
                k
            }
            _ => keys[i].clone(),
        };
        processed += 1;
        // A crash or timeout may be the machine's doing (memory pressure, load): read the file again next run.
        let retry = r
            .records
            .iter()
            .any(|rec| rec.error.as_ref().and_then(|e| ErrorCode::parse(&e.code)).is_some_and(ErrorCode::is_transient));
        state.store(&key, &r, retry).context("storing a file's records in the state")
    });
    if let Err(e) = stored {
        w.abandon();
        return Err(e);
    }
    for (i, k) in rekeyed {
        keys[i] = k;
    }

    // Regenerate the whole output from the state, in input order, one entry in memory at a time.
    let mut outcome = Outcome { processed, reused: inputs.len() as u64 - processed, ..Default::default() };
    for key in &keys {
        let entry = match state.read(key) {
            Ok(e) => e,
            Err(e) => {
                // Should not happen (entries are written whole); removing it makes the rerun read the file.
                w.abandon();
                state.remove(key);
                return Err(e.context("the state is damaged; rerun to read the affected file again"));
            }
        };
        outcome.add(&entry.records, entry.pages, entry.ocr_calls);
        if let Err(e) = w.write_lines(&entry.lines) {
            w.abandon();
            return Err(anyhow::Error::from(e).context("writing the output"));
        }
    }
    w.commit().context("finishing the output")?;
    let keep: HashSet<String> = keys.into_iter().collect();
    outcome.removed = state.collect_garbage(&keep).context("removing old state entries")?;
    Ok(outcome)
}

/// The run's own files (state folder, output and its temporary file), canonical. A state or output placed
/// inside the archive must not be read as faxes: it would change every night and never settle.
fn own_files(opts: &Options) -> Vec<PathBuf> {
    let out = opts.out.as_deref().filter(|o| o.as_os_str() != "-");
    let mut v: Vec<PathBuf> = opts.state.iter().filter_map(|d| d.canonicalize().ok()).collect();
    if let Some(o) = out {
        // The files may not exist yet: canonicalize their folder.
        let dir = o.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        if let (Ok(dir), Some(name)) = (dir.canonicalize(), o.file_name()) {
            v.push(dir.join(name));
            v.push(crate::run::emit::temp_path_for(&dir.join(name)));
        }
    }
    v
}

fn is_own(own: &[PathBuf], path: &std::path::Path) -> bool {
    let Ok(p) = path.canonicalize() else { return false };
    own.iter().any(|o| p.starts_with(o))
}

/// Content hashes of all inputs, on `jobs` threads (hashing is I/O and CPU bound; archives are big).
fn hash_all(inputs: &[Input], jobs: usize) -> Vec<Option<String>> {
    let mut shas = vec![None; inputs.len()];
    let chunk = inputs.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|s| {
        for (ins, out) in inputs.chunks(chunk).zip(shas.chunks_mut(chunk)) {
            s.spawn(move || {
                for (input, o) in ins.iter().zip(out) {
                    if input.walk_error.is_none() {
                        *o = state::content_sha256(&input.path).ok();
                    }
                }
            });
        }
    });
    shas
}
