//! The game as a quasi-reduced binary decision diagram: one level per player, each node a
//! distinct "rest of the game" given the votes so far. Built top-down; two vectors of
//! remaining quotas that lead to the same children are the same node, and each node records
//! the box of quota vectors it stands for, so that the next vector in the box is found
//! without descending again (the method of Bolus, 2011, for weighted and vector-weighted
//! games). Large weights such as raw populations cost nodes, not quota-sized tables.

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

/// Inclusive ranges of remaining quota, one per threshold.
type QuotaBox = Vec<(i128, i128)>;

/// Boxes of one memo bucket by the lower bound of their widest range.
type Intervals = BTreeMap<i128, (QuotaBox, NodeId)>;

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
}

/// Building stops beyond this many nodes; no real body comes near it.
pub const MAX_NODES: usize = 5_000_000;

struct Builder<'g> {
    game: &'g Game,
    nodes: Vec<Node>,
    unique: HashMap<(usize, NodeId, NodeId), NodeId>,
    /// Per level: the boxes found so far, bucketed by the quotas of every threshold but the
    /// widest, and within a bucket keyed by the widest threshold's lower bound.
    memo: Vec<HashMap<Vec<i128>, Intervals>>,
    /// `remaining[level][j]`: total weight of threshold `j` from `level` on.
    remaining: Vec<Vec<i128>>,
    /// The threshold with the widest range of weights, searched by interval.
    wide: usize,
    /// Scratch space for memo keys.
    key: Vec<i128>,
}

impl Diagram {
    /// `None` when the game is beyond the limits ([`super::game::MAX_PLAYERS`],
    /// [`MAX_NODES`]).
    pub fn build(game: &Game) -> Option<Diagram> {
        if game.n > super::game::MAX_PLAYERS {
            return None;
        }
        let order = heaviest_first(game);
        let permuted = Game {
            n: game.n,
            thresholds: game
                .thresholds
                .iter()
                .map(|t| super::game::Threshold {
                    weights: order
                        .iter()
                        .map(|&i| t.weights.get(i).copied().unwrap_or(0))
                        .collect(),
                    quota: t.quota,
                })
                .collect(),
            formula: game.formula.clone(),
        };
        let game = &permuted;
        let dims = game.thresholds.len();
        let mut remaining = vec![vec![0i128; dims]; game.n + 1];
        for level in (0..game.n).rev() {
            for (j, t) in game.thresholds.iter().enumerate() {
                let w = t.weights.get(level).copied().unwrap_or(0);
                let below = remaining
                    .get(level + 1)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(0);
                if let Some(slot) = remaining.get_mut(level).and_then(|r| r.get_mut(j)) {
                    *slot = below.saturating_add(w);
                }
            }
        }
        let wide = (0..dims)
            .max_by_key(|&j| {
                remaining
                    .first()
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        let mut b = Builder {
            key: Vec::new(),
            remaining,
            wide,
            game,
            nodes: vec![
                Node {
                    level: game.n,
                    yes: FALSE,
                    no: FALSE,
                },
                Node {
                    level: game.n,
                    yes: TRUE,
                    no: TRUE,
                },
            ],
            unique: HashMap::new(),
            memo: vec![HashMap::new(); game.n],
        };
        let quotas: Vec<i128> = game.thresholds.iter().map(|t| t.quota).collect();
        let root = b.node(0, &quotas)?.0;
        let mut by_level = vec![Vec::new(); game.n];
        for (id, node) in b.nodes.iter().enumerate().skip(2) {
            if let Some(level) = by_level.get_mut(node.level) {
                level.push(id as NodeId);
            }
        }
        Some(Diagram {
            nodes: b.nodes,
            root,
            n: game.n,
            by_level,
            order,
        })
    }

    /// The player decided at a level.
    pub fn player(&self, level: usize) -> usize {
        self.order.get(level).copied().unwrap_or(level)
    }

    pub fn node(&self, id: NodeId) -> Node {
        self.nodes.get(id as usize).copied().unwrap_or(Node {
            level: self.n,
            yes: FALSE,
            no: FALSE,
        })
    }
}

/// Players by decreasing weight in the widest threshold, ties by position.
fn heaviest_first(game: &Game) -> Vec<usize> {
    let widest = game
        .thresholds
        .iter()
        .max_by_key(|t| t.weights.iter().fold(0i128, |a, w| a.saturating_add(*w)));
    let mut order: Vec<usize> = (0..game.n).collect();
    if let Some(t) = widest {
        order.sort_by_key(|&i| std::cmp::Reverse(t.weights.get(i).copied().unwrap_or(0)));
    }
    order
}

impl Builder<'_> {
    /// The node for the rest of the game from `level` on, with `quotas` still to reach, and
    /// the box of quota vectors that give the same node. Recursion depth is the number of
    /// players, which [`Game`] bounds.
    fn node(&mut self, level: usize, quotas: &[i128]) -> Option<(NodeId, QuotaBox)> {
        // Every quota already met is as good as 0, every one out of reach as good as one more
        // than what remains: canonical values make equal games meet in the memo.
        let quotas: Vec<i128> = match self.remaining.get(level) {
            Some(remaining) => quotas
                .iter()
                .zip(remaining)
                .map(|(&q, &r)| q.clamp(0, r.saturating_add(1)))
                .collect(),
            None => quotas.to_vec(),
        };
        let (id, boxed) = self.node_canonical(level, &quotas)?;
        let Some(remaining) = self.remaining.get(level) else {
            return Some((id, boxed));
        };
        // The box holds for the canonical point; widen it to every point that clamps into it.
        let widened = boxed
            .into_iter()
            .zip(remaining)
            .map(|((lo, hi), &r)| {
                let lo = if lo <= 0 { i128::MIN } else { lo };
                let hi = if hi > r { i128::MAX } else { hi };
                (lo, hi)
            })
            .collect();
        Some((id, widened))
    }

    /// The memo bucket of a quota vector: every quota but the widest, written into `key`.
    fn bucket_key(wide: usize, quotas: &[i128], key: &mut Vec<i128>) {
        key.clear();
        key.extend(
            quotas
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != wide)
                .map(|(_, q)| *q),
        );
    }

