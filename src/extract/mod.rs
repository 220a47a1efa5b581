//! Term extraction: a Kazakh text's terminology, grouped by lemma, with where
//! each term came from.
//!
//! Each sentence is analysed once (tokens with their repaired forms, lemmas,
//! analyses and offsets), then recognisers propose terms over it, one
//! module each, run and merged by `rules`:
//!
//! | module | finds |
//! |---|---|
//! | [`etymology`] | Latin and Greek quoted in brackets or after `лат.`, with gloss and headword; binomial species names |
//! | [`lexicon`] | the known terms of `data/extract/terms.tsv`, a glossary and `--rules`, by lemma |
//! | `names` | noun phrases headed by без (with elliptic lists), `X гормоны`, `X ауруы` |
//! | [`phrases`] | noun-phrase terms by grammar: relational adjectives and izafet nouns before a head |
//! | [`loanword`] | Greek- and Latin-rooted words, by their morphemes ([`neoclassical`]) and their shape |
//! | `words` | glued compounds, suspended prefixes, Т-лимфоцит, misspelt known terms |
//! | [`abbreviations`] | short forms defined in brackets (СБЖ) and their later uses |
//!
//! [`cvalue`] ranks the multi-word candidates no rule names; [`eval`] scores
//! a run against gold lists.
//!
//! ```
//! let mut ex = kazterm::extract::Extractor::new(&[], &[]);
//! ex.add_text("a.txt", "Гипофиз (грек. hypophysis – өсінді) өсу гормонын бөледі.\n");
//! let terms = ex.finish();
//! let lemmas: Vec<&str> = terms.iter().map(|t| t.lemma.as_str()).collect();
//! assert!(lemmas.contains(&"гипофиз") && lemmas.contains(&"hypophysis") && lemmas.contains(&"өсу гормоны"));
//! ```

pub mod abbreviations;
mod ahead;
pub mod cvalue;
pub mod etymology;
pub mod eval;
pub mod lexicon;
pub mod loanword;
mod names;
pub mod neoclassical;
pub mod phrases;
mod rules;
mod words;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::cache::{FormHash, Reader, SharedFormCache};
use crate::morph::{lexicon::Pos, Lemmatizer};
use crate::normalize::clean_word;
use crate::script::Script;
use crate::tokenize::{Cursor, TokenKind, Tokens};
use ahead::{ReadAhead, Sentence};
use lexicon::TermLexicon;
use neoclassical::{Morpheme, Morphemes};

/// What kind of term it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// An endocrine or other gland.
    Gland,
    /// A hormone.
    Hormone,
    /// A disease.
    Disease,
    /// A condition or state (hyperfunction, swelling).
    Condition,
    /// A part of the body.
    Anatomy,
    /// A substance (a chemical, a nutrient).
    Substance,
    /// A body fluid (blood, lymph, urine, plasma).
    BodyFluid,
    /// A kind of cell (лимфоцит, нейтрофил).
    Cell,
    /// A living agent: bacterium, virus, fungus, parasite.
    Organism,
    /// A medicine or class of medicines (антибиотик).
    Drug,
    /// An examination, operation or treatment (рентгенография, эктомия).
    Procedure,
    /// A Latin or Greek word quoted in the text.
    Etymon,
    /// Any other term.
    Other,
    /// A multi-word candidate no rule names (ranked by C-value).
    Candidate,
}

impl Category {
    /// A category of things that are counted and acted on (a hormone, a
    /// substance, a cell, an organism, a drug, a fluid): a -ды/-ді form of
    /// such a noun is far likelier its accusative (инсулинді бөледі) than
    /// an adjective.
    pub fn is_thing(self) -> bool {
        matches!(
            self,
            Category::Hormone
                | Category::Substance
                | Category::BodyFluid
                | Category::Cell
                | Category::Organism
                | Category::Drug
        )
    }

    /// Parses a category name.
    pub fn parse(s: &str) -> Option<Category> {
        Some(match s {
            "gland" => Category::Gland,
            "hormone" => Category::Hormone,
            "disease" => Category::Disease,
            "condition" => Category::Condition,
            "anatomy" => Category::Anatomy,
            "substance" => Category::Substance,
            "body_fluid" => Category::BodyFluid,
            "cell" => Category::Cell,
            "organism" => Category::Organism,
            "drug" => Category::Drug,
            "procedure" => Category::Procedure,
            "etymon" => Category::Etymon,
            "other" => Category::Other,
            "candidate" => Category::Candidate,
            _ => return None,
        })
    }

    /// The category's name.
    pub fn name(self) -> &'static str {
        match self {
            Category::Gland => "gland",
            Category::Hormone => "hormone",
            Category::Disease => "disease",
            Category::Condition => "condition",
            Category::Anatomy => "anatomy",
            Category::Substance => "substance",
            Category::BodyFluid => "body_fluid",
            Category::Cell => "cell",
            Category::Organism => "organism",
            Category::Drug => "drug",
            Category::Procedure => "procedure",
            Category::Etymon => "etymon",
            Category::Other => "other",
            Category::Candidate => "candidate",
        }
    }
}

/// Where a term was first seen.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// Index of the input in the order given (for sorting across files).
    #[serde(skip)]
    pub input: usize,
    /// The file (shared by every location in it).
    pub file: Arc<str>,
    /// Byte offset in the file.
    #[serde(skip)]
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One extracted term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// The lemma: the dictionary form (for an etymon, the foreign word itself).
    pub lemma: String,
    /// Its category.
    pub category: Category,
    /// `kk`, `la`, `grc` (and other languages of quoted etymons) or `neoclassical`.
    pub origin: String,
    /// Every form seen, in order of appearance.
    pub surfaces: Vec<String>,
    /// How many times it was seen.
    pub count: usize,
    /// Where it was first seen.
    pub first_seen: Location,
    /// Its morphemes, for a Greek- or Latin-rooted word.
    pub decomposition: String,
    /// For an etymon: the Kazakh gloss the text gives.
    pub gloss_kk: String,
    /// For an etymon: the words the bracket explains.
    pub headword: String,
    /// Example sentences (with `--contexts`).
    pub contexts: Vec<String>,
}

/// One word or punctuation token of a sentence, with its analysis. The
/// strings are borrowed from the block's text and from the analyses of the
/// sentence's word forms, so building a sentence's tokens copies nothing
/// and touches no reference count.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// As written.
    pub text: &'a str,
    /// Repaired (look-alike letters fixed), lower case for words.
    pub clean: &'a str,
    pub kind: TokenKind,
    pub script: Script,
    /// Byte offsets in the block's text.
    pub local_start: usize,
    pub local_end: usize,
    /// Offset in the file, line, column.
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    /// The lemma (lower case), the root without derivations, the part of
    /// speech and the tags of the chosen reading.
    pub lemma: &'a str,
    pub root: &'a str,
    pub pos: Option<Pos>,
    pub tags: &'a [&'static str],
    /// What the loan-word recogniser says of the root, when it takes the
    /// word for a Greek- or Latin-rooted term.
    pub rooted: Option<&'a loanword::Recognised>,
    /// The known term this word's root may misspell (an index into the
    /// term lexicon's entries), worked out the first time a rule asks, once
    /// per word form and reading; None for punctuation and numbers.
    pub nearest: Option<&'a std::sync::OnceLock<Option<u32>>>,
    /// A participle nearly as likely as the chosen reading (орналасқан: an
    /// unknown noun at 4.50, a participle at 4.55): not a term's modifier.
    pub maybe_verbal: bool,
    /// The chosen reading has a verb suffix (worked out once per form).
    pub verbal_suffix: bool,
}

