//! Exact betweenness centrality (Brandes), unweighted (BFS) and weighted
//! (Dijkstra over a [`Cost`]), normalized as NetworkX.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::Result;
use crate::graph::{Cost, Node, Parallelism, Snapshot, Weighting, fold_chunks};

/// Options for [`betweenness`] (and [`approximate_betweenness`](crate::measures::approximate_betweenness)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BetweennessOptions {
    /// [`Weighting::Unweighted`]: every edge is one hop (weights ignored).
    /// [`Weighting::Strength`]: shortest paths by [`cost`](Self::cost) of the
    /// weights; edges of weight 0 are no edges.
    pub weighting: Weighting,
    /// How a weight becomes a cost (used with [`Weighting::Strength`] only).
    pub cost: Cost,
    /// How many threads to use.
    pub parallelism: Parallelism,
}

impl BetweennessOptions {
    /// Unweighted, cost [`Cost::Inverse`] (for when weights are switched on),
    /// on the current rayon pool.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the weighting.
    pub fn weighting(mut self, weighting: Weighting) -> Self {
        self.weighting = weighting;
        self
    }

    /// Sets the cost.
    pub fn cost(mut self, cost: Cost) -> Self {
        self.cost = cost;
        self
    }

    /// Sets the parallelism.
    pub fn parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }
}

/// How shortest paths are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    /// Breadth-first over every arc.
    Bfs,
    /// Breadth-first over arcs of finite cost (weight > 0).
    BfsUsable,
    /// Dijkstra over the costs.
    Dijkstra,
}

/// Arcs with precomputed costs (`f64::INFINITY` for an unusable arc), out and in.
pub(crate) struct Arcs<'a> {
    pub(crate) g: &'a Snapshot,
    pub(crate) search: Search,
    out_offsets: Vec<usize>,
    out_cost: Vec<f64>,
    in_offsets: Vec<usize>,
    in_cost: Vec<f64>,
}

impl<'a> Arcs<'a> {
    pub(crate) fn new(g: &'a Snapshot, weighting: Weighting, cost: Cost) -> Result<Self> {
        let search = match (weighting, cost) {
            (Weighting::Unweighted, _) => Search::Bfs,
            (Weighting::Strength, Cost::Hops) => Search::BfsUsable,
            (Weighting::Strength, _) => Search::Dijkstra,
        };
        if search == Search::Dijkstra {
            cost.check(g)?;
        }
        let mut arcs = Arcs {
            g,
            search,
            out_offsets: Vec::new(),
            out_cost: Vec::new(),
            in_offsets: Vec::new(),
            in_cost: Vec::new(),
        };
        if search != Search::Bfs {
            // `+ 0.0` turns the -0.0 of `-ln 1` into +0.0.
            let c = |w: f64| cost.of(w).map_or(f64::INFINITY, |c| c + 0.0);
            let (mut off, mut costs) = (vec![0], Vec::with_capacity(2 * g.edge_count()));
            for v in g.nodes() {
                costs.extend(g.weighted_neighbors(v).map(|(_, w)| c(w)));
                off.push(costs.len());
            }
            (arcs.out_offsets, arcs.out_cost) = (off, costs);
            if g.is_directed() {
                let (mut off, mut costs) = (vec![0], Vec::with_capacity(g.edge_count()));
                for v in g.nodes() {
                    costs.extend(g.weighted_in_neighbors(v).map(|(_, w)| c(w)));
                    off.push(costs.len());
                }
                (arcs.in_offsets, arcs.in_cost) = (off, costs);
            }
        }
        Ok(arcs)
    }

    /// Costs of the out-arcs of `v`, parallel to `g.neighbors(v)` (empty for `Bfs`).
    #[inline]
    pub(crate) fn out_costs(&self, v: Node) -> &[f64] {
        if self.search == Search::Bfs {
            return &[];
        }
        &self.out_cost[self.out_offsets[v as usize]..self.out_offsets[v as usize + 1]]
    }

