//! `faxtract report` and `faxtract reconcile`: counting the records. Reads JSONL only, never images.
//!
//! * [`load`] reads record files leniently (bad lines become listed input errors; repeated records from
//!   overlapping shards are counted once and listed).
//! * [`merge`] de-duplicates copies of one request (subject ID + event number, else A-number + issue date +
//!   name; union-find so chains merge).
//! * [`count`] builds the [`count::Report`]: the period, every breakdown, what the count rests on.
//! * [`render`] writes it as JSON, CSV, Markdown or a self-contained HTML page ([`html`]).
//! * [`reconcile`] compares the requests found with another party's list.
//!
//! `--corrections FILE...` applies a clerk's corrections to the records right after loading
//! (`review::correct_loaded`).
//!
//! Exit codes of both commands: 0 ok; 1 when some input lines (or rows of the other party's list) could not
//! be read, or some corrections could not be applied, the output still being written; 2 for usage errors
//! (bad flags, dates, missing columns, an unreadable corrections file).

pub mod count;
pub mod html;
pub mod load;
pub mod merge;
pub mod norm;
pub mod reconcile;
pub mod render;

use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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
    /// Corrections files (`faxtract review` exports them) applied to the records as they are loaded.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub corrections: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Record files (JSON Lines) written by `faxtract run`, or folders of them (`*.jsonl`).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// The other party's list (CSV with a header row).
    #[arg(long, value_name = "LIST.csv")]
    pub against: PathBuf,
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
    /// Output format (json, csv or markdown).
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// Write the result here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Corrections files (`faxtract review` exports them) applied to the records as they are loaded.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub corrections: Vec<PathBuf>,
}

fn check_period(from: &Option<String>, to: &Option<String>) -> anyhow::Result<()> {
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            anyhow::bail!("--from {f} is after --to {t}");
        }
    }
    Ok(())
}

fn write_out(out: &Option<PathBuf>, text: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    match out {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display())),
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(text.as_bytes())?;
            so.flush()?;
            Ok(())
        }
    }
}

/// Runs `faxtract report`; returns the process exit code.
pub fn run_report(args: &ReportArgs) -> anyhow::Result<i32> {
    check_period(&args.from, &args.to)?;
    let mut set = load::load(&args.records);
    let all_applied = crate::review::correct_loaded(&mut set, &args.corrections)?;
    let opts = count::Options {
        from: args.from.clone(),
        to: args.to.clone(),
        dedicated_channel: args.dedicated_channel.clone(),
        show_names: args.show_names,
    };
    let report = count::build(&set, &opts);
    let text = match args.format {
        Format::Json => render::json(&report),
        Format::Csv => render::csv(&report),
        Format::Markdown => render::markdown(&report),
        Format::Html => html::render(&report),
    };
    write_out(&args.out, &text)?;
    for e in &report.input_errors {
        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!("faxtract: input error {}{at}: {}", e.input, e.message);
    }
    Ok(if report.input_errors.is_empty() && all_applied { 0 } else { 1 })
}

/// Runs `faxtract reconcile`; returns the process exit code.
pub fn run_reconcile(args: &ReconcileArgs) -> anyhow::Result<i32> {
    check_period(&args.from, &args.to)?;
    if args.format == Format::Html {
        anyhow::bail!("reconcile writes json, csv or markdown");
    }
    let cols = reconcile::Columns::from_args(args);
    let theirs = reconcile::read_list(&args.against, &cols)?;
    let mut set = load::load(&args.records);
    let all_applied = crate::review::correct_loaded(&mut set, &args.corrections)?;
    let opts = count::Options { from: args.from.clone(), to: args.to.clone(), ..Default::default() };
    let result = reconcile::reconcile(&set, &opts, &theirs);
    let text = match args.format {
        Format::Json => reconcile::render_json(&result),
        Format::Csv => reconcile::render_csv(&result),
        _ => reconcile::render_markdown(&result),
    };
    write_out(&args.out, &text)?;
    for e in &result.input_errors {
        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!("faxtract: input error {}{at}: {}", e.input, e.message);
    }
    Ok(if result.input_errors.is_empty() && all_applied { 0 } else { 1 })
}
