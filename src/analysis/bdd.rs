//! The game as a quasi-reduced binary decision diagram: one level per player, each node a
//! distinct "rest of the game" given the votes so far. Built top-down; two vectors of
//! remaining quotas that lead to the same children are the same node, and each node records
//! the box of quota vectors it stands for, so that the next vector in the box is found
//! without descending again (the method of Bolus, 2011, for weighted and vector-weighted
//! games). Large weights such as raw populations cost nodes, not quota-sized tables.

use super::budget::{at, Bug, Meter, Stop};
use super::game::Game;
use std::collections::{BTreeMap, HashMap};

pub type NodeId = u32;
pub const FALSE: NodeId = 0;
pub const TRUE: NodeId = 1;

#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub level: usize,
    pub yes: NodeId,
    pub no: NodeId,
}

/// The memo entries of one level and one vector of quotas in the dimensions other than the
/// widest: ranges of the widest dimension's quota sorted by their lower bounds (`lo`), each
/// with its upper bound, the arena offset of its other ranges and its node (`rest`). A
/// node's ranges at one level and key do not overlap another node's, so the range that
/// starts nearest below a quota is the only one that can hold it. The lower bounds are kept
/// apart so that the binary search reads as little memory as it can. (Sorted vectors beat a
/// B-tree here by a quarter of the build time.)
#[derive(Debug, Default, Clone)]
struct Bucket {
    lo: Vec<i64>,
    /// Offsets are `u32` to keep the memo small; building stops before the arena outgrows
    /// them.
    rest: Vec<(i64, u32, NodeId)>,
    /// A bucket that grows long moves into a B-tree: inserting into the middle of a sorted
    /// vector costs its length, which turns quadratic on the wide levels of large games.
    tree: Option<BTreeMap<i64, (i64, u32, NodeId)>>,
}

/// Entries a bucket keeps in sorted vectors before it moves to a tree.
const SHORT_BUCKET: usize = 2048;

impl Bucket {
    /// The entry whose range holds `q`, if the one that starts nearest below it does.
    fn find(&self, q: i64) -> Option<Entry> {
        if let Some(tree) = &self.tree {
            let (&lo, &(hi, offset, node)) = tree.range(..=q).next_back()?;
            return (q <= hi).then_some(Entry {
                range: (lo, hi),
                offset,
                node,
            });
        }
        let i = self.lo.partition_point(|lo| *lo <= q).checked_sub(1)?;
        let (&lo, &(hi, offset, node)) = (self.lo.get(i)?, self.rest.get(i)?);
        (q <= hi).then_some(Entry {
            range: (lo, hi),
            offset,
            node,
        })
    }

    fn insert(&mut self, entry: Entry) {
        let (lo, hi) = entry.range;
        let value = (hi, entry.offset, entry.node);
        if let Some(tree) = &mut self.tree {
            tree.insert(lo, value);
            return;
        }
        let i = self.lo.partition_point(|l| *l < lo);
        if self.lo.get(i) == Some(&lo) {
            if let Some(slot) = self.rest.get_mut(i) {
                *slot = value;
            }
        } else {
            self.lo.insert(i, lo);
            self.rest.insert(i, value);
        }
        if self.lo.len() > SHORT_BUCKET {
            let tree = self
                .lo
                .drain(..)
                .zip(self.rest.drain(..))
                .collect::<BTreeMap<_, _>>();
            self.tree = Some(tree);
        }
    }
}

/// One level's memo buckets. Where the quotas of the dimensions other than the widest take
/// few values (head counts do), a bucket is found by its place in a table; otherwise by
/// hashing the quotas.
#[derive(Debug)]
enum Buckets {
    /// `radices`: per dimension other than the widest, the number of values its quota takes.
    Table {
        radices: Vec<i64>,
        buckets: Vec<Bucket>,
    },
    Hashed(HashMap<Vec<i64>, Bucket, FastHash>),
}

/// A level's buckets are a table when it has at most this many.
const TABLE_LIMIT: i64 = 4096;

