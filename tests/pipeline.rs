//! `kazterm run`, `kwic` and `merge`: the whole job, concordances, and
//! shards merged into exactly what one run gives.

use std::fs;
use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn kazterm() -> Command {
    Command::cargo_bin("kazterm").unwrap()
}

#[test]
fn run_writes_every_output_from_the_shipped_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    kazterm()
        .args(["run", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("files: 1 read, 0 skipped")
                .and(predicate::str::contains("check: 5 finding(s)"))
                .and(predicate::str::contains("gland 17")),
        );
    for name in [
        "terms.tsv",
        "alignment.csv",
        "check.txt",
        "check.json",
        "suggested_glossary.csv",
        "deck.apkg",
        "deck.txt",
        "glossary.tbx",
    ] {
        let meta = fs::metadata(out.join(name)).unwrap_or_else(|_| panic!("{name}"));
        assert!(meta.len() > 0, "{name}");
    }
    let check = fs::read_to_string(out.join("check.txt")).unwrap();
    assert!(check.contains("warning[typo]: `элифиз`"));
    assert!(fs::read_to_string(out.join("terms.tsv"))
        .unwrap()
        .starts_with("lemma\tcategory\torigin"));
}

#[test]
fn run_reads_standard_input_and_points_into_a_saved_copy() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // Two sentences of our own: one misspelt gland, one deprecated word.
    let text = "Бүйрекүсті безі адреналин бөледі.\nЭлифиз мелатонин түзеді.\n";
    kazterm()
        .args(["run", "--out"])
        .arg(&out)
        .arg("-")
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("files: 1 read"));
    let saved = out.join("stdin.txt");
    assert_eq!(fs::read_to_string(&saved).unwrap(), text);
    let check = fs::read_to_string(out.join("check.txt")).unwrap();
    assert!(
        check.contains(&format!("{}:2:1: warning[typo]", saved.display())),
        "{check}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("check.json")).unwrap()).unwrap();
    assert_eq!(
        json["summary"]["findings"].as_u64().unwrap() as usize,
        json["findings"].as_array().unwrap().len()
    );
    assert!(fs::read_to_string(out.join("terms.tsv"))
        .unwrap()
        .contains("адреналин"));
}

#[test]
fn a_binary_and_a_bad_utf8_file_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    fs::create_dir(&texts).unwrap();
    fs::copy("corpus/endocrine_glands.kk.txt", texts.join("a.txt")).unwrap();
    fs::write(texts.join("b.txt"), b"\x00\x01\x02binary\x00").unwrap();
    fs::write(texts.join("c.txt"), b"\xd0\xb1\xd0\xb5\xd0\xb7 \xff\n").unwrap();
    // A gzipped text is read too.
    let mut gz = flate2::write::GzEncoder::new(
        fs::File::create(texts.join("d.txt.gz")).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all("Қалқанша без тироксин бөледі.\n".as_bytes())
        .unwrap();
    gz.finish().unwrap();
    let out = dir.path().join("out");
    kazterm()
        .args(["run", "--out"])
        .arg(&out)
        .arg(&texts)
        .assert()
        .success()
        .stdout(predicate::str::contains("files: 2 read, 2 skipped"))
        .stderr(
            predicate::str::contains("b.txt: a binary file").and(predicate::str::contains(
                "c.txt: invalid UTF-8 at byte offset 7",
            )),
        );
    kazterm()
        .args(["run", "--strict", "--out"])
        .arg(dir.path().join("out2"))
        .arg(&texts)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--strict"));
}

