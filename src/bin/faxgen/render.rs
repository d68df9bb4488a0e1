//! Corpus planning (which files, lines, transports) and rendering a file plan to its bytes.

use crate::agencies;
use crate::corpus::{
    self, Damage, Doc, DtStyle, Enc, FilePlan, Form, HeaderLine, Options, Res, StdMode, Transport, Units,
};
use crate::degrade::{self, Degrade};
use crate::encode::{self, PageOut};
use crate::forms::{self, Style, PAGE_H, PAGE_W};
use crate::header;
use crate::people::{chance, pick, Date, DateTime, Rng8};
use crate::text::{Affine, Canvas, Fonts};
use anyhow::Result;
use rand::{Rng, SeedableRng};
use std::path::Path;

/// Line "server profiles": 0 HylaFAX, 1 Asterisk/spandsp, 2 MFP / email gateway.
fn profile(rng: &mut Rng8, line: usize) -> u8 {
    match agencies::LINES[line].folder {
        "ops-dedicated" => 0,
        "email-bureau" => 2,
        _ => {
            if chance(rng, 0.55) {
                0
            } else {
                1
            }
        }
    }
}

pub fn transport(rng: &mut Rng8, doc: &Doc, line: usize, opts: &Options, prof: u8, day: Date) -> Transport {
    let scan = opts.resolution.is_none() && prof == 2 && chance(rng, 0.4);
    let res = if scan {
        Res::Scan(*pick(rng, &[200, 300]))
    } else if let Some(r) = opts.resolution {
        r
    } else {
        let x: f64 = rng.gen();
        if x < 0.62 {
            Res::Fine
        } else if x < 0.95 {
            Res::Standard
        } else {
            Res::Superfine
        }
    };
    let enc = if scan {
        if chance(rng, 0.6) {
            Enc::Png
        } else {
            Enc::GrayTiff
        }
    } else {
        let x: f64 = rng.gen();
        match prof {
            0 => {
                if x < 0.45 {
                    Enc::G3_2d
                } else if x < 0.72 {
                    Enc::G4
                } else if x < 0.92 {
                    Enc::G3_1d
                } else if x < 0.97 {
                    Enc::Mh
                } else {
                    Enc::None
                }
            }
            1 => {
                if x < 0.4 {
                    Enc::G3_2d
                } else if x < 0.65 {
                    Enc::G3_1d
                } else if x < 0.92 {
                    Enc::G4
                } else {
                    Enc::Mh
                }
            }
            _ => {
                if x < 0.65 {
                    Enc::G4
                } else if x < 0.92 {
                    Enc::G3_1d
                } else {
                    Enc::None
                }
            }
        }
    };
    let fill_order = match (enc, prof) {
        (Enc::Png | Enc::GrayTiff, _) => 1,
        (_, 0) if chance(rng, 0.9) => 2,
        (_, 1) if chance(rng, 0.8) => 2,
        _ => 1,
    };
    let (sender_name, sender_number) = corpus::sender_of(doc, rng);
    let secs = if chance(rng, 0.85) { rng.gen_range(6 * 3600..23 * 3600) } else { rng.gen_range(0..86400) };
    let received = DateTime { date: day, secs };
    let skew: i64 = if chance(rng, 0.1) { rng.gen_range(-4000..4000) } else { rng.gen_range(-300..300) };
    let sent = received.add_secs(-rng.gen_range(5..90) + skew);
    let tsi = if scan || chance(rng, 0.12) {
        None
    } else {
        let d = header::digits(&sender_number);
        Some(match rng.gen_range(0..4) {
            0 => format!("+1 {} {} {}", &d[0..3], &d[3..6], &d[6..]),
            1 => d.clone(),
            2 => format!("  {}", sender_name),
            _ => format!("1{d}"),
        })
    };
    let header = if scan || chance(rng, 0.06) {
        None
    } else {
        Some(HeaderLine {
            style: rng.gen_range(0..5),
            over: chance(rng, 0.35),
            bottom: chance(rng, 0.07),
            font: pick::<&str>(
                rng,
                &["DejaVuSansMono", "LiberationMono", "FreeMonoBold", "DejaVuSans", "LiberationSans"],
            ),
            size: rng.gen_range(22.0..27.0),
            tnum: rng.gen_range(100..999),
            fnum: rng.gen_range(1..999),
        })
    };
    let (software, datetime) = match prof {
        0 => (
            Some(*pick(rng, &["HylaFAX (tm) Version 7.0.4", "HylaFAX 6.0.7", "HylaFAX+ 7.0.7"])),
            if chance(rng, 0.9) { Some(DtStyle::Colon) } else { None },
        ),
        1 => (
            Some(*pick(rng, &["Spandsp 20180108 075135", "spandsp 0.0.6"])),
            if chance(rng, 0.85) { Some(DtStyle::Slash) } else { None },
        ),
        _ => (
            if chance(rng, 0.5) {
                Some(*pick(rng, &["Xerox WorkCentre 7845", "RICOH MP C3004", "Canon iR-ADV C5535"]))
            } else {
                None
            },
            if chance(rng, 0.5) { Some(DtStyle::Colon) } else { None },
        ),
    };
    let units = {
        let x: f64 = rng.gen();
        if x < 0.7 {
            Units::Inch
        } else if x < 0.85 {
            Units::InchExact
        } else {
            Units::Cm
        }
    };
    Transport {
        res,
        std_mode: *pick(
            rng,
            &[StdMode::Direct, StdMode::Direct, StdMode::Direct, StdMode::OrPairs, StdMode::OrPairs, StdMode::Decimate],
        ),
        enc,
        g3_fill: chance(rng, 0.3),
        fill_order,
        units,
        tsi,
        software,
        datetime,
        header,
        sender_name,
        sender_number,
        recv_number: agencies::LINES[line].number.to_string(),
        received,
        sent,
    }
}

