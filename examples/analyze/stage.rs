//! `analyze stage`: one sales stage's report on a portfolio.

use std::path::PathBuf;

use clap::Args;

use crate::common::Outcome;

/// Arguments of `analyze stage`.
#[derive(Args, Debug)]
pub struct StageArgs {
    /// The portfolio: a folder of three CSV files, or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// prospecting, buy-in, solution or closing.
    #[arg(long)]
    pub stage: String,
    /// The account (organization name), for buy-in.
    #[arg(long)]
    pub account: Option<String>,
    /// The target contact id, for closing.
    #[arg(long)]
    pub target: Option<String>,
    /// Tie strengths as of this date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(_args: &StageArgs) -> Outcome {
    Err(crate::common::Failure::Usage("stage: not yet wired".into()))
}
