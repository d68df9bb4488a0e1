//! Review: why a record needs a person's check (`reasons`), one type for every reason the pipeline gives.

mod reasons;

#[cfg(feature = "faxgen")]
pub(crate) use reasons::names_field;
pub(crate) use reasons::{Invalid, Reason};
