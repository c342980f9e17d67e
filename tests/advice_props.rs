//! The playbook's rules hold on generated portfolios of many shapes and dates:
//! short paths, reached means strong enough, never a level-0 "lapsed" tie, a
//! plan sorted by date with one action per person.

use jiff::civil::date;
use proptest::prelude::*;
use salesnet::generate::{GenerateOptions, portfolio};
use salesnet::stages::{self, MaintainItem, PlanOptions, StageOptions, Thresholds};
use salesnet::{AsOf, DecayPolicy, Relation, RelationshipLevel, Role};

fn no_name_only(as_of: &AsOf<'_>, owner: &str, items: &[MaintainItem]) -> Result<(), TestCaseError> {
    for m in items {
        prop_assert!(m.level > RelationshipLevel::NO_CONTACT, "level-0 tie to {} listed to maintain", m.id);
        let tie = as_of.tie(owner, m.id.as_str()).unwrap();
        prop_assert!(tie.tie.level > RelationshipLevel::NO_CONTACT);
    }
    Ok(())
}

fn check(as_of: &AsOf<'_>, max_hops: usize) -> Result<(), TestCaseError> {
    let n = as_of.networks();
    let owner = n.owner().id.clone();
    let t = Thresholds { max_hops, ..Thresholds::default() };
    let options = StageOptions::new().with_thresholds(t.clone());

    let p = stages::prospecting(as_of, &options).unwrap();
    no_name_only(as_of, owner.as_str(), &p.maintain)?;
    for c in &p.redundant_contacts {
        prop_assert!(as_of.tie(owner.as_str(), c.id.as_str()).unwrap().tie.level < RelationshipLevel::SUPPORTER);
    }
    prop_assert!(
        p.size <= as_of.ties_of(owner.as_str()).filter(|(_, d)| d.strength.get() >= t.market_strength).count()
    );

    let s = stages::solution(as_of, &options).unwrap();
    no_name_only(as_of, owner.as_str(), &s.maintain)?;
    for b in &s.bottlenecks {
        prop_assert_eq!(b.cut_off, b.cut_off_people.len());
        prop_assert!(b.cut_off_people.iter().all(|p| !s.isolated.contains(&p.id)));
    }

    let prospects: Vec<String> =
        n.organizations().iter().filter(|o| o.relation == Relation::Prospect).map(|o| o.name.clone()).collect();
    for account in prospects.iter().take(3) {
        let b = stages::buy_in(as_of, account, &options).unwrap();
        no_name_only(as_of, owner.as_str(), &b.maintain)?;
        for k in b.decision_makers.iter().chain(&b.influencers) {
            prop_assert!(k.path.hops <= max_hops, "{} hops to {}", k.path.hops, k.id);
            if k.path.exists() {
                prop_assert_eq!(k.path.nodes.len(), k.path.hops + 1);
                prop_assert_eq!(k.path.nodes.first(), Some(&owner));
            }
            if k.reached {
                prop_assert!(k.path.strength >= t.coverage_strength);
            }
            // A gap is someone the owner has not met: no active direct tie of level 2+.
            let met = as_of
                .tie(owner.as_str(), k.id.as_str())
                .is_some_and(|d| d.tie.level >= RelationshipLevel::MET && d.strength.get() > 0.0);
            prop_assert_eq!(b.gaps.contains(&k.id), !met);
        }
        prop_assert_eq!(b.single_threaded, b.met.len() < 2);
        for m in &b.middlemen {
            prop_assert_eq!(&n.contact(m.id.as_str()).unwrap().organization, account);
            prop_assert!(m.score > 0.0);
        }

        for target in n.contacts().filter(|c| c.organization == *account && c.role == Role::DecisionMaker).take(2) {
            let c = stages::closing(as_of, target.id.as_str(), &options).unwrap();
            no_name_only(as_of, owner.as_str(), &c.maintain)?;
            for r in c.referees.iter().chain(&c.lapsed_referees) {
                prop_assert_eq!(r.path.hops, 1);
                prop_assert_eq!(r.path.nodes.last(), Some(&target.id));
                prop_assert!(as_of.tie(r.id.as_str(), target.id.as_str()).unwrap().strength.get() > 0.0);
            }
            for r in &c.referees {
                prop_assert!(r.access > 0.0);
                prop_assert_eq!(r.via.is_some(), r.owner_strength <= 0.0);
            }
            for r in &c.lapsed_referees {
                prop_assert!(r.owner_level > RelationshipLevel::NO_CONTACT);
            }
            prop_assert!(c.referees.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }

    let plan = stages::plan(as_of, &options, &PlanOptions::new().days(30)).unwrap();
    prop_assert!(plan.actions.windows(2).all(|w| w[0].due <= w[1].due));
    let mut ids: Vec<&str> = plan.actions.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    let all = ids.len();
    ids.dedup();
    prop_assert_eq!(all, ids.len());
    for a in &plan.actions {
        prop_assert!(a.due <= plan.until);
        prop_assert!(!a.reason.is_empty());
        prop_assert_eq!(a.overdue, a.due < plan.as_of);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn the_playbook_rules_hold(
        seed in any::<u64>(),
        contacts in 100usize..300,
        ties in 2.0f64..6.0,
        months in 0i64..18,
        max_hops in 1usize..5,
    ) {
        let as_of = date(2026, 11, 1);
        let n = portfolio(&GenerateOptions::new().contacts(contacts).seed(seed).ties_per_contact(ties).as_of(as_of)).unwrap();
        let later = as_of.checked_add(jiff::Span::new().months(months)).unwrap();
        check(&n.at(later, &DecayPolicy::default()), max_hops)?;
    }
}
