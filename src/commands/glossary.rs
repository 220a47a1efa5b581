//! `kazterm glossary validate|export|import` and `kazterm align`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{stdout_err, write_out};
use crate::error::{Error, Result};
use crate::extract::Term;
use crate::glossary::align::Aligned;
use crate::glossary::tbx::{self, Flavour};
use crate::glossary::{export, Glossary, Problem};
use crate::input::Input;
use crate::output::{check_not_input, AtomicFile};
use crate::pipeline::align as pipeline;

/// Reads and validates a glossary; writes one line per problem
/// (`file:line:col: message`) and returns them.
pub fn validate(path: &Path, out: &mut dyn Write) -> Result<Vec<Problem>> {
    let g = Glossary::read(path)?;
    let problems = g.validate();
    let mut text = String::new();
    for p in &problems {
        text.push_str(&format!(
            "{}:{}:{}: {}\n",
            path.display(),
            p.line,
            p.column,
            p.message
        ));
    }
    let fatal = problems.iter().filter(|p| p.fatal).count();
    text.push_str(&format!(
        "{}: {} concepts, {} problem{}{}\n",
        path.display(),
        g.rows.len(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        if fatal > 0 {
            format!(" ({fatal} that make it unusable: other commands refuse it)")
        } else {
            String::new()
        }
    ));
    write_out(out, text.as_bytes())?;
    out.flush().map_err(stdout_err)?;
    Ok(problems)
}

/// Glossary export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// TBX-Basic (ISO 30042:2019).
    Tbx,
    /// TBX v2 (ISO 30042:2008, `<martif>`).
    Tbx2,
    /// The glossary CSV.
    Csv,
    /// The glossary as TSV.
    Tsv,
    /// OmegaT's glossary.
    Omegat,
}

/// Writes to `--out FILE` atomically (never over an input), or to `out`.
fn with_output(
    target: Option<&Path>,
    inputs: &[Input],
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match target {
        Some(path) => {
            check_not_input(path, inputs)?;
            let mut file = AtomicFile::create(path)?;
            write(&mut file)?;
            file.commit()
        }
        None => {
            write(out)?;
            out.flush().map_err(stdout_err)
        }
    }
}

/// `kazterm glossary export`.
pub fn export(
    path: &Path,
    format: ExportFormat,
    target: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let g = Glossary::load(path)?;
    let concepts = g.concepts();
    let inputs = [Input::File(path.to_path_buf())];
    let title = format!(
        "kazterm glossary {}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    let io_err = |e: std::io::Error| Error::io(target.unwrap_or(Path::new("-")), e);
    with_output(target, &inputs, out, |w| match format {
        ExportFormat::Tbx => tbx::write(&concepts, Flavour::Basic2019, &title, w),
        ExportFormat::Tbx2 => tbx::write(&concepts, Flavour::Martif2008, &title, w),
        ExportFormat::Csv => g.write_csv(w).map_err(io_err),
        ExportFormat::Tsv => export::write_tsv(&g, w).map_err(io_err),
        ExportFormat::Omegat => export::write_omegat(&concepts, w).map_err(io_err),
    })
}

/// `kazterm glossary import FILE.tbx`: the glossary CSV of a TBX file.
pub fn import(path: &Path, target: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let imported = tbx::import(&bytes, &path.display().to_string())?;
    for warning in &imported.warnings {
        eprintln!("kazterm: warning: {warning}");
    }
    let g = Glossary::from_concepts(&imported.concepts);
    let inputs = [Input::File(path.to_path_buf())];
    with_output(target, &inputs, out, |w| {
        g.write_csv(w)
            .map_err(|e| Error::io(target.unwrap_or(Path::new("-")), e))
    })
}

/// Output formats of `kazterm align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlignFormat {
    /// Tab-separated values.
    #[default]
    Tsv,
    /// Comma-separated values.
    Csv,
    /// One JSON object per term.
    Jsonl,
}

/// The columns of `kazterm align`.
pub const ALIGN_COLUMNS: [&str; 12] = [
    "lemma",
    "category",
    "match",
    "distance",
    "id",
    "kk",
    "la",
    "grc",
    "en",
    "count",
    "first_seen",
    "surfaces",
];

#[derive(Serialize)]
struct AlignRow {
    lemma: String,
    category: String,
    #[serde(rename = "match")]
    how: String,
    distance: usize,
    id: String,
    kk: String,
    la: String,
    grc: String,
    en: String,
    count: usize,
    first_seen: String,
    surfaces: String,
}

