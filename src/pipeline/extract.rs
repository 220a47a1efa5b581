//! Extraction over a whole corpus: the inputs are read block by block, the
//! blocks go to worker threads in batches, each worker with its own
//! [`Extractor`] (and warm caches, and one shared [`WordCache`]), and each
//! block's results come back to the caller in text order. So one pass over
//! the text can feed every later stage (the term table, the check, the
//! deck), and the result is the same whatever the number of threads.
//!
//! ```
//! use kazterm::pipeline::extract::{extract, Known, Settings};
//! let dir = std::env::temp_dir().join(format!("kazterm-doc-pipeline-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("a.txt");
//! std::fs::write(&file, "Гипофиз бездерінің гормондары.\n").unwrap();
//! let inputs = [kazterm::input::Input::File(file)];
//! let terms = extract(&inputs, &Known::default(), &Settings::default()).unwrap();
//! assert!(terms.iter().any(|t| t.lemma == "гипофиз"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::path::Path;
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::extract::lexicon::parse_rules;
use crate::extract::{Category, Extractor, Location, Occurrence, Term, TermMerger, WordCache};
use crate::input::{BlockReader, Input};
use crate::tokenize::Cursor;

/// What the extractor knows besides its built-in rules: extra terms (a
/// glossary's Kazakh forms) and a rules file's terms and morphemes.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Terms with their categories: the caller's first, then a rules file's.
    pub terms: Vec<(String, Category)>,
    /// Extra morphemes of neoclassical words (from a rules file).
    pub morphemes: Vec<crate::extract::neoclassical::Morpheme>,
}

impl Known {
    /// `extra` terms (a glossary's), then a rules file's terms and
    /// morphemes, when one is given.
    pub fn new(extra: &[(String, Category)], rules: Option<&Path>) -> Result<Known> {
        let mut known = Known {
            terms: extra.to_vec(),
            morphemes: Vec::new(),
        };
        if let Some(path) = rules {
            let text = crate::input::read_file(path)?;
            let mut parsed = parse_rules(&path.display().to_string(), &text)?;
            known.terms.append(&mut parsed.terms);
            known.morphemes = parsed.morphemes;
        }
        Ok(known)
    }

    /// A glossary's Kazakh forms, known in any inflection (what the check,
    /// the alignment and the deck extract with).
    pub fn of_glossary(concepts: &[crate::glossary::Concept]) -> Known {
        Known {
            terms: crate::glossary::extractor_terms(concepts),
            morphemes: Vec::new(),
        }
    }

    /// A fresh extractor that knows these terms and morphemes.
    fn extractor(&self) -> Extractor {
        Extractor::new(&self.terms, &self.morphemes)
    }
}

/// How to extract.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Up to this many example sentences per term.
    pub contexts: usize,
    /// Add up to this many multi-word candidates ranked by C-value (the
    /// whole corpus's counts in one place: one thread).
    pub candidates: usize,
    /// Worker threads; 0 for one per core.
    pub jobs: usize,
    /// Show a progress bar on a terminal for large inputs.
    pub progress: bool,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Keep every occurrence of every term (for a check).
    pub occurrences: bool,
    /// Analyses of word forms to share with other stages of one run (which
    /// must know the same terms); a fresh cache when None.
    pub word_cache: Option<WordCache>,
}

/// The largest number of worker threads: more only costs memory (each
/// worker holds an extractor and a block).
pub const MAX_JOBS: usize = 256;

impl Settings {
    /// The number of worker threads these settings ask for.
    pub fn threads(&self) -> usize {
        let jobs = if self.jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            self.jobs
        };
        jobs.clamp(1, MAX_JOBS)
    }
}

/// One block's results, in the order of the text.
#[derive(Debug)]
pub struct Block {
    /// Which input (its index in the list given).
    pub input: usize,
    /// The terms first seen or seen again in the block.
    pub terms: Vec<Term>,
    /// Every occurrence, when [`Settings::occurrences`] asks for them.
    pub occurrences: Vec<Occurrence>,
    /// How many tokens the block holds.
    pub tokens: usize,
    /// How many of them are words.
    pub words: usize,
}

/// The terms of the inputs, in order of first appearance (and, with
/// [`Settings::candidates`], the multi-word candidates after them).
pub fn extract(inputs: &[Input], known: &Known, settings: &Settings) -> Result<Vec<Term>> {
    if settings.candidates > 0 {
        return extract_with_candidates(inputs, known, settings);
    }
    let mut merger = TermMerger::new(settings.contexts);
    for_each_block(inputs, known, settings, &mut |block| {
        merger.add(block.terms);
        Ok(())
    })?;
    Ok(merger.finish())
}

