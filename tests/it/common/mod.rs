//! Shared by the integration tests that run the program.

use std::process::Command;

/// Runs the `treaty` binary; returns its stdout and exit code.
pub fn treaty(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(args)
        .output()
        .expect("the treaty binary runs");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

pub mod lsp;
