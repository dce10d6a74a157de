//! Meet in the middle for rules over two measures (weight and population, say), possibly
//! with head counts: the rules whose decision diagrams grow with every distinct pair of sums.
//!
//! For each coalition size the winning region in the plane of the two sums is an up-set, a
//! union of quadrants `{x >= a, y >= b}` (one per minimal way the rule's thresholds can be
//! met); its coalitions are counted by inclusion and exclusion over the quadrants. Pairs of
//! coalitions, one from each half of the players, whose sums fall in a quadrant are counted by
//! a sweep: the first half's coalitions by increasing `x`, the second half's entering a
//! Fenwick tree over their `y` as the first's `x` leaves room for them (dominance counting).
//! A player's swings are the coalitions of the others that win with it less those that win
//! without it. One sweep per corner and half serves every player of the half: it gives each
//! coalition `S` of the half, by size, the coalitions of the other half that win beside it,
//! and those are summed over the coalitions that hold each player ([`super::part_sums`]; the
//! identity is the one [`super::halves`] spells out).

use super::budget::{at, Bug, Meter, Stop};
use super::game::{Game, Measured};
use super::part_sums::{self, agree, Beside, PartSums, TABLE_BYTES};
use super::shape::Raw;
use super::Counts;

/// The bugs of a lookup beyond the sweep's tables.
const SIZE: &str = "a coalition size beyond the game";
const LISTED: &str = "an entry beyond the other half's list";

/// The most players (who are not dummies) this method takes.
const MAX_PLAYERS: usize = 56;
/// The most weight thresholds whose combinations are tried for each size.
const MAX_ATOMS: usize = 12;
/// Bytes of one listed coalition: two sums, its size, its members.
const ENTRY: f64 = 25.0;

/// A game decided by a coalition's sums in two measures and its size.
#[derive(Debug, Clone)]
pub struct Plane {
    /// Players of the whole game.
    pub n: usize,
    /// The players who are not dummies (game indices).
    pub players: Vec<usize>,
    /// Their weights in the two measures.
    pub weights: Vec<(u64, u64)>,
    /// For each size `k` in `0..=m`: inclusion–exclusion terms over the quadrants of the
    /// winning region, `(corner, sign)`.
    pub terms: Vec<Vec<((i128, i128), i64)>>,
    pub headed: bool,
}

impl Plane {
    /// The distinct corners of all sizes' terms: one sweep each.
    fn corners(&self) -> Vec<(i128, i128)> {
        let mut corners: Vec<(i128, i128)> = self
            .terms
            .iter()
            .flat_map(|ts| ts.iter().map(|(c, _)| *c))
            .collect();
        corners.sort_unstable();
        corners.dedup();
        corners
    }

