//! The library's one error type.
//!
//! Every fallible function in kazterm returns [`Result`]. Each variant says what
//! went wrong and where (file, byte offset, line), so the CLI can print a single
//! clear line and map the error to exit code 2 without a backtrace.

use std::path::PathBuf;

/// Everything that can go wrong in kazterm.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed; `-` stands for standard input or output.
        path: PathBuf,
        /// The underlying operating-system error.
        source: std::io::Error,
    },

    /// The input is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte offset {offset} (line {line})")]
    InvalidUtf8 {
        /// The file that holds the bad bytes.
        path: PathBuf,
        /// Byte offset of the first byte of the first invalid sequence.
        offset: u64,
        /// 1-based line number of that byte.
        line: u64,
    },

    /// A folder was given but holds no file that kazterm reads.
    #[error(
        "{path}: folder holds no text files (looked for *.txt, *.txt.gz or the --glob pattern)"
    )]
    NoTextFiles {
        /// The folder.
        path: PathBuf,
    },

    /// An output path names one of the inputs.
    #[error("{path}: refusing to write an output over an input file")]
    OutputIsInput {
        /// The output path that is also an input.
        path: PathBuf,
    },

    /// The command line asks for something that cannot be done (a gold file
    /// with no text to score it against).
    #[error("{0}")]
    Usage(String),

    /// A glossary that cannot be used: the problems `glossary validate`
    /// reports that break it.
    #[error("{}", glossary_problems(path, problems))]
    InvalidGlossary {
        /// The glossary file.
        path: PathBuf,
        /// Its fatal problems, in file order.
        problems: Vec<crate::glossary::Problem>,
    },

    /// An embedded or user-supplied data table is malformed.
    #[error("{file}:{line}: {message}")]
    Table {
        /// The table's name or path.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What was expected.
        message: String,
    },
}

/// The message of [`Error::InvalidGlossary`]: a line per problem (the
/// first twenty), as `glossary validate` prints them.
fn glossary_problems(path: &std::path::Path, problems: &[crate::glossary::Problem]) -> String {
    const SHOWN: usize = 20;
    let mut text = format!(
        "{}: not a usable glossary ({} problem{}; `kazterm glossary validate` lists them all):",
        path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems.iter().take(SHOWN) {
        text.push_str(&format!(
            "\n  {}:{}:{}: {}",
            path.display(),
            p.line,
            p.column,
            p.message
        ));
    }
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    text
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
