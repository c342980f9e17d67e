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

/// A seeded Barabasi-Albert-like graph: each new node ties to `m` earlier
/// nodes picked in proportion to degree (SplitMix64 stream), weights in (0, 1].
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> Snapshot {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut b = SnapshotBuilder::undirected();
    let mut ends: Vec<usize> = Vec::new();
    for v in 0..n {
        b.add_node(&v.to_string());
        let mut targets = Vec::new();
        while v > 0 && targets.len() < m.min(v) {
            let t = if ends.is_empty() { 0 } else { ends[(next() % ends.len() as u64) as usize] };
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        for t in targets {
            let w = 1.0 - (next() >> 11) as f64 / (1u64 << 53) as f64;
            b.add_edge(&v.to_string(), &t.to_string(), w).unwrap();
            ends.push(v);
            ends.push(t);
        }
    }
    b.build()
}
