//! Diversity of a node's contacts by an attribute: Blau's index and
//! Krackhardt and Stern's E-I index.
//!
//! A node's contacts are its distinct neighbours (in- and out-neighbours of a
//! directed graph); contacts without a group are left out.

use crate::graph::{Node, Snapshot};
use crate::measures::groups::Groups;

/// Blau's index of heterogeneity of `v`'s contacts: `1 - sum_k p_k^2`, with
/// `p_k` the share of (labelled) contacts in group `k`. 0 when all contacts
/// share one group, approaching 1 as they spread over many.
///
/// # Returns
///
/// `None` when `v` has no contact with a group (or is out of range).
///
/// # Complexity
///
/// O(deg v log deg v).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{Groups, blau_index};
///
/// let mut b = SnapshotBuilder::undirected();
/// for c in ["a", "b", "c", "d"] {
///     b.add_edge("ego", c, 1.0)?;
/// }
/// let g = b.build();
/// let groups = Groups::from_labels(&g, [None, Some("x"), Some("x"), Some("y"), Some("z")])?;
/// assert_eq!(blau_index(&g, &groups, 0), Some(1.0 - (0.25 + 0.0625 + 0.0625)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Reference
///
/// Blau, P. M. (1977). *Inequality and Heterogeneity.* Free Press.
pub fn blau_index(graph: &Snapshot, groups: &Groups, v: Node) -> Option<f64> {
    if v as usize >= graph.node_count() {
        return None;
    }
    let mut contacts = Vec::new();
    graph.all_neighbors_into(v, &mut contacts);
    let mut labels: Vec<u32> = contacts.iter().filter_map(|&u| groups.group(u)).collect();
    if labels.is_empty() {
        return None;
    }
    labels.sort_unstable();
    blau(labels.chunk_by(|a, b| a == b).map(<[u32]>::len))
}

/// Blau's index `1 - sum_k p_k^2` of group sizes, summed in the order
/// given (the one formula: [`blau_index`] and the prospecting stage's
/// industry diversity use it); `None` when all sizes are zero.
pub(crate) fn blau(counts: impl Iterator<Item = usize> + Clone) -> Option<f64> {
    let total: usize = counts.clone().sum();
    if total == 0 {
        return None;
    }
    let t = total as f64;
    let mut sum = 0.0;
    for c in counts {
        let p = c as f64 / t;
        sum += p * p;
    }
    Some(1.0 - sum)
}

/// Krackhardt and Stern's E-I index of `v`'s contacts: `(E - I) / (E + I)`
/// with `E` the contacts in another group than `v` and `I` those in `v`'s
/// group; -1 all inside, +1 all outside.
///
/// # Returns
///
/// `None` when `v` has no group, no contact with a group, or is out of range.
///
/// # Complexity
///
/// O(deg v).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{Groups, ei_index};
///
/// let mut b = SnapshotBuilder::undirected();
/// for c in ["a", "b", "c"] {
///     b.add_edge("ego", c, 1.0)?;
/// }
/// let g = b.build();
/// let groups = Groups::from_labels(&g, [Some("x"), Some("x"), Some("y"), Some("y")])?;
/// assert_eq!(ei_index(&g, &groups, 0), Some(1.0 / 3.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Reference
///
/// Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
/// crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.
pub fn ei_index(graph: &Snapshot, groups: &Groups, v: Node) -> Option<f64> {
    if v as usize >= graph.node_count() {
        return None;
    }
    let own = groups.group(v)?;
    let mut contacts = Vec::new();
    graph.all_neighbors_into(v, &mut contacts);
    let (mut external, mut internal) = (0i64, 0i64);
    for g in contacts.iter().filter_map(|&u| groups.group(u)) {
        if g == own {
            internal += 1;
        } else {
            external += 1;
        }
    }
    let total = external + internal;
    (total > 0).then(|| (external - internal) as f64 / total as f64)
}
