//! Stage 2: a decoded page → a page ready for OCR: square pixels, deskewed, 8-bit gray.
//!
//! Standard-resolution faxes (204x98 dpi) have pixels twice as tall as wide; Tesseract reads only the Y
//! resolution and does no aspect correction, so rows are interpolated up to square pixels (linear
//! interpolation also smooths one-pixel specks, which scored better than plain row replication) and the
//! engine is told the corrected resolution.

use crate::input::lept::Pix;
use crate::input::read::Page;
use crate::page::geometry::Rect;
use std::cell::OnceCell;

/// Skews smaller than this (degrees) are left alone: rotating costs more than it gains.
const MIN_DESKEW: f32 = 0.12;
/// The header line sits in the top 4% of a page (about 0.4 in), above the page or printed over it.
pub const HEADER_BAND: f32 = 0.04;

pub struct PreparedPage {
    /// Square resolution of the page.
    pub dpi: i32,
    pub width: i32,
    pub height: i32,
    /// Gray pixels of the deskewed page row by row, sampled (not interpolated): what text bands, ink and
    /// checkboxes are measured on. OCR reads interpolated pixels instead (see [`PreparedPage::pixels`]).
    pub gray: Vec<u8>,
    /// The page before deskewing, when it was skewed: what OCR zones are interpolated from, zone by zone.
    /// Rotating the whole page by area mapping was two-thirds of preparing it, and most of a page is never
    /// read.
    source: Option<(Vec<u8>, Rotation)>,
    /// The whole deskewed page as Tesseract reads it, made on first use (a whole-page read).
    whole: OnceCell<Pix>,
    /// The top strip of the page before deskewing: the sending machine prints its header line straight
    /// even when the scanned page under it is skewed, so it is read from here.
    pub header_strip: Option<Pix>,
    /// The skew that was corrected, degrees.
    pub skew: f32,
    /// Vertical scale applied to square the pixels (2.0 for standard resolution).
    pub y_scale: f32,
    /// How this page's coordinates map back to the page as stored in the file.
    pub frame: Frame,
}

/// How a prepared page's pixel coordinates map back to the page as stored in the file: the deskewing
/// rotation undone, then the rows' squaring. Record boxes (`fields.*.bbox`) are given in the stored frame,
/// where a person's viewer and the review page's crops are.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Frame {
    rotation: Option<Rotation>,
    y_scale: f32,
    /// The stored page's size, pixels.
    stored: (i32, i32),
    /// A page fed upside down or sideways was read turned (see [`turn_upright`]): how.
    turn: Option<Turn>,
}

/// A page squared and turned clockwise by `quarters` before it was prepared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Turn {
    quarters: i32,
    /// The squared page's size before turning.
    square: (i32, i32),
    /// Its rows' scale from the stored page, and the stored page's size.
    y_scale: f32,
    stored: (i32, i32),
}

/// `page` made square (rows scaled to the columns' resolution) and turned clockwise by `quarters`, ready
/// for [`prepare`]; [`Frame::turned`] then maps its boxes back to `page`.
pub(crate) fn turn_upright(page: &Page, quarters: i32) -> anyhow::Result<(Page, Turn)> {
    let fail = || anyhow::anyhow!("image processing failed");
    let sy = page.x_dpi / page.y_dpi;
    let square = if (sy - 1.0).abs() > 0.25 {
        page.pix.scale(1.0, sy).ok_or_else(fail)?
    } else {
        page.pix.scale(1.0, 1.0).ok_or_else(fail)?
    };
    let size = (square.width() as i32, square.height() as i32);
    let turned = square.rotate_quarters(quarters).ok_or_else(fail)?;
    let y_scale = if (sy - 1.0).abs() > 0.25 { sy } else { 1.0 };
    let turn = Turn { quarters, square: size, y_scale, stored: (page.pix.width() as i32, page.pix.height() as i32) };
    Ok((Page { pix: turned, x_dpi: page.x_dpi, y_dpi: page.x_dpi }, turn))
}

impl Frame {
    /// This frame, of a page prepared after [`turn_upright`], mapping on to the page as stored.
    pub(crate) fn turned(self, turn: Turn) -> Frame {
        Frame { turn: Some(turn), ..self }
    }

