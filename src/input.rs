//! Inputs: files, folders and standard input, read in blocks of UTF-8 text.
//!
//! Every command that reads text takes paths the same way: a file, a folder
//! (searched recursively for `*.txt` files, in sorted order), or `-` for
//! standard input; no path at all means standard input. [`BlockReader`] reads
//! an input in blocks of about a megabyte that end on a line boundary, so a
//! file of any size is processed with flat memory, and checks that the bytes
//! are UTF-8, naming the byte offset of the first bad sequence.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One source of text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// Standard input under a name: positions and messages point to it (a
    /// Hadoop streaming mapper's input file, `--name`).
    NamedStdin(PathBuf),
    /// A file.
    File(PathBuf),
}

impl Input {
    /// Opens the input for reading; a `.gz` file is decompressed on the fly.
    pub fn open(&self) -> Result<Box<dyn Read + Send>> {
        match self {
            Input::Stdin | Input::NamedStdin(_) => Ok(Box::new(io::stdin())),
            Input::File(path) => {
                let file = File::open(path).map_err(|e| Error::io(path, e))?;
                if path.extension().is_some_and(|e| e == "gz") {
                    Ok(Box::new(flate2::read::MultiGzDecoder::new(
                        io::BufReader::new(file),
                    )))
                } else {
                    Ok(Box::new(file))
                }
            }
        }
    }

    /// The path to name in messages (`-` for standard input).
    pub fn path(&self) -> &Path {
        match self {
            Input::Stdin => Path::new("-"),
            Input::NamedStdin(path) | Input::File(path) => path,
        }
    }

    /// True for standard input, named or not: it can be read only once.
    pub fn is_stdin(&self) -> bool {
        matches!(self, Input::Stdin | Input::NamedStdin(_))
    }
}

/// The environment variables in which Hadoop streaming names the file a
/// mapper reads on standard input (Hadoop 2 and later, then 1).
pub const MAPPER_INPUT_VARIABLES: [&str; 2] = ["mapreduce_map_input_file", "map_input_file"];

/// Gives standard input among `inputs` a name: `name` when given, else the
/// file a Hadoop streaming mapper reads (see [`MAPPER_INPUT_VARIABLES`]), so
/// that every position a mapper reports points into its real input.
///
/// ```
/// use kazterm::input::{name_stdin, Input};
/// let named = name_stdin(vec![Input::Stdin], Some("part-0001.txt"));
/// assert_eq!(named[0].to_string(), "part-0001.txt");
/// ```
pub fn name_stdin(inputs: Vec<Input>, name: Option<&str>) -> Vec<Input> {
    let name = name.map(str::to_string).or_else(|| {
        MAPPER_INPUT_VARIABLES
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|n| !n.is_empty()))
    });
    let Some(name) = name else { return inputs };
    inputs
        .into_iter()
        .map(|i| match i {
            Input::Stdin => Input::NamedStdin(PathBuf::from(&name)),
            other => other,
        })
        .collect()
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path().display())
    }
}

/// Expands command-line paths into inputs: folders into their `*.txt` and
/// `*.txt.gz` files (recursively, sorted), `-` and an empty list into
/// standard input.
///
/// ```
/// use kazterm::input::{expand, Input};
/// assert_eq!(expand(&[]).unwrap(), vec![Input::Stdin]);
/// let inputs = expand(&["corpus".into()]).unwrap();
/// assert!(inputs.iter().any(|i| i.to_string().ends_with("endocrine_glands.kk.txt")));
/// ```
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Input>> {
    expand_matching(paths, None)
}

