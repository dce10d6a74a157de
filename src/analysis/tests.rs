//! The exact algorithms against brute force over every coalition, with the evaluation core
//! ([`crate::decision::coalition_wins`]) as the definition of winning.

use super::bdd::Diagram;
use super::budget::{Budget, Meter};
use super::diagram::count_all;
use super::game::Game;
use super::shape::Shape;
use super::two_measures::{self, Plane};
use super::{analyze, halves, sums, Counts, Report};
use crate::decision::coalition_wins;
use crate::model::{PartyId, Treaty};
use num_bigint::BigUint;
use num_traits::Zero;

/// A small deterministic generator (64-bit LCG), so every run tests the same games.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn treaty_with(weights: &[u64], rule: &str) -> Treaty {
    let mut text = String::new();
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {w}, population {}\n",
            w * 1000 + i as u64
        ));
    }
    text.push_str("parties all parties\n");
    let holders = weights.len().min(2);
    let list: Vec<String> = (0..holders).map(|i| format!("P{i}")).collect();
    text.push_str(&format!("class holders = {}\n", list.join(", ")));
    text.push_str(&format!("body b {{ decides d by {rule} }}\n"));
    crate::testing::resolved(&text)
}

fn brute(t: &Treaty, excluded: &[PartyId]) -> Counts {
    let body = &t.bodies[0];
    let rule = &body.decisions[0];
    let n = body.members.len();
    // The oracle decides every coalition once; the counts below look the answers up.
    let table: Vec<bool> = (0..(1u64 << n))
        .map(|mask| {
            let yes: Vec<bool> = (0..n).map(|i| mask >> i & 1 == 1).collect();
            coalition_wins(body, rule, &yes, excluded)
        })
        .collect();
    let wins = |mask: u64| table[mask as usize];
    let mut winning = BigUint::zero();
    let mut swings = vec![BigUint::zero(); n];
    let mut by_size = vec![vec![BigUint::zero(); n]; n];
    let mut smallest: Option<usize> = None;
    let (mut minimal_winning, mut minimal_blocking) = (BigUint::zero(), BigUint::zero());
    for mask in 0..(1u64 << n) {
        let w = wins(mask);
        let members = (0..n).filter(|i| mask >> i & 1 == 1);
        let outsiders = (0..n).filter(|i| mask >> i & 1 == 0);
        if w && members.clone().all(|i| !wins(mask & !(1 << i))) {
            minimal_winning += 1u32;
        }
        // The objectors of a losing coalition block; minimally when any one of them
        // changing sides carries the rule.
        if !w && outsiders.clone().all(|i| wins(mask | 1 << i)) {
            minimal_blocking += 1u32;
        }
        if w {
            winning += 1u32;
        } else {
            let objectors = n - mask.count_ones() as usize;
            smallest = Some(smallest.map_or(objectors, |s| s.min(objectors)));
        }
        for i in 0..n {
            if mask >> i & 1 == 0 && !w && wins(mask | 1 << i) {
                swings[i] += 1u32;
                by_size[i][mask.count_ones() as usize] += 1u32;
            }
        }
    }
    Counts {
        n,
        winning,
        swings,
        swings_by_size: Some(by_size),
        smallest_blocking: Some(smallest.map(|s| vec![0; s])),
        minimal_winning: Some(minimal_winning),
        minimal_blocking: Some(minimal_blocking),
        alike: (0..n).collect(),
    }
}

/// A meter that never stops a test.
fn unmetered() -> Meter {
    Meter::new(&Budget {
        time: std::time::Duration::from_secs(3600),
        memory: usize::MAX,
    })
}

fn fast(t: &Treaty, excluded: &[PartyId]) -> Counts {
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], excluded);
    count_all(&Diagram::build(&game, &mut unmetered()).unwrap())
}

