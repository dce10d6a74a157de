//! The exact algorithms against brute force over every coalition, with the evaluation core
//! ([`crate::decision::coalition_wins`]) as the definition of winning.

use super::bdd::Diagram;
use super::game::Game;
use super::{analyze, count, Counts};
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
    let wins = |mask: u64| {
        let yes: Vec<bool> = (0..n).map(|i| mask >> i & 1 == 1).collect();
        coalition_wins(body, rule, &yes, excluded)
    };
    let mut winning = BigUint::zero();
    let mut swings = vec![BigUint::zero(); n];
    let mut by_size = vec![vec![BigUint::zero(); n]; n];
    let mut smallest: Option<usize> = None;
    for mask in 0..(1u64 << n) {
        let w = wins(mask);
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
        swings_by_size: by_size,
        smallest_blocking: smallest.map(|s| vec![0; s]),
        alike: (0..n).collect(),
    }
}

fn fast(t: &Treaty, excluded: &[PartyId]) -> Counts {
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], excluded);
    count(&Diagram::build(&game).unwrap())
}

/// The diagram's counts, and the counts by player types where those apply, equal brute
/// force's; and each method's example blocking coalition blocks.
fn assert_agree(t: &Treaty, excluded: &[PartyId], label: &str) {
    let b = brute(t, excluded);
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], excluded);
    let mut methods = vec![("diagram", fast(t, excluded))];
    if let Some(by_types) = super::count_by_types(&game) {
        methods.push(("types", by_types));
    }
    for (method, f) in methods {
        let label = format!("{method}: {label}");
        assert_eq!(f.winning, b.winning, "{label}");
        assert_eq!(f.swings, b.swings, "{label}");
        assert_eq!(f.swings_by_size, b.swings_by_size, "{label}");
        for (i, &first) in f.alike.iter().enumerate() {
            // Players said to be alike share their indices in the report.
            assert!(first <= i, "{label}");
            assert_eq!(f.swings_by_size[first], f.swings_by_size[i], "{label}");
        }
        assert_eq!(
            f.smallest_blocking.as_ref().map(Vec::len),
            b.smallest_blocking.as_ref().map(Vec::len),
            "{label}"
        );
        if let Some(example) = &f.smallest_blocking {
            let yes: Vec<bool> = (0..f.n).map(|i| !example.contains(&i)).collect();
            assert!(
                !coalition_wins(body, &body.decisions[0], &yes, excluded),
                "{label}"
            );
        }
    }
}

fn random_atom(rng: &mut Lcg, n: usize, total_weight: u64) -> String {
    match rng.below(8) {
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

#[test]
fn security_council_shapley_shubik_is_the_published_value() {
    // Five permanent members and ten elected; nine votes including the five (Art. 27(3)).
    // Published values: 421/2145 per permanent member, 4/2145 per elected member
    // (e.g. Felsenthal & Machover, The Measurement of Voting Power, 1998).
    let mut text = String::new();
    for i in 0..15 {
        text.push_str(&format!("party P{i} \"State {i}\"\n"));
    }
    text.push_str("parties all parties\nclass permanent = P0, P1, P2, P3, P4\n");
    text.push_str(
        "body council { decides d by at least 9 members and no objection from permanent }\n",
    );
    let analysis = analyze(&crate::testing::resolved(&text), "unsc.treaty", None, &[]);
    let parties = &analysis.bodies[0].decisions[0].parties;
    for p in &parties[..5] {
        assert_eq!(p.shapley_shubik.to_string(), "421/2145");
        assert!(p.veto);
    }
    for p in &parties[5..] {
        assert_eq!(p.shapley_shubik.to_string(), "4/2145");
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
    assert_eq!(p[0].shapley_shubik.to_string(), "1/193");
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
    assert_eq!(d.parties[0].shapley_shubik.to_string(), "1/3");
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
    let normalized: Vec<String> = p.iter().map(|x| x.banzhaf_normalized.to_string()).collect();
    assert_eq!(normalized, ["5/21", "5/21", "5/21", "1/7", "1/7", "0/1"]);
    let shapley: Vec<String> = p.iter().map(|x| x.shapley_shubik.to_string()).collect();
    assert_eq!(shapley, ["7/30", "7/30", "7/30", "3/20", "3/20", "0/1"]);
    assert_agree(&t, &[], "EEC 1958");
}

#[test]
fn every_arithmetic_counts_the_same() {
    // `count` picks u32, u64, u128, 256-bit or big integers by the number of players; the
    // random games above only reach the first, so all five run here on the same diagrams.
    use super::{count_as, wide::U256};
    let mut rng = Lcg(7);
    for case in 0..40 {
        let n = 1 + rng.below(12) as usize;
        let weights: Vec<u64> = (0..n).map(|_| rng.below(40)).collect();
        let total: u64 = weights.iter().sum();
        let rule = random_rule(&mut rng, n, total, 2);
        let t = treaty_with(&weights, &rule);
        let body = &t.bodies[0];
        let d = Diagram::build(&Game::from_rule(body, &body.decisions[0], &[])).unwrap();
        let reference = count_as::<BigUint>(&d);
        assert_eq!(count_as::<u32>(&d), reference, "case {case}: {rule}");
        assert_eq!(count_as::<u64>(&d), reference, "case {case}: {rule}");
        assert_eq!(count_as::<u128>(&d), reference, "case {case}: {rule}");
        assert_eq!(count_as::<U256>(&d), reference, "case {case}: {rule}");
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
        assert_agree(&t, &[], &format!("case {case}: {rule} {weights:?}"));
    }
}

#[test]
fn weights_beyond_the_limit_are_reported_not_computed() {
    // Twenty distinct weights (too many types to count by types) adding up to 4 * 10^18.
    let mut text = String::new();
    for i in 0..20u64 {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {}\n",
            200_000_000_000_000_000 + i
        ));
    }
    text.push_str(
        "parties all parties\nbody b { decides d by at least 50% of weight of members }\n",
    );
    let report = analyze(&crate::testing::resolved(&text), "t.treaty", None, &[]);
    let decision = &report.bodies[0].decisions[0];
    assert!(decision.parties.is_empty());
    assert_eq!(
        decision.not_computed.as_deref(),
        Some("the weights add up to more than 2^61; the exact analysis takes less")
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
        assert_eq!(
            d.not_computed.as_deref(),
            Some("the body has 4097 members; the exact analysis takes at most 4096"),
            "{rule}"
        );
        assert!(d.parties.is_empty() && d.veto_players.is_empty(), "{rule}");
    }
}

#[test]
fn a_rule_of_too_many_parts_is_refused() {
    let rule = vec!["at least 1 members"; 2000].join(" or ");
    let t = many_members(200, &rule);
    let report = analyze(&t, "t.treaty", None, &[]);
    let d = &report.bodies[0].decisions[0];
    assert_eq!(
        d.not_computed.as_deref(),
        Some("the rule has 2000 parts over 200 members; the exact analysis takes at most 262144 parts times members")
    );
}

#[test]
fn counting_beyond_its_budget_is_refused_before_it_starts() {
    // Three weights among 500 members: too many count vectors for player types, and a
    // diagram whose rows of big integers would take gigabytes.
    let t = many_members(500, "at least 50% of weight of members");
    let report = analyze(&t, "t.treaty", None, &[]);
    let d = &report.bodies[0].decisions[0];
    let why = d.not_computed.as_deref().unwrap_or("");
    assert!(
        why.starts_with("counting the rule's coalitions would take about"),
        "{why}"
    );
    assert!(d.parties.is_empty());
}
