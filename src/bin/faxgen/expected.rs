//! Ground truth: the records a correct pipeline must write for a file, plus a `truth` object.
//!
//! Decisions (also the contract of `expected.jsonl`):
//! - One record per document; a file holds one document here (cover sheet, request, notice pages and
//!   warrant faxed together are one document whose `source.pages` lists all of them, cover included).
//! - Unreadable files give one `kind: "error"` record with `source.pages: []`, `page_count: 0` and
//!   `error.code` one of `empty_file`, `truncated` (cut inside the first page's data, so no IFD survives),
//!   `not_an_image` (PDF or text saved as .tif). `error.message` is empty in expected records.
//! - A PNG saved with a .tif name is readable by content sniffing: it gives its document (truth
//!   `damage: "png_named_tif"`).
//! - `bad_page`: a good file with one unreadable page keeps its readable document: `kind` as the readable pages
//!   say (detainer), `review.needed: true`, `review.reasons: ["page_unreadable"]`, and the bad page's
//!   `page_kinds` entry is `other` (truth `bad_pages` lists it; eval skips it when scoring pages). If the bad
//!   page was the warrant, the expected warrant is `none` (no reader can see it).
//! - `fax.received_at`: the TIFF DateTime of the document's first page (`YYYY-MM-DDTHH:MM:SS`), else the
//!   header line's time (`YYYY-MM-DDTHH:MM`), else null. `fax.sender`: the TSI (ImageDescription, trimmed),
//!   else the header line's sender name. `fax.line`: the parent folder. `fax.channel`: null.

