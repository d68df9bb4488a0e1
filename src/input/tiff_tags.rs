//! Reading the tags of every page (IFD) of a TIFF, without decoding any image data.
//!
//! Pixels are decoded by libtiff through Leptonica (see `lept`); this walker exists because the pipeline
//! must look at every IFD *before* handing bytes to a C decoder: to refuse decompression bombs (huge declared
//! sizes, thousands of pages), cyclic or out-of-bounds IFD chains and strips past the end of a truncated
//! transfer, and to read the fax server's tags (TSI, DateTime, fax tags) that Leptonica does not expose.
//! It reads classic TIFF only (fax servers never write BigTIFF: one is refused as `unsupported_tiff`) and is
//! bounded in pages and entries.
//!
//! Faults are of two kinds. A fault of the *file* (not a TIFF, a chain that loops before any good page, too
//! many pages, the first page unreachable, pages that together decode too large) is an `Err`. A fault of one *page* (its size,
//! its tags, its data past the end, or the chain breaking before it) is kept in that page's
//! [`PageTags::fault`], so the pages before and around it are still read; the decoder never sees it.

use std::collections::{BTreeMap, HashSet};

/// Most pages a file may declare before it is refused as hostile. Received faxes run to tens of pages;
/// 500 leaves room for a whole day's batch sent as one fax, and caps the IFD walk at 500 x 1000 entries.
pub const MAX_PAGES: usize = 500;
/// Largest page area accepted (pixels): a 2432x4000 A3 superfine page is ~10 Mpx; 64 Mpx allows 600-dpi scans.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Longest side accepted (pixels). Fax pages are at most 2432 wide (A3) and ~4800 tall at 391 dpi
/// superfine; a 600-dpi A3 scan is 9921 tall. 20,000 also allows long "unlimited length" G3 pages
/// (~100 in at fine) and, with [`MAX_PIXELS`], keeps degenerate shapes (1 x 64,000,000, where Leptonica
/// pads every row to a 32-bit word) from costing more memory than the area suggests.
pub const MAX_SIDE: u32 = 20_000;
/// Most bytes all pages of one file may decode to (Leptonica's in-memory size: rows padded to 32 bits,
/// colour at 32 bits a pixel). The pipeline holds every decoded page of a file at once; 512 MiB holds
/// MAX_PAGES superfine 1728x4400 bilevel pages (~475 MB), while 400 tiny pages that each declare
/// 8000x8000 (a 400 KB file claiming 3.2 GB) are refused.
pub const MAX_DECODED_BYTES: u64 = 512 << 20;
/// Most entries an IFD may have: real pages have 10-30 tags.
const MAX_ENTRIES: u16 = 1000;
/// Most strips (or tiles) a page may have: one strip per row of a 20,000-row page, with margin.
const MAX_STRIPS: u64 = 100_000;

/// Compression values libtiff decodes here and fax servers or scanners write: none, CCITT modified
/// Huffman, Group 3, Group 4, LZW, JPEG, Adobe deflate, PackBits, deflate. Old-style JPEG (6), JBIG,
/// JPEG 2000 and vendor codes are refused: they never hold faxes and old-style JPEG is libtiff's least
/// robust decoder.
const SUPPORTED_COMPRESSION: [u16; 9] = [1, 2, 3, 4, 5, 7, 8, 32773, 32946];
/// The fax codecs: they decode bilevel pages only.
const FAX_COMPRESSION: [u16; 3] = [2, 3, 4];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageTags {
    pub width: u32,
    pub height: u32,
    pub compression: u16,
    pub fill_order: u16,
    pub t4_options: u32,
    pub bits_per_sample: u16,
    pub samples_per_pixel: u16,
    /// TIFF Orientation (1 = rows top to bottom, the default). Leptonica honours it: 5-8 decode turned a
    /// quarter, width and height swapped.
    pub orientation: u16,
    /// Resolution in dots per inch (converted from centimetres when the unit says so).
    pub x_dpi: Option<f32>,
    pub y_dpi: Option<f32>,
    /// Text tags by name: ImageDescription, Make, Model, Software, DateTime, FaxSubAddress, FaxDcs, and
    /// PageNumber as its two stored values "n/m".
    pub text: BTreeMap<&'static str, String>,
    /// Numeric fax tags by name: BadFaxLines, CleanFaxData, ConsecutiveBadFaxLines, FaxRecvParams,
    /// FaxRecvTime.
    pub numbers: BTreeMap<&'static str, u64>,
    /// Why this page must not be decoded (too large, bad tags, data past the end, chain broken before it).
    pub fault: Option<TagError>,
}

