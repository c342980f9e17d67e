//! GraphML and DOT export: structure (parsed back with roxmltree), escaping,
//! redaction, and the committed fixtures that `scripts/check_graphml.py`
//! loads with NetworkX.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jiff::civil::{Date, date};
use proptest::prelude::*;
use salesnet::graph::SnapshotBuilder;
use salesnet::io::{ExportOptions, Pseudonyms, Redaction, redact, snapshot_to_dot, snapshot_to_graphml};
use salesnet::{
    Attributes, Contact, DecayPolicy, NetworkKind, NetworkView, Organization, Relation, RelationshipLevel, Role,
    SalesNetworks, Tie,
};

const AS_OF: Date = date(2026, 11, 1);
const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn lvl(n: u8) -> RelationshipLevel {
    RelationshipLevel::new(n).unwrap()
}

/// A small portfolio with awkward text: markup characters, quotes, a
/// backslash, non-ASCII, a line break, missing values and extra attributes
/// whose names clash with built-in ones.
fn awkward() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    let mut us = Organization::new("Us <& Co>", Relation::Own).with_industry("software");
    us.attributes.set("website", "https://us.example.com/?a=1&b=2");
    b.organization(us)
        .organization(Organization::new("Client \"Q\" Ltd", Relation::Customer).with_value(1234.5))
        .organization(Organization::new("Zoë's Café", Relation::Other).with_industry("food"));
    let mut me = Contact::new("me", "Ann O'Seller", "Us <& Co>", Role::Owner).unwrap().with_department("sales");
    me.attributes.set("email", "ann@us.example.com").set("name", "clash").set("note", "line one\nline two");
    let col = Contact::new("col/1", "Bo \\ Back", "Us <& Co>", Role::Other).unwrap();
    let cli = Contact::new("c 1", "Chloé \"CJ\" Jones", "Client \"Q\" Ltd", Role::DecisionMaker).unwrap();
    let mut mkt = Contact::new("m&1", "Mia <Market>", "Zoë's Café", Role::Other).unwrap().with_department("sales");
    mkt.attributes.set("email", "mia@zoe.example.com");
    b.contact(me).contact(col).contact(cli).contact(mkt);
    let mut t1 = Tie::new("me", "col/1", lvl(3)).unwrap().with_last_contact(date(2026, 10, 1));
    t1.attributes.set("channel", "lunch").set("level", "clash");
    b.tie(t1)
        .tie(Tie::new("me", "c 1", lvl(4)).unwrap().with_last_contact(date(2026, 5, 1)))
        .tie(Tie::new("c 1", "m&1", lvl(2)).unwrap())
        .tie(Tie::new("me", "m&1", lvl(5)).unwrap().with_last_contact(date(2025, 1, 1)));
    b.build().unwrap()
}

/// The exports of a view of a portfolio as of the test date (default decay policy).
fn to_graphml(view: &NetworkView<'_>, options: &ExportOptions) -> String {
    salesnet::io::to_graphml(&view.networks().at(AS_OF, &DecayPolicy::default()), view, options)
}

fn to_dot(view: &NetworkView<'_>, options: &ExportOptions) -> String {
    salesnet::io::to_dot(&view.networks().at(AS_OF, &DecayPolicy::default()), view, options)
}

fn write_graphml(view: &NetworkView<'_>, options: &ExportOptions, path: &std::path::Path) -> salesnet::Result<()> {
    salesnet::io::write_graphml(&view.networks().at(AS_OF, &DecayPolicy::default()), view, options, path)
}

fn write_dot(view: &NetworkView<'_>, options: &ExportOptions, path: &std::path::Path) -> salesnet::Result<()> {
    salesnet::io::write_dot(&view.networks().at(AS_OF, &DecayPolicy::default()), view, options, path)
}

fn options() -> ExportOptions {
    ExportOptions::new()
}

/// A parsed GraphML graph: key id -> (for, attr.name, attr.type); nodes and
/// edges with their data by attribute name.
#[derive(Debug)]
struct Parsed {
    keys: BTreeMap<String, (String, String, String)>,
    edgedefault: String,
    graph_data: BTreeMap<String, String>,
    nodes: Vec<(String, BTreeMap<String, String>)>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
}

