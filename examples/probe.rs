//! Developer probe: OCR every page of a fax file whole and print the words with boxes and timings.
//! `cargo run --release --example probe -- FILE.tif`
use faxtract::ocr::{Engine, Ocr, Segmentation};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("usage: probe FILE");
    let data = std::fs::read(&path)?;
    let file = faxtract::read::decode(&data).map_err(|e| anyhow::anyhow!("{}: {}", e.code, e.message))?;
    let mut engine = Engine::new()?;
    for (i, page) in file.pages.iter().enumerate() {
        let Ok(page) = page else {
            println!("page {}: unreadable", i + 1);
            continue;
        };
        let t = std::time::Instant::now();
        let prepared = faxtract::prepare::prepare(page)?;
        let tp = t.elapsed();
        engine.set_image(prepared.pix()?, prepared.dpi);
        let words = engine.words(None, Segmentation::Auto)?;
        println!(
            "page {} {}x{} dpi {} skew {:.2} prepare {:?} ocr {:?}",
            i + 1,
            prepared.width,
            prepared.height,
            prepared.dpi,
            prepared.skew,
            tp,
            t.elapsed() - tp
        );
        let mut line = u32::MAX;
        for w in &words {
            if w.line != line {
                print!("\n[{:4},{:4}] ", w.bbox.x, w.bbox.y);
                line = w.line;
            }
            print!("{}({:.0}) ", w.text, w.conf);
        }
        println!();
    }
    Ok(())
}
