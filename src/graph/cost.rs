//! Edge costs and weightings shared by betweenness and path queries.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{Csr, Node, Snapshot};

/// How a tie's weight (strength) becomes a cost for shortest paths.
///
/// | cost | cost of a tie of weight `w` | best path |
/// |---|---|---|
/// | `Hops` | 1 | fewest introductions |
/// | `Inverse` | `1 / w` | strong ties preferred, weak ties dearer |
/// | `NegLog` | `-ln w` | greatest product of strengths: the chain most likely to hold |
///
/// A tie of weight 0 is no tie for paths under every cost. `NegLog` needs
/// weights in `[0, 1]` (strengths); see [`Cost::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cost {
    /// Every usable tie costs 1.
    Hops,
    /// A tie costs `1 / weight`.
    #[default]
    Inverse,
    /// A tie costs `-ln(weight)`.
    NegLog,
}

impl Cost {
    /// The cost of a tie of this weight; `None` if the tie is unusable (weight 0).
    #[inline]
    pub fn of(self, weight: f64) -> Option<f64> {
        if weight <= 0.0 {
            return None;
        }
        Some(match self {
            Cost::Hops => 1.0,
            Cost::Inverse => 1.0 / weight,
            Cost::NegLog => -weight.ln(),
        })
    }

    /// Checks that every weight of `graph` gives a non-negative cost (for
    /// `NegLog`: no weight above 1).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the first offending edge.
    pub fn check(self, graph: &Snapshot) -> Result<()> {
        // Every edge is an out-arc, so a weight above 1 is in the out-rows'
        // weights if anywhere (scanned on the pool); only then is the first
        // such edge looked for, to name it.
        if self != Cost::NegLog || !graph.out.weights.as_deref().is_some_and(any_above_one) {
            return Ok(());
        }
        match graph.edges().find(|&(_, _, w)| w > 1.0) {
            None => Ok(()),
            Some((u, v, w)) => Err(Error::InvalidArgument {
                name: "cost",
                reason: format!(
                    "neglog needs weights in [0, 1], but `{}` - `{}` has weight {w}",
                    graph.id(u),
                    graph.id(v)
                ),
            }),
        }
    }

    /// The lowercase name (`hops`, `inverse`, `neglog`).
    pub fn as_str(self) -> &'static str {
        match self {
            Cost::Hops => "hops",
            Cost::Inverse => "inverse",
            Cost::NegLog => "neglog",
        }
    }
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Cost {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "hops" => Ok(Cost::Hops),
            "inverse" => Ok(Cost::Inverse),
            "neglog" => Ok(Cost::NegLog),
            other => Err(Error::InvalidArgument {
                name: "cost",
                reason: format!("`{other}` is not one of hops, inverse, neglog"),
            }),
        }
    }
}

/// The costs of a snapshot's arcs under one [`Cost`], computed once and laid
/// out parallel to its adjacency: `out_costs(v)[i]` is the cost of the arc
/// `v -> graph.neighbors(v)[i]`, `in_costs(v)[i]` that of
/// `graph.in_neighbors(v)[i] -> v`. An unusable tie (weight 0) costs
/// `f64::INFINITY`; a cost of `-0.0` (`-ln 1`) is stored as `+0.0`, so sums
/// and orderings (`total_cmp`) never see a negative zero.
///
/// Betweenness (one per sweep) and the path finder (one per [`Cost`] it has
/// used) share it.
///
/// # Complexity
///
/// O(V + E) time to build; 8 bytes per arc (twice for a directed graph,
/// which keeps in-arcs too).
#[derive(Debug, Clone)]
pub(crate) struct ArcCosts<'g> {
    graph: &'g Snapshot,
    /// Parallel to the snapshot's out-adjacency.
    out: Vec<f64>,
    /// Parallel to the in-adjacency of a directed snapshot; empty if
    /// undirected (in-arcs are the out-arcs).
    inc: Vec<f64>,
}

/// Whether any of `weights` is above 1 (on the pool for many weights).
fn any_above_one(weights: &[f64]) -> bool {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        weights.par_iter().with_min_len(1 << 14).any(|&w| w > 1.0)
    }
    #[cfg(not(feature = "rayon"))]
    {
        weights.iter().any(|&w| w > 1.0)
    }
}

