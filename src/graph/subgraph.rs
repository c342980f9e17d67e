//! Snapshots derived from a snapshot: without one node, or with only some
//! of its ties.

use super::{Csr, Ids, Node, Snapshot, SnapshotBuilder};

impl Snapshot {
    /// This (undirected) snapshot without node `v` and its ties: the
    /// remaining nodes keep their order; the second vector maps each new
    /// node back to its node here. The rows are copied without `v` and the
    /// nodes after `v` numbered one lower (the rows stay sorted), so no id
    /// is looked up; the snapshot is the one a builder makes from the
    /// remaining nodes and ties.
    ///
    /// # Complexity
    ///
    /// O(V + E).
    pub(crate) fn without(&self, v: Node) -> (Snapshot, Vec<Node>) {
        debug_assert!(!self.directed, "without is for undirected snapshots");
        let back: Vec<Node> = self.nodes().filter(|&u| u != v).collect();
        let mut ids = Ids::with_capacity(back.len(), self.ids.text.len());
        for &u in &back {
            ids.push(self.id(u));
        }
        let csr = &self.out;
        let mut offsets = Vec::with_capacity(back.len() + 1);
        let mut targets = Vec::with_capacity(csr.targets.len());
        let mut weights = csr.weights.as_ref().map(|w| Vec::with_capacity(w.len()));
        let mut edge_count = 0;
        offsets.push(0u32);
        for &u in &back {
            for (x, w) in self.weighted_neighbors(u) {
                if x == v {
                    continue;
                }
                targets.push(if x > v { x - 1 } else { x });
                if let Some(weights) = weights.as_mut() {
                    weights.push(w);
                }
                if u < x {
                    edge_count += 1;
                }
            }
            offsets.push(targets.len() as u32);
        }
        let snapshot = Snapshot { directed: false, ids, out: Csr { offsets, targets, weights }, inc: None, edge_count };
        (snapshot, back)
    }

    /// This (undirected) snapshot with only the ties `keep(a, b, weight)`
    /// accepts; nodes and their order unchanged (so maps to and from this
    /// snapshot's nodes stay valid).
    ///
    /// # Complexity
    ///
    /// O(V + E).
    pub(crate) fn keep_ties(&self, keep: impl Fn(Node, Node, f64) -> bool) -> Snapshot {
        if !self.directed {
            return self.keep_undirected_ties(keep);
        }
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

    /// [`Snapshot::keep_ties`] of an undirected snapshot: its rows filtered
    /// in place (they stay sorted), each tie asked once as `keep(a, c, w)`
    /// with `a < c`, as [`Snapshot::edges`] gives it; no id is looked up.
    fn keep_undirected_ties(&self, keep: impl Fn(Node, Node, f64) -> bool) -> Snapshot {
        let csr = &self.out;
        let mut offsets = Vec::with_capacity(csr.offsets.len());
        let mut targets = Vec::new();
        let mut weights = csr.weights.as_ref().map(|_| Vec::new());
        let mut edge_count = 0;
        offsets.push(0u32);
        for u in self.nodes() {
            for (v, w) in self.weighted_neighbors(u) {
                if keep(u.min(v), u.max(v), w) {
                    targets.push(v);
                    if let Some(weights) = weights.as_mut() {
                        weights.push(w);
                    }
                    if u < v {
                        edge_count += 1;
                    }
                }
            }
            offsets.push(targets.len() as u32);
        }
        Snapshot {
            directed: false,
            ids: self.ids.clone(),
            out: Csr { offsets, targets, weights },
            inc: None,
            edge_count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows filtered in place give the snapshot a builder gives from the
    /// kept ties (same ids, same order, same weights).
    #[test]
    fn keep_ties_equals_building_the_kept_ties() {
        let ties = [("a", "b", 0.5), ("c", "a", 0.25), ("b", "d", 1.0), ("d", "c", 0.75), ("e", "a", 0.1)];
        for weighted in [true, false] {
            let mut b = SnapshotBuilder::undirected();
            for (x, y, w) in ties {
                b.add_edge(x, y, w).unwrap();
            }
            if weighted {
                b.weighted();
            }
            let g = b.build();
            let keep = |a: Node, _: Node, w: f64| a != 0 || w > 0.3;
            let mut expected = SnapshotBuilder::undirected();
            for u in g.nodes() {
                expected.add_node(g.id(u));
            }
            for (a, c, w) in g.edges().filter(|&(a, c, w)| keep(a, c, w)) {
                expected.add_edge(g.id(a), g.id(c), w).unwrap();
            }
            if weighted {
                expected.weighted();
            }
            let kept = g.keep_ties(keep);
            assert_eq!(kept, expected.build());
            assert_eq!(kept.edge_count(), 3);
        }
    }

    /// The rows copied without a node give the snapshot a builder gives from
    /// the remaining nodes and ties, for every node of small random graphs
    /// (weighted and not, with isolated nodes).
    #[test]
    fn without_equals_building_the_rest() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |m: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        for round in 0..12 {
            let n = 1 + next(25) as u32;
            let mut b = SnapshotBuilder::undirected();
            for u in 0..n {
                b.add_node(&format!("c{}", (u * 7 + round) % 101));
            }
            for _ in 0..next(80) {
                let (x, y) = (next(u64::from(n)) as u32, next(u64::from(n)) as u32);
                let w = if round % 2 == 0 { 1.0 } else { (1 + next(9)) as f64 / 8.0 };
                let _ = b.add_numbered(x, y, w);
            }
            let g = b.build();
            for v in 0..=n {
                let mut expected = SnapshotBuilder::undirected();
                let mut back = Vec::new();
                for u in g.nodes().filter(|&u| u != v) {
                    expected.add_node(g.id(u));
                    back.push(u);
                }
                for (a, c, w) in g.edges().filter(|&(a, c, _)| a != v && c != v) {
                    expected.add_edge(g.id(a), g.id(c), w).unwrap();
                }
                if g.is_weighted() {
                    expected.weighted();
                }
                let (inner, inner_back) = g.without(v);
                assert_eq!(inner, expected.build(), "round {round}, node {v}");
                assert_eq!(inner_back, back);
            }
        }
    }
}
