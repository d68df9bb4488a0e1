//! The command line: argument parsing and wiring only.

use clap::{Args, Parser, Subcommand};
use std::ffi::{c_int, c_void};
use std::io::IsTerminal;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

// tcmalloc (gperftools' minimal build, Debian's `libtcmalloc-minimal4`, which `.ci/setup` installs) in place
// of glibc's malloc and free, for the whole process: linked first, it is the allocator libtesseract's
// and Leptonica's calls bind to as well. Tesseract allocates and frees many small buffers per text line;
// glibc's allocator was ~5% of a run (`malloc_consolidate` among its hottest functions). Measured, records
// identical: 3-4% less CPU on faxgen and blind documents at the same peak memory (benches/README.md).
#[link(name = "libtcmalloc_minimal.so.4", kind = "dylib", modifiers = "+verbatim")]
extern "C" {}

/// libpng's compression level for the PNG files Leptonica writes at its default level, stored: no
/// deflate. libtesseract (5.0, Debian's build) keeps each word it reads as a PNG in memory
/// (`ImageData::SetPix` writes one, the LSTM reader decodes it again), and deflating those was ~2.5% of a
/// run's CPU for nothing: the file never leaves the process. This definition, in the executable, is the one
/// Leptonica's call binds to (the executable comes first in symbol lookup, as tcmalloc's `malloc` above);
/// it passes a level asked for explicitly (the review page's crops ask for one, `Pix::to_png`) and hands
/// the call to libpng's own function. Measured, records identical (benches/README.md, twenty-seventh session).
#[no_mangle]
pub extern "C" fn png_set_compression_level(png: *mut c_void, level: c_int) {
    type SetLevel = unsafe extern "C" fn(*mut c_void, c_int);
    static REAL: std::sync::OnceLock<Option<SetLevel>> = std::sync::OnceLock::new();
    const Z_DEFAULT_COMPRESSION: c_int = -1;
    const Z_NO_COMPRESSION: c_int = 0;
    let real = REAL.get_or_init(|| {
        // SAFETY: looking up a symbol by a NUL-terminated name; RTLD_NEXT skips this definition.
        let f = unsafe { libc::dlsym(libc::RTLD_NEXT, c"png_set_compression_level".as_ptr()) };
        // SAFETY: the symbol found is libpng's function of this signature.
        (!f.is_null()).then(|| unsafe { std::mem::transmute::<*mut c_void, SetLevel>(f) })
    });
    let level = if level == Z_DEFAULT_COMPRESSION { Z_NO_COMPRESSION } else { level };
    // Not found (no libpng loaded, which cannot be when Leptonica calls this): libpng keeps its default.
    if let Some(real) = real {
        // SAFETY: libpng's own function, called with the arguments Leptonica gave.
        unsafe { real(png, level) }
    }
}

/// Exit status when every file was read (records may still need review).
const EXIT_OK: i32 = 0;
/// Some files could not be read: their error records were written, the rest processed.
const EXIT_FILE_ERRORS: i32 = 1;
/// Usage errors (bad arguments, unreadable or mistaken --lines, unreadable --models, an --out or --state
/// that would destroy data), as clap also uses.
const EXIT_USAGE: i32 = 2;
/// The run itself failed (the OCR engine could not start, the output could not be written).
const EXIT_FATAL: i32 = 3;

/// Ends the process by `sig` itself, with its default action, once the run has cleaned up: a shell then shows
/// 128 + the signal (130 SIGINT, 143 SIGTERM, 141 SIGPIPE), a shell loop around the run stops on Ctrl-C, and
/// systemd counts a SIGTERM stop as clean. Exits 128 + the signal if the signal does not end the process.
fn die_by(sig: i32) -> ! {
    // SAFETY: resetting a handler and raising a signal in our own process.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
    std::process::exit(128 + sig)
}

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
    /// Write the review page: every record needing review, each flagged field with its crop, to confirm
    /// or correct and export as a corrections file.
    Review(faxtract::review::ReviewArgs),
    /// Apply corrections files to records (exit 1 when some corrections were not applied).
    Correct(faxtract::review::CorrectArgs),
    /// Score the pipeline against a faxgen corpus's expected records.
    #[cfg(feature = "faxgen")]
    Eval(EvalCmd),
    /// Fit models/calibration.toml on generated corpora and the records run over them.
    #[cfg(feature = "faxgen")]
    Calibrate(faxtract::eval::CalibrateArgs),
    /// Print the JSON Schema of the record.
    Schema,
    /// Internal: a worker process of `run`, talking JSON lines over stdin/stdout.
    #[command(hide = true)]
    Worker,
}

