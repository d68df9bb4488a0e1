//! Nightly-run guarantees with real processes and real Tesseract: incremental runs over `--state`,
//! kill -9 at several points then a rerun, crashing / hanging / memory-hungry files isolated in workers,
//! owner-only files and no personal data on stderr by default.
//!
//! The tests share one small fixture (5 sample files, 4 pages) and run one at a time (a lock): OCR is
//! slow on a shared machine, and the kill points and the "no worker left" check need the machine to
//! themselves.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

const SUBSET: &[&str] = &[
    "email-bureau/FAX_20210926_185209.tif",
    "email-bureau/scan_2026-06-11_202359.png",
    "station-a1/fax000000291.tif",
    "station-b2/fax-20200103-091017-6175550177.tif",
    "station-e13/fax000002109.tif",
];

fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lines_toml() -> PathBuf {
    root().join("samples/lines.toml")
}

/// A temp dir with `in/` holding the subset (same relative paths as in samples/faxes).
fn fixture() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for rel in SUBSET {
        copy_sample(rel, &d.path().join("in").join(rel));
    }
    d
}

fn copy_sample(rel: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join("samples/faxes").join(rel), to).unwrap();
}

struct Run {
    code: i32,
    stderr: String,
}

fn faxtract(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_faxtract"));
    c.args(args).stdin(Stdio::null()).stdout(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    Run { code: out.status.code().unwrap_or(-1), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `faxtract run IN --lines .. --jobs 2 --out OUT [--state STATE] [extra]`.
fn run_dir(input: &Path, out: &Path, state: Option<&Path>, extra: &[&str]) -> Run {
    let lines = lines_toml();
    let mut args = vec!["run", s(input), "--lines", s(&lines), "--jobs", "2", "--out", s(out)];
    if let Some(st) = state {
        args.extend(["--state", s(st)]);
    }
    args.extend(extra);
    faxtract(&args, &[])
}

/// The output of a plain (no state) uninterrupted run over the fixture: the reference, made once.
fn reference() -> &'static (Vec<u8>, String) {
    static REF: OnceLock<(Vec<u8>, String)> = OnceLock::new();
    REF.get_or_init(|| {
        let d = fixture();
        let out = d.path().join("ref.jsonl");
        let r = run_dir(&d.path().join("in"), &out, None, &[]);
        assert_eq!(r.code, 1, "the truncated sample gives an error record: {}", r.stderr);
        (std::fs::read(&out).unwrap(), r.stderr)
    })
}

/// Every line whole and parsing; returns the records by source.path (in order).
fn parse(bytes: &[u8]) -> Vec<serde_json::Value> {
    assert!(bytes.is_empty() || bytes.ends_with(b"\n"), "torn last line");
    let text = std::str::from_utf8(bytes).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line does not parse ({e}): {l}"))).collect()
}

fn paths(records: &[serde_json::Value]) -> Vec<String> {
    records.iter().map(|r| r["source"]["path"].as_str().unwrap().to_string()).collect()
}

/// The figures of the `faxtract: state: ...` line: (processed, unchanged, removed).
fn state_counts(stderr: &str) -> (u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("faxtract: state: "))
        .unwrap_or_else(|| panic!("no state line in {stderr}"));
    let n: Vec<u64> =
        line.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).map(|w| w.parse().unwrap()).collect();
    (n[0], n[1], n[2])
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn state_entries(state: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(subs) = std::fs::read_dir(state.join("records")) {
        for sub in subs.flatten() {
            for f in std::fs::read_dir(sub.path()).into_iter().flatten().flatten() {
                if f.path().extension().is_some_and(|e| e == "jsonl") {
                    v.push(f.path());
                }
            }
        }
    }
    v
}

fn sha256_hex(p: &Path) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(std::fs::read(p).unwrap()))
}

