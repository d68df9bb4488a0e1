//! Writing pages as fax servers store them.
//!
//! Decision: the uncompressed multi-page TIFF is written by a small writer here rather than the `tiff`
//! crate's encoder: that encoder has no 1-bit bilevel colour type and no control over FillOrder, rational
//! resolution in centimetres or per-page DateTime, all of which this generator must vary. The compressed
//! files are then made by Debian's `tiffcp` (libtiff-tools), which is what libtiff itself writes:
//! `-c g4`, `-c g3:1d`, `-c g3:2d[:fill]`, `-f lsb2msb`. Modified Huffman (compression 2) is not offered by
//! tiffcp's `-c` option, so MH files are encoded here ([`mh_encode`], with the `fax` crate's code tables)
//! and written directly by [`write_tiff`] with Compression 2.

use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct PageOut {
    pub w: usize,
    pub h: usize,
    /// 1 = bilevel (WhiteIsZero, 1 = black, one byte per pixel here), 8 = grayscale (BlackIsZero).
    pub bps: u16,
    pub pixels: Vec<u8>,
    /// (numerator, denominator) pairs and ResolutionUnit (2 inch, 3 cm).
    pub xres: (u32, u32),
    pub yres: (u32, u32),
    pub unit: u16,
    pub description: Option<String>,
    pub software: Option<String>,
    pub datetime: Option<String>,
    pub page: (u16, u16),
    /// Compression tag and the already-encoded strip (None = uncompressed `pixels`).
    pub encoded: Option<(u16, Vec<u8>)>,
    pub fill_order: u16,
}

/// Modified Huffman (TIFF Compression 2, T.4 1-D without EOLs): each row a white-first run sequence of
/// make-up + terminating codes, padded to a byte boundary. MSB-first bit order; `lsb_first` reverses the
/// bits of every byte (FillOrder 2).
pub fn mh_encode(bits: &[u8], w: usize, h: usize, lsb_first: bool) -> Vec<u8> {
    use fax::BitWriter;
    let mut wr = fax::VecWriter::new();
    for y in 0..h {
        let row = &bits[y * w..(y + 1) * w];
        let mut color = 0u8; // white first
        let mut x = 0usize;
        while x < w || color == 0 && x == 0 {
            let start = x;
            while x < w && row[x] == color {
                x += 1;
            }
            let mut n = (x - start) as u16;
            let table = if color == 0 { &fax::maps::white::ENTRIES } else { &fax::maps::black::ENTRIES };
            let mut put = |n: u16| {
                let idx = if n >= 64 { 63 + n / 64 } else { n } as usize;
                let (v, code) = table[idx];
                debug_assert_eq!(v, n);
                let _ = wr.write(code);
            };
            while n >= 2560 {
                put(2560);
                n -= 2560;
            }
            if n >= 64 {
                put(n & !63);
                n &= 63;
            }
            put(n);
            color ^= 1;
            if x >= w {
                break;
            }
        }
        wr.pad();
    }
    let mut out = wr.finish();
    if lsb_first {
        for b in out.iter_mut() {
            *b = b.reverse_bits();
        }
    }
    out
}

fn pack(p: &PageOut) -> Vec<u8> {
    if p.bps == 8 {
        return p.pixels.clone();
    }
    let stride = p.w.div_ceil(8);
    let mut out = vec![0u8; stride * p.h];
    for y in 0..p.h {
        let row = &p.pixels[y * p.w..(y + 1) * p.w];
        let o = &mut out[y * stride..(y + 1) * stride];
        for (x, &b) in row.iter().enumerate() {
            if b != 0 {
                o[x >> 3] |= 0x80 >> (x & 7);
            }
        }
    }
    out
}

enum Val {
    Short(Vec<u16>),
    Long(Vec<u32>),
    Rational(u32, u32),
    Ascii(String),
}

