//! Byte offsets (what the rest of the program keeps) to LSP positions and back, in the
//! encoding negotiated at initialization: UTF-16 code units unless the client offers UTF-8
//! or UTF-32. Conversion happens only here, at the protocol edge.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The client's preference among those it offers, UTF-8 first (our offsets are bytes,
    /// so it costs nothing), then UTF-32, and UTF-16, the protocol's default, otherwise.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where the lines of one text start, to convert many offsets without rescanning it.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            encoding,
        }
    }

    /// The position of a byte offset (clamped to the text and back to a character start).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character: usize = self
            .text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end),
        }
    }

    /// The byte offset of a position. A line past the end is the end of the text; a
    /// character past the end of its line is the line's end; one inside a character (half
    /// a UTF-16 surrogate pair) is that character's start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text.get(start..end).unwrap_or("");
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            let next = units + self.encoding.width(c);
            if next > position.character as usize {
                return start + i;
            }
            units = next;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_agree_in_every_encoding() {
        // `é` is 2 bytes, 1 UTF-16 unit; `𝄞` is 4 bytes, 2 UTF-16 units, 1 scalar.
        let text = "ab\né𝄞x\n";
        let x = text.find('x').expect("x");
        for (encoding, character) in [
            (Encoding::Utf8, 6),
            (Encoding::Utf16, 3),
            (Encoding::Utf32, 2),
        ] {
            let index = LineIndex::new(text, encoding);
            let p = index.position(x);
            assert_eq!((p.line, p.character), (1, character), "{encoding:?}");
            assert_eq!(index.offset(p), x);
        }
        let index = LineIndex::new(text, Encoding::Utf16);
        // Inside the surrogate pair: the character's start.
        assert_eq!(
            index.offset(Position::new(1, 2)),
            text.find('𝄞').expect("clef")
        );
        // Past the line's end, past the last line.
        assert_eq!(index.offset(Position::new(0, 99)), 2);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn utf8_is_chosen_when_offered_and_utf16_otherwise() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        let wide = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&wide)), Encoding::Utf32);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
