//! Precision and recall of extraction against a gold list of terms, such as
//! `shared/gold/seed_terms.tsv` (columns `surface lemma_kk category … note`;
//! `surface` lists every form seen, `|`-separated; a note starting with
//! `OPTIONAL:` marks a borderline item that counts neither as a miss nor as
//! a false alarm).
//!
//! An extracted term matches a gold row when its lemma equals the row's
//! lemma or one of its surfaces, or one of its surfaces equals one of the
//! row's surfaces, compared after NFC, lower-casing and folding white space.
//! A note starting with `NEO` (or `OPTIONAL: NEO`) marks a Greek- or
//! Latin-rooted term, which gets a recall of its own.

use std::path::Path;

use super::Term;
use crate::error::{Error, Result};

/// One gold row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTerm {
    /// Line in the gold file.
    pub line: usize,
    /// Every surface, lower case.
    pub surfaces: Vec<String>,
    /// The gold lemma, lower case.
    pub lemma: String,
    /// Borderline: neither a miss nor a false alarm.
    pub optional: bool,
    /// A Greek- or Latin-rooted term (a note starting `NEO` or
    /// `OPTIONAL: NEO`).
    pub neo: bool,
}

/// Reads a gold TSV with a header line.
pub fn read_gold(path: &Path) -> Result<Vec<GoldTerm>> {
    let text = crate::input::read_file(path)?;
    let name = path.display().to_string();
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(Error::Table {
                file: name,
                line: i + 1,
                message: format!(
                    "expected at least `surface<TAB>lemma<TAB>category`, found {} fields",
                    f.len()
                ),
            });
        }
        rows.push(GoldTerm {
            line: i + 1,
            surfaces: f[0].split('|').map(fold).collect(),
            lemma: fold(f[1]),
            optional: f.last().is_some_and(|n| n.starts_with("OPTIONAL")),
            neo: f.last().is_some_and(|n| {
                let n = n.trim_start_matches("OPTIONAL:").trim_start();
                n.starts_with("NEO")
            }),
        });
    }
    Ok(rows)
}

/// The form two strings are compared in: NFC, lower case, white space
/// folded (the scoring of `shared/gold/medical_dev/README.md`).
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = s.nfc().collect();
    nfc.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn matches(term: &Term, gold: &GoldTerm) -> bool {
    let lemma = fold(&term.lemma);
    if lemma == gold.lemma || gold.surfaces.contains(&lemma) {
        return true;
    }
    term.surfaces
        .iter()
        .any(|s| gold.surfaces.contains(&fold(s)))
}

/// The outcome of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// Gold rows found (optional rows aside).
    pub found: usize,
    /// Gold rows that count (not optional).
    pub gold: usize,
    /// Extracted terms that match a gold row.
    pub correct: usize,
    /// Extracted terms that count (those matching only optional rows aside).
    pub extracted: usize,
    /// Greek- and Latin-rooted gold rows found (optional rows aside).
    pub neo_found: usize,
    /// Greek- and Latin-rooted gold rows that count.
    pub neo_gold: usize,
    /// Gold rows not found.
    pub missed: Vec<GoldTerm>,
    /// Extracted terms that match no gold row.
    pub false_alarms: Vec<Term>,
}

impl Score {
    /// Recall in per cent.
    pub fn recall(&self) -> f64 {
        100.0 * self.found as f64 / self.gold.max(1) as f64
    }

    /// Precision in per cent.
    pub fn precision(&self) -> f64 {
        100.0 * self.correct as f64 / self.extracted.max(1) as f64
    }

    /// Recall over the Greek- and Latin-rooted rows, in per cent.
    pub fn neo_recall(&self) -> f64 {
        100.0 * self.neo_found as f64 / self.neo_gold.max(1) as f64
    }

    /// Adds the counts of another file's score (micro-averaging).
    pub fn add(&mut self, other: &Score) {
        self.found += other.found;
        self.gold += other.gold;
        self.neo_found += other.neo_found;
        self.neo_gold += other.neo_gold;
        self.correct += other.correct;
        self.extracted += other.extracted;
    }
}

/// Scores extracted terms against gold rows.
pub fn score(terms: &[Term], gold: &[GoldTerm]) -> Score {
    let mut s = Score::default();
    for g in gold.iter().filter(|g| !g.optional) {
        s.gold += 1;
        s.neo_gold += usize::from(g.neo);
        if terms.iter().any(|t| matches(t, g)) {
            s.found += 1;
            s.neo_found += usize::from(g.neo);
        } else {
            s.missed.push(g.clone());
        }
    }
    for t in terms {
        let hits: Vec<&GoldTerm> = gold.iter().filter(|g| matches(t, g)).collect();
        if hits.is_empty() {
            s.extracted += 1;
            s.false_alarms.push(t.clone());
        } else if hits.iter().any(|g| !g.optional) {
            s.extracted += 1;
            s.correct += 1;
        }
    }
    s
}
