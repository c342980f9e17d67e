//! Burt's structural holes: effective size, efficiency, constraint, local constraint and hierarchy.

use serde::Serialize;

use crate::error::Result;
use crate::graph::map_nodes_with;
use crate::graph::{Node, Parallelism, Snapshot, Weighting};

/// Options shared by the per-node measures: weights and threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MeasureOptions {
    /// Whether edge weights are tie strengths or every tie counts 1.
    pub weighting: Weighting,
    /// How many threads to use.
    pub parallelism: Parallelism,
}

impl MeasureOptions {
    /// Unweighted, on the current rayon pool.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the weighting.
    #[must_use]
    pub fn weighting(mut self, weighting: Weighting) -> Self {
        self.weighting = weighting;
        self
    }

    /// Sets the parallelism.
    #[must_use]
    pub fn parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }
}

/// Burt's structural-hole measures of one node: effective size, efficiency,
/// constraint and hierarchy, with NetworkX's definitions
/// (`networkx.algorithms.structuralholes`).
///
/// # Definitions
///
/// The *mutual weight* of `u` and `v` is `a_uv + a_vu`, where `a_uv` is the
/// weight of the arc `u -> v` (1 when unweighted, 0 when absent); in an
/// undirected graph it is twice the edge weight. The contacts `N(u)` of `u` are
/// its distinct neighbours (predecessors and successors in a directed graph).
/// With `p_uv` the mutual weight of `u` and `v` divided by the sum of `u`'s
/// mutual weights, and `m_uv` divided by their maximum (both 0 when that sum
/// or maximum is 0):
///
/// - effective size `e(u) = sum_{v in N(u)} (1 - sum_{w in N(u)} p_uw m_vw)`;
/// - efficiency `e(u) / |N(u)|`;
/// - local constraint `l(u, v) = (p_uv + sum_{w in N(u)} p_uw p_wv)^2`;
/// - constraint `c(u) = sum_{v in N(u)} l(u, v)`;
/// - hierarchy (Burt's Coleman-Theil index of the local constraints):
///   `sum_j r_j ln r_j / (N ln N)` with `N = |N(u)|`, `r_j = l(u, j) / (c(u) / N)`
///   and `0 ln 0 = 0`.
///
/// # Undefined values
///
/// Every value is `None` for an isolate. As NetworkX's per-node code path
/// (`len(G[v]) == 0`), a node of a directed graph without out-arcs also gets
/// `None` (NetworkX's sparse-matrix path, used with SciPy when all nodes are
/// asked for, gives such a node a value instead). Hierarchy is `None` below 2
/// contacts and when all local constraints are 0 (all ties of weight 0).
/// Ties of weight 0 are contacts with mutual weight 0, as in NetworkX.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct StructuralHoles {
    /// Effective size: the non-redundant part of the node's contacts.
    pub effective_size: Option<f64>,
    /// Effective size over the number of distinct contacts.
    pub efficiency: Option<f64>,
    /// Burt's constraint: how much the node's contacts are tied to one another.
    pub constraint: Option<f64>,
    /// How much of the constraint comes from one contact (0: spread evenly).
    pub hierarchy: Option<f64>,
}

/// Mutual-weight rows: for node `v`, its distinct contacts (sorted) and the
/// mutual weight to each, with the sum and maximum of those weights.
trait Rows {
    fn row(&self, v: Node) -> (&[Node], &[f64]);
    fn sum(&self, v: Node) -> f64;
    fn max(&self, v: Node) -> f64;
}

/// Appends `v`'s mutual-weight row to `nodes` and `weights`.
fn push_row(g: &Snapshot, v: Node, weighting: Weighting, nodes: &mut Vec<Node>, weights: &mut Vec<f64>) {
    let weight = |w: f64| if weighting == Weighting::Strength { w } else { 1.0 };
    if !g.is_directed() {
        for (u, w) in g.weighted_neighbors(v) {
            nodes.push(u);
            weights.push(weight(w));
        }
        return;
    }
    let mut out = g.weighted_neighbors(v).peekable();
    let mut inc = g.weighted_in_neighbors(v).peekable();
    loop {
        let (u, w) = match (out.peek().copied(), inc.peek().copied()) {
            (None, None) => break,
            (Some(a), None) => {
                out.next();
                (a.0, weight(a.1))
            }
            (None, Some(b)) => {
                inc.next();
                (b.0, weight(b.1))
            }
            (Some(a), Some(b)) if a.0 < b.0 => {
                out.next();
                (a.0, weight(a.1))
            }
            (Some(a), Some(b)) if b.0 < a.0 => {
                inc.next();
                (b.0, weight(b.1))
            }
            (Some(a), Some(b)) => {
                out.next();
                inc.next();
                (a.0, weight(a.1) + weight(b.1))
            }
        };
        nodes.push(u);
        weights.push(w);
    }
}

