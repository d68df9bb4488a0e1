//! Hostile input: every class of file an archive can hold that is built to (or happens to) hurt a reader
//! gets its own error record with a stable code, within bounded memory and time, while the good files in
//! the same run still get their normal records.
//!
//! All files are built here, byte by byte (`common::tiff`), into one folder, and the real `faxtract`
//! binary runs once over it (one OCR engine start instead of thirty), under an address-space limit and
//! a hang guard; each test then checks its own file's record. The guards are limits, not timings: a
//! decompression bomb that got through would fail the memory limit, a FIFO that got opened would hang
//! the run until the guard kills it.

mod common;

use common::tiff::{build, Page, ASCII, LONG, SHORT};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Address space the run may use (KiB, as `ulimit -v` takes it). A normal run of two workers stays
/// under 1 GB of address space; decoding any one bomb below would need several GB.
const ADDRESS_SPACE_KIB: u64 = 1_500_000;
/// Kill the run if it has not finished by then: a hang, not slowness (it takes well under a minute).
const HANG_GUARD: Duration = Duration::from_secs(120);

/// A real received fax from the samples: its record must come out as usual among the hostile ones.
const GOOD_SAMPLE: &str = "samples/faxes/station-b2/fax-20200103-091017-6175550177.tif";

struct Run {
    /// Records by `source.path`.
    records: BTreeMap<String, Vec<Value>>,
    exit: i32,
    stderr: String,
    _dir: tempfile::TempDir,
}

fn white() -> Page {
    Page::g4_white(1728, 2200)
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A PNG that declares `w`x`h` 8-bit gray with one tiny IDAT chunk: a few dozen bytes claiming gigabytes.
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let body = [kind, data].concat();
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc(&body).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let idat = [0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]; // zlib of one zero byte
    [b"\x89PNG\r\n\x1a\n".to_vec(), chunk(b"IHDR", &ihdr), chunk(b"IDAT", &idat), chunk(b"IEND", &[])].concat()
}

