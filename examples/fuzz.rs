//! A deterministic, time-bounded mutational fuzzer over TIFF reading and header-line parsing.
//!
//! `cargo run --release --example fuzz -- --seconds 60 [--seed S] [--corpus DIR] [--cases N]`
//!
//! Seeds are every file under `--corpus` (default `samples/faxes`) plus generated fax header lines. Case
//! `i` of seed `S` is derived from `(S, i)` alone, so any case can be made again. File cases are byte flips,
//! splices of two seeds, truncations and TIFF-aware edits (IFD entry counts, tag types, counts and values,
//! strip offsets, next-IFD pointers); each goes through `faxtract::read::decode`, the path the pipeline
//! uses up to OCR (IFD walk, then libtiff/Leptonica page decoding). Header cases are edited header lines
//! through `faxtract::header::parse`. Each result is checked: no panic, and every bound holds (page count,
//! page size, decoded bytes, decoded size equal to the size the walker vetted, known error codes).
//!
//! A crash inside the C decoders would kill the process, so cases run in a child process (this same
//! program with `--worker`), in batches, under an address-space limit. The child prints `case N` before
//! each case; if it dies, the parent knows the case, rebuilds it from `(S, N)`, saves it, and starts a new
//! child after it. A case that runs longer than `CASE_TIMEOUT` is killed and saved as a hang.
//! Reproducers go to `--crash-dir` (default `target/fuzz-findings`); `--replay FILE` runs one file.
//! Exit status: 0 no finding, 1 findings (reproducers saved), 2 usage.

