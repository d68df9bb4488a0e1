//! Stage 9: writing records as JSON Lines. Each file's records go out as whole lines and are flushed
//! together, so a reader never sees half a record. Output files are created readable by the owner only:
//! the records hold personal data.
//!
//! A named output file is written whole or not at all: records go to a temporary file beside it, which is
//! fsync'd and renamed over the target only when the run has finished ([`JsonlWriter::commit`]). A crash at
//! any moment leaves the previous output (or none), never a torn one; a rerun rewrites it. The temporary
//! file is locked while a run writes it, so a second run given the same output is refused.

use crate::record::Record;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

pub struct JsonlWriter {
    out: Box<dyn Write + Send>,
    /// For a named output: (the temporary file, locked for the run; its path; the target path).
    file: Option<(BufWriter<File>, PathBuf, PathBuf)>,
}

/// The temporary file an output is written to: hidden, in the same folder (rename is atomic only within
/// one file system), a fixed name so a crashed run's leftover is reused rather than piling up. A run holds
/// an flock on it while writing, so two runs given one `--out` cannot share it (see [`lock_temp`]).
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

/// Opens the temporary file `tmp` (creating it 0600), empty, with an exclusive flock held for as long as
/// the file is open; None when another run holds it. Two runs given the same `--out` used to write one
/// temporary file and delete each other's, one of them losing its output while exiting normally.
///
/// The file is never replaced while another run may hold it: it is opened in place, locked, and only then
/// emptied. A run that renamed it into place just before the open leaves this run holding the renamed
/// file, so after locking, the path must still name the file locked, else the open is tried again.
/// A symbolic link planted at the path is removed, never followed.
fn lock_temp(tmp: &Path) -> std::io::Result<Option<File>> {
    loop {
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            // Not blocking: a FIFO planted at the path must not hang the open.
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(tmp);
        let f = match opened {
            Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::ENXIO)) => {
                std::fs::remove_file(tmp)?;
                continue;
            }
            r => r?,
        };
        let meta = f.metadata()?;
        if !meta.is_file() {
            drop(f);
            std::fs::remove_file(tmp)?;
            continue;
        }
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let e = std::io::Error::last_os_error();
            return if e.raw_os_error() == Some(libc::EWOULDBLOCK) { Ok(None) } else { Err(e) };
        }
        match std::fs::symlink_metadata(tmp) {
            Ok(now) if now.dev() == meta.dev() && now.ino() == meta.ino() => {}
            _ => continue,
        }
        f.set_len(0)?;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        // SAFETY: fcntl on a descriptor we own; back to blocking writes.
        unsafe {
            let flags = libc::fcntl(f.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(f.as_raw_fd(), libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
        return Ok(Some(f));
    }
}

impl JsonlWriter {
    /// Writes to `path` (through a temporary file, see [`JsonlWriter::commit`]), or to stdout for None or `-`.
    /// Fails when another run is writing the same output.
    pub fn create(path: Option<&Path>) -> anyhow::Result<JsonlWriter> {
        match path {
            Some(p) if p.as_os_str() != "-" => {
                let tmp = temp_path_for(p);
                let Some(f) = lock_temp(&tmp)? else {
                    anyhow::bail!("another faxtract run is writing this output (its temporary file is locked)")
                };
                Ok(JsonlWriter {
                    out: Box::new(std::io::sink()),
                    file: Some((BufWriter::new(f), tmp, p.to_path_buf())),
                })
            }
            _ => Ok(JsonlWriter { out: Box::new(std::io::stdout()), file: None }),
        }
    }

    /// Empties a named output to write it again from the start (the temporary file and its lock are kept).
    pub fn restart(&mut self) -> std::io::Result<()> {
        if let Some((f, _, _)) = &mut self.file {
            f.flush()?;
            f.get_mut().set_len(0)?;
            f.get_mut().seek(SeekFrom::Start(0))?;
        }
        Ok(())
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
                // Renamed while still locked: no other run can take the temporary file meanwhile.
                std::fs::rename(&tmp, &target)?;
                sync_dir(target.parent().unwrap_or(Path::new(".")))?;
                drop(f);
                Ok(())
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
            // Removed before the lock goes with the file: another run waiting for it makes its own.
            let _ = std::fs::remove_file(tmp);
            drop(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_run_at_a_time_writes_an_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("records.jsonl");
        let mut first = JsonlWriter::create(Some(&out)).unwrap();
        first.write_lines(b"{\"a\":1}\n").unwrap();
        let second = JsonlWriter::create(Some(&out));
        assert!(second.is_err(), "a second run with the same --out must be refused");
        // The refused run did not touch the first one's temporary file.
        first.commit().unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"{\"a\":1}\n");
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
        // Once the first is done, the next run writes (and an abandoned run leaves the output as it was).
        let mut third = JsonlWriter::create(Some(&out)).unwrap();
        third.write_lines(b"{\"b\":2}\n").unwrap();
        third.restart().unwrap();
        third.write_lines(b"{\"c\":3}\n").unwrap();
        third.abandon();
        assert_eq!(std::fs::read(&out).unwrap(), b"{\"a\":1}\n");
        assert!(!temp_path_for(&out).exists());
        let mut fourth = JsonlWriter::create(Some(&out)).unwrap();
        fourth.write_lines(b"{\"b\":2}\n").unwrap();
        fourth.restart().unwrap();
        fourth.write_lines(b"{\"c\":3}\n").unwrap();
        fourth.commit().unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"{\"c\":3}\n", "restart empties what was written");
    }

    #[test]
    fn a_link_planted_at_the_temporary_name_is_not_followed() {
        let d = tempfile::tempdir().unwrap();
        let (out, victim) = (d.path().join("o.jsonl"), d.path().join("victim"));
        std::fs::write(&victim, b"keep me").unwrap();
        std::os::unix::fs::symlink(&victim, temp_path_for(&out)).unwrap();
        JsonlWriter::create(Some(&out)).unwrap().commit().unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&out).unwrap(), b"");
    }
}
