//! `faxtract run --shard K/N` end to end with the real binary and OCR engine, and the deploy/ scripts run
//! locally the way the engines would run them:
//! * the 16 sample faxes read whole and as 3 shards: every file in exactly one shard, the shards' records
//!   together exactly the whole run's, and `report` / `reconcile` over the shards exactly as over the whole;
//! * on a copy of 6 cheap samples: `--shard 0/1` is the whole run; the Slurm array script run once per
//!   index (SLURM_* set by hand) and its report script; the Kubernetes Indexed Job's container command run
//!   once per index (JOB_COMPLETION_INDEX set by hand, the manifest's paths swapped for temp folders) and
//!   the report Job's command.
//!
//! OCR is about a second a page and the machine's cores are shared, so every pipeline run is `--jobs 1`
//! and runs one at a time (a lock), and the expensive runs are made once and shared by the tests.

use faxtract::Shard;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

const BIN: &str = env!("CARGO_BIN_EXE_faxtract");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Held while OCR runs: one pipeline at a time on this machine.
static OCR: Mutex<()> = Mutex::new(());

fn root(rel: &str) -> PathBuf {
    Path::new(ROOT).join(rel)
}

/// Runs a command while holding the OCR lock; returns (exit code, stdout, stderr).
fn exec(cmd: &mut Command) -> (i32, String, String) {
    let _g = OCR.lock().unwrap_or_else(|e| e.into_inner());
    let Output { status, stdout, stderr } = cmd.output().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// `faxtract run ARCHIVE --lines samples/lines.toml --jobs 1 --out OUT [--shard K/N]`; returns the exit code.
fn run_pipeline(archive: &Path, out: &Path, shard: Option<&str>) -> i32 {
    let mut cmd = Command::new(BIN);
    cmd.arg("run")
        .arg(archive)
        .arg("--lines")
        .arg(root("samples/lines.toml"))
        .args(["--jobs", "1"])
        .arg("--out")
        .arg(out);
    if let Some(s) = shard {
        cmd.args(["--shard", s]);
    }
    let (code, _, err) = exec(&mut cmd);
    assert!(code == 0 || code == 1, "faxtract run {shard:?} exited {code}: {err}");
    code
}

fn records(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Records as canonical JSON lines (serde_json sorts keys), sorted: the multiset to compare.
fn canonical(recs: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = recs.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    v.sort();
    v
}

fn path_of(r: &Value) -> String {
    r["source"]["path"].as_str().unwrap().to_string()
}

/// `faxtract report FILES... --format json`, parsed.
fn report(files: &[&Path]) -> (i32, Value) {
    let (code, out, err) = exec(Command::new(BIN).arg("report").args(files).args(["--format", "json"]));
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("report is not JSON ({e}): {out}\n{err}")))
}

/// A report with the parts that name the record files removed (they differ by construction: which file,
/// which line a copy was read from): what is left is every count, breakdown and list.
fn counts(mut v: Value) -> Value {
    fn drop_origins(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.retain(|_, x| {
                    !(x.is_object() && x.as_object().unwrap().keys().map(String::as_str).eq(["input", "line"]))
                });
                m.values_mut().for_each(drop_origins);
            }
            Value::Array(a) => a.iter_mut().for_each(drop_origins),
            _ => {}
        }
    }
    v["inputs"].as_object_mut().expect("report.inputs").remove("record_files");
    drop_origins(&mut v);
    v
}

/// The same, also without the bookkeeping of repeated records (lines read, parsed, repeats), for comparing a
/// report over overlapping files with one over distinct ones.
fn counts_ignoring_repeats(v: Value) -> Value {
    let mut v = counts(v);
    let inputs = v["inputs"].as_object_mut().unwrap();
    for k in ["lines", "records_parsed", "repeated_records", "repeated"] {
        inputs.remove(k);
    }
    v
}

/// The files `walk` would find under a folder, as `source.path` spells them.
fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(p.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------------
// The 16 samples, whole and as 3 shards.

const N: u64 = 3;

struct Full {
    _dir: tempfile::TempDir,
    whole: PathBuf,
    whole_code: i32,
    shards: Vec<PathBuf>,
    shard_codes: Vec<i32>,
}

fn full() -> &'static Full {
    static FULL: OnceLock<Full> = OnceLock::new();
    FULL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let archive = root("samples/faxes");
        let whole = dir.path().join("whole.jsonl");
        let whole_code = run_pipeline(&archive, &whole, None);
        let (mut shards, mut shard_codes) = (Vec::new(), Vec::new());
        for k in 0..N {
            let out = dir.path().join(format!("records-{k}-of-{N}.jsonl"));
            shard_codes.push(run_pipeline(&archive, &out, Some(&format!("{k}/{N}"))));
            shards.push(out);
        }
        Full { _dir: dir, whole, whole_code, shards, shard_codes }
    })
}