#[test]
fn incremental_runs_read_only_what_changed() {
    let _g = serial();
    let d = fixture();
    let (input, out, state) = (d.path().join("in"), d.path().join("out.jsonl"), d.path().join("state"));

    // First run: everything read; the output equals a plain run's byte for byte.
    let r = run_dir(&input, &out, Some(&state), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(state_counts(&r.stderr), (5, 0, 0));
    let a = std::fs::read(&out).unwrap();
    assert_eq!(a, reference().0, "state run differs from a plain run");
    assert_eq!(paths(&parse(&a)), SUBSET.iter().map(|s| s.to_string()).collect::<Vec<_>>());

    // Owner-only: the state folder 0700, every file in it and the output 0600.
    assert_eq!(mode(&state), 0o700);
    assert_eq!(mode(&out), 0o600);
    let mut files = 0;
    for e in walk(&state) {
        let want = if e.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&e), want, "{}", e.display());
        files += e.is_file() as usize;
    }
    assert!(files >= 5 + 2, "entries, format and lock: {files}");

    // Rerun, nothing changed: nothing read, same bytes.
    let r = run_dir(&input, &out, Some(&state), &["--verbose"]);
    assert_eq!(r.code, 1);
    assert_eq!(state_counts(&r.stderr), (0, 5, 0));
    assert!(!r.stderr.contains(".tif:"), "no file was processed, so no per-file line: {}", r.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), a);

    // A new file: only it is read, and it appears in its sorted place.
    copy_sample("ops-dedicated/fax000001112.tif", &input.join("ops-dedicated/fax000001112.tif"));
    let r = run_dir(&input, &out, Some(&state), &["--verbose"]);
    assert_eq!(state_counts(&r.stderr), (1, 5, 0));
    assert!(r.stderr.contains("faxtract: ops-dedicated/fax000001112.tif: 2 pages: other"), "{}", r.stderr);
    let b = parse(&std::fs::read(&out).unwrap());
    assert_eq!(paths(&b)[2], "ops-dedicated/fax000001112.tif");
    assert_eq!(b.len(), 6);

    // A changed file: read again, its record replaced (new content hash), the others untouched.
    let changed = input.join("station-e13/fax000002109.tif");
    copy_sample("station-b2/fax-20200103-091017-6175550177.tif", &changed);
    let r = run_dir(&input, &out, Some(&state), &[]);
    assert_eq!(state_counts(&r.stderr), (1, 5, 1), "the old entry of the changed file is removed");
    let c = parse(&std::fs::read(&out).unwrap());
    let rec = c.iter().find(|r| r["source"]["path"] == "station-e13/fax000002109.tif").unwrap();
    assert_eq!(rec["source"]["sha256"], sha256_hex(&changed).as_str());
    assert_eq!(
        c.iter().filter(|r| r["source"]["path"] != "station-e13/fax000002109.tif").collect::<Vec<_>>(),
        b.iter().filter(|r| r["source"]["path"] != "station-e13/fax000002109.tif").collect::<Vec<_>>()
    );

    // A deleted file drops out of the output and the state.
    std::fs::remove_file(input.join("email-bureau/scan_2026-06-11_202359.png")).unwrap();
    let r = run_dir(&input, &out, Some(&state), &[]);
    assert_eq!(state_counts(&r.stderr), (0, 5, 1));
    let e = std::fs::read(&out).unwrap();
    assert!(!paths(&parse(&e)).contains(&"email-bureau/scan_2026-06-11_202359.png".to_string()));
    assert_eq!(state_entries(&state).len(), 5);

    // After all that, the output is exactly what a fresh full run over the same files makes.
    let fresh = d.path().join("fresh.jsonl");
    run_dir(&input, &fresh, None, &[]);
    assert_eq!(e, std::fs::read(&fresh).unwrap(), "incremental output differs from a fresh run");

    // Changed models (a comment only: the version hash changes): everything is read again.
    let models = d.path().join("models");
    std::fs::create_dir(&models).unwrap();
    for f in std::fs::read_dir(root().join("models")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, models.join(f.file_name().unwrap())).unwrap();
    }
    let classify = models.join("classify.toml");
    let text = std::fs::read_to_string(&classify).unwrap();
    std::fs::write(&classify, format!("# edited for a test\n{text}")).unwrap();
    let r = run_dir(&input, &out, Some(&state), &["--models", s(&models)]);
    assert_eq!(state_counts(&r.stderr), (5, 0, 5), "{}", r.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), e, "a comment changes no record");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        v.push(e.path());
        if e.path().is_dir() {
            v.extend(walk(&e.path()));
        }
    }
    v
}

/// Processes running our binary as a worker (the tests run one at a time, so any is a leftover).
fn live_workers() -> Vec<u32> {
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_faxtract")).unwrap();
    let mut v = Vec::new();
    for p in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = p.file_name().to_string_lossy().parse::<u32>() else { continue };
        let cmd = std::fs::read(p.path().join("cmdline")).unwrap_or_default();
        let is_worker = cmd.split(|&b| b == 0).nth(1) == Some(b"worker".as_slice());
        if is_worker && std::fs::read_link(p.path().join("exe")).ok().as_deref() == Some(exe.as_path()) {
            v.push(pid);
        }
    }
    v
}

