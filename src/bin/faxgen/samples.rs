//! The curated sample set (`--samples`): a fixed list of files covering each encoding, resolution, form and
//! failure once. Filled in below.

use crate::corpus::{FilePlan, Options};
use crate::people::Rng8;

pub fn plans(rng: &mut Rng8) -> Vec<FilePlan> {
    crate::render::plan_corpus(rng, 16, &Options { resolution: None })
}
