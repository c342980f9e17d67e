//! Exact betweenness centrality (Brandes), unweighted (BFS) and weighted
//! (Dijkstra over a [`Cost`]), normalized as NetworkX.

use crate::error::Result;
use crate::graph::{ArcCosts, Cost, Node, Parallelism, Snapshot, Weighting, fold_chunks};
use crate::measures::blocks::Blocks;
use crate::progress::{Progress, Task};

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
    #[must_use]
    pub fn weighting(mut self, weighting: Weighting) -> Self {
        self.weighting = weighting;
        self
    }

    /// Sets the cost.
    #[must_use]
    pub fn cost(mut self, cost: Cost) -> Self {
        self.cost = cost;
        self
    }

    /// Sets the parallelism.
    #[must_use]
    pub fn parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }
}

/// How a betweenness sweep walks the graph (not [`crate::paths::Search`], the
/// direction of a single-pair path query).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Traversal {
    /// Breadth-first over every arc.
    Bfs,
    /// Breadth-first over arcs of finite cost (weight > 0).
    BfsUsable,
    /// Dijkstra over the costs.
    Dijkstra,
}

/// The graph as a betweenness sweep walks it: the traversal and, unless
/// every arc is one hop, the arcs' costs ([`ArcCosts`]).
pub(crate) struct Sweep<'a> {
    pub(crate) g: &'a Snapshot,
    pub(crate) traversal: Traversal,
    /// `None` for [`Traversal::Bfs`].
    costs: Option<ArcCosts<'a>>,
    /// Dijkstra: every finite cost is so far above zero that adding it to
    /// any distance a shortest path can reach gives a greater distance, so
    /// no node is a predecessor of one at the same distance, and the order
    /// in which nodes of equal distance are settled changes no count (only
    /// the order of the final sums). See [`Sweep::strictly_increasing`].
    tie_free: bool,
}

impl<'a> Sweep<'a> {
    pub(crate) fn new(g: &'a Snapshot, weighting: Weighting, cost: Cost) -> Result<Self> {
        let traversal = match (weighting, cost) {
            (Weighting::Unweighted, _) => Traversal::Bfs,
            (Weighting::Strength, Cost::Hops) => Traversal::BfsUsable,
            (Weighting::Strength, _) => Traversal::Dijkstra,
        };
        let costs = if traversal == Traversal::Bfs { None } else { Some(ArcCosts::new(g, cost)?) };
        let tie_free = traversal == Traversal::Dijkstra
            && costs.as_ref().is_some_and(|c| Self::strictly_increasing(g, g.nodes().map(|v| c.out_costs(v))));
        Ok(Sweep { g, traversal, costs, tie_free })
    }

    /// Whether every finite cost `c` gives `d + c > d` for every distance `d`
    /// of a shortest path: `c > 0`, and `c` above `2^-50` times `n` times the
    /// greatest finite cost (a shortest path has fewer than `n` arcs, so
    /// `d` is below that bound, and an IEEE sum `d + c` with `c` above half
    /// an ulp of `d`, at most `d * 2^-53`, is above `d`; the margin covers
    /// the rounding of the sums).
    fn strictly_increasing<'c>(g: &Snapshot, rows: impl Iterator<Item = &'c [f64]>) -> bool {
        let (mut least, mut most) = (f64::INFINITY, 0.0_f64);
        for &c in rows.flatten() {
            if c.is_finite() {
                least = least.min(c);
                most = most.max(c);
            }
        }
        least > 0.0 && least * 2f64.powi(50) > most * g.node_count() as f64
    }

    /// Costs of the out-arcs of `v`, parallel to `g.neighbors(v)` (empty for `Bfs`).
    #[inline]
    pub(crate) fn out_costs(&self, v: Node) -> &[f64] {
        self.costs.as_ref().map_or(&[], |c| c.out_costs(v))
    }

    /// Costs of the in-arcs of `v`, parallel to `g.in_neighbors(v)` (empty for `Bfs`).
    #[inline]
    pub(crate) fn in_costs(&self, v: Node) -> &[f64] {
        self.costs.as_ref().map_or(&[], |c| c.in_costs(v))
    }
}

/// A heap key of a distance (non-negative, so its bits order as the
/// distance does) and a node: one integer compare.
trait HeapKey: Copy + Ord {
    fn new(dist: f64, node: Node) -> Self;
    fn dist(self) -> f64;
}

/// The distance alone: nodes of equal distance pop in an order fixed by
/// the sequence of calls (the heap's shape), not by node number. Half the
/// size of [`NodeKey`], for sweeps where that order changes no count
/// ([`Sweep::tie_free`]).
impl HeapKey for u64 {
    #[inline]
    fn new(dist: f64, _: Node) -> Self {
        dist.to_bits()
    }
    #[inline]
    fn dist(self) -> f64 {
        f64::from_bits(self)
    }
}

/// The distance's bits above the node: equal distances pop in node order.
type NodeKey = u128;

