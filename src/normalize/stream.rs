//! The line engine: white space, dashes and line ends, over streamed blocks.
//!
//! [`NormalizeStream`] takes consecutive blocks of one input and writes the
//! normalized text. It splits every line into white-space gaps and chunks of
//! non-space characters. Gaps between chunks become one space; gaps at the
//! start and end of a line are dropped; a dash standing alone between two
//! chunks becomes the em dash; chunks that a cheap scan finds suspicious go to
//! [`chunk::rewrite_chunk`](super::chunk). Blank lines at the end of the input
//! are dropped and a missing final newline is added.
//!
//! Blocks may end anywhere on a character boundary: a line cut between two
//! blocks is carried over as state (the pending gap and dash), so the output
//! does not depend on where the blocks were cut.

use super::chunk::{rewrite_chunk, LocalChange};
use super::tables::{Special, Tables, TABLES};
use super::{Change, Rule};
use crate::script::{is_letter, script_of, Script};

/// A position in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pos {
    offset: u64,
    line: u64,
    column: u64,
}

/// Text seen but not yet written, with where it started. The buffer is
/// reused, so holding back the space between two words costs no allocation.
#[derive(Debug, Default)]
struct Pending {
    pos: Option<Pos>,
    text: String,
}

impl Pending {
    /// Starts holding `text`, or extends what is held (a gap cut between two
    /// blocks continues).
    fn hold(&mut self, text: &str, pos: Pos) {
        if self.pos.is_none() {
            self.pos = Some(pos);
            self.text.clear();
        }
        self.text.push_str(text);
    }

    /// Releases what is held: its position, with the text left in `self.text`
    /// until the next `hold`.
    fn take(&mut self) -> Option<Pos> {
        self.pos.take()
    }
}

/// Something of an empty line, held back until it is known whether the line
/// is inside the text (written) or at its end (dropped).
#[derive(Debug, Clone)]
enum Held {
    /// The newline of an empty line, at this position.
    Newline(Pos),
    /// The report of white space removed from an empty line.
    Change(Change),
}

/// Streaming normalizer over consecutive blocks of one input.
///
/// ```
/// use kazterm::normalize::NormalizeStream;
/// let mut stream = NormalizeStream::new();
/// let (mut out, mut changes) = (String::new(), Vec::new());
/// stream.push("Гипофиз –\tбез", &mut out, &mut changes);
/// stream.push(".  \n\n", &mut out, &mut changes);
/// stream.finish(&mut out, &mut changes);
/// assert_eq!(out, "Гипофиз — без.\n");
/// assert_eq!(changes.len(), 4); // dash, tab, trailing spaces, blank line
/// ```
#[derive(Debug)]
pub struct NormalizeStream {
    tables: &'static Tables,
    /// Position of the next input character.
    pos: Pos,
    /// A chunk has been written on the current line.
    line_has_chunk: bool,
    /// White space since the last chunk.
    gap: Pending,
    /// A lone dash after a chunk: an em dash if another chunk follows on the
    /// same line.
    dash: Pending,
    /// Empty lines held back: written before the next non-empty line,
    /// dropped at the end of the input.
    held: Vec<Held>,
    /// The current line has input characters (so it needs a newline at the end).
    line_started: bool,
    /// Scratch buffer for chunk-level changes.
    local: Vec<LocalChange>,
    /// The end of the last block when it stopped inside a chunk.
    carry: String,
    /// Where `carry` starts in the input.
    carry_pos: Pos,
}

/// The longest chunk kept back at a block boundary; a longer "word" (a
/// megabyte without a space) is cut there.
const MAX_CARRY: usize = 1 << 20;

impl Default for NormalizeStream {
    fn default() -> Self {
        Self::new()
    }
}

impl NormalizeStream {
    /// A stream at the start of an input.
    pub fn new() -> Self {
        NormalizeStream {
            tables: &TABLES,
            pos: Pos {
                offset: 0,
                line: 1,
                column: 1,
            },
            line_has_chunk: false,
            gap: Pending::default(),
            dash: Pending::default(),
            held: Vec::new(),
            line_started: false,
            local: Vec::new(),
            carry: String::new(),
            carry_pos: Pos::default(),
        }
    }