/// Every method that applies to the game, in every configuration, against brute force:
/// the diagram, player types, weight sums (by size and not, with minimal coalitions and
/// without) and meet in the middle; and each method's example blocking coalition blocks.
fn assert_agree(t: &Treaty, excluded: &[PartyId], label: &str) {
    let b = brute(t, excluded);
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], excluded);
    for (method, f) in methods(&game) {
        let label = format!("{method}: {label}");
        assert_eq!(f.n, b.n, "{label}");
        assert_eq!(f.winning, b.winning, "{label}");
        assert_eq!(f.swings, b.swings, "{label}");
        if let Some(by_size) = &f.swings_by_size {
            assert_eq!(Some(by_size), b.swings_by_size.as_ref(), "{label}");
        }
        for (i, &first) in f.alike.iter().enumerate() {
            // Players said to be alike share their indices in the report.
            assert!(first <= i, "{label}");
            assert_eq!(f.swings[first], f.swings[i], "{label}");
            if let Some(by_size) = &f.swings_by_size {
                assert_eq!(by_size[first], by_size[i], "{label}");
            }
        }
        if f.minimal_winning.is_some() {
            assert_eq!(f.minimal_winning, b.minimal_winning, "{label}");
            assert_eq!(f.minimal_blocking, b.minimal_blocking, "{label}");
        }
        if let Some(blocking) = &f.smallest_blocking {
            assert_blocks(t, excluded, blocking, &b, &label);
        }
    }
    // The smallest blocking coalition found without counting, where it is found.
    if let Some(blocking) = super::facts::smallest_blocking(&game) {
        assert_blocks(t, excluded, &blocking, &b, &format!("greedy: {label}"));
    }
}

fn assert_blocks(
    t: &Treaty,
    excluded: &[PartyId],
    blocking: &Option<Vec<usize>>,
    b: &Counts,
    label: &str,
) {
    let body = &t.bodies[0];
    assert_eq!(
        blocking.as_ref().map(Vec::len),
        b.smallest_blocking.clone().unwrap().as_ref().map(Vec::len),
        "{label}"
    );
    if let Some(example) = blocking {
        let yes: Vec<bool> = (0..b.n).map(|i| !example.contains(&i)).collect();
        assert!(
            !coalition_wins(body, &body.decisions[0], &yes, excluded),
            "{label}"
        );
    }
}

/// Each applicable method's counts of a game.
fn methods(game: &Game) -> Vec<(String, Counts)> {
    let mut out = Vec::new();
    let d = Diagram::build(game, &mut unmetered()).unwrap();
    out.push(("diagram".to_string(), count_all(&d)));
    let mut m = unmetered();
    out.push((
        "diagram, not by size".to_string(),
        super::diagram::count(&d, false, true, &mut m).unwrap(),
    ));
    // Counting by types in big integers is slow in a debug build: only where it is short.
    if super::types::plan(game).is_some_and(|p| p.states <= 256) {
        if let Some(by_types) = super::types::count_by_types(game, &mut unmetered()) {
            out.push(("types".to_string(), by_types.unwrap()));
        }
    }
    if let Some(plane) = Plane::of(game) {
        for shapley in [true, false] {
            let plan = two_measures::plan(&plane, shapley).unwrap();
            let counts = two_measures::count(&plane, &plan, &mut unmetered()).unwrap();
            out.push((format!("two measures (by size {})", plan.sized), counts));
        }
    }
    if let Some(shape) = Shape::of(game) {
        for shapley in [true, false] {
            // With minimal coalitions by size, and without them not by size (where the rule
            // allows): the two ends of the method's paths.
            for minimal in [shapley] {
                let plan = sums::plans(&shape, shapley)[usize::from(minimal)];
                if plan.bytes > 64e6 {
                    continue;
                }
                let raw = sums::count(&shape, &plan, &mut unmetered()).unwrap();
                let name = format!("weight sums (by size {}, minimal {minimal})", plan.sized);
                out.push((name, raw.lift(&shape).unwrap()));
            }
            if let Some(reduced) = shape.reduced() {
                let plan = sums::plans(&reduced, shapley)[usize::from(shapley)];
                if plan.bytes <= 64e6 {
                    let raw = sums::count(&reduced, &plan, &mut unmetered()).unwrap();
                    let name = format!("weight sums above the lightest (by size {})", plan.sized);
                    out.push((name, raw.lift(&reduced).unwrap()));
                }
            }
            let mut plan = halves::plan(&shape, shapley, true).unwrap();
            if plan.bytes > 64e6 {
                continue;
            }
            let raw = halves::count(&shape, &plan, &mut unmetered()).unwrap();
            let name = format!("meet in the middle (by size {})", plan.sized);
            out.push((name, raw.lift(&shape).unwrap()));
            // Each half cut into parts of one player: the sums by part that real bodies
            // reach only beyond the tests' sizes.
            plan.table_bytes = 0;
            let raw = halves::count(&shape, &plan, &mut unmetered()).unwrap();
            let name = format!(
                "meet in the middle, a part per player (by size {})",
                plan.sized
            );
            out.push((name, raw.lift(&shape).unwrap()));
        }
    }
    out
}

