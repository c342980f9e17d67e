//! Adjacency helpers the measures share: a node's distinct contacts in
//! either direction, and common neighbours of sorted lists.

use super::{Node, Snapshot};

impl Snapshot {
    /// The distinct neighbours of `v`: out- and in-neighbours merged (directed),
    /// or the neighbours (undirected), sorted, written into `out`.
    pub(crate) fn all_neighbors_into(&self, v: Node, out: &mut Vec<Node>) {
        out.clear();
        if !self.is_directed() {
            out.extend_from_slice(self.neighbors(v));
            return;
        }
        let (a, b) = (self.neighbors(v), self.in_neighbors(v));
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j == b.len() || (i < a.len() && a[i] < b[j]) {
                out.push(a[i]);
                i += 1;
            } else if i == a.len() || b[j] < a[i] {
                out.push(b[j]);
                j += 1;
            } else {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Number of common elements of two sorted neighbour lists.
#[inline]
pub(crate) fn intersection_count(a: &[Node], b: &[Node]) -> usize {
    let (mut i, mut j, mut c) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                c += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c
}
