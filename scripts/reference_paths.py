#!/usr/bin/env python3
"""Reference values for salesnet's path searches, computed with NetworkX.

Writes tests/fixtures/paths/<graph>.json for tests/paths_reference.rs. Each
fixture holds the graph exactly as used (edge list with the weights given to
both libraries), and for many (source, target) pairs:

- `best`: the best-path cost under each cost (`nx.dijkstra_path_length`);
- `k_best`: the costs of the first K = 5 loopless paths in order
  (`nx.shortest_simple_paths`, Yen's algorithm), and the best path itself
  where it is unique (the next path costs more), else null;
- `many`: multi-source best costs to every reachable node
  (`nx.multi_source_dijkstra_path_length`).

Costs of a tie of weight w: hops = 1, inverse = 1 / w, neglog = -ln w. A tie
of weight 0 is unusable (the weight function returns None, which hides it).

Graphs (real data sets are copied verbatim from the shared data into
tests/data/<name>/, see their README.md):

- zachary-karate: undirected; weight = weight / 7 (the largest weight), so
  strengths lie in (0, 1].
- padgett-florentine: undirected, marriage and business ties merged into one
  simple graph (a pair tied by both counts once), every weight 1.
- arenas-email-urv: undirected, unweighted (every weight 1).
- arenas-email-urv-weighted: the same edges with seeded random weights
  k / 1000, k uniform in 1..=1000 (many equal costs, so ties are exercised).
- uk-faculty: kept DIRECTED (an arc per row); weight = weight / 16 (the
  largest weight).
- random-*: seeded G(n, m) graphs (undirected and directed) and a
  Barabasi-Albert graph with weights uniform in (0, 1], some set to 0.

Usage: python3 scripts/reference_paths.py   (needs networkx; tested with 3.6)
A virtual environment works too: python3 -m venv scripts/.venv &&
scripts/.venv/bin/pip install networkx && scripts/.venv/bin/python scripts/reference_paths.py
"""

import csv
import json
import math
import random
from itertools import islice
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = ROOT / "tests" / "fixtures" / "paths"
K = 5
COSTS = ("hops", "inverse", "neglog")


def cost_function(kind):
    def f(_u, _v, d):
        w = d["weight"]
        if w <= 0:
            return None
        if kind == "hops":
            return 1.0
        if kind == "inverse":
            return 1.0 / w
        return -math.log(w)

    return f


def read_rows(name):
    with open(DATA / name / "edges.csv", newline="") as f:
        return list(csv.DictReader(f))


def graph_from(edges, directed):
    g = nx.DiGraph() if directed else nx.Graph()
    for u, v, w in edges:
        g.add_edge(u, v, weight=w)
    return g


def karate():
    rows = read_rows("zachary-karate")
    top = max(float(r["weight"]) for r in rows)
    return [(r["source"], r["target"], float(r["weight"]) / top) for r in rows], False


def padgett():
    seen, edges = set(), []
    for r in read_rows("padgett-florentine"):
        key = tuple(sorted((r["source"], r["target"])))
        if key not in seen:
            seen.add(key)
            edges.append((r["source"], r["target"], 1.0))
    return edges, False


def arenas():
    return [(r["source"], r["target"], 1.0) for r in read_rows("arenas-email-urv")], False


def arenas_weighted():
    rng = random.Random(7)
    return [(r["source"], r["target"], rng.randint(1, 1000) / 1000) for r in read_rows("arenas-email-urv")], False


def uk_faculty():
    rows = read_rows("uk-faculty")
    top = max(float(r["weight"]) for r in rows)
    return [(r["source"], r["target"], float(r["weight"]) / top) for r in rows], True


def random_graph(kind, n, m, seed, directed=False):
    rng = random.Random(seed)
    if kind == "ba":
        g = nx.barabasi_albert_graph(n, m, seed=seed)
    else:
        g = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    edges = []
    for u, v in sorted(g.edges()):
        w = 0.0 if rng.random() < 0.05 else 1.0 - rng.random()  # (0, 1]
        edges.append((f"n{u}", f"n{v}", w))
    return edges, directed


GRAPHS = {
    "zachary-karate": (karate, None, 60),
    "padgett-florentine": (padgett, None, 60),
    "arenas-email-urv": (arenas, 300, 30),
    "arenas-email-urv-weighted": (arenas_weighted, 300, 30),
    "uk-faculty": (uk_faculty, 600, 60),
    "random-gnm-60": (lambda: random_graph("gnm", 60, 150, 11), None, 80),
    "random-gnm-directed-50": (lambda: random_graph("gnm", 50, 200, 12, directed=True), None, 80),
    "random-ba-300": (lambda: random_graph("ba", 300, 2, 13), 400, 60),
}


def node_order(edges):
    order, seen = [], set()
    for u, v, _ in edges:
        for x in (u, v):
            if x not in seen:
                seen.add(x)
                order.append(x)
    return order


def pairs(nodes, count, rng, directed):
    """All pairs (ordered if directed) when count is None, else `count` random distinct pairs."""
    if count is None:
        return [(a, b) for i, a in enumerate(nodes) for j, b in enumerate(nodes) if (i != j if directed else i < j)]
    out = []
    while len(out) < count:
        a, b = rng.sample(nodes, 2)
        out.append((a, b))
    return out


def fixture(name, make, best_count, k_count):
    edges, directed = make()
    g = graph_from(edges, directed)
    nodes = node_order(edges)
    rng = random.Random(name)
    fns = {c: cost_function(c) for c in COSTS}

    best = []
    for s, t in pairs(nodes, best_count, rng, directed):
        entry = {"from": s, "to": t}
        for c in COSTS:
            try:
                entry[c] = nx.dijkstra_path_length(g, s, t, weight=fns[c])
            except nx.NetworkXNoPath:
                entry[c] = None
        best.append(entry)

    k_best = []
    for s, t in pairs(nodes, k_count, rng, directed):
        for c in COSTS:
            try:
                paths = list(islice(nx.shortest_simple_paths(g, s, t, weight=fns[c]), K))
            except nx.NetworkXNoPath:
                paths = []
            costs = [path_cost(g, p, fns[c]) for p in paths]
            unique = None
            if len(costs) == 1 or (len(costs) > 1 and costs[1] > costs[0] + 1e-9 * max(1.0, abs(costs[0]))):
                unique = paths[0]
            k_best.append({"from": s, "to": t, "cost": c, "costs": costs, "unique_best": unique})

    many = []
    for c in COSTS:
        sources = rng.sample(nodes, 3)
        lengths = nx.multi_source_dijkstra_path_length(g, set(sources), weight=fns[c])
        many.append({"sources": sources, "cost": c, "lengths": [[v, lengths[v]] for v in nodes if v in lengths]})

    doc = {
        "name": name,
        "directed": directed,
        "generator": f"scripts/reference_paths.py with networkx {nx.__version__}",
        "edges": [[u, v, w] for u, v, w in edges],
        "best": best,
        "k_best": k_best,
        "many": many,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / f"{name}.json", "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"{name}: {len(nodes)} nodes, {len(edges)} edges, {len(best)} best pairs, {len(k_best)} k-best queries")


def path_cost(g, path, fn):
    total = 0.0
    for u, v in zip(path, path[1:]):
        total += fn(u, v, g[u][v])
    return total


def main():
    for name, (make, best_count, k_count) in GRAPHS.items():
        fixture(name, make, best_count, k_count)


if __name__ == "__main__":
    main()