fn random_atom(rng: &mut Lcg, n: usize, total_weight: u64) -> String {
    match rng.below(9) {
        8 => format!("at least {}% of population of members", rng.below(100)),
        0 => "consensus".into(),
        1 => "unanimity of members".into(),
        2 => format!("at least {}/{} of members", 1 + rng.below(9), 10),
        3 => format!("more than {}% of weight of members", rng.below(100)),
        4 => format!("at least {} members", rng.below(n as u64 + 1)),
        5 => format!("at least {} weighted votes", rng.below(total_weight + 1)),
        6 => "no objection from holders".into(),
        _ => format!("at most {} members against", rng.below(n as u64)),
    }
}

fn random_rule(rng: &mut Lcg, n: usize, total: u64, depth: u32) -> String {
    if depth == 0 || rng.below(3) == 0 {
        return random_atom(rng, n, total);
    }
    let joiner = if rng.below(2) == 0 { " and " } else { " or " };
    let parts: Vec<String> = (0..2 + rng.below(2))
        .map(|_| format!("({})", random_rule(rng, n, total, depth - 1)))
        .collect();
    parts.join(joiner)
}

#[test]
fn random_games_agree_with_brute_force() {
    let mut rng = Lcg(20261125);
    for case in 0..300 {
        let n = 1 + rng.below(12) as usize;
        let weights: Vec<u64> = (0..n)
            .map(|_| if rng.below(6) == 0 { 0 } else { rng.below(40) })
            .collect();
        let total: u64 = weights.iter().sum();
        let mut rule = random_rule(&mut rng, n, total, 2);
        // A third of the games exclude one member's vote, as in "consensus minus one".
        let excluded = if rng.below(3) == 0 {
            rule = format!("{rule} excluding the accused party");
            vec![PartyId(rng.below(n as u64) as u32)]
        } else {
            Vec::new()
        };
        let t = treaty_with(&weights, &rule);
        assert_agree(
            &t,
            &excluded,
            &format!("case {case}: {rule} {weights:?} {excluded:?}"),
        );
    }
}

#[test]
fn edge_cases() {
    for (weights, rule) in [
        (vec![0, 0, 5], "at least 5 weighted votes"), // zero-weight players, a dictator
        (vec![10, 1, 1], "at least 10 weighted votes"), // weight alone meets the quota
        (vec![3], "consensus"),                       // one-player body
        (vec![1, 1, 1, 1], "unanimity of members"),   // every member a veto player
        (vec![0, 0], "at least 1/2 of weight of members"), // nothing to share
        // Two head counts in one dimension, as in the EU's qualified majority.
        (
            vec![9, 7, 5, 3, 2, 1, 1],
            "(at least 55% of members and at least 4 members and at least 65% of weight of members) or fewer than 2 members against",
        ),
        (vec![1, 1, 1, 1, 1], "at least 3 members or at most 1 members against"),
        // A share of zero is met with no yes vote at all (found by the analyze fuzz target).
        (vec![47, 27, 46], "at least 0/6 of members present"),
        (vec![47, 27, 46], "at least 0% of weight of members"),
        (vec![0, 0, 3], "at least 0% of weight of members"),
    ] {
        let t = treaty_with(&weights, rule);
        assert_agree(&t, &[], &format!("{rule} {weights:?}"));
    }
}