use crate::corpus::{Damage, Enc, FilePlan, PageSpec, Res, Units, Warrant};
use crate::header;
use crate::render::{page_received, Rendered};
use faxtract::record::{
    Detainer, ErrorInfo, Fax, Header, IssuingOffice, Kind, PageKind, Record, Source, Subject, Warrant as RWarrant,
    WarrantType,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub fn sha256_hex(b: &[u8]) -> String {
    Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

pub fn records(plan: &FilePlan, r: &Rendered) -> Vec<Value> {
    let t = &plan.transport;
    let line = crate::agencies::LINES[plan.line].folder.to_string();
    let sha = sha256_hex(&r.bytes);
    let base_truth = |doc_id: &str, label: &str, value: &str, degr: Vec<String>, bad: Vec<u32>| {
        let png = t.enc == Enc::Png || plan.damage == Some(Damage::PngNamedTif);
        json!({
            "resolution": if plan.damage == Some(Damage::PngNamedTif) { "fine" } else { t.res.name() },
            "encoding": if png { "png" } else { t.enc.name() },
            "fill_order": if png { 1 } else { t.fill_order },
            "label_font": label,
            "value_font": value,
            "degradations": degr,
            "doc_id": doc_id,
            "copy_of": plan.copy_of,
            "damage": plan.damage.map(|d| match d {
                Damage::Empty => "empty_file",
                Damage::Truncated => "truncated",
                Damage::Pdf => "pdf_named_tif",
                Damage::Text => "text_named_tif",
                Damage::PngNamedTif => "png_named_tif",
                Damage::BadPage(_) => "bad_page",
            }),
            "bad_pages": bad,
            "dpi": [r.dpi.0, r.dpi.1],
            "scan": matches!(t.res, Res::Scan(_)),
            "units": match t.units { Units::Inch => "inch", Units::InchExact => "inch_exact", Units::Cm => "cm" },
            "header_line": t.header.as_ref().map(|h| if h.bottom { "bottom" } else if h.over { "over" } else { "strip" }),
            "std_mode": if t.res == Res::Standard { Some(format!("{:?}", t.std_mode).to_lowercase()) } else { None },
        })
    };
    let code = match plan.damage {
        Some(Damage::Empty) => Some("empty_file"),
        Some(Damage::Truncated) => Some("truncated"),
        Some(Damage::Pdf) | Some(Damage::Text) => Some("not_an_image"),
        _ => None,
    };
    if let Some(code) = code {
        let mut rec =
            Record::new(Kind::Error, Source { path: plan.rel_path.clone(), sha256: sha, pages: vec![], page_count: 0 });
        rec.fax = Fax { line: Some(line), ..Fax::default() };
        rec.error = Some(ErrorInfo { code: code.to_string(), message: String::new() });
        let doc_id = plan.docs.first().map(|d| d.id.as_str()).unwrap_or("");
        let mut v = serde_json::to_value(&rec).expect("record");
        v["truth"] = base_truth(doc_id, "", "", vec![], vec![]);
        return vec![v];
    }
    let total = plan.page_count() as u32;
    let bad = match plan.damage {
        Some(Damage::BadPage(k)) => Some(k as u32 + 1),
        _ => None,
    };
    let png_file = t.enc == Enc::Png || plan.damage == Some(Damage::PngNamedTif);
    let mut out = Vec::new();
    let mut first = 1u32;
    for (di, doc) in plan.docs.iter().enumerate() {
        let n = doc.pages.len() as u32;
        let pages: Vec<u32> = (first..first + n).collect();
        let mut kinds = doc.page_kinds();
        if let Some(b) = bad {
            if pages.contains(&b) {
                kinds[(b - first) as usize] = PageKind::Other;
            }
        }
        let kind = if doc.request.is_some() { Kind::Detainer } else { Kind::Other };
        let mut rec = Record::new(
            kind,
            Source { path: plan.rel_path.clone(), sha256: sha.clone(), pages: pages.clone(), page_count: total },
        );
        let hdr = r.headers.get(first as usize - 1).cloned().flatten();
        let dt = if png_file { None } else { t.datetime.map(|_| page_received(t, first as usize)) };
        let tsi = if png_file { None } else { t.tsi.as_ref().map(|s| s.trim().to_string()) };
        let received_at = match (&dt, &hdr) {
            (Some(d), _) => Some(d.iso()),
            (None, Some(_)) => Some(header::page_time(t, first as usize).iso_min()),
            _ => None,
        };
        let mut tags = BTreeMap::new();
        if !png_file {
            if let Some(s) = &t.tsi {
                tags.insert("ImageDescription".to_string(), s.clone());
            }
            if let Some(s) = t.software {
                tags.insert("Software".to_string(), s.to_string());
            }
            if let (Some(style), Some(d)) = (t.datetime, dt) {
                tags.insert("DateTime".to_string(), crate::render::fmt_dt(d, style));
            }
        }
        rec.fax = Fax {
            received_at,
            sender: tsi.clone().or_else(|| hdr.as_ref().map(|_| t.sender_name.clone())),
            line: Some(line.clone()),
            channel: None,
            header: Header {
                raw: hdr.as_ref().map(|h| h.0.clone()),
                sent_at: hdr.as_ref().map(|_| header::page_time(t, first as usize).iso_min()),
                sender: hdr.as_ref().map(|_| t.sender_name.clone()),
                numbers: hdr.as_ref().map(|h| h.1.clone()).unwrap_or_default(),
                page: hdr.as_ref().map(|_| first),
                page_total: hdr.as_ref().map(|_| total),
                confidence: if hdr.is_some() { 1.0 } else { 0.0 },
                incomplete: false,
                received_at_source: if dt.is_some() {
                    Some("tiff_datetime".into())
                } else if hdr.is_some() {
                    Some("header_line".into())
                } else {
                    None
                },
                tags,
            },
        };
        if let Some(req) = &doc.request {
            rec.form = Some(req.form.name().to_string());
            let wpage = doc.pages.iter().position(|p| matches!(p, PageSpec::Warrant)).map(|k| first + k as u32);
            let wpage = wpage.filter(|p| Some(*p) != bad);
            let wtype = match (&doc.warrant, wpage) {
                (Some(Warrant::I200 { .. }), Some(_)) => WarrantType::I200,
                (Some(Warrant::I205 { .. }), Some(_)) => WarrantType::I205,
                (Some(Warrant::Judicial { .. }), Some(_)) => WarrantType::Judicial,
                _ => WarrantType::None,
            };
            let p = &req.person;
            rec.detainer = Some(Detainer {
                subject_id: Some(req.subject_id.clone()),
                event_number: Some(req.event.clone()),
                a_number: Some(crate::people::a_number_norm(req.a_num)),
                date_issued: Some(req.issued.iso()),
                subject: Subject {
                    name: Some(p.name()),
                    family_name: Some(p.family.clone()),
                    given_names: Some(p.given.clone()),
                    dob: Some(p.dob.iso()),
                    citizenship: Some(p.country.to_string()),
                    sex: Some(p.sex.to_string()),
                },
                issuing_office: IssuingOffice {
                    code: Some(req.office.code.to_string()),
                    name: Some(req.office.name.to_string()),
                    raw: Some(req.office.lines.join(", ")),
                },
                warrant: RWarrant { kind: wtype, page: if wtype == WarrantType::None { None } else { wpage } },
                probable_cause: req.pc.clone(),
                cancels_previous: req.cancel.is_some(),
                cancelled_request_date: req.cancel.map(|d| d.iso()),
            });
        }
        if bad.map(|b| pages.contains(&b)).unwrap_or(false) {
            rec.review.flag("page_unreadable");
        }
        rec.page_kinds = kinds;
        let st = &r.styles[di];
        let degr: Vec<String> = pages
            .iter()
            .flat_map(|&pg| r.degradations[pg as usize - 1].iter().map(move |d| format!("p{pg}:{d}")))
            .collect();
        let mut v = serde_json::to_value(&rec).expect("record");
        v["truth"] =
            base_truth(&doc.id, st.label, st.value, degr, bad.into_iter().filter(|b| pages.contains(b)).collect());
        out.push(v);
        first += n;
    }
    out
}
