//! Layer 2: the compact, immutable analysis snapshot every measure runs on.
//!
//! A [`Snapshot`] is a graph in compressed sparse row (CSR) form: one
//! contiguous array of `u32` neighbour ids, sorted within each node, with a
//! parallel array of `f64` weights. Nodes are numbered `0..n` in order of
//! first appearance and keep their string ids, so results map back to
//! contacts. Build one from a portfolio view as of a date ([`AsOf::snapshot`](crate::AsOf::snapshot),
//! a [`ViewSnapshot`] that keeps the map back to contacts), from
//! any petgraph graph ([`Snapshot::from_petgraph`]) or from an edge list
//! ([`SnapshotBuilder`], [`crate::io::read_edge_list`]).
//!
//! # Memory
//!
//! An undirected weighted snapshot stores each edge twice, once per
//! direction: 2 x (4 + 8) = 24 bytes per edge, plus one 4-byte offset per
//! node; the ids are one text buffer with a 4-byte end offset per node
//! ([`Ids`]): 8 bytes per node plus the id text. Unweighted snapshots skip
//! the weights (8 bytes per edge). Directed snapshots store out- and in-arcs.
//! Offsets are `u32`: a snapshot holds fewer than 2^32 arcs and 4 GiB of id
//! text.

mod adjacency;
mod cost;
mod par;
mod subgraph;
mod view;

use std::collections::HashMap;

use petgraph::EdgeType;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, IntoNodeIdentifiers, NodeIndexable};

use crate::error::{Error, Result};

pub(crate) use adjacency::intersection_count;
pub(crate) use cost::ArcCosts;
pub use cost::{Cost, Weighting};
pub use par::{Parallelism, max_threads};
pub(crate) use par::{fold_chunks, fold_chunks_overlapped, join, map_nodes_with, map_per_thread};
pub(crate) use view::ViewParts;
pub use view::{Ties, ViewSnapshot};

/// An index from a [`Snapshot`]'s ids to its nodes ([`Snapshot::index`]).
#[derive(Debug, Clone)]
pub struct IdIndex<'a>(HashMap<&'a str, Node>);

impl IdIndex<'_> {
    /// The node with this id.
    pub fn get(&self, id: &str) -> Option<Node> {
        self.0.get(id).copied()
    }

    /// Whether a node has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }
}

/// A node of a [`Snapshot`]: its position `0..n`.
pub type Node = u32;

/// One direction of adjacency in CSR form.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Csr {
    /// `offsets[v]..offsets[v + 1]` indexes `targets` (and `weights`) for node `v`.
    offsets: Vec<u32>,
    targets: Vec<Node>,
    /// Parallel to `targets`; absent for unweighted graphs.
    weights: Option<Vec<f64>>,
}

/// Which ends of each arc a [`Csr`] lists a node's neighbours by.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ends {
    /// `(u, v)` lists `v` under `u`.
    Forward,
    /// `(u, v)` lists `u` under `v`.
    Backward,
    /// Both (an undirected edge).
    Both,
}

