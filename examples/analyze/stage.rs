//! `analyze stage`: one sales stage's report on a portfolio.

use std::path::PathBuf;

use clap::Args;

use jiff::civil::Date;
use salesnet::Stage;
use salesnet::stages::{self, StageOptions, StageRequest};

use crate::common::{Failure, Outcome, json_line};

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

pub fn run(args: &StageArgs) -> Outcome {
    let stage: Stage = args.stage.parse()?;
    let request = match stage {
        Stage::Prospecting => StageRequest::Prospecting,
        Stage::Solution => StageRequest::Solution,
        Stage::BuyIn => StageRequest::BuyIn {
            account: args.account.clone().ok_or_else(|| Failure::Usage("--stage buy-in needs --account ORG".into()))?,
        },
        Stage::Closing => StageRequest::Closing {
            target: args.target.clone().ok_or_else(|| Failure::Usage("--stage closing needs --target ID".into()))?,
        },
    };
    let as_of = match &args.as_of {
        None => stages::today(),
        Some(text) => parse_date(text)?,
    };
    let networks = salesnet::io::read_portfolio(&args.portfolio)?;
    let report = stages::report(&networks, &request, &StageOptions::as_of(as_of))?;
    if args.json { json_line(&report) } else { Ok(report.to_string()) }
}

/// A `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<Date, Failure> {
    let ok = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<Date>() {
        Ok(d) if ok => Ok(d),
        _ => Err(Failure::Usage(format!("--as-of: `{text}` is not a date of the form YYYY-MM-DD"))),
    }
}
