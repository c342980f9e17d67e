//! A compact string-to-index table for participant keys: every key's bytes
//! in one buffer, an open-addressing table whose slots hold a key's first 8
//! bytes, so a lookup of a short key touches one slot (and a longer one the
//! rest of its bytes) instead of a heap string per key.

use std::hash::Hasher;

use super::FxHasher;

/// Maps byte strings to `u32` values. Keys are never removed.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyTable {
    slots: Vec<Slot>,
    len: usize,
    /// Every key's bytes, one after another.
    bytes: Vec<u8>,
}

/// One slot: the key's first 8 bytes inline (so a short key is compared
/// without leaving the slot), its length, where its bytes start, a tag of
/// its hash and the value plus one (0: an empty slot).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    prefix: u64,
    tag: u32,
    len: u32,
    start: usize,
    value: u32,
}

fn hash(key: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(key);
    h.finish()
}

fn prefix(key: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let n = key.len().min(8);
    word[..n].copy_from_slice(&key[..n]);
    u64::from_le_bytes(word)
}

impl KeyTable {
    /// The value of `key`, if present.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = hash(key);
        let (tag, first) = ((h >> 32) as u32, prefix(key));
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let slot = &self.slots[i];
            if slot.value == 0 {
                return None;
            }
            if slot.tag == tag
                && slot.prefix == first
                && slot.len as usize == key.len()
                && (key.len() <= 8 || self.bytes[slot.start + 8..slot.start + key.len()] == key[8..])
            {
                return Some(slot.value - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `key`, inserting `value` first if it is absent.
    pub(crate) fn get_or_insert(&mut self, key: &[u8], value: u32) -> u32 {
        if let Some(v) = self.get(key) {
            return v;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let h = hash(key);
        let slot = Slot {
            prefix: prefix(key),
            tag: (h >> 32) as u32,
            len: key.len() as u32,
            start: self.bytes.len(),
            value: value + 1,
        };
        self.bytes.extend_from_slice(key);
        self.place(h, slot);
        self.len += 1;
        value
    }

    fn place(&mut self, h: u64, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        while self.slots[i].value != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old.into_iter().filter(|s| s.value != 0) {
            let h = hash(&self.bytes[slot.start..slot.start + slot.len as usize]);
            self.place(h, slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_their_first_value() {
        let mut t = KeyTable::default();
        assert_eq!(t.get(b"a"), None);
        for i in 0..10_000u32 {
            assert_eq!(t.get_or_insert(format!("c{i}").as_bytes(), i), i);
        }
        assert_eq!(t.get_or_insert(b"c7", 99), 7);
        for i in 0..10_000u32 {
            assert_eq!(t.get(format!("c{i}").as_bytes()), Some(i));
        }
        assert_eq!(t.get(b"c10000"), None);
        assert_eq!(t.get(b""), None);
        assert_eq!(t.get_or_insert(b"", 5), 5);
        assert_eq!(t.get(b""), Some(5));
        // Keys that share their first 8 bytes.
        assert_eq!(t.get_or_insert(b"ann.seller@acme.com", 1), 1);
        assert_eq!(t.get_or_insert(b"ann.sellers@acme.com", 2), 2);
        assert_eq!(t.get(b"ann.seller@acme.com"), Some(1));
        assert_eq!(t.get(b"ann.seller@acme.co"), None);
        assert_eq!(t.get(b"ann.sell"), None);
    }
}
