//! Exact power and blocking analysis of every body's decision rules.
//!
//! A rule becomes a simple game ([`game`]), the game a binary decision diagram ([`bdd`]),
//! and every count below is read off the diagram exactly, in big integers: swings for
//! Banzhaf, swings by coalition size for Shapley–Shubik, winning coalitions for Coleman's
//! power to act. The evaluation core ([`crate::decision`]) stays the definition of "this
//! coalition wins"; the tests hold these algorithms against it by brute force.

pub mod bdd;
pub mod game;
mod report;
mod types;
mod wide;

pub use types::count_by_types;

pub use report::{analyze, BodyReport, DecisionReport, PartyPower, Report};

use bdd::{Diagram, NodeId, FALSE, TRUE};
use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Exact counts over all 2^n coalitions of a game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub n: usize,
    /// Coalitions that win.
    pub winning: BigUint,
    /// `swings[i]`: coalitions of the others that lose without `i` and win with it.
    pub swings: Vec<BigUint>,
    /// `swings_by_size[i][s]`: the same, for coalitions of the others of size `s`.
    pub swings_by_size: Vec<Vec<BigUint>>,
    /// Fewest members whose "no" defeats the rule when all others vote yes, and who they
    /// are (player indices); `None` if nothing defeats it.
    pub smallest_blocking: Option<Vec<usize>>,
}

/// The arithmetic the counts need: `u128` while 2^n fits, big integers beyond.
pub trait Number: Clone + Zero + One + PartialOrd + for<'a> std::ops::AddAssign<&'a Self>
where
    for<'a> &'a Self:
        std::ops::Sub<&'a Self, Output = Self> + std::ops::Mul<&'a Self, Output = Self>,
{
    fn into_big(self) -> BigUint;
}

impl Number for u128 {
    fn into_big(self) -> BigUint {
        BigUint::from(self)
    }
}

impl Number for BigUint {
    fn into_big(self) -> BigUint {
        self
    }
}

/// Below this many players every count (at most 2^n) fits in a `u128`.
const SMALL_GAME: usize = 120;
/// Below this many, in a [`wide::U256`].
const MEDIUM_GAME: usize = 255;

/// A polynomial in the number of yes votes: `coefficients[k]` ways with `k` yes votes.
type Poly<T> = Vec<T>;

fn add_into<T: Number>(target: &mut Poly<T>, source: &Poly<T>, shift: usize)
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    if target.len() < source.len() + shift {
        target.resize(source.len() + shift, T::zero());
    }
    for (k, c) in source.iter().enumerate() {
        if !c.is_zero() {
            if let Some(t) = target.get_mut(k + shift) {
                *t += c;
            }
        }
    }
}

/// Counts everything the indices need, in two passes over the diagram.
pub fn count(d: &Diagram) -> Counts {
    fn widen<T: Number>((w, s): (T, Vec<Vec<T>>)) -> (BigUint, Vec<Vec<BigUint>>)
    where
        for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
    {
        (
            w.into_big(),
            s.into_iter()
                .map(|row| row.into_iter().map(Number::into_big).collect())
                .collect(),
        )
    }
    let (winning, swings_by_size) = if d.n < SMALL_GAME {
        widen(count_in::<u128>(d))
    } else if d.n < MEDIUM_GAME {
        widen(count_in::<wide::U256>(d))
    } else {
        count_in::<BigUint>(d)
    };
    let swings = swings_by_size
        .iter()
        .map(|by_size: &Vec<BigUint>| by_size.iter().sum())
        .collect();
    Counts {
        n: d.n,
        winning,
        swings,
        swings_by_size,
        smallest_blocking: smallest_blocking(d),
    }
}

