//! The term lexicon: known Kazakh terms with their categories, matched by the
//! lemmas of their words so that every inflected form is found.
//!
//! Built from `data/extract/terms.tsv`, a user's `--rules FILE` and (later)
//! the glossary. Matching runs one Aho–Corasick automaton over a sentence's
//! lemmas, each wrapped in marks so that a match starts and ends on word
//! boundaries: `\u{1}қан\u{2}\u{1}тамыр\u{2}` finds «қан тамырларына».

use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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

/// Known terms and the automaton that finds them.
#[derive(Debug, Clone)]
pub struct TermLexicon {
    entries: Vec<Entry>,
    by_lemmas: HashMap<String, usize>,
    automaton: AhoCorasick,
}

/// Opens a lemma in a lemma stream.
pub const OPEN: char = '\u{1}';
/// Closes a lemma in a lemma stream.
pub const CLOSE: char = '\u{2}';

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
        let patterns: Vec<String> = entries.iter().map(|e| wrap(&e.lemmas)).collect();
        // A DFA: the fastest search, and a few hundred patterns keep it small.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("term patterns build");
        TermLexicon {
            entries,
            by_lemmas,
            automaton,
        }
    }

    /// The entry with these lemmas, if known.
    pub fn get<S: AsRef<str>>(&self, lemmas: &[S]) -> Option<&Entry> {
        self.by_lemmas.get(&key(lemmas)).map(|&i| &self.entries[i])
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The leftmost-longest matches in a sentence's lemmas (`None` for a
    /// token that is not a word): (first token, end token, entry).
    pub fn find(&self, lemmas: &[Option<&str>]) -> Vec<(usize, usize, &Entry)> {
        thread_local! {
            // The sentence's lemma stream and where each lemma starts: kept
            // from sentence to sentence (this runs for every sentence).
            static SCRATCH: std::cell::RefCell<(String, Vec<usize>)> =
                const { std::cell::RefCell::new((String::new(), Vec::new())) };
        }
        SCRATCH.with_borrow_mut(|(stream, starts)| {
            stream.clear();
            starts.clear();
            for l in lemmas {
                starts.push(stream.len());
                stream.push(OPEN);
                stream.push_str(l.unwrap_or("\u{3}"));
                stream.push(CLOSE);
            }
            starts.push(stream.len());
            let token_at = |byte: usize| starts.partition_point(|&s| s < byte);
            self.automaton
                .find_iter(stream.as_str())
                .map(|m| {
                    let a = token_at(m.start());
                    let b = token_at(m.end());
                    (a, b, &self.entries[m.pattern().as_usize()])
                })
                .collect()
        })
    }
}

fn wrap(lemmas: &[String]) -> String {
    let mut s = String::new();
    for l in lemmas {
        s.push(OPEN);
        s.push_str(l);
        s.push(CLOSE);
    }
    s
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
