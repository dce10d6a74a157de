//! `treaty`: a checker for treaty-like texts.
//!
//! Text is parsed ([`syntax`]) into a syntax tree ([`ast`]), resolved into a [`model`], and
//! linted ([`rules`]); [`decision`] says what a decision rule decides, for the lints and for
//! everything after them. [`check`] runs the whole job, [`render`] prints it.

#![cfg_attr(test, allow(clippy::indexing_slicing))]

pub mod analysis;
pub mod ast;
pub mod basis;
pub mod check;
pub mod cli;
pub mod config;
pub mod decision;
pub mod diagnostic;
pub mod diff;
pub mod docs;
pub mod fix;
pub mod format;
pub mod lsp;
pub mod model;
pub mod render;
#[macro_use]
pub mod rules;
pub mod scenario;
pub mod source;
pub(crate) mod spelling;
pub mod syntax;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod wording;

pub use check::{check_paths, check_source, resolve_paths, Report};
