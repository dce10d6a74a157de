//! Fixed-width unsigned integers for exact counts without allocation: `Fixed<L>` holds `64·L`
//! bits, so every count of a game of fewer players than that (at most 2^n) fits; the UN
//! General Assembly's 193 members overflow `u128`. Arithmetic wraps, that is, it is exact
//! modulo 2^(64·L): a sum of counts with signs (as in removing a player from a generating
//! function) comes out exact whenever the true result fits, whatever its partial sums do.
//!
//! Kept rather than a crate because it is faster here: counting a decision diagram's
//! coalitions by size with 130 to 200 players took 43, 93 and 167 ms with this `U256`,
//! 52, 119 and 264 ms with `bnum` 0.14's, and 58, 159 and 633 ms with `BigUint`
//! (medians of 7, 2026-11-30, on an otherwise idle 2-core machine).

use num_bigint::BigUint;
use num_traits::{One, Zero};
use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Mul, Sub};

/// Little-endian 64-bit limbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed<const L: usize>(pub [u64; L]);

/// 256 bits: games up to 255 players.
pub type U256 = Fixed<4>;

impl<const L: usize> Default for Fixed<L> {
    fn default() -> Self {
        Fixed([0; L])
    }
}

impl<const L: usize> Fixed<L> {
    #[inline]
    fn add_wrapping(self, other: &Self) -> Self {
        let mut out = [0u64; L];
        let mut carry = false;
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            let (s1, c1) = a.overflowing_add(*b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *o = s2;
            carry = c1 || c2;
        }
        Fixed(out)
    }

    #[inline]
    fn sub_wrapping(self, other: &Self) -> Self {
        let mut out = [0u64; L];
        let mut borrow = false;
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            let (d1, b1) = a.overflowing_sub(*b);
            let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
            *o = d2;
            borrow = b1 || b2;
        }
        Fixed(out)
    }

    fn mul_wrapping(self, other: &Self) -> Self {
        let mut out = [0u64; L];
        for (i, &a) in self.0.iter().enumerate() {
            if a == 0 {
                continue;
            }
            let mut carry: u128 = 0;
            for (j, &b) in other.0.iter().enumerate() {
                let Some(slot) = out.get_mut(i + j) else {
                    break;
                };
                let t = u128::from(a) * u128::from(b) + u128::from(*slot) + carry;
                *slot = t as u64;
                carry = t >> 64;
            }
        }
        Fixed(out)
    }

    fn big(&self) -> BigUint {
        let digits: Vec<u32> = self
            .0
            .iter()
            .flat_map(|limb| [*limb as u32, (limb >> 32) as u32])
            .collect();
        BigUint::new(digits)
    }
}

impl<const L: usize> Ord for Fixed<L> {
    fn cmp(&self, other: &Self) -> Ordering {
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            match a.cmp(b) {
                Ordering::Equal => continue,
                unequal => return unequal,
            }
        }
        Ordering::Equal
    }
}

impl<const L: usize> PartialOrd for Fixed<L> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<const L: usize> Add for Fixed<L> {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        self.add_wrapping(&other)
    }
}

impl<const L: usize> Mul for Fixed<L> {
    type Output = Self;
    fn mul(self, other: Self) -> Self {
        self.mul_wrapping(&other)
    }
}

impl<'a, const L: usize> AddAssign<&'a Fixed<L>> for Fixed<L> {
    fn add_assign(&mut self, other: &'a Self) {
        *self = self.add_wrapping(other);
    }
}

impl<'a, const L: usize> Sub<&'a Fixed<L>> for &'a Fixed<L> {
    type Output = Fixed<L>;
    fn sub(self, other: &'a Fixed<L>) -> Fixed<L> {
        self.sub_wrapping(other)
    }
}

impl<'a, const L: usize> Mul<&'a Fixed<L>> for &'a Fixed<L> {
    type Output = Fixed<L>;
    fn mul(self, other: &'a Fixed<L>) -> Fixed<L> {
        self.mul_wrapping(other)
    }
}

impl<const L: usize> Zero for Fixed<L> {
    fn zero() -> Self {
        Fixed([0; L])
    }
    fn is_zero(&self) -> bool {
        self.0.iter().all(|limb| *limb == 0)
    }
}

impl<const L: usize> One for Fixed<L> {
    fn one() -> Self {
        let mut limbs = [0; L];
        if let Some(first) = limbs.first_mut() {
            *first = 1;
        }
        Fixed(limbs)
    }
}

impl<const L: usize> super::Number for Fixed<L> {
    /// Multi-limb products are worth skipping.
    const SKIP_ZEROS: bool = true;

    fn into_big(self) -> BigUint {
        self.big()
    }
}

/// Counts that only add and subtract, modulo 2^bits (or a prime): exact for every game of
/// fewer players than the type has bits. The weight-sum and meet-in-the-middle methods count in these.
pub trait Ring: Copy + PartialEq + std::fmt::Debug {
    const ZERO: Self;
    const ONE: Self;
    fn plus(self, other: Self) -> Self;
    fn minus(self, other: Self) -> Self;
    fn big(self) -> BigUint;
}

