//! Anki's text-import format ("Notes in Plain Text") with its file headers,
//! for users who prefer File → Import: `#separator:tab`, `#html:true`,
//! `#notetype:`, `#deck column:`, `#guid column:`, `#tags column:`.
//!
//! `#notetype` must name a note type the collection already has, or Anki
//! falls back to Basic and fills it column by column (Back would get the
//! Latin). So the default is Anki's built-in `Basic`, which every
//! collection has: Front the Kazakh term, Back the English with the Latin,
//! Greek and example sentence. `--notetype kazterm` names our own
//! `kazterm term` with all its fields, for a collection that has it (the
//! .apkg imported once). Every field is quoted, so no data line can start
//! with `#` (Anki would take it for a comment).

use std::io::Write;

use super::{Note, NOTETYPE};

/// The note type a text file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextNotetype {
    /// `kazterm term` with all its fields.
    Kazterm,
    /// Anki's built-in Basic: Front (Kazakh), Back (the rest).
    #[default]
    Basic,
}

fn quote(field: &str) -> String {
    let clean = field.replace(['\t', '\n', '\r'], " ");
    format!("\"{}\"", clean.replace('"', "\"\""))
}

/// Writes notes (cloze notes are left out: they need their own file).
pub fn write(notes: &[Note], notetype: TextNotetype, out: &mut dyn Write) -> std::io::Result<()> {
    let (name, width) = match notetype {
        TextNotetype::Kazterm => (NOTETYPE, super::FIELDS.len()),
        TextNotetype::Basic => ("Basic", 2),
    };
    writeln!(out, "#separator:tab")?;
    writeln!(out, "#html:true")?;
    writeln!(out, "#notetype:{name}")?;
    writeln!(out, "#guid column:1")?;
    writeln!(out, "#deck column:2")?;
    writeln!(out, "#tags column:{}", width + 3)?;
    for n in notes.iter().filter(|n| !n.cloze) {
        let fields: Vec<String> = match notetype {
            TextNotetype::Kazterm => n.fields.clone(),
            TextNotetype::Basic => {
                let mut back = n.fields[3].clone();
                for (k, wrap) in [(1, "i"), (2, "span"), (6, "div")] {
                    if !n.fields[k].is_empty() {
                        back.push_str(&format!("<br><{wrap}>{}</{wrap}>", n.fields[k]));
                    }
                }
                vec![n.fields[0].clone(), back]
            }
        };
        let mut row = vec![quote(&n.guid), quote(&n.deck)];
        row.extend(fields.iter().map(|f| quote(f)));
        row.push(quote(&n.tags.join(" ")));
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}