/// A little-endian, uncompressed, one-strip-per-page TIFF.
pub fn write_tiff(pages: &[PageOut]) -> Vec<u8> {
    let mut buf: Vec<u8> = b"II*\0\0\0\0\0".to_vec();
    let mut link_pos = 4usize;
    for p in pages {
        let (compression, data) = match &p.encoded {
            Some((c, d)) => (*c, d.clone()),
            None => (1, pack(p)),
        };
        let data_off = buf.len() as u32;
        buf.extend_from_slice(&data);
        if buf.len() % 2 == 1 {
            buf.push(0);
        }
        let mut tags: Vec<(u16, Val)> = vec![
            (254, Val::Long(vec![2])),
            (256, Val::Long(vec![p.w as u32])),
            (257, Val::Long(vec![p.h as u32])),
            (258, Val::Short(vec![p.bps])),
            (259, Val::Short(vec![compression])),
            (262, Val::Short(vec![if p.bps == 1 { 0 } else { 1 }])),
            (266, Val::Short(vec![p.fill_order])),
        ];
        if let Some(d) = &p.description {
            tags.push((270, Val::Ascii(d.clone())));
        }
        tags.push((273, Val::Long(vec![data_off])));
        tags.push((277, Val::Short(vec![1])));
        tags.push((278, Val::Long(vec![p.h as u32])));
        tags.push((279, Val::Long(vec![data.len() as u32])));
        tags.push((282, Val::Rational(p.xres.0, p.xres.1)));
        tags.push((283, Val::Rational(p.yres.0, p.yres.1)));
        tags.push((284, Val::Short(vec![1])));
        tags.push((296, Val::Short(vec![p.unit])));
        tags.push((297, Val::Short(vec![p.page.0, p.page.1])));
        if let Some(s) = &p.software {
            tags.push((305, Val::Ascii(s.clone())));
        }
        if let Some(s) = &p.datetime {
            tags.push((306, Val::Ascii(s.clone())));
        }
        // IFD position; values that don't fit in 4 bytes go after it.
        let ifd_off = buf.len();
        let n = tags.len();
        let mut extra_off = ifd_off + 2 + n * 12 + 4;
        let mut entries = Vec::new();
        let mut extra = Vec::new();
        for (tag, v) in &tags {
            let (typ, count, bytes): (u16, u32, Vec<u8>) = match v {
                Val::Short(xs) => (3, xs.len() as u32, xs.iter().flat_map(|x| x.to_le_bytes()).collect()),
                Val::Long(xs) => (4, xs.len() as u32, xs.iter().flat_map(|x| x.to_le_bytes()).collect()),
                Val::Rational(a, b) => (5, 1, [a.to_le_bytes(), b.to_le_bytes()].concat()),
                Val::Ascii(s) => {
                    let mut b = s.as_bytes().to_vec();
                    b.push(0);
                    (2, b.len() as u32, b)
                }
            };
            let mut e = Vec::with_capacity(12);
            e.extend_from_slice(&tag.to_le_bytes());
            e.extend_from_slice(&typ.to_le_bytes());
            e.extend_from_slice(&count.to_le_bytes());
            if bytes.len() <= 4 {
                let mut b = bytes.clone();
                b.resize(4, 0);
                e.extend_from_slice(&b);
            } else {
                e.extend_from_slice(&(extra_off as u32).to_le_bytes());
                let mut b = bytes.clone();
                if b.len() % 2 == 1 {
                    b.push(0);
                }
                extra_off += b.len();
                extra.extend_from_slice(&b);
            }
            entries.push(e);
        }
        buf[link_pos..link_pos + 4].copy_from_slice(&(ifd_off as u32).to_le_bytes());
        buf.extend_from_slice(&(n as u16).to_le_bytes());
        for e in entries {
            buf.extend_from_slice(&e);
        }
        link_pos = buf.len();
        buf.extend_from_slice(&0u32.to_le_bytes());
        buf.extend_from_slice(&extra);
    }
    buf
}

static TMP: AtomicUsize = AtomicUsize::new(0);

fn tmp_path(tag: &str) -> PathBuf {
    let n = TMP.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("faxgen-{}-{n}-{tag}.tif", std::process::id()))
}

/// Recompress with tiffcp (Debian libtiff-tools). `compression`: "g4", "g3:1d", "g3:2d", "g3:2d:fill", "none".
pub fn tiffcp(input: &[u8], compression: &str, lsb_first: bool) -> Result<Vec<u8>> {
    let (a, b) = (tmp_path("in"), tmp_path("out"));
    std::fs::write(&a, input)?;
    let mut cmd = Command::new("tiffcp");
    cmd.arg("-c").arg(compression);
    if lsb_first {
        cmd.arg("-f").arg("lsb2msb");
    }
    cmd.arg("-r").arg("100000").arg(&a).arg(&b);
    let out = cmd.output().context("running tiffcp (install libtiff-tools)")?;
    let _ = std::fs::remove_file(&a);
    if !out.status.success() {
        let _ = std::fs::remove_file(&b);
        bail!("tiffcp failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let bytes = std::fs::read(&b)?;
    let _ = std::fs::remove_file(&b);
    Ok(bytes)
}

/// An 8-bit grayscale PNG with its dpi in pHYs.
pub fn png_gray(w: usize, h: usize, pixels: &[u8], dpi: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let ppm = (dpi as f64 / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
        let mut wr = enc.write_header()?;
        wr.write_image_data(pixels)?;
    }
    Ok(out)
}

/// Strip locations of each IFD of a little-endian TIFF: (file offset of the StripOffsets value(s), strip
/// offsets, strip byte counts).
pub struct StripInfo {
    pub offsets_at: Vec<usize>,
    pub offsets: Vec<u32>,
    pub counts: Vec<u32>,
}

pub fn strips(b: &[u8]) -> Result<Vec<StripInfo>> {
    if b.len() < 8 || &b[0..2] != b"II" {
        bail!("not a little-endian TIFF");
    }
    let u16_ = |o: usize| u16::from_le_bytes([b[o], b[o + 1]]);
    let u32_ = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
    let mut ifd = u32_(4) as usize;
    let mut out = Vec::new();
    while ifd != 0 && ifd + 2 <= b.len() {
        let n = u16_(ifd) as usize;
        let mut si = StripInfo { offsets_at: vec![], offsets: vec![], counts: vec![] };
        for i in 0..n {
            let e = ifd + 2 + i * 12;
            let (tag, typ, count) = (u16_(e), u16_(e + 2), u32_(e + 4) as usize);
            if tag != 273 && tag != 279 {
                continue;
            }
            let size = if typ == 3 { 2 } else { 4 };
            let base = if count * size <= 4 { e + 8 } else { u32_(e + 8) as usize };
            let vals: Vec<(usize, u32)> = (0..count)
                .map(|k| {
                    let o = base + k * size;
                    (o, if typ == 3 { u16_(o) as u32 } else { u32_(o) })
                })
                .collect();
            if tag == 273 {
                si.offsets_at = vals.iter().map(|v| v.0).collect();
                si.offsets = vals.iter().map(|v| v.1).collect();
            } else {
                si.counts = vals.iter().map(|v| v.1).collect();
            }
        }
        out.push(si);
        ifd = u32_(ifd + 2 + n * 12) as usize;
    }
    Ok(out)
}
