//! Renderings of a [`Report`]: JSON here (the public interface: pretty-printed, keys in the order of
//! [`Report`]'s fields, maps sorted (BTreeMap), lists sorted), CSV in [`csv`], Markdown in [`markdown`] and
//! a self-contained HTML page in [`html`]. Rendering reads the report's types only; counting knows nothing of it.

pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod page;

use super::types::{pages, CopyRef, Report};
use std::fmt::Write;

/// A share as a percentage with one decimal, `n/a` when there is nothing to divide by.
pub(crate) fn share(s: Option<f64>) -> String {
    match s {
        Some(v) => format!("{:.1}%", v * 100.0),
        None => "n/a".into(),
    }
}

/// An optional value as text, empty when absent.
fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// The report as JSON, streamed (a report of 100,000 requests is not built as one string first).
pub(crate) fn write_json(r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, r)?;
    w.write_all(b"\n")
}

/// One copy of a merged request on one line: where it came from, then what it read.
pub(crate) fn copy_desc(c: &CopyRef) -> String {
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
