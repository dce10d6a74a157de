//! Counting on the decision diagram ([`super::bdd`]): every count is a sum over its paths,
//! read off level by level in integers wide enough for 2^n (machine integers while they
//! suffice, big integers beyond). Swings for Banzhaf's index need one number per node;
//! Shapley–Shubik's needs them by coalition size, a row per node (Bolus 2011). The diagram
//! suits Boolean combinations of thresholds (the EU's double majority) whatever their
//! weights, as long as the diagram stays small.
//!
//! Minimal winning and blocking coalitions are counted on the diagram without listing them
//! when one ranking of the members orders every threshold's weights (heavier first): a
//! winning coalition is then minimal exactly when it loses without its last member, which
//! is a property of one node and its two children.

use super::bdd::{Diagram, NodeId, FALSE, TRUE};
use super::budget::{Bug, Meter, Stop};
use super::wide::U256;
use super::{Counts, Number};
use num_bigint::BigUint;
use num_traits::Zero;

/// Below this many players every count (at most 2^n) fits in a `u32`.
const TINY_GAME: usize = 32;
/// Below this many, in a `u64`.
const NARROW_GAME: usize = 64;
/// Below this many, in a `u128`.
const SMALL_GAME: usize = 120;
/// Below this many, in a [`U256`].
const MEDIUM_GAME: usize = 255;

/// Bytes of one count in the arithmetic chosen for `n` players (big integers: a guess).
pub fn width(n: usize) -> usize {
    if n < TINY_GAME {
        4
    } else if n < NARROW_GAME {
        8
    } else if n < SMALL_GAME {
        16
    } else if n < MEDIUM_GAME {
        32
    } else {
        32 + n / 8
    }
}

/// The working memory of counting by size: a row of `n - level + 1` counts per node kept
/// for the whole pass, two levels of rows going up, and the results.
pub fn sized_bytes(d: &Diagram) -> f64 {
    let n = d.n;
    let rows: f64 = d
        .by_level
        .iter()
        .enumerate()
        .map(|(level, nodes)| nodes.len() as f64 * (n - level + 1) as f64)
        .sum();
    let widest = d.by_level.iter().map(Vec::len).max().unwrap_or(0) as f64;
    (rows + 2.0 * widest * (n as f64 + 1.0) + (n * n) as f64) * width(n) as f64
}

/// Operations of counting by size: per node, its row, and its row of swings times the row
/// above it.
pub fn sized_work(d: &Diagram) -> f64 {
    let n = d.n as f64;
    d.by_level
        .iter()
        .enumerate()
        .map(|(level, nodes)| {
            let l = level as f64;
            nodes.len() as f64 * ((n - l + 1.0) * 3.0 + (l + 1.0) * (n - l + 1.0))
        })
        .sum()
}

/// Counts what is asked: by size for Shapley–Shubik, minimal coalitions if the diagram's
/// order ranks every threshold alike.
pub fn count(d: &Diagram, sized: bool, minimal: bool, meter: &mut Meter) -> Result<Counts, Stop> {
    let minimal = minimal && d.comonotone;
    let (winning, swings, swings_by_size) = if sized {
        meter.hold(sized_bytes(d))?;
        let (winning, by_size) = by_size(d, meter)?;
        let swings = by_size
            .iter()
            .map(|row: &Vec<BigUint>| row.iter().sum())
            .collect();
        (winning, swings, Some(by_size))
    } else {
        let (winning, swings) = plain(d, meter)?;
        (winning, swings, None)
    };
    let (minimal_winning, minimal_blocking) = if minimal {
        let (w, b) = count_minimal(d, meter)?;
        (Some(w), Some(b))
    } else {
        (None, None)
    };
    Ok(Counts {
        n: d.n,
        winning,
        swings,
        swings_by_size,
        smallest_blocking: Some(smallest_blocking(d)?),
        minimal_winning,
        minimal_blocking,
        alike: (0..d.n).collect(),
    })
}

type BySize = (BigUint, Vec<Vec<BigUint>>);
type Plain = (BigUint, Vec<BigUint>);

/// [`count_as`] in the narrowest arithmetic for the diagram's players.
fn by_size(d: &Diagram, meter: &mut Meter) -> Result<BySize, Stop> {
    if d.n < TINY_GAME {
        count_as::<u32>(d, meter)
    } else if d.n < NARROW_GAME {
        count_as::<u64>(d, meter)
    } else if d.n < SMALL_GAME {
        count_as::<u128>(d, meter)
    } else if d.n < MEDIUM_GAME {
        count_as::<U256>(d, meter)
    } else {
        count_as::<BigUint>(d, meter)
    }
}

