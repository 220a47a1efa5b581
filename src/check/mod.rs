//! Terminology QA: check Kazakh texts, and Kazakh translations of English
//! texts, against the glossary, in any inflected form.
//!
//! Existing QA tools match terms as whole words or by a prefix, which misses
//! `безінің` for `без` in an agglutinative language. The checker works on the
//! extractor's occurrences (found by lemma) and the glossary index of
//! [`crate::glossary::align`]:
//!
//! | kind | what |
//! |---|---|
//! | `typo` | a known term misspelt (элифиз → эпифиз, гиперфунция → гиперфункция) |
//! | `split` | two words glued (жынысбездері) or a suspended prefix without its hyphen (гипер және …) |
//! | `deprecated` | a form the glossary says to avoid, with the preferred one |
//! | `inconsistent` | one concept written with two accepted forms in one document, or one line with [`Scope::Line`] (unless the text introduces them together) |
//! | `unknown` | a gland, hormone, disease or Greek/Latin-rooted noun the glossary lacks, once per document |
//! | `etymon` | a quoted Latin/Greek form that disagrees with the glossary's |
//! | `missing-term` | (bilingual) a source term whose concept has no form in the target |
//! | `number` | (bilingual) numbers that differ between source and target |
//! | `untranslated` | (bilingual) a unit whose target is missing or empty, once per unit |

pub mod bilingual;
pub mod html;
pub mod segments;

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::extract::{Category, FoundBy, Occurrence};
use crate::glossary::align::{Index, Match};
use crate::glossary::Concept;

/// The kind of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A misspelt term.
    Typo,
    /// Glued words or a split term.
    Split,
    /// A deprecated form.
    Deprecated,
    /// Two accepted forms of one concept in one document.
    Inconsistent,
    /// A term the glossary lacks.
    Unknown,
    /// A quoted Latin/Greek form that disagrees with the glossary.
    Etymon,
    /// A source term missing from the target.
    MissingTerm,
    /// Different numbers in source and target.
    Number,
    /// A unit of a bilingual file with no translation yet.
    Untranslated,
}

impl Kind {
    /// The kind's name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Typo => "typo",
            Kind::Split => "split",
            Kind::Deprecated => "deprecated",
            Kind::Inconsistent => "inconsistent",
            Kind::Unknown => "unknown",
            Kind::Etymon => "etymon",
            Kind::MissingTerm => "missing-term",
            Kind::Number => "number",
            Kind::Untranslated => "untranslated",
        }
    }

    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 9] = [
        Kind::Typo,
        Kind::Split,
        Kind::Deprecated,
        Kind::Inconsistent,
        Kind::Unknown,
        Kind::Etymon,
        Kind::MissingTerm,
        Kind::Number,
        Kind::Untranslated,
    ];

    /// Parses a kind's name.
    ///
    /// ```
    /// use kazterm::check::Kind;
    /// assert_eq!(Kind::parse("missing-term"), Some(Kind::MissingTerm));
    /// assert_eq!(Kind::parse("spelling"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// How serious: `error` for what is certainly wrong against the glossary,
    /// `warning` for what a translator should look at.
    pub fn severity(self) -> &'static str {
        match self {
            Kind::Deprecated | Kind::MissingTerm | Kind::Number => "error",
            _ => "warning",
        }
    }
}

/// The counts a check report ends with (its JSON `summary`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings reported.
    pub findings: usize,
    /// Of them, errors.
    pub errors: usize,
    /// Of them, warnings.
    pub warnings: usize,
    /// Findings an ignore file dismissed.
    pub dismissed: usize,
    /// Findings by kind name.
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
}

impl Summary {
    /// Counts one more finding.
    pub fn add(&mut self, f: &Finding) {
        self.findings += 1;
        if f.severity == "error" {
            self.errors += 1;
        } else {
            self.warnings += 1;
        }
        *self.by_kind.entry(f.kind.name()).or_insert(0) += 1;
    }
}

/// A check report as JSON, in the shape of `kazterm check --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The findings, in text order.
    pub findings: Vec<Finding>,
    /// Their counts.
    pub summary: Summary,
}

