//! Sums of a row of counts over the coalitions of a half of the players that hold each
//! player, for meeting in the middle ([`super::halves`], [`super::two_measures`]).
//!
//! A sweep visits every coalition `S` of a half once and finds a row `V(S)` (counts by the
//! size of the whole coalition); each player `i` of the half needs `U_i`, the sum of `V(S)`
//! over the coalitions that hold it, and the sum over all. Adding each row to a table per
//! player would cost a row per player per coalition; instead the half's players are cut into
//! parts of a few, and each row is added once per part, at the pattern of its members in the
//! part. A player's sum is then the sum of its part's rows whose pattern holds it.
//!
//! Counts are added in wrapping 64-bit arithmetic: the sums each method reads back are
//! counts of coalitions, below 2^64, so signed terms (inclusion and exclusion over the
//! corners of two measures) come out exact whatever they pass through.

use super::budget::{Bug, Stop};

/// The most bytes of the tables together: every coalition adds a row to each, at a place no
/// one predicts, so they should stay in the core's cache (1 MiB here, shared with the lists
/// streaming through). Smaller parts mean more tables and more rows added.
pub const TABLE_BYTES: usize = 256 << 10;

/// The bug of a coalition's members beyond the tables.
const PART: &str = "members beyond the tables of sums";

/// How a half's `players` are cut into parts: the fewest parts whose tables (rows of
/// `stride` counts) fit in `table_bytes`, as `(first player, players)`.
pub fn parts(players: usize, stride: usize, table_bytes: usize) -> Vec<(usize, usize)> {
    let mut count = 1;
    loop {
        let bits = players.div_ceil(count);
        let bytes = count.saturating_mul(stride * 8).saturating_mul(1 << bits);
        if bytes <= table_bytes || bits <= 1 {
            break;
        }
        count += 1;
    }
    let mut out = Vec::with_capacity(count);
    let mut first = 0;
    for c in 0..count {
        // The first parts take the larger share when the players do not divide evenly.
        let bits = (players - first).div_ceil(count - c);
        out.push((first, bits));
        first += bits;
    }
    out
}

/// What each coalition's row counts: the coalitions of the other half beside which it
/// loses (meeting in the middle in one measure), or wins (in two).
#[derive(Debug, Clone, Copy)]
pub enum Beside {
    Losing,
    Winning,
}

/// The coalitions of `players`, 2^players: what no count read back may exceed.
pub fn coalitions(players: usize) -> Result<u64, Bug> {
    u32::try_from(players)
        .ok()
        .and_then(|m| 1u64.checked_shl(m))
        .ok_or(Bug("more players than meeting in the middle takes"))
}

/// Keeps the winning coalitions of the whole that a half's sweep counts: every coalition is
/// counted once by either half's, so the second must count what the first did.
pub fn agree(won: &mut Option<u64>, wins: u64) -> Result<(), Bug> {
    if won.is_some_and(|w| w != wins) {
        return Err(Bug("the halves' sweeps count different winning coalitions"));
    }
    *won = Some(wins);
    Ok(())
}

/// The tables of a half's sums: for each part (a few consecutive players of the half), a
/// row per pattern of the part's players, `stride` counts a row.
pub struct PartSums {
    stride: usize,
    /// Each part's first player, its number of players and its table.
    parts: Vec<(usize, usize, Vec<u64>)>,
}

impl PartSums {
    pub fn new(players: usize, stride: usize, table_bytes: usize) -> Result<PartSums, Stop> {
        let mut tables = Vec::new();
        for (first, bits) in parts(players, stride, table_bytes) {
            let len = u32::try_from(bits)
                .ok()
                .and_then(|b| stride.checked_shl(b))
                .ok_or(Stop::Memory)?;
            let mut table = Vec::new();
            table.try_reserve_exact(len).map_err(|_| Stop::Memory)?;
            table.resize(len, 0u64);
            tables.push((first, bits, table));
        }
        Ok(PartSums {
            stride,
            parts: tables,
        })
    }

