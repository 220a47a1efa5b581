#!/usr/bin/env python3
"""Scores the Latin and English that `kazterm run` / `align --suggest`
propose for new terms against a gold standard's columns.

    scripts/proposals_eval.py SUGGESTED.csv GOLD_DIR_OR_TSV...

SUGGESTED.csv is a suggested_glossary.csv; the gold files are TSV with the
columns lemma_kk, latin and english (../shared/gold/medical_dev/gold/).
A proposal is right when it equals (case and spacing aside) the gold form
or one of its alternatives (separated by `,` `;` `/`, or given in
parentheses). Prints the share right for Latin and for English, then every
proposal that is wrong, with the gold.
"""
import csv
import pathlib
import re
import sys


def forms(value):
    value = value.lower()
    parts = re.split(r"[,;/()]", value)
    return {" ".join(p.split()) for p in parts if p.strip()}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    gold = {}
    for arg in sys.argv[2:]:
        path = pathlib.Path(arg)
        files = sorted(path.glob("*.tsv")) if path.is_dir() else [path]
        for f in files:
            with open(f, encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    lemma = (row.get("lemma_kk") or "").strip().lower()
                    if lemma:
                        entry = gold.setdefault(lemma, (set(), set()))
                        entry[0].update(forms(row.get("latin") or ""))
                        entry[1].update(forms(row.get("english") or ""))
    scores = {"la": [0, 0], "en": [0, 0]}
    wrong = []
    with open(sys.argv[1], encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kk = row["kk"].strip().lower()
            if kk not in gold:
                continue
            for column, k in (("la", 0), ("en", 1)):
                proposed = " ".join(row[column].lower().split())
                expected = gold[kk][k]
                if not proposed or not expected:
                    continue
                scores[column][1] += 1
                if proposed in expected:
                    scores[column][0] += 1
                else:
                    wrong.append((kk, column, proposed, " | ".join(sorted(expected))))
    for column in ("la", "en"):
        right, total = scores[column]
        share = 100.0 * right / total if total else 0.0
        print(f"{column}: {right}/{total} right ({share:.1f}%)")
    for kk, column, proposed, expected in wrong:
        print(f"  {kk}\t{column}\t{proposed}\tgold: {expected}")


if __name__ == "__main__":
    main()
