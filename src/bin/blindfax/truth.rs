//! The expected record of each document, in the record contract's shape, plus a `truth` object saying how the
//! document was made. Values are what the paper says, normalized as the contract asks; never what an OCR
//! engine is likely to read.

use crate::encode::Units;
use crate::fonts::Fonts;
use crate::header::{tti_stamp, tti_text};
use crate::model::{Body, Doc, Line, PageKind, Transmission};
use crate::render::HeaderMode;
use crate::scan::PROFILES;
use serde_json::{json, Value};

fn received_at(t: &Transmission) -> (Value, Value) {
    if t.datetime_tag.is_some() {
        return (json!(t.received.iso_sec()), json!("tiff_datetime"));
    }
    match &t.tti {
        Some(tti) => (json!(tti_stamp(tti)), json!("header_line")),
        None => (Value::Null, Value::Null),
    }
}

fn page_kinds(doc: &Doc) -> Vec<&'static str> {
    doc.pages
        .iter()
        .map(|p| match (p, &doc.body) {
            (PageKind::Cover, _) => "cover_sheet",
            (PageKind::Request, Body::Detainer(r)) => r.form.page_kind(),
            (PageKind::Notice(_), _) => "detainee_notice",
            (PageKind::Warrant, Body::Detainer(r)) => r.warrant.kind.page_kind(),
            _ => "other",
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub fn record(
    t: &Transmission,
    doc: &Doc,
    line: &Line,
    pages: &[usize],
    page_count: usize,
    sha: &str,
    degradations: Vec<String>,
    fonts: &Fonts,
    units: Units,
    mode: HeaderMode,
) -> Value {
    let (received, source) = received_at(t);
    let header = match &t.tti {
        Some(tti) => json!({
            "raw": tti_text(tti, pages[0], page_count),
            "sender": tti.sender,
            "sent_at": tti_stamp(tti),
            "page": pages[0],
            "page_total": page_count,
            "received_at_source": source,
        }),
        None => json!({ "raw": null, "received_at_source": source }),
    };
    let sender = t.tsi.clone().map(Value::from).or_else(|| t.tti.as_ref().map(|x| Value::from(x.sender.clone())));
    let st = &doc.style;
    let main_page = doc.pages.iter().position(|p| *p != PageKind::Cover).unwrap_or(0);
    let orientation = t.rot[pages[0] - 1 + main_page];
    let mut truth = json!({
        "doc_id": doc.id,
        "copy_of": doc.copy_of,
        "resolution": if t.fine { "fine" } else { "standard" },
        "dpi": [204.0, if t.fine { 196.0 } else { 98.0 }],
        "units": match units { Units::Inch => "inch", Units::Centimetre => "cm", Units::InchExact => "inch_exact" },
        "encoding": t.encoding.name(),
        "fill_order": if t.lsb { 2 } else { 1 },
        "layout": st.layout.name(),
        "font": fonts.face_name(st.value_face(fonts)),
        "label_font": fonts.families[st.label_fam].name,
        "value_font": fonts.face_name(st.value_face(fonts)),
        "title_font": fonts.families[st.title_fam].name,
        "orientation": orientation,
        "scanner": PROFILES[t.scanner].name,
        "header_line": match (&t.tti, mode) { (None, _) => "none", (_, HeaderMode::Over) => "over", (_, HeaderMode::Prepend) => "prepend" },
        "forwarded": t.forwarded.is_some(),
        "server_footer": t.footer,
        "tiff_datetime": t.datetime_tag.is_some(),
        "docs_in_file": t.docs.len(),
        "has_cover": doc.pages.contains(&PageKind::Cover),
        "degradations": degradations,
    });
    let mut rec = json!({
        "schema": "faxtract.record/1",
        "source": { "path": format!("{}/{}", t.folder, t.file), "sha256": sha, "pages": pages, "page_count": page_count },
        "fax": { "received_at": received, "sender": sender, "line": line.name, "channel": line.channel, "header": header },
        "page_kinds": page_kinds(doc),
    });
    match &doc.body {
        Body::Detainer(r) => {
            let family = r.name.family.to_uppercase();
            let given = r.name.given.to_uppercase();
            let warrant_page = doc.pages.iter().position(|p| *p == PageKind::Warrant).map(|i| pages[i]);
            rec["kind"] = json!("detainer");
            rec["form"] = json!(r.form.name());
            rec["detainer"] = json!({
                "subject_id": r.subject_id,
                "event_number": r.event,
                "a_number": format!("A{:09}", r.a_num),
                "date_issued": r.issued.iso(),
                "subject": {
                    "name": format!("{family}, {given}"),
                    "family_name": family,
                    "given_names": given,
                    "dob": r.dob.iso(),
                    "citizenship": r.name.country,
                    "sex": r.sex.to_string(),
                },
                "issuing_office": { "code": r.office.code, "name": r.office.name, "raw": r.from.join(", ") },
                "warrant": { "type": r.warrant.kind.record_type(), "page": warrant_page },
                "probable_cause": r.pc.iter().map(|p| p.key()).collect::<Vec<_>>(),
                "cancels_previous": r.cancel.is_some(),
                "cancelled_request_date": r.cancel.map(|d| d.iso()),
            });
            truth["warrant_style"] = json!(r.warrant.kind.style());
            if let crate::model::WarrantKind::I205 { judge_box } = r.warrant.kind {
                truth["i205_judge_box"] = json!(judge_box);
            }
            truth["name_origin"] = json!(r.name.origin);
            truth["a_number_printed"] = json!(r.a_print);
            truth["event_printed"] = json!(r.event_print);
        }
        Body::Other(o) => {
            rec["kind"] = json!("other");
            rec["form"] = Value::Null;
            truth["warrant_style"] = Value::Null;
            truth["other_kind"] = json!(o.kind.name());
        }
    }
    rec["truth"] = truth;
    rec
}
