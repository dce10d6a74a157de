//! `treaty analyze` output: a table per decision rule for people, versioned JSON for tools.

use crate::analysis::Report;
use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;
use crate::wording::{by_number, counted};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    reports: &'a [Report],
    /// Errors in the input, which stop the analysis: then `reports` is empty.
    diagnostics: Vec<super::json::JsonDiagnostic<'a>>,
}

/// All reports as one JSON document (`"version": 1`), with a trailing newline; `errors` are
/// the input errors that stopped the analysis, as located diagnostics.
pub fn analysis_json(reports: &[Report], sources: &SourceMap, errors: &[Diagnostic]) -> String {
    let out = Output {
        version: super::JSON_VERSION,
        reports,
        diagnostics: super::json::diagnostics(sources, errors),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// Six decimals, or three significant digits in scientific form for what would print as 0.
pub(super) fn show(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-4 {
        format!("{x:.3e}")
    } else {
        format!("{x:.6}")
    }
}

/// A readable table per body and decision rule.
pub fn analysis_human(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for body in &report.bodies {
            let _ = writeln!(
                out,
                "{}: {} ({})",
                report.file,
                body.title,
                counted(body.members, "member", "members")
            );
            match (body.quorum_attendance, body.smallest_boycott) {
                (Some(need), Some(boycott)) => {
                    let _ = writeln!(
                        out,
                        "  quorum: {need} must attend; {boycott} absent {} it from meeting",
                        by_number(boycott, "stops", "stop")
                    );
                }
                _ => {
                    let _ = writeln!(out, "  quorum: none");
                }
            }
            for d in &body.decisions {
                let cite = d
                    .citation
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default();
                let _ = writeln!(out, "\n  decides {} by {}{cite}", d.kind, d.rule);
                if !d.excluded.is_empty() {
                    let _ = writeln!(
                        out,
                        "    not voting in this case: {}",
                        d.excluded.join(", ")
                    );
                }
                if let Some(reason) = &d.not_computed {
                    let _ = writeln!(out, "    not computed: {reason}");
                    continue;
                }
                let vetoes = if d.veto_players.is_empty() {
                    "none".to_string()
                } else if d.veto_players.len() == body.members {
                    format!("every member ({})", body.members)
                } else {
                    d.veto_players.join(", ")
                };
                let _ = writeln!(out, "    veto players: {vetoes}");
                match d.smallest_blocking_coalition {
                    Some(k) => {
                        let shown: Vec<&str> = d
                            .blocking_example
                            .iter()
                            .take(12)
                            .map(String::as_str)
                            .collect();
                        let more = d.blocking_example.len().saturating_sub(shown.len());
                        let more = if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        };
                        let _ = writeln!(
                            out,
                            "    smallest blocking coalition: {k} (e.g. {}{more})",
                            shown.join(", ")
                        );
                    }
                    None => {
                        let _ = writeln!(out, "    smallest blocking coalition: none can block");
                    }
                }
                let _ = writeln!(
                    out,
                    "    power to act (Coleman): {} = {}",
                    show(d.power_to_act.value()),
                    d.power_to_act
                );
                let _ = writeln!(
                    out,
                    "    inclusiveness: {:.3} = {}",
                    d.inclusiveness.value(),
                    d.inclusiveness
                );
                let width = d
                    .parties
                    .iter()
                    .map(|p| p.name.chars().count())
                    .max()
                    .unwrap_or(5)
                    .max(5);
                let _ = writeln!(
                    out,
                    "    {:width$}  {:>4}  {:>9}  {:>10}  {:>9}  {:>9}  {:>9}",
                    "party", "veto", "Banzhaf", "normalized", "Shapley", "prevent", "initiate"
                );
                for p in &d.parties {
                    let _ = writeln!(
                        out,
                        "    {:width$}  {:>4}  {:>9}  {:>10}  {:>9}  {:>9}  {:>9}",
                        p.name,
                        if p.veto { "yes" } else { "" },
                        show(p.banzhaf.value()),
                        show(p.banzhaf_normalized.value()),
                        show(p.shapley_shubik.value()),
                        show(p.power_to_prevent.value()),
                        show(p.power_to_initiate.value()),
                    );
                }
            }
            out.push('\n');
        }
    }
    out
}