#[cfg(feature = "faxgen")]
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
    /// Output file (written to a temporary file, renamed into place at the end); `-` or absent: standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker processes, each with its own OCR engine (default: all cores).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// The department's receiving lines (TOML; the example is samples/lines.toml).
    #[arg(long)]
    lines: Option<PathBuf>,
    /// A folder of form models to use instead of the built-in copy of models/.
    #[arg(long)]
    models: Option<PathBuf>,
    /// How much of each page to OCR: `zonal`, or `full-page` (every page whole, the naive approach, for
    /// benchmarks and for comparing outputs).
    #[arg(long, value_enum, default_value_t, hide = true)]
    strategy: faxtract::Strategy,
    /// Read only shard K of N (K in 0..N-1), split by a hash of each file's path (see `shard`).
    #[arg(long, value_name = "K/N")]
    shard: Option<faxtract::Shard>,
    /// Incremental runs: keep each file's records here (by content hash, models and lines), read only new
    /// or changed files, regenerate --out from it. Needs --out FILE.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Time limit per file, seconds, flat [default: 60 + 20 per page, once the page count is known].
    #[arg(long)]
    file_timeout: Option<u64>,
    /// Address-space limit per worker process, MiB (0: none).
    #[arg(long, default_value_t = 2048)]
    worker_memory: u64,
    /// A line per file on stderr: its path, what was found, error codes and messages. Paths can hold names.
    #[arg(long, short)]
    verbose: bool,
}

/// The default time limit: a page takes 0.1-1 s of OCR on one core, up to ~3 s read whole on a loaded
/// machine; 60 s covers decoding a big file and a slow start, 20 s a page is several times the slowest page
/// seen, so only a real hang reaches it.
const TIMEOUT_BASE_SECS: u64 = 60;
const TIMEOUT_PER_PAGE_SECS: u64 = 20;

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
    // The text is kept: workers get exactly what was read here, and the state keys hash it.
    let lines_text = match args.lines.as_deref().map(std::fs::read_to_string).transpose() {
        Ok(t) => t,
        Err(e) => return usage(anyhow::Error::from(e).context("reading --lines")),
    };
    if let Err(e) = lines_text.as_deref().map(faxtract::Lines::from_toml).transpose() {
        return usage(e.context("reading --lines"));
    }
    let models = match &args.models {
        Some(dir) => faxtract::Models::from_dir(dir),
        None => faxtract::Models::builtin(),
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
    if args.state.is_some() && args.out.as_ref().is_none_or(|o| o.as_os_str() == "-") {
        return usage(anyhow::anyhow!("--state needs --out FILE (the output is regenerated from the state)"));
    }
    if let Err(e) = faxtract::run::check_paths(args.out.as_deref(), args.state.as_deref(), &args.paths) {
        return usage(e.into());
    }
    let (_, repeated) = faxtract::distinct_roots(&args.paths);
    if repeated > 0 {
        eprintln!(
            "faxtract: warning: {repeated} of the paths given repeat another or lie inside a folder also given; \
             their files are read once"
        );
    }
    let jobs =
        if args.jobs == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { args.jobs };
    let timeout = match args.file_timeout {
        Some(0) => return usage(anyhow::anyhow!("--file-timeout must be at least 1 second")),
        Some(s) => faxtract::run::Timeout::Flat(Duration::from_secs(s)),
        None => faxtract::run::Timeout::Scaled {
            base: Duration::from_secs(TIMEOUT_BASE_SECS),
            per_page: Duration::from_secs(TIMEOUT_PER_PAGE_SECS),
        },
    };
    let worker = faxtract::run::WorkerConfig {
        exe: faxtract::run::current_exe()?,
        jobs,
        init: faxtract::run::WorkerInit {
            lines_toml: lines_text.clone(),
            models_dir: args.models.as_ref().map(|d| d.as_os_str().as_bytes().to_vec()),
            memory_mb: args.worker_memory,
            strategy: args.strategy,
        },
        models_version: models.version.clone(),
        timeout,
        verbose: args.verbose,
    };
    let inputs = faxtract::select_shard(args.shard, faxtract::inputs(&args.paths));
    let opts = faxtract::run::BatchOptions {
        out: args.out.clone(),
        state: args.state.clone(),
        worker,
        lines_toml: lines_text,
    };
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files, {msg} ({per_sec}, ETA {eta})",
            )
            .unwrap(),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = Progress { bar: &bar, pages: AtomicU64::new(0), verbose: args.verbose };
    let outcome = faxtract::run::run_batch(&opts, &inputs, &progress)?;
    bar.finish_and_clear();
    eprintln!("{}", outcome.summary);
    for line in [outcome.error_line(), outcome.line_unknown_line()].into_iter().flatten() {
        eprintln!("{line}");
    }
    if args.state.is_some() {
        eprintln!(
            "faxtract: state: {} files processed, {} unchanged, {} old entries removed",
            outcome.processed, outcome.reused, outcome.removed
        );
    }
    Ok(if outcome.summary.errors > 0 { EXIT_FILE_ERRORS } else { EXIT_OK })
}

