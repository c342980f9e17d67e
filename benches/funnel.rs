//! The funnel report on a team's portfolio.
//!
//! A synthetic team portfolio (built in memory, not timed): `S` salespeople
//! of our firm, `C` contacts in organizations of 50 people (70% prospects,
//! 20% customers, 10% others; each with a decision maker, influencers, a
//! gatekeeper, buyers and users), about 4 ties per contact inside and
//! across organizations, every salesperson tied to three people of each of
//! their accounts and to customers, and `D` deals, 100 per salesperson, at
//! every step and status.
//!
//! - `funnel/team/<size>`: the whole report for every salesperson and the
//!   team (pipelines, stuck deals, each open deal's committee, reach,
//!   middleman, referee and next action, customers), on the current pool;
//! - `funnel/team_serial/<size>`: the same on one thread;
//! - `funnel/pipeline/<size>`: the pure pipeline of all deals.
//!
//! The default size is 100 salespeople, 10,000 deals, 100,000 contacts; set
//! `SALESNET_BENCH_FUNNEL_FULL=1` for the 1,000 salespeople, 100,000
//! deals and 1,000,000 contacts. Every timed call asserts its result.
//!
//! Run: `cargo bench --bench funnel`.
//!
//! `SALESNET_BENCH_FUNNEL_ONCE=1` skips criterion: it builds the fixture
//! (not timed), runs the whole report twice on the current pool (the first
//! call makes the snapshot of active ties, the second finds it) and prints
//! its wall time, the process's CPU time (user + system) during the call,
//! and a digest of the report's JSON and text, so that a change can be
//! shown to keep every answer.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use salesnet::graph::Parallelism;
use salesnet::random::Rng;
use salesnet::stages::{FunnelOptions, FunnelThresholds, Salespeople, funnel, pipeline};
use salesnet::{
    Contact, Deal, DealStatus, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Step, Tie,
};

const AS_OF: Date = date(2025, 1, 1);
const ORG_SIZE: usize = 50;

