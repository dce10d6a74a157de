//! The per-body report of `treaty analyze`: the numbers, as exact fractions and as floats.

use super::bdd::Limit;
use super::budget::Budget;
use super::game::{Game, MAX_PLAYERS};
use super::plan::{self, Part};
use super::Counts;
use crate::decision::{required_attendance, smallest_boycott, veto_players_in_case};
use crate::model::{Body, DecisionRule, PartyId, Treaty};
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};
use serde::Serialize;

/// An exact fraction, shown as `"421/2145"` and as a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fraction {
    pub numerator: BigUint,
    pub denominator: BigUint,
}

impl Fraction {
    pub fn new(numerator: BigUint, denominator: BigUint) -> Fraction {
        if denominator.is_zero() {
            return Fraction {
                numerator: BigUint::zero(),
                denominator: BigUint::one(),
            };
        }
        let g = numerator.gcd(&denominator);
        if g.is_zero() || g.is_one() {
            return Fraction {
                numerator,
                denominator,
            };
        }
        Fraction {
            numerator: numerator / &g,
            denominator: denominator / &g,
        }
    }

    pub fn value(&self) -> f64 {
        // Scale both down together so that numbers beyond f64's range still divide.
        let shift = self.denominator.bits().saturating_sub(1000);
        let num = (&self.numerator >> shift).to_f64().unwrap_or(f64::NAN);
        let den = (&self.denominator >> shift).to_f64().unwrap_or(f64::NAN);
        num / den
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

impl Serialize for Fraction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Fraction", 2)?;
        st.serialize_field("exact", &self.to_string())?;
        st.serialize_field("value", &self.value())?;
        st.end()
    }
}

/// One party's power under one decision rule. An index that was not computed is absent.
#[derive(Debug, Clone, Serialize)]
pub struct PartyPower {
    pub party: String,
    pub name: String,
    pub veto: bool,
    /// Coalitions in which the party's vote turns a loss into a win.
    pub swings: String,
    pub banzhaf: Fraction,
    pub banzhaf_normalized: Fraction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shapley_shubik: Option<Fraction>,
    /// Coleman: of the winning coalitions, the share the party can turn into losing ones.
    pub power_to_prevent: Fraction,
    /// Coleman: of the losing coalitions, the share the party can turn into winning ones.
    pub power_to_initiate: Fraction,
}

/// A part of the analysis left out, and why.
#[derive(Debug, Clone, Serialize)]
pub struct NotComputed {
    /// `banzhaf` (swings, Banzhaf's and Coleman's indices, the power to act),
    /// `shapley_shubik`, `minimal_coalitions` or `smallest_blocking_coalition`.
    pub what: &'static str,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionReport {
    pub kind: String,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Members whose votes do not count in the case analysed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<String>,
    /// The method that counted the coalitions: "player types", "decision diagram", "weight
    /// sums" or "meet in the middle"; absent if none finished within the budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The method that counted the minimal coalitions, where `method` does not count them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimal_coalitions_method: Option<String>,
    pub veto_players: Vec<String>,
    /// Fewest members whose objection defeats the rule when all others vote yes; absent if
    /// nothing defeats it (or if it was not computed: see `not_computed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smallest_blocking_coalition: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocking_example: Vec<String>,
    /// Winning coalitions from which no member can be dropped (a decimal integer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimal_winning_coalitions: Option<String>,
    /// Sets of members whose objection defeats the rule, no smaller part of which does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimal_blocking_coalitions: Option<String>,
    /// Coleman's power of the collectivity to act: the share of all coalitions that win.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_to_act: Option<Fraction>,
    /// The share of the parties bound by the decision that vote on it.
    pub inclusiveness: Fraction,
    /// Every member's indices, when Banzhaf's were computed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyPower>,
    /// What was not computed within the budget, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_computed: Vec<NotComputed>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyReport {
    pub body: String,
    pub title: String,
    pub members: usize,
    /// Attendance the quorum requires, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum_attendance: Option<usize>,
    /// Fewest absentees that leave the body without a quorum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smallest_boycott: Option<usize>,
    pub decisions: Vec<DecisionReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub bodies: Vec<BodyReport>,
}

fn whole(n: &BigUint) -> String {
    n.to_string()
}

