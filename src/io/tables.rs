//! A network as a node table and an edge table: the one model behind the
//! command line's export formats (GraphML with a `label`, GEXF 1.3, DOT, CSV
//! tables and, with the `parquet` feature, Parquet tables).
//!
//! A portfolio view's tables are read back from its GraphML export
//! ([`to_graphml`](crate::io::to_graphml)), so every format carries exactly
//! the attributes, strengths and pseudonyms of that export. An edge list's
//! tables hold its nodes and weighted ties, and take computed measures as
//! extra node columns.

use std::fmt::Write as _;

use crate::error::{Error, Location, Result};
use crate::graph::Snapshot;
use crate::io::{ExportOptions, to_graphml};
use crate::markup::{dot_quote, markup, markupln};
use crate::model::{AsOf, NetworkView};

/// A file format for [`NetworkTables::write`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TableFormat {
    /// One GraphML file ([`NetworkTables::to_graphml`]).
    GraphMl,
    /// One GEXF 1.3 file ([`NetworkTables::to_gexf`]).
    Gexf,
    /// One DOT file ([`NetworkTables::to_dot`]).
    Dot,
    /// A folder with `nodes.csv` and `edges.csv` ([`NetworkTables::to_csv`]).
    Csv,
    /// A folder with `nodes.parquet` and `edges.parquet` (`NetworkTables::to_parquet`,
    /// with the `parquet` feature).
    Parquet,
}

/// The type of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    String,
    /// A whole number (64 bits).
    Int,
    /// A floating-point number.
    Double,
}

impl ColumnType {
    fn graphml(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Int => "long",
            ColumnType::Double => "double",
        }
    }

    fn of_graphml(name: &str) -> ColumnType {
        match name {
            "int" | "long" => ColumnType::Int,
            "float" | "double" => ColumnType::Double,
            _ => ColumnType::String,
        }
    }
}

/// A named, typed column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// Its type.
    pub kind: ColumnType,
}

impl Column {
    /// A column.
    pub fn new(name: impl Into<String>, kind: ColumnType) -> Self {
        Column { name: name.into(), kind }
    }
}

/// One row: the values of the columns, as text (`None` for missing).
pub type Values = Vec<Option<String>>;

/// A network as tables.
///
/// Every node has an `id` and a `label` (a contact's name, an edge list's id);
/// other node columns follow. Edges are `(source id, target id, values)`.
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::io::NetworkTables;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("ann", "bob", 0.5)?;
/// let mut t = NetworkTables::from_snapshot(&b.build());
/// t.push_node_measure("degree", vec![Some(1.0), Some(1.0)])?;
/// let (nodes, edges) = t.to_csv();
/// assert_eq!(nodes, "id,label,degree\nann,ann,1\nbob,bob,1\n");
/// assert_eq!(edges, "source,target,weight\nann,bob,0.5\n");
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkTables {
    /// The network's name (`market`, `portfolio`, `edges`, ...).
    pub name: String,
    /// Whether edges are arcs.
    pub directed: bool,
    /// Attributes of the whole graph (`as_of`, `redaction`, ...), in order.
    pub graph_attributes: Vec<(String, String)>,
    /// Node columns after `id` (the first is `label`).
    pub node_columns: Vec<Column>,
    /// `(id, values)` per node, in node order.
    pub nodes: Vec<(String, Values)>,
    /// Edge columns after the two ends.
    pub edge_columns: Vec<Column>,
    /// `(source, target, values)` per edge, in edge order.
    pub edges: Vec<(String, String, Values)>,
}

