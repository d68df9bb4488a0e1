//! faxtract: finds immigration detainer requests in archives of received faxes and writes one normalized
//! JSON Lines record per document (see `record`).
//!
//! Data flows one way, one stage per module:
//! `walk` → `read` (bytes → pages + fax metadata) → `prepare` (square pixels, clean) → `ocr` (per-thread
//! engine) → `classify` (page kinds) → `group` (documents) → `extract` (form models from `models/`) →
//! `normalize` (values, validation, review reasons) → `emit` (JSONL). [`pipeline::Pipeline`] is the one facade
//! the CLI and the tests drive. `report` and `eval` read JSONL only and never touch images.

pub mod analyze;
pub mod batch;
pub mod classify;
pub mod document;
pub mod emit;
// Scoring against a faxgen corpus is test tooling: it needs the corpus's expected.jsonl, which only the
// generator writes, so it is built with the generator (feature `faxgen`) and left out of production.
#[cfg(feature = "faxgen")]
pub mod eval;
pub mod extract;
pub mod header;
pub mod layout;
pub mod lept;
pub mod lines;
pub mod model;
pub mod normalize;
pub mod ocr;
pub mod pipeline;
pub mod prepare;
pub mod read;
pub mod record;
pub mod report;
pub mod shard;
pub mod state;
pub mod tiff_tags;
pub mod walk;
pub mod worker;
pub mod zones;
