//! Kazakh morphology: a rule-based analyzer and lemmatizer for nouns and
//! adjectives.
//!
//! Every later stage matches terms by lemma, so `безінен`, `бездерге` and
//! `бездерінің` must all reach `без`. The module is small files with one job
//! each: [`phonology`] (vowel harmony, sound classes), [`suffixes`] (the
//! allomorph table from `data/morph/suffixes.tsv`), [`lexicon`] (known stems),
//! the analyzer (readings, ranked) and [`Lemmatizer`] (a cached front end that
//! also handles case, hyphens and non-Kazakh tokens).
//!
//! ```
//! use kazterm::morph::Lemmatizer;
//! let mut lem = Lemmatizer::new();
//! assert_eq!(lem.lemma("бездерінің", false).lemma, "без");
//! assert_eq!(lem.lemma("жүрегі", false).lemma, "жүрек");
//! ```

mod analyzer;
pub mod compounds;
pub mod eval;
pub mod lexicon;
pub mod phonology;
pub mod suffixes;

use std::sync::Arc;

pub use analyzer::{Analysis, Morpheme};
use lexicon::{Lexicon, BUILTIN};

use crate::script::{script_of_str, Script};

/// Every reading of a word with the built-in lexicon, cheapest first.
///
/// ```
/// let readings = kazterm::morph::analyze("гипофиздің");
/// assert_eq!(readings[0].lemma, "гипофиз");
/// ```
pub fn analyze(word: &str) -> Vec<Analysis> {
    analyzer::analyze_lower(&word.to_lowercase(), &BUILTIN)
}

/// The lemma chosen for one word, with its analysis.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Lemma {
    /// The lemma.
    pub lemma: String,
    /// The analysis, as `root+TAG+TAG`, or `UNK` for a token that is not a
    /// Kazakh word (digits, Latin, a lone letter).
    pub analysis: String,
}

/// How many distinct word forms the cache's young generation holds (see
/// [`crate::cache::FormCache`]): the forms of a large corpus that matter.
const CACHE_LIMIT: usize = 1 << 16;

/// How much dearer than the best a reading may be and still be kept: well
/// beyond what the context rules and the compound verbs look at.
const KEPT_WINDOW: f32 = 3.0;

/// At most this many readings are kept per word.
const KEPT_READINGS: usize = 8;

/// A lemmatizer with its lexicon and a cache of analysed forms (running text
/// repeats its word forms heavily).
#[derive(Debug, Clone)]
pub struct Lemmatizer {
    lexicon: Arc<Lexicon>,
    cache: crate::cache::FormCache<String, Arc<Vec<Analysis>>>,
    /// For each lower-case lemma of a word the text has written with a
    /// capital inside a sentence: how often so, and how often in lower case.
    names: rustc_hash::FxHashMap<String, NameUses>,
}

impl Default for Lemmatizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Lemmatizer {
    /// A lemmatizer with the built-in lexicon (shared, not copied).
    pub fn new() -> Self {
        static SHARED: std::sync::LazyLock<Arc<Lexicon>> =
            std::sync::LazyLock::new(|| Arc::new(BUILTIN.clone()));
        Lemmatizer {
            lexicon: Arc::clone(&SHARED),
            cache: crate::cache::FormCache::with_limit(CACHE_LIMIT),
            names: Default::default(),
        }
    }

