//! Tokens with byte offsets, lines, columns, scripts, kinds and sentences.
//!
//! The second stage of the pipeline. [`tokenize`] walks borrowed text and
//! yields [`Token`]s whose `start..end` slice the source back exactly, so every
//! later result (a lemma, a term, a finding) can point into the original file.
//!
//! What makes a token:
//! - **word**: letters with their combining marks and digits, joined by inner
//!   hyphens and apostrophes (`ата-ана`, `ҚР-ның`, `Addison's`); an
//!   abbreviation keeps its full stops (`лат.`, `т.б.`);
//! - **number**: digits with a decimal comma or point (`0,5`), a range
//!   (`0,5-0,65`, `10–12`) and a hyphenated case ending (`25-ке`);
//! - **unit**: a unit of measure right after a number (`0,65г-ға` → `0,65-`,
//!   `г-ға`; `5 %`);
//! - **punct**: punctuation, runs of `.`, `!`, `?` kept together (`...`, `?!`);
//! - **symbol**: anything else that is not space.
//!
//! Sentences end after `.`, `!`, `?`, `…` (with closing quotes and brackets
//! that follow), unless the next word starts in lower case; abbreviations such
//! as `лат.` never end one, `т.б.` does when a capitalised word follows; a
//! blank line always does. Word lists live in `data/tokenize/`.
//!
//! ```
//! use kazterm::tokenize::{tokenize, TokenKind};
//! let text = "Салмағы 0,5-0,65г-ға жетеді.";
//! let toks: Vec<_> = tokenize(text).collect();
//! let kinds: Vec<_> = toks.iter().map(|t| (t.text, t.kind)).collect();
//! assert_eq!(kinds, [
//!     ("Салмағы", TokenKind::Word), ("0,5-0,65", TokenKind::Number),
//!     ("г-ға", TokenKind::Unit), ("жетеді", TokenKind::Word), (".", TokenKind::Punct),
//! ]);
//! assert_eq!(&text[toks[2].start..toks[2].end], "г-ға");
//! ```

mod lexicon;

use serde::Serialize;
use unicode_normalization::char::canonical_combining_class;

use crate::script::{is_letter, script_of_str, Script};
use lexicon::{ABBREV, ABBREV_MAX_BYTES, UNIT};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word or an abbreviation.
    Word,
    /// A number, a decimal or a range.
    Number,
    /// A unit of measure after a number.
    Unit,
    /// Punctuation.
    Punct,
    /// Any other visible character.
    Symbol,
}

impl TokenKind {
    /// The lower-case name used in TSV and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Unit => "unit",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// One token, pointing back into its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The token's text, borrowed from the source.
    pub text: &'a str,
    /// Byte offset of the first byte in the whole input.
    pub start: usize,
    /// Byte offset just past the last byte in the whole input.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 0-based sentence number in the whole input.
    pub sentence: usize,
    /// What the token is.
    pub kind: TokenKind,
    /// The script of its letters.
    pub script: Script,
}

/// Where the tokenizer stands in a longer input: lets a caller tokenize a
/// stream block by block with offsets, lines and sentences that continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// Byte offset of the block's first byte in the whole input.
    pub offset: usize,
    /// Line of the block's first byte.
    pub line: usize,
    /// Column of the block's first byte.
    pub column: usize,
    /// Sentence number of the next token.
    pub sentence: usize,
    pending: Pending,
    emitted: bool,
    prev_kind: Option<TokenKind>,
    /// Tokens of the current sentence so far (see [`MAX_SENTENCE_TOKENS`]).
    in_sentence: usize,
}

/// A sentence longer than this many tokens is cut: no real sentence is
/// that long (the longest of the Kazakh treebank has under 200), and a text
/// without full stops (a word list, an OCR dump, a run of brackets) must
/// not make one sentence of a megabyte that every later stage holds whole.
pub const MAX_SENTENCE_TOKENS: usize = 1024;

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            offset: 0,
            line: 1,
            column: 1,
            sentence: 0,
            pending: Pending::None,
            emitted: false,
            prev_kind: None,
            in_sentence: 0,
        }
    }
}

impl Cursor {
    /// A cursor at the start of a line: byte `offset`, 1-based `line`.
    pub fn at(offset: usize, line: usize) -> Cursor {
        Cursor {
            offset,
            line,
            ..Cursor::default()
        }
    }
}

