//! `analyze metrics`: network measures of an edge list.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use salesnet::graph::{Parallelism, Snapshot, Weighting};
use salesnet::io::read_groups;
use salesnet::measures::{
    BetweennessMethod, BrokerageRoles, GroupDensity, Groups, MeasureKind, MetricsOptions, MetricsReport, NodeMetrics,
    brokerage, compute_metrics, ei_index, group_density,
};
use salesnet::progress::{Progress, Task};
use serde::Serialize;

use crate::common::{Bars, CostArg, Failure, IngestArgs, Outcome, cell, json_line};

/// A measure `--measures` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum MeasureArg {
    Degree,
    EgoDensity,
    EffectiveSize,
    Efficiency,
    Constraint,
    Hierarchy,
    Betweenness,
    Clustering,
    Density,
    Components,
    ArticulationPoints,
    Bridges,
}

impl From<MeasureArg> for MeasureKind {
    fn from(m: MeasureArg) -> MeasureKind {
        match m {
            MeasureArg::Degree => MeasureKind::Degree,
            MeasureArg::EgoDensity => MeasureKind::EgoDensity,
            MeasureArg::EffectiveSize => MeasureKind::EffectiveSize,
            MeasureArg::Efficiency => MeasureKind::Efficiency,
            MeasureArg::Constraint => MeasureKind::Constraint,
            MeasureArg::Hierarchy => MeasureKind::Hierarchy,
            MeasureArg::Betweenness => MeasureKind::Betweenness,
            MeasureArg::Clustering => MeasureKind::Clustering,
            MeasureArg::Density => MeasureKind::Density,
            MeasureArg::Components => MeasureKind::Components,
            MeasureArg::ArticulationPoints => MeasureKind::ArticulationPoints,
            MeasureArg::Bridges => MeasureKind::Bridges,
        }
    }
}

/// The output of `metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for reading (4 decimals; scientific notation for small values).
    Text,
    /// One JSON document.
    Json,
    /// One row per node, one column per measure, full precision, empty for undefined.
    Csv,
}

/// Arguments of `analyze metrics`.
#[derive(Args, Debug)]
pub struct MetricsArgs {
    /// Edge list: CSV with header `source,target[,weight]` (also gzipped), or GraphML (`.graphml`).
    #[arg(long)]
    pub edges: PathBuf,
    #[command(flatten)]
    pub ingest: IngestArgs,
    /// Use the weight column as tie strength for structural holes and betweenness.
    #[arg(long)]
    pub weighted: bool,
    /// Read each row as an arc source -> target.
    #[arg(long)]
    pub directed: bool,
    /// Cost of a tie for weighted betweenness.
    #[arg(long, value_enum, default_value_t = CostArg::Inverse)]
    pub cost: CostArg,
    /// Comma-separated measures to compute (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub measures: Vec<MeasureArg>,
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
    /// Node attributes: CSV with an `id` column (needs --group).
    #[arg(long, requires = "group")]
    pub nodes: Option<PathBuf>,
    /// The column of --nodes that puts nodes into groups: adds group density,
    /// each node's E-I index and Gould-Fernandez brokerage roles.
    #[arg(long, requires = "nodes")]
    pub group: Option<String>,
    /// Output format: text table, JSON document, or CSV (one row per node).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print JSON (the same as --format json).
    #[arg(long)]
    pub json: bool,
    /// Sort nodes by this measure, descending (ties by id).
    #[arg(long, value_name = "MEASURE")]
    pub sort: Option<String>,
    /// Keep the first N nodes (after --sort).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ei_index: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brokerage: Option<BrokerageRoles>,
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
    group_density: Option<&'a GroupDensity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timings: Option<BTreeMap<&'static str, f64>>,
}

/// The measures of a node attribute's groups.
struct GroupMeasures {
    groups: Groups,
    density: GroupDensity,
    ei: Vec<Option<f64>>,
    roles: Vec<BrokerageRoles>,
}

/// One value of a per-node column.
#[derive(Clone, Copy)]
enum Value {
    Count(u64),
    Real(Option<f64>),
}

impl Value {
    fn key(self) -> Option<f64> {
        match self {
            Value::Count(c) => Some(c as f64),
            Value::Real(r) => r,
        }
    }
}

