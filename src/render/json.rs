//! The JSON output (contract): `"version": 1`, one object per diagnostic with byte offsets
//! and 1-based line and column (columns in Unicode scalar values). [`schema`] is what
//! `treaty schema` prints; a test validates real output against it.

use crate::basis::BasisReport;
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules;
use crate::source::{SourceMap, Span};
use serde::Serialize;

/// The JSON output's `version`: raised when a field changes meaning or goes away, so a
/// reader can refuse what it does not understand.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// One diagnostic as every command's JSON shows it (`#/$defs/diagnostic` in the schemas).
#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    docs: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<BasisReport>,
    url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: &'a str,
    span: JsonSpan,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
    primary: bool,
}

#[derive(Serialize)]
struct JsonSpan {
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn span(sources: &SourceMap, s: Span) -> JsonSpan {
    let (start, end) = match sources.get(s.file) {
        Some(f) => (f.line_col(s.start), f.line_col(s.end)),
        None => {
            let first = crate::source::LineCol { line: 1, column: 1 };
            (first, first)
        }
    };
    JsonSpan {
        start: s.start,
        end: s.end,
        line: start.line.max(1),
        column: start.column.max(1),
        end_line: end.line.max(1),
        end_column: end.column.max(1),
    }
}

/// What to read about a code: the rule's summary and where to find the rest.
pub(crate) fn docs(code: &str) -> Option<String> {
    if let Some(rule) = rules::find(code) {
        return Some(format!("{}; see `treaty explain {code}`", rule.summary));
    }
    InputError::from_code(code).map(|e| format!("{}; see `treaty explain {code}`", e.meaning()))
}

/// Diagnostics in the JSON form every command shares.
pub(crate) fn diagnostics<'a>(
    sources: &'a SourceMap,
    diagnostics: &'a [Diagnostic],
) -> Vec<JsonDiagnostic<'a>> {
    diagnostics.iter().map(|d| diagnostic(sources, d)).collect()
}

fn diagnostic<'a>(sources: &'a SourceMap, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let mut labels = Vec::new();
    if let Some(l) = &d.label {
        labels.push(JsonLabel {
            message: l,
            file: sources.name(d.span.file),
            span: span(sources, d.span),
            primary: true,
        });
    }
    labels.extend(d.labels.iter().map(|l| JsonLabel {
        message: &l.message,
        file: sources.name(l.span.file),
        span: span(sources, l.span),
        primary: false,
    }));
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        file: sources.name(d.span.file),
        span: span(sources, d.span),
        labels,
        help: d.help.as_deref(),
        citation: d.citation.as_deref(),
        docs: docs(d.code.as_str()),
        basis: d.grounds.as_ref().map(|g| g.report()),
        url: d.url(),
        fixes: d
            .fixes
            .iter()
            .map(|f| JsonFix {
                message: &f.message,
                applicability: f.applicability.as_str(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        file: sources.name(e.span.file),
                        span: span(sources, e.span),
                        replacement: &e.replacement,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The whole report as one JSON document, with a trailing newline.
pub fn json(sources: &SourceMap, diagnostics: &[Diagnostic], files: usize) -> String {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let output = Output {
        version: JSON_VERSION,
        diagnostics: self::diagnostics(sources, diagnostics),
        summary: Summary {
            files,
            errors: count(crate::diagnostic::Severity::Error),
            warnings: count(crate::diagnostic::Severity::Warning),
            infos: count(crate::diagnostic::Severity::Info),
        },
    };
    // Serializing plain structs of strings and integers cannot fail.
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of [`json`]'s output.
pub fn schema() -> &'static str {
    SCHEMA
}

const SCHEMA: &str = concat!(
    r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://github.com/treaty-checker/treaty/schema/check-v1.json",
  "title": "treaty check --format json",
  "type": "object",
  "required": ["version", "diagnostics", "summary"],
  "additionalProperties": false,
  "properties": {
    "version": { "const": 1 },
    "diagnostics": {
      "type": "array",
      "items": { "$ref": "#/$defs/diagnostic" }
    },
    "summary": "##,
    check_summary_schema!(),
    r##"
  },
  "$defs": {
"##,
    diagnostic_schema_defs!(),
    r##"
  }
}
"##
);