/// Why the next token may start a new sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    /// After `.`, `!`, `?`, `…`: a break unless a lower-case word follows.
    Terminator,
    /// After an abbreviation like `т.б.`: a break if a capitalised word follows.
    Abbreviation,
    /// After a blank line, or before a line that opens with a bullet: always
    /// a break.
    Paragraph,
}

/// Characters that open a list item at the start of a line.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·' | '▪' | '◦' | '‣' | '*' | '–' | '—' | '-' | '●' | '■' | '□' | '✓'
    )
}

/// An iterator over the tokens of a text.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    i: usize,
    cursor: Cursor,
}

/// Tokenizes a whole text.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens::resume(text, Cursor::default())
}

impl<'a> Tokens<'a> {
    /// Tokenizes a block that continues an input at `cursor` (from
    /// [`Tokens::cursor`] of the previous block). Blocks must not cut a token.
    pub fn resume(text: &'a str, cursor: Cursor) -> Self {
        Tokens { text, i: 0, cursor }
    }

    /// Where the next block starts, once this one is exhausted.
    pub fn cursor(&self) -> Cursor {
        Cursor {
            offset: self.cursor.offset + self.i,
            ..self.cursor
        }
    }

    /// Skips white space; returns how many newlines it crossed.
    fn skip_space(&mut self) -> usize {
        let mut newlines = 0;
        let bytes = self.text.as_bytes();
        // A space, then a word: ASCII settles most cases without decoding.
        while let Some(&x) = bytes.get(self.i) {
            if x == b' ' {
                self.cursor.column += 1;
                self.i += 1;
                continue;
            }
            if x.is_ascii() && !char::from(x).is_whitespace() {
                break;
            }
            let Some(c) = self.text[self.i..].chars().next() else {
                break;
            };
            if c == '\n' {
                newlines += 1;
                self.cursor.line += 1;
                self.cursor.column = 1;
            } else if c.is_whitespace() || is_invisible(c) {
                self.cursor.column += 1;
            } else {
                break;
            }
            self.i += c.len_utf8();
        }
        newlines
    }

