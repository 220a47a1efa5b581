//! Greek- and Latin-rooted Cyrillic words: decomposition into morphemes.
//!
//! Kazakh medical vocabulary borrows Greek and Latin compounds through
//! Russian: гипофиз = гипо + физ (hypo + physis), акромегалия =
//! акро + мегал + ия. [`decompose`] segments a stem into morphemes of
//! `data/extract/morphemes.tsv` (prefixes, then roots, then at most one
//! suffix, with an optional linking о or и between roots) and accepts it
//! when the whole stem is covered and at least one root is there.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::{Error, Result};
use crate::table::records;

const TABLE: &str = include_str!("../../data/extract/morphemes.tsv");

/// The kind of a morpheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// гипо-, эндо-.
    Prefix,
    /// -физ-, -крин-.
    Root,
    /// -ия, -изм, -ин.
    Suffix,
}

impl Kind {
    /// Parses `prefix`, `root` or `suffix`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "prefix" => Some(Kind::Prefix),
            "root" => Some(Kind::Root),
            "suffix" => Some(Kind::Suffix),
            _ => None,
        }
    }
}

/// One morpheme of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morpheme {
    /// The Cyrillic shape.
    pub form: String,
    /// Prefix, root or suffix.
    pub kind: Kind,
    /// `grc`, `la` (or `fr`).
    pub origin: String,
    /// The source word in Latin script.
    pub etymon: String,
    /// Its English meaning.
    pub meaning: String,
}

/// The morpheme lexicon.
#[derive(Debug, Clone, Default)]
pub struct Morphemes {
    by_form: HashMap<String, Vec<Morpheme>>,
    longest: usize,
}

impl Morphemes {
    /// Parses a morpheme table (`form kind origin etymon meaning`); `name`
    /// names it in errors.
    pub fn parse(name: &str, text: &str) -> Result<Morphemes> {
        let mut m = Morphemes::default();
        for rec in records(name, text, 5)? {
            let kind = Kind::parse(rec.fields[1]).ok_or_else(|| Error::Table {
                file: name.to_string(),
                line: rec.line,
                message: format!("expected prefix, root or suffix, found {:?}", rec.fields[1]),
            })?;
            m.add(Morpheme {
                form: rec.fields[0].to_lowercase(),
                kind,
                origin: rec.fields[2].to_string(),
                etymon: rec.fields[3].to_string(),
                meaning: rec.fields[4].to_string(),
            });
        }
        Ok(m)
    }

    /// Adds a morpheme.
    pub fn add(&mut self, morpheme: Morpheme) {
        self.longest = self.longest.max(morpheme.form.chars().count());
        self.by_form
            .entry(morpheme.form.clone())
            .or_default()
            .push(morpheme);
    }

    /// How many morphemes there are.
    pub fn len(&self) -> usize {
        self.by_form.values().map(Vec::len).sum()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.by_form.is_empty()
    }

    /// True when `form` is a prefix of the lexicon.
    pub fn is_prefix(&self, form: &str) -> bool {
        self.get(form, Kind::Prefix).is_some()
    }

    /// The morphemes of a kind with this exact form.
    fn get(&self, form: &str, kind: Kind) -> Option<&Morpheme> {
        self.by_form.get(form)?.iter().find(|m| m.kind == kind)
    }
}

/// The built-in morpheme lexicon.
pub static BUILTIN: LazyLock<Morphemes> = LazyLock::new(|| {
    Morphemes::parse("data/extract/morphemes.tsv", TABLE).expect("embedded morpheme table")
});

/// A word split into morphemes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decomposition {
    /// The morphemes, left to right.
    pub parts: Vec<Morpheme>,
}

impl Decomposition {
    /// The split as written, e.g. `акро+мегал+ия`.
    pub fn forms(&self) -> String {
        self.parts
            .iter()
            .map(|m| m.form.as_str())
            .collect::<Vec<_>>()
            .join("+")
    }

