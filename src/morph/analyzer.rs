//! The analyzer: every plausible `stem + suffixes` reading of a word, ranked.
//!
//! It strips suffixes from the right, following the nominal template
//! stem + derivations + plural + possessive + case. Each suffix must agree
//! with what stands before it: in vowel harmony, in the sound class of the
//! preceding letter (-дың after л, -тың after т …), and in the special rules
//! after possessives (-н, -на, -нда after the 3rd person; -а after -м, -ң).
//! Stems are then restored where Kazakh changes them: a final қ к п voiced
//! before a vowel (жүрегі → жүрек), a dropped high vowel (мұрны → мұрын).
//!
//! Readings are ranked by cost: the suffixes' costs (from the table) plus the
//! stem's: nothing for a known stem, more for an unknown one the longer it is,
//! so that an unknown word is read as inflected when its ending fits.

use super::lexicon::{Lexicon, Pos};
use super::phonology::{devoice, final_of, harmony_of, is_vowel, Harmony};
use super::suffixes::{After, Slot, Suffix, SUFFIXES};

/// Cost of an unknown stem, plus [`UNKNOWN_PER_CHAR`] for each letter.
const UNKNOWN_BASE: f32 = 1.0;
/// Per-letter cost of an unknown stem: longer unknown stems are less likely.
const UNKNOWN_PER_CHAR: f32 = 0.35;
/// A stem that ends in a voiced г ғ б before a vowel suffix (native stems do
/// not: жүрег-і is жүрек).
const VOICED_FINAL: f32 = 1.5;
/// An irregular form listed in the lexicon: ahead of every built reading.
const IRREGULAR: f32 = -0.01;
/// A known stem with suffixes of another part of speech (a noun with verb
/// endings, a verb with case endings).
const WRONG_POS: f32 = 2.0;
/// An unknown stem read as a verb: most unknown words of running text are
/// nouns (loans, names, terms), and verb endings are long enough to make an
/// unknown stem look cheap (кабин-етін for кабинет-і-н).
const UNKNOWN_VERB: f32 = 0.8;
/// An unknown stem ending in -ыс/-іс, the productive deverbal noun
/// (қозғалыс, барыс), which a stem in -ы/-і plus -сы would otherwise hide.
const DEVERBAL_YS: f32 = -0.45;
/// An unknown stem ending in an impossible consonant cluster.
const BAD_CLUSTER: f32 = 1.0;
/// The consonant pairs a Kazakh stem may end in: a sonorant or с, ш before
/// a voiceless stop or с (жұрт, сарт, қант), and the clusters of common
/// loans (факт, текст, спорт, организм, лифт).
const FINAL_CLUSTERS: &[(char, char)] = &[
    ('р', 'т'),
    ('р', 'с'),
    ('р', 'к'),
    ('р', 'қ'),
    ('р', 'п'),
    ('р', 'м'),
    ('р', 'ф'),
    ('л', 'т'),
    ('л', 'к'),
    ('л', 'қ'),
    ('л', 'п'),
    ('л', 'с'),
    ('л', 'м'),
    ('л', 'ф'),
    ('н', 'т'),
    ('н', 'к'),
    ('н', 'с'),
    ('н', 'д'),
    ('н', 'г'),
    ('й', 'т'),
    ('й', 'с'),
    ('й', 'қ'),
    ('у', 'т'),
    ('с', 'т'),
    ('с', 'к'),
    ('с', 'п'),
    ('ш', 'т'),
    ('к', 'т'),
    ('к', 'с'),
    ('п', 'т'),
    ('ф', 'т'),
    ('х', 'т'),
    ('з', 'м'),
    ('с', 'м'),
    ('к', 'л'),
    ('б', 'л'),
    ('т', 'р'),
    // Loans that end in a sonorant and a voiced stop, pronounced voiceless
    // (миокард, хирург, күрд): Russian spelling keeps the voiced letter.
    ('р', 'д'),
    ('р', 'г'),
    ('р', 'б'),
    ('л', 'д'),
    ('л', 'б'),
    ('м', 'б'),
];
/// An unknown stem ending in a voiced stop (see [`shape_penalty`]).
const VOICED_STOP_FINAL: f32 = 0.5;
/// An unknown stem ending in ы or і.
const HIGH_VOWEL_FINAL: f32 = 0.4;
/// An unknown stem of two letters.
const SHORT_STEM: f32 = 0.6;
/// An unknown stem ending in -уш: the agent noun -ушы/-уші without its
/// vowel (ағартуш-ы is ағарт-у-шы, еліктеуш-і is еліктеу-ші).
const AGENT_WITHOUT_VOWEL: f32 = 1.0;

