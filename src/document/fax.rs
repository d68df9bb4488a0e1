//! A document's fax metadata: TIFF tags and the sending machine's header line → `fax.*`.
//!
//! Tags are trusted for what they say only when the file shows who wrote them. On 124 real image files
//! `ImageDescription` held "converted PBM file", "Created with GIMP" or a 16,990-character block as often as
//! a TSI, and a `DateTime` an image editor or camera wrote is when the picture was saved, not when a fax
//! arrived. So:
//! - `fax.sender` is the TSI (`ImageDescription`) only in a received fax ([`is_received_fax`]) and only if
//!   it is short (T.30 allows 20 characters), one line and no prose; else the header line's sender, if the
//!   line is one (`header::parse` takes no sender from body text).
//! - `fax.received_at` is the TIFF `DateTime` unless an image editor or a camera wrote the file
//!   ([`written_by_editor_or_camera`]); else the header line's date and time. `fax.header.received_at_source`
//!   says which.

use super::{DocSpan, FileFacts, PageSlot};
use crate::forms::header::HeaderLine;
use crate::forms::normalize;
use crate::input::tiff_tags::PageTags;
use crate::record::*;
use crate::review::Reason;
use std::sync::LazyLock;

/// Tags only fax receivers write (TIFF Class F and the fax extensions).
const FAX_TAGS: [&str; 7] = [
    "FaxRecvParams",
    "FaxSubAddress",
    "FaxRecvTime",
    "FaxDcs",
    "BadFaxLines",
    "CleanFaxData",
    "ConsecutiveBadFaxLines",
];
/// Fax servers and modems, as their `Software` tag names them (lower case).
const FAX_SOFTWARE: [&str; 12] = [
    "hylafax",
    "spandsp",
    "rightfax",
    "efax",
    "mgetty",
    "asterisk",
    "capi4hylafax",
    "fax2tiff",
    "t.38",
    "faxserver",
    "vsi-fax",
    "zetafax",
];
/// Image editors, converters and camera software (lower case): their DateTime is when a picture was saved.
const EDITORS: [&str; 12] = [
    "gimp",
    "photoshop",
    "imagemagick",
    "graphicsmagick",
    "paint",
    "lightroom",
    "darktable",
    "preview",
    "picasa",
    "irfanview",
    "pnmtotiff",
    "camera",
];
/// The longest TSI T.30 allows.
const TSI_MAX_CHARS: usize = 20;

fn software(tags: &PageTags) -> String {
    tags.text.get("Software").map(|s| s.to_lowercase()).unwrap_or_default()
}

/// Whether an image editor or a camera wrote the file: its Software names one, or it carries a camera's
/// Make and Model and nothing of a fax.
fn written_by_editor_or_camera(tags: &PageTags) -> bool {
    let sw = software(tags);
    let camera = tags.text.contains_key("Make") && tags.text.contains_key("Model") && !shows_fax(tags);
    EDITORS.iter().any(|e| sw.contains(e)) || camera
}

/// What marks a file as a received fax: a fax tag, fax software, or a page of a fax machine's geometry
/// (bilevel, 1728/2048/2432 pixels wide at 204 dpi, 98/196/391 lines an inch).
fn shows_fax(tags: &PageTags) -> bool {
    let fax_tag = FAX_TAGS.iter().any(|t| tags.text.contains_key(t) || tags.numbers.contains_key(t));
    let sw = software(tags);
    let near = |v: Option<f32>, of: &[f32]| v.is_some_and(|v| of.iter().any(|o| (v - o).abs() <= 8.0));
    let geometry = tags.bits_per_sample == 1
        && tags.samples_per_pixel == 1
        && [1728, 2048, 2432].contains(&tags.width)
        && near(tags.x_dpi, &[204.0])
        && near(tags.y_dpi, &[98.0, 196.0, 391.0]);
    fax_tag || FAX_SOFTWARE.iter().any(|f| sw.contains(f)) || geometry
}

/// Whether the file is a received fax (see [`shows_fax`]) that no editor rewrote.
fn is_received_fax(tags: &PageTags) -> bool {
    shows_fax(tags) && !written_by_editor_or_camera(tags)
}

