//! `kazterm serve` in a real browser: headless Chromium driven through its
//! WebDriver (chromium-driver) by Selenium (tests/browser/page.py). The
//! page checks the shipped corpus with its five findings highlighted,
//! switches to English, finds қалқанша без from `kalkansha`, keeps markup
//! from texts and glossary fields as text, and downloads a deck that the
//! official Anki library imports. It saves a screenshot in
//! target/kazterm-serve.png.
//!
//! Needs `chromium`, `chromium-driver` and a Python with Selenium at
//! target/browser-venv (scripts/browser_setup.sh makes it; `.ci/run` runs
//! it): without them the test says so and passes, except in CI.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn skipped(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run scripts/browser_setup.sh: {why}"
    );
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {why} (bash scripts/browser_setup.sh)"
    );
}

fn found(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

#[test]
fn the_page_checks_searches_switches_language_and_downloads_a_deck() {
    let python = Path::new("target/browser-venv/bin/python");
    let Some(driver) = found("chromedriver") else {
        return skipped("no chromedriver");
    };
    if found("chromium").is_none() || !python.exists() {
        return skipped("no chromium or no Selenium environment");
    }
    let dir = tempfile::tempdir().unwrap();
    // The glossary, and a concept whose fields are markup.
    let glossary = dir.path().join("g.csv");
    let mut text = std::fs::read_to_string("glossary/endocrine.csv").unwrap();
    text.push_str("other.hostile,сынақ сөз,,,,,hostile <img src=x onerror=\"window.__injected = 3\">,,other,,\"<script>window.__injected = 4</script>\",\n");
    std::fs::write(&glossary, text).unwrap();
    let mut server = Command::new(assert_cmd::cargo::cargo_bin("kazterm"))
        .args(["serve", "--port", "0", "--glossary"])
        .arg(&glossary)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let screenshot = std::fs::canonicalize("target")
        .unwrap()
        .join("kazterm-serve.png");
    let run = Command::new(python)
        .arg("tests/browser/page.py")
        .arg(&url)
        .arg("corpus/endocrine_glands.kk.txt")
        .arg(&screenshot)
        .arg(&downloads)
        .arg(&driver)
        .output()
        .unwrap();
    // Stop the server as Ctrl-C would: it ends cleanly.
    let _ = Command::new("kill")
        .args(["-INT", &server.id().to_string()])
        .status();
    let stopped = server.wait().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(seen["tab_kk"], "Тексеру", "{seen:#}");
    assert_eq!(seen["marks"].as_array().unwrap().len(), 5, "{seen:#}");
    assert!(seen["marks"].to_string().contains("элифиз"), "{seen:#}");
    assert_eq!(seen["rows"], 5, "{seen:#}");
    assert_eq!(seen["marks_after_dismiss"], 4, "{seen:#}");
    assert_eq!(seen["tab_en"], "Check", "{seen:#}");
    assert!(
        seen["first_card"]
            .as_str()
            .unwrap()
            .starts_with("қалқанша без"),
        "{seen:#}"
    );
    // Markup from a text and from the glossary is shown, never run.
    assert_eq!(seen["shown_has_script_text"], true, "{seen:#}");
    assert!(
        seen["hostile_card_text"]
            .as_str()
            .unwrap()
            .contains("<img src=x"),
        "{seen:#}"
    );
    assert!(seen["injected"].is_null(), "{seen:#}");
    assert_eq!(seen["deck_status"], "The deck was downloaded.", "{seen:#}");
    assert!(
        stopped.success(),
        "the server did not stop cleanly: {stopped}"
    );
    assert!(screenshot.exists());
    let deck = downloads.join("kazterm.apkg");
    assert!(deck.exists(), "no deck downloaded");
    let verifier = Path::new("../shared/tools/verify_apkg.py");
    if verifier.exists() {
        let out = Command::new("python3")
            .arg(verifier)
            .arg(&deck)
            .args(["--expect-notes", "153"])
            .output()
            .unwrap();
        if out.status.code() != Some(3) {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}
