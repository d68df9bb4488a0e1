//! TIFF Class F writing. Group 4 pages are coded with the `fax` crate and written by a small TIFF writer of
//! our own (so the tags are exactly what a fax server would write); Group 3 files are recoded by libtiff's
//! `tiffcp` (the only G3 2-D encoder at hand) from an uncompressed file with the same tags.

use crate::model::Encoding;
use crate::scan::Bits;
use anyhow::{bail, Context, Result};
use fax::encoder::Encoder;
use fax::{Color, VecWriter};
use std::path::Path;
use std::process::Command;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    Inch,
    Centimetre,
    /// 204.2 x 195.6/97.8 dpi: the exact ITU densities expressed in inches.
    InchExact,
}

pub struct Tags {
    pub fine: bool,
    pub units: Units,
    pub lsb: bool,
    pub software: String,
    pub datetime: Option<String>,
    pub description: Option<String>,
}

fn g4(b: &Bits) -> Vec<u8> {
    let mut enc = Encoder::new(VecWriter::new());
    for y in 0..b.h {
        let row = &b.px[y * b.w..(y + 1) * b.w];
        let _ = enc.encode_line(row.iter().map(|&v| if v == 1 { Color::Black } else { Color::White }), b.w as u16);
    }
    match enc.finish() {
        Ok(w) => w.finish(),
        Err(never) => match never {},
    }
}

struct Ifd {
    entries: Vec<(u16, u16, u32, Vec<u8>)>,
}

impl Ifd {
    fn short(&mut self, tag: u16, v: &[u16]) {
        self.entries.push((tag, 3, v.len() as u32, v.iter().flat_map(|x| x.to_le_bytes()).collect()));
    }
    fn long(&mut self, tag: u16, v: u32) {
        self.entries.push((tag, 4, 1, v.to_le_bytes().to_vec()));
    }
    fn rational(&mut self, tag: u16, num: u32, den: u32) {
        let mut b = num.to_le_bytes().to_vec();
        b.extend(den.to_le_bytes());
        self.entries.push((tag, 5, 1, b));
    }
    fn ascii(&mut self, tag: u16, s: &str) {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        self.entries.push((tag, 2, b.len() as u32, b));
    }
}

/// Rows packed MSB first, 1 = black (WhiteIsZero): the uncompressed input tiffcp recodes to Group 3.
fn packed(b: &Bits) -> Vec<u8> {
    let stride = b.w.div_ceil(8);
    let mut out = vec![0u8; stride * b.h];
    for y in 0..b.h {
        let row = &b.px[y * b.w..(y + 1) * b.w];
        for (i, chunk) in row.chunks(8).enumerate() {
            out[y * stride + i] = chunk.iter().enumerate().fold(0u8, |acc, (k, &v)| acc | (v << (7 - k)));
        }
    }
    out
}

/// Write a little-endian multi-page TIFF, Group 4 coded (or uncompressed, as tiffcp's input).
fn write_tiff(pages: &[Bits], tags: &Tags, lsb: bool, g4_coded: bool) -> Vec<u8> {
    let mut out: Vec<u8> = b"II*\0\0\0\0\0".to_vec();
    let mut prev_next_ptr = 4usize;
    let (xr, yr_fine, unit): ((u32, u32), (u32, u32), u16) = match tags.units {
        Units::Inch => ((204, 1), (196, 1), 2),
        Units::Centimetre => ((804, 10), (770, 10), 3),
        Units::InchExact => ((2042, 10), (1956, 10), 2),
    };
    let yr = if tags.fine { yr_fine } else { (yr_fine.0, yr_fine.1 * 2) };
    for (i, b) in pages.iter().enumerate() {
        let mut data = if g4_coded { g4(b) } else { packed(b) };
        if lsb && g4_coded {
            for v in data.iter_mut() {
                *v = v.reverse_bits();
            }
        }
        if out.len() % 2 == 1 {
            out.push(0);
        }
        let strip_off = out.len() as u32;
        out.extend(&data);
        let mut ifd = Ifd { entries: Vec::new() };
        ifd.long(254, 2);
        ifd.short(256, &[b.w as u16]);
        ifd.long(257, b.h as u32);
        ifd.short(258, &[1]);
        ifd.short(259, &[if g4_coded { 4 } else { 1 }]);
        ifd.short(262, &[0]);
        ifd.short(266, &[if lsb && g4_coded { 2 } else { 1 }]);
        if let Some(d) = &tags.description {
            ifd.ascii(270, d);
        }
        ifd.long(273, strip_off);
        ifd.short(277, &[1]);
        ifd.long(278, b.h as u32);
        ifd.long(279, data.len() as u32);
        ifd.rational(282, xr.0, xr.1);
        ifd.rational(283, yr.0, yr.1);
        if g4_coded {
            ifd.long(293, 0);
        }
        ifd.short(296, &[unit]);
        ifd.short(297, &[i as u16, pages.len() as u16]);
        ifd.ascii(305, &tags.software);
        if let Some(dt) = &tags.datetime {
            ifd.ascii(306, dt);
        }
        ifd.entries.sort_by_key(|e| e.0);
        // Out-of-line values first, then the IFD that points at them.
        let mut offsets = Vec::new();
        for e in &ifd.entries {
            if e.3.len() > 4 {
                if out.len() % 2 == 1 {
                    out.push(0);
                }
                offsets.push(Some(out.len() as u32));
                out.extend(&e.3);
            } else {
                offsets.push(None);
            }
        }
        if out.len() % 2 == 1 {
            out.push(0);
        }
        let ifd_off = out.len() as u32;
        out[prev_next_ptr..prev_next_ptr + 4].copy_from_slice(&ifd_off.to_le_bytes());
        out.extend((ifd.entries.len() as u16).to_le_bytes());
        for (e, off) in ifd.entries.iter().zip(offsets) {
            out.extend(e.0.to_le_bytes());
            out.extend(e.1.to_le_bytes());
            out.extend(e.2.to_le_bytes());
            match off {
                Some(o) => out.extend(o.to_le_bytes()),
                None => {
                    let mut v = e.3.clone();
                    v.resize(4, 0);
                    out.extend(v);
                }
            }
        }
        prev_next_ptr = out.len();
        out.extend([0u8; 4]);
    }
    out
}

/// Write the file in the transmission's coding; returns its bytes as stored.
pub fn write(path: &Path, pages: &[Bits], tags: &Tags, enc: Encoding) -> Result<Vec<u8>> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if enc == Encoding::G4 {
        let bytes = write_tiff(pages, tags, tags.lsb, true);
        std::fs::write(path, &bytes)?;
        return Ok(bytes);
    }
    let tmp = path.with_extension("g4.tmp");
    std::fs::write(&tmp, write_tiff(pages, tags, false, false))?;
    let scheme = if enc == Encoding::G3OneD { "g3:1d" } else { "g3:2d" };
    let fill = if tags.lsb { "lsb2msb" } else { "msb2lsb" };
    let out = Command::new("tiffcp")
        // One strip per page, as fax servers write them.
        .args(["-c", scheme, "-f", fill, "-r", "20000"])
        .arg(&tmp)
        .arg(path)
        .output()
        .context("running tiffcp (Debian package libtiff-tools)")?;
    let _ = std::fs::remove_file(&tmp);
    if !out.status.success() {
        bail!("tiffcp failed on {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    }
    Ok(std::fs::read(path)?)
}
