//! `analyze`: the analysts' command line.
//!
//! ```text
//! cargo run --release --example analyze -- <command> [options]
//! ```
//!
//! Commands: `metrics`, `path`, `stage`, `plan`, `team`, `funnel`, `draw`, `export`, `report`, `convert`, `generate`,
//! `completions`. Run with
//! `--help` for each. `--json` output goes to stdout alone; on any error the
//! message goes to stderr, nothing is printed on stdout, and the exit code is
//! non-zero (1 for errors in the input or the query, 2 for bad arguments).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use salesnet::io::Overwrite;

mod common;
mod draw;
mod export;
mod funnel;
mod infer;
mod metrics;
mod path;
mod plan;
mod report;
mod stage;
mod team;
mod trend;

#[derive(Parser, Debug)]
#[command(name = "analyze", about = "Social-network analysis of sales relationships", version)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Network measures of every node of an edge list (density, structural holes, betweenness, ...):
    /// a text table, JSON or CSV on stdout.
    Metrics(metrics::MetricsArgs),
    /// The best referral path(s) between two nodes of an edge list: text or JSON on stdout.
    Path(path::PathArgs),
    /// One sales stage's report on a portfolio: text or JSON on stdout.
    Stage(stage::StageArgs),
    /// The salesperson's dated action list: whom to see, why and by when.
    Plan(plan::PlanArgs),
    /// The team's view: who of the salespeople makes the first call to each key person, which of them
    /// hold each customer and prospect, the team's risks, each salesperson's four networks.
    Team(team::TeamArgs),
    /// One sales stage's picture: the report's findings drawn over its network, as SVG.
    Draw(draw::DrawArgs),
    /// Deals and customers: each salesperson's funnel and diagnoses, stuck deals, each open deal's relationships:
    /// text or JSON on stdout.
    Funnel(funnel::FunnelArgs),
    /// Ties inferred from the relationship history (interactions.csv), merged into the portfolio, written as
    /// a CSV folder or a JSON document.
    Infer(infer::InferArgs),
    /// A portfolio view, or an edge list with its measures, to GraphML, GEXF, DOT (one file) or
    /// CSV or Parquet node and edge tables (a folder).
    Export(export::ExportArgs),
    /// The key numbers of each stage at every month or quarter end between two dates, and what changed.
    Trend(trend::TrendArgs),
    /// A self-contained HTML report of a portfolio: the four stages with pictures and tables.
    Report(report::ReportArgs),
    /// Write a synthetic, realistic portfolio of any size (CSV folder, or JSON by the extension).
    Generate {
        /// Number of contacts (at least 100).
        #[arg(long)]
        contacts: usize,
        /// Seed: the same seed gives the same portfolio.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Ties per contact (ties = contacts x this; the mean degree is twice it).
        #[arg(long, default_value_t = 10.0)]
        ties_per_contact: f64,
        /// Last-contact dates are spread over the two years before this date, YYYY-MM-DD (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Also generate this many deals (`deals.csv`): steps follow a realistic funnel (each step passed with
        /// its usual rate, or lost), opened over the two years before the date.
        #[arg(long, default_value_t = 0)]
        deals: usize,
        /// Plant a leaky funnel step (deals pass it at a quarter of its rate): `introduced` shows as
        /// `weak_proposals`, `negotiating` as `weak_negotiation`. Needs `--deals`.
        #[arg(long, requires = "deals")]
        leak: Option<salesnet::Step>,
        /// Salespeople of our firm (a team), each with their own ties; at most half of our firm (4% of the
        /// contacts, at least 12).
        #[arg(long, default_value_t = 1)]
        owners: usize,
        /// Where to write: a folder, or a path ending in `.json`.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print a shell completion script for `analyze` on stdout (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Convert a portfolio between a CSV folder and a JSON document (by the output's extension).
    Convert {
        /// The portfolio: a folder of three CSV files, or a JSON document.
        #[arg(long)]
        portfolio: PathBuf,
        /// Where to write: a path ending in `.json` is a JSON document, anything else a folder.
        /// Never one of the inputs; an existing output is replaced only with `--force`.
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing output (atomically: the old output stays whole if the write fails).
        #[arg(long)]
        force: bool,
    },
}

