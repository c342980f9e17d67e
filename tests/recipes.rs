//! The README's "Your own data" recipes on the real files in `tests/data`,
//! run through the `analyze` command line and compared with NetworkX values
//! written by `scripts/check_recipes.py --data tests/data --write-fixtures
//! tests/fixtures/recipes` (brokerage roles there come from an independent
//! enumeration of ordered triples, not from this crate's loop).

mod cli_support;

use std::path::Path;

use cli_support::{analyze_err, analyze_ok, data};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recipes").join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON")
}

/// The recipe's arguments, with `{data}` made `tests/data`.
fn recipe_args(fixture: &Value) -> Vec<String> {
    let root = data("");
    let root = root.trim_end_matches('/');
    fixture["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().replace("{data}", root)).collect()
}

fn close(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => (g - w).abs() <= 1e-9 * w.abs().max(1.0),
        _ => got.is_null() && want.is_null(),
    }
}

/// Runs a recipe with `--format json` and checks everything the fixture holds.
fn check(name: &str) {
    let want = fixture(name);
    let mut args = vec!["metrics".to_string()];
    args.extend(recipe_args(&want));
    args.extend(["--format".into(), "json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let got: Value = serde_json::from_str(&analyze_ok(&args)).unwrap();
    assert_eq!(got["graph"]["nodes"], want["nodes"], "{name}: nodes");
    assert_eq!(got["graph"]["edges"], want["edges"], "{name}: edges");
    let nodes: std::collections::BTreeMap<&str, &Value> =
        got["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    assert_eq!(nodes.len() as u64, want["nodes"].as_u64().unwrap());
    for (measure, table) in want["values"].as_object().unwrap() {
        for (id, w) in table.as_object().unwrap() {
            assert!(
                close(&nodes[id.as_str()][measure], w),
                "{name}: {measure} of {id}: {} vs {w}",
                nodes[id.as_str()][measure]
            );
        }
    }
    if let Some(ei) = want.get("ei_index") {
        for (id, w) in ei.as_object().unwrap() {
            assert!(close(&nodes[id.as_str()]["ei_index"], w), "{name}: ei_index of {id}");
        }
        let mut brokered = 0;
        for (id, roles) in want["brokerage"].as_object().unwrap() {
            for (role, count) in roles.as_object().unwrap() {
                assert_eq!(&nodes[id.as_str()]["brokerage"][role], count, "{name}: {role} of {id}");
                brokered += count.as_u64().unwrap();
            }
        }
        assert!(brokered > 0, "{name}: a fixture with no brokerage proves nothing");
        let density = &got["group_density"];
        for (k, label) in density["labels"].as_array().unwrap().iter().enumerate() {
            let w = &want["within_density"][label.as_str().unwrap()];
            assert!(close(&density["density"][k][k], w), "{name}: density within {label}");
        }
    }
}

#[test]
fn lazega_advice_network_from_the_multiplex_file() {
    check("lazega-advice");
}

#[test]
fn email_eu_core_with_self_loops_and_two_way_mail() {
    check("email-eu-core");
}

#[test]
fn a_gephi_edge_table_reads_as_it_is() {
    check("gephi-karate");
}

#[test]
fn a_gzipped_snap_file() {
    check("snap-ca-grqc");
}

#[test]
fn strict_defaults_name_the_option_that_accepts_each_file() {
    let lazega = data("lazega-lawfirm/edges.csv");
    let e = analyze_err(&["metrics", "--edges", &lazega, "--directed"], 1);
    assert!(
        e.contains("are already tied")
            && e.contains("--duplicates first|sum|max")
            && e.contains("--where relation=VALUE"),
        "{e}"
    );
    let email = data("email-eu-core/edges.csv");
    let e = analyze_err(&["metrics", "--edges", &email], 1);
    assert!(e.contains("self-tie") && e.contains("--self-loops drop"), "{e}");
    let e = analyze_err(&["metrics", "--edges", &email, "--self-loops", "drop"], 1);
    assert!(e.contains("--duplicates"), "{e}");
    let e = analyze_err(&["metrics", "--edges", &email, "--source-column", "from"], 1);
    assert!(e.contains("missing required column `from`") && e.contains("--source-column"), "{e}");
    // clap's own usage error lists the values.
    let e = analyze_err(&["metrics", "--edges", &email, "--duplicates", "mean"], 2);
    assert!(e.contains("[possible values: error, first, sum, max]"), "{e}");
    let e = analyze_err(&["metrics", "--edges", &email, "--measures", "degree,pagerank"], 2);
    assert!(e.contains("possible values") && e.contains("ego_density"), "{e}");
}

#[test]
fn a_summary_line_on_stderr_says_what_the_options_did() {
    let email = data("email-eu-core/edges.csv");
    let out = cli_support::analyze(&[
        "metrics",
        "--edges",
        &email,
        "--self-loops",
        "drop",
        "--duplicates",
        "max",
        "--measures",
        "degree",
        "--json",
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("read 25571 rows: 0 left out by --where, 642 self-loops dropped, 8865 repeated ties merged"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    // 25571 arcs - 642 loops - 8865 merged = 16064 undirected ties.
    assert_eq!(json["graph"]["edges"], 16064);
}

#[test]
fn csv_output_has_one_row_per_node_at_full_precision() {
    let want = fixture("lazega-advice");
    let mut args = vec!["metrics".to_string()];
    args.extend(recipe_args(&want));
    args.extend(["--format".into(), "csv".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let text = analyze_ok(&args);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        header,
        [
            "id",
            "group",
            "degree",
            "constraint",
            "betweenness",
            "clustering",
            "ei_index",
            "coordinator",
            "itinerant",
            "representative",
            "gatekeeper",
            "liaison",
            "brokerage"
        ]
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len() as u64, want["nodes"].as_u64().unwrap());
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for row in &rows {
        let id = row[0];
        for measure in ["betweenness", "constraint", "clustering"] {
            let w = want["values"][measure][id].as_f64();
            let cell = row[col(measure)];
            match w {
                // Full precision: the text reads back to the value within rounding of NetworkX's sums.
                Some(w) => {
                    assert!((cell.parse::<f64>().unwrap() - w).abs() <= 1e-12, "{measure} of {id}: {cell} vs {w}")
                }
                None => assert_eq!(cell, "", "{measure} of {id} is undefined"),
            }
        }
        let cell = row[col("ei_index")];
        match want["ei_index"][id].as_f64() {
            Some(w) => assert!((cell.parse::<f64>().unwrap() - w).abs() <= 1e-12, "ei_index of {id}"),
            None => assert_eq!(cell, "", "ei_index of {id} is undefined"),
        }
        let liaison = want["brokerage"][id]["liaison"].as_u64().unwrap().to_string();
        assert_eq!(row[col("liaison")], liaison);
    }
}

#[test]
fn top_and_sort_rank_descending_with_ties_by_id() {
    let want = fixture("email-eu-core");
    let email = data("email-eu-core/edges.csv");
    let args = [
        "metrics",
        "--edges",
        &email,
        "--self-loops",
        "drop",
        "--duplicates",
        "first",
        "--measures",
        "degree",
        "--sort",
        "degree",
        "--top",
        "12",
        "--format",
        "csv",
    ];
    let text = analyze_ok(&args);
    let got: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let mut expected: Vec<(&str, u64)> = want["values"]["degree"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, d)| (id.as_str(), d.as_u64().unwrap()))
        .collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let expected: Vec<&str> = expected.iter().take(12).map(|e| e.0).collect();
    assert_eq!(got, expected);
    let e = analyze_err(
        &[
            "metrics",
            "--edges",
            &email,
            "--self-loops",
            "drop",
            "--duplicates",
            "first",
            "--measures",
            "degree",
            "--sort",
            "betweenness",
        ],
        1,
    );
    assert!(e.contains("--sort `betweenness`: not a computed per-node measure (computed: degree)"), "{e}");
}

#[test]
fn the_text_table_shows_small_values_in_scientific_notation() {
    let email = data("email-eu-core/edges.csv");
    let text = analyze_ok(&[
        "metrics",
        "--edges",
        &email,
        "--self-loops",
        "drop",
        "--duplicates",
        "first",
        "--measures",
        "betweenness",
    ]);
    // Some betweenness values are positive but below 0.00005: none prints as 0.0000.
    let want = fixture("email-eu-core");
    let small = want["values"]["betweenness"].as_object().unwrap().values().filter(|v| {
        let v = v.as_f64().unwrap();
        v > 0.0 && v < 0.00005
    });
    let small = small.count();
    assert!(small > 0);
    let scientific = text.lines().filter(|l| l.contains("e-")).count();
    assert_eq!(scientific, small, "{text}");
    let zeros = want["values"]["betweenness"].as_object().unwrap().values().filter(|v| v.as_f64() == Some(0.0)).count();
    assert_eq!(text.lines().filter(|l| l.ends_with(" 0.0000")).count(), zeros);
}
