//! Review: why a record needs a person's check, and the loop that settles it.
//!
//! * `reasons`: the one type for every reason the pipeline gives, its record strings, and each in plain
//!   words with what to look at (the README's vocabulary).
//! * `page`: `faxtract review` writes one self-contained HTML page, the queue of the fields the reasons
//!   name, with crops of the source pages (`crop`); the clerk confirms or types values and exports
//!   them as a corrections file.
//! * [`calibration`]: a field's confidence as the probability its value is right (`models/calibration.toml`),
//!   and the field-level review it calls for.
//! * [`correction`]: corrections files read, validated and applied with an audit entry
//!   (`faxtract correct`, and `report`/`reconcile --corrections`).

pub mod calibration;
pub mod correction;
mod crop;
mod page;
mod reasons;

#[cfg(feature = "faxgen")]
pub(crate) use reasons::names_field;
pub use reasons::{field_label, is_typed_value, Description, CORRECTABLE};
pub(crate) use reasons::{Invalid, Reason};

use crate::record::{Record, SCHEMA};
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit status: done (every correction applied).
pub const EXIT_OK: i32 = 0;
/// Some corrections were not applied (each is reported on stderr); the output is still written.
pub const EXIT_NOT_APPLIED: i32 = 1;
/// Usage errors: bad arguments, a record or corrections file that cannot be read.
pub const EXIT_USAGE: i32 = 2;

/// A reason string of a record in plain words. A string this version does not know (written by another
/// version) is described as such and settled by no correction.
pub fn describe(reason: &str) -> Description {
    match Reason::parse(reason) {
        Some(r) => r.describe(),
        None => Description {
            meaning: format!("`{reason}`: a reason this version of faxtract does not know."),
            look_at: "Check the record by hand; a correction cannot settle this.".into(),
            fields: Vec::new(),
        },
    }
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Record files (JSON Lines) written by `faxtract run`, or folders of them (`*.jsonl`).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// The folder given to `faxtract run`: each record's `source.path` is looked up under it (several:
    /// tried in order) [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub root: Vec<PathBuf>,
    /// The page to write (created readable by the owner only: it shows names and dates of birth).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// Record files (JSON Lines) written by `faxtract run`, or folders of them (`*.jsonl`).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Corrections files (JSON Lines, `faxtract.correction/1`), applied in the order given.
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    pub corrections: Vec<PathBuf>,
    /// Where to write the corrected records (created 0600, written whole or not at all); `-`: standard output.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// Reads record files strictly: every non-blank line must be a record of this schema, since `correct`
/// writes them all back and `review` must not leave one out unseen. Folders stand for their `*.jsonl`.
pub fn read_records(paths: &[PathBuf]) -> anyhow::Result<Vec<Record>> {
    let (files, errors) = crate::report::record_files(paths);
    if let Some(e) = errors.first() {
        anyhow::bail!("{}: {}", e.input, e.message);
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).with_context(|| format!("cannot read {}", f.display()))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            // serde's message can quote a value (a name): only where it failed is reported.
            let rec: Record = serde_json::from_str(line).map_err(|e| {
                anyhow::anyhow!(
                    "{}:{}: not a record ({:?} error at column {})",
                    f.display(),
                    i + 1,
                    e.classify(),
                    e.column()
                )
            })?;
            anyhow::ensure!(rec.schema == SCHEMA, "{}:{}: not a `{SCHEMA}` record", f.display(), i + 1);
            out.push(rec);
        }
    }
    Ok(out)
}

/// Writes `bytes` to `path` whole or not at all, created 0600 (a temporary file beside it, renamed).
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use crate::run::emit;
    let tmp = emit::temp_path_for(path);
    let write = || -> std::io::Result<()> {
        let mut f = emit::create_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        emit::sync_dir(path.parent().unwrap_or(Path::new(".")))
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("cannot write {}: {e}", path.display())
    })
}

