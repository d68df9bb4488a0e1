//! Stage 1: file bytes → decoded pages and fax metadata. A file is recognised by its bytes, not its name.

use crate::error::ErrorCode;
use crate::input::lept::Pix;
use crate::input::tiff_tags::{self, PageTags, TagError};

/// A stable machine code and a message for a person: what goes into an error record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub code: ErrorCode,
    pub message: String,
}

impl ReadError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ReadError { code, message: message.into() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tiff,
    Png,
    Jpeg,
    Other,
}

/// One decoded page with the resolution it was scanned at.
pub struct Page {
    pub pix: Pix,
    pub x_dpi: f32,
    pub y_dpi: f32,
}

/// Everything read from one file: its pages (a page that cannot be decoded is an error in its slot, so the
/// rest of the file is still used) and each page's TIFF tags.
pub struct DecodedFile {
    pub format: Format,
    pub pages: Vec<Result<Page, ReadError>>,
    pub tags: Vec<PageTags>,
}

pub fn sniff(data: &[u8]) -> Format {
    match data {
        // BigTIFF (43) is a TIFF too: the walker refuses it by name (`unsupported_tiff`).
        [b'I', b'I', 42 | 43, 0, ..] | [b'M', b'M', 0, 42 | 43, ..] => Format::Tiff,
        [0x89, b'P', b'N', b'G', ..] => Format::Png,
        [0xFF, 0xD8, 0xFF, ..] => Format::Jpeg,
        _ => Format::Other,
    }
}

/// Resolution assumed when a file states none: fax fine mode for TIFF, 200 dpi for scans.
const DEFAULT_DPI: f32 = 200.0;

/// Plausible resolutions (dpi): fax is 98-408, scanners 72-1200. A value outside is ignored.
const DPI_RANGE: std::ops::RangeInclusive<f32> = 50.0..=1200.0;
/// Largest ratio between the two resolutions obeyed. Pages are squared by scaling rows (`prepare`) by it;
/// fax standard mode is 204x98 (2.08) and nothing real exceeds 408x98 (4.2). A hostile 204x2 would
/// otherwise make a 1728x2200 page 224,400 rows tall.
const MAX_DPI_RATIO: f32 = 4.5;

/// The page's resolution as the rest of the pipeline may trust it: implausible values are replaced
/// (a missing or bad x by the default, a missing or bad y by x), and a ratio that is too large, or that
/// would make the squared page larger than [`tiff_tags::MAX_PIXELS`], is not obeyed (read as square).
fn resolution(x: Option<f32>, y: Option<f32>, width: u32, height: u32) -> (f32, f32) {
    let ok = |v: Option<f32>| v.filter(|v| DPI_RANGE.contains(v));
    let x_dpi = ok(x).unwrap_or(DEFAULT_DPI);
    let y_dpi = ok(y).unwrap_or(x_dpi);
    let ratio = (x_dpi / y_dpi).max(y_dpi / x_dpi);
    if ratio > MAX_DPI_RATIO || width as f64 * height as f64 * ratio as f64 > tiff_tags::MAX_PIXELS as f64 {
        return (x_dpi, x_dpi);
    }
    (x_dpi, y_dpi)
}

/// Largest file read (bytes). A file is read whole into memory, one per worker. A received fax is tens to
/// hundreds of KB; [`tiff_tags::MAX_PAGES`] uncompressed fine pages (1728x2200 at 1 bit, 475 KB each) are
/// ~240 MB, so 256 MiB refuses nothing a fax server writes while bounding what one file can cost.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The stable code of a fault the TIFF walker found (see the README's error-code table).
fn tag_code(e: &TagError) -> ErrorCode {
    match e {
        TagError::NotTiff => ErrorCode::NotAnImage,
        TagError::Truncated(_) => ErrorCode::Truncated,
        TagError::CyclicIfd => ErrorCode::CyclicIfd,
        TagError::TooManyPages(_) => ErrorCode::TooManyPages,
        TagError::TooLarge { .. } | TagError::TooMuchData(_) => ErrorCode::ImageTooLarge,
        TagError::Unsupported(_) => ErrorCode::UnsupportedTiff,
        TagError::Malformed(_) => ErrorCode::MalformedTiff,
    }
}

