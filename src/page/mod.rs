//! Stage 2: a decoded page made ready to read, and what the image alone tells about it: square pixels,
//! deskewed (`prepare`), its text lines (`bands`), side-by-side boxes (`boxes`) and checkbox squares
//! (`squares`), measured once per page and never by OCR.

pub(crate) mod bands;
pub(crate) mod boxes;
pub(crate) mod geometry;
pub(crate) mod prepare;
pub(crate) mod squares;

use prepare::PreparedPage;
use squares::Squares;

/// What field extraction needs of a form page's image, measured once: its size, its resolution and its
/// checkbox squares. Extraction itself reads text only.
pub(crate) struct Measures {
    pub width: i32,
    pub height: i32,
    pub dpi: i32,
    pub squares: Squares,
}

impl Measures {
    pub(crate) fn of(page: &PreparedPage) -> Measures {
        Measures { width: page.width, height: page.height, dpi: page.dpi, squares: Squares::measure(page) }
    }
}
