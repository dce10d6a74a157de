//! What the program offers editors and scripts that fix: checking a buffer from standard
//! input as if it were the saved file, a documentation link on every diagnostic, fixes in
//! JSON and SARIF, and `--fix` writing only the files named.
use crate::common::treaty;

use serde_json::Value;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// Runs the program with `input` on standard input; stdout, stderr and the exit code.
fn treaty_with_input(args: &[&str], input: &[u8]) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The program may stop reading early (a refused size): a broken pipe is no failure.
    let _ = stdin.write_all(input);
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn standard_input_checks_like_the_saved_file() {
    let text = std::fs::read("treaties/est-2009.treaty").unwrap();
    let args = [
        "check",
        "--stdin-filename",
        "treaties/est-2009.treaty",
        "-",
        "--format",
        "json",
    ];
    let (from_stdin, _, code) = treaty_with_input(&args, &text);
    let (from_disk, disk_code) = treaty(&["check", "treaties/est-2009.treaty", "--format", "json"]);
    assert_eq!(code, disk_code);
    assert_eq!(from_stdin, from_disk);
    let json: Value = serde_json::from_str(&from_stdin).unwrap();
    // Imports and baselines were found beside the path given: the omitted-baseline finding
    // points into the baselines on disk.
    assert!(from_stdin.contains("treaties/helsinki-1975.treaty"));
    assert!(json["diagnostics"].as_array().unwrap().len() > 10);
}

#[test]
fn the_buffer_shadows_the_file_on_disk() {
    // The buffer says something else than the file: its findings are the buffer's.
    let edited = std::fs::read_to_string("treaties/est-2009.treaty")
        .unwrap()
        .replace(
            "decides decisions \"decisions of the Conference\" by consensus binding article 6.3",
            "decides decisions \"decisions of the Conference\" by consensus failing that \"a vote\" binding article 6.3",
        );
    let args = [
        "check",
        "--stdin-filename",
        "treaties/est-2009.treaty",
        "-",
        "--format",
        "json",
    ];
    let (out, _, _) = treaty_with_input(&args, edited.as_bytes());
    let json: Value = serde_json::from_str(&out).unwrap();
    let fallbacks = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "no-deadlock-fallback")
        .count();
    assert_eq!(fallbacks, 1, "{out}");
    // A path that does not exist yet (a new, unsaved file) still finds its imports.
    let new = "import \"parties/nato-members.treaty\"\nparties nato_members\nbody council { decides d by consensus }\n";
    let args = [
        "check",
        "--stdin-filename",
        "treaties/new.treaty",
        "-",
        "--format",
        "plain",
    ];
    let (out, _, code) = treaty_with_input(&args, new.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("treaties/new.treaty:3:"), "{out}");
    assert!(out.contains("single-party-veto"), "{out}");
}

#[test]
fn standard_input_is_read_as_a_file_would_be() {
    let args = [
        "check",
        "--stdin-filename",
        "t/x.treaty",
        "-",
        "--format",
        "json",
    ];
    let (out, _, code) = treaty_with_input(&args, b"party A \"\xff\"\n");
    assert_eq!(code, 2);
    assert!(
        out.contains("\"io-error\"") && out.contains("not UTF-8"),
        "{out}"
    );
    // Capped like a file: one byte past 64 MiB is refused, and nothing more is read.
    let limit = treaty::syntax::Limits::default().max_file_bytes;
    let (out, _, code) = treaty_with_input(&args, &vec![b' '; limit + 1]);
    assert_eq!(code, 2);
    assert!(out.contains("\"file-too-large\""), "{out}");
    // `-` and --stdin-filename go together; --fix cannot write standard input.
    for args in [
        vec!["check", "-"],
        vec!["check", "--stdin-filename", "a.treaty", "treaties"],
        vec!["check", "--stdin-filename", "a.treaty", "-", "--fix"],
    ] {
        let (_, err, code) = treaty_with_input(&args, b"");
        assert_eq!(code, 2, "{args:?}");
        assert!(err.starts_with("error: "), "{err}");
    }
}

