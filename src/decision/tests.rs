//! The decision core's tests: ballots, vetoes, boycotts and blockers on small bodies.

use super::*;
use crate::model::Treaty;

/// A treaty of `n` parties P0.. with one body `b` deciding `d` by `rule`.
fn body(n: usize, quorum: &str, rule: &str) -> Treaty {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("party P{i} \"State {i}\" with weight {}\n", i + 1));
    }
    text.push_str("parties all parties\n");
    if n >= 2 {
        text.push_str("class big = P0, P1\n");
    }
    text.push_str(&format!("body b {{ {quorum} decides d by {rule} }}\n"));
    crate::testing::resolved(&text)
}

fn outcome(t: &Treaty, votes: &[Vote]) -> Decision {
    let b = &t.bodies[0];
    decide(b, &b.decisions[0], votes, &[])
}

use Vote::{Absent as X, Abstain as A, No as N, Yes as Y};

#[test]
fn consensus_is_blocked_by_an_objection_not_an_abstention() {
    let t = body(3, "", "consensus");
    assert_eq!(outcome(&t, &[Y, A, X]).outcome, Outcome::Adopted);
    let d = outcome(&t, &[Y, N, A]);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.blocked_by, vec![PartyId(1)]);
    assert_eq!(d.decisive, vec![PartyId(1)]);
}

#[test]
fn abstention_blocks_when_the_rule_says_so() {
    let t = body(3, "", "consensus abstention blocks");
    let d = outcome(&t, &[Y, Y, A]);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.blocked_by, vec![PartyId(2)]);
}

#[test]
fn unanimity_of_members_counts_absence_against() {
    let t = body(3, "", "unanimity of members");
    let d = outcome(&t, &[Y, Y, X]);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.blocked_by, vec![PartyId(2)]);
    let t = body(3, "", "unanimity of members present");
    assert_eq!(outcome(&t, &[Y, Y, X]).outcome, Outcome::Adopted);
    assert_eq!(outcome(&t, &[Y, Y, A]).outcome, Outcome::Rejected);
    let t = body(
        3,
        "",
        "unanimity of members present abstention does not block",
    );
    assert_eq!(outcome(&t, &[Y, Y, A]).outcome, Outcome::Adopted);
}

#[test]
fn quorum_comes_first() {
    let t = body(6, "quorum at least two thirds of members", "consensus");
    let d = outcome(&t, &[Y, Y, Y, X, X, X]);
    assert_eq!(d.outcome, Outcome::NotQuorate);
    assert_eq!(d.required_attendance, 4);
    assert_eq!(d.blocked_by, vec![PartyId(3), PartyId(4), PartyId(5)]);
    assert_eq!(outcome(&t, &[Y, Y, Y, A, X, X]).outcome, Outcome::Adopted);
}

#[test]
fn shares_of_members_present_and_votes_cast_differ() {
    let members = body(5, "", "at least 3/5 of members");
    let cast = body(5, "", "at least 3/5 of votes cast");
    let votes = [Y, Y, N, A, X];
    assert_eq!(outcome(&members, &votes).outcome, Outcome::Rejected);
    assert_eq!(outcome(&cast, &votes).outcome, Outcome::Adopted);
}

#[test]
fn weighted_votes_and_double_majority() {
    // Weights 1..=5, total 15.
    let t = body(5, "", "at least 10 weighted votes");
    assert_eq!(outcome(&t, &[N, N, N, Y, Y]).outcome, Outcome::Rejected); // 9
    assert_eq!(outcome(&t, &[Y, N, N, Y, Y]).outcome, Outcome::Adopted); // 10
    let t = body(
        5,
        "",
        "at least 55% of members and at least 65% of weight of members",
    );
    // 3 of 5 members (60%) holding 3+4+5 = 12 of 15 (80%).
    assert_eq!(outcome(&t, &[N, N, Y, Y, Y]).outcome, Outcome::Adopted);
    // 3 of 5 members holding 1+2+3 = 6 of 15.
    assert_eq!(outcome(&t, &[Y, Y, Y, N, N]).outcome, Outcome::Rejected);
}

