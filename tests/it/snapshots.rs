//! Snapshots of `treaty check` on every bundled treaty, in human and JSON form (the
//! malformed inputs have theirs in `tests/it/catalogue.rs`). Review a changed snapshot as you
//! would review code.
use std::path::{Path, PathBuf};
use treaty::render;
use treaty::syntax::Limits;

fn treaty_files(dir: &Path, recurse: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if recurse {
                out.extend(treaty_files(&path, true));
            }
        } else if path.extension().is_some_and(|e| e == "treaty") {
            out.push(path);
        }
    }
    out
}

fn snapshot_name(path: &Path) -> String {
    path.with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__")
}

fn snapshot_both(path: &Path) {
    // Each file is checked as `treaty check treaties/` checks it: within the corpus folder,
    // so that a what-if version in a subfolder reads the party lists one folder up.
    let root = if path.starts_with("treaties") {
        Path::new("treaties")
    } else {
        path.parent().unwrap()
    };
    let (report, _) = treaty::check::check_within(root, &[path.to_path_buf()], Limits::default());
    let human = render::human(&report.sources, &report.diagnostics, false);
    let json = render::json(&report.sources, &report.diagnostics, report.treaties.len());
    let name = snapshot_name(path);
    insta::assert_snapshot!(format!("{name}.human"), human);
    insta::assert_snapshot!(format!("{name}.json"), json);
}

#[test]
fn bundled_treaties() {
    let files = treaty_files(Path::new("treaties"), true);
    assert!(files.len() >= 9, "the corpus is missing files: {files:?}");
    for file in files {
        snapshot_both(&file);
    }
}
