//! A synthetic portfolio of about 300 contacts for drawing tests and benches,
//! built from a seed, and stand-in highlights for each stage's picture.
//!
//! The highlights are chosen by simple rules on the portfolio (not by the
//! stage layer): they exercise every mark and path style.

use jiff::civil::{Date, date};
use salesnet::draw::{Highlights, Mark, PathStyle};
use salesnet::random::Rng;
use salesnet::{Contact, NetworkKind, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

/// The "as of" date of the sample.
pub const AS_OF: Date = date(2025, 6, 30);

const FIRST: [&str; 40] = [
    "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lars", "Mia", "Noah",
    "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wim", "Xenia", "Yusuf", "Zoe", "Amelie",
    "Bruno", "Chiara", "Dmitri", "Esther", "Felix", "Giulia", "Hannes", "Ingrid", "Jakob", "Katarina", "Leon", "Marta",
    "Nils",
];
const LAST: [&str; 40] = [
    "Novak",
    "Schmidt",
    "Rossi",
    "Garcia",
    "Müller",
    "Kowalski",
    "Jensen",
    "Dubois",
    "Silva",
    "Bauer",
    "Horvat",
    "Lindqvist",
    "Moreau",
    "Fischer",
    "Costa",
    "Petrov",
    "Weber",
    "Nagy",
    "Keller",
    "Romano",
    "Berg",
    "Wagner",
    "Santos",
    "Hoffmann",
    "Laurent",
    "Kovacs",
    "Meyer",
    "Ricci",
    "Becker",
    "Olsen",
    "Vogel",
    "Marin",
    "Schulz",
    "Ferrari",
    "Lehmann",
    "Blanc",
    "Wolf",
    "Bianchi",
    "Krause",
    "Nilsen",
];

const OWN_DEPARTMENTS: [&str; 7] = ["Sales", "Engineering", "Product", "Finance", "Legal", "Delivery", "Marketing"];
const CUSTOMER_DEPARTMENTS: [&str; 5] = ["IT", "Finance", "Operations", "Procurement", "Executive"];

/// One organization of the sample: name, relation, number of contacts.
fn organizations() -> Vec<(String, Relation, usize)> {
    let mut orgs = vec![("Northwind Systems".to_string(), Relation::Own, 40)];
    let customers =
        ["Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Foods", "Soylent", "Hooli", "Vandelay"];
    for (i, c) in customers.iter().enumerate() {
        orgs.push((c.to_string(), Relation::Customer, 6 + i % 4));
    }
    for (p, n) in [("Acme Manufacturing", 16), ("Cyberdyne", 12), ("Tyrell Energy", 12), ("Oscorp Retail", 10)] {
        orgs.push((p.to_string(), Relation::Prospect, n));
    }
    let market = [
        "Gartner-like Research",
        "Bay Consulting",
        "Harbor Partners",
        "Industry Association",
        "Data Guild",
        "Cloud Alliance",
        "Meridian Analysts",
        "Blue Ocean Ventures",
        "Summit Integrators",
        "Polar Software",
        "Atlas Recruiting",
        "Crescent Media",
        "Lumen Labs",
        "Orbit Events",
        "Pioneer Bank",
        "Quarry Legal",
        "Redwood Advisors",
        "Silverline Resellers",
    ];
    for (i, m) in market.iter().enumerate() {
        orgs.push((m.to_string(), Relation::Other, 5 + (i * 5) % 7));
    }
    orgs
}

fn level(rng: &mut Rng, low: u8) -> RelationshipLevel {
    RelationshipLevel::new(low + rng.below(usize::from(6 - low)) as u8).unwrap()
}

fn tie(rng: &mut Rng, a: &str, b: &str, low: u8) -> Tie {
    let t = Tie::new(a, b, level(rng, low)).unwrap();
    if rng.chance(0.1) {
        return t; // undated
    }
    // Last contact 0 to 500 days before AS_OF: about 18% fresh, 36% fading, 27% lapsed.
    let days = rng.below(500) as i64;
    t.with_last_contact(AS_OF.checked_sub(jiff::Span::new().days(days)).unwrap())
}

/// The sample portfolio: an owner and `~300` contacts in 31 organizations.
pub fn portfolio(seed: u64) -> SalesNetworks {
    let mut rng = Rng::new(seed);
    let mut b = SalesNetworks::builder();
    let orgs = organizations();
    for (name, relation, _) in &orgs {
        b.organization(Organization::new(name.as_str(), *relation));
    }
    b.contact(
        Contact::new("ct-0000", "Sam Seller", "Northwind Systems", Role::Owner).unwrap().with_department("Sales"),
    );
    // (id, org index, role)
    let mut people: Vec<(String, usize, Role, Option<&str>)> = Vec::new();
    for (o, (name, relation, count)) in orgs.iter().enumerate() {
        for k in 0..*count {
            let id = format!("ct-{:04}", people.len() + 1);
            let person = format!("{} {}", FIRST[rng.below(40)], LAST[rng.below(40)]);
            let (role, dept) = match relation {
                Relation::Own => (Role::Other, Some(OWN_DEPARTMENTS[k % OWN_DEPARTMENTS.len()])),
                Relation::Prospect => {
                    let role = match k {
                        0 | 1 => Role::DecisionMaker,
                        2..=4 => Role::Influencer,
                        5 => Role::Gatekeeper,
                        6 | 7 => Role::Buyer,
                        _ => Role::User,
                    };
                    (role, Some(CUSTOMER_DEPARTMENTS[k % CUSTOMER_DEPARTMENTS.len()]))
                }
                Relation::Customer => {
                    let role = if k == 0 { Role::DecisionMaker } else { Role::User };
                    (role, Some(CUSTOMER_DEPARTMENTS[k % CUSTOMER_DEPARTMENTS.len()]))
                }
                Relation::Other => (Role::Other, None),
            };
            let mut c = Contact::new(&id, person, name.as_str(), role).unwrap();
            if let Some(d) = dept {
                c = c.with_department(d);
            }
            b.contact(c);
            people.push((id, o, role, dept));
        }
    }
    let relation = |p: &(String, usize, Role, Option<&str>)| orgs[p.1].1;
    // The owner knows most people.
    for p in &people {
        let p_own = if relation(p) == Relation::Other { 0.8 } else { 0.92 };
        if rng.chance(p_own) {
            b.tie(tie(&mut rng, "ct-0000", &p.0, 0));
        }
    }
    // Ties among contacts.
    for i in 0..people.len() {
        for j in i + 1..people.len() {
            let (a, c) = (&people[i], &people[j]);
            let same_org = a.1 == c.1;
            let p = match (relation(a), relation(c)) {
                (Relation::Own, Relation::Own) if a.3 == c.3 => 0.6,
                (Relation::Own, Relation::Own) => 0.04,
                (Relation::Other, Relation::Other) if same_org => 0.45,
                (Relation::Other, Relation::Other) => 0.006,
                (Relation::Prospect, Relation::Prospect) if same_org => 0.3,
                (Relation::Customer, Relation::Customer) if same_org => 0.35,
                (Relation::Customer, Relation::Customer) => 0.004,
                (Relation::Customer, Relation::Prospect) | (Relation::Prospect, Relation::Customer) => 0.006,
                (Relation::Own, Relation::Customer) | (Relation::Customer, Relation::Own) => 0.01,
                (Relation::Other, Relation::Prospect) | (Relation::Prospect, Relation::Other) => 0.003,
                _ => 0.0,
            };
            if rng.chance(p) {
                b.tie(tie(&mut rng, &a.0, &c.0, 1));
            }
        }
    }
    // Every prospect decision maker is known by at least one customer's decision maker (referral route).
    let customers_dm: Vec<&String> = people
        .iter()
        .filter(|p| relation(p) == Relation::Customer && p.2 == Role::DecisionMaker)
        .map(|p| &p.0)
        .collect();
    let prospects_dm: Vec<&String> = people
        .iter()
        .filter(|p| relation(p) == Relation::Prospect && p.2 == Role::DecisionMaker)
        .map(|p| &p.0)
        .collect();
    let built = b.clone().build().unwrap();
    for (k, dm) in prospects_dm.iter().enumerate() {
        let referee = customers_dm[k % customers_dm.len()];
        if built.tie(referee, dm).is_none() {
            b.tie(Tie::new(referee, dm, RelationshipLevel::new(4).unwrap()).unwrap());
        }
    }
    b.build().unwrap()
}

/// Stand-in highlights for a network's stage picture.
pub fn highlights(networks: &SalesNetworks, kind: NetworkKind) -> Highlights {
    let view = networks.view(kind);
    let owner = networks.owner().id.clone();
    let mut h = Highlights::new();
    // Non-owner neighbours of a contact, within the view.
    let nbrs = |c: &Contact| -> Vec<&Contact> {
        networks
            .ties_of(c.id.as_str())
            .map(|(o, _)| o)
            .filter(|o| o.id != owner && view.contains(o.id.as_str()))
            .collect()
    };
    let others: Vec<&Contact> = view.contacts().filter(|c| c.id != owner).collect();
    match kind {
        NetworkKind::Market => {
            // Brokers: most organizations among their contacts.
            let mut spread: Vec<(usize, &Contact)> = others
                .iter()
                .map(|c| {
                    let mut orgs: Vec<&str> = nbrs(c).iter().map(|o| o.organization.as_str()).collect();
                    orgs.sort_unstable();
                    orgs.dedup();
                    (orgs.len(), *c)
                })
                .collect();
            spread.sort_by_key(|&(k, c)| (std::cmp::Reverse(k), c.id.clone()));
            for (_, c) in spread.iter().take(4) {
                h.mark(c.id.clone(), Mark::Broker);
            }
            // Redundant: all contacts inside their own organization, and many of them.
            let mut redundant: Vec<&Contact> = others
                .iter()
                .copied()
                .filter(|c| {
                    let n = nbrs(c);
                    n.len() >= 4 && n.iter().all(|o| o.organization == c.organization)
                })
                .collect();
            redundant.truncate(6);
            for c in redundant {
                h.mark(c.id.clone(), Mark::Redundant);
            }
            for c in others.iter().filter(|c| nbrs(c).is_empty()).take(3) {
                h.mark(c.id.clone(), Mark::Isolated);
            }
        }
        NetworkKind::Prospect => {
            let account = "Acme Manufacturing";
            let dms: Vec<&Contact> =
                others.iter().copied().filter(|c| c.organization == account && c.role == Role::DecisionMaker).collect();
            for c in others.iter().filter(|c| c.organization == account && c.role == Role::Influencer) {
                h.mark(c.id.clone(), Mark::Influencer);
            }
            for dm in &dms {
                h.mark(dm.id.clone(), Mark::DecisionMaker);
            }
            // Middleman: a contact of the owner tied to a decision maker.
            let mut first = true;
            for dm in &dms {
                let mids: Vec<&Contact> = nbrs(dm)
                    .into_iter()
                    .filter(|m| m.role != Role::DecisionMaker && networks.tie(owner.as_str(), m.id.as_str()).is_some())
                    .collect();
                for (k, m) in mids.iter().take(2).enumerate() {
                    if k == 0 {
                        h.mark(m.id.clone(), Mark::Middleman);
                    }
                    let style = if first && k == 0 { PathStyle::Strongest } else { PathStyle::Alternative };
                    h.path(vec![owner.clone(), m.id.clone(), dm.id.clone()], style);
                }
                first = false;
                if networks.tie(owner.as_str(), dm.id.as_str()).is_none() {
                    h.mark(dm.id.clone(), Mark::Gap);
                }
            }
        }
        NetworkKind::Internal => {
            // Bottlenecks: colleagues tied into the most other departments.
            let mut spread: Vec<(usize, &Contact)> = others
                .iter()
                .map(|c| {
                    let mut d: Vec<&str> = nbrs(c)
                        .iter()
                        .filter(|o| o.department != c.department)
                        .filter_map(|o| o.department.as_deref())
                        .collect();
                    d.sort_unstable();
                    d.dedup();
                    (d.len(), *c)
                })
                .collect();
            spread.sort_by_key(|&(k, c)| (std::cmp::Reverse(k), c.id.clone()));
            for (_, c) in spread.iter().take(3) {
                h.mark(c.id.clone(), Mark::Bottleneck);
            }
        }
        NetworkKind::Customer => {
            // Referees: customer decision makers who know a prospect's decision maker.
            let mut targets = 0;
            for c in others
                .iter()
                .filter(|c| c.role == Role::DecisionMaker && networks.tie(owner.as_str(), c.id.as_str()).is_some())
            {
                let target = networks.ties_of(c.id.as_str()).map(|(o, _)| o).find(|o| {
                    o.role == Role::DecisionMaker
                        && networks.organization_of(o).map(|g| g.relation) == Some(Relation::Prospect)
                });
                if let Some(t) = target {
                    h.mark(c.id.clone(), Mark::Referee);
                    if targets < 2 {
                        h.mark(t.id.clone(), Mark::Target);
                        h.path(vec![owner.clone(), c.id.clone(), t.id.clone()], PathStyle::Referral);
                        targets += 1;
                    }
                }
            }
        }
    }
    h
}
