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
mod tests;
