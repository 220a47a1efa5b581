//! `kazterm lemma`: lemmas of the corpus text, of sentences of our own, and
//! the accuracy measured on the shared treebank.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

fn lemma_rows(input: &str) -> Vec<(String, String, String)> {
    let out = kazterm()
        .arg("lemma")
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

#[test]
fn every_form_of_the_corpus_terms_reaches_its_lemma() {
    let out = kazterm()
        .args(["lemma", "corpus/endocrine_glands.kk.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut seen = 0;
    for row in text.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        let surface = f[0].to_lowercase();
        // (prefix of the inflected forms, lemma), the glued жынысбездері aside.
        for (prefix, lemma) in [
            ("без", "без"),
            ("гормон", "гормон"),
            ("гипофиз", "гипофиз"),
            ("ауру", "ауру"),
            ("ағза", "ағза"),
            ("ұлпа", "ұлпа"),
            ("сүйек", "сүйек"),
        ] {
            if surface.starts_with(prefix) {
                assert_eq!(f[1].to_lowercase(), lemma, "{row}");
                seen += 1;
            }
        }
    }
    // без ×22, гормон ×13, гипофиз ×4, ауру ×5, ағза ×5, ұлпа ×2, сүйек ×2 …
    assert!(seen >= 50, "{seen}");
}

#[test]
fn sentences_of_our_own_lemmatize() {
    let rows = lemma_rows(
        "Қалқанша безінің гормондары зат алмасуын реттейді. \
         Бүйрекүсті бездерінен адреналин бөлінеді. \
         Баланың жүрегі мен мұрны ауырады. \
         Ағзадағы йодтың жетіспеушілігі қауіпті.\n",
    );
    let lemma = |w: &str| rows.iter().find(|r| r.0 == w).map(|r| r.1.clone()).unwrap();
    assert_eq!(lemma("безінің"), "без");
    assert_eq!(lemma("гормондары"), "гормон");
    assert_eq!(lemma("бездерінен"), "без");
    assert_eq!(lemma("жүрегі"), "жүрек");
    assert_eq!(lemma("мұрны"), "мұрын");
    assert_eq!(lemma("Ағзадағы"), "ағза");
    assert_eq!(lemma("йодтың"), "йод");
    assert_eq!(lemma("Баланың"), "бала");
    // Verbs are not turned into noun lemmas.
    assert_eq!(lemma("реттейді"), "ретте");
    assert_eq!(lemma("бөлінеді"), "бөл");
}

#[test]
fn a_word_list_is_read_word_by_word_and_a_sentence_in_context() {
    // One word a line: no word is another's neighbour, so an accusative
    // stays an accusative even when a noun is on the next line.
    let rows = lemma_rows("жүректі\nиммунитетті\nадам\n");
    let lemmas: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(lemmas, ["жүрек", "иммунитет", "адам"]);
    // On one line, before its noun, the same form is the adjective.
    let rows = lemma_rows("Ол жүректі адам еді.\n");
    assert_eq!(rows[1].1, "жүректі");
    // Joined by және, both adjectives stand before the noun.
    let rows = lemma_rows("Қарқынды және сапалы жұмыс нәтиже берді.\n");
    let lemmas: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(lemmas[..4], ["қарқынды", "және", "сапалы", "жұмыс"]);
    // Out of that position they are nouns in the accusative.
    let rows = lemma_rows("Ол қарқынды жоғалтты.\n");
    assert_eq!(rows[1].1, "қарқын");
}

#[test]
fn new_words_of_the_body_and_of_derivation_are_read_right() {
    let rows = lemma_rows(
        "Науқастың кеудесінде ауырсыну бар, даусы қарлығып, қаупі жоғары.\n\
         Жүлгелер мен көкеттің қалпы өзгерген.\n\
         Ауыспалы қызба мен жұқпалы аурулар, қан қысымын өлшегіш.\n\
         Парсы тілінде жазылған жабайы шөптердің тізімі.\n\
         Жоба жүзеге асырылды, бірақ қолдан келгені осы.\n",
    );
    let lemma = |w: &str| rows.iter().find(|r| r.0 == w).map(|r| r.1.clone()).unwrap();
    assert_eq!(lemma("кеудесінде"), "кеуде");
    assert_eq!(lemma("даусы"), "дауыс");
    assert_eq!(lemma("қаупі"), "қауіп");
    assert_eq!(lemma("Жүлгелер"), "жүлге");
    assert_eq!(lemma("көкеттің"), "көкет");
    assert_eq!(lemma("қалпы"), "қалып");
    assert_eq!(lemma("Ауыспалы"), "ауыспалы");
    assert_eq!(lemma("жұқпалы"), "жұқпалы");
    assert_eq!(lemma("өлшегіш"), "өлшегіш");
    assert_eq!(lemma("Парсы"), "парсы");
    assert_eq!(lemma("жабайы"), "жабайы");
    assert_eq!(lemma("жүзеге"), "жүзеге");
    assert_eq!(lemma("қолдан"), "қолдан");
    // Away from its verb the same dative is an ordinary noun.
    let rows = lemma_rows("Ол іске кірісті.\n");
    assert_eq!(rows[1].1, "іс");
}

#[test]
fn names_keep_their_capitals_as_the_text_writes_them() {
    let rows = lemma_rows(
        "Ерназар ертең келеді. Біз Ерназарға хат жаздық.\n\
         Ол Рио-де-Жанейродағы еуропалық мектепте оқыды.\n",
    );
    let lemma = |w: &str| rows.iter().find(|r| r.0 == w).map(|r| r.1.clone()).unwrap();
    // At the start of a sentence, a name the text writes with a capital
    // inside another sentence keeps it (before that sentence is read, too).
    assert_eq!(lemma("Ерназар"), "Ерназар");
    assert_eq!(lemma("Ерназарға"), "Ерназар");
    // A name's capitals as written; a name's derivative is a common word.
    assert_eq!(lemma("Рио-де-Жанейродағы"), "Рио-де-Жанейро");
    assert_eq!(lemma("еуропалық"), "еуропалық");
    // A common word at the start of a sentence is not a name.
    let rows = lemma_rows("Біз келдік. Бала ойнады.\n");
    assert_eq!(rows[0].1, "біз");
    assert_eq!(rows[2].1, "бала");
}

#[test]
fn all_readings_are_ranked() {
    let out = kazterm()
        .args(["lemma", "--all"])
        .write_stdin("бездерінің\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut rows = text.lines();
    assert_eq!(rows.next().unwrap(), "surface\tlemma\tanalysis\trank\tcost");
    assert!(rows
        .next()
        .unwrap()
        .starts_with("бездерінің\tбез\tбез+PL+POSS3+GEN\t1\t"));
    assert!(rows.count() >= 1);
}

#[test]
fn odd_words_are_answered_not_panicked() {
    let long = "ө".repeat(10_000);
    let rows = lemma_rows(&format!("дың лар 12 glandula а {long}\n"));
    assert_eq!(rows[0], ("дың".into(), "дың".into(), "дың".into()));
    assert_eq!(
        rows[2],
        ("glandula".into(), "glandula".into(), "UNK".into())
    );
    assert_eq!(rows[4].1, long);
}

/// The treebank figures of the closing note, kept from going backwards. The
/// shared folder stands beside the project in CI and on developers' machines.
#[test]
fn treebank_accuracy_holds() {
    let dev = Path::new("../shared/data/ud_kazakh_ktb/kk_ktb-ud-dev.conllu");
    if !dev.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        eprintln!("skipped: {} is not here", dev.display());
        return;
    }
    let out = kazterm()
        .args(["lemma", "--errors", "5", "--eval"])
        .arg(dev)
        .assert()
        .success()
        .stdout(predicate::str::contains("most frequent errors"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let caseless = |upos: &str| -> f64 {
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("{upos} ")))
            .unwrap();
        row.split_whitespace().nth(3).unwrap().parse().unwrap()
    };
    assert!(caseless("NOUN") >= 95.0, "{text}");
    assert!(caseless("ADJ") >= 97.0, "{text}");
    assert!(caseless("PROPN") >= 95.0, "{text}");
}

#[test]
fn a_malformed_treebank_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.conllu");
    std::fs::write(&bad, "1\tбез\tбез\n").unwrap();
    kazterm()
        .args(["lemma", "--eval"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.conllu:1: expected 10 tab-separated CoNLL-U columns",
        ));
}

/// Cross-validation on the treebank's train file: each fold is scored with a
/// lexicon that holds the other folds' gold lemmas and not its own.
#[test]
fn cross_validation_scores_each_fold_without_its_own_lemmas() {
    let train = Path::new("../shared/data/ud_kazakh_ktb/kk_ktb-ud-train.conllu");
    if !train.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        return;
    }
    let out = kazterm()
        .args(["lemma", "--folds", "5", "--eval"])
        .arg(train)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("5-fold cross-validation"), "{text}");
    let exact = |upos: &str| -> f64 {
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("{upos} ")))
            .unwrap();
        row.split_whitespace().nth(2).unwrap().parse().unwrap()
    };
    assert!(exact("NOUN") >= 96.0, "{text}");
    assert!(exact("all") >= 89.0, "{text}");
    kazterm()
        .args(["lemma", "--folds", "1", "--eval"])
        .arg(train)
        .assert()
        .code(2);
}

#[test]
fn closed_class_words_and_derived_nouns_are_read_whole() {
    let out = kazterm()
        .arg("lemma")
        .write_stdin(
            "Оған қарсы тағы бір сайын. Елдің бірлігі мен егемендігі. Миокардқа қан келеді.\n",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for (surface, lemma) in [
        ("қарсы", "қарсы"),
        ("тағы", "тағы"),
        ("сайын", "сайын"),
        ("бірлігі", "бірлік"),
        ("егемендігі", "егемендік"),
        ("Миокардқа", "миокард"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{surface}\t{lemma}\t"))),
            "{surface} → {lemma}:\n{text}"
        );
    }
}
