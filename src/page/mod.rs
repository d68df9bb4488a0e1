//! Stage 2: a decoded page made ready to read, and what the image alone tells about it: square pixels,
//! deskewed (`prepare`), its text lines (`bands`), side-by-side boxes (`boxes`) and checkbox squares
//! (`squares`), measured once per page and never by OCR.

pub(crate) mod bands;
pub(crate) mod boxes;
pub(crate) mod geometry;
pub(crate) mod prepare;
pub(crate) mod squares;
