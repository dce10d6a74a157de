//! `treaty run`: finds scenario scripts, loads the treaties they name (each once), runs
//! every scenario whose name matches the filter, and collects the results.

use super::{parse, run, Outcome, Status};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Treaty, Workspace};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::Limits;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One scenario's result, with the script it came from.
#[derive(Debug)]
pub struct ScenarioResult {
    pub file: FileId,
    pub span: Span,
    pub outcome: Outcome,
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
pub fn run_paths(
    paths: &[PathBuf],
    filter: Option<&regex_lite::Regex>,
    limits: Limits,
) -> RunReport {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            crate::check::collect_files(path, "scenario", &mut files);
        } else {
            files.push(path.clone());
        }
    }
    let mut ws = Workspace::new(limits);
    let mut treaties: HashMap<PathBuf, Option<Treaty>> = HashMap::new();
    let mut report = RunReport::default();
    for file in files {
        let Some((id, text)) = ws.read_source(&file, None) else {
            continue;
        };
        let (scenarios, diags) = parse(id, &text);
        report.diagnostics.extend(diags);
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        for scenario in scenarios {
            if filter.is_some_and(|f| !f.is_match(&scenario.name)) {
                continue;
            }
            let treaty_path = crate::model::normalize_path(&dir.join(&scenario.treaty));
            let treaty = treaties.entry(treaty_path.clone()).or_insert_with(|| {
                let root = treaty_path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                match ws.check_file(&treaty_path, &root) {
                    Some((treaty, false)) => Some(treaty),
                    _ => None,
                }
            });
            let outcome = match treaty {
                Some(t) => run(&scenario, t),
                None => Outcome {
                    name: scenario.name.clone(),
                    status: Status::Error,
                    trace: Vec::new(),
                    expectations: Vec::new(),
                    errors: vec![Diagnostic::error(
                        codes::IMPORT_NOT_FOUND,
                        scenario.treaty_span,
                        format!(
                            "the treaty `{}` could not be read without errors",
                            scenario.treaty
                        ),
                    )
                    .with_help("run `treaty check` on it to see why")],
                },
            };
            report.results.push(ScenarioResult {
                file: id,
                span: scenario.span,
                outcome,
            });
        }
    }
    // Scripts and treaties share one source map, so errors in either point at their file.
    report.diagnostics.extend(ws.take_diagnostics());
    crate::diagnostic::normalize(&mut report.diagnostics, &ws.sources);
    report.sources = std::mem::take(&mut ws.sources);
    report
}