/// After a kill: no worker may outlive its parent (they get SIGKILL with it), and the output is absent or
/// whole.
fn check_after_kill(out: &Path) {
    let until = Instant::now() + Duration::from_secs(5);
    while !live_workers().is_empty() {
        assert!(Instant::now() < until, "workers outlived their killed parent: {:?}", live_workers());
        std::thread::sleep(Duration::from_millis(50));
    }
    if let Ok(bytes) = std::fs::read(out) {
        parse(&bytes);
    }
}

#[test]
fn kill_9_at_any_point_then_rerun_gives_the_uninterrupted_output() {
    let _g = serial();
    let reference = &reference().0;
    let d = fixture();
    let (input, out, state) = (d.path().join("in"), d.path().join("out.jsonl"), d.path().join("state"));
    let lines = lines_toml();
    let args = ["run", s(&input), "--lines", s(&lines), "--jobs", "2", "--out", s(&out), "--state", s(&state)];
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_faxtract"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };

    // Kill point 1: soon after the start (walking, hashing, workers starting), before any file is done.
    let mut child = spawn();
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    check_after_kill(&out);
    assert!(!out.exists(), "no output before the run finished");

    // Kill points 2 and 3: as soon as a further file's records are in the state (OCR of others in flight).
    for _ in 0..2 {
        let before = state_entries(&state).len();
        let mut child = spawn();
        let until = Instant::now() + Duration::from_secs(240);
        while state_entries(&state).len() <= before {
            assert!(Instant::now() < until, "no progress");
            assert!(child.try_wait().unwrap().is_none(), "the run ended before the kill point");
            std::thread::sleep(Duration::from_millis(20));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        check_after_kill(&out);
        assert!(state_entries(&state).len() < SUBSET.len(), "killed before the end");
    }
    let done_before = state_entries(&state).len();
    assert!(done_before >= 2);

    // The rerun reads only what is missing and writes exactly the uninterrupted run's output.
    let r = faxtract(&args, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(state_counts(&r.stderr).0, (SUBSET.len() - done_before) as u64);
    let got = std::fs::read(&out).unwrap();
    parse(&got);
    assert_eq!(&got, reference, "output after kills and a rerun differs from the uninterrupted run");
    // Nothing of the run's time is in a record (else two runs could never agree byte for byte).
    assert!(!String::from_utf8_lossy(&got).contains("2026-12"), "a processing date leaked into the records");

    // Once more from a finished state: nothing to do, same bytes, and a kill now cannot hurt either.
    let r = faxtract(&args, &[]);
    assert_eq!(state_counts(&r.stderr).0, 0);
    assert_eq!(&std::fs::read(&out).unwrap(), reference);
    // No temporary files are left in the state after a finished run.
    assert!(walk(&state).iter().all(|p| p.extension().is_none_or(|e| e != "tmp")));
}

/// Records by path.
fn by_path(records: Vec<serde_json::Value>) -> BTreeMap<String, Vec<serde_json::Value>> {
    let mut m: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for r in records {
        m.entry(r["source"]["path"].as_str().unwrap().to_string()).or_default().push(r);
    }
    m
}

#[test]
fn crashing_hanging_and_allocating_files_are_reported_and_the_rest_processed() {
    let _g = serial();
    let reference = by_path(parse(&reference().0));
    let d = fixture();
    let input = d.path().join("in");
    let faults = input.join("zz-faults");
    std::fs::create_dir(&faults).unwrap();
    std::fs::write(faults.join("crash.tif"), b"FAXTRACT-TEST-CRASH").unwrap();
    std::fs::write(faults.join("hang.tif"), b"FAXTRACT-TEST-HANG").unwrap();
    std::fs::write(faults.join("alloc.tif"), b"FAXTRACT-TEST-ALLOC").unwrap();
    let out = d.path().join("out.jsonl");
    let lines = lines_toml();
    let start = Instant::now();
    // 30 s: ample for a 1-page file on a busy machine (5 s was not, with 2 cores shared), short for a test.
    // 1024 MiB: the normal files must still be read under a tighter limit than the default.
    let r = faxtract(
        &[
            "run",
            s(&input),
            "--lines",
            s(&lines),
            "--jobs",
            "2",
            "--out",
            s(&out),
            "--file-timeout",
            "30",
            "--worker-memory",
            "1024",
        ],
        &[("FAXTRACT_FAULT_INJECTION", "1")],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(start.elapsed() < Duration::from_secs(120), "the hang was not cut short");
    let got = by_path(parse(&std::fs::read(&out).unwrap()));
    let err = |p: &str| got[p][0]["error"].clone();
    assert_eq!(err("zz-faults/crash.tif")["code"], "worker_crashed");
    assert!(err("zz-faults/crash.tif")["message"].as_str().unwrap().contains("SIGABRT"));
    assert_eq!(err("zz-faults/hang.tif")["code"], "timeout");
    assert!(err("zz-faults/hang.tif")["message"].as_str().unwrap().contains("30 s"));
    // 3 GiB reserved under a 1 GiB address-space limit: the allocation fails and the worker aborts.
    assert_eq!(err("zz-faults/alloc.tif")["code"], "worker_crashed");
    for p in ["zz-faults/crash.tif", "zz-faults/hang.tif", "zz-faults/alloc.tif"] {
        assert_eq!(got[p][0]["kind"], "error");
        assert_eq!(got[p][0]["source"]["sha256"].as_str().unwrap(), sha256_hex(&input.join(p)));
    }
    // Every other file has exactly its normal records.
    let others: BTreeMap<_, _> = got.into_iter().filter(|(p, _)| !p.starts_with("zz-faults/")).collect();
    assert_eq!(others, reference);
    assert!(r.stderr.contains("timeout 1") && r.stderr.contains("worker_crashed 2"), "{}", r.stderr);
    check_after_kill(&out);

    // Controls: without the variable the fault files are ordinary non-images; with it but no memory limit,
    // the reservation succeeds (so the limit is what stopped it above).
    let ctl = d.path().join("ctl.jsonl");
    let r = faxtract(&["run", s(&faults), "--jobs", "1", "--out", s(&ctl), "--file-timeout", "20"], &[]);
    assert_eq!(r.code, 1);
    let codes: Vec<_> = parse(&std::fs::read(&ctl).unwrap()).iter().map(|r| r["error"]["code"].clone()).collect();
    assert_eq!(codes, ["not_an_image"; 3]);
    let r = faxtract(
        &["run", s(&faults.join("alloc.tif")), "--out", s(&ctl), "--worker-memory", "0"],
        &[("FAXTRACT_FAULT_INJECTION", "1")],
    );
    assert_eq!(r.code, 1);
    assert_eq!(parse(&std::fs::read(&ctl).unwrap())[0]["error"]["code"], "not_an_image");
}

#[test]
fn stderr_shows_no_personal_data_unless_verbose() {
    let _g = serial();
    let (reference, quiet) = reference();
    // What must not appear: the subset's A-numbers, names, dates of birth, and its file paths.
    let mut secrets = Vec::new();
    for r in parse(reference) {
        let d = &r["detainer"];
        for v in [
            &d["a_number"],
            &d["subject"]["name"],
            &d["subject"]["family_name"],
            &d["subject"]["given_names"],
            &d["subject"]["dob"],
        ] {
            if let Some(s) = v.as_str() {
                secrets.push(s.to_string());
            }
        }
    }
    assert!(secrets.len() >= 8, "the subset holds two requests: {secrets:?}");
    let file_names: Vec<String> = SUBSET.iter().map(|p| p.rsplit('/').next().unwrap().to_string()).collect();
    for s in secrets.iter().chain(&file_names) {
        assert!(!quiet.contains(s.as_str()), "default stderr shows {s}: {quiet}");
    }
    assert!(quiet.contains("faxtract: 5 files, 4 pages: 2 detainer requests"), "{quiet}");
    assert!(quiet.contains("errors by code: truncated 1"), "{quiet}");

    // --verbose names the files, with error codes, on a cheap run (no OCR: an empty and a damaged file).
    let d = tempfile::tempdir().unwrap();
    copy_sample("station-a1/fax000000291.tif", &d.path().join("in/station-a1/fax000000291.tif"));
    copy_sample("station-c11/fax000003605.tif", &d.path().join("in/station-c11/fax000003605.tif"));
    let out = d.path().join("o.jsonl");
    let r = run_dir(&d.path().join("in"), &out, None, &["--verbose"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("faxtract: station-a1/fax000000291.tif: 0 pages: error truncated"), "{}", r.stderr);
    assert!(r.stderr.contains("faxtract: station-c11/fax000003605.tif: 0 pages: error empty_file"), "{}", r.stderr);
    // The plain --out path is written through a temporary file: it ends 0600 with no leftover.
    assert_eq!(mode(&out), 0o600);
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 2, "only in/ and o.jsonl");
}

#[test]
fn state_needs_an_output_file_and_its_folder_is_not_input() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    let st = d.path().join("st");
    let input = root().join("samples/faxes/station-c11");
    assert_eq!(faxtract(&["run", s(&input), "--state", s(&st)], &[]).code, 2);
    assert_eq!(faxtract(&["run", s(&input), "--state", s(&st), "--out", "-"], &[]).code, 2);
    assert!(!st.exists());

    // A state folder inside the archive folder is not read as faxes (cheap files only: no OCR). (An output
    // inside it is refused: see tests/operator.rs.)
    let input = d.path().join("in");
    copy_sample("station-a1/fax000000291.tif", &input.join("station-a1/fax000000291.tif"));
    copy_sample("station-c11/fax000003605.tif", &input.join("station-c11/fax000003605.tif"));
    let (st, out) = (input.join("state"), d.path().join("records.jsonl"));
    for processed in [2, 0] {
        let r = run_dir(&input, &out, Some(&st), &[]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_eq!(state_counts(&r.stderr), (processed, 2 - processed, 0));
        assert_eq!(
            paths(&parse(&std::fs::read(&out).unwrap())),
            ["station-a1/fax000000291.tif", "station-c11/fax000003605.tif"]
        );
    }
}

#[test]
fn a_killed_run_leaves_no_worker_behind() {
    let _g = serial();
    // A worker busy on a file (here one that hangs) when its parent is SIGKILLed: it never reads the closed
    // pipe, so only the kernel (PR_SET_PDEATHSIG) can stop it.
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("hang.tif"), b"FAXTRACT-TEST-HANG").unwrap();
    let out = d.path().join("o.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_faxtract"))
        .args(["run", s(&d.path().join("hang.tif")), "--out", s(&out), "--file-timeout", "600"])
        .env("FAXTRACT_FAULT_INJECTION", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(60);
    while live_workers().is_empty() {
        assert!(Instant::now() < until, "no worker started");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let it get the file and start hanging.
    std::thread::sleep(Duration::from_secs(2));
    child.kill().unwrap();
    child.wait().unwrap();
    check_after_kill(&out);
    assert!(!out.exists());
}

#[test]
fn crashed_and_timed_out_files_are_read_again_next_run() {
    let _g = serial();
    // No OCR: a damaged file (stored for good) and an injected crash (kept in the output, retried).
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    copy_sample("station-a1/fax000000291.tif", &input.join("station-a1/fax000000291.tif"));
    std::fs::write(input.join("crash.tif"), b"FAXTRACT-TEST-CRASH").unwrap();
    let (out, st) = (d.path().join("o.jsonl"), d.path().join("st"));
    let lines = lines_toml();
    let args = ["run", s(&input), "--lines", s(&lines), "--out", s(&out), "--state", s(&st)];
    let mut first = None;
    for (processed, unchanged) in [(2, 0), (1, 1)] {
        let r = faxtract(&args, &[("FAXTRACT_FAULT_INJECTION", "1")]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_eq!(state_counts(&r.stderr), (processed, unchanged, 0));
        let bytes = std::fs::read(&out).unwrap();
        let codes: Vec<_> = parse(&bytes).iter().map(|r| r["error"]["code"].clone()).collect();
        assert_eq!(codes, ["worker_crashed", "truncated"]);
        assert_eq!(first.get_or_insert(bytes.clone()), &bytes);
    }
    // Once the fault is gone (no injection), the retry gives the file's real record and it is done.
    let r = faxtract(&args, &[]);
    assert_eq!(state_counts(&r.stderr), (1, 1, 0));
    let codes: Vec<_> = parse(&std::fs::read(&out).unwrap()).iter().map(|r| r["error"]["code"].clone()).collect();
    assert_eq!(codes, ["not_an_image", "truncated"]);
    assert_eq!(state_counts(&faxtract(&args, &[]).stderr), (0, 2, 0));
}
