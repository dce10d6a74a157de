//! Reading files: the ones the user named, the files they import and their baselines.
//!
//! Every file is read at most once per run and parsed at most once. Imports and baselines are
//! resolved relative to the importing file and must stay inside the root folder the user
//! named; a file may be supplied from memory instead of disk (an editor's unsaved buffer, a
//! test), in which case nothing is read from disk for it.

use super::resolve::{resolve, Closure};
use super::{Baseline, Related, Treaty};
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
    /// Files supplied from memory, as bytes: checked for size and UTF-8 as a file would be.
    overlay: BTreeMap<PathBuf, Vec<u8>>,
    parsed: HashMap<PathBuf, (FileId, Rc<ast::File>)>,
    /// Files whose parse failed, with its errors, so that a later unit importing them (after
    /// their errors were reported once) still knows its Model is incomplete, and why.
    parse_failed: HashMap<FileId, Vec<Diagnostic>>,
    diagnostics: Vec<Diagnostic>,
    /// Files read so far, against `limits.max_files` (the source map also holds empty
    /// entries that only locate an error).
    files_read: usize,
}

/// Why a file named inside another may not be read.
enum Refusal {
    NotFound,
    OutsideRoot,
    NotATreaty,
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
        self.add_source_bytes(path, text.into().into_bytes());
    }

    /// Supplies a file's content from memory (standard input, an editor's buffer); it is
    /// read as a file would be: refused past the size limit or when it is not UTF-8.
    pub fn add_source_bytes(&mut self, path: impl AsRef<Path>, bytes: Vec<u8>) {
        self.overlay.insert(normalize(path.as_ref()), bytes);
    }

    /// The syntax tree of every file parsed so far, with its file.
    pub fn syntax_trees(&self) -> impl Iterator<Item = (FileId, &ast::File)> {
        self.parsed.values().map(|(id, tree)| (*id, tree.as_ref()))
    }

    /// Errors met while reading and parsing (not those of resolution or lints).
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// Reads and resolves one file the user named. `root` bounds where imports may reach.
    /// Returns `None` when the file itself could not be read; otherwise the Model and
    /// whether reading or resolving it (its imports and baselines included) met an error.
    pub fn check_file(&mut self, path: &Path, root: &Path) -> Option<(Treaty, bool)> {
        let (treaty, errors) = self.check_unit(path, root);
        treaty.map(|t| (t, !errors.is_empty()))
    }

    /// As [`Workspace::check_file`], with the errors that make the Model incomplete: those
    /// met now, and those of files it reaches whose errors an earlier unit reported. The
    /// errors stay among the workspace's diagnostics too; these are copies.
    pub fn check_unit(&mut self, path: &Path, root: &Path) -> (Option<Treaty>, Vec<Diagnostic>) {
        let before = self.diagnostics.len();
        let mut loader = Loader {
            ws: self,
            root: normalize(root),
            touched: Vec::new(),
        };
        let path = normalize(path);
        let treaty = loader.load(&path, None).map(|(file, ast)| {
            let (mut treaty, diags) = loader.resolve_unit(file, &path, &ast, true);
            loader.ws.diagnostics.extend(diags);
            treaty.file = file;
            treaty
        });
        let touched = loader.touched;
        let mut errors: Vec<Diagnostic> = self
            .diagnostics
            .get(before..)
            .unwrap_or_default()
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .cloned()
            .collect();
        for file in touched {
            for d in self.parse_failed.get(&file).into_iter().flatten() {
                if !errors.contains(d) {
                    errors.push(d.clone());
                }
            }
        }
        (treaty, errors)
    }

    /// Records an error about a path the user named that has no line to point at (a folder
    /// with nothing to check, a file past a limit): it sits on an empty entry for the path.
    pub(crate) fn refuse(
        &mut self,
        path: &Path,
        code: crate::diagnostic::InputError,
        message: String,
        help: &str,
    ) {
        let span = Span::new(self.sources.add(display_name(path), path, ""), 0, 0);
        self.diagnostics
            .push(Diagnostic::error(code, span, message).with_help(help));
    }

    /// Reads a file the run needs (a checked file, an import, a scenario script, a
    /// configuration) within the limits, and adds it to the source map. A failure is
    /// reported at `from` (the line that named the file), or at the file itself.
    ///
    /// The text returned is the source map's own copy: a file's text is held once.
    pub fn read_source(
        &mut self,
        path: &Path,
        from: Option<Span>,
    ) -> Option<(FileId, std::sync::Arc<str>)> {
        let name = display_name(path);
        if self.files_read >= self.limits.max_files {
            // The entry for the refused file holds no text, so the limit is overshot by at
            // most one empty entry per file named, never by what the files contain.
            let span = match from {
                Some(span) => span,
                None => Span::new(self.sources.add(&name, path, ""), 0, 0),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    codes::FILE_TOO_LARGE,
                    span,
                    format!(
                        "`{name}` was not read: this run already read {} files, the limit",
                        self.limits.max_files
                    ),
                )
                .with_label("one file too many")
                .with_help("check fewer files at a time, or look for runaway imports"),
            );
            return None;
        }
        match self.read(path) {
            Ok(text) => {
                self.files_read += 1;
                let id = self.sources.add(name, path, &text);
                drop(text);
                let shared = self.sources.get(id).map(|f| f.text.clone())?;
                Some((id, shared))
            }
            Err(ReadError::NotUtf8 {
                text,
                at,
                byte,
                utf16,
            }) => {
                // Shown at the first byte that is not UTF-8, in the file itself (an importing
                // line would say nothing of where): the text is kept for the snippet only.
                // UTF-16 read as UTF-8 is noise: no snippet, the error at the start.
                let (text, at) = if utf16 {
                    (String::new(), 0)
                } else {
                    (text, at)
                };
                let id = self.sources.add(&name, path, &text);
                let end = text
                    .get(at..)
                    .and_then(|t| t.chars().next())
                    .map_or(at, |c| at + c.len_utf8());
                let (message, help) = if utf16 {
                    (
                        format!("cannot read `{name}`: it is UTF-16 text, not UTF-8"),
                        "save the file as UTF-8 (in most editors: save with encoding, UTF-8)",
                    )
                } else {
                    (
                        format!("cannot read `{name}`: it is not UTF-8 text (the byte 0x{byte:02X} here is not UTF-8)"),
                        "save the file as UTF-8 (in most editors: save with encoding, UTF-8); the file may be in Latin-1 or Windows-1252",
                    )
                };
                self.diagnostics.push(
                    Diagnostic::error(codes::IO_ERROR, Span::new(id, at, end), message)
                        .with_label("not UTF-8")
                        .with_help(help),
                );
                None
            }
            Err(err) => {
                let limit = self.limits.max_file_bytes;
                let (code, message, help) = match err {
                    ReadError::TooLarge => (
                        codes::FILE_TOO_LARGE,
                        format!("`{name}` is larger than the limit of {limit} bytes"),
                        "split it into files that import each other, or check that this is the file you meant",
                    ),
                    ReadError::NotAFile(kind) => (
                        codes::IO_ERROR,
                        format!("cannot read `{name}`: it is {kind}, not a regular file"),
                        "name a regular file; devices, pipes, sockets and folders are never read",
                    ),
                    ReadError::Io(err) => (
                        codes::IO_ERROR,
                        format!("cannot read `{name}`: {err}"),
                        "check that the path is spelled right and that the file can be read",
                    ),
                    ReadError::NotUtf8 { .. } => return None,
                };
                // With no line to point at, the error sits on an empty file entry.
                let span = match from {
                    Some(span) => span,
                    None => Span::new(self.sources.add(name, path, ""), 0, 0),
                };
                self.diagnostics
                    .push(Diagnostic::error(code, span, message).with_help(help));
                None
            }
        }
    }

    /// The text of a file, from memory or from disk; at most `max_file_bytes` are ever read.
    ///
    /// Only regular files are read. The reported length cannot be trusted for anything else
    /// (`/dev/zero` and a pipe say 0 and never end), and opening a FIFO for reading blocks
    /// until a writer comes, so: the metadata is checked first (following symbolic links,
    /// so that a link to a device is refused too); the file is then opened without blocking,
    /// which closes the gap in which a regular file could be swapped for a FIFO; the open
    /// handle's own metadata is checked again; and the read itself stops one byte past the
    /// limit whatever the metadata said.
    fn read(&self, path: &Path) -> Result<String, ReadError> {
        use std::io::Read as _;
        if let Some(bytes) = self.overlay.get(path) {
            if bytes.len() > self.limits.max_file_bytes {
                return Err(ReadError::TooLarge);
            }
            return String::from_utf8(bytes.clone()).map_err(not_utf8);
        }
        let limit = self.limits.max_file_bytes as u64;
        let regular = |meta: &std::fs::Metadata| {
            if !meta.is_file() {
                return Err(ReadError::NotAFile(kind_of(&meta.file_type())));
            }
            if meta.len() > limit {
                return Err(ReadError::TooLarge);
            }
            Ok(())
        };
        regular(&std::fs::metadata(path).map_err(ReadError::Io)?)?;
        let file = open_without_blocking(path).map_err(ReadError::Io)?;
        regular(&file.metadata().map_err(ReadError::Io)?)?;
        let mut bytes = Vec::new();
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge);
        }
        String::from_utf8(bytes).map_err(not_utf8)
    }

    /// Where a file named inside another points (an `import`, a `baseline`, a scenario's
    /// `treaty`), if it may be read: the path is relative to the naming file's folder, stays
    /// inside `root` (symbolic links included) and names a `.treaty` file. A refusal is
    /// reported at `span`, the text that named the file.
    pub fn locate(
        &mut self,
        naming_file: &Path,
        target: &str,
        span: Span,
        root: &Path,
    ) -> Option<PathBuf> {
        let refusal = match self.refusal(naming_file, target, root) {
            Ok(path) => return Some(path),
            Err(refusal) => refusal,
        };
        let diagnostic = match refusal {
            Refusal::OutsideRoot => Diagnostic::error(
                codes::IMPORT_OUTSIDE_ROOT,
                span,
                format!("`{target}` is outside the folder being checked"),
            )
            .with_label("points outside the root")
            .with_help(format!(
                "only files under `{}` are read; check the folder that contains both files",
                match display_name(&normalize(root)) {
                    here if here.is_empty() => ".".to_string(),
                    root => root,
                }
            )),
            Refusal::NotATreaty => Diagnostic::error(
                codes::WRONG_KIND,
                span,
                format!("`{target}` is not a `.treaty` file"),
            )
            .with_label("not a clause file")
            .with_help("imports, baselines and a scenario's `treaty` name clause files, whose names end in `.treaty`"),
            Refusal::NotFound => Diagnostic::error(
                codes::IMPORT_NOT_FOUND,
                span,
                format!("no file `{target}`"),
            )
            .with_label("not found")
            .with_help("paths are relative to the file that contains the line"),
        };
        self.diagnostics.push(diagnostic);
        None
    }

    fn refusal(&self, naming_file: &Path, target: &str, root: &Path) -> Result<PathBuf, Refusal> {
        let root = normalize(root);
        let dir = naming_file.parent().unwrap_or(Path::new(""));
        let candidate = normalize(&dir.join(target));
        let climbs = |p: &Path| {
            p.components()
                .filter(|c| matches!(c, Component::ParentDir))
                .count()
        };
        // Normalized paths climb only at their start, so a candidate inside the root has the
        // root as its prefix and climbs exactly as far.
        if !candidate.starts_with(&root)
            || climbs(&candidate) != climbs(&root)
            || Path::new(target).is_absolute()
        {
            return Err(Refusal::OutsideRoot);
        }
        // Before looking at the disk: whether a file that is not a treaty exists is none of
        // the script's business, and its text is never shown.
        if candidate.extension().is_none_or(|e| e != "treaty") {
            return Err(Refusal::NotATreaty);
        }
        if !self.exists(&candidate) {
            return Err(Refusal::NotFound);
        }
        // A symbolic link inside the root may still lead outside it.
        if !self.overlay.contains_key(&candidate) {
            let here = |p: &Path| {
                if p.as_os_str().is_empty() {
                    Path::new(".").canonicalize()
                } else {
                    p.canonicalize()
                }
            };
            if let (Ok(real), Ok(real_root)) = (here(&candidate), here(&root)) {
                if !real.starts_with(real_root) {
                    return Err(Refusal::OutsideRoot);
                }
            }
        }
        Ok(candidate)
    }

    /// Whether a path names something: the file itself decides later whether it can be read,
    /// so that a pipe or a folder is reported as such rather than as missing.
    fn exists(&self, path: &Path) -> bool {
        self.overlay.contains_key(path) || std::fs::symlink_metadata(path).is_ok()
    }
}

