//! Developer probe: what the zonal strategy spends on each page of a folder of faxes, by page kind.
//! `cargo run --release --example pagecost -- DIR [full]`
use faxtract::analyze::{analyze, with_engine, Strategy};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: pagecost DIR [full]");
    let strategy =
        if std::env::args().nth(2).as_deref() == Some("full") { Strategy::FullPage } else { Strategy::Zonal };
    let models = faxtract::model::Models::builtin()?;
    let files = faxtract::walk::inputs(&[dir.into()]);
    let mut chars = 0usize;
    let mut kind_chars: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, (u32, f64, f64, u32, u32)> = BTreeMap::new();
    for f in &files {
        let data = std::fs::read(&f.path)?;
        let Ok(file) = faxtract::read::decode(&data) else { continue };
        for (i, page) in file.pages.iter().enumerate() {
            let Ok(page) = page else { continue };
            let t = Instant::now();
            let p = faxtract::prepare::prepare(page)?;
            let prep = t.elapsed().as_secs_f64();
            drop(p);
            let t = Instant::now();
            let a = with_engine(|e| analyze(page, i, &models, e, strategy))?;
            let total = t.elapsed().as_secs_f64();
            let c = a.text.lines.iter().map(|l| l.text().len()).sum::<usize>();
            chars += c;
            *kind_chars.entry(format!("{:?}", a.kind)).or_default() += c;
            let e = by_kind.entry(format!("{:?}", a.kind)).or_default();
            e.0 += 1;
            e.1 += total;
            e.2 += prep;
            e.3 += a.ocr_calls;
            e.4 += (a.read_share >= 1.0) as u32;
            if std::env::var("EACH").is_ok() {
                println!(
                    "{} p{} {:?} {:.0} ms share {:.2} calls {}",
                    f.rel.display(),
                    i + 1,
                    a.kind,
                    total * 1000.0,
                    a.read_share,
                    a.ocr_calls
                );
                if std::env::var("EACH").as_deref() == Ok("text") {
                    for l in &a.text.lines {
                        println!("    {}", l.text());
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