impl Csr {
    /// The CSR of `arcs` (the blocks one after the other): each node's
    /// neighbours in increasing order (equal neighbours by weight), the same
    /// for any thread count.
    ///
    /// Complexity: O(V + E) to count and place the arcs (with `rayon`, up to
    /// four parts of the rows placed in parallel, each reading every arc), then
    /// each node's row sorted (O(d log d) for degree d; rows in parallel).
    pub(crate) fn from_arcs(n: usize, blocks: &[Vec<(Node, Node, f64)>], ends: Ends, weighted: bool) -> Self {
        let arcs = || blocks.iter().flatten();
        let count: usize = blocks.iter().map(Vec::len).sum();
        let total = if ends == Ends::Both { 2 * count } else { count };
        assert!(u32::try_from(total).is_ok(), "a snapshot holds fewer than 2^32 arcs");
        let mut offsets = vec![0u32; n + 1];
        for &(u, v, _) in arcs() {
            match ends {
                Ends::Forward => offsets[u as usize + 1] += 1,
                Ends::Backward => offsets[v as usize + 1] += 1,
                Ends::Both => {
                    offsets[u as usize + 1] += 1;
                    offsets[v as usize + 1] += 1;
                }
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut targets: Vec<Node> = vec![0; total];
        let mut weights: Vec<f64> = if weighted { vec![0.0; total] } else { Vec::new() };
        // The rows cut into parts of about equal arcs; each part reads every
        // arc and places those of its own rows, in arc order (parts in
        // parallel with `rayon`): the rows are those of one pass, whatever
        // the number of parts.
        #[cfg(feature = "rayon")]
        let parts = if total < 1 << 16 { 1 } else { rayon::current_num_threads().clamp(1, 4) };
        #[cfg(not(feature = "rayon"))]
        let parts = 1;
        let mut cuts: Vec<usize> =
            (0..=parts).map(|k| offsets.partition_point(|&o| (o as usize) * parts < k * total).min(n)).collect();
        cuts[0] = 0;
        cuts[parts] = n;
        let mut jobs = Vec::with_capacity(parts);
        let (mut rest, mut rest_w) = (&mut targets[..], &mut weights[..]);
        for k in 0..parts {
            let (lo, hi) = (cuts[k], cuts[k + 1].max(cuts[k]));
            let len = (offsets[hi] - offsets[lo]) as usize;
            let (t, tail) = std::mem::take(&mut rest).split_at_mut(len);
            rest = tail;
            let (w, tail_w) = std::mem::take(&mut rest_w).split_at_mut(if weighted { len } else { 0 });
            rest_w = tail_w;
            jobs.push((lo, hi, t, w));
        }
        let place_part = |(lo, hi, t, w): (usize, usize, &mut [Node], &mut [f64])| {
            let base = offsets[lo];
            let mut next: Vec<u32> = offsets[lo..hi].iter().map(|&o| o - base).collect();
            let mut place = |from: Node, to: Node, weight: f64| {
                let from = from as usize;
                if from < lo || from >= hi {
                    return;
                }
                let at = &mut next[from - lo];
                t[*at as usize] = to;
                if weighted {
                    w[*at as usize] = weight;
                }
                *at += 1;
            };
            for &(u, v, weight) in arcs() {
                match ends {
                    Ends::Forward => place(u, v, weight),
                    Ends::Backward => place(v, u, weight),
                    Ends::Both => {
                        place(u, v, weight);
                        place(v, u, weight);
                    }
                }
            }
        };
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            jobs.into_par_iter().for_each(place_part);
        }
        #[cfg(not(feature = "rayon"))]
        jobs.into_iter().for_each(place_part);
        sort_rows(&offsets, &mut targets, weighted.then_some(&mut weights[..]));
        let weights = weighted.then_some(weights);
        Csr { offsets, targets, weights }
    }

    #[inline]
    fn range(&self, v: Node) -> std::ops::Range<usize> {
        self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize
    }

    /// The neighbours listed under `v`, in increasing order.
    #[inline]
    pub(crate) fn row(&self, v: Node) -> &[Node] {
        &self.targets[self.range(v)]
    }
}

/// Sorts each row `offsets[v]..offsets[v + 1]` of `targets` (and `weights`
/// with it) by neighbour, then weight: a total order, so the result does not
/// depend on how the rows are shared between threads.
fn sort_rows(offsets: &[u32], targets: &mut [Node], weights: Option<&mut [f64]>) {
    type Row<'r> = (&'r mut [Node], Option<&'r mut [f64]>);
    /// A row's keys (neighbour, then place in the row) and a copy of its weights.
    #[derive(Default)]
    struct Buffers {
        keys: Vec<u64>,
        weights: Vec<f64>,
        pairs: Vec<(Node, f64)>,
    }
    fn sort_row(row: &mut Row<'_>, buffers: &mut Buffers) {
        let (targets, weights) = row;
        if targets.len() < 2 || targets.is_sorted_by(|a, b| a < b) {
            return;
        }
        let Some(weights) = weights else {
            targets.sort_unstable();
            return;
        };
        // Sorted as plain integers: the neighbour in the high half, the place
        // in the row (below 2^32: a snapshot holds fewer arcs) in the low.
        let keys = &mut buffers.keys;
        keys.clear();
        keys.extend(targets.iter().enumerate().map(|(i, &t)| (u64::from(t) << 32) | i as u64));
        keys.sort_unstable();
        if keys.windows(2).all(|k| k[0] >> 32 != k[1] >> 32) {
            // Distinct neighbours (every valid snapshot): the order is the neighbours'.
            buffers.weights.clear();
            buffers.weights.extend_from_slice(weights);
            for (i, &k) in keys.iter().enumerate() {
                targets[i] = (k >> 32) as Node;
                weights[i] = buffers.weights[(k & u64::from(u32::MAX)) as usize];
            }
        } else {
            // A neighbour listed twice: equal neighbours by weight.
            let pairs = &mut buffers.pairs;
            pairs.clear();
            pairs.extend(targets.iter().copied().zip(weights.iter().copied()));
            pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            for (i, &(v, w)) in pairs.iter().enumerate() {
                targets[i] = v;
                weights[i] = w;
            }
        }
    }
    let mut rows: Vec<Row<'_>> = Vec::with_capacity(offsets.len().saturating_sub(1));
    let (mut rest, mut rest_w) = (targets, weights);
    for w in offsets.windows(2) {
        let len = (w[1] - w[0]) as usize;
        let (row, tail) = rest.split_at_mut(len);
        rest = tail;
        let row_w = match rest_w.take() {
            Some(ws) => {
                let (row_w, tail_w) = ws.split_at_mut(len);
                rest_w = Some(tail_w);
                Some(row_w)
            }
            None => None,
        };
        rows.push((row, row_w));
    }
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        rows.par_iter_mut().with_min_len(4096).for_each_init(Buffers::default, |buffers, row| sort_row(row, buffers));
    }
    #[cfg(not(feature = "rayon"))]
    {
        let mut buffers = Buffers::default();
        rows.iter_mut().for_each(|row| sort_row(row, &mut buffers));
    }
}

