//! Dynamic programming over weight sums: the generating function of the coalitions by weight
//! (Brams & Affuso 1976), built one player at a time as in Uno 2012 and Kurz 2016, and by
//! coalition size where the rule counts heads or Shapley–Shubik's index is wanted (Mann &
//! Shapley 1962).
//!
//! The table holds, for the players added so far, how many coalitions of each size weigh at
//! most `x`, for `x` up to a `reach`: cumulative counts, so that any range of weights is two
//! reads. A count beyond the reach is read through the complements (a coalition weighs more
//! than `x` exactly when the rest weigh less than `W - x`), so the table only needs the
//! smaller side of each quota: `min(q, W - q)` (for the IMF's 85% rule, the 15% side). A
//! player's own counts, the coalitions of the others, are the table divided by the player's
//! factor `(1 + y·z^w)`: an alternating sum of `x / w` reads, exact in wrapping arithmetic
//! ([`super::wide::Ring`]) because the result fits. Minimal winning and blocking coalitions
//! are counted on the way, from the table of the heavier players before each one is added.
//!
//! The same questions are first put to a probe that only records how far into the table
//! they reach: the plan ([`plan`]) knows the table's size and the work before anything is
//! allocated.

use super::budget::{at, Bug, Meter, Stop};
use super::shape::{Raw, Shape};
use super::wide::{combine, passes, with_ring, Prime, Ring};
use num_bigint::BigUint;

/// What a run computes and what it costs.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Counted by coalition size: for Shapley–Shubik's index, or because the rule counts
    /// heads.
    pub sized: bool,
    pub minimal: bool,
    /// The largest weight the table keeps.
    pub reach: u64,
    /// The largest coalition size the table keeps (0 when not by size).
    pub rows: usize,
    /// Passes over the table: one per modulus when counting in residues.
    pub passes: usize,
    /// Table entries updated while players are added.
    pub cells: f64,
    /// Table entries read while the counts are taken out.
    pub reads: f64,
    pub bytes: f64,
    /// Bytes of one count.
    pub width: usize,
}

/// How the counts of `m` players are held: in `u64`, exactly, below 64 players; in `u64`
/// residues modulo 2^64 and primes just below it, one pass per modulus, up to several
/// hundred (a table of 8-byte counts is several times faster to sweep than one of 32-byte
/// counts, which no longer fits in the cache); in wide integers beyond. The width in bytes
/// and the number of passes.
pub fn arithmetic(m: usize) -> (usize, usize) {
    if m < 64 {
        return (8, 1);
    }
    match passes(m) {
        Some(k) => (8, k),
        None => (with_ring!(m, R => std::mem::size_of::<R>()), 1),
    }
}

/// Reads of a cumulative table: coalitions with `k` members (any number when not counted by
/// size) weighing at most `x`.
trait Cum<R: Ring> {
    /// Of the players of ranks `0..j`, which are those in the table.
    fn prefix(&mut self, j: usize, k: usize, x: i128) -> Result<R, Stop>;
    /// Of every player but the one of rank `i`.
    fn without(&mut self, i: usize, k: usize, x: i128) -> Result<R, Stop>;
}

/// The bugs of a read outside the tables.
const PREFIX: &str = "a rank beyond the prefix weights";
const BEYOND: &str = "a weight beyond the table's reach";

/// Beyond every weight.
const ALL: i128 = i128::MAX / 4;

/// The coalitions of the others (by size, or one entry when not by size) that the player of
/// rank `i` swings: they weigh less than `theta[k]` without it and reach `theta[k + 1]` with
/// it.
fn swings<R: Ring>(s: &Shape, sized: bool, i: usize, c: &mut impl Cum<R>) -> Result<Vec<R>, Stop> {
    let sizes = if sized { s.m() } else { 1 };
    let w = s.weight(i)?;
    let mut out = vec![R::ZERO; sizes];
    for (k, slot) in out.iter_mut().enumerate() {
        let hi = s.theta(k) - 1;
        let lo = s.theta(k + 1) - w;
        if lo <= hi {
            *slot = c.without(i, k, hi)?.minus(c.without(i, k, lo - 1)?);
        }
    }
    Ok(out)
}

