//! The stage layer's access to the measures and paths below it.

use petgraph::graph::NodeIndex;

use crate::error::{Error, Result};
use crate::graph::{Cost, Node, Snapshot, SnapshotBuilder, Ties, ViewSnapshot, Weighting};
use crate::measures::{self, ApproxOptions, BetweennessOptions, StructuralHoles};
use crate::model::{AsOf, ContactId, NetworkView};
use crate::paths::{PathFinder, PathOptions};
use crate::stages::common::PathSummary;

/// An owner's active-tie snapshot of a view: the snapshot with its map back
/// to contacts, and the owner's node in it.
pub(crate) struct StageGraph<'a> {
    pub(crate) view: ViewSnapshot<'a>,
    /// The owner's node in the snapshot.
    pub(crate) owner: Node,
}

impl<'a> StageGraph<'a> {
    /// The view's contacts and its ties of strength above 0 as of the date;
    /// `owner` must be in the view.
    pub(crate) fn active(as_of: &AsOf<'a>, view: &NetworkView<'a>, owner: NodeIndex) -> Result<Self> {
        let view = as_of.snapshot(view, Ties::Active);
        let owner = view.node(owner).ok_or_else(|| Error::InvalidArgument {
            name: "owner",
            reason: "the owner is not in the network view".to_string(),
        })?;
        Ok(Self { view, owner })
    }

    /// The snapshot.
    pub(crate) fn snapshot(&self) -> &Snapshot {
        self.view.snapshot()
    }

    /// The snapshot node of a portfolio node, if it is in the view.
    pub(crate) fn of(&self, n: NodeIndex) -> Option<Node> {
        self.view.node(n)
    }

    /// The portfolio node of a snapshot node.
    pub(crate) fn back(&self, v: Node) -> NodeIndex {
        self.view.portfolio_node(v)
    }

    /// The contact id of a snapshot node.
    pub(crate) fn contact_id(&self, v: Node) -> ContactId {
        self.view.contact_id(v)
    }

    /// A path of snapshot nodes as contact ids with its strength.
    pub(crate) fn path_summary(&self, path: &[Node]) -> PathSummary {
        path_summary(&self.view, path)
    }
}

/// A path of snapshot nodes as contact ids with its strength.
pub(crate) fn path_summary(view: &ViewSnapshot<'_>, path: &[Node]) -> PathSummary {
    let g = view.snapshot();
    let strength = path.windows(2).map(|w| g.edge_weight(w[0], w[1]).unwrap_or(0.0)).product();
    PathSummary {
        nodes: path.iter().map(|&v| view.contact_id(v)).collect(),
        strength,
        hops: path.len().saturating_sub(1),
    }
}

/// Blau's index `1 - sum p^2` of group counts; `None` when all are zero.
pub(crate) fn blau(counts: impl Iterator<Item = usize> + Clone) -> Option<f64> {
    let total: usize = counts.clone().sum();
    if total == 0 {
        return None;
    }
    let t = total as f64;
    Some(1.0 - counts.map(|c| (c as f64 / t).powi(2)).sum::<f64>())
}

/// Share of shortest routes (by number of ties) from `source` to each of
/// `targets` that runs through each node.
#[derive(Debug, Clone, Default)]
pub(crate) struct RouteShare {
    /// Sum over targets of the share of shortest routes through the node.
    pub(crate) total: f64,
    /// Targets with at least one shortest route through the node, in target order.
    pub(crate) targets: Vec<Node>,
}

/// For every node, the share of shortest routes from `source` to each
/// target that passes through it (the source and the target themselves
/// excluded): the single-source, target-restricted dependency of Brandes.
pub(crate) fn route_shares(g: &Snapshot, source: Node, targets: &[Node]) -> Vec<RouteShare> {
    let n = g.node_count();
    let mut shares = vec![RouteShare::default(); n];
    if n == 0 {
        return shares;
    }
    // BFS from the source counting shortest routes.
    let mut dist = vec![usize::MAX; n];
    let mut sigma = vec![0f64; n];
    let mut order = Vec::with_capacity(n);
    dist[source as usize] = 0;
    sigma[source as usize] = 1.0;
    let mut queue = std::collections::VecDeque::from([source]);
    while let Some(v) = queue.pop_front() {
        order.push(v);
        for &w in g.neighbors(v) {
            if dist[w as usize] == usize::MAX {
                dist[w as usize] = dist[v as usize] + 1;
                queue.push_back(w);
            }
            if dist[w as usize] == dist[v as usize] + 1 {
                sigma[w as usize] += sigma[v as usize];
            }
        }
    }
    // One backward pass per target keeps each target's contributions apart.
    for &t in targets {
        if t == source || dist[t as usize] == usize::MAX {
            continue;
        }
        // through[v]: number of shortest source-t routes through v.
        let mut through = vec![0f64; n];
        through[t as usize] = 1.0; // routes from v to t, scaled below
        for &v in order.iter().rev() {
            if through[v as usize] == 0.0 {
                continue;
            }
            for &u in g.neighbors(v) {
                if dist[u as usize] != usize::MAX && dist[u as usize] + 1 == dist[v as usize] {
                    through[u as usize] += through[v as usize];
                }
            }
        }
        let total = sigma[t as usize];
        for v in 0..n {
            let routes_via = sigma[v] * through[v];
            if v as Node != source && v as Node != t && routes_via > 0.0 {
                shares[v].total += routes_via / total;
                shares[v].targets.push(t);
            }
        }
    }
    shares
}

