//! `analyze plan`: the salesperson's dated action list.

use std::path::PathBuf;

use clap::Args;

use salesnet::DecayPolicy;
use salesnet::stages::{self, PlanOptions, StageOptions, Thresholds};

use crate::common::{Outcome, json_line};
use crate::stage::{date_or_today, owner_choice};

/// Arguments of `analyze plan`.
#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The portfolio: a folder of CSV files, or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// The salesperson (an owner's contact id); needed when the portfolio has several.
    #[arg(long)]
    pub owner: Option<String>,
    /// The plan's date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// The window: actions due within this many days, plus everything overdue.
    #[arg(long, default_value_t = 14)]
    pub days: u32,
    /// The longest introduction chain the reports use, in ties.
    #[arg(long, default_value_t = 3)]
    pub max_hops: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &PlanArgs) -> Outcome {
    let date = date_or_today(args.as_of.as_deref())?;
    let owner = owner_choice(args.owner.as_deref(), Some)?;
    let networks = crate::common::read_portfolio(&args.portfolio, args.json)?;
    let as_of = networks.at(date, &DecayPolicy::default());
    let options = StageOptions::new()
        .owner(owner)
        .with_thresholds(Thresholds { max_hops: args.max_hops, ..Thresholds::default() });
    let plan = stages::plan(&as_of, &options, &PlanOptions::new().days(args.days))?;
    if args.json { json_line(&plan) } else { Ok(plan.to_string()) }
}
