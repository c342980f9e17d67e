//! GraphML and DOT export of portfolio views and snapshots, with an option to
//! replace personal data by stable pseudonyms (see [`Redaction`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::error::Result;
use crate::graph::Snapshot;
use crate::io::text::xml_escape;
use crate::model::{
    AsOf, Attributes, Contact, ContactId, DatedTie, Deal, NetworkView, Organization, SalesNetworks, Tie,
};

/// Whether an export shows people as they are or under pseudonyms.
///
/// # What is replaced and what is kept
///
/// Contact data is personal data ("don't disclose customers' important
/// information at will"). [`Redaction::Pseudonyms`] and [`redact`] treat these
/// as identifying and replace them:
///
/// | replaced | by |
/// |---|---|
/// | contact ids and names | `C0001`, `C0002`, ... numbered in contact input order (the name becomes the same token as the id) |
/// | organization names (our own firm included) | `Org01`, `Org02`, ... numbered in organization input order |
/// | every extra attribute value (e-mail, city, notes, channel, ...) of organizations, contacts and ties | `<key>-001`, `<key>-002`, ... numbered per column in order of first appearance (organizations, then contacts, then ties), so equal values stay equal |
///
/// and keep everything the analysis needs: the structure (every contact and
/// tie, in the same order), relations, roles, departments, industries,
/// organization values, relationship levels and last-contact dates (hence
/// strengths and freshness), and the extra attributes' column names. Numbers
/// grow wider than 4 (contacts), 2 (organizations) or 3 (attribute values)
/// digits when there are more records. Pseudonyms depend only on the
/// portfolio, never on the view exported, so one person has one pseudonym in
/// every export of the same portfolio ([`Pseudonyms`] gives the mapping to
/// reports and pictures).
///
/// Departments and industries are kept because the internal and market
/// stages need them; a department of one person in a small firm can still
/// point to somebody, so review a redacted file before sharing it widely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Redaction {
    /// Names, ids, organization names and attributes as they are.
    #[default]
    None,
    /// Stable pseudonyms for everything identifying, as described above.
    Pseudonyms,
}

impl Redaction {
    /// The lowercase name written into exports (`none`, `pseudonyms`).
    pub fn as_str(self) -> &'static str {
        match self {
            Redaction::None => "none",
            Redaction::Pseudonyms => "pseudonyms",
        }
    }
}

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

/// Stable pseudonyms for a portfolio's contacts, organizations and extra
/// attribute values (see [`Redaction`] for the scheme).
///
/// The same portfolio always gets the same pseudonyms. Reports and pictures
/// that show a redacted portfolio use this mapping so that a person is called
/// the same everywhere.
///
/// # Examples
///
/// ```
/// use salesnet::io::Pseudonyms;
/// use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Customer))
///     .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("carl", "Carl Buyer", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("ann", "carl", RelationshipLevel::new(4)?)?);
/// let networks = b.build()?;
/// let names = Pseudonyms::new(&networks);
/// assert_eq!(names.contact("carl"), Some("C0002"));
/// assert_eq!(names.organization("Globex"), Some("Org02"));
/// assert_eq!(names.contact("nobody"), None);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonyms {
    /// `(original id, pseudonym)` by node index (contact input order).
    contacts: Vec<(ContactId, String)>,
    /// `(original name, pseudonym)` in organization input order.
    organizations: Vec<(String, String)>,
    contact_lookup: HashMap<ContactId, usize>,
    org_lookup: HashMap<String, usize>,
    /// `(key, original value)` to pseudonym.
    attributes: HashMap<(String, String), String>,
}

