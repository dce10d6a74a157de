//! Scenario scripts: every example passes, traces and runner output are snapshotted, and
//! malformed or failing scripts give the right exit code with a located message.
use crate::common::treaty;

use std::path::PathBuf;
use treaty::scenario::{run_paths, Status};
use treaty::syntax::Limits;

#[test]
fn every_example_scenario_passes() {
    let report = run_paths(&[PathBuf::from("examples")], None, Limits::default());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.results.len() >= 5);
    for r in &report.results {
        assert_eq!(
            r.outcome.status,
            Status::Pass,
            "{}: {:#?}",
            r.outcome.name,
            r.outcome
        );
    }
    let (out, code) = treaty(&["run", "examples", "--trace"]);
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("run__examples_trace", out);
    let (json, _) = treaty(&["run", "examples", "--format", "json"]);
    insta::assert_snapshot!("run__examples_json", json);
}

/// `run --format json` carries what happened as data (parties and bodies by id), with the
/// English beside it (`cli::json_output_matches_the_schema` checks it against the schema).
#[test]
fn the_json_trace_is_data_with_the_english_beside_it() {
    // A vote whose decision one Party blocks, the attacker's vote not counting.
    let (blocked, code) = treaty(&[
        "run",
        "examples/est-art8-attacker-objects.scenario",
        "--filter",
        "still blocks them",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{blocked}");
    let doc: serde_json::Value = serde_json::from_str(&blocked).unwrap();
    let trace = &doc["scenarios"][0]["trace"];
    let vote = trace
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["event"]["kind"] == "vote")
        .unwrap();
    assert_eq!(vote["event"]["result"]["outcome"], "rejected");
    assert_eq!(
        vote["event"]["result"]["blocked_by"],
        serde_json::json!(["BY"])
    );
    assert_eq!(vote["event"]["not_counted"], serde_json::json!(["RU"]));
    assert!(vote["message"]
        .as_str()
        .unwrap()
        .ends_with("rejected, blocked by Belarus"));
    let expectation = &doc["scenarios"][0]["expectations"][0];
    assert_eq!(
        expectation["expected"]["blocked_by"],
        serde_json::json!(["BY"])
    );
    insta::assert_snapshot!("run__json_blocked_vote", blocked);
    // Ratifications, a delayed entry into force, and the day it comes.
    let (entry, code) = treaty(&[
        "run",
        "examples/delayed-entry.scenario",
        "--filter",
        "comes early",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{entry}");
    insta::assert_snapshot!("run__json_entry_into_force", entry);
}

/// The trace lines and facts no example reaches (a fallback, a refused initiative, a
/// condition no one judges, no withdrawal or accession clause), worded as ever; its JSON is
/// validated with the rest of its folder in `cli::json_output_matches_the_schema`.
#[test]
fn the_trace_lines_no_example_reaches() {
    let (out, code) = treaty(&["run", "tests/fixtures/scenarios/events.scenario", "--trace"]);
    assert_eq!(code, 1, "its expectations fail by design: {out}");
    insta::assert_snapshot!("run__rare_events", out);
}

#[test]
fn a_failed_expectation_exits_1_with_expected_actual_and_trace() {
    let (out, code) = treaty(&["run", "tests/fixtures/scenarios/failing.scenario"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("expect adopted: FAILED (got rejected, blocked by Russian Federation)"),
        "{out}"
    );
    insta::assert_snapshot!("run__failing", out);
}

#[test]
fn malformed_scripts_exit_2_with_a_span() {
    let (out, code) = treaty(&[
        "run",
        "tests/fixtures/errors/scenarios/syntax-error.scenario",
    ]);
    assert_eq!(code, 2);
    assert!(
        out.contains(
            "syntax-error.scenario:5:3: error[syntax-error] expected a name, found `expect`"
        ),
        "{out}"
    );
    let (out, code) = treaty(&["run", "tests/fixtures/scenarios/unknown-names.scenario"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("run__unknown_names", out);
}

#[test]
fn filter_selects_scenarios_by_name() {
    let (out, code) = treaty(&["run", "examples", "--filter", "Art\\. 6\\(3\\)"]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with("2 scenarios: 2 passed, 0 failed, 0 errors\n"),
        "{out}"
    );
    assert_eq!(treaty(&["run", "examples", "--filter", "("]).1, 2);
}

#[test]
fn deadlines_apply_and_run_out_but_a_blank_one_never_does() {
    let (out, code) = treaty(&[
        "run",
        "tests/fixtures/scenarios/deadlines.scenario",
        "--trace",
    ]);
    assert_eq!(
        code, 1,
        "the blank deadline's scenario fails by design: {out}"
    );
    assert!(out.contains("PASS  tests/fixtures/scenarios/deadlines.scenario:2:"));
    assert!(out.contains("is left blank: (X)"));
    insta::assert_snapshot!("run__deadlines", out);
}

#[test]
fn convening_needs_the_support_the_clause_requires() {
    let (out, code) = treaty(&[
        "run",
        "tests/fixtures/scenarios/support.scenario",
        "--trace",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("the call has the support of 1 member, and at least 1/3 of members is needed")
    );
}

#[test]
fn a_procedure_that_leads_to_one_decision_convenes_the_body_for_it() {
    let (out, code) = treaty(&[
        "run",
        "tests/fixtures/scenarios/dispute.scenario",
        "--trace",
    ]);
    assert_eq!(code, 2, "the budget vote is an error: {out}");
    assert!(
        out.contains("it leads to the Council, convened to decide `settlement` [article 4]"),
        "{out}"
    );
    assert!(
        out.contains("PASS  tests/fixtures/scenarios/dispute.scenario:2:"),
        "{out}"
    );
    assert!(
        out.contains(
            "error[wrong-kind] the Council was convened to decide `settlement`, not `budget`"
        ),
        "{out}"
    );
}

/// A number too large for the checker is an error at its place, never a clamped stand-in.
#[test]
fn a_number_too_large_is_an_error_not_a_clamp() {
    let dir = std::env::temp_dir().join(format!("treaty-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("huge.scenario");
    std::fs::write(
        &script,
        "scenario \"time\" {\n  treaty \"x.treaty\"\n  after 99999999999999999999999 days\n}\n",
    )
    .unwrap();
    let (out, code) = treaty(&["run", script.to_str().unwrap(), "--format", "json"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "invalid-value", "{out}");
    assert_eq!(d["span"]["line"], 3);
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("`99999999999999999999999` is too large a number"));
}

#[test]
fn time_words_read_alike_in_treaties_and_scenarios() {
    use treaty::ast::TimeUnit;
    for (word, unit) in [
        ("day", TimeUnit::Days),
        ("days", TimeUnit::Days),
        ("week", TimeUnit::Weeks),
        ("months", TimeUnit::Months),
        ("year", TimeUnit::Years),
        ("hours", TimeUnit::Hours),
    ] {
        assert_eq!(TimeUnit::from_word(word), Some(unit));
        assert!(word.starts_with(unit.word(2).trim_end_matches('s')));
    }
    assert_eq!(TimeUnit::from_word("fortnight"), None);
    assert_eq!(TimeUnit::Years.days(2), 730);
    assert_eq!(TimeUnit::Hours.days(25), 2);
    assert_eq!(TimeUnit::Years.days(u64::MAX), u64::MAX);
}

/// Keywords end at a word boundary in scenario scripts too: `attendall` is not `attend all`.
#[test]
fn glued_keywords_are_syntax_errors() {
    let dir = std::env::temp_dir().join(format!("treaty-glued-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, step, glued) in [
        ("attend", "attendall", "`attend` and `all`"),
        (
            "expect",
            "attend all\n  vote decisions\n  expectrejected",
            "`expect` and `rejected`",
        ),
    ] {
        let script = dir.join(format!("{name}.scenario"));
        std::fs::write(
            &script,
            format!("scenario \"x\" {{\n  treaty \"x.treaty\"\n  convene conference by FR\n  {step}\n}}\n"),
        )
        .unwrap();
        let (out, code) = treaty(&["run", script.to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 2, "{out}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let d = &json["diagnostics"][0];
        assert_eq!(d["code"], "syntax-error", "{out}");
        assert!(d["message"].as_str().unwrap().contains(glued), "{out}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