/// Fifteen members deciding by nine votes including the five permanent members (UN Charter
/// Art. 27(3)).
fn security_council() -> Report {
    let mut text = String::new();
    for i in 0..15 {
        text.push_str(&format!("party P{i} \"State {i}\"\n"));
    }
    text.push_str("parties all parties\nclass permanent = P0, P1, P2, P3, P4\n");
    text.push_str(
        "body council { decides d by at least 9 members and no objection from permanent }\n",
    );
    analyze(&crate::testing::resolved(&text), "unsc.treaty", None, &[])
}

#[test]
fn security_council_shapley_shubik_is_the_published_value() {
    // Five permanent members and ten elected; nine votes including the five (Art. 27(3)).
    // Published values: 421/2145 per permanent member, 4/2145 per elected member
    // (e.g. Felsenthal & Machover, The Measurement of Voting Power, 1998).
    let analysis = security_council();
    let parties = &analysis.bodies[0].decisions[0].parties;
    for p in &parties[..5] {
        assert_eq!(p.shapley_shubik.as_ref().unwrap().to_string(), "421/2145");
        assert!(p.veto);
    }
    for p in &parties[5..] {
        assert_eq!(p.shapley_shubik.as_ref().unwrap().to_string(), "4/2145");
    }
    // Banzhaf: 848 swings for each permanent member, 84 for each elected one, of 2^14.
    assert_eq!(parties[0].swings, "848");
    assert_eq!(parties[5].swings, "84");
    assert_eq!(
        analysis.bodies[0].decisions[0].smallest_blocking_coalition,
        Some(1)
    );
}

#[test]
fn a_193_member_assembly_does_not_overflow() {
    let weights = vec![1u64; 193];
    let t = treaty_with(&weights, "at least two thirds of members");
    let c = fast(&t, &[]);
    // Symmetric game: every member has the same swings, and Shapley-Shubik is 1/193.
    assert!(c.swings.iter().all(|s| *s == c.swings[0]));
    let analysis = analyze(&t, "ga.treaty", None, &[]);
    let p = &analysis.bodies[0].decisions[0].parties;
    assert_eq!(p[0].shapley_shubik.as_ref().unwrap().to_string(), "1/193");
    assert_eq!(
        analysis.bodies[0].decisions[0].smallest_blocking_coalition,
        Some(65)
    );
    assert!(c.winning > BigUint::from(u128::MAX));
}

#[test]
fn consensus_minus_one_leaves_the_accused_no_veto() {
    let t = treaty_with(&[1, 1, 1, 1], "consensus excluding the accused party");
    let accused = PartyId(2);
    let analysis = analyze(&t, "t.treaty", None, &[accused]);
    let d = &analysis.bodies[0].decisions[0];
    assert_eq!(d.excluded, vec!["P2"]);
    assert_eq!(d.veto_players, vec!["P0", "P1", "P3"]);
    assert_eq!(d.parties[2].swings, "0");
    assert_eq!(
        d.parties[0].shapley_shubik.as_ref().unwrap().to_string(),
        "1/3"
    );
    assert_agree(&t, &[accused], "consensus minus one");
}

