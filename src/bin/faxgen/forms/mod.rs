//! Page layouts: each form's printed labels (wording and order from detainer-forms.md) and typed values.
//! Coordinates are fine-resolution pixels (1728 x 2156 = letter at 204 x 196 dpi); the canvas transform
//! maps them to the device page. This module holds what every page shares (styles, fonts, the drawing
//! helpers); the pages themselves are drawn by family: `detainer`, `warrant` and `unrelated`.

mod detainer;
mod unrelated;
mod warrant;

use crate::corpus::{Doc, PageSpec, Warrant};
use crate::people::{chance, pick, Rng8};
use crate::text::{Canvas, Face, Fonts};
use detainer::{i247a, i247d, notice};
use rand::Rng;
use unrelated::{cover, other};
use warrant::{i200, i205, judicial};

pub const PAGE_W: usize = 1728;
pub const PAGE_H: usize = 2156;
const L: f32 = 110.0;
const R: f32 = 1618.0;

/// Label font families: (regular, bold).
const LABEL_FONTS: &[(&str, &str)] = &[
    ("DejaVuSans", "DejaVuSans-Bold"),
    ("DejaVuSerif", "DejaVuSerif-Bold"),
    ("LiberationSans", "LiberationSans-Bold"),
    ("LiberationSerif", "LiberationSerif-Bold"),
    ("FreeSans", "FreeSansBold"),
    ("FreeSerif", "FreeSerifBold"),
];
/// Typed-value fonts (weighted by repetition).
const VALUE_FONTS: &[&str] = &[
    "LiberationMono",
    "LiberationMono",
    "LiberationMono-Bold",
    "DejaVuSansMono",
    "DejaVuSansMono",
    "FreeMonoBold",
    "FreeMonoBold",
    "FreeMono",
    "LiberationSans",
    "DejaVuSansMono-Bold",
];

/// How one printing of a document looks; drawn from the document's render seed.
#[derive(Clone, Debug)]
pub struct Style {
    pub label: &'static str,
    pub bold: &'static str,
    pub value: &'static str,
    /// Label, value and prose sizes (px of line height at fine resolution).
    pub ls: f32,
    pub vs: f32,
    pub ps: f32,
    pub hscale: f32,
    /// Small vertical block shifts (printing/layout differences).
    pub dy: [f32; 8],
    pub dx: f32,
    /// Checkbox size and mark style: 0 = X strokes, 1 = tick, 2 = filled, 3 = typed X.
    pub cb: f32,
    pub mark: u8,
    pub from_short: bool,
    pub value_dark: u8,
}

impl Style {
    pub fn random(rng: &mut Rng8) -> Style {
        let (label, bold) = *pick(rng, LABEL_FONTS);
        let value = *pick(rng, VALUE_FONTS);
        let mut dy = [0.0; 8];
        for d in dy.iter_mut() {
            *d = rng.gen_range(-12.0..12.0);
        }
        Style {
            label,
            bold,
            value,
            ls: rng.gen_range(26.0..30.0),
            vs: rng.gen_range(30.0..35.0),
            ps: rng.gen_range(22.0..24.5),
            hscale: rng.gen_range(0.96..1.04),
            dy,
            dx: rng.gen_range(-20.0..20.0),
            cb: rng.gen_range(22.0..28.0),
            mark: rng.gen_range(0..4),
            from_short: chance(rng, 0.3),
            value_dark: rng.gen_range(215..=255),
        }
    }
}

struct P<'a> {
    c: &'a mut Canvas,
    lab: Face<'a>,
    bold: Face<'a>,
    val: Face<'a>,
    prose: Face<'a>,
    small: Face<'a>,
    st: &'a Style,
}

