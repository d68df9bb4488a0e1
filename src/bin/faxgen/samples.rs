//! The curated sample set (`--samples`): a fixed list of files that covers each encoding, resolution, form
//! and failure at least once, small enough to keep in a repository (well under 1.5 MB).
//!
//! | # | content | storage |
//! |---|---|---|
//! | 1 | cover sheet + I-247A + notice + I-200 | G4 fine, MSB first |
//! | 2 | I-247A + notice + I-205 with the District/Magistrate Court Judge box checked | G3 1-D standard, LSB first |
//! | 3 | I-247A + notice + judicial arrest warrant (AO 442) | G3 2-D fine, LSB first |
//! | 4 | cancellation (I-247A, cancel box checked) | G3 2-D standard, MSB first |
//! | 5 | legacy I-247D + notice + I-200 | G4 superfine, LSB first |
//! | 6 | court hearing notice (other) | uncompressed bilevel, standard |
//! | 7 | I-247A page 1 scanned | 8-bit grayscale PNG, 200 dpi |
//! | 8 | attorney letter that discusses detainers and Form I-247A (other) | G3 2-D fine, LSB first |
//! | 9, 10 | the same request received on two lines | G4 fine / G3 1-D standard LSB |
//! | 11 | records request (other) | Modified Huffman (Compression 2) fine, MSB first |
//! | 12 | zero-byte file | empty_file |
//! | 13 | truncated inside page 1 | truncated |
//! | 14 | a PDF named .tif | not_an_image |
//! | 15 | I-247A with one corrupt page | G4 fine LSB, bad_page |
//! | 16 | a PNG named .tif holding an I-247A | png_named_tif |

use crate::agencies;
use crate::corpus::{self, Damage, Doc, Enc, FilePlan, Form, Options, OtherKind, Res, StdMode, Warrant};
use crate::people::{self, Rng8};
use crate::render;
use rand::Rng;

fn line_of(folder: &str) -> usize {
    agencies::LINES.iter().position(|l| l.folder == folder).expect("line")
}

#[allow(clippy::too_many_arguments)]
fn plan(
    rng: &mut Rng8,
    doc: Doc,
    folder: &str,
    res: Res,
    enc: Enc,
    fill: u8,
    damage: Option<Damage>,
    naming: u8,
) -> FilePlan {
    let line = line_of(folder);
    let prof = if naming == 2 {
        1
    } else if folder == "email-bureau" {
        2
    } else {
        0
    };
    let day = match &doc.request {
        Some(r) if r.form == Form::I247a => r.issued,
        _ => doc.other.as_ref().map(|o| o.date).unwrap_or(people::Date { y: 2025, m: 3, d: 4 }),
    };
    let mut t = render::transport(rng, &doc, line, &Options { resolution: Some(Res::Fine) }, prof, day);
    t.res = res;
    t.enc = enc;
    t.fill_order = fill;
    t.std_mode = StdMode::Direct;
    if matches!(res, Res::Scan(_)) {
        t.header = None;
        t.tsi = None;
        t.datetime = None;
    }
    FilePlan {
        rel_path: String::new(),
        line,
        docs: vec![doc],
        transport: t,
        damage,
        seed: rng.gen(),
        copy_of: None,
        naming,
    }
}

