//! Best paths on a snapshot: options, the reusable [`PathFinder`]
//! workspace, and the convenience functions [`best_path`] and
//! [`k_best_paths`].

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::{ArcCosts, Cost, Node, Snapshot};
use crate::progress::Progress;

/// "No node" / "no label" in the workspace arrays.
pub(crate) const NONE: u32 = u32::MAX;

const BLOCKED: u8 = 1;
const TARGET: u8 = 2;
/// A neighbor of a target (hop-limited [`PathFinder::best_many`]).
const NEAR: u8 = 4;

/// What a path query may use and how it ranks paths.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`cost`](Self::cost) | [`Cost::Inverse`] | cost of a tie: hops, `1 / w` or `-ln w` |
/// | [`k`](Self::k) | 1 | how many paths [`PathFinder::k_best`] returns |
/// | [`max_hops`](Self::max_hops) | none | longest allowed path, in ties |
/// | [`min_weight`](Self::min_weight) | 0 | ties lighter than this are unusable |
/// | [`avoid`](Self::avoid) | none | nodes no path may pass *through* |
/// | [`search`](Self::search) | [`Search::Bidirectional`] | from both ends, or from the source only |
///
/// A tie of weight 0 is never usable, whatever the minimum weight. Avoided
/// nodes are never intermediate nodes of a path; a query may still start or
/// end at one (the ends are what was asked for).
///
/// # Examples
///
/// ```
/// use salesnet::graph::Cost;
/// use salesnet::paths::PathOptions;
///
/// let options = PathOptions::new().cost(Cost::NegLog).k(5).max_hops(3).min_weight(0.2).avoid([7, 9]);
/// # let _ = options;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PathOptions {
    pub(crate) cost: Cost,
    pub(crate) k: usize,
    pub(crate) max_hops: Option<usize>,
    pub(crate) min_weight: f64,
    pub(crate) avoid: Vec<Node>,
    pub(crate) search: Search,
    pub(crate) progress: Option<Progress>,
}

impl Default for PathOptions {
    fn default() -> Self {
        Self {
            cost: Cost::default(),
            k: 1,
            max_hops: None,
            min_weight: 0.0,
            avoid: Vec::new(),
            search: Search::default(),
            progress: None,
        }
    }
}

impl PathOptions {
    /// The defaults: inverse cost, one path, no limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how a tie's weight becomes a cost.
    #[must_use]
    pub fn cost(mut self, cost: Cost) -> Self {
        self.cost = cost;
        self
    }

    /// Sets how many paths [`PathFinder::k_best`] returns at most (0 gives none).
    #[must_use]
    pub fn k(mut self, k: usize) -> Self {
        self.k = k;
        self
    }

    /// Allows only paths of at most `hops` ties.
    #[must_use]
    pub fn max_hops(mut self, hops: usize) -> Self {
        self.max_hops = Some(hops);
        self
    }

    /// Makes ties of weight below `weight` unusable (ties of weight 0 always are).
    #[must_use]
    pub fn min_weight(mut self, weight: f64) -> Self {
        self.min_weight = weight;
        self
    }

    /// Adds nodes that no path may pass through (they may still be its ends).
    #[must_use]
    pub fn avoid(mut self, nodes: impl IntoIterator<Item = Node>) -> Self {
        self.avoid.extend(nodes);
        self
    }

    /// Sets how a single pair is searched (default [`Search::Bidirectional`]).
    #[must_use]
    pub fn search(mut self, search: Search) -> Self {
        self.search = search;
        self
    }

    /// Reports the progress of [`PathFinder::k_best`] to `progress`
    /// ([`Task::KBestPaths`](crate::progress::Task::KBestPaths)); the paths are the same.
    #[must_use]
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    fn hop_limit(&self) -> Option<u32> {
        self.max_hops.map(|h| u32::try_from(h).unwrap_or(u32::MAX - 1).min(u32::MAX - 1))
    }
}

/// A path: its nodes from source to target and its cost.
///
/// `cost` is the sum of the ties' costs taken in path order from the source
/// (so equal paths always have bit-identical costs). A path of one node (the
/// source is the target) costs 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    /// The nodes, source first, target last; no node repeats.
    pub nodes: Vec<Node>,
    /// The total cost under the query's [`Cost`].
    pub cost: f64,
}

