//! Every measure against the reference values that `scripts/reference_measures.py`
//! computed with NetworkX (fixtures in `tests/fixtures/measures/`), to 1e-9 relative.

use std::path::Path;

use salesnet::graph::{Cost, Parallelism, Snapshot, SnapshotBuilder, Weighting};
use salesnet::measures::{
    self, BetweennessOptions, Groups, MeasureKind, MeasureOptions, MetricsOptions, compute_metrics,
};
use serde_json::Value;

const REL: f64 = 1e-9;
/// Values this close to 0 count as 0 (the hierarchy of evenly spread constraint is 0 up to rounding).
const ABS: f64 = 1e-13;

struct Fixture {
    name: String,
    json: Value,
    graph: Snapshot,
}

fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/measures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut b = if json["directed"].as_bool().unwrap() {
            SnapshotBuilder::directed()
        } else {
            SnapshotBuilder::undirected()
        };
        for v in json["nodes"].as_array().unwrap() {
            b.add_node(v.as_str().unwrap());
        }
        for e in json["edges"].as_array().unwrap() {
            b.add_edge(e[0].as_str().unwrap(), e[1].as_str().unwrap(), e[2].as_f64().unwrap()).unwrap();
        }
        let graph = b.build();
        assert_eq!(
            graph.ids(),
            json["nodes"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect::<Vec<_>>()
        );
        out.push(Fixture { name: json["name"].as_str().unwrap().to_string(), json, graph });
    }
    assert!(out.len() >= 10, "fixtures missing: run scripts/reference_measures.py");
    out
}

#[derive(Default)]
struct Tally {
    compared: usize,
    max_rel: f64,
}

impl Tally {
    fn check(&mut self, what: &str, ours: Option<f64>, theirs: &Value) {
        let theirs = theirs.as_f64();
        self.compared += 1;
        match (ours, theirs) {
            (None, None) => {}
            (Some(a), Some(b)) => {
                let (diff, size) = ((a - b).abs(), a.abs().max(b.abs()));
                if size > ABS {
                    let rel = diff / size;
                    self.max_rel = self.max_rel.max(rel);
                    assert!(rel <= REL, "{what}: ours {a}, NetworkX {b} (relative error {rel:e})");
                }
            }
            _ => panic!("{what}: ours {ours:?}, NetworkX {theirs:?}"),
        }
    }

    fn column(&mut self, what: &str, ours: &[Option<f64>], theirs: &Value) {
        let theirs = theirs.as_array().unwrap_or_else(|| panic!("{what}: no reference"));
        assert_eq!(ours.len(), theirs.len(), "{what}: length");
        for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
            self.check(&format!("{what}[{i}]"), *a, b);
        }
    }
}

fn some(v: Vec<f64>) -> Vec<Option<f64>> {
    v.into_iter().map(Some).collect()
}

fn check_holes(t: &mut Tally, f: &Fixture, weighting: Weighting, refs: &Value, tag: &str) {
    let sh = measures::structural_holes(&f.graph, &MeasureOptions::new().weighting(weighting)).unwrap();
    let col = |g: fn(&measures::StructuralHoles) -> Option<f64>| sh.iter().map(g).collect::<Vec<_>>();
    t.column(&format!("{}/{tag}/effective_size", f.name), &col(|s| s.effective_size), &refs["effective_size"]);
    t.column(&format!("{}/{tag}/efficiency", f.name), &col(|s| s.efficiency), &refs["efficiency"]);
    t.column(&format!("{}/{tag}/constraint", f.name), &col(|s| s.constraint), &refs["constraint"]);
    t.column(&format!("{}/{tag}/hierarchy", f.name), &col(|s| s.hierarchy), &refs["hierarchy"]);
    // The single-node variant agrees bit for bit with the all-nodes one.
    for v in f.graph.nodes() {
        assert_eq!(measures::node_structural_holes(&f.graph, v, weighting), sh[v as usize], "{} node {v}", f.name);
        let locals = measures::local_constraints(&f.graph, v, weighting);
        if let Some(c) = sh[v as usize].constraint {
            let sum: f64 = locals.iter().map(|l| l.1).sum();
            assert!((sum - c).abs() <= 1e-12 * c.max(1.0));
            for &(j, l) in &locals {
                assert_eq!(measures::local_constraint(&f.graph, v, j, weighting), Some(l));
            }
        }
    }
}

