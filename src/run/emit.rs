//! Stage 9: writing records as JSON Lines. Each file's records go out as whole lines and are flushed
//! together, so a reader never sees half a record. Output files are created readable by the owner only:
//! the records hold personal data.
//!
//! A named output file is written whole or not at all: records go to a temporary file beside it, which is
//! fsync'd and renamed over the target only when the run has finished ([`JsonlWriter::commit`]). A crash at
//! any moment leaves the previous output (or none), never a torn one; a rerun rewrites it.

use crate::record::Record;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub struct JsonlWriter {
    out: Box<dyn Write + Send>,
    /// For a named output: (the temporary file, its path, the target path).
    file: Option<(BufWriter<File>, PathBuf, PathBuf)>,
}

/// The temporary file an output is written to: hidden, in the same folder (rename is atomic only within
/// one file system), a fixed name so a crashed run's leftover is reused rather than piling up.
pub fn temp_path_for(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    target.with_file_name(format!(".{name}.faxtract-tmp"))
}

/// Creates `path` fresh with mode 0600 (an old file of that name is removed first, so its mode cannot carry
/// over).
pub fn create_private(path: &Path) -> std::io::Result<File> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

/// fsync of a folder, so a rename in it survives a power cut.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    File::open(dir)?.sync_all()
}

impl JsonlWriter {
    /// Writes to `path` (through a temporary file, see [`JsonlWriter::commit`]), or to stdout for None or `-`.
    pub fn create(path: Option<&Path>) -> std::io::Result<JsonlWriter> {
        match path {
            Some(p) if p.as_os_str() != "-" => {
                let tmp = temp_path_for(p);
                let f = create_private(&tmp)?;
                Ok(JsonlWriter {
                    out: Box::new(std::io::sink()),
                    file: Some((BufWriter::new(f), tmp, p.to_path_buf())),
                })
            }
            _ => Ok(JsonlWriter { out: Box::new(std::io::stdout()), file: None }),
        }
    }

    fn target(&mut self) -> &mut dyn Write {
        match &mut self.file {
            Some((f, _, _)) => f,
            None => &mut self.out,
        }
    }

    pub fn write(&mut self, records: &[Record]) -> std::io::Result<()> {
        let mut buf = Vec::new();
        for r in records {
            serde_json::to_writer(&mut buf, r)?;
            buf.push(b'\n');
        }
        self.write_lines(&buf)
    }

    /// Writes lines that are already serialized records (each ending in a newline).
    pub fn write_lines(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let out = self.target();
        out.write_all(buf)?;
        // stdout is flushed per file so a reader downstream sees whole files promptly; the temporary file
        // is buffered and synced once at the end.
        if self.file.is_none() {
            self.out.flush()?;
        }
        Ok(())
    }

    /// Finishes the output: for a named file, syncs the temporary file and renames it over the target.
    pub fn commit(self) -> std::io::Result<()> {
        match self.file {
            Some((f, tmp, target)) => {
                let f = f.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                drop(f);
                std::fs::rename(&tmp, &target)?;
                sync_dir(target.parent().unwrap_or(Path::new(".")))
            }
            None => {
                let mut out = self.out;
                out.flush()
            }
        }
    }

    /// Gives up a named output: the temporary file is removed and the previous output left as it was.
    pub fn abandon(self) {
        if let Some((f, tmp, _)) = self.file {
            drop(f);
            let _ = std::fs::remove_file(tmp);
        }
    }
}
