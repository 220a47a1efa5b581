//! `kazterm anki`: an Anki deck (.apkg or Anki text) from the glossary and,
//! with `--corpus`, example sentences from the texts (the work is
//! [`crate::pipeline::deck`]'s).

use std::path::{Path, PathBuf};

use crate::anki::{text, Cards};
use crate::error::Result;
use crate::glossary::Glossary;
use crate::input::Input;
use crate::output::check_not_input;
use crate::pipeline::deck;
use crate::pipeline::extract::Known;

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
    /// The output: `.apkg`, or `.txt` (or `.tsv`) for Anki's text import.
    pub out: PathBuf,
}

/// Builds the deck; returns the number of notes written.
pub fn run(opts: &Options) -> Result<usize> {
    deck::check_extension(&opts.out)?;
    let glossary = Glossary::load(&opts.glossary)?;
    let concepts = glossary.concepts();
    let mut inputs = opts.corpus.clone();
    inputs.push(Input::File(opts.glossary.clone()));
    check_not_input(&opts.out, &inputs)?;
    // Example sentences: the first sentence of the corpus with each concept.
    let examples = if opts.corpus.is_empty() {
        Default::default()
    } else {
        let known = Known::of_glossary(&concepts);
        let settings = crate::pipeline::extract::Settings {
            contexts: 1,
            ..Default::default()
        };
        let terms = crate::pipeline::extract::extract(&opts.corpus, &known, &settings)?;
        deck::examples(&concepts, terms)
    };
    let settings = opts.settings();
    let notes = deck::notes(&concepts, &examples, &settings);
    deck::write(&notes, &settings, &opts.out, deck::inputs_time(&inputs))?;
    Ok(notes.len())
}

impl Options {
    /// The deck's settings for these options.
    pub fn settings(&self) -> deck::Settings {
        deck::Settings {
            deck: self.deck.clone(),
            cards: self.cards.clone(),
            only_found: self.only_found,
            notetype: self.notetype,
        }
    }
}

/// The default output's folder exists, or the error names it.
pub fn out_folder_exists(out: &Path) -> bool {
    out.parent()
        .is_none_or(|p| p.as_os_str().is_empty() || p.is_dir())
}
