//! Approximate betweenness by sampling shortest paths (Riondato and Kornaropoulos).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::fold_chunks;
use crate::graph::{Node, Snapshot};
use crate::measures::betweenness::{BetweennessOptions, Sweep, Traversal, Workspace};
use crate::measures::components::components;
use crate::progress::{Progress, Task, Ticker};
use crate::random::Rng;

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
    #[must_use]
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Sets delta.
    #[must_use]
    pub fn delta(mut self, delta: f64) -> Self {
        self.delta = delta;
        self
    }

    /// Sets the seed.
    #[must_use]
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
    /// Number of sampled node pairs (where the adaptive stopping rule
    /// stopped); 0 when the exact values were computed instead (sampling would
    /// have cost more, see [`approximate_betweenness`]).
    pub samples: u64,
    /// The upper bound on the vertex diameter used for the sample size.
    pub vertex_diameter: usize,
}

/// The sample count above which the exact algorithm is run instead: more
/// than 64 samples per node (a sample costs at most one of the exact
/// algorithm's `n` searches, usually far less) and more than about a million.
fn exact_cheaper_above(n: usize) -> f64 {
    (64.0 * n as f64).max(1_048_576.0)
}

/// Samples per chunk: fixed, so that the result does not depend on threads.
const SAMPLES_PER_CHUNK: u64 = 512;

/// Approximate betweenness of every node, within `epsilon` of the exact
/// (normalized) value for every node at once with probability at least `1 - delta`.
///
/// Riondato and Kornaropoulos' estimator with an adaptive stopping rule:
/// draw random pairs `(s, t)`, take one shortest `s`-`t` path uniformly at
/// random from each, and credit its inner nodes `1 / r` for `r` pairs drawn.
/// Sampling stops at the first checkpoint (1,024 pairs, then about an eighth
/// more each time, in multiples of 512) where a Chernoff-Hoeffding bound in
/// Kullback-Leibler form proves every node's estimate within `e`, each node
/// with its own share of `3 delta / 4` given out by a pilot sample of 1,024
/// pairs as in KADABRA; and at the latest after Riondato and Kornaropoulos'
/// fixed size for `delta / 4`,
/// `ceil(0.5 / e^2 (floor(log2(VD - 2)) + 1 + ln(4 / delta)))`. Both ways of
/// stopping together fail with probability at most `delta` (the proof is at
/// `StoppingPlan` in the source). This is KADABRA's adaptive sampling
/// (Borassi and Natale) with a simpler per-node bound.
///
/// Unweighted, each path comes
/// from a balanced bidirectional BFS between `s` and `t` (as in Borassi and
/// Natale's KADABRA), which on small-world graphs visits a small part of the
/// graph; weighted, from a single-source search from `s` stopped at `t`.
/// `VD` bounds the vertex diameter (the most nodes on a shortest path): twice the eccentricity of one node
/// per component plus one for an unweighted undirected search, the size of
/// the largest component otherwise. The estimates approximate betweenness over
/// ordered pairs divided by `n (n - 1)`; this function reports them scaled to
/// NetworkX's normalization (times `n / (n - 2)`) and runs with
/// `e = epsilon (n - 2) / n`, so that the guarantee holds in the reported units.
///
/// Estimates are clamped to the exact range [0, 1]. When the cap exceeds both
/// `64 n` and 2^20 (an epsilon such as `1e-9`), sampling would cost more
/// than the exact computation: the exact values are returned instead, with
/// `samples` 0.
///
/// # Arguments
///
/// * `options`: weighting, cost and parallelism as for [`betweenness`](crate::measures::betweenness).
/// * `approx`: epsilon, delta and the seed. Samples run in fixed chunks of
///   512, each with its own random stream derived from the seed, hits are
///   counted as integers and the stopping rule is checked only at fixed
///   sample counts: the result is the same for any number of threads.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for an epsilon or delta outside (0, 1), a
/// NegLog cost on a weight above 1, or `Parallelism::Threads(0)`.
///
/// # Complexity
///
/// O(r (|V| + |E|)) time unweighted (times log |V| weighted) in the worst
/// case, independent of the number of pairs, and much less on graphs of small
/// diameter; O(|V|) memory per chunk in flight.
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
///
/// Borassi, M. & Natale, E. (2016). KADABRA is an ADaptive Algorithm for
/// Betweenness via Random Approximation. *ESA 2016*, LIPIcs 57, 20:1-20:18.
///
/// Riondato, M. & Upfal, E. (2018). ABRA: Approximating betweenness
/// centrality in static and dynamic graphs with Rademacher averages. *ACM
/// TKDD* 12(5), 61:1-61:38.
///
/// Hoeffding, W. (1963). Probability inequalities for sums of bounded random
/// variables. *JASA* 58(301), 13-30 (the bound in Kullback-Leibler form, his
/// Theorem 1).
pub fn approximate_betweenness(
    graph: &Snapshot,
    options: &BetweennessOptions,
    approx: &ApproxOptions,
) -> Result<ApproxBetweenness> {
    approximate_reporting(graph, options, approx, None)
}

