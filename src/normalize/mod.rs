//! Normalization of noisy Kazakh text, with a report of every change.
//!
//! The first stage of the pipeline. It repairs what is certainly noise and
//! never what could be meaning (spelling belongs to the checker):
//!
//! | rule | what it repairs |
//! |---|---|
//! | `nfc` | Unicode NFC: и + U+0306 → й |
//! | `invisible` | soft hyphens, zero-width and direction marks removed |
//! | `hyphen` | U+2010/U+2011 inside a word → `-` |
//! | `lookalike` | Latin look-alikes in Cyrillic words and the reverse: `гормoн` → `гормон`, `glаndula` → `glandula` |
//! | `kazakh_letter` | stand-ins for ә ғ қ ң ө ұ ү һ і: `ə` → `ә`, `ɵ` → `ө`, Latin `i` in a Cyrillic word → `і` |
//! | `dash` | a dash standing alone between words → `—` |
//! | `quote` | `"`, `“`, `”`, `„` at word edges → `«` `»` |
//! | `whitespace` | tabs, no-break spaces, runs of spaces between words → one space |
//! | `leading_whitespace`, `trailing_whitespace`, `line_ending` | spaces at line ends and CR before LF dropped |
//! | `trailing_blank_lines`, `final_newline` | the input ends with exactly one newline |
//!
//! The tables behind the letter rules are in `data/normalize/`. Normalizing
//! twice gives the same text as normalizing once.
//!
//! ```
//! let n = kazterm::normalize::normalize("Гипофиз –\tбез  гормoн");
//! assert_eq!(n.text, "Гипофиз — без гормон\n");
//! assert!(n.changes.iter().any(|c| c.rule == kazterm::normalize::Rule::Lookalike));
//! ```

mod chunk;
mod stream;
mod tables;

pub use stream::NormalizeStream;

use serde::Serialize;

/// The kind of repair a [`Change`] made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Unicode canonical composition.
    Nfc,
    /// An invisible character removed.
    Invisible,
    /// A hyphen character unified to `-`.
    Hyphen,
    /// A look-alike letter of another script replaced.
    Lookalike,
    /// A stand-in for one of the nine Kazakh letters replaced.
    KazakhLetter,
    /// A lone dash between words unified to `—`.
    Dash,
    /// A double quote unified to `«` or `»`.
    Quote,
    /// White space between words folded to one space.
    Whitespace,
    /// White space at the start of a line removed.
    LeadingWhitespace,
    /// White space at the end of a line removed.
    TrailingWhitespace,
    /// A carriage return before a line feed removed.
    LineEnding,
    /// Empty lines at the end of the input removed.
    TrailingBlankLines,
    /// A newline added at the end of the input.
    FinalNewline,
    /// Bytes that were not UTF-8 replaced by U+FFFD (only with `--lossy`).
    InvalidUtf8,
}

impl Rule {
    /// The rule's name as reports write it.
    ///
    /// ```
    /// assert_eq!(kazterm::normalize::Rule::KazakhLetter.name(), "kazakh_letter");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Rule::Nfc => "nfc",
            Rule::Invisible => "invisible",
            Rule::Hyphen => "hyphen",
            Rule::Lookalike => "lookalike",
            Rule::KazakhLetter => "kazakh_letter",
            Rule::Dash => "dash",
            Rule::Quote => "quote",
            Rule::Whitespace => "whitespace",
            Rule::LeadingWhitespace => "leading_whitespace",
            Rule::TrailingWhitespace => "trailing_whitespace",
            Rule::LineEnding => "line_ending",
            Rule::TrailingBlankLines => "trailing_blank_lines",
            Rule::FinalNewline => "final_newline",
            Rule::InvalidUtf8 => "invalid_utf8",
        }
    }
}

/// One repair: where in the input, what was there, what replaced it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Byte offset in the input of the first byte replaced.
    pub offset: u64,
    /// 1-based line of that byte.
    pub line: u64,
    /// 1-based column of that byte, in characters.
    pub column: u64,
    /// The input text that was replaced.
    pub before: String,
    /// The text written instead.
    pub after: String,
    /// The rule that made the change.
    pub rule: Rule,
}

/// The repaired form of one word: NFC, invisible characters removed, and
/// look-alike letters and stand-ins replaced, as [`normalize`] would; the
/// word itself, borrowed, when it needs nothing (the usual case).
///
/// ```
/// assert_eq!(kazterm::normalize::clean_word("гормoн"), "гормон");
/// assert_eq!(kazterm::normalize::clean_word("без"), "без");
/// ```
pub fn clean_word(word: &str) -> std::borrow::Cow<'_, str> {
    // Wholly plain Cyrillic or wholly ASCII: nothing to repair.
    let (mut cyrillic, mut ascii, mut other) = (false, false, false);
    for c in word.chars() {
        if tables::TABLES.is_plain_cyrillic(c) {
            cyrillic = true;
        } else if c.is_ascii() {
            ascii |= c.is_ascii_alphabetic();
        } else {
            other = true;
        }
    }
    let plain = !(other || (cyrillic && ascii));
    if plain {
        return std::borrow::Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    let mut changes = Vec::new();
    if chunk::rewrite_chunk(word, &tables::TABLES, &mut out, &mut changes) {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// The Cyrillic letter a Latin look-alike stands for inside a Cyrillic word
/// (T → Т, B → В), from `data/normalize/letters.tsv`.
///
/// ```
/// assert_eq!(kazterm::normalize::cyrillic_lookalike('T'), Some('Т'));
/// assert_eq!(kazterm::normalize::cyrillic_lookalike('Ж'), None);
/// ```
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    tables::TABLES
        .letter(c)
        .and_then(|info| info.in_cyrillic)
        .map(|twin| twin.to)
}

/// The Latin letter a Cyrillic look-alike stands for inside a Latin word
/// (Т → T, В → B), from `data/normalize/letters.tsv`.
///
/// ```
/// assert_eq!(kazterm::normalize::latin_lookalike('В'), Some('B'));
/// assert_eq!(kazterm::normalize::latin_lookalike('Ж'), None);
/// ```
pub fn latin_lookalike(c: char) -> Option<char> {
    tables::TABLES
        .letter(c)
        .and_then(|info| info.in_latin)
        .map(|twin| twin.to)
}

/// A normalized text and the changes that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Every change, in input order.
    pub changes: Vec<Change>,
}

