//! `kazterm anki`: an Anki deck (.apkg or Anki text) from the glossary and,
//! with `--corpus`, example sentences from the texts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::anki::{self, apkg, text, Cards, Example};
use crate::error::{Error, Result};
use crate::glossary::align::{Index, Match};
use crate::glossary::Glossary;
use crate::input::Input;
use crate::output::{check_not_input, AtomicFile};

/// Options of `kazterm anki`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The glossary CSV.
    pub glossary: PathBuf,
    /// Texts to take example sentences from.
    pub corpus: Vec<Input>,
    /// The top deck's name.
    pub deck: String,
    /// Which cards.
    pub cards: Vec<Cards>,
    /// Only the concepts the corpus uses, in order of first appearance.
    pub only_found: bool,
    /// For a text file: the note type to name.
    pub notetype: text::TextNotetype,
    /// The output: `.apkg`, or `.txt`/`.csv`/`.tsv` for Anki's text import.
    pub out: PathBuf,
}

/// Builds the deck; returns the number of notes written.
pub fn run(opts: &Options) -> Result<usize> {
    run_with(opts, None)
}

/// As [`run`], given the corpus's terms when they are already extracted
/// (with one context each and the glossary's forms known), as `kazterm run`
/// has them.
pub fn run_with(opts: &Options, extracted: Option<Vec<crate::extract::Term>>) -> Result<usize> {
    let glossary = Glossary::read(&opts.glossary)?;
    let duplicates: Vec<String> = glossary
        .validate()
        .into_iter()
        .filter(|p| p.message.starts_with("duplicate id"))
        .map(|p| format!("line {}: {}", p.line, p.message))
        .collect();
    if !duplicates.is_empty() {
        return Err(Error::Table {
            file: opts.glossary.display().to_string(),
            line: 0,
            message: format!(
                "concept ids must be unique for stable notes: {}",
                duplicates.join("; ")
            ),
        });
    }
    let concepts = glossary.concepts();
    let mut inputs = opts.corpus.clone();
    inputs.push(Input::File(opts.glossary.clone()));
    check_not_input(&opts.out, &inputs)?;

    // Example sentences: the first sentence of the corpus with each concept.
    let mut examples: HashMap<String, (Example, crate::extract::Location)> = HashMap::new();
    if !opts.corpus.is_empty() {
        let terms = match extracted {
            Some(terms) => terms,
            None => {
                let extra = crate::glossary::extractor_terms(&concepts);
                let options = crate::commands::extract::Options {
                    inputs: opts.corpus.clone(),
                    contexts: 1,
                    ..Default::default()
                };
                crate::commands::extract::extract_with(&options, &extra)?
            }
        };
        let index = Index::new(&concepts);
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
            examples.entry(concept.id.clone()).or_insert((
                Example {
                    sentence,
                    surface,
                    source,
                },
                location,
            ));
        }
    }
    let mut chosen: Vec<anki::Entry<'_>> = concepts
        .iter()
        .filter(|c| !opts.only_found || examples.contains_key(&c.id))
        .map(|c| {
            let origin = if c.category == "etymon" {
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
            };
            (c, examples.get(&c.id).map(|(e, _)| e.clone()), origin)
        })
        .collect();
    if opts.only_found {
        chosen.sort_by_key(|(c, _, _)| examples.get(&c.id).map(|(_, l)| l.clone()));
    }
    let notes = anki::notes(&chosen, &opts.deck, opts.cards.contains(&Cards::Cloze));
    let is_apkg = opts.out.extension().is_some_and(|e| e == "apkg");
    let mut file = AtomicFile::create(&opts.out)?;
    if is_apkg {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let bytes = apkg::build(&notes, &opts.cards, now)?;
        std::io::Write::write_all(&mut file, &bytes).map_err(|e| Error::io(&opts.out, e))?;
    } else {
        text::write(&notes, opts.notetype, &mut file).map_err(|e| Error::io(&opts.out, e))?;
    }
    file.commit()?;
    Ok(notes.len())
}

/// The default output's folder exists, or the error names it.
pub fn out_folder_exists(out: &Path) -> bool {
    out.parent()
        .is_none_or(|p| p.as_os_str().is_empty() || p.is_dir())
}
