//! The catalogue of bad inputs (issue 12): every malformed input under
//! `tests/fixtures/errors/`, run through the real program in every output format.
//!
//! The catalogue is the folder itself; a new case is a new file:
//!
//! | where | what | run as |
//! |---|---|---|
//! | `errors/CODE[.CASE].treaty` | a clause file | `treaty check FILE` |
//! | `errors/scenarios/CODE[.CASE].scenario` | a scenario script | `treaty run FILE` |
//! | `errors/config/CODE[.CASE]/` | a folder whose `treaty.toml` is wrong | `treaty check FOLDER` |
//! | `support/` folders | files the cases import or name | not run on their own |
//!
//! (`tests/fixtures/errors/README.md` says the same for a reader of the folder.)
//!
//! `CODE` is the input-error code the case must produce, and the file's first line is a
//! comment that starts with the code and says what is wrong. Each case must end with exit
//! code 2 and a diagnostic of that code in every format, located (a line and column inside
//! the file named, the same in JSON, plain, GitHub and SARIF output and shown in the human
//! report), with a help line; its human and JSON reports are snapshots. Inputs that cannot
//! live in the repository (devices, pipes, very large files, thousands of files) are made at
//! test time: [`GENERATED`] lists them with their codes, so that the catalogue is complete.
//!
//! Issue 12's reproducers that are not input errors are tested where they belong: the
//! 10,000 findings and the limits of `analyze` in `tests/it/scale.rs`, malformed suppressions
//! (a lint finding, exit 1) in `tests/fixtures/rules/invalid-suppression/`, and the JSON of
//! `analyze` and `run` on an input error in `tests/it/inputs.rs`.
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use treaty::diagnostic::{codes, InputError};

const CATALOGUE: &str = "tests/fixtures/errors";

/// How long one run may take before the test calls it a hang. Generous: the debug build on
/// a busy machine is slow, and the five seconds are measured on the release build
/// by `fuzz/mutate.py`, not here.
const TIME_LIMIT: Duration = Duration::from_secs(120);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Treaty,
    Scenario,
    Config,
}

impl Kind {
    fn command(self) -> &'static str {
        match self {
            Kind::Treaty | Kind::Config => "check",
            Kind::Scenario => "run",
        }
    }

    /// Every output format the command has.
    fn formats(self) -> &'static [&'static str] {
        match self {
            Kind::Treaty | Kind::Config => &["human", "plain", "json", "sarif", "github"],
            Kind::Scenario => &["human", "json"],
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Kind::Treaty => "treaty",
            Kind::Scenario => "scenarios",
            Kind::Config => "config",
        }
    }
}

/// One case of the catalogue.
struct Case {
    kind: Kind,
    /// The file (or, for a configuration, the folder) the program is given.
    path: String,
    /// `CODE` or `CODE.CASE`: the file name without its extension.
    name: String,
    /// The input-error code the case must produce.
    code: String,
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `CODE` of `CODE.CASE`, checked to be an input-error code.
fn code_of(name: &str, path: &Path) -> String {
    let code = name.split('.').next().unwrap().to_string();
    assert!(
        InputError::from_code(&code).is_some(),
        "{}: `{code}` is not an input-error code; name a case `CODE.CASE` after the code it \
         must produce (`treaty explain CODE`)",
        path.display()
    );
    code
}

/// Every case, in a fixed order.
fn catalogue() -> Vec<Case> {
    let root = Path::new(CATALOGUE);
    let mut cases = Vec::new();
    let mut add = |kind: Kind, path: &Path, name: String| {
        let code = code_of(&name, path);
        cases.push(Case {
            kind,
            path: slash(path),
            name,
            code,
        });
    };
    for path in sorted_entries(root) {
        if path.extension().is_some_and(|e| e == "treaty") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            add(Kind::Treaty, &path, name);
        }
    }
    for path in sorted_entries(&root.join("scenarios")) {
        if path.extension().is_some_and(|e| e == "scenario") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            add(Kind::Scenario, &path, name);
        }
    }
    for path in sorted_entries(&root.join("config")) {
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            add(Kind::Config, &path, name);
        }
    }
    cases
}

