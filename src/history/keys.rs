//! A compact string-to-index table for participant keys: an open-addressing
//! table of 32-byte slots that hold a key's first 24 bytes inline, so a
//! lookup of a key of up to 24 bytes (ids, most e-mail addresses) touches
//! one slot and compares three words, with no call to `memcmp` and no
//! second cache miss; a longer key keeps its whole bytes in one buffer and
//! compares the rest there.

/// Maps byte strings to `u32` values. Keys are never removed.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyTable {
    slots: Vec<Slot>,
    len: usize,
    /// The bytes of every key longer than [`INLINE`], one after another.
    bytes: Vec<u8>,
}

/// Bytes of a key held in its slot.
pub(crate) const INLINE: usize = 24;

/// One slot: the key's first 24 bytes as three little-endian words (zero
/// past the key's end), except that a key longer than 24 bytes keeps its
/// first 16 bytes and, in the third word, where its whole bytes start in
/// the table's buffer; its length and its value plus one (0: an empty
/// slot). Aligned to its size, so that no slot straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(32))]
struct Slot {
    words: [u64; 3],
    len: u32,
    value: u32,
}

/// A key's hash, length and first words, computed once per key: the
/// table's slot can be loaded ahead ([`KeyTable::touch`]) before the key is
/// looked up ([`KeyTable::find`]), and a key of up to [`INLINE`] bytes is
/// held whole in it (looked up by [`KeyTable::find_inline`], its bytes
/// given back by [`Hashed::inline_key`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hashed {
    words: [u64; 3],
    hash: u64,
    len: u32,
}

/// The little-endian word of `key[at..at + n]` (n ≤ 8), zero above.
#[inline]
fn word(key: &[u8], at: usize, n: usize) -> u64 {
    if n == 0 {
        // Past the end of a short key (`at` may be beyond it).
        0
    } else if at + n >= 8 {
        // One unaligned 8-byte read ending at the last byte, shifted down.
        let end = at + n;
        let mut w = [0u8; 8];
        w.copy_from_slice(&key[end - 8..end]);
        u64::from_le_bytes(w) >> (8 * (8 - n))
    } else {
        // A key of fewer than 8 bytes.
        crate::model::le_word(&key[at..at + n])
    }
}

/// The folded multiply (as in foldhash and wyhash): the 128-bit product's
/// halves xored, so that every bit of either factor reaches the low bits.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

/// Constants of the hash (digits of pi, as in foldhash).
const SEEDS: [u64; 4] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89];

impl Hashed {
    /// The hash and first words of `key`: two independent folded
    /// multiplies of the first 24 bytes and the length, one more per 8
    /// bytes past them.
    #[inline(always)]
    pub(crate) fn new(key: &[u8]) -> Self {
        let n = key.len();
        let words = [word(key, 0, n.min(8)), word(key, 8, n.clamp(8, 16) - 8), word(key, 16, n.clamp(16, 24) - 16)];
        let mut h = fold(words[0] ^ SEEDS[0], words[1] ^ SEEDS[1]) ^ fold(words[2] ^ SEEDS[2], n as u64 ^ SEEDS[3]);
        if n > INLINE {
            Self::long_tail(&mut h, key);
        }
        Self { words, hash: h, len: n as u32 }
    }

    /// Mixes the bytes of a key past its first [`INLINE`] into its hash.
    #[cold]
    fn long_tail(h: &mut u64, key: &[u8]) {
        let n = key.len();
        let mut at = INLINE;
        while at < n {
            let take = (n - at).min(8);
            *h = fold(*h ^ word(key, at, take), SEEDS[1]);
            at += take;
        }
    }

    /// The key's length in bytes.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// The key's bytes (in the first `len()` bytes of the array) when it
    /// has at most [`INLINE`] bytes: the words hold it whole.
    pub(crate) fn inline_key(&self) -> Option<[u8; INLINE]> {
        (self.len() <= INLINE).then(|| {
            let mut bytes = [0u8; INLINE];
            for (chunk, w) in bytes.chunks_exact_mut(8).zip(self.words) {
                chunk.copy_from_slice(&w.to_le_bytes());
            }
            bytes
        })
    }
}