impl PageTags {
    /// Whether the page is stored turned a quarter (Orientation 5-8).
    pub fn turned(&self) -> bool {
        (5..=8).contains(&self.orientation)
    }

    /// Width and height of the page as Leptonica decodes it (after Orientation).
    pub fn decoded_size(&self) -> (u32, u32) {
        if self.turned() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// Bytes Leptonica will allocate for this page decoded.
    pub fn decoded_bytes(&self) -> u64 {
        decoded_bytes(self.width, self.height, self.bits_per_sample, self.samples_per_pixel)
    }
}

/// Bytes of a decoded Leptonica image: rows padded to 32-bit words; 3 or 4 samples become 32-bit RGBA.
pub fn decoded_bytes(width: u32, height: u32, bits_per_sample: u16, samples_per_pixel: u16) -> u64 {
    let depth = if samples_per_pixel >= 3 {
        32
    } else {
        (bits_per_sample.max(1) as u64 * samples_per_pixel.max(1) as u64).min(32)
    };
    (width as u64 * depth).div_ceil(32) * 4 * height as u64
}

/// Refuses a page size over [`MAX_PIXELS`] or [`MAX_SIDE`] (used for PNG and JPEG headers too).
pub fn check_size(width: u32, height: u32) -> Result<(), TagError> {
    if width as u64 * height as u64 > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(TagError::TooLarge { width, height });
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    /// Not a TIFF header.
    NotTiff,
    /// The header, an IFD or a page's image data lies past the end of the file.
    Truncated(String),
    /// An IFD chain that loops back on itself (a file fault before any good page, else a page fault).
    CyclicIfd,
    TooManyPages(usize),
    /// One page's declared size.
    TooLarge {
        width: u32,
        height: u32,
    },
    /// All pages together would decode to this many bytes.
    TooMuchData(u64),
    /// Well-formed, but in an encoding this tool does not decode.
    Unsupported(String),
    Malformed(String),
}

impl std::fmt::Display for TagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TagError::NotTiff => write!(f, "not a TIFF file"),
            TagError::Truncated(m) => write!(f, "truncated TIFF: {m}"),
            TagError::CyclicIfd => write!(f, "the chain of pages (IFDs) loops back on itself"),
            TagError::TooManyPages(n) => write!(f, "more than {n} pages declared"),
            TagError::TooLarge { width, height } => write!(
                f,
                "declared page size {width}x{height} is too large (limits: {MAX_PIXELS} pixels, {MAX_SIDE} pixels a side)"
            ),
            TagError::TooMuchData(n) => write!(
                f,
                "the pages would decode to {} MiB together, over the limit of {} MiB",
                n >> 20,
                MAX_DECODED_BYTES >> 20
            ),
            TagError::Unsupported(m) => write!(f, "unsupported TIFF: {m}"),
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
        let b = self.data.get(at..at.checked_add(2)?)?;
        Some(if self.little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) })
    }
    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.data.get(at..at.checked_add(4)?)?;
        let a = [b[0], b[1], b[2], b[3]];
        Some(if self.little { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) })
    }
}

/// One IFD entry.
struct Entry {
    tag: u16,
    typ: u16,
    count: u32,
    /// Offset of the values (inline in the entry when they fit in 4 bytes).
    at: usize,
    /// Whether all `count` values lie inside the file.
    inside: bool,
}

