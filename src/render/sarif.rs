//! SARIF 2.1.0, the static-analysis interchange format code-scanning services read: one run,
//! the rule catalogue (and the input-error codes) as the tool's rules, one result per
//! diagnostic.

use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::rules;
use crate::source::SourceMap;
use serde_json::{json, Value};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The report as a SARIF 2.1.0 log, with a trailing newline.
pub fn sarif(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut ids: Vec<&str> = rules::ALL.iter().map(|r| r.code).collect();
    let mut descriptors: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.documentation(), "markdown": r.documentation() },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    for (code, meaning) in codes::ALL {
        ids.push(code);
        descriptors.push(json!({
            "id": code,
            "name": code,
            "shortDescription": { "text": meaning },
            "fullDescription": { "text": meaning },
            "help": { "text": format!("{meaning}. This is an error in the input: fix it to check the file.") },
            "defaultConfiguration": { "level": "error" },
        }));
    }
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let file = sources.get(d.span.file);
            let start = file.map(|f| f.line_col(d.span.start));
            let end = file.map(|f| f.line_col(d.span.end));
            // SARIF counts offsets in characters, not bytes.
            let chars = |upto: u32| {
                file.and_then(|f| f.text.get(..upto as usize))
                    .map_or(upto as usize, |t| t.chars().count())
            };
            let (char_offset, char_end) = (chars(d.span.start), chars(d.span.end));
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": sources.name(d.span.file) },
                        "region": {
                            "startLine": start.map_or(1, |s| s.line),
                            "startColumn": start.map_or(1, |s| s.column),
                            "endLine": end.map_or(1, |e| e.line),
                            "endColumn": end.map_or(1, |e| e.column),
                            "charOffset": char_offset,
                            "charLength": char_end.saturating_sub(char_offset),
                        }
                    }
                }],
            });
            if let Some(fields) = result.as_object_mut() {
                if let Some(index) = ids.iter().position(|id| *id == d.code) {
                    fields.insert("ruleIndex".into(), json!(index));
                }
                let mut properties = serde_json::Map::new();
                if let Some(citation) = &d.citation {
                    properties.insert("citation".into(), json!(citation));
                }
                if let Some(grounds) = &d.grounds {
                    properties.insert("basis".into(), json!(grounds.report()));
                }
                if !properties.is_empty() {
                    fields.insert("properties".into(), properties.into());
                }
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "treaty",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
