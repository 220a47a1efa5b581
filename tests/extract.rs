//! `kazterm extract`: the corpus's terms, our own medical text, the gold
//! scores, the output formats and bad input.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const CORPUS: &str = "corpus/endocrine_glands.kk.txt";

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

/// The rows of `extract --format jsonl` on `args`.
fn terms(args: &[&str]) -> Vec<serde_json::Value> {
    let out = kazterm()
        .args(["extract", "--format", "jsonl"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn find<'a>(rows: &'a [serde_json::Value], lemma: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["lemma"] == lemma)
        .unwrap_or_else(|| panic!("no term {lemma}"))
}

#[test]
fn corpus_etymons_with_language_gloss_and_headword() {
    let rows = terms(&[CORPUS]);
    for (lemma, lang, gloss) in [
        ("glandula", "la", "без"),
        ("glandula endocrinae", "la", ""),
        ("endon", "grc", "ішкі"),
        ("krino", "grc", "бөлу"),
    ] {
        let r = find(&rows, lemma);
        assert_eq!(r["category"], "etymon");
        assert_eq!(r["origin"], lang, "{lemma}");
        assert_eq!(r["gloss_kk"], gloss, "{lemma}");
        assert_eq!(
            r["headword"],
            "Эндокринді бездер немесе Ішкі секреция бездері"
        );
    }
}

#[test]
fn corpus_glands_hormones_and_diseases() {
    let rows = terms(&[CORPUS]);
    let category = |lemma: &str| find(&rows, lemma)["category"].as_str().unwrap().to_string();
    for gland in [
        "гипоталамус",
        "гипофиз",
        "эпифиз",
        "қалқанша без",
        "қалқанша маңы безі",
        "бүйрекүсті безі",
        "жыныс безі",
        "ұйқы безі",
        "плацента",
        "тимус",
        "айырша без",
    ] {
        assert_eq!(category(gland), "gland", "{gland}");
    }
    for hormone in ["соматотропин", "өсу гормоны", "тироксин"] {
        assert_eq!(category(hormone), "hormone", "{hormone}");
    }
    for disease in [
        "акромегалия",
        "ергежейлілік",
        "алыптық",
        "эндемиялық зоб",
        "кретинизм",
    ] {
        assert_eq!(category(disease), "disease", "{disease}");
    }
    for condition in ["гиперфункция", "гипофункция"] {
        assert_eq!(category(condition), "condition", "{condition}");
    }
    // The misspelt элифиз is found as эпифиз, the glued жынысбездері as
    // жыныс безі, the suspended гипер- as гиперфункция.
    assert!(find(&rows, "эпифиз")["surfaces"]
        .as_array()
        .unwrap()
        .contains(&"элифиз".into()));
    assert!(find(&rows, "жыныс безі")["surfaces"]
        .as_array()
        .unwrap()
        .contains(&"жынысбездері".into()));
    let hyper = find(&rows, "гиперфункция")["surfaces"]
        .as_array()
        .unwrap()
        .clone();
    assert!(hyper.contains(&"гиперфунция".into()) && hyper.contains(&"гипер".into()));
}

#[test]
fn corpus_words_decompose_into_greek_and_latin_morphemes() {
    let rows = terms(&[CORPUS]);
    for (lemma, parts) in [
        ("гипофиз", "гипо+физ"),
        ("гипоталамус", "гипо+таламус"),
        ("эндокринді", "эндо+крин"),
        ("акромегалия", "акро+мегал+ия"),
        ("гиперфункция", "гипер+функц+ия"),
    ] {
        let d = find(&rows, lemma)["decomposition"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(d.starts_with(&format!("{parts} = ")), "{lemma}: {d}");
    }
    assert!(find(&rows, "акромегалия")["decomposition"]
        .as_str()
        .unwrap()
        .contains("akron \"extremity, tip\" + megas \"large\""));
}

#[test]
fn seed_gold_scores_hold() {
    let gold = Path::new("../shared/gold/seed_terms.tsv");
    if !gold.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        return;
    }
    let out = kazterm()
        .args(["extract", "--eval"])
        .arg(gold)
        .arg(CORPUS)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let pct = |name: &str| score(&text, name);
    assert!(pct("recall:") >= 95.0, "{text}");
    assert!(pct("precision:") >= 90.0, "{text}");
}

/// A percentage of `extract --eval`'s report, by its line's label.
fn score(report: &str, label: &str) -> f64 {
    let line = report.lines().find(|l| l.starts_with(label)).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches('%')
        .parse()
        .unwrap()
}

#[test]
fn our_own_medical_text_scores_too() {
    let out = kazterm()
        .args([
            "extract",
            "--eval",
            "tests/data/adrenal_pancreas.gold.tsv",
            "tests/data/adrenal_pancreas.kk.txt",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let pct = |name: &str| score(&text, name);
    // The lexicon lacks the adrenal cortex and medulla (қыртыс, милы қабат),
    // which the candidates list shows instead: recall is not perfect here.
    assert!(pct("recall:") >= 85.0, "{text}");
    assert!(pct("precision:") >= 90.0, "{text}");
}

#[test]
fn candidates_show_what_the_rules_miss() {
    let rows = terms(&["--candidates", "10", "tests/data/adrenal_pancreas.kk.txt"]);
    let candidates: Vec<&str> = rows
        .iter()
        .filter(|r| r["category"] == "candidate")
        .map(|r| r["lemma"].as_str().unwrap())
        .collect();
    // Noun phrases of the chunker's grammar, as dictionary forms.
    assert!(candidates.contains(&"глюкоза деңгейі"), "{candidates:?}");
    assert!(
        !candidates.contains(&"бүйрекүсті без"),
        "named terms are not candidates"
    );
    for c in &candidates {
        let first = c.split(' ').next().unwrap();
        assert!(!["және", "мен", "да", "тыс", "бұл"].contains(&first), "{c}");
    }
    // The adrenal medulla is a term of the chunker now, no longer a mere
    // candidate.
    assert!(rows
        .iter()
        .any(|r| r["lemma"] == "милы қабат" && r["category"] == "anatomy"));
}

#[test]
fn tsv_and_csv_have_the_exact_header_and_contexts_add_a_column() {
    let out = kazterm()
        .args(["extract", "--format", "tsv", CORPUS])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "lemma\tcategory\torigin\tsurfaces\tcount\tfirst_seen\tdecomposition\tgloss_kk\theadword"
    );
    let gland = text.lines().find(|l| l.starts_with("гипофиз\t")).unwrap();
    let f: Vec<&str> = gland.split('\t').collect();
    assert_eq!(f[3], "гипофиз|Гипофиз|Гипофиздің");
    assert_eq!(f[4], "3");
    assert_eq!(f[5], format!("{CORPUS}:1:484"));

    let out = kazterm()
        .args(["extract", "--format", "csv", "--contexts", "1", CORPUS])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(&out[..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().next_back(), Some("contexts"));
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[0] == "тироксин")
        .unwrap();
    assert!(
        row[9].contains("Қалқанша без тироксин гормонын бөледі."),
        "{:?}",
        &row[9]
    );
}

#[test]
fn a_broken_rules_file_names_file_line_and_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.tsv");
    fs::write(
        &rules,
        "# my terms\nterm\tсілекей безі\tgland\nterm\tбүйрек\torgan\n",
    )
    .unwrap();
    kazterm()
        .args(["extract", "--rules"])
        .arg(&rules)
        .arg(CORPUS)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("rules.tsv:3: expected a category")
                .and(predicate::str::contains("\"organ\"")),
        );
    fs::write(&rules, "word\tбез\n").unwrap();
    kazterm()
        .args(["extract", "--rules"])
        .arg(&rules)
        .arg(CORPUS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "rules.tsv:1: expected a line starting with `term` or `morpheme`",
        ));
}

