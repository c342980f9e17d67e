//! Stage reports on hand-built portfolios whose answers are known by construction.

use jiff::civil::{Date, date};
use salesnet::stages::{self, StageOptions, StageReport, StageRequest};
use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, SalesNetworksBuilder, Tie};

const AS_OF: Date = date(2026, 11, 1);

/// The portfolio as of the test date.
fn at(n: &SalesNetworks) -> salesnet::AsOf<'_> {
    n.at(AS_OF, &salesnet::DecayPolicy::default())
}

fn options() -> StageOptions {
    StageOptions::new()
}

/// A builder with our firm and the owner `me`.
fn firm() -> SalesNetworksBuilder {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Us", Relation::Own))
        .contact(Contact::new("me", "Owner", "Us", Role::Owner).unwrap().with_department("sales"));
    b
}

fn person(b: &mut SalesNetworksBuilder, id: &str, org: &str, role: Role, dept: Option<&str>) {
    let mut c = Contact::new(id, format!("Name of {id}"), org, role).unwrap();
    if let Some(d) = dept {
        c = c.with_department(d);
    }
    b.contact(c);
}

fn tie(b: &mut SalesNetworksBuilder, a: &str, c: &str, level: u8, days_ago: i64) {
    let t = Tie::new(a, c, RelationshipLevel::new(level).unwrap())
        .unwrap()
        .with_last_contact(AS_OF.checked_sub(jiff::Span::new().days(days_ago)).unwrap());
    b.tie(t);
}

#[test]
fn prospecting_finds_the_redundant_clique_and_the_broker() {
    let mut b = firm();
    b.organization(Organization::new("Club", Relation::Other).with_industry("retail"));
    b.organization(Organization::new("Lab", Relation::Other).with_industry("biotech"));
    b.organization(Organization::new("Far", Relation::Other).with_industry("energy"));
    // A clique of four retail people, all tied to the owner.
    for id in ["k1", "k2", "k3", "k4"] {
        person(&mut b, id, "Club", Role::Other, None);
        tie(&mut b, "me", id, 3, 10);
    }
    for (x, y) in [("k1", "k2"), ("k1", "k3"), ("k1", "k4"), ("k2", "k3"), ("k2", "k4"), ("k3", "k4")] {
        tie(&mut b, x, y, 2, 10);
    }
    // A broker who knows five energy people the owner does not know.
    person(&mut b, "bro", "Lab", Role::Other, None);
    tie(&mut b, "me", "bro", 4, 200);
    for i in 0..5 {
        let id = format!("f{i}");
        person(&mut b, &id, "Far", Role::Other, None);
        tie(&mut b, "bro", &id, 3, 10);
    }
    let n = b.build().unwrap();
    let r = stages::prospecting(&at(&n), &options()).unwrap();
    assert_eq!(r.size, 5);
    assert_eq!(r.people, 10);
    assert_eq!(r.two_step_reach, 10);
    // Six ties among five contacts: 6 / 10.
    assert_eq!(r.density, Some(0.6));
    let redundant: Vec<&str> = r.redundant_contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(redundant, ["k1", "k2", "k3", "k4"]);
    assert!(r.redundant_contacts.iter().all(|c| c.redundancy == 1.0 && c.shared_contacts == 3 && c.unique_reach == 0));
    assert_eq!(r.brokers.len(), 1);
    assert_eq!(r.brokers[0].id.as_str(), "bro");
    assert_eq!(r.brokers[0].new_contacts, 5);
    assert_eq!(r.brokers[0].unique_reach, 5);
    // Blau over 4 retail + 1 biotech: 1 - (0.8^2 + 0.2^2) = 0.32.
    assert!((r.diversity.unwrap() - 0.32).abs() < 1e-12);
    assert!(!r.verdict.enough);
    // The broker was last met 200 days ago: fading, to maintain.
    assert_eq!(r.maintain.len(), 1);
    assert_eq!(r.maintain[0].id.as_str(), "bro");
    assert_eq!(r.maintain[0].freshness, salesnet::Freshness::Fading);
}

/// A prospect where the owner's two contacts reach the decision makers only
/// through one middleman.
fn account_with_one_bridge() -> SalesNetworks {
    let mut b = firm();
    b.organization(Organization::new("Target Co", Relation::Prospect));
    person(&mut b, "u1", "Target Co", Role::User, Some("ops"));
    person(&mut b, "u2", "Target Co", Role::User, Some("ops"));
    person(&mut b, "mid", "Target Co", Role::Gatekeeper, Some("office"));
    person(&mut b, "ceo", "Target Co", Role::DecisionMaker, Some("board"));
    person(&mut b, "cfo", "Target Co", Role::DecisionMaker, Some("finance"));
    person(&mut b, "cto", "Target Co", Role::Influencer, Some("it"));
    person(&mut b, "far", "Target Co", Role::DecisionMaker, Some("legal"));
    tie(&mut b, "me", "u1", 3, 5);
    tie(&mut b, "me", "u2", 2, 5);
    tie(&mut b, "u1", "mid", 3, 5);
    tie(&mut b, "u2", "mid", 3, 5);
    tie(&mut b, "mid", "ceo", 4, 5);
    tie(&mut b, "mid", "cfo", 4, 5);
    tie(&mut b, "ceo", "cto", 1, 5);
    // "far" knows nobody: a gap, unreachable.
    b.build().unwrap()
}