/// Every hostile file, by the path its record will carry.
fn make_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    // Good files: a real fax, and a blank page built here (so the builder itself is shown to make a
    // valid TIFF: every hostile file below is one change away from it).
    let sample = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(GOOD_SAMPLE)).unwrap();
    write(dir, "good/real-fax.tif", &sample);
    write(dir, "good/blank.tif", &build(&[white()]).bytes);

    // Decompression bombs.
    let mut p = white();
    p.set(256, LONG, &[1_000_000]).set(257, LONG, &[1_000_000]);
    write(dir, "bomb/million-by-million.tif", &build(&[p]).bytes);
    let mut p = Page::g4_white(8000, 8001); // 64,008,000 px: just over MAX_PIXELS
    p.set(278, LONG, &[8001]);
    write(dir, "bomb/just-over-pixels.tif", &build(&[p]).bytes);
    write(dir, "bomb/side-too-long.tif", &build(&[Page::g4_white(1728, 20_001)]).bytes);
    // Each page alone is allowed (8000x8000 = 64 Mpx, 8 MB decoded), 100 of them are 800 MB from 100 KB.
    let pages: Vec<Page> = (0..100).map(|_| Page::g4_white(8000, 8000)).collect();
    write(dir, "bomb/many-large-pages.tif", &build(&pages).bytes);
    // One allowed page whose 1 KB strip decodes to 8 MB: decoded, within the limits, as a normal page.
    write(dir, "bomb/large-page-small-strip.tif", &build(&[Page::g4_white(8000, 8000)]).bytes);
    write(dir, "bomb/png-declaring-100000x100000.png", &png_declaring(100_000, 100_000));
    write(dir, "bomb/png-named-tif.tif", &png_declaring(60_000, 60_000));
    let mut p = white();
    p.set(256, LONG, &[1_000_000]).set(257, LONG, &[1_000_000]);
    write(dir, "bomb/bad-second-page.tif", &build(&[white(), p]).bytes);

    // Resolution tags that would make squaring the pixels (prepare scales rows by x/y dpi) a bomb:
    // 204 x 2 dpi asks for a 102x taller page.
    let mut p = white();
    p.set_raw(283, common::tiff::RATIONAL, 1, [2u32.to_le_bytes(), 1u32.to_le_bytes()].concat());
    write(dir, "bomb/tiny-y-resolution.tif", &build(&[p]).bytes);
    let mut p = white();
    p.set_raw(282, common::tiff::RATIONAL, 1, [u32::MAX.to_le_bytes(), 1u32.to_le_bytes()].concat());
    write(dir, "bomb/huge-x-resolution.tif", &build(&[p]).bytes);

    // Thousands of pages.
    let tiny: Vec<Page> = (0..5000).map(|_| Page::g4_white(8, 8)).collect();
    write(dir, "pages/5000-pages.tif", &build(&tiny).bytes);
    let tiny: Vec<Page> = (0..501).map(|_| Page::g4_white(8, 8)).collect();
    write(dir, "pages/501-pages.tif", &build(&tiny).bytes);

    // IFD chains.
    let mut b = build(&[white()]);
    b.set_u32(4, 10_000_000);
    write(dir, "chain/first-ifd-past-eof.tif", &b.bytes);
    let mut b = build(&[white(), white()]);
    b.set_next(0, 10_000_000);
    write(dir, "chain/second-ifd-past-eof.tif", &b.bytes);
    let mut b = build(&[white()]);
    let mid_entry = b.ifds[0] + 8; // the high half of entry 0's count: reads as 0 entries
    b.set_u32(4, mid_entry as u32);
    write(dir, "chain/ifd-mid-entry.tif", &b.bytes);
    let mut b = build(&[white()]);
    b.set_u32(4, 9); // odd, inside the strip's 0xFF bytes: 65535 entries
    write(dir, "chain/ifd-in-image-data.tif", &b.bytes);
    let mut b = build(&[white(), white()]);
    let first = b.ifds[0] as u32;
    b.set_next(1, first);
    write(dir, "chain/cycle-a-b-a.tif", &b.bytes);
    let mut b = build(&[white()]);
    let own = b.ifds[0] as u32;
    b.set_next(0, own);
    write(dir, "chain/self-loop.tif", &b.bytes);
    let bad = || {
        let mut p = white();
        p.remove(256);
        p
    };
    let mut b = build(&[bad(), bad()]);
    let first = b.ifds[0] as u32;
    b.set_next(1, first);
    write(dir, "chain/cycle-before-any-good-page.tif", &b.bytes);

    // Well-formed TIFFs in a form not read: BigTIFF, colour planes stored apart.
    let mut b = build(&[white()]);
    b.bytes[2] = 43;
    write(dir, "odd/bigtiff.tif", &b.bytes);
    let mut p = white();
    p.set(256, LONG, &[8]).set(257, LONG, &[8]).set(259, SHORT, &[1]).set(262, SHORT, &[2]);
    p.set(258, SHORT, &[8, 8, 8]).set(277, SHORT, &[3]).set(284, SHORT, &[2]);
    write(dir, "odd/planar-rgb.tif", &build(&[p]).bytes);

    // Strips outside the file.
    let mut p = white();
    p.auto_strip_tags = false;
    p.set(273, LONG, &[5_000_000]).set(279, LONG, &[281]);
    write(dir, "strips/offset-past-eof.tif", &build(&[p]).bytes);
    let mut p = white();
    p.auto_strip_tags = false;
    p.set(273, LONG, &[8]).set(279, LONG, &[4_000_000_000]);
    write(dir, "strips/bytecount-past-eof.tif", &build(&[p]).bytes);

    // Missing and wrong tags.
    let mut p = white();
    p.remove(256);
    write(dir, "tags/no-image-width.tif", &build(&[p]).bytes);
    let mut p = white();
    p.auto_strip_tags = false;
    p.set(279, LONG, &[281]);
    write(dir, "tags/no-strip-offsets.tif", &build(&[p]).bytes);
    let mut p = white();
    p.set(258, SHORT, &[16]);
    write(dir, "tags/g4-16-bits-per-sample.tif", &build(&[p]).bytes);
    let mut p = white();
    p.set(259, SHORT, &[99]);
    write(dir, "tags/unknown-compression.tif", &build(&[p]).bytes);
    let mut p = white();
    p.set(277, SHORT, &[3]).set(258, SHORT, &[1, 1, 1]);
    write(dir, "tags/g4-three-samples.tif", &build(&[p]).bytes);
    let mut p = white();
    p.set_raw(256, ASCII, 5, b"1728\0".to_vec());
    write(dir, "tags/width-as-text.tif", &build(&[p]).bytes);
    let mut p = white();
    p.set_raw(257, LONG, 0, vec![0x98, 0x08, 0, 0]);
    write(dir, "tags/height-with-no-values.tif", &build(&[p]).bytes);
    let mut p = white();
    p.push_raw(256, LONG, 1, 1_000_000u32.to_le_bytes().to_vec()); // after the real one: libtiff keeps 1728
    write(dir, "tags/width-twice.tif", &build(&[p]).bytes);
    let mut p = white();
    p.auto_strip_tags = false;
    p.set(273, LONG, &[8, 100]).set(279, LONG, &[281]);
    write(dir, "tags/strip-counts-disagree.tif", &build(&[p]).bytes);

    // Not TIFF at all.
    write(dir, "bytes/empty.tif", b"");
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert!(!random.starts_with(b"II") && !random.starts_with(b"MM"));
    write(dir, "bytes/random.tif", &random);
    write(dir, "bytes/pdf.tif", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    write(dir, "bytes/text.tif", b"Fax cover sheet\r\nTo: Records\r\nPages: 3\r\n");
    write(dir, "bytes/tiff-header-only.tif", b"II*\0");

    // The file system.
    let fs = dir.join("fs");
    std::fs::create_dir_all(&fs).unwrap();
    let fifo = std::ffi::CString::new(fs.join("fifo.tif").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    std::os::unix::fs::symlink(fs.join("no-such-target.tif"), fs.join("dangling-link.tif")).unwrap();
    // /proc/self/mem opens (we are root) but reading its offset 0 fails with EIO: an unreadable file.
    std::os::unix::fs::symlink("/proc/self/mem", fs.join("read-fails.tif")).unwrap();
    std::fs::create_dir_all(fs.join("folder.tif")).unwrap();
    write(&fs, "folder.tif/inside.tif", &build(&[white()]).bytes);
    // 300 MiB (sparse: no disk used) behind a TIFF header: refused before it is read.
    let big = std::fs::File::create(fs.join("huge-file.tif")).unwrap();
    std::io::Write::write_all(&mut &big, b"II*\0\x08\0\0\0").unwrap();
    big.set_len(300 << 20).unwrap();
    let loops = dir.join("loops");
    std::fs::create_dir_all(&loops).unwrap();
    std::os::unix::fs::symlink("..", loops.join("to-ancestor")).unwrap();
    std::os::unix::fs::symlink("ping", loops.join("pong")).unwrap();
    std::os::unix::fs::symlink("pong", loops.join("ping")).unwrap();
}

/// Runs `faxtract run` under the address-space limit and the hang guard.
fn run_guarded(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_faxtract"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start faxtract");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("faxtract did not finish within {HANG_GUARD:?}: it hung on a hostile file");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    (status.code().unwrap_or(-1), stderr)
}

