//! Glossary exports besides TBX: CSV and TSV with the glossary's columns,
//! and OmegaT's tab-separated glossary (`source<TAB>target<TAB>comment`,
//! English source, Kazakh target; OmegaT reads `.utf8` glossary files).

use std::io::Write;

use super::{Concept, Glossary};

/// Writes the glossary as TSV (the CSV columns, tabs between them; tabs and
/// newlines inside a field become spaces).
pub fn write_tsv(glossary: &Glossary, out: &mut dyn Write) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    writeln!(out, "{}", glossary.headers.join("\t"))?;
    for row in &glossary.rows {
        let fields: Vec<String> = row.fields.iter().map(|f| clean(f)).collect();
        writeln!(out, "{}", fields.join("\t"))?;
    }
    Ok(())
}

/// Writes an OmegaT glossary: one line per English form (preferred and
/// variants) with the preferred Kazakh term, and the Latin form, category
/// and accepted Kazakh variants as the comment.
pub fn write_omegat(concepts: &[Concept], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# OmegaT glossary exported by kazterm: English → Kazakh"
    )?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for c in concepts {
        if c.en.is_empty() || c.kk.is_empty() {
            continue;
        }
        let mut comment = Vec::new();
        if !c.la.is_empty() {
            comment.push(format!("la: {}", c.la));
        }
        if !c.category.is_empty() {
            comment.push(c.category.clone());
        }
        if !c.kk_variants.is_empty() {
            comment.push(format!("also: {}", c.kk_variants.join(", ")));
        }
        if !c.kk_deprecated.is_empty() {
            comment.push(format!("avoid: {}", c.kk_deprecated.join(", ")));
        }
        for en in std::iter::once(&c.en).chain(&c.en_variants) {
            writeln!(
                out,
                "{}\t{}\t{}",
                clean(en),
                clean(&c.kk),
                clean(&comment.join("; "))
            )?;
        }
    }
    Ok(())
}
