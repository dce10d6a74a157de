//! Snapshots of `treaty analyze` on every bundled treaty that has a body, in human form, and
//! the numbers the EST's bodies and the IMF's and the AIIB's Boards of Governors must show.
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use treaty::analysis::Budget;
use treaty::syntax::Limits;

/// A budget no rule here comes near, so that a slow (debug, loaded) machine gives the same
/// report as a fast one: the methods are chosen by their estimates, not by the clock.
fn unhurried() -> Budget {
    Budget {
        time: Duration::from_secs(3600),
        memory: 1 << 30,
    }
}

#[test]
fn bundled_treaties_with_bodies() {
    let report = treaty::check_paths(&[PathBuf::from("treaties")], Limits::default());
    let treaties: Vec<_> = report
        .treaties
        .iter()
        .filter(|t| !t.bodies.is_empty())
        .collect();
    // The analyses run two at a time (the IMF's take a while in a debug build); the
    // snapshots are then taken in order.
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, String, String)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(t) = treaties.get(i) else { break };
                let name = report.sources.name(t.file).to_string();
                let analysis = treaty::analysis::analyze_within(t, &name, None, &[], &unhurried());
                let human = treaty::render::analysis_human(std::slice::from_ref(&analysis));
                done.lock().unwrap().push((i, name, human));
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|(i, _, _)| *i);
    for (_, name, human) in &done {
        let key = name.trim_end_matches(".treaty").replace('/', "__");
        insta::assert_snapshot!(format!("analyze__{key}"), human);
    }
    assert!(!done.is_empty());
}

#[test]
fn the_united_states_alone_blocks_amendments_to_the_imfs_articles() {
    // Art. XXVIII: three fifths of the members having 85% of the votes. (The Board of
    // Governors' 85% rule shows the same in the snapshot.)
    let report = treaty::check_paths(
        &[PathBuf::from("treaties/imf-articles.treaty")],
        Limits::default(),
    );
    let analysis = treaty::analysis::analyze_within(
        &report.treaties[0],
        "imf",
        Some("members_accepting"),
        &[],
        &unhurried(),
    );
    let body = &analysis.bodies[0];
    assert_eq!(body.members, 190);
    let amendments = &body.decisions[0];
    assert_eq!(amendments.veto_players, ["US"]);
    assert_eq!(amendments.smallest_blocking_coalition, Some(1));
    assert_eq!(amendments.blocking_example, ["US"]);
    assert_eq!(amendments.method.as_deref(), Some("weight sums"));
    assert!(
        amendments.not_computed.is_empty(),
        "{:?}",
        amendments.not_computed
    );
    assert!(amendments.minimal_winning_coalitions.is_some());
    let ss = |p: &treaty::analysis::PartyPower| p.shapley_shubik.as_ref().unwrap().value();
    // Everyone's Shapley-Shubik indices add up to one.
    let total: f64 = amendments.parties.iter().map(ss).sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    // The veto counts for much under Shapley-Shubik; under Banzhaf an 85% rule makes every
    // large member nearly as necessary as the United States (Leech 2002).
    let us = amendments.parties.iter().find(|p| p.party == "US").unwrap();
    assert!(amendments.parties.iter().all(|p| ss(p) <= ss(us)));
    assert!(ss(us) > 0.18, "{}", ss(us));
    assert!(amendments
        .parties
        .iter()
        .all(|p| p.banzhaf.value() <= us.banzhaf.value()));
    // Amendments to the members' own rights need every member.
    assert_eq!(body.decisions[1].veto_players.len(), 190);
}

