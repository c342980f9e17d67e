//! The team's view (`stages::team`) on a generated team.
//!
//! A generated portfolio (`generate::portfolio`, not timed): `S`
//! salespeople of our firm, each with their own ties, `C` contacts, 10 ties
//! per contact.
//!
//! - `team/every_prospect/<S>x<C>`: the whole view (first callers of every
//!   prospect's decision makers and influencers with two alternatives,
//!   coverage of every customer and prospect, risks, each salesperson's
//!   four networks) on the current pool;
//! - `team/every_prospect_serial/<S>x<C>`: the same on one thread.
//!
//! The default size is the 50 salespeople and 100,000 contacts
//! (target: under 2 s on 2 cores); `SALESNET_BENCH_TEAM_SMALL=1` runs 10 x
//! 10,000. Every timed call asserts its result.
//!
//! Run: `cargo bench --bench team`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use salesnet::DecayPolicy;
use salesnet::generate::{GenerateOptions, portfolio};
use salesnet::graph::Parallelism;
use salesnet::stages::{TeamOptions, team};

fn bench(c: &mut Criterion) {
    let (owners, contacts) =
        if std::env::var_os("SALESNET_BENCH_TEAM_SMALL").is_some() { (10, 10_000) } else { (50, 100_000) };
    let as_of = date(2025, 1, 1);
    let networks =
        portfolio(&GenerateOptions::new().contacts(contacts).owners(owners).seed(13).as_of(as_of)).expect("generated");
    let dated = networks.at(as_of, &DecayPolicy::default());
    let mut group = c.benchmark_group("team");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    for (name, parallelism) in
        [("every_prospect", Parallelism::Current), ("every_prospect_serial", Parallelism::Serial)]
    {
        let options = TeamOptions::new().parallelism(parallelism);
        group.bench_function(format!("{name}/{owners}x{contacts}"), |b| {
            b.iter(|| {
                let report = team(black_box(&dated), &options).expect("team view");
                assert_eq!(report.salespeople.len(), owners);
                assert!(!report.intros.is_empty() && report.intros.iter().all(|i| i.path.hops <= 3));
                report
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
