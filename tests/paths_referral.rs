//! Referral paths on a small portfolio whose answers are worked out by hand.

use jiff::civil::{Date, date};
use salesnet::graph::Cost;
use salesnet::paths::{PathOptions, ReferralOptions, ReferralPath, best_path, referral_paths, referral_paths_many};
use salesnet::{
    Contact, DecayPolicy, Error, Freshness, NetworkKind, Organization, Relation, RelationshipLevel, Role,
    SalesNetworks, Tie,
};

fn lvl(n: u8) -> RelationshipLevel {
    RelationshipLevel::new(n).unwrap()
}

/// Strengths as of 2025-01-01 under the default policy (level / 5, undated
/// ties at their level) are in the comments.
fn portfolio() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own))
        .organization(Organization::new("Globex", Relation::Customer))
        .organization(Organization::new("Initech", Relation::Prospect))
        .organization(Organization::new("Consult", Relation::Other));
    for (id, org, role) in [
        ("me", "Acme", Role::Owner),
        ("col", "Acme", Role::Other),
        ("ref1", "Globex", Role::DecisionMaker),
        ("ref2", "Globex", Role::User),
        ("ceo", "Initech", Role::DecisionMaker),
        ("cfo", "Initech", Role::DecisionMaker),
        ("con", "Consult", Role::Other),
    ] {
        b.contact(Contact::new(id, format!("Name of {id}"), org, role).unwrap());
    }
    let d = |y, m, d| date(y, m, d);
    b.tie(Tie::new("me", "ref1", lvl(5)).unwrap().with_last_contact(d(2024, 12, 1))) // 1.0, fresh
        .tie(Tie::new("ref1", "ceo", lvl(4)).unwrap()) // 0.8, undated
        .tie(Tie::new("me", "con", lvl(3)).unwrap()) // 0.6
        .tie(Tie::new("con", "ceo", lvl(5)).unwrap()) // 1.0
        .tie(Tie::new("me", "col", lvl(5)).unwrap()) // 1.0
        .tie(Tie::new("col", "cfo", lvl(2)).unwrap()) // 0.4
        .tie(Tie::new("ref2", "cfo", lvl(5)).unwrap()) // 1.0
        .tie(Tie::new("me", "ref2", lvl(1)).unwrap().with_last_contact(d(2024, 1, 1))) // lapsed: 0
        .tie(Tie::new("ceo", "cfo", lvl(3)).unwrap()); // 0.6
    b.build().unwrap()
}

const AS_OF: Date = date(2025, 1, 1);

/// The portfolio as of the test date.
fn at(n: &SalesNetworks) -> salesnet::AsOf<'_> {
    n.at(AS_OF, &DecayPolicy::default())
}

