//! An Anki deck from the glossary: one note per concept, with the first
//! sentence of the corpus that uses it as its example (from the terms of
//! the extraction pass), written as `.apkg` or as Anki's text import.
//!
//! ```
//! use kazterm::glossary::Glossary;
//! use kazterm::pipeline::deck::{examples, notes, Settings};
//! let concepts = Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap().concepts();
//! let mut ex = kazterm::extract::Extractor::new(&kazterm::glossary::extractor_terms(&concepts), &[])
//!     .with_contexts(1);
//! ex.add_text("a.txt", "Гипофиз мидың астында орналасқан.\n");
//! let found = examples(&concepts, ex.finish());
//! let deck = notes(&concepts, &found, &Settings::default());
//! assert_eq!(deck.len(), concepts.len());
//! ```

use std::collections::HashMap;
use std::path::Path;

use crate::anki::{self, apkg, text, Cards, Example, Note};
use crate::error::{Error, Result};
use crate::extract::{Location, Term};
use crate::glossary::align::{Index, Match};
use crate::glossary::Concept;
use crate::output::AtomicFile;

/// Which deck to build.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The top deck's name.
    pub deck: String,
    /// Which cards.
    pub cards: Vec<Cards>,
    /// Only the concepts the corpus uses, in order of first appearance.
    pub only_found: bool,
    /// For a text file: the note type to name.
    pub notetype: text::TextNotetype,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            deck: anki::DEFAULT_DECK.to_string(),
            cards: vec![Cards::KkEn, Cards::EnKk],
            only_found: false,
            notetype: text::TextNotetype::Basic,
        }
    }
}

/// For each concept the terms name (terms extracted with the glossary's
/// forms known and one context each): the first sentence that uses it, and
/// where.
pub fn examples(concepts: &[Concept], terms: Vec<Term>) -> HashMap<String, (Example, Location)> {
    let index = Index::new(concepts);
    let mut found: HashMap<String, (Example, Location)> = HashMap::new();
    for term in terms {
        let Some(sentence) = term.contexts.first().cloned() else {
            continue;
        };
        let surface = term
            .surfaces
            .iter()
            .find(|s| sentence.contains(s.as_str()))
            .cloned()
            .unwrap_or_default();
        let location = term.first_seen.clone();
        let aligned = index.align(term);
        if matches!(aligned.how, Match::Unmatched | Match::Fuzzy) {
            continue;
        }
        let Some(concept) = aligned.concept else {
            continue;
        };
        let source = format!("{}:{}", location.file, location.line);
        found.entry(concept.id.clone()).or_insert((
            Example {
                sentence,
                surface,
                source,
            },
            location,
        ));
    }
    found
}

/// The deck's notes: every concept (or, with [`Settings::only_found`], those
/// with an example, in order of first appearance), with its example.
pub fn notes(
    concepts: &[Concept],
    examples: &HashMap<String, (Example, Location)>,
    settings: &Settings,
) -> Vec<Note> {
    let mut chosen: Vec<anki::Entry<'_>> = concepts
        .iter()
        .filter(|c| !settings.only_found || examples.contains_key(&c.id))
        .map(|c| (c, examples.get(&c.id).map(|(e, _)| e.clone()), origin(c)))
        .collect();
    if settings.only_found {
        chosen.sort_by_key(|(c, _, _)| examples.get(&c.id).map(|(_, l)| l.clone()));
    }
    anki::notes(
        &chosen,
        &settings.deck,
        settings.cards.contains(&Cards::Cloze),
    )
}

/// Where a concept's Kazakh term comes from, for the card: an etymon's
/// language, `neoclassical` for a Greek- or Latin-rooted word, else `kk`.
fn origin(c: &Concept) -> String {
    if c.category == "etymon" {
        if c.grc.is_empty() { "la" } else { "grc" }.to_string()
    } else if crate::extract::neoclassical::decompose(
        &c.kk.to_lowercase(),
        &crate::extract::neoclassical::BUILTIN,
    )
    .is_some()
    {
        "neoclassical".to_string()
    } else {
        "kk".to_string()
    }
}

/// When a deck's inputs last changed: the newest modification time of the
/// files, in seconds since the epoch (the current time for inputs without
/// one, such as standard input).
pub fn inputs_time(inputs: &[crate::input::Input]) -> i64 {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    };
    let mut newest = 0;
    for input in inputs {
        let modified = match input {
            crate::input::Input::File(path) => std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_secs() as i64),
            _ => None,
        };
        newest = newest.max(modified.unwrap_or_else(now));
    }
    if newest == 0 {
        now()
    } else {
        newest
    }
}

/// The deck formats by the output's extension: `.apkg` a package, `.txt`
/// (or `.tsv`: the file is tab-separated) Anki's text import; anything
/// else is refused rather than guessed.
///
/// ```
/// use std::path::Path;
/// use kazterm::pipeline::deck::check_extension;
/// assert!(check_extension(Path::new("deck.apkg")).is_ok());
/// assert!(check_extension(Path::new("deck.zip")).is_err());
/// ```
pub fn check_extension(path: &Path) -> Result<()> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("apkg" | "txt" | "tsv") => Ok(()),
        other => {
            Err(Error::Usage(format!(
            "{}: a deck is written as .apkg (an Anki package) or .txt (Anki's text import), not {}",
            path.display(),
            other.map_or("a file without an extension".to_string(), |e| format!(".{e}"))
        )))
        }
    }
}

/// Writes the notes to `path`: an `.apkg` package, or Anki's text import
/// for `.txt`/`.tsv` ([`check_extension`]); through a temporary file renamed
/// into place.
///
/// `changed` is when the deck's inputs last changed ([`inputs_time`]): the
/// notes' modification time, so that a rebuild from unchanged inputs
/// imports as duplicates. A note unchanged since the package already at
/// `path` keeps its time there, so that a changed concept updates exactly
/// its own note in Anki, reviews kept.
pub fn write(notes: &[Note], settings: &Settings, path: &Path, changed: i64) -> Result<()> {
    check_extension(path)?;
    let is_apkg = path.extension().is_some_and(|e| e == "apkg");
    let previous = if is_apkg {
        apkg::Previous::read(path)
    } else {
        apkg::Previous::default()
    };
    let mut file = AtomicFile::create(path)?;
    if is_apkg {
        let bytes = apkg::build(notes, &settings.cards, changed, &previous)?;
        std::io::Write::write_all(&mut file, &bytes).map_err(|e| Error::io(path, e))?;
    } else {
        text::write(notes, settings.notetype, &mut file).map_err(|e| Error::io(path, e))?;
    }
    file.commit()
}
