//! Page styles and the drawing helpers every form shares. A style fixes the fonts, sizes, margins and one of
//! three layouts: "classic" (label: value on open lines, boxes around TO/FROM), "ruled" (each field in a ruled
//! table cell, label at the cell's top-left, value below or to its right) and "compact" (fields run on inline,
//! tighter leading, no rules).

use crate::canvas::Page;
use crate::fonts::{FaceId, Fonts, Kind};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng as Rng8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Classic,
    Ruled,
    Compact,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Classic => "classic",
            Layout::Ruled => "ruled",
            Layout::Compact => "compact",
        }
    }
}

/// How a checked box is marked: a drawn X, a tick, a filled square, or a typed "X" in the value font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Cross,
    Tick,
    Fill,
    TypedX,
}

#[derive(Clone, Debug)]
pub struct Style {
    pub layout: Layout,
    pub label_fam: usize,
    pub value_fam: usize,
    pub title_fam: usize,
    pub label_pt: f32,
    pub value_pt: f32,
    pub body_pt: f32,
    pub title_pt: f32,
    pub margin_l: f32,
    pub margin_r: f32,
    pub margin_t: f32,
    pub leading: f32,
    pub mark: Mark,
    pub rule: f32,
    /// Ruled layout: value to the right of the label inside the cell instead of below it.
    pub inline_cells: bool,
    /// Values typed in bold (some systems print the filled-in data bold).
    pub value_bold: bool,
    /// Page length in fine rows (letter is 2156; fax machines cut pages a little long or short).
    pub page_rows: usize,
}

impl Style {
    pub fn random(rng: &mut Rng8, fonts: &Fonts) -> Style {
        let layout = *[Layout::Classic, Layout::Ruled, Layout::Compact].choose(rng).unwrap();
        let props: Vec<usize> = fonts.of_kind(Kind::Sans).into_iter().chain(fonts.of_kind(Kind::Serif)).collect();
        let monos = fonts.of_kind(Kind::Mono);
        let label_fam = *props.choose(rng).unwrap();
        // Typed values: typewriter/monospace about half the time, else a proportional face (often a different one).
        let value_fam = match rng.gen_range(0..10) {
            0..=4 => *monos.choose(rng).unwrap(),
            5..=6 => label_fam,
            _ => *props.choose(rng).unwrap(),
        };
        let title_fam = if rng.gen_bool(0.7) { label_fam } else { *props.choose(rng).unwrap() };
        let mono_value = monos.contains(&value_fam);
        Style {
            layout,
            label_fam,
            value_fam,
            title_fam,
            label_pt: rng.gen_range(7.8..9.2),
            value_pt: if mono_value { rng.gen_range(9.0..11.0) } else { rng.gen_range(9.0..11.5) },
            body_pt: rng.gen_range(7.8..8.8),
            title_pt: rng.gen_range(11.5..14.5),
            margin_l: rng.gen_range(26.0..58.0),
            margin_r: rng.gen_range(24.0..50.0),
            margin_t: rng.gen_range(26.0..60.0),
            leading: match layout {
                Layout::Compact => rng.gen_range(1.08..1.2),
                _ => rng.gen_range(1.18..1.38),
            },
            mark: *[Mark::Cross, Mark::Tick, Mark::Fill, Mark::TypedX, Mark::TypedX].choose(rng).unwrap(),
            rule: rng.gen_range(0.5..1.2),
            inline_cells: rng.gen_bool(0.35),
            value_bold: rng.gen_bool(0.2),
            page_rows: rng.gen_range(2120..2200),
        }
    }

    pub fn label_face(&self, fonts: &Fonts) -> FaceId {
        fonts.families[self.label_fam].regular
    }
    pub fn value_face(&self, fonts: &Fonts) -> FaceId {
        let f = &fonts.families[self.value_fam];
        if self.value_bold {
            f.bold
        } else {
            f.regular
        }
    }
}

/// A page being laid out top to bottom with a running cursor `y` (points, baseline-free: top of next row).
pub struct Sheet<'p, 'a> {
    pub p: &'p mut Page<'a>,
    pub st: Style,
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub lf: FaceId,
    pub lb: FaceId,
    pub vf: FaceId,
    pub tb: FaceId,
}