#[test]
fn shards_together_are_exactly_the_whole_run() {
    let f = full();
    let whole = records(&f.whole);
    let all_files = files_under(&root("samples/faxes"));
    assert_eq!(all_files.len(), 16);
    let whole_files: BTreeSet<String> = whole.iter().map(path_of).collect();
    assert_eq!(whole_files, all_files, "the whole run has a record for every sample file");
    assert_eq!(f.whole_code, 1, "the samples include unreadable files");

    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut union = Vec::new();
    for (k, path) in f.shards.iter().enumerate() {
        let recs = records(path);
        let files: BTreeSet<String> = recs.iter().map(path_of).collect();
        assert!(
            !files.is_empty() && files.len() < all_files.len(),
            "shard {k} reads a few files, not none or all: {files:?}"
        );
        for file in &files {
            // A file in exactly one shard, the one its recorded path hashes to.
            assert_eq!(seen.insert(file.clone(), k as u64), None, "{file} read by two shards");
            assert_eq!(Shard::of(file, N), k as u64, "{file} is in shard {k}, its path hashes elsewhere");
        }
        // Exit 1 exactly when this shard met an unreadable file.
        let has_errors = recs.iter().any(|r| r["kind"] == "error");
        assert_eq!(f.shard_codes[k], i32::from(has_errors), "shard {k} exit code");
        union.extend(recs);
    }
    assert_eq!(seen.keys().cloned().collect::<BTreeSet<_>>(), all_files, "every file in some shard");
    assert_eq!(canonical(&union), canonical(&whole), "the shards' records are exactly the whole run's");
}

#[test]
fn report_over_shards_counts_as_over_the_whole_run() {
    let f = full();
    let (code, single) = report(&[&f.whole]);
    assert_eq!(code, 0);
    let shard_refs: Vec<&Path> = f.shards.iter().map(PathBuf::as_path).collect();
    let (code, sharded) = report(&shard_refs);
    assert_eq!(code, 0);
    // The figures README documents for the samples, so the comparison is of a real report.
    assert_eq!(sharded["unique_requests"], 8);
    assert_eq!(sharded["copies_received"], 9);
    assert_eq!(sharded["inputs"]["files_read"], 16);
    assert_eq!(sharded["inputs"]["record_files"].as_array().unwrap().len(), 3);
    assert_eq!(counts(sharded), counts(single.clone()));

    // The shards' folder stands for its *.jsonl files.
    let folder = f.shards[0].parent().unwrap().join("shards");
    std::fs::create_dir_all(&folder).unwrap();
    for s in &f.shards {
        std::fs::copy(s, folder.join(s.file_name().unwrap())).unwrap();
    }
    let (code, from_folder) = report(&[&folder]);
    assert_eq!(code, 0);
    assert_eq!(counts(from_folder), counts(single.clone()));

    // A shard given twice (a re-run's output next to the first): its records count once, and are listed.
    let (code, twice) = report(&[&f.shards[0], &f.shards[1], &f.shards[2], &f.shards[1]]);
    assert_eq!(code, 0);
    let shard1 = records(&f.shards[1]).len() as u64;
    assert!(shard1 > 0);
    assert_eq!(twice["inputs"]["repeated_records"], shard1);
    assert_eq!(counts_ignoring_repeats(twice), counts_ignoring_repeats(single));
}

