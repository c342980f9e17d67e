//! Connected components, articulation points (cut points) and bridges.
//!
//! For a directed graph all three are taken on the underlying undirected
//! graph: components are the weakly connected ones (`networkx.weakly_connected_components`),
//! articulation points and bridges those of `G.to_undirected()` (NetworkX
//! defines them for undirected graphs only).

use serde::Serialize;

use crate::graph::{Node, Snapshot};

/// The connected components of a graph (weakly connected, if directed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Components {
    /// The component of each node, by node number. Components are numbered
    /// `0..count` in order of their smallest node.
    pub component: Vec<u32>,
    /// Number of nodes in each component.
    pub sizes: Vec<usize>,
}

impl Components {
    /// Number of components.
    pub fn count(&self) -> usize {
        self.sizes.len()
    }

    /// The size of the largest component (0 for an empty graph).
    pub fn largest(&self) -> usize {
        self.sizes.iter().copied().max().unwrap_or(0)
    }
}

/// Adjacency of the underlying undirected graph.
pub(crate) struct Undirected<'a> {
    g: &'a Snapshot,
    offsets: Vec<usize>,
    targets: Vec<Node>,
}

impl<'a> Undirected<'a> {
    pub(crate) fn new(g: &'a Snapshot) -> Self {
        let mut u = Undirected { g, offsets: Vec::new(), targets: Vec::new() };
        if g.is_directed() {
            u.offsets.push(0);
            let mut buf = Vec::new();
            for v in g.nodes() {
                g.all_neighbors_into(v, &mut buf);
                u.targets.extend_from_slice(&buf);
                u.offsets.push(u.targets.len());
            }
        }
        u
    }

    #[inline]
    pub(crate) fn neighbors(&self, v: Node) -> &[Node] {
        if self.g.is_directed() {
            &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
        } else {
            self.g.neighbors(v)
        }
    }
}

/// Connected components (weakly connected components of a directed graph).
///
/// # Complexity
///
/// O(|V| + |E|).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::components;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// b.add_edge("c", "d", 1.0)?;
/// let c = components(&b.build());
/// assert_eq!(c.count(), 2);
/// assert_eq!(c.component, [0, 0, 1, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn components(graph: &Snapshot) -> Components {
    let n = graph.node_count();
    let adj = Undirected::new(graph);
    let mut component = vec![u32::MAX; n];
    let mut sizes = Vec::new();
    let mut queue = Vec::new();
    for root in graph.nodes() {
        if component[root as usize] != u32::MAX {
            continue;
        }
        let c = sizes.len() as u32;
        component[root as usize] = c;
        queue.clear();
        queue.push(root);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head];
            head += 1;
            for &w in adj.neighbors(v) {
                if component[w as usize] == u32::MAX {
                    component[w as usize] = c;
                    queue.push(w);
                }
            }
        }
        sizes.push(queue.len());
    }
    Components { component, sizes }
}

/// Articulation points and bridges in one depth-first search (Hopcroft-Tarjan lowpoints).
fn cut_points(graph: &Snapshot) -> (Vec<Node>, Vec<(Node, Node)>) {
    let n = graph.node_count();
    let adj = Undirected::new(graph);
    let mut disc = vec![u32::MAX; n];
    let mut low = vec![0u32; n];
    let mut is_cut = vec![false; n];
    let mut bridges = Vec::new();
    let mut time = 0u32;
    // (node, parent, index of the next neighbour to look at)
    let mut stack: Vec<(Node, Node, usize)> = Vec::new();
    for root in graph.nodes() {
        if disc[root as usize] != u32::MAX {
            continue;
        }
        disc[root as usize] = time;
        low[root as usize] = time;
        time += 1;
        let mut root_children = 0;
        stack.push((root, Node::MAX, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, next) = *top;
            let nbrs = adj.neighbors(v);
            if next < nbrs.len() {
                top.2 += 1;
                let w = nbrs[next];
                if disc[w as usize] == u32::MAX {
                    disc[w as usize] = time;
                    low[w as usize] = time;
                    time += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, v, 0));
                } else if w != parent {
                    low[v as usize] = low[v as usize].min(disc[w as usize]);
                }
                continue;
            }
            stack.pop();
            if parent != Node::MAX {
                let p = parent as usize;
                low[p] = low[p].min(low[v as usize]);
                if low[v as usize] > disc[p] {
                    bridges.push((parent.min(v), parent.max(v)));
                }
                if parent != root && low[v as usize] >= disc[p] {
                    is_cut[p] = true;
                }
            }
        }
        if root_children >= 2 {
            is_cut[root as usize] = true;
        }
    }
    bridges.sort_unstable();
    let points = graph.nodes().filter(|&v| is_cut[v as usize]).collect();
    (points, bridges)
}