/// The file whose first line says what the case is: the fixture, or a folder's `treaty.toml`.
fn described_file(case: &Case) -> PathBuf {
    match case.kind {
        Kind::Config => Path::new(&case.path).join("treaty.toml"),
        _ => PathBuf::from(&case.path),
    }
}

/// The first line of a file as text: after a byte-order mark, and read as UTF-16 if the file
/// is (the case of a file that is not UTF-8 still says what it is).
fn first_line(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let text = text.trim_start_matches('\u{feff}');
    text.lines().next().unwrap_or("").to_string()
}

/// What one run printed, and how it ended.
struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// Runs the program in `dir` (the package root if `None`), killing it after [`TIME_LIMIT`].
fn treaty(dir: Option<&Path>, args: &[&str]) -> Run {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("catalogue-out")
        .join(std::process::id().to_string());
    let mut command = Command::new(env!("CARGO_BIN_EXE_treaty"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let what = format!("treaty {}", args.join(" "));
    let (stdout, stderr, status) = crate::common::run_within(&mut command, &out, TIME_LIMIT, &what);
    Run {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        code: status.code(),
    }
}

/// Where a diagnostic points: the file as the program names it, and a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    file: String,
    line: u64,
    column: u64,
}

/// The diagnostics of a JSON report: `check`'s, or `run`'s overall and per scenario.
fn json_diagnostics(doc: &Value) -> Vec<&Value> {
    let mut out: Vec<&Value> = doc["diagnostics"].as_array().unwrap().iter().collect();
    if let Some(scenarios) = doc["scenarios"].as_array() {
        for s in scenarios {
            if let Some(d) = s["diagnostics"].as_array() {
                out.extend(d);
            }
        }
    }
    out
}

/// Checks that every place is inside the file it names (when that is a regular file to
/// read): its line exists, and its column is at most one past the line's end. Each file is
/// read once, however many places it has (a case with 20,000 unknown names has 20,000).
fn assert_inside(label: &str, dir: &Path, places: &[Place]) {
    let mut by_file: std::collections::BTreeMap<&str, Vec<&Place>> = Default::default();
    for place in places {
        assert!(place.line >= 1 && place.column >= 1, "{label}: {place:?}");
        by_file.entry(place.file.as_str()).or_default().push(place);
    }
    for (file, places) in by_file {
        let path = dir.join(file);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() || meta.len() > 64 * 1024 * 1024 {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                // A file that is not UTF-8 is not read: the error is at its first bad byte.
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap();
                let line = valid.matches('\n').count() as u64 + 1;
                let column = valid.rsplit('\n').next().unwrap().chars().count() as u64 + 1;
                for place in places {
                    assert_eq!((place.line, place.column), (line, column), "{label}");
                }
                continue;
            }
        };
        let lines: Vec<&str> = text.split('\n').collect();
        for place in places {
            let line = lines
                .get(place.line as usize - 1)
                .unwrap_or_else(|| panic!("{label}: line {} of {} lines", place.line, lines.len()));
            let width = line.trim_end_matches('\r').chars().count() as u64;
            assert!(
                place.column <= width + 1,
                "{label}: column {} past the end of line {} ({width} characters)",
                place.column,
                place.line
            );
        }
    }
}