#[test]
fn a_rules_file_adds_terms_and_morphemes() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.tsv");
    fs::write(&rules, "term\tқан тамыры\tanatomy\nterm\tбұлшық ет\tanatomy\nterm\tзат алмасу\tother\nterm\tжүрек қақпақшасы\tanatomy\n").unwrap();
    let rows = terms(&["--rules", rules.to_str().unwrap(), "-"]);
    assert!(rows.is_empty());
    let out = kazterm()
        .args(["extract", "--format", "tsv", "--rules"])
        .arg(&rules)
        .write_stdin("Жүрек қақпақшасының ақауы сирек кездеседі.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("жүрек қақпақшасы\tanatomy\tkk\tЖүрек қақпақшасының\t1"));
}

#[test]
fn bad_brackets_long_lines_and_mixed_scripts_are_survived() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("bad.txt");
    let long = "ә".repeat(1 << 20);
    fs::write(
        &text,
        format!(
            "Гипофиз (грек. hypophysis – өсінді бөледі.\n{long}\nҚалқанша) без (лат. glandula thyreoidea. Тимус ((айырша без)).\nгормoн glаndula\n"
        ),
    )
    .unwrap();
    let rows = terms(&[text.to_str().unwrap()]);
    let hypophysis = find(&rows, "hypophysis");
    assert_eq!(hypophysis["origin"], "grc");
    assert_eq!(hypophysis["gloss_kk"], "өсінді бөледі");
    assert_eq!(find(&rows, "glandula thyreoidea")["origin"], "la");
    assert!(rows.iter().any(|r| r["lemma"] == "айырша без"));
    // Look-alike letters are repaired before matching: гормoн (Latin o).
    assert!(find(&rows, "гормон")["surfaces"]
        .as_array()
        .unwrap()
        .contains(&"гормoн".into()));
}

