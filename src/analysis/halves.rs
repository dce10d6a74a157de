//! Meet in the middle: the players are split into two halves, every coalition of each half is
//! listed with its weight and size (sorted by weight), and a coalition of the whole is a pair
//! of them (Horowitz & Sahni 1974 for subset sums; for power indices Klinz & Woeginger 2005).
//! The work grows as `2^(n/2)` and not with the weights, so it suits small bodies with huge
//! weights (forty members weighing up to millions each), where a table of weight sums would be
//! too large.
//!
//! A player's swings pair each coalition of the rest of its own half with the coalitions of
//! the other half whose weight falls in a window: the window moves down as the first
//! coalition grows heavier, so two pointers per distinct quota sweep the other list once,
//! each carrying how many of the entries below it have each size (for counts by size).

use super::budget::{at, Bug, Meter, Stop};
use super::shape::{Raw, Shape};
use num_bigint::BigUint;

/// The bugs of a lookup beyond the halves' tables.
const RANK: &str = "a rank beyond the players";
const SIZE: &str = "a coalition size beyond the game";
const QUOTA: &str = "a quota beyond the distinct quotas";

/// The most players (who are not dummies) this method takes: counts stay in `u64`, and the
/// lists (2^(n/2) entries) must fit in memory long before.
const MAX_PLAYERS: usize = 60;

#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub sized: bool,
    /// Entries swept and table cells read.
    pub work: f64,
    pub bytes: f64,
}

/// Bytes of one listed coalition: its weight and its size.
const ENTRY: f64 = 9.0;

pub fn plan(s: &Shape, shapley: bool) -> Option<Plan> {
    let m = s.m();
    if m > MAX_PLAYERS {
        return None;
    }
    let sized = s.headed || shapley;
    let quotas = distinct_thetas(s).len() as f64;
    let halves = [m.div_ceil(2), m / 2];
    let mut work = 0.0;
    let mut bytes: f64 = 0.0;
    for (own, other) in [(halves[0], halves[1]), (halves[1], halves[0])] {
        let own_list = 2f64.powi(own as i32 - 1);
        let other_list = 2f64.powi(other as i32);
        let per_entry = if sized {
            (other as f64 + 1.0) * if quotas > 1.0 { 3.0 } else { 0.5 } + quotas
        } else {
            2.0 * quotas
        };
        work += other_list * 2.0;
        work += own as f64 * (own_list * (2.0 + per_entry) + 2.0 * quotas * other_list);
        bytes = bytes.max(own_list * ENTRY * 2.0 + other_list * ENTRY * 2.0);
    }
    Some(Plan { sized, work, bytes })
}

/// The distinct values of `theta`.
fn distinct_thetas(s: &Shape) -> Vec<i128> {
    let mut ts: Vec<i128> = (0..=s.m()).map(|k| s.theta(k)).collect();
    ts.sort_unstable();
    ts.dedup();
    ts
}

/// Every coalition of some players, by weight: its weight, its size, and which of the
/// players it holds (bit `p` for the `p`-th).
struct Subsets {
    weights: Vec<u64>,
    sizes: Vec<u8>,
    members: Vec<u64>,
}

impl Subsets {
    fn with_capacity(n: usize) -> Result<Subsets, Stop> {
        let mut out = Subsets {
            weights: Vec::new(),
            sizes: Vec::new(),
            members: Vec::new(),
        };
        out.weights.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        out.sizes.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        out.members.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        Ok(out)
    }

    /// Built by merging: the coalitions without the next player and, shifted by its weight,
    /// those with it, each list already sorted. Two buffers of the final size take turns,
    /// so that no round allocates (fresh pages cost a tenth of the time of forty members).
    // `k` is below `2 * len`, the lists' new length; `from` is `a` or `b`, and whichever is
    // taken is below `len` (`a` while `take_a`; `b` otherwise, since `a + b = k < 2 * len`
    // and `a <= len`, and an exhausted `b` reads as `u64::MAX`, never below `x`).
    #[allow(clippy::indexing_slicing)]
    fn of(ws: &[u64], meter: &mut Meter) -> Result<Subsets, Stop> {
        let total = u32::try_from(ws.len())
            .ok()
            .and_then(|n| 1usize.checked_shl(n))
            .ok_or(Stop::Memory)?;
        let mut out = Subsets::with_capacity(total)?;
        let mut next = Subsets::with_capacity(total)?;
        out.weights.push(0);
        out.sizes.push(0);
        out.members.push(0);
        for (p, &w) in ws.iter().enumerate() {
            let len = out.weights.len();
            // Every entry is written below; `next` holds a shorter list from two rounds
            // before, so only the slots past it are zeroed first.
            next.weights.resize(2 * len, 0);
            next.sizes.resize(2 * len, 0);
            next.members.resize(2 * len, 0);
            let bit = 1u64 << p;
            let (mut a, mut b) = (0usize, 0usize);
            // Which list gives the next entry is a coin toss: chosen by a select, not a
            // branch, which would mispredict half the time.
            for k in 0..2 * len {
                let x = out.weights.get(a).copied().unwrap_or(u64::MAX);
                let y = out.weights.get(b).map_or(u64::MAX, |v| v + w);
                let take_a = x <= y && a < len;
                let from = if take_a { a } else { b };
                next.weights[k] = if take_a { x } else { y };
                next.sizes[k] = out.sizes[from] + u8::from(!take_a);
                next.members[k] = out.members[from] | if take_a { 0 } else { bit };
                a += usize::from(take_a);
                b += usize::from(!take_a);
            }
            meter.tick(2 * len as u64)?;
            std::mem::swap(&mut out, &mut next);
        }
        Ok(out)
    }

