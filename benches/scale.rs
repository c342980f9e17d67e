//! Scale benchmarks: what an analyst's session costs as the portfolio grows.
//!
//! Generated portfolios of 1k, 10k and 100k contacts (10 ties per contact;
//! add 1M with `SALESNET_BENCH_1M=1`) are written once as CSV folders under
//! the system temp dir, then:
//!
//! - `scale/load/<size>`: read the CSV folder into a portfolio;
//! - `scale/snapshot_<network>/<size>`: build the analysis snapshot of a
//!   network view (market, prospect, internal, customer) or of the whole
//!   portfolio, weighted by tie strength;
//! - `scale/density/<size>`: graph density and the owner's ego density on
//!   the whole portfolio;
//! - `scale/stage_<stage>/<size>/<serial|parallel>`: each stage report
//!   (buy-in on the prospect with the most contacts, closing on its first
//!   decision maker), on one thread and on the current pool.
//!
//! And the real graphs of `../shared/data` (decompressed once with `gzip -dc`
//! into `target/bench-graphs/`, self-loops and repeated edges dropped; skipped
//! when absent):
//! `scale/real_load/<graph>`: parse the edge list and build its snapshot.
//!
//! Run: `cargo bench --bench scale` (filter: `cargo bench --bench scale -- stage_solution`).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::{Date, date};
use salesnet::generate::{GenerateOptions, portfolio};
use salesnet::graph::{Parallelism, Ties};
use salesnet::io::{EdgeListOptions, read_edge_list, read_portfolio, write_portfolio};
use salesnet::measures;
use salesnet::stages::{self, StageOptions, StageReport, StageRequest};
use salesnet::{DecayPolicy, NetworkKind, Relation, Role, SalesNetworks};

const AS_OF: Date = date(2025, 1, 1);

/// Writes the generated portfolio of `contacts` contacts as a CSV folder (once per run).
fn portfolio_dir(contacts: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-bench-scale-{contacts}"));
    let options = GenerateOptions::new().contacts(contacts).seed(1).as_of(AS_OF);
    let networks = portfolio(&options).expect("generates");
    write_portfolio(&networks, &dir).expect("writes the CSV folder");
    dir
}

/// Buy-in on the prospect with the most contacts, closing on its first decision maker.
fn requests(networks: &SalesNetworks) -> [(&'static str, StageRequest); 4] {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for c in networks.contacts() {
        if networks.organization_of(c).is_some_and(|o| o.relation == Relation::Prospect) {
            *sizes.entry(c.organization.as_str()).or_default() += 1;
        }
    }
    let account = sizes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).expect("a prospect").0.to_string();
    let target = networks
        .contacts()
        .filter(|c| c.organization == account)
        .min_by_key(|c| c.role != Role::DecisionMaker)
        .expect("the account has contacts")
        .id
        .to_string();
    [
        ("prospecting", StageRequest::Prospecting),
        ("buy_in", StageRequest::BuyIn { account }),
        ("solution", StageRequest::Solution),
        ("closing", StageRequest::Closing { target: salesnet::ContactId::new(target).expect("an id") }),
    ]
}