impl HeapKey for NodeKey {
    #[inline]
    fn new(dist: f64, node: Node) -> Self {
        (u128::from(dist.to_bits()) << 32) | u128::from(node)
    }
    #[inline]
    fn dist(self) -> f64 {
        f64::from_bits((self >> 32) as u64)
    }
}

/// A 4-ary min-heap of nodes by [`HeapKey`], with decrease-key: each node
/// is in it at most once, `slot[node]` its position (`UNSEEN` when absent),
/// its key in `keys` and the node in `nodes` at that position (apart, so
/// that the four keys a level compares take as few cache lines as they can).
struct QuadHeap<K> {
    keys: Vec<K>,
    nodes: Vec<Node>,
    slot: Vec<u32>,
}

impl<K: HeapKey> QuadHeap<K> {
    fn new(n: usize) -> Self {
        QuadHeap { keys: Vec::with_capacity(n), nodes: Vec::with_capacity(n), slot: vec![UNSEEN; n] }
    }

    /// Inserts `v` with key `k`, or lowers its key to `k` (never raises it).
    #[inline]
    fn push_or_decrease(&mut self, k: K, v: Node) {
        let i = match self.slot[v as usize] {
            UNSEEN => {
                self.keys.push(k);
                self.nodes.push(v);
                self.keys.len() - 1
            }
            i => i as usize,
        };
        self.sift_up(i, k, v);
    }

    #[inline]
    fn sift_up(&mut self, mut i: usize, k: K, v: Node) {
        while i > 0 {
            let parent = (i - 1) / 4;
            let pk = self.keys[parent];
            if pk <= k {
                break;
            }
            self.put(i, pk, self.nodes[parent]);
            i = parent;
        }
        self.put(i, k, v);
    }

    /// Puts node `v` with key `k` at position `i` and notes where it is.
    #[inline]
    fn put(&mut self, i: usize, k: K, v: Node) {
        self.keys[i] = k;
        self.nodes[i] = v;
        self.slot[v as usize] = i as u32;
    }

    /// Takes a node of the least key out, with its key. Floyd's order: the
    /// hole left at the root goes down along the least children to a leaf,
    /// and the last key sifts up from there (it mostly belongs near the
    /// leaves, so this saves the compare against it at every level).
    #[inline]
    fn pop(&mut self) -> Option<(K, Node)> {
        let top = (*self.keys.first()?, self.nodes[0]);
        self.slot[top.1 as usize] = UNSEEN;
        let (last, last_node) = (self.keys.pop()?, self.nodes.pop()?);
        let len = self.keys.len();
        if len == 0 {
            return Some(top);
        }
        let mut i = 0;
        loop {
            let first = 4 * i + 1;
            let (best, bk) = if let Some(c) = self.keys.get(first..first + 4) {
                // Four children: a tournament of two pairs, without branches.
                let (a, ai) = if c[1] < c[0] { (c[1], 1) } else { (c[0], 0) };
                let (b, bi) = if c[3] < c[2] { (c[3], 3) } else { (c[2], 2) };
                if b < a { (first + bi, b) } else { (first + ai, a) }
            } else if first < len {
                let mut best = first;
                for c in first + 1..len {
                    if self.keys[c] < self.keys[best] {
                        best = c;
                    }
                }
                (best, self.keys[best])
            } else {
                break;
            };
            self.put(i, bk, self.nodes[best]);
            i = best;
        }
        self.sift_up(i, last, last_node);
        Some(top)
    }

    /// The heap, with room for nodes `0..n`.
    #[inline]
    fn sized(&mut self, n: usize) -> &mut Self {
        if self.slot.len() < n {
            self.slot.resize(n, UNSEEN);
        }
        self
    }

    /// Empties the heap, calling `f` on each node left in it.
    fn drain(&mut self, mut f: impl FnMut(Node)) {
        for &v in &self.nodes {
            self.slot[v as usize] = UNSEEN;
            f(v);
        }
        self.keys.clear();
        self.nodes.clear();
    }
}

/// Brandes' per-source state, allocated once per chunk of sources and reset
/// (only where touched) between sources. Symbols as in Brandes (2001):
/// `sigma` (number of shortest paths), `delta` (dependency), `stack` (S, the
/// nodes in order of distance); predecessors (P) are not listed but found
/// again among the in-neighbours (Dijkstra notes the one predecessor of a
/// node reached by a single shortest path, [`NodeState::pred`]).
pub(crate) struct Workspace {
    /// Per-node state, one record per node.
    pub(crate) st: Vec<NodeState>,
    /// Distance from the source (Dijkstra), infinite if not reached: apart
    /// from [`NodeState`], so that the relaxation of an arc, which mostly
    /// only compares, reads an array a quarter the size.
    dist: Vec<f64>,
    pub(crate) stack: Vec<Node>,
    /// Dijkstra's queue when the order of equal distances changes no count
    /// ([`Sweep::tie_free`]), sized at the first search.
    heap: QuadHeap<u64>,
    /// Dijkstra's queue otherwise: equal distances settle in node order.
    node_heap: QuadHeap<NodeKey>,
    /// Dependencies gathered so far by the push-form accumulation after
    /// Dijkstra ([`Workspace::accumulate_pushed`]); all zero between sources.
    delta: Vec<f64>,
}

