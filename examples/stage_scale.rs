//! Loads a portfolio and runs every stage report on it, timing each step and
//! recording the peak memory: the scale check of `BENCHMARKS.md`.
//!
//! ```text
//! cargo run --release --example analyze -- generate --contacts 1000000 --as-of 2025-01-01 --out /tmp/p1m
//! /usr/bin/time -v target/release/examples/stage_scale /tmp/p1m 2025-01-01
//! /usr/bin/time -v target/release/examples/stage_scale /tmp/p1m 2025-01-01 load   # the load alone
//! ```
//!
//! Steps: read the CSV folder (or JSON document); every tie's strength at
//! the date (`as_of`, once, shared by the steps after it); build a snapshot of each
//! network view and of the whole portfolio (with its heap bytes per edge);
//! the graph density and the owner's ego density on the whole; then the four
//! stage reports: prospecting, buy-in for the prospect with the most
//! contacts, solution, and closing for that prospect's first decision maker
//! (its first contact if none). Prints one JSON line with the seconds of
//! each step and the peak resident memory (`VmHWM`, Linux).

use std::collections::BTreeMap;
use std::time::Instant;

use salesnet::graph::Ties;
use salesnet::measures;
use salesnet::stages::{self, StageOptions, StageRequest};
use salesnet::{DecayPolicy, NetworkKind, Relation, Role};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: stage_scale PORTFOLIO [AS_OF] [load]".into());
    };
    let as_of: jiff::civil::Date = args.get(1).map_or("2025-01-01", String::as_str).parse()?;
    let mut seconds: BTreeMap<String, f64> = BTreeMap::new();
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    let mut timed = |name: &str, started: Instant| {
        let s = started.elapsed().as_secs_f64();
        eprintln!("{name}: {s:.3} s");
        seconds.insert(name.to_string(), s);
    };

    let started = Instant::now();
    let networks = salesnet::io::read_portfolio(path)?;
    timed("load", started);
    figures.insert("contacts".into(), networks.contact_count() as f64);
    figures.insert("ties".into(), networks.tie_count() as f64);
    if args.get(2).is_some_and(|a| a == "load") {
        figures.insert("peak_rss_bytes".into(), peak_rss_bytes() as f64);
        println!("{}", serde_json::json!({ "seconds": seconds, "figures": figures }));
        return Ok(());
    }

    let policy = DecayPolicy::default();
    // Every tie's strength and freshness at the date, once for every step below.
    let started = Instant::now();
    let dated = networks.at(as_of, &policy);
    timed("as_of", started);
    for kind in NetworkKind::ALL {
        let started = Instant::now();
        let g = dated.snapshot(&networks.view(kind), Ties::All).into_snapshot();
        timed(&format!("snapshot_{kind}"), started);
        figures.insert(format!("{kind}_nodes"), g.node_count() as f64);
        figures.insert(format!("{kind}_edges"), g.edge_count() as f64);
    }
    let started = Instant::now();
    let whole = dated.snapshot(&networks.whole(), Ties::All).into_snapshot();
    timed("snapshot_whole", started);
    let (n, m) = (whole.node_count(), whole.edge_count());
    let csr = 24 * m + 4 * (n + 1);
    figures.insert("whole_heap_bytes".into(), whole.heap_bytes() as f64);
    figures.insert("whole_csr_bytes_per_edge".into(), csr as f64 / m as f64);
    figures.insert("whole_id_bytes_per_node".into(), (whole.heap_bytes() - csr) as f64 / n as f64);

    let started = Instant::now();
    let density = measures::density(&whole);
    let owner = whole.require(networks.owner().id.as_str())?;
    let ego = measures::ego_density(&whole, owner);
    timed("density_and_owner_ego_density", started);
    figures.insert("density".into(), density);
    figures.insert("owner_ego_density".into(), ego.unwrap_or(-1.0));
    drop(whole);

    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for c in networks.contacts() {
        if networks.organization_of(c).is_some_and(|o| o.relation == Relation::Prospect) {
            *sizes.entry(c.organization.as_str()).or_default() += 1;
        }
    }
    let account = sizes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(name, _)| name.to_string());
    let account = account.ok_or("the portfolio has no prospect contacts")?;
    let mut people = networks.contacts().filter(|c| c.organization == account);
    let first = people.next().ok_or("the account has no contacts")?;
    let target =
        networks.contacts().find(|c| c.organization == account && c.role == Role::DecisionMaker).unwrap_or(first);
    let target = target.id.as_str().to_string();
    figures.insert("account_contacts".into(), sizes[account.as_str()] as f64);

    let options = StageOptions::new();
    let requests = [
        ("stage_prospecting", StageRequest::Prospecting),
        ("stage_buy_in", StageRequest::BuyIn { account }),
        ("stage_solution", StageRequest::Solution),
        ("stage_closing", StageRequest::Closing { target: salesnet::ContactId::new(target)? }),
    ];
    for (name, request) in requests {
        let started = Instant::now();
        let report = stages::report(&dated, &request, &options)?;
        std::hint::black_box(report.to_string());
        timed(name, started);
    }
    figures.insert("peak_rss_bytes".into(), peak_rss_bytes() as f64);
    println!("{}", serde_json::json!({ "seconds": seconds, "figures": figures }));
    Ok(())
}

/// The peak resident set size of this process (`VmHWM` in `/proc/self/status`; 0 elsewhere).
fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
