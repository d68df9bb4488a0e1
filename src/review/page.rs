//! The review page `faxtract review` writes: one self-contained HTML file (styles, script and images
//! inline, no network: its Content-Security-Policy allows nothing else) listing every record that needs
//! review, grouped by source file. Each field a reason names is a queue item: the crop of the page where
//! it was read, the raw text, the value, the reasons in plain words, and an input to confirm or type the
//! value. The other fields of the record are listed beside, smaller. The script (`page.js`) keeps the
//! clerk's decisions in memory and exports them as a corrections file (a Blob download: no server).

use super::correction::current_value;
use super::crop::{self, Image, Source};
use super::{describe, field_label, Description, CORRECTABLE};
use crate::forms::models::Models;
use crate::record::{Kind, Record};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// What the page holds, for the command's summary line (no names, no paths).
#[derive(Debug, Default)]
pub struct Stats {
    pub records: usize,
    pub files: usize,
    pub fields: usize,
    /// Files whose records have fields to check but which were not found, or not as read, under --root.
    pub without_source: usize,
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} records need review in {} files, {} fields to check; {} files not found or changed under --root",
            self.records, self.files, self.fields, self.without_source
        )
    }
}

/// A queue item: one correctable field of a record and the reasons that name it.
struct Item<'a> {
    field: &'static str,
    reasons: Vec<(&'a str, Description)>,
}

/// A record's queue items, in form order, and the reasons no correction settles.
fn plan(rec: &Record) -> (Vec<Item<'_>>, Vec<(&str, Description)>) {
    let mut by_field: BTreeMap<usize, Item> = BTreeMap::new();
    let mut rest = Vec::new();
    for reason in &rec.review.reasons {
        let d = describe(reason);
        match d.fields.first().copied() {
            Some(field) if rec.kind == Kind::Detainer && rec.detainer.is_some() => {
                let order = CORRECTABLE.iter().position(|f| *f == field).unwrap_or(usize::MAX);
                by_field.entry(order).or_insert_with(|| Item { field, reasons: Vec::new() }).reasons.push((reason, d));
            }
            _ => rest.push((reason.as_str(), d)),
        }
    }
    (by_field.into_values().collect(), rest)
}

/// How a field's value is typed on the page: the script's parser, a hint, and a list of choices.
fn input_kind(field: &str) -> (&'static str, &'static str, Option<&'static str>) {
    match field {
        "subject_id" => ("digits", "digits only", None),
        "event_number" => ("event", "letters and digits, e.g. BOS2503000123", None),
        "a_number" => ("anumber", "A and 9 digits (A 212-345-678 is fine)", None),
        "date_issued" | "dob" | "cancelled_request_date" => ("date", "MM/DD/YYYY or YYYY-MM-DD", None),
        "name" => ("name", "FAMILY, GIVEN, as the form orders them", None),
        "citizenship" => ("country", "a country of the list", Some("dl-country")),
        "sex" => ("sex", "M, F or X", Some("dl-sex")),
        "issuing_office" => ("office", "the office code, e.g. BOS", Some("dl-office")),
        "cancels_previous" => ("bool", "yes (ticked) or no", Some("dl-bool")),
        "probable_cause" => ("causes", "the ticked boxes: numbers 1-4 or names, comma-separated; empty: none", None),
        _ => ("warrant", "I-200, I-205, judicial or none", Some("dl-warrant")),
    }
}

/// A value as the input shows it.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A value as the facts list shows it: null said in words.
fn shown_value(v: &Value) -> String {
    match v {
        Value::Null => "null (no value)".into(),
        v => shown(v),
    }
}