    fn len(&self) -> usize {
        self.weights.len()
    }
}

/// The coalitions of a half that leave one player out, by weight: copied out of the half's
/// list without a branch per entry (whether an entry holds the player is a coin toss, which
/// a filter's branch mispredicted half the time), into buffers reused from player to player.
struct Without {
    weights: Vec<u64>,
    sizes: Vec<u8>,
    /// How many of the buffers' entries are this player's.
    len: usize,
}

impl Without {
    fn for_half(all: &Subsets) -> Result<Without, Stop> {
        // Half the coalitions leave the player out; one slot more takes the last write.
        let n = all.len() / 2 + 1;
        let mut out = Without {
            weights: Vec::new(),
            sizes: Vec::new(),
            len: 0,
        };
        out.weights.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        out.sizes.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        out.weights.resize(n, 0);
        out.sizes.resize(n, 0);
        Ok(out)
    }

    /// Fills the buffers with the coalitions of `all` without the `p`-th player.
    fn fill(&mut self, all: &Subsets, p: usize) -> Result<(), Bug> {
        let bit = 1u64 << p;
        let mut kept = 0usize;
        for ((&w, &size), &members) in all.weights.iter().zip(&all.sizes).zip(&all.members) {
            // Every entry is written at `kept`; only those without the player move it on.
            let (Some(slot_w), Some(slot_s)) =
                (self.weights.get_mut(kept), self.sizes.get_mut(kept))
            else {
                return Err(Bug("more coalitions without a player than half the list"));
            };
            *slot_w = w;
            *slot_s = size;
            kept += usize::from(members & bit == 0);
        }
        self.len = kept;
        Ok(())
    }

