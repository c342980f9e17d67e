#!/usr/bin/env python3
"""Reference values for salesnet's network measures, from NetworkX (and igraph as a cross-check).

Writes one JSON fixture per graph to tests/fixtures/measures/, read by tests/measures_reference.rs.
Run from the repository root:

    scripts/setup_venv.sh && scripts/.venv/bin/python scripts/reference_measures.py

Graphs: real data sets copied into tests/data/ (see their README.md) and seeded random graphs.
Every fixture embeds its node list (in node order) and edge list, so the Rust test builds the very
same graph. Values that are undefined (NaN in NetworkX) are written as null.

Definitions (see src/measures/*.rs):
- structural holes: NetworkX's per-node code path (nodes=list(G)), i.e. without SciPy's sparse path,
  so a directed node without out-arcs gets NaN like an isolate;
- efficiency = effective size / number of distinct neighbours (set(nx.all_neighbors));
- hierarchy = sum r ln r / (N ln N), r_j = local_constraint(v, j) / mean, over j in set(all_neighbors);
  null below 2 neighbours or when constraint is undefined or 0;
- ego density = nx.density(G.subgraph(set(nx.all_neighbors(G, v)))), null below 2 neighbours;
- betweenness = nx.betweenness_centrality(normalized=True), weighted with cost 1/w or -ln w;
- articulation points and bridges on G.to_undirected(); components weakly connected when directed;
- brokerage (Gould-Fernandez), Blau, E-I, group density and two-step reach: direct Python
  implementations of the definitions (neither NetworkX nor igraph has them).

Each fixture records `igraph_max_abs_diff`, the largest difference between igraph and NetworkX for
the measures both have. They agree to 1e-16 except weighted betweenness on graphs with integer
weights (zachary-karate, uk-faculty): igraph compares path lengths with a tolerance, NetworkX (and
salesnet) exactly, so sums such as 1/3 + 1/6 and 1/2 that differ in the last bit are ties for
igraph only.
"""

import csv
import json
import math
import os
import random
import sys

import networkx as nx

try:
    import igraph as ig
except ImportError:  # the cross-check is skipped without igraph
    ig = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "fixtures", "measures")