    /// Costs of the in-arcs of `v`, parallel to `g.in_neighbors(v)` (empty for `Bfs`).
    #[inline]
    pub(crate) fn in_costs(&self, v: Node) -> &[f64] {
        if self.search == Search::Bfs {
            return &[];
        }
        if !self.g.is_directed() {
            return self.out_costs(v);
        }
        &self.in_cost[self.in_offsets[v as usize]..self.in_offsets[v as usize + 1]]
    }
}

/// A heap entry: the bits of a non-negative distance (ordered as the
/// distances are) and the node; 16 bytes. Equal distances pop in node order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    key: u64,
    node: Node,
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap.
        (other.key, other.node).cmp(&(self.key, self.node))
    }
}

/// Brandes' per-source state, allocated once per chunk of sources and reset
/// (only where touched) between sources. Symbols as in Brandes (2001):
/// `sigma` (number of shortest paths), `delta` (dependency), `stack` (S, the
/// nodes in order of distance); predecessors (P) are not stored but found
/// again among the in-neighbours.
pub(crate) struct Workspace {
    /// Per-node state, one record per node so that an arc touches one cache line.
    pub(crate) st: Vec<State>,
    pub(crate) stack: Vec<Node>,
    heap: BinaryHeap<Entry>,
}

/// Brandes' per-node state for one source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct State {
    /// Hops from the source (BFS), `UNSEEN` if not reached.
    pub(crate) hops: u32,
    /// Position in the settle order (Dijkstra), `UNSEEN` if not settled.
    pub(crate) order: u32,
    /// Number of shortest paths from the source.
    pub(crate) sigma: f64,
    /// Distance from the source (Dijkstra), infinite if not reached.
    pub(crate) dist: f64,
    /// During accumulation: `(1 + delta) / sigma`, delta the dependency.
    pub(crate) delta: f64,
}

const UNSEEN: u32 = u32::MAX;

const FRESH: State = State { hops: UNSEEN, order: UNSEEN, sigma: 0.0, dist: f64::INFINITY, delta: 0.0 };

impl Workspace {
    pub(crate) fn new(n: usize) -> Self {
        Workspace { st: vec![FRESH; n], stack: Vec::with_capacity(n), heap: BinaryHeap::new() }
    }

    pub(crate) fn reset(&mut self) {
        for &v in &self.stack {
            self.st[v as usize] = FRESH;
        }
        self.stack.clear();
        // After an early stop, nodes reached but not settled wait in the heap.
        for e in self.heap.drain() {
            self.st[e.node as usize] = FRESH;
        }
    }