/// Normalizes a whole text held in memory.
///
/// ```
/// let n = kazterm::normalize::normalize("əке мен ɵзен");
/// assert_eq!(n.text, "әке мен өзен\n");
/// ```
pub fn normalize(text: &str) -> Normalized {
    let mut stream = NormalizeStream::new();
    let mut out = String::with_capacity(text.len() + 1);
    let mut changes = Vec::new();
    stream.push(text, &mut out, &mut changes);
    stream.finish(&mut out, &mut changes);
    Normalized { text: out, changes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_noise_is_repaired() {
        let text = include_str!("../../corpus/endocrine_glands.kk.txt");
        let n = normalize(text);
        assert!(!n.text.contains('\t'));
        assert!(!n.text.contains("  "));
        assert!(!n.text.contains(" – "), "en dash between words is unified");
        assert!(n.text.contains("krino — бөлу"));
        assert!(n.text.contains("Акромегалия — ересек"));
        assert!(n.text.ends_with("пайда болады.\n"));
        // Nothing that is not noise moved: the letters are all there.
        let letters = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        assert_eq!(letters(text), letters(&n.text));
        let rules: Vec<Rule> = n.changes.iter().map(|c| c.rule).collect();
        assert_eq!(rules.iter().filter(|r| **r == Rule::Whitespace).count(), 4); // tab + 3 doubles
        assert_eq!(rules.iter().filter(|r| **r == Rule::Dash).count(), 2);
        assert!(rules.contains(&Rule::TrailingWhitespace));
        assert!(rules.contains(&Rule::TrailingBlankLines));
    }

    #[test]
    fn changes_point_at_the_input() {
        let text = "Бұл  без.\nГипофиз –  без";
        let n = normalize(text);
        for c in &n.changes {
            let at = c.offset as usize;
            assert_eq!(&text[at..at + c.before.len()], c.before, "{c:?}");
        }
        let dash = n.changes.iter().find(|c| c.rule == Rule::Dash).unwrap();
        assert_eq!((dash.line, dash.column), (2, 9));
    }

    #[test]
    fn tab_in_corpus_is_reported_at_its_byte_offset() {
        let text = include_str!("../../corpus/endocrine_glands.kk.txt");
        let n = normalize(text);
        let tab = n.changes.iter().find(|c| c.before == "\t").unwrap();
        // shared/gold/seed_anomalies.tsv: the TAB is at byte 173.
        assert_eq!(tab.offset, 173);
        assert_eq!(tab.after, " ");
    }

    #[test]
    fn lone_hyphen_between_words_is_a_dash_but_not_in_words_or_numbers() {
        assert_eq!(normalize("ата - ана").text, "ата — ана\n");
        assert_eq!(
            normalize("ата-ана 0,5-0,65г-ға").text,
            "ата-ана 0,5-0,65г-ға\n"
        );
        assert_eq!(normalize("- тізім").text, "- тізім\n");
        assert_eq!(normalize("сөз –").text, "сөз –\n");
    }

    #[test]
    fn blank_lines_inside_stay_and_at_the_end_go() {
        assert_eq!(normalize("а\n\nб\n\n\n").text, "а\n\nб\n");
        assert_eq!(normalize("").text, "");
        assert_eq!(normalize("\n\n").text, "");
        assert_eq!(normalize("а\r\nб\r\n").text, "а\nб\n");
    }

    #[test]
    fn invisible_only_chunks_let_their_gaps_merge() {
        assert_eq!(normalize("а \u{200b} б").text, "а б\n");
        assert_eq!(normalize("\u{feff}Бұл").text, "Бұл\n");
    }

    #[test]
    fn block_boundaries_do_not_change_the_output() {
        let text = "Гипофиз –  ішкі\tбез.  \nЭпифиз  —\n\n";
        let whole = normalize(text);
        for cut in 0..=text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let mut s = NormalizeStream::new();
            let (mut out, mut ch) = (String::new(), Vec::new());
            s.push(&text[..cut], &mut out, &mut ch);
            s.push(&text[cut..], &mut out, &mut ch);
            s.finish(&mut out, &mut ch);
            assert_eq!(out, whole.text, "cut at {cut}");
        }
    }
}