    /// Adds `row` at `start` of the rows of the coalition whose members are `members`.
    #[inline]
    pub fn add(&mut self, members: u32, start: usize, row: &[u32]) -> Result<(), Bug> {
        for (first, bits, table) in &mut self.parts {
            let pattern = (members >> *first) & ((1u32 << *bits) - 1);
            let from = usize::try_from(pattern).map_err(|_| Bug(PART))? * self.stride + start;
            let target = table.get_mut(from..from + row.len()).ok_or(Bug(PART))?;
            for (slot, &c) in target.iter_mut().zip(row) {
                *slot += u64::from(c);
            }
        }
        Ok(())
    }

    /// Adds `value` (wrapping) at `k` of the rows of the coalition whose members are
    /// `members`.
    pub fn add_one(&mut self, members: u32, k: usize, value: u64) -> Result<(), Bug> {
        for (first, bits, table) in &mut self.parts {
            let pattern = (members >> *first) & ((1u32 << *bits) - 1);
            let at = usize::try_from(pattern).map_err(|_| Bug(PART))? * self.stride + k;
            let slot = table.get_mut(at).ok_or(Bug(PART))?;
            *slot = slot.wrapping_add(value);
        }
        Ok(())
    }

    /// The sums over every coalition of the half.
    pub fn all(&self) -> Vec<u64> {
        let mut sum = vec![0u64; self.stride];
        if let Some((_, _, table)) = self.parts.first() {
            for r in table.chunks_exact(self.stride) {
                for (s, c) in sum.iter_mut().zip(r) {
                    *s = s.wrapping_add(*c);
                }
            }
        }
        sum
    }

    /// The winning coalitions of the whole (of `everyone`), from the sums over all.
    pub fn winning(&self, beside: Beside, everyone: u64) -> Result<u64, Bug> {
        let sum = self.all().iter().fold(0u64, |t, c| t.wrapping_add(*c));
        let wins = match beside {
            Beside::Losing => everyone.wrapping_sub(sum),
            Beside::Winning => sum,
        };
        if wins > everyone {
            return Err(Bug("more winning coalitions than coalitions"));
        }
        Ok(wins)
    }

    /// The swings of the half's `p`-th player by the number `k` of the others (one count
    /// when not by size), from the sums over all (`all`, from [`PartSums::all`]) and over
    /// the coalitions that hold it (`U`): the losing coalitions of `k` others that lose with
    /// it too taken from those that lose, `all[k] - U[k] - U[k + 1]`, or the winning ones
    /// with it less those that win without it, `U[k + 1] - (all[k] - U[k])`. Monotone rules
    /// make each a count (a coalition that loses with the player loses without it), so one
    /// beyond `everyone` is a negative difference: a bug.
    pub fn swings(
        &self,
        p: usize,
        all: &[u64],
        beside: Beside,
        everyone: u64,
    ) -> Result<Vec<u64>, Bug> {
        let held = self.holding(p)?;
        let sized = self.stride > 1;
        let sizes = if sized { self.stride - 1 } else { 1 };
        (0..sizes)
            .map(|k| {
                let next = if sized { k + 1 } else { k };
                let (Some(now), Some(then), Some(every)) =
                    (held.get(k), held.get(next), all.get(k))
                else {
                    return Err(Bug("a size beyond the tables of sums"));
                };
                let v = match beside {
                    Beside::Losing => every.wrapping_sub(*now).wrapping_sub(*then),
                    Beside::Winning => now.wrapping_add(*then).wrapping_sub(*every),
                };
                if v > everyone {
                    return Err(Bug("a negative count"));
                }
                Ok(v)
            })
            .collect()
    }

    /// The sums over the coalitions that hold the half's `p`-th player.
    pub fn holding(&self, p: usize) -> Result<Vec<u64>, Bug> {
        let mut sum = vec![0u64; self.stride];
        let (first, _, table) = self
            .parts
            .iter()
            .find(|(first, bits, _)| (*first..first + bits).contains(&p))
            .ok_or(Bug("a player beyond the half's parts"))?;
        let bit = p - first;
        for (pattern, r) in table.chunks_exact(self.stride).enumerate() {
            if pattern >> bit & 1 == 1 {
                for (s, c) in sum.iter_mut().zip(r) {
                    *s = s.wrapping_add(*c);
                }
            }
        }
        Ok(sum)
    }
}
