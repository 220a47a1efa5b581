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

use super::extract::{for_each_block, Block, Known};
use crate::check::{DocumentCheck, Finding, Scope};
use crate::error::Result;
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
/// an input.
pub fn check(inputs: &[Input], concepts: &[Concept], settings: &Settings) -> Result<Vec<Finding>> {
    let known = Known::new(&crate::glossary::extractor_terms(concepts), None)?;
    let extraction = super::extract::Settings {
        lossy: settings.lossy,
        jobs: settings.jobs,
        occurrences: true,
        word_cache: settings.word_cache.clone(),
        ..Default::default()
    };
    let mut checker = Checker::new(concepts, settings.scope);
    for_each_block(inputs, &known, &extraction, &mut |block| {
        checker.add(&block);
        Ok(())
    })?;
    Ok(checker.finish())
}

/// Checks the blocks of an extraction pass as they come, document by
/// document (see [`check`]); the extraction must know the glossary's terms
/// ([`crate::glossary::extractor_terms`]) and keep occurrences.
pub struct Checker<'g> {
    index: Index<'g>,
    concepts: &'g [Concept],
    scope: Scope,
    /// The input being checked, and its document check.
    current: Option<(usize, DocumentCheck)>,
    findings: Vec<Finding>,
}

impl<'g> Checker<'g> {
    /// A checker against `concepts`, whose documents are `scope`.
    pub fn new(concepts: &'g [Concept], scope: Scope) -> Checker<'g> {
        Checker {
            index: Index::new(concepts),
            concepts,
            scope,
            current: None,
            findings: Vec::new(),
        }
    }

    /// Checks the next block's occurrences.
    pub fn add(&mut self, block: &Block) {
        if self
            .current
            .as_ref()
            .is_some_and(|(input, _)| *input != block.input)
        {
            self.end_document();
        }
        let scope = self.scope;
        let (_, document) = self
            .current
            .get_or_insert_with(|| (block.input, DocumentCheck::with_scope(scope)));
        document.check(&block.occurrences, &self.index, self.concepts);
    }

    fn end_document(&mut self) {
        if let Some((_, document)) = self.current.take() {
            self.findings.extend(document.finish());
        }
    }

    /// Every finding, input by input.
    pub fn finish(mut self) -> Vec<Finding> {
        self.end_document();
        self.findings
    }
}
