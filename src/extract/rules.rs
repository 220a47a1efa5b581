//! The rules that name terms in a sentence: term-lexicon matches, gland
//! phrases headed by без, `X гормоны`, `X ауруы`, Greek- and Latin-rooted
//! words, misspelt known terms, suspended prefixes and quoted etymons.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::{Entry, TermLexicon};
use super::loanword::{loan_stem, recognise, Recognised};
use super::neoclassical::{decompose, Decomposition, Kind, Morphemes};
use super::{etymology, looks_like_name, Category, Found, FoundBy, Tok};
use crate::morph::lexicon::Pos;
use crate::script::Script;
use crate::table::records;
use crate::tokenize::TokenKind;

const STOP_MODIFIERS: &str = include_str!("../../data/extract/stop_modifiers.tsv");

static STOP_MODIFIER: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    records("data/extract/stop_modifiers.tsv", STOP_MODIFIERS, 2)
        .expect("embedded stop modifiers")
        .into_iter()
        .map(|r| r.fields[0])
        .collect()
});

/// The head nouns of the phrase rules.
const GLAND: &str = "без";
const HORMONE: &str = "гормон";
const DISEASE: &str = "ауру";

/// Decompositions and near matches already computed, by word.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    decompositions: HashMap<String, Option<Decomposition>>,
    recognised: HashMap<String, Option<Recognised>>,
    nearest: HashMap<String, Option<usize>>,
}

impl Cache {
    fn decompose(&mut self, word: &str, morphemes: &Morphemes) -> Option<Decomposition> {
        if let Some(d) = self.decompositions.get(word) {
            return d.clone();
        }
        let d = decompose_word(word, morphemes);
        self.decompositions.insert(word.to_string(), d.clone());
        d
    }

    /// What the loan-word recogniser says of a word (by its stem).
    fn recognise(&mut self, word: &str, morphemes: &Morphemes) -> Option<Recognised> {
        if let Some(r) = self.recognised.get(word) {
            return r.clone();
        }
        let r = recognise(loan_stem(word), morphemes);
        if self.recognised.len() > 1 << 18 {
            self.recognised.clear();
        }
        self.recognised.insert(word.to_string(), r.clone());
        r
    }

    fn nearest<'t>(&mut self, word: &str, terms: &'t TermLexicon) -> Option<&'t Entry> {
        let index = match self.nearest.get(word) {
            Some(i) => *i,
            None => {
                let i = nearest_term(word, terms);
                self.nearest.insert(word.to_string(), i);
                i
            }
        };
        index.map(|i| &terms.entries()[i])
    }
}