/// One suffix in a reading.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Morpheme {
    /// As written in the word (the suffix table's own string: no copy per
    /// reading).
    pub form: &'static str,
    /// Its tag (PL, POSS3, GEN, DER.LYQ …).
    pub tag: &'static str,
}

/// One reading of a word.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Analysis {
    /// The stem in its dictionary form, without derivations (маңыз for маңызды).
    pub root: String,
    /// The lemma: the root with its derivations, as the word writes them
    /// (маңызды). This is what treebanks such as UD Kazakh-KTB call the lemma.
    pub lemma: String,
    /// The suffixes, left to right, derivations included.
    pub morphemes: Vec<Morpheme>,
    /// The part of speech, when the root is a known stem.
    pub pos: Option<Pos>,
    /// The ranking cost; lower is better.
    pub cost: f32,
}

impl Analysis {
    /// The analysis as `root+TAG+TAG`, e.g. `без+POSS3+ABL`.
    ///
    /// ```
    /// let a = kazterm::morph::analyze("безінен");
    /// assert_eq!(a[0].tags(), "без+POSS3+ABL");
    /// ```
    pub fn tags(&self) -> String {
        let mut s = self.root.clone();
        for m in &self.morphemes {
            s.push('+');
            s.push_str(m.tag);
        }
        s
    }

    /// True when the reading has inflections beyond derivation.
    pub fn is_inflected(&self) -> bool {
        super::ReadingView::is_inflected(self)
    }
}

/// Every reading of a lower-case word, cheapest first.
pub(crate) fn analyze_lower(word: &str, lexicon: &Lexicon) -> Vec<Analysis> {
    let mut out = Vec::new();
    if let Some(irregular) = lexicon.irregular(word) {
        out.push(Analysis {
            root: irregular.lemma.clone(),
            lemma: irregular.lemma.clone(),
            morphemes: irregular
                .tags
                .iter()
                .map(|&tag| Morpheme { form: "", tag })
                .collect(),
            // The listed forms are all pronouns' (irregular.tsv).
            pos: Some(Pos::Pron),
            // Listed forms come before any reading the rules build.
            cost: IRREGULAR,
        });
    }
    let mut morphs: Vec<&'static Suffix> = Vec::new();
    strip(word, word.len(), None, None, &mut morphs, lexicon, &mut out);
    out.sort_by(|a, b| {
        a.cost
            .total_cmp(&b.cost)
            .then_with(|| a.root.len().cmp(&b.root.len()).reverse())
    });
    // One reading per (root, tags): the cheapest. A word has a handful of
    // readings, so comparing each with those kept costs less than hashing.
    let mut kept: Vec<Analysis> = Vec::with_capacity(out.len());
    for a in out {
        let same = |b: &Analysis| {
            b.root == a.root
                && b.morphemes.len() == a.morphemes.len()
                && b.morphemes
                    .iter()
                    .zip(&a.morphemes)
                    .all(|(x, y)| x.tag == y.tag)
        };
        if !kept.iter().any(same) {
            kept.push(a);
        }
    }
    kept
}

