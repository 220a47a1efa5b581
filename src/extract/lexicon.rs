//! The term lexicon: known Kazakh terms with their categories, matched by the
//! lemmas of their words so that every inflected form is found.
//!
//! Built from `data/extract/terms.tsv`, a user's `--rules FILE` and (later)
//! the glossary. Matching compares lemma sequences from each word whose
//! lemma begins a term (one hash lookup a word): the lemmas `қан тамыр`
//! find «қан тамырларына».

use rustc_hash::FxHashMap as HashMap;

use super::neoclassical::{Kind, Morpheme, Morphemes};
use super::Category;
use crate::error::{Error, Result};
use crate::morph::Lemmatizer;
use crate::table::records;

const BUILTIN: &str = include_str!("../../data/extract/terms.tsv");

/// One known term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The term as listed (its dictionary form).
    pub term: String,
    /// Its category.
    pub category: Category,
    /// The lemmas of its words.
    pub lemmas: Vec<String>,
    /// For a one-word Greek- or Latin-rooted term, its decomposition.
    pub decomposition: Option<String>,
}

/// Known terms, by their lemma sequences and by their first lemmas.
#[derive(Debug, Clone)]
pub struct TermLexicon {
    entries: Vec<Entry>,
    by_lemmas: HashMap<String, usize>,
    /// For each lemma that begins a term, the terms it begins, longest
    /// first: a sentence's word is one lookup, and most words begin none.
    by_first: HashMap<String, Vec<usize>>,
    /// The one-word Greek- or Latin-rooted terms of six letters or more,
    /// in entry order, with their lengths in letters and first letters:
    /// the terms an unknown word may misspell.
    misspellable: Vec<(usize, usize, char)>,
}

/// The key of a lemma sequence (`қан тамыр`).
pub fn key<S: AsRef<str>>(lemmas: &[S]) -> String {
    let mut k = String::new();
    for (i, l) in lemmas.iter().enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.push_str(l.as_ref());
    }
    k
}

/// The built-in terms of `data/extract/terms.tsv` with their categories.
/// Parsed once per process: every extractor (one per worker) reads it.
pub fn builtin_terms() -> &'static [(String, Category)] {
    static TERMS: std::sync::LazyLock<Vec<(String, Category)>> = std::sync::LazyLock::new(|| {
        records("data/extract/terms.tsv", BUILTIN, 2)
            .expect("embedded term table")
            .into_iter()
            .map(|r| {
                let category = Category::parse(r.fields[1]).expect("embedded term table: category");
                (r.fields[0].to_string(), category)
            })
            .collect()
    });
    &TERMS
}

