#!/usr/bin/env python3
"""Side-by-side timings of salesnet and its peers (NetworkX, igraph, NetworKit, rustworkx).

Runs the same work on the same graphs in one run, checks that the answers agree, prints the ratios
against the goals of BENCHMARKS.md, writes the results JSON and one SVG plot per measure.

Setup and run, from the repository root:

    scripts/setup_peers_venv.sh
    scripts/.venv-peers/bin/python scripts/compare_peers.py [--repeats 3] [--threads 1,2]

Graphs (written once as edge-list CSV under target/bench-graphs/): Barabasi-Albert graphs with
n = 1,000, 4,000, 10,000 and 100,000, m = 5 (networkx, seed 42; weights uniform in (0, 1], seed 7,
used by the weighted tasks only), fb100-cornell5, and snap-ca-hepth and email-eu-core read as
undirected simple graphs (self-loops and repeated pairs dropped), all from ../shared/data (never
committed).

Work (every library on the same file; loading is never timed):
- betweenness: exact, unweighted, normalized as NetworkX; 1 and 2 threads where the library allows
  (igraph and NetworkX are single-threaded); NetworkX on the two smallest graphs only;
- wbetweenness: exact, weighted, cost 1 / weight (ours: `--weighted --cost inverse`; igraph:
  `weights=` the costs), BA 4k;
- floor: a plain BFS from every node, 1 thread (`examples/bfs_floor.rs`), the least an exact Brandes
  must do one source at a time;
- constraint: ours is effective size and constraint together, igraph is constraint alone;
- approx: approximate betweenness, epsilon 0.01, delta 0.1 (ours: Riondato-Kornaropoulos sampling
  with an adaptive stopping rule; NetworKit: KADABRA), BA 10k, BA 100k and fb100-cornell5;
- path: one weighted best path (cost 1 / weight) for 200 seeded random pairs; each pair's time is
  its fastest of the repeats, the figure is the median over the pairs (ours: `examples/path_timing.rs`
  with one reused PathFinder, which also reports the snapshot's heap bytes, ids included; NetworKit:
  BidirectionalDijkstra; igraph: distances to one target), BA 10k, BA 100k and fb100-cornell5.

`--lean` keeps issue 16's goals only (exact betweenness against igraph, no structural holes, no BA
10k for approx and path):

    scripts/.venv-peers/bin/python scripts/compare_peers.py --lean \
        --graphs ba4k,ba10k,hepth,eucore,ba100k,cornell5 --tasks betweenness,wbetweenness,floor,approx,path

Each repeat runs every library once in turn (interleaved, so that a busy machine slows all alike);
the figure of a cell is its best time over the repeats. NetworkX, and any cell whose first run took
more than a minute, runs once. Every run of ours is a fresh process under
`/usr/bin/time`, which gives its peak RSS.
"""

import argparse
import csv
import datetime
import gzip
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRAPHS_DIR = os.path.join(ROOT, "target", "bench-graphs")
BIN = os.path.join(ROOT, "target", "release", "examples")
DATA = os.path.join(ROOT, "..", "shared", "data")

BA = {"ba1k": 1_000, "ba4k": 4_000, "ba10k": 10_000, "ba100k": 100_000}
# Real graphs from ../shared/data, read as undirected simple graphs (self-loops and repeats dropped).
REAL = {"hepth": "snap-ca-hepth", "eucore": "email-eu-core"}
EPSILON, DELTA = 0.01, 0.1
PATH_PAIRS = 200
TIMEOUT = 900
SLOW = 60


# ---------------------------------------------------------------------------------------------
# Graph files


def write_ba(name, n):
    import networkx as nx

    path = os.path.join(GRAPHS_DIR, f"{name}.csv")
    if os.path.exists(path):
        return path
    g = nx.barabasi_albert_graph(n, 5, seed=42)
    rng = random.Random(7)
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "weight"])
        for u, v in g.edges():
            w.writerow([u, v, repr(1.0 - rng.random())])
    os.replace(path + ".tmp", path)
    return path


