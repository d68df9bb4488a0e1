//! `--shard K/N`: splitting one archive among N machines without coordination.
//!
//! A file belongs to shard `h mod N`, where `h` is the first 8 bytes (big-endian) of the SHA-256 of its
//! relative path exactly as `source.path` records it. So:
//! * every machine computes the same split from its own listing of the archive: nothing is exchanged, and
//!   the mount point does not matter (the path is relative to the folder given on the command line);
//! * the split does not depend on the order or number of files: a file's shard does not change when other
//!   files are added, so a nightly incremental run sends each old file to the machine that already read it;
//! * a record says which shard read it (`Shard::of(&record.source.path)`), for checking a combined output.
//!
//! SHA-256, not `std`'s `DefaultHasher`: the latter's output is not guaranteed across Rust versions, and
//! machines built by different toolchains must agree. The path is hashed content-blind on purpose: hashing
//! the file's bytes would need every machine to read every file before knowing whether it is its own.
//!
//! K is 0-based because the engines' indices are: Kubernetes' `JOB_COMPLETION_INDEX` runs 0..N-1, as does
//! Slurm's `SLURM_ARRAY_TASK_ID` with `--array=0-(N-1)`.

use crate::input::walk::Input;
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// One of N shards, `index` in 0..count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// Why a `K/N` argument was refused; the message is what the user sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseShardError(String);

impl fmt::Display for ParseShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseShardError {}

impl FromStr for Shard {
    type Err = ParseShardError;