fn received_day(rng: &mut Rng8, doc: &Doc) -> Date {
    match &doc.request {
        Some(r) if r.form == Form::I247a => r.issued.add(if chance(rng, 0.7) { 0 } else { rng.gen_range(1..3) }),
        Some(_) => Date::between(rng, Date { y: 2019, m: 1, d: 2 }, Date { y: 2026, m: 6, d: 30 }),
        None => doc.other.as_ref().map(|o| o.date).unwrap_or(Date { y: 2024, m: 1, d: 2 }),
    }
}

pub fn plan_corpus(rng: &mut Rng8, n: usize, opts: &Options) -> Vec<FilePlan> {
    let mut plans: Vec<FilePlan> = Vec::new();
    let mut i = 0;
    while i < n {
        let id = format!("d{:05}", i);
        let line = agencies::line(rng);
        let x: f64 = rng.gen();
        let mut damage = None;
        let doc = if x < 0.04 {
            let d = *pick(
                rng,
                &[
                    Damage::Empty,
                    Damage::Truncated,
                    Damage::Pdf,
                    Damage::Text,
                    Damage::PngNamedTif,
                    Damage::BadPage(0),
                    Damage::BadPage(0),
                ],
            );
            damage = Some(d);
            corpus::request_doc(rng, id.clone(), Form::I247a, line, false)
        } else if x < 0.24 {
            corpus::other_doc(rng, id.clone(), line)
        } else if x < 0.32 {
            let form = *pick(
                rng,
                &[Form::I247d, Form::I247d, Form::I247d, Form::I247d, Form::I247d, Form::I247n, Form::I247x],
            );
            corpus::request_doc(rng, id.clone(), form, line, false)
        } else if x < 0.40 {
            corpus::request_doc(rng, id.clone(), Form::I247a, line, true)
        } else {
            corpus::request_doc(rng, id.clone(), Form::I247a, line, false)
        };
        if let Some(Damage::BadPage(_)) = damage {
            // corrupt a page other than the request page, so the readable document is still a detainer
            let req = doc.pages.iter().position(|p| matches!(p, corpus::PageSpec::I247aP1)).unwrap_or(0);
            let cands: Vec<usize> = (0..doc.pages.len()).filter(|&k| k != req).collect();
            damage = if cands.is_empty() { Some(Damage::Truncated) } else { Some(Damage::BadPage(*pick(rng, &cands))) };
        }
        let mut doc = doc;
        if damage == Some(Damage::PngNamedTif) {
            // a one-page scan of the request saved as PNG under a .tif name
            doc.pages = vec![corpus::PageSpec::I247aP1];
            doc.warrant = None;
            doc.cover = None;
        }
        let prof = profile(rng, line);
        let day = received_day(rng, &doc);
        let mut t = transport(rng, &doc, line, opts, prof, day);
        if damage.is_some() && matches!(t.res, Res::Scan(_)) {
            // damage is applied to fax TIFFs only
            t.res = opts.resolution.unwrap_or(Res::Fine);
            t.enc = Enc::G4;
        }
        if damage == Some(Damage::PngNamedTif) {
            t.res = Res::Fine;
            t.enc = Enc::G4;
            t.tsi = None;
            t.datetime = None;
        }
        if t.enc == Enc::Png {
            // a PNG holds one page: the bureau scanned only the page that matters
            let keep = doc
                .pages
                .iter()
                .position(|p| {
                    matches!(p, corpus::PageSpec::I247aP1 | corpus::PageSpec::I247dP1 | corpus::PageSpec::Other(1))
                })
                .unwrap_or(0);
            doc.pages = vec![doc.pages[keep].clone()];
            doc.warrant = None;
            doc.cover = None;
        }
        let mut docs = vec![doc.clone()];
        if doc.request.is_some() && damage.is_none() && t.enc != Enc::Png && chance(rng, 0.03) {
            // a batch: a second request faxed in the same call (one file, two documents)
            let form = if chance(rng, 0.8) { Form::I247a } else { Form::I247d };
            let mut d2 = corpus::request_doc_with(rng, format!("{id}b"), form, line, false, None, Some(false));
            if let (Some(a), Some(b)) = (&doc.request, &mut d2.request) {
                b.office = a.office;
                if form == Form::I247a {
                    b.issued = a.issued;
                }
                b.event = agencies::event_number(rng, b.office, b.issued);
            }
            docs.push(d2);
            let total: usize = docs.iter().map(|d| d.pages.len()).sum();
            if let Some(c) = &mut docs[0].cover {
                c.pages = total;
            }
        }
        let copy = docs.len() == 1 && doc.request.is_some() && damage.is_none() && i + 1 < n && chance(rng, 0.08);
        let naming = naming_for(rng, prof, &t);
        plans.push(FilePlan {
            rel_path: String::new(),
            line,
            docs,
            transport: t.clone(),
            damage,
            seed: rng.gen(),
            copy_of: None,
            naming,
        });
        i += 1;
        if copy {
            // the same request sent to a second line: identical pages, another header time/line/encoding
            let mut line2 = agencies::line(rng);
            if line2 == line {
                line2 = (line + 1) % agencies::LINES.len();
            }
            let prof2 = profile(rng, line2);
            let mut t2 = transport(rng, &doc, line2, opts, prof2, day);
            if matches!(t2.res, Res::Scan(_)) {
                t2.res = Res::Fine;
                t2.enc = Enc::G4;
            }
            let delta = rng.gen_range(60..7200);
            t2.received = t.received.add_secs(delta);
            t2.sent = t.sent.add_secs(delta);
            t2.sender_name = t.sender_name.clone();
            t2.sender_number = t.sender_number.clone();
            let naming = naming_for(rng, prof2, &t2);
            plans.push(FilePlan {
                rel_path: String::new(),
                line: line2,
                docs: vec![doc],
                transport: t2,
                damage: None,
                seed: rng.gen(),
                copy_of: Some(id),
                naming,
            });
            i += 1;
        }
    }
    assign_names(rng, &mut plans);
    plans
}