def write_cornell():
    path = os.path.join(GRAPHS_DIR, "cornell5.csv")
    if os.path.exists(path):
        return path
    src = os.path.join(DATA, "fb100-cornell5", "edges.csv.gz")
    if not os.path.exists(src):
        return None
    with gzip.open(src, "rb") as fin, open(path + ".tmp", "wb") as fout:
        shutil.copyfileobj(fin, fout)
    os.replace(path + ".tmp", path)
    return path


def write_real(name):
    """An undirected simple copy of a shared edge list: self-loops and repeated pairs dropped."""
    path = os.path.join(GRAPHS_DIR, f"{name}.csv")
    if os.path.exists(path):
        return path
    folder = os.path.join(DATA, REAL[name])
    src = next((os.path.join(folder, f) for f in ("edges.csv.gz", "edges.csv")
                if os.path.exists(os.path.join(folder, f))), None)
    if src is None:
        return None
    opener = gzip.open if src.endswith(".gz") else open
    seen = set()
    with opener(src, "rt", newline="") as fin, open(path + ".tmp", "w", newline="") as fout:
        r = csv.reader(fin)
        header = next(r)
        s, t = header.index("source"), header.index("target")
        w = csv.writer(fout)
        w.writerow(["source", "target"])
        for row in r:
            if not row or row[s] == row[t]:
                continue
            key = (min(row[s], row[t]), max(row[s], row[t]))
            if key not in seen:
                seen.add(key)
                w.writerow([row[s], row[t]])
    os.replace(path + ".tmp", path)
    return path


def read_edges(path, weighted=False):
    """Node ids in order of first appearance (as salesnet numbers them) and edges as index pairs."""
    index, ids, edges, weights = {}, [], [], []
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        s, t = header.index("source"), header.index("target")
        wcol = header.index("weight") if "weight" in header else None
        for row in r:
            if not row:
                continue
            for x in (row[s], row[t]):
                if x not in index:
                    index[x] = len(ids)
                    ids.append(x)
            edges.append((index[row[s]], index[row[t]]))
            if weighted:
                weights.append(float(row[wcol]) if wcol is not None and row[wcol] else 1.0)
    return ids, edges, weights


def write_pairs(graph_path, name):
    path = os.path.join(GRAPHS_DIR, f"{name}-pairs.csv")
    if os.path.exists(path):
        return path
    ids, _, _ = read_edges(graph_path)
    rng = random.Random(11)
    with open(path, "w") as f:
        f.write("source,target\n")
        for _ in range(PATH_PAIRS):
            a, b = rng.sample(range(len(ids)), 2)
            f.write(f"{ids[a]},{ids[b]}\n")
    return path


# ---------------------------------------------------------------------------------------------
# Workers: one library, one task, one graph, in a fresh process (thread settings come from the
# environment and cannot change once a library started its pool).


