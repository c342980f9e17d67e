//! `analyze funnel`: deals and customers, per salesperson and for the team.

use std::path::PathBuf;

use clap::Args;

use salesnet::stages::{self, FunnelOptions, Salespeople};
use salesnet::{ContactId, DecayPolicy};

use crate::common::{Failure, Outcome, json_line};
use crate::stage::date_or_today;

/// Arguments of `analyze funnel`.
#[derive(Args, Debug)]
pub struct FunnelArgs {
    /// The portfolio: a folder of CSV files (with `deals.csv`), or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// One salesperson's funnel (a contact id with role owner); the whole team without it.
    #[arg(long)]
    pub owner: Option<String>,
    /// Tie strengths and stuck deals as of this date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// The longest introduction chain to a deal's people, in ties (as `stage` and `plan`).
    #[arg(long, default_value_t = 3)]
    pub max_hops: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &FunnelArgs) -> Outcome {
    let as_of = date_or_today(args.as_of.as_deref())?;
    let networks = crate::common::read_portfolio(&args.portfolio, args.json)?;
    let who = match &args.owner {
        None => Salespeople::All,
        Some(id) => Salespeople::One(
            ContactId::new(id.as_str()).map_err(|_| Failure::Usage("--owner: an id may not be empty".into()))?,
        ),
    };
    let dated = networks.at(as_of, &DecayPolicy::default());
    let options = FunnelOptions::new()
        .with_stage_thresholds(stages::Thresholds { max_hops: args.max_hops, ..stages::Thresholds::default() });
    let report = stages::funnel(&dated, &who, &options)?;
    if args.json { json_line(&report) } else { Ok(report.to_string()) }
}