impl Path {
    /// Number of ties on the path (nodes minus one).
    pub fn hops(&self) -> usize {
        self.nodes.len().saturating_sub(1)
    }

    /// The product of the ties' weights (1 for a one-node path); `None` if
    /// two consecutive nodes are not tied in `graph`.
    pub fn strength(&self, graph: &Snapshot) -> Option<f64> {
        self.nodes.windows(2).try_fold(1.0, |acc, w| graph.edge_weight(w[0], w[1]).map(|x| acc * x))
    }

    /// The nodes' string ids, in path order.
    ///
    /// # Panics
    ///
    /// If a node is not in `graph` (the path came from another graph).
    pub fn ids<'g>(&self, graph: &'g Snapshot) -> Vec<&'g str> {
        self.nodes.iter().map(|&v| graph.id(v)).collect()
    }

    /// The documented ranking of paths: by cost, then fewer hops, then the
    /// node sequence read from the target back to the source, compared by
    /// node number.
    pub(crate) fn rank(&self, other: &Path) -> Ordering {
        self.cost
            .total_cmp(&other.cost)
            .then(self.nodes.len().cmp(&other.nodes.len()))
            .then_with(|| self.nodes.iter().rev().cmp(other.nodes.iter().rev()))
    }
}

/// A heap entry: a tentative label `(cost, hops)` of `node`. The hop-limited
/// search, which keeps several labels per node, carries the predecessor
/// `pred` and its settled label `parent` in the entry; the other searches
/// keep them per node (`NONE` here).
#[derive(Debug, Clone, Copy)]
struct Entry {
    cost: f64,
    hops: u32,
    node: Node,
    pred: Node,
    parent: u32,
}

impl Entry {
    fn key(&self, other: &Self) -> Ordering {
        self.cost
            .total_cmp(&other.cost)
            .then(self.hops.cmp(&other.hops))
            .then(self.node.cmp(&other.node))
            .then(self.pred.cmp(&other.pred))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.key(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// Reversed, so that `BinaryHeap` pops the smallest key first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key(self)
    }
}

/// A settled label: `node` reached at `cost` from the settled label `parent`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label {
    node: Node,
    cost: f64,
    parent: u32,
}

/// A reusable path-search workspace bound to one snapshot.
///
/// It holds the per-node arrays of Dijkstra's algorithm for both search
/// directions (tentative costs, hop counts and parents, settled labels,
/// flags), allocated once when the finder is made, and the tie costs of each
/// [`Cost`], computed the first time that cost is asked for. A query resets
/// only the entries it touched, so after the first query its cost is
/// proportional to the part of the graph it explored, never to the whole
/// graph. Keep one finder per thread and query it many times.
///
/// # Search
///
/// Every search orders labels `(cost, hops)` lexicographically, so of two
/// paths of equal cost the one with fewer hops wins.
///
/// - A single pair without a hop limit ([`best`](Self::best), and the spur
///   searches of [`k_best`](Self::k_best)) runs by default bidirectional
///   Dijkstra ([`Search::Bidirectional`]): from the source forwards and from
///   the target backwards (along in-arcs in a directed graph), always
///   extending the side with fewer queued labels, and stopping when the
///   smallest queued labels of the two sides add up to no less than the best
///   meeting found (Goldberg and Harrelson's criterion). On small-world graphs
///   it settles a small fraction of what one-sided search does.
/// - [`Search::Forward`], many targets ([`best_many`](Self::best_many)) and
///   hop limits run Dijkstra from the source(s), stopping as soon as every
///   target is settled.
/// - With [`PathOptions::max_hops`] the forward search is exact
///   label-setting over `(node, hops)`: a node accepts a new label only if it
///   has fewer hops than every label it already has (labels pop in
///   increasing cost, so it is not dominated), at most `max_hops + 1` labels
///   per node; labels at `max_hops` are not extended, and only targets get
///   one. Cyclic walks are never accepted (the walk without its cycle is
///   cheaper or has fewer hops).
///
/// # Ties
///
/// Paths are ranked by cost, then fewer hops, then the node sequence read
/// from the target back to the source, compared by node number (of two equal
/// paths into the target, the one whose last intermediate node has the
/// smaller number wins). [`k_best`](Self::k_best) returns its paths in this
/// order. Forward searches return the first path of this ranking; the
/// bidirectional search returns a path of the least cost and, among those,
/// the fewest hops, chosen deterministically (same graph and query, same
/// path) but not always the first by node sequence. Use
/// [`Search::Forward`] where that last rule matters.
///
/// # Complexity
///
/// One query: O((E' + V') log V') time for the V' nodes and E' ties explored
/// (times `max_hops + 1` with a hop limit). Memory: O(V + E) for the finder,
/// allocated once.
///
/// # Examples
///
/// ```
/// use salesnet::graph::{Cost, SnapshotBuilder};
/// use salesnet::paths::{PathFinder, PathOptions};
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("ann", "bob", 0.5)?;
/// b.add_edge("bob", "cid", 0.5)?;
/// b.add_edge("ann", "cid", 0.2)?;
/// let g = b.build();
/// let (ann, cid) = (g.require("ann")?, g.require("cid")?);
/// let mut finder = PathFinder::new(&g);
/// let best = finder.best(ann, cid, &PathOptions::new().cost(Cost::Inverse))?.unwrap();
/// assert_eq!(best.ids(&g), ["ann", "bob", "cid"]);
/// assert_eq!(best.cost, 4.0);
/// let two = finder.k_best(ann, cid, &PathOptions::new().k(2))?;
/// assert_eq!(two.iter().map(|p| p.cost).collect::<Vec<_>>(), [4.0, 5.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PathFinder<'g> {
    pub(crate) graph: &'g Snapshot,
    /// Arc costs per [`Cost`] (indexed by [`cost_slot`]), made on first
    /// use; shared by the finders [`forked`](PathFinder::fork) from one another.
    arcs: [Option<Arc<ArcCosts<'g>>>; 3],
    fwd: Side,
    bwd: Side,
    /// Fewest hops among a node's settled labels (hop-limited search).
    min_hops: Vec<u32>,
    flags: Vec<u8>,
    touched: Vec<Node>,
    flagged: Vec<Node>,
    labels: Vec<Label>,
    /// Arcs `from -> head` that a search may not use (Yen's spur restriction).
    pub(crate) banned_from: Node,
    pub(crate) banned_heads: Vec<Node>,
    /// The targets' neighbors carry [`NEAR`]: a hop-limited search then
    /// makes no label one hop short of the limit elsewhere.
    near: bool,
}

