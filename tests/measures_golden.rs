//! Hand-worked cases with known answers.

use salesnet::graph::{Cost, Parallelism, Snapshot, SnapshotBuilder, Weighting};
use salesnet::measures::{
    self, BetweennessOptions, BrokerageRoles, Groups, MeasureKind, MeasureOptions, MetricsOptions, compute_metrics,
};

fn undirected(edges: &[(&str, &str)]) -> Snapshot {
    let mut b = SnapshotBuilder::undirected();
    for &(u, v) in edges {
        b.add_edge(u, v, 1.0).unwrap();
    }
    b.build()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn triangle_constraint_is_1_125() {
    let g = undirected(&[("a", "b"), ("b", "c"), ("c", "a")]);
    for s in measures::structural_holes(&g, &MeasureOptions::new()).unwrap() {
        assert_eq!(s.constraint, Some(1.125));
        assert_eq!(s.effective_size, Some(1.0));
        assert_eq!(s.efficiency, Some(0.5));
        assert_eq!(s.hierarchy, Some(0.0));
    }
    // p = 1/2, local constraint (1/2 + 1/2 * 1/2)^2 = 9/16 from each contact.
    assert_eq!(measures::local_constraint(&g, 0, 1, Weighting::Unweighted), Some(0.5625));
}

#[test]
fn star_centre_0_25_leaf_1() {
    let g = undirected(&[("hub", "a"), ("hub", "b"), ("hub", "c"), ("hub", "d")]);
    let sh = measures::structural_holes(&g, &MeasureOptions::new()).unwrap();
    assert_eq!(sh[0].constraint, Some(0.25));
    assert_eq!(sh[0].effective_size, Some(4.0));
    assert_eq!(sh[0].efficiency, Some(1.0));
    assert_eq!(sh[0].hierarchy, Some(0.0));
    for leaf in &sh[1..] {
        assert_eq!(leaf.constraint, Some(1.0));
        assert_eq!(leaf.effective_size, Some(1.0));
        assert_eq!(leaf.hierarchy, None, "one contact: hierarchy undefined");
    }
    assert_eq!(measures::ego_density(&g, 0), Some(0.0));
    assert_eq!(measures::ego_density(&g, 1), None);
    let bc = measures::betweenness(&g, &BetweennessOptions::new()).unwrap();
    assert_eq!(bc, [1.0, 0.0, 0.0, 0.0, 0.0]);
}

#[test]
fn weighted_constraint_by_hand() {
    // ego - a (weight 3), ego - b (weight 1), a - b (weight 1).
    let mut b = SnapshotBuilder::undirected();
    b.add_edge("ego", "a", 3.0).unwrap();
    b.add_edge("ego", "b", 1.0).unwrap();
    b.add_edge("a", "b", 1.0).unwrap();
    let g = b.build();
    // p(ego,a) = 3/4, p(ego,b) = 1/4, p(a,b) = 1/4, p(b,a) = 1/2.
    // l(ego,a) = (3/4 + 1/4 * 1/2)^2 = (7/8)^2; l(ego,b) = (1/4 + 3/4 * 1/4)^2 = (7/16)^2.
    let want = 49.0 / 64.0 + 49.0 / 256.0;
    let s = measures::node_structural_holes(&g, 0, Weighting::Strength);
    assert!(close(s.constraint.unwrap(), want));
    // Effective size: m(a,b) = 1/3 (a's max is 3), m(b,a) = 1.
    // 1 - p(ego,b) m(a,b) + 1 - p(ego,a) m(b,a) = 2 - 1/12 - 3/4.
    assert!(close(s.effective_size.unwrap(), 2.0 - 1.0 / 12.0 - 0.75));
    // Hierarchy: r = l / mean, sum r ln r / (2 ln 2).
    let (l1, l2): (f64, f64) = (49.0 / 64.0, 49.0 / 256.0);
    let mean = (l1 + l2) / 2.0;
    let h = ((l1 / mean) * (l1 / mean).ln() + (l2 / mean) * (l2 / mean).ln()) / (2.0 * 2f64.ln());
    assert!(close(s.hierarchy.unwrap(), h));
}

#[test]
fn isolates_get_none_never_nan() {
    let mut b = SnapshotBuilder::undirected();
    b.add_edge("a", "b", 1.0).unwrap();
    b.add_node("alone");
    let g = b.build();
    let s = measures::node_structural_holes(&g, 2, Weighting::Unweighted);
    assert_eq!(s, measures::StructuralHoles::default());
    let report = compute_metrics(&g, &MetricsOptions::new()).unwrap();
    let alone = &report.nodes[2];
    assert_eq!(alone.degree, Some(0));
    assert_eq!(
        (alone.constraint.get(), alone.effective_size.get(), alone.efficiency.get(), alone.hierarchy.get()),
        (None, None, None, None)
    );
    assert_eq!(alone.ego_density, None);
    assert_eq!(alone.clustering, Some(0.0));
    assert_eq!(alone.betweenness, Some(0.0));
    assert_eq!(report.components, Some(2));
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("NaN"));
}