/// Analyses every body of a treaty (or only `only`, by id) within the default [`Budget`] per
/// rule. `excluding` are the parties whose votes do not count in the case analysed (the
/// accused, the parties to a dispute), for the rules that exclude such a role; empty for the
/// general case.
pub fn analyze(treaty: &Treaty, file: &str, only: Option<&str>, excluding: &[PartyId]) -> Report {
    analyze_within(treaty, file, only, excluding, &Budget::default())
}

/// [`analyze`] within `budget` per decision rule.
pub fn analyze_within(
    treaty: &Treaty,
    file: &str,
    only: Option<&str>,
    excluding: &[PartyId],
    budget: &Budget,
) -> Report {
    let bodies = treaty
        .bodies
        .iter()
        .filter(|b| only.is_none_or(|id| b.id == id))
        .map(|b| body_report(treaty, b, excluding, budget))
        .collect();
    Report {
        file: file.to_string(),
        bodies,
    }
}

fn body_report(treaty: &Treaty, body: &Body, excluding: &[PartyId], budget: &Budget) -> BodyReport {
    let n = body.members.len();
    BodyReport {
        body: body.id.clone(),
        title: body.display_name().to_string(),
        members: n,
        quorum_attendance: body
            .quorum
            .as_ref()
            .map(|q| required_attendance(Some(q), n)),
        smallest_boycott: smallest_boycott(body),
        decisions: {
            // A body often decides many matters by one rule (the AIIB's fifteen Super
            // Majority matters): the same game is counted once.
            let mut counted = Vec::new();
            body.decisions
                .iter()
                .map(|d| decision_report(treaty, body, d, excluding, budget, &mut counted))
                .collect()
        },
    }
}

fn decision_report(
    treaty: &Treaty,
    body: &Body,
    decision: &DecisionRule,
    excluding: &[PartyId],
    budget: &Budget,
    counted: &mut Vec<(Game, plan::Outcome)>,
) -> DecisionReport {
    let excluded: Vec<PartyId> = if decision.excluded.is_empty() {
        Vec::new()
    } else {
        excluding.to_vec()
    };
    let n = body.members.len();
    let id_of = |i: usize| {
        body.members
            .get(i)
            .and_then(|&p| treaty.party(p))
            .map_or(String::new(), |p| p.id.clone())
    };
    let bound = if treaty.treaty_parties.is_empty() {
        n
    } else {
        treaty.treaty_parties.len().max(n)
    };
    let mut report = DecisionReport {
        kind: decision.kind.clone(),
        rule: decision.rule.to_string(),
        citation: decision.citation.as_ref().map(|c| c.text.clone()),
        excluded: excluded
            .iter()
            .filter_map(|&p| treaty.party(p).map(|p| p.id.clone()))
            .collect(),
        method: None,
        minimal_coalitions_method: None,
        veto_players: veto_players_in_case(body, decision, &excluded)
            .into_iter()
            .filter_map(|p| treaty.party(p).map(|p| p.id.clone()))
            .collect(),
        smallest_blocking_coalition: None,
        blocking_example: Vec::new(),
        minimal_winning_coalitions: None,
        minimal_blocking_coalitions: None,
        power_to_act: None,
        inclusiveness: Fraction::new(BigUint::from(n), BigUint::from(bound.max(1))),
        parties: Vec::new(),
        not_computed: Vec::new(),
    };
    if let Some(why) = beyond_reach(n, &decision.rule) {
        report.not_computed = [
            Part::Banzhaf,
            Part::ShapleyShubik,
            Part::MinimalCoalitions,
            Part::SmallestBlocking,
        ]
        .into_iter()
        .map(|part| NotComputed {
            what: part.key(),
            reason: why.clone(),
        })
        .collect();
        return report;
    }
    let game = Game::from_rule(body, decision, &excluded);
    let outcome = match counted.iter().find(|(g, _)| *g == game) {
        Some((_, outcome)) => outcome.clone(),
        None => {
            let outcome = plan::compute(&game, budget);
            counted.push((game, outcome.clone()));
            outcome
        }
    };
    report.method = outcome.method.map(|m| m.name().to_string());
    report.minimal_coalitions_method = outcome.minimal_method.map(|m| m.name().to_string());
    if let Some(Some(example)) = &outcome.smallest_blocking {
        report.smallest_blocking_coalition = Some(example.len());
        report.blocking_example = example.iter().map(|&i| id_of(i)).collect();
    }
    if let Some(counts) = &outcome.counts {
        fill(&mut report, counts, &id_of, treaty, body);
    }
    report.not_computed = outcome
        .missing
        .iter()
        .map(|(part, reason)| NotComputed {
            what: Part::key(*part),
            reason: reason.clone(),
        })
        .collect();
    report
}

