//! `analyze metrics`: network measures of an edge list.

use std::path::PathBuf;

use clap::Args;

use crate::common::Outcome;

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
    /// Number of threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Add the seconds each measure took (file loading excluded).
    #[arg(long)]
    pub timings: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(_args: &MetricsArgs) -> Outcome {
    Err(crate::common::Failure::Usage("metrics: not yet wired".into()))
}
