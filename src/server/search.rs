//! Glossary search for the page and `GET /api/glossary?q=`: one query
//! finds a concept by any of its Kazakh forms, inflected too (`бездерінің`
//! finds без), by the folded key a keyboard without Kazakh letters types
//! (`калканша` or, in Latin letters, `kalkansha` find қалқанша), by its
//! Latin, Greek (in Greek or Latin letters) or English.

use serde::Serialize;

use crate::glossary::align::romanize_greek;
use crate::glossary::Concept;
use crate::matchkey::match_key;
use crate::morph::Lemmatizer;

/// A concept as the page shows it: every form with its status.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// The concept's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Every term: (language, form, status: preferred, variant, deprecated).
    pub forms: Vec<Form>,
    /// Etymology.
    pub etymology: String,
    /// Note.
    pub note: String,
    /// Source.
    pub source: String,
}

/// One term of a concept.
#[derive(Debug, Clone, Serialize)]
pub struct Form {
    /// `kk`, `la`, `grc` or `en`.
    pub lang: &'static str,
    /// The term.
    pub form: String,
    /// `preferred`, `variant` or `deprecated`.
    pub status: &'static str,
}

impl Card {
    /// The card of a concept.
    pub fn of(c: &Concept) -> Card {
        let mut forms = Vec::new();
        let mut push = |lang, form: &str, status| {
            if !form.is_empty() {
                forms.push(Form {
                    lang,
                    form: form.to_string(),
                    status,
                });
            }
        };
        push("kk", &c.kk, "preferred");
        for v in &c.kk_variants {
            push("kk", v, "variant");
        }
        for v in &c.kk_deprecated {
            push("kk", v, "deprecated");
        }
        push("la", &c.la, "preferred");
        push("grc", &c.grc, "preferred");
        push("en", &c.en, "preferred");
        for v in &c.en_variants {
            push("en", v, "variant");
        }
        Card {
            id: c.id.clone(),
            category: c.category.clone(),
            forms,
            etymology: c.etymology.clone(),
            note: c.note.clone(),
            source: c.source.clone(),
        }
    }
}

/// The concepts a query finds, best first (a form equal to the query or to
/// its lemma, then a form that starts with it, then one that contains it),
/// at most `limit`. An empty query lists the glossary.
///
/// ```
/// use kazterm::glossary::Glossary;
/// use kazterm::server::search::search;
/// let concepts = Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap().concepts();
/// assert_eq!(search(&concepts, "kalkansha", 5)[0].kk, "қалқанша без");
/// assert_eq!(search(&concepts, "бездерінің", 5)[0].kk, "без");
/// ```
pub fn search<'c>(concepts: &'c [Concept], query: &str, limit: usize) -> Vec<&'c Concept> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return concepts.iter().take(limit).collect();
    }
    // In Latin letters, a query may be Kazakh typed in the 2021 alphabet
    // or without Kazakh letters (kalkansha): its Cyrillic key is tried too.
    let latin = query.chars().any(|c| c.is_ascii_alphabetic());
    let mut keys = vec![match_key(&query)];
    if latin {
        // English-style digraphs as people type them (kalkansha, zhasusha)
        // in the letters of the 2021 alphabet, then back to Cyrillic.
        let mut latin2021 = query.clone();
        for (typed, letter) in [
            ("sh", "ş"),
            ("ch", "ç"),
            ("zh", "j"),
            ("kh", "h"),
            ("ya", "ia"),
            ("yu", "iu"),
        ] {
            latin2021 = latin2021.replace(typed, letter);
        }
        keys.push(match_key(&crate::translit::to_cyrillic(&query)));
        keys.push(match_key(&crate::translit::to_cyrillic(&latin2021)));
    }
    let lemma = if latin {
        None
    } else {
        let mut lemmatizer = Lemmatizer::new();
        let words: Vec<&str> = query.split_whitespace().collect();
        let lemmas: Vec<String> = lemmatizer
            .lemma_sentence(&words)
            .into_iter()
            .map(|l| l.lemma.to_lowercase())
            .collect();
        Some(lemmas.join(" "))
    };
    let mut ranked: Vec<(u8, usize, &Concept)> = Vec::new();
    for (i, c) in concepts.iter().enumerate() {
        let kazakh = std::iter::once(&c.kk)
            .chain(&c.kk_variants)
            .chain(&c.kk_deprecated)
            .filter(|f| !f.is_empty());
        let other = [&c.la, &c.en, &c.grc]
            .into_iter()
            .chain(&c.en_variants)
            .filter(|f| !f.is_empty());
        let mut best: Option<u8> = None;
        let mut better = |rank: u8| best = Some(best.map_or(rank, |b| b.min(rank)));
        for form in kazakh {
            let lower = form.to_lowercase();
            let key = match_key(form);
            if lower == query || lemma.as_deref() == Some(lower.as_str()) || keys.contains(&key) {
                better(0);
            } else if lower.starts_with(&query) || keys.iter().any(|k| key.starts_with(k.as_str()))
            {
                better(1);
            } else if lower.contains(&query)
                || keys.iter().any(|k| k.len() > 2 && key.contains(k.as_str()))
            {
                better(2);
            }
        }
        for form in other {
            let lower = form.to_lowercase();
            let roman = romanize_greek(&lower);
            if lower == query || roman == query {
                better(0);
            } else if lower.starts_with(&query) || roman.starts_with(&query) {
                better(1);
            } else if lower.contains(&query) || roman.contains(&query) {
                better(2);
            }
        }
        if let Some(rank) = best {
            ranked.push((rank, i, c));
        }
    }
    ranked.sort_by_key(|(rank, i, _)| (*rank, *i));
    ranked.into_iter().take(limit).map(|(_, _, c)| c).collect()
}
