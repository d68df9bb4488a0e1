//! Images of the source pages for the review page: the crop of a field (its box with a margin, cut from the
//! page as stored in the file, upright) or a whole page, as PNG data URIs.
//!
//! A record's `fields.*.bbox` is in pixels of the page as stored (after the TIFF Orientation tag, which the
//! decoder applies): the crop is cut there, then its rows are scaled so that its pixels are square (a
//! standard-resolution fax has rows twice as tall as they are wide; a superfine one half), so the clerk
//! sees the value as it was printed.

use crate::input::lept::Pix;
use crate::input::read::{self, DecodedFile, Page};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Margin around a field's box, inches: enough to show the label before an inline value and a part of
/// the lines above and below, so a box that landed on the wrong line is seen to.
const MARGIN_X_IN: f32 = 0.8;
const MARGIN_Y_IN: f32 = 0.25;
/// Width of a whole page as shown (pixels): a letter page at ~100 dpi, typed values still legible.
pub const PAGE_WIDTH: u32 = 850;

/// What became of a record's source file.
pub enum Source {
    /// Found under a root with the record's sha256, and decoded.
    Found(DecodedFile),
    /// No file of that path under any root.
    Missing,
    /// A file of that path exists but its bytes differ from those the record was read from.
    Changed,
    /// The file is there and matches, but could not be decoded (the record is an error record).
    Unreadable(&'static str),
}

/// Finds `rel` (a record's `source.path`) under `roots` in order (an absolute path is used as is) and
/// decodes the first file whose SHA-256 is `sha256`. Only regular files within the pipeline's size limit
/// are read.
pub fn open_source(roots: &[PathBuf], rel: &str, sha256: &str) -> Source {
    let rel = Path::new(rel);
    let candidates: Vec<PathBuf> =
        if rel.is_absolute() { vec![rel.to_path_buf()] } else { roots.iter().map(|r| r.join(rel)).collect() };
    let mut changed = false;
    for path in candidates {
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if !meta.is_file() || meta.len() > read::MAX_FILE_BYTES {
            changed = true;
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        if !hex(&Sha256::digest(&bytes)).eq_ignore_ascii_case(sha256.trim()) {
            changed = true;
            continue;
        }
        crate::input::lept::quiet();
        return match read::decode(&bytes) {
            Ok(file) => Source::Found(file),
            Err(e) => Source::Unreadable(e.code.as_str()),
        };
    }
    if changed {
        Source::Changed
    } else {
        Source::Missing
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An image ready to embed.
pub struct Image {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// Where the field's box lies in the image, pixels `[x, y, w, h]` (crops only).
    pub highlight: Option<[u32; 4]>,
}

impl Image {
    /// The image as a `data:` URI: the page must work offline, from disk, with no other file.
    pub fn data_uri(&self) -> String {
        format!("data:image/png;base64,{}", base64(&self.png))
    }
}

/// Rows per column of a page: how much its rows must be scaled for square pixels.
fn row_scale(page: &Page) -> f32 {
    let s = page.x_dpi / page.y_dpi;
    if (s - 1.0).abs() < 0.05 {
        1.0
    } else {
        s
    }
}

/// `pix` as an 8-bit image scaled by `sx`, `sy`, encoded.
fn encode(pix: &Pix, sx: f32, sy: f32, highlight: Option<[u32; 4]>) -> Option<Image> {
    let gray = pix.to_gray()?;
    let shown = if sx != 1.0 || sy != 1.0 { gray.scale(sx, sy)? } else { gray };
    Some(Image { png: shown.to_png()?, width: shown.width(), height: shown.height(), highlight })
}

/// The crop of box `[x, y, w, h]` (stored-page pixels) with its margin, pixels squared; None for an
/// empty box or one off the page.
pub fn crop(page: &Page, bbox: [i32; 4]) -> Option<Image> {
    let [x, y, w, h] = bbox;
    let (pw, ph) = (page.pix.width() as i32, page.pix.height() as i32);
    if w <= 0 || h <= 0 || x >= pw || y >= ph || x + w <= 0 || y + h <= 0 {
        return None;
    }
    let mx = (MARGIN_X_IN * page.x_dpi).round() as i32;
    let my = (MARGIN_Y_IN * page.y_dpi).round() as i32;
    let (x0, y0) = ((x - mx).max(0), (y - my).max(0));
    let (x1, y1) = ((x + w + mx).min(pw), (y + h + my).min(ph));
    let clip = page.pix.clip(x0, y0, x1 - x0, y1 - y0)?;
    let sy = row_scale(page);
    let scaled = |v: i32| (v as f32 * sy).round().max(0.0) as u32;
    let highlight = [(x - x0).max(0) as u32, scaled((y - y0).max(0)), w as u32, scaled(h).max(1)];
    encode(&clip, 1.0, sy, Some(highlight))
}

/// A whole page, [`PAGE_WIDTH`] wide, pixels squared: shown where a field has no box (not found, a
/// checkbox, the warrant).
pub fn whole_page(page: &Page) -> Option<Image> {
    let sx = (PAGE_WIDTH as f32 / page.pix.width() as f32).min(1.0);
    encode(&page.pix, sx, sx * row_scale(page), None)
}

/// Standard base64 (RFC 4648, padded).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ABC[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc4648() {
        for (raw, enc) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(base64(raw.as_bytes()), enc);
        }
    }

    /// A standard-resolution page (204 x 98 dpi): the crop holds the box and its margin, with rows doubled.
    #[test]
    fn crops_square_standard_pages_and_mark_the_box() {
        let (w, h) = (800u32, 200u32);
        let mut rows = vec![255u8; (w * h) as usize];
        for y in 100..110 {
            for x in 300..400 {
                rows[(y * w + x) as usize] = 0;
            }
        }
        let pix = Pix::from_gray(w, h, &rows).unwrap();
        let page = Page { pix, x_dpi: 204.0, y_dpi: 98.0 };
        let img = crop(&page, [300, 100, 100, 10]).unwrap();
        let (mx, my) = ((MARGIN_X_IN * 204.0).round() as u32, (MARGIN_Y_IN * 98.0).round() as u32);
        assert_eq!(img.width, 100 + 2 * mx);
        let sy = 204.0f32 / 98.0;
        assert!((img.height as f32 - (10 + 2 * my) as f32 * sy).abs() <= 1.0, "{}", img.height);
        let [bx, by, bw, bh] = img.highlight.unwrap();
        assert_eq!((bx, bw), (mx, 100));
        assert!((by as f32 - my as f32 * sy).abs() <= 1.0 && (bh as f32 - 10.0 * sy).abs() <= 1.0);
        // The ink is inside the marked box, none outside it.
        let decoded = Pix::read_mem(&img.png).unwrap().to_gray().unwrap();
        let bytes = decoded.gray_bytes();
        let dark = |x: u32, y: u32| bytes[(y * img.width + x) as usize] < 128;
        assert!(dark(bx + bw / 2, by + bh / 2));
        assert!(!dark(bx + bw / 2, by.saturating_sub(3)) && !dark(bx.saturating_sub(3), by + bh / 2));
        assert!(crop(&page, [0, 0, 0, 0]).is_none() && crop(&page, [900, 10, 10, 10]).is_none());
        let whole = whole_page(&page).unwrap();
        assert_eq!(whole.width, 800, "a page narrower than PAGE_WIDTH is not enlarged");
        assert!((whole.height as f32 - 200.0 * sy).abs() <= 1.0);
    }
}