pub fn decode(data: &[u8]) -> Result<DecodedFile, ReadError> {
    if data.is_empty() {
        return Err(ReadError::new(ErrorCode::EmptyFile, "the file is empty (0 bytes)"));
    }
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(data.len() as u64));
    }
    match sniff(data) {
        Format::Tiff => decode_tiff(data),
        f @ (Format::Png | Format::Jpeg) => decode_single(f, data),
        Format::Other => {
            let what = if data.starts_with(b"%PDF") {
                "a PDF document"
            } else {
                "not an image this tool reads (TIFF, PNG, JPEG)"
            };
            Err(ReadError::new(ErrorCode::NotAnImage, format!("the file is {what}")))
        }
    }
}

/// The error for a file over [`MAX_FILE_BYTES`] (the walker refuses it before reading it; this is for
/// bytes handed to [`decode`] directly).
pub fn too_big(len: u64) -> ReadError {
    ReadError::new(
        ErrorCode::FileTooLarge,
        format!("the file is {} MiB, over the limit of {} MiB", len >> 20, MAX_FILE_BYTES >> 20),
    )
}

/// A PNG or JPEG: its header's size is vetted against the same limits as a TIFF page before Leptonica
/// allocates for it (a 100 KB PNG may declare 40000x40000).
fn decode_single(format: Format, data: &[u8]) -> Result<DecodedFile, ReadError> {
    let undecodable = || ReadError::new(ErrorCode::UndecodableImage, "the image could not be decoded");
    let (w, h, bps, spp) = Pix::read_header(data).ok_or_else(undecodable)?;
    let bytes = tiff_tags::decoded_bytes(w, h, bps.min(8), spp);
    if let Err(e) = tiff_tags::check_size(w, h) {
        return Err(ReadError::new(ErrorCode::ImageTooLarge, e.to_string()));
    }
    if bytes > tiff_tags::MAX_DECODED_BYTES {
        return Err(ReadError::new(ErrorCode::ImageTooLarge, TagError::TooMuchData(bytes).to_string()));
    }
    let pix = Pix::read_mem(data).ok_or_else(undecodable)?;
    let (x, y) = pix.resolution();
    let (x_dpi, y_dpi) = resolution(Some(x as f32), Some(y as f32), pix.width(), pix.height());
    Ok(DecodedFile { format, pages: vec![Ok(Page { pix, x_dpi, y_dpi })], tags: vec![PageTags::default()] })
}

