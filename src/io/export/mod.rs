//! GraphML and DOT export of portfolio views and snapshots, with an option to
//! replace personal data by stable pseudonyms (see [`Redaction`]): the
//! options and what both formats share here, one file per format.

use std::borrow::Cow;
use std::collections::HashSet;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::io::{Redaction, redact};
use crate::model::{AsOf, Attributes, Contact, DatedTie, NetworkView, SalesNetworks, Tie};

mod dot;
mod graphml;

pub use dot::{snapshot_to_dot, to_dot, write_dot};
pub use graphml::{snapshot_to_graphml, to_graphml, write_graphml};

/// How to export a [`NetworkView`]: whether to redact. The date and the
/// decay policy of strengths and freshness are the [`AsOf`]'s.
///
/// # Examples
///
/// ```
/// use salesnet::io::{ExportOptions, Redaction};
///
/// let options = ExportOptions::new().redaction(Redaction::Pseudonyms);
/// assert_ne!(options, ExportOptions::new());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportOptions {
    redaction: Redaction,
}

impl ExportOptions {
    /// The default: no redaction.
    pub fn new() -> Self {
        Self::default()
    }

    /// Redacts (or not) personal data.
    #[must_use]
    pub fn redaction(mut self, redaction: Redaction) -> Self {
        self.redaction = redaction;
        self
    }
}

/// What an export writes: the records (original or redacted) and the view's
/// nodes and edges (indices are the same in both).
struct Export<'a> {
    networks: Cow<'a, SalesNetworks>,
    as_of: &'a AsOf<'a>,
    nodes: Vec<NodeIndex>,
    edges: Vec<EdgeIndex>,
    name: &'static str,
}

impl<'a> Export<'a> {
    fn new(as_of: &'a AsOf<'a>, view: &NetworkView<'a>, options: &ExportOptions) -> Self {
        assert!(
            std::ptr::eq(view.networks(), as_of.networks()),
            "an export's view must be a view of the AsOf's portfolio"
        );
        let networks = match options.redaction {
            Redaction::None => Cow::Borrowed(view.networks()),
            Redaction::Pseudonyms => Cow::Owned(redact(view.networks())),
        };
        Export {
            networks,
            as_of,
            nodes: view.nodes().collect(),
            edges: view.edges().collect(),
            name: view.kind().map_or("portfolio", |k| k.as_str()),
        }
    }

    /// The edges with both ends and the dated tie (strength and freshness
    /// as of the date: redaction keeps edge indices), in input order.
    fn ties(&self) -> impl Iterator<Item = (&Contact, &Contact, &Tie, DatedTie<'a>)> + '_ {
        let g = self.networks.graph();
        self.edges
            .iter()
            .filter_map(move |&e| g.edge_endpoints(e).map(|(a, b)| (&g[a], &g[b], &g[e], self.as_of.dated(e))))
    }
}

/// The value type of a GraphML attribute.
#[derive(Clone, Copy)]
enum AttrType {
    String,
    Int,
    Double,
}

impl AttrType {
    fn as_str(self) -> &'static str {
        match self {
            AttrType::String => "string",
            AttrType::Int => "int",
            AttrType::Double => "double",
        }
    }
}

const NODE_ATTRS: [(&str, AttrType); 9] = [
    ("id", AttrType::String),
    ("name", AttrType::String),
    ("organization", AttrType::String),
    ("relation", AttrType::String),
    ("network", AttrType::String),
    ("role", AttrType::String),
    ("department", AttrType::String),
    ("industry", AttrType::String),
    ("organization_value", AttrType::Double),
];

const EDGE_ATTRS: [(&str, AttrType); 4] = [
    ("level", AttrType::Int),
    ("last_contact", AttrType::String),
    ("strength", AttrType::Double),
    ("freshness", AttrType::String),
];

/// Extra attribute keys in order of first appearance, each with the name it
/// is exported under: the key itself, or `attr_<key>` (repeatedly) if that
/// would clash with a built-in attribute.
fn extra_keys<'r>(
    records: impl Iterator<Item = &'r Attributes>,
    builtin: &[(&str, AttrType)],
) -> Vec<(String, String)> {
    let mut taken: HashSet<String> = builtin.iter().map(|(n, _)| n.to_string()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut keys = Vec::new();
    for attrs in records {
        for (k, _) in attrs.iter() {
            if seen.insert(k) {
                keys.push(k.to_string());
            }
        }
    }
    // Exported names: keys that are themselves free stay; clashes get prefixes.
    let plain: HashSet<String> = keys.iter().filter(|k| !taken.contains(*k)).cloned().collect();
    taken.extend(plain);
    keys.into_iter()
        .map(|k| {
            let exported = if builtin.iter().any(|(n, _)| *n == k) {
                let mut name = format!("attr_{k}");
                while taken.contains(&name) {
                    name = format!("attr_{name}");
                }
                taken.insert(name.clone());
                name
            } else {
                k.clone()
            };
            (k, exported)
        })
        .collect()
}

/// The node attributes of a contact, aligned with [`NODE_ATTRS`].
fn node_values(networks: &SalesNetworks, node: NodeIndex) -> [Option<String>; 9] {
    let c = networks.contact_at(node);
    let org = networks.organization_at(node);
    [
        Some(c.id.to_string()),
        Some(c.name.clone()),
        Some(c.organization.clone()),
        Some(org.relation.as_str().to_string()),
        Some(networks.network_of(node).as_str().to_string()),
        Some(c.role.as_str().to_string()),
        c.department.clone(),
        org.industry.clone(),
        org.value.map(|v| v.to_string()),
    ]
}

/// The edge attributes of a tie, aligned with [`EDGE_ATTRS`].
fn edge_values(tie: &Tie, dated: &DatedTie<'_>) -> [Option<String>; 4] {
    [
        Some(tie.level.get().to_string()),
        tie.last_contact.map(|d| d.to_string()),
        Some(dated.strength.get().to_string()),
        Some(dated.freshness.as_str().to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_keys_rename_clashes() {
        let mut a = Attributes::new();
        a.set("city", "x").set("level", "y").set("attr_level", "z");
        let keys = extra_keys(std::iter::once(&a), &EDGE_ATTRS);
        assert_eq!(
            keys,
            [
                ("city".to_string(), "city".to_string()),
                ("level".to_string(), "attr_attr_level".to_string()),
                ("attr_level".to_string(), "attr_level".to_string())
            ]
        );
    }
}