/// As [`approximate_betweenness`], reporting the pairs sampled to
/// `progress` ([`Task::ApproxBetweenness`]) after each chunk of 512 pairs
/// (or, where the exact values are computed instead, the sources done, as
/// [`betweenness_with_progress`](crate::measures::betweenness_with_progress));
/// the result is the same.
///
/// # Errors
///
/// As [`approximate_betweenness`].
pub fn approximate_betweenness_with_progress(
    graph: &Snapshot,
    options: &BetweennessOptions,
    approx: &ApproxOptions,
    progress: &Progress,
) -> Result<ApproxBetweenness> {
    approximate_reporting(graph, options, approx, Some(progress))
}

fn approximate_reporting(
    graph: &Snapshot,
    options: &BetweennessOptions,
    approx: &ApproxOptions,
    progress: Option<&Progress>,
) -> Result<ApproxBetweenness> {
    for (name, x) in [("epsilon", approx.epsilon), ("delta", approx.delta)] {
        if !(x > 0.0 && x < 1.0) {
            return Err(Error::InvalidArgument { name, reason: format!("{x} is not in (0, 1)") });
        }
    }
    let arcs = Sweep::new(graph, options.weighting, options.cost)?;
    let n = graph.node_count();
    if n <= 2 {
        return Ok(ApproxBetweenness { values: vec![0.0; n], samples: 0, vertex_diameter: n });
    }
    let vd = vertex_diameter(graph, &arcs);
    let eps = approx.epsilon * (n - 2) as f64 / n as f64;
    if StoppingPlan::cap(vd, eps, approx.delta) > exact_cheaper_above(n) {
        // More samples than the exact algorithm's cost: the exact values are
        // cheaper, and within any epsilon.
        let values = match progress {
            Some(progress) => crate::measures::betweenness_with_progress(graph, options, progress)?,
            None => crate::measures::betweenness(graph, options)?,
        };
        return Ok(ApproxBetweenness { values, samples: 0, vertex_diameter: vd });
    }
    let plan = StoppingPlan::new(vd, eps, approx.delta);
    let run = |c: usize| {
        let mut rng = Rng::new(approx.seed ^ Rng::new(c as u64).next_u64());
        let mut hits = vec![0u32; n];
        // A pilot chunk draws a full chunk; the main phase stops at the cap.
        let first = c as u64 * SAMPLES_PER_CHUNK;
        let pairs =
            if c >= PILOT_CHUNK { 0..SAMPLES_PER_CHUNK } else { first..(first + SAMPLES_PER_CHUNK).min(plan.cap) };
        let pair = |rng: &mut Rng| {
            let s = rng.below(n) as Node;
            let mut t = rng.below(n - 1) as Node;
            if t >= s {
                t += 1;
            }
            (s, t)
        };
        if arcs.traversal == Traversal::Bfs {
            let mut bi = Bidirectional::new(n);
            for _ in pairs {
                let (s, t) = pair(&mut rng);
                if bi.sample(&arcs, s, t, &mut rng) {
                    for &v in &bi.path[1..bi.path.len() - 1] {
                        hits[v as usize] += 1;
                    }
                }
            }
        } else {
            let mut ws = Workspace::new(n);
            for _ in pairs {
                let (s, t) = pair(&mut rng);
                ws.search(&arcs, s, t);
                sample_path(&arcs, &ws, s, t, &mut rng, &mut hits);
                ws.reset();
            }
        }
        hits
    };
    let mut ticker = Ticker::new(progress, Task::ApproxBetweenness, plan.cap, 1);
    let mut fold_into = |total: &mut Vec<u64>, chunks: std::ops::Range<usize>, par: bool, report: bool| {
        let mut done = chunks.start as u64 * SAMPLES_PER_CHUNK;
        fold_chunks(
            chunks.len(),
            par,
            |c| run(chunks.start + c),
            |hits| {
                for (t, h) in total.iter_mut().zip(hits) {
                    *t += u64::from(h);
                }
                if report {
                    done = (done + SAMPLES_PER_CHUNK).min(plan.cap);
                    ticker.tick(done);
                }
            },
        );
    };
    let mut total = vec![0u64; n];
    let mut drawn = 0u64;
    options.parallelism.install(|par| {
        // The pilot: its own random streams (chunk numbers far above any the
        // main phase uses), only to share out the failure probability.
        let mut pilot = vec![0u64; n];
        fold_into(&mut pilot, PILOT_CHUNK..PILOT_CHUNK + PILOT_CHUNKS, par, false);
        let rule = plan.rule(&pilot);
        for &checkpoint in &plan.checkpoints {
            let (from, to) = (drawn.div_ceil(SAMPLES_PER_CHUNK), checkpoint.div_ceil(SAMPLES_PER_CHUNK));
            fold_into(&mut total, from as usize..to as usize, par, true);
            drawn = checkpoint;
            if drawn >= plan.cap || rule.holds(&total, drawn, plan.eps) {
                break;
            }
        }
    })?;
    if let Some(progress) = progress {
        progress.report(Task::ApproxBetweenness, drawn, drawn);
    }
    let scale = n as f64 / (n - 2) as f64 / drawn as f64;
    Ok(ApproxBetweenness {
        // The estimate of a star's hub can exceed 1 (the scaling by
        // n / (n - 2)); the exact values lie in [0, 1].
        values: total.into_iter().map(|h| (h as f64 * scale).min(1.0)).collect(),
        samples: drawn,
        vertex_diameter: vd,
    })
}

