#!/usr/bin/env bash
# The README's Spark path, run for real in local mode, and checked: the
# terms that Spark's workers extract, file by file, merged by `kazterm merge`,
# must equal byte for byte what one `kazterm extract` run over the same
# files gives.
#
#   scripts/spark.sh                  # the shipped corpus and our test texts
#   scripts/spark.sh DIR              # the *.txt files of DIR
#
# It installs what it needs when missing: a Java runtime (Debian's
# default-jre-headless, with apt-get) and PySpark (from PyPI, with pip).
# CI does not run it: it downloads a few hundred megabytes.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq default-jre-headless
fi
python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install -q pyspark

cargo build --release --quiet
bin=$PWD/target/release/kazterm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ $# -gt 0 ]]; then
  cp "$1"/*.txt "$work/"
else
  cp corpus/*.txt tests/data/*.kk.txt "$work/"
fi
mkdir "$work/texts" && mv "$work"/*.txt "$work/texts/"

# One run over every file: the reference.
"$bin" extract --format jsonl --quiet "$work/texts" > "$work/single.jsonl"

# Spark, local mode: each file goes whole to a worker (wholeTextFiles), which
# pipes it through `kazterm extract --name FILE -`, so positions name the
# file; the driver collects the parts, one per file, and `kazterm merge`
# reduces them.
python3 - "$bin" "$work" <<'PY'
import os, subprocess, sys
from pyspark import SparkContext

bin, work = sys.argv[1], sys.argv[2]
texts = os.path.join(work, "texts")

def extract(pair):
    url, text = pair
    name = os.path.join(texts, os.path.basename(url))
    out = subprocess.run(
        [bin, "extract", "--format", "jsonl", "--quiet", "--name", name, "-"],
        input=text.encode("utf-8"), capture_output=True, check=True,
    ).stdout
    return (name, out)

sc = SparkContext("local[2]", "kazterm")
sc.setLogLevel("ERROR")
parts = sc.wholeTextFiles("file://" + texts).map(extract).collect()
sc.stop()
os.makedirs(os.path.join(work, "parts"))
for i, (name, out) in enumerate(sorted(parts)):
    with open(os.path.join(work, "parts", f"{i:04}.jsonl"), "wb") as f:
        f.write(out)
print(f"spark: {len(parts)} files extracted by local workers")
PY

"$bin" merge "$work"/parts/*.jsonl > "$work/merged.jsonl"
if cmp -s "$work/single.jsonl" "$work/merged.jsonl"; then
  echo "spark: merged result identical to a single run ($(wc -l < "$work/single.jsonl") terms, $(wc -c < "$work/single.jsonl") bytes)"
else
  echo "spark: merged result DIFFERS from a single run" >&2
  diff "$work/single.jsonl" "$work/merged.jsonl" | head -20 >&2
  exit 1
fi
