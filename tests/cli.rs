//! The `kazterm` command line, run as a user runs it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const CORPUS: &str = "corpus/endocrine_glands.kk.txt";

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

#[test]
fn help_explains_itself_with_examples() {
    kazterm()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("normalize").and(predicate::str::contains("Examples")));
    for sub in ["normalize", "tokenize"] {
        kazterm()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples"));
    }
}

#[test]
fn usage_errors_exit_2() {
    kazterm().arg("frobnicate").assert().code(2);
    kazterm()
        .args(["tokenize", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn normalize_repairs_the_corpus() {
    let out = kazterm()
        .args(["normalize", "corpus/"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\t'));
    assert!(!text.contains("  "));
    assert!(text.contains("krino — бөлу"));
    assert!(text.contains("Бұл — қалқанша безінің ісінуі."));
    assert!(text.ends_with("болады.\n"));
}

#[test]
fn normalize_report_lists_every_change_with_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("changes.jsonl");
    kazterm()
        .args(["normalize", "--report"])
        .arg(&report)
        .arg(CORPUS)
        .assert()
        .success();
    let lines: Vec<serde_json::Value> = fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The noise of shared/gold/seed_anomalies.tsv that a normalizer repairs:
    // a TAB, three double spaces, two EN DASHes, trailing spaces, a blank line.
    let offsets: Vec<(u64, &str)> = lines
        .iter()
        .map(|l| (l["offset"].as_u64().unwrap(), l["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        offsets,
        [
            (173, "whitespace"),
            (1666, "whitespace"),
            (2051, "whitespace"),
            (3276, "dash"),
            (3907, "whitespace"),
            (3951, "dash"),
            (4119, "trailing_whitespace"),
            (4124, "trailing_blank_lines"),
        ]
    );
    let raw = fs::read(CORPUS).unwrap();
    for l in &lines {
        let at = l["offset"].as_u64().unwrap() as usize;
        let before = l["before"].as_str().unwrap().as_bytes();
        assert_eq!(&raw[at..at + before.len()], before);
        assert_eq!(l["file"], CORPUS);
        assert!(l["line"].as_u64().unwrap() >= 1 && l["column"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn lookalikes_and_stand_ins_are_repaired_from_stdin() {
    kazterm()
        .arg("normalize")
        .write_stdin("Гипофиз гормoн бөледі (лат. glаndula). əке, ɵсу, бiлiм\n")
        .assert()
        .success()
        .stdout("Гипофиз гормон бөледі (лат. glandula). әке, өсу, білім\n");
}

#[test]
fn normalize_to_latin_uses_the_2021_alphabet() {
    kazterm()
        .args(["normalize", "--to", "latin"])
        .write_stdin("Қалқанша без тироксин бөледі.\n")
        .assert()
        .success()
        .stdout("Qalqanşa bez tiroksin böledı.\n");
}

#[test]
fn invalid_utf8_exits_2_with_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    let mut bytes = "Гипофиз — без.\nЭпифиз ".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(&[0xD0, 0x20]);
    fs::write(&bad, &bytes).unwrap();
    for sub in ["normalize", "tokenize"] {
        kazterm().arg(sub).arg(&bad).assert().code(2).stderr(
            predicate::str::contains(format!("invalid UTF-8 at byte offset {offset} (line 2)"))
                .and(predicate::str::contains("bad.txt")),
        );
    }
    let report = dir.path().join("r.jsonl");
    kazterm()
        .args(["normalize", "--lossy", "--report"])
        .arg(&report)
        .arg(&bad)
        .assert()
        .success()
        .stdout(predicate::str::contains("Эпифиз \u{fffd}"))
        .stderr(predicate::str::contains(format!(
            "first at byte offset {offset}"
        )));
    let report = fs::read_to_string(report).unwrap();
    assert!(
        report.contains(&format!("\"offset\":{offset},\"line\":2,\"column\":8")),
        "{report}"
    );
    assert!(report.contains("invalid_utf8"));
}

#[test]
fn missing_files_and_empty_folders_are_clear_errors() {
    kazterm()
        .args(["normalize", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::starts_with("kazterm: error: no/such/file.txt:")
                .and(predicate::str::contains("panicked").not()),
        );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "# not text\n").unwrap();
    kazterm()
        .arg("tokenize")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("folder holds no text files"));
}

#[test]
fn an_empty_file_gives_an_empty_result() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    kazterm()
        .arg("normalize")
        .arg(&empty)
        .assert()
        .success()
        .stdout("");
    kazterm()
        .arg("tokenize")
        .arg(&empty)
        .assert()
        .success()
        .stdout("file\tstart\tend\tline\tcolumn\tsentence\tkind\tscript\ttoken\n");
}

#[test]
fn the_report_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("text.txt");
    fs::write(&input, "гормoн\n").unwrap();
    kazterm()
        .args(["normalize", "--report"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write an output over an input",
        ));
    assert_eq!(fs::read_to_string(&input).unwrap(), "гормoн\n");
}

#[test]
fn a_report_in_a_missing_folder_fails_without_stray_files() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("missing").join("r.jsonl");
    kazterm()
        .args(["normalize", "--report"])
        .arg(&report)
        .arg(CORPUS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing/r.jsonl"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn tokenize_tsv_rows_slice_the_source() {
    let out = kazterm()
        .args(["tokenize", CORPUS])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let raw = fs::read_to_string(CORPUS).unwrap();
    let mut rows = text.lines();
    assert_eq!(
        rows.next().unwrap(),
        "file\tstart\tend\tline\tcolumn\tsentence\tkind\tscript\ttoken"
    );
    let mut count = 0;
    for row in rows {
        let f: Vec<&str> = row.split('\t').collect();
        let (start, end): (usize, usize) = (f[1].parse().unwrap(), f[2].parse().unwrap());
        assert_eq!(&raw[start..end], f[8]);
        count += 1;
    }
    assert!(count > 300, "{count}");
    assert!(text.contains("\tnumber\tnone\t0,5-0,65\n"));
    assert!(text.contains("\tunit\tcyrillic\tг-ға\n"));
    assert!(text.contains("\tword\tlatin\tglandula\n"));
}

#[test]
fn tokenize_jsonl_carries_every_field() {
    let out = kazterm()
        .args(["tokenize", "--format", "jsonl", "-"])
        .write_stdin("Без (лат. glandula) бар. Екінші сөйлем.\n")
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
    assert_eq!(rows[2]["text"], "лат.");
    assert_eq!(rows[3]["script"], "latin");
    assert_eq!(rows[3]["file"], "-");
    assert_eq!(rows.last().unwrap()["sentence"], 1);
    for key in ["start", "end", "line", "column", "kind"] {
        assert!(rows[0].get(key).is_some(), "{key}");
    }
}

#[test]
fn folders_are_read_recursively_in_order() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("b")).unwrap();
    fs::write(dir.path().join("b").join("2.txt"), "екінші\n").unwrap();
    fs::write(dir.path().join("a.txt"), "бірінші\n").unwrap();
    fs::write(dir.path().join("skip.csv"), "жоқ\n").unwrap();
    kazterm()
        .arg("normalize")
        .arg(dir.path())
        .assert()
        .success()
        .stdout("бірінші\nекінші\n");
    assert!(Path::new(CORPUS).exists());
}

#[test]
fn glob_chooses_the_files_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("news")).unwrap();
    fs::write(dir.path().join("news").join("a.md"), "гормoн\n").unwrap();
    fs::write(dir.path().join("b.txt"), "без\n").unwrap();
    kazterm()
        .args(["normalize", "--glob", "**/*.md"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("гормон\n");
    kazterm()
        .args(["normalize", "--glob", "*.txt"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("без\n");
    kazterm()
        .args(["normalize", "--glob", "[bad"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a glob pattern"));
}

#[test]
fn input_options_are_offered_only_where_they_do_something() {
    for command in [
        &["glossary", "validate"][..],
        &["merge"],
        &["glossary", "export"],
    ] {
        let help = kazterm()
            .args(command)
            .arg("--help")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let help = String::from_utf8(help).unwrap();
        assert!(
            !help.contains("--glob") && !help.contains("--name"),
            "{command:?}: {help}"
        );
    }
    kazterm()
        .args(["merge", "--glob", "*.jsonl", "x.jsonl"])
        .assert()
        .code(2);
    for command in [
        "normalize",
        "tokenize",
        "lemma",
        "extract",
        "check",
        "kwic",
        "stats",
    ] {
        let help = kazterm()
            .args([command, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(
            String::from_utf8(help).unwrap().contains("--glob"),
            "{command}"
        );
    }
}

#[test]
fn bad_option_values_name_the_valid_ones() {
    kazterm()
        .args([
            "check",
            "--glossary",
            "glossary/endocrine.csv",
            "--fail-on",
            "spelling",
            "corpus/",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the kinds are typo, split"))
        .stderr(predicate::str::contains(":0:").not());
    kazterm()
        .args(["normalize", "--glob", "[bad", "corpus/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--glob: expected a glob pattern"))
        .stderr(predicate::str::contains(":0:").not());
}

#[test]
fn a_run_that_processes_nothing_fails_and_hints_only_where_the_hint_works() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"\xd0\xb1\xd0\xb5\xd0\xb7 \xff\n").unwrap();
    kazterm()
        .args(["run", "--out"])
        .arg(dir.path().join("out"))
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to process"))
        .stderr(predicate::str::contains("--lossy").not());
    // normalize has --lossy: its error says so.
    kazterm()
        .arg("normalize")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid UTF-8 at byte offset 7"))
        .stderr(predicate::str::contains("use --lossy"));
}

#[test]
fn invalid_utf8_in_any_input_names_the_file_and_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let conllu = dir.path().join("bad.conllu");
    fs::write(&conllu, b"1\t\xff\tx\tNOUN\t_\t_\t0\troot\t_\t_\n\n").unwrap();
    kazterm()
        .args(["lemma", "--eval"])
        .arg(&conllu)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.conllu:1: expected UTF-8: invalid bytes at byte offset 2",
        ));
    let xlf = dir.path().join("bad.xlf");
    let mut bytes = b"<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"kk\"><body><trans-unit id=\"1\"><source>a</source><target>".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xff</target></trans-unit></body></file></xliff>");
    fs::write(&xlf, bytes).unwrap();
    kazterm()
        .args(["check", "--glossary", "glossary/endocrine.csv"])
        .arg(&xlf)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "bad.xlf: invalid UTF-8 at byte offset {at}"
        )));
    kazterm()
        .args(["check", "--lossy", "--glossary", "glossary/endocrine.csv"])
        .arg(&xlf)
        .assert()
        .success();
}
