//! The pair table of the inference: pair keys `(a << 32) | b` to pair
//! numbers, open addressing with linear probing in one array of 16-byte
//! slots (key and number together), so a lookup costs one cache miss.

/// Maps pair keys to pair numbers `0..len` in order of first insertion.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairTable {
    /// `(key, number + 1)`; number 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    len: usize,
}

#[inline]
pub(crate) fn hash(key: u64) -> u64 {
    // splitmix64's finalizer: every key bit reaches the low bits.
    let mut z = key.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl PairTable {
    /// Number of pairs.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The number of `key`, given the next number if it is new.
    #[inline]
    pub(crate) fn get_or_insert(&mut self, key: u64) -> u32 {
        self.reserve(1);
        self.get_or_insert_hashed(key, hash(key))
    }

    /// Grows the table now if `more` new keys would make it grow.
    pub(crate) fn reserve(&mut self, more: usize) {
        while (self.len + more) * 4 > self.slots.len() * 3 {
            self.grow();
        }
    }

    /// Loads the first slot of a key whose hash is `h` and returns its
    /// number field, so that a batch of keys' cache misses overlap before
    /// they are inserted (the caller passes the values to
    /// [`std::hint::black_box`]).
    #[inline]
    pub(crate) fn touch(&self, h: u64) -> u32 {
        if self.slots.is_empty() { 0 } else { self.slots[h as usize & (self.slots.len() - 1)].1 }
    }

    /// [`get_or_insert`](Self::get_or_insert) with the key's hash given,
    /// room for it [reserved](Self::reserve).
    #[inline]
    pub(crate) fn get_or_insert_hashed(&mut self, key: u64, h: u64) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let (k, n) = self.slots[i];
            if n == 0 {
                let number = self.len as u32;
                self.slots[i] = (key, number + 1);
                self.len += 1;
                return number;
            }
            if k == key {
                return n - 1;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        let mask = size - 1;
        for (k, n) in old {
            if n != 0 {
                let mut i = hash(k) as usize & mask;
                while self.slots[i].1 != 0 {
                    i = (i + 1) & mask;
                }
                self.slots[i] = (k, n);
            }
        }
    }

    /// Every `(key, number)`, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.slots.iter().filter(|s| s.1 != 0).map(|&(k, n)| (k, n - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_numbered_in_order_of_first_insertion() {
        let mut t = PairTable::default();
        for i in 0..5000u64 {
            assert_eq!(t.get_or_insert((i % 7) << 32 | i), i as u32);
        }
        assert_eq!(t.get_or_insert(3 << 32 | 3), 3);
        assert_eq!(t.len(), 5000);
        assert_eq!(t.get_or_insert((4999 % 7) << 32 | 4999), 4999);
        assert_eq!(t.get_or_insert(1 << 32 | 5000), 5000);
        let mut all: Vec<(u64, u32)> = t.iter().collect();
        all.sort_unstable_by_key(|&(_, n)| n);
        assert_eq!(all.len(), 5001);
        assert!(
            all[..5000]
                .iter()
                .enumerate()
                .all(|(i, &(k, n))| n as usize == i && k == ((i as u64 % 7) << 32 | i as u64))
        );
    }
}
