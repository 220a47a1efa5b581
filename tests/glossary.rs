//! `kazterm glossary` and `kazterm align`: validation, TBX checked by the
//! official schemas and translate-toolkit, round trips, alignment.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const GLOSSARY: &str = "glossary/endocrine.csv";

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(
        kazterm()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap()
}

#[test]
fn the_shipped_glossary_validates_clean() {
    kazterm()
        .args(["glossary", "validate", GLOSSARY])
        .assert()
        .success()
        .stdout(predicate::str::contains("152 concepts, 0 problems"));
}

#[test]
fn a_broken_glossary_gets_every_problem_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        "id,kk,kk_variants,kk_deprecated,la,en,en_variants,category,etymology,note,source\n\
         gland.thyroid,қалқанша без,,,glandula thyroidea,thyroid gland,,gland,,,\n\
         gland.thyroid,қалқанша маңы безі,,,,parathyroid gland,,gland,,,\n\
         hormone.x,,,,,,,hormone,,,\n\
         hormone.y,гормoн,,,,,,organ,,,\n\
         gland.z,тимус,қалқанша без,,,,,gland,,,\n\
         short,row\n",
    )
    .unwrap();
    let out = kazterm()
        .args(["glossary", "validate"])
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let name = bad.display().to_string();
    for expected in [
        format!("{name}:1:0: missing column `grc`"),
        format!("{name}:3:1: duplicate id `gland.thyroid` (first on line 2)"),
        format!("{name}:4:2: empty `kk`"),
        format!("{name}:5:2: `гормoн` mixes scripts"),
        format!("{name}:5:8: unknown category `organ`"),
        format!("{name}:6:3: `қалқанша без` is also a form of `gland.thyroid` (line 2)"),
        format!("{name}:7:0: expected 11 fields, found 2"),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn an_unreadable_glossary_exits_2() {
    kazterm()
        .args(["glossary", "validate", "no/such.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such.csv"));
}

/// Runs the shared TBX verifier; None when it is not set up here (never in CI).
fn verify_tbx(file: &Path, extra: &[&str]) -> Option<serde_json::Value> {
    let mut args = vec![file.to_str().expect("a UTF-8 temporary path")];
    args.extend_from_slice(extra);
    common::verify("verify_tbx.py", &args)
}

#[test]
fn tbx_basic_passes_the_official_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("endocrine.tbx");
    kazterm()
        .args(["glossary", "export", "--format", "tbx", "--out"])
        .arg(&tbx)
        .arg(GLOSSARY)
        .assert()
        .success();
    let Some(report) = verify_tbx(
        &tbx,
        &["--expect-concepts", "152", "--expect-langs", "kk,la,en"],
    ) else {
        return;
    };
    assert_eq!(report["ok"], true);
    assert_eq!(report["relaxng"]["valid"], true);
    assert_eq!(report["schematron"]["failed"], 0);
    assert_eq!(report["structure"]["concepts"], 152);
}

#[test]
fn tbx_v2_is_read_by_translate_toolkit() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("endocrine_v2.tbx");
    kazterm()
        .args(["glossary", "export", "--format", "tbx2", "--out"])
        .arg(&tbx)
        .arg(GLOSSARY)
        .assert()
        .success();
    let Some(report) = verify_tbx(&tbx, &["--allow-v2", "--require-translate-toolkit"]) else {
        return;
    };
    assert_eq!(report["translate_toolkit"]["readable"], true);
    assert_eq!(report["translate_toolkit"]["units"], 152);
    assert_eq!(report["translate_toolkit"]["sample"][0]["source"], "без");
}

