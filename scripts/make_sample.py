#!/usr/bin/env python3
"""Generate the INVENTED sample portfolio in examples/data/sample/.

Plain Python 3 (no dependencies), seeded, deterministic: running it again
writes byte-identical files. Every person, organization, e-mail address and
city is made up; names are drawn from a generic list.

    python3 scripts/make_sample.py            # writes examples/data/sample/*.csv
    python3 scripts/make_sample.py --check    # fails if the files on disk differ

The structures the stage reports must find are planted explicitly below and
checked by `check_planted` before anything is written; examples/data/README.md
documents them by id.
"""

import csv
import datetime
import io
import os
import sys

SEED = 20261101
REFERENCE = datetime.date(2026, 11, 1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "data", "sample")
MASK = (1 << 64) - 1


class SplitMix64:
    """A tiny PRNG whose output does not depend on the Python version."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        """A whole number in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return self.next() < p * (1 << 64)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        r = self.below(total)
        for value, w in pairs:
            if r < w:
                return value
            r -= w
        raise AssertionError("unreachable")

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out


RNG = SplitMix64(SEED)

FIRST = """Alex Amira Ana Anders Ben Bianca Carla Chen Chris Dana David Elena Emil Eva Farah Felix Grace
Hana Hugo Ines Ivan Jamal Jana Jonas Julia Kai Karin Lars Lea Leo Lina Luca Maya Mei Mila Nadia Nico Noah
Nora Omar Oscar Paula Pedro Priya Rafael Rosa Sam Sara Sofia Tariq Theo Tom Uma Vera Victor Yara Yusuf Zoe
Adam Beatriz Caleb Dmitri Erin Fatima Gabriel Helga Ilse Joel Kenji Lucia Marek Nils Olga Pia Quentin Rita
Stefan Tessa""".split()
LAST = """Abbott Alvarez Berg Brandt Carver Castillo Dahl Duarte Ellis Engel Falk Ferreira Fischer Garcia Grant
Hale Hansen Holm Ibarra Jansen Jensen Keller Kowalski Lang Larsen Lindqvist Marsh Meyer Moreau Nakamura
Novak Okafor Olsen Ortiz Park Patel Perez Quinn Reyes Rossi Sato Schmidt Silva Sorensen Stone Strand Tanaka
Torres Varga Vogel Wagner Walsh Weber Wolff Young Zielinski Hoffmann Lund Mercer Nyberg Pereira Roth
Sandoval Thorne""".split()
CITIES = ["Eastport", "Northbridge", "Riverton", "Lakeside", "Westfield", "Southmoor", "Hillcrest", "Bayview"]

used_names = set()


def person_name():
    while True:
        name = f"{RNG.choice(FIRST)} {RNG.choice(LAST)}"
        if name not in used_names:
            used_names.add(name)
            return name


# ---------------------------------------------------------------------------
# Organizations: (name, relation, industry, value, id prefix, slug, city)
# ---------------------------------------------------------------------------

ORGS = [
    ("Brightline Systems", "own", "software", "", "own", "brightline", "Eastport"),
    ("Halvorsen Logistics", "customer", "logistics", "2400000", "hal", "halvorsen", "Northbridge"),
    ("Meridian Health Group", "customer", "healthcare", "350000", "mer", "meridian", "Riverton"),
    ("Corvid Foods", "customer", "food", "60000", "cor", "corvid", "Lakeside"),
    ("Tallis Engineering", "customer", "manufacturing", "15000", "tal", "tallis", "Westfield"),
    ("Ostrava Retail", "customer", "retail", "9000", "ost", "ostrava", "Southmoor"),
    ("Quayside Insurance", "prospect", "insurance", "900000", "qua", "quayside", "Bayview"),
    ("Ardent Energy", "prospect", "energy", "450000", "ard", "ardent", "Hillcrest"),
    ("Pinecrest Schools", "prospect", "education", "120000", "pin", "pinecrest", "Riverton"),
    # Market (relation other). Ids are mkt001... across these, in this order.
    ("Norrland Logistics Association", "other", "logistics", "", "mkt", "norrland-assoc", "Northbridge"),
    ("Keel & Ward Consulting", "other", "consulting", "", "mkt", "keelward", "Eastport"),
    ("Fernhill Research", "other", "research", "", "mkt", "fernhill", "Lakeside"),
    ("Lumen Integrators", "other", "it services", "", "mkt", "lumen", "Eastport"),
    ("Stratus Cloud", "other", "software", "", "mkt", "stratus", "Westfield"),
    ("Cobalt Bank", "other", "finance", "", "mkt", "cobalt", "Northbridge"),
    ("Greenfield Energy Forum", "other", "energy", "", "mkt", "greenfield", "Hillcrest"),
    ("Harbor, Pike & Partners LLP", "other", "legal", "", "mkt", "harborpike", "Bayview"),
    ("Medica Advisors", "other", "healthcare", "", "mkt", "medica", "Riverton"),
    ("Vantage Recruiting", "other", "staffing", "", "mkt", "vantage", "Southmoor"),
    ("Ironbridge Manufacturing", "other", "manufacturing", "", "mkt", "ironbridge", "Westfield"),
    ("Bluewater Insurance Brokers", "other", "insurance", "", "mkt", "bluewater", "Bayview"),
    ("Civic Retail Council", "other", "retail", "", "mkt", "civicretail", "Southmoor"),
]
ORG = {o[0]: o for o in ORGS}

# ---------------------------------------------------------------------------
# People: per organization, (role, department, title) in id order.
# ---------------------------------------------------------------------------