impl Report {
    /// The report of `findings`.
    ///
    /// ```
    /// let report = kazterm::check::Report::of(Vec::new());
    /// assert_eq!(report.summary.findings, 0);
    /// ```
    pub fn of(findings: Vec<Finding>) -> Report {
        let mut summary = Summary::default();
        for f in &findings {
            summary.add(f);
        }
        Report { findings, summary }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Its kind.
    pub kind: Kind,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The segment (a bilingual file's unit id or line); empty otherwise.
    pub segment: String,
    /// What the text has.
    pub found: String,
    /// What the glossary suggests.
    pub expected: String,
    /// The glossary concept's id.
    pub concept: String,
    /// The explanation.
    pub message: String,
    /// The sentence it stands in.
    pub context: String,
}

impl Finding {
    /// The column names of tabular reports, in the order of the fields.
    pub const COLUMNS: [&'static str; 11] = [
        "kind", "severity", "file", "line", "column", "segment", "found", "expected", "concept",
        "message", "context",
    ];

    /// The fields as text, in the order of [`Self::COLUMNS`].
    pub fn fields(&self) -> [String; 11] {
        [
            self.kind.name().to_string(),
            self.severity.to_string(),
            self.file.clone(),
            self.line.to_string(),
            self.column.to_string(),
            self.segment.clone(),
            self.found.clone(),
            self.expected.clone(),
            self.concept.clone(),
            self.message.clone(),
            self.context.clone(),
        ]
    }

    /// A stable signature for dismissing it: its kind, file, the found form
    /// and a hash of its sentence, so that editing elsewhere in the text does
    /// not revive a dismissed finding.
    pub fn signature(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.kind.name(),
            &self.file,
            &self.found.to_lowercase(),
            &self.context,
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        let digest = h.finalize();
        format!(
            "{}\t{}\t{}\t{}",
            self.kind.name(),
            self.file,
            self.found.to_lowercase(),
            digest
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        )
    }
}

/// Checks the occurrences of one document against the glossary.
pub fn check_document(
    occurrences: &[Occurrence],
    index: &Index<'_>,
    concepts: &[Concept],
) -> Vec<Finding> {
    let mut document = DocumentCheck::default();
    let checked = document.check(occurrences, index, concepts);
    checked
        .into_iter()
        .filter(|c| !c.withdrawn_by(&document))
        .map(|c| c.finding)
        .collect()
}

/// A finding as [`DocumentCheck::check`] makes it: an inconsistency stands
/// only if the document never introduces its two forms together, which a
/// later sentence may still do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The finding.
    pub finding: Finding,
    /// For an inconsistency: the forms (first written, written here) whose
    /// introduction together, anywhere in the document, withdraws it.
    pub unless_together: Option<(String, String)>,
}

impl Checked {
    /// True when the document (read to its end) introduces the two forms
    /// together, so the inconsistency does not stand.
    pub fn withdrawn_by(&self, document: &DocumentCheck) -> bool {
        self.unless_together
            .as_ref()
            .is_some_and(|pair| document.together.contains(pair))
    }
}

/// What counts as one document for consistency and for reporting an
/// unknown term once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// A whole file.
    #[default]
    Document,
    /// Each line on its own: for files of unrelated sentences or passages,
    /// one per line (news sentences, corpus samples).
    Line,
}

/// What [`Index::align`] says about one form, without the term.
#[derive(Clone, Copy)]
struct Alignment<'g> {
    how: Match,
    concept: Option<&'g Concept>,
    distance: usize,
}

/// What checking one document remembers, so that a large document can be
/// checked a block at a time, in one pass: the forms its sentences
/// introduce together and the form each concept was first written in. An
/// inconsistency comes out as a [`Checked`] that a sentence introducing both
/// forms together, later in the document, withdraws.
#[derive(Debug, Default)]
pub struct DocumentCheck {
    /// Concept id → the accepted form used first, and where.
    first_form: HashMap<String, (String, usize)>,
    /// Pairs of forms the text introduces together (тимус (айырша без)).
    together: HashSet<(String, String)>,
    /// Unknown terms already reported.
    unknown_seen: HashSet<String>,
    /// The scope, and the line the current unit is on (with
    /// [`Scope::Line`]).
    scope: Scope,
    unit_line: usize,
}

impl DocumentCheck {
    /// A check whose documents are `scope`.
    pub fn with_scope(scope: Scope) -> DocumentCheck {
        DocumentCheck {
            scope,
            ..DocumentCheck::default()
        }
    }

    /// Learns which forms share a sentence, so that writing both is not
    /// called inconsistent.
    fn learn_pairs(&mut self, occurrences: &[Occurrence]) {
        // A set per sentence: a sentence repeated across a corpus must not
        // make the pairing quadratic in its number of copies.
        let mut by_sentence: HashMap<u64, BTreeSet<String>> = HashMap::new();
        for o in occurrences {
            by_sentence
                .entry(o.sentence_id)
                .or_default()
                .insert(o.lemma.to_lowercase());
        }
        for forms in by_sentence.values() {
            for a in forms {
                for b in forms {
                    self.together.insert((a.clone(), b.clone()));
                }
            }
        }
    }

