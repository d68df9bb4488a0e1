//! The other party's file as a table of text cells: CSV, or the first worksheet of an XLSX workbook.
//!
//! * The first row is the header; names are trimmed, lowercased, a byte-order mark removed.
//! * CSV rows that cannot be parsed are input errors (exit 1), listed with their line; cells that are not
//!   UTF-8 are marked so that the row's reader can name them. Rows are numbered as lines of the file (the
//!   header is line 1); in a workbook, as its rows.
//! * XLSX cells are read as text: numbers without a trailing `.0`, dates and date-times as ISO dates, errors
//!   as empty. Which file is which is told by its first bytes (a ZIP archive is a workbook), not its name.

use crate::report::load::InputError;
use anyhow::{bail, Context};
use std::path::Path;

/// One cell: its text, trimmed, or why it has none.
pub(crate) type Cell = Result<String, &'static str>;

pub(crate) struct Row {
    /// 1-based line (CSV) or row (XLSX) of the file.
    pub line: u64,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell at `i`, `None` when absent or blank.
    pub fn get(&self, i: Option<usize>) -> Option<&Cell> {
        self.cells.get(i?).filter(|c| !matches!(c, Ok(s) if s.is_empty()))
    }
}

pub(crate) struct Table {
    pub path: String,
    /// Header names, trimmed and lowercased.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub errors: Vec<InputError>,
}

/// Reads a CSV or XLSX file. `Err` (a usage error) when it cannot be read or has no header.
pub(crate) fn read(path: &Path) -> anyhow::Result<Table> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.display().to_string();
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx(&name, bytes)
    } else {
        csv(&name, &bytes)
    }
}

/// A header's names as matched: trimmed, lowercased, without a byte-order mark.
fn header_name(s: &str) -> String {
    s.trim().trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// Reads CSV text (header row first). Blank rows are skipped.
pub(crate) fn csv(path: &str, text: &[u8]) -> anyhow::Result<Table> {
    let mut rd = ::csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(::csv::Trim::All).from_reader(text);
    let headers = rd.byte_headers().with_context(|| format!("{path}: cannot read the header row"))?.clone();
    let header: Vec<String> = headers.iter().map(|h| header_name(&String::from_utf8_lossy(h))).collect();
    let mut t = Table { path: path.to_string(), header, rows: Vec::new(), errors: Vec::new() };
    for rec in rd.byte_records() {
        match rec {
            Ok(rec) if rec.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) => {}
            Ok(rec) => t.rows.push(Row {
                line: rec.position().map(|p| p.line()).unwrap_or(0),
                cells: rec
                    .iter()
                    .map(|b| std::str::from_utf8(b).map(|s| s.trim().to_string()).map_err(|_| "not UTF-8"))
                    .collect(),
            }),
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                t.errors.push(InputError { input: path.to_string(), line, message: format!("not a CSV row: {e}") });
            }
        }
    }
    check_header(t)
}

fn check_header(t: Table) -> anyhow::Result<Table> {
    if t.header.iter().all(|n| n.is_empty()) {
        bail!("{}: the list needs a header row naming its columns", t.path);
    }
    Ok(t)
}

/// Reads the first worksheet of an XLSX workbook.
fn xlsx(path: &str, bytes: Vec<u8>) -> anyhow::Result<Table> {
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("{path}: not a readable XLSX workbook: {e}"))?;
    let Some(range) = wb.worksheet_range_at(0) else { bail!("{path}: the workbook has no worksheet") };
    let range = range.map_err(|e| anyhow::anyhow!("{path}: cannot read its first worksheet: {e}"))?;
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let mut rows = range.rows().enumerate().map(|(i, r)| (first_row + i as u64 + 1, r));
    let Some((_, head)) = rows.next() else { bail!("{path}: the list needs a header row naming its columns") };
    let header = head.iter().map(|c| header_name(&cell_text(c))).collect();
    let mut t = Table { path: path.to_string(), header, rows: Vec::new(), errors: Vec::new() };
    for (line, r) in rows {
        let cells: Vec<Cell> = r.iter().map(|c| Ok(cell_text(c).trim().to_string())).collect();
        if cells.iter().all(|c| matches!(c, Ok(s) if s.is_empty())) {
            continue;
        }
        t.rows.push(Row { line, cells });
    }
    check_header(t)
}

/// A workbook cell as text.
fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569; // 1899-12-30 → 1970-01-01
    super::super::output::utc(days * 86_400)[..10].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_lines_and_mark_bad_cells() {
        let t = csv("t.csv", b"\xef\xbb\xbfName , Date\nA,2025-01-01\n , \n b ,\xff\n").unwrap();
        assert_eq!(t.header, ["name", "date"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 4);
        assert_eq!(t.rows[1].get(Some(0)), Some(&Ok("b".to_string())));
        assert_eq!(t.rows[1].get(Some(1)), Some(&Err("not UTF-8")));
        assert!(csv("t.csv", b" , \n1,2\n").is_err(), "a header of blanks");
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(45_658.0), "2025-01-01");
        assert_eq!(excel_date(45_658.75), "2025-01-01");
    }
}
