//! The one diagnostic type every stage produces and every renderer reads.
//!
//! Message style (after Cedar's guide): lowercase, no trailing period, user input in
//! backticks, no Rust type names; the long explanation goes in `help`, the location's role in
//! the labels.

use crate::basis::{Basis, Grounds};
use crate::fix::Fix;
use crate::rules::LintRule;
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
    /// An error in the input (such as `syntax-error`) or the lint that found it.
    pub code: Code,
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
        code: impl Into<Code>,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.into(),
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
    pub fn error(code: InputError, span: Span, message: impl Into<String>) -> Self {
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
        crate::docs::url(self.code.as_str())
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

/// What a diagnostic is: an error in the input or a lint's finding. The type, not a table
/// of strings, decides the exit code; the kebab-case string ([`Code::as_str`]) is what every
/// output writes (contract).
#[derive(Clone, Copy)]
pub enum Code {
    /// The input is wrong: the run exits 2 and the file is not linted.
    Input(InputError),
    /// A lint found something in a well-formed treaty.
    Lint(&'static LintRule),
}

impl Code {
    /// The code as outputs write it, e.g. `syntax-error`, `single-party-veto`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Input(e) => e.as_str(),
            Code::Lint(rule) => rule.code,
        }
    }

    /// Whether it is an error in the input (exit code 2) rather than a finding.
    pub fn is_input_error(self) -> bool {
        matches!(self, Code::Input(_))
    }

    /// The lint that found it; `None` for an error in the input.
    pub fn rule(self) -> Option<&'static LintRule> {
        match self {
            Code::Lint(rule) => Some(rule),
            Code::Input(_) => None,
        }
    }
}

impl From<InputError> for Code {
    fn from(e: InputError) -> Self {
        Code::Input(e)
    }
}

impl From<&'static LintRule> for Code {
    fn from(rule: &'static LintRule) -> Self {
        Code::Lint(rule)
    }
}

// Codes are compared, ordered and hashed by their string: it is unique (the catalogue test
// and `InputError::ALL` keep it so) and it is the order output is sorted in.
impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Code {}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<InputError> for Code {
    fn eq(&self, other: &InputError) -> bool {
        *self == Code::Input(*other)
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Declares the input errors: each variant with its contract code and what it means.
macro_rules! input_errors {
    ($($(#[$doc:meta])* $variant:ident = $code:literal: $meaning:literal,)*) => {
        /// An error in the input itself: the file cannot be checked as written.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum InputError {
            $($(#[$doc])* $variant,)*
        }

        impl InputError {
            /// Every input error, in the order `treaty explain` and the docs list them.
            pub const ALL: &'static [InputError] = &[$(InputError::$variant),*];

            /// The code as outputs write it (contract).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(InputError::$variant => $code,)*
                }
            }

            /// What it means, for `treaty explain` and the JSON `docs`.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(InputError::$variant => $meaning,)*
                }
            }
        }
    };
}

input_errors! {
    /// Not the clause language.
    SyntaxError = "syntax-error": "the text does not follow the clause language's grammar",
    /// A name never declared.
    UnknownName = "unknown-name": "a party, class, body, procedure or principle is used but never declared",
    /// A name or article declared twice.
    DuplicateDefinition = "duplicate-definition": "the same name or article is declared twice",
    /// A citation of an undeclared article.
    UnknownArticle = "unknown-article": "a clause cites an article the file does not declare",
    /// A fraction that is no threshold.
    InvalidThreshold = "invalid-threshold": "a fraction above one, or with a zero denominator",
    /// A threshold the members cannot reach.
    ImpossibleThreshold = "impossible-threshold": "a threshold, quorum or quota that the members can never reach",
    /// Files importing each other.
    ImportCycle = "import-cycle": "files import each other in a circle",
    /// A reference leaving the folder checked.
    ImportOutsideRoot = "import-outside-root": "an import, a baseline or a scenario's `treaty` points outside the folder being checked",
    /// A reference to a missing file.
    ImportNotFound = "import-not-found": "an import, a baseline or a scenario's `treaty` names a file that does not exist",
    /// Past a size or count limit.
    FileTooLarge = "file-too-large": "a file, or the number of files, exceeds the checker's limits",
    /// Past the nesting limit.
    NestingTooDeep = "nesting-too-deep": "a decision rule nests parentheses beyond the checker's limit",
    /// A file that cannot be read.
    IoError = "io-error": "a file could not be read: it is missing, unreadable, not UTF-8 text, or not a regular file (a folder, a device, a pipe)",
    /// A value that cannot be used.
    InvalidValue = "invalid-value": "a value that cannot be used: a missing weight, a fractional population, a number too large, a date that is no day, a body without members",
    /// A name or file of the wrong kind.
    WrongKind = "wrong-kind": "a name of the wrong kind where another is needed, or a file that is not a `.treaty` file where a clause file is",
    /// A malformed `treaty.toml`.
    InvalidConfig = "invalid-config": "`treaty.toml` is malformed, names an unknown rule or an unknown level",
    /// A folder with nothing to check.
    NoInput = "no-input": "a folder named on the command line holds no file to check or run",
    /// The formatter would change the meaning.
    FormatFailed = "format-failed": "the formatter's output would not mean what the file means (a bug in the formatter: the file is left as written)",
}

impl InputError {
    /// The input error with this code, if it is one.
    pub fn from_code(code: &str) -> Option<InputError> {
        Self::ALL.iter().copied().find(|e| e.as_str() == code)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The input errors by the names their codes have in outputs, so that a call site reads
/// like what it reports (`codes::UNKNOWN_NAME`).
#[allow(missing_docs)] // each is an [`InputError`], documented there
pub mod codes {
    use super::InputError;

    pub const SYNTAX_ERROR: InputError = InputError::SyntaxError;
    pub const UNKNOWN_NAME: InputError = InputError::UnknownName;
    pub const DUPLICATE_DEFINITION: InputError = InputError::DuplicateDefinition;
    pub const UNKNOWN_ARTICLE: InputError = InputError::UnknownArticle;
    pub const INVALID_THRESHOLD: InputError = InputError::InvalidThreshold;
    pub const IMPOSSIBLE_THRESHOLD: InputError = InputError::ImpossibleThreshold;
    pub const IMPORT_CYCLE: InputError = InputError::ImportCycle;
    pub const IMPORT_OUTSIDE_ROOT: InputError = InputError::ImportOutsideRoot;
    pub const IMPORT_NOT_FOUND: InputError = InputError::ImportNotFound;
    pub const FILE_TOO_LARGE: InputError = InputError::FileTooLarge;
    pub const NESTING_TOO_DEEP: InputError = InputError::NestingTooDeep;
    pub const IO_ERROR: InputError = InputError::IoError;
    pub const INVALID_VALUE: InputError = InputError::InvalidValue;
    pub const WRONG_KIND: InputError = InputError::WrongKind;
    pub const INVALID_CONFIG: InputError = InputError::InvalidConfig;
    pub const NO_INPUT: InputError = InputError::NoInput;
    pub const FORMAT_FAILED: InputError = InputError::FormatFailed;
}
