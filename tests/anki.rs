//! `kazterm anki`: decks checked by the real Anki importer
//! (`../shared/tools/verify_apkg.py`, `verify_anki_txt.py`).

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const GLOSSARY: &str = "glossary/endocrine.csv";

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

#[test]
fn the_deck_from_glossary_and_corpus_imports_into_anki() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("endocrine.apkg");
    kazterm()
        .args([
            "anki",
            "--glossary",
            GLOSSARY,
            "--corpus",
            "corpus/",
            "--out",
        ])
        .arg(&deck)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 152 notes"));
    let Some(r) = common::verify(
        "verify_apkg.py",
        &[
            deck.to_str().unwrap(),
            "--expect-notes",
            "152",
            "--expect-deck",
            "Kazakh endocrine terms::Glands",
            "--reimport",
            "--samples",
            "200",
        ],
    ) else {
        return;
    };
    assert_eq!(r["ok"], true);
    assert_eq!(r["import"]["new"], 152);
    assert_eq!(r["reimport"]["stable"], true);
    assert_eq!(r["reimport"]["notes_after"], 152);
    let notetype = &r["collection"]["notetypes"][0];
    assert_eq!(notetype["name"], "kazterm term");
    assert_eq!(
        notetype["fields"],
        serde_json::json!([
            "Kazakh",
            "Latin",
            "Greek",
            "English",
            "Category",
            "Etymology",
            "Example",
            "Source"
        ])
    );
    let decks: Vec<&str> = r["collection"]["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    for sub in [
        "Glands",
        "Hormones",
        "Diseases",
        "Conditions",
        "Anatomy",
        "Substances",
        "Etymons",
        "Other",
    ] {
        assert!(
            decks.contains(&format!("Kazakh endocrine terms::{sub}").as_str()),
            "{sub}: {decks:?}"
        );
    }
    let tags = r["collection"]["tags"].as_array().unwrap();
    assert!(
        tags.contains(&"kazterm::gland".into()) && tags.contains(&"origin::neoclassical".into()),
        "{tags:?}"
    );
    let notes = r["collection"]["sample_notes"].as_array().unwrap();
    let thyroid = notes
        .iter()
        .find(|n| n["fields"]["Kazakh"] == "қалқанша без")
        .unwrap();
    // The first sentence with the thyroid: the elliptic list of glands.
    let example = thyroid["fields"]["Example"].as_str().unwrap();
    assert!(
        example.contains("шеткі эндокринді бездерге: <b>қалқанша</b>, қалқанша маңы"),
        "{example}"
    );
    assert_eq!(
        thyroid["fields"]["Source"],
        "corpus/endocrine_glands.kk.txt:1"
    );
    assert_eq!(thyroid["fields"]["Latin"], "glandula thyroidea");
}

#[test]
fn only_found_concepts_with_cloze_cards() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("found.apkg");
    kazterm()
        .args([
            "anki",
            "--glossary",
            GLOSSARY,
            "--corpus",
            "corpus/",
            "--only-found",
            "--cards",
            "kk-en,en-kk,cloze",
            "--out",
        ])
        .arg(&deck)
        .assert()
        .success();
    let Some(r) = common::verify("verify_apkg.py", &[deck.to_str().unwrap(), "--reimport"]) else {
        return;
    };
    assert_eq!(r["ok"], true, "{r:#}");
    let types: Vec<(String, u64)> = r["collection"]["notetypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["notes"].as_u64().unwrap(),
            )
        })
        .collect();
    let term_notes = types.iter().find(|t| t.0 == "kazterm term").unwrap().1;
    let cloze_notes = types.iter().find(|t| t.0 == "kazterm cloze").unwrap().1;
    assert!(term_notes > 40 && term_notes < 152, "{types:?}");
    assert_eq!(cloze_notes, term_notes);
    // In order of first appearance: the first note is the first term of the text.
    let first = &r["collection"]["sample_notes"][0];
    assert_eq!(first["fields"]["Kazakh"], "эндокринді без");
}

