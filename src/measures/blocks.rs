//! Exact betweenness block by block: the biconnected components (blocks) and
//! articulation points of an undirected graph (Puzis, Zilberman and Elovici
//! 2012; Sariyüce, Saule, Kaya and Çatalyürek 2013, "articulation vertex
//! splitting"; degree-1 folding, Baglioni, Geraci, Pellegrini and Lastres
//! 2012, is the case of blocks of one edge).
//!
//! Every path between two nodes of a connected component runs through the
//! same sequence of blocks and articulation points (the path between them in
//! the block-cut tree), and its stretch inside a block is a shortest path
//! of that block between the entry and exit nodes. For a block `B` and a node
//! `x` of `B`, the *reach* `r_B(x)` is the number of nodes whose paths into
//! `B` enter at `x`: `x` itself and every node on `x`'s side away from `B`
//! (1 unless `x` is an articulation point). The betweenness of `v` (sum over
//! ordered pairs `(s, t)`, `s != t`, both other than `v`, of the share of
//! shortest `s`-`t` paths through `v`) is then the sum of:
//!
//! * **The cut part**, exact integers: removing `v` splits its component
//!   (`N` nodes) into sides of `a_1, ..., a_k` nodes (`sum a_i = N - 1`);
//!   every path between two sides runs through `v`: `(N - 1)^2 - sum a_i^2`
//!   ordered pairs (0 unless `v` is an articulation point).
//! * **The block parts**: in each block `B` of `v` with 3 nodes or more, for
//!   `x != y` in `B`, both other than `v`, `r_B(x) r_B(y)` times the share of
//!   shortest `x`-`y` paths of `B` through `v`: Brandes' algorithm on `B`
//!   with source and target weights `r_B` (the dependency recursion adds
//!   `r_B(t)` instead of 1 per target, each source's dependencies count
//!   `r_B(s)` times).
//!
//! Exact: the result differs from Brandes on the whole graph only by the
//! rounding of a different order of additions (a few units in the last place).

use crate::graph::{Csr, Ends, Node, Snapshot};
use crate::measures::betweenness::{Adjacency, batched_sums};
use crate::progress::{Progress, Task};

/// Compressed adjacency of one block, nodes numbered in the order of their
/// node numbers, neighbours sorted.
struct Block {
    /// The graph's node of each block node.
    nodes: Vec<Node>,
    adjacency: Csr,
    /// `r_B` of each block node.
    reach: Vec<f64>,
}

impl Adjacency for Block {
    #[inline]
    fn neighbors(&self, v: Node) -> &[Node] {
        self.adjacency.row(v)
    }
}

/// A block as the search finds it: its edges, the articulation point it
/// hangs from (`top`, its node nearest the search's root) and the child of
/// `top` it was entered through.
struct Found {
    edges: Vec<(Node, Node)>,
    top: Node,
    child: Node,
}

/// An undirected graph cut into its blocks: each node's cut part and the
/// blocks of 3 nodes or more (blocks of one edge have no inner nodes).
pub(crate) struct Blocks {
    /// Per node, the ordered pairs of the cut part (exact integers).
    cut_pairs: Vec<f64>,
    blocks: Vec<Block>,
}

const UNSEEN: u32 = u32::MAX;

impl Blocks {
    /// Cuts an undirected graph into blocks; `None` when that gains nothing
    /// (one block holds every edge, or there are no edges). Self-loops are ignored.
    ///
    /// Complexity: O(|V| + |E|) time and memory (one depth-first search, then
    /// one sort of each block's arcs).
    pub(crate) fn new(g: &Snapshot) -> Option<Self> {
        debug_assert!(!g.is_directed());
        let n = g.node_count();
        let mut disc = vec![UNSEEN; n];
        let mut low = vec![UNSEEN; n];
        let mut parent = vec![Node::MAX; n];
        let mut size = vec![1u64; n];
        // 1 + the nodes below `v` in blocks hanging from `v`; and the sum of
        // their squares, block by block.
        let mut own = vec![1u64; n];
        let mut child_squares = vec![0u128; n];
        // The component (its root) of each node, and each root's component size.
        let mut root_of = vec![Node::MAX; n];
        let mut found: Vec<Found> = Vec::new();
        let mut edge_stack: Vec<(Node, Node)> = Vec::new();
        let mut frames: Vec<(Node, usize)> = Vec::new();
        let mut time = 0u32;
        for root in g.nodes() {
            if disc[root as usize] != UNSEEN {
                continue;
            }
            disc[root as usize] = time;
            low[root as usize] = time;
            time += 1;
            root_of[root as usize] = root;
            frames.push((root, 0));
            while let Some(frame) = frames.last_mut() {
                let v = frame.0;
                let arcs = g.neighbors(v);
                if let Some(&w) = arcs.get(frame.1) {
                    frame.1 += 1;
                    if w == v {
                        continue;
                    }
                    if disc[w as usize] == UNSEEN {
                        disc[w as usize] = time;
                        low[w as usize] = time;
                        time += 1;
                        parent[w as usize] = v;
                        root_of[w as usize] = root;
                        edge_stack.push((v, w));
                        frames.push((w, 0));
                    } else if w != parent[v as usize] && disc[w as usize] < disc[v as usize] {
                        low[v as usize] = low[v as usize].min(disc[w as usize]);
                        edge_stack.push((v, w));
                    }
                    continue;
                }
                frames.pop();
                let Some(&(u, _)) = frames.last() else { break };
                size[u as usize] += size[v as usize];
                low[u as usize] = low[u as usize].min(low[v as usize]);
                if low[v as usize] >= disc[u as usize] {
                    // `u` separates `v`'s subtree: a block ends here.
                    own[u as usize] += size[v as usize];
                    child_squares[u as usize] += u128::from(size[v as usize]) * u128::from(size[v as usize]);
                    let mut edges = Vec::new();
                    while let Some(e) = edge_stack.pop() {
                        edges.push(e);
                        if e == (u, v) {
                            break;
                        }
                    }
                    found.push(Found { edges, top: u, child: v });
                }
            }
        }
        if found.len() < 2 {
            return None;
        }

        let cut_pairs = (0..n)
            .map(|v| {
                let total = u128::from(size[root_of[v] as usize]);
                let all = total - 1;
                // The side above `v` (none for a root).
                let above = if root_of[v] == v as Node { 0 } else { total - u128::from(own[v]) };
                (all * all - above * above - child_squares[v]) as f64
            })
            .collect();

        let mut local = vec![Node::MAX; n];
        let mut blocks = Vec::new();
        for f in found {
            if f.edges.len() < 2 {
                continue; // one edge: no inner node
            }
            let mut nodes: Vec<Node> = f.edges.iter().flat_map(|&(a, b)| [a, b]).collect();
            nodes.sort_unstable();
            nodes.dedup();
            for (i, &x) in nodes.iter().enumerate() {
                local[x as usize] = i as Node;
            }
            let edges: Vec<(Node, Node, f64)> =
                f.edges.iter().map(|&(a, b)| (local[a as usize], local[b as usize], 1.0)).collect();
            let adjacency = Csr::from_arcs(nodes.len(), std::slice::from_ref(&edges), Ends::Both, false);
            let total = size[root_of[f.top as usize] as usize];
            let reach = nodes
                .iter()
                .map(|&x| if x == f.top { (total - size[f.child as usize]) as f64 } else { own[x as usize] as f64 })
                .collect();
            for &x in &nodes {
                local[x as usize] = Node::MAX;
            }
            blocks.push(Block { nodes, adjacency, reach });
        }
        Some(Blocks { cut_pairs, blocks })
    }

