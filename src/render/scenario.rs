//! `treaty run` output: one line per scenario, the expected and actual outcome of a failure
//! with the trace up to it, and a summary; or versioned JSON.

use super::json::JsonDiagnostic;
use crate::diagnostic::Diagnostic;
use crate::scenario::{RunReport, Status};
use crate::wording::counted;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;

fn label(status: Status) -> &'static str {
    match status {
        Status::Pass => "PASS ",
        Status::Fail => "FAIL ",
        Status::Error => "ERROR",
    }
}

/// The runner's report for people; `trace` prints every scenario's trace, not only failures'.
pub fn run_human(report: &RunReport, trace: bool) -> String {
    let mut out = String::new();
    for r in &report.results {
        let file = report.sources.name(r.file);
        let line = report
            .sources
            .get(r.file)
            .map_or(1, |f| f.line_col(r.span.start).line);
        let o = &r.outcome;
        let _ = writeln!(out, "{} {file}:{line}: {}", label(o.status), o.name);
        let failed = o.expectations.iter().find(|e| !e.passed);
        // On a failure, the trace up to the expectation that failed.
        let shown = match (trace, failed) {
            (true, _) => o.trace.len(),
            (false, Some(e)) => e.after_step,
            (false, None) => 0,
        };
        for (i, step) in o.trace.iter().take(shown).enumerate() {
            let cite = step
                .citation
                .as_ref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            let _ = writeln!(out, "      {}. {}{cite}", i + 1, step.message);
        }
        for e in &o.expectations {
            if trace || !e.passed {
                let mark = if e.passed { "ok" } else { "FAILED" };
                let _ = writeln!(
                    out,
                    "      expect {}: {mark} (got {})",
                    e.expected, e.actual
                );
            }
        }
        for d in &o.errors {
            let line = super::plain(&report.sources, std::slice::from_ref(d));
            let _ = write!(out, "      {line}");
            if let Some(h) = &d.help {
                let _ = writeln!(out, "        help: {}", super::one_line(h));
            }
        }
    }
    // Input errors not already shown under the scenario they stopped.
    let key = |d: &Diagnostic| (d.span, d.code, d.message.clone());
    let shown: HashSet<_> = report
        .results
        .iter()
        .flat_map(|r| &r.outcome.errors)
        .map(key)
        .collect();
    let rest: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !shown.contains(&key(d)))
        .cloned()
        .collect();
    for d in &rest {
        out.push_str(&super::plain(&report.sources, std::slice::from_ref(d)));
        if let Some(h) = &d.help {
            let _ = writeln!(out, "  help: {}", super::one_line(h));
        }
    }
    let errors = report.count(Status::Error);
    let _ = writeln!(
        out,
        "{}: {} passed, {} failed, {}",
        counted(report.results.len(), "scenario", "scenarios"),
        report.count(Status::Pass),
        report.count(Status::Fail),
        counted(errors, "error", "errors")
    );
    out
}

#[derive(Serialize)]
struct JsonRun<'a> {
    version: u32,
    scenarios: Vec<JsonScenario<'a>>,
    summary: JsonSummary,
    /// Every error in the scripts and in the treaties they name, located.
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonScenario<'a> {
    file: &'a str,
    line: usize,
    name: &'a str,
    status: Status,
    trace: &'a [crate::scenario::TraceStep],
    expectations: &'a [crate::scenario::Expectation],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<String>,
    /// The same errors, located: why the scenario could not run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    passed: usize,
    failed: usize,
    errors: usize,
}

/// The runner's report as one JSON document (`"version": 1`). Every input error (a script
/// that does not parse, a treaty that cannot be read or has errors) is in `diagnostics`, as
/// `treaty check --format json` shows it; a scenario that could not run also carries its
/// own in its `diagnostics`.
pub fn run_json(report: &RunReport) -> String {
    let doc = JsonRun {
        version: super::JSON_VERSION,
        scenarios: report
            .results
            .iter()
            .map(|r| JsonScenario {
                file: report.sources.name(r.file),
                line: report
                    .sources
                    .get(r.file)
                    .map_or(1, |f| f.line_col(r.span.start).line),
                name: &r.outcome.name,
                status: r.outcome.status,
                trace: &r.outcome.trace,
                expectations: &r.outcome.expectations,
                errors: r
                    .outcome
                    .errors
                    .iter()
                    .map(|d| format!("{}: {}", d.code, d.message))
                    .collect(),
                diagnostics: super::json::diagnostics(&report.sources, &r.outcome.errors),
            })
            .collect(),
        summary: JsonSummary {
            passed: report.count(Status::Pass),
            failed: report.count(Status::Fail),
            errors: report.count(Status::Error),
        },
        diagnostics: super::json::diagnostics(&report.sources, &report.diagnostics),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of [`run_json`]'s output.
pub fn run_schema() -> &'static str {
    RUN_SCHEMA
}

const RUN_SCHEMA: &str = concat!(
    r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://github.com/treaty-checker/treaty/schema/run-v1.json",
  "title": "treaty run --format json",
  "type": "object",
  "required": ["version", "scenarios", "summary"],
  "additionalProperties": false,
  "properties": {
    "version": { "const": 1 },
    "scenarios": { "type": "array", "items": { "$ref": "#/$defs/scenario" } },
    "summary": {
      "type": "object",
      "required": ["passed", "failed", "errors"],
      "additionalProperties": false,
      "properties": {
        "passed": { "type": "integer", "minimum": 0 },
        "failed": { "type": "integer", "minimum": 0 },
        "errors": { "type": "integer", "minimum": 0 }
      }
    },
    "diagnostics": {
      "type": "array",
      "description": "Every error in the scripts and in the treaties they name.",
      "items": { "$ref": "#/$defs/diagnostic" }
    }
  },
  "$defs": {
"##,
    diagnostic_schema_defs!(),
    r##",
    "scenario": {
      "type": "object",
      "required": ["file", "line", "name", "status", "trace", "expectations"],
      "additionalProperties": false,
      "properties": {
        "file": { "type": "string" },
        "line": { "type": "integer", "minimum": 1 },
        "name": { "type": "string" },
        "status": { "enum": ["pass", "fail", "error"] },
        "trace": { "type": "array", "items": { "$ref": "#/$defs/step" } },
        "expectations": { "type": "array", "items": { "$ref": "#/$defs/expectation" } },
        "errors": { "type": "array", "items": { "type": "string" } },
        "diagnostics": {
          "type": "array",
          "description": "Why the scenario could not run, located.",
          "items": { "$ref": "#/$defs/diagnostic" }
        }
      }
    },
    "step": {
      "type": "object",
      "required": ["message"],
      "additionalProperties": false,
      "properties": {
        "message": { "type": "string" },
        "citation": { "type": "string" }
      }
    },
    "expectation": {
      "type": "object",
      "required": ["expected", "actual", "passed", "after_step"],
      "additionalProperties": false,
      "properties": {
        "expected": { "type": "string" },
        "actual": { "type": "string" },
        "passed": { "type": "boolean" },
        "after_step": { "type": "integer", "minimum": 0 }
      }
    }
  }
}
"##
);
