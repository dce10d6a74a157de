//! Fixes: the mechanical remedy a diagnostic can carry, as byte-range edits.
//!
//! A rule that knows the remedy attaches a [`Fix`]; every consumer reads the same value: the
//! JSON and SARIF renderers print it, `treaty check --fix` applies the safe ones, and the
//! language server offers each as a code action. As in ruff, a fix is **safe** when applying
//! it cannot change what the treaty means (removing a suppression that silences nothing), and
//! **unsafe** when it does or when it leaves a placeholder the drafter must fill (`failing
//! that "[...]"`) or guesses (the closest declared name for a misspelt one).
//!
//! Rules never read text, so an edit that must fit the layout of the file (a new line
//! indented like its neighbour, a comment line removed whole) is recorded with a
//! [`Layout`] and made concrete by [`settle`] once the text is at hand
//! (`diagnostic::normalize` does it); after that every edit is a plain replacement.

use crate::source::{SourceMap, Span};
use serde::Serialize;

/// Whether a fix may be applied without a person reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change what the treaty means: `treaty check --fix` applies it.
    Safe,
    /// Changes the meaning, guesses, or leaves a placeholder to fill: offered, never applied
    /// without a person choosing it.
    Unsafe,
}

impl Applicability {
    /// The name in outputs (contract).
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// How an edit fits the text around it; everything but [`Layout::Exact`] is settled against
/// the text when the diagnostics are put in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Replace exactly `span` by the replacement.
    Exact,
    /// Add the replacement as a clause after the one at `span`: on a line of its own,
    /// indented like that clause's line, when nothing but a comment follows the clause on
    /// its line; otherwise after it on the same line, one space apart.
    ClauseAfter,
    /// Remove `span` (a comment); when the line holds nothing else, the whole line, and
    /// otherwise the blanks before it too.
    RemoveComment,
    /// Add the replacement as a line of its own just above the line `span` starts on,
    /// indented like it.
    LineAbove,
}

/// One replacement of a byte range of one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes replaced; empty to insert.
    pub span: Span,
    /// What goes in their place.
    pub replacement: String,
    /// How it fits the text around it; [`Layout::Exact`] once settled.
    pub layout: Layout,
}

impl Edit {
    /// Replaces exactly `span`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
            layout: Layout::Exact,
        }
    }

    /// Removes exactly `span`.
    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }

    /// A new clause after the clause at `span` (see [`Layout::ClauseAfter`]).
    pub fn clause_after(span: Span, clause: impl Into<String>) -> Self {
        Edit {
            span: Span {
                start: span.end,
                ..span
            },
            replacement: clause.into(),
            layout: Layout::ClauseAfter,
        }
    }

    /// Removes a whole comment (see [`Layout::RemoveComment`]).
    pub fn remove_comment(span: Span) -> Self {
        Edit {
            span,
            replacement: String::new(),
            layout: Layout::RemoveComment,
        }
    }

    /// A line above the line `span` starts on (see [`Layout::LineAbove`]).
    pub fn line_above(span: Span, line: impl Into<String>) -> Self {
        Edit {
            span: Span {
                end: span.start,
                ..span
            },
            replacement: line.into(),
            layout: Layout::LineAbove,
        }
    }
}

/// A remedy: what it does, in words for a menu, and its edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Imperative, lowercase: "remove the unused suppression".
    pub message: String,
    /// Whether it may be applied unread.
    pub applicability: Applicability,
    /// Non-overlapping edits, applied together or not at all.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that cannot change what the treaty means.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// A fix a person must choose: it changes the meaning, guesses, or leaves a blank.
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// The placeholder a skeleton fix leaves in a string for the drafter to fill.
pub const BLANK: &str = "[...]";

/// The placeholder a skeleton fix leaves where a name belongs: no file declares it, so
/// checking reports it (`unknown-name`) until the drafter puts a real name there.
pub const JUDGE_BLANK: &str = "judge_to_be_named";

/// Makes every edit of `fix` exact against the text of its file.
pub fn settle(fix: &mut Fix, sources: &SourceMap) {
    for edit in &mut fix.edits {
        let Some(file) = sources.get(edit.span.file) else {
            continue;
        };
        settle_edit(edit, &file.text);
    }
}

fn settle_edit(edit: &mut Edit, text: &str) {
    let start = (edit.span.start as usize).min(text.len());
    let end = (edit.span.end as usize).clamp(start, text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| end + i);
    let indent: String = text
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let set = |edit: &mut Edit, from: usize, to: usize, replacement: String| {
        edit.span = Span::new(edit.span.file, from, to);
        edit.replacement = replacement;
        edit.layout = Layout::Exact;
    };
    match edit.layout {
        Layout::Exact => {}
        Layout::ClauseAfter => {
            let rest = text.get(end..line_end).unwrap_or("").trim_start();
            let clause = std::mem::take(&mut edit.replacement);
            if rest.is_empty() || rest.starts_with('#') {
                let newline = if line_end < text.len() { "" } else { "\n" };
                let at = (line_end + 1).min(text.len());
                let line = format!("{newline}{indent}{clause}\n");
                set(edit, at, at, line);
            } else {
                set(edit, end, end, format!(" {clause}"));
            }
        }
        Layout::RemoveComment => {
            let before = text.get(line_start..start).unwrap_or("");
            let after = text.get(end..line_end).unwrap_or("");
            if before.trim().is_empty() && after.trim().is_empty() {
                let to = (line_end + 1).min(text.len());
                set(edit, line_start, to, String::new());
            } else {
                let from = start - (before.len() - before.trim_end().len());
                set(edit, from, end, String::new());
            }
        }
        Layout::LineAbove => {
            let line = format!("{indent}{}\n", edit.replacement);
            set(edit, line_start, line_start, line);
        }
    }
}

