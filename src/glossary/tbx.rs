//! TBX exchange: TBX-Basic as ISO 30042:2019 defines it, the older TBX of
//! ISO 30042:2008 (`<martif>`) that translate-toolkit and older CAT tools
//! read, and reading either back.
//!
//! A concept becomes a `conceptEntry` (`termEntry` in TBX v2) whose id is
//! the glossary id, with a `langSec` (`langSet`) for kk, la, grc and en. The
//! Kazakh preferred term, variants and deprecated forms carry the
//! administrative status preferredTerm-admn-sts, admittedTerm-admn-sts and
//! deprecatedTerm-admn-sts; the category is the concept's projectSubset, the
//! source its `admin type="source"`, the etymology a note `etymology: …`, a
//! user's extra column a note `[column] value`, and the note itself a plain
//! note. Reading applies the same mapping backwards, so CSV → TBX → CSV gives
//! the rows back.

use std::io::Write;

use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::Concept;
use crate::error::{Error, Result};

/// The TBX flavour to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// TBX-Basic, ISO 30042:2019 (`<tbx>`, DCA style).
    Basic2019,
    /// TBX v2, ISO 30042:2008 (`<martif>`).
    Martif2008,
}

/// True for a valid XML ID (an NCName): a letter or `_` first, then
/// letters, digits, `.`, `-` and `_`.
pub fn is_xml_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

const PREFERRED: &str = "preferredTerm-admn-sts";
const ADMITTED: &str = "admittedTerm-admn-sts";
const DEPRECATED: &str = "deprecatedTerm-admn-sts";

fn io(e: impl std::fmt::Display) -> Error {
    Error::io("-", std::io::Error::other(e.to_string()))
}

