//! Counting by player types: members that weigh the same in every threshold are
//! interchangeable, so a coalition is described by how many of each type it holds. With few
//! types (a General Assembly of 193 equals is one type; the Security Council two) there are
//! few such count vectors, and every count follows from binomial coefficients, exactly.

use super::game::Game;
use super::Counts;
use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Count vectors beyond this many are left to the decision diagram.
const MAX_STATES: usize = 200_000;

/// The counts by types, or `None` when the game has too many types for it to pay.
pub fn count_by_types(game: &Game) -> Option<Counts> {
    let n = game.n;
    // A type is a weight column shared by several players.
    let column = |i: usize| -> Vec<i128> {
        game.thresholds
            .iter()
            .map(|t| t.weights.get(i).copied().unwrap_or(0))
            .collect()
    };
    let mut types: Vec<(Vec<i128>, Vec<usize>)> = Vec::new();
    for i in 0..n {
        let c = column(i);
        match types.iter_mut().find(|(w, _)| *w == c) {
            Some((_, members)) => members.push(i),
            None => types.push((c, vec![i])),
        }
    }
    let sizes: Vec<usize> = types.iter().map(|(_, m)| m.len()).collect();
    let states = sizes
        .iter()
        .try_fold(1usize, |acc, m| acc.checked_mul(m + 1))
        .filter(|s| *s <= MAX_STATES)?;
    // Binomial coefficients C(m, c) for the sizes `m` the counts need: each type's size
    // and one less. Only those rows: the whole table up to n would hold n^2 / 2 big
    // integers (gigabytes for a few thousand members).
    let mut binom: std::collections::BTreeMap<usize, Vec<BigUint>> = Default::default();
    for &m in &sizes {
        for m in [m, m.saturating_sub(1)] {
            binom.entry(m).or_insert_with(|| binomial_row(m));
        }
    }
    let choose = |m: usize, c: usize| -> BigUint {
        binom
            .get(&m)
            .and_then(|row| row.get(c))
            .cloned()
            .unwrap_or_else(BigUint::zero)
    };
    let wins = |counts: &[usize]| -> bool {
        game.holds(&|j| {
            game.thresholds.get(j).is_some_and(|t| {
                let sum: i128 = types
                    .iter()
                    .zip(counts)
                    .map(|((w, _), &c)| w.get(j).copied().unwrap_or(0) * c as i128)
                    .sum();
                sum >= t.quota
            })
        })
    };
    let mut winning = BigUint::zero();
    let mut swings_by_type = vec![vec![BigUint::zero(); n]; types.len()];
    let mut counts = vec![0usize; types.len()];
    let mut smallest_losing_objectors: Option<usize> = None;
    for _ in 0..states {
        let size: usize = counts.iter().sum();
        let ways = counts
            .iter()
            .zip(&sizes)
            .fold(BigUint::one(), |acc, (&c, &m)| acc * choose(m, c));
        let won = wins(&counts);
        if won {
            winning += &ways;
        } else {
            let objectors = n - size;
            smallest_losing_objectors =
                Some(smallest_losing_objectors.map_or(objectors, |s| s.min(objectors)));
            // A player of type t, outside this coalition, swings it if joining wins.
            for t in 0..types.len() {
                let (Some(&c), Some(&m)) = (counts.get(t), sizes.get(t)) else {
                    continue;
                };
                if c == m {
                    continue;
                }
                let mut joined = counts.clone();
                if let Some(slot) = joined.get_mut(t) {
                    *slot += 1;
                }
                if wins(&joined) {
                    // Coalitions of the others: this type has m - 1 others to choose from.
                    let others = counts.iter().zip(&sizes).enumerate().fold(
                        BigUint::one(),
                        |acc, (u, (&cu, &mu))| {
                            acc * if u == t {
                                choose(mu - 1, cu)
                            } else {
                                choose(mu, cu)
                            }
                        },
                    );
                    if let Some(slot) = swings_by_type.get_mut(t).and_then(|v| v.get_mut(size)) {
                        *slot += others;
                    }
                }
            }
        }
        // Next count vector (odometer).
        for (c, &m) in counts.iter_mut().zip(&sizes) {
            if *c < m {
                *c += 1;
                break;
            }
            *c = 0;
        }
    }
    let mut swings_by_size = vec![Vec::new(); n];
    let mut alike: Vec<usize> = (0..n).collect();
    for ((_, members), by_size) in types.iter().zip(&swings_by_type) {
        let first = members.iter().copied().min().unwrap_or(0);
        for &i in members {
            if let Some(slot) = swings_by_size.get_mut(i) {
                *slot = by_size.clone();
            }
            if let Some(slot) = alike.get_mut(i) {
                *slot = first;
            }
        }
    }
    let swings = swings_by_size
        .iter()
        .map(|v: &Vec<BigUint>| v.iter().sum())
        .collect();
    // An example of the smallest blocking coalition: the losing vector with fewest
    // objectors, its objectors taken from the end of each type's member list.
    let smallest_blocking = smallest_losing_objectors.map(|k| {
        let mut best: Option<Vec<usize>> = None;
        let mut counts = vec![0usize; types.len()];
        for _ in 0..states {
            let size: usize = counts.iter().sum();
            if n - size == k && best.is_none() && !wins(&counts) {
                let mut out: Vec<usize> = types
                    .iter()
                    .zip(&counts)
                    .flat_map(|((_, members), &c)| members.iter().skip(c).copied())
                    .collect();
                out.sort_unstable();
                best = Some(out);
            }
            for (c, &m) in counts.iter_mut().zip(&sizes) {
                if *c < m {
                    *c += 1;
                    break;
                }
                *c = 0;
            }
        }
        best.unwrap_or_default()
    });
    Some(Counts {
        n,
        winning,
        swings,
        swings_by_size,
        smallest_blocking,
        alike,
    })
}

/// `C(m, 0), ..., C(m, m)`, each from the one before: `C(m, c + 1) = C(m, c) (m - c) / (c + 1)`.
fn binomial_row(m: usize) -> Vec<BigUint> {
    let mut row = Vec::with_capacity(m + 1);
    let mut c = BigUint::one();
    for k in 0..=m {
        row.push(c.clone());
        c = c * BigUint::from(m - k) / BigUint::from(k + 1);
    }
    row
}