fn decode_tiff(data: &[u8]) -> Result<DecodedFile, ReadError> {
    let tags = tiff_tags::read_pages(data).map_err(|e| ReadError::new(tag_code(&e), e.to_string()))?;
    // Pages are read in order from the IFD chain; a page whose data is damaged is skipped by number, so
    // the pages after it are still read. A page the IFD walker faulted is never given to the decoder.
    let mut pages = Vec::with_capacity(tags.len());
    let mut offset = 0usize;
    let mut sequential = true;
    for (i, t) in tags.iter().enumerate() {
        if let Some(f) = &t.fault {
            let msg = match f {
                TagError::TooLarge { .. } => format!("page {}: {f}", i + 1),
                _ => f.to_string(),
            };
            pages.push(Err(ReadError::new(tag_code(f), msg)));
            sequential = false;
            continue;
        }
        let pix = if sequential {
            let before = offset;
            let p = Pix::read_tiff_page(data, &mut offset);
            if p.is_none() || (offset == before && i + 1 < tags.len()) {
                sequential = false;
            }
            p
        } else {
            Pix::read_tiff_page_n(data, i)
        };
        match pix {
            Some(pix) => {
                // A page stored turned a quarter is decoded upright: its resolutions swap with its axes.
                let (x, y) = if t.turned() { (t.y_dpi, t.x_dpi) } else { (t.x_dpi, t.y_dpi) };
                let (x_dpi, y_dpi) = resolution(x, y, pix.width(), pix.height());
                pages.push(Ok(Page { pix, x_dpi, y_dpi }));
            }
            None => pages.push(Err(ReadError::new(ErrorCode::BadPage, format!("page {} could not be decoded", i + 1)))),
        }
        if sequential && offset == 0 && i + 1 < tags.len() {
            sequential = false;
        }
    }
    if pages.iter().all(|p| p.is_err()) {
        let first = pages
            .into_iter()
            .next()
            .and_then(|p| p.err())
            .unwrap_or(ReadError::new(ErrorCode::BadPage, "no page could be decoded"));
        return Err(first);
    }
    Ok(DecodedFile { format: Format::Tiff, pages, tags })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A real received fax from `../shared/real-faxes` (never copied into the repository), or None with a
    /// line saying the test was skipped, in a clone without that folder beside it.
    pub(crate) fn real(name: &str) -> Option<Vec<u8>> {
        let path = format!("{}/../shared/real-faxes/{name}", env!("CARGO_MANIFEST_DIR"));
        match std::fs::read(&path) {
            Ok(d) => Some(d),
            Err(e) => {
                println!("SKIPPED: {path} is not here ({e}); the real-fax checks did not run");
                None
            }
        }
    }

    #[test]
    fn decodes_real_group3_lsb_faxes() {
        for (name, h) in [("fax2d.tif", 1082), ("g3test.tif", 1103)] {
            let Some(data) = real(name) else { return };
            let f = decode(&data).unwrap();
            let p = f.pages[0].as_ref().unwrap();
            assert_eq!((p.pix.width(), p.pix.height(), p.pix.depth()), (1728, h, 1), "{name}");
            assert!((p.y_dpi - 98.0).abs() < 1.0 && (p.x_dpi - 204.0).abs() < 1.0, "{name}: {} {}", p.x_dpi, p.y_dpi);
        }
    }

    #[test]
    fn damaged_inputs_get_codes() {
        assert_eq!(decode(b"").err().unwrap().code, ErrorCode::EmptyFile);
        assert_eq!(decode(b"%PDF-1.7\n...").err().unwrap().code, ErrorCode::NotAnImage);
        let Some(data) = real("fax2d.tif") else { return };
        let cut = decode(&data[..data.len() / 2]).err().unwrap();
        assert_eq!(cut.code, ErrorCode::Truncated, "{cut:?}");
    }

    /// The stricter TIFF walker must not refuse anything a fax server wrote: every committed sample reads
    /// to the page count (or the error code) `samples/expected.jsonl` records for it.
    #[test]
    fn samples_read_as_expected() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let expected = std::fs::read_to_string(format!("{root}/expected.jsonl")).unwrap();
        let mut seen = std::collections::HashMap::new();
        for line in expected.lines() {
            let r: serde_json::Value = serde_json::from_str(line).unwrap();
            let path = r["source"]["path"].as_str().unwrap().to_string();
            let want = match r["error"]["code"].as_str() {
                Some(code) => Err(code.to_string()),
                None => Ok(r["source"]["page_count"].as_u64().unwrap() as usize),
            };
            seen.insert(path, want);
        }
        for (path, want) in seen {
            let data = std::fs::read(format!("{root}/faxes/{path}")).unwrap();
            let got = decode(&data).map(|f| f.pages.len()).map_err(|e| e.code.to_string());
            assert_eq!(got, want, "{path}");
        }
    }

    #[test]
    fn implausible_resolutions_are_not_obeyed() {
        assert_eq!(resolution(Some(204.0), Some(98.0), 1728, 1100), (204.0, 98.0), "fax standard mode is kept");
        assert_eq!(
            resolution(Some(204.0), Some(2.0), 1728, 2200),
            (204.0, 204.0),
            "204x2 would make the page 102x taller"
        );
        assert_eq!(resolution(Some(f32::MAX), None, 1728, 2200), (DEFAULT_DPI, DEFAULT_DPI));
        assert_eq!(
            resolution(Some(204.0), Some(98.0), 8000, 8000),
            (204.0, 204.0),
            "squared, it would pass MAX_PIXELS"
        );
        assert_eq!(resolution(None, None, 10, 10), (DEFAULT_DPI, DEFAULT_DPI));
    }
}