/// Writes concepts as TBX.
pub fn write(
    concepts: &[Concept],
    flavour: Flavour,
    title: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    let (root, header, entry, lang_sec, term_sec) = match flavour {
        Flavour::Basic2019 => ("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec"),
        Flavour::Martif2008 => ("martif", "martifHeader", "termEntry", "langSet", "tig"),
    };
    let mut start = BytesStart::new(root);
    match flavour {
        Flavour::Basic2019 => {
            start.push_attribute(("type", "TBX-Basic"));
            start.push_attribute(("style", "dca"));
            start.push_attribute(("xml:lang", "kk"));
            start.push_attribute(("xmlns", "urn:iso:std:iso:30042:ed-2"));
        }
        Flavour::Martif2008 => {
            start.push_attribute(("type", "TBX"));
            start.push_attribute(("xml:lang", "kk"));
        }
    }
    w.write_event(Event::Start(start)).map_err(io)?;
    w.create_element(header)
        .write_inner_content(|w| {
            w.create_element("fileDesc").write_inner_content(|w| {
                w.create_element("titleStmt").write_inner_content(|w| {
                    w.create_element("title")
                        .write_text_content(BytesText::new(title))?;
                    Ok(())
                })?;
                w.create_element("sourceDesc").write_inner_content(|w| {
                    w.create_element("p").write_text_content(BytesText::new(
                        "Kazakh–Latin–Greek–English glossary exported by kazterm",
                    ))?;
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })
        .map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("text")))
        .map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("body")))
        .map_err(io)?;
    for c in concepts {
        let id = if is_xml_id(&c.id) {
            c.id.clone()
        } else {
            format!("_{}", c.id)
        };
        w.create_element(entry)
            .with_attribute(("id", id.as_str()))
            .write_inner_content(|w| {
                w.create_element("descrip")
                    .with_attribute(("type", "subjectField"))
                    .write_text_content(BytesText::new("endocrinology"))?;
                if !c.category.is_empty() {
                    w.create_element("admin")
                        .with_attribute(("type", "projectSubset"))
                        .write_text_content(BytesText::new(&c.category))?;
                }
                if !c.source.is_empty() {
                    w.create_element("admin")
                        .with_attribute(("type", "source"))
                        .write_text_content(BytesText::new(&c.source))?;
                }
                if !c.etymology.is_empty() {
                    w.create_element("note")
                        .write_text_content(BytesText::new(&format!(
                            "etymology: {}",
                            c.etymology
                        )))?;
                }
                if !c.note.is_empty() {
                    w.create_element("note")
                        .write_text_content(BytesText::new(&c.note))?;
                }
                for (name, value) in &c.extra {
                    if !value.is_empty() {
                        w.create_element("note")
                            .write_text_content(BytesText::new(&format!("[{name}] {value}")))?;
                    }
                }
                let empty: Vec<String> = Vec::new();
                let langs: [(&str, &str, &Vec<String>, &Vec<String>); 4] = [
                    ("kk", &c.kk, &c.kk_variants, &c.kk_deprecated),
                    ("la", &c.la, &empty, &empty),
                    ("grc", &c.grc, &empty, &empty),
                    ("en", &c.en, &c.en_variants, &empty),
                ];
                for (lang, preferred, admitted, deprecated) in langs {
                    if preferred.is_empty() && admitted.is_empty() {
                        continue;
                    }
                    w.create_element(lang_sec)
                        .with_attribute(("xml:lang", lang))
                        .write_inner_content(|w| {
                            let terms = std::iter::once((preferred, PREFERRED))
                                .filter(|(t, _)| !t.is_empty())
                                .chain(admitted.iter().map(|t| (t.as_str(), ADMITTED)))
                                .chain(deprecated.iter().map(|t| (t.as_str(), DEPRECATED)));
                            for (term, status) in terms {
                                w.create_element(term_sec).write_inner_content(|w| {
                                    w.create_element("term")
                                        .write_text_content(BytesText::new(term))?;
                                    let pos = if c.category == "etymon" {
                                        "other"
                                    } else {
                                        "noun"
                                    };
                                    w.create_element("termNote")
                                        .with_attribute(("type", "partOfSpeech"))
                                        .write_text_content(BytesText::new(pos))?;
                                    // A short form among the variants (ТТГ, TSH) is an
                                    // abbreviation to translation tools.
                                    if crate::extract::abbreviations::is_short_form(term) {
                                        w.create_element("termNote")
                                            .with_attribute(("type", "termType"))
                                            .write_text_content(BytesText::new("abbreviation"))?;
                                    }
                                    w.create_element("termNote")
                                        .with_attribute(("type", "administrativeStatus"))
                                        .write_text_content(BytesText::new(status))?;
                                    Ok(())
                                })?;
                            }
                            Ok(())
                        })?;
                }
                Ok(())
            })
            .map_err(io)?;
    }
    w.write_event(Event::End(quick_xml::events::BytesEnd::new("body")))
        .map_err(io)?;
    w.write_event(Event::End(quick_xml::events::BytesEnd::new("text")))
        .map_err(io)?;
    w.write_event(Event::End(quick_xml::events::BytesEnd::new(root)))
        .map_err(io)?;
    w.get_mut().write_all(b"\n").map_err(io)?;
    Ok(())
}

/// Reads concepts from TBX of either flavour; `name` names it in errors.
pub fn read(bytes: &[u8], name: &str) -> Result<Vec<Concept>> {
    read_with_languages(bytes, name).map(|(concepts, _)| concepts)
}