/// Runs `command target` in every format of `kind` from `dir` and checks the case; returns
/// the human and JSON reports.
fn check_case(
    label: &str,
    kind: Kind,
    formats: &[&'static str],
    dir: &Path,
    target: &str,
    code: &str,
) -> (String, String) {
    let in_dir = (dir != Path::new(".")).then_some(dir);
    let mut reports = std::collections::BTreeMap::new();
    for format in formats {
        let mut args = vec![kind.command(), target, "--format", format];
        if kind.command() == "check" {
            args.extend(["--color", "never"]);
        }
        let run = treaty(in_dir, &args);
        assert_eq!(
            run.code,
            Some(2),
            "{label} ({format}): exit code\n{}\n{}",
            run.stdout,
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "{label} ({format}): {}",
            run.stderr
        );
        reports.insert(*format, run.stdout);
    }

    // JSON: valid, with a located diagnostic of the code, with help.
    let json = &reports["json"];
    let doc: Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{label}: not JSON ({e}):\n{json}"));
    let ours: Vec<&Value> = json_diagnostics(&doc)
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect();
    assert!(
        !ours.is_empty(),
        "{label}: no `{code}` in the JSON:\n{json}"
    );
    let mut places = Vec::new();
    for d in &ours {
        let place = Place {
            file: d["file"].as_str().unwrap().to_string(),
            line: d["span"]["line"].as_u64().unwrap(),
            column: d["span"]["column"].as_u64().unwrap(),
        };
        let help = d["help"].as_str().unwrap_or("");
        assert!(
            !help.trim().is_empty(),
            "{label}: `{code}` without help: {d}"
        );
        places.push(place);
    }
    assert_inside(label, dir, &places);
    let first = &places[0];
    let at = format!("{}:{}:{}", first.file, first.line, first.column);

    // Human: the code, the place and the help, whichever report (miette's, or the runner's).
    if let Some(human) = reports.get("human") {
        assert!(human.contains(code), "{label}: no `{code}` in:\n{human}");
        assert!(
            human.contains(&at),
            "{label}: `{at}` not shown in:\n{human}"
        );
        assert!(human.contains("help:"), "{label}: no help in:\n{human}");
    }

    if let Some(plain) = reports.get("plain") {
        let line = format!("{at}: error[{code}] ");
        assert!(plain.contains(&line), "{label}: no `{line}` in:\n{plain}");
        for l in plain.lines() {
            assert!(!l.contains('\u{0}'), "{label}: a NUL byte printed: {l:?}");
        }
    }
    if let Some(github) = reports.get("github") {
        let line = format!(
            "::error file={},line={},col={},",
            first.file, first.line, first.column
        );
        assert!(
            github
                .lines()
                .any(|l| l.starts_with(&line) && l.contains(&format!("title={code}::"))),
            "{label}: no `{line}...title={code}::` in:\n{github}"
        );
    }
    if let Some(sarif) = reports.get("sarif") {
        let log: Value = serde_json::from_str(sarif)
            .unwrap_or_else(|e| panic!("{label}: SARIF not JSON ({e}):\n{sarif}"));
        let results = log["runs"][0]["results"].as_array().unwrap();
        let located = results.iter().any(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            r["ruleId"] == code
                && location["artifactLocation"]["uri"] == first.file.as_str()
                && location["region"]["startLine"] == first.line
                && location["region"]["startColumn"].as_u64() >= Some(1)
        });
        assert!(
            located,
            "{label}: no `{code}` result with a region at {at}:\n{sarif}"
        );
    }
    (
        reports.get("human").cloned().unwrap_or_default(),
        reports["json"].clone(),
    )
}

fn check_cases(kind: Kind) {
    let cases: Vec<Case> = catalogue().into_iter().filter(|c| c.kind == kind).collect();
    assert!(!cases.is_empty());
    for case in cases {
        let described = described_file(&case);
        let head = first_line(&described);
        assert!(
            head.starts_with(&format!("# {}: ", case.code)),
            "{}: the first line must say `# {}: what is wrong`, not {head:?}",
            described.display(),
            case.code
        );
        let (human, json) = check_case(
            &case.path,
            kind,
            kind.formats(),
            Path::new("."),
            &case.path,
            &case.code,
        );
        let name = format!("{}__{}", kind.folder(), case.name);
        insta::assert_snapshot!(format!("{name}.human"), human);
        insta::assert_snapshot!(format!("{name}.json"), json);
    }
}

