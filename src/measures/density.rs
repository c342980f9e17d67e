//! Graph density, ego density and density within and between groups.

use serde::Serialize;

use crate::error::Result;
use crate::graph::intersection_count;
use crate::graph::map_nodes_with;
use crate::graph::{Node, Parallelism, Snapshot};
use crate::measures::groups::Groups;

/// Graph density: the share of possible ties that exist.
///
/// `m / (n (n - 1) / 2)` for an undirected graph, `m / (n (n - 1))` for a
/// directed one, 0 for fewer than 2 nodes (as `networkx.density`).
///
/// # Complexity
///
/// O(1).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::density;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// b.add_edge("b", "c", 1.0)?;
/// assert_eq!(density(&b.build()), 2.0 / 3.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn density(graph: &Snapshot) -> f64 {
    graph.density()
}

/// Ego density of `v`: the density among its contacts, `v` itself excluded.
///
/// The contacts are the distinct neighbours (in- and out-neighbours for a
/// directed graph); the density is that of the subgraph they induce, as
/// `networkx.density(G.subgraph(contacts))`: ties among them over
/// `k (k - 1) / 2` (undirected) or arcs among them over `k (k - 1)`
/// (directed). Weights are ignored.
///
/// # Returns
///
/// `None` for a node with fewer than 2 contacts (and for a node out of range).
///
/// # Complexity
///
/// O(sum of the degrees of `v`'s contacts), no allocation beyond one list of contacts.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::ego_density;
///
/// let mut b = SnapshotBuilder::undirected();
/// for (u, v) in [("ego", "a"), ("ego", "b"), ("ego", "c"), ("a", "b")] {
///     b.add_edge(u, v, 1.0)?;
/// }
/// let g = b.build();
/// assert_eq!(ego_density(&g, 0), Some(1.0 / 3.0));
/// assert_eq!(ego_density(&g, 3), None); // `c` has one contact
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ego_density(graph: &Snapshot, v: Node) -> Option<f64> {
    if v as usize >= graph.node_count() {
        return None;
    }
    ego_density_with(graph, v, &mut Vec::new())
}

fn ego_density_with(graph: &Snapshot, v: Node, contacts: &mut Vec<Node>) -> Option<f64> {
    graph.all_neighbors_into(v, contacts);
    let k = contacts.len();
    if k < 2 {
        return None;
    }
    // Undirected: each tie among contacts is seen from both ends; directed:
    // each arc once, from its tail.
    let ties: usize = contacts.iter().map(|&j| intersection_count(graph.neighbors(j), contacts)).sum();
    Some(ties as f64 / (k * (k - 1)) as f64)
}

/// Ego density of every node, in node order (see [`ego_density`]).
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for `Parallelism::Threads(0)`.
///
/// # Complexity
///
/// O(sum over nodes of the degrees of their contacts).
pub fn ego_densities(graph: &Snapshot, parallelism: Parallelism) -> Result<Vec<Option<f64>>> {
    parallelism
        .install(|par| map_nodes_with(graph.node_count(), par, Vec::new, |buf, v| ego_density_with(graph, v, buf)))
}

/// Densities within and between the groups of a node attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupDensity {
    /// Group labels, by group number.
    pub labels: Vec<String>,
    /// Number of nodes in each group.
    pub sizes: Vec<usize>,
    /// `ties[g][h]`: ties between groups `g` and `h` (undirected: symmetric,
    /// `ties[g][g]` the ties within `g`); directed: arcs from `g` to `h`.
    pub ties: Vec<Vec<usize>>,
    /// `density[g][h]`: `ties[g][h]` over the possible ones: `n_g (n_g - 1) / 2`
    /// within a group (`n_g (n_g - 1)` directed) and `n_g n_h` between two
    /// groups; `None` where no tie is possible.
    pub density: Vec<Vec<Option<f64>>>,
}

/// Density within and between groups given a node attribute.
///
/// Nodes without a group are left out.
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) if `groups` was
/// made for a graph with another number of nodes.
///
/// # Complexity
///
/// O(|V| + |E| + G²) for G groups.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{Groups, group_density};
///
/// let mut b = SnapshotBuilder::undirected();
/// for (u, v) in [("a1", "a2"), ("a2", "b1"), ("b1", "b2")] {
///     b.add_edge(u, v, 1.0)?;
/// }
/// let g = b.build();
/// let groups = Groups::from_labels(&g, [Some("a"), Some("a"), Some("b"), Some("b")])?;
/// let d = group_density(&g, &groups)?;
/// assert_eq!(d.density[0][0], Some(1.0));
/// assert_eq!(d.density[0][1], Some(0.25));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn group_density(graph: &Snapshot, groups: &Groups) -> Result<GroupDensity> {
    groups.check(graph)?;
    let k = groups.group_count();
    let mut sizes = vec![0usize; k];
    for v in graph.nodes() {
        if let Some(g) = groups.group(v) {
            sizes[g as usize] += 1;
        }
    }
    let mut ties = vec![vec![0usize; k]; k];
    for (u, v, _) in graph.edges() {
        if let (Some(a), Some(b)) = (groups.group(u), groups.group(v)) {
            ties[a as usize][b as usize] += 1;
            if !graph.is_directed() && a != b {
                ties[b as usize][a as usize] += 1;
            }
        }
    }
    let directed = graph.is_directed();
    let density = (0..k)
        .map(|a| {
            (0..k)
                .map(|b| {
                    let possible = if a == b {
                        let n = sizes[a];
                        if directed { n * n.saturating_sub(1) } else { n * n.saturating_sub(1) / 2 }
                    } else {
                        sizes[a] * sizes[b]
                    };
                    (possible > 0).then(|| ties[a][b] as f64 / possible as f64)
                })
                .collect()
        })
        .collect();
    Ok(GroupDensity { labels: groups.labels().to_vec(), sizes, ties, density })
}
