//! Character- and word-level repairs inside one chunk of text.
//!
//! A chunk is a run of non-space characters (a word with its punctuation,
//! `бездері(glandula`, `«Гипофиз»,`). The line engine in `stream.rs` sends a
//! chunk here only when a cheap scan found something that may need repair;
//! clean chunks are copied as they are.
//!
//! The repairs, in order:
//! 1. invisible characters are removed and hyphen characters become `-`;
//! 2. Unicode NFC: a base letter and the combining marks after it are composed
//!    (и + U+0306 → й), singletons are replaced (Ω OHM SIGN → Ω);
//! 3. each word (a run of letters) gets one script, decided by its letters, and
//!    stand-in letters of other scripts become that script's letters
//!    (`гормoн` → `гормон`, `glаndula` → `glandula`, `əке` → `әке`);
//! 4. straight and curly double quotes at the edges of the chunk become « and ».

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::tables::{Special, Tables};
use super::Rule;
use crate::script::Script;

/// One change inside a chunk, at a byte offset relative to the chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalChange {
    pub start: usize,
    pub before: String,
    pub after: String,
    pub rule: Rule,
}

/// A piece of output that stands for `chunk[start..end]` of the input.
#[derive(Debug)]
struct Cell {
    start: usize,
    end: usize,
    text: String,
    /// Each repair applied to this cell, with the text it produced.
    history: Vec<(Rule, String)>,
}

impl Cell {
    fn set(&mut self, rule: Rule, text: String) {
        self.history.push((rule, text.clone()));
        self.text = text;
    }