def worker(lib, task, graph, threads, pairs):
    ids, edges, weights = read_edges(graph, weighted=(task in ("path", "wbetweenness")))
    n = len(ids)
    out = {}
    if lib == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=edges)
        if task == "betweenness":
            t0 = time.perf_counter()
            raw = g.betweenness(directed=False)
            out["seconds"] = time.perf_counter() - t0
            scale = 2.0 / ((n - 1) * (n - 2))
            out["values"] = [x * scale for x in raw]
        elif task == "wbetweenness":
            g.es["cost"] = [1.0 / w for w in weights]
            t0 = time.perf_counter()
            raw = g.betweenness(directed=False, weights="cost")
            out["seconds"] = time.perf_counter() - t0
            scale = 2.0 / ((n - 1) * (n - 2))
            out["values"] = [x * scale for x in raw]
        elif task == "constraint":
            t0 = time.perf_counter()
            out["values"] = g.constraint()
            out["seconds"] = time.perf_counter() - t0
        elif task == "path":
            g.es["cost"] = [1.0 / w for w in weights]
            out.update(time_pairs(pairs, ids, lambda s, t: g.distances(source=s, target=t, weights="cost")[0][0]))
    elif lib == "networkit":
        import networkit as nk

        nk.engineering.setNumberOfThreads(threads)
        g = nk.Graph(n, weighted=(task == "path"), directed=False)
        if task == "path":
            for (u, v), w in zip(edges, weights):
                g.addEdge(u, v, 1.0 / w)
        else:
            for u, v in edges:
                g.addEdge(u, v)
        if task == "betweenness":
            b = nk.centrality.Betweenness(g, normalized=False)
            t0 = time.perf_counter()
            b.run()
            out["seconds"] = time.perf_counter() - t0
            # NetworKit counts each unordered pair twice (once per direction) for undirected graphs.
            scale = 1.0 / ((n - 1) * (n - 2))
            out["values"] = [x * scale for x in b.scores()]
        elif task == "approx":
            k = nk.centrality.KadabraBetweenness(g, EPSILON, DELTA)
            t0 = time.perf_counter()
            k.run()
            out["seconds"] = time.perf_counter() - t0
            out["samples"] = k.getNumberOfIterations()
            # KADABRA's scores are twice NetworkX's normalization (each pair counted in both
            # directions); halve them to compare values. Its epsilon is on its own scale.
            out["values"] = [x / 2 for x in k.scores()]
        elif task == "path":

            out.update(time_pairs(pairs, ids, None, networkit=(nk, g)))
    elif lib == "rustworkx":
        import rustworkx as rx

        g = rx.PyGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from_no_data(edges)
        if task == "betweenness":
            t0 = time.perf_counter()
            # parallel_threshold below n: rayon runs with RAYON_NUM_THREADS threads.
            m = rx.betweenness_centrality(g, normalized=True, endpoints=False, parallel_threshold=50)
            out["seconds"] = time.perf_counter() - t0
            out["values"] = [m[i] for i in range(n)]
    elif lib == "networkx":
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        if task == "betweenness":
            t0 = time.perf_counter()
            b = nx.betweenness_centrality(g, normalized=True)
            out["seconds"] = time.perf_counter() - t0
            out["values"] = [b[i] for i in range(n)]
        elif task == "constraint":
            t0 = time.perf_counter()
            c = nx.constraint(g)
            nx.effective_size(g)
            out["seconds"] = time.perf_counter() - t0
            out["values"] = [c[i] for i in range(n)]
    if "seconds" not in out:
        raise SystemExit(f"{lib} does not do {task}")
    print(json.dumps(out))