#[test]
fn every_malformed_treaty_is_a_located_error_in_every_format() {
    check_cases(Kind::Treaty);
}

#[test]
fn every_malformed_scenario_is_a_located_error_in_every_format() {
    check_cases(Kind::Scenario);
}

#[test]
fn every_malformed_configuration_is_a_located_error_in_every_format() {
    check_cases(Kind::Config);
}

// ------------------------------------------------------------------------ made at test time

/// A case made at test time: too large for the repository, or not a file at all.
struct Generated {
    name: &'static str,
    /// What it is, and the issue-12 defect it reproduces.
    what: &'static str,
    /// Run in every format, or (the inputs whose defect was the time they took, which take
    /// seconds each in a debug build) in JSON and plain only: their time is measured on the
    /// release build by `tests/it/scale.rs` (`write_large_inputs`) and `fuzz/mutate.py`.
    every_format: bool,
}

/// The cases made at test time, by [`make`]; the code is the name's first part, as for files.
const GENERATED: &[Generated] = &[
    Generated {
        name: "io-error.missing-file",
        what: "a path that names nothing",
        every_format: true,
    },
    Generated {
        name: "io-error.dev-zero",
        what: "`/dev/zero`, which was read until memory ran out (defect 2)",
        every_format: true,
    },
    Generated {
        name: "io-error.fifo",
        what: "a FIFO named `x.treaty`, whose opening hung forever (defect 2)",
        every_format: true,
    },
    Generated {
        name: "io-error.fifo-scenario",
        what: "a FIFO named `x.scenario` given to `run` (defect 2)",
        every_format: true,
    },
    Generated {
        name: "io-error.folder-named-treaty",
        what: "an import of a folder whose name ends in `.treaty`",
        every_format: true,
    },
    Generated {
        name: "file-too-large.over-64-mib",
        what: "a file one byte over the 64 MiB limit (sparse: no disk is used)",
        every_format: true,
    },
    Generated {
        name: "file-too-large.ten-thousand-and-one-files",
        what: "a folder of 10,001 files, one over the limit; the error names what was dropped (defect 12)",
        every_format: true,
    },
    Generated {
        name: "file-too-large.members",
        what: "clauses that name more than 16 million members in all (defect 9: every expansion is bounded)",
        every_format: true,
    },
    Generated {
        name: "unknown-name.twenty-thousand",
        what: "20,000 unknown names among 2,000 declared parties, which took over 100 s (defect 7)",
        every_format: false,
    },
    Generated {
        name: "unknown-name.megabyte-name",
        what: "a 1 MB unknown name one letter from a declared one, which took 30 s in \"did you mean\" (defect 7)",
        every_format: false,
    },
    Generated {
        name: "invalid-config.ten-thousand-codes",
        what: "a `treaty.toml` naming 10,000 rules that do not exist, which took 15.8 s (defect 7)",
        every_format: false,
    },
    Generated {
        name: "no-input.empty-folder",
        what: "`check` on a folder with no `.treaty` file, which passed with \"0 files\" (defect 11)",
        every_format: true,
    },
    Generated {
        name: "no-input.empty-folder-run",
        what: "`run` on a folder with no `.scenario` file (defect 11)",
        every_format: true,
    },
];

/// A fresh, empty folder for one generated case.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("catalogue")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

const CLEAN: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

