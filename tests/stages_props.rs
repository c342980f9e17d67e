//! Invariants of the four stage reports on generated portfolios of many shapes.

use jiff::civil::date;
use proptest::prelude::*;
use salesnet::generate::{GenerateOptions, portfolio};
use salesnet::stages::{self, StageOptions};
use salesnet::{AsOf, Freshness, Relation, Role};

fn check(at: &AsOf<'_>, options: &StageOptions) -> Result<(), TestCaseError> {
    let n = at.networks();
    let owner = n.owner().id.clone();

    let p = stages::prospecting(at, options).unwrap();
    prop_assert!(p.density.is_none_or(|d| (0.0..=1.0).contains(&d)));
    prop_assert!(p.efficiency.is_none_or(|e| (0.0..=1.0 + 1e-12).contains(&e)));
    prop_assert!(p.diversity.is_none_or(|d| (0.0..1.0).contains(&d)));
    prop_assert!(p.two_step_reach >= p.size);
    for r in &p.redundant_contacts {
        prop_assert_eq!(r.unique_reach, 0);
        prop_assert!(r.redundancy >= 0.5 && r.redundancy <= 1.0);
    }
    prop_assert!(p.brokers.windows(2).all(|w| w[0].new_contacts >= w[1].new_contacts));

    let s = stages::solution(at, options).unwrap();
    prop_assert!(s.density.is_none_or(|d| (0.0..=1.0).contains(&d)));
    prop_assert_eq!(s.departments.iter().map(|d| d.colleagues).sum::<usize>(), s.colleagues);
    prop_assert!(s.bottlenecks.iter().all(|b| b.cut_off >= 1));
    prop_assert!(s.bottlenecks.windows(2).all(|w| w[0].betweenness >= w[1].betweenness));

    let prospects: Vec<String> =
        n.organizations().iter().filter(|o| o.relation == Relation::Prospect).map(|o| o.name.clone()).collect();
    for account in prospects.iter().take(3) {
        let b = stages::buy_in(at, account, options).unwrap();
        prop_assert!(b.coverage.is_none_or(|c| (0.0..=1.0).contains(&c)));
        for k in b.decision_makers.iter().chain(&b.influencers) {
            prop_assert_eq!(k.reachable, k.path.exists());
            if k.reachable {
                prop_assert_eq!(k.path.nodes.first(), Some(&owner));
                prop_assert_eq!(k.path.nodes.last(), Some(&k.id));
                prop_assert!(k.path.strength > 0.0 && k.path.strength <= 1.0);
            }
        }
        prop_assert!(
            b.middlemen.iter().all(|m| m.score > 0.0 && n.contact(m.id.as_str()).unwrap().organization == *account)
        );

        let target = n.contacts().find(|c| c.organization == *account && c.role == Role::DecisionMaker);
        if let Some(target) = target {
            let c = stages::closing(at, target.id.as_str(), options).unwrap();
            for r in &c.referees {
                // The owner asks them directly, or through one introduction.
                prop_assert!(r.access > 0.0);
                prop_assert_eq!(r.via.is_some(), r.owner_strength <= 0.0);
                prop_assert!(r.via.is_some() || r.freshness != Freshness::Lapsed);
                prop_assert_eq!(r.path.nodes.first(), Some(&r.id));
                prop_assert_eq!(r.path.nodes.last(), Some(&target.id));
                prop_assert!(!r.path.nodes.contains(&owner));
                prop_assert!(r.score <= r.access * r.path.strength + 1e-12);
            }
            prop_assert!(c.referees.windows(2).all(|w| w[0].score >= w[1].score));
            prop_assert!(c.lapsed_referees.iter().all(|r| r.freshness == Freshness::Lapsed || r.owner_strength == 0.0));
            for m in &c.maintain {
                prop_assert!(matches!(m.freshness, Freshness::Fading | Freshness::Lapsed));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn reports_hold_their_invariants(seed in any::<u64>(), contacts in 100usize..400, ties in 2.0f64..6.0, months in 0i64..30) {
        let as_of = date(2026, 11, 1);
        let n = portfolio(&GenerateOptions::new().contacts(contacts).seed(seed).ties_per_contact(ties).as_of(as_of)).unwrap();
        // Reports taken some months after the data: ever more ties fade and lapse.
        let later = as_of.checked_add(jiff::Span::new().months(months)).unwrap();
        check(&n.at(later, &salesnet::DecayPolicy::default()), &StageOptions::new())?;
    }
}