/// The sending station's TSI, where the tags can be trusted to hold one: a received fax's, one line, at
/// most [`TSI_MAX_CHARS`], and no prose (a word of three or more lower-case letters, as in "converted PBM
/// file": fax keypads give digits and capitals).
fn tsi(tags: &PageTags) -> Option<String> {
    let d = tags.text.get("ImageDescription")?;
    let one_line = !d.chars().any(char::is_control);
    let prose =
        d.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 3 && w.chars().all(char::is_lowercase));
    let short = d.trim().chars().count() <= TSI_MAX_CHARS;
    (is_received_fax(tags) && one_line && short && !prose).then(|| d.clone())
}

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
    let tiff_time =
        tags.text.get("DateTime").filter(|_| !written_by_editor_or_camera(&tags)).and_then(|d| tiff_datetime(d));
    if let Some(t) = tiff_time {
        rec.fax.received_at = Some(t);
        hd.received_at_source = Some("tiff_datetime".into());
    } else if let Some(t) = first.and_then(|h| h.sent_at.clone()).filter(|t| t.len() > 10) {
        rec.fax.received_at = Some(t);
        hd.received_at_source = Some("header_line".into());
    }
    rec.fax.sender = tsi(&tags).or_else(|| first.and_then(|h| h.sender.clone()));
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

    fn tags(text: &[(&'static str, &str)], fax_geometry: bool) -> PageTags {
        let mut t = PageTags { bits_per_sample: 1, samples_per_pixel: 1, ..Default::default() };
        if fax_geometry {
            (t.width, t.x_dpi, t.y_dpi) = (1728, Some(204.0), Some(196.0));
        } else {
            (t.width, t.x_dpi, t.y_dpi) = (2550, Some(300.0), Some(300.0));
        }
        t.text = text.iter().map(|(k, v)| (*k, v.to_string())).collect();
        t
    }

    #[test]
    fn a_tsi_only_from_a_received_fax_short_and_on_one_line() {
        let tsi_of = |t: &[(&'static str, &str)], fax| tsi(&tags(t, fax));
        assert_eq!(tsi_of(&[("ImageDescription", "+1 617 555 0142")], true).as_deref(), Some("+1 617 555 0142"));
        let hylafax = [("ImageDescription", "ICE ERO"), ("Software", "HylaFAX 6.0.7")];
        assert_eq!(tsi_of(&hylafax, false).as_deref(), Some("ICE ERO"), "fax software, any geometry");
        for (what, t, fax) in [
            ("a converter's note", vec![("ImageDescription", "converted PBM file")], false),
            ("a converter's note at fax geometry", vec![("ImageDescription", "converted PBM file")], true),
            ("an editor", vec![("ImageDescription", "Created with GIMP"), ("Software", "GIMP 2.10")], true),
            ("too long", vec![("ImageDescription", "a scanned page with a long description")], true),
            ("several lines", vec![("ImageDescription", "ICE\nERO")], true),
            ("a scan", vec![("ImageDescription", "6175550142")], false),
        ] {
            assert_eq!(tsi_of(&t, fax), None, "{what}");
        }
    }

    #[test]
    fn an_editors_or_cameras_datetime_is_no_received_time() {
        assert!(!written_by_editor_or_camera(&tags(&[("Software", "HylaFAX+ 7.0.7")], true)));
        assert!(!written_by_editor_or_camera(&tags(&[("Software", "RICOH MP C3004")], false)), "an MFP receives");
        assert!(written_by_editor_or_camera(&tags(&[("Software", "Adobe Photoshop 21.0")], true)));
        assert!(written_by_editor_or_camera(&tags(&[("Make", "Canon"), ("Model", "EOS 80D")], false)));
        let fax_modem = [("Make", "USRobotics"), ("Model", "Courier"), ("Software", "efax 0.9")];
        assert!(!written_by_editor_or_camera(&tags(&fax_modem, true)));
    }

    #[test]
    fn tiff_datetimes_in_both_forms() {
        assert_eq!(tiff_datetime("2025:03:14 09:41:07").as_deref(), Some("2025-03-14T09:41:07"));
        assert_eq!(tiff_datetime("2025/03/14 09:41:07").as_deref(), Some("2025-03-14T09:41:07"));
        assert_eq!(tiff_datetime("2025:02:30 09:41:07"), None);
    }
}
