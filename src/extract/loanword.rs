//! Is this Cyrillic word a Greek- or Latin-rooted term? The recogniser that
//! weighs what a word is made of ([`super::neoclassical::segment`]) against
//! what it looks like.
//!
//! Kazakh native words have a shape of their own (Балакаев, Қордабаев and
//! others describe it; any grammar of Kazakh phonology does): vowels agree in
//! backness throughout a stem, о and ө stand only in the first syllable, a
//! stem never starts with two consonants, two vowels never meet, and the
//! letters в ф ц ч щ ъ ь э ё belong to loans. A loan through Russian breaks
//! these rules ([`shape_score`] counts how many); an international ending
//! (-ция, -изм, -ист, -ант, -ент, -тор …) adds to it.
//!
//! A word is a term when ([`recognise`]):
//! - morphemes cover it wholly and one root is *strong* (specific to
//!   medicine: кардио, лимф, бактер), or only weak roots are there but its
//!   final element names a category (от-ит, мио-ма);
//! - it decomposes in part: a strong root covers at least half of it, or two
//!   roots stand before a final element that names a category, and its
//!   shape is foreign (at least [`PARTIAL_SHAPE`] points);
//! - or only its final element is known and it is a long one (-цит,
//!   -графия, -эктомия; not -ит or -оз, which end many other words), the
//!   rest is at least three unknown letters, and its shape is foreign.
//!
//! A split with an unknown stretch of one or two letters is a chance match
//! inside another word (м-атер-ал in материал) and never counts.
//!
//! The thresholds were set on the development texts of
//! `shared/gold/medical_dev` and checked against Kazakh news
//! (`shared/data/kk_corpus`), where ordinary words and names must not come
//! out; `data/extract/general_loans.tsv` lists the loans that still pass but
//! are not terms (телефон, кредит, колхоз).

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use super::neoclassical::{segment, Decomposition, Kind, Morphemes};
use super::Category;
use crate::table::records;

const GENERAL_LOANS: &str = include_str!("../../data/extract/general_loans.tsv");

static GENERAL: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    records("data/extract/general_loans.tsv", GENERAL_LOANS, 2)
        .expect("embedded general loans")
        .into_iter()
        .map(|r| r.fields[0])
        .collect()
});

/// Shape points a partly decomposed word needs besides its strong root.
pub const PARTIAL_SHAPE: u32 = 1;
/// Shape points a word needs when only its final element is known.
pub const FINAL_ONLY_SHAPE: u32 = 1;

const VOWELS: &str = "аәеёиоөуұүыіэюя";
const BACK: &str = "аоұы";
const FRONT: &str = "әөүіе";
/// Letters of Russian loans that native Kazakh words do not have.
const FOREIGN_LETTERS: &str = "вфцчщъьэё";
/// Doubled consonants of Latin and Greek spelling (капилляр, тонзилл,
/// абсцесс); native stems rarely double these.
const DOUBLES: &[&str] = &["лл", "сс", "мм", "фф", "рр", "бб", "гг", "дд", "кк"];
/// International endings of loans.
const ENDINGS: &[&str] = &[
    "ция", "изм", "ист", "ант", "ент", "тор", "ус", "ум", "ика", "ия", "оз", "ит", "ома",
];

fn is_vowel(c: char) -> bool {
    VOWELS.contains(c)
}

/// How foreign a lower-case Cyrillic stem looks: one point for each native
/// pattern it breaks (see the module's documentation).
///
/// ```
/// use kazterm::extract::loanword::shape_score;
/// assert_eq!(shape_score("жасуша"), 0);
/// assert!(shape_score("бронхиола") >= 2);
/// ```
pub fn shape_score(stem: &str) -> u32 {
    let chars: Vec<char> = stem.chars().collect();
    let mut score = 0;
    if chars.iter().any(|&c| FOREIGN_LETTERS.contains(c)) {
        score += 1;
    }
    if chars.len() >= 2 && !is_vowel(chars[0]) && !is_vowel(chars[1]) && chars[1] != 'й' {
        score += 1;
    }
    let vowels: Vec<char> = chars.iter().copied().filter(|&c| is_vowel(c)).collect();
    if vowels.iter().skip(1).any(|&c| c == 'о' || c == 'ө') {
        score += 1;
    }
    let hiatus = chars.windows(2).any(|w| {
        is_vowel(w[0])
            && is_vowel(w[1])
            && !matches!(w[0], 'у' | 'ю' | 'я')
            && !matches!(w[1], 'у' | 'я' | 'ю')
            && !(w[0] == 'и' && w[1] == 'е')
    });
    if hiatus {
        score += 1;
    }
    let back = vowels.iter().any(|&c| BACK.contains(c));
    let front = vowels.iter().any(|&c| FRONT.contains(c));
    if back && front {
        score += 1;
    }
    if DOUBLES.iter().any(|d| stem.contains(d)) {
        score += 1;
    }
    if chars.len() >= 5 && ENDINGS.iter().any(|e| stem.ends_with(e)) {
        score += 1;
    }
    score
}

/// What the recogniser says of a word it takes for a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    /// Its morphemes (unknown stretches included).
    pub decomposition: Decomposition,
    /// Its category (`other` when the morphemes do not tell).
    pub category: Category,
}

/// Kazakh derivational endings that make adjectives and abstract nouns of a
/// borrowed stem (эндокрин-ді, эндемия-лық, бактериаль-ды): removed before
/// the stem is weighed.
pub(crate) const KAZAKH_DERIVATIONS: &[&str] = &[
    "лық", "лік", "дық", "дік", "тық", "тік", "лы", "лі", "ды", "ді", "ты", "ті",
];

