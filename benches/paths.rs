//! Path-search benchmarks on seeded preferential-attachment graphs of about
//! 10k, 100k and 1M edges with weights uniform in (0, 1].
//!
//! `paths/best/<size>/<cost>`: one best-path query (bidirectional search)
//! between random pairs on a reused `PathFinder`;
//! `paths/best_forward/<size>/inverse`: the same searching from the source
//! only; `paths/best_fresh/<size>/inverse`: bidirectional with a fresh finder
//! per query (what the reused workspace saves); `paths/k5/<size>/<cost>`:
//! the 5 best loopless paths; `paths/many_targets/<size>/inverse`: best paths
//! from 10 sources to 100 targets in one search.
//!
//! Run: `cargo bench --bench paths` (add a filter such as `paths/best/100k`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use salesnet::graph::{Cost, Node, Snapshot};
use salesnet::paths::{PathFinder, PathOptions, Search};
use salesnet::random::Rng;

fn random_nodes(g: &Snapshot, count: usize, seed: u64) -> Vec<Node> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| rng.below(g.node_count()) as Node).collect()
}

const SIZES: [(&str, usize); 3] = [("10k", 2_000), ("100k", 20_000), ("1M", 200_000)];
const COSTS: [Cost; 3] = [Cost::Hops, Cost::Inverse, Cost::NegLog];

fn paths(c: &mut Criterion) {
    for (label, n) in SIZES {
        let g = salesnet::generate::barabasi_albert(n, 5, 42).expect("valid sizes");
        let ends = random_nodes(&g, 64, 7);
        let pairs: Vec<(Node, Node)> = ends.chunks(2).map(|p| (p[0], p[1])).collect();
        let mut finder = PathFinder::new(&g);
        let mut group = c.benchmark_group("paths");
        group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));

        for cost in COSTS {
            let options = PathOptions::new().cost(cost);
            let mut i = 0;
            group.bench_function(format!("best/{label}/{cost}"), |b| {
                b.iter(|| {
                    let (s, t) = pairs[i % pairs.len()];
                    i += 1;
                    let p = finder.best(s, t, &options).unwrap();
                    assert!(p.is_some_and(|p| p.nodes[0] == s), "connected graph");
                })
            });
        }

        let options = PathOptions::new().cost(Cost::Inverse).search(Search::Forward);
        let mut i = 0;
        group.bench_function(format!("best_forward/{label}/inverse"), |b| {
            b.iter(|| {
                let (s, t) = pairs[i % pairs.len()];
                i += 1;
                let p = finder.best(s, t, &options).unwrap();
                assert!(p.is_some());
            })
        });

        let options = PathOptions::new().cost(Cost::Inverse);
        let mut i = 0;
        group.bench_function(format!("best_fresh/{label}/inverse"), |b| {
            b.iter(|| {
                let (s, t) = pairs[i % pairs.len()];
                i += 1;
                let p = PathFinder::new(&g).best(s, t, &options).unwrap();
                assert!(p.is_some());
            })
        });

        for cost in [Cost::Inverse, Cost::NegLog] {
            let options = PathOptions::new().cost(cost).k(5);
            let mut i = 0;
            group.bench_function(format!("k5/{label}/{cost}"), |b| {
                b.iter(|| {
                    let (s, t) = pairs[i % pairs.len()];
                    i += 1;
                    let p = finder.k_best(s, t, &options).unwrap();
                    assert!(p.len() == 5 || s == t);
                    black_box(p)
                })
            });
        }

        let sources = random_nodes(&g, 10, 11);
        let targets = random_nodes(&g, 100, 13);
        let options = PathOptions::new().cost(Cost::Inverse);
        group.bench_function(format!("many_targets/{label}/inverse"), |b| {
            b.iter(|| {
                let p = finder.best_many(&sources, &targets, &options).unwrap();
                assert!(p.iter().all(Option::is_some));
                black_box(p)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, paths);
criterion_main!(benches);
