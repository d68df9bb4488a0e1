//! Finding the input files: folders walked recursively in sorted order, symlinks followed with loop
//! detection. Every entry becomes an input, including the ones that cannot be read (they get error records).
//!
//! Each file is vetted by its metadata before anyone opens it: opening a FIFO blocks until a writer
//! comes (forever, in an archive), a device can be read forever, and a file over
//! [`crate::input::read::MAX_FILE_BYTES`] would be read whole into memory. Such entries get a `walk_error` instead.

use crate::error::ErrorCode;
use crate::input::open;
use std::os::unix::ffi::OsStrExt;
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

impl Input {
    /// `source.path`: [`Input::rel`] as text. A name that is not UTF-8 keeps every byte distinct, the
    /// invalid ones written `\xNN` (a lossy conversion gave three such files one path, and so one shard
    /// and one report entry).
    pub fn source_path(&self) -> String {
        let bytes = self.rel.as_os_str().as_bytes();
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_string();
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
}

/// The roots to walk: each folder or file once. A root given twice, or lying inside a folder also given,
/// would have its files read (and written) twice; the first mention of a folder covering it is kept.
/// Returns the kept roots and how many were dropped.
pub fn distinct_roots(roots: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let canon: Vec<Option<PathBuf>> = roots.iter().map(|r| r.canonicalize().ok()).collect();
    let covered = |j: usize| {
        let Some(cj) = &canon[j] else { return false };
        canon.iter().enumerate().any(|(i, ci)| {
            let Some(ci) = ci else { return false };
            // An earlier equal root, or any other root that is a folder holding this one.
            i != j && ((ci == cj && i < j) || (ci != cj && cj.starts_with(ci) && roots[i].is_dir()))
        })
    };
    let kept: Vec<PathBuf> = (0..roots.len()).filter(|&j| !covered(j)).map(|j| roots[j].clone()).collect();
    let dropped = roots.len() - kept.len();
    (kept, dropped)
}

/// Every file under `roots` (see the module documentation), each root walked once ([`distinct_roots`]).
pub fn inputs(roots: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for root in &distinct_roots(roots).0 {
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

/// The walk's vetting of an entry by its metadata (see [`open::vet`]).
fn vet(m: &std::fs::Metadata) -> Option<(ErrorCode, String)> {
    open::vet(m).err().map(|e| (e.code, e.message))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn names_that_are_not_utf8_stay_distinct() {
        let input =
            |b: &[u8]| Input { path: PathBuf::new(), rel: PathBuf::from(OsStr::from_bytes(b)), walk_error: None };
        let names: [&[u8]; 3] = [b"a/fax\xff.tif", b"a/fax\xfe.tif", b"a/fax\xfd.tif"];
        let paths: Vec<String> = names.iter().map(|b| input(b).source_path()).collect();
        assert_eq!(paths, ["a/fax\\xFF.tif", "a/fax\\xFE.tif", "a/fax\\xFD.tif"]);
        assert_eq!(input("a/fax\u{e9}.tif".as_bytes()).source_path(), "a/fax\u{e9}.tif", "UTF-8 names are unchanged");
    }

    #[test]
    fn a_folder_given_twice_or_inside_another_is_walked_once() {
        let d = tempfile::tempdir().unwrap();
        let (a, sub) = (d.path().join("a"), d.path().join("a/sub"));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("x.tif"), b"x").unwrap();
        let b = d.path().join("b.tif");
        std::fs::write(&b, b"b").unwrap();
        let roots = vec![a.clone(), sub.clone(), a.join("."), b.clone(), b.clone()];
        assert_eq!(distinct_roots(&roots), (vec![a.clone(), b.clone()], 3));
        let rels: Vec<PathBuf> = inputs(&roots).into_iter().map(|i| i.rel).collect();
        assert_eq!(rels, [PathBuf::from("sub/x.tif"), b]);
        // The inner folder first, then its parent: the parent covers it.
        assert_eq!(distinct_roots(&[sub, a.clone()]), (vec![a], 1));
    }
}
