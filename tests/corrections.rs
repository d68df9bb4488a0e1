//! Corrections reach the count: a generated archive (faxgen, fixed seed) through the pipeline, a
//! corrections file that sets every field the pipeline got wrong to the generator's value, `faxtract
//! correct`, then `faxtract eval --records` (field accuracy 100%) and `faxtract report` (the counts the
//! generator sent). Also: corrections that cannot be applied are reported, not applied, and quote no
//! value; exit codes; every file written is 0600.

use faxtract::record::Record;
use serde_json::{json, Value};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn faxtract() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faxtract"))
}

fn ok_or_show(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn read_records(path: &Path) -> Vec<Record> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The correctable fields, as `faxtract correct` names them.
const FIELDS: &[&str] = faxtract::review::CORRECTABLE;

fn value_of(r: &Record, field: &str) -> Value {
    assert!(FIELDS.contains(&field), "no field {field}");
    let v = faxtract::review::correction::current_value(r, field);
    // Probable causes compare as a set: the order the copies list them in is not a difference.
    match (field, v) {
        ("probable_cause", Value::Array(mut c)) => {
            c.sort_by_key(|x| x.to_string());
            Value::Array(c)
        }
        (_, v) => v,
    }
}

struct Corpus {
    dir: tempfile::TempDir,
    records: PathBuf,
}

/// A small generated archive read by the pipeline, big enough that it gets a few values wrong (12
/// documents were all read right once doubtful fields were read twice).
fn corpus() -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let st = Command::new(env!("CARGO_BIN_EXE_faxgen"))
        .args(["--seed", "15", "--docs", "16", "--out"])
        .arg(dir.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let records = dir.path().join("records.jsonl");
    let out =
        faxtract().args(["run", "--jobs", "2", "--out"]).arg(&records).arg(dir.path().join("faxes")).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", ok_or_show(&out));
    Corpus { dir, records }
}

fn correction(r: &Record, field: &str, value: Value, note: Option<&str>) -> String {
    json!({
        "schema": "faxtract.correction/1",
        "source_sha256": r.source.sha256,
        "pages": r.source.pages,
        "field": field,
        "value": value,
        "by": "QA",
        "at": "2025-03-01T14:05:00Z",
        "note": note,
    })
    .to_string()
}

fn report(records: &Path) -> Value {
    let out = faxtract().arg("report").arg(records).args(["--format", "json"]).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", ok_or_show(&out)))
}

#[test]
fn correcting_every_wrong_field_gives_full_accuracy_and_exact_counts() {
    let c = corpus();
    let actual = read_records(&c.records);
    let expected = faxtract::eval::load_expected(c.dir.path()).unwrap();

    // Every field the pipeline got wrong, set to the generator's value.
    let mut lines = Vec::new();
    let mut wrong = Vec::new();
    for e in &expected {
        let a = actual
            .iter()
            .find(|a| a.source.path == e.record.source.path && a.source.pages == e.record.source.pages)
            .unwrap_or_else(|| panic!("no record for {} {:?}", e.record.source.path, e.record.source.pages));
        assert_eq!(
            (a.kind, &a.form),
            (e.record.kind, &e.record.form),
            "{}: corrections cannot change a kind",
            a.source.path
        );
        if e.record.detainer.is_none() {
            continue;
        }
        for f in FIELDS {
            let want = value_of(&e.record, f);
            if value_of(a, f) != want {
                wrong.push((
                    a.source.sha256.clone(),
                    a.source.pages.clone(),
                    f.to_string(),
                    value_of(a, f),
                    want.clone(),
                ));
                lines.push(correction(a, f, want, Some("from the generator's truth")));
            }
        }
    }
    assert!(!wrong.is_empty(), "the corpus should give the pipeline something to get wrong");
    let file = c.dir.path().join("corrections.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();

    let corrected = c.dir.path().join("corrected.jsonl");
    let out = faxtract()
        .arg("correct")
        .arg(&c.records)
        .arg("--corrections")
        .arg(&file)
        .arg("--out")
        .arg(&corrected)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", ok_or_show(&out));
    assert_eq!(mode(&corrected), 0o600);
    let stderr = ok_or_show(&out);
    assert!(stderr.contains(&format!("{n} corrections read: {n} applied", n = lines.len())), "{stderr}");

    // Audited: each record holds its corrections, old and new; untouched records are as they were.
    let after = read_records(&corrected);
    assert_eq!(after.len(), actual.len());
    for (sha, pages, field, old, new) in &wrong {
        let r = after.iter().find(|r| &r.source.sha256 == sha && &r.source.pages == pages).unwrap();
        let audit = r.corrections.iter().find(|a| &a.field == field).expect("an audit entry");
        assert_eq!((&audit.old, &audit.new, audit.by.as_str()), (old, new, "QA"), "{field}");
        assert_eq!(audit.note.as_deref(), Some("from the generator's truth"));
        assert!(r.review.reasons.iter().all(|x| !x.starts_with(&format!("{field}:"))), "{field}: {:?}", r.review);
    }
    for (a, b) in actual.iter().zip(&after) {
        if b.corrections.is_empty() {
            assert_eq!(a, b, "a record without corrections is written as read");
        }
    }

    // Field accuracy 100%, by `faxtract eval`.
    let out = faxtract()
        .arg("eval")
        .arg(c.dir.path())
        .arg("--records")
        .arg(&corrected)
        .args(["--json", "--fail-below", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", ok_or_show(&out));
    let eval: Value = serde_json::from_slice(&out.stdout).unwrap();
    let overall = &eval["overall"];
    assert_eq!(overall["missing"], 0);
    for (name, f) in overall["fields"].as_object().unwrap() {
        assert_eq!(f["correct"], f["total"], "{name}: {f}");
    }
    assert_eq!(overall["exact"], overall["expected"], "every document exact");

    // The count: what the generator sent, exactly, as the report of its own expected records gives it.
    let ours = report(&corrected);
    let truth = report(&c.dir.path().join("expected.jsonl"));
    for key in [
        "unique_requests",
        "copies_received",
        "cancellations",
        "cancellation_copies",
        "by_office",
        "by_month",
        "by_warrant_type",
        "judicial_vs_administrative",
        "by_form",
    ] {
        assert_eq!(ours[key], truth[key], "{key}");
    }
    let requests: std::collections::BTreeSet<String> = expected
        .iter()
        .filter(|e| e.record.detainer.as_ref().is_some_and(|d| !d.cancels_previous))
        .map(|e| e.truth.copy_of.clone().unwrap_or(e.truth.doc_id.clone()))
        .collect();
    assert_eq!(ours["unique_requests"], requests.len());
    assert_eq!(ours["duplicates"].as_array().unwrap().len(), truth["duplicates"].as_array().unwrap().len());

    // The count from the original records plus the clerk's file is the same count.
    let out = faxtract()
        .arg("report")
        .arg(&c.records)
        .arg("--corrections")
        .arg(&file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", ok_or_show(&out));
    let with_file: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["unique_requests", "cancellations", "by_office", "by_month", "by_warrant_type", "requests"] {
        assert_eq!(with_file[key], ours[key], "report --corrections: {key}");
    }
    let reasons = |r: &Value| -> Vec<Value> {
        r["needs_review"].as_array().unwrap().iter().map(|x| json!([x["path"], x["pages"], x["reasons"]])).collect()
    };
    assert_eq!(reasons(&with_file), reasons(&ours), "report --corrections: needs_review");
    // And reconcile, against a list of the generator's requests: every one of ours matched.
    let list = c.dir.path().join("list.csv");
    let mut csv = String::from("subject_id,event_number,a_number,date\n");
    for e in expected.iter().filter(|e| e.record.detainer.as_ref().is_some_and(|d| !d.cancels_previous)) {
        let d = e.record.detainer.as_ref().unwrap();
        let cell = |v: &Option<String>| v.clone().unwrap_or_default();
        csv += &format!(
            "{},{},{},{}\n",
            cell(&d.subject_id),
            cell(&d.event_number),
            cell(&d.a_number),
            cell(&d.date_issued)
        );
    }
    std::fs::write(&list, csv).unwrap();
    let reconcile = |corrections: Option<&Path>| -> Value {
        let mut cmd = faxtract();
        cmd.arg("reconcile").arg(&c.records).arg("--against").arg(&list).args(["--format", "json"]);
        if let Some(f) = corrections {
            cmd.arg("--corrections").arg(f);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", ok_or_show(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let matched = reconcile(Some(&file));
    let only_ours = |v: &Value| v["only_ours"].as_array().map(Vec::len);
    let only_theirs = |v: &Value| v["only_theirs"].as_array().map(Vec::len);
    assert_eq!((only_ours(&matched), only_theirs(&matched)), (Some(0), Some(0)), "{matched:#}");

    // Applying the same file again changes nothing.
    let again = c.dir.path().join("again.jsonl");
    let out = faxtract()
        .arg("correct")
        .arg(&corrected)
        .arg("--corrections")
        .arg(&file)
        .arg("--out")
        .arg(&again)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", ok_or_show(&out));
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&corrected).unwrap());
}

#[test]
fn corrections_that_cannot_apply_are_reported_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/expected.jsonl");
    // The samples' expected records stand for pipeline output here (their `truth` key is ignored).
    let records = read_records(&samples);
    let det = records.iter().find(|r| r.detainer.is_some()).unwrap();
    let other = records.iter().find(|r| r.detainer.is_none() && !r.source.pages.is_empty()).unwrap();
    let mut unknown = det.clone();
    unknown.source.sha256 = "0".repeat(64);
    let lines = [
        correction(det, "sex", json!("X"), None),                     // 1: applied
        correction(det, "name", json!("Zaragoza-Secret, Ana"), None), // 2: not capitals
        correction(det, "dob", json!("1980-02-30"), None),            // 3: no such date
        correction(&unknown, "sex", json!("F"), None),                // 4: names no record
        correction(other, "sex", json!("F"), None),                   // 5: not a detainer
        correction(det, "fax.line", json!("x"), None),                // 6: not correctable
        "{\"schema\": \"faxtract.correction/1\", \"field\": \"SECRET-NAME\"".to_string(), // 7: not JSON
        String::new(),
    ];
    let file = dir.path().join("c.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out_path = dir.path().join("out.jsonl");
    let out = faxtract()
        .arg("correct")
        .arg(&samples)
        .args(["--corrections"])
        .arg(&file)
        .arg("--out")
        .arg(&out_path)
        .output()
        .unwrap();
    let stderr = ok_or_show(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for line in 2..=7 {
        assert!(stderr.contains(&format!("c.jsonl:{line}: correction not applied")), "line {line}: {stderr}");
    }
    assert!(!stderr.contains("c.jsonl:1:"), "{stderr}");
    assert!(!stderr.contains("Zaragoza") && !stderr.contains("SECRET"), "stderr must not quote values: {stderr}");
    assert!(
        stderr.contains("7 corrections read: 1 applied to 1 records, 0 already applied, 6 not applied"),
        "{stderr}"
    );
    // The output is still written, private, with only the valid correction.
    assert_eq!(mode(&out_path), 0o600);
    let after = read_records(&out_path);
    let r = after.iter().find(|r| r.source == det.source).unwrap();
    assert_eq!(r.detainer.as_ref().unwrap().subject.sex.as_deref(), Some("X"));
    assert_eq!(r.corrections.len(), 1);
    assert_eq!(after.iter().filter(|r| !r.corrections.is_empty()).count(), 1);

    // Usage errors: exit 2, nothing written.
    let missing = dir.path().join("none.jsonl");
    let out = faxtract()
        .arg("correct")
        .arg(&samples)
        .arg("--corrections")
        .arg(&missing)
        .arg("--out")
        .arg(dir.path().join("x.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", ok_or_show(&out));
    assert!(!dir.path().join("x.jsonl").exists());
    // report takes the same file: the count is made, the corrections not applied are reported, exit 1.
    let out = faxtract().arg("report").arg(&samples).arg("--corrections").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", ok_or_show(&out));
    assert!(ok_or_show(&out).contains("c.jsonl:2: correction not applied"));
    let out = faxtract().arg("report").arg(&samples).arg("--corrections").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", ok_or_show(&out));
    let bad_records = dir.path().join("bad.jsonl");
    std::fs::write(&bad_records, "{\"schema\":\"faxtract.record/1\",\"name\":\"SECRET\"}\n").unwrap();
    for cmd in ["correct", "review"] {
        let mut c = faxtract();
        c.arg(cmd).arg(&bad_records).arg("--out").arg(dir.path().join("y"));
        if cmd == "correct" {
            c.arg("--corrections").arg(&file);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}: {}", ok_or_show(&out));
        assert!(ok_or_show(&out).contains("bad.jsonl:1: not a record"), "{cmd}: {}", ok_or_show(&out));
        assert!(!ok_or_show(&out).contains("SECRET"));
        assert!(!dir.path().join("y").exists());
    }
}
