#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ (cargo-fuzz on nightly Rust; libFuzzer),
# each for SECONDS (default 240), seeded with the project's own test data,
# under a memory limit and a per-input time limit. What crashes or is slow
# is written to fuzz/artifacts/NAME/; copy it to tests/data/fuzz/NAME/ so
# that `cargo test` (tests/fuzz_regressions.rs) replays it on stable.
#
#   scripts/fuzz.sh                 # every target, 240 s each
#   scripts/fuzz.sh 60 tbx merge    # these, 60 s each
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-240}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(normalize tokenize lemma extract glossary bilingual tbx merge)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

cargo build --release --quiet
bin=target/release/kazterm
seed() { # target files...
  local dir=fuzz/corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/$(basename "$f")"; done
  # Earlier finds are seeds too.
  if [[ -d tests/data/fuzz/$(basename "$dir") ]]; then
    cp tests/data/fuzz/"$(basename "$dir")"/* "$dir"/ 2>/dev/null || true
  fi
}
texts=(corpus/*.txt tests/data/*.kk.txt)
for t in normalize tokenize lemma extract; do seed "$t" "${texts[@]}"; done
seed glossary glossary/endocrine.csv examples/*.po
seed bilingual examples/*.xlf examples/*.tmx examples/*.tsv tests/data/cat/* tests/data/segments.*
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" glossary export --format tbx --out "$work/g.tbx" glossary/endocrine.csv
"$bin" glossary export --format tbx2 --out "$work/g2.tbx" glossary/endocrine.csv
seed tbx "$work/g.tbx" "$work/g2.tbx"
"$bin" extract --format jsonl --contexts 2 corpus/ > "$work/terms.jsonl"
seed merge "$work/terms.jsonl"

for t in "${targets[@]}"; do
  echo "== $t ($seconds s)"
  (cd fuzz && cargo +nightly fuzz run -O "$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=65536 \
      -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)" || true)
done
