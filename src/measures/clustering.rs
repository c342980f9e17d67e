//! Local clustering coefficient (unweighted), as `networkx.clustering`.

use crate::error::Result;
use crate::graph::intersection_count;
use crate::graph::map_nodes_with;
use crate::graph::{Node, Parallelism, Snapshot};

/// Local clustering coefficient of `v`, ignoring weights.
///
/// Undirected: the share of pairs of `v`'s neighbours that are tied,
/// `2 T / (k (k - 1))`. Directed: Fagiolo's coefficient, as NetworkX,
/// `T / (2 (k_tot (k_tot - 1) - 2 k_bi))` where `T` counts the directed
/// triangles through `v`, `k_tot` = in-degree + out-degree and `k_bi` the
/// number of reciprocated neighbours.
///
/// # Returns
///
/// As NetworkX: 0 (not `None`) for a node with no triangle, degree 0 and 1
/// included; `None` only for a node out of range.
///
/// # Complexity
///
/// O(sum over neighbours `j` of `deg v + deg j`).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::node_clustering;
///
/// let mut b = SnapshotBuilder::undirected();
/// for (u, v) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
///     b.add_edge(u, v, 1.0)?;
/// }
/// let g = b.build();
/// assert_eq!(node_clustering(&g, 2), Some(1.0 / 3.0));
/// assert_eq!(node_clustering(&g, 3), Some(0.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Reference
///
/// Fagiolo, G. (2007). Clustering in complex directed networks. *Phys. Rev. E* 76, 026107.
pub fn node_clustering(graph: &Snapshot, v: Node) -> Option<f64> {
    if v as usize >= graph.node_count() {
        return None;
    }
    Some(clustering_of(graph, v))
}

fn clustering_of(g: &Snapshot, v: Node) -> f64 {
    if !g.is_directed() {
        let nv = g.neighbors(v);
        let k = nv.len();
        let t: usize = nv.iter().map(|&j| intersection_count(nv, g.neighbors(j))).sum();
        return if t == 0 { 0.0 } else { t as f64 / (k * (k - 1)) as f64 };
    }
    let (succ, pred) = (g.neighbors(v), g.in_neighbors(v));
    let mut t = 0usize;
    for &j in pred.iter().chain(succ) {
        let (js, jp) = (g.neighbors(j), g.in_neighbors(j));
        t += intersection_count(pred, jp)
            + intersection_count(pred, js)
            + intersection_count(succ, jp)
            + intersection_count(succ, js);
    }
    if t == 0 {
        return 0.0;
    }
    let total = pred.len() + succ.len();
    let both = intersection_count(pred, succ);
    t as f64 / ((total * (total - 1) - 2 * both) * 2) as f64
}

/// Local clustering coefficient of every node, in node order (see [`node_clustering`]).
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for `Parallelism::Threads(0)`.
///
/// # Complexity
///
/// O(sum over edges `uv` of `deg u + deg v`).
pub fn clustering(graph: &Snapshot, parallelism: Parallelism) -> Result<Vec<f64>> {
    parallelism.install(|par| map_nodes_with(graph.node_count(), par, || (), |_, v| clustering_of(graph, v)))
}