#[test]
fn buy_in_finds_the_one_bridge_and_the_gaps() {
    let n = account_with_one_bridge();
    let r = stages::buy_in(&at(&n), "Target Co", &options()).unwrap();
    assert_eq!(r.people, 7);
    let dms: Vec<&str> = r.decision_makers.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(dms, ["ceo", "cfo", "far"]);
    let ceo = &r.decision_makers[0];
    assert!(ceo.reachable);
    let nodes: Vec<&str> = ceo.path.nodes.iter().map(|c| c.as_str()).collect();
    assert_eq!(nodes, ["me", "u1", "mid", "ceo"]);
    // 0.6 * 0.6 * 0.8
    assert!((ceo.path.strength - 0.288).abs() < 1e-12);
    assert!(!r.decision_makers[2].reachable);
    // The paths to ceo and cfo (0.288 each) run through u1 and mid: both
    // carry 0.576; the owner's own tie with u1 (0.6) ranks u1 first. cto is
    // four ties away: out of reach, and on nobody's path.
    let middlemen: Vec<&str> = r.middlemen.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(middlemen, ["u1", "mid"]);
    assert!((r.middlemen[1].score - 0.576).abs() < 1e-12);
    assert!(!r.influencers[0].reachable);
    // The owner has met no key person (u1 and u2 are users): all are gaps.
    let gaps: Vec<&str> = r.gaps.iter().map(|c| c.as_str()).collect();
    assert_eq!(gaps, ["ceo", "cfo", "far", "cto"]);
    assert!(!r.single_threaded);
    // coverage: ceo 0.288, cfo 0.288, far none, cto out of reach: none reach 0.3.
    assert_eq!(r.coverage, Some(0.0));
}

#[test]
fn solution_finds_the_bottleneck_colleague_and_the_isolated_one() {
    let mut b = firm();
    for (id, dept) in [
        ("s1", "sales"),
        ("s2", "sales"),
        ("e1", "engineering"),
        ("bridge", "engineering"),
        ("l1", "legal"),
        ("l2", "legal"),
        ("lone", "finance"),
    ] {
        person(&mut b, id, "Us", Role::Other, Some(dept));
    }
    for id in ["s1", "s2", "e1", "bridge", "lone"] {
        tie(&mut b, "me", id, 4, 5);
    }
    tie(&mut b, "s1", "s2", 3, 5);
    tie(&mut b, "s2", "e1", 3, 5);
    tie(&mut b, "e1", "bridge", 3, 5);
    tie(&mut b, "s1", "bridge", 3, 5);
    tie(&mut b, "bridge", "l1", 3, 5);
    tie(&mut b, "l1", "l2", 3, 5);
    let n = b.build().unwrap();
    let r = stages::solution(&at(&n), &options()).unwrap();
    assert_eq!(r.colleagues, 7);
    assert_eq!(r.bottlenecks[0].id.as_str(), "bridge");
    assert_eq!(r.bottlenecks[0].cut_off, 2); // l1 and l2; never the already separate "lone"
    let ids: Vec<&str> = r.bottlenecks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["bridge", "l1"]);
    let iso: Vec<&str> = r.isolated.iter().map(|c| c.as_str()).collect();
    assert_eq!(iso, ["lone"]);
    let legal = r.departments.iter().find(|d| d.department == "legal").unwrap();
    assert!(!legal.covered);
    let eng = r.departments.iter().find(|d| d.department == "engineering").unwrap();
    assert_eq!(eng.strong_ties, 2);
}

/// Customers around a prospect decision maker.
fn closing_portfolio() -> SalesNetworks {
    let mut b = firm();
    b.organization(Organization::new("Big", Relation::Customer).with_value(2_000_000.0));
    b.organization(Organization::new("Mid", Relation::Customer).with_value(300_000.0));
    b.organization(Organization::new("Small", Relation::Customer).with_value(20_000.0));
    b.organization(Organization::new("Small2", Relation::Customer).with_value(10_000.0));
    b.organization(Organization::new("Small3", Relation::Customer).with_value(5_000.0));
    b.organization(Organization::new("Prospect", Relation::Prospect));
    person(&mut b, "dm", "Prospect", Role::DecisionMaker, None);
    person(&mut b, "big", "Big", Role::DecisionMaker, None);
    person(&mut b, "old", "Big", Role::DecisionMaker, None);
    person(&mut b, "mid", "Mid", Role::Buyer, None);
    person(&mut b, "small", "Small", Role::User, None);
    // The lapsed one: the strongest tie and path on paper, but last met 2 years ago.
    tie(&mut b, "me", "old", 5, 730);
    tie(&mut b, "old", "dm", 5, 10);
    // The best: a fresh champion at the top customer, one step from the target.
    tie(&mut b, "me", "big", 4, 20);
    tie(&mut b, "big", "dm", 3, 20);
    // A fresh supporter at a mid customer, also one step.
    tie(&mut b, "me", "mid", 4, 20);
    tie(&mut b, "mid", "dm", 3, 20);
    // A small customer two steps away, through mid.
    tie(&mut b, "me", "small", 5, 5);
    tie(&mut b, "small", "mid", 2, 5);
    // The owner also knows the target: referees' paths must not use this tie.
    tie(&mut b, "me", "dm", 2, 5);
    b.build().unwrap()
}