    /// Scans the token that starts at `self.i` and returns its end and kind
    /// (and, for a word, its length in characters and its script, measured
    /// while scanning).
    fn scan_token(&self) -> (usize, TokenKind, Option<bool>, Option<(usize, Script)>) {
        let s = &self.text[self.i..];
        let first = s.chars().next().expect("scan is called before a character");
        if first.is_ascii_digit() {
            return (self.i + scan_number(s), TokenKind::Number, None, None);
        }
        if is_word_char(first) {
            let word = scan_word_measured(s);
            if let Some((len, ends)) = abbreviation_at(s, word.end) {
                return (self.i + len, TokenKind::Word, Some(ends), None);
            }
            let kind =
                if self.cursor.prev_kind == Some(TokenKind::Number) && is_unit(&s[..word.end]) {
                    TokenKind::Unit
                } else {
                    TokenKind::Word
                };
            if word.end == 0 {
                return (self.i + first.len_utf8(), kind, None, None);
            }
            return (
                self.i + word.end,
                kind,
                None,
                Some((word.chars, word.script)),
            );
        }
        if is_terminator(first) {
            let len: usize = s
                .chars()
                .take_while(|&c| is_terminator(c))
                .map(char::len_utf8)
                .sum();
            return (self.i + len, TokenKind::Punct, None, None);
        }
        let len = first.len_utf8();
        let kind = if is_punct(first) {
            TokenKind::Punct
        } else if self.cursor.prev_kind == Some(TokenKind::Number) && UNIT.contains(&s[..len]) {
            TokenKind::Unit
        } else {
            TokenKind::Symbol
        };
        (self.i + len, kind, None, None)
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let newlines = self.skip_space();
        if newlines >= 1 && self.cursor.emitted {
            // A list item ends where the next one starts, full stop or not.
            let bullet = self.text[self.i..].chars().next().is_some_and(is_bullet);
            if newlines >= 2 || bullet {
                self.cursor.pending = Pending::Paragraph;
            }
        }
        if self.i >= self.text.len() {
            return None;
        }
        let (end, kind, abbreviation, measured) = self.scan_token();
        let text = &self.text[self.i..end];
        let first = text.chars().next()?;

        // Sentence boundary before this token?
        let pending = self.cursor.pending;
        let closing = kind == TokenKind::Punct && is_closing(first);
        let breaks = match pending {
            Pending::None => false,
            Pending::Paragraph => true,
            // A lower-case word goes on the sentence (an abbreviation we
            // do not know); closing quotes and brackets stay with it.
            Pending::Terminator => !(closing || (kind == TokenKind::Word && first.is_lowercase())),
            Pending::Abbreviation => kind == TokenKind::Word && first.is_uppercase(),
        };
        if breaks || self.cursor.in_sentence >= MAX_SENTENCE_TOKENS {
            self.cursor.sentence += 1;
            self.cursor.in_sentence = 0;
        }
        self.cursor.in_sentence += 1;
        let terminator = kind == TokenKind::Punct && is_terminator(first);
        self.cursor.pending = if terminator || (closing && pending == Pending::Terminator) {
            Pending::Terminator
        } else if abbreviation == Some(true) {
            Pending::Abbreviation
        } else {
            Pending::None
        };

        let token = Token {
            text,
            start: self.cursor.offset + self.i,
            end: self.cursor.offset + end,
            line: self.cursor.line,
            column: self.cursor.column,
            sentence: self.cursor.sentence,
            kind,
            script: measured.map_or_else(|| script_of_str(text), |(_, script)| script),
        };
        self.cursor.column += measured.map_or_else(|| text.chars().count(), |(chars, _)| chars);
        self.cursor.emitted = true;
        self.cursor.prev_kind = Some(kind);
        self.i = end;
        Some(token)
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_word_char(c: char) -> bool {
    match c as u32 {
        // The guillemets and the General Punctuation block (dashes, quotes,
        // spaces, bullets), which end most words of Kazakh text that do not
        // end in a space: none is a letter, a number or a mark, and the
        // Unicode tables need not be asked three times.
        0xAB | 0xBB | 0x2000..=0x206F => false,
        _ => is_word_char_by_tables(c),
    }
}

/// A letter, a digit, a number or a combining mark, as the Unicode tables say.
fn is_word_char_by_tables(c: char) -> bool {
    is_letter(c)
        || c.is_ascii_digit()
        || (!c.is_ascii() && (c.is_numeric() || canonical_combining_class(c) != 0))
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | ')' | ']' | '}' | '"' | '”' | '’' | '\'' | '“')
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(c, '%' | '+' | '=' | '<' | '>' | '$' | '^' | '|' | '~' | '`')
        || matches!(
            c,
            '«' | '»'
                | '—'
                | '–'
                | '‒'
                | '―'
                | '‐'
                | '‑'
                | '„'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '‹'
                | '›'
                | '·'
                | '•'
                | '¡'
                | '¿'
                | '§'
                | '¶'
        )
}

/// A unit of measure, possibly with a hyphenated case ending (`г-ға`).
fn is_unit(word: &str) -> bool {
    let stem = word.split('-').next().unwrap_or(word);
    UNIT.contains(stem)
}

/// Length of the number at the start of `s`: digits, decimal groups, an
/// optional range and an optional hyphenated ending.
fn scan_number(s: &str) -> usize {
    let b = s.as_bytes();
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let decimal = |mut j: usize| {
        j = digits(j);
        while j + 1 < b.len() && matches!(b[j], b',' | b'.') && b[j + 1].is_ascii_digit() {
            j = digits(j + 1);
        }
        j
    };
    let mut j = decimal(0);
    // A range: 0,5-0,65 or 10–12 (EN DASH is three bytes).
    for dash in ["-", "–"] {
        if s[j..].starts_with(dash) && b.get(j + dash.len()).is_some_and(u8::is_ascii_digit) {
            j = decimal(j + dash.len());
            break;
        }
    }
    // A case ending after a hyphen: 25-ке, 1990-жылы.
    if b.get(j) == Some(&b'-') {
        let rest = &s[j + 1..];
        if rest.chars().next().is_some_and(char::is_alphabetic) {
            j += 1 + scan_word(rest);
        }
    }
    j
}

/// Length of the word at the start of `s`: word characters joined by inner
/// hyphens and apostrophes.
fn scan_word(s: &str) -> usize {
    scan_word_measured(s).end
}

/// A word as [`scan_word_measured`] finds it.
struct Measured {
    /// Its length in bytes.
    end: usize,
    /// Its length in characters.
    chars: usize,
    /// The script of its letters (as [`script_of_str`] would say).
    script: Script,
}

/// [`scan_word`], counting the word's characters and telling its script on
/// the way (the tokenizer needs both for every word, and a second pass over
/// the word cost as much as the scan).
fn scan_word_measured(s: &str) -> Measured {
    let b = s.as_bytes();
    let mut end = 0;
    let mut i = 0;
    // Characters and script up to `end`.
    let mut chars = 0;
    let mut script = Script::None;
    let see = |sc: Script, script: &mut Script| {
        if sc != Script::None && sc != *script {
            *script = if *script == Script::None {
                sc
            } else {
                Script::Mixed
            };
        }
    };
    // Whether the word so far has a Cyrillic letter (kept as it goes, so a
    // word of many hyphens is still read in linear time).
    let mut cyrillic = false;
    while i < b.len() {
        // Fast path: ASCII letters and digits, two-byte Cyrillic letters.
        let x = b[i];
        if x.is_ascii_alphanumeric() {
            if x.is_ascii_alphabetic() {
                see(Script::Latin, &mut script);
            }
            i += 1;
            end = i;
            chars += 1;
            continue;
        }
        // A run of them at once: most of a Kazakh text's bytes.
        let cyrillic_letter = |i: usize| crate::script::two_byte_cyrillic(b, i) == Some(true);
        if cyrillic_letter(i) {
            see(Script::Cyrillic, &mut script);
            cyrillic = true;
            let run = i;
            i += 2;
            while cyrillic_letter(i) {
                i += 2;
            }
            end = i;
            chars += (i - run) / 2;
            continue;
        }
        // Any other ASCII character but the two joiners ends the word.
        if x.is_ascii() && x != b'-' && x != b'\'' {
            break;
        }
        let c = s[i..].chars().next().expect("i is a char boundary");
        let len = c.len_utf8();
        if is_word_char(c) || (is_invisible(c) && end > 0) {
            see(crate::script::script_of(c), &mut script);
            cyrillic |= letter_script(c) == 2;
            i += len;
            end = i;
            chars += 1;
            continue;
        }
        // Most words end at a space or a punctuation mark that joins nothing.
        let joiner = matches!(c, '-' | '‐' | '‑' | '\'' | '’' | 'ʼ');
        if !joiner || end == 0 {
            break;
        }
        let next = s[i + len..].chars().next();
        let next_is_word = next.is_some_and(is_word_char);
        // A hyphen between a wholly Latin word and a Cyrillic one joins two
        // words of two languages (psittaci-пситтакоз, anti-қарсы): not one
        // word. A Cyrillic word with a Latin look-alike (ҚP-ның) stays whole.
        let prev = s[..i].chars().next_back();
        let across_scripts = matches!(
            (prev.map(letter_script), next.map(letter_script)),
            (Some(1), Some(2))
        ) && !cyrillic;
        if next_is_word && !across_scripts {
            i += len;
            end = i;
            chars += 1;
            continue;
        }
        break;
    }
    Measured { end, chars, script }
}

/// 1 for a Latin letter, 2 for a Cyrillic one, 0 for anything else.
fn letter_script(c: char) -> u8 {
    if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
        1
    } else if ('\u{400}'..='\u{52F}').contains(&c) {
        2
    } else {
        0
    }
}

