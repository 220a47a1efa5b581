//! Compound verbs with a frozen first part (`data/morph/compound_verbs.tsv`):
//! жүзеге асыру, қолдан келу. Before one of its verbs, such a word is its own
//! lemma (жүзеге, not жүз); elsewhere it is an ordinary inflected word.
//!
//! ```
//! use kazterm::morph::{analyze, compounds::frozen_before};
//! assert_eq!(frozen_before("жүзеге", &analyze("асырылды")), Some("жүзеге"));
//! assert_eq!(frozen_before("жүзеге", &analyze("жетті")), None);
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Analysis;
use crate::table::records;

const TABLE: &str = include_str!("../../data/morph/compound_verbs.tsv");

/// Frozen form → the verb stems it combines with.
static FROZEN: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    records("data/morph/compound_verbs.tsv", TABLE, 2)
        .expect("embedded compound verb table")
        .into_iter()
        .map(|rec| (rec.fields[0], rec.fields[1].split(',').collect()))
        .collect()
});

/// The lengths in letters of the frozen forms: a word of another length
/// needs no repair or lower-casing to be ruled out (letters, not bytes: a
/// Latin look-alike is one letter, as its Cyrillic original).
static LENGTHS: LazyLock<Vec<usize>> = LazyLock::new(|| {
    let mut lengths: Vec<usize> = FROZEN.keys().map(|k| k.chars().count()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    lengths
});

/// How many of the next word's readings are looked at: the verb need not be
/// its best reading (асты is also ас "food" + -ты).
const READINGS_LOOKED_AT: usize = 4;

/// The lemma of `word` when it is the frozen first part of a compound verb
/// whose verb is one of `next`'s readings: the word itself, repaired and in
/// lower case. Cheap for the words that are not (most of them).
///
/// ```
/// use kazterm::morph::{analyze, compounds::frozen_before};
/// assert_eq!(frozen_before("Іске", &analyze("асты")), Some("іске"));
/// ```
pub fn frozen_before(word: &str, next: &[Analysis]) -> Option<&'static str> {
    if next.is_empty() || !LENGTHS.contains(&word.chars().count()) {
        return None;
    }
    let form = crate::normalize::clean_word(word).to_lowercase();
    let (&key, verbs) = FROZEN.get_key_value(form.as_str())?;
    next.iter()
        .take(READINGS_LOOKED_AT)
        .any(|a| verbs.contains(&a.root.as_str()))
        .then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::analyze;

    fn is_frozen_before(word: &str, next: &[Analysis]) -> bool {
        frozen_before(word, next).is_some()
    }

    #[test]
    fn the_table_loads_and_needs_its_verb() {
        assert!(FROZEN.len() >= 9);
        assert!(is_frozen_before("іске", &analyze("асыру")));
        assert!(is_frozen_before("қолынан", &analyze("келеді")));
        // A Latin look-alike letter does not hide it.
        assert!(is_frozen_before("iске", &analyze("асыру")));
        // The same form before another verb is an ordinary dative.
        assert!(!is_frozen_before("қолынан", &analyze("ұстады")));
        assert!(!is_frozen_before("үйге", &analyze("келді")));
    }
}