#[test]
fn eec_council_1958_is_the_textbook_value() {
    // The Council of the EEC, 1958-1972: France, Germany, Italy 4 votes, Belgium and the
    // Netherlands 2, Luxembourg 1; a qualified majority of 12 (Felsenthal & Machover, The
    // Measurement of Voting Power, 1998). Luxembourg is a dummy: it never swings.
    let t = treaty_with(&[4, 4, 4, 2, 2, 1], "at least 12 weighted votes");
    let analysis = analyze(&t, "eec.treaty", None, &[]);
    let p = &analysis.bodies[0].decisions[0].parties;
    let normalized: Vec<String> = p
        .iter()
        .map(|x| x.banzhaf_normalized.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(normalized, ["5/21", "5/21", "5/21", "1/7", "1/7", "0/1"]);
    let shapley: Vec<String> = p
        .iter()
        .map(|x| x.shapley_shubik.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(shapley, ["7/30", "7/30", "7/30", "3/20", "3/20", "0/1"]);
    assert_agree(&t, &[], "EEC 1958");
}

#[test]
fn every_arithmetic_counts_the_same() {
    // `count` picks u32, u64, u128, 256-bit or big integers by the number of players; the
    // random games above only reach the first, so all five run here on the same diagrams.
    use super::{diagram::count_as, wide::U256};
    let mut rng = Lcg(7);
    for case in 0..40 {
        let n = 1 + rng.below(12) as usize;
        let weights: Vec<u64> = (0..n).map(|_| rng.below(40)).collect();
        let total: u64 = weights.iter().sum();
        let rule = random_rule(&mut rng, n, total, 2);
        let t = treaty_with(&weights, &rule);
        let body = &t.bodies[0];
        let d = Diagram::build(
            &Game::from_rule(body, &body.decisions[0], &[]),
            &mut unmetered(),
        )
        .unwrap();
        let m = &mut unmetered();
        let reference = count_as::<BigUint>(&d, m).unwrap();
        assert_eq!(
            count_as::<u32>(&d, m).unwrap(),
            reference,
            "case {case}: {rule}"
        );
        assert_eq!(
            count_as::<u64>(&d, m).unwrap(),
            reference,
            "case {case}: {rule}"
        );
        assert_eq!(
            count_as::<u128>(&d, m).unwrap(),
            reference,
            "case {case}: {rule}"
        );
        assert_eq!(
            count_as::<U256>(&d, m).unwrap(),
            reference,
            "case {case}: {rule}"
        );
    }
}

#[test]
fn large_weights_in_two_dimensions_agree_with_brute_force() {
    // Two weight dimensions, both with large values: the narrower one takes too many
    // values for a table of memo buckets, so these games use the hashed buckets.
    let mut rng = Lcg(1958);
    for case in 0..40 {
        let n = 2 + rng.below(9) as usize;
        let weights: Vec<u64> = (0..n).map(|_| 5_000 + rng.below(100_000)).collect();
        let rule = format!(
            "(at least {}% of population of members and at least {}% of weight of members) or at most {} members against",
            1 + rng.below(99),
            1 + rng.below(99),
            rng.below(n as u64),
        );
        let t = treaty_with(&weights, &rule);
        let body = &t.bodies[0];
        assert!(Plane::of(&Game::from_rule(body, &body.decisions[0], &[])).is_some());
        assert_agree(&t, &[], &format!("case {case}: {rule} {weights:?}"));
    }
}

#[test]
fn weights_beyond_every_method_are_reported_not_computed() {
    // Twenty distinct weights (too many kinds to count by types) adding up to 6 * 10^18.
    let mut text = String::new();
    for i in 0..20u64 {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {}\n",
            300_000_000_000_000_000 + i
        ));
    }
    text.push_str(
        "parties all parties\nbody b { decides d by at least 50% of weight of members }\n",
    );
    let report = analyze(&crate::testing::resolved(&text), "t.treaty", None, &[]);
    let decision = &report.bodies[0].decisions[0];
    assert!(decision.parties.is_empty());
    assert!(decision.power_to_act.is_none());
    assert!(decision.method.is_none());
    let missing: Vec<&str> = decision.not_computed.iter().map(|m| m.what).collect();
    assert_eq!(missing, ["banzhaf", "shapley_shubik", "minimal_coalitions"]);
    assert!(
        decision.not_computed[0].reason.contains("more than 2^62"),
        "{:?}",
        decision.not_computed
    );
    // What needs no counting is still there: ten of the heaviest defeat it.
    assert_eq!(decision.smallest_blocking_coalition, Some(10));
    assert!(decision.veto_players.is_empty());
}

#[test]
fn huge_weights_in_a_small_body_are_met_in_the_middle() {
    // Twenty weights near 2 * 10^17, spread over 10^15 even above the lightest: beyond a
    // table of weight sums, not beyond halves.
    let mut text = String::new();
    for i in 0..20u64 {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {}\n",
            200_000_000_000_000_000 + i * i * 1_000_000_000_007 + i
        ));
    }
    text.push_str(
        "parties all parties\nbody b { decides d by at least 50% of weight of members }\n",
    );
    let report = analyze(&crate::testing::resolved(&text), "t.treaty", None, &[]);
    let decision = &report.bodies[0].decisions[0];
    assert_eq!(decision.method.as_deref(), Some("meet in the middle"));
    assert_eq!(decision.parties.len(), 20);
    assert!(decision.parties.iter().all(|p| p.shapley_shubik.is_some()));
}

