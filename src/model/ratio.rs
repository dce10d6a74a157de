//! Exact fractions for thresholds: `2/3`, `55%`, compared without overflow.

use super::Comparison;

/// An exact fraction in lowest terms, `numerator / denominator`, between zero and one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Ratio {
    pub numerator: u128,
    pub denominator: u128,
}

impl Ratio {
    /// `None` for a zero denominator.
    pub fn new(numerator: u128, denominator: u128) -> Option<Ratio> {
        if denominator == 0 {
            return None;
        }
        let g = gcd(numerator, denominator);
        Some(Ratio {
            numerator: numerator / g,
            denominator: denominator / g,
        })
    }

    pub const HALF: Ratio = Ratio {
        numerator: 1,
        denominator: 2,
    };

    /// Whether `part / whole` reaches this fraction (`at least`) or exceeds it (`more than`).
    /// Exact: compares `part * denominator` with `whole * numerator` in 256-bit arithmetic.
    pub fn reached_by(self, part: u128, whole: u128, comparison: Comparison) -> bool {
        let lhs = wide_mul(part, self.denominator);
        let rhs = wide_mul(whole, self.numerator);
        match comparison {
            Comparison::AtLeast => lhs >= rhs,
            Comparison::MoreThan => lhs > rhs,
        }
    }

    /// The smallest `k` with `k / whole` reaching this fraction.
    pub fn smallest_reaching(self, whole: u128, comparison: Comparison) -> u128 {
        // k * den >= whole * num  (or >)
        let need = whole.saturating_mul(self.numerator);
        let k = need.div_ceil(self.denominator);
        match comparison {
            Comparison::AtLeast => k,
            Comparison::MoreThan => {
                if k.saturating_mul(self.denominator) == need {
                    k + 1
                } else {
                    k
                }
            }
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// `a * b` as (high, low) 128-bit halves, so comparisons never overflow.
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a >> 64, a & MASK);
    let (b_hi, b_lo) = (b >> 64, b & MASK);
    let lo_lo = a_lo * b_lo;
    let hi_lo = a_hi * b_lo;
    let lo_hi = a_lo * b_hi;
    let hi_hi = a_hi * b_hi;
    let cross = (lo_lo >> 64) + (hi_lo & MASK) + (lo_hi & MASK);
    let low = (lo_lo & MASK) | (cross << 64);
    let high = hi_hi + (hi_lo >> 64) + (lo_hi >> 64) + (cross >> 64);
    (high, low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_reduces_and_compares_exactly() {
        let two_thirds = Ratio::new(4, 6).unwrap();
        assert_eq!(two_thirds, Ratio::new(2, 3).unwrap());
        assert!(two_thirds.reached_by(38, 57, Comparison::AtLeast));
        assert!(!two_thirds.reached_by(37, 57, Comparison::AtLeast));
        assert!(two_thirds.reached_by(2, 3, Comparison::AtLeast));
        assert!(!two_thirds.reached_by(2, 3, Comparison::MoreThan));
        assert_eq!(two_thirds.smallest_reaching(57, Comparison::AtLeast), 38);
        assert_eq!(Ratio::HALF.smallest_reaching(10, Comparison::MoreThan), 6);
        assert_eq!(Ratio::HALF.smallest_reaching(9, Comparison::MoreThan), 5);
        let four_fifths = Ratio::new(4, 5).unwrap();
        assert_eq!(four_fifths.smallest_reaching(57, Comparison::AtLeast), 46);
        assert!(Ratio::new(1, 0).is_none());
    }

    #[test]
    fn ratio_never_overflows() {
        let r = Ratio::new(u128::MAX - 1, u128::MAX).unwrap();
        assert!(r.reached_by(u128::MAX, u128::MAX, Comparison::AtLeast));
        assert!(!r.reached_by(u128::MAX - 2, u128::MAX, Comparison::AtLeast));
    }

    #[test]
    fn smallest_reaching_agrees_with_reached_by() {
        for den in 1..12u128 {
            for num in 0..=den {
                let r = Ratio::new(num, den).unwrap();
                for whole in 0..30u128 {
                    for cmp in [Comparison::AtLeast, Comparison::MoreThan] {
                        let k = r.smallest_reaching(whole, cmp);
                        let brute = (0..=whole + 1).find(|&k| r.reached_by(k, whole, cmp));
                        assert_eq!(Some(k), brute, "{r} of {whole} {cmp:?}");
                    }
                }
            }
        }
    }
}
