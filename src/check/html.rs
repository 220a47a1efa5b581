//! The HTML report of `kazterm check --format html`: one self-contained page
//! a translator can open, with each text shown in full, every finding
//! highlighted, and the glossary entry (Kazakh, Latin, English) and the fix
//! shown on hover. Files that cannot be shown whole (standard input,
//! bilingual files) list their findings with their sentence instead.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::Finding;
use crate::glossary::Concept;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn tooltip(f: &Finding, concepts: &HashMap<&str, &Concept>) -> String {
    let mut t = format!("{} [{}]: {}", f.severity, f.kind.name(), f.message);
    if !f.expected.is_empty() {
        let _ = write!(t, "\nfix: {}", f.expected);
    }
    if let Some(c) = concepts.get(f.concept.as_str()) {
        let _ = write!(t, "\nkk: {}  la: {}  en: {}", c.kk, c.la, c.en);
    }
    t
}

/// Writes the page. `texts` holds the full text of each file that can be
/// shown whole.
pub fn render(findings: &[Finding], concepts: &[Concept], texts: &[(String, String)]) -> String {
    let by_id: HashMap<&str, &Concept> = concepts.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"kk\">\n<head>\n<meta charset=\"utf-8\">\n<title>kazterm check</title>\n<style>\n\
         body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.6;color:#222}\n\
         pre.text{white-space:pre-wrap;font-family:inherit;background:#fafafa;padding:1em;border:1px solid #ddd}\n\
         mark{padding:0 .1em;border-bottom:2px solid;cursor:help}\n\
         mark.error{background:#fdd;border-color:#c00}mark.warning{background:#ffd;border-color:#c90}\n\
         table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em;vertical-align:top;text-align:left}\n\
         </style>\n</head>\n<body>\n<h1>kazterm check</h1>\n",
    );
    let _ = writeln!(page, "<p>{} finding(s).</p>", findings.len());
    for (file, text) in texts {
        let _ = writeln!(page, "<h2>{}</h2>", escape(file));
        // Byte spans of this file's findings.
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut spans: Vec<(usize, usize, &Finding)> = findings
            .iter()
            .filter(|f| &f.file == file && f.line >= 1 && f.line <= line_starts.len())
            .filter_map(|f| {
                let line_start = line_starts[f.line - 1];
                let start = line_start + text[line_start..].char_indices().nth(f.column - 1)?.0;
                text[start..]
                    .starts_with(&f.found)
                    .then(|| (start, start + f.found.len(), f))
            })
            .collect();
        spans.sort_by_key(|s| s.0);
        let mut html = String::new();
        let mut at = 0;
        for (start, end, f) in spans {
            if start < at {
                continue;
            }
            html.push_str(&escape(&text[at..start]));
            let _ = write!(
                html,
                "<mark class=\"{}\" title=\"{}\">{}</mark>",
                f.severity,
                escape(&tooltip(f, &by_id)),
                escape(&text[start..end])
            );
            at = end;
        }
        html.push_str(&escape(&text[at..]));
        let _ = writeln!(page, "<pre class=\"text\">{html}</pre>");
    }
    let shown: Vec<&str> = texts.iter().map(|(f, _)| f.as_str()).collect();
    let rest: Vec<&Finding> = findings
        .iter()
        .filter(|f| !shown.contains(&f.file.as_str()))
        .collect();
    if !rest.is_empty() {
        page.push_str(
            "<table>\n<tr><th>where</th><th>kind</th><th>context</th><th>fix</th></tr>\n",
        );
        for f in rest {
            let context = match f.context.find(&f.found).filter(|_| !f.found.is_empty()) {
                Some(i) => format!(
                    "{}<mark class=\"{}\" title=\"{}\">{}</mark>{}",
                    escape(&f.context[..i]),
                    f.severity,
                    escape(&tooltip(f, &by_id)),
                    escape(&f.found),
                    escape(&f.context[i + f.found.len()..])
                ),
                None => escape(&f.context),
            };
            let _ = writeln!(
                page,
                "<tr><td>{}:{}:{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&f.file),
                f.line,
                f.column,
                if f.segment.is_empty() {
                    String::new()
                } else {
                    format!(" (unit {})", escape(&f.segment))
                },
                f.kind.name(),
                context,
                escape(&f.expected)
            );
        }
        page.push_str("</table>\n");
    }
    page.push_str("</body>\n</html>\n");
    page
}