/// Makes a generated case in `dir`: the kind of run, and what to give the program (relative
/// to `dir`, where it runs). `None` where the platform cannot make it.
fn make(name: &str, dir: &Path) -> Option<(Kind, String)> {
    let file = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    let case = match name {
        "io-error.missing-file" => (Kind::Treaty, "no-such.treaty".into()),
        #[cfg(unix)]
        "io-error.dev-zero" => (Kind::Treaty, "/dev/zero".into()),
        #[cfg(unix)]
        "io-error.fifo" => {
            mkfifo(&dir.join("x.treaty"));
            (Kind::Treaty, "x.treaty".into())
        }
        #[cfg(unix)]
        "io-error.fifo-scenario" => {
            mkfifo(&dir.join("x.scenario"));
            (Kind::Scenario, "x.scenario".into())
        }
        "io-error.folder-named-treaty" => {
            std::fs::create_dir(dir.join("lib.treaty")).unwrap();
            file("main.treaty", &format!("import \"lib.treaty\"\n{CLEAN}"));
            (Kind::Treaty, "main.treaty".into())
        }
        "file-too-large.over-64-mib" => {
            let f = std::fs::File::create(dir.join("big.treaty")).unwrap();
            f.set_len(64 * 1024 * 1024 + 1).unwrap();
            (Kind::Treaty, "big.treaty".into())
        }
        "file-too-large.ten-thousand-and-one-files" => {
            crate::common::ten_thousand_and_one_files(dir);
            (Kind::Treaty, ".".into())
        }
        "file-too-large.members" => {
            // 4,100 classes each naming a class of 4,100 parties: 16.8 million members.
            let mut text = String::new();
            for i in 0..4_100 {
                let _ = writeln!(text, "party p{i} \"P{i}\"");
            }
            text.push_str("parties all parties\nclass big = all parties\n");
            for i in 0..4_100 {
                let _ = writeln!(text, "class k{i} = big");
            }
            file("t.treaty", &text);
            (Kind::Treaty, "t.treaty".into())
        }
        "unknown-name.twenty-thousand" => {
            let mut text = String::new();
            for i in 0..2_000 {
                let _ = writeln!(text, "party p{i} \"P{i}\"");
            }
            text.push_str("party A \"Alpha\"\nparties all parties\nclass c = A");
            for i in 0..20_000 {
                let _ = write!(text, ", q{i}");
            }
            text.push('\n');
            file("t.treaty", &text);
            (Kind::Treaty, "t.treaty".into())
        }
        "unknown-name.megabyte-name" => {
            let declared = "y".repeat(1 << 20);
            let misspelt = format!("{}x", "y".repeat((1 << 20) - 1));
            file(
                "t.treaty",
                &format!("party {declared} \"Y\"\nparties {declared}\nclass c = {misspelt}\n"),
            );
            (Kind::Treaty, "t.treaty".into())
        }
        "invalid-config.ten-thousand-codes" => {
            let mut text = String::from("[lints]\n");
            for i in 0..10_000 {
                let _ = writeln!(text, "no-such-rule-{i} = \"warn\"");
            }
            file("treaty.toml", &text);
            file("t.treaty", CLEAN);
            (Kind::Config, ".".into())
        }
        "no-input.empty-folder" => {
            std::fs::create_dir(dir.join("empty")).unwrap();
            (Kind::Treaty, "empty".into())
        }
        "no-input.empty-folder-run" => {
            std::fs::create_dir(dir.join("empty")).unwrap();
            (Kind::Scenario, "empty".into())
        }
        _ => return None,
    };
    Some(case)
}

