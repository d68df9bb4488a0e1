//! What happens to a page between the printer and the received file: marks on the paper (rubber stamps, pen),
//! how it was fed (upside down, sideways), the scanner (skew, offset, toner too dark or too light, dirty glass
//! streaks, specks), standard-mode row sampling, and line errors in transmission (dropped, doubled and garbled
//! scan lines). Each sending machine gets a named profile; each page varies within it. Every change is logged
//! as "p<page>:<what>[:<amount>]" for the truth record.

use crate::canvas::{Canvas, Page, WIDTH};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng as Rng8;

pub struct Profile {
    pub name: &'static str,
    skew: f32,
    specks: (u32, u32),
    dropouts: (u32, u32),
    streak_p: f64,
    line_err_p: f64,
    thresh: (u8, u8),
    ink: (f32, f32),
    blur_p: f64,
    stamp_p: f64,
    pen_p: f64,
    pub heavy_p: f64,
    weight: u32,
}

pub const PROFILES: &[Profile] = &[
    Profile {
        name: "clean_office",
        skew: 0.4,
        specks: (0, 40),
        dropouts: (0, 0),
        streak_p: 0.02,
        line_err_p: 0.03,
        thresh: (115, 145),
        ink: (0.95, 1.0),
        blur_p: 0.1,
        stamp_p: 0.08,
        pen_p: 0.06,
        heavy_p: 0.0,
        weight: 24,
    },
    Profile {
        name: "worn_adf",
        skew: 2.0,
        specks: (100, 700),
        dropouts: (0, 200),
        streak_p: 0.5,
        line_err_p: 0.15,
        thresh: (100, 150),
        ink: (0.9, 1.0),
        blur_p: 0.2,
        stamp_p: 0.12,
        pen_p: 0.1,
        heavy_p: 0.03,
        weight: 20,
    },
    Profile {
        name: "dark_toner",
        skew: 1.0,
        specks: (200, 1200),
        dropouts: (0, 0),
        streak_p: 0.2,
        line_err_p: 0.05,
        thresh: (45, 85),
        ink: (1.0, 1.0),
        blur_p: 0.6,
        stamp_p: 0.1,
        pen_p: 0.1,
        heavy_p: 0.03,
        weight: 12,
    },
    Profile {
        name: "light_toner",
        skew: 1.0,
        specks: (0, 80),
        dropouts: (200, 1500),
        streak_p: 0.05,
        line_err_p: 0.05,
        thresh: (150, 180),
        ink: (0.82, 0.95),
        blur_p: 0.0,
        stamp_p: 0.1,
        pen_p: 0.1,
        heavy_p: 0.03,
        weight: 12,
    },
    Profile {
        name: "noisy_line",
        skew: 0.8,
        specks: (50, 300),
        dropouts: (0, 100),
        streak_p: 0.1,
        line_err_p: 0.7,
        thresh: (105, 150),
        ink: (0.95, 1.0),
        blur_p: 0.1,
        stamp_p: 0.08,
        pen_p: 0.05,
        heavy_p: 0.05,
        weight: 12,
    },
    Profile {
        name: "stamped_desk",
        skew: 1.2,
        specks: (20, 200),
        dropouts: (0, 50),
        streak_p: 0.1,
        line_err_p: 0.05,
        thresh: (110, 150),
        ink: (0.95, 1.0),
        blur_p: 0.15,
        stamp_p: 0.7,
        pen_p: 0.5,
        heavy_p: 0.02,
        weight: 12,
    },
    Profile {
        name: "wrecked",
        skew: 2.0,
        specks: (500, 2500),
        dropouts: (100, 800),
        streak_p: 0.6,
        line_err_p: 0.5,
        thresh: (70, 180),
        ink: (0.8, 1.0),
        blur_p: 0.4,
        stamp_p: 0.3,
        pen_p: 0.3,
        heavy_p: 0.4,
        weight: 8,
    },
];

pub fn pick_profile(rng: &mut Rng8) -> usize {
    let total: u32 = PROFILES.iter().map(|p| p.weight).sum();
    let mut r = rng.gen_range(0..total);
    for (i, p) in PROFILES.iter().enumerate() {
        if r < p.weight {
            return i;
        }
        r -= p.weight;
    }
    0
}