pub fn plans(rng: &mut Rng8) -> Vec<FilePlan> {
    let id = |n: usize| format!("s{n:02}");
    let mut out = Vec::new();
    let l = line_of;
    let d = corpus::request_doc_with(rng, id(1), Form::I247a, l("ops-dedicated"), false, Some(Some(0)), Some(true));
    out.push(plan(rng, d, "ops-dedicated", Res::Fine, Enc::G4, 1, None, 0));
    let mut d = corpus::request_doc_with(rng, id(2), Form::I247a, l("station-a1"), false, Some(Some(1)), Some(false));
    if let Some(Warrant::I205 { basis, .. }) = &mut d.warrant {
        *basis = 3;
    }
    out.push(plan(rng, d, "station-a1", Res::Standard, Enc::G3_1d, 2, None, 1));
    let d = corpus::request_doc_with(rng, id(3), Form::I247a, l("station-b2"), false, Some(Some(2)), Some(false));
    out.push(plan(rng, d, "station-b2", Res::Fine, Enc::G3_2d, 2, None, 2));
    let d = corpus::request_doc_with(rng, id(4), Form::I247a, l("station-c11"), true, Some(None), Some(false));
    out.push(plan(rng, d, "station-c11", Res::Standard, Enc::G3_2d, 1, None, 0));
    let d = corpus::request_doc_with(rng, id(5), Form::I247d, l("station-d4"), false, Some(Some(0)), Some(false));
    out.push(plan(rng, d, "station-d4", Res::Superfine, Enc::G4, 2, None, 0));
    let mut d = corpus::other_doc(rng, id(6), l("station-e13"));
    d.pages = vec![corpus::PageSpec::Other(1)];
    d.cover = None;
    if let Some(o) = &mut d.other {
        o.kind = OtherKind::HearingNotice;
        o.pages = 1;
    }
    out.push(plan(rng, d, "station-e13", Res::Standard, Enc::None, 1, None, 0));
    let mut d = corpus::request_doc_with(rng, id(7), Form::I247a, l("email-bureau"), false, Some(None), Some(false));
    d.pages = vec![corpus::PageSpec::I247aP1];
    out.push(plan(rng, d, "email-bureau", Res::Scan(200), Enc::Png, 1, None, 4));
    let mut d = corpus::other_doc(rng, id(8), l("ops-dedicated"));
    if let Some(o) = &mut d.other {
        o.kind = OtherKind::AttorneyLetter;
        o.pages = 2;
        o.a_print = Some(people::a_number_print(rng, 212_345_678));
    }
    d.pages = vec![corpus::PageSpec::Other(1), corpus::PageSpec::Other(2)];
    d.cover = None;
    out.push(plan(rng, d, "ops-dedicated", Res::Fine, Enc::G3_2d, 2, None, 0));
    // the same request on two lines
    let d = corpus::request_doc_with(rng, id(9), Form::I247a, l("ops-dedicated"), false, Some(Some(0)), Some(false));
    let first = plan(rng, d.clone(), "ops-dedicated", Res::Fine, Enc::G4, 2, None, 0);
    let mut second = plan(rng, d, "station-d4", Res::Standard, Enc::G3_1d, 2, None, 1);
    second.transport.received = first.transport.received.add_secs(1800);
    second.transport.sent = first.transport.sent.add_secs(1800);
    second.transport.sender_name = first.transport.sender_name.clone();
    second.transport.sender_number = first.transport.sender_number.clone();
    second.copy_of = Some(id(9));
    out.push(first);
    out.push(second);
    let mut d = corpus::other_doc(rng, id(11), l("station-b2"));
    if let Some(o) = &mut d.other {
        o.kind = OtherKind::RecordsRequest;
        o.pages = 1;
    }
    d.pages = vec![corpus::PageSpec::Other(1)];
    d.cover = None;
    out.push(plan(rng, d, "station-b2", Res::Fine, Enc::Mh, 1, None, 2));
    for (n, dmg, folder) in
        [(12, Damage::Empty, "station-c11"), (13, Damage::Truncated, "station-a1"), (14, Damage::Pdf, "email-bureau")]
    {
        let d = corpus::request_doc_with(rng, id(n), Form::I247a, l(folder), false, Some(None), Some(false));
        out.push(plan(rng, d, folder, Res::Fine, Enc::G4, 2, Some(dmg), if folder == "email-bureau" { 3 } else { 0 }));
    }
    let d = corpus::request_doc_with(rng, id(15), Form::I247a, l("station-e13"), false, Some(Some(0)), Some(false));
    out.push(plan(rng, d, "station-e13", Res::Fine, Enc::G4, 2, Some(Damage::BadPage(2)), 0));
    let mut d = corpus::request_doc_with(rng, id(16), Form::I247a, l("email-bureau"), false, Some(None), Some(false));
    d.pages = vec![corpus::PageSpec::I247aP1];
    let mut p = plan(rng, d, "email-bureau", Res::Fine, Enc::G4, 1, Some(Damage::PngNamedTif), 3);
    p.transport.tsi = None;
    p.transport.datetime = None;
    out.push(p);
    render::assign_names(rng, &mut out);
    out
}