/// Extracts every block of the inputs on [`Settings::threads`] workers and
/// hands each block's results to `each`, in text order (input by input,
/// block by block), whatever the number of threads.
pub fn for_each_block(
    inputs: &[Input],
    known: &Known,
    settings: &Settings,
    each: &mut dyn FnMut(Block) -> Result<()>,
) -> Result<()> {
    use rayon::prelude::*;

    let jobs = settings.threads();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::io("--jobs", std::io::Error::other(e.to_string())))?;
    let workers: Mutex<Vec<Extractor>> = Mutex::new(Vec::new());
    let shared = settings.word_cache.clone().unwrap_or_default();
    let new_worker = || {
        let ex = known
            .extractor()
            .with_contexts(settings.contexts)
            .with_word_cache(shared.clone());
        if settings.occurrences {
            ex.with_occurrences()
        } else {
            ex
        }
    };
    let total_bytes: u64 = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::Stdin | Input::NamedStdin(_) => None,
        })
        .sum();
    let bar = progress_bar(settings.progress, total_bytes);
    for (index, input) in inputs.iter().enumerate() {
        let file = input.to_string();
        let mut reader = BlockReader::new(input.open()?, input.path(), settings.lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut line = 1;
        let mut done = false;
        while !done {
            // Two blocks a worker per batch: enough to keep them busy while
            // memory stays that of a few blocks. One a worker when every
            // occurrence is kept: a block's occurrences weigh more than its
            // text.
            let per_batch = if settings.occurrences { jobs } else { 2 * jobs };
            let mut batch: Vec<(String, Cursor)> = Vec::with_capacity(per_batch);
            while batch.len() < per_batch {
                match reader.next_block(&mut block, &mut bad)? {
                    Some(offset) => {
                        let cursor = Cursor::at(offset as usize, line);
                        line += block.bytes().filter(|&b| b == b'\n').count();
                        batch.push((std::mem::take(&mut block), cursor));
                    }
                    None => {
                        done = true;
                        break;
                    }
                }
            }
            let parts: Vec<Block> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|(text, cursor)| {
                        let mut ex = workers
                            .lock()
                            .expect("worker pool")
                            .pop()
                            .unwrap_or_else(new_worker);
                        ex.set_input(index);
                        let mut c = *cursor;
                        ex.add_block(&file, text, &mut c);
                        let (tokens, words) = ex.take_counts();
                        let part = Block {
                            input: index,
                            terms: ex.take_terms(),
                            occurrences: ex.take_occurrences(),
                            tokens,
                            words,
                        };
                        workers.lock().expect("worker pool").push(ex);
                        part
                    })
                    .collect()
            });
            if let Some(bar) = &bar {
                bar.inc(batch.iter().map(|(t, _)| t.len() as u64).sum());
            }
            for part in parts {
                each(part)?;
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(())
}

/// The one-thread path of `--candidates`: C-value needs every count of the
/// corpus in one extractor.
fn extract_with_candidates(
    inputs: &[Input],
    known: &Known,
    settings: &Settings,
) -> Result<Vec<Term>> {
    let mut extractor = known
        .extractor()
        .with_contexts(settings.contexts)
        .with_candidates(true);
    for input in inputs {
        let file = input.to_string();
        let mut reader = BlockReader::new(input.open()?, input.path(), settings.lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut cursor = Cursor::default();
        while let Some(offset) = reader.next_block(&mut block, &mut bad)? {
            cursor.offset = offset as usize;
            extractor.add_block(&file, &block, &mut cursor);
        }
        extractor.end_input();
    }
    let candidates = extractor.candidates(settings.candidates);
    let mut terms = extractor.finish();
    let last_seen = terms
        .last()
        .map(|t| t.first_seen.clone())
        .unwrap_or_else(|| Location {
            input: 0,
            file: std::sync::Arc::from(""),
            offset: 0,
            line: 0,
            column: 0,
        });
    for c in candidates {
        terms.push(Term {
            lemma: c.lemma,
            category: Category::Candidate,
            origin: "kk".to_string(),
            surfaces: Vec::new(),
            count: c.frequency,
            first_seen: last_seen.clone(),
            decomposition: format!("C-value {:.2}", c.c_value),
            gloss_kk: String::new(),
            headword: String::new(),
            contexts: Vec::new(),
        });
    }
    Ok(terms)
}

/// A progress bar on standard error, when it is a terminal and the work is
/// larger than a few megabytes.
fn progress_bar(wanted: bool, total: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !wanted || total < 4 << 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}
