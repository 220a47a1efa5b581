//! `kazterm check`: the corpus's terminology anomalies, clean text, a
//! bilingual file with known errors, dismissed findings, formats.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

const GLOSSARY: &str = "glossary/endocrine.csv";

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

fn json_findings(args: &[&str], code: i32) -> serde_json::Value {
    let out = kazterm()
        .args(["check", "--glossary", GLOSSARY, "--format", "json"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn kinds_found_expected(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
                f["expected"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_corpus_gets_exactly_its_terminology_anomalies() {
    let report = json_findings(&["corpus/"], 1);
    let got = kinds_found_expected(&report);
    let want = [
        ("etymon", "glandula endocrinae", "glandula endocrina"),
        ("typo", "элифиз", "эпифиз"),
        // The fix drops into the text as it stands, inflection and all.
        ("split", "жынысбездері", "жыныс бездері"),
        ("typo", "гиперфунция", "гиперфункция"),
        ("split", "гипер", "гипер-"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    // Positions point at the words (shared/gold/seed_anomalies.tsv: c496, c941).
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings[1]["column"], 497);
    assert_eq!(findings[3]["column"], 942);
    assert_eq!(findings[1]["concept"], "gland.pineal");
    assert_eq!(report["summary"]["findings"], 5);
}

#[test]
fn text_output_is_compiler_style_with_a_caret() {
    kazterm()
        .args(["check", "--glossary", GLOSSARY, "corpus/"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("corpus/endocrine_glands.kk.txt:1:497: warning[typo]: `элифиз` looks like a misspelling of `эпифиз`")
                .and(predicate::str::contains("  = fix: эпифиз"))
                .and(predicate::str::contains("^^^^^^\n")),
        );
}

#[test]
fn clean_kazakh_text_passes() {
    kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "tests/data/adrenal_pancreas.kk.txt",
        ])
        .assert()
        .success()
        .stdout("0 findings (0 errors, 0 warnings)\n");
}

#[test]
fn two_names_of_one_concept_are_inconsistent_unless_the_text_introduces_both() {
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed.txt");
    fs::write(
        &mixed,
        "Айырша без балалық шақта үлкен болады.\nЕресек адамда тимус кішірейеді.\n",
    )
    .unwrap();
    let report = json_findings(&[mixed.to_str().unwrap()], 1);
    assert_eq!(
        kinds_found_expected(&report),
        [(
            "inconsistent".to_string(),
            "тимус".to_string(),
            "айырша без".to_string()
        )]
    );
    assert_eq!(report["findings"][0]["line"], 2);

    // The sentence that gives both names comes two megabytes later, past the
    // reader's 1 MB blocks: the exemption still covers the first line.
    let introduced = dir.path().join("introduced.txt");
    let mut text = String::from("Айырша без балалық шақта үлкен болады.\n");
    while text.len() < 2 << 20 {
        text.push_str("Бұл жолда ешқандай термин жоқ, тек толтыру мәтіні тұр.\n");
    }
    text.push_str("Тимус (айырша без) иммунитетке қатысады.\nЕресек адамда тимус кішірейеді.\n");
    fs::write(&introduced, text).unwrap();
    // иммунитет is a term the glossary lacks (`unknown`): what matters here
    // is that nothing is called inconsistent.
    let report = json_findings(&[introduced.to_str().unwrap()], 1);
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["kind"] != "inconsistent"));

    // Both names used before the sentence that introduces them together,
    // blocks later: the check reads the text once, and withdraws the
    // inconsistency when it meets that sentence.
    let later = dir.path().join("later.txt");
    let mut text =
        String::from("Айырша без балалық шақта үлкен болады.\nЕресек адамда тимус кішірейеді.\n");
    while text.len() < 2 << 20 {
        text.push_str("Бұл жолда ешқандай термин жоқ, тек толтыру мәтіні тұр.\n");
    }
    text.push_str("Тимус (айырша без) иммунитетке қатысады.\n");
    // Findings after a doubtful inconsistency wait for the document's end,
    // and still come out in text order.
    text.push_str("Элифиз мидың ішінде орналасқан.\n");
    fs::write(&later, text).unwrap();
    let report = json_findings(&[later.to_str().unwrap()], 1);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["kind"] != "inconsistent"));
    assert!(findings.iter().any(|f| f["found"] == "Элифиз"));
    let lines: Vec<u64> = findings
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

#[test]
fn deprecated_forms_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(&text, "Барлық клеткалар ақуыз түзеді.\n").unwrap();
    let report = json_findings(&[text.to_str().unwrap()], 1);
    assert_eq!(
        kinds_found_expected(&report),
        [("deprecated".into(), "клеткалар".into(), "жасуша".into())]
    );
    assert_eq!(report["findings"][0]["severity"], "error");
    // Only typos fail the run: the deprecated form is reported, exit 0.
    kazterm()
        .args(["check", "--glossary", GLOSSARY, "--fail-on", "typo,split"])
        .arg(&text)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("warning[deprecated]")
                .not()
                .and(predicate::str::contains("error[deprecated]")),
        );
    kazterm()
        .args(["check", "--glossary", GLOSSARY, "--fail-on", "spelling"])
        .arg(&text)
        .assert()
        .code(2);
}

