//! Alignment of extracted terms with the glossary, and the rows proposed for
//! the terms it lacks.
//!
//! ```
//! use kazterm::glossary::Glossary;
//! use kazterm::pipeline::align::{align, proposals};
//! let concepts = Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap().concepts();
//! let mut ex = kazterm::extract::Extractor::new(&[], &[]);
//! ex.add_text("a.txt", "Гипофиз бен миокард зақымдалды.\n");
//! let aligned = align(&concepts, ex.finish());
//! assert!(aligned.iter().any(|a| a.term.lemma == "гипофиз" && a.concept.is_some()));
//! assert!(proposals(&aligned).iter().any(|c| c.kk == "миокард"));
//! ```

use crate::extract::Term;
use crate::glossary::align::{suggest, Aligned, Index, Match};
use crate::glossary::Concept;

/// Each term with the glossary concept it matches (and how), in the terms'
/// order.
pub fn align(concepts: &[Concept], terms: Vec<Term>) -> Vec<Aligned<'_>> {
    let index = Index::new(concepts);
    terms.into_iter().map(|t| index.align(t)).collect()
}

/// A proposed glossary row for every term the glossary lacks, in order.
pub fn proposals(aligned: &[Aligned<'_>]) -> Vec<Concept> {
    aligned
        .iter()
        .filter(|a| a.how == Match::Unmatched)
        .map(|a| suggest(&a.term))
        .collect()
}

/// How many terms the glossary lacks.
pub fn unmatched(aligned: &[Aligned<'_>]) -> usize {
    aligned.iter().filter(|a| a.how == Match::Unmatched).count()
}
