//! The parent's side of a worker: starting it, handing it one file at a time, enforcing the file's time
//! limit, and turning a worker that died, hung or answered garbage into that file's error record.

use super::protocol::{send, Init, Job, Reply};
use crate::error::{ErrorCode, Stop};
use crate::input::read::ReadError;
use crate::input::walk::Input;
use crate::pipeline::{error_record, FileResult};
use crate::record::Source;
use anyhow::{bail, Context};
use std::io::{BufRead, BufReader};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

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
    pub sha256: Option<&'a str>,
}

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
    /// The run was asked to stop (the file gets no record: it is read again by the next run).
    Interrupted(i32),
}

/// How often waits look whether the run was asked to stop (SIGINT, SIGTERM).
pub const INTERRUPT_POLL: Duration = Duration::from_millis(100);

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
            // A group of its own: Ctrl-C at the terminal reaches the parent only, which stops the workers
            // itself (a worker killed by it would look like a crash caused by its file).
            .process_group(0)
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
        let started = w.stdin.as_mut().map(|s| send(s, &cfg.init)).unwrap_or(Ok(()));
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
        let stdin = self.stdin.as_mut().ok_or(std::io::ErrorKind::BrokenPipe)?;
        send(stdin, &job)
    }

    /// Waits for the file's result within its time limit.
    fn await_result(&mut self, timeout: Timeout) -> Result<FileResult, Failure> {
        let start = Instant::now();
        let mut pages = None;
        loop {
            let limit = timeout.limit(pages);
            if let Some(sig) = crate::run::interrupt::requested() {
                self.kill();
                return Err(Failure::Interrupted(sig));
            }
            let left = limit.saturating_sub(start.elapsed());
            match self.replies.recv_timeout(left.min(INTERRUPT_POLL)) {
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
                Err(RecvTimeoutError::Timeout) if start.elapsed() < limit => {}
                Err(RecvTimeoutError::Timeout) => {
                    self.kill();
                    return Err(Failure::Timeout(limit, pages));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.reap();
                    // `systemctl stop` signals the workers with the parent: not a crash of this file.
                    return Err(match crate::run::interrupt::requested() {
                        Some(sig) => Failure::Interrupted(sig),
                        None => Failure::Crashed(describe(status)),
                    });
                }
            }
        }
    }
}

fn failure_record(task: &Task, failure: Failure) -> FileResult {
    let sha256 = task
        .sha256
        .map(str::to_string)
        .or_else(|| crate::run::state::content_sha256(&task.input.path).ok())
        .unwrap_or_default();
    let mut source = Source { path: task.input.source_path(), sha256, ..Default::default() };
    let err = match failure {
        Failure::Crashed(msg) => ReadError::new(ErrorCode::WorkerCrashed, msg),
        Failure::Timeout(limit, pages) => {
            if let Some(p) = pages {
                source.page_count = p;
            }
            let what = pages.map(|p| format!(" for a {p}-page file")).unwrap_or_default();
            ReadError::new(
                ErrorCode::Timeout,
                format!("not read within the time limit of {} s{what}; the worker was killed", limit.as_secs()),
            )
        }
        Failure::Garbled => {
            ReadError::new(ErrorCode::InternalError, "the worker's answer for this file could not be read (a bug)")
        }
        Failure::Interrupted(_) => unreachable!("an interrupted file gets no record"),
    };
    FileResult { records: vec![error_record(source, &err)], pages: 0, ocr_calls: 0 }
}

/// A worker slot of the pool: the worker it holds, if one is running.
#[derive(Default)]
pub struct Slot(Option<Worker>);

impl Slot {
    /// One file through the slot's worker, (re)starting the worker as needed. Err only when no worker can
    /// run at all.
    pub fn process(&mut self, cfg: &Config, task: &Task) -> anyhow::Result<FileResult> {
        let input = task.input;
        if let Some((code, msg)) = &input.walk_error {
            let source = Source { path: input.source_path(), ..Default::default() };
            return Ok(FileResult {
                records: vec![error_record(source, &ReadError::new(*code, msg.clone()))],
                pages: 0,
                ocr_calls: 0,
            });
        }
        // A worker that died idle (found when the job cannot be sent) is not this file's fault: one retry.
        for attempt in 0..2 {
            if self.0.is_none() {
                self.0 = Some(Worker::start(cfg)?);
            }
            let w = self.0.as_mut().expect("just started");
            if w.send_job(input).is_err() {
                let status = w.kill();
                self.0 = None;
                if attempt == 1 {
                    return Ok(failure_record(task, Failure::Crashed(describe(status))));
                }
                continue;
            }
            return match w.await_result(cfg.timeout) {
                Ok(r) => Ok(r),
                Err(Failure::Interrupted(sig)) => {
                    self.0 = None;
                    Err(Stop::Interrupted(sig).into())
                }
                Err(f) => {
                    self.0 = None;
                    Ok(failure_record(task, f))
                }
            };
        }
        unreachable!("the loop returns")
    }

    /// Ends the slot's worker normally (it finishes and exits when its stdin closes).
    pub fn close(self) {
        if let Some(w) = self.0 {
            w.stop();
        }
    }
}
