//! A seeded Barabási-Albert graph for benchmarks and tests.

use crate::error::{Error, Result};
use crate::graph::{Snapshot, SnapshotBuilder};
use crate::random::Rng;

/// A seeded Barabási-Albert graph, for benchmarks and tests: `n` nodes, each
/// new node tied to `m` distinct earlier nodes picked in proportion to their
/// degree (the first `m + 1` nodes form a clique), about `n·m` undirected
/// edges with weights uniform in (0, 1]. Node ids are `0`, `1`, ... The same
/// arguments give the same graph.
///
/// # Errors
///
/// [`Error::InvalidArgument`] unless `1 <= m < n`.
///
/// # Examples
///
/// ```
/// let g = salesnet::generate::barabasi_albert(100, 3, 7)?;
/// assert_eq!(g.node_count(), 100);
/// assert_eq!(g.edge_count(), 6 + 96 * 3);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> Result<Snapshot> {
    if m == 0 || m >= n {
        return Err(Error::InvalidArgument { name: "m", reason: format!("need 1 <= m < n, got m = {m}, n = {n}") });
    }
    let mut rng = Rng::new(seed);
    let mut b = SnapshotBuilder::undirected();
    b.weighted();
    let ids: Vec<String> = (0..n).map(|v| v.to_string()).collect();
    for id in &ids {
        b.add_node(id);
    }
    let mut ends: Vec<usize> = Vec::with_capacity(2 * n * m);
    for v in 0..=m {
        for u in 0..v {
            b.add_edge(&ids[u], &ids[v], rng.open_unit())?;
            ends.extend([u, v]);
        }
    }
    let mut picked = Vec::with_capacity(m);
    for v in m + 1..n {
        picked.clear();
        while picked.len() < m {
            let u = ends[rng.below(ends.len())];
            if !picked.contains(&u) {
                picked.push(u);
            }
        }
        for &u in &picked {
            b.add_edge(&ids[u], &ids[v], rng.open_unit())?;
            ends.extend([u, v]);
        }
    }
    Ok(b.build())
}
