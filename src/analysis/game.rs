//! A decision rule as a simple game: every member votes yes or no, and a coalition (the
//! members voting yes) wins or loses. Each part of a rule is a weighted threshold ("the yes
//! votes' weights reach a quota"); the rule combines them with and / or.

use super::budget::Bug;
use crate::model::{Body, Comparison, DecisionRule, Measure, PartyId, Ratio, VotingRule};

/// `Σ weights[i] over the coalition ≥ quota`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threshold {
    pub weights: Vec<i128>,
    pub quota: i128,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formula {
    Atom(usize),
    All(Vec<Formula>),
    Any(Vec<Formula>),
}

/// A simple game over `n` players (the body's members, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Game {
    pub n: usize,
    pub thresholds: Vec<Threshold>,
    pub formula: Formula,
    /// `voting[i]`: whether player `i`'s vote counts (false for the excluded in a case).
    pub voting: Vec<bool>,
}

/// What a threshold counts, on the players some threshold weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    Heads,
    /// The `d`-th distinct weight vector.
    Weight(usize),
    /// Weighs nothing: met exactly when its quota is at most zero.
    Nothing,
}

/// Weights and quotas are kept below this so that sums of up to `MAX_PLAYERS` of them never
/// overflow; real weights (populations, votes) are far smaller.
const WEIGHT_CAP: i128 = 1 << 100;

/// The most members the exact analysis takes on (the UN has 193).
pub const MAX_PLAYERS: usize = 4096;

impl Game {
    /// Whether the game is well formed: a weight per player in every threshold, a vote per
    /// player, and every atom of the formula a threshold. [`super::plan::compute`] checks it
    /// before any method runs, so that their lookups by player and threshold cannot miss.
    pub fn check(&self) -> Result<(), Bug> {
        fn atoms_within(f: &Formula, k: usize) -> bool {
            match f {
                Formula::Atom(j) => *j < k,
                Formula::All(parts) | Formula::Any(parts) => {
                    parts.iter().all(|p| atoms_within(p, k))
                }
            }
        }
        if self.voting.len() != self.n || self.thresholds.iter().any(|t| t.weights.len() != self.n)
        {
            return Err(Bug("a threshold without a weight for every member"));
        }
        if !atoms_within(&self.formula, self.thresholds.len()) {
            return Err(Bug("the rule names a threshold it does not have"));
        }
        Ok(())
    }

