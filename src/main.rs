//! The command line: argument parsing and wiring only.

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "faxtract", version, about = "Find and extract immigration detainer requests in fax archives")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Count unique detainer requests in record files.
    Report(faxtract::report::ReportArgs),
    /// Compare the requests found with another party's list.
    Reconcile(faxtract::report::ReconcileArgs),
    /// Score records against a faxgen corpus's expected.jsonl (temporary wiring: needs --records).
    Eval(faxtract::eval::EvalArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Report(a) => faxtract::report::run_report(a),
        Command::Reconcile(a) => faxtract::report::run_reconcile(a),
        Command::Eval(a) => match &a.records {
            Some(p) => faxtract::eval::read_records(p).and_then(|r| faxtract::eval::run_eval(a, r)),
            None => Err(anyhow::anyhow!("eval: --records is required until the pipeline is wired in")),
        },
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("faxtract: {e:#}");
            std::process::exit(2);
        }
    }
}