    fn from_str(s: &str) -> Result<Shard, ParseShardError> {
        let err = |m: String| ParseShardError(m);
        let (k, n) =
            s.trim().split_once('/').ok_or_else(|| err(format!("`{s}` is not K/N (e.g. 0/4: shard 0 of 4)")))?;
        let num = |what: &str, v: &str| -> Result<u64, ParseShardError> {
            v.trim().parse::<u64>().map_err(|_| err(format!("`{s}`: {what} `{v}` is not a whole number")))
        };
        let (index, count) = (num("shard index K", k)?, num("shard count N", n)?);
        if count == 0 {
            return Err(err(format!("`{s}`: the shard count N must be at least 1")));
        }
        if index >= count {
            return Err(err(format!(
                "`{s}`: shard indices run 0..N-1 (0..{}), as Kubernetes' JOB_COMPLETION_INDEX and Slurm's \
                 SLURM_ARRAY_TASK_ID with --array=0-{} do",
                count - 1,
                count - 1
            )));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The 64-bit hash a path is assigned by: the first 8 bytes of SHA-256 of its UTF-8 bytes, big-endian.
pub fn path_hash(source_path: &str) -> u64 {
    let digest = Sha256::digest(source_path.as_bytes());
    u64::from_be_bytes(digest[..8].try_into().expect("SHA-256 has 32 bytes"))
}

impl Shard {
    /// The shard index (0..count) of a file, from its `source.path`.
    pub fn of(source_path: &str, count: u64) -> u64 {
        path_hash(source_path) % count
    }

    /// Whether this shard reads the file whose `source.path` this is.
    pub fn owns(&self, source_path: &str) -> bool {
        Shard::of(source_path, self.count) == self.index
    }
}

/// The inputs the shard reads (all of them without a shard), in their walk order. Hashes the same string
/// the pipeline writes as `source.path` (the lossy form of a non-UTF-8 name), so a record shows its shard.
pub fn select(shard: Option<Shard>, inputs: Vec<Input>) -> Vec<Input> {
    match shard {
        None => inputs,
        Some(s) => inputs.into_iter().filter(|i| s.owns(&i.source_path())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    /// Paths shaped like a real archive's: per-line folders and counters, so that near-identical names
    /// must still spread.
    fn archive_paths(n: usize) -> Vec<String> {
        let lines = ["ops-dedicated", "station-a1", "station-b2", "email-bureau", "2025/06/station-d4"];
        (0..n).map(|i| format!("{}/fax{:09}.tif", lines[i % lines.len()], 1000 + i)).collect()
    }

    fn input(rel: &str) -> Input {
        Input { path: PathBuf::from("/archive").join(rel), rel: PathBuf::from(rel), walk_error: None }
    }

    #[test]
    fn shard_parses_k_of_n() {
        assert_eq!("0/1".parse::<Shard>().unwrap(), Shard { index: 0, count: 1 });
        assert_eq!(" 3/4 ".parse::<Shard>().unwrap(), Shard { index: 3, count: 4 });
        assert_eq!("3/4".parse::<Shard>().unwrap().to_string(), "3/4");
    }

    #[test]
    fn shard_parse_errors_say_what_is_wrong() {
        let msg = |s: &str| s.parse::<Shard>().unwrap_err().to_string();
        let m = msg("4/4");
        assert!(m.contains("indices run 0..N-1 (0..3)"), "{m}");
        assert!(msg("5/4").contains("0..N-1"));
        assert!(msg("0/0").contains("at least 1"), "{}", msg("0/0"));
        assert!(msg("1").contains("not K/N"));
        assert!(msg("a/4").contains("index K `a`"));
        assert!(msg("-1/4").contains("not a whole number"));
        assert!(msg("1/x").contains("count N `x`"));
        assert!(msg("1/2/3").contains("not a whole number"));
        assert!(msg("").contains("not K/N"));
    }

    #[test]
    fn shard_every_path_in_exactly_one_shard() {
        let paths = archive_paths(2000);
        for count in [1, 2, 3, 7] {
            let shards: Vec<Shard> = (0..count).map(|index| Shard { index, count }).collect();
            for p in &paths {
                let owners = shards.iter().filter(|s| s.owns(p)).count();
                assert_eq!(owners, 1, "{p} owned by {owners} of {count} shards");
            }
            // And `select` agrees: the shards' selections add up to the whole, in walk order.
            let all: Vec<Input> = paths.iter().map(|p| input(p)).collect();
            let mut union: Vec<String> = shards
                .iter()
                .flat_map(|s| select(Some(*s), all.clone()))
                .map(|i| i.rel.display().to_string())
                .collect();
            union.sort();
            let mut want = paths.clone();
            want.sort();
            assert_eq!(union, want);
        }
    }

    #[test]
    fn shard_balance_within_three_percent() {
        let paths = archive_paths(100_000);
        for count in [2u64, 3, 5, 8] {
            let mut sizes = vec![0usize; count as usize];
            for p in &paths {
                sizes[Shard::of(p, count) as usize] += 1;
            }
            let expected = paths.len() as f64 / count as f64;
            for (k, &n) in sizes.iter().enumerate() {
                let off = (n as f64 - expected).abs() / expected;
                assert!(off < 0.03, "N={count}: shard {k} has {n} paths, {:.1}% off {expected}", off * 100.0);
            }
        }
    }

    #[test]
    fn shard_assignment_is_fixed() {
        // Computed once, independently (Python's hashlib: int.from_bytes(sha256(p).digest()[:8], "big")), and
        // hard-coded: if this changes, machines built from different versions would split an archive
        // differently, and incremental runs would re-read files on other machines.
        assert_eq!(path_hash("station-d4/fax03448.tif"), 0x5e82_bcce_9fc1_0c92);
        assert_eq!(Shard::of("station-d4/fax03448.tif", 3), 0);
        assert_eq!(path_hash("ops-dedicated/fax000001108.tif"), 0xefbe_5bc6_e099_2de0);
        assert_eq!(Shard::of("ops-dedicated/fax000001108.tif", 3), 2);
        assert_eq!(Shard::of("email-bureau/scan_2026-06-11_202359.png", 7), 3);
    }

    #[test]
    fn shard_of_a_file_does_not_move_when_files_are_added() {
        let before: Vec<Input> = archive_paths(500).iter().map(|p| input(p)).collect();
        let mut after = before.clone();
        // New files, some sorting before the old ones, as a nightly drop does.
        after.extend(["aaa/first.tif", "station-a1/fax000000001.tif", "zzz/last.tif"].map(input));
        after.sort_by(|a, b| a.rel.cmp(&b.rel));
        let s = Shard { index: 1, count: 3 };
        let old: BTreeSet<PathBuf> = select(Some(s), before.clone()).into_iter().map(|i| i.rel).collect();
        let was_there: BTreeSet<PathBuf> = before.iter().map(|i| i.rel.clone()).collect();
        let new: BTreeSet<PathBuf> =
            select(Some(s), after).into_iter().map(|i| i.rel).filter(|r| was_there.contains(r)).collect();
        assert!(!old.is_empty());
        assert_eq!(old, new);
        // No shard leaves everything in place.
        assert_eq!(select(None, before.clone()).len(), before.len());
    }
}
