//! Words end where words end. The grammars skip whitespace between tokens implicitly, so
//! pest alone would read `partyA "Alpha"` as `party A "Alpha"` and `byconsensus` as `by
//! consensus`. Rather than wrap every keyword of both grammars in a rule of its own, one check
//! over the parse tree finds any token that begins in the middle of a word: the character
//! before it and its own first character are both word characters.

use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::iterators::Pairs;
use pest::RuleType;

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The first token of the tree that starts inside a word, as a located syntax error.
pub(crate) fn check<R: RuleType>(
    file: FileId,
    text: &str,
    pairs: Pairs<'_, R>,
) -> Option<Diagnostic> {
    check_at(file, text, 0, pairs)
}

/// [`check`] for pairs parsed from the part of `text` that starts at `base`.
pub(crate) fn check_at<R: RuleType>(
    file: FileId,
    text: &str,
    base: usize,
    pairs: Pairs<'_, R>,
) -> Option<Diagnostic> {
    // `flatten` visits every pair once, in order; the tree is bounded by the file's size.
    for pair in pairs.flatten() {
        let start = base + pair.as_span().start();
        let Some(before) = text.get(..start).and_then(|t| t.chars().next_back()) else {
            continue;
        };
        let Some(first) = text.get(start..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if !(is_word(before) && is_word(first)) {
            continue;
        }
        let word_start = text
            .get(..start)
            .and_then(|t| t.rfind(|c: char| !is_word(c)).map(|i| i + 1))
            .unwrap_or(0);
        let word_end = text
            .get(start..)
            .and_then(|t| t.find(|c: char| !is_word(c)).map(|i| start + i))
            .unwrap_or(text.len());
        // The token itself, where it ends before the word does (`by|consensus|binding`).
        let token_end = (base + pair.as_span().end()).clamp(start, word_end);
        let head = text.get(word_start..start).unwrap_or("");
        let tail = text
            .get(start..token_end)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| text.get(start..word_end).unwrap_or(""));
        let span = Span::new(file, word_start, word_end);
        return Some(
            Diagnostic::error(
                codes::SYNTAX_ERROR,
                span,
                format!(
                    "`{}` runs words together: `{head}` and `{tail}`",
                    text.get(word_start..word_end).unwrap_or("")
                ),
            )
            .with_label("two words with no space between them")
            .with_help(format!(
                "write `{head} {tail}`; keywords and names are separate words"
            )),
        );
    }
    None
}