/// The first chunk number of the pilot sample: its random streams are apart
/// from those of the main phase (which would need 2^40 samples to reach it).
const PILOT_CHUNK: usize = 1 << 31;

/// Chunks in the pilot sample.
const PILOT_CHUNKS: usize = 2;

/// When [`approximate_betweenness`] may stop sampling: at fixed sample counts
/// (checkpoints: multiples of the chunk size from 1,024, growing by an eighth,
/// then the cap), so that the stopping point depends on the seed alone, never
/// on the number of threads.
///
/// The failure probability `delta` is split: `delta / 4` for the cap,
/// `3 delta / 4` for the `K` checkpoints before it. The cap is Riondato and
/// Kornaropoulos' fixed sample size for `delta / 4`: stopping there, every
/// estimate is within `e` with probability at least `1 - delta / 4`.
///
/// Before the cap, a pilot sample of 1,024 pairs, drawn from streams of its
/// own and used for nothing else, shares out `3 delta / 4` among the nodes as
/// KADABRA does (Borassi and Natale 2016, section 4.2), so that the nodes of
/// high betweenness, whose estimates vary most, get most of it: node `v`,
/// with `h` pilot hits, gets `delta_v = 3 delta / 4 (1 / (4 n) + 3 h^2 / (4
/// sum h^2))` (`1 / n` each if every `h` is 0); the `delta_v` sum to
/// `3 delta / 4` whatever the pilot drew. At a checkpoint of `r` samples,
/// sampling stops if every node's hit frequency `p` has `r D(p || p + e) > L_v`
/// and, where `p > e`, `r D(p || p - e) > L_v`, with `D` the Kullback-Leibler
/// divergence of two Bernoulli laws and `L_v = ln(2 K / delta_v)`. Given the
/// pilot, the main samples are independent, so by the Chernoff-Hoeffding
/// bound the frequency of `v` after a fixed number `r` of them lies `e` or
/// more above its mean `b_v` with probability at most `exp(-L_v)` (then,
/// `D` growing with the distance, `r D(p || p + e) <= r D(p || b_v) <= L_v`
/// fails), and as much below. Over both sides and the `K` checkpoints node
/// `v` fails with probability at most `delta_v`, and some node at some
/// checkpoint with probability at most `3 delta / 4`. Either way of stopping,
/// the estimates are within `e` with probability at least `1 - delta`.
#[derive(Debug, Clone)]
struct StoppingPlan {
    /// Sample counts at which to check, ascending; the last is the cap.
    checkpoints: Vec<u64>,
    /// Riondato and Kornaropoulos' sample size for `delta / 4`.
    cap: u64,
    /// The error bound `e` on the unscaled estimates.
    eps: f64,
    /// `3 delta / 4`, shared out among the nodes before the cap.
    adaptive_delta: f64,
}