/// The JSON Schema (draft 2020-12) of [`analysis_json`]'s output.
pub fn analysis_schema() -> &'static str {
    ANALYSIS_SCHEMA
}

const ANALYSIS_SCHEMA: &str = concat!(
    r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://github.com/treaty-checker/treaty/schema/analyze-v1.json",
  "title": "treaty analyze --format json",
  "type": "object",
  "required": ["version", "reports"],
  "additionalProperties": false,
  "properties": {
    "version": { "const": 1 },
    "reports": { "type": "array", "items": { "$ref": "#/$defs/report" } },
    "diagnostics": {
      "type": "array",
      "description": "Errors in the input; when there are any, nothing is analysed and `reports` is empty.",
      "items": { "$ref": "#/$defs/diagnostic" }
    }
  },
  "$defs": {
"##,
    diagnostic_schema_defs!(),
    r##",
    "fraction": {
      "type": "object",
      "description": "An exact fraction in lowest terms, and its value as a float.",
      "required": ["exact", "value"],
      "additionalProperties": false,
      "properties": {
        "exact": { "type": "string", "pattern": "^[0-9]+/[0-9]+$" },
        "value": { "type": "number" }
      }
    },
    "report": {
      "type": "object",
      "required": ["file", "bodies"],
      "additionalProperties": false,
      "properties": {
        "file": { "type": "string" },
        "bodies": { "type": "array", "items": { "$ref": "#/$defs/body" } }
      }
    },
    "body": {
      "type": "object",
      "required": ["body", "title", "members", "decisions"],
      "additionalProperties": false,
      "properties": {
        "body": { "type": "string" },
        "title": { "type": "string" },
        "members": { "type": "integer", "minimum": 0 },
        "quorum_attendance": { "type": "integer", "minimum": 0 },
        "smallest_boycott": { "type": "integer", "minimum": 0 },
        "decisions": { "type": "array", "items": { "$ref": "#/$defs/decision" } }
      }
    },
    "decision": {
      "type": "object",
      "required": ["kind", "rule", "veto_players", "power_to_act", "inclusiveness", "parties"],
      "additionalProperties": false,
      "properties": {
        "kind": { "type": "string" },
        "rule": { "type": "string" },
        "citation": { "type": "string" },
        "excluded": { "type": "array", "items": { "type": "string" } },
        "veto_players": { "type": "array", "items": { "type": "string" } },
        "smallest_blocking_coalition": { "type": "integer", "minimum": 0 },
        "blocking_example": { "type": "array", "items": { "type": "string" } },
        "power_to_act": { "$ref": "#/$defs/fraction" },
        "inclusiveness": { "$ref": "#/$defs/fraction" },
        "parties": { "type": "array", "items": { "$ref": "#/$defs/party" } },
        "not_computed": { "type": "string" }
      }
    },
    "party": {
      "type": "object",
      "required": ["party", "name", "veto", "swings", "banzhaf", "banzhaf_normalized", "shapley_shubik", "power_to_prevent", "power_to_initiate"],
      "additionalProperties": false,
      "properties": {
        "party": { "type": "string" },
        "name": { "type": "string" },
        "veto": { "type": "boolean" },
        "swings": { "type": "string", "pattern": "^[0-9]+$" },
        "banzhaf": { "$ref": "#/$defs/fraction" },
        "banzhaf_normalized": { "$ref": "#/$defs/fraction" },
        "shapley_shubik": { "$ref": "#/$defs/fraction" },
        "power_to_prevent": { "$ref": "#/$defs/fraction" },
        "power_to_initiate": { "$ref": "#/$defs/fraction" }
      }
    }
  }
}
"##
);