/// Winning coalitions: of each size, those that reach `theta`.
fn winning<R: Ring>(s: &Shape, sized: bool, c: &mut impl Cum<R>) -> Result<R, Stop> {
    let m = s.m();
    let sizes = if sized { m + 1 } else { 1 };
    let mut total = R::ZERO;
    for k in 0..sizes {
        total = total
            .plus(c.prefix(m, k, ALL)?)
            .minus(c.prefix(m, k, s.theta(k) - 1)?);
    }
    Ok(total)
}

/// The minimal winning coalitions whose last member by rank is `j`, and the maximal losing
/// coalitions (the complements of the minimal blocking ones) whose last non-member is `j`.
///
/// Ranks order the players by weight, so a winning coalition is minimal exactly when it
/// loses without its last member (dropping anyone heavier leaves less), and a losing one is
/// maximal exactly when it wins with its last outsider (everyone after whom it holds). Both
/// are counted over `T`, the coalition's part among the ranks before `j`: the table then
/// holds exactly those players.
fn minimal_at<R: Ring>(
    s: &Shape,
    sized: bool,
    j: usize,
    before: i128,
    c: &mut impl Cum<R>,
) -> Result<(R, R), Stop> {
    let m = s.m();
    let w = s.weight(j)?;
    let after = i128::from(s.total) - before - w;
    let later = m - j - 1;
    let sizes = if sized { j + 1 } else { 1 };
    let (mut winning, mut blocking) = (R::ZERO, R::ZERO);
    for k in 0..sizes {
        // T + j wins, T loses.
        let (lo, hi) = (s.theta(k + 1) - w, s.theta(k) - 1);
        if lo <= hi {
            winning = winning
                .plus(c.prefix(j, k, hi)?)
                .minus(c.prefix(j, k, lo - 1)?);
        }
        // T + everyone after j loses, and wins with j.
        let (lo, hi) = (
            s.theta(k + later + 1) - after - w,
            s.theta(k + later) - after - 1,
        );
        if lo <= hi {
            blocking = blocking
                .plus(c.prefix(j, k, hi)?)
                .minus(c.prefix(j, k, lo - 1)?);
        }
    }
    Ok((winning, blocking))
}

/// `out[k]`: the weight of the `k` lightest players together.
fn lightest(s: &Shape) -> Vec<u64> {
    let mut out = Vec::with_capacity(s.m() + 1);
    let mut sum = 0u64;
    out.push(0);
    for w in s.weights.iter().rev() {
        sum += w;
        out.push(sum);
    }
    out
}

fn prefix_weights(s: &Shape) -> Vec<u64> {
    let mut out = Vec::with_capacity(s.m() + 1);
    let mut sum = 0u64;
    out.push(0);
    for w in &s.weights {
        sum += w;
        out.push(sum);
    }
    out
}

/// Records how far into the table the questions reach, and how many reads they take.
struct Probe<'a> {
    s: &'a Shape,
    sized: bool,
    before: &'a [u64],
    reach: i128,
    rows: usize,
    reads: f64,
}

impl Cum<u64> for Probe<'_> {
    fn prefix(&mut self, j: usize, k: usize, x: i128) -> Result<u64, Stop> {
        let held = i128::from(at(self.before, j, PREFIX)?);
        if (self.sized && k > j) || x < 0 || x >= held {
            return Ok(0);
        }
        let y = held - 1 - x;
        self.reach = self.reach.max(x.min(y));
        if self.sized {
            self.rows = self.rows.max(if x <= y { k } else { j - k });
        }
        self.reads += 1.0;
        Ok(0)
    }

    fn without(&mut self, i: usize, k: usize, x: i128) -> Result<u64, Stop> {
        let m = self.s.m();
        let w = self.s.weight(i)?;
        let rest = i128::from(self.s.total) - w;
        if (self.sized && k + 1 > m) || x < 0 || x >= rest {
            return Ok(0);
        }
        let y = x.min(rest - 1 - x);
        self.reach = self.reach.max(y);
        let k = if x == y { k } else { m - 1 - k };
        if self.sized {
            self.rows = self.rows.max(k);
        }
        let by_size = if self.sized {
            k as f64 + 1.0
        } else {
            f64::INFINITY
        };
        // In 64 bits: both lie within a shape's bound (2^62), and 128-bit division and
        // conversion made most of the planning time of thousands of members.
        let by_weight = match (u64::try_from(y), u64::try_from(w)) {
            (Ok(y), Ok(w)) if w > 0 => (y / w) as f64 + 1.0,
            _ => f64::INFINITY,
        };
        self.reads += by_size.min(by_weight).min(1e18);
        Ok(0)
    }
}

