//! Stage 1: file bytes → decoded pages and fax metadata. A file is recognised by its bytes, not its name.

use crate::lept::Pix;
use crate::tiff_tags::{self, PageTags, TagError};

/// A stable machine code and a message for a person: what goes into an error record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub code: &'static str,
    pub message: String,
}

impl ReadError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
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
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => Format::Tiff,
        [0x89, b'P', b'N', b'G', ..] => Format::Png,
        [0xFF, 0xD8, 0xFF, ..] => Format::Jpeg,
        _ => Format::Other,
    }
}

/// Resolution assumed when a file states none: fax fine mode for TIFF, 200 dpi for scans.
const DEFAULT_DPI: f32 = 200.0;

pub fn decode(data: &[u8]) -> Result<DecodedFile, ReadError> {
    if data.is_empty() {
        return Err(ReadError::new("empty_file", "the file is empty (0 bytes)"));
    }
    match sniff(data) {
        Format::Tiff => decode_tiff(data),
        f @ (Format::Png | Format::Jpeg) => {
            let pix = Pix::read_mem(data).ok_or_else(|| ReadError::new("undecodable_image", "the image could not be decoded"))?;
            if pix.width() as u64 * pix.height() as u64 > tiff_tags::MAX_PIXELS {
                return Err(ReadError::new("image_too_large", format!("image {}x{} is too large", pix.width(), pix.height())));
            }
            let (x, y) = pix.resolution();
            let dpi = |v: i32| if v > 0 { v as f32 } else { DEFAULT_DPI };
            let (x_dpi, y_dpi) = (dpi(x), dpi(y));
            Ok(DecodedFile { format: f, pages: vec![Ok(Page { pix, x_dpi, y_dpi })], tags: vec![PageTags::default()] })
        }
        Format::Other => {
            let what = if data.starts_with(b"%PDF") { "a PDF document" } else { "not an image this tool reads (TIFF, PNG, JPEG)" };
            Err(ReadError::new("not_an_image", format!("the file is {what}")))
        }
    }
}

fn decode_tiff(data: &[u8]) -> Result<DecodedFile, ReadError> {
    let tags = tiff_tags::read_pages(data).map_err(|e| {
        let code = match e {
            TagError::NotTiff => "not_an_image",
            TagError::Truncated(_) => "truncated",
            TagError::CyclicIfd => "cyclic_ifd",
            TagError::TooManyPages(_) => "too_many_pages",
            TagError::TooLarge { .. } => "image_too_large",
            TagError::Malformed(_) => "malformed_tiff",
        };
        ReadError::new(code, e.to_string())
    })?;
    // Pages are read in order from the IFD chain; a page whose data is damaged is skipped by number, so
    // the pages after it are still read. A page the IFD walker found cut off is never given to the decoder.
    let mut pages = Vec::with_capacity(tags.len());
    let mut offset = 0usize;
    let mut sequential = true;
    for (i, t) in tags.iter().enumerate() {
        if t.data_truncated {
            pages.push(Err(ReadError::new("truncated", format!("page {} is cut off: its image data runs past the end of the file", i + 1))));
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
                let x_dpi = t.x_dpi.unwrap_or(DEFAULT_DPI);
                let y_dpi = t.y_dpi.unwrap_or(x_dpi);
                pages.push(Ok(Page { pix, x_dpi, y_dpi }));
            }
            None => pages.push(Err(ReadError::new("bad_page", format!("page {} could not be decoded", i + 1)))),
        }
        if sequential && offset == 0 && i + 1 < tags.len() {
            sequential = false;
        }
    }
    if pages.iter().all(|p| p.is_err()) {
        let first = pages.into_iter().next().and_then(|p| p.err()).unwrap_or(ReadError::new("bad_page", "no page could be decoded"));
        return Err(first);
    }
    Ok(DecodedFile { format: Format::Tiff, pages, tags })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../shared/real-faxes/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn decodes_real_group3_lsb_faxes() {
        for (name, h) in [("fax2d.tif", 1082), ("g3test.tif", 1103)] {
            let f = decode(&real(name)).unwrap();
            let p = f.pages[0].as_ref().unwrap();
            assert_eq!((p.pix.width(), p.pix.height(), p.pix.depth()), (1728, h, 1), "{name}");
            assert!((p.y_dpi - 98.0).abs() < 1.0 && (p.x_dpi - 204.0).abs() < 1.0, "{name}: {} {}", p.x_dpi, p.y_dpi);
        }
    }

    #[test]
    fn damaged_inputs_get_codes() {
        assert_eq!(decode(b"").err().unwrap().code, "empty_file");
        assert_eq!(decode(b"%PDF-1.7\n...").err().unwrap().code, "not_an_image");
        let data = real("fax2d.tif");
        let cut = decode(&data[..data.len() / 2]).err().unwrap();
        assert_eq!(cut.code, "truncated", "{cut:?}");
    }
}
