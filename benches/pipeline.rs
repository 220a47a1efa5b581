//! Throughput of the pipeline stages on a few megabytes of Kazakh text.
//!
//! The text is the shipped corpus repeated to about 4 MB, so it carries the
//! corpus's real noise. Run with `cargo bench`; `scripts/bench.sh` prints the
//! figures as MB/s.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
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

criterion_group!(benches, stages);
criterion_main!(benches);
