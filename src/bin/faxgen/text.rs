//! Vector drawing: TrueType text, lines, boxes and strokes rasterized straight onto a page canvas.
//!
//! Decision: the page's geometric distortion (skew, shift, scale, the X/Y dpi of the target resolution) is
//! applied to the *vector* geometry at draw time, through one affine transform, instead of resampling a
//! finished bitmap. That keeps glyph edges as a scanner would see them (anti-aliased coverage, then one
//! threshold) and it costs nothing extra per page, which matters at 3.7 Mpx per fine page.

use ab_glyph::{Font, FontVec, OutlineCurve};
use ab_glyph_rasterizer::{point, Point, Rasterizer};

/// The TrueType files the generator uses: (name used in truth, Debian path).
/// Debian packages: fonts-dejavu-core, fonts-liberation, fonts-freefont-ttf.
pub const FONT_FILES: &[(&str, &str)] = &[
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("DejaVuSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    ("DejaVuSerif-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    ("DejaVuSansMono", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
    ("DejaVuSansMono-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"),
    ("LiberationSans", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    ("LiberationSans-Bold", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("LiberationSerif", "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
    ("LiberationSerif-Bold", "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"),
    ("LiberationMono", "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"),
    ("LiberationMono-Bold", "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf"),
    ("FreeSans", "/usr/share/fonts/truetype/freefont/FreeSans.ttf"),
    ("FreeSansBold", "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf"),
    ("FreeSerif", "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"),
    ("FreeSerifBold", "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf"),
    ("FreeMono", "/usr/share/fonts/truetype/freefont/FreeMono.ttf"),
    ("FreeMonoBold", "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf"),
];

pub struct Fonts {
    list: Vec<(&'static str, FontVec)>,
}

impl Fonts {
    pub fn load() -> anyhow::Result<Fonts> {
        let mut list = Vec::new();
        for (name, path) in FONT_FILES {
            let bytes = std::fs::read(path).map_err(|e| {
                anyhow::anyhow!("font {path}: {e} (install fonts-dejavu-core fonts-liberation fonts-freefont-ttf)")
            })?;
            let f = FontVec::try_from_vec(bytes).map_err(|e| anyhow::anyhow!("font {path}: {e}"))?;
            list.push((*name, f));
        }
        Ok(Fonts { list })
    }

    pub fn get(&self, name: &str) -> &FontVec {
        &self.list.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("font {name}")).1
    }

    pub fn face(&self, name: &str, size: f32) -> Face<'_> {
        Face { font: self.get(name), size, hscale: 1.0 }
    }
}

/// A font at a size (pixels of line height at fine resolution) with an optional horizontal stretch.
#[derive(Clone, Copy)]
pub struct Face<'a> {
    pub font: &'a FontVec,
    pub size: f32,
    pub hscale: f32,
}

impl<'a> Face<'a> {
    fn factor(&self) -> f32 {
        self.size / self.font.height_unscaled()
    }
    pub fn width(&self, s: &str) -> f32 {
        let f = self.factor();
        let mut w = 0.0;
        let mut prev = None;
        for ch in s.chars() {
            let id = self.font.glyph_id(ch);
            if let Some(p) = prev {
                w += self.font.kern_unscaled(p, id) * f * self.hscale;
            }
            w += self.font.h_advance_unscaled(id) * f * self.hscale;
            prev = Some(id);
        }
        w
    }
    pub fn with_hscale(mut self, h: f32) -> Self {
        self.hscale = h;
        self
    }
}

/// dev = (a*x + b*y + tx, c*x + d*y + ty): form coordinates (fine pixels, 1728 x 2156) to device pixels.
#[derive(Clone, Copy, Debug)]
pub struct Affine {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub tx: f32,
    pub ty: f32,
}

impl Affine {
    /// For a device page of `size` (w, h): scale by `scale` (sx, sy) for the device resolution, then rotate by
    /// `deg` about the page centre, scale by `zoom` about the centre and shift by `shift` (dx, dy) device pixels.
    pub fn page(size: (f32, f32), scale: (f32, f32), deg: f32, zoom: f32, shift: (f32, f32)) -> Affine {
        let ((w, h), (sx, sy), (dx, dy)) = (size, scale, shift);
        let (s, c) = deg.to_radians().sin_cos();
        let (cx, cy) = (w / 2.0, h / 2.0);
        // device = R * Z * (S * p - centre) + centre + shift
        let a = c * zoom * sx;
        let b = -s * zoom * sy;
        let cc = s * zoom * sx;
        let d = c * zoom * sy;
        let tx = -(c * zoom * cx - s * zoom * cy) + cx + dx;
        let ty = -(s * zoom * cx + c * zoom * cy) + cy + dy;
        Affine { a, b, c: cc, d, tx, ty }
    }
    fn apply(&self, x: f32, y: f32) -> Point {
        point(self.a * x + self.b * y + self.tx, self.c * x + self.d * y + self.ty)
    }
}

#[derive(Clone, Copy)]
enum Seg {
    Line(Point, Point),
    Quad(Point, Point, Point),
    Cubic(Point, Point, Point, Point),
}

/// A grayscale page: `ink` 0 = paper, 255 = full ink, in device pixels.
pub struct Canvas {
    pub w: usize,
    pub h: usize,
    pub ink: Vec<u8>,
    pub xf: Affine,
    raster: Rasterizer,
    segs: Vec<Seg>,
}

impl Canvas {
    pub fn new(w: usize, h: usize, xf: Affine) -> Canvas {
        Canvas { w, h, ink: vec![0; w * h], xf, raster: Rasterizer::new(1, 1), segs: Vec::new() }
    }

    /// Fill the collected segments (already in device coordinates) with `dark` (0-255).
    fn flush(&mut self, dark: u8) {
        if self.segs.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut upd = |p: &Point| {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        };
        for s in &self.segs {
            match s {
                Seg::Line(a, b) => {
                    upd(a);
                    upd(b)
                }
                Seg::Quad(a, b, c) => {
                    upd(a);
                    upd(b);
                    upd(c)
                }
                Seg::Cubic(a, b, c, d) => {
                    upd(a);
                    upd(b);
                    upd(c);
                    upd(d)
                }
            }
        }
        let bx0 = x0.floor().max(0.0) as i64;
        let by0 = y0.floor().max(0.0) as i64;
        let bx1 = (x1.ceil() as i64 + 1).min(self.w as i64);
        let by1 = (y1.ceil() as i64 + 1).min(self.h as i64);
        if bx1 <= bx0 || by1 <= by0 {
            self.segs.clear();
            return;
        }
        let (bw, bh) = ((bx1 - bx0) as usize, (by1 - by0) as usize);
        self.raster.reset(bw, bh);
        let o = |p: Point| point(p.x - bx0 as f32, p.y - by0 as f32);
        for s in self.segs.drain(..) {
            match s {
                Seg::Line(a, b) => self.raster.draw_line(o(a), o(b)),
                Seg::Quad(a, b, c) => self.raster.draw_quad(o(a), o(b), o(c)),
                Seg::Cubic(a, b, c, d) => self.raster.draw_cubic(o(a), o(b), o(c), o(d)),
            }
        }
        let (w, ink) = (self.w, &mut self.ink);
        let darkf = dark as f32;
        self.raster.for_each_pixel_2d(|x, y, a| {
            if a > 0.004 {
                let i = (by0 as usize + y as usize) * w + bx0 as usize + x as usize;
                let v = ink[i] as f32 + a.min(1.0) * darkf;
                ink[i] = v.min(255.0) as u8;
            }
        });
    }

    /// Fill a polygon given in form coordinates.
    pub fn poly(&mut self, pts: &[(f32, f32)], dark: u8) {
        if pts.len() < 3 {
            return;
        }
        for i in 0..pts.len() {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            let s = Seg::Line(self.xf.apply(a.0, a.1), self.xf.apply(b.0, b.1));
            self.segs.push(s);
        }
        self.flush(dark);
    }

    pub fn fill_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, dark: u8) {
        self.poly(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], dark);
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, t: f32) {
        self.fill_rect(x0, y, x1, y + t, 255);
    }

    pub fn vline(&mut self, x: f32, y0: f32, y1: f32, t: f32) {
        self.fill_rect(x, y0, x + t, y1, 255);
    }

    pub fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, t: f32) {
        self.hline(x0, x1, y0, t);
        self.hline(x0, x1, y1 - t, t);
        self.vline(x0, y0 + t, y1 - t, t);
        self.vline(x1 - t, y0 + t, y1 - t, t);
    }

    /// A stroked polyline of width `t` (segments as quads; joints overlap).
    pub fn stroke(&mut self, pts: &[(f32, f32)], t: f32, dark: u8) {
        for w in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let (dx, dy) = (x1 - x0, y1 - y0);
            let len = (dx * dx + dy * dy).sqrt().max(0.001);
            let (nx, ny) = (-dy / len * t / 2.0, dx / len * t / 2.0);
            // extend a little along the segment so joints close
            let (ex, ey) = (dx / len * t / 3.0, dy / len * t / 3.0);
            self.poly(
                &[
                    (x0 - ex + nx, y0 - ey + ny),
                    (x1 + ex + nx, y1 + ey + ny),
                    (x1 + ex - nx, y1 + ey - ny),
                    (x0 - ex - nx, y0 - ey - ny),
                ],
                dark,
            );
        }
    }

    /// Draw text with its baseline at `y`, starting at `x`; returns the advance width.
    pub fn text(&mut self, face: &Face, x: f32, y: f32, s: &str, dark: u8) -> f32 {
        let f = face.factor();
        let hs = f * face.hscale;
        let mut pen = x;
        let mut prev = None;
        for ch in s.chars() {
            let id = face.font.glyph_id(ch);
            if let Some(p) = prev {
                pen += face.font.kern_unscaled(p, id) * hs;
            }
            if let Some(outline) = face.font.outline(id) {
                let xf = self.xf;
                let m = |p: Point| xf.apply(pen + p.x * hs, y - p.y * f);
                for c in &outline.curves {
                    let s = match *c {
                        OutlineCurve::Line(a, b) => Seg::Line(m(a), m(b)),
                        OutlineCurve::Quad(a, b, c) => Seg::Quad(m(a), m(b), m(c)),
                        OutlineCurve::Cubic(a, b, c, d) => Seg::Cubic(m(a), m(b), m(c), m(d)),
                    };
                    self.segs.push(s);
                }
                self.flush(dark);
            }
            pen += face.font.h_advance_unscaled(id) * hs;
            prev = Some(id);
        }
        pen - x
    }

    pub fn text_center(&mut self, face: &Face, cx: f32, y: f32, s: &str, dark: u8) -> f32 {
        let w = face.width(s);
        self.text(face, cx - w / 2.0, y, s, dark);
        w
    }

    pub fn text_right(&mut self, face: &Face, rx: f32, y: f32, s: &str, dark: u8) -> f32 {
        let w = face.width(s);
        self.text(face, rx - w, y, s, dark);
        w
    }

    /// Greedy word-wrapped paragraph; first baseline at `y`; returns the baseline after the last line.
    pub fn para(&mut self, face: &Face, x: f32, y: f32, width: f32, s: &str, lead: f32) -> f32 {
        let mut y = y;
        for line in wrap(face, width, s) {
            self.text(face, x, y, &line, 255);
            y += lead;
        }
        y
    }
}

pub fn wrap(face: &Face, width: f32, s: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let cand = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
        if face.width(&cand) > width && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = cand;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}
