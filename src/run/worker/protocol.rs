//! The messages between `faxtract run` and its workers: one JSON object a line over the worker's stdin and
//! stdout, in this order (see the module documentation of `worker` for what each side does with them).
//!
//! ```text
//! parent → worker   {"lines_toml":..,"models_dir":..,"memory_mb":..}   once, first
//! worker → parent   {"ready":{"models_version":".."}} | {"failed":{"message":".."}}
//! parent → worker   {"path":[bytes],"rel":[bytes]}                     one file
//! worker → parent   {"pages":{"count":N}}                               once the file is decoded
//! worker → parent   {"done":{"records":[..],"pages":N,"ocr_calls":N}}
//! ```
//!
//! Paths travel as bytes: a file name need not be UTF-8.

use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// Sent once to a fresh worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Init {
    /// The `--lines` text the parent read (so parent and workers use the very same lines).
    pub lines_toml: Option<String>,
    /// `--models DIR`, bytes of the path; None for the built-in models.
    pub models_dir: Option<Vec<u8>>,
    /// RLIMIT_AS for the worker, MiB; 0 for none.
    pub memory_mb: u64,
    /// How much of each page to OCR.
    #[serde(default)]
    pub strategy: crate::plan::Strategy,
}

/// One file to read.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Job {
    pub path: Vec<u8>,
    pub rel: Vec<u8>,
}

/// What a worker says.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Reply {
    Ready { models_version: String },
    Failed { message: String },
    Pages { count: u32 },
    Done { records: Vec<Record>, pages: u64, ocr_calls: u64 },
}

/// Writes one message as a line and flushes it: the other side acts on whole lines only.
pub(super) fn send(out: &mut impl Write, message: &impl Serialize) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(message)?;
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_single_lines_in_the_documented_shape() {
        let mut buf = Vec::new();
        send(&mut buf, &Reply::Pages { count: 3 }).unwrap();
        send(&mut buf, &Job { path: b"/a/\xff.tif".to_vec(), rel: b"\xff.tif".to_vec() }).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], r#"{"pages":{"count":3}}"#);
        let job: Job = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(job.rel, b"\xff.tif", "names that are not UTF-8 survive the trip");
    }
}
