//! The printer: clauses with their comments attached, laid out one way.

use super::attach::{Before, Clause, Comment, Doc, Piece};
use super::WIDTH;

/// Spaces per level of braces.
const INDENT: usize = 2;
/// Extra indentation of a clause's parts (an article's `says`, `from`, ...).
const PART: usize = 2;
/// Extra indentation of a clause's continuation lines (a wrapped list, after a comment).
const CONTINUATION: usize = 4;

struct Printer {
    lines: Vec<String>,
    /// The width of the last line, in characters.
    width: usize,
}

impl Printer {
    fn line(&mut self, indent: usize, text: &str) {
        let mut line = " ".repeat(indent);
        line.push_str(text);
        self.width = indent + text.chars().count();
        self.lines.push(line);
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
            self.width = 0;
        }
    }

    fn push(&mut self, text: &str) {
        match self.lines.last_mut() {
            Some(line) => line.push_str(text),
            None => self.lines.push(text.to_string()),
        }
        self.width += text.chars().count();
    }

    fn comments(&mut self, comments: &[Comment], indent: usize, blank_allowed: bool) {
        for (i, c) in comments.iter().enumerate() {
            if c.blank_before && (blank_allowed || i > 0) {
                self.blank();
            }
            self.line(indent, &c.text);
        }
    }
}

/// The separator between two tokens on one line.
fn space(previous: &str, next: &str) -> &'static str {
    if matches!(next, "," | ")" | "%" | "/") || matches!(previous, "(" | "/") {
        ""
    } else {
        " "
    }
}

pub(super) fn print(doc: &Doc) -> String {
    let mut p = Printer {
        lines: Vec::new(),
        width: 0,
    };
    let mut previous: Option<&Clause> = None;
    for clause in &doc.clauses {
        let indent = clause.depth * INDENT;
        let closing = clause.first_text() == "}";
        let after_open = previous.is_some_and(|c| c.last_text() == "{");
        // An empty block closes on its opening line: `withdrawal {}`.
        let empty_block = closing
            && after_open
            && clause.leading.is_empty()
            && previous.is_some_and(|c| !c.ends_with_comment());
        if clause.joined || empty_block {
            if clause.joined && !empty_block {
                p.push(" ");
            }
        } else {
            let blank_allowed = previous.is_some() && !after_open;
            // Comments before a `}` belong inside its braces.
            let comment_indent = if closing { indent + INDENT } else { indent };
            p.comments(&clause.leading, comment_indent, blank_allowed);
            let follows_comment = !clause.leading.is_empty();
            if clause.blank_before && !closing && (follows_comment || blank_allowed) {
                p.blank();
            }
            p.line(indent, "");
        }
        print_clause(&mut p, clause, indent);
        previous = Some(clause);
    }
    p.comments(&doc.dangling, 0, previous.is_some());
    while p.lines.last().is_some_and(|l| l.is_empty()) {
        p.lines.pop();
    }
    if p.lines.is_empty() {
        return String::new();
    }
    let mut out = p.lines.join("\n");
    out.push('\n');
    out
}

/// Prints a clause's pieces onto the current line and the lines it needs after it.
fn print_clause(p: &mut Printer, clause: &Clause, indent: usize) {
    let flat = fits_on_one_line(clause, indent);
    let mut last = "";
    for (i, piece) in clause.pieces.iter().enumerate() {
        match piece {
            Piece::Token { text, before } => {
                if i == 0 {
                    p.push(text);
                } else {
                    match before {
                        Before::PartBreak => p.line(indent + PART, text),
                        Before::Part if !flat => p.line(indent + PART, text),
                        Before::Break => p.line(indent + CONTINUATION, text),
                        Before::Glued | Before::Part => {
                            p.push(space(last, text));
                            p.push(text);
                        }
                        Before::Space => {
                            let sep = space(last, text);
                            // Measured only after a comma: a clause's elements are each
                            // measured once.
                            let wrap = last == "," && {
                                let chunk = chunk_width(&clause.pieces, i);
                                p.width + sep.len() + chunk > WIDTH
                                    && indent + CONTINUATION + chunk <= WIDTH
                            };
                            if wrap {
                                p.line(indent + CONTINUATION, text);
                            } else {
                                p.push(sep);
                                p.push(text);
                            }
                        }
                    }
                }
                last = text;
            }
            Piece::Trailing(comment) => {
                p.push("  ");
                p.push(comment);
            }
            Piece::OwnLine(comment) => {
                // At the indentation of the line the next token starts.
                let next_is_part = matches!(
                    clause
                        .pieces
                        .get(i..)
                        .unwrap_or(&[])
                        .iter()
                        .find(|q| matches!(q, Piece::Token { .. })),
                    Some(Piece::Token {
                        before: Before::Part | Before::PartBreak,
                        ..
                    })
                );
                let extra = if next_is_part { PART } else { CONTINUATION };
                p.line(indent + extra, &comment.text);
            }
        }
    }
}

/// Whether a clause with parts is laid out on one line: it has no comment but at its end,
/// no line a suppression covers starts or ends inside it, and it fits in the width.
fn fits_on_one_line(clause: &Clause, indent: usize) -> bool {
    let mut width = indent;
    let mut last = "";
    let count = clause.pieces.len();
    for (i, piece) in clause.pieces.iter().enumerate() {
        match piece {
            Piece::Token { text, before } => {
                if matches!(before, Before::Break | Before::PartBreak) {
                    return false;
                }
                if i > 0 {
                    width += space(last, text).len();
                }
                width += text.chars().count();
                last = text;
            }
            Piece::Trailing(_) if i + 1 == count => {}
            _ => return false,
        }
    }
    width <= WIDTH
}

/// The width of the list element starting at piece `i`: up to and including the next comma,
/// or to the end of the line it must end (a part, a comment, the end of the clause).
fn chunk_width(pieces: &[Piece], i: usize) -> usize {
    let mut width = 0;
    let mut last = "";
    for (k, piece) in pieces.iter().enumerate().skip(i) {
        match piece {
            Piece::Token { text, before } => {
                if k > i {
                    if matches!(before, Before::Part | Before::PartBreak | Before::Break) {
                        break;
                    }
                    width += space(last, text).len();
                }
                width += text.chars().count();
                if text == "," {
                    break;
                }
                last = text;
            }
            _ => break,
        }
    }
    width
}
