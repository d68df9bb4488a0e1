//! `--format html`: one self-contained page.
//!
//! No scripts, no external URLs (a Content-Security-Policy meta tag forbids loading anything), inline CSS,
//! bar charts as inline SVG. Figures carry stable hooks for tests and scrapers:
//! * headline figures: `<span class="figure" id="unique-requests" data-value="57">57</span>` (ids:
//!   `unique-requests`, `copies-received`, `cancellations`, `dedicated-share` (data-value the ratio, text a
//!   percentage), `dedicated-requests`, `files-read`, `pages`, `error-files`, `needs-review`, `duplicates`,
//!   `input-errors`, `repeated-records`, `undated`, `excluded-requests`);
//! * charts: `<svg id="chart-by_channel" data-chart="by_channel">` (also `by_month`, `by_office`,
//!   `by_warrant_type`), each bar `<rect class="bar" data-key="dedicated" data-value="16">`.
//! * list sections `<section id="duplicates">`, `needs-review`, `errors`, ... with one `<tr>` per item.

use super::share;
use crate::report::types::{pages, CopyRef, Report};
use std::fmt::Write;

/// Escapes text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

const CSS: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:2rem auto;max-width:1100px;color:#1b1f24;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.period{color:#57606a;margin-top:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.8rem;margin:1rem 0}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.7rem .9rem;background:#f6f8fa}
.card .figure{display:block;font-size:1.9rem;font-weight:700;color:#0b3d91}
.card .label{font-size:.85rem;color:#57606a}
.card.main{background:#0b3d91;border-color:#0b3d91}.card.main .figure,.card.main .label{color:#fff}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem}
figure{margin:0;border:1px solid #d0d7de;border-radius:8px;padding:.6rem}figcaption{font-weight:600;margin-bottom:.3rem}
svg text{font-size:12px;fill:#1b1f24}svg .bar{fill:#3b6fd8}svg .bar.dedicated{fill:#d8823b}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}td.d{white-space:nowrap}
ul.copies{margin:0;padding-left:1.1rem}ul.copies li{margin-bottom:.25rem}
.note{color:#57606a;font-size:.85rem}code{font-size:.85em}
";

fn card(o: &mut String, id: &str, label: &str, value: &str, text: &str, main: bool) {
    let _ = writeln!(
        o,
        "<div class=\"card{}\"><span class=\"figure\" id=\"{}\" data-value=\"{}\">{}</span><span class=\"label\">{}</span></div>",
        if main { " main" } else { "" },
        esc(id),
        esc(value),
        esc(text),
        esc(label)
    );
}

/// A horizontal bar chart as inline SVG.
fn chart(o: &mut String, key: &str, title: &str, bars: &[(String, usize)], highlight: Option<&str>) {
    let row = 26;
    let label_w = 170;
    let bar_w = 300.0;
    let width = label_w + 300 + 60;
    let height = (bars.len().max(1) * row + 10) as u32;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let _ = writeln!(
        o,
        "<figure><figcaption>{}</figcaption><svg id=\"chart-{}\" data-chart=\"{}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(key),
        esc(key),
        esc(title)
    );
    if bars.is_empty() {
        let _ = writeln!(o, "<text x=\"4\" y=\"18\">no requests</text>");
    }
    for (i, (k, v)) in bars.iter().enumerate() {
        let y = i * row + 5;
        let w = (*v as f64 / max * bar_w).round().max(if *v > 0 { 2.0 } else { 0.0 });
        let cls = if highlight == Some(k.as_str()) { "bar dedicated" } else { "bar" };
        let shown: String =
            if k.chars().count() > 24 { k.chars().take(23).chain(['…']).collect() } else { k.clone() };
        let _ = writeln!(
            o,
            "<g><title>{}: {v}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{cls}\" data-key=\"{}\" data-value=\"{v}\" x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{}\" rx=\"2\"></rect><text x=\"{}\" y=\"{}\">{v}</text></g>",
            esc(k),
            label_w - 6,
            y + 16,
            esc(&shown),
            esc(k),
            row - 6,
            label_w as f64 + w + 5.0,
            y + 16
        );
    }
    o.push_str("</svg></figure>\n");
}

/// A table cell: text (escaped) or markup built here from escaped parts.
enum Cell {
    Text(String),
    Html(String),
}

fn table(o: &mut String, id: &str, head: &[&str], rows: Vec<Vec<String>>) {
    table_cells(o, id, head, rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect());
}

fn is_date(c: &str) -> bool {
    c.len() == 10 && c.as_bytes()[4] == b'-' && c.as_bytes()[7] == b'-'
}

fn table_cells(o: &mut String, id: &str, head: &[&str], rows: Vec<Vec<Cell>>) {
    let _ = write!(o, "<table id=\"table-{}\"><thead><tr>", esc(id));
    for h in head {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    o.push_str("</tr></thead><tbody>\n");
    for r in rows {
        o.push_str("<tr>");
        for c in r {
            match c {
                Cell::Text(c) => {
                    let class = if !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()) {
                        " class=\"n\""
                    } else if is_date(&c) {
                        " class=\"d\""
                    } else {
                        ""
                    };
                    let _ = write!(o, "<td{class}>{}</td>", esc(&c));
                }
                Cell::Html(h) => {
                    let _ = write!(o, "<td>{h}</td>");
                }
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table>\n");
}

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
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<title>Detainer requests report</title>\n<style>");
    o.push_str(CSS);
    o.push_str("</style></head><body>\n<h1>Detainer requests report</h1>\n");
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
        &["cancellation", "date", "cancels request dated", "cancels", "channels", "copies"],
        r.cancellation_list
            .iter()
            .map(|c| {
                vec![
                    c.request_id.clone(),
                    c.date.clone().unwrap_or_default(),
                    c.cancelled_request_date.clone().unwrap_or_default(),
                    c.cancels.clone().unwrap_or_else(|| "(not found)".into()),
                    c.channels.join(", "),
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
        &["request", "kind", "merged by", "copies"],
        r.duplicates
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.request_id.clone()),
                    Cell::Text(d.kind.to_string()),
                    Cell::Text(d.rules.join(" + ")),
                    Cell::Html(format!(
                        "<ul class=\"copies\">{}</ul>",
                        d.copies.iter().map(copy_html).collect::<String>()
                    )),
                ]
            })
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
