//! Exact power and blocking analysis of every body's decision rules.
//!
//! A rule becomes a simple game ([`game`]), the game a binary decision diagram ([`bdd`]),
//! and every count below is read off the diagram exactly, in integers wide enough for 2^n
//! (machine integers while they suffice, big integers beyond): swings for
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
    /// `alike[i]`: the first player known to be interchangeable with `i` (`i` itself if
    /// none is), whose indices are then `i`'s too.
    pub alike: Vec<usize>,
}

/// The arithmetic the counts need: the narrowest machine integer that holds 2^n, big
/// integers beyond.
pub trait Number: Clone + Zero + One + PartialOrd + for<'a> std::ops::AddAssign<&'a Self>
where
    for<'a> &'a Self:
        std::ops::Sub<&'a Self, Output = Self> + std::ops::Mul<&'a Self, Output = Self>,
{
    /// Whether adding a zero costs enough to test for it first: big integers allocate,
    /// machine integers add faster (and in vector registers) without the test.
    const SKIP_ZEROS: bool = false;

    fn into_big(self) -> BigUint;
}

impl Number for u32 {
    fn into_big(self) -> BigUint {
        BigUint::from(self)
    }
}

impl Number for u64 {
    fn into_big(self) -> BigUint {
        BigUint::from(self)
    }
}

impl Number for u128 {
    fn into_big(self) -> BigUint {
        BigUint::from(self)
    }
}

impl Number for BigUint {
    const SKIP_ZEROS: bool = true;

    fn into_big(self) -> BigUint {
        self
    }
}

/// Below this many players every count (at most 2^n) fits in a `u32`.
const TINY_GAME: usize = 32;
/// Below this many, in a `u64`.
const NARROW_GAME: usize = 64;
/// Below this many, in a `u128`.
const SMALL_GAME: usize = 120;
/// Below this many, in a [`wide::U256`].
const MEDIUM_GAME: usize = 255;

/// Memory the counts over a diagram may take, in bytes.
const MAX_COUNT_BYTES: u128 = 1 << 30;

/// Work the counts over a diagram may take, in machine-word operations (a few seconds).
const MAX_COUNT_WORK: u128 = 4_000_000_000;

/// Why counting over a diagram would cost too much, if it would, estimated from the size
/// of its levels before anything is counted: [`count`] keeps a row per node with a place
/// per further yes vote and a row per player with a place per coalition size, multiplies
/// rows at every node, and the Shapley–Shubik sum multiplies a factorial by a swing count
/// for every player and size.
pub fn counting_beyond_budget(d: &Diagram) -> Option<String> {
    let n = d.n as u128;
    // Machine words per number in the arithmetic `count` picks for `n` players.
    let words = match d.n {
        k if k < NARROW_GAME => 1,
        k if k < SMALL_GAME => 2,
        k if k < MEDIUM_GAME => 4,
        _ => n / 64 + 4,
    };
    let mut cells = n * n;
    let mut work = 0u128;
    for (level, nodes) in d.by_level.iter().enumerate() {
        let (nodes, l) = (nodes.len() as u128, level as u128);
        let below = n.saturating_sub(l) + 1;
        cells = cells.saturating_add(nodes * below);
        work = work.saturating_add(nodes * (l + 1) * below);
    }
    // log2(n!) is at most n log2 n bits.
    let factorial_words = n * u128::from(u128::BITS - n.leading_zeros()) / 64 + 1;
    work = work
        .saturating_mul(words)
        .saturating_add(n * n * factorial_words * words);
    let bytes = cells.saturating_mul(words * 8);
    if bytes > MAX_COUNT_BYTES {
        return Some(format!(
            "counting the rule's coalitions would take about {} MB; the exact analysis takes at most {} MB",
            bytes >> 20,
            MAX_COUNT_BYTES >> 20
        ));
    }
    if work > MAX_COUNT_WORK {
        return Some(format!(
            "counting the rule's coalitions would take about {work} steps; the exact analysis takes at most {MAX_COUNT_WORK}"
        ));
    }
    None
}

/// Adds `source`, shifted by `shift` places, into `target`.
fn add_shifted<T: Number>(target: &mut [T], source: &[T], shift: usize)
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    for (t, c) in target.iter_mut().skip(shift).zip(source) {
        if !T::SKIP_ZEROS || !c.is_zero() {
            *t += c;
        }
    }
}

/// Counts everything the indices need, in two passes over the diagram.
pub fn count(d: &Diagram) -> Counts {
    let (winning, swings_by_size) = if d.n < TINY_GAME {
        count_as::<u32>(d)
    } else if d.n < NARROW_GAME {
        count_as::<u64>(d)
    } else if d.n < SMALL_GAME {
        count_as::<u128>(d)
    } else if d.n < MEDIUM_GAME {
        count_as::<wide::U256>(d)
    } else {
        count_as::<BigUint>(d)
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
        alike: (0..d.n).collect(),
    }
}

/// [`count_in`] in the arithmetic `T`, its results as big integers.
fn count_as<T: Number>(d: &Diagram) -> (BigUint, Vec<Vec<BigUint>>)
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let (winning, swings_by_size) = count_in::<T>(d);
    (
        winning.into_big(),
        swings_by_size
            .into_iter()
            .map(|row| row.into_iter().map(Number::into_big).collect())
            .collect(),
    )
}

