//! Property tests of the path searches against brute-force enumeration of
//! every simple path on small random graphs (at most 8 nodes).

use std::cmp::Ordering;

use proptest::prelude::*;
use salesnet::graph::{Cost, Node, Snapshot, SnapshotBuilder};
use salesnet::paths::{Path, PathFinder, PathOptions, Search};

const COSTS: [Cost; 3] = [Cost::Hops, Cost::Inverse, Cost::NegLog];
const SEARCHES: [Search; 2] = [Search::Forward, Search::Bidirectional];

/// A small graph: node count, directedness, and edges `(u, v, weight)`.
#[derive(Debug, Clone)]
struct Small {
    n: usize,
    directed: bool,
    edges: Vec<(usize, usize, f64)>,
    /// Weights are from {0, 0.25, 0.5, 1}: hop and inverse sums are exact, so
    /// even the tie-break among equal paths can be checked exactly.
    dyadic: bool,
}

impl Small {
    fn snapshot(&self) -> Snapshot {
        let mut b = if self.directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
        for v in 0..self.n {
            b.add_node(&v.to_string());
        }
        b.weighted();
        for &(u, v, w) in &self.edges {
            b.add_edge(&u.to_string(), &v.to_string(), w).unwrap();
        }
        b.build()
    }
}

fn small_graph() -> impl Strategy<Value = Small> {
    (2usize..=8, any::<bool>(), any::<bool>()).prop_flat_map(|(n, directed, dyadic)| {
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|u| (0..n).map(move |v| (u, v)))
            .filter(|&(u, v)| if directed { u != v } else { u < v })
            .collect();
        let weight = if dyadic {
            prop_oneof![Just(0.0), Just(0.25), Just(0.5), Just(1.0)].boxed()
        } else {
            prop_oneof![1 => Just(0.0), 1 => Just(1.0), 6 => 0.01f64..1.0].boxed()
        };
        let m = pairs.len();
        (proptest::collection::vec((proptest::bool::weighted(0.45), weight), m), Just(pairs)).prop_map(
            move |(picks, pairs)| Small {
                n,
                directed,
                dyadic,
                edges: pairs
                    .iter()
                    .zip(picks)
                    .filter(|(_, (keep, _))| *keep)
                    .map(|(&(u, v), (_, w))| (u, v, w))
                    .collect(),
            },
        )
    })
}

/// Every simple path from any of `sources` to `target` allowed by `options`
/// (weight > 0 and >= min_weight, no avoided intermediate, at most max_hops),
/// ranked as documented: cost, hops, node sequence from the target back.
fn brute(g: &Snapshot, sources: &[Node], target: Node, cost: Cost, limits: &Limits) -> Vec<Path> {
    fn walk(g: &Snapshot, cost: Cost, limits: &Limits, target: Node, nodes: &mut Vec<Node>, out: &mut Vec<Path>) {
        let u = *nodes.last().unwrap();
        if u == target {
            let c = nodes.windows(2).fold(0.0, |acc, w| acc + cost.of(g.edge_weight(w[0], w[1]).unwrap()).unwrap());
            out.push(Path { nodes: nodes.clone(), cost: c });
            return;
        }
        if nodes.len() > 1 && limits.avoid.contains(&u) {
            return;
        }
        if limits.max_hops.is_some_and(|h| nodes.len() > h) {
            return;
        }
        for (v, w) in g.weighted_neighbors(u) {
            if w <= 0.0 || w < limits.min_weight || nodes.contains(&v) {
                continue;
            }
            nodes.push(v);
            walk(g, cost, limits, target, nodes, out);
            nodes.pop();
        }
    }
    let mut out = Vec::new();
    for &s in sources {
        walk(g, cost, limits, target, &mut vec![s], &mut out);
    }
    out.sort_by(rank);
    out
}

fn rank(a: &Path, b: &Path) -> Ordering {
    a.cost
        .total_cmp(&b.cost)
        .then(a.nodes.len().cmp(&b.nodes.len()))
        .then_with(|| a.nodes.iter().rev().cmp(b.nodes.iter().rev()))
}

#[derive(Debug, Clone, Default)]
struct Limits {
    max_hops: Option<usize>,
    min_weight: f64,
    avoid: Vec<Node>,
}