/// The three numbers of an `--eval` report's last summary (NEO recall,
/// recall, precision).
fn summary(report: &str) -> (f64, f64, f64) {
    let last = |label: &str| {
        let line = report
            .lines()
            .rev()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in {report}"));
        line.split_whitespace()
            .find(|w| w.ends_with('%'))
            .unwrap()
            .trim_end_matches('%')
            .parse::<f64>()
            .unwrap()
    };
    (last("recall NEO:"), last("recall:"), last("precision:"))
}

/// `extract --eval GOLD TEXTS`: the report and its last three numbers.
fn eval(gold: &str, texts: &str) -> (String, (f64, f64, f64)) {
    let out = kazterm()
        .args(["extract", "--eval", gold, texts])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(out).unwrap();
    let numbers = summary(&report);
    (report, numbers)
}

#[test]
fn medical_texts_beyond_endocrinology_score_at_the_aims() {
    let gold = Path::new("../shared/gold/medical_dev/gold");
    if !gold.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        return;
    }
    // Each gold file is paired with the text of the same name.
    let (report, (neo, all, precision)) = eval(
        "../shared/gold/medical_dev/gold",
        "../shared/gold/medical_dev/texts",
    );
    assert!(report.contains("== all 6 files"), "{report}");
    assert!(neo >= 85.0, "{report}");
    assert!(all >= 65.0, "{report}");
    assert!(precision >= 80.0, "{report}");
}

/// Our own texts with gold, each with the figures it must not fall below
/// (NEO recall, recall, precision):
///
/// - `general_medicine`: ten sentences on heart, stomach, kidneys, blood,
///   bones, lungs, microbes, liver and nerves; its first-run misses were
///   worked on as classes;
/// - `organ_systems`: ten sentences on eye, skin, gynaecology, kidneys,
///   heart, nerves, blood, bowel and joints, annotated before the extractor
///   ever saw them and never tuned on (first run 94.1, 82.6, 82.6; changes
///   made for other texts later brought precision to 76.0: шырышты қабық,
///   ішкі бет are phrases its gold does not list);
/// - `endocrine_more`: eight endocrine sentences (first run 84.6, 80.0,
///   95.2; its misses then fixed as classes: феохромоцитома, eponyms before
///   a disease head, бета-жасуша, қысым among the heads).
#[test]
fn our_own_texts_hold_their_scores() {
    for (name, min) in [
        ("general_medicine", (85.0, 80.0, 85.0)),
        ("organ_systems", (85.0, 75.0, 75.0)),
        ("endocrine_more", (90.0, 90.0, 90.0)),
    ] {
        let (report, (neo, all, precision)) = eval(
            &format!("tests/data/{name}.gold.tsv"),
            &format!("tests/data/{name}.kk.txt"),
        );
        assert!(
            neo >= min.0 && all >= min.1 && precision >= min.2,
            "{name}: {report}"
        );
    }
}

#[test]
fn a_gold_file_without_its_text_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.tsv", "b.tsv"] {
        fs::write(dir.path().join(name), "surface\tlemma_kk\tcategory\n").unwrap();
    }
    kazterm()
        .args(["extract", "--eval"])
        .arg(dir.path())
        .arg(CORPUS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no input named a.*"));
}

