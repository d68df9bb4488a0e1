//! A small owned wrapper over Leptonica's `PIX`: the image type that libtiff decodes into and that Tesseract
//! reads. Only the operations the pipeline needs, each returning a new owned image.

use leptonica_sys as sys;
use std::sync::Once;

/// An exclusively owned Leptonica image. Freed on drop.
pub struct Pix(*mut sys::PIX);

// SAFETY: a `Pix` is plain heap data owned by exactly one wrapper (we never clone the pointer or bump its
// reference count), so moving it to another thread is sound. It is not `Sync`.
unsafe impl Send for Pix {}

impl Drop for Pix {
    fn drop(&mut self) {
        unsafe { sys::pixDestroy(&mut self.0) };
    }
}

/// Leptonica and libtiff print warnings to stderr for every odd file; the pipeline reports problems in its
/// records instead, so both are silenced once per process.
pub fn quiet() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| unsafe {
        sys::setMsgSeverity(sys::L_SEVERITY_NONE as i32);
        TIFFSetWarningHandler(None);
        TIFFSetErrorHandler(None);
    });
}

type TiffHandler = Option<unsafe extern "C" fn(*const libc::c_char, *const libc::c_char, *mut libc::c_void)>;
#[link(name = "tiff")]
extern "C" {
    fn TIFFSetWarningHandler(h: TiffHandler) -> TiffHandler;
    fn TIFFSetErrorHandler(h: TiffHandler) -> TiffHandler;
}

impl Pix {
    fn from_raw(p: *mut sys::PIX) -> Option<Pix> {
        if p.is_null() {
            None
        } else {
            Some(Pix(p))
        }
    }

    pub fn as_ptr(&self) -> *mut sys::PIX {
        self.0
    }

    /// Decodes any format Leptonica knows (PNG, JPEG, TIFF page 1, ...).
    pub fn read_mem(data: &[u8]) -> Option<Pix> {
        quiet();
        Pix::from_raw(unsafe { sys::pixReadMem(data.as_ptr(), data.len()) })
    }

    /// Width, height, bits per sample and samples per pixel from the file's header alone, without decoding
    /// pixels: what PNG and JPEG files are vetted with before [`Pix::read_mem`] allocates for them.
    pub fn read_header(data: &[u8]) -> Option<(u32, u32, u16, u16)> {
        quiet();
        let (mut format, mut w, mut h, mut bps, mut spp, mut cmap) = (0, 0, 0, 0, 0, 0);
        let bad = unsafe {
            sys::pixReadHeaderMem(data.as_ptr(), data.len(), &mut format, &mut w, &mut h, &mut bps, &mut spp, &mut cmap)
        };
        if bad != 0 || w <= 0 || h <= 0 || bps <= 0 || spp <= 0 {
            return None;
        }
        Some((w as u32, h as u32, bps.min(u16::MAX as i32) as u16, spp.min(u16::MAX as i32) as u16))
    }

    /// Decodes the TIFF page at `*offset` (0 for the first) and advances `offset` to the next IFD (0 when
    /// none). libtiff does the fax codecs: G3 1-D/2-D, G4, modified Huffman, either fill order.
    pub fn read_tiff_page(data: &[u8], offset: &mut usize) -> Option<Pix> {
        quiet();
        Pix::from_raw(unsafe { sys::pixReadMemFromMultipageTiff(data.as_ptr(), data.len(), offset) })
    }

    /// Decodes TIFF page `n` (0-based) directly, whatever state the pages before it are in.
    pub fn read_tiff_page_n(data: &[u8], n: usize) -> Option<Pix> {
        quiet();
        Pix::from_raw(unsafe { sys::pixReadMemTiff(data.as_ptr(), data.len(), n as i32) })
    }

    pub fn width(&self) -> u32 {
        unsafe { (*self.0).w }
    }
    pub fn height(&self) -> u32 {
        unsafe { (*self.0).h }
    }
    pub fn depth(&self) -> u32 {
        unsafe { (*self.0).d }
    }
    pub fn resolution(&self) -> (i32, i32) {
        unsafe { ((*self.0).xres, (*self.0).yres) }
    }
    pub fn set_resolution(&mut self, x: i32, y: i32) {
        unsafe {
            sys::pixSetResolution(self.0, x, y);
        }
    }

    /// 8-bit grayscale copy (colormaps removed).
    pub fn to_gray(&self) -> Option<Pix> {
        Pix::from_raw(unsafe { sys::pixConvertTo8(self.0, 0) })
    }

    /// 1-bit copy, thresholding gray at `threshold`.
    pub fn to_binary(&self, threshold: i32) -> Option<Pix> {
        Pix::from_raw(unsafe { sys::pixConvertTo1(self.0, threshold) })
    }

    /// Scales with interpolation on gray images (sampling on binary ones).
    pub fn scale(&self, sx: f32, sy: f32) -> Option<Pix> {
        Pix::from_raw(unsafe { sys::pixScale(self.0, sx, sy) })
    }

    /// Skew angle in degrees and a confidence, measured on a binary image.
    pub fn find_skew(&self) -> Option<(f32, f32)> {
        let (mut angle, mut conf) = (0f32, 0f32);
        let bad = unsafe { sys::pixFindSkew(self.0, &mut angle, &mut conf) };
        (bad == 0).then_some((angle, conf))
    }