/// A rule over one weight and the head count, as the weight-sum and meet-in-the-middle
/// methods take them: weighted thresholds, shares, counts, "against" limits, nested.
fn random_weighted_rule(rng: &mut Lcg, n: usize, total: u64, depth: u32) -> String {
    if depth == 0 || rng.below(3) == 0 {
        return match rng.below(7) {
            0 => format!("at least {} weighted votes", rng.below(total + 1)),
            1 => format!("more than {}% of weight of members", rng.below(100)),
            2 => format!("at least {}/{} of weight of members", 1 + rng.below(5), 5),
            3 => format!("at least {} members", rng.below(n as u64 + 1)),
            4 => format!("at most {} members against", rng.below(n as u64)),
            5 => "consensus".into(),
            _ => format!("at least {}/{} of members", 1 + rng.below(9), 10),
        };
    }
    let joiner = if rng.below(2) == 0 { " and " } else { " or " };
    let parts: Vec<String> = (0..2 + rng.below(2))
        .map(|_| format!("({})", random_weighted_rule(rng, n, total, depth - 1)))
        .collect();
    parts.join(joiner)
}

/// Weights with zeros and ties, or huge ones, or a few heavy among many light.
fn random_weights(rng: &mut Lcg, n: usize) -> Vec<u64> {
    match rng.below(3) {
        0 => (0..n)
            .map(|_| if rng.below(4) == 0 { 0 } else { rng.below(12) })
            .collect(),
        1 => (0..n)
            .map(|_| 1_000_000_000_000 + rng.below(1_000_000) * 1_000_000_007)
            .collect(),
        _ => (0..n)
            .map(|i| {
                if i < 2 {
                    500 + rng.below(500)
                } else {
                    rng.below(30)
                }
            })
            .collect(),
    }
}

/// Weights of a common offset plus multiples of a common step (basic votes and votes per
/// share), counted above the lightest player in steps, agree with brute force.
#[test]
fn weights_with_a_common_offset_agree_with_brute_force() {
    let mut rng = Lcg(2015);
    let mut reduced = 0;
    for case in 0..60 {
        let n = 1 + rng.below(12) as usize;
        let (offset, step) = (rng.below(2_000), 1 + rng.below(300));
        let weights: Vec<u64> = (0..n).map(|_| offset + step * rng.below(9)).collect();
        let total: u64 = weights.iter().sum();
        let rule = random_weighted_rule(&mut rng, n, total, 2);
        let t = treaty_with(&weights, &rule);
        let body = &t.bodies[0];
        let game = Game::from_rule(body, &body.decisions[0], &[]);
        if Shape::of(&game).and_then(|s| s.reduced()).is_some() {
            reduced += 1;
        }
        assert_agree(&t, &[], &format!("case {case}: {rule} {weights:?}"));
    }
    assert!(reduced >= 30, "{reduced}");
}

#[test]
fn weighted_rules_agree_with_brute_force_by_every_method() {
    let mut rng = Lcg(1944);
    let mut weighed = 0;
    for case in 0..80 {
        let n = 1 + rng.below(14) as usize;
        let weights = random_weights(&mut rng, n);
        let total: u64 = weights.iter().sum();
        let mut rule = random_weighted_rule(&mut rng, n, total, 2);
        let excluded = if rng.below(4) == 0 {
            rule = format!("{rule} excluding the accused party");
            vec![PartyId(rng.below(n as u64) as u32)]
        } else {
            Vec::new()
        };
        let t = treaty_with(&weights, &rule);
        let body = &t.bodies[0];
        if Shape::of(&Game::from_rule(body, &body.decisions[0], &excluded)).is_some() {
            weighed += 1;
        }
        assert_agree(
            &t,
            &excluded,
            &format!("case {case}: {rule} {weights:?} {excluded:?}"),
        );
    }
    // Nearly all of them are of the form the weight-sum methods take.
    assert!(weighed >= 65, "{weighed}");
}

