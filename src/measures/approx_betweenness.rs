//! Approximate betweenness by sampling shortest paths (Riondato and Kornaropoulos).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::{Node, Snapshot};
use crate::measures::betweenness::{Arcs, BetweennessOptions, Search, Workspace, fold_chunks};
use crate::measures::components::components;

/// Accuracy and seed of [`approximate_betweenness`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ApproxOptions {
    /// Largest error allowed on any node's (normalized) betweenness, in (0, 1).
    pub epsilon: f64,
    /// Probability that some node's error exceeds `epsilon`, in (0, 1).
    pub delta: f64,
    /// Seed of the random samples: the same seed gives the same result.
    pub seed: u64,
}

impl Default for ApproxOptions {
    /// `epsilon` 0.01, `delta` 0.1, seed 0.
    fn default() -> Self {
        ApproxOptions { epsilon: 0.01, delta: 0.1, seed: 0 }
    }
}

impl ApproxOptions {
    /// The default options (`epsilon` 0.01, `delta` 0.1, seed 0).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets epsilon.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Sets delta.
    pub fn delta(mut self, delta: f64) -> Self {
        self.delta = delta;
        self
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

/// The result of [`approximate_betweenness`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApproxBetweenness {
    /// Estimated betweenness of every node, normalized as [`betweenness`](crate::measures::betweenness).
    pub values: Vec<f64>,
    /// Number of sampled node pairs.
    pub samples: u64,
    /// The upper bound on the vertex diameter used for the sample size.
    pub vertex_diameter: usize,
}

/// Samples per chunk: fixed, so that the result does not depend on threads.
const SAMPLES_PER_CHUNK: u64 = 512;

/// Approximate betweenness of every node, within `epsilon` of the exact
/// (normalized) value for every node at once with probability at least `1 - delta`.
///
/// Riondato and Kornaropoulos' algorithm: draw
/// `r = ceil(0.5 / e^2 (floor(log2(VD - 2)) + 1 + ln(1 / delta)))` random
/// pairs `(s, t)`, take one shortest `s`-`t` path uniformly at random from
/// each, and credit its inner nodes `1 / r`. `VD` bounds the vertex diameter
/// (the most nodes on a shortest path): twice the eccentricity of one node
/// per component plus one for an unweighted undirected search, the size of
/// the largest component otherwise. The estimates approximate betweenness over
/// ordered pairs divided by `n (n - 1)`; this function reports them scaled to
/// NetworkX's normalization (times `n / (n - 2)`) and runs with
/// `e = epsilon (n - 2) / n`, so that the guarantee holds in the reported units.
///
/// # Arguments
///
/// * `options`: weighting, cost and parallelism as for [`betweenness`](crate::measures::betweenness).
/// * `approx`: epsilon, delta and the seed. Samples run in fixed chunks of
///   512, each with its own random stream derived from the seed, and hits are
///   counted as integers: the result is the same for any number of threads.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for an epsilon or delta outside (0, 1), a
/// NegLog cost on a weight above 1, or `Parallelism::Threads(0)`.
///
/// # Complexity
///
/// O(r (|V| + |E|)) time unweighted (times log |V| weighted), independent of
/// the number of pairs; O(|V|) memory per chunk in flight.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{ApproxOptions, BetweennessOptions, approximate_betweenness};
///
/// let mut b = SnapshotBuilder::undirected();
/// for leaf in ["a", "b", "c", "d"] {
///     b.add_edge("hub", leaf, 1.0)?;
/// }
/// let approx = ApproxOptions::new().epsilon(0.05).seed(7);
/// let est = approximate_betweenness(&b.build(), &BetweennessOptions::new(), &approx)?;
/// assert!((est.values[0] - 1.0).abs() <= 0.05);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Reference
///
/// Riondato, M. & Kornaropoulos, E. M. (2016). Fast approximation of
/// betweenness centrality through sampling. *Data Mining and Knowledge
/// Discovery* 30(2), 438-475.
pub fn approximate_betweenness(
    graph: &Snapshot,
    options: &BetweennessOptions,
    approx: &ApproxOptions,
) -> Result<ApproxBetweenness> {
    for (name, x) in [("epsilon", approx.epsilon), ("delta", approx.delta)] {
        if !(x > 0.0 && x < 1.0) {
            return Err(Error::InvalidArgument { name, reason: format!("{x} is not in (0, 1)") });
        }
    }
    let arcs = Arcs::new(graph, options.weighting, options.cost)?;
    let n = graph.node_count();
    if n <= 2 {
        return Ok(ApproxBetweenness { values: vec![0.0; n], samples: 0, vertex_diameter: n });
    }
    let vd = vertex_diameter(graph, &arcs);
    let eps = approx.epsilon * (n - 2) as f64 / n as f64;
    let log_term = if vd >= 3 { ((vd - 2) as f64).log2().floor() + 1.0 } else { 0.0 };
    let r = (0.5 / (eps * eps) * (log_term + (1.0 / approx.delta).ln())).ceil().max(1.0) as u64;
    let chunks = r.div_ceil(SAMPLES_PER_CHUNK) as usize;
    let run = |c: usize| {
        let mut rng = SplitMix64::new(approx.seed ^ SplitMix64::new(c as u64).next());
        let mut hits = vec![0u32; n];
        let mut ws = Workspace::new(n);
        let first = c as u64 * SAMPLES_PER_CHUNK;
        for _ in first..(first + SAMPLES_PER_CHUNK).min(r) {
            let s = rng.below(n as u64) as Node;
            let mut t = rng.below(n as u64 - 1) as Node;
            if t >= s {
                t += 1;
            }
            ws.search(&arcs, s, t);
            sample_path(&arcs, &ws, s, t, &mut rng, &mut hits);
            ws.reset();
        }
        hits
    };
    let mut total = vec![0u64; n];
    options.parallelism.install(|par| {
        fold_chunks(chunks, par, run, |hits| {
            for (t, h) in total.iter_mut().zip(hits) {
                *t += u64::from(h);
            }
        })
    })?;
    let scale = n as f64 / (n - 2) as f64 / r as f64;
    Ok(ApproxBetweenness {
        values: total.into_iter().map(|h| h as f64 * scale).collect(),
        samples: r,
        vertex_diameter: vd,
    })
}

/// Walks back from `t` to `s`, choosing each predecessor `v` of `w` with
/// probability `sigma[v] / sigma[w]`, and counts the inner nodes.
fn sample_path(arcs: &Arcs<'_>, ws: &Workspace, s: Node, t: Node, rng: &mut SplitMix64, hits: &mut [u32]) {
    if ws.st[t as usize].sigma == 0.0 {
        return;
    }
    let g = arcs.g;
    let mut w = t;
    while w != s {
        let target = rng.unit() * ws.st[w as usize].sigma;
        let costs = arcs.in_costs(w);
        let mut acc = 0.0;
        let mut chosen = None;
        for (i, &v) in g.in_neighbors(w).iter().enumerate() {
            let c = if arcs.search == Search::Bfs { 1.0 } else { costs[i] };
            if ws.is_pred(arcs.search, v, w, c) {
                acc += ws.st[v as usize].sigma;
                chosen = Some(v);
                if acc > target {
                    break;
                }
            }
        }
        let Some(v) = chosen else { return };
        if v != s {
            hits[v as usize] += 1;
        }
        w = v;
    }
}

/// An upper bound on the number of nodes on any shortest path.
fn vertex_diameter(graph: &Snapshot, arcs: &Arcs<'_>) -> usize {
    let comps = components(graph);
    if graph.is_directed() || arcs.search != Search::Bfs {
        return comps.largest();
    }
    let mut seen = vec![false; comps.count()];
    let mut ws = Workspace::new(graph.node_count());
    let mut bound = 0;
    for v in graph.nodes() {
        let c = comps.component[v as usize] as usize;
        if seen[c] {
            continue;
        }
        seen[c] = true;
        ws.search(arcs, v, Node::MAX);
        let ecc = ws.stack.last().map_or(0, |&u| ws.st[u as usize].hops as usize);
        bound = bound.max((2 * ecc + 1).min(comps.sizes[c]));
        ws.reset();
    }
    bound
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast, seedable generator.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; bias below n / 2^64).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}
