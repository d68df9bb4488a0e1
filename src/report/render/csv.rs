//! The report as CSV: one table `section,key,value`. Scalar figures are in `summary` and `period`; each
//! breakdown is a section named like its JSON key, holding unique requests (`by_channel`, `by_line`), with the
//! copies in `by_channel_copies` / `by_line_copies`; every listed item (requests, cancellations, duplicates and
//! each of their copies, review items, errors, input errors, repeated records) is one row, its details in
//! `value` as `name=value; ...`.

use super::{copy_desc, opt};
use crate::report::types::{pages, Report};
use std::fmt::Write;

/// The report as one CSV table.
pub(crate) fn render(r: &Report) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut row = |a: &str, b: &str, c: &str| {
        let _ = w.write_record([a, b, c]);
    };
    row("section", "key", "value");
    summary_rows(r, &mut row);
    breakdown_rows(r, &mut row);
    list_rows(r, &mut row);
    finding_rows(r, &mut row);
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("csv of UTF-8 strings")
}

/// The scalar figures: `summary` and `period` sections.
fn summary_rows(r: &Report, row: &mut impl FnMut(&str, &str, &str)) {
    let a = &r.about;
    for (k, v) in [
        ("department", a.department.as_deref().unwrap_or("")),
        ("faxtract_version", &a.faxtract_version),
        ("models_version", &a.models_version),
    ] {
        row("about", k, v);
    }
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
        ("possible_duplicates", r.possible_duplicates.len().to_string()),
        ("merge_pairs_compared", r.merge_stats.pairs_compared.to_string()),
        ("merge_broad_blocks", r.merge_stats.broad_blocks.to_string()),
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
}

/// One section per breakdown, named like its JSON key.
fn breakdown_rows(r: &Report, row: &mut impl FnMut(&str, &str, &str)) {
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
}

/// Requests, cancellations, duplicates and each of their copies.
fn list_rows(r: &Report, row: &mut impl FnMut(&str, &str, &str)) {
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
            "date={}; date_basis={}; cancelled_request_date={}; cancels={}; link={}; channels={}; lines={}; cancels_lines={}; copies={}",
            opt(&c.date),
            c.date_basis,
            opt(&c.cancelled_request_date),
            opt(&c.cancels),
            opt(&c.link),
            c.channels.join("|"),
            c.lines.join("|"),
            c.cancels_lines.join("|"),
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
        for m in &d.merges {
            let v = format!(
                "copies={},{}; rule={}; evidence={}",
                m.copies[0] + 1,
                m.copies[1] + 1,
                m.rule,
                m.evidence.join("|")
            );
            row("duplicate_merge", &d.request_id, &v);
        }
    }
    for p in &r.possible_duplicates {
        let v = format!("with={}; why={}; evidence={}", p.requests[1], p.why, p.evidence.join("|"));
        row("possible_duplicate", &p.requests[0], &v);
    }
}

/// Review items, errors, unreadable input, repeated records, record files.
fn finding_rows(r: &Report, row: &mut impl FnMut(&str, &str, &str)) {
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
}
