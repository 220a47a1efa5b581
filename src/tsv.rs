//! Plain TSV, the one writer every command's `--format tsv` uses.
//!
//! Plain means: one record a line, fields separated by tabs, no quoting.
//! A field never holds a tab, a newline or a carriage return: those are
//! written as the escapes `\t`, `\n`, `\r`, and a backslash as `\\` (the
//! convention of PostgreSQL's text COPY format and of `linear TSV`), so
//! `cut -f`, `awk -F'\t'` and spreadsheet imports read every row whole.
//! Callers fold white space where a line break carries no meaning (a term
//! broken over two lines is stored with one space) before they get here.

use std::borrow::Cow;

/// A field with tabs, line breaks and backslashes escaped; borrowed when
/// it needs nothing (the usual case).
///
/// ```
/// use kazterm::tsv::escape;
/// assert_eq!(escape("без"), "без");
/// assert_eq!(escape("a\tb\nc\\d"), "a\\tb\\nc\\\\d");
/// ```
pub fn escape(field: &str) -> Cow<'_, str> {
    if !field.contains(['\t', '\n', '\r', '\\']) {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Appends one record (fields escaped, tab-separated, a newline after) to
/// `out`.
///
/// ```
/// let mut out = Vec::new();
/// kazterm::tsv::write_record(&mut out, ["a", "b c", "d\te"]);
/// assert_eq!(out, b"a\tb c\td\\te\n");
/// ```
pub fn write_record<I, S>(out: &mut Vec<u8>, fields: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        out.extend_from_slice(escape(field.as_ref()).as_bytes());
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_is_one_line_of_the_same_width() {
        let mut out = Vec::new();
        write_record(&mut out, ["x\ny", "\"quoted\"", "tab\there", "back\\slash"]);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert_eq!(text.trim_end().split('\t').count(), 4);
        assert!(text.contains("\"quoted\""), "no CSV quoting: {text}");
    }
}
