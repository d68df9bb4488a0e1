//! Throughput benchmark: the zonal pipeline against the naive approach (every page OCR'd whole by the same
//! engine), side by side in one run on one generated corpus, plus peak memory at two archive sizes.
//!
//! `cargo bench --features faxgen --bench throughput` (it runs faxgen and `faxtract eval`, both built with the
//! feature; options after `--`: `--docs N` corpus size, default 24; `--seed S`, default 2031; `--jobs J`,
//! default 2; `--scale K`: the memory check's second corpus is K times larger, default 3, 0 skips it;
//! `--repeat R`: each strategy runs R times, default 3).
//!
//! Each configuration runs the real `faxtract run` binary as a child process. Figures per run: documents
//! per second (wall clock), core-seconds per page (user + system CPU of the process and its children, from
//! `wait4`), peak resident memory of the whole process tree (sampled every 100 ms from /proc), and field
//! accuracy from `faxtract eval` on the same corpus. The machine is shared and noisy: compare the ratios
//! printed at the end (measured in the same run), not absolute times. The two strategies' runs alternate
//! (naive, zonal, naive, zonal, ...) so that both meet the same spells of load, and each strategy's ratio
//! figures are the medians of its runs: one 8-second zonal run was seen to vary by a quarter from one
//! minute to the next, more than any change measured with it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    docs: usize,
    seed: u64,
    jobs: usize,
    scale: usize,
    repeat: usize,
}

fn args() -> Args {
    let mut a = Args { docs: 24, seed: 2031, jobs: 2, scale: 3, repeat: 3 };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let val = || argv.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match argv[i].as_str() {
            "--docs" => a.docs = val().expect("--docs N") as usize,
            "--seed" => a.seed = val().expect("--seed S"),
            "--jobs" => a.jobs = val().expect("--jobs J") as usize,
            "--scale" => a.scale = val().expect("--scale K") as usize,
            "--repeat" => a.repeat = (val().expect("--repeat R") as usize).max(1),
            // `cargo bench` passes `--bench`; anything else unknown is ignored the same way.
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    a
}

/// A faxgen corpus, generated once per (seed, size) and kept under target/.
fn corpus(seed: u64, docs: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-corpus/seed{seed}-docs{docs}"));
    if !dir.join("expected.jsonl").exists() {
        let st = Command::new(env!("CARGO_BIN_EXE_faxgen"))
            .args(["--seed", &seed.to_string(), "--docs", &docs.to_string(), "--out"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("faxgen runs");
        assert!(st.success(), "faxgen failed");
    }
    dir
}

/// The corpus `k` times over (`faxes/copy{i}/...`, expected records re-pathed): the same mix of pages,
/// so a growth of peak memory with it would be the archive's size, not its content.
fn replicated(small: &Path, k: usize) -> PathBuf {
    let dir = small.with_file_name(format!("{}-x{k}", small.file_name().unwrap().to_string_lossy()));
    if dir.join("expected.jsonl").exists() {
        return dir;
    }
    let expected = std::fs::read_to_string(small.join("expected.jsonl")).expect("expected.jsonl");
    let mut out = String::new();
    for i in 0..k {
        let root = small.join("faxes");
        for e in walkdir::WalkDir::new(&root).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            let to = dir.join(format!("faxes/copy{i}")).join(e.path().strip_prefix(&root).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), &to).unwrap();
        }
        for line in expected.lines() {
            let mut r: serde_json::Value = serde_json::from_str(line).unwrap();
            let p = r["source"]["path"].as_str().unwrap().to_string();
            r["source"]["path"] = format!("copy{i}/{p}").into();
            out.push_str(&r.to_string());
            out.push('\n');
        }
    }
    std::fs::write(dir.join("expected.jsonl"), out).unwrap();
    dir
}

/// Resident memory (KiB) of `root` and all its descendants, from /proc.
fn tree_rss_kib(root: i32) -> u64 {
    let mut parent = std::collections::HashMap::new();
    let mut rss = std::collections::HashMap::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else { continue };
        let Ok(status) = std::fs::read_to_string(e.path().join("status")) else { continue };
        let field = |k: &str| {
            status.lines().find(|l| l.starts_with(k)).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        };
        parent.insert(pid, field("PPid:").unwrap_or(0) as i32);
        rss.insert(pid, field("VmRSS:").unwrap_or(0));
    }
    let in_tree = |mut p: i32| {
        for _ in 0..64 {
            if p == root {
                return true;
            }
            match parent.get(&p) {
                Some(&pp) if pp > 0 => p = pp,
                _ => return false,
            }
        }
        false
    };
    rss.iter().filter(|(p, _)| in_tree(**p)).map(|(_, r)| r).sum()
}

struct Run {
    label: String,
    docs: usize,
    pages: u64,
    wall: Duration,
    cpu: Duration,
    peak_mib: f64,
    accuracy: f64,
    pages_correct: f64,
}