/// The string ids of a [`Snapshot`]'s nodes, by node number: one text buffer
/// and one `u32` end offset per node (4 bytes per node plus the text).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("ann", "bob", 1.0)?;
/// let g = b.build();
/// assert_eq!(g.ids(), ["ann", "bob"]);
/// assert_eq!(&g.ids()[1], "bob");
/// assert_eq!(g.ids().iter().collect::<Vec<_>>(), ["ann", "bob"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Ids {
    text: String,
    /// `ends[v]`: where the id of node `v` ends in `text` (it starts where the previous ends).
    ends: Vec<u32>,
}

impl Ids {
    fn from_strings(ids: Vec<String>) -> Self {
        let total: usize = ids.iter().map(String::len).sum();
        let mut out = Ids { text: String::with_capacity(total), ends: Vec::with_capacity(ids.len()) };
        for id in ids {
            out.push(&id);
        }
        out
    }

    /// Room for `nodes` ids of `bytes` bytes in all.
    pub(crate) fn with_capacity(nodes: usize, bytes: usize) -> Self {
        Ids { text: String::with_capacity(bytes), ends: Vec::with_capacity(nodes) }
    }

    /// Appends the id of the next node.
    ///
    /// # Panics
    ///
    /// When the ids' text would reach 4 GiB (its ends are `u32`).
    pub(crate) fn push(&mut self, id: &str) {
        self.text.push_str(id);
        assert!(u32::try_from(self.text.len()).is_ok(), "a snapshot holds less than 4 GiB of id text");
        self.ends.push(self.text.len() as u32);
    }

    /// Number of ids (nodes).
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no ids.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id of node number `i`, if there is one.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.text[start..end])
    }

    /// Every id, by node number.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        (0..self.len()).map(move |i| &self[i])
    }

    /// Bytes on the heap, by capacity.
    fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * size_of::<u32>()
    }
}

