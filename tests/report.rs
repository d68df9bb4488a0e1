//! End to end through the built binary: `faxtract report` and `faxtract reconcile` on the fixture corpus of
//! `tests/common` (two overlapping shards), every count asserted exactly, in every format.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn report_json(args: &[&str]) -> (i32, Value, String) {
    let mut a = vec!["report"];
    a.extend_from_slice(args);
    let (code, out, err) = run(&a);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("report is not JSON ({e}): {out}\n{err}"));
    (code, v, err)
}

fn shards() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = write_shards(dir.path());
    (dir, a.display().to_string(), b.display().to_string())
}

fn ids(v: &Value, key: &str, field: &str) -> Vec<String> {
    v[key].as_array().unwrap().iter().map(|x| x[field].as_str().unwrap().to_string()).collect()
}

#[test]
fn json_report_counts_everything_exactly() {
    let (_d, s1, s2) = shards();
    let (code, v, err) = report_json(&[&s1, &s2]);
    assert_eq!(code, 0, "{err}");

    // The public keys are all there.
    for k in [
        "unique_requests",
        "copies_received",
        "cancellations",
        "by_channel",
        "by_line",
        "by_month",
        "by_office",
        "by_warrant_type",
        "by_form",
        "dedicated_share",
        "duplicates",
        "needs_review",
        "errors",
        "period",
    ] {
        assert!(v.get(k).is_some(), "missing key {k}");
    }
    assert_eq!(v["unique_requests"], 10);
    assert_eq!(v["copies_received"], 16);
    assert_eq!(v["cancellations"], 2);
    assert_eq!(v["cancellation_copies"], 3);
    assert_eq!(v["dedicated_requests"], 4);
    assert_eq!(v["dedicated_share"].as_f64().unwrap(), 0.4);
    assert_eq!(
        v["by_channel"],
        json!({
            "dedicated": {"requests": 4, "copies": 4},
            "email": {"requests": 1, "copies": 1},
            "station": {"requests": 7, "copies": 10},
            "unknown": {"requests": 1, "copies": 1},
        })
    );
    assert_eq!(
        v["by_line"],
        json!({
            "bureau-email": {"channels": ["email"], "requests": 1, "copies": 1},
            "central-fax": {"channels": ["dedicated"], "requests": 4, "copies": 4},
            "station-a": {"channels": ["station"], "requests": 6, "copies": 6},
            "station-b": {"channels": ["station"], "requests": 4, "copies": 4},
            "unknown": {"channels": ["unknown"], "requests": 1, "copies": 1},
        })
    );
    assert_eq!(
        v["by_month"],
        json!({"2024-12": 1, "2025-01": 2, "2025-02": 2, "2025-03": 2, "2025-04": 2, "undated": 1})
    );
    assert_eq!(v["by_office"], json!({"BOS": 4, "LESC": 1, "NYC": 1, "PHI": 1, "SEA": 1, "unknown": 2}));
    assert_eq!(v["by_warrant_type"], json!({"I-200": 4, "I-205": 2, "judicial": 1, "none": 2, "conflict": 1}));
    assert_eq!(v["judicial_vs_administrative"], json!({"administrative": 6, "judicial": 1, "none": 2, "conflict": 1}));
    assert_eq!(v["by_form"], json!({"I-247A": 7, "legacy": 2, "unknown": 1}));
    assert_eq!(v["by_form_detail"], json!({"I-247": 1, "I-247A": 7, "I-247D": 1, "unknown": 1}));

    let p = &v["period"];
    assert_eq!(p["from"], Value::Null);
    assert_eq!(p["to"], Value::Null);
    assert_eq!(p["by_date_issued"], 8);
    assert_eq!(p["by_received_at"], 1);
    assert_eq!(p["undated_count"], 1);
    assert_eq!(p["undated_counted"], true);
    assert_eq!(p["undated"], json!(["unsorted/scan0042.tif#p1-4"]));
    assert_eq!(p["earliest"], "2024-12-20");
    assert_eq!(p["latest"], "2025-04-11");
    assert_eq!(p["excluded"], json!({"requests": 0, "cancellations": 0, "copies": 0}));

    // Duplicates: every merged request with its rule(s) and every copy.
    let dups: BTreeMap<String, (Value, usize)> = v["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (d["request_id"].as_str().unwrap().to_string(), (d["rules"].clone(), d["copies"].as_array().unwrap().len()))
        })
        .collect();
    let want: BTreeMap<String, (Value, usize)> = [
        ("1001/BOS2501000001", json!(["subject_id+event_number"]), 2),
        ("1002/BOS2501000002", json!(["a_number+date_issued+name"]), 2),
        ("1005/BOS2503000005", json!(["subject_id+event_number", "a_number+date_issued+name"]), 3),
        ("1006/BOS2503000006", json!(["subject_id+event_number"]), 2),
        ("1008/BOS2504000008", json!(["subject_id+event_number"]), 2),
        ("cancel:1001/BOS2501000001", json!(["subject_id+event_number"]), 2),
    ]
    .into_iter()
    .map(|(k, r, n)| (k.to_string(), (r, n)))
    .collect();
    assert_eq!(dups, want);
    let r2 = v["duplicates"].as_array().unwrap().iter().find(|d| d["request_id"] == "1002/BOS2501000002").unwrap();
    let copy_paths: Vec<&str> = r2["copies"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(copy_paths, ["station-a/20250120-0800.tif", "station-b/20250121-1130.tif"]);
    assert_eq!(r2["copies"][1]["event_number"], "BOS25O1000002");
    assert_eq!(r2["copies"][1]["channel"], "station");
    assert_eq!(r2["copies"][1]["received_at"], "2025-01-21T11:30:00");
    assert!(r2["copies"][1]["record"]["input"].as_str().unwrap().ends_with("shard1.jsonl"));
    assert_eq!(r2["copies"][1]["record"]["line"], 4);

    // Needs review: 3 records flagged by the pipeline, 4 findings of the report.
    let nr = v["needs_review"].as_array().unwrap();
    assert_eq!(nr.len(), 7, "{nr:#?}");
    let records: Vec<&str> =
        nr.iter().filter(|x| x["origin"] == "record").map(|x| x["path"].as_str().unwrap()).collect();
    assert_eq!(records, ["station-b/20250121-1130.tif", "station-b/20250402-0815.tif", "unsorted/scan0042.tif"]);
    let report: Vec<(&str, String)> = nr
        .iter()
        .filter(|x| x["origin"] == "report")
        .map(|x| (x["request_id"].as_str().unwrap(), x["reasons"][0].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(report.len(), 4);
    let find = |id: &str| report.iter().find(|(i, _)| *i == id).map(|(_, r)| r.clone()).unwrap_or_default();
    assert_eq!(find("1002/BOS2501000002"), "copies disagree on event_number: BOS2501000002, BOS25O1000002");
    assert_eq!(find("1008/BOS2504000008"), "copies disagree on warrant type: I-200, judicial");
    assert!(find("unsorted/scan0042.tif#p1-4").starts_with("no complete merge key"));
    assert_eq!(find("cancel:1999/BOS2505009999"), "cancellation of a request not found in the records");
    let r7 = nr.iter().find(|x| x["path"] == "station-b/20250402-0815.tif").unwrap();
    assert_eq!(r7["reasons"], json!(["date_issued: unreadable"]));
    assert_eq!(r7["request_id"], "1007/PHI2504000007");

    // Errors and inputs.
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    assert_eq!(v["errors"][0]["path"], "station-a/broken.tif");
    assert_eq!(v["errors"][0]["code"], "tiff_decode");
    assert_eq!(v["input_errors"], json!([]));
    let i = &v["inputs"];
    assert_eq!(i["lines"], 23);
    assert_eq!(i["records_parsed"], 23);
    assert_eq!(i["records"], 21);
    assert_eq!(i["repeated_records"], 2);
    assert_eq!(i["repeated"].as_array().unwrap().len(), 2);
    assert_eq!(i["repeated"][0]["identical"], true);
    assert_eq!(i["files_read"], 20);
    assert_eq!(i["pages"], 74);
    assert_eq!(i["error_files"], 1);
    assert_eq!(i["records_by_kind"], json!({"detainer": 19, "error": 1, "other": 1}));

    // Requests, cancellations and their links.
    assert_eq!(
        ids(&v, "requests", "request_id"),
        [
            "1001/BOS2501000001",
            "1002/BOS2501000002",
            "1003/NYC2502000003",
            "1004/LESC2502000004",
            "1005/BOS2503000005",
            "1006/BOS2503000006",
            "1007/PHI2504000007",
            "1008/BOS2504000008",
            "1010/SEA2412000010",
            "unsorted/scan0042.tif#p1-4",
        ]
    );
    let r1 = &v["requests"][0];
    assert_eq!(r1["cancelled_by"], json!(["cancel:1001/BOS2501000001"]));
    assert_eq!(r1["channels"], json!(["dedicated", "station"]));
    let r7 = &v["requests"][6];
    assert_eq!(r7["date"], "2025-04-02");
    assert_eq!(r7["date_basis"], "received_at");
    let c = v["cancellation_list"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0]["request_id"], "cancel:1001/BOS2501000001");
    assert_eq!(c[0]["cancels"], "1001/BOS2501000001");
    assert_eq!(c[1]["cancels"], Value::Null);

    // Personal data stays out unless asked for.
    let text = v.to_string();
    assert!(!text.contains("GARCIA"), "names must not be in the default report");
    assert!(!text.contains("1990-01-01"), "dates of birth are never in the report");
}

#[test]
fn period_filters_on_issue_date_then_received_date() {
    let (_d, s1, s2) = shards();
    let (code, v, err) = report_json(&[&s1, &s2, "--from", "2025-01-01", "--to", "2025-03-31"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["unique_requests"], 6);
    assert_eq!(v["copies_received"], 11);
    assert_eq!(v["cancellations"], 1);
    assert_eq!(v["dedicated_requests"], 3);
    assert_eq!(v["dedicated_share"].as_f64().unwrap(), 0.5);
    assert_eq!(v["by_month"], json!({"2025-01": 2, "2025-02": 2, "2025-03": 2}));
    let p = &v["period"];
    assert_eq!(p["from"], "2025-01-01");
    assert_eq!(p["to"], "2025-03-31");
    assert_eq!(p["by_date_issued"], 6);
    assert_eq!(p["by_received_at"], 0);
    assert_eq!(p["undated_counted"], false);
    assert_eq!(p["undated"], json!(["unsorted/scan0042.tif#p1-4"]));
    // R7 (received 04-02), R8 (04-11), R10 (2024-12) and the undated R9; C2 (05-01).
    assert_eq!(p["excluded"], json!({"requests": 4, "cancellations": 1, "copies": 5}));

    // R7 has no issue date: its received date puts it in April.
    let (_, v, _) = report_json(&[&s1, &s2, "--from", "2025-04-02", "--to", "2025-04-02"]);
    assert_eq!(v["unique_requests"], 1);
    assert_eq!(v["requests"][0]["request_id"], "1007/PHI2504000007");
    assert_eq!(v["period"]["by_received_at"], 1);
    assert_eq!(v["dedicated_share"].as_f64().unwrap(), 0.0);

    // No request in the period: the share is null.
    let (_, v, _) = report_json(&[&s1, &s2, "--from", "2030-01-01"]);
    assert_eq!(v["unique_requests"], 0);
    assert_eq!(v["dedicated_share"], Value::Null);
}

#[test]
fn shard_given_twice_counts_once_and_says_so() {
    let (_d, s1, s2) = shards();
    let (_, base, _) = report_json(&[&s1, &s2]);
    let (code, v, _) = report_json(&[&s1, &s2, &s1]);
    assert_eq!(code, 0);
    for k in ["unique_requests", "copies_received", "cancellations", "by_channel", "by_line", "duplicates", "errors"] {
        assert_eq!(v[k], base[k], "{k}");
    }
    // 2 repeats from shard2 plus all 11 records of shard1 again.
    assert_eq!(v["inputs"]["repeated_records"], 13);
    assert_eq!(v["inputs"]["records"], 21);
    assert_eq!(v["inputs"]["files_read"], 20);
    assert_eq!(v["inputs"]["pages"], 74);
}

#[test]
fn unreadable_lines_are_listed_and_exit_1() {
    let (d, s1, s2) = shards();
    let bad = d.path().join("bad.jsonl");
    std::fs::write(&bad, "{not json\n{\"schema\":\"faxtract.record/1\",\"kind\":\"detainer\"}\n\n[1,2]\n").unwrap();
    let (code, v, err) = report_json(&[&s1, &s2, bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(v["unique_requests"], 10, "the good records are still counted");
    let e = v["input_errors"].as_array().unwrap();
    assert_eq!(e.len(), 3, "{e:#?}");
    let lines: Vec<Value> = e.iter().map(|x| x["line"].clone()).collect();
    assert_eq!(lines, [json!(1), json!(2), json!(4)]);
    assert!(err.contains("bad.jsonl:1"), "{err}");
    assert_eq!(v["inputs"]["input_errors"], 3);
}

/// Issue 17: a records file that does not exist or cannot be read is a failure of its own (exit 4) and
/// nothing is written, never a report of zeros or a short count.
#[test]
fn a_missing_or_unreadable_records_file_is_exit_4_and_writes_nothing() {
    let (d, s1, s2) = shards();
    let missing = d.path().join("missing.jsonl");
    let out = d.path().join("r.json");
    for args in [vec![missing.to_str().unwrap()], vec![&s1, &s2, missing.to_str().unwrap()]] {
        let mut a = vec!["report"];
        a.extend(args.iter().copied());
        let (code, stdout, err) = run(&a);
        assert_eq!(code, 4, "{err}");
        assert!(stdout.is_empty(), "no report on standard output: {stdout}");
        assert!(err.contains("missing.jsonl"), "{err}");
        a.extend(["--out", out.to_str().unwrap()]);
        assert_eq!(run(&a).0, 4);
        assert!(!out.exists(), "no report file");
    }
    // A folder holding no records file, and a file that cannot be read (a folder named .jsonl inside).
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(run(&["report", empty.to_str().unwrap()]).0, 4);
    let list = d.path().join("l.csv");
    std::fs::write(&list, "a_number\nA212345671\n").unwrap();
    assert_eq!(run(&["reconcile", missing.to_str().unwrap(), "--against", list.to_str().unwrap()]).0, 4);
}

#[test]
fn usage_errors_exit_2() {
    let (_d, s1, _) = shards();
    assert_eq!(run(&["report", &s1, "--from", "2025-13-01"]).0, 2);
    assert_eq!(run(&["report", &s1, "--from", "2025-03-01", "--to", "2025-02-01"]).0, 2);
    assert_eq!(run(&["report", &s1, "--format", "pdf"]).0, 2);
    assert_eq!(run(&["report"]).0, 2);
    assert_eq!(run(&["reconcile", &s1]).0, 2, "--against is required");
    let list = _d.path().join("l.csv");
    std::fs::write(&list, "a_number\nA212345671\n").unwrap();
    assert_eq!(run(&["reconcile", &s1, "--against", list.to_str().unwrap(), "--format", "pdf"]).0, 2);
    assert_eq!(run(&["reconcile", &s1, "--against", "/nonexistent.csv"]).0, 2);
}

#[test]
fn show_names_adds_names() {
    let (_d, s1, s2) = shards();
    let (_, v, _) = report_json(&[&s1, &s2, "--show-names"]);
    assert_eq!(v["requests"][0]["name"], "GARCIA LOPEZ, JUAN");
    assert_eq!(v["duplicates"][0]["copies"][0]["name"], "GARCIA LOPEZ, JUAN");
    assert!(!v.to_string().contains("1990-01-01"));
}

#[test]
fn output_is_deterministic_and_out_writes_a_file() {
    let (d, s1, s2) = shards();
    let a = run(&["report", &s1, &s2, "--format", "markdown"]).1;
    let b = run(&["report", &s1, &s2, "--format", "markdown"]).1;
    assert_eq!(a, b);
    let out = d.path().join("r.json");
    let (code, stdout, _) = run(&["report", &s1, &s2, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["unique_requests"], 10);
}

fn csv_rows(text: &str) -> Vec<(String, String, String)> {
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(rd.headers().unwrap().iter().collect::<Vec<_>>(), ["section", "key", "value"]);
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect()
}

#[test]
fn csv_report_has_every_figure() {
    let (_d, s1, s2) = shards();
    let (code, out, _) = run(&["report", &s1, &s2, "--format", "csv"]);
    assert_eq!(code, 0);
    let rows = csv_rows(&out);
    let get = |s: &str, k: &str| -> String {
        rows.iter().find(|r| r.0 == s && r.1 == k).map(|r| r.2.clone()).unwrap_or_else(|| panic!("no row {s},{k}"))
    };
    let count = |s: &str| rows.iter().filter(|r| r.0 == s).count();
    assert_eq!(get("summary", "unique_requests"), "10");
    assert_eq!(get("summary", "copies_received"), "16");
    assert_eq!(get("summary", "cancellations"), "2");
    assert_eq!(get("summary", "dedicated_share"), "0.4");
    assert_eq!(get("summary", "files_read"), "20");
    assert_eq!(get("summary", "pages"), "74");
    assert_eq!(get("summary", "repeated_records"), "2");
    assert_eq!(get("by_channel", "dedicated"), "4");
    assert_eq!(get("by_channel", "station"), "7");
    assert_eq!(get("by_channel_copies", "station"), "10");
    assert_eq!(get("by_line", "station-a"), "6");
    assert_eq!(get("by_line_copies", "station-b"), "4");
    assert_eq!(get("by_month", "2025-04"), "2");
    assert_eq!(get("by_month", "undated"), "1");
    assert_eq!(get("by_office", "BOS"), "4");
    assert_eq!(get("by_warrant_type", "I-200"), "4");
    assert_eq!(get("by_warrant_type", "conflict"), "1");
    assert_eq!(get("judicial_vs_administrative", "administrative"), "6");
    assert_eq!(get("by_form", "legacy"), "2");
    assert_eq!(get("period", "by_received_at"), "1");
    assert_eq!(count("request"), 10);
    assert_eq!(count("cancellation"), 2);
    assert_eq!(count("duplicate"), 6);
    assert_eq!(count("duplicate_copy"), 13);
    assert_eq!(count("needs_review"), 7);
    assert_eq!(count("error"), 1);
    assert_eq!(count("repeated_record"), 2);
    assert!(get("duplicate", "1002/BOS2501000002").contains("rules=a_number+date_issued+name"));
}

#[test]
fn markdown_report_has_every_figure() {
    let (_d, s1, s2) = shards();
    let (code, md, _) = run(&["report", &s1, &s2, "--format", "markdown"]);
    assert_eq!(code, 0);
    for want in [
        "| Unique detainer requests | 10 |",
        "| Copies received | 16 |",
        "| Cancellations (not counted as requests) | 2 |",
        "| Share reaching the `dedicated` channel | 40.0% (4 of 10) |",
        "| Files read | 20 |",
        "| Pages | 74 |",
        "| dedicated | 4 | 4 |",
        "| station | 7 | 10 |",
        "| station-a | station | 6 | 6 |",
        "| 2025-03 | 2 |",
        "| LESC | 1 |",
        "| conflict | 1 |",
        "| administrative | 6 |",
        "| I-247A | 7 |",
        "## Merged duplicates (6)",
        "## Needing review (7)",
        "## Error files (1)",
        "- `station-a/broken.tif`: `tiff_decode` not a TIFF file: bad magic bytes",
        "## Records read more than once, counted once (2)",
    ] {
        assert!(md.contains(want), "markdown lacks `{want}`:\n{md}");
    }
}

// ---------------------------------------------------------------------------------------------- reconcile

fn their_list(dir: &std::path::Path) -> String {
    let p = dir.join("ice-list.csv");
    std::fs::write(
        &p,
        "Subject ID,Event Number,A-Number,Issue Date\n\
         1001,BOS2501000001,A212345671,01/10/2025\n\
         ,,A 212-345-672,01/20/2025\n\
         1003,NYC2502000003,A212345673,2025-02-05\n\
         ,,212345677,04/01/2025\n\
         1500,BOS2505000150,A212340000,05/01/2025\n\
         1501,BOS2505000151,A12,13/45/2025\n",
    )
    .unwrap();
    p.display().to_string()
}

fn reconcile_args<'a>(s1: &'a str, s2: &'a str, list: &'a str, format: &'a str) -> Vec<&'a str> {
    vec![
        "reconcile",
        s1,
        s2,
        "--against",
        list,
        "--col-subject-id",
        "Subject ID",
        "--col-event",
        "Event Number",
        "--col-a-number",
        "A-Number",
        "--col-date",
        "Issue Date",
        "--format",
        format,
    ]
}

#[test]
fn reconcile_matches_with_rules() {
    let (d, s1, s2) = shards();
    let list = their_list(d.path());
    let (code, out, err) = run(&reconcile_args(&s1, &s2, &list, "json"));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let s = &v["summary"];
    assert_eq!(s["ours"], 10);
    assert_eq!(s["theirs"], 6);
    assert_eq!(s["matched"], 4);
    assert_eq!(s["only_ours"], 6);
    assert_eq!(s["only_theirs"], 2);
    assert_eq!(s["matched_by_rule"], json!({"a_number": 1, "a_number+date": 1, "subject_id+event_number": 2}));
    assert_eq!(s["matched_by_channel"], json!({"dedicated": 2, "station": 3}));
    assert_eq!(s["only_ours_by_channel"], json!({"dedicated": 2, "email": 1, "station": 4, "unknown": 1}));
    assert_eq!(s["their_rows_with_problems"], 1);
    let m: Vec<(String, String, bool)> = v["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["ours"]["request_id"].as_str().unwrap().into(),
                m["rule"].as_str().unwrap().into(),
                m["date_differs"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        m,
        [
            ("1001/BOS2501000001".into(), "subject_id+event_number".into(), false),
            ("1002/BOS2501000002".into(), "a_number+date".into(), false),
            ("1003/NYC2502000003".into(), "subject_id+event_number".into(), false),
            ("1007/PHI2504000007".into(), "a_number".into(), true),
        ]
    );
    let ours: Vec<&str> =
        v["only_ours"].as_array().unwrap().iter().map(|x| x["request_id"].as_str().unwrap()).collect();
    assert_eq!(
        ours,
        [
            "1004/LESC2502000004",
            "1005/BOS2503000005",
            "1006/BOS2503000006",
            "1008/BOS2504000008",
            "1010/SEA2412000010",
            "unsorted/scan0042.tif#p1-4",
        ]
    );
    let theirs: Vec<u64> = v["only_theirs"].as_array().unwrap().iter().map(|x| x["line"].as_u64().unwrap()).collect();
    assert_eq!(theirs, [6, 7]);
    assert_eq!(v["only_theirs"][1]["problems"].as_array().unwrap().len(), 2);

    // A period narrows ours, not theirs.
    let mut a = reconcile_args(&s1, &s2, &list, "json");
    a.extend(["--from", "2025-01-01", "--to", "2025-01-31"]);
    let v: Value = serde_json::from_str(&run(&a).1).unwrap();
    assert_eq!(v["summary"]["ours"], 2);
    assert_eq!(v["summary"]["matched"], 2);
    assert_eq!(v["summary"]["only_theirs"], 4);
}

#[test]
fn reconcile_csv_and_markdown() {
    let (d, s1, s2) = shards();
    let list = their_list(d.path());
    let (code, out, _) = run(&reconcile_args(&s1, &s2, &list, "csv"));
    assert_eq!(code, 0);
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let status = |s: &str| rows.iter().filter(|r| &r[0] == s).count();
    assert_eq!((status("matched"), status("only_ours"), status("only_theirs")), (4, 6, 2));
    assert!(rows.iter().any(|r| &r[0] == "matched" && &r[1] == "a_number" && &r[2] == "1007/PHI2504000007"));

    let (code, md, _) = run(&reconcile_args(&s1, &s2, &list, "markdown"));
    assert_eq!(code, 0);
    for want in [
        "| our unique requests | 10 |",
        "| rows in their list | 6 |",
        "| matched | 4 |",
        "| matched by a_number | 1 |",
        "| only in ours | 6 |",
        "| only in theirs | 2 |",
        "| 1007/PHI2504000007 | a_number (dates differ) | 5 | 2025-04-02 | 2025-04-01 | station |",
    ] {
        assert!(md.contains(want), "markdown lacks `{want}`:\n{md}");
    }
}

#[test]
fn reconcile_column_errors_are_usage_errors() {
    let (d, s1, s2) = shards();
    let list = their_list(d.path());
    let (code, _, err) = run(&["reconcile", &s1, &s2, "--against", &list, "--col-event", "Nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no column `Nope`"), "{err}");
    // Default names absent and nothing mapped: nothing to match on.
    let (code, _, err) = run(&["reconcile", &s1, &s2, "--against", &list]);
    assert_eq!(code, 2, "{err}");
    // Default names present: no flags needed.
    let p = d.path().join("plain.csv");
    std::fs::write(&p, "subject_id,event_number,a_number,date\n1004,LESC2502000004,,\n").unwrap();
    let (code, out, _) = run(&["reconcile", &s1, &s2, "--against", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["matched"], 1);
}
