//! The whole analysis of a corpus in one extraction pass: the term table
//! (with one example sentence per term, for the deck) and the terminology
//! check against a glossary, from the same blocks.
//!
//! ```
//! use kazterm::glossary::Glossary;
//! use kazterm::pipeline::corpus::{analyse, Settings};
//! let dir = std::env::temp_dir().join(format!("kazterm-doc-corpus-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("a.txt");
//! std::fs::write(&file, "Эпифиз бен элифиз.\n").unwrap();
//! let concepts = Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap().concepts();
//! let mut findings = Vec::new();
//! let inputs = [kazterm::input::Input::File(file)];
//! let found = analyse(&inputs, &concepts, &Settings::default(), &mut |f| {
//!     findings.push(f.clone());
//!     Ok(())
//! })
//! .unwrap();
//! assert!(found.terms.iter().any(|t| t.lemma == "эпифиз"));
//! assert_eq!((found.tokens, found.words), (4, 3));
//! assert!(findings.iter().any(|f| f.kind.name() == "typo"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use super::check::Checker;
use super::extract::{for_each_block, Known};
use crate::check::{Finding, Scope};
use crate::error::Result;
use crate::extract::{Term, TermMerger, WordCache};
use crate::glossary::Concept;
use crate::input::Input;

/// How to analyse.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Example sentences kept per term.
    pub contexts: usize,
    /// What counts as one document for the check.
    pub scope: Scope,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Worker threads; 0 for one per core.
    pub jobs: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            contexts: 1,
            scope: Scope::Document,
            lossy: false,
            jobs: 0,
        }
    }
}

/// Extracts the terms of the inputs, with the glossary's forms known, and
/// checks them against the glossary, in one pass over the text: each
/// finding goes to `each` as soon as it stands (in input and text order, as
/// [`super::check::check_each`] gives them); the terms come back, in order
/// of first appearance, with the corpus's token counts.
pub fn analyse(
    inputs: &[Input],
    concepts: &[Concept],
    settings: &Settings,
    each: &mut dyn FnMut(&Finding) -> Result<()>,
) -> Result<Analysis> {
    let known = Known::of_glossary(concepts);
    let extraction = super::extract::Settings {
        contexts: settings.contexts,
        lossy: settings.lossy,
        jobs: settings.jobs,
        occurrences: true,
        word_cache: Some(WordCache::default()),
        ..Default::default()
    };
    let mut merger = TermMerger::new(settings.contexts);
    let mut checker = Checker::new(concepts, settings.scope);
    let (mut tokens, mut words) = (0, 0);
    for_each_block(inputs, &known, &extraction, &mut |block| {
        checker.add(&block, each)?;
        tokens += block.tokens;
        words += block.words;
        merger.add(block.terms);
        Ok(())
    })?;
    checker.finish(each)?;
    Ok(Analysis {
        terms: merger.finish(),
        tokens,
        words,
    })
}

/// What one pass over a corpus gives besides its findings.
#[derive(Debug)]
pub struct Analysis {
    /// The terms, in order of first appearance.
    pub terms: Vec<Term>,
    /// How many tokens the corpus holds.
    pub tokens: usize,
    /// How many of them are words.
    pub words: usize,
}
