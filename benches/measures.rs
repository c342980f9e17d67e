//! Network measures by network size (1k, 10k, 100k nodes), serial and parallel.
//!
//! Graphs are seeded Barabasi-Albert graphs (3 ties per new node, weights in
//! (0, 1]) generated here. Names: `measures/<measure>/<size>/<serial|parallel>`.
//! Exact betweenness runs at 1k and 10k only (weighted at 1k only); approximate
//! betweenness uses epsilon 0.05 (0.1 at 100k), delta 0.1. Run with `cargo bench --bench measures`;
//! filter with e.g. `cargo bench --bench measures -- constraint/10k`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use salesnet::graph::{Cost, Parallelism, Weighting};
use salesnet::measures::{self, ApproxOptions, BetweennessOptions, Groups, MeasureOptions};

const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")];
const MODES: [(Parallelism, &str); 2] = [(Parallelism::Serial, "serial"), (Parallelism::Current, "parallel")];

fn bench(c: &mut Criterion) {
    for (n, size) in SIZES {
        let g = salesnet::generate::barabasi_albert(n, 3, 42).expect("valid sizes");
        let labels = (0..n).map(|v| Some(["north", "south", "east", "west"][v % 4]));
        let groups = Groups::from_labels(&g, labels).expect("one label per node");
        for (p, mode) in MODES {
            let mut group = c.benchmark_group("measures");
            group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));

            group.bench_function(format!("constraint/{size}/{mode}"), |b| {
                let opts = MeasureOptions::new().weighting(Weighting::Unweighted).parallelism(p);
                b.iter(|| {
                    let sh = measures::structural_holes(black_box(&g), &opts).expect("runs");
                    assert!(sh.iter().all(|s| s.constraint.is_some_and(|c| c > 0.0 && c <= 1.0 + 1e-9)));
                })
            });
            group.bench_function(format!("constraint_weighted/{size}/{mode}"), |b| {
                let opts = MeasureOptions::new().weighting(Weighting::Strength).parallelism(p);
                b.iter(|| {
                    let sh = measures::structural_holes(black_box(&g), &opts).expect("runs");
                    assert!(sh.iter().all(|s| s.effective_size.is_some_and(|e| e >= 0.0)));
                })
            });
            group.bench_function(format!("ego_density/{size}/{mode}"), |b| {
                b.iter(|| {
                    let e = measures::ego_densities(black_box(&g), p).expect("runs");
                    assert!(e.iter().flatten().all(|d| (0.0..=1.0).contains(d)));
                })
            });
            group.bench_function(format!("clustering/{size}/{mode}"), |b| {
                b.iter(|| {
                    let cl = measures::clustering(black_box(&g), p).expect("runs");
                    assert!(cl.iter().all(|x| (0.0..=1.0).contains(x)));
                })
            });
            group.bench_function(format!("brokerage/{size}/{mode}"), |b| {
                b.iter(|| {
                    let r = measures::brokerage(black_box(&g), &groups, p).expect("runs");
                    assert!(r.iter().all(|r| r.total() + r.unlabelled == r.open_two_paths));
                })
            });
            group.bench_function(format!("two_step_reach/{size}/{mode}"), |b| {
                b.iter(|| {
                    let r = measures::two_step_reaches(black_box(&g), p).expect("runs");
                    assert!(r.iter().all(|&x| x > 0 && x < n));
                })
            });
            if n <= 10_000 {
                group.bench_function(format!("betweenness/{size}/{mode}"), |b| {
                    let opts = BetweennessOptions::new().parallelism(p);
                    b.iter(|| {
                        let bc = measures::betweenness(black_box(&g), &opts).expect("runs");
                        assert!(bc.iter().all(|x| (0.0..=1.0).contains(x)) && bc.iter().any(|&x| x > 0.0));
                    })
                });
            }
            if n <= 10_000 {
                // The same with a progress callback (what `analyze metrics` passes): the hook's cost.
                group.bench_function(format!("betweenness_progress/{size}/{mode}"), |b| {
                    let opts = BetweennessOptions::new().parallelism(p);
                    let calls = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
                    let seen = std::sync::Arc::clone(&calls);
                    let progress = salesnet::progress::Progress::new(move |step| {
                        seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        black_box(step);
                    });
                    b.iter(|| {
                        let bc = measures::betweenness_with_progress(black_box(&g), &opts, &progress).expect("runs");
                        assert!(bc.iter().all(|x| (0.0..=1.0).contains(x)) && bc.iter().any(|&x| x > 0.0));
                    });
                    assert!(calls.load(std::sync::atomic::Ordering::Relaxed) > 0);
                });
            }
            if n <= 1_000 {
                group.bench_function(format!("betweenness_inverse/{size}/{mode}"), |b| {
                    let opts =
                        BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::Inverse).parallelism(p);
                    b.iter(|| {
                        let bc = measures::betweenness(black_box(&g), &opts).expect("runs");
                        assert!(bc.iter().all(|x| (0.0..=1.0).contains(x)) && bc.iter().any(|&x| x > 0.0));
                    })
                });
            }
            group.bench_function(format!("approx_betweenness/{size}/{mode}"), |b| {
                let opts = BetweennessOptions::new().parallelism(p);
                // Fewer samples on the largest graph, to keep the whole run short.
                let epsilon = if n >= 100_000 { 0.1 } else { 0.05 };
                let approx = ApproxOptions::new().epsilon(epsilon).delta(0.1).seed(1);
                b.iter(|| {
                    let est = measures::approximate_betweenness(black_box(&g), &opts, &approx).expect("runs");
                    assert!(est.values.iter().any(|&x| x > 0.0));
                })
            });
            if p == Parallelism::Serial {
                group.bench_function(format!("cut_points/{size}/{mode}"), |b| {
                    b.iter(|| {
                        let aps = measures::articulation_points(black_box(&g));
                        let comps = measures::components(black_box(&g));
                        assert!(comps.count() == 1 && aps.len() < n);
                    })
                });
            }
            group.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
