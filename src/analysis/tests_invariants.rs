//! A broken invariant inside the analysis (a game without a weight for a member, a diagram
//! whose edge leads nowhere, counts that miss a player) stops the computation and is
//! reported as an internal error, never read as a zero.

use super::bdd::Diagram;
use super::budget::{Budget, Meter, Stop};
use super::diagram;
use super::game::Game;
use super::plan::{self, Part};
use super::shape::Raw;
use num_bigint::BigUint;

fn game(rule: &str) -> Game {
    let text = format!(
        "party A \"State A\" with weight 3\nparty B \"State B\" with weight 2\n\
         party C \"State C\" with weight 1\nparties all parties\n\
         body b {{ decides d by {rule} }}\n"
    );
    let t = crate::testing::resolved(&text);
    let body = &t.bodies[0];
    Game::from_rule(body, &body.decisions[0], &[])
}

#[test]
fn a_game_without_a_weight_for_a_member_is_an_internal_error_in_every_part() {
    let mut g = game("at least 4 weighted votes");
    assert!(g.check().is_ok());
    g.thresholds[0].weights.pop();
    let outcome = plan::compute(&g, &Budget::default());
    assert!(outcome.counts.is_none() && outcome.smallest_blocking.is_none());
    let parts: Vec<Part> = outcome.missing.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        parts,
        [
            Part::Banzhaf,
            Part::ShapleyShubik,
            Part::MinimalCoalitions,
            Part::SmallestBlocking
        ]
    );
    for (_, reason) in &outcome.missing {
        assert_eq!(
            reason,
            "internal error in the rule's game: a threshold without a weight for every member \
             (please report)"
        );
    }
}

#[test]
fn a_diagram_edge_that_leads_nowhere_stops_the_count() {
    let g = game("at least 4 weighted votes");
    let mut meter = Meter::new(&Budget::default());
    let mut d = Diagram::build(&g, &mut meter).unwrap();
    assert!(diagram::count(&d, true, true, &mut meter).is_ok());
    let root = d.root as usize;
    d.nodes[root].no = 9999;
    for sized in [true, false] {
        match diagram::count(&d, sized, true, &mut meter) {
            Err(Stop::Bug(bug)) => assert_eq!(bug.to_string(), "a node id beyond the diagram"),
            other => panic!("sized {sized}: {other:?}"),
        }
    }
}

#[test]
fn counts_that_miss_a_player_are_not_lifted() {
    let raw = Raw {
        winning: BigUint::from(3u8),
        swings: vec![BigUint::from(1u8)],
        by_size: None,
        minimal_winning: None,
        minimal_blocking: None,
    };
    let lifted = raw.lift_with(3, &[0, 2], vec![vec![0], vec![2]]);
    assert_eq!(lifted.unwrap_err().to_string(), "counts that miss a player");
}
