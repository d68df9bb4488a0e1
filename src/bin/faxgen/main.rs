//! `faxgen`: a deterministic generator of realistic received-fax corpora with ground truth, for testing and
//! measuring faxtract. Tooling only: the pipeline library never imports it.
//!
//! ```text
//! faxgen --seed N --docs N --out DIR [--resolution fine|standard|mixed] [--samples] [--png-dir DIR]
//! ```
//! Writes fax files in per-line folders under DIR and `DIR/expected.jsonl` (see [`expected`]). Everything
//! follows from the seed (ChaCha8): file plans are drawn in one sequential pass; each file then renders from
//! its own derived seed, so parallel rendering does not change a byte.
//!
//! Needs Debian packages: fonts-dejavu-core, fonts-liberation, fonts-freefont-ttf (the TTFs) and
//! libtiff-tools (`tiffcp`, to write Group 3/4 and LSB-first files).

mod agencies;
mod corpus;
mod degrade;
mod encode;
mod expected;
mod forms;
mod header;
mod people;
mod render;
mod samples;
mod text;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use rand::SeedableRng;
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ResArg {
    Fine,
    Standard,
    Mixed,
}

#[derive(Debug, Parser)]
#[command(name = "faxgen", about = "Generate a realistic test corpus of received detainer faxes with expected records")]
struct Cli {
    /// Seed of the whole corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of documents (about one file each; copies to a second line count as documents).
    #[arg(long, default_value_t = 50)]
    docs: usize,
    /// Output folder (created; existing files with the same names are overwritten).
    #[arg(long, required_unless_present = "list_countries")]
    out: Option<PathBuf>,
    /// Print the country list the generator draws citizenship from (one per line) and exit.
    #[arg(long)]
    list_countries: bool,
    /// Force all fax files to one vertical resolution (no grayscale scans then), or mix them.
    #[arg(long, value_enum, default_value_t = ResArg::Mixed)]
    resolution: ResArg,
    /// Write the fixed, curated sample set instead of a random corpus (ignores --docs and --resolution).
    #[arg(long)]
    samples: bool,
    /// Also write every page as PNG into this folder (for looking at them).
    #[arg(long)]
    png_dir: Option<PathBuf>,
}

/// Fax files go under `OUT/faxes/`, apart from `OUT/expected.jsonl`, so that running the pipeline over the
/// archive folder reads only faxes (a non-fax file in an archive rightly gets an error record).
pub const FAXES: &str = "faxes";

fn main() {
    if let Err(e) = run() {
        eprintln!("faxgen: {e:#}");
        std::process::exit(2);
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    if cli.list_countries {
        for c in people::COUNTRIES {
            println!("{c}");
        }
        return Ok(());
    }
    let out_dir = cli.out.clone().expect("--out");
    let fonts = text::Fonts::load()?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(cli.seed);
    let plans = if cli.samples {
        samples::plans(&mut rng)
    } else {
        let res = match cli.resolution {
            ResArg::Fine => Some(corpus::Res::Fine),
            ResArg::Standard => Some(corpus::Res::Standard),
            ResArg::Mixed => None,
        };
        render::plan_corpus(&mut rng, cli.docs, &corpus::Options { resolution: res })
    };
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    if let Some(d) = &cli.png_dir {
        std::fs::create_dir_all(d)?;
    }
    let results: Vec<Result<render::Rendered>> =
        plans.par_iter().map(|p| render::render_file(p, &fonts, cli.png_dir.as_deref())).collect();
    let mut lines: Vec<(String, u32, String)> = Vec::new();
    for (plan, r) in plans.iter().zip(results) {
        let r = r.with_context(|| format!("rendering {}", plan.rel_path))?;
        let path = out_dir.join(FAXES).join(&plan.rel_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &r.bytes)?;
        for v in expected::records(plan, &r) {
            let first = v["source"]["pages"].get(0).and_then(|x| x.as_u64()).unwrap_or(0) as u32;
            lines.push((plan.rel_path.clone(), first, serde_json::to_string(&v)?));
        }
    }
    lines.sort();
    let mut out = String::new();
    for (_, _, l) in &lines {
        out.push_str(l);
        out.push('\n');
    }
    std::fs::write(out_dir.join("expected.jsonl"), out)?;
    eprintln!("faxgen: wrote {} files, {} expected records to {}", plans.len(), lines.len(), out_dir.display());
    Ok(())
}
