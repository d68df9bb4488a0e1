//! The lines machines add: the sender's TTI header across the top of each page (styles differ by machine) and
//! the receiving server's footer. Both are drawn digitally, so they are straight and crisp even when the page
//! under them is skewed and dirty.

use crate::calendar::MON;
use crate::canvas::{GlyphCache, Page, SY};
use crate::fonts::Fonts;
use crate::model::Tti;

fn fmt_phone(d: &str, style: u8) -> String {
    if d.len() != 10 {
        return d.to_string();
    }
    match style {
        0 => format!("{}-{}-{}", &d[..3], &d[3..6], &d[6..]),
        1 => format!("({}) {}-{}", &d[..3], &d[3..6], &d[6..]),
        2 => format!("+1 {} {} {}", &d[..3], &d[3..6], &d[6..]),
        3 => format!("{} {} {}", &d[..3], &d[3..6], &d[6..]),
        _ => d.to_string(),
    }
}

/// The header text for page `page` (1-based) of `total`.
pub fn tti_text(t: &Tti, page: usize, total: usize) -> String {
    let s = t.sent;
    let d = s.date;
    let tid = 100 + (s.min * 7 + s.s * 3 + d.d) % 900;
    let fid = 100 + (s.h * 13 + s.s + d.m * 5) % 900;
    match t.style {
        0 => format!("{} {}  FROM: {}  {}  P.{:02}", d.us(), s.hm(), t.sender, fmt_phone(&t.number, 0), page),
        1 => format!("{} {}  {}  TO: {}  Page {}/{}", d.day_mon_yy(), s.hm12(), t.sender, t.to, page, total),
        2 => format!(
            "{} {}:{:02}  {}  {}  {:03}/{:03}",
            d.iso(),
            s.hm(),
            s.s,
            t.sender,
            fmt_phone(&t.number, 1),
            page,
            total
        ),
        3 => format!(
            "{} {} FROM-{}  {}  T-{} P.{:03}/{:03} F-{}",
            d.mon_dd_yyyy(),
            s.hm12(),
            t.sender,
            fmt_phone(&t.number, 2),
            tid,
            page,
            total,
            fid
        ),
        4 => format!(
            "{} {} FAX {}  {}  @{:03}/{:03}",
            d.us_short(),
            s.hm(),
            fmt_phone(&t.number, 3),
            t.sender,
            page,
            total
        ),
        5 => {
            let mon = MON[d.m as usize - 1];
            let mon = format!("{}{}", &mon[..1], mon[1..].to_lowercase());
            format!(
                "FROM : {}    PHONE NO. : {}    {}. {:02} {} {}  P{}",
                t.sender,
                fmt_phone(&t.number, 3),
                mon,
                d.d,
                d.y,
                s.hm12(),
                page
            )
        }
        _ => format!(
            "{} {}  FROM {}  TO {}  {}  PAGE {:02} OF {:02}",
            d.day_mon_yy(),
            s.hm(),
            fmt_phone(&t.number, 0),
            t.to,
            t.sender,
            page,
            total
        ),
    }
}

/// The date and time the header line states, as the record writes it (seconds only when printed).
pub fn tti_stamp(t: &Tti) -> String {
    if t.style == 2 {
        t.sent.iso_sec()
    } else {
        t.sent.iso_min()
    }
}

/// The receiving server's own line at the foot of the page.
pub fn footer_text(server: u8, received: crate::calendar::Stamp, line: &str, page: usize, total: usize) -> String {
    let d = received.date;
    match server {
        0 => {
            format!("Received {} {}:{:02} on {} -- page {} of {}", d.us(), received.hm(), received.s, line, page, total)
        }
        3 => format!(
            "{} {}:{:02}  FAX2MAIL GATEWAY  {}  PG {}/{}",
            d.iso(),
            received.hm(),
            received.s,
            line.to_uppercase(),
            page,
            total
        ),
        _ => format!("RightFax  {}  {}  PAGE {}/{}  {}", d.us_loose(), received.hm12(), page, total, line),
    }
}

/// Which header font and size a sending machine uses, fixed per sender so a file is consistent.
pub fn tti_font(fonts: &Fonts, t: &Tti) -> (crate::fonts::FaceId, f32) {
    let h = t.sender.bytes().fold(t.style as u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32));
    let names = ["FreeMono", "LiberationMono", "NimbusMonoPS", "NimbusSansNarrow", "LiberationSansNarrow", "FreeSans"];
    let fam = &fonts.families[fonts.family(names[(h % names.len() as u32) as usize])];
    // FreeMono's hairline strokes vanish at fax resolution; machines' own fonts are never that thin.
    let face = if h % 3 == 0 || fam.name == "FreeMono" { fam.bold } else { fam.regular };
    (face, 7.5 + (h % 4) as f32 * 0.6)
}

/// Draw a machine line into a fine-resolution strip and return its ink rows (height in fine rows).
pub fn strip(
    fonts: &Fonts,
    cache: &mut GlyphCache,
    text: &str,
    face: crate::fonts::FaceId,
    size: f32,
    x: f32,
) -> Vec<u8> {
    let rows = ((size * 1.5) * SY) as usize;
    let mut p = Page::new(fonts, cache, rows);
    p.text(x, size * 1.1, text, face, size);
    p.c.ink
}
