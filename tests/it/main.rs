//! The integration tests, one binary (one link) instead of one per file; each module was a
//! test file of its own. Snapshots live in `snapshots/`, named `it__<module>__<name>.snap`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

mod analysis;
mod catalogue;
mod cli;
mod diff;
mod docs;
mod editor_cli;
mod fmt_cli;
mod format;
mod inputs;
mod lsp;
mod mutation;
mod no_panic;
mod nvim;
mod parse_smoke;
mod readme;
mod report;
mod rule_pages;
mod rules;
mod scale;
mod scenarios;
mod snapshots;
