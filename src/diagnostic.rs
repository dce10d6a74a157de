//! The one diagnostic type every stage produces and every renderer reads.
//!
//! Message style (after Cedar's guide): lowercase, no trailing period, user input in
//! backticks, no Rust type names; the long explanation goes in `help`, the location's role in
//! the labels.

use crate::source::Span;
use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

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
    pub span: Span,
    pub message: String,
}

/// A finding or an error, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code (a lint code or an error code such as `syntax-error`).
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where it is; its label (if any) says why this place.
    pub span: Span,
    pub label: Option<String>,
    /// Further places (e.g. the first definition of a duplicate).
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The article the finding is about, e.g. `article 6.3`.
    pub citation: Option<String>,
}

impl Diagnostic {
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
        }
    }

    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, span, message)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_citation(mut self, citation: Option<String>) -> Self {
        self.citation = citation;
        self
    }

    /// The deterministic output order: file, span, then code, then message.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str) {
        (
            self.span.file.0,
            self.span.start,
            self.span.end,
            self.code,
            self.message.as_str(),
        )
    }
}

/// Sorts into output order and drops exact repeats (a file reached through two imports is
/// resolved twice, but its errors are reported once).
pub fn normalize(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Codes of errors in the input itself (as opposed to lint findings).
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
}
