//! Review: why a record needs a person's check (`reasons`), one type for every reason the pipeline gives.

mod reasons;

pub(crate) use reasons::{names_field, Invalid, Reason};
