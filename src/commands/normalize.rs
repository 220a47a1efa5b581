//! `kazterm normalize`: repaired text on standard output, changes as JSON lines.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::write_out;
use crate::error::{Error, Result};
use crate::input::{BadBytes, BlockReader, Input};
use crate::normalize::{Change, NormalizeStream, Rule};
use crate::output::{check_not_input, AtomicFile};
use crate::translit;

/// The script to write the normalized text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TargetScript {
    /// Kazakh Cyrillic, as the input is (no transliteration).
    #[default]
    Cyrillic,
    /// The 2021 Latin alphabet.
    Latin,
}

/// Options of `kazterm normalize`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// Transliterate the output.
    pub to: Option<TargetScript>,
    /// Write one JSON line per change to this file.
    pub report: Option<PathBuf>,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Bytes read.
    pub bytes: u64,
    /// Changes made.
    pub changes: u64,
    /// Inputs in which invalid UTF-8 was replaced (with `--lossy`).
    pub lossy_inputs: Vec<(String, usize, u64)>,
}

/// One line of the report.
#[derive(Serialize)]
struct ReportLine<'a> {
    file: String,
    #[serde(flatten)]
    change: &'a Change,
}

/// Normalizes every input to `out`, writing the report if asked.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<Summary> {
    let mut report = match &opts.report {
        Some(path) => {
            check_not_input(path, &opts.inputs)?;
            Some(AtomicFile::create(path)?)
        }
        None => None,
    };
    let mut summary = Summary::default();
    for input in &opts.inputs {
        normalize_input(input, opts, out, report.as_mut(), &mut summary)?;
    }
    out.flush().map_err(super::stdout_err)?;
    if let Some(report) = report {
        report.commit()?;
    }
    Ok(summary)
}

fn normalize_input(
    input: &Input,
    opts: &Options,
    out: &mut dyn Write,
    mut report: Option<&mut AtomicFile>,
    summary: &mut Summary,
) -> Result<()> {
    let mut reader = BlockReader::new(input.open()?, input.path(), opts.lossy);
    let mut stream = NormalizeStream::new();
    let (mut block, mut text, mut changes, mut bad) =
        (String::new(), String::new(), Vec::new(), Vec::new());
    let mut all_bad: Vec<BadBytes> = Vec::new();
    let file = input.to_string();
    let mut last = false;
    while !last {
        let bad_before = all_bad.len();
        last = reader.next_block(&mut block, &mut bad)?.is_none();
        all_bad.append(&mut bad);
        text.clear();
        changes.clear();
        if last {
            stream.finish(&mut text, &mut changes);
        } else {
            summary.bytes += block.len() as u64;
            stream.push(&block, &mut text, &mut changes);
        }
        if all_bad.len() > bad_before {
            report_bad_bytes(&all_bad[bad_before..], &all_bad[..bad_before], &mut changes);
        }
        summary.changes += changes.len() as u64;
        if let Some(report) = report.as_deref_mut() {
            write_report(report, &file, &mut changes, &all_bad)?;
        }
        match opts.to {
            Some(TargetScript::Latin) => write_out(out, translit::to_latin(&text).as_bytes())?,
            Some(TargetScript::Cyrillic) => {
                write_out(out, translit::to_cyrillic(&text).as_bytes())?
            }
            None => write_out(out, text.as_bytes())?,
        }
    }
    if let Some(first) = all_bad.first() {
        summary
            .lossy_inputs
            .push((file, all_bad.len(), first.offset));
    }
    Ok(())
}

/// Adds an `invalid_utf8` change for each replaced sequence. Like every other
/// change, its offset is first a position in the decoded text;
/// [`write_report`] maps all offsets back to input bytes.
fn report_bad_bytes(new: &[BadBytes], earlier: &[BadBytes], changes: &mut Vec<Change>) {
    let mut growth: u64 = earlier.iter().map(replacement_growth).sum();
    for b in new {
        changes.push(Change {
            offset: b.offset + growth,
            line: b.line,
            column: b.column,
            before: format!("{} invalid byte(s)", b.len),
            after: "\u{fffd}".to_string(),
            rule: Rule::InvalidUtf8,
        });
        growth += replacement_growth(b);
    }
    changes.sort_by_key(|c| c.offset);
}

/// How many bytes longer the decoded text got where U+FFFD (3 bytes) replaced
/// `b` (1 to 3 bytes).
fn replacement_growth(b: &BadBytes) -> u64 {
    3u64.saturating_sub(b.len as u64)
}

/// The input byte offset of a position in the decoded text.
fn decoded_to_input(offset: u64, bad: &[BadBytes]) -> u64 {
    let mut growth = 0;
    for b in bad {
        if b.offset + growth >= offset {
            break;
        }
        growth += replacement_growth(b);
    }
    offset - growth
}

/// Writes changes as JSON lines, with offsets in input bytes.
fn write_report(
    report: &mut AtomicFile,
    file: &str,
    changes: &mut [Change],
    bad: &[BadBytes],
) -> Result<()> {
    let path = report.path().to_path_buf();
    for change in changes.iter_mut() {
        change.offset = decoded_to_input(change.offset, bad);
        let line = ReportLine {
            file: file.to_string(),
            change,
        };
        serde_json::to_writer(&mut *report, &line).map_err(|e| Error::io(&path, e.into()))?;
        report.write_all(b"\n").map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_offsets_map_back_to_input_bytes() {
        // Input "a\xFFb": the bad byte at 1 became 3 bytes, so "b" moved from 2 to 4.
        let bad = [BadBytes {
            offset: 1,
            len: 1,
            line: 1,
            column: 2,
        }];
        assert_eq!(decoded_to_input(0, &bad), 0);
        assert_eq!(decoded_to_input(1, &bad), 1);
        assert_eq!(decoded_to_input(4, &bad), 2);
    }
}
