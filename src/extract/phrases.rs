//! Noun-phrase terms by grammar: how phrases are chunked.
//!
//! A Kazakh term phrase is a head noun with modifiers before it (Kazakh
//! grammars: the attributive and the possessive-izafet constructions):
//! - relational adjectives, derived with -лық/-лік/-дық/-дік/-тық/-тік or
//!   -лы/-лі/-ды/-ді/-ты/-ті (инфекциялық ауру, иммундық жүйе, іріңді ангина),
//!   and positional ones in -ғы/-гі/-қы/-кі (ішкі секреция бөлігі, артқы бөлік);
//! - nouns in the nominative before a head in the 3rd-person possessive
//!   (қан плазмасы, лимфа түйіндері, йод тапшылығы).
//!
//! The head is a term itself (пневмония, лимфоцит) or one of the general
//! heads of anatomy, pathology and clinical work in `data/extract/heads.tsv`
//! (ауру, жасуша, жүйе, зерттеу …). Nothing else enters a phrase: not a
//! conjunction, pronoun, determiner, number or adverb, not a verb form or
//! participle, not an inflected word (a genitive or locative stands outside
//! the term), not an evaluative word of `stop_modifiers.tsv`, and not a word
//! in capitals or an abbreviation.
//!
//! The phrase's dictionary form keeps the modifiers as written and puts the
//! head in the nominative, singular, with the 3rd-person possessive after a
//! noun modifier (қан плазмасы) and without it after an adjective
//! (иммундық жүйе).

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use super::{looks_like_name, Category, Found, Tok};
use crate::morph::lexicon::Pos;
use crate::morph::phonology::{harmony_of, is_vowel, Harmony};
use crate::script::Script;
use crate::table::records;

const HEADS: &str = include_str!("../../data/extract/heads.tsv");
const STOP_MODIFIERS: &str = include_str!("../../data/extract/stop_modifiers.tsv");
const QUALIFIERS: &str = include_str!("../../data/extract/qualifiers.tsv");

static QUALIFIER: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    records("data/extract/qualifiers.tsv", QUALIFIERS, 2)
        .expect("embedded qualifiers")
        .into_iter()
        .map(|r| r.fields[0])
        .collect()
});

static HEAD: LazyLock<HashMap<&'static str, Category>> = LazyLock::new(|| {
    records("data/extract/heads.tsv", HEADS, 2)
        .expect("embedded heads")
        .into_iter()
        .map(|r| {
            (
                r.fields[0],
                Category::parse(r.fields[1]).expect("a category"),
            )
        })
        .collect()
});

static STOP_MODIFIER: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    records("data/extract/stop_modifiers.tsv", STOP_MODIFIERS, 2)
        .expect("embedded stop modifiers")
        .into_iter()
        .map(|r| r.fields[0])
        .collect()
});

/// True for an evaluative or determiner word that never opens a term.
pub fn is_stop_modifier(word: &str) -> bool {
    STOP_MODIFIER.contains(word)
}

/// Every general head noun (they are known stems to the lemmatizer too).
pub fn head_nouns() -> impl Iterator<Item = &'static str> {
    HEAD.keys().copied()
}

/// The category of a general head noun, if the word is one.
pub fn head_category(lemma: &str) -> Option<Category> {
    HEAD.get(lemma).copied()
}

