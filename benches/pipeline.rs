//! Throughput of the pipeline stages on a few megabytes of Kazakh text.
//!
//! The text is the shipped corpus repeated to about 4 MB, so it carries the
//! corpus's real noise. Run with `cargo bench`; `scripts/bench.sh` prints the
//! figures as MB/s.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kazterm::morph::Lemmatizer;
use kazterm::normalize::normalize;
use kazterm::tokenize::tokenize;

const CORPUS: &str = include_str!("../corpus/endocrine_glands.kk.txt");

/// The corpus as lines, repeated to at least `bytes`.
fn corpus_of_size(bytes: usize) -> String {
    let paragraph = CORPUS.trim_end_matches('\n');
    let mut text = String::with_capacity(bytes + CORPUS.len());
    while text.len() < bytes {
        text.push_str(paragraph);
        text.push('\n');
    }
    text
}

fn stages(c: &mut Criterion) {
    let text = corpus_of_size(4 << 20);
    let clean = normalize(&text).text;
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("normalize", |b| b.iter(|| normalize(black_box(&text))));
    group.bench_function("tokenize", |b| {
        b.iter(|| tokenize(black_box(&clean)).count())
    });
    group.finish();
}

/// Lemmatizing running text: the words of the corpus text, sentence by
/// sentence, with one lemmatizer whose cache lives across iterations, as in a
/// real run over a corpus.
fn lemmatize(c: &mut Criterion) {
    let text = corpus_of_size(1 << 20);
    let tokens: Vec<_> = tokenize(&text).collect();
    let sentences: Vec<Vec<&str>> = tokens
        .chunk_by(|a, b| a.sentence == b.sentence)
        .map(|s| s.iter().map(|t| t.text).collect())
        .collect();
    let words = tokens
        .iter()
        .filter(|t| t.kind == kazterm::tokenize::TokenKind::Word)
        .count();
    let mut lemmatizer = Lemmatizer::new();
    let mut group = c.benchmark_group("lemmatize");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(20);
    group.bench_function("words_in_context", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                n += lemmatizer.lemma_sentence(black_box(s)).len();
            }
            n
        })
    });
    group.bench_function("words_alone", |b| {
        b.iter(|| {
            tokens
                .iter()
                .filter(|t| t.kind == kazterm::tokenize::TokenKind::Word)
                .map(|t| lemmatizer.lemma(black_box(t.text), false).lemma.len())
                .sum::<usize>()
        })
    });
    // Without the cache: every distinct word form analysed afresh.
    let mut distinct: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == kazterm::tokenize::TokenKind::Word)
        .map(|t| t.text)
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    group.throughput(Throughput::Elements(distinct.len() as u64));
    group.bench_function("distinct_forms_uncached", |b| {
        b.iter(|| {
            let mut fresh = Lemmatizer::new();
            distinct
                .iter()
                .map(|w| fresh.lemma(black_box(w), false).lemma.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// The whole extract path: tokenize, repair, lemmatize, rules, aggregate.
fn extract(c: &mut Criterion) {
    let text = corpus_of_size(4 << 20);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("corpus_4MB", |b| {
        b.iter(|| {
            let mut ex = kazterm::extract::Extractor::new(&[], &[]);
            ex.add_text("bench.txt", black_box(&text));
            ex.finish().len()
        })
    });
    group.finish();
}

/// A deck of 10,000 concepts written as .apkg (aim: under a second).
fn anki(c: &mut Criterion) {
    let concepts: Vec<kazterm::glossary::Concept> = (0..10_000)
        .map(|i| kazterm::glossary::Concept {
            id: format!("concept.{i}"),
            kk: format!("қалқанша без {i}"),
            la: format!("glandula {i}"),
            en: format!("gland {i}"),
            category: ["gland", "hormone", "disease"][i % 3].to_string(),
            etymology: "Greek thyreoeides 'shield-shaped'".to_string(),
            ..Default::default()
        })
        .collect();
    let entries: Vec<kazterm::anki::Entry<'_>> = concepts
        .iter()
        .map(|c| (c, None, "kk".to_string()))
        .collect();
    let cards = [kazterm::anki::Cards::KkEn, kazterm::anki::Cards::EnKk];
    let mut group = c.benchmark_group("anki");
    group.sample_size(10);
    group.bench_function("apkg_10000_concepts", |b| {
        b.iter(|| {
            let notes =
                kazterm::anki::notes(black_box(&entries), kazterm::anki::DEFAULT_DECK, false);
            kazterm::anki::apkg::build(&notes, &cards, 1_800_000_000, &Default::default())
                .unwrap()
                .len()
        })
    });
    group.finish();
}

/// Aligning the terms of 4 MB of text with the glossary (the index and the
/// look-ups; extraction is measured above).
fn align(c: &mut Criterion) {
    let glossary =
        kazterm::glossary::Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap();
    let concepts = glossary.concepts();
    let extra = kazterm::glossary::extractor_terms(&concepts);
    let mut ex = kazterm::extract::Extractor::new(&extra, &[]);
    ex.add_text("bench.txt", &corpus_of_size(4 << 20));
    let terms = ex.finish();
    let mut group = c.benchmark_group("align");
    group.throughput(Throughput::Elements(terms.len() as u64));
    group.bench_function("glossary_terms", |b| {
        b.iter(|| {
            let index = kazterm::glossary::align::Index::new(&concepts);
            terms
                .iter()
                .cloned()
                .map(|t| index.align(t).how as usize)
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, stages, lemmatize, extract, anki, align);
criterion_main!(benches);
