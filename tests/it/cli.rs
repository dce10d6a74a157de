//! The program as users and scripts meet it: exit codes, formats, `explain`, `rules` and
//! `schema`. (That every JSON output is valid against the schema the program prints is
//! checked in `contracts/`, which CI runs.)
use crate::common::treaty;

use serde_json::Value;

fn codes(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn est_draft_reports_the_acceptance_findings_and_exits_1() {
    let (out, code) = treaty(&["check", "treaties/est-2009.treaty", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    let all = codes(&json);
    let count = |c: &str| all.iter().filter(|x| *x == c).count();
    assert_eq!(count("single-party-veto"), 2, "{all:?}");
    assert_eq!(count("quorum-boycott"), 2);
    assert!(count("vague-standard") >= 2);
    assert!(count("self-judging-trigger") >= 1);
    assert!(count("omitted-baseline-principle") >= 1);
    assert!(count("selective-principle") >= 1);
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    let has = |needle: &str| messages.iter().any(|m| m.contains(needle));
    // Over the 56 OSCE participating States of the draft's date (Mongolia joined in 2012).
    assert!(has(
        "19 absent Parties out of 56 stop the Conference of the Parties"
    ));
    assert!(has(
        "12 absent Parties out of 56 stop the Extraordinary Conference"
    ));
    assert!(has(
        "any one of the 56 members of the Conference of the Parties can block"
    ));
    assert!(has(
        "any one of the 56 members of the Extraordinary Conference of the Parties can block"
    ));
    assert!(has("\"due regard\" is left undefined"));
    assert!(has("significantly"));
    assert!(has("judged by the requesting party alone"));
    assert!(has("`free_choice_of_alliances`"));
    assert!(has("keeps `not_at_the_expense_of_others`"));
    let citations: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["citation"].as_str())
        .collect();
    assert!(citations.contains(&"article 6.3"));
    assert!(citations.contains(&"article 8"));
    assert!(citations.contains(&"article 3"));
}

#[test]
fn malformed_file_exits_2_with_a_located_json_diagnostic() {
    let (out, code) = treaty(&[
        "check",
        "tests/fixtures/errors/syntax-error.treaty",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    let json: Value = serde_json::from_str(&out).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "syntax-error");
    assert_eq!(d["span"]["line"], 7);
    assert_eq!(d["span"]["column"], 1);
    assert!(d["help"].is_string());
}

#[test]
fn fail_level_decides_between_0_and_1() {
    let path = "tests/fixtures/rules/single-party-veto/fires.treaty";
    assert_eq!(treaty(&["check", path]).1, 1);
    assert_eq!(treaty(&["check", path, "--fail-level", "error"]).1, 0);
    assert_eq!(
        treaty(&[
            "check",
            "tests/fixtures/rules/single-party-veto/silent.treaty"
        ])
        .1,
        0
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(treaty(&["check"]).1, 2);
    assert_eq!(treaty(&["check", "x", "--format", "xml"]).1, 2);
    assert_eq!(treaty(&["explain", "no-such-rule"]).1, 2);
    let (out, code) = treaty(&["check", "no/such/file.treaty", "--format", "plain"]);
    assert_eq!(code, 2);
    assert!(out.contains("io-error"), "{out}");
}

#[test]
fn plain_format_is_one_line_per_finding() {
    let (out, _) = treaty(&[
        "check",
        "tests/fixtures/rules/single-party-veto/fires.treaty",
        "--format",
        "plain",
    ]);
    let line = out
        .lines()
        .find(|l| l.contains("[single-party-veto]"))
        .unwrap();
    assert!(
        line.starts_with("tests/fixtures/rules/single-party-veto/fires.treaty:11:24: warning[single-party-veto] "),
        "{line}"
    );
}

#[test]
fn output_is_deterministic() {
    let a = treaty(&["check", "treaties", "--format", "json"]);
    let b = treaty(&["check", "treaties", "--format", "json"]);
    assert_eq!(a, b);
}

#[test]
fn explain_and_rules_print_the_rule_documentation() {
    let (out, code) = treaty(&["explain", "quorum-boycott"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# quorum-boycott"));
    assert!(out.contains("## Why it matters"));
    let (out, _) = treaty(&["explain", "syntax-error"]);
    assert!(out.contains("grammar"));
    let (out, _) = treaty(&["rules"]);
    assert_eq!(out.lines().count(), treaty::rules::ALL.len(), "{out}");
    let (out, _) = treaty(&["rules", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let explained = treaty(&["explain", "placeholder"]).0;
    let doc = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "placeholder")
        .unwrap()["documentation"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        explained.ends_with(&doc),
        "explain and rules share one source"
    );
}

#[test]
fn the_readme_shows_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (out, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "plain"]);
    let quoted: Vec<&str> = readme
        .lines()
        .filter(|l| {
            l.strip_prefix("treaties/est-2009.treaty:")
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    assert!(!quoted.is_empty());
    for line in quoted {
        assert!(
            out.lines().any(|l| l == line),
            "README line not in the output: {line}"
        );
    }
}

#[test]
fn github_format_writes_workflow_annotations() {
    let (out, code) = treaty(&[
        "check",
        "tests/fixtures/rules/single-party-veto/fires.treaty",
        "--format",
        "github",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.lines().any(|l| l.starts_with(
            "::warning file=tests/fixtures/rules/single-party-veto/fires.treaty,line=11,col=24,"
        ) && l.contains("title=single-party-veto::any one of the 3 members")),
        "{out}"
    );
}

#[test]
fn select_and_ignore_choose_the_rules_reported() {
    let est = "treaties/est-2009.treaty";
    let (out, _) = treaty(&[
        "check",
        est,
        "--format",
        "plain",
        "--select",
        "quorum-boycott",
    ]);
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("[quorum-boycott]"))
            .count(),
        2
    );
    assert!(!out.contains("[single-party-veto]"), "{out}");
    let (out, _) = treaty(&[
        "check",
        est,
        "--format",
        "plain",
        "--ignore",
        "quorum-boycott,single-party-veto",
    ]);
    assert!(!out.contains("[quorum-boycott]") && !out.contains("[single-party-veto]"));
    assert!(out.contains("[vague-standard]"));
    assert_eq!(treaty(&["check", est, "--select", "no-such-rule"]).1, 2);
}

#[test]
fn treaty_toml_sets_rule_levels() {
    let (out, code) = treaty(&["check", "tests/fixtures/config/good", "--format", "plain"]);
    assert_eq!(code, 1);
    assert!(out.contains(": error[single-party-veto] "), "{out}");
    assert!(!out.contains("[no-deadlock-fallback]"), "{out}");
    // A denied rule fails the check even when only errors count.
    let (_, code) = treaty(&[
        "check",
        "tests/fixtures/config/good",
        "--fail-level",
        "error",
    ]);
    assert_eq!(code, 1);
    let (out, code) = treaty(&[
        "check",
        "tests/fixtures/errors/config/invalid-config.unknown-level",
        "--format",
        "plain",
    ]);
    assert_eq!(code, 2);
    assert!(
        out.contains("tests/fixtures/errors/config/invalid-config.unknown-level/treaty.toml:3:21: error[invalid-config] `forbid` is not a level"),
        "{out}"
    );
}

#[test]
fn sarif_output_has_the_shape_code_scanning_reads() {
    for path in ["treaties/est-2009.treaty", "tests/fixtures/errors"] {
        let (out, _) = treaty(&["check", path, "--format", "sarif"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "treaty");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for rule in rules {
            assert!(rule["id"].is_string() && rule["shortDescription"]["text"].is_string());
        }
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                rules[index]["id"], r["ruleId"],
                "ruleIndex points at its rule"
            );
            assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
            assert!(r["message"]["text"].is_string());
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1);
            assert!(region["startColumn"].as_u64().unwrap() >= 1);
            assert!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
        }
    }
}

#[test]
fn a_label_in_another_file_keeps_its_own_file_in_every_format() {
    // omitted-baseline-principle points at each baseline's own `affirms` line.
    let path = "tests/fixtures/rules/omitted-baseline-principle/fires.treaty";
    let baseline = "tests/fixtures/rules/omitted-baseline-principle/baseline.treaty";
    let finding = |log: &Value, key: &str| -> Value {
        log[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| {
                d["code"] == "omitted-baseline-principle"
                    || d["ruleId"] == "omitted-baseline-principle"
            })
            .cloned()
            .unwrap()
    };

    let (out, _) = treaty(&["check", path, "--format", "json"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let d = finding(&log, "diagnostics");
    assert_eq!(d["file"], path);
    let in_baseline: Vec<&Value> = d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["file"] == baseline)
        .collect();
    assert_eq!(in_baseline.len(), 3, "{d:#}");
    let text = std::fs::read_to_string(baseline).unwrap();
    for l in &in_baseline {
        let (start, end) = (
            l["span"]["start"].as_u64().unwrap(),
            l["span"]["end"].as_u64().unwrap(),
        );
        assert!(
            text[start as usize..end as usize].starts_with("affirms "),
            "{l:#}"
        );
    }

    let (out, _) = treaty(&["check", path, "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let r = finding(&log["runs"][0], "results");
    let uris: Vec<&str> = r["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&path) && uris.contains(&baseline), "{uris:?}");

    let (out, _) = treaty(&["check", path, "--format", "human"]);
    assert!(out.contains(&format!("see also {baseline}")), "{out}");
    assert!(out.contains(&format!("╭─[{baseline}:")), "{out}");
}

#[test]
fn treaty_toml_next_to_a_copy_of_the_est_allows_a_rule() {
    // A copy of the bundled treaties (the EST imports party lists and names baselines).
    let dir = std::env::temp_dir().join(format!("treaty-config-{}", std::process::id()));
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            }
        }
    };
    copy(std::path::Path::new("treaties"), &dir);
    copy(
        std::path::Path::new("treaties/parties"),
        &dir.join("parties"),
    );
    std::fs::write(
        dir.join("treaty.toml"),
        "[lints]\nsingle-party-veto = \"allow\"\n",
    )
    .unwrap();
    let est = dir.join("est-2009.treaty");
    let (out, code) = treaty(&["check", est.to_str().unwrap(), "--format", "plain"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("[single-party-veto]"), "{out}");
    assert!(out.contains("[quorum-boycott]"), "{out}");
}

/// Issue 11's acceptance: every finding on the corpus says what it rests on, and none that
/// cites an unverified, practice or unencoded article claims to rest on quoted text.
#[test]
fn every_finding_on_the_corpus_carries_its_basis() {
    let (out, _) = treaty(&["check", "treaties/", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 50);
    for d in diagnostics {
        let status = d["basis"]["status"]
            .as_str()
            .unwrap_or_else(|| panic!("{d}"));
        assert!(
            ["text", "practice", "unverified", "incomplete"].contains(&status),
            "{d}"
        );
        let caveats = d["basis"]["caveats"].as_array().map_or(0, Vec::len);
        assert_eq!(status == "text", caveats == 0, "{d}");
    }
    let count = |s: &str| {
        diagnostics
            .iter()
            .filter(|d| d["basis"]["status"] == s)
            .count()
    };
    assert!(count("text") > 0 && count("unverified") > 0 && count("incomplete") > 0);
}

#[test]
fn basis_text_keeps_only_findings_on_quoted_text_and_says_what_it_hid() {
    let (all, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "json"]);
    let all: Value = serde_json::from_str(&all).unwrap();
    let weaker = all["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["basis"]["status"] != "text")
        .count();
    assert!(weaker > 0);
    let (text, code) = treaty(&[
        "check",
        "treaties/est-2009.treaty",
        "--format",
        "json",
        "--basis",
        "text",
    ]);
    assert_eq!(code, 1);
    let text: Value = serde_json::from_str(&text).unwrap();
    let kept = text["diagnostics"].as_array().unwrap();
    assert!(kept.iter().all(|d| d["basis"]["status"] == "text"));
    assert_eq!(
        kept.len() + weaker,
        all["diagnostics"].as_array().unwrap().len()
    );
    let (plain, _) = treaty(&[
        "check",
        "treaties/est-2009.treaty",
        "--format",
        "plain",
        "--basis",
        "text",
    ]);
    assert!(
        plain.contains(&format!(
            "({weaker} findings resting on less than quoted treaty text not shown)"
        )),
        "{plain}"
    );
    let (plain, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "plain"]);
    assert!(
        plain.lines().any(|l| l.ends_with("[unverified]")),
        "{plain}"
    );
}

/// Issue 11, the corpus corrected: the 2021 drafts' stated principles are not reported as
/// omitted, Art. 4 of the US draft is about the former Soviet States outside NATO, and the
/// NATO draft's Art. 4 consent rule gives every Party a veto.
#[test]
fn the_2021_drafts_are_read_as_they_are_written() {
    let (out, _) = treaty(&[
        "check",
        "treaties/russia-us-treaty-2021.treaty",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let messages = |code: &str| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    for omitted in messages("omitted-baseline-principle") {
        for stated in ["`indivisible_security`", "`non_intervention`"] {
            assert!(!omitted.contains(stated), "{omitted}");
        }
    }
    let third = messages("obligation-on-non-party");
    assert_eq!(third.len(), 1, "{third:?}");
    assert!(third[0].contains("Ukraine"), "{}", third[0]);
    for member in ["Estonia", "Latvia", "Lithuania"] {
        assert!(!third[0].contains(member), "{}", third[0]);
    }

    let (out, _) = treaty(&[
        "check",
        "treaties/russia-nato-agreement-2021.treaty",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let veto: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "single-party-veto" && d["citation"] == "article 4")
        .collect();
    assert_eq!(veto.len(), 1);
    assert!(veto[0]["message"]
        .as_str()
        .unwrap()
        .contains("any one of the 31 members"));
    assert_eq!(veto[0]["basis"]["status"], "unverified");
}

#[test]
fn the_est_is_analysed_over_the_56_states_of_its_date() {
    let (out, _) = treaty(&["analyze", "treaties/est-2009.treaty", "--format", "json"]);
    assert!(
        out.contains("\"Andorra\"") && !out.contains("Mongolia"),
        "{out}"
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    let conference = &json["reports"][0]["bodies"][0];
    assert_eq!(conference["members"], 56, "{conference}");
}

/// Issue 11's acceptance on the EST: one omitted-baseline finding, its labels in the baseline
/// files, resting on what each baseline was read to say.
#[test]
fn the_est_has_one_omitted_baseline_finding_pointing_into_its_baselines() {
    let (out, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let omitted: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "omitted-baseline-principle")
        .collect();
    assert_eq!(omitted.len(), 1);
    let d = omitted[0];
    assert!(d["message"].as_str().unwrap().contains(
        "referred to generally in the preamble but not restated in the operative articles"
    ));
    let files: Vec<&str> = d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["file"].as_str().unwrap())
        .collect();
    for baseline in [
        "helsinki-1975.treaty",
        "paris-1990.treaty",
        "istanbul-1999.treaty",
    ] {
        assert!(files.iter().any(|f| f.ends_with(baseline)), "{files:?}");
    }
    let articles: Vec<&str> = d["basis"]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        articles.contains(&"Helsinki Final Act, principle I"),
        "{articles:?}"
    );
    // Principle I's alliance sentence was read only in Polish: the finding says so.
    assert_ne!(d["basis"]["status"], "text");
}

/// The interested-party finding on EST Art. 8 is not asserted: how the attacker's vote is
/// treated was not read, and the file encodes both readings.
#[test]
fn the_est_does_not_assert_how_the_attacker_votes() {
    let (out, _) = treaty(&["check", "treaties/est-2009.treaty", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert!(!codes(&json).contains(&"interested-party-votes".to_string()));
}
