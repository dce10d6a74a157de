//! What a decision rule decides: given a body, one of its decision rules, who attends and how
//! each member votes, the outcome (adopted, rejected, not quorate) and who blocked it.
//!
//! This is the one implementation of the rules' meaning. The lints ask it who can block; the
//! analysis uses it as the brute-force oracle for its exact algorithms; the scenario runner
//! asks it what a conference decided.
//!
//! ```
//! use treaty::decision::{decide, Outcome, Vote};
//! let report = treaty::check_source("t.treaty", r#"
//!     party A "A"
//!     party B "B"
//!     party C "C"
//!     parties A, B, C
//!     body council { decides anything by consensus }
//! "#, &[]);
//! let council = &report.treaties[0].bodies[0];
//! let rule = &council.decisions[0];
//! // A in favour, B objects, C abstains: consensus fails, and B is who blocked it.
//! let votes = [Vote::Yes, Vote::No, Vote::Abstain];
//! let decision = decide(council, rule, &votes, &[]);
//! assert_eq!(decision.outcome, Outcome::Rejected);
//! assert_eq!(decision.blocked_by, vec![council.members[1]]);
//! ```

use crate::model::{
    Abstention, Base, Body, DecisionRule, PartyId, Quorum, QuorumThreshold, VotingRule,
};
use serde::Serialize;

/// How one member acts on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vote {
    /// In favour.
    Yes,
    /// Against: an objection, which blocks a consensus.
    No,
    /// Present, voting neither way; whether that counts against depends on the rule.
    Abstain,
    /// Not present: counts against the quorum, and against rules of all members.
    Absent,
}

/// What a ballot decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The rule was met.
    Adopted,
    /// Enough attended, and the rule was not met.
    Rejected,
    /// Too few attended for the body to decide anything.
    NotQuorate,
}

impl Outcome {
    /// The outcome as a scenario's trace and expectations write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Rejected => "rejected",
            Outcome::NotQuorate => "not quorate",
        }
    }
}

/// The outcome and the members it turned on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Adopted, rejected, or not quorate.
    pub outcome: Outcome,
    /// Members present (any vote but `Absent`).
    pub present: usize,
    /// Attendance the quorum required.
    pub required_attendance: usize,
    /// Rejected: the members whose vote counted against (objectors; abstainers and
    /// absentees where the rule counts them against). Not quorate: the absentees.
    pub blocked_by: Vec<PartyId>,
    /// Rejected: the members any one of whom, voting yes instead, would have carried it.
    /// Left empty for a body and rule too large to try each member's vote in turn (more
    /// than [`MAX_DECISIVE_WORK`] members times members times parts of the rule).
    pub decisive: Vec<PartyId>,
}

/// Trying each member's vote in turn costs members times members times the rule's parts;
/// beyond this, [`Decision::decisive`] is not computed (a few seconds at most).
pub const MAX_DECISIVE_WORK: usize = 100_000_000;

/// A member's vote as the rule sees it: excluded members' votes do not count at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cast {
    Vote(Vote),
    Excluded,
}

/// The smallest attendance that makes a body of `members` quorate.
pub fn required_attendance(quorum: Option<&Quorum>, members: usize) -> usize {
    match quorum.map(|q| q.rule) {
        None => 0,
        Some(QuorumThreshold::Count(n)) => usize::try_from(n).unwrap_or(usize::MAX),
        Some(QuorumThreshold::Share(ratio)) => {
            let k = ratio.smallest_reaching(members as u128, crate::model::Comparison::AtLeast);
            usize::try_from(k).unwrap_or(usize::MAX)
        }
    }
}

/// How many members staying away stop the body from meeting; `None` when no boycott can
/// (no quorum, or a quorum of zero).
pub fn smallest_boycott(body: &Body) -> Option<usize> {
    let n = body.members.len();
    let need = required_attendance(body.quorum.as_ref(), n);
    if need == 0 {
        return None;
    }
    // Attendance below `need` fails: n - (need - 1) absentees, or none if it can never meet.
    Some(n.saturating_sub(need.saturating_sub(1)).min(n))
}

