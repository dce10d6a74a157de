//! The one scanner over source text: every token as written, comments included, with its
//! byte range. The pest grammars skip comments; this is how the rest of the program sees
//! them (`# treaty: allow(...)` suppressions, the formatter). It is the same for both
//! languages and needs no grammar: strings, `[...]` blanks and comments are the only tokens
//! that may hold spaces, and nothing else in either language needs context to split.

/// What a token is, as far as the text alone says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A keyword, name, number, date or article number: a run of characters that are not
    /// spaces, quotes, `#`, `[` or punctuation.
    Word,
    /// A quoted string, quotes included (to the end of the file if it is not closed).
    String,
    /// A `[...]` blank, brackets included.
    Blank,
    /// One of `{ } ( ) , = / %`.
    Punct,
    /// `#` to the end of its line, the line break excluded.
    Comment,
}

/// A token and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text in `source`.
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

const PUNCT: &[char] = &['{', '}', '(', ')', ',', '=', '/', '%'];

/// Whitespace as both grammars define it (the byte-order mark included).
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{FEFF}')
}

/// The tokens of `text`, in order. Total: any text scans (what does not parse is the
/// parser's to report).
pub fn scan(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = match c {
            c if is_space(c) => continue,
            '#' => {
                while chars.next_if(|&(_, c)| c != '\n').is_some() {}
                TokenKind::Comment
            }
            '"' => {
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {}
                    }
                }
                TokenKind::String
            }
            '[' => {
                for (_, c) in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
                TokenKind::Blank
            }
            c if PUNCT.contains(&c) => TokenKind::Punct,
            _ => {
                while chars
                    .next_if(|&(_, c)| {
                        !is_space(c) && !PUNCT.contains(&c) && !matches!(c, '#' | '"' | '[')
                    })
                    .is_some()
                {}
                TokenKind::Word
            }
        };
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        tokens.push(Token { kind, start, end });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        scan(text).iter().map(|t| (t.kind, t.text(text))).collect()
    }

    #[test]
    fn strings_comments_and_blanks_keep_what_they_hold() {
        use TokenKind::*;
        assert_eq!(
            kinds("says \"a # b \\\" c\" # note\r\nwithin [N # x] days,2/3%"),
            vec![
                (Word, "says"),
                (String, "\"a # b \\\" c\""),
                (Comment, "# note\r"),
                (Word, "within"),
                (Blank, "[N # x]"),
                (Word, "days"),
                (Punct, ","),
                (Word, "2"),
                (Punct, "/"),
                (Word, "3"),
                (Punct, "%"),
            ]
        );
        assert_eq!(
            kinds("(X)\u{FEFF}2009-11-29 6.3#c"),
            vec![
                (Punct, "("),
                (Word, "X"),
                (Punct, ")"),
                (Word, "2009-11-29"),
                (Word, "6.3"),
                (Comment, "#c"),
            ]
        );
        assert_eq!(kinds("\"open"), vec![(String, "\"open")]);
    }
}
