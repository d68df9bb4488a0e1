//! Isolation: files are read in worker processes, so a file that makes Leptonica or Tesseract crash,
//! abort, hang or exhaust memory costs that file (an error record) and never the batch.
//!
//! `faxtract run` starts `--jobs` workers (the same binary, hidden subcommand `faxtract worker`); each
//! holds one OCR engine and reads one file at a time. They talk JSON lines over the worker's stdin/stdout:
//!
//! ```text
//! parent → worker   {"lines_toml":..,"models_dir":..,"memory_mb":..}   once, first
//! worker → parent   {"ready":{"models_version":".."}} | {"failed":{"message":".."}}
//! parent → worker   {"path":[bytes],"rel":[bytes]}                     one file
//! worker → parent   {"pages":{"count":N}}                               once the file is decoded
//! worker → parent   {"done":{"records":[..],"pages":N,"ocr_calls":N}}
//! ```
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
//! limit). Without the variable these are ordinary files (`not_an_image`).

use crate::forms::models::Models;
use crate::input::read::ReadError;
use crate::input::walk::Input;
use crate::pipeline::{error_record, FileResult, Options, Pipeline};
use crate::record::{Record, Source};
use anyhow::{anyhow, bail, Context};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::io::FromRawFd;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The environment variable enabling the test-only fault injection.
pub const FAULT_INJECTION_ENV: &str = "FAXTRACT_FAULT_INJECTION";

/// Sent once to a fresh worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Init {
    /// The `--lines` text the parent read (so parent and workers use the very same lines).
    pub lines_toml: Option<String>,
    /// `--models DIR`, bytes of the path; None for the built-in models.
    pub models_dir: Option<Vec<u8>>,
    /// RLIMIT_AS for the worker, MiB; 0 for none.
    pub memory_mb: u64,
    /// How much of each page to OCR.
    #[serde(default)]
    pub strategy: crate::plan::Strategy,
}

#[derive(Debug, Serialize, Deserialize)]
struct Job {
    path: Vec<u8>,
    rel: Vec<u8>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Reply {
    Ready { models_version: String },
    Failed { message: String },
    Pages { count: u32 },
    Done { records: Vec<Record>, pages: u64, ocr_calls: u64 },
}

/// How long a file may take.
#[derive(Debug, Clone, Copy)]
pub enum Timeout {
    /// `base` until the worker reports the page count, then `base + per_page × pages`.
    Scaled { base: Duration, per_page: Duration },
    /// One limit whatever the file (`--file-timeout`).
    Flat(Duration),
}

impl Timeout {
    fn limit(&self, pages: Option<u32>) -> Duration {
        match *self {
            Timeout::Scaled { base, per_page } => base + per_page * pages.unwrap_or(0),
            Timeout::Flat(d) => d,
        }
    }
}

/// What the parent needs to run workers.
#[derive(Debug, Clone)]
pub struct Config {
    /// The faxtract binary (the running one).
    pub exe: PathBuf,
    pub jobs: usize,
    pub init: Init,
    /// The models version the parent keys its state by; a worker loading other models is refused.
    pub models_version: String,
    pub timeout: Timeout,
    /// Pass the workers' stderr through (library warnings, panic messages); otherwise it is dropped, as it
    /// might echo document content.
    pub verbose: bool,
}

/// One file to read, with its content hash when the caller already has it.
pub struct Task<'a> {
    pub input: &'a Input,
    pub sha256: Option<String>,
}

// ---------------------------------------------------------------------------------------------------------
// The worker side.

fn send(out: &mut impl Write, reply: &Reply) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(reply)?;
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

fn set_memory_limit(mb: u64) -> std::io::Result<()> {
    if mb == 0 {
        return Ok(());
    }
    let mut bytes = mb.saturating_mul(1 << 20) as libc::rlim_t;
    // Under a tighter limit already (`ulimit -v`, a container), keep that one: a limit can only be lowered.
    let mut current = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: plain system call on a valid struct.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut current) } == 0 && current.rlim_max != libc::RLIM_INFINITY {
        bytes = bytes.min(current.rlim_max);
    }
    let lim = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
    // SAFETY: plain system call on a valid struct.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &lim) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// The test-only faults (see the module documentation). Reads only the file's first bytes.
