//! Best and k-best path costs against NetworkX, on real data sets and seeded
//! random graphs. Fixtures: `tests/fixtures/paths/*.json`, written by
//! `scripts/reference_paths.py` (see it for how each graph is weighted).

use std::path::Path;

use salesnet::graph::{Cost, Node, Snapshot, SnapshotBuilder};
use salesnet::io::{EdgeListOptions, read_edge_list};
use salesnet::paths::{PathFinder, PathOptions, Search};
use serde_json::Value;

const COSTS: [Cost; 3] = [Cost::Hops, Cost::Inverse, Cost::NegLog];
const REL: f64 = 1e-9;

fn fixtures() -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paths");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let docs: Vec<Value> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    assert!(docs.len() >= 8, "fixtures missing: run scripts/reference_paths.py");
    docs
}

fn snapshot(doc: &Value) -> Snapshot {
    let mut b =
        if doc["directed"].as_bool().unwrap() { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
    b.weighted();
    for e in doc["edges"].as_array().unwrap() {
        b.add_edge(e[0].as_str().unwrap(), e[1].as_str().unwrap(), e[2].as_f64().unwrap()).unwrap();
    }
    b.build()
}

fn node(g: &Snapshot, v: &Value) -> Node {
    g.require(v.as_str().unwrap()).unwrap()
}

/// Relative error, with an absolute floor of 1 (costs of 0 occur: neglog of weight 1).
fn error(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs().max(1.0)
}

#[derive(Default)]
struct Tally {
    compared: usize,
    no_path: usize,
    max_error: f64,
}

impl Tally {
    fn cost(&mut self, what: &str, got: Option<f64>, want: &Value) {
        match (got, want.as_f64()) {
            (None, None) => self.no_path += 1,
            (Some(g), Some(w)) => {
                let e = error(g, w);
                assert!(e <= REL, "{what}: {g} vs networkx {w}");
                self.max_error = self.max_error.max(e);
                self.compared += 1;
            }
            (g, _) => panic!("{what}: {g:?} vs networkx {want}"),
        }
    }
}

#[test]
fn best_costs_equal_networkx() {
    let mut total = Tally::default();
    for doc in fixtures() {
        let g = snapshot(&doc);
        let mut finder = PathFinder::new(&g);
        let name = doc["name"].as_str().unwrap();
        for q in doc["best"].as_array().unwrap() {
            let (s, t) = (node(&g, &q["from"]), node(&g, &q["to"]));
            for cost in COSTS {
                for search in [Search::Bidirectional, Search::Forward] {
                    let options = PathOptions::new().cost(cost).search(search);
                    let got = finder.best(s, t, &options).unwrap().map(|p| p.cost);
                    total.cost(
                        &format!("{name} {} -> {} {cost} {search:?}", q["from"], q["to"]),
                        got,
                        &q[cost.as_str()],
                    );
                }
            }
        }
    }
    eprintln!(
        "best: {} costs equal, {} pairs without path, max rel error {:e}",
        total.compared, total.no_path, total.max_error
    );
    assert!(total.compared > 30_000);
}

#[test]
fn k_best_costs_equal_networkx() {
    let (mut total, mut lists, mut unique) = (Tally::default(), 0, 0);
    for doc in fixtures() {
        let g = snapshot(&doc);
        let mut finder = PathFinder::new(&g);
        let name = doc["name"].as_str().unwrap();
        for q in doc["k_best"].as_array().unwrap() {
            let (s, t) = (node(&g, &q["from"]), node(&g, &q["to"]));
            let cost: Cost = q["cost"].as_str().unwrap().parse().unwrap();
            let want = q["costs"].as_array().unwrap();
            // Forward k-best on the 1133-node graphs is slow in debug builds; the small ones suffice.
            let searches: &[Search] =
                if g.node_count() > 500 { &[Search::Bidirectional] } else { &[Search::Bidirectional, Search::Forward] };
            for &search in searches {
                let got = finder.k_best(s, t, &PathOptions::new().cost(cost).k(5).search(search)).unwrap();
                let what = format!("{name} {} -> {} {cost} {search:?}", q["from"], q["to"]);
                assert_eq!(got.len(), want.len(), "{what}: number of paths");
                for (i, (p, w)) in got.iter().zip(want).enumerate() {
                    total.cost(&format!("{what} #{i}"), Some(p.cost), w);
                }
                lists += 1;
                if let Some(path) = q["unique_best"].as_array() {
                    let ids: Vec<&str> = path.iter().map(|v| v.as_str().unwrap()).collect();
                    assert_eq!(got[0].ids(&g), ids, "{what}: the unique best path");
                    unique += 1;
                }
            }
        }
    }
    eprintln!(
        "k-best: {lists} lists, {} costs equal, max rel error {:e}, {unique} unique best paths equal",
        total.compared, total.max_error
    );
    assert!(total.compared > 10_000 && unique > 500);
}

#[test]
fn many_source_costs_equal_networkx() {
    let mut total = Tally::default();
    for doc in fixtures() {
        let g = snapshot(&doc);
        let mut finder = PathFinder::new(&g);
        let name = doc["name"].as_str().unwrap();
        for q in doc["many"].as_array().unwrap() {
            let sources: Vec<Node> = q["sources"].as_array().unwrap().iter().map(|v| node(&g, v)).collect();
            let cost: Cost = q["cost"].as_str().unwrap().parse().unwrap();
            let all: Vec<Node> = g.nodes().collect();
            let got = finder.best_many(&sources, &all, &PathOptions::new().cost(cost)).unwrap();
            let mut want = vec![Value::Null; g.node_count()];
            for pair in q["lengths"].as_array().unwrap() {
                want[node(&g, &pair[0]) as usize] = pair[1].clone();
            }
            for (v, p) in got.iter().enumerate() {
                if let Some(p) = p {
                    assert!(sources.contains(&p.nodes[0]) && p.nodes.last() == Some(&(v as Node)));
                }
                total.cost(&format!("{name} many {cost} -> {}", g.id(v as Node)), p.as_ref().map(|p| p.cost), &want[v]);
            }
        }
    }
    eprintln!(
        "many: {} costs equal, {} unreachable, max rel error {:e}",
        total.compared, total.no_path, total.max_error
    );
    assert!(total.compared > 5_000);
}

/// The fixtures' graphs are the data sets in tests/data, weighted as the script says.
#[test]
fn fixture_graphs_are_the_data_sets() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (name, options, scale) in [
        ("zachary-karate", EdgeListOptions::new().weighted(), 7.0),
        ("uk-faculty", EdgeListOptions::new().weighted().directed(), 16.0),
        ("arenas-email-urv", EdgeListOptions::new(), 1.0),
    ] {
        let raw = read_edge_list(data.join(name).join("edges.csv"), options).unwrap();
        let doc = fixtures().into_iter().find(|d| d["name"] == name).unwrap();
        let fixture = snapshot(&doc);
        assert_eq!((raw.node_count(), raw.edge_count()), (fixture.node_count(), fixture.edge_count()), "{name}");
        for (u, v, w) in raw.edges() {
            let (fu, fv) = (fixture.require(raw.id(u)).unwrap(), fixture.require(raw.id(v)).unwrap());
            assert!(error(fixture.edge_weight(fu, fv).unwrap(), w / scale) < 1e-15, "{name}");
        }
    }
}