impl Parsed {
    fn node(&self, id: &str) -> &BTreeMap<String, String> {
        &self.nodes.iter().find(|(n, _)| n == id).unwrap().1
    }
}

fn parse(xml: &str) -> Parsed {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(root.tag_name().namespace(), Some(GRAPHML_NS));
    let mut keys = BTreeMap::new();
    for k in root.children().filter(|n| n.has_tag_name((GRAPHML_NS, "key"))) {
        let ty = k.attribute("attr.type").unwrap().to_string();
        assert!(["string", "int", "double"].contains(&ty.as_str()), "{ty}");
        let previous = keys.insert(
            k.attribute("id").unwrap().to_string(),
            (k.attribute("for").unwrap().to_string(), k.attribute("attr.name").unwrap().to_string(), ty),
        );
        assert!(previous.is_none(), "key ids are unique");
    }
    let names: Vec<(&String, &String)> = keys.values().map(|(f, n, _)| (f, n)).collect();
    assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), names.len(), "attribute names are unique per domain");
    let graphs: Vec<_> = root.children().filter(|n| n.has_tag_name((GRAPHML_NS, "graph"))).collect();
    assert_eq!(graphs.len(), 1);
    let g = graphs[0];
    let data = |n: roxmltree::Node<'_, '_>, domain: &str| -> BTreeMap<String, String> {
        n.children()
            .filter(|c| c.has_tag_name((GRAPHML_NS, "data")))
            .map(|d| {
                let (f, name, ty) = &keys[d.attribute("key").unwrap()];
                assert_eq!(f, domain);
                let text = d.text().unwrap_or("").to_string();
                match ty.as_str() {
                    "int" => assert!(text.parse::<i64>().is_ok(), "{text}"),
                    "double" => assert!(text.parse::<f64>().is_ok(), "{text}"),
                    _ => {}
                }
                (name.clone(), text)
            })
            .collect()
    };
    let nodes = g
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
        .map(|n| (n.attribute("id").unwrap().to_string(), data(n, "node")))
        .collect();
    let edges = g
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "edge")))
        .map(|e| {
            (e.attribute("source").unwrap().to_string(), e.attribute("target").unwrap().to_string(), data(e, "edge"))
        })
        .collect();
    Parsed {
        edgedefault: g.attribute("edgedefault").unwrap().to_string(),
        graph_data: data(g, "graph"),
        keys,
        nodes,
        edges,
    }
}

fn views(n: &SalesNetworks) -> Vec<NetworkView<'_>> {
    let mut v: Vec<NetworkView<'_>> = NetworkKind::ALL.iter().map(|&k| n.view(k)).collect();
    v.push(n.whole());
    for org in n.organizations().iter().take(1).chain(n.organizations().iter().filter(|o| o.name.contains('&'))) {
        v.push(n.organization_view(&org.name).unwrap());
    }
    v
}