#[test]
fn named_veto_holders() {
    let t = body(5, "", "at least 3 members and no objection from big");
    assert_eq!(outcome(&t, &[A, Y, Y, Y, N]).outcome, Outcome::Adopted);
    let d = outcome(&t, &[N, Y, Y, Y, Y]);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(
        veto_players(&t.bodies[0], &t.bodies[0].decisions[0]),
        vec![PartyId(0), PartyId(1)]
    );
}

#[test]
fn only_the_failing_part_of_a_rule_names_who_blocked() {
    // Nine of fifteen and no objection from P0 and P1: P0 objects, P2 abstains. The count
    // is met, so P2's abstention blocked nothing; and P3's "no" is no veto.
    let t = body(15, "", "at least 9 members and no objection from big");
    let mut votes = vec![Y; 15];
    votes[0] = N;
    votes[2] = A;
    votes[3] = N;
    let d = outcome(&t, &votes);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.blocked_by, vec![PartyId(0)]);
}

#[test]
fn excluded_roles_do_not_vote() {
    let t = body(4, "", "consensus excluding the accused party");
    let b = &t.bodies[0];
    let d = decide(b, &b.decisions[0], &[N, Y, Y, Y], &[PartyId(0)]);
    assert_eq!(d.outcome, Outcome::Adopted);
    let d = decide(b, &b.decisions[0], &[N, Y, Y, Y], &[]);
    assert_eq!(d.outcome, Outcome::Rejected);
}

#[test]
fn no_consent_required_cannot_be_blocked() {
    let t = body(3, "", "no consent required");
    assert_eq!(outcome(&t, &[N, N, N]).outcome, Outcome::Adopted);
    assert!(veto_players(&t.bodies[0], &t.bodies[0].decisions[0]).is_empty());
}

#[test]
fn against_limit() {
    let t = body(5, "", "fewer than 2 members against");
    assert_eq!(outcome(&t, &[N, Y, Y, Y, Y]).outcome, Outcome::Adopted);
    assert_eq!(outcome(&t, &[N, N, Y, Y, Y]).outcome, Outcome::Rejected);
}

#[test]
fn smallest_boycott_agrees_with_trying_every_attendance() {
    for (n, quorum) in [
        (57, "quorum at least two thirds of members"),
        (57, "quorum at least four fifths of members"),
        (10, "quorum at least 9 members"),
        (7, "quorum at least 1/2 of members"),
        (1, "quorum at least 1/2 of members"),
    ] {
        let t = body(n, quorum, "consensus");
        let b = &t.bodies[0];
        let brute = (0..=n).find(|&absent| {
            let votes: Vec<Vote> = (0..n).map(|i| if i < absent { X } else { Y }).collect();
            decide(b, &b.decisions[0], &votes, &[]).outcome == Outcome::NotQuorate
        });
        assert_eq!(smallest_boycott(b), brute, "{n} {quorum}");
    }
    let est = body(57, "quorum at least two thirds of members", "consensus");
    assert_eq!(smallest_boycott(&est.bodies[0]), Some(20));
    let extraordinary = body(57, "quorum at least four fifths of members", "consensus");
    assert_eq!(smallest_boycott(&extraordinary.bodies[0]), Some(12));
}

