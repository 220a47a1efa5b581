//! Lemma accuracy against a treebank's gold lemmas.
//!
//! For every syntactic word of a CoNLL-U file, the lemmatizer's lemma (given
//! only the word and whether it opens its sentence: no gold part of speech)
//! is compared with the gold lemma, exactly and ignoring letter case, and
//! counted per UPOS. The commonest errors show what to fix next.

use std::collections::{BTreeMap, HashMap};

use super::Lemmatizer;
use crate::conllu::Word;

/// Counts for one UPOS (or a group of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Words seen.
    pub total: usize,
    /// Lemmas equal to the gold one, letter for letter.
    pub exact: usize,
    /// Lemmas equal to the gold one when case is ignored.
    pub caseless: usize,
}

impl Tally {
    /// Exact accuracy in per cent.
    pub fn exact_pct(&self) -> f64 {
        pct(self.exact, self.total)
    }

    /// Case-insensitive accuracy in per cent.
    pub fn caseless_pct(&self) -> f64 {
        pct(self.caseless, self.total)
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per UPOS.
    pub by_upos: BTreeMap<String, Tally>,
    /// Errors (UPOS, form, gold, ours) with their counts, commonest first.
    pub errors: Vec<((String, String, String, String), usize)>,
    /// The same for leaving every word unchanged (lower-cased), as a baseline.
    pub baseline: BTreeMap<String, Tally>,
}

impl Report {
    /// The tally over several UPOS together.
    pub fn group(&self, upos: &[&str]) -> Tally {
        sum(&self.by_upos, upos)
    }

    /// The baseline tally over several UPOS together.
    pub fn baseline_group(&self, upos: &[&str]) -> Tally {
        sum(&self.baseline, upos)
    }
}

fn sum(map: &BTreeMap<String, Tally>, upos: &[&str]) -> Tally {
    let mut t = Tally::default();
    for (k, v) in map {
        if upos.is_empty() || upos.contains(&k.as_str()) {
            t.total += v.total;
            t.exact += v.exact;
            t.caseless += v.caseless;
        }
    }
    t
}

/// Evaluates the lemmatizer on sentences of gold words.
pub fn evaluate(lemmatizer: &mut Lemmatizer, sentences: &[Vec<Word>]) -> Report {
    let mut report = Report::default();
    let mut errors: HashMap<(String, String, String, String), usize> = HashMap::new();
    for sentence in sentences {
        let forms: Vec<&str> = sentence.iter().map(|w| w.form.as_str()).collect();
        let lemmas = lemmatizer.lemma_sentence(&forms);
        for (word, ours) in sentence.iter().zip(lemmas) {
            let ours = ours.lemma;
            let base = word.form.to_lowercase();
            for (map, guess) in [(&mut report.by_upos, &ours), (&mut report.baseline, &base)] {
                let t = map.entry(word.upos.clone()).or_default();
                t.total += 1;
                t.exact += usize::from(*guess == word.lemma);
                t.caseless += usize::from(guess.to_lowercase() == word.lemma.to_lowercase());
            }
            if ours.to_lowercase() != word.lemma.to_lowercase() {
                *errors
                    .entry((
                        word.upos.clone(),
                        word.form.clone(),
                        word.lemma.clone(),
                        ours,
                    ))
                    .or_default() += 1;
            }
        }
    }
    let mut errors: Vec<_> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    report.errors = errors;
    report
}
