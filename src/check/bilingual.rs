//! The bilingual check: English source, Kazakh target, segment by segment.
//!
//! The units come from [`super::segments`] (XLIFF 1.2 and 2.0, TMX, or a
//! two-column TSV), with the positions of their text in the file. For every
//! unit the English terms of the glossary (preferred and variants, with their
//! plurals) are found in the source with one Aho–Corasick automaton; a term
//! whose concept has none of its Kazakh forms, in any inflection, in the
//! target is `missing-term`. Etymon concepts are left out of that: their
//! English glosses (within, body, under, growth) are ordinary words a
//! translation renders freely. The target is checked like a Kazakh text
//! (deprecated forms, typos), and the numbers of source and target must
//! agree once each is read in its language's notation (`0.5–0.65 g` is
//! `0,5–0,65 г`; English `1,000` is Kazakh `1 000`). A unit with no
//! target text is `untranslated`, once, and nothing else is said of it.
//! Every finding points at its line and column in the file.

use std::collections::HashSet;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

use super::segments::{Document, Segment, Text};
use super::{check_document, Finding, Kind};
use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::glossary::align::{Index, Match};
use crate::glossary::Concept;

/// English plural of a term's last word, as medical English writes it.
fn plural(term: &str) -> String {
    if let Some(stem) = term.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if term.ends_with(['s', 'x']) || term.ends_with("ch") || term.ends_with("sh") {
        return format!("{term}es");
    }
    format!("{term}s")
}
/// How a language writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// Decimal point, comma between thousands (`1,250.5`).
    English,
    /// Decimal comma, a space between thousands (`1 250,5`), as Kazakh
    /// typography writes them (the convention of the Russian and Kazakh
    /// state standards for numbers in text).
    Kazakh,
}

/// A number in a segment: as written, and its value unified (decimal
/// point, hyphen for a range, no thousands separator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number<'a> {
    /// The text as written (`0,5–0,65`).
    pub written: &'a str,
    /// Its byte offset in the segment.
    pub start: usize,
    /// The value unified (`0.5-0.65`).
    pub value: String,
}

impl Number<'_> {
    /// The value as Kazakh writes it: decimal comma, an en dash for a range.
    ///
    /// ```
    /// use kazterm::check::bilingual::{numbers, Notation};
    /// let n = &numbers("weighs 0.5-0.65 g", Notation::English)[0];
    /// assert_eq!(n.kazakh(), "0,5–0,65");
    /// ```
    pub fn kazakh(&self) -> String {
        self.value.replace('.', ",").replace('-', "–")
    }
}

/// The numbers of a segment in the order written.
///
/// ```
/// use kazterm::check::bilingual::{numbers, Notation};
/// let values = |t, n| numbers(t, n).into_iter().map(|n| n.value).collect::<Vec<_>>();
/// assert_eq!(values("weighs 0.5–0.65 g", Notation::English), ["0.5-0.65"]);
/// assert_eq!(values("салмағы 0,5-0,65 г", Notation::Kazakh), ["0.5-0.65"]);
/// assert_eq!(values("1,250 cells", Notation::English), values("1 250 жасуша", Notation::Kazakh));
/// ```
pub fn numbers(text: &str, notation: Notation) -> Vec<Number<'_>> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // A run of exactly three digits at `i`, not followed by a fourth.
    let group_at = |i: usize| (0..3).all(|k| digit_at(i + k)) && !digit_at(i + 3);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digit_at(i) || (i > 0 && (digit_at(i - 1) || bytes[i - 1].is_ascii_alphabetic())) {
            i += 1;
            continue;
        }
        let start = i;
        let mut value = String::new();
        let mut digits_in_group = 0;
        loop {
            if digit_at(i) {
                value.push(bytes[i] as char);
                digits_in_group += 1;
                i += 1;
                continue;
            }
            let c = text[i..].chars().next();
            let width = c.map_or(1, char::len_utf8);
            let after = i + width;
            match (c, notation) {
                // Thousands: English `1,250`, Kazakh `1 250` (also with a
                // no-break or thin space), after one to three digits.
                (Some(','), Notation::English)
                | (Some(' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'), Notation::Kazakh)
                    if digits_in_group <= 3 && group_at(after) =>
                {
                    digits_in_group = 0;
                    i = after;
                }
                (Some('.'), _) | (Some(','), Notation::Kazakh) if digit_at(after) => {
                    value.push('.');
                    digits_in_group = 0;
                    i = after;
                }
                (Some('-' | '–' | '—' | '‒'), _) if digit_at(after) => {
                    value.push('-');
                    digits_in_group = 0;
                    i = after;
                }
                _ => break,
            }
        }
        out.push(Number {
            written: &text[start..i],
            start,
            value,
        });
    }
    out
}

