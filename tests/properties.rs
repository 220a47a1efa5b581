//! Property tests: the normalizer is idempotent, never panics, and reports
//! changes that point at the input; token offsets slice the source back.

use kazterm::normalize::{normalize, NormalizeStream, Rule};
use kazterm::tokenize::tokenize;
use proptest::prelude::*;

/// Text that looks like noisy Kazakh: Cyrillic and Kazakh letters, their
/// Latin and IPA stand-ins, Greek, digits, spaces of every kind, dashes,
/// quotes, combining marks, invisible characters and newlines.
fn noisy_kazakh() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "а", "ә", "б", "е", "з", "і", "й", "к", "қ", "ң", "о", "ө", "р", "с", "ұ", "ү", "һ", "ы",
        "Ә", "І", "Қ", "a", "e", "o", "p", "c", "x", "y", "i", "h", "k", "I", "H", "ä", "ö", "ü",
        "ğ", "ñ", "q", "ə", "ɵ", "Ə", "ҡ", "ӈ", "θ", "ο", "φ", "0", "5", ",", ".", "-", "–", "—",
        "−", "\"", "“", "”", "„", "«", "»", "(", ")", " ", " ", " ", "  ", "\t", "\u{a0}",
        "\u{2009}", "\r", "\n", "\n\n", "\u{ad}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{306}",
        "\u{301}", "\u{308}", "\u{2011}", "Ω", "ﬁ", "г-ға", "0,5-0,65", "лат.", "т.б.",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn normalization_is_idempotent_on_noisy_kazakh(s in noisy_kazakh()) {
        let once = normalize(&s).text;
        let twice = normalize(&once);
        prop_assert_eq!(&twice.text, &once);
        prop_assert!(twice.changes.is_empty(), "{:?}", twice.changes);
    }

    #[test]
    fn normalization_is_idempotent_on_any_string(s in any::<String>()) {
        let once = normalize(&s).text;
        prop_assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn changes_point_at_what_they_replaced(s in noisy_kazakh()) {
        for c in normalize(&s).changes {
            if c.rule == Rule::FinalNewline {
                prop_assert_eq!(c.offset as usize, s.len());
                continue;
            }
            let at = c.offset as usize;
            prop_assert!(s.is_char_boundary(at));
            // Chained repairs of one cell (NFC, then a letter rule) start from
            // the text the previous repair produced.
            if c.rule == Rule::Nfc || s.get(at..at + c.before.len()) == Some(c.before.as_str()) {
                continue;
            }
            let chained = normalize(&s).changes.iter().any(|p| p.offset == c.offset && p.after == c.before);
            prop_assert!(chained, "{:?} does not point at {:?}", c, &s[at..]);
        }
    }

    #[test]
    fn changes_come_in_input_order(s in noisy_kazakh()) {
        let offsets: Vec<u64> = normalize(&s).changes.iter().map(|c| c.offset).collect();
        prop_assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "{:?}", offsets);
    }

    #[test]
    fn where_blocks_are_cut_does_not_matter(s in noisy_kazakh(), cut in 0usize..200) {
        let mut cut = cut.min(s.len());
        while !s.is_char_boundary(cut) { cut -= 1; }
        let whole = normalize(&s);
        let mut stream = NormalizeStream::new();
        let (mut out, mut changes) = (String::new(), Vec::new());
        stream.push(&s[..cut], &mut out, &mut changes);
        stream.push(&s[cut..], &mut out, &mut changes);
        stream.finish(&mut out, &mut changes);
        prop_assert_eq!(out, whole.text);
    }

    #[test]
    fn token_offsets_slice_the_source_back(s in noisy_kazakh()) {
        let mut last_end = 0;
        for t in tokenize(&s) {
            prop_assert_eq!(&s[t.start..t.end], t.text);
            prop_assert!(t.start >= last_end && t.end > t.start);
            prop_assert!(!t.text.contains(char::is_whitespace));
            last_end = t.end;
        }
    }

    #[test]
    fn tokenizer_never_panics_on_any_string(s in any::<String>()) {
        for t in tokenize(&s) {
            prop_assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any word, Kazakh-looking or not, gets a lemma and never a panic; a
    /// lemma is never longer than its word plus a restored letter.
    #[test]
    fn lemmatizer_answers_every_word(s in "[а-яәғқңөұүһіА-Я0-9a-z\\-]{0,30}", t in any::<String>()) {
        let mut lem = kazterm::morph::Lemmatizer::new();
        for w in [s.as_str(), t.as_str()] {
            let l = lem.lemma(w, false);
            prop_assert!(!l.analysis.is_empty());
            if !w.is_empty() {
                prop_assert!(!l.lemma.is_empty(), "{:?}", w);
            }
        }
    }
}