/// [`read`], and the languages of the term base's language sections in the
/// order first seen.
fn read_with_languages(bytes: &[u8], name: &str) -> Result<(Vec<Concept>, Vec<String>)> {
    let mut languages: Vec<String> = Vec::new();
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let err = |reader: &Reader<&[u8]>, message: String| Error::Table {
        file: name.to_string(),
        line: 1 + bytes[..(reader.buffer_position() as usize).min(bytes.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message,
    };
    let mut concepts = Vec::new();
    let mut current: Option<Concept> = None;
    let mut lang = String::new();
    let mut term: Option<(String, String)> = None; // (term, status)
    let mut open: Vec<(String, String)> = Vec::new(); // (element, type attribute)
    let mut saw_root = false;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| err(&reader, format!("expected well-formed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let attr = |key: &[u8]| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                match local.as_str() {
                    "tbx" | "martif" => saw_root = true,
                    "conceptEntry" | "termEntry" => {
                        let id = attr(b"id").unwrap_or_default();
                        current = Some(Concept {
                            id: id.strip_prefix('_').map(str::to_string).unwrap_or(id),
                            ..Concept::default()
                        })
                    }
                    "langSec" | "langSet" => {
                        lang = attr(b"xml:lang").unwrap_or_default();
                        if !languages.contains(&lang) {
                            languages.push(lang.clone());
                        }
                    }
                    "termSec" | "tig" | "ntig" => {
                        term = Some((String::new(), PREFERRED.to_string()))
                    }
                    _ => {}
                }
                open.push((local, attr(b"type").unwrap_or_default()));
            }
            Event::Text(t) => {
                let text = t
                    .unescape()
                    .map_err(|e| err(&reader, format!("expected text: {e}")))?
                    .into_owned();
                let (element, kind) = open.last().cloned().unwrap_or_default();
                let Some(c) = current.as_mut() else { continue };
                match (element.as_str(), kind.as_str()) {
                    ("term", _) => {
                        if let Some(t) = term.as_mut() {
                            t.0 = text;
                        }
                    }
                    ("termNote", "administrativeStatus") => {
                        if let Some(t) = term.as_mut() {
                            t.1 = text;
                        }
                    }
                    ("admin", "projectSubset") => c.category = text,
                    ("admin", "source") => c.source = text,
                    ("note", _) => {
                        if let Some(e) = text.strip_prefix("etymology: ") {
                            c.etymology = e.to_string();
                        } else if let Some((name, value)) =
                            text.strip_prefix('[').and_then(|r| r.split_once("] "))
                        {
                            c.extra.push((name.to_string(), value.to_string()));
                        } else if c.note.is_empty() {
                            c.note = text;
                        } else {
                            c.note = format!("{}; {text}", c.note);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                open.pop();
                match local.as_str() {
                    "termSec" | "tig" | "ntig" => {
                        if let (Some((text, status)), Some(c)) = (term.take(), current.as_mut()) {
                            place(c, &lang, text, &status);
                        }
                    }
                    "conceptEntry" | "termEntry" => {
                        if let Some(c) = current.take() {
                            concepts.push(c);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(Error::Table {
            file: name.to_string(),
            line: 1,
            message: "expected a <tbx> or <martif> root element".to_string(),
        });
    }
    Ok((concepts, languages))
}

/// A term base read for a glossary: its concepts, and what was done to
/// make them a valid glossary (one message each).
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The concepts, in file order.
    pub concepts: Vec<Concept>,
    /// Warnings: generated ids, promoted or dropped entries.
    pub warnings: Vec<String>,
}

/// Reads a TBX term base as a glossary: languages matched by their primary
/// subtag (`kk-KZ` is Kazakh); an entry without an id gets a stable one
/// made from its terms (`gland.thyroid_gland`); an entry without a
/// preferred Kazakh term takes its first Kazakh variant, and one without
/// any Kazakh term is left out; each is a warning. A term base with no
/// Kazakh terms at all is an error naming the languages it has.
///
/// ```
/// let tbx = r#"<tbx style="dca" type="TBX-Basic" xml:lang="en"><text><body>
/// <conceptEntry><langSec xml:lang="kk-KZ"><termSec><term>без</term></termSec></langSec>
/// <langSec xml:lang="en-GB"><termSec><term>gland</term></termSec></langSec></conceptEntry>
/// </body></text></tbx>"#;
/// let imported = kazterm::glossary::tbx::import(tbx.as_bytes(), "g.tbx").unwrap();
/// assert_eq!(imported.concepts[0].id, "concept.gland");
/// assert_eq!(imported.warnings.len(), 1);
/// ```
pub fn import(bytes: &[u8], name: &str) -> Result<Imported> {
    let (read, languages) = read_with_languages(bytes, name)?;
    if !read
        .iter()
        .any(|c| !c.kk.is_empty() || !c.kk_variants.is_empty())
    {
        let found = if languages.is_empty() {
            "none".to_string()
        } else {
            languages.join(", ")
        };
        return Err(Error::Usage(format!(
            "{name}: no Kazakh (kk) terms; the languages found are {found}: a glossary needs kk, and en or la"
        )));
    }
    let mut imported = Imported::default();
    let mut ids: std::collections::HashSet<String> = read
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| !id.is_empty())
        .collect();
    for (k, mut c) in read.into_iter().enumerate() {
        let entry = if c.id.is_empty() {
            format!("entry {}", k + 1)
        } else {
            format!("entry `{}`", c.id)
        };
        if c.kk.is_empty() {
            if c.kk_variants.is_empty() {
                imported
                    .warnings
                    .push(format!("{name}: {entry} has no Kazakh term: left out"));
                continue;
            }
            c.kk = c.kk_variants.remove(0);
            imported.warnings.push(format!(
                "{name}: {entry} has no preferred Kazakh term: `{}` taken",
                c.kk
            ));
        }
        // TBX without a subject field (projectSubset) says nothing of the
        // kind of concept.
        if c.category.is_empty() {
            c.category = "other".to_string();
        }
        if c.id.is_empty() || !is_xml_id(&c.id) {
            let id = generated_id(&c, &ids);
            imported
                .warnings
                .push(format!("{name}: {entry} has no valid id: `{id}` given"));
            ids.insert(id.clone());
            c.id = id;
        }
        imported.concepts.push(c);
    }
    Ok(imported)
}

/// A stable id for a concept from its terms: its category (or `concept`)
/// and its English, Latin or Kazakh (in 2021 Latin letters), made an XML
/// ID and unique among `taken`.
fn generated_id(c: &Concept, taken: &std::collections::HashSet<String>) -> String {
    let term = [&c.en, &c.la]
        .into_iter()
        .find(|t| !t.is_empty())
        .cloned()
        .unwrap_or_else(|| crate::translit::to_latin(&c.kk));
    let slug: String = term
        .to_lowercase()
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { '_' })
        .collect();
    let category = if c.category.is_empty() || c.category == "other" || !is_xml_id(&c.category) {
        "concept"
    } else {
        c.category.as_str()
    };
    let base = format!("{category}.{}", slug.trim_matches('_'));
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

/// Puts a term read from TBX in its column.
fn place(c: &mut Concept, lang: &str, text: String, status: &str) {
    if text.is_empty() {
        return;
    }
    let preferred = status == PREFERRED;
    let lang = crate::langtag::primary(lang);
    match (lang.as_str(), preferred) {
        ("kk", true) if c.kk.is_empty() => c.kk = text,
        ("kk", _) if status == DEPRECATED => c.kk_deprecated.push(text),
        ("kk", _) => c.kk_variants.push(text),
        ("la", _) if c.la.is_empty() => c.la = text,
        ("grc", _) if c.grc.is_empty() => c.grc = text,
        ("en", true) if c.en.is_empty() => c.en = text,
        ("en", _) => c.en_variants.push(text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_ids() {
        assert!(is_xml_id("gland.thyroid"));
        assert!(is_xml_id("_1"));
        assert!(!is_xml_id("1gland"));
        assert!(!is_xml_id("gland thyroid"));
    }

    #[test]
    fn both_flavours_round_trip_with_escapes_and_extras() {
        let c = Concept {
            id: "gland.thyroid".into(),
            kk: "қалқанша без".into(),
            kk_variants: vec!["қалқанша безі".into()],
            kk_deprecated: vec!["қалқан без".into()],
            la: "glandula thyroidea".into(),
            grc: "θυρεοειδής".into(),
            en: "thyroid gland".into(),
            en_variants: vec!["thyroid".into()],
            category: "gland".into(),
            etymology: "Greek thyreoeides 'shield-shaped' & <more>".into(),
            note: "TA: Glandula thyroidea".into(),
            source: "TA2".into(),
            extra: vec![("reviewer".into(), "Айгүл".into())],
            line: 0,
        };
        for flavour in [Flavour::Basic2019, Flavour::Martif2008] {
            let mut out = Vec::new();
            write(std::slice::from_ref(&c), flavour, "t", &mut out).unwrap();
            let back = read(&out, "t.tbx").unwrap();
            assert_eq!(
                back,
                vec![c.clone()],
                "{flavour:?}\n{}",
                String::from_utf8_lossy(&out)
            );
        }
    }

    #[test]
    fn bad_xml_names_the_file() {
        let err = read(b"<tbx><text><body><conceptEntry id='a'></body>", "bad.tbx").unwrap_err();
        assert!(err.to_string().starts_with("bad.tbx:"), "{err}");
        assert!(read(b"<root/>", "x.tbx").is_err());
    }
}
