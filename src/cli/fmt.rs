//! `treaty fmt [--check] PATH...`: rewrite `.treaty` and `.scenario` files in the canonical
//! layout, or (`--check`) say which would change and how; `treaty fmt -` formats standard
//! input to standard output, for editors.
//!
//! Exit 0 when every file is (now) formatted; 1 with `--check` when some file would change;
//! 2 on a syntax error or a file that cannot be read or written (other files are still
//! formatted).

use crate::diagnostic::{codes, Diagnostic};
use crate::format::{self, Language};
use crate::model::Workspace;
use crate::render;
use crate::syntax::Limits;
use std::io::{IsTerminal, Read as _};
use std::path::{Path, PathBuf};

/// Lines of diff shown per file before the rest is cut.
const MAX_DIFF_LINES: usize = 60;
/// Lines of context around each change.
const CONTEXT: usize = 2;

pub(super) fn fmt(paths: &[PathBuf], check: bool, stdin_filename: Option<&Path>) -> (String, u8) {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            eprintln!("error: `-` (standard input) cannot be named with other paths");
            return (String::new(), 2);
        }
        return fmt_stdin(check, stdin_filename);
    }
    let limits = Limits::default();
    let mut ws = Workspace::new(limits);
    let mut files: Vec<(PathBuf, Language)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            for ext in ["treaty", "scenario"] {
                crate::files::collect(path, ext, limits.max_files, &mut found);
            }
            found.sort();
            if found.is_empty() {
                ws.refuse(
                    path,
                    codes::NO_INPUT,
                    format!(
                        "no `.treaty` or `.scenario` file in `{}`",
                        crate::model::display_path(path)
                    ),
                    "name a file, or a folder that holds one; symbolic links are not followed",
                );
            }
            files.extend(
                found
                    .into_iter()
                    .filter_map(|f| Language::of_path(&f).map(|l| (f, l))),
            );
        } else if let Some(language) = Language::of_path(path) {
            files.push((path.clone(), language));
        } else {
            ws.refuse(
                path,
                codes::WRONG_KIND,
                format!(
                    "`{}` is not a `.treaty` or `.scenario` file",
                    crate::model::display_path(path)
                ),
                "`treaty fmt` formats clause files and scenario scripts only",
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|(f, _)| seen.insert(f.clone()));

    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut out = String::new();
    let (mut changed, mut unchanged) = (0usize, 0usize);
    for (path, language) in &files {
        let Some((id, text)) = ws.read_source(path, None) else {
            continue;
        };
        let formatted = match format::format(id, &text, *language) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                errors.extend(diagnostics);
                continue;
            }
        };
        if *formatted == *text {
            unchanged += 1;
            continue;
        }
        changed += 1;
        let name = ws.sources.name(id).to_string();
        if check {
            out.push_str(&unified_diff(&name, &text, &formatted));
        } else if let Err(err) = write_in_place(path, &formatted) {
            changed -= 1;
            errors.push(Diagnostic::error(
                codes::IO_ERROR,
                crate::source::Span::new(id, 0, 0),
                format!("cannot write `{name}`: {err}"),
            ));
        }
    }
    errors.extend(ws.take_diagnostics());
    crate::diagnostic::normalize(&mut errors, &ws.sources);
    if !errors.is_empty() {
        eprint!("{}", render::human(&ws.sources, &errors, color()));
    }
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if check {
        out.push_str(&format!(
            "{changed} file{} would be reformatted, {unchanged} already formatted\n",
            s(changed)
        ));
    } else {
        eprintln!(
            "{changed} file{} reformatted, {unchanged} already formatted",
            s(changed)
        );
    }
    let code = if !errors.is_empty() {
        2
    } else if check && changed > 0 {
        1
    } else {
        0
    };
    (out, code)
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// `treaty fmt -`: the formatted text on stdout (or with `--check`, a diff and exit 1 if it
/// would change). The language is the one `--stdin-filename` names, a treaty by default.
fn fmt_stdin(check: bool, stdin_filename: Option<&Path>) -> (String, u8) {
    let name = stdin_filename.map_or_else(|| "<stdin>".to_string(), crate::model::display_path);
    let language = match stdin_filename {
        None => Language::Treaty,
        Some(path) => match Language::of_path(path) {
            Some(language) => language,
            None => {
                eprintln!("error: `{name}` is not a `.treaty` or `.scenario` file");
                return (String::new(), 2);
            }
        },
    };
    let limit = Limits::default().max_file_bytes;
    let mut bytes = Vec::new();
    if let Err(err) = std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
    {
        eprintln!("error: cannot read standard input: {err}");
        return (String::new(), 2);
    }
    if bytes.len() > limit {
        eprintln!("error: standard input is larger than the limit of {limit} bytes");
        return (String::new(), 2);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: standard input is not UTF-8 text");
        return (String::new(), 2);
    };
    let mut sources = crate::source::SourceMap::new();
    let id = sources.add(
        name.clone(),
        stdin_filename.unwrap_or(Path::new("-")),
        &text,
    );
    match format::format(id, &text, language) {
        Ok(formatted) if check => {
            if formatted == text {
                (String::new(), 0)
            } else {
                (unified_diff(&name, &text, &formatted), 1)
            }
        }
        Ok(formatted) => (formatted, 0),
        Err(errors) => {
            eprint!("{}", render::human(&sources, &errors, color()));
            (String::new(), 2)
        }
    }
}

