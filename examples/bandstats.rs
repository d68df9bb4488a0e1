//! Developer probe: every text band of every page OCR'd on its own, with the measures `zones` tells lines
//! apart by (what `RUNNING_TEXT_*` were set from). Prints tab-separated: file, page, dpi, band top, fill
//! (stroke columns / width), core extent / width, core start / width, height, words, text, span in line
//! heights. `cargo run --release --example bandstats -- DIR [MAX_FILES]` (slow: every line is read).
use faxtract::ocr::{Engine, Ocr, Segmentation};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: bandstats DIR [MAX_FILES]");
    let max: usize = std::env::args().nth(2).map(|s| s.parse()).transpose()?.unwrap_or(usize::MAX);
    let mut engine = Engine::new()?;
    for f in faxtract::walk::inputs(&[dir.into()]).iter().take(max) {
        let data = std::fs::read(&f.path)?;
        let Ok(file) = faxtract::read::decode(&data) else { continue };
        for (i, page) in file.pages.iter().enumerate() {
            let Ok(page) = page else { continue };
            let p = faxtract::prepare::prepare(page)?;
            let bands = faxtract::zones::text_bands(&p);
            for (j, b) in bands.iter().enumerate() {
                let Some(z) = faxtract::zones::zone(&bands, j..j + 1, p.width, p.height) else { continue };
                let Some(sq) = faxtract::zones::squeeze(&p, &bands[j..j + 1], z) else { continue };
                engine.set_image(&sq.pix, p.dpi);
                let words = engine.words(None, Segmentation::Block)?;
                let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                let (w, h) = (p.width as f32, (b.y1 - b.y0) as f32);
                println!(
                    "{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{:.1}",
                    f.rel.display(),
                    i + 1,
                    p.dpi,
                    b.y0,
                    b.ink_cols as f32 / w,
                    (b.core.1 - b.core.0) as f32 / w,
                    b.core.0 as f32 / w,
                    b.y1 - b.y0,
                    text.len(),
                    text.join(" "),
                    b.span as f32 / h
                );
            }
        }
    }
    Ok(())
}
