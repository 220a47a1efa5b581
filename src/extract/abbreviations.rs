//! Abbreviations defined in the text: a long form followed by its short
//! form in brackets, «созылмалы бүйрек жеткіліксіздігі (СБЖ)».
//!
//! The pairing is the algorithm of Schwartz and Hearst ("A simple algorithm
//! for identifying abbreviation definitions in biomedical text", PSB 2003):
//! the short form's letters are matched right to left inside the words
//! before the bracket, its first letter at the start of a word, and the long
//! form is the shortest run of words that holds them all. Adapted to
//! Kazakh: the words may be inflected (the match is on letters, not on
//! whole words), and a later use of the short form with a case ending after
//! a hyphen (СБЖ-ның, АП-ға) counts too.
//!
//! Definitions hold for the rest of the block they are made in (a file of
//! up to a megabyte is one block), so that results never depend on how
//! blocks are shared among threads.

use rustc_hash::FxHashMap as HashMap;

use super::{Category, Found, Tok};
use crate::script::Script;
use crate::tokenize::TokenKind;

/// A short form: two to eight letters or digits, starting with a capital
/// and with another capital or a digit after it (СБЖ, ЖРВИ, ТТГ, T4, АКТГ).
pub fn is_short_form(word: &str) -> bool {
    let n = word.chars().count();
    (2..=8).contains(&n)
        && word.chars().all(|c| c.is_alphanumeric())
        && word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether token `i` of a sentence of `len` tokens, whose texts `text`
/// gives, opens a bracket that may define a short form: «(СБЖ)», one short
/// form between brackets, after a word or more. What [`link`] reads, and
/// what the sentence filter asks before a sentence goes to the rules.
pub(crate) fn may_define<'t>(text: impl Fn(usize) -> &'t str, len: usize, i: usize) -> bool {
    i >= 1 && i + 2 < len && text(i) == "(" && text(i + 2) == ")" && is_short_form(text(i + 1))
}

/// How many of `words` (the last ones) make the long form of `short`, by
/// Schwartz and Hearst's right-to-left letter match; None when the letters
/// are not there or the long form would be too long (more than
/// min(|short| + 5, 2·|short|) words).
///
/// ```
/// use kazterm::extract::abbreviations::long_form;
/// let words = ["созылмалы", "бүйрек", "жеткіліксіздігі"];
/// assert_eq!(long_form("СБЖ", &words), Some(3));
/// assert_eq!(long_form("ХЖ", &words), None);
/// ```
pub fn long_form(short: &str, words: &[&str]) -> Option<usize> {
    let short: Vec<char> = short.to_lowercase().chars().collect();
    let max_words = (short.len() + 5).min(2 * short.len());
    let take = words.len().min(max_words);
    let window = &words[words.len() - take..];
    // The window as letters, with the index of the word each letter is in
    // and whether it starts its word.
    let mut letters: Vec<(char, usize, bool)> = Vec::new();
    for (w, word) in window.iter().enumerate() {
        for (k, c) in word.to_lowercase().chars().enumerate() {
            letters.push((c, w, k == 0));
        }
    }
    let mut l = letters.len();
    for (s, &c) in short.iter().enumerate().rev() {
        if !c.is_alphanumeric() {
            continue;
        }
        loop {
            if l == 0 {
                return None;
            }
            l -= 1;
            let (lc, _, starts) = letters[l];
            if lc == c && (s > 0 || starts) {
                break;
            }
        }
    }
    let first_word = letters[l].1;
    Some(take - first_word)
}