fn inject_fault(path: &Path) {
    use std::io::Read;
    let mut head = [0u8; 20];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    let head = &head[..n];
    if head.starts_with(b"FAXTRACT-TEST-CRASH") {
        std::process::abort();
    } else if head.starts_with(b"FAXTRACT-TEST-HANG") {
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    } else if head.starts_with(b"FAXTRACT-TEST-ALLOC") {
        let v: Vec<u8> = Vec::with_capacity(3 << 30);
        std::hint::black_box(&v);
    }
}

/// `faxtract worker`: serves files to its parent until its stdin closes. Returns the exit status.
pub fn serve() -> i32 {
    // SAFETY: prctl and dup/dup2 on our own process and descriptors.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
    }
    // The protocol gets a private copy of stdout, and fd 1 becomes stderr: a C library printing to stdout
    // can then never corrupt the conversation.
    let mut out = unsafe {
        let fd = libc::dup(1);
        if fd < 0 || libc::dup2(2, 1) < 0 {
            return 3;
        }
        std::io::BufWriter::new(std::fs::File::from_raw_fd(fd))
    };
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let init: Init =
        match lines.next().map(|l| l.map_err(anyhow::Error::from).and_then(|l| Ok(serde_json::from_str(&l)?))) {
            Some(Ok(i)) => i,
            _ => return 3,
        };
    let fail = |out: &mut std::io::BufWriter<std::fs::File>, message: String| {
        let _ = send(out, &Reply::Failed { message });
        3
    };
    if let Err(e) = set_memory_limit(init.memory_mb) {
        return fail(&mut out, format!("could not set the memory limit: {e}"));
    }
    let models = match &init.models_dir {
        Some(d) => Models::from_dir(Path::new(&OsString::from_vec(d.clone()))),
        None => Models::builtin(),
    };
    let lines_cfg = init.lines_toml.as_deref().map(crate::input::lines::Lines::from_toml).transpose();
    let pipeline = match (models, lines_cfg) {
        (Ok(models), Ok(lines)) => Pipeline::new(Options { jobs: 1, lines, models, strategy: init.strategy }),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let pipeline = match pipeline {
        Ok(p) => p,
        Err(e) => return fail(&mut out, format!("{e:#}")),
    };
    if send(&mut out, &Reply::Ready { models_version: pipeline.models().version.clone() }).is_err() {
        return 3;
    }
    let faults = std::env::var(FAULT_INJECTION_ENV).as_deref() == Ok("1");
    let out = Mutex::new(out);
    for line in lines {
        let Ok(line) = line else { return 3 };
        let Ok(job) = serde_json::from_str::<Job>(&line) else { return 3 };
        let input = Input {
            path: OsString::from_vec(job.path).into(),
            rel: OsString::from_vec(job.rel).into(),
            walk_error: None,
        };
        if faults {
            inject_fault(&input.path);
        }
        let r = pipeline.process_isolated(&input, &|count| {
            let _ = send(&mut *out.lock().unwrap(), &Reply::Pages { count });
        });
        let done = Reply::Done { records: r.records, pages: r.pages, ocr_calls: r.ocr_calls };
        if send(&mut *out.lock().unwrap(), &done).is_err() {
            // The parent is gone.
            return 3;
        }
    }
    0
}

// ---------------------------------------------------------------------------------------------------------
// The parent side.

struct Worker {
    child: Child,
    /// None once closed, which tells the worker to finish.
    stdin: Option<ChildStdin>,
    replies: Receiver<String>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// How a file's processing ended when it did not give records.
enum Failure {
    Crashed(String),
    Timeout(Duration, Option<u32>),
    Garbled,
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGABRT => "SIGABRT",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGILL => "SIGILL",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        _ => "signal",
    }
}

fn describe(status: Option<ExitStatus>) -> String {
    match status {
        Some(s) => match (s.signal(), s.code()) {
            (Some(sig), _) => {
                format!("the worker process reading this file was killed by signal {sig} ({})", signal_name(sig))
            }
            (None, Some(c)) => format!("the worker process reading this file exited with status {c}"),
            _ => "the worker process reading this file ended".into(),
        },
        None => "the worker process reading this file stopped answering".into(),
    }
}

