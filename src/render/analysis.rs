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

/// An index that may be absent, shown as `absent` then ("undefined" for a share of nothing,
/// "-" for one not computed).
fn maybe(f: &Option<crate::analysis::Fraction>, absent: &str) -> String {
    f.as_ref()
        .map_or_else(|| absent.to_string(), |f| show(f.value()))
}

/// A count of coalitions: exact up to fifteen digits, beyond that its order of magnitude
/// (the exact number is in the JSON output).
fn big_count(digits: &str) -> String {
    if digits.len() <= 15 {
        return digits.to_string();
    }
    let (first, rest) = digits.split_at(1);
    let after: String = rest.chars().take(3).collect();
    format!("about {first}.{after}e{}", digits.len() - 1)
}

/// The words for a part of the analysis named in JSON.
fn title_of(what: &str) -> &'static str {
    use crate::analysis::Part;
    [
        Part::Banzhaf,
        Part::ShapleyShubik,
        Part::MinimalCoalitions,
        Part::SmallestBlocking,
    ]
    .into_iter()
    .find(|p| p.key() == what)
    .map_or("the analysis", Part::title)
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
                match (&d.method, &d.minimal_coalitions_method) {
                    (Some(method), Some(minimal)) => {
                        let _ =
                            writeln!(out, "    method: {method} (minimal coalitions: {minimal})");
                    }
                    (Some(method), None) => {
                        let _ = writeln!(out, "    method: {method}");
                    }
                    _ => {}
                }
                let vetoes = if d.veto_players.is_empty() {
                    "none".to_string()
                } else if d.veto_players.len() == body.members {
                    format!("every member ({})", body.members)
                } else {
                    d.veto_players.join(", ")
                };
                let _ = writeln!(out, "    veto players: {vetoes}");
                let blocking_missing = d
                    .not_computed
                    .iter()
                    .any(|m| m.what == "smallest_blocking_coalition");
                match d.smallest_blocking_coalition {
                    // Nothing passes: no one needs to object.
                    Some(0) => {
                        let _ = writeln!(
                            out,
                            "    smallest blocking coalition: 0 (the rule cannot be met)"
                        );
                    }
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
                    None if blocking_missing => {}
                    None => {
                        let _ = writeln!(out, "    smallest blocking coalition: none can block");
                    }
                }
                if let (Some(w), Some(b)) = (
                    &d.minimal_winning_coalitions,
                    &d.minimal_blocking_coalitions,
                ) {
                    let _ = writeln!(
                        out,
                        "    minimal coalitions: {} winning, {} blocking",
                        big_count(w),
                        big_count(b)
                    );
                }
                if let Some(act) = &d.power_to_act {
                    let _ = writeln!(
                        out,
                        "    power to act (Coleman): {} = {}",
                        show(act.value()),
                        act
                    );
                }
                let _ = writeln!(
                    out,
                    "    inclusiveness: {:.3} = {}",
                    d.inclusiveness.value(),
                    d.inclusiveness
                );
                for missing in &d.not_computed {
                    let _ = writeln!(
                        out,
                        "    not computed: {}: {}",
                        title_of(missing.what),
                        missing.reason
                    );
                }
                for undefined in &d.undefined {
                    let _ = writeln!(
                        out,
                        "    undefined: {}: {}",
                        undefined.title(),
                        undefined.reason
                    );
                }
                if d.parties.is_empty() {
                    continue;
                }
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
                        maybe(&p.banzhaf_normalized, "undefined"),
                        maybe(&p.shapley_shubik, "-"),
                        maybe(&p.power_to_prevent, "undefined"),
                        maybe(&p.power_to_initiate, "undefined"),
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
      "required": ["kind", "rule", "veto_players", "inclusiveness"],
      "additionalProperties": false,
      "properties": {
        "kind": { "type": "string" },
        "rule": { "type": "string" },
        "citation": { "type": "string" },
        "excluded": { "type": "array", "items": { "type": "string" } },
        "method": {
          "description": "The method that counted the coalitions; absent if none finished within the budget.",
          "enum": ["player types", "decision diagram", "weight sums", "meet in the middle"]
        },
        "minimal_coalitions_method": {
          "description": "The method that counted the minimal coalitions, where the first does not count them.",
          "enum": ["player types", "decision diagram", "weight sums", "meet in the middle"]
        },
        "veto_players": { "type": "array", "items": { "type": "string" } },
        "smallest_blocking_coalition": {
          "type": "integer",
          "minimum": 0,
          "description": "Absent when nothing defeats the rule, or when not computed (see not_computed)."
        },
        "blocking_example": { "type": "array", "items": { "type": "string" } },
        "minimal_winning_coalitions": { "type": "string", "pattern": "^[0-9]+$" },
        "minimal_blocking_coalitions": { "type": "string", "pattern": "^[0-9]+$" },
        "power_to_act": { "$ref": "#/$defs/fraction" },
        "inclusiveness": { "$ref": "#/$defs/fraction" },
        "parties": {
          "description": "Every member's indices; absent when Banzhaf's index was not computed.",
          "type": "array",
          "items": { "$ref": "#/$defs/party" }
        },
        "not_computed": {
          "description": "What was not computed within the budget, and why; no number stands in for it.",
          "type": "array",
          "items": { "$ref": "#/$defs/not_computed" }
        },
        "undefined": {
          "description": "The parties' indices that have no value for this rule (a share of nothing), and why; they are absent from every party.",
          "type": "array",
          "items": { "$ref": "#/$defs/undefined" }
        }
      }
    },
    "undefined": {
      "type": "object",
      "required": ["what", "reason"],
      "additionalProperties": false,
      "properties": {
        "what": { "enum": ["banzhaf_normalized", "power_to_prevent", "power_to_initiate"] },
        "reason": { "type": "string" }
      }
    },
    "not_computed": {
      "type": "object",
      "required": ["what", "reason"],
      "additionalProperties": false,
      "properties": {
        "what": { "enum": ["banzhaf", "shapley_shubik", "minimal_coalitions", "smallest_blocking_coalition"] },
        "reason": { "type": "string" }
      }
    },
    "party": {
      "type": "object",
      "required": ["party", "name", "veto", "swings", "banzhaf"],
      "additionalProperties": false,
      "properties": {
        "party": { "type": "string" },
        "name": { "type": "string" },
        "veto": { "type": "boolean" },
        "swings": { "type": "string", "pattern": "^[0-9]+$" },
        "banzhaf": { "$ref": "#/$defs/fraction" },
        "banzhaf_normalized": {
          "$ref": "#/$defs/fraction",
          "description": "Absent when nobody swings (see undefined)."
        },
        "shapley_shubik": {
          "$ref": "#/$defs/fraction",
          "description": "Absent when not computed (see not_computed)."
        },
        "power_to_prevent": {
          "$ref": "#/$defs/fraction",
          "description": "Absent when no coalition wins (see undefined)."
        },
        "power_to_initiate": {
          "$ref": "#/$defs/fraction",
          "description": "Absent when every coalition wins (see undefined)."
        }
      }
    }
  }
}
"##
);