/// `g` without node `v` (and its ties): the remaining nodes keep their
/// order; the second vector maps each new node back to its node in `g`.
pub(crate) fn without(g: &Snapshot, v: Node) -> (Snapshot, Vec<Node>) {
    let mut b = SnapshotBuilder::undirected();
    let mut back = Vec::with_capacity(g.node_count().saturating_sub(1));
    for u in g.nodes().filter(|&u| u != v) {
        b.add_node(g.id(u));
        back.push(u);
    }
    for (a, c, w) in g.edges() {
        if a != v && c != v {
            // Edges of a valid snapshot cannot be rejected again.
            let _ = b.add_edge(g.id(a), g.id(c), w);
        }
    }
    if g.is_weighted() {
        b.weighted();
    }
    (b.build(), back)
}

/// Nodes cut off from the largest remaining group when `v` is removed.
pub(crate) fn cut_off(g: &Snapshot, v: Node) -> usize {
    let n = g.node_count();
    let mut seen = vec![false; n];
    seen[v as usize] = true;
    let mut largest = 0usize;
    let mut total = 0usize;
    for s in g.nodes() {
        if seen[s as usize] {
            continue;
        }
        let mut size = 0usize;
        let mut stack = vec![s];
        seen[s as usize] = true;
        while let Some(x) = stack.pop() {
            size += 1;
            for &y in g.neighbors(x) {
                if !seen[y as usize] {
                    seen[y as usize] = true;
                    stack.push(y);
                }
            }
        }
        largest = largest.max(size);
        total += size;
    }
    total - largest
}

/// The owner's (or anyone's) ego density, unweighted.
pub(crate) fn ego_density(g: &Snapshot, v: Node) -> Option<f64> {
    measures::ego_density(g, v)
}

/// Burt's measures of one node.
pub(crate) fn structural_holes(g: &Snapshot, v: Node, weighting: Weighting) -> StructuralHoles {
    measures::node_structural_holes(g, v, weighting)
}

/// People within two ties of `v`.
pub(crate) fn two_step_reach(g: &Snapshot, v: Node) -> usize {
    measures::two_step_reach(g, v)
}

/// Unweighted betweenness, normalized as NetworkX does: exact up to
/// `exact_limit` nodes, sampled above (Riondato-Kornaropoulos, epsilon 0.01,
/// delta 0.1, a fixed seed: deterministic).
pub(crate) fn betweenness(g: &Snapshot, exact_limit: usize) -> Vec<f64> {
    let options = BetweennessOptions::new();
    // Unweighted betweenness with valid options cannot fail.
    let values = if g.node_count() <= exact_limit {
        measures::betweenness(g, &options)
    } else {
        measures::approximate_betweenness(g, &options, &ApproxOptions::new()).map(|a| a.values)
    };
    values.unwrap_or_else(|_| vec![0.0; g.node_count()])
}

/// Cut points.
pub(crate) fn articulation_points(g: &Snapshot) -> Vec<Node> {
    measures::articulation_points(g)
}

/// The strongest path (greatest product of strengths: the `neglog` cost)
/// from `source` to each target, never through `avoid`. One search serves
/// all targets.
pub(crate) fn strongest_paths(
    g: &Snapshot,
    source: Node,
    targets: &[Node],
    avoid: Option<Node>,
) -> Vec<Option<Vec<Node>>> {
    let options = PathOptions::new().cost(Cost::NegLog).avoid(avoid);
    // Stage snapshots hold strengths in [0, 1] and valid nodes: the search cannot fail.
    PathFinder::new(g)
        .best_many(&[source], targets, &options)
        .map(|paths| paths.into_iter().map(|p| p.map(|p| p.nodes)).collect())
        .unwrap_or_else(|_| vec![None; targets.len()])
}
