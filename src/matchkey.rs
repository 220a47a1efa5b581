//! Lossy match keys for look-ups: `казак` finds `қазақ`.
//!
//! A match key lower-cases a word with Kazakh (Turkic) casing and folds the
//! nine Kazakh letters into the Russian letters people type when a keyboard
//! lacks them (қ→к, ғ→г, ң→н, ә→а, ө→о, ұ ү→у, і ы й→и, һ→х), as the table in
//! `data/matchkey.tsv` lists. Keys are for finding, never for writing: two
//! different words may share a key (қыз, киз), and callers confirm a match
//! against the real spelling.
//!
//! ```
//! use kazterm::matchkey::match_key;
//! assert_eq!(match_key("Қазақ"), match_key("казак"));
//! assert_eq!(match_key("бүйрекүсті"), "буирекусти");
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::table::{one_char, records};
use crate::translit::lower_turkic;

const TABLE: &str = include_str!("../data/matchkey.tsv");

static FOLD: LazyLock<HashMap<char, Option<char>>> = LazyLock::new(|| {
    let name = "data/matchkey.tsv";
    records(name, TABLE, 2)
        .expect("embedded table")
        .into_iter()
        .map(|r| {
            let from = one_char(name, r.line, r.fields[0]).expect("one letter");
            let to = if r.fields[1].is_empty() {
                None
            } else {
                Some(one_char(name, r.line, r.fields[1]).expect("one letter"))
            };
            (from, to)
        })
        .collect()
});

/// The match key of a word or phrase.
pub fn match_key(text: &str) -> String {
    let fold = &*FOLD;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = lower_turkic(c);
        match fold.get(&lower) {
            Some(Some(to)) => out.push(*to),
            Some(None) => {}
            None => out.push(lower),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_find_words_typed_without_kazakh_letters() {
        assert_eq!(match_key("қалқанша без"), match_key("калканша без"));
        assert_eq!(match_key("ӨСУ гормоны"), match_key("осу гормони"));
        assert_eq!(match_key("ішкі"), match_key("ишки"));
        assert_eq!(match_key("ұйқы"), match_key("уйкы"));
    }

    #[test]
    fn turkic_casing_of_dotted_and_dotless_i() {
        assert_eq!(match_key("İşkı"), "iski");
        assert_eq!(match_key("INSULIN"), "insulin");
    }

    #[test]
    fn different_words_keep_different_keys_where_letters_differ() {
        assert_ne!(match_key("без"), match_key("боз"));
    }
}
