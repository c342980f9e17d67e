//! The invented sample portfolio in `examples/data/sample/` loads and has the
//! shape its README promises.

mod common;

use std::collections::BTreeSet;

use jiff::civil::{Date, date};
use salesnet::{DecayPolicy, Freshness, NetworkKind, Organization, Relation, Role, SalesNetworks};

const AS_OF: Date = date(2026, 11, 1);

#[test]
fn sample_has_the_documented_size_and_one_owner() {
    let n = common::load_sample();
    assert_eq!(n.organizations().len(), 22);
    assert_eq!(n.contact_count(), 222);
    assert!((200..=260).contains(&n.contact_count()));
    assert_eq!(n.tie_count(), 457);
    assert_eq!(n.contacts().filter(|c| c.role == Role::Owner).count(), 1);
    assert_eq!(n.owner().id.as_str(), "own00");
    assert_eq!(n.organization_of(n.owner()).unwrap().relation, Relation::Own);
    // Every contact has at least one tie.
    let g = n.graph();
    assert!(g.node_indices().all(|v| g.neighbors(v).next().is_some()));
    // Extra columns are kept and clearly fake.
    assert!(n.contacts().all(|c| c.attributes.get("email").is_some_and(|e| e.ends_with(".example.com"))));
    assert!(n.contacts().all(|c| c.attributes.get("city").is_some()));
    assert!(n.ties().filter(|t| t.level.get() > 0).all(|t| t.attributes.get("channel").is_some()));
}

#[test]
fn sample_covers_departments_industries_and_customer_values() {
    let n = common::load_sample();
    let departments: BTreeSet<&str> =
        n.view(NetworkKind::Internal).contacts().filter_map(|c| c.department.as_deref()).collect();
    for d in ["sales", "engineering", "product", "finance", "legal", "delivery", "support"] {
        assert!(departments.contains(d), "no {d} department");
    }
    let market = n.view(NetworkKind::Market);
    let industries: BTreeSet<&str> = market
        .contacts()
        .filter(|c| c.role != Role::Owner)
        .filter_map(|c| n.organization_of(c).and_then(|o| o.industry.as_deref()))
        .collect();
    assert!(industries.len() >= 6, "{industries:?}");

    let mut values: Vec<f64> =
        n.organizations().iter().filter(|o| o.relation == Relation::Customer).map(|o| o.value.unwrap()).collect();
    values.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(values, [2_400_000.0, 350_000.0, 60_000.0, 15_000.0, 9_000.0]);

    let prospects: Vec<&Organization> = n.organizations().iter().filter(|o| o.relation == Relation::Prospect).collect();
    assert!(prospects.len() >= 2);
    for org in &prospects[..2] {
        let roles: BTreeSet<Role> = n.contacts().filter(|c| c.organization == org.name).map(|c| c.role).collect();
        for role in [Role::DecisionMaker, Role::Influencer, Role::Gatekeeper, Role::Buyer, Role::User] {
            assert!(roles.contains(&role), "{} lacks {role}", org.name);
        }
    }
}

#[test]
fn sample_ties_are_fresh_fading_lapsed_and_undated_at_every_level() {
    let n = common::load_sample();
    let policy = DecayPolicy::default();
    let as_of = n.at(AS_OF, &policy);
    let count = |f: Freshness| as_of.ties().filter(|t| t.freshness == f).count();
    assert_eq!(
        [count(Freshness::Fresh), count(Freshness::Fading), count(Freshness::Lapsed), count(Freshness::Undated)],
        [245, 144, 47, 21]
    );
    let levels: BTreeSet<u8> = n.ties().map(|t| t.level.get()).collect();
    assert_eq!(levels, (0..=5).collect());
    let owner_ties: BTreeSet<Freshness> = as_of.ties_of("own00").map(|(_, t)| t.freshness).collect();
    assert_eq!(owner_ties.len(), 4, "the owner's ties should be fresh, fading, lapsed and undated");
}

/// Contacts reachable from `start` in `view` without passing `removed`.
fn reach(n: &SalesNetworks, view: &salesnet::NetworkView<'_>, start: &str, removed: &[&str]) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut stack = vec![start.to_string()];
    while let Some(v) = stack.pop() {
        for (c, _) in n.ties_of(&v) {
            let id = c.id.as_str();
            if view.contains(id) && !removed.contains(&id) && seen.insert(id.to_string()) {
                stack.push(id.to_string());
            }
        }
    }
    seen
}

#[test]
fn sample_plants_the_documented_structures() {
    let n = common::load_sample();
    let policy = DecayPolicy::default();
    let as_of = n.at(AS_OF, &policy);
    let strength = |a: &str, b: &str| as_of.tie(a, b).unwrap().strength.get();

    // Market: a clique tied to the owner.
    let clique = ["mkt001", "mkt002", "mkt003", "mkt004", "mkt005"];
    for (i, a) in clique.iter().enumerate() {
        assert!(n.tie("own00", a).is_some());
        for b in &clique[i + 1..] {
            assert!(n.tie(a, b).is_some(), "{a} - {b}");
        }
    }
    // Brokers: many market contacts the owner does not know.
    for broker in ["mkt009", "mkt017", "mkt024"] {
        let unknown = n
            .ties_of(broker)
            .filter(|(c, _)| n.view(NetworkKind::Market).contains(c.id.as_str()))
            .filter(|(c, _)| c.role != Role::Owner && n.tie("own00", c.id.as_str()).is_none())
            .count();
        assert!(unknown >= 8, "{broker}: {unknown}");
    }

    // Quayside: the owner reaches its decision makers only through qua10.
    let quayside = n.organization_view("Quayside Insurance").unwrap();
    let all = reach(&n, &quayside, "own00", &[]);
    let cut = reach(&n, &quayside, "own00", &["qua10"]);
    for dm in ["qua01", "qua02", "qua03"] {
        assert!(all.contains(dm) && !cut.contains(dm), "{dm}");
        assert!(n.tie("own00", dm).is_none());
    }
    assert!(n.ties_of("qua02").all(|(_, t)| t.level.get() <= 1));

    // Internal: own22 is the only way to finance and legal; own28 knows no colleague.
    let internal = n.view(NetworkKind::Internal);
    let without = reach(&n, &internal, "own01", &["own22"]);
    assert!(["own23", "own24", "own25", "own26", "own27"].iter().all(|c| !without.contains(*c)));
    assert!(reach(&n, &internal, "own00", &[]).contains("own27"));
    assert!(n.ties_of("own28").all(|(c, _)| c.role == Role::Owner || !internal.contains(c.id.as_str())));

    // Customers: a fresh referee and a lapsed champion at the top customer.
    assert_eq!((strength("own00", "hal02"), strength("hal02", "ard01")), (1.0, 0.8));
    assert_eq!((strength("own00", "hal05"), strength("hal05", "ard01")), (0.0, 1.0));
    assert_eq!(n.tie("own00", "hal05").unwrap().level.get(), 5);
}
