//! What the progress hook costs (issue 15: under 1%). Names:
//! `progress/report` (one call of a counting callback, the hook's whole
//! per-report cost) and `progress/betweenness/{none,hook}` (exact
//! betweenness of BA(2000, 3) on one thread without and with a callback).
//! Exact betweenness reports once per chunk of sources (64 reports for a
//! whole run), so the hook's share of a run is about 64 x `report` over the
//! run's time; the direct pair shows that the two runs are within noise.
//! Run with `cargo bench --bench progress`.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use salesnet::graph::{Parallelism, Weighting};
use salesnet::measures::{BetweennessOptions, betweenness, betweenness_with_progress};
use salesnet::progress::{Progress, Task};

fn counting() -> (Progress, Arc<AtomicU64>) {
    let calls = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&calls);
    let progress = Progress::new(move |step| {
        seen.fetch_add(black_box(step.done) & 1, Ordering::Relaxed);
    });
    (progress, calls)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("progress");
    group.warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    let (progress, _) = counting();
    let mut done = 0u64;
    group.bench_function("report", |b| {
        b.iter(|| {
            done += 1;
            progress.report(Task::Betweenness, black_box(done), 1 << 40);
        });
    });

    let g = salesnet::generate::barabasi_albert(2_000, 3, 42).expect("valid sizes");
    let opts = BetweennessOptions::new().weighting(Weighting::Unweighted).parallelism(Parallelism::Serial);
    group.sample_size(10);
    group.bench_function("betweenness/none", |b| b.iter(|| betweenness(black_box(&g), &opts).expect("valid")));
    group.bench_function("betweenness/hook", |b| {
        b.iter(|| betweenness_with_progress(black_box(&g), &opts, &progress).expect("valid"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