/// Every term the rules find in one sentence.
pub(crate) fn find_all(
    source: &str,
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut covered = vec![false; toks.len()];

    for e in etymology::find(source, toks) {
        let (a, b) = e.tokens;
        for flag in &mut covered[a..b] {
            *flag = true;
        }
        let mut found = etymon_found(e.text, e.language, (a, b), e.gloss, e.headword);
        if e.organism {
            found.category = Category::Organism;
        }
        out.push(found);
    }

    // Glued compounds: жынысбездері is жыныс бездері.
    let lemmas: Vec<Option<&str>> = toks
        .iter()
        .map(|t| (t.is_word() && t.script == Script::Cyrillic).then_some(&*t.lemma))
        .collect();
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

    for (a, b, entry) in terms.find(&lemmas) {
        out.push(entry_found(entry, (a, b)));
        // The modifiers of a multi-word term that are terms of their own
        // (секреция in ішкі секреция безі, қан in қан тамыры) are reported
        // too; its head belongs to the phrase (тамыр, мүше, ми).
        if b - a > 1 {
            for (k, lemma) in lemmas.iter().enumerate().take(b - 1).skip(a) {
                if let Some(inner) = lemma.and_then(|l| terms.get(&[l])) {
                    out.push(entry_found(inner, (k, k + 1)));
                }
            }
        }
        for flag in &mut covered[a..b] {
            *flag = true;
        }
    }

    let mut in_phrase = vec![false; toks.len()];
    gland_phrases(toks, terms, &mut out, &mut in_phrase);
    hormone_phrases(toks, terms, morphemes, cache, &mut out, &mut in_phrase);
    disease_phrases(toks, terms, &mut out, &mut in_phrase);
    suspended_prefixes(toks, terms, morphemes, cache, &mut out, &mut covered);

    // One-word terms, for the chunker: what the lexicon named, else what
    // the loan-word recogniser takes for a term.
    let mut term_of: Vec<Option<Category>> = vec![None; toks.len()];
    for f in &out {
        if f.tokens.1 - f.tokens.0 == 1 && f.category != Category::Etymon {
            term_of[f.tokens.0] = Some(f.category);
        }
    }
    let mut neo = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if t.is_word() && t.script == Script::Cyrillic && !t.function_word() && !t.verbal() {
            if let Some(r) = cache.recognise(&t.root, morphemes) {
                neo[i] = true;
                term_of[i] = term_of[i].or(Some(r.category));
            }
        }
    }
    letter_prefixed(toks, &term_of, &mut out, &mut covered);
    super::phrases::chunk(toks, &term_of, &neo, &mut out, &mut in_phrase);

    for (i, t) in toks.iter().enumerate() {
        if covered[i]
            || !t.is_word()
            || t.script != Script::Cyrillic
            || t.function_word()
            || t.verbal()
        {
            continue;
        }
        if t.clean.contains('-') && !in_phrase[i] && terms.get(&[&*t.lemma]).is_none() {
            out.extend(hyphen_joined(t, i, morphemes, cache));
        } else if let Some(f) = single_word(toks, i, terms, morphemes, cache, in_phrase[i]) {
            out.push(f);
        }
    }
    // One report per term and span.
    out.sort_by(|x, y| x.tokens.cmp(&y.tokens).then_with(|| x.lemma.cmp(&y.lemma)));
    out.dedup_by(|x, y| x.tokens == y.tokens && x.lemma == y.lemma);
    out
}

fn etymon_found(
    text: String,
    language: &str,
    tokens: (usize, usize),
    gloss: Option<String>,
    headword: Option<String>,
) -> Found {
    Found {
        by: FoundBy::Rule,
        lemma: text,
        category: Category::Etymon,
        origin: language.to_string(),
        tokens,
        surface: None,
        decomposition: None,
        gloss,
        headword,
    }
}

/// A lexicon entry found at `tokens`.
fn entry_found(entry: &Entry, tokens: (usize, usize)) -> Found {
    Found {
        by: FoundBy::Rule,
        lemma: entry.term.clone(),
        category: entry.category,
        origin: if entry.decomposition.is_some() {
            "neoclassical"
        } else {
            "kk"
        }
        .to_string(),
        tokens,
        surface: None,
        decomposition: entry.decomposition.clone(),
        gloss: None,
        headword: None,
    }
}

/// Decomposes a word wholly, first as it is, then without a Kazakh
/// derivation.
pub(crate) fn decompose_word(word: &str, morphemes: &Morphemes) -> Option<Decomposition> {
    let lower = word.to_lowercase();
    decompose(&lower, morphemes).or_else(|| decompose(loan_stem(&lower), morphemes))
}

/// A word that can modify a head noun in a term: a Cyrillic content word
/// with no inflection, and not the accusative of a hormone or substance
/// read as an adjective («инсулинді ұйқы безі бөледі»).
fn modifier(t: &Tok<'_>, terms: &TermLexicon) -> bool {
    let accusative = t.ambiguous_accusative()
        && terms
            .get(&[&*t.root])
            .is_some_and(|e| e.category.is_thing());
    !accusative
        && t.is_word()
        && t.script == Script::Cyrillic
        && !t.function_word()
        && !t.verbal()
        && t.uninflected()
        && !STOP_MODIFIER.contains(&*t.clean)
}

