"""Exact weighted betweenness (cost 1 / weight), 1 thread: salesnet builds beside igraph, by CPU time.

`compare_peers.py` times each library's kernel by the wall clock, which on a shared machine counts the
time a run waits for a core. This script runs the same work interleaved and reads the CPU time of the
kernel alone: for the `analyze` builds, the process's user + system time less that of the same
command with `--measures density` (the load and the rest); for igraph, `time.process_time()` around
`Graph.betweenness` in this process. It checks that every build's answers equal igraph's
(`max_abs_diff`).

    scripts/.venv-peers/bin/python scripts/wbetweenness_cpu.py target/bench-graphs/ba4k.csv 5 \\
        /tmp/before/analyze target/release/examples/analyze
"""

import json
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_peers import read_edges  # noqa: E402


def analyze(binary, graph, measures):
    cmd = [binary, "metrics", "--edges", graph, "--threads", "1", "--timings", "--json", "--measures", measures,
           "--weighted", "--cost", "inverse"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(out.strip().splitlines()[-1]), cpu, wall


def igraph_run(graph):
    import igraph as ig

    # The same reading as compare_peers.py's (ids in order of first appearance, as salesnet numbers them).
    ids, edges, weights = read_edges(graph, weighted=True)
    n = len(ids)
    g = ig.Graph(n=n, edges=edges)
    g.es["cost"] = [1.0 / x for x in weights]
    c0, t0 = time.process_time(), time.perf_counter()
    raw = g.betweenness(directed=False, weights="cost")
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    scale = 2.0 / ((n - 1) * (n - 2))
    return [x * scale for x in raw], cpu, wall


def main():
    graph, repeats, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    os.environ["OMP_NUM_THREADS"] = "1"
    best, values = {}, {}
    for rep in range(repeats):
        for lib in binaries + ["igraph"]:
            load = os.getloadavg()[0]
            if lib == "igraph":
                vals, cpu, wall = igraph_run(graph)
            else:
                out, cpu_all, wall = analyze(lib, graph, "betweenness")
                _, cpu_rest, _ = analyze(lib, graph, "density")
                cpu = cpu_all - cpu_rest
                wall = sum(out["timings"].values())
                vals = [node["betweenness"] for node in out["nodes"]]
            values[lib] = vals
            best.setdefault(lib, []).append((cpu, wall))
            print(f"{rep} {lib}: kernel cpu {cpu:.3f} s, wall {wall:.3f} s, load {load:.2f}", flush=True)
    ref = values["igraph"]
    ig_cpu = min(c for c, _ in best["igraph"])
    ig_wall = min(w for _, w in best["igraph"])
    for lib in binaries:
        cpu, wall = min(c for c, _ in best[lib]), min(w for _, w in best[lib])
        diff = max(abs(a - b) for a, b in zip(values[lib], ref))
        print(f"{lib}: best cpu {cpu:.3f} s ({cpu / ig_cpu:.3f} of igraph's {ig_cpu:.3f}), "
              f"best wall {wall:.3f} s ({wall / ig_wall:.3f} of igraph's {ig_wall:.3f}), max_abs_diff {diff:.3g}")


if __name__ == "__main__":
    main()
