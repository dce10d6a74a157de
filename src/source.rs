//! Source files and spans.
//!
//! Every node downstream of the parser carries a [`Span`]: a file and a byte range. Line and
//! column are computed only when a diagnostic is rendered, so the hot path never counts lines.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file it is in.
    pub file: FileId,
    /// Byte offset of its first byte.
    pub start: u32,
    /// Byte offset just past its last byte (`start` for an empty span: a place, not text).
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets; offsets past `u32::MAX` (beyond any file read) saturate.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both (same file assumed; `self`'s file wins).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// Whether it covers no text (a place, such as where a missing clause belongs).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One loaded file: the name shown to users, the path it was read from, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative to where they pointed, `/` separators).
    pub name: String,
    /// The path it was read from, canonicalized where possible.
    pub path: PathBuf,
    /// The text as read, shared with every diagnostic renderer that quotes it.
    pub text: Arc<str>,
    /// Where lines start and how many characters precede each block, built on the first
    /// line/column asked for, so that locating each of many diagnostics is a binary search,
    /// not a scan of the file (or of a long line).
    index: OnceLock<Arc<LineIndex>>,
}

/// Where the lines of a text start, and how many characters come before each block of
/// `LineIndex::BLOCK` bytes: a line and a column are found by a binary search and a
/// count over less than a block, however long the file or the line.
#[derive(Debug)]
pub(crate) struct LineIndex {
    /// Byte offsets of the starts of lines (0, then after each `\n`).
    line_starts: Vec<u32>,
    /// `chars[k]`: the characters in the first `k * BLOCK` bytes.
    chars: Vec<u32>,
    len: usize,
}

impl LineIndex {
    const BLOCK: usize = 1024;

    pub(crate) fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        let mut chars = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut count = 0u32;
        chars.push(0);
        for block in bytes.chunks(Self::BLOCK) {
            count = count.saturating_add(u32::try_from(starts_of_chars(block)).unwrap_or(u32::MAX));
            chars.push(count);
        }
        LineIndex {
            line_starts,
            chars,
            len: bytes.len(),
        }
    }

    /// The 0-based line holding a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        // The number of line starts at or before the offset, less the first.
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Where a 0-based line starts; the end of the text for lines past the last.
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.len, |&s| (s as usize).min(self.len))
    }

    /// The characters in `text[..offset]` (`text` being the indexed text): the bytes that
    /// start a character, counted from the nearest block.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / Self::BLOCK;
        let counted = self.chars.get(block).map_or(0, |&c| c as usize);
        counted
            + text
                .as_bytes()
                .get(block * Self::BLOCK..offset)
                .map_or(0, starts_of_chars)
    }
}

/// The bytes that start a character (are not UTF-8 continuation bytes).
fn starts_of_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters (what an editor shows, whatever the encoding).
    pub column: usize,
}

impl SourceFile {
    /// A file as read; its line index is built when a line is first asked for.
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: Arc<str>) -> Self {
        SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            index: OnceLock::new(),
        }
    }

    /// The file's line index, built on first use.
    pub(crate) fn index(&self) -> &Arc<LineIndex> {
        self.index
            .get_or_init(|| Arc::new(LineIndex::new(&self.text)))
    }

    /// Line and column of a byte offset. Offsets inside a UTF-8 sequence or past the end are
    /// clamped to the nearest character boundary before them.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let text: &str = &self.text;
        let mut offset = (offset as usize).min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.index();
        let line = index.line_of(offset);
        let line_start = index.line_start(line);
        let column = index.chars_before(text, offset) - index.chars_before(text, line_start);
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The text of a span, or "" if it does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// All files read during one run, in the order they were first read.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and gives its id; the text is copied once and shared from then on.
    pub fn add(&mut self, name: impl Into<String>, path: impl Into<PathBuf>, text: &str) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files
            .push(SourceFile::new(name, path, Arc::from(text)));
        id
    }

    /// The file with this id; `None` for an id from another map.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The user-facing name of a file ("" if unknown).
    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("", |f| f.name.as_str())
    }

    /// The file read from `path`, if any (a language server maps a document back to it).
    #[cfg(feature = "cli")]
    pub(crate) fn find_path(&self, path: &std::path::Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .and_then(|i| u32::try_from(i).ok())
            .map(FileId)
    }

    /// Every file with its id, in the order read.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read (every path named was refused, or none was named).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let mut map = SourceMap::new();
        let id = map.add("a.treaty", "a.treaty", "ab\nçd\u{e9}x\n");
        let file = map.get(id).expect("file");
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        // 'ç' is two bytes: byte 5 is the start of 'd', the second character.
        assert_eq!(file.line_col(5), LineCol { line: 2, column: 2 });
        // Inside a multi-byte character: clamped back to its start.
        assert_eq!(file.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_col(999).line, 3);
        assert_eq!(file.line_col(999).column, 1);
        assert_eq!(file.line_col(2), LineCol { line: 1, column: 3 });
    }

    #[test]
    fn line_index_agrees_with_counting_newlines() {
        // Long enough to span several blocks, with characters of every width across them.
        let mut text = String::from("\n\na\r\nbc\n\u{e9}\n\n");
        for i in 0..1500 {
            text.push(['a', '\u{e9}', '\u{20ac}', '\u{1d11e}', '\n'][(i * 7 + i / 3) % 5]);
        }
        let text = text.as_str();
        let mut map = SourceMap::new();
        let id = map.add("a", "a", text);
        let file = map.get(id).expect("file");
        for offset in 0..=text.len() + 2 {
            let at = offset.min(text.len());
            if !text.is_char_boundary(at) {
                continue;
            }
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[start..].chars().count() + 1;
            assert_eq!(
                file.line_col(offset as u32),
                LineCol { line, column },
                "offset {offset}"
            );
        }
    }
}
