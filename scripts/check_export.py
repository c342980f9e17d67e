#!/usr/bin/env python3
"""Checks that other tools read what `analyze export` writes.

Exports the sample portfolio (whole, one view, redacted) and an edge list
with its measures (Lazega's advice network) to every format, then reads
them back with the tools an analyst would use: NetworkX for GraphML
(`read_graphml`) and GEXF (`read_gexf`), pyarrow for Parquet, Python's csv
module for the CSV tables. For each export it checks that every reader sees
the same nodes and edges as the CSV tables (counts, ids, ends), the same
node attributes (name by name, value by value, numbers as numbers), and the
GraphFrames column names (`id`; `src`, `dst`) in Parquet. Prints one line
per export and format.

    cargo build --release --features parquet --example analyze
    python3 scripts/check_export.py [--bin target/release/examples/analyze]

Needs networkx and pyarrow (scripts/setup_venv.sh).
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

import networkx as nx
import pyarrow.parquet as pq


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=0.0)
        except (TypeError, ValueError):
            return False
    return str(a) == str(b)


def typed(value, kind):
    if value is None or value == "":
        return None
    return {"long": int, "int": int, "double": float}.get(kind, str)(value)


def read_csv_tables(folder):
    with open(os.path.join(folder, "nodes.csv"), newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(folder, "edges.csv"), newline="") as f:
        edges = list(csv.DictReader(f))
    return nodes, edges


def check(name, run, out):
    problems = []
    csv_dir = os.path.join(out, name + "-csv")
    run(["--format", "csv", "--out", csv_dir])
    nodes, edges = read_csv_tables(csv_dir)
    ids = [n["id"] for n in nodes]
    ends = sorted((e["source"], e["target"]) for e in edges)
    columns = [c for c in nodes[0].keys() if c != "id"] if nodes else []
    lines = []

    edge_columns = [c for c in edges[0].keys() if c not in ("source", "target")] if edges else []

    def agree(fmt, got_ids, got_ends, attrs_of, edge_attrs_of):
        bad = []
        if sorted(got_ids) != sorted(ids):
            bad.append(f"node ids differ ({len(got_ids)} vs {len(ids)})")
        if sorted(got_ends) != ends and sorted(tuple(sorted(e)) for e in got_ends) != sorted(tuple(sorted(e)) for e in ends):
            bad.append(f"edges differ ({len(got_ends)} vs {len(ends)})")
        mismatched = 0
        for n in nodes:
            got = attrs_of(n["id"])
            for c in columns:
                want = n[c]
                have = got.get(c)
                if want == "":
                    mismatched += have not in (None, "")
                elif have is None or not same(have, want):
                    mismatched += 1
        if mismatched:
            bad.append(f"{mismatched} node attribute values differ")
        mismatched = 0
        for e in edges:
            got = edge_attrs_of(e["source"], e["target"])
            for c in edge_columns:
                want, have = e[c], got.get(c)
                if c == "weight" and fmt == "gexf":
                    have = got.get("weight")
                if want == "":
                    mismatched += have not in (None, "")
                elif have is None or not same(have, want):
                    mismatched += 1
        if mismatched:
            bad.append(f"{mismatched} edge attribute values differ")
        status = "match" if not bad else "DIFFER: " + "; ".join(bad)
        lines.append(f"  {fmt:8} {len(got_ids)} nodes, {len(got_ends)} edges, {len(columns)} node and {len(edge_columns)} edge columns: {status}")
        problems.extend(bad)

    path = os.path.join(out, name + ".graphml")
    run(["--format", "graphml", "--out", path])
    G = nx.read_graphml(path)
    agree("graphml", list(G.nodes), list(G.edges), lambda v: G.nodes[v], lambda s, t: G.edges[s, t])

    path = os.path.join(out, name + ".gexf")
    run(["--format", "gexf", "--out", path])
    X = nx.read_gexf(path)
    agree("gexf", list(X.nodes), list(X.edges), lambda v: X.nodes[v], lambda s, t: X.edges[s, t])

    pq_dir = os.path.join(out, name + "-parquet")
    run(["--format", "parquet", "--out", pq_dir])
    pn = pq.read_table(os.path.join(pq_dir, "nodes.parquet")).to_pylist()
    pe = pq.read_table(os.path.join(pq_dir, "edges.parquet")).to_pylist()
    if pn and pn[0] and list(pn[0].keys())[0] != "id":
        problems.append("parquet nodes do not start with `id`")
    if pe and list(pe[0].keys())[:2] != ["src", "dst"]:
        problems.append("parquet edges do not start with `src`, `dst`")
    by_id = {r["id"]: r for r in pn}
    by_ends = {(r["src"], r["dst"]): r for r in pe}
    agree("parquet", list(by_id), list(by_ends), lambda v: by_id[v], lambda s, t: by_ends[(s, t)])

    path = os.path.join(out, name + ".dot")
    run(["--format", "dot", "--out", path])
    dot = open(path).read()
    arrows = dot.count(" -- ") + dot.count(" -> ")
    ok = arrows == len(edges)
    lines.append(f"  {'dot':8} {arrows} edges: {'match' if ok else 'DIFFER'}")
    if not ok:
        problems.append("dot edge count differs")
    print(f"{name}: {len(nodes)} nodes, {len(edges)} edges (CSV tables)")
    for line in lines:
        print(line)
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default=os.path.join(root, "target", "release", "examples", "analyze"))
    args = p.parse_args()
    sample = os.path.join(root, "examples", "data", "sample")
    lazega = os.path.join(root, "tests", "data", "lazega-lawfirm", "edges.csv")
    cases = {
        "portfolio": ["--portfolio", sample, "--as-of", "2026-11-01"],
        "market": ["--portfolio", sample, "--view", "market", "--as-of", "2026-11-01"],
        "redacted": ["--portfolio", sample, "--as-of", "2026-11-01", "--redact"],
        "lazega-advice": ["--edges", lazega, "--directed", "--where", "relation=advice"],
        "lazega-redacted": ["--edges", lazega, "--directed", "--where", "relation=advice", "--redact",
                            "--measures", "degree,betweenness"],
    }
    problems = []
    with tempfile.TemporaryDirectory() as out:
        for name, base in cases.items():
            def run(extra, base=base):
                r = subprocess.run([args.bin, "export", *base, *extra], capture_output=True, text=True)
                if r.returncode != 0:
                    raise SystemExit(f"analyze export {' '.join(base + extra)} failed: {r.stderr.strip()}")
            problems += [f"{name}: {x}" for x in check(name, run, out)]
    print("every reader agrees" if not problems else f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
