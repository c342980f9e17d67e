//! `analyze metrics`: network measures of an edge list.

use std::path::PathBuf;

use clap::Args;

use std::collections::BTreeMap;

use salesnet::graph::{Cost, Parallelism, Weighting};
use salesnet::io::{EdgeListOptions, read_edge_list};
use salesnet::measures::{BetweennessMethod, MeasureKind, MetricsOptions, MetricsReport, NodeMetrics, compute_metrics};
use serde::Serialize;

use crate::common::{Failure, Outcome, cell, json_line};

/// Arguments of `analyze metrics`.
#[derive(Args, Debug)]
pub struct MetricsArgs {
    /// Edge list: CSV with header `source,target[,weight]`.
    #[arg(long)]
    pub edges: PathBuf,
    /// Use the weight column as tie strength for structural holes and betweenness.
    #[arg(long)]
    pub weighted: bool,
    /// Read each row as an arc source -> target.
    #[arg(long)]
    pub directed: bool,
    /// Cost of a tie for weighted betweenness: hops, inverse (1/weight) or neglog (-ln weight).
    #[arg(long, default_value = "inverse")]
    pub cost: String,
    /// Comma-separated measures to compute (default: all).
    #[arg(long)]
    pub measures: Option<String>,
    /// Approximate betweenness by sampling, with this epsilon (absolute error bound).
    #[arg(long)]
    pub approx: Option<f64>,
    /// Failure probability of the approximation.
    #[arg(long, default_value_t = 0.1)]
    pub delta: f64,
    /// Seed of the approximation's sampling.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Number of threads (default: all cores; at most 4 times the cores, more are capped).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Add the seconds each measure took (file loading excluded).
    #[arg(long)]
    pub timings: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `"graph"` of the JSON output.
#[derive(Serialize)]
struct GraphJson {
    nodes: usize,
    edges: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    density: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<usize>,
}

/// One entry of `"nodes"`: the asked-for measures only (all by default);
/// undefined values are `null`.
#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    degree: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ego_density: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_size: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    efficiency: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hierarchy: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    betweenness: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clustering: Option<Option<f64>>,
}

#[derive(Serialize)]
struct MetricsJson<'a> {
    graph: GraphJson,
    nodes: Vec<NodeJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    articulation_points: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bridges: Option<Vec<[&'a str; 2]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    betweenness_samples: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timings: Option<BTreeMap<&'static str, f64>>,
}

pub fn run(args: &MetricsArgs) -> Outcome {
    let cost: Cost = args.cost.parse()?;
    let measures: Vec<MeasureKind> = match &args.measures {
        None => MeasureKind::ALL.to_vec(),
        Some(list) => list.split(',').filter(|s| !s.trim().is_empty()).map(str::parse).collect::<Result<_, _>>()?,
    };
    if measures.is_empty() {
        return Err(Failure::Usage("--measures: name at least one measure".into()));
    }
    let betweenness = match args.approx {
        None => BetweennessMethod::Exact,
        Some(epsilon) => BetweennessMethod::Approximate { epsilon, delta: args.delta, seed: args.seed },
    };
    let parallelism = match args.threads {
        None => Parallelism::Current,
        Some(n) if n > salesnet::graph::max_threads() => {
            eprintln!("note: --threads {n} capped at {} (4 times the cores)", salesnet::graph::max_threads());
            Parallelism::Threads(n)
        }
        Some(n) => Parallelism::Threads(n),
    };
    let mut load = EdgeListOptions::new();
    if args.weighted {
        load = load.weighted();
    }
    if args.directed {
        load = load.directed();
    }
    let graph = read_edge_list(&args.edges, load)?;
    let options = MetricsOptions::new()
        .weighting(if args.weighted { Weighting::Strength } else { Weighting::Unweighted })
        .cost(cost)
        .betweenness(betweenness)
        .measures(measures.iter().copied())
        .parallelism(parallelism);
    let report = parallelism.install(|_| compute_metrics(&graph, &options))??;
    let wants = |m: MeasureKind| measures.contains(&m);
    if let (Some(eps), Some(0)) = (args.approx, report.betweenness_samples)
        && report.nodes_count > 2
    {
        eprintln!("note: --approx {eps} would need more samples than exact betweenness costs: computed exactly");
    }
    if args.json {
        let json = MetricsJson {
            graph: GraphJson {
                nodes: report.nodes_count,
                edges: report.edges_count,
                density: report.density,
                components: report.components,
            },
            nodes: report.nodes.iter().map(|m| node_json(m, &measures)).collect(),
            articulation_points: wants(MeasureKind::ArticulationPoints).then_some(&report.articulation_points[..]),
            bridges: wants(MeasureKind::Bridges)
                .then(|| report.bridges.iter().map(|(a, b)| [a.as_str(), b.as_str()]).collect()),
            betweenness_samples: report.betweenness_samples,
            timings: args.timings.then(|| report.timings.iter().map(|(m, d)| (m.as_str(), d.as_secs_f64())).collect()),
        };
        return json_line(&json);
    }
    Ok(table(&report, &measures, args.timings))
}

