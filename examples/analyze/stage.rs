//! `analyze stage`: one sales stage's report on a portfolio.

use std::path::PathBuf;

use clap::Args;

use jiff::civil::Date;
use salesnet::stages::{self, StageOptions, StageReport, StageRequest, Thresholds};
use salesnet::{ContactId, DecayPolicy, OwnerChoice, Stage};

use crate::common::{Failure, Outcome, json_line};

/// Which portfolio, stage, account or target and date: shared by `stage` and `draw`.
#[derive(Args, Debug)]
pub struct Selection {
    /// The portfolio: a folder of three CSV files, or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// prospecting, buy-in, solution or closing.
    #[arg(long)]
    pub stage: String,
    /// The account (organization name), for buy-in; for solution, the deal to propose a solution team for.
    #[arg(long)]
    pub account: Option<String>,
    /// The target contact id, for closing.
    #[arg(long)]
    pub target: Option<String>,
    /// Tie strengths as of this date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// The owner (salesperson) the report speaks for, by contact id; needed when the portfolio has several.
    #[arg(long)]
    pub owner: Option<String>,
}

impl Selection {
    /// The date asked for, or today.
    pub fn date(&self) -> Result<Date, Failure> {
        date_or_today(self.as_of.as_deref())
    }

    /// The owner asked for (passed through `map`: a pseudonym, when redacting), or the only one.
    pub fn owner<'a>(&'a self, map: impl Fn(&'a str) -> Option<&'a str>) -> Result<OwnerChoice, Failure> {
        owner_choice(self.owner.as_deref(), map)
    }

    /// The stage request, with the account and target passed through
    /// `account` and `target` (pseudonyms, when redacting). An unknown
    /// account or target is reported as given.
    pub fn request<'a>(
        &'a self,
        account: impl Fn(&'a str) -> Option<&'a str>,
        target: impl Fn(&'a str) -> Option<&'a str>,
    ) -> Result<StageRequest, Failure> {
        let stage: Stage = self.stage.parse()?;
        Ok(match stage {
            Stage::Prospecting => StageRequest::Prospecting,
            Stage::Solution => StageRequest::Solution,
            Stage::BuyIn => {
                let given = self
                    .account
                    .as_deref()
                    .ok_or_else(|| Failure::Usage("--stage buy-in needs --account ORG".into()))?;
                let account = account(given)
                    .ok_or_else(|| Failure::rejected("--account", given, "no organization of that name"))?;
                StageRequest::BuyIn { account: account.to_string() }
            }
            Stage::Closing => {
                let given =
                    self.target.as_deref().ok_or_else(|| Failure::Usage("--stage closing needs --target ID".into()))?;
                let target =
                    target(given).ok_or_else(|| Failure::rejected("--target", given, "no contact with that id"))?;
                let target = ContactId::new(target).map_err(|_| Failure::rejected("--target", given, "an empty id"))?;
                StageRequest::Closing { target }
            }
        })
    }
}

/// Arguments of `analyze stage`.
#[derive(Args, Debug)]
pub struct StageArgs {
    #[command(flatten)]
    pub selection: Selection,
    /// The longest introduction chain the reports use, in ties.
    #[arg(long, default_value_t = 3)]
    pub max_hops: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &StageArgs) -> Outcome {
    let request = args.selection.request(Some, Some)?;
    let date = args.selection.date()?;
    let owner = args.selection.owner(Some)?;
    let networks = crate::common::read_portfolio(&args.selection.portfolio, args.json)?;
    let as_of = networks.at(date, &DecayPolicy::default());
    let thresholds = Thresholds { max_hops: args.max_hops, ..Thresholds::default() };
    let options = StageOptions::new().owner(owner).with_thresholds(thresholds);
    let report = match (&request, args.selection.account.as_deref()) {
        (StageRequest::Solution, Some(account)) => {
            StageReport::Solution(stages::solution_for_account(&as_of, account, &options)?)
        }
        _ => stages::report(&as_of, &request, &options)?,
    };
    if args.json { json_line(&report) } else { Ok(report.to_string()) }
}

/// `--owner ID` as an owner choice (the id passed through `map`), or the only owner without one.
pub fn owner_choice<'a>(
    given: Option<&'a str>,
    map: impl Fn(&'a str) -> Option<&'a str>,
) -> Result<OwnerChoice, Failure> {
    let Some(given) = given else { return Ok(OwnerChoice::Only) };
    let id = map(given).ok_or_else(|| Failure::rejected("--owner", given, "no contact with that id"))?;
    let id = ContactId::new(id).map_err(|_| Failure::Usage("--owner: an empty id".to_string()))?;
    Ok(OwnerChoice::Id(id))
}

/// Today's date (UTC): the command line, not the library, decides what "today" is.
fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// A `YYYY-MM-DD` date, or today without one.
pub fn date_or_today(text: Option<&str>) -> Result<Date, Failure> {
    let Some(text) = text else { return Ok(today()) };
    let ok = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<Date>() {
        Ok(d) if ok => Ok(d),
        _ => Err(Failure::rejected("--as-of", text, "not a date of the form YYYY-MM-DD")),
    }
}