impl AlignRow {
    /// The column names, in the order of the fields.
    const COLUMNS: [&'static str; 12] = ALIGN_COLUMNS;

    /// The fields as text, in the order of [`Self::COLUMNS`].
    fn fields(&self) -> [String; 12] {
        [
            self.lemma.clone(),
            self.category.clone(),
            self.how.clone(),
            self.distance.to_string(),
            self.id.clone(),
            self.kk.clone(),
            self.la.clone(),
            self.grc.clone(),
            self.en.clone(),
            self.count.to_string(),
            self.first_seen.clone(),
            self.surfaces.clone(),
        ]
    }
}

/// `kazterm align`: extracts with the glossary's terms known, aligns, writes,
/// and writes proposed rows for unmatched terms to `suggest`; returns how
/// many terms the glossary lacks.
pub fn align(
    glossary_path: &Path,
    inputs: &[Input],
    format: AlignFormat,
    suggest_path: Option<&PathBuf>,
    lossy: bool,
    out: &mut dyn Write,
) -> Result<usize> {
    let g = Glossary::load(glossary_path)?;
    let concepts = g.concepts();
    let terms = extract_with_glossary(&concepts, inputs, lossy)?;
    let aligned = pipeline::align(&concepts, terms);
    write_alignment(&aligned, format, out)?;
    if let Some(path) = suggest_path {
        let mut not_inputs = inputs.to_vec();
        not_inputs.push(Input::File(glossary_path.to_path_buf()));
        write_proposals(path, &not_inputs, &aligned)?;
    }
    Ok(pipeline::unmatched(&aligned))
}

/// Writes the alignment table in `format`.
pub fn write_alignment(
    aligned: &[Aligned<'_>],
    format: AlignFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let rows: Vec<AlignRow> = aligned
        .iter()
        .map(|a| AlignRow {
            lemma: a.term.lemma.clone(),
            category: a.term.category.name().to_string(),
            how: a.how.name().to_string(),
            distance: a.distance,
            id: a.concept.map(|c| c.id.clone()).unwrap_or_default(),
            kk: a.concept.map(|c| c.kk.clone()).unwrap_or_default(),
            la: a.concept.map(|c| c.la.clone()).unwrap_or_default(),
            grc: a.concept.map(|c| c.grc.clone()).unwrap_or_default(),
            en: a.concept.map(|c| c.en.clone()).unwrap_or_default(),
            count: a.term.count,
            first_seen: a.term.first_seen.to_string(),
            surfaces: a.term.surfaces.join("|"),
        })
        .collect();
    match format {
        AlignFormat::Jsonl => {
            for r in &rows {
                let mut line = serde_json::to_vec(r).expect("a row serializes");
                line.push(b'\n');
                write_out(out, &line)?;
            }
        }
        AlignFormat::Tsv => {
            let mut bytes = Vec::new();
            crate::tsv::write_record(&mut bytes, AlignRow::COLUMNS);
            for r in &rows {
                crate::tsv::write_record(&mut bytes, r.fields());
            }
            write_out(out, &bytes)?;
        }
        AlignFormat::Csv => {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            let csv_err = |e: csv::Error| Error::io("-", std::io::Error::other(e.to_string()));
            w.write_record(AlignRow::COLUMNS).map_err(csv_err)?;
            for r in &rows {
                let fields = r.fields();
                w.write_record(
                    crate::spreadsheet::record(&fields)
                        .iter()
                        .map(|c| c.as_bytes()),
                )
                .map_err(csv_err)?;
            }
            let bytes = w.into_inner().map_err(|e| Error::io("-", e.into_error()))?;
            write_out(out, &bytes)?;
        }
    }
    out.flush().map_err(stdout_err)
}

/// Writes the proposed glossary rows for the unmatched terms to `path` (a
/// glossary CSV), refusing to write over any of `not_inputs`.
pub fn write_proposals(path: &Path, not_inputs: &[Input], aligned: &[Aligned<'_>]) -> Result<()> {
    check_not_input(path, not_inputs)?;
    let mut file = AtomicFile::create(path)?;
    Glossary::from_concepts(&pipeline::proposals(aligned))
        .write_csv(&mut file)
        .map_err(|e| Error::io(path, e))?;
    file.commit()
}

/// Extracts terms with every Kazakh form of the glossary added to the term
/// lexicon, so that glossary terms are found in any inflection.
pub fn extract_with_glossary(
    concepts: &[crate::glossary::Concept],
    inputs: &[Input],
    lossy: bool,
) -> Result<Vec<Term>> {
    let known = crate::pipeline::extract::Known::of_glossary(concepts);
    let settings = crate::pipeline::extract::Settings {
        lossy,
        ..Default::default()
    };
    crate::pipeline::extract::extract(inputs, &known, &settings)
}
