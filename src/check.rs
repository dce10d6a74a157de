//! The main job end to end: read what the user named, resolve each file to a Model, run the
//! lints, and hand back diagnostics in output order. The program and embedders call this.

use crate::diagnostic::Diagnostic;
use crate::model::{Treaty, Workspace};
use crate::rules;
use crate::source::SourceMap;
use crate::syntax::Limits;
use std::path::{Path, PathBuf};

/// Everything one check produced.
#[derive(Debug, Default)]
pub struct Report {
    /// Every file read, imports and baselines included: what the spans point into.
    pub sources: SourceMap,
    /// One Model per file checked, in the order checked.
    pub treaties: Vec<Treaty>,
    /// In output order: file name, span, code.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The errors in the input itself (exit code 2), as opposed to findings.
    pub fn input_errors(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.code.is_input_error())
            .cloned()
            .collect()
    }
}

/// Checks files and folders. A folder is searched for `.treaty` files (symbolic links are not
/// followed) and bounds what its files may import; a file may import from its own folder.
pub fn check_paths(paths: &[PathBuf], limits: Limits) -> Report {
    read_paths(paths, limits, true, &[])
}

/// Checks files and folders as [`check_paths`] does, with some files' content supplied from
/// memory (standard input, an editor's unsaved buffers): each such buffer shadows the file
/// at its path, while the files it imports and its baselines are read from disk unless
/// buffers shadow them too. A buffer is read as a file would be (size limit, UTF-8).
pub fn check_paths_with(
    paths: &[PathBuf],
    limits: Limits,
    buffers: impl IntoIterator<Item = (PathBuf, Vec<u8>)>,
) -> Report {
    let buffers: Vec<(PathBuf, Vec<u8>)> = buffers.into_iter().collect();
    read_paths(paths, limits, true, &buffers)
}

/// Reads and resolves files and folders as [`check_paths`] does, without linting: the
/// Models and the errors in the input, for commands that only need the Models.
pub fn resolve_paths(paths: &[PathBuf], limits: Limits) -> Report {
    read_paths(paths, limits, false, &[])
}

fn read_paths(
    paths: &[PathBuf],
    limits: Limits,
    lint: bool,
    buffers: &[(PathBuf, Vec<u8>)],
) -> Report {
    read_named(paths, None, limits, lint, buffers).0
}

/// Checks files and folders as [`check_paths`] does, all within one root: `root` bounds
/// what every file may import. Each file's own findings are kept apart too, in the order of
/// [`Report::treaties`], for the commands that compare or present files one by one.
pub fn check_within(
    root: &Path,
    paths: &[PathBuf],
    limits: Limits,
) -> (Report, Vec<Vec<Diagnostic>>) {
    read_named(paths, Some(root), limits, true, &[])
}

/// Checks files and folders as [`check_paths`] does (each its own root), keeping each file's
/// own findings apart as [`check_within`] does.
pub fn check_apart(paths: &[PathBuf], limits: Limits) -> (Report, Vec<Vec<Diagnostic>>) {
    read_named(paths, None, limits, true, &[])
}