fn portfolios(c: &mut Criterion) {
    let mut sizes = vec![(1_000, "1k"), (10_000, "10k"), (100_000, "100k")];
    if std::env::var_os("SALESNET_BENCH_1M").is_some_and(|v| v == "1") {
        sizes.push((1_000_000, "1M"));
    }
    let policy = DecayPolicy::default();
    for (contacts, size) in sizes {
        let dir = portfolio_dir(contacts);
        let mut group = c.benchmark_group("scale");
        group.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_secs(2));

        group.bench_function(format!("load/{size}"), |b| {
            b.iter(|| {
                let networks = read_portfolio(black_box(&dir)).expect("reads");
                assert_eq!(networks.contact_count(), contacts);
            })
        });
        let networks = read_portfolio(&dir).expect("reads");
        for kind in NetworkKind::ALL {
            let expected = networks.view(kind).len();
            group.bench_function(format!("snapshot_{kind}/{size}"), |b| {
                b.iter(|| {
                    let as_of = networks.at(AS_OF, &policy);
                    let g = as_of.snapshot(&networks.view(kind), Ties::All).into_snapshot();
                    assert_eq!(g.node_count(), expected);
                })
            });
        }
        group.bench_function(format!("snapshot_whole/{size}"), |b| {
            b.iter(|| {
                let as_of = networks.at(AS_OF, &policy);
                let g = as_of.snapshot(&networks.whole(), Ties::All).into_snapshot();
                assert_eq!(g.edge_count(), networks.tie_count());
            })
        });
        let as_of = networks.at(AS_OF, &policy);
        let whole = as_of.snapshot(&networks.whole(), Ties::All).into_snapshot();
        let owner = whole.require(networks.owner().id.as_str()).expect("the owner is a node");
        group.bench_function(format!("density/{size}"), |b| {
            b.iter(|| {
                let d = measures::density(black_box(&whole));
                let ego = measures::ego_density(black_box(&whole), owner).expect("the owner has ties");
                assert!((0.0..=1.0).contains(&d) && (0.0..=1.0).contains(&ego));
            })
        });
        drop(whole);
        let options = StageOptions::new();
        for (name, request) in requests(&networks) {
            for (p, mode) in [(Parallelism::Threads(1), "serial"), (Parallelism::Current, "parallel")] {
                group.bench_function(format!("stage_{name}/{size}/{mode}"), |b| {
                    b.iter(|| {
                        let report = match p {
                            Parallelism::Threads(n) => rayon::ThreadPoolBuilder::new()
                                .num_threads(n)
                                .build()
                                .expect("pool")
                                .install(|| stages::report(&as_of, &request, &options)),
                            _ => stages::report(&as_of, &request, &options),
                        };
                        let ok = match report.expect("runs") {
                            StageReport::Prospecting(r) => r.size > 0,
                            StageReport::BuyIn(r) => r.people > 0,
                            StageReport::Solution(r) => r.colleagues > 0,
                            StageReport::Closing(r) => !r.target.as_str().is_empty(),
                        };
                        assert!(ok);
                    })
                });
            }
        }
        group.finish();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A decompressed copy of `../shared/data/<name>/edges.csv.gz` in
/// `target/bench-graphs/`, if the data is there, as a simple undirected graph:
/// self-loops dropped, and each edge kept once (some SNAP files list both
/// directions or repeat an edge, which the edge-list reader rejects).
fn real_graph(name: &str) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target").join("bench-graphs").join(format!("{name}-simple.csv"));
    if out.exists() {
        return Some(out);
    }
    let gz = root.join("..").join("shared").join("data").join(name).join("edges.csv.gz");
    if !gz.exists() {
        return None;
    }
    std::fs::create_dir_all(out.parent()?).ok()?;
    let unpacked = std::process::Command::new("gzip").arg("-dc").arg(&gz).output().ok()?;
    if !unpacked.status.success() {
        return None;
    }
    let text = String::from_utf8(unpacked.stdout).ok()?;
    let mut seen = std::collections::HashSet::new();
    let mut simple = String::from("source,target\n");
    for line in text.lines().skip(1) {
        let mut fields = line.split(',');
        let (Some(a), Some(b)) = (fields.next(), fields.next()) else { continue };
        if a != b && seen.insert(if a < b { (a, b) } else { (b, a) }) {
            simple.push_str(a);
            simple.push(',');
            simple.push_str(b);
            simple.push('\n');
        }
    }
    std::fs::write(&out, simple).ok()?;
    Some(out)
}

fn real(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_secs(2));
    for name in ["snap-ca-astroph", "snap-email-enron", "fb100-cornell5", "snap-soc-slashdot0902"] {
        let Some(path) = real_graph(name) else {
            eprintln!("{name}: not found under ../shared/data, skipped");
            continue;
        };
        group.bench_function(format!("real_load/{name}"), |b| {
            b.iter(|| {
                let g = read_edge_list(black_box(&path), EdgeListOptions::new()).expect("reads");
                assert!(g.node_count() > 1000 && g.edge_count() > g.node_count());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, portfolios, real);
criterion_main!(benches);
