//! `faxtract run --state DIR`: only new or changed files are read; the output is regenerated from the state.
//!
//! Each finished file's records are stored in the state at once (so a killed run loses only the files in
//! flight, plus at most the few finished ones waiting to be stored: the pool's queue is bounded), files
//! whose entry already exists are not read again, and the output is regenerated from the state in input
//! order, streamed entry by entry, into a temporary file renamed over `--out`. Then entries no input
//! referenced are removed.
//!
//! An entry found damaged while regenerating (cut short, overwritten, emptied: by a disk, a restore or a
//! hand) is set aside into `damaged/` with a warning naming it, its file is read again, and the output is
//! regenerated: one run heals every damaged entry.

use crate::error::{ErrorCode, Stop};
use crate::input::walk::Input;
use crate::pipeline::FileResult;
use crate::record::Record;
use crate::run::batch::{output_error, verbose_line, Options, Outcome, Progress};
use crate::run::emit::JsonlWriter;
use crate::run::interrupt;
use crate::run::state::{self, State};
use crate::run::worker::{self, Task};
use anyhow::Context;
use std::collections::HashSet;
use std::path::Path;

/// What every file's entry is keyed by, besides the file itself.
struct Keying {
    version: String,
    lines_hash: String,
}

impl Keying {
    fn key(&self, sha256: &str, input: &Input) -> String {
        state::key(sha256, &input.rel, &self.version, &self.lines_hash)
    }
}

/// Brings the state folder `dir` up to date with `inputs` and writes `--out` from it (see the module
/// documentation). Takes the state's lock and the output's for the whole run; on failure or interruption
/// the previous output is left as it was and every file stored so far stays stored.
pub fn run(opts: &Options, dir: &Path, inputs: &[Input], progress: &dyn Progress) -> anyhow::Result<Outcome> {
    let out = opts.out.as_deref().filter(|o| o.as_os_str() != "-").context("--state needs --out FILE")?;
    let state = State::open(dir)?;
    // Opened now so a bad --out fails before hours of OCR, not after; written only at the end.
    let mut w = JsonlWriter::create(Some(out)).with_context(|| format!("creating the output {}", out.display()))?;
    let result = fill_and_write(opts, &state, &mut w, inputs, progress);
    match result {
        Ok(outcome) => {
            w.commit().context("finishing the output")?;
            Ok(outcome)
        }
        Err((e, processed)) => {
            w.abandon();
            Err(match Stop::find(&e) {
                Some(Stop::Interrupted(_)) => e.context(format!(
                    "stopped: the output was not written (the previous one is as it was); the records of the {processed} \
                     files read this run are kept in the state for the next run"
                )),
                _ => e,
            })
        }
    }
}

/// Reads what the state lacks, then writes the output from the state. On error, also says how many files
/// were read and stored before it.
fn fill_and_write(
    opts: &Options,
    state: &State,
    w: &mut JsonlWriter,
    inputs: &[Input],
    progress: &dyn Progress,
) -> Result<Outcome, (anyhow::Error, u64)> {
    // Records depend on the models and on how much of each page was read.
    let version = match opts.worker.init.strategy {
        crate::plan::Strategy::Zonal => opts.worker.models_version.clone(),
        crate::plan::Strategy::FullPage => format!("{}+full-page", opts.worker.models_version),
    };
    let keying = Keying { version, lines_hash: state::lines_hash(opts.lines_toml.as_deref()) };
    // Every input is hashed every run: the content decides, not names or times. Files that cannot be
    // hashed (walk errors, unreadable) are always read again: they cost nothing.
    let shas = hash_all(inputs, opts.worker.jobs);
    interrupt::check().map_err(|e| (e, 0))?;
    let mut keys: Vec<String> =
        inputs.iter().zip(&shas).map(|(i, s)| keying.key(s.as_deref().unwrap_or(""), i)).collect();
    let todo: Vec<usize> = {
        let mut seen = HashSet::new();
        (0..inputs.len()).filter(|&i| (shas[i].is_none() || !state.has(&keys[i])) && seen.insert(&keys[i])).collect()
    };
    progress.planned(todo.len() as u64);
    let mut processed = 0;
    read_into_state(opts, state, &keying, inputs, &shas, &todo, &mut keys, progress, &mut processed)
        .map_err(|e| (e, processed))?;
    // Regenerate; a damaged entry is set aside, its file read again, and the output made again. Entries
    // just written are whole (fsync'd), so one more pass is enough; damage then is the disk's.
    for pass in 0..2 {
        w.restart().map_err(|e| (output_error(e), processed))?;
        let mut outcome = Outcome { processed, reused: inputs.len() as u64 - processed, ..Default::default() };
        let damaged = regenerate(state, &keys, w, &mut outcome).map_err(|e| (e, processed))?;
        if damaged.is_empty() {
            let keep: HashSet<&str> = keys.iter().map(String::as_str).collect();
            outcome.removed =
                state.collect_garbage(&keep).context("removing old state entries").map_err(|e| (e, processed))?;
            return Ok(outcome);
        }
        if pass == 1 {
            let e = anyhow::anyhow!("state entries written by this run read back damaged: is the disk failing?");
            return Err((e, processed));
        }
        let mut again = Vec::new();
        for (i, why) in damaged {
            let moved = state.set_aside(&keys[i]).map_err(|e| (e, processed))?;
            progress.warning(format!(
                "faxtract: warning: state entry {} was damaged ({why}); set aside in damaged/, its file is read again",
                moved.first().map(String::as_str).unwrap_or("(missing)")
            ));
            again.push(i);
        }
        read_into_state(opts, state, &keying, inputs, &shas, &again, &mut keys, progress, &mut processed)
            .map_err(|e| (e, processed))?;
    }
    unreachable!("the second pass returns")
}