#[test]
fn reconcile_over_shards_matches_as_over_the_whole_run() {
    let f = full();
    // The other party's list: a request from the samples (by its A-number) and one no archive holds.
    let whole = records(&f.whole);
    let a_number = whole
        .iter()
        .find_map(|r| r["fields"]["a_number"]["value"].as_str().map(str::to_string))
        .expect("a sample request with an A-number");
    let list = f.whole.parent().unwrap().join("theirs.csv");
    std::fs::write(
        &list,
        format!("subject_id,event_number,a_number,date\n,,{a_number},\nX999,EV999,A000000001,2025-01-01\n"),
    )
    .unwrap();
    let reconcile = |files: &[&Path]| -> Value {
        let (code, out, err) =
            exec(Command::new(BIN).arg("reconcile").args(files).arg("--against").arg(&list).args(["--format", "json"]));
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let single = reconcile(&[&f.whole]);
    let sharded = reconcile(&f.shards.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    assert_eq!(sharded, single);
    assert!(single.to_string().contains(&a_number), "the listed request is matched: {single}");
}

#[test]
fn shard_argument_out_of_range_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.jsonl");
    for (arg, msg) in [("4/4", "indices run 0..N-1"), ("0/0", "at least 1"), ("1", "not K/N")] {
        let (code, _, err) =
            exec(Command::new(BIN).arg("run").arg(root("samples/faxes")).args(["--shard", arg]).arg("--out").arg(&out));
        assert_eq!(code, 2, "--shard {arg}: {err}");
        assert!(err.contains(msg), "--shard {arg}: {err}");
        assert!(!out.exists(), "no output for a refused run");
    }
}

// ---------------------------------------------------------------------------------------------------
// A copy of 6 cheap samples (1-page faxes and unreadable files), for the deploy scripts.

const FEW: [&str; 6] = [
    "email-bureau/FAX_20210608_092837.tif",
    "email-bureau/FAX_20210926_185209.tif",
    "email-bureau/scan_2026-06-11_202359.png",
    "station-b2/fax-20200103-091017-6175550177.tif",
    "station-c11/fax000003605.tif",
    "station-e13/fax000002109.tif",
];

struct Few {
    dir: tempfile::TempDir,
    archive: PathBuf,
    whole: PathBuf,
}

fn few() -> &'static Few {
    static FEW_RUN: OnceLock<Few> = OnceLock::new();
    FEW_RUN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        for f in FEW {
            let to = archive.join(f);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(root("samples/faxes").join(f), &to).unwrap();
        }
        let whole = dir.path().join("whole.jsonl");
        run_pipeline(&archive, &whole, None);
        assert_eq!(records(&whole).len(), FEW.len());
        Few { dir, archive, whole }
    })
}

#[test]
fn one_shard_is_the_whole_run() {
    let f = few();
    let out = f.dir.path().join("one-shard.jsonl");
    run_pipeline(&f.archive, &out, Some("0/1"));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&f.whole).unwrap(), "--shard 0/1 writes the same bytes");
}

/// Checks a set of shard outputs against the whole run of the few samples: each file in its own shard, the
/// union exactly the whole run's records, no leftover `.part`, owner-only permissions.
fn assert_union_is_whole(records_dir: &Path, n: u64) {
    let mut union = Vec::new();
    for k in 0..n {
        let path = records_dir.join(format!("records-{k}-of-{n}.jsonl"));
        assert!(!records_dir.join(format!("records-{k}-of-{n}.jsonl.part")).exists(), "a .part left for shard {k}");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{} keeps the owner-only mode", path.display());
        let recs = records(&path);
        for r in &recs {
            assert_eq!(Shard::of(&path_of(r), n), k, "{} in shard {k}", path_of(r));
        }
        union.extend(recs);
    }
    assert_eq!(canonical(&union), canonical(&records(&few().whole)));
}

fn slurm_script(name: &str) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(root("deploy/slurm").join(name)).env("FAXTRACT", BIN);
    for var in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_MAX",
        "SLURM_CPUS_PER_TASK",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