impl TermLexicon {
    /// The built-in lexicon plus `extra` terms (term, category).
    pub fn build(
        lemmatizer: &mut Lemmatizer,
        morphemes: &Morphemes,
        extra: &[(String, Category)],
    ) -> TermLexicon {
        let mut rows = builtin_terms().to_vec();
        rows.extend(extra.iter().cloned());
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_lemmas = HashMap::default();
        for (term, category) in rows {
            let words: Vec<&str> = term.split_whitespace().collect();
            // A one-word term is listed in its dictionary form already:
            // analysing it could only break it (жатыр read as жат + -ыр).
            let lemmas: Vec<String> = if words.len() == 1 {
                vec![term.to_lowercase()]
            } else {
                lemmatizer
                    .lemma_sentence(&words)
                    .into_iter()
                    .map(|l| l.lemma.to_lowercase())
                    .collect()
            };
            let k = key(&lemmas);
            let decomposition = if words.len() == 1 {
                super::neoclassical::decompose_word(&term, morphemes).map(|d| d.describe())
            } else {
                None
            };
            let entry = Entry {
                term,
                category,
                lemmas,
                decomposition,
            };
            // A later row (the user's) overrides an earlier one.
            match by_lemmas.get(&k) {
                Some(&i) => entries[i] = entry,
                None => {
                    by_lemmas.insert(k, entries.len());
                    entries.push(entry);
                }
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            if let Some(first) = e.lemmas.first() {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        for starting in by_first.values_mut() {
            starting.sort_by_key(|&i| std::cmp::Reverse(entries[i].lemmas.len()));
        }
        let misspellable = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.lemmas.len() == 1 && e.decomposition.is_some())
            .filter_map(|(i, e)| {
                let letters = e.term.chars().count();
                let first = e.term.chars().next()?;
                (letters >= 6).then_some((i, letters, first))
            })
            .collect();
        TermLexicon {
            entries,
            by_lemmas,
            by_first,
            misspellable,
        }
    }

    /// The entry with these lemmas, if known.
    pub fn get<S: AsRef<str>>(&self, lemmas: &[S]) -> Option<&Entry> {
        self.by_lemmas.get(&key(lemmas)).map(|&i| &self.entries[i])
    }

    /// The first known term that `word` may misspell, as its index among
    /// the entries: a one-word Greek- or Latin-rooted term of six letters
    /// or more one edit away (элифиз → эпифиз, гиперфунция →
    /// гиперфункция). Native terms, short words and a different first
    /// letter are left alone: Kazakh has many real words one letter from a
    /// native term (салсақ and саусақ, шарлау and шаршау, күрек "shovel"
    /// and жүрек), while a loan stands far from native words; and slips of
    /// the first letter are rare.
    ///
    /// The index is a `u32`: the extractor keeps one for every word form
    /// and reading it caches, and no lexicon holds 2^32 terms.
    pub fn misspelt(&self, word: &str) -> Option<u32> {
        let n = word.chars().count();
        let first = word.chars().next()?;
        self.misspellable
            .iter()
            .find(|&&(i, letters, initial)| {
                initial == first
                    && letters.abs_diff(n) <= 1
                    && strsim::levenshtein(word, &self.entries[i].term) == 1
            })
            .map(|&(i, _, _)| u32::try_from(i).expect("fewer than 2^32 terms"))
    }

    /// True when some term's words begin with this lemma.
    pub fn begins_term(&self, lemma: &str) -> bool {
        self.by_first.contains_key(lemma)
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The leftmost-longest matches in a sentence's lemmas (`None` for a
    /// token that is not a word): (first token, end token, entry). From
    /// left to right, the longest term that begins at a word is taken and
    /// the search goes on after it.
    pub fn find(&self, lemmas: &[Option<&str>]) -> Vec<(usize, usize, &Entry)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < lemmas.len() {
            let rest = &lemmas[i..];
            let longest = rest[0]
                .and_then(|l| self.by_first.get(l))
                .and_then(|starting| {
                    starting.iter().map(|&e| &self.entries[e]).find(|e| {
                        e.lemmas.len() <= rest.len()
                            && e.lemmas
                                .iter()
                                .zip(rest)
                                .all(|(a, b)| *b == Some(a.as_str()))
                    })
                });
            match longest {
                Some(e) => {
                    found.push((i, i + e.lemmas.len(), e));
                    i += e.lemmas.len();
                }
                None => i += 1,
            }
        }
        found
    }
}

/// A user's rules: extra terms and morphemes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// Terms with their categories.
    pub terms: Vec<(String, Category)>,
    /// Morphemes.
    pub morphemes: Vec<Morpheme>,
}

/// Parses a user's rules file: lines `term<TAB>TERM<TAB>CATEGORY` and
/// `morpheme<TAB>FORM<TAB>KIND<TAB>ORIGIN<TAB>ETYMON<TAB>MEANING`, `#`
/// comments. Errors name the file, the line and what was expected.
pub fn parse_rules(name: &str, text: &str) -> Result<Rules> {
    let mut terms = Vec::new();
    let mut morphemes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| Error::Table {
            file: name.to_string(),
            line: line_no,
            message,
        };
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "term" => {
                if f.len() != 3 {
                    return Err(err(format!(
                        "expected `term<TAB>TERM<TAB>CATEGORY`, found {} fields",
                        f.len()
                    )));
                }
                let category = Category::parse(f[2]).ok_or_else(|| {
                    err(format!(
                        "expected a category (gland, hormone, disease, condition, anatomy, substance, body_fluid, cell, organism, drug, procedure, etymon, other), found {:?}",
                        f[2]
                    ))
                })?;
                if f[1].trim().is_empty() {
                    return Err(err("expected a term, found an empty field".to_string()));
                }
                terms.push((f[1].trim().to_string(), category));
            }
            "morpheme" => {
                if f.len() != 6 {
                    return Err(err(format!(
                        "expected `morpheme<TAB>FORM<TAB>KIND<TAB>ORIGIN<TAB>ETYMON<TAB>MEANING`, found {} fields",
                        f.len()
                    )));
                }
                let kind = Kind::parse(f[2]).ok_or_else(|| {
                    err(format!(
                        "expected a morpheme kind (prefix, root, suffix), found {:?}",
                        f[2]
                    ))
                })?;
                morphemes.push(Morpheme::new(f[1], kind, f[3], f[4], f[5]));
            }
            other => {
                return Err(err(format!(
                    "expected a line starting with `term` or `morpheme`, found {other:?}"
                )));
            }
        }
    }
    Ok(Rules { terms, morphemes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_term_at_a_word_wins_and_the_search_goes_on_after_it() {
        let mut lemmatizer = Lemmatizer::new();
        let extra = [
            ("жүрек қақпақшасы".to_string(), Category::Anatomy),
            ("жүрек".to_string(), Category::Anatomy),
        ];
        let lex = TermLexicon::build(
            &mut lemmatizer,
            &super::super::neoclassical::BUILTIN,
            &extra,
        );
        let long = lex
            .entries()
            .iter()
            .find(|e| e.term == "жүрек қақпақшасы")
            .unwrap();
        assert_eq!(long.lemmas.len(), 2);
        // жүрек қақпақшасы, a full stop, жүрек, жүрек and an unrelated word.
        let mut lemmas: Vec<Option<&str>> = long.lemmas.iter().map(|l| Some(l.as_str())).collect();
        lemmas.extend([None, Some("жүрек"), Some("жүрек"), Some("соғу")]);
        let found: Vec<(usize, usize, &str)> = lex
            .find(&lemmas)
            .into_iter()
            .map(|(a, b, e)| (a, b, e.term.as_str()))
            .collect();
        assert_eq!(
            found,
            [(0, 2, "жүрек қақпақшасы"), (3, 4, "жүрек"), (4, 5, "жүрек")]
        );
        // A term cut short by the sentence's end is not found.
        assert!(lex
            .find(&[Some(long.lemmas[0].as_str())])
            .iter()
            .all(|(_, b, _)| *b == 1));
    }
}
