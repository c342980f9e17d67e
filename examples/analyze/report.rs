//! `analyze report`: a portfolio's four stage reports with pictures, as one HTML file.

use std::path::PathBuf;

use clap::Args;

use salesnet::DecayPolicy;
use salesnet::io::{Overwrite, Redaction};
use salesnet::report::{AccountScope, ReportOptions, html_report};

use crate::common::Outcome;
use crate::stage::{date_or_today, owner_choice};

/// Arguments of `analyze report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The portfolio: a folder of three CSV files, or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// Tie strengths as of this date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// The owner (salesperson) the report speaks for, by contact id; needed when the portfolio has several.
    #[arg(long)]
    pub owner: Option<String>,
    /// An account (organization name) for the buy-in stage; repeat for more (default: the 10
    /// largest prospects by value; the report says how many were left out).
    #[arg(long)]
    pub account: Vec<String>,
    /// Cover every prospect account (a long report on a big portfolio).
    #[arg(long, conflicts_with = "account")]
    pub all_accounts: bool,
    /// A target contact id for the closing stage; repeat for more (default: the accounts' decision makers, at most 3).
    #[arg(long)]
    pub target: Vec<String>,
    /// Show pseudonyms (C0001, Org01, ...) instead of names, ids and organizations.
    #[arg(long)]
    pub redact: bool,
    /// Seed of the pictures' layout.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where to write the HTML file (never one of the portfolio's files; written atomically).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: &ReportArgs) -> Outcome {
    let date = date_or_today(args.as_of.as_deref())?;
    let owner = owner_choice(args.owner.as_deref(), Some)?;
    salesnet::io::check_output(&args.out, &[&args.portfolio], Overwrite::Replace)?;
    let networks = crate::common::read_portfolio(&args.portfolio, false)?;
    let as_of = networks.at(date, &DecayPolicy::default());
    let redaction = if args.redact { Redaction::Pseudonyms } else { Redaction::None };
    let options = ReportOptions::new()
        .owner(owner)
        .redaction(redaction)
        .accounts(args.account.clone())
        .account_scope(if args.all_accounts { AccountScope::All } else { AccountScope::default() })
        .targets(args.target.clone())
        .seed(args.seed);
    let html = html_report(&as_of, &options)?;
    salesnet::io::write_file(&args.out, html)?;
    Ok(String::new())
}
