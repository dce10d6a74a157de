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
    Abstention, Base, Body, DecisionRule, Measure, PartyId, Quorum, QuorumRule, Rule,
};
use serde::Serialize;

/// How one member acts on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vote {
    Yes,
    No,
    Abstain,
    Absent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Adopted,
    Rejected,
    /// Too few attended for the body to decide anything.
    NotQuorate,
}

impl Outcome {
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
    pub outcome: Outcome,
    /// Members present (any vote but `Absent`).
    pub present: usize,
    /// Attendance the quorum required.
    pub required_attendance: usize,
    /// Rejected: the members whose vote counted against (objectors; abstainers and
    /// absentees where the rule counts them against). Not quorate: the absentees.
    pub blocked_by: Vec<PartyId>,
    /// Rejected: the members any one of whom, voting yes instead, would have carried it.
    pub decisive: Vec<PartyId>,
}

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
        Some(QuorumRule::Count(n)) => usize::try_from(n).unwrap_or(usize::MAX),
        Some(QuorumRule::Share(ratio)) => {
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
    let blocked_by = (0..n)
        .filter(|&i| match casts.get(i) {
            Some(Cast::Vote(v)) => counts_against(&rule.rule, *v, rule.abstention),
            _ => false,
        })
        .filter_map(|i| body.members.get(i).copied())
        .collect();
    let decisive = (0..n)
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
/// `body.members[i]`. The analysis enumerates coalitions through this in its tests.
pub fn coalition_wins(body: &Body, rule: &DecisionRule, yes: &[bool]) -> bool {
    let casts: Vec<Cast> = (0..body.members.len())
        .map(|i| {
            Cast::Vote(if yes.get(i).copied().unwrap_or(false) {
                Vote::Yes
            } else {
                Vote::No
            })
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
pub fn veto_players(body: &Body, rule: &DecisionRule) -> Vec<PartyId> {
    let n = body.members.len();
    let mut yes = vec![true; n];
    let mut out = Vec::new();
    for i in 0..n {
        if let Some(slot) = yes.get_mut(i) {
            *slot = false;
        }
        if !coalition_wins(body, rule, &yes) {
            if let Some(&m) = body.members.get(i) {
                out.push(m);
            }
        }
        if let Some(slot) = yes.get_mut(i) {
            *slot = true;
        }
    }
    out
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

    fn passes(&self, rule: &Rule) -> bool {
        match rule {
            Rule::Consensus => self.voters().all(|(_, v)| match v {
                Vote::No => false,
                Vote::Abstain => self.abstention != Abstention::Blocks,
                Vote::Yes | Vote::Absent => true,
            }),
            Rule::Unanimity(base) => {
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
            Rule::Share {
                comparison,
                ratio,
                measure,
                base,
            } => {
                let weight = |i: usize| match measure {
                    Measure::Heads => 1,
                    Measure::Weight { weights, .. } => weights.get(i).copied().unwrap_or(0),
                };
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
            Rule::Count { comparison, count } => {
                let yes = self.voters().filter(|(_, v)| *v == Vote::Yes).count() as u64;
                match comparison {
                    crate::model::Comparison::AtLeast => yes >= *count,
                    crate::model::Comparison::MoreThan => yes > *count,
                }
            }
            Rule::Weighted {
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
            Rule::Veto { holders, .. } => self.voters().all(|(i, v)| {
                let holds = self
                    .body
                    .members
                    .get(i)
                    .is_some_and(|m| holders.contains(m));
                !holds
                    || match v {
                        Vote::Yes => true,
                        Vote::No => false,
                        Vote::Abstain | Vote::Absent => self.abstention != Abstention::Blocks,
                    }
            }),
            Rule::AgainstLimit { max_against } => {
                let against = self
                    .voters()
                    .filter(|(_, v)| {
                        *v == Vote::No
                            || (*v == Vote::Abstain && self.abstention == Abstention::Blocks)
                    })
                    .count() as u64;
                against <= *max_against
            }
            Rule::All(parts) => parts.iter().all(|p| self.passes(p)),
            Rule::Any(parts) => parts.iter().any(|p| self.passes(p)),
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

/// Whether a non-yes vote counts against a proposal under this rule: objections always do;
/// abstentions and absences where the rule needs that member's yes or counts it in the base.
fn counts_against(rule: &Rule, v: Vote, abstention: Abstention) -> bool {
    match v {
        Vote::Yes => false,
        Vote::No => true,
        Vote::Abstain => match rule {
            Rule::Consensus | Rule::Veto { .. } | Rule::AgainstLimit { .. } => {
                abstention == Abstention::Blocks
            }
            Rule::Unanimity(Base::VotesCast) => abstention == Abstention::Blocks,
            Rule::Unanimity(_) => abstention != Abstention::DoesNotBlock,
            Rule::Share { base, .. } => match base {
                Base::VotesCast => abstention == Abstention::Blocks,
                _ => abstention != Abstention::DoesNotBlock,
            },
            Rule::Count { .. } | Rule::Weighted { .. } => true,
            Rule::All(parts) | Rule::Any(parts) => {
                parts.iter().any(|p| counts_against(p, v, abstention))
            }
        },
        Vote::Absent => match rule {
            Rule::Unanimity(Base::Members) => true,
            Rule::Share { base, .. } => *base == Base::Members,
            Rule::Count { .. } | Rule::Weighted { .. } => true,
            Rule::Veto { .. } => abstention == Abstention::Blocks,
            Rule::All(parts) | Rule::Any(parts) => {
                parts.iter().any(|p| counts_against(p, v, abstention))
            }
            _ => false,
        },
    }
}
