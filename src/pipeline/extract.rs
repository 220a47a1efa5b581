//! Extraction over a whole corpus: the inputs are read block by block, a
//! reader thread running ahead, the blocks go to worker threads as each
//! frees up, each worker with its own [`Extractor`] (and one shared
//! [`WordCache`]), and each block's results come back to the caller in text
//! order. So one pass over the text can feed every later stage (the term
//! table, the check, the deck), and the result is the same whatever the
//! number of threads.
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

use crate::error::Result;
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
///
/// With one thread everything happens on the caller's. With more, one
/// thread reads blocks ahead, the workers each take the next block as they
/// finish one (no batch waits for its slowest block), and the caller's
/// thread puts their results back in order and hands them on while the
/// workers go on. At most a few blocks a worker are read ahead of the
/// one `each` waits for, so memory stays that of a few blocks.
pub fn for_each_block(
    inputs: &[Input],
    known: &Known,
    settings: &Settings,
    each: &mut dyn FnMut(Block) -> Result<()>,
) -> Result<()> {
    let jobs = settings.threads();
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
    let mut source = Blocks::new(inputs, settings.lossy);
    let mut each = |block: Block, bytes: usize| {
        if let Some(bar) = &bar {
            bar.inc(bytes as u64);
        }
        each(block)
    };
    let outcome = if jobs == 1 {
        let mut ex = new_worker();
        let mut outcome = Ok(());
        while let Some(work) = source.next_work().transpose() {
            let bytes = work.as_ref().map_or(0, |w| w.text.len());
            outcome = work.and_then(|w| each(w.extract(&mut ex), bytes));
            if outcome.is_err() {
                break;
            }
        }
        outcome
    } else {
        in_parallel(&mut source, jobs, &new_worker, &mut each)
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    outcome
}

/// One block to extract, with where it stands.
struct Work {
    input: usize,
    file: std::sync::Arc<str>,
    text: String,
    cursor: Cursor,
}

impl Work {
    fn extract(&self, ex: &mut Extractor) -> Block {
        ex.set_input(self.input);
        let mut cursor = self.cursor;
        ex.add_block(&self.file, &self.text, &mut cursor);
        let (tokens, words) = ex.take_counts();
        Block {
            input: self.input,
            terms: ex.take_terms(),
            occurrences: ex.take_occurrences(),
            tokens,
            words,
        }
    }
}

/// An input's blocks.
type Reader = BlockReader<Box<dyn std::io::Read + Send>>;

/// The blocks of the inputs, one input after another, each with the line
/// it starts on.
struct Blocks<'a> {
    inputs: std::iter::Enumerate<std::slice::Iter<'a, Input>>,
    lossy: bool,
    /// The input being read: its index, its name and its reader.
    current: Option<(usize, std::sync::Arc<str>, Reader)>,
    bad: Vec<crate::input::BadBytes>,
}

impl<'a> Blocks<'a> {
    fn new(inputs: &'a [Input], lossy: bool) -> Self {
        Blocks {
            inputs: inputs.iter().enumerate(),
            lossy,
            current: None,
            bad: Vec::new(),
        }
    }

    fn next_work(&mut self) -> Result<Option<Work>> {
        loop {
            if self.current.is_none() {
                let Some((index, input)) = self.inputs.next() else {
                    return Ok(None);
                };
                let reader = BlockReader::new(input.open()?, input.path(), self.lossy);
                self.current = Some((index, std::sync::Arc::from(input.to_string()), reader));
            }
            let Some((index, file, reader)) = &mut self.current else {
                continue;
            };
            let mut text = String::new();
            // What lossy reading replaced is not reported here (`normalize`
            // does): the list is scratch.
            self.bad.clear();
            let line = reader.line() as usize;
            match reader.next_block(&mut text, &mut self.bad)? {
                Some(offset) => {
                    let cursor = Cursor::at(offset as usize, line);
                    return Ok(Some(Work {
                        input: *index,
                        file: std::sync::Arc::clone(file),
                        text,
                        cursor,
                    }));
                }
                None => self.current = None,
            }
        }
    }
}

/// How far the reader may run ahead of the block being handed on, in
/// blocks a worker: enough that no worker waits for text.
const READ_AHEAD_PER_WORKER: usize = 2;

/// The reader's leash: it may read block `n` once block `n - window` has
/// been handed on, or not at all once the caller has stopped.
struct Gate {
    handed_on: Mutex<usize>,
    changed: std::sync::Condvar,
    stopped: std::sync::atomic::AtomicBool,
}