fn sum_max(w: &[f64]) -> (f64, f64) {
    let mut s = 0.0;
    let mut m = 0.0f64;
    for &x in w {
        s += x;
        m = m.max(x);
    }
    (s, m)
}

/// Rows of every node.
struct AllRows {
    offsets: Vec<usize>,
    nodes: Vec<Node>,
    weights: Vec<f64>,
    sum: Vec<f64>,
    max: Vec<f64>,
    /// Per arc `v -> j`: `p_vj`, the mutual weight over `v`'s sum (only for all-node runs).
    p: Vec<f64>,
    /// Per arc `v -> j`: the mutual weight over `j`'s maximum (`m_jv`).
    m_target: Vec<f64>,
    /// Undirected and unweighted: `p` is the same on all of a node's arcs, `m_target` is 1.
    uniform: bool,
}

impl AllRows {
    fn new(g: &Snapshot, weighting: Weighting) -> Self {
        let n = g.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let cap = 2 * g.edge_count();
        let (mut nodes, mut weights) = (Vec::with_capacity(cap), Vec::with_capacity(cap));
        let (mut sum, mut max) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for v in g.nodes() {
            let start = nodes.len();
            push_row(g, v, weighting, &mut nodes, &mut weights);
            let (s, m) = sum_max(&weights[start..]);
            sum.push(s);
            max.push(m);
            offsets.push(nodes.len());
        }
        let uniform = !g.is_directed() && weighting == Weighting::Unweighted;
        let mut rows = AllRows { offsets, nodes, weights, sum, max, p: Vec::new(), m_target: Vec::new(), uniform };
        rows.p = Vec::with_capacity(rows.nodes.len());
        rows.m_target = Vec::with_capacity(rows.nodes.len());
        for v in g.nodes() {
            let r = rows.range(v);
            for e in r {
                let (j, w) = (rows.nodes[e], rows.weights[e]);
                rows.p.push(nmw(w, rows.sum[v as usize]));
                rows.m_target.push(nmw(w, rows.max[j as usize]));
            }
        }
        rows
    }

    #[inline]
    fn range(&self, v: Node) -> std::ops::Range<usize> {
        self.offsets[v as usize]..self.offsets[v as usize + 1]
    }
}

/// Per-worker scratch for [`holes_scatter`].
struct Scratch {
    /// `slot[j]`: the position of `j` among the current node's contacts, or `NONE`.
    slot: Vec<u32>,
    through: Vec<f64>,
    redundancy: Vec<f64>,
    locals: Vec<f64>,
}

const NONE: u32 = u32::MAX;

/// A contact's row longer than this many times the node's own row is
/// searched (binary search per own contact) rather than scanned.
const SEARCH_RATIO: usize = 8;

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch { slot: vec![NONE; n], through: Vec::new(), redundancy: Vec::new(), locals: Vec::new() }
    }
}

