//! Graphviz DOT export of portfolio views and snapshots.

use std::fmt::Write as _;
use std::path::Path;

use super::{EDGE_ATTRS, Export, ExportOptions, NODE_ATTRS, edge_values, extra_keys, node_values};
use crate::error::Result;
use crate::graph::Snapshot;
use crate::markup::dot_quote;
use crate::model::{AsOf, NetworkView};

/// A portfolio view as a Graphviz DOT document (an undirected `graph`), with
/// tie strength and freshness as of the [`AsOf`]'s date.
///
/// Every id, attribute name and value is a quoted DOT string (`"` and `\`
/// escaped, line breaks as `\n`, other control characters as spaces). The
/// graph is named after the view (as GraphML's `network`) and carries
/// `network`, `as_of` and `redaction` graph attributes. Nodes
/// carry `label` (the name) and the same attributes as in
/// [`to_graphml`](crate::io::to_graphml); the owners are drawn with a double outline
/// (`peripheries=2`). Edges carry `level`, `last_contact`, `strength`,
/// `freshness` and extra attributes, plus `penwidth` (0.5 + 3 x strength) and
/// `style=dashed` for ties of strength 0. Graphviz ignores attributes it does
/// not know, so the file both draws and keeps the data. Nodes and edges are
/// in input order.
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
/// use salesnet::io::{ExportOptions, to_dot};
/// use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .contact(Contact::new("ann", "Ann \"The\" Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("bo", "Bo", "Acme", Role::Other)?)
///     .tie(Tie::new("ann", "bo", RelationshipLevel::new(5)?)?);
/// let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let dot = to_dot(&as_of, &as_of.whole(), &ExportOptions::new());
/// assert!(dot.starts_with("graph \"portfolio\" {"));
/// assert!(dot.contains("\"label\"=\"Ann \\\"The\\\" Seller\""));
/// assert!(dot.contains("\"ann\" -- \"bo\" ["));
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn to_dot<'a>(as_of: &'a AsOf<'a>, view: &NetworkView<'a>, options: &ExportOptions) -> String {
    let export = Export::new(as_of, view, options);
    let networks = export.networks.as_ref();
    let node_extras = extra_keys(export.nodes.iter().map(|&n| &networks.contact_at(n).attributes), &NODE_ATTRS);
    let edge_extras = extra_keys(export.ties().map(|(_, _, t, _)| &t.attributes), &EDGE_ATTRS);

    let mut out = String::with_capacity(256 * (export.nodes.len() + export.edges.len()) + 256);
    let _ = writeln!(out, "graph {} {{", dot_quote(export.name));
    let _ = writeln!(
        out,
        "  graph [\"network\"={}, \"as_of\"={}, \"redaction\"={}];",
        dot_quote(export.name),
        dot_quote(&as_of.date().to_string()),
        dot_quote(options.redaction.as_str())
    );
    for &node in &export.nodes {
        let contact = networks.contact_at(node);
        let mut attrs: Vec<(String, String)> = vec![("label".into(), contact.name.clone())];
        for ((name, _), value) in NODE_ATTRS.iter().zip(node_values(networks, node)) {
            if let Some(value) = value {
                attrs.push((name.to_string(), value));
            }
        }
        for (key, name) in &node_extras {
            if let Some(value) = contact.attributes.get(key) {
                attrs.push((name.clone(), value.to_string()));
            }
        }
        if networks.is_owner(node) {
            attrs.push(("peripheries".into(), "2".into()));
        }
        let _ = writeln!(out, "  {} [{}];", dot_quote(contact.id.as_str()), dot_attrs(&attrs));
    }
    for (a, b, tie, dated) in export.ties() {
        let mut attrs: Vec<(String, String)> = Vec::new();
        for ((name, _), value) in EDGE_ATTRS.iter().zip(edge_values(tie, &dated)) {
            if let Some(value) = value {
                attrs.push((name.to_string(), value));
            }
        }
        for (key, name) in &edge_extras {
            if let Some(value) = tie.attributes.get(key) {
                attrs.push((name.clone(), value.to_string()));
            }
        }
        let strength = dated.strength.get();
        attrs.push(("penwidth".into(), (0.5 + 3.0 * strength).to_string()));
        if strength == 0.0 {
            attrs.push(("style".into(), "dashed".into()));
        }
        let _ =
            writeln!(out, "  {} -- {} [{}];", dot_quote(a.id.as_str()), dot_quote(b.id.as_str()), dot_attrs(&attrs));
    }
    out.push_str("}\n");
    out
}

fn dot_attrs(attrs: &[(String, String)]) -> String {
    let parts: Vec<String> = attrs.iter().map(|(k, v)| format!("{}={}", dot_quote(k), dot_quote(v))).collect();
    parts.join(", ")
}

/// Writes [`to_dot`] of `view` to a file, atomically (see [`write_file`](crate::io::write_file)).
///
/// # Errors
///
/// [`Error::Io`](crate::Error::Io) if the file cannot be written.
pub fn write_dot<'a>(
    as_of: &'a AsOf<'a>,
    view: &NetworkView<'a>,
    options: &ExportOptions,
    path: impl AsRef<Path>,
) -> Result<()> {
    let path = path.as_ref();
    crate::io::write_file(path, to_dot(as_of, view, options))
}

/// An analysis snapshot as Graphviz DOT: a `graph` with `--` edges, or a
/// `digraph` with `->` arcs; weighted snapshots carry a `weight` edge
/// attribute. Ids are quoted DOT strings. Nodes in number order, edges as
/// [`Snapshot::edges`].
///
/// # Complexity
///
/// O(|V| + |E|) time and memory.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::io::snapshot_to_dot;
///
/// let mut b = SnapshotBuilder::directed();
/// b.add_edge("ann", "bob", 1.0)?;
/// let dot = snapshot_to_dot(&b.build());
/// assert!(dot.starts_with("digraph {"));
/// assert!(dot.contains("  \"ann\" -> \"bob\";"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn snapshot_to_dot(snapshot: &Snapshot) -> String {
    let mut out = String::with_capacity(32 * (snapshot.node_count() + snapshot.edge_count()) + 64);
    let (kind, arrow) = if snapshot.is_directed() { ("digraph", "->") } else { ("graph", "--") };
    let _ = writeln!(out, "{kind} {{");
    for v in snapshot.nodes() {
        let _ = writeln!(out, "  {};", dot_quote(snapshot.id(v)));
    }
    let weighted = snapshot.is_weighted();
    for (u, v, w) in snapshot.edges() {
        let (a, b) = (dot_quote(snapshot.id(u)), dot_quote(snapshot.id(v)));
        if weighted {
            let _ = writeln!(out, "  {a} {arrow} {b} [\"weight\"={}];", dot_quote(&w.to_string()));
        } else {
            let _ = writeln!(out, "  {a} {arrow} {b};");
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_quote_escapes_quotes_backslashes_and_breaks() {
        assert_eq!(dot_quote("a"), "\"a\"");
        assert_eq!(dot_quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(dot_quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(dot_quote("two\nlines\t"), "\"two\\nlines \"");
    }
}
