//! `analyze path`: best referral paths in an edge list.

use std::path::PathBuf;

use clap::Args;

use crate::common::Outcome;

/// Arguments of `analyze path`.
#[derive(Args, Debug)]
pub struct PathArgs {
    /// Edge list: CSV with header `source,target[,weight]` (weights are tie strengths; 1 without the column).
    #[arg(long)]
    pub edges: PathBuf,
    /// Start node id.
    #[arg(long)]
    pub from: String,
    /// End node id.
    #[arg(long)]
    pub to: String,
    /// How many loopless paths, best first.
    #[arg(long, default_value_t = 1)]
    pub k: usize,
    /// Cost of a tie: hops, inverse (1/weight) or neglog (-ln weight).
    #[arg(long, default_value = "inverse")]
    pub cost: String,
    /// Read each row as an arc source -> target.
    #[arg(long)]
    pub directed: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(_args: &PathArgs) -> Outcome {
    Err(crate::common::Failure::Usage("path: not yet wired".into()))
}