impl NetworkTables {
    /// The tables of a snapshot: `id` and `label` (the id) per node; a
    /// `weight` column per edge if the snapshot is weighted.
    pub fn from_snapshot(snapshot: &Snapshot) -> NetworkTables {
        let weighted = snapshot.is_weighted();
        NetworkTables {
            name: "edges".into(),
            directed: snapshot.is_directed(),
            graph_attributes: Vec::new(),
            node_columns: vec![Column::new("label", ColumnType::String)],
            nodes: snapshot
                .nodes()
                .map(|v| (snapshot.id(v).to_string(), vec![Some(snapshot.id(v).to_string())]))
                .collect(),
            edge_columns: if weighted { vec![Column::new("weight", ColumnType::Double)] } else { Vec::new() },
            edges: snapshot
                .edges()
                .map(|(u, v, w)| {
                    let values = if weighted { vec![Some(w.to_string())] } else { Vec::new() };
                    (snapshot.id(u).to_string(), snapshot.id(v).to_string(), values)
                })
                .collect(),
        }
    }

    /// The tables of a portfolio view, with every attribute of its GraphML
    /// export ([`to_graphml`]): `label` is the contact's name, then
    /// `name`, `organization`, `relation`, `network`, `role`, `department`,
    /// `industry`, `organization_value` and the extra contact columns; per
    /// edge `level`, `last_contact`, `strength`, `freshness` and the extra
    /// tie columns. Under [`Redaction::Pseudonyms`](crate::io::Redaction)
    /// names and ids are pseudonyms.
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] only if the GraphML export could not be read back (a bug).
    pub fn from_view<'a>(
        as_of: &'a AsOf<'a>,
        view: &NetworkView<'a>,
        options: &ExportOptions,
    ) -> Result<NetworkTables> {
        from_graphml(&to_graphml(as_of, view, options))
    }

    /// Adds a numeric node column (a measure); `None` is missing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if there is not one value per node, or the
    /// name is taken.
    pub fn push_node_measure(&mut self, name: &str, values: Vec<Option<f64>>) -> Result<()> {
        let all_whole = values.iter().flatten().all(|x| x.fract() == 0.0 && x.abs() < 9.0e15);
        let kind = if all_whole && !values.is_empty() { ColumnType::Int } else { ColumnType::Double };
        let text = values.into_iter().map(|x| x.map(|x| x.to_string())).collect();
        self.push_node_column(Column::new(name, kind), text)
    }

    /// Adds a node column.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if there is not one value per node, or the
    /// name is taken (`id` included).
    pub fn push_node_column(&mut self, column: Column, values: Values) -> Result<()> {
        if values.len() != self.nodes.len() {
            return Err(Error::InvalidArgument {
                name: "column",
                reason: format!("{} values for {} nodes", values.len(), self.nodes.len()),
            });
        }
        if column.name == "id" || self.node_columns.iter().any(|c| c.name == column.name) {
            return Err(Error::InvalidArgument { name: "column", reason: format!("`{}` is taken", column.name) });
        }
        self.node_columns.push(column);
        for ((_, row), value) in self.nodes.iter_mut().zip(values) {
            row.push(value);
        }
        Ok(())
    }

    /// Replaces every node id (and a `label` equal to it) by a pseudonym
    /// `N0001`, `N0002`, ... in node order, in the edges too: for edge lists,
    /// whose ids may be names or e-mail addresses. (A portfolio is redacted
    /// by [`Redaction::Pseudonyms`](crate::io::Redaction) instead.)
    pub fn redact_ids(&mut self) {
        let width = self.nodes.len().to_string().len().max(4);
        let label = self.node_columns.iter().position(|c| c.name == "label");
        let mut map = std::collections::HashMap::with_capacity(self.nodes.len());
        for (i, (id, values)) in self.nodes.iter_mut().enumerate() {
            let token = format!("N{:0width$}", i + 1);
            if let Some(l) = label
                && values[l].as_deref() == Some(id.as_str())
            {
                values[l] = Some(token.clone());
            }
            map.insert(std::mem::replace(id, token.clone()), token);
        }
        for (s, t, _) in &mut self.edges {
            *s = map[s.as_str()].clone();
            *t = map[t.as_str()].clone();
        }
        self.graph_attributes.push(("redaction".into(), "pseudonyms".into()));
    }

    fn label_of<'v>(&self, values: &'v Values) -> Option<&'v str> {
        let i = self.node_columns.iter().position(|c| c.name == "label")?;
        values[i].as_deref()
    }

    /// The weight of an edge for formats that have one (GEXF, DOT): the
    /// `weight` column, else `strength`.
    fn weight_column(&self) -> Option<usize> {
        let by = |n: &str| self.edge_columns.iter().position(|c| c.name == n);
        by("weight").or_else(|| by("strength"))
    }

    /// Writes the tables to `out`: one file, or a folder of two files (CSV,
    /// Parquet), complete or absent (see [`write_file`](crate::io::write_file)).
    /// Check the output first with [`check_output`](crate::io::check_output).
    ///
    /// # Errors
    ///
    /// [`Error::Io`]; [`Error::InvalidArgument`] for Parquet without the
    /// `parquet` feature, or from `NetworkTables::to_parquet`.
    pub fn write(&self, format: TableFormat, out: impl AsRef<std::path::Path>) -> Result<()> {
        let out = out.as_ref();
        match format {
            TableFormat::GraphMl => crate::io::write_file(out, self.to_graphml()),
            TableFormat::Gexf => crate::io::write_file(out, self.to_gexf()),
            TableFormat::Dot => crate::io::write_file(out, self.to_dot()),
            TableFormat::Csv => {
                let (nodes, edges) = self.to_csv();
                crate::io::write_files(out, &[("nodes.csv", nodes.as_bytes()), ("edges.csv", edges.as_bytes())])
            }
            TableFormat::Parquet => self.write_parquet(out),
        }
    }

    #[cfg(feature = "parquet")]
    fn write_parquet(&self, out: &std::path::Path) -> Result<()> {
        let (nodes, edges) = self.to_parquet()?;
        crate::io::write_files(out, &[("nodes.parquet", &nodes), ("edges.parquet", &edges)])
    }

    #[cfg(not(feature = "parquet"))]
    fn write_parquet(&self, _: &std::path::Path) -> Result<()> {
        Err(Error::InvalidArgument {
            name: "format",
            reason: "Parquet needs salesnet's `parquet` feature (cargo ... --features parquet)".into(),
        })
    }

    /// GraphML with a `label` node attribute (what Gephi shows), every
    /// column as a typed key, and the graph attributes.
    pub fn to_graphml(&self) -> String {
        let mut out = String::with_capacity(128 * (self.nodes.len() + self.edges.len()) + 2048);
        out.push_str(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
            "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        ));
        let key = |out: &mut String, id: String, domain: &str, c: &Column| {
            let _ = markupln!(
                out,
                "  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>",
                id,
                domain,
                c.name,
                c.kind.graphml()
            );
        };
        for (i, (name, _)) in self.graph_attributes.iter().enumerate() {
            key(&mut out, format!("g{i}"), "graph", &Column::new(name.clone(), ColumnType::String));
        }
        for (i, c) in self.node_columns.iter().enumerate() {
            key(&mut out, format!("n{i}"), "node", c);
        }
        for (i, c) in self.edge_columns.iter().enumerate() {
            key(&mut out, format!("e{i}"), "edge", c);
        }
        let data = |out: &mut String, indent: &str, key: String, value: &str| {
            let _ = markupln!(out, "{}<data key=\"{}\">{}</data>", indent, key, value);
        };
        let direction = if self.directed { "directed" } else { "undirected" };
        let _ = markupln!(out, "  <graph id=\"{}\" edgedefault=\"{}\">", self.name, direction);
        for (i, (_, value)) in self.graph_attributes.iter().enumerate() {
            data(&mut out, "    ", format!("g{i}"), value);
        }
        for (id, values) in &self.nodes {
            let _ = markupln!(out, "    <node id=\"{}\">", id);
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    data(&mut out, "      ", format!("n{i}"), v);
                }
            }
            out.push_str("    </node>\n");
        }
        for (s, t, values) in &self.edges {
            let _ = markupln!(out, "    <edge source=\"{}\" target=\"{}\">", s, t);
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    data(&mut out, "      ", format!("e{i}"), v);
                }
            }
            out.push_str("    </edge>\n");
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }

    /// GEXF 1.3: nodes with `label`, every other column as a typed
    /// attribute, edges with `weight` (the `weight` column, else `strength`).
    pub fn to_gexf(&self) -> String {
        let mut out = String::with_capacity(128 * (self.nodes.len() + self.edges.len()) + 2048);
        out.push_str(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
            "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        ));
        let description: Vec<String> = std::iter::once(format!("network={}", self.name))
            .chain(self.graph_attributes.iter().map(|(k, v)| format!("{k}={v}")))
            .collect();
        let _ = markupln!(
            out,
            "  <meta>\n    <creator>salesnet</creator>\n    <description>{}</description>\n  </meta>",
            description.join("; ")
        );
        let direction = if self.directed { "directed" } else { "undirected" };
        let _ = markupln!(out, "  <graph defaultedgetype=\"{}\" mode=\"static\">", direction);
        let gexf_type = |k: ColumnType| match k {
            ColumnType::String => "string",
            ColumnType::Int => "long",
            ColumnType::Double => "double",
        };
        let attributes = |out: &mut String, class: &str, columns: &[(usize, &Column)]| {
            if columns.is_empty() {
                return;
            }
            let _ = markupln!(out, "    <attributes class=\"{}\">", class);
            for (i, c) in columns {
                let _ = markupln!(
                    out,
                    "      <attribute id=\"{}\" title=\"{}\" type=\"{}\"/>",
                    i,
                    c.name,
                    gexf_type(c.kind)
                );
            }
            out.push_str("    </attributes>\n");
        };
        let node_attrs: Vec<(usize, &Column)> =
            self.node_columns.iter().enumerate().filter(|(_, c)| c.name != "label").collect();
        let weight = self.weight_column();
        let edge_attrs: Vec<(usize, &Column)> =
            self.edge_columns.iter().enumerate().filter(|(i, c)| Some(*i) != weight || c.name != "weight").collect();
        attributes(&mut out, "node", &node_attrs);
        attributes(&mut out, "edge", &edge_attrs);
        let attvalues = |out: &mut String, columns: &[(usize, &Column)], values: &Values| {
            let present: Vec<(usize, &str)> =
                columns.iter().filter_map(|(i, _)| values[*i].as_deref().map(|v| (*i, v))).collect();
            if present.is_empty() {
                return;
            }
            out.push_str("        <attvalues>\n");
            for (i, v) in present {
                let _ = markupln!(out, "          <attvalue for=\"{}\" value=\"{}\"/>", i, v);
            }
            out.push_str("        </attvalues>\n");
        };
        out.push_str("    <nodes>\n");
        for (id, values) in &self.nodes {
            let label = self.label_of(values).unwrap_or(id);
            let _ = markupln!(out, "      <node id=\"{}\" label=\"{}\">", id, label);
            attvalues(&mut out, &node_attrs, values);
            out.push_str("      </node>\n");
        }
        out.push_str("    </nodes>\n    <edges>\n");
        for (i, (s, t, values)) in self.edges.iter().enumerate() {
            let _ = markup!(out, "      <edge id=\"{}\" source=\"{}\" target=\"{}\"", i, s, t);
            if let Some(w) = weight.and_then(|w| values[w].as_deref()) {
                let _ = markup!(out, " weight=\"{}\"", w);
            }
            out.push_str(">\n");
            attvalues(&mut out, &edge_attrs, values);
            out.push_str("      </edge>\n");
        }
        out.push_str("    </edges>\n  </graph>\n</gexf>\n");
        out
    }

    /// Graphviz DOT: every column as an attribute (`label` included), edges
    /// with their columns.
    pub fn to_dot(&self) -> String {
        let mut out = String::with_capacity(96 * (self.nodes.len() + self.edges.len()) + 256);
        let (kind, arrow) = if self.directed { ("digraph", "->") } else { ("graph", "--") };
        let _ = writeln!(out, "{kind} {} {{", dot_quote(&self.name));
        if !self.graph_attributes.is_empty() {
            let attrs: Vec<String> =
                self.graph_attributes.iter().map(|(k, v)| format!("{}={}", dot_quote(k), dot_quote(v))).collect();
            let _ = writeln!(out, "  graph [{}];", attrs.join(", "));
        }
        let attrs = |columns: &[Column], values: &Values| -> String {
            let parts: Vec<String> = columns
                .iter()
                .zip(values)
                .filter_map(|(c, v)| v.as_deref().map(|v| format!("{}={}", dot_quote(&c.name), dot_quote(v))))
                .collect();
            if parts.is_empty() { String::new() } else { format!(" [{}]", parts.join(", ")) }
        };
        for (id, values) in &self.nodes {
            let _ = writeln!(out, "  {}{};", dot_quote(id), attrs(&self.node_columns, values));
        }
        for (s, t, values) in &self.edges {
            let _ = writeln!(out, "  {} {arrow} {}{};", dot_quote(s), dot_quote(t), attrs(&self.edge_columns, values));
        }
        out.push_str("}\n");
        out
    }

    /// CSV node and edge tables: `id,label,...` and `source,target,...`
    /// (the edge table reads back as an edge list).
    pub fn to_csv(&self) -> (String, String) {
        let mut nodes = String::from("id");
        for c in &self.node_columns {
            nodes.push(',');
            nodes.push_str(&csv_field(&c.name));
        }
        nodes.push('\n');
        for (id, values) in &self.nodes {
            nodes.push_str(&csv_field(id));
            csv_values(&mut nodes, values);
        }
        let mut edges = String::from("source,target");
        for c in &self.edge_columns {
            edges.push(',');
            edges.push_str(&csv_field(&c.name));
        }
        edges.push('\n');
        for (s, t, values) in &self.edges {
            edges.push_str(&csv_field(s));
            edges.push(',');
            edges.push_str(&csv_field(t));
            csv_values(&mut edges, values);
        }
        (nodes, edges)
    }
}

