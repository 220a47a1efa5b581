//! Latin and English forms proposed for a Greek- or Latin-rooted Kazakh
//! term the glossary lacks (гепатит → hepatitis, лимфоцит → lymphocytus /
//! lymphocyte, гипертония → hypertonia / hypertension), for the rows that
//! `--suggest` writes. The proposals are marked as such: a terminologist
//! checks them.
//!
//! How: the word's ending is looked up in `data/glossary/latin_endings.tsv`
//! (Latin and English endings of medical words); the rest is split into
//! morphemes with the extractor's inventory ([`crate::extract::neoclassical`]),
//! and each morpheme is spelt in Latin by walking its Cyrillic shape
//! alongside its etymon (`data/glossary/latin_letters.tsv` says which Latin
//! spellings a Cyrillic letter may stand for): гепат + hepar gives `hepat`,
//! not `gepat`; лимф + lympha gives `lymph`. Greek etymons are first put in
//! their Latin spelling (k → c, ai → ae, oi → oe, ei → i, ou → u), as
//! medical Latin writes Greek. Letters no morpheme explains are
//! transliterated. English takes the Latin stem with American spelling
//! (ae, oe → e) and the English ending.
//!
//! ```
//! use kazterm::glossary::propose::latin_and_english;
//! assert_eq!(latin_and_english("гепатит"), Some(("hepatitis".into(), "hepatitis".into())));
//! assert_eq!(latin_and_english("гипертония"), Some(("hypertonia".into(), "hypertension".into())));
//! assert_eq!(latin_and_english("қалқанша"), None); // a Kazakh word
//! ```

use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use crate::extract::neoclassical::{self, Kind};

/// A Cyrillic letter or pair: its usual Latin spelling and the others.
struct Letter {
    cyrillic: Vec<char>,
    latin: &'static str,
    also: Vec<&'static str>,
}

