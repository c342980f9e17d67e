//! Invariants of the team's view on generated teams: intro paths are short,
//! start at the first caller and never run through another salesperson;
//! coverage counts equal a brute-force count.

use jiff::civil::date;
use proptest::prelude::*;
use salesnet::generate::{GenerateOptions, portfolio};
use salesnet::stages::{TeamOptions, Thresholds, team};
use salesnet::{DecayPolicy, Relation, RelationshipLevel, Sharing};

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn intros_are_short_start_at_the_caller_and_coverage_counts_hold(
        seed in 0u64..1_000,
        owners in 1usize..5,
        max_hops in 1usize..5,
        private in 0usize..3,
    ) {
        let options = GenerateOptions::new().contacts(300).ties_per_contact(4.0).seed(seed).owners(owners)
            .as_of(date(2026, 6, 30));
        let mut networks = portfolio(&options).unwrap();
        // Some salespeople do not share (the first `private` of the later ones).
        if private > 0 && owners > 1 {
            let quiet: Vec<String> =
                networks.owners().skip(1).take(private).map(|c| c.id.to_string()).collect();
            let mut b = salesnet::SalesNetworks::builder();
            for o in networks.organizations() {
                b.organization(o.clone());
            }
            for c in networks.contacts() {
                let share = if quiet.contains(&c.id.to_string()) { Sharing::No } else { Sharing::Yes };
                b.contact(c.clone().with_share(share));
            }
            for t in networks.ties() {
                b.tie(t.clone());
            }
            networks = b.build().unwrap();
        }
        let as_of = networks.at(date(2026, 6, 30), &DecayPolicy::default());
        let t = Thresholds { max_hops, ..Thresholds::default() };
        let report = team(&as_of, &TeamOptions::new().with_thresholds(t)).unwrap();
        let is_owner = |id: &str| networks.owners().any(|c| c.id.as_str() == id);
        let shares = |id: &str| networks.contact(id).is_some_and(|c| c.share == Sharing::Yes);
        for intro in &report.intros {
            let mut callers = Vec::new();
            let first = intro.owner.as_ref().map(|o| (o.clone(), intro.path.clone()));
            for (owner, path) in first.into_iter().chain(intro.alternatives.iter().map(|a| (a.owner.clone(), a.path.clone()))) {
                prop_assert!(path.hops <= max_hops, "{:?}", path);
                prop_assert_eq!(path.nodes.len(), path.hops + 1);
                prop_assert_eq!(&path.nodes[0], &owner, "the path starts at the first caller");
                prop_assert_eq!(path.nodes.last().unwrap(), &intro.target);
                prop_assert!(shares(owner.as_str()), "a private salesperson is never proposed");
                for mid in &path.nodes[1..path.nodes.len() - 1] {
                    prop_assert!(!is_owner(mid.as_str()), "no salesperson introduces a colleague who then calls");
                    prop_assert!(shares(mid.as_str()));
                }
                prop_assert!(!callers.contains(&owner), "alternatives are different salespeople");
                callers.push(owner);
            }
            // Ranked: the first caller's path is the strongest.
            for a in &intro.alternatives {
                prop_assert!(a.path.strength <= intro.path.strength);
            }
        }
        // Coverage by brute force: every (salesperson, person) tie of level 2+, active.
        for cov in &report.coverage {
            let org = networks.organization(&cov.organization).unwrap();
            prop_assert!(matches!(org.relation, Relation::Customer | Relation::Prospect));
            let members: Vec<&salesnet::Contact> =
                networks.contacts().filter(|c| c.organization == cov.organization).collect();
            prop_assert_eq!(cov.people, members.len());
            let holds = |rep: &str, who: &str| {
                as_of.tie(rep, who).is_some_and(|d| d.tie.level >= RelationshipLevel::MET && d.strength.get() > 0.0)
            };
            let held = members
                .iter()
                .filter(|m| networks.owners().any(|o| holds(o.id.as_str(), m.id.as_str())))
                .count();
            prop_assert_eq!(cov.held, held);
            let reps: Vec<(String, usize)> = networks
                .owners()
                .map(|o| (o.id.to_string(), members.iter().filter(|m| holds(o.id.as_str(), m.id.as_str())).count()))
                .filter(|(_, k)| *k > 0)
                .collect();
            let got: Vec<(String, usize)> = cov.reps.iter().map(|r| (r.id.to_string(), r.ties)).collect();
            prop_assert_eq!(&got, &reps);
            prop_assert_eq!(cov.single_threaded_ours, reps.len() == 1);
            prop_assert_eq!(cov.single_threaded_theirs, held < 2);
        }
    }
}

#[test]
fn the_generator_makes_teams_and_one_owner_stays_as_it_was() {
    let base = GenerateOptions::new().contacts(500).seed(7).as_of(date(2026, 6, 30));
    let one = portfolio(&base).unwrap();
    let again = portfolio(&base.clone().owners(1)).unwrap();
    assert!(one.ties().eq(again.ties()) && one.contacts().eq(again.contacts()));
    let three = portfolio(&base.clone().owners(3)).unwrap();
    assert_eq!(three.owners().count(), 3);
    assert_eq!(three.tie_count(), one.tie_count());
    let first = three.owners().next().unwrap().id.clone();
    assert_eq!(first, one.owner().id);
    for o in three.owners() {
        assert!(three.ties_of(o.id.as_str()).count() >= 20, "{} has few ties", o.id);
    }
    assert!(portfolio(&base.clone().owners(0)).is_err());
    assert!(portfolio(&base.clone().owners(11)).is_err(), "at most half of the 20 people of our firm");
}