/// Reads `tail` as a chain of suffixes alone (the part after the hyphen in
/// ҚР-ның, 25-ке), left to right in slot order; harmony and sound classes are
/// not checked, since the stem is an abbreviation or a number read aloud.
pub(crate) fn suffix_chain(tail: &str) -> Option<Vec<Morpheme>> {
    fn go(rest: &str, min_slot: Option<Slot>, acc: &mut Vec<Morpheme>) -> bool {
        if rest.is_empty() {
            return !acc.is_empty();
        }
        let table = &*SUFFIXES;
        let mut ends: Vec<usize> = rest.char_indices().map(|(i, _)| i).skip(1).collect();
        ends.push(rest.len());
        for &end in ends.iter().rev() {
            let Some(candidates) = table.by_form.get(&rest[..end]) else {
                continue;
            };
            for s in candidates {
                // Nominal inflections only: an abbreviation or a number
                // takes no derivation and no verb ending (батысын is a word,
                // not -ба-ты-сын).
                if s.slot.is_derivation()
                    || s.slot.is_verbal()
                    || min_slot.is_some_and(|m| s.slot <= m)
                {
                    continue;
                }
                acc.push(Morpheme {
                    form: s.form,
                    tag: s.tag,
                });
                if go(&rest[end..], Some(s.slot), acc) {
                    return true;
                }
                acc.pop();
            }
        }
        false
    }
    let mut acc = Vec::new();
    go(tail, None, &mut acc).then_some(acc)
}

/// Strips suffixes from `word[..end]`. `right` is the suffix just stripped
/// (to the right of `end`), `right_slot` its slot.
fn strip(
    word: &str,
    end: usize,
    right: Option<&'static Suffix>,
    right_slot: Option<Slot>,
    morphs: &mut Vec<&'static Suffix>,
    lexicon: &Lexicon,
    out: &mut Vec<Analysis>,
) {
    let rest = &word[..end];
    stop_here(word, rest, right, morphs, lexicon, out);

    let table = &*SUFFIXES;
    let mut start = end;
    for _ in 0..table.max_chars {
        // Step back one character.
        let Some((i, _)) = rest[..start].char_indices().next_back() else {
            break;
        };
        start = i;
        if start == 0 {
            break; // A suffix never takes the whole word.
        }
        let Some(candidates) = table.by_form.get(&rest[start..]) else {
            continue;
        };
        let before = &rest[..start];
        for suffix in candidates {
            if !suffix.slot.may_precede(right_slot) || !fits_before(right, suffix, rest) {
                continue;
            }
            // -ғы/-гі/-қы/-кі makes adjectives of nouns of time and place
            // (жазғы, ішкі, бүгінгі); it never follows another derivation
            // (бірлігі is бірлік + -і, not бір + -лі + -гі).
            if right.is_some_and(|r| r.tag == "DER.GY") && suffix.slot == Slot::Der {
                continue;
            }
            // A loan whose soft sign is dropped before a suffix takes front
            // suffixes: король → королі, модель → моделі.
            let softened = || suffix.harmony == Harmony::Front && lexicon.drops_soft_sign(before);
            if !harmony_of(before).admits(suffix.harmony) && !softened() {
                continue;
            }
            morphs.push(suffix);
            strip(
                word,
                start,
                Some(suffix),
                Some(suffix.slot),
                morphs,
                lexicon,
                out,
            );
            morphs.pop();
        }
    }
}

/// True when `left` (ending `text`) may stand before `right`.
fn fits_before(right: Option<&Suffix>, left: &Suffix, text: &str) -> bool {
    let Some(right) = right else { return true };
    let after: &After = &right.after;
    if left.is_poss3() {
        after.p3
    } else if left.is_poss12() {
        after.p12
    } else {
        final_of(text).is_some_and(|f| after.admits_final(f))
    }
}