#[test]
fn slurm_array_script_runs_each_index_and_the_report_script_combines_them() {
    let f = few();
    let records_dir = f.dir.path().join("slurm-records");
    // The sbatch directives and the array's size agree with the 0-based rule the script enforces.
    let script = std::fs::read_to_string(root("deploy/slurm/faxtract-array.sbatch")).unwrap();
    assert!(script.contains("#SBATCH --array=0-"), "an array starting at 0");
    assert!(script.contains(r#"--shard "$index/$count""#));

    let n = 3u64;
    for k in 0..n {
        let (code, _, err) = exec(
            slurm_script("faxtract-array.sbatch")
                .env("SLURM_ARRAY_TASK_ID", k.to_string())
                .env("SLURM_ARRAY_TASK_COUNT", n.to_string())
                .env("SLURM_ARRAY_TASK_MIN", "0")
                .env("SLURM_ARRAY_TASK_MAX", (n - 1).to_string())
                .env("SLURM_CPUS_PER_TASK", "1")
                .env("ARCHIVE", &f.archive)
                .env("RECORDS", &records_dir)
                .env("LINES", root("samples/lines.toml")),
        );
        // Unreadable files (exit 1 from faxtract) still make a successful task, for `afterok`.
        assert_eq!(code, 0, "task {k}: {err}");
    }
    assert_union_is_whole(&records_dir, n);

    // The dependent report job, as a plain script.
    let report_file = f.dir.path().join("slurm-report.json");
    let report_job = || {
        exec(
            slurm_script("faxtract-report.sbatch")
                .env("RECORDS", &records_dir)
                .env("SHARDS", n.to_string())
                .env("FORMAT", "json")
                .env("REPORT", &report_file),
        )
    };
    let (code, _, err) = report_job();
    assert_eq!(code, 0, "{err}");
    let combined: Value = serde_json::from_str(&std::fs::read_to_string(&report_file).unwrap()).unwrap();
    assert_eq!(combined["inputs"]["record_files"].as_array().unwrap().len(), n as usize);
    assert_eq!(counts(combined), counts(report(&[&f.whole]).1));

    // A missing shard stops the report instead of undercounting.
    std::fs::rename(records_dir.join("records-1-of-3.jsonl"), f.dir.path().join("aside.jsonl")).unwrap();
    std::fs::remove_file(&report_file).unwrap();
    let (code, _, err) = report_job();
    assert_eq!(code, 2);
    assert!(err.contains("shard(s) 1 of 3 have no records file"), "{err}");
    assert!(!report_file.exists());
}

#[test]
fn slurm_array_script_refuses_indices_that_are_not_0_to_n_minus_1() {
    let f = few();
    let records_dir = f.dir.path().join("slurm-refused");
    let task = |id: &str, min: &str, max: &str| {
        exec(
            slurm_script("faxtract-array.sbatch")
                .env("SLURM_ARRAY_TASK_ID", id)
                .env("SLURM_ARRAY_TASK_COUNT", "3")
                .env("SLURM_ARRAY_TASK_MIN", min)
                .env("SLURM_ARRAY_TASK_MAX", max)
                .env("ARCHIVE", &f.archive)
                .env("RECORDS", &records_dir),
        )
    };
    // --array=1-3: a 1-based array.
    let (code, _, err) = task("1", "1", "3");
    assert_eq!(code, 2);
    assert!(err.contains("must be --array=0-2"), "{err}");
    // The ID itself out of range (no MIN/MAX check to catch it): faxtract's own message.
    let (code, _, err) = task("3", "0", "2");
    assert_eq!(code, 2);
    assert!(err.contains("indices run 0..N-1"), "{err}");
    assert_eq!(std::fs::read_dir(&records_dir).unwrap().count(), 0, "nothing written");
}

// ---------------------------------------------------------------------------------------------------
// The Kubernetes manifests.

fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(root(rel)).unwrap();
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn container(job: &Value) -> &Value {
    let cs = job["spec"]["template"]["spec"]["containers"].as_array().unwrap();
    assert_eq!(cs.len(), 1);
    &cs[0]
}

fn env_of(c: &Value) -> BTreeMap<String, Value> {
    c["env"].as_array().unwrap().iter().map(|e| (e["name"].as_str().unwrap().to_string(), e.clone())).collect()
}

fn env_value(env: &BTreeMap<String, Value>, name: &str) -> String {
    env[name]["value"].as_str().unwrap_or_else(|| panic!("env {name} has a plain value")).to_string()
}

fn mount(c: &Value, path: &str) -> Value {
    c["volumeMounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mountPath"] == path)
        .unwrap_or_else(|| panic!("no volume at {path}"))
        .clone()
}

/// The container's shell script: `command: [/bin/sh, -c]`, `args: [script]`.
fn shell_script(c: &Value) -> String {
    assert_eq!(c["command"], serde_json::json!(["/bin/sh", "-c"]));
    let args = c["args"].as_array().unwrap();
    assert_eq!(args.len(), 1);
    let script = args[0].as_str().unwrap().to_string();
    // Every path comes from the environment, so swapping the env below runs exactly this script.
    // (A mount path may only appear right after a variable, as in `${RECORDS}/records-...`.)
    for p in ["/archive", "/records", "/config"] {
        let named = script.match_indices(p).any(|(i, _)| !script[..i].ends_with('}'));
        assert!(!named, "the script names {p} itself:\n{script}");
    }
    // Kubernetes would expand `$(NAME)` in args itself; the scripts leave expansion to the shell.
    assert!(!script.contains("$("), "the script uses $(...)");
    script
}

#[test]
fn kubernetes_indexed_job_runs_each_index_and_the_report_job_combines_them() {
    let f = few();
    let job = yaml("deploy/kubernetes/faxtract-indexed-job.yaml");
    assert_eq!(job["kind"], "Job");
    let spec = &job["spec"];
    assert_eq!(spec["completionMode"], "Indexed");
    let n = spec["completions"].as_u64().expect("completions");
    assert!(n >= 2);
    assert!(spec["parallelism"].as_u64().unwrap() <= n);
    assert_eq!(spec["template"]["spec"]["restartPolicy"], "Never");
    let c = container(&job);
    let env = env_of(c);
    assert_eq!(env_value(&env, "SHARDS"), n.to_string(), "SHARDS = completions");
    // --jobs is the CPU request, by reference.
    assert_eq!(env["JOBS"]["valueFrom"]["resourceFieldRef"]["resource"], "requests.cpu");
    assert_eq!(c["resources"]["requests"]["cpu"], c["resources"]["limits"]["cpu"]);
    // The archive is mounted read-only where ARCHIVE points; the records volume where RECORDS does.
    assert_eq!(mount(c, &env_value(&env, "ARCHIVE"))["readOnly"], true);
    let records_mount = mount(c, &env_value(&env, "RECORDS"));
    assert_ne!(records_mount["readOnly"], true);
    let lines = env_value(&env, "LINES");
    mount(c, Path::new(&lines).parent().unwrap().to_str().unwrap());
    let script = shell_script(c);
    assert!(script.contains(r#"--shard "${JOB_COMPLETION_INDEX}/${SHARDS}""#), "{script}");
    assert!(script.contains(r#"--jobs "${JOBS}""#), "{script}");
    assert!(script.contains("records-${JOB_COMPLETION_INDEX}-of-${SHARDS}.jsonl"), "{script}");

    let report_job = yaml("deploy/kubernetes/faxtract-report-job.yaml");
    let rc = container(&report_job);
    let report_env = env_of(rc);
    assert_eq!(env_value(&report_env, "SHARDS"), n.to_string(), "the report job expects as many shards");
    let claim = |job: &Value, vol: &Value| -> Value {
        let vols = job["spec"]["template"]["spec"]["volumes"].as_array().unwrap();
        vols.iter().find(|v| v["name"] == vol["name"]).unwrap()["persistentVolumeClaim"]["claimName"].clone()
    };
    assert_eq!(
        claim(&report_job, &mount(rc, &env_value(&report_env, "RECORDS"))),
        claim(&job, &records_mount),
        "the report job reads the volume the shards wrote"
    );
    let report_script = shell_script(rc);

    // Every index, run locally: the same script with the volumes replaced by temp folders, `faxtract` on PATH.
    let bin_dir = f.dir.path().join("k8s-bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let _ = std::os::unix::fs::symlink(BIN, bin_dir.join("faxtract"));
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let records_dir = f.dir.path().join("k8s-records");
    std::fs::create_dir_all(&records_dir).unwrap();
    let pod = |script: &str, index: Option<u64>| {
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c").arg(script).env("PATH", &path).env("SHARDS", n.to_string()).env("RECORDS", &records_dir);
        if let Some(k) = index {
            cmd.env("JOB_COMPLETION_INDEX", k.to_string())
                .env("ARCHIVE", &f.archive)
                .env("LINES", root("samples/lines.toml"))
                .env("JOBS", "1");
        }
        exec(&mut cmd)
    };
    for k in 0..n {
        let (code, _, err) = pod(&script, Some(k));
        assert_eq!(code, 0, "index {k}: {err}");
    }
    assert_union_is_whole(&records_dir, n);
    let (code, _, err) = pod(&report_script, None);
    assert_eq!(code, 0, "{err}");
    let combined: Value =
        serde_json::from_str(&std::fs::read_to_string(records_dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(counts(combined), counts(report(&[&f.whole]).1));
    assert!(std::fs::read_to_string(records_dir.join("report.html")).unwrap().contains("</html>"));
}