/// The progress bar (drawn only on a terminal) and the `--verbose` lines.
struct Progress<'a> {
    bar: &'a indicatif::ProgressBar,
    pages: AtomicU64,
    verbose: bool,
}

impl faxtract::run::Progress for Progress<'_> {
    fn planned(&self, files: u64) {
        self.bar.set_length(files);
    }
    fn file_done(&self, file: &faxtract::FileResult) {
        let n = self.pages.fetch_add(file.pages, Ordering::Relaxed) + file.pages;
        self.bar.set_message(format!("{n} pages"));
        self.bar.inc(1);
    }
    fn warning(&self, line: String) {
        self.bar.suspend(|| eprintln!("{line}"));
    }
    fn verbose(&self, line: String) {
        if self.verbose {
            self.bar.suspend(|| eprintln!("{line}"));
        }
    }
}

/// `faxtract eval`: scores given records, or runs the pipeline over the corpus first.
#[cfg(feature = "faxgen")]
fn eval(cmd: &EvalCmd) -> anyhow::Result<i32> {
    let records = match &cmd.eval.records {
        Some(p) => faxtract::eval::read_records(p)?,
        None => {
            let pipeline = faxtract::Pipeline::new(faxtract::Options {
                jobs: cmd.jobs,
                lines: None,
                models: faxtract::Models::builtin()?,
                strategy: Default::default(),
            })?;
            let inputs = faxtract::inputs(&[cmd.eval.corpus.join("faxes")]);
            let mut all = Vec::new();
            let summary = pipeline.run(
                &inputs,
                |r| {
                    all.extend_from_slice(r);
                    Ok(())
                },
                |_| {},
            )?;
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
        Command::Review(a) => faxtract::review::run_review(a),
        Command::Correct(a) => faxtract::review::run_correct(a),
        #[cfg(feature = "faxgen")]
        Command::Eval(a) => eval(a),
        #[cfg(feature = "faxgen")]
        Command::Calibrate(a) => faxtract::eval::run_calibrate(a),
        Command::Worker => Ok(faxtract::run::serve_worker()),
        Command::Schema => {
            print!("{}", faxtract::record::JSON_SCHEMA);
            Ok(EXIT_OK)
        }
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            let stop = faxtract::Stop::find(&e).cloned();
            if stop != Some(faxtract::Stop::OutputClosed) {
                eprintln!("faxtract: {e:#}");
            }
            match stop {
                Some(faxtract::Stop::OutputClosed) => die_by(libc::SIGPIPE),
                Some(faxtract::Stop::Interrupted(sig)) => die_by(sig),
                Some(faxtract::Stop::Refused(_)) => std::process::exit(EXIT_USAGE),
                None => std::process::exit(EXIT_FATAL),
            }
        }
    }
}