PEOPLE = {
    "Brightline Systems": [
        ("owner", "sales", "Account Executive"),  # own00: the owner
        ("other", "sales", "Account Executive"),  # own01
        ("other", "sales", "Account Executive"),  # own02
        ("decision_maker", "sales", "Sales Director"),  # own03
        ("other", "sales", "Sales Engineer"),  # own04
        ("other", "sales", "Sales Operations Analyst"),  # own05
        ("decision_maker", "engineering", "VP Engineering"),  # own06
        ("influencer", "engineering", "Solutions Architect"),  # own07
        ("other", "engineering", "Software Engineer"),  # own08
        ("other", "engineering", "Software Engineer"),  # own09
        ("other", "engineering", "Data Engineer"),  # own10
        ("other", "engineering", "QA Lead"),  # own11
        ("decision_maker", "product", "Head of Product"),  # own12
        ("influencer", "product", "Product Manager"),  # own13
        ("other", "product", "UX Designer"),  # own14
        ("decision_maker", "delivery", "Delivery Director"),  # own15
        ("other", "delivery", "Project Manager"),  # own16
        ("other", "delivery", "Implementation Consultant"),  # own17
        ("other", "delivery", "Implementation Consultant"),  # own18
        ("influencer", "support", "Support Manager"),  # own19
        ("other", "support", "Support Engineer"),  # own20
        ("other", "support", "Support Engineer"),  # own21
        ("influencer", "finance", "Deal Desk Manager"),  # own22: the bottleneck
        ("other", "finance", "Controller"),  # own23
        ("other", "finance", "Billing Specialist"),  # own24
        ("decision_maker", "finance", "Chief Financial Officer"),  # own25
        ("decision_maker", "legal", "General Counsel"),  # own26
        ("other", "legal", "Contracts Manager"),  # own27
        ("other", "support", "Support Engineer"),  # own28: tied to no colleague
    ],
    "Halvorsen Logistics": [
        ("decision_maker", "executive", "Chief Executive Officer"),  # hal01
        ("decision_maker", "finance", "Chief Financial Officer"),  # hal02: the referee
        ("decision_maker", "it", "Chief Information Officer"),  # hal03
        ("gatekeeper", "executive", "Executive Assistant"),  # hal04
        ("influencer", "operations", "Chief Operating Officer"),  # hal05: lapsed champion
        ("buyer", "procurement", "Head of Procurement"),  # hal06
        ("buyer", "procurement", "Procurement Specialist"),  # hal07
        ("influencer", "it", "IT Manager"),  # hal08
        ("user", "it", "Systems Analyst"),  # hal09
        ("user", "it", "Systems Analyst"),  # hal10
        ("user", "it", "Integration Developer"),  # hal11
        ("user", "operations", "Planning Analyst"),  # hal12
        ("influencer", "operations", "Warehouse Director"),  # hal13
        ("user", "operations", "Shift Supervisor"),  # hal14
        ("user", "operations", "Shift Supervisor"),  # hal15
        ("user", "operations", "Dispatcher"),  # hal16
        ("user", "finance", "Finance Manager"),  # hal17
        ("influencer", "legal", "Legal Counsel"),  # hal18
        ("other", "hr", "HR Director"),  # hal19
        ("user", "analytics", "Data Analyst"),  # hal20
    ],
    "Meridian Health Group": [
        ("decision_maker", "executive", "Managing Director"),
        ("decision_maker", "finance", "Finance Director"),
        ("decision_maker", "it", "Head of IT"),
        ("gatekeeper", "executive", "Office Manager"),
        ("buyer", "procurement", "Purchasing Manager"),
        ("influencer", "clinical", "Clinical Operations Lead"),
        ("user", "clinical", "Ward Coordinator"),
        ("user", "clinical", "Ward Coordinator"),
        ("user", "it", "IT Specialist"),
        ("user", "it", "IT Specialist"),
        ("influencer", "quality", "Quality Manager"),
        ("user", "finance", "Accountant"),
        ("other", "hr", "HR Partner"),
        ("user", "analytics", "Reporting Analyst"),
    ],
    "Corvid Foods": [
        ("decision_maker", "executive", "Owner and CEO"),
        ("decision_maker", "finance", "Finance Manager"),
        ("gatekeeper", "executive", "Assistant to the CEO"),
        ("buyer", "procurement", "Buyer"),
        ("influencer", "production", "Production Manager"),
        ("user", "production", "Line Supervisor"),
        ("user", "production", "Line Supervisor"),
        ("user", "logistics", "Logistics Coordinator"),
        ("influencer", "it", "IT Lead"),
        ("user", "it", "IT Technician"),
    ],
    "Tallis Engineering": [
        ("decision_maker", "executive", "Managing Director"),
        ("buyer", "procurement", "Purchasing Officer"),
        ("user", "engineering", "Design Engineer"),
        ("user", "engineering", "Design Engineer"),
        ("influencer", "engineering", "Chief Engineer"),
        ("gatekeeper", "executive", "Office Manager"),
        ("user", "operations", "Workshop Lead"),
        ("user", "finance", "Bookkeeper"),
    ],
    "Ostrava Retail": [
        ("decision_maker", "executive", "Owner"),
        ("buyer", "procurement", "Store Operations Buyer"),
        ("user", "stores", "Store Manager"),
        ("user", "stores", "Store Manager"),
        ("influencer", "it", "IT Contractor"),
        ("user", "finance", "Accountant"),
    ],
    "Quayside Insurance": [
        ("decision_maker", "executive", "Chief Executive Officer"),  # qua01
        ("decision_maker", "finance", "Chief Financial Officer"),  # qua02: the gap
        ("decision_maker", "it", "Chief Information Officer"),  # qua03
        ("influencer", "operations", "Chief Operating Officer"),  # qua04
        ("influencer", "finance", "Financial Controller"),  # qua05
        ("gatekeeper", "executive", "Executive Assistant"),  # qua06
        ("influencer", "claims", "Head of Claims"),  # qua07
        ("user", "claims", "Claims Team Lead"),  # qua08
        ("influencer", "legal", "Legal Counsel"),  # qua09
        ("influencer", "it", "Head of IT Architecture"),  # qua10: the middleman
        ("user", "it", "Enterprise Architect"),  # qua11
        ("user", "it", "Platform Engineer"),  # qua12
        ("user", "it", "Platform Engineer"),  # qua13
        ("user", "it", "Service Desk Lead"),  # qua14
        ("buyer", "procurement", "Procurement Lead"),  # qua15
        ("buyer", "procurement", "Vendor Manager"),  # qua16
        ("influencer", "it", "Information Security Officer"),  # qua17
        ("user", "analytics", "Data Analyst"),  # qua18
        ("user", "analytics", "BI Developer"),  # qua19
        ("user", "claims", "Claims Handler"),  # qua20
        ("other", "hr", "HR Business Partner"),  # qua21
        ("user", "it", "IT Project Manager"),  # qua22
    ],
    "Ardent Energy": [
        ("decision_maker", "executive", "Chief Executive Officer"),  # ard01: referral target
        ("decision_maker", "it", "Chief Technology Officer"),  # ard02
        ("decision_maker", "finance", "Chief Financial Officer"),  # ard03
        ("gatekeeper", "executive", "Executive Assistant"),  # ard04
        ("buyer", "procurement", "Category Manager"),  # ard05
        ("influencer", "operations", "Operations Director"),  # ard06
        ("user", "engineering", "Grid Engineer"),  # ard07
        ("user", "engineering", "Grid Engineer"),  # ard08
        ("user", "engineering", "Asset Engineer"),  # ard09
        ("user", "engineering", "Control Room Lead"),  # ard10
        ("influencer", "it", "IT Manager"),  # ard11
        ("user", "finance", "Financial Analyst"),  # ard12
        ("influencer", "legal", "Legal Counsel"),  # ard13
        ("other", "hr", "HR Manager"),  # ard14
        ("user", "operations", "Field Supervisor"),  # ard15
        ("user", "operations", "Field Supervisor"),  # ard16
    ],
    "Pinecrest Schools": [
        ("decision_maker", "executive", "Superintendent"),
        ("decision_maker", "finance", "Business Manager"),
        ("influencer", "it", "Technology Coordinator"),
        ("gatekeeper", "executive", "Office Administrator"),
        ("user", "teaching", "Head Teacher"),
        ("buyer", "procurement", "Purchasing Clerk"),
    ],
}

