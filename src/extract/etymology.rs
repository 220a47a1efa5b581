//! Etymons quoted in the text: `(glandula endocrinae, лат. glandula без,
//! грек, endon — ішкі, krino — бөлу)`.
//!
//! Encyclopedic Kazakh explains a term's origin in brackets after it. A
//! bracket is read as comma-separated items; an item may start with a
//! language label (`лат.`, `грек.`, also typed with a comma for the stop, see
//! `data/extract/markers.tsv`) that holds for the items after it; then come
//! the Latin- or Greek-script words of the etymon, then, after a dash or
//! directly, its Kazakh gloss. The words before the bracket are its headword.
//! A bracket that never closes ends with its sentence.
//!
//! Latin script is not always an etymon: acronyms and codes (WHO, HLA,
//! COVID-19, T3) never are, and outside brackets a Latin word is one only
//! where a language label stands before it (`лат. glandula`) or a gloss
//! follows it after a dash. A binomial species name (`Helicobacter pylori`
//! in running text, `C. pneumoniae` anywhere) names an organism.

use std::sync::LazyLock;

use super::Tok;
use crate::script::Script;
use crate::table::records;
use crate::tokenize::TokenKind;

const MARKERS: &str = include_str!("../../data/extract/markers.tsv");

/// Language labels, without their stop, lower case → language code.
static MARKER: LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    records("data/extract/markers.tsv", MARKERS, 2)
        .expect("embedded marker table")
        .into_iter()
        .map(|r| (r.fields[0], r.fields[1]))
        .collect()
});

/// The language a label names (`лат.`, `грек`, `Лат`), if it is one.
pub fn marker_language(word: &str) -> Option<&'static str> {
    let bare = crate::script::lowercase(word.trim_end_matches('.'));
    MARKER.get(bare.as_ref()).copied()
}

/// One etymon found in a bracket (or loose in the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Etymon {
    /// The Latin- or Greek-script words, as written.
    pub text: String,
    /// Token range of those words.
    pub tokens: (usize, usize),
    /// `la`, `grc`, …
    pub language: &'static str,
    /// The Kazakh gloss that follows it, if any.
    pub gloss: Option<String>,
    /// The words the bracket explains, if any.
    pub headword: Option<String>,
    /// A binomial species name (an organism), not an etymon.
    pub organism: bool,
}

fn is_foreign_word(t: &impl Shaped) -> bool {
    let t = t.shape();
    t.kind == TokenKind::Word
        && matches!(t.script, Script::Latin | Script::Greek)
        && !is_code(t.text)
}

/// What the rules here read of a token: its kind, the script of its
/// repaired form and its text as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape<'a> {
    pub kind: TokenKind,
    pub script: Script,
    pub text: &'a str,
}

/// A token with a [`Shape`]: a sentence's [`Tok`]s, and the shapes the
/// extractor makes of a sentence it has not analysed yet (see
/// [`may_find_outside_brackets`]).
pub(crate) trait Shaped {
    fn shape(&self) -> Shape<'_>;
}

impl Shaped for Shape<'_> {
    fn shape(&self) -> Shape<'_> {
        *self
    }
}

impl Shaped for Tok<'_> {
    fn shape(&self) -> Shape<'_> {
        Shape {
            kind: self.kind,
            script: self.script,
            text: self.text,
        }
    }
}

/// Whether [`find`] may take an etymon outside brackets in a sentence: a
/// binomial species name, or a Latin or Greek word with a language label
/// somewhere before it or a dash and a Cyrillic word somewhere after it.
/// A cheap superset of what `find` reads outside brackets, so that a
/// sentence with a Latin word but none of these (a brand, an English
/// phrase, a Roman numeral) need not be analysed; brackets are the
/// caller's to check.
pub(crate) fn may_find_outside_brackets(toks: &[impl Shaped]) -> bool {
    let species = (0..toks.len())
        .any(|i| genus_at(toks, i, false).is_some_and(|e| e < toks.len() && is_epithet(&toks[e])));
    let Some(first) = toks.iter().position(is_foreign_word) else {
        return species;
    };
    let label = toks[..first]
        .iter()
        .any(|t| marker_language(t.shape().text).is_some());
    let glossed = toks[first..].windows(2).any(|pair| {
        let gloss = pair[1].shape();
        is_dash(&pair[0]) && gloss.kind == TokenKind::Word && gloss.script == Script::Cyrillic
    });
    species || label || glossed
}

