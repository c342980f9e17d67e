//! Every per-node and per-graph measure at once, for reports and the `analyze` tool.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::{Cost, Parallelism, Snapshot, Weighting};
use crate::measures::approx_betweenness::{
    ApproxOptions, approximate_betweenness, approximate_betweenness_with_progress,
};
use crate::measures::betweenness::{BetweennessOptions, betweenness, betweenness_with_progress};
use crate::measures::clustering::clustering;
use crate::measures::components::{articulation_points_and_bridges, components};
use crate::measures::density::ego_densities;
use crate::measures::structural_holes::{MeasureOptions, structural_holes};
use crate::progress::Progress;

/// One measure of [`compute_metrics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Per node: NetworkX's `G.degree` (in + out for a directed graph).
    Degree,
    /// Per node: [`ego_density`](crate::measures::ego_density).
    EgoDensity,
    /// Per node: Burt's effective size.
    EffectiveSize,
    /// Per node: effective size over the number of distinct contacts.
    Efficiency,
    /// Per node: Burt's constraint.
    Constraint,
    /// Per node: Burt's hierarchy.
    Hierarchy,
    /// Per node: betweenness, exact or approximate.
    Betweenness,
    /// Per node: local clustering coefficient (unweighted).
    Clustering,
    /// Per graph: density.
    Density,
    /// Per graph: number of (weakly) connected components.
    Components,
    /// Per graph: articulation points.
    ArticulationPoints,
    /// Per graph: bridges.
    Bridges,
}

impl MeasureKind {
    /// The measures with one value per node, in table order.
    pub const PER_NODE: [MeasureKind; 8] = [
        MeasureKind::Degree,
        MeasureKind::EgoDensity,
        MeasureKind::EffectiveSize,
        MeasureKind::Efficiency,
        MeasureKind::Constraint,
        MeasureKind::Hierarchy,
        MeasureKind::Betweenness,
        MeasureKind::Clustering,
    ];

    /// Every measure, in table order.
    pub const ALL: [MeasureKind; 12] = [
        MeasureKind::Degree,
        MeasureKind::EgoDensity,
        MeasureKind::EffectiveSize,
        MeasureKind::Efficiency,
        MeasureKind::Constraint,
        MeasureKind::Hierarchy,
        MeasureKind::Betweenness,
        MeasureKind::Clustering,
        MeasureKind::Density,
        MeasureKind::Components,
        MeasureKind::ArticulationPoints,
        MeasureKind::Bridges,
    ];

    /// The snake_case name (`ego_density`, `articulation_points`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::Degree => "degree",
            MeasureKind::EgoDensity => "ego_density",
            MeasureKind::EffectiveSize => "effective_size",
            MeasureKind::Efficiency => "efficiency",
            MeasureKind::Constraint => "constraint",
            MeasureKind::Hierarchy => "hierarchy",
            MeasureKind::Betweenness => "betweenness",
            MeasureKind::Clustering => "clustering",
            MeasureKind::Density => "density",
            MeasureKind::Components => "components",
            MeasureKind::ArticulationPoints => "articulation_points",
            MeasureKind::Bridges => "bridges",
        }
    }

    fn is_structural_hole(self) -> bool {
        matches!(
            self,
            MeasureKind::EffectiveSize | MeasureKind::Efficiency | MeasureKind::Constraint | MeasureKind::Hierarchy
        )
    }
}

impl fmt::Display for MeasureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MeasureKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().replace('-', "_");
        MeasureKind::ALL.into_iter().find(|m| m.as_str() == t).ok_or_else(|| Error::InvalidArgument {
            name: "measures",
            reason: format!(
                "`{s}` is not one of {}",
                MeasureKind::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
            ),
        })
    }
}

/// Exact or sampled betweenness.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum BetweennessMethod {
    /// Brandes' exact algorithm.
    #[default]
    Exact,
    /// Riondato-Kornaropoulos sampling within `epsilon` with probability `1 - delta`.
    Approximate {
        /// Largest error, in (0, 1).
        epsilon: f64,
        /// Failure probability, in (0, 1).
        delta: f64,
        /// Seed of the samples.
        seed: u64,
    },
}