/// One search direction's state of one node, in one place (a query
/// touches all of it at once: one cache line instead of four arrays).
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Tentative cost (infinite: none).
    cost: f64,
    /// Tentative hops (`u32::MAX`: no tentative label).
    hops: u32,
    /// Settled label of the tentative label's predecessor.
    parent: u32,
    /// First settled label of the node.
    first: u32,
}

const EMPTY: Slot = Slot { cost: f64::INFINITY, hops: u32::MAX, parent: NONE, first: NONE };

/// One search direction's per-node state.
#[derive(Debug, Clone)]
struct Side {
    at: Vec<Slot>,
    /// Labels of the forward search (hop-limited and many-target).
    heap: BinaryHeap<Entry>,
    /// Labels of the bidirectional search, packed by [`packed`].
    keys: BinaryHeap<Reverse<u128>>,
}

impl Side {
    fn new(n: usize) -> Self {
        Self { at: vec![EMPTY; n], heap: BinaryHeap::new(), keys: BinaryHeap::new() }
    }

    fn reset(&mut self, v: usize) {
        self.at[v] = EMPTY;
    }

    fn has_tentative(&self, v: usize) -> bool {
        self.at[v].hops != u32::MAX
    }

    fn clear_heaps(&mut self) {
        self.heap.clear();
        self.keys.clear();
    }
}

/// A bidirectional label `(cost, hops, node)` as one integer ordered like
/// [`Entry::key`]: costs are never negative (and never `-0.0`), and the
/// bits of non-negative floats order as the floats do under `total_cmp`.
fn packed(cost: f64, hops: u32, node: Node) -> u128 {
    (u128::from(cost.to_bits()) << 64) | (u128::from(hops) << 32) | u128::from(node)
}

/// The `(cost, hops, node)` of a [`packed`] label.
fn unpacked(key: u128) -> (f64, u32, Node) {
    (f64::from_bits((key >> 64) as u64), (key >> 32) as u32, key as u32)
}

/// One search's parameters, resolved from [`PathOptions`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Query {
    pub(crate) cost: Cost,
    pub(crate) max_hops: Option<u32>,
    pub(crate) min_weight: f64,
    pub(crate) search: Search,
}