/// The plans for counting the game, without and with the minimal coalitions: the table's
/// reach and the work, found by putting every question of the count to a [`Probe`] once
/// for both (by size the questions number members squared: four thousand members took
/// seconds to plan when each plan put them again).
pub fn plans(s: &Shape, shapley: bool) -> [Plan; 2] {
    let m = s.m();
    let sized = s.headed || shapley;
    let before = prefix_weights(s);
    let mut probe = Probe {
        s,
        sized,
        before: &before,
        reach: 0,
        rows: 0,
        reads: 0.0,
    };
    // The probe never stops: these results are all Ok.
    let _ = winning::<u64>(s, sized, &mut probe);
    for i in 0..m {
        if i == 0 || s.weights.get(i) != s.weights.get(i - 1) {
            let _ = swings::<u64>(s, sized, i, &mut probe);
        }
    }
    let without = finish(s, sized, false, &probe);
    for (j, &held) in before.iter().take(m).enumerate() {
        let _ = minimal_at::<u64>(s, sized, j, i128::from(held), &mut probe);
    }
    [without, finish(s, sized, true, &probe)]
}

/// The plan from what the probe found.
fn finish(s: &Shape, sized: bool, minimal: bool, probe: &Probe) -> Plan {
    let m = s.m();
    let reach = u64::try_from(probe.reach).unwrap_or(0).min(s.total);
    // A row of coalitions heavier than the reach even at their lightest is all zeros.
    let mut light_sum = 0u64;
    let mut nonzero = 0usize;
    for w in s.weights.iter().rev() {
        light_sum += w;
        if light_sum > reach {
            break;
        }
        nonzero += 1;
    }
    let rows = if sized { probe.rows.min(nonzero) } else { 0 };
    let cols = reach as f64 + 1.0;
    let light = lightest(s);
    let cells: f64 = s
        .weights
        .iter()
        .enumerate()
        .map(|(j, &w)| {
            if sized {
                // Rows 1..=min(j + 1, m, rows), each from the weight of the lightest below.
                light
                    .iter()
                    .take((j + 1).min(m).min(rows))
                    .map(|&skip| (cols - w as f64 - skip as f64).max(0.0))
                    .sum::<f64>()
            } else {
                (cols - w as f64).max(0.0)
            }
        })
        .sum();
    let (width, passes) = arithmetic(m);
    Plan {
        sized,
        minimal,
        reach,
        rows,
        passes,
        cells,
        reads: probe.reads,
        bytes: (rows as f64 + 1.0) * cols * width as f64,
        width,
    }
}

/// The cumulative table of the players of ranks `0..j`.
struct Table<'a, R> {
    s: &'a Shape,
    sized: bool,
    /// Rows kept: sizes `0..rows` (the others are never read, or all zeros).
    rows: usize,
    /// `lightest[k]`: the weight of the `k` lightest players together, below which row `k`
    /// holds only zeros.
    lightest: Vec<u64>,
    cols: usize,
    cells: Vec<R>,
    j: usize,
    before: Vec<u64>,
    /// Coalitions of the table's players by size, `C(j, k)` (or `[2^j]`): the count at every
    /// weight from the table's whole weight up.
    totals: Vec<R>,
    /// The same for all players but one, `C(m - 1, k)` (or `[2^(m-1)]`).
    others: Vec<R>,
    meter: &'a mut Meter,
}