/// Articulation points (cut points): the nodes whose removal leaves more
/// connected components, in node order. For a directed graph, those of the
/// underlying undirected graph.
///
/// # Complexity
///
/// O(|V| + |E|), iterative (no recursion limit).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::articulation_points;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// b.add_edge("b", "c", 1.0)?;
/// assert_eq!(articulation_points(&b.build()), [1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn articulation_points(graph: &Snapshot) -> Vec<Node> {
    cut_points(graph).0
}

/// Bridges: the edges whose removal leaves more connected components, each
/// as `(u, v)` with `u < v`, sorted. For a directed graph, those of the
/// underlying undirected graph.
///
/// # Complexity
///
/// O(|V| + |E|).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::bridges;
///
/// let mut b = SnapshotBuilder::undirected();
/// for (u, v) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
///     b.add_edge(u, v, 1.0)?;
/// }
/// assert_eq!(bridges(&b.build()), [(2, 3)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn bridges(graph: &Snapshot) -> Vec<(Node, Node)> {
    cut_points(graph).1
}

/// Both at once (one search).
pub(crate) fn articulation_points_and_bridges(graph: &Snapshot) -> (Vec<Node>, Vec<(Node, Node)>) {
    cut_points(graph)
}

/// The nodes `v` cuts off: of the nodes `v` connects (its connected
/// component), those separated from the largest remaining part when `v` is
/// removed. Nodes not connected to `v` in the first place are never counted.
/// Ties between parts of equal size go to the part with the smallest node.
/// In node order.
///
/// # Complexity
///
/// O(V + E). The reference of [`cut_offs`], which gives it for many nodes at once.
#[cfg(test)]
pub(crate) fn cut_off(g: &Snapshot, v: Node) -> Vec<Node> {
    let n = g.node_count();
    // The parts `v`'s neighbours fall into once `v` is gone.
    let mut part = vec![u32::MAX; n];
    part[v as usize] = u32::MAX - 1;
    let mut sizes: Vec<(usize, Node)> = Vec::new();
    for &s in g.neighbors(v) {
        if part[s as usize] != u32::MAX {
            continue;
        }
        let id = sizes.len() as u32;
        let mut stack = vec![s];
        part[s as usize] = id;
        let mut size = 0usize;
        let mut smallest = s;
        while let Some(x) = stack.pop() {
            size += 1;
            smallest = smallest.min(x);
            for &y in g.neighbors(x) {
                if part[y as usize] == u32::MAX {
                    part[y as usize] = id;
                    stack.push(y);
                }
            }
        }
        sizes.push((size, smallest));
    }
    let Some(keep) = (0..sizes.len()).max_by(|&a, &b| sizes[a].0.cmp(&sizes[b].0).then(sizes[b].1.cmp(&sizes[a].1)))
    else {
        return Vec::new();
    };
    (0..n as Node).filter(|&x| part[x as usize] < u32::MAX - 1 && part[x as usize] != keep as u32).collect()
}