    /// The game in this form, if it measures coalitions in exactly two weights besides
    /// head counts.
    pub fn of(game: &Game) -> Option<Plane> {
        let k = game.thresholds.len();
        let players = game.weighed_players()?;
        let (kinds, measures) = game.measures(&players);
        let (Some(first), Some(second), None) =
            (measures.first(), measures.get(1), measures.get(2))
        else {
            return None;
        };
        let mut weights = Vec::with_capacity(players.len());
        let (mut total_x, mut total_y) = (0u64, 0u64);
        for (x, y) in first.iter().zip(second) {
            let (x, y) = (u64::try_from(*x).ok()?, u64::try_from(*y).ok()?);
            total_x = total_x.checked_add(x).filter(|t| *t < 1 << 62)?;
            total_y = total_y.checked_add(y).filter(|t| *t < 1 << 62)?;
            weights.push((x, y));
        }
        let atoms: Vec<usize> = (0..k)
            .filter(|&j| matches!(kinds.get(j), Some(Measured::Weight(_))))
            .collect();
        if atoms.len() > MAX_ATOMS {
            return None;
        }
        let quota = |j: usize| game.thresholds.get(j).map_or(0, |t| t.quota);
        let m = players.len();
        let mut terms = Vec::with_capacity(m + 1);
        for size in 0..=m {
            // Which combinations of the weight thresholds carry the rule at this size.
            let carries = |set: u32| {
                game.holds(&|j| match kinds.get(j) {
                    Some(Measured::Heads) => size as i128 >= quota(j),
                    Some(Measured::Weight(_)) => atoms
                        .iter()
                        .position(|&a| a == j)
                        .is_some_and(|p| set >> p & 1 == 1),
                    Some(Measured::Nothing) | None => quota(j) <= 0,
                })
            };
            let mut corners: Vec<(i128, i128)> = Vec::new();
            for set in 0..(1u32 << atoms.len()) {
                let minimal = carries(set)
                    && (0..atoms.len())
                        .filter(|p| set >> p & 1 == 1)
                        .all(|p| !carries(set & !(1 << p)));
                if !minimal {
                    continue;
                }
                let mut corner = (0i128, 0i128);
                for (p, &j) in atoms.iter().enumerate() {
                    if set >> p & 1 == 1 {
                        match kinds.get(j) {
                            Some(Measured::Weight(0)) => corner.0 = corner.0.max(quota(j)),
                            _ => corner.1 = corner.1.max(quota(j)),
                        }
                    }
                }
                corners.push(corner);
            }
            // A quadrant inside another adds nothing.
            let kept: Vec<(i128, i128)> = corners
                .iter()
                .copied()
                .filter(|c| !corners.iter().any(|d| d != c && d.0 <= c.0 && d.1 <= c.1))
                .collect();
            let mut kept = kept;
            kept.sort_unstable();
            kept.dedup();
            terms.push(inclusion_exclusion(&kept));
        }
        let headed = terms.windows(2).any(|w| w.first() != w.last());
        Some(Plane {
            n: game.n,
            players,
            weights,
            terms,
            headed,
        })
    }

    pub fn m(&self) -> usize {
        self.players.len()
    }
}

/// The terms of the union of quadrants: each nonempty set of them, met at the componentwise
/// largest corner, with the sign of its size.
fn inclusion_exclusion(corners: &[(i128, i128)]) -> Vec<((i128, i128), i64)> {
    let mut terms: Vec<((i128, i128), i64)> = Vec::new();
    for set in 1u32..(1 << corners.len().min(16)) {
        let mut corner = (i128::MIN, i128::MIN);
        for (p, c) in corners.iter().enumerate() {
            if set >> p & 1 == 1 {
                corner = (corner.0.max(c.0), corner.1.max(c.1));
            }
        }
        let sign = if set.count_ones() % 2 == 1 { 1 } else { -1 };
        match terms.iter_mut().find(|(c, _)| *c == corner) {
            Some(term) => term.1 += sign,
            None => terms.push((corner, sign)),
        }
    }
    terms.retain(|(_, s)| *s != 0);
    terms
}

#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub sized: bool,
    /// Steps down the trees' paths (one per own coalition, corner and level).
    pub steps: f64,
    /// Whether a tree outgrows the cache, so that most steps miss it.
    pub large_tree: bool,
    /// Counts added along those steps (one per size a step), and per coalition found.
    pub adds: f64,
    /// Entries sorted times the logarithm of their list (each half's list is built twice:
    /// once as the own half, once as the other).
    pub sorted: f64,
    pub bytes: f64,
}

/// Bytes of a tree beyond which its paths' lower levels miss the cache.
const CACHED_TREE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

pub fn plan(p: &Plane, shapley: bool) -> Option<Plan> {
    let m = p.m();
    if m > MAX_PLAYERS {
        return None;
    }
    let sized = p.headed || shapley;
    let corners = p.corners().len() as f64;
    let halves = [m.div_ceil(2), m / 2];
    let (mut steps, mut adds, mut sorted) = (0.0, 0.0, 0.0);
    let mut bytes: f64 = 0.0;
    let mut large_tree = false;
    for (own, other) in [(halves[0], halves[1]), (halves[1], halves[0])] {
        let own_list = 2f64.powi(own as i32);
        let other_list = 2f64.powi(other as i32);
        let log = (other as f64).max(1.0);
        let sizes = if sized { other as f64 + 1.0 } else { 1.0 };
        // Per own coalition and corner: a path down the tree (a row of sizes a step), and
        // each count found added to the tables of each part of the half.
        let parts = part_sums::parts(own, if sized { m + 1 } else { 1 }, TABLE_BYTES).len();
        steps += corners * own_list * log;
        adds += corners * own_list * sizes * (log + parts as f64);
        sorted += (own_list * own as f64 + other_list * other as f64).max(1.0);
        let tree = sizes * other_list * 4.0;
        large_tree |= tree > CACHED_TREE_BYTES;
        bytes = bytes.max((own_list + other_list) * ENTRY + tree + TABLE_BYTES as f64);
    }
    Some(Plan {
        sized,
        steps,
        large_tree,
        adds,
        sorted,
        bytes,
    })
}

