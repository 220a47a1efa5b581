//! A reader for kazterm's tab-separated data tables.
//!
//! Linguistic knowledge (look-alike letters, suffixes, abbreviations,
//! transliteration) lives in `data/*.tsv` files embedded with `include_str!`.
//! They share one format: UTF-8, one record a line, fields separated by tabs,
//! `#` starting a comment line, blank lines ignored. This module splits them and
//! reports malformed lines with the table's name and line number.

use crate::error::{Error, Result};

/// One record of a data table: its 1-based line number and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// 1-based line number in the table.
    pub line: usize,
    /// The tab-separated fields, untrimmed.
    pub fields: Vec<&'a str>,
}

/// Splits a table into records, requiring exactly `columns` fields per record.
///
/// ```
/// let rows = kazterm::table::records("demo", "# comment\nа\ta\n\nо\to\n", 2).unwrap();
/// assert_eq!(rows.len(), 2);
/// assert_eq!(rows[1].line, 4);
/// assert_eq!(rows[1].fields, vec!["о", "o"]);
/// ```
pub fn records<'a>(name: &str, text: &'a str, columns: usize) -> Result<Vec<Record<'a>>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != columns {
            return Err(Error::Table {
                file: name.to_string(),
                line: i + 1,
                message: format!(
                    "expected {columns} tab-separated fields, found {}",
                    fields.len()
                ),
            });
        }
        out.push(Record {
            line: i + 1,
            fields,
        });
    }
    Ok(out)
}

/// Parses a field that must hold exactly one character.
pub fn one_char(name: &str, line: usize, field: &str) -> Result<char> {
    let mut it = field.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(Error::Table {
            file: name.to_string(),
            line,
            message: format!("expected one character, found {field:?}"),
        }),
    }
}

/// Parses a field that holds a hexadecimal code point such as `00A0`.
pub fn code_point(name: &str, line: usize, field: &str) -> Result<char> {
    u32::from_str_radix(field, 16)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| Error::Table {
            file: name.to_string(),
            line,
            message: format!("expected a hexadecimal code point, found {field:?}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_field_count_names_table_and_line() {
        let err = records("t.tsv", "a\tb\nc\n", 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:2: expected 2 tab-separated fields, found 1"
        );
    }

    #[test]
    fn code_points_and_chars_parse() {
        assert_eq!(code_point("t", 1, "00A0").unwrap(), '\u{a0}');
        assert!(code_point("t", 1, "zz").is_err());
        assert_eq!(one_char("t", 1, "ә").unwrap(), 'ә');
        assert!(one_char("t", 1, "ab").is_err());
    }
}