#[test]
fn the_methods_agree_with_each_other_on_larger_bodies() {
    let mut rng = Lcg(2016);
    for case in 0..4 {
        let n = 15 + rng.below(8) as usize;
        let weights: Vec<u64> = (0..n).map(|_| 1 + rng.below(400)).collect();
        let total: u64 = weights.iter().sum();
        let rule = match case % 3 {
            0 => format!("at least {}% of weight of members", 1 + rng.below(99)),
            1 => format!(
                "at least {}% of members and at least {} weighted votes",
                1 + rng.below(99),
                rng.below(total)
            ),
            _ => format!(
                "(at least {} weighted votes and at least {} members) or at most {} members against",
                rng.below(total),
                rng.below(n as u64),
                rng.below(4)
            ),
        };
        let t = treaty_with(&weights, &rule);
        let body = &t.bodies[0];
        let game = Game::from_rule(body, &body.decisions[0], &[]);
        let results = methods(&game);
        let (first, reference) = &results[0];
        for (method, counts) in &results[1..] {
            let label = format!("case {case}: {method} against {first}: {rule}");
            assert_eq!(counts.winning, reference.winning, "{label}");
            assert_eq!(counts.swings, reference.swings, "{label}");
            if let (Some(a), Some(b)) = (&counts.swings_by_size, &reference.swings_by_size) {
                assert_eq!(a, b, "{label}");
            }
            if counts.minimal_winning.is_some() {
                assert_eq!(counts.minimal_winning, reference.minimal_winning, "{label}");
                assert_eq!(
                    counts.minimal_blocking, reference.minimal_blocking,
                    "{label}"
                );
            }
        }
        assert!(results.len() >= 5, "case {case}: {}", results.len());
    }
}

/// Two hundred members weighing up to a million each, under one rule.
fn large_body(members: usize, rule: &str) -> Treaty {
    let mut rng = Lcg(200);
    let weights: Vec<u64> = (0..members).map(|_| 1 + rng.below(1_000_000)).collect();
    let mut text = String::new();
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {w}, population {}\n",
            1 + (w * 7919) % 1_000_003
        ));
    }
    text.push_str(&format!(
        "parties all parties\nbody b {{ decides d by {rule} }}\n"
    ));
    crate::testing::resolved(&text)
}

#[test]
fn a_rule_beyond_the_budget_says_so_at_once_with_what_needs_no_counting() {
    // Two hundred members with weights up to a million: the smaller side of the quota is
    // about fifty million, a table far beyond a budget of 64 MiB.
    let t = large_body(200, "at least 60% of weight of members");
    let budget = Budget {
        time: std::time::Duration::from_secs(1),
        memory: 64 << 20,
    };
    let start = std::time::Instant::now();
    let report = super::analyze_within(&t, "t.treaty", None, &[], &budget);
    assert!(start.elapsed() < std::time::Duration::from_secs(3));
    let d = &report.bodies[0].decisions[0];
    assert!(d.method.is_none());
    assert!(d.power_to_act.is_none() && d.parties.is_empty());
    assert!(d.smallest_blocking_coalition.is_some());
    let banzhaf = &d.not_computed[0];
    assert_eq!(banzhaf.what, "banzhaf");
    assert!(
        banzhaf.reason.contains("beyond the budget"),
        "{}",
        banzhaf.reason
    );
}

/// A body of `n` members with weights 1, 2 or 3 and `rule`, resolved.
fn many_members(n: usize, rule: &str) -> Treaty {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {}\n",
            1 + i % 2 + usize::from(i % 7 == 0)
        ));
    }
    text.push_str(&format!(
        "parties all parties\nbody b {{ decides d by {rule} }}\n"
    ));
    crate::testing::resolved(&text)
}

#[test]
fn every_kind_of_rule_is_refused_beyond_the_members_limit() {
    // A simple majority is one type of player, cheap to count, but the members limit holds
    // for every rule: 6,000 members once took 35 s and 7.9 GB.
    let n = super::game::MAX_PLAYERS + 1;
    for rule in [
        "a majority of members",
        "consensus",
        "at least 3 weighted votes",
    ] {
        let t = many_members(n, rule);
        let report = analyze(&t, "t.treaty", None, &[]);
        let d = &report.bodies[0].decisions[0];
        let reasons: Vec<&str> = d.not_computed.iter().map(|m| m.reason.as_str()).collect();
        assert_eq!(
            reasons, ["the body has 4097 members; the exact analysis takes at most 4096"; 4],
            "{rule}"
        );
        assert!(d.parties.is_empty() && d.power_to_act.is_none(), "{rule}");
    }
}

