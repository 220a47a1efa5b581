//! One-word recognisers: glued compounds (жынысбездері), suspended
//! prefixes (гипер және гипофункциясы), letter-prefixed terms
//! (Т-лимфоцит), Greek- and Latin-rooted single words, parts of
//! hyphen-joined words, and known terms misspelt by one letter.

use super::lexicon::TermLexicon;
use super::loanword::loan_stem;
use super::neoclassical::{Kind, Morphemes};
use super::rules::{entry_found, rooted_found, Cache};
use super::{looks_like_name, Category, Found, FoundBy, Tok};
use crate::tokenize::TokenKind;

/// The Greek letters that name kinds of cells, receptors and waves.
const GREEK_LETTERS: &[&str] = &["альфа", "бета", "гамма", "дельта", "каппа", "лямбда"];

/// The head of the glued compounds looked for.
pub(super) const GLAND: &str = "без";

/// Glued compounds: жынысбездері is жыныс бездері, a two-word term of the
/// lexicon written as one word.
pub(super) fn glued_compounds(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    covered: &mut [bool],
) {
    for (i, t) in toks.iter().enumerate() {
        if let Some(prefix) = t
            .lemma
            .strip_suffix(GLAND)
            .filter(|p| p.chars().count() >= 3)
        {
            if let Some(entry) = terms.get(&[prefix, GLAND]) {
                out.push(Found {
                    by: FoundBy::Glued,
                    ..entry_found(entry, (i, i + 1))
                });
                covered[i] = true;
            }
        }
    }
}

