//! `--format html`: one self-contained page.
//!
//! No scripts, no external URLs (a Content-Security-Policy meta tag forbids loading anything), inline CSS,
//! bar charts as inline SVG. Figures carry stable hooks for tests and scrapers:
//! * headline figures: `<span class="figure" id="unique-requests" data-value="57">57</span>` (ids:
//!   `unique-requests`, `copies-received`, `cancellations`, `dedicated-share` (data-value the ratio, text a
//!   percentage), `dedicated-requests`, `files-read`, `pages`, `error-files`, `needs-review`, `duplicates`,
//!   `input-errors`, `repeated-records`, `undated`, `excluded-requests`, `possible-duplicates`);
//! * charts: `<svg id="chart-by_channel" data-chart="by_channel">` (also `by_month`, `by_office`,
//!   `by_warrant_type`), each bar `<rect class="bar" data-key="dedicated" data-value="16">`.
//! * list sections `<section id="duplicates">`, `needs-review`, `errors`, ... with one `<tr>` per item.
//! * the stamp under the title: `<p id="department">` (with `--department`) and `<p id="stamp"
//!   data-generated-at="...">` with the faxtract and models versions and the record files.

use super::page::{card, chart, esc, head, table, table_cells, Cell};
use super::share;
use crate::report::types::{pages, CopyRef, Report};
use std::fmt::Write;

/// One copy of a merged request, for the duplicates table: where it came from, then what it read.
fn copy_html(c: &CopyRef) -> String {
    let o = |s: &Option<String>| esc(s.as_deref().unwrap_or("–"));
    let mut s = format!(
        "<li><code>{}</code> p{} · {} ({}) · received {} · <span class=\"note\">record {}:{}</span><br><span class=\"note\">subject ID {} · event {} · A-number {} · issued {}</span>",
        esc(&c.path),
        esc(&pages(&c.pages)),
        esc(&c.line),
        esc(&c.channel),
        o(&c.received_at),
        esc(&c.record.input),
        c.record.line,
        o(&c.subject_id),
        o(&c.event_number),
        o(&c.a_number),
        o(&c.date_issued)
    );
    if let Some(n) = &c.name {
        let _ = write!(s, " · <span class=\"note\">{}</span>", esc(n));
    }
    s.push_str("</li>");
    s
}

fn map_rows(m: &std::collections::BTreeMap<String, usize>) -> Vec<Vec<String>> {
    m.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect()
}

/// The report as one self-contained HTML page.
pub(crate) fn render(r: &Report) -> String {
    let p = &r.period;
    let mut o = head("Detainer requests report", &r.about, &r.inputs.record_files);
    let span = match (&p.from, &p.to) {
        (None, None) => "all dates".to_string(),
        (f, t) => format!("{} to {}", f.as_deref().unwrap_or("…"), t.as_deref().unwrap_or("…")),
    };
    let _ = writeln!(
        o,
        "<p class=\"period\" id=\"period\" data-from=\"{}\" data-to=\"{}\">Period: {} · dated by {} · counted requests from {} to {}</p>",
        esc(p.from.as_deref().unwrap_or("")),
        esc(p.to.as_deref().unwrap_or("")),
        esc(&span),
        esc(p.date_basis),
        esc(p.earliest.as_deref().unwrap_or("–")),
        esc(p.latest.as_deref().unwrap_or("–"))
    );
    for section in [cards, charts, breakdown_tables, request_lists, review_and_errors, inputs] {
        o.push_str(&section(r));
    }
    o
}

/// The headline figures as cards with stable ids.
fn cards(r: &Report) -> String {
    let mut o = String::new();
    let p = &r.period;
    o.push_str("<div class=\"cards\">\n");
    let n = |v: usize| v.to_string();
    card(&mut o, "unique-requests", "unique detainer requests", &n(r.unique_requests), &n(r.unique_requests), true);
    card(
        &mut o,
        "dedicated-share",
        &format!("reached the {} channel ({} of {})", r.dedicated_channel, r.dedicated_requests, r.unique_requests),
        &r.dedicated_share.map(|v| v.to_string()).unwrap_or_default(),
        &share(r.dedicated_share),
        true,
    );
    card(&mut o, "copies-received", "copies received", &n(r.copies_received), &n(r.copies_received), false);
    card(
        &mut o,
        "cancellations",
        "cancellations (not counted as requests)",
        &n(r.cancellations),
        &n(r.cancellations),
        false,
    );
    card(
        &mut o,
        "dedicated-requests",
        &format!("requests on the {} channel", r.dedicated_channel),
        &n(r.dedicated_requests),
        &n(r.dedicated_requests),
        false,
    );
    card(&mut o, "duplicates", "merged duplicates", &n(r.duplicates.len()), &n(r.duplicates.len()), false);
    let pd = n(r.possible_duplicates.len());
    card(&mut o, "possible-duplicates", "possible duplicates, not merged", &pd, &pd, false);
    card(&mut o, "needs-review", "items needing review", &n(r.needs_review.len()), &n(r.needs_review.len()), false);
    card(&mut o, "error-files", "error files", &n(r.inputs.error_files), &n(r.inputs.error_files), false);
    card(&mut o, "files-read", "fax files read", &n(r.inputs.files_read), &n(r.inputs.files_read), false);
    card(&mut o, "pages", "pages", &r.inputs.pages.to_string(), &r.inputs.pages.to_string(), false);
    card(
        &mut o,
        "undated",
        if p.undated_counted { "undated requests (counted)" } else { "undated requests (not counted)" },
        &n(p.undated_count),
        &n(p.undated_count),
        false,
    );
    card(
        &mut o,
        "excluded-requests",
        "requests outside the period",
        &n(p.excluded.requests),
        &n(p.excluded.requests),
        false,
    );
    card(
        &mut o,
        "repeated-records",
        "records repeated across shards (counted once)",
        &n(r.inputs.repeated_records),
        &n(r.inputs.repeated_records),
        false,
    );
    card(&mut o, "input-errors", "unreadable input lines", &n(r.input_errors.len()), &n(r.input_errors.len()), false);
    o
}