impl Ring for u64 {
    const ZERO: Self = 0;
    const ONE: Self = 1;
    #[inline]
    fn plus(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    #[inline]
    fn minus(self, other: Self) -> Self {
        self.wrapping_sub(other)
    }
    fn big(self) -> BigUint {
        BigUint::from(self)
    }
}

impl Ring for u128 {
    const ZERO: Self = 0;
    const ONE: Self = 1;
    #[inline]
    fn plus(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    #[inline]
    fn minus(self, other: Self) -> Self {
        self.wrapping_sub(other)
    }
    fn big(self) -> BigUint {
        BigUint::from(self)
    }
}

impl<const L: usize> Ring for Fixed<L> {
    const ZERO: Self = Fixed([0; L]);
    const ONE: Self = {
        let mut limbs = [0; L];
        if L > 0 {
            limbs[0] = 1;
        }
        Fixed(limbs)
    };
    #[inline]
    fn plus(self, other: Self) -> Self {
        self.add_wrapping(&other)
    }
    #[inline]
    fn minus(self, other: Self) -> Self {
        self.sub_wrapping(&other)
    }
    fn big(self) -> BigUint {
        Fixed::big(&self)
    }
}

/// The eight largest primes below 2^64 (2^64 minus these), found by a deterministic
/// Miller–Rabin test. With 2^64 itself they make moduli of up to 576 bits.
const PRIME_GAPS: [u64; 8] = [59, 83, 95, 179, 189, 257, 279, 323];

/// How many moduli, 2^64 and then primes, count the coalitions of `n` players exactly: their
/// product (above 2^(64·passes - 1), the primes being above 2^63.99) must exceed every count,
/// at most 2^n. `None` beyond what the primes cover.
pub fn passes(n: usize) -> Option<usize> {
    let k = (n + 2).div_ceil(64).max(1);
    (k <= PRIME_GAPS.len() + 1).then_some(k)
}

/// Residues modulo the prime `2^64 - PRIME_GAPS[I]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prime<const I: usize>(u64);

impl<const I: usize> Prime<I> {
    // `I` is one of the eight passes' indices, checked when the constant is formed.
    #[allow(clippy::indexing_slicing)]
    const P: u64 = 0u64.wrapping_sub(PRIME_GAPS[I]);
}

impl<const I: usize> Ring for Prime<I> {
    const ZERO: Self = Prime(0);
    const ONE: Self = Prime(1);
    #[inline]
    fn plus(self, other: Self) -> Self {
        let (s, carry) = self.0.overflowing_add(other.0);
        Prime(if carry || s >= Self::P {
            s.wrapping_sub(Self::P)
        } else {
            s
        })
    }
    #[inline]
    fn minus(self, other: Self) -> Self {
        let (d, borrow) = self.0.overflowing_sub(other.0);
        Prime(if borrow { d.wrapping_add(Self::P) } else { d })
    }
    fn big(self) -> BigUint {
        BigUint::from(self.0)
    }
}

fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
    (u128::from(a) * u128::from(b) % u128::from(m)) as u64
}

fn pow_mod(mut a: u64, mut e: u64, m: u64) -> u64 {
    let mut out = 1u64 % m;
    while e > 0 {
        if e & 1 == 1 {
            out = mul_mod(out, a, m);
        }
        a = mul_mod(a, a, m);
        e >>= 1;
    }
    out
}

/// The prime modulus of pass `i >= 1` (pass 0 counts modulo 2^64).
fn prime(i: usize) -> u64 {
    // Passes are numbered by the `Prime<I>` types, at most one per gap.
    debug_assert!((1..=PRIME_GAPS.len()).contains(&i), "no prime for pass {i}");
    0u64.wrapping_sub(PRIME_GAPS.get(i.wrapping_sub(1)).copied().unwrap_or(59))
}

/// The number below the product of the moduli whose residues are `residues` (modulo 2^64,
/// then modulo each prime in turn): Garner's mixed-radix form of the Chinese remainder
/// theorem, `x = d0 + d1·2^64 + d2·2^64·p1 + ...`.
pub fn combine(residues: &[u64]) -> BigUint {
    let mut digits: Vec<u64> = Vec::with_capacity(residues.len());
    for (i, &r) in residues.iter().enumerate() {
        if i == 0 {
            digits.push(r);
            continue;
        }
        let p = prime(i);
        // The digits so far, and the product of their moduli, modulo p.
        let (mut value, mut scale) = (0u64, 1u64);
        for (j, &d) in digits.iter().enumerate() {
            value =
                ((u128::from(value) + u128::from(mul_mod(d % p, scale, p))) % u128::from(p)) as u64;
            scale = mul_mod(scale, modulus_mod(j, p), p);
        }
        let diff = (u128::from(r % p) + u128::from(p) - u128::from(value)) % u128::from(p);
        digits.push(mul_mod(diff as u64, inverse_of_scale(i), p));
    }
    let mut out = BigUint::zero();
    let mut place = BigUint::one();
    for (i, d) in digits.iter().enumerate() {
        out += &place * BigUint::from(*d);
        if i == 0 {
            place <<= 64;
        } else {
            place *= BigUint::from(prime(i));
        }
    }
    out
}

/// Modulus `j` (2^64 for `j = 0`) modulo the prime `p`, which is above 2^63.
fn modulus_mod(j: usize, p: u64) -> u64 {
    if j == 0 {
        0u64.wrapping_sub(p)
    } else {
        prime(j) % p
    }
}

/// The inverse, modulo prime `i`, of the product of the moduli before it: the same for every
/// number combined, so worked out once per pass.
fn inverse_of_scale(i: usize) -> u64 {
    static INVERSES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let table = INVERSES.get_or_init(|| {
        (0..=PRIME_GAPS.len())
            .map(|i| {
                if i == 0 {
                    return 1;
                }
                let p = prime(i);
                let scale = (0..i).fold(1u64, |acc, j| mul_mod(acc, modulus_mod(j, p), p));
                pow_mod(scale, p - 2, p)
            })
            .collect()
    });
    debug_assert!(i < table.len(), "no inverse for pass {i}");
    table.get(i).copied().unwrap_or(1)
}

/// Runs `$body` with `$R` bound to the narrowest [`Ring`] that counts the coalitions of `$n`
/// players exactly.
macro_rules! with_ring {
    ($n:expr, $R:ident => $body:expr) => {{
        let n: usize = $n;
        if n < 64 {
            type $R = u64;
            $body
        } else if n < 128 {
            type $R = u128;
            $body
        } else if n < 256 {
            type $R = $crate::analysis::wide::Fixed<4>;
            $body
        } else if n < 512 {
            type $R = $crate::analysis::wide::Fixed<8>;
            $body
        } else if n < 1024 {
            type $R = $crate::analysis::wide::Fixed<16>;
            $body
        } else if n < 2048 {
            type $R = $crate::analysis::wide::Fixed<32>;
            $body
        } else {
            type $R = $crate::analysis::wide::Fixed<65>;
            $body
        }
    }};
}
pub(crate) use with_ring;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Number;

