//! Greek- and Latin-rooted Cyrillic words: decomposition into morphemes.
//!
//! Kazakh medical vocabulary borrows Greek and Latin compounds through
//! Russian: гипофиз = гипо + физ (hypo + physis), лимфоцит = лимф + о + цит,
//! акромегалия = акро + мегал + ия. [`segment`] splits a stem into
//! morphemes of `data/extract/morphemes.tsv` (prefixes, then roots with an
//! optional linking о or и between them, then at most one final element),
//! letting stretches no morpheme explains stand as unknown material, so that
//! тонзиллит (a root the inventory may lack, + -ит) still shows what it is
//! made of. [`decompose`] keeps only the splits that cover the whole stem.
//!
//! Whether a word is a term is decided by the recogniser ([`super::loanword`]),
//! which weighs the morphemes found (strong or weak roots, a final element
//! that names a category) against the word's shape.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use super::Category;
use crate::error::{Error, Result};
use crate::table::records;

const TABLE: &str = include_str!("../../data/extract/morphemes.tsv");

/// Words longer than this are not decomposed: no term is that long, and
/// the search stays bounded on hostile input.
pub const MAX_LETTERS: usize = 48;

/// The kind of a morpheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// гипо-, эндо-.
    Prefix,
    /// -физ-, -крин-.
    Root,
    /// -ия, -ит, -цит: the final element.
    Suffix,
    /// Letters no morpheme of the inventory explains.
    Unknown,
}

impl Kind {
    /// Parses `prefix`, `root` or `suffix`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "prefix" => Some(Kind::Prefix),
            "root" => Some(Kind::Root),
            "suffix" => Some(Kind::Suffix),
            _ => None,
        }
    }
}

/// One morpheme of the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morpheme {
    /// The Cyrillic shape.
    pub form: String,
    /// Prefix, root or suffix.
    pub kind: Kind,
    /// `grc`, `la` (or `fr`).
    pub origin: String,
    /// The source word in Latin script.
    pub etymon: String,
    /// Its English meaning.
    pub meaning: String,
    /// What it says of the category of a word ending in it.
    pub category: Option<Category>,
    /// A root short or common enough in other words (тон, ген, сома) to
    /// count only with other evidence; a final element that is a mere
    /// ending (-ия, -ит) rather than one carrying a root (-скопия).
    pub weak: bool,
}

impl Morpheme {
    /// A morpheme with no category: a strong root, or a final element that
    /// is a mere ending (for rules files).
    pub fn new(form: &str, kind: Kind, origin: &str, etymon: &str, meaning: &str) -> Morpheme {
        Morpheme {
            form: form.to_lowercase(),
            kind,
            origin: origin.to_string(),
            etymon: etymon.to_string(),
            meaning: meaning.to_string(),
            category: None,
            weak: kind == Kind::Suffix,
        }
    }

    fn unknown(form: String) -> Morpheme {
        Morpheme {
            form,
            kind: Kind::Unknown,
            origin: String::new(),
            etymon: "?".to_string(),
            meaning: "unknown".to_string(),
            category: None,
            weak: true,
        }
    }
}

/// The morpheme inventory.
#[derive(Debug, Clone, Default)]
pub struct Morphemes {
    by_form: HashMap<String, Vec<Morpheme>>,
    /// Every beginning of every form, so that the search stops as soon as
    /// no morpheme can start with the letters read.
    beginnings: rustc_hash::FxHashSet<String>,
    longest: usize,
}

