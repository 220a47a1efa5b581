//! Kazakh phonology as the suffix rules need it: vowel harmony and the class
//! of a stem's last sound.
//!
//! Facts from the standard descriptions of Kazakh (e.g. Muhamedowa, *Kazakh: A
//! Comprehensive Grammar*, 2016, ch. 1–2; Krippes, *Kazakh Grammar with
//! Affixal Dictionary*, 1996):
//!
//! - **Harmony.** Suffixes come in back (а ы ұ о) and front (ә е і ү ө)
//!   variants and follow the last vowel of the stem. Loanwords follow their
//!   last vowel too (`гормон-ы`, `акромегалия-сы`). The letters и and у are
//!   written for both back and front sounds (ми-ы but би-і; су-ы but
//!   күлу-і), and Russian loans with a last и take front suffixes
//!   (гипофиз-дің), so after и and у either variant is accepted.
//! - **The last sound** chooses the suffix's first consonant: after vowels
//!   -лар, -ның, -ны, -да; after р й у -лар, -дың, -ды; after л -дар, -дың;
//!   after the nasals м н ң -дар, -ның, -нан; after ж з -дар, -дың, -бен;
//!   after voiceless consonants (and б в г д of loans) -тар, -тың, -та, -пен.

use serde::Serialize;

/// The harmony class of a stem or a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Harmony {
    /// Back vowels: а о ұ ы (я ё ю in loans).
    Back,
    /// Front vowels: ә е ө ү і (э in loans).
    Front,
    /// Either: the last vowel is и or у, or a suffix has no vowel.
    Both,
}

impl Harmony {
    /// True when a suffix of harmony `suffix` may follow a stem of this harmony.
    pub fn admits(self, suffix: Harmony) -> bool {
        self == Harmony::Both || suffix == Harmony::Both || self == suffix
    }
}

/// The class of a stem's last sound, as the suffix table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Final {
    /// A vowel (а ә е о ө ұ ү ы і э я ю ё).
    V,
    /// р, й, and word-final у and и (glides).
    G,
    /// л.
    L,
    /// The nasals м н ң.
    N,
    /// The voiced fricatives ж з.
    Z,
    /// Voiceless consonants, and б в г д at the end of loans.
    K,
}

impl Final {
    /// Parses the one-letter name used in `data/morph/suffixes.tsv`.
    pub fn from_code(code: &str) -> Option<Final> {
        Some(match code {
            "V" => Final::V,
            "G" => Final::G,
            "L" => Final::L,
            "N" => Final::N,
            "Z" => Final::Z,
            "K" => Final::K,
            _ => return None,
        })
    }
}

/// True for a Kazakh vowel letter (и and у count: they carry a vowel).
pub fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'ә' | 'е' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'и' | 'у' | 'э' | 'ю' | 'я' | 'ё'
    )
}

/// The harmony of a stem: that of its last vowel.
///
/// ```
/// use kazterm::morph::phonology::{harmony_of, Harmony};
/// assert_eq!(harmony_of("гормон"), Harmony::Back);
/// assert_eq!(harmony_of("без"), Harmony::Front);
/// assert_eq!(harmony_of("гипофиз"), Harmony::Both);
/// ```
pub fn harmony_of(stem: &str) -> Harmony {
    let mut rev = stem.chars().rev().peekable();
    while let Some(c) = rev.next() {
        match c {
            'а' | 'о' | 'ұ' | 'ы' | 'я' | 'ё' | 'ю' => return Harmony::Back,
            // е right after a vowel is the iotated ye of Russian spelling
            // (Назарбаев, Тоқаев): the vowel before it may decide, and
            // Kazakh writes Назарбаевтың as well as front suffixes.
            'е' if rev.peek().is_some_and(|&p| is_vowel(p) && p != 'е') => return Harmony::Both,
            'ә' | 'е' | 'ө' | 'ү' | 'і' | 'э' => return Harmony::Front,
            'и' | 'у' => return Harmony::Both,
            _ => {}
        }
    }
    Harmony::Both
}

/// The harmony of a suffix's own vowel.
pub fn harmony_of_suffix(suffix: &str) -> Harmony {
    for c in suffix.chars() {
        match c {
            'а' | 'о' | 'ұ' | 'ы' => return Harmony::Back,
            'ә' | 'е' | 'ө' | 'ү' | 'і' => return Harmony::Front,
            _ => {}
        }
    }
    Harmony::Both
}

/// The class of the last sound of a stem.
///
/// ```
/// use kazterm::morph::phonology::{final_of, Final};
/// assert_eq!(final_of("ағза"), Some(Final::V));
/// assert_eq!(final_of("ауру"), Some(Final::G));
/// assert_eq!(final_of("гормон"), Some(Final::N));
/// assert_eq!(final_of("без"), Some(Final::Z));
/// assert_eq!(final_of("сүйек"), Some(Final::K));
/// ```
pub fn final_of(stem: &str) -> Option<Final> {
    let mut rev = stem.chars().rev();
    let last = rev.next()?;
    Some(match last {
        // и and у after a vowel are glides (ми, ауру count as consonant-final
        // for the suffix rules, and take -ы: миы, ауруы), as are р and й.
        'и' | 'у' | 'р' | 'й' => Final::G,
        'а' | 'ә' | 'е' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я' | 'ё' => {
            Final::V
        }
        'л' => Final::L,
        'м' | 'н' | 'ң' => Final::N,
        'ж' | 'з' => Final::Z,
        // ь and ъ are silent: the letter before them decides (модель).
        'ь' | 'ъ' => return final_of(&stem[..stem.len() - last.len_utf8()]),
        _ => Final::K,
    })
}

/// The voiced form a stem-final к қ п takes before a vowel (жүрек → жүрегі),
/// and back. Returns the devoiced letter for a voiced one.
pub fn devoice(c: char) -> Option<char> {
    match c {
        'г' => Some('к'),
        'ғ' => Some('қ'),
        'б' => Some('п'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harmony_follows_the_last_vowel() {
        assert_eq!(harmony_of("акромегалия"), Harmony::Back);
        assert_eq!(harmony_of("эндокринді"), Harmony::Front);
        assert_eq!(harmony_of("ми"), Harmony::Both);
        assert!(Harmony::Both.admits(Harmony::Front));
        assert!(!Harmony::Back.admits(Harmony::Front));
    }

    #[test]
    fn final_classes() {
        assert_eq!(final_of("жер"), Some(Final::G));
        assert_eq!(final_of("ел"), Some(Final::L));
        assert_eq!(final_of("модель"), Some(Final::L));
        assert_eq!(final_of("клуб"), Some(Final::K));
        assert_eq!(final_of(""), None);
    }
}