    /// A lemmatizer with a lexicon of the caller's (e.g. the built-in one plus
    /// a glossary's lemmas).
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        Lemmatizer {
            lexicon: Arc::new(lexicon),
            cache: crate::cache::FormCache::with_limit(CACHE_LIMIT),
            names: Default::default(),
        }
    }

    /// Every reading of a word, cheapest first (empty for non-Kazakh tokens).
    /// The word is analysed as the normalizer repairs it: look-alike Latin
    /// letters and stand-ins do not break its morphology (a Latin `i` or `a`
    /// in `бездерiнiң`, `гормoндары`).
    ///
    /// ```
    /// let mut lem = kazterm::morph::Lemmatizer::new();
    /// assert_eq!(lem.lemma("бездерiнiң", false).lemma, "без"); // Latin i
    /// ```
    pub fn analyze(&mut self, word: &str) -> Arc<Vec<Analysis>> {
        // Keyed by the word as written: the analysis depends on nothing
        // else, and repairing and lower-casing every token cost more than
        // the look-up.
        if let Some(hit) = self.cache.get(word) {
            return hit;
        }
        let clean = crate::normalize::clean_word(word);
        let readings = Arc::new(self.readings_of_lower(&crate::script::lowercase(&clean)));
        self.cache.insert(word.to_string(), Arc::clone(&readings));
        readings
    }

    /// The readings of a word as [`Lemmatizer::analyze`] gives them, without
    /// the cache: for a caller that keeps its own (the extractor's).
    pub fn analyze_uncached(&self, word: &str) -> Vec<Analysis> {
        let clean = crate::normalize::clean_word(word);
        self.readings_of_lower(&crate::script::lowercase(&clean))
    }

    /// Every reading of a word, however dear (what `kazterm lemma --all`
    /// prints); not cached. [`Lemmatizer::analyze`] keeps only the readings
    /// a choice can fall on.
    ///
    /// ```
    /// let lem = kazterm::morph::Lemmatizer::new();
    /// assert!(lem.analyze_all("бездерінің").len() > 3);
    /// ```
    pub fn analyze_all(&self, word: &str) -> Vec<Analysis> {
        let lower = crate::normalize::clean_word(word).to_lowercase();
        if is_kazakh_word(&lower) {
            self.every_reading(&lower)
        } else {
            Vec::new()
        }
    }

    /// The readings worth keeping: those a context rule may choose (within
    /// [`KEPT_WINDOW`] of the best, at most [`KEPT_READINGS`]). The dearer
    /// ones are most of a word's readings and of the cache's memory.
    fn readings_of_lower(&self, lower: &str) -> Vec<Analysis> {
        if !is_kazakh_word(lower) {
            return Vec::new();
        }
        let mut readings = self.every_reading(lower);
        if let Some(best) = readings.first().map(|a| a.cost) {
            readings.retain(|a| a.cost <= best + KEPT_WINDOW);
            readings.truncate(KEPT_READINGS);
            readings.shrink_to_fit();
        }
        readings
    }

    fn every_reading(&self, lower: &str) -> Vec<Analysis> {
        // A hyphenated word inflects in its last part: оңтүстік-шығысы,
        // ҚР-ның. If what follows the last hyphen is a bare suffix chain, the
        // part before it is the lemma.
        if let Some(h) = lower.rfind('-') {
            let (head, tail) = (&lower[..h], &lower[h + 1..]);
            if !head.is_empty() && !tail.is_empty() {
                if let Some(morphemes) = analyzer::suffix_chain(tail) {
                    return vec![Analysis {
                        root: head.to_string(),
                        lemma: head.to_string(),
                        morphemes,
                        pos: None,
                        cost: 0.0,
                    }];
                }
                return analyzer::analyze_lower(tail, &self.lexicon)
                    .into_iter()
                    .map(|mut a| {
                        a.root = format!("{head}-{}", a.root);
                        a.lemma = format!("{head}-{}", a.lemma);
                        a
                    })
                    .collect();
            }
        }
        analyzer::analyze_lower(lower, &self.lexicon)
    }

    /// The lemma of a word. A capitalised word inside a sentence is taken for
    /// a proper name and keeps its capital; at the start of a sentence it is
    /// lower-cased unless the lexicon knows it as a proper noun.
    pub fn lemma(&mut self, word: &str, sentence_initial: bool) -> Lemma {
        let readings = self.analyze(word);
        self.choose(word, sentence_initial, readings.first())
    }

    /// The lemmas of a sentence's tokens (words and punctuation, in order),
    /// using each word's neighbours to choose between its readings:
    ///
    /// - a word that may be an adjective made with -лы, -ды, -сыз, -лық
    ///   (маңызды, тұрақты) or an accusative or possessive noun is the
    ///   adjective when a noun follows it (маңызды мәселе), as Kazakh
    ///   adjectives stand before their nouns;
    /// - after a number, a noun reading beats an adjective (2010 жылы: жыл);
    /// - the frozen first part of a compound verb is its own lemma before
    ///   its verb (жүзеге асырды: жүзеге; see [`compounds`]).
    ///
    /// ```
    /// let mut lem = kazterm::morph::Lemmatizer::new();
    /// let l = lem.lemma_sentence(&["Тұрақты", "деңгейді", "сақтайды", "."]);
    /// assert_eq!(l[0].lemma, "тұрақты");
    /// assert_eq!(l[1].lemma, "деңгей");
    /// ```
    pub fn lemma_sentence(&mut self, tokens: &[&str]) -> Vec<Lemma> {
        self.lemma_run(tokens, true)
    }

    /// The lemmas of a run of adjacent tokens, as [`Lemmatizer::lemma_sentence`]
    /// chooses them, for a run that may not start its sentence
    /// (`sentence_start` false: its first word is not sentence-initial). A
    /// caller cuts a sentence into runs where its words are not neighbours,
    /// such as the lines of a word list.
    ///
    /// ```
    /// let mut lem = kazterm::morph::Lemmatizer::new();
    /// assert_eq!(lem.lemma_run(&["Астанаға"], false)[0].lemma, "Астана");
    /// ```
    pub fn lemma_run(&mut self, tokens: &[&str], sentence_start: bool) -> Vec<Lemma> {
        let readings = self.analyze_run(tokens);
        self.lemma_run_in(tokens, &readings, sentence_start)
    }

    /// The readings of each token of a run, for
    /// [`Lemmatizer::learn_names_in`] and [`Lemmatizer::lemma_run_in`]: a
    /// caller that passes over a block twice (names first, then lemmas)
    /// analyses each token once.
    ///
    /// ```
    /// let mut lem = kazterm::morph::Lemmatizer::new();
    /// let run = ["Безінен", "шықты"];
    /// let readings = lem.analyze_run(&run);
    /// lem.learn_names_in(&run, &readings, true);
    /// assert_eq!(lem.lemma_run_in(&run, &readings, true), lem.lemma_run(&run, true));
    /// ```
    pub fn analyze_run(&mut self, tokens: &[&str]) -> Vec<Arc<Vec<Analysis>>> {
        tokens.iter().map(|t| self.analyze(t)).collect()
    }

    /// [`Lemmatizer::lemma_run`] on a run already analysed by
    /// [`Lemmatizer::analyze_run`].
    pub fn lemma_run_in(
        &mut self,
        tokens: &[&str],
        readings: &[Arc<Vec<Analysis>>],
        sentence_start: bool,
    ) -> Vec<Lemma> {
        let views: Vec<&[Analysis]> = readings.iter().map(|r| r.as_slice()).collect();
        let chosen = choose_in_sentence(&views, tokens);
        let first_word = first_word(tokens).filter(|_| sentence_start);
        self.learn_names(tokens, readings, first_word);
        tokens
            .iter()
            .enumerate()
            .map(|(i, token)| {
                let mut lemma = self.choose(
                    token,
                    first_word == Some(i),
                    chosen[i].map(|k| &readings[i][k]),
                );
                // The frozen first part of a compound verb is its own lemma
                // (жүзеге асырды: жүзеге).
                if !readings[i].is_empty() {
                    if let Some(frozen) = readings
                        .get(i + 1)
                        .and_then(|next| compounds::frozen_before(token, next))
                    {
                        lemma.lemma = frozen.to_string();
                    }
                }
                lemma
            })
            .collect()
    }

    /// Applies the letter-case conventions to the chosen reading.
    fn choose(&self, word: &str, sentence_initial: bool, best: Option<&Analysis>) -> Lemma {
        let Some(best) = best else {
            return Lemma {
                lemma: word.to_string(),
                analysis: "UNK".to_string(),
            };
        };
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        // The repaired word, as analysed (a Latin look-alike in ҚP-ның).
        let word = crate::normalize::clean_word(word);
        let head = word.split('-').next().unwrap_or(&word);
        let abbreviation = head.chars().count() > 1 && head.chars().all(char::is_uppercase);
        // A name's derivative is a common word (Еуропа → еуропалық).
        let derived = best.morphemes.iter().any(|m| m.tag.starts_with("DER."));
        let known_proper = best.pos == Some(lexicon::Pos::Propn) && !derived;
        // A word the lexicon knows as a common word is not a name, whatever
        // its capital (Ішкі секреция: a stray capital).
        let known_common = best.pos.is_some() && !known_proper;
        // A capital at the start of a sentence says nothing, unless the text
        // writes the word with one inside sentences too, and never in lower
        // case (Ерназар). Not for a word the lexicon knows as common: titles
        // are written with capitals (Президент, Республикасы) and stay nouns.
        let seen_as_name = sentence_initial
            && capital
            && !known_common
            && self
                .names
                .get(&best.lemma.to_lowercase())
                .is_some_and(|u| u.is_name());
        let name = known_proper
            || (capital && !known_common && (!sentence_initial || seen_as_name))
            // A capital after a hyphen marks a name too (әл-Аббас).
            || (!known_common && has_inner_capital(&word));
        let lemma = if abbreviation && best.lemma.len() <= head.len() {
            // Abbreviations keep their capitals: ҚР-ның → ҚР.
            head.get(..best.lemma.len()).unwrap_or(head).to_string()
        } else if name {
            // A name keeps the capitals it is written with (Рио-де-Жанейро),
            // or the lexicon's.
            written_case(&best.lemma, &word)
                .filter(|l| l.chars().any(char::is_uppercase))
                .unwrap_or_else(|| capitalize(&best.lemma))
        } else if derived && best.pos == Some(lexicon::Pos::Propn) {
            best.lemma.to_lowercase()
        } else {
            best.lemma.clone()
        };
        Lemma {
            lemma,
            analysis: best.tags(),
        }
    }

    /// Counts the words written with a capital inside a sentence (not
    /// first, not all capitals), and in lower case: a word the text writes
    /// with a capital inside sentences is a name at the start of one too.
    fn learn_names(
        &mut self,
        tokens: &[&str],
        readings: &[Arc<Vec<Analysis>>],
        first: Option<usize>,
    ) {
        for (i, (token, readings)) in tokens.iter().zip(readings).enumerate() {
            let Some(best) = readings.first() else {
                continue;
            };
            let initial = token.chars().next().is_some_and(char::is_uppercase);
            if Some(i) == first || (initial && token.chars().all(char::is_uppercase)) {
                continue;
            }
            if !initial {
                // Lower-case uses count only against a capital already seen
                // (and cost nothing otherwise: this runs for every word).
                if let Some(uses) = self.names.get_mut(best.lemma.as_str()) {
                    uses.lower += 1;
                }
                continue;
            }
            let common = best.pos.is_some() && best.pos != Some(lexicon::Pos::Propn);
            if common {
                continue;
            }
            if self.names.len() >= NAMES_LIMIT {
                self.names.clear();
            }
            self.names
                .entry(best.lemma.to_lowercase())
                .or_default()
                .capital += 1;
        }
    }

    /// Reads a run of tokens for the names it writes inside its sentences
    /// (see [`Lemmatizer::lemma_run`]) without choosing lemmas: a caller that
    /// holds a block of text passes over it once with this, so that a name
    /// first met at the start of a sentence is known by then.
    ///
    /// ```
    /// let mut lem = kazterm::morph::Lemmatizer::new();
    /// lem.learn_names_of(&["Біз", "Ерназарға", "бардық"], true);
    /// assert_eq!(lem.lemma_sentence(&["Ерназар", "келді"])[0].lemma, "Ерназар");
    /// ```
    pub fn learn_names_of(&mut self, tokens: &[&str], sentence_start: bool) {
        let readings = self.analyze_run(tokens);
        self.learn_names_in(tokens, &readings, sentence_start);
    }

    /// [`Lemmatizer::learn_names_of`] on a run already analysed by
    /// [`Lemmatizer::analyze_run`].
    pub fn learn_names_in(
        &mut self,
        tokens: &[&str],
        readings: &[Arc<Vec<Analysis>>],
        sentence_start: bool,
    ) {
        let first = first_word(tokens).filter(|_| sentence_start);
        self.learn_names(tokens, readings, first);
    }
}

