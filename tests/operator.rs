//! Operator mistakes (issue 16): each numbered mistake is refused with its documented exit status, or
//! survived with the output an uninterrupted run gives, and no file outside the run's own is changed.
//!
//! The files are cheap on purpose (damaged samples, text files named `.tif`, the test-only fault
//! injection): no OCR unless a test needs a readable page. The tests that time a run or watch its workers
//! run one at a time (a lock), like `tests/nightly.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_sample(rel: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join("samples/faxes").join(rel), to).unwrap();
}

fn write(p: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// An archive of cheap files (no OCR): a truncated and an empty sample, and two text files named `.tif`.
fn cheap_archive(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    copy_sample("station-a1/fax000000291.tif", &input.join("station-a1/fax000000291.tif"));
    copy_sample("station-c11/fax000003605.tif", &input.join("station-c11/fax000003605.tif"));
    write(&input.join("station-a1/notes.tif"), b"minutes of the meeting\n");
    write(&input.join("station-c11/memo.tif"), b"a memo, not a fax\n");
    input
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn cmd(args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_faxtract"));
    c.args(args).stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

fn faxtract(args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> Run {
    let out = cmd(args, env).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `OsStr` arguments from anything path-like.
macro_rules! args {
    ($($a:expr),* $(,)?) => { &[$(std::ffi::OsStr::new(AsRef::<std::ffi::OsStr>::as_ref(&$a))),*] };
}

/// Every file under `dir` with its bytes (folders as empty entries): to show nothing else changed.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walk(dir) {
        let bytes = if e.is_file() { std::fs::read(&e).unwrap() } else { Vec::new() };
        m.insert(e.strip_prefix(dir).unwrap().to_path_buf(), bytes);
    }
    m
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        v.push(p.clone());
        if p.is_dir() && !p.is_symlink() {
            v.extend(walk(&p));
        }
    }
    v
}

fn entries(state: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        walk(&state.join("records")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "jsonl")).collect();
    v.sort();
    v
}

fn records(bytes: &[u8]) -> Vec<serde_json::Value> {
    assert!(bytes.is_empty() || bytes.ends_with(b"\n"), "torn last line");
    std::str::from_utf8(bytes).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn state_counts(stderr: &str) -> (u64, u64, u64) {
    let line = stderr.lines().find(|l| l.starts_with("faxtract: state: ")).unwrap_or_else(|| panic!("{stderr}"));
    let n: Vec<u64> =
        line.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).map(|w| w.parse().unwrap()).collect();
    (n[0], n[1], n[2])
}

/// The output of a plain, uninterrupted run over `input`: what every survived mistake must give.
fn reference(input: &Path, scratch: &Path) -> Vec<u8> {
    let out = scratch.join("reference.jsonl");
    let r = faxtract(args!["run", input, "--out", out], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let bytes = std::fs::read(&out).unwrap();
    std::fs::remove_file(out).unwrap();
    bytes
}

// 1. Damaged state entries heal in one run.
#[test]
fn damaged_state_entries_are_set_aside_and_read_again_in_one_run() {
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    let want = reference(&input, d.path());
    let (st, out) = (d.path().join("state"), d.path().join("out.jsonl"));
    let run = || faxtract(args!["run", input, "--state", st, "--out", out], &[]);
    assert_eq!(run().code, 1);
    let e = entries(&st);
    assert_eq!(e.len(), 4);
    // Truncated, random bytes, emptied.
    let text = std::fs::read(&e[0]).unwrap();
    std::fs::write(&e[0], &text[..text.len() / 2]).unwrap();
    std::fs::write(&e[1], (0..300u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<u8>>()).unwrap();
    std::fs::write(&e[2], b"").unwrap();
    let before = tree(&input);

    let r = run();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(state_counts(&r.stderr), (3, 1, 0), "the three damaged entries' files are read again");
    let warnings: Vec<&str> = r.stderr.lines().filter(|l| l.contains("warning: state entry")).collect();
    assert_eq!(warnings.len(), 3, "{}", r.stderr);
    for p in &e[..3] {
        let name = p.strip_prefix(&st).unwrap().display().to_string();
        assert!(warnings.iter().any(|w| w.contains(&name)), "no warning names {name}: {}", r.stderr);
        assert!(st.join("damaged").join(p.file_name().unwrap()).is_file(), "set aside, not deleted");
    }
    assert_eq!(std::fs::read(&out).unwrap(), want, "the output an uninterrupted run gives");
    assert_eq!(tree(&input), before);
    // Healed: the next run reads nothing.
    assert_eq!(state_counts(&run().stderr), (0, 4, 0));
}

// 2. A misspelt or empty lines file is a usage error; lines are found from the file's real path.
#[test]
fn mistaken_lines_files_are_usage_errors() {
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    let good = std::fs::read_to_string(root().join("samples/lines.toml")).unwrap();
    let out = d.path().join("out.jsonl");
    for (name, text) in [
        ("misspelt table", good.replace("[[line]]", "[[lines]]")),
        ("unknown key", good.replace("channel = \"email\"", "channel = \"email\"\nchanel = \"x\"")),
        ("empty", String::new()),
        (
            "duplicate name",
            format!("{good}\n[[line]]\nname = \"station-a1\"\nchannel = \"station\"\nfolders = [\"x\"]\n"),
        ),
    ] {
        let lines = d.path().join("lines.toml");
        std::fs::write(&lines, text).unwrap();
        let r = faxtract(args!["run", input, "--lines", lines, "--out", out], &[]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains("--lines"), "{name}: {}", r.stderr);
        assert!(!out.exists(), "{name}: refused before anything was written");
    }
}

#[test]
fn line_folders_given_one_by_one_still_name_their_line() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    // One readable page (OCR) in a line's folder, and one in a folder no line names.
    let fax = "station-b2/fax-20200103-091017-6175550177.tif";
    copy_sample(fax, &d.path().join("in/station-b2/a.tif"));
    copy_sample(fax, &d.path().join("in/unsorted/b.tif"));
    let lines = root().join("samples/lines.toml");
    let r = faxtract(
        args!["run", d.path().join("in/station-b2"), d.path().join("in/unsorted"), "--lines", lines, "--jobs", "2"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let recs = records(&r.stdout);
    assert_eq!(recs[0]["source"]["path"], "a.tif");
    assert_eq!(recs[0]["fax"]["line"], "station-b2");
    assert_eq!(recs[0]["fax"]["channel"], "station");
    assert!(recs[1]["fax"]["line"].is_null());
    assert!(r.stderr.contains("faxtract: 1 records have no receiving line"), "{}", r.stderr);
}

// 3. --state on a folder that is not a state folder.
#[test]
fn a_state_folder_without_its_marker_is_refused_and_left_alone() {
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    let out = d.path().join("out.jsonl");
    let not_state = d.path().join("important");
    write(&not_state.join("records/ab/keep-me.jsonl"), b"someone's records\n");
    write(&not_state.join("notes.txt"), b"notes\n");
    let before = tree(&not_state);
    let r = faxtract(args!["run", input, "--state", not_state, "--out", out], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a faxtract state folder"), "{}", r.stderr);
    assert_eq!(tree(&not_state), before, "nothing in it changed");
    assert!(!out.exists());
    // Another format's marker is refused too; an empty folder becomes a state folder.
    write(&not_state.join("format"), b"someone.else/3\n");
    assert_eq!(faxtract(args!["run", input, "--state", not_state, "--out", out], &[]).code, 2);
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(faxtract(args!["run", input, "--state", empty, "--out", out], &[]).code, 1);
    assert_eq!(std::fs::read_to_string(empty.join("format")).unwrap(), "faxtract.state/1\n");
}

// 4. --out naming an input, inside the inputs, or a folder: refused before any file is read.
#[test]
fn an_output_that_would_overwrite_inputs_is_refused_before_any_work() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    // A file that hangs its worker: reaching it would take the whole time limit.
    write(&input.join("station-a1/hang.tif"), b"FAXTRACT-TEST-HANG");
    let fax = input.join("station-a1/fax000000291.tif");
    let before = tree(&input);
    let folder = d.path().join("out-folder");
    std::fs::create_dir(&folder).unwrap();
    let inj = [("FAXTRACT_FAULT_INJECTION", "1")];
    for (what, out) in [
        ("an input file", fax.clone()),
        ("a new file inside the inputs", input.join("records.jsonl")),
        ("a folder", folder.clone()),
    ] {
        let start = Instant::now();
        let r = faxtract(args!["run", input, "--out", out, "--file-timeout", "60"], &inj);
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        assert!(r.stderr.contains("--out"), "{what}: {}", r.stderr);
        assert!(start.elapsed() < Duration::from_secs(30), "{what}: refused only after reading files");
    }
    // The input file given directly, and a link to it.
    let r = faxtract(args!["run", fax, "--out", fax], &inj);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let link = d.path().join("link.jsonl");
    std::os::unix::fs::symlink(&fax, &link).unwrap();
    assert_eq!(faxtract(args!["run", input, "--out", link], &inj).code, 2);
    assert_eq!(tree(&input), before, "no input changed");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

// 5. Two runs with the same --out.
#[test]
fn a_second_run_writing_the_same_output_is_refused_and_the_first_keeps_its_output() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    // The first run holds its output for a few seconds (a file it must time out on).
    write(&input.join("zz/slow.tif"), b"FAXTRACT-TEST-HANG");
    let out = d.path().join("out.jsonl");
    let inj = [("FAXTRACT_FAULT_INJECTION", "1")];
    let first = cmd(args!["run", input, "--out", out, "--file-timeout", "6"], &inj)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let tmp = d.path().join(".out.jsonl.faxtract-tmp");
    wait_for(|| tmp.exists(), "the first run's temporary file");
    let r = faxtract(args!["run", cheap_archive(&d.path().join("other")), "--out", out], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("another faxtract run is writing this output"), "{}", r.stderr);
    let status = wait_or_kill(first, Duration::from_secs(120)).expect("the first run did not end");
    assert_eq!(status.code(), Some(1));
    let got = records(&std::fs::read(&out).unwrap());
    assert_eq!(got.len(), 5, "the first run's own output: its five files");
    assert_eq!(got[4]["error"]["code"], "timeout");
    assert!(!tmp.exists());
    // Once it is done, the next run writes.
    assert_eq!(faxtract(args!["run", input.join("station-a1"), "--out", out], &[]).code, 1);
}

/// The child's exit status, or None (the child killed) if it has not ended within `limit`.
fn wait_or_kill(mut child: Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn wait_for(cond: impl Fn() -> bool, what: &str) {
    let until = Instant::now() + Duration::from_secs(60);
    while !cond() {
        assert!(Instant::now() < until, "waited in vain for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Peak resident memory (KiB) of a process so far.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn state_run_peak_kib(n: usize, dir: &Path) -> u64 {
    let input = dir.join(format!("in-{n}"));
    for i in 0..n {
        write(&input.join(format!("line-{:02}/fax{i:06}.tif", i / 100)), format!("not a fax {i}\n").as_bytes());
    }
    let mut child: Child = cmd(
        args!["run", input, "--jobs", "2", "--state", dir.join(format!("st-{n}")), "--out", dir.join(format!("o-{n}"))],
        &[("OMP_THREAD_LIMIT", "1")],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(vm_hwm_kib(child.id()).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(child.wait().unwrap().code(), Some(1));
    peak
}

// 6. The parent's memory with --state does not grow with finished results waiting to be stored.
#[test]
fn state_runs_hold_no_queue_of_finished_files() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    // Workers finish these far faster than the parent stores them (two fsyncs a file): an unbounded queue
    // between them grew by ~4 KiB a file (+9 MiB here); the list of inputs and keys is ~0.4 KiB a file.
    let small = state_run_peak_kib(200, d.path());
    let large = state_run_peak_kib(2200, d.path());
    assert!(large < small + 3 * 1024, "parent peak {small} KiB at 200 files, {large} KiB at 2,200");
}

// 7. A FIFO swapped in for a file mid-run.
#[test]
fn a_fifo_swapped_in_mid_run_does_not_hang_the_parent() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    let victim = input.join("station-a1/swapped.tif");
    write(&victim, b"FAXTRACT-TEST-HANG");
    let out = d.path().join("out.jsonl");
    let child = cmd(
        args!["run", input, "--out", out, "--file-timeout", "4", "--jobs", "1"],
        &[("FAXTRACT_FAULT_INJECTION", "1")],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Once the worker holds the file, put a FIFO in its place: the parent opens it after the timeout.
    std::thread::sleep(Duration::from_millis(2500));
    std::fs::remove_file(&victim).unwrap();
    let c = std::ffi::CString::new(victim.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a path we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let status = wait_or_kill(child, Duration::from_secs(60)).expect("the parent hung on the FIFO");
    assert_eq!(status.code(), Some(1));
    let got = records(&std::fs::read(&out).unwrap());
    let rec = got.iter().find(|r| r["source"]["path"] == "station-a1/swapped.tif").unwrap();
    assert_eq!(rec["error"]["code"], "timeout");
    assert_eq!(rec["source"]["sha256"], "", "a FIFO is not hashed");
}

// 8. A file briefly unreadable is read again next run.
#[test]
fn a_file_briefly_unreadable_is_read_again_next_run() {
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    write(&input.join("station-a1/flaky.tif"), b"FAXTRACT-TEST-UNREADABLE");
    let (st, out) = (d.path().join("state"), d.path().join("out.jsonl"));
    let run = |env: &[(&str, &str)]| faxtract(args!["run", input, "--state", st, "--out", out], env);
    let code_of = |bytes: &[u8]| {
        records(bytes).iter().find(|r| r["source"]["path"] == "station-a1/flaky.tif").unwrap()["error"]["code"].clone()
    };
    let inj = [("FAXTRACT_FAULT_INJECTION", "1")];
    let r = run(&inj);
    assert_eq!(state_counts(&r.stderr), (5, 0, 0));
    assert_eq!(code_of(&std::fs::read(&out).unwrap()), "unreadable_file");
    // Still failing: read again (and only it), its record kept in the output meanwhile.
    let r = run(&inj);
    assert_eq!(state_counts(&r.stderr), (1, 4, 0));
    assert_eq!(code_of(&std::fs::read(&out).unwrap()), "unreadable_file");
    // Readable again: its real record, stored for good.
    let r = run(&[]);
    assert_eq!(state_counts(&r.stderr), (1, 4, 0));
    assert_eq!(code_of(&std::fs::read(&out).unwrap()), "not_an_image");
    assert_eq!(state_counts(&run(&[]).stderr), (0, 5, 0));
    assert_eq!(std::fs::read(&out).unwrap(), reference(&input, d.path()));
}

// Smaller: Ctrl-C, a closed pipe, names that are not UTF-8, a folder given twice, model regex errors.
#[test]
fn ctrl_c_removes_the_temporary_output_and_says_what_was_kept() {
    let _g = serial();
    let d = tempfile::tempdir().unwrap();
    let input = cheap_archive(d.path());
    write(&input.join("zz/hang.tif"), b"FAXTRACT-TEST-HANG");
    let (st, out) = (d.path().join("state"), d.path().join("out.jsonl"));
    write(&out, b"yesterday's output\n");
    let mut child =
        cmd(args!["run", input, "--jobs", "1", "--state", st, "--out", out], &[("FAXTRACT_FAULT_INJECTION", "1")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    wait_for(|| entries(&st).len() == 4, "the four cheap files stored");
    std::thread::sleep(Duration::from_millis(500));
    // SAFETY: kill on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let mut stderr_pipe = child.stderr.take().unwrap();
    let status = wait_or_kill(child, Duration::from_secs(10)).expect("stopping took too long");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut stderr_pipe, &mut stderr).unwrap();
    // Ended by the signal itself once clean (a shell shows 130).
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(libc::SIGINT), "{stderr}");
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    assert!(stderr.contains("the records of the 4 files read this run are kept in the state"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), b"yesterday's output\n");
    assert!(!d.path().join(".out.jsonl.faxtract-tmp").exists(), "the temporary output was removed");
    assert_eq!(entries(&st).len(), 4);
}

#[test]
fn a_closed_standard_output_ends_the_run_quietly() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    // More records (about 600 bytes each) than a pipe holds (64 KiB): the run is still writing when the
    // pipe closes, however slowly the reader gets to it. With 40 files it could finish first and exit 0.
    for i in 0..400 {
        write(&input.join(format!("f{i:03}.tif")), b"not a fax\n");
    }
    let mut child =
        cmd(args!["run", input, "--jobs", "1"], &[]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while byte[0] != b'\n' {
        std::io::Read::read_exact(&mut stdout, &mut byte).unwrap();
        first.push(byte[0]);
    }
    drop(stdout);
    let o = child.wait_with_output().unwrap();
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&o.status), Some(libc::SIGPIPE), "a shell shows 141");
    assert_eq!(String::from_utf8_lossy(&o.stderr), "", "quiet");
    assert_eq!(records(&first)[0]["source"]["path"], "f000.tif");
}

#[test]
fn names_that_are_not_utf8_keep_distinct_paths_and_a_folder_given_twice_is_read_once() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    for b in [0xffu8, 0xfe, 0xfd] {
        let name = [b'f', b'a', b'x', b, b'.', b't', b'i', b'f'];
        write(&input.join(std::ffi::OsStr::from_bytes(&name)), b"not a fax\n");
    }
    let r = faxtract(args!["run", input, input, input.join(".")], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let paths: Vec<String> =
        records(&r.stdout).iter().map(|r| r["source"]["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, ["fax\\xFD.tif", "fax\\xFE.tif", "fax\\xFF.tif"]);
    assert!(r.stderr.contains("warning: 2 of the paths given repeat another"), "{}", r.stderr);
}

#[test]
fn a_bad_regex_in_the_models_names_its_file() {
    let d = tempfile::tempdir().unwrap();
    let models = d.path().join("models");
    std::fs::create_dir(&models).unwrap();
    for f in std::fs::read_dir(root().join("models")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, models.join(f.file_name().unwrap())).unwrap();
    }
    let w = models.join("warrants.toml");
    let text = std::fs::read_to_string(&w).unwrap();
    let broken = text.replacen("judge_signature = '", "judge_signature = '(unclosed", 1);
    assert_ne!(broken, text, "the test must break the pattern");
    std::fs::write(&w, broken).unwrap();
    let input = cheap_archive(d.path());
    let r = faxtract(args!["run", input, "--models", models], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("warrants.toml"), "{}", r.stderr);
}