#[test]
fn csv_to_tbx_to_csv_gives_the_rows_back_in_both_flavours() {
    let dir = tempfile::tempdir().unwrap();
    // A user's extra column must survive too.
    let mut text = fs::read_to_string(GLOSSARY).unwrap();
    text = text.replacen(
        "category,etymology,note,source\n",
        "category,etymology,note,source,reviewer\n",
        1,
    );
    let text: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("{l},{}\n", if i % 7 == 0 { "Айгүл" } else { "" })
            }
        })
        .collect();
    let original = dir.path().join("g.csv");
    fs::write(&original, &text).unwrap();
    for flavour in ["tbx", "tbx2"] {
        let tbx = dir.path().join(format!("g.{flavour}"));
        let back = dir.path().join(format!("back_{flavour}.csv"));
        kazterm()
            .args(["glossary", "export", "--format", flavour, "--out"])
            .arg(&tbx)
            .arg(&original)
            .assert()
            .success();
        kazterm()
            .args(["glossary", "import", "--out"])
            .arg(&back)
            .arg(&tbx)
            .assert()
            .success();
        let again = fs::read_to_string(&back).unwrap();
        assert_eq!(again, text, "{flavour}");
    }
}

#[test]
fn omegat_and_tsv_exports() {
    let omegat = stdout(&["glossary", "export", "--format", "omegat", GLOSSARY]);
    assert!(omegat
        .lines()
        .any(|l| l
            == "thyroid gland\tқалқанша без\tla: glandula thyroidea; gland; also: қалқанша безі"));
    assert!(omegat
        .lines()
        .any(|l| l.starts_with("growth hormone\tсоматотропин\t")));
    let tsv = stdout(&["glossary", "export", "--format", "tsv", GLOSSARY]);
    assert!(
        tsv.starts_with("id\tkk\tkk_variants\tkk_deprecated\tla\tgrc\ten\ten_variants\tcategory")
    );
    assert_eq!(tsv.lines().count(), 153);
}

#[test]
fn a_bad_tbx_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tbx");
    fs::write(&bad, "<tbx>\n<text><body><conceptEntry id='a'></body>\n").unwrap();
    kazterm()
        .args(["glossary", "import"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tbx:").and(predicate::str::contains("well-formed")));
}

#[test]
fn align_matches_inflected_glands_hormones_and_etymons() {
    let out = stdout(&[
        "align",
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
        "corpus/",
    ]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let row = |lemma: &str| {
        rows.iter()
            .find(|r| r["lemma"] == lemma)
            .unwrap_or_else(|| panic!("{lemma}"))
    };
    for (lemma, id, how) in [
        ("гипофиз", "gland.pituitary", "exact"),
        ("қалқанша без", "gland.thyroid", "exact"),
        ("бүйрекүсті безі", "gland.adrenal", "lemma"),
        ("жыныс безі", "gland.gonad", "lemma"),
        ("ұйқы безі", "gland.pancreas", "exact"),
        ("айырша без", "gland.thymus", "variant"),
        ("эпифиз", "gland.pineal", "lemma"),
        ("гормон", "hormone.generic", "exact"),
        ("өсу гормоны", "hormone.somatotropin", "variant"),
        ("тироксин", "hormone.thyroxine", "exact"),
        ("акромегалия", "disease.acromegaly", "exact"),
        ("glandula", "gland.generic", "etymon"),
        ("endon", "etymon.endon", "etymon"),
        ("krino", "etymon.krino", "etymon"),
    ] {
        let r = row(lemma);
        assert_eq!(r["id"], id, "{lemma}");
        assert_eq!(r["match"], how, "{lemma}");
    }
    assert!(row("гипофиз")["surfaces"]
        .as_str()
        .unwrap()
        .contains("Гипофиздің"));
}

#[test]
fn align_finds_folded_and_fuzzy_forms_and_suggests_new_rows() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(
        &text,
        "Калканша без тироксин бөледі. Гипофиздин гиперфункцясы. Остеомиелит ауруы сирек.\n",
    )
    .unwrap();
    let suggest = dir.path().join("new.csv");
    let out = kazterm()
        .args(["align", "--glossary", GLOSSARY, "--suggest"])
        .arg(&suggest)
        .arg(&text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.lines()
            .any(|l| l.starts_with("калканша безі\tgland\tfolded\t0\tgland.thyroid")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("гиперфункция\tcondition\tlemma\t0\tcondition.hyperfunction")),
        "{out}"
    );
    let proposals = fs::read_to_string(&suggest).unwrap();
    assert!(proposals.starts_with("id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category"));
    assert!(proposals.contains("остеомиелит"), "{proposals}");
    // The glossary itself is untouched and never a suggestion target.
    kazterm()
        .args(["align", "--glossary", GLOSSARY, "--suggest", GLOSSARY])
        .arg(&text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write an output over an input",
        ));
}