/// A bilevel page: 1 = black, row-major, `w` wide.
pub struct Bits {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

/// Rubber stamps and pen marks on the paper before it is scanned; both may land on top of the form.
pub fn paper_marks(p: &mut Page, prof: usize, rng: &mut Rng8, log: &mut Vec<String>, pg: usize, date_text: &str) {
    let pr = &PROFILES[prof];
    if rng.gen_bool(pr.stamp_p) {
        let word = *["RECEIVED", "FAXED", "RECEIVED", "COPY", "ENTERED", "SERVED"].choose(rng).unwrap();
        stamp(p, rng, word, date_text);
        log.push(format!("p{pg}:stamp:{}", word.to_lowercase()));
    }
    if rng.gen_bool(pr.pen_p) {
        let n = rng.gen_range(1..4);
        for _ in 0..n {
            let kind = pen(p, rng);
            log.push(format!("p{pg}:pen:{kind}"));
        }
    }
}

fn stamp(p: &mut Page, rng: &mut Rng8, word: &str, date_text: &str) {
    let fonts = p.fonts;
    let fam =
        &fonts.families[fonts.family(["LiberationSans", "NimbusSans", "FreeSans", "NimbusRoman"].choose(rng).unwrap())];
    let size = rng.gen_range(14.0..22.0);
    let (sw, sh) = (520usize, 240usize);
    let saved = std::mem::replace(&mut p.c, Canvas::new(sw, sh));
    let old = p.level;
    p.level = 255;
    let w1 = p.measure(word, fam.bold, size);
    let y0 = 6.0 + size;
    p.text(8.0, y0, word, fam.bold, size);
    let line2 = if rng.gen_bool(0.8) { date_text.to_string() } else { String::new() };
    let ds = size * 0.6;
    let mut w = w1;
    if !line2.is_empty() {
        w = w.max(p.measure(&line2, fam.regular, ds));
        p.text(8.0, y0 + ds * 1.4, &line2, fam.regular, ds);
    }
    let sub = *["BOSTON POLICE DEPT.", "BOOKING", "", "RECORDS UNIT"].choose(rng).unwrap();
    let mut h = if line2.is_empty() { size + 10.0 } else { size + ds * 1.4 + 10.0 };
    if !sub.is_empty() {
        p.text(8.0, 6.0 + h + ds * 0.2, sub, fam.regular, ds * 0.9);
        w = w.max(p.measure(sub, fam.regular, ds * 0.9));
        h += ds * 1.2;
    }
    p.rect(3.0, 3.0, w + 10.0, h + 2.0, 1.4);
    let st = std::mem::replace(&mut p.c, saved);
    // Red or purple ink comes through the fax lighter than black print: sometimes faint, sometimes gone.
    p.level = old;
    let level = rng.gen_range(150..=255u32);
    let angle = rng.gen_range(-12.0f32..12.0).to_radians();
    let cx = rng.gen_range(200..(p.c.w - 200)) as f32;
    let cy = rng.gen_range(150..(p.c.h - 150)) as f32;
    let (sn, cs) = angle.sin_cos();
    let r = (sw.max(sh) as f32) * 0.75;
    for dy in -(r as i32)..(r as i32) {
        for dx in -(r as i32)..(r as i32) {
            let (fx, fy) = (dx as f32, dy as f32);
            let sx = fx * cs + fy * sn + sw as f32 / 2.0;
            let sy = -fx * sn + fy * cs + sh as f32 / 2.0;
            if sx < 0.0 || sy < 0.0 || sx >= sw as f32 || sy >= sh as f32 {
                continue;
            }
            let v = st.ink[sy as usize * sw + sx as usize] as u32;
            if v > 0 {
                p.c.put(cx as i32 + dx, cy as i32 + dy, (v * level / 255) as u8);
            }
        }
    }
}

fn pen(p: &mut Page, rng: &mut Rng8) -> &'static str {
    let (wp, hp) = (p.width_pt(), p.height_pt());
    let old = p.level;
    p.level = rng.gen_range(170..=255);
    let t = rng.gen_range(0.7..1.6);
    let (x, y) = (rng.gen_range(40.0..wp - 120.0), rng.gen_range(60.0..hp - 80.0));
    let kind = match rng.gen_range(0..5) {
        0 => {
            let (rx, ry) = (rng.gen_range(30.0..110.0), rng.gen_range(8.0..22.0));
            let pts: Vec<(f32, f32)> = (0..=40)
                .map(|i| {
                    let a = i as f32 / 40.0 * 6.6;
                    (x + rx * a.cos() + rng.gen_range(-1.0..1.0), y + ry * a.sin() + rng.gen_range(-1.0..1.0))
                })
                .collect();
            p.polyline(&pts, t);
            "circle"
        }
        1 => {
            let len = rng.gen_range(60.0..200.0);
            p.polyline(
                &[(x, y), (x + len * 0.5, y + rng.gen_range(-2.0..2.0)), (x + len, y + rng.gen_range(-3.0..3.0))],
                t,
            );
            "underline"
        }
        2 => {
            p.polyline(&[(x, y), (x + 6.0, y + 8.0), (x + 20.0, y - 12.0)], t);
            "tick"
        }
        3 => {
            let mut pts = vec![(x, y)];
            for i in 1..12 {
                pts.push((x + i as f32 * rng.gen_range(3.0..6.0), y + rng.gen_range(-9.0..9.0)));
            }
            p.polyline(&pts, t);
            "initials"
        }
        _ => {
            p.line(x, y, x + rng.gen_range(-40.0..40.0), y + rng.gen_range(40.0..140.0), t);
            "stroke"
        }
    };
    p.level = old;
    kind
}

