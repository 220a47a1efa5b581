//! CSV that spreadsheets open safely: a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice
//! and Google Sheets, so a term or a sentence from an untrusted text could
//! run one (CSV injection). As the OWASP guidance on CSV injection
//! recommends, such a cell is written with a leading apostrophe, which the
//! spreadsheet shows as text; kazterm's own CSV readers take the apostrophe
//! off again ([`restore`]), so a glossary survives the round trip. Only the
//! CSV outputs do this: TSV and JSON Lines stay verbatim.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to CSV: with a leading `'` when it would start a
/// formula.
///
/// ```
/// use kazterm::spreadsheet::defuse;
/// assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(defuse("-itis"), "'-itis");
/// assert_eq!(defuse("без"), "без");
/// ```
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as read from CSV that kazterm (or a careful user) defused: the
/// leading `'` before a formula character taken off.
///
/// ```
/// use kazterm::spreadsheet::{defuse, restore};
/// assert_eq!(restore(&defuse("-itis")), "-itis");
/// assert_eq!(restore("'quoted"), "'quoted"); // not a defused formula
/// ```
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// Every cell of a record defused.
pub fn record<'a, I, S>(cells: I) -> Vec<Cow<'a, str>>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + 'a + ?Sized,
{
    cells.into_iter().map(|c| defuse(c.as_ref())).collect()
}