    /// Unscaled betweenness of every node of the graph (`n` nodes): the cut
    /// part plus each block's part, blocks in a fixed order, each block's
    /// sources in fixed chunks (bit-identical for any thread count).
    pub(crate) fn raw_betweenness(&self, parallel: bool, progress: Option<&Progress>, n: usize) -> Vec<f64> {
        let mut total = self.cut_pairs.clone();
        let mut done = 0usize;
        let arch = pulp::Arch::new();
        for b in &self.blocks {
            let m = b.nodes.len();
            // Small blocks are not worth a thread's start; the bits are the same.
            let sums = batched_sums(arch, b, m, Some(&b.reach), parallel && m >= 256, None, m);
            for (&v, s) in b.nodes.iter().zip(sums) {
                total[v as usize] += s;
            }
            done += m;
            if let Some(progress) = progress
                && m >= 256
            {
                progress.report(Task::Betweenness, done.min(n) as u64, n as u64);
            }
        }
        if let Some(progress) = progress {
            progress.report(Task::Betweenness, n as u64, n as u64);
        }
        total
    }

    /// Number of blocks of 3 nodes or more, and the nodes of the largest.
    #[cfg(test)]
    pub(crate) fn shape(&self) -> (usize, usize) {
        (self.blocks.len(), self.blocks.iter().map(|b| b.nodes.len()).max().unwrap_or(0))
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

    /// Split and plain sums agree within `1e-12` relative (of the largest
    /// value), serial and parallel give the same bits, and zeros stay zeros.
    fn check(g: &Snapshot) -> Blocks {
        let arcs = Sweep::new(g, Weighting::Unweighted, Cost::Hops).unwrap();
        let plain = plain_raw_betweenness(&arcs, false, None);
        let folding = Blocks::new(g).expect("the graph has more than one block");
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
        assert_eq!(f.shape(), (0, 0));
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
        assert_eq!(f.shape(), (1, 5));
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
        assert_eq!(f.shape(), (2, 4));
    }

    #[test]
    fn articulation_points_with_leaves() {
        // Two triangles sharing node 2, leaves on 0 and 4, a path 5 - 6 - 7 off 2.
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2), (0, 8), (4, 9), (2, 5), (5, 6), (6, 7)];
        let f = check(&graph(10, &edges));
        assert_eq!(f.shape(), (2, 3));
    }

    #[test]
    fn cycles_chained_by_cut_vertices() {
        // Squares 0-1-2-3, 3-4-5-6, 6-7-8-9 in a chain; triangles 0-10-11 and
        // 0-12-13 on node 0 (the search's root, with three blocks below it);
        // a pentagon 4-14-15-16-17 on node 4 with a leaf 18 on 15.
        let mut edges = vec![(0, 1), (1, 2), (2, 3), (3, 0), (3, 4), (4, 5), (5, 6), (6, 3), (6, 7), (7, 8), (8, 9)];
        edges.extend([(9, 6), (0, 10), (10, 11), (11, 0), (0, 12), (12, 13), (13, 0)]);
        edges.extend([(4, 14), (14, 15), (15, 16), (16, 17), (17, 4), (15, 18)]);
        let f = check(&graph(19, &edges));
        assert_eq!(f.shape(), (6, 5));
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