/// Rotate a quarter turn (clockwise when `cw`), then shrink to fax width the way sending software fits a
/// landscape image onto a portrait page, and pad to `rows`.
fn sideways(c: &Canvas, cw: bool, rows: usize) -> Canvas {
    let (w, h) = (c.h, c.w);
    let mut r = Canvas::new(w, h);
    for ny in 0..h {
        let row = &mut r.ink[ny * w..(ny + 1) * w];
        for (nx, v) in row.iter_mut().enumerate() {
            let (x, y) = if cw { (ny, c.h - 1 - nx) } else { (c.w - 1 - ny, nx) };
            *v = c.ink[y * c.w + x];
        }
    }
    let k = WIDTH as f32 / w as f32;
    let nh = (h as f32 * k) as usize;
    let mut out = Canvas::new(WIDTH, rows.max(nh));
    let top = (out.h - nh) / 2;
    for y in 0..nh {
        for x in 0..WIDTH {
            // Box filter over the source pixels this output pixel covers.
            let (x0, x1) =
                ((x as f32 / k) as usize, (((x + 1) as f32 / k) as usize).min(w).max((x as f32 / k) as usize + 1));
            let (y0, y1) =
                ((y as f32 / k) as usize, (((y + 1) as f32 / k) as usize).min(h).max((y as f32 / k) as usize + 1));
            let mut sum = 0u32;
            for sy in y0..y1 {
                for sx in x0..x1 {
                    sum += r.ink[sy * w + sx] as u32;
                }
            }
            out.ink[(top + y) * WIDTH + x] = (sum / ((x1 - x0) * (y1 - y0)) as u32) as u8;
        }
    }
    out
}

/// Small-angle rotation as two shears plus an offset: cheap (whole-row copies), and the stair-stepped edges
/// are what real skewed fax scans look like.
fn skew(c: &Canvas, deg: f32, dx: i32, dy: i32) -> Canvas {
    let t = deg.to_radians().tan();
    let (w, h) = (c.w, c.h);
    let mut a = Canvas::new(w, h);
    // Vertical shear: columns shift by (x - w/2) * t, done in runs of equal shift.
    let mut x0 = 0;
    while x0 < w {
        let s = ((x0 as f32 - w as f32 / 2.0) * t).round() as i32 + dy;
        let mut x1 = x0 + 1;
        while x1 < w && ((x1 as f32 - w as f32 / 2.0) * t).round() as i32 + dy == s {
            x1 += 1;
        }
        for y in 0..h as i32 {
            let sy = y - s;
            if sy >= 0 && (sy as usize) < h {
                let (d, src) = (y as usize * w, sy as usize * w);
                a.ink[d + x0..d + x1].copy_from_slice(&c.ink[src + x0..src + x1]);
            }
        }
        x0 = x1;
    }
    let mut b = Canvas::new(w, h);
    for y in 0..h {
        // Horizontal shear: each row moves right by s (left when negative).
        let s = (-(y as f32 - h as f32 / 2.0) * t).round() as i32 + dx;
        let row = y * w;
        let n = w.saturating_sub(s.unsigned_abs() as usize);
        if s >= 0 {
            b.ink[row + s as usize..row + s as usize + n].copy_from_slice(&a.ink[row..row + n]);
        } else {
            let k = (-s) as usize;
            b.ink[row..row + n].copy_from_slice(&a.ink[row + k..row + k + n]);
        }
    }
    b
}