/// The bar charts: by channel (the dedicated one highlighted), month, office and warrant type.
fn charts(r: &Report) -> String {
    let mut o = String::new();
    o.push_str("</div>\n<h2>Breakdowns</h2>\n<p class=\"note\">Unique requests. A request that reached two channels counts under both.</p>\n<div class=\"charts\">\n");
    let ch: Vec<(String, usize)> = r.by_channel.iter().map(|(k, t)| (k.clone(), t.requests)).collect();
    chart(&mut o, "by_channel", "By channel", &ch, Some(&r.dedicated_channel));
    let m: Vec<(String, usize)> = r.by_month.iter().map(|(k, v)| (k.clone(), *v)).collect();
    chart(&mut o, "by_month", "By month", &m, None);
    let of: Vec<(String, usize)> = r.by_office.iter().map(|(k, v)| (k.clone(), *v)).collect();
    chart(&mut o, "by_office", "By issuing office", &of, None);
    // Warrant types in their natural order, not alphabetical.
    let order = ["I-200", "I-205", "judicial", "none", "conflict"];
    let mut wt: Vec<(String, usize)> = r.by_warrant_type.iter().map(|(k, v)| (k.clone(), *v)).collect();
    wt.sort_by_key(|(k, _)| (order.iter().position(|o| o == k).unwrap_or(order.len()), k.clone()));
    chart(&mut o, "by_warrant_type", "By warrant type", &wt, None);
    o.push_str("</div>\n");

    o
}

/// The breakdowns that are tables rather than charts: lines, channels, warrant sides, forms.
fn breakdown_tables(r: &Report) -> String {
    let mut o = String::new();
    let n = |v: usize| v.to_string();
    o.push_str("<section id=\"by-line\"><h2>By line</h2>\n");
    table(
        &mut o,
        "by_line",
        &["line", "channel", "unique requests", "copies"],
        r.by_line.iter().map(|(k, t)| vec![k.clone(), t.channels.join(", "), n(t.requests), n(t.copies)]).collect(),
    );
    table(
        &mut o,
        "by_channel",
        &["channel", "unique requests", "copies"],
        r.by_channel.iter().map(|(k, t)| vec![k.clone(), n(t.requests), n(t.copies)]).collect(),
    );
    o.push_str("</section>\n<section id=\"warrants-forms\"><h2>Judicial vs administrative, forms</h2>\n");
    table(
        &mut o,
        "judicial_vs_administrative",
        &["warrant", "unique requests"],
        map_rows(&r.judicial_vs_administrative),
    );
    table(&mut o, "by_form", &["form", "unique requests"], map_rows(&r.by_form));
    table(&mut o, "by_form_detail", &["form (detail)", "unique requests"], map_rows(&r.by_form_detail));
    o.push_str("</section>\n");

    o
}

