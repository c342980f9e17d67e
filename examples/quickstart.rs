//! Quickstart: load the bundled sample portfolio and look at its four networks.
//!
//! ```text
//! cargo run --release --example quickstart
//! ```
//!
//! Prints, per network, its size, its density and the owner's strongest
//! ties, then a short version of the four stage reports. The sample is
//! invented (see `examples/data/README.md`); its dates are spread around
//! 2026-11-01, the date the reports are taken at here. Every person is
//! shown by name and id. The text is written at once at the end, and a
//! reader that closes the pipe early (`| head`) ends the program quietly.

#[path = "shared/stdout.rs"]
mod stdout;

use std::process::ExitCode;

use jiff::civil::date;
use salesnet::graph::Ties;
use salesnet::stages::{self, StageOptions};
use salesnet::{DecayPolicy, NetworkKind};

/// The date the sample's reports are taken at.
const AS_OF: jiff::civil::Date = date(2026, 11, 1);
/// The sample's account for the buy-in stage (a prospect with a full org chart).
const ACCOUNT: &str = "Quayside Insurance";
/// The sample's closing target: Ardent Energy's CEO.
const TARGET: &str = "ard01";

/// Adds one line of text to `$out`, formatted as `println!` would print it.
macro_rules! say {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

fn main() -> ExitCode {
    match report() {
        Ok(text) => match stdout::print(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("quickstart: cannot write the report: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("quickstart: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The whole text of the quickstart.
fn report() -> Result<String, salesnet::Error> {
    let mut out = String::new();
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample");
    let networks = salesnet::io::read_portfolio(folder)?;
    // The portfolio as of a date: every tie's strength and freshness, once.
    let as_of = networks.at(AS_OF, &DecayPolicy::default());
    let options = StageOptions::new();
    let owner = networks.owner();
    say!(
        out,
        "Portfolio of {} ({}, {}): {} contacts, {} organizations, {} ties, as of {}\n",
        owner.name,
        owner.id,
        owner.organization,
        networks.contact_count(),
        networks.organizations().len(),
        networks.tie_count(),
        as_of.date()
    );

    say!(out, "{:<10} {:>8} {:>6} {:>8}  owner's strongest ties", "network", "people", "ties", "density");
    for kind in NetworkKind::ALL {
        let view = as_of.view(kind);
        let snapshot = as_of.snapshot(&view, Ties::All).into_snapshot();
        let mut ties: Vec<(f64, &str, &str)> = as_of
            .ties_of(owner.id.as_str())
            .filter(|(c, _)| view.contains(c.id.as_str()))
            .map(|(c, t)| (t.strength.get(), c.id.as_str(), c.name.as_str()))
            .collect();
        ties.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let top: Vec<String> = ties.iter().take(3).map(|(s, id, name)| format!("{name} ({id}) {s:.2}")).collect();
        say!(
            out,
            "{:<10} {:>8} {:>6} {:>8.4}  {}",
            kind.as_str(),
            snapshot.node_count() - 1,
            snapshot.edge_count(),
            snapshot.density(),
            top.join(", ")
        );
    }

    say!(out, "\n1. Prospecting (market network)");
    let p = stages::prospecting(&as_of, &options)?;
    say!(out, "   {}", p.verdict.summary);
    if let Some(b) = p.brokers.first() {
        say!(out, "   best information broker: {} ({}) knows {} people you do not", b.name, b.id, b.new_contacts);
    }
    let redundant: Vec<String> = p.redundant_contacts.iter().map(|c| format!("{} ({})", c.name, c.id)).collect();
    say!(
        out,
        "   redundant contacts: {}",
        if redundant.is_empty() { "none".to_string() } else { redundant.join(", ") }
    );

    say!(out, "\n2. Buy-in (prospect network: {ACCOUNT})");
    let r = stages::buy_in(&as_of, ACCOUNT, &options)?;
    for k in &r.decision_makers {
        say!(out, "   decision maker {} ({}): {}", k.name, k.id, k.path.render());
    }
    if let Some(m) = r.middlemen.first() {
        say!(out, "   middleman: {} ({}), on your paths of strength {:.2} in all", m.name, m.id, m.score);
    }
    if !r.gaps.is_empty() {
        let gaps: Vec<String> = r
            .decision_makers
            .iter()
            .chain(&r.influencers)
            .filter(|k| r.gaps.contains(&k.id))
            .map(|k| format!("{} ({})", k.name, k.id))
            .collect();
        say!(out, "   key people you have not met yourself: {}", gaps.join(", "));
    }

    say!(out, "\n3. Solution (internal network)");
    let s = stages::solution(&as_of, &options)?;
    let uncovered: Vec<&str> = s.departments.iter().filter(|d| !d.covered).map(|d| d.department.as_str()).collect();
    say!(
        out,
        "   ego density {}, departments without a strong tie: {}",
        s.density.map_or("-".into(), |d| format!("{d:.3}")),
        if uncovered.is_empty() { "none".to_string() } else { uncovered.join(", ") }
    );
    if let Some(b) = s.bottlenecks.first() {
        say!(out, "   bottleneck: {} ({}) is the only link to {} colleagues", b.name, b.id, b.cut_off);
    }

    let target = networks.contact(TARGET).map_or(TARGET, |c| c.name.as_str());
    say!(out, "\n4. Closing (customer network: who can vouch to {target} ({TARGET})?)");
    let c = stages::closing(&as_of, TARGET, &options)?;
    for r in c.referees.iter().take(3) {
        say!(
            out,
            "   {} ({}, {}{}) score {:.3}: {}",
            r.name,
            r.id,
            r.organization,
            if r.top_customer { ", top customer" } else { "" },
            r.score,
            r.path.render()
        );
    }
    for r in c.lapsed_referees.iter().take(2) {
        let last = r.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string());
        say!(out, "   lapsed, reconnect first: {} ({}) (last contact {last})", r.name, r.id);
    }
    Ok(out)
}