    /// Byte offset of the next input byte, i.e. how much input was pushed.
    pub fn consumed(&self) -> u64 {
        self.pos.offset
    }

    /// Normalizes the next block of input, appending to `out` and `changes`.
    pub fn push(&mut self, block: &str, out: &mut String, changes: &mut Vec<Change>) {
        if self.carry.is_empty() {
            self.process(block, false, out, changes);
        } else {
            // The previous block ended inside a chunk: rejoin it.
            let mut joined = std::mem::take(&mut self.carry);
            joined.push_str(block);
            self.pos = self.carry_pos;
            self.process(&joined, false, out, changes);
        }
    }

    fn process(&mut self, text: &str, is_last: bool, out: &mut String, changes: &mut Vec<Change>) {
        let mut rest = text;
        while !rest.is_empty() {
            match memchr_newline(rest) {
                Some(nl) => {
                    let (line, tail) = rest.split_at(nl);
                    self.segment(line, false, out, changes);
                    self.end_line(out, changes);
                    rest = &tail[1..];
                }
                None => {
                    self.segment(rest, !is_last, out, changes);
                    rest = "";
                }
            }
        }
    }

    /// Ends the input: closes the last line and drops trailing blank lines.
    pub fn finish(&mut self, out: &mut String, changes: &mut Vec<Change>) {
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.pos = self.carry_pos;
            self.process(&carry, true, out, changes);
        }
        if self.line_started {
            let pos = self.pos;
            let had_chunk = self.line_has_chunk;
            self.close_line_content(out, changes);
            if had_chunk {
                out.push('\n');
                changes.push(change(pos, "", "\n", Rule::FinalNewline));
            }
        }
        for held in self.held.drain(..) {
            changes.push(match held {
                Held::Newline(pos) => change(pos, "\n", "", Rule::TrailingBlankLines),
                Held::Change(c) => c,
            });
        }
    }

    /// Processes part of a line (no newline inside). With `may_carry`, a chunk
    /// that runs to the end of `seg` may continue in the next block, so it is
    /// kept back (up to [`MAX_CARRY`] bytes) instead of being written.
    ///
    /// The loop works on bytes: ASCII and the two-byte Cyrillic letters, which
    /// are nearly all of Kazakh text, are classified without decoding through
    /// the general Unicode path.
    fn segment(&mut self, seg: &str, may_carry: bool, out: &mut String, changes: &mut Vec<Change>) {
        if seg.is_empty() {
            return;
        }
        self.line_started = true;
        let tables = self.tables;
        let b = seg.as_bytes();
        let base = self.pos;
        let at = |i: usize, column: u64| Pos {
            offset: base.offset + i as u64,
            line: base.line,
            column,
        };
        let mut i = 0;
        let mut col = base.column;
        while i < b.len() {
            // A gap of white space.
            let (gap_i, gap_col) = (i, col);
            while i < b.len() {
                let len = match b[i] {
                    b' ' | b'\t' | b'\r' | 0x0b | 0x0c => 1,
                    0x00..=0x7f | 0xd0..=0xd3 => break,
                    _ => {
                        let c = decode_at(seg, i);
                        if tables.special(c) != Some(Special::Space) {
                            break;
                        }
                        c.len_utf8()
                    }
                };
                i += len;
                col += 1;
            }
            if i > gap_i {
                self.gap.hold(&seg[gap_i..i], at(gap_i, gap_col));
            }
            if i >= b.len() {
                break;
            }
            // A chunk of non-space characters.
            let (chunk_i, chunk_col) = (i, col);
            let mut scan = ChunkScan::default();
            while i < b.len() {
                let x = b[i];
                if x < 0x80 {
                    if matches!(x, b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
                        break;
                    }
                    scan.see_ascii(x);
                    i += 1;
                } else if (0xd0..=0xd3).contains(&x) && i + 1 < b.len() {
                    // U+0400..U+04FF: never a space.
                    let cp = (u32::from(x & 0x1f) << 6) | u32::from(b[i + 1] & 0x3f);
                    if tables.is_plain_cyrillic_cp(cp) {
                        scan.cyrillic = true;
                    } else {
                        scan.see(
                            char::from_u32(cp).expect("two-byte UTF-8 is a char"),
                            tables,
                        );
                    }
                    i += 2;
                } else {
                    let c = decode_at(seg, i);
                    if tables.special(c) == Some(Special::Space) {
                        break;
                    }
                    scan.see(c, tables);
                    i += c.len_utf8();
                }
                col += 1;
            }
            let text = &seg[chunk_i..i];
            let pos = at(chunk_i, chunk_col);
            if i == b.len() && may_carry && text.len() <= MAX_CARRY {
                self.carry.push_str(text);
                self.carry_pos = pos;
            } else {
                self.chunk(text, pos, &scan, out, changes);
            }
        }
        self.pos = at(b.len(), col);
    }

    /// Writes the gap before a chunk: one space between chunks, nothing at the
    /// start of a line.
    fn flush_gap(&mut self, out: &mut String, changes: &mut Vec<Change>) {
        let Some(pos) = self.gap.take() else { return };
        let text = &self.gap.text;
        if self.line_has_chunk {
            out.push(' ');
            if text != " " {
                changes.push(change(pos, text, " ", Rule::Whitespace));
            }
        } else {
            changes.push(change(pos, text, "", Rule::LeadingWhitespace));
        }
    }

    fn flush_dash(&mut self, between_words: bool, out: &mut String, changes: &mut Vec<Change>) {
        let Some(pos) = self.dash.take() else { return };
        let text = &self.dash.text;
        if between_words && text != "—" {
            out.push('—');
            changes.push(change(pos, text, "—", Rule::Dash));
        } else {
            out.push_str(text);
        }
    }

    fn chunk(
        &mut self,
        text: &str,
        pos: Pos,
        scan: &ChunkScan,
        out: &mut String,
        changes: &mut Vec<Change>,
    ) {
        if scan.only_invisible() {
            // Nothing of it survives: it joins the white space around it.
            self.gap.hold(text, pos);
            return;
        }
        if self.dash.pos.is_some() {
            // A chunk follows the pending dash on this line: it is a real dash.
            self.flush_dash(true, out, changes);
        }
        if !self.held.is_empty() {
            for held in self.held.drain(..) {
                match held {
                    Held::Newline(_) => out.push('\n'),
                    Held::Change(c) => changes.push(c),
                }
            }
        }
        self.flush_gap(out, changes);
        if scan.is_dash() && self.line_has_chunk {
            self.dash.hold(text, pos);
            return;
        }
        self.line_has_chunk = true;
        if !scan.suspicious(text) {
            out.push_str(text);
            return;
        }
        self.local.clear();
        if rewrite_chunk(text, self.tables, out, &mut self.local) {
            for lc in self.local.drain(..) {
                let at = advance(pos, &text[..lc.start]);
                changes.push(Change {
                    offset: at.offset,
                    line: at.line,
                    column: at.column,
                    before: lc.before,
                    after: lc.after,
                    rule: lc.rule,
                });
            }
        }
    }

    /// Resolves what is pending at the end of a line's content.
    fn close_line_content(&mut self, out: &mut String, changes: &mut Vec<Change>) {
        // A dash at the end of a line stays as it was; the gap before it was
        // already written.
        self.flush_dash(false, out, changes);
        if let Some(pos) = self.gap.take() {
            let text = &self.gap.text;
            let rule = if !self.line_has_chunk {
                Rule::LeadingWhitespace
            } else if text == "\r" {
                Rule::LineEnding
            } else {
                Rule::TrailingWhitespace
            };
            let c = change(pos, text, "", rule);
            if self.line_has_chunk {
                changes.push(c);
            } else {
                // White space on an otherwise empty line: its report waits
                // with the line, to stay in input order.
                self.held.push(Held::Change(c));
            }
        }
        self.line_has_chunk = false;
        self.line_started = false;
    }

    fn end_line(&mut self, out: &mut String, changes: &mut Vec<Change>) {
        let newline_pos = self.pos;
        let had_chunk = self.line_has_chunk;
        self.close_line_content(out, changes);
        if had_chunk {
            out.push('\n');
        } else {
            self.held.push(Held::Newline(newline_pos));
        }
        self.pos.offset += 1;
        self.pos.line += 1;
        self.pos.column = 1;
    }
}

