#!/usr/bin/env python3
"""Check `analyze infer` on the Enron set against an independent computation
from the raw rows of edges.csv.gz.

    python3 scripts/check_enron_infer.py [--data DIR] [--as-of 2002-12-31] [--analyze PATH]

Converts the set (scripts/enron_to_interactions.py), runs `analyze infer`
(timed), then recomputes from the raw rows, with code of its own: rows dated
1979 are dropped; an e-mail is one sender at one send time; an e-mail with
more than 20 distinct participants (sender and recipients) is ignored;
sender -> each other recipient is a directed message dated by its day; a
pair is a tie iff messages run both ways. It then checks, exactly: the set
of tie pairs, every tie's last_contact (the latest day of either direction),
its interaction count, its median gap and overdue flag (8 x median gap, or
92 days with fewer than 3 contact days), that every level is 1 (e-mail
only), and that no one-way pair became a tie. Exits non-zero on any
difference.
"""
import argparse
import csv
import datetime as dt
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "data", "enron-email-igraphdata")


def independent(data, as_of):
    emails = defaultdict(set)
    ids = {}
    with open(os.path.join(data, "nodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            ids[int(row["id"])] = f"e{row['id']}"
    bogus = 0
    with gzip.open(os.path.join(data, "edges.csv.gz"), "rt", newline="") as f:
        for row in csv.DictReader(f):
            if row["time"][:4] == "1979":
                bogus += 1
                continue
            emails[(int(row["source"]), row["time"])].add(int(row["target"]))
    directed = defaultdict(list)  # (s, r) -> days
    for (s, t), recipients in emails.items():
        day = dt.date.fromisoformat(t[:10])
        if day > as_of:
            continue
        if len(recipients | {s}) > 20:
            continue
        for r in recipients:
            if r != s:
                directed[(s, r)].append(day)
    ties, one_way = {}, set()
    for (s, r), days in directed.items():
        a, b = sorted((ids[s], ids[r]))
        if (r, s) in directed:
            if (a, b) not in ties:
                all_days = days + directed[(r, s)]
                distinct = sorted(set(all_days))
                last = max(all_days)
                gaps = [(y - x).days for x, y in zip(distinct, distinct[1:])]
                median = statistics.median(gaps) if len(distinct) >= 3 else None
                silence = (as_of - last).days
                overdue = silence > 8 * median if median is not None else silence > 92
                ties[(a, b)] = (last, len(all_days), median, overdue)
        else:
            one_way.add((a, b))
    return ties, one_way, bogus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--as-of", default="2002-12-31")
    ap.add_argument("--analyze", default=os.path.join(ROOT, "target", "release", "examples", "analyze"))
    args = ap.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    with tempfile.TemporaryDirectory() as tmp:
        portfolio, out = os.path.join(tmp, "enron"), os.path.join(tmp, "out")
        subprocess.run([sys.executable, os.path.join(HERE, "enron_to_interactions.py"), "--data", args.data, "--out", portfolio], check=True)
        with open(os.path.join(portfolio, "rejected.csv"), newline="") as f:
            rejected = sum(1 for _ in csv.DictReader(f))
        with open(os.path.join(portfolio, "interactions.csv"), newline="") as f:
            converted_1979 = sum(1 for row in csv.DictReader(f) if row["date"].startswith("1979"))
        start = time.perf_counter()
        subprocess.run([args.analyze, "infer", "--portfolio", portfolio, "--out", out, "--as-of", args.as_of], check=True)
        seconds = time.perf_counter() - start
        got = {}
        with open(os.path.join(out, "ties.csv"), newline="") as f:
            for row in csv.DictReader(f):
                a, b = sorted((row["source"], row["target"]))
                gap = row["median_gap_days"]
                got[(a, b)] = (row["level"], dt.date.fromisoformat(row["last_contact"]), int(row["interactions"]),
                               float(gap) if gap else None, row["overdue"] == "true", row["origin"])
    want, one_way, bogus = independent(args.data, as_of)
    problems = []
    if set(got) != set(want):
        problems.append(f"tie sets differ: {len(set(got) - set(want))} extra, {len(set(want) - set(got))} missing")
    for pair in sorted(set(got) & set(want)):
        level, last, n, gap, overdue, origin = got[pair]
        wlast, wn, wgap, woverdue = want[pair]
        if (level, last, n, gap, overdue, origin) != ("1", wlast, wn, wgap, woverdue, "inferred"):
            problems.append(f"{pair}: got {got[pair]}, want level 1, {want[pair]}, inferred")
    became = one_way & set(got)
    if became:
        problems.append(f"{len(became)} one-way pairs became ties")
    if rejected != bogus or converted_1979:
        problems.append(f"1979 rows: {bogus} in the set, {rejected} in rejected.csv, {converted_1979} converted")
    print(f"bogus 1979 rows: {bogus} in the set, {rejected} rejected by the converter (rejected.csv), {converted_1979} converted")
    print(f"ties: {len(got)} written, {len(want)} computed independently; one-way pairs: {len(one_way)}, none a tie: {not became}")
    print(f"last_contact, interactions, median gap, overdue exact on {len(set(got) & set(want)) - len([p for p in problems if p.startswith('(')])} ties")
    print(f"analyze infer run time (convert excluded): {seconds:.2f} s")
    for p in problems[:20]:
        print("MISMATCH", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
