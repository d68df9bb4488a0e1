//! Finding the input files: folders walked recursively in sorted order, symlinks followed with loop
//! detection. Every entry becomes an input, including the ones that cannot be read (they get error records).
//!
//! Each file is vetted by its metadata before anyone opens it: opening a FIFO blocks until a writer
//! comes (forever, in an archive), a device can be read forever, and a file over
//! [`read::MAX_FILE_BYTES`] would be read whole into memory. Such entries get a `walk_error` instead.

use crate::error::ErrorCode;
use crate::input::read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// `source.path`: relative to the folder given on the command line (a file given directly: as given).
    pub rel: PathBuf,
    /// Set when the walk itself failed here (a symlink loop, an unreadable folder, not a regular file).
    pub walk_error: Option<(ErrorCode, String)>,
}

pub fn inputs(roots: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for root in roots {
        if !root.is_dir() {
            let walk_error = match std::fs::metadata(root) {
                Ok(m) => vet(&m),
                Err(e) => Some(io_error(root, &e)),
            };
            out.push(Input { path: root.clone(), rel: root.clone(), walk_error });
            continue;
        }
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf();
                    // With links followed, the entry's metadata is its target's.
                    let walk_error = match e.metadata() {
                        Ok(m) => vet(&m),
                        Err(err) => Some(walk_failure(e.path(), &err)),
                    };
                    out.push(Input { path: e.path().to_path_buf(), rel, walk_error });
                }
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    let walk_error = Some(walk_failure(&path, &err));
                    out.push(Input { path, rel, walk_error });
                }
            }
        }
    }
    out
}

/// Refuses what must not be opened or read whole: anything but a regular file, or a file too large.
fn vet(m: &std::fs::Metadata) -> Option<(ErrorCode, String)> {
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
        return Some((ErrorCode::NotARegularFile, format!("{what}, not a regular file: it was not opened")));
    }
    (m.len() > read::MAX_FILE_BYTES).then(|| {
        let e = read::too_big(m.len());
        (e.code, format!("{}; it was not read", e.message))
    })
}

fn walk_failure(path: &Path, err: &walkdir::Error) -> (ErrorCode, String) {
    if err.loop_ancestor().is_some() {
        return (ErrorCode::SymlinkLoop, "a symbolic link loops back to a folder above it".to_string());
    }
    match err.io_error() {
        Some(io) => io_error(path, io),
        None => (ErrorCode::UnreadableFile, format!("could not be read: {err}")),
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> (ErrorCode, String) {
    if e.raw_os_error() == Some(libc::ELOOP) {
        return (
            ErrorCode::SymlinkLoop,
            "symbolic links that point at each other (too many levels of links)".to_string(),
        );
    }
    let dangling = e.kind() == std::io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling {
        return (ErrorCode::UnreadableFile, "a symbolic link whose target does not exist".to_string());
    }
    (ErrorCode::UnreadableFile, format!("could not be read: {e}"))
}
