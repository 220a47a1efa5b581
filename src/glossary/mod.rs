//! The trilingual glossary: one concept per CSV row, shared by alignment,
//! checking and flashcards.
//!
//! Columns (header names exactly): `id`, `kk`, `kk_variants`,
//! `kk_deprecated`, `la`, `grc`, `en`, `en_variants`, `category`,
//! `etymology`, `note`, `source`; lists are `|`-separated. Columns a user
//! adds are kept, in place, on every rewrite. A UTF-8 byte-order mark and
//! CRLF line ends are accepted. [`Glossary::validate`] reports every problem
//! with its line and column; [`tbx`] writes and reads TBX.

pub mod align;
pub mod export;
pub mod propose;
pub mod tbx;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::normalize::clean_word;

/// The columns every glossary has, in their usual order.
pub const COLUMNS: [&str; 12] = [
    "id",
    "kk",
    "kk_variants",
    "kk_deprecated",
    "la",
    "grc",
    "en",
    "en_variants",
    "category",
    "etymology",
    "note",
    "source",
];

/// The categories a concept may have.
pub const CATEGORIES: [&str; 13] = [
    "gland",
    "hormone",
    "disease",
    "condition",
    "anatomy",
    "substance",
    "body_fluid",
    "cell",
    "organism",
    "drug",
    "procedure",
    "etymon",
    "other",
];

/// One row as read: its 1-based line and its fields in header order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the row in the file.
    pub line: u64,
    /// The fields, in the order of the header.
    pub fields: Vec<String>,
}

/// A glossary: its header and rows, exactly as in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glossary {
    /// The header's column names.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// One concept: a typed view of a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Concept {
    /// 1-based line in the file (0 when built in memory).
    pub line: u64,
    /// Stable identifier, e.g. `gland.thyroid`.
    pub id: String,
    /// The preferred Kazakh term, as a lemma.
    pub kk: String,
    /// Other accepted Kazakh forms.
    pub kk_variants: Vec<String>,
    /// Kazakh forms to avoid.
    pub kk_deprecated: Vec<String>,
    /// Latin (Terminologia Anatomica, INN).
    pub la: String,
    /// Greek etymon(s), in Greek script.
    pub grc: String,
    /// English.
    pub en: String,
    /// Other English forms.
    pub en_variants: Vec<String>,
    /// gland, hormone, disease, condition, anatomy, substance, body_fluid, cell,
    /// organism, drug, procedure, etymon, other.
    pub category: String,
    /// Etymology.
    pub etymology: String,
    /// Note.
    pub note: String,
    /// Source.
    pub source: String,
    /// Columns the user added: (name, value).
    pub extra: Vec<(String, String)>,
}

/// A problem found by validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: u64,
    /// 1-based column (field number); 0 for the whole row.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// True when the glossary cannot be used as it is (its structure is
    /// broken: a column missing or repeated, a row with the wrong number of
    /// fields, a concept without id or Kazakh term, no concept at all):
    /// every command but `glossary validate` refuses it.
    pub fatal: bool,
}

/// The columns a glossary cannot do without; it needs `en` or `la` too.
pub const REQUIRED: [&str; 2] = ["id", "kk"];

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