/// Brandes' per-node state for one source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeState {
    /// Hops from the source (BFS), `UNSEEN` if not reached.
    pub(crate) hops: u32,
    /// Position in the settle order (Dijkstra), `UNSEEN` if not settled.
    pub(crate) order: u32,
    /// Dijkstra: the predecessor on the node's shortest paths if there is one
    /// only, `MANY` if several, `UNSEEN` if not reached.
    pub(crate) pred: u32,
    /// Number of shortest paths from the source; once the breadth-first
    /// accumulation has passed the node, `(1 + delta) / sigma`, delta its
    /// dependency.
    pub(crate) sigma: f64,
}

const UNSEEN: u32 = u32::MAX;

/// [`NodeState::pred`] of a node with several predecessors.
const MANY: u32 = u32::MAX - 1;

const FRESH: NodeState = NodeState { hops: UNSEEN, order: UNSEEN, pred: UNSEEN, sigma: 0.0 };

impl Workspace {
    pub(crate) fn new(n: usize) -> Self {
        Workspace {
            st: vec![FRESH; n],
            dist: vec![f64::INFINITY; n],
            stack: Vec::with_capacity(n),
            heap: QuadHeap::new(0),
            node_heap: QuadHeap::new(0),
            delta: vec![0.0; n],
        }
    }

    pub(crate) fn reset(&mut self) {
        let (st, dist) = (&mut self.st, &mut self.dist);
        // After an early stop, nodes reached but not settled wait in the heap.
        let mut fresh = |v: Node| {
            st[v as usize] = FRESH;
            dist[v as usize] = f64::INFINITY;
        };
        self.heap.drain(&mut fresh);
        self.node_heap.drain(&mut fresh);
        for &v in &self.stack {
            self.st[v as usize] = FRESH;
            self.dist[v as usize] = f64::INFINITY;
        }
        self.stack.clear();
    }