    fn big(x: U256) -> BigUint {
        x.into_big()
    }

    #[test]
    fn arithmetic_agrees_with_big_integers() {
        let mut a = U256::one();
        let mut b = U256::one();
        // Powers of three and of seven, up to about 2^200.
        for _ in 0..80 {
            a = a * Fixed([3, 0, 0, 0]);
        }
        for _ in 0..70 {
            b = b * Fixed([7, 0, 0, 0]);
        }
        assert_eq!(big(a), BigUint::from(3u32).pow(80));
        assert_eq!(big(b), BigUint::from(7u32).pow(70));
        assert_eq!(
            big(a + b),
            BigUint::from(3u32).pow(80) + BigUint::from(7u32).pow(70)
        );
        assert_eq!(
            big(&b - &a),
            BigUint::from(7u32).pow(70) - BigUint::from(3u32).pow(80)
        );
        let c = Fixed([u64::MAX, 5, 0, 0]);
        assert_eq!(big(c.mul_wrapping(&c)), big(c) * big(c));
        assert!(a < b);
        assert_eq!(a.cmp(&a), Ordering::Equal);
        assert!(Fixed([0, 0, 0, 1]) > Fixed([u64::MAX, u64::MAX, u64::MAX, 0]));
    }

    #[test]
    fn signed_sums_wrap_back_to_exact_results() {
        // (a - b) + c with b > a: the partial result wraps below zero, the total does not.
        let (a, b, c) = (
            Fixed::<8>([5, 0, 0, 0, 0, 0, 0, 1]),
            Fixed::<8>([7, 0, 0, 0, 0, 0, 0, 2]),
            Fixed::<8>([9, 0, 0, 0, 0, 0, 0, 3]),
        );
        let total = a.minus(b).plus(c);
        assert_eq!(Ring::big(total), Ring::big(a) + Ring::big(c) - Ring::big(b));
        assert_eq!(2u64.minus(5).plus(10), 7);
        assert_eq!(<Fixed<2> as Ring>::ONE, Fixed([1, 0]));
    }

    #[test]
    fn residues_combine_to_the_number() {
        // 3^150 (238 bits) by its residues modulo 2^64 and three primes near 2^64.
        let x = BigUint::from(3u32).pow(150);
        let residue = |m: &BigUint| -> u64 { u64::try_from(&x % m).unwrap() };
        let mut residues = vec![residue(&(BigUint::one() << 64))];
        for g in &PRIME_GAPS[..3] {
            residues.push(residue(&BigUint::from(0u64.wrapping_sub(*g))));
        }
        assert_eq!(combine(&residues), x);
        assert_eq!(passes(62), Some(1));
        assert_eq!(passes(190), Some(3));
        assert_eq!(passes(1000), None);
        // Prime arithmetic wraps at the prime.
        let p = Prime::<0>(Prime::<0>::P - 1);
        assert_eq!(p.plus(Prime(2)), Prime(1));
        assert_eq!(Prime::<0>(1).minus(Prime(2)), Prime(Prime::<0>::P - 1));
    }
}
