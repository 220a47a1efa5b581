//! Reading bilingual files as their authors meant them: the units of XLIFF
//! 1.2 and 2.0, TMX 1.4 and two-column TSV, each with its source and target
//! text and where every piece of that text stands in the file, so that a
//! finding inside a target points at its real line and column.
//!
//! What counts as a unit's text (XLIFF 1.2 and 2.0 core specifications,
//! TMX 1.4b):
//! - text in `<![CDATA[…]]>` sections is text like any other;
//! - inline codes carry no translatable text (`bpt`, `ept`, `ph`, `it`, `ut`,
//!   and XLIFF 2.0's `originalData`), while the text of inline markup (`g`,
//!   `mrk`, `pc`, TMX `hi`) is kept;
//! - suggestions and metadata are not the unit's text: XLIFF 1.2 `alt-trans`,
//!   `seg-source`, `note`, `context-group`; XLIFF 2.0 `notes` and the
//!   modules' `matches`, `glossary`, `metadata`, `changeTrack`; TMX `prop`
//!   and `note`;
//! - `translate="no"` on a unit, or on the group or file around it, takes the
//!   unit out of the check;
//! - a unit with no target, or an empty one, is untranslated.
//!
//! Languages: XLIFF declares them (`source-language`/`target-language` on
//! 1.2's `<file>`, `srcLang`/`trgLang` on 2.0's `<xliff>`); a TMX unit has a
//! variant per language, the header names the source (`srclang`), and the
//! other languages are told apart by the caller's choice (see
//! [`Document::languages`]).
//!
//! ```
//! let xliff = r#"<xliff version="1.2"><file source-language="en" target-language="kk">
//! <body><trans-unit id="1"><source>Thyroid gland</source>
//! <target><![CDATA[Қалқанша без]]></target></trans-unit></body></file></xliff>"#;
//! let doc = kazterm::check::segments::Document::parse(xliff, "t.xlf").unwrap();
//! let (source, target) = doc.languages(None).unwrap();
//! let segments = doc.segments(&source, &target);
//! assert_eq!(segments[0].target.as_ref().unwrap().text, "Қалқанша без");
//! ```

use crate::error::{Error, Result};

/// What kind of bilingual file a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `source<TAB>target`, a segment a line.
    Tsv,
    /// XLIFF 1.2 or 2.0.
    Xliff,
    /// TMX.
    Tmx,
}

impl FileKind {
    /// The kind of XML bilingual file the start of a text is (the root
    /// element is `xliff` or `tmx`), or `None` for anything else.
    ///
    /// ```
    /// use kazterm::check::segments::FileKind;
    /// assert_eq!(FileKind::sniff(b"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">"), Some(FileKind::Tmx));
    /// assert_eq!(FileKind::sniff("Қалқанша без".as_bytes()), None);
    /// ```
    pub fn sniff(head: &[u8]) -> Option<FileKind> {
        let head = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        if !trimmed.starts_with('<') {
            return None;
        }
        // The first element that is not a declaration, comment or doctype.
        let mut rest = trimmed;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            if rest.starts_with(['?', '!']) {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or("");
            return match local {
                "xliff" => Some(FileKind::Xliff),
                "tmx" => Some(FileKind::Tmx),
                _ => None,
            };
        }
        None
    }

    /// [`FileKind::sniff`] on the start of a file (a compressed file is
    /// never XML).
    pub fn sniff_path(path: &std::path::Path) -> Result<Option<FileKind>> {
        use std::io::Read;
        let mut head = Vec::with_capacity(4096);
        std::fs::File::open(path)
            .and_then(|f| f.take(4096).read_to_end(&mut head))
            .map_err(|e| Error::io(path, e))?;
        Ok(FileKind::sniff(&head))
    }
}

/// One side of a segment: its text, and where each piece of it stands in
/// the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// The text, entities resolved, codes left out.
    pub text: String,
    /// (offset in `text`, byte offset in the file): from each anchor on,
    /// the text and the file advance together, up to the next anchor.
    anchors: Vec<(usize, usize)>,
}