impl Morphemes {
    /// Parses a morpheme table (`form kind origin etymon meaning [category
    /// [strength]]`); `name` names it in errors.
    pub fn parse(name: &str, text: &str) -> Result<Morphemes> {
        let mut m = Morphemes::default();
        for rec in records(name, text, 7)? {
            let err = |message: String| Error::Table {
                file: name.to_string(),
                line: rec.line,
                message,
            };
            let kind = Kind::parse(rec.fields[1]).ok_or_else(|| {
                err(format!(
                    "expected prefix, root or suffix, found {:?}",
                    rec.fields[1]
                ))
            })?;
            let category = match rec.fields.get(5).copied() {
                None | Some("-") | Some("") => None,
                Some(c) => Some(
                    Category::parse(c)
                        .ok_or_else(|| err(format!("expected a category or `-`, found {c:?}")))?,
                ),
            };
            // A root is strong unless marked weak; a final element is weak
            // (a mere ending) unless marked strong.
            let weak = match (kind, rec.fields.get(6).copied()) {
                (_, Some("weak")) => true,
                (_, Some("strong")) => false,
                (Kind::Suffix, _) => true,
                (_, None | Some("-") | Some("")) => false,
                (_, Some(s)) => {
                    return Err(err(format!("expected strong, weak or `-`, found {s:?}")))
                }
            };
            m.add(Morpheme {
                category,
                weak,
                ..Morpheme::new(
                    rec.fields[0],
                    kind,
                    rec.fields[2],
                    rec.fields[3],
                    rec.fields[4],
                )
            });
        }
        Ok(m)
    }

    /// Adds a morpheme.
    pub fn add(&mut self, morpheme: Morpheme) {
        self.longest = self.longest.max(morpheme.form.chars().count());
        for (end, _) in morpheme.form.char_indices().skip(1) {
            self.beginnings.insert(morpheme.form[..end].to_string());
        }
        self.beginnings.insert(morpheme.form.clone());
        self.by_form
            .entry(morpheme.form.clone())
            .or_default()
            .push(morpheme);
    }

    /// How many morphemes there are.
    pub fn len(&self) -> usize {
        self.by_form.values().map(Vec::len).sum()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.by_form.is_empty()
    }

    /// True when `form` is a prefix of the inventory.
    pub fn is_prefix(&self, form: &str) -> bool {
        self.get(form, Kind::Prefix).is_some()
    }

    /// The morpheme of a kind with this exact form.
    pub fn get(&self, form: &str, kind: Kind) -> Option<&Morpheme> {
        self.by_form.get(form)?.iter().find(|m| m.kind == kind)
    }
}

/// The built-in morpheme inventory.
pub static BUILTIN: LazyLock<Morphemes> = LazyLock::new(|| {
    Morphemes::parse("data/extract/morphemes.tsv", TABLE).expect("embedded morpheme table")
});

/// A word split into morphemes (and, for a partial split, unknown stretches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decomposition {
    /// The parts, left to right.
    pub parts: Vec<Morpheme>,
    /// Letters of the word (linking vowels included).
    pub letters: usize,
}

impl Decomposition {
    /// The split as written, e.g. `акро+мегал+ия`.
    pub fn forms(&self) -> String {
        self.parts
            .iter()
            .map(|m| m.form.as_str())
            .collect::<Vec<_>>()
            .join("+")
    }

