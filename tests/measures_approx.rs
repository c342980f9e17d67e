//! Approximate betweenness stays within epsilon of the exact values, and is
//! deterministic for a seed and any number of threads.

mod common;

use salesnet::graph::{Cost, Parallelism, Weighting};
use salesnet::measures::{ApproxOptions, BetweennessOptions, approximate_betweenness, betweenness};

fn max_error(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

#[test]
fn error_within_epsilon_on_known_graphs() {
    let cases = [
        ("zachary-karate", BetweennessOptions::new()),
        ("padgett-florentine-marriage", BetweennessOptions::new()),
        ("krackhardt-hightech-advice", BetweennessOptions::new()),
        ("ba-200", BetweennessOptions::new()),
        ("ba-200", BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::Inverse)),
        ("gnp-directed-50", BetweennessOptions::new()),
        ("gnp-directed-50", BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::NegLog)),
        ("grid-dyadic", BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::Hops)),
    ];
    for (name, options) in cases {
        let g = common::fixture_graph(name);
        let exact = betweenness(&g, &options).unwrap();
        for (epsilon, seed) in [(0.05, 1), (0.02, 2)] {
            let approx = ApproxOptions::new().epsilon(epsilon).delta(0.1).seed(seed);
            let est = approximate_betweenness(&g, &options, &approx).unwrap();
            let err = max_error(&est.values, &exact);
            assert!(err <= epsilon, "{name} {options:?}: error {err} > {epsilon} ({} samples)", est.samples);
            assert!(est.samples > 0);
        }
    }
}

#[test]
fn same_seed_same_result_for_any_thread_count() {
    let g = common::fixture_graph("ba-200");
    let approx = ApproxOptions::new().epsilon(0.03).seed(99);
    for weighting in [Weighting::Unweighted, Weighting::Strength] {
        let base = BetweennessOptions::new().weighting(weighting).parallelism(Parallelism::Serial);
        let serial = approximate_betweenness(&g, &base, &approx).unwrap();
        for threads in [1, 2, 8] {
            let par = approximate_betweenness(&g, &base.parallelism(Parallelism::Threads(threads)), &approx).unwrap();
            assert_eq!(par, serial, "{threads} threads");
        }
        let other = approximate_betweenness(&g, &base, &approx.seed(100)).unwrap();
        assert_ne!(other.values, serial.values, "another seed draws other samples");
    }
}

#[test]
fn rejects_bad_epsilon_and_delta() {
    let g = common::fixture_graph("zachary-karate");
    for (e, d) in [(0.0, 0.1), (1.0, 0.1), (f64::NAN, 0.1), (0.1, 0.0), (0.1, 1.5)] {
        let approx = ApproxOptions::new().epsilon(e).delta(d);
        assert!(approximate_betweenness(&g, &BetweennessOptions::new(), &approx).is_err());
    }
}
