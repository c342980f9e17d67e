//! The node sizes `draw` can compute itself: degree, Burt's effective size
//! and betweenness, unweighted, on a small adjacency list.
//!
//! These are local helpers for picture sizes only (the measures layer is the
//! crate's reference implementation); callers that already have a measure
//! pass it through [`DrawOptions::size_values`](super::DrawOptions::size_values).

use std::collections::VecDeque;

/// Degree of every node.
pub(crate) fn degree(adj: &[Vec<usize>]) -> Vec<Option<f64>> {
    adj.iter().map(|a| Some(a.len() as f64)).collect()
}

/// Burt's effective size, unweighted (Borgatti 1997): `n - 2t / n` for a node
/// with `n` neighbours among which there are `t` ties; `None` for an isolate.
///
/// `adj` lists must be sorted and free of repeats.
pub(crate) fn effective_size(adj: &[Vec<usize>]) -> Vec<Option<f64>> {
    adj.iter()
        .map(|nbrs| {
            if nbrs.is_empty() {
                return None;
            }
            let n = nbrs.len() as f64;
            let mut t = 0usize;
            for (i, &u) in nbrs.iter().enumerate() {
                // Ties from `u` to the neighbours after it: each tie counted once.
                t += nbrs[i + 1..].iter().filter(|w| adj[u].binary_search(w).is_ok()).count();
            }
            Some(n - 2.0 * t as f64 / n)
        })
        .collect()
}

/// Betweenness centrality, unweighted and not normalized, by Brandes' (2001)
/// algorithm: for each source `s`, a breadth-first search counts shortest
/// paths `sigma`, then dependencies `delta` accumulate in reverse order of
/// discovery (`S`) over the predecessor lists `P`. Each unordered pair is
/// counted once.
///
/// Complexity: O(|V| |E|) time, O(|V| + |E|) memory.
pub(crate) fn betweenness(adj: &[Vec<usize>]) -> Vec<Option<f64>> {
    let n = adj.len();
    let mut centrality = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![usize::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue = VecDeque::with_capacity(n);
    for s in 0..n {
        sigma.fill(0.0);
        dist.fill(usize::MAX);
        delta.fill(0.0);
        preds.iter_mut().for_each(Vec::clear);
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &adj[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &w in order.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Undirected: every pair was counted from both ends.
    centrality.into_iter().map(|c| Some(c / 2.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjacency(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a].push(b);
            adj[b].push(a);
        }
        adj.iter_mut().for_each(|a| a.sort_unstable());
        adj
    }

    #[test]
    fn star_centre_brokers_every_pair() {
        // Star with centre 0 and 5 leaves: centre on all C(5, 2) = 10 paths.
        let adj = adjacency(6, &[(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]);
        let b = betweenness(&adj);
        assert_eq!(b[0], Some(10.0));
        assert!(b[1..].iter().all(|&x| x == Some(0.0)));
        let e = effective_size(&adj);
        assert_eq!(e[0], Some(5.0));
        assert_eq!(e[1], Some(1.0));
    }

    #[test]
    fn path_and_square() {
        // Path 0-1-2-3: betweenness 0, 2, 2, 0 (networkx, normalized=False).
        let b = betweenness(&adjacency(4, &[(0, 1), (1, 2), (2, 3)]));
        assert_eq!(b, vec![Some(0.0), Some(2.0), Some(2.0), Some(0.0)]);
        // Square 0-1-2-3-0: each node is on one of the two shortest paths
        // between its two neighbours: 0.5 each (networkx).
        let b = betweenness(&adjacency(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]));
        assert_eq!(b, vec![Some(0.5); 4]);
    }

    #[test]
    fn triangle_with_pendant() {
        // Triangle 0-1-2 plus 2-3: effective size of 2 is 3 - 2*1/3.
        let adj = adjacency(5, &[(0, 1), (1, 2), (0, 2), (2, 3)]);
        let e = effective_size(&adj);
        assert!((e[2].unwrap() - (3.0 - 2.0 / 3.0)).abs() < 1e-12);
        assert_eq!(e[0], Some(1.0));
        assert_eq!(e[4], None);
        assert_eq!(degree(&adj)[2], Some(3.0));
    }
}