/// How a text writes a word inside its sentences.
#[derive(Debug, Clone, Copy, Default)]
struct NameUses {
    capital: u32,
    lower: u32,
}

impl NameUses {
    /// A name: written with a capital inside sentences and never in lower
    /// case (so far).
    fn is_name(self) -> bool {
        self.lower == 0 && self.capital >= 1
    }
}

/// How many remembered names the lemmatizer keeps before it starts afresh.
const NAMES_LIMIT: usize = 1 << 16;

/// The index of a run's first word (a token with a letter or digit).
fn first_word(tokens: &[&str]) -> Option<usize> {
    tokens
        .iter()
        .position(|t| t.chars().any(char::is_alphanumeric))
}

/// True when a letter after a hyphen is a capital (әл-Аббас, Сан-Паулу).
fn has_inner_capital(word: &str) -> bool {
    word.split('-')
        .skip(1)
        .any(|part| part.chars().next().is_some_and(char::is_uppercase))
}

/// `lemma` written with the letter case of `word`, when the lemma is the
/// word's beginning letter for letter (Рио-де-Жанейродағы → Рио-де-Жанейро);
/// None when a stem change hides it.
fn written_case(lemma: &str, word: &str) -> Option<String> {
    let mut out = String::with_capacity(lemma.len());
    let mut written = word.chars();
    for l in lemma.chars() {
        let w = written.next()?;
        if !w.to_lowercase().eq(l.to_lowercase()) {
            return None;
        }
        out.push(w);
    }
    Some(out)
}