impl Worker {
    fn start(cfg: &Config) -> anyhow::Result<Worker> {
        let mut child = Command::new(&cfg.exe)
            .arg("worker")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if cfg.verbose { Stdio::inherit() } else { Stdio::null() })
            .spawn()
            .context("starting a worker process")?;
        let stdout = child.stdout.take().expect("piped");
        let stdin = child.stdin.take().expect("piped");
        let (tx, replies) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut w = Worker { child, stdin: Some(stdin), replies, reader: Some(reader) };
        let mut init = serde_json::to_vec(&cfg.init)?;
        init.push(b'\n');
        let started = w.write_line(&init);
        // Loading the models and the engine takes well under a second; a busy machine gets ample slack.
        let reply = started.ok().and_then(|_| w.replies.recv_timeout(Duration::from_secs(120)).ok());
        match reply.as_deref().map(serde_json::from_str::<Reply>) {
            Some(Ok(Reply::Ready { models_version })) if models_version == cfg.models_version => Ok(w),
            Some(Ok(Reply::Ready { models_version })) => {
                w.stop();
                bail!(
                    "a worker loaded models version {models_version}, not {} (did --models change during the run?)",
                    cfg.models_version
                )
            }
            Some(Ok(Reply::Failed { message })) => {
                w.stop();
                bail!("a worker could not start: {message}")
            }
            _ => {
                let status = w.kill();
                bail!(
                    "a worker could not start ({})",
                    describe(status).replace("the worker process reading this file", "it")
                )
            }
        }
    }

    /// Kills the worker and reaps it; returns its exit status.
    fn kill(&mut self) -> Option<ExitStatus> {
        let _ = self.child.kill();
        let status = self.child.wait().ok();
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        status
    }

    /// The worker's end after its stdout closed: give it a moment to exit by itself, then kill it.
    fn reap(&mut self) -> Option<ExitStatus> {
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            match self.child.try_wait() {
                Ok(Some(s)) => {
                    if let Some(r) = self.reader.take() {
                        let _ = r.join();
                    }
                    return Some(s);
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(_) => break,
            }
        }
        self.kill()
    }

    /// A normal end: closing stdin makes the worker's loop finish.
    fn stop(mut self) {
        drop(self.stdin.take());
        let _ = self.reap();
    }

    fn send_job(&mut self, input: &Input) -> std::io::Result<()> {
        let job =
            Job { path: input.path.as_os_str().as_bytes().to_vec(), rel: input.rel.as_os_str().as_bytes().to_vec() };
        let mut line = serde_json::to_vec(&job)?;
        line.push(b'\n');
        self.write_line(&line)
    }

    fn write_line(&mut self, line: &[u8]) -> std::io::Result<()> {
        let stdin = self.stdin.as_mut().ok_or(std::io::ErrorKind::BrokenPipe)?;
        stdin.write_all(line)?;
        stdin.flush()
    }

    /// Waits for the file's result within its time limit.
    fn await_result(&mut self, timeout: Timeout) -> Result<FileResult, Failure> {
        let start = Instant::now();
        let mut pages = None;
        loop {
            let limit = timeout.limit(pages);
            match self.replies.recv_timeout(limit.saturating_sub(start.elapsed())) {
                Ok(line) => match serde_json::from_str::<Reply>(&line) {
                    Ok(Reply::Pages { count }) => pages = Some(count),
                    Ok(Reply::Done { records, pages, ocr_calls }) => {
                        return Ok(FileResult { records, pages, ocr_calls })
                    }
                    _ => {
                        self.kill();
                        return Err(Failure::Garbled);
                    }
                },
                Err(RecvTimeoutError::Timeout) => {
                    self.kill();
                    return Err(Failure::Timeout(limit, pages));
                }
                Err(RecvTimeoutError::Disconnected) => return Err(Failure::Crashed(describe(self.reap()))),
            }
        }
    }
}