#[test]
fn directed_sink_is_undefined_like_networkx() {
    // NetworkX's per-node code path: `len(G[v]) == 0` (no successors) gives NaN.
    let mut b = SnapshotBuilder::directed();
    b.add_edge("a", "b", 1.0).unwrap();
    b.add_edge("b", "c", 1.0).unwrap();
    b.add_edge("c", "a", 1.0).unwrap();
    b.add_edge("a", "sink", 1.0).unwrap();
    let g = b.build();
    let sh = measures::structural_holes(&g, &MeasureOptions::new()).unwrap();
    assert_eq!(sh[3].constraint, None);
    // NetworkX 3.6: {'a': 0.6111111111111112, 'b': 1.0069444444444444, 'sink': nan}.
    assert!(close(sh[0].constraint.unwrap(), 0.6111111111111112));
    assert!(close(sh[1].constraint.unwrap(), 1.0069444444444444));
    assert!(close(sh[0].effective_size.unwrap(), 2.3333333333333335));
}

#[test]
fn path_betweenness_and_small_graphs() {
    let g = undirected(&[("a", "b"), ("b", "c")]);
    assert_eq!(measures::betweenness(&g, &BetweennessOptions::new()).unwrap(), [0.0, 1.0, 0.0]);
    let two = undirected(&[("a", "b")]);
    assert_eq!(measures::betweenness(&two, &BetweennessOptions::new()).unwrap(), [0.0, 0.0]);
    let empty = SnapshotBuilder::undirected().build();
    assert!(measures::betweenness(&empty, &BetweennessOptions::new()).unwrap().is_empty());
    assert_eq!(compute_metrics(&empty, &MetricsOptions::new()).unwrap().components, Some(0));
}

#[test]
fn weighted_betweenness_prefers_strong_ties() {
    // a - b - c strong, a - c weak: with inverse cost a reaches c through b (cost 2 < 10).
    let mut b = SnapshotBuilder::undirected();
    b.add_edge("a", "b", 1.0).unwrap();
    b.add_edge("b", "c", 1.0).unwrap();
    b.add_edge("a", "c", 0.1).unwrap();
    let g = b.build();
    let opts = BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::Inverse);
    assert_eq!(measures::betweenness(&g, &opts).unwrap(), [0.0, 1.0, 0.0]);
    let hops = BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::Hops);
    assert_eq!(measures::betweenness(&g, &hops).unwrap(), [0.0, 0.0, 0.0]);
    let mut bad = SnapshotBuilder::undirected();
    bad.add_edge("a", "b", 2.0).unwrap();
    let neglog = BetweennessOptions::new().weighting(Weighting::Strength).cost(Cost::NegLog);
    assert!(measures::betweenness(&bad.build(), &neglog).is_err());
}

#[test]
fn cut_points_and_bridges() {
    // Two triangles joined through a bridge c - d, and a pendant e on d.
    let g =
        undirected(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "d"), ("d", "x")]);
    let ids = |v: Vec<u32>| v.into_iter().map(|v| g.id(v).to_string()).collect::<Vec<_>>();
    assert_eq!(ids(measures::articulation_points(&g)), ["c", "d"]);
    let bridges: Vec<(&str, &str)> = measures::bridges(&g).into_iter().map(|(u, v)| (g.id(u), g.id(v))).collect();
    assert_eq!(bridges, [("c", "d"), ("d", "x")]);
    let options = MetricsOptions::new().measures([MeasureKind::Bridges]);
    let report = compute_metrics(&g, &options).unwrap();
    assert_eq!(report.bridges, [("c".to_string(), "d".to_string()), ("d".to_string(), "x".to_string())]);
    assert!(report.articulation_points.is_empty(), "not asked for");
}

