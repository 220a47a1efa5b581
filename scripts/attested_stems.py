#!/usr/bin/env python3
"""Stems attested in raw Kazakh text: the evidence half of the lemmatizer's
lexicon (`data/morph/attested.tsv`).

A stem is real when running text uses it with several different suffixes
(парсы: парсының, парсыға, парсылар), or bare and with suffixes; a string
that only ever appears before one suffix (парс, which only shows up in
парсы-) is a by-product of stripping. The script reads raw text, asks
`kazterm lemma --all` for every reading of every distinct word form, and
counts for each candidate root the kinds of first suffix it takes and how
often it stands bare. Roots with enough evidence, that the built-in lexicon
does not know yet, are written out with a part of speech read off their
suffixes (verbal or nominal). Capitalised words seen inside sentences and
never in lower case are written as proper nouns.

Usage (what produced the shipped file):

    cargo build --release
    python3 scripts/attested_stems.py ../shared/data/kk_corpus/*.gz > data/morph/attested.tsv

The input is CC BY 4.0 (KazNERD) and CC BY-SA 4.0 (KazQAD) text, so the
derived list is CC BY-SA 4.0; the header written says so.
"""

import collections
import gzip
import json
import re
import subprocess
import sys

KAZTERM = "target/release/kazterm"
WORD = re.compile(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё]+(?:-[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё]+)*")
# Suffix tags that make a verb of the root.
VERBAL_PREFIXES = ("PRES", "PST", "FUT", "PTCP", "CVB", "VN", "IMP", "NEG", "PASS", "COND", "OPT", "INF")
MIN_KINDS = 3            # distinct first suffixes, or
MIN_KINDS_WITH_BARE = 2  # distinct first suffixes when the root also stands bare
MIN_LETTERS = 4          # short attested roots (жар, тақ, жұм) make longer unknown words over-stripped
MAX_READING_COST = 6.0   # readings dearer than this are not evidence
WINDOW = 1.0             # nor readings this much dearer than the form's best
MIN_NAME_USES = 3        # capitalised uses inside sentences that make a name
MIN_WHOLE_USES = 3       # bare uses that make a whole word of a possessive look-alike


# Letters and endings native Kazakh stems lack (a rough loan test): a voiced
# stop or ж at the end, о/ө after the first syllable, a final cluster that is
# not sonorant or с/ш + voiceless stop.
NATIVE_FINAL_CLUSTERS = {"рт", "рс", "рк", "рқ", "рп", "лт", "лк", "лқ", "лп", "лс", "нт", "нк", "нс", "йт", "йс", "йқ", "ст", "шт"}
VOWELS = set("аәеиоөұүыіэюяуё")


def looks_borrowed(stem):
    if stem[-1] in "бвгджфцчщ" or any(c in "фцчщёэъь" for c in stem):
        return True
    vowels = [c for c in stem if c in VOWELS]
    if any(v in "оө" for v in vowels[1:]):
        return True
    last2 = stem[-2:]
    return all(c not in VOWELS for c in last2) and last2 not in NATIVE_FINAL_CLUSTERS


def lines(paths):
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                # KazQAD questions: split<TAB>id<TAB>question
                yield line.rstrip("\n").split("\t")[-1]


