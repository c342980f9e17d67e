//! Work that must stay near-linear on ordinary but extreme input (issue 17):
//! structural holes of a star (one hub, n leaves) and the 3 best paths along
//! a chain of n nodes (one path, no alternative). Names:
//! `bounded/<case>/<size>`. Run with `cargo bench --bench bounded`; the small
//! sizes' growth is checked in `tests/bounded_work.rs`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use salesnet::graph::{Parallelism, Snapshot, SnapshotBuilder, Weighting};
use salesnet::measures::{self, MeasureOptions};
use salesnet::paths::{PathOptions, k_best_paths};

const SIZES: [(usize, &str); 3] = [(100_000, "100k"), (300_000, "300k"), (1_000_000, "1m")];

fn star(leaves: usize) -> Snapshot {
    let mut b = SnapshotBuilder::undirected();
    for i in 0..leaves {
        b.add_edge("hub", &format!("leaf{i}"), 1.0).expect("a new edge");
    }
    b.build()
}

fn chain(n: usize) -> Snapshot {
    let mut b = SnapshotBuilder::undirected();
    for i in 1..n {
        b.add_edge(&format!("n{}", i - 1), &format!("n{i}"), 1.0).expect("a new edge");
    }
    b.build()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("bounded");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    for (n, size) in SIZES {
        let g = star(n);
        let opts = MeasureOptions::new().weighting(Weighting::Unweighted).parallelism(Parallelism::Serial);
        group.bench_function(format!("star_holes/{size}"), |b| {
            b.iter(|| {
                let h = measures::structural_holes(black_box(&g), &opts).expect("runs");
                assert_eq!(h[0].effective_size, Some(n as f64));
            });
        });
        let g = chain(n);
        let last = format!("n{}", n - 1);
        group.bench_function(format!("chain_k3/{size}"), |b| {
            b.iter(|| {
                let p = k_best_paths(black_box(&g), "n0", &last, &PathOptions::new().k(3)).expect("runs");
                assert_eq!(p.len(), 1);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
