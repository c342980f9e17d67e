//! `analyze`: the analysts' command line.
//!
//! ```text
//! cargo run --release --example analyze -- <command> [options]
//! ```
//!
//! Commands: `metrics`, `path`, `stage`, `convert`, `generate`. Run with
//! `--help` for each. `--json` output goes to stdout alone; on any error the
//! message goes to stderr, nothing is printed on stdout, and the exit code is
//! non-zero (1 for errors in the input or the query, 2 for bad arguments).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod common;
mod metrics;
mod path;
mod stage;

#[derive(Parser, Debug)]
#[command(name = "analyze", about = "Social-network analysis of sales relationships", version)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Network measures of every node of an edge list (density, structural holes, betweenness, ...).
    Metrics(metrics::MetricsArgs),
    /// The best referral path(s) between two nodes of an edge list.
    Path(path::PathArgs),
    /// One sales stage's report on a portfolio.
    Stage(stage::StageArgs),
    /// Convert a portfolio between a CSV folder and a JSON document (by the output's extension).
    Convert {
        /// The portfolio: a folder of three CSV files, or a JSON document.
        #[arg(long)]
        portfolio: PathBuf,
        /// Where to write: a path ending in `.json` is a JSON document, anything else a folder.
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Metrics(a) => metrics::run(&a),
        Command::Path(a) => path::run(&a),
        Command::Stage(a) => stage::run(&a),
        Command::Convert { portfolio, out } => {
            salesnet::io::convert(&portfolio, &out).map(|()| String::new()).map_err(common::Failure::from)
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
            eprintln!("error: {failure}");
            ExitCode::from(1)
        }
    }
}
