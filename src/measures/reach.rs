//! Reach by hop: who is one, two, ... introductions away.

use crate::error::Result;
use crate::graph::map_nodes_with;
use crate::graph::{Node, Parallelism, Snapshot};

/// The layers around `v` from near to far: `layers[0]` holds the nodes one
/// hop away, `layers[1]` those two hops away, and so on, each sorted by node
/// number, up to `max_hops` layers (`usize::MAX` for all). Directed graphs
/// follow arcs forward. Weights are ignored (every tie counts, weight 0 too).
///
/// Empty for an isolate or a node out of range.
///
/// # Complexity
///
/// O(|V| + |E|) for all layers (a breadth-first search).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::reach_by_hop;
///
/// let mut b = SnapshotBuilder::undirected();
/// for (u, v) in [("a", "b"), ("a", "c"), ("c", "d")] {
///     b.add_edge(u, v, 1.0)?;
/// }
/// assert_eq!(reach_by_hop(&b.build(), 0, usize::MAX), [vec![1, 2], vec![3]]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reach_by_hop(graph: &Snapshot, v: Node, max_hops: usize) -> Vec<Vec<Node>> {
    let n = graph.node_count();
    let mut layers: Vec<Vec<Node>> = Vec::new();
    if v as usize >= n {
        return layers;
    }
    let mut seen = vec![false; n];
    seen[v as usize] = true;
    let mut frontier = vec![v];
    while layers.len() < max_hops {
        let mut next = Vec::new();
        for &u in &frontier {
            for &w in graph.neighbors(u) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    next.push(w);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        next.sort_unstable();
        layers.push(next.clone());
        frontier = next;
    }
    layers
}

/// The number of nodes within two hops of `v` (`v` excluded): its contacts
/// and their contacts. Directed graphs follow arcs forward. 0 for a node out
/// of range.
///
/// # Complexity
///
/// O(k log k) with k the number of two-paths from `v`; no O(|V|) work.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::two_step_reach;
///
/// let mut b = SnapshotBuilder::undirected();
/// for (u, v) in [("a", "b"), ("b", "c"), ("c", "d")] {
///     b.add_edge(u, v, 1.0)?;
/// }
/// assert_eq!(two_step_reach(&b.build(), 0), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn two_step_reach(graph: &Snapshot, v: Node) -> usize {
    two_step_with(graph, v, &mut Vec::new())
}

fn two_step_with(graph: &Snapshot, v: Node, buf: &mut Vec<Node>) -> usize {
    if v as usize >= graph.node_count() {
        return 0;
    }
    buf.clear();
    for &u in graph.neighbors(v) {
        buf.push(u);
        buf.extend(graph.neighbors(u).iter().copied().filter(|&w| w != v));
    }
    buf.sort_unstable();
    buf.dedup();
    buf.len()
}

/// [`two_step_reach`] of every node, in node order.
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for `Parallelism::Threads(0)`.
pub fn two_step_reaches(graph: &Snapshot, parallelism: Parallelism) -> Result<Vec<usize>> {
    parallelism.install(|par| map_nodes_with(graph.node_count(), par, Vec::new, |b, v| two_step_with(graph, v, b)))
}