/// What the extractor keeps of one word form: the form as written (its
/// key in the cache), its repaired lower-case text, its script, and its
/// readings in the shape the rules and the choice in context use.
///
/// Every token reads one of tens of thousands of these, most of them far
/// from the processor's caches, so a form is laid out to be read in as few
/// memory fetches as possible: one allocation, not three (on real text,
/// the strings of nearly nine tokens in ten and the only reading of three
/// in four lie inside it), and, in C order, what a look-up and the sentence
/// filter read first right after the reference counts of the `Arc` that
/// holds it: the strings, which begin with the key, then the flags; the
/// first reading fills the next cache line. The whole `Arc` takes three
/// lines (192 bytes), and the allocator's size class for it keeps them
/// aligned: a token reads two, where it read four before.
#[derive(Debug)]
#[repr(C)]
struct WordInfo {
    /// The form as written, then its repaired lower-case text and the
    /// readings' lemmas and roots where they differ from what came before;
    /// inline up to 24 bytes (a word of 12 Cyrillic letters).
    strings: compact_str::CompactString,
    /// The form as written: `strings[..form_end]`.
    form_end: u32,
    clean: Span,
    script: Script,
    /// Whether some rule may take the word whatever its reading (see
    /// [`Extractor::weigh`]).
    matters: bool,
    /// Whether some rule may take the word when it has no reading.
    bare_matters: bool,
    /// Whether the word with no reading may head a noun phrase.
    bare_heads_phrase: bool,
    /// Whether the word with no reading begins a term of several words.
    bare_opens_term: bool,
    /// Whether the word with no reading may misspell a known term (see
    /// [`ReadingInfo::long_unknown`]).
    bare_long_unknown: bool,
    /// Three forms in four have one reading (after the choice's margin),
    /// kept inline.
    readings: smallvec::SmallVec<[ReadingInfo; 1]>,
    /// The recogniser on the word as a whole, for a word with no reading.
    rooted: std::sync::OnceLock<Option<Arc<loanword::Recognised>>>,
    /// The term the word may misspell, for a word with no reading.
    nearest: std::sync::OnceLock<Option<u32>>,
}

/// Where a string lies in a [`WordInfo`]'s strings. Offsets are `u32`
/// (a cache holds tens of thousands of forms, each with a few spans): a
/// word form comes from one block, far below 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        let offset = |n: usize| u32::try_from(n).expect("a word form is shorter than 4 GiB");
        Span {
            start: offset(start),
            end: offset(end),
        }
    }
}

impl WordInfo {
    fn at(&self, span: Span) -> &str {
        &self.strings[span.start as usize..span.end as usize]
    }

    fn clean(&self) -> &str {
        self.at(self.clean)
    }

    /// The word under one of its readings, or under none (a word without
    /// readings is its own lemma and root).
    fn under(&self, choice: Option<usize>) -> Chosen<'_> {
        Chosen {
            info: self,
            reading: choice.map(|k| &self.readings[k]),
        }
    }

    /// Whether some rule may take the word under one of its readings, or
    /// under none (see [`Extractor::weigh`]).
    fn matters_under(&self, choice: Option<usize>) -> bool {
        choice.map_or(self.bare_matters, |k| self.readings[k].matters)
    }

    /// Whether the word may head a noun-phrase term under one of its
    /// readings, or under none: whether the term is there depends on the
    /// word before it.
    fn heads_phrase_under(&self, choice: Option<usize>) -> bool {
        choice.map_or(self.bare_heads_phrase, |k| self.readings[k].heads_phrase)
    }

    /// Whether the word begins a term of several words under one of its
    /// readings, or under none: whether the term is there depends on the
    /// words after it.
    fn opens_term_under(&self, choice: Option<usize>) -> bool {
        choice.map_or(self.bare_opens_term, |k| self.readings[k].opens_term)
    }
}

/// A word form under one reading (see [`WordInfo::under`]). Its strings
/// are sliced when asked for: the sentence filter asks most words only for
/// the recogniser's verdict, worked out already.
#[derive(Clone, Copy)]
struct Chosen<'a> {
    info: &'a WordInfo,
    reading: Option<&'a ReadingInfo>,
}

impl<'a> Chosen<'a> {
    /// Lower case.
    fn lemma(self) -> &'a str {
        self.reading
            .map_or_else(|| self.info.clean(), |r| self.info.at(r.lemma))
    }

    /// Lower case.
    fn root(self) -> &'a str {
        self.reading
            .map_or_else(|| self.info.clean(), |r| self.info.at(r.root))
    }

    fn tags(self) -> &'static [&'static str] {
        self.reading.map_or(&[], |r| r.tags)
    }

    fn pos(self) -> Option<Pos> {
        self.reading.and_then(|r| r.pos)
    }

    /// Whether the root may misspell a known term (see
    /// [`ReadingInfo::long_unknown`]).
    fn long_unknown(self) -> bool {
        self.reading
            .map_or(self.info.bare_long_unknown, |r| r.long_unknown)
    }

    /// What the recogniser says of the root (see [`ReadingInfo::rooted`]).
    fn rooted(self) -> &'a std::sync::OnceLock<Option<Arc<loanword::Recognised>>> {
        self.reading.map_or(&self.info.rooted, |r| &r.rooted)
    }

    /// The term the root may misspell (see [`ReadingInfo::nearest`]).
    fn nearest(self) -> &'a std::sync::OnceLock<Option<u32>> {
        self.reading.map_or(&self.info.nearest, |r| &r.nearest)
    }
}

impl crate::cache::Keyed for WordInfo {
    fn key(&self) -> &str {
        &self.strings.as_str()[..self.form_end as usize]
    }

    /// The record's two first lines: the key and the flags, and the first
    /// reading (see [`WordInfo`]).
    fn prefetch(&self) {
        let record: *const WordInfo = self;
        crate::cache::prefetch(record);
        crate::cache::prefetch(record.wrapping_byte_add(64));
    }

    /// The readings, when they do not fit in the record (a form with
    /// several): the choice reads each one's cost, the filter the chosen
    /// one's flags.
    fn prefetch_pointees(&self) {
        if self.readings.spilled() {
            let readings = self.readings.as_ptr();
            crate::cache::prefetch(readings);
            crate::cache::prefetch(readings.wrapping_byte_add(64));
        }
    }
}

/// One reading of a word form as the rules use it. In C order, so that
/// what the choice in context and the sentence filter read of a form's
/// first reading (see [`WordInfo`]) lies in one cache line: everything but
/// the misspelt term, which only rules on unknown long words ask for.
#[derive(Debug)]
#[repr(C)]
struct ReadingInfo {
    tags: &'static [&'static str],
    /// The recogniser on the root, worked out the first time a sentence
    /// chooses this reading.
    rooted: std::sync::OnceLock<Option<Arc<loanword::Recognised>>>,
    cost: f32,
    /// Lower case.
    lemma: Span,
    /// Lower case.
    root: Span,
    pos: Option<Pos>,
    ending: crate::morph::Ending,
    /// Another reading, a participle, costs nearly as little as this one.
    participle_near: bool,
    /// This reading has a verb suffix.
    verbal_suffix: bool,
    /// Whether some rule may take the word when this reading is chosen
    /// (see [`Extractor::weigh`]).
    matters: bool,
    /// Whether the word may head a noun-phrase term under this reading
    /// (which depends on the word before it too).
    heads_phrase: bool,
    /// Whether this reading's lemma begins a term of several words.
    opens_term: bool,
    /// No part of speech and a root of five letters or more: what may
    /// misspell a known term (see `words::single_word`).
    long_unknown: bool,
    /// The term the root may misspell, worked out the first time a rule asks.
    nearest: std::sync::OnceLock<Option<u32>>,
}

impl crate::morph::ReadingView for ReadingInfo {
    fn cost(&self) -> f32 {
        self.cost
    }
    fn pos(&self) -> Option<Pos> {
        self.pos
    }
    fn tags(&self) -> impl ExactSizeIterator<Item = &'static str> + '_ {
        self.tags.iter().copied()
    }
    fn ending(&self) -> crate::morph::Ending {
        self.ending
    }
}

impl Tok<'_> {
    /// A word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// A word with no inflection (derivations allowed).
    pub fn uninflected(&self) -> bool {
        self.tags.iter().all(|t| t.starts_with("DER."))
    }

    /// A -ды/-ді/-ты/-ті form read as a derived adjective, which may as
    /// well be an accusative.
    pub fn ambiguous_accusative(&self) -> bool {
        *self.tags == ["DER.LY"]
            && ["ды", "ді", "ты", "ті"]
                .iter()
                .any(|e| self.lemma.ends_with(e))
    }

    /// A word whose reading has verb suffixes or whose stem is a verb.
    pub fn verbal(&self) -> bool {
        is_verbal(self.pos, self.verbal_suffix)
    }

    /// A function word: conjunction, postposition, pronoun, determiner, adverb, numeral.
    pub fn function_word(&self) -> bool {
        is_function(self.pos)
    }
}