#[test]
fn graphml_round_trips_every_value() {
    let n = awkward();
    let p = parse(&to_graphml(&n.whole(), &options()));
    assert_eq!(p.edgedefault, "undirected");
    assert_eq!(p.graph_data["network"], "portfolio");
    assert_eq!(p.graph_data["as_of"], "2026-11-01");
    assert_eq!(p.graph_data["redaction"], "none");
    let ids: Vec<&str> = p.nodes.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["me", "col/1", "c 1", "m&1"]);

    let me = p.node("me");
    assert_eq!(me["name"], "Ann O'Seller");
    assert_eq!(me["organization"], "Us <& Co>");
    assert_eq!(me["relation"], "own");
    assert_eq!(me["network"], "internal");
    assert_eq!(me["role"], "owner");
    assert_eq!(me["department"], "sales");
    assert_eq!(me["industry"], "software");
    assert_eq!(me["email"], "ann@us.example.com");
    assert_eq!(me["attr_name"], "clash");
    assert_eq!(me["note"], "line one\nline two");
    let cli = p.node("c 1");
    assert_eq!(cli["name"], "Chloé \"CJ\" Jones");
    assert_eq!(cli["organization_value"].parse::<f64>().unwrap(), 1234.5);
    assert!(!cli.contains_key("department") && !cli.contains_key("industry") && !cli.contains_key("email"));
    assert_eq!(p.node("col/1")["name"], "Bo \\ Back");
    assert_eq!(p.node("m&1")["network"], "market");

    let edges: Vec<(&str, &str)> = p.edges.iter().map(|(a, b, _)| (a.as_str(), b.as_str())).collect();
    assert_eq!(edges, [("me", "col/1"), ("me", "c 1"), ("c 1", "m&1"), ("me", "m&1")]);
    let policy = DecayPolicy::default();
    for ((_, _, data), tie) in p.edges.iter().zip(n.ties()) {
        assert_eq!(data["level"], tie.level.get().to_string());
        let strength: f64 = data["strength"].parse().unwrap();
        assert_eq!(strength.to_bits(), policy.strength(tie.level, tie.last_contact, AS_OF).get().to_bits());
        assert_eq!(data["freshness"], policy.freshness(tie.last_contact, AS_OF).as_str());
        assert_eq!(data.get("last_contact").cloned(), tie.last_contact.map(|d| d.to_string()));
    }
    assert_eq!(p.edges[0].2["channel"], "lunch");
    assert_eq!(p.edges[0].2["attr_level"], "clash");
    assert_eq!(p.edges[0].2["freshness"], "fresh");
    assert_eq!(p.edges[1].2["freshness"], "fading");
    assert_eq!(p.edges[2].2["freshness"], "undated");
    assert_eq!(p.edges[3].2["strength"], "0");

    // Every declared key has its attr.type; built-ins are typed.
    let typed: BTreeMap<&str, &str> = p.keys.values().map(|(_, name, ty)| (name.as_str(), ty.as_str())).collect();
    assert_eq!(
        (typed["level"], typed["strength"], typed["organization_value"], typed["name"]),
        ("int", "double", "double", "string")
    );
}

#[test]
fn graphml_of_every_sample_view_has_its_nodes_and_edges() {
    let n = common::load_sample();
    for view in views(&n) {
        for redaction in [Redaction::None, Redaction::Pseudonyms] {
            let p = parse(&to_graphml(&view, &options().redaction(redaction)));
            assert_eq!(p.nodes.len(), view.len());
            assert_eq!(p.edges.len(), view.ties().count());
            let ids: BTreeSet<&str> = p.nodes.iter().map(|(id, _)| id.as_str()).collect();
            assert_eq!(ids.len(), p.nodes.len(), "node ids are unique");
            assert!(p.edges.iter().all(|(a, b, _)| ids.contains(a.as_str()) && ids.contains(b.as_str())));
            let network = view.kind().map_or("portfolio", |k| k.as_str());
            assert_eq!(p.graph_data["network"], network);
        }
    }
    // The market view: the owner and the 91 market people.
    let market = parse(&to_graphml(&n.view(NetworkKind::Market), &options()));
    assert_eq!(market.nodes.len(), 92);
    assert_eq!(market.node("mkt009")["organization"], "Keel & Ward Consulting");
}

#[test]
fn dot_quotes_everything_and_lists_every_tie() {
    let n = awkward();
    let dot = to_dot(&n.whole(), &options());
    assert!(dot.starts_with("graph \"portfolio\" {\n"));
    assert!(dot.ends_with("}\n"));
    assert!(dot.contains("  \"me\" [\"label\"=\"Ann O'Seller\", \"id\"=\"me\""));
    assert!(dot.contains("\"label\"=\"Chloé \\\"CJ\\\" Jones\""));
    assert!(dot.contains("\"label\"=\"Bo \\\\ Back\""));
    assert!(dot.contains("\"note\"=\"line one\\nline two\""));
    assert!(dot.contains("\"peripheries\"=\"2\""));
    assert!(dot.contains("  \"c 1\" -- \"m&1\" [\"level\"=\"2\""));
    assert!(dot.contains("\"style\"=\"dashed\""));
    assert_eq!(dot.matches(" -- ").count(), 4);
    assert_eq!(dot.lines().filter(|l| l.starts_with("  \"") && !l.contains(" -- ")).count(), 4);
    // Quotes balance on every line: each unescaped quote opens or closes a string.
    for line in dot.lines() {
        let unescaped = line.replace("\\\\", "").replace("\\\"", "");
        assert_eq!(unescaped.matches('"').count() % 2, 0, "{line}");
    }

    let sample = common::load_sample();
    for view in views(&sample) {
        let dot = to_dot(&view, &options());
        assert_eq!(dot.matches(" -- ").count(), view.ties().count());
        assert!(dot_parses(&dot), "graphviz rejected the {:?} view", view.kind());
    }
    assert!(dot_parses(&dot));
}