/// How a single-pair query searches; see [`PathFinder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Search {
    /// From both ends at once (single pairs without a hop limit; others search forward).
    #[default]
    Bidirectional,
    /// From the source only: slower on large graphs, and among equal-cost,
    /// equal-hop paths always the first by the documented node-sequence rule.
    Forward,
}

/// `a + b < c` for `(cost, hops)` labels, lexicographically.
fn sum_below(a: (f64, u32), b: (f64, u32), c: (f64, u32)) -> bool {
    let sum = (a.0 + b.0, a.1.saturating_add(b.1));
    sum.0.total_cmp(&c.0).then(sum.1.cmp(&c.1)) == Ordering::Less
}

impl<'g> PathFinder<'g> {
    /// A workspace for paths in `graph`.
    ///
    /// # Complexity
    ///
    /// O(V) time and memory.
    pub fn new(graph: &'g Snapshot) -> Self {
        let n = graph.node_count();
        Self {
            graph,
            arcs: [None, None, None],
            fwd: Side::new(n),
            bwd: Side::new(n),
            min_hops: vec![u32::MAX; n],
            flags: vec![0; n],
            touched: Vec::new(),
            flagged: Vec::new(),
            labels: Vec::new(),
            banned_from: NONE,
            banned_heads: Vec::new(),
            near: false,
        }
    }

    /// A fresh workspace for the same graph that shares this one's arc
    /// costs (those computed so far): a worker's finder without the O(E)
    /// cost of filling them again. No search state is shared.
    ///
    /// # Complexity
    ///
    /// O(V) time and memory.
    pub(crate) fn fork(&self) -> Self {
        Self { arcs: self.arcs.clone(), ..Self::new(self.graph) }
    }

    /// Fills the arc costs under `cost` now (see [`fork`](Self::fork)).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for [`Cost::NegLog`] on a graph with a weight above 1.
    pub(crate) fn prepare_costs(&mut self, cost: Cost) -> Result<()> {
        self.costs(cost)
    }

