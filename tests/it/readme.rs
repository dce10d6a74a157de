//! Every snippet in the README is real: its clause examples check without an input error
//! as files in `treaties/`, its configuration works, and the output it shows is what the
//! program prints for the same command.

use crate::common::treaty;
use std::path::PathBuf;

/// The README's fenced blocks of one language, in order.
fn blocks(language: &str) -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let fence = format!("```{language}");
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line) {
            (None, l) if l == fence => current = Some(String::new()),
            (Some(block), "```") => {
                found.push(std::mem::take(block));
                current = None;
            }
            (Some(block), l) => {
                block.push_str(l);
                block.push('\n');
            }
            _ => {}
        }
    }
    found
}

#[test]
fn every_clause_example_checks_as_a_file_in_treaties() {
    let examples = blocks("treaty");
    assert!(examples.len() >= 4);
    for (i, text) in examples.iter().enumerate() {
        // A buffer at a path in `treaties/` (no such file on disk): its imports and
        // baselines are read from the corpus, as a user's copy there would read them.
        let path = PathBuf::from(format!("treaties/readme-example-{i}.treaty"));
        let report = treaty::check_paths_with(
            std::slice::from_ref(&path),
            treaty::Limits::default(),
            [(path.clone(), text.clone().into_bytes())],
        );
        let errors: Vec<String> = report
            .input_errors()
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        assert!(
            errors.is_empty(),
            "README example {i}:\n{text}\n{errors:#?}"
        );
        assert!(
            !report.diagnostics.is_empty(),
            "README example {i} shows something worth a finding"
        );
    }
}

/// The first screen shows a finding as the human format draws it for the first command,
/// and the closing count.
#[test]
fn the_first_screen_shows_what_the_first_command_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (out, code) = treaty(&["check", "treaties/"]);
    assert_eq!(code, 1, "findings on the corpus, as the README says");
    let shown = &blocks("text")[0];
    assert!(shown.starts_with("single-party-veto"), "{shown}");
    assert!(out.contains(shown.as_str()), "not in the output:\n{shown}");
    let count = out.lines().last().unwrap();
    assert!(
        readme.contains(&format!("a count such as `{count}`")),
        "the README quotes the closing count: {count}"
    );
}

#[test]
fn the_analysis_shown_is_what_analyze_prints() {
    let shown: Vec<String> = blocks("text")
        .into_iter()
        // `treaties/FILE.treaty: BODY (N members)`, as `analyze` heads a body.
        .filter(|b| b.starts_with("treaties/") && b.contains(".treaty: "))
        .collect();
    assert!(!shown.is_empty());
    for block in shown {
        let file = block.split(':').next().unwrap();
        let (out, _) = treaty(&["analyze", file]);
        assert!(
            out.contains(block.as_str()),
            "not in `analyze {file}`:\n{block}"
        );
    }
}

#[test]
fn the_scenario_shown_is_an_example_and_its_trace_is_real() {
    let texts = blocks("text");
    let scenario = texts.iter().find(|b| b.starts_with("scenario ")).unwrap();
    let in_examples = std::fs::read_dir("examples").unwrap().any(|e| {
        let path = e.unwrap().path();
        std::fs::read_to_string(path).is_ok_and(|t| t.contains(scenario.as_str()))
    });
    assert!(in_examples, "not a scenario in examples/:\n{scenario}");
    let trace = texts.iter().find(|b| b.starts_with("PASS ")).unwrap();
    let (out, _) = treaty(&["run", "examples", "--trace"]);
    assert!(
        out.contains(trace.as_str()),
        "not in `run examples --trace`:\n{trace}"
    );
}

#[test]
fn the_configuration_shown_sets_rule_levels() {
    let toml = &blocks("toml")[0];
    let dir = std::env::temp_dir().join(format!("treaty-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("treaty.toml"), toml).unwrap();
    std::fs::write(
        dir.join("draft.treaty"),
        "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody council { decides all_matters by consensus }\n",
    )
    .unwrap();
    let (out, code) = treaty(&["check", dir.to_str().unwrap(), "--format", "plain"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[single-party-veto]"), "{out}");
    assert!(!out.contains("no-deadlock-fallback"), "{out}");
}

/// The library example is the one rustdoc compiles and runs in `lib.rs`.
#[test]
fn the_library_example_is_compiled_by_the_doc_tests() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let doc: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//! ").or(l.strip_prefix("//!")))
        .collect();
    let example = &blocks("rust")[0];
    let lines: Vec<&str> = example.lines().collect();
    assert!(
        doc.windows(lines.len()).any(|w| w == lines.as_slice()),
        "the README's Rust example is not the lib.rs doc example:\n{example}"
    );
}
