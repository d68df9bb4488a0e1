//! The sending machine's header line (TTI), in the styles of fax-tiff.md.

use crate::corpus::Transport;
use crate::people::DateTime;

const MON: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/// Digits only.
pub fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

fn dashed(num: &str) -> String {
    let d = digits(num);
    let d = if d.len() == 10 { d } else { format!("{d:0>10}") };
    format!("+1-{}-{}-{}", &d[0..3], &d[3..6], &d[6..10])
}

fn spaced(num: &str) -> String {
    let d = digits(num);
    let d = if d.len() == 10 { d } else { format!("{d:0>10}") };
    format!("{} {}-{}", &d[0..3], &d[3..6], &d[6..10])
}

/// The sender's clock when page `n` (1-based) started.
pub fn page_time(t: &Transport, n: usize) -> DateTime {
    t.sent.add_secs(38 * (n as i64 - 1))
}

/// The header text printed on page `n` of `total`, and the phone numbers (digits) it prints.
pub fn text(t: &Transport, n: usize, total: usize) -> Option<(String, Vec<String>)> {
    let h = t.header.as_ref()?;
    let at = page_time(t, n);
    let d = at.date;
    let (hh, mm, _) = at.hms();
    let name = &t.sender_name;
    let s = match h.style {
        0 => (
            format!(
                "{:02}-{:02}-{:04} {:02}:{:02} FROM: {} {} T-{} P.{:03}/{:03} F-{:03}",
                d.m,
                d.d,
                d.y,
                hh,
                mm,
                name,
                dashed(&t.sender_number),
                h.tnum,
                n,
                total,
                h.fnum
            ),
            vec![digits(&format!("1{}", digits(&t.sender_number)))],
        ),
        1 => (
            format!(
                "{:02}/{:02}/{:02} {:02}:{:02} FAX {} {}   {:03}",
                d.m,
                d.d,
                d.y % 100,
                hh,
                mm,
                spaced(&t.sender_number),
                name,
                n
            ),
            vec![digits(&t.sender_number)],
        ),
        2 => (
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}   {}   {}   PAGE {:02} OF {:02}",
                d.y,
                d.m,
                d.d,
                hh,
                mm,
                name,
                spaced(&t.sender_number),
                n,
                total
            ),
            vec![digits(&t.sender_number)],
        ),
        3 => (
            format!(
                "{}-{:02}-{:04} {:02}:{:02}{}  {}  TO:{}  @{:03}/{:03}",
                MON[d.m as usize - 1],
                d.d,
                d.y,
                if hh % 12 == 0 { 12 } else { hh % 12 },
                mm,
                if hh < 12 { "AM" } else { "PM" },
                name,
                digits(&t.recv_number),
                n,
                total
            ),
            vec![digits(&t.recv_number)],
        ),
        _ => (
            format!(
                "From: {}  Fax: {}  To: {}  {:02}/{:02}/{:04} {:02}:{:02}  P {:02}/{:02}",
                name,
                spaced(&t.sender_number),
                spaced(&t.recv_number),
                d.m,
                d.d,
                d.y,
                hh,
                mm,
                n,
                total
            ),
            vec![digits(&t.sender_number), digits(&t.recv_number)],
        ),
    };
    Some(s)
}
