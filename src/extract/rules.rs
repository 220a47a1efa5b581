//! The extractor's recognisers, run over one analysed sentence in order,
//! each proposing terms ([`Found`]) and marking the tokens it took:
//!
//! 1. [`super::etymology`]: Latin and Greek quoted in brackets, species names;
//! 2. the term lexicon (here) and glued compounds ([`super::words`]);
//! 3. named phrases of the gland, hormone and disease heads ([`super::names`]);
//! 4. suspended prefixes and letter-prefixed terms ([`super::words`]);
//! 5. noun phrases by grammar ([`super::phrases`]), over the one-word terms
//!    found so far and the loan-word recogniser's ([`super::loanword`]);
//! 6. single words: Greek- and Latin-rooted ones, misspelt known terms, parts
//!    of hyphen-joined words ([`super::words`]).
//!
//! The results are merged: one report per term and span.
//!
//! Most sentences of general text hold no term, and the extractor sends
//! here only those in which some rule may find one (`Extractor::weigh` and
//! `Extractor::sentence_may_matter` in the parent module say what each rule
//! starts from): a rule that starts from a new kind of word must be named
//! there too, or the sentences that hold only that kind are never read.

use std::sync::Arc;

use super::lexicon::{Entry, TermLexicon};
use super::loanword::{loan_stem, recognise, Recognised};
use super::neoclassical::{Decomposition, Morphemes};
use super::{etymology, names, words, Category, Found, FoundBy, Tok};
use crate::cache::FormCache;
use crate::script::Script;

/// Decompositions and recognitions already computed, by word (each word
/// form's own are kept with its analysis; these serve the forms that share
/// a root, and the compounds and parts rules put together).
#[derive(Debug)]
pub(crate) struct Cache {
    decompositions: FormCache<String, Option<Decomposition>>,
    recognised: FormCache<String, Option<Arc<Recognised>>>,
}

/// How many forms each of the rules' caches keeps young (see [`FormCache`]).
const RULE_FORMS: usize = 1 << 13;

impl Default for Cache {
    fn default() -> Self {
        Cache {
            decompositions: FormCache::with_limit(RULE_FORMS),
            recognised: FormCache::with_limit(RULE_FORMS),
        }
    }
}

impl Cache {
    pub(super) fn decompose(&mut self, word: &str, morphemes: &Morphemes) -> Option<Decomposition> {
        if let Some(d) = self.decompositions.get(word) {
            return d;
        }
        let d = super::neoclassical::decompose_word(word, morphemes);
        self.decompositions.insert(word.to_string(), d.clone());
        d
    }

    /// What the loan-word recogniser says of a word (by its stem).
    pub(crate) fn recognise(
        &mut self,
        word: &str,
        morphemes: &Morphemes,
    ) -> Option<Arc<Recognised>> {
        if let Some(r) = self.recognised.get(word) {
            return r;
        }
        let r = recognise_word(word, morphemes).map(Arc::new);
        self.recognised.insert(word.to_string(), r.clone());
        r
    }
}

/// What the loan-word recogniser says of a word, read without a Kazakh
/// ending (what [`Cache::recognise`] remembers).
pub(crate) fn recognise_word(word: &str, morphemes: &Morphemes) -> Option<Recognised> {
    recognise(loan_stem(word), morphemes)
}