impl Gate {
    /// Waits until block `seq` may be read; false when the run stopped.
    fn wait_for(&self, seq: usize, window: usize) -> bool {
        let mut handed_on = self.handed_on.lock().unwrap_or_else(|e| e.into_inner());
        while seq >= *handed_on + window && !self.stopped() {
            handed_on = self
                .changed
                .wait(handed_on)
                .unwrap_or_else(|e| e.into_inner());
        }
        !self.stopped()
    }

    fn hand_on(&self, count: usize) {
        *self.handed_on.lock().unwrap_or_else(|e| e.into_inner()) = count;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.stopped
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let _guard = self.handed_on.lock().unwrap_or_else(|e| e.into_inner());
        self.changed.notify_all();
    }

    fn stopped(&self) -> bool {
        self.stopped.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Stops the run when dropped by a panic.
struct StopOnPanic<'g>(&'g Gate);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// The many-thread path of [`for_each_block`]: a reader thread, `jobs`
/// workers, and the caller's thread handing results on in order.
fn in_parallel(
    source: &mut Blocks<'_>,
    jobs: usize,
    new_worker: &(dyn Fn() -> Extractor + Sync),
    each: &mut dyn FnMut(Block, usize) -> Result<()>,
) -> Result<()> {
    use std::sync::mpsc;
    let window = READ_AHEAD_PER_WORKER * jobs;
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Work)>(jobs);
    // The workers share the receiving end, and it goes with the last of
    // them: should every worker fail, the reader's next send fails too.
    let work_rx = std::sync::Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::channel::<(usize, Block, usize)>();
    let gate = Gate {
        handed_on: Mutex::new(0),
        changed: std::sync::Condvar::new(),
        stopped: std::sync::atomic::AtomicBool::new(false),
    };
    std::thread::scope(|scope| {
        let gate = &gate;
        let reader = scope.spawn(move || -> Result<()> {
            let mut seq = 0;
            while gate.wait_for(seq, window) {
                let Some(work) = source.next_work()? else {
                    break;
                };
                if work_tx.send((seq, work)).is_err() {
                    break;
                }
                seq += 1;
            }
            Ok(())
        });
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let work_rx = std::sync::Arc::clone(&work_rx);
            scope.spawn(move || {
                // A worker that panics stops the run (the panic then comes
                // out of the scope) rather than leave its block missing and
                // everyone waiting for it.
                let _stop = StopOnPanic(gate);
                let mut ex = new_worker();
                loop {
                    let next = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((seq, work)) = next else {
                        break;
                    };
                    // Once the caller has stopped, the rest is only drained.
                    if gate.stopped() {
                        continue;
                    }
                    let block = work.extract(&mut ex);
                    if done_tx.send((seq, block, work.text.len())).is_err() {
                        gate.stop();
                    }
                }
            });
        }
        drop((done_tx, work_rx));
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        for (seq, block, bytes) in done_rx {
            if outcome.is_err() {
                continue;
            }
            waiting.insert(seq, (block, bytes));
            while let Some((block, bytes)) = waiting.remove(&next) {
                next += 1;
                outcome = each(block, bytes);
                if outcome.is_err() {
                    gate.stop();
                    break;
                }
                gate.hand_on(next);
            }
        }
        // Every worker is done: a reader still waiting for room must not.
        gate.stop();
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        outcome.and(read)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of a few blocks (the shipped paragraph, repeated).
    fn blocks_file(dir: &Path) -> Input {
        let paragraph = std::fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
        let path = dir.join("blocks.txt");
        std::fs::write(&path, paragraph.repeat((3 << 20) / paragraph.len())).unwrap();
        Input::File(path)
    }

    /// Workers that panic (every one, or one on one block) end the run with
    /// their panic, not with a run that waits for them for ever.
    #[test]
    fn a_panicking_worker_ends_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = [blocks_file(dir.path())];
        for panics_on in [0, 1] {
            let made = std::sync::atomic::AtomicUsize::new(0);
            let new_worker = || {
                // The first worker made (panics_on 1) or every one (0).
                let n = made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                assert!(panics_on == 1 && n > 0, "a worker fails");
                Known::default().extractor()
            };
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut source = Blocks::new(&inputs, false);
                in_parallel(&mut source, 2, &new_worker, &mut |_, _| Ok(()))
            }));
            assert!(
                outcome.is_err(),
                "the panic comes out (panics_on {panics_on})"
            );
        }
    }
}