fn naming_for(rng: &mut Rng8, prof: u8, t: &Transport) -> u8 {
    match (prof, t.enc) {
        (_, Enc::Png) => 4,
        (0, _) => {
            if chance(rng, 0.8) {
                0
            } else {
                1
            }
        }
        (1, _) => 2,
        _ => 3,
    }
}

/// File names per line in receiving order: HylaFAX sequence numbers, Asterisk and MFP time stamps.
pub fn assign_names(rng: &mut Rng8, plans: &mut [FilePlan]) {
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by_key(|&k| (plans[k].transport.received, k));
    let mut seq: Vec<u32> = agencies::LINES.iter().map(|_| rng.gen_range(10..4000)).collect();
    let mut used = std::collections::BTreeSet::new();
    for k in order {
        let p = &mut plans[k];
        let folder = agencies::LINES[p.line].folder;
        seq[p.line] += rng.gen_range(1..4);
        let r = p.transport.received;
        let (h, m, s) = r.hms();
        let d = r.date;
        let ext =
            if p.damage == Some(Damage::PngNamedTif) || p.damage == Some(Damage::Pdf) || p.damage == Some(Damage::Text)
            {
                "tif"
            } else if p.transport.enc == Enc::Png {
                "png"
            } else {
                "tif"
            };
        let base = match p.naming {
            0 => format!("fax{:09}", seq[p.line]),
            1 => format!("fax{:05}", seq[p.line] % 100000),
            2 => format!(
                "fax-{:04}{:02}{:02}-{:02}{:02}{:02}-{}",
                d.y,
                d.m,
                d.d,
                h,
                m,
                s,
                header::digits(&p.transport.sender_number)
            ),
            3 => format!("FAX_{:04}{:02}{:02}_{:02}{:02}{:02}", d.y, d.m, d.d, h, m, s),
            _ => format!("scan_{:04}-{:02}-{:02}_{:02}{:02}{:02}", d.y, d.m, d.d, h, m, s),
        };
        let mut name = format!("{folder}/{base}.{ext}");
        let mut n = 1;
        while used.contains(&name) {
            name = format!("{folder}/{base}_{n}.{ext}");
            n += 1;
        }
        used.insert(name.clone());
        p.rel_path = name;
    }
}