#[test]
fn text_files_import_with_our_note_type_and_with_basic() {
    let dir = tempfile::tempdir().unwrap();
    let apkg = dir.path().join("d.apkg");
    let txt = dir.path().join("d.txt");
    let basic = dir.path().join("basic.txt");
    kazterm()
        .args(["anki", "--glossary", GLOSSARY, "--out"])
        .arg(&apkg)
        .assert()
        .success();
    kazterm()
        .args([
            "anki",
            "--glossary",
            GLOSSARY,
            "--corpus",
            "corpus/",
            "--notetype",
            "kazterm",
            "--out",
        ])
        .arg(&txt)
        .assert()
        .success();
    kazterm()
        .args(["anki", "--glossary", GLOSSARY, "--out"])
        .arg(&basic)
        .assert()
        .success();
    let text = fs::read_to_string(&txt).unwrap();
    assert!(text.starts_with("#separator:tab\n#html:true\n#notetype:kazterm term\n#guid column:1\n#deck column:2\n#tags column:11\n"));
    // By default the file names Basic, which a fresh collection has.
    let default = fs::read_to_string(&basic).unwrap();
    assert!(default.starts_with("#separator:tab\n#html:true\n#notetype:Basic\n"));
    let Some(r) = common::verify(
        "verify_anki_txt.py",
        &[
            txt.to_str().unwrap(),
            "--with-apkg",
            apkg.to_str().unwrap(),
            "--reimport",
        ],
    ) else {
        return;
    };
    assert_eq!(r["ok"], true, "{r:#}");
    let Some(r) = common::verify(
        "verify_anki_txt.py",
        &[
            basic.to_str().unwrap(),
            "--expect-notes",
            "152",
            "--reimport",
        ],
    ) else {
        return;
    };
    assert_eq!(r["ok"], true, "{r:#}");
    assert_eq!(r["import"]["new"], 152);
}