use clap::Parser;
use faxtract::diag::{decode, Format};
use faxtract::diag::{decoded_bytes, read_pages, MAX_DECODED_BYTES, MAX_PAGES, MAX_PIXELS, MAX_SIDE};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Cases one child runs before the parent starts a fresh one (bounds leaks in the C libraries, and how
/// much work is lost to respawning after a crash).
const BATCH: u64 = 1000;
/// A case still running after this long is a hang (decoding a page takes milliseconds).
const CASE_TIMEOUT: Duration = Duration::from_secs(20);
/// Address space of a worker: one file may decode to MAX_DECODED_BYTES (512 MiB) plus the file; a bomb
/// the walker let through would need more and abort, which is reported as a crash.
const WORKER_ADDRESS_SPACE: u64 = 1536 << 20;
/// Every code `decode` may return.
const CODES: [&str; 11] = [
    "empty_file",
    "not_an_image",
    "truncated",
    "bad_page",
    "malformed_tiff",
    "unsupported_tiff",
    "cyclic_ifd",
    "too_many_pages",
    "image_too_large",
    "undecodable_image",
    "file_too_large",
];

#[derive(Parser, Debug, Clone)]
struct Args {
    /// Stop after this many seconds (this or --cases is required: the fuzzer always ends).
    #[arg(long, required_unless_present_any = ["replay", "worker", "cases"])]
    seconds: Option<u64>,
    /// Stop after this many cases (whichever of the two bounds comes first).
    #[arg(long)]
    cases: Option<u64>,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Seed files (walked recursively).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/faxes"))]
    corpus: PathBuf,
    /// Where reproducers are written.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/target/fuzz-findings"))]
    crash_dir: PathBuf,
    /// Run the checks on one file and print the result.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Internal: run cases `--first`.. `--first + --count - 1` and report on stdout.
    #[arg(long, hide = true)]
    worker: bool,
    #[arg(long, hide = true, default_value_t = 0)]
    first: u64,
    #[arg(long, hide = true, default_value_t = 0)]
    count: u64,
    /// Self-test of the crash path: the worker aborts (as a C decoder crash would) on this case.
    #[arg(long, hide = true)]
    inject_crash: Option<u64>,
}

/// One generated input.
enum Case {
    File(Vec<u8>),
    Header(String),
}

fn main() {
    let args = Args::parse();
    let code = if let Some(path) = &args.replay {
        replay(path)
    } else if args.worker {
        worker(&args)
    } else {
        parent(&args)
    };
    std::process::exit(code);
}

// ---------------------------------------------------------------- seeds and mutations

fn seeds(corpus: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut out: Vec<Vec<u8>> = files.iter().filter_map(|p| std::fs::read(p).ok()).filter(|d| !d.is_empty()).collect();
    // A small valid TIFF too: mutations of a 300-byte file reach its structure far more often.
    out.push(tiny_tiff());
    out
}

/// One white 64x64 Group 4 page (each white row is one vertical-0 bit), big-endian to exercise both orders.
fn tiny_tiff() -> Vec<u8> {
    let entries: [(u16, u16, u32); 9] = [
        (256, 3, 64),
        (257, 3, 64),
        (258, 3, 1),
        (259, 3, 4),
        (262, 3, 0),
        (273, 4, 0),
        (277, 3, 1),
        (278, 3, 64),
        (279, 4, 11),
    ];
    let mut v = b"MM\0*\0\0\0\x08".to_vec();
    let strip_at = 8 + 2 + 12 * entries.len() as u32 + 4;
    v.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    for (tag, typ, val) in entries {
        let val = if tag == 273 { strip_at } else { val };
        v.extend_from_slice(&tag.to_be_bytes());
        v.extend_from_slice(&typ.to_be_bytes());
        v.extend_from_slice(&1u32.to_be_bytes());
        if typ == 3 {
            v.extend_from_slice(&(val as u16).to_be_bytes());
            v.extend_from_slice(&[0, 0]);
        } else {
            v.extend_from_slice(&val.to_be_bytes());
        }
    }
    v.extend_from_slice(&0u32.to_be_bytes());
    v.extend_from_slice(&[0xff; 8]);
    v.extend_from_slice(&[0x00, 0x10, 0x01]); // EOFB
    v
}

const HEADER_SEEDS: [&str; 9] = [
    "03-14-2025 09:41 FROM: ICE ERO BOSTON +1-617-555-0142 T-123 P.001/003 F-030",
    "03/14/25 14:02 FAX 802 872 6020 LESC 001",
    "2025-03-14 9:05 PAGE 01 OF 03",
    "MAR-14-2025 10:00 @002/004",
    "From: ICE PERC Fax: 949 555-0171 To! 617 555-0198 @7/16/2022 12:41 P 02/05",
    "08/17/1990 15:27 FROM Chez Oxford Business Ctr TO Sam Leffler P.01",
    "07-11-87 17:12 T-BROOKTROUT TECH @31@ #556 POL",
    "O8/17/199O 15:27",
    "14 MAR 2025 12:00 PM FROM ERO SAN ANTONIO 210 555 0100 #3/9",
];

/// Characters OCR of a header strip produces, plus ones it should never but might (non-ASCII digits,
/// combining marks, wide characters).
const HEADER_CHARS: &[char] = &[
    '0', '1', '2', '9', 'O', 'o', 'I', 'l', '|', '/', '-', '.', ':', ' ', '@', '#', 'P', 'A', 'M', 'F', 'R', 'J', 'N',
    '+', '(', ')', ',', '\'', '&', 'É', 'ß', '٣', '७', '\u{301}', '中', '\u{0}', '\t', '\n',
];

fn interesting(rng: &mut ChaCha8Rng, len: usize) -> u32 {
    let len = len as u32;
    let pick = [
        0,
        1,
        2,
        4,
        7,
        8,
        15,
        16,
        255,
        256,
        1000,
        1728,
        2200,
        8000,
        8001,
        20_000,
        20_001,
        65_535,
        65_536,
        1 << 24,
        0x7fff_ffff,
        0xffff_ffff,
        len.wrapping_sub(1),
        len,
        len.wrapping_add(1),
        rng.gen_range(0..len.max(1)),
    ];
    pick[rng.gen_range(0..pick.len())]
}

/// Offsets of each IFD in a TIFF and its entry count, following the chain as far as it goes (bounded).
fn ifds(d: &[u8]) -> (bool, Vec<(usize, usize)>) {
    let little = d.starts_with(b"II");
    let u16_at = |at: usize| {
        d.get(at..at + 2)
            .map(|b| if little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) })
    };
    let u32_at = |at: usize| {
        d.get(at..at + 4).map(|b| {
            let a = [b[0], b[1], b[2], b[3]];
            if little {
                u32::from_le_bytes(a)
            } else {
                u32::from_be_bytes(a)
            }
        })
    };
    let mut out = Vec::new();
    let mut next = u32_at(4).unwrap_or(0) as usize;
    while next != 0 && out.len() < 64 && !out.iter().any(|(o, _)| *o == next) {
        let Some(n) = u16_at(next) else { break };
        out.push((next, n as usize));
        match u32_at(next + 2 + 12 * n as usize) {
            Some(v) => next = v as usize,
            None => break,
        }
    }
    (little, out)
}

