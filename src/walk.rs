//! Finding the input files: folders walked recursively in sorted order, symlinks followed with loop
//! detection. Every entry becomes an input, including the ones that cannot be read (they get error records).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// `source.path`: relative to the folder given on the command line (a file given directly: as given).
    pub rel: PathBuf,
    /// Set when the walk itself failed here (a symlink loop, an unreadable folder).
    pub walk_error: Option<(&'static str, String)>,
}

pub fn inputs(roots: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for root in roots {
        if !root.is_dir() {
            out.push(Input { path: root.clone(), rel: root.clone(), walk_error: None });
            continue;
        }
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf();
                    out.push(Input { path: e.path().to_path_buf(), rel, walk_error: None });
                }
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    let (code, msg) = if err.loop_ancestor().is_some() {
                        ("symlink_loop", "a symbolic link loops back to a folder above it".to_string())
                    } else {
                        ("unreadable_file", format!("could not be read: {err}"))
                    };
                    out.push(Input { path, rel, walk_error: Some((code, msg)) });
                }
            }
        }
    }
    out
}