#[test]
fn every_measure_matches_networkx() {
    let mut t = Tally::default();
    for f in fixtures() {
        let (g, j) = (&f.graph, &f.json);
        let graph = &j["graph"];
        assert_eq!(g.node_count() as u64, graph["nodes"].as_u64().unwrap(), "{}", f.name);
        assert_eq!(g.edge_count() as u64, graph["edges"].as_u64().unwrap(), "{}", f.name);
        t.check(&format!("{}/density", f.name), Some(measures::density(g)), &graph["density"]);
        assert_eq!(measures::components(g).count() as u64, graph["components"].as_u64().unwrap(), "{}", f.name);
        let aps: Vec<&str> = measures::articulation_points(g).iter().map(|&v| g.id(v)).collect();
        let ref_aps: Vec<&str> =
            graph["articulation_points"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(aps, ref_aps, "{} articulation points", f.name);
        let brs: Vec<[&str; 2]> = measures::bridges(g).iter().map(|&(u, v)| [g.id(u), g.id(v)]).collect();
        let ref_brs: Vec<[&str; 2]> = graph["bridges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| [p[0].as_str().unwrap(), p[1].as_str().unwrap()])
            .collect();
        assert_eq!(brs, ref_brs, "{} bridges", f.name);
        t.compared += 3 + aps.len() + brs.len();

        let u = &j["unweighted"];
        let degree: Vec<Option<f64>> =
            g.nodes().map(|v| Some((g.degree(v) + if g.is_directed() { g.in_degree(v) } else { 0 }) as f64)).collect();
        t.column(&format!("{}/degree", f.name), &degree, &u["degree"]);
        let ego = measures::ego_densities(g, Parallelism::Current).unwrap();
        t.column(&format!("{}/ego_density", f.name), &ego, &u["ego_density"]);
        for v in g.nodes() {
            assert_eq!(measures::ego_density(g, v), ego[v as usize]);
        }
        check_holes(&mut t, &f, Weighting::Unweighted, u, "unweighted");
        let cl = measures::clustering(g, Parallelism::Current).unwrap();
        t.column(&format!("{}/clustering", f.name), &some(cl), &u["clustering"]);
        let bc = measures::betweenness(g, &BetweennessOptions::new()).unwrap();
        t.column(&format!("{}/betweenness", f.name), &some(bc), &u["betweenness"]);
        let reach: Vec<Option<f64>> = g.nodes().map(|v| Some(measures::two_step_reach(g, v) as f64)).collect();
        t.column(&format!("{}/two_step_reach", f.name), &reach, &u["two_step_reach"]);
        let reach_all = measures::two_step_reaches(g, Parallelism::Current).unwrap();
        for v in g.nodes() {
            let layers = measures::reach_by_hop(g, v, 2);
            assert_eq!(layers.iter().map(Vec::len).sum::<usize>(), reach_all[v as usize]);
        }

        if let Some(s) = j.get("strength") {
            check_holes(&mut t, &f, Weighting::Strength, s, "strength");
            for cost in [Cost::Hops, Cost::Inverse, Cost::NegLog] {
                let key = format!("betweenness_{cost}");
                if s.get(&key).is_none() {
                    continue;
                }
                let opts = BetweennessOptions::new().weighting(Weighting::Strength).cost(cost);
                let bc = measures::betweenness(g, &opts).unwrap();
                t.column(&format!("{}/{key}", f.name), &some(bc), &s[&key]);
            }
        }

        if let Some(gm) = j.get("group_measures") {
            let labels: Vec<Option<&str>> = j["groups"].as_array().unwrap().iter().map(|v| v.as_str()).collect();
            let groups = Groups::from_labels(g, labels).unwrap();
            let roles = measures::brokerage(g, &groups, Parallelism::Current).unwrap();
            for (v, (r, want)) in roles.iter().zip(gm["brokerage"].as_array().unwrap()).enumerate() {
                let got = [
                    r.coordinator,
                    r.itinerant,
                    r.representative,
                    r.gatekeeper,
                    r.liaison,
                    r.unlabelled,
                    r.open_two_paths,
                ];
                let want: Vec<u64> = want.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect();
                assert_eq!(got.as_slice(), want.as_slice(), "{} brokerage of node {v}", f.name);
                t.compared += 7;
            }
            let blau: Vec<Option<f64>> = g.nodes().map(|v| measures::blau_index(g, &groups, v)).collect();
            t.column(&format!("{}/blau", f.name), &blau, &gm["blau"]);
            let ei: Vec<Option<f64>> = g.nodes().map(|v| measures::ei_index(g, &groups, v)).collect();
            t.column(&format!("{}/ei", f.name), &ei, &gm["ei"]);
            let gd = measures::group_density(g, &groups).unwrap();
            let want = &gm["group_density"];
            let want_labels: Vec<&str> =
                want["labels"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            assert_eq!(gd.labels, want_labels, "{}", f.name);
            for (a, row) in gd.density.iter().enumerate() {
                t.column(&format!("{}/group_density[{a}]", f.name), row, &want["density"][a]);
            }
        }
    }
    eprintln!("compared {} values with NetworkX; largest relative error {:e}", t.compared, t.max_rel);
    assert!(t.compared > 25_000, "only {} values compared", t.compared);
}

/// The aggregate report carries the same numbers as the individual functions.
#[test]
fn compute_metrics_matches_networkx() {
    for f in fixtures() {
        let weighted = f.json.get("strength").is_some();
        let weighting = if weighted { Weighting::Strength } else { Weighting::Unweighted };
        let options = MetricsOptions::new().weighting(weighting).cost(Cost::Inverse);
        let report = compute_metrics(&f.graph, &options).unwrap();
        let refs = if weighted { &f.json["strength"] } else { &f.json["unweighted"] };
        let u = &f.json["unweighted"];
        let mut t = Tally::default();
        let col = |g: fn(&measures::NodeMetrics) -> Option<f64>| report.nodes.iter().map(g).collect::<Vec<_>>();
        t.column("degree", &col(|m| m.degree.get().map(|d| d as f64)), &u["degree"]);
        t.column("ego_density", &col(|m| m.ego_density.get()), &u["ego_density"]);
        t.column("clustering", &col(|m| m.clustering.get()), &u["clustering"]);
        t.column("effective_size", &col(|m| m.effective_size.get()), &refs["effective_size"]);
        t.column("efficiency", &col(|m| m.efficiency.get()), &refs["efficiency"]);
        t.column("constraint", &col(|m| m.constraint.get()), &refs["constraint"]);
        t.column("hierarchy", &col(|m| m.hierarchy.get()), &refs["hierarchy"]);
        let bkey = if weighted { "betweenness_inverse" } else { "betweenness" };
        t.column("betweenness", &col(|m| m.betweenness.get()), &refs[bkey]);
        assert_eq!(report.components, f.json["graph"]["components"].as_u64().map(|c| c as usize));
        assert_eq!(report.measures, MeasureKind::ALL);
        assert_eq!(report.articulation_points.len(), f.json["graph"]["articulation_points"].as_array().unwrap().len());
        assert_eq!(report.bridges.len(), f.json["graph"]["bridges"].as_array().unwrap().len());
    }
}
