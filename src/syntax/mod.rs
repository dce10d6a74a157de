//! Text to syntax tree: the pest grammar in `grammar/treaty.pest`, then a lowering from pest's
//! pairs to the typed [`crate::ast`]. Syntax errors become diagnostics here; nothing after this
//! stage reads source text again.

mod error;
mod lower;

use crate::ast;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::Parser as _;

pub use error::describe_rule;

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
    if let Some(diag) = check_nesting(file, text, limits.max_nesting) {
        return (ast::File::default(), vec![diag]);
    }
    match TreatyParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let mut lowerer = lower::Lowerer::new(file);
            let items = match pairs.next() {
                Some(root) => lowerer.file(root),
                None => Vec::new(),
            };
            (ast::File { items }, lowerer.into_diagnostics())
        }
        Err(err) => (
            ast::File::default(),
            vec![error::syntax_error(file, text, &err)],
        ),
    }
}

/// Rejects parentheses nested deeper than the limit before the recursive-descent parser sees
/// them, so that no input can make it recurse without bound.
fn check_nesting(file: FileId, text: &str, max: usize) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '#' => in_comment = true,
            '"' => in_string = true,
            '(' => {
                depth += 1;
                if depth > max {
                    return Some(
                        Diagnostic::error(
                            codes::NESTING_TOO_DEEP,
                            Span::new(file, i, i + 1),
                            format!("parentheses nested more than {max} deep"),
                        )
                        .with_label("too deep here")
                        .with_help("split the decision rule into simpler parts; no real rule needs this depth"),
                    );
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}
