//! `analyze export`: a portfolio view, or an edge list with its measures, to
//! GraphML, GEXF, DOT, CSV tables or Parquet tables.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use salesnet::graph::Weighting;
use salesnet::io::{ExportOptions, NetworkTables, Overwrite, Redaction, TableFormat, check_output};
use salesnet::measures::{MeasureKind, MetricsOptions, compute_metrics};
use salesnet::{DecayPolicy, NetworkKind};

use crate::common::{Failure, IngestArgs, Outcome};
use crate::metrics::MeasureArg;
use crate::stage::date_or_today;

/// The file format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GraphML (one file), with a `label` per node.
    Graphml,
    /// GEXF 1.3 (one file), Gephi's own format.
    Gexf,
    /// Graphviz DOT (one file).
    Dot,
    /// A folder with `nodes.csv` (`id,label,...`) and `edges.csv` (`source,target,...`).
    Csv,
    /// A folder with `nodes.parquet` (`id`, ...) and `edges.parquet` (`src`, `dst`, ...), as GraphFrames reads them.
    Parquet,
}

/// A portfolio's network view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Market,
    Prospect,
    Internal,
    Customer,
}

/// Arguments of `analyze export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The portfolio: a folder of CSV files, or a JSON document.
    #[arg(long, conflicts_with = "edges", required_unless_present = "edges")]
    pub portfolio: Option<PathBuf>,
    /// An edge list (CSV, gzipped CSV or GraphML); its measures become node columns.
    #[arg(long)]
    pub edges: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write: a file (graphml, gexf, dot) or a folder (csv, parquet).
    #[arg(long)]
    pub out: PathBuf,
    /// One network of the portfolio (default: the whole portfolio).
    #[arg(long, value_enum, conflicts_with = "edges")]
    pub view: Option<ViewArg>,
    /// Tie strengths as of this date, YYYY-MM-DD (default: today).
    #[arg(long, conflicts_with = "edges")]
    pub as_of: Option<String>,
    /// Replace names, ids and attribute values by stable pseudonyms.
    #[arg(long)]
    pub redact: bool,
    /// Replace an existing output.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub ingest: IngestArgs,
    /// Edge list: read each row as an arc source -> target.
    #[arg(long, conflicts_with = "portfolio")]
    pub directed: bool,
    /// Edge list: keep the weights, and use them as tie strength for the measures.
    #[arg(long, conflicts_with = "portfolio")]
    pub weighted: bool,
    /// Edge list: the per-node measures to add as node columns (default: all).
    #[arg(long, value_enum, value_delimiter = ',', conflicts_with = "portfolio")]
    pub measures: Vec<MeasureArg>,
}

pub fn run(args: &ExportArgs) -> Outcome {
    let mut inputs: Vec<&Path> = Vec::new();
    let tables = if let Some(portfolio) = &args.portfolio {
        inputs.push(portfolio);
        let networks = crate::common::read_portfolio(portfolio, false)?;
        let as_of = networks.at(date_or_today(args.as_of.as_deref())?, &DecayPolicy::default());
        let mut options = ExportOptions::new();
        if args.redact {
            options = options.redaction(Redaction::Pseudonyms);
        }
        let view = match args.view {
            None => as_of.whole(),
            Some(v) => as_of.view(match v {
                ViewArg::Market => NetworkKind::Market,
                ViewArg::Prospect => NetworkKind::Prospect,
                ViewArg::Internal => NetworkKind::Internal,
                ViewArg::Customer => NetworkKind::Customer,
            }),
        };
        NetworkTables::from_view(&as_of, &view, &options)?
    } else {
        let Some(edges) = &args.edges else { return Err(Failure::Usage("give --portfolio or --edges".into())) };
        inputs.push(edges);
        edge_list_tables(args, edges)?
    };
    check_output(&args.out, &inputs, if args.force { Overwrite::Replace } else { Overwrite::Refuse })?;
    let format = match args.format {
        ExportFormat::Graphml => TableFormat::GraphMl,
        ExportFormat::Gexf => TableFormat::Gexf,
        ExportFormat::Dot => TableFormat::Dot,
        ExportFormat::Csv => TableFormat::Csv,
        ExportFormat::Parquet => TableFormat::Parquet,
    };
    tables.write(format, &args.out)?;
    eprintln!("{}: {} nodes, {} edges ({:?})", args.out.display(), tables.nodes.len(), tables.edges.len(), args.format);
    Ok(String::new())
}

/// An edge list's tables with its per-node measures as node columns.
fn edge_list_tables(args: &ExportArgs, edges: &Path) -> Result<NetworkTables, Failure> {
    let graph = args.ingest.load(edges, args.directed, args.weighted, crate::common::progress_bars(false).as_ref())?;
    let asked: Vec<MeasureKind> = args.measures.iter().map(|&m| m.into()).collect();
    let measures: Vec<MeasureKind> =
        MeasureKind::PER_NODE.into_iter().filter(|m| asked.is_empty() || asked.contains(m)).collect();
    let options = MetricsOptions::new()
        .weighting(if args.weighted { Weighting::Strength } else { Weighting::Unweighted })
        .measures(measures.iter().copied());
    let report = compute_metrics(&graph, &options)?;
    let mut tables = NetworkTables::from_snapshot(&graph);
    for m in &measures {
        let values = report
            .nodes
            .iter()
            .map(|n| match m {
                MeasureKind::Degree => n.degree.get().map(|d| d as f64),
                MeasureKind::EgoDensity => n.ego_density.get(),
                MeasureKind::EffectiveSize => n.effective_size.get(),
                MeasureKind::Efficiency => n.efficiency.get(),
                MeasureKind::Constraint => n.constraint.get(),
                MeasureKind::Hierarchy => n.hierarchy.get(),
                MeasureKind::Betweenness => n.betweenness.get(),
                _ => n.clustering.get(),
            })
            .collect();
        tables.push_node_measure(m.as_str(), values)?;
    }
    if args.redact {
        tables.redact_ids();
    }
    Ok(tables)
}