/// Reads the inputs `which` (indices into `inputs`) on the worker pool and stores each file's records as
/// soon as it is done. A file that changed between hashing and reading is stored under the key of what
/// was read, and `keys` follows.
#[allow(clippy::too_many_arguments)]
fn read_into_state(
    opts: &Options,
    state: &State,
    keying: &Keying,
    inputs: &[Input],
    shas: &[Option<String>],
    which: &[usize],
    keys: &mut [String],
    progress: &dyn Progress,
    processed: &mut u64,
) -> anyhow::Result<()> {
    let tasks: Vec<Task> = which.iter().map(|&i| Task { input: &inputs[i], sha256: shas[i].as_deref() }).collect();
    worker::run_tasks(&opts.worker, &tasks, false, |t, r| {
        let i = which[t];
        progress.file_done(&r);
        progress.verbose(verbose_line(&inputs[i], &r));
        let read_sha = r.records.first().map(|rec| rec.source.sha256.as_str()).filter(|s| !s.is_empty());
        if let (Some(read), Some(hashed)) = (read_sha, shas[i].as_deref()) {
            if read != hashed {
                keys[i] = keying.key(read, &inputs[i]);
            }
        }
        *processed += 1;
        state.store(&keys[i], &r, needs_retry(&r)).context("storing a file's records in the state")
    })
}

/// Whether the next run reads the file again: its error, or an unreadable page's, may be passing
/// ([`ErrorCode::is_transient`]), so the records are kept for this output only.
fn needs_retry(r: &FileResult) -> bool {
    r.records.iter().any(|rec: &Record| {
        let file = rec.error.as_ref().and_then(|e| ErrorCode::parse(&e.code));
        let pages = rec
            .review
            .reasons
            .iter()
            .filter_map(|x| x.strip_prefix("page_unreadable:")?.split_once(':'))
            .filter_map(|(_, code)| ErrorCode::parse(code));
        file.into_iter().chain(pages).any(ErrorCode::is_transient)
    })
}

/// Writes the whole output from the state, in input order, one entry in memory at a time. Returns the
/// inputs whose entry could not be read back, with why, instead of writing them.
fn regenerate(
    state: &State,
    keys: &[String],
    w: &mut JsonlWriter,
    outcome: &mut Outcome,
) -> anyhow::Result<Vec<(usize, String)>> {
    let mut damaged = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        interrupt::check()?;
        let entry = match state.read(key) {
            Ok(e) => e,
            Err(e) => {
                damaged.push((i, format!("{e:#}")));
                continue;
            }
        };
        if damaged.is_empty() {
            outcome.add(&entry.records, entry.pages, entry.ocr_calls);
            w.write_lines(&entry.lines).map_err(output_error)?;
        }
    }
    Ok(damaged)
}

/// Content hashes of all inputs, on `jobs` threads (hashing is I/O and CPU bound; archives are big).
/// Stops early when the run is interrupted.
fn hash_all(inputs: &[Input], jobs: usize) -> Vec<Option<String>> {
    let mut shas = vec![None; inputs.len()];
    let chunk = inputs.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|s| {
        for (ins, out) in inputs.chunks(chunk).zip(shas.chunks_mut(chunk)) {
            s.spawn(move || {
                for (input, o) in ins.iter().zip(out) {
                    if interrupt::requested().is_some() {
                        return;
                    }
                    if input.walk_error.is_none() {
                        *o = state::content_sha256(&input.path).ok();
                    }
                }
            });
        }
    });
    shas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorInfo, Kind, Source};

    fn result(code: Option<&str>, reasons: &[&str]) -> FileResult {
        let mut r = Record::new(if code.is_some() { Kind::Error } else { Kind::Other }, Source::default());
        r.error = code.map(|c| ErrorInfo { code: c.into(), message: String::new() });
        for x in reasons {
            r.review.flag(*x);
        }
        FileResult { records: vec![r], pages: 1, ocr_calls: 0 }
    }

    #[test]
    fn passing_errors_are_read_again_next_run() {
        for code in ["unreadable_file", "ocr_failed", "internal_error", "worker_crashed", "timeout"] {
            assert!(needs_retry(&result(Some(code), &[])), "{code}");
        }
        for code in ["truncated", "not_an_image", "empty_file", "bad_page"] {
            assert!(!needs_retry(&result(Some(code), &[])), "{code}");
        }
        assert!(needs_retry(&result(None, &["page_unreadable:2:ocr_failed"])));
        assert!(!needs_retry(&result(None, &["page_unreadable:2:bad_page", "line_unknown"])));
    }
}