/// Winning coalitions, and each player's swings by the size of the coalition it joins.
fn count_in<T: Number>(d: &Diagram) -> (T, Vec<Vec<T>>)
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let n = d.n;
    let len = d.nodes.len();
    // down[v]: winning completions from v, by number of further yes votes.
    let mut down: Vec<Poly<T>> = vec![Vec::new(); len];
    if let Some(t) = down.get_mut(TRUE as usize) {
        *t = vec![T::one()];
    }
    for level in (0..n).rev() {
        for &v in d.by_level.get(level).map(Vec::as_slice).unwrap_or(&[]) {
            let node = d.node(v);
            let mut poly = Poly::new();
            if let Some(y) = down.get(node.yes as usize) {
                add_into(&mut poly, y, 1);
            }
            if let Some(no) = down.get(node.no as usize) {
                add_into(&mut poly, no, 0);
            }
            if let Some(slot) = down.get_mut(v as usize) {
                *slot = poly;
            }
        }
    }
    // up[v]: ways to reach v from the root, by number of yes votes so far.
    let mut up: Vec<Poly<T>> = vec![Vec::new(); len];
    if let Some(r) = up.get_mut(d.root as usize) {
        *r = vec![T::one()];
    }
    let mut swings_by_size = vec![vec![T::zero(); n]; n];
    let empty = Poly::new();
    for level in 0..n {
        for &v in d.by_level.get(level).map(Vec::as_slice).unwrap_or(&[]) {
            let node = d.node(v);
            let here = std::mem::take(up.get_mut(v as usize).unwrap_or(&mut Vec::new()));
            if here.iter().all(Zero::is_zero) {
                continue;
            }
            // The player at this level swings where yes wins and no loses (never where both
            // lead to the same rest of the game). Monotone games: every winning completion
            // after "no" also wins after "yes".
            if node.yes != node.no {
                let by_size = swings_by_size.get_mut(d.player(level));
                add_swings(&here, &down, node, by_size);
            }
            for (child, shift) in [(node.yes, 1), (node.no, 0)] {
                if child == TRUE || child == FALSE {
                    continue;
                }
                if let Some(slot) = up.get_mut(child as usize) {
                    add_into(slot, &here, shift);
                }
            }
        }
    }
    let mut winning = T::zero();
    for c in down.get(d.root as usize).unwrap_or(&empty) {
        winning += c;
    }
    (winning, swings_by_size)
}

/// Adds to `by_size` the swings of the player deciding at `node`, for the ways `here` of
/// reaching it: coalitions where its yes wins and its no loses, by their size.
fn add_swings<T: Number>(
    here: &Poly<T>,
    down: &[Poly<T>],
    node: bdd::Node,
    by_size: Option<&mut Vec<T>>,
) where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let Some(by_size) = by_size else { return };
    let empty = Poly::new();
    let win_yes = down.get(node.yes as usize).unwrap_or(&empty);
    let win_no = down.get(node.no as usize).unwrap_or(&empty);
    let diff: Poly<T> = (0..win_yes.len().max(win_no.len()))
        .map(|b| match (win_yes.get(b), win_no.get(b)) {
            (Some(y), Some(no)) if y > no => y - no,
            (Some(y), None) => y.clone(),
            _ => T::zero(),
        })
        .collect();
    for (a, ca) in here.iter().enumerate() {
        if ca.is_zero() {
            continue;
        }
        for (b, cb) in diff.iter().enumerate() {
            if cb.is_zero() {
                continue;
            }
            if let Some(slot) = by_size.get_mut(a + b) {
                *slot += &(ca * cb);
            }
        }
    }
}

/// The shortest path to FALSE, counting "no" edges: the fewest objectors that defeat it.
fn smallest_blocking(d: &Diagram) -> Option<Vec<usize>> {
    const NEVER: usize = usize::MAX;
    let mut cost = vec![NEVER; d.nodes.len()];
    if let Some(c) = cost.get_mut(FALSE as usize) {
        *c = 0;
    }
    for level in (0..d.n).rev() {
        for &v in d.by_level.get(level).map(Vec::as_slice).unwrap_or(&[]) {
            let node = d.node(v);
            let via_yes = cost.get(node.yes as usize).copied().unwrap_or(NEVER);
            let via_no = cost
                .get(node.no as usize)
                .copied()
                .unwrap_or(NEVER)
                .saturating_add(1);
            if let Some(c) = cost.get_mut(v as usize) {
                *c = via_yes.min(via_no);
            }
        }
    }
    let at = |v: NodeId| cost.get(v as usize).copied().unwrap_or(NEVER);
    if at(d.root) == NEVER {
        return None;
    }
    let mut path = Vec::new();
    let mut v = d.root;
    // Follow the cheapest edges down; the example lists players in member order.
    while v != FALSE && v != TRUE {
        let node = d.node(v);
        if at(node.yes) <= at(node.no).saturating_add(1) {
            v = node.yes;
        } else {
            path.push(d.player(node.level));
            v = node.no;
        }
    }
    path.sort_unstable();
    Some(path)
}

#[cfg(test)]
mod tests;