/// What [`compute_metrics`] computes, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsOptions {
    /// [`Weighting::Strength`]: effective size, efficiency, constraint and
    /// hierarchy use weights as tie strengths and betweenness uses
    /// [`cost`](Self::cost); degree, ego density and clustering stay unweighted.
    pub weighting: Weighting,
    /// The cost of a tie for weighted betweenness.
    pub cost: Cost,
    /// Exact or approximate betweenness.
    pub betweenness: BetweennessMethod,
    /// The measures to compute (all by default); duplicates are ignored.
    pub measures: Vec<MeasureKind>,
    /// How many threads to use (results are the same for any).
    pub parallelism: Parallelism,
    /// Where betweenness, exact or approximate, reports its progress (none by default).
    pub progress: Option<Progress>,
}

impl Default for MetricsOptions {
    fn default() -> Self {
        MetricsOptions {
            weighting: Weighting::Unweighted,
            cost: Cost::Inverse,
            betweenness: BetweennessMethod::Exact,
            measures: MeasureKind::ALL.to_vec(),
            parallelism: Parallelism::Current,
            progress: None,
        }
    }
}

impl MetricsOptions {
    /// All measures, unweighted, exact betweenness, current rayon pool.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the weighting.
    #[must_use]
    pub fn weighting(mut self, weighting: Weighting) -> Self {
        self.weighting = weighting;
        self
    }

    /// Sets the cost.
    #[must_use]
    pub fn cost(mut self, cost: Cost) -> Self {
        self.cost = cost;
        self
    }

    /// Reports the progress of betweenness, exact or approximate, to `progress` (see [`crate::progress`]).
    #[must_use]
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Sets the betweenness method.
    #[must_use]
    pub fn betweenness(mut self, method: BetweennessMethod) -> Self {
        self.betweenness = method;
        self
    }

    /// Sets the measures.
    #[must_use]
    pub fn measures(mut self, measures: impl IntoIterator<Item = MeasureKind>) -> Self {
        self.measures = measures.into_iter().collect();
        self
    }

    /// Sets the parallelism.
    #[must_use]
    pub fn parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }
}

/// The measures of one node: each [`Measured`] says whether it was asked
/// for and whether it is defined for this node.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NodeMetrics {
    /// The node's id.
    pub id: String,
    /// NetworkX's degree (in + out when directed).
    pub degree: Measured<usize>,
    /// Density among the node's contacts (`None` below 2 contacts).
    pub ego_density: Measured<f64>,
    /// Burt's effective size (`None` for an isolate).
    pub effective_size: Measured<f64>,
    /// Effective size over the number of distinct contacts.
    pub efficiency: Measured<f64>,
    /// Burt's constraint (`None` for an isolate).
    pub constraint: Measured<f64>,
    /// Burt's hierarchy (`None` below 2 contacts).
    pub hierarchy: Measured<f64>,
    /// Betweenness, normalized as NetworkX.
    pub betweenness: Measured<f64>,
    /// Local clustering coefficient (0 below 2 neighbours, as NetworkX).
    pub clustering: Measured<f64>,
}

/// One node's value of one measure in a [`NodeMetrics`]: not asked for,
/// asked for but undefined for this node (an isolate's constraint), or a
/// value. Serialized as the value, or `null` for both other cases.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{MeasureKind, Measured, MetricsOptions, compute_metrics};
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// b.add_node("alone");
/// let report = compute_metrics(&b.build(), &MetricsOptions::new().measures([MeasureKind::Constraint]))?;
/// assert_eq!(report.nodes[0].constraint, Measured::Value(1.0));
/// assert_eq!(report.nodes[2].constraint, Measured::Undefined); // an isolate
/// assert_eq!(report.nodes[0].betweenness, Measured::NotAsked);
/// assert_eq!(report.nodes[0].constraint.get(), Some(1.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measured<T> {
    /// The measure was not asked for.
    #[default]
    NotAsked,
    /// Asked for, but undefined for this node.
    Undefined,
    /// The node's value.
    Value(T),
}

impl<T: Copy> Measured<T> {
    /// The value: `None` when not asked for or undefined.
    pub fn get(&self) -> Option<T> {
        match *self {
            Measured::Value(v) => Some(v),
            Measured::NotAsked | Measured::Undefined => None,
        }
    }

    /// `None` when not asked for; otherwise the value or `Some(None)` when
    /// undefined.
    pub fn asked(&self) -> Option<Option<T>> {
        match *self {
            Measured::NotAsked => None,
            Measured::Undefined => Some(None),
            Measured::Value(v) => Some(Some(v)),
        }
    }
}

impl<T> Measured<T> {
    /// Whether the measure was asked for.
    pub fn is_asked(&self) -> bool {
        !matches!(self, Measured::NotAsked)
    }
}