/// [`expand`], with the files of folders chosen by a glob on their path
/// relative to the folder (`*.md`, `**/*.txt`, `news/*.txt.gz`) instead of
/// `*.txt` and `*.txt.gz`.
///
/// ```
/// use kazterm::input::expand_matching;
/// let none = expand_matching(&["corpus".into()], Some("*.md"));
/// assert!(none.is_err()); // the folder holds no such file
/// ```
pub fn expand_matching(paths: &[PathBuf], glob: Option<&str>) -> Result<Vec<Input>> {
    let matcher = match glob {
        Some(pattern) => Some(
            globset::GlobBuilder::new(pattern)
                .literal_separator(false)
                .build()
                .map_err(|e| Error::Usage(format!("--glob: expected a glob pattern: {e}")))?
                .compile_matcher(),
        ),
        None => None,
    };
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let keep = |p: &Path, root: &Path| match &matcher {
        Some(m) => p.strip_prefix(root).is_ok_and(|rel| m.is_match(rel)),
        None => is_text_name(p),
    };
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            collect_text_files(path, &mut files)?;
            files.retain(|f| keep(f, path));
            if files.is_empty() {
                return Err(Error::NoTextFiles { path: path.clone() });
            }
            files.sort();
            inputs.extend(files.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

/// Every regular file below `dir`; [`expand_matching`] keeps the text ones.
fn collect_text_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            collect_text_files(&path, out)?;
        } else if kind.is_file()
            || (kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()))
        {
            // Regular files only (or links to them): a FIFO, socket or
            // device in a folder would block the walk or never end. One
            // named on the command line is read as a stream.
            out.push(path);
        }
    }
    Ok(())
}

/// True for the file names a folder is searched for: `*.txt`, `*.txt.gz`.
fn is_text_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".txt") || name.ends_with(".txt.gz")
}

/// Reads an input through and reports whether it is usable text: None when
/// it is, else why not (binary, invalid UTF-8, unreadable). Used to skip bad
/// files in a folder of good ones.
pub fn screen(input: &Input) -> Option<String> {
    let reader = match input.open() {
        Ok(r) => r,
        Err(e) => return Some(e.to_string()),
    };
    let mut blocks = BlockReader::new(reader, input.path(), false);
    let (mut text, mut bad) = (String::new(), Vec::new());
    let mut first = true;
    loop {
        match blocks.next_block(&mut text, &mut bad) {
            Ok(Some(_)) => {
                if first && text.contains('\0') {
                    return Some(format!("{input}: a binary file (NUL bytes), not text"));
                }
                first = false;
            }
            Ok(None) => return None,
            Err(e) => return Some(e.to_string()),
        }
    }
}

/// Bytes that were not UTF-8, replaced by U+FFFD in lossy mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadBytes {
    /// Byte offset of the first bad byte in the input.
    pub offset: u64,
    /// How many bytes were replaced.
    pub len: usize,
    /// 1-based line of the first bad byte.
    pub line: u64,
    /// 1-based column (in characters) of the first bad byte.
    pub column: u64,
}

/// Reads an input in blocks of UTF-8 text that end on a line boundary.
///
/// A line longer than the block limit is cut before a space, or, when it has
/// none, at a character boundary.
pub struct BlockReader<R> {
    reader: R,
    path: PathBuf,
    lossy: bool,
    buf: Vec<u8>,
    /// Input offset of `buf[0]`.
    base: u64,
    /// Newlines before `buf[0]`, for error messages.
    lines_before: u64,
    eof: bool,
    block_size: usize,
    max_line: usize,
}

/// Target block size.
pub const BLOCK_SIZE: usize = 1 << 20;
/// A line longer than this is cut: a block, and what a stage holds of it
/// (tokens, sentences), stays about a megabyte whatever the line lengths.
pub const MAX_LINE: usize = 1 << 20;

impl<R: Read> BlockReader<R> {
    /// A reader over `reader`; `path` names it in errors. With `lossy`, bad
    /// bytes are replaced by U+FFFD instead of failing.
    pub fn new(reader: R, path: impl Into<PathBuf>, lossy: bool) -> Self {
        BlockReader {
            reader,
            path: path.into(),
            lossy,
            buf: Vec::with_capacity(BLOCK_SIZE * 2),
            base: 0,
            lines_before: 0,
            eof: false,
            block_size: BLOCK_SIZE,
            max_line: MAX_LINE,
        }
    }