/// The per-node columns, in output order.
struct Columns {
    names: Vec<&'static str>,
    /// `rows[node][column]`.
    rows: Vec<Vec<Value>>,
}

const ROLES: [&str; 5] = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"];

fn role(r: &BrokerageRoles, name: &str) -> u64 {
    match name {
        "coordinator" => r.coordinator,
        "itinerant" => r.itinerant,
        "representative" => r.representative,
        "gatekeeper" => r.gatekeeper,
        "liaison" => r.liaison,
        _ => r.total(),
    }
}

fn columns(report: &MetricsReport, measures: &[MeasureKind], groups: Option<&GroupMeasures>) -> Columns {
    let kinds: Vec<MeasureKind> = MeasureKind::PER_NODE.into_iter().filter(|m| measures.contains(m)).collect();
    let mut names: Vec<&'static str> = kinds.iter().map(|m| m.as_str()).collect();
    if groups.is_some() {
        names.push("ei_index");
        names.extend(ROLES);
        names.push("brokerage");
    }
    let rows = report
        .nodes
        .iter()
        .enumerate()
        .map(|(v, n)| {
            let mut row: Vec<Value> = kinds
                .iter()
                .map(|m| match m {
                    MeasureKind::Degree => Value::Count(n.degree.get().unwrap_or(0) as u64),
                    MeasureKind::EgoDensity => Value::Real(n.ego_density.get()),
                    MeasureKind::EffectiveSize => Value::Real(n.effective_size.get()),
                    MeasureKind::Efficiency => Value::Real(n.efficiency.get()),
                    MeasureKind::Constraint => Value::Real(n.constraint.get()),
                    MeasureKind::Hierarchy => Value::Real(n.hierarchy.get()),
                    MeasureKind::Betweenness => Value::Real(n.betweenness.get()),
                    _ => Value::Real(n.clustering.get()),
                })
                .collect();
            if let Some(g) = groups {
                row.push(Value::Real(g.ei[v]));
                for name in ROLES.into_iter().chain(["brokerage"]) {
                    row.push(Value::Count(role(&g.roles[v], name)));
                }
            }
            row
        })
        .collect();
    Columns { names, rows }
}