/// Extract from a text of our own, as rows.
fn terms_of(text: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    fs::write(&path, text).unwrap();
    terms(&[path.to_str().unwrap()])
}

fn lemmas(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["lemma"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn greek_and_latin_rooted_words_of_every_organ_system() {
    let rows = terms_of(
        "Науқаста бронхит, кейін плеврит дамыды. Гастроскопия асқазанды тексереді. \
         Қанда эритроциттер азайса, анемия болады. Остеохондроз омыртқаны зақымдайды.\n",
    );
    for (lemma, category) in [
        ("бронхит", "disease"),
        ("плеврит", "disease"),
        ("гастроскопия", "procedure"),
        ("эритроцит", "cell"),
        ("анемия", "condition"),
        ("остеохондроз", "disease"),
    ] {
        assert_eq!(find(&rows, lemma)["category"], category, "{lemma}");
        assert_eq!(find(&rows, lemma)["origin"], "neoclassical", "{lemma}");
    }
}

#[test]
fn ordinary_words_loans_and_names_are_not_terms() {
    let rows = terms_of(
        "Антон телефон арқылы кредит туралы диалог жүргізді. Колхоз филиалы полигонда апат болған соң \
         сомасы белгісіз. Демалатын күні теміржол вокзалына барды.\n",
    );
    assert!(rows.is_empty(), "{:?}", lemmas(&rows));
}

#[test]
fn noun_phrases_are_chunked_by_grammar() {
    let rows = terms_of(
        "Иммундық жүйе инфекциялық ауруға қарсы тұрады. Қан плазмасында нәруыз бар. \
         Йод тапшылығы жиі кездеседі. Бұл және сол жасушалар.\n",
    );
    let got = lemmas(&rows);
    for want in [
        "иммундық жүйе",
        "инфекциялық ауру",
        "қан плазмасы",
        "йод тапшылығы",
    ] {
        assert!(got.iter().any(|l| l == want), "{want} in {got:?}");
    }
    // No conjunction, pronoun or determiner enters a phrase, and an
    // adjective is not a term beside its phrase.
    assert!(
        got.iter().all(|l| !l.starts_with("және")
            && !l.starts_with("бұл")
            && !l.starts_with("сол")
            && l != "иммундық"
            && l != "инфекциялық"),
        "{got:?}"
    );
}

#[test]
fn latin_script_is_an_etymon_only_where_the_text_quotes_it() {
    let rows = terms_of(
        "WHO мен COVID-19 туралы HLA және T3 деректері. Helicobacter pylori асқазанда тіршілік етеді. \
         Жүрек ұшы (apex cordis) төмен қарайды.\n",
    );
    let got = lemmas(&rows);
    for code in ["WHO", "COVID-19", "HLA", "T3", "apex", "cordis"] {
        assert!(!got.iter().any(|l| l == code), "{code} in {got:?}");
    }
    assert_eq!(find(&rows, "Helicobacter pylori")["category"], "organism");
    let apex = find(&rows, "apex cordis");
    assert_eq!(apex["category"], "etymon");
    assert_eq!(apex["headword"], "Жүрек ұшы");
}

#[test]
fn abbreviations_defined_in_brackets_count_for_their_long_form() {
    let rows = terms_of(
        "Науқаста созылмалы бүйрек жеткіліксіздігі (СБЖ) анықталды. СБЖ-ның себебі белгісіз, СБЖ емделеді.\n",
    );
    let t = find(&rows, "созылмалы бүйрек жеткіліксіздігі");
    assert_eq!(t["count"], 3);
    let surfaces = t["surfaces"].as_array().unwrap();
    assert!(surfaces.contains(&"СБЖ-ның".into()), "{surfaces:?}");
}

#[test]
fn lettered_terms_and_their_spellings_are_one_term() {
    let rows = terms_of(
        "Т -лимфоциттер тимуста жетіледі, ал В – лимфоциттерге антидене тән. T-лимфоцит белсенді.\n\
         Түрлері: А – эозинофил, Б - нейтрофил, В - базофил.\n",
    );
    let t = find(&rows, "Т-лимфоцит");
    assert_eq!(t["count"], 2, "Latin T is the Cyrillic Т: {t}");
    assert!(rows.iter().any(|r| r["lemma"] == "В-лимфоцит"));
    // Letters that enumerate a list are labels, not parts of names.
    assert!(!lemmas(&rows)
        .iter()
        .any(|l| l == "А-эозинофил" || l == "Б-нейтрофил"));
    assert_eq!(find(&rows, "эозинофил")["category"], "cell");
}

#[test]
fn the_accusative_of_a_hormone_is_not_an_adjective() {
    let rows = terms_of("Инсулинді ұйқы безінің жасушалары бөледі.\n");
    let got = lemmas(&rows);
    assert!(got.contains(&"инсулин".to_string()), "{got:?}");
    assert!(got.contains(&"ұйқы безі".to_string()), "{got:?}");
    assert!(!got.iter().any(|l| l.starts_with("инсулинді")), "{got:?}");
    assert_eq!(find(&rows, "инсулин")["category"], "hormone");
}

#[test]
fn tsv_is_plain_even_when_a_term_crosses_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    fs::write(&path, "Шумақ\nкапсуласы «сүзгі» қызметін атқарады.\n").unwrap();
    let out = kazterm()
        .args(["extract", "--format", "tsv"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("шумақ капсуласы\t"), "{text}");
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 9, "{line:?}");
        for field in line.split('\t') {
            assert!(!field.starts_with('"'), "no CSV quoting: {line:?}");
        }
    }
}

