//! What each `kazterm` subcommand does, as library functions.
//!
//! `main.rs` only parses arguments and maps results to exit codes; the work of
//! a command (reading its inputs block by block, running the pipeline stages,
//! writing results) lives here so it can be tested without a process.

pub mod anki;
pub mod check;
pub mod extract;
pub mod glossary;
pub mod kwic;
pub mod lemma;
pub mod merge;
pub mod normalize;
pub mod run;
pub mod serve;
pub mod stats;
pub mod tokenize;

use std::io::{self, Write};

use crate::error::{Error, Result};

/// Wraps a write error on standard output.
pub(crate) fn stdout_err(e: io::Error) -> Error {
    Error::io("-", e)
}

/// Writes to standard output, naming it in errors.
pub(crate) fn write_out(out: &mut dyn Write, bytes: &[u8]) -> Result<()> {
    out.write_all(bytes).map_err(stdout_err)
}
