//! Degree-1 folding for exact betweenness on undirected graphs (Baglioni,
//! Geraci, Pellegrini and Lastres 2012; Sariyüce, Saule, Kaya and
//! Çatalyürek 2013).
//!
//! Nodes of degree 1 are removed one after the other (a node whose other
//! neighbours were all removed becomes degree 1 in turn), so that every tree
//! hanging off the rest of the graph is folded into the node it hangs from.
//! What is left, the *core*, keeps a weight per node: itself plus the nodes
//! folded into it. A whole tree component folds into one node of degree 0.
//!
//! The betweenness of a node `v` (sum over ordered pairs `(s, t)`, `s != t`,
//! both other than `v`, of the share of shortest `s`-`t` paths through `v`)
//! is then the sum of two parts:
//!
//! * **Tree part**, exact integers. Removing `v` splits its component (of
//!   `N` nodes) into *branches*: each tree folded into `v` directly (a child,
//!   of `b_i` nodes), and the rest, `N - w(v)` nodes, `w(v)` the weight of
//!   `v`. Every path between two different branches runs through `v`, and
//!   only such pairs count here: `(N - 1)^2 - sum b_i^2 - (N - w(v))^2`
//!   ordered pairs. For a node that was folded this is its whole
//!   betweenness (removing a tree node really splits the component so).
//! * **Core part**: for two core nodes `x != y`, every shortest path between a
//!   node folded into `x` (or `x`) and one folded into `y` (or `y`) runs through
//!   the core from `x` to `y` and is one shortest `x`-`y` path, so the pairs
//!   add `w(x) w(y)` times the share of shortest `x`-`y` paths through `v` for
//!   each core node `v` other than `x` and `y` (the pairs with `v = x` or
//!   `v = y` are the tree part's "child, rest" pairs). That is Brandes'
//!   algorithm on the core with source and target weights: the dependency
//!   recursion adds `w(t)` instead of 1 per target, and each source's
//!   dependencies count `w(s)` times.
//!
//! Exact: the result differs from Brandes on the whole graph only by the
//! rounding of a different order of additions (a few units in the last place).

use crate::graph::{Node, Snapshot};
use crate::measures::betweenness::{Adjacency, batched_sums};
use crate::progress::{Progress, Task};

/// The graph with its trees folded away: the core as compressed adjacency
/// (core numbers, in the order of the original node numbers, neighbours in
/// their original order), each core node's weight, and every node's tree part.
pub(crate) struct LeafFolding {
    /// The original node of each core node.
    nodes: Vec<Node>,
    /// Core adjacency: core node `c`'s neighbours are `targets[offsets[c]..offsets[c + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<Node>,
    /// Each core node's weight: 1 + the nodes folded into it.
    weight: Vec<f64>,
    /// Per original node, the ordered pairs counted by the tree part (exact integers).
    tree_pairs: Vec<f64>,
}

impl Adjacency for LeafFolding {
    #[inline]
    fn neighbors(&self, v: Node) -> &[Node] {
        &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }
}

