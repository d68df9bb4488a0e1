//! blindfax: a test-fax corpus generator written without reading the extractor, so that scores on its output
//! measure how faxtract generalizes rather than how well it fits the generator it was tuned on.
//!
//! `blindfax --seed S --docs N --out DIR` writes DIR/faxes/<line folder>/<file>.tif, DIR/lines.toml and
//! DIR/expected.jsonl (one record per document, record-contract shape, plus a `truth` object).

mod calendar;
mod canvas;
mod encode;
mod fonts;
mod forms_i247a;
mod forms_legacy;
mod header;
mod layout;
mod model;
mod names;
mod notice;
mod others;
mod people;
mod plan;
mod render;
mod scan;
mod truth;
mod warrants;

use anyhow::{bail, Context, Result};
use clap::Parser;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "blindfax", about = "Blind test corpus of received detainer faxes (independent of faxgen)")]
struct Args {
    /// Everything is derived from this seed: same seed, same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of documents (expected records) to make.
    #[arg(long, default_value_t = 300)]
    docs: usize,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
    /// Worker threads (the output does not depend on it).
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Replace DIR/faxes, DIR/lines.toml and DIR/expected.jsonl if they exist.
    #[arg(long)]
    force: bool,
}

fn lines_toml(lines: &[model::Line]) -> String {
    let mut s = String::from(
        "# Receiving lines of this blindfax corpus, for `faxtract run --lines`.\n# A file belongs to the line whose `folders` names its folder.\n",
    );
    for l in lines {
        let folders: Vec<String> = l.folders.iter().map(|f| format!("\"{f}\"")).collect();
        s.push_str(&format!(
            "\n[[line]]\nname = \"{}\"\nchannel = \"{}\"\nfolders = [{}]\nnumbers = [\"{}\"]\n",
            l.name,
            l.channel,
            folders.join(", "),
            l.number
        ));
    }
    s
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.docs == 0 {
        bail!("--docs must be at least 1");
    }
    let started = Instant::now();
    let fonts = fonts::Fonts::load()?;
    let out = &args.out;
    let faxes = out.join("faxes");
    if faxes.exists() {
        if !args.force {
            bail!("{} exists: pass --force to replace it", faxes.display());
        }
        std::fs::remove_dir_all(&faxes).with_context(|| format!("removing {}", faxes.display()))?;
    }
    std::fs::create_dir_all(&faxes)?;
    let plan = plan::plan(args.seed, args.docs, &fonts);
    if plan.files.iter().any(|f| f.encoding != model::Encoding::G4)
        && std::process::Command::new("tiffcp").arg("-h").output().is_err()
    {
        bail!("tiffcp not found: install the Debian package libtiff-tools");
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.max(1)).build()?;
    let rendered: Vec<render::Rendered> = pool.install(|| {
        plan.files
            .par_iter()
            .map_init(canvas::GlyphCache::default, |cache, t| render::render(t, &plan.lines, &fonts, cache, &faxes))
            .collect::<Result<Vec<_>>>()
    })?;

    let mut records: Vec<serde_json::Value> = rendered.iter().flat_map(|r| r.records.iter().cloned()).collect();
    records.sort_by(|a, b| {
        let key = |v: &serde_json::Value| {
            (v["source"]["path"].as_str().unwrap_or("").to_string(), v["source"]["pages"][0].as_u64())
        };
        key(a).cmp(&key(b))
    });
    let mut f = std::io::BufWriter::new(std::fs::File::create(out.join("expected.jsonl"))?);
    for r in &records {
        writeln!(f, "{}", serde_json::to_string(r)?)?;
    }
    f.flush()?;
    std::fs::write(out.join("lines.toml"), lines_toml(&plan.lines))?;

    // One-line summary of the mix actually produced.
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    let mut warrants: BTreeMap<String, usize> = BTreeMap::new();
    let (mut det, mut other, mut copies, mut cancels) = (0, 0, 0, 0);
    for r in &records {
        if r["kind"] == "detainer" {
            det += 1;
            *forms.entry(r["form"].as_str().unwrap_or("?").to_string()).or_default() += 1;
            *warrants.entry(r["truth"]["warrant_style"].as_str().unwrap_or("none").to_string()).or_default() += 1;
            cancels += r["detainer"]["cancels_previous"].as_bool().unwrap_or(false) as usize;
        } else {
            other += 1;
        }
        copies += r["truth"]["copy_of"].is_string() as usize;
    }
    let pages: usize = rendered.iter().map(|r| r.pages).sum();
    let rotated: usize = rendered.iter().map(|r| r.rotated).sum();
    let fine = plan.files.iter().filter(|f| f.fine).count();
    let pairs = plan.files.iter().filter(|f| f.docs.len() > 1).count();
    let join = |m: &BTreeMap<String, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    println!(
        "blindfax: seed {} | {} docs ({} detainer: {}; warrants: {} | {} other) | {} files ({} fine, {} standard), {} pages ({} rotated) | {} copies, {} cancellations, {} two-request files | {:.1}s",
        args.seed,
        records.len(),
        det,
        join(&forms),
        join(&warrants),
        other,
        plan.files.len(),
        fine,
        plan.files.len() - fine,
        pages,
        rotated,
        copies,
        cancels,
        pairs,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