/// The 3rd-person possessive of a noun: плазма → плазмасы, тапшылық →
/// тапшылығы, түйін → түйіні (final қ к п voice before the vowel).
///
/// ```
/// use kazterm::extract::phrases::possessive3;
/// assert_eq!(possessive3("плазма"), "плазмасы");
/// assert_eq!(possessive3("тапшылық"), "тапшылығы");
/// assert_eq!(possessive3("жүрек"), "жүрегі");
/// assert_eq!(possessive3("түйін"), "түйіні");
/// ```
pub fn possessive3(noun: &str) -> String {
    let front = harmony_of(noun) == Harmony::Front;
    let last = noun.chars().last().unwrap_or('а');
    // у and и end a stem like consonants here: ауру-ы, ми-ы.
    if is_vowel(last) && !matches!(last, 'у' | 'и') {
        return format!("{noun}{}", if front { "сі" } else { "сы" });
    }
    let mut stem: String = noun.to_string();
    let voiced = match last {
        'қ' => Some('ғ'),
        'к' => Some('г'),
        'п' => Some('б'),
        _ => None,
    };
    // Monosyllables keep their consonant in loans and short words (ток-ы);
    // Kazakh voices it in stems of two syllables or more.
    let syllables = noun.chars().filter(|&c| is_vowel(c)).count();
    if let (Some(v), true) = (voiced, syllables >= 2) {
        stem.pop();
        stem.push(v);
    }
    stem.push(if front { 'і' } else { 'ы' });
    stem
}

/// Heads that name the class of the term before them (гормон, ауру,
/// жасуша): «тироксин гормоны» is an apposition, not a new term.
fn is_class_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "гормон" | "ауру" | "дерт" | "жасуша" | "препарат" | "дәрі" | "зат"
    )
}

/// How a modifier stands to its head.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Modifier {
    /// A relational adjective (derived -лық, -ды …) or an adjective.
    Adjective,
    /// A noun in the nominative (needs a possessive head).
    Noun,
    /// A name before a disease head in the possessive (Аддисон ауруы).
    Eponym,
    /// A clinical qualifier of `qualifiers.tsv` (құрғақ, жедел, қатерлі): only
    /// right before a head that is itself a term (құрғақ жөтел, қатерлі ісік).
    Quality,
}