/// An acronym or code: a digit, or two capitals or more (WHO, COVID-19,
/// SARS-CoV-2, HLA, T3, IgE).
fn is_code(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        || word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A Latin genus: a capitalised word (Helicobacter) or its initial with a
/// stop (C.). Returns the token after it.
fn genus_at(toks: &[impl Shaped], i: usize, in_bracket: bool) -> Option<usize> {
    let t = toks[i].shape();
    if t.kind != TokenKind::Word || t.script != Script::Latin {
        return None;
    }
    let mut chars = t.text.chars();
    let first = chars.next()?;
    if !first.is_uppercase() || !chars.clone().all(char::is_lowercase) {
        return None;
    }
    if chars.clone().count() == 0 {
        // An initial: needs its stop.
        return (toks.get(i + 1).is_some_and(|s| s.shape().text == ".")).then_some(i + 2);
    }
    // A whole genus name only in running text: in brackets a capitalised
    // Latin phrase is anatomy (Glandula thyroidea).
    (!in_bracket && chars.count() >= 2).then_some(i + 1)
}

/// A species epithet: a lower-case Latin word of three letters or more.
fn is_epithet(t: &impl Shaped) -> bool {
    let t = t.shape();
    t.kind == TokenKind::Word
        && t.script == Script::Latin
        && t.text.chars().count() >= 3
        && t.text.chars().all(char::is_lowercase)
        && marker_language(t.text).is_none()
}

fn is_dash(t: &impl Shaped) -> bool {
    let t = t.shape();
    t.kind == TokenKind::Punct && matches!(t.text, "—" | "–" | "‒" | "―" | "-" | "--" | "−")
}

/// The text of tokens `a..b`, as written in `source`.
fn span(source: &str, toks: &[Tok<'_>], a: usize, b: usize) -> String {
    source[toks[a].local_start..toks[b - 1].local_end].to_string()
}

/// Every etymon of a sentence's tokens. `source` is the text the tokens'
/// local offsets point into.
pub(crate) fn find(source: &str, toks: &[Tok<'_>]) -> Vec<Etymon> {
    let mut out = Vec::new();
    let mut inside = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].kind == TokenKind::Punct && toks[i].text == "(") {
            i += 1;
            continue;
        }
        let open = i;
        let mut depth = 0;
        let mut close = toks.len();
        for (j, t) in toks.iter().enumerate().skip(open) {
            match (t.kind, t.text) {
                (TokenKind::Punct, "(") => depth += 1,
                (TokenKind::Punct, ")") => {
                    depth -= 1;
                    if depth == 0 {
                        close = j;
                        break;
                    }
                }
                _ => {}
            }
        }
        for flag in inside.iter_mut().take(close).skip(open) {
            *flag = true;
        }
        out.extend(read_bracket(source, toks, open, close));
        i = close + 1;
    }
    // Binomial species names, in brackets or not.
    let mut species = vec![false; toks.len()];
    for i in 0..toks.len() {
        let Some(e) = genus_at(toks, i, inside[i]) else {
            continue;
        };
        if e < toks.len() && is_epithet(&toks[e]) && !species[i] {
            for flag in &mut species[i..=e] {
                *flag = true;
            }
            out.retain(|x| x.tokens.1 <= i || x.tokens.0 > e);
            out.push(Etymon {
                text: span(source, toks, i, e + 1),
                tokens: (i, e + 1),
                language: "la",
                gloss: None,
                headword: None,
                organism: true,
            });
        }
    }
    // Latin- and Greek-script words outside brackets: only after a
    // language label, or before a dash and a gloss.
    let mut k = 0;
    while k < toks.len() {
        if inside[k] || species[k] || !is_foreign_word(&toks[k]) || toks[k].text.chars().count() < 3
        {
            k += 1;
            continue;
        }
        let a = k;
        while k < toks.len() && !inside[k] && !species[k] && is_foreign_word(&toks[k]) {
            k += 1;
        }
        let label = a > 0 && marker_language(toks[a - 1].text).is_some();
        let glossed = k + 1 < toks.len()
            && is_dash(&toks[k])
            && toks[k + 1].kind == TokenKind::Word
            && toks[k + 1].script == Script::Cyrillic;
        if !label && !glossed {
            continue;
        }
        let language = if toks[a].script == Script::Greek {
            "grc"
        } else if label {
            marker_language(toks[a - 1].text).unwrap_or("la")
        } else {
            "la"
        };
        out.push(Etymon {
            text: span(source, toks, a, k),
            tokens: (a, k),
            language,
            gloss: glossed.then(|| toks[k + 1].text.to_string()),
            headword: None,
            organism: false,
        });
    }
    out
}

