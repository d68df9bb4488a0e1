//! Benchmark: the parent's peak memory in `faxtract run --state` as the archive grows.
//!
//! `cargo run --release --example state_memory -- [--files 500,5000] [--jobs 2] [--bin PATH]`
//!
//! For each size N it writes N small files into a fresh folder, runs the real binary once with `--state`
//! and `--out` over them, and reports the peak resident memory of the parent process alone (VmHWM, read
//! from /proc while it runs; the workers' Tesseract engines are theirs and do not grow with the archive).
//! The files are not faxes (a line of text each, every one different): each still goes through a worker,
//! gets its record and is stored in the state with its two fsyncs, but costs no OCR, so 5,000 files take
//! about a minute rather than hours. That is the case that shows a queue: workers finish files far faster
//! than the parent can store them, so any result waiting unbounded between them piles up.
//! `--bin` measures another build (for a before/after comparison).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

/// Peak resident set of `pid` so far, KiB (None once it is gone).
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn make_archive(dir: &Path, n: usize) {
    for i in 0..n {
        // 50 files a folder, as an archive foldered by line and day would be.
        let sub = dir.join(format!("line-{:03}", i / 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("fax{i:09}.tif")), format!("not a fax, number {i}\n")).unwrap();
    }
}

/// Runs the binary over `archive` with a fresh state; returns the parent's peak (KiB) and the wall time.
fn measure(bin: &Path, archive: &Path, work: &Path, jobs: &str) -> (u64, Duration) {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args(["run", archive.to_str().unwrap(), "--jobs", jobs, "--state"])
        .arg(work.join("state"))
        .arg("--out")
        .arg(work.join("out.jsonl"))
        // Set here so the binary does not re-execute itself to set it (a new image resets VmHWM).
        .env("OMP_THREAD_LIMIT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start faxtract");
    let mut peak = 0;
    loop {
        if let Some(kib) = vm_hwm_kib(child.id()) {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "every file is an error record, so the run exits 1");
    (peak, start.elapsed())
}

fn main() {
    let bin = arg("--bin")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/faxtract"));
    let jobs = arg("--jobs").unwrap_or_else(|| "2".into());
    let sizes: Vec<usize> =
        arg("--files").unwrap_or_else(|| "500,5000".into()).split(',').map(|s| s.parse().unwrap()).collect();
    println!("parent peak memory with --state ({}), --jobs {jobs}", bin.display());
    println!("| files | parent peak MiB | wall s |");
    println!("|---:|---:|---:|");
    for n in sizes {
        let work = tempfile::tempdir().unwrap();
        let archive = work.path().join("archive");
        make_archive(&archive, n);
        let (kib, took) = measure(&bin, &archive, work.path(), &jobs);
        println!("| {n} | {:.1} | {:.1} |", kib as f64 / 1024.0, took.as_secs_f64());
    }
}
