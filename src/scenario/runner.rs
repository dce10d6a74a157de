//! `treaty run`: finds scenario scripts, loads the treaties they name (each once), runs
//! every scenario whose name matches the filter, and collects the results.

use super::{parse, run, Outcome, Status};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Treaty, Workspace};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::Limits;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One scenario's result, with the script it came from and the treaty it ran against (which
/// names the parties and bodies its trace records by index); `None` when that could not be
/// read.
#[derive(Debug)]
pub struct ScenarioResult {
    pub file: FileId,
    pub span: Span,
    pub outcome: Outcome,
    pub treaty: Option<Arc<Treaty>>,
}

#[derive(Debug, Default)]
pub struct RunReport {
    pub sources: SourceMap,
    pub results: Vec<ScenarioResult>,
    /// Errors in the scripts or in the treaties they name.
    pub diagnostics: Vec<Diagnostic>,
}

impl RunReport {
    pub fn count(&self, status: Status) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome.status == status)
            .count()
    }
}

/// Runs the scenarios in `paths` (files, or folders searched for `.scenario` files) whose
/// names match `filter`.
///
/// A script's `treaty "..."` is found as an import is, relative to the script, and must stay
/// inside the script's root and name a `.treaty` file. The root is the working folder when
/// the script lies under it (scripts are tests that point at the treaties of the project
/// they are run in, as the bundled examples name `../treaties/...`), else the folder named on
/// the command line or the script's own folder.
pub fn run_paths(
    paths: &[PathBuf],
    filter: Option<&regex_lite::Regex>,
    limits: Limits,
) -> RunReport {
    let mut ws = Workspace::new(limits);
    let files = crate::files::named(paths, "scenario", &mut ws);
    // Each treaty is loaded once: its Model, or the errors that stop it from having one.
    let mut treaties: HashMap<PathBuf, Result<Arc<Treaty>, Vec<Diagnostic>>> = HashMap::new();
    let mut report = RunReport::default();
    for (named, file) in files {
        let Some((id, text)) = ws.read_source(&file, None) else {
            continue;
        };
        let (scenarios, diags) = parse(id, &text);
        report.diagnostics.extend(diags);
        let root = script_root(&named);
        for scenario in scenarios {
            if filter.is_some_and(|f| !f.is_match(&scenario.name)) {
                continue;
            }
            report.diagnostics.extend(ws.take_diagnostics());
            let located = ws.locate(&file, &scenario.treaty, scenario.treaty_span, &root);
            let refused = ws.take_diagnostics();
            report.diagnostics.extend(refused.iter().cloned());
            let loaded = match located {
                Some(path) => treaties.entry(path).or_insert_with_key(|path| {
                    // The treaty's own imports stay in its folder, as `treaty check` on it
                    // would have them.
                    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    match ws.check_unit(path, &root) {
                        (Some(treaty), errors) if errors.is_empty() => Ok(Arc::new(treaty)),
                        (_, errors) => Err(errors),
                    }
                }),
                None => &mut Err(refused),
            };
            let (outcome, treaty) = match loaded {
                Ok(t) => (run(&scenario, t), Some(Arc::clone(t))),
                Err(errors) => (
                    Outcome {
                        name: scenario.name.clone(),
                        status: Status::Error,
                        trace: Vec::new(),
                        expectations: Vec::new(),
                        errors: if errors.is_empty() {
                            vec![Diagnostic::error(
                                codes::IO_ERROR,
                                scenario.treaty_span,
                                format!("the treaty `{}` could not be read", scenario.treaty),
                            )
                            .with_help("run `treaty check` on it to see why")]
                        } else {
                            errors.clone()
                        },
                    },
                    None,
                ),
            };
            report.results.push(ScenarioResult {
                file: id,
                span: scenario.span,
                outcome,
                treaty,
            });
        }
    }
    // Scripts and treaties share one source map, so errors in either point at their file.
    report.diagnostics.extend(ws.take_diagnostics());
    crate::diagnostic::normalize(&mut report.diagnostics, &ws.sources);
    report.sources = std::mem::take(&mut ws.sources);
    report
}

/// Where the treaties a script names must lie: the working folder if `named` (the folder
/// named on the command line, or a named script's folder) is inside it, else `named`.
fn script_root(named: &Path) -> PathBuf {
    let named = crate::model::normalize_path(named);
    if named.is_relative() && !named.starts_with("..") {
        return PathBuf::new();
    }
    match std::env::current_dir() {
        Ok(here) if named.starts_with(&here) => here,
        _ => named,
    }
}
