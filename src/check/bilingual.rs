//! The bilingual check: English source, Kazakh target, segment by segment.
//!
//! A bilingual file here is a two-column TSV (`source<TAB>target`, one
//! segment a line; a first line `source<TAB>target` is a header). For every
//! segment the English terms of the glossary (preferred and variants, with
//! their plurals) are found in the source with one Aho–Corasick automaton;
//! a term whose concept has none of its Kazakh forms, in any inflection, in
//! the target is `missing-term`. The target is checked like a Kazakh text
//! (deprecated forms, typos), and the numbers of source and target must
//! agree once decimal commas and range dashes are unified (`0.5–0.65 g` is
//! `0,5-0,65г`).

use std::collections::HashSet;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

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

/// The numbers of a segment, unified: decimal comma as point, any dash as
/// hyphen.
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit_after = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() && matches!(c, ',' | '.') && digit_after {
            current.push('.');
        } else if !current.is_empty() && matches!(c, '-' | '–' | '—' | '‒') && digit_after {
            current.push('-');
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.sort();
    out
}

/// Checks a two-column TSV of English source and Kazakh target segments.
pub fn check_tsv(path: &Path, concepts: &[Concept]) -> Result<Vec<Finding>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let file = path.display().to_string();
    let mut english: Vec<(String, usize)> = Vec::new();
    for (i, c) in concepts.iter().enumerate() {
        for en in std::iter::once(&c.en)
            .chain(&c.en_variants)
            .filter(|e| !e.is_empty())
        {
            english.push((en.to_lowercase(), i));
            english.push((plural(&en.to_lowercase()), i));
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(english.iter().map(|(e, _)| e))
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    let index = Index::new(concepts);
    let extra = crate::commands::glossary::glossary_terms(concepts);
    let mut extractor = Extractor::new(&extra, &[]).with_occurrences();
    let mut findings = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let Some((source, target)) = line.split_once('\t') else {
            return Err(Error::Table {
                file,
                line: line_no,
                message: "expected `source<TAB>target`".to_string(),
            });
        };
        if n == 0 && source.trim() == "source" && target.trim() == "target" {
            continue;
        }
        extractor.add_text(&file, target);
        let mut occurrences = extractor.take_occurrences();
        for o in &mut occurrences {
            o.location.line = line_no;
        }
        let segment = line_no.to_string();
        let mut local = check_document(&occurrences, &index, concepts);
        local.retain(|f| matches!(f.kind, Kind::Deprecated | Kind::Typo | Kind::Split));
        let present: HashSet<&str> = occurrences
            .iter()
            .filter_map(|o| {
                let term = crate::extract::Term {
                    lemma: o.lemma.clone(),
                    category: o.category,
                    origin: o.origin.clone(),
                    surfaces: vec![o.surface.clone()],
                    count: 1,
                    first_seen: o.location.clone(),
                    decomposition: String::new(),
                    gloss_kk: o.gloss.clone(),
                    headword: String::new(),
                    contexts: Vec::new(),
                };
                let a = index.align(term);
                (a.how != Match::Unmatched)
                    .then(|| a.concept.map(|c| c.id.as_str()))
                    .flatten()
            })
            .collect();
        let bytes = source.as_bytes();
        let mut seen = HashSet::new();
        for m in automaton.find_iter(source) {
            let boundary_before = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
            let boundary_after = m.end() == bytes.len() || !bytes[m.end()].is_ascii_alphanumeric();
            if !boundary_before || !boundary_after {
                continue;
            }
            let concept = &concepts[english[m.pattern().as_usize()].1];
            if present.contains(concept.id.as_str()) || !seen.insert(concept.id.clone()) {
                continue;
            }
            findings.push(Finding {
                kind: Kind::MissingTerm,
                severity: Kind::MissingTerm.severity(),
                file: file.clone(),
                line: line_no,
                column: source[..m.start()].chars().count() + 1,
                segment: segment.clone(),
                found: source[m.start()..m.end()].to_string(),
                expected: concept.kk.clone(),
                concept: concept.id.clone(),
                message: format!(
                    "the source has `{}`; the target has no form of `{}`",
                    &source[m.start()..m.end()],
                    concept.kk
                ),
                context: target.to_string(),
            });
        }
        for f in &mut local {
            f.segment = segment.clone();
        }
        findings.extend(local);
        let (ns, nt) = (numbers(source), numbers(target));
        if ns != nt {
            findings.push(Finding {
                kind: Kind::Number,
                severity: Kind::Number.severity(),
                file: file.clone(),
                line: line_no,
                column: 1,
                segment,
                found: nt.join(" "),
                expected: ns.join(" "),
                concept: String::new(),
                message: format!("numbers differ: source {:?}, target {:?}", ns, nt),
                context: target.to_string(),
            });
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_unified() {
        assert_eq!(numbers("weighs 0.5–0.65 g"), numbers("салмағы 0,5-0,65г"));
        assert_ne!(numbers("25 hormones"), numbers("20 гормон"));
        assert_eq!(numbers("in 2020, 3 glands"), vec!["2020", "3"]);
    }

    #[test]
    fn english_plurals() {
        assert_eq!(plural("gland"), "glands");
        assert_eq!(plural("ovary"), "ovaries");
        assert_eq!(plural("process"), "processes");
    }
}
