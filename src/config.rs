//! `treaty.toml`: per-project rule levels, found in the checked file's folder or above.
//!
//! ```toml
//! [lints]
//! single-party-veto = "deny"   # an error: fails the check at any --fail-level
//! placeholder = "allow"        # not reported
//! vague-standard = "warn"
//! ```

use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::model::Workspace;
use crate::source::{FileId, Span};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name searched for.
const FILE_NAME: &str = "treaty.toml";

/// Folders searched upward from a checked file, at most.
const MAX_ASCENT: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

/// A loaded configuration: a level per rule code.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub levels: BTreeMap<String, Level>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
}

impl Config {
    /// Applies the configured level to a finding; `false` when the rule is allowed (drop it).
    pub fn apply(&self, d: &mut Diagnostic) -> bool {
        match self.levels.get(d.code.as_str()) {
            Some(Level::Allow) => false,
            Some(Level::Warn) => {
                d.severity = Severity::Warning;
                true
            }
            Some(Level::Deny) => {
                d.severity = Severity::Error;
                true
            }
            None => true,
        }
    }
}

/// The nearest `treaty.toml` in `dir` or a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let absolute = start.canonicalize().ok()?;
    let found = absolute
        .ancestors()
        .take(MAX_ASCENT)
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())?;
    // Shown relative to where the program runs, as the checked files are.
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    Some(
        match here.and_then(|h| found.strip_prefix(h).ok().map(Path::to_path_buf)) {
            Some(relative) => relative,
            None => found,
        },
    )
}

/// Reads and checks a configuration file; errors point into it (a file that cannot be read
/// is reported by the workspace).
pub fn load(path: &Path, ws: &mut Workspace) -> (Config, Vec<Diagnostic>) {
    match ws.read_source(path, None) {
        Some((file, text)) => parse(file, &text),
        None => (Config::default(), Vec::new()),
    }
}

fn parse(file: FileId, text: &str) -> (Config, Vec<Diagnostic>) {
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            let mut message = err.message().trim_end().to_string();
            // The parser points at a repeated key without naming it; a short one is named.
            if message == "duplicate key" {
                if let Some(key) = text.get(span.clone()).filter(|k| k.len() <= 80) {
                    message = format!("duplicate key `{}`", key.trim_matches('"'));
                }
            }
            return (
                Config::default(),
                vec![Diagnostic::error(
                    codes::INVALID_CONFIG,
                    Span::new(file, span.start, span.end),
                    format!("`treaty.toml` is not valid: {message}"),
                )
                .with_label("here")
                .with_help("the file has one table, `[lints]`, mapping rule codes to \"allow\", \"warn\" or \"deny\"")],
            );
        }
    };
    let mut config = Config::default();
    let mut diags = Vec::new();
    // One budget for the file's hints, so that thousands of unknown codes stay linear.
    let mut budget = crate::spelling::FILE_BUDGET;
    for (code, level) in raw.lints {
        let key_span = Span::new(file, code.span().start, code.span().end);
        if crate::rules::find(code.get_ref()).is_none() {
            let help = if crate::diagnostic::InputError::from_code(code.get_ref()).is_some() {
                format!(
                    "`{}` is an error in the input, not a rule: it cannot be allowed or denied",
                    code.get_ref()
                )
            } else {
                let rules = crate::rules::ALL.iter().map(|r| r.code);
                match crate::spelling::closest(code.get_ref(), rules, &mut budget) {
                    Some(rule) => format!("did you mean `{rule}`? `treaty rules` lists the codes"),
                    None => "`treaty rules` lists the codes".to_string(),
                }
            };
            diags.push(
                Diagnostic::error(
                    codes::INVALID_CONFIG,
                    key_span,
                    format!("no rule `{}`", code.get_ref()),
                )
                .with_label("unknown rule")
                .with_help(help),
            );
            continue;
        }
        let parsed = match level.get_ref().as_str() {
            "allow" => Level::Allow,
            "warn" => Level::Warn,
            "deny" => Level::Deny,
            other => {
                diags.push(
                    Diagnostic::error(
                        codes::INVALID_CONFIG,
                        Span::new(file, level.span().start, level.span().end),
                        format!("`{other}` is not a level"),
                    )
                    .with_label("not a level")
                    .with_help("a rule's level is \"allow\", \"warn\" or \"deny\""),
                );
                continue;
            }
        };
        config.levels.insert(code.into_inner(), parsed);
    }
    (config, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_errors() {
        let (config, diags) = parse(
            FileId(0),
            "[lints]\nsingle-party-veto = \"deny\"\nplaceholder = \"allow\"\nno-such = \"warn\"\nvague-standard = \"loud\"\n",
        );
        assert_eq!(config.levels.get("single-party-veto"), Some(&Level::Deny));
        assert_eq!(config.levels.get("placeholder"), Some(&Level::Allow));
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["no rule `no-such`", "`loud` is not a level"]);
        assert!(diags
            .iter()
            .all(|d| d.code == codes::INVALID_CONFIG && d.span.end > d.span.start));
        let (_, diags) = parse(FileId(0), "[lints\n");
        assert_eq!(diags.len(), 1);
        let (_, diags) = parse(FileId(0), "[other]\nx = 1\n");
        assert_eq!(diags.len(), 1, "unknown tables are errors");
    }
}
