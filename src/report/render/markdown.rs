//! The report as Markdown: headline figures, one table per breakdown, then the lists.

use super::{copy_desc, opt, share};
use crate::report::types::{pages, Report};
use std::fmt::Write;

/// Escapes a Markdown table cell.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', " ")
}

/// The report as a Markdown document.
pub(crate) fn render(r: &Report) -> String {
    [headline, breakdowns, lists, findings].iter().map(|section| section(r)).collect()
}

/// The title, the period and the headline figures.
fn headline(r: &Report) -> String {
    let mut o = String::new();
    let p = &r.period;
    let _ = writeln!(o, "# Detainer requests report\n");
    if let Some(d) = &r.about.department {
        let _ = writeln!(o, "{}\n", md(d));
    }
    // No generation time here: the text outputs stay reproducible (the HTML page states the time).
    let _ = writeln!(o, "Made by faxtract {} (models {}).\n", r.about.faxtract_version, r.about.models_version);
    let span = match (&p.from, &p.to) {
        (None, None) => "all dates".to_string(),
        (f, t) => format!("{} to {}", f.as_deref().unwrap_or("…"), t.as_deref().unwrap_or("…")),
    };
    let _ = writeln!(o, "Period: {span} (dated by {}).\n", p.date_basis);
    let _ = writeln!(o, "| figure | value |\n|---|---:|");
    for (k, v) in [
        ("Unique detainer requests", r.unique_requests.to_string()),
        ("Copies received", r.copies_received.to_string()),
        ("Cancellations (not counted as requests)", r.cancellations.to_string()),
        (
            &*format!("Share reaching the `{}` channel", r.dedicated_channel),
            format!("{} ({} of {})", share(r.dedicated_share), r.dedicated_requests, r.unique_requests),
        ),
        ("Requests dated by issue date", p.by_date_issued.to_string()),
        ("Requests dated by received date", p.by_received_at.to_string()),
        (
            "Undated requests",
            format!(
                "{}{}",
                p.undated_count,
                if p.undated_counted { " (counted)" } else { " (not counted: a period is set)" }
            ),
        ),
        ("Outside the period", format!("{} requests, {} cancellations", p.excluded.requests, p.excluded.cancellations)),
        ("Merged duplicates", r.duplicates.len().to_string()),
        ("Records needing review", r.needs_review.len().to_string()),
        ("Error files", r.inputs.error_files.to_string()),
        ("Files read", r.inputs.files_read.to_string()),
        ("Pages", r.inputs.pages.to_string()),
        ("Record files", r.inputs.record_files.len().to_string()),
        ("Records repeated across shards (counted once)", r.inputs.repeated_records.to_string()),
        ("Unreadable input lines", r.input_errors.len().to_string()),
    ] {
        let _ = writeln!(o, "| {} | {} |", md(k), md(&v));
    }
    o.push('\n');
    o
}

/// One table per breakdown.
fn breakdowns(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "## By channel\n\nA request that reached two channels counts under both.\n");
    let _ = writeln!(o, "| channel | unique requests | copies |\n|---|---:|---:|");
    for (k, t) in &r.by_channel {
        let _ = writeln!(o, "| {} | {} | {} |", md(k), t.requests, t.copies);
    }
    let _ = writeln!(o, "\n## By line\n\n| line | channel | unique requests | copies |\n|---|---|---:|---:|");
    for (k, t) in &r.by_line {
        let _ = writeln!(o, "| {} | {} | {} | {} |", md(k), md(&t.channels.join(", ")), t.requests, t.copies);
    }
    for (title, col, map) in [
        ("By month", "month", &r.by_month),
        ("By issuing office", "office", &r.by_office),
        ("By warrant type", "warrant", &r.by_warrant_type),
        ("Judicial vs administrative", "warrant", &r.judicial_vs_administrative),
        ("By form", "form", &r.by_form),
        ("By form (detail)", "form", &r.by_form_detail),
    ] {
        let _ = writeln!(o, "\n## {title}\n\n| {col} | unique requests |\n|---|---:|");
        for (k, v) in map {
            let _ = writeln!(o, "| {} | {} |", md(k), v);
        }
    }
    o
}