/// A word ending: Cyrillic, Latin, English, and the beginnings it needs.
struct Ending {
    cyrillic: &'static str,
    latin: &'static str,
    english: &'static str,
    after: Vec<&'static str>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// Letters, pairs first (the longest spelling wins).
static LETTERS: LazyLock<Vec<Letter>> = LazyLock::new(|| {
    let mut letters: Vec<Letter> = rows(include_str!("../../data/glossary/latin_letters.tsv"))
        .map(|f| Letter {
            cyrillic: f[0].chars().collect(),
            latin: f.get(1).copied().unwrap_or(""),
            also: f
                .get(2)
                .map(|a| a.split_whitespace().collect())
                .unwrap_or_default(),
        })
        .collect();
    letters.sort_by_key(|l| std::cmp::Reverse(l.cyrillic.len()));
    letters
});

/// Endings, longest first.
static ENDINGS: LazyLock<Vec<Ending>> = LazyLock::new(|| {
    let mut endings: Vec<Ending> = rows(include_str!("../../data/glossary/latin_endings.tsv"))
        .map(|f| Ending {
            cyrillic: f[0],
            latin: f.get(1).copied().unwrap_or(""),
            english: f.get(2).copied().unwrap_or(""),
            after: f
                .get(3)
                .map(|a| a.split('|').filter(|s| !s.is_empty()).collect())
                .unwrap_or_default(),
        })
        .collect();
    endings.sort_by_key(|e| std::cmp::Reverse(e.cyrillic.chars().count()));
    endings
});

/// The Latin and English forms proposed for a one-word Cyrillic term of
/// Greek or Latin make, or `None` for anything else (several words, Kazakh
/// letters, Latin script, too short).
pub fn latin_and_english(word: &str) -> Option<(String, String)> {
    let word = word.to_lowercase();
    let native = |c: char| "әғқңөұүһі".contains(c);
    if word.chars().count() < 3
        || word
            .chars()
            .any(|c| native(c) || !(c.is_alphabetic() || c == '-'))
        || !word.chars().any(|c| ('а'..='я').contains(&c))
        || kazakh_derivative(&word)
    {
        return None;
    }
    // A letter before a hyphen names a kind (Т-лимфоцит, В-жасуша): it is
    // the Latin capital Cyrillic writes with its look-alike (В is B).
    if let Some((letter, rest)) = word.split_once('-') {
        let mut letters = letter.chars();
        if let (Some(c), None) = (letters.next(), letters.next()) {
            let latin = crate::normalize::latin_lookalike(c.to_uppercase().next().unwrap_or(c))?;
            let (la, en) = latin_and_english(rest)?;
            return Some((format!("{latin}-{la}"), format!("{latin} {en}")));
        }
    }
    let ending = ENDINGS.iter().find(|e| {
        word.ends_with(e.cyrillic)
            && word.len() > e.cyrillic.len()
            && (e.after.is_empty() || e.after.iter().any(|a| word.starts_with(a)))
    });
    let stem = match ending {
        Some(e) => &word[..word.len() - e.cyrillic.len()],
        None => word.as_str(),
    };
    let (stem_latin, leftover) = spell_stem(stem);
    let (latin, english) = match ending {
        Some(e) => (
            format!("{stem_latin}{}", e.latin),
            format!("{}{}", american(&stem_latin), e.english),
        ),
        // A word that ends in a root: Latin adds the etymon's nominative
        // ending (симптом → symptoma, орган → organum); English keeps the
        // neuter -ium of a compound (myocardium) and the Greek -is
        // (hypophysis), and otherwise ends where the Kazakh word does
        // (symptom, organ).
        None => {
            let english_ending = match leftover.as_str() {
                "ium" | "is" => leftover.as_str(),
                _ => "",
            };
            (
                format!("{stem_latin}{leftover}"),
                format!("{}{english_ending}", american(&stem_latin)),
            )
        }
    };
    Some((latin, english))
}

/// A Kazakh word made from a loan (интерстициаль-ды, фильтр-лен-ген):
/// its Latin is a matter of grammar, not of spelling.
fn kazakh_derivative(word: &str) -> bool {
    if crate::extract::loanword::loan_stem(word) != word {
        return true;
    }
    // A verb made with -ла/-ле and its passive -н, as a participle or a
    // verbal noun: фильтрленген, сүзгіленеді (not коллаген, антиген).
    ["ланған", "ленген", "лану", "лену", "ланатын", "ленетін"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// English spelling of a Latin stem, American as the medical dictionaries
/// write it: haem- → hem-, oedema → edema.
fn american(latin: &str) -> String {
    latin.replace("ae", "e").replace("oe", "e")
}

/// A stem in Latin letters, and the nominative ending its last morpheme's
/// etymon has beyond the stem (for a word that ends in a root).
fn spell_stem(stem: &str) -> (String, String) {
    let decomposition = neoclassical::segment(stem, &neoclassical::BUILTIN).filter(|d| {
        d.parts
            .iter()
            .any(|p| matches!(p.kind, Kind::Root | Kind::Prefix))
    });
    let Some(decomposition) = decomposition else {
        // What is left before an ending may be a prefix alone (гипер-тония).
        let chars: Vec<char> = stem.chars().collect();
        let prefix = (1..=chars.len()).rev().find_map(|n| {
            let form: String = chars[..n].iter().collect();
            neoclassical::BUILTIN
                .get(&form, Kind::Prefix)
                .map(|m| (n, m))
        });
        return match prefix {
            Some((n, m)) => {
                let (spelt, _) = spell_morpheme(&m.form, &latinize(&m.etymon, &m.origin));
                let rest: String = chars[n..].iter().collect();
                (format!("{spelt}{}", transliterate(&rest)), String::new())
            }
            None => (transliterate(stem), String::new()),
        };
    };
    let chars: Vec<char> = stem.chars().collect();
    let mut at = 0;
    let mut out = String::new();
    let mut leftover = String::new();
    for (k, part) in decomposition.parts.iter().enumerate() {
        let form: Vec<char> = part.form.chars().collect();
        // A linking vowel the split leaves out: лимф-о-цит.
        if !chars[at..].starts_with(&form) && at < chars.len() && matches!(chars[at], 'о' | 'и') {
            out.push_str(if chars[at] == 'о' { "o" } else { "i" });
            at += 1;
        }
        if !chars[at..].starts_with(&form) {
            break;
        }
        at += form.len();
        if part.kind == Kind::Unknown {
            out.push_str(&transliterate(&part.form));
            leftover.clear();
            continue;
        }
        let etymon = latinize(&part.etymon, &part.origin);
        let (spelt, rest) = spell_morpheme(&part.form, &etymon);
        out.push_str(&spelt);
        leftover = match rest.as_str() {
            "a" | "ma" | "us" | "um" | "is" => rest,
            // A Greek neuter in -on is a Latin one in -um: organon → organum.
            "on" => "um".to_string(),
            // A Greek noun in -ia after a prefix or root is a Latin neuter
            // in -ium: myocardium, endocardium, pericardium.
            "ia" if k > 0 => "ium".to_string(),
            _ => String::new(),
        };
    }
    let tail: String = chars[at.min(chars.len())..].iter().collect();
    if !tail.is_empty() {
        out.push_str(&transliterate(&tail));
        leftover.clear();
    }
    (out, leftover)
}

/// An etymon in the spelling of medical Latin: the first of several forms,
/// without a leading hyphen or accents; a Greek one with k → c, kh → ch,
/// ai → ae, oi → oe, ei → i, ou → u.
fn latinize(etymon: &str, origin: &str) -> String {
    let first = etymon
        .split([',', '+'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches('-');
    let plain: String = first
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    if origin != "grc" {
        return plain;
    }
    plain
        .replace("kh", "ch")
        .replace('k', "c")
        .replace("ai", "ae")
        .replace("oi", "oe")
        .replace("ei", "i")
        .replace("ou", "u")
}

/// The Cyrillic shape of a morpheme in Latin letters, taking the etymon's
/// letters as far as the two agree; and what of the etymon is left after.
fn spell_morpheme(form: &str, etymon: &str) -> (String, String) {
    let units = letters(form);
    let e = etymon.as_bytes();
    let mut seen = HashSet::new();
    let (i, j) = furthest(&units, e, 0, 0, &mut seen);
    let mut out = etymon[..j].to_string();
    for unit in &units[i..] {
        out.push_str(unit.latin);
    }
    let rest = if i == units.len() {
        etymon[j..].to_string()
    } else {
        String::new()
    };
    (out, rest)
}

/// The furthest point (Cyrillic unit, etymon byte) to which the shape and
/// the etymon can be walked together.
fn furthest(
    units: &[&Letter],
    e: &[u8],
    i: usize,
    j: usize,
    seen: &mut HashSet<(usize, usize)>,
) -> (usize, usize) {
    let mut best = (i, j);
    if i == units.len() || !seen.insert((i, j)) {
        return best;
    }
    let consider = |reached: (usize, usize), best: &mut (usize, usize)| {
        if reached.0 > best.0 {
            *best = reached;
        }
    };
    let unit = units[i];
    for spelling in std::iter::once(unit.latin).chain(unit.also.iter().copied()) {
        if spelling.is_empty() || !e[j..].starts_with(spelling.as_bytes()) {
            continue;
        }
        let next = j + spelling.len();
        let reached = furthest(units, e, i + 1, next, seen);
        consider(reached, &mut best);
        // A consonant the etymon doubles and Cyrillic writes once.
        let last = spelling.as_bytes()[spelling.len() - 1];
        if e.get(next) == Some(&last) && !b"aeiouy".contains(&last) {
            let reached = furthest(units, e, i + 1, next + 1, seen);
            consider(reached, &mut best);
        }
    }
    // A letter Cyrillic doubles and the etymon writes once (капилляр).
    if i > 0 && std::ptr::eq(units[i - 1], unit) {
        let reached = furthest(units, e, i + 1, j, seen);
        consider(reached, &mut best);
    }
    best
}

/// The letters and pairs of a Cyrillic stretch.
fn letters(form: &str) -> Vec<&'static Letter> {
    let chars: Vec<char> = form.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match LETTERS.iter().find(|l| chars[i..].starts_with(&l.cyrillic)) {
            Some(letter) => {
                out.push(letter);
                i += letter.cyrillic.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Letters no morpheme explains, in their usual Latin spelling.
fn transliterate(text: &str) -> String {
    letters(text).iter().map(|l| l.latin).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(word: &str) -> (String, String) {
        latin_and_english(word).unwrap_or_default()
    }

    #[test]
    fn morphemes_take_the_spelling_of_their_etymons() {
        assert_eq!(
            both("лимфоцит"),
            ("lymphocytus".into(), "lymphocyte".into())
        );
        assert_eq!(both("гепатоспленомегалия").1, "hepatosplenomegaly");
        assert_eq!(both("миокард"), ("myocardium".into(), "myocardium".into()));
        assert_eq!(both("симптом"), ("symptoma".into(), "symptom".into()));
        assert_eq!(both("нейтрофил").1, "neutrophil");
        assert_eq!(
            both("в-лимфоцит"),
            ("B-lymphocytus".into(), "B lymphocyte".into())
        );
        assert_eq!(both("орган"), ("organum".into(), "organ".into()));
        assert_eq!(both("абсорбция"), ("absorptio".into(), "absorption".into()));
    }

    #[test]
    fn latin_loans_end_as_latin_and_english_end_them() {
        assert_eq!(
            both("инфильтрация"),
            ("infiltratio".into(), "infiltration".into())
        );
        assert_eq!(both("иммунитет"), ("immunitas".into(), "immunity".into()));
        assert_eq!(both("капсула"), ("capsula".into(), "capsule".into()));
    }

    #[test]
    fn greek_is_latinized() {
        assert_eq!(latinize("kytos", "grc"), "cytos");
        assert_eq!(latinize("leukos", "grc"), "leucos");
        assert_eq!(latinize("haima", "grc"), "haema");
        assert_eq!(latinize("-ens, -entis", "la"), "ens");
    }

    #[test]
    fn native_and_several_words_get_nothing() {
        assert_eq!(latin_and_english("бүйрек"), None);
        assert_eq!(latin_and_english("жүрек ауруы"), None);
        assert_eq!(latin_and_english("insulin"), None);
        assert_eq!(latin_and_english("интерстициальды"), None);
        assert_eq!(latin_and_english("фильтрленген"), None);
        assert!(latin_and_english("коллаген").is_some());
    }
}
