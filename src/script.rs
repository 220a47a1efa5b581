//! Writing systems of characters and words.
//!
//! Kazakh text mixes three scripts: Cyrillic (the running text), Latin (quoted
//! Latin etymons, the 2021 Latin alphabet, stray look-alike letters) and Greek
//! (quoted Greek etymons). The normalizer decides which letters are look-alikes
//! from the script of their word, and the tokenizer reports each token's script.

use serde::Serialize;

/// The script of a character or of a whole token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Cyrillic letters (U+0400–U+052F and the extensions).
    Cyrillic,
    /// Latin letters, including the IPA block that substitutes borrow from.
    Latin,
    /// Greek letters, monotonic and polytonic.
    Greek,
    /// A token whose letters come from more than one script.
    Mixed,
    /// No letters at all: digits, punctuation, symbols.
    None,
}

impl Script {
    /// The lower-case name used in TSV and JSON output.
    ///
    /// ```
    /// assert_eq!(kazterm::Script::Cyrillic.name(), "cyrillic");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Script::Cyrillic => "cyrillic",
            Script::Latin => "latin",
            Script::Greek => "greek",
            Script::Mixed => "mixed",
            Script::None => "none",
        }
    }
}

/// True for a letter (Unicode Alphabetic), with fast paths for ASCII and the
/// Cyrillic block, where Kazakh text spends nearly all its time; the general
/// Unicode look-up is slow enough to dominate tokenizing otherwise.
///
/// ```
/// assert!(kazterm::script::is_letter('қ'));
/// assert!(!kazterm::script::is_letter('—'));
/// ```
#[inline]
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0x00..=0x7F => false,
        // Cyrillic: U+0482 is a sign, U+0483..U+0489 are combining marks.
        0x0400..=0x0481 | 0x048A..=0x04FF => true,
        0x0482..=0x0489 => false,
        _ => c.is_alphabetic(),
    }
}

/// The script of one character; [`Script::None`] for anything that is not a letter
/// of the three scripts kazterm knows.
///
/// ```
/// use kazterm::{script_of, Script};
/// assert_eq!(script_of('қ'), Script::Cyrillic);
/// assert_eq!(script_of('a'), Script::Latin);
/// assert_eq!(script_of('φ'), Script::Greek);
/// assert_eq!(script_of('5'), Script::None);
/// ```
#[inline]
pub fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0x00..=0x7F => Script::None,
        0x0400..=0x0481 | 0x048A..=0x04FF => Script::Cyrillic,
        0x0482..=0x0489 => Script::None,
        0x0500..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
            if c.is_alphabetic() {
                Script::Cyrillic
            } else {
                Script::None
            }
        }
        // Latin-1 letters, Latin Extended-A/B, IPA, Latin Extended Additional.
        0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => {
            if is_letter(c) {
                Script::Latin
            } else {
                Script::None
            }
        }
        0x0370..=0x03FF | 0x1F00..=0x1FFF => {
            if is_letter(c) {
                Script::Greek
            } else {
                Script::None
            }
        }
        _ => Script::None,
    }
}

/// True when lower-casing leaves `c` as it is. Decided without the Unicode
/// case tables for ASCII, the basic Cyrillic lower-case letters and the
/// nine Kazakh letters beyond them, which make up nearly all of Kazakh text;
/// the tables answer for everything else.
#[inline]
fn stays_lower(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A => false,
        0x00..=0x7F => true,
        // а..я, ѐ..џ (і among them).
        0x0430..=0x045F => true,
        // ғ қ ң ү ұ һ ә ө.
        0x0493 | 0x049B | 0x04A3 | 0x04AF | 0x04B1 | 0x04BB | 0x04D9 | 0x04E9 => true,
        _ => {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    }
}

/// True for an upper-case letter, as [`char::is_uppercase`] says, decided
/// without the Unicode tables for ASCII and the basic Cyrillic block (the
/// capitals Ѐ..Я, the small letters а..џ), where nearly every word of
/// Kazakh text begins; the tables answer for everything else.
///
/// ```
/// assert!(kazterm::script::is_upper('Қ') && kazterm::script::is_upper('Б'));
/// assert!(!kazterm::script::is_upper('б') && !kazterm::script::is_upper('-'));
/// ```
#[inline]
pub fn is_upper(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A => true,
        0x00..=0x7F => false,
        // Ѐ..Џ (І and Ё among them), А..Я.
        0x0400..=0x042F => true,
        // а..я, ѐ..џ.
        0x0430..=0x045F => false,
        _ => c.is_uppercase(),
    }
}