#[test]
fn kwic_aligns_every_inflected_form_on_the_keyword() {
    let out = kazterm()
        .args(["kwic", "без", "--width", "20", "corpus/"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows.len() >= 20, "{}", rows.len());
    assert!(rows.iter().any(|r| r.contains("[безінен]")));
    assert!(rows.iter().any(|r| r.contains("[бездерінің]")));
    // Aligned: the keyword starts in the same column on every row.
    let column = |r: &str| {
        r.split('\t')
            .nth(1)
            .unwrap()
            .find('[')
            .map(|i| r.split('\t').nth(1).unwrap()[..i].chars().count())
    };
    let first = column(rows[0]);
    assert!(rows.iter().all(|r| column(r) == first));
    kazterm()
        .args(["kwic", "өсу гормоны", "corpus/"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[өсу гормонының]"));
}

/// What a command that must succeed writes to standard output.
fn stdout_of(command: &mut Command) -> String {
    let out = command.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// `extract --format jsonl --contexts 2` of a path: a shard, or the run
/// over everything.
fn extract_jsonl(path: &Path) -> String {
    stdout_of(
        kazterm()
            .args(["extract", "--format", "jsonl", "--contexts", "2"])
            .arg(path),
    )
}

/// `merge --contexts 2` of shard files, in the order given.
fn merge_jsonl(shards: &[std::path::PathBuf]) -> String {
    stdout_of(kazterm().args(["merge", "--contexts", "2"]).args(shards))
}

#[test]
fn shards_merge_into_exactly_the_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all");
    fs::create_dir(&all).unwrap();
    // The corpus split into two files at a sentence boundary.
    let text = fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
    let cut = text.find("Гипофиз — негізгі").unwrap();
    fs::write(all.join("a.txt"), format!("{}\n", &text[..cut])).unwrap();
    fs::write(all.join("b.txt"), &text[cut..]).unwrap();
    let single = extract_jsonl(&all);
    fs::write(
        dir.path().join("a.jsonl"),
        extract_jsonl(&all.join("a.txt")),
    )
    .unwrap();
    fs::write(
        dir.path().join("b.jsonl"),
        extract_jsonl(&all.join("b.txt")),
    )
    .unwrap();
    // Shards may come in any order: merge sorts by path and position.
    let merged = merge_jsonl(&[dir.path().join("b.jsonl"), dir.path().join("a.jsonl")]);
    assert_eq!(merged, single);
}

#[test]
fn results_are_identical_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
    // About 3 MB: several blocks, so workers really share the file.
    let big = dir.path().join("big.txt");
    fs::write(&big, format!("{}\n", text.trim_end()).repeat(750)).unwrap();
    let run = |jobs: &str| {
        kazterm()
            .args([
                "extract",
                "--format",
                "jsonl",
                "--contexts",
                "2",
                "--quiet",
                "--jobs",
                jobs,
            ])
            .arg(&big)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
    let rows: Vec<serde_json::Value> = String::from_utf8(one)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let gland = rows.iter().find(|r| r["lemma"] == "гипофиз").unwrap();
    assert_eq!(gland["count"], 3 * 750);
    assert_eq!(gland["first_seen"], format!("{}:1:484", big.display()));
}

#[test]
fn stats_describe_the_corpus() {
    let out = kazterm()
        .args(["stats", "--format", "json", "corpus/"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(s["files"], 1);
    assert_eq!(s["words"], 296);
    assert_eq!(s["normalization"]["whitespace"], 4);
    assert_eq!(s["normalization"]["dash"], 2);
    assert_eq!(s["scripts"]["latin"], 5);
    // The head of a named phrase counts with its phrase, not on its own.
    assert_eq!(
        s["top_terms"]["gland"][0],
        serde_json::json!(["эндокринді без", 6])
    );
    assert!(s["lemmas"].as_u64().unwrap() < s["word_types"].as_u64().unwrap());
}

/// The same on real Kazakh text, whose thousands of distinct words and terms
/// the workers share through their common cache of analyses.
#[test]
fn results_on_real_text_are_identical_whatever_the_number_of_threads() {
    let sources = [
        "../shared/data/kk_corpus/kaznerd_sentences.txt.gz",
        "../shared/data/kk_corpus/kazqad_wiki_passages.txt.gz",
    ];
    if !std::path::Path::new(sources[0]).exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    let mut text = Vec::new();
    for source in sources {
        let file = fs::File::open(source).unwrap();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(file), &mut text).unwrap();
    }
    // About 2.5 MB: three blocks at least.
    fs::write(&real, &text).unwrap();
    let run = |jobs: &str| {
        kazterm()
            .args(["extract", "--format", "jsonl", "--quiet", "--jobs", jobs])
            .arg(&real)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert!(one.len() > 10_000, "terms were found");
    assert_eq!(one, run("2"));
    // The check, fed by the same parallel pass, finds the same in the same
    // order.
    let check = |jobs: &str| {
        kazterm()
            .args([
                "check",
                "--glossary",
                "glossary/endocrine.csv",
                "--format",
                "json",
            ])
            .args(["--jobs", jobs])
            .arg(&real)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone()
    };
    let one = check("1");
    assert!(one.len() > 10_000, "findings were made");
    assert_eq!(one, check("2"));
}

/// A mapper reads standard input: `--name`, or Hadoop streaming's
/// mapreduce_map_input_file, names it in every position.
#[test]
fn standard_input_can_be_named_for_positions() {
    let text = fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
    let first_seen = |args: &[&str], env: Option<&str>| {
        let mut cmd = kazterm();
        cmd.args(["extract", "--format", "jsonl", "--quiet"])
            .args(args);
        cmd.env_remove("mapreduce_map_input_file")
            .env_remove("map_input_file");
        if let Some(file) = env {
            cmd.env("mapreduce_map_input_file", file);
        }
        let out = cmd
            .write_stdin(text.clone())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let first: serde_json::Value =
            serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
        first["first_seen"].as_str().unwrap().to_string()
    };
    assert_eq!(first_seen(&["-"], None), "-:1:1");
    assert_eq!(
        first_seen(&["--name", "kk/part-3.txt", "-"], None),
        "kk/part-3.txt:1:1"
    );
    assert_eq!(
        first_seen(&["-"], Some("hdfs://corpora/kk/part-7.txt")),
        "hdfs://corpora/kk/part-7.txt:1:1"
    );
    // The option wins over the job's variable.
    assert_eq!(
        first_seen(&["--name", "mine.txt", "-"], Some("hdfs://x.txt")),
        "mine.txt:1:1"
    );
}

/// An absurd number of threads is bounded, not obeyed (nor a crash).
#[test]
fn a_huge_jobs_count_is_bounded() {
    for command in [
        &["extract", "--quiet"][..],
        &["check", "--glossary", "glossary/endocrine.csv"],
    ] {
        kazterm()
            .args(command)
            .args(["--jobs", "100000", "corpus/"])
            .assert()
            .code(predicate::in_iter([0, 1]));
    }
}

#[test]
fn merge_orders_shards_as_a_run_walks_folders() {
    // `a-b/` sorts before `a/` as text ('-' < '/'), after it as a path.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for sub in ["a", "a-b"] {
        fs::create_dir_all(root.join(sub)).unwrap();
    }
    // The same terms first written differently in each folder, so the
    // order decides surfaces, first_seen and contexts.
    fs::write(
        root.join("a").join("x.txt"),
        "Қалқанша безі тироксин бөледі. Гипофиздің алдыңғы бөлігі өсу гормонын бөледі.\n",
    )
    .unwrap();
    fs::write(
        root.join("a-b").join("y.txt"),
        "Қалқанша бездің ауруы жиі кездеседі. Гипофиз бен эпифиз ми маңында орналасқан.\n",
    )
    .unwrap();
    let single = extract_jsonl(&root);
    let shards = dir.path().join("shards");
    fs::create_dir(&shards).unwrap();
    fs::write(shards.join("1.jsonl"), extract_jsonl(&root.join("a-b"))).unwrap();
    fs::write(shards.join("2.jsonl"), extract_jsonl(&root.join("a"))).unwrap();
    let merged = merge_jsonl(&[shards.join("1.jsonl"), shards.join("2.jsonl")]);
    assert_eq!(merged, single);
}

#[test]
fn merge_refuses_counts_that_overflow_and_names_bad_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let row = |count: u64| {
        format!(
            "{{\"lemma\":\"без\",\"category\":\"gland\",\"origin\":\"kk\",\"surfaces\":[\"без\"],\"count\":{count},\"first_seen\":\"t.txt:1:1\",\"decomposition\":\"\",\"gloss_kk\":\"\",\"headword\":\"\"}}\n"
        )
    };
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    fs::write(&a, row(u64::MAX)).unwrap();
    fs::write(&b, row(6)).unwrap();
    kazterm()
        .arg("merge")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add up to more than"));
    let mut bytes = row(1).into_bytes();
    bytes.insert(20, 0xFF);
    fs::write(&b, bytes).unwrap();
    kazterm()
        .arg("merge")
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid bytes at byte offset 20"));
}

/// A file of several blocks for the parallel path: the shipped corpus's
/// paragraph many times over (2.6 MB), then, when `tail` says so, bytes
/// that are not UTF-8.
fn blocks_file(dir: &Path, tail: &[u8]) -> std::path::PathBuf {
    let paragraph = fs::read("corpus/endocrine_glands.kk.txt").unwrap();
    let mut text = Vec::new();
    while text.len() < (5 << 20) / 2 {
        text.extend_from_slice(&paragraph);
    }
    text.extend_from_slice(tail);
    let path = dir.join("blocks.txt");
    fs::write(&path, text).unwrap();
    path
}

/// With many workers, every block before a read error is handed on, in
/// order, and the error is the reader's; a caller that stops stops the
/// run without waiting for the rest.
#[test]
fn parallel_runs_hand_blocks_on_in_order_and_stop_cleanly() {
    use kazterm::pipeline::extract::{for_each_block, Known, Settings};
    let dir = tempfile::tempdir().unwrap();
    let bad = blocks_file(dir.path(), b"\xff\xfe broken\n");
    let inputs = [kazterm::input::Input::File(bad)];
    for jobs in [1, 2, 3] {
        let settings = Settings {
            jobs,
            ..Settings::default()
        };
        let mut seen = Vec::new();
        let err = for_each_block(&inputs, &Known::default(), &settings, &mut |block| {
            // Where the block's first term was seen: the blocks' places.
            seen.push(block.terms.iter().map(|t| t.first_seen.offset).min());
            Ok(())
        })
        .unwrap_err();
        assert!(err.to_string().contains("UTF-8"), "{jobs} jobs: {err}");
        assert!(seen.len() >= 2, "{jobs} jobs: the blocks before the error");
        let places: Vec<usize> = seen
            .iter()
            .map(|p| p.expect("terms in every block"))
            .collect();
        assert!(
            places.windows(2).all(|w| w[0] < w[1]),
            "{jobs} jobs: {places:?}"
        );

        let mut calls = 0;
        let err = for_each_block(&inputs, &Known::default(), &settings, &mut |_| {
            calls += 1;
            if calls == 2 {
                Err(kazterm::Error::io(
                    "out",
                    std::io::Error::other("disk full"),
                ))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{jobs} jobs: {err}");
        assert_eq!(calls, 2, "{jobs} jobs: nothing is handed on after a stop");
    }
}