#[test]
fn a_rule_of_too_many_parts_is_refused() {
    let rule = vec!["at least 1 members"; 2000].join(" or ");
    let t = many_members(200, &rule);
    let report = analyze(&t, "t.treaty", None, &[]);
    let d = &report.bodies[0].decisions[0];
    assert_eq!(
        d.not_computed.first().map(|m| m.reason.as_str()),
        Some("the rule has 2000 parts over 200 members; the exact analysis takes at most 262144 parts times members")
    );
    assert!(d.power_to_act.is_none());
}

#[test]
fn a_method_stops_when_its_diagram_outgrows_the_memory_budget() {
    // Two measures that rank the members differently: the diagram is the only method, and
    // it grows past a budget of 4 MiB.
    let t = large_body(
        40,
        "at least 50% of weight of members and at least 50% of population of members",
    );
    let budget = Budget {
        time: std::time::Duration::from_secs(20),
        memory: 4 << 20,
    };
    let start = std::time::Instant::now();
    let report = super::analyze_within(&t, "t.treaty", None, &[], &budget);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    let d = &report.bodies[0].decisions[0];
    assert!(d.parties.is_empty());
    let reasons: Vec<&str> = d.not_computed.iter().map(|m| m.reason.as_str()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("outgrew") || r.contains("beyond")),
        "{reasons:?}"
    );
    // Defeating either half defeats the conjunction: found without counting.
    assert!(d.smallest_blocking_coalition.is_some());
    // And the builder itself stops when its nodes outgrow the budget.
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], &[]);
    let mut small = Meter::new(&Budget {
        time: std::time::Duration::from_secs(20),
        memory: 1 << 20,
    });
    assert_eq!(
        Diagram::build(&game, &mut small).err(),
        Some(super::bdd::Limit::Stopped(super::budget::Stop::Memory))
    );
}

#[test]
fn minimal_coalitions_of_the_security_council() {
    // Nine of fifteen including the five: a minimal winning coalition is the five and four
    // of the ten, C(10, 4) = 210; a minimal blocking one is a permanent member alone (5) or
    // seven of the ten elected (C(10, 7) = 120).
    let analysis = security_council();
    let d = &analysis.bodies[0].decisions[0];
    assert_eq!(d.minimal_winning_coalitions.as_deref(), Some("210"));
    assert_eq!(d.minimal_blocking_coalitions.as_deref(), Some("125"));
}

#[test]
fn counts_in_residues_agree_with_the_diagram() {
    // Sixty-six members, beyond what a u64 counts: weight sums count modulo 2^64 and a
    // prime, and recombine; the diagram counts in u128.
    let mut rng = Lcg(66);
    let weights: Vec<u64> = (0..66).map(|_| rng.below(5)).collect();
    let t = treaty_with(
        &weights,
        "at least 50% of weight of members or at least 60 members",
    );
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], &[]);
    let shape = Shape::of(&game).unwrap();
    let plan = sums::plans(&shape, true)[1];
    assert_eq!(plan.passes, 2);
    let by_sums = sums::count(&shape, &plan, &mut unmetered())
        .unwrap()
        .lift(&shape)
        .unwrap();
    let by_diagram = count_all(&Diagram::build(&game, &mut unmetered()).unwrap());
    assert_eq!(by_sums.winning, by_diagram.winning);
    assert_eq!(by_sums.swings, by_diagram.swings);
    assert_eq!(by_sums.swings_by_size, by_diagram.swings_by_size);
    assert_eq!(by_sums.minimal_winning, by_diagram.minimal_winning);
    assert_eq!(by_sums.minimal_blocking, by_diagram.minimal_blocking);
    assert!(by_sums.winning > BigUint::from(u64::MAX));
}
