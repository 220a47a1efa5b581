//! C-value ranking of multi-word term candidates (Frantzi, Ananiadou and
//! Mima, "Automatic recognition of multi-word terms: the C-value/NC-value
//! method", 2000).
//!
//! A candidate is a noun phrase of the chunker's grammar ([`super::phrases`]:
//! relational adjectives and an izafet noun before a head), taken as its
//! dictionary form (иммундық жүйе, қан плазмасы, whatever their case), with
//! the shorter phrases nested in it. Its C-value is
//! `log2 |a| · f(a)` when no longer candidate contains it, and otherwise
//! `log2 |a| · (f(a) − Σ f(b) / |T(a)|)` over the longer candidates `b` that
//! contain it, which discounts a phrase that mostly occurs inside a longer one.

use std::collections::HashMap;
use std::sync::Arc;

use super::Tok;

/// A ranked candidate.
///
/// Its `lemma` is the lemmas of its words; uninflected modifiers are their
/// own lemmas, so it reads as the phrase in its dictionary form.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The words of the candidate (modifiers as written, the head's lemma).
    pub lemma: String,
    /// How often it occurs.
    pub frequency: usize,
    /// Its C-value.
    pub c_value: f64,
}

/// Counts candidate phrases as sentences come.
#[derive(Debug, Clone, Default)]
pub struct Counter {
    freq: HashMap<Vec<Arc<str>>, usize>,
}

impl Counter {
    /// Counts the candidates of a sentence: the noun phrases of
    /// [`super::phrases::candidate_phrases`], as dictionary forms. `named[i]`
    /// is true for a token a rule already put in a term, and a candidate
    /// made only of such tokens says nothing new.
    pub(crate) fn add(&mut self, toks: &[Tok<'_>], named: &[bool]) {
        for ((a, b), words) in super::phrases::candidate_phrases(toks) {
            if named[a..b].iter().all(|&n| n) {
                continue;
            }
            let key: Vec<Arc<str>> = words.into_iter().map(Arc::from).collect();
            *self.freq.entry(key).or_default() += 1;
        }
    }

    /// Candidates by C-value, highest first (ties by frequency, then text).
    pub fn ranked(&self) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .freq
            .iter()
            .map(|(a, &f)| {
                let nests: Vec<usize> = self
                    .freq
                    .iter()
                    .filter(|(b, _)| {
                        b.len() > a.len() && b.windows(a.len()).any(|w| w == a.as_slice())
                    })
                    .map(|(_, &fb)| fb)
                    .collect();
                let len = (a.len() as f64).log2();
                let c = if nests.is_empty() {
                    len * f as f64
                } else {
                    len * (f as f64 - nests.iter().sum::<usize>() as f64 / nests.len() as f64)
                };
                Candidate {
                    lemma: a.iter().map(|s| &**s).collect::<Vec<_>>().join(" "),
                    frequency: f,
                    c_value: c,
                }
            })
            .collect();
        out.sort_by(|x, y| {
            y.c_value
                .total_cmp(&x.c_value)
                .then_with(|| y.frequency.cmp(&x.frequency))
                .then_with(|| x.lemma.cmp(&y.lemma))
        });
        out
    }
}