#[test]
fn short_forms_are_abbreviations_in_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("g.tbx");
    kazterm()
        .args(["glossary", "export", "--format", "tbx", "--out"])
        .arg(&tbx)
        .arg(GLOSSARY)
        .assert()
        .success();
    let text = fs::read_to_string(&tbx).unwrap();
    for short in ["ТТГ", "TSH"] {
        let at = text.find(&format!("<term>{short}</term>")).unwrap();
        let after = &text[at..at + 200];
        assert!(
            after.contains(r#"<termNote type="termType">abbreviation</termNote>"#),
            "{after}"
        );
    }
    // A full form is not marked.
    let at = text.find("<term>тиреотропин</term>").unwrap();
    assert!(!text[at..at + 150].contains("termType"));
}

#[test]
fn every_command_refuses_a_glossary_it_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let header =
        "id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source\n";
    let cases = [
        ("prose.csv", "Бұл жай мәтін, глоссарий емес.\nЕкінші жол.\n".to_string(), "missing column `id`"),
        ("empty.csv", String::new(), "missing column `id`"),
        ("header_only.csv", header.to_string(), "no concepts"),
        (
            "no_kk.csv",
            "id,la,en,category\ngland.thyroid,glandula thyroidea,thyroid gland,gland\n".to_string(),
            "missing column `kk`",
        ),
        (
            // One stray quote swallows the rows after it.
            "stray_quote.csv",
            format!("{header}gland.thyroid,\"қалқанша без,,,glandula thyroidea,,thyroid gland,,gland,,,\ngland.pineal,эпифиз,,,glandula pinealis,,pineal gland,,gland,,,\n"),
            "an unbalanced quote?",
        ),
        (
            "two_kk.csv",
            "id,kk,kk,la,en,category\ngland.thyroid,қалқанша без,қалқанша,glandula thyroidea,thyroid gland,gland\n".to_string(),
            "duplicate column `kk` (also column 2)",
        ),
    ];
    let text = dir.path().join("t.txt");
    fs::write(&text, "Қалқанша без гормон бөледі.\n").unwrap();
    let terms = dir.path().join("terms.tsv");
    fs::write(&terms, "term\tcount\nқалқанша без\t1\n").unwrap();
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        fs::write(&path, content).unwrap();
        let g = path.to_str().unwrap();
        let out = dir.path().join("out");
        let deck = out.join("d.apkg");
        let commands: Vec<Vec<&str>> = vec![
            vec!["check", "--glossary", g, text.to_str().unwrap()],
            vec!["align", "--glossary", g, terms.to_str().unwrap()],
            vec!["anki", "--glossary", g, "--out", deck.to_str().unwrap()],
            vec![
                "run",
                "--glossary",
                g,
                "--out",
                out.to_str().unwrap(),
                text.to_str().unwrap(),
            ],
            vec!["glossary", "export", "--format", "tbx", g],
        ];
        for args in commands {
            kazterm()
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("not a usable glossary"))
                .stderr(predicate::str::contains(expected));
        }
        // validate lists the problems and says they are fatal.
        kazterm()
            .args(["glossary", "validate", g])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("make it unusable"));
    }
}

