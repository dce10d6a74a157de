//! Text to syntax tree: the pest grammar in `grammar/treaty.pest`, then a lowering from pest's
//! pairs to the typed [`crate::ast`]. Syntax errors become diagnostics here; nothing after this
//! stage reads source text again.

pub(crate) mod boundary;
mod error;
mod lossless;
mod lower;
mod scan;

use crate::ast;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::Parser as _;

pub use error::describe_rule;
pub(crate) use error::{hidden_character, is_hidden, misspelt_keyword, visible};
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
    // The tokens are needed for the comments only, and not kept while the file is parsed.
    let (suppressions, invalid_suppressions) = match prescan(file, text, limits.max_nesting) {
        Ok(tokens) => suppressions(file, text, &tokens),
        Err(diag) => return (ast::File::default(), vec![*diag]),
    };
    let mut lowerer = lower::Lowerer::new(file);
    let mut items = Vec::new();
    let mut bad_dates = Vec::new();
    // The first word that runs into another: reported if no clause fails to parse, as a
    // parse of the whole file would.
    let mut run_on: Option<Diagnostic> = None;
    // A clause at a time: pest records every token of what it parses (some 40 bytes per
    // token), which for a whole file took more memory than the rest of the check together.
    let mut at = 0;
    // Where the last two clauses started.
    let mut before = [0, 0];
    while let Some(rest) = text.get(at..) {
        let pairs = match TreatyParser::parse(Rule::next_item, rest) {
            Ok(pairs) => pairs,
            Err(err) => {
                // pest reports the furthest place any attempt reached, and an optional part
                // of an earlier clause (an unclosed string in a `from` note) may have reached
                // past where this clause failed. Reading the file from two clauses back
                // gives the error a reading of the whole file gives.
                let from = before[0];
                let diag = match text.get(from..).map(|t| TreatyParser::parse(Rule::file, t)) {
                    Some(Err(whole)) => error::syntax_error_at(file, text, from, &whole),
                    _ => error::syntax_error_at(file, text, at, &err),
                };
                return (ast::File::default(), vec![diag]);
            }
        };
        if run_on.is_none() {
            run_on = boundary::check_at(file, text, at, pairs.clone());
        }
        let clause = pairs
            .into_iter()
            .next()
            .and_then(|p| p.into_inner().next())
            .filter(|c| c.as_rule() != Rule::EOI);
        let Some(clause) = clause else {
            break;
        };
        let end = clause.as_span().end();
        for date in clause.clone().into_inner().flatten() {
            if date.as_rule() == Rule::date {
                let start = at + date.as_span().start();
                bad_dates.extend(invalid_date(file, start, date.as_str()));
            }
        }
        if let Some(item) = lowerer.item_at(clause, at) {
            items.push(item);
        }
        if end == 0 {
            break;
        }
        before = [before[1], at];
        at += end;
    }
    if let Some(diag) = run_on {
        return (ast::File::default(), vec![diag]);
    }
    let mut diagnostics = lowerer.into_diagnostics();
    diagnostics.extend(bad_dates);
    (
        ast::File {
            items,
            suppressions,
            invalid_suppressions,
        },
        diagnostics,
    )
}

/// An error for a date of the right shape (`YYYY-MM-DD`, which the grammar checks) that is
/// no day of the calendar: `2009-13-45` would otherwise be compared with other dates as if
/// it were one, and decide who was a member when.
fn invalid_date(file: FileId, start: usize, date: &str) -> Option<Diagnostic> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let problem = if !(1..=12).contains(&month) {
        format!("there is no month {month}")
    } else if day == 0 || day > days {
        format!("month {month} of {year} has {days} days")
    } else {
        return None;
    };
    Some(
        Diagnostic::error(
            codes::INVALID_VALUE,
            Span::new(file, start, start + date.len()),
            format!("`{date}` is not a date: {problem}"),
        )
        .with_label("no such day")
        .with_help("dates are written YYYY-MM-DD, such as `2009-11-29`"),
    )
}

/// One pass over the text before parsing: rejects parentheses nested deeper than the limit
/// (so that no input can make the recursive-descent parser recurse without bound) and a
/// string left open (reported where it starts), and returns the file's tokens, comments
/// included, which the grammar otherwise discards.
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
            // A string ends on its line: an unclosed quote must not swallow the file.
            (TokenKind::String, Some(string)) if !closed_on_its_line(string) => {
                return Err(unterminated(file, text, t.start));
            }
            _ => {}
        }
    }
    Ok(tokens)
}

