//! Human output through miette's graphical handler: the source line, the span underlined,
//! the label, the help and the citation.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineIndex, SourceFile, SourceMap, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::sync::Arc;

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
    source: Snippets,
}

impl Shown {
    fn new(sources: &SourceMap, d: &Diagnostic) -> Shown {
        let file = sources.get(d.span.file);
        let source = Snippets::new(sources.name(d.span.file), file);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.clone(),
            source.underlined(d.span),
        )];
        let mut elsewhere = Vec::new();
        for l in &d.labels {
            if l.span.file == d.span.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(l.message.clone()),
                    source.underlined(l.span),
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
            source,
        }
    }
}

/// Longest stretch of a span that is underlined: the start of a longer one is enough to
/// find it, and underlining it all would print it all, once per finding.
const MAX_UNDERLINED: usize = 1024;

/// Context around a span on its own lines before a snippet is cut to a window.
const MAX_CONTEXT: usize = 4096;

/// Bytes kept either side of a span when its lines are too long to print whole.
const WINDOW: usize = 160;

/// A file's text as miette reads it, through the file's line index: a snippet is cut from
/// the lines around its span instead of being found by scanning the file from its start,
/// and lines too long to print are cut to a window around the span. Without this, each
/// of many findings in a large file costs a pass over the file (and a copy of it), and each
/// of many findings on one long line prints that line.
struct Snippets {
    name: String,
    text: Arc<str>,
    index: Arc<LineIndex>,
}

impl Snippets {
    fn new(name: &str, file: Option<&SourceFile>) -> Snippets {
        Snippets {
            name: name.to_string(),
            text: file.map_or_else(|| Arc::from(""), |f| f.text.clone()),
            index: file.map_or_else(|| Arc::new(LineIndex::new("")), |f| f.index().clone()),
        }
    }

    /// A span as miette underlines it: at most [`MAX_UNDERLINED`] bytes, ending on a
    /// character boundary.
    fn underlined(&self, span: Span) -> SourceSpan {
        let start = span.start as usize;
        let mut len = span.len();
        if len > MAX_UNDERLINED {
            len = MAX_UNDERLINED;
            while len > 0 && !self.text.is_char_boundary(start + len) {
                len -= 1;
            }
        }
        (start, len).into()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.index.line_of(offset)
    }

    fn line_start(&self, line: usize) -> usize {
        self.index.line_start(line)
    }

    fn floor_boundary(&self, mut at: usize) -> usize {
        while at > 0 && !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn ceil_boundary(&self, mut at: usize) -> usize {
        while at < self.text.len() && !self.text.is_char_boundary(at) {
            at += 1;
        }
        at.min(self.text.len())
    }
}

impl SourceCode for Snippets {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start.saturating_add(span.len());
        let last_line = self.line_of(start.max(end.saturating_sub(1)));
        // The lines miette would look at, and one more either side: it stops by itself, and
        // for an empty span it may stop at the character before it.
        let first_line = self.line_of(start.saturating_sub(1));
        let mut lo = self.line_start(first_line.saturating_sub(context_lines_before));
        let mut hi = self.line_start(last_line.saturating_add(context_lines_after + 2));
        if hi - lo > span.len().saturating_add(MAX_CONTEXT) {
            // Lines too long to print: only the span's own lines, cut around it.
            lo = self.floor_boundary(
                start
                    .saturating_sub(WINDOW)
                    .max(self.line_start(first_line)),
            );
            hi = self.ceil_boundary(
                end.saturating_add(WINDOW)
                    .min(self.line_start(last_line + 1)),
            );
        }
        let line_base = self.line_of(lo);
        let column_base = lo - self.line_start(line_base).min(lo);
        // miette's own reading of the region gives the same snippet as of the whole file.
        let region = self.text.as_bytes().get(lo..hi).unwrap_or(&[]);
        let inner = region.read_span(
            &(start.saturating_sub(lo), span.len()).into(),
            context_lines_before,
            context_lines_after,
        )?;
        let column = if inner.line() == 0 && context_lines_before == 0 {
            inner.column() + column_base
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            (inner.span().offset() + lo, inner.span().len()).into(),
            inner.line() + line_base,
            column,
            inner.line_count() + line_base,
        )))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette itself reads from the whole text, for comparison.
    fn whole(
        text: &str,
        span: SourceSpan,
        before: usize,
        after: usize,
    ) -> (Vec<u8>, usize, usize, usize, usize, usize) {
        let c = text
            .as_bytes()
            .read_span(&span, before, after)
            .expect("in bounds");
        (
            c.data().to_vec(),
            c.span().offset(),
            c.span().len(),
            c.line(),
            c.column(),
            c.line_count(),
        )
    }

    #[test]
    fn snippets_read_what_miette_reads_from_the_whole_text() {
        let text = "party A \"Alpha\"\n\nparties A\r\nbody b {\n  decides x by consensus\n}\n# end";
        let mut map = SourceMap::new();
        let id = map.add("t", "t", text);
        let snippets = Snippets::new("t", map.get(id));
        for start in 0..text.len() {
            for len in [0, 1, 5, 20] {
                let len = len.min(text.len() - start);
                for (before, after) in [(0, 0), (1, 1), (2, 3)] {
                    let span: SourceSpan = (start, len).into();
                    let ours = snippets.read_span(&span, before, after).expect("in bounds");
                    let got = (
                        ours.data().to_vec(),
                        ours.span().offset(),
                        ours.span().len(),
                        ours.line(),
                        ours.column(),
                        ours.line_count(),
                    );
                    assert_eq!(
                        got,
                        whole(text, span, before, after),
                        "{start}+{len} ({before}, {after})"
                    );
                }
            }
        }
    }

    #[test]
    fn findings_on_one_long_line_print_a_window_each() {
        let names: Vec<String> = (0..2000).map(|i| format!("u{i}")).collect();
        let text = format!("party A \"A\"\nparties A\nclass c = {}\n", names.join(", "));
        let report = crate::check_source("t.treaty", &text, &[]);
        assert_eq!(report.diagnostics.len(), 2000);
        let out = human(&report.sources, &report.diagnostics, false);
        // Each finding prints a window of the line, not the line.
        assert!(
            out.len() < 2000 * 2 * (2 * WINDOW + 600),
            "{} bytes",
            out.len()
        );
        assert!(out.contains("unknown party or class of parties `u1999`"));
    }
}
