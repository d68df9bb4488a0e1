//! Developer probe: what OCR costs on one page, whole and band by band.
//! `cargo run --release --example zcost -- FILE.tif PAGE`
use faxtract::ocr::{Engine, Ocr, Segmentation};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut engine = Engine::new()?;
    let path = std::env::args().nth(1).expect("usage: zcost FILE PAGE");
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let data = std::fs::read(&path)?;
    let file = faxtract::read::decode(&data).map_err(|e| anyhow::anyhow!("{}", e.code))?;
    let page = file.pages[n - 1].as_ref().map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let p = faxtract::prepare::prepare(page)?;
    engine.set_image(p.pix()?, p.dpi);
    let t = Instant::now();
    let full = engine.words(None, Segmentation::Auto)?.len();
    let full_ms = t.elapsed().as_secs_f64() * 1000.0;
    let bands = faxtract::zones::text_bands(&p);
    let mut sum = 0.0;
    for i in 0..bands.len() {
        let z = faxtract::zones::zone(&bands, i..i + 1, p.width, p.height).unwrap();
        let t = Instant::now();
        let words = engine.words(Some(z), Segmentation::Block)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        sum += ms;
        println!(
            "{:>5} {:>4}x{:<3} {ms:6.1} ms {}",
            z.y,
            z.w,
            z.h,
            words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
        );
    }
    println!("whole page: {full} words in {full_ms:.0} ms; {} bands one by one: {sum:.0} ms", bands.len());
    Ok(())
}
