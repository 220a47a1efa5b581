//! Named phrases with the heads the endocrine texts build on: noun phrases
//! headed by без with the items of an elliptic list before them («қалқанша,
//! қалқанша маңы, бүйрекүсті бездері»), `X гормоны` and `X ауруы`.

use super::lexicon::TermLexicon;
use super::loanword::KAZAKH_DERIVATIONS;
use super::phrases::is_stop_modifier;
use super::rules::entry_found;
use super::{Category, Found, Tok};
use crate::morph::lexicon::Pos;
use crate::script::Script;
use crate::tokenize::TokenKind;

/// The head nouns of the phrase rules.
const GLAND: &str = "без";
const HORMONE: &str = "гормон";
const DISEASE: &str = "ауру";

/// The roots that head the named phrases.
pub(super) const HEADS: [&str; 3] = [GLAND, HORMONE, DISEASE];

/// A word that can modify a head noun in a term: a Cyrillic content word
/// with no inflection, and not the accusative of a hormone or substance
/// read as an adjective («инсулинді ұйқы безі бөледі»).
fn modifier(t: &Tok<'_>, terms: &TermLexicon) -> bool {
    let accusative =
        t.ambiguous_accusative() && terms.get(&[t.root]).is_some_and(|e| e.category.is_thing());
    !accusative
        && t.is_word()
        && t.script == Script::Cyrillic
        && !t.function_word()
        && !t.verbal()
        && !t.maybe_verbal
        && t.uninflected()
        && !t.text.contains('.')
        && !is_stop_modifier(t.clean)
}

/// A plain noun in the nominative (not a relational adjective in -лық,
/// -ды, -лы, which the lexicon may list as nouns too: орталық; not a derived
/// word such as шеткі; not a possessive, which heads an izafet of its own).
fn plain_noun(t: &Tok<'_>) -> bool {
    t.pos == Some(Pos::Noun)
        && t.tags.is_empty()
        && !KAZAKH_DERIVATIONS.iter().any(|e| t.clean.ends_with(e))
}

/// The dictionary form of a phrase: its modifiers as written (lower case),
/// and the head with the 3rd-person possessive after a noun modifier
/// (ұйқы безі) but not after an adjective (қалқанша без).
fn phrase_form(mods: &[&Tok<'_>], head: &str, head_possessed: &str) -> String {
    let mut words: Vec<&str> = mods.iter().map(|t| t.clean).collect();
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
///
/// A plain noun modifies a head only through the izafet: right before a head
/// in the 3rd-person possessive (жыныс бездері, ұйқы безі) or before another
/// noun that is (бүйрек үсті безі); «дәрігер қалқанша безді» is a subject and
/// an object, not a term. The head noun itself never modifies (a list item
/// «ұйқы безі» is a phrase of its own).
fn modifiers_before(toks: &[Tok<'_>], terms: &TermLexicon, i: usize, max: usize) -> usize {
    let head_possessed = toks.get(i).is_some_and(|h| h.tags.contains(&"POSS3"));
    let mut a = i;
    while a > 0 && i - a < max {
        let t = &toks[a - 1];
        if t.root == GLAND || is_stop_modifier(t.clean) {
            break;
        }
        let possessive_next_to_head =
            a == i && *t.tags == ["POSS3"] && t.script == Script::Cyrillic && !t.function_word();
        if !(modifier(t, terms) || possessive_next_to_head) {
            break;
        }
        if plain_noun(t) {
            let izafet = if a == i {
                head_possessed
            } else {
                toks[a].tags.contains(&"POSS3")
            };
            if !izafet {
                break;
            }
        }
        a -= 1;
    }
    a
}

/// Noun phrases headed by без, and the items of an elliptic list before them
/// («қалқанша, қалқанша маңы, бүйрекүсті бездері»).
pub(super) fn gland_phrases(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if head.root != GLAND || !head.is_word() {
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
    (t.kind == TokenKind::Punct && t.text == ",") || matches!(t.clean, "және" | "мен" | "немесе")
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
            surface,
            ..Found::named(
                phrase_form(mods, head, head_possessed),
                category,
                "kk",
                tokens,
            )
        },
    }
}

/// `X гормоны`: a hormone named by what it does (өсу гормоны), also with X
/// in brackets after a hormone's name (соматотропин (өсу) гормоны).
pub(super) fn hormone_phrases(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if head.root != HORMONE
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
        let known = terms.get(&[t.lemma]);
        if known.is_some_and(|e| e.category == Category::Hormone)
            || t.rooted
                .as_ref()
                .is_some_and(|r| r.category == Category::Hormone)
        {
            continue;
        }
        let lemmas = [t.lemma, HORMONE];
        let (lemma, category) = match terms.get(&lemmas) {
            Some(e) => (e.term.clone(), e.category),
            None => (format!("{} гормоны", t.clean), Category::Hormone),
        };
        in_phrase[x] = true;
        out.push(Found {
            surface: (x != i - 1).then(|| format!("{} {}", t.text, head.text)),
            ..Found::named(lemma, category, "kk", (x, i + 1))
        });
    }
}

/// `X ауруы`: the disease X (алыптық ауруы, эндемиялық зоб ауруы).
pub(super) fn disease_phrases(
    toks: &[Tok<'_>],
    terms: &TermLexicon,
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if head.root != DISEASE || !head.tags.contains(&"POSS3") || i == 0 {
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
        // An organ's disease (жүрек ауруы) or one named by a Greek- or
        // Latin-rooted adjective (жүрек ишемиялық ауруы): the whole phrase
        // is the term, not X alone as in алыптық ауруы.
        let organ = mods.iter().any(|t| {
            terms
                .get(&[t.lemma])
                .is_some_and(|e| e.category == Category::Anatomy)
        });
        let rooted = mods.iter().any(|t| t.lemma != t.root && t.rooted.is_some());
        if organ || rooted {
            let mut words: Vec<&str> = mods.iter().map(|t| t.clean).collect();
            words.push("ауруы");
            for flag in &mut in_phrase[a..i] {
                *flag = true;
            }
            let origin = if rooted { "neoclassical" } else { "kk" };
            out.push(Found::named(
                words.join(" "),
                Category::Disease,
                origin,
                (a, i + 1),
            ));
            continue;
        }
        let found = match terms.get(&lemmas) {
            Some(entry) => entry_found(entry, (a, i)),
            None => {
                let lemma = mods.iter().map(|t| t.clean).collect::<Vec<_>>().join(" ");
                Found::named(lemma, Category::Disease, "kk", (a, i))
            }
        };
        for flag in &mut in_phrase[a..i] {
            *flag = true;
        }
        out.push(found);
    }
}
