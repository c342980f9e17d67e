//! Gould-Fernandez brokerage roles.

use serde::Serialize;

use crate::error::Result;
use crate::graph::map_nodes_with;
use crate::graph::{Node, Parallelism, Snapshot};
use crate::measures::groups::Groups;

/// The number of open two-paths on which a node brokers, by role.
///
/// A broker `b` sits on an *open two-path* `a -> b -> c`: arcs `a -> b` and
/// `b -> c`, `a != c`, and no arc `a -> c` (in an undirected graph: `a` and
/// `c` both tied to `b` but not to each other, counted once in each
/// direction, `a -> b -> c` and `c -> b -> a`). With `g(x)` the group of `x`,
/// the role of `b` on that two-path is named by the pattern of groups along it:
///
/// | role | pattern `a -> b -> c` | Gould-Fernandez |
/// |---|---|---|
/// | coordinator | `A -> A -> A`: all in one group | w_I |
/// | itinerant (consultant) | `A -> B -> A`: `a`, `c` together, `b` outside | w_O |
/// | representative | `A -> A -> B`: `b` speaks for its own group to another | b_OI |
/// | gatekeeper | `A -> B -> B`: `b` lets an outsider into its own group | b_IO |
/// | liaison | `A -> B -> C`: three different groups | b_O |
///
/// Two-paths with a node of no group are counted as `unlabelled`, so the five
/// roles and `unlabelled` add up to `open_two_paths`.
///
/// # Reference
///
/// Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
/// approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct BrokerageRoles {
    /// `A -> A -> A`.
    pub coordinator: u64,
    /// `A -> B -> A` (consultant).
    pub itinerant: u64,
    /// `A -> A -> B`.
    pub representative: u64,
    /// `A -> B -> B`.
    pub gatekeeper: u64,
    /// `A -> B -> C`.
    pub liaison: u64,
    /// Open two-paths with a node that has no group.
    pub unlabelled: u64,
    /// All open two-paths through the node.
    pub open_two_paths: u64,
}

impl BrokerageRoles {
    /// The five roles together (`open_two_paths - unlabelled`).
    pub fn total(&self) -> u64 {
        self.coordinator + self.itinerant + self.representative + self.gatekeeper + self.liaison
    }
}

/// Brokerage roles of node `b` (see [`BrokerageRoles`] for the roles).
///
/// All zero for a node out of range or a node that brokers nothing.
///
/// # Complexity
///
/// O(in-degree x out-degree x log(degree)).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::{Groups, node_brokerage};
///
/// // a (sales) -> b (sales) -> c (it): b represents sales to it.
/// let mut d = SnapshotBuilder::directed();
/// d.add_edge("a", "b", 1.0)?;
/// d.add_edge("b", "c", 1.0)?;
/// let g = d.build();
/// let groups = Groups::from_labels(&g, [Some("sales"), Some("sales"), Some("it")])?;
/// let roles = node_brokerage(&g, &groups, 1);
/// assert_eq!(roles.representative, 1);
/// assert_eq!(roles.open_two_paths, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn node_brokerage(graph: &Snapshot, groups: &Groups, b: Node) -> BrokerageRoles {
    let mut r = BrokerageRoles::default();
    if b as usize >= graph.node_count() {
        return r;
    }
    let gb = groups.group(b);
    for &a in graph.in_neighbors(b) {
        let ga = groups.group(a);
        let out_a = graph.neighbors(a);
        for &c in graph.neighbors(b) {
            if c == a || out_a.binary_search(&c).is_ok() {
                continue;
            }
            r.open_two_paths += 1;
            match (ga, gb, groups.group(c)) {
                (Some(x), Some(y), Some(z)) => {
                    if x == y && y == z {
                        r.coordinator += 1;
                    } else if x == z {
                        r.itinerant += 1;
                    } else if x == y {
                        r.representative += 1;
                    } else if y == z {
                        r.gatekeeper += 1;
                    } else {
                        r.liaison += 1;
                    }
                }
                _ => r.unlabelled += 1,
            }
        }
    }
    r
}

/// Brokerage roles of every node, in node order (see [`node_brokerage`]).
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) if `groups` was
/// made for another number of nodes, or for `Parallelism::Threads(0)`.
pub fn brokerage(graph: &Snapshot, groups: &Groups, parallelism: Parallelism) -> Result<Vec<BrokerageRoles>> {
    groups.check(graph)?;
    parallelism.install(|par| map_nodes_with(graph.node_count(), par, || (), |_, v| node_brokerage(graph, groups, v)))
}
