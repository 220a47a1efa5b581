//! `kazterm check`: terminology QA with compiler-style findings.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use super::stdout_err;
use crate::check::{bilingual, Finding, Kind, Summary};
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
    /// The inputs: Kazakh texts, and bilingual files (XLIFF, TMX; any
    /// input when `languages` are given).
    pub inputs: Vec<Input>,
    /// The source and target languages of bilingual inputs (`--source`,
    /// `--target`): with them every input is bilingual (a TSV too); without,
    /// XLIFF and TMX files are, in the languages they declare.
    pub languages: Option<(String, String)>,
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

/// Runs the check and writes the report; returns whether a failing finding
/// remains (exit code 1). Findings are written as they come (memory does
/// not grow with their number), except for the HTML page, which embeds
/// the texts.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<bool> {
    let glossary = Glossary::load(&opts.glossary)?;
    let concepts = glossary.concepts();
    let ignored: HashSet<String> = match &opts.ignore {
        Some(path) => crate::input::read_file(path)?
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        None => HashSet::new(),
    };
    let mut signatures = match &opts.write_ignore {
        Some(path) => {
            let mut all_inputs = opts.inputs.clone();
            all_inputs.push(Input::File(opts.glossary.clone()));
            check_not_input(path, &all_inputs)?;
            let mut file = std::io::BufWriter::new(AtomicFile::create(path)?);
            file.write_all(
                b"# kazterm check: dismissed findings (kind, file, form, sentence hash)\n",
            )
            .map_err(|e| Error::io(path, e))?;
            Some((path, file))
        }
        None => None,
    };
    let mut reporter = Reporter::new(opts, &concepts, opts.format, out)?;
    let mut dismissed = 0;
    let mut each = |f: &Finding| -> Result<()> {
        let signature = f.signature();
        if ignored.contains(&signature) {
            dismissed += 1;
            return Ok(());
        }
        if let Some((path, file)) = &mut signatures {
            writeln!(file, "{signature}").map_err(|e| Error::io(path.as_path(), e))?;
        }
        reporter.add(f)
    };
    let settings = crate::pipeline::check::Settings {
        scope: opts.scope,
        lossy: opts.lossy,
        jobs: opts.jobs,
        word_cache: None,
    };
    let wanted = opts
        .languages
        .as_ref()
        .map(|(s, t)| (s.as_str(), t.as_str()));
    // Consecutive plain texts are checked together (in parallel); each
    // bilingual file in its turn, so the report keeps the inputs' order.
    let mut plain: Vec<Input> = Vec::new();
    for input in &opts.inputs {
        if !is_bilingual(opts, input)? {
            plain.push(input.clone());
            continue;
        }
        crate::pipeline::check::check_each(&plain, &concepts, &settings, &mut each)?;
        plain.clear();
        for f in bilingual::check_file(input.path(), wanted, &concepts, opts.lossy)? {
            each(&f)?;
        }
    }
    crate::pipeline::check::check_each(&plain, &concepts, &settings, &mut each)?;
    if let Some((path, file)) = signatures {
        file.into_inner()
            .map_err(|e| Error::io(path, e.into_error()))?
            .commit()?;
    }
    reporter.finish(dismissed)
}

/// Whether an input is checked as a bilingual file: any file when the
/// languages are given, else an XLIFF or TMX file (by its root element).
/// Standard input is never bilingual: with `--source`/`--target` it is an
/// error.
fn is_bilingual(opts: &Options, input: &Input) -> Result<bool> {
    match input {
        Input::File(path) => Ok(opts.languages.is_some()
            || crate::check::segments::FileKind::sniff_path(path)?.is_some()),
        Input::Stdin | Input::NamedStdin(_) if opts.languages.is_some() => Err(Error::Usage(
            "--source/--target: expected bilingual file paths, not standard input".into(),
        )),
        Input::Stdin | Input::NamedStdin(_) => Ok(false),
    }
}

/// Writes a check report finding by finding, in one of the formats: the
/// header first, each finding as it comes, the summary last. Only the
/// HTML page holds the findings, since it shows them inside the texts.
pub struct Reporter<'a> {
    format: Format,
    out: std::io::BufWriter<&'a mut dyn Write>,
    fail_on: Vec<Kind>,
    summary: Summary,
    failing: bool,
    /// For the HTML page: the findings, the glossary and the texts.
    page: Option<Page<'a>>,
}

/// What the HTML page shows: the findings inside the texts they are in.
struct Page<'a> {
    held: Vec<Finding>,
    concepts: &'a [Concept],
    /// (file name, text) of each input.
    texts: Vec<(String, String)>,
}

