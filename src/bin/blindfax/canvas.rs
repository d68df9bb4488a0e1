//! A page being drawn: an 8-bit ink buffer (0 = paper, 255 = full ink) at fax fine resolution, addressed in
//! points so the forms read like a printed layout. Everything is drawn at fine resolution; standard resolution
//! is made later by merging row pairs, the way a standard-mode scanner samples.

use crate::fonts::{FaceId, Fonts};
use ab_glyph::{point, Font, GlyphId, ScaleFont};
use std::collections::HashMap;

pub const XDPI: f32 = 204.0;
pub const YDPI: f32 = 196.0;
/// Pixels per point, horizontally and vertically.
pub const SX: f32 = XDPI / 72.0;
pub const SY: f32 = YDPI / 72.0;
/// Fax page width in pixels (A4/letter at 204 dpi).
pub const WIDTH: usize = 1728;

/// Sizes snap to 1/20 pt so a cached glyph is exactly the glyph asked for: with a coarser key, which of two
/// near sizes got cached first would depend on thread timing and the output would not be reproducible.
fn quantize(size: f32) -> f32 {
    (size * 20.0).round() / 20.0
}

struct Bitmap {
    left: i32,
    top: i32,
    w: usize,
    h: usize,
    data: Vec<u8>,
}

/// Rasterized glyphs by face, size, glyph and quarter-pixel offset. Without it rasterizing dominates the run
/// time (a page holds thousands of glyphs from a few hundred distinct ones).
#[derive(Default)]
pub struct GlyphCache {
    map: HashMap<(u16, u32, u16, u8), Option<Bitmap>>,
}

pub struct Canvas {
    pub w: usize,
    pub h: usize,
    pub ink: Vec<u8>,
}

impl Canvas {
    pub fn new(w: usize, h: usize) -> Canvas {
        Canvas { w, h, ink: vec![0; w * h] }
    }

    #[inline]
    pub fn put(&mut self, x: i32, y: i32, v: u8) {
        if x >= 0 && y >= 0 && (x as usize) < self.w && (y as usize) < self.h {
            let p = &mut self.ink[y as usize * self.w + x as usize];
            *p = (*p).max(v);
        }
    }

    /// Fill a rectangle given in pixels.
    pub fn fill_px(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, v: u8) {
        let (x0, x1) = (x0.max(0), x1.min(self.w as i32));
        let (y0, y1) = (y0.max(0), y1.min(self.h as i32));
        for y in y0..y1 {
            let row = y as usize * self.w;
            for p in &mut self.ink[row + x0 as usize..row + x1.max(x0) as usize] {
                *p = (*p).max(v);
            }
        }
    }
}

/// Drawing context: the page plus the fonts and this worker's glyph cache.
pub struct Page<'a> {
    pub fonts: &'a Fonts,
    cache: &'a mut GlyphCache,
    pub c: Canvas,
    /// Ink level for text and rules; stamps and pencil use lighter values.
    pub level: u8,
    /// Set when a form's body ran into its footer: a generator bug, reported on stderr.
    pub overflow: bool,
}

