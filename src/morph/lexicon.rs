//! Known stems and irregular forms: the analyzer's lexicon hook.
//!
//! The built-in list (`data/morph/stems.tsv`) holds common Kazakh stems,
//! including those that look like suffixed forms (сана, дене, қан); callers
//! add their own, such as a glossary's lemmas, with [`Lexicon::add`].
//! `data/morph/irregular.tsv` lists the pronoun forms whose stems change.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use serde::Serialize;

use crate::table::records;

const STEMS: &str = include_str!("../../data/morph/stems.tsv");
const CLOSED: &str = include_str!("../../data/morph/closed.tsv");
const ATTESTED: &str = include_str!("../../data/morph/attested.tsv");
const KTB_TRAIN: &str = include_str!("../../data/morph/ktb_train.tsv");
const IRREGULAR: &str = include_str!("../../data/morph/irregular.tsv");

/// Part of speech of a known stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    /// Noun.
    Noun,
    /// Adjective.
    Adj,
    /// Proper noun.
    Propn,
    /// Verb stem.
    Verb,
    /// Numeral.
    Num,
    /// Pronoun.
    Pron,
    /// Conjunction.
    Cnj,
    /// Postposition.
    Post,
    /// Adverb.
    Adv,
    /// Determiner.
    Det,
    /// Particle (ғана, емес, ба).
    Part,
}

impl Pos {
    /// Parses the codes of `stems.tsv`.
    pub fn from_code(code: &str) -> Option<Pos> {
        Some(match code {
            "n" => Pos::Noun,
            "adj" => Pos::Adj,
            "np" => Pos::Propn,
            "v" => Pos::Verb,
            "num" => Pos::Num,
            "pron" => Pos::Pron,
            "cnj" => Pos::Cnj,
            "post" => Pos::Post,
            "adv" => Pos::Adv,
            "det" => Pos::Det,
            "part" => Pos::Part,
            _ => return None,
        })
    }

    /// True for the parts of speech that take nominal suffixes.
    pub fn is_nominal(self) -> bool {
        matches!(
            self,
            Pos::Noun | Pos::Adj | Pos::Propn | Pos::Num | Pos::Pron
        )
    }
}

/// A known stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The dictionary form as listed (a proper noun keeps its capital).
    pub lemma: String,
    /// Its parts of speech.
    pub pos: Vec<Pos>,
}

/// An irregular form: its lemma and the tags of its suffixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Irregular {
    /// The lemma (ол for оның).
    pub lemma: String,
    /// The tags (GEN for оның).
    pub tags: Vec<&'static str>,
}

/// Known stems, keyed by lower case, with their suffix-taking variants.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    stems: HashMap<String, Entry>,
    /// Written stem before suffixes → dictionary form (мұрн → мұрын).
    alternants: HashMap<String, String>,
    /// Irregular forms → their lemma and tags.
    irregular: HashMap<String, Irregular>,
    /// Stems in -ь without it (модел for модель): loans drop the soft sign
    /// before a suffix, and the analyser asks of every stem it tries.
    soft_sign_dropped: rustc_hash::FxHashSet<String>,
}

/// The built-in lexicon.
/// The hand-written lexicon: our stems, the closed classes and the
/// irregular forms.
pub static HAND_WRITTEN: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon::default();
    for (name, text) in [
        ("data/morph/stems.tsv", STEMS),
        ("data/morph/closed.tsv", CLOSED),
    ] {
        lex.add_table(name, text).expect("embedded stem list");
    }
    for rec in records("data/morph/irregular.tsv", IRREGULAR, 3).expect("embedded irregular forms")
    {
        // The built-in table is parsed once per process, so its few tags can
        // live as long as the program.
        let tags = rec.fields[2]
            .split('+')
            .skip(1)
            .map(|t| &*Box::leak(t.to_string().into_boxed_str()))
            .collect();
        lex.irregular.insert(
            rec.fields[0].to_string(),
            Irregular {
                lemma: rec.fields[1].to_string(),
                tags,
            },
        );
    }
    lex
});

