//! `treaty fmt` as users, editors and CI meet it: rewriting in place, `--check` with a diff
//! and exit 1, standard input to standard output, exit 2 on a syntax error.
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Out {
    stdout: String,
    stderr: String,
    code: i32,
}

fn treaty(args: &[&str], stdin: &str) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Out {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("fmt-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    dir
}

const MESSY: &str =
    "party A   \"Alpha\"   # the first\nbody council {\n    decides matters   by consensus }\n";
const TIDY: &str =
    "party A \"Alpha\"  # the first\nbody council {\n  decides matters by consensus\n}\n";
const MESSY_SCENARIO: &str = "scenario \"s\" { treaty \"a.treaty\"\n attend   all\n}\n";
const TIDY_SCENARIO: &str = "scenario \"s\" {\n  treaty \"a.treaty\"\n  attend all\n}\n";

#[test]
fn check_lists_what_would_change_with_a_diff_and_writes_nothing() {
    let dir = folder("check");
    let messy = dir.join("a.treaty");
    std::fs::write(&messy, MESSY).unwrap();
    std::fs::write(dir.join("sub/b.treaty"), TIDY).unwrap();
    std::fs::write(dir.join("sub/c.scenario"), MESSY_SCENARIO).unwrap();
    std::fs::write(dir.join("notes.txt"), "not  a  treaty\n").unwrap();
    let out = treaty(&["fmt", "--check", dir.to_str().unwrap()], "");
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("a.treaty (formatted)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("c.scenario (formatted)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("b.treaty"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("\n-party A   \"Alpha\"   # the first\n+party A \"Alpha\"  # the first\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("@@ -1,3 +1,4 @@"), "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with("2 files would be reformatted, 1 already formatted\n"),
        "{}",
        out.stdout
    );
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);

    let tidy = treaty(
        &["fmt", "--check", dir.join("sub/b.treaty").to_str().unwrap()],
        "",
    );
    assert_eq!(tidy.code, 0, "{}", tidy.stdout);
    assert_eq!(
        tidy.stdout,
        "0 files would be reformatted, 1 already formatted\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_rewrites_the_files_named_in_place_and_nothing_else() {
    let dir = folder("write");
    std::fs::write(dir.join("a.treaty"), MESSY).unwrap();
    std::fs::write(dir.join("sub/c.scenario"), MESSY_SCENARIO).unwrap();
    std::fs::write(dir.join("sub/d.treaty"), MESSY).unwrap();
    std::fs::write(dir.join("notes.txt"), "not  a  treaty\n").unwrap();
    let out = treaty(
        &[
            "fmt",
            dir.join("a.treaty").to_str().unwrap(),
            dir.join("sub/c.scenario").to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("2 files reformatted, 0 already formatted"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.treaty")).unwrap(), TIDY);
    assert_eq!(
        std::fs::read_to_string(dir.join("sub/c.scenario")).unwrap(),
        TIDY_SCENARIO
    );
    // Not named: untouched.
    assert_eq!(
        std::fs::read_to_string(dir.join("sub/d.treaty")).unwrap(),
        MESSY
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "not  a  treaty\n"
    );
    // A folder: everything in it, once; then all is formatted.
    assert_eq!(treaty(&["fmt", dir.to_str().unwrap()], "").code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("sub/d.treaty")).unwrap(),
        TIDY
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "not  a  treaty\n"
    );
    let again = treaty(&["fmt", "--check", dir.to_str().unwrap()], "");
    assert_eq!(again.code, 0, "{}", again.stdout);
    // No temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.treaty", "notes.txt", "sub"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_syntax_error_exits_2_with_its_place_and_the_other_files_are_still_formatted() {
    let dir = folder("error");
    let broken = "party A \"Alpha\"\nbody council {\n  decides matters by\n}\n";
    std::fs::write(dir.join("broken.treaty"), broken).unwrap();
    std::fs::write(dir.join("fine.treaty"), MESSY).unwrap();
    let out = treaty(&["fmt", dir.to_str().unwrap()], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("syntax-error"), "{}", out.stderr);
    assert!(out.stderr.contains("broken.treaty:4:1"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.treaty")).unwrap(),
        broken
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("fine.treaty")).unwrap(),
        TIDY
    );
    let check = treaty(
        &[
            "fmt",
            "--check",
            dir.join("broken.treaty").to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(check.code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_to_standard_output_for_editors() {
    let out = treaty(&["fmt", "-"], MESSY);
    assert_eq!((out.code, out.stdout.as_str()), (0, TIDY), "{}", out.stderr);
    let out = treaty(
        &["fmt", "--stdin-filename", "x/y.scenario", "-"],
        MESSY_SCENARIO,
    );
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, TIDY_SCENARIO),
        "{}",
        out.stderr
    );
    let check = treaty(&["fmt", "--check", "-"], MESSY);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.starts_with("--- <stdin>\n"),
        "{}",
        check.stdout
    );
    assert_eq!(treaty(&["fmt", "--check", "-"], TIDY).code, 0);
    let broken = treaty(&["fmt", "--stdin-filename", "draft.treaty", "-"], "body {");
    assert_eq!((broken.code, broken.stdout.as_str()), (2, ""));
    assert!(
        broken.stderr.contains("draft.treaty:1:6"),
        "{}",
        broken.stderr
    );
}

#[test]
fn what_fmt_refuses() {
    let dir = folder("refuse");
    std::fs::write(dir.join("notes.txt"), "x").unwrap();
    let not_ours = treaty(&["fmt", dir.join("notes.txt").to_str().unwrap()], "");
    assert_eq!(not_ours.code, 2);
    assert!(
        not_ours
            .stderr
            .contains("is not a `.treaty` or `.scenario`"),
        "{}",
        not_ours.stderr
    );
    let empty = treaty(&["fmt", dir.join("sub").to_str().unwrap()], "");
    assert_eq!(empty.code, 2);
    assert!(
        empty.stderr.contains("no `.treaty` or `.scenario` file"),
        "{}",
        empty.stderr
    );
    let missing = treaty(&["fmt", dir.join("missing.treaty").to_str().unwrap()], "");
    assert_eq!(missing.code, 2);
    let mixed = treaty(&["fmt", "-", "treaties"], "");
    assert_eq!(mixed.code, 2);
    let wrong_stdin = treaty(&["fmt", "--stdin-filename", "a.txt", "-"], "");
    assert_eq!(wrong_stdin.code, 2);
    assert_eq!(treaty(&["fmt"], "").code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}