/// Replaces a file's text without a moment in which it is half written: the new text goes
/// to a file beside it, which then takes its name (and its permissions). A symbolic link is
/// followed, so the file it names is rewritten and the link kept.
fn write_in_place(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(std::io::Error::other("not a file"));
    };
    let tmp = dir.join(format!(
        ".{}.treaty-fmt-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::set_permissions(&tmp, permissions)?;
        std::fs::rename(&tmp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// One line of an edit script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Same,
    Delete,
    Insert,
}

/// A unified diff of two texts, cut after [`MAX_DIFF_LINES`] lines.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let edits = line_edits(&a, &b);
    // Each edit with the line numbers (0-based) it stands at in `a` and `b`.
    let mut at = Vec::with_capacity(edits.len());
    let (mut i, mut j) = (0usize, 0usize);
    for e in &edits {
        at.push((*e, i, j));
        match e {
            Edit::Same => {
                i += 1;
                j += 1;
            }
            Edit::Delete => i += 1,
            Edit::Insert => j += 1,
        }
    }
    // Hunks: runs of changes with their context, merged where the contexts touch.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (k, (e, _, _)) in at.iter().enumerate() {
        if *e == Edit::Same {
            continue;
        }
        let start = k.saturating_sub(CONTEXT);
        let end = (k + CONTEXT + 1).min(at.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    let mut out = format!("--- {name}\n+++ {name} (formatted)\n");
    let mut shown = 0usize;
    for (start, end) in hunks {
        let slice = at.get(start..end).unwrap_or(&[]);
        let Some(&(_, i0, j0)) = slice.first() else {
            continue;
        };
        let old_len = slice.iter().filter(|(e, _, _)| *e != Edit::Insert).count();
        let new_len = slice.iter().filter(|(e, _, _)| *e != Edit::Delete).count();
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            i0 + 1,
            j0 + 1
        ));
        for (e, i, j) in slice {
            if shown >= MAX_DIFF_LINES {
                out.push_str("... (the rest of the diff is not shown)\n");
                return out;
            }
            let (mark, line) = match e {
                Edit::Same => (' ', a.get(*i)),
                Edit::Delete => ('-', a.get(*i)),
                Edit::Insert => ('+', b.get(*j)),
            };
            out.push(mark);
            out.push_str(line.copied().unwrap_or(""));
            out.push('\n');
            shown += 1;
        }
    }
    out
}

