//! Fax metadata on real received faxes and on files of other origins (issue 16): the two real faxes in
//! `../shared/real-faxes` (never copied into the repository: these checks say they were skipped where the
//! folder is absent) give their header line's received time and page 1; no sender is ever taken from a tag
//! that is not a received fax's TSI, nor from body text.

mod common;

use common::tiff::{build, Page, ASCII};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(paths: &[&Path]) -> (i32, Vec<Value>, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_faxtract")).arg("run").args(paths).args(["--jobs", "2"]).output().unwrap();
    let records = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (out.status.code().unwrap_or(-1), records, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn validate(records: &[Value]) {
    let schema: Value = serde_json::from_str(faxtract::record::JSON_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for r in records {
        let errors: Vec<String> = validator.iter_errors(r).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "record does not validate: {errors:?}\n{r}");
    }
}

/// `../shared/real-faxes`, or None with a line saying the test was skipped.
fn real_faxes() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real-faxes");
    if dir.join("fax2d.tif").is_file() && dir.join("g3test.tif").is_file() {
        return Some(dir);
    }
    println!("SKIPPED: {} is not here; the real-fax checks did not run", dir.display());
    None
}

#[test]
fn real_received_faxes_give_their_header_times_and_page_1() {
    let Some(real) = real_faxes() else { return };
    let (code, records, stderr) = run(&[&real.join("fax2d.tif"), &real.join("g3test.tif")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), 2);
    validate(&records);
    // `08/17/1990 15:27 FROM Chez Oxford Business Ctr TO Sam Leffler P.01` and
    // `07-11-87 17:12 T-BROOKTROUT TECH 0310 #556 P01`: dot-matrix lines with slashed zeros.
    for (r, when, sender) in [
        (&records[0], "1990-08-17T15:27", "CHEZ OXFORD BUSINESS CTR"),
        (&records[1], "1987-07-11T17:12", "BROOKTROUT TECH"),
    ] {
        assert_eq!(r["kind"], "other", "{r}");
        let f = &r["fax"];
        assert_eq!(f["received_at"], when, "{f}");
        assert_eq!(f["header"]["received_at_source"], "header_line", "{f}");
        assert_eq!(f["header"]["page"], 1, "{f}");
        assert!(f["sender"].as_str().is_some_and(|s| s.contains(sender)), "{f}");
        // fax2tiff stores PageNumber 1-based: given as stored, not shifted.
        assert_eq!(f["header"]["tags"]["PageNumber"], "1/1", "{f}");
    }
}

/// A blank fax-geometry page (204x196 dpi, 1728 wide: nothing for OCR to read) with text tags.
fn page_with(tags: &[(u16, &str)]) -> Vec<u8> {
    let mut p = Page::g4_white(1728, 2200);
    for (tag, text) in tags {
        let mut bytes = text.as_bytes().to_vec();
        bytes.push(0);
        p.set_raw(*tag, ASCII, bytes.len() as u32, bytes);
    }
    build(&[p]).bytes
}

#[test]
fn no_sender_from_a_non_fax_tag_or_body_text() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let (desc, software, datetime) = (270, 305, 306);
    let long: String = "scanned with settings ".repeat(800);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("a-converted-pbm.tif", page_with(&[(desc, "converted PBM file")])),
        (
            "b-gimp.tif",
            page_with(&[(desc, "Created with GIMP"), (software, "GIMP 2.10.34"), (datetime, "2024:05:06 10:11:12")]),
        ),
        ("c-long-block.tif", page_with(&[(desc, &long), (software, "HylaFAX 6.0.7")])),
        ("d-two-lines.tif", page_with(&[(desc, "ICE ERO\nBOSTON"), (software, "HylaFAX 6.0.7")])),
        // The control: a real TSI in a received fax is the sender, and its DateTime the received time.
        (
            "e-hylafax.tif",
            page_with(&[(desc, "+1 617 555 0142"), (software, "HylaFAX 6.0.7"), (datetime, "2025:03:14 09:41:07")]),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    // A scan with body text and no header line: its first text line is no sender.
    let scan = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/faxes/email-bureau/scan_2026-06-11_202359.png");
    std::fs::copy(&scan, dir.join("f-scan.png")).unwrap();
    let mut paths = vec![dir.to_path_buf()];
    if let Some(real) = real_faxes() {
        paths.extend([real.join("fax2d.tif"), real.join("g3test.tif")]);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let (code, records, stderr) = run(&refs);
    assert_eq!(code, 0, "{stderr}");
    validate(&records);
    let by = |name: &str| records.iter().find(|r| r["source"]["path"].as_str().unwrap().ends_with(name)).unwrap();
    for name in ["a-converted-pbm.tif", "b-gimp.tif", "c-long-block.tif", "d-two-lines.tif", "f-scan.png"] {
        assert!(by(name)["fax"]["sender"].is_null(), "{name}: {}", by(name)["fax"]);
        assert!(by(name)["fax"]["header"]["sender"].is_null(), "{name}: {}", by(name)["fax"]);
    }
    assert!(by("b-gimp.tif")["fax"]["received_at"].is_null(), "an editor's DateTime is no received time");
    let e = &by("e-hylafax.tif")["fax"];
    assert_eq!(
        (e["sender"].as_str(), e["received_at"].as_str()),
        (Some("+1 617 555 0142"), Some("2025-03-14T09:41:07"))
    );
    assert_eq!(e["header"]["received_at_source"], "tiff_datetime");
    if paths.len() > 1 {
        // The real faxes have no TSI: their senders come from their header lines.
        assert!(by("fax2d.tif")["fax"]["sender"].as_str().unwrap().contains("OXFORD"));
        assert!(by("g3test.tif")["fax"]["sender"].as_str().unwrap().contains("BROOKTROUT"));
    }
}
