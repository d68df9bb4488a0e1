//! The state of incremental runs (`faxtract run --state DIR`): each input file's records, stored whole once
//! the file is done, under a key naming everything the records depend on.
//!
//! Layout (the folder is created 0700, every file in it 0600; records hold personal data):
//!
//! ```text
//! DIR/format                    "faxtract.state/1"
//! DIR/lock                      flock'd for the whole run: one run per state folder at a time
//! DIR/records/ab/<key>.jsonl    one entry per input file: a meta line, then the file's records
//! DIR/records/ab/<key>.retry.jsonl   the same for a file whose error may be passing (a crash, a
//!                               timeout, an I/O error): its records make the output complete, and the next
//!                               run reads the file again
//! DIR/damaged/<key>.jsonl       an entry found damaged, set aside (its file was read again)
//! ```
//!
//! A folder is used as a state folder only if it holds the `format` marker, or is empty: the run removes
//! entries no input references, and must never remove anything it did not write.
//!
//! `key` = SHA-256 over the file's content SHA-256, its relative path (`source.path`), the models version,
//! a hash of the `--lines` file and the faxtract version: the records are a function of exactly these, so an
//! entry present under the key is the file's output and the file need not be read again. An entry is
//! written to `<key>.tmp`, fsync'd and renamed into place, then the folder fsync'd: it exists whole or not
//! at all, so the entry's presence is the journal. Entries no input of a run referenced (deleted or changed
//! files, older models) are removed after that run's output is in place.

use crate::error::Stop;
use crate::pipeline::FileResult;
use crate::record::Record;
use crate::run::emit::{create_private, sync_dir};
use anyhow::{bail, Context};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "faxtract.state/1";
/// Marks an entry whose file is read again next run (`<key>.retry.jsonl`).
const RETRY_SUFFIX: &str = ".retry";

/// What a rerun needs besides the records: the file's costs, for the summary.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Meta {
    faxtract_state: String,
    key: String,
    pages: u64,
    ocr_calls: u64,
    records: usize,
}

/// One stored entry, read back.
pub struct Entry {
    pub pages: u64,
    pub ocr_calls: u64,
    pub records: Vec<Record>,
    /// The records exactly as stored, one JSON line each, for copying to the output.
    pub lines: Vec<u8>,
}

