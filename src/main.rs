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
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Report(a) => faxtract::report::run_report(a),
        Command::Reconcile(a) => faxtract::report::run_reconcile(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("faxtract: {e:#}");
            std::process::exit(2);
        }
    }
}