impl<T> From<Option<T>> for Measured<T> {
    /// An asked-for measure: `Some` is a value, `None` undefined.
    fn from(value: Option<T>) -> Self {
        value.map_or(Measured::Undefined, Measured::Value)
    }
}

/// Compares the value: `NotAsked` and `Undefined` both equal `None`.
impl<T: PartialEq> PartialEq<Option<T>> for Measured<T> {
    fn eq(&self, other: &Option<T>) -> bool {
        match (self, other) {
            (Measured::Value(a), Some(b)) => a == b,
            (Measured::NotAsked | Measured::Undefined, None) => true,
            _ => false,
        }
    }
}

impl<T: Serialize> Serialize for Measured<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Measured::Value(v) => serializer.serialize_some(v),
            Measured::NotAsked | Measured::Undefined => serializer.serialize_none(),
        }
    }
}

/// Everything [`compute_metrics`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricsReport {
    /// Whether the graph is directed.
    pub directed: bool,
    /// The weighting used.
    pub weighting: Weighting,
    /// The cost used for weighted betweenness.
    pub cost: Cost,
    /// Number of nodes.
    pub nodes_count: usize,
    /// Number of edges (arcs, when directed).
    pub edges_count: usize,
    /// Graph density, if asked for.
    pub density: Option<f64>,
    /// Number of (weakly) connected components, if asked for.
    pub components: Option<usize>,
    /// Ids of the articulation points, in node order (empty if not asked for).
    pub articulation_points: Vec<String>,
    /// Bridges as pairs of ids, each pair in node order, sorted by node number
    /// (empty if not asked for).
    pub bridges: Vec<(String, String)>,
    /// For approximate betweenness: the number of sampled pairs.
    pub betweenness_samples: Option<u64>,
    /// Per-node measures, in node order.
    pub nodes: Vec<NodeMetrics>,
    /// The measures computed, in [`MeasureKind::ALL`] order.
    pub measures: Vec<MeasureKind>,
    /// Wall time per measure, in the order computed. Effective size,
    /// efficiency, constraint and hierarchy come from one pass, timed once
    /// under the first of them asked for; articulation points and bridges
    /// likewise.
    pub timings: Vec<(MeasureKind, Duration)>,
}

