//! The department's receiving lines (`--lines FILE`): which folder or fax number is which line and channel.
//!
//! The file is checked strictly, because a mistake in it does not fail anything later: a misspelt table
//! (`[[lines]]`), an unknown key or an empty file used to give every record a null line and channel, and the
//! report a dedicated share of 0. Such a file is refused (a usage error) instead.

use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineSpec {
    pub name: String,
    pub channel: String,
    #[serde(default)]
    pub folders: Vec<String>,
    #[serde(default)]
    pub numbers: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    #[serde(default)]
    pub line: Vec<LineSpec>,
}

fn digits(s: &str) -> String {
    let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    d.strip_prefix('1').filter(|r| r.len() == 10).map(str::to_string).unwrap_or(d)
}

impl Lines {
    pub fn load(path: &Path) -> anyhow::Result<Lines> {
        Lines::from_toml(&std::fs::read_to_string(path)?)
    }

    /// Parses a lines file's text (a worker process gets the text its parent read, so both use the same).
    /// Refuses unknown tables and keys, a file naming no line, a line without a name, channel or any folder
    /// or number to be recognised by, and a name, folder or number given to two lines.
    pub fn from_toml(text: &str) -> anyhow::Result<Lines> {
        let lines: Lines = toml::from_str(text)?;
        anyhow::ensure!(!lines.line.is_empty(), "no [[line]] table: the file names no receiving line");
        let (mut names, mut folders, mut numbers) = (HashSet::new(), HashSet::new(), HashSet::new());
        for l in &lines.line {
            anyhow::ensure!(!l.name.is_empty() && !l.channel.is_empty(), "every [[line]] needs a name and a channel");
            anyhow::ensure!(
                !l.folders.is_empty() || !l.numbers.is_empty(),
                "line {:?} has neither folders nor numbers: no file could ever belong to it",
                l.name
            );
            anyhow::ensure!(names.insert(&l.name), "line {:?} is named twice", l.name);
            for f in &l.folders {
                anyhow::ensure!(
                    !f.is_empty() && !f.contains('/'),
                    "line {:?}: folder {f:?} is not one folder name",
                    l.name
                );
                anyhow::ensure!(folders.insert(f), "folder {f:?} is given to two lines");
            }
            for n in &l.numbers {
                anyhow::ensure!(digits(n).len() >= 7, "line {:?}: number {n:?} is not a fax number", l.name);
                anyhow::ensure!(numbers.insert(digits(n)), "number {n:?} is given to two lines");
            }
        }
        Ok(lines)
    }

    /// The line a file belongs to: by the nearest enclosing folder named in a line's `folders`, else by a
    /// fax number the header line prints. Folder names are data an operator set up; header numbers are OCR
    /// and come second. `path` is where the file was found (made absolute, links not resolved): the
    /// folders that count are the real ones, also above the folder given on the command line, so a line's
    /// folder given itself (`run archive/* --lines ...`) still names its files' line.
    pub fn resolve(&self, path: &Path, header_numbers: &[String]) -> Option<&LineSpec> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let folders: Vec<&std::ffi::OsStr> =
            path.parent().map(|p| p.components().map(|c| c.as_os_str()).collect()).unwrap_or_default();
        for folder in folders.iter().rev() {
            if let Some(l) = self.line.iter().find(|l| l.folders.iter().any(|f| std::ffi::OsStr::new(f) == *folder)) {
                return Some(l);
            }
        }
        let nums: Vec<String> = header_numbers.iter().map(|n| digits(n)).collect();
        self.line.iter().find(|l| l.numbers.iter().any(|n| nums.contains(&digits(n))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_then_numbers() {
        let lines = Lines::from_toml(
            r#"
            [[line]]
            name = "ops-dedicated"
            channel = "dedicated"
            folders = ["ops-dedicated"]
            numbers = ["617-343-4990"]
            [[line]]
            name = "station-a1"
            channel = "station"
            folders = ["a1"]
            "#,
        )
        .unwrap();
        assert_eq!(lines.resolve(Path::new("/srv/2025/a1/fax001.tif"), &[]).unwrap().name, "station-a1");
        assert_eq!(
            lines.resolve(Path::new("/srv/misc/fax002.tif"), &["16173434990".into()]).unwrap().name,
            "ops-dedicated"
        );
        assert!(lines.resolve(Path::new("/srv/misc/fax003.tif"), &[]).is_none());
        // The nearest folder wins, and a relative path counts the folders above it too.
        assert_eq!(lines.resolve(Path::new("/a1/ops-dedicated/x.tif"), &[]).unwrap().name, "ops-dedicated");
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("a1")).unwrap();
        let cwd = std::env::current_dir().unwrap();
        let rel = pathdiff(&d.path().join("a1/fax.tif"), &cwd);
        assert_eq!(lines.resolve(&rel, &[]).unwrap().name, "station-a1", "{}", rel.display());
    }

    /// `to` from `from`, through `..` (both absolute).
    fn pathdiff(to: &Path, from: &Path) -> std::path::PathBuf {
        let ups = from.components().count() - 1;
        let mut p: std::path::PathBuf = (0..ups).map(|_| "..").collect();
        p.push(to.strip_prefix("/").unwrap());
        p
    }

    #[test]
    fn mistakes_in_the_file_are_refused() {
        let ok = "[[line]]\nname = \"a\"\nchannel = \"station\"\nfolders = [\"a\"]\n";
        assert!(Lines::from_toml(ok).is_ok());
        for (bad, why) in [
            ("", "no [[line]]"),
            ("# only a comment\n", "no [[line]]"),
            (&ok.replace("[[line]]", "[[lines]]"), "unknown field"),
            (&format!("{ok}colour = \"red\"\n"), "unknown field"),
            (&format!("{ok}{ok}"), "named twice"),
            (&format!("{ok}{}", ok.replace("name = \"a\"", "name = \"b\"")), "two lines"),
            ("[[line]]\nname = \"a\"\nchannel = \"station\"\n", "neither folders nor numbers"),
            ("[[line]]\nname = \"a\"\nchannel = \"\"\nfolders = [\"a\"]\n", "name and a channel"),
            ("[[line]]\nname = \"a\"\nchannel = \"x\"\nnumbers = [\"12\"]\n", "not a fax number"),
        ] {
            let e = format!("{:#}", Lines::from_toml(bad).unwrap_err());
            assert!(e.contains(why), "{bad:?}: {e}");
        }
    }
}
