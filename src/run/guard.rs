//! Checks of where a run would write, made before any file is walked or read: an operator's slip in
//! `--out` or `--state` must be refused with a clear message, never cost a fax or hours of OCR.
//!
//! - `--out` naming a folder: refused (it used to fail only after the whole run).
//! - `--out` naming an input file, or lying inside an input folder: refused. The fax would be overwritten
//!   by JSON Lines (the output replaces whatever the name held), and an output inside the archive would be
//!   read back as input by the next run.
//! - `--state` naming something that is not a folder: refused. (A folder without the state's marker is
//!   refused when it is opened, see `state`.)

use crate::error::Stop;
use std::path::{Path, PathBuf};

/// Refuses `--out` and `--state` values that would destroy input or cannot work (see the module
/// documentation). `roots` are the paths given on the command line.
pub fn check_paths(out: Option<&Path>, state: Option<&Path>, roots: &[PathBuf]) -> Result<(), Stop> {
    if let Some(st) = state {
        if st.exists() && !st.is_dir() {
            return Err(Stop::Refused(format!("--state {}: not a folder", st.display())));
        }
    }
    let Some(out) = out.filter(|o| o.as_os_str() != "-") else { return Ok(()) };
    if out.is_dir() {
        return Err(Stop::Refused(format!("--out {}: is a folder; name a file to write", out.display())));
    }
    // Where the output would really be written: its folder resolved (the file may not exist yet), and
    // where an existing name (a link) leads.
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let targets: Vec<PathBuf> =
        [parent.canonicalize().ok().zip(out.file_name()).map(|(d, n)| d.join(n)), out.canonicalize().ok()]
            .into_iter()
            .flatten()
            .collect();
    for root in roots {
        let Ok(r) = root.canonicalize() else { continue };
        let hit = targets.iter().any(|t| if r.is_dir() { t.starts_with(&r) } else { *t == r });
        if hit {
            let what = if r.is_dir() { "lies inside the input folder" } else { "is the input file" };
            return Err(Stop::Refused(format!(
                "--out {} {what} {}: the output would overwrite or join the faxes; write it outside the inputs",
                out.display(),
                root.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_that_would_destroy_inputs_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let archive = d.path().join("archive");
        std::fs::create_dir_all(archive.join("a1")).unwrap();
        let fax = archive.join("a1/fax1.tif");
        std::fs::write(&fax, b"II*\0").unwrap();
        let roots = [archive.clone()];
        let refused =
            |out: &Path, roots: &[PathBuf]| matches!(check_paths(Some(out), None, roots), Err(Stop::Refused(_)));
        assert!(refused(&fax, &roots), "an input file");
        assert!(refused(&archive.join("a1/new.jsonl"), &roots), "inside the archive");
        assert!(refused(&archive.join("a1/../a1/fax1.tif"), &roots), "the same file by another name");
        assert!(refused(&fax, std::slice::from_ref(&fax)), "a file given directly");
        assert!(refused(d.path(), &roots), "a folder");
        let link = d.path().join("link.jsonl");
        std::os::unix::fs::symlink(&fax, &link).unwrap();
        assert!(refused(&link, &roots), "a link to an input file");
        assert!(check_paths(Some(&d.path().join("records.jsonl")), None, &roots).is_ok());
        assert!(check_paths(Some(Path::new("-")), None, &roots).is_ok());
        assert!(matches!(check_paths(None, Some(&fax), &roots), Err(Stop::Refused(_))), "--state on a file");
    }
}
