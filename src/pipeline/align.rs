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

/// A proposed glossary row for every term the glossary lacks, in order. A
/// quoted etymon whose Kazakh gloss is itself a proposed term (`Өкпе (лат.
/// pulmo — өкпе)`) gives that term's row its Latin or Greek instead of a
/// row of its own, so no Kazakh form is proposed twice.
pub fn proposals(aligned: &[Aligned<'_>]) -> Vec<Concept> {
    let mut rows: Vec<Concept> = aligned
        .iter()
        .filter(|a| a.how == Match::Unmatched)
        .filter_map(|a| suggest(&a.term))
        .collect();
    let mut merged = vec![false; rows.len()];
    for e in 0..rows.len() {
        if rows[e].category != "etymon" {
            continue;
        }
        let kk = rows[e].kk.to_lowercase();
        let Some(t) = (0..rows.len())
            .find(|&t| rows[t].category != "etymon" && rows[t].kk.to_lowercase() == kk)
        else {
            continue;
        };
        let (la, grc) = (rows[e].la.clone(), rows[e].grc.clone());
        let row = &mut rows[t];
        if row.la.is_empty() && !la.is_empty() {
            row.la = la;
        } else if row.grc.is_empty() && !grc.is_empty() {
            row.grc = grc;
        } else {
            continue;
        }
        row.note = format!("{}; the Latin or Greek is quoted in the text", row.note);
        merged[e] = true;
    }
    rows.into_iter()
        .zip(merged)
        .filter(|(_, m)| !m)
        .map(|(r, _)| r)
        .collect()
}

/// How many terms the glossary lacks.
pub fn unmatched(aligned: &[Aligned<'_>]) -> usize {
    aligned.iter().filter(|a| a.how == Match::Unmatched).count()
}
