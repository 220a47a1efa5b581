//! `kazterm lemma`: the lemma of every word, or an evaluation on a treebank.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::{stdout_err, write_out};
use crate::error::Result;
use crate::input::{BlockReader, Input};
use crate::morph::eval::{evaluate, Report};
use crate::morph::{Analysis, Lemmatizer};
use crate::tokenize::{Cursor, Token, TokenKind, Tokens};

/// Output formats of `kazterm lemma`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `surface<TAB>lemma<TAB>analysis` with a header.
    #[default]
    Tsv,
    /// One JSON object per word.
    Jsonl,
}

/// Options of `kazterm lemma`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// The output format.
    pub format: Format,
    /// Print every ranked reading, not only the best.
    pub all: bool,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Analyse with the hand-written lexicon only.
    pub hand_lexicon: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    surface: &'a str,
    lemma: &'a str,
    analysis: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<f32>,
}

/// Lemmatizes every word token of the inputs, in input order.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<u64> {
    let mut lemmatizer = if opts.hand_lexicon {
        Lemmatizer::with_lexicon(crate::morph::lexicon::HAND_WRITTEN.clone())
    } else {
        Lemmatizer::new()
    };
    if opts.format == Format::Tsv {
        let header: &[u8] = if opts.all {
            b"surface\tlemma\tanalysis\trank\tcost\n"
        } else {
            b"surface\tlemma\tanalysis\n"
        };
        write_out(out, header)?;
    }
    let mut count = 0;
    let mut line: Vec<u8> = Vec::new();
    for input in &opts.inputs {
        let mut reader = BlockReader::new(input.open()?, input.path(), opts.lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut cursor = Cursor::default();
        while reader.next_block(&mut block, &mut bad)?.is_some() {
            let mut tokens = Tokens::resume(&block, cursor);
            // About one token in six bytes of Kazakh text: room at once.
            let mut all: Vec<Token<'_>> = Vec::with_capacity(block.len() / 6);
            all.extend(tokens.by_ref());
            cursor = tokens.cursor();
            // A first pass over the block learns the names it writes inside
            // sentences, so that one met first at a sentence's start keeps
            // its capital; the second reuses its analyses.
            // Words on different lines are not neighbours for the context
            // rules: a word list has one word a line, and a line break in
            // prose seldom falls between an adjective and its noun.
            let sentences: Vec<&[Token<'_>]> =
                all.chunk_by(|a, b| a.sentence == b.sentence).collect();
            let mut runs_of: Vec<Vec<Run<'_>>> = Vec::new();
            if !opts.all {
                for sentence in &sentences {
                    let runs = sentence.chunk_by(|a, b| a.line == b.line).enumerate();
                    let runs = runs.map(|(k, run)| {
                        let texts: Vec<&str> = run.iter().map(|t| t.text).collect();
                        let readings = lemmatizer.analyze_run(&texts);
                        lemmatizer.learn_names_in(&texts, &readings, k == 0);
                        (texts, readings)
                    });
                    runs_of.push(runs.collect());
                }
            }
            let mut runs_of = runs_of.into_iter();
            for sentence in sentences {
                let runs = runs_of.next().unwrap_or_default();
                count += write_sentence(&mut lemmatizer, sentence, runs, opts, &mut line, out)?;
            }
        }
    }
    write_out(out, &line)?;
    out.flush().map_err(stdout_err)?;
    Ok(count)
}

/// A run of a sentence's tokens on one line, analysed.
type Run<'t> = (Vec<&'t str>, Vec<Arc<Vec<Analysis>>>);