impl Buckets {
    /// `tops`: the level's largest quota per dimension other than the widest.
    fn new(tops: &[i64]) -> Buckets {
        let radices: Vec<i64> = tops.iter().map(|t| t.saturating_add(1)).collect();
        let size = radices.iter().try_fold(1i64, |size, r| {
            size.checked_mul(*r).filter(|s| *s <= TABLE_LIMIT)
        });
        match size.and_then(|s| usize::try_from(s).ok()) {
            Some(size) => Buckets::Table {
                radices,
                buckets: vec![Bucket::default(); size],
            },
            None => Buckets::Hashed(HashMap::default()),
        }
    }

    /// The place of `key` in the table (each quota is clamped into `0..radix`).
    fn place(radices: &[i64], key: &[i64]) -> usize {
        let index = radices
            .iter()
            .zip(key)
            .fold(0i64, |index, (r, q)| index * r + q);
        usize::try_from(index).unwrap_or(usize::MAX)
    }

    fn get(&self, key: &[i64]) -> Option<&Bucket> {
        match self {
            Buckets::Table { radices, buckets } => buckets.get(Self::place(radices, key)),
            Buckets::Hashed(map) => map.get(key),
        }
    }

    fn insert(&mut self, key: &[i64], entry: Entry) {
        match self {
            Buckets::Table { radices, buckets } => {
                if let Some(bucket) = buckets.get_mut(Self::place(radices, key)) {
                    bucket.insert(entry);
                }
            }
            Buckets::Hashed(map) => match map.get_mut(key) {
                Some(bucket) => bucket.insert(entry),
                None => {
                    let mut bucket = Bucket::default();
                    bucket.insert(entry);
                    map.insert(key.to_vec(), bucket);
                }
            },
        }
    }
}

/// A memo entry: the node, its range in the widest dimension, and where its ranges in the
/// other dimensions are in the arena.
struct Entry {
    range: (i64, i64),
    offset: u32,
    node: NodeId,
}

#[derive(Debug)]
pub struct Diagram {
    /// Index 0 and 1 are the terminals (their `level` is `n`).
    pub nodes: Vec<Node>,
    pub root: NodeId,
    pub n: usize,
    /// Nodes of each level, for level-by-level passes.
    pub by_level: Vec<Vec<NodeId>>,
    /// `order[level]`: the player decided at that level. Heaviest first, which keeps
    /// weighted games' diagrams small.
    pub order: Vec<usize>,
    /// Whether the order ranks every threshold alike: no player below another weighs more
    /// than it in any threshold. Minimal coalitions are counted on such diagrams.
    pub comonotone: bool,
}

/// Bytes the builder holds per node (the node, its entry in the table of children, slack)
/// and per memo entry (bounds, the node, slack), and per range of another dimension.
const NODE_BYTES: usize = 80;
const ENTRY_BYTES: usize = 48;
const RANGE_BYTES: usize = 32;

/// Each dimension's weights add up to at most this (2^61), so that the builder's `i64`
/// sums never overflow; populations and votes are far below it.
pub const MAX_TOTAL_WEIGHT: i128 = 1 << 61;

/// Why a game was not turned into a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// More members than [`super::game::MAX_PLAYERS`].
    Players(usize),
    /// The budget ran out while building.
    Stopped(Stop),
    /// Weights adding up to more than [`MAX_TOTAL_WEIGHT`].
    Weights,
}

impl From<Bug> for Limit {
    fn from(bug: Bug) -> Limit {
        Limit::Stopped(Stop::Bug(bug))
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Players(n) => write!(
                f,
                "the body has {n} members; the exact analysis takes at most {}",
                super::game::MAX_PLAYERS
            ),
            Limit::Stopped(Stop::Time) => {
                write!(f, "building the rule's decision diagram ran out of time")
            }
            Limit::Stopped(Stop::Memory) => {
                write!(f, "the rule's decision diagram outgrew the memory budget")
            }
            Limit::Stopped(Stop::Bug(bug)) => write!(
                f,
                "internal error while building the rule's decision diagram: {bug} (please report)"
            ),
            Limit::Weights => write!(
                f,
                "the weights add up to more than 2^61; the exact analysis takes less"
            ),
        }
    }
}