fn blur(c: &mut Canvas) {
    let (w, h) = (c.w, c.h);
    let src = c.ink.clone();
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let i = y * w + x;
            let s = src[i] as u32 * 4 + src[i - 1] as u32 + src[i + 1] as u32 + src[i - w] as u32 + src[i + w] as u32;
            c.ink[i] = (s / 8).min(255) as u8;
        }
    }
}

/// How one page goes through the sending machine.
#[derive(Clone, Copy)]
pub struct Feed {
    /// Clockwise rotation as fed: 0, 90, 180 or 270.
    pub rot: u16,
    pub fine: bool,
    /// Index into PROFILES.
    pub prof: usize,
    /// 1-based page number in the file, for the log.
    pub pg: usize,
    pub heavy: bool,
}

/// Scan a page: feed rotation, skew, toner, row sampling for standard mode, thresholding, scanner noise.
pub fn scan(mut c: Canvas, feed: &Feed, rng: &mut Rng8, log: &mut Vec<String>) -> Bits {
    let Feed { rot, fine, prof, pg, heavy } = *feed;
    let pr = &PROFILES[prof];
    let rows = c.h;
    match rot {
        180 => c.ink.reverse(),
        90 => c = sideways(&c, true, rows),
        270 => c = sideways(&c, false, rows),
        _ => {}
    }
    if rot != 0 {
        log.push(format!("p{pg}:rot:{rot}"));
    }
    let max_skew = if heavy { 2.0 } else { pr.skew };
    let deg = rng.gen_range(-max_skew..=max_skew);
    let (dx, dy) = (rng.gen_range(-20..=20), rng.gen_range(-24..=16));
    if deg.abs() > 0.05 || dx != 0 || dy != 0 {
        c = skew(&c, deg, dx, dy);
        log.push(format!("p{pg}:skew:{deg:.2}"));
        log.push(format!("p{pg}:shift:{dx},{dy}"));
    }
    let blurred = rng.gen_bool(pr.blur_p) || (heavy && rng.gen_bool(0.5));
    if blurred {
        blur(&mut c);
        log.push(format!("p{pg}:blur"));
    }
    let ink = rng.gen_range(pr.ink.0..=pr.ink.1);
    if ink < 0.99 {
        let lut: Vec<u8> = (0..256).map(|v| (v as f32 * ink) as u8).collect();
        for v in c.ink.iter_mut() {
            *v = lut[*v as usize];
        }
        log.push(format!("p{pg}:ink:{ink:.2}"));
    }
    let (w, h) = if fine { (c.w, c.h) } else { (c.w, c.h / 2) };
    let mut gray = c.ink;
    if !fine {
        // Standard mode samples every other line with a taller aperture: average each row pair.
        let mut g = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                g[y * w + x] = ((gray[2 * y * w + x] as u16 + gray[(2 * y + 1) * w + x] as u16) / 2) as u8;
            }
        }
        gray = g;
    }
    let mut t = rng.gen_range(pr.thresh.0..=pr.thresh.1);
    // A blur spreads a thin stroke's ink, and averaging a standard-mode row pair halves a one-row stroke's:
    // with a light setting on top, every thin line would vanish instead of thinning.
    t = t.min(if blurred { 135 } else { 165 });
    if !fine {
        t = t.min(150);
    }
    if heavy {
        t = *[55u8, 62, 170, 178].choose(rng).unwrap();
    }
    // Keep full-ink strokes above the threshold: a faint scan loses thin strokes, not whole pages.
    t = t.min((ink * 255.0) as u8 - 45);
    log.push(format!("p{pg}:threshold:{t}"));
    let px: Vec<u8> = gray.iter().map(|&v| (v > t) as u8).collect();
    let mut b = Bits { w, h, px };
    let mult = if heavy { 3 } else { 1 };
    let n = rng.gen_range(pr.specks.0..=pr.specks.1) * mult;
    if n > 0 {
        specks(&mut b, rng, n, 1);
        log.push(format!("p{pg}:specks:{n}"));
    }
    let n = rng.gen_range(pr.dropouts.0..=pr.dropouts.1) * mult;
    if n > 0 {
        specks(&mut b, rng, n, 0);
        log.push(format!("p{pg}:dropouts:{n}"));
    }
    if rng.gen_bool(pr.streak_p) || heavy {
        let k = rng.gen_range(1..=if heavy { 4 } else { 2 });
        for _ in 0..k {
            let x = rng.gen_range(0..b.w);
            let width = rng.gen_range(1..=3);
            let (y0, y1) =
                if rng.gen_bool(0.6) { (0, b.h) } else { (rng.gen_range(0..b.h / 2), rng.gen_range(b.h / 2..b.h)) };
            for y in y0..y1 {
                for xx in x..(x + width).min(b.w) {
                    b.px[y * b.w + xx] = 1;
                }
            }
        }
        log.push(format!("p{pg}:streaks:{k}"));
    }
    if heavy {
        log.push(format!("p{pg}:heavy"));
    }
    b
}