/// A verb, or a word with a verb suffix (see [`Tok::verbal`]).
fn is_verbal(pos: Option<Pos>, verbal_suffix: bool) -> bool {
    pos == Some(Pos::Verb) || verbal_suffix
}

/// The parts of speech of function words (see [`Tok::function_word`]).
fn is_function(pos: Option<Pos>) -> bool {
    matches!(
        pos,
        Some(Pos::Cnj | Pos::Post | Pos::Pron | Pos::Det | Pos::Adv | Pos::Num | Pos::Part)
    )
}

/// True when token `k` opens a sentence, a line or a bracketed or listed
/// unit, where a capital letter says nothing of a name.
pub(crate) fn opens_unit(toks: &[Tok<'_>], k: usize) -> bool {
    k == 0
        || toks[k - 1].line < toks[k].line
        || (toks[k - 1].kind == TokenKind::Punct
            && matches!(
                toks[k - 1].text,
                "." | ":" | ";" | "(" | "—" | "–" | "-" | "!" | "?" | "•" | "«"
            ))
}

/// A word written with a capital where no sentence or line begins, or
/// wholly in capitals: a name or an abbreviation.
pub(crate) fn looks_like_name(toks: &[Tok<'_>], k: usize) -> bool {
    let t = &toks[k];
    if !t.text.chars().next().is_some_and(crate::script::is_upper) {
        return false;
    }
    let upper = t.text.chars().filter(|c| c.is_uppercase()).count();
    let letters = t
        .text
        .chars()
        .filter(|&c| crate::script::is_letter(c))
        .count();
    (upper == letters && letters > 1) || (upper >= 1 && !opens_unit(toks, k))
}

/// What one rule found: a term, its tokens in the sentence, and its details.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub lemma: String,
    pub category: Category,
    pub origin: String,
    pub tokens: (usize, usize),
    /// The surface when it is not simply the tokens' text (an elliptic item).
    pub surface: Option<String>,
    pub decomposition: Option<String>,
    pub gloss: Option<String>,
    pub headword: Option<String>,
    /// How the rule found it, when that matters to a checker.
    pub by: FoundBy,
}

impl Found {
    /// A term a rule names by itself (no decomposition, gloss or headword):
    /// its lemma, category, origin and token span.
    pub(crate) fn named(
        lemma: String,
        category: Category,
        origin: &str,
        tokens: (usize, usize),
    ) -> Found {
        Found {
            by: FoundBy::Rule,
            lemma,
            category,
            origin: origin.to_string(),
            tokens,
            surface: None,
            decomposition: None,
            gloss: None,
            headword: None,
        }
    }
}

/// How a term was found, beyond its rule: the checker reports the ways that
/// are noise in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FoundBy {
    /// By its own spelling.
    Rule,
    /// Through a misspelling one edit away (элифиз for эпифиз).
    Misspelt,
    /// Glued to the next word (жынысбездері for жыныс бездері).
    Glued,
    /// A suspended prefix without its hyphen (гипер және гипофункция).
    SuspendedPrefix,
    /// One word of a quoted phrase, reported with the phrase.
    PhraseWord,
}

/// One occurrence of a term in the text, for checkers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    /// The term's lemma.
    pub lemma: String,
    /// Its category.
    pub category: Category,
    /// How it was found.
    pub by: FoundBy,
    /// As written.
    pub surface: String,
    /// Where.
    pub location: Location,
    /// The sentence it stands in, white space folded: whole when it is
    /// short (shared by the sentence's occurrences), else a window of
    /// [`CONTEXT_CHARS`] characters each side of the term, cut marked with
    /// `…` (a "sentence" of a list or an OCR dump can run for megabytes).
    pub sentence: Arc<str>,
    /// Which sentence it stands in: equal for two occurrences in one
    /// sentence, and for two copies of one sentence.
    pub sentence_id: u64,
    /// For an etymon, the Kazakh gloss the text gives.
    pub gloss: String,
    /// `kk`, `la`, `grc` or `neoclassical`.
    pub origin: String,
}

impl Occurrence {
    /// This occurrence alone as a [`Term`] (count 1, its one surface), the
    /// shape the glossary aligner takes.
    pub fn to_term(&self) -> Term {
        Term {
            lemma: self.lemma.clone(),
            category: self.category,
            origin: self.origin.clone(),
            surfaces: vec![self.surface.clone()],
            count: 1,
            first_seen: self.location.clone(),
            decomposition: String::new(),
            gloss_kk: self.gloss.clone(),
            headword: String::new(),
            contexts: Vec::new(),
        }
    }
}

/// An empty vector with `v`'s room, for references of another lifetime (a
/// sentence's analyses live as long as its reader): collecting a vector's
/// own iterator reuses its allocation when the elements are of one layout.
fn recycle<'b, T>(mut v: Vec<Option<&T>>) -> Vec<Option<&'b T>> {
    v.clear();
    v.into_iter().map(|_| None).collect()
}

/// Analysed word forms shared between the extractors of one parallel run.
/// A form's analysis depends on the form alone (and on the lexicon, which
/// the extractors of one run share), so sharing it never changes a result.
/// Every extractor has one, its own unless given a shared one; a lookup
/// is one hash and a probe of a table, with no lock and no reference count
/// (see [`SharedFormCache`]), after the sentence's forms were prefetched.
#[derive(Clone)]
pub struct WordCache(Arc<SharedFormCache<WordInfo>>);

impl Default for WordCache {
    fn default() -> Self {
        WordCache(Arc::new(SharedFormCache::with_limit(SHARED_FORMS)))
    }
}

/// How many word forms the shared cache's young generation holds (see
/// [`SharedFormCache`]): the common forms of a corpus, not every rare one
/// (real text of 3 MB has about 43,000). 7/8 of 2^16, in a table of 2^17
/// slots (2 MB) that is not yet half full when it ages, so that a probe
/// ends within a slot or two; each form more is a record of 192 bytes.
const SHARED_FORMS: usize = 7 << 13;

/// How close a participle reading must come to a reading to make the word
/// doubtful as a modifier when that reading is chosen.
const PARTICIPLE_MARGIN: f32 = 0.5;

impl std::fmt::Debug for WordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordCache")
    }
}

/// Collects terms over any number of texts, then reports them.
pub struct Extractor {
    lemmatizer: Lemmatizer,
    terms: TermLexicon,
    morphemes: Morphemes,
    acc: HashMap<String, Term>,
    contexts: usize,
    candidates: cvalue::Counter,
    count_candidates: bool,
    /// Every sentence to the rules, none left out by the sentence filter
    /// (for the test that the filter leaves out no term).
    every_sentence: bool,
    /// The lemma sequences of every span a rule named, so that candidates
    /// leave them out.
    named: std::collections::HashSet<String>,
    inputs: usize,
    /// Word forms analysed so far (running text repeats them heavily),
    /// shared with the other workers of a run (see [`WordCache`]).
    words: WordCache,
    /// Room for a sentence's analyses and chosen readings, kept from one
    /// sentence to the next (empty between them).
    infos: Vec<Option<&'static WordInfo>>,
    chosen: Vec<Option<usize>>,
    rule_cache: rules::Cache,
    /// Every occurrence, when asked for (see [`Extractor::with_occurrences`]).
    occurrences: Option<Vec<Occurrence>>,
    /// Short forms defined in the current block, with their long form's
    /// lemma and category.
    abbreviations: HashMap<String, (String, Category)>,
    /// Tokens and word tokens read since the last [`Extractor::take_counts`].
    counts: (usize, usize),
}

