//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use salesnet::SalesNetworks;
use salesnet::graph::{Snapshot, SnapshotBuilder};

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/sample")
}

/// The bundled sample portfolio, read by the crate's own CSV loader.
pub fn load_sample() -> SalesNetworks {
    salesnet::io::read_portfolio_dir(sample_dir()).unwrap()
}

/// The graph of a fixture in `tests/fixtures/measures/`.
pub fn fixture_graph(name: &str) -> Snapshot {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/measures").join(format!("{name}.json"));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut b =
        if json["directed"].as_bool().unwrap() { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
    for v in json["nodes"].as_array().unwrap() {
        b.add_node(v.as_str().unwrap());
    }
    for e in json["edges"].as_array().unwrap() {
        b.add_edge(e[0].as_str().unwrap(), e[1].as_str().unwrap(), e[2].as_f64().unwrap()).unwrap();
    }
    b.build()
}