/// The dictionary form of a phrase: its modifiers as written (lower case),
/// and the head with the 3rd-person possessive after a noun modifier
/// (ұйқы безі) but not after an adjective (қалқанша без).
fn phrase_form(mods: &[&Tok<'_>], head: &str, head_possessed: &str) -> String {
    let mut words: Vec<&str> = mods.iter().map(|t| &*t.clean).collect();
    let last = mods.last().expect("a phrase has a modifier");
    let noun_modifier = last.tags.contains(&"POSS3")
        || matches!(last.pos, Some(Pos::Noun))
        || (last.pos.is_none() && !last.tags.iter().any(|t| t.starts_with("DER.")));
    words.push(if noun_modifier { head_possessed } else { head });
    words.join(" ")
}

/// The lemmas by which a phrase is looked up in the term lexicon.
fn phrase_lemmas(mods: &[&Tok<'_>], head: &str) -> Vec<String> {
    mods.iter()
        .map(|t| t.lemma.to_string())
        .chain(std::iter::once(head.to_string()))
        .collect()
}

/// Up to `max` modifiers right before token `i`; the one next to the head may
/// carry the 3rd-person possessive (қалқанша маңы бездері).
fn modifiers_before(toks: &[Tok<'_>], terms: &TermLexicon, i: usize, max: usize) -> usize {
    let mut a = i;
    while a > 0 && i - a < max {
        let t = &toks[a - 1];
        let possessive_next_to_head =
            a == i && *t.tags == ["POSS3"] && t.script == Script::Cyrillic && !t.function_word();
        if modifier(t, terms) || possessive_next_to_head {
            a -= 1;
        } else {
            break;
        }
    }
    a
}

/// Noun phrases headed by без, and the items of an elliptic list before them
/// («қалқанша, қалқанша маңы, бүйрекүсті бездері»).
fn gland_phrases(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if &*head.root != GLAND || !head.is_word() {
            continue;
        }
        let a = modifiers_before(toks, terms, i, 3);
        if a == i {
            continue;
        }
        let mods: Vec<&Tok<'_>> = toks[a..i].iter().collect();
        out.push(phrase_found(
            &mods,
            GLAND,
            "безі",
            Category::Gland,
            (a, i + 1),
            None,
            terms,
        ));
        for flag in &mut in_phrase[a..i] {
            *flag = true;
        }
        // An elliptic list: items separated by commas (or and/or) before it
        // share the phrase's head, and with two or more modifiers the ones
        // after the first too: «орталық және шеткі эндокринді бездер» is
        // орталық эндокринді без and шеткі эндокринді без.
        let shared: Vec<&Tok<'_>> = if mods.len() >= 2 {
            mods[1..].to_vec()
        } else {
            Vec::new()
        };
        let mut end = a;
        while end >= 2 && is_list_separator(&toks[end - 1]) {
            let item_end = end - 1;
            let item_start = modifiers_before(toks, terms, item_end, 3);
            if item_start == item_end {
                break;
            }
            let mods: Vec<&Tok<'_>> = toks[item_start..item_end]
                .iter()
                .chain(shared.iter().copied())
                .collect();
            let surface = toks[item_start..item_end]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(phrase_found(
                &mods,
                GLAND,
                "безі",
                Category::Gland,
                (item_start, item_end),
                Some(surface),
                terms,
            ));
            for flag in &mut in_phrase[item_start..item_end] {
                *flag = true;
            }
            end = item_start;
        }
    }
}

fn is_list_separator(t: &Tok<'_>) -> bool {
    (t.kind == TokenKind::Punct && t.text == ",") || matches!(&*t.clean, "және" | "мен" | "немесе")
}

#[allow(clippy::too_many_arguments)]
fn phrase_found(
    mods: &[&Tok<'_>],
    head: &str,
    head_possessed: &str,
    category: Category,
    tokens: (usize, usize),
    surface: Option<String>,
    terms: &TermLexicon,
) -> Found {
    let lemmas = phrase_lemmas(mods, head);
    match terms.get(&lemmas) {
        Some(entry) => Found {
            surface,
            ..entry_found(entry, tokens)
        },
        None => Found {
            by: FoundBy::Rule,
            lemma: phrase_form(mods, head, head_possessed),
            category,
            origin: "kk".to_string(),
            tokens,
            surface,
            decomposition: None,
            gloss: None,
            headword: None,
        },
    }
}

/// `X гормоны`: a hormone named by what it does (өсу гормоны), also with X
/// in brackets after a hormone's name (соматотропин (өсу) гормоны).
fn hormone_phrases(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if &*head.root != HORMONE
            || !head.tags.contains(&"POSS3")
            || head.tags.contains(&"PL")
            || i == 0
        {
            continue;
        }
        let x = if i >= 3 && toks[i - 1].text == ")" && toks[i - 3].text == "(" {
            i - 2
        } else {
            i - 1
        };
        let t = &toks[x];
        if !modifier(t, terms) || t.pos == Some(Pos::Adj) {
            continue;
        }
        // A hormone's own name before гормоны (тироксин гормоны) is the
        // hormone itself, not a new term.
        let known = terms.get(&[&*t.lemma]);
        if known.is_some_and(|e| e.category == Category::Hormone)
            || cache
                .recognise(&t.root, morphemes)
                .is_some_and(|r| r.category == Category::Hormone)
        {
            continue;
        }
        let lemmas = [&*t.lemma, HORMONE];
        let (lemma, category) = match terms.get(&lemmas) {
            Some(e) => (e.term.clone(), e.category),
            None => (format!("{} гормоны", t.clean), Category::Hormone),
        };
        in_phrase[x] = true;
        out.push(Found {
            by: FoundBy::Rule,
            lemma,
            category,
            origin: "kk".to_string(),
            tokens: (x, i + 1),
            surface: (x != i - 1).then(|| format!("{} {}", t.text, head.text)),
            decomposition: None,
            gloss: None,
            headword: None,
        });
    }
}

/// `X ауруы`: the disease X (алыптық ауруы, эндемиялық зоб ауруы).
fn disease_phrases(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if &*head.root != DISEASE || !head.tags.contains(&"POSS3") || i == 0 {
            continue;
        }
        let mut a = i;
        while a > 0 && i - a < 2 && modifier(&toks[a - 1], terms) {
            a -= 1;
        }
        if a == i {
            continue;
        }
        let mods: Vec<&Tok<'_>> = toks[a..i].iter().collect();
        let lemmas: Vec<String> = mods.iter().map(|t| t.lemma.to_string()).collect();
        // The whole phrase is the term when the lexicon lists it (Аддисон
        // ауруы, базедов ауруы) or X is a name: an eponymous disease.
        let mut with_head = lemmas.clone();
        with_head.push(DISEASE.to_string());
        let eponym = mods
            .iter()
            .any(|t| t.text.chars().next().is_some_and(char::is_uppercase) && t.pos.is_none())
            && a > 0;
        if terms.get(&with_head).is_some() || eponym {
            continue;
        }
        let found = match terms.get(&lemmas) {
            Some(entry) => entry_found(entry, (a, i)),
            None => Found {
                by: FoundBy::Rule,
                lemma: mods.iter().map(|t| &*t.clean).collect::<Vec<_>>().join(" "),
                category: Category::Disease,
                origin: "kk".to_string(),
                tokens: (a, i),
                surface: None,
                decomposition: None,
                gloss: None,
                headword: None,
            },
        };
        for flag in &mut in_phrase[a..i] {
            *flag = true;
        }
        out.push(found);
    }
}