impl Extractor {
    /// An extractor with the built-in rules plus a user's extra terms and
    /// morphemes.
    pub fn new(extra_terms: &[(String, Category)], extra_morphemes: &[Morpheme]) -> Extractor {
        // The lexicon hook: one-word terms (the built-in ones and those the
        // caller knows, a glossary's) are known stems to the lemmatizer too.
        let mut lexicon = crate::morph::lexicon::BUILTIN.clone();
        let heads = phrases::head_nouns().map(|h| (h.to_string(), Category::Other));
        for (term, _) in lexicon::builtin_terms()
            .iter()
            .chain(extra_terms)
            .chain(heads.collect::<Vec<_>>().iter())
        {
            if !term.contains(' ') && lexicon.get(term).is_none() {
                lexicon.add(term, Pos::Noun);
            }
        }
        let mut lemmatizer = Lemmatizer::with_lexicon(lexicon);
        let mut morphemes = neoclassical::BUILTIN.clone();
        for m in extra_morphemes {
            morphemes.add(m.clone());
        }
        let terms = TermLexicon::build(&mut lemmatizer, &morphemes, extra_terms);
        // A known Greek- or Latin-rooted term is a root of the words built on
        // it: гипер + инсулин + изм, гипо + тироксин + емия.
        for e in terms.entries() {
            // Only a term that is not itself prefixed: гипофункция must
            // still split as гипо + функция for suspended prefixes.
            let rooted = e.lemmas.len() == 1
                && neoclassical::decompose_word(&e.term, &morphemes)
                    .is_some_and(|d| d.parts[0].kind != neoclassical::Kind::Prefix);
            if rooted
                && e.term.chars().count() >= 5
                && morphemes.get(&e.term, neoclassical::Kind::Root).is_none()
            {
                morphemes.add(neoclassical::Morpheme {
                    category: Some(e.category),
                    ..neoclassical::Morpheme::new(
                        &e.term,
                        neoclassical::Kind::Root,
                        "neoclassical",
                        &e.term,
                        "a known term",
                    )
                });
            }
        }
        Extractor {
            lemmatizer,
            terms,
            morphemes,
            acc: HashMap::default(),
            contexts: 0,
            candidates: cvalue::Counter::default(),
            count_candidates: false,
            every_sentence: false,
            named: std::collections::HashSet::new(),
            inputs: 0,
            words: WordCache::default(),
            infos: Vec::new(),
            chosen: Vec::new(),
            rule_cache: rules::Cache::default(),
            occurrences: None,
            abbreviations: HashMap::default(),
            counts: (0, 0),
        }
    }

    /// Shares its analyses of word forms with the other extractors given the
    /// same cache (the workers of a parallel run), so that no form is
    /// analysed twice.
    pub fn with_word_cache(mut self, cache: WordCache) -> Extractor {
        self.words = cache;
        self
    }

    /// Keeps up to `n` example sentences per term.
    pub fn with_contexts(mut self, n: usize) -> Extractor {
        self.contexts = n;
        self
    }

    /// Keeps every occurrence of every term, for a checker.
    pub fn with_occurrences(mut self) -> Extractor {
        self.occurrences = Some(Vec::new());
        self
    }

    /// How many tokens, and word tokens, the extractor has read since the
    /// last call (a corpus's size, without a second pass to count it).
    pub fn take_counts(&mut self) -> (usize, usize) {
        std::mem::take(&mut self.counts)
    }

