//! `analyze path`: best referral paths in an edge list.

use std::path::PathBuf;

use clap::Args;

use salesnet::graph::Cost;
use salesnet::paths::{PathFinder, PathOptions};
use serde::Serialize;

use crate::common::{CostArg, Failure, IngestArgs, Outcome, json_line, progress_bars};

/// Arguments of `analyze path`.
#[derive(Args, Debug)]
pub struct PathArgs {
    /// Edge list: CSV with header `source,target[,weight]` (weights are tie strengths; 1 without
    /// the column), also gzipped, or GraphML (`.graphml`).
    #[arg(long)]
    pub edges: PathBuf,
    #[command(flatten)]
    pub ingest: IngestArgs,
    /// Start node id.
    #[arg(long)]
    pub from: String,
    /// End node id.
    #[arg(long)]
    pub to: String,
    /// How many loopless paths, best first.
    #[arg(long, default_value_t = 1)]
    pub k: usize,
    /// Cost of a tie.
    #[arg(long, value_enum, default_value_t = CostArg::Inverse)]
    pub cost: CostArg,
    /// Read each row as an arc source -> target.
    #[arg(long)]
    pub directed: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The JSON shape of `analyze path --json`.
#[derive(Serialize)]
struct PathsJson<'a> {
    from: &'a str,
    to: &'a str,
    cost: &'a str,
    paths: Vec<PathJson<'a>>,
}

#[derive(Serialize)]
struct PathJson<'a> {
    nodes: Vec<&'a str>,
    cost: f64,
}

pub fn run(args: &PathArgs) -> Outcome {
    if args.k == 0 {
        return Err(Failure::Usage("--k must be at least 1".into()));
    }
    let cost: Cost = args.cost.into();
    let progress = progress_bars(args.json);
    let graph = args.ingest.load(&args.edges, args.directed, true, progress.as_ref())?;
    let from = graph.require(&args.from)?;
    let to = graph.require(&args.to)?;
    let mut query = PathOptions::new().cost(cost).k(args.k);
    if let Some(progress) = progress {
        query = query.progress(progress);
    }
    let paths = PathFinder::new(&graph).k_best(from, to, &query)?;
    if args.json {
        let json = PathsJson {
            from: &args.from,
            to: &args.to,
            cost: cost.as_str(),
            paths: paths.iter().map(|p| PathJson { nodes: p.ids(&graph), cost: p.cost }).collect(),
        };
        return json_line(&json);
    }
    let mut out = String::new();
    if paths.is_empty() {
        out.push_str(&format!("no path from {} to {} (cost {})\n", args.from, args.to, cost));
    }
    for (i, p) in paths.iter().enumerate() {
        out.push_str(&format!(
            "path {} of {}: {} ties, cost {} ({}), strength {}\n",
            i + 1,
            paths.len(),
            p.hops(),
            p.cost,
            cost,
            p.strength(&graph).map_or("-".to_string(), |s| format!("{s:.6}"))
        ));
        for w in p.nodes.windows(2) {
            let weight = graph.edge_weight(w[0], w[1]).unwrap_or(f64::NAN);
            out.push_str(&format!(
                "  {} -> {}  weight {}  cost {}\n",
                graph.id(w[0]),
                graph.id(w[1]),
                weight,
                cost.of(weight).map_or("-".to_string(), |c| c.to_string())
            ));
        }
    }
    Ok(out)
}
