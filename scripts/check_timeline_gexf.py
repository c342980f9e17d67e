#!/usr/bin/env python3
"""Check a dynamic GEXF timeline written by `analyze trend --gexf`:

1. it is valid against the GEXF 1.3 schema (scripts/gexf-1.3/, the
   GEXF Working Group's XSD, validated with lxml);
2. NetworkX's read_gexf loads it: every edge has spells and a level per
   spell (1 to 3), and no spell starts after it ends.

    scripts/.venv/bin/python scripts/check_timeline_gexf.py FILE.gexf
    (needs networkx >= 3 and lxml: `pip install networkx lxml`)

Exits non-zero on any schema error or bad edge.
"""
import os
import sys

import networkx as nx
from lxml import etree

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gexf-1.3", "gexf.xsd")


def schema_errors(path):
    schema = etree.XMLSchema(etree.parse(SCHEMA))
    doc = etree.parse(path)
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def main():
    path = sys.argv[1]
    errors = schema_errors(path)
    print(f"GEXF 1.3 schema: {'valid' if not errors else f'{len(errors)} errors'}")
    for e in errors[:10]:
        print("  " + e)
    g = nx.read_gexf(path)
    assert g.graph.get("mode") == "dynamic", g.graph
    edges = list(g.edges(data=True))
    bad = 0
    for _, _, d in edges:
        spells = d.get("spells") or []
        levels = d.get("level") or []
        if not spells or not levels or any(s > e for s, e in spells) or any(not (1 <= int(v) <= 3) for v, _, _ in levels):
            bad += 1
    print(f"read_gexf: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {bad} without valid spells/levels")
    sys.exit(1 if errors or bad or not edges else 0)


if __name__ == "__main__":
    main()