impl Limits {
    fn options(&self, cost: Cost, k: usize) -> PathOptions {
        self.options_with(cost, k, Search::default())
    }

    fn options_with(&self, cost: Cost, k: usize, search: Search) -> PathOptions {
        let mut o = PathOptions::new()
            .cost(cost)
            .k(k)
            .search(search)
            .min_weight(self.min_weight)
            .avoid(self.avoid.iter().copied());
        if let Some(h) = self.max_hops {
            o = o.max_hops(h);
        }
        o
    }
}

fn limits(n: usize) -> impl Strategy<Value = Limits> {
    (
        proptest::option::weighted(0.4, 0usize..5),
        prop_oneof![3 => Just(0.0), 1 => Just(0.3), 1 => Just(0.5)],
        proptest::collection::vec(0..n as Node, 0..3),
    )
        .prop_map(|(max_hops, min_weight, avoid)| Limits { max_hops, min_weight, avoid })
}

fn graph_and_query() -> impl Strategy<Value = (Small, Node, Node, Limits)> {
    small_graph().prop_flat_map(|g| {
        let n = g.n;
        (Just(g), 0..n as Node, 0..n as Node, limits(n))
    })
}

/// Checks that `p` is a valid path from one of `sources` to `target` under
/// the limits and that its cost is its sum.
fn check_valid(g: &Snapshot, p: &Path, sources: &[Node], target: Node, cost: Cost, limits: &Limits) {
    assert!(sources.contains(&p.nodes[0]), "starts at a source");
    assert_eq!(*p.nodes.last().unwrap(), target, "ends at the target");
    let mut seen = p.nodes.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), p.nodes.len(), "simple: {:?}", p.nodes);
    let mut sum = 0.0;
    for w in p.nodes.windows(2) {
        let weight = g.edge_weight(w[0], w[1]).expect("uses existing ties");
        assert!(weight > 0.0 && weight >= limits.min_weight, "uses usable ties");
        sum += cost.of(weight).unwrap();
    }
    assert_eq!(sum, p.cost, "cost is the sum of the tie costs");
    if let Some(h) = limits.max_hops {
        assert!(p.hops() <= h, "at most {h} hops");
    }
    if p.nodes.len() > 2 {
        for v in &p.nodes[1..p.nodes.len() - 1] {
            assert!(!limits.avoid.contains(v), "avoided node {v} is not passed through");
        }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn best_is_valid_and_no_cheaper_path_exists((small, s, t, lim) in graph_and_query()) {
        let g = small.snapshot();
        let mut finder = PathFinder::new(&g);
        for (cost, search) in COSTS.into_iter().flat_map(|c| SEARCHES.map(|s| (c, s))) {
            let all = brute(&g, &[s], t, cost, &lim);
            let best = finder.best(s, t, &lim.options_with(cost, 1, search)).unwrap();
            match (&best, all.first()) {
                (None, None) => {}
                (Some(p), Some(b)) => {
                    check_valid(&g, p, &[s], t, cost, &lim);
                    prop_assert!(close(p.cost, b.cost), "{cost} {search:?}: {} vs brute {}", p.cost, b.cost);
                    if small.dyadic && cost != Cost::NegLog {
                        // Exact sums: fewest hops among the cheapest, and under
                        // forward search the documented node-sequence rule too.
                        prop_assert_eq!(p.hops(), b.hops(), "{} {:?}: fewest hops", cost, search);
                        if search == Search::Forward {
                            prop_assert_eq!(&p.nodes, &b.nodes, "{}: documented tie-break", cost);
                        }
                    }
                }
                (p, b) => prop_assert!(false, "{cost} {search:?}: found {p:?}, brute force {b:?}"),
            }
        }
    }

    #[test]
    fn k_best_equals_brute_force((small, s, t, lim) in graph_and_query(), k in 1usize..7) {
        let g = small.snapshot();
        let mut finder = PathFinder::new(&g);
        for (cost, search) in COSTS.into_iter().flat_map(|c| SEARCHES.map(|s| (c, s))) {
            let all = brute(&g, &[s], t, cost, &lim);
            let got = finder.k_best(s, t, &lim.options_with(cost, k, search)).unwrap();
            prop_assert_eq!(got.len(), all.len().min(k), "{} {:?}: count", cost, search);
            for (i, (p, b)) in got.iter().zip(&all).enumerate() {
                check_valid(&g, p, &[s], t, cost, &lim);
                prop_assert!(close(p.cost, b.cost), "{cost} {search:?} #{i}: {} vs brute {}", p.cost, b.cost);
                if small.dyadic && cost != Cost::NegLog {
                    prop_assert_eq!(p.hops(), b.hops(), "{} {:?} #{}: hops", cost, search, i);
                    if search == Search::Forward {
                        prop_assert_eq!(&p.nodes, &b.nodes, "{} #{}: documented order", cost, i);
                    }
                }
            }
            for w in got.windows(2) {
                prop_assert_ne!(&w[0].nodes, &w[1].nodes, "distinct paths");
                prop_assert!(rank(&w[0], &w[1]) != Ordering::Greater, "best first");
            }
        }
    }

    #[test]
    fn many_targets_equal_brute_force(
        (small, srcs, tgts, lim) in small_graph().prop_flat_map(|g| {
            let n = g.n;
            (Just(g), proptest::collection::vec(0..n as Node, 1..4), proptest::collection::vec(0..n as Node, 1..5), limits(n))
        })
    ) {
        let g = small.snapshot();
        let mut finder = PathFinder::new(&g);
        for cost in COSTS {
            let got = finder.best_many(&srcs, &tgts, &lim.options(cost, 1)).unwrap();
            prop_assert_eq!(got.len(), tgts.len());
            for (&t, p) in tgts.iter().zip(&got) {
                let all = brute(&g, &srcs, t, cost, &lim);
                match (p, all.first()) {
                    (None, None) => {}
                    (Some(p), Some(b)) => {
                        check_valid(&g, p, &srcs, t, cost, &lim);
                        prop_assert!(close(p.cost, b.cost), "{cost}: {} vs brute {}", p.cost, b.cost);
                        if small.dyadic && cost != Cost::NegLog {
                            prop_assert_eq!(&p.nodes, &b.nodes, "{}: documented tie-break", cost);
                        }
                    }
                    (p, b) => prop_assert!(false, "{cost}: found {p:?}, brute force {b:?}"),
                }
            }
        }
    }

    #[test]
    fn reused_workspace_answers_like_a_fresh_one(
        (small, queries, lim) in small_graph().prop_flat_map(|g| {
            let n = g.n;
            (Just(g), proptest::collection::vec((0..n as Node, 0..n as Node), 1..6), limits(n))
        })
    ) {
        let g = small.snapshot();
        let mut reused = PathFinder::new(&g);
        for cost in COSTS {
            for &(s, t) in &queries {
                let options = lim.options(cost, 3);
                let fresh_best = PathFinder::new(&g).best(s, t, &options).unwrap();
                let fresh_k = PathFinder::new(&g).k_best(s, t, &options).unwrap();
                prop_assert_eq!(reused.best(s, t, &options).unwrap(), fresh_best);
                prop_assert_eq!(reused.k_best(s, t, &options).unwrap(), fresh_k);
                let many = reused.best_many(&[s], &[t], &options).unwrap();
                let forward = options.clone().search(Search::Forward);
                prop_assert_eq!(many, vec![PathFinder::new(&g).best(s, t, &forward).unwrap()]);
            }
        }
    }
}

#[test]
fn bad_queries_are_errors_not_panics() {
    let mut b = SnapshotBuilder::undirected();
    b.add_edge("a", "b", 2.0).unwrap();
    let g = b.build();
    let mut f = PathFinder::new(&g);
    assert!(f.best(0, 5, &PathOptions::new()).is_err());
    assert!(f.best(0, 1, &PathOptions::new().avoid([9])).is_err());
    assert!(f.best(0, 1, &PathOptions::new().min_weight(f64::NAN)).is_err());
    assert!(f.best(0, 1, &PathOptions::new().cost(Cost::NegLog)).is_err(), "neglog needs weights <= 1");
    assert_eq!(f.best(0, 1, &PathOptions::new()).unwrap().unwrap().cost, 0.5);
    assert!(salesnet::paths::best_path(&g, "a", "zz", &PathOptions::new()).is_err());
}
