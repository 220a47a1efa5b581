//! Alignment: every extracted term next to its glossary concept, with how it
//! matched.
//!
//! The glossary's Kazakh forms are added to the extractor's term lexicon, so
//! the one Aho–Corasick pass over the text's lemmas finds them in any
//! inflection. Each extracted term is then looked up, in this order, by:
//! `exact` (the preferred term as written), `lemma` (an inflected form of it),
//! `variant`, `deprecated`, `folded` (through the normalizer's match key:
//! text typed without the Kazakh letters), `etymon` (a Latin or Greek word
//! matching the `la` or `grc` column, Greek compared in Latin transcription),
//! `fuzzy` (an edit distance of 1, or 2 for forms of nine letters or more),
//! else `unmatched`.

use std::collections::HashMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Concept;
use crate::extract::{Category, Term};
use crate::matchkey::match_key;

/// How a term matched its concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// The preferred Kazakh term, as written.
    Exact,
    /// An inflected form of the preferred term.
    Lemma,
    /// An accepted variant.
    Variant,
    /// A short form the glossary lists among the variants (ТТГ, TSH, T4).
    Abbreviation,
    /// A form the glossary says to avoid.
    Deprecated,
    /// Found through the match key (typed without Kazakh letters).
    Folded,
    /// A Latin or Greek word of the text matching `la` or `grc`.
    Etymon,
    /// Within a small edit distance.
    Fuzzy,
    /// No concept.
    Unmatched,
}

impl Match {
    /// The name as written in reports.
    pub fn name(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::Lemma => "lemma",
            Match::Variant => "variant",
            Match::Abbreviation => "abbreviation",
            Match::Deprecated => "deprecated",
            Match::Folded => "folded",
            Match::Etymon => "etymon",
            Match::Fuzzy => "fuzzy",
            Match::Unmatched => "unmatched",
        }
    }
}

/// One aligned term.
#[derive(Debug, Clone)]
pub struct Aligned<'g> {
    /// The extracted term.
    pub term: Term,
    /// How it matched.
    pub how: Match,
    /// For a fuzzy match, the edit distance.
    pub distance: usize,
    /// The concept, if any.
    pub concept: Option<&'g Concept>,
}

/// Latin transcription of Greek, for comparing quoted etymons (endon) with
/// the glossary's Greek (ἔνδον): accents dropped, letters mapped.
pub fn romanize_greek(s: &str) -> String {
    let mut out = String::new();
    let decomposed: Vec<char> = s.nfd().collect();
    for (k, &c) in decomposed.iter().enumerate() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        // The rough breathing (U+0314) is an h: ὑπό → hypo.
        let rough = decomposed[k + 1..]
            .iter()
            .take_while(|m| unicode_normalization::char::is_combining_mark(**m))
            .any(|&m| m == '\u{314}');
        if rough {
            out.push('h');
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let latin = match lower {
            'α' => "a",
            'β' => "b",
            'γ' => "g",
            'δ' => "d",
            'ε' => "e",
            'ζ' => "z",
            'η' => "e",
            'θ' => "th",
            'ι' => "i",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' | 'ς' => "s",
            'τ' => "t",
            'υ' => "y",
            'φ' => "ph",
            'χ' => "ch",
            'ψ' => "ps",
            'ω' => "o",
            _ => {
                out.push(lower);
                continue;
            }
        };
        out.push_str(latin);
    }
    out
}

/// Indexes a glossary's forms for alignment.
pub struct Index<'g> {
    concepts: &'g [Concept],
    by_form: HashMap<String, (usize, Match)>,
    by_key: HashMap<String, usize>,
    by_foreign: HashMap<String, usize>,
    /// The glossary's forms with their lengths in characters, for the
    /// edit-distance search.
    forms: Vec<(String, usize, usize)>,
    /// The nearest form (distance, concept) found for a lemma so far: a
    /// corpus repeats its unknown words, and each search compares the
    /// lemma with every form.
    nearest: std::sync::Mutex<crate::cache::FormCache<String, Option<(usize, usize)>>>,
}

/// How many lemmas' nearest forms an [`Index`] remembers (young generation).
const NEAREST_LEMMAS: usize = 1 << 14;