/// How much dearer than the best a reading may be and still be chosen by a
/// context rule.
pub const CONTEXT_MARGIN: f32 = 1.5;

/// What choosing a reading in context looks at: its cost, part of speech
/// and tags. [`Analysis`] is one; a caller that keeps readings in a more
/// compact shape (the extractor's cache of word forms) can be another.
pub trait ReadingView {
    /// The ranking cost; lower is better.
    fn cost(&self) -> f32;
    /// The part of speech, when the root is a known stem.
    fn pos(&self) -> Option<lexicon::Pos>;
    /// The suffixes' tags, left to right.
    fn tags(&self) -> impl ExactSizeIterator<Item = &'static str> + '_;

    /// True when the reading has inflections beyond derivation.
    fn is_inflected(&self) -> bool {
        self.tags().any(|t| !t.starts_with("DER"))
    }

    /// What its suffixes make of it for the choice in context (a reading
    /// kept for many sentences may work it out once).
    fn ending(&self) -> Ending {
        let is = |wanted: &[&str]| {
            self.tags().len() == wanted.len() && self.tags().zip(wanted).all(|(t, w)| t == *w)
        };
        if is(&["ACC"]) || is(&["PST.3"]) || is(&["POSS1SG", "ACC"]) {
            Ending::AccusativeLike
        } else if is(&["POSS3"]) {
            Ending::Possessive
        } else {
            Ending::Other
        }
    }
}