/// One node's asked-for measures.
fn node_json<'a>(m: &'a NodeMetrics, measures: &[MeasureKind]) -> NodeJson<'a> {
    let pick = |kind: MeasureKind, value: Option<f64>| measures.contains(&kind).then_some(value);
    NodeJson {
        id: &m.id,
        degree: m.degree,
        ego_density: pick(MeasureKind::EgoDensity, m.ego_density),
        effective_size: pick(MeasureKind::EffectiveSize, m.effective_size),
        efficiency: pick(MeasureKind::Efficiency, m.efficiency),
        constraint: pick(MeasureKind::Constraint, m.constraint),
        hierarchy: pick(MeasureKind::Hierarchy, m.hierarchy),
        betweenness: pick(MeasureKind::Betweenness, m.betweenness),
        clustering: pick(MeasureKind::Clustering, m.clustering),
    }
}

/// The readable table of `analyze metrics` without `--json`.
fn table(report: &MetricsReport, measures: &[MeasureKind], timings: bool) -> String {
    let mut out = String::new();
    let kind = if report.directed { "directed" } else { "undirected" };
    out.push_str(&format!("{} nodes, {} edges ({kind})", report.nodes_count, report.edges_count));
    if let Some(d) = report.density {
        out.push_str(&format!(", density {d:.6}"));
    }
    if let Some(c) = report.components {
        out.push_str(&format!(", {c} components"));
    }
    out.push('\n');
    let columns: Vec<MeasureKind> = [
        MeasureKind::EgoDensity,
        MeasureKind::EffectiveSize,
        MeasureKind::Efficiency,
        MeasureKind::Constraint,
        MeasureKind::Hierarchy,
        MeasureKind::Betweenness,
        MeasureKind::Clustering,
    ]
    .into_iter()
    .filter(|m| measures.contains(m))
    .collect();
    let width = report.nodes.iter().map(|n| n.id.len()).max().unwrap_or(2).clamp(2, 24);
    out.push_str(&format!("{:<width$}", "id"));
    if measures.contains(&MeasureKind::Degree) {
        out.push_str(&format!(" {:>7}", "degree"));
    }
    for m in &columns {
        out.push_str(&format!(" {:>14}", m.as_str()));
    }
    out.push('\n');
    for n in &report.nodes {
        out.push_str(&format!("{:<width$}", n.id));
        if let Some(d) = n.degree {
            out.push_str(&format!(" {d:>7}"));
        }
        for m in &columns {
            let v = match m {
                MeasureKind::EgoDensity => n.ego_density,
                MeasureKind::EffectiveSize => n.effective_size,
                MeasureKind::Efficiency => n.efficiency,
                MeasureKind::Constraint => n.constraint,
                MeasureKind::Hierarchy => n.hierarchy,
                MeasureKind::Betweenness => n.betweenness,
                _ => n.clustering,
            };
            out.push_str(&format!(" {:>14}", cell(v)));
        }
        out.push('\n');
    }
    if measures.contains(&MeasureKind::ArticulationPoints) {
        out.push_str(&format!(
            "articulation points ({}): {}\n",
            report.articulation_points.len(),
            report.articulation_points.join(", ")
        ));
    }
    if measures.contains(&MeasureKind::Bridges) {
        let bridges: Vec<String> = report.bridges.iter().map(|(a, b)| format!("{a}-{b}")).collect();
        out.push_str(&format!("bridges ({}): {}\n", bridges.len(), bridges.join(", ")));
    }
    if timings {
        for (m, d) in &report.timings {
            out.push_str(&format!("time {:<20} {:.6} s\n", m.as_str(), d.as_secs_f64()));
        }
    }
    out
}