fn specks(b: &mut Bits, rng: &mut Rng8, n: u32, v: u8) {
    for _ in 0..n {
        let (x, y) = (rng.gen_range(0..b.w), rng.gen_range(0..b.h));
        let (sw, sh) = (rng.gen_range(1..=3), rng.gen_range(1..=2));
        for yy in y..(y + sh).min(b.h) {
            for xx in x..(x + sw).min(b.w) {
                b.px[yy * b.w + xx] = v;
            }
        }
    }
}

/// Line errors on the wire: lost lines (the rest moves up), lines repeated by error concealment, garbage runs.
pub fn line_errors(b: &mut Bits, prof: usize, rng: &mut Rng8, log: &mut Vec<String>, pg: usize, heavy: bool) {
    let pr = &PROFILES[prof];
    if !(heavy || rng.gen_bool(pr.line_err_p)) {
        return;
    }
    let w = b.w;
    let mult = if heavy { 4 } else { 1 };
    let dropped = rng.gen_range(0..=4) * mult;
    for _ in 0..dropped {
        let y = rng.gen_range(0..b.h);
        b.px.drain(y * w..(y + 1) * w);
        b.px.extend(std::iter::repeat_n(0u8, w));
    }
    let doubled = rng.gen_range(0..=4) * mult;
    for _ in 0..doubled {
        let y = rng.gen_range(1..b.h);
        let row: Vec<u8> = b.px[(y - 1) * w..y * w].to_vec();
        b.px.splice(y * w..y * w, row);
        b.px.truncate(b.h * w);
    }
    let garbled = rng.gen_range(0..=2) * mult;
    for _ in 0..garbled {
        let y = rng.gen_range(0..b.h);
        let mut x = 0;
        while x < w {
            let run = rng.gen_range(4..80);
            let v = rng.gen_bool(0.35) as u8;
            for xx in x..(x + run).min(w) {
                b.px[y * w + xx] = v;
            }
            x += run;
        }
    }
    for (k, n) in [("dropped_lines", dropped), ("doubled_lines", doubled), ("garbled_lines", garbled)] {
        if n > 0 {
            log.push(format!("p{pg}:{k}:{n}"));
        }
    }
}

/// OR a machine-drawn strip (fine rows of ink) onto the page at row `y`, halving rows in standard mode.
pub fn overlay(b: &mut Bits, strip: &[u8], fine: bool, y: usize) {
    let w = b.w;
    let rows = strip.len() / WIDTH;
    // The machine draws its line at the transmitted resolution: in standard mode a row is black where
    // either fine row of the pair would be.
    let step = if fine { 1 } else { 2 };
    for (i, sy) in (0..rows).step_by(step).enumerate() {
        let yy = y + i;
        if yy >= b.h {
            break;
        }
        for x in 0..w {
            let v = if fine || sy + 1 >= rows {
                strip[sy * WIDTH + x]
            } else {
                strip[sy * WIDTH + x].max(strip[(sy + 1) * WIDTH + x])
            };
            if v > 110 {
                b.px[yy * w + x] = 1;
            }
        }
    }
}

/// Insert white rows at the top and OR the strip into them: a header printed above the page image.
pub fn prepend(b: &mut Bits, strip: &[u8], fine: bool) {
    let rows = strip.len() / WIDTH / if fine { 1 } else { 2 } + 2;
    b.px.splice(0..0, std::iter::repeat_n(0u8, rows * b.w));
    b.h += rows;
    overlay(b, strip, fine, 1);
}