fn failure_record(task: &Task, failure: Failure) -> FileResult {
    let sha256 =
        task.sha256.clone().or_else(|| crate::run::state::content_sha256(&task.input.path).ok()).unwrap_or_default();
    let mut source = Source { path: task.input.rel.to_string_lossy().into_owned(), sha256, ..Default::default() };
    let err = match failure {
        Failure::Crashed(msg) => ReadError::new("worker_crashed", msg),
        Failure::Timeout(limit, pages) => {
            if let Some(p) = pages {
                source.page_count = p;
            }
            let what = pages.map(|p| format!(" for a {p}-page file")).unwrap_or_default();
            ReadError::new(
                "timeout",
                format!("not read within the time limit of {} s{what}; the worker was killed", limit.as_secs()),
            )
        }
        Failure::Garbled => {
            ReadError::new("internal_error", "the worker's answer for this file could not be read (a bug)")
        }
    };
    FileResult { records: vec![error_record(source, &err)], pages: 0, ocr_calls: 0 }
}

/// One file through the slot's worker, (re)starting the worker as needed. Err only when no worker can run.
fn process(slot: &mut Option<Worker>, cfg: &Config, task: &Task) -> anyhow::Result<FileResult> {
    let input = task.input;
    if let Some((code, msg)) = &input.walk_error {
        let source = Source { path: input.rel.to_string_lossy().into_owned(), ..Default::default() };
        return Ok(FileResult {
            records: vec![error_record(source, &ReadError::new(code, msg.clone()))],
            pages: 0,
            ocr_calls: 0,
        });
    }
    // A worker that died idle (found when the job cannot be sent) is not this file's fault: one retry.
    for attempt in 0..2 {
        if slot.is_none() {
            *slot = Some(Worker::start(cfg)?);
        }
        let w = slot.as_mut().expect("just started");
        if w.send_job(input).is_err() {
            let status = w.kill();
            *slot = None;
            if attempt == 1 {
                return Ok(failure_record(task, Failure::Crashed(describe(status))));
            }
            continue;
        }
        return Ok(match w.await_result(cfg.timeout) {
            Ok(r) => r,
            Err(f) => {
                *slot = None;
                failure_record(task, f)
            }
        });
    }
    unreachable!("the loop returns")
}

struct Gate {
    next: usize,
    /// Ordered mode: tasks below `released + window` may be claimed.
    released: usize,
    stop: bool,
}

/// Runs every task on the worker pool. `on_result` gets each task's index and result on the calling thread:
/// in task order when `ordered` (holding at most a small window of results), else as they finish. An error
/// from `on_result` or a worker that cannot start stops the run (tasks in flight finish first).
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
    let window = if ordered { 4 * slots } else { usize::MAX };
    let gate = Mutex::new(Gate { next: 0, released: 0, stop: false });
    let cv = Condvar::new();
    let claim = || -> Option<usize> {
        let mut g = gate.lock().unwrap();
        loop {
            if g.stop || g.next >= tasks.len() {
                return None;
            }
            if g.next < g.released.saturating_add(window) {
                g.next += 1;
                return Some(g.next - 1);
            }
            g = cv.wait(g).unwrap();
        }
    };
    let (tx, rx) = mpsc::channel::<(usize, anyhow::Result<FileResult>)>();
    let mut first_error: Option<anyhow::Error> = None;
    std::thread::scope(|scope| {
        for _ in 0..slots {
            let tx = tx.clone();
            let claim = &claim;
            // The worker is spawned by, and dies with, this thread (PR_SET_PDEATHSIG follows the thread).
            scope.spawn(move || {
                let mut worker: Option<Worker> = None;
                while let Some(i) = claim() {
                    let r = process(&mut worker, cfg, &tasks[i]);
                    let failed = r.is_err();
                    if tx.send((i, r)).is_err() || failed {
                        break;
                    }
                }
                if let Some(w) = worker {
                    w.stop();
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let stop = |first_error: &mut Option<anyhow::Error>, e: anyhow::Error| {
            first_error.get_or_insert(e);
            gate.lock().unwrap().stop = true;
            cv.notify_all();
        };
        for (i, r) in rx {
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
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                if let Err(e) = on_result(next, r) {
                    stop(&mut first_error, e);
                    break;
                }
                next += 1;
            }
            gate.lock().unwrap().released = next;
            cv.notify_all();
        }
    });
    match first_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The binary workers are started from: the running one, so parent and workers are the same build.
pub fn current_exe() -> anyhow::Result<PathBuf> {
    std::env::current_exe().map_err(|e| anyhow!("cannot find the faxtract binary to start workers: {e}"))
}