#[test]
fn every_diagnostic_of_the_corpus_has_a_url() {
    let (out, _) = treaty(&["check", "treaties/", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 50);
    for d in diagnostics {
        let url = d["url"].as_str().unwrap_or_default();
        let code = d["code"].as_str().unwrap();
        assert_eq!(
            url,
            format!("https://github.com/treaty-checker/treaty/blob/main/docs/rules/{code}.md")
        );
    }
    // Input errors too.
    let (out, _) = treaty(&["check", "tests/fixtures/errors", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        assert!(d["url"].as_str().unwrap().ends_with(".md"), "{d}");
    }
}

#[test]
fn rules_json_links_each_rule_to_its_page() {
    let (out, code) = treaty(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    for rule in json["rules"].as_array().unwrap() {
        let code = rule["code"].as_str().unwrap();
        assert!(rule["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/docs/rules/{code}.md")));
    }
}

#[test]
fn sarif_rules_link_their_pages_and_results_carry_fixes() {
    let (out, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(rule["helpUri"]
            .as_str()
            .unwrap()
            .ends_with(&format!("docs/rules/{id}.md")));
    }
    let fallback = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "no-deadlock-fallback")
        .unwrap();
    let change = &fallback["fixes"][0]["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"]["uri"],
        "treaties/est-2009.treaty"
    );
    let replacement = &change["replacements"][0];
    assert_eq!(
        replacement["insertedContent"]["text"],
        " failing that \"[...]\""
    );
    // An insertion deletes nothing.
    assert_eq!(replacement["deletedRegion"]["charLength"], 0);
    assert_eq!(
        fallback["fixes"][0]["properties"]["applicability"],
        "unsafe"
    );
}

#[test]
fn json_fixes_carry_edits_with_their_file_and_applicability() {
    let (out, _) = treaty(&[
        "check",
        "tests/fixtures/rules/unused-suppression/fires.treaty",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "unused-suppression");
    let fix = &d["fixes"][0];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["message"], "remove the unused suppression");
    let edit = &fix["edits"][0];
    assert_eq!(
        edit["file"],
        "tests/fixtures/rules/unused-suppression/fires.treaty"
    );
    assert_eq!(edit["replacement"], "");
    // The whole comment line: from the start of its line to the start of the next.
    assert_eq!(edit["span"]["column"], 1);
    assert_eq!(edit["span"]["end_column"], 1);
    assert_eq!(
        edit["span"]["end_line"].as_u64().unwrap(),
        edit["span"]["line"].as_u64().unwrap() + 1
    );
}

/// A scratch folder under the target folder, emptied first.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn fix_applies_the_safe_fixes_to_the_files_named_and_says_what_it_changed() {
    let dir = scratch("fix-named");
    let lib = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\n";
    // The import is reached but not named: it is never written.
    let imported = format!("{lib}# treaty: allow(placeholder)\nclass abc = A, B, C\n");
    std::fs::write(dir.join("lib.treaty"), &imported).unwrap();
    let main = "import \"lib.treaty\"\nparties abc\nbody council {\n  # treaty: allow(single-party-veto, no-such-rule)\n  decides d by a majority of members\n  decides e by consensus # treaty: allow(no-deadlock-fallback, single-party-veto)\n}\n";
    std::fs::write(dir.join("main.treaty"), main).unwrap();
    let path = dir.join("main.treaty");
    let out = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(["check", "--fix", "--format", "plain"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stderr.contains("fixed 2 findings in "), "{stderr}");
    assert!(
        stderr.contains("main.treaty: unused-suppression ×2"),
        "{stderr}"
    );
    // What remains is reported as usual: nothing here.
    assert!(stdout.contains("no findings"), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "import \"lib.treaty\"\nparties abc\nbody council {\n  decides d by a majority of members\n  decides e by consensus # treaty: allow(no-deadlock-fallback, single-party-veto)\n}\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("lib.treaty")).unwrap(),
        imported
    );
    // Unsafe fixes are never applied: the missing fallback stays missing.
    std::fs::write(
        &path,
        "import \"lib.treaty\"\nparties abc\nbody council { decides e by consensus }\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(["check", "--fix", "--format", "plain"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no safe fix to apply"));
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains("failing that"));
}
