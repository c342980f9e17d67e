//! Times the synthetic-portfolio generator and prints the portfolio's shape.
//!
//! ```text
//! cargo run --release --example generate_probe -- [CONTACTS] [TIES_PER_CONTACT] [SEED]
//! /usr/bin/time -v target/release/examples/generate_probe 1000000 10
//! ```

use std::time::Instant;

use salesnet::generate::{GenerateOptions, portfolio};
use salesnet::{DecayPolicy, Freshness, Relation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let contacts = args.first().map_or(Ok(1_000_000), |s| s.parse())?;
    let ties_per_contact = args.get(1).map_or(Ok(10.0), |s| s.parse())?;
    let seed = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let as_of = jiff::civil::date(2025, 1, 1);
    let options = GenerateOptions::new().contacts(contacts).ties_per_contact(ties_per_contact).seed(seed).as_of(as_of);

    let (started, cpu_started) = (Instant::now(), cpu_seconds());
    let networks = portfolio(&options)?;
    let (elapsed, cpu) = (started.elapsed(), cpu_seconds() - cpu_started);
    println!(
        "generated {} contacts, {} ties, {} organizations in {:.2} s wall, {cpu:.2} s CPU",
        networks.contact_count(),
        networks.tie_count(),
        networks.organizations().len(),
        elapsed.as_secs_f64()
    );

    let graph = networks.graph();
    let mut degrees: Vec<usize> = graph.node_indices().map(|n| graph.neighbors(n).count()).collect();
    let owner_degree = degrees[networks.owner_node().index()];
    degrees.sort_unstable();
    let mean = 2.0 * networks.tie_count() as f64 / networks.contact_count() as f64;
    let pct = |p: f64| degrees[((degrees.len() - 1) as f64 * p) as usize];
    println!(
        "degree: mean {mean:.1}, median {}, p99 {}, p99.9 {}, max {}, min {}; owner {owner_degree}",
        pct(0.5),
        pct(0.99),
        pct(0.999),
        degrees[degrees.len() - 1],
        degrees[0]
    );
    for relation in Relation::ALL {
        let orgs = networks.organizations().iter().filter(|o| o.relation == *relation).count();
        let people =
            networks.contacts().filter(|c| networks.organization_of(c).map(|o| o.relation) == Some(*relation)).count();
        println!("{relation}: {orgs} organizations, {people} contacts");
    }
    let policy = DecayPolicy::default();
    let mut levels = [0usize; 6];
    let mut fresh = [0usize; 4];
    let dated = networks.at(as_of, &policy);
    for tie in dated.ties() {
        levels[usize::from(tie.tie.level.get())] += 1;
        fresh[match tie.freshness {
            Freshness::Fresh => 0,
            Freshness::Fading => 1,
            Freshness::Lapsed => 2,
            Freshness::Undated => 3,
        }] += 1;
    }
    println!("levels 0-5: {levels:?}; fresh/fading/lapsed/undated: {fresh:?}");
    Ok(())
}

/// User and system CPU time of this process so far, from `/proc/self/stat`
/// (Linux; 0 elsewhere). Wall time misleads on a shared machine.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // Clock ticks are 100 per second on Linux.
    (ticks(11) + ticks(12)) / 100.0
}