    /// The etymons and meanings, e.g. `akron "extremity, tip" + megas "large" + -ia "condition, state"`.
    pub fn etymons(&self) -> String {
        self.parts
            .iter()
            .map(|m| format!("{} \"{}\"", m.etymon, m.meaning))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// The decomposition column of `extract`: forms = etymons.
    pub fn describe(&self) -> String {
        format!("{} = {}", self.forms(), self.etymons())
    }

    /// The last morpheme when it is a suffix.
    pub fn suffix(&self) -> Option<&Morpheme> {
        self.parts.last().filter(|m| m.kind == Kind::Suffix)
    }

    /// The origin of the word: the origin its roots share, or `neoclassical`
    /// for a Greek–Latin hybrid (гипо + функция).
    pub fn origin(&self) -> &str {
        let mut origins = self
            .parts
            .iter()
            .filter(|m| m.kind != Kind::Suffix)
            .map(|m| m.origin.as_str());
        let first = origins.next().unwrap_or("grc");
        if origins.all(|o| o == first) {
            first
        } else {
            "neoclassical"
        }
    }
}

/// Splits a lower-case Cyrillic stem into morphemes, preferring the split
/// with the fewest parts; None when no split covers it with a root.
///
/// ```
/// use kazterm::extract::neoclassical::{decompose, BUILTIN};
/// assert_eq!(decompose("гипофиз", &BUILTIN).unwrap().forms(), "гипо+физ");
/// assert_eq!(decompose("акромегалия", &BUILTIN).unwrap().forms(), "акро+мегал+ия");
/// assert!(decompose("бала", &BUILTIN).is_none());
/// ```
pub fn decompose(stem: &str, lexicon: &Morphemes) -> Option<Decomposition> {
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() < 4 {
        return None;
    }
    // best[i]: the fewest-part split of chars[..i] and whether it has
    // reached the roots (no prefix may follow a root, nothing a suffix).
    #[derive(Clone)]
    struct State {
        parts: Vec<(usize, usize, Kind)>,
        links: usize,
        has_root: bool,
        ended: bool,
    }
    // Fewer parts first, then fewer linking vowels (акро-мегал-ия, not
    // акр-о-мегал-ия).
    let better = |new: &State, old: &Option<State>| {
        old.as_ref()
            .is_none_or(|b| (new.parts.len(), new.links) < (b.parts.len(), b.links))
    };
    let n = chars.len();
    let mut best: Vec<Option<State>> = vec![None; n + 1];
    best[0] = Some(State {
        parts: Vec::new(),
        links: 0,
        has_root: false,
        ended: false,
    });
    for i in 0..n {
        let Some(state) = best[i].clone() else {
            continue;
        };
        if state.ended {
            continue;
        }
        for len in 1..=lexicon.longest.min(n - i) {
            let form: String = chars[i..i + len].iter().collect();
            for kind in [Kind::Prefix, Kind::Root, Kind::Suffix] {
                if lexicon.get(&form, kind).is_none() {
                    continue;
                }
                let ok = match kind {
                    Kind::Prefix => !state.has_root,
                    Kind::Root => len >= 3,
                    Kind::Suffix => state.has_root,
                };
                if !ok {
                    continue;
                }
                let mut next = state.clone();
                next.parts.push((i, i + len, kind));
                next.has_root |= kind == Kind::Root;
                next.ended = kind == Kind::Suffix;
                let end = i + len;
                if better(&next, &best[end]) {
                    best[end] = Some(next.clone());
                }
                // A linking vowel after a root: сомат-о-троп-ин.
                if kind == Kind::Root && end < n && matches!(chars[end], 'о' | 'и') {
                    let linked = end + 1;
                    next.links += 1;
                    if better(&next, &best[linked]) {
                        best[linked] = Some(next);
                    }
                }
            }
        }
    }
    let done = best[n].as_ref().filter(|s| s.has_root)?;
    let parts = done
        .parts
        .iter()
        .map(|&(a, b, kind)| {
            let form: String = chars[a..b].iter().collect();
            lexicon.get(&form, kind).expect("found above").clone()
        })
        .collect();
    Some(Decomposition { parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(w: &str) -> Option<String> {
        decompose(w, &BUILTIN).map(|d| d.forms())
    }

    #[test]
    fn the_lexicon_is_large_enough() {
        assert!(BUILTIN.len() >= 150, "{}", BUILTIN.len());
    }

    #[test]
    fn corpus_words_decompose() {
        assert_eq!(forms("гипоталамус").as_deref(), Some("гипо+таламус"));
        assert_eq!(forms("эндокрин").as_deref(), Some("эндо+крин"));
        assert_eq!(forms("гиперфункция").as_deref(), Some("гипер+функц+ия"));
        assert_eq!(forms("соматотропин").as_deref(), Some("сомат+тропин"));
        assert_eq!(forms("эпифиз").as_deref(), Some("эпи+физ"));
        assert_eq!(forms("кретинизм").as_deref(), Some("кретин+изм"));
    }

    #[test]
    fn descriptions_name_etymons_and_origin() {
        let d = decompose("акромегалия", &BUILTIN).unwrap();
        assert!(d
            .describe()
            .starts_with("акро+мегал+ия = akron \"extremity, tip\" + megas \"large\""));
        assert_eq!(d.origin(), "grc");
        assert_eq!(
            decompose("гипофункция", &BUILTIN).unwrap().origin(),
            "neoclassical"
        );
    }

    #[test]
    fn native_words_do_not_decompose() {
        for w in ["бала", "адамдар", "жүрек", "салмақ", "ересек", "тамыр"]
        {
            assert_eq!(forms(w), None, "{w}");
        }
    }

    #[test]
    fn a_bad_kind_names_its_line() {
        let err = Morphemes::parse("m.tsv", "гипо\tbogus\tgrc\thypo\tunder\n").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("m.tsv:1: expected prefix, root or suffix"));
    }
}
