//! Stage 9: writing records as JSON Lines. Each file's records go out as whole lines and are flushed
//! together, so a reader never sees half a record. Output files are created readable by the owner only:
//! the records hold personal data.

use crate::record::Record;
use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

pub struct JsonlWriter {
    out: Box<dyn Write + Send>,
}

impl JsonlWriter {
    /// Writes to `path`, or to stdout for None or `-`.
    pub fn create(path: Option<&Path>) -> std::io::Result<JsonlWriter> {
        let out: Box<dyn Write + Send> = match path {
            None => Box::new(std::io::stdout()),
            Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdout()),
            Some(p) => Box::new(BufWriter::new(OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(p)?)),
        };
        Ok(JsonlWriter { out })
    }

    pub fn write(&mut self, records: &[Record]) -> std::io::Result<()> {
        let mut buf = Vec::new();
        for r in records {
            serde_json::to_writer(&mut buf, r)?;
            buf.push(b'\n');
        }
        self.out.write_all(&buf)?;
        self.out.flush()
    }
}
