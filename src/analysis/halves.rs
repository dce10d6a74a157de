//! Meet in the middle: the players are split into two halves, every coalition of each half is
//! listed with its weight and size (sorted by weight), and a coalition of the whole is a pair
//! of them (Horowitz & Sahni 1974 for subset sums; for power indices Klinz & Woeginger 2005).
//! The work grows as `2^(n/2)` and not with the weights, so it suits small bodies with huge
//! weights (forty members weighing up to millions each), where a table of weight sums would be
//! too large.
//!
//! One sweep per half serves every player of the half. For each coalition `S` of the half,
//! a cursor moving down the other half's list gives `V(S)[k]`: the coalitions `T` of the
//! other half such that `S ∪ T` has `k` members and loses. A player `i` of the half swings a
//! losing coalition `S ∪ T` of the others exactly when `S ∪ {i} ∪ T` wins, and
//! `S ∪ {i} ∪ T` loses exactly when it is counted in `V(S ∪ {i})[k + 1]`. So the player's
//! swings with `k` others are
//!
//! ```text
//! sum over S without i of V(S)[k]  -  sum over S with i of V(S)[k + 1]
//! ```
//!
//! and both sums are read from the sums of `V` over the coalitions that hold each player:
//! during the sweep, each coalition's row is added to a table per part of the half (a few
//! players each), at the pattern of its members in that part; afterwards each player sums
//! the rows of its part's patterns that hold it. The sweep costs `2^(n/2)` steps for the
//! half, not for each of its players (forty members: 1.1 s to 0.2 s). The identity holds
//! for any monotone rule, so head counts (a quota per size) change only how the row is read.

use super::budget::{at, Bug, Meter, Stop};
use super::part_sums::{agree, coalitions, parts, Beside, PartSums, TABLE_BYTES};
use super::shape::{Raw, Shape};
use num_bigint::BigUint;
use std::ops::Range;

/// The bugs of a lookup beyond the halves' tables.
const RANK: &str = "a rank beyond the players";
const SIZE: &str = "a coalition size beyond the game";
const QUOTA: &str = "a quota beyond the distinct quotas";
const BOUND: &str = "a weight beyond a shape's bound";

/// The most players (who are not dummies) this method takes: counts stay in `u64`, and the
/// lists (2^(n/2) entries) must fit in memory long before.
const MAX_PLAYERS: usize = 60;

#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub sized: bool,
    /// Whether the minimal winning and blocking coalitions are counted.
    pub minimal: bool,
    /// Entries swept and table cells added.
    pub work: f64,
    pub bytes: f64,
    /// The most bytes of the tables of sums together ([`TABLE_BYTES`]; tests set less to
    /// cut the halves into more parts).
    pub table_bytes: usize,
}

/// Bytes of one listed coalition: its weight, its size and its members.
const ENTRY: f64 = 13.0;

pub fn plan(s: &Shape, shapley: bool, minimal: bool) -> Option<Plan> {
    let m = s.m();
    if m > MAX_PLAYERS {
        return None;
    }
    let sized = s.headed || shapley;
    let quotas = distinct_thetas(s).len() as f64;
    let stride = if sized { m + 1 } else { 1 };
    let halves = [m.div_ceil(2), m / 2];
    // Listing both halves: a merge per player.
    let mut work = 2.0 * halves.iter().map(|&h| 2f64.powi(h as i32)).sum::<f64>();
    let mut bytes: f64 = 0.0;
    for (own, other) in [(halves[0], halves[1]), (halves[1], halves[0])] {
        let own_list = 2f64.powi(own as i32);
        let other_list = 2f64.powi(other as i32);
        let row = if sized { other as f64 + 1.0 } else { 1.0 };
        let parts = parts(own, stride, TABLE_BYTES);
        let rows: f64 = parts.iter().map(|&(_, bits)| 2f64.powi(bits as i32)).sum();
        // Per coalition of the own half: the cursors and a row into each part's table (and
        // a row gathered first where several quotas apply); the cursors' steps; the sums
        // per player.
        let gather = if quotas > 1.0 { row } else { 0.0 };
        work += own_list * (quotas + parts.len() as f64 * row + gather) + quotas * other_list;
        work += own as f64 * rows / 2.0 * stride as f64;
        // Both halves' lists, built side by side (two buffers each), and the tables of sums.
        bytes = bytes.max(2.0 * ENTRY * (own_list + other_list) + rows * stride as f64 * 8.0);
    }
    if minimal {
        // Before each rank joins: two counts over the lists of the ranks before it, each a
        // sweep of the shorter (the odd ranks') with cursors at two ends of a window per
        // quota over the other.
        for j in 0..m {
            let one = 2f64.powi((j / 2) as i32);
            let other = 2f64.powi(j.div_ceil(2) as i32);
            let cursors = 2.0 * quotas;
            let row = if s.headed { (j / 2) as f64 + 1.0 } else { 1.0 };
            work += 2.0 * (one * (cursors + row) + (cursors + 1.0) * other);
        }
    }
    Some(Plan {
        sized,
        minimal,
        work,
        bytes,
        table_bytes: TABLE_BYTES,
    })
}

