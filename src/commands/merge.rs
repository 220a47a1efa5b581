//! `kazterm merge`: combines `kazterm extract --format jsonl` outputs of
//! shards into exactly what one run over the union gives: counts summed,
//! surfaces in order of appearance, first_seen the earliest in path order,
//! details from the earliest shard that has them, contexts capped. That
//! makes `kazterm extract` a mapper and `kazterm merge` a reducer.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{stdout_err, write_out};
use crate::error::{Error, Result};

/// One row of `extract --format jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    lemma: String,
    category: String,
    origin: String,
    surfaces: Vec<String>,
    count: usize,
    first_seen: String,
    decomposition: String,
    gloss_kk: String,
    headword: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    contexts: Option<Vec<String>>,
}

/// `file:line:col` as a sortable key: path, then line, then column. Paths
/// compare as a run walks folders, component by component (`a/x.txt`
/// before `a-b/y.txt`, though `-` sorts before `/` as text).
fn position(first_seen: &str) -> (PathBuf, usize, usize) {
    let mut parts = first_seen.rsplitn(3, ':');
    let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    (PathBuf::from(parts.next().unwrap_or("")), line, col)
}

/// Merges shard files (JSON lines) and writes the result as JSON lines.
pub fn run(shards: &[PathBuf], contexts: Option<usize>, out: &mut dyn Write) -> Result<usize> {
    let mut texts = Vec::new();
    for path in shards {
        texts.push((path.display().to_string(), crate::input::read_file(path)?));
    }
    merge(&texts, contexts, out)
}

/// Merges shards given as (name, JSON lines) and writes the result.
pub fn merge(
    shards: &[(String, String)],
    contexts: Option<usize>,
    out: &mut dyn Write,
) -> Result<usize> {
    let mut rows: Vec<Row> = Vec::new();
    for (name, text) in shards {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let row: Row = serde_json::from_str(line).map_err(|e| Error::Table {
                file: name.clone(),
                line: i + 1,
                message: format!("expected a row of `kazterm extract --format jsonl`: {e}"),
            })?;
            rows.push(row);
        }
    }
    // Earliest first: the order a single run meets the occurrences in.
    rows.sort_by_key(|r| position(&r.first_seen));
    let cap = contexts.unwrap_or_else(|| {
        rows.iter()
            .filter_map(|r| r.contexts.as_ref().map(Vec::len))
            .max()
            .unwrap_or(0)
    });
    let mut merged: Vec<Row> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let key = row.lemma.to_lowercase();
        match index.get(&key) {
            None => {
                index.insert(key, merged.len());
                merged.push(row);
            }
            Some(&i) => {
                let m = &mut merged[i];
                m.count = m.count.checked_add(row.count).ok_or_else(|| {
                    Error::Usage(format!(
                        "merge: the counts of `{}` add up to more than {} (are these really shards of one corpus?)",
                        m.lemma,
                        usize::MAX
                    ))
                })?;
                for s in row.surfaces {
                    if !m.surfaces.contains(&s) {
                        m.surfaces.push(s);
                    }
                }
                for (field, value) in [
                    (&mut m.decomposition, row.decomposition),
                    (&mut m.gloss_kk, row.gloss_kk),
                    (&mut m.headword, row.headword),
                ] {
                    if field.is_empty() {
                        *field = value;
                    }
                }
                if let (Some(mine), Some(theirs)) = (m.contexts.as_mut(), row.contexts) {
                    for c in theirs {
                        if mine.len() < cap && !mine.contains(&c) {
                            mine.push(c);
                        }
                    }
                }
            }
        }
    }
    for m in &merged {
        let mut line = serde_json::to_vec(m).expect("a row serializes");
        line.push(b'\n');
        write_out(out, &line)?;
    }
    out.flush().map_err(stdout_err)?;
    Ok(merged.len())
}