impl<'p, 'a> Sheet<'p, 'a> {
    pub fn new(p: &'p mut Page<'a>, st: &Style) -> Sheet<'p, 'a> {
        let fonts = p.fonts;
        let x1 = p.width_pt() - st.margin_r;
        Sheet {
            lf: st.label_face(fonts),
            lb: fonts.families[st.label_fam].bold,
            vf: st.value_face(fonts),
            tb: fonts.families[st.title_fam].bold,
            x0: st.margin_l,
            x1,
            y: st.margin_t,
            st: st.clone(),
            p,
        }
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn gap(&mut self, dy: f32) {
        self.y += dy;
    }

    pub fn center(&mut self, s: &str, size: f32, bold: bool) {
        let f = if bold { self.tb } else { self.lf };
        let cx = (self.x0 + self.x1) / 2.0;
        self.y += size;
        self.p.text_center(cx, self.y, s, f, size);
        self.y += size * (self.st.leading - 1.0) + 2.0;
    }

    pub fn left(&mut self, s: &str, size: f32, bold: bool) {
        let f = if bold { self.lb } else { self.lf };
        self.y += size;
        self.p.text(self.x0, self.y, s, f, size);
        self.y += size * (self.st.leading - 1.0) + 1.0;
    }

    /// Body text wrapped to the sheet width, optionally indented.
    pub fn para(&mut self, s: &str, indent: f32) {
        let size = self.st.body_pt;
        self.y =
            self.p.paragraph(self.x0 + indent, self.y + size, self.width() - indent, s, self.lf, size, self.st.leading)
                - size;
        self.y += 2.0;
    }

    pub fn para_bold(&mut self, s: &str, indent: f32) {
        let size = self.st.body_pt;
        self.y =
            self.p.paragraph(self.x0 + indent, self.y + size, self.width() - indent, s, self.lb, size, self.st.leading)
                - size;
        self.y += 2.0;
    }

    pub fn rule(&mut self) {
        self.p.hline(self.x0, self.x1, self.y, self.st.rule);
        self.y += 3.0;
    }

    pub fn value(&mut self, x: f32, baseline: f32, s: &str) -> f32 {
        self.p.text(x, baseline, s, self.vf, self.st.value_pt)
    }

    /// A typed value squeezed to `maxw` points when it would run out of its box: typists and form software
    /// shrink long names rather than print over the rule.
    pub fn value_fit(&mut self, x: f32, baseline: f32, s: &str, maxw: f32) -> f32 {
        let w = self.p.measure(s, self.vf, self.st.value_pt);
        let size = if w > maxw && maxw > 0.0 {
            (self.st.value_pt * maxw / w).max(self.st.value_pt * 0.55)
        } else {
            self.st.value_pt
        };
        self.p.text(x, baseline, s, self.vf, size)
    }

    /// A checkbox with its top-left at (x, y); `size` in points.
    pub fn checkbox(&mut self, x: f32, y: f32, checked: bool) {
        let s = (self.st.body_pt * 1.05).max(7.5);
        self.p.rect(x, y, s, s, 0.6);
        if !checked {
            return;
        }
        match self.st.mark {
            Mark::Cross => {
                self.p.line(x + 1.2, y + 1.2, x + s - 1.2, y + s - 1.2, 0.9);
                self.p.line(x + s - 1.2, y + 1.2, x + 1.2, y + s - 1.2, 0.9);
            }
            Mark::Tick => {
                self.p.polyline(&[(x + 1.3, y + s * 0.55), (x + s * 0.42, y + s - 1.3), (x + s + 1.5, y - 1.5)], 1.0)
            }
            Mark::Fill => self.p.fill(x + 1.5, y + 1.5, s - 3.0, s - 3.0),
            Mark::TypedX => {
                let size = s * 1.15;
                let w = self.p.measure("X", self.vf, size);
                self.p.text(x + (s - w) / 2.0 + 0.3, y + s - 0.8, "X", self.vf, size);
            }
        }
    }

    /// A checkbox followed by wrapped text; advances the cursor.
    pub fn check_item(&mut self, indent: f32, checked: bool, text: &str) {
        let size = self.st.body_pt;
        let bx = self.x0 + indent;
        self.checkbox(bx, self.y + 0.5, checked);
        let tx = bx + size * 1.05 + 5.0;
        self.y = self.p.paragraph(tx, self.y + size, self.x1 - tx, text, self.lf, size, self.st.leading) - size;
        self.y += 2.5;
    }

    /// One row of labelled fields, drawn the way the layout draws fields.
    pub fn fields(&mut self, row: &[(&str, &str)]) {
        let (lp, vp) = (self.st.label_pt, self.st.value_pt);
        let n = row.len().max(1) as f32;
        let colw = self.width() / n;
        match self.st.layout {
            Layout::Classic => {
                let base = self.y + vp.max(lp) + 1.0;
                for (i, (label, value)) in row.iter().enumerate() {
                    let x = self.x0 + colw * i as f32;
                    let lw = self.p.text(x, base, label, self.lb, lp);
                    let vx = x + lw + 5.0;
                    self.value_fit(vx, base, value, x + colw - vx - 6.0);
                }
                self.y = base + vp * (self.st.leading - 1.0) + 4.0;
            }
            Layout::Ruled => {
                let t = self.st.rule;
                let top = self.y;
                let h = if self.st.inline_cells { vp + 8.0 } else { lp + vp + 9.0 };
                self.p.hline(self.x0, self.x1, top, t);
                for (i, (label, value)) in row.iter().enumerate() {
                    let x = self.x0 + colw * i as f32;
                    self.p.vline(x, top, top + h, t);
                    if self.st.inline_cells {
                        let lw = self.p.text(x + 3.0, top + vp + 3.5, label, self.lf, lp);
                        self.value_fit(x + lw + 8.0, top + vp + 3.5, value, colw - lw - 12.0);
                    } else {
                        self.p.text(x + 2.5, top + lp + 1.5, label, self.lf, lp * 0.92);
                        self.value_fit(x + 6.0, top + lp + vp + 5.0, value, colw - 10.0);
                    }
                }
                self.p.vline(self.x1, top, top + h, t);
                self.p.hline(self.x0, self.x1 + t, top + h, t);
                self.y = top + h + 1.0;
            }
            Layout::Compact => {
                let base = self.y + vp;
                let mut x = self.x0;
                let mut base = base;
                for (label, value) in row {
                    let lw = self.p.measure(label, self.lf, lp);
                    let vw = self.p.measure(value, self.vf, vp);
                    if x > self.x0 && x + lw + vw + 3.0 > self.x1 {
                        // Run on to the next line rather than off the page.
                        x = self.x0;
                        base += vp * self.st.leading;
                    }
                    self.p.text(x, base, label, self.lf, lp);
                    self.value(x + lw + 3.0, base, value);
                    x += lw + vw + 16.0;
                }
                self.y = base + vp * (self.st.leading - 1.0) + 2.0;
            }
        }
    }

    /// Two address boxes side by side (TO / FROM); returns nothing, advances below the taller box.
    pub fn boxes(&mut self, left: (&str, &[String]), right: (&str, &[String])) {
        let (lp, vp) = (self.st.label_pt, self.st.value_pt);
        let gap = if self.st.layout == Layout::Ruled { 0.0 } else { 10.0 };
        let w = (self.width() - gap) / 2.0;
        let top = self.y;
        let mut bottoms = Vec::new();
        for (i, (label, lines)) in [left, right].iter().enumerate() {
            let x = self.x0 + i as f32 * (w + gap);
            let mut y = self.p.paragraph(x + 3.0, top + lp + 2.0, w - 6.0, label, self.lf, lp * 0.95, 1.15);
            y += 2.0;
            for l in lines.iter() {
                y += vp * 0.1;
                self.value_fit(x + 8.0, y + vp * 0.25, l, w - 14.0);
                y += vp * 1.12;
            }
            bottoms.push(y);
        }
        let bottom = bottoms.iter().cloned().fold(top, f32::max) + 2.0;
        if self.st.layout != Layout::Compact {
            for i in 0..2 {
                let x = self.x0 + i as f32 * (w + gap);
                self.p.rect(x, top, w, bottom - top, self.st.rule);
            }
        }
        self.y = bottom + 5.0;
    }

    /// A signature line with a caption under it and an optional typed value above it.
    pub fn sign_line(&mut self, x: f32, w: f32, base: f32, caption: &str, typed: Option<&str>) {
        if let Some(t) = typed {
            self.value_fit(x + 4.0, base - 2.0, t, w - 6.0);
        }
        self.p.hline(x, x + w, base, 0.6);
        self.p.text(x, base + self.st.label_pt + 1.5, caption, self.lf, self.st.label_pt * 0.9);
    }

    /// A handwritten signature: a few loops and a flourish, drawn as strokes.
    pub fn signature(&mut self, x: f32, base: f32, w: f32, rng: &mut Rng8) {
        let mut pts = Vec::new();
        let n = rng.gen_range(14..26);
        let amp = rng.gen_range(5.0..11.0);
        for i in 0..n {
            let f = i as f32 / n as f32;
            let px = x + f * w * rng.gen_range(0.55..0.8) + rng.gen_range(-2.0..2.0);
            let py = base - 3.0 - amp * (0.5 + 0.5 * ((i as f32) * rng.gen_range(1.4..2.6)).sin());
            pts.push((px, py));
        }
        let last = *pts.last().unwrap();
        pts.push((last.0 + rng.gen_range(10.0..30.0), base - rng.gen_range(0.0..4.0)));
        let lvl = self.p.level;
        self.p.level = rng.gen_range(200..=255);
        self.p.polyline(&pts, rng.gen_range(0.6..1.1));
        self.p.level = lvl;
    }

    /// The form number at the bottom-left and the page counter at the bottom-right.
    pub fn footer(&mut self, left: &str, right: &str) {
        let y = self.p.height_pt() - self.st.margin_t.min(40.0) * 0.75 - 6.0;
        let size = self.st.label_pt * 0.95;
        if self.y > y - size {
            self.p.overflow = true;
        }
        self.p.text(self.x0, y, left, self.lb, size);
        if !right.is_empty() {
            self.p.text_right(self.x1, y, right, self.lf, size);
        }
    }
}