/// Finds the definitions in a sentence and the uses of short forms defined
/// before: adds a term for each short form (under its long form's lemma)
/// and remembers new definitions in `known`.
pub(crate) fn link(
    toks: &[Tok<'_>],
    found: &mut Vec<Found>,
    known: &mut HashMap<String, (String, Category)>,
) {
    let mut added = Vec::new();
    let mut definitions = Vec::new();
    for i in 1..toks.len().saturating_sub(2) {
        if !may_define(|k| toks[k].text, toks.len(), i) {
            continue;
        }
        let short = toks[i + 1].text;
        // The words before the bracket, back to punctuation.
        let mut a = i;
        while a > 0 && toks[a - 1].is_word() && i - a < 16 {
            a -= 1;
        }
        let words: Vec<&str> = toks[a..i].iter().map(|t| t.text).collect();
        let Some(n) = long_form(short, &words) else {
            continue;
        };
        let start = i - n;
        // The long form's term: one a rule found ending right there, the
        // longest; else the words themselves.
        // The long form's term: the longest one a rule found ending there,
        // with the words before it that the short form also spells
        // (жедел + респираторлық вирустық инфекция); else the words
        // themselves, their category the head's.
        let words_before = |from: usize, to: usize| {
            toks[from..to]
                .iter()
                .map(|t| t.clean.to_string())
                .collect::<Vec<_>>()
        };
        let (lemma, category) = found
            .iter()
            .filter(|f| f.tokens.1 == i && f.tokens.0 >= start && f.category != Category::Etymon)
            .min_by_key(|f| f.tokens.0)
            .map(|f| {
                let mut words = words_before(start, f.tokens.0);
                words.push(f.lemma.clone());
                (words.join(" "), f.category)
            })
            .unwrap_or_else(|| {
                let category =
                    super::phrases::head_category(toks[i - 1].lemma).unwrap_or(Category::Other);
                (words_before(start, i).join(" "), category)
            });
        if !found
            .iter()
            .any(|f| f.tokens == (start, i) && f.lemma == lemma)
        {
            added.push(term(&lemma, category, (start, i)));
        }
        known.insert(short.to_string(), (lemma, category));
        definitions.push(i + 1);
    }
    found.extend(added);
    if known.is_empty() {
        return;
    }
    // Uses: the short form alone or with a case ending after a hyphen.
    for (i, t) in toks.iter().enumerate() {
        // The short form in its defining bracket is the same mention as
        // the long form before it.
        if definitions.contains(&i) {
            continue;
        }
        if t.kind != TokenKind::Word || !matches!(t.script, Script::Cyrillic | Script::Latin) {
            continue;
        }
        if let Some((lemma, category)) = use_of(t.text, known) {
            if !found
                .iter()
                .any(|f| f.tokens == (i, i + 1) && &f.lemma == lemma)
            {
                found.push(term(lemma, *category, (i, i + 1)));
            }
        }
    }
}

/// The known short form a word uses, with its long form's lemma and
/// category: the word as written, or its part before a hyphen (ҚР-ның).
/// Every short form begins with a capital (see [`is_short_form`]), so most
/// words are out before any look-up.
pub(crate) fn use_of<'k>(
    word: &str,
    known: &'k HashMap<String, (String, Category)>,
) -> Option<&'k (String, Category)> {
    if known.is_empty() || !word.chars().next().is_some_and(crate::script::is_upper) {
        return None;
    }
    known.get(word.split('-').next().unwrap_or(word))
}

fn term(lemma: &str, category: Category, tokens: (usize, usize)) -> Found {
    Found::named(lemma.to_string(), category, "kk", tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_are_capitals() {
        for s in ["СБЖ", "ЖРВИ", "T4", "АКТГ", "ТТГ"] {
            assert!(is_short_form(s), "{s}");
        }
        for s in ["без", "Т", "4T", "ЖЕДЕЛРЕСПИРАТОРЛЫҚ"] {
            assert!(!is_short_form(s), "{s}");
        }
    }

    #[test]
    fn long_forms_hold_the_letters_at_word_starts() {
        let words = [
            "жиі",
            "кездесетін",
            "жедел",
            "респираторлық",
            "вирустық",
            "инфекция",
        ];
        assert_eq!(long_form("ЖРВИ", &words), Some(4));
        let words = ["қалқанша", "безін", "ынталандырушы", "гормон"];
        assert_eq!(long_form("ТТГ", &words), None);
    }
}
