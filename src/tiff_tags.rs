//! Reading the tags of every page (IFD) of a TIFF, without decoding any image data.
//!
//! Pixels are decoded by libtiff through Leptonica (see `lept`); this walker exists because the pipeline
//! must look at every IFD *before* handing bytes to a C decoder: to refuse decompression bombs (huge declared
//! sizes, thousands of pages), cyclic or out-of-bounds IFD chains and strips past the end of a truncated
//! transfer, and to read the fax server's tags (TSI, DateTime, fax tags) that Leptonica does not expose.
//! It reads classic TIFF only (fax servers never write BigTIFF) and is bounded in pages and entries.

use std::collections::{BTreeMap, HashSet};

/// Most pages a file may declare before it is refused as hostile.
pub const MAX_PAGES: usize = 500;
/// Largest page area accepted (pixels): a 2432x4000 A3 superfine page is ~10 Mpx; 64 Mpx allows 600-dpi scans.
pub const MAX_PIXELS: u64 = 64_000_000;
const MAX_ENTRIES: u16 = 1000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageTags {
    pub width: u32,
    pub height: u32,
    pub compression: u16,
    pub fill_order: u16,
    pub t4_options: u32,
    pub bits_per_sample: u16,
    /// Resolution in dots per inch (converted from centimetres when the unit says so).
    pub x_dpi: Option<f32>,
    pub y_dpi: Option<f32>,
    /// Text tags by name: ImageDescription, Make, Model, Software, DateTime, FaxSubAddress, FaxDcs.
    pub text: BTreeMap<&'static str, String>,
    /// Numeric fax tags by name: PageNumber, BadFaxLines, CleanFaxData, ConsecutiveBadFaxLines,
    /// FaxRecvParams, FaxRecvTime.
    pub numbers: BTreeMap<&'static str, u64>,
    /// True when the page's image data runs past the end of the file.
    pub data_truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    /// Not a TIFF header.
    NotTiff,
    /// The header or an IFD points outside the file.
    Truncated(String),
    /// An IFD chain that loops back on itself.
    CyclicIfd,
    TooManyPages(usize),
    TooLarge { width: u32, height: u32 },
    Malformed(String),
}

impl std::fmt::Display for TagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TagError::NotTiff => write!(f, "not a TIFF file"),
            TagError::Truncated(m) => write!(f, "truncated TIFF: {m}"),
            TagError::CyclicIfd => write!(f, "the chain of pages (IFDs) loops back on itself"),
            TagError::TooManyPages(n) => write!(f, "more than {n} pages declared"),
            TagError::TooLarge { width, height } => write!(f, "declared page size {width}x{height} is too large"),
            TagError::Malformed(m) => write!(f, "malformed TIFF: {m}"),
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    little: bool,
}

impl Reader<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.data.get(at..at + 2)?;
        Some(if self.little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) })
    }
    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.data.get(at..at + 4)?;
        let a = [b[0], b[1], b[2], b[3]];
        Some(if self.little { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) })
    }
}

/// One IFD entry's values, read as unsigned integers or text.
struct Entry {
    tag: u16,
    typ: u16,
    count: u32,
    /// Offset of the values (inline in the entry when they fit in 4 bytes).
    at: usize,
}