/// [`holes_of`] for whole-graph runs: instead of a sorted merge per contact,
/// each contact `w` of `v` scatters `p_vw p_wj` and `p_vw m_jw` to the
/// contacts `j` it shares with `v`. The terms are added in the same order
/// (increasing `w`) as in the merge, so the results are the same bits.
fn holes_scatter(g: &Snapshot, rows: &AllRows, v: Node, ws: &mut Scratch) -> StructuralHoles {
    let r = rows.range(v);
    if r.is_empty() || (g.is_directed() && g.degree(v) == 0) {
        return StructuralHoles::default();
    }
    let k = r.len();
    let nv = &rows.nodes[r.clone()];
    for (i, &j) in nv.iter().enumerate() {
        ws.slot[j as usize] = i as u32;
    }
    ws.through.clear();
    ws.through.resize(k, 0.0);
    ws.redundancy.clear();
    ws.redundancy.resize(k, 0.0);
    for (a, &w) in nv.iter().enumerate() {
        let p_vw = rows.p[r.start + a];
        let rw = rows.range(w);
        if rw.len() > SEARCH_RATIO * k {
            // A hub among `v`'s contacts: look `v`'s few contacts up in the
            // hub's (sorted) row instead of scanning the whole row, so that
            // a star costs O(leaves log leaves), not O(leaves^2). Each slot
            // gets at most one term per `w`, so the sums are the same bits.
            let hub = &rows.nodes[rw.clone()];
            for (s, &j) in nv.iter().enumerate() {
                if let Ok(i) = hub.binary_search(&j) {
                    let e = rw.start + i;
                    ws.through[s] += p_vw * rows.p[e];
                    ws.redundancy[s] += p_vw * rows.m_target[e];
                }
            }
            continue;
        }
        if rows.uniform {
            // Every tie of `w` has the same p (1 / deg w) and m (1): the
            // products are the same for every `j`, computed once.
            let (Some(&p_wj), Some(&m_jw)) = (rows.p.get(rw.start), rows.m_target.get(rw.start)) else { continue };
            let (through, redundancy) = (p_vw * p_wj, p_vw * m_jw);
            for &j in &rows.nodes[rw] {
                let s = ws.slot[j as usize];
                if s != NONE {
                    ws.through[s as usize] += through;
                    ws.redundancy[s as usize] += redundancy;
                }
            }
            continue;
        }
        for ((&j, &p_wj), &m_jw) in rows.nodes[rw.clone()].iter().zip(&rows.p[rw.clone()]).zip(&rows.m_target[rw]) {
            let s = ws.slot[j as usize];
            if s != NONE {
                ws.through[s as usize] += p_vw * p_wj;
                ws.redundancy[s as usize] += p_vw * m_jw;
            }
        }
    }
    for &j in nv {
        ws.slot[j as usize] = NONE;
    }
    ws.locals.clear();
    let (mut effective, mut constraint) = (0.0, 0.0);
    for a in 0..k {
        let local = (rows.p[r.start + a] + ws.through[a]).powi(2);
        ws.locals.push(local);
        constraint += local;
        effective += 1.0 - ws.redundancy[a];
    }
    StructuralHoles {
        effective_size: Some(effective),
        efficiency: Some(effective / k as f64),
        constraint: Some(constraint),
        hierarchy: hierarchy(&ws.locals, constraint),
    }
}

impl Rows for AllRows {
    #[inline]
    fn row(&self, v: Node) -> (&[Node], &[f64]) {
        let r = self.offsets[v as usize]..self.offsets[v as usize + 1];
        (&self.nodes[r.clone()], &self.weights[r])
    }
    #[inline]
    fn sum(&self, v: Node) -> f64 {
        self.sum[v as usize]
    }
    #[inline]
    fn max(&self, v: Node) -> f64 {
        self.max[v as usize]
    }
}

/// Rows of a few nodes (a node, its contacts, and maybe one more), for
/// single-node queries that should not touch the whole graph.
struct SomeRows {
    keys: Vec<Node>,
    all: AllRows,
}

impl SomeRows {
    fn new(g: &Snapshot, weighting: Weighting, mut keys: Vec<Node>) -> Self {
        keys.sort_unstable();
        keys.dedup();
        let mut all = AllRows {
            offsets: vec![0],
            nodes: Vec::new(),
            weights: Vec::new(),
            sum: Vec::with_capacity(keys.len()),
            max: Vec::with_capacity(keys.len()),
            p: Vec::new(),
            m_target: Vec::new(),
            uniform: false,
        };
        for &v in &keys {
            let start = all.nodes.len();
            push_row(g, v, weighting, &mut all.nodes, &mut all.weights);
            let (s, m) = sum_max(&all.weights[start..]);
            all.sum.push(s);
            all.max.push(m);
            all.offsets.push(all.nodes.len());
        }
        SomeRows { keys, all }
    }

    fn around(g: &Snapshot, weighting: Weighting, v: Node, extra: &[Node]) -> Self {
        let mut keys = vec![v];
        let mut contacts = Vec::new();
        g.all_neighbors_into(v, &mut contacts);
        keys.extend_from_slice(&contacts);
        keys.extend_from_slice(extra);
        SomeRows::new(g, weighting, keys)
    }

    #[inline]
    fn slot(&self, v: Node) -> Option<Node> {
        self.keys.binary_search(&v).ok().map(|i| i as Node)
    }
}

impl Rows for SomeRows {
    fn row(&self, v: Node) -> (&[Node], &[f64]) {
        match self.slot(v) {
            Some(i) => self.all.row(i),
            None => (&[], &[]),
        }
    }
    fn sum(&self, v: Node) -> f64 {
        self.slot(v).map_or(0.0, |i| self.all.sum(i))
    }
    fn max(&self, v: Node) -> f64 {
        self.slot(v).map_or(0.0, |i| self.all.max(i))
    }
}

/// `x / scale`, or 0 when the scale is 0 (NetworkX's `normalized_mutual_weight`).
#[inline]
fn nmw(x: f64, scale: f64) -> f64 {
    if scale == 0.0 { 0.0 } else { x / scale }
}