/// The endings the choice in context tells apart (see [`ReadingView::ending`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// An accusative (or a past tense, or a 1st person accusative) that
    /// may as well be an adjective in -ды, -лы, -сыз, -лық (маңызды,
    /// нанымды).
    AccusativeLike,
    /// A 3rd person possessive alone.
    Possessive,
    /// Anything else.
    Other,
}

impl ReadingView for Analysis {
    fn cost(&self) -> f32 {
        self.cost
    }
    fn pos(&self) -> Option<lexicon::Pos> {
        self.pos
    }
    fn tags(&self) -> impl ExactSizeIterator<Item = &'static str> + '_ {
        self.morphemes.iter().map(|m| m.tag)
    }
}

/// For each token of a sentence (its readings and text), the index of the
/// reading its neighbours favour (see [`Lemmatizer::lemma_sentence`]), or
/// None for a token without readings.
pub fn choose_in_sentence<R: ReadingView>(
    readings: &[&[R]],
    tokens: &[&str],
) -> Vec<Option<usize>> {
    let mut chosen = Vec::new();
    choose_in_sentence_into(tokens.len(), |i| readings[i], |i| tokens[i], &mut chosen);
    chosen
}

/// [`choose_in_sentence`] for a sentence of `len` tokens whose readings
/// and texts the two functions give, into `chosen` (cleared first): for a
/// caller that keeps them in a shape of its own and the room from one
/// sentence to the next.
///
/// ```
/// use kazterm::morph::{choose_in_sentence, choose_in_sentence_into, Lemmatizer};
/// let mut lem = Lemmatizer::new();
/// let tokens = ["маңызды", "мәселе"];
/// let readings: Vec<_> = tokens.iter().map(|t| lem.analyze(t)).collect();
/// let mut chosen = vec![Some(9)];
/// choose_in_sentence_into(2, |i| &readings[i][..], |i| tokens[i], &mut chosen);
/// let views: Vec<&[_]> = readings.iter().map(|r| &r[..]).collect();
/// assert_eq!(chosen, choose_in_sentence(&views, &tokens));
/// ```
pub fn choose_in_sentence_into<'s, R: ReadingView + 's>(
    len: usize,
    readings: impl Fn(usize) -> &'s [R],
    text: impl Fn(usize) -> &'s str,
    chosen: &mut Vec<Option<usize>>,
) {
    chosen.clear();
    chosen.resize(len, None);
    // Right to left: a word's choice depends on what the words to its right
    // turned out to be (қарқынды және сапалы жұмыс: сапалы is an adjective
    // because жұмыс follows, so қарқынды is one too).
    for i in (0..len).rev() {
        let prev_is_number = i > 0
            && text(i - 1)
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit);
        // Before the copula's negation an -ды form is a predicate
        // adjective (қасиетті емес), not an object.
        let before_copula = i + 1 < len && is_word(text(i + 1), "емес");
        let head = || nominal_head_follows(&readings, &text, len, chosen, i);
        let choice = choose_in_context(readings(i), head, prev_is_number, before_copula);
        chosen[i] = choice;
    }
}