fn corpus_run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        make_corpus(&input);
        let out = dir.path().join("out.jsonl");
        let (exit, stderr) = run_guarded(&[
            "run".as_ref(),
            input.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--jobs".as_ref(),
            "2".as_ref(),
        ]);
        let mut records: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for line in std::fs::read_to_string(&out).unwrap_or_default().lines() {
            let r: Value = serde_json::from_str(line).expect("each output line is JSON");
            records.entry(r["source"]["path"].as_str().unwrap().to_string()).or_default().push(r);
        }
        Run { records, exit, stderr, _dir: dir }
    })
}

fn records(path: &str) -> &'static [Value] {
    let run = corpus_run();
    match run.records.get(path) {
        Some(r) => r,
        None => panic!(
            "no record for {path}; exit {}, stderr: {}\nrecords for: {:?}",
            run.exit,
            run.stderr,
            run.records.keys()
        ),
    }
}

/// The file's one record is an error with `code`, a message naming `hint`, and no trace of a panic.
fn assert_error(path: &str, code: &str, hint: &str) {
    let recs = records(path);
    assert_eq!(recs.len(), 1, "{path}: {recs:?}");
    let r = &recs[0];
    assert_eq!(r["kind"], "error", "{path}: {r}");
    assert_eq!(r["error"]["code"], code, "{path}: {}", r["error"]);
    let msg = r["error"]["message"].as_str().unwrap();
    assert!(msg.contains(hint), "{path}: message {msg:?} should mention {hint:?}");
    for panic_text in ["panick", "unwrap", "RUST_BACKTRACE", "a bug"] {
        assert!(!msg.contains(panic_text), "{path}: {msg}");
    }
    assert_eq!(r["source"]["page_count"], 0, "{path}");
    assert_eq!(r["review"]["reasons"], serde_json::json!([format!("error:{code}")]), "{path}");
}