/// Whether Graphviz's `dot` accepts the text; true when `dot` is not
/// installed (this check is only extra assurance where it is).
fn dot_parses(text: &str) -> bool {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let Ok(mut child) =
        Command::new("dot").arg("-Tcanon").stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn()
    else {
        return true;
    };
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    out.status.success() && out.stderr.is_empty()
}

/// The quoted strings of a DOT document, unescaped.
fn dot_strings(dot: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some(e) => s.push(e),
                    None => {}
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

/// Every original string that identifies someone: ids, names, organization
/// names and extra attribute values.
fn identifying(n: &SalesNetworks) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    let attrs = |a: &Attributes, s: &mut BTreeSet<String>| s.extend(a.iter().map(|(_, v)| v.to_string()));
    for o in n.organizations() {
        s.insert(o.name.clone());
        attrs(&o.attributes, &mut s);
    }
    for c in n.contacts() {
        s.insert(c.id.to_string());
        s.insert(c.name.clone());
        attrs(&c.attributes, &mut s);
    }
    for t in n.ties() {
        attrs(&t.attributes, &mut s);
    }
    s
}

#[test]
fn redacted_exports_contain_no_identifying_text() {
    let n = common::load_sample();
    let secrets = identifying(&n);
    assert!(secrets.len() > 600);
    let redacted = options().redaction(Redaction::Pseudonyms);
    let columns: BTreeSet<String> = n
        .contacts()
        .flat_map(|c| c.attributes.iter())
        .chain(n.ties().flat_map(|t| t.attributes.iter()))
        .map(|(k, _)| k.to_string())
        .collect();
    for view in views(&n) {
        let p = parse(&to_graphml(&view, &redacted));
        // Every text and attribute value of the parsed document.
        let mut texts: Vec<&str> = p.graph_data.values().map(String::as_str).collect();
        for (id, data) in &p.nodes {
            texts.push(id);
            texts.extend(data.values().map(String::as_str));
        }
        for (a, b, data) in &p.edges {
            texts.extend([a.as_str(), b.as_str()]);
            texts.extend(data.values().map(String::as_str));
        }
        for t in texts {
            assert!(!secrets.contains(t), "redacted GraphML shows an original value");
        }
        // Attribute names are kept (a channel value `email` is also a column name).
        for quoted in dot_strings(&to_dot(&view, &redacted)).into_iter().filter(|s| !columns.contains(s)) {
            assert!(!secrets.contains(&quoted), "redacted DOT shows an original value");
        }
    }
    // No word of a name or organization name, no e-mail address or id occurs
    // anywhere, not even inside other text.
    let whole = to_graphml(&n.whole(), &redacted) + &to_dot(&n.whole(), &redacted);
    let tokens = |keep: fn(char) -> bool| -> BTreeSet<&str> { whole.split(|c: char| !keep(c)).collect() };
    let words = tokens(char::is_alphanumeric);
    let addresses = tokens(|c| c.is_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'));
    let name_words = n.contacts().map(|c| c.name.as_str()).chain(n.organizations().iter().map(|o| o.name.as_str()));
    for word in name_words.flat_map(|s| s.split(|c: char| !c.is_alphanumeric())).filter(|w| w.len() >= 3) {
        assert!(!words.contains(word), "a name's word survived redaction");
    }
    for c in n.contacts() {
        assert!(!addresses.contains(c.attributes.get("email").unwrap()) && !addresses.contains(c.id.as_str()));
    }
}

#[test]
fn redact_keeps_structure_and_pseudonyms_are_stable() {
    let n = common::load_sample();
    let r = redact(&n);
    assert_eq!((r.contact_count(), r.tie_count()), (n.contact_count(), n.tie_count()));
    assert_eq!(r.owner_node(), n.owner_node());
    let (g, h) = (n.graph(), r.graph());
    let degrees = |g: &petgraph::graph::UnGraph<Contact, Tie>| -> Vec<usize> {
        g.node_indices().map(|v| g.neighbors(v).count()).collect()
    };
    assert_eq!(degrees(g), degrees(h));
    for e in g.edge_indices() {
        assert_eq!(g.edge_endpoints(e), h.edge_endpoints(e));
        let (a, b) = (&g[e], &h[e]);
        assert_eq!((a.level, a.last_contact), (b.level, b.last_contact));
        assert_eq!(a.attributes.len(), b.attributes.len());
    }
    let names = Pseudonyms::new(&n);
    for (i, (old, new)) in n.contacts().zip(r.contacts()).enumerate() {
        assert_eq!(new.id.as_str(), format!("C{:04}", i + 1));
        assert_eq!(names.contact(old.id.as_str()), Some(new.id.as_str()));
        assert_eq!(new.name, new.id.as_str());
        assert_eq!((old.role, &old.department), (new.role, &new.department));
        assert_eq!(names.organization(&old.organization), Some(new.organization.as_str()));
        let keys = |c: &Contact| c.attributes.iter().map(|(k, _)| k.to_string()).collect::<Vec<_>>();
        assert_eq!(keys(old), keys(new));
        assert!(new.attributes.iter().all(|(k, v)| v.starts_with(&format!("{k}-"))));
    }
    for (i, (old, new)) in n.organizations().iter().zip(r.organizations()).enumerate() {
        assert_eq!(new.name, format!("Org{:02}", i + 1));
        assert_eq!((old.relation, &old.industry, old.value), (new.relation, &new.industry, new.value));
    }
    // Each network view has the same members and ties.
    for kind in NetworkKind::ALL {
        let (a, b) = (n.view(kind), r.view(kind));
        assert_eq!(a.nodes().collect::<Vec<_>>(), b.nodes().collect::<Vec<_>>());
        assert_eq!(a.edges().collect::<Vec<_>>(), b.edges().collect::<Vec<_>>());
    }
    // Equal attribute values keep equal pseudonyms (cities repeat).
    let cities =
        |n: &SalesNetworks| n.contacts().map(|c| c.attributes.get("city").unwrap().to_string()).collect::<Vec<_>>();
    let (before, after) = (cities(&n), cities(&r));
    for i in 0..before.len() {
        for j in 0..before.len() {
            assert_eq!(before[i] == before[j], after[i] == after[j]);
        }
    }
    // Same input, same pseudonyms; redaction is idempotent; views agree.
    assert_eq!(Pseudonyms::new(&n), names);
    let again = redact(&r);
    assert!(again.contacts().zip(r.contacts()).all(|(a, b)| a == b));
    assert!(again.ties().zip(r.ties()).all(|(a, b)| a == b));
    let redacted = options().redaction(Redaction::Pseudonyms);
    let market = parse(&to_graphml(&n.view(NetworkKind::Market), &redacted));
    let whole = parse(&to_graphml(&n.whole(), &redacted));
    for (id, data) in &market.nodes {
        assert_eq!(whole.node(id), data);
    }
    // Redacting a redacted portfolio changes nothing, so its export is the same.
    assert!(to_graphml(&n.whole(), &redacted) == to_graphml(&r.whole(), &redacted));
}

#[test]
fn snapshot_exports_keep_direction_and_weights() {
    let mut b = SnapshotBuilder::undirected();
    b.add_edge("a<1>", "b&2", 0.25).unwrap();
    b.add_edge("b&2", "c\"3", 1.0).unwrap();
    let g = b.build();
    let p = parse(&snapshot_to_graphml(&g));
    assert_eq!(p.edgedefault, "undirected");
    assert_eq!(p.nodes.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["a<1>", "b&2", "c\"3"]);
    assert_eq!(p.edges.len(), 2);
    assert_eq!(p.edges[0].2["weight"], "0.25");
    let dot = snapshot_to_dot(&g);
    assert!(dot.contains("  \"a<1>\" -- \"b&2\" [\"weight\"=\"0.25\"];"));
    assert!(dot.contains("\"c\\\"3\""));
    assert!(dot_parses(&dot));

    let mut d = SnapshotBuilder::directed();
    d.add_edge("x", "y", 1.0).unwrap();
    d.add_edge("y", "x", 1.0).unwrap();
    let g = d.build();
    let p = parse(&snapshot_to_graphml(&g));
    assert_eq!((p.edgedefault.as_str(), p.edges.len()), ("directed", 2));
    assert!(p.keys.is_empty() && p.edges.iter().all(|(_, _, data)| data.is_empty()));
    let dot = snapshot_to_dot(&g);
    assert!(dot.starts_with("digraph {") && dot.contains("\"x\" -> \"y\";") && dot.contains("\"y\" -> \"x\";"));
    assert!(dot_parses(&dot));
}

#[test]
fn write_functions_write_files_and_report_bad_paths() {
    let n = awkward();
    let dir = std::env::temp_dir().join(format!("salesnet-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (xml, dot) = (dir.join("p.graphml"), dir.join("p.dot"));
    write_graphml(&n.whole(), &options(), &xml).unwrap();
    write_dot(&n.whole(), &options(), &dot).unwrap();
    assert_eq!(std::fs::read_to_string(&xml).unwrap(), to_graphml(&n.whole(), &options()));
    assert_eq!(std::fs::read_to_string(&dot).unwrap(), to_dot(&n.whole(), &options()));
    let missing = dir.join("no/such/dir/p.graphml");
    let e = write_graphml(&n.whole(), &options(), &missing).unwrap_err();
    assert!(matches!(e, salesnet::Error::Io { ref path, .. } if *path == missing));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The committed files `scripts/check_graphml.py` loads with NetworkX. Run
/// with `SALESNET_BLESS=1` to rewrite them after a deliberate format change.
#[test]
fn graphml_fixtures_are_current() {
    let n = common::load_sample();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export");
    let files = [
        ("sample-market.graphml", to_graphml(&n.view(NetworkKind::Market), &options())),
        ("sample-whole-redacted.graphml", to_graphml(&n.whole(), &options().redaction(Redaction::Pseudonyms))),
        ("awkward.graphml", to_graphml(&awkward().whole(), &options())),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if std::env::var_os("SALESNET_BLESS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap();
        assert!(committed == text, "{name} is stale: rerun with SALESNET_BLESS=1 and scripts/check_graphml.py");
    }
}

fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any text survives GraphML export and parsing (characters XML cannot
    /// carry become U+FFFD), and the DOT stays one node per line with balanced quotes.
    #[test]
    fn any_text_survives_export(id in "\\PC{1,12}", name in "(?s).{1,16}", dept in any::<String>(), note in any::<String>()) {
        // Ids are trimmed (`ContactId::new`): an id of only white space is none.
        prop_assume!(!id.trim().is_empty());
        let mut b = SalesNetworks::builder();
        b.organization(Organization::new(name.clone(), Relation::Own));
        let mut c = Contact::new(&id, name.clone(), name.clone(), Role::Owner).unwrap().with_department(dept.clone());
        c.attributes.set("note", note.clone());
        b.contact(c).contact(Contact::new(&format!("{id}x"), "other", name.clone(), Role::Other).unwrap());
        b.tie(Tie::new(&id, &format!("{id}x"), lvl(2)).unwrap());
        let n = b.build().unwrap();
        let p = parse(&to_graphml(&n.whole(), &options()));
        prop_assert_eq!(&p.nodes[0].0, &xml_safe(id.trim()));
        prop_assert_eq!(&p.nodes[0].1["name"], &xml_safe(&name));
        prop_assert_eq!(&p.nodes[0].1["organization"], &xml_safe(&name));
        prop_assert_eq!(p.nodes[0].1.get("department").cloned().unwrap_or_default(), xml_safe(&dept));
        prop_assert_eq!(p.nodes[0].1.get("note").cloned().unwrap_or_default(), xml_safe(&note));
        prop_assert_eq!(p.edges.len(), 1);
        let dot = to_dot(&n.whole(), &options());
        prop_assert_eq!(dot.lines().count(), 6);
        for line in dot.lines() {
            let unescaped = line.replace("\\\\", "").replace("\\\"", "");
            prop_assert_eq!(unescaped.matches('"').count() % 2, 0);
        }
    }
}
