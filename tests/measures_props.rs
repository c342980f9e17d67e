//! Invariants of the measures on small random graphs.

mod common;

use proptest::prelude::*;
use salesnet::graph::{Cost, Parallelism, Snapshot, SnapshotBuilder, Weighting};
use salesnet::measures::{self, ApproxOptions, BetweennessOptions, Groups, MeasureOptions};

#[derive(Debug, Clone)]
struct Case {
    directed: bool,
    n: usize,
    edges: Vec<(usize, usize, f64)>,
    groups: Vec<Option<u8>>,
    order: Vec<u32>,
}

fn case() -> impl Strategy<Value = Case> {
    (any::<bool>(), 1usize..=12).prop_flat_map(|(directed, n)| {
        (
            prop::collection::vec((0..n, 0..n, 0.05f64..=1.0), 0..=30),
            prop::collection::vec(prop::option::weighted(0.85, 0u8..3), n),
            prop::collection::vec(any::<u32>(), n),
        )
            .prop_map(move |(edges, groups, order)| Case { directed, n, edges, groups, order })
    })
}

/// The graph with nodes added in `perm` order (identity if `None`).
fn build(c: &Case, relabel: bool) -> Snapshot {
    let mut b = if c.directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
    let mut nodes: Vec<usize> = (0..c.n).collect();
    if relabel {
        nodes.sort_by_key(|&v| (c.order[v], v));
    }
    for v in nodes {
        b.add_node(&v.to_string());
    }
    for &(u, v, w) in &c.edges {
        let _ = b.add_edge(&u.to_string(), &v.to_string(), w); // loops and repeats are refused
    }
    b.build()
}

fn groups(c: &Case, g: &Snapshot) -> Groups {
    let labels = g.ids().iter().map(|id| c.groups[id.parse::<usize>().unwrap()].map(|x| format!("g{x}")));
    Groups::from_labels(g, labels).unwrap()
}

fn near(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1e-6),
        _ => false,
    }
}