/// The shortest edit script from `a` to `b` (Myers' algorithm); past a bound on the number
/// of edits, all of the middle is deleted and inserted.
fn line_edits(a: &[&str], b: &[&str]) -> Vec<Edit> {
    const MAX_EDITS: usize = 2000;
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let a_rest = a.get(prefix..).unwrap_or(&[]);
    let b_rest = b.get(prefix..).unwrap_or(&[]);
    let suffix = a_rest
        .iter()
        .rev()
        .zip(b_rest.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let a_mid = a_rest.get(..a_rest.len() - suffix).unwrap_or(&[]);
    let b_mid = b_rest.get(..b_rest.len() - suffix).unwrap_or(&[]);
    let middle = myers(a_mid, b_mid, MAX_EDITS).unwrap_or_else(|| {
        let mut all = vec![Edit::Delete; a_mid.len()];
        all.extend(std::iter::repeat_n(Edit::Insert, b_mid.len()));
        all
    });
    let mut out = vec![Edit::Same; prefix];
    out.extend(middle);
    out.extend(std::iter::repeat_n(Edit::Same, suffix));
    out
}

fn myers(a: &[&str], b: &[&str], max_d: usize) -> Option<Vec<Edit>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (a.len() + b.len()).min(max_d) as isize;
    // v[k + off]: the furthest x on diagonal k; one snapshot per round, for the way back.
    let off = max + 1;
    let mut v = vec![0isize; (2 * off + 1) as usize];
    let get = |v: &[isize], k: isize| v.get((k + off) as usize).copied().unwrap_or(0);
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'rounds: for d in 0..=max {
        trace.push(v.clone());
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && get(&v, k - 1) < get(&v, k + 1)) {
                get(&v, k + 1)
            } else {
                get(&v, k - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && a.get(x as usize) == b.get(y as usize) {
                x += 1;
                y += 1;
            }
            if let Some(slot) = v.get_mut((k + off) as usize) {
                *slot = x;
            }
            if x >= n && y >= m {
                found = Some(d);
                break 'rounds;
            }
        }
    }
    found?;
    let (mut x, mut y) = (n, m);
    let mut edits = Vec::new();
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let prev_k = if k == -d || (k != d && get(v, k - 1) < get(v, k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = get(v, prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            edits.push(Edit::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            edits.push(if x == prev_x {
                Edit::Insert
            } else {
                Edit::Delete
            });
        }
        x = prev_x;
        y = prev_y;
    }
    edits.reverse();
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_shows_the_changed_lines_with_context() {
        let old = "a\nb\nc  x\nd\ne\nf\ng\nh\ni\nj  y\n";
        let new = "a\nb\nc x\nd\ne\nf\ng\nh\ni\nj y\nk\n";
        assert_eq!(
            unified_diff("f.treaty", old, new),
            "--- f.treaty\n+++ f.treaty (formatted)\n\
             @@ -1,5 +1,5 @@\n a\n b\n-c  x\n+c x\n d\n e\n\
             @@ -8,3 +8,4 @@\n h\n i\n-j  y\n+j y\n+k\n"
        );
    }

    #[test]
    fn edits_rebuild_the_new_text() {
        let a = ["x", "a", "b", "c", "y"];
        let b = ["a", "c", "d", "y", "z"];
        let edits = line_edits(&a, &b);
        let (mut i, mut j, mut rebuilt) = (0, 0, Vec::new());
        for e in edits {
            match e {
                Edit::Same => {
                    assert_eq!(a[i], b[j]);
                    rebuilt.push(a[i]);
                    i += 1;
                    j += 1;
                }
                Edit::Delete => i += 1,
                Edit::Insert => {
                    rebuilt.push(b[j]);
                    j += 1;
                }
            }
        }
        assert_eq!(rebuilt, b);
        assert_eq!((i, j), (a.len(), b.len()));
    }
}