/// Decides a proposal. `votes[i]` is the vote of `body.members[i]` (missing entries are
/// absent); `excluded` are the parties whose votes do not count in this case (the aggressor,
/// the parties to the dispute), as far as the rule excludes anyone.
pub fn decide(body: &Body, rule: &DecisionRule, votes: &[Vote], excluded: &[PartyId]) -> Decision {
    let n = body.members.len();
    let vote_of = |i: usize| votes.get(i).copied().unwrap_or(Vote::Absent);
    let present = (0..n).filter(|&i| vote_of(i) != Vote::Absent).count();
    let required = required_attendance(body.quorum.as_ref(), n);
    if present < required {
        return Decision {
            outcome: Outcome::NotQuorate,
            present,
            required_attendance: required,
            blocked_by: (0..n)
                .filter(|&i| vote_of(i) == Vote::Absent)
                .filter_map(|i| body.members.get(i).copied())
                .collect(),
            decisive: Vec::new(),
        };
    }
    let excludes = !rule.excluded.is_empty();
    let casts: Vec<Cast> = (0..n)
        .map(|i| {
            let member = body.members.get(i).copied();
            if excludes && member.is_some_and(|m| excluded.contains(&m)) {
                Cast::Excluded
            } else {
                Cast::Vote(vote_of(i))
            }
        })
        .collect();
    let tally = Tally {
        body,
        casts: &casts,
        abstention: rule.abstention,
    };
    if tally.passes(&rule.rule) {
        return Decision {
            outcome: Outcome::Adopted,
            present,
            required_attendance: required,
            blocked_by: Vec::new(),
            decisive: Vec::new(),
        };
    }
    let blocked_by = tally
        .blockers(&rule.rule)
        .into_iter()
        .zip(&body.members)
        .filter_map(|(blocks, &m)| blocks.then_some(m))
        .collect();
    let tries = n.saturating_mul(n).saturating_mul(rule.rule.parts());
    let decisive = (0..n)
        .filter(|_| tries <= MAX_DECISIVE_WORK)
        .filter(|&i| {
            let Some(Cast::Vote(v)) = casts.get(i) else {
                return false;
            };
            if *v == Vote::Yes {
                return false;
            }
            let mut changed = casts.clone();
            if let Some(slot) = changed.get_mut(i) {
                *slot = Cast::Vote(Vote::Yes);
            }
            Tally {
                casts: &changed,
                ..tally
            }
            .passes(&rule.rule)
        })
        .filter_map(|i| body.members.get(i).copied())
        .collect();
    Decision {
        outcome: Outcome::Rejected,
        present,
        required_attendance: required,
        blocked_by,
        decisive,
    }
}

/// Whether the rule carries a proposal when exactly the members in `yes` vote for it and
/// every other member attends and votes against, quorum aside. `yes[i]` is for
/// `body.members[i]`; `excluded` are the parties whose votes do not count in this case, as
/// far as the rule excludes anyone. The analysis enumerates coalitions through this in its
/// tests.
pub fn coalition_wins(
    body: &Body,
    rule: &DecisionRule,
    yes: &[bool],
    excluded: &[PartyId],
) -> bool {
    let excludes = !rule.excluded.is_empty();
    let casts: Vec<Cast> = (0..body.members.len())
        .map(|i| {
            let member = body.members.get(i);
            if excludes && member.is_some_and(|m| excluded.contains(m)) {
                Cast::Excluded
            } else if yes.get(i).copied().unwrap_or(false) {
                Cast::Vote(Vote::Yes)
            } else {
                Cast::Vote(Vote::No)
            }
        })
        .collect();
    Tally {
        body,
        casts: &casts,
        abstention: rule.abstention,
    }
    .passes(&rule.rule)
}

/// The members who can block a decision alone: with everyone present, the rest in favour
/// and this one against, it fails.
///
/// Computed in one pass over the members for each part of the rule rather than by deciding
/// `n` ballots; the tests check it against [`decide`] on every such ballot.
pub fn veto_players(body: &Body, rule: &DecisionRule) -> Vec<PartyId> {
    let vetoes = single_objection_blocks(&rule.rule, &body.members);
    body.members
        .iter()
        .zip(vetoes)
        .filter_map(|(&m, veto)| veto.then_some(m))
        .collect()
}

