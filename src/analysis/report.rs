//! The per-body report of `treaty analyze`: the numbers, as exact fractions and as floats.

use super::bdd::Limit;
use super::budget::{Budget, Bug};
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
    /// `numerator / denominator` in lowest terms, or `None` for a zero denominator: a share
    /// of nothing has no value, and no number stands in for it.
    pub fn new(numerator: BigUint, denominator: BigUint) -> Option<Fraction> {
        if denominator.is_zero() {
            return None;
        }
        let g = numerator.gcd(&denominator);
        if g.is_one() {
            return Some(Fraction {
                numerator,
                denominator,
            });
        }
        Some(Fraction {
            numerator: numerator / &g,
            denominator: denominator / &g,
        })
    }

    /// `numerator / 2^k`, which always has a value.
    pub fn over_power_of_two(numerator: BigUint, k: usize) -> Fraction {
        let zeros = numerator
            .trailing_zeros()
            .map_or(k, |z| z.min(k as u64) as usize);
        Fraction {
            numerator: numerator >> zeros,
            denominator: BigUint::one() << (k - zeros),
        }
    }

    /// `numerator / denominator` of counts of members, where the denominator is at least one.
    pub fn of_counts(numerator: usize, denominator: std::num::NonZeroUsize) -> Fraction {
        let (n, d) = (numerator, denominator.get());
        let g = n.gcd(&d);
        Fraction {
            numerator: BigUint::from(n / g),
            denominator: BigUint::from(d / g),
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

/// One party's power under one decision rule. An index that was not computed is absent (the
/// decision's `not_computed` says why), and so is one that has no value for the rule, a share
/// of nothing (the decision's `undefined` says why).
#[derive(Debug, Clone, Serialize)]
pub struct PartyPower {
    pub party: String,
    pub name: String,
    pub veto: bool,
    /// Coalitions in which the party's vote turns a loss into a win.
    pub swings: String,
    pub banzhaf: Fraction,
    /// The party's share of all swings; undefined when nobody swings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banzhaf_normalized: Option<Fraction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shapley_shubik: Option<Fraction>,
    /// Coleman: of the winning coalitions, the share the party can turn into losing ones;
    /// undefined when no coalition wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_to_prevent: Option<Fraction>,
    /// Coleman: of the losing coalitions, the share the party can turn into winning ones;
    /// undefined when no coalition loses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_to_initiate: Option<Fraction>,
}

/// An index that was computed but has no value for this rule: a share of nothing (of the
/// swings when nobody swings, of the winning coalitions when none wins, of the losing ones
/// when none loses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undefined {
    /// `banzhaf_normalized`, `power_to_prevent` or `power_to_initiate`.
    pub what: &'static str,
    pub reason: &'static str,
}

impl Undefined {
    /// The index's name for people.
    pub fn title(&self) -> &'static str {
        match self.what {
            "banzhaf_normalized" => "normalized Banzhaf index",
            "power_to_prevent" => "power to prevent (Coleman)",
            "power_to_initiate" => "power to initiate (Coleman)",
            other => other,
        }
    }
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
    /// The parties' indices that have no value for this rule, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undefined: Vec<Undefined>,
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
    // A body without members binds nobody: its inclusiveness is 0 of 1.
    let bound = std::num::NonZeroUsize::new(bound).unwrap_or(std::num::NonZeroUsize::MIN);
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
        inclusiveness: Fraction::of_counts(n, bound),
        parties: Vec::new(),
        not_computed: Vec::new(),
        undefined: Vec::new(),
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
    report.not_computed = outcome
        .missing
        .iter()
        .map(|(part, reason)| NotComputed {
            what: Part::key(*part),
            reason: reason.clone(),
        })
        .collect();
    if let Some(counts) = &outcome.counts {
        indices(&mut report, counts, treaty, body);
    }
    report
}

/// Fills in the indices from the counts, or, where the counts break an invariant, lists
/// them as not computed with the internal error.
fn indices(report: &mut DecisionReport, counts: &Counts, treaty: &Treaty, body: &Body) {
    if let Err(bug) = fill(report, counts, treaty, body) {
        discard_indices(report, &bug);
    }
}