/// Reads the items of the bracket `toks[open]..toks[close]`.
fn read_bracket(source: &str, toks: &[Tok<'_>], open: usize, close: usize) -> Vec<Etymon> {
    let inner = open + 1..close;
    if !toks[inner.clone()].iter().any(is_foreign_word) {
        return Vec::new(); // A Kazakh gloss such as (гормондар), not an etymology.
    }
    let headword = headword(source, toks, open);
    // Items, split at commas and semicolons.
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut start = inner.start;
    for j in inner.clone() {
        if toks[j].kind == TokenKind::Punct && matches!(toks[j].text, "," | ";") {
            items.push((start, j));
            start = j + 1;
        }
    }
    items.push((start, inner.end));
    // Items before the first label take the first label's language.
    let first_label = toks[inner.clone()].iter().find_map(|t| {
        (t.kind == TokenKind::Word)
            .then(|| marker_language(t.text))
            .flatten()
    });
    let mut language = first_label.unwrap_or("la");
    let mut out = Vec::new();
    for (a, b) in items {
        let mut j = a;
        if j < b && toks[j].kind == TokenKind::Word {
            if let Some(lang) = marker_language(toks[j].text) {
                language = lang;
                j += 1;
            }
        }
        let etymon_start = j;
        while j < b && is_foreign_word(&toks[j]) {
            j += 1;
        }
        if j == etymon_start {
            continue;
        }
        let etymon_end = j;
        if j < b && is_dash(&toks[j]) {
            j += 1;
        }
        let gloss_start = j;
        while j < b && toks[j].kind == TokenKind::Word && toks[j].script == Script::Cyrillic {
            j += 1;
        }
        let script_language = if toks[etymon_start].script == Script::Greek {
            "grc"
        } else {
            language
        };
        out.push(Etymon {
            text: span(source, toks, etymon_start, etymon_end),
            tokens: (etymon_start, etymon_end),
            language: script_language,
            gloss: (j > gloss_start).then(|| span(source, toks, gloss_start, j)),
            headword: headword.clone(),
            organism: false,
        });
    }
    out
}

/// The words just before a bracket, back to the previous punctuation or the
/// start of the sentence, at most eight.
fn headword(source: &str, toks: &[Tok<'_>], open: usize) -> Option<String> {
    let mut a = open;
    while a > 0 && toks[a - 1].kind == TokenKind::Word && open - a < 8 {
        a -= 1;
    }
    (a < open).then(|| span(source, toks, a, open))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(text: &str) -> bool {
        let shapes: Vec<Shape<'_>> = crate::tokenize::tokenize(text)
            .map(|t| Shape {
                kind: t.kind,
                script: t.script,
                text: t.text,
            })
            .collect();
        may_find_outside_brackets(&shapes)
    }

    #[test]
    fn latin_outside_brackets_needs_a_species_a_label_or_a_gloss() {
        assert!(may("Науқаста Helicobacter pylori табылды."));
        assert!(may("Ол C. pneumoniae жұқтырған."));
        assert!(may("Бұл атау лат. glandula сөзінен шыққан."));
        assert!(may("Гректің endon — ішкі деген сөзі бар."));
        // A brand, a Roman numeral, an English word: no etymon.
        assert!(!may("Samsung жаңа телефон шығарды."));
        assert!(!may("Ол XIX ғасырда өмір сүрген."));
        assert!(!may("Мұны балалар apple дейді."));
        // A dash before the Latin word glosses nothing.
        assert!(!may("Жауабы — apple."));
    }
}