    /// Single-source shortest paths from `s`: fills `stack`, `sigma` and
    /// `hops` (BFS) or `dist` and `order` (Dijkstra). Stops early once
    /// `target` is settled, if given.
    pub(crate) fn search(&mut self, arcs: &Sweep<'_>, s: Node, target: Node) {
        let g = arcs.g;
        self.st[s as usize].sigma = 1.0;
        match arcs.traversal {
            Traversal::Bfs | Traversal::BfsUsable => {
                let usable = arcs.traversal == Traversal::BfsUsable;
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
            Traversal::Dijkstra => {
                let n = g.node_count();
                if arcs.tie_free {
                    dijkstra(self.heap.sized(n), &mut self.st, &mut self.dist, &mut self.stack, arcs, s, target);
                } else {
                    dijkstra(self.node_heap.sized(n), &mut self.st, &mut self.dist, &mut self.stack, arcs, s, target);
                }
            }
        }
    }

    /// Whether `v` is a predecessor of `w` on a shortest path (`c`: the cost
    /// of the arc `v -> w`, unused for BFS).
    #[inline]
    pub(crate) fn is_pred(&self, traversal: Traversal, v: Node, w: Node, c: f64) -> bool {
        match traversal {
            Traversal::Bfs => {
                let hv = self.st[v as usize].hops;
                hv != UNSEEN && hv + 1 == self.st[w as usize].hops
            }
            Traversal::BfsUsable => {
                let hv = self.st[v as usize].hops;
                c.is_finite() && hv != UNSEEN && hv + 1 == self.st[w as usize].hops
            }
            Traversal::Dijkstra => {
                self.st[v as usize].order < self.st[w as usize].order
                    && c.is_finite()
                    && self.dist[v as usize] + c == self.dist[w as usize]
            }
        }
    }

    /// Brandes' accumulation from the last search of `s`, adding each node's
    /// dependency to `acc`. Breadth-first, pull form: nodes in order of
    /// decreasing distance sum `(1 + delta[w]) / sigma[w]` over their
    /// successors `w` on shortest paths (kept in `sigma` as that coefficient
    /// once `w` is done), so each node is written once and only out-arcs are
    /// read. The sum adds `+0.0` for the other out-arcs rather than
    /// branching, which leaves its bits as they would be without (the terms
    /// are positive). Dijkstra: push form ([`Self::accumulate_pushed`]).
    fn accumulate(&mut self, arcs: &Sweep<'_>, s: Node, acc: &mut [f64]) {
        match arcs.traversal {
            Traversal::Bfs => self
                .accumulate_with(arcs, s, acc, |ws, v, w, _, _| ws.st[w as usize].hops == ws.st[v as usize].hops + 1),
            Traversal::BfsUsable => self.accumulate_with(arcs, s, acc, |ws, v, w, costs, i| {
                costs[i].is_finite() && ws.st[w as usize].hops == ws.st[v as usize].hops + 1
            }),
            Traversal::Dijkstra => self.accumulate_pushed(arcs, s, acc),
        }
    }

    /// Brandes' accumulation after Dijkstra, push form (as igraph and
    /// NetworkX): nodes in reverse settle order send their dependency to
    /// their predecessors. A node with one predecessor `v` (most nodes,
    /// [`NodeState::pred`]) has `sigma[v]` paths, so `v` gains
    /// `1 + delta` with one add and no arc read; only a node with several
    /// predecessors scans its in-arcs for them (the test of [`is_pred`]),
    /// each gaining `sigma[v] * (1 + delta) / sigma`. `delta` is zero again
    /// for every node afterwards.
    ///
    /// [`is_pred`]: Self::is_pred
    fn accumulate_pushed(&mut self, arcs: &Sweep<'_>, s: Node, acc: &mut [f64]) {
        let g = arcs.g;
        // stack[0] is the source, settled first; its dependency is not counted.
        for idx in (1..self.stack.len()).rev() {
            let w = self.stack[idx];
            let dw = std::mem::take(&mut self.delta[w as usize]);
            acc[w as usize] += dw;
            let NodeState { pred, sigma, .. } = self.st[w as usize];
            if pred != MANY {
                self.delta[pred as usize] += 1.0 + dw;
            } else {
                let coefficient = (1.0 + dw) / sigma;
                for (&v, &c) in g.in_neighbors(w).iter().zip(arcs.in_costs(w)) {
                    if self.is_pred(Traversal::Dijkstra, v, w, c) {
                        self.delta[v as usize] += self.st[v as usize].sigma * coefficient;
                    }
                }
            }
        }
        self.delta[s as usize] = 0.0;
    }

    #[inline(always)]
    fn accumulate_with(
        &mut self,
        arcs: &Sweep<'_>,
        s: Node,
        acc: &mut [f64],
        successor: impl Fn(&Self, Node, Node, &[f64], usize) -> bool,
    ) {
        let g = arcs.g;
        for idx in (0..self.stack.len()).rev() {
            let v = self.stack[idx];
            let mut sum = 0.0;
            let costs = arcs.out_costs(v);
            for (i, &w) in g.neighbors(v).iter().enumerate() {
                let term = if successor(self, v, w, costs, i) { self.st[w as usize].sigma } else { 0.0 };
                sum += term;
            }
            let sigma = self.st[v as usize].sigma;
            let dependency = sigma * sum;
            self.st[v as usize].sigma = (1.0 + dependency) / sigma;
            if v != s {
                acc[v as usize] += dependency;
            }
        }
    }
}

/// Dijkstra from `s` for [`Workspace::search`], on `heap` (empty, sized for
/// every node): fills `stack`, `sigma`, `pred`, `order` and `dist`.
#[inline(always)]
fn dijkstra<K: HeapKey>(
    heap: &mut QuadHeap<K>,
    st: &mut [NodeState],
    dist: &mut [f64],
    stack: &mut Vec<Node>,
    arcs: &Sweep<'_>,
    s: Node,
    target: Node,
) {
    let g = arcs.g;
    dist[s as usize] = 0.0;
    heap.push_or_decrease(K::new(0.0, s), s);
    while let Some((k, v)) = heap.pop() {
        let d = k.dist();
        st[v as usize].order = stack.len() as u32;
        stack.push(v);
        if v == target {
            break;
        }
        // sigma[v] is final: every predecessor was settled before v.
        let sv = st[v as usize].sigma;
        let costs = arcs.out_costs(v);
        for (&w, &c) in g.neighbors(v).iter().zip(costs) {
            let nd = d + c;
            let dw = &mut dist[w as usize];
            // A settled `w` has `dist <= d <= nd` (costs >= 0), and an
            // infinite cost gives an infinite `nd`: neither lowers `dist`.
            if nd < *dw {
                *dw = nd;
                let sw = &mut st[w as usize];
                sw.sigma = sv;
                sw.pred = v;
                heap.push_or_decrease(K::new(nd, w), w);
            } else if nd == *dw && c.is_finite() && st[w as usize].order == UNSEEN {
                let sw = &mut st[w as usize];
                sw.sigma += sv;
                sw.pred = MANY;
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
/// Unweighted on an undirected graph, the graph is first cut into its
/// biconnected components (blocks): the pairs an articulation point
/// separates are counted in closed form, trees hanging off the graph cost
/// nothing, and Brandes' algorithm runs on each block of 3 nodes or more
/// with the number of nodes each block node stands for as source and target
/// weights (Puzis et al. 2012, Sariyüce et al. 2013). Exact; the sums differ
/// from one whole-graph search only in rounding.
///
/// Breadth-first searches run 8 sources at once, one lane each, compiled for
/// every instruction set the crate can pick when the program runs (AVX-512,
/// AVX2 or the x86-64 baseline): the same IEEE operations lane by lane, so
/// the same bits on every machine for the same graph.
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
///
/// Puzis, R., Zilberman, P., Elovici, Y. (2012). Heuristics for speeding up
/// betweenness centrality computation. *SocialCom/PASSAT 2012*, 302-311.
///
/// Sariyüce, A. E., Saule, E., Kaya, K., Çatalyürek, Ü. V. (2013). Shattering
/// and compressing networks for betweenness centrality. *SIAM SDM 2013*.
pub fn betweenness(graph: &Snapshot, options: &BetweennessOptions) -> Result<Vec<f64>> {
    betweenness_reporting(graph, options, None)
}

/// As [`betweenness`], reporting the sources done to `progress`
/// ([`Task::Betweenness`]) after each chunk of sources; the result is the same.
///
/// # Errors
///
/// As [`betweenness`].
pub fn betweenness_with_progress(
    graph: &Snapshot,
    options: &BetweennessOptions,
    progress: &Progress,
) -> Result<Vec<f64>> {
    betweenness_reporting(graph, options, Some(progress))
}

fn betweenness_reporting(
    graph: &Snapshot,
    options: &BetweennessOptions,
    progress: Option<&Progress>,
) -> Result<Vec<f64>> {
    let arcs = Sweep::new(graph, options.weighting, options.cost)?;
    let n = graph.node_count();
    if let Some(progress) = progress {
        progress.report(Task::Betweenness, 0, n as u64);
    }
    let mut bc = options.parallelism.install(|par| raw_betweenness(&arcs, par, progress))?;
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for b in &mut bc {
            *b *= scale;
        }
    }
    Ok(bc)
}

/// Unscaled sums of dependencies over all sources (ordered pairs). On an
/// undirected graph searched breadth-first, the graph is cut into its
/// biconnected components first ([`Blocks`]) when it has more than one.
fn raw_betweenness(arcs: &Sweep<'_>, parallel: bool, progress: Option<&Progress>) -> Vec<f64> {
    let g = arcs.g;
    if arcs.traversal == Traversal::Bfs
        && !g.is_directed()
        && let Some(blocks) = Blocks::new(g)
    {
        return blocks.raw_betweenness(parallel, progress, g.node_count());
    }
    plain_raw_betweenness(arcs, parallel, progress)
}

/// [`raw_betweenness`] without reductions: every node is a source.
pub(crate) fn plain_raw_betweenness(arcs: &Sweep<'_>, parallel: bool, progress: Option<&Progress>) -> Vec<f64> {
    let n = arcs.g.node_count();
    if arcs.traversal == Traversal::Bfs {
        return batched_sums(pulp::Arch::new(), arcs.g, n, None, parallel, progress, n);
    }
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
    sum_chunks(n, chunk, parallel, run, progress, n)
}

/// The per-node sums of the chunks `run(0)`, `run(1)`, ... of `n` sources
/// (`chunk` each), added in chunk order whatever the threads (so
/// bit-identical for any thread count). Progress is reported as the share
/// of `total` that the sources done so far are of `n`.
fn sum_chunks(
    n: usize,
    chunk: usize,
    parallel: bool,
    run: impl Fn(usize) -> Vec<f64> + Sync + Send,
    progress: Option<&Progress>,
    total: usize,
) -> Vec<f64> {
    let mut sums = vec![0.0; n];
    let mut done = 0;
    fold_chunks(n.div_ceil(chunk), parallel, run, |part| {
        for (t, p) in sums.iter_mut().zip(part) {
            *t += p;
        }
        done = (done + chunk).min(n);
        if let Some(progress) = progress {
            let share = if n == 0 { total } else { (done as u128 * total as u128 / n as u128) as usize };
            progress.report(Task::Betweenness, share as u64, total as u64);
        }
    });
    sums
}

/// What the batched kernel reads of a graph: each node's neighbours.
pub(crate) trait Adjacency: Sync {
    /// The out-neighbours of `v`.
    fn neighbors(&self, v: Node) -> &[Node];
}

impl Adjacency for Snapshot {
    #[inline]
    fn neighbors(&self, v: Node) -> &[Node] {
        Snapshot::neighbors(self, v)
    }
}

/// Brandes' sums over every node of `g` (`n` nodes) as a source, [`LANES`]
/// sources per sweep, in [`CHUNKS`] fixed chunks added in chunk order
/// (bit-identical for any thread count), with the lanes' arithmetic compiled
/// for `arch` (callers pass `pulp::Arch::new()`, the best set this machine
/// has; the tests compare every set). `weight`: each node's weight as a
/// source and as a target (pairs `(s, t)` count `weight[s] * weight[t]`
/// times); `None` is weight 1 everywhere. Progress is reported as a share of
/// `total`.
pub(crate) fn batched_sums(
    arch: pulp::Arch,
    g: &impl Adjacency,
    n: usize,
    weight: Option<&[f64]>,
    parallel: bool,
    progress: Option<&Progress>,
    total: usize,
) -> Vec<f64> {
    let chunk = n.div_ceil(CHUNKS).max(1);
    let order = source_order(g, n);
    let run = |c: usize| {
        let mut sums = vec![0.0; n];
        let mut batch = Batch::new(n);
        let sources = &order[c * chunk..((c + 1) * chunk).min(n)];
        arch.dispatch(Sweeps { batch: &mut batch, g, sources, weight, sums: &mut sums });
        sums
    };
    sum_chunks(n, chunk, parallel, run, progress, total)
}

/// One chunk of [`batched_sums`]: its sources, [`LANES`] per [`Batch`],
/// compiled once per instruction set that [`pulp::Arch`] can pick at run
/// time (AVX-512, AVX2, or the baseline), since the lanes' arithmetic is
/// what bounds the kernel. Every set gives the same bits: the operations
/// are the same IEEE additions, products and quotients, lane by lane
/// (Rust never fuses a product and a sum on its own).
struct Sweeps<'a, G> {
    batch: &'a mut Batch,
    g: &'a G,
    sources: &'a [Node],
    weight: Option<&'a [f64]>,
    sums: &'a mut [f64],
}

impl<G: Adjacency> pulp::WithSimd for Sweeps<'_, G> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        for sources in self.sources.chunks(LANES) {
            self.batch.run(self.g, sources, self.weight, self.sums);
        }
    }
}