#[test]
fn closing_ranks_the_best_referee_and_never_the_lapsed_one() {
    let n = closing_portfolio();
    let r = stages::closing(&at(&n), "dm", &options()).unwrap();
    let ids: Vec<&str> = r.referees.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids[0], "big");
    assert!(!ids.contains(&"old"));
    assert_eq!(r.lapsed_referees.len(), 1);
    assert_eq!(r.lapsed_referees[0].id.as_str(), "old");
    let big = &r.referees[0];
    assert!(big.top_customer);
    assert!((big.score - 0.8 * 0.6).abs() < 1e-12);
    let mid = r.referees.iter().find(|x| x.id.as_str() == "mid").unwrap();
    assert!(!mid.top_customer);
    assert!((mid.score - 0.8 * 0.6 * 0.75).abs() < 1e-12);
    for x in &r.referees {
        assert!(!x.path.nodes.iter().any(|c| c.as_str() == "me"), "path through the owner");
        assert_eq!(x.path.nodes.last().unwrap().as_str(), "dm");
        assert_eq!(x.path.nodes.first().unwrap(), &x.id);
    }
    // "small" does not know dm: no referee (a referee vouches in person).
    let ids: Vec<&str> = r.referees.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["big", "mid"]);
    // The lapsed tie is to be maintained.
    assert!(r.maintain.iter().any(|m| m.id.as_str() == "old" && m.freshness == salesnet::Freshness::Lapsed));
}

#[test]
fn reports_serialize_with_the_documented_keys() {
    let n = closing_portfolio();
    let o = options();
    let cases = [
        (
            StageRequest::Prospecting,
            &[
                "stage",
                "network",
                "size",
                "density",
                "effective_size",
                "efficiency",
                "constraint",
                "diversity",
                "two_step_reach",
                "redundant_contacts",
                "brokers",
                "recommendations",
                "maintain",
            ][..],
        ),
        (
            StageRequest::BuyIn { account: "Prospect".into() },
            &[
                "stage",
                "network",
                "account",
                "decision_makers",
                "influencers",
                "coverage",
                "middlemen",
                "gaps",
                "recommendations",
                "maintain",
            ][..],
        ),
        (
            StageRequest::Solution,
            &["stage", "network", "density", "departments", "bottlenecks", "isolated", "recommendations", "maintain"][..],
        ),
        (
            StageRequest::Closing { target: salesnet::ContactId::new("dm").unwrap() },
            &["stage", "network", "target", "referees", "recommendations", "maintain"][..],
        ),
    ];
    for (req, keys) in cases {
        let report = stages::report(&at(&n), &req, &o).unwrap();
        let v = serde_json::to_value(&report).unwrap();
        for k in keys {
            assert!(v.get(k).is_some(), "{:?} lacks `{k}`", req.stage());
        }
        assert_eq!(v["stage"], req.stage().as_str());
        assert_eq!(v["network"], req.stage().network().as_str());
        assert!(!report.to_string().is_empty());
        assert!(matches!(
            (&report, &req),
            (StageReport::Prospecting(_), StageRequest::Prospecting)
                | (StageReport::BuyIn(_), StageRequest::BuyIn { .. })
                | (StageReport::Solution(_), StageRequest::Solution)
                | (StageReport::Closing(_), StageRequest::Closing { .. })
        ));
    }
    let v = serde_json::to_value(stages::closing(&at(&n), "dm", &o).unwrap()).unwrap();
    assert!(v["referees"][0]["path"]["nodes"].is_array());
    assert!(v["referees"][0]["path"]["strength"].is_number());
    assert!(v["referees"][0]["score"].is_number());
    let v = serde_json::to_value(stages::buy_in(&at(&n), "Prospect", &o).unwrap()).unwrap();
    assert_eq!(v["decision_makers"][0]["reachable"], true);
}

#[test]
fn unknown_account_and_target_are_errors() {
    let n = closing_portfolio();
    assert!(stages::buy_in(&at(&n), "Nobody", &options()).is_err());
    assert!(stages::buy_in(&at(&n), "Us", &options()).is_err());
    assert!(matches!(stages::closing(&at(&n), "ghost", &options()), Err(salesnet::Error::UnknownNode { .. })));
}
