//! `kazterm tokenize`: one row per token, as TSV or JSON lines.

use std::io::Write;

use serde::Serialize;

use super::{stdout_err, write_out};
use crate::error::Result;
use crate::input::{BlockReader, Input};
use crate::tokenize::{Cursor, Token, Tokens};

/// Output formats of `kazterm tokenize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tab-separated values with a header line.
    #[default]
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

/// Options of `kazterm tokenize`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// The output format.
    pub format: Format,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
}

/// How many bytes of rows are gathered before they are written.
const BATCH_BYTES: usize = 1 << 16;

/// The TSV header.
pub const TSV_HEADER: &str = "file\tstart\tend\tline\tcolumn\tsentence\tkind\tscript\ttoken\n";

#[derive(Serialize)]
struct Row<'a> {
    file: &'a str,
    #[serde(flatten)]
    token: &'a Token<'a>,
}

/// Appends one TSV row (`file` escaped already). Integers go through `itoa`: with `format!` the
/// formatting machinery costs more than tokenizing.
fn push_tsv_row(line: &mut Vec<u8>, file: &str, token: &Token<'_>, numbers: &mut itoa::Buffer) {
    line.extend_from_slice(file.as_bytes());
    for n in [
        token.start,
        token.end,
        token.line,
        token.column,
        token.sentence,
    ] {
        line.push(b'\t');
        line.extend_from_slice(numbers.format(n).as_bytes());
    }
    for field in [token.kind.name(), token.script.name(), token.text] {
        line.push(b'\t');
        line.extend_from_slice(crate::tsv::escape(field).as_bytes());
    }
    line.push(b'\n');
}

/// Tokenizes every input to `out`; returns the number of tokens.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<u64> {
    if opts.format == Format::Tsv {
        write_out(out, TSV_HEADER.as_bytes())?;
    }
    let mut count = 0;
    let mut line: Vec<u8> = Vec::new();
    let mut numbers = itoa::Buffer::new();
    for input in &opts.inputs {
        let file = input.to_string();
        // Escaped once, not once a row.
        let escaped_file = crate::tsv::escape(&file).into_owned();
        let mut reader = BlockReader::new(input.open()?, input.path(), opts.lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut cursor = Cursor::default();
        while let Some(offset) = reader.next_block(&mut block, &mut bad)? {
            cursor.offset = offset as usize;
            let mut tokens = Tokens::resume(&block, cursor);
            for token in tokens.by_ref() {
                count += 1;
                match opts.format {
                    Format::Tsv => push_tsv_row(&mut line, &escaped_file, &token, &mut numbers),
                    Format::Jsonl => {
                        let row = Row {
                            file: &file,
                            token: &token,
                        };
                        serde_json::to_writer(&mut line, &row).expect("a token always serializes");
                        line.push(b'\n');
                    }
                }
                // Rows go out in batches: one write a row cost more than
                // tokenizing it.
                if line.len() >= BATCH_BYTES {
                    write_out(out, &line)?;
                    line.clear();
                }
            }
            cursor = tokens.cursor();
        }
    }
    write_out(out, &line)?;
    out.flush().map_err(stdout_err)?;
    Ok(count)
}
