//! `analyze team`: the team's view (first callers, coverage, risks, each salesperson's networks).

use std::path::PathBuf;

use clap::Args;

use salesnet::DecayPolicy;
use salesnet::draw::{DrawOptions, Labels, draw_team};
use salesnet::io::{Overwrite, Pseudonyms, redact};
use salesnet::stages::{self, TeamOptions, Thresholds};

use crate::common::{Failure, Outcome, json_line};
use crate::stage::date_or_today;

/// Arguments of `analyze team`.
#[derive(Args, Debug)]
pub struct TeamArgs {
    /// The portfolio: a folder of CSV files, or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// One account (organization name); every prospect without it.
    #[arg(long)]
    pub account: Option<String>,
    /// Tie strengths as of this date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// The longest introduction chain, in ties.
    #[arg(long, default_value_t = 3)]
    pub max_hops: usize,
    /// Show pseudonyms (C0001, Org01, ...) instead of names, ids and organizations.
    #[arg(long)]
    pub redact: bool,
    /// Also write the team picture of the account as SVG here (needs `--account`; written atomically,
    /// never over an input).
    #[arg(long, requires = "account")]
    pub svg: Option<PathBuf>,
    /// Seed of the picture's layout.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &TeamArgs) -> Outcome {
    let date = date_or_today(args.as_of.as_deref())?;
    if let Some(svg) = &args.svg {
        salesnet::io::check_output(svg, &[&args.portfolio], Overwrite::Replace)?;
    }
    let networks = salesnet::io::read_portfolio(&args.portfolio)?;
    let (networks, account) = if args.redact {
        // Run on the redacted portfolio, so that nothing in the output names a person or firm.
        let names = Pseudonyms::new(&networks);
        let account = match args.account.as_deref() {
            None => None,
            Some(a) => Some(
                names
                    .organization(a)
                    .ok_or_else(|| Failure::Usage("--account: no organization of that name".to_string()))?
                    .to_string(),
            ),
        };
        (redact(&networks), account)
    } else {
        (networks, args.account.clone())
    };
    let as_of = networks.at(date, &DecayPolicy::default());
    let mut options =
        TeamOptions::new().with_thresholds(Thresholds { max_hops: args.max_hops, ..Thresholds::default() });
    if let Some(a) = account {
        options = options.account(a);
    }
    let report = stages::team(&as_of, &options)?;
    if let Some(path) = &args.svg {
        let labels = if args.redact { Labels::Ids } else { Labels::Names };
        draw_team(&as_of, &report, &DrawOptions::new().labels(labels).seed(args.seed))?.write(path)?;
    }
    if args.json { json_line(&report) } else { Ok(report.to_string()) }
}
