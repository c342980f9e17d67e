#!/usr/bin/env python3
"""Check salesnet's GraphML export with NetworkX, against an independent
reading of the portfolio CSV files.

    pip install networkx        # or use a venv: python3 -m venv scripts/.venv
    python3 scripts/check_graphml.py                      # the committed fixtures
    python3 scripts/check_graphml.py FILE.graphml [...] --portfolio DIR

Without file arguments it checks the files `tests/export.rs` keeps current in
tests/fixtures/export/ (regenerate them with
`SALESNET_BLESS=1 cargo test --test export graphml_fixtures`):

- sample-market.graphml: the sample's market view, as of 2026-11-01;
- sample-whole-redacted.graphml: the whole sample under pseudonyms;
- awkward.graphml: a tiny portfolio with markup characters in every field.

For a portfolio export it loads the file with `networkx.read_graphml` and
checks, from the CSV files read here with Python's csv module: the graph is
undirected and simple; the node set is the view's contacts (owner plus the
network's relation, or everyone for `portfolio`); every edge is a tie of the
view and every tie of the view is an edge; every node's name, organization,
relation, network, role, department, industry, value and extra columns; every
edge's level (an int), last contact, freshness, extra columns and strength (a
float, equal to this script's own implementation of the documented decay
policy to 1e-12 relative). A redacted export is mapped back by input order
(C0001 is the first contact, Org01 the first organization) and must contain
no original id, name, organization name or extra value, keep equal values
equal, and keep everything else.
"""

import argparse
import csv
import datetime
import os
import sys

import networkx as nx

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "export")
SAMPLE = os.path.join(ROOT, "examples", "data", "sample")
NETWORK_OF = {"own": "internal", "customer": "customer", "prospect": "prospect", "other": "market"}
NODE_BUILTIN = ["id", "name", "organization", "relation", "network", "role", "department", "industry",
                "organization_value"]
EDGE_BUILTIN = ["level", "last_contact", "strength", "freshness"]


def fail(msg):
    sys.exit(f"FAIL: {msg}")


def check(cond, msg):
    if not cond:
        fail(msg)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, records = rows[0], rows[1:]
    return header, [dict(zip(header, r)) for r in records]


class Portfolio:
    def __init__(self, folder):
        self.org_header, self.orgs = read_csv(os.path.join(folder, "organizations.csv"))
        self.contact_header, self.contacts = read_csv(os.path.join(folder, "contacts.csv"))
        self.tie_header, self.ties = read_csv(os.path.join(folder, "ties.csv"))
        self.org = {o["name"]: o for o in self.orgs}
        self.owner = next(c["id"] for c in self.contacts if c["role"] == "owner")

    def members(self, network):
        if network == "portfolio":
            return [c["id"] for c in self.contacts]
        return [c["id"] for c in self.contacts
                if c["id"] == self.owner or NETWORK_OF[self.org[c["organization"]]["relation"]] == network]


def decay_strength(level, last_contact, as_of):
    """The documented default DecayPolicy, written independently."""
    base = level / 5
    if not last_contact:
        return base
    days = max(0, (as_of - datetime.date.fromisoformat(last_contact)).days)
    if days <= 92:
        factor = 1.0
    elif days >= 365:
        factor = 0.0
    elif days <= 183:
        factor = 1.0 - 0.5 * (days - 92) / (183 - 92)
    else:
        factor = 0.5 * (365 - days) / (365 - 183)
    return base * factor


def freshness(last_contact, as_of):
    if not last_contact:
        return "undated"
    days = (as_of - datetime.date.fromisoformat(last_contact)).days
    return "fresh" if days <= 92 else "lapsed" if days >= 365 else "fading"


