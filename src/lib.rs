//! faxtract: finds immigration detainer requests in archives of received faxes and writes one normalized
//! JSON Lines record per document (see [`record`]).
//!
//! One page's way through the code, each stage a folder whose output the next one takes:
//!
//! | stage | folder | takes | gives |
//! |---|---|---|---|
//! | read | `input/` | paths | vetted inputs, decoded pages, TIFF tags, receiving line |
//! | prepare | `page/` | a decoded page | square, deskewed pixels; text bands, boxes, checkbox squares |
//! | OCR | `ocr/` | zones of a page | words with boxes and confidences (behind the `Ocr` trait) |
//! | plan | `plan/` | a prepared page | what to read next, from typed results: one `PageAnalysis` |
//! | classify, extract | `forms/` | text lines | page kind; raw fields and checkbox states |
//! | group, normalize | `document/` | page analyses | documents; values, cross-checks, review reasons |
//! | emit | `run/` | records | JSON Lines, the state folder, worker processes |
//!
//! [`Pipeline`] is the facade the CLI and the tests drive; `report` reads the JSON Lines only and never
//! touches images.

mod document;
mod error;
mod forms;
mod input;
mod ocr;
mod page;
mod pipeline;
mod plan;
pub mod review;

// Scoring against a faxgen corpus is test tooling: it needs the corpus's expected.jsonl, which only the
// generator writes, so it is built with the generator (feature `faxgen`) and left out of production.
#[cfg(feature = "faxgen")]
pub mod eval;
pub mod record;
pub mod report;
pub mod run;

pub use error::{ErrorCode, Stop};
pub use forms::models::Models;
pub use input::lines::Lines;
pub use input::shard::{select as select_shard, Shard};
pub use input::walk::{distinct_roots, inputs, Input};
pub use pipeline::{FileResult, Options, Pipeline, Summary};
pub use plan::Strategy;

/// What the fuzzer (`examples/fuzz.rs`) and the developer probes reach below the facade. Not a stable
/// interface: it follows the stages' own.
#[doc(hidden)]
pub mod diag {
    pub use crate::forms::header::parse as parse_header_line;
    pub use crate::input::lept::quiet as quiet_leptonica;
    pub use crate::input::read::{decode, Format};
    pub use crate::input::tiff_tags::{decoded_bytes, read_pages, MAX_DECODED_BYTES, MAX_PAGES, MAX_PIXELS, MAX_SIDE};

    /// A date as the pipeline normalizes it (ISO), if it is one.
    pub fn normalize_date(raw: &str) -> Option<String> {
        crate::forms::normalize::date(raw).ok()
    }

    /// What reading one page cost: for `examples/pagecost.rs`.
    pub struct PageCost {
        pub kind: crate::record::PageKind,
        pub prepare_ms: f64,
        pub total_ms: f64,
        pub ocr_calls: u32,
        /// Share of the page's text lines read (1.0: read whole).
        pub read_share: f32,
        /// The text lines read, top to bottom.
        pub lines: Vec<String>,
    }

    /// Reads every page of one file as the pipeline does, timing each (decode errors: no pages).
    pub fn page_costs(data: &[u8], models: &crate::Models, strategy: crate::Strategy) -> anyhow::Result<Vec<PageCost>> {
        crate::plan::page_costs(data, models, strategy)
    }
}
