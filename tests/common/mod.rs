//! Helpers shared by the CLI tests: running the official verifiers of
//! `../shared/tools` (Anki's library, the TBX schemas).

use std::io::Write;
use std::path::Path;
use std::process::Command as Process;

/// Says that a test skipped its verifier, where the test harness does not
/// swallow it (straight to the standard error, not through `eprintln!`).
fn skipped(why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// Runs a shared verifier; None when it is not set up here (never in CI).
pub fn verify(script: &str, args: &[&str]) -> Option<serde_json::Value> {
    let path = Path::new("../shared/tools").join(script);
    if !path.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        skipped("no ../shared/tools");
        return None;
    }
    let Ok(out) = Process::new("python3").arg(&path).args(args).output() else {
        assert!(std::env::var_os("CI").is_none(), "CI must have python3");
        skipped("no python3");
        return None;
    };
    if out.status.code() == Some(3) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run ../shared/tools/setup.sh"
        );
        skipped("verifier not set up (bash ../shared/tools/setup.sh)");
        return None;
    }
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the verifier prints JSON");
    assert!(out.status.success(), "{report:#}");
    Some(report)
}

/// Runs a Python snippet of our own with the shared verifiers' environment
/// (the official `anki` library); None when it is not set up here (never
/// in CI). Returns the snippet's standard output; a failing snippet fails
/// the test.
#[allow(dead_code)]
pub fn anki_python(script: &str, args: &[&str]) -> Option<String> {
    let python = Path::new("../shared/tools/.venv/bin/python");
    if !python.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run ../shared/tools/setup.sh"
        );
        skipped("verifier environment not set up (bash ../shared/tools/setup.sh)");
        return None;
    }
    let out = Process::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("the verifiers' python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8 output"))
}