/// Every coalition of some players: its sums, its size and its members (bit `p` for the
/// `p`-th), sorted by the first sum.
struct Subsets {
    xs: Vec<u64>,
    ys: Vec<u64>,
    sizes: Vec<u8>,
    members: Vec<u64>,
}

impl Subsets {
    fn of(ws: &[(u64, u64)], meter: &mut Meter) -> Result<Subsets, Stop> {
        let total = 1usize.checked_shl(ws.len() as u32).ok_or(Stop::Memory)?;
        let mut order: Vec<(u64, u64, u8, u64)> = Vec::new();
        order.try_reserve_exact(total).map_err(|_| Stop::Memory)?;
        order.push((0, 0, 0, 0));
        for (p, &(x, y)) in ws.iter().enumerate() {
            let len = order.len();
            for i in 0..len {
                if let Some(&(ox, oy, os, om)) = order.get(i) {
                    order.push((ox + x, oy + y, os + 1, om | 1 << p));
                }
            }
            meter.tick(len as u64)?;
        }
        order.sort_unstable_by_key(|e| e.0);
        meter.tick(order.len() as u64 * 20)?;
        Ok(Subsets {
            xs: order.iter().map(|e| e.0).collect(),
            ys: order.iter().map(|e| e.1).collect(),
            sizes: order.iter().map(|e| e.2).collect(),
            members: order.iter().map(|e| e.3).collect(),
        })
    }

    fn len(&self) -> usize {
        self.xs.len()
    }
}

/// Counts of points entered, by their rank in `y` and their size: one Fenwick tree whose
/// nodes hold a count per size side by side, so that a query for every size walks one path
/// of rows (a cache line or two each) rather than one path per size. Kept per size apart,
/// the trees of thirty-eight members (20 sizes of 2^19 ranks) outgrew the cache and every
/// step of every query missed it: 5.4 s, against 0.3 s estimated.
struct Fenwick {
    sizes: usize,
    /// Row `i` (`sizes` counts) is node `i`; row 0 is unused.
    cells: Vec<u32>,
}

/// The bug of a node beyond the tree.
const NODE: &str = "a rank beyond the second sums";

impl Fenwick {
    fn new(sizes: usize, len: usize) -> Result<Fenwick, Stop> {
        let cells_len = len
            .checked_add(1)
            .and_then(|n| n.checked_mul(sizes))
            .ok_or(Stop::Memory)?;
        let mut cells = Vec::new();
        cells
            .try_reserve_exact(cells_len)
            .map_err(|_| Stop::Memory)?;
        cells.resize(cells_len, 0u32);
        Ok(Fenwick { sizes, cells })
    }

    /// Adds `delta` (wrapping: a removal adds `u32::MAX`) to the count of `size` at `rank`.
    // A Fenwick tree's updates climb until they pass its end: `get_mut` ends the loop.
    fn change(&mut self, size: usize, rank: usize, delta: u32) -> Result<(), Bug> {
        if size >= self.sizes {
            return Err(Bug(SIZE));
        }
        let mut i = rank + 1;
        while let Some(slot) = self.cells.get_mut(i * self.sizes + size) {
            *slot = slot.wrapping_add(delta);
            i += i & i.wrapping_neg();
        }
        Ok(())
    }

    fn add(&mut self, size: usize, rank: usize) -> Result<(), Bug> {
        self.change(size, rank, 1)
    }

    fn remove(&mut self, size: usize, rank: usize) -> Result<(), Bug> {
        self.change(size, rank, u32::MAX)
    }

    /// Points of each size entered with rank below `rank`, into `out` (one per size).
    fn below(&self, rank: usize, out: &mut [u64]) -> Result<(), Bug> {
        out.fill(0);
        let mut i = rank;
        while i > 0 {
            let row = self
                .cells
                .get(i * self.sizes..(i + 1) * self.sizes)
                .ok_or(Bug(NODE))?;
            for (o, &c) in out.iter_mut().zip(row) {
                *o += u64::from(c);
            }
            i &= i - 1;
        }
        Ok(())
    }
}