/// The hand-worked brokerage example of the docs: broker `b` (group A).
fn brokerage_example(directed: bool) -> (Snapshot, Groups) {
    let mut g = if directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
    for (u, v) in [("a1", "b"), ("c1", "b"), ("b", "a2"), ("b", "c2"), ("b", "d"), ("a1", "d")] {
        g.add_edge(u, v, 1.0).unwrap();
    }
    let g = g.build();
    let group = |id: &str| match id {
        "a1" | "a2" | "b" => "A",
        "c1" | "c2" => "B",
        _ => "C",
    };
    let groups = Groups::from_labels(&g, g.ids().iter().map(|id| Some(group(id)))).unwrap();
    (g, groups)
}

#[test]
fn brokerage_hand_worked_directed() {
    // Open two-paths through b: a1>b>a2 (A A A coordinator), c1>b>c2 (B A B itinerant),
    // a1>b>c2 (A A B representative), c1>b>a2 (B A A gatekeeper), c1>b>d (B A C liaison);
    // a1>b>d is closed by the arc a1>d.
    let (g, groups) = brokerage_example(true);
    let b = g.node("b").unwrap();
    let roles = measures::node_brokerage(&g, &groups, b);
    let want = BrokerageRoles {
        coordinator: 1,
        itinerant: 1,
        representative: 1,
        gatekeeper: 1,
        liaison: 1,
        unlabelled: 0,
        open_two_paths: 5,
    };
    assert_eq!(roles, want);
    for v in g.nodes().filter(|&v| v != b) {
        assert_eq!(measures::node_brokerage(&g, &groups, v).open_two_paths, 0);
    }
}

#[test]
fn brokerage_hand_worked_undirected() {
    // b's contacts a1, a2 (A), c1, c2 (B), d (C); a1 - d tied. Ordered pairs of
    // contacts not tied: 5 * 4 - 2 = 18, each an open two-path x - b - y:
    // coordinator (a1,a2),(a2,a1); itinerant (c1,c2),(c2,c1);
    // representative A->B|C: a1c1 a1c2 a2c1 a2c2 a2d; gatekeeper the reverse five;
    // liaison c1d c2d dc1 dc2.
    let (g, groups) = brokerage_example(false);
    let roles = measures::node_brokerage(&g, &groups, g.node("b").unwrap());
    assert_eq!(
        roles,
        BrokerageRoles {
            coordinator: 2,
            itinerant: 2,
            representative: 5,
            gatekeeper: 5,
            liaison: 4,
            unlabelled: 0,
            open_two_paths: 18
        }
    );
}

#[test]
fn group_density_diversity_and_reach() {
    let (g, groups) = brokerage_example(false);
    let b = g.node("b").unwrap();
    // b's contacts: A, A, B, B, C: Blau = 1 - (4 + 4 + 1) / 25.
    assert!(close(measures::blau_index(&g, &groups, b).unwrap(), 1.0 - 9.0 / 25.0));
    // E-I: 3 outside, 2 inside.
    assert_eq!(measures::ei_index(&g, &groups, b), Some(0.2));
    let d = measures::group_density(&g, &groups).unwrap();
    assert_eq!(d.labels, ["A", "B", "C"]);
    // A = {a1, b, a2}: ties a1-b, b-a2 of 3 possible.
    assert_eq!(d.density[0][0], Some(2.0 / 3.0));
    assert_eq!(d.density[1][1], Some(0.0));
    assert_eq!(d.density[2][2], None);
    // A-B: b-c1, b-c2 of 6; A-C: b-d, a1-d of 3.
    assert_eq!(d.density[0][1], Some(2.0 / 6.0));
    assert_eq!(d.density[0][2], Some(2.0 / 3.0));
    let a1 = g.node("a1").unwrap();
    let layers = measures::reach_by_hop(&g, a1, usize::MAX);
    let names = |l: &Vec<u32>| l.iter().map(|&v| g.id(v)).collect::<Vec<_>>();
    assert_eq!(names(&layers[0]), ["b", "d"]);
    assert_eq!(names(&layers[1]), ["c1", "a2", "c2"]);
    assert_eq!(layers.len(), 2);
    assert_eq!(measures::two_step_reach(&g, a1), 5);
}

#[test]
fn parallelism_threads_zero_is_an_error() {
    let g = undirected(&[("a", "b")]);
    assert!(measures::clustering(&g, Parallelism::Threads(0)).is_err());
    assert!(compute_metrics(&g, &MetricsOptions::new().parallelism(Parallelism::Threads(0))).is_err());
    assert!("ego-density".parse::<MeasureKind>().is_ok());
    assert!("nonsense".parse::<MeasureKind>().is_err());
}