    /// Single-source shortest paths from `s`: fills `stack`, `sigma` and
    /// `hops` (BFS) or `dist` and `order` (Dijkstra). Stops early once
    /// `target` is settled, if given.
    pub(crate) fn search(&mut self, arcs: &Arcs<'_>, s: Node, target: Node) {
        let g = arcs.g;
        self.st[s as usize].sigma = 1.0;
        match arcs.search {
            Search::Bfs | Search::BfsUsable => {
                let usable = arcs.search == Search::BfsUsable;
                self.st[s as usize].hops = 0;
                self.stack.push(s);
                let mut head = 0;
                while head < self.stack.len() {
                    let v = self.stack[head];
                    head += 1;
                    if v == target {
                        break;
                    }
                    let (hv, sv) = (self.st[v as usize].hops, self.st[v as usize].sigma);
                    let costs = arcs.out_costs(v);
                    for (i, &w) in g.neighbors(v).iter().enumerate() {
                        if usable && !costs[i].is_finite() {
                            continue;
                        }
                        let sw = &mut self.st[w as usize];
                        if sw.hops == UNSEEN {
                            sw.hops = hv + 1;
                            self.stack.push(w);
                        }
                        if sw.hops == hv + 1 {
                            sw.sigma += sv;
                        }
                    }
                }
            }
            Search::Dijkstra => {
                // Costs are >= +0.0, so the bits of a distance order like the distance.
                self.st[s as usize].dist = 0.0;
                self.heap.push(Entry { key: 0f64.to_bits(), node: s });
                while let Some(Entry { key, node: v }) = self.heap.pop() {
                    if self.st[v as usize].order != UNSEEN {
                        continue; // a stale entry: v was settled from a shorter one
                    }
                    let d = f64::from_bits(key);
                    self.st[v as usize].order = self.stack.len() as u32;
                    self.stack.push(v);
                    if v == target {
                        break;
                    }
                    // sigma[v] is final: every predecessor was settled before v.
                    let sv = self.st[v as usize].sigma;
                    let costs = arcs.out_costs(v);
                    for (&w, &c) in g.neighbors(v).iter().zip(costs) {
                        let sw = &mut self.st[w as usize];
                        if !c.is_finite() || sw.order != UNSEEN {
                            continue;
                        }
                        let nd = d + c;
                        if nd < sw.dist {
                            sw.dist = nd;
                            sw.sigma = sv;
                            self.heap.push(Entry { key: nd.to_bits(), node: w });
                        } else if nd == sw.dist {
                            sw.sigma += sv;
                        }
                    }
                }
            }
        }
    }

    /// Whether `v` is a predecessor of `w` on a shortest path (`c`: the cost
    /// of the arc `v -> w`, unused for BFS).
    #[inline]
    pub(crate) fn is_pred(&self, search: Search, v: Node, w: Node, c: f64) -> bool {
        match search {
            Search::Bfs => {
                let hv = self.st[v as usize].hops;
                hv != UNSEEN && hv + 1 == self.st[w as usize].hops
            }
            Search::BfsUsable => {
                let hv = self.st[v as usize].hops;
                c.is_finite() && hv != UNSEEN && hv + 1 == self.st[w as usize].hops
            }
            Search::Dijkstra => {
                self.st[v as usize].order < self.st[w as usize].order
                    && c.is_finite()
                    && self.st[v as usize].dist + c == self.st[w as usize].dist
            }
        }
    }

    /// Brandes' accumulation from the last search of `s`, adding each node's
    /// dependency to `acc`. Pull form: nodes in order of decreasing distance
    /// sum `(1 + delta[w]) / sigma[w]` over their successors `w` on shortest
    /// paths (kept in `delta` as that coefficient), so each node is written
    /// once and only out-arcs are read.
    fn accumulate(&mut self, arcs: &Arcs<'_>, s: Node, acc: &mut [f64]) {
        match arcs.search {
            Search::Bfs => {
                self.accumulate_with(arcs, s, acc, |ws, v, w, _| ws.st[w as usize].hops == ws.st[v as usize].hops + 1)
            }
            Search::BfsUsable => self.accumulate_with(arcs, s, acc, |ws, v, w, c| {
                c.is_finite() && ws.st[w as usize].hops == ws.st[v as usize].hops + 1
            }),
            Search::Dijkstra => self.accumulate_with(arcs, s, acc, |ws, v, w, c| {
                ws.st[v as usize].order < ws.st[w as usize].order
                    && ws.st[w as usize].order != UNSEEN
                    && c.is_finite()
                    && ws.st[v as usize].dist + c == ws.st[w as usize].dist
            }),
        }
    }

    #[inline(always)]
    fn accumulate_with(
        &mut self,
        arcs: &Arcs<'_>,
        s: Node,
        acc: &mut [f64],
        successor: impl Fn(&Self, Node, Node, f64) -> bool,
    ) {
        let g = arcs.g;
        let bfs = arcs.search == Search::Bfs;
        for idx in (0..self.stack.len()).rev() {
            let v = self.stack[idx];
            let mut sum = 0.0;
            let costs = arcs.out_costs(v);
            for (i, &w) in g.neighbors(v).iter().enumerate() {
                let c = if bfs { 1.0 } else { costs[i] };
                if successor(self, v, w, c) {
                    sum += self.st[w as usize].delta;
                }
            }
            let sigma = self.st[v as usize].sigma;
            let dependency = sigma * sum;
            self.st[v as usize].delta = (1.0 + dependency) / sigma;
            if v != s {
                acc[v as usize] += dependency;
            }
        }
    }
}

