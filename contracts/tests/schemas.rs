//! Every JSON output of the program is valid against the schema the program prints for it
//! (`treaty schema [check | analyze | run | diff]`), and SARIF against the OASIS SARIF 2.1.0
//! schema: on the corpus, the examples, every input error and the degenerate cases. The
//! program runs in-process (`treaty::cli::run_args`) from the repository's root.
//!
//! What the same outputs say is tested in the main package's `tests/it/`.
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::path::Path;
use std::sync::Once;

/// Makes the repository's root the working folder, once: the paths below are relative to it.
fn at_root() {
    static ROOT: Once = Once::new();
    ROOT.call_once(|| {
        std::env::set_current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap();
    });
}

/// Runs `treaty ARGS`; its stdout as JSON, and its exit code.
fn treaty(args: &[&str]) -> (Value, u8) {
    at_root();
    let (out, code) = treaty::cli::run_args(std::iter::once("treaty").chain(args.iter().copied()));
    let doc = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("`treaty {}` printed no JSON ({e}):\n{out}", args.join(" ")));
    (doc, code)
}

/// The validator for what `treaty schema OF` prints.
fn schema(of: &str) -> jsonschema::Validator {
    let (schema, code) = treaty(&["schema", of]);
    assert_eq!(code, 0);
    jsonschema::draft202012::options().build(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Runs each of `runs` with `--format json` and validates what it prints against the schema
/// of `of`; returns the documents.
fn assert_valid(of: &str, runs: &[Vec<&str>]) -> Vec<Value> {
    let validator = schema(of);
    runs.iter()
        .map(|args| {
            let mut args = args.clone();
            args.extend(["--format", "json"]);
            let (doc, _) = treaty(&args);
            let errors = errors(&validator, &doc);
            assert!(
                errors.is_empty(),
                "treaty {}:\n{}",
                args.join(" "),
                errors.join("\n")
            );
            doc
        })
        .collect()
}

/// The entries of `folder` (not below it) that `keep` takes, sorted; there must be some.
fn entries(folder: &str, keep: impl Fn(&Path) -> bool) -> Vec<String> {
    at_root();
    let mut found: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| keep(p))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert!(!found.is_empty(), "nothing to check in {folder}");
    found
}

/// Every file with `extension` in `folder`.
fn files(folder: &str, extension: &str) -> Vec<String> {
    entries(folder, |p| p.extension().is_some_and(|e| e == extension))
}

/// The folders of `tests/fixtures/errors/config/`: each a case whose `treaty.toml` is wrong.
fn config_cases() -> Vec<String> {
    entries("tests/fixtures/errors/config", Path::is_dir)
}

/// Inputs that are no input: nothing to check, a path naming nothing, a device.
const NOTHING: [&str; 3] = [
    "tests/fixtures/no-input",
    "tests/fixtures/no-such-folder",
    "/dev/zero",
];

#[test]
fn check_json_matches_its_schema() {
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["check", "treaties"],
        vec!["check", "examples"],
        vec!["check", "tests/fixtures/rules"],
    ];
    let cases = files("tests/fixtures/errors", "treaty");
    runs.extend(cases.iter().map(|c| vec!["check", c.as_str()]));
    let configs = config_cases();
    runs.extend(configs.iter().map(|c| vec!["check", c.as_str()]));
    runs.extend(NOTHING.iter().map(|p| vec!["check", p]));
    let docs = assert_valid("check", &runs);
    assert!(!docs[0]["diagnostics"].as_array().unwrap().is_empty());

    // The schema is not vacuous: a wrong document fails, once for each wrong part.
    let bad = serde_json::json!({"version": 2, "diagnostics": [{"code": "X"}], "extra": 1});
    assert!(errors(&schema("check"), &bad).len() >= 3);
}

