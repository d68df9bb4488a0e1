//! `reconcile --format html`: one self-contained page, built like the report's ([`crate::report::render::page`]).
//!
//! Hooks for tests and scrapers: figures `<span class="figure" id="ours|theirs|matched|only-ours|only-theirs">`,
//! charts `chart-theirs_by_month` and `chart-ours_by_month`, tables `table-by_month`, `table-by_facility`,
//! `table-other_facilities`, `table-matched`, `table-only_ours`, `table-only_theirs`.

use super::{MonthRow, Reconciliation};
use crate::report::render::page::{card, chart, esc, head, table};
use std::fmt::Write;

fn o(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// The reconciliation as one self-contained HTML page.
pub(crate) fn render(r: &Reconciliation) -> String {
    let s = &r.summary;
    let inputs: Vec<String> = r.record_files.iter().chain(std::iter::once(&r.against)).cloned().collect();
    let mut out = head("Reconciliation with the agency's list", &r.about, &inputs);
    let period = match &r.period {
        (None, None) => "all dates".to_string(),
        (f, t) => format!("{} to {}", f.as_deref().unwrap_or("…"), t.as_deref().unwrap_or("…")),
    };
    let _ = writeln!(
        out,
        "<p class=\"period\" id=\"period\">Our requests: {} · their list: <code>{}</code> ({} layout)</p>",
        esc(&period),
        esc(&r.against),
        esc(s.layout)
    );
    out.push_str("<div class=\"cards\">\n");
    for (id, label, v, main) in [
        ("ours", "our unique requests", s.ours, true),
        ("theirs", "rows in their list", s.theirs, true),
        ("matched", "matched one-to-one", s.matched, false),
        ("only-ours", "only in ours", s.only_ours, false),
        ("only-theirs", "only in theirs", s.only_theirs, false),
        ("other-facilities", "their rows of other facilities", s.other_facilities.values().sum(), false),
    ] {
        card(&mut out, id, label, &v.to_string(), &v.to_string(), main);
    }
    out.push_str("</div>\n<h2>By month</h2>\n<div class=\"charts\">\n");
    let bars = |f: fn(&MonthRow) -> usize| s.by_month.iter().map(|(k, m)| (k.clone(), f(m))).collect::<Vec<_>>();
    chart(&mut out, "theirs_by_month", "Their rows by month", &bars(|m| m.theirs), None);
    chart(&mut out, "ours_by_month", "Our requests by month", &bars(|m| m.ours), None);
    out.push_str("</div>\n");
    out.push_str(&breakdowns(r));
    out.push_str(&lists(r));
    out.push_str("</body></html>\n");
    out
}

/// The tables by month, by facility, of the facilities left out, and the counts by rule and strength.
fn breakdowns(r: &Reconciliation) -> String {
    let s = &r.summary;
    let mut out = String::new();
    let n = |v: &usize| v.to_string();
    table(
        &mut out,
        "by_month",
        &["month", "ours", "theirs", "matched", "only ours", "only theirs"],
        s.by_month
            .iter()
            .map(|(k, m)| vec![k.clone(), n(&m.ours), n(&m.theirs), n(&m.matched), n(&m.only_ours), n(&m.only_theirs)])
            .collect(),
    );
    out.push_str("<section id=\"by-facility\"><h2>By facility</h2>\n");
    table(
        &mut out,
        "by_facility",
        &["facility", "their rows", "matched", "only theirs"],
        s.by_facility.iter().map(|(k, f)| vec![k.clone(), n(&f.theirs), n(&f.matched), n(&f.only_theirs)]).collect(),
    );
    out.push_str("<p class=\"note\">Rows of other facilities, not compared (<code>--facility</code>):</p>\n");
    table(
        &mut out,
        "other_facilities",
        &["facility", "rows"],
        s.other_facilities.iter().map(|(k, v)| vec![k.clone(), n(v)]).collect(),
    );
    out.push_str("</section>\n<section id=\"rules\"><h2>Matched by rule and strength</h2>\n");
    let by: Vec<Vec<String>> = s
        .matched_by_rule
        .iter()
        .map(|(k, v)| vec![format!("rule {k}"), n(v)])
        .chain(s.matched_by_strength.iter().map(|(k, v)| vec![format!("strength {k}"), n(v)]))
        .collect();
    table(&mut out, "by_rule", &["", "matched"], by);
    out.push_str("</section>\n");
    out
}

/// Matched, only in ours, only in theirs, unreadable input.
fn lists(r: &Reconciliation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<section id=\"matched-list\"><h2>Matched ({})</h2>", r.matched.len());
    table(
        &mut out,
        "matched",
        &["request", "rule", "strength", "their line", "our date", "their date", "facility", "evidence"],
        r.matched
            .iter()
            .map(|m| {
                let st = m.strength.as_ref();
                vec![
                    m.ours.request_id.clone(),
                    m.rule.to_string(),
                    st.map(|s| s.strength.to_string()).unwrap_or_default(),
                    m.theirs.line.to_string(),
                    o(&m.ours.date),
                    o(&m.theirs.date),
                    m.theirs.release.as_ref().map(super::release::facility_label).unwrap_or_default(),
                    st.map(|s| s.evidence.join("; ")).unwrap_or_default(),
                ]
            })
            .collect(),
    );
    let _ = writeln!(out, "</section>\n<section id=\"only-ours-list\"><h2>Only in ours ({})</h2>", r.only_ours.len());
    table(
        &mut out,
        "only_ours",
        &["request", "date", "channels", "lines"],
        r.only_ours
            .iter()
            .map(|x| vec![x.request_id.clone(), o(&x.date), x.channels.join(", "), x.lines.join(", ")])
            .collect(),
    );
    let _ =
        writeln!(out, "</section>\n<section id=\"only-theirs-list\"><h2>Only in theirs ({})</h2>", r.only_theirs.len());
    table(
        &mut out,
        "only_theirs",
        &["their line", "date", "facility", "problems"],
        r.only_theirs
            .iter()
            .map(|t| {
                vec![
                    t.line.to_string(),
                    o(&t.date),
                    t.release.as_ref().map(super::release::facility_label).unwrap_or_default(),
                    t.problems.join("; "),
                ]
            })
            .collect(),
    );
    let _ = writeln!(
        out,
        "</section>\n<section id=\"input-errors-list\"><h2>Unreadable input ({})</h2>",
        r.input_errors.len()
    );
    table(
        &mut out,
        "input_errors",
        &["file", "line", "problem"],
        r.input_errors
            .iter()
            .map(|e| vec![e.input.clone(), e.line.map(|l| l.to_string()).unwrap_or_default(), e.message.clone()])
            .collect(),
    );
    out.push_str("</section>\n");
    out
}
