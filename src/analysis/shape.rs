//! Games decided by two numbers of a coalition: its weight in one measure and its size.
//!
//! Most weighted rules are of this shape: one weighted threshold (the IMF's 85% of the
//! votes), possibly with a head count (three fifths of the members having 85% of the votes;
//! the EU's 55% of the members, 65% of the population, or fewer than four against), combined
//! with and / or. For such a game the rule is a threshold on the weight for each size: a
//! coalition of `k` members wins exactly when its weight reaches `theta[k]`. The weight-sum
//! ([`super::sums`]) and meet-in-the-middle ([`super::halves`]) methods count on this form.
//!
//! Members who weigh nothing in every measure (the excluded in a case, a member without
//! votes) are dummies: they are set aside here and put back by [`Raw::lift`].

use super::budget::{at, Bug};
use super::game::{Game, Measured};
use super::Counts;
use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Weights are kept below this so that every sum and difference the methods form fits an
/// `i128` and every sum of weights a `u64`.
const MAX_TOTAL: u64 = 1 << 62;

#[derive(Debug, Clone)]
pub struct Shape {
    /// Players of the whole game (with the dummies).
    pub n: usize,
    /// The players who are not dummies, heaviest first (ties in member order): `players[r]`
    /// is the game's index of the player of rank `r`.
    pub players: Vec<usize>,
    /// `weights[r]`: the weight of the player of rank `r`.
    pub weights: Vec<u64>,
    pub total: u64,
    /// `theta[k]` for `k` in `0..=m`: the least weight with which a coalition of `k` of the
    /// `m` players wins, or `total + 1` if none does. Never increases with `k`.
    pub theta: Vec<u64>,
    /// Whether `theta` depends on the size (the rule counts heads), so that the methods must
    /// count by size even for Banzhaf's index.
    pub headed: bool,
}