# Market people: (organization, count, titles to cycle, department).
MARKET = [
    ("Norrland Logistics Association", 8, ["Director", "Events Manager", "Membership Manager", "Policy Advisor"], "association"),
    ("Keel & Ward Consulting", 8, ["Partner", "Senior Consultant", "Consultant", "Analyst"], "consulting"),
    ("Fernhill Research", 7, ["Principal Analyst", "Research Analyst", "Research Director"], "research"),
    ("Lumen Integrators", 8, ["Partner Manager", "Solution Consultant", "Project Lead"], "partnerships"),
    ("Stratus Cloud", 8, ["Account Executive", "Sales Manager", "Solutions Engineer"], "sales"),
    ("Cobalt Bank", 7, ["Relationship Manager", "Credit Analyst", "Branch Director"], "corporate banking"),
    ("Greenfield Energy Forum", 7, ["Chair", "Programme Manager", "Board Member"], "association"),
    ("Harbor, Pike & Partners LLP", 6, ["Partner", "Associate", "Paralegal"], "legal"),
    ("Medica Advisors", 7, ["Principal", "Consultant", "Analyst"], "consulting"),
    ("Vantage Recruiting", 6, ["Recruiter", "Managing Partner", "Talent Scout"], "recruiting"),
    ("Ironbridge Manufacturing", 7, ["Plant Manager", "Operations Lead", "Engineer"], "operations"),
    ("Bluewater Insurance Brokers", 6, ["Broker", "Account Manager", "Director"], "brokerage"),
    ("Civic Retail Council", 6, ["Secretary General", "Policy Officer", "Member Liaison"], "association"),
]

# ---------------------------------------------------------------------------
# Build contacts
# ---------------------------------------------------------------------------

contacts = []  # dicts with id, name, organization, role, department, email, city, title
by_id = {}


def slugify(name):
    return name.lower().replace(" ", ".")


def add_contact(cid, org, role, department, title):
    name = person_name()
    o = ORG[org]
    city = o[6] if RNG.chance(0.8) else RNG.choice(CITIES)
    c = {
        "id": cid,
        "name": name,
        "organization": org,
        "role": role,
        "department": department,
        "email": f"{slugify(name)}@{o[5]}.example.com",
        "city": city,
        "title": title,
    }
    contacts.append(c)
    by_id[cid] = c


for org, people in PEOPLE.items():
    prefix = ORG[org][4]
    start = 0 if prefix == "own" else 1
    for i, (role, dept, title) in enumerate(people):
        add_contact(f"{prefix}{i + start:02d}", org, role, dept, title)

