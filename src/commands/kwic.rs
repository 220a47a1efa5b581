//! `kazterm kwic`: a keyword-in-context concordance of every inflected form
//! of a lemma (or of a multi-word term), aligned on the keyword.

use std::io::Write;

use super::{stdout_err, write_out};
use crate::error::Result;
use crate::input::{BlockReader, Input};
use crate::morph::Lemmatizer;
use crate::tokenize::{Cursor, Token, TokenKind, Tokens};

/// Options of `kazterm kwic`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The lemma, or the lemmas of a multi-word term.
    pub lemma: String,
    /// Characters of context on each side.
    pub width: usize,
    /// The inputs.
    pub inputs: Vec<Input>,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
}

/// Writes the concordance; returns the number of hits.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<usize> {
    let mut lemmatizer = Lemmatizer::new();
    let wanted: Vec<String> = opts
        .lemma
        .split_whitespace()
        .map(|w| lemmatizer.lemma(w, false).lemma.to_lowercase())
        .collect();
    let mut hits = 0;
    for input in &opts.inputs {
        let file = input.to_string();
        let mut reader = BlockReader::new(input.open()?, input.path(), opts.lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut cursor = Cursor::default();
        while let Some(offset) = reader.next_block(&mut block, &mut bad)? {
            cursor.offset = offset as usize;
            let base = offset as usize;
            let mut tokens = Tokens::resume(&block, cursor);
            let all: Vec<Token<'_>> = tokens.by_ref().collect();
            cursor = tokens.cursor();
            for sentence in all.chunk_by(|a, b| a.sentence == b.sentence) {
                let words: Vec<&Token<'_>> = sentence
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .collect();
                let texts: Vec<&str> = words.iter().map(|t| t.text).collect();
                let lemmas: Vec<String> = lemmatizer
                    .lemma_sentence(&texts)
                    .into_iter()
                    .map(|l| l.lemma.to_lowercase())
                    .collect();
                for k in 0..words.len() {
                    if k + wanted.len() > words.len() || lemmas[k..k + wanted.len()] != wanted[..] {
                        continue;
                    }
                    let (first, last) = (words[k], words[k + wanted.len() - 1]);
                    let (start, end) = (first.start - base, last.end - base);
                    let line_start = block[..start].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = block[end..].find('\n').map_or(block.len(), |i| end + i);
                    // White space folded to single spaces, kept where it was
                    // next to the keyword (none before a comma).
                    let fold = |s: &str| {
                        let inner = s.split_whitespace().collect::<Vec<_>>().join(" ");
                        let lead = if s.starts_with(char::is_whitespace) && !inner.is_empty() {
                            " "
                        } else {
                            ""
                        };
                        let trail = if s.ends_with(char::is_whitespace) && !inner.is_empty() {
                            " "
                        } else {
                            ""
                        };
                        format!("{lead}{inner}{trail}")
                    };
                    let left = fold(&block[line_start..start]);
                    let right = fold(&block[end..line_end]);
                    let left: String = {
                        let chars: Vec<char> = left.chars().collect();
                        chars[chars.len().saturating_sub(opts.width)..]
                            .iter()
                            .collect()
                    };
                    let right: String = right.chars().take(opts.width).collect();
                    let row = format!(
                        "{file}:{}:{}\t{:>width$}[{}]{}\n",
                        first.line,
                        first.column,
                        left,
                        &block[start..end],
                        right,
                        width = opts.width
                    );
                    write_out(out, row.as_bytes())?;
                    hits += 1;
                }
            }
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(hits)
}
