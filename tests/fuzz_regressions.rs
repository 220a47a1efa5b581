//! Replays on stable what the fuzzers (`fuzz/`, `scripts/fuzz.sh`) found:
//! every file under `tests/data/fuzz/TARGET/` goes through the same entry
//! point as the fuzz target TARGET (`kazterm::fuzz::run`) and must come
//! back without a panic. The project's own data goes through every entry
//! point too, so each is exercised even before anything was found.

use std::fs;
use std::path::Path;

#[test]
fn every_fuzz_find_is_answered_without_a_panic() {
    let root = Path::new("tests/data/fuzz");
    let Ok(targets) = fs::read_dir(root) else {
        return;
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        if !target.path().is_dir() {
            continue;
        }
        for case in fs::read_dir(target.path()).unwrap().flatten() {
            let data = fs::read(case.path()).unwrap();
            assert!(
                kazterm::fuzz::run(&name, &data),
                "tests/data/fuzz/{name}: no fuzz target of that name"
            );
        }
    }
}

#[test]
fn the_entry_points_take_the_project_data() {
    let text = fs::read("corpus/endocrine_glands.kk.txt").unwrap();
    for target in ["normalize", "tokenize", "lemma", "extract"] {
        assert!(kazterm::fuzz::run(target, &text));
    }
    assert!(kazterm::fuzz::run(
        "glossary",
        &fs::read("glossary/endocrine.csv").unwrap()
    ));
    for file in ["examples/leaflet.en-kk.xlf", "examples/leaflet.en-kk.tmx"] {
        assert!(kazterm::fuzz::run("bilingual", &fs::read(file).unwrap()));
    }
    assert!(kazterm::fuzz::run(
        "tbx",
        b"<tbx><text><body/></text></tbx>"
    ));
    assert!(kazterm::fuzz::run("merge", b"{\"lemma\":1}\n"));
    assert!(!kazterm::fuzz::run("no-such-target", b""));
}
