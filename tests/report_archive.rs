//! Issue 17 end to end, through the built binary, on archives generated in code (`tests/common/archive.rs`):
//! duplicates and triplicates, copies with a misread key, cancellations on another line than their request,
//! specks in the cancel box, and the agency's list in the ICE release layout (department rows, rows of
//! another facility, requests that never reached any line). Every count is asserted against what the
//! generator made.

mod common;

use common::archive::{self, Archive, DEPARTMENT, HEADER, OTHER_FACILITY};
use common::run;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const N: usize = 120;

fn write_archive(dir: &Path, a: &Archive) -> PathBuf {
    let p = dir.join("records.jsonl");
    let text: String = a.records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    std::fs::write(&p, text).unwrap();
    p
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

#[test]
fn report_counts_a_generated_archive_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive::archive(N, 17);
    let t = &a.truth;
    let records = write_archive(dir.path(), &a);
    let v = json(&["report", records.to_str().unwrap()]);

    assert_eq!(v["unique_requests"], t.unique_requests);
    assert_eq!(v["copies_received"], t.copies);
    assert_eq!(v["cancellations"], t.cancellations);
    assert_eq!(v["dedicated_requests"], t.dedicated_requests);
    let share = v["dedicated_share"].as_f64().unwrap();
    assert!((share - t.dedicated_requests as f64 / t.unique_requests as f64).abs() < 1e-12);
    for (w, n) in &t.warrants {
        assert_eq!(v["by_warrant_type"][w], *n, "warrant {w}");
    }
    assert_eq!(v["by_warrant_type"]["conflict"], 0);
    assert!(v["possible_duplicates"].as_array().unwrap().is_empty(), "{:#}", v["possible_duplicates"]);

    // Every request of more than one copy is one duplicate; the misread ones were merged by a near rule,
    // with its evidence.
    let dups = v["duplicates"].as_array().unwrap();
    let requests_with_copies = dups.iter().filter(|d| d["kind"] == "request").count();
    let multi = (0..N).filter(|i| i % 7 == 3 || i % 3 == 1).count();
    assert_eq!(requests_with_copies, multi);
    let near: Vec<&Value> = dups
        .iter()
        .flat_map(|d| d["merges"].as_array().unwrap())
        .filter(|m| m["rule"].as_str().unwrap().starts_with("near:"))
        .collect();
    assert_eq!(near.len(), t.near_merged);
    for m in &near {
        let ev: Vec<&str> = m["evidence"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        assert!(ev.iter().any(|e| e.contains("apart")), "a near merge says what was misread: {ev:?}");
        assert!(ev.iter().filter(|e| e.ends_with("equal") || e.ends_with("similar")).count() >= 3, "{ev:?}");
    }

    // Copies vote: the misread subject ID (confidence 0.6) loses to the true one, and the disagreement is listed.
    let req1 = v["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["copies"] == 2
                && !r["disagreements"].as_array().unwrap().is_empty()
                && r["disagreements"][0].as_str().unwrap().contains("subject_id")
        })
        .expect("a request with a misread subject ID");
    let voted = req1["subject_id"].as_str().unwrap();
    assert!(req1["disagreements"][0].as_str().unwrap().contains(voted));
    assert!(req1["request_id"].as_str().unwrap().starts_with(voted), "the id uses the voted subject ID");

    // Cancellations: each linked to its request, which came in on other lines.
    let cancels = v["cancellation_list"].as_array().unwrap();
    assert_eq!(cancels.len(), t.cancellations);
    for c in cancels {
        assert!(c["cancels"].is_string(), "{c:#}");
        assert_eq!(c["link"], "same subject_id and a_number, issued on the cancelled date");
        let (mine, theirs) = (c["lines"].as_array().unwrap(), c["cancels_lines"].as_array().unwrap());
        assert!(!theirs.is_empty() && mine.iter().all(|l| !theirs.contains(l)), "{c:#}");
    }
    // A speck in the cancel box is a request, listed for review.
    let specks = v["needs_review"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| {
            x["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r.as_str().unwrap().starts_with("cancel box read as ticked"))
        })
        .count();
    assert_eq!(specks, (0..N).filter(|i| i % 11 == 5 && i % 7 != 3 && i % 3 != 1).count());

    // The month chart: every month of the period, empty ones included.
    let v = json(&["report", records.to_str().unwrap(), "--from", "2024-11-01", "--to", "2026-02-28"]);
    let months: Vec<&String> = v["by_month"].as_object().unwrap().keys().collect();
    assert_eq!(months.len(), 16);
    assert_eq!(v["by_month"]["2024-11"], 0);
    assert_eq!(v["by_month"]["2026-02"], 0);
    let total: u64 = v["by_month"].as_object().unwrap().values().map(|x| x.as_u64().unwrap()).sum();
    assert_eq!(total as usize, t.unique_requests);
}

#[test]
fn a_doubtful_near_match_is_listed_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = archive::Rng::new(3);
    let q = archive::request(5, 12, &mut rng);
    let a = archive::copy(&q, "station-a/x.tif".into(), "station-a", &q.date);
    // Everything agrees but the A-number, read with confidence on both: not the same request for sure.
    let mut b = archive::copy(&q, "station-b/y.tif".into(), "station-b", &q.date);
    let d = b.detainer.as_mut().unwrap();
    d.subject_id = Some(archive::confuse(d.subject_id.as_deref().unwrap(), 3));
    d.a_number = Some(archive::confuse(d.a_number.as_deref().unwrap(), 6));
    let text = [a, b].iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect::<String>();
    let p = dir.path().join("r.jsonl");
    std::fs::write(&p, text).unwrap();
    let v = json(&["report", p.to_str().unwrap()]);
    assert_eq!(v["unique_requests"], 2, "not merged");
    let pd = v["possible_duplicates"].as_array().unwrap();
    assert_eq!(pd.len(), 1, "{pd:#?}");
    assert!(pd[0]["why"].as_str().unwrap().contains("A-numbers differ"), "{:#}", pd[0]);
    let flagged = v["needs_review"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["reasons"][0].as_str().unwrap().starts_with("possible duplicate of"))
        .count();
    assert_eq!(flagged, 2, "both requests name each other");
}