/// `(sum_w p_uw p_wj, sum_w p_uw m_jw)` over `w` in both `N(u)` and `N(j)`.
#[inline]
fn indirect<R: Rows>(rows: &R, nu: &[Node], wu: &[f64], su: f64, j: Node) -> (f64, f64) {
    let (nj, wj) = rows.row(j);
    let mj = rows.max(j);
    let (mut through, mut redundancy) = (0.0, 0.0);
    // Terms in increasing `w` either way, so both give the same bits.
    let mut add = |i: usize, k: usize| {
        let p_uw = nmw(wu[i], su);
        through += p_uw * nmw(wj[k], rows.sum(nu[i]));
        redundancy += p_uw * nmw(wj[k], mj);
    };
    if nu.len() > SEARCH_RATIO * nj.len() {
        // `j` has few contacts (a leaf of a hub `u`): look them up in `u`'s row.
        for (k, w) in nj.iter().enumerate() {
            if let Ok(i) = nu.binary_search(w) {
                add(i, k);
            }
        }
        return (through, redundancy);
    }
    if nj.len() > SEARCH_RATIO * nu.len() {
        for (i, w) in nu.iter().enumerate() {
            if let Ok(k) = nj.binary_search(w) {
                add(i, k);
            }
        }
        return (through, redundancy);
    }
    let (mut i, mut k) = (0, 0);
    while i < nu.len() && k < nj.len() {
        let (a, b) = (nu[i], nj[k]);
        if a < b {
            i += 1;
        } else if b < a {
            k += 1;
        } else {
            add(i, k);
            i += 1;
            k += 1;
        }
    }
    (through, redundancy)
}

fn holes_of<R: Rows>(g: &Snapshot, rows: &R, v: Node, locals: &mut Vec<f64>) -> StructuralHoles {
    let (nv, wv) = rows.row(v);
    if nv.is_empty() || (g.is_directed() && g.degree(v) == 0) {
        return StructuralHoles::default();
    }
    let sv = rows.sum(v);
    locals.clear();
    let (mut effective, mut constraint) = (0.0, 0.0);
    for (a, &j) in nv.iter().enumerate() {
        let (through, redundancy) = indirect(rows, nv, wv, sv, j);
        let local = (nmw(wv[a], sv) + through).powi(2);
        locals.push(local);
        constraint += local;
        effective += 1.0 - redundancy;
    }
    let k = nv.len();
    StructuralHoles {
        effective_size: Some(effective),
        efficiency: Some(effective / k as f64),
        constraint: Some(constraint),
        hierarchy: hierarchy(locals, constraint),
    }
}

fn hierarchy(locals: &[f64], constraint: f64) -> Option<f64> {
    let n = locals.len();
    if n < 2 || constraint <= 0.0 {
        return None;
    }
    let mean = constraint / n as f64;
    let mut s = 0.0;
    for &c in locals {
        let r = c / mean;
        if r > 0.0 {
            s += r * r.ln();
        }
    }
    let nf = n as f64;
    Some(s / (nf * nf.ln()))
}

/// Burt's structural-hole measures of every node, in node order.
///
/// # Arguments
///
/// * `graph`: directed or undirected.
/// * `options`: [`Weighting::Strength`] uses edge weights as tie strengths
///   (Burt's tie investment), [`Weighting::Unweighted`] counts every tie 1;
///   the parallelism only changes the speed, never a bit of the result.
///
/// # Returns
///
/// One [`StructuralHoles`] per node; see [`StructuralHoles`] for the
/// definitions and the nodes that get `None`.
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for `Parallelism::Threads(0)`.
///
/// # Complexity
///
/// O(sum over ties `v - w` of min(deg w, deg v log deg w)) time: each
/// contact `w` of `v` scatters to the contacts it shares with `v` through a
/// dense slot array (no hashing), except that a contact with many more
/// contacts than `v` (a hub) is searched for `v`'s contacts instead. A star
/// with `n` leaves takes O(n log n), not O(n^2). O(|V| + |E|) memory plus
/// O(|V|) per worker thread.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{MeasureOptions, structural_holes};
///
/// // A star: the centre spans three structural holes.
/// let mut b = SnapshotBuilder::undirected();
/// for leaf in ["a", "b", "c"] {
///     b.add_edge("hub", leaf, 1.0)?;
/// }
/// let sh = structural_holes(&b.build(), &MeasureOptions::new())?;
/// assert_eq!(sh[0].effective_size, Some(3.0));
/// assert!((sh[0].constraint.unwrap() - 1.0 / 3.0).abs() < 1e-15);
/// assert_eq!(sh[1].constraint, Some(1.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Reference
///
/// Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
/// Harvard University Press. Borgatti, S. (1997). Structural holes: unpacking
/// Burt's redundancy measures. *Connections* 20(1), 35-38.
pub fn structural_holes(graph: &Snapshot, options: &MeasureOptions) -> Result<Vec<StructuralHoles>> {
    let rows = AllRows::new(graph, options.weighting);
    options.parallelism.install(|par| {
        let n = graph.node_count();
        map_nodes_with(n, par, || Scratch::new(n), |ws, v| holes_scatter(graph, &rows, v, ws))
    })
}