    /// The snapshot this finder searches.
    pub fn graph(&self) -> &'g Snapshot {
        self.graph
    }

    /// The best path from `from` to `to`: of the least cost, then the fewest
    /// hops (see [`PathFinder`] for the search and the rule among equal
    /// paths). `options.k` is ignored.
    ///
    /// # Returns
    ///
    /// `Ok(None)` if no path satisfies the options; a one-node path of cost
    /// 0 if `from == to`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a node outside the graph, a NaN minimum
    /// weight, or [`Cost::NegLog`] on a graph with a weight above 1.
    ///
    /// # Complexity
    ///
    /// See [`PathFinder`]: proportional to the part explored, never O(V).
    pub fn best(&mut self, from: Node, to: Node, options: &PathOptions) -> Result<Option<Path>> {
        let query = self.prepare(options, &[from], &[to])?;
        let path = self.pair(from, to, &query);
        self.reset();
        Ok(path)
    }

    /// The best path from `from` to `to` after [`prepare`](Self::prepare)
    /// (and any extra blocking); the caller resets.
    pub(crate) fn pair(&mut self, from: Node, to: Node, query: &Query) -> Option<Path> {
        if from != to && query.max_hops.is_none() && query.search == Search::Bidirectional {
            return self.bidirectional(from, to, query);
        }
        self.mark_targets(&[to]);
        self.search(&[from], query, 1);
        self.label_of(to).map(|l| self.path_of(l))
    }

    /// The best path to each target from whichever source reaches it best,
    /// in one multi-source search.
    ///
    /// # Arguments
    ///
    /// * `sources`: where paths may start (e.g. every customer contact).
    /// * `targets`: where paths must end (e.g. every decision maker of an account).
    ///
    /// # Returns
    ///
    /// One entry per target, in the order given: the first path, in the
    /// ranking of [`PathFinder`], from any source, or `None` if no source
    /// reaches it. A target that is also a source gets its one-node path.
    /// Paths never pass through another source.
    ///
    /// # Errors
    ///
    /// As [`best`](Self::best).
    ///
    /// # Complexity
    ///
    /// One forward Dijkstra search, stopped when the last target is settled.
    pub fn best_many(
        &mut self,
        sources: &[Node],
        targets: &[Node],
        options: &PathOptions,
    ) -> Result<Vec<Option<Path>>> {
        let query = self.prepare(options, sources, targets)?;
        let distinct = self.mark_targets(targets);
        if query.max_hops.is_some_and(|h| h >= 2) {
            // A label one hop short of the limit only matters on a target or
            // next to one (it can be extended to targets alone), so the
            // others are never made: the same labels on targets, fewer heap
            // entries (most of a hop-limited ball is its last two layers).
            let graph = self.graph;
            for &t in targets {
                for &x in graph.neighbors(t) {
                    self.flag(x, NEAR);
                }
                if let Some(inc) = graph.is_directed().then(|| graph.in_neighbors(t)) {
                    for &x in inc {
                        self.flag(x, NEAR);
                    }
                }
            }
            self.near = true;
        }
        self.search(sources, &query, distinct);
        let paths = targets.iter().map(|&t| self.label_of(t).map(|l| self.path_of(l))).collect();
        self.reset();
        Ok(paths)
    }

    /// Checks the query, fills the cost cache and flags the avoided nodes.
    pub(crate) fn prepare(&mut self, options: &PathOptions, sources: &[Node], targets: &[Node]) -> Result<Query> {
        let n = self.graph.node_count();
        if let Some(&bad) = sources.iter().chain(targets).chain(&options.avoid).find(|&&v| v as usize >= n) {
            return Err(Error::InvalidArgument {
                name: "node",
                reason: format!("node {bad} is not in a graph of {n} nodes"),
            });
        }
        if options.min_weight.is_nan() {
            return Err(Error::InvalidArgument { name: "min_weight", reason: "NaN is not a weight".into() });
        }
        self.costs(options.cost)?;
        for &v in &options.avoid {
            self.flag(v, BLOCKED);
        }
        Ok(Query {
            cost: options.cost,
            max_hops: options.hop_limit(),
            min_weight: options.min_weight,
            search: options.search,
        })
    }

    /// Arc costs under `cost`, computed once per finder.
    fn costs(&mut self, cost: Cost) -> Result<()> {
        let slot = &mut self.arcs[cost_slot(cost)];
        if slot.is_none() {
            *slot = Some(Arc::new(ArcCosts::new(self.graph, cost)?));
        }
        Ok(())
    }

    fn flag(&mut self, v: Node, flag: u8) -> bool {
        let f = &mut self.flags[v as usize];
        if *f == 0 {
            self.flagged.push(v);
        }
        let new = *f & flag == 0;
        *f |= flag;
        new
    }

    pub(crate) fn block(&mut self, v: Node) {
        self.flag(v, BLOCKED);
    }

    /// Flags the targets; returns how many distinct ones there are.
    fn mark_targets(&mut self, targets: &[Node]) -> usize {
        targets.iter().filter(|&&t| self.flag(t, TARGET)).count()
    }

    /// The first (best) forward label of `v` after a search.
    fn label_of(&self, v: Node) -> Option<u32> {
        let l = self.fwd.at[v as usize].first;
        (l != NONE).then_some(l)
    }

    /// The nodes of a label's chain, from its root to the label's node.
    fn chain(&self, label: u32) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut l = label;
        while l != NONE {
            let lab = self.labels[l as usize];
            nodes.push(lab.node);
            l = lab.parent;
        }
        nodes.reverse();
        nodes
    }

    /// The path of a settled forward label.
    fn path_of(&self, label: u32) -> Path {
        Path { nodes: self.chain(label), cost: self.labels[label as usize].cost }
    }

    /// Clears everything the last search touched.
    pub(crate) fn reset(&mut self) {
        for &v in &self.touched {
            let v = v as usize;
            self.fwd.reset(v);
            self.bwd.reset(v);
            self.min_hops[v] = u32::MAX;
        }
        self.touched.clear();
        for &v in &self.flagged {
            self.flags[v as usize] = 0;
        }
        self.flagged.clear();
        self.labels.clear();
        self.fwd.clear_heaps();
        self.bwd.clear_heaps();
        self.banned_from = NONE;
        self.banned_heads.clear();
        self.near = false;
    }

    /// Clears one search's state but keeps the blocked and avoided nodes,
    /// for a run of searches toward the same `target` (Yen's spurs).
    pub(crate) fn reset_search(&mut self, target: Node) {
        for &v in &self.touched {
            let v = v as usize;
            self.fwd.reset(v);
            self.bwd.reset(v);
            self.min_hops[v] = u32::MAX;
        }
        self.touched.clear();
        self.flags[target as usize] &= !TARGET;
        self.labels.clear();
        self.fwd.clear_heaps();
        self.bwd.clear_heaps();
        self.banned_from = NONE;
        self.banned_heads.clear();
    }

    /// The cost of the arc `u -> v` under `cost`, if it exists and is usable.
    fn arc_cost(&self, cost: Cost, u: Node, v: Node) -> Option<f64> {
        self.arcs[cost_slot(cost)].as_ref()?.arc(u, v)
    }

    /// The cost of a node sequence, summed in path order from the source.
    pub(crate) fn path_cost(&self, cost: Cost, nodes: &[Node]) -> Option<f64> {
        nodes.windows(2).try_fold(0.0, |acc, w| self.arc_cost(cost, w[0], w[1]).map(|c| acc + c))
    }

    /// Forward Dijkstra / label-setting from `sources` until `targets`
    /// flagged targets are settled.
    fn search(&mut self, sources: &[Node], query: &Query, targets: usize) {
        let Self { graph, arcs, fwd, min_hops, flags, touched, labels, banned_from, banned_heads, near, .. } = self;
        let near = *near;
        let Some(arcs) = arcs[cost_slot(query.cost)].as_ref() else {
            return;
        };
        let limited = query.max_hops.is_some();
        let limit = query.max_hops.unwrap_or(u32::MAX - 1);
        for &s in sources {
            let su = s as usize;
            if !fwd.has_tentative(su) {
                touched.push(s);
            }
            fwd.at[su].cost = 0.0;
            fwd.at[su].hops = 0;
            fwd.heap.push(Entry { cost: 0.0, hops: 0, node: s, pred: NONE, parent: NONE });
        }
        let mut remaining = targets;
        while let Some(e) = fwd.heap.pop() {
            let v = e.node as usize;
            let parent = if limited {
                if fwd.at[v].first != NONE && min_hops[v] <= e.hops {
                    continue;
                }
                e.parent
            } else {
                // Stale: settled, or superseded by a better label.
                if fwd.at[v].first != NONE
                    || e.cost.total_cmp(&fwd.at[v].cost).then(e.hops.cmp(&fwd.at[v].hops)).is_ne()
                {
                    continue;
                }
                fwd.at[v].parent
            };
            let li = labels.len() as u32;
            labels.push(Label { node: e.node, cost: e.cost, parent });
            min_hops[v] = e.hops;
            if fwd.at[v].first == NONE {
                if !fwd.has_tentative(v) {
                    touched.push(e.node);
                }
                fwd.at[v].first = li;
                if flags[v] & TARGET != 0 {
                    remaining -= 1;
                    if remaining == 0 {
                        break;
                    }
                }
            }
            if e.hops >= limit || (e.hops > 0 && flags[v] & BLOCKED != 0) {
                continue;
            }
            let nh = e.hops + 1;
            let costs = arcs.out_costs(e.node);
            let banned = *banned_from == e.node;
            for (i, (x, w)) in graph.weighted_neighbors(e.node).enumerate() {
                let c = costs[i];
                let xu = x as usize;
                if c == f64::INFINITY
                    || w < query.min_weight
                    || flags[xu] & (BLOCKED | TARGET) == BLOCKED
                    || (banned && banned_heads.contains(&x))
                {
                    continue;
                }
                let nd = e.cost + c;
                if limited {
                    if fwd.at[xu].first != NONE && min_hops[xu] <= nh {
                        continue;
                    }
                    // A label at the hop limit is never extended: it only
                    // matters on a target (most of a hop-limited ball is
                    // its last layer, so this spares most heap entries).
                    if nh >= limit && flags[xu] & TARGET == 0 {
                        continue;
                    }
                    // Likewise one hop short of it, away from every target.
                    if near && nh + 1 == limit && flags[xu] & (TARGET | NEAR) == 0 {
                        continue;
                    }
                    fwd.heap.push(Entry { cost: nd, hops: nh, node: x, pred: e.node, parent: li });
                    continue;
                }
                if fwd.at[xu].first != NONE {
                    continue;
                }
                match nd.total_cmp(&fwd.at[xu].cost).then(nh.cmp(&fwd.at[xu].hops)) {
                    Ordering::Greater => {}
                    Ordering::Equal => {
                        // A tie: the smaller predecessor wins (no new heap entry needed).
                        let old = fwd.at[xu].parent;
                        if old == NONE || e.node < labels[old as usize].node {
                            fwd.at[xu].parent = li;
                        }
                    }
                    Ordering::Less => {
                        if !fwd.has_tentative(xu) {
                            touched.push(x);
                        }
                        fwd.at[xu].cost = nd;
                        fwd.at[xu].hops = nh;
                        fwd.at[xu].parent = li;
                        fwd.heap.push(Entry { cost: nd, hops: nh, node: x, pred: NONE, parent: NONE });
                    }
                }
            }
        }
    }

    /// Bidirectional Dijkstra between `s != t` (no hop limit).
    fn bidirectional(&mut self, s: Node, t: Node, query: &Query) -> Option<Path> {
        let Self { graph, arcs, fwd, bwd, flags, touched, labels, banned_from, banned_heads, .. } = self;
        let arcs = arcs[cost_slot(query.cost)].as_ref()?;
        for (side, v) in [(&mut *fwd, s), (&mut *bwd, t)] {
            let vu = v as usize;
            side.at[vu].cost = 0.0;
            side.at[vu].hops = 0;
            side.keys.push(Reverse(packed(0.0, 0, v)));
        }
        touched.extend([s, t]);
        let mut best = (f64::INFINITY, u32::MAX);
        let mut meet = NONE;
        let (mut parked_f, mut parked_b) = (0_usize, 0_usize);
        while let (Some(&Reverse(top_f)), Some(&Reverse(top_b))) = (fwd.keys.peek(), bwd.keys.peek()) {
            let (top_f, top_b) = (unpacked(top_f), unpacked(top_b));
            if !sum_below((top_f.0, top_f.1), (top_b.0, top_b.1), best) {
                break;
            }
            let forward = fwd.keys.len() + parked_f <= bwd.keys.len() + parked_b;
            let (this, other, parked, start, end) =
                if forward { (&mut *fwd, &*bwd, &mut parked_f, s, t) } else { (&mut *bwd, &*fwd, &mut parked_b, t, s) };
            let Some(Reverse(key)) = this.keys.pop() else { break };
            let (cost, hops, node) = unpacked(key);
            let e = Entry { cost, hops, node, pred: NONE, parent: NONE };
            let v = e.node as usize;
            if this.at[v].first != NONE || e.cost.total_cmp(&this.at[v].cost).then(e.hops.cmp(&this.at[v].hops)).is_ne()
            {
                continue;
            }
            let li = labels.len() as u32;
            labels.push(Label { node: e.node, cost: e.cost, parent: this.at[v].parent });
            this.at[v].first = li;
            if e.node != start && flags[v] & BLOCKED != 0 {
                continue;
            }
            let nh = e.hops + 1;
            // A label whose cost plus the other side's smallest queued cost
            // exceeds the best meeting is recorded but not queued: the search
            // would stop before popping it (both sides' smallest keys only
            // grow, the best meeting only shrinks), so it is counted as queued
            // (`parked`) for the choice of side, and every label, meeting and
            // step is the one of the search that queues it.
            let other_top = other.keys.peek().map_or(f64::INFINITY, |&Reverse(k)| unpacked(k).0);
            let costs = if forward { arcs.out_costs(e.node) } else { arcs.in_costs(e.node) };
            let mut relax = |i: usize, x: Node, w: f64| {
                let c = costs[i];
                let xu = x as usize;
                let (tail, head) = if forward { (e.node, x) } else { (x, e.node) };
                if c == f64::INFINITY
                    || w < query.min_weight
                    || (x != end && flags[xu] & BLOCKED != 0)
                    || (tail == *banned_from && banned_heads.contains(&head))
                    || this.at[xu].first != NONE
                {
                    return;
                }
                let nd = e.cost + c;
                let slot = &mut this.at[xu];
                match nd.total_cmp(&slot.cost).then(nh.cmp(&slot.hops)) {
                    Ordering::Greater => return,
                    Ordering::Equal => {
                        let old = slot.parent;
                        if old == NONE || e.node < labels[old as usize].node {
                            slot.parent = li;
                        }
                        return;
                    }
                    Ordering::Less => {
                        let fresh = slot.hops == u32::MAX;
                        slot.cost = nd;
                        slot.hops = nh;
                        slot.parent = li;
                        if fresh && !other.has_tentative(xu) {
                            touched.push(x);
                        }
                        if nd + other_top > best.0 {
                            *parked += 1;
                        } else {
                            this.keys.push(Reverse(packed(nd, nh, x)));
                        }
                    }
                }
                let o = other.at[xu];
                if o.hops != u32::MAX && sum_below((nd, nh), (o.cost, o.hops), best) {
                    best = (nd + o.cost, nh + o.hops);
                    meet = x;
                }
            };
            if query.min_weight <= 0.0 {
                // Weights are never negative: no tie is below the minimum.
                let heads = if forward { graph.neighbors(e.node) } else { graph.in_neighbors(e.node) };
                for (i, &x) in heads.iter().enumerate() {
                    relax(i, x, 1.0);
                }
            } else if forward {
                for (i, (x, w)) in graph.weighted_neighbors(e.node).enumerate() {
                    relax(i, x, w);
                }
            } else {
                for (i, (x, w)) in graph.weighted_in_neighbors(e.node).enumerate() {
                    relax(i, x, w);
                }
            }
        }
        if meet == NONE {
            return None;
        }
        let m = meet as usize;
        let mut nodes = if fwd.at[m].parent == NONE { Vec::new() } else { self.chain(self.fwd.at[m].parent) };
        nodes.push(meet);
        let mut l = self.bwd.at[m].parent;
        while l != NONE {
            let lab = self.labels[l as usize];
            nodes.push(lab.node);
            l = lab.parent;
        }
        let cost = self.path_cost(query.cost, &nodes)?;
        Some(Path { nodes, cost })
    }
}

