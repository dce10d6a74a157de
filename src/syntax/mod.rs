//! Text to syntax tree: the pest grammar in `grammar/treaty.pest`, then a lowering from pest's
//! pairs to the typed [`crate::ast`]. Syntax errors become diagnostics here; nothing after this
//! stage reads source text again.

mod error;
mod lossless;
mod lower;
mod scan;

use crate::ast;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::Parser as _;

pub use error::describe_rule;
pub use lossless::{lossless_scenario, lossless_treaty, Lossless, Role};
pub use scan::{scan, Token, TokenKind};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/treaty.pest"]
pub(crate) struct TreatyParser;

/// Bounds that keep hostile or accidental input from exhausting the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: usize,
    /// Deepest nesting of parentheses in a decision rule.
    pub max_nesting: usize,
    /// Most files one run may load through imports and baselines.
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_nesting: 32,
            max_files: 10_000,
        }
    }
}

/// Parses one file. On a syntax error the file yields no items and one diagnostic.
pub fn parse(file: FileId, text: &str, limits: &Limits) -> (ast::File, Vec<Diagnostic>) {
    let tokens = match prescan(file, text, limits.max_nesting) {
        Ok(tokens) => tokens,
        Err(diag) => return (ast::File::default(), vec![*diag]),
    };
    let suppressions = suppressions(file, text, &tokens);
    match TreatyParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let mut lowerer = lower::Lowerer::new(file);
            let items = match pairs.next() {
                Some(root) => lowerer.file(root),
                None => Vec::new(),
            };
            (
                ast::File {
                    items,
                    suppressions,
                },
                lowerer.into_diagnostics(),
            )
        }
        Err(err) => (
            ast::File::default(),
            vec![error::syntax_error(file, text, &err)],
        ),
    }
}

/// One pass over the text before parsing: rejects parentheses nested deeper than the limit
/// (so that no input can make the recursive-descent parser recurse without bound) and
/// returns the file's tokens, comments included, which the grammar otherwise discards.
fn prescan(file: FileId, text: &str, max: usize) -> Result<Vec<Token>, Box<Diagnostic>> {
    let tokens = scan(text);
    let mut depth = 0usize;
    for t in &tokens {
        match (t.kind, text.get(t.start..t.end)) {
            (TokenKind::Punct, Some("(")) => {
                depth += 1;
                if depth > max {
                    return Err(Box::new(
                        Diagnostic::error(
                            codes::NESTING_TOO_DEEP,
                            Span::new(file, t.start, t.end),
                            format!("parentheses nested more than {max} deep"),
                        )
                        .with_label("too deep here")
                        .with_help("split the decision rule into simpler parts; no real rule needs this depth"),
                    ));
                }
            }
            (TokenKind::Punct, Some(")")) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(tokens)
}

/// `# treaty: allow(code, ...)` comments. A comment after a clause on its line covers that
/// line; a comment on a line of its own covers the next line that has a clause on it.
fn suppressions(file: FileId, text: &str, tokens: &[Token]) -> Vec<ast::Suppression> {
    let mut out = Vec::new();
    let comments = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Comment)
        .map(|t| t.start..t.end);
    for range in comments {
        let Some(comment) = text.get(range.clone()) else {
            continue;
        };
        let body = comment.trim_start_matches('#').trim_start();
        let Some(rest) = body.strip_prefix("treaty:") else {
            continue;
        };
        let Some(list) = rest
            .trim_start()
            .strip_prefix("allow(")
            .and_then(|r| r.split(')').next())
        else {
            continue;
        };
        let list_offset = range.start + comment.find("allow(").map_or(0, |i| i + 6);
        let mut codes = Vec::new();
        let mut offset = list_offset;
        for part in list.split(',') {
            let code = part.trim();
            let lead = part.len() - part.trim_start().len();
            if !code.is_empty() {
                codes.push((
                    code.to_string(),
                    Span::new(file, offset + lead, offset + lead + code.len()),
                ));
            }
            offset += part.len() + 1;
        }
        let line_start = text
            .get(..range.start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let before = text.get(line_start..range.start).unwrap_or("");
        let target = if before.trim().is_empty() {
            // The next line with something on it other than a comment.
            let mut start = range.end.saturating_add(1).min(text.len());
            loop {
                let end = text
                    .get(start..)
                    .and_then(|t| t.find('\n'))
                    .map_or(text.len(), |i| start + i);
                let line = text.get(start..end).unwrap_or("").trim();
                if !line.is_empty() && !line.starts_with('#') || end >= text.len() {
                    break start..end;
                }
                start = end + 1;
            }
        } else {
            line_start..range.end
        };
        out.push(ast::Suppression {
            codes,
            span: Span::new(file, range.start, range.end),
            target: Span::new(file, target.start, target.end),
        });
    }
    out
}