market_ids = {}  # organization -> ids
n = 0
for org, count, titles, dept in MARKET:
    market_ids[org] = []
    for i in range(count):
        n += 1
        cid = f"mkt{n:03d}"
        role = "other"
        add_contact(cid, org, role, dept, titles[i % len(titles)])
        market_ids[org].append(cid)

OWNER = "own00"


def ids(prefix, *numbers):
    return [f"{prefix}{k:02d}" for k in numbers]


# ---------------------------------------------------------------------------
# Ties
# ---------------------------------------------------------------------------

ties = []  # dicts: source, target, level, last_contact, channel
pairs = {}


def date_for(freshness):
    if freshness == "fresh":
        days = RNG.between(4, 85)
    elif freshness == "fading":
        days = RNG.between(100, 340)
    elif freshness == "lapsed":
        days = RNG.between(380, 820)
    elif freshness == "none":
        return ""
    else:
        raise ValueError(freshness)
    return (REFERENCE - datetime.timedelta(days=days)).isoformat()


def channel_for(level):
    if level == 0:
        return ""
    if level == 1:
        return RNG.choice(["email", "phone", "chat", "linkedin"])
    if level == 2:
        return RNG.choice(["meeting", "video", "event"])
    return RNG.choice(["meeting", "lunch", "dinner", "event", "site visit"])


def random_freshness(fresh=50, fading=30, lapsed=12, none=8):
    return RNG.weighted([("fresh", fresh), ("fading", fading), ("lapsed", lapsed), ("none", none)])


def tie(a, b, level, freshness=None, channel=None):
    assert a in by_id and b in by_id and a != b, (a, b)
    key = (min(a, b), max(a, b))
    if key in pairs:
        return False
    if freshness is None:
        freshness = random_freshness()
    pairs[key] = len(ties)
    ties.append(
        {
            "source": a,
            "target": b,
            "level": level,
            "last_contact": date_for(freshness),
            "channel": channel_for(level) if channel is None else channel,
        }
    )
    return True


def random_level(weights=(3, 10, 25, 30, 20, 12)):
    return RNG.weighted(list(zip(range(6), weights)))


def strong_level():
    return RNG.weighted([(2, 2), (3, 5), (4, 4), (5, 2)])


# --- The owner's ties ------------------------------------------------------

# Internal: sales strongly, other departments partly; never finance/legal
# except the bottleneck own22; own28 (tied to no colleague) only to the owner.
for c, lv, fr in [
    ("own01", 5, "fresh"), ("own02", 4, "fresh"), ("own03", 4, "fresh"), ("own04", 5, "fresh"), ("own05", 3, "fading"),
    ("own06", 2, "fading"), ("own07", 4, "fresh"), ("own09", 1, "lapsed"), ("own12", 3, "fresh"), ("own13", 2, "fading"),
    ("own15", 3, "fresh"), ("own17", 2, "none"), ("own19", 2, "fading"), ("own22", 3, "fresh"), ("own28", 2, "fading"),
]:
    tie(OWNER, c, lv, fr)

# Customers. hal02 is the strong, fresh referee; hal05 the lapsed champion.
for c, lv, fr in [
    ("hal02", 5, "fresh"), ("hal05", 5, "lapsed"), ("hal01", 3, "fading"), ("hal03", 4, "fading"), ("hal04", 2, "fresh"),
    ("hal06", 4, "fresh"), ("hal08", 3, "fresh"), ("hal09", 2, "fresh"), ("hal13", 2, "fading"), ("hal17", 1, "lapsed"),
    ("hal20", 1, "none"),
    ("mer01", 4, "fading"), ("mer02", 3, "fresh"), ("mer03", 3, "fading"), ("mer05", 2, "fresh"), ("mer06", 4, "fresh"),
    ("mer09", 1, "lapsed"), ("mer11", 2, "fading"),
    ("cor01", 4, "fresh"), ("cor02", 2, "fading"), ("cor04", 3, "fresh"), ("cor09", 2, "lapsed"),
    ("tal01", 3, "fading"), ("tal02", 2, "fresh"), ("tal05", 4, "lapsed"),
    ("ost01", 5, "fading"), ("ost02", 1, "fresh"), ("ost05", 0, "none"),
]:
    tie(OWNER, c, lv, fr)

# Prospects. Quayside: only the IT/procurement side; the owner reaches the
# executives only through qua10. Ardent: no decision maker directly.
for c, lv, fr in [
    ("qua10", 4, "fresh"), ("qua11", 3, "fresh"), ("qua12", 2, "fresh"), ("qua14", 1, "fading"), ("qua15", 2, "fresh"),
    ("qua16", 1, "fading"), ("qua17", 2, "fading"), ("qua18", 0, "none"),
    ("ard04", 1, "fresh"), ("ard05", 2, "fresh"), ("ard07", 2, "fading"), ("ard11", 3, "fresh"), ("ard15", 1, "lapsed"),
    ("pin01", 2, "fresh"), ("pin03", 3, "fresh"), ("pin06", 1, "fading"),
]:
    tie(OWNER, c, lv, fr)

# Market. The redundant clique mkt001-mkt005 and the three brokers are set
# below; the owner also knows some people in a few other market firms.
CLIQUE = market_ids["Norrland Logistics Association"][:5]
BROKERS = [
    market_ids["Keel & Ward Consulting"][0],
    market_ids["Fernhill Research"][0],
    market_ids["Lumen Integrators"][0],
]
for c in CLIQUE:
    tie(OWNER, c, RNG.choice([2, 3, 3, 4]), RNG.choice(["fresh", "fresh", "fading"]))
