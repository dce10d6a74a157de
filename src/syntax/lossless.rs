//! The lossless view of a file: every token as written, comments included, each marked with
//! the place it has in the file's clauses. The formatter reads this; it is decided here, once,
//! from the one scanner ([`super::scan`]) and the grammar's parse tree, so that nothing
//! outside `syntax/` needs to know the grammar's rule names to lay a file out.
//!
//! The tree contributes three things the text alone does not say: where each clause starts
//! (an item, or a field inside braces), where a clause has parts that go on lines of their
//! own (an article's `says`, `from`, ...; a class's dated members), and where a word the
//! scanner read as one is two tokens to the grammar (`2/3of`, `consensusbinding`).

use super::scan::{Token, TokenKind};
use super::{error, prescan, suppressions, Limits, Rule, TreatyParser};
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use pest::iterators::Pair;
use pest::Parser as _;
use std::ops::Range;

/// What a token is to the layout of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Inside a clause (and every comment).
    Inside,
    /// The first token of a clause: a top-level item, or a field inside an item's braces.
    Clause,
    /// The first token of a part of a clause that goes on a line of its own: an article's
    /// `says`, `titled`, `from`, `unverified`, `practice` and `not encoded`; a class's
    /// `with MEMBER since DATE`.
    Part,
}

/// A file as the formatter sees it.
#[derive(Debug, Clone, Default)]
pub struct Lossless {
    /// Every token in order, comments included, with its role.
    pub tokens: Vec<(Token, Role)>,
    /// The byte ranges of the lines a `# treaty: allow(...)` comment covers, in order, one per
    /// line. A suppression
    /// silences the findings that start on its line, so the tokens of such a line must stay
    /// together on one line, and no other token may join them.
    pub kept_lines: Vec<Range<usize>>,
}

/// The lossless view of a `.treaty` file, or the syntax error [`super::parse`] reports for it.
pub fn lossless_treaty(
    file: FileId,
    text: &str,
    limits: &Limits,
) -> Result<Lossless, Vec<Diagnostic>> {
    let tokens = prescan(file, text, limits.max_nesting).map_err(|d| vec![*d])?;
    let root = match TreatyParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            if let Some(diag) = super::boundary::check(file, text, pairs.clone()) {
                return Err(vec![diag]);
            }
            pairs.next()
        }
        Err(err) => return Err(vec![error::syntax_error(file, text, &err)]),
    };
    let mut marks = Marks::default();
    for item in root.clone().into_iter().flat_map(|r| r.into_inner()) {
        marks.clauses.push(item.as_span().start());
        match item.as_rule() {
            Rule::treaty_header
            | Rule::body_decl
            | Rule::norm_decl
            | Rule::procedure_decl
            | Rule::withdrawal_decl
            | Rule::reading_decl => {
                // Before the brace: the item's name, title and citation; after it, fields.
                marks.clauses.extend(
                    item.into_inner()
                        .filter(|c| {
                            !matches!(c.as_rule(), Rule::ident | Rule::string | Rule::citation)
                        })
                        .map(|c| c.as_span().start()),
                );
            }
            Rule::article_decl => marks.parts.extend(
                item.into_inner()
                    .filter(|c| {
                        matches!(
                            c.as_rule(),
                            Rule::says_field
                                | Rule::title_field
                                | Rule::from_field
                                | Rule::unverified_field
                                | Rule::practice_field
                                | Rule::not_encoded_field
                        )
                    })
                    .map(|c| c.as_span().start()),
            ),
            Rule::class_decl => {
                if let Some(first) = item
                    .into_inner()
                    .find(|c| c.as_rule() == Rule::dated_member)
                {
                    marks.parts_after_word.push(first.as_span().start());
                }
            }
            _ => {}
        }
    }
    let mut kept_lines: Vec<Range<usize>> = suppressions(file, text, &tokens)
        .0
        .iter()
        .map(|s| s.target.start as usize..s.target.end as usize)
        .collect();
    // Each starts where its line starts: one range per line, the longest.
    kept_lines.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    kept_lines.dedup_by_key(|r| r.start);
    Ok(Lossless {
        tokens: marks.apply(tokens, root),
        kept_lines,
    })
}

