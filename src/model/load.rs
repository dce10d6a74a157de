//! Reading files: the ones the user named, the files they import and their baselines.
//!
//! Every file is read at most once per run and parsed at most once. Imports and baselines are
//! resolved relative to the importing file and must stay inside the root folder the user
//! named; a file may be supplied from memory instead of disk (an editor's unsaved buffer, a
//! test), in which case nothing is read from disk for it.

use super::resolve::{resolve, Closure};
use super::{Baseline, Treaty};
use crate::ast::{self, Item};
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{parse, Limits};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// Everything one run has read: sources, parsed files and the errors met while loading.
#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: SourceMap,
    pub limits: Limits,
    overlay: BTreeMap<PathBuf, String>,
    parsed: HashMap<PathBuf, (FileId, Rc<ast::File>)>,
    /// Files whose parse or resolution failed, so that a later unit importing them (after
    /// their errors were reported once) still knows its Model is incomplete.
    parse_failed: std::collections::HashSet<FileId>,
    diagnostics: Vec<Diagnostic>,
}

/// Why a referenced file could not be loaded.
enum Missing {
    NotFound,
    OutsideRoot,
}

impl Workspace {
    pub fn new(limits: Limits) -> Self {
        Workspace {
            limits,
            ..Default::default()
        }
    }

    /// Supplies a file's text from memory; it is never read from disk.
    pub fn add_source(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.overlay.insert(normalize(path.as_ref()), text.into());
    }

    /// Errors met while reading and parsing (not those of resolution or lints).
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// Reads and resolves one file the user named. `root` bounds where imports may reach.
    /// Returns `None` when the file itself could not be read; otherwise the Model and
    /// whether reading or resolving it (its imports and baselines included) met an error.
    pub fn check_file(&mut self, path: &Path, root: &Path) -> Option<(Treaty, bool)> {
        let errors_before = self.error_count();
        let mut loader = Loader {
            ws: self,
            root: normalize(root),
            touched: Vec::new(),
        };
        let path = normalize(path);
        let (file, ast) = loader.load(&path, None)?;
        let (mut treaty, diags) = loader.resolve_unit(file, &path, &ast, true);
        loader.ws.diagnostics.extend(diags);
        treaty.file = file;
        let touched = loader.touched;
        let failed = self.error_count() > errors_before
            || touched.iter().any(|f| self.parse_failed.contains(f));
        Some((treaty, failed))
    }

    fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .count()
    }

    /// Reads a file the run needs (a checked file, an import, a scenario script, a
    /// configuration) within the limits, and adds it to the source map. A failure is
    /// reported at `from` (the line that named the file), or at the file itself.
    pub fn read_source(&mut self, path: &Path, from: Option<Span>) -> Option<(FileId, String)> {
        let name = display_name(path);
        if self.sources.len() >= self.limits.max_files {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::FILE_TOO_LARGE,
                    from.unwrap_or_default(),
                    format!("more than {} files reached", self.limits.max_files),
                )
                .with_help("check for runaway imports"),
            );
            return None;
        }
        let text = self.read(path).and_then(|text| {
            if text.len() > self.limits.max_file_bytes {
                Err(std::io::Error::new(
                    std::io::ErrorKind::FileTooLarge,
                    format!("{} bytes", text.len()),
                ))
            } else {
                Ok(text)
            }
        });
        match text {
            Ok(text) => Some((self.sources.add(name, path, &text), text)),
            Err(err) => {
                let (code, message) = if err.kind() == std::io::ErrorKind::FileTooLarge {
                    (
                        codes::FILE_TOO_LARGE,
                        format!(
                            "`{name}` is larger than the limit of {} bytes ({err})",
                            self.limits.max_file_bytes
                        ),
                    )
                } else {
                    (codes::IO_ERROR, format!("cannot read `{name}`: {err}"))
                };
                // With no line to point at, the error sits on an empty file entry.
                let span = match from {
                    Some(span) => span,
                    None => Span::new(self.sources.add(name, path, ""), 0, 0),
                };
                self.diagnostics
                    .push(Diagnostic::error(code, span, message));
                None
            }
        }
    }

    fn read(&self, path: &Path) -> Result<String, std::io::Error> {
        match self.overlay.get(path) {
            Some(text) => Ok(text.clone()),
            None => {
                let len = std::fs::metadata(path)?.len();
                if len > self.limits.max_file_bytes as u64 {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::FileTooLarge,
                        format!("{len} bytes"),
                    ));
                }
                std::fs::read_to_string(path)
            }
        }
    }

    fn exists(&self, path: &Path) -> bool {
        self.overlay.contains_key(path) || path.is_file()
    }
}

/// Resolves paths for one named file within its root.
pub struct Loader<'w> {
    ws: &'w mut Workspace,
    root: PathBuf,
    /// Every file this check reached, read now or earlier.
    touched: Vec<FileId>,
}

