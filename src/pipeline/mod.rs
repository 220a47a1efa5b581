//! The pipeline over a corpus, as the commands, `kazterm run` and a server
//! use it: read → normalize → tokenize → analyse → extract → align / check
//! → deck. The stages themselves are the library's modules ([`crate::extract`],
//! [`crate::check`], [`crate::glossary`], [`crate::anki`]); this module
//! drives them over whole inputs, block by block and on all cores, and
//! hands back data. Writing it out (tables, reports, files) is the
//! caller's: the commands are thin layers over these functions.
//!
//! - [`extract`]: one parallel pass over the inputs; each block's terms and
//!   occurrences reach the caller in text order;
//! - [`check`]: the terminology check, fed by that pass;
//! - [`align`]: terms against the glossary, and proposed rows;
//! - [`deck`]: Anki notes with the corpus's examples;
//! - [`corpus`]: one pass that gives the term table, the check and the
//!   examples of a deck at once (what `kazterm run` needs).

pub mod align;
pub mod check;
pub mod corpus;
pub mod deck;
pub mod extract;