/// The distinct values of `theta`.
fn distinct_thetas(s: &Shape) -> Vec<i128> {
    let mut ts: Vec<i128> = (0..=s.m()).map(|k| s.theta(k)).collect();
    ts.sort_unstable();
    ts.dedup();
    ts
}

/// Every coalition of some players, by weight: its weight, its size, and which of the
/// players it holds (bit `p` for the `p`-th; a half has at most 30).
struct Subsets {
    weights: Vec<u64>,
    sizes: Vec<u8>,
    members: Vec<u32>,
    players: usize,
}

impl Subsets {
    fn with_capacity(n: usize) -> Result<Subsets, Stop> {
        let mut out = Subsets {
            weights: Vec::new(),
            sizes: Vec::new(),
            members: Vec::new(),
            players: 0,
        };
        out.weights.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        out.sizes.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        out.members.try_reserve_exact(n).map_err(|_| Stop::Memory)?;
        Ok(out)
    }

    fn len(&self) -> usize {
        self.weights.len()
    }
}

/// A half's list while it is built, one player at a time (ranks taking turns between the
/// halves, so that the minimal coalitions whose last member is a rank are counted over the
/// lists of the ranks before it). Built by merging: the coalitions without the next player
/// and, shifted by its weight, those with it, each list already sorted. Two buffers of the
/// final size take turns, so that no round allocates (fresh pages cost a tenth of the time
/// of forty members).
struct Listing {
    list: Subsets,
    spare: Subsets,
}

impl Listing {
    /// Room for the coalitions of `players`.
    fn new(players: usize) -> Result<Listing, Stop> {
        let total = u32::try_from(players)
            .ok()
            .filter(|&n| n < u32::BITS)
            .and_then(|n| 1usize.checked_shl(n))
            .ok_or(Stop::Memory)?;
        let mut list = Subsets::with_capacity(total)?;
        list.weights.push(0);
        list.sizes.push(0);
        list.members.push(0);
        Ok(Listing {
            list,
            spare: Subsets::with_capacity(total)?,
        })
    }

    /// Adds the next player, of weight `w`.
    // `k` is below `2 * len`, the lists' new length; `from` is `a` or `b`, and whichever is
    // taken is below `len` (`a` while `take_a`; `b` otherwise, since `a + b = k < 2 * len`
    // and `a <= len`, and an exhausted `b` reads as `u64::MAX`, never below `x`).
    #[allow(clippy::indexing_slicing)]
    fn add(&mut self, w: u64, meter: &mut Meter) -> Result<(), Stop> {
        let (out, next) = (&self.list, &mut self.spare);
        let len = out.weights.len();
        if 2 * len > next.weights.capacity() || out.players >= 31 {
            return Err(Bug("a player beyond a half's room").into());
        }
        // Every entry is written below; `next` holds a shorter list from two rounds
        // before, so only the slots past it are zeroed first.
        next.weights.resize(2 * len, 0);
        next.sizes.resize(2 * len, 0);
        next.members.resize(2 * len, 0);
        let bit = 1u32 << out.players;
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
        next.players = out.players + 1;
        meter.tick(2 * len as u64)?;
        std::mem::swap(&mut self.list, &mut self.spare);
        Ok(())
    }
}

