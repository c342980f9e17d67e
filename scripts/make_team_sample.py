#!/usr/bin/env python3
"""Writes examples/data/team: the invented sample with a team of three salespeople.

The one-owner sample (examples/data/sample) stays as it is. This team sample is
the same portfolio with two more salespeople of Brightline Systems, Grace
Zielinski (own01) and Hana Ferreira (own02), made owners (role `owner`), each
with ties of their own into the accounts (planted below, dated before the
reference date 2026-11-01). Nothing is random: the files are the sample's,
with two roles changed and the planted ties appended.

    python3 scripts/make_team_sample.py           # rewrite examples/data/team
    python3 scripts/make_team_sample.py --check   # verify the committed files match
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "data" / "sample"
TEAM = ROOT / "examples" / "data" / "team"

NEW_OWNERS = ["own01", "own02"]

# (source, target, level, last_contact, channel): what each new salesperson knows.
PLANTED = [
    # Grace is the only one of the team who knows Quayside's CFO, Felix
    # Nyberg (qua02), whom Tariq reaches only weakly: she makes the first call.
    ("own01", "qua02", 4, "2026-10-12", "lunch"),
    # Grace has met Halvorsen's IT decision maker, Dmitri Sorensen (hal03):
    # a key person of the top customer no longer hangs on Tariq alone.
    ("own01", "hal03", 3, "2026-09-30", "site visit"),
    # Hana holds two people of Ardent Energy: Tariq no longer holds it alone.
    ("own02", "ard02", 3, "2026-10-08", "meeting"),
    ("own02", "ard06", 3, "2026-09-18", "event"),
    # Hana met Meridian's decision maker Luca Hansen (mer01) long ago: the
    # team's ties to him all fade (team_tie_fading).
    ("own02", "mer01", 3, "2026-03-20", "dinner"),
    # Hana knows Pinecrest's finance decision maker, Erin Olsen (pin02), directly.
    ("own02", "pin02", 4, "2026-10-20", "video"),
]


def build():
    files = {}
    for name in ["organizations.csv", "deals.csv"]:
        files[name] = (SAMPLE / name).read_text(encoding="utf-8")
    contacts = []
    for line in (SAMPLE / "contacts.csv").read_text(encoding="utf-8").splitlines(keepends=True):
        cells = line.split(",")
        if cells[0] in NEW_OWNERS:
            assert cells[3] == "other", line
            cells[3] = "owner"
        contacts.append(",".join(cells))
    files["contacts.csv"] = "".join(contacts)
    ties = (SAMPLE / "ties.csv").read_text(encoding="utf-8")
    known = {tuple(sorted(l.split(",")[:2])) for l in ties.splitlines()[1:]}
    for s, t, level, date, channel in PLANTED:
        assert tuple(sorted((s, t))) not in known, (s, t)
        ties += f"{s},{t},{level},{date},{channel}\n"
    files["ties.csv"] = ties
    return files


def main():
    files = build()
    if "--check" in sys.argv[1:]:
        stale = [n for n, text in files.items() if (TEAM / n).read_text(encoding="utf-8") != text]
        if stale:
            sys.exit(f"examples/data/team is stale ({', '.join(stale)}): run scripts/make_team_sample.py")
        print("examples/data/team matches")
        return
    TEAM.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (TEAM / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {TEAM.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
