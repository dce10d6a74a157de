//! `treaty run` output: one line per scenario, the expected and actual outcome of a failure
//! with the trace up to it, and a summary; or versioned JSON. The words of each trace line and
//! expectation come from [`super::trace`].

use super::json::JsonDiagnostic;
use super::trace::{describe, describe_expectation, event_json, fact_json, Kinded};
use crate::diagnostic::Diagnostic;
use crate::model::Treaty;
use crate::scenario::{Expectation, RunReport, ScenarioResult, Status, TraceStep};
use crate::wording::counted;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The `version` of `treaty run --format json`. Version 2: a trace step carries its event as
/// data beside the English, and an expectation's two sides are data too.
const RUN_JSON_VERSION: u32 = 2;

/// The treaty a result ran against; an empty one for a scenario that could not run (its
/// trace is empty, so nothing is looked up in it).
fn treaty_of(r: &ScenarioResult) -> &Treaty {
    static NONE: std::sync::OnceLock<Treaty> = std::sync::OnceLock::new();
    r.treaty
        .as_deref()
        .unwrap_or_else(|| NONE.get_or_init(Treaty::default))
}

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
        let treaty = treaty_of(r);
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
            let _ = writeln!(
                out,
                "      {}. {}{cite}",
                i + 1,
                describe(&step.event, treaty)
            );
        }
        for e in &o.expectations {
            if trace || !e.passed {
                let mark = if e.passed { "ok" } else { "FAILED" };
                let (expected, actual) = describe_expectation(e, treaty);
                let _ = writeln!(out, "      expect {expected}: {mark} (got {actual})");
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
    trace: Vec<JsonStep<'a>>,
    expectations: Vec<JsonExpectation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<String>,
    /// The same errors, located: why the scenario could not run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// A trace line: the event as data, the article it applied, and the English for readers.
#[derive(Serialize)]
struct JsonStep<'a> {
    event: Kinded,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<&'a str>,
    message: String,
}

impl<'a> JsonStep<'a> {
    fn new(step: &'a TraceStep, treaty: &Treaty) -> Self {
        JsonStep {
            event: event_json(&step.event, treaty),
            citation: step.citation.as_deref(),
            message: describe(&step.event, treaty),
        }
    }
}

/// An expectation's two sides as data, with the English of each.
#[derive(Serialize)]
struct JsonExpectation {
    expected: Kinded,
    actual: Kinded,
    passed: bool,
    after_step: usize,
    expected_message: String,
    actual_message: String,
}

impl JsonExpectation {
    fn new(e: &Expectation, treaty: &Treaty) -> Self {
        let (expected_message, actual_message) = describe_expectation(e, treaty);
        JsonExpectation {
            expected: fact_json(&e.expected, treaty),
            actual: fact_json(&e.actual, treaty),
            passed: e.passed,
            after_step: e.after_step,
            expected_message,
            actual_message,
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    passed: usize,
    failed: usize,
    errors: usize,
}

/// The runner's report as one JSON document (`"version": 2`). Every input error (a script
/// that does not parse, a treaty that cannot be read or has errors) is in `diagnostics`, as
/// `treaty check --format json` shows it; a scenario that could not run also carries its
/// own in its `diagnostics`.
pub fn run_json(report: &RunReport) -> String {
    let doc = JsonRun {
        version: RUN_JSON_VERSION,
        scenarios: report
            .results
            .iter()
            .map(|r| {
                let treaty = treaty_of(r);
                JsonScenario {
                    file: report.sources.name(r.file),
                    line: report
                        .sources
                        .get(r.file)
                        .map_or(1, |f| f.line_col(r.span.start).line),
                    name: &r.outcome.name,
                    status: r.outcome.status,
                    trace: r
                        .outcome
                        .trace
                        .iter()
                        .map(|s| JsonStep::new(s, treaty))
                        .collect(),
                    expectations: r
                        .outcome
                        .expectations
                        .iter()
                        .map(|e| JsonExpectation::new(e, treaty))
                        .collect(),
                    errors: r
                        .outcome
                        .errors
                        .iter()
                        .map(|d| format!("{}: {}", d.code, d.message))
                        .collect(),
                    diagnostics: super::json::diagnostics(&report.sources, &r.outcome.errors),
                }
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
  "$id": "https://github.com/treaty-checker/treaty/schema/run-v2.json",
  "title": "treaty run --format json",
  "type": "object",
  "required": ["version", "scenarios", "summary"],
  "additionalProperties": false,
  "properties": {
    "version": { "const": 2 },
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
      "description": "One line of the trace: the event as data, the article it applied as the treaty cites it, and the line in English.",
      "required": ["event", "message"],
      "additionalProperties": false,
      "properties": {
        "event": { "$ref": "#/$defs/event" },
        "citation": { "type": "string" },
        "message": { "type": "string" }
      }
    },
    "expectation": {
      "type": "object",
      "required": ["expected", "actual", "passed", "after_step", "expected_message", "actual_message"],
      "additionalProperties": false,
      "properties": {
        "expected": { "$ref": "#/$defs/fact" },
        "actual": { "$ref": "#/$defs/fact" },
        "passed": { "type": "boolean" },
        "after_step": { "type": "integer", "minimum": 0 },
        "expected_message": { "type": "string" },
        "actual_message": { "type": "string" }
      }
    },
    "event": {
      "type": "object",
      "description": "What happened, as data: `kind` names the event; parties, bodies, procedures and readings are named by their ids, an actor of a clause by its role or id.",
      "required": ["kind"],
      "oneOf": [
        { "properties": { "kind": { "const": "reading" }, "reading": { "type": "string" } }, "required": ["kind", "reading"], "additionalProperties": false },
        { "properties": { "kind": { "const": "attack" }, "aggressor": { "$ref": "#/$defs/party" }, "attacked": { "$ref": "#/$defs/party" } }, "required": ["kind", "aggressor", "attacked"], "additionalProperties": false },
        { "properties": { "kind": { "const": "dispute" }, "parties": { "$ref": "#/$defs/parties" } }, "required": ["kind", "parties"], "additionalProperties": false },
        { "properties": { "kind": { "const": "accused" }, "party": { "$ref": "#/$defs/party" } }, "required": ["kind", "party"], "additionalProperties": false },
        { "properties": { "kind": { "const": "time-passes" }, "amount": { "type": "integer", "minimum": 0 }, "unit": { "$ref": "#/$defs/unit" } }, "required": ["kind", "amount", "unit"], "additionalProperties": false },
        { "properties": { "kind": { "const": "enters-into-force" }, "day": { "type": "integer", "minimum": 0 } }, "required": ["kind", "day"], "additionalProperties": false },
        { "properties": { "kind": { "const": "deadline-passed" }, "what": { "type": "string" }, "within": { "$ref": "#/$defs/duration" } }, "required": ["kind", "what", "within"], "additionalProperties": false },
        { "properties": { "kind": { "const": "meets-unregulated" }, "body": { "$ref": "#/$defs/body" } }, "required": ["kind", "body"], "additionalProperties": false },
        { "properties": { "kind": { "const": "convened" }, "body": { "$ref": "#/$defs/body" }, "convener": { "$ref": "#/$defs/actor" }, "by": { "$ref": "#/$defs/party" }, "on_request_of": { "type": "object", "properties": { "as": { "$ref": "#/$defs/actor" }, "party": { "$ref": "#/$defs/party" } }, "required": ["as", "party"], "additionalProperties": false } }, "required": ["kind", "body", "convener"], "additionalProperties": false },
        { "properties": { "kind": { "const": "call-unsupported" }, "body": { "$ref": "#/$defs/body" }, "support": { "type": "integer", "minimum": 0 }, "needed": { "type": "string" } }, "required": ["kind", "body", "support", "needed"], "additionalProperties": false },
        { "properties": { "kind": { "const": "convener-not-entitled" }, "body": { "$ref": "#/$defs/body" }, "may_convene": { "type": "array", "items": { "type": "object", "properties": { "by": { "$ref": "#/$defs/actor" }, "on_request_of": { "$ref": "#/$defs/actor" } }, "required": ["by"], "additionalProperties": false } } }, "required": ["kind", "body", "may_convene"], "additionalProperties": false },
        { "properties": { "kind": { "const": "attendance" }, "body": { "$ref": "#/$defs/body" }, "members": { "type": "integer", "minimum": 0 }, "present": { "type": "integer", "minimum": 0 }, "absent": { "$ref": "#/$defs/parties" }, "quorum": { "type": "integer", "minimum": 0 } }, "required": ["kind", "body", "members", "present", "absent"], "additionalProperties": false },
        { "properties": { "kind": { "const": "no-vote" }, "body": { "$ref": "#/$defs/body" }, "decision": { "type": "string" } }, "required": ["kind", "body", "decision"], "additionalProperties": false },
        { "properties": { "kind": { "const": "vote" }, "body": { "$ref": "#/$defs/body" }, "decision": { "type": "string" }, "rule": { "type": "string" }, "yes": { "type": "integer", "minimum": 0 }, "no": { "type": "integer", "minimum": 0 }, "abstaining": { "type": "integer", "minimum": 0 }, "against": { "$ref": "#/$defs/parties" }, "not_counted": { "$ref": "#/$defs/parties" }, "result": { "type": "object", "properties": { "outcome": { "enum": ["adopted", "rejected", "not-quorate"] }, "blocked_by": { "$ref": "#/$defs/parties" }, "present": { "type": "integer", "minimum": 0 }, "needed": { "type": "integer", "minimum": 0 } }, "required": ["outcome"], "additionalProperties": false } }, "required": ["kind", "body", "decision", "rule", "yes", "no", "abstaining", "against", "not_counted", "result"], "additionalProperties": false },
        { "properties": { "kind": { "const": "fallback" }, "text": { "type": "string" } }, "required": ["kind", "text"], "additionalProperties": false },
        { "properties": { "kind": { "const": "ratified" }, "parties": { "$ref": "#/$defs/parties" }, "deposited": { "type": "integer", "minimum": 0 } }, "required": ["kind", "parties", "deposited"], "additionalProperties": false },
        { "properties": { "kind": { "const": "entry-condition-met" }, "day": { "type": "integer", "minimum": 0 }, "delay": { "$ref": "#/$defs/duration" }, "not_before": { "$ref": "#/$defs/duration" } }, "required": ["kind", "day"], "additionalProperties": false },
        { "properties": { "kind": { "const": "not-yet-in-force" }, "pending": { "type": "object", "properties": { "reason": { "enum": ["count-left-blank", "ratifications", "waiting-for", "unreadable-rule", "rule-not-met", "signatory-majority"] }, "blank": { "type": "string" }, "deposited": { "type": "integer", "minimum": 0 }, "needed": { "type": "integer", "minimum": 0 }, "parties": { "$ref": "#/$defs/parties" }, "ratified": { "type": "integer", "minimum": 0 }, "members": { "type": "integer", "minimum": 0 }, "rule": { "type": "string" }, "signatories": { "type": "integer", "minimum": 0 } }, "required": ["reason"], "additionalProperties": false } }, "required": ["kind", "pending"], "additionalProperties": false },
        { "properties": { "kind": { "const": "already-party" }, "party": { "$ref": "#/$defs/party" } }, "required": ["kind", "party"], "additionalProperties": false },
        { "properties": { "kind": { "const": "no-accession-clause" }, "party": { "$ref": "#/$defs/party" } }, "required": ["kind", "party"], "additionalProperties": false },
        { "properties": { "kind": { "const": "applies-to-accede" }, "party": { "$ref": "#/$defs/party" }, "open_to": { "type": "string" }, "body": { "$ref": "#/$defs/body" } }, "required": ["kind", "party", "open_to", "body"], "additionalProperties": false },
        { "properties": { "kind": { "const": "accedes" }, "party": { "$ref": "#/$defs/party" }, "open_to": { "type": "string" } }, "required": ["kind", "party"], "additionalProperties": false },
        { "properties": { "kind": { "const": "accession-refused" }, "party": { "$ref": "#/$defs/party" } }, "required": ["kind", "party"], "additionalProperties": false },
        { "properties": { "kind": { "const": "withdrawal-refused" }, "party": { "$ref": "#/$defs/party" }, "reason": { "enum": ["no-clause", "in-force-too-short"] }, "in_force_for": { "$ref": "#/$defs/duration" } }, "required": ["kind", "party", "reason"], "additionalProperties": false },
        { "properties": { "kind": { "const": "judges-for-itself" }, "party": { "$ref": "#/$defs/party" }, "condition": { "type": "string" } }, "required": ["kind", "party", "condition"], "additionalProperties": false },
        { "properties": { "kind": { "const": "withdraws" }, "party": { "$ref": "#/$defs/party" }, "effective": { "type": "integer", "minimum": 0 }, "notice": { "$ref": "#/$defs/duration" } }, "required": ["kind", "party", "effective"], "additionalProperties": false },
        { "properties": { "kind": { "const": "may-not-initiate" }, "party": { "$ref": "#/$defs/party" }, "procedure": { "type": "string" } }, "required": ["kind", "party", "procedure"], "additionalProperties": false },
        { "properties": { "kind": { "const": "initiates" }, "party": { "$ref": "#/$defs/party" }, "procedure": { "type": "string" } }, "required": ["kind", "party", "procedure"], "additionalProperties": false },
        { "properties": { "kind": { "const": "deadline-set" }, "what": { "type": "string" }, "within": { "$ref": "#/$defs/duration" } }, "required": ["kind", "what", "within"], "additionalProperties": false },
        { "properties": { "kind": { "const": "convened-to-decide" }, "body": { "$ref": "#/$defs/body" }, "decision": { "type": "string" } }, "required": ["kind", "body", "decision"], "additionalProperties": false },
        { "properties": { "kind": { "const": "may-lead-to" }, "next": { "type": "object", "properties": { "body": { "$ref": "#/$defs/body" }, "procedure": { "type": "string" }, "decision": { "type": "string" } }, "additionalProperties": false } }, "required": ["kind", "next"], "additionalProperties": false },
        { "properties": { "kind": { "const": "invokes-right" }, "party": { "$ref": "#/$defs/party" }, "holder": { "$ref": "#/$defs/actor" }, "deontic": { "enum": ["may", "shall", "shall-not", "will", "will-not"] }, "aim": { "type": "string" }, "toward": { "$ref": "#/$defs/parties" } }, "required": ["kind", "party", "holder", "deontic", "aim", "toward"], "additionalProperties": false },
        { "properties": { "kind": { "const": "condition-judged" }, "condition": { "type": "string" }, "judge": { "$ref": "#/$defs/actor" }, "judges": { "$ref": "#/$defs/parties" }, "review": { "$ref": "#/$defs/actor" } }, "required": ["kind", "condition", "judge", "judges"], "additionalProperties": false },
        { "properties": { "kind": { "const": "condition-unjudged" }, "condition": { "type": "string" } }, "required": ["kind", "condition"], "additionalProperties": false },
        { "properties": { "kind": { "const": "undefined-standard" }, "term": { "type": "string" } }, "required": ["kind", "term"], "additionalProperties": false },
        { "properties": { "kind": { "const": "joins" }, "party": { "$ref": "#/$defs/party" }, "procedure": { "type": "string" }, "as": { "$ref": "#/$defs/actor" } }, "required": ["kind", "party", "procedure", "as"], "additionalProperties": false },
        { "properties": { "kind": { "const": "may-not-join" }, "party": { "$ref": "#/$defs/party" }, "procedure": { "type": "string" } }, "required": ["kind", "party", "procedure"], "additionalProperties": false }
      ]
    },
    "fact": {
      "type": "object",
      "description": "One side of an expectation, as data: what the script states or what the story gave.",
      "required": ["kind"],
      "oneOf": [
        { "properties": { "kind": { "const": "decision" }, "outcome": { "enum": ["adopted", "rejected", "not-quorate", "not-convened"] }, "blocked_by": { "$ref": "#/$defs/parties" } }, "required": ["kind", "outcome"], "additionalProperties": false },
        { "properties": { "kind": { "const": "nothing-decided" } }, "required": ["kind"], "additionalProperties": false },
        { "properties": { "kind": { "const": "participants-include" }, "include": { "type": "boolean" }, "parties": { "$ref": "#/$defs/parties" } }, "required": ["kind", "include", "parties"], "additionalProperties": false },
        { "properties": { "kind": { "const": "participants" }, "parties": { "$ref": "#/$defs/parties" } }, "required": ["kind", "parties"], "additionalProperties": false },
        { "properties": { "kind": { "const": "trigger-judged-by" }, "parties": { "$ref": "#/$defs/parties" } }, "required": ["kind", "parties"], "additionalProperties": false },
        { "properties": { "kind": { "const": "trigger-for-no-one" } }, "required": ["kind"], "additionalProperties": false },
        { "properties": { "kind": { "const": "no-request" } }, "required": ["kind"], "additionalProperties": false },
        { "properties": { "kind": { "const": "is-party" }, "party": { "$ref": "#/$defs/party" }, "is": { "type": "boolean" } }, "required": ["kind", "party", "is"], "additionalProperties": false },
        { "properties": { "kind": { "const": "in-force" }, "in_force": { "type": "boolean" } }, "required": ["kind", "in_force"], "additionalProperties": false },
        { "properties": { "kind": { "const": "in-force-from" }, "day": { "type": "integer", "minimum": 0 } }, "required": ["kind"], "additionalProperties": false },
        { "properties": { "kind": { "const": "may-withdraw" }, "party": { "$ref": "#/$defs/party" }, "may": { "type": "boolean" } }, "required": ["kind", "party", "may"], "additionalProperties": false },
        { "properties": { "kind": { "const": "not-tried-to-withdraw" }, "party": { "$ref": "#/$defs/party" } }, "required": ["kind", "party"], "additionalProperties": false },
        { "properties": { "kind": { "const": "deadline" }, "what": { "type": "string" }, "state": { "enum": ["within", "passed", "running", "left-blank", "not-applied"] }, "within": { "$ref": "#/$defs/duration" }, "blank": { "type": "string" } }, "required": ["kind", "what", "state"], "additionalProperties": false }
      ]
    },
    "party": { "type": "string", "description": "A party's id, as the treaty declares it." },
    "parties": { "type": "array", "items": { "$ref": "#/$defs/party" } },
    "body": { "type": "string", "description": "A body's id, as the treaty declares it." },
    "actor": {
      "type": "object",
      "description": "Who a clause names: a role (`requesting-party`), or a party, class or body by id.",
      "additionalProperties": false,
      "minProperties": 1,
      "maxProperties": 1,
      "properties": {
        "role": { "type": "string" },
        "party": { "$ref": "#/$defs/party" },
        "class": { "type": "string" },
        "body": { "$ref": "#/$defs/body" }
      }
    },
    "unit": { "enum": ["hours", "days", "weeks", "months", "years"] },
    "duration": {
      "type": "object",
      "description": "A length of time as the text gives it: `amount`, or the `blank` a draft leaves.",
      "required": ["unit"],
      "additionalProperties": false,
      "properties": {
        "amount": { "type": "integer", "minimum": 0 },
        "blank": { "type": "string" },
        "unit": { "$ref": "#/$defs/unit" }
      }
    }
  }
}
"##
);
