//! `kazterm check`: terminology QA with compiler-style findings.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{stdout_err, write_out};
use crate::check::{bilingual, Finding, Kind};
use crate::error::{Error, Result};
use crate::glossary::{Concept, Glossary};
use crate::input::Input;
use crate::output::{check_not_input, AtomicFile};

/// Output formats of `kazterm check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `file:line:col: warning[kind]: message`, the line and a caret.
    #[default]
    Text,
    /// `{"findings": [...], "summary": {...}}`.
    Json,
    /// One finding a row.
    Tsv,
    /// A self-contained HTML page.
    Html,
}

/// Options of `kazterm check`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The glossary CSV.
    pub glossary: PathBuf,
    /// The inputs: Kazakh texts, or bilingual files with `bilingual`.
    pub inputs: Vec<Input>,
    /// Bilingual mode (English source, Kazakh target TSV).
    pub bilingual: bool,
    /// The output format.
    pub format: Format,
    /// Kinds that make the exit code 1 (empty: all).
    pub fail_on: Vec<Kind>,
    /// A file of dismissed findings.
    pub ignore: Option<PathBuf>,
    /// Write the current findings' signatures here.
    pub write_ignore: Option<PathBuf>,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// One document per file, or per line.
    pub scope: crate::check::Scope,
    /// Worker threads; 0 for one per core.
    pub jobs: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    findings: usize,
    errors: usize,
    warnings: usize,
    dismissed: usize,
    by_kind: BTreeMap<&'static str, usize>,
}

/// Runs the check and writes the report; returns whether a failing finding
/// remains (exit code 1).
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<bool> {
    let glossary = Glossary::read(&opts.glossary)?;
    let concepts = glossary.concepts();
    let outcome = collect(opts, &concepts)?;
    report(opts, &concepts, &outcome, opts.format, out)
}

/// The findings of one check, after dismissals.
pub struct Outcome {
    /// What remains to report.
    pub findings: Vec<Finding>,
    /// How many `--ignore` dismissed.
    pub dismissed: usize,
}

/// Checks the inputs once, applies `--ignore` and writes `--write-ignore`;
/// the outcome can then be reported in several formats (as `kazterm run`
/// does) without checking again.
pub fn collect(opts: &Options, concepts: &[Concept]) -> Result<Outcome> {
    let mut findings = if opts.bilingual {
        let mut all = Vec::new();
        for input in &opts.inputs {
            match input {
                Input::File(path) => all.extend(bilingual::check_file(path, concepts)?),
                Input::Stdin => {
                    return Err(Error::Table {
                        file: "-".into(),
                        line: 0,
                        message: "expected a bilingual file path, not standard input".into(),
                    })
                }
            }
        }
        all
    } else {
        let settings = crate::pipeline::check::Settings {
            scope: opts.scope,
            lossy: opts.lossy,
            jobs: opts.jobs,
            word_cache: None,
        };
        crate::pipeline::check::check(&opts.inputs, concepts, &settings)?
    };
    let mut dismissed = 0;
    if let Some(path) = &opts.ignore {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let ignored: HashSet<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        let before = findings.len();
        findings.retain(|f| !ignored.contains(f.signature().as_str()));
        dismissed = before - findings.len();
    }
    if let Some(path) = &opts.write_ignore {
        let mut all_inputs = opts.inputs.clone();
        all_inputs.push(Input::File(opts.glossary.clone()));
        check_not_input(path, &all_inputs)?;
        let mut file = AtomicFile::create(path)?;
        let mut text =
            String::from("# kazterm check: dismissed findings (kind, file, form, sentence hash)\n");
        for f in &findings {
            text.push_str(&f.signature());
            text.push('\n');
        }
        file.write_all(text.as_bytes())
            .map_err(|e| Error::io(path, e))?;
        file.commit()?;
    }
    Ok(Outcome {
        findings,
        dismissed,
    })
}

/// Writes `outcome` in `format`; returns whether a finding of a failing kind
/// (`--fail-on`, or any when none is given) remains.
pub fn report(
    opts: &Options,
    concepts: &[Concept],
    outcome: &Outcome,
    format: Format,
    out: &mut dyn Write,
) -> Result<bool> {
    let (findings, dismissed) = (&outcome.findings, outcome.dismissed);
    let mut by_kind = BTreeMap::new();
    for f in findings {
        *by_kind.entry(f.kind.name()).or_insert(0) += 1;
    }
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let summary = Summary {
        findings: findings.len(),
        errors,
        warnings: findings.len() - errors,
        dismissed,
        by_kind,
    };
    match format {
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(&Report { findings, summary })
                .expect("findings serialize");
            bytes.push(b'\n');
            write_out(out, &bytes)?;
        }
        Format::Tsv => {
            let mut bytes = Vec::new();
            crate::tsv::write_record(&mut bytes, Finding::COLUMNS);
            for f in findings {
                crate::tsv::write_record(&mut bytes, f.fields());
            }
            write_out(out, &bytes)?;
        }
        Format::Html => {
            let texts: Vec<(String, String)> = if opts.bilingual {
                Vec::new()
            } else {
                opts.inputs
                    .iter()
                    .filter_map(|i| match i {
                        Input::File(p) => {
                            std::fs::read_to_string(p).ok().map(|t| (i.to_string(), t))
                        }
                        Input::Stdin => None,
                    })
                    .collect()
            };
            let page = crate::check::html::render(findings, concepts, &texts);
            write_out(out, page.as_bytes())?;
        }
        Format::Text => {
            let mut text = String::new();
            for f in findings {
                text.push_str(&format!(
                    "{}:{}:{}: {}[{}]: {}\n",
                    f.file,
                    f.line,
                    f.column,
                    f.severity,
                    f.kind.name(),
                    f.message
                ));
                if !f.expected.is_empty() {
                    text.push_str(&format!("  = fix: {}\n", f.expected));
                }
                if let Some(at) = f.context.find(&f.found).filter(|_| !f.found.is_empty()) {
                    let pad = f.context[..at].chars().count();
                    text.push_str(&format!(
                        "  | {}\n  | {}{}\n",
                        f.context,
                        " ".repeat(pad),
                        "^".repeat(f.found.chars().count().max(1))
                    ));
                }
            }
            text.push_str(&format!(
                "{} finding{} ({} error{}, {} warning{}){}\n",
                summary.findings,
                if summary.findings == 1 { "" } else { "s" },
                summary.errors,
                if summary.errors == 1 { "" } else { "s" },
                summary.warnings,
                if summary.warnings == 1 { "" } else { "s" },
                if dismissed > 0 {
                    format!(", {dismissed} dismissed")
                } else {
                    String::new()
                }
            ));
            write_out(out, text.as_bytes())?;
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(findings
        .iter()
        .any(|f| opts.fail_on.is_empty() || opts.fail_on.contains(&f.kind)))
}
