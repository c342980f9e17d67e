//! The crate's one seeded random generator, for everything that must give
//! the same output for the same seed: the synthetic portfolio and graphs of
//! [`generate`](crate::generate), the initial layout of drawings, the
//! sampled pairs of approximate betweenness, tests and benchmarks.
//!
//! [`Rng`] is xoshiro256\*\* (Blackman and Vigna 2018) from `rand_xoshiro`,
//! its state filled from the seed by SplitMix64 (Steele, Lea and Flood
//! 2014); [`WeightedIndex`] is `rand_distr`'s alias table (Walker 1977,
//! Vose 1991). Both crates treat a change of output for the same seed as a
//! breaking change allowed only in a new minor version (the rust-random
//! book, "Reproducibility"), and this crate's tests pin the first values of
//! each stream, so an upgrade that changed them would fail the tests. The
//! derived draws ([`Rng::unit`], [`Rng::below`], ...) are written here, from
//! [`Rng::next_u64`] alone, with documented formulas.
//!
//! # Examples
//!
//! ```
//! use salesnet::random::{Rng, WeightedIndex};
//!
//! let mut a = Rng::new(7);
//! let mut b = Rng::new(7);
//! assert_eq!(a.next_u64(), b.next_u64());
//! let x = a.unit();
//! assert!((0.0..1.0).contains(&x));
//! let table = WeightedIndex::new(&[1.0, 0.0, 3.0]).expect("weights are fine");
//! assert_ne!(table.sample(&mut a), 1);
//! ```

use rand_core::{RngCore, SeedableRng};
use rand_distr::Distribution;
use rand_xoshiro::Xoshiro256StarStar;

/// A seeded pseudo-random generator: xoshiro256\*\* seeded through
/// SplitMix64. Not for cryptography. The same seed gives the same stream on
/// every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng(Xoshiro256StarStar);

impl Rng {
    /// A generator whose state is four SplitMix64 outputs of `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(Xoshiro256StarStar::seed_from_u64(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `[0, 1)`: the top 53 bits of [`next_u64`](Self::next_u64)
    /// times 2^-53.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `(0, 1]`: `1 - unit()`.
    pub fn open_unit(&mut self) -> f64 {
        1.0 - self.unit()
    }

    /// Uniform in `0..n` by Lemire's multiply-shift (the high 64 bits of
    /// `next_u64() * n`; bias below `n / 2^64`). `0` when `n == 0`.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// `true` with probability `p`: `unit() < p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items`, uniformly ([`below`](Self::below)).
    ///
    /// # Panics
    ///
    /// If `items` is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn in proportion to `weights` (non-negative, not all
    /// zero) by a linear scan: the first `i` where `unit() * sum` falls
    /// below the running sum; for a few fixed weights, where an alias table
    /// ([`WeightedIndex`]) would not pay for its set-up.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.iter().rposition(|&w| w > 0.0).unwrap_or(0)
    }

    /// Shuffles `items` in place (Fisher-Yates from the end, one
    /// [`below`](Self::below) per position).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// A Pareto draw with minimum 1 and tail index `alpha`:
    /// `open_unit()^(-1 / alpha)`.
    pub fn pareto(&mut self, alpha: f64) -> f64 {
        self.open_unit().powf(-1.0 / alpha)
    }
}

impl RngCore for Rng {
    fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        self.0.fill_bytes(dst);
    }
}

/// Draws indices in proportion to fixed weights in O(1) each: `rand_distr`'s
/// alias table (Vose's construction, O(n) to build).
#[derive(Debug, Clone)]
pub struct WeightedIndex(rand_distr::weighted::WeightedAliasIndex<f64>);

impl WeightedIndex {
    /// A table for `weights`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) if `weights`
    /// is empty, longer than `u32::MAX`, has a negative or non-finite weight,
    /// or sums to zero.
    pub fn new(weights: &[f64]) -> crate::Result<Self> {
        rand_distr::weighted::WeightedAliasIndex::new(weights.to_vec())
            .map(Self)
            .map_err(|e| crate::Error::InvalidArgument { name: "weights", reason: format!("no alias table: {e}") })
    }

    /// An index in `0..weights.len()`, `i` with probability `weights[i] / sum`.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        self.0.sample(rng)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_is_splitmix64() {
        // Vigna's splitmix64.c seeded with 1234567 gives these first outputs,
        // which are xoshiro's four state words.
        let mut r = Rng::new(1234567);
        let mut state = 1234567u64;
        let mut splitmix = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let s: [u64; 4] = std::array::from_fn(|_| splitmix());
        assert_eq!(s[0], 6457827717110365317);
        assert_eq!(s[1], 3203168211198807973);
        // xoshiro256** by its definition.
        let first = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        assert_eq!(r.next_u64(), first);
    }

    #[test]
    fn the_stream_is_pinned() {
        let mut r = Rng::new(42);
        let values: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert_eq!(values, PINNED_U64);
        let mut r = Rng::new(42);
        let table = WeightedIndex::new(&[1.0, 2.0, 3.0, 0.0, 4.0]).unwrap();
        let draws: Vec<usize> = (0..12).map(|_| table.sample(&mut r)).collect();
        assert_eq!(draws, PINNED_ALIAS);
        let mut r = Rng::new(42);
        let mut items: Vec<u8> = (0..8).collect();
        r.shuffle(&mut items);
        assert_eq!(items, PINNED_SHUFFLE);
    }

    // xoshiro256** seeded by SplitMix64 from 42, as a Python transcription of
    // the reference C code gives it.
    const PINNED_U64: [u64; 5] =
        [1546998764402558742, 6990951692964543102, 12544586762248559009, 17057574109182124193, 18295552978065317476];
    const PINNED_ALIAS: [usize; 12] = [0, 4, 2, 4, 4, 4, 4, 4, 4, 4, 0, 2];
    const PINNED_SHUFFLE: [u8; 8] = [7, 1, 6, 3, 5, 4, 2, 0];

    #[test]
    fn alias_draws_follow_the_weights() {
        let weights = [1.0, 0.0, 3.0, 6.0];
        let table = WeightedIndex::new(&weights).unwrap();
        let mut r = Rng::new(5);
        let mut counts = [0usize; 4];
        for _ in 0..100_000 {
            counts[table.sample(&mut r)] += 1;
        }
        assert_eq!(counts[1], 0);
        for (c, w) in counts.iter().zip(weights) {
            assert!((*c as f64 / 100_000.0 - w / 10.0).abs() < 0.01, "{counts:?}");
        }
        assert!(WeightedIndex::new(&[]).is_err());
        assert!(WeightedIndex::new(&[0.0, 0.0]).is_err());
        assert!(WeightedIndex::new(&[1.0, f64::NAN]).is_err());
    }

    #[test]
    fn derived_draws_stay_in_range() {
        let mut r = Rng::new(9);
        for n in [1usize, 2, 3, 10, 1000] {
            for _ in 0..200 {
                assert!(r.below(n) < n);
            }
        }
        for _ in 0..1000 {
            let u = r.open_unit();
            assert!(u > 0.0 && u <= 1.0);
            assert!(r.pareto(1.5) >= 1.0);
        }
    }
}
