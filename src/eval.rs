//! `faxtract eval`: compares records with a generated corpus's expected records.

use clap::Args;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Corpus folder written by `faxgen` (holds `expected.jsonl`).
    pub corpus: std::path::PathBuf,
}