/// If an abbreviation from the list starts at `s` (whose first word is
/// `s[..word_end]`), its length and whether it may end a sentence.
fn abbreviation_at(s: &str, word_end: usize) -> Option<(usize, bool)> {
    if !s[word_end..].starts_with('.') || word_end >= *ABBREV_MAX_BYTES {
        return None;
    }
    // Candidate ends: after each full stop of a run like т.б. or т.с.с.
    let limit = (*ABBREV_MAX_BYTES).min(s.len());
    let mut ends: smallvec::SmallVec<[usize; 4]> = smallvec::smallvec![word_end + 1];
    let mut j = word_end + 1;
    loop {
        let w = scan_word(&s[j..]);
        if w == 0 || w > 8 || !s[j + w..].starts_with('.') || j + w + 1 > limit {
            break;
        }
        j += w + 1;
        ends.push(j);
    }
    ends.iter().rev().find_map(|&e| {
        if !s.is_char_boundary(e) {
            return None;
        }
        ABBREV
            .get(crate::script::lowercase(&s[..e]).as_ref())
            .map(|&ends| (e, ends))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters_are_what_the_unicode_tables_say() {
        // The fast answer for « » and General Punctuation is the tables',
        // and so is every other.
        for c in (0..=0x1_FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                is_word_char_by_tables(c),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(!is_word_char('«') && !is_word_char('—') && is_word_char('ә'));
    }

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).map(|t| t.text).collect()
    }

    #[test]
    fn corpus_etymology_bracket_tokenizes() {
        let s = "бездері(glandula endocrinae, лат. glandula без, грек, endon — ішкі)";
        assert_eq!(
            texts(s),
            [
                "бездері",
                "(",
                "glandula",
                "endocrinae",
                ",",
                "лат.",
                "glandula",
                "без",
                ",",
                "грек",
                ",",
                "endon",
                "—",
                "ішкі",
                ")"
            ]
        );
        let t: Vec<_> = tokenize(s).collect();
        assert_eq!(t[2].script, Script::Latin);
        assert_eq!(t[0].script, Script::Cyrillic);
        assert!(t.iter().all(|t| t.sentence == 0));
    }

    #[test]
    fn numbers_ranges_and_units() {
        let t: Vec<_> = tokenize("салмағы 0,5-0,65г-ға, 25 түрлі, 10–12 %, 5 мл").collect();
        let got: Vec<_> = t.iter().map(|t| (t.text, t.kind.name())).collect();
        assert_eq!(
            got,
            [
                ("салмағы", "word"),
                ("0,5-0,65", "number"),
                ("г-ға", "unit"),
                (",", "punct"),
                ("25", "number"),
                ("түрлі", "word"),
                (",", "punct"),
                ("10–12", "number"),
                ("%", "unit"),
                (",", "punct"),
                ("5", "number"),
                ("мл", "unit"),
            ]
        );
    }

    #[test]
    fn hyphenated_words_and_case_endings_stay_whole() {
        assert_eq!(
            texts("ата-ана ҚР-ның 25-ке гипер- және"),
            ["ата-ана", "ҚР-ның", "25-ке", "гипер", "-", "және"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = "Без (лат. glandula) бар. Гормон, т.б. заттар. Ол т.б. Бұл жаңа сөйлем.";
        let t: Vec<_> = tokenize(s).collect();
        let sent = |w: &str| t.iter().find(|t| t.text == w).unwrap().sentence;
        assert_eq!(sent("лат."), 0);
        assert_eq!(sent("glandula"), 0);
        assert_eq!(sent("Гормон"), 1);
        assert_eq!(sent("заттар"), 1);
        assert_eq!(sent("Ол"), 2);
        assert_eq!(sent("Бұл"), 3);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence_and_blank_lines_break() {
        let t: Vec<_> = tokenize("«Без бар.» Келесі\n\nжаңа абзац").collect();
        let sent: Vec<_> = t.iter().map(|t| (t.text, t.sentence)).collect();
        assert_eq!(
            sent,
            [
                ("«", 0),
                ("Без", 0),
                ("бар", 0),
                (".", 0),
                ("»", 0),
                ("Келесі", 1),
                ("жаңа", 2),
                ("абзац", 2)
            ]
        );
    }

    #[test]
    fn a_word_measured_while_scanned_is_measured_right() {
        for word in [
            "без",
            "ҚP-ның",
            "glandula",
            "Т-лимфоцит",
            "әл-Аббас",
            "қал\u{ad}қанша",
            "θύμος",
            "abcабв",
            "COVID-19",
            "д'Артаньян",
            "бездерінің",
            "ŋ",
            "x",
        ] {
            let m = scan_word_measured(word);
            let scanned = &word[..m.end];
            assert_eq!(m.chars, scanned.chars().count(), "{word}");
            assert_eq!(m.script, script_of_str(scanned), "{word}");
        }
    }

    #[test]
    fn a_bulleted_line_starts_a_sentence_and_a_wrapped_line_does_not() {
        let t: Vec<_> = tokenize("Белгілері:\n- қызба\n- жөтел\nжәне басқа\nбелгілер").collect();
        let sent = |w: &str| t.iter().find(|t| t.text == w).unwrap().sentence;
        assert_ne!(sent("қызба"), sent("Белгілері"));
        assert_ne!(sent("жөтел"), sent("қызба"));
        assert_eq!(sent("белгілер"), sent("жөтел"));
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let t: Vec<_> = tokenize("Ішкі без\n  гормон").collect();
        assert_eq!((t[1].line, t[1].column), (1, 6));
        assert_eq!((t[2].line, t[2].column), (2, 3));
    }

    #[test]
    fn offsets_slice_back_across_resumed_blocks() {
        let a = "Бірінші сөйлем.\n";
        let b = "Екінші сөйлем.\n";
        let mut first = Tokens::resume(a, Cursor::default());
        let _: Vec<_> = first.by_ref().collect();
        let second: Vec<_> = Tokens::resume(b, first.cursor()).collect();
        let whole = format!("{a}{b}");
        assert_eq!(&whole[second[0].start..second[0].end], "Екінші");
        assert_eq!(second[0].line, 2);
        assert_eq!(second[0].sentence, 1);
    }
}
