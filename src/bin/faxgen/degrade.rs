//! What the scanner and the phone line do to a page, kept within what a working fax line does: skew up to
//! 2 degrees, shift, scale +-3%, slight blur, threshold level, specks, a few lost or smeared scan lines,
//! thin vertical streaks. Geometric parts go into the canvas transform (see text.rs); the rest act here on
//! pixels.

use crate::people::{chance, Rng8};
use rand::Rng;

#[derive(Clone, Debug)]
pub struct Degrade {
    pub angle: f32,
    pub zoom: f32,
    pub dx: f32,
    pub dy: f32,
    pub blur: bool,
    pub threshold: u8,
    pub specks: usize,
    pub lost_lines: usize,
    pub smeared: usize,
    pub streaks: usize,
}

impl Degrade {
    pub fn random(rng: &mut Rng8) -> Degrade {
        let angle = if chance(rng, 0.7) { rng.gen_range(-0.8..0.8) } else { rng.gen_range(-2.0..2.0) };
        Degrade {
            angle,
            zoom: if chance(rng, 0.6) { 1.0 } else { rng.gen_range(0.97..1.03) },
            dx: rng.gen_range(-25.0..25.0),
            dy: rng.gen_range(-25.0..25.0),
            blur: chance(rng, 0.3),
            threshold: rng.gen_range(105..165),
            specks: if chance(rng, 0.5) { rng.gen_range(0..400) } else { 0 },
            lost_lines: if chance(rng, 0.2) { rng.gen_range(1..4) } else { 0 },
            smeared: if chance(rng, 0.15) { rng.gen_range(1..3) } else { 0 },
            streaks: if chance(rng, 0.1) { rng.gen_range(1..3) } else { 0 },
        }
    }

    /// A clean page (for a few "pristine" samples and scans of printed originals).
    pub fn none() -> Degrade {
        Degrade {
            angle: 0.0,
            zoom: 1.0,
            dx: 0.0,
            dy: 0.0,
            blur: false,
            threshold: 128,
            specks: 0,
            lost_lines: 0,
            smeared: 0,
            streaks: 0,
        }
    }

    pub fn describe(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.angle.abs() >= 0.05 {
            v.push(format!("skew:{:.2}", self.angle));
        }
        if (self.zoom - 1.0).abs() > 0.001 {
            v.push(format!("scale:{:.3}", self.zoom));
        }
        if self.dx.abs() >= 1.0 || self.dy.abs() >= 1.0 {
            v.push(format!("shift:{:.0},{:.0}", self.dx, self.dy));
        }
        if self.blur {
            v.push("blur".into());
        }
        v.push(format!("threshold:{}", self.threshold));
        if self.specks > 0 {
            v.push(format!("specks:{}", self.specks));
        }
        if self.lost_lines > 0 {
            v.push(format!("lost_lines:{}", self.lost_lines));
        }
        if self.smeared > 0 {
            v.push(format!("smeared_rows:{}", self.smeared));
        }
        if self.streaks > 0 {
            v.push(format!("streaks:{}", self.streaks));
        }
        v
    }
}

/// A [1 2 1] x [1 2 1] blur of the ink plane.
pub fn blur(ink: &mut [u8], w: usize, h: usize) {
    let mut tmp = vec![0u16; w * h];
    for y in 0..h {
        let row = &ink[y * w..(y + 1) * w];
        let out = &mut tmp[y * w..(y + 1) * w];
        for x in 0..w {
            let a = row[x.saturating_sub(1)] as u16;
            let b = row[x] as u16;
            let c = row[(x + 1).min(w - 1)] as u16;
            out[x] = a + 2 * b + c;
        }
    }
    for y in 0..h {
        let (p, n) = (y.saturating_sub(1), (y + 1).min(h - 1));
        for x in 0..w {
            let v = tmp[p * w + x] + 2 * tmp[y * w + x] + tmp[n * w + x];
            ink[y * w + x] = (v / 16) as u8;
        }
    }
}

/// Ink plane to bilevel (1 = black).
pub fn threshold(ink: &[u8], t: u8) -> Vec<u8> {
    ink.iter().map(|&v| (v >= t) as u8).collect()
}

/// Specks and streaks (scanner), lost and smeared rows (line errors) on a bilevel page.
pub fn line_noise(bits: &mut [u8], w: usize, h: usize, d: &Degrade, rng: &mut Rng8) {
    for _ in 0..d.specks {
        let (x, y) = (rng.gen_range(0..w - 2), rng.gen_range(0..h - 2));
        bits[y * w + x] = 1;
        if chance(rng, 0.3) {
            bits[y * w + x + 1] = 1;
            bits[(y + 1) * w + x] = 1;
        }
    }
    for _ in 0..d.streaks {
        let x = rng.gen_range(200..w - 200);
        let width = rng.gen_range(1..3);
        let y0 = rng.gen_range(0..h / 2);
        let y1 = rng.gen_range(y0 + h / 4..h);
        for y in y0..y1 {
            for dx in 0..width {
                bits[y * w + x + dx] = 1;
            }
        }
    }
    for _ in 0..d.lost_lines {
        let y = rng.gen_range(150..h - 150);
        let n = rng.gen_range(1..3);
        for yy in y..(y + n).min(h) {
            bits[yy * w..(yy + 1) * w].fill(0);
        }
    }
    for _ in 0..d.smeared {
        let y = rng.gen_range(150..h - 150);
        let n = rng.gen_range(1..4);
        for yy in y + 1..(y + 1 + n).min(h) {
            let (a, b) = bits.split_at_mut(yy * w);
            b[..w].copy_from_slice(&a[y * w..(y + 1) * w]);
        }
    }
}

/// Fine to standard: OR each pair of rows.
pub fn or_pairs(bits: &[u8], w: usize, h: usize) -> (Vec<u8>, usize) {
    let nh = h / 2;
    let mut out = vec![0u8; w * nh];
    for y in 0..nh {
        for x in 0..w {
            out[y * w + x] = bits[2 * y * w + x] | bits[(2 * y + 1) * w + x];
        }
    }
    (out, nh)
}

/// Fine to standard: keep every other row.
pub fn decimate(bits: &[u8], w: usize, h: usize) -> (Vec<u8>, usize) {
    let nh = h / 2;
    let mut out = vec![0u8; w * nh];
    for y in 0..nh {
        out[y * w..(y + 1) * w].copy_from_slice(&bits[2 * y * w..(2 * y + 1) * w]);
    }
    (out, nh)
}

/// Ink plane to an 8-bit grayscale scan (0 = black) with a flat paper tone. No per-pixel sensor noise:
/// it makes no difference to OCR at these levels but defeats PNG/deflate compression.
pub fn to_gray(ink: &[u8], rng: &mut Rng8) -> Vec<u8> {
    let paper: f32 = rng.gen_range(228.0..250.0);
    let toner: f32 = rng.gen_range(20.0..50.0);
    let lut: Vec<u8> = (0..256)
        .map(|v| {
            let a = v as f32 / 255.0;
            ((paper * (1.0 - a) + toner * a) as u8) & 0xF0
        })
        .collect();
    ink.iter().map(|&v| lut[v as usize]).collect()
}