/// Burt's structural-hole measures of one node, touching only the node's
///
/// constraint and hierarchy, with NetworkX's definitions
/// (`networkx.algorithms.structuralholes`).
///
/// # Definitions
///
/// The *mutual weight* of `u` and `v` is `a_uv + a_vu`, where `a_uv` is the
/// weight of the arc `u -> v` (1 when unweighted, 0 when absent); in an
/// undirected graph it is twice the edge weight. The contacts `N(u)` of `u` are
/// its distinct neighbours (predecessors and successors in a directed graph).
/// With `p_uv` the mutual weight of `u` and `v` divided by the sum of `u`'s
/// mutual weights, and `m_uv` divided by their maximum (both 0 when that sum
/// or maximum is 0):
///
/// - effective size `e(u) = sum_{v in N(u)} (1 - sum_{w in N(u)} p_uw m_vw)`;
/// - efficiency `e(u) / |N(u)|`;
/// - local constraint `l(u, v) = (p_uv + sum_{w in N(u)} p_uw p_wv)^2`;
/// - constraint `c(u) = sum_{v in N(u)} l(u, v)`;
/// - hierarchy (Burt's Coleman-Theil index of the local constraints):
///   `sum_j r_j ln r_j / (N ln N)` with `N = |N(u)|`, `r_j = l(u, j) / (c(u) / N)`
///   and `0 ln 0 = 0`.
///
/// # Undefined values
///
/// Every value is `None` for an isolate. As NetworkX's per-node code path
/// (`len(G[v]) == 0`), a node of a directed graph without out-arcs also gets
/// `None` (NetworkX's sparse-matrix path, used with SciPy when all nodes are
/// asked for, gives such a node a value instead). Hierarchy is `None` below 2
/// contacts and when all local constraints are 0 (all ties of weight 0).
/// Ties of weight 0 are contacts with mutual weight 0, as in NetworkX.
/// contacts and their ties (see [`structural_holes`]).
///
/// A node out of range gets all `None`.
///
/// # Complexity
///
/// O(sum over contacts `j` of min(deg v + deg j, min(deg v, deg j) log deg)).
pub fn node_structural_holes(graph: &Snapshot, v: Node, weighting: Weighting) -> StructuralHoles {
    if v as usize >= graph.node_count() {
        return StructuralHoles::default();
    }
    let rows = SomeRows::around(graph, weighting, v, &[]);
    holes_of(graph, &rows, v, &mut Vec::new())
}

/// The local (dyadic) constraint on `u` from `v`, `(p_uv + sum_w p_uw p_wv)^2`
/// (NetworkX's `local_constraint`); `v` need not be a contact of `u`.
///
/// `None` for a node out of range.
pub fn local_constraint(graph: &Snapshot, u: Node, v: Node, weighting: Weighting) -> Option<f64> {
    let n = graph.node_count();
    if u as usize >= n || v as usize >= n {
        return None;
    }
    let rows = SomeRows::around(graph, weighting, u, &[v]);
    let (nu, wu) = rows.row(u);
    let su = rows.sum(u);
    let direct = nu.binary_search(&v).map_or(0.0, |i| nmw(wu[i], su));
    let (through, _) = indirect(&rows, nu, wu, su, v);
    Some((direct + through).powi(2))
}

/// The local constraint on `v` from each of its contacts, in node order of
/// the contacts; their sum is `v`'s constraint. Empty for an isolate or a node
/// out of range.
pub fn local_constraints(graph: &Snapshot, v: Node, weighting: Weighting) -> Vec<(Node, f64)> {
    if v as usize >= graph.node_count() {
        return Vec::new();
    }
    let rows = SomeRows::around(graph, weighting, v, &[]);
    let (nv, wv) = rows.row(v);
    let sv = rows.sum(v);
    nv.iter()
        .enumerate()
        .map(|(a, &j)| {
            let (through, _) = indirect(&rows, nv, wv, sv, j);
            (j, (nmw(wv[a], sv) + through).powi(2))
        })
        .collect()
}