#[test]
fn the_glossary_carries_abbreviations_and_align_matches_them() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(
        &text,
        "Қанда TSH деңгейі жоғары, ал T4 төмен. ТТГ-ны қайта өлшеді.\n",
    )
    .unwrap();
    let out = kazterm()
        .args([
            "align",
            "--glossary",
            "glossary/endocrine.csv",
            "--format",
            "jsonl",
        ])
        .arg(&text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (form, id) in [
        ("TSH", "hormone.thyrotropin"),
        ("T4", "hormone.thyroxine"),
        ("ТТГ", "hormone.thyrotropin"),
    ] {
        let row = rows
            .iter()
            .find(|r| r["lemma"] == form)
            .unwrap_or_else(|| panic!("{form} in {rows:?}"));
        assert_eq!(row["match"], "abbreviation", "{form}");
        assert_eq!(row["id"], id, "{form}");
    }
}

#[test]
fn gland_phrases_stop_at_discourse_words_participles_abbreviations_and_subjects() {
    let rows = terms_of(
        "Мысалы, қалқанша без гормон бөледі. Мойында орналасқан қалқанша без үлкен. \
         Сілекей, тер т.б. бездер бар. Ол ұйқы безі мен бүйрекүсті бездерін зерттеді. \
         Сондай-ақ жыныс бездері де бар. Дәрігер қалқанша безді тексерді.\n",
    );
    let got = lemmas(&rows);
    for want in ["қалқанша без", "ұйқы безі", "бүйрекүсті безі", "жыныс безі"]
    {
        assert!(got.iter().any(|l| l == want), "{want} in {got:?}");
    }
    for l in &got {
        for intruder in [
            "мысалы",
            "орналасқан",
            "т.б.",
            "сондай-ақ",
            "дәрігер",
            "безі безі",
        ] {
            assert!(!l.contains(intruder), "{l} in {got:?}");
        }
    }
}

#[test]
fn clinical_qualifiers_name_kinds_of_a_condition() {
    let rows = terms_of(
        "Науқаста құрғақ жөтел мен жедел панкреатит, кейін қатерлі ісік анықталды. \
         Қауіпті ауру мен қарапайым пневмония да кездеседі.\n",
    );
    let got = lemmas(&rows);
    for want in ["құрғақ жөтел", "жедел панкреатит", "қатерлі ісік"]
    {
        assert!(got.iter().any(|l| l == want), "{want} in {got:?}");
    }
    // Evaluative adjectives stay out.
    assert!(
        !got.iter()
            .any(|l| l.starts_with("қауіпті") || l.starts_with("қарапайым")),
        "{got:?}"
    );
}

#[test]
fn spelling_variants_are_one_term_under_the_commoner_spelling() {
    let rows = terms_of("Бактериялар мен бактериалар және бактериялардың түрлері.\n");
    let t = find(&rows, "бактерия");
    assert_eq!(t["count"], 3);
    assert!(t["surfaces"]
        .as_array()
        .unwrap()
        .contains(&"бактериалар".into()));
    assert!(!lemmas(&rows).iter().any(|l| l == "бактериа"));
}