/// [`plain_as`] in the narrowest arithmetic for the diagram's players.
fn plain(d: &Diagram, meter: &mut Meter) -> Result<Plain, Stop> {
    if d.n < TINY_GAME {
        plain_as::<u32>(d, meter)
    } else if d.n < NARROW_GAME {
        plain_as::<u64>(d, meter)
    } else if d.n < SMALL_GAME {
        plain_as::<u128>(d, meter)
    } else if d.n < MEDIUM_GAME {
        plain_as::<U256>(d, meter)
    } else {
        plain_as::<BigUint>(d, meter)
    }
}

/// Everything, the minimal coalitions where the order allows, with no budget to speak of:
/// for the tests.
#[cfg(test)]
pub fn count_all(d: &Diagram) -> Counts {
    let mut meter = Meter::new(&super::Budget {
        time: std::time::Duration::from_secs(3600),
        memory: usize::MAX,
    });
    match count(d, true, true, &mut meter) {
        Ok(c) => c,
        Err(stop) => panic!("{stop:?}"),
    }
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

/// [`count_in`] in the arithmetic `T`, its results as big integers.
pub(super) fn count_as<T: Number>(d: &Diagram, meter: &mut Meter) -> Result<BySize, Stop>
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let (winning, swings_by_size) = count_in::<T>(d, meter)?;
    Ok((
        winning.into_big(),
        swings_by_size
            .into_iter()
            .map(|row| row.into_iter().map(Number::into_big).collect())
            .collect(),
    ))
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

    fn row(&self, slot: usize) -> Result<&[T], Bug> {
        let start = slot * self.width;
        self.cells
            .get(start..start + self.width)
            .ok_or(Bug("a node's slot beyond its level's rows"))
    }

    fn row_mut(&mut self, slot: usize) -> Result<&mut [T], Bug> {
        let start = slot * self.width;
        self.cells
            .get_mut(start..start + self.width)
            .ok_or(Bug("a node's slot beyond its level's rows"))
    }
}

/// The entry of node `v` in a list with one per node of the diagram.
fn of<T>(list: &[T], v: NodeId) -> Result<&T, Bug> {
    list.get(v as usize)
        .ok_or(Bug("a node id beyond the diagram"))
}

fn of_mut<T>(list: &mut [T], v: NodeId) -> Result<&mut T, Bug> {
    list.get_mut(v as usize)
        .ok_or(Bug("a node id beyond the diagram"))
}

/// Winning coalitions, and each player's swings by the size of the coalition it joins.
///
/// The diagram is quasi-reduced (every edge goes down one level), so a node at level `l`
/// has `n - l` players below it and `l` above it: its rows have those many places plus
/// one, and the rows of a level sit side by side in one buffer.
fn count_in<T: Number>(d: &Diagram, meter: &mut Meter) -> Result<(T, Vec<Vec<T>>), Stop>
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let n = d.n;
    debug_assert_eq!(d.by_level.len(), n, "one list of nodes per level");
    let slot = slots(d)?;
    let place = |v: NodeId| of(&slot, v).copied();
    // down[level]: winning completions from each node, by number of further yes votes.
    let mut down: Vec<Rows<T>> = d
        .by_level
        .iter()
        .enumerate()
        .map(|(l, nodes)| Rows::new(nodes.len(), n - l + 1, T::zero()))
        .collect();
    let mut terminals = Rows::new(2, 1, T::zero());
    terminals.row_mut(1)?.fill(T::one());
    down.push(terminals);
    for (level, nodes) in d.by_level.iter().enumerate().rev() {
        let (above, below) = down.split_at_mut(level + 1);
        let (Some(here), Some(below)) = (above.last_mut(), below.first()) else {
            return Err(Bug("a level without rows").into());
        };
        for (k, &v) in nodes.iter().enumerate() {
            let node = d.node(v)?;
            let row = here.row_mut(k)?;
            add_shifted(row, below.row(place(node.yes)?)?, 1);
            add_shifted(row, below.row(place(node.no)?)?, 0);
        }
        meter.tick((nodes.len() * (n - level + 1)) as u64)?;
    }
    // up: ways to reach each node of a level from the root, by number of yes votes so far;
    // only two levels are needed at a time.
    let first_level = d.by_level.first().map_or(0, Vec::len);
    let mut up = Rows::new(first_level, 1, T::zero());
    if n > 0 {
        up.row_mut(place(d.root)?)?.fill(T::one());
    }
    let mut swings_by_size = vec![vec![T::zero(); n]; n];
    let mut diff: Vec<T> = Vec::with_capacity(n + 1);
    for ((level, nodes), wins) in d.by_level.iter().enumerate().zip(down.iter().skip(1)) {
        let here_rows = up;
        // Below the last level are the terminals, whose paths are not needed.
        let last = level + 1 == n;
        let below = d.by_level.get(level + 1).map_or(0, Vec::len);
        let mut next = Rows::new(below, level + 2, T::zero());
        let by_size = swings_by_size
            .get_mut(d.player(level)?)
            .ok_or(Bug("a player beyond the game"))?;
        for (k, &v) in nodes.iter().enumerate() {
            let node = d.node(v)?;
            debug_assert!(
                [node.yes, node.no]
                    .iter()
                    .all(|&c| d.node(c).is_ok_and(|c| c.level == level + 1)),
                "a quasi-reduced diagram's edges go down one level"
            );
            let here = here_rows.row(k)?;
            if here.iter().all(Zero::is_zero) {
                continue;
            }
            // The player at this level swings where yes wins and no loses (never where both
            // lead to the same rest of the game). Monotone games: every winning completion
            // after "no" also wins after "yes".
            if node.yes != node.no {
                diff.clear();
                diff.extend(
                    wins.row(place(node.yes)?)?
                        .iter()
                        .zip(wins.row(place(node.no)?)?)
                        .map(|(y, no)| if y > no { y - no } else { T::zero() }),
                );
                add_products(by_size, here, &diff);
            }
            if !last {
                add_shifted(next.row_mut(place(node.yes)?)?, here, 1);
                add_shifted(next.row_mut(place(node.no)?)?, here, 0);
            }
        }
        meter.tick((nodes.len() * (level + 1) * (n - level + 1)) as u64)?;
        up = next;
    }
    // (Without players, the first rows are the terminals', and the root is one of them.)
    let mut winning = T::zero();
    let root_row = down
        .first()
        .ok_or(Bug("no rows at all"))?
        .row(place(d.root)?)?;
    for c in root_row {
        winning += c;
    }
    Ok((winning, swings_by_size))
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