/// For each node `v` of `points` (undirected `g`), in the same order, the
/// nodes `v` cuts off: of the nodes `v` connects (its connected component),
/// those separated from the largest remaining part when `v` is removed
/// (ties between parts of equal size go to the part with the smallest
/// node), in node order. One depth-first search for all the points instead
/// of one search per point.
///
/// The parts that removing `v` leaves of its component are the subtrees of
/// the search tree's children `c` of `v` with `low(c) >= pre(v)` (every child
/// when `v` is a root) and, unless `v` is a root, the rest of the component
/// (it holds the root). Each subtree is a run of the preorder, so a part's
/// size and smallest node are known without walking it; the nodes cut off
/// are then read from the preorder and sorted.
///
/// # Complexity
///
/// O(V + E) for the search, then for each point O(d + k log k) for degree
/// `d` and `k` nodes cut off (O(component) when the part kept is a subtree,
/// or to break a tie between the rest and a subtree of equal size).
pub(crate) fn cut_offs(g: &Snapshot, points: &[Node]) -> Vec<Vec<Node>> {
    let n = g.node_count();
    let mut pre = vec![u32::MAX; n];
    let mut order: Vec<Node> = Vec::with_capacity(n);
    let mut low = vec![0u32; n];
    let mut parent = vec![Node::MAX; n];
    let mut size = vec![1u32; n];
    let mut smallest: Vec<Node> = (0..n as Node).collect();
    // Preorder start and size of each node's component, by component.
    let mut component = vec![0u32; n];
    let mut spans: Vec<(u32, u32)> = Vec::new();
    let mut stack: Vec<(Node, usize)> = Vec::new();
    for root in g.nodes() {
        if pre[root as usize] != u32::MAX {
            continue;
        }
        let start = order.len() as u32;
        let id = spans.len() as u32;
        pre[root as usize] = start;
        low[root as usize] = start;
        order.push(root);
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            let nbrs = g.neighbors(v);
            if next < nbrs.len() {
                top.1 += 1;
                let w = nbrs[next];
                if pre[w as usize] == u32::MAX {
                    pre[w as usize] = order.len() as u32;
                    low[w as usize] = pre[w as usize];
                    order.push(w);
                    parent[w as usize] = v;
                    stack.push((w, 0));
                } else if w != parent[v as usize] {
                    low[v as usize] = low[v as usize].min(pre[w as usize]);
                }
                continue;
            }
            stack.pop();
            component[v as usize] = id;
            let p = parent[v as usize];
            if p != Node::MAX {
                let (p, v) = (p as usize, v as usize);
                low[p] = low[p].min(low[v]);
                size[p] += size[v];
                smallest[p] = smallest[p].min(smallest[v]);
            }
        }
        spans.push((start, order.len() as u32 - start));
    }
    let run = |c: Node| {
        let first = pre[c as usize] as usize;
        first..first + size[c as usize] as usize
    };
    points
        .iter()
        .map(|&v| {
            let root = parent[v as usize] == Node::MAX;
            let (start, total) = spans[component[v as usize] as usize];
            let parts: Vec<Node> = g
                .neighbors(v)
                .iter()
                .copied()
                .filter(|&c| parent[c as usize] == v && (root || low[c as usize] >= pre[v as usize]))
                .collect();
            // The largest subtree part (equal sizes: the smallest node).
            let best = parts.iter().copied().max_by(|&a, &b| {
                size[a as usize].cmp(&size[b as usize]).then(smallest[b as usize].cmp(&smallest[a as usize]))
            });
            let Some(best) = best else { return Vec::new() };
            let component_run = start as usize..(start + total) as usize;
            // Every node of the component but `v` and the subtree `keep`.
            let all_but = |keep: Node| -> Vec<Node> {
                let skip = run(keep);
                let mut out: Vec<Node> = order[component_run.clone()]
                    .iter()
                    .enumerate()
                    .filter(|&(i, &x)| x != v && !skip.contains(&(start as usize + i)))
                    .map(|(_, &x)| x)
                    .collect();
                out.sort_unstable();
                out
            };
            if root {
                return all_but(best);
            }
            let rest_size = total - 1 - parts.iter().map(|&c| size[c as usize]).sum::<u32>();
            let keep_subtree = match size[best as usize].cmp(&rest_size) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal => {
                    // The rest's smallest node: the component but `v` and the parts.
                    let mut cut = vec![false; total as usize];
                    cut[(pre[v as usize] - start) as usize] = true;
                    for &c in &parts {
                        for i in run(c) {
                            cut[i - start as usize] = true;
                        }
                    }
                    let rest_smallest = order[component_run.clone()]
                        .iter()
                        .zip(&cut)
                        .filter(|&(_, &c)| !c)
                        .map(|(&x, _)| x)
                        .min()
                        .unwrap_or(Node::MAX);
                    smallest[best as usize] < rest_smallest
                }
            };
            if keep_subtree {
                return all_but(best);
            }
            let mut out: Vec<Node> = parts.iter().flat_map(|&c| order[run(c)].iter().copied()).collect();
            out.sort_unstable();
            out
        })
        .collect()
}

#[cfg(test)]
mod cut_off_tests {
    use super::*;
    use crate::graph::SnapshotBuilder;

    /// Random sparse graphs (trees with a few extra edges, several
    /// components): the batched cut-offs equal one search per node.
    #[test]
    fn cut_offs_equal_one_search_per_node() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        for round in 0..300 {
            let n = 1 + next(40);
            let mut b = SnapshotBuilder::undirected();
            for v in 0..n {
                b.add_node(&format!("n{v}"));
            }
            for v in 1..n {
                // A forest: each node hangs on an earlier one, or starts a new tree.
                if next(8) != 0 {
                    let u = next(v);
                    let _ = b.add_edge(&format!("n{u}"), &format!("n{v}"), 1.0);
                }
            }
            for _ in 0..next(1 + n / (1 + round % 4)) {
                let (u, v) = (next(n), next(n));
                if u != v {
                    let _ = b.add_edge(&format!("n{u}"), &format!("n{v}"), 1.0);
                }
            }
            let g = b.build();
            let every: Vec<Node> = g.nodes().collect();
            let batched = cut_offs(&g, &every);
            for &v in &every {
                assert_eq!(batched[v as usize], cut_off(&g, v), "round {round}, node {v}");
            }
        }
    }
}
