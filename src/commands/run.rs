//! `kazterm run`: the whole pipeline in one go, with defaults that serve a
//! new user: the shipped `corpus/` and `glossary/endocrine.csv`. One
//! extraction pass ([`crate::pipeline::corpus::analyse`]) feeds the term
//! table, the alignment, the check and the deck.
//!
//! It writes into the output folder `terms.tsv`, `alignment.csv`,
//! `check.txt`, `check.json`, `suggested_glossary.csv`, `deck.apkg`,
//! `deck.txt` and `glossary.tbx`, each through a temporary file renamed into
//! place, and prints a short summary. Files that are not text (binary, not
//! UTF-8, unreadable) are reported and skipped, unless `--strict`.
//! Standard input (`-`) is saved as `stdin.txt` in the output folder first,
//! so that findings and examples point into a file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{check, extract, glossary};
use crate::error::{Error, Result};
use crate::input::{self, Input};
use crate::output::{check_not_input, AtomicFile};
use crate::pipeline::{corpus, deck};

/// Options of `kazterm run`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The glossary CSV.
    pub glossary: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Files and folders to read.
    pub paths: Vec<PathBuf>,
    /// Stop at the first file that is not text instead of skipping it.
    pub strict: bool,
    /// Choose the files of folders by this glob.
    pub glob: Option<String>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Files skipped, with why.
    pub skipped: Vec<String>,
    /// Tokens and word tokens.
    pub tokens: usize,
    /// Word tokens.
    pub words: usize,
    /// Terms by category.
    pub terms: BTreeMap<String, usize>,
    /// Terms aligned with the glossary and not.
    pub matched: usize,
    /// Terms not in the glossary.
    pub unmatched: usize,
    /// Check findings.
    pub findings: usize,
    /// The files written.
    pub written: Vec<PathBuf>,
}

fn write_file(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    f(&mut file)?;
    file.commit()
}

/// The files `run` writes into its output folder.
pub const OUTPUTS: [&str; 8] = [
    "terms.tsv",
    "alignment.csv",
    "suggested_glossary.csv",
    "check.txt",
    "check.json",
    "deck.apkg",
    "deck.txt",
    "glossary.tbx",
];

/// Runs the pipeline.
pub fn run(opts: &Options) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut inputs = Vec::new();
    std::fs::create_dir_all(&opts.out).map_err(|e| Error::io(&opts.out, e))?;
    let _lock = crate::output::FolderLock::take(&opts.out)?;
    for mut i in input::expand_matching(&opts.paths, opts.glob.as_deref())? {
        if i.is_stdin() {
            // The stages read their inputs more than once, and every finding
            // should point at a file the user can open: standard input is
            // kept as OUT/stdin.txt and read from there.
            let saved = opts.out.join("stdin.txt");
            write_file(&saved, |w| {
                std::io::copy(&mut std::io::stdin().lock(), w)
                    .map(drop)
                    .map_err(|e| Error::io("-", e))
            })?;
            summary.written.push(saved.clone());
            i = Input::File(saved);
        }
        match input::screen(&i) {
            None => inputs.push(i),
            Some(why) if opts.strict => {
                return Err(Error::Usage(format!("not usable text (--strict): {why}")))
            }
            Some(why) => {
                eprintln!("kazterm: skipped {why}");
                summary.skipped.push(why);
            }
        }
    }
    if inputs.is_empty() {
        return Err(Error::Usage(format!(
            "nothing to process: every input was skipped ({})",
            summary.skipped.join("; ")
        )));
    }
    summary.files = inputs.len();
    let path = |name: &str| opts.out.join(name);
    // Nothing is written before it is known that no output is an input (a
    // text of the corpus, the glossary): `run --out texts texts` would
    // otherwise replace texts/check.txt, a text it reads.
    let mut not_inputs = inputs.clone();
    not_inputs.push(Input::File(opts.glossary.clone()));
    for name in OUTPUTS {
        check_not_input(&path(name), &not_inputs)?;
    }

    let g = crate::glossary::Glossary::load(&opts.glossary)?;
    let concepts = g.concepts();
    // One pass over the text gives the terms (with one example each, for the
    // deck) and the check's findings, which go straight to both reports.
    let check_opts = check::Options {
        glossary: opts.glossary.clone(),
        inputs: inputs.clone(),
        ..Default::default()
    };
    let (txt_path, json_path) = (path("check.txt"), path("check.json"));
    let mut txt = AtomicFile::create(&txt_path)?;
    let mut json = AtomicFile::create(&json_path)?;
    let mut txt_report =
        check::Reporter::new(&check_opts, &concepts, check::Format::Text, &mut txt)?;
    let mut json_report =
        check::Reporter::new(&check_opts, &concepts, check::Format::Json, &mut json)?;
    let found = corpus::analyse(&inputs, &concepts, &corpus::Settings::default(), &mut |f| {
        summary.findings += 1;
        txt_report.add(f)?;
        json_report.add(f)
    })?;
    (summary.tokens, summary.words) = (found.tokens, found.words);
    let terms = found.terms;
    txt_report.finish(0)?;
    json_report.finish(0)?;
    txt.commit()?;
    json.commit()?;
    for t in &terms {
        *summary
            .terms
            .entry(t.category.name().to_string())
            .or_default() += 1;
    }
    let table = extract::Options {
        format: extract::Format::Tsv,
        contexts: 1,
        ..Default::default()
    };
    let terms_path = path("terms.tsv");
    write_file(&terms_path, |w| extract::write(&terms, &table, w))?;
    summary.written.push(terms_path);

    let aligned = crate::pipeline::align::align(&concepts, terms.clone());
    summary.unmatched = crate::pipeline::align::unmatched(&aligned);
    summary.matched = aligned.len() - summary.unmatched;
    let alignment = path("alignment.csv");
    write_file(&alignment, |w| {
        glossary::write_alignment(&aligned, glossary::AlignFormat::Csv, w)
    })?;
    summary.written.push(alignment);
    let suggested = path("suggested_glossary.csv");
    glossary::write_proposals(&suggested, &not_inputs, &aligned)?;
    summary.written.push(suggested);
    summary.written.push(txt_path);
    summary.written.push(json_path);

    let settings = deck::Settings::default();
    let notes = deck::notes(&concepts, &deck::examples(&concepts, terms), &settings);
    for name in ["deck.apkg", "deck.txt"] {
        let p = path(name);
        check_not_input(&p, &not_inputs)?;
        deck::write(&notes, &settings, &p, deck::inputs_time(&not_inputs))?;
        summary.written.push(p);
    }
    let tbx = path("glossary.tbx");
    glossary::export(
        &opts.glossary,
        glossary::ExportFormat::Tbx,
        Some(&tbx),
        &mut std::io::sink(),
    )?;
    summary.written.push(tbx);
    Ok(summary)
}

/// The summary as a few lines for standard output.
pub fn describe(s: &Summary) -> String {
    let mut out = format!(
        "files: {} read, {} skipped\ntokens: {} ({} words)\nterms: {} — {}\nglossary: {} matched, {} not in the glossary (proposals in suggested_glossary.csv)\ncheck: {} finding(s)\nwritten:\n",
        s.files,
        s.skipped.len(),
        s.tokens,
        s.words,
        s.terms.values().sum::<usize>(),
        s.terms.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "),
        s.matched,
        s.unmatched,
        s.findings
    );
    for p in &s.written {
        out.push_str(&format!("  {}\n", p.display()));
    }
    out
}