fn cost_slot(cost: Cost) -> usize {
    match cost {
        Cost::Hops => 0,
        Cost::Inverse => 1,
        Cost::NegLog => 2,
    }
}

/// The best path between two nodes named by id; see [`PathFinder::best`].
///
/// Makes a fresh [`PathFinder`]; keep one yourself for many queries.
///
/// # Errors
///
/// [`Error::UnknownNode`] for an id not in the graph, and the errors of [`PathFinder::best`].
///
/// # Examples
///
/// ```
/// use salesnet::graph::{Cost, SnapshotBuilder};
/// use salesnet::paths::{PathOptions, best_path};
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 0.9)?;
/// b.add_edge("b", "c", 0.9)?;
/// b.add_edge("a", "c", 0.5)?;
/// let g = b.build();
/// // The likeliest chain: 0.9 * 0.9 = 0.81 beats the direct 0.5.
/// let p = best_path(&g, "a", "c", &PathOptions::new().cost(Cost::NegLog))?.unwrap();
/// assert_eq!(p.ids(&g), ["a", "b", "c"]);
/// assert!((p.strength(&g).unwrap() - 0.81).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn best_path(graph: &Snapshot, from: &str, to: &str, options: &PathOptions) -> Result<Option<Path>> {
    let (from, to) = (graph.require(from)?, graph.require(to)?);
    PathFinder::new(graph).best(from, to, options)
}