#[test]
fn a_bilingual_file_gets_exactly_the_planted_errors() {
    let report = json_findings(
        &[
            "--source",
            "en",
            "--target",
            "kk",
            "tests/data/segments.en-kk.tsv",
        ],
        1,
    );
    let got: Vec<(String, String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["segment"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
                f["expected"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("4", "missing-term", "pancreas", "ұйқы безі"),
        ("5", "deprecated", "Клеткаларға", "жасуша"),
        ("5", "deprecated", "белок", "ақуыз"),
        ("6", "number", "20", "25"),
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_dismissed_finding_stays_dismissed_after_an_unrelated_edit() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(&text, "Гипофиз пен элифиз ми маңында орналасқан.\n").unwrap();
    let ignore = dir.path().join("dismissed.txt");
    kazterm()
        .args(["check", "--glossary", GLOSSARY, "--write-ignore"])
        .arg(&ignore)
        .arg(&text)
        .assert()
        .code(1);
    assert!(fs::read_to_string(&ignore).unwrap().contains("typo\t"));
    // An edit elsewhere: a new first paragraph moves the finding down.
    fs::write(
        &text,
        "Эндокринді бездер гормон бөледі.\n\nГипофиз пен элифиз ми маңында орналасқан.\n",
    )
    .unwrap();
    kazterm()
        .args(["check", "--glossary", GLOSSARY, "--ignore"])
        .arg(&ignore)
        .arg(&text)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 findings (0 errors, 0 warnings), 1 dismissed",
        ));
    // Editing the finding's own sentence revives it.
    fs::write(&text, "Гипофиз бен элифиз мидың маңында орналасқан.\n").unwrap();
    kazterm()
        .args(["check", "--glossary", GLOSSARY, "--ignore"])
        .arg(&ignore)
        .arg(&text)
        .assert()
        .code(1);
}

#[test]
fn tsv_format_has_a_row_per_finding() {
    let out = kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--format",
            "tsv",
            "corpus/",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "kind\tseverity\tfile\tline\tcolumn\tsegment\tfound\texpected\tconcept\tmessage\tcontext"
    );
    assert_eq!(lines.count(), 5);
}

fn segment_findings(file: &str) -> Vec<(String, String, String, String)> {
    located_findings(file, &["--source", "en", "--target", "kk"])
        .into_iter()
        .map(|(unit, kind, found, expected, _, _)| (unit, kind, found, expected))
        .collect()
}

fn owned(v: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    v.iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect()
}

#[test]
fn xliff_1_2_units_are_checked_by_id() {
    assert_eq!(
        segment_findings("tests/data/segments.en-kk.xlf"),
        owned(&[
            ("u2", "missing-term", "pancreas", "ұйқы безі"),
            ("u3", "deprecated", "Клеткаларға", "жасуша"),
            ("u3", "deprecated", "белок", "ақуыз"),
            ("u4", "number", "20", "25"),
        ])
    );
}

#[test]
fn xliff_2_0_and_tmx_are_read_too() {
    assert_eq!(
        segment_findings("tests/data/segments.en-kk.v2.xlf"),
        owned(&[("pineal", "typo", "Элифиз", "Эпифиз")])
    );
    assert_eq!(
        segment_findings("tests/data/segments.en-kk.tmx"),
        owned(&[])
    );
    kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--source",
            "en",
            "--target",
            "kk",
            "tests/data/segments.en-kk.tmx",
        ])
        .assert()
        .success();
}

