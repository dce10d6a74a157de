//! Diagnostics to text: human (miette, with source snippets), plain (one line per finding)
//! and JSON (versioned, with a schema). The only module that knows about terminals.

/// The JSON Schema of the `summary` of `check --format json` (counts of files and findings),
/// which `diff` also prints when an input error stops it.
macro_rules! check_summary_schema {
    () => {
        r##"{
      "type": "object",
      "required": ["files", "errors", "warnings", "infos"],
      "additionalProperties": false,
      "properties": {
        "files": { "type": "integer", "minimum": 0 },
        "errors": { "type": "integer", "minimum": 0 },
        "warnings": { "type": "integer", "minimum": 0 },
        "infos": { "type": "integer", "minimum": 0 }
      }
    }"##
    };
}

/// The JSON Schema `$defs` of a diagnostic (`span`, `label`, `diagnostic`), shared by the
/// schema of every command's JSON, which all carry the same diagnostic objects. A macro, so
/// that each schema stays one `&'static str` built with `concat!`.
macro_rules! diagnostic_schema_defs {
    () => {
        r##"    "span": {
      "type": "object",
      "description": "Byte offsets into the file, and 1-based line and column (columns count Unicode scalar values).",
      "required": ["start", "end", "line", "column", "end_line", "end_column"],
      "additionalProperties": false,
      "properties": {
        "start": { "type": "integer", "minimum": 0 },
        "end": { "type": "integer", "minimum": 0 },
        "line": { "type": "integer", "minimum": 1 },
        "column": { "type": "integer", "minimum": 1 },
        "end_line": { "type": "integer", "minimum": 1 },
        "end_column": { "type": "integer", "minimum": 1 }
      }
    },
    "label": {
      "type": "object",
      "required": ["message", "file", "span", "primary"],
      "additionalProperties": false,
      "properties": {
        "message": { "type": "string" },
        "file": { "type": "string" },
        "span": { "$ref": "#/$defs/span" },
        "primary": { "type": "boolean" }
      }
    },
    "diagnostic": {
      "type": "object",
      "required": ["code", "severity", "message", "file", "span"],
      "additionalProperties": false,
      "properties": {
        "code": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$" },
        "severity": { "enum": ["error", "warning", "info"] },
        "message": { "type": "string" },
        "file": { "type": "string" },
        "span": { "$ref": "#/$defs/span" },
        "labels": { "type": "array", "items": { "$ref": "#/$defs/label" } },
        "help": { "type": "string" },
        "citation": { "type": "string", "description": "The article the finding is about, e.g. \"article 6.3\"." },
        "docs": { "type": "string" },
        "basis": { "$ref": "#/$defs/basis" },
        "url": { "type": "string", "format": "uri", "description": "The page that documents the code (added in version 1: every diagnostic has one)." },
        "fixes": { "type": "array", "items": { "$ref": "#/$defs/fix" }, "description": "Mechanical remedies, safe ones first (added in version 1)." }
      }
    },
    "fix": {
      "type": "object",
      "description": "Edits that remedy the diagnostic. Safe: cannot change what the treaty means (`treaty check --fix` applies it). Unsafe: changes the meaning, guesses, or leaves a placeholder for the drafter to fill.",
      "required": ["message", "applicability", "edits"],
      "additionalProperties": false,
      "properties": {
        "message": { "type": "string" },
        "applicability": { "enum": ["safe", "unsafe"] },
        "edits": { "type": "array", "items": { "$ref": "#/$defs/edit" } }
      }
    },
    "edit": {
      "type": "object",
      "description": "Replace the bytes `span.start..span.end` of `file` by `replacement`; an empty span inserts. Edits of one fix do not overlap.",
      "required": ["file", "span", "replacement"],
      "additionalProperties": false,
      "properties": {
        "file": { "type": "string" },
        "span": { "$ref": "#/$defs/span" },
        "replacement": { "type": "string" }
      }
    },
    "basis": {
      "type": "object",
      "description": "What a finding rests on (lint findings only; errors in the input have none). The status is the weakest of its grounds: text (quoted treaty text), practice (the parties' practice, not text), unverified (known only from a paraphrase), incomplete (a finding about what the treaty does not say, in a file that encodes only part of it, or resting on an article not encoded).",
      "required": ["status", "articles"],
      "additionalProperties": false,
      "properties": {
        "status": { "enum": ["text", "practice", "unverified", "incomplete"] },
        "articles": { "type": "array", "items": { "type": "string" }, "description": "Every article the finding rests on, as cited; a baseline's prefixed by its title." },
        "caveats": { "type": "array", "items": { "type": "string" }, "description": "Why each ground weaker than quoted text is weaker." }
      }
    }"##
    };
}

mod analysis;
#[cfg(feature = "cli")]
mod diff;
mod human;
mod json;
#[cfg(feature = "cli")]
pub(crate) mod report;
mod sarif;
mod scenario;
#[cfg(feature = "cli")]
pub(crate) mod svg;
mod trace;

