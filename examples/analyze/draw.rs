//! `analyze draw`: one stage's picture as a standalone SVG.

use std::path::PathBuf;

use clap::Args;

use salesnet::Stage;
use salesnet::draw::{DrawOptions, Labels, draw_stage};
use salesnet::io::{Pseudonyms, redact};
use salesnet::stages::{self, StageOptions, StageRequest};

use crate::common::{Failure, Outcome};
use crate::stage::parse_date;

/// Arguments of `analyze draw`.
#[derive(Args, Debug)]
pub struct DrawArgs {
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
    /// Show pseudonyms (C0001, Org01, ...) instead of names and organizations.
    #[arg(long)]
    pub redact: bool,
    /// Seed of the layout: the same seed gives the same picture.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where to write the SVG.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: &DrawArgs) -> Outcome {
    let stage: Stage = args.stage.parse()?;
    let as_of = match &args.as_of {
        None => stages::today(),
        Some(text) => parse_date(text)?,
    };
    let networks = salesnet::io::read_portfolio(&args.portfolio)?;
    let (networks, request) = if args.redact {
        // Run on the redacted portfolio, so that nothing in the picture names a person or firm.
        let names = Pseudonyms::new(&networks);
        let request = request(stage, args, |a| names.organization(a), |t| names.contact(t))?;
        (redact(&networks), request)
    } else {
        let request = request(stage, args, Some, Some)?;
        (networks, request)
    };
    let report = stages::report(&networks, &request, &StageOptions::as_of(as_of))?;
    let labels = if args.redact { Labels::Ids } else { Labels::Names };
    let svg = draw_stage(&networks, &report, &DrawOptions::new(as_of).labels(labels).seed(args.seed))?;
    svg.write(&args.out)?;
    Ok(String::new())
}

/// The stage request, with the account and target passed through `account`
/// and `target` (pseudonyms, when redacting). An unknown account or target
/// is reported as given.
fn request<'a>(
    stage: Stage,
    args: &'a DrawArgs,
    account: impl Fn(&'a str) -> Option<&'a str>,
    target: impl Fn(&'a str) -> Option<&'a str>,
) -> Result<StageRequest, Failure> {
    Ok(match stage {
        Stage::Prospecting => StageRequest::Prospecting,
        Stage::Solution => StageRequest::Solution,
        Stage::BuyIn => {
            let given =
                args.account.as_deref().ok_or_else(|| Failure::Usage("--stage buy-in needs --account ORG".into()))?;
            let account =
                account(given).ok_or_else(|| Failure::Usage(format!("--account: no organization named `{given}`")))?;
            StageRequest::BuyIn { account: account.to_string() }
        }
        Stage::Closing => {
            let given =
                args.target.as_deref().ok_or_else(|| Failure::Usage("--stage closing needs --target ID".into()))?;
            let target =
                target(given).ok_or_else(|| Failure::Usage(format!("--target: no contact with id `{given}`")))?;
            StageRequest::Closing { target: target.to_string() }
        }
    })
}
