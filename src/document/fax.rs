//! A document's fax metadata: TIFF tags and the sending machine's header line → `fax.*`.

use super::{DocSpan, FileFacts, PageSlot};
use crate::forms::header::HeaderLine;
use crate::forms::normalize;
use crate::record::*;
use crate::review::Reason;
use std::sync::LazyLock;

pub(super) fn fill_fax(rec: &mut Record, pages: &[PageSlot], span: &DocSpan, facts: &FileFacts) {
    let tags = facts.tags.get(span.start).cloned().unwrap_or_default();
    let headers: Vec<(usize, &HeaderLine)> = (span.start..span.end)
        .filter_map(|i| pages[i].as_ref().ok().and_then(|p| p.header.as_ref()).map(|h| (i, h)))
        .collect();
    let first = headers.first().map(|(_, h)| *h);
    let hd = &mut rec.fax.header;
    for (k, v) in &tags.text {
        hd.tags.insert(k.to_string(), v.clone());
    }
    for (k, v) in &tags.numbers {
        hd.tags.insert(k.to_string(), v.to_string());
    }
    if let Some(h) = first {
        hd.raw = Some(h.raw.clone());
        hd.sent_at = h.sent_at.clone();
        hd.sender = h.sender.clone();
        hd.numbers = h.numbers.clone();
        hd.page = h.page;
        hd.page_total = h.page_total;
        hd.confidence = h.confidence;
    }
    // The page counters say how many pages were sent; fewer in the file means some were lost.
    let total = headers.iter().filter_map(|(_, h)| h.page_total).max();
    if let Some(total) = total {
        if facts.source.page_count < total {
            hd.incomplete = true;
            rec.review.flag(Reason::FaxIncomplete { pages: facts.source.page_count, sent: total });
        }
    }
    let tiff_time = tags.text.get("DateTime").and_then(|d| tiff_datetime(d));
    if let Some(t) = tiff_time {
        rec.fax.received_at = Some(t);
        hd.received_at_source = Some("tiff_datetime".into());
    } else if let Some(t) = first.and_then(|h| h.sent_at.clone()).filter(|t| t.len() > 10) {
        rec.fax.received_at = Some(t);
        hd.received_at_source = Some("header_line".into());
    }
    rec.fax.sender = tags.text.get("ImageDescription").cloned().or_else(|| first.and_then(|h| h.sender.clone()));
    rec.fax.line = facts.line.clone();
    rec.fax.channel = facts.channel.clone();
}

/// TIFF DateTime in the colon form `YYYY:MM:DD HH:MM:SS` or spandsp's slash form `YYYY/MM/DD HH:MM:SS`.
pub fn tiff_datetime(s: &str) -> Option<String> {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\s*(\d{4})[:/-](\d{2})[:/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?").unwrap()
    });
    let c = RE.captures(s)?;
    let date = normalize::date(&format!("{}/{}/{}", &c[2], &c[3], &c[1])).ok()?;
    let (h, m): (u32, u32) = (c[4].parse().ok()?, c[5].parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    Some(match c.get(6) {
        Some(s) => format!("{date}T{h:02}:{m:02}:{}", s.as_str()),
        None => format!("{date}T{h:02}:{m:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiff_datetimes_in_both_forms() {
        assert_eq!(tiff_datetime("2025:03:14 09:41:07").as_deref(), Some("2025-03-14T09:41:07"));
        assert_eq!(tiff_datetime("2025/03/14 09:41:07").as_deref(), Some("2025-03-14T09:41:07"));
        assert_eq!(tiff_datetime("2025:02:30 09:41:07"), None);
    }
}