impl Pseudonyms {
    /// The pseudonyms of a portfolio.
    ///
    /// # Complexity
    ///
    /// O(|V| + |E| + number of attribute values) time and memory.
    pub fn new(networks: &SalesNetworks) -> Self {
        let contacts: Vec<(ContactId, String)> = {
            let width = digits(networks.contact_count()).max(4);
            networks.contacts().enumerate().map(|(i, c)| (c.id.clone(), format!("C{:0width$}", i + 1))).collect()
        };
        let organizations: Vec<(String, String)> = {
            let width = digits(networks.organizations().len()).max(2);
            networks
                .organizations()
                .iter()
                .enumerate()
                .map(|(i, o)| (o.name.clone(), format!("Org{:0width$}", i + 1)))
                .collect()
        };
        let contact_lookup = contacts.iter().enumerate().map(|(i, (id, _))| (id.clone(), i)).collect();
        let org_lookup = organizations.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();

        // Distinct values per key, in order of first appearance.
        let mut keys: Vec<(String, Vec<String>)> = Vec::new();
        let mut key_pos: HashMap<String, usize> = HashMap::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let all = networks
            .organizations()
            .iter()
            .map(|o| &o.attributes)
            .chain(networks.contacts().map(|c| &c.attributes))
            .chain(networks.ties().map(|t| &t.attributes))
            .chain(networks.deals().iter().map(|d| &d.attributes));
        for attrs in all {
            for (k, v) in attrs.iter() {
                if !seen.insert((k.to_string(), v.to_string())) {
                    continue;
                }
                let pos = *key_pos.entry(k.to_string()).or_insert_with(|| {
                    keys.push((k.to_string(), Vec::new()));
                    keys.len() - 1
                });
                keys[pos].1.push(v.to_string());
            }
        }
        let mut attributes = HashMap::with_capacity(seen.len());
        for (key, values) in keys {
            let width = digits(values.len()).max(3);
            for (i, value) in values.into_iter().enumerate() {
                let token = format!("{key}-{:0width$}", i + 1);
                attributes.insert((key.clone(), value), token);
            }
        }
        Self { contacts, organizations, contact_lookup, org_lookup, attributes }
    }

    /// The pseudonym of the contact with this (original) id.
    pub fn contact(&self, id: &str) -> Option<&str> {
        self.contact_lookup.get(id).map(|&i| self.contacts[i].1.as_str())
    }

    /// The pseudonym of the organization with this (original) name.
    pub fn organization(&self, name: &str) -> Option<&str> {
        self.org_lookup.get(name).map(|&i| self.organizations[i].1.as_str())
    }

    /// The pseudonym of an extra attribute's value (the key stays as it is).
    pub fn attribute(&self, key: &str, value: &str) -> Option<&str> {
        self.attributes.get(&(key.to_string(), value.to_string())).map(String::as_str)
    }

    /// `(original id, pseudonym)` of every contact, in contact input order.
    pub fn contacts(&self) -> impl Iterator<Item = (&ContactId, &str)> + '_ {
        self.contacts.iter().map(|(id, p)| (id, p.as_str()))
    }

    /// `(original name, pseudonym)` of every organization, in input order.
    pub fn organizations(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.organizations.iter().map(|(name, p)| (name.as_str(), p.as_str()))
    }

    /// The contact id's pseudonym; a contact of another portfolio keeps a
    /// marker that names nobody (the crate only calls this with its own contacts).
    fn contact_or_marker(&self, id: &str) -> &str {
        self.contact(id).unwrap_or("C?")
    }

    fn attributes_of(&self, attrs: &Attributes) -> Attributes {
        attrs.iter().map(|(k, v)| (k, self.attribute(k, v).unwrap_or("?").to_string())).collect()
    }

    /// The portfolio with every identifying field replaced.
    fn apply(&self, networks: &SalesNetworks) -> SalesNetworks {
        let pseudo_id = |text: &str, original: &ContactId| ContactId::new(text).unwrap_or_else(|_| original.clone());
        networks.map_records(
            |i, org| Organization {
                name: self.organizations[i].1.clone(),
                relation: org.relation,
                industry: org.industry.clone(),
                value: org.value,
                attributes: self.attributes_of(&org.attributes),
            },
            |node, contact| {
                let pseudonym = &self.contacts[node.index()].1;
                Contact {
                    id: pseudo_id(pseudonym, &contact.id),
                    name: pseudonym.clone(),
                    organization: self.organizations[networks.organization_index_at(node)].1.clone(),
                    role: contact.role,
                    department: contact.department.clone(),
                    share: contact.share,
                    attributes: self.attributes_of(&contact.attributes),
                }
            },
            |tie| Tie {
                source: pseudo_id(self.contact_or_marker(tie.source.as_str()), &tie.source),
                target: pseudo_id(self.contact_or_marker(tie.target.as_str()), &tie.target),
                level: tie.level,
                last_contact: tie.last_contact,
                attributes: self.attributes_of(&tie.attributes),
            },
            |deal| Deal {
                organization: self.organization(&deal.organization).unwrap_or("O?").to_string(),
                owner: pseudo_id(self.contact_or_marker(deal.owner.as_str()), &deal.owner),
                attributes: self.attributes_of(&deal.attributes),
                ..deal.clone()
            },
        )
    }
}

