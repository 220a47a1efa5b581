//! `kazterm stats`: what a corpus holds — tokens, word types, lemmas,
//! scripts, the normalizer's repairs by rule, and the commonest terms of each
//! category.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use serde::Serialize;

use super::{stdout_err, write_out};
use crate::error::Result;
use crate::input::{BlockReader, Input};
use crate::morph::Lemmatizer;
use crate::normalize::NormalizeStream;
use crate::tokenize::{Cursor, TokenKind, Tokens};

/// The statistics of a corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Inputs read.
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Tokens.
    pub tokens: usize,
    /// Word tokens.
    pub words: usize,
    /// Distinct words (lower case).
    pub word_types: usize,
    /// Distinct lemmas.
    pub lemmas: usize,
    /// Tokens by script.
    pub scripts: BTreeMap<String, usize>,
    /// Tokens by kind.
    pub kinds: BTreeMap<String, usize>,
    /// The normalizer's repairs by rule.
    pub normalization: BTreeMap<String, usize>,
    /// The commonest terms of each category: (lemma, count).
    pub top_terms: BTreeMap<String, Vec<(String, usize)>>,
}

/// Computes the statistics of the inputs.
pub fn compute(inputs: &[Input], lossy: bool, top: usize) -> Result<Stats> {
    let mut s = Stats::default();
    let mut types = HashSet::new();
    let mut lemmas = HashSet::new();
    let mut lemmatizer = Lemmatizer::new();
    for input in inputs {
        s.files += 1;
        let mut reader = BlockReader::new(input.open()?, input.path(), lossy);
        let (mut block, mut bad) = (String::new(), Vec::new());
        let mut cursor = Cursor::default();
        let mut stream = NormalizeStream::new();
        let (mut normalized, mut changes) = (String::new(), Vec::new());
        while let Some(offset) = reader.next_block(&mut block, &mut bad)? {
            s.bytes += block.len() as u64;
            cursor.offset = offset as usize;
            let mut tokens = Tokens::resume(&block, cursor);
            for t in tokens.by_ref() {
                s.tokens += 1;
                *s.scripts.entry(t.script.name().to_string()).or_default() += 1;
                *s.kinds.entry(t.kind.name().to_string()).or_default() += 1;
                if t.kind == TokenKind::Word {
                    s.words += 1;
                    let lower = t.text.to_lowercase();
                    if types.insert(lower) {
                        lemmas.insert(lemmatizer.lemma(t.text, false).lemma.to_lowercase());
                    }
                }
            }
            cursor = tokens.cursor();
            normalized.clear();
            stream.push(&block, &mut normalized, &mut changes);
            for c in changes.drain(..) {
                *s.normalization
                    .entry(c.rule.name().to_string())
                    .or_default() += 1;
            }
        }
        stream.finish(&mut normalized, &mut changes);
        for c in changes.drain(..) {
            *s.normalization
                .entry(c.rule.name().to_string())
                .or_default() += 1;
        }
    }
    s.word_types = types.len();
    s.lemmas = lemmas.len();
    let settings = crate::pipeline::extract::Settings {
        lossy,
        ..Default::default()
    };
    let mut terms = crate::pipeline::extract::extract(inputs, &Default::default(), &settings)?;
    terms.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.first_seen.cmp(&b.first_seen))
    });
    for t in terms {
        let list = s
            .top_terms
            .entry(t.category.name().to_string())
            .or_default();
        if list.len() < top {
            list.push((t.lemma, t.count));
        }
    }
    Ok(s)
}

/// Writes the statistics as text or JSON.
pub fn write(s: &Stats, json: bool, out: &mut dyn Write) -> Result<()> {
    if json {
        let mut bytes = serde_json::to_vec_pretty(s).expect("stats serialize");
        bytes.push(b'\n');
        write_out(out, &bytes)?;
    } else {
        let join = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!(
            "files: {}\nbytes: {}\ntokens: {} ({})\nscripts: {}\nwords: {}, word types: {}, lemmas: {}\nnormalization: {}\ntop terms:\n",
            s.files,
            s.bytes,
            s.tokens,
            join(&s.kinds),
            join(&s.scripts),
            s.words,
            s.word_types,
            s.lemmas,
            if s.normalization.is_empty() { "nothing to repair".to_string() } else { join(&s.normalization) }
        );
        for (category, list) in &s.top_terms {
            text.push_str(&format!(
                "  {category}: {}\n",
                list.iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        write_out(out, text.as_bytes())?;
    }
    out.flush().map_err(stdout_err)
}
