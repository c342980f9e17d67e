//! `analyze export`: every format from a portfolio and from an edge list,
//! read back (GraphML and GEXF parsed as XML, CSV tables through the crate's
//! own readers), redaction, and the output guard. `scripts/check_export.py`
//! checks the same files with NetworkX and pyarrow.

mod cli_support;

use std::path::Path;

use cli_support::{analyze, analyze_err, analyze_ok, data};
use salesnet::io::{EdgeListOptions, read_edge_list};

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/sample").to_string_lossy().into_owned()
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-export-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn count(text: &str, tag: &str) -> usize {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    doc.descendants().filter(|n| n.has_tag_name(tag)).count()
}

#[test]
fn a_portfolio_exports_to_every_format_with_the_same_nodes_and_edges() {
    let dir = temp("portfolio");
    let out = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let base = ["export", "--portfolio", &sample(), "--as-of", "2026-11-01", "--view", "market"];
    let run = |format: &str, path: &str| {
        let mut args = base.to_vec();
        args.extend(["--format", format, "--out", path]);
        analyze_ok(&args);
    };
    run("csv", &out("tables"));
    let nodes = std::fs::read_to_string(dir.join("tables/nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(dir.join("tables/edges.csv")).unwrap();
    assert!(nodes.starts_with("id,label,name,organization,relation,network,role,department,industry"), "{nodes}");
    assert!(edges.starts_with("source,target,level,last_contact,strength,freshness"), "{edges}");
    let (n, m) = (nodes.lines().count() - 1, edges.lines().count() - 1);
    assert!(n > 10 && m > 10);
    // The edge table reads back as an edge list with the strengths as weights.
    let g = read_edge_list(dir.join("tables/edges.csv"), EdgeListOptions::new().weighted().weight_column("strength"))
        .unwrap();
    assert_eq!(g.edge_count(), m);

    run("graphml", &out("m.graphml"));
    let graphml = std::fs::read_to_string(dir.join("m.graphml")).unwrap();
    assert_eq!((count(&graphml, "node"), count(&graphml, "edge")), (n, m));
    assert!(graphml.contains("attr.name=\"label\""));
    run("gexf", &out("m.gexf"));
    let gexf = std::fs::read_to_string(dir.join("m.gexf")).unwrap();
    assert!(gexf.contains("xmlns=\"http://gexf.net/1.3\"") && gexf.contains("version=\"1.3\""));
    assert_eq!((count(&gexf, "node"), count(&gexf, "edge")), (n, m));
    for title in ["organization", "role", "level"] {
        assert!(gexf.contains(&format!("title=\"{title}\"")), "GEXF lacks {title}");
    }
    let doc = roxmltree::Document::parse(&gexf).unwrap();
    assert!(doc.descendants().filter(|x| x.has_tag_name("node")).all(|x| x.attribute("label").is_some()));
    run("dot", &out("m.dot"));
    let dot = std::fs::read_to_string(dir.join("m.dot")).unwrap();
    assert_eq!(dot.matches(" -- ").count(), m);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_edge_list_exports_with_its_measures_as_node_columns() {
    let dir = temp("edges");
    let tables = dir.join("t").to_string_lossy().into_owned();
    let lazega = data("lazega-lawfirm/edges.csv");
    analyze_ok(&[
        "export",
        "--edges",
        &lazega,
        "--directed",
        "--where",
        "relation=advice",
        "--format",
        "csv",
        "--out",
        &tables,
        "--measures",
        "degree,betweenness",
    ]);
    let nodes = std::fs::read_to_string(dir.join("t/nodes.csv")).unwrap();
    assert_eq!(nodes.lines().next(), Some("id,label,degree,betweenness"));
    // The same values as `metrics`.
    let csv = analyze_ok(&[
        "metrics",
        "--edges",
        &lazega,
        "--directed",
        "--where",
        "relation=advice",
        "--measures",
        "degree,betweenness",
        "--format",
        "csv",
    ]);
    let metrics: Vec<String> =
        csv.lines().skip(1).map(|l| l.split(',').map(String::from).collect::<Vec<_>>()).map(|r| r.join(",")).collect();
    let exported: Vec<String> = nodes
        .lines()
        .skip(1)
        .map(|l| {
            let r: Vec<&str> = l.split(',').collect();
            [r[0], r[2], r[3]].join(",")
        })
        .collect();
    assert_eq!(exported, metrics);
    let original = read_edge_list(&lazega, EdgeListOptions::new().directed().only_where("relation", "advice")).unwrap();
    let back = read_edge_list(dir.join("t/edges.csv"), EdgeListOptions::new().directed()).unwrap();
    let arcs = |g: &salesnet::graph::Snapshot| {
        let mut a: Vec<(String, String)> =
            g.edges().map(|(u, v, _)| (g.id(u).to_string(), g.id(v).to_string())).collect();
        a.sort();
        a
    };
    assert_eq!(arcs(&back), arcs(&original));
    let sorted = |g: &salesnet::graph::Snapshot| {
        let mut ids: Vec<String> = g.nodes().map(|v| g.id(v).to_string()).collect();
        ids.sort();
        ids
    };
    assert_eq!(sorted(&back), sorted(&original));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn redact_leaves_no_name_or_id_in_any_format() {
    let dir = temp("redact");
    let contacts = std::fs::read_to_string(Path::new(&sample()).join("contacts.csv")).unwrap();
    let names: Vec<String> = contacts.lines().skip(1).filter_map(|l| l.split(',').nth(1)).map(String::from).collect();
    assert!(names.len() > 100);
    for format in ["graphml", "gexf", "dot", "csv"] {
        let out = dir.join(format).to_string_lossy().into_owned();
        analyze_ok(&[
            "export",
            "--portfolio",
            &sample(),
            "--as-of",
            "2026-11-01",
            "--redact",
            "--format",
            format,
            "--out",
            &out,
        ]);
        let text = if format == "csv" {
            std::fs::read_to_string(dir.join("csv/nodes.csv")).unwrap()
                + &std::fs::read_to_string(dir.join("csv/edges.csv")).unwrap()
        } else {
            std::fs::read_to_string(&out).unwrap()
        };
        for name in &names {
            assert!(!text.contains(name.as_str()), "{format} shows `{name}`");
        }
    }
    let out = dir.join("e.gexf").to_string_lossy().into_owned();
    let email = data("email-eu-core/edges.csv");
    analyze_ok(&[
        "export",
        "--edges",
        &email,
        "--self-loops",
        "drop",
        "--duplicates",
        "first",
        "--measures",
        "degree",
        "--redact",
        "--format",
        "gexf",
        "--out",
        &out,
    ]);
    let gexf = std::fs::read_to_string(&out).unwrap();
    assert!(gexf.contains("<node id=\"N0001\" label=\"N0001\">") && !gexf.contains("<node id=\"0\""), "ids stay");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_refuses_its_input_and_an_existing_output_without_force() {
    let dir = temp("guard");
    let out = dir.join("g.graphml").to_string_lossy().into_owned();
    let args = ["export", "--portfolio", &sample(), "--as-of", "2026-11-01", "--format", "graphml", "--out", &out];
    analyze_ok(&args);
    let e = analyze_err(&args, 1);
    assert!(e.contains("--force"), "{e}");
    let mut forced = args.to_vec();
    forced.push("--force");
    analyze_ok(&forced);
    let email = data("email-eu-core/edges.csv");
    let before = std::fs::read(&email).unwrap();
    let e = analyze_err(
        &[
            "export",
            "--edges",
            &email,
            "--self-loops",
            "drop",
            "--duplicates",
            "first",
            "--format",
            "dot",
            "--out",
            &email,
            "--force",
        ],
        1,
    );
    assert!(e.contains("input"), "{e}");
    assert_eq!(std::fs::read(&email).unwrap(), before, "the input is intact");
    let _ = std::fs::remove_dir_all(&dir);
    // Parquet without the feature names it; with it, the files start with PAR1.
    let pq = temp("pq");
    let out = pq.join("p").to_string_lossy().into_owned();
    let run =
        analyze(&["export", "--portfolio", &sample(), "--as-of", "2026-11-01", "--format", "parquet", "--out", &out]);
    if run.status.success() {
        assert!(std::fs::read(pq.join("p/nodes.parquet")).unwrap().starts_with(b"PAR1"));
    } else {
        assert!(String::from_utf8_lossy(&run.stderr).contains("`parquet` feature"));
    }
    let _ = std::fs::remove_dir_all(&pq);
}

#[test]
fn completions_cover_every_command_and_option() {
    let bash = analyze_ok(&["completions", "bash"]);
    for word in ["export", "metrics", "--duplicates", "--self-loops", "--where", "graphml", "parquet"] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    assert!(analyze_ok(&["completions", "zsh"]).contains("#compdef analyze"));
    let help = analyze_ok(&["--help"]);
    assert!(help.contains("convert      Convert a portfolio") && !help.contains("generate     Convert"), "{help}");
}
