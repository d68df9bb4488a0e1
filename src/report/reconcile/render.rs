//! A [`Reconciliation`] as JSON (the public interface), CSV (one row per item) or Markdown.

use super::Reconciliation;
use std::fmt::Write;

/// The reconciliation as JSON, streamed.
pub(crate) fn write_json(r: &Reconciliation, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, r)?;
    w.write_all(b"\n")
}

fn o(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// One row per item: `status,rule,request_id,their_line,subject_id,event_number,a_number,our_date,their_date,channels,lines,problems,strength,facility`
/// (the breakdowns by month and facility are in the JSON, Markdown and HTML).
pub(crate) fn csv(r: &Reconciliation) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "status",
        "rule",
        "request_id",
        "their_line",
        "subject_id",
        "event_number",
        "a_number",
        "our_date",
        "their_date",
        "channels",
        "lines",
        "problems",
        "strength",
        "facility",
    ]);
    for m in &r.matched {
        let _ = w.write_record([
            "matched",
            m.rule,
            &m.ours.request_id,
            &m.theirs.line.to_string(),
            o(&m.ours.subject_id),
            o(&m.ours.event_number),
            o(&m.ours.a_number),
            o(&m.ours.date),
            o(&m.theirs.date),
            &m.ours.channels.join("|"),
            &m.ours.lines.join("|"),
            &m.theirs.problems.join("; "),
            m.strength.as_ref().map(|s| s.strength).unwrap_or(""),
            &facility(&m.theirs),
        ]);
    }
    for x in &r.only_ours {
        let _ = w.write_record([
            "only_ours",
            "",
            &x.request_id,
            "",
            o(&x.subject_id),
            o(&x.event_number),
            o(&x.a_number),
            o(&x.date),
            "",
            &x.channels.join("|"),
            &x.lines.join("|"),
            "",
            "",
            "",
        ]);
    }
    for t in &r.only_theirs {
        let _ = w.write_record([
            "only_theirs",
            "",
            "",
            &t.line.to_string(),
            o(&t.subject_id),
            o(&t.event_number),
            o(&t.a_number),
            "",
            o(&t.date),
            "",
            "",
            &t.problems.join("; "),
            "",
            &facility(t),
        ]);
    }
    for e in &r.input_errors {
        let _ = w.write_record([
            "input_error",
            "",
            "",
            &e.line.map(|l| l.to_string()).unwrap_or_default(),
            "",
            "",
            "",
            "",
            "",
            "",
            &e.input,
            &e.message,
            "",
            "",
        ]);
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("UTF-8")
}

/// Their row's facility (release layout), empty otherwise.
fn facility(t: &super::list::TheirRow) -> String {
    t.release.as_ref().map(super::release::facility_label).unwrap_or_default()
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The reconciliation as Markdown: the summary, the channel table, then the three lists.
pub(crate) fn markdown(r: &Reconciliation) -> String {
    summary_markdown(r) + &breakdowns_markdown(r) + &lists_markdown(r)
}

/// By month, by facility, the facilities left out, matches by strength: where the two counts part.
fn breakdowns_markdown(r: &Reconciliation) -> String {
    let s = &r.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## By month\n\nOurs, matched and only ours by our date; theirs and only theirs by their date.\n\n| month | ours | theirs | matched | only ours | only theirs |\n|---|---:|---:|---:|---:|---:|"
    );
    for (k, m) in &s.by_month {
        let _ =
            writeln!(out, "| {k} | {} | {} | {} | {} | {} |", m.ours, m.theirs, m.matched, m.only_ours, m.only_theirs);
    }
    if !s.by_facility.is_empty() || !s.other_facilities.is_empty() {
        let _ = writeln!(
            out,
            "\n## By facility\n\n| facility | their rows | matched | only theirs |\n|---|---:|---:|---:|"
        );
        for (k, f) in &s.by_facility {
            let _ = writeln!(out, "| {} | {} | {} | {} |", md(k), f.theirs, f.matched, f.only_theirs);
        }
        for (k, n) in &s.other_facilities {
            let _ = writeln!(out, "| {} (left out by --facility) | {n} | | |", md(k));
        }
    }
    if !s.matched_by_strength.is_empty() {
        let _ = writeln!(out, "\n| match strength | matched |\n|---|---:|");
        for (k, n) in &s.matched_by_strength {
            let _ = writeln!(out, "| {k} | {n} |");
        }
    }
    out.push('\n');
    out
}