impl KeyTable {
    /// The value of `key`, if present.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        self.find(key, &Hashed::new(key))
    }

    /// Loads the first slot `h` looks at and returns its value, so that a
    /// batch of keys' cache misses overlap before they are looked up (the
    /// caller passes the values to [`std::hint::black_box`]).
    #[inline]
    pub(crate) fn touch(&self, h: &Hashed) -> u32 {
        if self.slots.is_empty() { 0 } else { self.slots[(h.hash as usize) & (self.slots.len() - 1)].value }
    }

    /// The value of `key`, whose hash is `p`, if present.
    #[inline]
    pub(crate) fn find(&self, key: &[u8], p: &Hashed) -> Option<u32> {
        self.lookup(p, |start| self.bytes[start + 16..start + key.len()] == key[16..])
    }

    /// The value of the key hashed in `p`, of at most [`INLINE`] bytes
    /// (held whole in `p`), if present; `None` for a longer key.
    #[inline]
    pub(crate) fn find_inline(&self, p: &Hashed) -> Option<u32> {
        if p.len() > INLINE {
            return None;
        }
        self.lookup(p, |_| false)
    }

    /// The slot of the key hashed in `p`; `long_rest_equal(start)` compares
    /// the bytes past the 16th of a key longer than [`INLINE`] with the
    /// stored ones starting at `start` in `bytes`.
    #[inline]
    fn lookup(&self, p: &Hashed, long_rest_equal: impl Fn(usize) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let n = p.len();
        let mask = self.slots.len() - 1;
        let mut i = (p.hash as usize) & mask;
        loop {
            let slot = &self.slots[i];
            if slot.value == 0 {
                return None;
            }
            if slot.len as usize == n && slot.words[0] == p.words[0] && slot.words[1] == p.words[1] {
                let rest_equal =
                    if n <= INLINE { slot.words[2] == p.words[2] } else { long_rest_equal(slot.words[2] as usize) };
                if rest_equal {
                    return Some(slot.value - 1);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `key`, inserting `value` first if it is absent.
    pub(crate) fn get_or_insert(&mut self, key: &[u8], value: u32) -> u32 {
        let p = Hashed::new(key);
        if let Some(v) = self.find(key, &p) {
            return v;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let words = if key.len() > INLINE {
            let start = self.bytes.len() as u64;
            self.bytes.extend_from_slice(key);
            [p.words[0], p.words[1], start]
        } else {
            p.words
        };
        let slot = Slot { words, len: key.len() as u32, value: value + 1 };
        self.place(p.hash, slot);
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
        let mut inline = [0u8; INLINE];
        for slot in old.into_iter().filter(|s| s.value != 0) {
            let n = slot.len as usize;
            let h = if n > INLINE {
                let start = slot.words[2] as usize;
                Hashed::new(&self.bytes[start..start + n]).hash
            } else {
                for (chunk, w) in inline.chunks_exact_mut(8).zip(slot.words) {
                    chunk.copy_from_slice(&w.to_le_bytes());
                }
                Hashed::new(&inline[..n]).hash
            };
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

    #[test]
    fn keys_of_every_length_up_to_40() {
        // Keys that differ only in their last byte, or only in length (a
        // zero byte is not the end of a key), around the word boundaries.
        let mut t = KeyTable::default();
        let mut keys = Vec::new();
        for n in 0..=40usize {
            let base: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            keys.push(base.clone());
            if n > 0 {
                let mut last = base.clone();
                *last.last_mut().unwrap() = b'#';
                keys.push(last);
                let mut zero = base.clone();
                zero[n - 1] = 0;
                keys.push(zero);
            }
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k), None, "{k:?}");
            assert_eq!(t.get_or_insert(k, i as u32), i as u32);
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u32), "{k:?}");
            let h = Hashed::new(k);
            assert_eq!(h.len(), k.len());
            let short = k.len() <= INLINE;
            assert_eq!(t.find_inline(&h), short.then_some(i as u32), "{k:?}");
            assert_eq!(h.inline_key().map(|b| b[..k.len()].to_vec()), short.then(|| k.clone()));
        }
        assert_eq!(t.get(&[0u8; 3]), None);
    }
}
