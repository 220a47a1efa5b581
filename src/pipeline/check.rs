//! The terminology check of plain texts against a glossary, fed by the
//! extraction pass: each block's term occurrences go, in text order, to the
//! check of the document (the input) they come from. The check needs no
//! extraction of its own, so `kazterm run` extracts once for its term
//! table, its check and its deck.
//!
//! ```
//! use kazterm::glossary::Glossary;
//! use kazterm::pipeline::check::{check, Settings};
//! let dir = std::env::temp_dir().join(format!("kazterm-doc-check-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("a.txt");
//! std::fs::write(&file, "Қалқанша без гормон бөледі. Қалқанша безі үлкейген.\n").unwrap();
//! let concepts = Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap().concepts();
//! let findings = check(&[kazterm::input::Input::File(file)], &concepts, &Settings::default()).unwrap();
//! assert!(findings.iter().all(|f| f.kind.name() != "unknown-term"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::io::{BufRead, Seek, Write};

use super::extract::{for_each_block, Block, Known};
use crate::check::{Checked, DocumentCheck, Finding, Kind, Scope};
use crate::error::{Error, Result};
use crate::extract::WordCache;
use crate::glossary::align::Index;
use crate::glossary::Concept;
use crate::input::Input;

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// What counts as one document.
    pub scope: Scope,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Worker threads; 0 for one per core.
    pub jobs: usize,
    /// Analyses of word forms shared with an extraction that knows the same
    /// glossary.
    pub word_cache: Option<WordCache>,
}

/// Checks texts: every input is one document (or every line, with
/// [`Scope::Line`]). Findings come in input order, and in text order within
/// an input. (For large inputs, [`check_each`] holds none of them.)
pub fn check(inputs: &[Input], concepts: &[Concept], settings: &Settings) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    check_each(inputs, concepts, settings, &mut |f| {
        findings.push(f.clone());
        Ok(())
    })?;
    Ok(findings)
}

/// As [`check`], handing each finding to `each` as soon as it stands, in the
/// same order, so that memory does not grow with the number of findings.
pub fn check_each(
    inputs: &[Input],
    concepts: &[Concept],
    settings: &Settings,
    each: &mut dyn FnMut(&Finding) -> Result<()>,
) -> Result<()> {
    let known = Known::of_glossary(concepts);
    let extraction = super::extract::Settings {
        lossy: settings.lossy,
        jobs: settings.jobs,
        occurrences: true,
        word_cache: settings.word_cache.clone(),
        ..Default::default()
    };
    let mut checker = Checker::new(concepts, settings.scope);
    for_each_block(inputs, &known, &extraction, &mut |block| {
        checker.add(&block, each)
    })?;
    checker.finish(each)
}

/// Checks the blocks of an extraction pass as they come, document by
/// document (see [`check_each`]); the extraction must know the glossary's
/// terms ([`crate::glossary::extractor_terms`]) and keep occurrences.
///
/// A finding stands at once, except an inconsistency, which a sentence
/// introducing both forms together, later in the document, withdraws. From
/// the first such finding of a document on, its findings wait in a
/// temporary file (so memory stays flat) until the document is read.
pub struct Checker<'g> {
    index: Index<'g>,
    concepts: &'g [Concept],
    scope: Scope,
    /// The input being checked, its document check, and what waits.
    current: Option<(usize, DocumentCheck, Option<Spill>)>,
}

impl<'g> Checker<'g> {
    /// A checker against `concepts`, whose documents are `scope`.
    pub fn new(concepts: &'g [Concept], scope: Scope) -> Checker<'g> {
        Checker {
            index: Index::new(concepts),
            concepts,
            scope,
            current: None,
        }
    }

    /// Checks the next block's occurrences; hands on the findings that stand.
    pub fn add(
        &mut self,
        block: &Block,
        each: &mut dyn FnMut(&Finding) -> Result<()>,
    ) -> Result<()> {
        if self
            .current
            .as_ref()
            .is_some_and(|(input, _, _)| *input != block.input)
        {
            self.end_document(each)?;
        }
        let scope = self.scope;
        let (_, document, spill) = self
            .current
            .get_or_insert_with(|| (block.input, DocumentCheck::with_scope(scope), None));
        for checked in document.check(&block.occurrences, &self.index, self.concepts) {
            if spill.is_none() && checked.unless_together.is_none() {
                each(&checked.finding)?;
                continue;
            }
            if spill.is_none() {
                *spill = Some(Spill::new()?);
            }
            if let Some(spill) = spill {
                spill.push(&checked)?;
            }
        }
        Ok(())
    }

    fn end_document(&mut self, each: &mut dyn FnMut(&Finding) -> Result<()>) -> Result<()> {
        if let Some((_, document, Some(spill))) = self.current.take() {
            spill.replay(&document, each)?;
        }
        Ok(())
    }

    /// Hands on what waits at the end of the last document.
    pub fn finish(mut self, each: &mut dyn FnMut(&Finding) -> Result<()>) -> Result<()> {
        self.end_document(each)
    }
}

/// Findings waiting for the end of their document, one JSON object a line
/// in an anonymous temporary file.
struct Spill {
    file: std::io::BufWriter<std::fs::File>,
}

/// A waiting finding as spilled.
#[derive(serde::Serialize, serde::Deserialize)]
struct Waiting {
    kind: String,
    file: String,
    line: usize,
    column: usize,
    segment: String,
    found: String,
    expected: String,
    concept: String,
    message: String,
    context: String,
    unless_together: Option<(String, String)>,
}

impl Spill {
    fn new() -> Result<Spill> {
        let file = tempfile::tempfile().map_err(|e| Error::io("a temporary file", e))?;
        Ok(Spill {
            file: std::io::BufWriter::new(file),
        })
    }

    fn push(&mut self, checked: &Checked) -> Result<()> {
        let f = &checked.finding;
        let waiting = Waiting {
            kind: f.kind.name().to_string(),
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            segment: f.segment.clone(),
            found: f.found.clone(),
            expected: f.expected.clone(),
            concept: f.concept.clone(),
            message: f.message.clone(),
            context: f.context.clone(),
            unless_together: checked.unless_together.clone(),
        };
        let mut line = serde_json::to_vec(&waiting).expect("a finding serializes");
        line.push(b'\n');
        self.file
            .write_all(&line)
            .map_err(|e| Error::io("a temporary file", e))
    }

    /// Hands on the waiting findings in order, less the inconsistencies the
    /// document withdrew.
    fn replay(
        self,
        document: &DocumentCheck,
        each: &mut dyn FnMut(&Finding) -> Result<()>,
    ) -> Result<()> {
        let temp = |e: std::io::Error| Error::io("a temporary file", e);
        let mut file = self.file.into_inner().map_err(|e| temp(e.into_error()))?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(temp)?;
        for line in std::io::BufReader::new(file).lines() {
            let waiting: Waiting = serde_json::from_str(&line.map_err(temp)?)
                .map_err(|e| temp(std::io::Error::other(e)))?;
            let kind = Kind::parse(&waiting.kind).expect("a kind this checker wrote");
            let checked = Checked {
                finding: Finding {
                    kind,
                    severity: kind.severity(),
                    file: waiting.file,
                    line: waiting.line,
                    column: waiting.column,
                    segment: waiting.segment,
                    found: waiting.found,
                    expected: waiting.expected,
                    concept: waiting.concept,
                    message: waiting.message,
                    context: waiting.context,
                },
                unless_together: waiting.unless_together,
            };
            if !checked.withdrawn_by(document) {
                each(&checked.finding)?;
            }
        }
        Ok(())
    }
}