impl<'a> Page<'a> {
    pub fn new(fonts: &'a Fonts, cache: &'a mut GlyphCache, height_px: usize) -> Page<'a> {
        Page { fonts, cache, c: Canvas::new(WIDTH, height_px), level: 255, overflow: false }
    }

    pub fn into_canvas(self) -> Canvas {
        self.c
    }

    pub fn width_pt(&self) -> f32 {
        self.c.w as f32 / SX
    }

    pub fn height_pt(&self) -> f32 {
        self.c.h as f32 / SY
    }

    fn advance(&self, s: &str, face: FaceId, size: f32, mut draw: impl FnMut(FaceId, GlyphId, f32)) -> f32 {
        let size = quantize(size);
        let (emx, emy) = (size * SX, size * SY);
        let mut x = 0.0f32;
        let mut prev: Option<(FaceId, GlyphId)> = None;
        for ch in s.chars() {
            let (fid, gid) = self.fonts.glyph(face, ch);
            let font = &self.fonts.faces[fid.0 as usize].font;
            let sf = font.as_scaled(self.fonts.scale(fid, emx, emy));
            if let Some((pf, pg)) = prev {
                if pf == fid {
                    x += sf.kern(pg, gid);
                }
            }
            if !ch.is_whitespace() {
                draw(fid, gid, x);
            }
            x += sf.h_advance(gid);
            prev = Some((fid, gid));
        }
        x
    }

    /// Width of `s` in points.
    pub fn measure(&self, s: &str, face: FaceId, size: f32) -> f32 {
        self.advance(s, face, size, |_, _, _| {}) / SX
    }

    /// Draw `s` with its baseline at `y` (points); returns the width in points.
    pub fn text(&mut self, x: f32, y: f32, s: &str, face: FaceId, size: f32) -> f32 {
        let mut glyphs = Vec::with_capacity(s.len());
        let w = self.advance(s, face, size, |f, g, dx| glyphs.push((f, g, dx)));
        let (x0, by) = (x * SX, (y * SY).round() as i32);
        for (f, g, dx) in glyphs {
            self.blit(f, g, size, x0 + dx, by);
        }
        w / SX
    }

    pub fn text_center(&mut self, cx: f32, y: f32, s: &str, face: FaceId, size: f32) -> f32 {
        let w = self.measure(s, face, size);
        self.text(cx - w / 2.0, y, s, face, size)
    }

    pub fn text_right(&mut self, rx: f32, y: f32, s: &str, face: FaceId, size: f32) -> f32 {
        let w = self.measure(s, face, size);
        self.text(rx - w, y, s, face, size)
    }

    fn blit(&mut self, face: FaceId, gid: GlyphId, size: f32, px: f32, base_y: i32) {
        let size = quantize(size);
        let ix = px.floor();
        let sub = ((px - ix) * 4.0) as u8;
        let key = (face.0, (size * 20.0).round() as u32, gid.0, sub);
        let fonts = self.fonts;
        let bm = self.cache.map.entry(key).or_insert_with(|| {
            let font = &fonts.faces[face.0 as usize].font;
            let scale = fonts.scale(face, size * SX, size * SY);
            let glyph = gid.with_scale_and_position(scale, point(sub as f32 / 4.0, 0.0));
            font.outline_glyph(glyph).map(|og| {
                let b = og.px_bounds();
                let (w, h) = (b.width() as usize + 1, b.height() as usize + 1);
                let mut data = vec![0u8; w * h];
                og.draw(|x, y, c| {
                    let i = y as usize * w + x as usize;
                    if i < data.len() {
                        data[i] = (c.clamp(0.0, 1.0) * 255.0) as u8;
                    }
                });
                if fonts.faces[face.0 as usize].thin {
                    // Toner spread: one pixel of growth right and down.
                    let src = data.clone();
                    for y in 0..h {
                        for x in 0..w {
                            let mut v = src[y * w + x];
                            if x > 0 {
                                v = v.max(src[y * w + x - 1]);
                            }
                            if y > 0 {
                                v = v.max(src[(y - 1) * w + x]);
                            }
                            data[y * w + x] = v;
                        }
                    }
                }
                Bitmap { left: b.min.x as i32, top: b.min.y as i32, w, h, data }
            })
        });
        let Some(bm) = bm else { return };
        let level = self.level as u32;
        let ox = ix as i32 + bm.left;
        let oy = base_y + bm.top;
        for y in 0..bm.h {
            let yy = oy + y as i32;
            if yy < 0 || yy >= self.c.h as i32 {
                continue;
            }
            let row = yy as usize * self.c.w;
            for x in 0..bm.w {
                let v = bm.data[y * bm.w + x];
                let xx = ox + x as i32;
                if v == 0 || xx < 0 || xx >= self.c.w as i32 {
                    continue;
                }
                let p = &mut self.c.ink[row + xx as usize];
                *p = (*p).max((v as u32 * level / 255) as u8);
            }
        }
    }

    /// Greedy word wrap; returns the baseline of the line after the paragraph.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, s: &str, face: FaceId, size: f32, leading: f32) -> f32 {
        let (last, _) = self.paragraph_ex(x, y, width, s, face, size, leading);
        last + size * leading
    }

    /// Greedy word wrap; returns the last line's baseline and where its text ends (points), so a typed value
    /// can continue on the same line.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph_ex(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        s: &str,
        face: FaceId,
        size: f32,
        leading: f32,
    ) -> (f32, f32) {
        let space = self.measure(" ", face, size);
        let mut line = String::new();
        let mut lw = 0.0;
        let mut y = y;
        for word in s.split_whitespace() {
            let ww = self.measure(word, face, size);
            if !line.is_empty() && lw + space + ww > width {
                self.text(x, y, &line, face, size);
                y += size * leading;
                line.clear();
                lw = 0.0;
            }
            if !line.is_empty() {
                line.push(' ');
                lw += space;
            }
            line.push_str(word);
            lw += ww;
        }
        if !line.is_empty() {
            self.text(x, y, &line, face, size);
        }
        (y, x + lw)
    }

    /// Horizontal rule from x0 to x1 at y (points), `t` points thick.
    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, t: f32) {
        let rows = (t * SY).round().max(1.0) as i32;
        let y0 = (y * SY).round() as i32;
        self.c.fill_px((x0 * SX) as i32, y0, (x1 * SX).ceil() as i32, y0 + rows, self.level);
    }

    pub fn vline(&mut self, x: f32, y0: f32, y1: f32, t: f32) {
        let cols = (t * SX).round().max(1.0) as i32;
        let x0 = (x * SX).round() as i32;
        self.c.fill_px(x0, (y0 * SY) as i32, x0 + cols, (y1 * SY).ceil() as i32, self.level);
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, t: f32) {
        self.hline(x, x + w, y, t);
        self.hline(x, x + w + t, y + h, t);
        self.vline(x, y, y + h, t);
        self.vline(x + w, y, y + h, t);
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.c.fill_px((x * SX) as i32, (y * SY) as i32, ((x + w) * SX) as i32, ((y + h) * SY) as i32, self.level);
    }

    /// A stroke of width `t` points, drawn as overlapping squares: good enough for pen marks and X marks.
    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, t: f32) {
        let (ax, ay, bx, by) = (x0 * SX, y0 * SY, x1 * SX, y1 * SY);
        let len = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
        let steps = (len * 2.0).ceil().max(1.0) as usize;
        let r = (t * SX / 2.0).max(0.5);
        let ri = r.ceil() as i32;
        for i in 0..=steps {
            let f = i as f32 / steps as f32;
            let (cx, cy) = (ax + (bx - ax) * f, ay + (by - ay) * f);
            for dy in -ri..=ri {
                for dx in -ri..=ri {
                    if (dx * dx + dy * dy) as f32 <= r * r + 0.5 {
                        self.c.put(cx as i32 + dx, cy as i32 + dy, self.level);
                    }
                }
            }
        }
    }

    pub fn polyline(&mut self, pts: &[(f32, f32)], t: f32) {
        for w in pts.windows(2) {
            self.line(w[0].0, w[0].1, w[1].0, w[1].1, t);
        }
    }
}
