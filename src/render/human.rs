//! Human output through miette's graphical handler: the source line, the span underlined,
//! the label, the help and the citation.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;
use std::sync::Arc;

/// Lines longer than this many bytes are shown clipped around the places the labels point
/// at. miette pads up to a label's column with a formatting width, which panics past 65,535,
/// and a line of a megabyte helps no reader anyway.
const LONGEST_LINE: usize = 400;
/// The furthest a label may start from its line's beginning in the text shown, in bytes:
/// a tab shows as up to four columns, so this keeps far from miette's 65,535.
const FURTHEST_LABEL: usize = 10_000;
/// Bytes kept on each side of a labelled place on a clipped line.
const CLIP_CONTEXT: usize = 60;
/// What stands for the text cut out of a clipped line.
const ELLIPSIS: &str = "…";

/// Renders diagnostics; `color` for a terminal, without for files and snapshots.
pub fn human(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    human_within(sources, diagnostics, color, SNIPPET_BUDGET)
}

fn human_within(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    color: bool,
    snippet_budget: usize,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    let mut budget = snippet_budget;
    let mut noted = false;
    for d in diagnostics {
        // miette finds a label's line by reading the file from its start, for each label:
        // many findings deep in a large file would take time quadratic in its size.
        let cost = snippet_cost(d);
        if cost > budget && budget < snippet_budget {
            if !noted {
                out.push_str("(the findings below are shown without source snippets: there are too many to show them quickly)\n\n");
                noted = true;
            }
            out.push_str(&crate::render::plain(sources, std::slice::from_ref(d)));
            out.push('\n');
            continue;
        }
        budget = budget.saturating_sub(cost);
        let shown = Shown::new(sources, d);
        // Clipping keeps columns small unless a great many labels share one long line;
        // then the snippet is left out rather than risk miette's limit. miette shows one
        // source per report: the labels in other files follow as notes of their own, each
        // with its snippet, right under the finding they belong to.
        let parts = std::iter::once(&shown).chain(&shown.related);
        let mut drawn = String::new();
        let rendered = parts.clone().all(Shown::fits)
            && parts
                .map(|part| handler.render_report(&mut drawn, part))
                .all(|r| r.is_ok());
        if rendered {
            out.push_str(&drawn);
        } else {
            out.push_str(&crate::render::plain(sources, std::slice::from_ref(d)));
        }
        out.push('\n');
    }
    out
}

/// Bytes of source miette may read, in all, to draw the snippets of one output: thousands
/// of findings in files of ordinary size. The first finding is always drawn.
const SNIPPET_BUDGET: usize = 64 * 1024 * 1024;

/// About how many bytes miette reads to draw a diagnostic's snippet: the file up to its
/// furthest label, once per label and once more for the header.
fn snippet_cost(d: &Diagnostic) -> usize {
    let here = d.labels.iter().filter(|l| l.span.file == d.span.file);
    let furthest = here.clone().map(|l| l.span.end).fold(d.span.end, u32::max) as usize;
    furthest.saturating_add(1).saturating_mul(here.count() + 2)
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
    source: NamedSource<Clipped>,
    related: Vec<Shown>,
}

