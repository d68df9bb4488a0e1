//! `faxtract report` and `faxtract reconcile`: counting the records. Reads JSONL only, never images.
//!
//! Data flows one way: [`load`] → [`merge`] ([`near`]) → [`requests`] ([`vote`], [`cancels`]) → [`count`]
//! → [`types::Report`] → [`render`]; [`reconcile`] starts from [`requests`] too.
//! * [`load`] reads record files a line at a time into [`record_view`]s (bad lines become listed input
//!   errors; repeated records from overlapping shards are counted once and listed).
//! * [`merge`] de-duplicates copies of one request: exact keys, then near matches that survive OCR misreads
//!   ([`near`], [`fuzzy`]), each with its evidence; [`requests`] takes each request's values from what its
//!   copies vote ([`vote`]) and links cancellations to their requests ([`cancels`]).
//! * [`count`] builds the [`types::Report`]: the period, every breakdown, what the count rests on.
//! * [`render`] writes it as JSON, CSV, Markdown or a self-contained HTML page; [`output`] writes files 0600.
//! * [`reconcile`] compares the requests found with another party's list.
//!
//! Exit codes of both commands: 0 ok; 1 when some input lines (or rows of the other party's list) could not
//! be read, the output still being written; 2 for usage errors (bad flags, dates, missing columns, an
//! unreadable list); 3 when the output cannot be written; 4 when a records file does not exist or cannot be
//! read (or a folder holds none): nothing is written, since a count without it would be short.

mod cancels;
mod count;
mod fuzzy;
mod load;
mod merge;
mod near;
mod norm;
mod output;
mod reconcile;
mod record_view;
mod render;
mod requests;
mod types;
mod vote;

use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything read and written.
pub const EXIT_OK: i32 = 0;
/// Some input lines or list rows could not be read: listed, the output still written.
pub const EXIT_INPUT_ERRORS: i32 = 1;
/// The output could not be written.
pub const EXIT_OUTPUT: i32 = 3;
/// A records file does not exist or cannot be read, or a folder holds none: nothing written.
pub const EXIT_MISSING_RECORDS: i32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Markdown,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Record files (JSON Lines) written by `faxtract run`, or folders of them (`*.jsonl`); several shards may be given.
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// First day of the period (YYYY-MM-DD, inclusive), on the issue date, else the received date.
    #[arg(long, value_name = "DATE", value_parser = norm::parse_cli_date)]
    pub from: Option<String>,
    /// Last day of the period (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE", value_parser = norm::parse_cli_date)]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Write the report here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The channel whose share of unique requests is published as `dedicated_share`.
    #[arg(long, value_name = "NAME", default_value = "dedicated")]
    pub dedicated_channel: String,
    /// Add subject names to the listed requests and copies (left out by default: personal data).
    #[arg(long)]
    pub show_names: bool,
    /// The department's name, stated on the report.
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Record files (JSON Lines) written by `faxtract run`, or folders of them (`*.jsonl`).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// The other party's list: CSV or XLSX with a header row; the agency's release layout (a
    /// `detainer_prepare_date` column, identifiers redacted) is recognised by its header.
    #[arg(long, value_name = "LIST")]
    pub against: PathBuf,
    /// Release layout: keep the rows whose facility name or code matches (case-insensitive), i.e. the
    /// department's; the other rows are counted by facility, not compared.
    #[arg(long, value_name = "REGEX")]
    pub facility: Option<String>,
    /// Release layout: how many days a prepare date may be from our issue date.
    #[arg(long, value_name = "DAYS", default_value_t = 3)]
    pub within_days: u32,
    /// Column holding the subject ID [default: subject_id, if present].
    #[arg(long, value_name = "NAME")]
    pub col_subject_id: Option<String>,
    /// Column holding the event number [default: event_number, if present].
    #[arg(long, value_name = "NAME")]
    pub col_event: Option<String>,
    /// Column holding the A-number [default: a_number, if present].
    #[arg(long, value_name = "NAME")]
    pub col_a_number: Option<String>,
    /// Column holding the issue date, ISO or MM/DD/YYYY [default: date, if present].
    #[arg(long, value_name = "NAME")]
    pub col_date: Option<String>,
    /// Only our requests dated from this day (YYYY-MM-DD, inclusive; same date rule as `report`).
    #[arg(long, value_name = "DATE", value_parser = norm::parse_cli_date)]
    pub from: Option<String>,
    /// Only our requests dated up to this day (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE", value_parser = norm::parse_cli_date)]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// Write the result here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The department's name, stated on the result.
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
}