/// A capital letter joined to a term by a hyphen, however the text spaces
/// or dashes it: «Т -лимфоциттер», «В – лимфоциттерге», «T-лимфоцит» are
/// Т-лимфоцит and В-лимфоцит. A Latin letter is written as its Cyrillic
/// look-alike, as Kazakh texts write these names. Letters that follow each
/// other in the alphabet in one sentence («А – эозинофил, Б - нейтрофил»)
/// label the items of a list instead.
fn letter_prefixed(
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
    let letters: Vec<char> = found.iter().map(|&(_, c, _)| c).collect();
    let enumerated = |c: char| {
        letters.iter().any(|&d| {
            let (a, b) = (c as u32, d as u32);
            a.abs_diff(b) == 1
        })
    };
    for (i, letter, category) in found {
        if enumerated(letter) {
            continue;
        }
        out.push(Found {
            by: FoundBy::Rule,
            lemma: format!("{letter}-{}", toks[i + 2].lemma),
            category,
            origin: "neoclassical".to_string(),
            tokens: (i, i + 3),
            surface: None,
            decomposition: None,
            gloss: None,
            headword: None,
        });
        for flag in &mut covered[i..i + 3] {
            *flag = true;
        }
    }
}

/// «гипер және гипофункциясы»: a prefix standing for the compound it shares
/// with the next word.
fn suspended_prefixes(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
    out: &mut Vec<Found>,
    covered: &mut [bool],
) {
    for i in 0..toks.len().saturating_sub(2) {
        let t = &toks[i];
        if !t.is_word() || !morphemes_has_prefix(morphemes, &t.clean) {
            continue;
        }
        let next = if matches!(&*toks[i + 1].clean, "және" | "мен" | "немесе" | "," | "-")
        {
            i + 2
        } else {
            continue;
        };
        let Some(d) = toks
            .get(next)
            .and_then(|n| cache.decompose(&n.root, morphemes))
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
                    lemma: compound.clone(),
                    category: r.category,
                    origin: "neoclassical".to_string(),
                    tokens: (i, i + 1),
                    surface: None,
                    decomposition: Some(r.decomposition.describe()),
                    gloss: None,
                    headword: None,
                },
                None => continue,
            },
        };
        covered[i] = true;
        out.push(found);
    }
}