/// Lemmatizes one sentence, whose runs (none with `--all`) come analysed
/// from the first pass (their neighbours choose between readings), and
/// writes a row per word token; returns how many.
fn write_sentence(
    lemmatizer: &mut Lemmatizer,
    sentence: &[Token<'_>],
    runs: Vec<Run<'_>>,
    opts: &Options,
    line: &mut Vec<u8>,
    out: &mut dyn Write,
) -> Result<u64> {
    let mut lemmas = Vec::new();
    for (texts, readings) in runs {
        let start = lemmas.is_empty();
        lemmas.extend(lemmatizer.lemma_run_in(&texts, &readings, start));
    }
    let mut count = 0;
    for (i, token) in sentence.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        count += 1;
        if opts.all {
            let readings = lemmatizer.analyze_all(token.text);
            if readings.is_empty() {
                push_row(
                    line,
                    opts.format,
                    token.text,
                    token.text,
                    "UNK",
                    Some((1, 0.0)),
                );
            }
            for (rank, a) in readings.iter().enumerate() {
                push_row(
                    line,
                    opts.format,
                    token.text,
                    &a.lemma,
                    &a.tags(),
                    Some((rank + 1, a.cost)),
                );
            }
        } else {
            let l = &lemmas[i];
            push_row(line, opts.format, token.text, &l.lemma, &l.analysis, None);
        }
        // Rows go out in batches, not one write a row.
        if line.len() >= BATCH_BYTES {
            write_out(out, line)?;
            line.clear();
        }
    }
    Ok(count)
}

/// How many bytes of rows are gathered before they are written.
const BATCH_BYTES: usize = 1 << 16;

fn push_row(
    line: &mut Vec<u8>,
    format: Format,
    surface: &str,
    lemma: &str,
    analysis: &str,
    ranked: Option<(usize, f32)>,
) {
    match format {
        Format::Tsv => {
            for (i, field) in [surface, lemma, analysis].iter().enumerate() {
                if i > 0 {
                    line.push(b'\t');
                }
                line.extend_from_slice(field.as_bytes());
            }
            if let Some((rank, cost)) = ranked {
                line.extend_from_slice(format!("\t{rank}\t{cost:.2}").as_bytes());
            }
            line.push(b'\n');
        }
        Format::Jsonl => {
            let row = Row {
                surface,
                lemma,
                analysis,
                rank: ranked.map(|r| r.0),
                cost: ranked.map(|r| r.1),
            };
            serde_json::to_writer(&mut *line, &row).expect("a row always serializes");
            line.push(b'\n');
        }
    }
}

/// Evaluates on a CoNLL-U file and writes the report; returns it too.
/// With `folds`, K-fold cross-validation (see
/// [`crate::morph::eval::cross_validate`]).
pub fn run_eval(
    path: &Path,
    errors_shown: usize,
    folds: Option<usize>,
    out: &mut dyn Write,
) -> Result<Report> {
    let sentences = crate::conllu::read_sentences(path)?;
    let report = match folds {
        Some(k) => crate::morph::eval::cross_validate(
            &crate::morph::lexicon::WITHOUT_TREEBANK,
            &sentences,
            k,
        ),
        None => evaluate(&mut Lemmatizer::new(), &sentences),
    };
    let mut text = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(
        text,
        "lemma accuracy on {} ({} sentences{})",
        path.display(),
        sentences.len(),
        match folds {
            Some(k) => format!(", {k}-fold cross-validation"),
            None => String::new(),
        }
    );
    let _ = writeln!(
        text,
        "{:<16} {:>7} {:>9} {:>11} {:>14}",
        "upos", "words", "exact %", "caseless %", "unchanged %"
    );
    // Every part of speech of the file, commonest first, then the groups.
    let mut by_size: Vec<(&String, usize)> =
        report.by_upos.iter().map(|(u, t)| (u, t.total)).collect();
    by_size.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let singles: Vec<[&str; 1]> = by_size.iter().map(|(u, _)| [u.as_str()]).collect();
    let mut groups: Vec<(&str, &[&str])> = singles.iter().map(|u| (u[0], &u[..])).collect();
    groups.push(("NOUN+PROPN+ADJ", &["NOUN", "PROPN", "ADJ"]));
    groups.push(("all", &[]));
    for (name, upos) in groups {
        let t = report.group(upos);
        let b = report.baseline_group(upos);
        let _ = writeln!(
            text,
            "{:<16} {:>7} {:>9.2} {:>11.2} {:>14.2}",
            name,
            t.total,
            t.exact_pct(),
            t.caseless_pct(),
            b.caseless_pct()
        );
    }
    let _ = writeln!(
        text,
        "\nmost frequent errors (upos, form, gold, ours, count):"
    );
    for ((upos, form, gold, ours), n) in report.errors.iter().take(errors_shown) {
        let _ = writeln!(text, "{upos}\t{form}\t{gold}\t{ours}\t{n}");
    }
    write_out(out, text.as_bytes())?;
    Ok(report)
}