impl LeafFolding {
    /// Folds the trees of an undirected graph; `None` when no node has degree 1
    /// (nothing to fold). Self-loops are ignored.
    ///
    /// Complexity: O(|V| + |E|) time and memory.
    pub(crate) fn new(g: &Snapshot) -> Option<Self> {
        debug_assert!(!g.is_directed());
        let n = g.node_count();
        let others = |v: Node| g.neighbors(v).iter().copied().filter(move |&w| w != v);
        // Neighbours not yet removed.
        let mut degree: Vec<u32> = g.nodes().map(|v| others(v).count() as u32).collect();
        let mut removed = vec![false; n];
        let mut parent = vec![Node::MAX; n];
        let mut weight = vec![1u64; n];
        let mut child_squares = vec![0u128; n];
        let mut folded: Vec<Node> = Vec::new();
        let mut queue: Vec<Node> = g.nodes().filter(|&v| degree[v as usize] == 1).collect();
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head];
            head += 1;
            // A node may have lost its last neighbour since it was queued (the
            // two ends of an isolated edge): it stays, as a root.
            if removed[u as usize] || degree[u as usize] != 1 {
                continue;
            }
            // Degree 1: exactly one neighbour is left.
            let Some(p) = others(u).find(|&w| !removed[w as usize]) else { continue };
            removed[u as usize] = true;
            parent[u as usize] = p;
            folded.push(u);
            let wu = weight[u as usize];
            weight[p as usize] += wu;
            child_squares[p as usize] += u128::from(wu) * u128::from(wu);
            degree[p as usize] -= 1;
            if degree[p as usize] == 1 {
                queue.push(p);
            }
        }
        if folded.is_empty() {
            return None;
        }

        // The core, numbered in node order.
        let mut core_of = vec![Node::MAX; n];
        let mut nodes = Vec::new();
        for v in g.nodes() {
            if !removed[v as usize] && degree[v as usize] > 0 {
                core_of[v as usize] = nodes.len() as Node;
                nodes.push(v);
            }
        }
        let mut offsets = Vec::with_capacity(nodes.len() + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for &v in &nodes {
            targets.extend(others(v).filter(|&w| !removed[w as usize]).map(|w| core_of[w as usize]));
            offsets.push(targets.len());
        }

        // Component sizes: core components by a search over the core (sum of
        // weights); a tree component's root holds its size; folded nodes take
        // their parent's, in reverse order of folding.
        let mut size = vec![0u64; n];
        let mut seen = vec![false; nodes.len()];
        let mut members: Vec<Node> = Vec::new();
        for start in 0..nodes.len() {
            if seen[start] {
                continue;
            }
            seen[start] = true;
            members.clear();
            members.push(start as Node);
            let mut head = 0;
            while head < members.len() {
                let c = members[head] as usize;
                head += 1;
                for &d in &targets[offsets[c]..offsets[c + 1]] {
                    if !seen[d as usize] {
                        seen[d as usize] = true;
                        members.push(d);
                    }
                }
            }
            let total: u64 = members.iter().map(|&c| weight[nodes[c as usize] as usize]).sum();
            for &c in &members {
                size[nodes[c as usize] as usize] = total;
            }
        }
        for v in 0..n {
            if !removed[v] && degree[v] == 0 {
                size[v] = weight[v];
            }
        }
        for &u in folded.iter().rev() {
            size[u as usize] = size[parent[u as usize] as usize];
        }

        let tree_pairs = (0..n)
            .map(|v| {
                let (total, w) = (u128::from(size[v]), u128::from(weight[v]));
                let (all, rest) = (total - 1, total - w);
                (all * all - child_squares[v] - rest * rest) as f64
            })
            .collect();
        let core_weight = nodes.iter().map(|&v| weight[v as usize] as f64).collect();
        Some(LeafFolding { nodes, offsets, targets, weight: core_weight, tree_pairs })
    }

    /// Number of nodes left in the core.
    #[cfg(test)]
    pub(crate) fn core_len(&self) -> usize {
        self.nodes.len()
    }

    /// Unscaled betweenness of every node of the original graph (`n` nodes):
    /// the tree part plus the core part, the core's sources in fixed chunks
    /// (bit-identical for any thread count).
    pub(crate) fn raw_betweenness(&self, parallel: bool, progress: Option<&Progress>, n: usize) -> Vec<f64> {
        let core = batched_sums(self, self.nodes.len(), Some(&self.weight), parallel, progress, n);
        let mut total = self.tree_pairs.clone();
        for (&v, c) in self.nodes.iter().zip(core) {
            total[v as usize] += c;
        }
        if let Some(progress) = progress {
            progress.report(Task::Betweenness, n as u64, n as u64);
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Cost, SnapshotBuilder, Weighting};
    use crate::measures::betweenness::{Sweep, plain_raw_betweenness};
    use crate::random::Rng;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Snapshot {
        let mut b = SnapshotBuilder::undirected();
        for v in 0..n {
            b.add_node(&v.to_string());
        }
        for &(u, v) in edges {
            b.add_edge(&u.to_string(), &v.to_string(), 1.0).unwrap();
        }
        b.build()
    }

    /// Folded and plain sums agree within `1e-12` relative (of the largest
    /// value), serial and parallel give the same bits, and zeros stay zeros.
    fn check(g: &Snapshot) -> LeafFolding {
        let arcs = Sweep::new(g, Weighting::Unweighted, Cost::Hops).unwrap();
        let plain = plain_raw_betweenness(&arcs, false, None);
        let folding = LeafFolding::new(g).expect("the graph has a node of degree 1");
        let folded = folding.raw_betweenness(false, None, g.node_count());
        let parallel = folding.raw_betweenness(true, None, g.node_count());
        assert!(folded.iter().zip(&parallel).all(|(a, b)| a.to_bits() == b.to_bits()));
        let scale = plain.iter().fold(1.0f64, |m, &x| m.max(x.abs()));
        for (v, (a, b)) in folded.iter().zip(&plain).enumerate() {
            assert!((a - b).abs() <= 1e-12 * scale, "node {v}: folded {a} plain {b}\n{folded:?}\n{plain:?}");
            assert_eq!(*a == 0.0, *b == 0.0, "node {v}: folded {a} plain {b}");
        }
        folding
    }

    #[test]
    fn a_path_folds_to_one_node_and_counts_its_pairs() {
        // 0 - 1 - 2 - 3 - 4: ordered pairs through 1, 2, 3: 6, 8, 6.
        let g = graph(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let f = check(&g);
        assert_eq!(f.core_len(), 0);
        assert_eq!(f.raw_betweenness(false, None, 5), [0.0, 6.0, 8.0, 6.0, 0.0]);
    }

    #[test]
    fn a_star_counts_every_pair_of_leaves() {
        let g = graph(6, &[(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]);
        let f = check(&g);
        assert_eq!(f.raw_betweenness(false, None, 6), [20.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn trees_hanging_off_a_cycle() {
        // Cycle 0..5, a path 6 - 7 off 0, a star (8; 9, 10) off 3 through 8, a leaf 11 off 7.
        let mut edges = vec![(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)];
        edges.extend([(0, 6), (6, 7), (7, 11), (3, 8), (8, 9), (8, 10)]);
        let f = check(&graph(12, &edges));
        assert_eq!(f.core_len(), 5);
    }

    #[test]
    fn several_components_isolated_nodes_and_edges() {
        // A square with a tail, a lone edge, a tree, an isolated node, a triangle.
        let edges = [
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 0),
            (3, 4),
            (5, 6),
            (7, 8),
            (8, 9),
            (8, 10),
            (9, 11),
            (13, 14),
            (14, 15),
            (15, 13),
        ];
        let f = check(&graph(16, &edges));
        assert_eq!(f.core_len(), 7);
    }

    #[test]
    fn articulation_points_with_leaves() {
        // Two triangles sharing node 2, leaves on 0 and 4, a path 5 - 6 - 7 off 2.
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2), (0, 8), (4, 9), (2, 5), (5, 6), (6, 7)];
        check(&graph(10, &edges));
    }

    #[test]
    fn random_graphs_with_leaves_fold_to_the_plain_sums() {
        for (n, m, seed) in [(3, 2, 1), (12, 11, 2), (40, 45, 3), (130, 170, 4), (300, 420, 5), (500, 1500, 6)] {
            let mut rng = Rng::new(seed);
            let mut b = SnapshotBuilder::undirected();
            for v in 0..n {
                b.add_node(&v.to_string());
            }
            // A random tree (every node but 0 hangs off an earlier one), then more edges.
            for v in 1..n {
                let _ = b.add_edge(&v.to_string(), &rng.below(v).to_string(), 1.0);
            }
            for _ in n - 1..m {
                let (u, v) = (rng.below(n), rng.below(n));
                let _ = b.add_edge(&u.to_string(), &v.to_string(), 1.0);
            }
            check(&b.build());
        }
    }
}