pub struct Rendered {
    pub bytes: Vec<u8>,
    pub styles: Vec<Style>,
    /// Per file page: degradations applied.
    pub degradations: Vec<Vec<String>>,
    /// Per file page: header line text and numbers.
    pub headers: Vec<Option<(String, Vec<String>)>>,
    pub dpi: (f32, f32),
}

fn dims(res: Res, std_mode: StdMode) -> (usize, usize, f32, f32) {
    match res {
        Res::Fine => (PAGE_W, PAGE_H, 1.0, 1.0),
        Res::Standard if std_mode == StdMode::Direct => (PAGE_W, PAGE_H / 2, 1.0, 0.5),
        Res::Standard => (PAGE_W, PAGE_H, 1.0, 1.0),
        Res::Superfine => (PAGE_W, PAGE_H * 2, 1.0, 2.0),
        Res::Scan(d) => {
            let (w, h) = ((8.5 * d as f32) as usize, (11.0 * d as f32) as usize);
            (w, h, w as f32 / PAGE_W as f32, h as f32 / PAGE_H as f32)
        }
    }
}

pub fn fmt_dt(dt: DateTime, style: DtStyle) -> String {
    let (h, m, s) = dt.hms();
    let d = dt.date;
    match style {
        DtStyle::Colon => format!("{:04}:{:02}:{:02} {:02}:{:02}:{:02}", d.y, d.m, d.d, h, m, s),
        DtStyle::Slash => format!("{:04}/{:02}/{:02} {:02}:{:02}:{:02}", d.y, d.m, d.d, h, m, s),
    }
}

/// TIFF DateTime of page n (1-based): the receiving server's clock.
pub fn page_received(t: &Transport, n: usize) -> DateTime {
    t.received.add_secs(41 * (n as i64 - 1))
}