/// Builds the diagram. Quota vectors and boxes live in flat per-level buffers of `dims`
/// entries each (`quotas[level]`, `boxes[level]`, `yes_boxes[level]`), so that descending
/// allocates nothing; memo boxes live in one arena.
struct Builder<'g> {
    game: &'g Game,
    dims: usize,
    nodes: Vec<Node>,
    /// Nodes by their children. In a quasi-reduced diagram the children of a node sit one
    /// level below it, so the pair alone tells its level.
    unique: HashMap<u64, NodeId, FastHash>,
    /// Per level: memo entries bucketed by the quotas of every dimension but the widest,
    /// and within a bucket keyed by the widest threshold's lower bound.
    memo: Vec<Buckets>,
    /// The boxes of the memo entries in every dimension but the widest (whose range is in
    /// the bucket), `dims - 1` ranges each.
    arena: Vec<(i64, i64)>,
    /// `tops[level * dims + j]`: the largest quota worth telling apart in dimension `j` at
    /// `level`. Beyond the weight still to come plus the dimension's widest gap between
    /// thresholds, nothing more can be met.
    tops: Vec<i64>,
    /// `weights[level * dims + j]`: the weight in dimension `j` of the player at `level`.
    weights: Vec<i64>,
    quotas: Vec<i64>,
    boxes: Vec<(i64, i64)>,
    yes_boxes: Vec<(i64, i64)>,
    /// The dimension with the widest range of weights, searched by interval.
    wide: usize,
    /// Scratch space for memo keys.
    key: Vec<i64>,
    /// Scratch space for the corners of a terminal box.
    corner: Vec<i64>,
    /// For each threshold of the game: its dimension, and the residual at or below which it
    /// is met.
    atoms: Vec<(usize, i64)>,
    /// Per dimension, those residuals sorted: the edges of the terminal boxes.
    breakpoints: Vec<Vec<i64>>,
    meter: &'g mut Meter,
    /// Why building stopped, if it did.
    stop: Option<Stop>,
    /// Memo entries made, for the memory count.
    entries: usize,
}