fn type_size(typ: u16) -> usize {
    match typ {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

impl Reader<'_> {
    fn entry(&self, at: usize) -> Option<Entry> {
        let tag = self.u16(at)?;
        let typ = self.u16(at + 2)?;
        let count = self.u32(at + 4)?;
        let size = type_size(typ).saturating_mul(count as usize);
        let at = if size <= 4 { at + 8 } else { self.u32(at + 8)? as usize };
        Some(Entry { tag, typ, count, at })
    }

    /// The `i`th integer value of an entry (SHORT or LONG; RATIONAL gives numerator/denominator).
    fn int(&self, e: &Entry, i: usize) -> Option<u64> {
        match e.typ {
            1 | 7 => self.data.get(e.at + i).map(|&b| b as u64),
            3 => self.u16(e.at + 2 * i).map(u64::from),
            4 => self.u32(e.at + 4 * i).map(u64::from),
            _ => None,
        }
    }

    fn rational(&self, e: &Entry) -> Option<f32> {
        match e.typ {
            5 => {
                let (n, d) = (self.u32(e.at)?, self.u32(e.at + 4)?);
                (d != 0).then(|| n as f32 / d as f32)
            }
            11 => self.u32(e.at).map(f32::from_bits),
            _ => self.int(e, 0).map(|v| v as f32),
        }
    }

    fn text(&self, e: &Entry) -> Option<String> {
        let bytes = self.data.get(e.at..e.at.checked_add(e.count as usize)?)?;
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        let s = String::from_utf8_lossy(&bytes[..end]).trim().to_string();
        (!s.is_empty()).then_some(s)
    }
}

/// Reads the tags of every page. Fails on anything a decoder should not be given.
pub fn read_pages(data: &[u8]) -> Result<Vec<PageTags>, TagError> {
    let little = match data.get(0..4) {
        Some([b'I', b'I', 42, 0]) => true,
        Some([b'M', b'M', 0, 42]) => false,
        _ => return Err(TagError::NotTiff),
    };
    let r = Reader { data, little };
    let mut next = r.u32(4).ok_or_else(|| TagError::Truncated("no first page offset".into()))? as usize;
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    while next != 0 {
        if !seen.insert(next) {
            return Err(TagError::CyclicIfd);
        }
        if pages.len() >= MAX_PAGES {
            return Err(TagError::TooManyPages(MAX_PAGES));
        }
        let n = r.u16(next).ok_or_else(|| TagError::Truncated(format!("page {} lies past the end", pages.len() + 1)))?;
        if n == 0 || n > MAX_ENTRIES {
            return Err(TagError::Malformed(format!("page {} has {n} tag entries", pages.len() + 1)));
        }
        let mut page = PageTags { fill_order: 1, bits_per_sample: 1, ..Default::default() };
        let (mut unit, mut xres, mut yres) = (2u64, None, None);
        let (mut offsets, mut counts) = (None, None);
        for i in 0..n as usize {
            let Some(e) = r.entry(next + 2 + 12 * i) else {
                return Err(TagError::Truncated(format!("page {} tag table is cut off", pages.len() + 1)));
            };
            match e.tag {
                256 => page.width = r.int(&e, 0).unwrap_or(0) as u32,
                257 => page.height = r.int(&e, 0).unwrap_or(0) as u32,
                258 => page.bits_per_sample = r.int(&e, 0).unwrap_or(1) as u16,
                259 => page.compression = r.int(&e, 0).unwrap_or(1) as u16,
                266 => page.fill_order = r.int(&e, 0).unwrap_or(1) as u16,
                273 => offsets = Some(e),
                279 => counts = Some(e),
                282 => xres = r.rational(&e),
                283 => yres = r.rational(&e),
                292 => page.t4_options = r.int(&e, 0).unwrap_or(0) as u32,
                296 => unit = r.int(&e, 0).unwrap_or(2),
                297 => {
                    if let Some(v) = r.int(&e, 0) {
                        page.numbers.insert("PageNumber", v + 1);
                    }
                }
                t => {
                    let name = match t {
                        270 => "ImageDescription",
                        271 => "Make",
                        272 => "Model",
                        305 => "Software",
                        306 => "DateTime",
                        34909 => "FaxSubAddress",
                        34911 => "FaxDcs",
                        326 => "BadFaxLines",
                        327 => "CleanFaxData",
                        328 => "ConsecutiveBadFaxLines",
                        34908 => "FaxRecvParams",
                        34910 => "FaxRecvTime",
                        _ => continue,
                    };
                    if e.typ == 2 {
                        if let Some(s) = r.text(&e) {
                            page.text.insert(name, s);
                        }
                    } else if let Some(v) = r.int(&e, 0) {
                        page.numbers.insert(name, v);
                    }
                }
            }
        }
        let to_dpi = |v: Option<f32>| v.filter(|v| *v > 0.0).map(|v| if unit == 3 { v * 2.54 } else { v });
        page.x_dpi = to_dpi(xres);
        page.y_dpi = to_dpi(yres);
        if page.width == 0 || page.height == 0 {
            return Err(TagError::Malformed(format!("page {} has no size", pages.len() + 1)));
        }
        if page.width as u64 * page.height as u64 > MAX_PIXELS {
            return Err(TagError::TooLarge { width: page.width, height: page.height });
        }
        if let (Some(o), Some(c)) = (offsets, counts) {
            for i in 0..o.count.min(c.count).min(100_000) as usize {
                let end = r.int(&o, i).unwrap_or(u64::MAX).saturating_add(r.int(&c, i).unwrap_or(0));
                if end > data.len() as u64 {
                    page.data_truncated = true;
                    break;
                }
            }
        }
        pages.push(page);
        next = r.u32(next + 2 + 12 * n as usize).ok_or_else(|| TagError::Truncated("next page offset cut off".into()))? as usize;
    }
    if pages.is_empty() {
        return Err(TagError::Malformed("no pages".into()));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal little-endian TIFF with one IFD whose next pointer is `next`.
    fn tiff_with(width: u32, height: u32, next: u32) -> Vec<u8> {
        let mut v = b"II*\0".to_vec();
        v.extend_from_slice(&8u32.to_le_bytes());
        let entries: [(u16, u16, u32, u32); 3] = [(256, 4, 1, width), (257, 4, 1, height), (259, 3, 1, 4)];
        v.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        for (tag, typ, count, val) in entries {
            v.extend_from_slice(&tag.to_le_bytes());
            v.extend_from_slice(&typ.to_le_bytes());
            v.extend_from_slice(&count.to_le_bytes());
            v.extend_from_slice(&val.to_le_bytes());
        }
        v.extend_from_slice(&next.to_le_bytes());
        v
    }

    #[test]
    fn reads_size_and_compression() {
        let p = read_pages(&tiff_with(1728, 2200, 0)).unwrap();
        assert_eq!((p[0].width, p[0].height, p[0].compression), (1728, 2200, 4));
    }

    #[test]
    fn refuses_cycles_bombs_and_junk() {
        assert_eq!(read_pages(&tiff_with(1728, 2200, 8)), Err(TagError::CyclicIfd));
        assert!(matches!(read_pages(&tiff_with(100_000, 100_000, 0)), Err(TagError::TooLarge { .. })));
        assert_eq!(read_pages(b"%PDF-1.4 hello"), Err(TagError::NotTiff));
        assert!(matches!(read_pages(&tiff_with(1728, 2200, 0)[..20]), Err(TagError::Truncated(_))));
    }

    #[test]
    fn reads_real_fax_tags() {
        let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/real-faxes/fax2d.tif")).unwrap();
        let p = read_pages(&data).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].width, p[0].compression, p[0].fill_order), (1728, 3, 2));
        assert!((p[0].y_dpi.unwrap() - 98.0).abs() < 1.0, "{:?}", p[0].y_dpi);
    }
}
