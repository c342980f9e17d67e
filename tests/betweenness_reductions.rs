//! Exact betweenness with its reductions (cut into biconnected components,
//! which folds trees away) against the plain kernel: an undirected graph is
//! cut, the same graph written as a directed one with both arcs is not, and
//! NetworkX's normalization makes the two equal.

use proptest::prelude::*;
use salesnet::graph::{Parallelism, Snapshot, SnapshotBuilder};
use salesnet::measures::{BetweennessOptions, betweenness};

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    /// Node `v >= 1` hangs off `parent[v - 1] % v` (a random tree) ...
    parent: Vec<usize>,
    /// ... unless it is cut off (then it starts a new component).
    cut: Vec<bool>,
    /// Extra edges closing cycles (making cut vertices and a core).
    extra: Vec<(usize, usize)>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=40).prop_flat_map(|n| {
        (
            prop::collection::vec(any::<usize>(), n - 1),
            prop::collection::vec(prop::bool::weighted(0.1), n - 1),
            prop::collection::vec((0..n, 0..n), 0..=n),
        )
            .prop_map(move |(parent, cut, extra)| Case { n, parent, cut, extra })
    })
}

fn edges(c: &Case) -> Vec<(usize, usize)> {
    let mut e: Vec<(usize, usize)> = (1..c.n).filter(|&v| !c.cut[v - 1]).map(|v| (v, c.parent[v - 1] % v)).collect();
    e.extend(c.extra.iter().copied().filter(|(u, v)| u != v));
    e
}

fn build(c: &Case, directed: bool) -> Snapshot {
    let mut b = if directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
    for v in 0..c.n {
        b.add_node(&v.to_string());
    }
    for (u, v) in edges(c) {
        let _ = b.add_edge(&u.to_string(), &v.to_string(), 1.0); // repeats are refused
        if directed {
            let _ = b.add_edge(&v.to_string(), &u.to_string(), 1.0);
        }
    }
    b.build()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn split_equals_plain(c in case()) {
        let split = betweenness(&build(&c, false), &BetweennessOptions::new()).unwrap();
        let plain = betweenness(&build(&c, true), &BetweennessOptions::new()).unwrap();
        let scale = plain.iter().fold(1e-300f64, |m, &x| m.max(x));
        for (v, (a, b)) in split.iter().zip(&plain).enumerate() {
            prop_assert!((a - b).abs() <= 1e-12 * scale, "node {}: split {} plain {}", v, a, b);
            prop_assert_eq!(*a == 0.0, *b == 0.0, "node {}: split {} plain {}", v, a, b);
        }
    }

    #[test]
    fn split_is_bit_identical_for_any_thread_count(c in case()) {
        let g = build(&c, false);
        let one = betweenness(&g, &BetweennessOptions::new().parallelism(Parallelism::Threads(1))).unwrap();
        for threads in [2, 3] {
            let many = betweenness(&g, &BetweennessOptions::new().parallelism(Parallelism::Threads(threads))).unwrap();
            prop_assert!(one.iter().zip(&many).all(|(a, b)| a.to_bits() == b.to_bits()));
        }
    }
}

/// A larger graph: a ring of 300 with a random tree of 700 hanging off it,
/// extra chords, and 200 nodes in small trees of their own.
#[test]
fn split_equals_plain_on_a_larger_graph() {
    let mut e = Vec::new();
    for v in 0..300 {
        e.push((v, (v + 1) % 300));
    }
    let mut x: u64 = 12345;
    let mut next = |m: usize| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((x >> 33) as usize) % m
    };
    for v in 300..1000 {
        e.push((v, next(v)));
    }
    for _ in 0..40 {
        e.push((next(300), next(300)));
    }
    for v in 1000..1200 {
        if v % 10 != 0 {
            e.push((v, v - 1 - next(v % 10)));
        }
    }
    let c = Case { n: 1200, parent: vec![0; 1199], cut: vec![true; 1199], extra: e };
    let split = betweenness(&build(&c, false), &BetweennessOptions::new()).unwrap();
    let plain = betweenness(&build(&c, true), &BetweennessOptions::new()).unwrap();
    let scale = plain.iter().fold(0.0f64, |m, &x| m.max(x));
    for (v, (a, b)) in split.iter().zip(&plain).enumerate() {
        assert!((a - b).abs() <= 1e-12 * scale, "node {v}: split {a} plain {b}");
    }
}
