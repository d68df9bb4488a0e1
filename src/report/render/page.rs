//! The building blocks of the self-contained HTML pages (report and reconcile): the page's head and stamp,
//! escaping, headline cards, inline-SVG bar charts and tables. No scripts, no external URLs (a
//! Content-Security-Policy meta tag forbids loading anything), inline CSS.

use crate::report::types::About;
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

pub(crate) const CSS: &str = "
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
.department{font-size:1.1rem;font-weight:600;margin:.2rem 0}.stamp{color:#57606a;font-size:.8rem;margin:.2rem 0}
";

/// A headline figure: `<span class="figure" id=ID data-value=VALUE>TEXT</span>` with its label.
pub(crate) fn card(o: &mut String, id: &str, label: &str, value: &str, text: &str, main: bool) {
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
pub(crate) fn chart(o: &mut String, key: &str, title: &str, bars: &[(String, usize)], highlight: Option<&str>) {
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
pub(crate) enum Cell {
    Text(String),
    Html(String),
}

/// A table of text cells, `id="table-ID"`.
pub(crate) fn table(o: &mut String, id: &str, head: &[&str], rows: Vec<Vec<String>>) {
    table_cells(o, id, head, rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect());
}

fn is_date(c: &str) -> bool {
    c.len() == 10 && c.as_bytes()[4] == b'-' && c.as_bytes()[7] == b'-'
}

/// A table whose cells may hold markup built from escaped parts.
pub(crate) fn table_cells(o: &mut String, id: &str, head: &[&str], rows: Vec<Vec<Cell>>) {
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

/// The page up to its title and stamp: who made it, when, with which faxtract and models, from what.
pub(crate) fn head(title: &str, about: &About, inputs: &[String]) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = write!(o, "<title>{}</title>\n<style>", esc(title));
    o.push_str(CSS);
    let _ = writeln!(o, "</style></head><body>\n<h1>{}</h1>", esc(title));
    if let Some(d) = &about.department {
        let _ = writeln!(o, "<p class=\"department\" id=\"department\">{}</p>", esc(d));
    }
    let _ = writeln!(
        o,
        "<p class=\"stamp\" id=\"stamp\" data-generated-at=\"{}\">Generated {} by faxtract {} (models {}) from {} input file(s): {}</p>",
        esc(&about.generated_at),
        esc(&about.generated_at),
        esc(&about.faxtract_version),
        esc(&about.models_version),
        inputs.len(),
        inputs.iter().map(|i| format!("<code>{}</code>", esc(i))).collect::<Vec<_>>().join(", ")
    );
    o
}
