//! Source files and spans.
//!
//! Every node downstream of the parser carries a [`Span`]: a file and a byte range. Line and
//! column are computed only when a diagnostic is rendered, so the hot path never counts lines.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
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

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

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
    pub text: Arc<str>,
    /// Byte offsets where each line starts, built on the first line/column asked for, so
    /// that locating each of many diagnostics is a binary search, not a scan of the file.
    line_starts: OnceLock<Arc<[u32]>>,
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: Arc<str>) -> Self {
        SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
        }
    }

    /// Byte offsets of the starts of lines (after each `\n`), the first being 0.
    pub fn line_starts(&self) -> &Arc<[u32]> {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
                )
                .collect()
        })
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        // The number of line starts at or before the offset, less the first.
        self.line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Line and column of a byte offset. Offsets inside a UTF-8 sequence or past the end are
    /// clamped to the nearest character boundary before them.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let text: &str = &self.text;
        let mut offset = (offset as usize).min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let line_start = self.line_starts().get(line).map_or(0, |&s| s as usize);
        let column = text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        LineCol {
            line: line + 1,
            column,
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
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: impl Into<String>, path: impl Into<PathBuf>, text: &str) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files
            .push(SourceFile::new(name, path, Arc::from(text)));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The user-facing name of a file ("" if unknown).
    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("", |f| f.name.as_str())
    }

    pub fn find_path(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .and_then(|i| u32::try_from(i).ok())
            .map(FileId)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

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
        let text = "\n\na\r\nbc\n\u{e9}\n\n";
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
