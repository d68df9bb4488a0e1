//! Developer probe: print a request page's lines and checkbox measurements.
//! `cargo run --release --example boxes -- FILE.tif PAGE` (`FULL=1`: read the page whole)
use faxtract::analyze::{analyze, with_engine, Strategy};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("usage: boxes FILE PAGE");
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let data = std::fs::read(&path)?;
    let file = faxtract::read::decode(&data).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let models = faxtract::model::Models::builtin()?;
    let page = file.pages[n - 1].as_ref().map_err(|e| anyhow::anyhow!("{}", e.message))?;
    if std::env::var_os("BANDS").is_some() {
        let prepared = faxtract::prepare::prepare(page)?;
        for b in faxtract::zones::text_bands(&prepared) {
            println!(
                "band y {}..{} x {}..{} fill {:.2}",
                b.y0,
                b.y1,
                b.x0,
                b.x1,
                b.ink_cols as f32 / prepared.width as f32
            );
        }
    }
    let strategy = if std::env::var_os("FULL").is_some() { Strategy::FullPage } else { Strategy::Zonal };
    let a = with_engine(|e| analyze(page, n - 1, &models, e, strategy))?;
    println!("read {:.0}% of the lines in {} OCR calls", a.read_share * 100.0, a.ocr_calls);
    println!("kind {:?} score {} header {:?}", a.kind, a.score, a.header);
    if let Ok(range) = std::env::var("WORDS") {
        let (a0, b0) = range.split_once('-').unwrap();
        let (y0, y1): (i32, i32) = (a0.parse()?, b0.parse()?);
        let words: Vec<_> =
            a.text.lines.iter().flat_map(|l| l.words.clone()).filter(|w| w.bbox.y >= y0 && w.bbox.y <= y1).collect();
        for w in words {
            println!("word {:?} {:?} conf {} line {}", w.text, w.bbox, w.conf, w.line);
        }
    }
    for l in &a.text.lines {
        println!("[{:4},{:4} h{}] {}", l.bbox.x, l.bbox.y, faxtract::layout::median_height(l), l.text());
    }
    if let (Some(form), Some(p)) = (models.form_for(a.kind), a.prepared.as_ref()) {
        let ex = faxtract::extract::extract(form, &a.text.lines, p);
        println!("skew {:.2}", p.skew);
        if let Ok(path) = std::env::var("DUMP") {
            image::GrayImage::from_raw(p.width as u32, p.height as u32, p.gray.clone()).unwrap().save(&path)?;
        }
        for (k, v) in &ex.fields {
            println!("field {k}: {:?} conf {:.2} {}", v.raw, v.confidence, v.method);
        }
        for (k, v) in &ex.checkboxes {
            println!("box {k}: {:?}", v);
        }
        println!("missing {:?}", ex.missing);
    }
    Ok(())
}