impl<'a> Reporter<'a> {
    /// A report in `format` on `out`, for the check `opts` describes.
    pub fn new(
        opts: &Options,
        concepts: &'a [Concept],
        format: Format,
        out: &'a mut dyn Write,
    ) -> Result<Reporter<'a>> {
        let page = (format == Format::Html).then(|| {
            // The plain texts, shown with their findings; bilingual files'
            // findings are listed in a table.
            let texts: Vec<(String, String)> = opts
                .inputs
                .iter()
                .filter(|i| !is_bilingual(opts, i).unwrap_or(true))
                .filter_map(|i| match i {
                    Input::File(p) => std::fs::read_to_string(p).ok().map(|t| (i.to_string(), t)),
                    Input::Stdin | Input::NamedStdin(_) => None,
                })
                .collect();
            Page {
                held: Vec::new(),
                concepts,
                texts,
            }
        });
        let mut reporter = Reporter {
            format,
            out: std::io::BufWriter::new(out),
            fail_on: opts.fail_on.clone(),
            summary: Summary::default(),
            failing: false,
            page,
        };
        match format {
            Format::Json => reporter.write(b"{\n  \"findings\": [")?,
            Format::Tsv => {
                let mut bytes = Vec::new();
                crate::tsv::write_record(&mut bytes, Finding::COLUMNS);
                reporter.write(&bytes)?;
            }
            Format::Html | Format::Text => {}
        }
        Ok(reporter)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(stdout_err)
    }

    /// Writes one finding.
    pub fn add(&mut self, f: &Finding) -> Result<()> {
        let first = self.summary.findings == 0;
        self.summary.add(f);
        self.failing |= self.fail_on.is_empty() || self.fail_on.contains(&f.kind);
        match self.format {
            Format::Json => {
                // As serde_json's pretty printer writes it inside the report.
                let pretty = serde_json::to_string_pretty(f).expect("a finding serializes");
                let mut text = String::from(if first { "\n" } else { ",\n" });
                for (k, line) in pretty.lines().enumerate() {
                    if k > 0 {
                        text.push('\n');
                    }
                    text.push_str("    ");
                    text.push_str(line);
                }
                self.write(text.as_bytes())
            }
            Format::Tsv => {
                let mut bytes = Vec::new();
                crate::tsv::write_record(&mut bytes, f.fields());
                self.write(&bytes)
            }
            Format::Html => {
                if let Some(page) = &mut self.page {
                    page.held.push(f.clone());
                }
                Ok(())
            }
            Format::Text => {
                let mut text = format!(
                    "{}:{}:{}: {}[{}]: {}\n",
                    f.file,
                    f.line,
                    f.column,
                    f.severity,
                    f.kind.name(),
                    f.message
                );
                if !f.expected.is_empty() {
                    text.push_str(&format!("  = fix: {}\n", f.expected));
                }
                if !f.segment.is_empty() {
                    text.push_str(&format!("  = unit: {}\n", f.segment));
                }
                if !f.context.is_empty() {
                    text.push_str(&format!("  | {}\n", f.context));
                    if let Some(at) = f.context.find(&f.found).filter(|_| !f.found.is_empty()) {
                        let pad = f.context[..at].chars().count();
                        text.push_str(&format!(
                            "  | {}{}\n",
                            " ".repeat(pad),
                            "^".repeat(f.found.chars().count().max(1))
                        ));
                    }
                }
                self.write(text.as_bytes())
            }
        }
    }

    /// Writes the summary (`dismissed`: how many `--ignore` dismissed);
    /// returns whether a finding of a failing kind (`--fail-on`, or any when
    /// none is given) was written.
    pub fn finish(mut self, dismissed: usize) -> Result<bool> {
        let summary = Summary {
            dismissed,
            ..std::mem::take(&mut self.summary)
        };
        match self.format {
            Format::Json => {
                let pretty = serde_json::to_string_pretty(&summary).expect("a summary serializes");
                let mut text = String::from(if summary.findings == 0 {
                    "],"
                } else {
                    "\n  ],"
                });
                text.push_str("\n  \"summary\": ");
                for (k, line) in pretty.lines().enumerate() {
                    if k > 0 {
                        text.push_str("\n  ");
                    }
                    text.push_str(line);
                }
                text.push_str("\n}\n");
                self.write(text.as_bytes())?;
            }
            Format::Tsv => {}
            Format::Html => {
                if let Some(page) = self.page.take() {
                    let html = crate::check::html::render(&page.held, page.concepts, &page.texts);
                    self.write(html.as_bytes())?;
                }
            }
            Format::Text => {
                let s = &summary;
                let text = format!(
                    "{} finding{} ({} error{}, {} warning{}){}\n",
                    s.findings,
                    if s.findings == 1 { "" } else { "s" },
                    s.errors,
                    if s.errors == 1 { "" } else { "s" },
                    s.warnings,
                    if s.warnings == 1 { "" } else { "s" },
                    if dismissed > 0 {
                        format!(", {dismissed} dismissed")
                    } else {
                        String::new()
                    }
                );
                self.write(text.as_bytes())?;
            }
        }
        self.out.flush().map_err(stdout_err)?;
        Ok(self.failing)
    }
}
