//! kazterm: a toolkit for Kazakh terminology.
//!
//! The library is a pipeline of plain functions over borrowed text; every
//! result carries byte offsets back into its source:
//!
//! 1. [`normalize`] repairs noisy Kazakh Cyrillic and reports every change;
//!    [`translit`] converts between Cyrillic and the 2021 Latin alphabet;
//!    [`matchkey`] builds lossy keys for look-ups.
//! 2. [`tokenize`] splits text into tokens and sentences with offsets;
//!    [`morph`] analyses and lemmatizes Kazakh words.
//! 3. [`extract`] finds a text's terms: quoted Latin and Greek, Greek- and
//!    Latin-rooted words, noun-phrase terms, names, abbreviations.
//! 4. [`glossary`] reads, validates, imports and exports the trilingual
//!    glossary (TBX, CSV, OmegaT), aligns terms with it and proposes rows
//!    for the terms it lacks; [`check`] checks a text's terminology against
//!    it, and English → Kazakh translations in XLIFF, TMX or TSV unit by unit.
//! 5. [`anki`] writes decks; [`tsv`] is the plain-TSV writer of every table;
//!    [`conllu`] reads treebanks for the lemmatizer's evaluation.
//!
//! [`input`] reads files, folders and standard input in blocks that end on line
//! boundaries, and [`output`] writes results atomically. [`pipeline`] drives
//! the stages over whole corpora, on all cores, in one extraction pass. The
//! command-line tool `kazterm` is a thin layer over these modules
//! ([`commands`]).
//!
//! ```
//! let n = kazterm::normalize::normalize("Гипофиз –\tбез");
//! assert_eq!(n.text, "Гипофиз — без\n");
//! ```

pub mod anki;
pub mod cache;
pub mod check;
pub mod commands;
pub mod conllu;
pub mod error;
pub mod extract;
#[doc(hidden)]
pub mod fuzz;
pub mod glossary;
pub mod input;
pub mod langtag;
pub mod matchkey;
pub mod morph;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod script;
pub mod server;
pub mod spreadsheet;
pub mod table;
pub mod tokenize;
pub mod translit;
pub mod tsv;

pub use error::{Error, Result};
pub use script::{script_of, script_of_str, Script};
