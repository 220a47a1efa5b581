//! Hostile arguments and paths: no panic, no hang, no output written over
//! what it must not replace (the complexity bounds are `scripts/stress.sh`'s).

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

const GLOSSARY: &str = "glossary/endocrine.csv";

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

#[test]
fn kwic_arguments_are_validated_not_panicked_on() {
    for lemma in ["", "   "] {
        kazterm()
            .args(["kwic", lemma, "corpus/"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("expected a lemma"));
    }
    for width in ["0", "1001", "65536"] {
        kazterm()
            .args(["kwic", "--width", width, "без", "corpus/"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--width"));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Қалқанша без гормон бөледі.\n").unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    kazterm()
        .arg("extract")
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::contains("қалқанша без"));
}

#[test]
fn run_writes_over_none_of_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    fs::create_dir(&texts).unwrap();
    fs::copy("corpus/endocrine_glands.kk.txt", texts.join("a.txt")).unwrap();
    // A text of the corpus that happens to be called check.txt.
    let mine = "Бұл менің мәтінім: без туралы.\n";
    fs::write(texts.join("check.txt"), mine).unwrap();
    kazterm()
        .args(["run", "--glossary", GLOSSARY, "--out"])
        .arg(&texts)
        .arg(&texts)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write an output over an input",
        ));
    assert_eq!(fs::read_to_string(texts.join("check.txt")).unwrap(), mine);
    assert!(!texts.join("terms.tsv").exists());
    // The glossary in the output folder under an output's name.
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::copy(GLOSSARY, out.join("terms.tsv")).unwrap();
    kazterm()
        .args(["run", "--glossary"])
        .arg(out.join("terms.tsv"))
        .arg("--out")
        .arg(&out)
        .arg("corpus/")
        .assert()
        .code(2);
    assert_eq!(
        fs::read(out.join("terms.tsv")).unwrap(),
        fs::read(GLOSSARY).unwrap()
    );
}

#[test]
fn outputs_go_to_standard_output_through_links_and_into_devices() {
    let dir = tempfile::tempdir().unwrap();
    // `-` is standard output, not a file named `-`.
    kazterm()
        .current_dir(dir.path())
        .args(["glossary", "export", "--format", "csv", "--out", "-"])
        .arg(fs::canonicalize(GLOSSARY).unwrap())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("id,kk,"));
    assert!(!dir.path().join("-").exists());
    // A link is written through: the target changes, the link stays.
    #[cfg(unix)]
    {
        let target = dir.path().join("real.tbx");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.tbx");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        kazterm()
            .args(["glossary", "export", "--format", "tbx", "--out"])
            .arg(&link)
            .arg(GLOSSARY)
            .assert()
            .success();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(fs::read_to_string(&target).unwrap().starts_with("<?xml"));
        // A device is written into, never replaced by a regular file.
        use std::os::unix::fs::FileTypeExt;
        kazterm()
            .args([
                "glossary",
                "export",
                "--format",
                "tbx",
                "--out",
                "/dev/null",
            ])
            .arg(GLOSSARY)
            .assert()
            .success();
        assert!(fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
    }
}

#[test]
fn a_second_run_into_a_locked_folder_stops_and_stale_temporaries_go() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    // What a killed run left: a temporary file of a process that is gone.
    let stale = out.join(".kazterm-4194999-Ab12Cd.tmp");
    fs::write(&stale, "half a report").unwrap();
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(".kazterm.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    kazterm()
        .args(["run", "--glossary", GLOSSARY, "--out"])
        .arg(&out)
        .arg("corpus/")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another kazterm is writing into this folder",
        ));
    drop(lock);
    kazterm()
        .args(["run", "--glossary", GLOSSARY, "--out"])
        .arg(&out)
        .arg("corpus/")
        .assert()
        .success();
    assert!(!stale.exists());
    assert!(out.join("check.txt").exists());
}

#[cfg(unix)]
#[test]
fn a_terminated_run_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    // Some megabytes of text, so that the run is still writing when told
    // to stop.
    let text = fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, text.repeat(20_000)).unwrap();
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kazterm"))
        .args(["run", "--glossary", GLOSSARY, "--out"])
        .arg(&out)
        .arg(&big)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let temporaries = |out: &Path| {
        fs::read_dir(out).map_or(0, |d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .count()
        })
    };
    let mut seen = false;
    for _ in 0..500 {
        if temporaries(&out) > 0 {
            seen = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    if !seen {
        let _ = child.kill();
        // Finished before it could be caught writing: nothing to test.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: the run ended before it was caught writing"
        );
        return;
    }
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(temporaries(&out), 0);
}

#[test]
fn csv_cells_that_would_be_formulas_are_defused_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    fs::write(
        &g,
        "id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source\n\
         gland.thyroid,қалқанша без,,,glandula thyroidea,,thyroid gland,,gland,\"=HYPERLINK(\"\"http://x\"\")\",-itis,\n",
    )
    .unwrap();
    let out = dir.path().join("export.csv");
    kazterm()
        .args(["glossary", "export", "--format", "csv", "--out"])
        .arg(&out)
        .arg(&g)
        .assert()
        .success();
    let text = fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'-itis,"),
        "{text}"
    );
    // Read back, the cells are what they were.
    let again = dir.path().join("again.csv");
    kazterm()
        .args(["glossary", "export", "--format", "tsv", "--out"])
        .arg(&again)
        .arg(&out)
        .assert()
        .success();
    assert!(fs::read_to_string(&again)
        .unwrap()
        .contains("=HYPERLINK(\"http://x\")\t-itis"));
}