pub fn render_file(plan: &FilePlan, fonts: &Fonts, png_dir: Option<&Path>) -> Result<Rendered> {
    let t = &plan.transport;
    let mut rng = Rng8::seed_from_u64(plan.seed);
    let total = plan.page_count();
    let (w, h, sx, sy) = dims(t.res, t.std_mode);
    let mut styles = Vec::new();
    let mut degradations = Vec::new();
    let mut headers = Vec::new();
    let mut pages: Vec<PageOut> = Vec::new();
    let mut n = 0usize;
    for doc in &plan.docs {
        let mut drng = Rng8::seed_from_u64(doc.render_seed);
        let st = Style::random(&mut drng);
        styles.push(st.clone());
        for (k, spec) in doc.pages.iter().enumerate() {
            n += 1;
            let mut prng = Rng8::seed_from_u64(doc.render_seed ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(k as u64 + 1)));
            let mut d = if matches!(t.res, Res::Scan(_)) && chance(&mut rng, 0.5) {
                Degrade { angle: rng.gen_range(-0.6..0.6), ..Degrade::none() }
            } else {
                Degrade::random(&mut rng)
            };
            if t.res == Res::Standard && t.std_mode == StdMode::Direct {
                // a 98 lpi sensor integrates over twice the row height: a thin horizontal stroke gives half
                // coverage, and real machines still print it, so the effective threshold is lower
                d.threshold = (d.threshold as u32 * 6 / 10) as u8;
            }
            let xf = Affine::page((w as f32, h as f32), (sx, sy), d.angle, d.zoom, (d.dx * sx, d.dy * sy));
            let mut c = Canvas::new(w, h, xf);
            forms::render_styled(&mut c, fonts, &st, doc, spec, &mut prng);
            if d.blur {
                degrade::blur(&mut c.ink, w, h);
            }
            let hdr = header::text(t, n, total);
            let mut desc = d.describe();
            let page = if let Res::Scan(dpi) = t.res {
                let gray = degrade::to_gray(&c.ink, &mut rng);
                PageOut {
                    w,
                    h,
                    bps: 8,
                    pixels: gray,
                    xres: (dpi, 1),
                    yres: (dpi, 1),
                    unit: 2,
                    description: None,
                    software: t.software.map(String::from),
                    datetime: None,
                    page: (n as u16 - 1, total as u16),
                    encoded: None,
                    fill_order: 1,
                }
            } else {
                let mut bits = degrade::threshold(&c.ink, d.threshold);
                let (mut bits, mut ph) = (std::mem::take(&mut bits), h);
                if let (Some(hl), Some((txt, _))) = (&t.header, &hdr) {
                    let strip_h = (46.0 * sy).round() as usize;
                    let mut hc = Canvas::new(w, strip_h, Affine { a: sx, b: 0.0, c: 0.0, d: sy, tx: 0.0, ty: 0.0 });
                    let face = fonts.face(hl.font, hl.size);
                    let x0 = if hl.style == 2 { 40.0 } else { 24.0 };
                    hc.text(&face, x0, 34.0, txt, 255);
                    let hb = degrade::threshold(&hc.ink, 128);
                    if hl.bottom {
                        let off = (ph - strip_h) * w;
                        for (i, v) in hb.iter().enumerate() {
                            bits[off + i] |= v;
                        }
                        desc.push("header:bottom".into());
                    } else if hl.over {
                        for (i, v) in hb.iter().enumerate() {
                            bits[i] |= v;
                        }
                        desc.push("header:over".into());
                    } else {
                        let mut nb = hb;
                        nb.extend_from_slice(&bits);
                        bits = nb;
                        ph += strip_h;
                        desc.push("header:strip".into());
                    }
                }
                degrade::line_noise(&mut bits, w, ph, &d, &mut rng);
                if t.res == Res::Standard && t.std_mode != StdMode::Direct {
                    let (b2, h2) = if t.std_mode == StdMode::OrPairs {
                        degrade::or_pairs(&bits, w, ph)
                    } else {
                        degrade::decimate(&bits, w, ph)
                    };
                    bits = b2;
                    ph = h2;
                    desc.push(if t.std_mode == StdMode::OrPairs {
                        "standard:or_pairs".into()
                    } else {
                        "standard:decimate".into()
                    });
                }
                // exact fax resolutions are 8040 px/m x 3850/7700/15400 px/m
                let (yd, yexact, ycm) = match t.res {
                    Res::Standard => (98, 978, 385),
                    Res::Superfine => (391, 3912, 1540),
                    _ => (196, 1956, 770),
                };
                let (xres, yres, unit) = match t.units {
                    Units::Inch => ((204, 1), (yd, 1), 2),
                    Units::InchExact => ((2042, 10), (yexact, 10), 2),
                    Units::Cm => ((80, 1), (ycm, 10), 3),
                };
                PageOut {
                    w,
                    h: ph,
                    bps: 1,
                    pixels: bits,
                    xres,
                    yres,
                    unit,
                    description: t.tsi.clone(),
                    software: t.software.map(String::from),
                    datetime: t.datetime.map(|s| fmt_dt(page_received(t, n), s)),
                    page: (n as u16 - 1, total as u16),
                    encoded: None,
                    fill_order: 1,
                }
            };
            if let Some(dir) = png_dir {
                let stem = plan.rel_path.replace(['/', '.'], "_");
                let gray: Vec<u8> = if page.bps == 8 {
                    page.pixels.clone()
                } else {
                    page.pixels.iter().map(|&b| if b != 0 { 0 } else { 255 }).collect()
                };
                std::fs::write(dir.join(format!("{stem}_p{n}.png")), encode::png_gray(page.w, page.h, &gray, 196)?)?;
            }
            pages.push(page);
            degradations.push(desc);
            headers.push(hdr);
        }
    }
    let dpi = match t.res {
        Res::Scan(d) => (d as f32, d as f32),
        Res::Standard => (204.0, 98.0),
        Res::Superfine => (204.0, 391.0),
        Res::Fine => (204.0, 196.0),
    };
    let mut bytes = match t.enc {
        Enc::Png => encode::png_gray(pages[0].w, pages[0].h, &pages[0].pixels, dpi.0 as u32)?,
        Enc::GrayTiff => encode::tiffcp(&encode::write_tiff(&pages), "zip", false)?,
        Enc::None => {
            let raw = encode::write_tiff(&pages);
            if t.fill_order == 2 {
                encode::tiffcp(&raw, "none", true)?
            } else {
                raw
            }
        }
        Enc::Mh => {
            for p in pages.iter_mut() {
                p.encoded = Some((2, encode::mh_encode(&p.pixels, p.w, p.h, t.fill_order == 2)));
                p.fill_order = t.fill_order as u16;
            }
            encode::write_tiff(&pages)
        }
        Enc::G4 => encode::tiffcp(&encode::write_tiff(&pages), "g4", t.fill_order == 2)?,
        Enc::G3_1d => encode::tiffcp(
            &encode::write_tiff(&pages),
            if t.g3_fill { "g3:1d:fill" } else { "g3:1d" },
            t.fill_order == 2,
        )?,
        Enc::G3_2d => encode::tiffcp(
            &encode::write_tiff(&pages),
            if t.g3_fill { "g3:2d:fill" } else { "g3:2d" },
            t.fill_order == 2,
        )?,
    };
    if let Some(dmg) = plan.damage {
        bytes = damage(bytes, dmg, &pages, &mut rng)?;
    }
    Ok(Rendered { bytes, styles, degradations, headers, dpi })
}