impl<'g> Index<'g> {
    /// Builds the index.
    pub fn new(concepts: &'g [Concept]) -> Index<'g> {
        let mut by_form = HashMap::new();
        let mut by_key = HashMap::new();
        let mut by_foreign = HashMap::new();
        for (i, c) in concepts.iter().enumerate() {
            // Short forms are abbreviations, in Kazakh or English (T4, TSH
            // stay as they are in Kazakh texts).
            let short = crate::extract::abbreviations::is_short_form;
            let variant = |v: &String| {
                if short(v) {
                    Match::Abbreviation
                } else {
                    Match::Variant
                }
            };
            let forms = std::iter::once((&c.kk, Match::Lemma))
                .chain(c.kk_variants.iter().map(|v| (v, variant(v))))
                .chain(
                    c.en_variants
                        .iter()
                        .filter(|v| short(v))
                        .map(|v| (v, Match::Abbreviation)),
                )
                .chain(c.kk_deprecated.iter().map(|v| (v, Match::Deprecated)));
            for (form, how) in forms {
                by_form.entry(form.to_lowercase()).or_insert((i, how));
                by_key.entry(match_key(form)).or_insert(i);
            }
            for foreign in
                c.la.split([';', ','])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            {
                by_foreign.entry(foreign.to_lowercase()).or_insert(i);
            }
            for part in c.grc.split('+').map(str::trim).filter(|s| !s.is_empty()) {
                if c.category == "etymon" || !c.grc.contains('+') {
                    by_foreign.entry(romanize_greek(part)).or_insert(i);
                }
            }
        }
        let mut forms: Vec<(String, usize, usize)> = by_form
            .iter()
            .map(|(form, &(i, _))| (form.clone(), form.chars().count(), i))
            .collect();
        forms.sort();
        Index {
            concepts,
            by_form,
            by_key,
            by_foreign,
            forms,
            nearest: std::sync::Mutex::new(crate::cache::FormCache::with_limit(NEAREST_LEMMAS)),
        }
    }

    /// Aligns one term.
    pub fn align(&self, term: Term) -> Aligned<'g> {
        let lemma = term.lemma.to_lowercase();
        let found = |i: usize, how: Match, distance: usize, term: Term| Aligned {
            term,
            how,
            distance,
            concept: Some(&self.concepts[i]),
        };
        if term.category == Category::Etymon {
            if let Some(&i) = self.by_foreign.get(&lemma) {
                return found(i, Match::Etymon, 0, term);
            }
            let glossed = self.concepts.iter().position(|c| {
                c.category == "etymon" && !term.gloss_kk.is_empty() && c.kk == term.gloss_kk
            });
            if let Some(i) = glossed {
                return found(i, Match::Etymon, 0, term);
            }
            // The text may quote Latin in another case or number
            // (glandula endocrinae for glandula endocrina): compare stems.
            let stems: Vec<&str> = lemma.split_whitespace().map(latin_stem).collect();
            let same = |la: &str| {
                let la_stems: Vec<&str> = la.split_whitespace().map(latin_stem).collect();
                la_stems == stems
            };
            if let Some(i) = self
                .concepts
                .iter()
                .position(|c| same(&c.la.to_lowercase()))
            {
                return found(i, Match::Etymon, 0, term);
            }
            return Aligned {
                term,
                how: Match::Unmatched,
                distance: 0,
                concept: None,
            };
        }
        if let Some(&(i, how)) = self.by_form.get(&lemma) {
            let how =
                if how == Match::Lemma && term.surfaces.iter().any(|s| s.to_lowercase() == lemma) {
                    Match::Exact
                } else {
                    how
                };
            return found(i, how, 0, term);
        }
        if let Some(&i) = self.by_key.get(&match_key(&lemma)) {
            return found(i, Match::Folded, 0, term);
        }
        if let Some((d, i)) = self.nearest(&lemma) {
            return found(i, Match::Fuzzy, d, term);
        }
        Aligned {
            term,
            how: Match::Unmatched,
            distance: 0,
            concept: None,
        }
    }
}

impl Index<'_> {
    /// The glossary form nearest to a lemma of five letters or more, within
    /// one edit (two from nine letters), as (distance, concept); the
    /// alphabetically first of equally near forms.
    fn nearest(&self, lemma: &str) -> Option<(usize, usize)> {
        let n = lemma.chars().count();
        if n < 5 {
            return None;
        }
        let mut cache = self
            .nearest
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(known) = cache.get(lemma) {
            return known;
        }
        let limit = if n >= 9 { 2 } else { 1 };
        // The forms are in alphabetical order: the first of the nearest wins.
        let best = self
            .forms
            .iter()
            .filter(|(_, len, _)| len.abs_diff(n) <= limit)
            .map(|(form, _, i)| (strsim::levenshtein(form, lemma), *i))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, _)| *d);
        cache.insert(lemma.to_string(), best);
        best
    }
}

