//! `kazterm extract`: the terms of Kazakh texts, one row per lemma. The
//! work is [`crate::pipeline::extract`]'s; this module holds the command's
//! options, its output formats and `--eval`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{stdout_err, write_out};
use crate::error::{Error, Result};
use crate::extract::eval::{read_gold, score, Score};
use crate::extract::{Category, Term};
use crate::input::Input;
use crate::pipeline::extract::{self as pipeline, Known};

/// Output formats of `kazterm extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Tab-separated values with a header.
    Tsv,
    /// Comma-separated values with a header.
    Csv,
    /// One JSON object per term.
    Jsonl,
}

/// Options of `kazterm extract`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// The output format.
    pub format: Format,
    /// Up to this many example sentences per term.
    pub contexts: usize,
    /// A user's rules file.
    pub rules: Option<PathBuf>,
    /// Add up to this many multi-word candidates ranked by C-value.
    pub candidates: usize,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Worker threads; 0 for one per core.
    pub jobs: usize,
    /// Show a progress bar on a terminal for large inputs.
    pub progress: bool,
    /// Analyses of word forms to share with other stages of one run (which
    /// must know the same extra terms); a fresh cache when None.
    pub word_cache: Option<crate::extract::WordCache>,
}

/// The column names, in order.
pub const COLUMNS: [&str; 9] = [
    "lemma",
    "category",
    "origin",
    "surfaces",
    "count",
    "first_seen",
    "decomposition",
    "gloss_kk",
    "headword",
];

/// Runs the extractor over the inputs and returns the terms.
pub fn extract(opts: &Options) -> Result<Vec<Term>> {
    extract_with(opts, &[])
}

/// [`extract`] with extra terms known (a glossary's), added after the
/// built-in ones and before a rules file's.
pub fn extract_with(opts: &Options, extra: &[(String, Category)]) -> Result<Vec<Term>> {
    let known = Known::new(extra, opts.rules.as_deref())?;
    pipeline::extract(&opts.inputs, &known, &opts.settings())
}

impl Options {
    /// The pipeline's settings for these options.
    pub fn settings(&self) -> pipeline::Settings {
        pipeline::Settings {
            contexts: self.contexts,
            candidates: self.candidates,
            jobs: self.jobs,
            progress: self.progress,
            lossy: self.lossy,
            occurrences: false,
            word_cache: self.word_cache.clone(),
        }
    }
}

fn fields(t: &Term) -> [String; 9] {
    [
        t.lemma.clone(),
        t.category.name().to_string(),
        t.origin.clone(),
        t.surfaces.join("|"),
        t.count.to_string(),
        if t.category == Category::Candidate {
            String::new()
        } else {
            t.first_seen.to_string()
        },
        t.decomposition.clone(),
        t.gloss_kk.clone(),
        t.headword.clone(),
    ]
}

#[derive(Serialize)]
struct JsonTerm<'a> {
    lemma: &'a str,
    category: &'a str,
    origin: &'a str,
    surfaces: &'a [String],
    count: usize,
    first_seen: String,
    decomposition: &'a str,
    gloss_kk: &'a str,
    headword: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    contexts: Option<&'a [String]>,
}

/// Writes the terms in the chosen format.
pub fn write(terms: &[Term], opts: &Options, out: &mut dyn Write) -> Result<()> {
    let with_contexts = opts.contexts > 0;
    match opts.format {
        Format::Tsv => {
            let mut bytes = Vec::new();
            let mut header: Vec<&str> = COLUMNS.to_vec();
            if with_contexts {
                header.push("contexts");
            }
            crate::tsv::write_record(&mut bytes, &header);
            for t in terms {
                let mut row: Vec<String> = fields(t).to_vec();
                if with_contexts {
                    row.push(t.contexts.join(" | "));
                }
                crate::tsv::write_record(&mut bytes, &row);
            }
            write_out(out, &bytes)?;
        }
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            let mut header: Vec<&str> = COLUMNS.to_vec();
            if with_contexts {
                header.push("contexts");
            }
            w.write_record(&header).map_err(csv_err)?;
            for t in terms {
                let mut row: Vec<String> = fields(t).to_vec();
                if with_contexts {
                    row.push(t.contexts.join(" | "));
                }
                w.write_record(
                    crate::spreadsheet::record(&row)
                        .iter()
                        .map(|c| c.as_bytes()),
                )
                .map_err(csv_err)?;
            }
            let bytes = w.into_inner().map_err(|e| Error::io("-", e.into_error()))?;
            write_out(out, &bytes)?;
        }
        Format::Jsonl => {
            for t in terms {
                let j = JsonTerm {
                    lemma: &t.lemma,
                    category: t.category.name(),
                    origin: &t.origin,
                    surfaces: &t.surfaces,
                    count: t.count,
                    first_seen: if t.category == Category::Candidate {
                        String::new()
                    } else {
                        t.first_seen.to_string()
                    },
                    decomposition: &t.decomposition,
                    gloss_kk: &t.gloss_kk,
                    headword: &t.headword,
                    contexts: with_contexts.then_some(t.contexts.as_slice()),
                };
                let mut line = serde_json::to_vec(&j).expect("a term serializes");
                line.push(b'\n');
                write_out(out, &line)?;
            }
        }
        Format::Table => {
            let rows: Vec<[String; 9]> = terms.iter().map(fields).collect();
            let shown = [0usize, 1, 2, 4, 5, 3, 6, 7, 8];
            let mut widths = [0usize; 9];
            for &c in &shown {
                widths[c] = COLUMNS[c].chars().count();
                for r in &rows {
                    widths[c] = widths[c].max(r[c].chars().count().min(60));
                }
            }
            let mut text = String::new();
            let line = |cells: Vec<String>| -> String {
                let mut s = String::new();
                for (k, &c) in shown.iter().enumerate() {
                    let cell = &cells[c];
                    let clipped: String = if cell.chars().count() > 60 {
                        cell.chars().take(59).chain(std::iter::once('…')).collect()
                    } else {
                        cell.clone()
                    };
                    s.push_str(&clipped);
                    if k + 1 < shown.len() {
                        s.push_str(&" ".repeat(widths[c] - clipped.chars().count() + 2));
                    }
                }
                s.trim_end().to_string() + "\n"
            };
            text.push_str(&line(COLUMNS.iter().map(|s| s.to_string()).collect()));
            for (r, t) in rows.into_iter().zip(terms) {
                text.push_str(&line(r.to_vec()));
                if with_contexts {
                    for c in &t.contexts {
                        text.push_str(&format!("    » {c}\n"));
                    }
                }
            }
            write_out(out, text.as_bytes())?;
        }
    }
    out.flush().map_err(stdout_err)
}

