//! Text renderings of a [`Report`]: JSON (the public interface), CSV and Markdown. HTML is in [`super::html`].
//!
//! * JSON: pretty-printed, keys in the order of [`Report`]'s fields, maps sorted (BTreeMap), lists sorted.
//! * CSV: one table `section,key,value`. Scalar figures are in `summary` and `period`; each breakdown is a
//!   section named like its JSON key, holding unique requests (`by_channel`, `by_line`), with the copies
//!   in `by_channel_copies` / `by_line_copies`; every listed item (requests, cancellations, duplicates and
//!   each of their copies, review items, errors, input errors, repeated records) is one row, its details in
//!   `value` as `name=value; ...`.
//! * Markdown: headline figures, one table per breakdown, then the lists.

use super::count::{CopyRef, Report};
use std::fmt::Write;

/// `[1,2,3,5]` → `1-3,5`.
pub fn pages(p: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < p.len() {
        let mut j = i;
        while j + 1 < p.len() && p[j + 1] == p[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!("{}-{}", p[i], p[j]) } else { p[i].to_string() });
        i = j + 1;
    }
    out.join(",")
}

pub fn share(s: Option<f64>) -> String {
    match s {
        Some(v) => format!("{:.1}%", v * 100.0),
        None => "n/a".into(),
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

pub fn json(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("a report always serializes");
    s.push('\n');
    s
}

pub fn copy_desc(c: &CopyRef) -> String {
    let mut s = format!(
        "{} p{} line={} channel={} received_at={} subject_id={} event_number={} a_number={} date_issued={} record={}:{}",
        c.path,
        pages(&c.pages),
        c.line,
        c.channel,
        opt(&c.received_at),
        opt(&c.subject_id),
        opt(&c.event_number),
        opt(&c.a_number),
        opt(&c.date_issued),
        c.record.input,
        c.record.line
    );
    if let Some(n) = &c.name {
        let _ = write!(s, " name={n}");
    }
    s
}

pub fn csv(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |a: &str, b: &str, c: &str| {
        let _ = w.write_record([a, b, c]);
    };
    row("section", "key", "value");
    let summary: Vec<(&str, String)> = vec![
        ("unique_requests", r.unique_requests.to_string()),
        ("copies_received", r.copies_received.to_string()),
        ("cancellations", r.cancellations.to_string()),
        ("cancellation_copies", r.cancellation_copies.to_string()),
        ("dedicated_channel", r.dedicated_channel.clone()),
        ("dedicated_requests", r.dedicated_requests.to_string()),
        ("dedicated_share", r.dedicated_share.map(|v| v.to_string()).unwrap_or_default()),
        ("duplicates", r.duplicates.len().to_string()),
        ("needs_review", r.needs_review.len().to_string()),
        ("errors", r.errors.len().to_string()),
        ("input_errors", r.input_errors.len().to_string()),
        ("files_read", r.inputs.files_read.to_string()),
        ("pages", r.inputs.pages.to_string()),
        ("error_files", r.inputs.error_files.to_string()),
        ("records", r.inputs.records.to_string()),
        ("repeated_records", r.inputs.repeated_records.to_string()),
        ("record_files", r.inputs.record_files.len().to_string()),
    ];
    for (k, v) in &summary {
        row("summary", k, v);
    }
    let p = &r.period;
    for (k, v) in [
        ("from", opt(&p.from).to_string()),
        ("to", opt(&p.to).to_string()),
        ("date_basis", p.date_basis.to_string()),
        ("earliest", opt(&p.earliest).to_string()),
        ("latest", opt(&p.latest).to_string()),
        ("by_date_issued", p.by_date_issued.to_string()),
        ("by_received_at", p.by_received_at.to_string()),
        ("undated_count", p.undated_count.to_string()),
        ("undated_counted", p.undated_counted.to_string()),
        ("excluded_requests", p.excluded.requests.to_string()),
        ("excluded_cancellations", p.excluded.cancellations.to_string()),
        ("excluded_copies", p.excluded.copies.to_string()),
    ] {
        row("period", k, &v);
    }
    for u in &p.undated {
        row("period_undated", u, "");
    }
    for (k, t) in &r.by_channel {
        row("by_channel", k, &t.requests.to_string());
    }
    for (k, t) in &r.by_channel {
        row("by_channel_copies", k, &t.copies.to_string());
    }
    for (k, t) in &r.by_line {
        row("by_line", k, &t.requests.to_string());
    }
    for (k, t) in &r.by_line {
        row("by_line_copies", k, &t.copies.to_string());
    }
    for (k, t) in &r.by_line {
        row("by_line_channels", k, &t.channels.join("|"));
    }
    for (name, map) in [
        ("by_month", &r.by_month),
        ("by_office", &r.by_office),
        ("by_warrant_type", &r.by_warrant_type),
        ("judicial_vs_administrative", &r.judicial_vs_administrative),
        ("by_form", &r.by_form),
        ("by_form_detail", &r.by_form_detail),
    ] {
        for (k, v) in map {
            row(name, k, &v.to_string());
        }
    }
    for q in &r.requests {
        let mut v = format!(
            "date={}; date_basis={}; office={}; warrant_type={}; form={}; channels={}; lines={}; copies={}; rules={}; cancelled_by={}",
            opt(&q.date),
            q.date_basis,
            q.office,
            q.warrant_type,
            q.form,
            q.channels.join("|"),
            q.lines.join("|"),
            q.copies,
            q.rules.join("|"),
            q.cancelled_by.join("|")
        );
        if let Some(n) = &q.name {
            let _ = write!(v, "; name={n}");
        }
        row("request", &q.request_id, &v);
    }
    for c in &r.cancellation_list {
        let v = format!(
            "date={}; date_basis={}; cancelled_request_date={}; cancels={}; channels={}; copies={}",
            opt(&c.date),
            c.date_basis,
            opt(&c.cancelled_request_date),
            opt(&c.cancels),
            c.channels.join("|"),
            c.copies
        );
        row("cancellation", &c.request_id, &v);
    }
    for d in &r.duplicates {
        row(
            "duplicate",
            &d.request_id,
            &format!("kind={}; rules={}; copies={}", d.kind, d.rules.join("|"), d.copies.len()),
        );
        for c in &d.copies {
            row("duplicate_copy", &d.request_id, &copy_desc(c));
        }
    }
    for n in &r.needs_review {
        let key = format!("{} p{}", n.path, pages(&n.pages));
        let mut v = format!("origin={}; kind={}", n.origin, n.kind);
        if let Some(id) = &n.request_id {
            let _ = write!(v, "; request_id={id}");
        }
        if let Some(o) = &n.record {
            let _ = write!(v, "; record={}:{}", o.input, o.line);
        }
        let _ = write!(v, "; reasons={}", n.reasons.join(" | "));
        row("needs_review", &key, &v);
    }
    for e in &r.errors {
        row("error", &e.path, &format!("{}: {} (record={}:{})", e.code, e.message, e.record.input, e.record.line));
    }
    for e in &r.input_errors {
        let key = match e.line {
            Some(l) => format!("{}:{l}", e.input),
            None => e.input.clone(),
        };
        row("input_error", &key, &e.message);
    }
    for x in &r.inputs.repeated {
        let reps: Vec<String> = x.repeats.iter().map(|o| format!("{}:{}", o.input, o.line)).collect();
        row(
            "repeated_record",
            &format!("{} p{}", x.path, pages(&x.pages)),
            &format!("kept={}:{}; repeats={}; identical={}", x.kept.input, x.kept.line, reps.join("|"), x.identical),
        );
    }
    for f in &r.inputs.record_files {
        row("record_file", f, "");
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("csv of UTF-8 strings")
}

/// Escapes a Markdown table cell.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let p = &r.period;
    let _ = writeln!(o, "# Detainer requests report\n");
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
            "| cancellation | date | cancels request dated | cancels | channels | copies |\n|---|---|---|---|---|---:|"
        );
        for c in &r.cancellation_list {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                md(&c.request_id),
                opt(&c.date),
                opt(&c.cancelled_request_date),
                md(c.cancels.as_deref().unwrap_or("(not found)")),
                md(&c.channels.join(", ")),
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
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn page_ranges() {
        assert_eq!(super::pages(&[1, 2, 3, 5, 7, 8]), "1-3,5,7-8");
        assert_eq!(super::pages(&[]), "");
        assert_eq!(super::pages(&[4]), "4");
    }
}