/// Why a file's text could not be had.
enum ReadError {
    Io(std::io::Error),
    TooLarge,
    /// What it is instead: "a folder", "a pipe", ...
    NotAFile(&'static str),
    /// The file's bytes are not UTF-8: `text` is what they show as (each bad byte a
    /// replacement character), `at` the offset of the first bad byte, which is `byte`.
    NotUtf8 {
        text: String,
        at: usize,
        byte: u8,
        utf16: bool,
    },
}

fn not_utf8(err: std::string::FromUtf8Error) -> ReadError {
    let at = err.utf8_error().valid_up_to();
    let bytes = err.into_bytes();
    let byte = bytes.get(at).copied().unwrap_or(0);
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    ReadError::NotUtf8 {
        // Up to the first bad byte the text is exact; the rest is shown, not checked.
        text: String::from_utf8_lossy(&bytes).into_owned(),
        at,
        byte,
        utf16,
    }
}

fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Opens a file for reading; on Unix with `O_NONBLOCK`, so that a FIFO put in place after the
/// metadata check cannot make `open` wait forever for a writer. Reads of a regular file
/// ignore the flag. The value is the kernel's, written out to spare a dependency on `libc`.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        const O_NONBLOCK: i32 = 0o4000;
        // macOS and the BSDs.
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        const O_NONBLOCK: i32 = 0x0004;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

/// Resolves paths for one named file within its root.
pub(crate) struct Loader<'w> {
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
            self.ws.parse_failed.insert(file, diags.clone());
        }
        self.ws.diagnostics.extend(diags);
        let ast = Rc::new(ast);
        self.ws
            .parsed
            .insert(path.to_path_buf(), (file, Rc::clone(&ast)));
        Some((file, ast))
    }

    fn follow(
        &mut self,
        importer: &Path,
        target: &ast::Text,
    ) -> Option<(PathBuf, FileId, Rc<ast::File>)> {
        let path = self
            .ws
            .locate(importer, &target.value, target.span, &self.root)?;
        let (file, ast) = self.load(&path, Some(target.span))?;
        Some((path, file, ast))
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
                    article_index: Default::default(),
                });
            }
            let related = header.map(|h| h.related.as_slice()).unwrap_or_default();
            for target in related {
                let Some((rpath, rfile, rast)) = self.follow(path, target) else {
                    continue;
                };
                if rfile == file {
                    continue;
                }
                let (other, rdiags) = self.resolve_unit(rfile, &rpath, &rast, false);
                diags.extend(rdiags);
                let parties = other
                    .treaty_parties
                    .iter()
                    .filter_map(|&p| other.party(p).map(|p| p.id.clone()))
                    .collect();
                treaty.related.push(Related {
                    span: target.span,
                    file: target.value.clone(),
                    title: other
                        .title()
                        .map(str::to_string)
                        .unwrap_or_else(|| target.value.clone()),
                    articles: other.articles,
                    article_index: Default::default(),
                    parties,
                });
            }
            diags.extend(check_conflicts(&treaty));
        }
        (treaty, diags)
    }
}