/// Whether a string token (from its opening quote) closes before any line break.
fn closed_on_its_line(string: &str) -> bool {
    let mut escaped = false;
    for c in string.chars().skip(1) {
        match (escaped, c) {
            (_, '\n') => return false,
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => return true,
            _ => {}
        }
    }
    false
}

/// A string left open, reported where it starts (the parser would only see where it ran out).
pub(crate) fn unterminated(file: FileId, text: &str, start: usize) -> Box<Diagnostic> {
    let line_end = text
        .get(start..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |n| start + n);
    Box::new(
        Diagnostic::error(
            codes::SYNTAX_ERROR,
            Span::new(file, start, line_end),
            "unterminated string: this `\"` is not closed on its line",
        )
        .with_label("the string starts here")
        .with_help("close it with `\"` before the end of the line; a `\"` inside text is written `\\\"`, and a string is one line"),
    )
}

/// `# treaty: allow(code, ...)` comments, and those meant as such that do not have the form.
/// A comment after a clause on its line covers that line; a comment on a line of its own
/// covers the next line that has a clause on it.
fn suppressions(
    file: FileId,
    text: &str,
    tokens: &[Token],
) -> (Vec<ast::Suppression>, Vec<ast::InvalidSuppression>) {
    let mut out = Vec::new();
    let mut invalid = Vec::new();
    let mut next_clause: Option<std::ops::Range<usize>> = None;
    let comments = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Comment)
        .map(|t| t.start..t.end);
    for range in comments {
        let Some(comment) = text.get(range.clone()) else {
            continue;
        };
        let list = match directive(comment) {
            None => continue,
            Some(Err((problem, at))) => {
                invalid.push(ast::InvalidSuppression {
                    span: Span::new(file, range.start + at.start, range.start + at.end),
                    problem,
                });
                continue;
            }
            Some(Ok(list)) => list,
        };
        let mut codes = Vec::new();
        for (code, at) in list {
            codes.push((
                code.to_string(),
                Span::new(file, range.start + at.start, range.start + at.end),
            ));
        }
        let line_start = text
            .get(..range.start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let before = text.get(line_start..range.start).unwrap_or("");
        let target = if before.trim().is_empty() {
            // The next line with something on it other than a comment. Comments come in
            // order: if the last one's target is still ahead, only comments and blank lines
            // lie between, and it is this one's too (so a run of comments is read once).
            let mut start = range.end.saturating_add(1).min(text.len());
            match &next_clause {
                Some(found) if start <= found.start => found.clone(),
                _ => {
                    let found = loop {
                        let end = text
                            .get(start..)
                            .and_then(|t| t.find('\n'))
                            .map_or(text.len(), |i| start + i);
                        let line = text.get(start..end).unwrap_or("").trim();
                        if !line.is_empty() && !line.starts_with('#') || end >= text.len() {
                            break start..end;
                        }
                        start = end + 1;
                    };
                    next_clause = Some(found.clone());
                    found
                }
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
    (out, invalid)
}

/// What a suppression comment says wrong, and where in the comment.
type Problem = (String, std::ops::Range<usize>);

/// A suppression's codes, each with its place in the comment.
type Codes<'a> = Vec<(&'a str, std::ops::Range<usize>)>;

/// Reads a comment (from its `#`) as a suppression: `None` if it is not meant as one, the
/// codes with their places in the comment if it has the form
/// `# treaty: allow(code, ...)` (optionally followed by `-- reason`), and otherwise what is
/// wrong. A comment is meant as a suppression when it starts with the word `treaty` in any
/// case, then either a colon and a word followed by `(`, or a directive word such as
/// `allow` or `deny`.
fn directive(comment: &str) -> Option<Result<Codes<'_>, Problem>> {
    const DIRECTIVES: &[&str] = &[
        "allow", "deny", "warn", "forbid", "ignore", "expect", "disable",
    ];
    let word_end = |from: usize| {
        comment.get(from..).map_or(from, |t| {
            from + t.len()
                - t.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .len()
        })
    };
    let skip_space = |from: usize| {
        comment
            .get(from..)
            .map_or(from, |t| from + t.len() - t.trim_start().len())
    };
    let at = |i: usize| comment.get(i..).and_then(|t| t.chars().next());
    let start = skip_space(comment.len() - comment.trim_start_matches('#').len());
    let treaty_end = word_end(start);
    let treaty = comment.get(start..treaty_end)?;
    if !treaty.eq_ignore_ascii_case("treaty") {
        return None;
    }
    let colon = skip_space(treaty_end);
    let has_colon = at(colon) == Some(':');
    let verb_start = if has_colon {
        skip_space(colon + 1)
    } else {
        colon
    };
    let verb_end = word_end(verb_start);
    let verb = comment.get(verb_start..verb_end).unwrap_or("");
    let paren = skip_space(verb_end);
    let is_directive = DIRECTIVES.iter().any(|d| verb.eq_ignore_ascii_case(d));
    let meant = is_directive || (has_colon && !verb.is_empty() && at(paren) == Some('('));
    if !meant {
        return None;
    }
    let problem = |message: String, range: std::ops::Range<usize>| Some(Err((message, range)));
    if treaty != "treaty" {
        return problem(
            format!("`{treaty}` is written `treaty`, in lower case"),
            start..treaty_end,
        );
    }
    if !has_colon || colon != treaty_end {
        return problem(
            "`treaty` is followed by a colon, with no space before it".into(),
            start..colon.max(treaty_end),
        );
    }
    if verb != "allow" {
        let message = if verb.eq_ignore_ascii_case("allow") {
            format!("`{verb}` is written `allow`, in lower case")
        } else if verb.is_empty() {
            "`treaty:` is followed by `allow`".to_string()
        } else {
            format!("`{verb}` is not a suppression: a comment can only `allow` a rule (levels go in `treaty.toml`)")
        };
        return problem(
            message,
            verb_start..verb_end.max(verb_start + 1).min(comment.len()),
        );
    }
    if at(paren) != Some('(') {
        return problem(
            "`allow` is followed by `(` and the codes".into(),
            verb_start..verb_end,
        );
    }
    if paren != verb_end {
        return problem(
            "no space goes between `allow` and `(`".into(),
            verb_start..paren + 1,
        );
    }
    let list_start = paren + 1;
    let Some(close) = comment.get(list_start..).and_then(|t| t.find(')')) else {
        return problem(
            "the list after `allow(` is never closed".into(),
            verb_start..comment.len(),
        );
    };
    let close = list_start + close;
    let list = comment.get(list_start..close).unwrap_or("");
    if list.trim().is_empty() {
        return problem("`allow()` names no rule".into(), verb_start..close + 1);
    }
    let mut codes = Vec::new();
    let mut offset = list_start;
    for part in list.split(',') {
        let code = part.trim();
        let lead = part.len() - part.trim_start().len();
        if code.is_empty() {
            return problem(
                "an empty code in the list".into(),
                offset..offset + part.len(),
            );
        }
        codes.push((code, offset + lead..offset + lead + code.len()));
        offset += part.len() + 1;
    }
    let after = skip_space(close + 1);
    let rest = comment.get(after..).unwrap_or("");
    if !rest.is_empty() && !rest.starts_with("--") {
        let shown: String = rest.chars().take(20).collect();
        let more = if shown.len() < rest.len() { "..." } else { "" };
        return problem(
            format!("unexpected `{shown}{more}` after the list; a reason follows `--`"),
            after..comment.len(),
        );
    }
    Some(Ok(codes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file parsed at once with the `file` rule, as before clauses were parsed one at a
    /// time: the oracle for the clause-at-a-time parser.
    fn parse_whole(text: &str) -> (Vec<ast::Item>, Vec<Diagnostic>) {
        match TreatyParser::parse(Rule::file, text) {
            Ok(mut pairs) => {
                if let Some(diag) = boundary::check(FileId(0), text, pairs.clone()) {
                    return (Vec::new(), vec![diag]);
                }
                let mut lowerer = lower::Lowerer::new(FileId(0));
                let items = pairs
                    .next()
                    .map(|root| lowerer.file(root))
                    .unwrap_or_default();
                (items, lowerer.into_diagnostics())
            }
            Err(err) => (Vec::new(), vec![error::syntax_error(FileId(0), text, &err)]),
        }
    }

    #[test]
    fn a_clause_at_a_time_reads_as_the_whole_file_does() {
        let mut texts = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for path in [
            "treaties/est-2009.treaty",
            "treaties/un-charter.treaty",
            "treaties/eu-council.treaty",
            "treaties/osce-decision-rules.treaty",
        ] {
            let text = std::fs::read_to_string(root.join(path)).expect("a treaty of the corpus");
            for cut in (0..text.len()).step_by(613) {
                if let (Some(head), Some(tail)) = (text.get(..cut), text.get(cut..)) {
                    texts.push(head.to_string());
                    // A stray word, and a word run into the next, where the cut falls.
                    texts.push(format!("{head} stray {tail}"));
                    texts.push(format!("{head}x{tail}"));
                }
            }
            texts.push(text);
        }
        texts.extend(
            [
                "",
                "}",
                "party A \"A\"}",
                "  xyz",
                "party A \"A\"party B \"B\"",
                "partyA \"A\"",
            ]
            .map(str::to_string),
        );
        for text in &texts {
            // Texts the prescan refuses never reach either parser.
            if prescan(FileId(0), text, Limits::default().max_nesting).is_err() {
                continue;
            }
            let (file, diags) = parse(FileId(0), text, &Limits::default());
            let (items, expected) = parse_whole(text);
            assert_eq!(diags, expected, "{text}");
            assert_eq!(format!("{:?}", file.items), format!("{items:?}"), "{text}");
        }
    }

    fn read(comment: &str) -> Option<Result<Vec<&str>, String>> {
        directive(comment).map(|r| {
            r.map(|codes| codes.into_iter().map(|(c, _)| c).collect())
                .map_err(|(problem, _)| problem)
        })
    }

    #[test]
    fn suppression_comments_have_one_form() {
        assert_eq!(read("# treaty: allow(a)"), Some(Ok(vec!["a"])));
        assert_eq!(read("#treaty:allow( a , b )"), Some(Ok(vec!["a", "b"])));
        assert_eq!(
            read("# treaty: allow(a) -- the reason"),
            Some(Ok(vec!["a"]))
        );
        assert_eq!(read("# treaty: allow(a)   "), Some(Ok(vec!["a"])));
        // Not meant as suppressions.
        for comment in [
            "# a comment",
            "# Treaty: the text of 1990",
            "# treaty",
            "# treatyallow(x)",
            "#",
            "# treaty: x",
        ] {
            assert_eq!(read(comment), None, "{comment}");
        }
        // Meant as suppressions, and malformed.
        for (comment, problem) in [
            ("# treaty: allow(", "the list after `allow(` is never closed"),
            ("# treaty: allow()", "`allow()` names no rule"),
            ("# treaty: allow ( a)", "no space goes between `allow` and `(`"),
            ("# treaty: deny(a)", "`deny` is not a suppression: a comment can only `allow` a rule (levels go in `treaty.toml`)"),
            ("# TREATY: allow(a)", "`TREATY` is written `treaty`, in lower case"),
            ("# treaty : allow(a)", "`treaty` is followed by a colon, with no space before it"),
            ("# treaty allow(a)", "`treaty` is followed by a colon, with no space before it"),
            ("# treaty: Allow(a)", "`Allow` is written `allow`, in lower case"),
            ("# treaty: allow", "`allow` is followed by `(` and the codes"),
            ("# treaty: allow(a,,b)", "an empty code in the list"),
            ("# treaty: allow(a) junk", "unexpected `junk` after the list; a reason follows `--`"),
        ] {
            assert_eq!(read(comment), Some(Err(problem.to_string())), "{comment}");
        }
    }

    #[test]
    fn problems_point_inside_the_comment() {
        for comment in [
            "# treaty: allow(",
            "# TREATY: allow(a)",
            "# treaty:   deny",
            "# treaty: allow(a) \u{e9}\u{e9}\u{e9}",
        ] {
            if let Some(Err((_, range))) = directive(comment) {
                assert!(
                    range.start < range.end && range.end <= comment.len(),
                    "{comment}: {range:?}"
                );
                assert!(comment.get(range.clone()).is_some(), "{comment}: {range:?}");
            }
        }
    }
}