for c, lv in zip(BROKERS, [4, 3, 4]):
    tie(OWNER, c, lv, "fresh")

# Market firms the owner knows one to three people in ("known"), and firms
# the owner knows nobody in ("hidden": reached only through the brokers).
KNOWN_MARKET = {
    "Keel & Ward Consulting": 2,
    "Fernhill Research": 2,
    "Lumen Integrators": 3,
    "Stratus Cloud": 3,
    "Cobalt Bank": 2,
    "Greenfield Energy Forum": 2,
    "Harbor, Pike & Partners LLP": 1,
}
owner_market = set(CLIQUE) | set(BROKERS)
for org, k in KNOWN_MARKET.items():
    candidates = [c for c in market_ids[org] if c not in BROKERS]
    for c in candidates[:k]:
        if c not in owner_market:
            tie(OWNER, c, random_level((8, 30, 30, 18, 10, 4)), random_freshness(35, 35, 25, 5))
            owner_market.add(c)
# Two more association members known only by name.
for c in market_ids["Norrland Logistics Association"][5:7]:
    tie(OWNER, c, 0, "none")
    owner_market.add(c)

# --- Ties among colleagues ---------------------------------------------------

DEPTS = {}
for c in contacts:
    if c["organization"] == "Brightline Systems" and c["id"] not in (OWNER, "own28"):
        DEPTS.setdefault(c["department"], []).append(c["id"])
FIN_LEGAL = ["own23", "own24", "own25", "own26", "own27"]
core_depts = ["sales", "engineering", "product", "delivery", "support"]
core = [c for d in core_depts for c in DEPTS[d] if c != OWNER]
for d in core_depts:
    members = DEPTS[d]
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if RNG.chance(0.75):
                tie(a, b, strong_level(), random_freshness(60, 30, 5, 5))
CROSS = [("sales", "engineering"), ("sales", "product"), ("engineering", "product"), ("engineering", "delivery"),
         ("delivery", "support"), ("engineering", "support"), ("product", "delivery"), ("sales", "delivery")]
for da, db in CROSS:
    for a in DEPTS[da]:
        for b in DEPTS[db]:
            if RNG.chance(0.2):
                tie(a, b, RNG.choice([1, 2, 2, 3, 3, 4]), random_freshness(50, 35, 10, 5))
# Every colleague but own28 knows at least one other colleague.
for d in core_depts:
    for c in DEPTS[d]:
        if not any(c in k and (k[0] if k[1] == c else k[1]) in core for k in pairs):
            for other in [m for m in DEPTS[d] if m != c][:2]:
                tie(c, other, strong_level(), "fresh")
# Finance and legal: dense among themselves, linked to the rest only by own22.
for i, a in enumerate(FIN_LEGAL):
    for b in FIN_LEGAL[i + 1:]:
        if (a, b) != ("own24", "own26"):
            tie(a, b, strong_level(), random_freshness(60, 30, 5, 5))
for b in ["own23", "own25", "own26", "own27"]:
    tie("own22", b, RNG.choice([3, 4]), "fresh")
for b in ["own03", "own05", "own01"]:
    tie("own22", b, RNG.choice([2, 3]), "fresh")
# The isolated colleague knows a customer's user (support work), no colleague.
tie("own28", "tal07", 2, "fresh")

# --- Ties inside customer and prospect organizations ----------------------------


def org_chart_ties(org, skip=()):
    """Executives know each other; each department's people know their head
    (its first listed member) and, often, each other; heads know a decision maker."""
    people = [c for c in contacts if c["organization"] == org and c["id"] not in skip]
    execs = [c["id"] for c in people if c["role"] in ("decision_maker", "gatekeeper")]
    for i, a in enumerate(execs):
        for b in execs[i + 1:]:
            tie(a, b, RNG.choice([2, 3, 3, 4, 4, 5]), random_freshness(55, 30, 10, 5))
    depts = {}
    for c in people:
        depts.setdefault(c["department"], []).append(c["id"])
    dms = [c["id"] for c in people if c["role"] == "decision_maker"]
    for d, members in depts.items():
        head = members[0]
        for m in members[1:]:
            tie(head, m, RNG.choice([2, 3, 3, 4]), random_freshness(55, 30, 10, 5))
        for i, a in enumerate(members[1:]):
            for b in members[i + 2:]:
                if RNG.chance(0.5):
                    tie(a, b, RNG.choice([1, 2, 3, 3]), random_freshness(50, 30, 12, 8))
        if head not in dms and dms:
            tie(head, RNG.choice(dms), RNG.choice([2, 3, 4]), random_freshness(55, 30, 10, 5))


for org in ["Halvorsen Logistics", "Meridian Health Group", "Corvid Foods", "Tallis Engineering", "Ostrava Retail",
            "Ardent Energy", "Pinecrest Schools"]:
    org_chart_ties(org)
# hal05, the lapsed champion, is the best-connected person at Halvorsen.
for b in ids("hal", 1, 2, 3, 6, 8, 12, 13, 14, 15, 16, 17, 20):
    tie("hal05", b, RNG.choice([2, 3, 3]), "fresh")