/// The order in which [`batched_sums`] takes the sources, [`LANES`] at a
/// time: neighbours of the same node side by side, so that the sources of a
/// batch are at most two hops apart and most nodes lie at one or two
/// distinct levels from them (fewer passes over their arcs). Greedy: nodes
/// by decreasing degree (ties in node order), each followed by its
/// neighbours not taken yet (in neighbour order). Depends on the graph
/// alone, so the sums' order of additions does not depend on the threads.
///
/// Complexity: O(|V| log |V| + |E|).
pub(crate) fn source_order(g: &impl Adjacency, n: usize) -> Vec<Node> {
    let mut by_degree: Vec<Node> = (0..n as Node).collect();
    by_degree.sort_by_key(|&v| std::cmp::Reverse(g.neighbors(v).len()));
    let mut taken = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for c in by_degree {
        if !taken[c as usize] {
            taken[c as usize] = true;
            order.push(c);
        }
        for &w in g.neighbors(c) {
            if !taken[w as usize] {
                taken[w as usize] = true;
                order.push(w);
            }
        }
    }
    order
}

/// Sources searched together by [`Batch`]: one lane each.
const LANES: usize = 8;

/// Brandes' algorithm for up to [`LANES`] sources at once over one
/// breadth-first sweep of the arcs (a batched, multi-source BFS in the manner
/// of Then et al. 2014, with per-source path counts). Each node keeps one
/// lane per source: its hops from that source, and its path count `sigma`
/// (replaced, during accumulation, by `(1 + delta) / sigma`). Level `d` lists
/// every node that is `d` hops from at least one source of the batch, so one
/// pass over a node's arcs serves every source that reaches it at that
/// level; the lanes are updated without branches.
///
/// Each source's arithmetic is the serial kernel's, operation for operation
/// (path counts summed over predecessors in the same order, dependencies
/// summed over successors in neighbour order), and the dependencies are added
/// to the sums source by source at the end of the batch: the result has the
/// same bits as one source at a time.
struct Batch {
    hops: Vec<[u32; LANES]>,
    /// `sigma` during the search, `(1 + delta) / sigma` once accumulated.
    sigma: Vec<[f64; LANES]>,
    /// The dependency of each node on each source, added to the sums in source order.
    dep: Vec<[f64; LANES]>,
    /// The last level each node was listed in (`UNSEEN`: none yet).
    listed: Vec<u32>,
    /// Nodes by level: level `d` is `order[start[d]..start[d + 1]]`.
    order: Vec<Node>,
    start: Vec<usize>,
}