impl<R: Ring> Table<'_, R> {
    fn reach(&self) -> i128 {
        self.cols as i128 - 1
    }

    /// Coalitions of the table's players with `k` members weighing at most `x`, for `x`
    /// within reach. Rows beyond those kept are never read or all zeros; no coalition weighs
    /// less than nothing.
    #[inline]
    fn cell(&self, k: usize, x: i128) -> Result<R, Bug> {
        let row = if self.sized { k } else { 0 };
        if row >= self.rows || x < 0 {
            return Ok(R::ZERO);
        }
        debug_assert!(x <= self.reach(), "weight {x} beyond the table's reach");
        let x = usize::try_from(x).map_err(|_| Bug(BEYOND))?;
        at(&self.cells, row * self.cols + x, BEYOND)
    }

    fn total(list: &[R], sized: bool, k: usize) -> Result<R, Bug> {
        at(
            list,
            if sized { k } else { 0 },
            "a size beyond the coalitions counted",
        )
    }

    /// The table divided by the factor `1 + y·z^w` of one player: coalitions of the others
    /// with `k` members weighing at most `x`, for `x` within reach.
    fn divided(&mut self, w: i128, k: usize, x: i128) -> Result<R, Stop> {
        debug_assert!(x <= self.reach(), "weight {x} beyond the table's reach");
        let mut acc = R::ZERO;
        let mut t: usize = 0;
        // The hot loop of the reads: a cell beyond the table is noted and reported once
        // after it, rather than leaving the loop at every read.
        let mut beyond = false;
        loop {
            let at = x - t as i128 * w;
            if at < 0 || (self.sized && t > k) {
                break;
            }
            let row = if self.sized { k.saturating_sub(t) } else { 0 };
            let v = if row >= self.rows {
                R::ZERO
            } else {
                match self.cells.get(row * self.cols + at as usize) {
                    Some(&v) => v,
                    None => {
                        beyond = true;
                        R::ZERO
                    }
                }
            };
            acc = if t.is_multiple_of(2) {
                acc.plus(v)
            } else {
                acc.minus(v)
            };
            t += 1;
            if w == 0 && !self.sized {
                break;
            }
        }
        if beyond {
            return Err(Bug(BEYOND).into());
        }
        self.meter.tick(t as u64)?;
        Ok(acc)
    }

    /// Adds the player of rank `j` (the table holds ranks `0..j`).
    // The slices are cut at row and column bounds computed from the table's own size.
    #[allow(clippy::indexing_slicing)]
    fn add(&mut self) -> Result<(), Stop> {
        let j = self.j;
        let m = self.s.m();
        let w = at(&self.s.weights, j, "a rank beyond the players")? as usize;
        let cols = self.cols;
        if w < cols {
            if self.sized {
                // Row k gains row k - 1 shifted by w; rows above j + 1 are still empty, and
                // row k - 1 is zero below the weight of the k - 1 lightest players.
                for k in (1..=(j + 1).min(m).min(self.rows - 1)).rev() {
                    let skip = usize::try_from(self.lightest[k - 1])
                        .unwrap_or(usize::MAX)
                        .min(cols - w);
                    let (lower, upper) = self.cells.split_at_mut(k * cols);
                    let src = &lower[(k - 1) * cols + skip..k * cols - w];
                    let dst = &mut upper[w + skip..cols];
                    for (d, s) in dst.iter_mut().zip(src) {
                        *d = d.plus(*s);
                    }
                    self.meter.tick((cols - w - skip) as u64)?;
                }
            } else if w == 0 {
                for d in self.cells.iter_mut() {
                    *d = d.plus(*d);
                }
            } else {
                // In place, from the top down, one block of w at a time: a block's source
                // lies below it and has not been updated yet.
                let mut top = cols;
                while top > w {
                    let start = (top - w).max(w);
                    let len = top - start;
                    let (lower, upper) = self.cells.split_at_mut(start);
                    let src = &lower[start - w..start - w + len];
                    for (d, s) in upper[..len].iter_mut().zip(src) {
                        *d = d.plus(*s);
                    }
                    top = start;
                }
                self.meter.tick((cols - w) as u64)?;
            }
        }
        if self.sized {
            for k in (1..=(j + 1).min(m)).rev() {
                let prev = self.totals[k - 1];
                self.totals[k] = self.totals[k].plus(prev);
            }
        } else {
            self.totals[0] = self.totals[0].plus(self.totals[0]);
        }
        self.j += 1;
        Ok(())
    }
}