impl Shape {
    /// The game in this form, or `None` if it measures coalitions in more than one weight
    /// (population and votes, or a veto list beside weights).
    pub fn of(game: &Game) -> Option<Shape> {
        let players = game.weighed_players()?;
        let (kinds, mut measures) = game.measures(&players);
        if measures.len() > 1 {
            return None;
        }
        let wide = measures.pop();
        let m = players.len();
        let wide = wide.unwrap_or_else(|| vec![1; m]);
        let mut ranked: Vec<(usize, u64)> = Vec::with_capacity(m);
        let mut total: u64 = 0;
        for (&i, &w) in players.iter().zip(&wide) {
            let w = u64::try_from(w).ok()?;
            total = total.checked_add(w).filter(|t| *t < MAX_TOTAL)?;
            ranked.push((i, w));
        }
        // Heaviest first; the sort is stable, so ties keep member order.
        ranked.sort_by_key(|&(_, w)| std::cmp::Reverse(w));
        let never = total + 1;
        // The rule can only change where a weight quota is crossed.
        let mut candidates: Vec<u64> = vec![0];
        for (j, kind) in kinds.iter().enumerate() {
            if matches!(kind, Measured::Weight(_)) {
                let q = game.thresholds.get(j).map_or(0, |t| t.quota);
                candidates.push(u64::try_from(q.clamp(0, i128::from(never))).unwrap_or(never));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let wins = |x: u64, size: usize| {
            game.holds(&|j| {
                let q = game.thresholds.get(j).map_or(0, |t| t.quota);
                match kinds.get(j) {
                    Some(Measured::Heads) => size as i128 >= q,
                    Some(Measured::Weight(_)) => i128::from(x) >= q,
                    Some(Measured::Nothing) | None => q <= 0,
                }
            })
        };
        let theta: Vec<u64> = (0..=m)
            .map(|size| {
                candidates
                    .iter()
                    .copied()
                    .filter(|&c| c <= total)
                    .find(|&c| wins(c, size))
                    .unwrap_or(never)
            })
            .collect();
        let headed = theta.windows(2).any(|w| w.first() != w.last());
        Some(Shape {
            n: game.n,
            players: ranked.iter().map(|&(i, _)| i).collect(),
            weights: ranked.iter().map(|&(_, w)| w).collect(),
            total,
            theta,
            headed,
        })
    }

    /// Players who are not dummies.
    pub fn m(&self) -> usize {
        self.players.len()
    }

    /// `theta[k]`, or "never" beyond the table.
    pub fn theta(&self, k: usize) -> i128 {
        i128::from(
            self.theta
                .get(k)
                .copied()
                .unwrap_or(self.total.saturating_add(1)),
        )
    }

    /// The same game measured above the lightest player, in steps: where every weight is a
    /// common offset plus a multiple of a common step (the basic votes each member of the
    /// IMF or the AIIB holds beside its votes per share), a coalition of `k` weighs `k *
    /// offset + step * x`, and wins when `x` reaches `(theta[k] - k * offset) / step`,
    /// rounded up. The weights shrink by the offset and the step, while the thresholds come
    /// to depend on the size; `None` when nothing would shrink.
    pub fn reduced(&self) -> Option<Shape> {
        use num_integer::Integer;
        let offset = self.weights.iter().copied().min()?;
        let step = self.weights.iter().fold(0u64, |g, &w| g.gcd(&(w - offset)));
        if step == 0 || (offset == 0 && step == 1) {
            return None;
        }
        let weights: Vec<u64> = self.weights.iter().map(|&w| (w - offset) / step).collect();
        // At most the old total: every weight shrank.
        let total: u64 = weights.iter().sum();
        let never = total + 1;
        let theta: Vec<u64> = self
            .theta
            .iter()
            .enumerate()
            .map(|(k, &t)| {
                if t > self.total {
                    return never;
                }
                // `k` players weigh at least `k * offset`, which is at most the old total.
                let floor = (k as u64).saturating_mul(offset);
                t.saturating_sub(floor).div_ceil(step).min(never)
            })
            .collect();
        let headed = theta.windows(2).any(|w| w.first() != w.last());
        debug_assert!(theta.windows(2).all(|w| w.first() >= w.last()));
        Some(Shape {
            n: self.n,
            players: self.players.clone(),
            weights,
            total,
            theta,
            headed,
        })
    }

    /// Whether the empty coalition is minimal winning (nobody can block the rule) and
    /// whether the empty objection is minimal blocking (the rule never passes): the two
    /// minimal coalitions that no last member or outsider accounts for.
    pub fn empty_minimal(&self) -> (bool, bool) {
        (
            self.theta(0) == 0,
            self.theta(self.m()) > i128::from(self.total),
        )
    }

    /// The weight of the player of rank `rank`, one of `0..m`.
    pub fn weight(&self, rank: usize) -> Result<i128, Bug> {
        at(&self.weights, rank, "a rank beyond the players").map(i128::from)
    }
}

/// Counts over the coalitions of the players who are not dummies, by rank.
#[derive(Debug, Clone, Default)]
pub struct Raw {
    pub winning: BigUint,
    /// `swings[r]`: of the player of rank `r`.
    pub swings: Vec<BigUint>,
    /// `by_size[r][s]`: the same, by the size of the coalition of the others.
    pub by_size: Option<Vec<Vec<BigUint>>>,
    pub minimal_winning: Option<BigUint>,
    pub minimal_blocking: Option<BigUint>,
}

impl Raw {
    /// Counts held in machine integers (meeting in the middle): the winning coalitions and
    /// each rank's swings by the number of the others (one count when not `sized`); no
    /// minimal coalitions.
    pub fn counted(winning: u64, swings: &[Vec<u64>], sized: bool) -> Raw {
        Raw {
            winning: BigUint::from(winning),
            swings: swings
                .iter()
                .map(|v| BigUint::from(v.iter().sum::<u64>()))
                .collect(),
            by_size: sized.then(|| {
                swings
                    .iter()
                    .map(|v| v.iter().map(|&c| BigUint::from(c)).collect())
                    .collect()
            }),
            minimal_winning: None,
            minimal_blocking: None,
        }
    }

    /// The counts of the whole game: every coalition of the others comes with any subset of
    /// the `d` dummies, who change nothing, so counts double `d` times and the counts by size
    /// spread by the binomial coefficients of `d`; the dummies never swing. Minimal winning
    /// and blocking coalitions never hold a dummy, so their numbers stay.
    pub fn lift(self, shape: &Shape) -> Result<Counts, Bug> {
        // Players of equal weight are interchangeable (ranks keep them side by side).
        let mut classes: Vec<Vec<usize>> = Vec::new();
        let mut last: Option<u64> = None;
        debug_assert_eq!(
            shape.players.len(),
            shape.weights.len(),
            "a weight per rank"
        );
        for (&i, &w) in shape.players.iter().zip(&shape.weights) {
            match classes.last_mut() {
                Some(class) if Some(w) == last => class.push(i),
                _ => classes.push(vec![i]),
            }
            last = Some(w);
        }
        self.lift_with(shape.n, &shape.players, classes)
    }

    /// [`Raw::lift`] for counts over `players` (game indices, in the order of the counts) of
    /// a game of `n`, where each of `classes` holds interchangeable players. Counts that miss
    /// one of `players`, or players beyond the game, are a bug.
    pub fn lift_with(
        self,
        n: usize,
        players: &[usize],
        mut classes: Vec<Vec<usize>>,
    ) -> Result<Counts, Bug> {
        const OUTSIDE: Bug = Bug("a player beyond the game");
        if self.swings.len() != players.len()
            || self
                .by_size
                .as_ref()
                .is_some_and(|b| b.len() != players.len())
        {
            return Err(Bug("counts that miss a player"));
        }
        let d = n.checked_sub(players.len()).ok_or(OUTSIDE)?;
        let scale = BigUint::one() << d;
        // The binomial coefficients of d, row by row.
        let mut binom = vec![BigUint::one()];
        for _ in 0..d {
            let mut next = vec![BigUint::one(); binom.len() + 1];
            for (slot, pair) in next.iter_mut().skip(1).zip(binom.windows(2)) {
                if let [a, b] = pair {
                    *slot = a + b;
                }
            }
            binom = next;
        }
        let mut swings = vec![BigUint::zero(); n];
        let mut by_size = self
            .by_size
            .as_ref()
            .map(|_| vec![vec![BigUint::zero(); n]; n]);
        for (rank, (&i, s)) in players.iter().zip(&self.swings).enumerate() {
            *swings.get_mut(i).ok_or(OUTSIDE)? = s * &scale;
            if let (Some(all), Some(ranked)) = (by_size.as_mut(), self.by_size.as_ref()) {
                let out = all.get_mut(i).ok_or(OUTSIDE)?;
                let counts = ranked.get(rank).ok_or(OUTSIDE)?;
                // A coalition of s of the others and t of the dummies has s + t members.
                for (s, c) in counts.iter().enumerate() {
                    if c.is_zero() {
                        continue;
                    }
                    for (slot, b) in out.iter_mut().skip(s).zip(&binom) {
                        *slot += c * b;
                    }
                }
            }
        }
        // The dummies are interchangeable too: each class shares the indices of its first
        // member.
        let mut alike: Vec<usize> = (0..n).collect();
        let mut taken = vec![false; n];
        for &i in players {
            *taken.get_mut(i).ok_or(OUTSIDE)? = true;
        }
        classes.push(
            taken
                .iter()
                .enumerate()
                .filter(|(_, &t)| !t)
                .map(|(i, _)| i)
                .collect(),
        );
        for class in &classes {
            // (An empty class has no first member and nothing to share.)
            let first = class.iter().copied().min().unwrap_or(0);
            for &i in class {
                *alike.get_mut(i).ok_or(OUTSIDE)? = first;
            }
        }
        Ok(Counts {
            n,
            winning: self.winning * &scale,
            swings,
            swings_by_size: by_size,
            smallest_blocking: None,
            minimal_winning: self.minimal_winning,
            minimal_blocking: self.minimal_blocking,
            alike,
        })
    }
}