const WEIGHTINGS: [Weighting; 2] = [Weighting::Unweighted, Weighting::Strength];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn values_in_range(c in case()) {
        let g = build(&c, false);
        let d = measures::density(&g);
        prop_assert!((0.0..=1.0).contains(&d));
        for weighting in WEIGHTINGS {
            let sh = measures::structural_holes(&g, &MeasureOptions::new().weighting(weighting)).unwrap();
            for (v, s) in g.nodes().zip(&sh) {
                let mut contacts: Vec<u32> = g.neighbors(v).iter().chain(g.in_neighbors(v)).copied().collect();
                contacts.sort_unstable();
                contacts.dedup();
                if let Some(e) = s.effective_size {
                    prop_assert!(e >= -1e-12 && e <= contacts.len() as f64 + 1e-12, "effective size {} of {}", e, contacts.len());
                }
                if let Some(e) = s.efficiency {
                    prop_assert!((-1e-12..=1.0 + 1e-12).contains(&e));
                }
                if let Some(x) = s.constraint {
                    prop_assert!(x >= 0.0 && x.is_finite());
                }
                if let Some(h) = s.hierarchy {
                    prop_assert!((-1e-12..=1.0 + 1e-12).contains(&h), "hierarchy {}", h);
                }
                prop_assert_eq!(s.effective_size.is_none(), contacts.is_empty() || (g.is_directed() && g.degree(v) == 0));
            }
        }
        for e in measures::ego_densities(&g, Parallelism::Serial).unwrap().into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&e));
        }
        for x in measures::clustering(&g, Parallelism::Serial).unwrap() {
            prop_assert!((0.0..=1.0).contains(&x));
        }
        for b in measures::betweenness(&g, &BetweennessOptions::new()).unwrap() {
            prop_assert!((0.0..=1.0 + 1e-12).contains(&b));
        }
    }

    #[test]
    fn relabelling_changes_nothing(c in case()) {
        let (g, h) = (build(&c, false), build(&c, true));
        let map: Vec<u32> = g.ids().iter().map(|id| h.node(id).unwrap()).collect();
        for weighting in WEIGHTINGS {
            let opts = MeasureOptions::new().weighting(weighting);
            let (a, b) = (measures::structural_holes(&g, &opts).unwrap(), measures::structural_holes(&h, &opts).unwrap());
            for v in g.nodes() {
                let (x, y) = (a[v as usize], b[map[v as usize] as usize]);
                prop_assert!(near(x.constraint, y.constraint) && near(x.effective_size, y.effective_size));
                prop_assert!(near(x.efficiency, y.efficiency) && near(x.hierarchy, y.hierarchy));
            }
            let bo = BetweennessOptions::new().weighting(weighting).cost(Cost::Inverse);
            let (a, b) = (measures::betweenness(&g, &bo).unwrap(), measures::betweenness(&h, &bo).unwrap());
            for v in g.nodes() {
                prop_assert!(near(Some(a[v as usize]), Some(b[map[v as usize] as usize])));
            }
        }
        let (a, b) = (measures::clustering(&g, Parallelism::Serial).unwrap(), measures::clustering(&h, Parallelism::Serial).unwrap());
        let (ea, eb) = (measures::ego_densities(&g, Parallelism::Serial).unwrap(), measures::ego_densities(&h, Parallelism::Serial).unwrap());
        for v in g.nodes() {
            let w = map[v as usize] as usize;
            prop_assert_eq!(a[v as usize], b[w]);
            prop_assert_eq!(ea[v as usize], eb[w]);
            prop_assert_eq!(measures::two_step_reach(&g, v), measures::two_step_reach(&h, w as u32));
        }
        let ids = |s: &Snapshot, v: Vec<u32>| { let mut x: Vec<String> = v.into_iter().map(|v| s.id(v).to_string()).collect(); x.sort(); x };
        prop_assert_eq!(ids(&g, measures::articulation_points(&g)), ids(&h, measures::articulation_points(&h)));
        prop_assert_eq!(measures::bridges(&g).len(), measures::bridges(&h).len());
        prop_assert_eq!(measures::components(&g).count(), measures::components(&h).count());
        let (gg, gh) = (groups(&c, &g), groups(&c, &h));
        for v in g.nodes() {
            let w = map[v as usize];
            prop_assert_eq!(measures::node_brokerage(&g, &gg, v), measures::node_brokerage(&h, &gh, w));
            prop_assert_eq!(measures::blau_index(&g, &gg, v), measures::blau_index(&h, &gh, w));
            prop_assert_eq!(measures::ei_index(&g, &gg, v), measures::ei_index(&h, &gh, w));
        }
    }

    #[test]
    fn serial_equals_parallel_bit_for_bit(c in case()) {
        let g = build(&c, false);
        let gr = groups(&c, &g);
        let serial = Parallelism::Serial;
        let sh: Vec<_> = WEIGHTINGS.iter().map(|&w| measures::structural_holes(&g, &MeasureOptions::new().weighting(w).parallelism(serial)).unwrap()).collect();
        let bo = |w, p| BetweennessOptions::new().weighting(w).cost(Cost::Inverse).parallelism(p);
        let bc: Vec<_> = WEIGHTINGS.iter().map(|&w| measures::betweenness(&g, &bo(w, serial)).unwrap()).collect();
        let approx = ApproxOptions::new().epsilon(0.2).seed(c.order.first().copied().unwrap_or(0) as u64);
        let ab = measures::approximate_betweenness(&g, &bo(Weighting::Unweighted, serial), &approx).unwrap();
        let cl = measures::clustering(&g, serial).unwrap();
        let ego = measures::ego_densities(&g, serial).unwrap();
        let br = measures::brokerage(&g, &gr, serial).unwrap();
        for threads in [1, 2, 8] {
            let p = Parallelism::Threads(threads);
            for (i, &w) in WEIGHTINGS.iter().enumerate() {
                prop_assert_eq!(&measures::structural_holes(&g, &MeasureOptions::new().weighting(w).parallelism(p)).unwrap(), &sh[i]);
                let par = measures::betweenness(&g, &bo(w, p)).unwrap();
                prop_assert!(par.iter().zip(&bc[i]).all(|(a, b)| a.to_bits() == b.to_bits()));
            }
            prop_assert_eq!(&measures::approximate_betweenness(&g, &bo(Weighting::Unweighted, p), &approx).unwrap(), &ab);
            prop_assert_eq!(&measures::clustering(&g, p).unwrap(), &cl);
            prop_assert_eq!(&measures::ego_densities(&g, p).unwrap(), &ego);
            prop_assert_eq!(&measures::brokerage(&g, &gr, p).unwrap(), &br);
        }
    }

    #[test]
    fn brokerage_roles_add_up_to_open_two_paths(c in case()) {
        let g = build(&c, false);
        let gr = groups(&c, &g);
        for v in g.nodes() {
            let r = measures::node_brokerage(&g, &gr, v);
            prop_assert_eq!(r.total() + r.unlabelled, r.open_two_paths);
            // Brute force: ordered pairs (a, c), a -> v -> c, a != c, no a -> c.
            let mut open = 0;
            for a in g.nodes() {
                for x in g.nodes() {
                    if a != x && a != v && x != v && g.has_edge(a, v) && g.has_edge(v, x) && !g.has_edge(a, x) {
                        open += 1;
                    }
                }
            }
            prop_assert_eq!(r.open_two_paths, open);
            if !g.is_directed() {
                prop_assert_eq!(r.representative, r.gatekeeper, "each two-path counted both ways");
            }
        }
    }

    #[test]
    fn single_node_variants_equal_all_nodes(c in case()) {
        let g = build(&c, false);
        for w in WEIGHTINGS {
            let all = measures::structural_holes(&g, &MeasureOptions::new().weighting(w)).unwrap();
            for v in g.nodes() {
                prop_assert_eq!(measures::node_structural_holes(&g, v, w), all[v as usize]);
            }
        }
        let cl = measures::clustering(&g, Parallelism::Serial).unwrap();
        let reach = measures::two_step_reaches(&g, Parallelism::Serial).unwrap();
        for v in g.nodes() {
            prop_assert_eq!(measures::node_clustering(&g, v), Some(cl[v as usize]));
            let layers = measures::reach_by_hop(&g, v, 2);
            prop_assert_eq!(layers.iter().map(Vec::len).sum::<usize>(), reach[v as usize]);
        }
    }
}

/// A larger graph, so that every chunk of sources is non-trivial.
#[test]
fn betweenness_bit_identical_on_a_larger_graph() {
    let g = salesnet::generate::barabasi_albert(700, 3, 7).unwrap();
    for (weighting, cost) in [(Weighting::Unweighted, Cost::Hops), (Weighting::Strength, Cost::NegLog)] {
        let opts = BetweennessOptions::new().weighting(weighting).cost(cost);
        let serial = measures::betweenness(&g, &opts.parallelism(Parallelism::Serial)).unwrap();
        for threads in [1, 2, 8] {
            let par = measures::betweenness(&g, &opts.parallelism(Parallelism::Threads(threads))).unwrap();
            assert!(par.iter().zip(&serial).all(|(a, b)| a.to_bits() == b.to_bits()), "{threads} threads");
        }
    }
}