/// Number of chunks the sources are split into: fixed, so the order of the
/// floating-point sums does not depend on the number of threads.
const CHUNKS: usize = 64;

/// Exact betweenness centrality of every node (Brandes' algorithm).
///
/// The betweenness of `v` is the sum over pairs `s != t` (both other than `v`)
/// of the share of shortest `s`-`t` paths through `v`, normalized as
/// `networkx.betweenness_centrality(G, normalized=True)`: over the
/// `(n - 1)(n - 2) / 2` unordered pairs of an undirected graph, the
/// `(n - 1)(n - 2)` ordered pairs of a directed one. For `n <= 2` NetworkX
/// leaves the values unscaled; they are all 0.
///
/// # Arguments
///
/// * `options.weighting`: [`Weighting::Unweighted`] runs a breadth-first
///   search over every edge; [`Weighting::Strength`] finds shortest paths by
///   `options.cost` of the weights ([`Cost::Hops`]: breadth-first over the
///   edges of weight > 0; [`Cost::Inverse`] and [`Cost::NegLog`]: Dijkstra),
///   summing costs from the source outward as NetworkX does, so that equal
///   path lengths compare equal exactly as there.
/// * `options.parallelism`: sources run in 64 fixed chunks, one accumulator
///   per chunk, added in chunk order: the result is bit-identical for any
///   number of threads.
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for
/// [`Cost::NegLog`] on a weight above 1, or `Parallelism::Threads(0)`.
///
/// # Complexity
///
/// O(|V| |E|) time unweighted, O(|V| |E| log |V|) weighted; O(|V| + |E|)
/// memory per chunk in flight (at most twice the thread count, and 64).
///
/// Ties of cost 0 (NegLog of weight 1) are followed in the order nodes are
/// settled; NetworkX may count such paths differently.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{BetweennessOptions, betweenness};
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// b.add_edge("b", "c", 1.0)?;
/// let bc = betweenness(&b.build(), &BetweennessOptions::new())?;
/// assert_eq!(bc, [0.0, 1.0, 0.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Reference
///
/// Brandes, U. (2001). A faster algorithm for betweenness centrality.
/// *Journal of Mathematical Sociology* 25(2), 163-177.
pub fn betweenness(graph: &Snapshot, options: &BetweennessOptions) -> Result<Vec<f64>> {
    let arcs = Arcs::new(graph, options.weighting, options.cost)?;
    let n = graph.node_count();
    let mut bc = options.parallelism.install(|par| raw_betweenness(&arcs, par))?;
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for b in &mut bc {
            *b *= scale;
        }
    }
    Ok(bc)
}

/// Unscaled sums of dependencies over all sources.
fn raw_betweenness(arcs: &Arcs<'_>, parallel: bool) -> Vec<f64> {
    let n = arcs.g.node_count();
    let chunk = n.div_ceil(CHUNKS).max(1);
    let run = |c: usize| {
        let mut sums = vec![0.0; n];
        let mut ws = Workspace::new(n);
        for s in c * chunk..((c + 1) * chunk).min(n) {
            ws.search(arcs, s as Node, Node::MAX);
            ws.accumulate(arcs, s as Node, &mut sums);
            ws.reset();
        }
        sums
    };
    let mut total = vec![0.0; n];
    fold_chunks(n.div_ceil(chunk), parallel, run, |part| {
        for (t, p) in total.iter_mut().zip(part) {
            *t += p;
        }
    });
    total
}