fn reconcile(records: &Path, list: &Path, extra: &[&str]) -> Value {
    let mut a = vec!["reconcile", records.to_str().unwrap(), "--against", list.to_str().unwrap(), "--format", "json"];
    a.extend_from_slice(extra);
    json(&a)
}

fn assert_release_counts(v: &Value, a: &Archive) {
    let t = &a.truth;
    let s = &v["summary"];
    assert_eq!(s["layout"], "release");
    assert_eq!(s["ours"], t.unique_requests);
    assert_eq!(s["theirs"], t.their_rows);
    assert_eq!(s["matched"], t.matched);
    assert_eq!(s["only_ours"], t.only_ours);
    assert_eq!(s["only_theirs"], t.only_theirs);
    assert_eq!(
        s["other_facilities"][format!("{} ({})", OTHER_FACILITY.0, OTHER_FACILITY.1)],
        t.their_other_facility_rows
    );
    let dept = format!("{} ({})", DEPARTMENT.0, DEPARTMENT.1);
    assert_eq!(s["by_facility"][&dept]["matched"], t.matched);
    assert_eq!(s["by_facility"][&dept]["only_theirs"], t.only_theirs);
    assert_eq!(s["matched_by_rule"]["prepare_date+gender+citizenship+birth_year"], t.matched);
    // All three attributes agree on every true pair; a day apart at most: all strong.
    assert_eq!(s["matched_by_strength"]["strong"], t.matched);
    let months: BTreeMap<String, Value> = s["by_month"].as_object().unwrap().clone().into_iter().collect();
    let sum = |k: &str| months.values().map(|m| m[k].as_u64().unwrap()).sum::<u64>() as usize;
    assert_eq!(
        (sum("ours"), sum("matched"), sum("only_ours"), sum("only_theirs")),
        (t.unique_requests, t.matched, t.only_ours, t.only_theirs)
    );
    for m in v["matched"].as_array().unwrap() {
        assert_eq!(m["strength"], "strong");
        assert!(m["days_apart"].as_i64().unwrap() <= 1);
        assert!(m["evidence"].as_array().unwrap().len() >= 4, "{m:#}");
    }
}