def main(paths):
    counts = collections.Counter()
    lower = collections.Counter()
    capital_inside = collections.Counter()
    for line in lines(paths):
        words = WORD.findall(line)
        for i, w in enumerate(words):
            lw = w.lower()
            counts[lw] += 1
            if w[0].isupper():
                if i > 0:
                    capital_inside[lw] += 1
            else:
                lower[lw] += 1
    forms = sorted(counts)
    out = subprocess.run(
        [KAZTERM, "lemma", "--all", "--hand-lexicon", "--format", "jsonl", "-"],
        input="\n".join(forms) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    first_kinds = collections.defaultdict(set)
    verbal = collections.Counter()
    nominal = collections.Counter()
    known = set()
    best = {}
    readings_of = collections.defaultdict(list)  # surface -> roots of its close readings
    root_lower = collections.Counter()
    root_capital = collections.Counter()
    for line in out.splitlines():
        r = json.loads(line)
        best.setdefault(r["surface"], r["cost"])
        # Only the readings close to the best one are evidence.
        if r["cost"] > MAX_READING_COST or r["cost"] > best[r["surface"]] + WINDOW:
            continue
        parts = r["analysis"].split("+")
        root, tags = parts[0], parts[1:]
        readings_of[r["surface"]].append((root, tags))
        if r["cost"] == 0.0 and not tags:
            known.add(root)  # the lexicon knows it already
        if not tags:
            continue
        first = tags[0]
        if first.startswith("DER."):
            continue  # a derivation makes a new word, not evidence of this one
        # How the root's forms are written inside sentences: a name keeps
        # its capital in every form (Мұраттың, Мұратқа).
        root_lower[root] += lower[r["surface"]]
        root_capital[root] += capital_inside[r["surface"]]
        first_kinds[root].add(first)
        if first.startswith(VERBAL_PREFIXES):
            verbal[root] += 1
        else:
            nominal[root] += 1
    def always_capital(root):
        capital = root_capital[root] + capital_inside[root]
        return capital >= MIN_NAME_USES and root_lower[root] + lower[root] == 0

    whole = set()
    candidates = {
        root
        for root in set(first_kinds) | set(capital_inside)
        if root not in known
        and len(root) >= MIN_LETTERS
        and WORD.fullmatch(root)
        and (
            len(first_kinds.get(root, ())) >= MIN_KINDS
            or (counts.get(root, 0) > 0 and len(first_kinds.get(root, ())) >= MIN_KINDS_WITH_BARE)
            # A name: written with a capital inside sentences every time,
            # bare and with a suffix.
            or (always_capital(root) and counts.get(root, 0) > 0 and first_kinds.get(root))
        )
    }
    # Whole words that look possessive (парсы, жабайы, үнемі, жоғарғы): a
    # form in -ы/-і that the text uses bare again and again, whose shorter
    # "stem" never stands on its own and takes nothing but that -ы/-і, and
    # which no other close reading explains with a stem of its own (сатысы
    # is саты + -сы: саты takes other suffixes).
    def evidenced(root):
        return root in known or counts.get(root, 0) > 0 or len(first_kinds.get(root, ())) >= 2

    # Only the plain case counts: the "stem" is the form without its last
    # letter (not a restored жүрек for жүрегі, not a loan such as диаметр
    # that a small corpus seldom shows bare, not a verbal noun in -у, whose
    # -уы is a possessive), and no reading is a verb form (арзандады).
    # The text decides between the two: after a possessive the cases are
    # -н, -на, -нда, -нан (келбетін, келбетіне: the -і of келбеті is a
    # possessive), after a stem in a vowel -ны, -ға, -да, -дан, and no
    # plural or derivation follows a possessive (парсыға, жабайылар: the
    # word is a stem). Without suffixed uses, a word used bare again and
    # again is a stem unless the shorter stem has a vowel-dropped or
    # soft-sign form of its own in the text (қалпы: қалып; моделі: модель).
    def whole_word(form):
        front = any(c in "әеіөүи" for c in form)
        own = ("ге", "де", "ден", "ні", "лер", "лі", "лік") if front else ("ға", "да", "дан", "ны", "лар", "лы", "лық")
        after_possessive = ("н", "не", "нде", "нен") if front else ("н", "на", "нда", "нан")
        own_uses = sum(counts.get(form + s, 0) for s in own)
        possessive_uses = sum(counts.get(form + s, 0) for s in after_possessive)
        if own_uses or possessive_uses:
            return own_uses > possessive_uses
        stem = form[:-1]
        vowel = "і" if front else "ы"
        alternatives = {stem + "ь", stem[:-1] + vowel + stem[-1]}
        return not any(counts.get(a, 0) for a in alternatives)

    for form, n in counts.items():
        if n < MIN_WHOLE_USES or len(form) < MIN_LETTERS or not form.endswith(("ы", "і")):
            continue
        if form in known or not WORD.fullmatch(form):
            continue
        roots = readings_of.get(form, [])
        if any(tags and tags[0].startswith(VERBAL_PREFIXES) for _, tags in roots):
            continue
        possessive = [root for root, tags in roots if tags == ["POSS3"]]
        if possessive != [form[:-1]] or form[-2] == "у" or looks_borrowed(form[:-1]):
            continue
        if any(evidenced(root) for root, tags in roots if tags):
            continue
        if first_kinds.get(form[:-1], set()) <= {"POSS3"} and whole_word(form):
            candidates.add(form)
            whole.add(form)
    # A candidate that is itself a known or attested stem with a suffix
    # (кезеңі = кезең + -і, жариялап = жарияла + -п) is a by-product.
    out = subprocess.run(
        [KAZTERM, "lemma", "--all", "--hand-lexicon", "--format", "jsonl", "-"],
        input="\n".join(sorted(candidates)) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    derivative = set()
    best_of = {}
    for line in out.splitlines():
        r = json.loads(line)
        best_of.setdefault(r["surface"], r["cost"])
        parts = r["analysis"].split("+")
        if len(parts) < 2 or parts[1].startswith("DER."):
            continue
        if r["cost"] > MAX_READING_COST or r["cost"] > best_of[r["surface"]] + WINDOW:
            continue
        inner, root = parts[0], r["surface"]
        # A by-product when the shorter stem is known, or has at least as
        # much evidence of its own (аралығын is аралық + -ы + -н; but парсы
        # is not парс + -ы: парс takes no other suffix).
        if inner != root and root not in whole and (
            inner in known or len(first_kinds.get(inner, ())) >= len(first_kinds[root])
        ):
            derivative.add(root)
    stems = known | candidates
    # Nominal stems: the hand-written tables' nouns, adjectives and names,
    # and the candidates read mostly with nominal suffixes.
    nominal_stems = {r for r in candidates if nominal[r] >= verbal[r]}
    for table in ("data/morph/stems.tsv", "data/morph/closed.tsv"):
        with open(table, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 3 and not line.startswith("#") and cols[1] in ("n", "adj", "np"):
                    nominal_stems.add(cols[0].lower())
    devoiced = {"ғ": "қ", "г": "к", "б": "п"}
    for root in candidates:
        # A noun's possessive with the pronominal n before a case (барысын,
        # аралығын, моделін: барыс-ы-н, аралық-ы-н, модель-і-н) is no stem.
        if root.endswith(("ын", "ін")) and len(root) >= 6:
            base = root[:-2]
            variants = {base, base + "ь"}
            if base and base[-1] in devoiced:
                variants.add(base[:-1] + devoiced[base[-1]])
            # The shorter noun must stand on its own somewhere: a stem of
            # the lexicon, or a word the text uses bare (барыс, модель);
            # тасқын, тұтқын keep their -ын, for тасқ, тұтқ never stand alone.
            if variants & nominal_stems or any(counts.get(v, 0) > 0 for v in variants):
                derivative.add(root)
        # Plurals are never lemmas (скифтер, хлоропластар), and passive verb
        # stems are lemmatised to their base (түсіріл → түсір, as UD KTB does).
        for ending in ("лар", "лер", "дар", "дер", "тар", "тер"):
            if root.endswith(ending) and len(root) - len(ending) >= 4:
                derivative.add(root)
        if verbal[root] > nominal[root]:
            for ending in ("ыл", "іл", "ын", "ін", "л", "н"):
                base = root[: -len(ending)]
                if root.endswith(ending) and base in stems:
                    derivative.add(root)
    print("# Stems attested in raw Kazakh text (kazterm scripts/attested_stems.py):")
    print("# roots that running text uses with several different suffixes, or bare")
    print("# and with suffixes, and capitalised words only ever seen as names.")
    print("#")
    print("# Derived from KazNERD (CC BY 4.0, Yeshpanov, Khassanov & Varol, LREC 2022)")
    print("# and KazQAD (CC BY-SA 4.0, Yeshpanov et al., LREC-COLING 2024) sentences;")
    print("# this list is therefore licensed CC BY-SA 4.0.")
    print("#")
    print("# stem\tpos\talt")
    for root in sorted(candidates - derivative):
        bare = counts.get(root, 0)
        if True:
            capital = root_capital[root] + capital_inside[root]
            written_lower = root_lower[root] + lower[root]
            name = capital >= 2 and capital >= 4 * written_lower
            pos = "np" if name else ("v" if verbal[root] > nominal[root] else "n")
            stem = root.capitalize() if name else root
            print(f"{stem}\t{pos}\t-")


if __name__ == "__main__":
    main(sys.argv[1:])