def clean(x):
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def read_real(name, directed, relation=None, weighted=False, group_column=None):
    """Nodes (nodes.csv order, else first appearance), edges and optional groups of a data set."""
    folder = os.path.join(DATA, name)
    nodes, groups = [], {}
    nodes_file = os.path.join(folder, "nodes.csv")
    if os.path.exists(nodes_file):
        with open(nodes_file, newline="") as f:
            for row in csv.DictReader(f):
                nodes.append(row["id"])
                if group_column:
                    groups[row["id"]] = row[group_column] or None
    edges = []
    with open(os.path.join(folder, "edges.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if relation and row["relation"] != relation:
                continue
            w = float(row["weight"]) if weighted else 1.0
            edges.append([row["source"], row["target"], w])
            for x in (row["source"], row["target"]):
                if x not in nodes:
                    nodes.append(x)
    g = [groups.get(v) for v in nodes] if group_column else None
    return nodes, edges, g


def build(nodes, edges, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes)
    for u, v, w in edges:
        G.add_edge(u, v, weight=w)
    return G


def hierarchy(G, v, weight, constraint):
    contacts = set(nx.all_neighbors(G, v))
    n = len(contacts)
    if n < 2 or constraint is None or constraint <= 0:
        return None
    locs = [nx.local_constraint(G, v, j, weight=weight) for j in contacts]
    mean = sum(locs) / n
    s = sum((c / mean) * math.log(c / mean) for c in locs if c > 0)
    return s / (n * math.log(n))


def holes(G, weight):
    nodes = list(G)
    es = nx.effective_size(G, nodes=nodes, weight=weight)
    con = nx.constraint(G, nodes=nodes, weight=weight)
    out = {"effective_size": [], "efficiency": [], "constraint": [], "hierarchy": []}
    for v in nodes:
        k = len(set(nx.all_neighbors(G, v)))
        e, c = clean(es[v]), clean(con[v])
        out["effective_size"].append(e)
        out["efficiency"].append(None if e is None else e / k)
        out["constraint"].append(c)
        out["hierarchy"].append(hierarchy(G, v, weight, c))
    return out


def with_cost(G, f):
    H = G.copy()
    for u, v, d in H.edges(data=True):
        d["cost"] = f(d["weight"])
    return H


def brokerage(G, groups):
    index = {v: i for i, v in enumerate(G)}
    out = []
    for b in G:
        r = [0] * 7  # coordinator, itinerant, representative, gatekeeper, liaison, unlabelled, open
        preds = list(G.predecessors(b)) if G.is_directed() else list(G[b])
        succs = list(G.successors(b)) if G.is_directed() else list(G[b])
        for a in preds:
            for c in succs:
                if a == c or G.has_edge(a, c):
                    continue
                r[6] += 1
                ga, gb, gc = (groups[index[x]] for x in (a, b, c))
                if ga is None or gb is None or gc is None:
                    r[5] += 1
                elif ga == gb == gc:
                    r[0] += 1
                elif ga == gc:
                    r[1] += 1
                elif ga == gb:
                    r[2] += 1
                elif gb == gc:
                    r[3] += 1
                else:
                    r[4] += 1
        out.append(r)
    return out


def diversity(G, groups):
    index = {v: i for i, v in enumerate(G)}
    blau, ei = [], []
    for v in G:
        labels = [groups[index[u]] for u in set(nx.all_neighbors(G, v))]
        labels = [x for x in labels if x is not None]
        if not labels:
            blau.append(None)
        else:
            counts = {}
            for x in labels:
                counts[x] = counts.get(x, 0) + 1
            blau.append(1 - sum((c / len(labels)) ** 2 for c in counts.values()))
        own = groups[index[v]]
        if own is None or not labels:
            ei.append(None)
        else:
            internal = sum(1 for x in labels if x == own)
            external = len(labels) - internal
            ei.append((external - internal) / (external + internal))
    return blau, ei


def group_density(G, groups):
    labels = sorted({x for x in groups if x is not None})
    members = {x: [v for v, g in zip(G, groups) if g == x] for x in labels}
    matrix = []
    for a in labels:
        row = []
        for b in labels:
            if a == b:
                sub = G.subgraph(members[a])
                row.append(nx.density(sub) if len(members[a]) > 1 else None)
            else:
                if G.is_directed():
                    ties = sum(1 for u in members[a] for v in members[b] if G.has_edge(u, v))
                else:
                    ties = sum(1 for u in members[a] for v in members[b] if G.has_edge(u, v))
                possible = len(members[a]) * len(members[b])
                row.append(ties / possible if possible else None)
        matrix.append(row)
    return {"labels": labels, "density": matrix}


def igraph_check(G, values, weighted_values):
    """Largest absolute difference between igraph and NetworkX for the measures both have."""
    if ig is None:
        return None
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed())
    h.es["weight"] = [d["weight"] for _, _, d in G.edges(data=True)]
    n = len(nodes)
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1
    if not G.is_directed():
        scale *= 2
    diffs = {}
    bc = [b * scale for b in h.betweenness(directed=G.is_directed())]
    diffs["betweenness"] = max(abs(a - b) for a, b in zip(bc, values["betweenness"]))
    if weighted_values and "betweenness_inverse" in weighted_values:
        bc = [b * scale for b in h.betweenness(directed=G.is_directed(), weights=[1 / w for w in h.es["weight"]])]
        diffs["betweenness_inverse"] = max(abs(a - b) for a, b in zip(bc, weighted_values["betweenness_inverse"]))
    if not G.is_directed():
        con = h.constraint()
        diffs["constraint"] = max(
            abs(a - b) for a, b in zip(con, values["constraint"]) if b is not None and not math.isnan(a)
        )
        cl = h.transitivity_local_undirected(mode="zero")
        diffs["clustering"] = max(abs(a - b) for a, b in zip(cl, values["clustering"]))
    u = h.as_undirected() if G.is_directed() else h
    aps = sorted(u.articulation_points())
    diffs["articulation_points_equal"] = aps == sorted(index[x] for x in values_graph_ap(G))
    return diffs


def values_graph_ap(G):
    return list(nx.articulation_points(G.to_undirected()))


def case(name, nodes, edges, directed, weighted, source, groups=None, costs=("inverse", "neglog", "hops")):
    G = build(nodes, edges, directed)
    order = {v: i for i, v in enumerate(nodes)}
    U = G.to_undirected()
    aps = sorted(nx.articulation_points(U), key=order.get)
    brs = sorted(tuple(sorted((order[u], order[v]))) for u, v in nx.bridges(U))
    comps = nx.number_weakly_connected_components(G) if directed else nx.number_connected_components(G)
    graph = {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": nx.density(G),
        "components": comps,
        "articulation_points": aps,
        "bridges": [[nodes[u], nodes[v]] for u, v in brs],
    }
    unweighted = {"degree": [G.degree(v) for v in nodes]}
    ego = []
    for v in nodes:
        contacts = set(nx.all_neighbors(G, v))
        ego.append(nx.density(G.subgraph(contacts)) if len(contacts) >= 2 else None)
    unweighted["ego_density"] = ego
    unweighted.update(holes(G, None))
    cl = nx.clustering(G)
    unweighted["clustering"] = [float(cl[v]) for v in nodes]
    bc = nx.betweenness_centrality(G)
    unweighted["betweenness"] = [bc[v] for v in nodes]
    reach = []
    for v in nodes:
        d = nx.single_source_shortest_path_length(G, v, cutoff=2)
        reach.append(len(d) - 1)
    unweighted["two_step_reach"] = reach
    fixture = {
        "name": name,
        "source": source,
        "directed": directed,
        "weighted": weighted,
        "nodes": nodes,
        "edges": edges,
        "graph": graph,
        "unweighted": unweighted,
    }
    if weighted:
        strength = holes(G, "weight")
        for c in costs:
            if c == "inverse":
                H = with_cost(G, lambda w: 1.0 / w)
            elif c == "neglog":
                H = with_cost(G, lambda w: -math.log(w))
            else:
                H = G.copy()
                H.remove_edges_from([(u, v) for u, v, d in G.edges(data=True) if d["weight"] <= 0])
            b = nx.betweenness_centrality(H, weight="cost" if c != "hops" else None)
            strength["betweenness_" + c] = [b[v] for v in nodes]
        fixture["strength"] = strength
    if groups is not None:
        blau, ei = diversity(G, groups)
        fixture["groups"] = groups
        fixture["group_measures"] = {
            "brokerage": brokerage(G, groups),
            "blau": blau,
            "ei": ei,
            "group_density": group_density(G, groups),
        }
    fixture["igraph_max_abs_diff"] = igraph_check(G, unweighted, fixture.get("strength"))
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"{name}: {len(nodes)} nodes, {len(edges)} edges, igraph diff {fixture['igraph_max_abs_diff']}", file=sys.stderr)