impl Diagram {
    /// The game's diagram, unless the game is beyond one of the [`Limit`]s or the budget.
    pub fn build(game: &Game, meter: &mut Meter) -> Result<Diagram, Limit> {
        if game.n > super::game::MAX_PLAYERS {
            return Err(Limit::Players(game.n));
        }
        game.check()?;
        let order = heaviest_first(game);
        let comonotone = comonotone(game);
        const OUTSIDE: &str = "a player beyond the game's weights";
        let mut thresholds = Vec::with_capacity(game.thresholds.len());
        for t in &game.thresholds {
            thresholds.push(super::game::Threshold {
                weights: order
                    .iter()
                    .map(|&i| at(&t.weights, i, OUTSIDE))
                    .collect::<Result<_, Bug>>()?,
                quota: t.quota,
            });
        }
        let permuted = Game {
            n: game.n,
            thresholds,
            formula: game.formula.clone(),
            voting: order
                .iter()
                .map(|&i| at(&game.voting, i, OUTSIDE))
                .collect::<Result<_, Bug>>()?,
        };
        let game = &permuted;
        // The builder counts in i64: each dimension's total weight must stay far inside it.
        let mut thresholds: Vec<(Vec<i64>, i64)> = Vec::with_capacity(game.thresholds.len());
        for t in &game.thresholds {
            let total = t.weights.iter().fold(0i128, |a, w| a.saturating_add(*w));
            if total > MAX_TOTAL_WEIGHT || t.weights.iter().any(|w| *w < 0) {
                return Err(Limit::Weights);
            }
            let weights = t.weights.iter().map(|w| *w as i64).collect();
            // A quota beyond the total is as far out of reach as one more than the total.
            let quota = i64::try_from(t.quota.min(total + 1)).map_err(|_| Limit::Weights)?;
            thresholds.push((weights, quota));
        }
        // Thresholds over the same weights (the EU rule's two head counts) share one
        // dimension: its state is what the largest quota still needs, and each threshold is
        // met once that falls to the gap between the largest quota and its own.
        let mut dim_weights: Vec<&Vec<i64>> = Vec::new();
        let mut dim_quota: Vec<i64> = Vec::new();
        let mut atoms: Vec<(usize, i64)> = Vec::new();
        for (weights, quota) in &thresholds {
            match dim_weights.iter().position(|w| *w == weights) {
                Some(d) => {
                    if let Some(q) = dim_quota.get_mut(d) {
                        *q = (*q).max(*quota);
                    }
                    atoms.push((d, *quota));
                }
                None => {
                    dim_weights.push(weights);
                    dim_quota.push(*quota);
                    atoms.push((dim_weights.len() - 1, *quota));
                }
            }
        }
        // (dimension, the residual at or below which the threshold is met)
        let atoms: Vec<(usize, i64)> = atoms
            .into_iter()
            .map(|(d, q)| Ok((d, at(&dim_quota, d, "an atom beyond the dimensions")? - q)))
            .collect::<Result<_, Bug>>()?;
        let mut breakpoints: Vec<Vec<i64>> = vec![Vec::new(); dim_weights.len()];
        for &(d, b) in &atoms {
            if let Some(list) = breakpoints.get_mut(d) {
                list.push(b);
            }
        }
        for list in &mut breakpoints {
            list.sort_unstable();
            list.dedup();
        }
        let (n, dims) = (game.n, dim_weights.len());
        // weights[level * dims + j] and remaining[level * dims + j]: a row per level, of the
        // weight of the player there and of the players from there on (row n: nothing).
        let mut weights = vec![0i64; n * dims];
        let mut remaining = vec![0i64; (n + 1) * dims];
        if dims > 0 {
            let mut columns: Vec<std::slice::Iter<'_, i64>> =
                dim_weights.iter().map(|w| w.iter()).collect();
            for row in weights.chunks_exact_mut(dims) {
                for (slot, column) in row.iter_mut().zip(&mut columns) {
                    *slot = *column.next().ok_or(Bug(OUTSIDE))?;
                }
            }
            let mut after = vec![0i64; dims];
            let rows = remaining.chunks_exact_mut(dims).rev().skip(1);
            for (row, w) in rows.zip(weights.chunks_exact(dims).rev()) {
                for ((slot, a), w) in row.iter_mut().zip(&mut after).zip(w) {
                    *a = a.saturating_add(*w);
                    *slot = *a;
                }
            }
        }
        // (No dimension at all: a rule of no thresholds, decided at the root.)
        let wide = remaining
            .iter()
            .take(dims)
            .enumerate()
            .max_by_key(|&(_, r)| *r)
            .map_or(0, |(j, _)| j);
        // A dimension's span is its widest gap between thresholds, its last breakpoint.
        let tops: Vec<i64> = remaining
            .chunks_exact(dims.max(1))
            .flat_map(|row| {
                row.iter().zip(&breakpoints).map(|(r, points)| {
                    let span = points.last().copied().unwrap_or(0);
                    r.saturating_add(span).saturating_add(1)
                })
            })
            .collect();
        let memo = (0..n)
            .map(|level| {
                let narrow = (0..dims)
                    .filter(|&j| j != wide)
                    .map(|j| at(&tops, level * dims + j, "a level beyond the quota tops"))
                    .collect::<Result<Vec<i64>, Bug>>()?;
                Ok(Buckets::new(&narrow))
            })
            .collect::<Result<Vec<Buckets>, Bug>>()?;
        let mut quotas = vec![0i64; (n + 1) * dims];
        for (slot, q) in quotas.iter_mut().zip(&dim_quota) {
            *slot = *q;
        }
        let mut b = Builder {
            game,
            dims,
            nodes: vec![
                Node {
                    level: n,
                    yes: FALSE,
                    no: FALSE,
                },
                Node {
                    level: n,
                    yes: TRUE,
                    no: TRUE,
                },
            ],
            unique: HashMap::default(),
            memo,
            arena: Vec::new(),
            tops,
            weights,
            quotas,
            boxes: vec![(0, 0); (n + 1) * dims],
            yes_boxes: vec![(0, 0); (n + 1) * dims],
            wide,
            key: Vec::new(),
            corner: Vec::new(),
            atoms,
            breakpoints,
            meter,
            stop: None,
            entries: 0,
        };
        // The builder stops (None) when the budget runs out (an arena beyond `u32` offsets
        // is memory too) or it finds a memo entry broken.
        let root = match b.node(0) {
            Some(root) => root,
            None => return Err(Limit::Stopped(b.stop.unwrap_or(Stop::Memory))),
        };
        let mut by_level = vec![Vec::new(); game.n];
        for (id, node) in b.nodes.iter().enumerate().skip(2) {
            if let Some(level) = by_level.get_mut(node.level) {
                level.push(id as NodeId);
            }
        }
        Ok(Diagram {
            nodes: b.nodes,
            root,
            n: game.n,
            by_level,
            order,
            comonotone,
        })
    }