fn run(label: &str, corpus: &Path, strategy: &str, jobs: usize) -> Run {
    let out = corpus.join(format!("records-{strategy}.jsonl"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_faxtract"))
        .args(["run", "--jobs", &jobs.to_string(), "--strategy", strategy, "--out"])
        .arg(&out)
        .arg(corpus.join("faxes"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("faxtract runs");
    let pid = child.id() as i32;
    let start = Instant::now();
    let (stop, peak) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)));
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(tree_rss_kib(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 reports the child's CPU including every descendant it waited for (its OCR workers).
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    assert_eq!(rc, pid, "wait4 failed");
    let _ = child.try_wait();
    let code = libc::WEXITSTATUS(status);
    assert!(libc::WIFEXITED(status) && code <= 1, "faxtract run failed (status {status})");
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    let eval = Command::new(env!("CARGO_BIN_EXE_faxtract"))
        .args(["eval"])
        .arg(corpus)
        .arg("--records")
        .arg(&out)
        .arg("--json")
        .output()
        .expect("eval runs");
    let report: serde_json::Value = serde_json::from_slice(&eval.stdout).expect("eval --json prints JSON");
    let overall = &report["overall"];
    let (mut total, mut correct) = (0.0, 0.0);
    for f in overall["fields"].as_object().expect("fields").values() {
        total += f["total"].as_f64().unwrap_or(0.0);
        correct += f["correct"].as_f64().unwrap_or(0.0);
    }
    let pages = overall["pages_total"].as_u64().unwrap_or(0);
    Run {
        label: label.to_string(),
        docs: overall["expected"].as_u64().unwrap_or(0) as usize,
        pages,
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        peak_mib: peak.load(Ordering::Relaxed) as f64 / 1024.0,
        accuracy: 100.0 * correct / total.max(1.0),
        pages_correct: 100.0 * overall["pages_correct"].as_f64().unwrap_or(0.0) / (pages.max(1) as f64),
    }
}

/// The run of `runs` with the median wall time (the upper one of an even number), and the median CPU
/// time: a strategy's figures for the ratios.
fn median(runs: &[Run]) -> (Duration, Duration) {
    let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    let mut cpus: Vec<Duration> = runs.iter().map(|r| r.cpu).collect();
    walls.sort();
    cpus.sort();
    (walls[walls.len() / 2], cpus[cpus.len() / 2])
}

fn main() {
    let a = args();
    let small = corpus(a.seed, a.docs);
    println!(
        "faxtract throughput benchmark: corpus seed {} ({} documents), --jobs {}, {} runs each",
        a.seed, a.docs, a.jobs, a.repeat
    );
    let (mut naive, mut zonal) = (Vec::new(), Vec::new());
    for i in 1..=a.repeat {
        naive.push(run(&format!("naive: every page whole #{i}"), &small, "full-page", a.jobs));
        zonal.push(run(&format!("zonal (default) #{i}"), &small, "zonal", a.jobs));
    }
    let big = (a.scale > 1).then(|| {
        let big = replicated(&small, a.scale);
        run(&format!("zonal, {}x the archive", a.scale), &big, "zonal", a.jobs)
    });
    println!(
        "{:<28} {:>5} {:>6} {:>8} {:>8} {:>12} {:>9} {:>9} {:>8}",
        "run", "docs", "pages", "wall s", "docs/s", "core-s/page", "peak MiB", "fields %", "pages %"
    );
    for r in naive.iter().chain(&zonal).chain(&big) {
        println!(
            "{:<28} {:>5} {:>6} {:>8.1} {:>8.3} {:>12.3} {:>9.0} {:>9.2} {:>8.2}",
            r.label,
            r.docs,
            r.pages,
            r.wall.as_secs_f64(),
            r.docs as f64 / r.wall.as_secs_f64(),
            r.cpu.as_secs_f64() / r.pages.max(1) as f64,
            r.peak_mib,
            r.accuracy,
            r.pages_correct
        );
    }
    let (n, z) = (&naive[0], &zonal[0]);
    let ((n_wall, n_cpu), (z_wall, z_cpu)) = (median(&naive), median(&zonal));
    let speed = (z.docs as f64 / z_wall.as_secs_f64()) / (n.docs as f64 / n_wall.as_secs_f64());
    let cpu = (n_cpu.as_secs_f64() / n.pages as f64) / (z_cpu.as_secs_f64() / z.pages as f64);
    println!(
        "medians: naive {:.3} docs/s, {:.3} core-s/page; zonal {:.3} docs/s, {:.3} core-s/page",
        n.docs as f64 / n_wall.as_secs_f64(),
        n_cpu.as_secs_f64() / n.pages as f64,
        z.docs as f64 / z_wall.as_secs_f64(),
        z_cpu.as_secs_f64() / z.pages as f64
    );
    println!(
        "zonal vs naive: {speed:.1}x documents per second, {cpu:.1}x less CPU per page, field accuracy {:+.2} points",
        z.accuracy - n.accuracy
    );
    let peak = zonal.iter().map(|r| r.peak_mib).fold(0.0, f64::max);
    if let Some(b) = &big {
        println!(
            "peak memory: {:.0} MiB on {} documents, {:.0} MiB on {} ({}x the archive)",
            peak, z.docs, b.peak_mib, b.docs, a.scale
        );
    }
}