/// The per-node stopping rule of a [`StoppingPlan`] once the pilot is drawn.
#[derive(Debug, Clone)]
struct StoppingRule {
    /// `(node, L_v)`, nodes by decreasing pilot hits (the likeliest to fail first).
    bounds: Vec<(Node, f64)>,
}

impl StoppingPlan {
    /// Riondato and Kornaropoulos' sample size for `delta / 4`.
    fn cap(vd: usize, eps: f64, delta: f64) -> f64 {
        let log_vd = if vd >= 3 { ((vd - 2) as f64).log2().floor() + 1.0 } else { 0.0 };
        (0.5 / (eps * eps) * (log_vd + (4.0 / delta).ln())).ceil().max(1.0)
    }

    fn new(vd: usize, eps: f64, delta: f64) -> Self {
        let cap = Self::cap(vd, eps, delta) as u64;
        let mut checkpoints = Vec::new();
        let mut r = 2 * SAMPLES_PER_CHUNK;
        while r < cap {
            checkpoints.push(r);
            r = (r + r / 8).div_ceil(SAMPLES_PER_CHUNK) * SAMPLES_PER_CHUNK;
        }
        checkpoints.push(cap);
        StoppingPlan { checkpoints, cap, eps, adaptive_delta: 0.75 * delta }
    }

    /// Shares out the failure probability by the pilot's hits.
    fn rule(&self, pilot: &[u64]) -> StoppingRule {
        let n = pilot.len() as f64;
        let k = (self.checkpoints.len() - 1).max(1) as f64;
        let squares: f64 = pilot.iter().map(|&h| (h as f64) * (h as f64)).sum();
        let share = |h: u64| {
            if squares > 0.0 { 0.25 / n + 0.75 * (h as f64) * (h as f64) / squares } else { 1.0 / n }
        };
        let mut bounds: Vec<(Node, f64)> =
            (0..pilot.len()).map(|v| (v as Node, (2.0 * k / (self.adaptive_delta * share(pilot[v]))).ln())).collect();
        bounds.sort_by_key(|&(v, _)| (std::cmp::Reverse(pilot[v as usize]), v));
        StoppingRule { bounds }
    }
}

impl StoppingRule {
    /// Whether `r` samples with these hit counts prove every estimate within `eps`.
    fn holds(&self, hits: &[u64], r: u64, eps: f64) -> bool {
        self.bounds.iter().all(|&(v, log_term)| {
            let p = hits[v as usize] as f64 / r as f64;
            let need = log_term / r as f64;
            let upper = p + eps >= 1.0 || kl_bernoulli(p, p + eps) > need;
            let lower = p <= eps || kl_bernoulli(p, p - eps) > need;
            upper && lower
        })
    }
}