impl<'a> P<'a> {
    fn new(c: &'a mut Canvas, f: &'a Fonts, st: &'a Style) -> P<'a> {
        P {
            lab: f.face(st.label, st.ls).with_hscale(st.hscale),
            bold: f.face(st.bold, st.ls).with_hscale(st.hscale),
            val: f.face(st.value, st.vs),
            prose: f.face(st.label, st.ps).with_hscale(st.hscale),
            small: f.face(st.label, st.ps * 0.85).with_hscale(st.hscale),
            c,
            st,
        }
    }
    fn x(&self, x: f32) -> f32 {
        x + self.st.dx
    }
    fn lab(&mut self, x: f32, y: f32, s: &str) -> f32 {
        let f = self.lab;
        self.c.text(&f, self.x(x), y, s, 255)
    }
    fn val(&mut self, x: f32, y: f32, s: &str) -> f32 {
        let f = self.val;
        let d = self.st.value_dark;
        self.c.text(&f, self.x(x), y, s, d)
    }
    /// A typed value squeezed horizontally (down to 75%) to fit `maxw`, as typists' software shrinks long lines.
    fn val_fit(&mut self, x: f32, y: f32, s: &str, maxw: f32) -> f32 {
        let mut f = self.val;
        let w = f.width(s);
        if w > maxw {
            f.hscale = (maxw / w).max(0.75);
        }
        let d = self.st.value_dark;
        self.c.text(&f, self.x(x), y, s, d)
    }
    /// "Label: value" on one baseline; returns the x after the value.
    fn lv(&mut self, x: f32, y: f32, label: &str, value: &str) -> f32 {
        let w = self.lab(x, y, label);
        let vx = x + w + 16.0;
        let vw = self.val(vx, y, value);
        vx + vw
    }
    fn center(&mut self, face: Face, y: f32, s: &str) {
        let cx = (L + R) / 2.0 + self.st.dx;
        self.c.text_center(&face, cx, y, s, 255);
    }
    fn para(&mut self, face: Face, x: f32, y: f32, w: f32, s: &str) -> f32 {
        let lead = face.size * 1.18;
        let x = self.x(x);
        self.c.para(&face, x, y, w, s, lead)
    }
    fn hline(&mut self, x0: f32, x1: f32, y: f32) {
        let (a, b) = (self.x(x0), self.x(x1));
        self.c.hline(a, b, y, 2.5);
    }
    fn checkbox(&mut self, x: f32, base: f32, checked: bool) {
        let s = self.st.cb;
        let x = self.x(x);
        let y = base - s + 3.0;
        self.c.rect(x, y, x + s, y + s, 2.2);
        if !checked {
            return;
        }
        let i = 4.0;
        match self.st.mark {
            0 => {
                self.c.stroke(&[(x + i, y + i), (x + s - i, y + s - i)], 3.0, 255);
                self.c.stroke(&[(x + s - i, y + i), (x + i, y + s - i)], 3.0, 255);
            }
            1 => {
                self.c.stroke(&[(x + 3.0, y + s * 0.5), (x + s * 0.42, y + s - 3.0), (x + s + 4.0, y - 6.0)], 3.5, 255)
            }
            2 => self.c.fill_rect(x + i, y + i, x + s - i, y + s - i, 255),
            _ => {
                let f = self.val;
                let w = f.width("X");
                self.c.text(&f, x + (s - w) / 2.0, y + s - 3.0, "X", 255);
            }
        }
    }
    /// A checkbox item with wrapped text; returns the next baseline.
    fn item(&mut self, x: f32, y: f32, checked: bool, text: &str) -> f32 {
        self.checkbox(x, y, checked);
        let f = self.prose;
        let tx = x + self.st.cb + 20.0;
        self.para(f, tx, y, R - tx - 10.0, text) + 8.0
    }
    fn signature(&mut self, x: f32, y: f32, rng: &mut Rng8) {
        let mut pts = Vec::new();
        let mut px = self.x(x);
        let n = rng.gen_range(14..26);
        for i in 0..n {
            px += rng.gen_range(8.0..24.0);
            let py = y - 18.0 + (i as f32 * rng.gen_range(0.6..1.4)).sin() * rng.gen_range(8.0..26.0);
            pts.push((px, py));
        }
        self.c.stroke(&pts, 2.6, 235);
    }
    fn footer(&mut self, left: &str, right: &str) {
        let f = self.small;
        let y = 2075.0 + self.st.dy[7];
        let dx = self.st.dx;
        self.c.text(&f, L + dx, y, left, 255);
        if !right.is_empty() {
            self.c.text_right(&f, R + dx, y, right, 255);
        }
    }
}

pub fn render_styled(c: &mut Canvas, fonts: &Fonts, st: &Style, doc: &Doc, page: &PageSpec, rng: &mut Rng8) {
    let mut p = P::new(c, fonts, st);
    match page {
        PageSpec::Cover => cover(&mut p, fonts, doc.cover.as_ref().expect("cover"), rng),
        PageSpec::I247aP1 => i247a(&mut p, doc.request.as_ref().expect("req"), rng),
        PageSpec::I247dP1 => i247d(&mut p, doc.request.as_ref().expect("req"), rng),
        PageSpec::Notice(n) => notice(&mut p, doc.request.as_ref().expect("req").form, *n),
        PageSpec::Warrant => match doc.warrant.as_ref().expect("warrant") {
            w @ Warrant::I200 { .. } => i200(&mut p, doc.request.as_ref().unwrap(), w, rng),
            w @ Warrant::I205 { .. } => i205(&mut p, doc.request.as_ref().unwrap(), w, rng),
            w => judicial(&mut p, doc.request.as_ref().unwrap(), w, rng),
        },
        PageSpec::Other(n) => other(&mut p, doc.other.as_ref().expect("other"), *n, rng),
    }
}