    /// Rotates by `degrees` about the centre, bringing in white, by area mapping (shear rotation costs a
    /// third as much, but on 72 generated documents cost a point of field accuracy). `prepare` rotates zone
    /// by zone in its own code, checked against this.
    pub fn rotate(&self, degrees: f32) -> Option<Pix> {
        // Width and height of the page: it is embedded in a canvas large enough that no corner is lost.
        let (w, h) = (self.width() as i32, self.height() as i32);
        Pix::from_raw(unsafe {
            sys::pixRotate(
                self.0,
                degrees.to_radians(),
                sys::L_ROTATE_AREA_MAP as i32,
                sys::L_BRING_IN_WHITE as i32,
                w,
                h,
            )
        })
    }

    /// Turned clockwise by `quarters` quarter turns (0-3).
    pub fn rotate_quarters(&self, quarters: i32) -> Option<Pix> {
        Pix::from_raw(unsafe { sys::pixRotateOrth(self.0, quarters) })
    }

    /// A copy of the rectangle `(x, y, w, h)`, clipped to the image.
    pub fn clip(&self, x: i32, y: i32, w: i32, h: i32) -> Option<Pix> {
        unsafe {
            let mut b = sys::boxCreate(x, y, w, h);
            if b.is_null() {
                return None;
            }
            let out = sys::pixClipRectangle(self.0, b, std::ptr::null_mut());
            sys::boxDestroy(&mut b);
            Pix::from_raw(out)
        }
    }

    /// The image as a PNG file in memory: the review page embeds its crops as data URIs.
    pub fn to_png(&self) -> Option<Vec<u8>> {
        let (mut data, mut size) = (std::ptr::null_mut::<u8>(), 0usize);
        // zlib's usual level (6) asked for explicitly: the executable stores PNGs written at the default
        // level uncompressed (`png_set_compression_level` in main.rs), and these crops are sent in a page.
        unsafe { sys::pixSetZlibCompression(self.0, 6) };
        let bad = unsafe { sys::pixWriteMemPng(&mut data, &mut size, self.0, 0.0) };
        if bad != 0 || data.is_null() {
            return None;
        }
        // SAFETY: Leptonica allocated `size` bytes at `data`; they are copied out, then freed with its allocator.
        let png = unsafe { std::slice::from_raw_parts(data, size) }.to_vec();
        unsafe { sys::lept_free(data.cast()) };
        Some(png)
    }

    /// An 8-bit image of `w` x `h` from rows of bytes (0 = black, 255 = white), as `gray_bytes` gives them.
    pub fn from_gray(w: u32, h: u32, rows: &[u8]) -> Option<Pix> {
        assert_eq!(rows.len(), (w * h) as usize, "from_gray needs w * h bytes");
        let pix = Pix::from_raw(unsafe { sys::pixCreate(w as i32, h as i32, 8) })?;
        let wpl = unsafe { (*pix.0).wpl } as usize;
        let data = unsafe { std::slice::from_raw_parts_mut((*pix.0).data, wpl * h as usize) };
        for (y, row) in rows.chunks_exact(w as usize).enumerate() {
            for (x, word) in data[y * wpl..(y + 1) * wpl].iter_mut().enumerate() {
                let mut b = [255u8; 4];
                let part = row.get(x * 4..(x * 4 + 4).min(row.len())).unwrap_or(&[]);
                b[..part.len()].copy_from_slice(part);
                *word = u32::from_be_bytes(b);
            }
        }
        Some(pix)
    }

    /// The pixels of a 1-bit image as rows of bytes, as its 8-bit conversion would give them (0 = black,
    /// 255 = white), without building that image.
    pub fn binary_bytes(&self) -> Vec<u8> {
        static LUT: std::sync::LazyLock<[[u8; 8]; 256]> = std::sync::LazyLock::new(|| {
            std::array::from_fn(|b| std::array::from_fn(|i| if b & (0x80 >> i) != 0 { 0 } else { 255 }))
        });
        // Leptonica packs 1-bit pixels most significant bit first within each 32-bit word, 1 = black.
        self.unpacked_rows(1, 32, |word, out| {
            word.to_be_bytes().iter().for_each(|&b| out.extend_from_slice(&LUT[b as usize]))
        })
    }

    /// The pixels of an 8-bit image as rows of bytes (0 = black, 255 = white).
    pub fn gray_bytes(&self) -> Vec<u8> {
        // Leptonica packs 8-bit pixels big-endian within each 32-bit word.
        self.unpacked_rows(8, 4, |word, out| out.extend_from_slice(&word.to_be_bytes()))
    }

    /// Rows of an image of `depth` bits a pixel as one byte a pixel: `expand` turns each 32-bit word of a
    /// row into its `per_word` bytes; a row is padded to whole words, which are cut off.
    fn unpacked_rows(&self, depth: u32, per_word: usize, expand: impl Fn(u32, &mut Vec<u8>)) -> Vec<u8> {
        assert_eq!(self.depth(), depth, "an image of {depth} bits a pixel is needed");
        let (w, h) = (self.width() as usize, self.height() as usize);
        let wpl = unsafe { (*self.0).wpl } as usize;
        let data = unsafe { std::slice::from_raw_parts((*self.0).data, wpl * h) };
        let mut out = Vec::with_capacity(wpl * per_word * h);
        for y in 0..h {
            let row_start = out.len();
            for &word in &data[y * wpl..(y + 1) * wpl] {
                expand(word, &mut out);
            }
            out.truncate(row_start + w);
        }
        out
    }
}
