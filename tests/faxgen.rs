//! Runs the built `faxgen` binary and checks what it writes: determinism, expected.jsonl coverage and
//! hashes, and (with `tiffinfo`/`tiffcp` from libtiff-tools) that each file is stored as its truth says.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn faxgen(args: &[&str], out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_faxgen")).args(args).arg("--out").arg(out).output().expect("run faxgen");
    assert!(st.status.success(), "faxgen failed: {}", String::from_utf8_lossy(&st.stderr));
}

/// Relative path -> bytes of every file under `dir` except expected.jsonl.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let dir = &dir.join("faxes");
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            if rel != "expected.jsonl" {
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

fn expected(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("expected.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sha256(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

fn tiffinfo(p: &Path) -> (bool, String) {
    let o = Command::new("tiffinfo").arg(p).output().expect("tiffinfo (install libtiff-tools)");
    (o.status.success(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
}

fn check_coverage(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<Value>) {
    let fs = files(dir);
    let exp = expected(dir);
    assert!(!fs.is_empty());
    let paths: Vec<String> = exp.iter().map(|v| v["source"]["path"].as_str().unwrap().to_string()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "expected.jsonl sorted by path");
    for (rel, bytes) in &fs {
        let recs: Vec<&Value> = exp.iter().filter(|v| v["source"]["path"] == rel.as_str()).collect();
        assert!(!recs.is_empty(), "no expected record for {rel}");
        for r in recs {
            assert_eq!(r["source"]["sha256"], sha256(bytes).as_str(), "sha256 of {rel}");
            assert_eq!(r["schema"], "faxtract.record/1");
            let line = rel.split('/').next().unwrap();
            assert_eq!(r["fax"]["line"], line);
            // deserializes as the pipeline's Record
            let rec: faxtract::record::Record = serde_json::from_value(r.clone()).expect("Record");
            assert_eq!(rec.page_kinds.len(), rec.source.pages.len(), "{rel}: one page kind per page");
            match rec.kind {
                faxtract::record::Kind::Detainer => assert!(rec.detainer.is_some() && rec.form.is_some()),
                faxtract::record::Kind::Error => assert!(rec.error.is_some()),
                faxtract::record::Kind::Other => assert!(rec.detainer.is_none() && rec.form.is_none()),
            }
            assert!(r["truth"]["doc_id"].is_string());
        }
    }
    for p in &paths {
        assert!(fs.contains_key(p), "expected record for missing file {p}");
    }
    (fs, exp)
}

/// tiffinfo's view of a file agrees with the truth: compression, fill order, resolution, size; damaged
/// files are what they claim. Returns the number of TIFF fax files checked.
fn check_storage(dir: &Path, exp: &[Value]) -> usize {
    let mut checked = 0;
    for r in exp {
        let t = &r["truth"];
        let rel = r["source"]["path"].as_str().unwrap();
        let path = dir.join("faxes").join(rel);
        let bytes = std::fs::read(&path).unwrap();
        match t["damage"].as_str() {
            Some("empty_file") => {
                assert!(bytes.is_empty(), "{rel}");
                assert_eq!(r["error"]["code"], "empty_file");
                continue;
            }
            Some("truncated") => {
                assert!(bytes.starts_with(b"II*\0"), "{rel}");
                let (_, out) = tiffinfo(&path);
                assert!(out.contains("Failed to read directory") || out.contains("Can not read"), "{rel}: {out}");
                assert_eq!(r["error"]["code"], "truncated");
                continue;
            }
            Some("pdf_named_tif") | Some("text_named_tif") => {
                assert!(!bytes.starts_with(b"II*\0") && !bytes.starts_with(b"MM\0*"), "{rel}");
                assert!(bytes.starts_with(b"%PDF") || bytes.is_ascii(), "{rel}");
                assert_eq!(r["error"]["code"], "not_an_image");
                continue;
            }
            Some("png_named_tif") => {
                assert!(rel.ends_with(".tif") && bytes.starts_with(b"\x89PNG"), "{rel}");
                continue;
            }
            Some("bad_page") => {
                let tmp = tempfile::tempdir().unwrap();
                let o = Command::new("tiffcp").arg(&path).arg(tmp.path().join("x.tif")).output().unwrap();
                let err = String::from_utf8_lossy(&o.stderr);
                assert!(err.contains("Read error"), "{rel}: {err}");
                assert_eq!(r["review"]["needed"], true);
                assert!(r["review"]["reasons"].to_string().contains("page_unreadable"));
            }
            _ => {}
        }
        let enc = t["encoding"].as_str().unwrap();
        if enc == "png" {
            assert!(bytes.starts_with(b"\x89PNG"), "{rel}");
            continue;
        }
        let (ok, info) = tiffinfo(&path);
        assert!(ok, "{rel}: {info}");
        let first = info.split("=== TIFF directory 1").next().unwrap();
        let comp = match enc {
            "g4" => "Compression Scheme: CCITT Group 4",
            "g3-1d" | "g3-2d" => "Compression Scheme: CCITT Group 3",
            "zip" => "Compression Scheme: AdobeDeflate",
            "mh" => "Compression Scheme: CCITT RLE",
            _ => "Compression Scheme: None",
        };
        assert!(first.contains(comp), "{rel}: want {comp}:\n{first}");
        if enc == "g3-2d" {
            assert!(first.contains("2-d encoding"), "{rel}: {first}");
        }
        if enc == "g3-1d" {
            assert!(!first.contains("2-d encoding"), "{rel}: {first}");
        }
        if t["fill_order"] == 2 {
            assert!(first.contains("FillOrder: lsb-to-msb"), "{rel}: {first}");
        } else {
            assert!(!first.contains("lsb-to-msb"), "{rel}: {first}");
        }
        let pages = info.matches("=== TIFF directory").count();
        assert_eq!(pages as u64, r["source"]["page_count"].as_u64().unwrap(), "{rel}: page count");
        if t["scan"] == true {
            continue;
        }
        let want_res = match (t["resolution"].as_str().unwrap(), t["units"].as_str().unwrap()) {
            ("standard", "inch") => "Resolution: 204, 98 pixels/inch",
            ("fine", "inch") => "Resolution: 204, 196 pixels/inch",
            ("superfine", "inch") => "Resolution: 204, 391 pixels/inch",
            ("standard", "inch_exact") => "Resolution: 204.2, 97.8 pixels/inch",
            ("fine", "inch_exact") => "Resolution: 204.2, 195.6 pixels/inch",
            ("superfine", "inch_exact") => "Resolution: 204.2, 391.2 pixels/inch",
            ("standard", "cm") => "Resolution: 80, 38.5 pixels/cm",
            ("fine", "cm") => "Resolution: 80, 77 pixels/cm",
            ("superfine", "cm") => "Resolution: 80, 154 pixels/cm",
            x => panic!("{rel}: unexpected {x:?}"),
        };
        assert!(first.contains(want_res), "{rel}: want {want_res}:\n{first}");
        let rows: u32 =
            first.split("Image Length: ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
        assert!(first.contains("Image Width: 1728"), "{rel}");
        let ok_rows = match t["resolution"].as_str().unwrap() {
            "standard" => (1070..=1110).contains(&rows),
            "fine" => (2150..=2210).contains(&rows),
            _ => (4300..=4420).contains(&rows),
        };
        assert!(ok_rows, "{rel}: {rows} rows for {}", t["resolution"]);
        assert!(first.contains("Photometric Interpretation: min-is-white"), "{rel}");
        checked += 1;
    }
    checked
}

#[test]
fn corpus_is_deterministic_and_covered() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let args = ["--seed", "42", "--docs", "30"];
    faxgen(&args, a.path());
    faxgen(&args, b.path());
    let (fa, ea) = check_coverage(a.path());
    let fb = files(b.path());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(v == &fb[k], "{k} differs between runs");
    }
    assert_eq!(
        std::fs::read(a.path().join("expected.jsonl")).unwrap(),
        std::fs::read(b.path().join("expected.jsonl")).unwrap()
    );
    assert!(check_storage(a.path(), &ea) > 10);
    // another seed gives another corpus
    let c = tempfile::tempdir().unwrap();
    faxgen(&["--seed", "43", "--docs", "5"], c.path());
    assert_ne!(expected(c.path())[0]["source"]["sha256"], ea[0]["source"]["sha256"]);
    let kinds: Vec<&str> = ea.iter().map(|v| v["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"detainer") && kinds.contains(&"other"));
}

#[test]
fn forced_standard_resolution() {
    let d = tempfile::tempdir().unwrap();
    faxgen(&["--seed", "5", "--docs", "6", "--resolution", "standard"], d.path());
    let (_, exp) = check_coverage(d.path());
    for r in &exp {
        if r["truth"]["damage"].is_null() {
            assert_eq!(r["truth"]["resolution"], "standard", "{}", r["source"]["path"]);
        }
    }
    check_storage(d.path(), &exp);
}

#[test]
fn samples_cover_the_required_cases() {
    let d = tempfile::tempdir().unwrap();
    faxgen(&["--samples"], d.path());
    let (fs, exp) = check_coverage(d.path());
    assert!(fs.len() >= 14);
    let total: usize = fs.values().map(|v| v.len()).sum();
    assert!(total < 1_600_000, "samples are {total} bytes");
    let has = |f: &dyn Fn(&Value) -> bool| exp.iter().any(f);
    let t = |r: &Value, k: &str| r["truth"][k].clone();
    assert!(has(&|r| t(r, "encoding") == "g4" && t(r, "resolution") == "fine"));
    assert!(has(&|r| t(r, "encoding") == "g3-1d" && t(r, "resolution") == "standard" && t(r, "fill_order") == 2));
    assert!(has(&|r| t(r, "encoding") == "g3-2d" && t(r, "resolution") == "fine" && t(r, "fill_order") == 2));
    assert!(has(&|r| t(r, "encoding") == "g3-2d" && t(r, "resolution") == "standard" && t(r, "fill_order") == 1));
    assert!(has(&|r| t(r, "resolution") == "superfine"));
    assert!(has(&|r| t(r, "encoding") == "none"));
    assert!(has(&|r| t(r, "encoding") == "mh" && t(r, "fill_order") == 1));
    assert!(has(&|r| t(r, "encoding") == "png" && t(r, "scan") == true));
    let kinds = |r: &Value| r["page_kinds"].to_string();
    assert!(has(&|r| kinds(r).contains("cover_sheet")
        && kinds(r).contains("i247a_request")
        && kinds(r).contains("i200")));
    assert!(has(&|r| kinds(r).contains("i205") && r["detainer"]["warrant"]["type"] == "I-205"));
    assert!(has(&|r| r["detainer"]["warrant"]["type"] == "judicial"));
    assert!(has(&|r| r["detainer"]["cancels_previous"] == true && r["detainer"]["cancelled_request_date"].is_string()));
    assert!(has(&|r| r["form"] == "I-247D"));
    assert!(has(&|r| r["kind"] == "other"));
    for code in ["empty_file", "truncated", "not_an_image"] {
        assert!(has(&|r| r["error"]["code"] == code), "{code}");
    }
    assert!(has(&|r| t(r, "damage") == "bad_page" && r["kind"] == "detainer"));
    // the same request on two lines: identical detainer, different file and line
    let copy = exp.iter().find(|r| t(r, "copy_of").is_string()).expect("a copy");
    let orig = exp.iter().find(|r| t(r, "doc_id") == t(copy, "copy_of")).expect("its original");
    assert_eq!(copy["detainer"], orig["detainer"]);
    assert_ne!(copy["fax"]["line"], orig["fax"]["line"]);
    assert_ne!(copy["source"]["sha256"], orig["source"]["sha256"]);
    check_storage(d.path(), &exp);
}

/// The committed copy of the samples is self-consistent (hashes, one record per file). It is not compared
/// byte for byte with a fresh run: font package versions change rendering.
#[test]
fn committed_samples_are_consistent() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let (fs, exp) = check_coverage(&dir);
    assert!(fs.len() >= 14);
    check_storage(&dir, &exp);
}

/// `eval` reads a real corpus: expected records scored against themselves are perfect, and a corrupted
/// copy is caught (wrong A-number without review = dangerous).
#[test]
fn eval_reads_generated_corpus() {
    let d = tempfile::tempdir().unwrap();
    faxgen(&["--seed", "9", "--docs", "12"], d.path());
    let exp = faxtract::eval::load_expected(d.path()).unwrap();
    let actual: Vec<faxtract::record::Record> = exp.iter().map(|e| e.record.clone()).collect();
    let rep = faxtract::eval::evaluate(&exp, &actual);
    assert_eq!(rep.overall.expected, exp.len());
    assert_eq!(rep.overall.field_accuracy(), 100.0);
    assert_eq!(rep.overall.page_accuracy(), 100.0);
    assert!(rep.missing.is_empty() && rep.extra.is_empty());
    let mut bad = actual.clone();
    let i = bad.iter().position(|r| r.detainer.is_some()).expect("a detainer");
    bad[i].detainer.as_mut().unwrap().a_number = Some("A999999999".into());
    let path = bad[i].source.path.clone();
    bad.retain(|r| r.kind != faxtract::record::Kind::Other || r.source.path == path);
    let rep = faxtract::eval::evaluate(&exp, &bad);
    assert_eq!(rep.overall.fields["a_number"].dangerous, 1);
    assert_eq!(rep.overall.missing, exp.iter().filter(|e| e.record.kind == faxtract::record::Kind::Other).count());
}