/// Words that join two adjectives (қарқынды және сапалы). Not the comma,
/// which as often ends a clause (өртенді, жалғыз жылады).
const COORDINATORS: &[&str] = &["және", "әрі", "не", "немесе"];

/// True when what follows token `i` is what an adjective stands before: a
/// noun, or a coordinating word and another adjective (қарқынды және
/// сапалы жұмыс). `chosen` holds the choices already made to
/// the right of `i`.
fn nominal_head_follows<'s, R: ReadingView + 's>(
    readings: &impl Fn(usize) -> &'s [R],
    text: &impl Fn(usize) -> &'s str,
    len: usize,
    chosen: &[Option<usize>],
    i: usize,
) -> bool {
    let reading = |j: usize| -> Option<&R> {
        chosen
            .get(j)
            .copied()
            .flatten()
            .and_then(|k| readings(j).get(k))
    };
    let Some(next) = reading(i + 1) else {
        // A coordinator: the adjective after it decides.
        return i + 1 < len
            && is_coordinator(text(i + 1))
            && reading(i + 2).is_some_and(is_attributive);
    };
    if is_coordinator(text(i + 1)) {
        return reading(i + 2).is_some_and(is_attributive);
    }
    // Not another adjective: an accusative object is as often followed by
    // an adjective that opens the next phrase (ахуалды сенімді бақылауда).
    is_noun_like(next)
}