/// The number of decimal digits of `n` (1 for 0).
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// A whole portfolio with stable pseudonyms for everything identifying,
/// keeping its structure (see [`Redaction`] for what is replaced).
///
/// The result has the same contacts and ties in the same order (node and
/// edge indices of [`SalesNetworks::graph`] are unchanged), the same owner,
/// relations, roles, departments, industries, values, levels and dates: every
/// measure gives the same numbers on it. Useful to share a portfolio file.
///
/// # Complexity
///
/// O(|V| + |E|) time and memory (plus the attribute values).
///
/// # Examples
///
/// ```
/// use salesnet::io::redact;
/// use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Customer).with_value(250_000.0))
///     .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("carl", "Carl Buyer", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("ann", "carl", RelationshipLevel::new(4)?)?);
/// let shared = redact(&b.build()?);
/// assert_eq!(shared.owner().id.as_str(), "C0001");
/// let carl = shared.contact("C0002").unwrap();
/// assert_eq!((carl.name.as_str(), carl.organization.as_str()), ("C0002", "Org02"));
/// assert_eq!(shared.organization("Org02").unwrap().value, Some(250_000.0));
/// assert_eq!(shared.tie("C0001", "C0002").unwrap().level.get(), 4);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn redact(networks: &SalesNetworks) -> SalesNetworks {
    Pseudonyms::new(networks).apply(networks)
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

/// Quotes and escapes a DOT identifier: `"` and `\` are escaped, a line
/// break becomes `\n`, other control characters a space.
fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const GRAPHML_HEADER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
);

fn graphml_key(out: &mut String, id: &str, domain: &str, name: &str, ty: AttrType) {
    let _ = writeln!(
        out,
        "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{}\"/>",
        xml_escape(name),
        ty.as_str()
    );
}

fn graphml_data(out: &mut String, indent: &str, key: &str, value: &str) {
    let _ = writeln!(out, "{indent}<data key=\"{key}\">{}</data>", xml_escape(value));
}

/// A portfolio view as a GraphML document (undirected), with tie strength
/// and freshness as of the [`AsOf`]'s date.
///
/// Graph attributes: `network` (the view's [`NetworkKind`](crate::NetworkKind)
/// name, `portfolio` for [`SalesNetworks::whole`]), `as_of` and `redaction`
/// ([`Redaction::as_str`]). Node ids are
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
/// With [`Redaction::Pseudonyms`] every identifying field is replaced (see
/// [`Redaction`]).
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
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(contact.id.as_str()));
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
        let (a, b) = (xml_escape(a.id.as_str()), xml_escape(b.id.as_str()));
        let _ = writeln!(out, "    <edge source=\"{a}\" target=\"{b}\">");
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

/// A portfolio view as a Graphviz DOT document (an undirected `graph`), with
/// tie strength and freshness as of the [`AsOf`]'s date.
///
/// Every id, attribute name and value is a quoted DOT string (`"` and `\`
/// escaped, line breaks as `\n`, other control characters as spaces). The
/// graph is named after the view (as GraphML's `network`) and carries
/// `network`, `as_of` and `redaction` graph attributes. Nodes
/// carry `label` (the name) and the same attributes as in
/// [`to_graphml`]; the owners are drawn with a double outline
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
    let _ = writeln!(out, "  <graph id=\"G\" edgedefault=\"{direction}\">");
    for v in snapshot.nodes() {
        let _ = writeln!(out, "    <node id=\"{}\"/>", xml_escape(snapshot.id(v)));
    }
    for (u, v, w) in snapshot.edges() {
        let (a, b) = (xml_escape(snapshot.id(u)), xml_escape(snapshot.id(v)));
        if weighted {
            let _ = writeln!(out, "    <edge source=\"{a}\" target=\"{b}\">");
            graphml_data(&mut out, "      ", "weight", &w.to_string());
            out.push_str("    </edge>\n");
        } else {
            let _ = writeln!(out, "    <edge source=\"{a}\" target=\"{b}\"/>");
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
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
    fn digits_counts_decimal_places() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
        assert_eq!(digits(12345), 5);
    }

    #[test]
    fn xml_escape_covers_markup_and_bad_characters() {
        assert_eq!(xml_escape("plain"), "plain");
        assert_eq!(xml_escape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&apos;");
        assert_eq!(xml_escape("x\ny\tz\r"), "x&#10;y&#9;z&#13;");
        assert_eq!(xml_escape("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(xml_escape("\u{FFFF}"), "\u{FFFD}");
        assert_eq!(xml_escape("Zoë 😀"), "Zoë 😀");
    }

    #[test]
    fn dot_quote_escapes_quotes_backslashes_and_breaks() {
        assert_eq!(dot_quote("a"), "\"a\"");
        assert_eq!(dot_quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(dot_quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(dot_quote("two\nlines\t"), "\"two\\nlines \"");
    }

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