fn put(d: &mut [u8], at: usize, v: u32, width: usize, little: bool) {
    let bytes = if little { v.to_le_bytes() } else { v.to_be_bytes() };
    let bytes = if width == 2 {
        let s = v as u16;
        let b = if little { s.to_le_bytes() } else { s.to_be_bytes() };
        [b[0], b[1], 0, 0]
    } else {
        bytes
    };
    for (i, b) in bytes.iter().take(width).enumerate() {
        if let Some(x) = d.get_mut(at + i) {
            *x = *b;
        }
    }
}

/// A TIFF-structure-aware edit: an IFD's entry count, one entry's tag, type, count or value, or a
/// next-IFD pointer.
fn mutate_structure(rng: &mut ChaCha8Rng, d: &mut [u8]) {
    let (little, list) = ifds(d);
    let len = d.len();
    if list.is_empty() {
        let v = interesting(rng, len);
        put(d, 4, v, 4, little);
        return;
    }
    let (ifd, n) = list[rng.gen_range(0..list.len())];
    let entry = ifd + 2 + 12 * rng.gen_range(0..n.max(1));
    match rng.gen_range(0..8) {
        0 => {
            let v = [0, 1, n.saturating_sub(1), n + 1, 1000, 1001, 0xffff][rng.gen_range(0..7)] as u32;
            put(d, ifd, v, 2, little);
        }
        1 => {
            // Another tag id: often one of the layout tags, or the neighbour's (a repeat).
            let tags = [256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 284, 292, 297, 322, 324, 34908, 0, 0xffff];
            put(d, entry, tags[rng.gen_range(0..tags.len())], 2, little);
        }
        2 => put(d, entry + 2, rng.gen_range(0..20), 2, little),
        3 => {
            let v = interesting(rng, len);
            put(d, entry + 4, v, 4, little);
        }
        4 | 5 => {
            let v = interesting(rng, len);
            let width = if rng.gen_bool(0.5) { 2 } else { 4 };
            put(d, entry + 8, v, width, little);
        }
        _ => {
            let next_at = ifd + 2 + 12 * n;
            let targets = [0, ifd as u32, list[0].0 as u32, (ifd + 2) as u32, len as u32, interesting(rng, len)];
            put(d, next_at, targets[rng.gen_range(0..targets.len())], 4, little);
        }
    }
}

fn mutate_bytes(rng: &mut ChaCha8Rng, d: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    if d.is_empty() {
        d.push(rng.gen());
        return;
    }
    match rng.gen_range(0..5) {
        0 => {
            for _ in 0..rng.gen_range(1..8) {
                let i = rng.gen_range(0..d.len());
                d[i] ^= 1 << rng.gen_range(0..8);
            }
        }
        1 => {
            for _ in 0..rng.gen_range(1..8) {
                let i = rng.gen_range(0..d.len());
                d[i] = rng.gen();
            }
        }
        2 => {
            let cut = rng.gen_range(0..d.len());
            d.truncate(cut.max(1));
        }
        3 => {
            // Splice: a range of another seed over a range of this one.
            let other = &seeds[rng.gen_range(0..seeds.len())];
            let (a, b) = (rng.gen_range(0..other.len()), rng.gen_range(0..other.len()));
            let piece = &other[a.min(b)..a.max(b).min(a.min(b) + 4096)];
            let at = rng.gen_range(0..d.len());
            let end = (at + piece.len()).min(d.len());
            d.splice(at..end, piece.iter().copied());
        }
        _ => {
            // Insert or delete a run: shifts every offset after it.
            let at = rng.gen_range(0..d.len());
            let n = rng.gen_range(1..64).min(d.len() - at);
            if rng.gen_bool(0.5) {
                d.drain(at..at + n);
            } else {
                let fill: u8 = rng.gen();
                d.splice(at..at, std::iter::repeat_n(fill, n));
            }
        }
    }
}

fn mutate_header(rng: &mut ChaCha8Rng, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    for _ in 0..rng.gen_range(1..10) {
        let op = rng.gen_range(0..5);
        let ch = HEADER_CHARS[rng.gen_range(0..HEADER_CHARS.len())];
        let at = rng.gen_range(0..=c.len());
        match op {
            0 if at < c.len() => c[at] = ch,
            1 if at < c.len() => {
                c.remove(at);
            }
            2 => {
                // Repeat a slice: long lines and many matches.
                let (a, b) = (rng.gen_range(0..=c.len()), rng.gen_range(0..=c.len()));
                let piece: Vec<char> = c[a.min(b)..a.max(b)].to_vec();
                for _ in 0..rng.gen_range(1..20) {
                    c.splice(at.min(c.len())..at.min(c.len()), piece.iter().copied());
                }
            }
            _ => c.insert(at, ch),
        }
    }
    c.truncate(20_000);
    c.into_iter().collect()
}