    /// The occurrences kept so far, in text order.
    pub fn take_occurrences(&mut self) -> Vec<Occurrence> {
        self.occurrences
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Counts multi-word candidates for [`Extractor::candidates`] (off by
    /// default: it costs time on large corpora).
    pub fn with_candidates(mut self, on: bool) -> Extractor {
        self.count_candidates = on;
        self
    }

    /// Extracts from a whole text (one input).
    pub fn add_text(&mut self, file: &str, text: &str) {
        let mut cursor = Cursor::default();
        self.add_block(file, text, &mut cursor);
        self.inputs += 1;
    }

    /// Extracts from the next block of the current input; `cursor` carries
    /// offsets, lines and sentences from block to block. Call
    /// [`Extractor::end_input`] after the last block of each input.
    pub fn add_block(&mut self, file: &str, block: &str, cursor: &mut Cursor) {
        // The block's own offset in the file: the cursor's, as it enters.
        let base = cursor.offset;
        // One copy of the file's name for every location of the block.
        let file: Arc<str> = Arc::from(file);
        self.abbreviations.clear();
        let mut tokens = Tokens::resume(block, *cursor);
        // The shared cache, held for the block (not one reference count a
        // sentence).
        let words = Arc::clone(&self.words.0);
        // One sentence at a time, so memory stays that of a few sentences,
        // but read a few ahead: what the next ones read of the cache loads
        // meanwhile (see `ReadAhead::prefetch`).
        let mut ahead = ReadAhead::default();
        for token in tokens.by_ref() {
            self.counts.0 += 1;
            self.counts.1 += usize::from(token.kind == TokenKind::Word);
            if ahead.push(token) {
                self.next_sentence(&file, block, base, &words, &mut ahead);
            }
        }
        ahead.end_sentence();
        while self.next_sentence(&file, block, base, &words, &mut ahead) {}
        *cursor = tokens.cursor();
    }

    /// Extracts the first sentence read ahead, after starting the loads of
    /// what the next ones will read of the cache; false when none was left.
    fn next_sentence<'a>(
        &mut self,
        file: &Arc<str>,
        block: &str,
        base: usize,
        words: &SharedFormCache<WordInfo>,
        ahead: &mut ReadAhead<'a>,
    ) -> bool {
        // What the sentences' words are found as stays alive until the
        // sentence is done.
        let words = words.reader();
        ahead.prefetch(&words);
        let Some(sentence) = ahead.pop() else {
            return false;
        };
        self.add_sentence(file, block, base, &words, &sentence);
        ahead.give_back(sentence);
        true
    }

    /// Marks the end of one input (for first-seen ordering across inputs).
    pub fn end_input(&mut self) {
        self.inputs += 1;
    }

    /// Sets the index of the input the next blocks come from (for workers
    /// that take blocks of many inputs).
    pub fn set_input(&mut self, index: usize) {
        self.inputs = index;
    }

    /// The terms gathered since the last call, in order of first appearance,
    /// leaving the extractor ready for more (and its caches warm).
    pub fn take_terms(&mut self) -> Vec<Term> {
        let mut terms: Vec<Term> = self.acc.drain().map(|(_, t)| t).collect();
        sort_by_first_seen(&mut terms);
        terms
    }

    /// The cached analysis of a word form. Another worker may have
    /// analysed the form already: the analysis of a form depends on nothing
    /// else, so sharing it changes no result.
    fn word<'r>(
        &mut self,
        words: &'r Reader<'_, WordInfo>,
        text: &str,
        hash: FormHash,
    ) -> &'r WordInfo {
        if let Some(info) = words.get_hashed(text, hash) {
            return info;
        }
        words.insert(self.analyse_word(text))
    }

    /// Analyses a word form (see [`Extractor::word`]).
    fn analyse_word(&mut self, text: &str) -> WordInfo {
        let clean = clean_word(text);
        // Not through the lemmatizer's cache: this word's analysis is kept
        // here (and in the shared cache) already.
        let mut readings = self.lemmatizer.analyze_uncached(&clean);
        // Only the readings a sentence may choose, and those that make one
        // of them doubtful, matter here: the rest is memory.
        if let Some(best) = readings.first().map(|a| a.cost) {
            readings.retain(|a| a.cost <= best + crate::morph::CONTEXT_MARGIN + PARTICIPLE_MARGIN);
            readings.shrink_to_fit();
        }
        let lower = crate::script::lowercase(&clean);
        let script = crate::script::script_of_str(&lower);
        let participle =
            |a: &crate::morph::Analysis| a.morphemes.iter().any(|m| m.tag.starts_with("PTCP"));
        // The strings one after another; one that begins a string already
        // there (the form itself, or the lemma of бездің in its lower-case
        // form) is not copied again.
        let form = Span::new(0, text.len());
        let mut strings = String::from(text);
        let mut placed = vec![form];
        let mut place = |piece: &str, strings: &mut String| {
            let earlier = placed.iter().find_map(|s| {
                let (start, end) = (s.start as usize, s.end as usize);
                strings[start..end]
                    .starts_with(piece)
                    .then(|| Span::new(start, start + piece.len()))
            });
            if let Some(span) = earlier {
                return span;
            }
            let span = Span::new(strings.len(), strings.len() + piece.len());
            strings.push_str(piece);
            placed.push(span);
            span
        };
        let clean = place(&lower, &mut strings);
        let clean_letters = lower.chars().count();
        let per_reading: smallvec::SmallVec<[ReadingInfo; 1]> = readings
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let participle_near = readings
                    .iter()
                    .enumerate()
                    .any(|(j, b)| j != k && b.cost <= a.cost + PARTICIPLE_MARGIN && participle(b));
                let root = crate::script::lowercase(&a.root);
                ReadingInfo {
                    participle_near,
                    verbal_suffix: a
                        .morphemes
                        .iter()
                        .any(|m| crate::morph::is_verbal_tag(m.tag)),
                    lemma: place(&crate::script::lowercase(&a.lemma), &mut strings),
                    long_unknown: a.pos.is_none() && root.chars().count() >= 5,
                    root: place(&root, &mut strings),
                    pos: a.pos,
                    cost: a.cost,
                    ending: crate::morph::ReadingView::ending(a),
                    tags: crate::morph::shared_tags(
                        &a.morphemes.iter().map(|m| m.tag).collect::<Vec<_>>(),
                    ),
                    rooted: std::sync::OnceLock::new(),
                    nearest: std::sync::OnceLock::new(),
                    matters: true,
                    heads_phrase: true,
                    opens_term: true,
                }
            })
            .collect();
        let mut info = WordInfo {
            strings: strings.into(),
            form_end: form.end,
            clean,
            script,
            readings: per_reading,
            rooted: std::sync::OnceLock::new(),
            nearest: std::sync::OnceLock::new(),
            matters: true,
            bare_matters: true,
            bare_heads_phrase: true,
            bare_opens_term: true,
            bare_long_unknown: clean_letters >= 5,
        };
        self.weigh(&mut info);
        info
    }

    /// Works out the cheap half of whether some rule may find a term in, or
    /// starting from, a word form: whatever its reading (`matters`), under
    /// each reading, and without one. With the recogniser's verdict and the
    /// misspelt term of the chosen reading, worked out when a sentence asks
    /// (see [`Extractor::sentence_may_matter`]), this is a superset of what
    /// the rules ask of a token (see `rules::find_all`): a sentence whose
    /// words all answer no yields no term and is not read further.
    fn weigh(&self, info: &mut WordInfo) {
        // Hyphen-joined words with a Greek- or Latin-rooted part, prefixes
        // standing for a compound (words). Latin and Greek words count
        // only where the etymon rule may read them, which depends on the
        // sentence (see [`Extractor::sentence_may_matter`]).
        info.matters = words::has_rooted_part(info.clean(), &self.morphemes)
            || words::is_suspended_prefix(&self.morphemes, info.clean());
        // One-word terms of the lexicon (lexicon), glued compounds in без
        // and kinds named by a Greek letter (words), the heads of named
        // phrases (names). The heads of noun phrases (phrases) apart, only
        // under a reading that can head one (not ет- "do" in етеді, which
        // shares its lemma with ет "flesh"): whether a phrase is there
        // depends on the word before, which the sentence tells; so does a
        // lemma that begins a term of several words (өт for өт қабы, also
        // the verb өт- "pass").
        let verdict = |lemma: &str, root: &str| {
            self.terms.get(&[lemma]).is_some()
                || lemma.ends_with(words::GLAND)
                || words::starts_with_greek_letter(lemma)
                || names::HEADS.contains(&root)
        };
        let weigh = |r: Chosen<'_>, can_head: bool| {
            (
                verdict(r.lemma(), r.root()),
                can_head && phrases::head_category(r.lemma()).is_some(),
                self.terms.begins_term(r.lemma()),
            )
        };
        let flags: Vec<(bool, bool, bool)> = (0..info.readings.len())
            .map(|k| {
                let reading = &info.readings[k];
                let r = info.under(Some(k));
                weigh(
                    r,
                    phrases::reading_can_head(r.pos(), reading.verbal_suffix, reading.tags),
                )
            })
            .collect();
        let bare = weigh(
            info.under(None),
            phrases::reading_can_head(None, false, &[]),
        );
        (
            info.bare_matters,
            info.bare_heads_phrase,
            info.bare_opens_term,
        ) = bare;
        for (r, (matters, heads, opens)) in info.readings.iter_mut().zip(flags) {
            (r.matters, r.heads_phrase, r.opens_term) = (matters, heads, opens);
        }
    }

    /// Extracts the terms of one sentence: its words are looked up (or
    /// analysed) and their readings chosen in context; a sentence in which
    /// some rule may find a term then goes to the rules.
    fn add_sentence(
        &mut self,
        file: &Arc<str>,
        block: &str,
        base: usize,
        words: &Reader<'_, WordInfo>,
        sentence: &Sentence<'_>,
    ) {
        let mut infos = recycle(std::mem::take(&mut self.infos));
        self.word_infos(words, sentence, &mut infos);
        let sentence = &sentence.tokens[..];
        let mut chosen = std::mem::take(&mut self.chosen);
        crate::morph::choose_in_sentence_into(
            sentence.len(),
            |i| infos[i].map_or(&[][..], |info| &info.readings[..]),
            |i| sentence[i].text,
            &mut chosen,
        );
        // C-value counts every noun phrase: with candidates, every sentence.
        let every = self.count_candidates || self.every_sentence;
        if every || self.sentence_may_matter(sentence, &infos, &chosen) {
            let toks = self.analyse(base, sentence, &infos, &chosen);
            self.extract_sentence(file, block, &toks);
        }
        self.infos = recycle(infos);
        self.chosen = chosen;
    }

    /// Whether some rule may find a term in a sentence: a word that may
    /// matter under its chosen reading (see [`Extractor::weigh`]); a use of
    /// a short form the block defined; a bracket that may quote an etymon
    /// (in a sentence with a Latin or Greek word) or define a short form;
    /// Latin or Greek words the etymon rule may read outside brackets; else
    /// a word the loan-word recogniser takes, or a known term misspelt
    /// (each worked out once per form and reading, as the rules would).
    fn sentence_may_matter(
        &mut self,
        sentence: &[crate::tokenize::Token<'_>],
        infos: &[Option<&WordInfo>],
        chosen: &[Option<usize>],
    ) -> bool {
        // A use of a short form the block defined, as the rule reads one;
        // not any capital: every sentence starts with one.
        let short_form_use =
            |text: &str| abbreviations::use_of(text, &self.abbreviations).is_some();
        // A word before a phrase's head that may be its modifier, as the
        // chunker reads one (a modifier that is a term itself sends the
        // sentence to the rules anyway).
        let may_modify = |k: usize| {
            infos[k].is_some_and(|i| {
                let r = i.under(chosen[k]);
                i.script == Script::Cyrillic
                    && phrases::may_modify(
                        sentence[k].text,
                        r.lemma(),
                        r.pos(),
                        r.tags(),
                        r.reading.is_some_and(|reading| {
                            reading.verbal_suffix || reading.participle_near
                        }),
                    )
            })
        };
        let cheap = infos
            .iter()
            .zip(chosen)
            .enumerate()
            .any(|(k, (info, choice))| {
                info.is_some_and(|i| {
                    i.matters
                        || i.matters_under(*choice)
                        || short_form_use(sentence[k].text)
                        || (i.heads_phrase_under(*choice) && k > 0 && may_modify(k - 1))
                })
            });
        if cheap {
            return true;
        }
        // A bracket, where it may quote an etymon (the etymon rule reads
        // only Latin and Greek words) or define a short form: most brackets
        // of general text hold neither (dates, names, asides).
        let foreign = |i: &Option<&WordInfo>| {
            i.as_ref()
                .is_some_and(|i| matches!(i.script, Script::Latin | Script::Greek))
        };
        let has_foreign = infos.iter().any(foreign);
        let text = |k: usize| sentence[k].text;
        let bracket = |k: usize| {
            text(k) == "(" && (has_foreign || abbreviations::may_define(text, sentence.len(), k))
        };
        if (0..sentence.len()).any(bracket) {
            return true;
        }
        // A term of several words of the lexicon: looked for, as the rule
        // does, in the chosen lemmas, once a word begins one. Every word
        // stands for its lemma here, where the rule leaves out Latin words
        // that are not short forms: a term found in the rule's lemmas is
        // found in these.
        let opens = |(i, choice): (&Option<&WordInfo>, &Option<usize>)| {
            i.as_ref().is_some_and(|i| i.opens_term_under(*choice))
        };
        if infos.iter().zip(chosen).any(opens) {
            let lemmas: Vec<Option<&str>> = infos
                .iter()
                .zip(chosen)
                .map(|(i, choice)| i.as_ref().map(|i| i.under(*choice).lemma()))
                .collect();
            if !self.terms.find(&lemmas).is_empty() {
                return true;
            }
        }
        // A Latin or Greek word outside brackets: a species name, or an
        // etymon after a language label or before a dash and its gloss.
        if has_foreign {
            let shapes: Vec<etymology::Shape<'_>> = sentence
                .iter()
                .zip(infos)
                .map(|(t, i)| etymology::Shape {
                    kind: t.kind,
                    script: i.as_ref().map_or(Script::None, |i| i.script),
                    text: t.text,
                })
                .collect();
            if etymology::may_find_outside_brackets(&shapes) {
                return true;
            }
        }
        let (cache, morphemes, terms) = (&mut self.rule_cache, &self.morphemes, &self.terms);
        infos.iter().zip(chosen).any(|(info, choice)| {
            let Some(i) = info else {
                return false;
            };
            let r = i.under(*choice);
            r.rooted()
                .get_or_init(|| cache.recognise(r.root(), morphemes))
                .is_some()
                || (r.long_unknown()
                    && r.nearest()
                        .get_or_init(|| terms.misspelt(r.root()))
                        .is_some())
        })
    }

    /// The analyses of a sentence's word forms (None for punctuation and
    /// numbers), which its [`Tok`]s borrow from, after those in `infos`.
    fn word_infos<'r>(
        &mut self,
        words: &'r Reader<'_, WordInfo>,
        sentence: &Sentence<'_>,
        infos: &mut Vec<Option<&'r WordInfo>>,
    ) {
        let found = sentence.tokens.iter().zip(&sentence.hashes);
        infos.extend(found.map(|(t, hash)| hash.map(|hash| self.word(words, t.text, hash))));
    }

    /// Tokens of a sentence with their repaired forms and lemmas, under
    /// the readings chosen in context.
    fn analyse<'a>(
        &mut self,
        base: usize,
        sentence: &[crate::tokenize::Token<'a>],
        infos: &'a [Option<&'a WordInfo>],
        chosen: &[Option<usize>],
    ) -> Vec<Tok<'a>> {
        // Only Cyrillic words can be Greek- or Latin-rooted Kazakh terms; the
        // recogniser runs once per word form and reading, when first chosen.
        let (cache, morphemes) = (&mut self.rule_cache, &self.morphemes);
        sentence
            .iter()
            .zip(infos)
            .zip(chosen.iter().copied())
            .map(|((t, info), choice)| {
                let mut tok = Tok {
                    text: t.text,
                    clean: t.text,
                    kind: t.kind,
                    script: Script::None,
                    local_start: t.start - base,
                    local_end: t.end - base,
                    offset: t.start,
                    line: t.line,
                    column: t.column,
                    lemma: t.text,
                    root: t.text,
                    pos: None,
                    tags: &[],
                    rooted: None,
                    nearest: None,
                    maybe_verbal: false,
                    verbal_suffix: false,
                };
                let Some(i) = *info else {
                    // Punctuation and numbers are their own lemmas.
                    return tok;
                };
                let chosen = i.under(choice);
                tok.clean = i.clean();
                tok.script = i.script;
                tok.lemma = chosen.lemma();
                tok.root = chosen.root();
                tok.pos = chosen.pos();
                tok.nearest = Some(chosen.nearest());
                tok.tags = chosen.tags();
                if let Some(r) = chosen.reading {
                    tok.maybe_verbal = r.participle_near;
                    tok.verbal_suffix = r.verbal_suffix;
                }
                if i.script == Script::Cyrillic {
                    tok.rooted = chosen
                        .rooted()
                        .get_or_init(|| cache.recognise(chosen.root(), morphemes))
                        .as_deref();
                }
                tok
            })
            .collect()
    }

    fn extract_sentence(&mut self, file: &Arc<str>, block: &str, toks: &[Tok<'_>]) {
        let mut found = rules::find_all(
            block,
            toks,
            &self.terms,
            &self.morphemes,
            &mut self.rule_cache,
        );
        if toks.is_empty() {
            return;
        }
        abbreviations::link(toks, &mut found, &mut self.abbreviations);
        if self.count_candidates {
            let mut named = vec![false; toks.len()];
            for f in &found {
                for flag in &mut named[f.tokens.0..f.tokens.1] {
                    *flag = true;
                }
                let lemmas: Vec<&str> = toks[f.tokens.0..f.tokens.1]
                    .iter()
                    .map(|t| t.lemma)
                    .collect();
                self.named.insert(lemmas.join(" "));
            }
            self.candidates.add(toks, &named);
        }
        let bounds = (toks[0].local_start, toks[toks.len() - 1].local_end);
        let wanted = self.contexts > 0 || self.occurrences.is_some();
        let sentence_id = {
            use std::hash::Hasher;
            let mut h = rustc_hash::FxHasher::default();
            h.write(&block.as_bytes()[bounds.0..bounds.1]);
            h.finish()
        };
        // A short sentence is everyone's context: fold it once.
        let whole: Option<Arc<str>> = (wanted && bounds.1 - bounds.0 <= WHOLE_SENTENCE_BYTES)
            .then(|| Arc::from(fold_spaces(&block[bounds.0..bounds.1])));
        // In a long sentence, the terms of one stretch of WINDOW_CELL bytes
        // share one window around the stretch: a list or a dump with a
        // term in every line holds a window per stretch, not per term.
        let mut windows: HashMap<(usize, usize), Arc<str>> = HashMap::default();
        for f in found {
            let sentence_text: Option<Arc<str>> =
                wanted.then(|| match &whole {
                    Some(text) => Arc::clone(text),
                    None => {
                        let (a, b) = f.tokens;
                        let (start, end) = (toks[a].local_start, toks[b - 1].local_end);
                        let cell = |at: usize| {
                            let mut at = at.clamp(bounds.0, bounds.1);
                            while !block.is_char_boundary(at) {
                                at -= 1;
                            }
                            at
                        };
                        let from = cell(start - start % WINDOW_CELL).min(start);
                        let to = cell(start - start % WINDOW_CELL + WINDOW_CELL).max(end);
                        Arc::clone(windows.entry((from, to)).or_insert_with(|| {
                            Arc::from(context_window(block, bounds, (from, to)))
                        }))
                    }
                });
            let (a, b) = f.tokens;
            let written: &str = match &f.surface {
                Some(s) => s,
                None => &block[toks[a].local_start..toks[b - 1].local_end],
            };
            // A term broken over lines is one surface with one space.
            let folded;
            let surface: &str = if written.contains(|c: char| c.is_whitespace() && c != ' ')
                || written.contains("  ")
            {
                folded = fold_spaces(written);
                &folded
            } else {
                written
            };
            // Terms are keyed by their lemma in lower case; most lemmas are
            // lower case already.
            let key = if f.lemma.chars().any(char::is_uppercase) {
                f.lemma.to_lowercase()
            } else {
                f.lemma.clone()
            };
            let inputs = self.inputs;
            if let Some(occurrences) = self.occurrences.as_mut() {
                occurrences.push(Occurrence {
                    lemma: f.lemma.clone(),
                    category: f.category,
                    by: f.by,
                    surface: surface.to_string(),
                    location: Location {
                        input: inputs,
                        file: Arc::clone(file),
                        offset: toks[a].offset,
                        line: toks[a].line,
                        column: toks[a].column,
                    },
                    sentence: sentence_text.clone().unwrap_or_else(|| Arc::from("")),
                    sentence_id,
                    gloss: f.gloss.clone().unwrap_or_default(),
                    origin: f.origin.clone(),
                });
            }
            let term = self.acc.entry(key).or_insert_with(|| Term {
                lemma: f.lemma.clone(),
                category: f.category,
                origin: f.origin.clone(),
                surfaces: Vec::new(),
                count: 0,
                // Inputs, blocks and sentences come in order: the first
                // occurrence is the first seen.
                first_seen: Location {
                    input: inputs,
                    file: Arc::clone(file),
                    offset: toks[a].offset,
                    line: toks[a].line,
                    column: toks[a].column,
                },
                decomposition: String::new(),
                gloss_kk: String::new(),
                headword: String::new(),
                contexts: Vec::new(),
            });
            term.count += 1;
            if !term.surfaces.iter().any(|s| s == surface) {
                term.surfaces.push(surface.to_string());
            }
            for (field, value) in [
                (&mut term.decomposition, f.decomposition),
                (&mut term.gloss_kk, f.gloss),
                (&mut term.headword, f.headword),
            ] {
                if field.is_empty() {
                    if let Some(v) = value {
                        *field = v;
                    }
                }
            }
            if let Some(text) = &sentence_text {
                if term.contexts.len() < self.contexts
                    && !term.contexts.iter().any(|c| **c == **text)
                {
                    term.contexts.push(text.to_string());
                }
            }
        }
    }

    /// The terms, in order of first appearance, spelling variants under
    /// their commonest spelling.
    pub fn finish(self) -> Vec<Term> {
        let mut terms: Vec<Term> = self.acc.into_values().collect();
        sort_by_first_seen(&mut terms);
        // The merge keeps the order.
        merge_spelling_variants(terms)
    }

    /// The `n` best multi-word candidates that no rule named, by C-value.
    pub fn candidates(&self, n: usize) -> Vec<cvalue::Candidate> {
        self.candidates
            .ranked()
            .into_iter()
            .filter(|c| !self.acc.contains_key(&c.lemma) && !self.named.contains(&c.lemma))
            .take(n)
            .collect()
    }
}

