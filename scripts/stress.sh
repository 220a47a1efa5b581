#!/usr/bin/env bash
# Hostile inputs (word lists, lines without full stops, megabyte words,
# millions of brackets or quotes) through every command, under a time and a
# memory bound: see scripts/stress.py. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
python3 scripts/stress.py target/release/kazterm