def close(a, b):
    return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def check_portfolio_export(path, p):
    g = nx.read_graphml(path)
    check(type(g) is nx.Graph, f"{path}: expected an undirected simple graph, got {type(g).__name__}")
    network, as_of = g.graph["network"], datetime.date.fromisoformat(g.graph["as_of"])
    redacted = g.graph["redaction"] == "pseudonyms"
    members = p.members(network)

    # Pseudonyms by input order; equal extra values keep equal tokens.
    width_c = max(4, len(str(len(p.contacts))))
    width_o = max(2, len(str(len(p.orgs))))
    cid = {c["id"]: (f"C{i + 1:0{width_c}d}" if redacted else c["id"]) for i, c in enumerate(p.contacts)}
    oname = {o["name"]: (f"Org{i + 1:0{width_o}d}" if redacted else o["name"]) for i, o in enumerate(p.orgs)}
    token_of = {}

    def same_token(key, value, token):
        check(token.startswith(f"{key}-"), f"{path}: {key} value not a pseudonym")
        prev = token_of.get((key, value))
        if prev is None:
            check(token not in token_of.values(), f"{path}: two {key} values share a pseudonym")
            token_of[(key, value)] = token
        else:
            check(prev == token, f"{path}: one {key} value has two pseudonyms")

    check(g.number_of_nodes() == len(members), f"{path}: {g.number_of_nodes()} nodes, expected {len(members)}")
    check(set(g.nodes) == {cid[m] for m in members}, f"{path}: node set differs")
    member_set = set(members)
    view_ties = [t for t in p.ties if t["source"] in member_set and t["target"] in member_set]
    check(g.number_of_edges() == len(view_ties), f"{path}: {g.number_of_edges()} edges, expected {len(view_ties)}")

    extras_c = p.contact_header[5:]
    for c in p.contacts:
        if c["id"] not in member_set:
            continue
        d = g.nodes[cid[c["id"]]]
        org = p.org[c["organization"]]
        check(d["id"] == cid[c["id"]], f"{path}: id attribute")
        check(d["name"] == (cid[c["id"]] if redacted else c["name"]), f"{path}: name of {cid[c['id']]}")
        check(d["organization"] == oname[c["organization"]], f"{path}: organization of {cid[c['id']]}")
        check(d["relation"] == org["relation"], f"{path}: relation")
        check(d["network"] == NETWORK_OF[org["relation"]], f"{path}: network")
        check(d["role"] == c["role"], f"{path}: role")
        check(d.get("department", "") == c["department"], f"{path}: department")
        check(d.get("industry", "") == org["industry"], f"{path}: industry")
        if org["value"]:
            check(isinstance(d["organization_value"], float) and d["organization_value"] == float(org["value"]),
                  f"{path}: organization_value")
        else:
            check("organization_value" not in d, f"{path}: unexpected organization_value")
        for key in extras_c:
            if not c[key]:
                check(key not in d, f"{path}: empty {key} exported")
            elif redacted:
                same_token(key, c[key], d[key])
            else:
                check(d[key] == c[key], f"{path}: {key}")

    extras_t = p.tie_header[4:]
    strengths = 0
    for t in view_ties:
        a, b = cid[t["source"]], cid[t["target"]]
        check(g.has_edge(a, b), f"{path}: missing edge {a} - {b}")
        d = g.edges[a, b]
        check(isinstance(d["level"], int) and d["level"] == int(t["level"]), f"{path}: level of {a} - {b}")
        check(d.get("last_contact", "") == t["last_contact"], f"{path}: last_contact of {a} - {b}")
        check(d["freshness"] == freshness(t["last_contact"], as_of), f"{path}: freshness of {a} - {b}")
        want = decay_strength(int(t["level"]), t["last_contact"], as_of)
        check(isinstance(d["strength"], float) and close(d["strength"], want),
              f"{path}: strength of {a} - {b}: {d['strength']} != {want}")
        strengths += 1
        for key in extras_t:
            if not t[key]:
                check(key not in d, f"{path}: empty {key} exported")
            elif redacted:
                same_token(key, t[key], d[key])
            else:
                check(d[key] == t[key], f"{path}: {key}")

    if redacted:
        secrets = {c["id"] for c in p.contacts} | {c["name"] for c in p.contacts} | {o["name"] for o in p.orgs}
        secrets |= {c[k] for c in p.contacts for k in extras_c if c[k]}
        secrets |= {t[k] for t in p.ties for k in extras_t if t[k]}
        seen = set(g.nodes)
        for _, d in g.nodes(data=True):
            seen |= {v for v in d.values() if isinstance(v, str)}
        for _, _, d in g.edges(data=True):
            seen |= {v for v in d.values() if isinstance(v, str)}
        leaked = seen & secrets
        check(not leaked, f"{path}: {len(leaked)} original values in a redacted export")
        text = open(path, encoding="utf-8").read()
        for c in p.contacts:
            check(c["name"] not in text, f"{path}: a contact's name occurs in a redacted export")

    degrees = sorted(d for _, d in g.degree())
    print(f"ok {os.path.relpath(path, ROOT)}: network={network} redaction={g.graph['redaction']} "
          f"nodes={g.number_of_nodes()} edges={g.number_of_edges()} strengths checked={strengths} "
          f"max degree={degrees[-1] if degrees else 0}")


def check_awkward(path):
    g = nx.read_graphml(path)
    check(type(g) is nx.Graph, f"{path}: expected an undirected simple graph")
    check(list(g.nodes) == ["me", "col/1", "c 1", "m&1"], f"{path}: node ids {list(g.nodes)}")
    check(g.number_of_edges() == 4, f"{path}: edges")
    me = g.nodes["me"]
    check(me["name"] == "Ann O'Seller" and me["organization"] == "Us <& Co>", f"{path}: escaped names")
    check(me["note"] == "line one\nline two" and me["attr_name"] == "clash", f"{path}: extra attributes")
    check(g.nodes["c 1"]["name"] == 'Chloé "CJ" Jones', f"{path}: quotes and accents")
    check(g.nodes["c 1"]["organization_value"] == 1234.5, f"{path}: value")
    check(g.nodes["col/1"]["name"] == "Bo \\ Back", f"{path}: backslash")
    check("department" not in g.nodes["c 1"], f"{path}: missing department exported")
    e = g.edges["me", "col/1"]
    check(e["level"] == 3 and e["attr_level"] == "clash" and e["channel"] == "lunch", f"{path}: edge attributes")
    check(g.edges["me", "m&1"]["strength"] == 0.0 and g.edges["me", "m&1"]["freshness"] == "lapsed",
          f"{path}: lapsed tie")
    print(f"ok {os.path.relpath(path, ROOT)}: escaping and attribute types survive networkx.read_graphml")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="GraphML exports of the portfolio (default: the committed fixtures)")
    ap.add_argument("--portfolio", default=SAMPLE, help="the portfolio folder the exports were made from")
    args = ap.parse_args()
    p = Portfolio(args.portfolio)
    if args.files:
        for f in args.files:
            check_portfolio_export(f, p)
    else:
        check_portfolio_export(os.path.join(FIXTURES, "sample-market.graphml"), p)
        check_portfolio_export(os.path.join(FIXTURES, "sample-whole-redacted.graphml"), p)
        check_awkward(os.path.join(FIXTURES, "awkward.graphml"))
    print(f"networkx {nx.__version__}: all checks passed")


if __name__ == "__main__":
    main()