/// Each `conflicts with article N of "file"` names a `related` instrument and one of its
/// declared articles.
fn check_conflicts(treaty: &Treaty) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in treaty.norms.iter().flat_map(|n| &n.conflicts) {
        let Some(related) = treaty.related.iter().find(|r| r.file == c.instrument) else {
            out.push(
                Diagnostic::error(
                    codes::UNKNOWN_NAME,
                    c.span,
                    format!(
                        "`{}` is not a related instrument of this treaty",
                        c.instrument
                    ),
                )
                .with_label("not named in the header")
                .with_help(format!(
                    "name it in the treaty header: `related \"{}\"`",
                    c.instrument
                )),
            );
            continue;
        };
        let declared = related.articles.iter().any(|a| {
            a.kind == c.article.kind
                && (a.path == c.article.path || c.article.path.starts_with(&a.path))
        });
        if !declared {
            out.push(
                Diagnostic::error(
                    codes::UNKNOWN_ARTICLE,
                    c.article.span,
                    format!("{} declares no {}", related.title, c.article.text),
                )
                .with_label("not declared there")
                .with_help("declare the article in the related file, with its text"),
            );
        }
    }
    out
}

/// Removes `.` and resolves `..` without touching the disk, so that paths compare equal
/// however they were written. A `..` cancels the folder name before it; one with no name
/// to cancel is kept (`../../a` stays as written, it climbs above the working folder), and
/// one right after the root is dropped (`/..` is `/`). The result climbs only at its start.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn n(path: &str) -> String {
        display_name(&normalize(Path::new(path)))
    }

    #[test]
    fn normalize_cancels_names_and_keeps_climbs_it_cannot_cancel() {
        assert_eq!(n("a/./b/../c.treaty"), "a/c.treaty");
        assert_eq!(n("a/b/../../c.treaty"), "c.treaty");
        assert_eq!(n("../../lib.treaty"), "../../lib.treaty");
        assert_eq!(n("d/../../lib.treaty"), "../lib.treaty");
        assert_eq!(n("d/../../../x/../lib.treaty"), "../../lib.treaty");
        assert_eq!(
            n("examples/../../../../../../etc/hostname"),
            "../../../../../etc/hostname"
        );
        assert_eq!(n("./.."), "..");
        assert_eq!(n(""), "");
    }

    #[test]
    fn normalize_stops_at_the_root_of_an_absolute_path() {
        assert_eq!(n("/a/../../etc/passwd"), "/etc/passwd");
        assert_eq!(n("/.."), "/");
    }

    #[test]
    fn a_climb_past_the_root_is_outside_it_wherever_the_root_is() {
        let ws = Workspace::default();
        for (file, root) in [("d/main.treaty", "d"), ("main.treaty", "")] {
            assert!(matches!(
                ws.refusal(Path::new(file), "../../lib.treaty", Path::new(root)),
                Err(Refusal::OutsideRoot)
            ));
        }
        assert!(matches!(
            ws.refusal(Path::new("d/main.treaty"), "/etc/passwd", Path::new("d")),
            Err(Refusal::OutsideRoot)
        ));
        assert!(matches!(
            ws.refusal(Path::new("d/main.treaty"), "notes.txt", Path::new("d")),
            Err(Refusal::NotATreaty)
        ));
    }
}
