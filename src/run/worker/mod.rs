//! Isolation: files are read in worker processes, so a file that makes Leptonica or Tesseract crash,
//! abort, hang or exhaust memory costs that file (an error record) and never the batch.
//!
//! `faxtract run` starts `--jobs` workers (the same binary, hidden subcommand `faxtract worker`); each
//! holds one OCR engine and reads one file at a time. They talk JSON lines over the worker's stdin/stdout
//! (`protocol`). The worker's side is `child`, the parent's `parent` (one worker) and `pool` (all of them).
//!
//! The parent enforces a time limit per file; past it, the worker is SIGKILLed, the file gets a `timeout`
//! error record and a fresh worker takes the next file. A worker that dies (signal, abort, exit) gives the
//! file it held a `worker_crashed` record and is restarted. Each worker limits its own address space
//! (RLIMIT_AS), so an allocation bomb aborts that worker instead of pushing the machine into swap or the
//! OOM killer, and asks the kernel to SIGKILL it if the parent dies (PR_SET_PDEATHSIG), so a killed run
//! leaves no hanging workers behind.
//!
//! Test-only fault injection: with `FAXTRACT_FAULT_INJECTION=1` in the worker's environment, a file whose
//! bytes start with `FAXTRACT-TEST-CRASH` makes the worker abort, `FAXTRACT-TEST-HANG` makes it sleep
//! forever, `FAXTRACT-TEST-ALLOC` makes it reserve 3 GiB (a real allocation, failing under the memory
//! limit), `FAXTRACT-TEST-UNREADABLE` makes it answer an I/O error (`unreadable_file`), as a file on a
//! share that is briefly away would get. Without the variable these are ordinary files (`not_an_image`).

mod child;
mod parent;
mod pool;
mod protocol;

pub use child::serve;
pub use parent::{Config, Task, Timeout};
pub use pool::run_tasks;
pub use protocol::Init;

use anyhow::anyhow;
use std::path::PathBuf;

/// The binary workers are started from: the running one, so parent and workers are the same build.
pub fn current_exe() -> anyhow::Result<PathBuf> {
    std::env::current_exe().map_err(|e| anyhow!("cannot find the faxtract binary to start workers: {e}"))
}
