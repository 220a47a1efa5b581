//! Anki decks from the glossary and the corpus: `.apkg` packages that Anki
//! 2.1 and later import, and Anki's text-import files.
//!
//! One note per concept with a note type of our own, `kazterm term` (fields
//! Kazakh, Latin, Greek, English, Category, Etymology, Example, Source; cards
//! Kazakh → English/Latin and English → Kazakh), optionally a cloze note per
//! concept built from a corpus sentence. Decks are nested by category with
//! `::`. Identity is stable: a note's GUID is base91 of the first 64 bits of
//! the SHA-256 of its glossary id (as genanki's `guid_for` computes it), and
//! note type and deck ids are derived from their names, so importing a newer
//! deck updates the learner's notes and keeps their reviews.
//!
//! The package format follows what Anki's importer reads (schema 11
//! `collection.anki2` with the five tables, a JSON `media` map, no `meta`;
//! see `shared/tools/README.md` of the project for the facts and their
//! sources in Anki's code).

pub mod apkg;
pub mod text;

use sha2::{Digest, Sha256};

use crate::glossary::Concept;

/// The deck everything goes under by default.
pub const DEFAULT_DECK: &str = "Kazakh endocrine terms";

/// The fields of the `kazterm term` note type, in order.
pub const FIELDS: [&str; 8] = [
    "Kazakh",
    "Latin",
    "Greek",
    "English",
    "Category",
    "Etymology",
    "Example",
    "Source",
];

/// The note type's name. A change of its fields must come with a new name
/// (`kazterm term v2`), which gives it a new id: Anki would otherwise copy
/// the note type and leave the learner's notes "conflicting".
pub const NOTETYPE: &str = "kazterm term";

/// The cloze note type's name.
pub const CLOZE_NOTETYPE: &str = "kazterm cloze";

/// Seconds since the epoch of the current templates and CSS: bump it when
/// they change, so that Anki takes the new ones on import.
pub const TEMPLATES_MOD: i64 = 1_795_000_000;

/// Which cards to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cards {
    /// Kazakh → English/Latin.
    KkEn,
    /// English → Kazakh.
    EnKk,
    /// Cloze deletions of corpus sentences.
    Cloze,
}

/// One note to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its GUID.
    pub guid: String,
    /// The full deck name.
    pub deck: String,
    /// The fields (HTML), in the note type's order.
    pub fields: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// A cloze note (Text, Extra) rather than a `kazterm term` note.
    pub cloze: bool,
}

/// The alphabet of Anki's (and genanki's) base91 GUIDs.
const BASE91: &[u8] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";

/// A GUID derived from values, as genanki's `guid_for`: base91 of the first
/// eight bytes (big-endian) of the SHA-256 of the values joined by `__`.
///
/// ```
/// let a = kazterm::anki::guid_for(&["gland.thyroid"]);
/// assert_eq!(a, kazterm::anki::guid_for(&["gland.thyroid"]));
/// assert_ne!(a, kazterm::anki::guid_for(&["gland.pineal"]));
/// assert!(a.len() <= 11 && !a.contains(['\t', '"', ' ']));
/// ```
pub fn guid_for(values: &[&str]) -> String {
    let digest = Sha256::digest(values.join("__").as_bytes());
    let mut n = u64::from_be_bytes(digest[..8].try_into().expect("eight bytes"));
    let mut digits = Vec::new();
    while n > 0 {
        digits.push(BASE91[(n % 91) as usize]);
        n /= 91;
    }
    digits.reverse();
    String::from_utf8(digits).expect("ASCII")
}

/// An id in genanki's recommended range [2^30, 2^31), derived from a name.
pub fn id_for(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    let n = u32::from_be_bytes(digest[..4].try_into().expect("four bytes"));
    (1i64 << 30) + i64::from(n % (1 << 30))
}

/// HTML-escapes field text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The sub-deck of a category.
pub fn category_deck(category: &str) -> &'static str {
    match category {
        "gland" => "Glands",
        "hormone" => "Hormones",
        "disease" => "Diseases",
        "condition" => "Conditions",
        "anatomy" => "Anatomy",
        "substance" => "Substances",
        "body_fluid" => "Body fluids",
        "cell" => "Cells",
        "organism" => "Organisms",
        "drug" => "Drugs",
        "procedure" => "Procedures",
        "etymon" => "Etymons",
        _ => "Other",
    }
}

/// A corpus sentence for a concept: its text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The sentence.
    pub sentence: String,
    /// The form of the term in it.
    pub surface: String,
    /// `file:line`.
    pub source: String,
}

/// A concept with its example sentence and its origin (kk, la, grc,
/// neoclassical), as the deck needs it.
pub type Entry<'a> = (&'a Concept, Option<Example>, String);

