//! `faxtract report` and `faxtract reconcile`: counting the records. Reads JSONL only.

use clap::Args;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Record files (JSON Lines) written by `faxtract run`.
    pub records: Vec<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    pub records: Vec<std::path::PathBuf>,
}

/// Runs `faxtract report`; returns the process exit code.
pub fn run_report(_args: &ReportArgs) -> anyhow::Result<i32> {
    anyhow::bail!("report is not built yet")
}

/// Runs `faxtract reconcile`; returns the process exit code.
pub fn run_reconcile(_args: &ReconcileArgs) -> anyhow::Result<i32> {
    anyhow::bail!("reconcile is not built yet")
}