#[test]
fn analyze_json_matches_its_schema() {
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["analyze", "treaties"],
        vec!["analyze", "tests/fixtures/errors/syntax-error.treaty"],
    ];
    runs.extend(NOTHING.iter().map(|p| vec!["analyze", p]));
    let docs = assert_valid("analyze", &runs);
    assert!(!docs[0]["reports"].as_array().unwrap().is_empty());

    // Degenerate rules: a weight nobody holds, and a share of zero members. Their undefined
    // indices are absent, with the reason, as the schema allows.
    let text = "party A \"State A\" with weight 0\nparty B \"State B\" with weight 0\n\
                parties all parties\n\
                body never { decides d by at least 50% of weight of members }\n\
                body always { decides d by at least 0% of members }\n";
    let report = treaty::check_source("degenerate.treaty", text, &[]);
    assert!(report.input_errors().is_empty());
    let analysis = treaty::analyze(&report.treaties[0], "degenerate.treaty", None, &[]);
    let json = treaty::render::analysis_json(std::slice::from_ref(&analysis), &report.sources, &[]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let errors = errors(&schema("analyze"), &doc);
    assert!(errors.is_empty(), "{errors:?}\n{doc:#}");
    assert!(!doc["reports"][0]["bodies"][0]["decisions"][0]["undefined"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn run_json_matches_its_schema() {
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["run", "examples"],
        vec!["run", "tests/fixtures/scenarios"],
        vec!["run", "tests/fixtures/scenarios/no-such.scenario"],
    ];
    let cases = files("tests/fixtures/errors/scenarios", "scenario");
    runs.extend(cases.iter().map(|c| vec!["run", c.as_str()]));
    runs.extend(NOTHING.iter().map(|p| vec!["run", p]));
    assert_valid("run", &runs);

    // The account of trace events is not vacuous: an event of no known kind, or one missing
    // a part, fails.
    let validator = schema("run");
    let (run, _) = treaty(&[
        "run",
        "examples/est-art8-attacker-objects.scenario",
        "--format",
        "json",
    ]);
    assert!(errors(&validator, &run).is_empty());
    let mut unknown = run.clone();
    unknown["scenarios"][0]["trace"][0]["event"]["kind"] = "coup".into();
    assert!(!errors(&validator, &unknown).is_empty());
    let mut partial = run;
    let attack = &mut partial["scenarios"][0]["trace"][1]["event"];
    assert_eq!(attack["kind"], "attack");
    attack.as_object_mut().unwrap().remove("attacked");
    assert!(!errors(&validator, &partial).is_empty());
}

#[test]
fn diff_json_matches_its_schema() {
    const EST: &str = "treaties/est-2009.treaty";
    let what_ifs = files("treaties/what-if", "treaty");
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for what_if in &what_ifs {
        runs.push(vec!["diff", EST, what_if]);
        runs.push(vec!["diff", what_if, EST]);
    }
    runs.push(vec![
        "diff",
        EST,
        "tests/fixtures/errors/syntax-error.treaty",
    ]);
    let docs = assert_valid("diff", &runs);
    assert!(docs[0]["findings"].is_object());
}

/// The official SARIF 2.1.0 schema (OASIS), vendored as spec data: see
/// `tests/fixtures/sarif/README.md`.
fn sarif_schema() -> jsonschema::Validator {
    at_root();
    let text = std::fs::read_to_string("tests/fixtures/sarif/sarif-schema-2.1.0.json").unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The published schema's two `language` patterns have a stray `]` that a strict
    // ECMA-262 check refuses when the validator checks the schema itself. They constrain a
    // property this tool never writes; they are replaced, in memory only, by what they
    // evidently mean.
    for owner in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let schema = sarif_schema();
    // Findings of every rule, input errors of every code, a clean file (no results), and
    // a configuration error (a result in treaty.toml).
    let mut paths: Vec<String> = [
        "treaties",
        "tests/fixtures/rules",
        "tests/fixtures/rules/single-party-veto/silent.treaty",
    ]
    .map(String::from)
    .to_vec();
    paths.extend(files("tests/fixtures/errors", "treaty"));
    paths.extend(config_cases());
    paths.extend(NOTHING.map(String::from));
    for path in &paths {
        let (log, _) = treaty(&["check", path, "--format", "sarif"]);
        let errors = errors(&schema, &log);
        assert!(errors.is_empty(), "{path}: {}", errors.join("\n"));
    }
}

#[test]
fn the_sarif_schema_check_rejects_a_log_code_scanning_would_reject() {
    // The validator is strict enough to matter: a level SARIF does not know, and a region
    // that starts at line 0, are both caught.
    let schema = sarif_schema();
    let (mut log, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "sarif"]);
    assert!(schema.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!schema.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("error");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!schema.is_valid(&log));
}

/// Reads JSON and refuses an object that names a key twice, which `serde_json::Value` (and
/// so a validator) would silently read as its last value.
struct UniqueKeys;

impl<'de> DeserializeSeed<'de> for UniqueKeys {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(UniqueKeys)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(UniqueKeys)?;
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("the key `{key}` twice")));
            }
        }
        Ok(())
    }
}

#[test]
fn no_schema_names_a_key_twice() {
    for of in ["check", "analyze", "run", "diff"] {
        let (text, code) = treaty::cli::run_args(["treaty", "schema", of]);
        assert_eq!(code, 0);
        let mut json = serde_json::Deserializer::from_str(&text);
        if let Err(e) = UniqueKeys.deserialize(&mut json) {
            panic!("`treaty schema {of}`: {e}");
        }
    }
    // The check itself works: the copy of `basis` the diff schema once had is caught.
    let twice = r#"{"$defs": {"basis": {}, "finding": {}, "basis": {"type": "object"}}}"#;
    let mut json = serde_json::Deserializer::from_str(twice);
    let refused = UniqueKeys.deserialize(&mut json).unwrap_err();
    assert!(
        refused.to_string().contains("the key `basis` twice"),
        "{refused}"
    );
}