#[test]
fn rows_without_english_escaped_fields_and_stable_guids() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    fs::write(
        &g,
        "id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source\n\
         gland.thyroid,қалқанша без,,,glandula thyroidea,,thyroid gland,,gland,,\"size < 30 g & soft\",\n\
         other.x,сөз,,,,,,,other,,,\n",
    )
    .unwrap();
    let deck = dir.path().join("small.apkg");
    kazterm()
        .args(["anki", "--glossary"])
        .arg(&g)
        .arg("--out")
        .arg(&deck)
        .assert()
        .success();
    let Some(r) = common::verify(
        "verify_apkg.py",
        &[
            deck.to_str().unwrap(),
            "--expect-notes",
            "2",
            "--expect-cards",
            "3",
        ],
    ) else {
        return;
    };
    assert_eq!(r["ok"], true, "{r:#}");
    let notes = r["collection"]["sample_notes"].as_array().unwrap();
    let thyroid = notes
        .iter()
        .find(|n| n["fields"]["Kazakh"] == "қалқанша без")
        .unwrap();
    assert_eq!(thyroid["fields"]["Etymology"], "size &lt; 30 g &amp; soft");
    let guids = r["collection"]["guids"].as_array().unwrap().clone();
    // The same ids give the same GUIDs whatever else changes.
    fs::write(
        &g,
        "id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source\n\
         other.x,сөздер,,,,,word,,other,,,\n\
         gland.thyroid,қалқанша без,,,glandula thyroidea,,thyroid,,gland,,,\n",
    )
    .unwrap();
    let deck2 = dir.path().join("small2.apkg");
    kazterm()
        .args(["anki", "--glossary"])
        .arg(&g)
        .arg("--out")
        .arg(&deck2)
        .assert()
        .success();
    let Some(r2) = common::verify("verify_apkg.py", &[deck2.to_str().unwrap()]) else {
        return;
    };
    let mut a: Vec<String> = guids
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut b: Vec<String> = r2["collection"]["guids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn bad_outputs_and_duplicate_ids_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    kazterm()
        .args(["anki", "--glossary", GLOSSARY, "--out"])
        .arg(dir.path().join("missing").join("d.apkg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing/d.apkg"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    let g = dir.path().join("dup.csv");
    fs::write(
        &g,
        "id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source\n\
         a,без,,,,,gland,,gland,,,\n\
         a,гормон,,,,,hormone,,hormone,,,\n",
    )
    .unwrap();
    kazterm()
        .args(["anki", "--glossary"])
        .arg(&g)
        .arg("--out")
        .arg(dir.path().join("d.apkg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "dup.csv:3:1: duplicate id `a` (first on line 2)",
        ));
    assert!(!dir.path().join("d.apkg").exists());
}

#[test]
fn a_deck_with_an_unknown_extension_is_refused_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["deck.zip", "deck.csv", "deck"] {
        kazterm()
            .args(["anki", "--glossary", GLOSSARY, "--out"])
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(".apkg (an Anki package) or .txt"));
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn deck_presets_import_with_anki_and_the_default_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("d.apkg");
    kazterm()
        .args(["anki", "--glossary", GLOSSARY, "--out"])
        .arg(&deck)
        .assert()
        .success();
    // "Import deck presets" (with_deck_configs) reads the configuration the
    // decks name; without one Anki stops with "No such deck config: '1'".
    let script = r#"
import os, sys, tempfile
from anki.collection import Collection, ImportAnkiPackageRequest
col = Collection(os.path.join(tempfile.mkdtemp(), "c.anki2"))
options = col._backend.get_import_anki_package_presets()
options.with_deck_configs = True
options.with_scheduling = True
result = col.import_anki_package(ImportAnkiPackageRequest(package_path=sys.argv[1], options=options))
print(len(result.log.new), col.decks.get_config(1)["new"]["perDay"])
col.close()
"#;
    let Some(out) = common::anki_python(script, &[deck.to_str().unwrap()]) else {
        return;
    };
    assert_eq!(out.trim(), "152 20");
}

#[test]
fn a_rebuild_imports_as_duplicates_and_a_changed_concept_updates_only_its_note() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    fs::copy(GLOSSARY, &g).unwrap();
    let build = |out: &Path| {
        kazterm()
            .args(["anki", "--glossary"])
            .arg(&g)
            .arg("--out")
            .arg(out)
            .assert()
            .success();
    };
    let first = dir.path().join("first.apkg");
    let again = dir.path().join("again.apkg");
    build(&first);
    build(&again);
    // Unchanged inputs: the same bytes, and Anki sees only duplicates.
    assert_eq!(fs::read(&first).unwrap(), fs::read(&again).unwrap());
    let log = |a: &Path, b: &Path| {
        common::verify(
            "verify_apkg.py",
            &[a.to_str().unwrap(), "--then", b.to_str().unwrap()],
        )
        .map(|r| r["then"].clone())
    };
    let Some(then) = log(&first, &again) else {
        return;
    };
    assert_eq!(then["log"]["updated"], 0, "{then:#}");
    assert_eq!(then["log"]["duplicate"], 152, "{then:#}");
    // One concept edited (a later modification time), rebuilt over the
    // earlier deck: only its note is newer.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let text = fs::read_to_string(&g)
        .unwrap()
        .replace(",thyroid gland,", ",thyroid gland (glandula thyroidea),");
    fs::write(&g, text).unwrap();
    build(&again);
    let then = log(&first, &again).unwrap();
    assert_eq!(then["log"]["updated"], 1, "{then:#}");
    assert_eq!(then["log"]["duplicate"], 151, "{then:#}");
}

#[test]
fn a_category_with_spaces_is_one_tag() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    fs::write(
        &g,
        "id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source\n\
         gland.thyroid,қалқанша без,,,glandula thyroidea,,thyroid gland,,\"gland marked\tnew\",,,\n",
    )
    .unwrap();
    let txt = dir.path().join("d.txt");
    kazterm()
        .args(["anki", "--glossary"])
        .arg(&g)
        .arg("--out")
        .arg(&txt)
        .assert()
        .success();
    let text = fs::read_to_string(&txt).unwrap();
    let row = text.lines().last().unwrap();
    assert!(
        row.ends_with("\t\"kazterm::gland_marked_new origin::kk\""),
        "{row}"
    );
}