/// Merges term lists of consecutive parts of a corpus (blocks, files,
/// shards) into what one pass over them in order gives: counts summed,
/// surfaces appended in order, the earliest first_seen, the first details,
/// contexts up to the cap.
#[derive(Debug, Default)]
pub struct TermMerger {
    index: HashMap<String, usize>,
    terms: Vec<Term>,
    contexts: usize,
}

impl TermMerger {
    /// A merger keeping up to `contexts` contexts per term.
    pub fn new(contexts: usize) -> TermMerger {
        TermMerger {
            contexts,
            ..TermMerger::default()
        }
    }

    /// Adds the terms of the next part.
    pub fn add(&mut self, part: Vec<Term>) {
        for t in part {
            let key = t.lemma.to_lowercase();
            match self.index.get(&key) {
                None => {
                    self.index.insert(key, self.terms.len());
                    self.terms.push(t);
                }
                Some(&i) => {
                    let m = &mut self.terms[i];
                    m.count += t.count;
                    for s in t.surfaces {
                        if !m.surfaces.contains(&s) {
                            m.surfaces.push(s);
                        }
                    }
                    if t.first_seen < m.first_seen {
                        m.first_seen = t.first_seen;
                    }
                    for (field, value) in [
                        (&mut m.decomposition, t.decomposition),
                        (&mut m.gloss_kk, t.gloss_kk),
                        (&mut m.headword, t.headword),
                    ] {
                        if field.is_empty() {
                            *field = value;
                        }
                    }
                    for c in t.contexts {
                        if m.contexts.len() < self.contexts && !m.contexts.contains(&c) {
                            m.contexts.push(c);
                        }
                    }
                }
            }
        }
    }

