//! Lemma accuracy against a treebank's gold lemmas.
//!
//! For every syntactic word of a CoNLL-U file, the lemmatizer's lemma (given
//! only the word and whether it opens its sentence: no gold part of speech)
//! is compared with the gold lemma, exactly and ignoring letter case, and
//! counted per UPOS. The commonest errors show what to fix next.

use std::collections::{BTreeMap, HashMap};

use super::lexicon::{Lexicon, Pos};
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
    // The whole file is one text: the names it writes inside sentences are
    // known before any sentence is lemmatized, as `kazterm lemma` does for
    // each block it reads.
    for sentence in sentences {
        let forms: Vec<&str> = sentence.iter().map(|w| w.form.as_str()).collect();
        lemmatizer.learn_names_of(&forms, true);
    }
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

/// The part of speech a UD tag gives a stem of the lexicon; None for what
/// the lexicon does not hold (auxiliaries, punctuation, symbols, foreign
/// words). `scripts/ktb_stems.py` maps the same way.
pub fn pos_of_upos(upos: &str) -> Option<Pos> {
    Some(match upos {
        "NOUN" => Pos::Noun,
        "PROPN" => Pos::Propn,
        "ADJ" => Pos::Adj,
        "VERB" => Pos::Verb,
        "ADV" => Pos::Adv,
        "PRON" => Pos::Pron,
        "DET" => Pos::Det,
        "ADP" => Pos::Post,
        "CCONJ" | "SCONJ" => Pos::Cnj,
        "PART" => Pos::Part,
        "NUM" => Pos::Num,
        _ => return None,
    })
}

/// Adds the gold lemmas of sentences to a lexicon, with their parts of
/// speech.
pub fn add_treebank_stems(lexicon: &mut Lexicon, sentences: &[Vec<Word>]) {
    for word in sentences.iter().flatten() {
        if let Some(pos) = pos_of_upos(&word.upos) {
            if !word.lemma.is_empty() && word.lemma != "_" {
                lexicon.add(&word.lemma, pos);
            }
        }
    }
}

/// K-fold cross-validation: the sentences in `k` consecutive folds, each
/// scored with `base` plus the gold lemmas of the other folds, so that no
/// word is ever scored with its own gold lemma in the lexicon. The tallies
/// and errors of the folds are summed.
///
/// ```
/// use kazterm::conllu::Word;
/// let w = |form: &str, lemma: &str| Word {
///     form: form.into(), lemma: lemma.into(), upos: "NOUN".into(),
/// };
/// let sentences = vec![vec![w("парсылар", "парсы")], vec![w("парсыға", "парсы")]];
/// let base = kazterm::morph::lexicon::Lexicon::default();
/// let report = kazterm::morph::eval::cross_validate(&base, &sentences, 2);
/// assert_eq!(report.group(&["NOUN"]).total, 2);
/// ```
pub fn cross_validate(base: &Lexicon, sentences: &[Vec<Word>], k: usize) -> Report {
    let k = k.clamp(1, sentences.len().max(1));
    let fold_of = |i: usize| i * k / sentences.len().max(1);
    let mut total = Report::default();
    let mut errors: HashMap<(String, String, String, String), usize> = HashMap::new();
    for fold in 0..k {
        let (held, rest): (Vec<_>, Vec<_>) = sentences
            .iter()
            .enumerate()
            .partition(|(i, _)| fold_of(*i) == fold);
        let held: Vec<Vec<Word>> = held.into_iter().map(|(_, s)| s.clone()).collect();
        let rest: Vec<Vec<Word>> = rest.into_iter().map(|(_, s)| s.clone()).collect();
        let mut lexicon = base.clone();
        add_treebank_stems(&mut lexicon, &rest);
        let mut lemmatizer = Lemmatizer::with_lexicon(lexicon);
        let report = evaluate(&mut lemmatizer, &held);
        for (map, part) in [
            (&mut total.by_upos, report.by_upos),
            (&mut total.baseline, report.baseline),
        ] {
            for (upos, t) in part {
                let sum = map.entry(upos).or_default();
                sum.total += t.total;
                sum.exact += t.exact;
                sum.caseless += t.caseless;
            }
        }
        for (key, n) in report.errors {
            *errors.entry(key).or_default() += n;
        }
    }
    let mut errors: Vec<_> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    total.errors = errors;
    total
}
