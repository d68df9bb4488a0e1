//! The stable error codes of error records (`error.code`) and of unreadable pages
//! (`review.reasons: page_unreadable:N:code`), in one type: every stage that gives up on a file or a page
//! names its reason with an [`ErrorCode`], and whether the next `--state` run reads the file again is
//! decided here, not by matching strings where the record is stored.
//!
//! The strings are a public interface (the README's error table, the report's error list, downstream
//! scripts): [`ErrorCode::as_str`] gives them and serde reads and writes them, so records keep writing
//! exactly the same bytes.

use serde::{Deserialize, Serialize};

/// Why a file (or a page) gave no records of its own. See the README's error table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    EmptyFile,
    NotAnImage,
    Truncated,
    BadPage,
    MalformedTiff,
    UnsupportedTiff,
    CyclicIfd,
    TooManyPages,
    ImageTooLarge,
    FileTooLarge,
    UndecodableImage,
    UnreadableFile,
    NotARegularFile,
    SymlinkLoop,
    OcrFailed,
    InternalError,
    WorkerCrashed,
    Timeout,
}

impl ErrorCode {
    /// Every code, in the README table's order.
    pub const ALL: [ErrorCode; 18] = [
        ErrorCode::EmptyFile,
        ErrorCode::NotAnImage,
        ErrorCode::Truncated,
        ErrorCode::BadPage,
        ErrorCode::MalformedTiff,
        ErrorCode::UnsupportedTiff,
        ErrorCode::CyclicIfd,
        ErrorCode::TooManyPages,
        ErrorCode::ImageTooLarge,
        ErrorCode::FileTooLarge,
        ErrorCode::UndecodableImage,
        ErrorCode::UnreadableFile,
        ErrorCode::NotARegularFile,
        ErrorCode::SymlinkLoop,
        ErrorCode::OcrFailed,
        ErrorCode::InternalError,
        ErrorCode::WorkerCrashed,
        ErrorCode::Timeout,
    ];

    /// The stable string written in records.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptyFile => "empty_file",
            ErrorCode::NotAnImage => "not_an_image",
            ErrorCode::Truncated => "truncated",
            ErrorCode::BadPage => "bad_page",
            ErrorCode::MalformedTiff => "malformed_tiff",
            ErrorCode::UnsupportedTiff => "unsupported_tiff",
            ErrorCode::CyclicIfd => "cyclic_ifd",
            ErrorCode::TooManyPages => "too_many_pages",
            ErrorCode::ImageTooLarge => "image_too_large",
            ErrorCode::FileTooLarge => "file_too_large",
            ErrorCode::UndecodableImage => "undecodable_image",
            ErrorCode::UnreadableFile => "unreadable_file",
            ErrorCode::NotARegularFile => "not_a_regular_file",
            ErrorCode::SymlinkLoop => "symlink_loop",
            ErrorCode::OcrFailed => "ocr_failed",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::WorkerCrashed => "worker_crashed",
            ErrorCode::Timeout => "timeout",
        }
    }

    /// The code a record's string stands for (None for a string no version of faxtract wrote).
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether the cause may lie in the moment rather than in the file's bytes, so that a `--state` run
    /// keeps the record for its output but the next run reads the file again: an I/O error (a share
    /// briefly away, a file being replaced), the OCR engine failing, a crashed or killed worker (memory
    /// pressure, an overloaded machine) and a bug (which may depend on timing). Every other code follows
    /// from the bytes, which the state key already covers: reading them again would give the same record.
    pub const fn is_transient(self) -> bool {
        matches!(
            self,
            ErrorCode::UnreadableFile
                | ErrorCode::OcrFailed
                | ErrorCode::InternalError
                | ErrorCode::WorkerCrashed
                | ErrorCode::Timeout
        )
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a run ended before its end other than by failing (which is exit 3): the CLI gives each its own exit
/// status, documented in the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The operator asked for something that would lose or damage data, or that cannot be done: refused
    /// before any file was read (exit 2).
    Refused(String),
    /// SIGINT or SIGTERM (exit 128 + the signal's number).
    Interrupted(i32),
    /// The reader of standard output went away (`faxtract run ... | head -1`): the run stops quietly.
    OutputClosed,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Refused(why) => f.write_str(why),
            Stop::Interrupted(libc::SIGINT) => f.write_str("interrupted by SIGINT"),
            Stop::Interrupted(libc::SIGTERM) => f.write_str("interrupted by SIGTERM"),
            Stop::Interrupted(sig) => write!(f, "interrupted by signal {sig}"),
            Stop::OutputClosed => f.write_str("standard output was closed"),
        }
    }
}

impl std::error::Error for Stop {}

impl Stop {
    /// The `Stop` anywhere in an error's chain of causes.
    pub fn find(e: &anyhow::Error) -> Option<&Stop> {
        e.chain().find_map(|c| c.downcast_ref::<Stop>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_stable_and_round_trip() {
        // The README's table, in its order: a renamed variant must not change what records say.
        let table = "empty_file not_an_image truncated bad_page malformed_tiff unsupported_tiff cyclic_ifd \
                     too_many_pages image_too_large file_too_large undecodable_image unreadable_file \
                     not_a_regular_file symlink_loop ocr_failed internal_error worker_crashed timeout";
        let strings: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(strings, table.split_whitespace().collect::<Vec<_>>());
        for c in ErrorCode::ALL {
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{c}\""));
            assert_eq!(serde_json::from_str::<ErrorCode>(&format!("\"{c}\"")).unwrap(), c);
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
        }
        assert_eq!(ErrorCode::parse("tiff_decode"), None);
    }

    #[test]
    fn only_causes_outside_the_bytes_are_retried() {
        let retried: Vec<&str> = ErrorCode::ALL.iter().filter(|c| c.is_transient()).map(|c| c.as_str()).collect();
        assert_eq!(retried, ["unreadable_file", "ocr_failed", "internal_error", "worker_crashed", "timeout"]);
    }
}
