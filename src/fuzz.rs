//! Entry points for the fuzzers (`fuzz/`, `cargo +nightly fuzz run NAME`)
//! and for the regression test that replays what they found
//! (`tests/fuzz_regressions.rs`, on stable): each takes arbitrary bytes and
//! drives one reader or stage as a user's input would. An error is a fine
//! answer; a panic, a hang or runaway memory is a bug.

use crate::check::segments::Document;
use crate::extract::Extractor;
use crate::glossary::Glossary;
use crate::morph::Lemmatizer;
use crate::tokenize::{Cursor, Tokens};

/// The names of the entry points, as the fuzz targets are called.
pub const TARGETS: [&str; 8] = [
    "normalize",
    "tokenize",
    "lemma",
    "extract",
    "glossary",
    "bilingual",
    "tbx",
    "merge",
];

/// Runs the entry point `target` on `data`; `false` for an unknown name.
pub fn run(target: &str, data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    match target {
        "normalize" => {
            let n = crate::normalize::normalize(&text);
            // Normalizing is idempotent.
            assert_eq!(crate::normalize::normalize(&n.text).text, n.text);
        }
        "tokenize" => {
            let mut previous_end = 0;
            for t in Tokens::resume(&text, Cursor::default()) {
                assert!(t.start >= previous_end && t.end > t.start && t.end <= text.len());
                assert_eq!(&text[t.start..t.end], t.text);
                previous_end = t.end;
            }
        }
        "lemma" => {
            let words: Vec<&str> = Tokens::resume(&text, Cursor::default())
                .map(|t| t.text)
                .collect();
            let mut lemmatizer = Lemmatizer::new();
            let lemmas = lemmatizer.lemma_sentence(&words);
            assert_eq!(lemmas.len(), words.len());
        }
        "extract" => {
            let mut extractor = Extractor::new(&[], &[]).with_occurrences();
            extractor.add_text("fuzz.txt", &text);
            let _ = extractor.take_occurrences();
            let _ = extractor.finish();
        }
        "glossary" => {
            if let Ok(g) = Glossary::parse(data, "fuzz.csv") {
                let _ = g.validate();
                let _ = g.concepts();
            }
        }
        "bilingual" => {
            if let Ok(doc) = Document::parse(&text, "fuzz.xlf") {
                if let Ok((s, t)) = doc.languages(Some(("en", "kk"))) {
                    for segment in doc.segments(&s, &t) {
                        let at = segment.source.text.len();
                        let _ = doc.position(segment.source.file_offset(at));
                    }
                }
            }
        }
        "tbx" => {
            let _ = crate::glossary::tbx::import(data, "fuzz.tbx");
        }
        "merge" => {
            let shards = [("a.jsonl".to_string(), text.into_owned())];
            let _ = crate::commands::merge::merge(&shards, Some(2), &mut std::io::sink());
        }
        _ => return false,
    }
    true
}
