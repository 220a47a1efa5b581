#!/usr/bin/env bash
# Throughput and peak memory of kazterm's commands on real Kazakh text.
#
#   scripts/bench.sh                 # 10 and 100 MB, real text and the paragraph
#   scripts/bench.sh 10 100 1000     # sizes in MB
#   CORPUS=path/to/real.txt scripts/bench.sh 100
#   RUNS=5 scripts/bench.sh 100      # the median of 5 runs (default 3)
#   scripts/bench.sh --criterion     # the criterion benchmarks (cargo bench)
#
# Two corpora of each size: `real`, the news sentences, encyclopedia passages
# and questions of ../shared/data/kk_corpus (or the file in $CORPUS) repeated
# to the size asked for, with thousands of distinct words and terms; and
# `paragraph`, the shipped corpus repeated, whose few word forms all stay in
# the caches (the flattering case, kept to compare with). Each command runs
# through /usr/bin/time -v ($RUNS times, 3 by default), and `wc -w` on the
# same file in the same run is the yardstick: the table gives MB/s (input
# bytes over the median wall time), the highest peak resident memory and
# the wall time as a multiple of wc -w's.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--criterion" ]]; then
  exec cargo bench --bench pipeline
fi

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100)

cargo build --release --quiet
bin=$PWD/target/release/kazterm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The real text, once: every line of the shared corpus (a question file's
# last column), or $CORPUS.
real=$work/real.txt
if [[ -n "${CORPUS:-}" ]]; then
  cp "$CORPUS" "$real"
else
  python3 - "$real" ../shared/data/kk_corpus/*.gz <<'PY'
import gzip, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for path in sys.argv[2:]:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                out.write(line.rstrip("\n").split("\t")[-1] + "\n")
PY
fi

make_corpus() { # source size_mb out
  python3 - "$1" "$3" "$(( $2 * 1024 * 1024 ))" <<'PY'
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

seconds() { # the wall time of a /usr/bin/time -v log
  awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1" | python3 -c '
import sys
parts = [float(p) for p in sys.stdin.read().strip().split(":")]
print(sum(p * 60 ** i for i, p in enumerate(reversed(parts))))'
}

yardstick=1
runs=${RUNS:-3}
measure() { # label file command...
  local label=$1 file=$2; shift 2
  local log=$work/time.log bytes secs rss all=() peak=0 run
  bytes=$(stat -c %s "$file")
  # The median wall time of $runs runs (a shared machine varies by a few
  # per cent from run to run), and the highest peak.
  for ((run = 0; run < runs; run++)); do
    /usr/bin/time -v "$@" "$file" >/dev/null 2>"$log"
    all+=("$(seconds "$log")")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    (( rss > peak )) && peak=$rss
  done
  secs=$(printf '%s\n' "${all[@]}" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
  rss=$peak
  [[ "$label" == "wc -w" ]] && yardstick=$secs
  python3 - "$label" "$bytes" "$secs" "$rss" "$yardstick" <<'PY'
import sys
label, size, secs, rss, wc = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
mb = size / 1e6
print(f"| {label:<13} | {mb:>8.1f} | {secs:>7.2f} | {mb / max(secs, 1e-9):>7.1f} | {rss / 1024:>7.1f} | {secs / max(wc, 1e-9):>6.2f} |")
PY
}

echo "| command       | input MB |  wall s |    MB/s | peak MB | × wc -w |"
echo "|---------------|---------:|--------:|--------:|--------:|--------:|"
for kind in real paragraph; do
  src=$real
  [[ $kind == paragraph ]] && src=corpus/endocrine_glands.kk.txt
  for size in "${sizes[@]}"; do
    file=$work/${kind}_${size}MB.txt
    make_corpus "$src" "$size" "$file"
    echo "| **$kind, $size MB** | | | | | |"
    measure "wc -w" "$file" wc -w
    measure normalize "$file" "$bin" normalize
    measure tokenize "$file" "$bin" tokenize --format tsv
    measure lemma "$file" "$bin" lemma
    measure "extract -j1" "$file" "$bin" extract --format jsonl --quiet --jobs 1
    measure "extract -jN" "$file" "$bin" extract --format jsonl --quiet
    measure run "$file" "$bin" run --out "$work/out"
    rm -rf "$file" "$work/out"
  done
done