def random_case(name, G, directed, seed, weights="uniform", group_labels=("a", "b", "c"), costs=None):
    rng = random.Random(seed)
    if directed and not G.is_directed():
        G = G.to_directed()
        # keep each arc with probability 0.6 so that some ties are one-way
        G.remove_edges_from([e for e in list(G.edges()) if rng.random() < 0.4])
    nodes = [str(v) for v in G.nodes()]
    edges = []
    for u, v in G.edges():
        if weights == "uniform":
            w = 1.0 - rng.random()  # in (0, 1]
        else:
            w = rng.choice([0.25, 0.5, 1.0])
        edges.append([str(u), str(v), w])
    groups = [rng.choice(group_labels + (None,)) for _ in nodes]
    if costs is None:
        costs = ("inverse", "neglog", "hops") if weights == "uniform" else ("inverse", "hops")
    case(name, nodes, edges, directed, True, f"random: {name}, seed {seed}", groups, costs)


def main():
    os.makedirs(OUT, exist_ok=True)
    n, e, g = read_real("zachary-karate", False, weighted=True, group_column="faction")
    case("zachary-karate", n, e, False, True, "tests/data/zachary-karate/edges.csv", g, costs=("inverse", "hops"))
    n, e, _ = read_real("padgett-florentine", False, relation="marriage")
    case("padgett-florentine-marriage", n, e, False, False, "tests/data/padgett-florentine/edges.csv, relation marriage")
    n, e, g = read_real("krackhardt-hightech", True, relation="advice", group_column="department")
    case("krackhardt-hightech-advice", n, e, True, False, "tests/data/krackhardt-hightech/edges.csv, relation advice", g)
    n, e, g = read_real("uk-faculty", True, weighted=True, group_column="school")
    case("uk-faculty", n, e, True, True, "tests/data/uk-faculty/edges.csv", g, costs=("inverse", "hops"))
    n, e, _ = read_real("arenas-email-urv", False)
    case("arenas-email-urv", n, e, False, False, "tests/data/arenas-email-urv/edges.csv")
    random_case("gnp-60", nx.gnp_random_graph(60, 0.06, seed=1), False, 11)
    random_case("ba-200", nx.barabasi_albert_graph(200, 2, seed=2), False, 12)
    random_case("ba-120-dyadic", nx.barabasi_albert_graph(120, 3, seed=3), False, 13, weights="dyadic")
    random_case("grid-dyadic", nx.convert_node_labels_to_integers(nx.grid_2d_graph(7, 8)), False, 14, weights="dyadic")
    random_case("gnp-directed-50", nx.gnp_random_graph(50, 0.08, seed=4), True, 15)
    random_case("ba-directed-120", nx.barabasi_albert_graph(120, 2, seed=5), True, 16)
    random_case("tiny-path-3", nx.path_graph(3), False, 17)
    random_case("tiny-edge-2", nx.path_graph(2), False, 18)


if __name__ == "__main__":
    main()