    /// Checks the next occurrences of the document, in text order (a block's,
    /// or all of them).
    pub fn check(
        &mut self,
        occurrences: &[Occurrence],
        index: &Index<'_>,
        concepts: &[Concept],
    ) -> Vec<Checked> {
        self.learn_pairs(occurrences);
        let mut out = Vec::new();
        let mut pending = Vec::new();
        let mut aligned_once = HashMap::new();
        for o in occurrences {
            if self.scope == Scope::Line && o.location.line != self.unit_line {
                self.unit_line = o.location.line;
                self.first_form.clear();
            }
            let (first_form, together) = (&mut self.first_form, &self.together);
            let finding = |kind: Kind, expected: &str, concept: &str, message: String| Finding {
                kind,
                severity: kind.severity(),
                file: o.location.file.to_string(),
                line: o.location.line,
                column: o.location.column,
                segment: String::new(),
                found: o.surface.clone(),
                expected: expected.to_string(),
                concept: concept.to_string(),
                message,
                context: o.sentence.to_string(),
            };
            // A term recurs many times in a document: align each distinct
            // (form, category, gloss) once.
            let key = (
                o.lemma.as_str(),
                o.surface.as_str(),
                o.category,
                o.gloss.as_str(),
            );
            let aligned = *aligned_once.entry(key).or_insert_with(|| {
                let a = index.align(o.to_term());
                Alignment {
                    how: a.how,
                    concept: a.concept,
                    distance: a.distance,
                }
            });
            let id = aligned.concept.map(|c| c.id.as_str()).unwrap_or("");
            match o.by {
                FoundBy::PhraseWord => continue,
                FoundBy::Misspelt => {
                    out.push(finding(
                        Kind::Typo,
                        &respelt(&o.surface, &o.lemma),
                        id,
                        format!("`{}` looks like a misspelling of `{}`", o.surface, o.lemma),
                    ));
                    continue;
                }
                FoundBy::Glued => {
                    out.push(finding(
                        Kind::Split,
                        &unglued(&o.surface, &o.lemma),
                        id,
                        format!("`{}` glues two words of the term `{}`", o.surface, o.lemma),
                    ));
                    continue;
                }
                FoundBy::SuspendedPrefix => {
                    out.push(finding(
                        Kind::Split,
                        &format!("{}-", o.surface),
                        id,
                        format!(
                            "the prefix `{}` stands for `{}` and takes a hyphen: `{}-`",
                            o.surface, o.lemma, o.surface
                        ),
                    ));
                    continue;
                }
                FoundBy::Rule => {}
            }
            match (aligned.how, aligned.concept) {
                (Match::Deprecated, Some(c)) => out.push(finding(
                    Kind::Deprecated,
                    &c.kk,
                    &c.id,
                    format!(
                        "`{}` is deprecated; the glossary prefers `{}`",
                        o.lemma, c.kk
                    ),
                )),
                // Two edits away is too far to call a typo in running text.
                (Match::Fuzzy, Some(c)) if aligned.distance == 1 => out.push(finding(
                    Kind::Typo,
                    &c.kk,
                    &c.id,
                    format!("`{}` is close to the glossary term `{}`", o.lemma, c.kk),
                )),
                (Match::Etymon, Some(c)) => {
                    let written = o.lemma.to_lowercase();
                    let la = c.la.to_lowercase();
                    let grc = crate::glossary::align::romanize_greek(&c.grc);
                    let agrees = la.is_empty() && grc.is_empty()
                    || written == la
                    || la.split([';', ',']).any(|l| l.trim() == written)
                    || c.grc.split('+').any(|g| crate::glossary::align::romanize_greek(g.trim()) == written)
                    || written == grc
                    // A word of a Latin phrase (glandula in glandula thyroidea).
                    || la.split_whitespace().any(|w| w == written) && !written.contains(' ');
                    if !agrees {
                        out.push(finding(
                            Kind::Etymon,
                            &c.la,
                            &c.id,
                            format!(
                                "`{}` differs from the glossary's Latin `{}`",
                                o.surface, c.la
                            ),
                        ));
                    }
                }
                (Match::Unmatched, None) => {
                    let named = matches!(
                        o.category,
                        Category::Gland
                            | Category::Hormone
                            | Category::Disease
                            | Category::Condition
                    );
                    // A derived adjective alone (медициналық, иммундық) is
                    // not a term to add; its phrase is.
                    let adjective = !o.lemma.contains(' ')
                        && crate::extract::loanword::loan_stem(&o.lemma) != o.lemma;
                    // Native everyday words of the lexicon (жарақат, жөтел)
                    // are not specialist terms to add: only Greek- and
                    // Latin-rooted terms and native names of glands,
                    // hormones and diseases (phrases) are.
                    let native_word = o.origin == "kk" && !o.lemma.contains(' ');
                    // A phrase counts when it names a gland, hormone,
                    // disease or condition; a rooted word always does.
                    let rooted_word = o.origin == "neoclassical" && !o.lemma.contains(' ');
                    if (named && !native_word || rooted_word)
                        && o.category != Category::Etymon
                        && !adjective
                        && self.unknown_seen.insert(o.lemma.to_lowercase())
                    {
                        out.push(finding(
                            Kind::Unknown,
                            "",
                            "",
                            format!(
                                "`{}` ({}) is not in the glossary",
                                o.lemma,
                                o.category.name()
                            ),
                        ));
                    }
                }
                (Match::Exact | Match::Lemma | Match::Variant | Match::Folded, Some(c)) => {
                    let form = o.lemma.to_lowercase();
                    match first_form.get(&c.id) {
                        None => {
                            first_form.insert(c.id.clone(), (form, o.location.line));
                        }
                        Some((first, line))
                            if *first != form
                                && !together.contains(&(first.clone(), form.clone())) =>
                        {
                            pending.push((out.len(), (first.clone(), form.clone())));
                            out.push(finding(
                                Kind::Inconsistent,
                                first,
                                &c.id,
                                format!(
                                    "`{}` is written `{}` here but `{}` on line {}",
                                    c.kk, o.lemma, first, line
                                ),
                            ));
                        }
                        Some(_) => {}
                    }
                }
                _ => {}
            }
        }
        let _ = concepts;
        let mut pending = pending.into_iter().peekable();
        out.into_iter()
            .enumerate()
            .map(|(i, finding)| Checked {
                finding,
                unless_together: pending
                    .next_if(|(at, _): &(usize, _)| *at == i)
                    .map(|(_, pair)| pair),
            })
            .collect()
    }
}

