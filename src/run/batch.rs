//! `faxtract run` as a batch job: inputs through the worker processes (see `worker`) into the output,
//! optionally incremental over a state folder (see `incremental`).
//!
//! Without a state folder, records are written in input order as files finish (to stdout, or to a
//! temporary file renamed over `--out` at the end). With one, see `incremental`. Either way SIGINT and
//! SIGTERM stop the run cleanly (the temporary output removed, the previous output left as it was) and a
//! closed standard output (`| head`) ends it quietly: both as a [`Stop`].

use crate::error::Stop;
use crate::input::walk::Input;
use crate::pipeline::{FileResult, Summary};
use crate::record::{Kind, Record};
use crate::run::emit::JsonlWriter;
use crate::run::interrupt;
use crate::run::worker::{self, Task};
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
    /// Records `--lines` found no receiving line for (flagged `line_unknown`), over the output.
    pub line_unknown: u64,
}

impl Outcome {
    pub(crate) fn add(&mut self, records: &[Record], pages: u64, ocr_calls: u64) {
        self.summary.add(records, pages);
        self.summary.ocr_calls += ocr_calls;
        for r in records {
            if r.kind == Kind::Error {
                *self.error_codes.entry(r.error.as_ref().map(|e| e.code.clone()).unwrap_or_default()).or_default() += 1;
            }
            self.line_unknown += r.review.reasons.iter().any(|x| x == "line_unknown") as u64;
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

    /// The line counting records without a receiving line, or None when every record has one.
    pub fn line_unknown_line(&self) -> Option<String> {
        (self.line_unknown > 0).then(|| {
            format!(
                "faxtract: {} records have no receiving line: --lines names none of their folders or header \
                 numbers (fax.line is null, review reason line_unknown)",
                self.line_unknown
            )
        })
    }
}

/// What the caller shows: the number of files to read once known, each file read, warnings (no personal
/// data), and (only if the caller asked for verbose output) a line per file naming it.
pub trait Progress {
    fn planned(&self, _files: u64) {}
    fn file_done(&self, _result: &FileResult) {}
    fn warning(&self, _line: String) {}
    fn verbose(&self, _line: String) {}
}

/// The per-file line of `--verbose`: the path, what was found, error codes and messages.
pub(crate) fn verbose_line(input: &Input, r: &FileResult) -> String {
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

/// Runs every input into the output. Err when the run could not finish: a [`Stop`] in the chain when it
/// was refused, interrupted or its reader went away; any other error is a failure of the run itself.
pub fn run(opts: &Options, inputs: &[Input], progress: &dyn Progress) -> anyhow::Result<Outcome> {
    interrupt::watch();
    let start = Instant::now();
    // Copied only when the run's own files are among the inputs: the list of inputs is most of what the
    // parent's memory grows by with the archive.
    let own = own_files(opts);
    let kept;
    let inputs = if !own.is_empty() && inputs.iter().any(|i| is_own(&own, &i.path)) {
        kept = inputs.iter().filter(|i| !is_own(&own, &i.path)).cloned().collect::<Vec<_>>();
        &kept[..]
    } else {
        inputs
    };
    let mut outcome = match &opts.state {
        Some(dir) => crate::run::incremental::run(opts, dir, inputs, progress)?,
        None => run_plain(opts, inputs, progress)?,
    };
    outcome.summary.elapsed = start.elapsed();
    Ok(outcome)
}

/// An error writing records: the reader of standard output going away is no failure of the run.
pub(crate) fn output_error(e: std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Stop::OutputClosed.into();
    }
    anyhow::Error::from(e).context("writing the output")
}

fn run_plain(opts: &Options, inputs: &[Input], progress: &dyn Progress) -> anyhow::Result<Outcome> {
    let mut out = JsonlWriter::create(opts.out.as_deref())
        .with_context(|| format!("creating the output {}", opts.out.as_deref().unwrap_or(Path::new("-")).display()))?;
    let tasks: Vec<Task> = inputs.iter().map(|input| Task { input, sha256: None }).collect();
    progress.planned(tasks.len() as u64);
    let mut outcome = Outcome::default();
    let r = worker::run_tasks(&opts.worker, &tasks, true, |i, r| {
        progress.file_done(&r);
        progress.verbose(verbose_line(tasks[i].input, &r));
        outcome.add(&r.records, r.pages, r.ocr_calls);
        outcome.processed += 1;
        out.write(&r.records).map_err(output_error)
    });
    match r {
        Ok(()) => out.commit().context("finishing the output")?,
        Err(e) => {
            out.abandon();
            let to_file = opts.out.as_deref().is_some_and(|o| o.as_os_str() != "-");
            return Err(match Stop::find(&e) {
                Some(Stop::Interrupted(_)) if to_file => {
                    e.context("stopped: the output was not written (the previous one is as it was)")
                }
                Some(Stop::Interrupted(_)) => e.context("stopped: the records on standard output are incomplete"),
                _ => e,
            });
        }
    }
    Ok(outcome)
}

/// The run's own files (state folder, output and its temporary file), canonical. A state folder placed
/// inside the archive must not be read as faxes: it would change every night and never settle.
fn own_files(opts: &Options) -> Vec<PathBuf> {
    let out = opts.out.as_deref().filter(|o| o.as_os_str() != "-");
    let mut v: Vec<PathBuf> = opts.state.iter().filter_map(|d| d.canonicalize().ok()).collect();
    if let Some(o) = out {
        // The files may not exist yet: canonicalize their folder.
        let dir = o.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if let (Ok(dir), Some(name)) = (dir.canonicalize(), o.file_name()) {
            v.push(dir.join(name));
            v.push(crate::run::emit::temp_path_for(&dir.join(name)));
        }
    }
    v
}

fn is_own(own: &[PathBuf], path: &Path) -> bool {
    let Ok(p) = path.canonicalize() else { return false };
    own.iter().any(|o| p.starts_with(o))
}