/// A rule's parts times the body's members, at most: the game holds a weight per member
/// for each part, and every method reads them all.
const MAX_PARTS_TIMES_MEMBERS: usize = 1 << 18;

/// Why a rule is beyond every method, known before anything is built: too many members
/// (whatever the kind of rule), or too many parts for its members.
fn beyond_reach(members: usize, rule: &crate::model::VotingRule) -> Option<String> {
    if members > MAX_PLAYERS {
        return Some(Limit::Players(members).to_string());
    }
    let parts = rule.parts();
    if parts.saturating_mul(members) > MAX_PARTS_TIMES_MEMBERS {
        return Some(format!(
            "the rule has {parts} parts over {members} members; the exact analysis takes at most {MAX_PARTS_TIMES_MEMBERS} parts times members"
        ));
    }
    None
}

fn fill(
    report: &mut DecisionReport,
    counts: &Counts,
    id_of: &dyn Fn(usize) -> String,
    treaty: &Treaty,
    body: &Body,
) {
    let n = counts.n;
    let all = BigUint::one() << n;
    let half = BigUint::one() << n.saturating_sub(1);
    let losing = &all - &counts.winning;
    let total_swings: BigUint = counts.swings.iter().sum();
    // s!(n-1-s)! for every s, then divided by n! once.
    let mut factorial = vec![BigUint::one(); n + 1];
    for k in 1..=n {
        let prev = factorial.get(k - 1).cloned().unwrap_or_else(BigUint::one);
        if let Some(slot) = factorial.get_mut(k) {
            *slot = prev * BigUint::from(k);
        }
    }
    let fact = |k: usize| factorial.get(k).cloned().unwrap_or_else(BigUint::one);
    report.power_to_act = Some(Fraction::new(counts.winning.clone(), all.clone()));
    report.minimal_winning_coalitions = counts.minimal_winning.as_ref().map(whole);
    report.minimal_blocking_coalitions = counts.minimal_blocking.as_ref().map(whole);
    let vetoes = report.veto_players.clone();
    // Interchangeable members (the 193 of the General Assembly) have the same indices: the
    // big fractions are reduced once, for the first of them, and copied for the others.
    let mut parties: Vec<PartyPower> = Vec::with_capacity(n);
    for i in 0..n {
        let id = id_of(i);
        let name = body
            .members
            .get(i)
            .and_then(|&p| treaty.party(p))
            .map_or(String::new(), |p| p.name.clone());
        let veto = vetoes.contains(&id);
        let first = counts.alike.get(i).copied().filter(|&j| j < i);
        let power = match first.and_then(|j| parties.get(j)) {
            Some(alike) => PartyPower {
                party: id,
                name,
                veto,
                ..alike.clone()
            },
            None => {
                let swings = counts.swings.get(i).cloned().unwrap_or_default();
                let shapley_shubik = counts.swings_by_size.as_ref().map(|by_size| {
                    let numerator: BigUint = by_size
                        .get(i)
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .filter(|(_, c)| !c.is_zero())
                        .map(|(s, c)| c * fact(s) * fact(n - 1 - s))
                        .sum();
                    Fraction::new(numerator, fact(n))
                });
                PartyPower {
                    veto,
                    party: id,
                    name,
                    swings: whole(&swings),
                    banzhaf: Fraction::new(swings.clone(), half.clone()),
                    banzhaf_normalized: Fraction::new(swings.clone(), total_swings.clone()),
                    shapley_shubik,
                    power_to_prevent: Fraction::new(swings.clone(), counts.winning.clone()),
                    power_to_initiate: Fraction::new(swings, losing.clone()),
                }
            }
        };
        parties.push(power);
    }
    report.parties = parties;
}