/// [`veto_players`] in a case where `excluded` do not vote (the accused, the parties to the
/// dispute): an excluded member blocks nothing, and the others are tried one by one.
pub fn veto_players_in_case(
    body: &Body,
    rule: &DecisionRule,
    excluded: &[PartyId],
) -> Vec<PartyId> {
    if excluded.is_empty() || rule.excluded.is_empty() {
        return veto_players(body, rule);
    }
    let n = body.members.len();
    let mut yes = vec![true; n];
    let mut out = Vec::new();
    for (i, &member) in body.members.iter().enumerate() {
        if excluded.contains(&member) {
            continue;
        }
        if let Some(slot) = yes.get_mut(i) {
            *slot = false;
        }
        if !coalition_wins(body, rule, &yes, excluded) {
            out.push(member);
        }
        if let Some(slot) = yes.get_mut(i) {
            *slot = true;
        }
    }
    out
}

/// How few members, voting no (or, for a ratification, not ratifying) while every other
/// member votes yes, defeat the rule: one for a veto, `n - k + 1` for `k` of `n` needed.
/// `None` where no coalition of no votes defeats it, and where the rule has a part this does
/// not reckon simply (a weighted count, an "or" of requirements); the analysis counts those.
pub fn fewest_blockers(body: &Body, rule: &DecisionRule) -> Option<usize> {
    fn of(rule: &VotingRule, members: &[PartyId], body: &Body) -> Option<Option<usize>> {
        let n = members.len();
        // `Some(None)`: nothing defeats this part; `None`: not reckoned here.
        Some(match rule {
            VotingRule::Consensus | VotingRule::Unanimity(_) => (n > 0).then_some(1),
            VotingRule::Share {
                comparison,
                ratio,
                measure: crate::model::Measure::Heads,
                ..
            } => {
                let need = ratio.smallest_reaching(n as u128, *comparison);
                let need = usize::try_from(need).unwrap_or(usize::MAX);
                (need > 0)
                    .then(|| n.saturating_sub(need) + 1)
                    .filter(|&k| k <= n)
            }
            VotingRule::Count { comparison, count } => {
                let need = match comparison {
                    crate::model::Comparison::AtLeast => *count,
                    crate::model::Comparison::MoreThan => count.saturating_add(1),
                };
                let need = usize::try_from(need).unwrap_or(usize::MAX);
                if need > n {
                    Some(0)
                } else {
                    (need > 0).then(|| n - need + 1)
                }
            }
            VotingRule::Veto { holders, .. } => body
                .members
                .iter()
                .any(|m| holders.binary_search(m).is_ok())
                .then_some(1),
            VotingRule::AgainstLimit { max_against } => {
                let k = usize::try_from(*max_against).unwrap_or(usize::MAX);
                (k < n).then_some(k + 1)
            }
            VotingRule::All(parts) => {
                let mut best: Option<usize> = None;
                for p in parts {
                    if let Some(k) = of(p, members, body)? {
                        best = Some(best.map_or(k, |b| b.min(k)));
                    }
                }
                best
            }
            VotingRule::Share { .. } | VotingRule::Weighted { .. } | VotingRule::Any(_) => {
                return None
            }
        })
    }
    if !rule.excluded.is_empty() {
        return None;
    }
    of(&rule.rule, &body.members, body)?
}