/// The deepest folder that contains every path named (a folder itself, a file its own
/// folder): where `treaty diff` and `treaty report` let imports reach, so that a draft in a
/// subfolder can be compared with the treaty it amends. `None` when the paths share no
/// folder (one absolute and one relative, or two drives), where no common root is safe.
pub fn common_root(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut common: Option<Vec<std::path::Component<'_>>> = None;
    let folders: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let folder = if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            crate::model::normalize_path(&folder)
        })
        .collect();
    for folder in &folders {
        let parts: Vec<_> = folder.components().collect();
        common = Some(match common {
            None => parts,
            Some(prefix) => prefix
                .into_iter()
                .zip(parts)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    let common = common?;
    let absolute = folders.iter().filter(|f| f.is_absolute()).count();
    if absolute != 0 && (absolute != folders.len() || common.is_empty()) {
        return None;
    }
    Some(common.iter().collect())
}

/// Reads, resolves and (with `lint`) lints the files named, each within its own root or
/// within `root` when given; returns the report and each file's own findings apart.
fn read_named(
    paths: &[PathBuf],
    root: Option<&Path>,
    limits: Limits,
    lint: bool,
    buffers: &[(PathBuf, Vec<u8>)],
) -> (Report, Vec<Vec<Diagnostic>>) {
    let mut ws = Workspace::new(limits);
    for (path, bytes) in buffers {
        ws.add_source_bytes(path, bytes.clone());
    }
    let mut files = crate::files::named(paths, "treaty", &mut ws);
    if let Some(root) = root {
        for (own_root, _) in &mut files {
            *own_root = root.to_path_buf();
        }
    }
    let (treaties, lint_diags, apart) = run_in(&mut ws, files, lint);
    (finish(ws, treaties, lint_diags), apart)
}

/// Checks one file in a workspace the caller prepared (with buffers supplied from memory)
/// and keeps: afterwards it still holds the syntax trees of every file read
/// ([`Workspace::syntax_trees`]), for a language server's navigation. `root` is the folder
/// its imports and baselines must stay in (an editor's workspace folder).
#[cfg(feature = "cli")]
pub(crate) fn check_file_in(ws: &mut Workspace, file: &Path, root: &Path) -> Report {
    let files = vec![(root.to_path_buf(), file.to_path_buf())];
    let (treaties, lint_diags, _) = run_in(ws, files, true);
    let mut diagnostics = ws.take_diagnostics();
    diagnostics.extend(lint_diags);
    crate::diagnostic::normalize(&mut diagnostics, &ws.sources);
    Report {
        sources: ws.sources.clone(),
        treaties,
        diagnostics,
    }
}

/// Resolves (and with `lint`, lints) files, each with the root its references must stay in;
/// the Models, the lints' findings, and each file's own findings apart (in output order).
fn run_in(
    ws: &mut Workspace,
    files: Vec<(PathBuf, PathBuf)>,
    lint: bool,
) -> (Vec<Treaty>, Vec<Diagnostic>, Vec<Vec<Diagnostic>>) {
    let mut treaties = Vec::new();
    let mut lint_diags = Vec::new();
    let mut apart = Vec::new();
    // Each `treaty.toml` is read once, whichever files it governs.
    let mut configs: std::collections::HashMap<PathBuf, crate::config::Config> =
        std::collections::HashMap::new();
    for (root, file) in files {
        if let Some((treaty, failed)) = ws.check_file(&file, &root) {
            let mut found = Vec::new();
            // Lints read a complete Model: fix the file's errors first.
            if lint && !failed {
                found = rules::run(&treaty);
                let dir = file.parent().unwrap_or(Path::new(""));
                if let Some(config_path) = crate::config::find(dir) {
                    let config = configs.entry(config_path.clone()).or_insert_with(|| {
                        let (config, errors) = crate::config::load(&config_path, ws);
                        lint_diags.extend(errors);
                        config
                    });
                    found.retain_mut(|d| config.apply(d));
                }
                lint_diags.extend(found.iter().cloned());
            }
            crate::diagnostic::normalize(&mut found, &ws.sources);
            apart.push(found);
            treaties.push(treaty);
        }
    }
    (treaties, lint_diags, apart)
}

/// Checks one file held in memory; imports and baselines are looked up among `extra`
/// (path, text) pairs, never on disk.
///
/// ```
/// let report = treaty::check_source("draft.treaty", r#"
///     party A "Alpha"
///     party B "Beta"
///     parties A, B
///     body council { decides all_matters by consensus }
/// "#, &[]);
/// assert!(report.diagnostics.iter().any(|d| d.code == "single-party-veto"));
/// ```
pub fn check_source(name: &str, text: &str, extra: &[(&str, &str)]) -> Report {
    let mut ws = Workspace::new(Limits::default());
    ws.add_source(name, text);
    for (path, text) in extra {
        ws.add_source(path, *text);
    }
    let root = Path::new(name)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut treaties = Vec::new();
    let mut lint_diags = Vec::new();
    if let Some((treaty, failed)) = ws.check_file(Path::new(name), &root) {
        if !failed {
            lint_diags.extend(rules::run(&treaty));
        }
        treaties.push(treaty);
    }
    finish(ws, treaties, lint_diags)
}

fn finish(mut ws: Workspace, treaties: Vec<Treaty>, lint_diags: Vec<Diagnostic>) -> Report {
    let mut diagnostics = ws.take_diagnostics();
    diagnostics.extend(lint_diags);
    crate::diagnostic::normalize(&mut diagnostics, &ws.sources);
    Report {
        sources: ws.sources,
        treaties,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_size_limit_are_refused_with_a_diagnostic() {
        let limits = Limits {
            max_file_bytes: 64,
            ..Limits::default()
        };
        let report = check_paths(
            &[PathBuf::from(
                "tests/fixtures/rules/single-party-veto/fires.treaty",
            )],
            limits,
        );
        assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
        assert_eq!(report.diagnostics[0].code, "file-too-large");
    }

    #[test]
    fn imports_in_memory_never_touch_the_disk() {
        let report = check_source(
            "t/a.treaty",
            "import \"../../etc/passwd\"\nimport \"b.treaty\"\nparties X",
            &[("t/b.treaty", "party X \"X\"")],
        );
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec!["import-outside-root"]);
        assert_eq!(report.treaties[0].treaty_parties.len(), 1);
    }
}
