#!/usr/bin/env python3
"""End-to-end check of the analyst command line against NetworkX.

Writes seeded random edge lists (undirected and directed, weighted and not),
runs `analyze metrics --json` and `analyze path --json` on them, and compares
every value with NetworkX to 1e-9 relative. Needs networkx (see
scripts/setup_venv.sh). Usage:

    cargo build --release --example analyze
    python3 scripts/check_cli.py [--bin target/release/examples/analyze] [--graphs 20]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx


def close(a, b, tol=1e-9):
    if isinstance(b, float) and math.isnan(b):
        return a is None
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def hierarchy(G, v, weight):
    nbrs = set(nx.all_neighbors(G, v))
    n = len(nbrs)
    # Like NetworkX's structural holes, undefined where G[v] is empty.
    if n < 2 or len(G[v]) == 0:
        return None
    c = [nx.local_constraint(G, v, u, weight=weight) for u in nbrs]
    mean = sum(c) / n
    if mean == 0:
        return None
    return sum((x / mean) * math.log(x / mean) for x in c if x > 0) / (n * math.log(n))


def ego_density(G, v):
    nbrs = set(nx.all_neighbors(G, v)) - {v}
    k = len(nbrs)
    if k < 2:
        return None
    sub = G.subgraph(nbrs)
    possible = k * (k - 1) if G.is_directed() else k * (k - 1) / 2
    return sub.number_of_edges() / possible


def random_graph(rng, directed, weighted):
    n = rng.randint(5, 40)
    p = rng.uniform(0.05, 0.4)
    G = nx.gnp_random_graph(n, p, seed=rng.randint(0, 10**9), directed=directed)
    for u, v in G.edges():
        # Below 1: a weight of exactly 1 costs 0 under neglog, and NetworkX's
        # Dijkstra betweenness then counts settled nodes as predecessors
        # (see the README: zero-cost ties).
        G[u][v]["weight"] = round(rng.uniform(0.05, 0.999), 3) if weighted else 1.0
    return G


def write_edges(G, path, weighted):
    with open(path, "w") as f:
        f.write("source,target,weight\n" if weighted else "source,target\n")
        for u, v, d in G.edges(data=True):
            f.write(f"n{u},n{v},{d['weight']}\n" if weighted else f"n{u},n{v}\n")


def run(bin_, args):
    out = subprocess.run([bin_] + args, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{args}: exit {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def check_metrics(bin_, G, path, weighted, directed, cost):
    args = ["metrics", "--edges", path, "--json"]
    if weighted:
        args += ["--weighted", "--cost", cost]
    if directed:
        args.append("--directed")
    got = run(bin_, args)
    H = nx.relabel_nodes(G, {v: f"n{v}" for v in G})
    w = "weight" if weighted else None
    # Only nodes that appear in the edge list exist for the tool.
    present = [v for v in H if H.degree(v) > 0]
    H = H.subgraph(present).copy()
    bad = 0
    assert got["graph"]["nodes"] == H.number_of_nodes()
    assert got["graph"]["edges"] == H.number_of_edges()
    bad += not close(got["graph"]["density"], nx.density(H))
    comps = nx.number_weakly_connected_components(H) if directed else nx.number_connected_components(H)
    assert got["graph"]["components"] == comps
    if weighted:
        costf = {"inverse": lambda u, v, d: 1 / d["weight"], "neglog": lambda u, v, d: -math.log(d["weight"]),
                 "hops": None}[cost]
        bc = nx.betweenness_centrality(H, weight=costf)
    else:
        bc = nx.betweenness_centrality(H)
    # nodes= on purpose: NetworkX 3.5+ computes "all nodes" with a sparse-matrix
    # shortcut that divides by the wrong axis on weighted and directed graphs
    # and disagrees with its own per-node definition (networkx PR #8906). The
    # per-node path is Burt's definition and matches igraph and UCINET.
    es = nx.effective_size(H, nodes=list(H), weight=w)
    cs = nx.constraint(H, nodes=list(H), weight=w)
    cl = nx.clustering(H)
    for node in got["nodes"]:
        v = node["id"]
        deg = len(set(nx.all_neighbors(H, v)))
        checks = [
            ("degree", node["degree"], H.degree(v)),
            ("betweenness", node["betweenness"], bc[v]),
            ("effective_size", node["effective_size"], es[v]),
            ("efficiency", node["efficiency"], es[v] / deg if deg else None),
            ("constraint", node["constraint"], cs[v]),
            ("hierarchy", node["hierarchy"], hierarchy(H, v, w)),
            ("clustering", node["clustering"], cl[v]),
            ("ego_density", node["ego_density"], ego_density(H, v)),
        ]
        for name, a, b in checks:
            if not close(a, b):
                bad += 1
                print(f"  {path} {v} {name}: ours {a}, networkx {b}", file=sys.stderr)
    if not directed:
        aps = set(nx.articulation_points(H))
        assert set(got["articulation_points"]) == aps, (got["articulation_points"], aps)
        brs = {frozenset(e) for e in nx.bridges(H)}
        assert {frozenset(b) for b in got["bridges"]} == brs
    return bad


def check_paths(bin_, G, path, directed, rng):
    H = nx.relabel_nodes(G, {v: f"n{v}" for v in G})
    nodes = [v for v in H if H.degree(v) > 0]
    bad = 0
    if len(nodes) < 2:
        return 0
    for cost in ["hops", "inverse", "neglog"]:
        f = {"hops": lambda u, v, d: 1, "inverse": lambda u, v, d: 1 / d["weight"],
             "neglog": lambda u, v, d: -math.log(d["weight"])}[cost]
        for _ in range(3):
            s, t = rng.sample(nodes, 2)
            args = ["path", "--edges", path, "--from", s, "--to", t, "--k", "4", "--cost", cost, "--json"]
            if directed:
                args.append("--directed")
            got = run(bin_, args)
            assert got["from"] == s and got["to"] == t and got["cost"] == cost
            want = []
            try:
                for p in nx.shortest_simple_paths(H, s, t, weight=f):
                    want.append(sum(f(a, b, H[a][b]) for a, b in zip(p, p[1:])))
                    if len(want) == 4:
                        break
            except nx.NetworkXNoPath:
                pass
            costs = [p["cost"] for p in got["paths"]]
            if len(costs) != len(want) or not all(close(a, b) for a, b in zip(costs, want)):
                bad += 1
                print(f"  {path} {s}->{t} {cost}: ours {costs}, networkx {want}", file=sys.stderr)
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/examples/analyze")
    ap.add_argument("--graphs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="write the edge lists into this folder and keep them")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            tmp = a.keep
        for i in range(a.graphs):
            directed = i % 4 == 3
            weighted = i % 2 == 1
            G = random_graph(rng, directed, weighted)
            path = os.path.join(tmp, f"g{i}.csv")
            write_edges(G, path, weighted)
            for cost in (["inverse", "neglog", "hops"] if weighted else ["inverse"]):
                bad += check_metrics(a.bin, G, path, weighted, directed, cost)
            if not weighted:
                for u, v in G.edges():
                    G[u][v]["weight"] = 1.0
            bad += check_paths(a.bin, G, path, directed, rng)
    print(f"{a.graphs} graphs: {bad} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