/// The slot of every node within its level; the terminals are slots 0 and 1 of level n.
fn slots(d: &Diagram) -> Result<Vec<usize>, Bug> {
    let mut slot = vec![0usize; d.nodes.len()];
    for nodes in &d.by_level {
        for (k, &v) in nodes.iter().enumerate() {
            *of_mut(&mut slot, v)? = k;
        }
    }
    *of_mut(&mut slot, TRUE)? = 1;
    Ok(slot)
}

/// Paths from the root to every node: the coalitions of the players above it that lead there.
fn paths_down<T: Number>(d: &Diagram) -> Result<Vec<T>, Bug>
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    let mut up = vec![T::zero(); d.nodes.len()];
    *of_mut(&mut up, d.root)? = T::one();
    for nodes in &d.by_level {
        for &v in nodes {
            let node = d.node(v)?;
            let here = of(&up, v)?.clone();
            if here.is_zero() {
                continue;
            }
            for child in [node.yes, node.no] {
                *of_mut(&mut up, child)? += &here;
            }
        }
    }
    Ok(up)
}

/// Winning coalitions and each player's swings, one number per node: the paths into a node
/// times the difference its player makes below it.
pub(super) fn plain_as<T: Number>(d: &Diagram, meter: &mut Meter) -> Result<Plain, Stop>
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    // down[v]: winning completions below v.
    let mut down = vec![T::zero(); d.nodes.len()];
    *of_mut(&mut down, TRUE)? = T::one();
    for nodes in d.by_level.iter().rev() {
        for &v in nodes {
            let node = d.node(v)?;
            let mut sum = of(&down, node.yes)?.clone();
            sum += of(&down, node.no)?;
            *of_mut(&mut down, v)? = sum;
        }
        meter.tick(nodes.len() as u64)?;
    }
    let up = paths_down::<T>(d)?;
    let mut swings = vec![T::zero(); d.n];
    for (level, nodes) in d.by_level.iter().enumerate() {
        let slot = swings
            .get_mut(d.player(level)?)
            .ok_or(Bug("a player beyond the game"))?;
        for &v in nodes {
            let node = d.node(v)?;
            let (yes, no, here) = (of(&down, node.yes)?, of(&down, node.no)?, of(&up, v)?);
            if yes > no && !here.is_zero() {
                *slot += &(here * &(yes - no));
            }
        }
        meter.tick(nodes.len() as u64)?;
    }
    let winning = of(&down, d.root)?.clone();
    Ok((
        winning.into_big(),
        swings.into_iter().map(Number::into_big).collect(),
    ))
}