/// `price` of each weight, in order (on the pool for many weights; each
/// cost is the same whichever thread computes it).
fn priced(weights: &[f64], price: impl Fn(f64) -> f64 + Sync + Send) -> Vec<f64> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        weights.par_iter().with_min_len(1 << 14).map(|&w| price(w)).collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        weights.iter().map(|&w| price(w)).collect()
    }
}

impl<'g> ArcCosts<'g> {
    /// The costs of every arc of `graph` under `cost`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] as [`Cost::check`]: a negative cost
    /// ([`Cost::NegLog`] on a weight above 1), naming the first such edge.
    pub(crate) fn new(graph: &'g Snapshot, cost: Cost) -> Result<Self> {
        cost.check(graph)?;
        // `+ 0.0` turns the -0.0 of `-ln 1` into +0.0.
        let price = |w: f64| cost.of(w).map_or(f64::INFINITY, |c| c + 0.0);
        // Arc by arc, as the rows hold them (weight 1 if unweighted).
        let prices = |csr: &Csr| match &csr.weights {
            Some(w) => priced(w, price),
            None => vec![price(1.0); csr.targets.len()],
        };
        let out = prices(&graph.out);
        let inc = match &graph.inc {
            Some(inc) if graph.is_directed() => prices(inc),
            _ => Vec::new(),
        };
        Ok(Self { graph, out, inc })
    }

    /// Costs of the out-arcs of `v`, parallel to `graph.neighbors(v)`.
    #[inline]
    pub(crate) fn out_costs(&self, v: Node) -> &[f64] {
        &self.out[self.graph.out.range(v)]
    }

    /// Costs of the in-arcs of `v`, parallel to `graph.in_neighbors(v)`.
    #[inline]
    pub(crate) fn in_costs(&self, v: Node) -> &[f64] {
        match &self.graph.inc {
            Some(inc) => &self.inc[inc.range(v)],
            None => self.out_costs(v),
        }
    }

    /// The cost of the arc `u -> v`, if there is one and it is usable.
    pub(crate) fn arc(&self, u: Node, v: Node) -> Option<f64> {
        let i = self.graph.neighbors(u).binary_search(&v).ok()?;
        let c = self.out_costs(u)[i];
        c.is_finite().then_some(c)
    }
}

/// Whether a measure uses edge weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// Every edge counts 1.
    #[default]
    Unweighted,
    /// Edge weights are tie strengths (Burt's tie investment).
    Strength,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_weight_is_no_tie() {
        for c in [Cost::Hops, Cost::Inverse, Cost::NegLog] {
            assert_eq!(c.of(0.0), None);
        }
        assert_eq!(Cost::Inverse.of(0.5), Some(2.0));
        assert_eq!(Cost::NegLog.of(1.0), Some(-0.0));
    }

    #[test]
    fn arc_costs_follow_the_adjacency() {
        let mut b = crate::graph::SnapshotBuilder::directed();
        b.add_edge("a", "b", 1.0).unwrap();
        b.add_edge("a", "c", 0.5).unwrap();
        b.add_edge("c", "a", 0.0).unwrap();
        let g = b.build();
        let (a, bb, c) = (g.require("a").unwrap(), g.require("b").unwrap(), g.require("c").unwrap());
        let arcs = ArcCosts::new(&g, Cost::NegLog).unwrap();
        // -ln 1 is stored as +0.0.
        assert_eq!(arcs.out_costs(a)[0].to_bits(), 0.0f64.to_bits());
        assert_eq!(arcs.out_costs(a)[1], 0.5f64.ln().abs());
        assert_eq!(arcs.out_costs(c), [f64::INFINITY]);
        assert_eq!(arcs.in_costs(a), [f64::INFINITY]);
        assert_eq!(arcs.in_costs(bb), [0.0]);
        assert_eq!(arcs.arc(a, bb), Some(0.0));
        assert_eq!(arcs.arc(c, a), None);
        assert_eq!(arcs.arc(bb, a), None);
    }

    #[test]
    fn a_negative_cost_names_the_edge() {
        let mut b = crate::graph::SnapshotBuilder::undirected();
        b.add_edge("a", "b", 0.5).unwrap();
        b.add_edge("b", "c", 2.0).unwrap();
        let g = b.build();
        let err = ArcCosts::new(&g, Cost::NegLog).unwrap_err().to_string();
        assert!(err.contains("`b` - `c` has weight 2"), "{err}");
        assert!(ArcCosts::new(&g, Cost::Inverse).is_ok());
    }
}
