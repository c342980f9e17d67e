#!/usr/bin/env python3
"""The README's "Your own data" recipes, run against NetworkX.

Each recipe is an `analyze metrics` command on a real data set as it comes
(a multiplex file, self-loops and two-way mail, a Gephi export, a gzipped
SNAP file). This script runs each one with `--format json`, reads the same
file with NetworkX the way the recipe's options say (one relation; loops
dropped, nodes kept; repeated ties merged; Gephi's capitalized header), and
compares node and edge counts, every node's degree, clustering,
betweenness, Burt's constraint (weighted where the recipe is), E-I index
and Gould-Fernandez brokerage roles (computed here by an independent
enumeration of all ordered triples), and group density. It prints one line
per recipe and measure with the largest difference.

    cargo build --release --example analyze
    python3 scripts/check_recipes.py [--data ../shared/data] [--bin target/release/examples/analyze]

With --write-fixtures DIR it also writes each recipe's NetworkX values as
JSON (tests/fixtures/recipes/ is written this way from tests/data, and
tests/recipes.rs compares the command line with it).

Needs networkx (scripts/setup_venv.sh).
"""
import argparse
import csv
import gzip
import io
import json
import math
import os
import subprocess
import sys
import tempfile

import networkx as nx


def read_rows(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def build(rows, directed, src="source", dst="target", weight=None, where=None, keep_loops_nodes=True):
    """The graph a recipe means: rows filtered by `where`, self-loops dropped
    (their nodes kept), repeated ties merged keeping the first weight."""
    G = nx.DiGraph() if directed else nx.Graph()
    for r in rows:
        if where and r[where[0]].strip() != where[1]:
            continue
        a, b = r[src].strip(), r[dst].strip()
        G.add_node(a)
        G.add_node(b)
        if a == b or G.has_edge(a, b):
            continue
        w = float(r[weight]) if weight and r[weight].strip() else 1.0
        G.add_edge(a, b, weight=w)
    return G


def groups_of(G, nodes_file, column):
    groups = {v: None for v in G}
    for r in read_rows(nodes_file):
        if r["id"] in groups and r[column] != "":
            groups[r["id"]] = r[column]
    return groups


def brokerage(G, groups):
    """Gould-Fernandez roles by enumerating every ordered triple of distinct
    nodes (a, b, c) with arcs a->b and b->c and no arc a->c."""
    arcs = set(G.edges())
    if not G.is_directed():
        arcs |= {(b, a) for a, b in arcs}
    succ = {v: set() for v in G}
    for a, b in arcs:
        succ[a].add(b)
    names = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    out = {v: dict.fromkeys(names, 0) for v in G}
    for b in G:
        for a in G:
            if (a, b) not in arcs:
                continue
            for c in succ[b]:
                if c == a or c in succ[a]:
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                if None in (ga, gb, gc):
                    continue
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                out[b][role] += 1
    return out


def ei_index(G, groups):
    out = {}
    for v in G:
        own = groups[v]
        labels = [groups[u] for u in set(nx.all_neighbors(G, v)) if groups[u] is not None]
        if own is None or not labels:
            out[v] = None
        else:
            internal = sum(1 for x in labels if x == own)
            out[v] = (len(labels) - 2 * internal) / len(labels)
    return out


def within_density(G, groups):
    labels = sorted({g for g in groups.values() if g is not None})
    out = {}
    for x in labels:
        members = [v for v in G if groups[v] == x]
        out[x] = nx.density(G.subgraph(members)) if len(members) > 1 else None
    return out


def recipes(data, tmp):
    """(name, analyze arguments, NetworkX graph, weight or None, groups or None, measures)."""
    lazega = os.path.join(data, "lazega-lawfirm")
    email = os.path.join(data, "email-eu-core")
    karate = os.path.join(data, "zachary-karate")
    grqc = os.path.join(data, "snap-ca-grqc")
    gephi = os.path.join(data, "gephi-karate", "edges.csv")
    if not os.path.exists(gephi):
        # The shared data has no Gephi export: write karate the way Gephi's
        # "Export table: edges" does (Source,Target,Type,Id,Label,Weight).
        gephi = os.path.join(tmp, "gephi-karate.csv")
        with open(gephi, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight"])
            for i, r in enumerate(read_rows(os.path.join(karate, "edges.csv"))):
                w.writerow([r["source"], r["target"], "Undirected", i, "", r["weight"]])
    out = []
    rows = read_rows(os.path.join(lazega, "edges.csv"))
    G = build(rows, True, where=("relation", "advice"))
    out.append((
        "lazega-advice",
        ["--edges", os.path.join(lazega, "edges.csv"), "--directed", "--where", "relation=advice",
         "--nodes", os.path.join(lazega, "nodes.csv"), "--group", "office",
         "--measures", "degree,betweenness,constraint,clustering"],
        G, None, groups_of(G, os.path.join(lazega, "nodes.csv"), "office"),
        ["degree", "betweenness", "constraint", "clustering"],
    ))
    rows = read_rows(os.path.join(email, "edges.csv"))
    G = build(rows, False)
    out.append((
        "email-eu-core",
        ["--edges", os.path.join(email, "edges.csv"), "--self-loops", "drop", "--duplicates", "first",
         "--nodes", os.path.join(email, "nodes.csv"), "--group", "department",
         "--measures", "degree,clustering,betweenness"],
        G, None, groups_of(G, os.path.join(email, "nodes.csv"), "department"),
        ["degree", "clustering", "betweenness"],
    ))
    rows = read_rows(gephi)
    G = build(rows, False, src="Source", dst="Target", weight="Weight")
    out.append((
        "gephi-karate",
        ["--edges", gephi, "--weighted", "--measures", "degree,constraint,effective_size,betweenness",
         "--cost", "inverse"],
        G, "weight", None, ["degree", "constraint", "effective_size", "betweenness"],
    ))
    rows = read_rows(os.path.join(grqc, "edges.csv.gz"))
    G = build(rows, False)
    out.append((
        "snap-ca-grqc",
        ["--edges", os.path.join(grqc, "edges.csv.gz"), "--self-loops", "drop",
         "--measures", "degree,clustering,components"],
        G, None, None, ["degree", "clustering"],
    ))
    return out


def expected(G, weight, groups, measures):
    values = {}
    if "degree" in measures:
        values["degree"] = dict(G.degree())
    if "clustering" in measures:
        values["clustering"] = {v: float(c) for v, c in nx.clustering(G).items()}
    if "betweenness" in measures:
        if weight:
            H = G.copy()
            for a, b, d in H.edges(data=True):
                d["cost"] = 1.0 / d["weight"]
            values["betweenness"] = nx.betweenness_centrality(H, weight="cost")
        else:
            values["betweenness"] = nx.betweenness_centrality(G)
    # nodes= on purpose: NetworkX 3.5+'s sparse "all nodes" shortcut is wrong
    # on weighted and directed graphs (networkx PR #8906); the per-node path is
    # Burt's definition, as in scripts/reference_measures.py.
    if "constraint" in measures:
        values["constraint"] = {
            v: (None if math.isnan(c) else c) for v, c in nx.constraint(G, nodes=list(G), weight=weight).items()
        }
    if "effective_size" in measures:
        values["effective_size"] = {
            v: (None if math.isnan(c) else c) for v, c in nx.effective_size(G, nodes=list(G), weight=weight).items()
        }
    result = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "values": values}
    if groups is not None:
        result["ei_index"] = ei_index(G, groups)
        result["brokerage"] = brokerage(G, groups)
        result["within_density"] = within_density(G, groups)
    return result


def compare(got, want):
    """Lines: (what, largest difference or mismatch count, ok)."""
    lines = [("nodes", f"{got['graph']['nodes']} vs {want['nodes']}", got["graph"]["nodes"] == want["nodes"]),
             ("edges", f"{got['graph']['edges']} vs {want['edges']}", got["graph"]["edges"] == want["edges"])]
    nodes = {n["id"]: n for n in got["nodes"]}
    def diff(measure, table, key=None):
        worst, bad = 0.0, 0
        for v, w in table.items():
            g = nodes[v][measure] if key is None else nodes[v][measure][key]
            if w is None or g is None:
                bad += (w is None) != (g is None)
            else:
                d = abs(g - w)
                worst = max(worst, d)
                bad += d > 1e-9 * max(1.0, abs(w))
        return worst, bad
    for m, table in want["values"].items():
        worst, bad = diff(m, table)
        lines.append((m, f"max |diff| {worst:.2e}, {bad} mismatches over {len(table)} nodes", bad == 0))
    if "ei_index" in want:
        worst, bad = diff("ei_index", want["ei_index"])
        lines.append(("ei_index", f"max |diff| {worst:.2e}, {bad} mismatches", bad == 0))
        bad = sum(
            nodes[v]["brokerage"][r] != c for v, roles in want["brokerage"].items() for r, c in roles.items()
        )
        total = sum(sum(r.values()) for r in want["brokerage"].values())
        lines.append(("brokerage", f"{bad} role counts differ ({total} brokered two-paths)", bad == 0))
        gd = got["group_density"]
        bad = 0
        for k, label in enumerate(gd["labels"]):
            w, g = want["within_density"][label], gd["density"][k][k]
            bad += (w is None) != (g is None) or (w is not None and abs(w - g) > 1e-12)
        lines.append(("group density", f"{bad} of {len(gd['labels'])} groups differ", bad == 0))
    return lines


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    p.add_argument("--bin", default=os.path.join(root, "target", "release", "examples", "analyze"))
    p.add_argument("--write-fixtures", metavar="DIR")
    args = p.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv, G, weight, groups, measures in recipes(args.data, tmp):
            want = expected(G, weight, groups, measures)
            data = os.path.normpath(args.data)
            want["args"] = [a.replace(data, "{data}") if a.startswith(data) else a for a in argv]
            if args.write_fixtures:
                os.makedirs(args.write_fixtures, exist_ok=True)
                with open(os.path.join(args.write_fixtures, name + ".json"), "w") as f:
                    json.dump(want, f, sort_keys=True, separators=(",", ":"))
                    f.write("\n")
            run = subprocess.run([args.bin, "metrics", *argv, "--format", "json"], capture_output=True, text=True)
            shown = " ".join(os.path.relpath(a, args.data) if os.path.exists(a) else a for a in argv)
            print(f"{name}: analyze metrics {shown}")
            if run.returncode != 0:
                print(f"  FAILED: exit {run.returncode}: {run.stderr.strip()}")
                failed += 1
                continue
            if run.stderr.strip():
                print(f"  stderr: {run.stderr.strip()}")
            for what, detail, ok in compare(json.loads(run.stdout), want):
                print(f"  {'match' if ok else 'DIFFER'}  {what}: {detail}")
                failed += not ok
    print("all recipes match NetworkX" if failed == 0 else f"{failed} checks differ")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