/// The hand-written lexicon and the stems attested in raw text
/// (`attested.tsv`, made by `scripts/attested_stems.py`): what
/// cross-validation on a treebank starts from.
pub static WITHOUT_TREEBANK: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = HAND_WRITTEN.clone();
    lex.add_table("data/morph/attested.tsv", ATTESTED)
        .expect("embedded stem list");
    lex
});

/// The built-in lexicon: [`WITHOUT_TREEBANK`] and the stems of the UD
/// Kazakh-KTB train file (`ktb_train.tsv`, made by `scripts/ktb_stems.py`).
pub static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = WITHOUT_TREEBANK.clone();
    lex.add_table("data/morph/ktb_train.tsv", KTB_TRAIN)
        .expect("embedded stem list");
    lex
});

impl Lexicon {
    /// Adds a stem (e.g. a glossary lemma) with its part of speech.
    ///
    /// ```
    /// use kazterm::morph::lexicon::{Lexicon, Pos};
    /// let mut lex = Lexicon::default();
    /// lex.add("гипофиз", Pos::Noun);
    /// assert!(lex.get("Гипофиз").is_some());
    /// ```
    pub fn add(&mut self, lemma: &str, pos: Pos) {
        let key = lemma.to_lowercase();
        if let Some(hard) = key.strip_suffix('ь') {
            self.soft_sign_dropped.insert(hard.to_string());
        }
        let entry = self.stems.entry(key).or_insert_with(|| Entry {
            lemma: lemma.to_string(),
            pos: Vec::new(),
        });
        if !entry.pos.contains(&pos) {
            entry.pos.push(pos);
        }
    }

    /// Adds the stems of a table in the format of `data/morph/stems.tsv`
    /// (`stem pos alt`); `name` names it in errors.
    pub fn add_table(&mut self, name: &str, text: &str) -> crate::error::Result<()> {
        for rec in records(name, text, 3)? {
            let pos = Pos::from_code(rec.fields[1]).ok_or_else(|| crate::error::Error::Table {
                file: name.to_string(),
                line: rec.line,
                message: format!("expected a part of speech code, found {:?}", rec.fields[1]),
            })?;
            self.add(rec.fields[0], pos);
            if rec.fields[2] != "-" {
                self.alternants
                    .insert(rec.fields[2].to_lowercase(), rec.fields[0].to_lowercase());
            }
        }
        Ok(())
    }

    /// The entry of a stem, looked up in lower case.
    pub fn get(&self, stem: &str) -> Option<&Entry> {
        match self.stems.get(stem) {
            Some(e) => Some(e),
            // A stem already in lower case was looked up as it is.
            None => match crate::script::lowercase(stem) {
                std::borrow::Cow::Owned(lower) => self.stems.get(&lower),
                std::borrow::Cow::Borrowed(_) => None,
            },
        }
    }

    /// True when `written` is a known stem in -ь without it, as loans write
    /// it before a suffix (модел in моделі, of модель); lower case.
    ///
    /// ```
    /// use kazterm::morph::lexicon::{Lexicon, Pos};
    /// let mut lex = Lexicon::default();
    /// lex.add("модель", Pos::Noun);
    /// assert!(lex.drops_soft_sign("модел"));
    /// assert!(!lex.drops_soft_sign("модель"));
    /// ```
    pub fn drops_soft_sign(&self, written: &str) -> bool {
        self.soft_sign_dropped.contains(written)
    }

    /// The dictionary form of a written alternant (мұрн → мұрын).
    pub fn alternant(&self, written: &str) -> Option<&str> {
        self.alternants.get(written).map(String::as_str)
    }

    /// An irregular form's lemma and tags.
    pub fn irregular(&self, form: &str) -> Option<&Irregular> {
        self.irregular.get(form)
    }

    /// How many stems it knows.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    /// True when it knows no stem.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads() {
        let lex = &*BUILTIN;
        assert!(lex.len() > 800);
        assert!(lex.get("без").unwrap().pos.contains(&Pos::Noun));
        assert_eq!(lex.get("қазақстан").unwrap().lemma, "Қазақстан");
        assert_eq!(lex.alternant("мұрн"), Some("мұрын"));
        assert_eq!(lex.irregular("оның").unwrap().lemma, "ол");
        assert_eq!(lex.irregular("оның").unwrap().tags, vec!["GEN"]);
    }
}
