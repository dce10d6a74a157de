//! Human output through miette's graphical handler: the source line, the span underlined,
//! the label, the help and the citation.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;
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
        if handler.render_report(&mut out, &shown).is_err() {
            out.push_str(&crate::render::plain(sources, std::slice::from_ref(d)));
        }
        out.push('\n');
    }
    out
}

/// One diagnostic with the text miette needs, in the form miette reads.
struct Shown {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: NamedSource<String>,
}

impl Shown {
    fn new(sources: &SourceMap, d: &Diagnostic) -> Shown {
        let file = sources.get(d.span.file);
        let name = sources.name(d.span.file).to_string();
        let text = file.map(|f| f.text.to_string()).unwrap_or_default();
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.clone(),
            (d.span.start as usize, d.span.len()),
        )];
        let mut elsewhere = Vec::new();
        for l in &d.labels {
            if l.span.file == d.span.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(l.message.clone()),
                    (l.span.start as usize, l.span.len()),
                ));
            } else if let Some(f) = sources.get(l.span.file) {
                let at = f.line_col(l.span.start);
                elsewhere.push(format!(
                    "{}:{}:{}: {}",
                    f.name, at.line, at.column, l.message
                ));
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
        if !elsewhere.is_empty() {
            let extra = elsewhere.join("\n");
            help = Some(match help {
                Some(h) => format!("{h}\n{extra}"),
                None => extra,
            });
        }
        Shown {
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
            help,
            labels,
            source: NamedSource::new(name, text),
        }
    }
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
        Some(Box::new(self.code))
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
