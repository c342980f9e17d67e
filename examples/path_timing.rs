//! Times one best referral path query at a time on a weighted edge list, with
//! one reused [`PathFinder`], for comparison with other libraries.
//!
//! ```text
//! cargo run --release --example path_timing -- EDGES.csv PAIRS.csv [REPEATS] [COST]
//! ```
//!
//! `EDGES.csv` is `source,target,weight` (weights are tie strengths, the
//! cost of a tie is 1 / weight); `PAIRS.csv` is `source,target`, one query a
//! line; `COST` is `inverse` (default), `hops` or `neglog`. Each query
//! runs once to warm up, then `REPEATS` times (default 5); its time is the
//! fastest run. Prints one JSON line: the number of pairs,
//! the median and mean query time in microseconds, the snapshot's size
//! (nodes, edges, heap bytes, ids included), and each pair's cost (`null`
//! where there is no path), so the caller can check the answers, and
//! `paths_fnv`, an FNV-1a digest of every path's node sequence in query
//! order (the same digest means the same paths, not only the same costs).

use std::time::Instant;

use salesnet::graph::Cost;
use salesnet::io::{EdgeListOptions, read_edge_list};
use salesnet::paths::{PathFinder, PathOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(edges), Some(pairs)) = (args.first(), args.get(1)) else {
        return Err("usage: path_timing EDGES.csv PAIRS.csv [REPEATS] [COST]".into());
    };
    let repeats: usize = args.get(2).map_or(Ok(5), |s| s.parse())?;
    let g = read_edge_list(edges, EdgeListOptions::new().weighted())?;
    let text = std::fs::read_to_string(pairs)?;
    let mut queries = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (s, t) = line.split_once(',').ok_or("a pairs line without a comma")?;
        queries.push((g.require(s.trim())?, g.require(t.trim())?));
    }
    if queries.is_empty() {
        return Err("no pairs".into());
    }
    let cost = match args.get(3).map(String::as_str) {
        None | Some("inverse") => Cost::Inverse,
        Some("hops") => Cost::Hops,
        Some("neglog") => Cost::NegLog,
        Some(other) => return Err(format!("unknown cost {other}").into()),
    };
    let options = PathOptions::new().cost(cost);
    let mut finder = PathFinder::new(&g);
    let mut micros = Vec::with_capacity(queries.len());
    let mut costs = Vec::with_capacity(queries.len());
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    for &(s, t) in &queries {
        let first = finder.best(s, t, &options)?;
        for v in first.iter().flat_map(|p| p.nodes.iter().copied().chain([u32::MAX])).chain([u32::MAX - 1]) {
            for b in v.to_le_bytes() {
                digest = (digest ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let cost = first.map(|p| p.cost);
        let mut best = f64::INFINITY;
        for _ in 0..repeats.max(1) {
            let started = Instant::now();
            let again = std::hint::black_box(finder.best(s, t, &options)?);
            best = best.min(started.elapsed().as_secs_f64() * 1e6);
            assert_eq!(again.map(|p| p.cost), cost, "the same query gives the same answer");
        }
        micros.push(best);
        costs.push(cost);
    }
    let mean = micros.iter().sum::<f64>() / micros.len() as f64;
    micros.sort_by(f64::total_cmp);
    let median = micros[micros.len() / 2];
    let costs: Vec<String> = costs.iter().map(|c| c.map_or("null".to_string(), |c| format!("{c:?}"))).collect();
    println!(
        "{{\"pairs\":{},\"median_us\":{median},\"mean_us\":{mean},\"nodes\":{},\"edges\":{},\"heap_bytes\":{},\"paths_fnv\":\"{digest:016x}\",\"costs\":[{}]}}",
        micros.len(),
        g.node_count(),
        g.edge_count(),
        g.heap_bytes(),
        costs.join(",")
    );
    Ok(())
}