/// The other half's coalitions as the cursors read them, and how many have each size.
struct Other<'a> {
    list: &'a Subsets,
    totals: Vec<u32>,
    /// Players in the other half.
    h: usize,
}

impl Other<'_> {
    fn of(list: &Subsets) -> Result<Other<'_>, Bug> {
        let h = list.players;
        let mut totals = vec![0u32; h + 1];
        for &b in &list.sizes {
            *totals
                .get_mut(usize::from(b))
                .ok_or(Bug("a coalition larger than its half"))? += 1;
        }
        Ok(Other { list, totals, h })
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

    /// Moves down to the entries that weigh at most `limit`.
    #[inline]
    fn down_to(&mut self, list: &Subsets, limit: i64) {
        // A shape's weights are below 2^62: as `i64` they are exact.
        while let Some(&w) = self.at.checked_sub(1).and_then(|i| list.weights.get(i)) {
            if w as i64 <= limit {
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
}

/// Own coalitions swept between two looks at the clock.
const TICK: usize = 1 << 14;

/// The sweep of a half against the other: the coalitions `S` of the half (lightest first)
/// each add `V(S)` (see the module's documentation) to the half's [`PartSums`].
fn losing(
    own: &Subsets,
    other: &Other,
    thetas: &[i128],
    slots: &[usize],
    stride: usize,
    table_bytes: usize,
    meter: &mut Meter,
) -> Result<PartSums, Stop> {
    let sized = stride > 1;
    let mut sums = PartSums::new(own.players, stride, table_bytes)?;
    let mut cursors = vec![Cursor::new(other, sized); thetas.len()];
    let row = other.h + 1;
    let mut gathered = vec![0u32; row];
    // Per size `a` of the own coalition: the runs of the other's sizes `b` for whose
    // `a + b` members one quota holds (a head count makes a few runs).
    let runs: Vec<Vec<(Range<usize>, usize)>> = (0..=own.players)
        .map(|a| {
            let mut out: Vec<(Range<usize>, usize)> = Vec::new();
            for (b, &quota) in slots.iter().skip(a).take(row).enumerate() {
                match out.last_mut() {
                    Some((run, q)) if *q == quota => run.end = b + 1,
                    _ => out.push((b..b + 1, quota)),
                }
            }
            out
        })
        .collect();
    let per_entry = (thetas.len() + 2 * row) as u64;
    let entries = own.weights.iter().zip(&own.sizes).zip(&own.members);
    for (i, ((&x, &a), &members)) in entries.enumerate() {
        if i % TICK == 0 {
            meter.tick(TICK as u64 * per_entry)?;
        }
        let x = i128::from(x);
        for (cursor, t) in cursors.iter_mut().zip(thetas) {
            // Within a shape's bound, 2^62 either way: compared in one instruction.
            let limit = i64::try_from(t - 1 - x).map_err(|_| Bug(BOUND))?;
            cursor.down_to(other.list, limit);
        }
        let a = usize::from(a);
        // Not by size, the row is one count; by size with one quota, the cursor's own;
        // with several (a head count), the entry for `b` others is the cursor of the
        // quota for `a + b` members.
        let within = [cursors.first().map_or(0, |c| c.at) as u32];
        let (v, start): (&[u32], usize) = match cursors.as_slice() {
            _ if !sized => (&within, 0),
            [one] => (&one.by_size, a),
            _ => {
                for (run, quota) in runs.get(a).ok_or(Bug(SIZE))? {
                    let cursor = cursors.get(*quota).ok_or(Bug(QUOTA))?;
                    let from = cursor.by_size.get(run.clone()).ok_or(Bug(SIZE))?;
                    let to = gathered.get_mut(run.clone()).ok_or(Bug(SIZE))?;
                    to.copy_from_slice(from);
                }
                (&gathered, a)
            }
        };
        sums.add(members, start, v)?;
    }
    Ok(sums)
}

pub fn count(s: &Shape, plan: &Plan, meter: &mut Meter) -> Result<Raw, Stop> {
    meter.hold(plan.bytes)?;
    let m = s.m();
    let sized = plan.sized;
    let thetas = distinct_thetas(s);
    if !sized && thetas.len() > 1 {
        return Err(Bug("a rule that counts heads, counted without sizes").into());
    }
    // Which distinct quota theta[k] is, for each k.
    let slots: Vec<usize> = (0..=m)
        .map(|k| thetas.partition_point(|t| *t < s.theta(k)))
        .collect();
    let stride = if sized { m + 1 } else { 1 };
    let even: Vec<usize> = (0..m).filter(|r| r % 2 == 0).collect();
    let odd: Vec<usize> = (0..m).filter(|r| r % 2 == 1).collect();
    let everyone = coalitions(m)?;
    let mut swings: Vec<Vec<u64>> = vec![Vec::new(); m];
    let mut won: Option<u64> = None;
    // The halves' lists grow rank by rank; before each rank joins, the minimal coalitions
    // whose last member (or outsider) it is are counted over the ranks before it.
    let mut listings = [Listing::new(even.len())?, Listing::new(odd.len())?];
    let (mut minimal_winning, mut minimal_blocking) = (0u64, 0u64);
    let mut before: i128 = 0;
    for j in 0..m {
        let [even_listing, odd_listing] = &listings;
        if plan.minimal {
            // The odd ranks' list is the shorter: it is swept, the even ranks' walked.
            let (w, b) = minimal_at(s, j, before, &odd_listing.list, &even_listing.list, meter)?;
            minimal_winning += w;
            minimal_blocking += b;
        }
        let w = at(&s.weights, j, RANK)?;
        listings.get_mut(j % 2).ok_or(Bug(RANK))?.add(w, meter)?;
        before += i128::from(w);
    }
    let [even_list, odd_list] = listings.map(|l| l.list);
    let (empty_wins, empty_blocks) = s.empty_minimal();
    minimal_winning += u64::from(empty_wins);
    minimal_blocking += u64::from(empty_blocks);
    // Each half's list serves as the own half once and as the other half once.
    for (own_ranks, own, other) in [
        (&even, &even_list, &odd_list),
        (&odd, &odd_list, &even_list),
    ] {
        let other = Other::of(other)?;
        let losing = losing(
            own,
            &other,
            &thetas,
            &slots,
            stride,
            plan.table_bytes,
            meter,
        )?;
        agree(&mut won, losing.winning(Beside::Losing, everyone)?)?;
        let all = losing.all();
        for (place, &rank) in own_ranks.iter().enumerate() {
            *swings.get_mut(rank).ok_or(Bug(RANK))? =
                losing.swings(place, &all, Beside::Losing, everyone)?;
        }
        meter.tick(own_ranks.len() as u64 * (1 << own_ranks.len().div_ceil(2)) * stride as u64)?;
    }
    Ok(Raw {
        minimal_winning: plan.minimal.then(|| BigUint::from(minimal_winning)),
        minimal_blocking: plan.minimal.then(|| BigUint::from(minimal_blocking)),
        ..Raw::counted(won.unwrap_or(0), &swings, sized)
    })
}

/// The minimal winning coalitions whose last member by rank is `j`, and the maximal losing
/// coalitions (the complements of the minimal blocking ones) whose last non-member is `j`,
/// as [`super::sums`] counts them: over `T`, the coalition's part among the ranks before `j`,
/// here a pair of the halves' lists of those ranks. `before`: the weight of those ranks.
fn minimal_at(
    s: &Shape,
    j: usize,
    before: i128,
    one: &Subsets,
    other: &Subsets,
    meter: &mut Meter,
) -> Result<(u64, u64), Stop> {
    let w = s.weight(j)?;
    let after = i128::from(s.total) - before - w;
    let later = s.m() - j - 1;
    // Without a head count, one window holds for every size.
    let sizes = if s.headed { j + 1 } else { 1 };
    // T + j wins, T loses.
    let winning: Vec<(i128, i128)> = (0..sizes)
        .map(|k| (s.theta(k + 1) - w, s.theta(k) - 1))
        .collect();
    // T + everyone after j loses, and wins with j.
    let blocking: Vec<(i128, i128)> = (0..sizes)
        .map(|k| {
            (
                s.theta(k + later + 1) - after - w,
                s.theta(k + later) - after - 1,
            )
        })
        .collect();
    let other = Other::of(other)?;
    Ok((
        pairs_within(one, &other, &winning, s.headed, meter)?,
        pairs_within(one, &other, &blocking, s.headed, meter)?,
    ))
}

/// Pairs of a coalition of `one` and one of `other` whose weights add up into `windows[k]`
/// (from, to; empty where from > to), `k` their number of members together; when not
/// `sized`, `windows[0]` holds for every size.
fn pairs_within(
    one: &Subsets,
    other: &Other,
    windows: &[(i128, i128)],
    sized: bool,
    meter: &mut Meter,
) -> Result<u64, Stop> {
    // No pair weighs less than nothing or more than the two heaviest entries: windows
    // beyond are empty (those of a quota no coalition reaches, say).
    let heaviest = |list: &Subsets| i128::from(list.weights.last().copied().unwrap_or(0));
    let most = heaviest(one) + heaviest(other.list);
    let open = |&(from, to): &(i128, i128)| from <= to && to >= 0 && from <= most;
    // A cursor per distinct limit: each window is the entries within its upper limit less
    // those within its lower limit less one.
    let mut limits: Vec<i128> = windows
        .iter()
        .filter(|w| open(w))
        .flat_map(|&(from, to)| [to, from - 1])
        .collect();
    limits.sort_unstable();
    limits.dedup();
    if limits.is_empty() {
        return Ok(0);
    }
    let slot = |limit: i128| limits.partition_point(|l| *l < limit);
    // Per size `a` of the first coalition: the runs of the other's sizes `b` whose windows
    // (for `a + b` members) have the same two cursors, so that a run is two sums of counts.
    let ends = |k: usize| {
        windows
            .get(k)
            .filter(|w| open(w))
            .map(|&(from, to)| (slot(to), slot(from - 1)))
    };
    let runs: Vec<Vec<(Range<usize>, usize, usize)>> = (0..=one.players)
        .map(|a| {
            let mut out: Vec<(Range<usize>, usize, usize)> = Vec::new();
            for b in 0..=other.h {
                let Some((hi, lo)) = ends(a + b) else {
                    continue;
                };
                match out.last_mut() {
                    Some((run, h, l)) if run.end == b && (*h, *l) == (hi, lo) => run.end += 1,
                    _ => out.push((b..b + 1, hi, lo)),
                }
            }
            out
        })
        .collect();
    // Clamped into `i64`, a limit keeps its meaning: every weight lies between, and so does
    // every weight less a limit, saturated.
    let limits: Vec<i64> = limits
        .iter()
        .map(|l| (*l).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
        .collect();
    let mut cursors = vec![Cursor::new(other, sized); limits.len()];
    // A limit below nothing holds no entry beside any coalition, and one at or above both
    // lists' heaviest holds every entry: those cursors stand still (the first walked down
    // once); only the others move.
    let mut moving: Vec<(usize, i64)> = Vec::new();
    for (c, (cursor, &limit)) in cursors.iter_mut().zip(&limits).enumerate() {
        if limit < 0 {
            cursor.down_to(other.list, -1);
        } else if i128::from(limit) - heaviest(one) < heaviest(other.list) {
            moving.push((c, limit));
        }
    }
    let whole = ends(0);
    let mut total: u64 = 0;
    let per_entry = (moving.len() + other.h + 1) as u64;
    for (i, (&x, &a)) in one.weights.iter().zip(&one.sizes).enumerate() {
        if i % TICK == 0 {
            meter.tick(TICK as u64 * per_entry)?;
        }
        // A shape's weights are below 2^62.
        let x = x as i64;
        for &(c, limit) in &moving {
            if let Some(cursor) = cursors.get_mut(c) {
                cursor.down_to(other.list, limit.saturating_sub(x));
            }
        }
        let within = |c: usize| cursors.get(c).ok_or(Bug(QUOTA));
        if !sized {
            if let Some((hi, lo)) = whole {
                total += within(hi)?.at as u64 - within(lo)?.at as u64;
            }
            continue;
        }
        for (run, hi, lo) in runs.get(usize::from(a)).ok_or(Bug(SIZE))? {
            let sum = |c: usize| -> Result<u64, Bug> {
                let counts = within(c)?.by_size.get(run.clone()).ok_or(Bug(SIZE))?;
                Ok(counts.iter().map(|&n| u64::from(n)).sum())
            };
            total += sum(*hi)? - sum(*lo)?;
        }
    }
    Ok(total)
}