/// Up to `options.k` best loopless paths between two nodes named by id, best
/// first; see [`PathFinder::k_best`].
///
/// # Errors
///
/// [`Error::UnknownNode`] for an id not in the graph, and the errors of [`PathFinder::best`].
pub fn k_best_paths(graph: &Snapshot, from: &str, to: &str, options: &PathOptions) -> Result<Vec<Path>> {
    let (from, to) = (graph.require(from)?, graph.require(to)?);
    PathFinder::new(graph).k_best(from, to, options)
}

/// The best path to each target from its best source, nodes named by id;
/// see [`PathFinder::best_many`].
///
/// # Errors
///
/// [`Error::UnknownNode`] for an id not in the graph, and the errors of [`PathFinder::best`].
pub fn best_paths_many(
    graph: &Snapshot,
    sources: &[&str],
    targets: &[&str],
    options: &PathOptions,
) -> Result<Vec<Option<Path>>> {
    let index = graph.index();
    let look = |id: &&str| index.get(id).ok_or_else(|| Error::UnknownNode { id: id.to_string() });
    let sources = sources.iter().map(look).collect::<Result<Vec<_>>>()?;
    let targets = targets.iter().map(look).collect::<Result<Vec<_>>>()?;
    PathFinder::new(graph).best_many(&sources, &targets, options)
}
