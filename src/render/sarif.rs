//! SARIF 2.1.0, the static-analysis interchange format code-scanning services read: one run,
//! the rule catalogue (and the input-error codes) as the tool's rules, one result per
//! diagnostic.

use crate::diagnostic::{Diagnostic, InputError, Severity};
use crate::fix::Fix;
use crate::rules;
use crate::source::{SourceMap, Span};
use serde_json::{json, Value};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF `location` with its own file and region (lines, columns and character offsets).
fn physical_location(sources: &SourceMap, span: Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": sources.name(span.file) },
            "region": region(sources, span),
        }
    })
}

/// The lines, columns and character offsets of a span.
fn region(sources: &SourceMap, span: Span) -> Value {
    let file = sources.get(span.file);
    let start = file.map(|f| f.line_col(span.start));
    let end = file.map(|f| f.line_col(span.end));
    // SARIF counts offsets in characters, not bytes.
    let chars = |upto: u32| {
        file.and_then(|f| f.text.get(..upto as usize))
            .map_or(upto as usize, |t| t.chars().count())
    };
    let (char_offset, char_end) = (chars(span.start), chars(span.end));
    json!({
        "startLine": start.map_or(1, |s| s.line),
        "startColumn": start.map_or(1, |s| s.column),
        "endLine": end.map_or(1, |e| e.line),
        "endColumn": end.map_or(1, |e| e.column),
        "charOffset": char_offset,
        "charLength": char_end.saturating_sub(char_offset),
    })
}

/// A SARIF `fix`: one `artifactChange` per file, its edits as `replacements`.
fn fix(sources: &SourceMap, fix: &Fix) -> Value {
    let mut files: Vec<crate::source::FileId> = fix.edits.iter().map(|e| e.span.file).collect();
    files.dedup();
    let changes: Vec<Value> = files
        .iter()
        .map(|&file| {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .filter(|e| e.span.file == file)
                .map(|e| {
                    json!({
                        "deletedRegion": region(sources, e.span),
                        "insertedContent": { "text": e.replacement },
                    })
                })
                .collect();
            json!({
                "artifactLocation": { "uri": sources.name(file) },
                "replacements": replacements,
            })
        })
        .collect();
    json!({
        "description": { "text": format!("{} ({})", fix.message, fix.applicability.as_str()) },
        "artifactChanges": changes,
        "properties": { "applicability": fix.applicability.as_str() },
    })
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
                "helpUri": crate::docs::url(r.code),
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    for error in InputError::ALL {
        let (code, meaning) = (error.as_str(), error.meaning());
        ids.push(code);
        descriptors.push(json!({
            "id": code,
            "name": code,
            "shortDescription": { "text": meaning },
            "fullDescription": { "text": meaning },
            "help": { "text": format!("{meaning}. This is an error in the input: fix it to check the file.") },
            "helpUri": crate::docs::url(code),
            "defaultConfiguration": { "level": "error" },
        }));
    }
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            let mut primary = physical_location(sources, d.span);
            if let (Some(label), Some(fields)) = (&d.label, primary.as_object_mut()) {
                fields.insert("message".into(), json!({ "text": label }));
            }
            // Secondary labels, each with its own file: a baseline's `affirms` line is in the
            // baseline, not in the checked file.
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut location = physical_location(sources, l.span);
                    if let Some(fields) = location.as_object_mut() {
                        fields.insert("id".into(), json!(i));
                        fields.insert("message".into(), json!({ "text": l.message }));
                    }
                    location
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [primary],
            });
            if let Some(fields) = result.as_object_mut() {
                if !related.is_empty() {
                    fields.insert("relatedLocations".into(), json!(related));
                }
                if !d.fixes.is_empty() {
                    let fixes: Vec<Value> = d.fixes.iter().map(|f| fix(sources, f)).collect();
                    fields.insert("fixes".into(), json!(fixes));
                }
                if let Some(index) = ids.iter().position(|id| *id == d.code.as_str()) {
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