/// Node order: by `sort` descending (undefined last, ties by id), then the first `top`.
fn order(
    report: &MetricsReport,
    columns: &Columns,
    sort: Option<&str>,
    top: Option<usize>,
) -> Result<Vec<usize>, Failure> {
    let mut order: Vec<usize> = (0..report.nodes.len()).collect();
    if let Some(name) = sort {
        let Some(c) = columns.names.iter().position(|n| *n == name) else {
            return Err(Failure::rejected(
                "--sort",
                name,
                format!("not a computed per-node measure (computed: {})", columns.names.join(", ")),
            ));
        };
        let key = |v: usize| columns.rows[v][c].key();
        order.sort_by(|&a, &b| match (key(a), key(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| report.nodes[a].id.cmp(&report.nodes[b].id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => report.nodes[a].id.cmp(&report.nodes[b].id),
        });
    }
    if let Some(n) = top {
        order.truncate(n);
    }
    Ok(order)
}

pub fn run(args: &MetricsArgs) -> Outcome {
    let format = match (args.json, args.format) {
        (false, f) | (true, f @ Format::Json) => f,
        (true, Format::Text) => Format::Json,
        (true, f) => return Err(Failure::Usage(format!("--json and --format {f:?} disagree").to_lowercase())),
    };
    let measures: Vec<MeasureKind> = if args.measures.is_empty() {
        MeasureKind::ALL.to_vec()
    } else {
        let mut m: Vec<MeasureKind> = args.measures.iter().map(|&m| m.into()).collect();
        m.dedup();
        m
    };
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
    let progress = metrics_progress(format == Format::Json);
    let graph = args.ingest.load(&args.edges, args.directed, args.weighted, Some(&progress))?;
    let options = MetricsOptions::new()
        .weighting(if args.weighted { Weighting::Strength } else { Weighting::Unweighted })
        .cost(args.cost.into())
        .betweenness(betweenness)
        .measures(measures.iter().copied())
        .parallelism(parallelism);
    let options = options.progress(progress);
    let report = compute_metrics(&graph, &options)?;
    if let (Some(eps), Some(0)) = (args.approx, report.betweenness_samples)
        && report.nodes_count > 2
    {
        eprintln!("note: --approx {eps} would need more samples than exact betweenness costs: computed exactly");
    }
    let groups = match (&args.nodes, &args.group) {
        (Some(file), Some(column)) => Some(group_measures(&graph, file, column, parallelism)?),
        _ => None,
    };
    let cols = columns(&report, &measures, groups.as_ref());
    let order = order(&report, &cols, args.sort.as_deref(), args.top)?;
    match format {
        Format::Json => json(&report, &measures, groups.as_ref(), &order, args.timings),
        Format::Csv => Ok(csv_table(&report, &cols, groups.as_ref(), &order)),
        Format::Text => Ok(table(&report, &measures, &cols, groups.as_ref(), &order, args.timings)),
    }
}

/// Progress of loading and of betweenness: bars on stderr when stderr is a
/// terminal (not under `--json`, see [`Bars`]), and, whatever the output,
/// one note when the first sources of exact betweenness say the whole will
/// take more than a minute.
fn metrics_progress(json: bool) -> Progress {
    use std::sync::atomic::{AtomicBool, Ordering};
    let bars = Bars::if_terminal(json);
    let start = std::sync::Mutex::new(None::<std::time::Instant>);
    let noted = AtomicBool::new(false);
    Progress::new(move |step| {
        if let Some(bars) = &bars {
            bars.step(step);
        }
        if step.task != Task::Betweenness {
            return;
        }
        // Timed from betweenness's first report (0 sources done), after loading.
        let Ok(mut start) = start.lock() else { return };
        if step.done == 0 {
            *start = Some(std::time::Instant::now());
        }
        let elapsed = start.get_or_insert_with(std::time::Instant::now).elapsed().as_secs_f64();
        if step.done == 0 || step.done >= step.total || elapsed < 1.0 || noted.load(Ordering::Relaxed) {
            return;
        }
        let estimate = elapsed * step.total as f64 / step.done as f64;
        if estimate > 60.0 {
            noted.store(true, Ordering::Relaxed);
            let note = format!(
                "note: exact betweenness will take about {:.0} minutes here ({} of {} sources in {elapsed:.0} s); \
                 --approx 0.01 samples it instead",
                (estimate / 60.0).ceil(),
                step.done,
                step.total
            );
            match &bars {
                Some(bars) => bars.println(&note),
                None => eprintln!("{note}"),
            }
        }
    })
}

fn group_measures(
    graph: &Snapshot,
    file: &std::path::Path,
    column: &str,
    parallelism: Parallelism,
) -> Result<GroupMeasures, Failure> {
    let (groups, summary) = read_groups(file, graph, column)?;
    if summary.not_in_graph > 0 || summary.without_group > 0 {
        eprintln!(
            "{}: {} rows, {} ids not in the edge list (left out), {} nodes without a `{column}`",
            file.display(),
            summary.rows,
            summary.not_in_graph,
            summary.without_group
        );
    }
    let density = group_density(graph, &groups)?;
    let ei = graph.nodes().map(|v| ei_index(graph, &groups, v)).collect();
    let roles = brokerage(graph, &groups, parallelism)?;
    Ok(GroupMeasures { groups, density, ei, roles })
}

fn json(
    report: &MetricsReport,
    measures: &[MeasureKind],
    groups: Option<&GroupMeasures>,
    order: &[usize],
    timings: bool,
) -> Outcome {
    let wants = |m: MeasureKind| measures.contains(&m);
    let json = MetricsJson {
        graph: GraphJson {
            nodes: report.nodes_count,
            edges: report.edges_count,
            density: report.density,
            components: report.components,
        },
        nodes: order.iter().map(|&v| node_json(report, v, groups)).collect(),
        articulation_points: wants(MeasureKind::ArticulationPoints).then_some(&report.articulation_points[..]),
        bridges: wants(MeasureKind::Bridges)
            .then(|| report.bridges.iter().map(|(a, b)| [a.as_str(), b.as_str()]).collect()),
        betweenness_samples: report.betweenness_samples,
        group_density: groups.map(|g| &g.density),
        timings: timings.then(|| report.timings.iter().map(|(m, d)| (m.as_str(), d.as_secs_f64())).collect()),
    };
    json_line(&json)
}

/// One node's asked-for measures.
fn node_json<'a>(report: &'a MetricsReport, v: usize, groups: Option<&'a GroupMeasures>) -> NodeJson<'a> {
    let m: &NodeMetrics = &report.nodes[v];
    NodeJson {
        id: &m.id,
        degree: m.degree.get(),
        ego_density: m.ego_density.asked(),
        effective_size: m.effective_size.asked(),
        efficiency: m.efficiency.asked(),
        constraint: m.constraint.asked(),
        hierarchy: m.hierarchy.asked(),
        betweenness: m.betweenness.asked(),
        clustering: m.clustering.asked(),
        group: groups.map(|g| g.groups.group(v as u32).map(|k| g.groups.label(k))),
        ei_index: groups.map(|g| g.ei[v]),
        brokerage: groups.map(|g| g.roles[v]),
    }
}

/// A CSV field: quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")).into() } else { s.into() }
}

/// `--format csv`: one row per node, full precision (shortest text that
/// reads back to the same number), empty cells for undefined values.
fn csv_table(report: &MetricsReport, cols: &Columns, groups: Option<&GroupMeasures>, order: &[usize]) -> String {
    let mut out = String::from("id");
    if groups.is_some() {
        out.push_str(",group");
    }
    for n in &cols.names {
        out.push(',');
        out.push_str(n);
    }
    out.push('\n');
    for &v in order {
        out.push_str(&csv_field(&report.nodes[v].id));
        if let Some(g) = groups {
            out.push(',');
            if let Some(k) = g.groups.group(v as u32) {
                out.push_str(&csv_field(g.groups.label(k)));
            }
        }
        for value in &cols.rows[v] {
            out.push(',');
            match value {
                Value::Count(c) => out.push_str(&c.to_string()),
                Value::Real(Some(x)) => out.push_str(&x.to_string()),
                Value::Real(None) => {}
            }
        }
        out.push('\n');
    }
    out
}

/// The readable table of `analyze metrics` without `--json`.
fn table(
    report: &MetricsReport,
    measures: &[MeasureKind],
    cols: &Columns,
    groups: Option<&GroupMeasures>,
    order: &[usize],
    timings: bool,
) -> String {
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
    let width = order.iter().map(|&v| report.nodes[v].id.len()).max().unwrap_or(2).clamp(2, 24);
    let group_width = groups.map_or(0, |g| g.groups.labels().iter().map(String::len).max().unwrap_or(5).clamp(5, 16));
    out.push_str(&format!("{:<width$}", "id"));
    if groups.is_some() {
        out.push_str(&format!(" {:<group_width$}", "group"));
    }
    for (name, value) in cols.names.iter().zip(cols.rows.first().into_iter().flatten()) {
        match value {
            Value::Count(_) => out.push_str(&format!(" {:>w$}", name, w = name.len().max(7))),
            Value::Real(_) => out.push_str(&format!(" {name:>14}")),
        }
    }
    out.push('\n');
    for &v in order {
        out.push_str(&format!("{:<width$}", report.nodes[v].id));
        if let Some(g) = groups {
            let label = g.groups.group(v as u32).map_or("-", |k| g.groups.label(k));
            out.push_str(&format!(" {label:<group_width$}"));
        }
        for (name, value) in cols.names.iter().zip(&cols.rows[v]) {
            match value {
                Value::Count(c) => out.push_str(&format!(" {c:>w$}", w = name.len().max(7))),
                Value::Real(x) => out.push_str(&format!(" {:>14}", cell(*x))),
            }
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
    if let Some(g) = groups {
        out.push_str("group density (within; between, to the other groups together):\n");
        let d = &g.density;
        for (k, label) in d.labels.iter().enumerate() {
            let outside: usize = (0..d.labels.len()).filter(|&h| h != k).map(|h| d.ties[k][h]).sum();
            out.push_str(&format!(
                "  {label:<group_width$} {:>5} nodes {:>7} ties within, density {}; {outside} ties out\n",
                d.sizes[k],
                d.ties[k][k],
                cell(d.density[k][k])
            ));
        }
    }
    if timings {
        for (m, d) in &report.timings {
            out.push_str(&format!("time {:<20} {:.6} s\n", m.as_str(), d.as_secs_f64()));
        }
    }
    out
}