/// The title, the summary figures and the table by channel.
fn summary_markdown(r: &Reconciliation) -> String {
    let s = &r.summary;
    let mut out = String::new();
    let _ = writeln!(out, "# Reconciliation against `{}`\n", r.against);
    if let Some(d) = &r.about.department {
        let _ = writeln!(out, "{}\n", md(d));
    }
    let _ = writeln!(
        out,
        "Their list: {} layout. Made by faxtract {} (models {}).\n",
        r.summary.layout, r.about.faxtract_version, r.about.models_version
    );
    let _ = writeln!(out, "| | count |\n|---|---:|");
    let _ = writeln!(
        out,
        "| our unique requests | {} |\n| rows in their list | {} |\n| matched | {} |",
        s.ours, s.theirs, s.matched
    );
    for (rule, n) in &s.matched_by_rule {
        let _ = writeln!(out, "| matched by {rule} | {n} |");
    }
    let _ = writeln!(out, "| only in ours | {} |\n| only in theirs | {} |", s.only_ours, s.only_theirs);
    let _ = writeln!(
        out,
        "| their rows with unreadable values | {} |\n| unreadable input | {} |\n",
        s.their_rows_with_problems,
        r.input_errors.len()
    );
    if !s.matched_by_channel.is_empty() || !s.only_ours_by_channel.is_empty() {
        let _ = writeln!(out, "| channel | matched | only in ours |\n|---|---:|---:|");
        let mut chans: Vec<&String> = s.matched_by_channel.keys().chain(s.only_ours_by_channel.keys()).collect();
        chans.sort();
        chans.dedup();
        for c in chans {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(c),
                s.matched_by_channel.get(c).copied().unwrap_or(0),
                s.only_ours_by_channel.get(c).copied().unwrap_or(0)
            );
        }
        out.push('\n');
    }
    out
}

/// Matched, only in ours, only in theirs, unreadable input.
fn lists_markdown(r: &Reconciliation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Matched ({})\n", r.matched.len());
    if !r.matched.is_empty() {
        let _ = writeln!(
            out,
            "| request | rule | their line | our date | their date | channels |\n|---|---|---:|---|---|---|"
        );
        for m in &r.matched {
            let _ = writeln!(
                out,
                "| {} | {}{}{} | {} | {} | {} | {} |",
                md(&m.ours.request_id),
                m.rule,
                m.strength.as_ref().map(|s| format!(" ({})", s.strength)).unwrap_or_default(),
                if m.date_differs && m.strength.is_none() { " (dates differ)" } else { "" },
                m.theirs.line,
                o(&m.ours.date),
                o(&m.theirs.date),
                md(&m.ours.channels.join(", "))
            );
        }
    }
    let _ = writeln!(out, "\n## Only in ours ({})\n", r.only_ours.len());
    if !r.only_ours.is_empty() {
        let _ = writeln!(out, "| request | a_number | date | channels | lines |\n|---|---|---|---|---|");
        for x in &r.only_ours {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&x.request_id),
                o(&x.a_number),
                o(&x.date),
                md(&x.channels.join(", ")),
                md(&x.lines.join(", "))
            );
        }
    }
    let _ = writeln!(out, "\n## Only in theirs ({})\n", r.only_theirs.len());
    if !r.only_theirs.is_empty() {
        let _ = writeln!(
            out,
            "| their line | subject_id | event_number | a_number | date | problems |\n|---:|---|---|---|---|---|"
        );
        for t in &r.only_theirs {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                t.line,
                o(&t.subject_id),
                o(&t.event_number),
                o(&t.a_number),
                o(&t.date),
                md(&t.problems.join("; "))
            );
        }
    }
    if !r.input_errors.is_empty() {
        let _ = writeln!(out, "\n## Unreadable input ({})\n", r.input_errors.len());
        for e in &r.input_errors {
            let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(out, "- `{}{at}`: {}", e.input, md(&e.message));
        }
    }
    out
}