/// Takes back every index of a report whose counts broke an invariant, and says so: a bug
/// must not become a plausible number.
fn discard_indices(report: &mut DecisionReport, bug: &Bug) {
    report.power_to_act = None;
    report.minimal_winning_coalitions = None;
    report.minimal_blocking_coalitions = None;
    report.minimal_coalitions_method = None;
    report.parties.clear();
    report.undefined.clear();
    let reason = format!("internal error in the report: {bug} (please report)");
    for part in [Part::Banzhaf, Part::ShapleyShubik, Part::MinimalCoalitions] {
        match report
            .not_computed
            .iter_mut()
            .find(|m| m.what == part.key())
        {
            Some(entry) => entry.reason = reason.clone(),
            None => report.not_computed.push(NotComputed {
                what: part.key(),
                reason: reason.clone(),
            }),
        }
    }
    report.not_computed.sort_by_key(|m| {
        [
            Part::Banzhaf,
            Part::ShapleyShubik,
            Part::MinimalCoalitions,
            Part::SmallestBlocking,
        ]
        .iter()
        .position(|p| p.key() == m.what)
    });
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

/// The report's numbers from the counts. A count missing for a member (which no method
/// leaves out) is an internal error: nothing is filled in, and the caller reports the indices
/// as not computed.
fn fill(
    report: &mut DecisionReport,
    counts: &Counts,
    treaty: &Treaty,
    body: &Body,
) -> Result<(), Bug> {
    let n = counts.n;
    let complete = body.members.len() == n
        && counts.swings.len() == n
        && counts.alike.len() == n
        && counts.swings_by_size.as_ref().is_none_or(|b| b.len() == n);
    if !complete {
        return Err(Bug("the counts do not cover every member"));
    }
    let half = n.saturating_sub(1);
    let all = BigUint::one() << n;
    if counts.winning > all {
        return Err(Bug("more winning coalitions than coalitions"));
    }
    let losing = &all - &counts.winning;
    let total_swings: BigUint = counts.swings.iter().sum();
    // 0!, 1!, ..., n!: s!(n-1-s)! for every s, then divided by n! once.
    let factorial: Vec<BigUint> = std::iter::once(BigUint::one())
        .chain((1..=n).scan(BigUint::one(), |f, k| {
            *f *= BigUint::from(k);
            Some(f.clone())
        }))
        .collect();
    let shapley_of = |by_size: &[BigUint]| -> Result<Fraction, Bug> {
        // by_size[s] * s! * (n-1-s)!, the factorials of n-1-s read from the top down.
        let numerator: BigUint = by_size
            .iter()
            .zip(&factorial)
            .zip(factorial.iter().rev().skip(1))
            .filter(|((c, _), _)| !c.is_zero())
            .map(|((c, f), g)| c * f * g)
            .sum();
        let whole = factorial.last().cloned().ok_or(Bug("no factorials"))?;
        Fraction::new(numerator, whole).ok_or(Bug("n! is zero"))
    };
    report.power_to_act = Fraction::new(counts.winning.clone(), all);
    report.minimal_winning_coalitions = counts.minimal_winning.as_ref().map(whole);
    report.minimal_blocking_coalitions = counts.minimal_blocking.as_ref().map(whole);
    // A share of nothing has no value: said once for the rule, absent for every party.
    let undefined = [
        (
            total_swings.is_zero(),
            "banzhaf_normalized",
            "no member's vote ever changes the outcome",
        ),
        (
            counts.winning.is_zero(),
            "power_to_prevent",
            "no coalition wins",
        ),
        (
            losing.is_zero(),
            "power_to_initiate",
            "every coalition wins",
        ),
    ];
    report.undefined = undefined
        .iter()
        .filter(|(none, _, _)| *none)
        .map(|&(_, what, reason)| Undefined { what, reason })
        .collect();
    // Interchangeable members (the 193 of the General Assembly) have the same indices: the
    // big fractions are reduced once, for the first of them, and copied for the others.
    let mut parties: Vec<PartyPower> = Vec::with_capacity(n);
    let by_size = counts.swings_by_size.as_deref();
    for (i, ((&member, swings), &alike)) in body
        .members
        .iter()
        .zip(&counts.swings)
        .zip(&counts.alike)
        .enumerate()
    {
        let (party, name) = treaty
            .party(member)
            .map_or((String::new(), String::new()), |p| {
                (p.id.clone(), p.name.clone())
            });
        let veto = report.veto_players.contains(&party);
        let first = (alike < i).then_some(alike).and_then(|j| parties.get(j));
        let power = match first {
            Some(alike) => PartyPower {
                party,
                name,
                veto,
                ..alike.clone()
            },
            None => PartyPower {
                veto,
                party,
                name,
                swings: whole(swings),
                banzhaf: Fraction::over_power_of_two(swings.clone(), half),
                banzhaf_normalized: Fraction::new(swings.clone(), total_swings.clone()),
                shapley_shubik: match by_size {
                    Some(rows) => Some(shapley_of(rows.get(i).ok_or(Bug("no counts by size"))?)?),
                    None => None,
                },
                power_to_prevent: Fraction::new(swings.clone(), counts.winning.clone()),
                power_to_initiate: Fraction::new(swings.clone(), losing.clone()),
            },
        };
        parties.push(power);
    }
    report.parties = parties;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn treaty(weights: &[u64], rule: &str) -> Treaty {
        let mut text = String::new();
        for (i, w) in weights.iter().enumerate() {
            text.push_str(&format!("party P{i} \"State {i}\" with weight {w}\n"));
        }
        text.push_str(&format!(
            "parties all parties\nbody b {{ decides d by {rule} }}\n"
        ));
        crate::testing::resolved(&text)
    }

    fn undefined(d: &DecisionReport) -> Vec<(&str, &str)> {
        d.undefined.iter().map(|u| (u.what, u.reason)).collect()
    }

    #[test]
    fn a_zero_denominator_has_no_value() {
        assert_eq!(Fraction::new(BigUint::from(3u8), BigUint::zero()), None);
        assert_eq!(Fraction::new(BigUint::zero(), BigUint::zero()), None);
        let f = Fraction::new(BigUint::from(6u8), BigUint::from(4u8)).unwrap();
        assert_eq!(f.to_string(), "3/2");
        assert_eq!(
            Fraction::over_power_of_two(BigUint::from(12u8), 4).to_string(),
            "3/4"
        );
        assert_eq!(
            Fraction::over_power_of_two(BigUint::zero(), 4).to_string(),
            "0/1"
        );
        assert_eq!(
            Fraction::over_power_of_two(BigUint::from(5u8), 0).to_string(),
            "5/1"
        );
        let three = std::num::NonZeroUsize::new(3).unwrap();
        assert_eq!(Fraction::of_counts(2, three).to_string(), "2/3");
        assert_eq!(Fraction::of_counts(0, three).to_string(), "0/1");
    }

    #[test]
    fn a_rule_nobody_can_satisfy_leaves_the_shares_of_nothing_undefined() {
        // A share of a weight nobody holds is never reached (as in the evaluation core).
        let t = treaty(&[0, 0, 0], "at least 50% of weight of members");
        let d = &analyze(&t, "t.treaty", None, &[]).bodies[0].decisions[0];
        assert_eq!(
            undefined(d),
            [
                (
                    "banzhaf_normalized",
                    "no member's vote ever changes the outcome"
                ),
                ("power_to_prevent", "no coalition wins"),
            ]
        );
        assert_eq!(d.power_to_act.as_ref().unwrap().to_string(), "0/1");
        assert_eq!(d.parties.len(), 3);
        for p in &d.parties {
            assert_eq!(p.banzhaf.to_string(), "0/1");
            assert!(p.banzhaf_normalized.is_none() && p.power_to_prevent.is_none());
            assert_eq!(p.power_to_initiate.as_ref().unwrap().to_string(), "0/1");
        }
        let json = serde_json::to_value(d).unwrap();
        let party = &json["parties"][0];
        assert!(party.get("banzhaf_normalized").is_none(), "{party}");
        assert!(party.get("power_to_prevent").is_none(), "{party}");
        assert_eq!(json["undefined"][1]["reason"], "no coalition wins");
    }

    #[test]
    fn a_rule_everyone_satisfies_leaves_the_power_to_initiate_undefined() {
        let t = treaty(&[1, 2, 3], "at least 0 weighted votes");
        let d = &analyze(&t, "t.treaty", None, &[]).bodies[0].decisions[0];
        assert_eq!(
            undefined(d),
            [
                (
                    "banzhaf_normalized",
                    "no member's vote ever changes the outcome"
                ),
                ("power_to_initiate", "every coalition wins"),
            ]
        );
        assert_eq!(d.power_to_act.as_ref().unwrap().to_string(), "1/1");
        for p in &d.parties {
            assert_eq!(p.power_to_prevent.as_ref().unwrap().to_string(), "0/1");
            assert!(p.power_to_initiate.is_none());
        }
    }

    #[test]
    fn an_ordinary_rule_has_every_index() {
        let t = treaty(&[4, 4, 4, 2, 2, 1], "at least 12 weighted votes");
        let d = &analyze(&t, "t.treaty", None, &[]).bodies[0].decisions[0];
        assert!(d.undefined.is_empty());
        assert!(d.parties.iter().all(|p| p.banzhaf_normalized.is_some()
            && p.power_to_prevent.is_some()
            && p.power_to_initiate.is_some()));
    }

    #[test]
    fn counts_that_break_an_invariant_become_not_computed_not_numbers() {
        let t = treaty(&[1, 2, 3], "at least 4 weighted votes");
        let body = &t.bodies[0];
        let good = &analyze(&t, "t.treaty", None, &[]).bodies[0].decisions[0];
        assert_eq!(good.parties.len(), 3);
        let mut report = good.clone();
        report.parties.clear();
        report.power_to_act = None;
        // Swings for two of the three members: a method's bug, which must not read as zero.
        let counts = Counts {
            n: 3,
            winning: BigUint::from(4u8),
            swings: vec![BigUint::from(2u8), BigUint::from(2u8)],
            swings_by_size: None,
            smallest_blocking: None,
            minimal_winning: None,
            minimal_blocking: None,
            alike: vec![0, 1, 2],
        };
        indices(&mut report, &counts, &t, body);
        assert!(report.parties.is_empty() && report.power_to_act.is_none());
        let missing: Vec<&str> = report.not_computed.iter().map(|m| m.what).collect();
        assert_eq!(missing, ["banzhaf", "shapley_shubik", "minimal_coalitions"]);
        assert!(report.not_computed.iter().all(|m| {
            m.reason
            == "internal error in the report: the counts do not cover every member (please report)"
        }));
        // A method's broken invariant is a reason in the same words.
        let why = plan::ran_out(
            plan::Method::WeightSums,
            super::super::budget::Stop::Bug(Bug("a cell beyond the table")),
            &Budget::default(),
        );
        assert_eq!(
            why,
            "internal error in the weight sums method: a cell beyond the table (please report)"
        );
    }
}