pub use analysis::{analysis_human, analysis_json, analysis_schema};
#[cfg(feature = "cli")]
pub use diff::{diff_human, diff_json, diff_markdown, diff_schema};
pub use human::human;
pub use json::{json, schema, JSON_VERSION};
pub use sarif::sarif;
pub use scenario::{run_human, run_json, run_schema};
pub use trace::{describe, describe_expectation};

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;
use std::fmt::Write as _;

/// Output formats of `treaty check` (contract names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For a person at a terminal: snippets, labels and help ([`human`]).
    Human,
    /// One line per diagnostic, `file:line:column: severity[code] message` ([`plain`]).
    Plain,
    /// The versioned JSON an editor or a CI job reads ([`json`], [`schema`]).
    Json,
    /// GitHub Actions annotations ([`github`]).
    Github,
    /// SARIF 2.1.0 for code-scanning services ([`sarif`]).
    Sarif,
}

/// GitHub Actions workflow commands, one per diagnostic, so that findings appear as
/// annotations on the pull request's lines.
pub fn github(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    // Workflow-command values escape `%`, CR and LF; property values also `:` and `,`.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            crate::diagnostic::Severity::Error => "error",
            crate::diagnostic::Severity::Warning => "warning",
            crate::diagnostic::Severity::Info => "notice",
        };
        let file = sources.get(d.span.file);
        let start = file.map(|f| f.line_col(d.span.start));
        let end = file.map(|f| f.line_col(d.span.end));
        let (line, col) = start.map_or((1, 1), |s| (s.line, s.column));
        let (end_line, end_col) = end.map_or((line, col), |e| (e.line, e.column));
        let _ = writeln!(
            out,
            "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            property(sources.name(d.span.file)),
            property(d.code.as_str()),
            data(&format!("{}{}", d.message, basis_tag(d)))
        );
    }
    out
}

/// ` [unverified]` after a finding that rests on less than quoted text, for one-line formats.
fn basis_tag(d: &Diagnostic) -> String {
    match d.basis() {
        Some(b) if b != crate::basis::Basis::Text => format!(" [{}]", b.as_str()),
        _ => String::new(),
    }
}

/// `file:line:col: severity[code] message`, one line per diagnostic (` [unverified]` and
/// the like after a finding that rests on less than quoted text).
pub fn plain(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let name = sources.name(d.span.file);
        let at = sources
            .get(d.span.file)
            .map(|f| f.line_col(d.span.start))
            .unwrap_or(crate::source::LineCol { line: 1, column: 1 });
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}{}",
            one_line(name),
            at.line,
            at.column,
            d.severity,
            d.code,
            one_line(&d.message),
            basis_tag(d)
        );
    }
    out
}

/// Text made to fit on one line: a message or a file name may hold several, and a plain line
/// is one finding. Line breaks become `; `, blank lines and the spaces at line
/// ends go.
pub(crate) fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let parts: Vec<&str> = text
        .split(['\n', '\r'])
        .map(str::trim_end)
        .filter(|p| !p.trim().is_empty())
        .collect();
    std::borrow::Cow::Owned(parts.join("; "))
}

/// The closing line of human and plain output: `3 warnings, 1 error in 2 files`.
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let mut parts = Vec::new();
    for (severity, one, many) in [
        (crate::diagnostic::Severity::Error, "error", "errors"),
        (crate::diagnostic::Severity::Warning, "warning", "warnings"),
        (crate::diagnostic::Severity::Info, "note", "notes"),
    ] {
        let n = count(severity);
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    let files = format!("{files} file{}", if files == 1 { "" } else { "s" });
    if parts.is_empty() {
        format!("no findings in {files}")
    } else {
        format!("{} in {files}", parts.join(", "))
    }
}

/// Text safe in Markdown: the characters that would make emphasis, links, tables or HTML are
/// escaped, except inside `code spans`, which Markdown shows as written.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // An unpaired backtick opens no span: it is escaped with the rest.
    let spans = text.matches('`').count().is_multiple_of(2);
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push_str(if spans { "`" } else { "\\`" });
        }
        if spans && i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        for c in part.chars() {
            match c {
                '\\' | '*' | '_' | '[' | ']' | '|' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\n' => out.push(' '),
                _ => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::codes;
    use crate::source::Span;

    #[test]
    fn a_message_over_several_lines_is_one_line_in_plain_and_github_output() {
        let mut sources = SourceMap::new();
        let file = sources.add("treaty.toml", "treaty.toml", "[lints]\nx =\n");
        let d = Diagnostic::error(
            codes::INVALID_CONFIG,
            Span::new(file, 11, 11),
            "invalid string\nexpected `\"`, `'`\n\n",
        );
        let plain = plain(&sources, std::slice::from_ref(&d));
        assert_eq!(
            plain,
            "treaty.toml:2:4: error[invalid-config] invalid string; expected `\"`, `'`\n"
        );
        let github = github(&sources, std::slice::from_ref(&d));
        assert_eq!(github.lines().count(), 1, "{github}");
        assert!(github.ends_with("::invalid string%0Aexpected `\"`, `'`%0A%0A\n"));
    }
}