impl Shown {
    fn new(sources: &SourceMap, d: &Diagnostic) -> Shown {
        // The finding's own file first, then the other files in the order their first label
        // appears: (file, [(start, end, message, primary)]).
        type Mark = (u32, u32, Option<String>, bool);
        let mut files: Vec<(FileId, Vec<Mark>)> = vec![(
            d.span.file,
            vec![(d.span.start, d.span.end, d.label.clone(), true)],
        )];
        for l in &d.labels {
            let mark = (l.span.start, l.span.end, Some(l.message.clone()), false);
            match files.iter_mut().find(|(f, _)| *f == l.span.file) {
                Some((_, marks)) => marks.push(mark),
                None => files.push((l.span.file, vec![mark])),
            }
        }
        let part = |file: FileId, marks: Vec<Mark>| {
            let text: Arc<str> = sources
                .get(file)
                .map_or_else(|| Arc::from(""), |f| Arc::clone(&f.text));
            let spans: Vec<(usize, usize)> = marks
                .iter()
                .map(|(s, e, _, _)| (*s as usize, *e as usize))
                .collect();
            let clipped = Clipped::new(text, &spans);
            let labels = marks
                .into_iter()
                .map(|(s, e, message, primary)| {
                    let at = clipped.span(s as usize, e as usize);
                    if primary {
                        LabeledSpan::new_primary_with_span(message, at)
                    } else {
                        LabeledSpan::new_with_span(message, at)
                    }
                })
                .collect::<Vec<_>>();
            (file, labels, NamedSource::new(sources.name(file), clipped))
        };
        let mut others = files.split_off(1);
        let (own, own_marks) = files.pop().unwrap_or((d.span.file, Vec::new()));
        let (_, labels, source) = part(own, own_marks);
        let parts = others.drain(..).map(|(file, marks)| part(file, marks));
        let related = parts
            .map(|(file, labels, source)| Shown {
                code: None,
                severity: Severity::Info,
                message: format!("see also {}", sources.name(file)),
                help: None,
                labels,
                source,
                related: Vec::new(),
            })
            .collect();
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
        Shown {
            code: Some(d.code.as_str()),
            severity: d.severity,
            message: d.message.clone(),
            help,
            labels,
            source,
            related,
        }
    }
}

/// `text` with each hidden character (a control character, a bidirectional override, a
/// zero-width space: [`crate::syntax::is_hidden`]) on the lines `lines` (byte ranges) shown
/// as a visible one of the same length in bytes, so that every offset stays: a snippet must
/// not ring the terminal, nor reorder the line it shows. The text after the last of those
/// lines is dropped when a copy is made, so that the copy costs no more than miette's own
/// reading up to the label.
fn reveal(text: Arc<str>, lines: &[(usize, usize)]) -> Arc<str> {
    let mut found = Vec::new();
    for &(start, end) in lines {
        let Some(line) = text.get(start..end) else {
            continue;
        };
        // Lines are clipped by now; one left long (a great many labels on it) is not
        // searched, so that the cost stays bounded.
        if line.len() > 4 * LONGEST_LINE {
            continue;
        }
        for (i, c) in line.char_indices() {
            if crate::syntax::is_hidden(c) {
                found.push((start + i, c.len_utf8()));
            }
        }
    }
    let Some(last) = lines.iter().map(|&(_, end)| end).max() else {
        return text;
    };
    if found.is_empty() {
        return text;
    }
    let mut copy = text.get(..last).unwrap_or(&text).to_string();
    for (at, len) in found {
        let visible = match len {
            1 => "?",
            2 => "\u{bf}",
            3 => "\u{fffd}",
            _ => continue,
        };
        if copy.get(at..at + len).is_some() {
            copy.replace_range(at..at + len, visible);
        }
    }
    Arc::from(copy)
}

/// A file's text as shown, with over-long lines near the labels clipped; it maps offsets in
/// the file to offsets in the text shown, and tells miette the file's own columns.
struct Clipped {
    original: Arc<str>,
    /// The text shown: the original when nothing needed clipping.
    shown: Arc<str>,
    /// The byte ranges cut out, in order, each longer than the [`ELLIPSIS`] it shows as.
    cuts: Vec<(usize, usize)>,
}

