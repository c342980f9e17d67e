#!/usr/bin/env python3
"""Load a dynamic GEXF timeline written by `analyze trend --gexf` with
NetworkX's read_gexf and check it: every edge has spells and a level per
spell, every spell's start is not after its end.

    python3 scripts/check_timeline_gexf.py FILE.gexf   (needs networkx >= 3)
"""
import sys

import networkx as nx


def main():
    g = nx.read_gexf(sys.argv[1])
    assert g.graph.get("mode") == "dynamic", g.graph
    edges = list(g.edges(data=True))
    bad = 0
    for _, _, d in edges:
        spells = d.get("spells") or []
        levels = d.get("level") or []
        if not spells or not levels or any(s > e for s, e in spells) or any(not (1 <= int(v) <= 3) for v, _, _ in levels):
            bad += 1
    print(f"read_gexf: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {bad} without valid spells/levels")
    sys.exit(1 if bad or not edges else 0)


if __name__ == "__main__":
    main()