    fn iter(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        let n = self.len;
        self.weights
            .iter()
            .take(n)
            .copied()
            .zip(self.sizes.iter().take(n).copied())
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// A pointer into the other half's list, moving down: how many entries weigh at most a
/// limit that only falls, and (when counting by size) how many of those have each size.
#[derive(Debug, Clone)]
struct Cursor {
    at: usize,
    by_size: Vec<u32>,
}

impl Cursor {
    fn new(other: &Other, sized: bool) -> Cursor {
        Cursor {
            at: other.list.len(),
            by_size: if sized {
                other.totals.clone()
            } else {
                Vec::new()
            },
        }
    }

    #[inline]
    fn down_to(&mut self, list: &Subsets, limit: i128) {
        while let Some(&w) = self.at.checked_sub(1).and_then(|i| list.weights.get(i)) {
            if i128::from(w) <= limit {
                break;
            }
            self.at -= 1;
            if let Some(c) = list
                .sizes
                .get(self.at)
                .and_then(|&b| self.by_size.get_mut(usize::from(b)))
            {
                *c -= 1;
            }
        }
    }

    /// Entries of size `b` at most the limit (on a cursor counting by size).
    #[inline]
    fn count(&self, b: usize) -> Result<u64, Bug> {
        at(&self.by_size, b, "a size beyond the other half").map(u64::from)
    }
}

/// The other half's coalitions, and how many have each size.
struct Other {
    list: Subsets,
    totals: Vec<u32>,
    h: usize,
}

pub fn count(s: &Shape, plan: &Plan, meter: &mut Meter) -> Result<Raw, Stop> {
    meter.hold(plan.bytes)?;
    let m = s.m();
    let sized = plan.sized;
    let thetas = distinct_thetas(s);
    // Which distinct quota theta[k] is, for each k.
    let slots: Vec<usize> = (0..=m)
        .map(|k| thetas.partition_point(|t| *t < s.theta(k)))
        .collect();
    let even: Vec<usize> = (0..m).filter(|r| r % 2 == 0).collect();
    let odd: Vec<usize> = (0..m).filter(|r| r % 2 == 1).collect();
    let weights_of = |ranks: &[usize]| -> Result<Vec<u64>, Bug> {
        ranks.iter().map(|&r| at(&s.weights, r, RANK)).collect()
    };
    let sizes = if sized { m.max(1) } else { 1 };
    let mut swings: Vec<Vec<u64>> = vec![vec![0; sizes]; m];
    let mut won: u64 = 0;
    for (side, (own_ranks, other_ranks)) in [(&even, &odd), (&odd, &even)].into_iter().enumerate() {
        let list = Subsets::of(&weights_of(other_ranks)?, meter)?;
        let h = other_ranks.len();
        let mut totals = vec![0u32; h + 1];
        for &b in &list.sizes {
            *totals
                .get_mut(usize::from(b))
                .ok_or(Bug("a coalition larger than its half"))? += 1;
        }
        let other = Other { list, totals, h };
        let own_all = Subsets::of(&weights_of(own_ranks)?, meter)?;
        if side == 0 {
            won = winning(&own_all, &other, &thetas, &slots, sized, meter)?;
        }
        let mut own = Without::for_half(&own_all)?;
        let mut previous: Option<(u64, usize)> = None;
        for (place, &rank) in own_ranks.iter().enumerate() {
            let w = at(&s.weights, rank, RANK)?;
            if let Some((pw, pr)) = previous {
                if pw == w {
                    let copy = swings.get(pr).ok_or(Bug(RANK))?.clone();
                    *swings.get_mut(rank).ok_or(Bug(RANK))? = copy;
                    continue;
                }
            }
            own.fill(&own_all, place)?;
            meter.tick(own_all.len() as u64)?;
            let result = swings_of(s, w, &own, &other, &thetas, &slots, sized, meter)?;
            *swings.get_mut(rank).ok_or(Bug(RANK))? = result;
            previous = Some((w, rank));
        }
    }
    Ok(Raw {
        winning: BigUint::from(won),
        swings: swings
            .iter()
            .map(|v| BigUint::from(v.iter().sum::<u64>()))
            .collect(),
        by_size: sized.then(|| {
            swings
                .iter()
                .map(|v| v.iter().map(|&c| BigUint::from(c)).collect())
                .collect()
        }),
        minimal_winning: None,
        minimal_blocking: None,
    })
}

/// Coalitions of all players that win: each coalition of the own half with those of the
/// other half heavy enough beside it.
fn winning(
    own: &Subsets,
    other: &Other,
    thetas: &[i128],
    slots: &[usize],
    sized: bool,
    meter: &mut Meter,
) -> Result<u64, Stop> {
    let n_other = other.list.len() as u64;
    // One quota for every size: whether a coalition wins does not depend on its size, so
    // the sizes are not followed (a row of checked lookups per coalition of the half).
    let sized = sized && thetas.len() > 1;
    let mut below = vec![Cursor::new(other, sized); thetas.len()];
    let mut total: u64 = 0;
    for (&x, &a) in own.weights.iter().zip(&own.sizes) {
        let x = i128::from(x);
        for (cursor, t) in below.iter_mut().zip(thetas) {
            cursor.down_to(&other.list, t - 1 - x);
        }
        if sized {
            // A coalition of a own and b other members: k = a + b of the m.
            for (b, &all) in other.totals.iter().enumerate() {
                let k = usize::from(a) + b;
                let losing = below.get(at(slots, k, SIZE)?).ok_or(Bug(QUOTA))?.count(b)?;
                total += u64::from(all) - losing;
            }
        } else {
            total += n_other - below.first().map_or(0, |c| c.at as u64);
        }
    }
    meter.tick(own.len() as u64 * (other.h as u64 + 1))?;
    Ok(total)
}

/// [`swings_of`] where one quota `t` holds for every size: the hot loop of bodies such as
/// forty members weighing up to millions, kept free of everything but the two cursors and
/// the row of counts by size.
// Every index is below the length it is checked against: the cursors stay within the list,
// sizes within `row`, and `a + row` within `out` (a coalition of the others has fewer than
// `m` members).
#[allow(clippy::indexing_slicing)]
fn sweep_one_quota(
    own: &Without,
    other: &Other,
    t: i128,
    w: i128,
    out: &mut [u64],
) -> Result<(), Bug> {
    // A shape's weights sum below 2^62, so the limits fit 64 bits, compared in one
    // instruction where 128-bit ones take two.
    let (Ok(t), Ok(w)) = (i64::try_from(t), i64::try_from(w)) else {
        return Err(Bug("a quota beyond a shape's bound"));
    };
    let weights = &other.list.weights[..];
    let sizes = &other.list.sizes[..];
    // The row of counts by size, padded with zeros to whole vector registers of four, so
    // that adding it has no scalar tail.
    let row = (other.h + 1).next_multiple_of(4);
    let (mut hi, mut lo) = (weights.len(), weights.len());
    let mut hi_counts = other.totals.clone();
    hi_counts.resize(row, 0);
    let mut lo_counts = hi_counts.clone();
    // Counts add up in 32 bits, four to a vector instruction where 64-bit sums take two,
    // and move to `out` before they could overflow: each addition is at most the other
    // half's length.
    let mut acc = vec![0u32; out.len() + row];
    let batch = (u32::MAX as usize / weights.len().max(1)).max(1);
    let mut pending = 0;
    for (x, a) in own.iter() {
        let x = i64::try_from(x).map_err(|_| Bug("a weight beyond a shape's bound"))?;
        let (upper, lower) = (t - 1 - x, t - w - 1 - x);
        // Compared as `i64`: weights below 2^62 convert exactly.
        while hi > 0 && weights[hi - 1] as i64 > upper {
            hi -= 1;
            hi_counts[usize::from(sizes[hi])] -= 1;
        }
        while lo > 0 && weights[lo - 1] as i64 > lower {
            lo -= 1;
            lo_counts[usize::from(sizes[lo])] -= 1;
        }
        let a = usize::from(a);
        if a + row > acc.len() {
            continue;
        }
        for ((slot, u), l) in acc[a..a + row]
            .iter_mut()
            .zip(&hi_counts[..row])
            .zip(&lo_counts[..row])
        {
            *slot += u - l;
        }
        pending += 1;
        if pending == batch {
            flush(&mut acc, out);
            pending = 0;
        }
    }
    flush(&mut acc, out);
    Ok(())
}

/// Moves the 32-bit partial sums into the totals.
fn flush(acc: &mut [u32], out: &mut [u64]) {
    for (total, part) in out.iter_mut().zip(acc.iter_mut()) {
        *total += u64::from(std::mem::take(part));
    }
}

/// The swings of a player of weight `w` by the size of the coalition of the others: the
/// coalitions of the rest of its half (`own`) paired with the other half's.
#[allow(clippy::too_many_arguments)]
fn swings_of(
    s: &Shape,
    w: u64,
    own: &Without,
    other: &Other,
    thetas: &[i128],
    slots: &[usize],
    sized: bool,
    meter: &mut Meter,
) -> Result<Vec<u64>, Stop> {
    let w = i128::from(w);
    let m = s.m();
    // Per distinct quota t: entries of the other half weighing at most t - 1 - x (the
    // coalition still loses) and at most t - w - 1 - x (it loses even with the player).
    let mut losing = vec![Cursor::new(other, sized); thetas.len()];
    let mut hopeless = vec![Cursor::new(other, sized); thetas.len()];
    let mut out = vec![0u64; if sized { m.max(1) } else { 1 }];
    // Where the window is empty (theta[k + 1] - w > theta[k] - 1) nothing swings.
    let open: Vec<bool> = (0..m).map(|k| s.theta(k + 1) - w < s.theta(k)).collect();
    let row = other.h + 1;
    // One quota for every size: the window is the same for every b.
    if sized && thetas.len() == 1 && open.iter().all(|o| *o) {
        if let Some(&t) = thetas.first() {
            sweep_one_quota(own, other, t, w, &mut out)?;
            meter.tick(own.len() as u64 * row as u64)?;
            return Ok(out);
        }
    }
    let single = false;
    for (x, a) in own.iter() {
        let x = i128::from(x);
        for ((hi, lo), t) in losing.iter_mut().zip(hopeless.iter_mut()).zip(thetas) {
            hi.down_to(&other.list, t - 1 - x);
            lo.down_to(&other.list, t - w - 1 - x);
        }
        if !sized {
            let hi = losing.first().map_or(0, |c| c.at);
            let lo = hopeless.first().map_or(0, |c| c.at);
            if let Some(slot) = out.first_mut() {
                *slot += (hi - lo) as u64;
            }
            continue;
        }
        let a = usize::from(a);
        if single {
            let (Some(upper), Some(lower), Some(acc)) =
                (losing.first(), hopeless.first(), out.get_mut(a..))
            else {
                continue;
            };
            for ((slot, u), l) in acc.iter_mut().zip(&upper.by_size).zip(&lower.by_size) {
                *slot += u64::from(u - l);
            }
        } else {
            // The others number k = a + b < m: the player is not among them.
            for b in 0..row {
                let k = a + b;
                if !at(&open, k, SIZE)? {
                    continue;
                }
                let hi = losing
                    .get(at(slots, k, SIZE)?)
                    .ok_or(Bug(QUOTA))?
                    .count(b)?;
                let lo = hopeless
                    .get(at(slots, k + 1, SIZE)?)
                    .ok_or(Bug(QUOTA))?
                    .count(b)?;
                *out.get_mut(k).ok_or(Bug(SIZE))? += hi - lo;
            }
        }
    }
    meter.tick(own.len() as u64 * row as u64)?;
    Ok(out)
}