impl std::ops::Index<usize> for Ids {
    type Output = str;

    /// The id of node number `i`.
    ///
    /// # Panics
    ///
    /// If there is no node `i`.
    fn index(&self, i: usize) -> &str {
        self.get(i).unwrap_or_else(|| panic!("no node {i} among {} ids", self.len()))
    }
}

impl std::fmt::Debug for Ids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Ids {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for &Ids {
    fn eq(&self, other: &Vec<S>) -> bool {
        **self == other[..]
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for &Ids {
    fn eq(&self, other: &[S; N]) -> bool {
        **self == other[..]
    }
}

/// A compact, immutable graph for analysis.
///
/// Undirected graphs store every edge in both directions; directed graphs
/// keep out-arcs and in-arcs. Neighbour lists are sorted by node number.
/// Weights are finite and non-negative; an unweighted snapshot reports weight
/// 1 for every edge.
///
/// # Examples
///
/// ```
/// use salesnet::graph::{Snapshot, SnapshotBuilder};
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("ann", "bob", 1.0)?;
/// b.add_edge("bob", "cid", 0.5)?;
/// let g: Snapshot = b.build();
/// assert_eq!(g.node_count(), 3);
/// assert_eq!(g.edge_count(), 2);
/// let bob = g.node("bob").unwrap();
/// assert_eq!(g.degree(bob), 2);
/// assert_eq!(g.id(g.neighbors(bob)[1]), "cid");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    directed: bool,
    ids: Ids,
    out: Csr,
    /// In-arcs, for directed graphs only.
    inc: Option<Csr>,
    edge_count: usize,
}

impl Snapshot {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// Number of edges (undirected) or arcs (directed).
    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// Whether edges have a direction.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Whether edges carry weights (otherwise every weight is 1).
    pub fn is_weighted(&self) -> bool {
        self.out.weights.is_some()
    }

    /// Bytes this snapshot holds on the heap: the CSR arrays (offsets,
    /// neighbour ids, weights; in-arcs too if directed) and the string ids
    /// (one text buffer and a `u32` end per node), counted by capacity.
    ///
    /// An undirected weighted snapshot of `n` nodes and `m` edges holds
    /// `24 m + 4 (n + 1)` bytes of CSR arrays plus `4 n` bytes and the text of the ids.
    ///
    /// # Examples
    ///
    /// ```
    /// use salesnet::graph::SnapshotBuilder;
    ///
    /// let mut b = SnapshotBuilder::undirected();
    /// b.add_edge("a", "b", 0.5)?;
    /// let g = b.build();
    /// // 2 arcs x (4 + 8) bytes, 3 offsets x 4 bytes, 2 ids x (4 + 1) bytes.
    /// assert_eq!(g.heap_bytes(), 24 + 12 + 10);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn heap_bytes(&self) -> usize {
        let csr = |c: &Csr| {
            c.offsets.capacity() * size_of::<u32>()
                + c.targets.capacity() * size_of::<Node>()
                + c.weights.as_ref().map_or(0, |w| w.capacity() * size_of::<f64>())
        };
        csr(&self.out) + self.inc.as_ref().map_or(0, csr) + self.ids.heap_bytes()
    }

    /// All nodes, `0..n`.
    pub fn nodes(&self) -> std::ops::Range<Node> {
        0..self.ids.len() as Node
    }

    /// The string id of a node.
    ///
    /// # Panics
    ///
    /// If `v` is not a node of this snapshot.
    pub fn id(&self, v: Node) -> &str {
        &self.ids[v as usize]
    }

    /// All ids, by node number.
    pub fn ids(&self) -> &Ids {
        &self.ids
    }

    /// The node with this id (a linear scan; build an index with
    /// [`Snapshot::index`] for many look-ups).
    pub fn node(&self, id: &str) -> Option<Node> {
        self.ids.iter().position(|x| x == id).map(|i| i as Node)
    }

