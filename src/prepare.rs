//! Stage 2: a decoded page → a page ready for OCR: square pixels, deskewed, 8-bit gray.
//!
//! Standard-resolution faxes (204x98 dpi) have pixels twice as tall as wide; Tesseract reads only the Y
//! resolution and does no aspect correction, so rows are interpolated up to square pixels (linear
//! interpolation also smooths one-pixel specks, which scored better than plain row replication) and the
//! engine is told the corrected resolution.

use crate::lept::Pix;
use crate::read::Page;

/// Skews smaller than this (degrees) are left alone: rotating costs more than it gains.
const MIN_DESKEW: f32 = 0.12;
/// The header line sits in the top 4% of a page (about 0.4 in), above the page or printed over it.
pub const HEADER_BAND: f32 = 0.04;

pub struct PreparedPage {
    /// 8-bit gray, square pixels, deskewed: what Tesseract reads.
    pub pix: Pix,
    /// Square resolution of `pix`.
    pub dpi: i32,
    pub width: i32,
    pub height: i32,
    /// Gray pixels of `pix` row by row, for checkbox and ink measurements.
    pub gray: Vec<u8>,
    /// The top strip of the page before deskewing: the sending machine prints its header line straight
    /// even when the scanned page under it is skewed, so it is read from here.
    pub header_strip: Option<Pix>,
    /// The skew that was corrected, degrees.
    pub skew: f32,
    /// Vertical scale applied to square the pixels (2.0 for standard resolution).
    pub y_scale: f32,
}

impl PreparedPage {
    /// Share of dark pixels (< 128) inside `r`, 0.0-1.0.
    pub fn ink(&self, r: crate::ocr::Rect) -> f32 {
        let Some(r) = r.clamp(self.width, self.height) else { return 0.0 };
        let mut dark = 0u32;
        for y in r.y..r.bottom() {
            let row = &self.gray[(y * self.width) as usize..((y + 1) * self.width) as usize];
            dark += row[r.x as usize..r.right() as usize].iter().filter(|&&v| v < 128).count() as u32;
        }
        dark as f32 / (r.w * r.h) as f32
    }

    pub fn is_dark(&self, x: i32, y: i32) -> bool {
        x >= 0 && y >= 0 && x < self.width && y < self.height && self.gray[(y * self.width + x) as usize] < 128
    }
}

pub fn prepare(page: &Page) -> anyhow::Result<PreparedPage> {
    let fail = || anyhow::anyhow!("image processing failed");
    let gray = page.pix.to_gray().ok_or_else(fail)?;
    let (x_dpi, y_dpi) = (page.x_dpi, page.y_dpi);
    let (sx, mut sy) = (1.0f32, 1.0f32);
    if y_dpi < 0.75 * x_dpi {
        sy = x_dpi / y_dpi;
    } else if x_dpi < 0.75 * y_dpi {
        // Superfine (204x392): rows are averaged down to the horizontal resolution rather than columns
        // stretched up to the vertical one. 204 dpi is what fine faxes are read at; stretching made a page
        // of 14.6 Mpx (four times the memory and OCR of this way).
        sy = x_dpi / y_dpi;
    }
    let square = if sx != 1.0 || sy != 1.0 { gray.scale(sx, sy).ok_or_else(fail)? } else { gray };
    let header_strip = square.clip(0, 0, square.width() as i32, (square.height() as f32 * HEADER_BAND) as i32);
    let binary = square.to_binary(128).ok_or_else(fail)?;
    let skew = binary.find_skew().filter(|(_, conf)| *conf > 2.0).map(|(a, _)| a).unwrap_or(0.0);
    let mut pix = if skew.abs() >= MIN_DESKEW { square.rotate(skew).ok_or_else(fail)? } else { square };
    let dpi = x_dpi.round() as i32;
    pix.set_resolution(dpi, dpi);
    let gray = pix.gray_bytes();
    Ok(PreparedPage { header_strip, width: pix.width() as i32, height: pix.height() as i32, gray, pix, dpi, skew, y_scale: sy })
}