# Quayside, written out: an executive side and an IT/procurement side joined
# only by qua10 (the middleman). qua02 (a decision maker) has no tie above level 1.
EXEC_SIDE = ids("qua", 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21)
OWNER_SIDE = ids("qua", 11, 12, 13, 14, 15, 16, 17, 18, 19, 22)
for a, b, lv in [
    ("qua01", "qua03", 4), ("qua01", "qua04", 4), ("qua01", "qua06", 5), ("qua03", "qua04", 3), ("qua03", "qua06", 3),
    ("qua04", "qua06", 3), ("qua04", "qua07", 4), ("qua07", "qua08", 3), ("qua07", "qua20", 3), ("qua08", "qua20", 4),
    ("qua01", "qua09", 3), ("qua04", "qua21", 2), ("qua09", "qua21", 2), ("qua05", "qua04", 3), ("qua05", "qua09", 2),
]:
    tie(a, b, lv, RNG.choice(["fresh", "fresh", "fading"]))
for a, b in [("qua02", "qua01"), ("qua02", "qua05"), ("qua02", "qua06")]:
    tie(a, b, 1, "fading")
for a, b, lv in [
    ("qua10", "qua11", 4), ("qua10", "qua12", 3), ("qua10", "qua13", 3), ("qua10", "qua14", 3), ("qua10", "qua17", 4),
    ("qua10", "qua22", 3), ("qua11", "qua12", 3), ("qua12", "qua13", 4), ("qua13", "qua14", 2), ("qua11", "qua17", 3),
    ("qua15", "qua16", 4), ("qua15", "qua22", 2), ("qua16", "qua14", 1), ("qua18", "qua19", 4), ("qua19", "qua22", 2),
    ("qua18", "qua11", 2),
]:
    tie(a, b, lv, RNG.choice(["fresh", "fresh", "fading"]))
# The middleman's ties to the executive side: strong and fresh.
for b, lv in [("qua01", 4), ("qua03", 5), ("qua04", 3), ("qua06", 3)]:
    tie("qua10", b, lv, "fresh")

# --- Ties among market people ---------------------------------------------------

# The redundant clique: everyone knows everyone.
for i, a in enumerate(CLIQUE):
    for b in CLIQUE[i + 1:]:
        tie(a, b, RNG.choice([3, 4, 4, 5]), "fresh")
rest = market_ids["Norrland Logistics Association"][5:]
for c in rest:
    tie(c, RNG.choice(CLIQUE), RNG.choice([2, 3]), random_freshness())

