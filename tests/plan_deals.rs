//! The plan takes deals and the relationship history into account: the
//! actions for open deals' key people come first, by deal amount and step
//! (issue 14), and an overdue tie to a key person is a `maintain` action due
//! now (issue 12). Hand-built portfolios whose answers are known.

use std::path::Path;

use jiff::civil::{Date, date};
use salesnet::history::{InferOptions, ParticipantIndex, Unmatched, enrich, read_interactions_from};
use salesnet::stages::{self, ActionKind, PlanOptions, PlanReport, StageOptions};
use salesnet::{
    Contact, Deal, DealStatus, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks,
    SalesNetworksBuilder, Step, Tie,
};

const AS_OF: Date = date(2026, 11, 1);

fn ago(days: i64) -> Date {
    AS_OF.checked_sub(jiff::Span::new().days(days)).unwrap()
}

fn plan(n: &SalesNetworks, days: u32) -> PlanReport {
    stages::plan(&n.at(AS_OF, &DecayPolicy::default()), &StageOptions::new(), &PlanOptions::new().days(days)).unwrap()
}

fn firm() -> SalesNetworksBuilder {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Us", Relation::Own))
        .contact(Contact::new("me", "Mona Seller", "Us", Role::Owner).unwrap());
    b
}

fn deal(id: &str, org: &str, step: Step, amount: Option<f64>) -> Deal {
    let d = Deal::new(id, org, "me", step, ago(30)).unwrap().with_step_since(ago(10));
    match amount {
        Some(a) => d.with_amount(a),
        None => d,
    }
}

/// Five accounts, each with a decision maker the salesperson has never
/// met (a `meet` action due now), four of them with an open deal.
fn accounts() -> SalesNetworks {
    let mut b = firm();
    for (org, relation) in [
        ("Soylent", Relation::Prospect),
        ("Globex", Relation::Prospect),
        ("Hooli", Relation::Customer),
        ("Initech", Relation::Prospect),
        ("Wayne", Relation::Prospect),
        ("Tyrell", Relation::Prospect),
    ] {
        b.organization(Organization::new(org, relation));
        let id = format!("{}_ceo", org.to_lowercase());
        b.contact(Contact::new(&id, format!("{org} Chief"), org, Role::DecisionMaker).unwrap());
    }
    // Initech is the largest; Wayne and Hooli are worth the same and Wayne
    // is further on; Globex is small; Tyrell's deal has no amount; Soylent
    // has none open (its deal was lost).
    b.deal(deal("d_globex", "Globex", Step::Proposal, Some(10_000.0)));
    b.deal(deal("d_hooli", "Hooli", Step::Proposal, Some(50_000.0)));
    b.deal(deal("d_initech", "Initech", Step::Introduced, Some(90_000.0)));
    b.deal(deal("d_wayne", "Wayne", Step::Negotiating, Some(50_000.0)));
    b.deal(deal("d_tyrell", "Tyrell", Step::Negotiating, None));
    b.deal(deal("d_soylent", "Soylent", Step::Paid, Some(1_000_000.0)).with_status(DealStatus::Lost));
    b.build().unwrap()
}

#[test]
fn actions_for_open_deals_come_first_by_amount_and_step() {
    let p = plan(&accounts(), 14);
    let order: Vec<(&str, Option<&str>)> =
        p.actions.iter().map(|a| (a.id.as_str(), a.deal.as_ref().map(|d| d.as_str()))).collect();
    assert_eq!(
        order,
        [
            ("initech_ceo", Some("d_initech")),
            ("wayne_ceo", Some("d_wayne")),
            ("hooli_ceo", Some("d_hooli")),
            ("globex_ceo", Some("d_globex")),
            ("tyrell_ceo", Some("d_tyrell")),
            ("soylent_ceo", None),
        ]
    );
    // All are meetings due now: the contract's order by due date holds.
    assert!(p.actions.iter().all(|a| a.due == AS_OF && a.action == ActionKind::Meet && !a.overdue));
    // A customer with an open deal (an upsell) is an account of the plan too.
    assert_eq!(p.actions[2].organization, "Hooli");
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["actions"][0]["deal"], "d_initech");
    assert_eq!(json["actions"][5]["deal"], serde_json::Value::Null);
    assert!(p.to_string().contains("(Initech, deal d_initech)"), "{p}");
}