impl<R: Ring> Cum<R> for Table<'_, R> {
    fn prefix(&mut self, j: usize, k: usize, x: i128) -> Result<R, Stop> {
        debug_assert_eq!(j, self.j, "the table holds the first {} ranks", self.j);
        let held = i128::from(at(&self.before, j, PREFIX)?);
        if (self.sized && k > j) || x < 0 {
            return Ok(R::ZERO);
        }
        let total = Self::total(&self.totals, self.sized, k)?;
        if x >= held {
            return Ok(total);
        }
        if x <= self.reach() {
            return Ok(self.cell(k, x)?);
        }
        // Those heavier than x are the complements of those lighter than held - x.
        let y = held - 1 - x;
        if y <= self.reach() {
            let k = if self.sized { j - k } else { 0 };
            return Ok(total.minus(self.cell(k, y)?));
        }
        debug_assert!(false, "the plan's reach misses weight {x} of {held}");
        Err(Stop::Bug(Bug(
            "the plan's reach misses a weight the count reads",
        )))
    }

    fn without(&mut self, i: usize, k: usize, x: i128) -> Result<R, Stop> {
        let m = self.s.m();
        let w = self.s.weight(i)?;
        let rest = i128::from(self.s.total) - w;
        if (self.sized && k + 1 > m) || x < 0 {
            return Ok(R::ZERO);
        }
        let total = Self::total(&self.others, self.sized, k)?;
        if x >= rest {
            return Ok(total);
        }
        if x <= self.reach() {
            return self.divided(w, k, x);
        }
        let y = rest - 1 - x;
        if y <= self.reach() {
            let k = if self.sized { m - 1 - k } else { 0 };
            return Ok(total.minus(self.divided(w, k, y)?));
        }
        debug_assert!(false, "the plan's reach misses weight {x} of {rest}");
        Err(Stop::Bug(Bug(
            "the plan's reach misses a weight the count reads",
        )))
    }
}

/// Counts the game by the plan, exactly: see [`arithmetic`].
pub fn count(s: &Shape, plan: &Plan, meter: &mut Meter) -> Result<Raw, Stop> {
    let m = s.m();
    if m < 64 {
        return count_in::<u64>(s, plan, meter);
    }
    let Some(k) = passes(m) else {
        return with_ring!(m, R => count_in::<R>(s, plan, meter));
    };
    let mut residues = vec![count_in::<u64>(s, plan, meter)?];
    for i in 1..k {
        residues.push(match i {
            1 => count_in::<Prime<0>>(s, plan, meter)?,
            2 => count_in::<Prime<1>>(s, plan, meter)?,
            3 => count_in::<Prime<2>>(s, plan, meter)?,
            4 => count_in::<Prime<3>>(s, plan, meter)?,
            5 => count_in::<Prime<4>>(s, plan, meter)?,
            6 => count_in::<Prime<5>>(s, plan, meter)?,
            7 => count_in::<Prime<6>>(s, plan, meter)?,
            _ => count_in::<Prime<7>>(s, plan, meter)?,
        });
    }
    Ok(recombine(&residues)?)
}