/// The requests, the cancellations and the merged duplicates, one row each.
fn request_lists(r: &Report) -> String {
    let mut o = String::new();
    let n = |v: usize| v.to_string();
    let _ = writeln!(o, "<section id=\"requests\"><h2>Requests ({})</h2>", r.requests.len());
    let names = r.requests.iter().any(|q| q.name.is_some());
    let mut head =
        vec!["request", "date", "dated by", "office", "warrant", "form", "channels", "lines", "copies", "cancelled by"];
    if names {
        head.push("name");
    }
    table(
        &mut o,
        "requests",
        &head,
        r.requests
            .iter()
            .map(|q| {
                let mut row = vec![
                    q.request_id.clone(),
                    q.date.clone().unwrap_or_default(),
                    q.date_basis.to_string(),
                    q.office.clone(),
                    q.warrant_type.clone(),
                    q.form.clone(),
                    q.channels.join(", "),
                    q.lines.join(", "),
                    n(q.copies),
                    q.cancelled_by.join(", "),
                ];
                if names {
                    row.push(q.name.clone().unwrap_or_default());
                }
                row
            })
            .collect(),
    );
    let _ = write!(
        o,
        "</section>\n<section id=\"cancellations-list\"><h2>Cancellations ({})</h2>\n",
        r.cancellation_list.len()
    );
    table(
        &mut o,
        "cancellations",
        &[
            "cancellation",
            "date",
            "cancels request dated",
            "cancels",
            "linked by",
            "lines",
            "request's lines",
            "copies",
        ],
        r.cancellation_list
            .iter()
            .map(|c| {
                vec![
                    c.request_id.clone(),
                    c.date.clone().unwrap_or_default(),
                    c.cancelled_request_date.clone().unwrap_or_default(),
                    c.cancels.clone().unwrap_or_else(|| "(not found)".into()),
                    c.link.clone().unwrap_or_default(),
                    c.lines.join(", "),
                    c.cancels_lines.join(", "),
                    n(c.copies),
                ]
            })
            .collect(),
    );
    let _ =
        write!(o, "</section>\n<section id=\"duplicates-list\"><h2>Merged duplicates ({})</h2>\n", r.duplicates.len());
    table_cells(
        &mut o,
        "duplicates",
        &["request", "kind", "merged by", "copies", "evidence"],
        r.duplicates
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.request_id.clone()),
                    Cell::Text(d.kind.to_string()),
                    Cell::Text(d.rules.join(" + ")),
                    Cell::Html(format!(
                        "<ol class=\"copies\">{}</ol>",
                        d.copies.iter().map(copy_html).collect::<String>()
                    )),
                    Cell::Html(format!(
                        "<ul class=\"copies\">{}</ul>",
                        d.merges
                            .iter()
                            .map(|m| format!(
                                "<li>{} + {}: {} <span class=\"note\">({})</span></li>",
                                m.copies[0] + 1,
                                m.copies[1] + 1,
                                esc(m.rule),
                                esc(&m.evidence.join(", "))
                            ))
                            .collect::<String>()
                    )),
                ]
            })
            .collect(),
    );
    let _ = write!(
        o,
        "</section>\n<section id=\"possible-duplicates-list\"><h2>Possible duplicates, not merged ({})</h2>\n",
        r.possible_duplicates.len()
    );
    table(
        &mut o,
        "possible_duplicates",
        &["request", "may be the same as", "why not merged", "evidence"],
        r.possible_duplicates
            .iter()
            .map(|p| vec![p.requests[0].clone(), p.requests[1].clone(), p.why.clone(), p.evidence.join(", ")])
            .collect(),
    );
    o
}

/// What needs review, the error files, the unreadable input lines.
fn review_and_errors(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(o, "</section>\n<section id=\"review-list\"><h2>Needing review ({})</h2>\n", r.needs_review.len());
    table(
        &mut o,
        "needs_review",
        &["file", "pages", "kind", "found by", "request", "reasons"],
        r.needs_review
            .iter()
            .map(|x| {
                vec![
                    x.path.clone(),
                    pages(&x.pages),
                    x.kind.clone(),
                    x.origin.to_string(),
                    x.request_id.clone().unwrap_or_default(),
                    x.reasons.join("; "),
                ]
            })
            .collect(),
    );
    let _ = write!(o, "</section>\n<section id=\"errors-list\"><h2>Error files ({})</h2>\n", r.errors.len());
    table(
        &mut o,
        "errors",
        &["file", "code", "message"],
        r.errors.iter().map(|e| vec![e.path.clone(), e.code.clone(), e.message.clone()]).collect(),
    );
    let _ = write!(
        o,
        "</section>\n<section id=\"input-errors-list\"><h2>Unreadable input ({})</h2>\n",
        r.input_errors.len()
    );
    table(
        &mut o,
        "input_errors",
        &["record file", "line", "problem"],
        r.input_errors
            .iter()
            .map(|e| vec![e.input.clone(), e.line.map(|l| l.to_string()).unwrap_or_default(), e.message.clone()])
            .collect(),
    );
    o
}

/// What the count rests on: record files, lines, records, repeats.
fn inputs(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(o, "</section>\n<section id=\"inputs\"><h2>What the count rests on</h2>\n<p>{} record files, {} lines, {} distinct records ({} read more than once and counted once), describing {} fax files with {} pages.</p>\n",
        r.inputs.record_files.len(), r.inputs.lines, r.inputs.records, r.inputs.repeated_records, r.inputs.files_read, r.inputs.pages);
    table(
        &mut o,
        "repeated",
        &["file", "pages", "kept", "also read at", "identical"],
        r.inputs
            .repeated
            .iter()
            .map(|x| {
                vec![
                    x.path.clone(),
                    pages(&x.pages),
                    format!("{}:{}", x.kept.input, x.kept.line),
                    x.repeats.iter().map(|o| format!("{}:{}", o.input, o.line)).collect::<Vec<_>>().join(", "),
                    x.identical.to_string(),
                ]
            })
            .collect(),
    );
    o.push_str("<ul>\n");
    for f in &r.inputs.record_files {
        let _ = writeln!(o, "<li><code>{}</code></li>", esc(f));
    }
    o.push_str("</ul></section>\n</body></html>\n");
    o
}