/// True when `token` is `word` (lower case) in any letter case; this runs
/// for every token, so only a token of the word's length is lower-cased,
/// and one already in lower case is not copied.
fn is_word(token: &str, word: &str) -> bool {
    token.len() == word.len() && crate::script::lowercase(token) == word
}

fn is_coordinator(token: &str) -> bool {
    COORDINATORS.iter().any(|w| is_word(token, w))
}

/// True for an adjective reading that stands before a noun: an adjective
/// stem without inflection, or a word derived into one (білімді, сапалы).
fn is_attributive(a: &impl ReadingView) -> bool {
    !a.is_inflected()
        && (a.pos() == Some(lexicon::Pos::Adj)
            || a.tags()
                .last()
                .is_some_and(|t| matches!(t, "DER.LY" | "DER.SYZ" | "DER.GY" | "DER.MALY")))
}

/// The index of the reading that the neighbours favour, if a context rule
/// applies; else of the cheapest. `head` tells whether a noun (or
/// coordinated adjectives before one) follows; it is asked only when a
/// rule needs it.
fn choose_in_context<R: ReadingView>(
    readings: &[R],
    head: impl FnOnce() -> bool,
    prev_is_number: bool,
    before_copula: bool,
) -> Option<usize> {
    let best = readings.first()?;
    if readings.len() == 1 {
        // Nothing to choose (most words): no rule below can pick another.
        return Some(0);
    }
    let within = |a: &R| a.cost() <= best.cost() + CONTEXT_MARGIN;
    if prev_is_number && best.pos() == Some(lexicon::Pos::Adj) {
        if let Some(noun) = readings
            .iter()
            .position(|a| within(a) && a.pos() == Some(lexicon::Pos::Noun))
        {
            return Some(noun);
        }
    }
    // An accusative (or a past tense) that could be an adjective in -ды,
    // -лы, -сыз, -лық: the adjective when a noun follows. So is a 1st
    // person accusative (нанымды, жағымды: the adjectives in -ымды).
    let ending = best.ending();
    let accusative_like = ending == Ending::AccusativeLike;
    let possessive = ending == Ending::Possessive;
    // A name's accusative stays one (Иранды): names make no -ды adjectives.
    let name = best.pos() == Some(lexicon::Pos::Propn);
    if (accusative_like || possessive) && !name && ((accusative_like && before_copula) || head()) {
        let adjective = readings.iter().position(|a| {
            // An adjective reading: an adjective stem with no case or
            // possessive on it (қажет+ACC has an adjective stem, but is not
            // one), or a derived adjective.
            within(a)
                && ((a.pos() == Some(lexicon::Pos::Adj) && !a.is_inflected())
                    || (accusative_like
                        && !a.is_inflected()
                        && a.tags().any(|t| t.starts_with("DER."))))
        });
        if adjective.is_some() {
            return adjective;
        }
    }
    Some(0)
}

/// True when a reading looks like a noun: a known noun or name, or an
/// unknown stem with only nominal suffixes. Adjectives, adverbs and the like
/// do not count: an adjective stands before a noun, not before them.
fn is_noun_like(a: &impl ReadingView) -> bool {
    if a.tags().any(is_verbal_tag) {
        return false;
    }
    match a.pos() {
        Some(p) => matches!(p, lexicon::Pos::Noun | lexicon::Pos::Propn),
        None => !a.tags().any(|t| t.starts_with("DER.")),
    }
}

