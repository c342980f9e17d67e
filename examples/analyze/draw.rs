//! `analyze draw`: one stage's picture as a standalone SVG.

use std::path::PathBuf;

use clap::Args;

use salesnet::DecayPolicy;
use salesnet::draw::{DrawOptions, Labels, draw_stage};
use salesnet::io::{Overwrite, Pseudonyms, redact};
use salesnet::stages::{self, StageOptions};

use crate::common::Outcome;
use crate::stage::Selection;

/// Arguments of `analyze draw`.
#[derive(Args, Debug)]
pub struct DrawArgs {
    #[command(flatten)]
    pub selection: Selection,
    /// Show pseudonyms (C0001, Org01, ...) instead of names and organizations.
    #[arg(long)]
    pub redact: bool,
    /// Seed of the layout: the same seed gives the same picture.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where to write the SVG (never one of the portfolio's files; written atomically).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: &DrawArgs) -> Outcome {
    let selection = &args.selection;
    let date = selection.date()?;
    salesnet::io::check_output(&args.out, &[&selection.portfolio], Overwrite::Replace)?;
    let networks = crate::common::read_portfolio(&selection.portfolio, false)?;
    let (networks, request, owner) = if args.redact {
        // Run on the redacted portfolio, so that nothing in the picture names a person or firm.
        let names = Pseudonyms::new(&networks);
        let request = selection.request(|a| names.organization(a), |t| names.contact(t))?;
        let owner = selection.owner(|o| names.contact(o))?;
        (redact(&networks), request, owner)
    } else {
        let request = selection.request(Some, Some)?;
        let owner = selection.owner(Some)?;
        (networks, request, owner)
    };
    let as_of = networks.at(date, &DecayPolicy::default());
    let report = stages::report(&as_of, &request, &StageOptions::new().owner(owner))?;
    let labels = if args.redact { Labels::Ids } else { Labels::Names };
    let svg = draw_stage(&as_of, &report, &DrawOptions::new().labels(labels).seed(args.seed))?;
    svg.write(&args.out)?;
    Ok(String::new())
}