impl Clipped {
    /// Clips the lines that hold a span's start or end, and the lines next to them (which
    /// miette shows as context), where they are longer than [`LONGEST_LINE`]. What a clipped
    /// line keeps is [`CLIP_CONTEXT`] bytes around each span end on it, or its beginning
    /// for a context line; every place a label points at stays, so labels keep their places.
    fn new(original: Arc<str>, spans: &[(usize, usize)]) -> Clipped {
        let text: &str = &original;
        let points: Vec<usize> = spans
            .iter()
            .flat_map(|&(start, end)| [start, end])
            .map(|p| floor_boundary(text, p))
            .collect();
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for &p in &points {
            let line = line_at(text, p);
            lines.push(line);
            if line.0 > 0 {
                lines.push(line_at(text, line.0 - 1));
            }
            if line.1 < text.len() {
                lines.push(line_at(text, line.1 + 1));
            }
        }
        lines.sort_unstable();
        lines.dedup();
        let mut cuts = Vec::new();
        for &(start, end) in &lines {
            if end - start <= LONGEST_LINE {
                continue;
            }
            let mut keep: Vec<(usize, usize)> = points
                .iter()
                .filter(|&&p| p >= start && p <= end)
                .map(|&p| {
                    (
                        floor_boundary(text, p.saturating_sub(CLIP_CONTEXT).max(start)),
                        ceil_boundary(text, p.saturating_add(CLIP_CONTEXT).min(end)),
                    )
                })
                .collect();
            if keep.is_empty() {
                keep.push((start, ceil_boundary(text, start + 2 * CLIP_CONTEXT)));
            }
            keep.push((end, end));
            keep.sort_unstable();
            let mut from = start;
            for (a, b) in keep {
                if a > from + ELLIPSIS.len() {
                    cuts.push((from, a));
                }
                from = from.max(b);
            }
        }
        if cuts.is_empty() {
            return Clipped {
                shown: reveal(Arc::clone(&original), &lines),
                original,
                cuts,
            };
        }
        let mut shown = String::new();
        let mut from = 0;
        for &(a, b) in &cuts {
            shown.push_str(text.get(from..a).unwrap_or(""));
            shown.push_str(ELLIPSIS);
            from = b;
        }
        shown.push_str(text.get(from..).unwrap_or(""));
        let removed = |p: usize| -> usize {
            cuts.iter()
                .take_while(|(_, b)| *b <= p)
                .map(|(a, b)| b - a - ELLIPSIS.len())
                .sum()
        };
        let shown_lines: Vec<(usize, usize)> = lines
            .iter()
            .map(|&(a, b)| (a - removed(a), b - removed(b)))
            .collect();
        Clipped {
            shown: reveal(Arc::from(shown), &shown_lines),
            original,
            cuts,
        }
    }

    /// Where a span of the file is in the text shown, as miette's (offset, length).
    fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let start = self.shown_offset(start);
        (start, self.shown_offset(end).saturating_sub(start))
    }

    /// Where byte `p` of the file is shown; `p` is never inside a cut.
    fn shown_offset(&self, p: usize) -> usize {
        let removed: usize = self
            .cuts
            .iter()
            .take_while(|(_, b)| *b <= p)
            .map(|(a, b)| b - a - ELLIPSIS.len())
            .sum();
        p.saturating_sub(removed)
    }

    /// Which byte of the file a byte shown stands for (an ellipsis: the end of its cut).
    fn original_offset(&self, q: usize) -> usize {
        let mut removed = 0;
        for &(a, b) in &self.cuts {
            let shown_at = a - removed;
            if q < shown_at {
                break;
            }
            if q < shown_at + ELLIPSIS.len() {
                return b;
            }
            removed += b - a - ELLIPSIS.len();
        }
        q + removed
    }
}

