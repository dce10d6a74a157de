//! `treaty diff`: the what-if versions of the EST against the draft, matching by anchor
//! rather than line, exit codes and JSON (checked against its schema in `contracts/`).
use crate::common::treaty;
use serde_json::Value;

const EST: &str = "treaties/est-2009.treaty";
const FOUR_FIFTHS: &str = "treaties/what-if/est-2009-four-fifths.treaty";
const EXCLUDING: &str = "treaties/what-if/est-2009-excluding-parties.treaty";

fn json(args: &[&str]) -> (Value, i32) {
    let (out, code) = treaty(args);
    (
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
        code,
    )
}

/// Issue 14's acceptance: four fifths instead of consensus removes the single-party veto of
/// the Conference, and the Conference's veto players change from all 56 to none.
#[test]
fn four_fifths_removes_the_conference_veto() {
    let (doc, code) = json(&["diff", EST, FOUR_FIFTHS, "--format", "json"]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["version"], 1);
    let removed = doc["findings"]["removed"].as_array().unwrap();
    let vetoes: Vec<&Value> = removed
        .iter()
        .filter(|f| f["code"] == "single-party-veto")
        .collect();
    assert_eq!(vetoes.len(), 1, "{removed:#?}");
    assert_eq!(vetoes[0]["citation"], "article 6.3");
    assert_eq!(vetoes[0]["subject"], "body conference, decision decisions");
    assert!(doc["findings"]["added"].as_array().unwrap().is_empty());
    let conference = doc["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["body"] == "conference")
        .unwrap();
    let decision = &conference["decisions"][0];
    assert_eq!(decision["rule"]["old"], "consensus");
    assert_eq!(decision["rule"]["new"], "at least 4/5 of members");
    assert_eq!(
        decision["veto_players"]["old"].as_array().unwrap().len(),
        56
    );
    assert!(decision["veto_players"]["new"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        decision["veto_players"]["removed"]
            .as_array()
            .unwrap()
            .len(),
        56
    );
    assert_eq!(decision["smallest_blocking_coalition"]["old"], 1);
    assert_eq!(decision["smallest_blocking_coalition"]["new"], 12);
    assert_eq!(decision["parties"].as_array().unwrap().len(), 56);
    // Unchanged: the Extraordinary Conference.
    assert!(!doc["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["body"] == "extraordinary_conference"));
    // The reworded article, and the findings that now rest on a hypothetical text.
    assert_eq!(doc["articles"]["reworded"][0]["citation"], "article 6.3");
    assert_eq!(
        doc["articles"]["reworded"][0]["new"]["status"],
        "paraphrase"
    );
    let changed = doc["findings"]["changed"].as_array().unwrap();
    let boycott = changed
        .iter()
        .find(|c| c["code"] == "quorum-boycott")
        .unwrap();
    assert_eq!(boycott["old"]["basis"]["status"], "text");
    assert_eq!(boycott["new"]["basis"]["status"], "unverified");
}

#[test]
fn excluding_the_parties_concerned_changes_who_votes_and_the_veto_message() {
    let (doc, code) = json(&["diff", EST, EXCLUDING, "--format", "json"]);
    // Leaving out the attacked party and the aggressor turns the decision on two facts that
    // no one is named to determine: the only new warnings.
    assert_eq!(code, 1);
    let added = doc["findings"]["added"].as_array().unwrap();
    assert!(!added.is_empty());
    assert!(added.iter().all(|f| f["code"] == "undetermined-fact"));
    let body = &doc["bodies"][0];
    assert_eq!(body["body"], "extraordinary_conference");
    assert_eq!(
        body["decisions"][0]["excluded_roles"]["new"],
        serde_json::json!(["the attacked party", "the aggressor"])
    );
    let veto = doc["findings"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "single-party-veto")
        .unwrap();
    assert!(veto["new"]["message"]
        .as_str()
        .unwrap()
        .contains("54 members"));
}

#[test]
fn the_reverse_diff_introduces_the_veto_and_fails() {
    let (doc, code) = json(&["diff", FOUR_FIFTHS, EST, "--format", "json"]);
    assert_eq!(code, 1, "a new warning fails at the default level");
    assert!(doc["findings"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "single-party-veto"));
    let (_, code) = treaty(&["diff", FOUR_FIFTHS, EST, "--fail-level", "error"]);
    assert_eq!(code, 0);
}

#[test]
fn findings_are_matched_by_clause_not_by_line() {
    let dir = std::env::temp_dir().join(format!("treaty-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\narticle 2 says \"The Council decides by consensus.\"\nbody council \"Council\" article 2 {\n  decides measures by consensus article 2\n}\n";
    let moved = format!(
        "# a comment\narticle 1 says \"The Parties agree.\"\n{}",
        text.replace(
            "party B \"Beta\"\n",
            "party B \"Beta\"\nparty C \"Gamma\"\n"
        )
        .replace("parties A, B", "parties A, B, C")
    );
    let (old, new) = (dir.join("old.treaty"), dir.join("new.treaty"));
    std::fs::write(&old, text).unwrap();
    std::fs::write(&new, moved).unwrap();
    let (doc, code) = json(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0, "{doc:#}");
    // The veto moved two lines down and now counts three members: changed, not new.
    assert!(
        doc["findings"]["added"].as_array().unwrap().is_empty(),
        "{doc:#}"
    );
    assert!(doc["findings"]["removed"].as_array().unwrap().is_empty());
    let changed = &doc["findings"]["changed"][0];
    assert_eq!(changed["code"], "single-party-veto");
    assert_eq!(changed["changes"], serde_json::json!(["message"]));
    assert_eq!(doc["articles"]["added"][0]["citation"], "article 1");
    assert_eq!(doc["bodies"][0]["members"]["new"], 3);
    assert_eq!(doc["bodies"][0]["members_added"], serde_json::json!(["C"]));
}

#[test]
fn input_errors_exit_2_as_json_in_json_mode() {
    let (doc, code) = json(&[
        "diff",
        EST,
        "tests/fixtures/errors/syntax-error.treaty",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(doc["diagnostics"][0]["code"], "syntax-error");
    assert!(doc["diagnostics"][0]["span"]["line"].as_u64().unwrap() >= 1);
    let (out, code) = treaty(&["diff", EST, "treaties"]);
    assert_eq!((out.as_str(), code), ("", 2));
}

#[test]
fn human_and_markdown_output() {
    for (name, format) in [("human", "human"), ("markdown", "markdown")] {
        let (a, code) = treaty(&["diff", EST, FOUR_FIFTHS, "--format", format]);
        assert_eq!(code, 0);
        assert_eq!(a, treaty(&["diff", EST, FOUR_FIFTHS, "--format", format]).0);
        insta::assert_snapshot!(format!("diff_est_four_fifths_{name}"), a);
        if format == "human" {
            let readme = std::fs::read_to_string("README.md").unwrap();
            assert!(readme.contains(&a), "the README shows the current diff");
        }
        let (b, _) = treaty(&["diff", EST, EXCLUDING, "--format", format]);
        insta::assert_snapshot!(format!("diff_est_excluding_{name}"), b);
    }
}