/// One Anki tag: Anki separates tags by white space and reads `"` as
/// quoting, so white space becomes `_` and quotes and control characters
/// go (a category `gland marked` is the tag `kazterm::gland_marked`, not
/// two tags of which one is Anki's own `marked`).
///
/// ```
/// assert_eq!(kazterm::anki::tag("kazterm::gland marked\t x"), "kazterm::gland_marked_x");
/// ```
pub fn tag(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.chars()
                .filter(|c| !c.is_control() && *c != '"')
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("_")
        .trim_end_matches(':')
        .to_string()
}

/// Builds the notes: one `kazterm term` note per concept (and a cloze note
/// per concept with an example when `cloze`), in the given order.
pub fn notes(concepts: &[Entry<'_>], deck: &str, cloze: bool) -> Vec<Note> {
    let mut out = Vec::new();
    for (c, example, origin) in concepts {
        let sub = format!("{deck}::{}", category_deck(&c.category));
        let tags = vec![
            tag(&format!("kazterm::{}", c.category)),
            tag(&format!("origin::{origin}")),
        ];
        let bold_example = example
            .as_ref()
            .map(|e| bold(&e.sentence, &e.surface))
            .unwrap_or_default();
        let mut etymology = escape(&c.etymology);
        if !c.note.is_empty() {
            if !etymology.is_empty() {
                etymology.push_str("<br>");
            }
            etymology.push_str(&escape(&c.note));
        }
        let english = std::iter::once(c.en.as_str())
            .chain(c.en_variants.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
            .map(escape)
            .collect::<Vec<_>>()
            .join("; ");
        out.push(Note {
            guid: guid_for(&[&c.id]),
            deck: sub.clone(),
            fields: vec![
                escape(&c.kk),
                escape(&c.la),
                escape(&c.grc),
                english,
                escape(&c.category),
                etymology,
                bold_example,
                escape(
                    &example
                        .as_ref()
                        .map(|e| e.source.clone())
                        .unwrap_or_default(),
                ),
            ],
            tags: tags.clone(),
            cloze: false,
        });
        if cloze {
            if let Some(e) = example {
                if let Some(text) = cloze_text(&e.sentence, &e.surface) {
                    out.push(Note {
                        guid: guid_for(&[&c.id, "cloze"]),
                        deck: sub.clone(),
                        fields: vec![text, format!("{} — {}", escape(&c.kk), escape(&c.en))],
                        tags: tags.clone(),
                        cloze: true,
                    });
                }
            }
        }
    }
    out
}

fn bold(sentence: &str, surface: &str) -> String {
    match sentence.find(surface).filter(|_| !surface.is_empty()) {
        Some(i) => format!(
            "{}<b>{}</b>{}",
            escape(&sentence[..i]),
            escape(surface),
            escape(&sentence[i + surface.len()..])
        ),
        None => escape(sentence),
    }
}

fn cloze_text(sentence: &str, surface: &str) -> Option<String> {
    let i = sentence.find(surface).filter(|_| !surface.is_empty())?;
    Some(format!(
        "{}{{{{c1::{}}}}}{}",
        escape(&sentence[..i]),
        escape(surface),
        escape(&sentence[i + surface.len()..])
    ))
}

/// The text Anki sorts and checks duplicates by: a field without its HTML.
pub fn strip_html(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Anki's checksum of a note's first field: the first 8 hex digits of the
/// SHA-1 of the field without HTML, as an integer.
pub fn csum(first_field: &str) -> i64 {
    use sha1::Digest as _;
    let digest = sha1::Sha1::digest(strip_html(first_field).as_bytes());
    i64::from(u32::from_be_bytes(
        digest[..4].try_into().expect("four bytes"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_follow_genanki() {
        // genanki.guid_for("a") — base91 of sha256("a")[:8], computed by hand
        // from the digest ca978112ca1bbdca…: stable across releases.
        let g = guid_for(&["a"]);
        assert_eq!(g, guid_for(&["a"]));
        assert!(g.chars().all(|c| BASE91.contains(&(c as u8))));
        assert!(id_for("kazterm term") >= 1 << 30 && id_for("kazterm term") < 1 << 31);
    }

    #[test]
    fn fields_are_escaped_and_stripped_back() {
        assert_eq!(escape("a < b & c"), "a &lt; b &amp; c");
        assert_eq!(strip_html("<b>без</b> &amp; гормон"), "без & гормон");
        assert_eq!(csum("без"), csum("<b>без</b>"));
    }

    #[test]
    fn examples_are_bolded_and_clozed() {
        assert_eq!(
            bold("Гипофиз гормон бөледі.", "гормон"),
            "Гипофиз <b>гормон</b> бөледі."
        );
        assert_eq!(
            cloze_text("Гипофиз гормон бөледі.", "гормон").unwrap(),
            "Гипофиз {{c1::гормон}} бөледі."
        );
    }
}
