//! Tie de-duplication: a set of node pairs in one open-addressing table
//! (linear probing, a cheap, good mixer), one cache line per lookup.

/// A set of [`pair_key`]s. Only set membership matters to the generator, so
/// any correct set gives the same portfolio.
pub(super) struct PairSet {
    /// `VACANT` or a key; the length is a power of two.
    slots: Vec<u64>,
    len: usize,
}

/// No pair has this key: it would be a node tied to itself.
const VACANT: u64 = u64::MAX;

/// The splitmix64 finalizer.
fn mix(key: u64) -> u64 {
    let mut z = key;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl PairSet {
    /// An empty set that holds `count` pairs without growing.
    pub(super) fn with_capacity(count: usize) -> Self {
        Self { slots: vec![VACANT; Self::slots_for(count)], len: 0 }
    }

    /// Slots for `count` keys at a load of at most 5/8.
    fn slots_for(count: usize) -> usize {
        (count.saturating_mul(8) / 5 + 1).next_power_of_two().max(16)
    }

    /// The slot of `key`, or the vacant slot where it would go.
    fn find(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = mix(key) as usize & mask;
        loop {
            let k = self.slots[i];
            if k == key || k == VACANT {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `key` is in the set.
    pub(super) fn contains(&self, key: u64) -> bool {
        self.slots[self.find(key)] == key
    }

    /// Adds `key`; false if it was there already.
    pub(super) fn insert(&mut self, key: u64) -> bool {
        debug_assert_ne!(key, VACANT);
        if (self.len + 1) * 8 > self.slots.len() * 5 {
            self.grow();
        }
        let i = self.find(key);
        if self.slots[i] == key {
            return false;
        }
        self.slots[i] = key;
        self.len += 1;
        true
    }

    fn grow(&mut self) {
        let grown = vec![VACANT; 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, grown);
        for key in old.into_iter().filter(|&k| k != VACANT) {
            let i = self.find(key);
            self.slots[i] = key;
        }
    }
}

pub(super) fn pair_key(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    (u64::from(lo) << 32) | u64::from(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pair_set_is_a_set_through_growth() {
        let mut set = PairSet::with_capacity(4);
        let mut reference = std::collections::BTreeSet::new();
        let mut x = 7u64;
        for _ in 0..20_000 {
            x = mix(x);
            let (a, b) = ((x % 300) as u32, ((x >> 20) % 300) as u32);
            if a == b {
                continue;
            }
            let key = pair_key(a, b);
            assert_eq!(set.contains(key), reference.contains(&key));
            assert_eq!(set.insert(key), reference.insert(key));
            assert!(set.contains(key));
        }
        assert_eq!(set.len, reference.len());
        assert!(!set.contains(pair_key(301, 302)));
    }
}
