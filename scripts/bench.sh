#!/usr/bin/env bash
# Throughput and peak memory of kazterm's commands on a corpus of a given size.
#
#   scripts/bench.sh                 # 10 and 100 MB built from corpus/
#   scripts/bench.sh 10 100 1000     # sizes in MB
#   CORPUS=path/to/real.txt scripts/bench.sh 100
#   scripts/bench.sh --criterion     # the criterion benchmarks (cargo bench)
#
# A generated corpus repeats the shipped text (with its noise) until it has the
# size asked for. Each command runs once on one core through /usr/bin/time -v;
# the table gives MB/s (input bytes over wall time) and peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--criterion" ]]; then
  exec cargo bench --bench pipeline
fi

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100)

cargo build --release --quiet
bin=target/release/kazterm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_corpus() { # size_mb out
  local src=${CORPUS:-corpus/endocrine_glands.kk.txt} target=$(( $1 * 1024 * 1024 ))
  python3 - "$src" "$2" "$target" <<'PY'
import sys
src, out, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src, encoding="utf-8").read().rstrip("\n") + "\n"
with open(out, "w", encoding="utf-8") as f:
    written = 0
    while written < target:
        f.write(text)
        written += len(text.encode("utf-8"))
PY
}

measure() { # label file args...
  local label=$1 file=$2; shift 2
  local bytes log=$work/time.log
  bytes=$(stat -c %s "$file")
  /usr/bin/time -v "$bin" "$@" "$file" >/dev/null 2>"$log"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  python3 - "$label" "$bytes" "$wall" "$rss" <<'PY'
import sys
label, size, wall, rss = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
parts = [float(p) for p in wall.split(":")]
secs = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
mb = size / 1e6
print(f"| {label:<11} | {mb:>9.1f} | {secs:>8.2f} | {mb / max(secs, 1e-9):>8.1f} | {rss / 1024:>8.1f} |")
PY
}

echo "| command     |   input MB |   wall s |     MB/s |  peak MB |"
echo "|-------------|-----------:|---------:|---------:|---------:|"
for size in "${sizes[@]}"; do
  file=$work/corpus_${size}MB.txt
  make_corpus "$size" "$file"
  measure normalize "$file" normalize
  measure tokenize "$file" tokenize --format tsv
  measure lemma "$file" lemma
  measure "extract -j1" "$file" extract --format tsv --quiet --jobs 1
  measure "extract -jN" "$file" extract --format tsv --quiet
  rm -f "$file"
done
