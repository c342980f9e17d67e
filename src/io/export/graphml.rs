//! GraphML export of portfolio views and snapshots.

use std::fmt::Write as _;
use std::path::Path;

use super::{AttrType, EDGE_ATTRS, Export, ExportOptions, NODE_ATTRS, edge_values, extra_keys, node_values};
use crate::error::Result;
use crate::graph::Snapshot;
use crate::markup::markupln;
use crate::model::{AsOf, NetworkView};

const GRAPHML_HEADER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
);

fn graphml_key(out: &mut String, id: &str, domain: &str, name: &str, ty: AttrType) {
    let _ = markupln!(
        out,
        "  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>",
        id,
        domain,
        name,
        ty.as_str()
    );
}

fn graphml_data(out: &mut String, indent: &str, key: &str, value: &str) {
    let _ = markupln!(out, "{}<data key=\"{}\">{}</data>", indent, key, value);
}

/// A portfolio view as a GraphML document (undirected), with tie strength
/// and freshness as of the [`AsOf`]'s date.
///
/// Graph attributes: `network` (the view's [`NetworkKind`](crate::NetworkKind)
/// name, `portfolio` for [`SalesNetworks::whole`](crate::SalesNetworks::whole)), `as_of` and `redaction`
/// ([`Redaction::as_str`](crate::io::Redaction::as_str)). Node ids are
/// contact ids; node attributes `id`, `name`, `organization`, `relation`,
/// `network`, `role`, `department`, `industry` (strings),
/// `organization_value` (double), then the contacts' extra attributes
/// (strings) in order of first appearance. Edge attributes `level` (int),
/// `last_contact` (string, `YYYY-MM-DD`), `strength` (double), `freshness`
/// (string), then the ties' extra attributes. An extra attribute named like
/// a built-in one is exported as `attr_<name>`. Missing values (no
/// department, no date) have no `<data>` element. Nodes and edges are in
/// input order; output is deterministic. Characters XML cannot carry become
/// U+FFFD.
///
/// With [`Redaction::Pseudonyms`](crate::io::Redaction::Pseudonyms) every identifying field is replaced (see
/// [`Redaction`](crate::io::Redaction)).
///
/// # Complexity
///
/// O(|V| + |E|) time and memory for the view (redaction copies the portfolio).
///
/// # Panics
///
/// If `view` is not a view of `as_of`'s portfolio.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use salesnet::io::{ExportOptions, Redaction, to_graphml};
/// use salesnet::{Contact, DecayPolicy, NetworkKind, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme & Sons", Relation::Own))
///     .contact(Contact::new("ann", "Ann Seller", "Acme & Sons", Role::Owner)?)
///     .contact(Contact::new("bo", "Bo Engineer", "Acme & Sons", Role::Other)?.with_department("engineering"))
///     .tie(Tie::new("ann", "bo", RelationshipLevel::new(3)?)?.with_last_contact(date(2026, 10, 1)));
/// let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let options = ExportOptions::new();
/// let xml = to_graphml(&as_of, &as_of.view(NetworkKind::Internal), &options);
/// assert!(xml.contains("<data key=\"n2\">Acme &amp; Sons</data>"));
/// assert!(xml.contains("<edge source=\"ann\" target=\"bo\">"));
///
/// let redacted = to_graphml(&as_of, &as_of.whole(), &options.redaction(Redaction::Pseudonyms));
/// assert!(!redacted.contains("Ann") && redacted.contains("<node id=\"C0002\">"));
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn to_graphml<'a>(as_of: &'a AsOf<'a>, view: &NetworkView<'a>, options: &ExportOptions) -> String {
    let export = Export::new(as_of, view, options);
    let networks = export.networks.as_ref();
    let node_extras = extra_keys(export.nodes.iter().map(|&n| &networks.contact_at(n).attributes), &NODE_ATTRS);
    let edge_extras = extra_keys(export.ties().map(|(_, _, t, _)| &t.attributes), &EDGE_ATTRS);

    let mut out = String::with_capacity(256 * (export.nodes.len() + export.edges.len()) + 2048);
    out.push_str(GRAPHML_HEADER);
    graphml_key(&mut out, "g0", "graph", "network", AttrType::String);
    graphml_key(&mut out, "g1", "graph", "as_of", AttrType::String);
    graphml_key(&mut out, "g2", "graph", "redaction", AttrType::String);
    let node_key = |i: usize| format!("n{i}");
    let edge_key = |i: usize| format!("e{i}");
    for (i, (name, ty)) in NODE_ATTRS.iter().enumerate() {
        graphml_key(&mut out, &node_key(i), "node", name, *ty);
    }
    for (i, (_, name)) in node_extras.iter().enumerate() {
        graphml_key(&mut out, &node_key(NODE_ATTRS.len() + i), "node", name, AttrType::String);
    }
    for (i, (name, ty)) in EDGE_ATTRS.iter().enumerate() {
        graphml_key(&mut out, &edge_key(i), "edge", name, *ty);
    }
    for (i, (_, name)) in edge_extras.iter().enumerate() {
        graphml_key(&mut out, &edge_key(EDGE_ATTRS.len() + i), "edge", name, AttrType::String);
    }

    out.push_str("  <graph id=\"G\" edgedefault=\"undirected\">\n");
    graphml_data(&mut out, "    ", "g0", export.name);
    graphml_data(&mut out, "    ", "g1", &as_of.date().to_string());
    graphml_data(&mut out, "    ", "g2", options.redaction.as_str());
    for &node in &export.nodes {
        let contact = networks.contact_at(node);
        let _ = markupln!(out, "    <node id=\"{}\">", contact.id.as_str());
        for (i, value) in node_values(networks, node).iter().enumerate() {
            if let Some(value) = value {
                graphml_data(&mut out, "      ", &node_key(i), value);
            }
        }
        for (i, (key, _)) in node_extras.iter().enumerate() {
            if let Some(value) = contact.attributes.get(key) {
                graphml_data(&mut out, "      ", &node_key(NODE_ATTRS.len() + i), value);
            }
        }
        out.push_str("    </node>\n");
    }
    for (a, b, tie, dated) in export.ties() {
        let _ = markupln!(out, "    <edge source=\"{}\" target=\"{}\">", a.id.as_str(), b.id.as_str());
        for (i, value) in edge_values(tie, &dated).iter().enumerate() {
            if let Some(value) = value {
                graphml_data(&mut out, "      ", &edge_key(i), value);
            }
        }
        for (i, (key, _)) in edge_extras.iter().enumerate() {
            if let Some(value) = tie.attributes.get(key) {
                graphml_data(&mut out, "      ", &edge_key(EDGE_ATTRS.len() + i), value);
            }
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// Writes [`to_graphml`] of `view` to a file, atomically (see [`write_file`](crate::io::write_file)).
///
/// # Errors
///
/// [`Error::Io`](crate::Error::Io) if the file cannot be written.
pub fn write_graphml<'a>(
    as_of: &'a AsOf<'a>,
    view: &NetworkView<'a>,
    options: &ExportOptions,
    path: impl AsRef<Path>,
) -> Result<()> {
    let path = path.as_ref();
    crate::io::write_file(path, to_graphml(as_of, view, options))
}

/// An analysis snapshot (an edge-list graph) as GraphML: node ids are the
/// snapshot's ids, `edgedefault` is `directed` or `undirected` as the
/// snapshot, and weighted snapshots carry a `weight` (double) edge attribute.
/// Nodes in number order, edges as [`Snapshot::edges`].
///
/// # Complexity
///
/// O(|V| + |E|) time and memory.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::io::snapshot_to_graphml;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("ann", "bob", 0.5)?;
/// let xml = snapshot_to_graphml(&b.build());
/// assert!(xml.contains("<edge source=\"ann\" target=\"bob\">"));
/// assert!(xml.contains("<data key=\"weight\">0.5</data>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn snapshot_to_graphml(snapshot: &Snapshot) -> String {
    let mut out = String::with_capacity(64 * (snapshot.node_count() + snapshot.edge_count()) + 1024);
    out.push_str(GRAPHML_HEADER);
    let weighted = snapshot.is_weighted();
    if weighted {
        graphml_key(&mut out, "weight", "edge", "weight", AttrType::Double);
    }
    let direction = if snapshot.is_directed() { "directed" } else { "undirected" };
    let _ = markupln!(out, "  <graph id=\"G\" edgedefault=\"{}\">", direction);
    for v in snapshot.nodes() {
        let _ = markupln!(out, "    <node id=\"{}\"/>", snapshot.id(v));
    }
    for (u, v, w) in snapshot.edges() {
        let (a, b) = (snapshot.id(u), snapshot.id(v));
        if weighted {
            let _ = markupln!(out, "    <edge source=\"{}\" target=\"{}\">", a, b);
            graphml_data(&mut out, "      ", "weight", &w.to_string());
            out.push_str("    </edge>\n");
        } else {
            let _ = markupln!(out, "    <edge source=\"{}\" target=\"{}\"/>", a, b);
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