    /// The single character of the cell, when it holds exactly one.
    fn single(&self) -> Option<char> {
        let mut it = self.text.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
}

/// True for a character that starts a new composition segment under NFC.
fn is_nfc_starter(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Rewrites one chunk. Appends the output to `out` and the changes to
/// `changes`; returns true when anything changed.
pub(crate) fn rewrite_chunk(
    chunk: &str,
    tables: &Tables,
    out: &mut String,
    changes: &mut Vec<LocalChange>,
) -> bool {
    let mut cells: Vec<Cell> = Vec::with_capacity(chunk.len());
    let mut removed: Vec<LocalChange> = Vec::new();
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();

    // Steps 1 and 2: invisible characters, hyphens and NFC.
    for (k, &(i, c)) in chars.iter().enumerate() {
        let end = i + c.len_utf8();
        match tables.special(c) {
            Some(Special::Invisible) => {
                removed.push(LocalChange {
                    start: i,
                    before: c.to_string(),
                    after: String::new(),
                    rule: Rule::Invisible,
                });
                continue;
            }
            Some(Special::Joiner) => {
                // Neighbours are looked up past other invisible characters,
                // so the decision is the same once those are gone.
                let visible = |&&(_, n): &&(usize, char)| {
                    !matches!(
                        tables.special(n),
                        Some(Special::Invisible | Special::Joiner)
                    )
                };
                let letterish = |c: char| c.is_alphabetic() || canonical_combining_class(c) != 0;
                // The cell before holds the composed text, as a second run sees it.
                let prev_letter = cells
                    .last()
                    .and_then(|cell| cell.text.chars().last())
                    .is_some_and(letterish);
                let next_letter = chars[k + 1..]
                    .iter()
                    .find(visible)
                    .is_some_and(|&(_, n)| letterish(n));
                if prev_letter || next_letter {
                    removed.push(LocalChange {
                        start: i,
                        before: c.to_string(),
                        after: String::new(),
                        rule: Rule::Invisible,
                    });
                    continue;
                }
            }
            Some(Special::Hyphen) => {
                let mut cell = plain_cell(chunk, i, end);
                cell.set(Rule::Hyphen, "-".to_string());
                cells.push(cell);
                continue;
            }
            _ => {}
        }
        if is_nfc_starter(c) {
            cells.push(plain_cell(chunk, i, end));
            continue;
        }
        // A character that NFC may join to what precedes it is normalized
        // together with the cell before it; any other starts a cell of its
        // own. Cells thus start where NFC never joins text across, so
        // normalizing cell by cell equals normalizing the whole text.
        match cells.last_mut() {
            Some(prev) if joins_backwards(c) => {
                let mut joined = prev.text.clone();
                joined.push(c);
                let composed: String = joined.nfc().collect();
                prev.end = end;
                if composed == joined {
                    // A mark with no precomposed letter (з + U+0306) stays.
                    prev.text = joined;
                } else {
                    prev.set(Rule::Nfc, composed);
                }
            }
            _ => {
                let mut cell = plain_cell(chunk, i, end);
                let composed: String = c.to_string().nfc().collect();
                if composed != cell.text {
                    cell.set(Rule::Nfc, composed);
                }
                cells.push(cell);
            }
        }
    }

    // Step 3: one script per word.
    let mut k = 0;
    while k < cells.len() {
        if !is_letter_cell(&cells[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < cells.len() && is_letter_cell(&cells[k]) {
            k += 1;
        }
        unify_word_script(&mut cells[start..k], tables);
    }

    // Step 4: double quotes at the chunk's edges. Other quotes count as
    // edges too, so that the decision does not change once they have been
    // rewritten (idempotence); and since « and » are quotes as well, where
    // the edges end is known before any rewrite: one pass each way.
    let n = cells.len();
    let is_quote = |cell: &Cell| {
        cell.single()
            .is_some_and(|q| tables.special(q) == Some(Special::Quote))
    };
    // Cells before this index are all opening brackets or quotes; cells
    // after `last_inner` all closing punctuation or quotes.
    let first_inner = cells
        .iter()
        .position(|cell| !(is_opening_bracket(&cell.text) || is_quote(cell)))
        .unwrap_or(n);
    let last_inner = cells
        .iter()
        .rposition(|cell| !(is_closing_punct(&cell.text) || is_quote(cell)));
    for (k, cell) in cells.iter_mut().enumerate() {
        let Some(c) = cell.single() else { continue };
        if tables.special(c) != Some(Special::Quote) || c == '«' || c == '»' {
            continue;
        }
        let before_is_edge = k <= first_inner;
        let after_is_edge = last_inner.is_none_or(|last| k >= last);
        let replacement = match (before_is_edge, after_is_edge) {
            (true, false) => '«',
            (false, true) => '»',
            _ => continue,
        };
        cell.set(Rule::Quote, replacement.to_string());
    }

    // Emit the output and the changes, in order of position.
    let mut local: Vec<LocalChange> = removed;
    for cell in &cells {
        out.push_str(&cell.text);
        let mut before = &chunk[cell.start..cell.end];
        for (rule, after) in &cell.history {
            local.push(LocalChange {
                start: cell.start,
                before: before.to_string(),
                after: after.clone(),
                rule: *rule,
            });
            before = after;
        }
    }
    local.sort_by_key(|c| c.start);
    let changed = !local.is_empty();
    changes.extend(local);
    changed
}

/// True when NFC may join `c` to the character before it: a combining mark, a
/// character that composes backwards (NFC_Quick_Check=Maybe), or one that
/// decomposes into such a mark first (U+0F73 → U+0F71 U+0F72).
fn joins_backwards(c: char) -> bool {
    let first = c.nfd().next().unwrap_or(c);
    canonical_combining_class(c) != 0
        || canonical_combining_class(first) != 0
        || is_nfc_quick(std::iter::once(first)) == IsNormalized::Maybe
}

fn plain_cell(chunk: &str, start: usize, end: usize) -> Cell {
    Cell {
        start,
        end,
        text: chunk[start..end].to_string(),
        history: Vec::new(),
    }
}

fn is_letter_cell(cell: &Cell) -> bool {
    cell.text.chars().next().is_some_and(char::is_alphabetic)
}

fn is_opening_bracket(text: &str) -> bool {
    matches!(text, "(" | "[" | "{" | "«")
}

fn is_closing_punct(text: &str) -> bool {
    matches!(
        text,
        ")" | "]" | "}" | "»" | "." | "," | ";" | ":" | "!" | "?" | "…"
    )
}

/// Decides the script of one word and replaces the stand-in letters in it.
///
/// The script is the one with the most letters that exist only in that script
/// (letters without a look-alike twin); when that ties, the one with the most
/// letters of any kind; when that ties too, the word is left alone, since there
/// is no evidence either way.
fn unify_word_script(word: &mut [Cell], tables: &Tables) {
    let mut unique = [0usize; 3];
    let mut votes = [0usize; 3];
    let slot = |s: Script| match s {
        Script::Cyrillic => Some(0),
        Script::Latin => Some(1),
        Script::Greek => Some(2),
        _ => None,
    };
    for cell in word.iter() {
        for c in cell.text.chars() {
            let own = crate::script::script_of(c);
            match tables.letter(c) {
                Some(info) => {
                    if let Some(v) = slot(info.votes) {
                        votes[v] += 1;
                    }
                }
                None => {
                    if let Some(v) = slot(own) {
                        votes[v] += 1;
                        unique[v] += 1;
                    }
                }
            }
        }
    }
    let target = match pick_max(unique).or_else(|| pick_max(votes)) {
        Some(0) => Script::Cyrillic,
        Some(1) => Script::Latin,
        _ => return, // Greek words and undecided words keep their letters.
    };
    let mut previous: Option<char> = None;
    for cell in word.iter_mut() {
        let Some(c) = cell.single() else {
            previous = cell.text.chars().next_back();
            continue;
        };
        let Some(info) = tables.letter(c) else {
            previous = Some(c);
            continue;
        };
        let twin = if target == Script::Cyrillic {
            info.in_cyrillic
        } else {
            info.in_latin
        };
        if let Some(twin) = twin {
            // ҥ stands for ң in Chuvash and Yakut, but for ү in text copied
            // from PDFs in older Kazakh fonts (тҥрлері): Kazakh ң follows a
            // vowel only, so at the start of a word or after a consonant it
            // can only be ү.
            let after_vowel =
                previous.is_some_and(|p| "аәеёиоөуұүыіэюяАӘЕЁИОӨУҰҮЫІЭЮЯ".contains(p));
            let to = match (c, after_vowel) {
                ('ҥ', false) => 'ү',
                ('Ҥ', false) => 'Ү',
                _ => twin.to,
            };
            cell.set(twin.rule, to.to_string());
        }
        previous = Some(c);
    }
}

/// The index of the single largest non-zero count, or None on a tie or all zeros.
fn pick_max(counts: [usize; 3]) -> Option<usize> {
    let max = *counts.iter().max()?;
    if max == 0 || counts.iter().filter(|&&n| n == max).count() > 1 {
        return None;
    }
    counts.iter().position(|&n| n == max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tables::TABLES;

    fn rewrite(s: &str) -> (String, Vec<LocalChange>) {
        let mut out = String::new();
        let mut changes = Vec::new();
        rewrite_chunk(s, &TABLES, &mut out, &mut changes);
        (out, changes)
    }

    #[test]
    fn the_ng_stand_in_is_u_where_ng_cannot_stand() {
        assert_eq!(rewrite("тҥрлері").0, "түрлері");
        assert_eq!(rewrite("Ҥлкен").0, "Үлкен");
        assert_eq!(rewrite("таҥ").0, "таң");
    }

    #[test]
    fn latin_o_in_a_cyrillic_word_becomes_cyrillic() {
        let (out, changes) = rewrite("гормoн");
        assert_eq!(out, "гормон");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].start, "горм".len());
        assert_eq!(changes[0].rule, Rule::Lookalike);
    }

    #[test]
    fn cyrillic_a_in_a_latin_word_becomes_latin() {
        assert_eq!(rewrite("glаndula").0, "glandula");
        assert_eq!(rewrite("(glаndula,").0, "(glandula,");
    }

    #[test]
    fn schwa_and_barred_o_become_kazakh_letters() {
        assert_eq!(rewrite("əке").0, "әке");
        assert_eq!(rewrite("ɵсу").0, "өсу");
        assert_eq!(rewrite("ə").0, "ә");
        // Azerbaijani in Latin keeps its schwa.
        assert_eq!(rewrite("Əliyev").0, "Əliyev");
    }

    #[test]
    fn latin_i_between_cyrillic_letters_becomes_kazakh_i() {
        assert_eq!(rewrite("бiлiм").0, "білім");
        assert_eq!(rewrite("Iшкі").0, "Ішкі");
    }

    #[test]
    fn words_in_one_script_and_undecidable_words_are_left_alone() {
        for w in ["без", "glandula", "φύσις", "COVID-19-дың", "Ca"] {
            let (out, changes) = rewrite(w);
            assert_eq!(out, w);
            assert!(changes.is_empty(), "{w}: {changes:?}");
        }
    }

    #[test]
    fn decomposed_short_i_is_composed() {
        let (out, changes) = rewrite("ми\u{306}");
        assert_eq!(out, "мй");
        assert_eq!(changes[0].rule, Rule::Nfc);
        assert_eq!(changes[0].before, "и\u{306}");
    }

    #[test]
    fn soft_hyphen_is_removed_and_nonbreaking_hyphen_unified() {
        assert_eq!(rewrite("гор\u{ad}мон").0, "гормон");
        assert_eq!(rewrite("ата\u{2011}ана").0, "ата-ана");
    }

    #[test]
    fn straight_quotes_become_guillemets_by_position() {
        assert_eq!(rewrite("\"Гипофиз\",").0, "«Гипофиз»,");
        assert_eq!(rewrite("(“без”)").0, "(«без»)");
        assert_eq!(rewrite("a\"b").0, "a\"b");
    }
}
