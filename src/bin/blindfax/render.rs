//! One transmission from plan to file: draw each page, mark the paper, scan it, add the machines' lines, code
//! the TIFF and write the expected records.

use crate::calendar::MON;
use crate::canvas::{GlyphCache, Page, SY};
use crate::encode::{self, Tags, Units};
use crate::fonts::Fonts;
use crate::forms_i247a::i247a_page1;
use crate::forms_legacy::legacy_page1;
use crate::header::{footer_text, strip, tti_font, tti_text};
use crate::model::{Body, Doc, Form, Line, PageKind, Transmission};
use crate::notice::notice_page;
use crate::others::{cover_page, other_page};
use crate::scan::{self, Bits, PROFILES};
use crate::truth;
use crate::warrants::{warrant_page, Subject};
use anyhow::Result;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng as Rng8;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

pub struct Rendered {
    pub records: Vec<Value>,
    pub pages: usize,
    pub rotated: usize,
}

/// Where the sending machine puts its header: over the top of the image, or on rows added above it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum HeaderMode {
    Over,
    Prepend,
}

fn draw(p: &mut Page, doc: &Doc, pk: PageKind, total: usize, t: &Transmission, line: &Line) {
    let st = &doc.style;
    let to_fax = {
        let n = &line.number;
        format!("({}) {}-{}", &n[..3], &n[3..6], &n[6..])
    };
    match (&doc.body, pk) {
        (_, PageKind::Cover) => cover_page(p, st, doc, total, t.received.date, &to_fax),
        (Body::Detainer(r), PageKind::Request) => {
            if r.form == Form::I247A {
                i247a_page1(p, st, r)
            } else {
                legacy_page1(p, st, r)
            }
        }
        (Body::Detainer(r), PageKind::Notice(n)) => notice_page(p, st, r, n),
        (Body::Detainer(r), PageKind::Warrant) => warrant_page(p, st, &r.warrant, &Subject::of(r)),
        (Body::Other(o), PageKind::Other(i)) => other_page(p, st, o, i, &to_fax),
        _ => {}
    }
}

pub fn render(
    t: &Transmission,
    lines: &[Line],
    fonts: &Fonts,
    cache: &mut GlyphCache,
    faxes: &Path,
) -> Result<Rendered> {
    let mut rng = Rng8::seed_from_u64(t.seed);
    let line = &lines[t.line];
    let total = t.page_count();
    let mode = if rng.gen_bool(0.7) { HeaderMode::Over } else { HeaderMode::Prepend };
    let stamp_date = {
        let d = t.received.date;
        format!("{} {:02} {}", MON[d.m as usize - 1], d.d, d.y)
    };
    let mut bits: Vec<Bits> = Vec::new();
    let mut logs: Vec<Vec<String>> = Vec::new();
    let mut rotated = 0;
    let mut file_page = 0usize;
    for doc in &t.docs {
        let mut log = Vec::new();
        for &pk in &doc.pages {
            file_page += 1;
            let mut p = Page::new(fonts, cache, doc.style.page_rows);
            draw(&mut p, doc, pk, total, t, line);
            if p.overflow {
                eprintln!("blindfax: warning: {} page {:?} overflows its footer ({})", doc.id, pk, t.file);
            }
            if let Some(f) = &t.forwarded {
                // The first receiver's printout carries the original header; it is now part of the paper.
                let (face, size) = tti_font(fonts, f);
                let text = tti_text(f, file_page, total);
                // Under the forwarding machine's own header, which takes the top few rows.
                let y = rng.gen_range(18.0..25.0);
                p.text(rng.gen_range(8.0..30.0), y, &text, face, size);
                log.push(format!("p{file_page}:header:forwarded"));
            }
            scan::paper_marks(&mut p, t.scanner, &mut rng, &mut log, file_page, &stamp_date);
            let heavy = rng.gen_bool(PROFILES[t.scanner].heavy_p);
            let rot = t.rot[file_page - 1];
            if rot != 0 {
                rotated += 1;
            }
            let mut b = scan::scan(
                p.into_canvas(),
                &scan::Feed { rot, fine: t.fine, prof: t.scanner, pg: file_page, heavy },
                &mut rng,
                &mut log,
            );
            match &t.tti {
                Some(tti) if !t.tti_skip.contains(&(file_page - 1)) => {
                    let (face, size) = tti_font(fonts, tti);
                    let text = tti_text(tti, file_page, total);
                    let s = strip(fonts, cache, &text, face, size, 4.0 + (tti.style as f32) * 3.0);
                    match mode {
                        HeaderMode::Over => {
                            scan::overlay(&mut b, &s, t.fine, 2);
                            log.push(format!("p{file_page}:header:over"));
                        }
                        HeaderMode::Prepend => {
                            scan::prepend(&mut b, &s, t.fine);
                            log.push(format!("p{file_page}:header:prepend"));
                        }
                    }
                }
                _ => log.push(format!("p{file_page}:header:none")),
            }
            scan::line_errors(&mut b, t.scanner, &mut rng, &mut log, file_page, heavy);
            if t.footer {
                let fam = &fonts.families[fonts.family("LiberationSansNarrow")];
                let text = footer_text(line.server, t.received, &line.name, file_page, total);
                let s = strip(fonts, cache, &text, fam.regular, 7.0, 30.0);
                let rows = s.len() / crate::canvas::WIDTH / if t.fine { 1 } else { 2 };
                let y = b.h.saturating_sub(rows + (4.0 * SY) as usize);
                scan::overlay(&mut b, &s, t.fine, y);
                log.push(format!("p{file_page}:footer:server"));
            }
            bits.push(b);
        }
        logs.push(log);
    }
    let software = match line.server {
        0 => ["HylaFAX 6.0.7", "HylaFAX+ 7.0.7"][rng.gen_range(0..2)],
        1 => "HylaFAX (tm) Version 4.4.4",
        2 => "spandsp 0.0.6",
        _ => "Fax2Mail Gateway 3.2",
    };
    let units = *[Units::Inch, Units::Inch, Units::Inch, Units::Centimetre, Units::InchExact].choose(&mut rng).unwrap();
    let datetime = t.datetime_tag.map(|slash| {
        let r = t.received;
        let sep = if slash { '/' } else { ':' };
        format!("{:04}{sep}{:02}{sep}{:02} {:02}:{:02}:{:02}", r.date.y, r.date.m, r.date.d, r.h, r.min, r.s)
    });
    let tags =
        Tags { fine: t.fine, units, lsb: t.lsb, software: software.to_string(), datetime, description: t.tsi.clone() };
    let path = faxes.join(&t.folder).join(&t.file);
    let bytes = encode::write(&path, &bits, &tags, t.encoding)?;
    let sha = format!("{:x}", Sha256::digest(&bytes));
    let mut records = Vec::new();
    let mut first = 1usize;
    for (doc, log) in t.docs.iter().zip(logs) {
        let pages: Vec<usize> = (first..first + doc.pages.len()).collect();
        first += doc.pages.len();
        records.push(truth::record(t, doc, line, &pages, total, &sha, log, fonts, units, mode));
    }
    Ok(Rendered { records, pages: total, rotated })
}