/// `faxtract review`: the review page of every record that needs review. Returns the exit code; Err
/// when the page cannot be written.
pub fn run_review(args: &ReviewArgs) -> anyhow::Result<i32> {
    let records = match read_records(&args.records) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("faxtract: {e:#}");
            return Ok(EXIT_USAGE);
        }
    };
    let roots = if args.root.is_empty() { vec![PathBuf::from(".")] } else { args.root.clone() };
    let (html, stats) = page::build(&records, &roots)?;
    write_private(&args.out, html.as_bytes())?;
    eprintln!("faxtract: review: {stats}");
    Ok(EXIT_OK)
}

/// Reads corrections files and applies them to `records`, reporting on stderr every correction not
/// applied (with its file and line, never its value). For `correct`, `report` and `reconcile`. Err when a
/// corrections file cannot be read.
pub fn apply_correction_files(records: &mut [&mut Record], files: &[PathBuf]) -> anyhow::Result<correction::Outcome> {
    let (lines, mut rejected) = correction::read_files(files)?;
    let read = lines.len() + rejected.len();
    let mut outcome = correction::apply(records, lines)?;
    outcome.read = read;
    rejected.append(&mut outcome.rejected);
    rejected.sort_by(|a, b| (&a.origin.file, a.origin.line).cmp(&(&b.origin.file, b.origin.line)));
    outcome.rejected = rejected;
    for r in &outcome.rejected {
        eprintln!("faxtract: {}:{}: correction not applied: {}", r.origin.file, r.origin.line, r.why);
    }
    eprintln!("faxtract: {outcome}");
    Ok(outcome)
}

/// For `report` and `reconcile --corrections`: the record lines the corrections change, by (record file as
/// the report names it, 1-based line), for the report to read instead; reports on stderr what was not
/// applied. The bool is true when every correction applied (or none was given: the command then exits 1
/// otherwise); Err when a corrections file cannot be read. Lines that are not records are left to the
/// report's own loading, which lists them.
pub fn corrected_lines(paths: &[PathBuf], files: &[PathBuf]) -> anyhow::Result<(crate::report::Overrides, bool)> {
    let mut overrides = crate::report::Overrides::new();
    if files.is_empty() {
        return Ok((overrides, true));
    }
    let (record_files, _) = crate::report::record_files(paths);
    let mut read: Vec<((String, usize), Record, String)> = Vec::new();
    for f in record_files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        let input = f.display().to_string();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if let Ok(rec) = serde_json::from_str::<Record>(line) {
                read.push(((input.clone(), i + 1), rec, line.to_string()));
            }
        }
    }
    let mut refs: Vec<&mut Record> = read.iter_mut().map(|(_, r, _)| r).collect();
    let all_applied = apply_correction_files(&mut refs, files)?.rejected.is_empty();
    for (key, rec, before) in read {
        // Only records a correction changed are read anew: the others keep their own text.
        let unchanged = serde_json::from_str::<serde_json::Value>(&before).ok() == Some(serde_json::to_value(&rec)?);
        if !unchanged {
            overrides.insert(key, serde_json::to_string(&rec)?);
        }
    }
    Ok((overrides, all_applied))
}

/// `faxtract correct`: the records with the corrections applied. Exit 0 when every correction was
/// applied, 1 when some were not (the output is still written), 2 on usage errors.
pub fn run_correct(args: &CorrectArgs) -> anyhow::Result<i32> {
    let mut records = match read_records(&args.records) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("faxtract: {e:#}");
            return Ok(EXIT_USAGE);
        }
    };
    let mut refs: Vec<&mut Record> = records.iter_mut().collect();
    let outcome = match apply_correction_files(&mut refs, &args.corrections) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("faxtract: {e:#}");
            return Ok(EXIT_USAGE);
        }
    };
    let mut w = crate::run::emit::JsonlWriter::create(Some(&args.out))
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    if let Err(e) = w.write(&records) {
        w.abandon();
        return Err(anyhow::Error::from(e).context(format!("cannot write {}", args.out.display())));
    }
    w.commit().with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(if outcome.rejected.is_empty() { EXIT_OK } else { EXIT_NOT_APPLIED })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_reasons_are_described_and_settled_by_nothing() {
        let d = describe("something_new:x");
        assert!(d.fields.is_empty() && d.meaning.contains("something_new:x"));
        assert_eq!(describe("dob:date_invalid").fields, ["dob"]);
    }
}