/// The lossless view of a `.scenario` script, or the syntax error
/// [`crate::scenario::parse`] reports for it.
pub fn lossless_scenario(file: FileId, text: &str) -> Result<Lossless, Vec<Diagnostic>> {
    use crate::scenario::{Rule as S, ScenarioParser};
    let root = match ScenarioParser::parse(S::file, text) {
        Ok(mut pairs) => {
            if let Some(diag) = super::boundary::check(file, text, pairs.clone()) {
                return Err(vec![diag]);
            }
            pairs.next()
        }
        Err(_) => {
            let (_, diagnostics) = crate::scenario::parse(file, text);
            return Err(diagnostics);
        }
    };
    let mut marks = Marks::default();
    for scenario in root.clone().into_iter().flat_map(|r| r.into_inner()) {
        if scenario.as_rule() != S::scenario {
            continue;
        }
        marks.clauses.push(scenario.as_span().start());
        marks.clauses.extend(
            scenario
                .into_inner()
                .filter(|c| c.as_rule() != S::string)
                .map(|c| c.as_span().start()),
        );
    }
    Ok(Lossless {
        tokens: marks.apply(crate::syntax::scan(text), root),
        kept_lines: Vec::new(),
    })
}

/// Byte offsets the tree gives: where clauses and parts start.
#[derive(Default)]
struct Marks {
    clauses: Vec<usize>,
    parts: Vec<usize>,
    /// A part starts at the word just before each of these (the `with` of a class's dated
    /// members, a keyword the tree has no pair for).
    parts_after_word: Vec<usize>,
}

impl Marks {
    fn apply<R: pest::RuleType>(
        self,
        tokens: Vec<Token>,
        root: Option<Pair<'_, R>>,
    ) -> Vec<(Token, Role)> {
        let mut cuts: Vec<usize> = root
            .into_iter()
            .flat_map(|r| r.into_inner().flatten())
            .flat_map(|p| [p.as_span().start(), p.as_span().end()])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut out: Vec<(Token, Role)> = Vec::with_capacity(tokens.len());
        for t in tokens {
            if t.kind != TokenKind::Word {
                out.push((t, Role::Inside));
                continue;
            }
            // The grammar's pairs start or end inside this word: it is several tokens.
            let mut start = t.start;
            let from = cuts.partition_point(|&c| c <= t.start);
            for &cut in cuts.get(from..).unwrap_or(&[]) {
                if cut >= t.end {
                    break;
                }
                out.push((
                    Token {
                        start,
                        end: cut,
                        ..t
                    },
                    Role::Inside,
                ));
                start = cut;
            }
            out.push((Token { start, ..t }, Role::Inside));
        }
        let mark = |offset: usize, role: Role, out: &mut Vec<(Token, Role)>| {
            let i = out.partition_point(|(t, _)| t.start < offset);
            if let Some((_, r)) = out.get_mut(i) {
                if *r == Role::Inside {
                    *r = role;
                }
            }
        };
        for &offset in &self.clauses {
            mark(offset, Role::Clause, &mut out);
        }
        for &offset in &self.parts {
            mark(offset, Role::Part, &mut out);
        }
        for &offset in &self.parts_after_word {
            let i = out.partition_point(|(t, _)| t.start < offset);
            let word = out
                .get(..i)
                .unwrap_or(&[])
                .iter()
                .rposition(|(t, _)| t.kind != TokenKind::Comment);
            if let Some((_, r)) = word.and_then(|w| out.get_mut(w)) {
                if *r == Role::Inside {
                    *r = Role::Part;
                }
            }
        }
        out
    }
}
