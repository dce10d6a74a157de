//! Exact power and blocking analysis of every body's decision rules.
//!
//! A rule becomes a simple game ([`game`]); one place (`plan`) estimates what each method
//! would cost on it and chooses: counting by player types (`types`), the binary decision
//! diagram ([`bdd`], counted by `diagram`), dynamic programming over weight sums
//! (`sums`) or meet in the middle (`halves`). Every count is exact, in integers wide
//! enough for 2^n (machine integers while they suffice, wider ones beyond): swings for
//! Banzhaf, swings by coalition size for Shapley–Shubik, winning coalitions for Coleman's
//! power to act, minimal winning and blocking coalitions. Every analysis runs within a
//! [`Budget`]; what it cannot finish is reported as not computed, never guessed. The
//! evaluation core ([`crate::decision`]) stays the definition of "this coalition wins"; the
//! tests hold every method against it by brute force, and the methods against each other.

pub mod bdd;
mod budget;
mod diagram;
mod facts;
pub mod game;
mod halves;
mod part_sums;
mod plan;
mod report;
mod shape;
mod sums;
mod two_measures;
mod types;
mod wide;

pub use budget::Budget;
pub use plan::{Method, Part};
pub use report::{
    analyze, analyze_within, BodyReport, DecisionReport, Fraction, NotComputed, PartyPower, Report,
};

use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Exact counts over all 2^n coalitions of a game, as far as they were computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub n: usize,
    /// Coalitions that win.
    pub winning: BigUint,
    /// `swings[i]`: coalitions of the others that lose without `i` and win with it.
    pub swings: Vec<BigUint>,
    /// `swings_by_size[i][s]`: the same, for coalitions of the others of size `s`; `None`
    /// when not counted by size.
    pub swings_by_size: Option<Vec<Vec<BigUint>>>,
    /// Fewest members whose "no" defeats the rule when all others vote yes, and who they
    /// are (player indices), `Some(None)` if nothing defeats it; `None` if the method does
    /// not find it.
    pub smallest_blocking: Option<Option<Vec<usize>>>,
    /// Winning coalitions from which no member can be dropped, if counted.
    pub minimal_winning: Option<BigUint>,
    /// Sets of members whose "no" defeats the rule and no smaller part of which does.
    pub minimal_blocking: Option<BigUint>,
    /// `alike[i]`: the first player known to be interchangeable with `i` (`i` itself if
    /// none is), whose indices are then `i`'s too.
    pub alike: Vec<usize>,
}

/// The arithmetic the diagram's counts need: the narrowest machine integer that holds 2^n,
/// fixed-width integers beyond, big integers beyond those.
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

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_invariants;
