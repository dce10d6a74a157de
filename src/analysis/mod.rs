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

/// A polynomial in the number of yes votes: `coefficients[k]` ways with `k` yes votes.
type Poly = Vec<BigUint>;

fn add_into(target: &mut Poly, source: &Poly, shift: usize) {
    if target.len() < source.len() + shift {
        target.resize(source.len() + shift, BigUint::zero());
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
    let n = d.n;
    let len = d.nodes.len();
    // down[v]: winning completions from v, by number of further yes votes.
    let mut down: Vec<Poly> = vec![Vec::new(); len];
    if let Some(t) = down.get_mut(TRUE as usize) {
        *t = vec![BigUint::one()];
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
    let mut up: Vec<Poly> = vec![Vec::new(); len];
    if let Some(r) = up.get_mut(d.root as usize) {
        *r = vec![BigUint::one()];
    }
    let mut swings = vec![BigUint::zero(); n];
    let mut swings_by_size = vec![vec![BigUint::zero(); n]; n];
    for level in 0..n {
        for &v in d.by_level.get(level).map(Vec::as_slice).unwrap_or(&[]) {
            let node = d.node(v);
            let here = up.get(v as usize).cloned().unwrap_or_default();
            if here.iter().all(Zero::is_zero) {
                continue;
            }
            // The player at this level swings where yes wins and no loses.
            let empty = Poly::new();
            let win_yes = down.get(node.yes as usize).unwrap_or(&empty);
            let win_no = down.get(node.no as usize).unwrap_or(&empty);
            // Monotone games: every winning completion after "no" also wins after "yes".
            let diff: Poly = (0..win_yes.len().max(win_no.len()))
                .map(|b| match (win_yes.get(b), win_no.get(b)) {
                    (Some(y), Some(no)) if y > no => y - no,
                    (Some(y), None) => y.clone(),
                    _ => BigUint::zero(),
                })
                .collect();
            if let Some(by_size) = swings_by_size.get_mut(d.player(level)) {
                for (a, ca) in here.iter().enumerate() {
                    if ca.is_zero() {
                        continue;
                    }
                    for (b, cb) in diff.iter().enumerate() {
                        if cb.is_zero() {
                            continue;
                        }
                        if let Some(slot) = by_size.get_mut(a + b) {
                            *slot += ca * cb;
                        }
                    }
                }
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
    for (i, by_size) in swings_by_size.iter().enumerate() {
        if let Some(total) = swings.get_mut(i) {
            *total = by_size.iter().sum();
        }
    }
    let winning = down
        .get(d.root as usize)
        .map(|p| p.iter().sum())
        .unwrap_or_default();
    Counts {
        n,
        winning,
        swings,
        swings_by_size,
        smallest_blocking: smallest_blocking(d),
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