/// The requests, cancellations and merged duplicates.
fn lists(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\n## Requests ({})\n", r.requests.len());
    if !r.requests.is_empty() {
        let names = r.requests.iter().any(|q| q.name.is_some());
        let _ = writeln!(
            o,
            "| request | date | dated by | office | warrant | form | channels | lines | copies | cancelled by |{}\n|---|---|---|---|---|---|---|---|---:|---|{}",
            if names { " name |" } else { "" },
            if names { "---|" } else { "" }
        );
        for q in &r.requests {
            let _ = write!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                md(&q.request_id),
                opt(&q.date),
                q.date_basis,
                md(&q.office),
                md(&q.warrant_type),
                md(&q.form),
                md(&q.channels.join(", ")),
                md(&q.lines.join(", ")),
                q.copies,
                md(&q.cancelled_by.join(", "))
            );
            if names {
                let _ = write!(o, " {} |", md(opt(&q.name)));
            }
            o.push('\n');
        }
    }
    let _ = writeln!(o, "\n## Cancellations ({})\n", r.cancellation_list.len());
    if !r.cancellation_list.is_empty() {
        let _ = writeln!(
            o,
            "| cancellation | date | cancels request dated | cancels | linked by | lines | request's lines | copies |\n|---|---|---|---|---|---|---|---:|"
        );
        for c in &r.cancellation_list {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                md(&c.request_id),
                opt(&c.date),
                opt(&c.cancelled_request_date),
                md(c.cancels.as_deref().unwrap_or("(not found)")),
                md(opt(&c.link)),
                md(&c.lines.join(", ")),
                md(&c.cancels_lines.join(", ")),
                c.copies
            );
        }
    }
    let _ = writeln!(o, "\n## Merged duplicates ({})\n", r.duplicates.len());
    for d in &r.duplicates {
        let _ = writeln!(o, "- **{}** ({}, merged by {}):", md(&d.request_id), d.kind, d.rules.join(" + "));
        for c in &d.copies {
            let _ = writeln!(o, "  - {}", md(&copy_desc(c)));
        }
        for m in &d.merges {
            let _ = writeln!(
                o,
                "  - copies {} and {} joined by {}: {}",
                m.copies[0] + 1,
                m.copies[1] + 1,
                m.rule,
                md(&m.evidence.join(", "))
            );
        }
    }
    let _ = writeln!(o, "\n## Possible duplicates, not merged ({})\n", r.possible_duplicates.len());
    for p in &r.possible_duplicates {
        let _ = writeln!(
            o,
            "- **{}** and **{}**: {} (evidence: {})",
            md(&p.requests[0]),
            md(&p.requests[1]),
            md(&p.why),
            md(&p.evidence.join(", "))
        );
    }
    o
}

/// What needs review, error files, unreadable input, repeats, record files.
fn findings(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\n## Needing review ({})\n", r.needs_review.len());
    for n in &r.needs_review {
        let id = n.request_id.as_deref().map(|i| format!(" [{i}]")).unwrap_or_default();
        let _ = writeln!(
            o,
            "- `{}` p{} ({}, {}){}: {}",
            n.path,
            pages(&n.pages),
            n.kind,
            n.origin,
            md(&id),
            md(&n.reasons.join("; "))
        );
    }
    let _ = writeln!(o, "\n## Error files ({})\n", r.errors.len());
    for e in &r.errors {
        let _ = writeln!(o, "- `{}`: `{}` {}", e.path, e.code, md(&e.message));
    }
    if !r.input_errors.is_empty() {
        let _ = writeln!(o, "\n## Unreadable input ({})\n", r.input_errors.len());
        for e in &r.input_errors {
            let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(o, "- `{}{at}`: {}", e.input, md(&e.message));
        }
    }
    if !r.inputs.repeated.is_empty() {
        let _ = writeln!(o, "\n## Records read more than once, counted once ({})\n", r.inputs.repeated_records);
        for x in &r.inputs.repeated {
            let reps: Vec<String> = x.repeats.iter().map(|o| format!("{}:{}", o.input, o.line)).collect();
            let _ = writeln!(
                o,
                "- `{}` p{}: kept {}:{}, also at {}{}",
                x.path,
                pages(&x.pages),
                x.kept.input,
                x.kept.line,
                reps.join(", "),
                if x.identical { "" } else { " (the copies differ)" }
            );
        }
    }
    let _ = writeln!(o, "\n## Record files\n");
    for f in &r.inputs.record_files {
        let _ = writeln!(o, "- `{f}`");
    }
    o
}