/// What a cheap scan of a chunk found. The per-character work is a flag or a
/// counter; the verdicts are derived once per chunk.
#[derive(Debug, Clone, Copy, Default)]
struct ChunkScan {
    /// A character that may need a rewrite (quote, invisible, stand-in…).
    flagged: bool,
    /// Plain Cyrillic letters.
    cyrillic: bool,
    /// ASCII Latin letters.
    latin: bool,
    /// Visible characters other than dashes.
    other: bool,
    dashes: usize,
    /// Of `dashes`, how many are hyphens (`-`, U+2010, U+2011).
    hyphens: usize,
}

impl ChunkScan {
    #[inline]
    fn see_ascii(&mut self, x: u8) {
        match x {
            b'-' => {
                self.dashes += 1;
                self.hyphens += 1;
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                self.latin = true;
                self.other = true;
            }
            b'"' => {
                self.flagged = true;
                self.other = true;
            }
            _ => self.other = true,
        }
    }

    /// Sees a character outside ASCII.
    #[inline]
    fn see(&mut self, c: char, tables: &Tables) {
        if tables.is_plain_cyrillic(c) {
            self.cyrillic = true;
            return;
        }
        match tables.special(c) {
            Some(special @ (Special::Dash | Special::Hyphen)) => {
                self.dashes += 1;
                self.hyphens += usize::from(special == Special::Hyphen);
            }
            // Removed by the rewrite, so it keeps a dash a dash.
            Some(Special::Invisible) | Some(Special::Joiner) => self.flagged = true,
            _ => {
                self.other = true;
                // Punctuation that is already what the normalizer writes.
                if !matches!(c, '«' | '»' | '…' | '№' | '°') {
                    self.flagged = true;
                }
            }
        }
    }

