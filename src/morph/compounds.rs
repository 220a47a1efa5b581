//! Compound verbs with a frozen first part (`data/morph/compound_verbs.tsv`):
//! жүзеге асыру, қолдан келу. Before one of its verbs, such a word is its own
//! lemma (жүзеге, not жүз); elsewhere it is an ordinary inflected word.
//!
//! ```
//! use kazterm::morph::{analyze, compounds::is_frozen_before};
//! assert!(is_frozen_before("жүзеге", &analyze("асырылды")));
//! assert!(!is_frozen_before("жүзеге", &analyze("жетті")));
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

/// How many of the next word's readings are looked at: the verb need not be
/// its best reading (асты is also ас "food" + -ты).
const READINGS_LOOKED_AT: usize = 4;

/// True when `form` (lower case, as repaired by the normalizer) is the frozen
/// first part of a compound verb whose verb is one of `next`'s readings.
pub fn is_frozen_before(form: &str, next: &[Analysis]) -> bool {
    let Some(verbs) = FROZEN.get(form) else {
        return false;
    };
    next.iter()
        .take(READINGS_LOOKED_AT)
        .any(|a| verbs.contains(&a.root.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::analyze;

    #[test]
    fn the_table_loads_and_needs_its_verb() {
        assert!(FROZEN.len() >= 9);
        assert!(is_frozen_before("іске", &analyze("асыру")));
        assert!(is_frozen_before("қолынан", &analyze("келеді")));
        // The same form before another verb is an ordinary dative.
        assert!(!is_frozen_before("қолынан", &analyze("ұстады")));
        assert!(!is_frozen_before("үйге", &analyze("келді")));
    }
}