    /// Changes the block size and long-line limit (for tests).
    pub fn with_sizes(mut self, block_size: usize, max_line: usize) -> Self {
        self.block_size = block_size.max(1);
        self.max_line = max_line.max(4);
        self
    }

    /// Reads the next block into `text` (cleared first), appending any
    /// replaced bytes to `bad`. Returns the block's input offset, or `None` at
    /// the end of the input.
    pub fn next_block(
        &mut self,
        text: &mut String,
        bad: &mut Vec<BadBytes>,
    ) -> Result<Option<u64>> {
        text.clear();
        loop {
            if let Some(cut) = self.cut_point() {
                return self.take(cut, text, bad).map(Some);
            }
            if self.eof {
                if self.buf.is_empty() {
                    return Ok(None);
                }
                let all = self.buf.len();
                return self.take(all, text, bad).map(Some);
            }
            self.fill()?;
        }
    }

    /// The line the next block begins on (1 for the first).
    pub fn line(&self) -> u64 {
        self.lines_before + 1
    }

    fn fill(&mut self) -> Result<()> {
        let start = self.buf.len();
        self.buf.resize(start + self.block_size, 0);
        let n = loop {
            match self.reader.read(&mut self.buf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(start);
                    return Err(Error::io(&self.path, e));
                }
            }
        };
        self.buf.truncate(start + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    /// Where to end the next block, if the buffer holds enough.
    fn cut_point(&self) -> Option<usize> {
        if self.buf.len() >= self.block_size || (self.eof && !self.buf.is_empty()) {
            if let Some(nl) = self.buf.iter().rposition(|&b| b == b'\n') {
                return Some(nl + 1);
            }
        }
        if self.eof || self.buf.len() < self.max_line {
            return None;
        }
        // A very long line: cut before a space that follows a non-space, so no
        // word and no run of spaces is split.
        let b = &self.buf;
        if let Some(i) = (1..b.len())
            .rev()
            .find(|&i| b[i] == b' ' && b[i - 1] != b' ')
        {
            return Some(i);
        }
        // No space at all: cut at a character boundary.
        (1..b.len()).rev().find(|&i| b[i] & 0xC0 != 0x80)
    }

    fn take(&mut self, cut: usize, text: &mut String, bad: &mut Vec<BadBytes>) -> Result<u64> {
        let offset = self.base;
        let head = &self.buf[..cut];
        // The SIMD check first (every byte of every input passes here; std's
        // check was a tenth of tokenizing), std's for the position of a fault.
        let checked = match simdutf8::basic::from_utf8(head) {
            Ok(s) => Ok(s),
            Err(_) => std::str::from_utf8(head),
        };
        match checked {
            Ok(s) => text.push_str(s),
            Err(e) if !self.lossy => {
                let at = e.valid_up_to();
                let line = self.lines_before + newlines(&head[..at]) + 1;
                return Err(Error::InvalidUtf8 {
                    path: self.path.clone(),
                    offset: offset + at as u64,
                    line,
                });
            }
            Err(_) => decode_lossy(head, offset, self.lines_before, text, bad),
        }
        self.lines_before += newlines(head);
        self.base += cut as u64;
        self.buf.drain(..cut);
        Ok(offset)
    }
}

/// How many newlines `bytes` holds: every byte of every input is counted,
/// so by memchr's vectorised search, not a byte at a time.
fn newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Decodes `bytes`, replacing each invalid sequence with U+FFFD and recording it.
fn decode_lossy(
    mut bytes: &[u8],
    mut offset: u64,
    lines_before: u64,
    text: &mut String,
    bad: &mut Vec<BadBytes>,
) {
    let block_start = text.len();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                text.push_str(s);
                return;
            }
            Err(e) => {
                let good = e.valid_up_to();
                text.push_str(std::str::from_utf8(&bytes[..good]).expect("validated prefix"));
                let len = e.error_len().unwrap_or(bytes.len() - good);
                let decoded = &text[block_start..];
                let line_start = decoded.rfind('\n').map_or(0, |i| i + 1);
                bad.push(BadBytes {
                    offset: offset + good as u64,
                    len,
                    line: lines_before + decoded.matches('\n').count() as u64 + 1,
                    column: decoded[line_start..].chars().count() as u64 + 1,
                });
                text.push('\u{fffd}');
                bytes = &bytes[good + len..];
                offset += (good + len) as u64;
            }
        }
    }
}