fn check_period(from: &Option<String>, to: &Option<String>) -> anyhow::Result<()> {
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            anyhow::bail!("--from {f} is after --to {t}");
        }
    }
    Ok(())
}

/// Who, when, with what: stamped on every output.
fn about(department: &Option<String>) -> types::About {
    types::About {
        department: department.clone(),
        generated_at: output::generated_at(),
        faxtract_version: env!("CARGO_PKG_VERSION").to_string(),
        models_version: crate::model::Models::builtin().map(|m| m.version).unwrap_or_else(|_| "unknown".into()),
    }
}

/// Loads the records; `Err(exit code)` when a records file is missing or unreadable (nothing is written).
fn load_all(records: &[PathBuf]) -> Result<load::LoadSet, i32> {
    let set = load::load(records);
    let missing: Vec<&load::InputError> = set.missing_inputs().collect();
    if missing.is_empty() {
        return Ok(set);
    }
    for e in missing {
        eprintln!("faxtract: {}: {}", e.input, e.message);
    }
    eprintln!("faxtract: nothing written: a count without every records file would be short");
    Err(EXIT_MISSING_RECORDS)
}

/// Writes the output and lists the unreadable input lines; the exit code.
fn finish(
    out: &Option<PathBuf>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    input_errors: &[load::InputError],
) -> i32 {
    if let Err(e) = output::write_private(out.as_deref(), write) {
        let to = out.as_deref().map(Path::display).map(|p| p.to_string()).unwrap_or_else(|| "standard output".into());
        eprintln!("faxtract: cannot write {to}: {e}");
        return EXIT_OUTPUT;
    }
    for e in input_errors {
        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!("faxtract: input error {}{at}: {}", e.input, e.message);
    }
    if input_errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_INPUT_ERRORS
    }
}

/// Runs `faxtract report`; returns the process exit code (`Err` only for usage errors).
pub fn run_report(args: &ReportArgs) -> anyhow::Result<i32> {
    check_period(&args.from, &args.to)?;
    let set = match load_all(&args.records) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let opts = types::Options {
        from: args.from.clone(),
        to: args.to.clone(),
        dedicated_channel: args.dedicated_channel.clone(),
        show_names: args.show_names,
        about: about(&args.department),
    };
    let report = count::build(set, &opts);
    let format = args.format;
    let write = |w: &mut dyn Write| match format {
        Format::Json => render::write_json(&report, w),
        Format::Csv => w.write_all(render::csv::render(&report).as_bytes()),
        Format::Markdown => w.write_all(render::markdown::render(&report).as_bytes()),
        Format::Html => w.write_all(render::html::render(&report).as_bytes()),
    };
    Ok(finish(&args.out, write, &report.input_errors))
}

/// Runs `faxtract reconcile`; returns the process exit code (`Err` only for usage errors).
pub fn run_reconcile(args: &ReconcileArgs) -> anyhow::Result<i32> {
    check_period(&args.from, &args.to)?;
    let theirs = reconcile::read_list(args)?;
    let set = match load_all(&args.records) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let opts = types::Options {
        from: args.from.clone(),
        to: args.to.clone(),
        about: about(&args.department),
        ..Default::default()
    };
    let result = reconcile::reconcile(set, &opts, theirs, i64::from(args.within_days));
    let format = args.format;
    let write = |w: &mut dyn Write| match format {
        Format::Json => reconcile::render::write_json(&result, w),
        Format::Csv => w.write_all(reconcile::render::csv(&result).as_bytes()),
        Format::Markdown => w.write_all(reconcile::render::markdown(&result).as_bytes()),
        Format::Html => w.write_all(reconcile::html::render(&result).as_bytes()),
    };
    Ok(finish(&args.out, write, &result.input_errors))
}