#[test]
fn every_generated_bad_input_is_a_located_error_in_every_format() {
    for g in GENERATED {
        let code = code_of(g.name, Path::new(g.name));
        let dir = scratch(g.name);
        let Some((kind, target)) = make(g.name, &dir) else {
            // Devices and pipes are made on Unix only; every other case everywhere.
            let unix_only = g.name.contains("dev-zero") || g.name.contains("fifo");
            assert!(unix_only && !cfg!(unix), "{}: not made", g.name);
            continue;
        };
        let label = format!("{} ({})", g.name, g.what);
        let formats: &[&str] = if g.every_format {
            kind.formats()
        } else {
            &["json", "plain"]
        };
        check_case(&label, kind, formats, &dir, &target, &code);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Inputs a drafter may well write that are not errors: an empty file (a new file in an
/// editor), a file of comments only, a byte-order mark alone, CRLF line ends and tabs.
#[test]
fn empty_and_comment_only_files_are_not_errors() {
    let dir = scratch("accepted");
    let inputs: &[(&str, &str)] = &[
        ("empty.treaty", ""),
        (
            "comments.treaty",
            "# A draft, not yet begun.\n# Nothing else.\n",
        ),
        ("bom.treaty", "\u{feff}"),
        (
            "crlf.treaty",
            "party A \"Alpha\"\r\nparty B \"Beta\"\r\nparties A, B\r\n",
        ),
        (
            "tabs.treaty",
            "party\tA\t\"Alpha\"\n\tparty B \"Beta\"\nparties A,\tB\n",
        ),
    ];
    for (name, text) in inputs {
        std::fs::write(dir.join(name), text).unwrap();
        let run = treaty(Some(&dir), &["check", name, "--format", "json"]);
        assert_eq!(run.code, Some(0), "{name}:\n{}\n{}", run.stdout, run.stderr);
        let doc: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(doc["diagnostics"], Value::Array(Vec::new()), "{name}");
    }
}

// ------------------------------------------------------------------------ completeness

/// Every file under the catalogue is a case, part of a configuration case, or support for a
/// case: a file that is none of them (a misnamed case, a case in the wrong folder) fails.
#[test]
fn every_file_in_the_catalogue_is_a_case() {
    let cases = catalogue();
    let case_paths: std::collections::HashSet<&str> =
        cases.iter().map(|c| c.path.as_str()).collect();
    let mut stack = vec![PathBuf::from(CATALOGUE)];
    let mut strays = Vec::new();
    while let Some(dir) = stack.pop() {
        for path in sorted_entries(&dir) {
            let shown = slash(&path);
            let in_support = path.components().any(|c| c.as_os_str() == "support");
            if path.is_dir() {
                if !case_paths.contains(shown.as_str()) {
                    stack.push(path);
                }
                continue;
            }
            let parent = slash(path.parent().unwrap());
            let in_config_case = case_paths.contains(parent.as_str())
                && (path.file_name().unwrap() == "treaty.toml"
                    || path.extension().is_some_and(|e| e == "treaty"));
            let readme = shown == format!("{CATALOGUE}/README.md");
            if !(readme || in_support || in_config_case || case_paths.contains(shown.as_str())) {
                strays.push(shown);
            }
        }
    }
    // The configuration cases, whose files the walk above does not enter.
    for case in cases.iter().filter(|c| c.kind == Kind::Config) {
        for path in sorted_entries(Path::new(&case.path)) {
            let ok = path.file_name().unwrap() == "treaty.toml"
                || path.extension().is_some_and(|e| e == "treaty");
            if !ok {
                strays.push(slash(&path));
            }
        }
        assert!(
            Path::new(&case.path).join("treaty.toml").is_file(),
            "{}: a configuration case without `treaty.toml`",
            case.path
        );
    }
    assert!(
        strays.is_empty(),
        "files in the catalogue that are not cases (name a case `CODE.CASE.treaty`, \
         `scenarios/CODE.CASE.scenario` or `config/CODE.CASE/treaty.toml`; put what a case \
         imports under a `support/` folder): {strays:#?}"
    );
    assert!(cases.len() >= 50, "{} cases", cases.len());
}

/// Every input-error code has at least one case, in a file or made at test time.
#[test]
fn every_input_error_code_is_in_the_catalogue() {
    let mut covered: std::collections::BTreeSet<String> =
        catalogue().into_iter().map(|c| c.code).collect();
    covered.extend(
        GENERATED
            .iter()
            .map(|g| g.name.split('.').next().unwrap().to_string()),
    );
    // `format-failed` is the formatter refusing its own output: a bug in `treaty fmt`, which
    // no input is known to cause (tests/it/format.rs checks the formatter over every file).
    let missing: Vec<&str> = InputError::ALL
        .iter()
        .filter(|c| **c != codes::FORMAT_FAILED && !covered.contains(c.as_str()))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes with no case: {missing:?}");
}