/// Case `index` of `seed`: the same pair always makes the same bytes.
fn make_case(seed: u64, index: u64, seeds: &[Vec<u8>]) -> Case {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ index);
    if rng.gen_bool(0.2) {
        let base = HEADER_SEEDS[rng.gen_range(0..HEADER_SEEDS.len())];
        return Case::Header(mutate_header(&mut rng, base));
    }
    let mut d = seeds[rng.gen_range(0..seeds.len())].clone();
    for _ in 0..rng.gen_range(1..=4) {
        if (d.starts_with(b"II") || d.starts_with(b"MM")) && rng.gen_bool(0.6) {
            mutate_structure(&mut rng, &mut d);
            continue;
        }
        mutate_bytes(&mut rng, &mut d, seeds);
    }
    Case::File(d)
}

// ---------------------------------------------------------------- checks

/// Runs one case; `Err` is a finding.
fn check(case: &Case) -> Result<(), String> {
    match std::panic::catch_unwind(|| match case {
        Case::File(d) => check_file(d),
        Case::Header(s) => check_header(s),
    }) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panic: {msg}"))
        }
    }
}

fn check_file(d: &[u8]) -> Result<(), String> {
    let walked = read_pages(d);
    let f = match decode(d) {
        Ok(f) => f,
        Err(e) => {
            if !CODES.contains(&e.code.as_str()) || e.message.is_empty() {
                return Err(format!("unknown code or empty message: {e:?}"));
            }
            return Ok(());
        }
    };
    if f.pages.len() > MAX_PAGES || f.pages.len() != f.tags.len() || f.pages.is_empty() {
        return Err(format!("{} pages, {} tag sets", f.pages.len(), f.tags.len()));
    }
    let mut bytes = 0u64;
    for (i, p) in f.pages.iter().enumerate() {
        let p = match p {
            Ok(p) => p,
            Err(e) if CODES.contains(&e.code.as_str()) && !e.message.is_empty() => continue,
            Err(e) => return Err(format!("page {}: unknown code {e:?}", i + 1)),
        };
        let (w, h) = (p.pix.width(), p.pix.height());
        if w as u64 * h as u64 > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE {
            return Err(format!("page {} decoded to {w}x{h}, over the limits", i + 1));
        }
        if f.format == Format::Tiff {
            let t = &f.tags[i];
            if t.decoded_size() != (w, h) {
                let (tw, th) = t.decoded_size();
                return Err(format!("page {}: the walker vetted {tw}x{th} but the decoder made {w}x{h}", i + 1));
            }
        }
        if !(p.x_dpi.is_finite() && p.y_dpi.is_finite() && p.x_dpi > 0.0 && p.y_dpi > 0.0) {
            return Err(format!("page {}: resolution {} x {}", i + 1, p.x_dpi, p.y_dpi));
        }
        bytes += decoded_bytes(w, h, p.pix.depth().min(32) as u16, 1);
    }
    if bytes > MAX_DECODED_BYTES {
        return Err(format!("pages decoded to {bytes} bytes"));
    }
    if f.format == Format::Tiff && walked.map(|t| t.len()) != Ok(f.pages.len()) {
        return Err("decode and the walker disagree on the page count".into());
    }
    Ok(())
}

fn check_header(s: &str) -> Result<(), String> {
    let h = faxtract::diag::parse_header_line(s);
    if !(0.0..=1.0).contains(&h.confidence) {
        return Err(format!("confidence {}", h.confidence));
    }
    if let (Some(n), Some(m)) = (h.page, h.page_total) {
        if n == 0 || m < n {
            return Err(format!("page {n} of {m}"));
        }
    }
    if h.page == Some(0) {
        return Err("page 0".into());
    }
    if let Some(t) = &h.sent_at {
        let ok = t.len() >= 10
            && t.is_char_boundary(10)
            && faxtract::diag::normalize_date(&format!("{}/{}/{}", &t[5..7], &t[8..10], &t[..4])).is_some();
        if !ok {
            return Err(format!("sent_at {t:?}"));
        }
    }
    if h.numbers.iter().any(|n| n.len() != 10 || !n.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("numbers {:?}", h.numbers));
    }
    Ok(())
}

// ---------------------------------------------------------------- processes