fn morphemes_has_prefix(morphemes: &Morphemes, form: &str) -> bool {
    form.chars().count() >= 3 && morphemes.is_prefix(form)
}

/// One word that no phrase covers: a known term misspelt, or a Greek- or
/// Latin-rooted word.
fn single_word(
    toks: &[Tok<'_>],
    i: usize,
    terms: &TermLexicon,
    morphemes: &Morphemes,
    cache: &mut Cache,
    in_phrase: bool,
) -> Option<Found> {
    let t = &toks[i];
    if t.pos.is_none() && t.root.chars().count() >= 5 {
        if let Some(entry) = cache.nearest(&t.root, terms) {
            return Some(Found {
                by: FoundBy::Misspelt,
                ..entry_found(entry, (i, i + 1))
            });
        }
    }
    let r = cache.recognise(&t.root, morphemes)?;
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
        if let Some(entry) = terms.get(&[&*t.root]) {
            return Some(entry_found(entry, (i, i + 1)));
        }
        return Some(Found {
            by: FoundBy::Rule,
            lemma: t.root.to_string(),
            category: r.category,
            origin: "neoclassical".to_string(),
            tokens: (i, i + 1),
            surface: None,
            decomposition: Some(r.decomposition.describe()),
            gloss: None,
            headword: None,
        });
    }
    let derived = loan_stem(&t.root) != &*t.root || t.lemma != t.root;
    if derived && in_phrase {
        // A derived adjective inside a named phrase (эндемиялық зоб) is
        // part of that term, not one of its own.
        return None;
    }
    Some(Found {
        by: FoundBy::Rule,
        lemma: t.lemma.to_string(),
        category: if derived { Category::Other } else { r.category },
        origin: "neoclassical".to_string(),
        tokens: (i, i + 1),
        surface: None,
        decomposition: Some(r.decomposition.describe()),
        gloss: None,
        headword: None,
    })
}

/// The Greek- or Latin-rooted parts of two words joined by a hyphen that
/// is not one term (симптоматология-қалтырау, a list glued by a stray
/// hyphen): each part on its own, as the whole token.
fn hyphen_joined(t: &Tok<'_>, i: usize, morphemes: &Morphemes, cache: &mut Cache) -> Vec<Found> {
    t.clean
        .split('-')
        .filter(|part| part.chars().count() >= 5)
        .filter_map(|part| {
            let r = cache.recognise(part, morphemes)?;
            (loan_stem(part) == part).then(|| Found {
                by: FoundBy::Rule,
                lemma: part.to_string(),
                category: r.category,
                origin: "neoclassical".to_string(),
                tokens: (i, i + 1),
                surface: None,
                decomposition: Some(r.decomposition.describe()),
                gloss: None,
                headword: None,
            })
        })
        .collect()
}

/// A one-word lexicon term one edit away (элифиз → эпифиз,
/// гиперфунция → гиперфункция). Short words and a different first letter
/// are left alone: Kazakh has many real words one letter from a short term
/// (күрек "shovel" and жүрек, сүйел "wart" and сүйек), and slips of the
/// first letter are rare.
fn nearest_term(word: &str, terms: &TermLexicon) -> Option<usize> {
    let n = word.chars().count();
    let first = word.chars().next();
    terms.entries().iter().position(|e| {
        e.lemmas.len() == 1 && {
            let m = e.term.chars().count();
            m >= 6
                && m.abs_diff(n) <= 1
                && e.term.chars().next() == first
                && strsim::levenshtein(word, &e.term) == 1
        }
    })
}
