//! Comments attached to clauses: the lossless token stream cut into clauses, each comment
//! given to the clause it belongs to as *leading* (on lines of its own before the clause),
//! *trailing* (after a token, on that token's line) or *dangling* (inside braces after the
//! last field, or after the last clause of the file). Nothing is printed here.

use super::Language;
use crate::syntax::{Lossless, Role, Token, TokenKind};

/// A comment on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Comment {
    /// As written, trailing spaces cut.
    pub text: String,
    /// A blank line comes before it in the source.
    pub blank_before: bool,
}

/// How a token is separated from the one before it in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// Canonical spacing; a long list may wrap after a comma here.
    Space,
    /// Canonical spacing, never a line break: both tokens are on a line a suppression covers.
    Glued,
    /// A new line for a part of the clause (an article's `says`, `from`, ...), unless the
    /// whole clause fits on one line.
    Part,
    /// A new line for a part of the clause, whether it fits or not: a comment ended the line
    /// before, or a line a suppression covers starts or ends here.
    PartBreak,
    /// A new continuation line: a comment ended the line, or a line a suppression covers
    /// starts or ends here.
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Token {
        text: String,
        before: Before,
    },
    /// A comment after the previous token, on its line.
    Trailing(String),
    /// A comment on a line of its own between two tokens of the clause.
    OwnLine(Comment),
}

/// One clause: an item, a field inside braces, an item's head up to its `{`, or a `}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Clause {
    /// Braces around it.
    pub depth: usize,
    /// Comments on lines of their own before it. Before a `}`, these are the block's
    /// dangling comments.
    pub leading: Vec<Comment>,
    /// A blank line comes before its first token in the source.
    pub blank_before: bool,
    /// On the line of the clause before it: both are on one line a suppression covers.
    pub joined: bool,
    /// Its tokens and the comments among and after them; it starts with a token.
    pub pieces: Vec<Piece>,
}

impl Clause {
    pub fn first_text(&self) -> &str {
        match self.pieces.first() {
            Some(Piece::Token { text, .. }) => text,
            _ => "",
        }
    }

    /// The text of its last token.
    pub fn last_text(&self) -> &str {
        self.pieces
            .iter()
            .rev()
            .find_map(|p| match p {
                Piece::Token { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    pub fn ends_with_comment(&self) -> bool {
        matches!(self.pieces.last(), Some(Piece::Trailing(_)))
    }
}

/// A file cut into clauses with its comments attached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Doc {
    pub clauses: Vec<Clause>,
    /// Comments after the last clause.
    pub dangling: Vec<Comment>,
}

/// Whether the source between two offsets holds a blank line.
fn blank_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|gap| gap.matches('\n').count() >= 2)
}

pub(super) fn attach(text: &str, view: &Lossless, language: Language) -> Doc {
    // The line a suppression covers that a token is on, named by where it starts.
    let kept = |t: &Token| {
        let i = view.kept_lines.partition_point(|r| r.start <= t.start);
        i.checked_sub(1)
            .and_then(|i| view.kept_lines.get(i))
            .filter(|r| r.contains(&t.start))
            .map(|r| r.start)
    };
    let mut doc = Doc::default();
    let mut depth = 0usize;
    // Own-line comments waiting for the token after them.
    let mut pending: Vec<Comment> = Vec::new();
    // End of the last token or comment; the last token's end, text and kept line.
    let mut last_end = 0usize;
    let mut last_token: Option<(usize, &str, Option<usize>)> = None;
    for (token, role) in &view.tokens {
        let raw = token.text(text);
        if token.kind == TokenKind::Comment {
            let comment = raw.trim_end().to_string();
            let same_line = last_token.is_some_and(|(end, _, _)| {
                text.get(end..token.start)
                    .is_some_and(|gap| !gap.contains('\n'))
            });
            match (same_line, doc.clauses.last_mut()) {
                (true, Some(clause)) => clause.pieces.push(Piece::Trailing(comment)),
                _ => pending.push(Comment {
                    text: comment,
                    blank_before: blank_between(text, last_end, token.start),
                }),
            }
            last_end = token.end;
            continue;
        }
        let tok_text = canonical(raw, token.kind, language);
        let group = kept(token);
        let starts_clause = *role == Role::Clause
            || raw == "}"
            || doc.clauses.is_empty()
            || last_token.is_some_and(|(_, t, _)| t == "{");
        if raw == "}" {
            depth = depth.saturating_sub(1);
        }
        if starts_clause {
            let joined = group.is_some() && last_token.is_some_and(|(_, _, g)| g == group);
            doc.clauses.push(Clause {
                depth,
                leading: std::mem::take(&mut pending),
                blank_before: blank_between(text, last_end, token.start),
                joined,
                pieces: vec![Piece::Token {
                    text: tok_text,
                    before: Before::Space,
                }],
            });
        } else if let Some(clause) = doc.clauses.last_mut() {
            let after_comment = !pending.is_empty() || clause.ends_with_comment();
            clause.pieces.extend(pending.drain(..).map(Piece::OwnLine));
            let previous = last_token.and_then(|(_, _, g)| g);
            let before = if after_comment
                || (group != previous && (group.is_some() || previous.is_some()))
            {
                if *role == Role::Part {
                    Before::PartBreak
                } else {
                    Before::Break
                }
            } else if group.is_some() {
                Before::Glued
            } else if *role == Role::Part {
                Before::Part
            } else {
                Before::Space
            };
            clause.pieces.push(Piece::Token {
                text: tok_text,
                before,
            });
        }
        if raw == "{" {
            depth += 1;
        }
        last_end = token.end;
        last_token = Some((token.end, raw, group));
    }
    doc.dangling = pending;
    doc
}

/// A token as the canonical layout writes it: strings re-escaped, everything else as written.
fn canonical(raw: &str, kind: TokenKind, language: Language) -> String {
    if kind != TokenKind::String {
        return raw.to_string();
    }
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or("");
    // Decoded as the language's parser decodes it; a string with an escape the treaty
    // language does not know is an error there, and is left as written.
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match (language, chars.next()) {
            (_, Some('n')) => value.push('\n'),
            (Language::Treaty, Some('t')) => value.push('\t'),
            (_, Some(c @ ('"' | '\\'))) => value.push(c),
            (Language::Scenario, Some(other)) => value.push(other),
            _ => return raw.to_string(),
        }
    }
    let mut out = String::with_capacity(raw.len());
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' if language == Language::Treaty => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_one_way() {
        let t = |raw| canonical(raw, TokenKind::String, Language::Treaty);
        assert_eq!(t("\"a\\\"b\\\\c\""), "\"a\\\"b\\\\c\"");
        assert_eq!(t("\"line\none\ttab\""), "\"line\\none\\ttab\"");
        // An unknown escape is an error the checker reports: left for it to report.
        assert_eq!(t("\"bad \\q\""), "\"bad \\q\"");
        let s = |raw| canonical(raw, TokenKind::String, Language::Scenario);
        // Scripts read `\x` as `x`.
        assert_eq!(s("\"a\\tb\\n\""), "\"atb\\n\"");
    }
}