fn damage(bytes: Vec<u8>, dmg: Damage, pages: &[PageOut], rng: &mut Rng8) -> Result<Vec<u8>> {
    Ok(match dmg {
        Damage::Empty => Vec::new(),
        Damage::Truncated => {
            // cut inside the first page's image data: no IFD survives, so nothing is readable
            let s = encode::strips(&bytes)?;
            let (o, c) = (s[0].offsets[0] as usize, s[0].counts[0] as usize);
            let cut = o + c * rng.gen_range(20..80) / 100;
            bytes[..cut.max(o + 1)].to_vec()
        }
        Damage::Pdf => "%PDF-1.4\n%\u{e2}\u{e3}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".as_bytes().to_vec(),
        Damage::Text => b"Fax reception failed: remote hung up after 0 pages (error 51: no carrier).\r\n".to_vec(),
        Damage::PngNamedTif => {
            let p = &pages[0];
            let gray: Vec<u8> = p.pixels.iter().map(|&b| if b != 0 { 0 } else { 255 }).collect();
            encode::png_gray(p.w, p.h, &gray, 200)?
        }
        Damage::BadPage(k) => {
            // point the page's strip past the end of the file: libtiff fails to read that page only
            let s = encode::strips(&bytes)?;
            let mut b = bytes;
            let len = b.len() as u32;
            let at = s[k].offsets_at[0];
            b[at..at + 4].copy_from_slice(&(len + 1_000_000).to_le_bytes());
            b
        }
    })
}