/// The fix for a glued term in the text's own inflection: the space goes
/// where the term's first word ends (жынысбездері → жыныс бездері).
///
/// ```
/// use kazterm::check::unglued;
/// assert_eq!(unglued("жынысбездері", "жыныс безі"), "жыныс бездері");
/// assert_eq!(unglued("Жынысбезінің", "жыныс безі"), "Жыныс безінің");
/// ```
pub fn unglued(surface: &str, lemma: &str) -> String {
    let first = lemma.split_whitespace().next().unwrap_or(lemma);
    let n = first.chars().count();
    let head: String = surface.chars().take(n).collect();
    if head.to_lowercase() != first.to_lowercase() {
        return lemma.to_string();
    }
    let rest: String = surface.chars().skip(n).collect();
    format!("{head} {rest}")
}

/// The fix for a misspelt term in the text's own inflection: the term's
/// stem with the surface's ending (элифиздің → эпифиздің), its first letter
/// in the surface's case.
///
/// ```
/// use kazterm::check::respelt;
/// assert_eq!(respelt("элифиздің", "эпифиз"), "эпифиздің");
/// assert_eq!(respelt("Гиперфунциясы", "гиперфункция"), "Гиперфункциясы");
/// assert_eq!(respelt("элифиз", "эпифиз"), "эпифиз");
/// ```
pub fn respelt(surface: &str, lemma: &str) -> String {
    let chars: Vec<char> = surface.to_lowercase().chars().collect();
    let n = lemma.chars().count();
    // The misspelt stem is one edit from the lemma: one letter shorter,
    // as long or one longer; the rest of the word is its ending.
    let stem_len = (n.saturating_sub(1)..=n + 1)
        .filter(|&k| k <= chars.len())
        .min_by_key(|&k| {
            let stem: String = chars[..k].iter().collect();
            (strsim::levenshtein(&stem, lemma), k.abs_diff(n))
        })
        .unwrap_or(chars.len());
    let ending: String = surface.chars().skip(stem_len).collect();
    let mut fixed = format!("{lemma}{ending}");
    if surface.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = fixed.chars();
        if let Some(c) = cs.next() {
            fixed = c.to_uppercase().chain(cs).collect();
        }
    }
    fixed
}