    /// A point of the turned, squared page back on the stored one.
    fn unturn(t: &Turn, x: f32, y: f32) -> (f32, f32) {
        let (w, h) = (t.square.0 as f32, t.square.1 as f32);
        let (x, y) = match t.quarters {
            1 => (y, h - x),
            2 => (w - x, h - y),
            3 => (w - y, x),
            _ => (x, y),
        };
        (x, y / t.y_scale)
    }

    /// `r` (prepared-page pixels) as the rectangle that holds it on the stored page, clamped to it.
    pub(crate) fn to_stored(self, r: Rect) -> Rect {
        let corners = [(r.x, r.y), (r.right(), r.y), (r.x, r.bottom()), (r.right(), r.bottom())];
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in corners {
            let (sx, sy) = match &self.rotation {
                Some(rot) => rot.unrotate(x, y),
                None => (x as f32, y as f32),
            };
            let sy = sy / if self.y_scale > 0.0 { self.y_scale } else { 1.0 };
            let (sx, sy) = match &self.turn {
                Some(t) => Frame::unturn(t, sx, sy),
                None => (sx, sy),
            };
            (x0, y0, x1, y1) = (x0.min(sx), y0.min(sy), x1.max(sx), y1.max(sy));
        }
        let (w, h) = self.turn.map_or(self.stored, |t| t.stored);
        let (x0, y0) = (x0.floor() as i32, y0.floor() as i32);
        let (x1, y1) = (x1.ceil() as i32, y1.ceil() as i32);
        Rect::new(x0, y0, (x1 - x0).max(1), (y1 - y0).max(1)).clamp(w, h).unwrap_or_default()
    }
}

/// A rotation as Leptonica's `pixRotate` does it by area mapping: the page is first set in a white canvas
/// large enough to hold it rotated (`pixEmbedForRotation`: nothing near a corner is lost), then rotated about
/// the canvas centre in sixteenths of a pixel, single precision (`pixRotateAMGray`), so that zone by zone
/// it gives the very bytes the whole page rotated would.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rotation {
    sina: f32,
    cosa: f32,
    /// Canvas size and centre.
    w: i32,
    h: i32,
    xcen: i32,
    ycen: i32,
    /// Where the source page sits in the canvas, and its size.
    xoff: i32,
    yoff: i32,
    src_w: i32,
    src_h: i32,
}

impl Rotation {
    fn new(degrees: f32, src_w: i32, src_h: i32) -> Rotation {
        let angle = degrees.to_radians();
        let (fs, fc) = ((angle as f64).sin(), (angle as f64).cos());
        let (fw, fh) = (src_w as f64, src_h as f64);
        let w = src_w.max(((fw * fc - fh * fs).abs() + 0.5) as i32).max(((-fw * fc - fh * fs).abs() + 0.5) as i32);
        let h = src_h.max(((fw * fs + fh * fc).abs() + 0.5) as i32).max(((-fw * fs + fh * fc).abs() + 0.5) as i32);
        Rotation {
            sina: (16.0 * fs) as f32,
            cosa: (16.0 * fc) as f32,
            w,
            h,
            xcen: w / 2,
            ycen: h / 2,
            xoff: (w - src_w) / 2,
            yoff: (h - src_h) / 2,
            src_w,
            src_h,
        }
    }

    /// Where canvas pixel `(x, y)` of the rotated page comes from in the canvas before rotation: whole
    /// pixels and sixteenths.
    #[inline]
    fn source_of(&self, x: i32, y: i32) -> (i32, i32, i32, i32) {
        let (xdif, ydif) = ((self.xcen - x) as f32, (self.ycen - y) as f32);
        let xpm = (-xdif * self.cosa - ydif * self.sina) as i32;
        let ypm = (-ydif * self.cosa + xdif * self.sina) as i32;
        (self.xcen + (xpm >> 4), self.ycen + (ypm >> 4), xpm & 15, ypm & 15)
    }

    /// Where canvas point `(x, y)` of the rotated page lies on the source page (before rotation).
    fn unrotate(&self, x: i32, y: i32) -> (f32, f32) {
        let (xdif, ydif) = ((self.xcen - x) as f32, (self.ycen - y) as f32);
        let xp = (-xdif * self.cosa - ydif * self.sina) / 16.0;
        let yp = (-ydif * self.cosa + xdif * self.sina) / 16.0;
        (self.xcen as f32 + xp - self.xoff as f32, self.ycen as f32 + yp - self.yoff as f32)
    }

