#!/usr/bin/env python3
"""Hostile inputs under bounds: each command on each input must finish
within a time and a memory bound that are generous for inputs of a few
hundred kilobytes to a few megabytes. It checks complexity (nothing
quadratic, nothing that holds a copy per finding), not speed.

    python3 scripts/stress.py [BINARY]      # default target/release/kazterm

Prints a row per run (seconds, peak resident memory) and exits 1 if any
passes a bound or fails with a code other than 0, 1 or 2 (a panic or a
signal).
"""
import os
import subprocess
import sys
import tempfile
import time

SECONDS = 10.0
MEGABYTES = 200
GLOSSARY = "glossary/endocrine.csv"


def inputs(folder):
    """The hostile inputs: (name, bytes)."""
    cases = {
        # A word list that is all one finding, one per line.
        "finding_per_line": "элифиз\n" * 10_000,
        # A line of 455 KB without a full stop.
        "line_without_stop": ("элифиз гормон бөледі " * 22_000)[:455_000] + "\n",
        # One word of 20,000 letters, and one of a megabyte.
        "long_word": "а" * 20_000 + "\n",
        "megabyte_word": "гипо" * (1 << 18) + "\n",
        # Three million opening brackets.
        "brackets": "(" * 3_000_000 + "\n",
        # Forty thousand straight quotes.
        "quotes": '"' * 40_000 + "\n",
        # The keyword 212,000 times on one line.
        "keyword_line": "без " * 212_000 + "\n",
        # Deep nesting of quotes and brackets with words between.
        "nested": "«(" * 100_000 + "без" + ")»" * 100_000 + "\n",
        # Hyphens and dashes between words, half a megabyte.
        "hyphens": "-–—" * 170_000 + "\n",
        # A bilingual line of 60,000 numbers a side, none matching.
        "numbers_segment": " ".join(str(i) for i in range(60_000)) + " gland\t"
        + " ".join(str(i + 1_000_000) for i in range(60_000)) + " без\n",
    }
    paths = {}
    for name, text in cases.items():
        path = os.path.join(folder, name + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        paths[name] = path
    return paths


def commands(binary, path, out):
    return [
        [binary, "normalize", path],
        [binary, "tokenize", path],
        [binary, "lemma", path],
        [binary, "extract", path],
        [binary, "check", "--glossary", GLOSSARY, path],
        [binary, "check", "--glossary", GLOSSARY, "--format", "json", path],
        [binary, "check", "--glossary", GLOSSARY, "--source", "en", "--target", "kk", path],
        [binary, "kwic", "без", path],
        [binary, "stats", path],
        [binary, "run", "--out", out, path],
    ]


GNU_TIME = "/usr/bin/time"


def measure(argv, folder):
    """Runs argv with its output thrown away: (exit code, seconds, MB).

    The peak memory is GNU time's when it is installed; else the kernel's
    figure for the child, which also counts this script's own memory at
    the fork (some 25 MB), so it errs on the high side."""
    report = os.path.join(folder, "time.txt")
    timed = os.path.exists(GNU_TIME)
    if timed:
        argv = [GNU_TIME, "-q", "-f", "%M", "-o", report] + argv
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, stdout=null, stderr=null)
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except KeyboardInterrupt:
            child.kill()
            raise
    elapsed = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    kilobytes = usage.ru_maxrss
    if timed:
        with open(report, encoding="utf-8") as f:
            lines = [line for line in f.read().split() if line.isdigit()]
        kilobytes = int(lines[-1]) if lines else kilobytes
    return code, elapsed, kilobytes / 1024


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/kazterm"
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, path in inputs(folder).items():
            size = os.path.getsize(path) / 1e6
            for argv in commands(binary, path, os.path.join(folder, "out-" + name)):
                code, seconds, megabytes = measure(argv, folder)
                ok = code in (0, 1, 2) and seconds <= SECONDS and megabytes <= MEGABYTES
                failures += not ok
                what = " ".join(a if a != path else name for a in argv[1:3])
                print(
                    f"{'ok  ' if ok else 'FAIL'} {name:<18} {size:6.2f} MB  {what:<28} "
                    f"exit {code:>3}  {seconds:6.2f} s  {megabytes:7.1f} MB"
                )
    print(f"{failures} over the bounds ({SECONDS:.0f} s, {MEGABYTES} MB)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