    /// The merged terms, in order of first appearance, spelling variants
    /// under their commonest spelling.
    pub fn finish(mut self) -> Vec<Term> {
        self.terms = merge_spelling_variants(self.terms);
        sort_by_first_seen(&mut self.terms);
        self.terms
    }
}

/// Spelling variants of one term reported under its commonest spelling:
/// two lemmas of at least eight letters, in one category, one edit apart
/// and alike in their first three letters (бактериа and бактерия,
/// бактериалды инфекция and бактериальды инфекция). The variant's forms
/// become surfaces of the standard. Shorter lemmas are left apart: нейрон
/// and нефрон are two terms.
fn merge_spelling_variants(terms: Vec<Term>) -> Vec<Term> {
    const MIN_LETTERS: usize = 8;
    // Terms are compared only within a bucket of one category, first three
    // letters and length, and with the bucket one letter longer: the work
    // stays near linear on a corpus of many thousand terms.
    let key = |t: &Term| {
        let lower = t.lemma.to_lowercase();
        let prefix: String = lower.chars().take(3).collect();
        (t.category, prefix, lower.chars().count())
    };
    let mut buckets: HashMap<(Category, String, usize), Vec<usize>> = HashMap::default();
    for (i, t) in terms.iter().enumerate() {
        if t.lemma.chars().count() >= MIN_LETTERS && t.category != Category::Etymon {
            buckets.entry(key(t)).or_default().push(i);
        }
    }
    let mut keys: Vec<&(Category, String, usize)> = buckets.keys().collect();
    keys.sort();
    // variant index → standard index
    let mut into: HashMap<usize, usize> = HashMap::default();
    for k in keys {
        let members = &buckets[k];
        let longer = buckets.get(&(k.0, k.1.clone(), k.2 + 1));
        for (x, &i) in members.iter().enumerate() {
            let same_length = members[x + 1..].iter();
            for &j in same_length.chain(longer.into_iter().flatten()) {
                let (a, b) = (&terms[i], &terms[j]);
                if strsim::levenshtein(&a.lemma.to_lowercase(), &b.lemma.to_lowercase()) != 1 {
                    continue;
                }
                // The commoner spelling is the standard; on a tie, the first seen.
                let (standard, variant) = if (b.count, &a.first_seen) > (a.count, &b.first_seen) {
                    (j, i)
                } else {
                    (i, j)
                };
                if !into.contains_key(&standard) {
                    into.entry(variant).or_insert(standard);
                }
            }
        }
    }
    if into.is_empty() {
        return terms;
    }
    let mut slots: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
    let mut variants: Vec<usize> = into.keys().copied().collect();
    variants.sort_unstable();
    for v in variants {
        let s = into[&v];
        let (Some(variant), true) = (slots[v].take(), slots[s].is_some()) else {
            continue;
        };
        let standard = slots[s].as_mut().expect("checked above");
        standard.count += variant.count;
        for surface in variant.surfaces {
            if !standard.surfaces.contains(&surface) {
                standard.surfaces.push(surface);
            }
        }
        if variant.first_seen < standard.first_seen {
            standard.first_seen = variant.first_seen;
        }
    }
    slots.into_iter().flatten().collect()
}

/// Terms in order of first appearance (then by lemma, for terms first seen
/// in one place).
fn sort_by_first_seen(terms: &mut [Term]) {
    terms.sort_by(|a, b| {
        a.first_seen
            .cmp(&b.first_seen)
            .then_with(|| a.lemma.cmp(&b.lemma))
    });
}

/// Characters of context each side of a term when its sentence is long.
pub const CONTEXT_CHARS: usize = 80;

/// A sentence of up to this many bytes is shown whole.
const WHOLE_SENTENCE_BYTES: usize = 600;

/// In a longer sentence, the terms within one stretch of this many bytes
/// share a context: the stretch and [`CONTEXT_CHARS`] characters each side.
const WINDOW_CELL: usize = 96;

/// The context of a term (`term`, byte offsets in `block`) in its sentence
/// (`sentence`): the sentence, white space folded, when it is short; else
/// [`CONTEXT_CHARS`] characters each side of the term, with `…` where it is
/// cut. Bounded whatever the sentence's length.
fn context_window(block: &str, sentence: (usize, usize), term: (usize, usize)) -> String {
    let (s0, s1) = sentence;
    if s1 - s0 <= WHOLE_SENTENCE_BYTES {
        return fold_spaces(&block[s0..s1]);
    }
    let left = block[s0..term.0]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(s0, |(i, _)| s0 + i);
    let right = block[term.1..s1]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(s1, |(i, _)| term.1 + i);
    let mut out = String::new();
    if left > s0 {
        out.push_str("… ");
    }
    out.push_str(&fold_spaces(&block[left..right]));
    if right < s1 {
        out.push_str(" …");
    }
    out
}

