//! `treaty`: a checker for treaty-like texts.
//!
//! Text is parsed into a syntax tree, resolved into a Model of parties, bodies and decision
//! rules, and linted; [`decision`] says what a decision rule decides, for the lints and for
//! everything after them. `ARCHITECTURE.md` maps the stages.
//!
//! # The API
//!
//! Check a text held in memory, or files and folders on disk, and read the diagnostics:
//!
//! ```
//! let report = treaty::check_source("draft.treaty", r#"
//!     party A "Alpha"
//!     party B "Beta"
//!     parties A, B
//!     body council { decides all_matters by consensus }
//! "#, &[]);
//! assert!(report.input_errors().is_empty());
//! let veto = report.diagnostics.iter().find(|d| d.code == "single-party-veto");
//! assert!(veto.is_some_and(|d| d.severity == treaty::Severity::Warning));
//! // The JSON an editor or a CI job reads.
//! let json = treaty::render::json(&report.sources, &report.diagnostics, report.treaties.len());
//! assert!(json.contains("\"single-party-veto\""));
//! ```
//!
//! - checking: [`check_source`], [`check_paths`], [`check_paths_with`], [`resolve_paths`],
//!   bounded by [`Limits`], give a [`Report`];
//! - diagnostics: [`Diagnostic`] with its [`Code`] ([`InputError`] or the lint that found it),
//!   [`Severity`] and [`Span`]s into the [`SourceMap`]; [`render`] prints them;
//! - analysis: [`analyze`] gives a body's exact power indices ([`AnalysisReport`]);
//! - the decision core: [`decision`].
//!
//! The other modules are public for the `treaty` program, the tests, benches and fuzz
//! targets; they are hidden from the documentation and not part of the API.
//!
//! # Features
//!
//! `cli` (default): the `treaty` program and its language server. Without it
//! (`default-features = false`) neither clap nor the LSP crates are compiled.

#![cfg_attr(test, allow(clippy::indexing_slicing))]
#![warn(missing_docs)]

pub mod check;
pub mod decision;
pub mod diagnostic;
pub mod render;
pub mod source;

pub use analysis::{analyze, Report as AnalysisReport};
pub use check::{check_paths, check_paths_with, check_source, resolve_paths, Report};
pub use diagnostic::{Code, Diagnostic, InputError, Label, Severity};
pub use fix::{Applicability, Edit, Fix, Layout};
pub use rules::LintRule;
pub use source::{FileId, LineCol, SourceFile, SourceMap, Span};
pub use syntax::Limits;

// Public for the program, tests, benches and fuzz targets; not the API.
#[doc(hidden)]
pub mod analysis;
#[doc(hidden)]
pub mod ast;
pub(crate) mod basis;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod config;
#[cfg(feature = "cli")]
pub(crate) mod diff;
#[doc(hidden)]
pub mod docs;
pub(crate) mod files;
pub(crate) mod fix;
#[doc(hidden)]
pub mod format;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod lsp;
#[doc(hidden)]
pub mod model;
#[macro_use]
#[doc(hidden)]
pub mod rules;
#[doc(hidden)]
pub mod scenario;
pub(crate) mod spelling;
#[doc(hidden)]
pub mod syntax;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod wording;