pub struct State {
    dir: PathBuf,
    /// Held for the life of the run: the flock is released when the file closes.
    _lock: File,
}

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    // An existing folder keeps its mode under mkdir; the state is personal data, so tighten it.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Whether a folder without a marker may become a state folder: absent, empty, or holding only what a
/// run killed while creating it leaves (its lock, the marker's temporary file, an empty `records/`).
fn is_unused(dir: &Path) -> std::io::Result<bool> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e),
    };
    for e in entries {
        let e = e?;
        let ours = match e.file_name().to_str() {
            Some("lock" | "format.tmp") => true,
            Some("records") => std::fs::read_dir(e.path())?.next().is_none(),
            _ => false,
        };
        if !ours {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The hex SHA-256 of an input file's content, read in blocks (memory stays small whatever the file's
/// size). The file is opened the vetted way ([`crate::input::open`]): what is not a regular file by now
/// is not hashed (and not waited on).
pub fn content_sha256(path: &Path) -> std::io::Result<String> {
    let mut f = crate::input::open::open(path).map_err(|e| std::io::Error::other(e.message))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(format!("{:x}", h.finalize()))
}

/// The hash standing for a `--lines` file in keys (its exact text), or for its absence.
pub fn lines_hash(text: Option<&str>) -> String {
    match text {
        Some(t) => format!("{:x}", Sha256::digest(t.as_bytes())),
        None => "none".to_string(),
    }
}

/// The key of an input's entry; see the module documentation.
pub fn key(content_sha256: &str, rel: &Path, models_version: &str, lines_hash: &str) -> String {
    let mut h = Sha256::new();
    // Each part is length-prefixed so no two different tuples give the same byte stream.
    for part in [
        FORMAT.as_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
        content_sha256.as_bytes(),
        rel.as_os_str().as_bytes(),
        models_version.as_bytes(),
        lines_hash.as_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:x}", h.finalize())
}

impl State {
    /// Opens (creating) the state folder and takes its lock; fails if another run holds it. A folder that
    /// is not empty and has no `format` marker saying it is a state folder is refused
    /// ([`Stop::Refused`]): the run removes files under `records/` that no input references, and a folder
    /// given by mistake (`--state /srv/fax`) must never lose anything.
    pub fn open(dir: &Path) -> anyhow::Result<State> {
        let refuse = |why: String| -> anyhow::Result<State> { Err(Stop::Refused(why).into()) };
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => return refuse(format!("--state {}: not a folder", dir.display())),
            _ => {}
        }
        let format_path = dir.join("format");
        match std::fs::read(&format_path) {
            Ok(f) if String::from_utf8_lossy(&f).trim() == FORMAT => {}
            Ok(f) => {
                return refuse(format!(
                    "--state {}: holds state of another format ({:?}); use a new folder",
                    dir.display(),
                    String::from_utf8_lossy(&f).trim()
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !is_unused(dir)? {
                    return refuse(format!(
                        "--state {}: the folder is not empty and is not a faxtract state folder (it has no `format` \
                         file); give an empty or new folder",
                        dir.display()
                    ));
                }
                make_private_dir(dir).with_context(|| format!("creating state folder {}", dir.display()))?;
                // Written whole or not at all: a marker cut short would lock the folder out of every later run.
                let tmp = dir.join("format.tmp");
                let mut f = create_private(&tmp)?;
                writeln!(f, "{FORMAT}")?;
                f.sync_all()?;
                std::fs::rename(&tmp, &format_path)?;
                sync_dir(dir)?;
            }
            Err(e) => return Err(e).context("reading the state format"),
        }
        make_private_dir(dir).with_context(|| format!("state folder {}", dir.display()))?;
        make_private_dir(&dir.join("records"))?;
        let lock_path = dir.join("lock");
        let lock = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&lock_path)?;
        std::fs::set_permissions(&lock_path, std::fs::Permissions::from_mode(0o600))?;
        // SAFETY: flock on a file descriptor we own.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            bail!("another faxtract run is using the state folder {}", dir.display());
        }
        Ok(State { dir: dir.to_path_buf(), _lock: lock })
    }

    fn entry_path(&self, key: &str) -> PathBuf {
        self.dir.join("records").join(&key[..2]).join(format!("{key}.jsonl"))
    }

    /// Where an entry to be retried lives: the name alone says so, so planning a run needs no reads.
    fn retry_path(&self, key: &str) -> PathBuf {
        self.dir.join("records").join(&key[..2]).join(format!("{key}{RETRY_SUFFIX}.jsonl"))
    }

    /// Whether the file under `key` is done: stored, and not to be retried.
    pub fn has(&self, key: &str) -> bool {
        self.entry_path(key).is_file()
    }

    /// Stores a file's records under `key`, durably and whole (temp file, fsync, rename, fsync folder).
    /// `retry`: the records are kept for the output, but the next run reads the file again (a crash or
    /// timeout may have been the machine's fault, not the file's).
    pub fn store(&self, key: &str, result: &FileResult, retry: bool) -> anyhow::Result<()> {
        let (path, other) = if retry {
            (self.retry_path(key), self.entry_path(key))
        } else {
            (self.entry_path(key), self.retry_path(key))
        };
        let folder = path.parent().expect("entries live in a subfolder");
        make_private_dir(folder)?;
        let tmp = path.with_extension("tmp");
        let mut buf = Vec::new();
        let meta = Meta {
            faxtract_state: FORMAT.into(),
            key: key.into(),
            pages: result.pages,
            ocr_calls: result.ocr_calls,
            records: result.records.len(),
        };
        serde_json::to_writer(&mut buf, &meta)?;
        buf.push(b'\n');
        for r in &result.records {
            serde_json::to_writer(&mut buf, r)?;
            buf.push(b'\n');
        }
        let mut f = create_private(&tmp).with_context(|| format!("writing state entry {}", tmp.display()))?;
        f.write_all(&buf)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &path)?;
        match std::fs::remove_file(&other) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
        sync_dir(folder)?;
        Ok(())
    }

    /// Reads an entry back, checking it is whole (its meta line names it and counts its records).
    pub fn read(&self, key: &str) -> anyhow::Result<Entry> {
        let path = self.entry_path(key);
        let path = if path.is_file() { path } else { self.retry_path(key) };
        let mut rd = BufReader::new(File::open(&path).with_context(|| format!("state entry {key} is missing"))?);
        let mut line = String::new();
        rd.read_line(&mut line)?;
        let meta: Meta = serde_json::from_str(&line).with_context(|| format!("state entry {key}: bad meta line"))?;
        anyhow::ensure!(
            meta.faxtract_state == FORMAT && meta.key == key,
            "state entry {key} does not belong to its name"
        );
        let mut entry = Entry { pages: meta.pages, ocr_calls: meta.ocr_calls, records: Vec::new(), lines: Vec::new() };
        loop {
            line.clear();
            if rd.read_line(&mut line)? == 0 {
                break;
            }
            anyhow::ensure!(line.ends_with('\n'), "state entry {key}: torn last line");
            entry.records.push(serde_json::from_str(&line).with_context(|| format!("state entry {key}: bad record"))?);
            entry.lines.extend_from_slice(line.as_bytes());
        }
        anyhow::ensure!(
            entry.records.len() == meta.records,
            "state entry {key}: {} records, meta says {}",
            entry.records.len(),
            meta.records
        );
        Ok(entry)
    }

    /// Moves a damaged entry out of the way, into `damaged/` (kept for inspection, 0600 like the rest), so
    /// that its file is read again; returns the names it had, relative to the state folder.
    pub fn set_aside(&self, key: &str) -> anyhow::Result<Vec<String>> {
        let aside = self.dir.join("damaged");
        make_private_dir(&aside)?;
        let mut moved = Vec::new();
        for path in [self.entry_path(key), self.retry_path(key)] {
            let Some(name) = path.file_name() else { continue };
            match std::fs::rename(&path, aside.join(name)) {
                Ok(()) => moved.push(path.strip_prefix(&self.dir).unwrap_or(&path).display().to_string()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).context("setting a damaged state entry aside"),
            }
        }
        if let Some(folder) = self.entry_path(key).parent() {
            sync_dir(folder)?;
        }
        sync_dir(&aside)?;
        Ok(moved)
    }

    /// Removes every entry not in `keep` and leftover temporary files; returns how many entries went. Only
    /// files named as this module names them are touched: anything else found under `records/` stays.
    pub fn collect_garbage(&self, keep: &HashSet<&str>) -> anyhow::Result<u64> {
        let mut removed = 0;
        for sub in std::fs::read_dir(self.dir.join("records"))? {
            let sub = sub?.path();
            if !sub.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&sub)? {
                let f = f?.path();
                let Some((key, is_entry)) = f.file_name().and_then(|n| n.to_str()).and_then(entry_name) else {
                    continue;
                };
                if !is_entry || !keep.contains(key) {
                    std::fs::remove_file(&f)?;
                    removed += is_entry as u64;
                }
            }
            // Only succeeds when empty, which is the point.
            let _ = std::fs::remove_dir(&sub);
        }
        sync_dir(&self.dir.join("records"))?;
        Ok(removed)
    }
}