/// HTML-escapes text for element content and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` block: `<` escaped so no text can close the element.
fn script_json(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

/// The page (1-based, of the file) to show whole for an item without a box: the warrant page for the
/// warrant, else the page the record's fields were read on (the request), else the document's first.
fn page_for(rec: &Record, item: &Item) -> u32 {
    if item.field == "warrant_type" {
        let from_reason = item.reasons.iter().find_map(|(r, _)| match super::Reason::parse(r) {
            Some(super::Reason::WarrantUnconfirmed(p) | super::Reason::WarrantNameNotFound(p)) => Some(p as u32),
            _ => None,
        });
        if let Some(p) = from_reason.or(rec.detainer.as_ref().and_then(|d| d.warrant.page)) {
            return p;
        }
    }
    rec.fields.values().map(|f| f.page).next().or(rec.source.pages.first().copied()).unwrap_or(1)
}

/// Builds the page; fails only if the built-in models (the country and office lists) do not load.
pub fn build(records: &[Record], roots: &[PathBuf]) -> anyhow::Result<(String, Stats)> {
    let models = Models::builtin()?;
    let mut groups: BTreeMap<(&str, &str), Vec<&Record>> = BTreeMap::new();
    for r in records.iter().filter(|r| r.review.needed) {
        groups.entry((r.source.path.as_str(), r.source.sha256.as_str())).or_default().push(r);
    }
    let mut stats = Stats { files: groups.len(), ..Stats::default() };
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    let mut body = String::new();
    for (g, ((path, sha), mut recs)) in groups.into_iter().enumerate() {
        recs.sort_by_key(|r| r.source.pages.first().copied().unwrap_or(0));
        let plans: Vec<_> = recs.iter().map(|r| plan(r)).collect();
        let has_items = plans.iter().any(|(items, _)| !items.is_empty());
        let source = if has_items { crop::open_source(roots, path, sha) } else { Source::Missing };
        let _ = write!(body, "<section class=\"file\"><h2>{}</h2>", esc(path));
        if has_items {
            let problem = match &source {
                Source::Found(_) => None,
                Source::Missing => Some("The file was not found under --root: no crops can be shown.".to_string()),
                Source::Changed => Some(
                    "The file found under --root is not the one that was read (its SHA-256 differs): no crops \
                     can be shown. Give the --root the records were made from."
                        .to_string(),
                ),
                Source::Unreadable(code) => {
                    Some(format!("The file could not be decoded ({code}): no crops can be shown."))
                }
            };
            if let Some(p) = problem {
                stats.without_source += 1;
                let _ = write!(body, "<p class=\"problem\">{p}</p>");
            }
        }
        for (rec, (items, rest)) in recs.iter().zip(plans) {
            stats.records += 1;
            stats.fields += items.len();
            record_html(&mut body, rec, &items, &rest, &source, g, &mut pages);
        }
        body.push_str("</section>");
    }
    if stats.records == 0 {
        body.push_str("<p class=\"empty\">No record needs review.</p>");
    }
    Ok((page_html(&body, &pages, &models, &stats), stats))
}

fn record_html(
    out: &mut String,
    rec: &Record,
    items: &[Item],
    rest: &[(&str, Description)],
    source: &Source,
    group: usize,
    pages: &mut BTreeMap<String, String>,
) {
    let kind = serde_json::to_value(rec.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let page_list = match (rec.source.pages.first(), rec.source.pages.last()) {
        (Some(a), Some(b)) if a == b => format!("page {a}"),
        (Some(a), Some(b)) => format!("pages {a}-{b}"),
        _ => "no pages".into(),
    };
    let mut facts = vec![page_list, rec.form.clone().unwrap_or(kind)];
    facts.extend(rec.fax.received_at.as_ref().map(|t| format!("received {t}")));
    facts.extend(rec.fax.line.as_ref().map(|l| format!("line {l}")));
    let _ = write!(
        out,
        "<article class=\"record\" data-sha=\"{}\" data-pages=\"{}\"><h3>{}</h3>",
        esc(&rec.source.sha256),
        esc(&json!(rec.source.pages).to_string()),
        esc(&facts.join(" · "))
    );
    if let Some(e) = &rec.error {
        let _ = write!(out, "<p class=\"error\">{}</p>", esc(&e.message));
    }
    if !rest.is_empty() {
        out.push_str("<ul class=\"why record-why\">");
        for (r, d) in rest {
            reason_html(out, r, d);
        }
        out.push_str("</ul>");
    }
    for item in items {
        item_html(out, rec, item, source, group, pages);
    }
    if rec.detainer.is_some() {
        others_html(out, rec, items);
    }
    out.push_str("</article>");
}

fn reason_html(out: &mut String, reason: &str, d: &Description) {
    let _ = write!(
        out,
        "<li><code>{}</code> {} <span class=\"look\">Look at: {}</span></li>",
        esc(reason),
        esc(&d.meaning),
        esc(&d.look_at)
    );
}

fn item_html(
    out: &mut String,
    rec: &Record,
    item: &Item,
    source: &Source,
    group: usize,
    pages: &mut BTreeMap<String, String>,
) {
    let field = item.field;
    let entry = rec.fields.get(field);
    let current = current_value(rec, field);
    let (kind, hint, list) = input_kind(field);
    let nullable = !matches!(field, "cancels_previous" | "probable_cause" | "warrant_type");
    let _ = write!(
        out,
        "<div class=\"item\" data-field=\"{field}\" data-kind=\"{kind}\" data-nullable=\"{}\" data-current=\"{}\">",
        nullable as u8,
        esc(&current.to_string())
    );
    out.push_str("<div class=\"shot\">");
    let label = field_label(field);
    match source {
        Source::Found(file) => {
            let boxed = entry.filter(|f| f.bbox[2] > 0 && f.bbox[3] > 0);
            let page_no = boxed.map(|f| f.page).unwrap_or_else(|| page_for(rec, item));
            let page = file.pages.get((page_no as usize).wrapping_sub(1)).and_then(|p| p.as_ref().ok());
            let crop = page.zip(boxed).and_then(|(p, f)| crop::crop(p, f.bbox));
            match (crop, page) {
                (Some(img), _) => img_html(out, &img, &format!("{label}, page {page_no}")),
                (None, Some(p)) => {
                    let id = format!("g{group}p{page_no}");
                    if !pages.contains_key(&id) {
                        if let Some(img) = crop::whole_page(p) {
                            pages.insert(id.clone(), img.data_uri());
                        }
                    }
                    if pages.contains_key(&id) {
                        let alt = format!("page {page_no}, shown whole: {label} has no box");
                        let _ = write!(
                            out,
                            "<img class=\"crop page\" data-page-image=\"{id}\" alt=\"{}\"><p class=\"caption\">{}</p>",
                            esc(&alt),
                            esc(&alt)
                        );
                    }
                }
                (None, None) => {
                    let _ = write!(out, "<p class=\"problem\">Page {page_no} could not be decoded.</p>");
                }
            }
        }
        _ => out.push_str("<p class=\"problem\">No image: see the file's note above.</p>"),
    }
    out.push_str("</div><div class=\"facts\">");
    let _ = write!(out, "<h4>{} <span class=\"state\">to check</span></h4><ul class=\"why\">", esc(label));
    for (r, d) in &item.reasons {
        reason_html(out, r, d);
    }
    out.push_str("</ul><dl>");
    if let Some(f) = entry {
        let _ = write!(
            out,
            "<dt>Read</dt><dd class=\"raw\">{}</dd><dt>Value</dt><dd class=\"val\">{}</dd>\
             <dt>Confidence</dt><dd>{:.2}</dd><dt>Found by</dt><dd>{}</dd>",
            esc(&f.raw),
            esc(&shown_value(&f.value)),
            f.confidence,
            esc(f.method.as_deref().unwrap_or(""))
        );
    } else {
        let _ = write!(out, "<dt>Value</dt><dd class=\"val\">{}</dd>", esc(&shown_value(&current)));
    }
    let list_attr = list.map(|l| format!(" list=\"{l}\"")).unwrap_or_default();
    let blank = if nullable { "; empty: blank on the form" } else { "" };
    let _ = write!(
        out,
        "</dl><label>Value <input class=\"value\" value=\"{}\"{list_attr} autocomplete=\"off\" spellcheck=\"false\"></label>\
         <small class=\"hint\">{}{blank}</small> <label class=\"note\">Note <input class=\"note\" autocomplete=\"off\"></label>\
         <p class=\"msg\" role=\"status\"></p></div></div>",
        esc(&shown(&current)),
        esc(hint)
    );
}

fn img_html(out: &mut String, img: &Image, alt: &str) {
    let _ = write!(
        out,
        "<div class=\"frame\"><img class=\"crop\" src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        img.data_uri(),
        img.width,
        img.height,
        esc(alt)
    );
    if let Some([x, y, w, h]) = img.highlight {
        let pct = |v: u32, of: u32| 100.0 * v as f64 / of.max(1) as f64;
        let _ = write!(
            out,
            " data-box=\"{x},{y},{w},{h}\"><span class=\"box\" style=\"left:{:.2}%;top:{:.2}%;width:{:.2}%;height:{:.2}%\"></span>",
            pct(x, img.width),
            pct(y, img.height),
            pct(w, img.width),
            pct(h, img.height)
        );
    } else {
        out.push('>');
    }
    out.push_str("</div>");
}

/// The record's other fields, smaller: what was read and kept.
fn others_html(out: &mut String, rec: &Record, items: &[Item]) {
    out.push_str("<table class=\"others\"><caption>Other fields</caption>");
    for field in CORRECTABLE.iter().filter(|f| !items.iter().any(|i| i.field == **f)) {
        let raw = rec.fields.get(*field).map(|f| f.raw.as_str()).unwrap_or("");
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td><td class=\"raw\">{}</td></tr>",
            esc(field_label(field)),
            esc(&shown(&current_value(rec, field))),
            esc(raw)
        );
    }
    out.push_str("</table>");
}

fn page_html(body: &str, pages: &BTreeMap<String, String>, models: &Models, stats: &Stats) -> String {
    let mut countries: Vec<&str> = models.countries.iter().map(|(_, c)| c.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    let offices: Vec<(&str, &str)> = models.offices.iter().map(|o| (o.code.as_str(), o.name.as_str())).collect();
    let options = |items: &mut dyn Iterator<Item = (String, String)>| {
        items.map(|(v, l)| format!("<option value=\"{}\">{}</option>", esc(&v), esc(&l))).collect::<String>()
    };
    let mut lists = String::new();
    for (id, opts) in [
        ("dl-country", options(&mut countries.iter().map(|c| (c.to_string(), String::new())))),
        ("dl-office", options(&mut offices.iter().map(|(c, n)| (c.to_string(), n.to_string())))),
        ("dl-sex", options(&mut ["M", "F", "X"].iter().map(|s| (s.to_string(), String::new())))),
        (
            "dl-bool",
            options(&mut [("yes", "ticked"), ("no", "not ticked")].iter().map(|(v, l)| (v.to_string(), l.to_string()))),
        ),
        (
            "dl-warrant",
            options(&mut ["I-200", "I-205", "judicial", "none"].iter().map(|s| (s.to_string(), String::new()))),
        ),
    ] {
        let _ = write!(lists, "<datalist id=\"{id}\">{opts}</datalist>");
    }
    let data = json!({
        "countries": countries,
        "offices": offices.iter().map(|(c, _)| c).collect::<Vec<_>>(),
    });
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\
<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>faxtract review</title><style>{STYLE}</style></head><body>\
<header><h1>Review queue</h1><p class=\"summary\">{} records need review in {} files; {} fields to check. \
<span id=\"progress\" role=\"status\"></span></p>\
<p class=\"controls\"><label>Your initials <input id=\"by\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"64\"></label> \
<button id=\"export\" type=\"button\">Export corrections</button> <span id=\"export-msg\" role=\"status\"></span></p>\
<details class=\"keys\" open><summary>Keys</summary><p>\
<kbd>Enter</kbd> in a value: accept it (unchanged: confirmed; changed: corrected) and go to the next field to check. \
<kbd>Esc</kbd>: undo the field's decision. <kbd>Tab</kbd>: from the value to its note, then the next field. \
<kbd>Alt</kbd>+<kbd>↓</kbd>/<kbd>↑</kbd> (or <kbd>j</kbd>/<kbd>k</kbd> outside a text box): next/previous field. \
<kbd>Ctrl</kbd>+<kbd>S</kbd> (or <kbd>e</kbd> outside a text box): export the corrections file. \
<kbd>i</kbd> outside a text box: your initials. \
Decisions live in this page only until exported: export before closing it.</p></details></header>\
<main>{body}</main>{lists}\
<script type=\"application/json\" id=\"review-data\">{}</script>\
<script type=\"application/json\" id=\"page-images\">{}</script>\
<script>{SCRIPT}</script></body></html>\n",
        stats.records,
        stats.files,
        stats.fields,
        script_json(&data),
        script_json(&json!(pages)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Detainer, Field, Source as RecSource};

    fn record() -> Record {
        let mut r = Record::new(
            Kind::Detainer,
            RecSource { path: "x/<b>.tif".into(), sha256: "0".repeat(64), pages: vec![1, 2], page_count: 2 },
        );
        r.detainer = Some(Detainer::default());
        r.fields.insert(
            "name".into(),
            Field {
                value: Value::Null,
                raw: "</script><script>alert(1)</script>".into(),
                confidence: 0.5,
                page: 1,
                bbox: [1, 2, 3, 4],
                method: None,
                corrected: None,
            },
        );
        for reason in
            ["name:name_no_comma", "warrant_unconfirmed:page_2", "fax_incomplete:2_of_3_pages", "sex:not_found"]
        {
            r.review.flag(reason);
        }
        r
    }

    #[test]
    fn items_follow_the_reasons_in_form_order() {
        let r = record();
        let (items, rest) = plan(&r);
        let fields: Vec<&str> = items.iter().map(|i| i.field).collect();
        assert_eq!(fields, ["name", "sex", "warrant_type"]);
        assert_eq!(rest.len(), 1);
        assert_eq!(page_for(&r, &items[2]), 2, "the warrant page is shown for the warrant");
        assert_eq!(page_for(&r, &items[1]), 1, "the request page for a field not found");
    }

    #[test]
    fn the_page_escapes_what_was_read_and_notes_a_missing_file() {
        let dir = std::env::temp_dir().join("faxtract-review-page-test-none");
        let (html, stats) = build(&[record()], &[dir]).unwrap();
        assert_eq!((stats.records, stats.fields, stats.without_source), (1, 3, 1));
        assert!(!html.contains("<script>alert"), "raw text must be escaped");
        assert!(html.contains("x/&lt;b&gt;.tif"));
        assert!(html.contains("not found under --root"));
        assert!(html.contains("default-src 'none'"));
    }
}
