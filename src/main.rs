//! The command line: argument parsing and wiring only.

use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit status when every file was read (records may still need review).
const EXIT_OK: i32 = 0;
/// Some files could not be read: their error records were written, the rest processed.
const EXIT_FILE_ERRORS: i32 = 1;
/// Usage errors (bad arguments, unreadable --lines or --models), as clap also uses.
const EXIT_USAGE: i32 = 2;
/// The run itself failed (the OCR engine could not start, the output could not be written).
const EXIT_FATAL: i32 = 3;

#[derive(Debug, Parser)]
#[command(name = "faxtract", version, about = "Find and extract immigration detainer requests in fax archives")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read fax files and folders, write one JSON Lines record per document found.
    Run(RunArgs),
    /// Count unique detainer requests in record files.
    Report(faxtract::report::ReportArgs),
    /// Compare the requests found with another party's list.
    Reconcile(faxtract::report::ReconcileArgs),
    /// Score the pipeline against a faxgen corpus's expected records.
    Eval(EvalCmd),
    /// Print the JSON Schema of the record.
    Schema,
}

#[derive(Debug, Args)]
struct EvalCmd {
    #[command(flatten)]
    eval: faxtract::eval::EvalArgs,
    /// Worker threads when the pipeline is run (no --records).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Fax files and folders (walked recursively, in sorted order).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output file; `-` or absent: standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads, each with its own OCR engine (default: all cores).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// The department's receiving lines (TOML, see lines.example.toml).
    #[arg(long)]
    lines: Option<PathBuf>,
    /// A folder of form models to use instead of the built-in copy of models/.
    #[arg(long)]
    models: Option<PathBuf>,
    /// How much of each page to OCR: `zonal`, or `full-page` (every page whole, the naive approach, for
    /// benchmarks and for comparing outputs).
    #[arg(long, value_enum, default_value_t, hide = true)]
    strategy: faxtract::analyze::Strategy,
    /// Read only shard K of N (K in 0..N-1), split by a hash of each file's path (see `shard`).
    #[arg(long, value_name = "K/N")]
    shard: Option<faxtract::shard::Shard>,
}

/// Debian's libtesseract uses OpenMP, whose runtime reads OMP_THREAD_LIMIT when the library loads, i.e.
/// before `main`. Without a limit of 1, every OCR worker spawns a thread per core and they oversubscribe
/// the machine (a page took 8.5 s instead of 1.2 s). So the process re-executes itself with it set.
fn ensure_single_omp_thread() {
    if std::env::var("OMP_THREAD_LIMIT").as_deref() == Ok("1") {
        return;
    }
    use std::os::unix::process::CommandExt;
    if let Ok(exe) = std::env::current_exe() {
        let err = std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("OMP_THREAD_LIMIT", "1").exec();
        eprintln!("faxtract: warning: could not re-execute with OMP_THREAD_LIMIT=1 ({err}); OCR may be slow");
    }
}

fn run(args: &RunArgs) -> anyhow::Result<i32> {
    let usage = |e: anyhow::Error| -> anyhow::Result<i32> {
        eprintln!("faxtract: {e:#}");
        Ok(EXIT_USAGE)
    };
    let lines = match args.lines.as_deref().map(faxtract::lines::Lines::load).transpose() {
        Ok(l) => l,
        Err(e) => return usage(e.context("reading --lines")),
    };
    let models = match &args.models {
        Some(dir) => faxtract::model::Models::from_dir(dir),
        None => faxtract::model::Models::builtin(),
    };
    let models = match models {
        Ok(m) => m,
        Err(e) => return usage(e.context("loading models")),
    };
    for p in &args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return usage(anyhow::anyhow!("{}: no such file or folder", p.display()));
        }
    }
    let pipeline = faxtract::pipeline::Pipeline::new(faxtract::pipeline::Options { jobs: args.jobs, lines, models, strategy: args.strategy })?;
    let inputs = faxtract::shard::select(args.shard, faxtract::walk::inputs(&args.paths));
    let mut writer = faxtract::emit::JsonlWriter::create(args.out.as_deref())?;
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files, {msg} ({per_sec}, ETA {eta})")
                .unwrap(),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let pages = std::sync::atomic::AtomicU64::new(0);
    let summary = pipeline.run(
        &inputs,
        |records| Ok(writer.write(records)?),
        |file| {
            let n = pages.fetch_add(file.pages, std::sync::atomic::Ordering::Relaxed) + file.pages;
            bar.set_message(format!("{n} pages"));
            bar.inc(1);
        },
    )?;
    bar.finish_and_clear();
    eprintln!("{summary}");
    Ok(if summary.errors > 0 { EXIT_FILE_ERRORS } else { EXIT_OK })
}

/// `faxtract eval`: scores given records, or runs the pipeline over the corpus first.
fn eval(cmd: &EvalCmd) -> anyhow::Result<i32> {
    let records = match &cmd.eval.records {
        Some(p) => faxtract::eval::read_records(p)?,
        None => {
            let pipeline = faxtract::pipeline::Pipeline::new(faxtract::pipeline::Options {
                jobs: cmd.jobs,
                lines: None,
                models: faxtract::model::Models::builtin()?,
                strategy: Default::default(),
            })?;
            let inputs = faxtract::walk::inputs(&[cmd.eval.corpus.join("faxes")]);
            let mut all = Vec::new();
            let summary = pipeline.run(&inputs, |r| {
                all.extend_from_slice(r);
                Ok(())
            }, |_| {})?;
            eprintln!("{summary}");
            all
        }
    };
    faxtract::eval::run_eval(&cmd.eval, records)
}

fn usage_error(e: anyhow::Error) -> anyhow::Result<i32> {
    eprintln!("faxtract: {e:#}");
    Ok(EXIT_USAGE)
}

fn main() {
    ensure_single_omp_thread();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Run(a) => run(a),
        // report and reconcile return Err only for usage errors (bad dates, unknown columns, unreadable list).
        Command::Report(a) => faxtract::report::run_report(a).or_else(usage_error),
        Command::Reconcile(a) => faxtract::report::run_reconcile(a).or_else(usage_error),
        Command::Eval(a) => eval(a),
        Command::Schema => {
            print!("{}", faxtract::record::JSON_SCHEMA);
            Ok(EXIT_OK)
        }
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("faxtract: {e:#}");
            std::process::exit(EXIT_FATAL);
        }
    }
}
