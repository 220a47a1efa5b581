//! The suffix table, parsed once from `data/morph/suffixes.tsv`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use super::phonology::{harmony_of_suffix, Final, Harmony};
use crate::table::records;

const TABLE: &str = include_str!("../../data/morph/suffixes.tsv");

/// A suffix's place in the word, left to right:
/// voice < neg < vend < vder < der < pl < poss < case; vfin ends a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// The passive of a verb (-ыл, -ын, -л).
    Voice,
    /// The negation of a verb (-ма, -ба, -па).
    Neg,
    /// Participles and verbal nouns (-ған, -у): a verb form that may take
    /// nominal suffixes after it.
    VEnd,
    /// A derivation that makes a noun or adjective of a verb (-малы in
    /// қозғалмалы, -ғыш in өлшегіш): the lemma keeps it, like [`Slot::Der`],
    /// but the stem before it is a verb.
    VDer,
    /// Derivation (-лық, -лы, -сыз, -шы).
    Der,
    /// Plural.
    Pl,
    /// Possessive.
    Poss,
    /// Case (and -дағы, -дай, -ныкі).
    Case,
    /// A finite verb ending with its person (-ады, -ды, -са) or a converb
    /// (-ып, -а): nothing follows.
    VFin,
}

impl Slot {
    /// True for the slots of verb suffixes.
    pub fn is_verbal(self) -> bool {
        matches!(
            self,
            Slot::Voice | Slot::Neg | Slot::VEnd | Slot::VDer | Slot::VFin
        )
    }

    /// True for the derivations, whose suffixes the lemma keeps.
    pub fn is_derivation(self) -> bool {
        matches!(self, Slot::Der | Slot::VDer)
    }

    /// True when a suffix of this slot may stand just left of one of `right`
    /// (None: this suffix ends the word).
    pub fn may_precede(self, right: Option<Slot>) -> bool {
        match right {
            // A negated stem alone is an imperative (келме); a passive one
            // alone is too rare to be worth its false readings.
            None => self != Slot::Voice,
            // The passive and the negation are followed by a verb suffix.
            Some(r) if matches!(self, Slot::Voice | Slot::Neg) => r.is_verbal() && self < r,
            Some(Slot::VFin) => false,
            Some(_) if self == Slot::VFin => false,
            // Derivations stack (-шы-лық) and follow verbal nouns (оқу-шы).
            Some(Slot::Der) => self <= Slot::Der,
            Some(r) => self < r,
        }
    }
}

/// What may stand just before a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct After {
    /// Sound classes of a preceding stem or non-possessive suffix.
    pub classes: [bool; 6],
    /// May follow the 3rd-person possessive.
    pub p3: bool,
    /// May follow the 1st/2nd-person singular possessive.
    pub p12: bool,
}

impl After {
    /// True when a stem or suffix ending in a sound of class `f` may precede.
    pub fn admits_final(&self, f: Final) -> bool {
        self.classes[f as usize]
    }
}

/// One allomorph of a suffix.
#[derive(Debug, Clone)]
pub struct Suffix {
    /// As written.
    pub form: &'static str,
    /// Its tag (PL, POSS3, GEN …).
    pub tag: &'static str,
    /// Its slot.
    pub slot: Slot,
    /// What may precede it.
    pub after: After,
    /// Its ranking cost.
    pub cost: f32,
    /// Its vowel harmony.
    pub harmony: Harmony,
    /// Length in characters.
    pub chars: usize,
}

impl Suffix {
    /// The 3rd-person possessive.
    pub fn is_poss3(&self) -> bool {
        self.tag == "POSS3"
    }

    /// The 1st- or 2nd-person singular possessive (-м, -ң and their variants).
    pub fn is_poss12(&self) -> bool {
        self.tag == "POSS1SG" || self.tag == "POSS2SG"
    }

    /// Starts with a vowel (so a stem-final к қ п before it is voiced).
    pub fn starts_with_vowel(&self) -> bool {
        self.form
            .chars()
            .next()
            .is_some_and(super::phonology::is_vowel)
    }
}

/// All suffixes, and for each written form the allomorphs that have it.
pub struct SuffixTable {
    /// By form.
    pub by_form: HashMap<&'static str, Vec<Suffix>>,
    /// The longest form in characters.
    pub max_chars: usize,
}

/// The table, parsed on first use.
pub static SUFFIXES: LazyLock<SuffixTable> = LazyLock::new(|| {
    let name = "data/morph/suffixes.tsv";
    let mut by_form: HashMap<&'static str, Vec<Suffix>> = HashMap::default();
    let mut max_chars = 0;
    for rec in records(name, TABLE, 5).expect("embedded suffix table") {
        let f = &rec.fields;
        let slot = match f[2] {
            "voice" => Slot::Voice,
            "neg" => Slot::Neg,
            "vend" => Slot::VEnd,
            "vder" => Slot::VDer,
            "vfin" => Slot::VFin,
            "der" => Slot::Der,
            "pl" => Slot::Pl,
            "poss" => Slot::Poss,
            "case" => Slot::Case,
            other => panic!("{name}:{}: unknown slot {other}", rec.line),
        };
        let mut after = After::default();
        for code in f[3].split(',') {
            match code {
                "P3" => after.p3 = true,
                "P12" => after.p12 = true,
                _ => {
                    let class = Final::from_code(code)
                        .unwrap_or_else(|| panic!("{name}:{}: unknown class {code}", rec.line));
                    after.classes[class as usize] = true;
                }
            }
        }
        let cost: f32 = f[4]
            .parse()
            .unwrap_or_else(|_| panic!("{name}:{}: bad cost", rec.line));
        let chars = f[0].chars().count();
        max_chars = max_chars.max(chars);
        by_form.entry(f[0]).or_default().push(Suffix {
            form: f[0],
            tag: f[1],
            slot,
            after,
            cost,
            // The instrumental does not harmonize: -мен, -бен, -пен after
            // back and front stems alike.
            harmony: if f[1] == "INS" {
                Harmony::Both
            } else {
                harmony_of_suffix(f[0])
            },
            chars,
        });
    }
    SuffixTable { by_form, max_chars }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads_with_its_allomorphs() {
        let t = &*SUFFIXES;
        let gen = &t.by_form["нің"];
        assert_eq!(gen[0].tag, "GEN");
        assert!(gen[0].after.p3 && gen[0].after.admits_final(Final::V));
        assert_eq!(gen[0].harmony, Harmony::Front);
        let acc_n = &t.by_form["н"][0];
        assert!(acc_n.after.p3 && !acc_n.after.admits_final(Final::V));
        assert!(t.max_chars >= 4);
        // ды is the accusative, the adjective-forming derivation and the past.
        assert_eq!(t.by_form["ды"].len(), 3);
        assert_eq!(t.by_form["мен"][0].harmony, Harmony::Both);
        assert!(Slot::Neg.may_precede(Some(Slot::VFin)));
        assert!(!Slot::Case.may_precede(Some(Slot::VFin)));
        assert!(Slot::VEnd.may_precede(Some(Slot::Der)));
        assert!(!Slot::Voice.may_precede(Some(Slot::Poss)));
    }
}
