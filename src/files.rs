//! The inputs a run reads: the files the user named, folders expanded to the files of one
//! kind under them. `treaty check` and `treaty fmt` look for `.treaty` files, `treaty run`
//! for `.scenario` files; each file comes with the root its references must stay in.

use crate::diagnostic::codes;
use crate::model::Workspace;
use std::path::{Path, PathBuf};

/// Folders deeper than this are not searched.
const MAX_FOLDER_DEPTH: usize = 32;

/// The files the user named, folders expanded to the files with extension `ext` under them,
/// each with the root its references must stay in (the folder named, or the file's own
/// folder). A folder with no such file, and files past the limit on their number, are
/// reported and dropped.
pub(crate) fn named(paths: &[PathBuf], ext: &str, ws: &mut Workspace) -> Vec<(PathBuf, PathBuf)> {
    let max = ws.limits.max_files;
    // One more than may be read, to name the first that is not.
    let cap = max.saturating_add(1);
    let mut out: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut found = 0usize;
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            let n = collect(path, ext, cap.saturating_sub(out.len()), &mut files);
            if n == 0 {
                ws.refuse(
                    path,
                    codes::NO_INPUT,
                    format!("no `.{ext}` file in `{}`", display(path)),
                    &format!(
                        "name a `.{ext}` file, or a folder that holds one; folders are searched \
                         {MAX_FOLDER_DEPTH} levels deep and symbolic links are not followed"
                    ),
                );
            }
            found = found.saturating_add(n);
            out.extend(files.into_iter().map(|f| (path.clone(), f)));
        } else {
            found = found.saturating_add(1);
            if out.len() < cap {
                let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                out.push((root, path.clone()));
            }
        }
    }
    if found > max {
        let dropped: Vec<PathBuf> = out.drain(max.min(out.len())..).map(|(_, f)| f).collect();
        if let Some(first) = dropped.first() {
            let rest = found - max - 1;
            let tail = match rest {
                0 => "was not checked".to_string(),
                1 => "and the 1 file after it were not checked".to_string(),
                n => format!("and the {n} files after it were not checked"),
            };
            ws.refuse(
                first,
                codes::FILE_TOO_LARGE,
                format!(
                    "{found} `.{ext}` files found, more than the limit of {max}: `{}` {tail}",
                    display(first)
                ),
                "check fewer files at a time, e.g. one folder per run",
            );
        }
    }
    out
}

fn display(path: &Path) -> String {
    crate::model::display_path(path)
}

/// Appends to `out` the files with extension `ext` under `dir`, in name order, while `out`
/// holds fewer than `cap`; searches at most [`MAX_FOLDER_DEPTH`] folders deep and does not
/// follow symbolic links. Returns how many such files there are, kept or not.
pub(crate) fn collect(dir: &Path, ext: &str, cap: usize, out: &mut Vec<PathBuf>) -> usize {
    collect_below(dir, ext, 0, cap, out)
}

fn collect_below(dir: &Path, ext: &str, depth: usize, cap: usize, out: &mut Vec<PathBuf>) -> usize {
    if depth > MAX_FOLDER_DEPTH {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let mut found = 0usize;
    for entry in entries {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            found = found.saturating_add(collect_below(&path, ext, depth + 1, cap, out));
        } else if kind.is_file() && path.extension().is_some_and(|e| e == ext) {
            found = found.saturating_add(1);
            if out.len() < cap {
                out.push(path);
            }
        }
    }
    found
}