fn modifier_kind(toks: &[Tok<'_>], k: usize, term: Option<Category>) -> Option<Modifier> {
    let t = &toks[k];
    if !t.is_word()
        || t.script != Script::Cyrillic
        || t.function_word()
        || t.verbal()
        || t.maybe_verbal
    {
        return None;
    }
    // «Инсулинді ұйқы безі бөледі»: the accusative of a hormone, not an
    // adjective of the gland.
    if t.ambiguous_accusative() && term.is_some_and(Category::is_thing) {
        return None;
    }
    if is_stop_modifier(t.clean) || t.text.ends_with('.') || looks_like_name(toks, k) {
        return None;
    }
    // A derived adjective of a known stem or of a term's stem: not a
    // misspelt postposition (сиақты) read as one.
    let derived_adjective = t.tags.len() == 1
        && t.lemma.chars().count() >= 4
        && (t.tags[0] == "DER.LYQ" || t.tags[0] == "DER.LY" && (t.pos.is_some() || term.is_some()));
    // Positional adjectives in -ғы/-гі/-қы/-кі (ішкі, сыртқы, алдыңғы,
    // артқы, төменгі) name parts in anatomy: ішкі секреция бөлігі.
    let positional = (*t.tags == ["DER.GY"] || t.tags.is_empty() && t.pos == Some(Pos::Adj))
        && ["ғы", "гі", "қы", "кі"]
            .iter()
            .any(|e| t.lemma.ends_with(e));
    if positional {
        return Some(Modifier::Adjective);
    }
    // A loan's relational adjective the analyser left whole
    // (стафилококктық): its stem is a term.
    let unanalysed_adjective = t.tags.is_empty()
        && t.pos.is_none()
        && term.is_some()
        && super::loanword::loan_stem(t.lemma) != t.lemma;
    if derived_adjective || unanalysed_adjective {
        return Some(Modifier::Adjective);
    }
    if !t.tags.is_empty() {
        return None; // Inflected: a genitive, locative or plural stands outside.
    }
    if QUALIFIER.contains(t.clean) {
        return Some(Modifier::Quality);
    }
    match t.pos {
        Some(Pos::Noun) | None => Some(Modifier::Noun),
        _ => None,
    }
}

/// The noun-phrase terms of a sentence. `term_of[i]` is the category of
/// token `i` when it is a one-word term by another recogniser, `neo[i]`
/// whether it is Greek- or Latin-rooted. Marks the modifiers it uses in
/// `in_phrase`. A head that is a term stays one (пневмония in хламидиялық
/// пневмония), as terminologists list it.
/// Whether a token can head a noun phrase: a Cyrillic noun, not a verb
/// form, a function word or a derived adjective.
fn can_head(head: &Tok<'_>) -> bool {
    head.is_word()
        && head.script == Script::Cyrillic
        && reading_can_head(head.pos, head.verbal_suffix, head.tags)
}

/// The part of [`can_head`] that a word's reading decides: its part of
/// speech, whether it has a verb suffix, and its tags (the extractor asks
/// it once per cached reading).
pub(crate) fn reading_can_head(pos: Option<Pos>, verbal_suffix: bool, tags: &[&str]) -> bool {
    !super::is_verbal(pos, verbal_suffix)
        && !super::is_function(pos)
        && !tags.iter().any(|t| t.starts_with("DER."))
}

/// Whether a word, under its chosen reading, may be the modifier right
/// before a phrase's head (see [`modifiers_of`]) where it is no term of its
/// own: what [`modifier_kind`] takes of a word that is no term (a derived
/// or positional adjective, a noun that heads phrases itself: жүйке
/// жүйесі), or a name (an eponym: Аддисон ауруы); more, never less. The
/// sentence filter asks it of the word before a head, to leave the
/// sentences whose heads have none to the rules' no (a sentence with a
/// term in it goes to the rules anyway). The word is Cyrillic; `verbal`
/// says that its reading has a verb suffix or a participle near it.
pub(crate) fn may_modify(
    text: &str,
    lemma: &str,
    pos: Option<Pos>,
    tags: &[&str],
    verbal: bool,
) -> bool {
    // An eponym is read before the modifier's own tests.
    if text.chars().next().is_some_and(crate::script::is_upper) {
        return true;
    }
    if super::is_function(pos) || super::is_verbal(pos, verbal) {
        return false;
    }
    match tags {
        ["DER.LYQ" | "DER.LY" | "DER.GY"] => true,
        [] => pos == Some(Pos::Adj) || head_category(lemma).is_some(),
        _ => false,
    }
}

/// The modifiers before head `i`, right to left: a noun only right before a
/// possessed head (an izafet), adjectives before that, at most three.
/// Returns the first modifier's index and the modifiers' kinds (nearest
/// the head first).
fn modifiers_of(
    toks: &[Tok<'_>],
    i: usize,
    term_of: &[Option<Category>],
) -> (usize, Vec<Modifier>) {
    let head = &toks[i];
    let possessed = head.tags.contains(&"POSS3");
    let mut a = i;
    let mut kinds: Vec<Modifier> = Vec::new();
    while a > 0 && i - a < 3 {
        // A name before a disease head in the possessive is an eponym
        // (Иценко-Кушинг синдромы, Аддисон ауруы): the izafet noun.
        let eponym = kinds.is_empty()
            && possessed
            && looks_like_name(toks, a - 1)
            && toks[a - 1].script == Script::Cyrillic
            && head_category(head.lemma) == Some(Category::Disease);
        if eponym {
            kinds.push(Modifier::Eponym);
            a -= 1;
            break;
        }
        let Some(kind) = modifier_kind(toks, a - 1, term_of[a - 1]) else {
            break;
        };
        // A term before its class noun is the term itself: тироксин
        // гормоны is тироксин, лимфоцит жасушалары are лимфоциттер.
        if kind == Modifier::Noun && term_of[a - 1].is_some() && is_class_noun(head.lemma) {
            break;
        }
        // One noun, right before a possessed head (an izafet): in «сол
        // жақ кеуде қуысы» the term is кеуде қуысы.
        let noun_allowed = possessed && kinds.is_empty();
        if kind == Modifier::Noun && !noun_allowed {
            break;
        }
        if kind == Modifier::Quality && !(kinds.is_empty() && term_of[i].is_some()) {
            break;
        }
        kinds.push(kind);
        a -= 1;
    }
    (a, kinds)
}

/// The dictionary form of the phrase `toks[a..=i]`: modifiers as written,
/// the head in the nominative singular, with the 3rd-person possessive after
/// a noun modifier.
fn phrase_words(toks: &[Tok<'_>], a: usize, i: usize, kinds: &[Modifier]) -> Vec<String> {
    let head = &toks[i];
    // Names keep their capitals (Иценко-Кушинг синдромы).
    let mut words: Vec<String> = toks[a..i]
        .iter()
        .enumerate()
        .map(|(k, t)| {
            if looks_like_name(toks, a + k) {
                t.text.to_string()
            } else {
                t.clean.to_string()
            }
        })
        .collect();
    words.push(
        if matches!(kinds.first(), Some(Modifier::Noun | Modifier::Eponym)) {
            possessive3(head.lemma)
        } else {
            head.lemma.to_string()
        },
    );
    words
}

pub(crate) fn chunk(
    toks: &[Tok<'_>],
    term_of: &[Option<Category>],
    neo: &[bool],
    out: &mut Vec<Found>,
    in_phrase: &mut [bool],
) {
    for (i, head) in toks.iter().enumerate() {
        if i == 0 || !can_head(head) || in_phrase[i - 1] {
            continue;
        }
        let Some(category) = term_of[i].or_else(|| head_category(head.lemma)) else {
            continue;
        };
        let (a, kinds) = modifiers_of(toks, i, term_of);
        if a == i {
            continue;
        }
        // A noun modifier is a term or a medical head itself: «йод
        // тапшылығы», «жүйке жүйесі», not «үкімет мүшесі», «жер беті».
        let noun_ok = (a..i).all(|k| {
            kinds[i - 1 - k] != Modifier::Noun
                || term_of[k].is_some()
                || head_category(toks[k].lemma).is_some()
        });
        if !noun_ok {
            continue;
        }
        let words = phrase_words(toks, a, i, &kinds);
        for flag in &mut in_phrase[a..i] {
            *flag = true;
        }
        let origin = if neo[a..=i].iter().any(|&n| n) {
            "neoclassical"
        } else {
            "kk"
        };
        out.push(Found::named(words.join(" "), category, origin, (a, i + 1)));
    }
}

/// Every noun phrase of the same grammar, whether or not anything in it is
/// a term, and every shorter phrase nested in it (the modifiers nearest the
/// head, with the head): the candidates that C-value ranks, as dictionary
/// forms, with their token spans.
pub(crate) fn candidate_phrases(toks: &[Tok<'_>]) -> Vec<((usize, usize), Vec<String>)> {
    let none = vec![None; toks.len()];
    let mut out = Vec::new();
    for (i, head) in toks.iter().enumerate() {
        if i == 0 || !can_head(head) || head.clean.chars().count() < 3 {
            continue;
        }
        let (a, kinds) = modifiers_of(toks, i, &none);
        for start in a..i {
            let nearest = &kinds[..i - start];
            out.push(((start, i + 1), phrase_words(toks, start, i, nearest)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_follow_harmony_and_voicing() {
        assert_eq!(possessive3("жүйе"), "жүйесі");
        assert_eq!(possessive3("капсула"), "капсуласы");
        assert_eq!(possessive3("жетіспеушілік"), "жетіспеушілігі");
        assert_eq!(possessive3("ауру"), "ауруы");
    }

    #[test]
    fn heads_cover_the_organ_systems() {
        for h in ["ауру", "жасуша", "жүйе", "зерттеу", "тамыр", "түйін"]
        {
            assert!(head_category(h).is_some(), "{h}");
        }
    }
}
