//! The stage layer's access to the measures and paths below it.

use petgraph::graph::NodeIndex;

use crate::error::{Error, Result};
use crate::graph::{Cost, Node, Snapshot, Ties, ViewSnapshot, Weighting};
use crate::measures::{self, ApproxOptions, BetweennessOptions, StructuralHoles};
use crate::model::{AsOf, NetworkView};
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

    /// The people who do not share their relationships
    /// ([`Sharing::No`](crate::Sharing::No)), other than the owner: no path
    /// shown to the owner may pass through them.
    pub(crate) fn private_others(&self, owner: NodeIndex) -> Vec<Node> {
        private_others(&self.view, owner)
    }

    /// The portfolio node of a snapshot node.
    pub(crate) fn back(&self, v: Node) -> NodeIndex {
        self.view.portfolio_node(v)
    }
}

/// The snapshot nodes of the people who do not share their relationships,
/// other than `owner` (who keeps their own ties for their own reports).
pub(crate) fn private_others(view: &ViewSnapshot<'_>, owner: NodeIndex) -> Vec<Node> {
    let networks = view.networks();
    networks
        .graph()
        .node_indices()
        .filter(|&n| n != owner && !networks.contact_at(n).share.is_yes())
        .filter_map(|n| view.node(n))
        .collect()
}

/// The snapshot nodes of everyone who does not share their relationships,
/// in node order: [`private_others`] for every owner at once (drop the
/// owner's own node).
pub(crate) fn private_people(view: &ViewSnapshot<'_>) -> Vec<Node> {
    let networks = view.networks();
    networks
        .graph()
        .node_indices()
        .filter(|&n| !networks.contact_at(n).share.is_yes())
        .filter_map(|n| view.node(n))
        .collect()
}

/// A path of snapshot nodes as contact ids (and names) with its strength.
pub(crate) fn path_summary(view: &ViewSnapshot<'_>, path: &[Node]) -> PathSummary {
    let g = view.snapshot();
    let strength = path.windows(2).map(|w| g.edge_weight(w[0], w[1]).unwrap_or(0.0)).product();
    PathSummary {
        nodes: path.iter().map(|&v| view.contact_id(v)).collect(),
        names: path.iter().map(|&v| view.contact(v).name.clone()).collect(),
        strength,
        hops: path.len().saturating_sub(1),
    }
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

/// The strongest path (greatest product of strengths: the `neglog` cost;
/// fewer hops break ties) from `source` to each target over at most
/// `max_hops` ties, never through `avoid`. One exact hop-limited label
/// search serves all targets.
pub(crate) fn strongest_paths(
    g: &Snapshot,
    source: Node,
    targets: &[Node],
    avoid: &[Node],
    max_hops: usize,
) -> Vec<Option<Vec<Node>>> {
    let options = PathOptions::new().cost(Cost::NegLog).avoid(avoid.iter().copied()).max_hops(max_hops);
    // Stage snapshots hold strengths in [0, 1] and valid nodes: the search cannot fail.
    PathFinder::new(g)
        .best_many(&[source], targets, &options)
        .map(|paths| paths.into_iter().map(|p| p.map(|p| p.nodes)).collect())
        .unwrap_or_else(|_| vec![None; targets.len()])
}
