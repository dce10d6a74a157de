//! Counting by player types: members that weigh the same in every threshold are
//! interchangeable, so a coalition is described by how many of each type it holds. With few
//! types (a General Assembly of 193 equals is one type; the Security Council two) there are
//! few such count vectors, and every count follows from binomial coefficients, exactly.

use super::budget::{Bug, Meter, Stop};
use super::game::Game;
use super::Counts;
use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Count vectors beyond this many are left to the other methods.
const MAX_STATES: usize = 200_000;

/// The work of counting by types: `states` count vectors, each tried against the rule once
/// per type.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub states: usize,
    pub types: usize,
}

/// The plan, or `None` when the game has too many types for counting by types to pay.
pub fn plan(game: &Game) -> Option<Plan> {
    let types = types_of(game);
    let states = types
        .iter()
        .try_fold(1usize, |acc, (_, m)| acc.checked_mul(m.len() + 1))
        .filter(|s| *s <= MAX_STATES)?;
    Some(Plan {
        states,
        types: types.len(),
    })
}

/// Players grouped by their weight column (their weight in every threshold).
fn types_of(game: &Game) -> Vec<(Vec<i128>, Vec<usize>)> {
    // Every player's weight column, read threshold by threshold.
    let mut columns: Vec<Vec<i128>> = vec![Vec::with_capacity(game.thresholds.len()); game.n];
    for t in &game.thresholds {
        for (column, &w) in columns.iter_mut().zip(&t.weights) {
            column.push(w);
        }
    }
    let mut types: Vec<(Vec<i128>, Vec<usize>)> = Vec::new();
    for (i, c) in columns.into_iter().enumerate() {
        match types.iter_mut().find(|(w, _)| *w == c) {
            Some((_, members)) => members.push(i),
            None => types.push((c, vec![i])),
        }
    }
    types
}

/// The counts by types, or `None` when the game has too many types for it to pay.
pub fn count_by_types(game: &Game, meter: &mut Meter) -> Option<Result<Counts, Stop>> {
    plan(game)?;
    Some(count(game, meter))
}