#[cfg(any(test, feature = "cli"))]
/// Applies edits of one file to its text. Identical edits count once; edits that overlap an
/// earlier one (by start) are left out and reported by the count of those left out.
pub fn apply(text: &str, edits: &[&Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    sorted.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    let mut skipped = 0usize;
    for edit in sorted {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        // An insertion at the end of a removal is fine; anything reaching back is not.
        if start < at || end < start || end > text.len() {
            skipped += 1;
            continue;
        }
        let (Some(keep), true) = (text.get(at..start), text.is_char_boundary(end)) else {
            skipped += 1;
            continue;
        };
        out.push_str(keep);
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    (out, skipped)
}

#[cfg(any(test, feature = "cli"))]
/// A file's text after its safe fixes.
#[derive(Debug)]
pub struct Change {
    pub path: std::path::PathBuf,
    /// As users see it.
    pub name: String,
    pub text: String,
    /// The code of each finding fixed.
    pub codes: Vec<&'static str>,
}

#[cfg(any(test, feature = "cli"))]
/// The files checked (never the imports or baselines they reach) with the safe fixes of the
/// report's findings applied, one finding's fix whole or not at all: a fix that overlaps
/// one applied before it waits for another round. Files no fix touches are left out.
pub fn safe_changes(report: &crate::check::Report) -> Vec<Change> {
    let mut out = Vec::new();
    for treaty in &report.treaties {
        let file = treaty.file;
        let Some(source) = report.sources.get(file) else {
            continue;
        };
        let fixes: Vec<(&'static str, &Fix)> = report
            .diagnostics
            .iter()
            .filter_map(|d| {
                d.fixes
                    .iter()
                    .find(|f| f.applicability == Applicability::Safe)
                    .map(|f| (d.code.as_str(), f))
            })
            .filter(|(_, f)| !f.edits.is_empty() && f.edits.iter().all(|e| e.span.file == file))
            .collect();
        let mut taken: Vec<&Edit> = Vec::new();
        let mut codes = Vec::new();
        for (code, fix) in fixes {
            let clashes = fix.edits.iter().any(|e| {
                taken.iter().any(|t| {
                    let same = t.span == e.span && t.replacement == e.replacement;
                    !same
                        && t.span.start < e.span.end.max(e.span.start + 1)
                        && e.span.start < t.span.end.max(t.span.start + 1)
                })
            });
            if clashes {
                continue;
            }
            taken.extend(&fix.edits);
            codes.push(code);
        }
        if codes.is_empty() {
            continue;
        }
        let (text, _) = apply(&source.text, &taken);
        out.push(Change {
            path: source.path.clone(),
            name: source.name.clone(),
            text,
            codes,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn settled(text: &str, mut edit: Edit) -> String {
        settle_edit(&mut edit, text);
        assert_eq!(edit.layout, Layout::Exact);
        apply(text, &[&edit]).0
    }

    fn span(text: &str, what: &str) -> Span {
        let start = text.find(what).expect("in text");
        Span::new(FileId(0), start, start + what.len())
    }

    #[test]
    fn a_clause_after_goes_on_its_own_line_when_the_clause_ends_its_line() {
        let text = "norm n {\n  each party shall not \"x\" # why\n}\n";
        let edit = Edit::clause_after(
            span(text, "each party shall not \"x\""),
            "verified by \"[...]\"",
        );
        assert_eq!(
            settled(text, edit),
            "norm n {\n  each party shall not \"x\" # why\n  verified by \"[...]\"\n}\n"
        );
    }

    #[test]
    fn a_clause_after_stays_on_the_line_when_more_follows() {
        let text = "body c { decides d by consensus binding }";
        let edit = Edit::clause_after(span(text, "consensus"), "failing that \"[...]\"");
        assert_eq!(
            settled(text, edit),
            "body c { decides d by consensus failing that \"[...]\" binding }"
        );
    }

    #[test]
    fn a_comment_alone_on_its_line_goes_with_the_line() {
        let text = "a\n  # treaty: allow(x)\nb\n";
        assert_eq!(
            settled(text, Edit::remove_comment(span(text, "# treaty: allow(x)"))),
            "a\nb\n"
        );
        let trailing = "a  # treaty: allow(x)\nb\n";
        assert_eq!(
            settled(
                trailing,
                Edit::remove_comment(span(trailing, "# treaty: allow(x)"))
            ),
            "a\nb\n"
        );
    }

    #[test]
    fn a_line_above_is_indented_like_the_line_below() {
        let text = "body c {\n  decides d by consensus\n}\n";
        let edit = Edit::line_above(span(text, "consensus"), "# treaty: allow(x)");
        assert_eq!(
            settled(text, edit),
            "body c {\n  # treaty: allow(x)\n  decides d by consensus\n}\n"
        );
    }

    #[test]
    fn overlapping_edits_are_left_out_and_repeats_count_once() {
        let text = "abcdef";
        let a = Edit::replace(Span::new(FileId(0), 1, 3), "X");
        let b = Edit::replace(Span::new(FileId(0), 2, 4), "Y");
        let (out, skipped) = apply(text, &[&a, &a.clone(), &b]);
        assert_eq!((out.as_str(), skipped), ("aXdef", 1));
    }
}