impl Text {
    /// Appends text that stands verbatim at `file_offset`.
    fn push_verbatim(&mut self, s: &str, file_offset: usize) {
        if s.is_empty() {
            return;
        }
        self.anchors.push((self.text.len(), file_offset));
        self.text.push_str(s);
    }

    /// Appends XML character data (with entity and character references)
    /// whose raw form starts at `file_offset`.
    fn push_escaped(&mut self, raw: &str, file_offset: usize) -> std::result::Result<(), String> {
        let mut rest = raw;
        let mut at = file_offset;
        while let Some(amp) = rest.find('&') {
            self.push_verbatim(&rest[..amp], at);
            let semi = rest[amp..]
                .find(';')
                .map(|k| amp + k)
                .ok_or_else(|| "expected `;` to end an entity reference".to_string())?;
            let value = quick_xml::escape::unescape(&rest[amp..=semi])
                .map_err(|e| format!("expected a known entity: {e}"))?;
            self.push_verbatim(&value, at + amp);
            at += semi + 1;
            rest = &rest[semi + 1..];
        }
        self.push_verbatim(rest, at);
        Ok(())
    }

    /// The byte offset in the file of byte `at` of the text (inside an
    /// entity reference: where the reference starts).
    ///
    /// ```
    /// let doc = kazterm::check::segments::Document::parse(
    ///     "a\tИнсулин &amp; глюкагон\n", "t.tsv").unwrap();
    /// let target = doc.segments("en", "kk")[0].target.clone().unwrap();
    /// let at = target.text.find("глюкагон").unwrap();
    /// assert_eq!(target.file_offset(at), "a\tИнсулин &amp; ".len());
    /// ```
    pub fn file_offset(&self, at: usize) -> usize {
        let k = self.anchors.partition_point(|&(t, _)| t <= at);
        match k.checked_sub(1).map(|k| self.anchors[k]) {
            Some((t, f)) => f + (at - t),
            None => self.anchors.first().map_or(0, |&(_, f)| f),
        }
    }

    /// True when the text has nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One unit of a bilingual file, in the languages asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The unit's id (XLIFF `id`, TMX `tuid`, or its number), qualified by
    /// its file as XLIFF 2.0's fragment identifiers write it (`f=F/u=U`)
    /// when ids repeat across the `<file>`s of one document; the line for TSV.
    pub id: String,
    /// The line where the unit starts.
    pub line: usize,
    /// The source text.
    pub source: Text,
    /// The target text; `None` when the unit has none.
    pub target: Option<Text>,
}

/// A unit as read, before languages are chosen.
#[derive(Debug, Clone, Default)]
struct Unit {
    id: String,
    file: String,
    line: usize,
    source: Option<Text>,
    target: Option<Text>,
    /// TMX: a text per language variant.
    variants: Vec<(String, Text)>,
}

/// A parsed bilingual file.
#[derive(Debug, Clone)]
pub struct Document {
    name: String,
    /// Which kind of file.
    pub kind: FileKind,
    /// The source and target languages the file declares.
    pub declared: (Option<String>, Option<String>),
    /// TMX: every language of its variants, in the order first seen.
    pub variant_languages: Vec<String>,
    units: Vec<Unit>,
    /// Where each line starts, and the text, for positions.
    line_starts: Vec<usize>,
    text: String,
}

/// Element names whose content is never the unit's text (see the module's
/// doc).
const NOT_TEXT: &[&str] = &[
    "alt-trans",
    "seg-source",
    "note",
    "notes",
    "context-group",
    "originalData",
    "matches",
    "match",
    "glossary",
    "metadata",
    "changeTrack",
    "prop",
];

/// Inline codes: native code, not text, inside a source, target or seg.
const CODES: &[&str] = &["bpt", "ept", "ph", "it", "ut"];

pub use crate::langtag::primary;

