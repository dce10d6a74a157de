//! A short, deterministic mutation run over the corpus: every treaty under `treaties/` and
//! every scenario under `examples/`, mutated by byte flips, splices of one file into
//! another, truncations, long lines, deep nesting, huge numbers and unusual Unicode, with a
//! fixed seed and a small built-in generator. Each input must come back with a result or a
//! diagnostic, every span inside the text, and no panic; a sample of the mutants also goes
//! through the program itself, which must end with exit code 0, 1 or 2 and valid JSON. The
//! long run against the release program is `fuzz/mutate.py`; coverage-guided fuzzing is
//! under `fuzz/`.
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn files_under(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

const ODD_TEXT: &[&str] = &[
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "\u{200b}",
    "\u{fffd}",
    "e\u{301}",
    "\u{1f600}",
    "\u{10ffff}",
    "\r",
    "\r\n",
    "\t",
    "\\",
    "\"",
    "#",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    "%",
    "/",
    ".",
    "99999999999999999999999999999999999999999",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "0",
    "-1",
    "1e308",
    "0/0",
    "1/0",
    "100%",
    "101%",
    "2009-13-45",
    "party",
    "body",
    "decides",
    "consensus",
    "excluding",
    "article",
    "treaty",
    "# treaty: allow(",
    "# TREATY: allow(x) junk",
];

/// One mutation of `text`, given the other texts of the corpus to splice from.
fn mutate(rng: &mut Rng, text: &str, corpus: &[String]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let at = |rng: &mut Rng, bytes: &Vec<u8>| rng.below(bytes.len() + 1);
    for _ in 0..1 + rng.below(4) {
        match rng.below(9) {
            // Flip a bit of a byte.
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            // Truncate.
            1 => bytes.truncate(at(rng, &bytes)),
            // Splice in a piece of another file.
            2 => {
                let other = rng.pick(corpus).as_bytes();
                let from = rng.below(other.len() + 1);
                let len = rng.below(400).min(other.len() - from);
                let i = at(rng, &bytes);
                bytes.splice(i..i, other[from..from + len].iter().copied());
            }
            // Delete a run.
            3 => {
                let i = at(rng, &bytes);
                let end = (i + rng.below(200)).min(bytes.len());
                bytes.drain(i..end);
            }
            // Duplicate a run many times: long lines, repeated clauses.
            4 => {
                let i = at(rng, &bytes);
                let end = (i + 1 + rng.below(60)).min(bytes.len());
                let run = bytes[i..end].to_vec();
                for _ in 0..rng.below(2000) {
                    bytes.splice(end..end, run.iter().copied());
                }
            }
            // Deep nesting of parentheses.
            5 => {
                let depth = rng.below(200);
                let i = at(rng, &bytes);
                let inner = format!("{}consensus{}", "(".repeat(depth), ")".repeat(depth));
                bytes.splice(i..i, inner.bytes());
            }
            // Odd text: unusual Unicode, huge numbers, keywords, punctuation.
            6 | 7 => {
                let i = at(rng, &bytes);
                bytes.splice(i..i, rng.pick(ODD_TEXT).bytes());
            }
            // Replace a number with a huge one.
            _ => {
                if let Some(i) = bytes.iter().position(|b| b.is_ascii_digit()) {
                    let start = (i + rng.below(bytes.len() - i)).min(bytes.len() - 1);
                    if let Some(j) = bytes[start..].iter().position(u8::is_ascii_digit) {
                        let k = start + j;
                        bytes.splice(k..k + 1, "9".repeat(1 + rng.below(60)).bytes());
                    }
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn assert_spans_inside(report: &treaty::Report, label: &str) {
    for d in &report.diagnostics {
        let file = report
            .sources
            .get(d.span.file)
            .expect("a diagnostic names a loaded file");
        assert!(d.span.start <= d.span.end, "{label}: {d:?}");
        assert!((d.span.end as usize) <= file.text.len(), "{label}: {d:?}");
    }
}

#[test]
fn mutated_treaties_are_checked_without_panicking() {
    let paths = files_under("treaties", "treaty");
    let corpus: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let extra: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(corpus.iter().map(String::as_str))
        .collect();
    let mut rng = Rng(0x7472_6561_7479);
    let mut checked = 0;
    // Four rounds over the corpus: a few seconds in a debug build; the long run is
    // `fuzz/mutate.py`.
    for round in 0..4 {
        for (name, text) in names.iter().zip(&corpus) {
            let mutated = mutate(&mut rng, text, &corpus);
            let label = format!("{name}, round {round}");
            // The mutated file shadows the original; the rest of the corpus is beside it.
            let others: Vec<(&str, &str)> =
                extra.iter().copied().filter(|(n, _)| n != name).collect();
            let report = treaty::check_source(name, &mutated, &others);
            assert!(
                !report.treaties.is_empty() || !report.diagnostics.is_empty(),
                "{label}: neither a Model nor a diagnostic"
            );
            assert_spans_inside(&report, &label);
            let _ = treaty::render::human(&report.sources, &report.diagnostics, false);
            let _ = treaty::render::json(&report.sources, &report.diagnostics, 1);
            if let Some(t) = report.treaties.first() {
                if !report.diagnostics.iter().any(|d| d.code.is_input_error()) {
                    // A small budget: the question is whether anything panics, and the
                    // AIIB's full analysis alone took seconds a round. Plans over it are
                    // refused before they start (a path worth running too).
                    let budget = treaty::analysis::Budget {
                        time: std::time::Duration::from_millis(200),
                        memory: 64 << 20,
                    };
                    let _ = treaty::analysis::analyze_within(t, name, None, &[], &budget);
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 80, "{checked}");
}

#[test]
fn mutated_scenarios_are_run_without_panicking() {
    let est = treaty::check_paths(
        &[PathBuf::from("treaties/est-2009.treaty")],
        treaty::syntax::Limits::default(),
    );
    let model = &est.treaties[0];
    let paths = files_under("examples", "scenario");
    let corpus: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut rng = Rng(0x7363_656e_6172_696f);
    for round in 0..40 {
        for (path, text) in paths.iter().zip(&corpus) {
            let mutated = mutate(&mut rng, text, &corpus);
            let label = format!("{}, round {round}", path.display());
            let (scenarios, diags) = treaty::scenario::parse(treaty::source::FileId(0), &mutated);
            // No scenario and no error: then there was nothing but comments and blanks.
            if scenarios.is_empty() && diags.is_empty() {
                let only_comments = mutated
                    .lines()
                    .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
                    .all(|l| l.is_empty() || l.starts_with('#'));
                assert!(
                    only_comments,
                    "{label}: neither a scenario nor a diagnostic"
                );
            }
            for d in &diags {
                assert!((d.span.end as usize) <= mutated.len(), "{label}: {d:?}");
            }
            for s in &scenarios {
                let _ = treaty::scenario::run(s, model);
            }
        }
    }
}

/// How long one run of the program may take before it counts as hung: a bound that stops a
/// hang from stalling the suite, not a measure of speed (a debug build on a busy machine is
/// slow; the five seconds of issue 12 are measured on the release build by `fuzz/mutate.py`).
const HANG: Duration = Duration::from_secs(60);

/// Runs the program on `args` in `dir`; returns its exit code and standard output, after
/// checking that it ended by itself, with 0, 1 or 2, and without a panic.
fn run_program(dir: &Path, args: &[&str], label: &str) -> (i32, String) {
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{label}: `treaty {}` did not end within {HANG:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err).unwrap()).into_owned();
    let code = status.code().unwrap_or(-1);
    assert!(
        matches!(code, 0..=2),
        "{label}: `treaty {}` ended with {status}\n{stderr}",
        args.join(" ")
    );
    assert!(
        !stderr.contains("panicked at"),
        "{label}: `treaty {}` panicked\n{stderr}",
        args.join(" ")
    );
    (code, stdout)
}

/// Mutants of each kind of input (treaties, among them the catalogue of bad inputs;
/// scenarios; `treaty.toml`) through the program in JSON: exit code 0, 1 or 2, a JSON
/// document, and exit code 2 exactly when it reports an input error.
#[test]
fn mutants_through_the_program_end_with_0_1_or_2_and_json() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutation-program");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cfg")).unwrap();
    std::fs::create_dir_all(dir.join("examples")).unwrap();
    // The bundled treaties beside the mutants, so that imports and scenarios resolve.
    let treaties = files_under("treaties", "treaty");
    for p in &treaties {
        let to = dir.join(p);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(p, to).unwrap();
    }
    let mut sources = treaties.clone();
    sources.extend(
        std::fs::read_dir("tests/fixtures/errors")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "treaty")),
    );
    sources.sort();
    let scenarios = files_under("examples", "scenario");
    let configs = files_under("tests/fixtures", "toml");
    let read = |p: &PathBuf| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    let corpus: Vec<String> = sources.iter().chain(&scenarios).map(read).collect();
    std::fs::write(
        dir.join("cfg/t.treaty"),
        "party A \"A\"\nparty B \"B\"\nparties A, B\nbody b { decides x by consensus }\n",
    )
    .unwrap();
    let mut rng = Rng(0x6578_6974_636f_6465);
    let mut runs = 0;
    for round in 0..16 {
        let (kind, args): (&str, Vec<&str>) = match round % 4 {
            0 | 1 => (
                "treaty",
                vec!["check", "treaties/mutant.treaty", "--format", "json"],
            ),
            2 => (
                "scenario",
                vec!["run", "examples/mutant.scenario", "--format", "json"],
            ),
            _ => ("config", vec!["check", "cfg", "--format", "json"]),
        };
        let (source, target) = match kind {
            "treaty" => (
                rng.pick(&sources).clone(),
                dir.join("treaties/mutant.treaty"),
            ),
            "scenario" => (
                rng.pick(&scenarios).clone(),
                dir.join("examples/mutant.scenario"),
            ),
            _ => (rng.pick(&configs).clone(), dir.join("cfg/treaty.toml")),
        };
        let mutated = mutate(&mut rng, &read(&source), &corpus);
        std::fs::write(&target, &mutated).unwrap();
        let label = format!("round {round}, a mutant of {}", source.display());
        let (code, stdout) = run_program(&dir, &args, &label);
        let doc: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{label}: not JSON ({e}):\n{stdout}"));
        let input_error = doc["diagnostics"].as_array().unwrap().iter().any(|d| {
            treaty::diagnostic::InputError::from_code(d["code"].as_str().unwrap()).is_some()
        });
        if kind != "scenario" {
            assert_eq!(code == 2, input_error, "{label}: exit {code}\n{stdout}");
        }
        runs += 1;
    }
    assert_eq!(runs, 16);
}

#[test]
fn the_corpus_is_where_the_tests_expect_it() {
    assert!(Path::new("treaties/est-2009.treaty").is_file());
    assert!(files_under("examples", "scenario").len() >= 5);
}
