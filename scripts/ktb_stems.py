#!/usr/bin/env python3
"""Stems of a UD treebank's gold lemmas, for the lemmatizer's lexicon
(`data/morph/ktb_train.tsv`).

Each (lemma, UPOS) of the CoNLL-U file becomes a row `stem pos alt` in the
format of `data/morph/stems.tsv`; auxiliaries, punctuation, symbols and
foreign words are left out. The same mapping is what `kazterm lemma --eval
FILE --folds K` uses to build its lexicon without the fold it scores
(`src/morph/eval.rs`, `pos_of_upos`).

Usage (what produced the shipped file):

    python3 scripts/ktb_stems.py ../shared/data/ud_kazakh_ktb/kk_ktb-ud-train.conllu > data/morph/ktb_train.tsv

UD Kazakh-KTB is CC BY-SA 4.0 (Makazhanov, Washington, Tyers); the derived
list is CC BY-SA 4.0 too, and its header says so.
"""

import sys

POS = {
    "NOUN": "n", "PROPN": "np", "ADJ": "adj", "VERB": "v", "ADV": "adv",
    "PRON": "pron", "DET": "det", "ADP": "post", "CCONJ": "cnj",
    "SCONJ": "cnj", "PART": "part", "NUM": "num",
}


def main(path):
    rows = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            lemma, upos = cols[2], cols[3]
            if upos in POS and lemma and lemma != "_" and "\t" not in lemma:
                rows.add((lemma, POS[upos]))
    print("# Stems of the gold lemmas of the UD Kazakh-KTB train file")
    print("# (kk_ktb-ud-train.conllu; scripts/ktb_stems.py).")
    print("#")
    print("# Derived from UD Kazakh-KTB, CC BY-SA 4.0 (Makazhanov, Washington and")
    print("# Tyers; Tyers & Washington 2015, Makazhanov et al. 2015): this list is")
    print("# licensed CC BY-SA 4.0.")
    print("#")
    print("# stem\tpos\talt")
    for lemma, pos in sorted(rows):
        print(f"{lemma}\t{pos}\t-")


if __name__ == "__main__":
    main(sys.argv[1])
