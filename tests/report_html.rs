//! `faxtract report --format html` in a real headless browser (Debian's `chromium` package).
//!
//! The page is rendered from the fixture corpus, opened by headless chromium from a `file://` URL, a
//! screenshot is taken (and must be a real, non-trivial PNG), and the DOM as chromium parsed it
//! (`--dump-dom`) is checked: the headline figures and every bar's `data-key`/`data-value`.
//!
//! Chromium is required: without it this test FAILS (CI installs it with `apt-get install -y chromium`).
//! `CHROMIUM=/path/to/binary` overrides where it is looked for.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> PathBuf {
    if let Ok(p) = std::env::var("CHROMIUM") {
        return PathBuf::from(p);
    }
    for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    panic!(
        "headless chromium is needed for this test and was not found at /usr/bin/chromium: \
         install it (Debian: `apt-get install -y chromium`) or set CHROMIUM=/path/to/chromium"
    );
}

/// Runs chromium headless on `url` with extra args; returns stdout. Fails the test after 120 s.
fn run_chromium(extra: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend_from_slice(extra);
    args.push(url.to_string());
    let out_path = profile.path().join("stdout");
    let err_path = profile.path().join("stderr");
    let mut child = Command::new(chromium())
        .args(&args)
        .current_dir(profile.path())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s: {}", std::fs::read_to_string(&err_path).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    assert!(status.success(), "chromium failed ({status}): {}", std::fs::read_to_string(&err_path).unwrap_or_default());
    stdout
}

/// `id="X" ... data-value="V">TEXT<` of a headline figure.
fn figure(dom: &str, id: &str) -> (String, String) {
    let re = regex::Regex::new(&format!(
        r#"<span class="figure" id="{}" data-value="([^"]*)">([^<]*)</span>"#,
        regex::escape(id)
    ))
    .unwrap();
    let c = re.captures(dom).unwrap_or_else(|| panic!("no figure #{id} in the DOM"));
    (c[1].to_string(), c[2].to_string())
}

/// The bars of one chart as key → value.
fn bars(dom: &str, chart: &str) -> BTreeMap<String, u64> {
    let start = dom.find(&format!("id=\"chart-{chart}\"")).unwrap_or_else(|| panic!("no chart {chart}"));
    let end = start + dom[start..].find("</svg>").expect("chart closes");
    let re = regex::Regex::new(r#"<rect class="bar[^"]*" data-key="([^"]*)" data-value="(\d+)""#).unwrap();
    re.captures_iter(&dom[start..end]).map(|c| (c[1].replace("&amp;", "&"), c[2].parse().unwrap())).collect()
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let (s1, s2) = write_shards(dir.path());
    let html_path = dir.path().join("report.html");
    let (code, _, err) = run(&[
        "report",
        s1.to_str().unwrap(),
        s2.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        html_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&html_path).unwrap();

    // Self-contained: no scripts, nothing to fetch.
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "the page must not need JavaScript");
    assert!(!lower.contains("http://") && !lower.contains("https://"), "the page must not reference URLs");
    assert!(!lower.contains("<link") && !lower.contains("<img") && !lower.contains("@import"));
    assert!(lower.contains("content-security-policy"));
    assert!(!html.contains("GARCIA"), "no names by default");

    let url = format!("file://{}", html_path.display());

    // Screenshot: a real PNG of the page, not a blank one.
    let shot = dir.path().join("report.png");
    run_chromium(&[format!("--screenshot={}", shot.display()), "--window-size=1200,2000".into()], &url);
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (w, h) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!((w, h), (1200, 2000), "screenshot size");
    assert!(png.len() > 30_000, "screenshot looks blank ({} bytes)", png.len());
    let img = image::load_from_memory(&png).expect("decode the screenshot").to_rgb8();
    let mut colours = std::collections::BTreeSet::new();
    for p in img.pixels().step_by(37) {
        colours.insert((p[0] >> 4, p[1] >> 4, p[2] >> 4));
    }
    assert!(colours.len() > 8, "screenshot has too few colours ({}) to show the charts", colours.len());
    // The dedicated-channel bar colour (#d8823b) and the ordinary bar colour (#3b6fd8) are painted.
    let has = |r: u8, g: u8, b: u8| {
        img.pixels().any(|p| p[0].abs_diff(r) < 6 && p[1].abs_diff(g) < 6 && p[2].abs_diff(b) < 6)
    };
    assert!(has(0x3b, 0x6f, 0xd8), "no bar painted");
    assert!(has(0xd8, 0x82, 0x3b), "no dedicated-channel bar painted");
    if let Ok(keep) = std::env::var("FAXTRACT_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    // The DOM as chromium parsed it.
    let dom = run_chromium(&["--dump-dom".into()], &url);
    assert!(dom.contains("<h1>Detainer requests report</h1>"), "DOM dump: {}", &dom[..dom.len().min(500)]);
    assert_eq!(figure(&dom, "unique-requests"), ("10".into(), "10".into()));
    assert_eq!(figure(&dom, "copies-received"), ("16".into(), "16".into()));
    assert_eq!(figure(&dom, "cancellations"), ("2".into(), "2".into()));
    assert_eq!(figure(&dom, "dedicated-share"), ("0.4".into(), "40.0%".into()));
    assert_eq!(figure(&dom, "dedicated-requests").0, "4");
    assert_eq!(figure(&dom, "duplicates").0, "6");
    assert_eq!(figure(&dom, "needs-review").0, "7");
    assert_eq!(figure(&dom, "error-files").0, "1");
    assert_eq!(figure(&dom, "files-read").0, "20");
    assert_eq!(figure(&dom, "pages").0, "74");
    assert_eq!(figure(&dom, "undated").0, "1");
    assert_eq!(figure(&dom, "repeated-records").0, "2");
    assert_eq!(figure(&dom, "input-errors").0, "0");

    assert_eq!(bars(&dom, "by_channel"), map(&[("dedicated", 4), ("email", 1), ("station", 7), ("unknown", 1)]));
    assert_eq!(
        bars(&dom, "by_month"),
        map(&[("2024-12", 1), ("2025-01", 2), ("2025-02", 2), ("2025-03", 2), ("2025-04", 2), ("undated", 1)])
    );
    assert_eq!(
        bars(&dom, "by_office"),
        map(&[("BOS", 4), ("LESC", 1), ("NYC", 1), ("PHI", 1), ("SEA", 1), ("unknown", 2)])
    );
    assert_eq!(
        bars(&dom, "by_warrant_type"),
        map(&[("I-200", 4), ("I-205", 2), ("judicial", 1), ("none", 2), ("conflict", 1)])
    );

    // The lists: one row per item.
    let rows = |table: &str| -> usize {
        let start = dom.find(&format!("id=\"table-{table}\"")).unwrap_or_else(|| panic!("no table {table}"));
        let end = start + dom[start..].find("</table>").unwrap();
        dom[start..end].matches("<tr>").count() - 1
    };
    assert_eq!(rows("requests"), 10);
    assert_eq!(rows("cancellations"), 2);
    assert_eq!(rows("duplicates"), 6);
    assert_eq!(rows("needs_review"), 7);
    assert_eq!(rows("errors"), 1);
    assert_eq!(rows("by_line"), 5);
}