/// The stem a word is weighed by: itself, or itself without a Kazakh
/// derivational ending when that leaves a stem of four letters or more.
pub fn loan_stem(word: &str) -> &str {
    KAZAKH_DERIVATIONS
        .iter()
        .find_map(|d| {
            word.strip_suffix(d)
                .filter(|s| s.chars().count() >= 4 && s.chars().any(is_vowel))
        })
        .unwrap_or(word)
}

/// Decides whether a lower-case Cyrillic stem is a Greek- or Latin-rooted
/// term, and what it is made of.
///
/// ```
/// use kazterm::extract::{loanword::recognise, neoclassical::BUILTIN, Category};
/// assert_eq!(recognise("лимфоцит", &BUILTIN).unwrap().category, Category::Cell);
/// assert_eq!(recognise("тонзиллит", &BUILTIN).unwrap().category, Category::Disease);
/// assert!(recognise("телефон", &BUILTIN).is_none());
/// assert!(recognise("жасуша", &BUILTIN).is_none());
/// ```
pub fn recognise(stem: &str, morphemes: &Morphemes) -> Option<Recognised> {
    if stem.contains('-') {
        // A hyphenated compound (бронх-тамыр) is rooted when a part is.
        return stem.split('-').find_map(|part| {
            recognise(part, morphemes).map(|r| Recognised {
                category: Category::Other,
                ..r
            })
        });
    }
    // Cyrillic letters only (U+0400..U+04FF): no digits, no Latin.
    if !stem.chars().all(|c| ('\u{400}'..='\u{4FF}').contains(&c)) || GENERAL.contains(stem) {
        return None;
    }
    let d = segment(stem, morphemes)?;
    let shape = shape_score(stem);
    let named_ending = d.suffix().and_then(|s| s.category).is_some();
    let known_letters = d.letters - d.unknown_letters();
    let leading_prefix_only = d.parts.iter().all(|m| m.kind != Kind::Root) && d.suffix().is_none();
    // Unknown stretches of one or two letters are no morpheme boundary but
    // a chance match inside another word (м-атер-ал in материал).
    let ragged = d
        .parts
        .iter()
        .any(|m| m.kind == Kind::Unknown && m.form.chars().count() < 3);
    let final_letters = d.suffix().map_or(0, |s| s.form.chars().count());
    let accepted = if leading_prefix_only || ragged {
        false
    } else if d.complete() {
        // Prefix and final element alone (ан-емия) only for a disease or
        // condition: поли-графия and голо-грамма are everyday words.
        let pathology = matches!(
            d.suffix().and_then(|s| s.category),
            Some(Category::Disease | Category::Condition)
        );
        d.strong_roots() > 0 || (d.roots() > 0 && named_ending) || (pathology && shape > 0)
    } else if d.strong_roots() > 0 {
        2 * known_letters >= d.letters && shape >= PARTIAL_SHAPE
    } else if d.roots() >= 2 && named_ending {
        // Two roots and a final element that names a category, with a
        // stretch the inventory lacks (фео-хром-о-цит-ома).
        shape >= PARTIAL_SHAPE
    } else {
        // Only the final element is known: a long one (-цит, -графия,
        // -эктомия), not -ит or -оз, which end many other words (саммит,
        // тепловоз).
        named_ending
            && final_letters >= 4
            && d.roots() == 0
            && d.unknown_letters() >= 3
            && shape >= FINAL_ONLY_SHAPE
    };
    if !accepted {
        return None;
    }
    let category = d.category().unwrap_or(Category::Other);
    Some(Recognised {
        decomposition: d,
        category,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::neoclassical::BUILTIN;

    fn found(w: &str) -> bool {
        recognise(w, &BUILTIN).is_some()
    }

    #[test]
    fn native_words_look_native() {
        for w in ["жасуша", "бүйрек", "қабыну", "тамыр", "ересек", "салмақ"]
        {
            assert_eq!(shape_score(w), 0, "{w}");
        }
    }

    #[test]
    fn loans_look_foreign() {
        for w in ["фильтрация", "капилляр", "бронх", "альвеола", "артерия"]
        {
            assert!(shape_score(w) >= 1, "{w}");
        }
    }

    #[test]
    fn medical_words_of_every_system_are_terms() {
        for w in [
            "пневмония",
            "нейтрофил",
            "бактерия",
            "инфильтрация",
            "гепатоспленомегалия",
            "остеохондроз",
            "холецистит",
            "электрокардиограмма",
            "эритроцит",
            "гастроэнтерит",
            "ринит",
        ] {
            assert!(found(w), "{w}");
        }
    }

    #[test]
    fn ordinary_words_and_loans_are_not() {
        for w in [
            "телефон",
            "кредит",
            "колхоз",
            "диалог",
            "полигон",
            "филиал",
            "апат",
            "сома",
            "бала",
            "мектеп",
            "кітап",
            "ауыл",
            "жұмыс",
            "демалатын",
        ] {
            assert!(!found(w), "{w}");
        }
    }

    #[test]
    fn derived_adjectives_are_weighed_by_their_stem() {
        assert_eq!(loan_stem("иммундық"), "иммун");
        assert_eq!(loan_stem("бактериальды"), "бактериаль");
        assert_eq!(loan_stem("ақты"), "ақты");
        assert!(found(loan_stem("бактериальды")));
    }
}