/// A half's coalitions in order of their second sum, and room for the ranks one sweep
/// reads, kept from sweep to sweep.
struct Scratch {
    by_y: Vec<u32>,
    ranks: Vec<u32>,
}

impl Scratch {
    fn of(own: &Subsets) -> Result<Scratch, Stop> {
        let len = u32::try_from(own.len()).map_err(|_| Stop::Memory)?;
        let mut by_y: Vec<u32> = Vec::new();
        by_y.try_reserve_exact(own.len())
            .map_err(|_| Stop::Memory)?;
        by_y.extend(0..len);
        by_y.sort_unstable_by_key(|&e| own.ys.get(e as usize).copied().unwrap_or(u64::MAX));
        let mut ranks = Vec::new();
        ranks
            .try_reserve_exact(own.len())
            .map_err(|_| Stop::Memory)?;
        Ok(Scratch { by_y, ranks })
    }
}

/// The other half: its coalitions by decreasing first sum, and the ranks of their second.
struct Other {
    list: Subsets,
    /// Distinct second sums, increasing.
    ys: Vec<u64>,
    ranks: Vec<usize>,
    h: usize,
}

impl Other {
    fn new(list: Subsets, h: usize) -> Other {
        let mut ys = list.ys.clone();
        ys.sort_unstable();
        ys.dedup();
        let ranks = list
            .ys
            .iter()
            .map(|y| ys.partition_point(|v| v < y))
            .collect();
        Other { list, ys, ranks, h }
    }
}

/// For each coalition of `own` (its index `e`) and each size `b` of a coalition of
/// `other`, how many such coalitions of `other` reach `corner` in both sums beside it:
/// `found(e, k, count)` with `k` the two sizes together (0 when not counting by size), where
/// `keep(a, b)` asks for the sizes. `tree` comes empty and goes back empty.
#[allow(clippy::too_many_arguments)]
fn dominance(
    own: &Subsets,
    other: &Other,
    corner: (i128, i128),
    sized: bool,
    keep: &dyn Fn(usize, usize) -> bool,
    tree: &mut Fenwick,
    scratch: &mut Scratch,
    found: &mut dyn FnMut(usize, usize, u64) -> Result<(), Bug>,
    meter: &mut Meter,
) -> Result<(), Stop> {
    let sizes = if sized { other.h + 1 } else { 1 };
    // The rank among the other's second sums of what each own coalition needs there, found
    // in one walk down them (own coalitions by increasing second sum need less and less)
    // rather than by a search each, which missed the cache at every step.
    scratch.ranks.clear();
    scratch.ranks.resize(own.len(), 0);
    let mut rank = other.ys.len();
    for &e in &scratch.by_y {
        let y = at(&own.ys, e as usize, LISTED)?;
        let need_y = corner.1 - i128::from(y);
        while let Some(&v) = rank.checked_sub(1).and_then(|r| other.ys.get(r)) {
            if i128::from(v) < need_y {
                break;
            }
            rank -= 1;
        }
        *scratch
            .ranks
            .get_mut(e as usize)
            .ok_or(Bug("a coalition beyond its half's list"))? = rank as u32;
    }
    let mut entered = vec![0u64; sizes];
    let mut below = vec![0u64; sizes];
    // Other coalitions enter by decreasing first sum.
    let mut next = other.list.len();
    for (e, (&x, &a)) in own.xs.iter().zip(&own.sizes).enumerate() {
        let need_x = corner.0 - i128::from(x);
        while next > 0
            && other
                .list
                .xs
                .get(next - 1)
                .is_some_and(|&ox| i128::from(ox) >= need_x)
        {
            next -= 1;
            let b = if sized {
                usize::from(at(&other.list.sizes, next, LISTED)?)
            } else {
                0
            };
            tree.add(b, at(&other.ranks, next, LISTED)?)?;
            *entered.get_mut(b).ok_or(Bug(SIZE))? += 1;
        }
        let rank = at(&scratch.ranks, e, LISTED)? as usize;
        let a = usize::from(a);
        tree.below(rank, &mut below)?;
        for (b, (&all, &under)) in entered.iter().zip(&below).enumerate() {
            let k = if sized { a + b } else { 0 };
            if keep(a, b) {
                found(e, k, all - under)?;
            }
        }
        meter.tick(sizes as u64 * 8)?;
    }
    // Empty the tree for the next sweep: only the entered points need taking out.
    for (&b, &rank) in other.list.sizes.iter().zip(&other.ranks).skip(next) {
        tree.remove(if sized { usize::from(b) } else { 0 }, rank)?;
    }
    meter.tick((other.list.len() - next) as u64 * 8)?;
    Ok(())
}