/// A Latin word without its case ending (endocrinae, endocrina,
/// endocrinus → endocrin), for comparing inflected quotations.
fn latin_stem(word: &str) -> &str {
    for ending in [
        "ibus", "orum", "arum", "ae", "is", "us", "um", "es", "a", "i", "e",
    ] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.len() >= 3 {
                return stem;
            }
        }
    }
    word
}

/// A proposed glossary row for an unmatched term, or `None` when no row
/// can be made (a quoted etymon without a Kazakh gloss: its `kk` would be
/// a Latin word). For a one-word term of Greek or Latin make the Latin and
/// English forms are proposed by [`super::propose`] (гепатит → hepatitis,
/// миокард → myocardium, гипертония → hypertension) and marked as
/// proposals.
pub fn suggest(term: &Term) -> Option<Concept> {
    let mut c = Concept {
        id: format!("new.{}.{}", term.category.name(), slug(&term.lemma)),
        kk: term.lemma.clone(),
        category: match term.category {
            Category::Candidate => "other".to_string(),
            other => other.name().to_string(),
        },
        etymology: term.decomposition.clone(),
        source: format!("kazterm extract, first seen {}", term.first_seen),
        ..Concept::default()
    };
    if term.category == Category::Etymon {
        if term.gloss_kk.is_empty() {
            return None;
        }
        c.id = format!("new.etymon.{}", slug(&term.gloss_kk));
        c.kk = term.gloss_kk.clone();
        match term.origin.as_str() {
            "grc" => c.grc = term.lemma.clone(),
            _ => c.la = term.lemma.clone(),
        }
        c.note = format!("etymon `{}` quoted in the text", term.lemma);
        return Some(c);
    }
    let rooted = matches!(term.origin.as_str(), "neoclassical" | "grc" | "la")
        || !term.decomposition.is_empty();
    match super::propose::latin_and_english(&term.lemma).filter(|_| rooted) {
        Some((la, en)) => {
            c.la = la;
            c.en = en;
            c.note = "la and en proposed by rule from the Greek and Latin morphemes; to be checked"
                .to_string();
        }
        None => c.note = "proposed from the text; Latin and English to be added".to_string(),
    }
    Some(c)
}

/// The id part for a Kazakh term: its 2021 Latin transliteration, which
/// keeps every letter (өкпе → ökpe, бұлшықет → būlşyqet); anything else
/// but letters and digits becomes `_` (XML IDs allow letters of any script).
fn slug(s: &str) -> String {
    crate::translit::to_latin(&s.to_lowercase())
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_is_compared_in_latin_letters() {
        assert_eq!(romanize_greek("ἔνδον"), "endon");
        assert_eq!(romanize_greek("κρίνω"), "krino");
        assert_eq!(romanize_greek("ὑπόφυσις"), "hypophysis");
        assert_eq!(romanize_greek("ὁρμάω"), "hormao");
    }

    fn concept(id: &str, kk: &str) -> Concept {
        Concept {
            id: id.to_string(),
            kk: kk.to_string(),
            category: "anatomy".to_string(),
            ..Concept::default()
        }
    }

    fn term(lemma: &str) -> Term {
        Term {
            lemma: lemma.to_string(),
            category: Category::Anatomy,
            origin: "kk".to_string(),
            surfaces: vec![lemma.to_string()],
            count: 1,
            first_seen: crate::extract::Location {
                input: 0,
                file: std::sync::Arc::from("a.txt"),
                offset: 0,
                line: 1,
                column: 1,
            },
            decomposition: String::new(),
            gloss_kk: String::new(),
            headword: String::new(),
            contexts: Vec::new(),
        }
    }

    #[test]
    fn the_nearest_form_wins_and_the_first_in_order_of_equals_every_time() {
        // бүйрек misspelt as бүйрет is one edit from бүйрек and from
        // бүйреу (a made-up form): the alphabetically first wins.
        let concepts = [
            concept("c.kidney2", "бүйреу"),
            concept("c.kidney", "бүйрек"),
            concept("c.liver", "бауыр"),
        ];
        let index = Index::new(&concepts);
        for _ in 0..2 {
            let a = index.align(term("бүйрет"));
            assert_eq!(a.how, Match::Fuzzy);
            assert_eq!(a.distance, 1);
            assert_eq!(a.concept.map(|c| c.id.as_str()), Some("c.kidney"));
        }
        // Too short for a fuzzy match, and too far.
        assert_eq!(index.align(term("бауы")).how, Match::Unmatched);
        assert_eq!(index.align(term("бүйректер")).how, Match::Unmatched);
    }
}