impl Loader<'_> {
    /// Reads and parses a file once; later calls return the cached tree. `from` is the
    /// `import` or `baseline` line that asked for it, where errors are reported.
    fn load(&mut self, path: &Path, from: Option<Span>) -> Option<(FileId, Rc<ast::File>)> {
        if let Some((id, ast)) = self.ws.parsed.get(path) {
            self.touched.push(*id);
            return Some((*id, Rc::clone(ast)));
        }
        let (file, text) = self.ws.read_source(path, from)?;
        self.touched.push(file);
        let (ast, diags) = parse(file, &text, &self.ws.limits);
        if !diags.is_empty() {
            self.ws.parse_failed.insert(file);
        }
        self.ws.diagnostics.extend(diags);
        let ast = Rc::new(ast);
        self.ws
            .parsed
            .insert(path.to_path_buf(), (file, Rc::clone(&ast)));
        Some((file, ast))
    }

    /// Where `import "x"` in `importer` points, if it may be read.
    fn locate(&self, importer: &Path, target: &str) -> Result<PathBuf, Missing> {
        let dir = importer.parent().unwrap_or(Path::new(""));
        let candidate = normalize(&dir.join(target));
        let climbs = |p: &Path| {
            p.components()
                .filter(|c| matches!(c, Component::ParentDir))
                .count()
        };
        if !candidate.starts_with(&self.root)
            || climbs(&candidate) != climbs(&self.root)
            || Path::new(target).is_absolute()
        {
            return Err(Missing::OutsideRoot);
        }
        if !self.ws.exists(&candidate) {
            return Err(Missing::NotFound);
        }
        // A symbolic link inside the root may still lead outside it.
        if !self.ws.overlay.contains_key(&candidate) {
            if let (Ok(real), Ok(real_root)) = (candidate.canonicalize(), self.root.canonicalize())
            {
                if !real.starts_with(real_root) {
                    return Err(Missing::OutsideRoot);
                }
            }
        }
        Ok(candidate)
    }

    fn follow(
        &mut self,
        importer: &Path,
        target: &ast::Text,
    ) -> Option<(PathBuf, FileId, Rc<ast::File>)> {
        match self.locate(importer, &target.value) {
            Ok(path) => {
                let (file, ast) = self.load(&path, Some(target.span))?;
                Some((path, file, ast))
            }
            Err(Missing::OutsideRoot) => {
                self.ws.diagnostics.push(
                    Diagnostic::error(
                        codes::IMPORT_OUTSIDE_ROOT,
                        target.span,
                        format!("`{}` is outside the folder being checked", target.value),
                    )
                    .with_label("points outside the root")
                    .with_help(format!(
                        "only files under `{}` are read; check the folder that contains both files",
                        display_name(&self.root)
                    )),
                );
                None
            }
            Err(Missing::NotFound) => {
                self.ws.diagnostics.push(
                    Diagnostic::error(
                        codes::IMPORT_NOT_FOUND,
                        target.span,
                        format!("no file `{}`", target.value),
                    )
                    .with_label("not found")
                    .with_help("paths are relative to the file that contains the line"),
                );
                None
            }
        }
    }

    /// Collects the files `file` imports, directly or not, depth first, each once.
    fn closure(
        &mut self,
        path: &Path,
        ast: &Rc<ast::File>,
        stack: &mut Vec<PathBuf>,
        out: &mut Closure,
    ) {
        stack.push(path.to_path_buf());
        for item in &ast.items {
            let Item::Import(target) = item else { continue };
            let Some((child, file, child_ast)) = self.follow(path, target) else {
                continue;
            };
            if stack.contains(&child) {
                let chain: Vec<String> = stack
                    .iter()
                    .skip_while(|p| **p != child)
                    .chain(std::iter::once(&child))
                    .map(|p| display_name(p))
                    .collect();
                self.ws.diagnostics.push(
                    Diagnostic::error(
                        codes::IMPORT_CYCLE,
                        target.span,
                        format!("import cycle: {}", chain.join(" -> ")),
                    )
                    .with_label("closes the cycle")
                    .with_help("move the shared declarations into a file that both import"),
                );
                continue;
            }
            if out.files.iter().any(|(f, _)| *f == file) {
                continue;
            }
            // Bounded: each file enters the closure once and the stack never repeats a path.
            self.closure(&child, &child_ast, stack, out);
            out.files.push((file, child_ast));
        }
        stack.pop();
    }

    fn resolve_unit(
        &mut self,
        file: FileId,
        path: &Path,
        ast: &Rc<ast::File>,
        with_baselines: bool,
    ) -> (Treaty, Vec<Diagnostic>) {
        let mut closure = Closure::default();
        self.closure(path, ast, &mut Vec::new(), &mut closure);
        let (mut treaty, mut diags) = resolve(file, ast, &closure);
        if with_baselines {
            let header = ast.items.iter().find_map(|item| match item {
                Item::Treaty(h) => Some(h),
                _ => None,
            });
            let links = header.map(|h| h.baselines.as_slice()).unwrap_or_default();
            for (i, link) in links.iter().enumerate() {
                let target = &link.file;
                let Some((bpath, bfile, bast)) = self.follow(path, target) else {
                    continue;
                };
                if bfile == file {
                    continue;
                }
                let (baseline, bdiags) = self.resolve_unit(bfile, &bpath, &bast, false);
                diags.extend(bdiags);
                // The citation, checked against this treaty's articles when it was resolved.
                let referred_in = treaty
                    .header
                    .as_ref()
                    .and_then(|h| h.baseline_references.get(i).cloned().flatten());
                treaty.baselines.push(Baseline {
                    span: target.span,
                    referred_in,
                    title: baseline
                        .title()
                        .map(str::to_string)
                        .unwrap_or_else(|| target.value.clone()),
                    affirmations: baseline.affirmations,
                    balances: baseline.balances,
                    articles: baseline.articles,
                });
            }
        }
        (treaty, diags)
    }
}

/// Removes `.` and resolves `..` without touching the disk, so that paths compare equal
/// however they were written.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A path as shown to users: `/` separators whatever the platform.
pub(crate) fn display_name(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    joined
        .strip_prefix("//")
        .map_or(joined.clone(), |s| format!("/{s}"))
}