    /// An index from id to node, for many look-ups.
    ///
    /// Complexity: O(|V|) time and memory to build, O(1) per look-up.
    pub fn index(&self) -> IdIndex<'_> {
        IdIndex(self.ids.iter().enumerate().map(|(i, id)| (id, i as Node)).collect())
    }

    /// The node with this id, or [`Error::UnknownNode`].
    ///
    /// # Errors
    ///
    /// [`Error::UnknownNode`] if no node has this id.
    pub fn require(&self, id: &str) -> Result<Node> {
        self.node(id).ok_or_else(|| Error::UnknownNode { id: id.to_string() })
    }

    /// Out-neighbours of `v` (all neighbours in an undirected graph), sorted.
    #[inline]
    pub fn neighbors(&self, v: Node) -> &[Node] {
        self.out.row(v)
    }

    /// Weights parallel to [`neighbors`](Self::neighbors); `None` if unweighted.
    #[inline]
    pub fn neighbor_weights(&self, v: Node) -> Option<&[f64]> {
        let r = self.out.range(v);
        self.out.weights.as_ref().map(|w| &w[r])
    }

    /// Out-neighbours of `v` with the weight of each edge (1 if unweighted).
    #[inline]
    pub fn weighted_neighbors(&self, v: Node) -> impl Iterator<Item = (Node, f64)> + '_ {
        weighted(&self.out, v)
    }

    /// In-neighbours of `v` (the neighbours, in an undirected graph), sorted.
    #[inline]
    pub fn in_neighbors(&self, v: Node) -> &[Node] {
        match &self.inc {
            Some(inc) => &inc.targets[inc.range(v)],
            None => self.neighbors(v),
        }
    }

    /// In-neighbours of `v` with weights (1 if unweighted).
    #[inline]
    pub fn weighted_in_neighbors(&self, v: Node) -> impl Iterator<Item = (Node, f64)> + '_ {
        weighted(self.inc.as_ref().unwrap_or(&self.out), v)
    }

    /// Number of neighbours (undirected) or out-arcs (directed).
    #[inline]
    pub fn degree(&self, v: Node) -> usize {
        self.out.range(v).len()
    }

    /// Number of in-arcs (equals [`degree`](Self::degree) when undirected).
    #[inline]
    pub fn in_degree(&self, v: Node) -> usize {
        self.in_neighbors(v).len()
    }

    /// The weight of the edge (arc) `u -> v`, if there is one (1 if unweighted).
    pub fn edge_weight(&self, u: Node, v: Node) -> Option<f64> {
        let r = self.out.range(u);
        let i = self.out.targets[r.clone()].binary_search(&v).ok()?;
        Some(self.out.weights.as_ref().map_or(1.0, |w| w[r.start + i]))
    }

    /// Whether there is an edge (arc) `u -> v`.
    pub fn has_edge(&self, u: Node, v: Node) -> bool {
        self.neighbors(u).binary_search(&v).is_ok()
    }

    /// Every edge once, as `(u, v, weight)`: for undirected graphs with
    /// `u < v`, ordered by `u` then `v`; for directed graphs every arc.
    pub fn edges(&self) -> impl Iterator<Item = (Node, Node, f64)> + '_ {
        let directed = self.directed;
        self.nodes().flat_map(move |u| {
            self.weighted_neighbors(u).filter(move |&(v, _)| directed || u < v).map(move |(v, w)| (u, v, w))
        })
    }

    /// Graph density: `m / (n (n - 1) / 2)` undirected, `m / (n (n - 1))`
    /// directed; 0 for fewer than 2 nodes.
    pub fn density(&self) -> f64 {
        let n = self.node_count() as f64;
        if self.node_count() < 2 {
            return 0.0;
        }
        let possible = if self.directed { n * (n - 1.0) } else { n * (n - 1.0) / 2.0 };
        self.edge_count as f64 / possible
    }

    /// The same snapshot with every weight replaced by `f(weight)`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if `f` returns NaN, an infinity or a negative number.
    pub fn map_weights(&self, f: impl Fn(f64) -> f64) -> Result<Snapshot> {
        let map = |csr: &Csr| -> Result<Csr> {
            let weights: Vec<f64> = match &csr.weights {
                Some(w) => w.iter().map(|&x| f(x)).collect(),
                None => vec![f(1.0); csr.targets.len()],
            };
            if let Some(bad) = weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
                return Err(Error::InvalidArgument {
                    name: "weight",
                    reason: format!("{bad} is not finite and non-negative"),
                });
            }
            Ok(Csr { offsets: csr.offsets.clone(), targets: csr.targets.clone(), weights: Some(weights) })
        };
        Ok(Snapshot {
            directed: self.directed,
            ids: self.ids.clone(),
            out: map(&self.out)?,
            inc: self.inc.as_ref().map(map).transpose()?,
            edge_count: self.edge_count,
        })
    }

    /// A snapshot of any petgraph graph, with node ids from `id` and edge
    /// weights from `weight`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a weight that is NaN, infinite or
    /// negative, a self-loop, a repeated edge, or two nodes with one id.
    pub fn from_petgraph<G, FI, FW>(graph: G, id: FI, weight: FW) -> Result<Snapshot>
    where
        G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + petgraph::visit::GraphProp,
        G::EdgeType: EdgeType,
        FI: Fn(G::NodeId) -> String,
        FW: Fn(G::EdgeRef) -> f64,
    {
        let mut b = if graph.is_directed() { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
        b.weighted = true;
        let mut number = vec![Node::MAX; graph.node_bound()];
        for v in graph.node_identifiers() {
            let i = b.intern(id(v));
            if i as usize + 1 != b.ids.len() {
                return Err(Error::InvalidArgument {
                    name: "id",
                    reason: format!("two nodes share the id `{}`", b.ids[i as usize]),
                });
            }
            number[graph.to_index(v)] = i;
        }
        for e in graph.edge_references() {
            let (u, v) = (number[graph.to_index(e.source())], number[graph.to_index(e.target())]);
            b.add_numbered(u, v, weight(e))
                .map_err(|e| Error::InvalidArgument { name: "edge", reason: e.to_string() })?;
        }
        Ok(b.build())
    }
}