    /// The etymons and meanings, e.g. `akron "extremity, tip" + megas "large" + -ia "condition, state"`.
    pub fn etymons(&self) -> String {
        self.parts
            .iter()
            .map(|m| match m.kind {
                Kind::Unknown => "?".to_string(),
                _ => format!("{} \"{}\"", m.etymon, m.meaning),
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// The decomposition column of `extract`: forms = etymons.
    pub fn describe(&self) -> String {
        format!("{} = {}", self.forms(), self.etymons())
    }

    /// The last part when it is a final element.
    pub fn suffix(&self) -> Option<&Morpheme> {
        self.parts.last().filter(|m| m.kind == Kind::Suffix)
    }

    /// True when every letter belongs to a morpheme of the inventory.
    pub fn complete(&self) -> bool {
        self.parts.iter().all(|m| m.kind != Kind::Unknown)
    }

    /// Letters that no morpheme explains.
    pub fn unknown_letters(&self) -> usize {
        self.parts
            .iter()
            .filter(|m| m.kind == Kind::Unknown)
            .map(|m| m.form.chars().count())
            .sum()
    }

    /// Roots that show a medical word on their own, final elements that
    /// carry one (-скопия, -эктомия) included.
    pub fn strong_roots(&self) -> usize {
        self.parts
            .iter()
            .filter(|m| matches!(m.kind, Kind::Root | Kind::Suffix) && !m.weak)
            .count()
    }

    /// Roots of any strength.
    pub fn roots(&self) -> usize {
        self.parts.iter().filter(|m| m.kind == Kind::Root).count()
    }

    /// The category the word's end gives it: its final element's, or its
    /// last root's when only a bare nominal ending (-ус, -ия …) follows.
    pub fn category(&self) -> Option<Category> {
        let last = self.parts.last()?;
        if let Some(c) = last.category {
            return Some(c);
        }
        if last.kind == Kind::Suffix && self.parts.len() >= 2 {
            let before = &self.parts[self.parts.len() - 2];
            let bare_ending = matches!(last.form.as_str(), "ия" | "ус" | "ум" | "а" | "ий");
            if bare_ending && before.kind == Kind::Root {
                return before.category;
            }
        }
        None
    }

    /// The origin of the word: the origin its morphemes share, or
    /// `neoclassical` for a Greek–Latin hybrid (гипо + функция).
    pub fn origin(&self) -> &str {
        let mut origins = self
            .parts
            .iter()
            .filter(|m| matches!(m.kind, Kind::Prefix | Kind::Root))
            .map(|m| m.origin.as_str());
        let first = origins.next().unwrap_or("grc");
        if origins.all(|o| o == first) {
            first
        } else {
            "neoclassical"
        }
    }
}

/// What a letter costs when no morpheme explains it; a part and a linking
/// vowel cost a little, so that fewer, longer morphemes win (акро-мегал-ия,
/// not акр-о-мегал-ия).
const UNKNOWN_LETTER: u32 = 100;
const PART: u32 = 5;
const LINK: u32 = 1;

/// Where a split is: still among the prefixes, among roots (or unknown
/// material), or done after the final element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Prefixes,
    Roots,
    Ended,
}

impl Phase {
    fn index(self) -> usize {
        match self {
            Phase::Prefixes => 0,
            Phase::Roots => 1,
            Phase::Ended => 2,
        }
    }
}

/// One step of the best split ending at a position: where it came from and
/// what it added.
#[derive(Clone, Copy)]
struct Step {
    cost: u32,
    from: usize,
    from_phase: Phase,
    /// The part added: its kind and letters `from..from + len`.
    kind: Kind,
    len: usize,
    has_root: bool,
}

/// The cheapest split of a lower-case Cyrillic stem into prefixes, roots,
/// unknown stretches and a final element. Linear in the stem's length times
/// the longest morpheme; stems of fewer than 4 or more than
/// [`MAX_LETTERS`] letters are not split.
///
/// ```
/// use kazterm::extract::neoclassical::{segment, BUILTIN};
/// assert_eq!(segment("лимфоцит", &BUILTIN).unwrap().forms(), "лимф+цит");
/// let partial = segment("гайморит", &BUILTIN).unwrap();
/// assert!(!partial.complete() && partial.suffix().unwrap().form == "ит");
/// ```
pub fn segment(stem: &str, lexicon: &Morphemes) -> Option<Decomposition> {
    // Where each letter starts, and the end: letters i..j are
    // stem[at[i]..at[j]].
    let at: Vec<usize> = stem
        .char_indices()
        .map(|(i, _)| i)
        .chain([stem.len()])
        .collect();
    let n = at.len() - 1;
    if !(4..=MAX_LETTERS).contains(&n) {
        return None;
    }
    let letters = |from: usize, to: usize| &stem[at[from]..at[to]];
    // best[i][phase]: the cheapest split of letters ..i that is in `phase`.
    let mut best: Vec<[Option<Step>; 3]> = vec![[None; 3]; n + 1];
    let start = Step {
        cost: 0,
        from: 0,
        from_phase: Phase::Prefixes,
        kind: Kind::Unknown,
        len: 0,
        has_root: false,
    };
    best[0][0] = Some(start);
    // The morphemes that start at a letter (their length and kinds), found
    // once for both phases that may stand there.
    let mut found: Vec<(usize, [bool; 3])> = Vec::new();
    for i in 0..n {
        found.clear();
        for len in 1..=lexicon.longest.min(n - i) {
            let form = letters(i, i + len);
            if !lexicon.beginnings.contains(form) {
                break;
            }
            if let Some(morphemes) = lexicon.by_form.get(form) {
                let has = |kind| morphemes.iter().any(|m| m.kind == kind);
                found.push((len, [has(Kind::Prefix), has(Kind::Root), has(Kind::Suffix)]));
            }
        }
        for phase in [Phase::Prefixes, Phase::Roots] {
            let Some(here) = best[i][phase.index()] else {
                continue;
            };
            let mut offer = |end: usize, to: Phase, step: Step| {
                let slot = &mut best[end][to.index()];
                if slot.is_none_or(|s| step.cost < s.cost) {
                    *slot = Some(step);
                }
            };
            // One unknown letter.
            offer(
                i + 1,
                Phase::Roots,
                Step {
                    cost: here.cost + UNKNOWN_LETTER,
                    from: i,
                    from_phase: phase,
                    kind: Kind::Unknown,
                    len: 1,
                    has_root: here.has_root,
                },
            );
            for &(len, kinds) in &found {
                let end = i + len;
                for (kind, present) in [Kind::Prefix, Kind::Root, Kind::Suffix]
                    .into_iter()
                    .zip(kinds)
                {
                    if !present {
                        continue;
                    }
                    let to = match kind {
                        Kind::Prefix if phase == Phase::Prefixes => Phase::Prefixes,
                        // A root is three letters or more, or two when the
                        // final element follows at once (от-ит).
                        Kind::Root if len >= 3 || end + 2 <= n => Phase::Roots,
                        Kind::Suffix if end == n && (here.has_root || i > 0) => Phase::Ended,
                        _ => continue,
                    };
                    let step = Step {
                        cost: here.cost + PART,
                        from: i,
                        from_phase: phase,
                        kind,
                        len,
                        has_root: here.has_root || kind == Kind::Root,
                    };
                    offer(end, to, step);
                    // A linking vowel after a root: лимф-о-цит.
                    if kind == Kind::Root && end < n && matches!(letters(end, end + 1), "о" | "и")
                    {
                        offer(
                            end + 1,
                            Phase::Roots,
                            Step {
                                cost: step.cost + LINK,
                                ..step
                            },
                        );
                    }
                }
            }
        }
    }
    let (mut phase, mut pos) = [Phase::Ended, Phase::Roots]
        .into_iter()
        .filter_map(|p| best[n][p.index()].map(|s| (s.cost, p)))
        .min_by_key(|&(cost, _)| cost)
        .map(|(_, p)| (p, n))?;
    // Walk the back pointers.
    let mut parts: Vec<Morpheme> = Vec::new();
    while pos > 0 {
        let step = best[pos][phase.index()].expect("a reached position");
        let text = letters(step.from, step.from + step.len);
        let part = match step.kind {
            Kind::Unknown => Morpheme::unknown(text.to_string()),
            kind => lexicon.get(text, kind).expect("found above").clone(),
        };
        match parts.last_mut() {
            // Unknown letters come one at a time: join them.
            Some(last) if last.kind == Kind::Unknown && part.kind == Kind::Unknown => {
                last.form.insert_str(0, &part.form);
            }
            _ => parts.push(part),
        }
        pos = step.from;
        phase = step.from_phase;
    }
    parts.reverse();
    if !parts.iter().any(|m| m.kind != Kind::Unknown) {
        return None;
    }
    Some(Decomposition { parts, letters: n })
}

/// The split of a stem that covers it wholly with morphemes, with at least
/// one root; None otherwise.
///
/// ```
/// use kazterm::extract::neoclassical::{decompose, BUILTIN};
/// assert_eq!(decompose("гипофиз", &BUILTIN).unwrap().forms(), "гипо+физ");
/// assert_eq!(decompose("акромегалия", &BUILTIN).unwrap().forms(), "акро+мегал+ия");
/// assert!(decompose("бала", &BUILTIN).is_none());
/// ```
pub fn decompose(stem: &str, lexicon: &Morphemes) -> Option<Decomposition> {
    segment(stem, lexicon).filter(|d| d.complete() && d.roots() > 0)
}

/// Decomposes a word wholly, first as it is, then without a Kazakh
/// derivation.
pub fn decompose_word(word: &str, morphemes: &Morphemes) -> Option<Decomposition> {
    let lower = word.to_lowercase();
    decompose(&lower, morphemes)
        .or_else(|| decompose(super::loanword::loan_stem(&lower), morphemes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(w: &str) -> Option<String> {
        decompose(w, &BUILTIN).map(|d| d.forms())
    }

    #[test]
    fn the_inventory_covers_medicine() {
        assert!(BUILTIN.len() >= 500, "{}", BUILTIN.len());
    }

    #[test]
    fn corpus_words_decompose() {
        assert_eq!(forms("гипоталамус").as_deref(), Some("гипо+таламус"));
        assert_eq!(forms("эндокрин").as_deref(), Some("эндо+крин"));
        assert_eq!(forms("гиперфункция").as_deref(), Some("гипер+функц+ия"));
        assert_eq!(forms("соматотропин").as_deref(), Some("сомат+тропин"));
        assert_eq!(forms("эпифиз").as_deref(), Some("эпи+физ"));
        assert_eq!(forms("кретинизм").as_deref(), Some("кретин+изм"));
    }

    #[test]
    fn medical_words_of_other_organ_systems_decompose() {
        assert_eq!(
            forms("гепатоспленомегалия").as_deref(),
            Some("гепат+сплен+мегал+ия")
        );
        assert_eq!(forms("лимфаденопатия").as_deref(), Some("лимф+адено+патия"));
        assert_eq!(forms("эритроцит").as_deref(), Some("эритр+цит"));
        assert_eq!(forms("остеохондроз").as_deref(), Some("остео+хондр+оз"));
        assert_eq!(forms("кардиография").as_deref(), Some("кардио+графия"));
        assert_eq!(forms("отит").as_deref(), Some("от+ит"));
    }

    #[test]
    fn partial_splits_keep_what_they_know() {
        let d = segment("тонзиллэктомия", &BUILTIN).unwrap();
        assert_eq!(d.suffix().unwrap().form, "эктомия");
        let d = segment("гайморит", &BUILTIN).unwrap();
        assert_eq!(d.unknown_letters(), 6, "{}", d.forms());
        assert_eq!(d.category(), Some(Category::Disease));
    }

    #[test]
    fn categories_come_only_from_reliable_endings() {
        let cat = |w: &str| segment(w, &BUILTIN).and_then(|d| d.category());
        assert_eq!(cat("лимфоцит"), Some(Category::Cell));
        assert_eq!(cat("бронхит"), Some(Category::Disease));
        assert_eq!(cat("нейрон"), None);
        assert_eq!(cat("бактерия"), Some(Category::Organism));
    }

    #[test]
    fn descriptions_name_etymons_and_origin() {
        let d = decompose("акромегалия", &BUILTIN).unwrap();
        assert!(d
            .describe()
            .starts_with("акро+мегал+ия = akron \"extremity, tip\" + megas \"large\""));
        assert_eq!(d.origin(), "grc");
        assert_eq!(
            decompose("гипофункция", &BUILTIN).unwrap().origin(),
            "neoclassical"
        );
    }

    #[test]
    fn native_words_do_not_decompose() {
        for w in ["бала", "адамдар", "жүрек", "салмақ", "ересек", "тамыр"]
        {
            assert_eq!(forms(w), None, "{w}");
        }
    }

    #[test]
    fn long_words_are_not_searched() {
        let long = "а".repeat(10_000);
        assert!(segment(&long, &BUILTIN).is_none());
    }

    #[test]
    fn a_bad_kind_names_its_line() {
        let err = Morphemes::parse("m.tsv", "гипо\tbogus\tgrc\thypo\tunder\t-\t-\n").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("m.tsv:1: expected prefix, root or suffix"));
    }
}
