//! A small TIFF byte builder for hostile-input tests: little-endian classic TIFF, one IFD per page, each
//! page's strip then its IFD then the IFD's out-of-line values. Tags are whatever the test says, so any
//! of them can be wrong, missing, repeated or pointing anywhere; the result records where each IFD and
//! next-IFD pointer landed so a test can bend the chain afterwards.

/// TIFF field types used here.
pub const SHORT: u16 = 3;
pub const LONG: u16 = 4;
pub const ASCII: u16 = 2;
pub const RATIONAL: u16 = 5;

pub struct Page {
    /// (tag, type, count, value bytes): inline when 4 bytes or fewer, else written after the IFD.
    pub tags: Vec<(u16, u16, u32, Vec<u8>)>,
    pub strip: Vec<u8>,
    /// When false the builder adds no StripOffsets/StripByteCounts (a test may add its own, or none).
    pub auto_strip_tags: bool,
}

impl Page {
    /// A white bilevel Group 4 page, MSB-first. Each all-white row codes as one vertical-0 bit against an
    /// all-white reference row, so the strip is height/8 bytes of 0xFF plus the end-of-block code: a
    /// 1728x2200 page takes 281 bytes, the ratio every fax decompression bomb relies on.
    pub fn g4_white(width: u32, height: u32) -> Page {
        let mut bits = vec![true; height as usize];
        for _ in 0..2 {
            bits.extend(std::iter::repeat_n(false, 11));
            bits.push(true); // EOL; two of them are EOFB
        }
        let strip =
            bits.chunks(8).map(|c| c.iter().enumerate().fold(0u8, |b, (i, &on)| b | ((on as u8) << (7 - i)))).collect();
        let mut p = Page { tags: Vec::new(), strip, auto_strip_tags: true };
        p.set(256, LONG, &[width]);
        p.set(257, LONG, &[height]);
        p.set(258, SHORT, &[1]);
        p.set(259, SHORT, &[4]);
        p.set(262, SHORT, &[0]);
        p.set(277, SHORT, &[1]);
        p.set(278, LONG, &[height]);
        p.set_raw(282, RATIONAL, 1, [204u32.to_le_bytes(), 1u32.to_le_bytes()].concat());
        p.set_raw(283, RATIONAL, 1, [196u32.to_le_bytes(), 1u32.to_le_bytes()].concat());
        p.set(296, SHORT, &[2]);
        p
    }

    /// Replaces (or adds) `tag` with integer values of type SHORT or LONG.
    pub fn set(&mut self, tag: u16, typ: u16, values: &[u32]) -> &mut Self {
        let bytes: Vec<u8> = values
            .iter()
            .flat_map(|v| if typ == SHORT { (*v as u16).to_le_bytes().to_vec() } else { v.to_le_bytes().to_vec() })
            .collect();
        self.set_raw(tag, typ, values.len() as u32, bytes)
    }

    pub fn set_raw(&mut self, tag: u16, typ: u16, count: u32, bytes: Vec<u8>) -> &mut Self {
        self.tags.retain(|t| t.0 != tag);
        self.tags.push((tag, typ, count, bytes));
        self
    }

    /// Adds an entry even if the tag is already there (a repeated tag).
    pub fn push_raw(&mut self, tag: u16, typ: u16, count: u32, bytes: Vec<u8>) -> &mut Self {
        self.tags.push((tag, typ, count, bytes));
        self
    }

    pub fn remove(&mut self, tag: u16) -> &mut Self {
        self.tags.retain(|t| t.0 != tag);
        self
    }
}

pub struct Built {
    pub bytes: Vec<u8>,
    /// File offset of each page's IFD.
    pub ifds: Vec<usize>,
    /// File offset of each IFD's next-IFD pointer.
    pub next_at: Vec<usize>,
}

impl Built {
    pub fn set_u32(&mut self, at: usize, v: u32) {
        self.bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    /// Points page `i`'s next-IFD pointer at `target`.
    pub fn set_next(&mut self, i: usize, target: u32) {
        let at = self.next_at[i];
        self.set_u32(at, target);
    }
}

pub fn build(pages: &[Page]) -> Built {
    let mut v = b"II*\0\0\0\0\0".to_vec();
    let (mut ifds, mut next_at) = (Vec::new(), Vec::new());
    let mut prev_next = 4usize;
    for page in pages {
        let strip_at = v.len() as u32;
        v.extend_from_slice(&page.strip);
        let mut tags = page.tags.clone();
        if page.auto_strip_tags {
            tags.retain(|t| t.0 != 273 && t.0 != 279);
            tags.push((273, LONG, 1, strip_at.to_le_bytes().to_vec()));
            tags.push((279, LONG, 1, (page.strip.len() as u32).to_le_bytes().to_vec()));
        }
        tags.sort_by_key(|t| t.0);
        if v.len() % 2 == 1 {
            v.push(0);
        }
        let ifd = v.len();
        let n = tags.len();
        let mut extra_at = ifd + 2 + 12 * n + 4;
        let mut extra = Vec::new();
        v.extend_from_slice(&(n as u16).to_le_bytes());
        for (tag, typ, count, bytes) in &tags {
            v.extend_from_slice(&tag.to_le_bytes());
            v.extend_from_slice(&typ.to_le_bytes());
            v.extend_from_slice(&count.to_le_bytes());
            if bytes.len() <= 4 {
                let mut b = bytes.clone();
                b.resize(4, 0);
                v.extend_from_slice(&b);
            } else {
                v.extend_from_slice(&(extra_at as u32).to_le_bytes());
                extra.extend_from_slice(bytes);
                extra_at += bytes.len();
            }
        }
        v[prev_next..prev_next + 4].copy_from_slice(&(ifd as u32).to_le_bytes());
        prev_next = v.len();
        next_at.push(v.len());
        v.extend_from_slice(&0u32.to_le_bytes());
        v.extend_from_slice(&extra);
        ifds.push(ifd);
    }
    Built { bytes: v, ifds, next_at }
}