impl Document {
    /// Parses a bilingual file's text; `name` names it in errors.
    pub fn parse(text: &str, name: &str) -> Result<Document> {
        let kind = FileKind::sniff(text.as_bytes()).unwrap_or(FileKind::Tsv);
        let mut doc = Document {
            name: name.to_string(),
            kind,
            declared: (None, None),
            variant_languages: Vec::new(),
            units: Vec::new(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            text: text.to_string(),
        };
        match kind {
            FileKind::Tsv => doc.read_tsv()?,
            FileKind::Xliff | FileKind::Tmx => doc.read_xml(text)?,
        }
        doc.qualify_repeated_ids();
        Ok(doc)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    fn read_tsv(&mut self) -> Result<()> {
        for (n, line) in self.text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() {
                continue;
            }
            let Some((source, target)) = line.split_once('\t') else {
                return Err(Error::Table {
                    file: self.name.clone(),
                    line: line_no,
                    message: "expected `source<TAB>target`".to_string(),
                });
            };
            if n == 0 && source.trim() == "source" && target.trim() == "target" {
                continue;
            }
            let start = self.line_starts[n];
            let mut s = Text::default();
            s.push_verbatim(source, start);
            let mut t = Text::default();
            t.push_verbatim(target, start + source.len() + 1);
            self.units.push(Unit {
                id: line_no.to_string(),
                line: line_no,
                source: Some(s),
                target: Some(t),
                ..Unit::default()
            });
        }
        Ok(())
    }

    /// Reads the units of `text`, the document's own text.
    fn read_xml(&mut self, text: &str) -> Result<()> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(text);
        let mut unit: Option<Unit> = None;
        // Where text goes: the source, the target, or a TMX variant.
        #[derive(Clone, Copy, PartialEq)]
        enum Into {
            Source,
            Target,
            Variant,
        }
        let mut into: Option<Into> = None;
        let mut variant_lang = String::new();
        let mut file_id = String::new();
        // translate="no" as inherited, one entry per open element.
        let mut translate: Vec<bool> = Vec::new();
        let mut skipping = 0usize;
        let result = loop {
            let pos = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => break Err(self.xml_error(pos, format!("expected well-formed XML: {e}"))),
            };
            match event {
                Event::Start(e) => {
                    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    if skipping > 0 {
                        skipping += 1;
                        continue;
                    }
                    if NOT_TEXT.contains(&local.as_str())
                        || (into.is_some() && CODES.contains(&local.as_str()))
                    {
                        skipping = 1;
                        continue;
                    }
                    let attr = |key: &str| attribute(&e, key);
                    let inherited = translate.last().copied().unwrap_or(true);
                    translate.push(match attr("translate").as_deref() {
                        Some("no") => false,
                        Some("yes") => true,
                        _ => inherited,
                    });
                    match local.as_str() {
                        "xliff" => {
                            self.declared.0 = self.declared.0.take().or(attr("srcLang"));
                            self.declared.1 = self.declared.1.take().or(attr("trgLang"));
                        }
                        "file" => {
                            file_id = attr("id").or_else(|| attr("original")).unwrap_or_default();
                            self.declared.0 = self.declared.0.take().or(attr("source-language"));
                            self.declared.1 = self.declared.1.take().or(attr("target-language"));
                        }
                        "trans-unit" | "unit" | "tu" => {
                            let id = attr("id")
                                .or_else(|| attr("tuid"))
                                .unwrap_or_else(|| (self.units.len() + 1).to_string());
                            unit = Some(Unit {
                                id,
                                file: file_id.clone(),
                                line: self.position(pos).0,
                                ..Unit::default()
                            });
                            // Text goes nowhere until this unit opens a
                            // source, target or segment of its own.
                            into = None;
                        }
                        "source" if self.kind == FileKind::Xliff => {
                            if let Some(u) = unit.as_mut() {
                                u.source.get_or_insert_with(Text::default);
                                into = Some(Into::Source);
                            }
                        }
                        "target" if self.kind == FileKind::Xliff => {
                            if let Some(u) = unit.as_mut() {
                                u.target.get_or_insert_with(Text::default);
                                into = Some(Into::Target);
                            }
                        }
                        "tuv" => {
                            variant_lang = attr("lang").unwrap_or_default();
                            if !self.variant_languages.contains(&variant_lang) {
                                self.variant_languages.push(variant_lang.clone());
                            }
                        }
                        "seg" if self.kind == FileKind::Tmx => {
                            if let Some(u) = unit.as_mut() {
                                u.variants.push((variant_lang.clone(), Text::default()));
                                into = Some(Into::Variant);
                            }
                        }
                        _ => {}
                    }
                    if local == "header" {
                        self.declared.0 = attr("srclang");
                    }
                }
                Event::Empty(e) => {
                    if skipping > 0 {
                        continue;
                    }
                    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    match local.as_str() {
                        // An empty target is a target with no text.
                        "target" if self.kind == FileKind::Xliff => {
                            if let Some(u) = unit.as_mut() {
                                u.target.get_or_insert_with(Text::default);
                            }
                        }
                        "header" => self.declared.0 = attribute(&e, "srclang"),
                        _ => {}
                    }
                }
                Event::Text(t) if skipping == 0 => {
                    if let (Some(which), Some(u)) = (into, unit.as_mut()) {
                        let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                        if let Some(side) =
                            side_mut(u, which == Into::Source, which == Into::Target)
                        {
                            if let Err(message) = side.push_escaped(&raw, pos) {
                                break Err(self.xml_error(pos, message));
                            }
                        }
                    }
                }
                Event::CData(c) if skipping == 0 => {
                    if let (Some(which), Some(u)) = (into, unit.as_mut()) {
                        let raw = String::from_utf8_lossy(c.as_ref()).into_owned();
                        if let Some(side) =
                            side_mut(u, which == Into::Source, which == Into::Target)
                        {
                            side.push_verbatim(&raw, pos + "<![CDATA[".len());
                        }
                    }
                }
                Event::End(e) => {
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    let translatable = translate.pop().unwrap_or(true);
                    match local.as_str() {
                        "source" | "target" | "seg" => into = None,
                        "trans-unit" | "unit" | "tu" => {
                            if let Some(u) = unit.take() {
                                if translatable {
                                    self.units.push(u);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break Ok(()),
                _ => {}
            }
        };
        result
    }

    fn xml_error(&self, pos: usize, message: String) -> Error {
        let (line, column) = self.position(pos);
        Error::Table {
            file: self.name.clone(),
            line,
            message: format!("column {column}: {message}"),
        }
    }

    /// Ids that repeat across the `<file>`s of one document are qualified
    /// by their file, as XLIFF 2.0 fragment identifiers write it.
    fn qualify_repeated_ids(&mut self) {
        let mut files_of: std::collections::HashMap<&str, &str> = Default::default();
        let repeated = self.units.iter().any(|u| {
            *files_of
                .entry(u.id.as_str())
                .or_insert_with(|| u.file.as_str())
                != u.file.as_str()
        });
        if repeated {
            for u in &mut self.units {
                u.id = format!("f={}/u={}", u.file, u.id);
            }
        }
    }

    /// The source and target languages to check in: the ones asked for
    /// (`wanted`, e.g. from `--source`/`--target`), which must agree with
    /// what an XLIFF file declares; else the file's own: XLIFF's declared
    /// pair, TMX's header `srclang` and its one other variant language.
    /// An error says what the file has and which flags to give.
    pub fn languages(&self, wanted: Option<(&str, &str)>) -> Result<(String, String)> {
        let usage = |message: String| Error::Usage(format!("{}: {message}", self.name));
        match (self.kind, wanted) {
            (FileKind::Tsv, None) => Err(usage(
                "a two-column file has no languages of its own: give --source en --target kk"
                    .into(),
            )),
            (FileKind::Tsv, Some((s, t))) => Ok((s.to_string(), t.to_string())),
            (FileKind::Xliff, _) => {
                let (declared_s, declared_t) = &self.declared;
                if let Some((s, t)) = wanted {
                    for (asked, declared, what) in
                        [(s, declared_s, "source"), (t, declared_t, "target")]
                    {
                        if let Some(d) =
                            declared.as_deref().filter(|d| primary(d) != primary(asked))
                        {
                            return Err(usage(format!(
                                "the file's {what} language is {d}, not {asked}"
                            )));
                        }
                    }
                    return Ok((s.to_string(), t.to_string()));
                }
                match (declared_s, declared_t) {
                    (Some(s), Some(t)) => Ok((s.clone(), t.clone())),
                    _ => Err(usage(
                        "the file does not declare its source and target languages: give --source en --target kk".into(),
                    )),
                }
            }
            (FileKind::Tmx, _) => {
                let source = match wanted {
                    Some((s, _)) => s.to_string(),
                    None => match self.declared.0.as_deref() {
                        Some(s) if !s.eq_ignore_ascii_case("*all*") => s.to_string(),
                        _ => {
                            return Err(usage(format!(
                                "the header names no source language (its variants are in {}): give --source en --target kk",
                                self.variant_languages.join(", ")
                            )))
                        }
                    },
                };
                if let Some((_, t)) = wanted {
                    return Ok((source, t.to_string()));
                }
                let others: Vec<&String> = self
                    .variant_languages
                    .iter()
                    .filter(|l| primary(l) != primary(&source))
                    .collect();
                match others.as_slice() {
                    [one] => Ok((source, one.to_string())),
                    _ => Err(usage(format!(
                        "the source is {source}, and the variants are in {}: give --source and --target (e.g. --source en --target kk)",
                        if self.variant_languages.is_empty() {
                            "no language".to_string()
                        } else {
                            self.variant_languages.join(", ")
                        }
                    ))),
                }
            }
        }
    }

    /// The translatable units in `source` and `target` languages (matched
    /// by primary subtag: `en-US` is `en`); TMX variants in other
    /// languages are left out.
    pub fn segments(&self, source: &str, target: &str) -> Vec<Segment> {
        let (source, target) = (primary(source), primary(target));
        self.units
            .iter()
            .map(|u| {
                // The first variant in the language (TMX has one of each).
                let pick = |lang: &str| -> Option<Text> {
                    u.variants
                        .iter()
                        .find(|(l, _)| primary(l) == lang)
                        .map(|(_, text)| text.clone())
                };
                let (s, t) = match self.kind {
                    FileKind::Tmx => (pick(&source), pick(&target)),
                    _ => (u.source.clone(), u.target.clone()),
                };
                Segment {
                    id: u.id.clone(),
                    line: u.line,
                    source: s.unwrap_or_default(),
                    target: t,
                }
            })
            .collect()
    }
}

/// Where text read now goes in `u`: its source, its target, or its last
/// variant (none when the markup opened no variant in this unit: a `<seg>`
/// left open across units).
fn side_mut(u: &mut Unit, source: bool, target: bool) -> Option<&mut Text> {
    if source {
        Some(u.source.get_or_insert_with(Text::default))
    } else if target {
        Some(u.target.get_or_insert_with(Text::default))
    } else {
        u.variants.last_mut().map(|(_, text)| text)
    }
}

/// An attribute's value by local name (`xml:lang` is `lang`).
fn attribute(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(xml: &str) -> Vec<Segment> {
        let doc = Document::parse(xml, "t.xlf").unwrap();
        let (s, t) = doc.languages(Some(("en", "kk"))).unwrap();
        doc.segments(&s, &t)
    }

    #[test]
    fn cdata_is_text_and_alt_trans_is_not() {
        let segments = one(
            r#"<xliff version="1.2"><file source-language="en" target-language="kk"><body>
<trans-unit id="a"><source><![CDATA[The pancreas & the liver]]></source>
<seg-source><mrk mtype="seg" mid="1">The pancreas</mrk></seg-source>
<target>Ұйқы <![CDATA[безі & бауыр]]></target>
<alt-trans><source>The pancreas</source><target>Бауыр</target></alt-trans>
<note>the pancreas, again</note>
</trans-unit></body></file></xliff>"#,
        );
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].source.text, "The pancreas & the liver");
        assert_eq!(
            segments[0].target.as_ref().unwrap().text,
            "Ұйқы безі & бауыр"
        );
    }

    #[test]
    fn translate_no_is_inherited_and_codes_are_left_out() {
        let segments = one(
            r#"<xliff version="2.0" srcLang="en" trgLang="kk"><file id="f">
<group id="g" translate="no"><unit id="1"><segment><source>Logo</source></segment></unit></group>
<unit id="2"><originalData><data id="d1">&lt;b&gt;</data></originalData>
<segment><source><ph id="1" dataRef="d1"/>Insulin</source><target><pc id="2">Инсулин</pc></target></segment></unit>
<unit id="3" translate="no"><segment><source>®</source></segment></unit>
</file></xliff>"#,
        );
        let ids: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["2"]);
        assert_eq!(segments[0].source.text, "Insulin");
        assert_eq!(segments[0].target.as_ref().unwrap().text, "Инсулин");
    }

    #[test]
    fn a_missing_or_empty_target_is_no_text() {
        let segments = one(
            r#"<xliff version="1.2"><file source-language="en" target-language="kk"><body>
<trans-unit id="1"><source>Gland</source></trans-unit>
<trans-unit id="2"><source>Gland</source><target/></trans-unit>
<trans-unit id="3"><source>Gland</source><target> </target></trans-unit>
</body></file></xliff>"#,
        );
        assert!(segments[0].target.is_none());
        assert!(segments[1].target.as_ref().unwrap().is_blank());
        assert!(segments[2].target.as_ref().unwrap().is_blank());
    }

    #[test]
    fn positions_point_into_the_file() {
        let xml = "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"kk\"><body>\n<trans-unit id=\"1\">\n  <source>A &amp; B</source>\n  <target>Ә &amp; Б без</target>\n</trans-unit></body></file></xliff>";
        let doc = Document::parse(xml, "t.xlf").unwrap();
        let segment = &doc.segments("en", "kk")[0];
        let target = segment.target.as_ref().unwrap();
        let at = target.text.find("без").unwrap();
        let offset = target.file_offset(at);
        assert!(xml[offset..].starts_with("без"));
        assert_eq!(doc.position(offset), (4, 21));
        assert_eq!(segment.line, 2);
    }

    #[test]
    fn ids_repeated_across_files_are_qualified() {
        let segments = one(r#"<xliff version="2.0" srcLang="en" trgLang="kk">
<file id="a"><unit id="1"><segment><source>x</source><target>x</target></segment></unit></file>
<file id="b"><unit id="1"><segment><source>y</source><target>y</target></segment></unit></file>
</xliff>"#);
        let ids: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["f=a/u=1", "f=b/u=1"]);
    }

    #[test]
    fn tmx_variants_in_other_languages_are_left_out() {
        let tmx = r#"<tmx version="1.4"><header srclang="en-US" segtype="sentence"/><body>
<tu tuid="7"><tuv xml:lang="en-US"><seg>25 glands</seg></tuv>
<tuv xml:lang="ru"><seg>20 желез</seg></tuv>
<tuv xml:lang="kk-KZ"><seg>25 без</seg></tuv></tu></body></tmx>"#;
        let doc = Document::parse(tmx, "t.tmx").unwrap();
        // Three languages: the target must be named.
        assert!(doc.languages(None).is_err());
        let (s, t) = doc.languages(Some(("en", "kk"))).unwrap();
        let segments = doc.segments(&s, &t);
        assert_eq!(segments[0].source.text, "25 glands");
        assert_eq!(segments[0].target.as_ref().unwrap().text, "25 без");
        assert_eq!(segments[0].id, "7");
    }

    #[test]
    fn languages_come_from_the_file_or_the_flags_must_agree() {
        let xml = r#"<xliff version="1.2"><file source-language="ru" target-language="kk"><body/></file></xliff>"#;
        let doc = Document::parse(xml, "t.xlf").unwrap();
        assert_eq!(doc.languages(None).unwrap(), ("ru".into(), "kk".into()));
        let err = doc.languages(Some(("en", "kk"))).unwrap_err().to_string();
        assert!(err.contains("source language is ru"), "{err}");
        let bare = Document::parse(
            "<xliff version=\"1.2\"><file><body/></file></xliff>",
            "b.xlf",
        )
        .unwrap();
        let err = bare.languages(None).unwrap_err().to_string();
        assert!(err.contains("--source en --target kk"), "{err}");
    }
}