fn csv_err(e: csv::Error) -> Error {
    Error::io("-", std::io::Error::other(e.to_string()))
}

/// The gold files of `--eval`: files as given, folders as their `*.tsv`
/// files in name order.
pub fn gold_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "tsv") && f.is_file())
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "--eval {}: the folder holds no .tsv gold file",
                    p.display()
                )));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// A file's name up to its first dot: `01_heart.txt` and `01_heart.tsv`
/// pair up, and so do `a.kk.txt.gz` and `a.tsv`.
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or_default().to_string()
}

/// Scores extraction against gold files and writes the report: with one
/// gold file, every input against it; with several, each gold file against
/// the inputs of the same name (`gold/01_heart.tsv` with `texts/01_heart.txt`),
/// then the sums over all files (micro-averaged).
pub fn evaluate(opts: &Options, golds: &[PathBuf], out: &mut dyn Write) -> Result<Score> {
    let golds = gold_files(golds)?;
    let mut total = Score::default();
    let mut text = String::new();
    let several = golds.len() > 1;
    for gold in &golds {
        let inputs: Vec<Input> = if several {
            let wanted = stem(gold);
            let paired: Vec<Input> = opts
                .inputs
                .iter()
                .filter(|i| stem(i.path()) == wanted)
                .cloned()
                .collect();
            if paired.is_empty() {
                return Err(Error::Usage(format!(
                    "--eval {}: no input named {wanted}.* to score it against",
                    gold.display()
                )));
            }
            paired
        } else {
            opts.inputs.clone()
        };
        let terms = extract(&Options {
            inputs,
            ..opts.clone()
        })?;
        let counted: Vec<Term> = terms
            .into_iter()
            .filter(|t| t.category != Category::Candidate)
            .collect();
        let s = score(&counted, &read_gold(gold)?);
        text.push_str(&report(&gold.display().to_string(), &s));
        total.add(&s);
    }
    if several {
        text.push_str(&format!(
            "== all {} files\n{}",
            golds.len(),
            summary(&total)
        ));
    }
    write_out(out, text.as_bytes())?;
    out.flush().map_err(stdout_err)?;
    Ok(total)
}

/// The three numbers of a score, one line each.
fn summary(s: &Score) -> String {
    format!(
        "recall NEO: {:.1}% ({}/{})\nrecall:     {:.1}% ({}/{})\nprecision:  {:.1}% ({}/{})\n",
        s.neo_recall(),
        s.neo_found,
        s.neo_gold,
        s.recall(),
        s.found,
        s.gold,
        s.precision(),
        s.correct,
        s.extracted
    )
}

/// One gold file's report: the numbers, the misses, the false alarms.
fn report(gold: &str, s: &Score) -> String {
    let mut text = format!(
        "== {gold} ({} terms, optional ones aside; {} Greek- or Latin-rooted)\n{}",
        s.gold,
        s.neo_gold,
        summary(s)
    );
    text.push_str("missed (gold line, lemma, surfaces):\n");
    for g in &s.missed {
        text.push_str(&format!(
            "  {}\t{}\t{}{}\n",
            g.line,
            g.lemma,
            g.surfaces.join("|"),
            if g.neo { "\tNEO" } else { "" }
        ));
    }
    text.push_str("false alarms (lemma, category, surfaces):\n");
    for t in &s.false_alarms {
        text.push_str(&format!(
            "  {}\t{}\t{}\n",
            t.lemma,
            t.category.name(),
            t.surfaces.join("|")
        ));
    }
    text.push('\n');
    text
}