    /// Pixel `(x, y)` of the canvas before rotation: the source's, white around it.
    #[inline]
    fn canvas(&self, src: &[u8], x: i32, y: i32) -> i32 {
        let (sx, sy) = (x - self.xoff, y - self.yoff);
        if (sx as u32) < self.src_w as u32 && (sy as u32) < self.src_h as u32 {
            src[(sy * self.src_w + sx) as usize] as i32
        } else {
            255
        }
    }

    /// The rotated page's pixels of `r` (canvas coordinates), row by row, weighing the four source pixels
    /// around each: what OCR reads.
    fn pixels(&self, src: &[u8], r: Rect) -> Vec<u8> {
        let mut out = Vec::with_capacity((r.w * r.h) as usize);
        for y in r.y..r.bottom() {
            for x in r.x..r.right() {
                let (xp, yp, xf, yf) = self.source_of(x, y);
                if xp < 0 || yp < 0 || xp > self.w - 2 || yp > self.h - 2 {
                    out.push(255);
                    continue;
                }
                let v = (16 - xf) * (16 - yf) * self.canvas(src, xp, yp)
                    + xf * (16 - yf) * self.canvas(src, xp + 1, yp)
                    + (16 - xf) * yf * self.canvas(src, xp, yp + 1)
                    + xf * yf * self.canvas(src, xp + 1, yp + 1);
                out.push(((v + 128) / 256) as u8);
            }
        }
        out
    }

    /// The whole rotated page, taking the nearest source pixel of each (for measuring). Rows are copied in
    /// runs: along a run the source row stays the same and the source column steps by one, so a run is a
    /// slice of a source row (a few milliseconds a page). A run is at most `RUN` pixels, over which the
    /// source column drifts by under a tenth of a pixel at the steepest skew measured.
    fn sample(&self, src: &[u8]) -> Vec<u8> {
        const ONE: f32 = 4096.0; // sixteenths of a pixel → 1/65536 of one
        const RUN: i64 = 64;
        let mut out = vec![255u8; (self.w * self.h) as usize];
        let (dx, dy) = ((self.cosa * ONE) as i64, (-self.sina * ONE) as i64);
        let (sw, sh) = (self.src_w as i64, self.src_h as i64);
        for (row, y) in out.chunks_exact_mut(self.w as usize).zip(0..) {
            let (xdif, ydif) = (self.xcen as f32, (self.ycen - y) as f32);
            // Half a pixel more, so that the floor is the nearest pixel.
            let fx0 = ((-xdif * self.cosa - ydif * self.sina + 8.0) * ONE) as i64;
            let fy0 = ((-ydif * self.cosa + xdif * self.sina + 8.0) * ONE) as i64;
            let mut x = 0i64;
            while x < self.w as i64 {
                let (fx, fy) = (fx0 + dx * x, fy0 + dy * x);
                // Steps until the source row changes.
                let frac = fy & 0xffff;
                let until_row = match dy {
                    0 => RUN,
                    d if d < 0 => frac / -d + 1,
                    d => (0xffff - frac) / d + 1,
                };
                let len = RUN.min(until_row).min(self.w as i64 - x);
                let (sx, sy) =
                    ((self.xcen - self.xoff) as i64 + (fx >> 16), (self.ycen - self.yoff) as i64 + (fy >> 16));
                if (0..sh).contains(&sy) {
                    // The part of the run that falls on the source row.
                    let (a, b) = ((-sx).max(0), len.min(sw - sx));
                    if a < b {
                        let from = (sy * sw + sx) as usize;
                        row[(x + a) as usize..(x + b) as usize]
                            .copy_from_slice(&src[from + a as usize..from + b as usize]);
                    }
                }
                x += len;
            }
        }
        out
    }
}

impl PreparedPage {
    /// The page as it is, unskewed: for tests and pages built in memory.
    pub fn unrotated(gray: Vec<u8>, width: i32, height: i32, dpi: i32) -> PreparedPage {
        PreparedPage {
            dpi,
            width,
            height,
            gray,
            source: None,
            whole: OnceCell::new(),
            header_strip: None,
            skew: 0.0,
            y_scale: 1.0,
            frame: Frame { rotation: None, y_scale: 1.0, stored: (width, height), turn: None },
        }
    }

    /// Whether the stored page's rows were scaled to square its pixels (a standard-resolution fax's rows
    /// stretched, a superfine one's averaged), before or after a turn: its strokes' edges are then
    /// interpolated across rows.
    pub fn rows_scaled(&self) -> bool {
        let scaled = |s: f32| (s - 1.0).abs() > 0.25;
        scaled(self.y_scale) || self.frame.turn.is_some_and(|t| scaled(t.y_scale))
    }