pub fn count(p: &Plane, plan: &Plan, meter: &mut Meter) -> Result<Counts, Stop> {
    meter.hold(plan.bytes)?;
    let m = p.m();
    let sized = plan.sized;
    let even: Vec<usize> = (0..m).filter(|r| r % 2 == 0).collect();
    let odd: Vec<usize> = (0..m).filter(|r| r % 2 == 1).collect();
    let weights_of = |ranks: &[usize]| -> Result<Vec<(u64, u64)>, Bug> {
        ranks
            .iter()
            .map(|&r| at(&p.weights, r, "a rank beyond the players"))
            .collect()
    };
    let mut swings: Vec<Vec<u64>> = vec![Vec::new(); m];
    let everyone = part_sums::coalitions(m)?;
    // No coalition has more than m members: beyond, there are no terms.
    let terms_at = |k: usize| p.terms.get(k).map(Vec::as_slice).unwrap_or(&[]);
    let corners = p.corners();
    let sign_at = |k: usize, c: (i128, i128)| -> i64 {
        terms_at(k)
            .iter()
            .find(|(d, _)| *d == c)
            .map_or(0, |(_, s)| *s)
    };
    // One sweep per half serves all its players (as in `halves`): with `V(S)[k]` the
    // coalitions `T` of the other half with which `S` makes a winning coalition of `k`
    // members, a player's swings with `k` others are the sums of `V` over the coalitions
    // that hold it at `k + 1` and at `k`, less the sum over all at `k`.
    let stride = if sized { m + 1 } else { 1 };
    let mut won: Option<u64> = None;
    for (own_ranks, other_ranks) in [(&even, &odd), (&odd, &even)] {
        let other = Other::new(
            Subsets::of(&weights_of(other_ranks)?, meter)?,
            other_ranks.len(),
        );
        let own = Subsets::of(&weights_of(own_ranks)?, meter)?;
        let mut tree = Fenwick::new(if sized { other.h + 1 } else { 1 }, other.ys.len())?;
        let mut sums = PartSums::new(own_ranks.len(), stride, TABLE_BYTES)?;
        let mut scratch = Scratch::of(&own)?;
        meter.tick(own.len() as u64 * 20)?;
        for &c in &corners {
            // Terms by total size k = a + b; unsized, every size has the same terms.
            let keep = |a: usize, b: usize| !sized || sign_at(a + b, c) != 0;
            let mut found = |e: usize, k: usize, count: u64| -> Result<(), Bug> {
                let sign = sign_at(k, c) as u64;
                let members = at(&own.members, e, "a coalition beyond its half's list")?;
                let members =
                    u32::try_from(members).map_err(|_| Bug("a half of more than 32 players"))?;
                sums.add_one(members, k, sign.wrapping_mul(count))
            };
            dominance(
                &own,
                &other,
                c,
                sized,
                &keep,
                &mut tree,
                &mut scratch,
                &mut found,
                meter,
            )?;
        }
        agree(&mut won, sums.winning(Beside::Winning, everyone)?)?;
        let all = sums.all();
        for (place, &rank) in own_ranks.iter().enumerate() {
            *swings
                .get_mut(rank)
                .ok_or(Bug("a rank beyond the players"))? =
                sums.swings(place, &all, Beside::Winning, everyone)?;
        }
    }
    let raw = Raw::counted(won.unwrap_or(0), &swings, sized);
    // Each player is counted on its own: only the dummies are known to be alike.
    let classes = p.players.iter().map(|&i| vec![i]).collect();
    Ok(raw.lift_with(p.n, &p.players, classes)?)
}