fn weighted(csr: &Csr, v: Node) -> impl Iterator<Item = (Node, f64)> + '_ {
    let r = csr.range(v);
    let ws = csr.weights.as_ref().map(|w| &w[r.clone()]);
    csr.targets[r.clone()].iter().enumerate().map(move |(i, &t)| (t, ws.map_or(1.0, |w| w[i])))
}

/// Why [`SnapshotBuilder::add_edge`] rejected an edge.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EdgeError {
    /// Both ends are the same node.
    #[error("self-loop on `{0}`")]
    SelfLoop(String),
    /// The edge (or, for directed graphs, the arc) was already added.
    #[error("edge `{0}` - `{1}` is repeated")]
    Duplicate(String, String),
    /// The weight is NaN, infinite or negative.
    #[error("weight {0} is not a finite non-negative number")]
    Weight(f64),
    /// The weight makes the sum of all weights, or of their inverses,
    /// overflow (`1e308`, `1e-308`): measures would silently come out wrong.
    #[error("weight {0:e} makes the sum of the weights or of their inverses overflow")]
    Overflow(f64),
}

impl From<EdgeError> for Error {
    fn from(e: EdgeError) -> Self {
        Error::InvalidArgument { name: "edge", reason: e.to_string() }
    }
}

/// Builds a [`Snapshot`] edge by edge, naming nodes by string ids.
///
/// Nodes are numbered in order of first appearance. Self-loops, repeated
/// edges and invalid weights are rejected as they are added.
#[derive(Debug, Clone, Default)]
pub struct SnapshotBuilder {
    directed: bool,
    weighted: bool,
    ids: Vec<String>,
    index: HashMap<String, Node>,
    arcs: Vec<(Node, Node, f64)>,
    seen: std::collections::HashSet<(Node, Node)>,
    /// Sums of the weights and of their inverses so far (overflow checks).
    weight_sum: f64,
    inverse_sum: f64,
}