    /// The deskewed, interpolated pixels of `r`, row by row: what OCR reads there. `r` lies inside the
    /// page (zones are clamped to it).
    pub fn pixels(&self, r: Rect) -> Vec<u8> {
        debug_assert!(r.clamp(self.width, self.height) == Some(r), "{r:?} is not inside the page");
        match &self.source {
            Some((src, rot)) => rot.pixels(src, r),
            None => (r.y..r.bottom())
                .flat_map(|y| {
                    let row = (y * self.width) as usize;
                    self.gray[row + r.x as usize..row + r.right() as usize].iter().copied()
                })
                .collect(),
        }
    }

    /// The whole deskewed page as Tesseract reads it, made on first use.
    pub fn pix(&self) -> anyhow::Result<&Pix> {
        if self.whole.get().is_none() {
            let px = self.pixels(Rect::new(0, 0, self.width, self.height));
            let mut pix = Pix::from_gray(self.width as u32, self.height as u32, &px)
                .ok_or_else(|| anyhow::anyhow!("image processing failed"))?;
            pix.set_resolution(self.dpi, self.dpi);
            let _ = self.whole.set(pix);
        }
        Ok(self.whole.get().expect("set just above"))
    }

    /// Share of dark pixels (< 128) inside `r`, 0.0-1.0.
    pub fn ink(&self, r: crate::page::geometry::Rect) -> f32 {
        let Some(r) = r.clamp(self.width, self.height) else { return 0.0 };
        let mut dark = 0u32;
        for y in r.y..r.bottom() {
            let row = &self.gray[(y * self.width) as usize..((y + 1) * self.width) as usize];
            dark += row[r.x as usize..r.right() as usize].iter().filter(|&&v| v < 128).count() as u32;
        }
        dark as f32 / (r.w * r.h) as f32
    }

    pub fn is_dark(&self, x: i32, y: i32) -> bool {
        self.is_under(x, y, 128)
    }

    /// Whether the pixel at `x`, `y` lies on the page and is darker than grey `level`.
    pub fn is_under(&self, x: i32, y: i32, level: u8) -> bool {
        x >= 0 && y >= 0 && x < self.width && y < self.height && self.gray[(y * self.width + x) as usize] < level
    }
}

/// A decoded page made ready to measure and read: pixels squared (standard-resolution rows stretched),
/// skew measured (zones are rotated only when read), the header strip cut before deskewing.
pub fn prepare(page: &Page) -> anyhow::Result<PreparedPage> {
    let fail = || anyhow::anyhow!("image processing failed");
    let stored = (page.pix.width() as i32, page.pix.height() as i32);
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
    let header_rows = |height: u32| (height as f32 * HEADER_BAND) as i32;
    // Skew is measured on a binary page. A fine fax page already is one, and its gray bytes are its bits
    // unpacked: no gray copy is made. (A standard one is measured once its rows are squared: on its own
    // rows the measure's steps are twice as coarse, which cost fields on 72 generated documents.)
    let (bytes, w, h, header_strip, measured) = if page.pix.depth() == 1 && sx == 1.0 && sy == 1.0 {
        let (w, h) = (page.pix.width(), page.pix.height());
        let strip = page.pix.clip(0, 0, w as i32, header_rows(h)).and_then(|s| s.to_gray());
        (page.pix.binary_bytes(), w as i32, h as i32, strip, page.pix.find_skew())
    } else {
        let (bytes, square) = if sx == 1.0 && sy >= MIN_ROW_STRETCH && matches!(page.pix.depth(), 1 | 8) {
            // Standard resolution: rows stretched as Leptonica's `pixScale` would, on bytes.
            let (w, h) = (page.pix.width() as i32, page.pix.height() as i32);
            let src = if page.pix.depth() == 1 {
                page.pix.binary_bytes()
            } else {
                page.pix.to_gray().ok_or_else(fail)?.gray_bytes()
            };
            let (bytes, h) = stretch_rows(&src, w, h, sy);
            let square = Pix::from_gray(w as u32, h as u32, &bytes).ok_or_else(fail)?;
            (bytes, square)
        } else {
            let gray = page.pix.to_gray().ok_or_else(fail)?;
            let square = if sx != 1.0 || sy != 1.0 { gray.scale(sx, sy).ok_or_else(fail)? } else { gray };
            (square.gray_bytes(), square)
        };
        let (w, h) = (square.width(), square.height());
        let strip = square.clip(0, 0, w as i32, header_rows(h));
        let measured = square.to_binary(128).ok_or_else(fail)?.find_skew();
        (bytes, w as i32, h as i32, strip, measured)
    };
    let skew = measured.filter(|(_, conf)| *conf > 2.0).map(|(a, _)| a).unwrap_or(0.0);
    let dpi = x_dpi.round() as i32;
    let mut page = PreparedPage::unrotated(bytes, w, h, dpi);
    if skew.abs() >= MIN_DESKEW {
        let rot = Rotation::new(skew, w, h);
        let src = std::mem::take(&mut page.gray);
        (page.width, page.height, page.gray) = (rot.w, rot.h, rot.sample(&src));
        page.source = Some((src, rot));
    }
    let rotation = page.source.as_ref().map(|(_, rot)| *rot);
    let frame = Frame { rotation, y_scale: sy, stored, turn: None };
    Ok(PreparedPage { header_strip, skew, y_scale: sy, frame, ..page })
}