impl miette::SourceCode for Clipped {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .shown
            .read_span(span, context_lines_before, context_lines_after)?;
        if self.cuts.is_empty() || context_lines_before > 0 {
            // Contents with context start at a line's beginning, whose column needs no fixing.
            return Ok(contents);
        }
        // Cuts never hold a line break, so lines are the file's; the column (in bytes, as
        // miette counts it) is the file's own, not the clipped line's.
        let at = self.original_offset(contents.span().offset());
        let column = at - line_at(&self.original, at).0;
        Ok(Box::new(miette::MietteSpanContents::new(
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// The line holding byte `p`: from its first byte to its line break (or the end).
fn line_at(text: &str, p: usize) -> (usize, usize) {
    let p = p.min(text.len());
    let start = text
        .get(..p)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(p..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |i| p + i);
    (start, end)
}

fn floor_boundary(text: &str, p: usize) -> usize {
    let mut p = p.min(text.len());
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

fn ceil_boundary(text: &str, p: usize) -> usize {
    let mut p = p.min(text.len());
    while p < text.len() && !text.is_char_boundary(p) {
        p += 1;
    }
    p
}

impl Shown {
    /// Whether every label starts close enough to its line's beginning to be drawn.
    fn fits(&self) -> bool {
        let text: &str = &self.source.inner().shown;
        self.labels.iter().all(|l| {
            let start = l.offset().min(text.len());
            start - line_at(text, start).0 <= FURTHEST_LABEL
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::codes;
    use crate::source::Span;

    fn render(text: &str, spans: &[(usize, usize)]) -> String {
        let mut sources = SourceMap::new();
        let file = sources.add("long.treaty", "long.treaty", text);
        let mut d = Diagnostic::error(
            codes::SYNTAX_ERROR,
            Span::new(file, spans[0].0, spans[0].1),
            "here",
        )
        .with_label("first");
        for &(start, end) in &spans[1..] {
            d = d.with_secondary(Span::new(file, start, end), "other");
        }
        human(&sources, &[d], false)
    }

    #[test]
    fn offsets_map_both_ways_around_the_cuts() {
        let text: Arc<str> = Arc::from(format!(
            "{}x{}y{}",
            "a".repeat(1000),
            "b".repeat(1000),
            "c".repeat(1000)
        ));
        let clipped = Clipped::new(Arc::clone(&text), &[(1000, 1001), (2001, 2002)]);
        assert_eq!(clipped.cuts.len(), 3, "{:?}", clipped.cuts);
        for p in [1000, 1001, 2001, 2002] {
            let q = clipped.shown_offset(p);
            assert_eq!(clipped.original_offset(q), p);
            assert_eq!(clipped.shown.get(q..q + 1), text.get(p..p + 1));
        }
        // Short lines are shown as they are.
        let short = Clipped::new(Arc::from("party A \"A\"\n"), &[(6, 7)]);
        assert!(short.cuts.is_empty());
        assert_eq!(short.span(6, 7), (6, 1));
    }

    #[test]
    fn a_label_past_column_65535_is_drawn_at_its_place() {
        let text = format!("{}junk\n", " ".repeat(100_000));
        let out = render(&text, &[(100_000, 100_004)]);
        assert!(out.contains("long.treaty:1:100001]"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let source = lines.iter().find(|l| l.contains("junk")).unwrap_or(&"");
        let under = lines.iter().find(|l| l.contains('┬')).unwrap_or(&"");
        let col = |l: &str, c: char| l.chars().position(|x| x == c);
        let junk = source.find("junk").map(|b| source[..b].chars().count());
        assert_eq!(col(under, '─'), junk, "{out}");
    }

    #[test]
    fn many_labels_on_one_long_line_fall_back_to_a_plain_line() {
        let text = " ".repeat(400_000);
        let spans: Vec<(usize, usize)> = (0..1000).map(|i| (i * 400, i * 400 + 1)).collect();
        let out = render(&text, &spans);
        assert!(
            out.starts_with("long.treaty:1:1: error[syntax-error] here"),
            "{out}"
        );
    }

    #[test]
    fn snippets_stop_when_drawing_them_would_take_long() {
        let mut sources = SourceMap::new();
        let text = "x\n".repeat(1000);
        let file = sources.add("big.treaty", "big.treaty", &text);
        let d =
            |at: usize| Diagnostic::error(codes::SYNTAX_ERROR, Span::new(file, at, at + 1), "here");
        // Each costs about 2 × 1,900 bytes (its one label, and the header): 18,000 draws four.
        let diagnostics: Vec<Diagnostic> = (0..40).map(|i| d(1900 + i * 2)).collect();
        let out = human_within(&sources, &diagnostics, false, 18_000);
        assert_eq!(out.matches("╭─[").count(), 4, "{out}");
        assert!(out.contains("without source snippets"));
        assert!(
            out.contains("big.treaty:990:1: error[syntax-error] here"),
            "{out}"
        );
        // The first is drawn whatever it costs.
        let out = human_within(&sources, &diagnostics[..2], false, 10);
        assert_eq!(out.matches("╭─[").count(), 1, "{out}");
    }

    #[test]
    fn a_span_across_lines_of_any_length_renders() {
        let text = format!(
            "{}\n{}\n{}",
            "a".repeat(70_000),
            "b".repeat(70_000),
            "c".repeat(70_000)
        );
        for (start, end) in [
            (69_990, 70_010),
            (65_600, 140_100),
            (0, text.len()),
            (140_001, 140_001),
        ] {
            let out = render(&text, &[(start, end)]);
            assert!(out.contains("syntax-error"), "{out}");
            assert!(out.len() < 10_000, "{}", out.len());
        }
    }
}