/// Per level, one row of coefficients for each node of the level, all in one buffer: a
/// polynomial in the number of yes votes (coefficient `k`: ways with `k` yes votes).
struct Rows<T> {
    width: usize,
    cells: Vec<T>,
}

impl<T: Clone> Rows<T> {
    fn new(nodes: usize, width: usize, zero: T) -> Rows<T> {
        Rows {
            width,
            cells: vec![zero; nodes * width],
        }
    }

    fn row(&self, slot: usize) -> &[T] {
        let start = slot * self.width;
        self.cells.get(start..start + self.width).unwrap_or(&[])
    }

    fn row_mut(&mut self, slot: usize) -> &mut [T] {
        let start = slot * self.width;
        self.cells
            .get_mut(start..start + self.width)
            .unwrap_or(&mut [])
    }
}

/// Winning coalitions, and each player's swings by the size of the coalition it joins.
///
/// The diagram is quasi-reduced (every edge goes down one level), so a node at level `l`
/// has `n - l` players below it and `l` above it: its rows have those many places plus
/// one, and the rows of a level sit side by side in one buffer.
fn count_in<T: Number>(d: &Diagram) -> (T, Vec<Vec<T>>)
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let n = d.n;
    let empty: &[NodeId] = &[];
    let level_nodes = |level: usize| d.by_level.get(level).map_or(empty, Vec::as_slice);
    // Each node's place in its level; the terminals are places 0 and 1 of level n.
    let mut slot = vec![0usize; d.nodes.len()];
    for level in 0..n {
        for (k, &v) in level_nodes(level).iter().enumerate() {
            if let Some(s) = slot.get_mut(v as usize) {
                *s = k;
            }
        }
    }
    if let Some(s) = slot.get_mut(TRUE as usize) {
        *s = 1;
    }
    let place = |v: NodeId| slot.get(v as usize).copied().unwrap_or(0);
    // down[level]: winning completions from each node, by number of further yes votes.
    let mut down: Vec<Rows<T>> = (0..n)
        .map(|l| Rows::new(level_nodes(l).len(), n - l + 1, T::zero()))
        .collect();
    let mut terminals = Rows::new(2, 1, T::zero());
    terminals.row_mut(1).fill(T::one());
    down.push(terminals);
    for level in (0..n).rev() {
        let (above, below) = down.split_at_mut(level + 1);
        let (Some(here), Some(below)) = (above.last_mut(), below.first()) else {
            continue;
        };
        for (k, &v) in level_nodes(level).iter().enumerate() {
            let node = d.node(v);
            let row = here.row_mut(k);
            add_shifted(row, below.row(place(node.yes)), 1);
            add_shifted(row, below.row(place(node.no)), 0);
        }
    }
    // up: ways to reach each node of a level from the root, by number of yes votes so far;
    // only two levels are needed at a time.
    let mut up = Rows::new(level_nodes(0).len(), 1, T::zero());
    up.row_mut(place(d.root)).fill(T::one());
    let mut swings_by_size = vec![vec![T::zero(); n]; n];
    let mut diff: Vec<T> = Vec::with_capacity(n + 1);
    for level in 0..n {
        let here_rows = up;
        let mut next = Rows::new(level_nodes(level + 1).len(), level + 2, T::zero());
        let wins = down.get(level + 1);
        let mut by_size = swings_by_size.get_mut(d.player(level));
        for (k, &v) in level_nodes(level).iter().enumerate() {
            let node = d.node(v);
            let here = here_rows.row(k);
            if here.iter().all(Zero::is_zero) {
                continue;
            }
            // The player at this level swings where yes wins and no loses (never where both
            // lead to the same rest of the game). Monotone games: every winning completion
            // after "no" also wins after "yes".
            if node.yes != node.no {
                if let (Some(wins), Some(by_size)) = (wins, by_size.as_deref_mut()) {
                    diff.clear();
                    diff.extend(
                        wins.row(place(node.yes))
                            .iter()
                            .zip(wins.row(place(node.no)))
                            .map(|(y, no)| if y > no { y - no } else { T::zero() }),
                    );
                    add_products(by_size, here, &diff);
                }
            }
            // Below the last level are the terminals, which have no rows.
            add_shifted(next.row_mut(place(node.yes)), here, 1);
            add_shifted(next.row_mut(place(node.no)), here, 0);
        }
        up = next;
    }
    let winning = down
        .first()
        .map(|rows| {
            let mut total = T::zero();
            for c in rows.row(place(d.root)) {
                total += c;
            }
            total
        })
        .unwrap_or_else(T::zero);
    (winning, swings_by_size)
}

/// `by_size[a + b] += here[a] * diff[b]`: the ways to reach a node with `a` yes votes, times
/// the ways to complete it with `b` in which the node's player swings.
fn add_products<T: Number>(by_size: &mut [T], here: &[T], diff: &[T])
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    for (a, ca) in here.iter().enumerate() {
        if ca.is_zero() {
            continue;
        }
        for (slot, cb) in by_size.iter_mut().skip(a).zip(diff) {
            if !T::SKIP_ZEROS || !cb.is_zero() {
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
