//! The batch job around the pipeline: plain and incremental runs, worker processes, the state folder and
//! the JSON Lines writer.

pub(crate) mod batch;
pub(crate) mod emit;
pub(crate) mod guard;
pub(crate) mod incremental;
pub(crate) mod interrupt;
pub(crate) mod reorder;
pub(crate) mod state;
pub(crate) mod worker;

pub use batch::{run as run_batch, Options as BatchOptions, Outcome, Progress};
pub use guard::check_paths;
pub use worker::{current_exe, serve as serve_worker, Config as WorkerConfig, Init as WorkerInit, Timeout};
