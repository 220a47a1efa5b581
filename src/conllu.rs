//! A reader for CoNLL-U treebank files (Universal Dependencies).
//!
//! Only what lemma evaluation needs: sentences of syntactic words with their
//! form, lemma and UPOS. Multiword-token lines (`1-2`) and empty nodes (`1.1`)
//! are skipped; a malformed line is an error naming the file and line.

use std::io::BufRead;
use std::path::Path;

use crate::error::{Error, Result};

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word form (column 2).
    pub form: String,
    /// The gold lemma (column 3).
    pub lemma: String,
    /// The universal part of speech (column 4).
    pub upos: String,
}

/// Reads all sentences of a CoNLL-U file.
pub fn read_sentences(path: &Path) -> Result<Vec<Vec<Word>>> {
    let text = crate::input::read_file(path)?;
    parse(text.as_bytes(), &path.display().to_string())
}

/// Parses CoNLL-U text; `name` names it in errors.
///
/// ```
/// let text = "# text = Без бар.\n1\tБез\tбез\tNOUN\tn\t_\t2\tnsubj\t_\t_\n2\tбар\tбар\tADJ\tadj\t_\t0\troot\t_\t_\n\n";
/// let s = kazterm::conllu::parse(text.as_bytes(), "t.conllu").unwrap();
/// assert_eq!(s[0][0].lemma, "без");
/// ```
pub fn parse(reader: impl BufRead, name: &str) -> Result<Vec<Vec<Word>>> {
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::Table {
                file: name.to_string(),
                line: i + 1,
                message: format!(
                    "expected 10 tab-separated CoNLL-U columns, found {}",
                    cols.len()
                ),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        if cols[0].parse::<u32>().is_err() {
            return Err(Error::Table {
                file: name.to_string(),
                line: i + 1,
                message: format!("expected a word index in column 1, found {:?}", cols[0]),
            });
        }
        current.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
        });
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_name_their_line() {
        let err = parse("1\tБез\n".as_bytes(), "bad.conllu").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.conllu:1: expected 10 tab-separated CoNLL-U columns, found 2"
        );
    }

    #[test]
    fn multiword_lines_are_skipped() {
        let text = "1-2\tбездер\t_\t_\t_\t_\t_\t_\t_\t_\n1\tбез\tбез\tNOUN\t_\t_\t0\troot\t_\t_\n";
        let s = parse(text.as_bytes(), "t").unwrap();
        assert_eq!(s[0].len(), 1);
    }
}
