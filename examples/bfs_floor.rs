//! The floor under exact betweenness: a plain breadth-first search from every
//! node of an edge list, on one thread, over the analysis snapshot.
//!
//! Brandes' algorithm does one such search per source and then a backward
//! sweep, so no exact betweenness can take less time than this. The benchmark
//! comparison (`scripts/compare_peers.py`) reports betweenness as a multiple
//! of it.
//!
//! ```text
//! cargo run --release --example bfs_floor -- EDGES.csv [REPEATS]
//! ```
//!
//! Prints one JSON line: nodes, edges, the best of `REPEATS` (default 3)
//! times in seconds, the number of (source, reached) pairs and the sum of
//! their distances (so the searches cannot be skipped), and the snapshot's
//! heap bytes.

use std::time::Instant;

use salesnet::graph::{Node, Snapshot};
use salesnet::io::{EdgeListOptions, read_edge_list};

/// Sum over every source of the hop distances to the nodes it reaches, and
/// the number of reached pairs: one BFS per source, one reused queue.
fn bfs_every_source(g: &Snapshot) -> (u64, u64) {
    const UNSEEN: u32 = u32::MAX;
    let n = g.node_count();
    let mut hops = vec![UNSEEN; n];
    let mut queue: Vec<Node> = Vec::with_capacity(n);
    let (mut pairs, mut total) = (0u64, 0u64);
    for s in g.nodes() {
        queue.clear();
        queue.push(s);
        hops[s as usize] = 0;
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head];
            head += 1;
            let hv = hops[v as usize];
            total += u64::from(hv);
            for &w in g.neighbors(v) {
                if hops[w as usize] == UNSEEN {
                    hops[w as usize] = hv + 1;
                    queue.push(w);
                }
            }
        }
        pairs += queue.len() as u64;
        for &v in &queue {
            hops[v as usize] = UNSEEN;
        }
    }
    (pairs, total)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(edges) = args.first() else {
        return Err("usage: bfs_floor EDGES.csv [REPEATS]".into());
    };
    let repeats: usize = args.get(1).map_or(Ok(3), |s| s.parse())?;
    let g = read_edge_list(edges, EdgeListOptions::new())?;
    let mut best = f64::INFINITY;
    let mut result = (0, 0);
    for _ in 0..repeats.max(1) {
        let started = Instant::now();
        result = std::hint::black_box(bfs_every_source(std::hint::black_box(&g)));
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{{\"nodes\":{},\"edges\":{},\"seconds\":{best},\"reached_pairs\":{},\"distance_sum\":{},\"heap_bytes\":{}}}",
        g.node_count(),
        g.edge_count(),
        result.0,
        result.1,
        g.heap_bytes()
    );
    Ok(())
}