    /// The player decided at a level.
    pub fn player(&self, level: usize) -> Result<usize, Bug> {
        self.order
            .get(level)
            .copied()
            .ok_or(Bug("a level beyond the diagram's order"))
    }

    pub fn node(&self, id: NodeId) -> Result<Node, Bug> {
        self.nodes
            .get(id as usize)
            .copied()
            .ok_or(Bug("a node id beyond the diagram"))
    }
}

/// foldhash's fast hasher with a fixed seed for the builder's small integer keys: the keys
/// are not attacker-chosen, SipHash's cost showed in profiles, and a fixed seed keeps runs
/// alike.
type FastHash = foldhash::fast::FixedState;

/// Players by decreasing weight in the widest threshold, ties by the other thresholds'
/// weights (widest first), then by position. Where one order ranks every threshold alike,
/// this is it.
fn heaviest_first(game: &Game) -> Vec<usize> {
    let mut by_width: Vec<&super::game::Threshold> = game.thresholds.iter().collect();
    by_width.sort_by_key(|t| {
        std::cmp::Reverse(t.weights.iter().fold(0i128, |a, w| a.saturating_add(*w)))
    });
    // Each player's weights, widest threshold first, beside its position.
    let mut keyed: Vec<(Vec<std::cmp::Reverse<i128>>, usize)> = (0..game.n)
        .map(|i| (Vec::with_capacity(by_width.len()), i))
        .collect();
    for t in &by_width {
        for ((key, _), &w) in keyed.iter_mut().zip(&t.weights) {
            key.push(std::cmp::Reverse(w));
        }
    }
    keyed.sort();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Upper bounds on the diagram's nodes, level by level: no more than the coalitions of the
/// players above (2^level), and no more than the distinct rests of the game below, which
/// are at most the distinct sums of the weights still to come in each dimension.
pub fn level_bound(game: &Game) -> Vec<f64> {
    let n = game.n;
    let dims = distinct_weights(game);
    let mut rest: Vec<f64> = dims
        .iter()
        .map(|ws| ws.iter().map(|w| *w as f64).sum())
        .collect();
    let order = heaviest_first(game);
    let mut bound = Vec::with_capacity(n);
    for (level, &player) in order.iter().enumerate() {
        let below = (n - level) as f64;
        let rests: f64 = rest
            .iter()
            .map(|r| 2f64.powf(below).min(r + 1.0) + 1.0)
            .product();
        bound.push(2f64.powi(level.min(1000) as i32).min(rests));
        // An estimate only: a weight missing here (which a checked game has not) would
        // leave the bound higher, never a count wrong.
        for (r, ws) in rest.iter_mut().zip(&dims) {
            *r -= ws.get(player).copied().unwrap_or(0) as f64;
        }
    }
    bound
}

/// Whether every threshold's weights are non-negative and add up to at most
/// [`MAX_TOTAL_WEIGHT`], as the builder needs.
pub fn within_weights(game: &Game) -> bool {
    game.thresholds.iter().all(|t| {
        t.weights.iter().all(|w| *w >= 0)
            && t.weights.iter().fold(0i128, |a, w| a.saturating_add(*w)) <= MAX_TOTAL_WEIGHT
    })
}

/// The distinct weight vectors of the game's thresholds: the diagram's dimensions.
fn distinct_weights(game: &Game) -> Vec<&Vec<i128>> {
    let mut dims: Vec<&Vec<i128>> = Vec::new();
    for t in &game.thresholds {
        if !dims.contains(&&t.weights) {
            dims.push(&t.weights);
        }
    }
    dims
}

pub fn dimensions(game: &Game) -> usize {
    distinct_weights(game).len()
}

/// Whether the diagram's order ranks every threshold alike, so that minimal coalitions can
/// be counted on it.
pub fn comonotone(game: &Game) -> bool {
    let order = heaviest_first(game);
    game.thresholds.iter().all(|t| {
        order.windows(2).all(|pair| match pair {
            [a, b] => t.weights.get(*a) >= t.weights.get(*b),
            _ => true,
        })
    })
}

/// Bytes of a diagram of `nodes` nodes in `dims` dimensions while it is built.
pub fn build_bytes(nodes: f64, dims: usize) -> f64 {
    nodes * (NODE_BYTES + ENTRY_BYTES + RANGE_BYTES * dims.saturating_sub(1)) as f64
}

// Every index below is `level * dims + j` with `level <= n` and `j < dims`, into buffers
// sized `(n + 1) * dims` when the builder is made.
#[allow(clippy::indexing_slicing)]
impl Builder<'_> {
    /// The node for the rest of the game from `level` on, with the quotas in
    /// `quotas[level]` still to reach; leaves in `boxes[level]` the box of quota vectors that
    /// give the same node. Recursion depth is the number of players, which [`Game`] bounds.
    fn node(&mut self, level: usize) -> Option<NodeId> {
        let d = self.dims;
        let at = level * d;
        // Every quota already met is as good as 0, every one out of reach as good as one more
        // than what remains (`tops`): canonical values make equal games meet in the memo.
        for j in 0..d {
            let upper = self.tops[at + j];
            self.quotas[at + j] = self.quotas[at + j].clamp(0, upper);
        }
        let id = self.node_canonical(level)?;
        // The box holds for the canonical point; widen it to every point that clamps into it.
        for j in 0..d {
            let upper = self.tops[at + j];
            let (lo, hi) = self.boxes[at + j];
            self.boxes[at + j] = (
                if lo <= 0 { i64::MIN } else { lo },
                if hi >= upper { i64::MAX } else { hi },
            );
        }
        Some(id)
    }

    /// Whether the rule holds with the residual quotas `point`.
    fn holds_at(&self, point: &[i64]) -> bool {
        self.game.holds(&|a| {
            self.atoms
                .get(a)
                .is_some_and(|&(dim, b)| point.get(dim).is_some_and(|r| *r <= b))
        })
    }

    /// The terminal for the residual quotas at `level` (= n), with in `boxes[level]` a
    /// largest box around them of residuals that give the same terminal. The box starts as
    /// the cell between neighbouring breakpoints and grows a cell at a time, one dimension
    /// after another, while its best corner (for FALSE) or its worst corner (for TRUE) keeps
    /// the outcome: the rule is monotone, so the corners decide the whole box. A loss that
    /// no population can save (too few heads) then holds for every population, which is
    /// what lets the memo find it again.
    fn terminal(&mut self, level: usize) -> NodeId {
        let d = self.dims;
        let at = level * d;
        let outcome = self.holds_at(&self.quotas[at..at + d]);
        for j in 0..d {
            let r = self.quotas[at + j];
            let points = &self.breakpoints[j];
            let lo = points
                .iter()
                .rev()
                .find(|&&b| b < r)
                .map_or(i64::MIN, |b| b + 1);
            let hi = points
                .iter()
                .find(|&&b| b >= r)
                .copied()
                .unwrap_or(i64::MAX);
            self.boxes[at + j] = (lo, hi);
        }
        let mut corner = std::mem::take(&mut self.corner);
        for j in 0..d {
            // Down: the residual falls, more is met; only a loss can be in doubt.
            while !outcome && self.boxes[at + j].0 != i64::MIN {
                let edge = self.boxes[at + j].0 - 1;
                let lower = self.breakpoints[j]
                    .iter()
                    .rev()
                    .find(|&&b| b < edge)
                    .map_or(i64::MIN, |b| b + 1);
                corner.clear();
                corner.extend(self.boxes[at..at + d].iter().map(|b| b.0));
                corner[j] = lower;
                if self.holds_at(&corner) {
                    break;
                }
                self.boxes[at + j].0 = lower;
            }
            // Up: the residual grows, less is met; only a win can be in doubt.
            while outcome && self.boxes[at + j].1 != i64::MAX {
                let edge = self.boxes[at + j].1;
                let upper = self.breakpoints[j]
                    .iter()
                    .find(|&&b| b > edge)
                    .copied()
                    .unwrap_or(i64::MAX);
                corner.clear();
                corner.extend(self.boxes[at..at + d].iter().map(|b| b.1));
                corner[j] = upper;
                if !self.holds_at(&corner) {
                    break;
                }
                self.boxes[at + j].1 = upper;
            }
            if outcome {
                self.boxes[at + j].0 = i64::MIN;
            } else {
                self.boxes[at + j].1 = i64::MAX;
            }
        }
        self.corner = corner;
        if outcome {
            TRUE
        } else {
            FALSE
        }
    }

    /// Writes into `key` the quotas at `level` of every dimension but the widest.
    fn set_key(&mut self, level: usize) {
        let at = level * self.dims;
        self.key.clear();
        for j in (0..self.dims).filter(|&j| j != self.wide) {
            self.key.push(self.quotas[at + j]);
        }
    }

    fn node_canonical(&mut self, level: usize) -> Option<NodeId> {
        let d = self.dims;
        let at = level * d;
        if level >= self.game.n {
            return Some(self.terminal(level));
        }
        self.set_key(level);
        let q_wide = if d == 0 {
            0
        } else {
            self.quotas[at + self.wide]
        };
        // The key holds the other dimensions' quotas exactly and the bucket the widest, so a
        // range found holds the whole vector.
        let found = self.memo[level]
            .get(self.key.as_slice())
            .and_then(|bucket| bucket.find(q_wide));
        if let Some(entry) = found {
            let mut stored = self.arena[entry.offset as usize..].iter();
            for j in 0..d {
                self.boxes[at + j] = if j == self.wide {
                    entry.range
                } else if let Some(&range) = stored.next() {
                    range
                } else {
                    self.stop = Some(Stop::Bug(Bug("a memo entry's ranges beyond the arena")));
                    return None;
                };
            }
            return Some(entry.node);
        }
        let below = at + d;
        for j in 0..d {
            self.quotas[below + j] = self.quotas[at + j].saturating_sub(self.weights[at + j]);
        }
        let yes = self.node(level + 1)?;
        for j in 0..d {
            self.yes_boxes[at + j] = self.boxes[below + j];
            self.quotas[below + j] = self.quotas[at + j];
        }
        let no = self.node(level + 1)?;
        // Quotas q with q - w in the yes box and q in the no box lead to the same children.
        for j in 0..d {
            let w = self.weights[at + j];
            let (ylo, yhi) = self.yes_boxes[at + j];
            let (nlo, nhi) = self.boxes[below + j];
            self.boxes[at + j] = (
                ylo.saturating_add(w).max(nlo),
                yhi.saturating_add(w).min(nhi),
            );
        }
        let children = (u64::from(yes) << 32) | u64::from(no);
        let id = match self.unique.get(&children) {
            Some(&id) => id,
            None => {
                if self.nodes.len() >= u32::MAX as usize - 2 {
                    self.stop = Some(Stop::Memory);
                    return None;
                }
                let id = self.nodes.len() as NodeId;
                self.nodes.push(Node { level, yes, no });
                self.unique.insert(children, id);
                id
            }
        };
        let offset = u32::try_from(self.arena.len()).ok()?;
        for j in (0..d).filter(|&j| j != self.wide) {
            self.arena.push(self.boxes[at + j]);
        }
        // Quotas below 0 are clamped to 0 before they are looked up.
        let range = if d == 0 {
            (0, i64::MAX)
        } else {
            let (lo, hi) = self.boxes[at + self.wide];
            (lo.max(0), hi)
        };
        let entry = Entry {
            range,
            offset,
            node: id,
        };
        // The descent reused the key buffer: write this level's key again.
        self.set_key(level);
        self.memo[level].insert(&self.key, entry);
        self.entries += 1;
        if self.entries.is_multiple_of(1024) {
            let bytes = self.nodes.len() * NODE_BYTES
                + self.entries * ENTRY_BYTES
                + self.arena.len() * RANGE_BYTES;
            if let Err(stop) = self
                .meter
                .hold(bytes as f64)
                .and_then(|()| self.meter.tick(1024))
            {
                self.stop = Some(stop);
                return None;
            }
        }
        Some(id)
    }
}
