//! A node attribute that puts nodes into groups (organization, department, industry).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::{Node, Snapshot};

/// A map from node to an optional group, for group density, brokerage and diversity.
///
/// Groups are numbered `0..group_count()` in the sorted order of their labels,
/// so the numbering does not depend on the order of nodes. A node may have no
/// group (a missing attribute).
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::measures::Groups;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("ann", "bob", 1.0)?;
/// b.add_edge("bob", "cid", 1.0)?;
/// let g = b.build();
/// let groups = Groups::from_labels(&g, [Some("sales"), Some("it"), None])?;
/// assert_eq!(groups.labels(), ["it", "sales"]);
/// assert_eq!(groups.group(0), Some(1));
/// assert_eq!(groups.group(2), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Groups {
    of: Vec<Option<u32>>,
    labels: Vec<String>,
}

impl Groups {
    /// Groups from one optional label per node, in node order.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if the number of labels is not the number of nodes.
    pub fn from_labels<I, S>(graph: &Snapshot, labels: I) -> Result<Groups>
    where
        I: IntoIterator<Item = Option<S>>,
        S: AsRef<str>,
    {
        let labels: Vec<Option<S>> = labels.into_iter().collect();
        if labels.len() != graph.node_count() {
            return Err(Error::InvalidArgument {
                name: "groups",
                reason: format!("{} labels for {} nodes", labels.len(), graph.node_count()),
            });
        }
        let mut names: BTreeMap<&str, u32> = BTreeMap::new();
        for l in labels.iter().flatten() {
            names.insert(l.as_ref(), 0);
        }
        for (i, v) in names.values_mut().enumerate() {
            *v = i as u32;
        }
        let of = labels.iter().map(|l| l.as_ref().map(|l| names[l.as_ref()])).collect();
        let labels = names.keys().map(|s| s.to_string()).collect();
        Ok(Groups { of, labels })
    }

    /// Groups from `(node id, label)` pairs; nodes not named have no group.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownNode`] for an id that is not a node of `graph`;
    /// [`Error::InvalidArgument`] for an id named twice.
    pub fn from_ids<'a>(graph: &Snapshot, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Groups> {
        let index = graph.index();
        let mut labels: Vec<Option<&str>> = vec![None; graph.node_count()];
        for (id, label) in pairs {
            let v = index.get(id).ok_or_else(|| Error::UnknownNode { id: id.to_string() })?;
            if labels[v as usize].replace(label).is_some() {
                return Err(Error::InvalidArgument { name: "groups", reason: format!("node `{id}` named twice") });
            }
        }
        Groups::from_labels(graph, labels)
    }

    /// The group of node `v`, if it has one (`None` also for a node out of range).
    #[inline]
    pub fn group(&self, v: Node) -> Option<u32> {
        self.of.get(v as usize).copied().flatten()
    }

    /// The labels, by group number (sorted).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The label of group `group`.
    ///
    /// # Panics
    ///
    /// If `group >= group_count()`.
    pub fn label(&self, group: u32) -> &str {
        &self.labels[group as usize]
    }

    /// Number of distinct groups.
    pub fn group_count(&self) -> usize {
        self.labels.len()
    }

    /// Number of nodes this map covers.
    pub fn node_count(&self) -> usize {
        self.of.len()
    }

    pub(crate) fn check(&self, graph: &Snapshot) -> Result<()> {
        if self.of.len() == graph.node_count() {
            Ok(())
        } else {
            Err(Error::InvalidArgument {
                name: "groups",
                reason: format!("groups cover {} nodes, the graph has {}", self.of.len(), graph.node_count()),
            })
        }
    }
}
