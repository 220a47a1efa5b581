//! Kazakh Cyrillic ↔ Latin transliteration (the 2021 alphabet).
//!
//! [`to_latin`] writes Kazakh Cyrillic in the 31-letter Latin alphabet of
//! 2021; [`to_cyrillic`] reads it back. The tables are in `data/translit/`
//! with their source. Cyrillic → Latin is a function of each letter; Latin →
//! Cyrillic is not, because the alphabet merges и/й into `i`, х/һ into `h`,
//! and the Russian letters ё ц ч щ ъ ь э ю я have no letters of their own. The
//! reverse therefore takes the usual Kazakh reading, with one context rule:
//! `i` after a vowel is й (сый ↔ syi), elsewhere и (бие ↔ bie).
//!
//! Letters of other scripts (Latin etymons in Cyrillic text, Greek) pass
//! through unchanged in both directions.
//!
//! ```
//! use kazterm::translit::{to_latin, to_cyrillic};
//! assert_eq!(to_latin("Қазақстан Республикасы"), "Qazaqstan Respublikasy");
//! assert_eq!(to_latin("Ішкі секреция бездері"), "Işkı sekretsiia bezderı");
//! assert_eq!(to_cyrillic("Qazaqstan Respublikasy"), "Қазақстан Республикасы");
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::table::{one_char, records};

const CYRL_LATN: &str = include_str!("../data/translit/cyrl_latn_2021.tsv");
const LATN_CYRL: &str = include_str!("../data/translit/latn_cyrl_2021.tsv");

static TO_LATIN: LazyLock<HashMap<char, &'static str>> = LazyLock::new(|| {
    let name = "data/translit/cyrl_latn_2021.tsv";
    records(name, CYRL_LATN, 3)
        .expect("embedded table")
        .into_iter()
        .map(|r| {
            (
                one_char(name, r.line, r.fields[0]).expect("one letter"),
                r.fields[1],
            )
        })
        .collect()
});

/// Latin sequences (lower case) to Cyrillic, and the longest sequence length.
static TO_CYRILLIC: LazyLock<(HashMap<&'static str, &'static str>, usize)> = LazyLock::new(|| {
    let map: HashMap<&str, &str> = records("data/translit/latn_cyrl_2021.tsv", LATN_CYRL, 2)
        .expect("embedded table")
        .into_iter()
        .map(|r| (r.fields[0], r.fields[1]))
        .collect();
    let longest = map.keys().map(|k| k.chars().count()).max().unwrap_or(1);
    (map, longest)
});

/// Upper-cases a Latin letter by Kazakh (Turkic) rules: i → İ, ı → I.
fn upper_latin(c: char, out: &mut String) {
    match c {
        'i' => out.push('İ'),
        'ı' => out.push('I'),
        _ => out.extend(c.to_uppercase()),
    }
}

/// Lower-cases a Latin letter by Kazakh (Turkic) rules: I → ı, İ → i.
pub fn lower_turkic(c: char) -> char {
    match c {
        'I' => 'ı',
        'İ' => 'i',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Writes `lower` with the case of the source letter: a capital followed or
/// preceded by a capital makes the whole sequence upper case (ЧЕ → CHE),
/// otherwise only its first letter (Че → Che).
fn push_cased(
    lower: &str,
    capital: bool,
    all_caps: bool,
    out: &mut String,
    upper: fn(char, &mut String),
) {
    if !capital {
        out.push_str(lower);
        return;
    }
    for (k, c) in lower.chars().enumerate() {
        if k == 0 || all_caps {
            upper(c, out);
        } else {
            out.push(c);
        }
    }
}

/// Transliterates Kazakh Cyrillic to the 2021 Latin alphabet.
///
/// ```
/// assert_eq!(kazterm::translit::to_latin("Гипофиз — өсінді"), "Gipofiz — ösındı");
/// ```
pub fn to_latin(text: &str) -> String {
    let table = &*TO_LATIN;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let Some(latin) = table.get(&lower) else {
            out.push(c);
            continue;
        };
        let capital = c != lower;
        let neighbour_caps = chars.get(k + 1).is_some_and(|n| n.is_uppercase())
            || (k > 0
                && chars[k - 1].is_uppercase()
                && !chars.get(k + 1).is_some_and(|n| n.is_lowercase()));
        push_cased(latin, capital, neighbour_caps, &mut out, upper_latin);
    }
    out
}

fn is_latin_vowel(c: char) -> bool {
    matches!(
        lower_turkic(c),
        'a' | 'ä' | 'e' | 'ı' | 'i' | 'o' | 'ö' | 'u' | 'ū' | 'ü' | 'y'
    )
}

fn upper_cyrillic(c: char, out: &mut String) {
    out.extend(c.to_uppercase());
}

/// Transliterates the 2021 Kazakh Latin alphabet back to Cyrillic.
///
/// ```
/// use kazterm::translit::to_cyrillic;
/// assert_eq!(to_cyrillic("syi berıp"), "сый беріп");
/// assert_eq!(to_cyrillic("akromegaliia"), "акромегалия");
/// ```
pub fn to_cyrillic(text: &str) -> String {
    let (table, longest) = &*TO_CYRILLIC;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if !c.is_alphabetic() || crate::script::script_of(c) != crate::Script::Latin {
            out.push(c);
            k += 1;
            continue;
        }
        // Longest match over lower-cased letters.
        let mut found = None;
        for len in (1..=*longest).rev() {
            if k + len > chars.len() {
                continue;
            }
            let key: String = chars[k..k + len].iter().map(|&c| lower_turkic(c)).collect();
            if let Some(cyr) = table.get(key.as_str()) {
                found = Some((len, *cyr, key));
                break;
            }
        }
        let Some((len, mut cyr, key)) = found else {
            out.push(c);
            k += 1;
            continue;
        };
        // i after a vowel is й: сый (syi), үйі (üiı); elsewhere и.
        if key == "i" && k > 0 && is_latin_vowel(chars[k - 1]) {
            cyr = "й";
        }
        let capital = c.is_uppercase();
        let all_caps = capital
            && (chars.get(k + len).is_some_and(|n| n.is_uppercase())
                || (len > 1 && chars[k + 1].is_uppercase()));
        push_cased(cyr, capital, all_caps, &mut out, upper_cyrillic);
        k += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_letters_follow_the_2021_table() {
        assert_eq!(to_latin("әғқңөұүһі"), "äğqñöūühı");
        assert_eq!(to_latin("ы и й ш"), "y i i ş");
        assert_eq!(to_latin("Бұрыңғы өткен заманда"), "Būryñğy ötken zamanda");
        assert_eq!(to_latin("ІШКІ"), "IŞKI");
    }

    #[test]
    fn russian_letters_use_digraphs_with_their_case() {
        assert_eq!(to_latin("Чех"), "Cheh");
        assert_eq!(to_latin("ЧЕХ"), "CHEH");
        assert_eq!(to_latin("юань"), "iuan");
        assert_eq!(to_latin("Ямал"), "İamal");
    }

    #[test]
    fn latin_etymons_pass_through() {
        assert_eq!(to_latin("лат. glandula"), "lat. glandula");
        assert_eq!(to_cyrillic("лат. glandula"), "лат. гландула");
    }

    #[test]
    fn round_trip_of_kazakh_words_without_ambiguous_letters() {
        for w in [
            "қазақ",
            "бүйрекүсті бездері",
            "өсу гормоны",
            "сый",
            "Қалқанша без",
            "ұйқы безі",
        ] {
            assert_eq!(to_cyrillic(&to_latin(w)), w, "{w}");
        }
    }
}