/// For each member `i`: does the rule fail when every member attends, `i` votes no and the
/// rest vote yes?
fn single_objection_blocks(rule: &VotingRule, members: &[PartyId]) -> Vec<bool> {
    let n = members.len();
    let all = |v: bool| vec![v; n];
    match rule {
        // One objection is one objection too many; excluded roles are unbound here.
        VotingRule::Consensus | VotingRule::Unanimity(_) => all(true),
        VotingRule::Share {
            comparison,
            ratio,
            measure,
            ..
        } => {
            let weight = |i: usize| measure.weight(i);
            // Everyone votes, so every base is the whole membership.
            let total = (0..n).fold(0u128, |a, i| a.saturating_add(weight(i)));
            (0..n)
                .map(|i| total == 0 || !ratio.reached_by(total - weight(i), total, *comparison))
                .collect()
        }
        VotingRule::Count { comparison, count } => {
            let yes = n.saturating_sub(1) as u64;
            let passes = match comparison {
                crate::model::Comparison::AtLeast => yes >= *count,
                crate::model::Comparison::MoreThan => yes > *count,
            };
            all(!passes)
        }
        VotingRule::Weighted {
            comparison,
            quota,
            weights,
            ..
        } => {
            let weight = |i: usize| weights.get(i).copied().unwrap_or(0);
            let total = (0..n).fold(0u128, |a, i| a.saturating_add(weight(i)));
            (0..n)
                .map(|i| {
                    let yes = total - weight(i);
                    !match comparison {
                        crate::model::Comparison::AtLeast => yes >= *quota,
                        crate::model::Comparison::MoreThan => yes > *quota,
                    }
                })
                .collect()
        }
        VotingRule::Veto { holders, .. } => members
            .iter()
            .map(|m| holders.binary_search(m).is_ok())
            .collect(),
        VotingRule::AgainstLimit { max_against } => all(*max_against == 0),
        // All fails if any part fails; Any fails only if every part fails.
        VotingRule::All(parts) => parts.iter().fold(all(false), |acc, p| {
            acc.into_iter()
                .zip(single_objection_blocks(p, members))
                .map(|(a, b)| a || b)
                .collect()
        }),
        VotingRule::Any(parts) => parts.iter().fold(all(true), |acc, p| {
            acc.into_iter()
                .zip(single_objection_blocks(p, members))
                .map(|(a, b)| a && b)
                .collect()
        }),
    }
}

#[derive(Clone, Copy)]
struct Tally<'a> {
    body: &'a Body,
    casts: &'a [Cast],
    abstention: Abstention,
}

impl Tally<'_> {
    fn voters(&self) -> impl Iterator<Item = (usize, Vote)> + '_ {
        self.casts.iter().enumerate().filter_map(|(i, c)| match c {
            Cast::Vote(v) => Some((i, *v)),
            Cast::Excluded => None,
        })
    }

    fn passes(&self, rule: &VotingRule) -> bool {
        match rule {
            VotingRule::Consensus => self.voters().all(|(_, v)| match v {
                Vote::No => false,
                Vote::Abstain => self.abstention != Abstention::Blocks,
                Vote::Yes | Vote::Absent => true,
            }),
            VotingRule::Unanimity(base) => {
                let mut any_yes = false;
                let all = self.voters().all(|(_, v)| match v {
                    Vote::Yes => {
                        any_yes = true;
                        true
                    }
                    Vote::No => false,
                    Vote::Abstain => match base {
                        Base::VotesCast => self.abstention != Abstention::Blocks,
                        _ => self.abstention == Abstention::DoesNotBlock,
                    },
                    Vote::Absent => *base != Base::Members,
                });
                all && any_yes
            }
            VotingRule::Share {
                comparison,
                ratio,
                measure,
                base,
            } => {
                let weight = |i: usize| measure.weight(i);
                let mut yes: u128 = 0;
                let mut whole: u128 = 0;
                for (i, v) in self.voters() {
                    let w = weight(i);
                    if v == Vote::Yes {
                        yes = yes.saturating_add(w);
                    }
                    if self.in_base(*base, v) {
                        whole = whole.saturating_add(w);
                    }
                }
                whole > 0 && ratio.reached_by(yes, whole, *comparison)
            }
            VotingRule::Count { comparison, count } => {
                let yes = self.voters().filter(|(_, v)| *v == Vote::Yes).count() as u64;
                match comparison {
                    crate::model::Comparison::AtLeast => yes >= *count,
                    crate::model::Comparison::MoreThan => yes > *count,
                }
            }
            VotingRule::Weighted {
                comparison,
                quota,
                weights,
                ..
            } => {
                let yes = self
                    .voters()
                    .filter(|(_, v)| *v == Vote::Yes)
                    .fold(0u128, |a, (i, _)| {
                        a.saturating_add(weights.get(i).copied().unwrap_or(0))
                    });
                match comparison {
                    crate::model::Comparison::AtLeast => yes >= *quota,
                    crate::model::Comparison::MoreThan => yes > *quota,
                }
            }
            VotingRule::Veto {
                holders,
                ratification,
                ..
            } => self.voters().all(|(i, v)| {
                let holds = self
                    .body
                    .members
                    .get(i)
                    .is_some_and(|m| holders.binary_search(m).is_ok());
                // A required ratification is an act: only a yes gives it.
                !holds
                    || match v {
                        Vote::Yes => true,
                        Vote::No => false,
                        Vote::Abstain | Vote::Absent => {
                            !ratification && self.abstention != Abstention::Blocks
                        }
                    }
            }),
            VotingRule::AgainstLimit { max_against } => {
                let against = self
                    .voters()
                    .filter(|(_, v)| {
                        *v == Vote::No
                            || (*v == Vote::Abstain && self.abstention == Abstention::Blocks)
                    })
                    .count() as u64;
                against <= *max_against
            }
            VotingRule::All(parts) => parts.iter().all(|p| self.passes(p)),
            VotingRule::Any(parts) => parts.iter().any(|p| self.passes(p)),
        }
    }

    /// For a rule that fails, the members whose vote counted against it: in every part that
    /// failed, the votes that part counts against (a veto part, only its holders').
    fn blockers(&self, rule: &VotingRule) -> Vec<bool> {
        let n = self.casts.len();
        if self.passes(rule) {
            return vec![false; n];
        }
        let union = |parts: &[VotingRule]| {
            parts.iter().fold(vec![false; n], |acc, p| {
                acc.into_iter()
                    .zip(self.blockers(p))
                    .map(|(a, b)| a || b)
                    .collect()
            })
        };
        match rule {
            // A failing conjunction failed in its failing parts; a failing disjunction in all.
            VotingRule::All(parts) | VotingRule::Any(parts) => union(parts),
            _ => self
                .casts
                .iter()
                .enumerate()
                .map(|(i, cast)| match cast {
                    Cast::Excluded => false,
                    Cast::Vote(v) => {
                        let holder = match rule {
                            VotingRule::Veto { holders, .. } => self
                                .body
                                .members
                                .get(i)
                                .is_some_and(|m| holders.binary_search(m).is_ok()),
                            _ => true,
                        };
                        holder && counts_against(rule, *v, self.abstention)
                    }
                })
                .collect(),
        }
    }

    /// Whether a vote counts in the base a share is taken of.
    fn in_base(&self, base: Base, v: Vote) -> bool {
        match (base, v) {
            (Base::Members, _) => true,
            (_, Vote::Absent) => false,
            (Base::Present, Vote::Abstain) => self.abstention != Abstention::DoesNotBlock,
            (Base::VotesCast, Vote::Abstain) => self.abstention == Abstention::Blocks,
            (_, Vote::Yes | Vote::No) => true,
        }
    }
}