#[test]
fn the_html_report_highlights_findings_with_glossary_entries() {
    let out = kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--format",
            "html",
            "corpus/",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<mark class=").count(), 5);
    assert!(page.contains(">элифиз</mark>"));
    assert!(page.contains("kk: эпифиз  la: glandula pinealis  en: pineal gland"));
    // The whole text is there, escaped.
    assert!(page.contains("кретинизм ауруы пайда болады."));
    assert!(!page.contains("<script"));
}

#[test]
fn unrelated_lines_can_be_checked_each_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("lines.txt");
    fs::write(
        &lines,
        "Айырша без балалық шақта үлкен болады.\nЕресек адамда тимус кішірейеді.\n",
    )
    .unwrap();
    let whole = json_findings(&[lines.to_str().unwrap()], 1);
    assert_eq!(whole["findings"][0]["kind"], "inconsistent");
    let each = json_findings(&["--scope", "line", lines.to_str().unwrap()], 0);
    assert_eq!(each["summary"]["findings"], 0);
}

#[test]
fn an_unknown_term_is_reported_once_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(
        &text,
        "Гастрит жиі кездеседі. Гастриттің себебі бактерия. Гастритті емдейді.\n",
    )
    .unwrap();
    let report = json_findings(&[text.to_str().unwrap()], 1);
    let unknown: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "unknown")
        .map(|f| f["found"].as_str().unwrap())
        .collect();
    assert_eq!(unknown, ["Гастрит", "бактерия"]);
}

#[test]
fn news_text_raises_at_most_one_finding_per_thousand_words() {
    let news = std::path::Path::new("../shared/data/kk_corpus/kaznerd_sentences.txt.gz");
    if !news.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        return;
    }
    // One news sentence a line, unrelated to the next (110,351 words).
    let out = kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--format",
            "json",
            "--scope",
            "line",
        ])
        .arg(news)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() <= 110, "{} findings", findings.len());
    // Native words and names read as Greek/Latin-rooted, as they once were.
    for word in [
        "апат",
        "сома",
        "полигон",
        "диалог",
        "филиал",
        "демалатын",
        "антон",
    ] {
        assert!(
            !findings.iter().any(|f| f["kind"] == "unknown"
                && f["found"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .starts_with(word)),
            "{word}"
        );
    }
}

/// A file of one line without a full stop is one "sentence" of a megabyte:
/// findings carry a bounded window of it, not a copy each (which once took
/// gigabytes), and the window still shows the term.
#[test]
fn findings_in_a_huge_sentence_carry_a_bounded_context() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("long.txt");
    let line = vec!["қалқанша без мен элифиз гормондары"; 20_000].join(" ");
    fs::write(&text, format!("{line}\n")).unwrap();
    let report = json_findings(&[text.to_str().unwrap()], 1);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let context = f["context"].as_str().unwrap();
        assert!(context.chars().count() < 300, "{}", context.len());
        assert!(context.contains(f["found"].as_str().unwrap()), "{context}");
    }
}

