//! `treaty fmt`: one canonical layout for `.treaty` and `.scenario` files, comments kept.
//!
//! The formatter reads the lossless view of a file ([`crate::syntax::Lossless`]: every token
//! as written, comments included, each marked with its place in the clauses), attaches every
//! comment to a clause as leading, trailing or dangling, and prints the clauses:
//!
//! - one clause per line; inside braces, one field per line, indented two spaces a level;
//!   `}` on a line of its own (an empty block closes on its opening line: `{}`);
//! - an article whose declaration does not fit on one line ([`WIDTH`]) has each of its parts
//!   (`says`, `titled`, `from`, `unverified`, `practice`, `not encoded`) on a line of its
//!   own, two spaces further in; so has a class's `with X since DATE`;
//! - one space between tokens, none before `,` `)` `%` or after `(`, none around `/`;
//! - a list longer than the line ([`WIDTH`]) wraps after a comma, four spaces further in; a
//!   quoted string is never wrapped, however long;
//! - strings escaped one way (`\"`, `\\`, `\n`, and `\t` in treaties); keywords, names and
//!   numbers as written;
//! - a comment stays where it was relative to the tokens around it: after a token on its
//!   line (two spaces before `#`), or on a line of its own at the indentation of what follows;
//! - blank lines between clauses and comments are kept, at most one in a row; none at the
//!   start of a file or a block, or before a `}`; the file ends with one line break;
//! - a line a `# treaty: allow(...)` comment covers keeps exactly its tokens on one line, so
//!   that the suppression covers the same clauses after formatting as before.
//!
//! Formatting never changes what a file means: the output is parsed again and must give the
//! same tokens and comments, or the file is left as written and an error returned.

mod attach;
mod print;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::{Limits, Lossless, TokenKind};
use std::path::Path;

/// The line width a long list wraps at.
pub const WIDTH: usize = 96;

/// The code of the error returned when the formatter's output would not mean what its input
/// meant (a bug in the formatter; the file is then left alone).
pub const FORMAT_FAILED: crate::diagnostic::InputError = crate::diagnostic::codes::FORMAT_FAILED;

/// Which language a text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// A `.treaty` clause file.
    Treaty,
    /// A `.scenario` script.
    Scenario,
}

impl Language {
    /// The language of a file by its extension, if it is one of the two.
    pub fn of_path(path: &Path) -> Option<Language> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("treaty") => Some(Language::Treaty),
            Some("scenario") => Some(Language::Scenario),
            _ => None,
        }
    }
}

/// Formats the text of a `.treaty` file. On a syntax error, the diagnostics `treaty check`
/// reports for it (in [`FileId`] 0), and no text.
///
/// ```
/// let text = "party A \"Alpha\"   # the first\nbody council {\n    decides matters   by consensus }\n";
/// assert_eq!(
///     treaty::format::format_source(text).unwrap(),
///     "party A \"Alpha\"  # the first\nbody council {\n  decides matters by consensus\n}\n"
/// );
/// ```
pub fn format_source(text: &str) -> Result<String, Vec<Diagnostic>> {
    format(FileId(0), text, Language::Treaty)
}

/// Formats the text of a `.scenario` script, as [`format_source`] does a treaty.
pub fn format_scenario(text: &str) -> Result<String, Vec<Diagnostic>> {
    format(FileId(0), text, Language::Scenario)
}

/// Formats `text`, read from `file`, in `language`.
pub fn format(file: FileId, text: &str, language: Language) -> Result<String, Vec<Diagnostic>> {
    let view = lossless(file, text, language)?;
    let doc = attach::attach(text, &view, language);
    let out = print::print(&doc);
    verify(file, text, &view, &out, language)?;
    Ok(out)
}

fn lossless(file: FileId, text: &str, language: Language) -> Result<Lossless, Vec<Diagnostic>> {
    match language {
        Language::Treaty => crate::syntax::lossless_treaty(file, text, &Limits::default()),
        Language::Scenario => crate::syntax::lossless_scenario(file, text),
    }
}

/// What a file says, layout aside: its tokens (strings by value), its comments, and for each
/// line a suppression covers, which tokens are on it.
fn meaning(text: &str, view: &Lossless, language: Language) -> Vec<String> {
    let doc = attach::attach(text, view, language);
    let mut out = Vec::new();
    for clause in &doc.clauses {
        out.extend(clause.leading.iter().map(|c| c.text.clone()));
        for piece in &clause.pieces {
            match piece {
                attach::Piece::Token { text, .. } => out.push(text.clone()),
                attach::Piece::Trailing(c) => out.push(c.clone()),
                attach::Piece::OwnLine(c) => out.push(c.text.clone()),
            }
        }
    }
    out.extend(doc.dangling.iter().map(|c| c.text.clone()));
    let tokens: Vec<_> = view
        .tokens
        .iter()
        .filter(|(t, _)| t.kind != TokenKind::Comment)
        .collect();
    for line in &view.kept_lines {
        let first = tokens.partition_point(|(t, _)| t.start < line.start);
        let end = tokens.partition_point(|(t, _)| t.start < line.end);
        out.push(format!("kept line: tokens {first}..{end}"));
    }
    out
}

/// Checks that `out` says what `text` says; an error (and no output) if not.
fn verify(
    file: FileId,
    text: &str,
    view: &Lossless,
    out: &str,
    language: Language,
) -> Result<(), Vec<Diagnostic>> {
    let failed = |what: &str| {
        vec![Diagnostic::error(
            FORMAT_FAILED,
            Span::new(file, 0, 0),
            format!("`treaty fmt` would change this file's {what}; it is left as written"),
        )
        .with_help("this is a bug in the formatter: please report it with the file")]
    };
    let after = lossless(file, out, language).map_err(|_| failed("syntax"))?;
    let mut before_meaning = meaning(text, view, language);
    let mut after_meaning = meaning(out, &after, language);
    before_meaning.retain(|l| !l.is_empty());
    after_meaning.retain(|l| !l.is_empty());
    if before_meaning != after_meaning {
        return Err(failed("tokens, comments or suppressions"));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