impl Batch {
    fn new(n: usize) -> Self {
        Batch {
            hops: vec![[UNSEEN; LANES]; n],
            sigma: vec![[0.0; LANES]; n],
            dep: vec![[0.0; LANES]; n],
            listed: vec![UNSEEN; n],
            order: Vec::with_capacity(n),
            start: Vec::new(),
        }
    }

    /// Adds the dependencies of every node on each source in `sources`
    /// (at most [`LANES`]) to `sums`.
    /// `weight`: as in [`batched_sums`]. Inlined into [`Sweeps`], so that
    /// it is compiled for each instruction set.
    #[inline(always)]
    fn run(&mut self, g: &impl Adjacency, sources: &[Node], weight: Option<&[f64]>, sums: &mut [f64]) {
        self.order.clear();
        self.start.clear();
        self.start.push(0);
        for (lane, &s) in sources.iter().enumerate() {
            self.hops[s as usize][lane] = 0;
            self.sigma[s as usize][lane] = 1.0;
            if self.listed[s as usize] != 0 {
                self.listed[s as usize] = 0;
                self.order.push(s);
            }
        }
        // Forward: level by level, each listed node pushes along its arcs for
        // the lanes in which it lies at this level.
        let mut d = 0u32;
        loop {
            let (from, to) = (self.start[d as usize], self.order.len());
            if from == to {
                break;
            }
            self.start.push(to);
            for i in from..to {
                let v = self.order[i];
                let hv = self.hops[v as usize];
                let sv = self.sigma[v as usize];
                let mut push = [0.0; LANES];
                for l in 0..LANES {
                    push[l] = if hv[l] == d { sv[l] } else { 0.0 };
                }
                let active: [bool; LANES] = std::array::from_fn(|l| hv[l] == d);
                for &w in g.neighbors(v) {
                    let hw = &mut self.hops[w as usize];
                    let mut found = false;
                    for l in 0..LANES {
                        let fresh = active[l] & (hw[l] == UNSEEN);
                        found |= fresh;
                        hw[l] = if fresh { d + 1 } else { hw[l] };
                    }
                    let hw = *hw;
                    let sw = &mut self.sigma[w as usize];
                    for l in 0..LANES {
                        // Adding +0.0 to a positive count leaves its bits alone.
                        sw[l] += if hw[l] == d + 1 { push[l] } else { 0.0 };
                    }
                    if found && self.listed[w as usize] != d + 1 {
                        self.listed[w as usize] = d + 1;
                        self.order.push(w);
                    }
                }
            }
            d += 1;
        }
        // Backward: levels in decreasing order; each node pulls the
        // coefficients of its successors, for the lanes in which it lies at
        // this level (other lanes' sums are dropped).
        for d in (1..self.start.len() - 1).rev() {
            let level = d as u32;
            for i in self.start[d]..self.start[d + 1] {
                let v = self.order[i];
                let mut sum = [0.0; LANES];
                for &w in g.neighbors(v) {
                    let hw = self.hops[w as usize];
                    let cw = self.sigma[w as usize];
                    for l in 0..LANES {
                        sum[l] += if hw[l] == level + 1 { cw[l] } else { 0.0 };
                    }
                }
                let hv = self.hops[v as usize];
                let sv = &mut self.sigma[v as usize];
                let dv = &mut self.dep[v as usize];
                let target = weight.map_or(1.0, |w| w[v as usize]);
                for l in 0..LANES {
                    if hv[l] == level {
                        let dependency = sv[l] * sum[l];
                        sv[l] = (target + dependency) / sv[l];
                        dv[l] = dependency;
                    }
                }
            }
        }
        // Sources in order, as one source at a time would add them (times
        // the source's weight: exact for weight 1); then reset.
        let mut source_weight = [0.0; LANES];
        for (lane, &s) in sources.iter().enumerate() {
            source_weight[lane] = weight.map_or(1.0, |w| w[s as usize]);
        }
        let lanes = sources.len();
        for &v in &self.order {
            let dv = &mut self.dep[v as usize];
            if self.listed[v as usize] != UNSEEN {
                for lane in 0..lanes {
                    sums[v as usize] += source_weight[lane] * dv[lane];
                }
                self.listed[v as usize] = UNSEEN;
            }
            *dv = [0.0; LANES];
            self.hops[v as usize] = [UNSEEN; LANES];
            self.sigma[v as usize] = [0.0; LANES];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::SnapshotBuilder;
    use crate::random::Rng;

    /// Sparse random graphs with several components, isolated nodes and
    /// nodes of degree 1, from a seed.
    fn random_graph(directed: bool, n: usize, arcs: usize, seed: u64) -> Snapshot {
        let mut rng = Rng::new(seed);
        let mut b = if directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
        for v in 0..n {
            b.add_node(&v.to_string());
        }
        for _ in 0..arcs {
            let (u, v) = (rng.below(n), rng.below(n));
            // Repeats and loops are rejected; the rest make the graph.
            let _ = b.add_edge(&u.to_string(), &v.to_string(), 1.0);
        }
        b.build()
    }

    /// One source at a time with the serial kernel, in the same order and the same fixed chunks.
    fn one_at_a_time(arcs: &Sweep<'_>) -> Vec<f64> {
        let n = arcs.g.node_count();
        let chunk = n.div_ceil(CHUNKS).max(1);
        let mut total = vec![0.0; n];
        let mut ws = Workspace::new(n);
        let order = source_order(arcs.g, n);
        for c in 0..n.div_ceil(chunk) {
            let mut sums = vec![0.0; n];
            for &s in &order[c * chunk..((c + 1) * chunk).min(n)] {
                ws.search(arcs, s, Node::MAX);
                ws.accumulate(arcs, s, &mut sums);
                ws.reset();
            }
            for (t, p) in total.iter_mut().zip(sums) {
                *t += p;
            }
        }
        total
    }

    /// The heap against a sorted set of the live keys: random inserts,
    /// decreases and pops, sizes across several levels.
    #[test]
    fn quad_heap_pops_the_least_live_key() {
        heap_pops_the_least_live_key::<u64>(false);
        heap_pops_the_least_live_key::<NodeKey>(true);
    }

    /// Against a sorted set of (distance, node): a node of the least
    /// distance pops, the least such node if `node_order`.
    fn heap_pops_the_least_live_key<K: HeapKey>(node_order: bool) {
        let pop_matches = |heap: &mut QuadHeap<K>, live: &mut std::collections::BTreeSet<(u64, Node)>| match heap.pop()
        {
            None => live.is_empty(),
            Some((k, v)) => {
                let least = live.first().copied();
                let d = k.dist().to_bits();
                least.is_some_and(|(ld, lv)| ld == d && (!node_order || lv == v)) && live.remove(&(d, v))
            }
        };
        let mut rng = Rng::new(16);
        for n in [1, 2, 5, 17, 200] {
            let mut heap = QuadHeap::<K>::new(n);
            let mut live = std::collections::BTreeSet::new();
            let mut dist = vec![f64::INFINITY; n];
            for _ in 0..20 * n {
                if rng.below(3) == 0 {
                    assert!(pop_matches(&mut heap, &mut live));
                    continue;
                }
                let v = rng.below(n) as Node;
                // Few distinct distances, so that many are equal.
                let d = rng.below(8) as f64 * 0.5;
                if d < dist[v as usize] {
                    live.remove(&(dist[v as usize].to_bits(), v));
                    dist[v as usize] = d;
                    live.insert((d.to_bits(), v));
                    heap.push_or_decrease(K::new(d, v), v);
                }
                if rng.below(n) == 0 {
                    while !live.is_empty() {
                        assert!(pop_matches(&mut heap, &mut live));
                    }
                    assert!(heap.pop().is_none());
                    dist.fill(f64::INFINITY);
                }
            }
        }
    }

    #[test]
    fn tie_free_sweeps_count_as_node_ordered_ones() {
        for directed in [false, true] {
            // Every weight 1: many equal distances.
            let g = random_graph(directed, 300, 1200, 7);
            let arcs = Sweep::new(&g, Weighting::Strength, Cost::Inverse).unwrap();
            assert!(arcs.tie_free);
            let mut ordered = Sweep::new(&g, Weighting::Strength, Cost::Inverse).unwrap();
            ordered.tie_free = false;
            let (a, b) = (plain_raw_betweenness(&arcs, false, None), plain_raw_betweenness(&ordered, false, None));
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{x} {y}");
            }
            // NegLog of weight 1 is cost 0: the settle order of equal distances counts.
            assert!(!Sweep::new(&g, Weighting::Strength, Cost::NegLog).unwrap().tie_free);
        }
    }

    #[test]
    fn batches_of_sources_give_the_bits_of_one_source_at_a_time() {
        for directed in [false, true] {
            for (n, m, seed) in [(1, 0, 1), (2, 1, 2), (9, 12, 3), (40, 70, 4), (130, 300, 5), (300, 1500, 6)] {
                let g = random_graph(directed, n, m, seed);
                let arcs = Sweep::new(&g, Weighting::Unweighted, Cost::Hops).unwrap();
                let expected = one_at_a_time(&arcs);
                // Fixed chunks: the same bits serial and parallel.
                for parallel in [false, true] {
                    let got = plain_raw_betweenness(&arcs, parallel, None);
                    let same = got.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits());
                    assert!(same, "directed {directed}, n {n}: {got:?} != {expected:?}");
                }
            }
        }
    }