/// Computes the asked-for measures of a graph.
///
/// See the individual functions for definitions: [`ego_density`](crate::measures::ego_density),
/// [`structural_holes`](crate::measures::structural_holes), [`betweenness`](crate::measures::betweenness),
/// [`approximate_betweenness`](crate::measures::approximate_betweenness),
/// [`clustering`](crate::measures::clustering), [`components`](crate::measures::components),
/// [`articulation_points`](crate::measures::articulation_points), [`bridges`](crate::measures::bridges).
///
/// # Errors
///
/// [`Error::InvalidArgument`] for a NegLog cost on weights above 1 (with
/// [`Weighting::Strength`]), an epsilon or delta outside (0, 1), or `Parallelism::Threads(0)`.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{MeasureKind, MetricsOptions, compute_metrics};
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// b.add_edge("b", "c", 1.0)?;
/// let options = MetricsOptions::new().measures([MeasureKind::Constraint, MeasureKind::Bridges]);
/// let report = compute_metrics(&b.build(), &options)?;
/// assert_eq!(report.nodes[1].constraint, Some(0.5));
/// assert_eq!(report.nodes[1].betweenness, None); // not asked for
/// assert_eq!(report.bridges.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_metrics(graph: &Snapshot, options: &MetricsOptions) -> Result<MetricsReport> {
    let mut measures = options.measures.clone();
    measures.sort_unstable();
    measures.dedup();
    let wants = |m: MeasureKind| measures.binary_search(&m).is_ok();
    let n = graph.node_count();
    if let Parallelism::Threads(0) = options.parallelism {
        return Err(Error::InvalidArgument { name: "threads", reason: "need at least one thread".into() });
    }
    let mut nodes: Vec<NodeMetrics> =
        graph.ids().iter().map(|id| NodeMetrics { id: id.to_string(), ..NodeMetrics::default() }).collect();
    let mut report = MetricsReport {
        directed: graph.is_directed(),
        weighting: options.weighting,
        cost: options.cost,
        nodes_count: n,
        edges_count: graph.edge_count(),
        density: None,
        components: None,
        articulation_points: Vec::new(),
        bridges: Vec::new(),
        betweenness_samples: None,
        nodes: Vec::new(),
        measures: measures.clone(),
        timings: Vec::new(),
    };
    let mut timings = Vec::new();
    if wants(MeasureKind::Degree) {
        timed(MeasureKind::Degree, &mut timings, &mut || {
            for (v, m) in graph.nodes().zip(nodes.iter_mut()) {
                let d = graph.degree(v) + if graph.is_directed() { graph.in_degree(v) } else { 0 };
                m.degree = Measured::Value(d);
            }
            Ok(())
        })?;
    }
    if wants(MeasureKind::EgoDensity) {
        timed(MeasureKind::EgoDensity, &mut timings, &mut || {
            for (m, d) in nodes.iter_mut().zip(ego_densities(graph, options.parallelism)?) {
                m.ego_density = d.into();
            }
            Ok(())
        })?;
    }
    if let Some(&first) = measures.iter().find(|m| m.is_structural_hole()) {
        timed(first, &mut timings, &mut || {
            let opts = MeasureOptions { weighting: options.weighting, parallelism: options.parallelism };
            for (m, s) in nodes.iter_mut().zip(structural_holes(graph, &opts)?) {
                if wants(MeasureKind::EffectiveSize) {
                    m.effective_size = s.effective_size.into();
                }
                if wants(MeasureKind::Efficiency) {
                    m.efficiency = s.efficiency.into();
                }
                if wants(MeasureKind::Constraint) {
                    m.constraint = s.constraint.into();
                }
                if wants(MeasureKind::Hierarchy) {
                    m.hierarchy = s.hierarchy.into();
                }
            }
            Ok(())
        })?;
    }
    if wants(MeasureKind::Betweenness) {
        let mut samples = None;
        timed(MeasureKind::Betweenness, &mut timings, &mut || {
            let opts = BetweennessOptions {
                weighting: options.weighting,
                cost: options.cost,
                parallelism: options.parallelism,
            };
            let values = match options.betweenness {
                BetweennessMethod::Exact => match &options.progress {
                    Some(progress) => betweenness_with_progress(graph, &opts, progress)?,
                    None => betweenness(graph, &opts)?,
                },
                BetweennessMethod::Approximate { epsilon, delta, seed } => {
                    let approx = ApproxOptions { epsilon, delta, seed };
                    let a = match &options.progress {
                        Some(progress) => approximate_betweenness_with_progress(graph, &opts, &approx, progress)?,
                        None => approximate_betweenness(graph, &opts, &approx)?,
                    };
                    samples = Some(a.samples);
                    a.values
                }
            };
            for (m, b) in nodes.iter_mut().zip(values) {
                m.betweenness = Measured::Value(b);
            }
            Ok(())
        })?;
        report.betweenness_samples = samples;
    }
    if wants(MeasureKind::Clustering) {
        timed(MeasureKind::Clustering, &mut timings, &mut || {
            for (m, c) in nodes.iter_mut().zip(clustering(graph, options.parallelism)?) {
                m.clustering = Measured::Value(c);
            }
            Ok(())
        })?;
    }
    if wants(MeasureKind::Density) {
        timed(MeasureKind::Density, &mut timings, &mut || {
            report.density = Some(graph.density());
            Ok(())
        })?;
    }
    if wants(MeasureKind::Components) {
        timed(MeasureKind::Components, &mut timings, &mut || {
            report.components = Some(components(graph).count());
            Ok(())
        })?;
    }
    let (ap, br) = (wants(MeasureKind::ArticulationPoints), wants(MeasureKind::Bridges));
    if ap || br {
        let kind = if ap { MeasureKind::ArticulationPoints } else { MeasureKind::Bridges };
        timed(kind, &mut timings, &mut || {
            let (points, bridges) = articulation_points_and_bridges(graph);
            if ap {
                report.articulation_points = points.iter().map(|&v| graph.id(v).to_string()).collect();
            }
            if br {
                report.bridges =
                    bridges.iter().map(|&(u, v)| (graph.id(u).to_string(), graph.id(v).to_string())).collect();
            }
            Ok(())
        })?;
    }
    report.nodes = nodes;
    report.timings = timings;
    Ok(report)
}

/// Runs `f`, recording its wall time under `kind`.
fn timed(
    kind: MeasureKind,
    timings: &mut Vec<(MeasureKind, Duration)>,
    f: &mut dyn FnMut() -> Result<()>,
) -> Result<()> {
    let start = Instant::now();
    let r = f();
    timings.push((kind, start.elapsed()));
    r
}