/// One shared copy of a reading's tag list, for callers that keep readings
/// of many word forms (the extractor's word cache): a corpus has tens of
/// thousands of forms but some hundreds of tag lists (680 in the 3 MB of
/// `../shared/data/kk_corpus`), since suffixes come in slot order
/// (`data/morph/suffixes.tsv`). The copies live as long as the program:
/// what they take is bounded by the grammar, not by the input.
///
/// ```
/// let a = kazterm::morph::shared_tags(&["POSS3", "ABL"]);
/// let b = kazterm::morph::shared_tags(&["POSS3", "ABL"]);
/// assert!(std::ptr::eq(a, b));
/// ```
pub fn shared_tags(tags: &[&'static str]) -> &'static [&'static str] {
    use std::sync::{PoisonError, RwLock};
    static LISTS: std::sync::LazyLock<RwLock<rustc_hash::FxHashSet<&'static [&'static str]>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(&list) = LISTS
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(tags)
    {
        return list;
    }
    let mut lists = LISTS.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(&list) = lists.get(tags) {
        return list;
    }
    let list: &'static [&'static str] = Box::leak(tags.to_vec().into_boxed_slice());
    lists.insert(list);
    list
}

/// Tags of verb suffixes (see `data/morph/suffixes.tsv`).
pub(crate) fn is_verbal_tag(tag: &str) -> bool {
    matches!(
        tag,
        "PASS"
            | "NEG"
            | "PTCP.PST"
            | "PTCP.HAB"
            | "VN"
            | "INT"
            | "CVB.PERF"
            | "CVB.IMPF"
            | "COND"
            | "IMP.3"
    ) || tag.starts_with("PRES")
        || tag.starts_with("PST")
        || tag.starts_with("EVID")
        || tag.starts_with("COP")
}

/// A token the analyzer should look at: Cyrillic, with at least two letters.
fn is_kazakh_word(lower: &str) -> bool {
    matches!(script_of_str(lower), Script::Cyrillic)
        && lower
            .chars()
            .filter(|&c| crate::script::is_letter(c))
            .count()
            >= 2
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_forms_reach_their_lemmas() {
        let mut lem = Lemmatizer::new();
        for (form, lemma) in [
            ("безінен", "без"),
            ("бездерге", "без"),
            ("бездерінің", "без"),
            ("гормонын", "гормон"),
            ("гормондардың", "гормон"),
            ("гипофиздің", "гипофиз"),
            ("ауруына", "ауру"),
            ("жүрегі", "жүрек"),
            ("мұрны", "мұрын"),
        ] {
            assert_eq!(lem.lemma(form, false).lemma, lemma, "{form}");
        }
    }

    #[test]
    fn odd_tokens_get_themselves_and_unk() {
        let mut lem = Lemmatizer::new();
        for w in ["", "123", "glandula", "а", "0,5"] {
            let l = lem.lemma(w, false);
            assert_eq!(l.lemma, w);
            assert_eq!(l.analysis, "UNK");
        }
        // Words made only of suffix letters stay themselves.
        assert_eq!(lem.lemma("дың", false).lemma, "дың");
        assert_eq!(lem.lemma("лар", false).lemma, "лар");
        let long = "ә".repeat(10_000);
        assert_eq!(lem.lemma(&long, false).lemma, long);
    }

    #[test]
    fn capitals_inside_a_sentence_are_proper_names() {
        let mut lem = Lemmatizer::new();
        assert_eq!(lem.lemma("Астанаға", false).lemma, "Астана");
        assert_eq!(lem.lemma("Гипофиздің", true).lemma, "гипофиз");
        assert_eq!(lem.lemma("ҚР-ның", false).lemma, "ҚР");
    }
}