#[test]
fn the_due_date_still_orders_the_plan() {
    // A lapsed champion at a market firm is due now, like the deal's
    // meeting, and comes after it; a fading supporter was due 20 days ago
    // and comes before both.
    let mut b = firm();
    b.organization(Organization::new("Acct", Relation::Prospect))
        .organization(Organization::new("Market", Relation::Other));
    b.contact(Contact::new("ceo", "Acct Chief", "Acct", Role::DecisionMaker).unwrap())
        .contact(Contact::new("fan", "Old Fan", "Market", Role::Other).unwrap())
        .contact(Contact::new("sup", "Fading Supporter", "Market", Role::Other).unwrap());
    b.tie(Tie::new("me", "fan", RelationshipLevel::CHAMPION).unwrap().with_last_contact(ago(400)));
    b.tie(Tie::new("me", "sup", RelationshipLevel::SUPPORTER).unwrap().with_last_contact(ago(112)));
    b.deal(deal("d1", "Acct", Step::Proposal, Some(5_000.0)));
    let p = plan(&b.build().unwrap(), 14);
    let order: Vec<(&str, ActionKind, Date)> = p.actions.iter().map(|a| (a.id.as_str(), a.action, a.due)).collect();
    assert_eq!(
        order,
        [
            ("sup", ActionKind::Maintain, ago(20)),
            ("ceo", ActionKind::Meet, AS_OF),
            ("fan", ActionKind::Reconnect, AS_OF)
        ]
    );
}

/// Initech's influencer met weekly until 70 days ago (a rhythm of 7 days,
/// silent for 10 gaps: overdue, though the tie is still fresh); its
/// decision maker monthly until 20 days ago (not overdue).
fn history() -> (SalesNetworks, String) {
    let mut b = firm();
    b.organization(Organization::new("Initech", Relation::Prospect));
    b.contact(Contact::new("cto", "Ian Tech", "Initech", Role::Influencer).unwrap())
        .contact(Contact::new("ceo", "Ida Chief", "Initech", Role::DecisionMaker).unwrap());
    b.deal(deal("d1", "Initech", Step::Proposal, Some(40_000.0)));
    let mut log = String::from("date,kind,from,to\n");
    for week in 0..20 {
        log.push_str(&format!("{},meeting,me,cto\n", ago(70 + 7 * (19 - week))));
    }
    for month in 0..6 {
        log.push_str(&format!("{},meeting,me,ceo\n", ago(20 + 30 * (5 - month))));
    }
    (b.build().unwrap(), log)
}

#[test]
fn an_overdue_tie_to_a_key_person_is_a_maintain_action_due_now() {
    let (n, log) = history();
    let index = ParticipantIndex::from_networks(&n, Unmatched::Report);
    let mut read = read_interactions_from(log.as_bytes(), Path::new("i.csv"), index, InferOptions::default()).unwrap();
    let enriched = enrich(&n, &mut read, AS_OF).unwrap().networks;
    // The deals survive the enrichment.
    assert_eq!(enriched.deals(), n.deals());
    let cto = enriched.tie("me", "cto").unwrap();
    assert_eq!((cto.attributes.get("median_gap_days"), cto.attributes.get("overdue")), (Some("7"), Some("true")));
    assert_eq!(cto.last_contact, Some(ago(70)));
    let ceo = enriched.tie("me", "ceo").unwrap();
    assert_eq!(ceo.attributes.get("overdue"), Some("false"));

    let p = plan(&enriched, 14);
    let ids: Vec<&str> = p.actions.iter().map(|a| a.id.as_str()).collect();
    // The CEO's tie is fresh and on rhythm: due in 72 days, outside the window.
    assert_eq!(ids, ["cto"]);
    let a = &p.actions[0];
    assert_eq!((a.action, a.due, a.overdue), (ActionKind::Maintain, AS_OF, false));
    assert_eq!(a.deal.as_ref().map(|d| d.as_str()), Some("d1"));
    assert!(
        a.reason.contains("every 7 days") && a.reason.contains("70 days") && a.reason.contains("overdue"),
        "{}",
        a.reason
    );

    // A larger factor: not overdue, and the fresh tie's cadence (due in 22
    // days) is outside the window.
    let relaxed = stages::plan(
        &enriched.at(AS_OF, &DecayPolicy::default()),
        &StageOptions::new(),
        &PlanOptions::new().days(14).overdue_factor(12.0),
    )
    .unwrap();
    assert!(relaxed.actions.is_empty(), "{relaxed}");
    // The same typed tie without a history has no rhythm: the cadence only.
    let mut typed = n.to_builder();
    typed.tie(Tie::new("me", "cto", RelationshipLevel::RAPPORT).unwrap().with_last_contact(ago(70)));
    typed.tie(Tie::new("me", "ceo", RelationshipLevel::RAPPORT).unwrap().with_last_contact(ago(20)));
    let p = plan(&typed.build().unwrap(), 30);
    let cto = p.actions.iter().find(|a| a.id.as_str() == "cto").unwrap();
    assert_eq!((cto.action, cto.due), (ActionKind::Maintain, ago(70 - 92)));
}
