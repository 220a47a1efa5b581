//! The tokenizer's word lists: abbreviations and units, from `data/tokenize/`.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::table::records;

const ABBREVIATIONS: &str = include_str!("../../data/tokenize/abbreviations.tsv");
const UNITS: &str = include_str!("../../data/tokenize/units.tsv");

/// Abbreviations (lower case, with their full stops) and whether each may end a
/// sentence.
pub(crate) static ABBREV: LazyLock<HashMap<String, bool>> = LazyLock::new(|| {
    records("data/tokenize/abbreviations.tsv", ABBREVIATIONS, 3)
        .expect("embedded abbreviations table")
        .into_iter()
        .map(|r| (r.fields[0].to_lowercase(), r.fields[1] == "yes"))
        .collect()
});

/// Units of measure, as written (case matters: `мл` but `ХБ`).
pub(crate) static UNIT: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    records("data/tokenize/units.tsv", UNITS, 2)
        .expect("embedded units table")
        .into_iter()
        .map(|r| r.fields[0])
        .collect()
});

/// The longest abbreviation length in characters, to bound the look-ahead.
pub(crate) static ABBREV_MAX_BYTES: LazyLock<usize> =
    LazyLock::new(|| ABBREV.keys().map(|k| k.len()).max().unwrap_or(0));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert_eq!(ABBREV.get("лат."), Some(&false));
        assert_eq!(ABBREV.get("т.б."), Some(&true));
        assert!(UNIT.contains("г"));
        assert!(UNIT.contains("ХБ"));
        assert!(!UNIT.contains("жыл"));
    }
}
