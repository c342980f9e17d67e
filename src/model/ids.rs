//! The contacts of a portfolio by id: an open-addressing table made for the
//! loaders, which look up two ids per tie (twenty million lookups in a
//! million contacts for a 10M-tie portfolio).
//!
//! Each slot is 16 bytes: a 64-bit word, the node and the id's entry in a
//! list of the ids (in the order they came in). An id of at most 7 bytes
//! is its word itself (its bytes and its length), so that looking it up
//! compares two integers and never reads the id's text; a longer id's word
//! is its hash (and a mark), and its text is compared only when the words
//! agree. Slots are probed linearly in a table at most half full, so a
//! lookup mostly reads one cache line. A found id of at most
//! [`INLINE_ID`](crate::model::INLINE_ID) bytes is made from the text
//! looked up (it is held inline, see [`ContactId`]): a tie's lookup of a
//! short id reads its slot and nothing else.

use std::hash::BuildHasher;

use petgraph::graph::NodeIndex;

use crate::model::{ContactId, INLINE_ID};

/// Contact ids and their nodes (see the module docs).
#[derive(Clone)]
pub(crate) struct ContactIndex {
    /// A power of two of slots (or none), at most half of them used.
    slots: Vec<Slot>,
    /// The ids, in the order they came in (`Slot::entry`).
    ids: Vec<ContactId>,
    /// Mixed into every hash. Ids come from files, which a stranger may
    /// write: with a seed drawn per table from the standard library's
    /// random keys, nobody can prepare ids that all land in one place and
    /// make a load quadratic (the multiply-fold hash below is foldhash's,
    /// which is built to be seeded for that).
    seed: u64,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// See [`word`].
    word: u64,
    node: u32,
    /// 1 + the id's place in `ids`; 0 for an empty slot.
    entry: u32,
}

/// The mark in the top byte of a long id's word (a short id's top byte is its length, 0 to 7).
const LONG: u64 = 0x80 << 56;

/// An id's word: up to 7 bytes inline with the length in the top byte, else
/// `LONG` and 56 bits of the seeded hash.
#[inline]
fn word(id: &[u8], seed: u64) -> u64 {
    if id.len() <= 7 {
        crate::model::le_word(id) | ((id.len() as u64) << 56)
    } else {
        let mut h = seed ^ (id.len() as u64);
        let mut chunks = id.chunks_exact(8);
        for chunk in &mut chunks {
            h = mix(h ^ u64::from_le_bytes(chunk.try_into().unwrap_or_default()), K1);
        }
        let rest = chunks.remainder();
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        h = mix(h ^ u64::from_le_bytes(tail), K2);
        (h >> 8) | LONG
    }
}

const K1: u64 = 0x243f_6a88_85a3_08d3;
const K2: u64 = 0x1319_8a2e_0370_7344;

/// The multiply-fold of foldhash: the high and low halves of the 128-bit
/// product, xored.
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