impl SnapshotBuilder {
    /// A builder for an undirected graph.
    pub fn undirected() -> Self {
        Self::default()
    }

    /// A builder for a directed graph.
    pub fn directed() -> Self {
        Self { directed: true, ..Self::default() }
    }

    /// Marks the graph as weighted (set automatically by any weight other than 1).
    pub fn weighted(&mut self) -> &mut Self {
        self.weighted = true;
        self
    }

    /// Adds a node (if new) and returns its number.
    pub fn add_node(&mut self, id: &str) -> Node {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        self.intern(id.to_string())
    }

    fn intern(&mut self, id: String) -> Node {
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        let i = self.ids.len() as Node;
        self.index.insert(id.clone(), i);
        self.ids.push(id);
        i
    }

    /// Adds an edge (an arc `source -> target` if directed).
    ///
    /// # Errors
    ///
    /// [`EdgeError`] for a self-loop, a repeated edge or an invalid weight;
    /// nothing is added then.
    pub fn add_edge(&mut self, source: &str, target: &str, weight: f64) -> std::result::Result<(), EdgeError> {
        if source == target {
            return Err(EdgeError::SelfLoop(source.to_string()));
        }
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(EdgeError::Weight(weight));
        }
        let (u, v) = (self.index.get(source).copied(), self.index.get(target).copied());
        if let (Some(u), Some(v)) = (u, v)
            && self.seen.contains(&self.key(u, v))
        {
            return Err(EdgeError::Duplicate(source.to_string(), target.to_string()));
        }
        let u = self.add_node(source);
        let v = self.add_node(target);
        self.add_numbered(u, v, weight)
    }

    fn key(&self, u: Node, v: Node) -> (Node, Node) {
        if self.directed { (u, v) } else { (u.min(v), u.max(v)) }
    }

    pub(crate) fn add_numbered(&mut self, u: Node, v: Node, weight: f64) -> std::result::Result<(), EdgeError> {
        if u == v {
            return Err(EdgeError::SelfLoop(self.ids[u as usize].clone()));
        }
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(EdgeError::Weight(weight));
        }
        let (sum, inverse) =
            (self.weight_sum + weight, self.inverse_sum + if weight > 0.0 { 1.0 / weight } else { 0.0 });
        if !(2.0 * sum).is_finite() || !inverse.is_finite() {
            return Err(EdgeError::Overflow(weight));
        }
        if !self.seen.insert(self.key(u, v)) {
            return Err(EdgeError::Duplicate(self.ids[u as usize].clone(), self.ids[v as usize].clone()));
        }
        (self.weight_sum, self.inverse_sum) = (sum, inverse);
        if weight != 1.0 {
            self.weighted = true;
        }
        self.arcs.push((u, v, weight));
        Ok(())
    }

    /// Number of nodes so far.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// Builds the snapshot.
    pub fn build(self) -> Snapshot {
        self.build_unchecked()
    }

    fn build_unchecked(self) -> Snapshot {
        Snapshot::assemble(self.directed, self.weighted, Ids::from_strings(self.ids), self.arcs)
    }
}

impl Snapshot {
    /// The snapshot of nodes named `ids` (by node number) and `arcs`, which
    /// must be valid: node numbers below `ids.len()`, no self-loops, no
    /// repeated pairs, weights positive and finite (what
    /// [`SnapshotBuilder`] checks).
    pub(crate) fn assemble(directed: bool, weighted: bool, ids: Ids, arcs: Vec<(Node, Node, f64)>) -> Snapshot {
        Snapshot::assemble_blocks(directed, weighted, ids, vec![arcs])
    }

