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

/// The TSV header.
pub const TSV_HEADER: &str = "file\tstart\tend\tline\tcolumn\tsentence\tkind\tscript\ttoken\n";

#[derive(Serialize)]
struct Row<'a> {
    file: &'a str,
    #[serde(flatten)]
    token: &'a Token<'a>,
}

/// Tokenizes every input to `out`; returns the number of tokens.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<u64> {
    if opts.format == Format::Tsv {
        write_out(out, TSV_HEADER.as_bytes())?;
    }
    let mut count = 0;
    let mut line = String::new();
    for input in &opts.inputs {
        let file = input.to_string();
        let mut reader = BlockReader::new(input.open()?, input.path(), opts.lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut cursor = Cursor::default();
        while let Some(offset) = reader.next_block(&mut block, &mut bad)? {
            cursor.offset = offset as usize;
            let mut tokens = Tokens::resume(&block, cursor);
            for token in tokens.by_ref() {
                count += 1;
                line.clear();
                match opts.format {
                    Format::Tsv => {
                        use std::fmt::Write as _;
                        let _ = writeln!(
                            line,
                            "{file}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                            token.start,
                            token.end,
                            token.line,
                            token.column,
                            token.sentence,
                            token.kind.name(),
                            token.script.name(),
                            token.text
                        );
                    }
                    Format::Jsonl => {
                        let row = Row {
                            file: &file,
                            token: &token,
                        };
                        line = serde_json::to_string(&row).expect("a token always serializes");
                        line.push('\n');
                    }
                }
                write_out(out, line.as_bytes())?;
            }
            cursor = tokens.cursor();
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(count)
}
