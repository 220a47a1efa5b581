//! `kazterm kwic`: a keyword-in-context concordance of every inflected form
//! of a lemma (or of a multi-word term), aligned on the keyword.

use std::io::Write;

use super::{stdout_err, write_out};
use crate::error::{Error, Result};
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

/// The most characters of context a side may ask for.
pub const MAX_WIDTH: usize = 1000;

/// Writes the concordance; returns the number of hits. The work per hit is
/// bounded by the width, whatever the length of the line around it.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<usize> {
    if !(1..=MAX_WIDTH).contains(&opts.width) {
        return Err(Error::Usage(format!(
            "--width: expected 1 to {MAX_WIDTH} characters, found {}",
            opts.width
        )));
    }
    let mut lemmatizer = Lemmatizer::new();
    let wanted: Vec<String> = opts
        .lemma
        .split_whitespace()
        .map(|w| lemmatizer.lemma(w, false).lemma.to_lowercase())
        .collect();
    if wanted.is_empty() {
        return Err(Error::Usage(
            "kwic: expected a lemma (or the words of a term), found nothing".into(),
        ));
    }
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
                    let left = left_context(&block[..start], opts.width);
                    let right = right_context(&block[end..], opts.width);
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

/// Up to `width` characters of the line before a keyword (the text before
/// it, `before`), white space folded to single spaces: a space is kept next
/// to the keyword and at the line's start only when a word stands between.
/// Reads no further back than it needs.
fn left_context(before: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::with_capacity(width + 1);
    let mut space = false;
    for c in before.chars().rev() {
        if c == '\n' {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if out.len() >= width {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out.truncate(width);
    out.iter().rev().collect()
}

/// Up to `width` characters of the line after a keyword, white space
/// folded as [`left_context`] folds it.
fn right_context(after: &str, width: usize) -> String {
    let mut out = String::new();
    let (mut count, mut space) = (0, false);
    for c in after.chars() {
        if c == '\n' || count >= width {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
            if count >= width {
                break;
            }
        }
        out.push(c);
        count += 1;
    }
    if space && count > 0 && count < width {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_fold_spaces_and_stop_at_the_line() {
        assert_eq!(
            left_context("бірінші\nекінші   үшінші ", 40),
            "екінші үшінші "
        );
        assert_eq!(left_context("  сөз", 40), " сөз");
        assert_eq!(left_context("абвгд", 3), "вгд");
        assert_eq!(
            right_context(", содан   кейін\nкелесі", 40),
            ", содан кейін"
        );
        assert_eq!(right_context(" сөз ", 40), " сөз ");
        assert_eq!(right_context("абвгд", 3), "абв");
        assert_eq!(left_context("   ", 10), "");
    }
}
