//! The one diagnostic type every stage produces and every renderer reads.
//!
//! Message style (after Cedar's guide): lowercase, no trailing period, user input in
//! backticks, no Rust type names; the long explanation goes in `help`, the location's role in
//! the labels.

use crate::basis::{Basis, Grounds};
use crate::fix::Fix;
use crate::source::{SourceMap, Span};
use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// A weakness a drafter should look at; fails `--fail-on warning`.
    Warning,
    /// The input is wrong, or the finding defeats the clause's purpose; fails a run.
    Error,
}

impl Severity {
    /// The level's name in outputs and in `treaty.toml` (contract).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// A level as `treaty.toml` and `--fail-on` write it (`warn` is accepted for `warning`).
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location with its own message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The place.
    pub span: Span,
    /// Why this place, in a few words (shown beside the snippet).
    pub message: String,
}

/// A finding or an error, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code (a lint code or an error code such as `syntax-error`).
    pub code: &'static str,
    /// As the rule declares it, or as `treaty.toml` overrides it.
    pub severity: Severity,
    /// One line: what is wrong (Cedar's style: lowercase, no trailing period).
    pub message: String,
    /// Where it is; its label (if any) says why this place.
    pub span: Span,
    /// The primary span's label.
    pub label: Option<String>,
    /// Further places (e.g. the first definition of a duplicate).
    pub labels: Vec<Label>,
    /// What to do about it: the remedy, or what the drafter should decide.
    pub help: Option<String>,
    /// The article the finding is about, e.g. `article 6.3`.
    pub citation: Option<String>,
    /// What a finding rests on (the articles and how each was read); `None` for errors in
    /// the input, which rest on nothing but the file.
    pub grounds: Option<Grounds>,
    /// Mechanical remedies, safe ones first.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic with no label, help, citation, grounds or fix yet.
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span,
            label: None,
            labels: Vec::new(),
            help: None,
            citation: None,
            grounds: None,
            fixes: Vec::new(),
        }
    }

    /// An error in the input: it rests on nothing but the file, so it has no grounds.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, span, message)
    }

    /// Says why the primary span is the place.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Points at a further place (e.g. the first definition of a duplicate).
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds what to do about it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// In-place forms of the builders, for findings built up after being recorded.
    pub fn set_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    /// In-place [`Diagnostic::with_help`].
    pub fn set_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// A finding that matters less (or more) than its rule's default, for reasons the rule
    /// states in its documentation.
    pub fn set_severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    /// In-place [`Diagnostic::with_secondary`].
    pub fn add_secondary(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a mechanical remedy.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// In-place [`Diagnostic::with_fix`].
    pub fn add_fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }

    /// The page that documents this diagnostic's code.
    pub fn url(&self) -> String {
        crate::docs::url(self.code)
    }

    /// Names the article the finding is about, as the treaty cites it.
    pub fn with_citation(mut self, citation: Option<String>) -> Self {
        self.citation = citation;
        self
    }

    /// The weakest of what a finding rests on; `None` for an error in the input.
    pub fn basis(&self) -> Option<Basis> {
        self.grounds.as_ref().map(Grounds::basis)
    }
}

/// Sorts into output order (file name, span, code, message) and drops exact repeats: a file
/// reached through two imports is resolved twice, but its errors are reported once. Fixes
/// are settled against the text (`fix::settle`), safe ones first.
pub fn normalize(diagnostics: &mut Vec<Diagnostic>, sources: &SourceMap) {
    for d in diagnostics.iter_mut() {
        for fix in &mut d.fixes {
            crate::fix::settle(fix, sources);
        }
        d.fixes.sort_by_key(|f| f.applicability);
    }
    diagnostics.sort_by_cached_key(|d| {
        (
            sources.name(d.span.file).to_string(),
            d.span.start,
            d.span.end,
            d.code,
            d.message.clone(),
        )
    });
    diagnostics.dedup();
}

/// Codes of errors in the input itself (as opposed to lint findings).
#[allow(missing_docs)] // each code's meaning is in `ALL`
pub mod codes {
    pub const SYNTAX_ERROR: &str = "syntax-error";
    pub const UNKNOWN_NAME: &str = "unknown-name";
    pub const DUPLICATE_DEFINITION: &str = "duplicate-definition";
    pub const UNKNOWN_ARTICLE: &str = "unknown-article";
    pub const INVALID_THRESHOLD: &str = "invalid-threshold";
    pub const IMPOSSIBLE_THRESHOLD: &str = "impossible-threshold";
    pub const IMPORT_CYCLE: &str = "import-cycle";
    pub const IMPORT_OUTSIDE_ROOT: &str = "import-outside-root";
    pub const IMPORT_NOT_FOUND: &str = "import-not-found";
    pub const FILE_TOO_LARGE: &str = "file-too-large";
    pub const NESTING_TOO_DEEP: &str = "nesting-too-deep";
    pub const IO_ERROR: &str = "io-error";
    pub const INVALID_VALUE: &str = "invalid-value";
    pub const WRONG_KIND: &str = "wrong-kind";
    pub const INVALID_CONFIG: &str = "invalid-config";
    pub const NO_INPUT: &str = "no-input";
    pub const FORMAT_FAILED: &str = "format-failed";

    /// Every input-error code with what it means, for `treaty explain` and the JSON `docs`.
    pub const ALL: &[(&str, &str)] = &[
        (SYNTAX_ERROR, "the text does not follow the clause language's grammar"),
        (UNKNOWN_NAME, "a party, class, body, procedure or principle is used but never declared"),
        (DUPLICATE_DEFINITION, "the same name or article is declared twice"),
        (UNKNOWN_ARTICLE, "a clause cites an article the file does not declare"),
        (INVALID_THRESHOLD, "a fraction above one, or with a zero denominator"),
        (IMPOSSIBLE_THRESHOLD, "a threshold, quorum or quota that the members can never reach"),
        (IMPORT_CYCLE, "files import each other in a circle"),
        (IMPORT_OUTSIDE_ROOT, "an import, a baseline or a scenario's `treaty` points outside the folder being checked"),
        (IMPORT_NOT_FOUND, "an import, a baseline or a scenario's `treaty` names a file that does not exist"),
        (FILE_TOO_LARGE, "a file, or the number of files, exceeds the checker's limits"),
        (NESTING_TOO_DEEP, "a decision rule nests parentheses beyond the checker's limit"),
        (IO_ERROR, "a file could not be read: it is missing, unreadable, not UTF-8 text, or not a regular file (a folder, a device, a pipe)"),
        (INVALID_VALUE, "a value that cannot be used: a missing weight, a fractional population, a body without members"),
        (WRONG_KIND, "a name of the wrong kind where another is needed, or a file that is not a `.treaty` file where a clause file is"),
        (INVALID_CONFIG, "`treaty.toml` is malformed, names an unknown rule or an unknown level"),
        (NO_INPUT, "a folder named on the command line holds no file to check or run"),
        (FORMAT_FAILED, "the formatter's output would not mean what the file means (a bug in the formatter: the file is left as written)"),
    ];

    /// What an input-error code means.
    pub fn describe(code: &str) -> Option<&'static str> {
        ALL.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
    }

    /// Whether a code is an error in the input (exit code 2) rather than a finding.
    pub fn is_input_error(code: &str) -> bool {
        describe(code).is_some()
    }
}