impl Glossary {
    /// Reads a glossary file.
    pub fn read(path: &Path) -> Result<Glossary> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Glossary::parse(&bytes, &path.display().to_string())
    }

    /// Parses glossary CSV; `name` names it in errors. Rows with the wrong
    /// number of fields are kept (validation reports them).
    pub fn parse(bytes: &[u8], name: &str) -> Result<Glossary> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            path: name.into(),
            offset: e.valid_up_to() as u64,
            line: bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1,
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(name, e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(name, e))?;
            let line = record.position().map_or(0, |p| p.line());
            rows.push(Row {
                line,
                fields: record
                    .iter()
                    .map(|f| crate::spreadsheet::restore(f).to_string())
                    .collect(),
            });
        }
        Ok(Glossary { headers, rows })
    }

    /// The index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    fn field<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.column(name)
            .and_then(|i| row.fields.get(i))
            .map_or("", |s| s.trim())
    }

    /// The concepts, in row order.
    pub fn concepts(&self) -> Vec<Concept> {
        self.rows
            .iter()
            .map(|row| Concept {
                line: row.line,
                id: self.field(row, "id").to_string(),
                kk: self.field(row, "kk").to_string(),
                kk_variants: split_list(self.field(row, "kk_variants")),
                kk_deprecated: split_list(self.field(row, "kk_deprecated")),
                la: self.field(row, "la").to_string(),
                grc: self.field(row, "grc").to_string(),
                en: self.field(row, "en").to_string(),
                en_variants: split_list(self.field(row, "en_variants")),
                category: self.field(row, "category").to_string(),
                etymology: self.field(row, "etymology").to_string(),
                note: self.field(row, "note").to_string(),
                source: self.field(row, "source").to_string(),
                extra: self
                    .headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| !COLUMNS.contains(&h.as_str()))
                    .map(|(i, h)| (h.clone(), row.fields.get(i).cloned().unwrap_or_default()))
                    .collect(),
            })
            .collect()
    }

    /// Builds a glossary from concepts (standard columns, then the extra
    /// columns in the order they first appear).
    pub fn from_concepts(concepts: &[Concept]) -> Glossary {
        let mut headers: Vec<String> = COLUMNS.iter().map(|s| s.to_string()).collect();
        for c in concepts {
            for (name, _) in &c.extra {
                if !headers.contains(name) {
                    headers.push(name.clone());
                }
            }
        }
        let rows = concepts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut fields: Vec<String> = vec![
                    c.id.clone(),
                    c.kk.clone(),
                    c.kk_variants.join("|"),
                    c.kk_deprecated.join("|"),
                    c.la.clone(),
                    c.grc.clone(),
                    c.en.clone(),
                    c.en_variants.join("|"),
                    c.category.clone(),
                    c.etymology.clone(),
                    c.note.clone(),
                    c.source.clone(),
                ];
                for name in &headers[COLUMNS.len()..] {
                    fields.push(
                        c.extra
                            .iter()
                            .find(|(n, _)| n == name)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default(),
                    );
                }
                Row {
                    line: i as u64 + 2,
                    fields,
                }
            })
            .collect();
        Glossary { headers, rows }
    }

    /// Writes the glossary as CSV (header, then rows, unknown columns kept),
    /// cells that would start a spreadsheet formula defused
    /// ([`crate::spreadsheet`]; [`Glossary::parse`] restores them).
    pub fn write_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(out);
        w.write_record(
            crate::spreadsheet::record(&self.headers)
                .iter()
                .map(|c| c.as_bytes()),
        )?;
        for row in &self.rows {
            w.write_record(
                crate::spreadsheet::record(&row.fields)
                    .iter()
                    .map(|c| c.as_bytes()),
            )?;
        }
        w.flush()
    }

    /// Every problem of the glossary, in file order; [`Problem::fatal`]
    /// marks those that make it unusable.
    ///
    /// ```
    /// let g = kazterm::glossary::Glossary::parse(b"id,kk,category\nx,,gland\nx,\xd0\xb1\xd0\xb5\xd0\xb7,organ\n", "g.csv").unwrap();
    /// let problems = g.validate();
    /// assert!(problems.iter().any(|p| p.message.contains("missing column `la`")));
    /// assert!(problems.iter().any(|p| p.line == 2 && p.message.contains("empty `kk`")));
    /// assert!(problems.iter().any(|p| p.line == 3 && p.message.contains("duplicate id `x`")));
    /// assert!(problems.iter().any(|p| p.fatal));
    /// ```
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |line: u64, column: usize, fatal: bool, message: String| {
            problems.push(Problem {
                line,
                column,
                message,
                fatal,
            })
        };
        for (i, name) in self.headers.iter().enumerate() {
            if let Some(first) = self.headers[..i].iter().position(|h| h == name) {
                problem(
                    1,
                    i + 1,
                    true,
                    format!("duplicate column `{name}` (also column {})", first + 1),
                );
            }
        }
        for name in COLUMNS {
            if self.column(name).is_none() {
                let fatal = REQUIRED.contains(&name)
                    || (matches!(name, "en" | "la")
                        && self.column("en").is_none()
                        && self.column("la").is_none());
                problem(1, 0, fatal, format!("missing column `{name}`"));
            }
        }
        if self.rows.is_empty() {
            problem(
                1,
                0,
                true,
                "no concepts: expected a row per concept after the header".into(),
            );
        }
        let col = |name: &str| self.column(name).map_or(0, |i| i + 1);
        let mut ids: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
        let mut forms: std::collections::HashMap<String, (String, u64)> =
            std::collections::HashMap::new();
        for (row, c) in self.rows.iter().zip(self.concepts()) {
            if row.fields.len() != self.headers.len() {
                problem(
                    row.line,
                    0,
                    true,
                    format!(
                        "expected {} fields, found {} (an unbalanced quote?)",
                        self.headers.len(),
                        row.fields.len()
                    ),
                );
            }
            // A quote left open swallows the following lines into a field.
            for (k, field) in row.fields.iter().enumerate() {
                let name = self.headers.get(k).map_or("", String::as_str);
                if field.contains('\n') && !matches!(name, "note" | "etymology") {
                    problem(
                        row.line,
                        k + 1,
                        true,
                        format!("`{name}` runs over several lines (an unbalanced quote?)"),
                    );
                }
            }
            if c.id.is_empty() {
                problem(row.line, col("id"), true, "empty `id`".to_string());
            } else if let Some(first) = ids.get(&c.id) {
                problem(
                    row.line,
                    col("id"),
                    true,
                    format!("duplicate id `{}` (first on line {first})", c.id),
                );
            } else {
                ids.insert(c.id.clone(), row.line);
                if !tbx::is_xml_id(&c.id) {
                    problem(row.line, col("id"), false, format!("id `{}` is not a valid XML ID (a letter or _ first; letters, digits, . - _ after)", c.id));
                }
            }
            if c.kk.is_empty() {
                problem(row.line, col("kk"), true, "empty `kk`".to_string());
            }
            if self.column("category").is_some() && !CATEGORIES.contains(&c.category.as_str()) {
                problem(
                    row.line,
                    col("category"),
                    false,
                    format!(
                        "unknown category `{}` (expected one of {})",
                        c.category,
                        CATEGORIES.join(", ")
                    ),
                );
            }
            let kk_forms = std::iter::once((&c.kk, "kk"))
                .chain(c.kk_variants.iter().map(|v| (v, "kk_variants")))
                .chain(c.kk_deprecated.iter().map(|v| (v, "kk_deprecated")));
            for (form, column) in kk_forms {
                if form.is_empty() {
                    continue;
                }
                let repaired: Vec<String> = form
                    .split_whitespace()
                    .map(|w| clean_word(w).into_owned())
                    .collect();
                if repaired.join(" ") != *form {
                    problem(
                        row.line,
                        col(column),
                        false,
                        format!(
                            "`{form}` mixes scripts or has stand-in letters; normalized it is `{}`",
                            repaired.join(" ")
                        ),
                    );
                }
                let key = form.to_lowercase();
                match forms.get(&key) {
                    Some((other, line)) if *other != c.id => problem(
                        row.line,
                        col(column),
                        false,
                        format!("`{form}` is also a form of `{other}` (line {line})"),
                    ),
                    Some(_) => {}
                    None => {
                        forms.insert(key, (c.id.clone(), row.line));
                    }
                }
            }
        }
        problems.sort_by_key(|p| (p.line, p.column));
        problems
    }

    /// Reads a glossary for use: [`Glossary::read`], then refused (an
    /// [`Error::InvalidGlossary`] listing the problems) when
    /// [`Glossary::validate`] finds it unusable. Every command but
    /// `glossary validate` reads its glossary this way.
    ///
    /// ```
    /// use std::path::Path;
    /// assert!(kazterm::glossary::Glossary::load(Path::new("glossary/endocrine.csv")).is_ok());
    /// assert!(kazterm::glossary::Glossary::load(Path::new("README.md")).is_err());
    /// ```
    pub fn load(path: &Path) -> Result<Glossary> {
        let glossary = Glossary::read(path)?;
        let fatal: Vec<Problem> = glossary
            .validate()
            .into_iter()
            .filter(|p| p.fatal)
            .collect();
        if fatal.is_empty() {
            Ok(glossary)
        } else {
            Err(Error::InvalidGlossary {
                path: path.to_path_buf(),
                problems: fatal,
            })
        }
    }
}