/// (unit, kind, found, expected, line, column) of each finding, languages
/// read from the file itself.
fn located_findings(file: &str, extra: &[&str]) -> Vec<(String, String, String, String, u64, u64)> {
    let out = kazterm()
        .args(["check", "--glossary", GLOSSARY, "--format", "json"])
        .args(extra)
        .arg(file)
        .assert()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (
                s("segment"),
                s("kind"),
                s("found"),
                s("expected"),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The text of `file` at a 1-based line and column (in characters).
fn text_at(file: &str, line: u64, column: u64) -> String {
    let text = fs::read_to_string(file).unwrap();
    let line = text.lines().nth(line as usize - 1).unwrap();
    line.chars().skip(column as usize - 1).collect()
}

#[test]
fn files_written_by_translate_toolkit_are_checked_in_their_own_languages() {
    // po2xliff (XLIFF 1.2), the XLIFF 2.0 writer and po2tmx, languages
    // read from the files (no --source/--target).
    for (file, units) in [
        ("examples/leaflet.en-kk.xlf", ["4", "5", "6", "7"]),
        ("examples/leaflet.en-kk.v2.xlf", ["2", "3", "4", "5"]),
    ] {
        let got = located_findings(file, &[]);
        let kinds: Vec<(&str, &str, &str, &str)> = got
            .iter()
            .map(|(u, k, f, e, _, _)| (u.as_str(), k.as_str(), f.as_str(), e.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (units[0], "missing-term", "pancreas", "ұйқы безі"),
                (units[1], "number", "0,5–0,75", "0,5–0,65"),
                (units[2], "deprecated", "клеткалары", "жасуша"),
                (units[3], "untranslated", "", ""),
            ],
            "{file}"
        );
        // Positions are the real ones in the file: a missing term points
        // at the start of the target, a number and a deprecated form at
        // themselves, an untranslated unit at its source.
        let at = |k: usize| text_at(file, got[k].4, got[k].5);
        assert!(at(0).starts_with("Бауыр асқазанның"), "{file}: {}", at(0));
        assert!(at(1).starts_with("0,5–0,75 унция"), "{file}: {}", at(1));
        assert!(at(2).starts_with("клеткалары"), "{file}: {}", at(2));
        assert!(
            at(3).starts_with("The pituitary gland"),
            "{file}: {}",
            at(3)
        );
    }
    // po2tmx leaves the untranslated unit out.
    let tmx = located_findings("examples/leaflet.en-kk.tmx", &[]);
    let kinds: Vec<&str> = tmx.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(kinds, ["missing-term", "number", "deprecated"]);
}

#[test]
fn english_glosses_of_etymons_are_no_missing_terms() {
    // "body" (soma), "under" (hypo), "growth" (physis) are in the glossary
    // as glosses of etymons: a translation need not name them.
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("s.tsv");
    fs::write(
        &tsv,
        "Hormones act under stress throughout the body.\tСтресс кезінде гормондар бүкіл ағзаға әсер етеді.\n",
    )
    .unwrap();
    let got = located_findings(tsv.to_str().unwrap(), &["--source", "en", "--target", "kk"]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn cdata_is_read_and_suggestions_and_untranslatable_units_are_not() {
    let got = located_findings("tests/data/cat/cdata_alt_trans.en-kk.xlf", &[]);
    let kinds: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(u, k, f, _, _, _)| (u.as_str(), k.as_str(), f.as_str()))
        .collect();
    // Unit 1: source and target in CDATA, both read (no missing pancreas).
    // Unit 2: a deprecated form inside a CDATA target. Unit 3: the
    // alt-trans suggestion's pancreas and 80 are not the unit's. Units 4
    // and 5 are translate="no" (by group, by unit). Unit 6: empty target.
    assert_eq!(
        kinds,
        [
            ("2", "deprecated", "клеткаларға"),
            ("6", "untranslated", "")
        ]
    );
    let (_, _, _, _, line, column) = &got[0];
    assert!(
        text_at("tests/data/cat/cdata_alt_trans.en-kk.xlf", *line, *column)
            .starts_with("клеткаларға")
    );
}

#[test]
fn tmx_variants_in_a_third_language_are_ignored() {
    // Without --target, three languages are ambiguous: exit 2, naming them.
    kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "tests/data/cat/three_languages.tmx",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ru-RU, kk-KZ"))
        .stderr(predicate::str::contains("--source en --target kk"));
    // With them, the Russian variant's 12 g is nobody's number.
    let got = located_findings(
        "tests/data/cat/three_languages.tmx",
        &["--source", "en", "--target", "kk"],
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn languages_that_are_not_english_to_kazakh_stop_with_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.xlf");
    fs::write(
        &bare,
        "<xliff version=\"1.2\"><file original=\"x\"><body><trans-unit id=\"1\"><source>Gland</source><target>Без</target></trans-unit></body></file></xliff>",
    )
    .unwrap();
    kazterm()
        .args(["check", "--glossary", GLOSSARY])
        .arg(&bare)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --source en --target kk"));
    // The flags must agree with what the file declares.
    kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--source",
            "ru",
            "--target",
            "kk",
        ])
        .arg("examples/leaflet.en-kk.xlf")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("source language is en-US, not ru"));
    // A file in other languages is not checked as if it were en → kk.
    let ru = dir.path().join("ru.xlf");
    fs::write(
        &ru,
        "<xliff version=\"1.2\"><file source-language=\"ru\" target-language=\"kk\"><body/></file></xliff>",
    )
    .unwrap();
    kazterm()
        .args(["check", "--glossary", GLOSSARY])
        .arg(&ru)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ru → kk"));
}

#[test]
fn the_html_report_places_bilingual_findings_where_the_text_report_does() {
    let out = kazterm()
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--format",
            "html",
            "examples/leaflet.en-kk.xlf",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    let got = located_findings("examples/leaflet.en-kk.xlf", &[]);
    for (unit, _, _, _, line, column) in got {
        let place = format!("examples/leaflet.en-kk.xlf:{line}:{column} (unit {unit})");
        assert!(html.contains(&place), "{place} not in the page");
    }
}