    /// Every instruction set this machine has, the baseline first.
    fn every_arch() -> Vec<(&'static str, pulp::Arch)> {
        #[allow(unused_mut)]
        let mut sets = vec![("baseline", pulp::Arch::Scalar)];
        #[cfg(target_arch = "x86_64")]
        {
            if let Some(simd) = pulp::x86::V3::try_new() {
                sets.push(("x86-64-v3 (AVX2)", pulp::Arch::V3(simd)));
            }
            if let Some(simd) = pulp::x86::V4::try_new() {
                sets.push(("x86-64-v4 (AVX-512)", pulp::Arch::V4(simd)));
            }
        }
        sets
    }

    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        for directed in [false, true] {
            for (n, m, seed) in [(2, 1, 2), (40, 70, 4), (300, 1500, 6), (500, 900, 7)] {
                let g = random_graph(directed, n, m, seed);
                // Weights as the blocks give them: whole reach counts.
                let weight: Vec<f64> = (0..n).map(|v| (1 + v % 5) as f64).collect();
                for weight in [None, Some(&weight[..])] {
                    let mut sets = every_arch().into_iter();
                    let (_, baseline) = sets.next().unwrap();
                    let expected = batched_sums(baseline, &g, n, weight, false, None, n);
                    for (name, arch) in sets {
                        let got = batched_sums(arch, &g, n, weight, true, None, n);
                        let same = got.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits());
                        assert!(same, "{name}, directed {directed}, n {n}: {got:?} != {expected:?}");
                    }
                }
            }
        }
    }
}