/// The file was read as a normal fax: no error, `pages` pages, and the review reasons given.
fn assert_read(path: &str, pages: u64, reasons: &[&str]) {
    let recs = records(path);
    assert!(recs.iter().all(|r| r["kind"] != "error"), "{path}: {recs:?}");
    assert_eq!(recs[0]["source"]["page_count"], pages, "{path}");
    let got: Vec<&str> =
        recs.iter().flat_map(|r| r["review"]["reasons"].as_array().unwrap()).filter_map(Value::as_str).collect();
    for want in reasons {
        assert!(got.contains(want), "{path}: reasons {got:?} lack {want}");
    }
}

#[test]
fn good_files_beside_hostile_ones_get_their_normal_records() {
    let run = corpus_run();
    assert_eq!(run.exit, 1, "some files are errors, the run completes: {}", run.stderr);
    assert!(run.stderr.contains("faxtract: "), "the summary closes the run: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let real = &records("good/real-fax.tif")[0];
    assert_eq!((&real["kind"], &real["source"]["page_count"]), (&"other".into(), &1.into()), "{real}");
    assert_eq!(real["review"]["needed"], false, "{real}");
    assert_read("good/blank.tif", 1, &[]);
    assert!(run.records.values().flatten().all(|r| r["error"]["code"] != "internal_error"), "no file met a bug");
}

#[test]
fn huge_declared_dimensions() {
    assert_error("bomb/million-by-million.tif", "image_too_large", "1000000x1000000");
    assert_error("bomb/just-over-pixels.tif", "image_too_large", "8000x8001");
    assert_error("bomb/side-too-long.tif", "image_too_large", "1728x20001");
}

#[test]
fn small_strips_that_decode_large() {
    assert_error("bomb/many-large-pages.tif", "image_too_large", "MiB together");
    // Within every limit: decoded (8 MB) and read like any page.
    assert_read("bomb/large-page-small-strip.tif", 1, &[]);
}

#[test]
fn resolution_tags_cannot_inflate_a_page() {
    // Implausible resolutions are ignored (the page is read as square), not obeyed.
    assert_read("bomb/tiny-y-resolution.tif", 1, &[]);
    assert_read("bomb/huge-x-resolution.tif", 1, &[]);
}

#[test]
fn png_declaring_a_huge_image() {
    assert_error("bomb/png-declaring-100000x100000.png", "image_too_large", "100000x100000");
    assert_error("bomb/png-named-tif.tif", "image_too_large", "60000x60000");
}

#[test]
fn one_hostile_page_among_good_ones() {
    assert_read("bomb/bad-second-page.tif", 2, &["page_unreadable:2:image_too_large"]);
    assert_read("chain/second-ifd-past-eof.tif", 2, &["page_unreadable:2:truncated"]);
}

#[test]
fn thousands_of_pages() {
    assert_error("pages/5000-pages.tif", "too_many_pages", "500");
    assert_error("pages/501-pages.tif", "too_many_pages", "500");
}

#[test]
fn ifd_offsets_past_eof_or_into_garbage() {
    assert_error("chain/first-ifd-past-eof.tif", "truncated", "past the end");
    assert_error("chain/ifd-mid-entry.tif", "malformed_tiff", "0 tag entries");
    assert_error("chain/ifd-in-image-data.tif", "malformed_tiff", "65535 tag entries");
    assert_error("bytes/tiff-header-only.tif", "truncated", "first page");
}

#[test]
fn cyclic_ifd_chains() {
    // A chain that loops back after good pages keeps them; the loop is flagged where it starts.
    assert_read("chain/cycle-a-b-a.tif", 3, &["page_unreadable:3:cyclic_ifd"]);
    assert_read("chain/self-loop.tif", 2, &["page_unreadable:2:cyclic_ifd"]);
    assert_error("chain/cycle-before-any-good-page.tif", "cyclic_ifd", "loops back");
}

#[test]
fn bigtiff_and_separate_colour_planes_are_named_unsupported() {
    assert_error("odd/bigtiff.tif", "unsupported_tiff", "BigTIFF");
    assert_error("odd/planar-rgb.tif", "unsupported_tiff", "colour planes separately");
}

#[test]
fn strips_past_eof() {
    assert_error("strips/offset-past-eof.tif", "truncated", "past the end");
    assert_error("strips/bytecount-past-eof.tif", "truncated", "past the end");
}

#[test]
fn missing_required_tags() {
    assert_error("tags/no-image-width.tif", "malformed_tiff", "no ImageWidth");
    assert_error("tags/no-strip-offsets.tif", "malformed_tiff", "no StripOffsets");
}

#[test]
fn wrong_tags() {
    assert_error("tags/g4-16-bits-per-sample.tif", "malformed_tiff", "1 bit per pixel");
    assert_error("tags/g4-three-samples.tif", "malformed_tiff", "3 samples");
    assert_error("tags/unknown-compression.tif", "unsupported_tiff", "compression 99");
    assert_error("tags/width-as-text.tif", "malformed_tiff", "ImageWidth has type 2");
    assert_error("tags/height-with-no-values.tif", "malformed_tiff", "ImageLength has type 4 and 0 values");
    assert_error("tags/width-twice.tif", "malformed_tiff", "ImageWidth appears twice");
    assert_error("tags/strip-counts-disagree.tif", "malformed_tiff", "2 strip offsets but 1");
}

#[test]
fn not_images_named_tif() {
    assert_error("bytes/empty.tif", "empty_file", "0 bytes");
    assert_error("bytes/random.tif", "not_an_image", "not an image");
    assert_error("bytes/pdf.tif", "not_an_image", "PDF");
    assert_error("bytes/text.tif", "not_an_image", "not an image");
}

#[test]
fn unreadable_and_special_files() {
    assert_error("fs/fifo.tif", "not_a_regular_file", "FIFO");
    assert_error("fs/dangling-link.tif", "unreadable_file", "target does not exist");
    assert_error("fs/read-fails.tif", "unreadable_file", "could not be read");
    assert_error("fs/huge-file.tif", "file_too_large", "300 MiB");
    // A folder named like a file is a folder: walked, never a record of its own.
    assert!(!corpus_run().records.contains_key("fs/folder.tif"));
    assert_read("fs/folder.tif/inside.tif", 1, &[]);
}

#[test]
fn symlink_loops_in_folders() {
    assert_error("loops/to-ancestor", "symlink_loop", "loops back");
    assert_error("loops/ping", "symlink_loop", "point at each other");
    assert_error("loops/pong", "symlink_loop", "point at each other");
}

#[test]
fn a_fifo_given_directly_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fax.tif");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let out = dir.path().join("out.jsonl");
    let (exit, stderr) = run_guarded(&["run".as_ref(), fifo.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(exit, 1, "{stderr}");
    let r: Value = serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    assert_eq!(r["error"]["code"], "not_a_regular_file", "{r}");
}

/// CI runs the fuzzer for a fixed number of cases (`--cases 2000 --seed 1`, under a minute): no finding.
/// The run uses the example `cargo test` built with the tests, so it always exercises the current code. A second short run
/// makes its worker abort on one case, as a crash in a C decoder would, and must report and save it: the
/// crash path is what the fuzzer exists for, so it is tested too.
#[test]
fn fuzz_target_runs_clean_for_2000_cases() {
    let crash_dir = tempfile::tempdir().unwrap();
    // `cargo test` builds the examples beside the tests (target/<profile>/examples). A filtered
    // `cargo test --test hostile` builds none and takes the last one built, or `cargo run` when there is
    // none. A nested `cargo run` under a full `cargo test` of a fresh clone exited 1 without a word.
    let built = std::env::current_exe()
        .ok()
        .and_then(|t| Some(t.parent()?.parent()?.join("examples/fuzz")))
        .filter(|p| p.is_file());
    let fuzz = |extra: &[&str]| {
        let mut cmd = match &built {
            Some(exe) => Command::new(exe),
            None => {
                let mut c = Command::new(env!("CARGO"));
                c.args(["run", "--release", "--example", "fuzz", "--"]);
                c
            }
        };
        let out = cmd
            .args(["--seed", "1", "--crash-dir"])
            .arg(crash_dir.path())
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo run the fuzz example");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let (code, log) = fuzz(&["--cases", "2000", "--seconds", "300"]);
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("fuzz: 2000 cases in") && log.contains(", 0 findings"), "{log}");

    let (code, log) = fuzz(&["--cases", "50", "--seconds", "300", "--inject-crash", "7"]);
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("case 7: crash"), "{log}");
    assert!(
        crash_dir.path().join("seed1-case7.bin").exists() || crash_dir.path().join("seed1-case7.header.txt").exists(),
        "{log}"
    );
}
