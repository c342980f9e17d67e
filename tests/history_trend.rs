//! Trends over time from a planted history, and the dynamic GEXF timeline.

use std::path::Path;

use salesnet::history::{
    InferOptions, ParticipantIndex, TimelineOptions, Unmatched, enrich, history_gexf, read_interactions_from,
};
use salesnet::jiff::civil::date;
use salesnet::stages::{Period, StageOptions, trend};
use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

fn networks() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own))
        .organization(Organization::new("Market", Relation::Other))
        .organization(Organization::new("Globex", Relation::Prospect));
    for (id, org, role) in [
        ("me", "Acme", Role::Owner),
        ("m1", "Market", Role::Other),
        ("m2", "Market", Role::Other),
        ("ceo", "Globex", Role::DecisionMaker),
    ] {
        b.contact(Contact::new(id, format!("Name of {id}"), org, role).unwrap());
    }
    b.tie(Tie::new("me", "m2", RelationshipLevel::MET).unwrap().with_last_contact(date(2025, 2, 20)));
    b.tie(Tie::new("me", "ceo", RelationshipLevel::REMOTE).unwrap().with_last_contact(date(2025, 12, 1)));
    b.build().unwrap()
}

const LOG: &str = "date,kind,from,to\n\
    2026-01-05,meeting,me,m1\n\
    2026-01-20,meeting,me,ceo\n\
    2026-02-10,visit,ceo,me\n";

#[test]
fn planted_history_appears_warms_and_lapses() {
    let n = networks();
    let index = ParticipantIndex::from_networks(&n, Unmatched::Report);
    let mut read = read_interactions_from(LOG.as_bytes(), Path::new("i.csv"), index, InferOptions::default()).unwrap();
    let report = trend(
        |d| enrich(&n, &mut read, d).map(|e| e.networks),
        date(2025, 12, 31),
        date(2026, 2, 28),
        Period::Month,
        &DecayPolicy::default(),
        &StageOptions::new(),
    )
    .unwrap();
    let dates: Vec<_> = report.points.iter().map(|p| p.date).collect();
    assert_eq!(dates, vec![date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)]);
    // Market: m2 (last met 314 days before the first date) is too faint to count as a
    // connection (DOMAIN.md: only live ties of strength 0.2 or more), m1 joins in January
    // and stays; m2 lapses by February.
    assert_eq!(report.points[0].market.active_contacts, 0);
    assert_eq!(report.points[1].market.active_contacts, 1);
    assert_eq!(report.points[2].market.active_contacts, 1);
    let ids = |v: &[salesnet::stages::TieChange]| v.iter().map(|t| t.id.to_string()).collect::<Vec<_>>();
    let c = &report.changes;
    assert_eq!(ids(&c.appeared), vec!["m1"]);
    assert_eq!(ids(&c.lapsed), vec!["m2"]);
    // The CEO's typed level 1 stays 1 (typed wins) but the tie is fresher: warmed? It was fresh already,
    // so it neither warmed nor cooled.
    assert!(ids(&c.warmed).is_empty() && ids(&c.cooled).is_empty());
    assert_eq!(report.points[2].accounts[0].organization, "Globex");
    assert!(Period::Quarter.as_str() == "quarter" && "fortnight".parse::<Period>().is_err());
    assert!(
        trend(
            |_| Ok(n.clone()),
            date(2026, 1, 2),
            date(2026, 1, 1),
            Period::Month,
            &DecayPolicy::default(),
            &StageOptions::new()
        )
        .is_err()
    );
}

#[test]
fn timeline_spells_and_levels() {
    let n = networks();
    let index = ParticipantIndex::from_networks(&n, Unmatched::Report);
    let read = read_interactions_from(LOG.as_bytes(), Path::new("i.csv"), index, InferOptions::default()).unwrap();
    let mut inference = read.inference;
    let dates = [date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 28), date(2027, 3, 1)];
    let xml = history_gexf(&mut inference, &read.participants, &dates, &|_| None, &TimelineOptions::default());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let edges: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("edge")).collect();
    assert_eq!(edges.len(), 2);
    let spells = |e: &roxmltree::Node<'_, '_>| {
        e.descendants()
            .filter(|n| n.has_tag_name("spell"))
            .map(|s| (s.attribute("start").unwrap().to_string(), s.attribute("end").unwrap().to_string()))
            .collect::<Vec<_>>()
    };
    // me-m1: met 5 January; active from the 31 January sample until the 2027 sample (lapsed by then).
    let m1 = edges.iter().find(|e| e.attribute("target") == Some("m1") || e.attribute("source") == Some("m1")).unwrap();
    assert_eq!(spells(m1), vec![("2026-01-31".to_string(), "2027-02-28".to_string())]);
    let levels: Vec<_> =
        m1.descendants().filter(|n| n.has_tag_name("attvalue")).map(|a| a.attribute("value").unwrap()).collect();
    assert_eq!(levels, vec!["2"]);
}
