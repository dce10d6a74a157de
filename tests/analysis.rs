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
    for body in &analysis.bodies {
        assert_eq!(body.members, 57);
        let d = &body.decisions[0];
        assert_eq!(d.veto_players.len(), 57, "{}", body.title);
        assert_eq!(d.smallest_blocking_coalition, Some(1));
        // Consensus among 57: one coalition in 2^57 acts.
        assert_eq!(d.power_to_act.to_string(), "1/144115188075855872");
        assert_eq!(d.parties[0].shapley_shubik.to_string(), "1/57");
    }
    assert_eq!(analysis.bodies[0].smallest_boycott, Some(20));
    assert_eq!(analysis.bodies[1].smallest_boycott, Some(12));
}