impl ContactIndex {
    /// An empty table with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let seed = std::hash::RandomState::new().hash_one(0x05a1_e5e7_u64);
        let mut index = Self { slots: Vec::new(), ids: Vec::new(), seed };
        index.reserve(n);
        index
    }

    /// The number of ids.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Makes room for `more` ids.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.ids.reserve(more);
        let want = (self.ids.len() + more).saturating_mul(2).max(8).next_power_of_two();
        if want > self.slots.len() {
            let old = std::mem::replace(&mut self.slots, vec![Slot::default(); want]);
            for slot in old.into_iter().filter(|s| s.entry != 0) {
                let at = self.free_slot(slot.word);
                self.slots[at] = slot;
            }
        }
    }

    #[inline]
    fn start(&self, word: u64) -> usize {
        (mix(word ^ self.seed, K1) as usize) & (self.slots.len() - 1)
    }

    /// The first empty slot of `word`'s probe sequence.
    fn free_slot(&self, word: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = self.start(word);
        while self.slots[at].entry != 0 {
            at = (at + 1) & mask;
        }
        at
    }

    /// The slot of `id`, else the empty slot where it would go (`Err`).
    #[inline]
    fn find(&self, id: &str) -> std::result::Result<usize, usize> {
        let word = word(id.as_bytes(), self.seed);
        let mask = self.slots.len() - 1;
        let mut at = self.start(word);
        loop {
            let slot = &self.slots[at];
            if slot.entry == 0 {
                return Err(at);
            }
            if slot.word == word && (word & LONG == 0 || self.ids[slot.entry as usize - 1].as_str() == id) {
                return Ok(at);
            }
            at = (at + 1) & mask;
        }
    }

    /// The first slot of `id`'s probe sequence (0 in an empty table).
    #[inline]
    pub(crate) fn slot(&self, id: &str) -> usize {
        if self.slots.is_empty() {
            return 0;
        }
        self.start(word(id.as_bytes(), self.seed))
    }

    /// Reads the slots at `at` (from [`slot`](Self::slot)) and returns a
    /// value made of them, for the caller to hand to `black_box`: reading
    /// a batch's slots in one short loop lets their cache misses overlap
    /// (see [`TieLookup::touch`](crate::model::TieLookup::touch)).
    #[inline]
    pub(crate) fn touch(&self, at: &[usize]) -> u64 {
        at.iter().filter_map(|&i| self.slots.get(i)).fold(0, |acc, slot| acc ^ slot.word)
    }

    /// The node of `id`.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<NodeIndex> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(id).ok().map(|at| NodeIndex::new(self.slots[at].node as usize))
    }

    /// The node of `id` (trimmed, as every id of the table) and the id as
    /// stored: made from `id` itself when it is held inline, else shared
    /// with the contact.
    #[inline]
    pub(crate) fn get_with_id(&self, id: &str) -> Option<(ContactId, NodeIndex)> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[self.find(id).ok()?];
        let stored =
            if id.len() <= INLINE_ID { ContactId::of_trimmed(id) } else { self.ids[slot.entry as usize - 1].clone() };
        Some((stored, NodeIndex::new(slot.node as usize)))
    }

    /// Adds `id` at `node` if it is not in yet; else the node it is at.
    pub(crate) fn insert_new(&mut self, id: ContactId, node: NodeIndex) -> std::result::Result<(), NodeIndex> {
        self.reserve(1);
        match self.find(id.as_str()) {
            Ok(at) => Err(NodeIndex::new(self.slots[at].node as usize)),
            Err(at) => {
                self.put(at, id, node);
                Ok(())
            }
        }
    }

    /// Puts `id` at `node` into the empty slot `at` (from [`find`](Self::find)).
    fn put(&mut self, at: usize, id: ContactId, node: NodeIndex) {
        let word = word(id.as_str().as_bytes(), self.seed);
        self.ids.push(id);
        // Node indices are `u32` (petgraph's default index type), and so
        // are entries: there are no more ids than nodes.
        self.slots[at] = Slot { word, node: node.index() as u32, entry: self.ids.len() as u32 };
    }

    /// Adds `id` at `node`, or moves it there if it is in already.
    pub(crate) fn insert(&mut self, id: ContactId, node: NodeIndex) {
        self.reserve(1);
        match self.find(id.as_str()) {
            Ok(at) => self.slots[at].node = node.index() as u32,
            Err(at) => self.put(at, id, node),
        }
    }
}

impl std::fmt::Debug for ContactIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactIndex").field("len", &self.ids.len()).finish_non_exhaustive()
    }
}

impl FromIterator<(ContactId, NodeIndex)> for ContactIndex {
    fn from_iter<I: IntoIterator<Item = (ContactId, NodeIndex)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut index = Self::with_capacity(iter.size_hint().0);
        for (id, node) in iter {
            index.insert(id, node);
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> ContactId {
        ContactId::new(text).unwrap()
    }

    #[test]
    fn finds_short_and_long_ids_and_nothing_else() {
        let texts: Vec<String> = (0..5000)
            .map(|i| match i % 4 {
                0 => format!("c{i}"),
                1 => format!("a-much-longer-contact-id-{i}@example.com"),
                2 => format!("{i:07}"),
                _ => format!("{i:08}"),
            })
            .collect();
        let mut index = ContactIndex::with_capacity(10);
        for (i, t) in texts.iter().enumerate() {
            index.insert(id(t), NodeIndex::new(i));
        }
        assert_eq!(index.len(), texts.len());
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(index.get(t), Some(NodeIndex::new(i)), "{t}");
            let (stored, node) = index.get_with_id(t).unwrap();
            assert_eq!((stored.as_str(), node.index()), (t.as_str(), i));
        }
        for missing in ["", "c", "c5000", "0000001x", "a-much-longer-contact-id-2@example.com", "1234567\0"] {
            assert_eq!(index.get(missing), None, "{missing:?}");
        }
        // An id with a NUL is not the shorter id without it.
        let mut index = ContactIndex::with_capacity(0);
        index.insert(id("ab\0"), NodeIndex::new(1));
        assert_eq!((index.get("ab"), index.get("ab\0")), (None, Some(NodeIndex::new(1))));
        // Inserting an id again moves it.
        index.insert(id("ab\0"), NodeIndex::new(7));
        assert_eq!((index.len(), index.get("ab\0")), (1, Some(NodeIndex::new(7))));
        assert_eq!(ContactIndex::with_capacity(0).get("x"), None);
    }
}