/// Minimal winning and minimal blocking coalitions, on a diagram whose order ranks every
/// threshold alike (heavier members at higher levels). A coalition that wins is minimal
/// exactly when it loses without its last member: counted at the node `v` where that member
/// is decided, as the paths into `v` when "yes, then no to everyone after" wins and "no to
/// everyone from here" loses. A blocking coalition is minimal exactly when the others lose
/// and win with its last member: "no here, yes to everyone after" loses and "yes from here"
/// wins.
fn count_minimal(d: &Diagram, meter: &mut Meter) -> Result<(BigUint, BigUint), Stop> {
    if d.n < TINY_GAME {
        minimal_as::<u32>(d, meter)
    } else if d.n < NARROW_GAME {
        minimal_as::<u64>(d, meter)
    } else if d.n < SMALL_GAME {
        minimal_as::<u128>(d, meter)
    } else if d.n < MEDIUM_GAME {
        minimal_as::<U256>(d, meter)
    } else {
        minimal_as::<BigUint>(d, meter)
    }
}

/// [`count_minimal`] in the arithmetic `T`.
fn minimal_as<T: Number>(d: &Diagram, meter: &mut Meter) -> Result<(BigUint, BigUint), Stop>
where
    for<'a> &'a T: std::ops::Sub<&'a T, Output = T> + std::ops::Mul<&'a T, Output = T>,
{
    // Where saying no (or yes) to everyone from a node on leads.
    let mut all_no = vec![FALSE; d.nodes.len()];
    let mut all_yes = vec![FALSE; d.nodes.len()];
    *of_mut(&mut all_no, TRUE)? = TRUE;
    *of_mut(&mut all_yes, TRUE)? = TRUE;
    for nodes in d.by_level.iter().rev() {
        for &v in nodes {
            let node = d.node(v)?;
            *of_mut(&mut all_no, v)? = *of(&all_no, node.no)?;
            *of_mut(&mut all_yes, v)? = *of(&all_yes, node.yes)?;
        }
        meter.tick(nodes.len() as u64)?;
    }
    let up = paths_down::<T>(d)?;
    let at = |list: &[NodeId], v: NodeId| of(list, v).copied();
    let mut winning = T::zero();
    let mut blocking = T::zero();
    // The empty coalition wins: it is the one minimal winning coalition. The grand
    // coalition loses: the empty objection is the one minimal blocking coalition.
    if at(&all_no, d.root)? == TRUE {
        winning += &T::one();
    }
    if at(&all_yes, d.root)? == FALSE {
        blocking += &T::one();
    }
    for nodes in &d.by_level {
        for &v in nodes {
            let node = d.node(v)?;
            let here = of(&up, v)?;
            if here.is_zero() {
                continue;
            }
            if at(&all_no, node.yes)? == TRUE && at(&all_no, node.no)? == FALSE {
                winning += here;
            }
            if at(&all_yes, node.no)? == FALSE && at(&all_yes, node.yes)? == TRUE {
                blocking += here;
            }
        }
        meter.tick(nodes.len() as u64)?;
    }
    Ok((winning.into_big(), blocking.into_big()))
}

/// The shortest path to FALSE, counting "no" edges: the fewest objectors that defeat it
/// (`None` if nothing does).
fn smallest_blocking(d: &Diagram) -> Result<Option<Vec<usize>>, Bug> {
    const NEVER: usize = usize::MAX;
    let mut cost = vec![NEVER; d.nodes.len()];
    *of_mut(&mut cost, FALSE)? = 0;
    for nodes in d.by_level.iter().rev() {
        for &v in nodes {
            let node = d.node(v)?;
            let via_yes = *of(&cost, node.yes)?;
            let via_no = of(&cost, node.no)?.saturating_add(1);
            *of_mut(&mut cost, v)? = via_yes.min(via_no);
        }
    }
    let at = |v: NodeId| of(&cost, v).copied();
    if at(d.root)? == NEVER {
        return Ok(None);
    }
    let mut path = Vec::new();
    let mut v = d.root;
    // Follow the cheapest edges down; the example lists players in member order. Every
    // step goes down a level, so the walk ends within n steps.
    for _ in 0..=d.n {
        if v == FALSE || v == TRUE {
            path.sort_unstable();
            return Ok(Some(path));
        }
        let node = d.node(v)?;
        if at(node.yes)? <= at(node.no)?.saturating_add(1) {
            v = node.yes;
        } else {
            path.push(d.player(node.level)?);
            v = node.no;
        }
    }
    Err(Bug("a path through the diagram longer than its levels"))
}