    fn weight(&self, threshold: usize, level: usize) -> i128 {
        self.game
            .thresholds
            .get(threshold)
            .and_then(|t| t.weights.get(level))
            .copied()
            .unwrap_or(0)
    }

    fn node_canonical(&mut self, level: usize, quotas: &[i128]) -> Option<(NodeId, QuotaBox)> {
        if level >= self.game.n {
            let met = |j: usize| quotas.get(j).is_some_and(|q| *q <= 0);
            let id = if self.game.holds(&met) { TRUE } else { FALSE };
            let boxed = quotas
                .iter()
                .map(|&q| {
                    if q <= 0 {
                        (i128::MIN, 0)
                    } else {
                        (1, i128::MAX)
                    }
                })
                .collect();
            return Some((id, boxed));
        }
        Self::bucket_key(self.wide, quotas, &mut self.key);
        let q_wide = quotas.get(self.wide).copied().unwrap_or(0);
        if let Some(found) = self
            .memo
            .get(level)
            .and_then(|buckets| buckets.get(self.key.as_slice()))
            .and_then(|intervals| intervals.range(..=q_wide).next_back())
            .map(|(_, entry)| entry)
            .filter(|(b, _)| {
                b.iter()
                    .zip(quotas)
                    .all(|(&(lo, hi), &q)| lo <= q && q <= hi)
            })
        {
            return Some((found.1, found.0.clone()));
        }
        let after_yes: Vec<i128> = quotas
            .iter()
            .enumerate()
            .map(|(j, q)| q.saturating_sub(self.weight(j, level)))
            .collect();
        let (yes, yes_box) = self.node(level + 1, &after_yes)?;
        let (no, no_box) = self.node(level + 1, quotas)?;
        // Quotas q with q - w in the yes box and q in the no box lead to the same children.
        let boxed: QuotaBox = yes_box
            .iter()
            .zip(&no_box)
            .enumerate()
            .map(|(j, (&(ylo, yhi), &(nlo, nhi)))| {
                let w = self.weight(j, level);
                (
                    ylo.saturating_add(w).max(nlo),
                    yhi.saturating_add(w).min(nhi),
                )
            })
            .collect();
        let id = match self.unique.get(&(level, yes, no)) {
            Some(&id) => id,
            None => {
                if self.nodes.len() >= MAX_NODES {
                    return None;
                }
                let id = self.nodes.len() as NodeId;
                self.nodes.push(Node { level, yes, no });
                self.unique.insert((level, yes, no), id);
                id
            }
        };
        let lo_wide = boxed.get(self.wide).map_or(q_wide, |b| b.0.max(0));
        Self::bucket_key(self.wide, quotas, &mut self.key);
        if let Some(buckets) = self.memo.get_mut(level) {
            buckets
                .entry(self.key.clone())
                .or_default()
                .insert(lo_wide, (boxed.clone(), id));
        }
        Some((id, boxed))
    }
}