/// Every term the rules find in one sentence.
pub(crate) fn find_all(
    source: &str,
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut covered = vec![false; toks.len()];

    for e in etymology::find(source, toks) {
        let (a, b) = e.tokens;
        for flag in &mut covered[a..b] {
            *flag = true;
        }
        let mut found = etymon_found(e.text, e.language, (a, b), e.gloss, e.headword);
        if e.organism {
            found.category = Category::Organism;
        }
        out.push(found);
    }

    // Kazakh words by their lemmas, and short forms in either script (T4,
    // ТТГ) as written, for a glossary that lists them.
    let lemmas: Vec<Option<&str>> = toks
        .iter()
        .map(|t| {
            (t.is_word()
                && (t.script == Script::Cyrillic
                    || super::abbreviations::is_short_form(t.text.split('-').next().unwrap_or(""))))
            .then_some(t.lemma)
        })
        .collect();
    words::glued_compounds(toks, terms, &mut out, &mut covered);
    lexicon_terms(&lemmas, terms, &mut out, &mut covered);

    let mut in_phrase = vec![false; toks.len()];
    names::gland_phrases(toks, terms, &mut out, &mut in_phrase);
    names::hormone_phrases(toks, terms, &mut out, &mut in_phrase);
    names::disease_phrases(toks, terms, &mut out, &mut in_phrase);
    words::suspended_prefixes(toks, terms, morphemes, cache, &mut out, &mut covered);

    // One-word terms, for the chunker: what the lexicon named, else what
    // the loan-word recogniser takes for a term.
    let mut term_of: Vec<Option<Category>> = vec![None; toks.len()];
    for f in &out {
        if f.tokens.1 - f.tokens.0 == 1 && f.category != Category::Etymon {
            term_of[f.tokens.0] = Some(f.category);
        }
    }
    let mut neo = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if t.is_word() && t.script == Script::Cyrillic && !t.function_word() && !t.verbal() {
            if let Some(r) = &t.rooted {
                neo[i] = true;
                term_of[i] = term_of[i].or(Some(r.category));
            }
        }
    }
    words::letter_prefixed(toks, &term_of, &mut out, &mut covered);
    super::phrases::chunk(toks, &term_of, &neo, &mut out, &mut in_phrase);

    for (i, t) in toks.iter().enumerate() {
        if covered[i]
            || !t.is_word()
            || t.script != Script::Cyrillic
            || t.function_word()
            || t.verbal()
        {
            continue;
        }
        if t.clean.contains('-') && !in_phrase[i] && terms.get(&[t.lemma]).is_none() {
            out.extend(words::hyphen_joined(t, i, terms, morphemes, cache));
        } else if let Some(f) = words::single_word(toks, i, terms, in_phrase[i]) {
            out.push(f);
        }
    }
    // One report per term and span.
    out.sort_by(|x, y| x.tokens.cmp(&y.tokens).then_with(|| x.lemma.cmp(&y.lemma)));
    out.dedup_by(|x, y| x.tokens == y.tokens && x.lemma == y.lemma);
    out
}

/// The terms of the term lexicon in a sentence's lemmas, and the modifiers
/// of multi-word ones that are terms of their own.
fn lexicon_terms(
    lemmas: &[Option<&str>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    covered: &mut [bool],
) {
    for (a, b, entry) in terms.find(lemmas) {
        out.push(entry_found(entry, (a, b)));
        // The modifiers of a multi-word term that are terms of their own
        // (секреция in ішкі секреция безі, қан in қан тамыры) are reported
        // too; its head belongs to the phrase (тамыр, мүше, ми).
        if b - a > 1 {
            for (k, lemma) in lemmas.iter().enumerate().take(b - 1).skip(a) {
                if let Some(inner) = lemma.and_then(|l| terms.get(&[l])) {
                    out.push(entry_found(inner, (k, k + 1)));
                }
            }
        }
        for flag in &mut covered[a..b] {
            *flag = true;
        }
    }
}

fn etymon_found(
    text: String,
    language: &str,
    tokens: (usize, usize),
    gloss: Option<String>,
    headword: Option<String>,
) -> Found {
    Found {
        by: FoundBy::Rule,
        lemma: text,
        category: Category::Etymon,
        origin: language.to_string(),
        tokens,
        surface: None,
        decomposition: None,
        gloss,
        headword,
    }
}

/// A Greek- or Latin-rooted word found at `tokens`, under `lemma`, with
/// what the recogniser made of it.
pub(super) fn rooted_found(
    lemma: &str,
    category: Category,
    r: &Recognised,
    tokens: (usize, usize),
) -> Found {
    Found {
        by: FoundBy::Rule,
        lemma: lemma.to_string(),
        category,
        origin: "neoclassical".to_string(),
        tokens,
        surface: None,
        decomposition: Some(r.decomposition.describe()),
        gloss: None,
        headword: None,
    }
}

/// A lexicon entry found at `tokens`.
pub(super) fn entry_found(entry: &Entry, tokens: (usize, usize)) -> Found {
    Found {
        by: FoundBy::Rule,
        lemma: entry.term.clone(),
        category: entry.category,
        origin: if entry.decomposition.is_some() {
            "neoclassical"
        } else {
            "kk"
        }
        .to_string(),
        tokens,
        surface: None,
        decomposition: entry.decomposition.clone(),
        gloss: None,
        headword: None,
    }
}