/// Reads a whole file that must be UTF-8 (a table, a gold standard, a
/// list of dismissed findings): invalid bytes are an error with their line
/// and byte offset, as for texts (but no `--lossy` applies to such files).
///
/// ```
/// let text = kazterm::input::read_file(std::path::Path::new("glossary/endocrine.csv")).unwrap();
/// assert!(text.starts_with("id,kk"));
/// ```
pub fn read_file(path: &Path) -> Result<String> {
    match read_to_string(&Input::File(path.to_path_buf()), false) {
        Ok((text, _)) => Ok(text),
        Err(Error::InvalidUtf8 { path, offset, line }) => Err(Error::Table {
            file: path.display().to_string(),
            line: line as usize,
            message: format!("expected UTF-8: invalid bytes at byte offset {offset}"),
        }),
        Err(e) => Err(e),
    }
}

/// Reads a whole input into a string (for small inputs and tests).
pub fn read_to_string(input: &Input, lossy: bool) -> Result<(String, Vec<BadBytes>)> {
    let mut reader = BlockReader::new(input.open()?, input.path(), lossy);
    let (mut all, mut block, mut bad) = (String::new(), String::new(), Vec::new());
    while reader.next_block(&mut block, &mut bad)?.is_some() {
        all.push_str(&block);
    }
    Ok((all, bad))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(data: &[u8], block: usize, max_line: usize, lossy: bool) -> Result<Vec<String>> {
        let mut r = BlockReader::new(data, "t.txt", lossy).with_sizes(block, max_line);
        let (mut out, mut s, mut bad) = (Vec::new(), String::new(), Vec::new());
        while r.next_block(&mut s, &mut bad)?.is_some() {
            out.push(s.clone());
        }
        Ok(out)
    }

    #[test]
    fn blocks_end_on_line_boundaries_and_rejoin() {
        let text = "бірінші жол\nекінші жол\nүшінші\n";
        let got = blocks(text.as_bytes(), 8, 64, false).unwrap();
        assert!(got.iter().all(|b| b.ends_with('\n')));
        assert_eq!(got.concat(), text);
    }

    #[test]
    fn long_lines_are_cut_before_a_space_or_on_a_char_boundary() {
        let text = "сөз ".repeat(100);
        let got = blocks(text.as_bytes(), 8, 32, false).unwrap();
        assert!(got.len() > 1);
        assert!(got[1..].iter().all(|b| b.starts_with(' ')));
        assert_eq!(got.concat(), text);
        let solid = "ә".repeat(100);
        assert_eq!(
            blocks(solid.as_bytes(), 8, 32, false).unwrap().concat(),
            solid
        );
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset_and_line() {
        let mut data = "жол\nбез ".as_bytes().to_vec();
        data.push(0xFF);
        let err = blocks(&data, 4, 64, false).unwrap_err();
        match err {
            Error::InvalidUtf8 { offset, line, .. } => {
                assert_eq!(offset, "жол\nбез ".len() as u64);
                assert_eq!(line, 2);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lossy_mode_replaces_and_records() {
        let data = b"a\xFFb\n\xC3";
        let mut r = BlockReader::new(&data[..], "t", true);
        let (mut s, mut bad) = (String::new(), Vec::new());
        let mut all = String::new();
        while r.next_block(&mut s, &mut bad).unwrap().is_some() {
            all.push_str(&s);
        }
        assert_eq!(all, "a\u{fffd}b\n\u{fffd}");
        assert_eq!(
            bad,
            vec![
                BadBytes {
                    offset: 1,
                    len: 1,
                    line: 1,
                    column: 2
                },
                BadBytes {
                    offset: 4,
                    len: 1,
                    line: 2,
                    column: 1
                }
            ]
        );
    }
}