/// Records the readings whose stem is `rest`.
fn stop_here(
    word: &str,
    rest: &str,
    right: Option<&'static Suffix>,
    morphs: &[&'static Suffix],
    lexicon: &Lexicon,
    out: &mut Vec<Analysis>,
) {
    if let Some(right) = right {
        // The stem must fit the first suffix like any suffix would.
        match final_of(rest) {
            Some(f) if right.after.admits_final(f) => {}
            _ => return,
        }
        if rest.chars().count() < 2 || !rest.chars().any(is_vowel) {
            return;
        }
    }
    let suffix_cost: f32 = morphs.iter().map(|s| s.cost).sum();
    let verbal = right.is_some_and(|s| s.slot.is_verbal());
    let mut candidates: Vec<(String, f32)> = vec![(rest.to_string(), 0.0)];
    if right.is_some_and(Suffix::starts_with_vowel) {
        let last = rest.chars().next_back().expect("a stem has letters");
        if let Some(voiceless) = devoice(last) {
            let mut restored = rest[..rest.len() - last.len_utf8()].to_string();
            restored.push(voiceless);
            candidates[0].1 += VOICED_FINAL;
            candidates.push((restored, 0.0));
        }
    }
    // ый/ій are written и before a suffix in й: оқиды is оқы-йды.
    if right.is_some_and(|s| s.form.starts_with('и')) {
        let vowel = if harmony_of(rest) == Harmony::Front {
            'і'
        } else {
            'ы'
        };
        candidates = vec![(format!("{rest}{vowel}"), 0.0)];
    }
    if right.is_some() {
        if let Some(full) = lexicon.alternant(rest) {
            candidates.push((full.to_string(), 0.0));
        }
        // Loans in -ль, -нь drop the soft sign before a suffix (модель → моделі).
        if lexicon.drops_soft_sign(rest) {
            candidates.push((format!("{rest}ь"), 0.0));
        }
    }
    // The lemma runs to the end of the last derivation (маңыз-ды, оқу-шы);
    // without one it is the root.
    let ordered: Vec<&Suffix> = morphs.iter().rev().copied().collect();
    let last_der = ordered.iter().rposition(|s| s.slot.is_derivation());
    let lemma_end =
        last_der.map(|k| rest.len() + ordered[..=k].iter().map(|s| s.form.len()).sum::<usize>());

    for (stem, extra) in candidates {
        let (mut stem_cost, pos, display) = stem_cost(&stem, verbal, morphs.is_empty(), lexicon);
        // Only numerals have ordinals (үшінші; шапқыншы is no шапқы + -ншы).
        if pos != Some(Pos::Num) && morphs.iter().any(|s| s.tag == "ORD") {
            continue;
        }
        // Pronouns take case and plural (бізге), not possessives or
        // derivations: сен-ім-ді is сенім-ді, not a pronoun. The reflexive
        // өз is the exception: it takes the possessives (өзім, өзі, өзінше).
        if pos == Some(Pos::Pron)
            && stem != "өз"
            && morphs
                .iter()
                .any(|s| matches!(s.slot, Slot::Poss | Slot::Der))
        {
            stem_cost += WRONG_POS;
        }
        let lemma = match lemma_end {
            Some(end) => word[..end].to_string(),
            None => display.clone(),
        };
        out.push(Analysis {
            root: display,
            lemma,
            morphemes: ordered
                .iter()
                .map(|s| Morpheme {
                    form: s.form,
                    tag: s.tag,
                })
                .collect(),
            pos,
            cost: stem_cost + suffix_cost + extra,
        });
    }
}

/// The cost of a stem, its part of speech, and how to write it. `verbal`:
/// the suffix after it is a verb suffix; `bare`: it has no suffix at all.
fn stem_cost(
    stem: &str,
    verbal: bool,
    bare: bool,
    lexicon: &Lexicon,
) -> (f32, Option<Pos>, String) {
    if let Some(entry) = lexicon.get(stem) {
        let wanted = entry.pos.iter().copied().find(|p| {
            if verbal {
                *p == Pos::Verb
            } else {
                p.is_nominal()
            }
        });
        return match wanted {
            Some(p) => (0.0, Some(p), entry.lemma.clone()),
            None if bare => (0.0, entry.pos.first().copied(), entry.lemma.clone()),
            None => (WRONG_POS, entry.pos.first().copied(), stem.to_string()),
        };
    }
    let chars = stem.chars().count();
    let mut cost = UNKNOWN_BASE + UNKNOWN_PER_CHAR * chars as f32 + shape_penalty(stem);
    if verbal {
        cost += UNKNOWN_VERB;
    }
    (cost, None, stem.to_string())
}

/// How unlike a Kazakh stem an unknown stem looks: a stem cannot end in a
/// cluster whose second consonant is a sonorant or a hushing sound (ағылш-,
/// мұрн-), and two-letter stems are rare outside the lexicon.
fn shape_penalty(stem: &str) -> f32 {
    let mut rev = stem.chars().rev();
    let (Some(last), Some(prev)) = (rev.next(), rev.next()) else {
        return 0.0;
    };
    let mut penalty = 0.0;
    // Kazakh noun stems seldom end in the high vowels ы і (кісі, тірі are
    // listed): піші-ні is less likely than пішін-і.
    if matches!(last, 'ы' | 'і') {
        penalty += HIGH_VOWEL_FINAL;
    }
    // Kazakh devoices б в г д ғ at the end of a word; only loans end in
    // them (метод, клуб), so байқалад-ы is a verb (байқал-ады), not a noun.
    // After a sonorant the cluster itself shows the loan (миокард, хирург).
    if matches!(last, 'б' | 'в' | 'г' | 'д' | 'ғ') && !matches!(prev, 'р' | 'л' | 'н' | 'м')
    {
        penalty += VOICED_STOP_FINAL;
    }
    if last == 'с' && matches!(prev, 'ы' | 'і') {
        penalty += DEVERBAL_YS;
    }
    let consonant = |c: char| crate::script::is_letter(c) && !is_vowel(c) && c != 'ь' && c != 'ъ';
    if consonant(last) && consonant(prev) && !FINAL_CLUSTERS.contains(&(prev, last)) {
        penalty += BAD_CLUSTER;
    }
    if stem.chars().count() == 2 {
        penalty += SHORT_STEM;
    }
    if last == 'ш' && prev == 'у' && stem.chars().count() > 3 {
        penalty += AGENT_WITHOUT_VOWEL;
    }
    penalty
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::BUILTIN;
    use super::*;

    fn best(word: &str) -> String {
        analyze_lower(word, &BUILTIN)[0].tags()
    }

    #[test]
    fn gland_forms() {
        assert_eq!(best("безінен"), "без+POSS3+ABL");
        assert_eq!(best("бездерге"), "без+PL+DAT");
        assert_eq!(best("бездерінің"), "без+PL+POSS3+GEN");
        assert_eq!(best("безі"), "без+POSS3");
    }

    #[test]
    fn loanword_harmony_follows_the_last_vowel() {
        assert_eq!(best("гормонын"), "гормон+POSS3+ACC");
        assert_eq!(best("гормондардың"), "гормон+PL+GEN");
        assert_eq!(best("гипофиздің"), "гипофиз+GEN");
        assert_eq!(best("акромегалиясы"), "акромегалия+POSS3");
    }

    #[test]
    fn stem_alternations_are_undone() {
        assert_eq!(best("жүрегі"), "жүрек+POSS3");
        assert_eq!(best("мұрны"), "мұрын+POSS3");
        assert_eq!(best("халқының"), "халық+POSS3+GEN");
        assert_eq!(best("ауруына"), "ауру+POSS3+DAT");
    }

    #[test]
    fn after_a_hyphen_only_nominal_endings_are_a_bare_chain() {
        assert_eq!(suffix_chain("ның").unwrap()[0].tag, "GEN");
        assert!(suffix_chain("батысын").is_none());
    }

    #[test]
    fn ordinals_agents_and_place_adjectives() {
        // Ordinals of numerals only (UD lemmatises үшінші to үш).
        assert_eq!(best("үшінші"), "үш+ORD");
        assert_eq!(best("оныншы"), "он+ORD");
        assert!(analyze_lower("шапқыншы", &BUILTIN)
            .iter()
            .all(|a| !a.tags().contains("ORD")));
        // The agent noun in -ушы is not a stem in -уш with a possessive.
        assert_eq!(analyze_lower("ағартушы", &BUILTIN)[0].lemma, "ағартушы");
        // жоғары drops its last vowel before -ғы.
        assert_eq!(best("жоғарғы"), "жоғары+DER.GY");
    }

    #[test]
    fn suffixes_must_fit_the_sound_before_them() {
        // -ны only after vowels, -ды after consonants.
        let readings = analyze_lower("безні", &BUILTIN);
        assert!(readings.iter().all(|a| a.tags() != "без+ACC"));
        // After the 3rd person possessive the accusative is -н, not -ны.
        let readings = analyze_lower("ағзасыны", &BUILTIN);
        assert!(readings.iter().all(|a| a.tags() != "ағза+POSS3+ACC"));
    }
}