/// A capital letter joined to a term by a hyphen, however the text spaces
/// or dashes it: «Т -лимфоциттер», «В – лимфоциттерге», «T-лимфоцит» are
/// Т-лимфоцит and В-лимфоцит. A Latin letter is written as its Cyrillic
/// look-alike, as Kazakh texts write these names. Letters that follow each
/// other in the alphabet in one sentence («А – эозинофил, Б - нейтрофил»)
/// label the items of a list instead.
pub(super) fn letter_prefixed(
    toks: &[Tok<'_>],
    term_of: &[Option<Category>],
    out: &mut Vec<Found>,
    covered: &mut [bool],
) {
    let mut found: Vec<(usize, char, Category)> = Vec::new();
    for i in 0..toks.len().saturating_sub(2) {
        let letter = &toks[i];
        let mut chars = letter.text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        if letter.kind != TokenKind::Word || !c.is_uppercase() {
            continue;
        }
        if !(toks[i + 1].kind == TokenKind::Punct
            && matches!(toks[i + 1].text, "-" | "–" | "—" | "‐" | "‑"))
        {
            continue;
        }
        let Some(category) = term_of[i + 2] else {
            continue;
        };
        found.push((
            i,
            crate::normalize::cyrillic_lookalike(c).unwrap_or(c),
            category,
        ));
    }
    let letters: std::collections::BTreeSet<u32> =
        found.iter().map(|&(_, c, _)| c as u32).collect();
    let enumerated = |c: char| {
        let c = c as u32;
        letters.contains(&(c + 1)) || c.checked_sub(1).is_some_and(|p| letters.contains(&p))
    };
    for (i, letter, category) in found {
        if enumerated(letter) {
            continue;
        }
        let lemma = format!("{letter}-{}", toks[i + 2].lemma);
        out.push(Found::named(lemma, category, "neoclassical", (i, i + 3)));
        for flag in &mut covered[i..i + 3] {
            *flag = true;
        }
    }
}

/// «гипер және гипофункциясы»: a prefix standing for the compound it shares
/// with the next word.
pub(super) fn suspended_prefixes(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
    out: &mut Vec<Found>,
    covered: &mut [bool],
) {
    for i in 0..toks.len().saturating_sub(2) {
        let t = &toks[i];
        // The joining word first: it is rare, the prefix look-up is not.
        if !matches!(toks[i + 1].clean, "және" | "мен" | "немесе" | "," | "-") {
            continue;
        }
        if !t.is_word() || !is_suspended_prefix(morphemes, t.clean) {
            continue;
        }
        let next = i + 2;
        let Some(d) = toks
            .get(next)
            .and_then(|n| cache.decompose(n.root, morphemes))
        else {
            continue;
        };
        let Some(first) = d.parts.first().filter(|m| m.kind == Kind::Prefix) else {
            continue;
        };
        let rest = &toks[next].root[first.form.len()..];
        let compound = format!("{}{}", t.clean, rest);
        let found = match terms.get(&[compound.as_str()]) {
            Some(entry) => Found {
                by: FoundBy::SuspendedPrefix,
                ..entry_found(entry, (i, i + 1))
            },
            None => match cache.recognise(&compound, morphemes) {
                Some(r) => Found {
                    by: FoundBy::SuspendedPrefix,
                    ..rooted_found(&compound, r.category, &r, (i, i + 1))
                },
                None => continue,
            },
        };
        covered[i] = true;
        out.push(found);
    }
}

/// A word that may stand for a compound it shares with the next word
/// (see [`suspended_prefixes`]): a prefix of three letters or more.
pub(super) fn is_suspended_prefix(morphemes: &Morphemes, form: &str) -> bool {
    form.chars().count() >= 3 && morphemes.is_prefix(form)
}

/// One word that no phrase covers: a known term misspelt, or a Greek- or
/// Latin-rooted word.
pub(super) fn single_word(
    toks: &[Tok<'_>],
    i: usize,
    terms: &TermLexicon,
    in_phrase: bool,
) -> Option<Found> {
    let t = &toks[i];
    if t.pos.is_none() && t.root.chars().count() >= 5 {
        let nearest = t
            .nearest
            .and_then(|cell| *cell.get_or_init(|| terms.misspelt(t.root)));
        if let Some(entry) = nearest.map(|i| &terms.entries()[i as usize]) {
            return Some(Found {
                by: FoundBy::Misspelt,
                ..entry_found(entry, (i, i + 1))
            });
        }
    }
    let r = t.rooted?;
    // A capitalised word inside a sentence is a name (Антон, Корея) unless
    // its morphemes leave no doubt.
    if looks_like_name(toks, i)
        && !(r.decomposition.complete() && r.decomposition.strong_roots() > 0)
    {
        return None;
    }
    // The accusative of a hormone or a drug read as an adjective
    // (инсулинді, антибиотикті) is the noun itself.
    if t.ambiguous_accusative() && r.category.is_thing() {
        if let Some(entry) = terms.get(&[t.root]) {
            return Some(entry_found(entry, (i, i + 1)));
        }
        return Some(rooted_found(t.root, r.category, r, (i, i + 1)));
    }
    let derived = loan_stem(t.root) != t.root || t.lemma != t.root;
    if derived && in_phrase {
        // A derived adjective inside a named phrase (эндемиялық зоб) is
        // part of that term, not one of its own.
        return None;
    }
    let category = if derived { Category::Other } else { r.category };
    Some(rooted_found(t.lemma, category, r, (i, i + 1)))
}

/// The parts of a hyphenated word long enough to be read on their own.
fn long_parts(clean: &str) -> impl Iterator<Item = &str> {
    clean.split('-').filter(|part| part.chars().count() >= 5)
}

fn is_greek_letter_name(word: &str) -> bool {
    GREEK_LETTERS.contains(&word)
}

/// Whether a lemma starts with a Greek letter's name and a hyphen
/// (бета-жасуша), which [`hyphen_joined`] reads as a kind of a term.
pub(super) fn starts_with_greek_letter(lemma: &str) -> bool {
    lemma
        .split_once('-')
        .is_some_and(|(letter, _)| is_greek_letter_name(letter))
}

/// Whether a hyphenated word has a long part the recogniser takes, the
/// other way [`hyphen_joined`] finds terms. For the extractor's sentence
/// filter, worked out once per word form (so without the rules' cache).
pub(super) fn has_rooted_part(clean: &str, morphemes: &Morphemes) -> bool {
    clean.contains('-')
        && long_parts(clean).any(|part| super::rules::recognise_word(part, morphemes).is_some())
}

/// The term parts of two words joined by a hyphen that is not one term
/// (симптоматология-қалтырау, a list glued by a stray hyphen): each part
/// that is a known term or a Greek- or Latin-rooted word, on its own, as
/// the whole token.
pub(super) fn hyphen_joined(
    t: &Tok<'_>,
    i: usize,
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
) -> Vec<Found> {
    // A Greek letter before a term names a kind of it (бета-жасуша,
    // альфа-адреноблокатор): the whole is the term.
    if let Some((letter, rest)) = t.lemma.split_once('-') {
        if is_greek_letter_name(letter) {
            if let Some(entry) = terms.get(&[rest]) {
                return vec![Found {
                    lemma: t.lemma.to_string(),
                    decomposition: None,
                    ..entry_found(entry, (i, i + 1))
                }];
            }
            if let Some(r) = cache.recognise(rest, morphemes) {
                return vec![rooted_found(t.lemma, r.category, &r, (i, i + 1))];
            }
        }
    }
    let parts: Vec<&str> = long_parts(t.clean).collect();
    let rooted: Vec<Option<Found>> = parts
        .iter()
        .map(|&part| {
            let r = cache.recognise(part, morphemes)?;
            (loan_stem(part) == part).then(|| rooted_found(part, r.category, &r, (i, i + 1)))
        })
        .collect();
    // A native hyphenated compound (несеп-жыныс, ата-ана) is one word: its
    // parts count only beside a rooted part, where the hyphen is a slip.
    let slip = rooted.iter().any(Option::is_some);
    parts
        .iter()
        .zip(rooted)
        .filter_map(|(&part, rooted)| {
            rooted.or_else(|| {
                terms
                    .get(&[part])
                    .filter(|_| slip)
                    .map(|entry| entry_found(entry, (i, i + 1)))
            })
        })
        .collect()
}