/// The counts whose residues the passes found. Every pass counts the same things, so a count
/// one pass lacks is a bug, not a residue of zero.
fn recombine(passes: &[Raw]) -> Result<Raw, Bug> {
    let one = |pick: &dyn Fn(&Raw) -> Option<&BigUint>| -> Result<BigUint, Bug> {
        let residues = passes
            .iter()
            .map(|raw| {
                let residue = pick(raw).ok_or(Bug("a pass without a count the others have"))?;
                debug_assert!(residue.bits() <= 64, "a residue beyond 64 bits");
                // Zero has no digits.
                Ok(residue.to_u64_digits().first().copied().unwrap_or(0))
            })
            .collect::<Result<Vec<u64>, Bug>>()?;
        Ok(combine(&residues))
    };
    let Some(first) = passes.first() else {
        return Ok(Raw::default());
    };
    let mut by_size = None;
    if let Some(rows) = &first.by_size {
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            out.push(
                (0..row.len())
                    .map(|k| one(&|r| r.by_size.as_ref().and_then(|b| b.get(i)?.get(k))))
                    .collect::<Result<Vec<BigUint>, Bug>>()?,
            );
        }
        by_size = Some(out);
    }
    Ok(Raw {
        winning: one(&|r| Some(&r.winning))?,
        swings: (0..first.swings.len())
            .map(|i| one(&|r| r.swings.get(i)))
            .collect::<Result<_, Bug>>()?,
        by_size,
        minimal_winning: match first.minimal_winning {
            Some(_) => Some(one(&|r| r.minimal_winning.as_ref())?),
            None => None,
        },
        minimal_blocking: match first.minimal_blocking {
            Some(_) => Some(one(&|r| r.minimal_blocking.as_ref())?),
            None => None,
        },
    })
}

fn count_in<R: Ring>(s: &Shape, plan: &Plan, meter: &mut Meter) -> Result<Raw, Stop> {
    meter.hold(plan.bytes)?;
    let m = s.m();
    let sized = plan.sized;
    let rows = if sized { plan.rows + 1 } else { 1 };
    let cols = usize::try_from(plan.reach)
        .ok()
        .and_then(|r| r.checked_add(1))
        .ok_or(Stop::Memory)?;
    let size = rows.checked_mul(cols).ok_or(Stop::Memory)?;
    let mut cells: Vec<R> = Vec::new();
    cells.try_reserve_exact(size).map_err(|_| Stop::Memory)?;
    // Only the empty coalition so far: it weighs 0, at most every x.
    cells.resize(cols, R::ONE);
    cells.resize(size, R::ZERO);
    let mut totals = vec![R::ZERO; if sized { m + 1 } else { 1 }];
    if let Some(t) = totals.first_mut() {
        *t = R::ONE;
    }
    let before = prefix_weights(s);
    let mut table = Table {
        s,
        sized,
        rows,
        lightest: lightest(s),
        cols,
        cells,
        j: 0,
        before,
        totals,
        others: Vec::new(),
        meter,
    };
    let (mut minimal_winning, mut minimal_blocking) = (R::ZERO, R::ZERO);
    for j in 0..m {
        if plan.minimal {
            let held = i128::from(at(&table.before, j, PREFIX)?);
            let (w, b) = minimal_at(s, sized, j, held, &mut table)?;
            minimal_winning = minimal_winning.plus(w);
            minimal_blocking = minimal_blocking.plus(b);
        }
        if j + 1 == m {
            table.others = table.totals.clone();
        }
        table.add()?;
    }
    let won = winning(s, sized, &mut table)?;
    let mut by_rank: Vec<Vec<R>> = Vec::with_capacity(m);
    for i in 0..m {
        let same = i > 0 && s.weights.get(i) == s.weights.get(i - 1);
        let counts = match (same, by_rank.last()) {
            (true, Some(previous)) => previous.clone(),
            _ => swings(s, sized, i, &mut table)?,
        };
        by_rank.push(counts);
    }
    let (empty_wins, empty_blocks) = s.empty_minimal();
    if empty_wins {
        minimal_winning = minimal_winning.plus(R::ONE);
    }
    if empty_blocks {
        minimal_blocking = minimal_blocking.plus(R::ONE);
    }
    Ok(Raw {
        winning: won.big(),
        swings: by_rank
            .iter()
            .map(|v| v.iter().fold(R::ZERO, |a, c| a.plus(*c)).big())
            .collect(),
        by_size: sized.then(|| {
            by_rank
                .iter()
                .map(|v| v.iter().map(|c| c.big()).collect())
                .collect()
        }),
        minimal_winning: plan.minimal.then(|| minimal_winning.big()),
        minimal_blocking: plan.minimal.then(|| minimal_blocking.big()),
    })
}