fn type_size(typ: u16) -> u64 {
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
        let size = type_size(typ) * count as u64;
        let at = if size <= 4 { at + 8 } else { self.u32(at + 8)? as usize };
        let inside = (at as u64).saturating_add(size) <= self.data.len() as u64;
        Some(Entry { tag, typ, count, at, inside })
    }

    /// The `i`th integer value of an entry (BYTE, SHORT or LONG).
    fn int(&self, e: &Entry, i: usize) -> Option<u64> {
        match e.typ {
            1 | 7 => self.data.get(e.at.checked_add(i)?).map(|&b| b as u64),
            3 => self.u16(e.at.checked_add(i.checked_mul(2)?)?).map(u64::from),
            4 => self.u32(e.at.checked_add(i.checked_mul(4)?)?).map(u64::from),
            _ => None,
        }
    }

    fn rational(&self, e: &Entry) -> Option<f32> {
        match e.typ {
            5 => {
                let (n, d) = (self.u32(e.at)?, self.u32(e.at.checked_add(4)?)?);
                (d != 0).then(|| n as f32 / d as f32)
            }
            11 => self.u32(e.at).map(f32::from_bits).filter(|v| v.is_finite()),
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

/// The tags that decide how libtiff allocates and decodes a page. Their values must be plain unsigned
/// integers (libtiff would convert other types, this walker would not, and the two must agree), and each
/// may appear once: libtiff keeps the first of two ImageWidth entries, so a walker keeping the last could be
/// shown a small page while libtiff decodes a huge one.
fn layout_tag_name(tag: u16) -> Option<&'static str> {
    Some(match tag {
        256 => "ImageWidth",
        257 => "ImageLength",
        258 => "BitsPerSample",
        259 => "Compression",
        262 => "PhotometricInterpretation",
        266 => "FillOrder",
        273 => "StripOffsets",
        274 => "Orientation",
        277 => "SamplesPerPixel",
        278 => "RowsPerStrip",
        279 => "StripByteCounts",
        284 => "PlanarConfiguration",
        292 => "T4Options",
        293 => "T6Options",
        322 => "TileWidth",
        323 => "TileLength",
        324 => "TileOffsets",
        325 => "TileByteCounts",
        _ => return None,
    })
}

/// Why the chain of IFDs cannot be followed past a point: a fault of the file if it happens on page 1,
/// else of the page where it happens (the pages before it are kept).
fn chain_break(pages: &mut Vec<PageTags>, e: TagError) -> Result<(), TagError> {
    if pages.is_empty() {
        return Err(e);
    }
    pages.push(PageTags { fault: Some(e), ..Default::default() });
    Ok(())
}

/// Reads the tags of every page. Fails on a file no page of which a decoder should be given; a page a
/// decoder should not be given carries its [`PageTags::fault`].
pub fn read_pages(data: &[u8]) -> Result<Vec<PageTags>, TagError> {
    let little = match data.get(0..4) {
        Some([b'I', b'I', 42, 0]) => true,
        Some([b'M', b'M', 0, 42]) => false,
        Some([b'I', b'I', 43, 0] | [b'M', b'M', 0, 43]) => {
            return Err(TagError::Unsupported(
                "BigTIFF (64-bit offsets) is not read; fax servers write classic TIFF".into(),
            ))
        }
        _ => return Err(TagError::NotTiff),
    };
    let r = Reader { data, little };
    let mut next = r.u32(4).ok_or_else(|| TagError::Truncated("no first page offset".into()))? as usize;
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    while next != 0 {
        let no = pages.len() + 1;
        if !seen.insert(next) {
            // A chain that loops back after readable pages keeps them, the loop flagged where it starts.
            if pages.iter().all(|p: &PageTags| p.fault.is_some()) {
                return Err(TagError::CyclicIfd);
            }
            chain_break(&mut pages, TagError::CyclicIfd)?;
            break;
        }
        if pages.len() >= MAX_PAGES {
            return Err(TagError::TooManyPages(MAX_PAGES));
        }
        let Some(n) = r.u16(next) else {
            chain_break(&mut pages, TagError::Truncated(format!("page {no} lies past the end of the file")))?;
            break;
        };
        if n == 0 || n > MAX_ENTRIES {
            chain_break(&mut pages, TagError::Malformed(format!("page {no} has {n} tag entries")))?;
            break;
        }
        let table_end = next + 2 + 12 * n as usize;
        let Some(after) = r.u32(table_end) else {
            chain_break(&mut pages, TagError::Truncated(format!("page {no}'s tag table is cut off")))?;
            break;
        };
        pages.push(page(&r, next, n, no));
        next = after as usize;
    }
    let total: u64 = pages.iter().filter(|p| p.fault.is_none()).map(PageTags::decoded_bytes).sum();
    if total > MAX_DECODED_BYTES {
        return Err(TagError::TooMuchData(total));
    }
    Ok(pages)
}

/// One IFD's tags (its table is known to lie inside the file), with the fault that bars it, if any.
fn page(r: &Reader, at: usize, n: u16, no: usize) -> PageTags {
    let mut page = PageTags {
        fill_order: 1,
        bits_per_sample: 1,
        samples_per_pixel: 1,
        compression: 1,
        orientation: 1,
        ..Default::default()
    };
    page.fault = vet(r, at, n, no, &mut page).err();
    page
}

fn vet(r: &Reader, at: usize, n: u16, no: usize, page: &mut PageTags) -> Result<(), TagError> {
    let bad = |m: String| TagError::Malformed(format!("page {no}: {m}"));
    let (mut unit, mut xres, mut yres) = (2u64, None, None);
    let (mut offsets, mut counts) = (None, None);
    let mut layout_seen = HashSet::new();
    let mut tiled = false;
    let mut planar = 1;
    for i in 0..n as usize {
        // The table was bounds-checked by the caller.
        let Some(e) = r.entry(at + 2 + 12 * i) else { return Err(bad("tag table cut off".into())) };
        if let Some(name) = layout_tag_name(e.tag) {
            if !layout_seen.insert(e.tag) {
                return Err(bad(format!("tag {name} appears twice")));
            }
            if !matches!(e.typ, 1 | 3 | 4) || e.count == 0 {
                return Err(bad(format!(
                    "tag {name} has type {} and {} values, not an unsigned integer",
                    e.typ, e.count
                )));
            }
            if !e.inside && !matches!(e.tag, 273 | 279) {
                return Err(bad(format!("the values of tag {name} lie past the end of the file")));
            }
        }
        let int0 = || r.int(&e, 0).unwrap_or(0);
        match e.tag {
            256 => page.width = int0().min(u32::MAX as u64) as u32,
            257 => page.height = int0().min(u32::MAX as u64) as u32,
            258 => page.bits_per_sample = int0().min(u16::MAX as u64) as u16,
            259 => page.compression = int0() as u16,
            266 => page.fill_order = int0() as u16,
            273 => offsets = Some(e),
            274 => page.orientation = int0() as u16,
            277 => page.samples_per_pixel = int0().min(u16::MAX as u64) as u16,
            279 => counts = Some(e),
            282 => xres = r.rational(&e),
            283 => yres = r.rational(&e),
            292 => page.t4_options = int0() as u32,
            296 => unit = r.int(&e, 0).unwrap_or(2),
            297 => {
                // As stored, "n/m": RightFax and fax2tiff count pages from 1, others from 0, and nothing in
                // the file says which. (Read as n + 1, a 1-based file's page 1 showed as page 2.)
                if let (Some(n), Some(m)) = (r.int(&e, 0), r.int(&e, 1)) {
                    page.text.insert("PageNumber", format!("{n}/{m}"));
                }
            }
            284 => planar = int0(),
            322..=325 => tiled = true,
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
    let to_dpi = |v: Option<f32>| v.filter(|v| *v > 0.0 && v.is_finite()).map(|v| if unit == 3 { v * 2.54 } else { v });
    page.x_dpi = to_dpi(xres);
    page.y_dpi = to_dpi(yres);
    for (tag, name) in [(256, "ImageWidth"), (257, "ImageLength")] {
        if !layout_seen.contains(&tag) {
            return Err(bad(format!("no {name} tag")));
        }
    }
    if page.width == 0 || page.height == 0 {
        return Err(bad(format!("page size {}x{}", page.width, page.height)));
    }
    check_size(page.width, page.height)?;
    if tiled {
        return Err(TagError::Unsupported(format!("page {no} is tiled (fax pages are stored in strips)")));
    }
    if !SUPPORTED_COMPRESSION.contains(&page.compression) {
        return Err(TagError::Unsupported(format!("page {no} uses compression {}", page.compression)));
    }
    let (bps, spp) = (page.bits_per_sample, page.samples_per_pixel);
    if planar == 2 && spp > 1 {
        // libtiff reads these, Leptonica (which decodes every page here) does not: refused by name rather
        // than failing later as a bad page. Fax servers and scanners store pixels interleaved.
        return Err(TagError::Unsupported(format!(
            "page {no} stores its {spp} colour planes separately (PlanarConfiguration 2), which is not read"
        )));
    }
    if FAX_COMPRESSION.contains(&page.compression) && (bps != 1 || spp != 1) {
        return Err(bad(format!(
            "a fax-coded page (compression {}) must be 1 bit per pixel, this one declares {bps} bits x {spp} samples",
            page.compression
        )));
    }
    if ![1, 2, 4, 8, 16].contains(&bps) || !(1..=4).contains(&spp) {
        return Err(TagError::Unsupported(format!("page {no} has {bps} bits per sample and {spp} samples per pixel")));
    }
    let (Some(o), Some(c)) = (&offsets, &counts) else {
        let missing = if offsets.is_none() { "StripOffsets" } else { "StripByteCounts" };
        return Err(bad(format!("no {missing} tag: the page's image data cannot be located")));
    };
    if o.count != c.count || o.count as u64 > MAX_STRIPS {
        return Err(bad(format!("{} strip offsets but {} strip byte counts", o.count, c.count)));
    }
    for i in 0..o.count as usize {
        let end = r.int(o, i).unwrap_or(u64::MAX).saturating_add(r.int(c, i).unwrap_or(u64::MAX));
        if end > r.data.len() as u64 {
            return Err(TagError::Truncated(format!(
                "page {no} is cut off: its image data runs past the end of the file"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal little-endian TIFF: one G4 IFD with `extra` entries appended, next pointer `next`, and a
    /// 4-byte strip after the IFD.
    fn tiff(width: u32, height: u32, next: u32, extra: &[(u16, u16, u32, u32)]) -> Vec<u8> {
        let mut entries: Vec<(u16, u16, u32, u32)> = vec![(256, 4, 1, width), (257, 4, 1, height), (259, 3, 1, 4)];
        entries.extend_from_slice(extra);
        let strip_at = 8 + 2 + 12 * (entries.len() as u32 + 2) + 4;
        entries.push((273, 4, 1, strip_at));
        entries.push((279, 4, 1, 4));
        let mut v = b"II*\0".to_vec();
        v.extend_from_slice(&8u32.to_le_bytes());
        v.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        for (tag, typ, count, val) in entries {
            v.extend_from_slice(&tag.to_le_bytes());
            v.extend_from_slice(&typ.to_le_bytes());
            v.extend_from_slice(&count.to_le_bytes());
            v.extend_from_slice(&val.to_le_bytes());
        }
        v.extend_from_slice(&next.to_le_bytes());
        v.extend_from_slice(&[0xff; 4]);
        v
    }

    fn fault(data: &[u8]) -> Option<TagError> {
        read_pages(data).unwrap()[0].fault.clone()
    }

    #[test]
    fn reads_size_and_compression() {
        let p = read_pages(&tiff(1728, 2200, 0, &[])).unwrap();
        assert_eq!((p[0].width, p[0].height, p[0].compression, &p[0].fault), (1728, 2200, 4, &None));
    }

    #[test]
    fn refuses_cycles_bombs_and_junk() {
        // A page pointing at itself: the page is kept, the loop is a faulted page after it.
        let looped = read_pages(&tiff(1728, 2200, 8, &[])).unwrap();
        assert_eq!((looped.len(), &looped[0].fault, &looped[1].fault), (2, &None, &Some(TagError::CyclicIfd)));
        // Without a good page before the loop, the file is refused.
        assert_eq!(read_pages(&tiff(0, 2200, 8, &[])), Err(TagError::CyclicIfd));
        let mut big = tiff(1728, 2200, 0, &[]);
        big[2] = 43;
        assert!(matches!(read_pages(&big), Err(TagError::Unsupported(m)) if m.contains("BigTIFF")));
        assert!(matches!(fault(&tiff(100_000, 100_000, 0, &[])), Some(TagError::TooLarge { .. })));
        assert!(matches!(fault(&tiff(1, 30_000, 0, &[])), Some(TagError::TooLarge { .. })), "a side over MAX_SIDE");
        assert_eq!(read_pages(b"%PDF-1.4 hello"), Err(TagError::NotTiff));
        assert!(matches!(read_pages(&tiff(1728, 2200, 0, &[])[..20]), Err(TagError::Truncated(_))));
    }

    #[test]
    fn refuses_layout_tags_libtiff_would_read_differently() {
        // A second ImageWidth: libtiff keeps the first, so the walker must not pick either.
        assert!(
            matches!(fault(&tiff(1728, 2200, 0, &[(256, 4, 1, 1_000_000)])), Some(TagError::Malformed(m)) if m.contains("twice"))
        );
        assert!(
            matches!(fault(&tiff(1728, 2200, 0, &[(258, 3, 1, 16)])), Some(TagError::Malformed(m)) if m.contains("1 bit"))
        );
        assert!(matches!(fault(&tiff(1728, 2200, 0, &[(277, 3, 1, 3)])), Some(TagError::Malformed(_))));
        assert!(
            matches!(fault(&tiff(1728, 2200, 0, &[(278, 2, 4, 0)])), Some(TagError::Malformed(m)) if m.contains("type 2"))
        );
        let mut odd = tiff(1728, 2200, 0, &[]);
        odd[42..44].copy_from_slice(&9u16.to_le_bytes()); // Compression 4 → 9 (JBIG)
        assert!(matches!(fault(&odd), Some(TagError::Unsupported(_))));
    }

    #[test]
    fn separate_colour_planes_are_refused_by_name_and_page_numbers_kept_as_stored() {
        let uncompressed = |extra: &[(u16, u16, u32, u32)]| {
            let mut v = tiff(100, 100, 0, extra);
            v[42..44].copy_from_slice(&1u16.to_le_bytes()); // Compression 4 → 1
            v
        };
        let planar = fault(&uncompressed(&[(258, 3, 1, 8), (277, 3, 1, 3), (284, 3, 1, 2)]));
        assert!(matches!(&planar, Some(TagError::Unsupported(m)) if m.contains("planes")), "{planar:?}");
        let gray = fault(&uncompressed(&[(258, 3, 1, 8), (284, 3, 1, 2)]));
        assert!(!matches!(gray, Some(TagError::Unsupported(_))), "one sample: nothing to separate");
        // PageNumber 0/4 (HylaFAX) and 1/1 (fax2tiff), both two SHORTs inline.
        for (n, m) in [(0u32, 4u32), (1, 1)] {
            let p = read_pages(&tiff(1728, 2200, 0, &[(297, 3, 2, n | (m << 16))])).unwrap();
            assert_eq!(p[0].text.get("PageNumber").map(String::as_str), Some(format!("{n}/{m}").as_str()));
        }
    }

    #[test]
    fn a_broken_chain_keeps_the_pages_before_it() {
        let mut v = tiff(1728, 2200, 0, &[]);
        let next_at = v.len() - 8;
        v[next_at..next_at + 4].copy_from_slice(&1_000_000u32.to_le_bytes());
        let p = read_pages(&v).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].fault, None);
        assert!(matches!(&p[1].fault, Some(TagError::Truncated(m)) if m.contains("page 2")), "{:?}", p[1].fault);
    }

    #[test]
    fn counts_decoded_bytes_as_leptonica_allocates() {
        assert_eq!(decoded_bytes(8000, 8000, 1, 1), 8_000_000);
        assert_eq!(decoded_bytes(1, 10, 1, 1), 40, "rows are padded to 32-bit words");
        assert_eq!(decoded_bytes(10, 10, 8, 3), 400, "colour decodes to 32 bits a pixel");
    }

    #[test]
    fn reads_real_fax_tags() {
        let Some(data) = crate::input::read::tests::real("fax2d.tif") else { return };
        let p = read_pages(&data).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].width, p[0].compression, p[0].fill_order, &p[0].fault), (1728, 3, 2, &None));
        assert!((p[0].y_dpi.unwrap() - 98.0).abs() < 1.0, "{:?}", p[0].y_dpi);
        assert_eq!(p[0].text.get("PageNumber").map(String::as_str), Some("1/1"), "fax2tiff counts from 1");
    }
}