/// Kullback-Leibler divergence `D(p || q)` of Bernoulli laws, `q` in (0, 1).
fn kl_bernoulli(p: f64, q: f64) -> f64 {
    let term = |a: f64, b: f64| if a > 0.0 { a * (a / b).ln() } else { 0.0 };
    term(p, q) + term(1.0 - p, 1.0 - q)
}

/// Walks back from `t` to `s`, choosing each predecessor `v` of `w` with
/// probability `sigma[v] / sigma[w]`, and counts the inner nodes.
fn sample_path(arcs: &Sweep<'_>, ws: &Workspace, s: Node, t: Node, rng: &mut Rng, hits: &mut [u32]) {
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
            let c = if arcs.traversal == Traversal::Bfs { 1.0 } else { costs[i] };
            if ws.is_pred(arcs.traversal, v, w, c) {
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

/// Per-node state of a balanced bidirectional BFS.
#[derive(Debug, Clone, Copy)]
struct Sides {
    /// Hops from the source, `UNSEEN` if outside the source's ball.
    hops_s: u32,
    /// Hops to the target, `UNSEEN` if outside the target's ball.
    hops_t: u32,
    /// Number of shortest paths from the source.
    sigma_s: f64,
    /// Number of shortest paths to the target.
    sigma_t: f64,
}

const UNSEEN: u32 = u32::MAX;

const FRESH: Sides = Sides { hops_s: UNSEEN, hops_t: UNSEEN, sigma_s: 0.0, sigma_t: 0.0 };

/// Workspace of the balanced bidirectional BFS (Borassi and Natale 2016),
/// allocated once per chunk and reset only where touched.
struct Bidirectional {
    st: Vec<Sides>,
    /// Nodes whose state was set, to reset.
    touched: Vec<Node>,
    /// The last level of the source's ball, and of the target's.
    front_s: Vec<Node>,
    front_t: Vec<Node>,
    /// The level being built.
    next: Vec<Node>,
    /// Nodes in both balls once they touch.
    meet: Vec<Node>,
    /// The sampled path, from the source to the target.
    path: Vec<Node>,
}

impl Bidirectional {
    fn new(n: usize) -> Self {
        Bidirectional {
            st: vec![FRESH; n],
            touched: Vec::new(),
            front_s: Vec::new(),
            front_t: Vec::new(),
            next: Vec::new(),
            meet: Vec::new(),
            path: Vec::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            self.st[v as usize] = FRESH;
        }
        self.touched.clear();
        self.front_s.clear();
        self.front_t.clear();
        self.meet.clear();
        self.path.clear();
    }

    /// Takes one shortest `s`-`t` path uniformly at random into `path` (from
    /// `s` to `t`); `false` if `t` is not reachable from `s`.
    ///
    /// Grows a ball from `s` over out-arcs and one from `t` over in-arcs, a
    /// whole level at a time on the side whose last level has the smaller
    /// total degree, counting shortest paths from `s` and to `t`, until a
    /// level reaches the other ball. The balls were disjoint before, so every
    /// node of the new level inside the other ball lies on its last level, at
    /// distance `d` from the growing side's root and `d(s, t) - d` from the
    /// other, and every shortest path crosses exactly one such node `x`.
    /// Taking `x` with probability proportional to `sigma_s(x) sigma_t(x)`,
    /// then each predecessor with probability proportional to its `sigma`
    /// towards `s` and towards `t`, takes every shortest path with the same
    /// probability.
    fn sample(&mut self, arcs: &Sweep<'_>, s: Node, t: Node, rng: &mut Rng) -> bool {
        self.reset();
        let g = arcs.g;
        self.st[s as usize].hops_s = 0;
        self.st[s as usize].sigma_s = 1.0;
        self.st[t as usize].hops_t = 0;
        self.st[t as usize].sigma_t = 1.0;
        self.touched.extend([s, t]);
        self.front_s.push(s);
        self.front_t.push(t);
        let (mut deg_s, mut deg_t) = (g.degree(s), g.in_degree(t));
        let mut level_s = 0;
        let mut level_t = 0;
        while self.meet.is_empty() {
            if self.front_s.is_empty() || self.front_t.is_empty() {
                return false;
            }
            let forward = deg_s <= deg_t;
            let mut deg = 0;
            if forward {
                for &v in &self.front_s {
                    let sv = self.st[v as usize].sigma_s;
                    for &w in g.neighbors(v) {
                        let sw = &mut self.st[w as usize];
                        if sw.hops_s == UNSEEN {
                            sw.hops_s = level_s + 1;
                            if sw.hops_t == UNSEEN {
                                self.touched.push(w);
                            } else {
                                self.meet.push(w);
                            }
                            self.next.push(w);
                            deg += g.degree(w);
                        }
                        if sw.hops_s == level_s + 1 {
                            sw.sigma_s += sv;
                        }
                    }
                }
                level_s += 1;
                deg_s = deg;
                std::mem::swap(&mut self.front_s, &mut self.next);
            } else {
                for &v in &self.front_t {
                    let sv = self.st[v as usize].sigma_t;
                    for &w in g.in_neighbors(v) {
                        let sw = &mut self.st[w as usize];
                        if sw.hops_t == UNSEEN {
                            sw.hops_t = level_t + 1;
                            if sw.hops_s == UNSEEN {
                                self.touched.push(w);
                            } else {
                                self.meet.push(w);
                            }
                            self.next.push(w);
                            deg += g.in_degree(w);
                        }
                        if sw.hops_t == level_t + 1 {
                            sw.sigma_t += sv;
                        }
                    }
                }
                level_t += 1;
                deg_t = deg;
                std::mem::swap(&mut self.front_t, &mut self.next);
            }
            self.next.clear();
        }
        // sigma_s and sigma_t are final on the meeting nodes: their levels are complete.
        let weight = |x: Node| self.st[x as usize].sigma_s * self.st[x as usize].sigma_t;
        let total: f64 = self.meet.iter().map(|&x| weight(x)).sum();
        let target = rng.unit() * total;
        let mut acc = 0.0;
        let Some(&(mut x)) = self.meet.last() else { return false };
        for &m in &self.meet {
            acc += weight(m);
            if acc > target {
                x = m;
                break;
            }
        }
        // Back from x to s over in-arcs, then from x to t over out-arcs.
        self.path.push(x);
        let mut w = x;
        while w != s {
            let hw = self.st[w as usize].hops_s;
            w = pick(rng, self.st[w as usize].sigma_s, g.in_neighbors(w), |v| {
                let sv = &self.st[v as usize];
                (sv.hops_s != UNSEEN && sv.hops_s + 1 == hw).then_some(sv.sigma_s)
            });
            self.path.push(w);
        }
        self.path.reverse();
        let mut w = x;
        while w != t {
            let hw = self.st[w as usize].hops_t;
            w = pick(rng, self.st[w as usize].sigma_t, g.neighbors(w), |v| {
                let sv = &self.st[v as usize];
                (sv.hops_t != UNSEEN && sv.hops_t + 1 == hw).then_some(sv.sigma_t)
            });
            self.path.push(w);
        }
        true
    }
}

/// Picks one of `candidates` for which `weight` is `Some`, with probability
/// proportional to that weight (`total` their sum).
#[inline]
fn pick(rng: &mut Rng, total: f64, candidates: &[Node], weight: impl Fn(Node) -> Option<f64>) -> Node {
    let target = rng.unit() * total;
    let mut acc = 0.0;
    let mut chosen = candidates[0];
    for &v in candidates {
        if let Some(sv) = weight(v) {
            acc += sv;
            chosen = v;
            if acc > target {
                break;
            }
        }
    }
    chosen
}

/// An upper bound on the number of nodes on any shortest path.
fn vertex_diameter(graph: &Snapshot, arcs: &Sweep<'_>) -> usize {
    let comps = components(graph);
    if graph.is_directed() || arcs.traversal != Traversal::Bfs {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::graph::{Cost, SnapshotBuilder, Weighting};

    /// Every shortest `s`-`t` path, by brute force: hops from `s`, then every
    /// walk along arcs that gain one hop and end at `t` after `d(s, t)` arcs.
    fn all_shortest_paths(g: &Snapshot, s: Node, t: Node) -> Vec<Vec<Node>> {
        let mut hops = vec![usize::MAX; g.node_count()];
        hops[s as usize] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &w in g.neighbors(v) {
                if hops[w as usize] == usize::MAX {
                    hops[w as usize] = hops[v as usize] + 1;
                    queue.push_back(w);
                }
            }
        }
        let mut paths = Vec::new();
        if hops[t as usize] == usize::MAX {
            return paths;
        }
        fn extend(g: &Snapshot, hops: &[usize], t: Node, path: &mut Vec<Node>, paths: &mut Vec<Vec<Node>>) {
            let v = *path.last().unwrap();
            if path.len() - 1 == hops[t as usize] {
                if v == t {
                    paths.push(path.clone());
                }
                return;
            }
            for &w in g.neighbors(v) {
                if hops[w as usize] == path.len() {
                    path.push(w);
                    extend(g, hops, t, path, paths);
                    path.pop();
                }
            }
        }
        extend(g, &hops, t, &mut vec![s], &mut paths);
        paths
    }

    fn random_graph(directed: bool, n: usize, p: f64, seed: u64) -> Snapshot {
        let mut rng = Rng::new(seed);
        let mut b = if directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
        for v in 0..n {
            b.add_node(&v.to_string());
        }
        for u in 0..n {
            for v in 0..n {
                if u != v && (directed || u < v) && rng.unit() < p {
                    b.add_edge(&u.to_string(), &v.to_string(), 1.0).unwrap();
                }
            }
        }
        b.build()
    }

    fn grid(side: usize, directed: bool) -> Snapshot {
        let mut b = if directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
        let id = |r: usize, c: usize| format!("{r},{c}");
        for r in 0..side {
            for c in 0..side {
                b.add_node(&id(r, c));
            }
        }
        for r in 0..side {
            for c in 0..side {
                if r + 1 < side {
                    b.add_edge(&id(r, c), &id(r + 1, c), 1.0).unwrap();
                }
                if c + 1 < side {
                    b.add_edge(&id(r, c), &id(r, c + 1), 1.0).unwrap();
                }
            }
        }
        b.build()
    }

    fn arcs(g: &Snapshot) -> Sweep<'_> {
        Sweep::new(g, Weighting::Unweighted, Cost::Hops).unwrap()
    }

    /// Samples `s`-`t` paths many times: each is a shortest path, and their
    /// frequencies pass a chi-square test of uniformity (about 1e-6 false alarms).
    fn check_uniform(g: &Snapshot, s: Node, t: Node, seed: u64) {
        let paths = all_shortest_paths(g, s, t);
        let k = paths.len();
        assert!(k >= 2, "a test pair needs several shortest paths");
        let draws = 400 * k;
        let mut counts: BTreeMap<Vec<Node>, usize> = paths.iter().map(|p| (p.clone(), 0)).collect();
        let arcs = arcs(g);
        let mut bi = Bidirectional::new(g.node_count());
        let mut rng = Rng::new(seed);
        for _ in 0..draws {
            assert!(bi.sample(&arcs, s, t, &mut rng));
            let count = counts.get_mut(&bi.path).unwrap_or_else(|| panic!("not a shortest path: {:?}", bi.path));
            *count += 1;
        }
        let expected = draws as f64 / k as f64;
        let chi2: f64 = counts.values().map(|&c| (c as f64 - expected).powi(2) / expected).sum();
        let df = (k - 1) as f64;
        let bound = df + 7.0 * (2.0 * df).sqrt() + 10.0;
        assert!(chi2 < bound, "{s}->{t}: chi-square {chi2} over {bound} for {k} paths");
    }

    #[test]
    fn stopping_plan_shares_out_delta_and_checks_at_fixed_counts() {
        let plan = StoppingPlan::new(10, 0.01, 0.1);
        // Riondato and Kornaropoulos' size for delta / 4: floor(log2 8) + 1 = 4.
        assert_eq!(plan.cap, (0.5 / 1e-4 * (4.0 + 40f64.ln())).ceil() as u64);
        assert_eq!(plan.checkpoints.last(), Some(&plan.cap));
        assert_eq!(plan.checkpoints[0], 1024);
        for w in plan.checkpoints.windows(2) {
            assert!(w[0] < w[1]);
        }
        for &c in &plan.checkpoints[..plan.checkpoints.len() - 1] {
            assert_eq!(c % SAMPLES_PER_CHUNK, 0);
        }
        // The shares of 3 delta / 4 sum to it: sum over v of 2 K exp(-L_v).
        let k = (plan.checkpoints.len() - 1) as f64;
        for pilot in [vec![0, 0, 0, 0], vec![5, 0, 1, 300]] {
            let rule = plan.rule(&pilot);
            let total: f64 = rule.bounds.iter().map(|&(_, l)| 2.0 * k * (-l).exp()).sum();
            assert!((total - 0.075).abs() < 1e-12, "{total}");
            assert_eq!(rule.bounds.len(), 4);
        }
        // Frequencies far from a bound pass; the same counts after fewer samples do not.
        let rule = plan.rule(&[0, 10, 0, 0]);
        assert!(rule.holds(&[0, 20_000, 0, 0], 40_000, 0.01));
        assert!(!rule.holds(&[0, 512, 0, 0], 1024, 0.01));
        assert!((kl_bernoulli(0.5, 0.5)).abs() < 1e-15);
        assert!((kl_bernoulli(0.0, 0.5) - 2f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn bidirectional_samples_are_uniform_on_grids() {
        for directed in [false, true] {
            let g = grid(5, directed);
            // Corner to corner (70 paths), and pairs whose paths cross unevenly.
            for (s, t) in [(0, 24), (24, 0), (1, 23), (5, 19), (0, 12)] {
                if directed && s > t {
                    continue;
                }
                check_uniform(&g, s, t, 11 + s as u64);
            }
        }
    }

    #[test]
    fn bidirectional_samples_are_uniform_on_random_graphs() {
        for (directed, p) in [(false, 0.1), (true, 0.12)] {
            let g = random_graph(directed, 40, p, 3);
            let mut tested = 0;
            for s in 0..40 {
                for t in (0..40).step_by(7) {
                    let k = if s == t { 0 } else { all_shortest_paths(&g, s, t).len() };
                    if (3..=60).contains(&k) {
                        check_uniform(&g, s, t, 100 * u64::from(s) + u64::from(t));
                        tested += 1;
                    }
                }
            }
            assert!(tested >= 20, "only {tested} pairs with several shortest paths");
        }
    }

    #[test]
    fn bidirectional_samples_only_shortest_paths() {
        for (directed, p) in [(false, 0.06), (true, 0.08)] {
            let g = random_graph(directed, 60, p, 5);
            let arcs = arcs(&g);
            let mut bi = Bidirectional::new(g.node_count());
            let mut rng = Rng::new(9);
            for s in g.nodes() {
                for t in g.nodes().filter(|&t| t != s) {
                    let paths = all_shortest_paths(&g, s, t);
                    let found = bi.sample(&arcs, s, t, &mut rng);
                    assert_eq!(found, !paths.is_empty(), "{s}->{t}");
                    if found {
                        assert!(paths.contains(&bi.path), "{s}->{t}: {:?} is not a shortest path", bi.path);
                    }
                }
            }
        }
    }
}
