//! Stage 1, identifying prospects: is the market network large, sparse and diverse enough?
//!
//! ```text
//! cargo run --release --example prospecting [-- --json]
//! ```
//!
//! Runs the report on the bundled sample portfolio as of 2026-11-01 (the
//! sample's reference date) and prints it as text, or as JSON with `--json`.

#[path = "shared/stdout.rs"]
mod stdout;

use jiff::civil::date;
use salesnet::stages::{self, StageOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample");
    let networks = salesnet::io::read_portfolio(folder)?;
    let as_of = networks.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let report = stages::prospecting(&as_of, &StageOptions::new())?;
    let text = if std::env::args().any(|a| a == "--json") {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        report.to_string()
    };
    Ok(stdout::print(&text)?)
}
