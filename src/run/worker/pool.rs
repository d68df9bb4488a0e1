//! The pool of worker processes: `jobs` slots, each a thread that owns one worker and takes the next file
//! when it is free. Results reach the caller on its own thread, in input order (through a bounded
//! [`Reorder`] window) or as they finish.

use super::parent::{Config, Slot, Task, INTERRUPT_POLL};
use crate::error::Stop;
use crate::pipeline::FileResult;
use crate::run::interrupt;
use crate::run::reorder::Reorder;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Which task a free slot may take next.
struct Gate {
    next: usize,
    /// Tasks below this index may be claimed (the reorder window's [`Reorder::limit`]).
    limit: usize,
    stop: bool,
}

/// Runs every task on the worker pool. `on_result` gets each task's index and result on the calling thread:
/// in task order when `ordered` (holding at most a small window of results), else as they finish. An error
/// from `on_result` or a worker that cannot start stops the run (tasks in flight finish first); so does
/// SIGINT or SIGTERM ([`Stop::Interrupted`]), the workers in flight killed.
pub fn run_tasks(
    cfg: &Config,
    tasks: &[Task],
    ordered: bool,
    mut on_result: impl FnMut(usize, FileResult) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if tasks.is_empty() {
        return Ok(());
    }
    let slots = cfg.jobs.clamp(1, tasks.len());
    // Results held for reordering are bounded by this many files past the oldest unfinished one.
    let mut reorder = if ordered { Reorder::bounded(4 * slots) } else { Reorder::unbounded() };
    let gate = Mutex::new(Gate { next: 0, limit: reorder.limit(), stop: false });
    let cv = Condvar::new();
    let claim = || -> Option<usize> {
        let mut g = gate.lock().unwrap();
        loop {
            if g.stop || g.next >= tasks.len() {
                return None;
            }
            if g.next < g.limit {
                g.next += 1;
                return Some(g.next - 1);
            }
            g = cv.wait(g).unwrap();
        }
    };
    // Bounded: a slot whose finished file is not taken yet waits instead of piling results up. Storing a
    // file (two fsyncs) can be slower than reading one, and an unbounded queue grew with the archive
    // (40 MiB at 5,000 files) and lost every queued file to a kill. At most `2 × slots` finished results
    // wait: `slots` here, one in each slot blocked on sending.
    let (tx, rx) = mpsc::sync_channel::<(usize, anyhow::Result<FileResult>)>(slots);
    let mut first_error: Option<anyhow::Error> = None;
    std::thread::scope(|scope| {
        for _ in 0..slots {
            let tx = tx.clone();
            let claim = &claim;
            // The worker is spawned by, and dies with, this thread (PR_SET_PDEATHSIG follows the thread).
            scope.spawn(move || {
                let mut slot = Slot::default();
                while let Some(i) = claim() {
                    let r = slot.process(cfg, &tasks[i]);
                    let failed = r.is_err();
                    if tx.send((i, r)).is_err() || failed {
                        break;
                    }
                }
                slot.close();
            });
        }
        drop(tx);
        let stop = |first_error: &mut Option<anyhow::Error>, e: anyhow::Error| {
            first_error.get_or_insert(e);
            gate.lock().unwrap().stop = true;
            cv.notify_all();
        };
        loop {
            let received = rx.recv_timeout(INTERRUPT_POLL);
            // Nothing more is taken once a signal came: what a slot finishes now is not stored.
            if let (Some(sig), None) = (interrupt::requested(), &first_error) {
                stop(&mut first_error, Stop::Interrupted(sig).into());
            }
            let (i, r) = match received {
                Ok(m) => m,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
            };
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    stop(&mut first_error, e);
                    continue;
                }
            };
            if first_error.is_some() {
                continue;
            }
            if !ordered {
                if let Err(e) = on_result(i, r) {
                    stop(&mut first_error, e);
                }
                continue;
            }
            reorder.insert(i, r);
            while let Some((i, r)) = reorder.pop_ready() {
                if let Err(e) = on_result(i, r) {
                    stop(&mut first_error, e);
                    break;
                }
            }
            gate.lock().unwrap().limit = reorder.limit();
            cv.notify_all();
        }
    });
    match first_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
