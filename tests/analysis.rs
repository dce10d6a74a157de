//! Snapshots of `treaty analyze` on every bundled treaty that has a body, in human form, and
//! the numbers the EST's bodies must show.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use treaty::syntax::Limits;

#[test]
fn bundled_treaties_with_bodies() {
    let report = treaty::check_paths(&[PathBuf::from("treaties")], Limits::default());
    let mut analysed = 0;
    for t in &report.treaties {
        if t.bodies.is_empty() {
            continue;
        }
        let name = report.sources.name(t.file).to_string();
        let analysis = treaty::analysis::analyze(t, &name, None, &[]);
        let human = treaty::render::analysis_human(std::slice::from_ref(&analysis));
        let key = name.trim_end_matches(".treaty").replace('/', "__");
        insta::assert_snapshot!(format!("analyze__{key}"), human);
        analysed += 1;
    }
    assert!(analysed >= 1);
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
        assert_eq!(d.power_to_act.to_string(), "1/72057594037927936");
        assert_eq!(d.parties[0].shapley_shubik.to_string(), "1/56");
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