#[test]
fn reconcile_against_the_release_layout_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive::archive(N, 29);
    let records = write_archive(dir.path(), &a);
    let csv = dir.path().join("ice-detainers.csv");
    std::fs::write(&csv, &a.release_csv).unwrap();
    let v = reconcile(&records, &csv, &["--facility", "central lockup|SPDLOCK"]);
    assert_release_counts(&v, &a);
    assert!(!v.to_string().contains("(b)(6)"), "redacted ids are absent, not values");

    let xlsx = dir.path().join("ice-detainers.xlsx");
    write_xlsx(&xlsx, &a.release_rows);
    let vx = reconcile(&records, &xlsx, &["--facility", "SPDLOCK"]);
    assert_release_counts(&vx, &a);
    assert_eq!(vx["summary"], v["summary"], "the workbook reads as the CSV does");

    // Without --facility every row is compared: the other facility's rows are only theirs.
    let all = reconcile(&records, &csv, &[]);
    assert_eq!(all["summary"]["theirs"], a.truth.their_rows + a.truth.their_other_facility_rows);
    assert_eq!(all["summary"]["only_theirs"], a.truth.only_theirs + a.truth.their_other_facility_rows);
    assert_eq!(all["summary"]["matched"], a.truth.matched);

    // HTML: a page with the figures, and outputs created 0600.
    let out = dir.path().join("rec.html");
    let (code, _, err) = run(&[
        "reconcile",
        records.to_str().unwrap(),
        "--against",
        csv.to_str().unwrap(),
        "--facility",
        "SPDLOCK",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
        "--department",
        "Springfield Police Department",
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains(&format!("id=\"matched\" data-value=\"{}\"", a.truth.matched)), "{html}");
    assert!(html.contains(&format!("id=\"only-theirs\" data-value=\"{}\"", a.truth.only_theirs)));
    assert!(html.contains("Springfield Police Department"));
    assert!(!html.to_lowercase().contains("<script"));
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);

    // A bad --facility is a usage error; --facility on an ID-column list too.
    let (code, _, _) =
        run(&["reconcile", records.to_str().unwrap(), "--against", csv.to_str().unwrap(), "--facility", "("]);
    assert_eq!(code, 2);
}

#[test]
fn report_page_states_department_period_time_versions_and_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive::archive(24, 5);
    let records = write_archive(dir.path(), &a);
    let out = dir.path().join("report.html");
    let status = std::process::Command::new(common::bin())
        .args(["report", records.to_str().unwrap(), "--format", "html", "--out", out.to_str().unwrap()])
        .args(["--department", "Springfield Police Department", "--from", "2025-01-01", "--to", "2025-12-31"])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600, "created 0600");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<p class=\"department\" id=\"department\">Springfield Police Department</p>"));
    assert!(html.contains("Period: 2025-01-01 to 2025-12-31"));
    assert!(html.contains("data-generated-at=\"2026-01-01T00:00:00Z\""), "the generation time");
    assert!(html.contains(&format!("faxtract {}", env!("CARGO_PKG_VERSION"))));
    assert!(html.contains("(models "));
    assert!(html.contains(&format!("<code>{}</code>", records.display())), "the inputs");
    // Every month of the period is a bar, the empty ones too.
    assert_eq!(html.matches("data-chart=\"by_month\"").count(), 1);
    let start = html.find("id=\"chart-by_month\"").unwrap();
    let chart = &html[start..start + html[start..].find("</svg>").unwrap()];
    assert_eq!(chart.matches("<rect class=\"bar\"").count(), 12);
}

/// A minimal XLSX workbook (one sheet, inline strings), as a spreadsheet program would save the list.
fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let col = |i: usize| ((b'A' + i as u8) as char).to_string();
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{}", col(c), r + 1);
            if r > 0 && c == 7 && !v.is_empty() {
                sheet.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>")); // birth year as a number
            } else {
                sheet.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>", esc(v)));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"detainers\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in files {
        z.start_file(name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    assert_eq!(HEADER.len(), rows[0].len());
}