/// Whether the UTF-8 bytes `b` hold a character of U+0400..U+04FF at `i`
/// (two bytes, 0xD0..0xD3 then a continuation), read without decoding it,
/// and if so whether it is a letter (U+0482..U+0489 are a sign and
/// combining marks): the test every scan over Kazakh text makes per letter.
#[inline]
pub(crate) fn two_byte_cyrillic(b: &[u8], i: usize) -> Option<bool> {
    let x = *b.get(i)?;
    ((0xd0..=0xd3).contains(&x) && i + 1 < b.len())
        .then(|| !(x == 0xd2 && (0x82..=0x89).contains(&b[i + 1])))
}

/// `s` in lower case, borrowed when it is already: words of running text
/// mostly are, and [`str::to_lowercase`] allocates and searches the Unicode
/// tables for every Cyrillic letter whatever it finds.
///
/// ```
/// use std::borrow::Cow;
/// assert!(matches!(kazterm::script::lowercase("бездің"), Cow::Borrowed("бездің")));
/// assert_eq!(kazterm::script::lowercase("Қазақ ТІЛІ"), "қазақ тілі");
/// ```
pub fn lowercase(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(stays_lower) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// The script of a string: the one script of all its letters, [`Script::Mixed`]
/// when letters of two scripts meet, [`Script::None`] when it has no letters.
///
/// ```
/// use kazterm::{script_of_str, Script};
/// assert_eq!(script_of_str("гипофиз"), Script::Cyrillic);
/// assert_eq!(script_of_str("гормoн"), Script::Mixed); // Latin o
/// assert_eq!(script_of_str("0,5"), Script::None);
/// ```
pub fn script_of_str(s: &str) -> Script {
    let b = s.as_bytes();
    let mut seen = Script::None;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (sc, len) = if x < 0x80 {
            (
                if x.is_ascii_alphabetic() {
                    Script::Latin
                } else {
                    Script::None
                },
                1,
            )
        } else if let Some(letter) = two_byte_cyrillic(b, i) {
            (
                if letter {
                    Script::Cyrillic
                } else {
                    Script::None
                },
                2,
            )
        } else {
            let c = s[i..].chars().next().expect("i is a char boundary");
            (script_of(c), c.len_utf8())
        };
        i += len;
        if sc == Script::None || sc == seen {
            continue;
        }
        if seen == Script::None {
            seen = sc;
        } else {
            return Script::Mixed;
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_tests_agree_with_the_unicode_tables() {
        // Every character of the Basic Multilingual Plane and beyond: the
        // fast paths must say what the tables say.
        for c in (0..=0x1_FFFFu32).filter_map(char::from_u32) {
            let expected = c.to_lowercase().eq(std::iter::once(c));
            assert_eq!(stays_lower(c), expected, "U+{:04X}", c as u32);
            assert_eq!(is_upper(c), c.is_uppercase(), "U+{:04X}", c as u32);
        }
        // Final sigma: the string rule, not the letter rule, applies.
        assert_eq!(lowercase("ΟΔΟΣ"), "ΟΔΟΣ".to_lowercase());
        assert_eq!(lowercase("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
    }

    #[test]
    fn kazakh_letters_are_cyrillic() {
        for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ".chars() {
            assert_eq!(script_of(c), Script::Cyrillic, "{c}");
        }
    }

    #[test]
    fn ipa_schwa_is_latin_and_punctuation_is_none() {
        assert_eq!(script_of('ə'), Script::Latin);
        assert_eq!(script_of('—'), Script::None);
        assert_eq!(script_of('«'), Script::None);
        assert_eq!(script_of('\u{0483}'), Script::None); // combining titlo
    }

    #[test]
    fn fast_letter_check_agrees_with_unicode() {
        for cp in 0..0x3000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_letter(c), c.is_alphabetic(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn fast_string_script_agrees_with_char_scripts() {
        for cp in 0x380..0x600u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("a{c}");
            let expected = match script_of(c) {
                Script::None | Script::Latin => Script::Latin,
                _ => Script::Mixed,
            };
            assert_eq!(script_of_str(&s), expected, "U+{cp:04X}");
        }
    }

    #[test]
    fn mixed_words_are_mixed() {
        assert_eq!(script_of_str("glаndula"), Script::Mixed);
        assert_eq!(script_of_str("endon"), Script::Latin);
        assert_eq!(script_of_str("φύσις"), Script::Greek);
    }
}