fn fold_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_form_takes_three_cache_lines() {
        // The Arc's two counts, then the record (see `WordInfo`): a field
        // more and every token's look-up reads a fourth line.
        let arc = 2 * std::mem::size_of::<usize>() + std::mem::size_of::<WordInfo>();
        assert!(arc <= 192, "{arc} bytes");
        // What the choice and the filter read of the first reading, which
        // begins the second line, lies in that line.
        let rooted = std::mem::offset_of!(ReadingInfo, rooted)
            + std::mem::size_of::<std::sync::OnceLock<Option<Arc<loanword::Recognised>>>>();
        assert!(rooted <= 64 && std::mem::offset_of!(ReadingInfo, opens_term) < 64);
    }

    /// The terms of a text, as (lemma, how found, line:column).
    fn found(text: &str) -> Vec<(String, FoundBy, String)> {
        let mut ex = Extractor::new(&[], &[]).with_occurrences();
        ex.add_text("a.txt", text);
        ex.take_occurrences()
            .into_iter()
            .map(|o| {
                let at = format!("{}:{}", o.location.line, o.location.column);
                (o.lemma, o.by, at)
            })
            .collect()
    }

    fn has(found: &[(String, FoundBy, String)], lemma: &str, by: FoundBy, at: &str) -> bool {
        found
            .iter()
            .any(|(l, b, a)| l == lemma && *b == by && a == at)
    }

    /// The sentence filter leaves out only sentences in which the rules
    /// find nothing: every term and occurrence is the same with it as
    /// without it, on the corpus, the medical dev texts and news and
    /// encyclopedia text.
    #[test]
    fn the_sentence_filter_leaves_out_no_term() {
        let mut texts = vec![include_str!("../../corpus/endocrine_glands.kk.txt").to_string()];
        let dev = std::path::Path::new("../shared/gold/medical_dev/texts");
        let news = std::path::Path::new("../shared/data/kk_corpus/kaznerd_sentences.txt.gz");
        if !news.exists() {
            assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        } else {
            let mut paths: Vec<_> = std::fs::read_dir(dev)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
            let mut all = String::new();
            let file = std::fs::File::open(news).unwrap();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut all)
                .unwrap();
            // The first few thousand sentences (a few hundred kilobytes).
            let end = all
                .char_indices()
                .nth(150_000)
                .map_or(all.len(), |(i, _)| i);
            let end = all[..end].rfind('\n').map_or(end, |i| i + 1);
            texts.push(all[..end].to_string());
        }
        for text in &texts {
            let run = |every_sentence: bool| {
                let mut ex = Extractor::new(&[], &[]).with_occurrences();
                ex.every_sentence = every_sentence;
                ex.add_text("a.txt", text);
                let occurrences: Vec<String> = ex
                    .take_occurrences()
                    .iter()
                    .map(|o| format!("{} {:?} {}", o.lemma, o.by, o.location))
                    .collect();
                (occurrences, format!("{:?}", ex.finish()))
            };
            let (filtered, unfiltered) = (run(false), run(true));
            assert!(!filtered.0.is_empty());
            let start: String = text.chars().take(40).collect();
            assert_eq!(filtered, unfiltered, "{start}");
        }
    }

    #[test]
    fn a_recycled_vector_keeps_its_room() {
        let form = String::from("без");
        let mut infos = Vec::with_capacity(32);
        infos.push(Some(&form));
        let empty: Vec<Option<&'static String>> = recycle(infos);
        assert!(empty.is_empty() && empty.capacity() >= 32);
    }

    /// Sentences are read a few ahead of the one extracted (for the
    /// cache's prefetch): every one is still extracted, once, in order,
    /// the first and the last of a text as well as those between, and a
    /// sentence without a term among them changes nothing.
    #[test]
    fn every_sentence_read_ahead_is_extracted_once_in_order() {
        let text = "Гипофиз мида орналасқан. Бала жүгірді. Қалқанша без мойында.\n\
                    Ұйқы безі инсулин бөледі. Эпифиз мелатонин түзеді.\n";
        let found: Vec<(String, String)> = found(text)
            .into_iter()
            .map(|(lemma, _, at)| (lemma, at))
            .collect();
        let expected = [
            ("гипофиз", "1:1"),
            ("ми", "1:9"),
            ("қалқанша без", "1:40"),
            ("мойын", "1:53"),
            ("ұйқы безі", "2:1"),
            ("инсулин", "2:11"),
            ("эпифиз", "2:27"),
            ("мелатонин", "2:34"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(l, a)| (l.to_string(), a.to_string()))
            .collect();
        assert_eq!(found, expected);
        // One sentence alone, and two: fewer than are read ahead.
        assert_eq!(
            found_lemmas("Эпифиз мелатонин түзеді."),
            ["эпифиз", "мелатонин"]
        );
        assert_eq!(
            found_lemmas("Бала жүгірді. Эпифиз мелатонин түзеді."),
            ["эпифиз", "мелатонин"]
        );
    }

    fn found_lemmas(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(lemma, _, _)| lemma).collect()
    }

    /// Sentences are skipped when no rule can find a term in them: each of
    /// these has one way only to a term, and is still read.
    #[test]
    fn a_sentence_with_one_way_to_a_term_is_still_read() {
        // A misspelt term, an unknown word otherwise.
        assert!(has(
            &found("Науқаста элифиз бұзылған.\n"),
            "эпифиз",
            FoundBy::Misspelt,
            "1:10"
        ));
        // A Greek-rooted word the recogniser takes.
        let f = found("Ол гастроэнтеролог болды.\n");
        assert!(has(&f, "гастроэнтеролог", FoundBy::Rule, "1:4"), "{f:?}");
        // A glued compound.
        let f = found("Жынысбездері жақсы жұмыс істейді.\n");
        assert!(has(&f, "жыныс безі", FoundBy::Glued, "1:1"), "{f:?}");
        // A suspended prefix.
        let f = found("Бұл гипер және гипофункция болуы мүмкін.\n");
        assert!(
            has(&f, "гиперфункция", FoundBy::SuspendedPrefix, "1:5"),
            "{f:?}"
        );
        // A short form used in a later sentence of the block, alone, as
        // written or with a case ending after a hyphen (and a capital alone
        // is no use of one: every sentence starts with one).
        for used in ["СБЖ", "СБЖ-ның"] {
            let f = found(&format!(
                "Созылмалы бүйрек жеткіліксіздігі (СБЖ) жиі кездеседі. Дәрігер {used} белгілерін тексерді.\n"
            ));
            let lemma = "созылмалы бүйрек жеткіліксіздігі";
            assert!(has(&f, lemma, FoundBy::Rule, "1:63"), "{used}: {f:?}");
        }
        // A short form defined where nothing else is a term: the bracket
        // alone sends the sentence to the rules (an aside in brackets, in a
        // sentence without a Latin or Greek word, does not).
        let f = found("Дүниежүзілік сауда ұйымы (ДСҰ) жиналды. Кеше ДСҰ мәжіліс өткізді.\n");
        let lemma = "дүниежүзілік сауда ұйымы";
        assert!(has(&f, lemma, FoundBy::Rule, "1:1"), "{f:?}");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(found("Бала (ұл) ойнады.\n").is_empty());
        // An etymon in brackets, the sentence's only Latin word.
        let f = found("Бұл сөз (лат. glandula) ескі.\n");
        assert!(has(&f, "glandula", FoundBy::Rule, "1:15"), "{f:?}");
        // A term of several words, whose first word alone is none (өт is
        // also the verb "pass").
        let f = found("Оның өт қабы үлкен.\n");
        assert!(has(&f, "өт қабы", FoundBy::Rule, "1:6"), "{f:?}");
        // A kind named by a Greek letter; a rooted word glued to the next
        // by a stray hyphen.
        let f = found("Ол бета-жасушаларды зерттеді.\n");
        assert!(has(&f, "бета-жасуша", FoundBy::Rule, "1:4"), "{f:?}");
        let f = found("Дәрігер симптоматология-қалтырау деп жазды.\n");
        assert!(has(&f, "симптоматология", FoundBy::Rule, "1:9"), "{f:?}");
        // Latin outside brackets: a species name, an etymon after a
        // language label, an etymon before a dash and its gloss.
        for (text, etymon, at) in [
            (
                "Науқаста Helicobacter pylori табылды.\n",
                "Helicobacter pylori",
                "1:10",
            ),
            (
                "Бұл атау лат. glandula сөзінен шыққан.\n",
                "glandula",
                "1:15",
            ),
            ("Гректің endon — ішкі деген сөзі бар.\n", "endon", "1:9"),
        ] {
            let f = found(text);
            assert!(has(&f, etymon, FoundBy::Rule, at), "{text}: {f:?}");
        }
        // A noun phrase on a medical head.
        assert!(has(
            &found("Оның ішкі мүшелері сау.\n"),
            "ішкі мүше",
            FoundBy::Rule,
            "1:6"
        ));
        // And a sentence with no way to a term yields none.
        assert!(found("Біз кеше мектепке бардық.\n").is_empty());
    }
}
