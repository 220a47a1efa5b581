//! The normalizer's character tables, parsed once from `data/normalize/*.tsv`.
//!
//! Three tables drive every character-level decision: which letters stand in
//! for which (`letters.tsv`), which characters are white space or invisible
//! (`spaces.tsv`), and which are dashes, hyphens and quotes
//! (`punctuation.tsv`). Keeping them as data means a linguist can extend them
//! without touching the engine.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::script::{script_of, Script};
use crate::table::{code_point, one_char, records};

use super::Rule;

const LETTERS: &str = include_str!("../../data/normalize/letters.tsv");
const SPACES: &str = include_str!("../../data/normalize/spaces.tsv");
const PUNCTUATION: &str = include_str!("../../data/normalize/punctuation.tsv");

/// How a character that is not a letter takes part in normalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Special {
    /// Folded into one ASCII space.
    Space,
    /// Removed.
    Invisible,
    /// Removed between letters, kept elsewhere (ZWJ, ZWNJ).
    Joiner,
    /// A dash; unified to U+2014 when it stands alone between words.
    Dash,
    /// A hyphen character; becomes ASCII `-`.
    Hyphen,
    /// A double quote; becomes « or » by position.
    Quote,
}

/// One stand-in: inside a word of script `word`, the letter becomes `to`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Twin {
    pub to: char,
    pub rule: Rule,
}

/// A letter's entries in the look-alike table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LetterInfo {
    /// What it becomes inside a Cyrillic word.
    pub in_cyrillic: Option<Twin>,
    /// What it becomes inside a Latin word.
    pub in_latin: Option<Twin>,
    /// The script it counts for when a word's script is decided.
    pub votes: Script,
}

/// All the normalizer's tables.
#[derive(Debug)]
pub(crate) struct Tables {
    letters: HashMap<char, LetterInfo>,
    specials: HashMap<char, Special>,
    /// For U+0400..U+052F: true when the letter is plain Cyrillic, i.e. has no
    /// entry that can change it inside a Cyrillic word. Lets the fast path skip
    /// the hash look-up for almost every letter of Kazakh text.
    plain_cyrillic: Vec<bool>,
}

const CYR_START: u32 = 0x0400;
const CYR_END: u32 = 0x0530;

impl Tables {
    fn load() -> Tables {
        // The tables are compiled into the binary; a malformed row is a bug in
        // kazterm itself, caught by the unit tests below, so panicking here is
        // the right response (it can never depend on user input).
        let mut letters: HashMap<char, LetterInfo> = HashMap::new();
        for rec in records("data/normalize/letters.tsv", LETTERS, 5).expect("letters.tsv") {
            let name = "data/normalize/letters.tsv";
            let from = one_char(name, rec.line, rec.fields[0]).expect("letters.tsv: from");
            let to = one_char(name, rec.line, rec.fields[1]).expect("letters.tsv: to");
            let rule = match rec.fields[4] {
                "lookalike" => Rule::Lookalike,
                "kazakh_letter" => Rule::KazakhLetter,
                other => panic!("{name}:{}: unknown rule {other}", rec.line),
            };
            let entry = letters.entry(from).or_insert(LetterInfo {
                in_cyrillic: None,
                in_latin: None,
                votes: script_of(from),
            });
            match rec.fields[3] {
                "-" => {}
                "cyrillic" => entry.votes = Script::Cyrillic,
                "latin" => entry.votes = Script::Latin,
                other => panic!("{name}:{}: unknown vote {other}", rec.line),
            }
            let twin = Some(Twin { to, rule });
            match rec.fields[2] {
                "cyrillic" => entry.in_cyrillic = twin,
                "latin" => entry.in_latin = twin,
                other => panic!("{name}:{}: unknown word script {other}", rec.line),
            }
        }

        let mut specials = HashMap::new();
        for (file, text) in [
            ("data/normalize/spaces.tsv", SPACES),
            ("data/normalize/punctuation.tsv", PUNCTUATION),
        ] {
            for rec in records(file, text, 3).expect("special table") {
                let c = code_point(file, rec.line, rec.fields[0]).expect("code point");
                let class = match rec.fields[1] {
                    "space" => Special::Space,
                    "invisible" => Special::Invisible,
                    "joiner" => Special::Joiner,
                    "dash" => Special::Dash,
                    "hyphen" => Special::Hyphen,
                    "quote" => Special::Quote,
                    other => panic!("{file}:{}: unknown class {other}", rec.line),
                };
                specials.insert(c, class);
            }
        }

        let plain_cyrillic = (CYR_START..CYR_END)
            .map(|cp| {
                char::from_u32(cp).is_some_and(|c| {
                    script_of(c) == Script::Cyrillic
                        && letters
                            .get(&c)
                            .is_none_or(|info| info.in_cyrillic.is_none())
                })
            })
            .collect();

        Tables {
            letters,
            specials,
            plain_cyrillic,
        }
    }

    /// The look-alike entries of a letter, if it has any.
    #[inline]
    pub fn letter(&self, c: char) -> Option<&LetterInfo> {
        self.letters.get(&c)
    }

    /// The special class of a non-letter character.
    #[inline]
    pub fn special(&self, c: char) -> Option<Special> {
        if c == ' ' {
            return Some(Special::Space);
        }
        if c.is_ascii_alphanumeric() {
            return None;
        }
        self.specials.get(&c).copied()
    }

    /// True for a Cyrillic letter that nothing in the tables can change inside
    /// a Cyrillic word.
    #[inline]
    pub fn is_plain_cyrillic(&self, c: char) -> bool {
        self.is_plain_cyrillic_cp(c as u32)
    }

    /// [`Tables::is_plain_cyrillic`] for a code point.
    #[inline]
    pub fn is_plain_cyrillic_cp(&self, cp: u32) -> bool {
        (CYR_START..CYR_END).contains(&cp) && self.plain_cyrillic[(cp - CYR_START) as usize]
    }
}

/// The tables, parsed on first use.
pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_hold_the_documented_entries() {
        let t = &*TABLES;
        let o = t.letter('o').unwrap();
        assert_eq!(o.in_cyrillic.unwrap().to, 'о');
        assert_eq!(t.letter('а').unwrap().in_latin.unwrap().to, 'a');
        assert_eq!(t.letter('ə').unwrap().votes, Script::Cyrillic);
        assert_eq!(t.special('\t'), Some(Special::Space));
        assert_eq!(t.special('\u{a0}'), Some(Special::Space));
        assert_eq!(t.special('\u{ad}'), Some(Special::Invisible));
        assert_eq!(t.special('–'), Some(Special::Dash));
        assert_eq!(t.special('a'), None);
    }

    #[test]
    fn kazakh_letters_are_plain_cyrillic_but_bashkir_qa_is_not() {
        let t = &*TABLES;
        for c in "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіё".chars()
        {
            assert!(t.is_plain_cyrillic(c), "{c}");
        }
        assert!(!t.is_plain_cyrillic('ҡ'));
        assert!(!t.is_plain_cyrillic('a'));
    }

    #[test]
    fn no_entry_maps_a_letter_to_itself() {
        for (c, info) in &TABLES.letters {
            for twin in [info.in_cyrillic, info.in_latin].into_iter().flatten() {
                assert_ne!(*c, twin.to);
            }
        }
    }
}