fn csv_values(out: &mut String, values: &Values) {
    for v in values {
        out.push(',');
        if let Some(v) = v {
            out.push_str(&csv_field(v));
        }
    }
    out.push('\n');
}

/// A CSV field, quoted when it holds a comma, quote or line break, or
/// starts or ends with white space (which readers trim).
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Reads a portfolio's GraphML export back into tables.
fn from_graphml(text: &str) -> Result<NetworkTables> {
    let bad = |message: String| Error::Malformed { location: Location::file("<graphml export>"), message };
    let doc = roxmltree::Document::parse(text).map_err(|e| bad(e.to_string()))?;
    let root = doc.root_element();
    let el = |n: &roxmltree::Node<'_, '_>, name: &str| n.is_element() && n.tag_name().name() == name;
    let mut graph_keys: Vec<(&str, &str)> = Vec::new();
    let mut node_keys: Vec<(&str, Column)> = Vec::new();
    let mut edge_keys: Vec<(&str, Column)> = Vec::new();
    for k in root.children().filter(|n| el(n, "key")) {
        let (Some(id), Some(name)) = (k.attribute("id"), k.attribute("attr.name")) else { continue };
        let column = Column::new(name, ColumnType::of_graphml(k.attribute("attr.type").unwrap_or("string")));
        match k.attribute("for") {
            Some("graph") => graph_keys.push((id, name)),
            Some("node") if name != "id" => node_keys.push((id, column)),
            Some("edge") => edge_keys.push((id, column)),
            _ => {}
        }
    }
    let graph = root.children().find(|n| el(n, "graph")).ok_or_else(|| bad("no <graph>".into()))?;
    let row = |n: roxmltree::Node<'_, '_>, keys: &[(&str, Column)]| -> Values {
        let mut values = vec![None; keys.len()];
        for d in n.children().filter(|d| el(d, "data")) {
            if let Some(i) = keys.iter().position(|(id, _)| Some(*id) == d.attribute("key")) {
                values[i] = Some(d.text().unwrap_or("").to_string());
            }
        }
        values
    };
    let mut graph_attributes = Vec::new();
    for d in graph.children().filter(|d| el(d, "data")) {
        if let Some((_, name)) = graph_keys.iter().find(|(id, _)| Some(*id) == d.attribute("key")) {
            graph_attributes.push((name.to_string(), d.text().unwrap_or("").to_string()));
        }
    }
    let name =
        graph_attributes.iter().find(|(k, _)| k == "network").map_or("portfolio".to_string(), |(_, v)| v.clone());
    let name_column = node_keys.iter().position(|(_, c)| c.name == "name");
    let mut nodes = Vec::new();
    for n in graph.children().filter(|n| el(n, "node")) {
        let id = n.attribute("id").unwrap_or("").to_string();
        let values = row(n, &node_keys);
        let label = name_column.and_then(|i| values[i].clone()).unwrap_or_else(|| id.clone());
        nodes.push((id, std::iter::once(Some(label)).chain(values).collect()));
    }
    let mut edges = Vec::new();
    for e in graph.children().filter(|n| el(n, "edge")) {
        let (s, t) = (e.attribute("source").unwrap_or(""), e.attribute("target").unwrap_or(""));
        edges.push((s.to_string(), t.to_string(), row(e, &edge_keys)));
    }
    let node_columns = std::iter::once(Column::new("label", ColumnType::String))
        .chain(node_keys.into_iter().map(|(_, c)| c))
        .collect();
    Ok(NetworkTables {
        name,
        directed: graph.attribute("edgedefault") == Some("directed"),
        graph_attributes,
        node_columns,
        nodes,
        edge_columns: edge_keys.into_iter().map(|(_, c)| c).collect(),
        edges,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::SnapshotBuilder;

    fn small() -> NetworkTables {
        let mut b = SnapshotBuilder::directed();
        b.add_edge("a", "b, \"quoted\"", 0.5).unwrap();
        b.add_edge("b, \"quoted\"", "c", 2.0).unwrap();
        let mut t = NetworkTables::from_snapshot(&b.build());
        t.push_node_measure("betweenness", vec![Some(0.0), Some(0.5), None]).unwrap();
        t
    }

    #[test]
    fn csv_tables_quote_and_leave_missing_values_empty() {
        let (nodes, edges) = small().to_csv();
        assert_eq!(nodes, "id,label,betweenness\na,a,0\n\"b, \"\"quoted\"\"\",\"b, \"\"quoted\"\"\",0.5\nc,c,\n");
        assert_eq!(edges, "source,target,weight\na,\"b, \"\"quoted\"\"\",0.5\n\"b, \"\"quoted\"\"\",c,2\n");
    }

    #[test]
    fn measures_are_typed_and_names_unique() {
        let mut t = small();
        assert_eq!(t.node_columns[1].kind, ColumnType::Double);
        t.push_node_measure("degree", vec![Some(1.0), Some(2.0), Some(1.0)]).unwrap();
        assert_eq!(t.node_columns[2].kind, ColumnType::Int);
        assert!(t.push_node_measure("degree", vec![None, None, None]).is_err());
        assert!(t.push_node_measure("id", vec![None, None, None]).is_err());
        assert!(t.push_node_measure("x", vec![None]).is_err());
    }

    #[test]
    fn graphml_and_gexf_are_well_formed_and_labelled() {
        let t = small();
        let g = t.to_graphml();
        let doc = roxmltree::Document::parse(&g).unwrap();
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name("node")).count(), 3);
        assert!(g.contains("attr.name=\"label\""));
        let x = t.to_gexf();
        let doc = roxmltree::Document::parse(&x).unwrap();
        let labels: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("node")).filter_map(|n| n.attribute("label")).collect();
        assert_eq!(labels, ["a", "b, \"quoted\"", "c"]);
        let weights: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("edge")).filter_map(|n| n.attribute("weight")).collect();
        assert_eq!(weights, ["0.5", "2"]);
        assert!(t.to_dot().starts_with("digraph \"edges\" {\n"));
        assert!(t.to_dot().contains("\"a\" -> \"b, \\\"quoted\\\"\" [\"weight\"=\"0.5\"];"));
    }
}