#[test]
fn suggested_rows_validate_with_transliterated_ids_and_proposals_by_rule() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    // New terms: a native anatomical word (өкпе), Greek- and Latin-rooted
    // words, a quoted etymon with its gloss (лат. pulmo — өкпе) and one
    // without (лат. cor).
    fs::write(
        &text,
        "Өкпе (лат. pulmo — өкпе) тыныс алу мүшесі. Гепатит пен миокард зақымдалды. \
         Гипертония мен лимфаденопатия жиі кездеседі. Жүрек (лат. cor) кеуде қуысында.\n",
    )
    .unwrap();
    let suggest = dir.path().join("new.csv");
    kazterm()
        .args(["align", "--glossary", GLOSSARY, "--suggest"])
        .arg(&suggest)
        .arg(&text)
        .assert()
        .success();
    kazterm()
        .args(["glossary", "validate"])
        .arg(&suggest)
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 problems"));
    let mut reader = csv::Reader::from_path(&suggest).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = |kk: &str| rows.iter().find(|r| &r[1] == kk).cloned();
    // Ids keep every Kazakh letter in the 2021 Latin alphabet.
    let lung = row("өкпе").expect("өкпе proposed");
    assert!(lung[0].ends_with(".ökpe"), "{:?}", &lung[0]);
    for (kk, la, en) in [
        ("гепатит", "hepatitis", "hepatitis"),
        ("миокард", "myocardium", "myocardium"),
        ("гипертония", "hypertonia", "hypertension"),
        ("лимфаденопатия", "lymphadenopathia", "lymphadenopathy"),
    ] {
        let r = row(kk).unwrap_or_else(|| panic!("{kk} not proposed"));
        assert_eq!((&r[4], &r[6]), (la, en), "{kk}");
    }
    // No row has a Latin word as its Kazakh term.
    assert!(rows
        .iter()
        .all(|r| !r[1].chars().any(|c| c.is_ascii_alphabetic())));
}

#[test]
fn tbx_import_checks_languages_and_gives_missing_ids() {
    let dir = tempfile::tempdir().unwrap();
    let wrap = |body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><tbxHeader><fileDesc><sourceDesc><p>hand</p></sourceDesc></fileDesc></tbxHeader><text><body>{body}</body></text></tbx>\n"
        )
    };
    // A converter that lost the languages: exit 2, naming what it found.
    let lost = dir.path().join("lost.tbx");
    fs::write(
        &lost,
        wrap("<conceptEntry id=\"c1\"><langSec xml:lang=\"xx\"><termSec><term>без</term></termSec></langSec><langSec xml:lang=\"en\"><termSec><term>gland</term></termSec></langSec></conceptEntry>"),
    )
    .unwrap();
    let out = dir.path().join("lost.csv");
    kazterm()
        .args(["glossary", "import", "--out"])
        .arg(&out)
        .arg(&lost)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no Kazakh (kk) terms"))
        .stderr(predicate::str::contains("xx, en"));
    assert!(!out.exists());
    // Regional tags, entries without ids or without a preferred Kazakh term.
    let loose = dir.path().join("loose.tbx");
    fs::write(
        &loose,
        wrap("<conceptEntry><langSec xml:lang=\"kk-KZ\"><termSec><term>қалқанша без</term></termSec></langSec><langSec xml:lang=\"en-GB\"><termSec><term>thyroid gland</term></termSec></langSec></conceptEntry>\
              <conceptEntry><langSec xml:lang=\"kk-KZ\"><termSec><term>эпифиз</term><termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote></termSec></langSec><langSec xml:lang=\"la\"><termSec><term>glandula pinealis</term></termSec></langSec></conceptEntry>\
              <conceptEntry id=\"x1\"><langSec xml:lang=\"en\"><termSec><term>orphan</term></termSec></langSec></conceptEntry>"),
    )
    .unwrap();
    let csv_out = dir.path().join("loose.csv");
    kazterm()
        .args(["glossary", "import", "--out"])
        .arg(&csv_out)
        .arg(&loose)
        .assert()
        .success()
        .stderr(predicate::str::contains("`concept.thyroid_gland` given"))
        .stderr(predicate::str::contains(
            "no preferred Kazakh term: `эпифиз` taken",
        ))
        .stderr(predicate::str::contains(
            "entry `x1` has no Kazakh term: left out",
        ));
    kazterm()
        .args(["glossary", "validate"])
        .arg(&csv_out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 concepts, 0 problems"));
    let text = fs::read_to_string(&csv_out).unwrap();
    assert!(text.contains("concept.glandula_pinealis,эпифиз"), "{text}");
}
