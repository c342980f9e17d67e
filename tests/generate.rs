//! The synthetic portfolio generator: determinism, sizes and realism.

use std::collections::{BTreeSet, VecDeque};

use jiff::civil::{Date, date};
use salesnet::generate::{GenerateOptions, MIN_CONTACTS, portfolio};
use salesnet::{DecayPolicy, Error, Freshness, NetworkKind, Relation, Role, SalesNetworks};

const AS_OF: Date = date(2026, 6, 30);

fn generate(contacts: usize, seed: u64) -> SalesNetworks {
    portfolio(&GenerateOptions::new().contacts(contacts).seed(seed).as_of(AS_OF)).unwrap()
}

fn relation_of(n: &SalesNetworks, node: petgraph::graph::NodeIndex) -> Relation {
    n.organization_at(node).relation
}

fn degrees(n: &SalesNetworks) -> Vec<usize> {
    let g = n.graph();
    g.node_indices().map(|v| g.neighbors(v).count()).collect()
}

fn same(a: &SalesNetworks, b: &SalesNetworks) -> bool {
    a.organizations() == b.organizations() && a.contacts().eq(b.contacts()) && a.ties().eq(b.ties())
}

#[test]
fn same_options_same_portfolio_other_seed_other_portfolio() {
    let a = generate(500, 1);
    let b = generate(500, 1);
    assert!(same(&a, &b));
    let c = generate(500, 2);
    assert!(!a.ties().eq(c.ties()));
    assert!(!a.contacts().eq(c.contacts()));
}

#[test]
fn counts_are_as_asked() {
    for (contacts, ties_per_contact) in
        [(500, 10.0), (5_000, 4.0), (MIN_CONTACTS, 2.0), (MIN_CONTACTS, 12.375), (777, 3.3)]
    {
        let options = GenerateOptions::new().contacts(contacts).ties_per_contact(ties_per_contact).seed(5);
        let n = portfolio(&options).unwrap();
        assert_eq!(n.contact_count(), contacts);
        assert_eq!(n.tie_count(), options.tie_count());
        assert_eq!(options.tie_count(), (contacts as f64 * ties_per_contact).round() as usize);
    }
    assert_eq!(GenerateOptions::new().contacts(1_000_000).tie_count(), 10_000_000);
}

#[test]
fn one_owner_with_hundreds_of_contacts_at_most() {
    for contacts in [500, 5_000] {
        let n = generate(contacts, 3);
        assert_eq!(n.contacts().filter(|c| c.role == Role::Owner).count(), 1);
        assert_eq!(n.owner().id.as_str(), "c000000");
        assert_eq!(relation_of(&n, n.owner_node()), Relation::Own);
        assert_eq!(n.owner().department.as_deref(), Some("sales"));
        let owner_degree = n.graph().neighbors(n.owner_node()).count();
        assert!((100..=400).contains(&owner_degree), "{contacts}: owner degree {owner_degree}");
        // The owner knows people in all four networks.
        for kind in NetworkKind::ALL {
            let known = n.graph().neighbors(n.owner_node()).filter(|&v| n.network_of(v) == kind).count();
            assert!(known >= 5, "{contacts}: owner knows {known} in {kind}");
        }
    }
}

#[test]
fn ids_names_and_attributes() {
    let n = generate(500, 4);
    for (i, c) in n.contacts().enumerate() {
        assert_eq!(c.id.as_str(), format!("c{i:06}"));
        assert!(c.name.contains(' ') && !c.name.is_empty());
        assert!(c.attributes.get("city").is_some());
        assert!(c.department.is_some());
    }
    for t in n.ties() {
        assert_eq!(t.attributes.get("channel").is_some(), t.last_contact.is_some());
    }
    let channels: BTreeSet<_> = n.ties().filter_map(|t| t.attributes.get("channel")).collect();
    assert!(channels.len() >= 5, "{channels:?}");
    // Organization names are unique (the builder checks) and cities vary.
    let cities: BTreeSet<_> = n.contacts().filter_map(|c| c.attributes.get("city")).collect();
    assert!(cities.len() >= 10);
}

#[test]
fn every_relation_department_and_enough_industries() {
    for contacts in [MIN_CONTACTS, 500, 5_000] {
        let n = generate(contacts, 6);
        for relation in Relation::ALL {
            assert!(n.organizations().iter().any(|o| o.relation == *relation), "{contacts}: no {relation}");
            assert!(n.contacts().any(|c| n.organization_of(c).unwrap().relation == *relation));
        }
        assert_eq!(n.organizations().iter().filter(|o| o.relation == Relation::Own).count(), 1);
        let industries: BTreeSet<_> = n.organizations().iter().filter_map(|o| o.industry.as_deref()).collect();
        assert!(industries.len() >= 8, "{contacts}: {industries:?}");
        let own_departments: BTreeSet<_> = n
            .contacts()
            .filter(|c| n.organization_of(c).unwrap().relation == Relation::Own)
            .filter_map(|c| c.department.as_deref())
            .collect();
        for d in ["sales", "engineering", "product", "finance", "legal", "delivery", "support"] {
            assert!(own_departments.contains(d), "{contacts}: no {d}");
        }
    }
}

