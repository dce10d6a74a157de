//! A 256-bit unsigned integer for the counts of games up to 255 players: every count there
//! is below 2^255, so sums and products of counts never wrap, and no count allocates (the
//! UN General Assembly's 193 members overflow `u128`).

use num_bigint::BigUint;
use num_traits::{One, Zero};
use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Mul, Sub};

/// Little-endian 64-bit limbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct U256([u64; 4]);

impl U256 {
    fn add_wrapping(self, other: &U256) -> U256 {
        let mut out = [0u64; 4];
        let mut carry = false;
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            let (s1, c1) = a.overflowing_add(*b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *o = s2;
            carry = c1 || c2;
        }
        U256(out)
    }

    fn sub_wrapping(self, other: &U256) -> U256 {
        let mut out = [0u64; 4];
        let mut borrow = false;
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            let (d1, b1) = a.overflowing_sub(*b);
            let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
            *o = d2;
            borrow = b1 || b2;
        }
        U256(out)
    }

    fn mul_wrapping(self, other: &U256) -> U256 {
        let mut out = [0u64; 4];
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
        U256(out)
    }
}

impl Ord for U256 {
    fn cmp(&self, other: &Self) -> Ordering {
        let [a0, a1, a2, a3] = self.0;
        let [b0, b1, b2, b3] = other.0;
        (a3, a2, a1, a0).cmp(&(b3, b2, b1, b0))
    }
}

impl PartialOrd for U256 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Add for U256 {
    type Output = U256;
    fn add(self, other: U256) -> U256 {
        self.add_wrapping(&other)
    }
}

impl Mul for U256 {
    type Output = U256;
    fn mul(self, other: U256) -> U256 {
        self.mul_wrapping(&other)
    }
}

impl<'a> AddAssign<&'a U256> for U256 {
    fn add_assign(&mut self, other: &'a U256) {
        *self = self.add_wrapping(other);
    }
}

impl<'a> Sub<&'a U256> for &'a U256 {
    type Output = U256;
    fn sub(self, other: &'a U256) -> U256 {
        self.sub_wrapping(other)
    }
}

impl<'a> Mul<&'a U256> for &'a U256 {
    type Output = U256;
    fn mul(self, other: &'a U256) -> U256 {
        self.mul_wrapping(other)
    }
}

impl Zero for U256 {
    fn zero() -> U256 {
        U256([0; 4])
    }
    fn is_zero(&self) -> bool {
        self.0 == [0; 4]
    }
}

impl One for U256 {
    fn one() -> U256 {
        U256([1, 0, 0, 0])
    }
}

impl super::Number for U256 {
    /// Four-limb products are worth skipping.
    const SKIP_ZEROS: bool = true;

    fn into_big(self) -> BigUint {
        let digits: Vec<u32> = self
            .0
            .iter()
            .flat_map(|limb| [*limb as u32, (limb >> 32) as u32])
            .collect();
        BigUint::new(digits)
    }
}

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
            a = a * U256([3, 0, 0, 0]);
        }
        for _ in 0..70 {
            b = b * U256([7, 0, 0, 0]);
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
        let c = U256([u64::MAX, 5, 0, 0]);
        assert_eq!(big(c.mul_wrapping(&c)), big(c) * big(c));
        assert!(a < b);
        assert_eq!(a.cmp(&a), Ordering::Equal);
        assert!(U256([0, 0, 0, 1]) > U256([u64::MAX, u64::MAX, u64::MAX, 0]));
    }
}
