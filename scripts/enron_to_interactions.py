#!/usr/bin/env python3
"""Convert the Enron e-mail set (igraphdata) to a salesnet portfolio folder
with an interactions.csv.

    python3 scripts/enron_to_interactions.py [--data DIR] --out DIR

Input: ../shared/data/enron-email-igraphdata (nodes.csv, edges.csv.gz: one row
per e-mail and recipient, `source,target,time,reciptype,...`).

Output folder:
- organizations.csv: one organization, Enron, relation `own` (every person of
  the set is an Enron employee, so the history fills the internal network);
- contacts.csv: `id,name,organization,role,department,title,email`; roles from
  job titles: presidents, CEOs, vice presidents and managing directors decide
  (`decision_maker`), directors and managers influence (`influencer`),
  everyone else is `user` (or `other` without a title); the department is a
  coarse class of the title (executive, trading, legal, regulatory, staff);
- ties.csv: header only (no typed-in ties: everything is inferred);
- interactions.csv: one `email` row per e-mail: the rows of one sender at one
  send time are one e-mail; `to` holds its `to` recipients and `cc` its `cc`
  and `bcc` recipients (bcc is a recipient too; the set's cc and bcc rows are
  a known duplicate artefact, so repeats are dropped); participants are
  written as e-mail addresses `first.last@enron.com` in mixed case to exercise
  case-insensitive matching.

Rows dated 1979 (174 in the set, documented by igraphdata as "certainly
wrong") are rejected: counted on stderr and written to `rejected.csv`, never
converted. The owner is the employee without a decision-making role who has
the most distinct two-way correspondents (ties broken by the lowest id).
"""
import argparse
import csv
import gzip
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "data", "enron-email-igraphdata")


def role_of(title):
    t = title.lower()
    if not t:
        return "other"
    if "president" in t or "ceo" in t or "managing director" in t or "chief" in t:
        return "decision_maker"
    if "director" in t or "manager" in t:
        return "influencer"
    return "user"


def department_of(title):
    t = title.lower()
    if not t:
        return ""
    if "president" in t or "ceo" in t or "managing director" in t or "chief" in t:
        return "executive"
    if "trad" in t:
        return "trading"
    if "legal" in t or "lawyer" in t:
        return "legal"
    if "regulatory" in t or "government" in t:
        return "regulatory"
    return "staff"


def address(local, i):
    # Mixed case on purpose (every other person upper-cases the domain).
    return f"{local}@ENRON.COM" if i % 2 else f"{local}@enron.com"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    people = {}
    with open(os.path.join(args.data, "nodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            people[int(row["id"])] = row

    mails = defaultdict(lambda: {"to": [], "cc": []})
    rejected = []
    rows = 0
    with gzip.open(os.path.join(args.data, "edges.csv.gz"), "rt", newline="") as f:
        for row in csv.DictReader(f):
            rows += 1
            if row["time"].startswith("1979"):
                rejected.append(row)
                continue
            key = (row["time"], int(row["source"]))
            kind = "to" if row["reciptype"] == "to" else "cc"
            target = int(row["target"])
            mail = mails[key]
            if target not in mail["to"] and target not in mail["cc"]:
                mail[kind].append(target)

    # Owner: most distinct two-way correspondents among non-deciders.
    sent = defaultdict(set)
    for (_, s), m in mails.items():
        for t in m["to"] + m["cc"]:
            if t != s:
                sent[s].add(t)
    two_way = {p: sum(1 for q in sent[p] if p in sent[q]) for p in people}
    candidates = [p for p in people if role_of(people[p]["note"]) != "decision_maker"]
    owner = min(candidates, key=lambda p: (-two_way[p], p))

    with open(os.path.join(args.out, "organizations.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "relation", "industry", "value", "domain"])
        w.writerow(["Enron", "own", "energy", "", "enron.com"])
    with open(os.path.join(args.out, "contacts.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "organization", "role", "department", "title", "email"])
        for i in sorted(people):
            p = people[i]
            role = "owner" if i == owner else role_of(p["note"])
            w.writerow([f"e{i}", p["name"], "Enron", role, department_of(p["note"]), p["note"], f"{p['email']}@enron.com"])
    with open(os.path.join(args.out, "ties.csv"), "w", newline="") as f:
        f.write("source,target,level,last_contact\n")
    with open(os.path.join(args.out, "interactions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "kind", "from", "to", "cc"])
        for (time, s) in sorted(mails):
            m = mails[(time, s)]
            fmt = lambda ts: ";".join(address(people[t]["email"], t) for t in ts)
            w.writerow([time[:10], "email", address(people[s]["email"], s), fmt(m["to"]), fmt(m["cc"])])
    with open(os.path.join(args.out, "rejected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "time", "reciptype", "reason"])
        for r in rejected:
            w.writerow([r["source"], r["target"], r["time"], r["reciptype"], "bogus 1979 date"])
    print(
        f"enron: {rows} rows read, {len(rejected)} rejected (bogus 1979 date, see rejected.csv), "
        f"{len(mails)} e-mails written; owner e{owner} ({two_way[owner]} two-way correspondents)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
