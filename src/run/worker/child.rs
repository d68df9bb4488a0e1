//! The worker process (`faxtract worker`): loads the models and one OCR engine, then reads the files its
//! parent sends, one at a time, answering each with its records (see `protocol`).

use super::protocol::{send, Init, Job, Reply};
use crate::error::ErrorCode;
use crate::forms::models::Models;
use crate::input::read::ReadError;
use crate::input::walk::Input;
use crate::pipeline::{error_record, FileResult, Options, Pipeline};
use crate::record::Source;
use std::ffi::OsString;
use std::io::BufRead;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::io::FromRawFd;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// The environment variable enabling the test-only fault injection.
pub const FAULT_INJECTION_ENV: &str = "FAXTRACT_FAULT_INJECTION";

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

/// The test-only faults (see the module documentation of `worker`). Reads only the file's first bytes,
/// through the same vetted open as everything else. Returns the records of a simulated I/O error.
fn inject_fault(input: &Input) -> Option<FileResult> {
    use std::io::Read;
    let mut head = [0u8; 24];
    let n = crate::input::open::open(&input.path).ok().and_then(|mut f| f.read(&mut head).ok()).unwrap_or(0);
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
    } else if head.starts_with(b"FAXTRACT-TEST-UNREADABLE") {
        let source = Source { path: input.source_path(), ..Default::default() };
        let err = ReadError::new(ErrorCode::UnreadableFile, "could not be read: Input/output error (os error 5)");
        return Some(FileResult { records: vec![error_record(source, &err)], pages: 0, ocr_calls: 0 });
    }
    None
}

/// The pipeline a worker runs, from its parent's [`Init`]: one engine, the parent's models and lines.
fn pipeline(init: &Init) -> anyhow::Result<Pipeline> {
    let models = match &init.models_dir {
        Some(d) => Models::from_dir(Path::new(&OsString::from_vec(d.clone())))?,
        None => Models::builtin()?,
    };
    let lines = init.lines_toml.as_deref().map(crate::input::lines::Lines::from_toml).transpose()?;
    Pipeline::new(Options { jobs: 1, lines, models, strategy: init.strategy })
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
    let pipeline = match pipeline(&init) {
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
        let injected = if faults { inject_fault(&input) } else { None };
        let r = injected.unwrap_or_else(|| {
            pipeline.process_isolated(&input, &|count| {
                let _ = send(&mut *out.lock().unwrap(), &Reply::Pages { count });
            })
        });
        let done = Reply::Done { records: r.records, pages: r.pages, ocr_calls: r.ocr_calls };
        if send(&mut *out.lock().unwrap(), &done).is_err() {
            // The parent is gone.
            return 3;
        }
    }
    0
}