#[test]
fn china_alone_blocks_the_aiib_super_majority() {
    // AIIB Art. 28.2(ii): two thirds of the Governors representing three fourths of the
    // voting power. With the votes of Art. 28.1 and all 57 prospective founding members as
    // members, China holds 26.06% of them; no one else reaches 8%.
    let report = treaty::check_paths(
        &[PathBuf::from("treaties/aiib-articles.treaty")],
        Limits::default(),
    );
    let analysis = treaty::analysis::analyze_within(
        &report.treaties[0],
        "aiib",
        Some("board_of_governors"),
        &[],
        &unhurried(),
    );
    let body = &analysis.bodies[0];
    assert_eq!(body.members, 57);
    let super_majority = "at least 2/3 of members and at least 3/4 of votes of members";
    let supers: Vec<_> = body
        .decisions
        .iter()
        .filter(|d| d.rule.starts_with(super_majority))
        .collect();
    // Arts. 4.3, 5.2, 5.3, 11.1, 12.1, 18.1, 25.2, 27.1, 29.1, 29.2, 38.1, 38.2, 41.1, 43.1, 53.1.
    assert_eq!(supers.len(), 15);
    for d in supers {
        assert_eq!(d.veto_players, ["CN"], "{}", d.kind);
        assert_eq!(d.smallest_blocking_coalition, Some(1), "{}", d.kind);
        assert_eq!(d.blocking_example, ["CN"], "{}", d.kind);
    }
    // The Special Majority (Art. 28.2(iii)) and the majority of the votes cast (28.2(i))
    // leave no one a veto; unanimity (Art. 53.2) leaves everyone one.
    for kind in ["admission", "other_financing", "ordinary"] {
        let d = body.decisions.iter().find(|d| d.kind == kind).unwrap();
        assert!(d.veto_players.is_empty(), "{kind}: {:?}", d.veto_players);
    }
    let unanimity = body
        .decisions
        .iter()
        .find(|d| d.kind == "members_rights")
        .unwrap();
    assert_eq!(unanimity.veto_players.len(), 57);
}

#[test]
fn est_conferences_are_one_veto_each_and_act_almost_never() {
    let report = treaty::check_paths(
        &[PathBuf::from("treaties/est-2009.treaty")],
        Limits::default(),
    );
    let analysis = treaty::analysis::analyze(&report.treaties[0], "est", None, &[]);
    // The two Conferences, then the States whose ratifications bring the treaty into force.
    let (conferences, final_clauses) = analysis.bodies.split_at(2);
    for body in conferences {
        // The 56 OSCE participating States of 29 November 2009: not Mongolia (2012).
        assert_eq!(body.members, 56);
        let d = &body.decisions[0];
        assert!(d.parties.iter().all(|p| p.name != "Mongolia"));
        assert_eq!(d.veto_players.len(), 56, "{}", body.title);
        assert_eq!(d.smallest_blocking_coalition, Some(1));
        // Consensus among 56: one coalition in 2^56 acts.
        assert_eq!(
            d.power_to_act.as_ref().unwrap().to_string(),
            "1/72057594037927936"
        );
        assert_eq!(
            d.parties[0].shapley_shubik.as_ref().unwrap().to_string(),
            "1/56"
        );
    }
    assert_eq!(analysis.bodies[0].smallest_boycott, Some(19));
    assert_eq!(analysis.bodies[1].smallest_boycott, Some(12));
    // Art. 11 (count unverified): 25 ratifications of 56; 32 States not ratifying keep it
    // from entering into force, and no one alone does.
    assert_eq!(final_clauses.len(), 1);
    let entry = &final_clauses[0];
    assert_eq!(entry.body, "entry_into_force");
    assert_eq!(entry.decisions[0].smallest_blocking_coalition, Some(32));
    assert!(entry.decisions[0].veto_players.is_empty());
}

#[test]
fn shares_of_nothing_are_undefined_with_the_reason_not_numbers() {
    // A weight nobody holds: no coalition reaches a share of it, nobody swings, and the
    // normalized Banzhaf index and the power to prevent are shares of nothing. A share of
    // zero members is reached by every coalition: nothing is left to initiate.
    let text = "party A \"State A\" with weight 0\nparty B \"State B\" with weight 0\n\
                parties all parties\n\
                body never { decides d by at least 50% of weight of members }\n\
                body always { decides d by at least 0% of members }\n";
    let report = treaty::check_source("degenerate.treaty", text, &[]);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity != treaty::Severity::Error));
    let analysis = treaty::analysis::analyze_within(
        &report.treaties[0],
        "degenerate.treaty",
        None,
        &[],
        &unhurried(),
    );
    let human = treaty::render::analysis_human(std::slice::from_ref(&analysis));
    insta::assert_snapshot!("analyze__degenerate", human);
    let json = treaty::render::analysis_json(std::slice::from_ref(&analysis), &report.sources, &[]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    insta::assert_json_snapshot!("analyze__degenerate_json", doc["reports"][0]["bodies"]);
}
