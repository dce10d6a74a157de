//! The same `Diagnostic` values the renderers print, as LSP diagnostics: code, rule link
//! (`codeDescription`), severity, help, and the labels as related information, each in its
//! own file.

use super::index::{linked_file, Target};
use super::position::{Encoding, LineIndex};
use super::session::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, Span};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Range,
};
use std::collections::HashMap;
use std::str::FromStr as _;

/// Line indexes of the files of one check, built as they are needed.
pub struct Positions<'c> {
    checked: &'c Checked,
    encoding: Encoding,
    lines: HashMap<FileId, LineIndex<'c>>,
}

impl<'c> Positions<'c> {
    pub fn new(checked: &'c Checked, encoding: Encoding) -> Self {
        Positions {
            checked,
            encoding,
            lines: HashMap::new(),
        }
    }

    pub fn range(&mut self, span: Span) -> Range {
        let checked = self.checked;
        let encoding = self.encoding;
        self.lines
            .entry(span.file)
            .or_insert_with(|| LineIndex::new(checked.text(span.file), encoding))
            .range(span.start as usize, span.end as usize)
    }

    pub fn location(&mut self, span: Span) -> Option<Location> {
        let uri = super::uri::from_path(&absolute(self.checked.path(span.file)?))?;
        Some(Location {
            uri,
            range: self.range(span),
        })
    }
}

/// A path the server can name by URI: the check's paths are those the client gave, which
/// are absolute; a relative one is taken from the working folder.
pub fn absolute(path: &std::path::Path) -> std::path::PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// The diagnostics of a check that belong on its document: those located in it, and the
/// errors in files it reads, shown on the line that reads them (the `import` or `baseline`
/// line, or the first line) with the place itself as related information.
pub fn for_document(checked: &Checked, encoding: Encoding) -> Vec<lsp_types::Diagnostic> {
    let Some(file) = checked.file else {
        return Vec::new();
    };
    let mut positions = Positions::new(checked, encoding);
    let mut out = Vec::new();
    for d in &checked.report.diagnostics {
        if d.span.file == file {
            let range = positions.range(d.span);
            out.push(convert(d, range, &mut positions, None));
        } else if d.code.is_input_error() {
            let at = reading_line(checked, file, d.span.file).unwrap_or(Span::new(file, 0, 0));
            let range = positions.range(at);
            let name = checked.report.sources.name(d.span.file);
            out.push(convert(d, range, &mut positions, Some(name)));
        }
    }
    out
}

/// The `import` or `baseline` line of `file` that reads `other`, if it does directly.
fn reading_line(checked: &Checked, file: FileId, other: FileId) -> Option<Span> {
    let naming = checked.path(file)?;
    let other = checked.path(other)?;
    checked
        .index
        .references
        .iter()
        .find_map(|r| match &r.target {
            Target::File(target) if r.span.file == file && linked_file(naming, target) == other => {
                Some(r.span)
            }
            _ => None,
        })
}

fn convert(
    d: &Diagnostic,
    range: Range,
    positions: &mut Positions<'_>,
    elsewhere: Option<&str>,
) -> lsp_types::Diagnostic {
    let mut message = match elsewhere {
        Some(name) => format!("in `{name}`: {}", d.message),
        None => d.message.clone(),
    };
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut related = Vec::new();
    if elsewhere.is_some() {
        if let Some(location) = positions.location(d.span) {
            let text = d.label.clone().unwrap_or_else(|| d.message.clone());
            related.push(DiagnosticRelatedInformation {
                location,
                message: text,
            });
        }
    }
    for label in &d.labels {
        if let Some(location) = positions.location(label.span) {
            related.push(DiagnosticRelatedInformation {
                location,
                message: label.message.clone(),
            });
        }
    }
    let tags = (d.code == "unused-suppression").then(|| vec![DiagnosticTag::UNNECESSARY]);
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: lsp_types::Uri::from_str(&d.url())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("treaty".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}
