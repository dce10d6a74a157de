//! The game as a quasi-reduced binary decision diagram: one level per player, each node a
//! distinct "rest of the game" given the votes so far. Built top-down; two vectors of
//! remaining quotas that lead to the same children are the same node, and each node records
//! the box of quota vectors it stands for, so that the next vector in the box is found
//! without descending again (the method of Bolus, 2011, for weighted and vector-weighted
//! games). Large weights such as raw populations cost nodes, not quota-sized tables.

use super::game::Game;
use std::collections::HashMap;

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

#[derive(Debug)]
pub struct Diagram {
    /// Index 0 and 1 are the terminals (their `level` is `n`).
    pub nodes: Vec<Node>,
    pub root: NodeId,
    pub n: usize,
    /// Nodes of each level, for level-by-level passes.
    pub by_level: Vec<Vec<NodeId>>,
}

/// Building stops beyond this many nodes; no real body comes near it.
pub const MAX_NODES: usize = 5_000_000;

struct Builder<'g> {
    game: &'g Game,
    nodes: Vec<Node>,
    unique: HashMap<(usize, NodeId, NodeId), NodeId>,
    memo: Vec<Vec<(QuotaBox, NodeId)>>,
}

impl Diagram {
    /// `None` when the game is beyond the limits ([`super::game::MAX_PLAYERS`],
    /// [`MAX_NODES`]).
    pub fn build(game: &Game) -> Option<Diagram> {
        if game.n > super::game::MAX_PLAYERS {
            return None;
        }
        let mut b = Builder {
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
            memo: vec![Vec::new(); game.n],
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
        })
    }

    pub fn node(&self, id: NodeId) -> Node {
        self.nodes.get(id as usize).copied().unwrap_or(Node {
            level: self.n,
            yes: FALSE,
            no: FALSE,
        })
    }
}

impl Builder<'_> {
    /// The node for the rest of the game from `level` on, with `quotas` still to reach, and
    /// the box of quota vectors that give the same node. Recursion depth is the number of
    /// players, which [`Game`] bounds.
    fn node(&mut self, level: usize, quotas: &[i128]) -> Option<(NodeId, QuotaBox)> {
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
        if let Some(found) = self.memo.get(level).and_then(|boxes| {
            boxes.iter().find(|(b, _)| {
                b.iter()
                    .zip(quotas)
                    .all(|(&(lo, hi), &q)| lo <= q && q <= hi)
            })
        }) {
            return Some((found.1, found.0.clone()));
        }
        let weights: Vec<i128> = self
            .game
            .thresholds
            .iter()
            .map(|t| t.weights.get(level).copied().unwrap_or(0))
            .collect();
        let after_yes: Vec<i128> = quotas
            .iter()
            .zip(&weights)
            .map(|(q, w)| q.saturating_sub(*w))
            .collect();
        let (yes, yes_box) = self.node(level + 1, &after_yes)?;
        let (no, no_box) = self.node(level + 1, quotas)?;
        // Quotas q with q - w in the yes box and q in the no box lead to the same children.
        let boxed: QuotaBox = yes_box
            .iter()
            .zip(&no_box)
            .zip(&weights)
            .map(|((&(ylo, yhi), &(nlo, nhi)), &w)| {
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
        if let Some(boxes) = self.memo.get_mut(level) {
            boxes.push((boxed.clone(), id));
        }
        Some((id, boxed))
    }
}