/// The team portfolio and its deals.
pub fn team(salespeople: usize, contacts: usize, deals_per_rep: usize) -> SalesNetworks {
    let mut rng = Rng::new(20_251_126);
    let orgs = contacts / ORG_SIZE;
    let relation = |i: usize| match i % 10 {
        0..=6 => Relation::Prospect,
        7 | 8 => Relation::Customer,
        _ => Relation::Other,
    };
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Our Firm", Relation::Own));
    for i in 0..orgs {
        let mut o = Organization::new(format!("org{i}"), relation(i));
        if relation(i) == Relation::Customer {
            o.value = Some(1_000.0 * (1 + rng.below(1_000)) as f64);
        }
        b.organization(o);
    }
    let level = |l: usize| RelationshipLevel::new(l as u8).expect("level");
    for s in 0..salespeople {
        b.contact(Contact::new(&format!("rep{s}"), format!("Rep {s}"), "Our Firm", Role::Owner).expect("contact"));
    }
    const ROLES: [Role; 10] = [
        Role::DecisionMaker,
        Role::Influencer,
        Role::Influencer,
        Role::Gatekeeper,
        Role::Buyer,
        Role::Buyer,
        Role::User,
        Role::User,
        Role::User,
        Role::User,
    ];
    for i in 0..orgs * ORG_SIZE {
        let role = if i % ORG_SIZE < ROLES.len() { ROLES[i % ORG_SIZE] } else { Role::Other };
        b.contact(
            Contact::new(&format!("c{i}"), format!("Person {i}"), format!("org{}", i / ORG_SIZE), role)
                .expect("contact"),
        );
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut tie = |b: &mut salesnet::SalesNetworksBuilder, a: String, z: String, key: (usize, usize), rng: &mut Rng| {
        if key.0 != key.1 && pairs.insert((key.0.min(key.1), key.0.max(key.1))) {
            let last = AS_OF - (rng.below(400) as i64).days();
            b.tie(Tie::new(&a, &z, level(1 + rng.below(5))).expect("tie").with_last_contact(last));
        }
    };
    let n = orgs * ORG_SIZE;
    // Contacts are keyed from `salespeople` up, salespeople from 0.
    for i in 0..n {
        let org = i / ORG_SIZE;
        for _ in 0..3 {
            let j = org * ORG_SIZE + rng.below(ORG_SIZE);
            tie(&mut b, format!("c{i}"), format!("c{j}"), (salespeople + i, salespeople + j), &mut rng);
        }
        let j = rng.below(n);
        tie(&mut b, format!("c{i}"), format!("c{j}"), (salespeople + i, salespeople + j), &mut rng);
    }
    let customers: Vec<usize> = (0..orgs).filter(|&o| relation(o) == Relation::Customer).collect();
    let accounts: Vec<usize> = (0..orgs).filter(|&o| relation(o) != Relation::Other).collect();
    for s in 0..salespeople {
        for _ in 0..20 {
            let j = customers[rng.below(customers.len())] * ORG_SIZE + rng.below(ORG_SIZE);
            tie(&mut b, format!("rep{s}"), format!("c{j}"), (s, salespeople + j), &mut rng);
        }
        for k in 0..deals_per_rep {
            let org = accounts[rng.below(accounts.len())];
            for _ in 0..3 {
                let j = org * ORG_SIZE + rng.below(ORG_SIZE);
                tie(&mut b, format!("rep{s}"), format!("c{j}"), (s, salespeople + j), &mut rng);
            }
            let step = Step::ALL[rng.below(6)];
            let status = match rng.below(3) {
                0 => DealStatus::Open,
                1 if step >= Step::Contracted => DealStatus::Won,
                1 => DealStatus::Open,
                _ => DealStatus::Lost,
            };
            let opened = AS_OF - (100 + rng.below(600) as i64).days();
            let since = opened + (rng.below(100) as i64).days();
            b.deal(
                Deal::new(&format!("d{s}-{k}"), format!("org{org}"), &format!("rep{s}"), step, opened)
                    .expect("deal")
                    .with_status(status)
                    .with_amount(1_000.0 * (1 + rng.below(500)) as f64)
                    .with_step_since(since),
            );
        }
    }
    b.build().expect("valid team portfolio")
}

/// The process's CPU time (user + system) so far, from `/proc/self/stat`
/// (clock ticks of 1/100 s); `None` where there is no such file.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// FNV-1a, 64 bits.
fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// One timed call at the chosen size, with a digest of the answers.
fn once(full: bool) {
    let (salespeople, contacts) = if full { (1_000, 1_000_000) } else { (100, 100_000) };
    let start = std::time::Instant::now();
    let networks = team(salespeople, contacts, 100);
    let dated = networks.at(AS_OF, &DecayPolicy::default());
    eprintln!("fixture built in {:.2} s", start.elapsed().as_secs_f64());
    let options = FunnelOptions::new();
    // The first call makes the `AsOf`'s snapshot of active ties; the second
    // (what criterion's later iterations see) finds it made.
    for call in ["first", "second"] {
        let (cpu, start) = (cpu_seconds(), std::time::Instant::now());
        let r = funnel(&dated, &Salespeople::All, &options).expect("report");
        let wall = start.elapsed().as_secs_f64();
        let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
        let json = serde_json::to_vec(&r).expect("json");
        let text = r.to_string();
        println!(
            "funnel once ({call} call): {salespeople} salespeople, {} deals, {contacts} contacts, {} threads: wall {wall:.3} s, cpu {} s; json {:016x} ({} bytes), text {:016x}",
            networks.deals().len(),
            std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "default".to_string()),
            cpu.map_or_else(|| "-".to_string(), |c| format!("{c:.2}")),
            digest(&json),
            json.len(),
            digest(text.as_bytes())
        );
    }
}

fn bench_funnel(c: &mut Criterion) {
    let full = std::env::var_os("SALESNET_BENCH_FUNNEL_FULL").is_some_and(|v| v == "1");
    let (salespeople, contacts) = if full { (1_000, 1_000_000) } else { (100, 100_000) };
    if std::env::var_os("SALESNET_BENCH_FUNNEL_ONCE").is_some_and(|v| v == "1") {
        once(full);
        return;
    }
    let networks = team(salespeople, contacts, 100);
    let deals = networks.deals();
    let dated = networks.at(AS_OF, &DecayPolicy::default());
    let size = format!("{salespeople}x{}x{contacts}", deals.len());
    let open = deals.iter().filter(|d| d.status == DealStatus::Open).count();

    let mut group = c.benchmark_group("funnel");
    group.sample_size(10).measurement_time(Duration::from_secs(if full { 60 } else { 10 }));
    for (name, parallelism) in [("team", Parallelism::Current), ("team_serial", Parallelism::Serial)] {
        let options = FunnelOptions::new().with_parallelism(parallelism);
        group.bench_function(format!("{name}/{size}"), |b| {
            b.iter(|| {
                let r = funnel(&dated, &Salespeople::All, &options).expect("report");
                assert_eq!(r.owners.len(), salespeople);
                assert_eq!(r.deals.len(), open);
                black_box(r)
            });
        });
    }
    let thresholds = FunnelThresholds::default();
    group.bench_function(format!("pipeline/{size}"), |b| {
        b.iter(|| {
            let p = pipeline(deals, &thresholds);
            assert_eq!(p.open, open);
            black_box(p)
        });
    });
    group.finish();
}

criterion_group!(benches, bench_funnel);
criterion_main!(benches);
