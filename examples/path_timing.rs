//! Times one best referral path query at a time on a weighted edge list, with
//! one reused [`PathFinder`], for comparison with other libraries.
//!
//! ```text
//! cargo run --release --example path_timing -- EDGES.csv PAIRS.csv [REPEATS]
//! ```
//!
//! `EDGES.csv` is `source,target,weight` (weights are tie strengths, the
//! cost of a tie is 1 / weight); `PAIRS.csv` is `source,target`, one query a
//! line. Each query runs once to warm up, then `REPEATS` times (default 5);
//! its time is the fastest run. Prints one JSON line: the number of pairs,
//! the median and mean query time in microseconds, the snapshot's size
//! (nodes, edges, heap bytes, ids included), and each pair's cost (`null`
//! where there is no path), so the caller can check the answers.

use std::time::Instant;

use salesnet::graph::Cost;
use salesnet::io::{EdgeListOptions, read_edge_list};
use salesnet::paths::{PathFinder, PathOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(edges), Some(pairs)) = (args.first(), args.get(1)) else {
        return Err("usage: path_timing EDGES.csv PAIRS.csv [REPEATS]".into());
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
    let options = PathOptions::new().cost(Cost::Inverse);
    let mut finder = PathFinder::new(&g);
    let mut micros = Vec::with_capacity(queries.len());
    let mut costs = Vec::with_capacity(queries.len());
    for &(s, t) in &queries {
        let cost = finder.best(s, t, &options)?.map(|p| p.cost);
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
        "{{\"pairs\":{},\"median_us\":{median},\"mean_us\":{mean},\"nodes\":{},\"edges\":{},\"heap_bytes\":{},\"costs\":[{}]}}",
        micros.len(),
        g.node_count(),
        g.edge_count(),
        g.heap_bytes(),
        costs.join(",")
    );
    Ok(())
}
