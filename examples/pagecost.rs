//! Developer probe: what the zonal strategy spends on each page of a folder of faxes, by page kind.
//! `cargo run --release --example pagecost -- DIR [full]`
use faxtract::Strategy;
use std::collections::BTreeMap;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: pagecost DIR [full]");
    let strategy =
        if std::env::args().nth(2).as_deref() == Some("full") { Strategy::FullPage } else { Strategy::Zonal };
    let models = faxtract::Models::builtin()?;
    let files = faxtract::inputs(&[dir.into()]);
    let mut chars = 0usize;
    let mut kind_chars: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, (u32, f64, f64, u32, u32)> = BTreeMap::new();
    for f in &files {
        let data = std::fs::read(&f.path)?;
        for (i, a) in faxtract::diag::page_costs(&data, &models, strategy)?.iter().enumerate() {
            let c = a.lines.iter().map(|l| l.len()).sum::<usize>();
            chars += c;
            *kind_chars.entry(format!("{:?}", a.kind)).or_default() += c;
            let e = by_kind.entry(format!("{:?}", a.kind)).or_default();
            e.0 += 1;
            e.1 += a.total_ms / 1000.0;
            e.2 += a.prepare_ms / 1000.0;
            e.3 += a.ocr_calls;
            e.4 += (a.read_share >= 1.0) as u32;
            if std::env::var("EACH").is_ok() {
                println!(
                    "{} p{} {:?} {:.0} ms share {:.2} calls {}",
                    f.rel.display(),
                    i + 1,
                    a.kind,
                    a.total_ms,
                    a.read_share,
                    a.ocr_calls
                );
                if std::env::var("EACH").as_deref() == Ok("text") {
                    for l in &a.lines {
                        println!("    {l}");
                    }
                }
            }
        }
    }
    let (mut n, mut s) = (0, 0.0);
    for (k, (c, t, p, calls, full)) in &by_kind {
        println!(
            "{k:24} {c:4} pages {:5.0} ms/page (prepare {:4.1}) calls/page {:4.1} read whole {full} chars/page {:.0}",
            t / *c as f64 * 1000.0,
            p / *c as f64 * 1000.0,
            *calls as f64 / *c as f64,
            kind_chars[k] as f64 / *c as f64
        );
        n += c;
        s += t;
    }
    println!(
        "all {n} pages: {:.3} s/page, {chars} characters read ({:.0} a page)",
        s / n as f64,
        chars as f64 / n as f64
    );
    Ok(())
}
