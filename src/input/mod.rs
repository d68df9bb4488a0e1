//! Stage 1: what the run reads. The folder walk vets every entry before it is opened, files are decoded
//! into pages (TIFF tags vetted by a bounded walker before libtiff sees a page), and each file's receiving
//! line and shard are decided from its path.

pub(crate) mod lept;
pub(crate) mod lines;
pub(crate) mod open;
pub(crate) mod read;
pub(crate) mod shard;
pub(crate) mod tiff_tags;
pub(crate) mod walk;