#[test]
fn a_share_of_some_of_the_members_counts_only_them() {
    // Five members, two of them (`big`) on a council: a majority of the three not on it
    // is two of P2, P3, P4, whatever P0 and P1 vote.
    let mut text = String::new();
    for i in 0..5 {
        text.push_str(&format!("party P{i} \"State {i}\"\n"));
    }
    // The council is declared after the rule that names it.
    text.push_str("parties all parties\n");
    text.push_str("body assembly { decides d by a majority of members not on council }\n");
    text.push_str("body council { members P0, P1 }\n");
    let t = crate::testing::resolved(&text);
    let b = &t.bodies[0];
    let d = &b.decisions[0];
    assert_eq!(d.rule.to_string(), "a majority of members not on council");
    assert_eq!(
        decide(b, d, &[N, N, Y, Y, N], &[]).outcome,
        Outcome::Adopted
    );
    assert_eq!(
        decide(b, d, &[Y, Y, Y, N, N], &[]).outcome,
        Outcome::Rejected
    );
    // The members other than the parties to the dispute: their votes are left out.
    let text = text.replace(
        "a majority of members not on council",
        "at least two thirds of members other than the parties to the dispute",
    );
    let t = crate::testing::resolved(&text);
    let b = &t.bodies[0];
    let d = &b.decisions[0];
    assert_eq!(d.excluded, vec![crate::model::Role::DisputeParties]);
    let case = [PartyId(0), PartyId(1)];
    assert_eq!(
        decide(b, d, &[N, N, Y, Y, N], &case).outcome,
        Outcome::Adopted
    );
    assert_eq!(
        decide(b, d, &[Y, Y, Y, N, N], &case).outcome,
        Outcome::Rejected
    );
}

#[test]
fn a_required_ratification_is_not_given_by_staying_away() {
    // `concurring votes of` is no objection: a holder that abstains does not block. A
    // ratification required of the holders is an act: one that does nothing blocks.
    let t = body(5, "", "at least 3 members and no objection from big");
    assert_eq!(outcome(&t, &[A, X, Y, Y, Y]).outcome, Outcome::Adopted);
    let mut t = body(5, "", "at least 3 members and no objection from big");
    if let Some(VotingRule::All(parts)) = t.bodies[0].decisions.get_mut(0).map(|d| &mut d.rule) {
        for p in parts {
            if let VotingRule::Veto { ratification, .. } = p {
                *ratification = true;
            }
        }
    }
    let d = outcome(&t, &[A, X, Y, Y, Y]);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.blocked_by, vec![PartyId(0), PartyId(1)]);
}

#[test]
fn fewest_blockers_agree_with_trying_every_coalition() {
    for rule in [
        "consensus",
        "at least 2/3 of members",
        "at least 4 members",
        "more than 1/2 of members and no objection from big",
        "at most 1 members against",
        "at least 3 members and at least 3/5 of members",
    ] {
        let t = body(6, "", rule);
        let b = &t.bodies[0];
        let brute = (0..=6usize).find(|&k| {
            // Some coalition of k no votes defeats it.
            (0u32..1 << 6)
                .filter(|m| m.count_ones() as usize == k)
                .any(|m| {
                    let yes: Vec<bool> = (0..6).map(|i| m & (1 << i) == 0).collect();
                    !coalition_wins(b, &b.decisions[0], &yes, &[])
                })
        });
        assert_eq!(fewest_blockers(b, &b.decisions[0]), brute, "{rule}");
    }
}

#[test]
fn veto_players_agree_with_every_single_objection() {
    for rule in [
        "consensus",
        "unanimity of members",
        "at least 2/3 of members",
        "at least 4 members",
        "a majority of members or no objection from big",
        "at least 12 weighted votes",
        "at least 15 weighted votes",
        "more than 14 weighted votes",
        "at least 3/5 of weight of members",
        "at least 55% of members and at least 65% of weight of members",
        "at least 4/5 of votes cast",
        "unanimity of votes cast",
        "more than 4 members",
        "fewer than 1 members against",
        "at most 1 members against",
        "(at least 2/3 of members and no objection from big) or unanimity of members",
        "at least 90% of weight of members or at least 5 members",
        "at least 1/2 of members present and (no objection from big or at least 13 weighted votes)",
    ] {
        let t = body(5, "", rule);
        let b = &t.bodies[0];
        let brute: Vec<PartyId> = (0..5)
            .filter(|&i| {
                let votes: Vec<Vote> = (0..5).map(|j| if j == i { N } else { Y }).collect();
                decide(b, &b.decisions[0], &votes, &[]).outcome == Outcome::Rejected
            })
            .map(|i| PartyId(i as u32))
            .collect();
        assert_eq!(veto_players(b, &b.decisions[0]), brute, "{rule}");
    }
}