/// The key of a file this module writes under `records/`, and whether it is an entry (`.jsonl`) rather
/// than a temporary file (`.tmp`); None for any other name.
fn entry_name(name: &str) -> Option<(&str, bool)> {
    let (stem, is_entry) = match (name.strip_suffix(".jsonl"), name.strip_suffix(".tmp")) {
        (Some(s), _) => (s, true),
        (_, Some(s)) => (s, false),
        _ => return None,
    };
    let key = stem.strip_suffix(RETRY_SUFFIX).unwrap_or(stem);
    (key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit())).then_some((key, is_entry))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Kind, Source};

    fn result(path: &str) -> FileResult {
        let r = Record::new(Kind::Other, Source { path: path.into(), ..Default::default() });
        FileResult { records: vec![r.clone(), r], pages: 3, ocr_calls: 7 }
    }

    #[test]
    fn keys_change_with_every_input() {
        let k = key("aa", Path::new("x/y.tif"), "m1", "none");
        assert_eq!(k.len(), 64);
        assert_ne!(k, key("ab", Path::new("x/y.tif"), "m1", "none"));
        assert_ne!(k, key("aa", Path::new("x/z.tif"), "m1", "none"));
        assert_ne!(k, key("aa", Path::new("x/y.tif"), "m2", "none"));
        assert_ne!(k, key("aa", Path::new("x/y.tif"), "m1", &lines_hash(Some("[[line]]"))));
        assert_eq!(k, key("aa", Path::new("x/y.tif"), "m1", "none"));
    }

    #[test]
    fn store_read_collect() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("state");
        let st = State::open(&dir).unwrap();
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        // A second run on the same folder is refused while the first holds it.
        assert!(State::open(&dir).is_err());
        let (k1, k2) = (key("1", Path::new("a"), "m", "none"), key("2", Path::new("b"), "m", "none"));
        st.store(&k1, &result("a"), false).unwrap();
        st.store(&k2, &result("b"), true).unwrap();
        // A retry entry is read back but not counted as done; storing it again as done replaces it.
        assert!(st.has(&k1) && !st.has(&k2));
        assert_eq!(st.read(&k2).unwrap().records.len(), 2);
        st.store(&k2, &result("b"), false).unwrap();
        assert!(st.has(&k2) && !st.retry_path(&k2).exists());
        st.store(&k2, &result("b"), true).unwrap();
        assert!(!st.has(&k2) && st.retry_path(&k2).exists());
        let e = st.read(&k1).unwrap();
        assert_eq!((e.pages, e.ocr_calls, e.records.len()), (3, 7, 2));
        assert_eq!(e.lines.iter().filter(|&&b| b == b'\n').count(), 2);
        let p = st.entry_path(&k1);
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        // A torn entry is detected, not used.
        let text = std::fs::read(&p).unwrap();
        std::fs::write(&p, &text[..text.len() - 5]).unwrap();
        assert!(st.read(&k1).is_err());
        std::fs::write(p.with_extension("tmp"), b"x").unwrap();
        let keep: HashSet<&str> = [k2.as_str()].into();
        assert_eq!(st.collect_garbage(&keep).unwrap(), 1);
        assert!(!st.has(&k1) && st.retry_path(&k2).exists() && !p.with_extension("tmp").exists());
        drop(st);
        assert!(State::open(&dir).is_ok());
    }

    #[test]
    fn only_its_own_files_are_ever_removed() {
        let d = tempfile::tempdir().unwrap();
        let st = State::open(&d.path().join("s")).unwrap();
        let k = key("1", Path::new("a"), "m", "none");
        st.store(&k, &result("a"), false).unwrap();
        let sub = st.entry_path(&k).parent().unwrap().to_path_buf();
        std::fs::write(sub.join("notes.txt"), b"x").unwrap();
        std::fs::write(sub.join("short.jsonl"), b"x").unwrap();
        assert_eq!(st.collect_garbage(&HashSet::new()).unwrap(), 1);
        assert!(sub.join("notes.txt").exists() && sub.join("short.jsonl").exists());
        assert_eq!(entry_name(&format!("{k}.retry.tmp")), Some((k.as_str(), false)));
        assert_eq!(entry_name("0123.jsonl"), None);
        // A damaged entry is moved aside, not deleted.
        st.store(&k, &result("a"), true).unwrap();
        assert_eq!(st.set_aside(&k).unwrap(), [format!("records/{}/{k}.retry.jsonl", &k[..2])]);
        assert!(d.path().join("s/damaged").join(format!("{k}.retry.jsonl")).is_file());
    }
}
