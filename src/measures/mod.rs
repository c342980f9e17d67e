//! Layer 3: general social-network measures on a [`Snapshot`](crate::graph::Snapshot).
//!
//! One file per question an analyst asks, re-exported flat:
//!
//! | area | functions |
//! |---|---|
//! | density | [`density`], [`ego_density`], [`ego_densities`], [`group_density`] |
//! | structural holes (Burt) | [`structural_holes`], [`node_structural_holes`], [`local_constraint`], [`local_constraints`] |
//! | clustering | [`clustering`], [`node_clustering`] |
//! | betweenness | [`betweenness`], [`approximate_betweenness`] |
//! | cut points | [`components`], [`articulation_points`], [`bridges`] |
//! | brokerage (Gould-Fernandez) | [`brokerage`], [`node_brokerage`] |
//! | reach | [`reach_by_hop`], [`two_step_reach`], [`two_step_reaches`] |
//! | diversity | [`blau_index`], [`ei_index`] |
//! | everything at once | [`compute_metrics`] |
//!
//! All measures follow NetworkX's definitions (checked against NetworkX and
//! igraph by `scripts/reference_measures.py`, see `tests/measures_reference.rs`).
//! Undefined values are `None`, never NaN. Per-node measures and betweenness
//! run on rayon when a [`Parallelism`](crate::graph::Parallelism) allows it and
//! give bit-identical results for any number of threads.
//!
//! # Examples
//!
//! ```
//! use salesnet::graph::SnapshotBuilder;
//! use salesnet::measures::{MetricsOptions, compute_metrics};
//!
//! let mut b = SnapshotBuilder::undirected();
//! for (u, v) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
//!     b.add_edge(u, v, 1.0)?;
//! }
//! let report = compute_metrics(&b.build(), &MetricsOptions::default())?;
//! assert_eq!(report.components, Some(1));
//! assert_eq!(report.articulation_points, ["c"]);
//! let c = &report.nodes[2];
//! assert_eq!(c.betweenness, Some(2.0 / 3.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod approx_betweenness;
mod betweenness;
mod blocks;
mod brokerage;
mod clustering;
mod components;
mod density;
mod diversity;
mod groups;
mod metrics;
mod reach;
mod structural_holes;

pub use approx_betweenness::{
    ApproxBetweenness, ApproxOptions, approximate_betweenness, approximate_betweenness_with_progress,
};
pub use betweenness::{BetweennessOptions, betweenness, betweenness_with_progress};
pub use brokerage::{BrokerageRoles, brokerage, node_brokerage};
pub use clustering::{clustering, node_clustering};
pub(crate) use components::cut_offs;
pub use components::{Components, articulation_points, bridges, components};
pub use density::{GroupDensity, density, ego_densities, ego_density, group_density};
pub(crate) use diversity::blau;
pub use diversity::{blau_index, ei_index};
pub use groups::Groups;
pub use metrics::{
    BetweennessMethod, MeasureKind, Measured, MetricsOptions, MetricsReport, NodeMetrics, compute_metrics,
};
pub use reach::{reach_by_hop, two_step_reach, two_step_reaches};
pub use structural_holes::{
    MeasureOptions, StructuralHoles, local_constraint, local_constraints, node_structural_holes, structural_holes,
};