fn csv_error(name: &str, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize);
    Error::Table {
        file: name.to_string(),
        line,
        message: format!("not readable as CSV: {e}"),
    }
}

/// The Kazakh forms of a glossary (preferred, variants, deprecated, and the
/// English short forms Kazakh texts write as they are) as extra terms for
/// the extractor, least preferred first.
///
/// ```
/// let g = kazterm::glossary::Glossary::read(std::path::Path::new("glossary/endocrine.csv")).unwrap();
/// let terms = kazterm::glossary::extractor_terms(&g.concepts());
/// assert!(terms.iter().any(|(t, _)| t == "қалқанша без"));
/// ```
pub fn extractor_terms(concepts: &[Concept]) -> Vec<(String, crate::extract::Category)> {
    use crate::extract::Category;
    let mut extra: Vec<(String, Category)> = Vec::new();
    for c in concepts {
        let category = Category::parse(&c.category).unwrap_or(Category::Other);
        if category == Category::Etymon {
            continue;
        }
        // Least preferred first: a later form with the same lemmas names the
        // term, so the preferred form wins (қалқанша без over қалқанша безі).
        // English short forms (T4, TSH) are written as they are in Kazakh
        // texts: they are forms of the concept too.
        let english_short = c
            .en_variants
            .iter()
            .filter(|v| crate::extract::abbreviations::is_short_form(v));
        for form in c
            .kk_deprecated
            .iter()
            .chain(english_short)
            .chain(&c.kk_variants)
            .chain(std::iter::once(&c.kk))
        {
            if !form.is_empty() {
                extra.push((form.clone(), category));
            }
        }
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_glossary_is_valid_and_large() {
        let g = Glossary::read(Path::new("glossary/endocrine.csv")).unwrap();
        let problems = g.validate();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(g.rows.len() >= 120, "{}", g.rows.len());
    }

    #[test]
    fn bom_and_crlf_are_accepted_and_extra_columns_kept() {
        let text = "\u{feff}id,kk,kk_variants,kk_deprecated,la,grc,en,en_variants,category,etymology,note,source,reviewer\r\ngland.generic,без,,,glandula,,gland,,gland,,,,Айгүл\r\n";
        let g = Glossary::parse(text.as_bytes(), "g.csv").unwrap();
        assert!(g.validate().is_empty(), "{:?}", g.validate());
        let c = &g.concepts()[0];
        assert_eq!(c.extra, vec![("reviewer".to_string(), "Айгүл".to_string())]);
        let mut out = Vec::new();
        Glossary::from_concepts(&g.concepts())
            .write_csv(&mut out)
            .unwrap();
        assert!(String::from_utf8(out).unwrap().contains(",reviewer\n"));
    }
}