/// What `analyze generate` writes.
struct GenerateArgs<'a> {
    contacts: usize,
    seed: u64,
    owners: usize,
    ties_per_contact: f64,
    as_of: Option<&'a str>,
    deals: usize,
    leak: Option<salesnet::Step>,
    out: &'a std::path::Path,
}

fn generate(args: &GenerateArgs<'_>) -> common::Outcome {
    let as_of = stage::date_or_today(args.as_of)?;
    let options = salesnet::generate::GenerateOptions::new()
        .contacts(args.contacts)
        .seed(args.seed)
        .ties_per_contact(args.ties_per_contact)
        .as_of(as_of)
        .owners(args.owners);
    let options = match common::progress_bars(false) {
        Some(progress) => options.progress(progress),
        None => options,
    };
    let mut networks = salesnet::generate::portfolio(&options)?;
    if args.deals > 0 {
        let mut deal_options = salesnet::generate::DealOptions::new(args.deals, as_of).seed(args.seed);
        if let Some(step) = args.leak {
            deal_options = deal_options.leak(step);
        }
        let deals = salesnet::generate::deals(&networks, &deal_options)?;
        let mut builder = networks.to_builder();
        for deal in deals {
            builder.deal(deal);
        }
        networks = builder.build()?;
    }
    salesnet::io::write_portfolio(&networks, args.out)?;
    Ok(String::new())
}

/// A usage error under `--redact`: what kind of error and which argument,
/// never the value given (clap's own message quotes it). Help and version
/// print as usual.
fn usage_redacted(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let what = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "invalid value",
        ErrorKind::UnknownArgument => "unknown argument",
        ErrorKind::InvalidSubcommand => "unknown command",
        ErrorKind::MissingRequiredArgument => "missing required argument",
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "missing command",
        ErrorKind::ArgumentConflict => "conflicting arguments",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => "wrong number of values",
        _ => "bad arguments",
    };
    // The argument's name (`--cost <COST>`) is no value; an unknown argument's is.
    let arg = match (e.kind(), e.get(ContextKind::InvalidArg)) {
        (ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand, _) => None,
        (_, Some(ContextValue::String(arg))) => Some(arg.clone()),
        (_, Some(ContextValue::Strings(args))) => Some(args.join(", ")),
        _ => None,
    };
    match arg {
        Some(arg) => eprintln!("error: {what} for {arg} (the value is hidden by --redact); see --help"),
        None => eprintln!("error: {what} (values are hidden by --redact); see --help"),
    }
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let redact = std::env::args_os().any(|a| a == "--redact");
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) if redact => return usage_redacted(&e),
        Err(e) => e.exit(),
    };
    let result = match args.command {
        Command::Metrics(a) => metrics::run(&a),
        Command::Path(a) => path::run(&a),
        Command::Stage(a) => stage::run(&a),
        Command::Plan(a) => plan::run(&a),
        Command::Team(a) => team::run(&a),
        Command::Draw(a) => draw::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Export(a) => export::run(&a),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut <Args as clap::CommandFactory>::command(), "analyze", &mut script);
            Ok(String::from_utf8_lossy(&script).into_owned())
        }
        Command::Infer(a) => infer::run(&a),
        Command::Trend(a) => trend::run(&a),
        Command::Funnel(a) => funnel::run(&a),
        Command::Generate { contacts, seed, ties_per_contact, as_of, deals, leak, owners, out } => {
            generate(&GenerateArgs {
                contacts,
                seed,
                ties_per_contact,
                as_of: as_of.as_deref(),
                deals,
                leak,
                owners,
                out: &out,
            })
        }
        Command::Convert { portfolio, out, force } => {
            let overwrite = if force { Overwrite::Replace } else { Overwrite::Refuse };
            salesnet::io::convert(&portfolio, &out, overwrite).map(|()| String::new()).map_err(common::Failure::from)
        }
    };
    match result {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            // Under --redact an error echoes no value of the input (no id, no name).
            if redact {
                eprintln!("error: {}", failure.redacted());
            } else {
                eprintln!("error: {failure}");
            }
            ExitCode::from(1)
        }
    }
}
