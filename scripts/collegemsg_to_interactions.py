#!/usr/bin/env python3
"""Convert SNAP CollegeMsg (../shared/data/snap-collegemsg: 1,899 students,
59,835 timed private messages over 193 days of 2004) to a salesnet
portfolio folder with an interactions.csv, for `analyze trend` at scale.

    python3 scripts/collegemsg_to_interactions.py [--data DIR] --out DIR

Output folder:
- organizations.csv: `Campus` (relation `own`, the owner's side) and
  `Community` (relation `other`: every other student is in the owner's
  market network);
- contacts.csv: `u<N>` for each student, role `other`; the owner is the
  student with the most distinct two-way correspondents (ties broken by the
  lowest id), role `owner`, in `Campus`;
- ties.csv: header only (every tie is inferred);
- interactions.csv: one `message` row per message, `date` the RFC 3339 UTC
  time of its timestamp, `from` the sender, `to` the recipient.
"""
import argparse
import csv
import datetime as dt
import gzip
import os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "data", "snap-collegemsg")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rows = []
    with gzip.open(os.path.join(args.data, "edges.csv.gz"), "rt", newline="") as f:
        for row in csv.DictReader(f):
            rows.append((int(row["source"]), int(row["target"]), int(row["timestamp"])))
    people = sorted({p for s, t, _ in rows for p in (s, t)})
    sent = defaultdict(set)
    for s, t, _ in rows:
        sent[s].add(t)
    two_way = {p: sum(1 for q in sent[p] if p in sent[q]) for p in people}
    owner = min(people, key=lambda p: (-two_way[p], p))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "organizations.csv"), "w", newline="") as f:
        f.write("name,relation,industry,value\nCampus,own,,\nCommunity,other,,\n")
    with open(os.path.join(args.out, "contacts.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "organization", "role", "department"])
        for p in people:
            if p == owner:
                w.writerow([f"u{p}", f"Student {p}", "Campus", "owner", ""])
            else:
                w.writerow([f"u{p}", f"Student {p}", "Community", "other", ""])
    with open(os.path.join(args.out, "ties.csv"), "w", newline="") as f:
        f.write("source,target,level,last_contact\n")
    with open(os.path.join(args.out, "interactions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "kind", "from", "to"])
        for s, t, ts in rows:
            when = dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            w.writerow([when, "message", f"u{s}", f"u{t}"])
    first = dt.datetime.fromtimestamp(min(r[2] for r in rows), dt.timezone.utc).date()
    last = dt.datetime.fromtimestamp(max(r[2] for r in rows), dt.timezone.utc).date()
    print(f"collegemsg: {len(rows)} messages, {len(people)} students, {first} to {last}; owner u{owner} ({two_way[owner]} two-way correspondents)")


if __name__ == "__main__":
    main()
