//! The bilingual check: English source, Kazakh target, segment by segment.
//!
//! A bilingual file is a two-column TSV (`source<TAB>target`, one segment a
//! line; a first line `source<TAB>target` is a header), an XLIFF 1.2 or 2.0
//! file (`trans-unit`/`unit` with `source` and `target`), or a TMX file
//! (`tu` with a `tuv` per language), read with quick-xml. For every
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

/// One segment of a bilingual file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The unit's id (XLIFF, TMX) or the line (TSV).
    pub id: String,
    /// The line where the segment starts.
    pub line: usize,
    /// English.
    pub source: String,
    /// Kazakh.
    pub target: String,
}

/// Reads the segments of a bilingual file, by its content: XML (XLIFF or
/// TMX) or else TSV.
pub fn read_segments(path: &Path) -> Result<Vec<Segment>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    if text.trim_start().starts_with('<') {
        read_xml(&text, &name)
    } else {
        read_tsv(&text, &name)
    }
}

fn read_tsv(text: &str, name: &str) -> Result<Vec<Segment>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some((source, target)) = line.split_once('\t') else {
            return Err(Error::Table {
                file: name.to_string(),
                line: line_no,
                message: "expected `source<TAB>target`".to_string(),
            });
        };
        if n == 0 && source.trim() == "source" && target.trim() == "target" {
            continue;
        }
        out.push(Segment {
            id: line_no.to_string(),
            line: line_no,
            source: source.to_string(),
            target: target.to_string(),
        });
    }
    Ok(out)
}

/// XLIFF 1.2 (`trans-unit`), XLIFF 2.0 (`unit`/`segment`) and TMX (`tu`/`tuv`
/// with `xml:lang`). Inline codes (`bpt`, `ept`, `ph`, `it`) are skipped;
/// the text of other inline elements (`g`, `mrk`, `pc`) is kept.
fn read_xml(text: &str, name: &str) -> Result<Vec<Segment>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let line_at = |pos: u64| {
        1 + text.as_bytes()[..(pos as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    };
    let mut out = Vec::new();
    let mut unit: Option<Segment> = None;
    let mut into: Option<bool> = None; // Some(true) source, Some(false) target
    let mut tuv_lang = String::new();
    let mut skip = 0usize;
    let mut is_tmx = false;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| Error::Table {
            file: name.to_string(),
            line: line_at(pos),
            message: format!("expected well-formed XML: {e}"),
        })?;
        match event {
            Event::Start(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                match local.as_str() {
                    "tmx" => is_tmx = true,
                    "trans-unit" | "unit" | "tu" => {
                        let id = attr(b"id")
                            .or_else(|| attr(b"tuid"))
                            .unwrap_or_else(|| (out.len() + 1).to_string());
                        unit = Some(Segment {
                            id,
                            line: line_at(pos),
                            source: String::new(),
                            target: String::new(),
                        });
                    }
                    "source" if !is_tmx => into = Some(true),
                    "target" if !is_tmx => into = Some(false),
                    "tuv" => tuv_lang = attr(b"lang").unwrap_or_default().to_lowercase(),
                    "seg" if is_tmx => into = Some(!tuv_lang.starts_with("kk")),
                    "bpt" | "ept" | "ph" | "it" => skip += 1,
                    _ => {}
                }
            }
            Event::Text(t) if skip == 0 => {
                if let (Some(which), Some(u)) = (into, unit.as_mut()) {
                    let text = t.unescape().map_err(|e| Error::Table {
                        file: name.to_string(),
                        line: line_at(pos),
                        message: format!("expected text: {e}"),
                    })?;
                    if which {
                        u.source.push_str(&text);
                    } else {
                        u.target.push_str(&text);
                    }
                }
            }
            Event::End(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                match local.as_str() {
                    "source" | "target" | "seg" => into = None,
                    "bpt" | "ept" | "ph" | "it" => skip = skip.saturating_sub(1),
                    "trans-unit" | "unit" | "tu" => {
                        if let Some(u) = unit.take() {
                            out.push(u);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Checks a bilingual file of English source and Kazakh target segments.
pub fn check_file(path: &Path, concepts: &[Concept]) -> Result<Vec<Finding>> {
    let segments = read_segments(path)?;
    check_segments(&path.display().to_string(), &segments, concepts)
        .map_err(|e| Error::io(path, std::io::Error::other(e)))
}

/// Checks segments; `file` names them in findings.
pub fn check_segments(
    file: &str,
    segments: &[Segment],
    concepts: &[Concept],
) -> std::result::Result<Vec<Finding>, String> {
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
        .map_err(|e| e.to_string())?;
    let index = Index::new(concepts);
    let extra = crate::glossary::extractor_terms(concepts);
    let mut extractor = Extractor::new(&extra, &[]).with_occurrences();
    let mut findings = Vec::new();
    for seg in segments {
        let (source, target) = (seg.source.as_str(), seg.target.as_str());
        let line_no = seg.line;
        extractor.add_text(file, target);
        let mut occurrences = extractor.take_occurrences();
        for o in &mut occurrences {
            o.location.line = line_no;
        }
        let segment = seg.id.clone();
        let mut local = check_document(&occurrences, &index, concepts);
        local.retain(|f| matches!(f.kind, Kind::Deprecated | Kind::Typo | Kind::Split));
        let present: HashSet<&str> = occurrences
            .iter()
            .filter_map(|o| {
                let term = o.to_term();
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
                file: file.to_string(),
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
                file: file.to_string(),
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