    /// [`assemble`](Self::assemble) of the arcs of `blocks`, one block after the other.
    pub(crate) fn assemble_blocks(
        directed: bool,
        weighted: bool,
        ids: Ids,
        blocks: Vec<Vec<(Node, Node, f64)>>,
    ) -> Snapshot {
        let n = ids.len();
        let edge_count = blocks.iter().map(Vec::len).sum();
        if directed {
            let out = Csr::from_arcs(n, &blocks, Ends::Forward, weighted);
            let inc = Csr::from_arcs(n, &blocks, Ends::Backward, weighted);
            drop(blocks);
            Snapshot { directed: true, ids, out, inc: Some(inc), edge_count }
        } else {
            let out = Csr::from_arcs(n, &blocks, Ends::Both, weighted);
            drop(blocks);
            Snapshot { directed: false, ids, out, inc: None, edge_count }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Enough arcs for the rows to be placed in parts: every row holds its
    /// neighbours sorted, with their weights, as a plain sort of the arcs.
    #[test]
    fn rows_placed_in_parts_equal_one_sort() {
        let n = 5_000u32;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut arcs = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while arcs.len() < 80_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let (u, v) = ((state % u64::from(n)) as Node, ((state >> 32) % u64::from(n)) as Node);
            if u != v && seen.insert((u.min(v), u.max(v))) {
                arcs.push((u, v, f64::from(u ^ v) / 7.0));
            }
        }
        let halves = vec![arcs[..30_000].to_vec(), arcs[30_000..].to_vec()];
        for ends in [Ends::Both, Ends::Forward, Ends::Backward] {
            let csr = Csr::from_arcs(n as usize, &halves, ends, true);
            let mut want: Vec<(Node, Node, f64)> = Vec::new();
            for &(u, v, w) in &arcs {
                match ends {
                    Ends::Forward => want.push((u, v, w)),
                    Ends::Backward => want.push((v, u, w)),
                    Ends::Both => want.extend([(u, v, w), (v, u, w)]),
                }
            }
            want.sort_by_key(|a| (a.0, a.1));
            let weights = csr.weights.as_deref().unwrap();
            let got: Vec<(Node, Node, f64)> = (0..n)
                .flat_map(|v| csr.range(v).map(move |i| (v, i)))
                .map(|(v, i)| (v, csr.targets[i], weights[i]))
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn undirected_stores_both_directions_sorted() {
        let mut b = SnapshotBuilder::undirected();
        b.add_edge("c", "a", 1.0).unwrap();
        b.add_edge("a", "b", 1.0).unwrap();
        let g = b.build();
        assert_eq!(g.ids(), ["c", "a", "b"]);
        assert_eq!(g.neighbors(1), [0, 2]);
        assert!(!g.is_weighted());
        assert_eq!(g.edges().collect::<Vec<_>>(), [(0, 1, 1.0), (1, 2, 1.0)]);
        assert!((g.density() - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn rejects_loops_repeats_and_bad_weights() {
        let mut b = SnapshotBuilder::undirected();
        b.add_edge("a", "b", 0.5).unwrap();
        assert!(matches!(b.add_edge("b", "a", 1.0), Err(EdgeError::Duplicate(..))));
        assert!(matches!(b.add_edge("a", "a", 1.0), Err(EdgeError::SelfLoop(..))));
        assert!(matches!(b.add_edge("a", "c", f64::NAN), Err(EdgeError::Weight(_))));
        assert!(matches!(b.add_edge("a", "c", -1.0), Err(EdgeError::Weight(_))));
        assert_eq!(b.node_count(), 2);
        let mut d = SnapshotBuilder::directed();
        d.add_edge("a", "b", 1.0).unwrap();
        d.add_edge("b", "a", 1.0).unwrap();
        let g = d.build();
        assert_eq!(g.edge_count(), 2);
        assert_eq!(g.in_neighbors(0), [1]);
    }

    #[test]
    fn from_petgraph_keeps_ids_and_weights() {
        let mut pg = petgraph::graph::UnGraph::<&str, f64>::new_undirected();
        let a = pg.add_node("a");
        let b = pg.add_node("b");
        pg.add_edge(a, b, 0.25);
        let g = Snapshot::from_petgraph(&pg, |n| pg[n].to_string(), |e| *e.weight()).unwrap();
        assert_eq!(g.edge_weight(0, 1), Some(0.25));
        assert_eq!(g.edge_weight(1, 0), Some(0.25));
    }
}