    /// Whether the chunk goes to the rewrite: something flagged, or Latin and
    /// Cyrillic letters in one word (`гормoн`, but not `бездері(glandula`).
    fn suspicious(&self, text: &str) -> bool {
        self.flagged || (self.cyrillic && self.latin && a_word_mixes_scripts(text))
    }

    /// Nothing but invisible characters.
    fn only_invisible(&self) -> bool {
        !self.cyrillic && !self.other && self.dashes == 0
    }

    /// A chunk made of one dash character or of two hyphens (`--`), give or
    /// take invisible characters.
    fn is_dash(&self) -> bool {
        !self.cyrillic
            && !self.other
            && (self.dashes == 1 || (self.dashes == 2 && self.hyphens == 2))
    }
}

/// True when one run of letters in `text` has both Cyrillic and Latin letters.
fn a_word_mixes_scripts(text: &str) -> bool {
    let (mut cyrillic, mut latin) = (false, false);
    for c in text.chars() {
        match script_of(c) {
            Script::Cyrillic => cyrillic = true,
            Script::Latin => latin = true,
            _ if is_letter(c) => {}
            _ => (cyrillic, latin) = (false, false),
        }
        if cyrillic && latin {
            return true;
        }
    }
    false
}

/// The character that starts at byte `i` of `s`.
#[inline]
fn decode_at(s: &str, i: usize) -> char {
    s[i..].chars().next().expect("a character starts here")
}

#[inline]
fn memchr_newline(s: &str) -> Option<usize> {
    // `str::find` with a char searches with memchr.
    s.find('\n')
}

/// The position after `text`, which starts at `pos` and holds no newline.
fn advance(pos: Pos, text: &str) -> Pos {
    Pos {
        offset: pos.offset + text.len() as u64,
        line: pos.line,
        column: pos.column + text.chars().count() as u64,
    }
}

fn change(pos: Pos, before: &str, after: &str, rule: Rule) -> Change {
    Change {
        offset: pos.offset,
        line: pos.line,
        column: pos.column,
        before: before.to_string(),
        after: after.to_string(),
        rule,
    }
}
