//! Human output through miette's graphical handler: the source line, the span underlined,
//! the label, the help and the citation.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;

/// Renders diagnostics; `color` for a terminal, without for files and snapshots.
pub fn human(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in diagnostics {
        let shown = Shown::new(sources, d);
        // miette shows one source per report: the labels in other files follow as notes of
        // their own, each with its snippet, right under the finding they belong to.
        let rendered = std::iter::once(&shown)
            .chain(&shown.related)
            .try_for_each(|part| handler.render_report(&mut out, part));
        if rendered.is_err() {
            out.push_str(&crate::render::plain(sources, std::slice::from_ref(d)));
        }
        out.push('\n');
    }
    out
}

/// One diagnostic with the text miette needs, in the form miette reads. Labels in other
/// files than the diagnostic's own (a baseline's `affirms` line, a first definition in an
/// imported file) travel as related diagnostics, one per file, each with its own snippet.
struct Shown {
    code: Option<&'static str>,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: NamedSource<String>,
    related: Vec<Shown>,
}

impl Shown {
    fn new(sources: &SourceMap, d: &Diagnostic) -> Shown {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.clone(),
            (d.span.start as usize, d.span.len()),
        )];
        // Other files in the order their first label appears.
        let mut elsewhere: Vec<(FileId, Vec<LabeledSpan>)> = Vec::new();
        for l in &d.labels {
            let labeled = LabeledSpan::new_with_span(
                Some(l.message.clone()),
                (l.span.start as usize, l.span.len()),
            );
            if l.span.file == d.span.file {
                labels.push(labeled);
            } else if let Some((_, group)) = elsewhere.iter_mut().find(|(f, _)| *f == l.span.file) {
                group.push(labeled);
            } else {
                elsewhere.push((l.span.file, vec![labeled]));
            }
        }
        let mut help = d.help.clone();
        if let Some(c) = &d.citation {
            let cite = format!("cites {c}");
            help = Some(match help {
                Some(h) => format!("{h}\n{cite}"),
                None => cite,
            });
        }
        if let Some(note) = d.grounds.as_ref().and_then(|g| g.note()) {
            let note = format!("note: {note}");
            help = Some(match help {
                Some(h) => format!("{h}\n{note}"),
                None => note,
            });
        }
        let related = elsewhere
            .into_iter()
            .map(|(file, labels)| Shown {
                code: None,
                severity: Severity::Info,
                message: format!("see also {}", sources.name(file)),
                help: None,
                labels,
                source: source_of(sources, file),
                related: Vec::new(),
            })
            .collect();
        Shown {
            code: Some(d.code),
            severity: d.severity,
            message: d.message.clone(),
            help,
            labels,
            source: source_of(sources, d.span.file),
            related,
        }
    }
}

fn source_of(sources: &SourceMap, file: FileId) -> NamedSource<String> {
    let text = sources
        .get(file)
        .map(|f| f.text.to_string())
        .unwrap_or_default();
    NamedSource::new(sources.name(file), text)
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display + 'a>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