    /// Threshold `j`'s weight of player `i`, zero where there is none (which [`Game::check`]
    /// rules out for the players and thresholds of a checked game).
    pub fn weight(&self, j: usize, i: usize) -> i128 {
        self.thresholds
            .get(j)
            .and_then(|t| t.weights.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The players some threshold weighs, or `None` if a weight is negative (which the
    /// methods over sums of weights cannot take).
    pub fn weighed_players(&self) -> Option<Vec<usize>> {
        let k = self.thresholds.len();
        if (0..k).any(|j| (0..self.n).any(|i| self.weight(j, i) < 0)) {
            return None;
        }
        Some(
            (0..self.n)
                .filter(|&i| (0..k).any(|j| self.weight(j, i) != 0))
                .collect(),
        )
    }

    /// What each threshold measures on `players` (from [`Game::weighed_players`]): heads,
    /// nothing, or one of the distinct weight vectors returned beside, in order of first
    /// use. The one-measure and two-measure forms of the game both start here.
    pub fn measures(&self, players: &[usize]) -> (Vec<Measured>, Vec<Vec<i128>>) {
        let mut measures: Vec<Vec<i128>> = Vec::new();
        let kinds = (0..self.thresholds.len())
            .map(|j| {
                let ws: Vec<i128> = players.iter().map(|&i| self.weight(j, i)).collect();
                if ws.iter().all(|w| *w == 0) {
                    Measured::Nothing
                } else if ws.iter().all(|w| *w == 1) {
                    Measured::Heads
                } else if let Some(d) = measures.iter().position(|m| *m == ws) {
                    Measured::Weight(d)
                } else {
                    measures.push(ws);
                    Measured::Weight(measures.len() - 1)
                }
            })
            .collect();
        (kinds, measures)
    }

    /// The game of a body's decision rule with every member present and voting. Votes cast,
    /// members present and members are then the same base; what attendance and abstention
    /// change is the subject of the quorum analysis and of scenarios. In a case where
    /// `excluded` do not vote (and the rule excludes someone), they are players without
    /// weight, and every share and count is taken of the others.
    pub fn from_rule(body: &Body, rule: &DecisionRule, excluded: &[PartyId]) -> Game {
        let n = body.members.len();
        let voting: Vec<bool> = body
            .members
            .iter()
            .map(|m| rule.excluded.is_empty() || !excluded.contains(m))
            .collect();
        let mut game = Game {
            n,
            thresholds: Vec::new(),
            formula: Formula::All(Vec::new()),
            voting,
        };
        game.formula = game.lower(&rule.rule, body);
        game
    }

    /// Members whose votes count in this case.
    fn voters(&self) -> i128 {
        self.voting.iter().filter(|v| **v).count() as i128
    }

    /// A weight vector with the excluded members' weights set to zero.
    fn counted(&self, weights: impl Iterator<Item = i128>) -> Vec<i128> {
        weights
            .zip(&self.voting)
            .map(|(w, &v)| if v { w } else { 0 })
            .collect()
    }

    fn atom(&mut self, weights: Vec<i128>, quota: i128) -> Formula {
        let candidate = Threshold { weights, quota };
        let index = match self.thresholds.iter().position(|t| *t == candidate) {
            Some(i) => i,
            None => {
                self.thresholds.push(candidate);
                self.thresholds.len() - 1
            }
        };
        Formula::Atom(index)
    }

    fn heads(&mut self, quota: i128) -> Formula {
        let weights = self.counted(std::iter::repeat(1));
        self.atom(weights, quota)
    }

    fn lower(&mut self, rule: &VotingRule, body: &Body) -> Formula {
        let n = self.voters();
        let cap = |w: u128| i128::try_from(w).unwrap_or(WEIGHT_CAP).min(WEIGHT_CAP);
        let needed = |ratio: Ratio, whole: u128, comparison: Comparison| {
            cap(ratio.smallest_reaching(whole, comparison))
        };
        match rule {
            // Consensus is the absence of objection; unanimity needs at least one yes.
            VotingRule::Consensus => self.heads(n),
            VotingRule::Unanimity(_) => self.heads(n.max(1)),
            VotingRule::Share {
                comparison,
                ratio,
                measure,
                base: _,
            } => match measure {
                // A share of no voters is never reached (as in the evaluation core); a share
                // of zero of some voters always is, even with no yes vote.
                Measure::Heads => {
                    let q = if n == 0 {
                        1
                    } else {
                        needed(*ratio, n as u128, *comparison)
                    };
                    self.heads(q)
                }
                Measure::Weight { .. } => {
                    let ws = self.counted((0..self.n).map(|i| cap(measure.weight(i))));
                    let total = ws.iter().fold(0u128, |a, &w| a.saturating_add(w as u128));
                    // A share of nothing is never reached (as in the evaluation core).
                    let q = if total == 0 {
                        1
                    } else {
                        needed(*ratio, total, *comparison)
                    };
                    self.atom(ws, q)
                }
            },
            VotingRule::Count { comparison, count } => {
                let c = i128::from(*count);
                let q = match comparison {
                    Comparison::AtLeast => c,
                    Comparison::MoreThan => c + 1,
                };
                self.heads(q)
            }
            VotingRule::Weighted {
                comparison,
                quota,
                weights,
                ..
            } => {
                // One weight per member (the model's invariant; `Game::check` holds the game
                // to it).
                let ws = self.counted(weights.iter().map(|&w| cap(w)));
                let q = cap(*quota);
                let q = match comparison {
                    Comparison::AtLeast => q,
                    Comparison::MoreThan => q + 1,
                };
                self.atom(ws, q)
            }
            VotingRule::Veto { holders, .. } => {
                let ws = self.counted(
                    body.members
                        .iter()
                        .map(|m| i128::from(holders.binary_search(m).is_ok())),
                );
                let q = ws.iter().sum();
                self.atom(ws, q)
            }
            VotingRule::AgainstLimit { max_against } => {
                self.heads(n - i128::from(*max_against).min(n))
            }
            VotingRule::All(parts) => {
                Formula::All(parts.iter().map(|p| self.lower(p, body)).collect())
            }
            VotingRule::Any(parts) => {
                Formula::Any(parts.iter().map(|p| self.lower(p, body)).collect())
            }
        }
    }

    /// Whether the formula holds when threshold `j` is met exactly where `met(j)`.
    pub fn holds(&self, met: &dyn Fn(usize) -> bool) -> bool {
        fn eval(f: &Formula, met: &dyn Fn(usize) -> bool) -> bool {
            match f {
                Formula::Atom(j) => met(*j),
                Formula::All(parts) => parts.iter().all(|p| eval(p, met)),
                Formula::Any(parts) => parts.iter().any(|p| eval(p, met)),
            }
        }
        eval(&self.formula, met)
    }

    /// Whether a coalition (`yes[i]` for player `i`) wins; the fast algorithms' own reading
    /// of the rule, which the tests hold against [`crate::decision::coalition_wins`].
    pub fn wins(&self, yes: &[bool]) -> bool {
        self.holds(&|j| {
            self.thresholds.get(j).is_some_and(|t| {
                let sum: i128 = t
                    .weights
                    .iter()
                    .zip(yes)
                    .filter(|(_, &y)| y)
                    .map(|(w, _)| *w)
                    .sum();
                sum >= t.quota
            })
        })
    }
}