fn worker(args: &Args) -> i32 {
    faxtract::diag::quiet_leptonica();
    std::panic::set_hook(Box::new(|_| {})); // panics are reported as findings, not printed
    let seeds = seeds(&args.corpus);
    let out = std::io::stdout();
    let mut out = out.lock();
    for i in args.first..args.first + args.count {
        let case = make_case(args.seed, i, &seeds);
        let _ = writeln!(out, "case {i}");
        let _ = out.flush();
        if args.inject_crash == Some(i) {
            std::process::abort();
        }
        if let Err(why) = check(&case) {
            let _ = writeln!(out, "finding {i} {}", why.replace('\n', " "));
        }
    }
    let _ = writeln!(out, "end");
    0
}

fn save(dir: &Path, seed: u64, index: u64, case: &Case, why: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let (ext, bytes) = match case {
        Case::File(d) => ("bin", d.clone()),
        Case::Header(s) => ("header.txt", s.as_bytes().to_vec()),
    };
    let path = dir.join(format!("seed{seed}-case{index}.{ext}"));
    let _ = std::fs::write(&path, bytes);
    let _ = std::fs::write(dir.join(format!("seed{seed}-case{index}.why")), format!("{why}\n"));
    path
}

fn parent(args: &Args) -> i32 {
    let seeds = seeds(&args.corpus);
    if seeds.len() < 2 {
        eprintln!("fuzz: no seed files under {}", args.corpus.display());
        return 2;
    }
    let deadline = Instant::now() + Duration::from_secs(args.seconds.unwrap_or(u64::MAX / 4));
    let limit = args.cases.unwrap_or(u64::MAX);
    let start = Instant::now();
    let exe = std::env::current_exe().expect("own path");
    let (mut next, mut findings) = (0u64, Vec::new());
    println!("fuzz: seed {}, {} seed files, corpus {}", args.seed, seeds.len() - 1, args.corpus.display());
    while next < limit && Instant::now() < deadline {
        let count = BATCH.min(limit - next);
        let mut cmd = Command::new(&exe);
        cmd.args([
            "--worker",
            "--seed",
            &args.seed.to_string(),
            "--first",
            &next.to_string(),
            "--count",
            &count.to_string(),
        ])
        .arg("--corpus")
        .arg(&args.corpus)
        .args(args.inject_crash.map(|i| format!("--inject-crash={i}")))
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                let lim = libc::rlimit { rlim_cur: WORKER_ADDRESS_SPACE, rlim_max: WORKER_ADDRESS_SPACE };
                libc::setrlimit(libc::RLIMIT_AS, &lim);
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("start a fuzz worker");
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let (mut current, mut ended, mut hung) = (None, false, false);
        loop {
            if Instant::now() >= deadline {
                break;
            }
            match rx.recv_timeout(CASE_TIMEOUT) {
                Ok(line) if line == "end" => {
                    ended = true;
                    break;
                }
                Ok(line) => {
                    if let Some(i) = line.strip_prefix("case ").and_then(|n| n.parse::<u64>().ok()) {
                        current = Some(i);
                    } else if let Some(rest) = line.strip_prefix("finding ") {
                        let (i, why) = rest.split_once(' ').unwrap_or((rest, ""));
                        let i: u64 = i.parse().unwrap_or(0);
                        findings.push((i, why.to_string()));
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    hung = true;
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let _ = child.kill();
        let status = child.wait().ok();
        if ended {
            next += count;
            continue;
        }
        let Some(i) = current else { break };
        if hung {
            findings.push((i, format!("hang: still running after {CASE_TIMEOUT:?}")));
        } else if Instant::now() < deadline {
            findings.push((i, format!("crash: the worker died ({status:?})")));
        } else {
            // Stopped by the deadline: case `i` did not finish and is not counted.
            next = i;
            break;
        }
        next = i + 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {next} cases in {elapsed:.1} s ({:.0} cases/s), {} findings",
        next as f64 / elapsed.max(1e-9),
        findings.len()
    );
    for (i, why) in &findings {
        let case = make_case(args.seed, *i, &seeds);
        let path = save(&args.crash_dir, args.seed, *i, &case, why);
        println!("finding: case {i}: {why}\n  reproducer: {}", path.display());
    }
    if findings.is_empty() {
        0
    } else {
        1
    }
}

fn replay(path: &Path) -> i32 {
    faxtract::diag::quiet_leptonica();
    let data = std::fs::read(path).expect("read the reproducer");
    let case = if path.to_string_lossy().ends_with(".header.txt") {
        Case::Header(String::from_utf8_lossy(&data).into_owned())
    } else {
        Case::File(data)
    };
    match check(&case) {
        Ok(()) => {
            println!("ok: no finding");
            0
        }
        Err(why) => {
            println!("finding: {why}");
            1
        }
    }
}