/// Whether a non-yes vote counts against a proposal under a simple (not compound) rule:
/// objections always do; abstentions and absences where the rule needs that member's yes or
/// counts it in the base.
fn counts_against(rule: &VotingRule, v: Vote, abstention: Abstention) -> bool {
    match v {
        Vote::Yes => false,
        Vote::No => true,
        Vote::Abstain => match rule {
            VotingRule::Veto {
                ratification: true, ..
            } => true,
            VotingRule::Consensus | VotingRule::Veto { .. } | VotingRule::AgainstLimit { .. } => {
                abstention == Abstention::Blocks
            }
            VotingRule::Unanimity(Base::VotesCast) => abstention == Abstention::Blocks,
            VotingRule::Unanimity(_) => abstention != Abstention::DoesNotBlock,
            VotingRule::Share { base, .. } => match base {
                Base::VotesCast => abstention == Abstention::Blocks,
                _ => abstention != Abstention::DoesNotBlock,
            },
            VotingRule::Count { .. } | VotingRule::Weighted { .. } => true,
            // Compound rules are taken apart by `Tally::blockers`.
            VotingRule::All(_) | VotingRule::Any(_) => false,
        },
        Vote::Absent => match rule {
            VotingRule::Unanimity(Base::Members) => true,
            VotingRule::Share { base, .. } => *base == Base::Members,
            VotingRule::Count { .. } | VotingRule::Weighted { .. } => true,
            VotingRule::Veto { ratification, .. } => {
                *ratification || abstention == Abstention::Blocks
            }
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
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
        if let Some(VotingRule::All(parts)) = t.bodies[0].decisions.get_mut(0).map(|d| &mut d.rule)
        {
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
}