# Colleagues inside each other market firm: a sparse chain plus a few extras.
for org, count, _, _ in MARKET[1:]:
    members = market_ids[org]
    for a, b in zip(members, members[1:]):
        tie(a, b, RNG.choice([2, 3, 3, 4]), random_freshness(50, 35, 10, 5))
    for _ in range(count // 3):
        a, b = RNG.sample(members, 2)
        tie(a, b, RNG.choice([1, 2, 3]), random_freshness(50, 35, 10, 5))

# The brokers: each knows many market people the owner does not, across
# industries (the owner's only way into the hidden firms).
hidden = {org: [c for c in market_ids[org] if c not in owner_market] for org in market_ids}
BROKER_REACH = {
    BROKERS[0]: [("Medica Advisors", 4), ("Vantage Recruiting", 3), ("Cobalt Bank", 2), ("Civic Retail Council", 1)],
    BROKERS[1]: [("Ironbridge Manufacturing", 4), ("Bluewater Insurance Brokers", 4), ("Greenfield Energy Forum", 2)],
    BROKERS[2]: [("Civic Retail Council", 3), ("Stratus Cloud", 2), ("Harbor, Pike & Partners LLP", 2),
                 ("Medica Advisors", 1), ("Vantage Recruiting", 1)],
}
for broker, reach in BROKER_REACH.items():
    for org, k in reach:
        for c in RNG.sample(hidden[org], k):
            tie(broker, c, RNG.choice([2, 3, 3, 4]), RNG.choice(["fresh", "fresh", "fading"]))

# A few ties between market people the owner knows (some redundancy).
known_list = sorted(owner_market - set(CLIQUE) - set(BROKERS))
for _ in range(4):
    a, b = RNG.sample(known_list, 2)
    tie(a, b, RNG.choice([1, 2, 3]), random_freshness())

# --- Cross-organization ties ---------------------------------------------------------

# The referee: Halvorsen's CFO (hal02) knows Ardent's CEO (ard01). The lapsed
# champion hal05 knows both Ardent decision makers even better.
tie("hal02", "ard01", 4, "fresh", "dinner")
tie("hal05", "ard01", 5, "fresh", "board")
tie("hal05", "ard02", 4, "fresh", "event")
# Other cross ties (none into Quayside's executive side).
for a, b, lv in [
    ("mer02", market_ids["Cobalt Bank"][0], 3),  # a customer's finance director and a banker
    ("cor01", market_ids["Keel & Ward Consulting"][1], 2),
    ("tal05", market_ids["Ironbridge Manufacturing"][0], 3),
    ("mer06", market_ids["Medica Advisors"][0], 3),
    ("qua11", market_ids["Lumen Integrators"][1], 2),
    ("own07", market_ids["Lumen Integrators"][2], 3),
    ("own03", market_ids["Stratus Cloud"][1], 1),
    ("pin03", "ost05", 2),
    ("ard06", market_ids["Greenfield Energy Forum"][0], 3),
    ("hal13", market_ids["Norrland Logistics Association"][0], 3),
]:
    tie(a, b, lv, RNG.choice(["fresh", "fading", "fading", "lapsed"]))

# ---------------------------------------------------------------------------
# Self-check of the planted structures
# ---------------------------------------------------------------------------


def adjacency(members, min_level=0, skip=(), active=True):
    """Ties among `members`; by default only active ones (strength above 0
    as of the reference date: the structure the stage reports measure)."""
    adj = {m: set() for m in members if m not in skip}
    for t in ties:
        a, b = t["source"], t["target"]
        if a in adj and b in adj and t["level"] >= min_level and (not active or strength(t) > 0):
            adj[a].add(b)
            adj[b].add(a)
    return adj


def reachable(adj, start):
    seen, stack = {start}, [start]
    while stack:
        for w in adj[stack.pop()]:
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return seen


def relation(cid):
    return ORG[by_id[cid]["organization"]][1]


def strength(t, decay=True):
    base = t["level"] / 5
    if not decay or not t["last_contact"]:
        return base
    d = (REFERENCE - datetime.date.fromisoformat(t["last_contact"])).days
    if d <= 92:
        f = 1.0
    elif d >= 365:
        f = 0.0
    elif d <= 183:
        f = 1.0 - 0.5 * (d - 92) / (183 - 92)
    else:
        f = 0.5 * (365 - d) / (365 - 183)
    return base * f


def strongest(source, target, decay, avoid=None):
    """Greatest product of strengths over simple paths (Dijkstra on -log)."""
    import heapq
    import math

    adj = {}
    for t in ties:
        s = strength(t, decay)
        if s > 0 and avoid not in (t["source"], t["target"]):
            adj.setdefault(t["source"], []).append((t["target"], s))
            adj.setdefault(t["target"], []).append((t["source"], s))
    best = {source: (0.0, [source])}
    heap = [(0.0, source, [source])]
    while heap:
        cost, v, path = heapq.heappop(heap)
        if v == target:
            return math.exp(-cost), path
        if cost > best[v][0]:
            continue
        for w, s in adj.get(v, []):
            c = cost - math.log(s)
            if w not in best or c < best[w][0] - 1e-12:
                best[w] = (c, path + [w])
                heapq.heappush(heap, (c, w, path + [w]))
    return 0.0, []


def check_planted():
    ids_all = [c["id"] for c in contacts]
    owner_ties = {t["target"] if t["source"] == OWNER else t["source"] for t in ties if OWNER in (t["source"], t["target"])}
    # Market: the clique is complete and tied to the owner.
    for i, a in enumerate(CLIQUE):
        assert a in owner_ties
        for b in CLIQUE[i + 1:]:
            assert (min(a, b), max(a, b)) in pairs, (a, b)
    # Brokers: tied to the owner and to >= 8 market people the owner does not know.
    market = [c for c in ids_all if relation(c) == "other"]
    madj = adjacency(market + [OWNER])
    for b in BROKERS:
        unknown = [w for w in madj[b] if w != OWNER and w not in owner_ties]
        assert b in owner_ties and len(unknown) >= 8, (b, len(unknown))
    industries = {ORG[by_id[c]["organization"]][2] for c in market}
    assert len(industries) >= 6
    # Quayside: owner side reaches the decision makers only through qua10.
    qua = [c for c in ids_all if by_id[c]["organization"] == "Quayside Insurance"]
    dms = [c for c in qua if by_id[c]["role"] == "decision_maker"]
    assert not (set(dms) & owner_ties)
    with_owner = adjacency(qua + [OWNER])
    assert set(dms) <= reachable(with_owner, OWNER)
    cut = adjacency(qua + [OWNER], skip=("qua10",))
    assert not (set(dms) & reachable(cut, OWNER))
    q02 = [t["level"] for t in ties if "qua02" in (t["source"], t["target"])]
    assert q02 and max(q02) <= 1
    assert all(max(t["level"] for t in ties if d in (t["source"], t["target"])) >= 2 for d in dms if d != "qua02")
    # Internal: own22 splits finance/legal from the rest (with or without the owner).
    own = [c for c in ids_all if relation(c) == "own"]
    for skip in [("own22",), ("own22", OWNER)]:
        adj = adjacency(own, skip=skip)
        start = "own01"
        assert not (set(FIN_LEGAL) & reachable(adj, start)), skip
    assert set(FIN_LEGAL) <= reachable(adjacency(own), OWNER)
    for skip in [("own22",), ("own22", OWNER)]:
        # No other colleague splits the firm: removing any one leaves one group
        # (plus own28 and, without own22, finance and legal).
        for c in own:
            if c in skip or c == "own28":
                continue
            adj = adjacency(own, skip=skip + (c, "own28"))
            rest = set(adj) - set(FIN_LEGAL)
            start = next(iter(sorted(rest)))
            assert rest <= reachable(adj, start), (skip, c)
    no_colleague = [c for c, ws in adjacency(own).items() if c != OWNER and not (ws - {OWNER})]
    assert no_colleague == ["own28"] and "own28" in owner_ties, no_colleague
    # Closing: referee score = owner tie strength x strongest path to ard01 not
    # through the owner x (1 for the top customer, 0.75 for others); hal02
    # leads clearly, hal05 (lapsed) would lead without decay.
    def referee_scores(decay):
        scores = {}
        for t in ties:
            if OWNER not in (t["source"], t["target"]):
                continue
            c = t["target"] if t["source"] == OWNER else t["source"]
            if relation(c) != "customer" or strength(t, decay) <= 0:
                continue
            path_strength, _ = strongest(c, "ard01", decay, avoid=OWNER)
            top = by_id[c]["organization"] == "Halvorsen Logistics"
            scores[c] = strength(t, decay) * path_strength * (1.0 if top else 0.75)
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    ranked = referee_scores(decay=True)
    assert ranked[0][0] == "hal02" and ranked[0][1] >= ranked[1][1] + 0.1, ranked[:3]
    assert referee_scores(decay=False)[0][0] == "hal05"
    # Closing: hal02 is the best referee to ard01 with decay, hal05 without.
    s, path = strongest(OWNER, "ard01", decay=True)
    assert path == [OWNER, "hal02", "ard01"] and abs(s - 0.8) < 1e-12, (s, path)
    s, path = strongest(OWNER, "ard01", decay=False)
    assert path == [OWNER, "hal05", "ard01"] and abs(s - 1.0) < 1e-12, (s, path)
    # Spread of levels and freshness.
    levels = {t["level"] for t in ties}
    assert levels == set(range(6)), levels
    kinds = {("none" if not t["last_contact"] else "x") for t in ties}
    assert "none" in kinds
    return True


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


# Deals of the owner, written by hand so that the funnel shows each
# diagnosis once as of REFERENCE (see examples/data/README.md):
#   open per step 2, 2, 2, 3, 1, 0: more deals negotiating (3) than new
#   contacts (2) is `not_prospecting`, and proposal (2) to negotiating (3) the
#   one step that grows, `not_shrinking`;
#   23 deals reached `introduced`, 11 a proposal (48%): `weak_proposals`;
#   9 reached `negotiating`, 2 signed (22%): `weak_negotiation`.
# The big Quayside deal has been negotiating for 200 days (stuck), and the
# customers Meridian, Corvid, Tallis and Ostrava have no open deal (dormant).
LOST_AT_INTRODUCED = [
    "Norrland Logistics Association", "Keel & Ward Consulting", "Stratus Cloud",
    "Greenfield Energy Forum", "Harbor, Pike & Partners LLP", "Medica Advisors",
    "Vantage Recruiting", "Ironbridge Manufacturing", "Bluewater Insurance Brokers",
    "Civic Retail Council",
]
DEALS = [
    # id, organization, step, status, amount, opened, step_since
    ("D01", "Fernhill Research", "new_contact", "open", 40000, "2026-10-05", "2026-10-05"),
    ("D02", "Lumen Integrators", "new_contact", "open", 25000, "2026-10-20", "2026-10-20"),
    ("D03", "Pinecrest Schools", "introduced", "open", 120000, "2026-08-20", "2026-09-15"),
    ("D04", "Cobalt Bank", "introduced", "open", 60000, "2026-09-01", "2026-10-01"),
    ("D05", "Ardent Energy", "proposal", "open", 450000, "2026-06-01", "2026-09-10"),
    ("D06", "Quayside Insurance", "proposal", "open", 150000, "2026-07-01", "2026-10-12"),
    ("D07", "Quayside Insurance", "negotiating", "open", 900000, "2025-11-20", "2026-04-15"),
    ("D08", "Ardent Energy", "negotiating", "open", 80000, "2026-03-01", "2026-09-01"),
    ("D09", "Halvorsen Logistics", "negotiating", "open", 300000, "2026-05-01", "2026-10-01"),
    ("D10", "Halvorsen Logistics", "contracted", "open", 500000, "2026-02-01", "2026-10-15"),
    ("D11", "Halvorsen Logistics", "paid", "won", 600000, "2025-03-01", "2025-09-01"),
    ("D12", "Meridian Health Group", "negotiating", "lost", 350000, "2025-05-01", "2025-10-01"),
    ("D13", "Corvid Foods", "negotiating", "lost", 60000, "2025-06-01", "2025-11-15"),
    ("D14", "Tallis Engineering", "negotiating", "lost", 15000, "2025-09-01", "2026-01-20"),
    ("D15", "Ostrava Retail", "negotiating", "lost", 9000, "2025-10-01", "2026-02-10"),
] + [
    (f"D{16 + i}", org, "introduced", "lost", "", f"2026-0{1 + i % 6}-0{1 + i % 9}", f"2026-0{1 + i % 6}-1{i % 9}")
    for i, org in enumerate(LOST_AT_INTRODUCED)
]
OWNER = "own00"


def render(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def files():
    orgs = render(
        ["name", "relation", "industry", "value", "website"],
        [[o[0], o[1], o[2], o[3], f"https://{o[5]}.example.com"] for o in ORGS],
    )
    people = render(
        ["id", "name", "organization", "role", "department", "title", "email", "city"],
        [[c["id"], c["name"], c["organization"], c["role"], c["department"], c["title"], c["email"], c["city"]]
         for c in contacts],
    )
    tie_rows = render(
        ["source", "target", "level", "last_contact", "channel"],
        [[t["source"], t["target"], t["level"], t["last_contact"], t["channel"]] for t in ties],
    )
    deal_rows = render(
        ["id", "organization", "owner", "step", "status", "amount", "opened", "step_since"],
        [[d[0], d[1], OWNER, d[2], d[3], d[4], d[5], d[6]] for d in DEALS],
    )
    return {"organizations.csv": orgs, "contacts.csv": people, "ties.csv": tie_rows, "deals.csv": deal_rows}


def main():
    check_planted()
    out = files()
    if "--check" in sys.argv[1:]:
        for name, text in out.items():
            with open(os.path.join(OUT, name), encoding="utf-8", newline="") as f:
                if f.read() != text:
                    sys.exit(f"{name} differs from what scripts/make_sample.py generates")
        print("sample files are up to date")
        return
    os.makedirs(OUT, exist_ok=True)
    for name, text in out.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print(f"{len(ORGS)} organizations, {len(contacts)} contacts, {len(ties)} ties, {len(DEALS)} deals -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