#[test]
fn prospects_have_org_charts() {
    let n = generate(5_000, 7);
    let prospects: Vec<_> = n.organizations().iter().filter(|o| o.relation == Relation::Prospect).collect();
    assert!(prospects.len() >= 20);
    for org in prospects {
        let roles: BTreeSet<Role> = n.contacts().filter(|c| c.organization == org.name).map(|c| c.role).collect();
        for role in [Role::DecisionMaker, Role::Influencer, Role::Gatekeeper] {
            assert!(roles.contains(&role), "{}: no {role}", org.name);
        }
        let view = n.organization_view(&org.name).unwrap();
        // Owner plus members; the members form a tree at least (connected by reporting lines).
        let members = view.len() - 1;
        let inside = view.ties().filter(|t| t.source != n.owner().id && t.target != n.owner().id).count();
        assert!(inside >= members - 1, "{}: {inside} ties among {members}", org.name);
    }
    let all_roles: BTreeSet<Role> = n.contacts().map(|c| c.role).collect();
    assert_eq!(all_roles.len(), Role::ALL.len());
}

#[test]
fn customer_values_follow_the_80_20_rule() {
    let n = generate(5_000, 8);
    let mut values: Vec<f64> =
        n.organizations().iter().filter(|o| o.relation == Relation::Customer).map(|o| o.value.unwrap()).collect();
    assert!(values.len() >= 40);
    values.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = values.iter().sum();
    let top: f64 = values[..values.len().div_ceil(5)].iter().sum();
    assert!(top / total >= 0.6, "top fifth brings {:.2}", top / total);
    assert!(n.organizations().iter().filter(|o| o.relation == Relation::Prospect).all(|o| o.value.is_some()));
}

#[test]
fn levels_and_freshness_are_spread() {
    let n = generate(5_000, 9);
    let mut levels = [0usize; 6];
    let policy = DecayPolicy::default();
    let mut freshness = std::collections::BTreeMap::new();
    let as_of = n.at(AS_OF, &policy);
    for dated in as_of.ties() {
        let t = dated.tie;
        levels[usize::from(t.level.get())] += 1;
        *freshness.entry(dated.freshness).or_insert(0usize) += 1;
        if let Some(d) = t.last_contact {
            let days = DecayPolicy::days_between(d, AS_OF);
            assert!((0..730).contains(&days), "{days}");
        }
    }
    assert!(levels.iter().all(|&c| c > 0), "{levels:?}");
    // More weak (0-2) than strong (3-5) ties.
    assert!(levels[..3].iter().sum::<usize>() > levels[3..].iter().sum::<usize>(), "{levels:?}");
    let ties = n.tie_count() as f64;
    for f in [Freshness::Fresh, Freshness::Fading, Freshness::Lapsed, Freshness::Undated] {
        let share = freshness.get(&f).copied().unwrap_or(0) as f64 / ties;
        assert!(share > 0.03, "{f:?}: {share}");
    }
}

#[test]
fn degrees_are_heavy_tailed() {
    let n = generate(5_000, 10);
    let owner = n.owner_node().index();
    let mut d: Vec<usize> = degrees(&n).into_iter().enumerate().filter(|&(i, _)| i != owner).map(|(_, d)| d).collect();
    let mean = d.iter().sum::<usize>() as f64 / d.len() as f64;
    d.sort_unstable_by(|a, b| b.cmp(a));
    // An Erdos-Renyi graph of this mean degree (20) has a maximum near 35.
    assert!(d[0] as f64 > 8.0 * mean, "max {} mean {mean}", d[0]);
    let top_share = d[..d.len() / 100].iter().sum::<usize>() as f64 / d.iter().sum::<usize>() as f64;
    // The top 1% of an Erdos-Renyi graph hold about 1.5% of the degree.
    assert!(top_share > 0.05, "top 1% hold {top_share}");
    let median = d[d.len() / 2] as f64;
    assert!(median < mean, "median {median} mean {mean}");
}

