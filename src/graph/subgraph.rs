//! Snapshots derived from a snapshot: without one node, or with only some
//! of its ties.

use super::{Node, Snapshot, SnapshotBuilder};

impl Snapshot {
    /// This (undirected) snapshot without node `v` and its ties: the
    /// remaining nodes keep their order; the second vector maps each new
    /// node back to its node here.
    ///
    /// # Complexity
    ///
    /// O(V + E).
    pub(crate) fn without(&self, v: Node) -> (Snapshot, Vec<Node>) {
        let mut b = SnapshotBuilder::undirected();
        let mut back = Vec::with_capacity(self.node_count().saturating_sub(1));
        for u in self.nodes().filter(|&u| u != v) {
            b.add_node(self.id(u));
            back.push(u);
        }
        for (a, c, w) in self.edges() {
            if a != v && c != v {
                // Edges of a valid snapshot cannot be rejected again.
                let _ = b.add_edge(self.id(a), self.id(c), w);
            }
        }
        if self.is_weighted() {
            b.weighted();
        }
        (b.build(), back)
    }

    /// This (undirected) snapshot with only the ties `keep(a, b, weight)`
    /// accepts; nodes and their order unchanged (so maps to and from this
    /// snapshot's nodes stay valid).
    ///
    /// # Complexity
    ///
    /// O(V + E).
    pub(crate) fn keep_ties(&self, keep: impl Fn(Node, Node, f64) -> bool) -> Snapshot {
        let mut b = SnapshotBuilder::undirected();
        for u in self.nodes() {
            b.add_node(self.id(u));
        }
        for (a, c, w) in self.edges() {
            if keep(a, c, w) {
                // Edges of a valid snapshot cannot be rejected again.
                let _ = b.add_edge(self.id(a), self.id(c), w);
            }
        }
        if self.is_weighted() {
            b.weighted();
        }
        b.build()
    }
}