/// From this stretch up, `pixScale` interpolates without sharpening: what [`stretch_rows`] reproduces.
const MIN_ROW_STRETCH: f32 = 1.4;

/// Rows of an 8-bit page (`w` x `h` bytes) stretched by `sy` with linear interpolation, and the new
/// height: the bytes Leptonica's `pixScaleGrayLI` gives for a scale of 1 x `sy` (its general case: the
/// source position of each row in sixteenths of a row, single precision; the last row repeated), made
/// row by row instead of pixel by pixel. It was 3.5% of a zonal run's CPU on generated archives, a third
/// of whose pages are standard resolution.
fn stretch_rows(src: &[u8], w: i32, h: i32, sy: f32) -> (Vec<u8>, i32) {
    let hd = (sy * h as f32 + 0.5) as i32;
    let scy = (16.0f64 * h as f64 / hd as f64) as f32;
    let (w, last) = (w as usize, h - 2);
    let mut out = Vec::with_capacity(w * hd as usize);
    for i in 0..hd {
        let ypm = (scy * i as f32) as i32;
        let (yp, yf) = (ypm >> 4, (ypm & 0x0f) as u32);
        let top = &src[yp as usize * w..(yp as usize + 1) * w];
        if yp > last || yf == 0 {
            // Leptonica weighs the row below at zero here, or has none: the row itself.
            out.extend_from_slice(top);
            continue;
        }
        let below = &src[(yp as usize + 1) * w..(yp as usize + 2) * w];
        out.extend(
            top.iter().zip(below).map(|(&a, &b)| ((16 * ((16 - yf) * a as u32 + yf * b as u32) + 128) / 256) as u8),
        );
    }
    (out, hd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_map_back_to_the_stored_page() {
        // A standard-resolution page: rows were doubled, so a box's rows halve.
        let f = Frame { rotation: None, y_scale: 2.0, stored: (1728, 1100), turn: None };
        assert_eq!(f.to_stored(Rect::new(100, 200, 300, 50)), Rect::new(100, 100, 300, 25));
        // Clamped to the stored page.
        assert_eq!(f.to_stored(Rect::new(1700, 2190, 100, 40)), Rect::new(1700, 1095, 28, 5));
        // A deskewed page: the canvas point a source point was rotated to maps back to it (within a pixel).
        let rot = Rotation::new(1.5, 1700, 2200);
        let f = Frame { rotation: Some(rot), y_scale: 1.0, stored: (1700, 2200), turn: None };
        for (x, y) in [(100, 100), (850, 1100), (1600, 2100)] {
            let (xp, yp, _, _) = rot.source_of(x, y);
            let (sx, sy) = (xp - rot.xoff, yp - rot.yoff);
            let b = f.to_stored(Rect::new(x, y, 1, 1));
            assert!((b.x - sx).abs() <= 1 && (b.y - sy).abs() <= 1, "{x},{y}: {b:?} vs {sx},{sy}");
        }
        // A standard page fed upside down: squared (rows x2), turned a half; a box near the turned page's
        // top left is near the stored page's bottom right.
        let t = Turn { quarters: 2, square: (1728, 2200), y_scale: 2.0, stored: (1728, 1100) };
        let f = Frame { rotation: None, y_scale: 1.0, stored: (1728, 2200), turn: Some(t) };
        assert_eq!(f.to_stored(Rect::new(100, 200, 300, 50)), Rect::new(1328, 975, 300, 25));
        // Sideways (a quarter turn clockwise made it upright): the turned page's rows are stored columns.
        let t = Turn { quarters: 1, square: (1728, 2200), y_scale: 1.0, stored: (1728, 2200) };
        let f = Frame { rotation: None, y_scale: 1.0, stored: (2200, 1728), turn: Some(t) };
        assert_eq!(f.to_stored(Rect::new(100, 200, 300, 50)), Rect::new(200, 1800, 50, 300));
    }

    /// A 1-bit page's bits unpacked are its 8-bit conversion's bytes (a width not a multiple of 32).
    #[test]
    fn binary_pages_unpack_as_their_gray_conversion() {
        let (w, h) = (301, 7);
        let src: Vec<u8> = (0..w * h).map(|i| if (i * 7919) % 5 < 2 { 0 } else { 255 }).collect();
        let binary = Pix::from_gray(w as u32, h as u32, &src).unwrap().to_binary(128).unwrap();
        assert_eq!(binary.binary_bytes(), binary.to_gray().unwrap().gray_bytes());
        assert_eq!(binary.binary_bytes(), src);
    }

    /// Stretched rows are Leptonica's: standard (204x98 -> 204x204) and other tall-pixel resolutions.
    #[test]
    fn rows_stretch_as_leptonica_scales() {
        let (w, h) = (37, 53);
        let src: Vec<u8> = (0..w * h).map(|i| ((i * 7919) % 251) as u8).collect();
        let pix = Pix::from_gray(w as u32, h as u32, &src).unwrap();
        for sy in [204.0f32 / 98.0, 2.0, 196.0 / 98.0 + 0.01, 1.5, 3.0] {
            let (rows, hd) = stretch_rows(&src, w, h, sy);
            let scaled = pix.scale(1.0, sy).unwrap();
            assert_eq!((w as u32, hd as u32), (scaled.width(), scaled.height()), "scale {sy}: size");
            assert_eq!(rows, scaled.gray_bytes(), "scale {sy}");
        }
    }

    /// Zone by zone, the rotation gives the bytes Leptonica's whole-page rotation gives.
    #[test]
    fn zones_rotate_as_the_whole_page_does() {
        let (w, h) = (301, 207);
        let src: Vec<u8> = (0..w * h).map(|i| ((i * 7919) % 251) as u8).collect();
        let pix = Pix::from_gray(w as u32, h as u32, &src).unwrap();
        for degrees in [0.8f32, -1.7, 3.1] {
            let rotated = pix.rotate(degrees).unwrap();
            let rot = Rotation::new(degrees, w, h);
            assert_eq!((rot.w, rot.h), (rotated.width() as i32, rotated.height() as i32), "{degrees} degrees: canvas");
            let whole = rotated.gray_bytes();
            // A zone inside, and one over the canvas' corner where the page's edge meets the white.
            for r in [Rect::new(40, 25, 200, 60), Rect::new(0, 0, 60, 40), Rect::new(rot.w - 50, rot.h - 30, 50, 30)] {
                let zone = rot.pixels(&src, r);
                let expect: Vec<u8> = (r.y..r.bottom())
                    .flat_map(|y| whole[(y * rot.w + r.x) as usize..(y * rot.w + r.right()) as usize].to_vec())
                    .collect();
                assert_eq!(zone, expect, "{degrees} degrees, zone {r:?}");
            }
            // Sampling takes the nearest source pixel: within one step of interpolation's on every pixel
            // of a smooth page.
            // (Inside the page: along its edges one takes white where the other mixes it in.)
            let smooth: Vec<u8> = (0..w * h).map(|i| (((i % w) + (i / w)) / 4) as u8).collect();
            let inner = Rect::new(30, 30, rot.w - 60, rot.h - 60);
            let near = rot.sample(&smooth);
            let fine = rot.pixels(&smooth, inner);
            for (k, v) in fine.iter().enumerate() {
                let (x, y) = (inner.x + k as i32 % inner.w, inner.y + k as i32 / inner.w);
                let n = near[(y * rot.w + x) as usize];
                assert!(
                    (n as i32 - *v as i32).abs() <= 1,
                    "{degrees} degrees at {x},{y}: sampled {n}, interpolated {v}"
                );
            }
        }
    }
}