#[test]
fn portfolio_is_connected() {
    for (contacts, seed, t) in [(MIN_CONTACTS, 1, 2.0), (500, 11, 10.0), (5_000, 12, 10.0), (5_000, 13, 2.0)] {
        let n = portfolio(&GenerateOptions::new().contacts(contacts).seed(seed).ties_per_contact(t)).unwrap();
        let g = n.graph();
        let mut seen = vec![false; g.node_count()];
        let mut queue = VecDeque::from([n.owner_node()]);
        seen[n.owner_node().index()] = true;
        let mut reached = 1;
        while let Some(v) = queue.pop_front() {
            for w in g.neighbors(v) {
                if !seen[w.index()] {
                    seen[w.index()] = true;
                    reached += 1;
                    queue.push_back(w);
                }
            }
        }
        assert_eq!(reached, contacts, "{contacts} contacts, seed {seed}");
    }
}

#[test]
fn communities_internal_dense_market_sparse_and_referrals_exist() {
    let n = generate(5_000, 14);
    let g = n.graph();
    let density = |relation: Relation| {
        let members = n.contacts().filter(|c| n.organization_of(c).unwrap().relation == relation).count() as f64;
        let ties = g
            .edge_indices()
            .filter(|&e| {
                let (a, b) = g.edge_endpoints(e).unwrap();
                relation_of(&n, a) == relation && relation_of(&n, b) == relation
            })
            .count() as f64;
        ties / (members * (members - 1.0) / 2.0)
    };
    let (internal, market) = (density(Relation::Own), density(Relation::Other));
    assert!(internal > 5.0 * market, "internal {internal} market {market}");
    // Most ties stay inside an organization.
    let inside = g
        .edge_indices()
        .filter(|&e| {
            let (a, b) = g.edge_endpoints(e).unwrap();
            n.contact_at(a).organization == n.contact_at(b).organization
        })
        .count();
    assert!(inside as f64 > 0.5 * n.tie_count() as f64);
    // Customers know prospects' key people: referral paths exist.
    let referrals = g
        .edge_indices()
        .filter(|&e| {
            let (a, b) = g.edge_endpoints(e).unwrap();
            let key = |v| matches!(n.contact_at(v).role, Role::DecisionMaker | Role::Influencer);
            (relation_of(&n, a) == Relation::Customer && relation_of(&n, b) == Relation::Prospect && key(b))
                || (relation_of(&n, b) == Relation::Customer && relation_of(&n, a) == Relation::Prospect && key(a))
        })
        .count();
    assert!(referrals >= 40, "{referrals}");
    // Some of them through a customer the owner knows: owner - referee - key person.
    let owner = n.owner_node();
    let vouched: BTreeSet<_> = g
        .neighbors(owner)
        .filter(|&c| relation_of(&n, c) == Relation::Customer)
        .flat_map(|c| g.neighbors(c))
        .filter(|&p| {
            relation_of(&n, p) == Relation::Prospect
                && matches!(n.contact_at(p).role, Role::DecisionMaker | Role::Influencer)
        })
        .collect();
    assert!(vouched.len() >= 10, "{}", vouched.len());
}

#[test]
fn invalid_options_are_rejected() {
    let bad = [
        GenerateOptions::new().contacts(MIN_CONTACTS - 1),
        GenerateOptions::new().contacts(0),
        GenerateOptions::new().ties_per_contact(1.9),
        GenerateOptions::new().ties_per_contact(f64::NAN),
        GenerateOptions::new().ties_per_contact(f64::INFINITY),
        GenerateOptions::new().contacts(MIN_CONTACTS).ties_per_contact(12.5),
        GenerateOptions::new().as_of(date(-9999, 6, 1)),
    ];
    for options in bad {
        assert!(matches!(portfolio(&options), Err(Error::InvalidArgument { .. })), "{options:?}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any valid options give the asked counts, one owner and one component.
        #[test]
        fn any_valid_options_give_a_valid_connected_portfolio(
            contacts in MIN_CONTACTS..400usize,
            density in 0.0..1.0f64,
            seed in any::<u64>(),
        ) {
            let max = (contacts - 1) as f64 / 8.0;
            let ties_per_contact = 2.0 + density * (max - 2.0);
            let options = GenerateOptions::new().contacts(contacts).ties_per_contact(ties_per_contact).seed(seed);
            let n = portfolio(&options).unwrap();
            prop_assert_eq!(n.contact_count(), contacts);
            prop_assert_eq!(n.tie_count(), options.tie_count());
            prop_assert_eq!(n.contacts().filter(|c| c.role == Role::Owner).count(), 1);
            let g = n.graph();
            let mut seen = vec![false; contacts];
            let mut stack = vec![n.owner_node()];
            seen[n.owner_node().index()] = true;
            while let Some(v) = stack.pop() {
                for w in g.neighbors(v) {
                    if !seen[w.index()] {
                        seen[w.index()] = true;
                        stack.push(w);
                    }
                }
            }
            prop_assert!(seen.iter().all(|&s| s));
        }
    }
}