def time_pairs(pairs, ids, query, networkit=None):
    """Median over the pairs of each pair's fastest of 5 runs (after one warm-up), in microseconds."""
    index = {x: i for i, x in enumerate(ids)}
    micros, costs = [], []
    with open(pairs) as f:
        rows = [line.strip().split(",") for line in f.readlines()[1:] if line.strip()]
    for a, b in rows:
        s, t = index[a], index[b]
        if networkit:
            nk, g = networkit
            # storePred=False crashes NetworKit 11.3 (segmentation fault): keep the default.
            bd = nk.distance.BidirectionalDijkstra(g, s, t)
            bd.run()
            best = math.inf
            for _ in range(5):
                t0 = time.perf_counter()
                bd.run()
                best = min(best, time.perf_counter() - t0)
            d = bd.getDistance()
        else:
            d = query(s, t)
            best = math.inf
            for _ in range(5):
                t0 = time.perf_counter()
                query(s, t)
                best = min(best, time.perf_counter() - t0)
        micros.append(best * 1e6)
        costs.append(d if math.isfinite(d) and d < 1e300 else None)
    return {"seconds": sorted(micros)[len(micros) // 2] / 1e6, "median_us": sorted(micros)[len(micros) // 2],
            "costs": costs}


# ---------------------------------------------------------------------------------------------
# Runners


def run(cmd, env=None):
    """Runs a command under /usr/bin/time; returns (parsed JSON stdout, peak RSS in bytes) or (None, None).
    The JSON gets `process_cpu_seconds`: user + system time of the whole process (loading included)."""
    timed = ["/usr/bin/time", "-f", "RSS_KB=%M CPU_S=%U %S"] + cmd if os.path.exists("/usr/bin/time") else cmd
    try:
        p = subprocess.run(timed, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        print(f"  timed out after {TIMEOUT} s: {' '.join(cmd)}", file=sys.stderr)
        return None, None
    if p.returncode != 0:
        print(f"  failed: {' '.join(cmd)}\n{p.stderr[-2000:]}", file=sys.stderr)
        return None, None
    rss, cpu = None, None
    for line in p.stderr.splitlines():
        if line.startswith("RSS_KB="):
            fields = line.split()
            rss = int(fields[0][7:]) * 1024
            if len(fields) == 3 and fields[1].startswith("CPU_S="):
                cpu = float(fields[1][6:]) + float(fields[2])
    out = json.loads(p.stdout.strip().splitlines()[-1])
    if cpu is not None and isinstance(out, dict):
        out["process_cpu_seconds"] = cpu
    return out, rss


def ours(task, graph, threads, pairs, analyze=None):
    """Runs one of our tasks; `analyze`: another build of the analyze example (`--baseline`)."""
    analyze = analyze or os.path.join(BIN, "analyze")
    base = [analyze, "metrics", "--edges", graph, "--threads", str(threads), "--timings", "--json"]
    if task == "betweenness":
        cmd = base + ["--measures", "betweenness"]
    elif task == "wbetweenness":
        cmd = base + ["--measures", "betweenness", "--weighted", "--cost", "inverse"]
    elif task == "constraint":
        cmd = base + ["--measures", "effective_size,constraint"]
    elif task == "approx":
        cmd = base + ["--measures", "betweenness", "--approx", str(EPSILON), "--delta", str(DELTA), "--seed", "1"]
    elif task == "floor":
        cmd = [os.path.join(BIN, "bfs_floor"), graph, "1"]
    elif task == "path":
        cmd = [os.path.join(BIN, "path_timing"), graph, pairs, "5"]
    out, rss = run(cmd)
    if out is None:
        return None
    result = {"rss_bytes": rss, "process_cpu_seconds": out.get("process_cpu_seconds")}
    if task in ("floor",):
        result["seconds"] = out["seconds"]
        result["heap_bytes"] = out["heap_bytes"]
    elif task == "path":
        result.update(seconds=out["median_us"] / 1e6, median_us=out["median_us"], costs=out["costs"])
        for key in ("heap_bytes", "nodes", "edges"):
            if key in out:
                result[key] = out[key]
    else:
        result["seconds"] = sum(out["timings"].values())
        result["timings"] = out["timings"]
        key = "betweenness" if task in ("betweenness", "wbetweenness", "approx") else "constraint"
        result["values"] = [node[key] for node in out["nodes"]]
        result["ids"] = [node["id"] for node in out["nodes"]]
        if "betweenness_samples" in out:
            result["samples"] = out["betweenness_samples"]
    return result


def peer(lib, task, graph, threads, pairs):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", lib, task, graph, str(threads), pairs or "-"]
    out, rss = run(cmd, env=env)
    if out is not None:
        out["rss_bytes"] = rss
    return out


# ---------------------------------------------------------------------------------------------
# The plan: which library runs which task on which graph with how many threads.


def plan(graphs, threads, quick, lean=False):
    """The cells to run. `lean`: the issue's goals only (exact betweenness: ours and igraph)."""
    cells = []
    ba = [g for g in ("ba1k", "ba4k", "ba10k") if g in graphs]
    for g in ba:
        for t in threads:
            cells.append(("ours", "betweenness", g, t))
            if not lean:
                cells.append(("networkit", "betweenness", g, t))
                cells.append(("rustworkx", "betweenness", g, t))
        cells.append(("igraph", "betweenness", g, 1))
        if not lean and (g in ("ba1k",) or (g == "ba4k" and not quick)):
            cells.append(("networkx", "betweenness", g, 1))
        cells.append(("ours", "floor", g, 1))
    for g in [x for x in REAL if x in graphs]:
        cells.append(("ours", "betweenness", g, 1))
        cells.append(("igraph", "betweenness", g, 1))
        cells.append(("ours", "floor", g, 1))
    if "ba4k" in graphs:
        cells.append(("ours", "wbetweenness", "ba4k", 1))
        cells.append(("igraph", "wbetweenness", "ba4k", 1))
    if not lean:
        for g in ba + (["cornell5"] if "cornell5" in graphs else []):
            for t in threads:
                cells.append(("ours", "constraint", g, t))
            cells.append(("igraph", "constraint", g, 1))
            if g == "ba1k":
                cells.append(("networkx", "constraint", g, 1))
        if "cornell5" in graphs:
            cells.append(("ours", "floor", "cornell5", 1))
    for g in [x for x in ("ba10k", "ba100k", "cornell5") if x in graphs]:
        if lean and g == "ba10k":
            continue
        for t in threads:
            cells.append(("ours", "approx", g, t))
            cells.append(("networkit", "approx", g, t))
    for g in [x for x in ("ba10k", "ba100k", "cornell5") if x in graphs]:
        if lean and g == "ba10k":
            continue
        for lib in ("ours", "networkit") + (() if lean else ("igraph",)):
            cells.append((lib, "path", g, 1))
    return cells


def versions():
    v = {"python": platform.python_version()}
    for mod, name in (("networkx", "networkx"), ("igraph", "igraph"), ("networkit", "networkit"),
                      ("rustworkx", "rustworkx"), ("matplotlib", "matplotlib")):
        try:
            v[name] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - a missing peer is reported, not fatal
            v[name] = None
    for tool in (["rustc", "--version"], ["cargo", "--version"]):
        try:
            v[tool[0]] = subprocess.run(tool, capture_output=True, text=True).stdout.strip()
        except OSError:
            v[tool[0]] = None
    try:
        v["salesnet_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                              text=True, cwd=ROOT).stdout.strip()
    except OSError:
        v["salesnet_commit"] = None
    return v


def machine():
    m = {"platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m["cpu"] = next((line.split(":", 1)[1].strip() for line in lscpu.splitlines()
                         if line.startswith("Model name")), None)
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            m["memory_kb"] = int(f.readline().split()[1])
    except OSError:
        pass
    return m


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------
# Checks, ratios, plots


def max_abs_diff(a, b):
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None and not (isinstance(y, float) and
                                                                                     math.isnan(y))]
    return max((abs(x - y) for x, y in pairs), default=None)


def check(results):
    """Max abs differences between libraries on the same task and graph, from the first repeat."""
    checks = []
    by = {}
    for r in results:
        if r.get("values") is not None or r.get("costs") is not None:
            by.setdefault((r["task"], r["graph"]), {}).setdefault((r["lib"], r["threads"]), r)
    for (task, graph), libs in sorted(by.items()):
        mine = [v for k, v in libs.items() if k[0] == "ours"]
        if not mine:
            continue
        ref = mine[0]
        for (lib, threads), r in sorted(libs.items()):
            if (lib, threads) == ("ours", ref["threads"]):
                continue
            if task == "path":
                rel = max((abs(a - b) / max(abs(a), abs(b), 1e-300) for a, b in zip(ref["costs"], r["costs"])
                           if a is not None and b is not None), default=None)
                same = sum((a is None) == (b is None) for a, b in zip(ref["costs"], r["costs"]))
                checks.append({"task": task, "graph": graph, "vs": f"{lib}/{threads}t", "max_rel_diff": rel,
                               "same_reachability": f"{same}/{len(ref['costs'])}"})
            else:
                d = max_abs_diff(ref["values"], r["values"])
                identical = lib == "ours" and ref["values"] == r["values"]
                checks.append({"task": task, "graph": graph, "vs": f"{lib}/{threads}t", "max_abs_diff": d,
                               **({"bit_identical": identical} if lib == "ours" else {})})
    # Approximations against the exact values of this run, where there are some.
    for (task, graph), libs in by.items():
        if task != "approx" or ("betweenness", graph) not in by:
            continue
        exact = by[("betweenness", graph)].get(("ours", 1))
        if exact is None:
            continue
        for (lib, threads), r in sorted(libs.items()):
            checks.append({"task": "approx-vs-exact", "graph": graph, "vs": f"{lib}/{threads}t",
                           "max_abs_error": max_abs_diff(exact["values"], r["values"]), "epsilon": EPSILON})
    return checks


def best_table(results):
    table = {}
    for r in results:
        if r.get("seconds") is None:
            continue
        key = (r["task"], r["graph"], r["lib"], r["threads"])
        table.setdefault(key, []).append(r["seconds"])
    return {k: {"best": min(v), "median": sorted(v)[len(v) // 2], "runs": v} for k, v in table.items()}


def goals(best, graph_sizes, results=()):
    """Issue 16's goals: ours / peer at most the target (lower is better)."""
    def get(task, graph, lib, threads):
        cell = best.get((task, graph, lib, threads))
        return cell["best"] if cell else None

    rows = []

    def ratio(name, target, mine, theirs, note=""):
        if mine is None or theirs is None:
            rows.append({"goal": name, "target": target, "ratio": None, "met": None, "note": note or "not measured"})
            return
        r = mine / theirs
        rows.append({"goal": name, "target": target, "ratio": r, "met": r <= target, "note": note})

    for g in ("ba4k", "ba10k", "hepth", "eucore"):
        if get("betweenness", g, "before", 1) is not None:
            ratio(f"exact betweenness {g}: before (--baseline) 1t / igraph 1t", 0.5,
                  get("betweenness", g, "before", 1), get("betweenness", g, "igraph", 1))
        ratio(f"exact betweenness {g}: ours 1t / igraph 1t", 0.5, get("betweenness", g, "ours", 1),
              get("betweenness", g, "igraph", 1))
        floor = get("floor", g, "ours", 1)
        mine = get("betweenness", g, "ours", 1)
        if floor and mine:
            rows.append({"goal": f"exact betweenness {g}: ours 1t / BFS floor", "target": None,
                         "ratio": mine / floor, "met": None, "note": "multiple of the floor"})
    if get("wbetweenness", "ba4k", "before", 1) is not None:
        ratio("weighted betweenness ba4k (cost 1/w): before (--baseline) 1t / igraph 1t", 0.6,
              get("wbetweenness", "ba4k", "before", 1), get("wbetweenness", "ba4k", "igraph", 1))
    ratio("weighted betweenness ba4k (cost 1/w): ours 1t / igraph 1t", 0.6, get("wbetweenness", "ba4k", "ours", 1),
          get("wbetweenness", "ba4k", "igraph", 1))
    for g in ("cornell5", "ba100k"):
        for t in (1, 2):
            ratio(f"approx betweenness {g}: ours {t}t / KADABRA {t}t", 0.67, get("approx", g, "ours", t),
                  get("approx", g, "networkit", t))
    for g in ("ba100k", "cornell5"):
        ratio(f"best path {g}: ours / NetworKit bidirectional Dijkstra (median)", 0.5, get("path", g, "ours", 1),
              get("path", g, "networkit", 1))
    for r in results:
        if r["lib"] == "ours" and r["task"] == "path" and r.get("heap_bytes") and r["repeat"] == 0:
            budget = 24 * r["edges"] + 16 * r["nodes"]
            rows.append({"goal": f"snapshot memory {r['graph']} (weighted, ids included) / (24 B/edge + 16 B/node)",
                         "target": 1.0, "ratio": r["heap_bytes"] / budget, "met": r["heap_bytes"] <= budget,
                         "note": f"{r['heap_bytes']} bytes"})
    return rows


def plots(results, graph_sizes, outdir):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no plots", file=sys.stderr)
        return []
    best = best_table(results)
    written = []
    titles = {"betweenness": "Exact betweenness (unweighted)", "constraint": "Structural holes",
              "wbetweenness": "Exact betweenness (weighted, cost 1 / weight)", "path": "One weighted best path (median)",
              "approx": f"Approximate betweenness (eps {EPSILON}, delta {DELTA})"}
    for task, title in titles.items():
        fig, ax = plt.subplots(figsize=(7, 4.5))
        series = {}
        for (t, graph, lib, threads), cell in best.items():
            if t == task or (task == "betweenness" and t == "floor" and graph.startswith("ba")):
                label = "BFS floor (ours, 1 thread)" if t == "floor" else f"{lib}, {threads} thread{'s' * (threads > 1)}"
                if task == "constraint" and lib == "ours":
                    label += " (effective size + constraint)"
                if task == "constraint" and lib == "igraph":
                    label += " (constraint only)"
                series.setdefault(label, []).append((graph_sizes[graph], cell["best"]))
        if not series:
            plt.close(fig)
            continue
        for label, points in sorted(series.items()):
            points.sort()
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o",
                    linestyle="--" if "floor" in label else "-", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("edges")
        ax.set_ylabel("seconds (best of the repeats)")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
        fig.tight_layout()
        path = os.path.join(outdir, f"bench-{task}.svg")
        fig.savefig(path, metadata={"Date": None})
        plt.close(fig)
        written.append(os.path.relpath(path, ROOT))
    return written


def fmt(x):
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--worker", nargs=5, metavar=("LIB", "TASK", "GRAPH", "THREADS", "PAIRS"), help=argparse.SUPPRESS)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", default="1,2", help="thread counts for the libraries that take one (default 1,2)")
    p.add_argument("--graphs", default="ba1k,ba4k,ba10k,cornell5")
    p.add_argument("--tasks", default="betweenness,wbetweenness,floor,constraint,approx,path")
    p.add_argument("--quick", action="store_true", help="skip NetworkX on ba4k")
    p.add_argument("--lean", action="store_true",
                   help="issue 16's goals only: exact betweenness against igraph alone, no structural holes")
    p.add_argument("--no-build", action="store_true", help="use the binaries already in target/release/examples")
    p.add_argument("--baseline", default=None, metavar="ANALYZE",
                   help="an earlier build of the analyze example: its exact betweenness (1 thread) runs beside ours "
                        "in the same interleaved repeats, as library 'before'")
    p.add_argument("--out", default=None, help="results JSON (default bench-results/peers-<date>.json)")
    p.add_argument("--plots", default=os.path.join(ROOT, "docs"), help="folder for the SVG plots")
    args = p.parse_args()
    if args.worker:
        lib, task, graph, threads, pairs = args.worker
        worker(lib, task, graph, int(threads), None if pairs == "-" else pairs)
        return

    os.makedirs(GRAPHS_DIR, exist_ok=True)
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--example", "analyze", "--example", "bfs_floor",
                        "--example", "path_timing"], cwd=ROOT, check=True)
    wanted = args.graphs.split(",")
    tasks = set(args.tasks.split(","))
    graphs = {}
    for name, n in BA.items():
        if name in wanted:
            graphs[name] = write_ba(name, n)
    for name in REAL:
        if name in wanted:
            path = write_real(name)
            if path:
                graphs[name] = path
            else:
                print(f"{REAL[name]} not found under ../shared/data: skipped", file=sys.stderr)
    if "cornell5" in wanted:
        c = write_cornell()
        if c:
            graphs["cornell5"] = c
        else:
            print("fb100-cornell5 not found under ../shared/data: skipped", file=sys.stderr)
    graph_sizes, graph_info = {}, {}
    for name, path in graphs.items():
        ids, edges, _ = read_edges(path)
        graph_sizes[name] = len(edges)
        graph_info[name] = {"nodes": len(ids), "edges": len(edges)}
    pairs = {g: write_pairs(graphs[g], g) for g in ("ba10k", "ba100k", "cornell5") if g in graphs}
    threads = [int(t) for t in args.threads.split(",")]
    cells = [c for c in plan(graphs, threads, args.quick, args.lean) if c[1] in tasks]
    if args.baseline:
        cells = [x for c in cells for x in ([c, ("before",) + c[1:]]
                                            if c[0] == "ours" and c[1] in ("betweenness", "wbetweenness") and c[3] == 1
                                            else [c])]

    started = datetime.datetime.now(datetime.timezone.utc)
    results = []
    slow = {}
    for rep in range(args.repeats):
        for lib, task, graph, t in cells:
            if rep > 0 and (lib == "networkx" or slow.get((lib, task, graph, t))):
                continue  # NetworkX, and any cell slower than SLOW seconds, runs once: enough to place it.
            load = load_average()
            run_pairs = pairs.get(graph) if task == "path" else None
            if lib in ("ours", "before"):
                r = ours(task, graphs[graph], t, run_pairs, args.baseline if lib == "before" else None)
            else:
                r = peer(lib, task, graphs[graph], t, run_pairs)
            entry = {"lib": lib, "task": task, "graph": graph, "threads": t, "repeat": rep, "load_before": load}
            if r is None:
                entry["seconds"] = None
            else:
                entry.update(r)
            if rep > 0:  # keep the values of the first repeat only
                entry.pop("values", None)
                entry.pop("costs", None)
                entry.pop("ids", None)
            results.append(entry)
            secs = entry.get("seconds")
            slow[(lib, task, graph, t)] = secs is None or secs > SLOW
            print(f"[{rep + 1}/{args.repeats}] {task:<11} {graph:<8} {lib:<9} {t}t  "
                  f"{fmt(secs) if secs is not None else 'failed':>8} s  (load {load:.2f})", flush=True)

    best = best_table(results)
    checks = check(results)
    goal_rows = goals(best, graph_sizes, results)

    print("\n## Best times (seconds; path: median query time)")
    print("| task | graph | library | threads | best | median | ours faster by |")
    print("|---|---|---|---|---|---|---|")
    for (task, graph, lib, t), cell in sorted(best.items()):
        mine = best.get((task, graph, "ours", t)) or best.get((task, graph, "ours", 1))
        ratio = cell["best"] / mine["best"] if mine and lib != "ours" else None
        print(f"| {task} | {graph} | {lib} | {t} | {fmt(cell['best'])} | {fmt(cell['median'])} | "
              f"{fmt(ratio) + 'x' if ratio else ''} |")
    print("\n## Goals")
    print("| goal | target | ratio | met |")
    print("|---|---|---|---|")
    for g in goal_rows:
        met = {True: "yes", False: "NO", None: "-"}[g["met"]]
        print(f"| {g['goal']} | {fmt(g['target'])} | {fmt(g['ratio'])} | {met} |")
    print("\n## Checks (same answers)")
    for c in checks:
        print("  " + json.dumps(c))

    os.makedirs(args.plots, exist_ok=True)
    svgs = plots(results, graph_sizes, args.plots)
    os.makedirs(os.path.join(ROOT, "bench-results"), exist_ok=True)
    out = args.out or os.path.join(ROOT, "bench-results", f"peers-{started:%Y%m%dT%H%M}.json")
    doc = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "repeats": args.repeats,
        "graphs": graph_info,
        "best": [{"task": k[0], "graph": k[1], "lib": k[2], "threads": k[3], **v} for k, v in sorted(best.items())],
        "goals": goal_rows,
        "checks": checks,
        "plots": svgs,
        "runs": [{k: v for k, v in r.items() if k not in ("values", "costs", "ids")} for r in results],
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"\nwrote {os.path.relpath(out, ROOT)} and {', '.join(svgs)}")


if __name__ == "__main__":
    main()
