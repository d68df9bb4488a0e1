//! The department's receiving lines (`--lines FILE`): which folder or fax number is which line and channel.

use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct LineSpec {
    pub name: String,
    pub channel: String,
    #[serde(default)]
    pub folders: Vec<String>,
    #[serde(default)]
    pub numbers: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
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
    pub fn from_toml(text: &str) -> anyhow::Result<Lines> {
        let lines: Lines = toml::from_str(text)?;
        for l in &lines.line {
            anyhow::ensure!(!l.name.is_empty() && !l.channel.is_empty(), "every [[line]] needs a name and a channel");
        }
        Ok(lines)
    }

    /// The line a file belongs to: by the nearest enclosing folder named in a line's `folders`, else by a
    /// fax number the header line prints. Folder names are data an operator set up; header numbers are OCR
    /// and come second.
    pub fn resolve(&self, rel_path: &Path, header_numbers: &[String]) -> Option<&LineSpec> {
        let folders: Vec<String> = rel_path
            .parent()
            .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        for folder in folders.iter().rev() {
            if let Some(l) = self.line.iter().find(|l| l.folders.iter().any(|f| f == folder)) {
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
        let lines: Lines = toml::from_str(
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
        assert_eq!(lines.resolve(Path::new("2025/a1/fax001.tif"), &[]).unwrap().name, "station-a1");
        assert_eq!(lines.resolve(Path::new("misc/fax002.tif"), &["16173434990".into()]).unwrap().name, "ops-dedicated");
        assert!(lines.resolve(Path::new("misc/fax003.tif"), &[]).is_none());
    }
}