fn count(game: &Game, meter: &mut Meter) -> Result<Counts, Stop> {
    let n = game.n;
    // A type is a weight column shared by several players.
    let types = types_of(game);
    let sizes: Vec<usize> = types.iter().map(|(_, m)| m.len()).collect();
    let states = sizes
        .iter()
        .try_fold(1usize, |acc, m| acc.checked_mul(m + 1))
        .unwrap_or(usize::MAX);
    // The rows of binomial coefficients the counts need: C(m, .) and C(m - 1, .) for every
    // type's size m (the others of a type number one fewer).
    let mut rows: std::collections::BTreeMap<usize, Vec<BigUint>> = Default::default();
    for &m in &sizes {
        for r in [m, m.saturating_sub(1)] {
            rows.entry(r).or_insert_with(|| {
                let mut row = Vec::with_capacity(r + 1);
                let mut c = BigUint::one();
                for k in 0..=r {
                    row.push(c.clone());
                    c = c * BigUint::from(r - k) / BigUint::from(k + 1);
                }
                row
            });
        }
    }
    let choose = |m: usize, c: usize| -> Result<&BigUint, Bug> {
        rows.get(&m)
            .and_then(|row| row.get(c))
            .ok_or(Bug("a binomial coefficient beyond the rows"))
    };
    // Each threshold's weight of each type, and its quota.
    let mut by_threshold: Vec<(Vec<i128>, i128)> = game
        .thresholds
        .iter()
        .map(|t| (Vec::with_capacity(types.len()), t.quota))
        .collect();
    for (column, _) in &types {
        for ((row, _), &w) in by_threshold.iter_mut().zip(column) {
            row.push(w);
        }
    }
    // (A checked game's formula names only its thresholds.)
    let wins = |counts: &[usize]| -> bool {
        game.holds(&|j| {
            by_threshold.get(j).is_some_and(|(ws, quota)| {
                let sum: i128 = ws.iter().zip(counts).map(|(w, &c)| w * c as i128).sum();
                sum >= *quota
            })
        })
    };
    let mut winning = BigUint::zero();
    let mut swings_by_type = vec![vec![BigUint::zero(); n]; types.len()];
    let mut counts = vec![0usize; types.len()];
    let mut smallest_losing_objectors: Option<usize> = None;
    let (mut minimal_winning, mut minimal_blocking) = (BigUint::zero(), BigUint::zero());
    // Count vectors one type away: with one more (`step` 1) or one fewer member of type `t`.
    let moved = |counts: &[usize], t: usize, more: bool| -> Vec<usize> {
        let mut next = counts.to_vec();
        if let Some(slot) = next.get_mut(t) {
            *slot = if more {
                *slot + 1
            } else {
                slot.saturating_sub(1)
            };
        }
        next
    };
    for _ in 0..states {
        meter.tick(types.len() as u64 + 1)?;
        let size: usize = counts.iter().sum();
        let ways = counts
            .iter()
            .zip(&sizes)
            .try_fold(BigUint::one(), |acc, (&c, &m)| {
                Ok::<_, Bug>(acc * choose(m, c)?)
            })?;
        let won = wins(&counts);
        // Minimal winning: losing without any one member. Maximal losing (the complement of
        // a minimal blocking coalition): winning with any one more.
        if won {
            let minimal = counts
                .iter()
                .enumerate()
                .all(|(t, &c)| c == 0 || !wins(&moved(&counts, t, false)));
            if minimal {
                minimal_winning += &ways;
            }
        } else {
            let maximal = counts
                .iter()
                .zip(&sizes)
                .enumerate()
                .all(|(t, (c, m))| c == m || wins(&moved(&counts, t, true)));
            if maximal {
                minimal_blocking += &ways;
            }
        }
        if won {
            winning += &ways;
        } else {
            let objectors = n - size;
            smallest_losing_objectors =
                Some(smallest_losing_objectors.map_or(objectors, |s| s.min(objectors)));
            // A player of type t, outside this coalition, swings it if joining wins.
            for (t, (&c, &m)) in counts.iter().zip(&sizes).enumerate() {
                if c == m {
                    continue;
                }
                let mut joined = counts.clone();
                if let Some(slot) = joined.get_mut(t) {
                    *slot += 1;
                }
                if wins(&joined) {
                    // Coalitions of the others: this type has m - 1 others to choose from.
                    let others = counts.iter().zip(&sizes).enumerate().try_fold(
                        BigUint::one(),
                        |acc, (u, (&cu, &mu))| {
                            let m = if u == t { mu - 1 } else { mu };
                            Ok::<_, Bug>(acc * choose(m, cu)?)
                        },
                    )?;
                    *swings_by_type
                        .get_mut(t)
                        .and_then(|v| v.get_mut(size))
                        .ok_or(Bug("a coalition size beyond the game"))? += others;
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
            *swings_by_size
                .get_mut(i)
                .ok_or(Bug("a player beyond the game"))? = by_size.clone();
            *alike.get_mut(i).ok_or(Bug("a player beyond the game"))? = first;
        }
    }
    let swings = swings_by_size
        .iter()
        .map(|v: &Vec<BigUint>| v.iter().sum())
        .collect();
    // An example of the smallest blocking coalition: the losing vector with fewest
    // objectors, its objectors taken from the end of each type's member list.
    let example = |k: usize| -> Option<Vec<usize>> {
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
        best
    };
    // The first pass saw a losing vector with k objectors: the second finds it again.
    let smallest_blocking = match smallest_losing_objectors {
        Some(k) => Some(example(k).ok_or(Bug("the smallest blocking coalition went missing"))?),
        None => None,
    };
    Ok(Counts {
        n,
        winning,
        swings,
        swings_by_size: Some(swings_by_size),
        smallest_blocking: Some(smallest_blocking),
        minimal_winning: Some(minimal_winning),
        minimal_blocking: Some(minimal_blocking),
        alike,
    })
}