/// The numbers of `a` not in `b`, counting repeats (linear: a segment may
/// hold thousands of numbers).
fn unmatched<'a>(a: &[Number<'a>], b: &[Number<'_>]) -> Vec<Number<'a>> {
    let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for n in b {
        *left.entry(n.value.as_str()).or_insert(0) += 1;
    }
    a.iter()
        .filter(|n| match left.get_mut(n.value.as_str()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// Checks a bilingual file of English source and Kazakh target units, in
/// the languages `wanted` (`--source`, `--target`) or else those the file
/// declares; `lossy` replaces invalid UTF-8 instead of failing.
pub fn check_file(
    path: &Path,
    wanted: Option<(&str, &str)>,
    concepts: &[Concept],
    lossy: bool,
) -> Result<Vec<Finding>> {
    let input = crate::input::Input::File(path.to_path_buf());
    let (text, _) = crate::input::read_to_string(&input, lossy)?;
    let name = path.display().to_string();
    let doc = Document::parse(&text, &name)?;
    let (source, target) = doc.languages(wanted)?;
    if crate::langtag::primary(&source) != "en" || crate::langtag::primary(&target) != "kk" {
        return Err(Error::Usage(format!(
            "{name}: kazterm checks English → Kazakh translations; this file is {source} → {target}"
        )));
    }
    check_segments(&name, &doc, &doc.segments(&source, &target), concepts)
}

/// What the check needs of the glossary: the English terms to look for,
/// the index of Kazakh forms, the extractor.
struct Glossary<'g> {
    concepts: &'g [Concept],
    english: Vec<usize>,
    automaton: AhoCorasick,
    index: Index<'g>,
}

impl<'g> Glossary<'g> {
    fn new(concepts: &'g [Concept]) -> Result<Glossary<'g>> {
        let mut patterns: Vec<String> = Vec::new();
        let mut english = Vec::new();
        // Etymon concepts' English is a gloss, not a term to render.
        for (i, c) in concepts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.category != "etymon")
        {
            for en in std::iter::once(&c.en)
                .chain(&c.en_variants)
                .filter(|e| !e.is_empty())
            {
                let en = en.to_lowercase();
                patterns.push(plural(&en));
                patterns.push(en);
                english.extend([i, i]);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| Error::Usage(format!("the glossary's English terms: {e}")))?;
        Ok(Glossary {
            concepts,
            english,
            automaton,
            index: Index::new(concepts),
        })
    }

    /// The concepts whose English the source names, with where.
    fn in_source<'s>(&self, source: &'s str) -> Vec<(&'g Concept, usize, &'s str)> {
        let bytes = source.as_bytes();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for m in self.automaton.find_iter(source) {
            let boundary_before = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
            let boundary_after = m.end() == bytes.len() || !bytes[m.end()].is_ascii_alphanumeric();
            if !boundary_before || !boundary_after {
                continue;
            }
            let concept = &self.concepts[self.english[m.pattern().as_usize()]];
            if seen.insert(concept.id.as_str()) {
                out.push((concept, m.start(), &source[m.start()..m.end()]));
            }
        }
        out
    }
}

/// Checks the `segments` of `doc`; `file` names them in findings.
pub fn check_segments(
    file: &str,
    doc: &Document,
    segments: &[Segment],
    concepts: &[Concept],
) -> Result<Vec<Finding>> {
    let glossary = Glossary::new(concepts)?;
    let extra = crate::glossary::extractor_terms(concepts);
    let mut extractor = Extractor::new(&extra, &[]).with_occurrences();
    let mut findings = Vec::new();
    for seg in segments {
        let finding = |kind, at, found: &str, expected: &str| {
            Finding::in_segment(file, seg, kind, at, found, expected)
        };
        let source = &seg.source;
        let target = match &seg.target {
            Some(t) if !t.is_blank() => t,
            _ => {
                let mut f = finding(
                    Kind::Untranslated,
                    doc.position(source.file_offset(0)),
                    "",
                    "",
                );
                f.message = format!("unit {} has no translation", seg.id);
                f.context = context(&source.text, 0);
                findings.push(f);
                continue;
            }
        };
        let target_at = |offset: usize| doc.position(target.file_offset(offset));
        extractor.add_text(file, &target.text);
        let mut occurrences = extractor.take_occurrences();
        for o in &mut occurrences {
            let (line, column) = target_at(o.location.offset);
            o.location.line = line;
            o.location.column = column;
        }
        let mut local = check_document(&occurrences, &glossary.index, concepts);
        local.retain(|f| matches!(f.kind, Kind::Deprecated | Kind::Typo | Kind::Split));
        let present: HashSet<&str> = occurrences
            .iter()
            .filter_map(|o| {
                let a = glossary.index.align(o.to_term());
                (a.how != Match::Unmatched)
                    .then(|| a.concept.map(|c| c.id.as_str()))
                    .flatten()
            })
            .collect();
        for (concept, _, written) in glossary.in_source(&source.text) {
            if present.contains(concept.id.as_str()) {
                continue;
            }
            let mut f = finding(Kind::MissingTerm, target_at(0), written, &concept.kk);
            f.concept = concept.id.clone();
            f.message = format!(
                "the source has `{written}`; the target has no form of `{}`",
                concept.kk
            );
            f.context = context(&target.text, 0);
            findings.push(f);
        }
        for f in &mut local {
            f.segment = seg.id.clone();
        }
        findings.extend(local);
        if let Some(f) = number_finding(file, seg, target, target_at) {
            findings.push(f);
        }
    }
    Ok(findings)
}

/// The `number` finding of a unit whose source and target numbers differ:
/// at the first target number the source lacks (or the target's start),
/// with the source's missing numbers in Kazakh notation as the fix.
fn number_finding(
    file: &str,
    seg: &Segment,
    target: &Text,
    target_at: impl Fn(usize) -> (usize, usize),
) -> Option<Finding> {
    let ns = numbers(&seg.source.text, Notation::English);
    let nt = numbers(&target.text, Notation::Kazakh);
    let (missing, extra) = (unmatched(&ns, &nt), unmatched(&nt, &ns));
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let join = |n: &[Number<'_>], f: &dyn Fn(&Number<'_>) -> String| {
        n.iter().map(f).collect::<Vec<_>>().join(" ")
    };
    let found = join(&extra, &|n| n.written.to_string());
    let expected = join(&missing, &|n| n.kazakh());
    let at = extra.first().map_or(0, |n| n.start);
    let mut f = Finding::in_segment(file, seg, Kind::Number, target_at(at), &found, &expected);
    f.message = match (missing.is_empty(), extra.is_empty()) {
        (false, false) => format!(
            "numbers differ: the source has {}, the target {}",
            join(&missing, &|n| n.written.to_string()),
            found
        ),
        (false, true) => format!(
            "the target lacks the source's {}",
            join(&missing, &|n| n.written.to_string())
        ),
        _ => format!("the target has {found}, which the source does not"),
    };
    f.context = context(&target.text, at);
    Some(f)
}

impl Finding {
    /// A finding of `kind` in a unit, at a (line, column) of the file; the
    /// caller adds its concept, message and context.
    fn in_segment(
        file: &str,
        seg: &Segment,
        kind: Kind,
        at: (usize, usize),
        found: &str,
        expected: &str,
    ) -> Finding {
        Finding {
            kind,
            severity: kind.severity(),
            file: file.to_string(),
            line: at.0,
            column: at.1,
            segment: seg.id.clone(),
            found: found.to_string(),
            expected: expected.to_string(),
            concept: String::new(),
            message: String::new(),
            context: String::new(),
        }
    }
}

/// A segment's text on one line (reports show context a line each): whole
/// when it is short, else [`crate::extract::CONTEXT_CHARS`] characters each
/// side of byte `at`, cut marked with `…` (a "segment" of a TSV can be a
/// whole document).
fn context(text: &str, at: usize) -> String {
    const WHOLE: usize = 600;
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.len() <= WHOLE {
        return one_line(text);
    }
    let width = crate::extract::CONTEXT_CHARS;
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(width - 1)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| at + i);
    format!(
        "{}{}{}",
        if start > 0 { "… " } else { "" },
        one_line(&text[start..end]),
        if end < text.len() { " …" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, notation: Notation) -> Vec<String> {
        numbers(text, notation)
            .into_iter()
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn numbers_are_read_in_their_language_notation() {
        use Notation::{English, Kazakh};
        assert_eq!(
            values("weighs 0.5–0.65 g", English),
            values("салмағы 0,5-0,65г", Kazakh)
        );
        assert_ne!(values("25 hormones", English), values("20 гормон", Kazakh));
        assert_eq!(values("in 2020, 3 glands", English), ["2020", "3"]);
        assert_eq!(values("12,000 cells", English), ["12000"]);
        assert_eq!(values("12\u{a0}000 жасуша", Kazakh), ["12000"]);
        // A Kazakh comma is a decimal comma; an English one before a
        // group of three is not.
        assert_eq!(values("2,5 мг", Kazakh), ["2.5"]);
        assert_eq!(values("T3 and T4, 2 hormones", English), ["2"]);
    }

    #[test]
    fn a_long_segment_gives_a_bounded_context() {
        let long = "без ".repeat(1000) + "25 гормон " + &"ми ".repeat(1000);
        let at = long.find("25").unwrap();
        let shown = context(&long, at);
        assert!(shown.starts_with("… ") && shown.ends_with(" …"), "{shown}");
        assert!(shown.contains("25 гормон"));
        assert!(shown.chars().count() < 200);
        assert_eq!(context("Бұл  без\n25 г.", 0), "Бұл без 25 г.");
    }

    #[test]
    fn unmatched_numbers_count_repeats() {
        let a = numbers("5 and 5", Notation::English);
        let b = numbers("5 және 6", Notation::Kazakh);
        let left: Vec<&str> = unmatched(&a, &b).iter().map(|n| n.written).collect();
        assert_eq!(left, ["5"]);
    }

    #[test]
    fn english_plurals() {
        assert_eq!(plural("gland"), "glands");
        assert_eq!(plural("ovary"), "ovaries");
        assert_eq!(plural("process"), "processes");
    }
}