fn ids(p: &ReferralPath) -> Vec<&str> {
    p.nodes.iter().map(|c| c.as_str()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn strongest_chain_with_its_explanation() {
    let n = portfolio();
    let paths = referral_paths(&at(&n), "me", "ceo", &ReferralOptions::new()).unwrap();
    assert_eq!(paths.len(), 1);
    let p = &paths[0];
    assert_eq!(ids(p), ["me", "ref1", "ceo"]);
    assert!(close(p.strength, 0.8) && close(p.cost, -(0.8f64.ln())));
    let h = &p.hops[0];
    assert_eq!((h.from.as_str(), h.to.as_str(), h.name.as_str()), ("me", "ref1", "Name of ref1"));
    assert_eq!((h.organization.as_str(), h.role, h.level.get()), ("Globex", Role::DecisionMaker, 5));
    assert_eq!((h.last_contact, h.freshness), (Some(date(2024, 12, 1)), Freshness::Fresh));
    assert!(close(h.strength, 1.0));
    assert_eq!((p.hops[1].freshness, p.hops[1].last_contact), (Freshness::Undated, None));
    assert!(close(p.hops[1].strength, 0.8));
    let text = p.explain();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.starts_with("me -> ref1 -> ceo: 2 hops"), "{text}");
    assert!(
        text.contains("1. me -> ref1: Name of ref1 (Globex, decision_maker), level 5, last contact 2024-12-01 (fresh)")
    );
    let json = serde_json::to_value(p).unwrap();
    assert_eq!(json["hops"][0]["freshness"], "fresh");
    assert_eq!(json["nodes"][2], "ceo");
}

#[test]
fn k_alternatives_in_order_of_strength() {
    let n = portfolio();
    let paths = referral_paths(&at(&n), "me", "ceo", &ReferralOptions::new().k(10)).unwrap();
    let got: Vec<(Vec<&str>, f64)> = paths.iter().map(|p| (ids(p), p.strength)).collect();
    // The lapsed me - ref2 tie is unusable.
    let want = [
        (vec!["me", "ref1", "ceo"], 0.8),
        (vec!["me", "con", "ceo"], 0.6),
        (vec!["me", "col", "cfo", "ceo"], 0.4 * 0.6),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((g, gs), (w, ws)) in got.iter().zip(&want) {
        assert_eq!(g, w);
        assert!(close(*gs, *ws));
    }
    // The hop count orders them instead under the hops cost.
    let hops = referral_paths(&at(&n), "me", "ceo", &ReferralOptions::new().k(10).cost(Cost::Hops)).unwrap();
    assert_eq!(hops.iter().map(|p| p.cost).collect::<Vec<_>>(), [2.0, 2.0, 3.0]);
}

#[test]
fn constraints_restrict_the_chain() {
    let n = portfolio();
    let best = |o: ReferralOptions, from: &str, to: &str| -> Option<Vec<String>> {
        referral_paths(&at(&n), from, to, &o).unwrap().first().map(|p| p.nodes.iter().map(|c| c.to_string()).collect())
    };
    let o = || ReferralOptions::new();
    assert_eq!(best(o().min_level(lvl(5)), "me", "ceo"), None);
    assert_eq!(best(o().min_strength(0.9), "me", "ceo"), None);
    assert_eq!(best(o().min_strength(0.6), "me", "ceo").unwrap(), ["me", "ref1", "ceo"]);
    assert_eq!(best(o().avoid_organizations(["Globex"]), "me", "ceo").unwrap(), ["me", "con", "ceo"]);
    assert_eq!(best(o().avoid_contacts(["ref1", "con"]), "me", "ceo").unwrap(), ["me", "col", "cfo", "ceo"]);
    assert_eq!(
        best(o().through_networks([NetworkKind::Internal, NetworkKind::Prospect]), "me", "ceo").unwrap(),
        ["me", "col", "cfo", "ceo"]
    );
    assert_eq!(best(o().through_networks([NetworkKind::Internal]), "me", "ceo"), None);
    assert_eq!(best(o().max_hops(1), "me", "ceo"), None);
    // A referee's own path: col reaches ceo best through the owner, unless that is forbidden.
    assert_eq!(best(o(), "col", "ceo").unwrap(), ["col", "me", "ref1", "ceo"]);
    assert_eq!(best(o().not_through_owner(), "col", "ceo").unwrap(), ["col", "cfo", "ceo"]);
    // The owner may still be an end.
    assert_eq!(best(o().not_through_owner(), "me", "ceo").unwrap(), ["me", "ref1", "ceo"]);
    // The ends are never restricted.
    assert_eq!(best(o().avoid_contacts(["ceo"]), "me", "ceo").unwrap(), ["me", "ref1", "ceo"]);
}

#[test]
fn strengths_are_taken_as_of_the_date() {
    let n = portfolio();
    // By 2026 the me - ref1 tie (last met 2024-12-01) has lapsed.
    let later =
        referral_paths(&n.at(date(2026, 1, 1), &DecayPolicy::default()), "me", "ceo", &ReferralOptions::new()).unwrap();
    assert_eq!(ids(&later[0]), ["me", "con", "ceo"]);
    // A policy that keeps ties longer brings it back.
    let policy = DecayPolicy::with_days(400, 500, 800).unwrap();
    let kept = referral_paths(&n.at(date(2026, 1, 1), &policy), "me", "ceo", &ReferralOptions::new()).unwrap();
    assert_eq!(ids(&kept[0]), ["me", "ref1", "ceo"]);
}

#[test]
fn many_sources_and_targets_in_one_search() {
    let n = portfolio();
    let o = ReferralOptions::new().not_through_owner();
    let got = referral_paths_many(&at(&n), &["ref1", "ref2"], &["ceo", "cfo", "col", "ref2"], &o).unwrap();
    let found: Vec<Option<Vec<&str>>> = got.iter().map(|p| p.as_ref().map(ids)).collect();
    assert_eq!(
        found,
        [Some(vec!["ref1", "ceo"]), Some(vec!["ref2", "cfo"]), Some(vec!["ref2", "cfo", "col"]), Some(vec!["ref2"]),]
    );
    // From the owner to every decision maker of the account.
    let dms: Vec<&str> = n.contacts().filter(|c| c.organization == "Initech").map(|c| c.id.as_str()).collect();
    let got = referral_paths_many(&at(&n), &["me"], &dms, &ReferralOptions::new()).unwrap();
    assert_eq!(got[0].as_ref().map(ids).unwrap(), ["me", "ref1", "ceo"]);
    // cfo: me-col-cfo 0.4, me-ref1-ceo-cfo 0.48, me-con-ceo-cfo 0.36.
    assert_eq!(got[1].as_ref().map(ids).unwrap(), ["me", "ref1", "ceo", "cfo"]);
}

#[test]
fn agrees_with_the_snapshot_of_the_whole_portfolio() {
    let n = portfolio();
    let g = at(&n).snapshot(&n.whole(), salesnet::graph::Ties::All).into_snapshot();
    for cost in [Cost::Hops, Cost::Inverse, Cost::NegLog] {
        for a in n.contacts() {
            for b in n.contacts() {
                let o = ReferralOptions::new().cost(cost);
                let r = referral_paths(&at(&n), a.id.as_str(), b.id.as_str(), &o).unwrap();
                let s = best_path(&g, a.id.as_str(), b.id.as_str(), &PathOptions::new().cost(cost)).unwrap();
                assert_eq!(r.first().map(|p| p.cost), s.map(|p| p.cost), "{cost} {} -> {}", a.id, b.id);
            }
        }
    }
}

#[test]
fn unknown_ids_are_errors() {
    let n = portfolio();
    let o = ReferralOptions::new();
    match referral_paths(&at(&n), "me", "nobody", &o) {
        Err(Error::UnknownContact { id, location }) => {
            assert_eq!(id, "nobody");
            assert_eq!(location.field.as_deref(), Some("to"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        referral_paths(&at(&n), "me", "ceo", &o.clone().avoid_contacts(["x"])),
        Err(Error::UnknownContact { .. })
    ));
    assert!(matches!(
        referral_paths(&at(&n), "me", "ceo", &o.clone().avoid_organizations(["Nope"])),
        Err(Error::UnknownOrganization { .. })
    ));
    assert!(matches!(referral_paths_many(&at(&n), &["zz"], &["ceo"], &o), Err(Error::UnknownContact { .. })));
    assert!(referral_paths(&at(&n), "me", "ceo", &o.min_strength(f64::NAN)).is_err());
}
