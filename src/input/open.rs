//! Opening an input file: the one way every part of the run opens what the walk found, so that no open can
//! hang or read without bound, whatever was put at the path since the walk (a FIFO swapped in for a file
//! mid-run blocked an unvetted open forever).
//!
//! [`open`] opens without blocking (`O_NONBLOCK`: opening a FIFO for reading returns at once instead of
//! waiting for a writer), then vets the *opened* file by its own metadata (`fstat`): only a regular file
//! of at most [`read::MAX_FILE_BYTES`] is handed back, in blocking mode. Vetting the descriptor rather than
//! the path leaves no window between the check and the use. The walk vets each entry's metadata by the
//! same rules ([`vet`]) before anything is opened.

use crate::error::ErrorCode;
use crate::input::read::{self, ReadError};
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::path::Path;

/// Refuses what must not be opened or read whole: anything but a regular file, or a file too large.
pub fn vet(m: &std::fs::Metadata) -> Result<(), ReadError> {
    let t = m.file_type();
    if !t.is_file() {
        let what = if t.is_fifo() {
            "a named pipe (FIFO)"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else {
            "not a file"
        };
        return Err(ReadError::new(
            ErrorCode::NotARegularFile,
            format!("{what}, not a regular file: it was not opened"),
        ));
    }
    if m.len() > read::MAX_FILE_BYTES {
        let e = read::too_big(m.len());
        return Err(ReadError::new(e.code, format!("{}; it was not read", e.message)));
    }
    Ok(())
}

/// Opens `path` for reading if it is a regular file within the size limit (see the module documentation).
pub fn open(path: &Path) -> Result<File, ReadError> {
    let unreadable = |e: std::io::Error| ReadError::new(ErrorCode::UnreadableFile, format!("could not be read: {e}"));
    let f = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).map_err(unreadable)?;
    vet(&f.metadata().map_err(unreadable)?).map_err(|e| match e.code {
        // Opened, so it was not a FIFO at walk time: say it changed, so nobody looks for a bug in the walk.
        ErrorCode::NotARegularFile => ReadError::new(e.code, format!("{} (it was replaced during the run)", e.message)),
        _ => e,
    })?;
    // Back to blocking reads: a regular file never blocks, and std's reads expect blocking mode.
    // SAFETY: fcntl on a descriptor we own.
    unsafe {
        let flags = libc::fcntl(f.as_raw_fd(), libc::F_GETFL);
        if flags < 0 || libc::fcntl(f.as_raw_fd(), libc::F_SETFL, flags & !libc::O_NONBLOCK) < 0 {
            return Err(unreadable(std::io::Error::last_os_error()));
        }
    }
    Ok(f)
}

/// Reads a vetted file whole. A file that grows past the limit while it is read is refused as well.
pub fn read_all(path: &Path) -> Result<Vec<u8>, ReadError> {
    let f = open(path)?;
    let mut data = Vec::new();
    f.take(read::MAX_FILE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| ReadError::new(ErrorCode::UnreadableFile, format!("could not be read: {e}")))?;
    if data.len() as u64 > read::MAX_FILE_BYTES {
        return Err(read::too_big(data.len() as u64));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("swapped.tif");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo on a path we own.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // A blocking open would wait here for a writer that never comes.
        let e = read_all(&fifo).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotARegularFile, "{e:?}");
        assert!(e.message.contains("FIFO"), "{e:?}");
    }

    #[test]
    fn regular_files_read_and_the_rest_is_named() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.tif");
        std::fs::write(&p, b"II*\0").unwrap();
        assert_eq!(read_all(&p).unwrap(), b"II*\0");
        assert_eq!(read_all(d.path()).unwrap_err().code, ErrorCode::NotARegularFile);
        assert_eq!(read_all(&d.path().join("gone.tif")).unwrap_err().code, ErrorCode::UnreadableFile);
        let sparse = std::fs::File::create(d.path().join("big.tif")).unwrap();
        sparse.set_len(read::MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(read_all(&d.path().join("big.tif")).unwrap_err().code, ErrorCode::FileTooLarge);
    }
}
