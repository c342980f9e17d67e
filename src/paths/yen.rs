//! The k best loopless paths: Yen's algorithm with Lawler's saving.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::error::Result;
use crate::graph::Node;
use crate::paths::search::{Path, PathFinder, PathOptions, Query};
use crate::progress::{Task, Ticker};

/// A candidate path with the index of the node it branched off at (Lawler:
/// its own alternatives need only branch at or after that index).
#[derive(Debug, Clone)]
struct Candidate {
    path: Path,
    spur_from: usize,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.path.rank(&other.path)
    }
}

impl PathFinder<'_> {
    /// Up to `options.k` best loopless (simple) paths from `from` to `to`,
    /// best first, in the ranking described on [`PathFinder`] (cost, then
    /// hops, then the node sequence from the target back).
    ///
    /// The paths are `k` paths of least cost (and, among equal costs, fewest
    /// hops), so their costs are the `k` least costs of all simple paths.
    /// With [`Search::Forward`](crate::paths::Search::Forward) they are
    /// exactly the first `k` of the ranking; with the default bidirectional
    /// search, where several paths tie for the last places, which of them
    /// make the list is deterministic but may differ. Every constraint of
    /// `options` applies to every path.
    ///
    /// # Returns
    ///
    /// Fewer than `k` paths if fewer exist; none if `to` cannot be reached
    /// or `k` is 0; the one-node path if `from == to`.
    ///
    /// # Errors
    ///
    /// As [`PathFinder::best`].
    ///
    /// # Complexity
    ///
    /// Yen's algorithm: at most `k * L` best-path searches for paths of at
    /// most `L` nodes (Lawler's modification skips branch points that earlier
    /// rounds already tried), each as [`PathFinder::best`] on the part of the
    /// graph not blocked by the root, plus O(L + k) bookkeeping per round
    /// (the root is blocked incrementally). A spur with no alternative costs
    /// O(its degree), so a chain answers in O(L) per round; the search stops
    /// as soon as no candidate remains. Memory: the `k` paths and their
    /// candidates.
    ///
    /// # Reference
    ///
    /// J. Y. Yen, "Finding the k shortest loopless paths in a network",
    /// *Management Science* 17(11), 712-716, 1971. E. L. Lawler, "A procedure
    /// for computing the k best solutions to discrete optimization problems
    /// and its application to the shortest path problem", *Management Science*
    /// 18(7), 401-405, 1972.
    pub fn k_best(&mut self, from: Node, to: Node, options: &PathOptions) -> Result<Vec<Path>> {
        if options.k == 0 {
            // Still validate the query.
            self.prepare(options, &[from], &[to])?;
            self.reset();
            return Ok(Vec::new());
        }
        // Progress in thousandths of the k paths (see `Task::KBestPaths`).
        let total = (options.k as u64).saturating_mul(1000);
        let mut ticker = Ticker::new(options.progress.as_ref(), Task::KBestPaths, total, 1);
        ticker.tick(0);
        let Some(first) = self.best(from, to, options)? else {
            ticker.finish();
            return Ok(Vec::new());
        };
        let mut accepted: Vec<Candidate> = vec![Candidate { path: first, spur_from: 0 }];
        let mut candidates: BTreeSet<Candidate> = BTreeSet::new();
        while accepted.len() < options.k {
            let Some(last) = accepted.last().cloned() else { break };
            let nodes = &last.path.nodes;
            let spur_from = last.spur_from;
            // The root `nodes[..i]` is blocked one node at a time as `i`
            // grows, and the accepted paths that share the root are narrowed
            // the same way: O(L + k) per round on top of the spur searches,
            // not O(L^2) (a chain of a million nodes has no alternative and
            // must answer in about the time of one search).
            let query = self.prepare(options, &[nodes[0]], &[to])?;
            for &v in &nodes[..spur_from] {
                self.block(v);
            }
            let mut sharing: Vec<&Candidate> = accepted
                .iter()
                .filter(|p| p.path.nodes.len() > spur_from && p.path.nodes[..spur_from] == nodes[..spur_from])
                .collect();
            let (round, spurs) = (accepted.len() as u64 * 1000, nodes.len().saturating_sub(1 + spur_from).max(1));
            for i in spur_from..nodes.len().saturating_sub(1) {
                if (i - spur_from) % 4096 == 4095 {
                    ticker.tick(round + ((i - spur_from) as u64 * 1000 / spurs as u64).min(999));
                }
                let spur = nodes[i];
                sharing.retain(|p| p.path.nodes.len() > i && p.path.nodes[i] == spur);
                let hops_left = query.max_hops.map(|h| h.saturating_sub(i as u32));
                self.banned_from = spur;
                for p in &sharing {
                    if let Some(&head) = p.path.nodes.get(i + 1) {
                        self.banned_heads.push(head);
                    }
                }
                let spur_path = self.pair(spur, to, &Query { max_hops: hops_left, ..query });
                self.reset_search(to);
                self.block(spur);
                let Some(spur_path) = spur_path else { continue };
                let mut joined = nodes[..i].to_vec();
                joined.extend_from_slice(&spur_path.nodes);
                let Some(total) = self.path_cost(query.cost, &joined) else { continue };
                let candidate = Candidate { path: Path { nodes: joined, cost: total }, spur_from: i };
                // The same path found from two branch points keeps the earlier one.
                if candidates.get(&candidate).is_none_or(|c| c.spur_from > i) {
                    candidates.replace(candidate);
                }
            }
            self.reset();
            // No candidate left: there is no further path, stop now.
            let Some(next) = candidates.pop_first() else { break };
            accepted.push(next);
            ticker.tick(accepted.len() as u64 * 1000);
        }
        ticker.finish();
        let mut paths: Vec<Path> = accepted.into_iter().map(|c| c.path).collect();
        paths.sort_by(|a, b| a.rank(b));
        Ok(paths)
    }
}
