//! The funnel with known answers: diagnoses, stuck deals, each deal's
//! relationships, customers.

use salesnet::jiff::ToSpan;
use salesnet::jiff::civil::{Date, date};
use salesnet::stages::{DealAction, DiagnosisCode, FunnelOptions, FunnelThresholds, Salespeople, funnel, pipeline};
use salesnet::{
    Contact, Deal, DealStatus, Freshness, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Step, Tie,
};

const AS_OF: Date = date(2025, 6, 30);

/// The portfolio as of the test date.
fn at(n: &salesnet::SalesNetworks) -> salesnet::AsOf<'_> {
    n.at(AS_OF, &salesnet::DecayPolicy::default())
}

/// `n` deals of `owner` at `step` with `status`.
fn deals(owner: &str, step: Step, status: DealStatus, n: usize, tag: &str) -> Vec<Deal> {
    (0..n)
        .map(|i| {
            Deal::new(&format!("{owner}-{tag}-{i}"), "Globex", owner, step, date(2025, 1, 1))
                .expect("valid ids")
                .with_status(status)
        })
        .collect()
}

fn codes(deals: &[Deal]) -> Vec<DiagnosisCode> {
    pipeline(deals, &FunnelThresholds::default()).diagnoses.iter().map(|d| d.code).collect()
}

#[test]
fn not_prospecting_rep() {
    // One new contact, three deals in negotiation.
    let mut d = deals("ann", Step::NewContact, DealStatus::Open, 1, "a");
    d.extend(deals("ann", Step::Introduced, DealStatus::Open, 1, "b"));
    d.extend(deals("ann", Step::Negotiating, DealStatus::Open, 3, "c"));
    let p = pipeline(&d, &FunnelThresholds::default());
    let dx = p.diagnoses.iter().find(|x| x.code == DiagnosisCode::NotProspecting).expect("not prospecting");
    assert_eq!((dx.from_count, dx.to_count, dx.threshold), (1, 3, 1.0));
    assert_eq!(dx.value, Some(1.0 / 3.0));
    assert!(!codes(&d).contains(&DiagnosisCode::WeakProposals));
}

#[test]
fn weak_proposals_rep() {
    // Ten deals reached `introduced`, two of them a proposal.
    let mut d = deals("bob", Step::NewContact, DealStatus::Open, 8, "a");
    d.extend(deals("bob", Step::Introduced, DealStatus::Open, 4, "b"));
    d.extend(deals("bob", Step::Introduced, DealStatus::Lost, 4, "c"));
    d.extend(deals("bob", Step::Proposal, DealStatus::Open, 1, "d"));
    d.extend(deals("bob", Step::Proposal, DealStatus::Lost, 1, "e"));
    let p = pipeline(&d, &FunnelThresholds::default());
    assert_eq!(p.reached[&Step::Introduced], 10);
    assert_eq!(p.reached[&Step::Proposal], 2);
    assert_eq!(p.conversion[1].rate, Some(0.2));
    assert_eq!(codes(&d), vec![DiagnosisCode::WeakProposals]);
    let dx = &p.diagnoses[0];
    assert_eq!((dx.from_count, dx.to_count, dx.value, dx.threshold), (10, 2, Some(0.2), 0.5));
}

#[test]
fn weak_negotiation_and_not_shrinking() {
    let mut d = deals("cat", Step::NewContact, DealStatus::Open, 9, "a");
    d.extend(deals("cat", Step::Introduced, DealStatus::Open, 6, "b"));
    d.extend(deals("cat", Step::Proposal, DealStatus::Open, 2, "c"));
    d.extend(deals("cat", Step::Negotiating, DealStatus::Open, 3, "d"));
    d.extend(deals("cat", Step::Negotiating, DealStatus::Lost, 5, "e"));
    d.extend(deals("cat", Step::Paid, DealStatus::Won, 1, "f"));
    let p = pipeline(&d, &FunnelThresholds::default());
    // 9 reached negotiating, 1 signed.
    assert_eq!(p.conversion[3].reached_from, 9);
    assert_eq!(p.conversion[3].reached_to, 1);
    assert_eq!(codes(&d), vec![DiagnosisCode::WeakNegotiation, DiagnosisCode::NotShrinking]);
    let s = &p.diagnoses[1];
    assert_eq!((s.from_step, s.to_step, s.from_count, s.to_count), (Step::Proposal, Step::Negotiating, 2, 3));
}

#[test]
fn healthy_funnel_has_no_diagnosis() {
    let mut d = deals("dan", Step::NewContact, DealStatus::Open, 10, "a");
    d.extend(deals("dan", Step::Introduced, DealStatus::Open, 6, "b"));
    d.extend(deals("dan", Step::Proposal, DealStatus::Open, 4, "c"));
    d.extend(deals("dan", Step::Proposal, DealStatus::Lost, 1, "d"));
    d.extend(deals("dan", Step::Negotiating, DealStatus::Open, 2, "e"));
    d.extend(deals("dan", Step::Negotiating, DealStatus::Lost, 1, "f"));
    d.extend(deals("dan", Step::Contracted, DealStatus::Open, 1, "g"));
    d.extend(deals("dan", Step::Paid, DealStatus::Won, 4, "h"));
    let p = pipeline(&d, &FunnelThresholds::default());
    assert!(p.diagnoses.is_empty(), "{:?}", p.diagnoses);
    assert_eq!((p.open, p.won, p.lost), (23, 4, 2));
    assert_eq!(p.steps.values().copied().collect::<Vec<_>>(), vec![10, 6, 4, 2, 1, 0]);
    // Conversion counts every deal that reached the step: 8 reached
    // negotiating (2 open, 1 lost, 1 contracted, 4 paid), 5 signed.
    assert_eq!(p.conversion[3].rate, Some(5.0 / 8.0));
}

#[test]
fn team_of_reps_each_diagnosed() {
    // The team's funnel and each rep's are judged apart.
    let mut all = deals("ann", Step::NewContact, DealStatus::Open, 1, "a");
    all.extend(deals("ann", Step::Negotiating, DealStatus::Open, 3, "b"));
    all.extend(deals("dan", Step::NewContact, DealStatus::Open, 10, "a"));
    all.extend(deals("dan", Step::Introduced, DealStatus::Open, 6, "b"));
    let ann: Vec<Deal> = all.iter().filter(|d| d.owner.as_str() == "ann").cloned().collect();
    let dan: Vec<Deal> = all.iter().filter(|d| d.owner.as_str() == "dan").cloned().collect();
    assert!(codes(&ann).contains(&DiagnosisCode::NotProspecting));
    assert!(!codes(&dan).contains(&DiagnosisCode::NotProspecting));
    assert!(!codes(&all).contains(&DiagnosisCode::NotProspecting));
}

/// A portfolio with three accounts, five customers and one salesperson.
fn portfolio() -> SalesNetworks {
    let level = |l: u8| RelationshipLevel::new(l).expect("level");
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own))
        .organization(Organization::new("Globex", Relation::Prospect))
        .organization(Organization::new("Initech", Relation::Prospect))
        .organization(Organization::new("Hooli", Relation::Customer).with_value(100.0))
        .organization(Organization::new("Umbrella", Relation::Customer).with_value(10.0))
        .organization(Organization::new("Stark", Relation::Customer).with_value(5.0))
        .organization(Organization::new("Wayne", Relation::Customer).with_value(3.0))
        .organization(Organization::new("Tyrell", Relation::Customer).with_value(2.0));
    let people = [
        ("me", "Ann Seller", "Acme", Role::Owner),
        ("g_ceo", "Gina CEO", "Globex", Role::DecisionMaker),
        ("g_cto", "Gus CTO", "Globex", Role::Influencer),
        ("g_buy", "Gail Buyer", "Globex", Role::Buyer),
        ("i_ceo", "Ian CEO", "Initech", Role::DecisionMaker),
        ("i_user", "Ida User", "Initech", Role::User),
        ("h_vp", "Hal VP", "Hooli", Role::Other),
        ("u_cfo", "Una CFO", "Umbrella", Role::DecisionMaker),
        ("s_cio", "Sam CIO", "Stark", Role::Other),
    ];
    for (id, name, org, role) in people {
        b.contact(Contact::new(id, name, org, role).expect("contact"));
    }
    let ties = [
        ("me", "g_buy", 3),
        ("me", "g_cto", 4),
        ("g_cto", "g_ceo", 4),
        ("me", "i_user", 3),
        ("i_user", "i_ceo", 1),
        ("h_vp", "i_ceo", 5),
        ("me", "h_vp", 4),
    ];
    for (a, z, l) in ties {
        b.tie(Tie::new(a, z, level(l)).expect("tie"));
    }
    // A tie last met 200 days ago: fading.
    b.tie(Tie::new("me", "u_cfo", level(2)).expect("tie").with_last_contact(AS_OF - 200.days()));
    for d in portfolio_deals() {
        b.deal(d);
    }
    b.build().expect("valid portfolio")
}

fn portfolio_deals() -> Vec<Deal> {
    vec![
        Deal::new("d1", "Globex", "me", Step::Proposal, date(2025, 3, 1))
            .expect("deal")
            .with_amount(50_000.0)
            .with_step_since(date(2025, 5, 1)),
        Deal::new("d2", "Initech", "me", Step::Negotiating, date(2024, 10, 1))
            .expect("deal")
            .with_amount(80_000.0)
            .with_step_since(AS_OF - 200.days()),
        Deal::new("d3", "Stark", "me", Step::Introduced, date(2025, 6, 1)).expect("deal").with_amount(1_000.0),
        Deal::new("d4", "Hooli", "me", Step::Paid, date(2024, 1, 1))
            .expect("deal")
            .with_status(DealStatus::Won)
            .with_amount(20_000.0),
    ]
}

fn report() -> salesnet::stages::FunnelReport {
    funnel(&at(&portfolio()), &Salespeople::All, &FunnelOptions::new()).expect("report")
}

#[test]
fn a_deal_negotiating_for_200_days_is_stuck() {
    let r = report();
    assert_eq!(r.stuck.len(), 1);
    assert_eq!(r.stuck[0].deal.as_str(), "d2");
    assert_eq!(r.stuck[0].days, 200);
    assert_eq!(r.stuck[0].step, Step::Negotiating);
    // Not stuck with a longer limit.
    let t = FunnelThresholds { stuck_days: 200, ..FunnelThresholds::default() };
    let r = funnel(&at(&portfolio()), &Salespeople::All, &FunnelOptions::new().with_thresholds(t)).expect("report");
    assert!(r.stuck.is_empty());
}

#[test]
fn each_open_deal_relationships() {
    let r = report();
    let ids: Vec<&str> = r.deals.iter().map(|d| d.id.as_str()).collect();
    // By amount, largest first; the won deal is not listed.
    assert_eq!(ids, ["d2", "d1", "d3"]);

    // Initech: the owner has met one person (the user): single-threaded. The
    // CEO is reached through a customer who is also the best referee.
    let d2 = &r.deals[0];
    assert!(d2.single_threaded);
    assert_eq!(d2.met, 1);
    assert_eq!(d2.decision_makers, 1);
    let reached: Vec<(&str, &str)> =
        d2.decision_makers_reached.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    assert_eq!(reached, [("i_ceo", "Ian CEO")]);
    let ceo = d2.committee.iter().find(|m| m.id.as_str() == "i_ceo").expect("ceo");
    assert_eq!(ceo.name, "Ian CEO");
    assert_eq!(ceo.path.nodes.iter().map(|n| n.as_str()).collect::<Vec<_>>(), ["me", "h_vp", "i_ceo"]);
    assert!((ceo.path.strength - 0.8).abs() < 1e-12);
    let referee = d2.referee.as_ref().expect("referee");
    assert_eq!((referee.id.as_str(), referee.target.as_str()), ("h_vp", "i_ceo"));
    assert_eq!(d2.next_action.action, DealAction::AskReferral);
    assert_eq!(d2.next_action.id.as_ref().map(|i| i.as_str()), Some("h_vp"));

    // Globex: two people met, the CEO reached through the CTO, a middleman.
    let d1 = &r.deals[1];
    assert!(!d1.single_threaded);
    assert_eq!(d1.decision_makers, 1);
    let reached: Vec<(&str, &str)> =
        d1.decision_makers_reached.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    assert_eq!(reached, [("g_ceo", "Gina CEO")]);
    let m = d1.middleman.as_ref().expect("middleman");
    assert_eq!((m.id.as_str(), m.name.as_str()), ("g_cto", "Gus CTO"));
    assert!((m.score - 0.64).abs() < 1e-12);
    assert_eq!(d1.next_action.action, DealAction::Maintain);

    // Stark: nobody known who decides.
    let d3 = &r.deals[2];
    assert_eq!(d3.decision_makers, 0);
    assert!(d3.single_threaded);
    assert_eq!(d3.next_action.action, DealAction::MapAccount);
}

#[test]
fn weak_paths_do_not_reach() {
    // Without the customer, Initech's CEO is only 0.6 * 0.2 = 0.12 away: not reached.
    let networks = portfolio();
    let t = salesnet::stages::Thresholds { max_hops: 2, coverage_strength: 0.9, ..Default::default() };
    let r = funnel(&at(&networks), &Salespeople::All, &FunnelOptions::new().with_stage_thresholds(t)).expect("report");
    assert_eq!((r.thresholds.max_hops, r.thresholds.reach_strength), (2, 0.9));
    let d2 = r.deals.iter().find(|d| d.id.as_str() == "d2").expect("d2");
    assert!(d2.decision_makers_reached.is_empty());
    let ceo = d2.committee.iter().find(|m| m.id.as_str() == "i_ceo").expect("ceo");
    assert!(ceo.path.exists() && !ceo.reached);
}

#[test]
fn customers_without_an_open_deal_are_dormant() {
    let r = report();
    let c = &r.customers;
    assert_eq!((c.count, c.valued, c.top_count), (5, 5, 1));
    assert_eq!(c.top_share, Some(100.0 / 120.0));
    assert_eq!(c.pareto, Some(true));
    let names: Vec<&str> = c.dormant.iter().map(|d| d.organization.as_str()).collect();
    // Stark has an open deal; the rest by value.
    assert_eq!(names, ["Hooli", "Umbrella", "Wayne", "Tyrell"]);
    let hooli = c.dormant[0].tie.as_ref().expect("tie");
    assert_eq!((hooli.id.as_str(), hooli.name.as_str(), hooli.freshness), ("h_vp", "Hal VP", Freshness::Undated));
    assert_eq!(c.dormant[0].won, 1);
    let umbrella = c.dormant[1].tie.as_ref().expect("tie");
    assert_eq!(umbrella.freshness, Freshness::Fading);
    assert!(c.dormant[2].tie.is_none());
}

#[test]
fn one_salesperson_and_errors() {
    let n = portfolio();
    let me = salesnet::ContactId::new("me").expect("id");
    let r = funnel(&at(&n), &Salespeople::One(me), &FunnelOptions::new()).expect("report");
    assert_eq!(r.owners.len(), 1);
    assert_eq!((r.owners[0].id.as_str(), r.owners[0].name.as_str()), ("me", "Ann Seller"));
    assert_eq!(r.owners[0].pipeline.open, 3);
    let cto = salesnet::ContactId::new("g_cto").expect("id");
    let e = funnel(&at(&n), &Salespeople::One(cto), &FunnelOptions::new()).unwrap_err();
    assert!(matches!(e, salesnet::Error::NotAnOwner { .. }), "{e}");
}

#[test]
fn json_keys_of_the_contract() {
    let v = serde_json::to_value(report()).expect("json");
    let owner = &v["owners"][0];
    assert_eq!(owner["owner"], "me");
    assert_eq!(owner["name"], "Ann Seller");
    assert_eq!(owner["steps"]["negotiating"], 1);
    assert_eq!(owner["steps"]["paid"], 0);
    assert!(owner["conversion"].is_array());
    assert!(owner["diagnoses"].is_array());
    assert_eq!(v["stuck"][0]["deal"], "d2");
    assert_eq!(v["stuck"][0]["days"], 200);
    assert_eq!(v["deals"][0]["id"], "d2");
    assert_eq!(v["deals"][0]["single_threaded"], true);
    assert_eq!(v["deals"][0]["decision_makers_reached"], serde_json::json!([{"id": "i_ceo", "name": "Ian CEO"}]));
    assert!(v["customers"]["top_share"].is_number());
    assert_eq!(v["customers"]["dormant"][0]["organization"], "Hooli");
}

#[test]
fn same_report_serial_and_parallel() {
    let serial = funnel(
        &at(&portfolio()),
        &Salespeople::All,
        &FunnelOptions::new().with_parallelism(salesnet::graph::Parallelism::Serial),
    )
    .expect("report");
    assert_eq!(serial, report());
}

#[test]
fn text_report_names_people() {
    let text = report().to_string();
    assert!(text.contains("Ann Seller (me)"), "{text}");
    assert!(text.contains("d2"), "{text}");
    assert!(text.contains("SINGLE-THREADED"), "{text}");
    assert!(text.contains("ask_referral Hal VP (h_vp)"), "{text}");
    assert!(text.contains("Hooli"), "{text}");
}

#[test]
fn action_names_match_json() {
    for a in [
        DealAction::MapAccount,
        DealAction::Meet,
        DealAction::Introduce,
        DealAction::AskReferral,
        DealAction::Reconnect,
        DealAction::Maintain,
    ] {
        assert_eq!(serde_json::to_value(a).expect("json"), a.as_str());
    }
}

/// A team of two: `ann` is not prospecting, `dan`'s funnel is healthy.
fn team() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own))
        .organization(Organization::new("Globex", Relation::Prospect))
        .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner).expect("contact"))
        .contact(Contact::new("dan", "Dan Closer", "Acme", Role::Owner).expect("contact"))
        .contact(Contact::new("ceo", "Gina CEO", "Globex", Role::DecisionMaker).expect("contact"));
    let mut d = deals("ann", Step::NewContact, DealStatus::Open, 1, "a");
    d.extend(deals("ann", Step::Negotiating, DealStatus::Open, 3, "b"));
    d.extend(deals("dan", Step::NewContact, DealStatus::Open, 10, "a"));
    d.extend(deals("dan", Step::Introduced, DealStatus::Open, 6, "b"));
    d.extend(deals("dan", Step::Proposal, DealStatus::Open, 4, "c"));
    d.extend(deals("dan", Step::Negotiating, DealStatus::Open, 2, "d"));
    d.extend(deals("dan", Step::Paid, DealStatus::Won, 3, "e"));
    for deal in d {
        b.deal(deal);
    }
    b.build().expect("valid team")
}

#[test]
fn a_team_portfolio_diagnoses_each_salesperson() {
    let n = team();
    let r = funnel(&at(&n), &Salespeople::All, &FunnelOptions::new()).expect("report");
    let who: Vec<(&str, &str)> = r.owners.iter().map(|o| (o.id.as_str(), o.name.as_str())).collect();
    assert_eq!(who, [("ann", "Ann Seller"), ("dan", "Dan Closer")]);
    let codes = |i: usize| r.owners[i].pipeline.diagnoses.iter().map(|d| d.code).collect::<Vec<_>>();
    assert!(codes(0).contains(&DiagnosisCode::NotProspecting));
    assert!(codes(1).is_empty(), "{:?}", codes(1));
    // The team's funnel: 11 new contacts, 5 negotiating.
    assert_eq!(r.team.steps[&Step::NewContact], 11);
    assert_eq!(r.team.steps[&Step::Negotiating], 5);
    assert!(!r.team.diagnoses.iter().any(|d| d.code == DiagnosisCode::NotProspecting));
    // One salesperson: only their deals.
    let dan = salesnet::ContactId::new("dan").expect("id");
    let r = funnel(&at(&n), &Salespeople::One(dan), &FunnelOptions::new()).expect("report");
    assert_eq!(r.owners.len(), 1);
    assert!(r.deals.iter().all(|d| d.owner.as_str() == "dan"));
    assert_eq!(r.team.open, 22);
}

#[test]
fn deals_in_json_are_checked_with_their_path() {
    let n = team();
    let json = salesnet::io::portfolio_to_json(&n);
    assert!(json.contains("\"deals\": ["));
    let bad = json.replacen("\"owner\": \"ann\"", "\"owner\": \"ceo\"", 1);
    let e = salesnet::io::portfolio_from_json(bad.as_bytes(), "team.json").unwrap_err();
    assert!(matches!(e, salesnet::Error::NotASalesperson { .. }), "{e}");
    assert_eq!(e.location().and_then(|l| l.field.as_deref()), Some("deals[0].owner"));
    let bad = json.replacen("\"step\": \"new_contact\"", "\"step\": \"won\"", 1);
    let e = salesnet::io::portfolio_from_json(bad.as_bytes(), "team.json").unwrap_err();
    assert!(matches!(e, salesnet::Error::UnknownStep { .. }), "{e}");
    assert_eq!(e.location().and_then(|l| l.field.as_deref()), Some("deals[0].step"));
    // A document without deals has none.
    let none = salesnet::io::portfolio_to_json(&portfolio_without_deals());
    assert!(!none.contains("\"deals\""));
}

fn portfolio_without_deals() -> SalesNetworks {
    let n = team();
    let mut b = SalesNetworks::builder();
    for o in n.organizations() {
        b.organization(o.clone());
    }
    for c in n.contacts() {
        b.contact(c.clone());
    }
    b.build().expect("valid")
}

#[test]
fn a_folder_without_deals_replaces_old_deals() {
    let dir = std::env::temp_dir().join(format!("salesnet-funnel-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    salesnet::io::write_portfolio_dir(&team(), &dir).expect("write");
    assert!(dir.join("deals.csv").exists());
    salesnet::io::write_portfolio_dir(&portfolio_without_deals(), &dir).expect("write");
    let back = salesnet::io::read_portfolio_dir(&dir).expect("read");
    std::fs::remove_dir_all(&dir).expect("cleanup");
    assert!(back.deals().is_empty());
    assert_eq!(back, portfolio_without_deals());
}

#[test]
fn a_bad_deals_csv_fails_the_whole_folder() {
    let dir = std::env::temp_dir().join(format!("salesnet-funnel-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    salesnet::io::write_portfolio_dir(&team(), &dir).expect("write");
    let text = std::fs::read_to_string(dir.join("deals.csv")).expect("deals.csv");
    std::fs::write(dir.join("deals.csv"), text.replacen(",open,", ",pending,", 1)).expect("write");
    let e = salesnet::io::read_portfolio_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).expect("cleanup");
    assert!(matches!(e, salesnet::Error::UnknownStatus { .. }), "{e}");
    let loc = e.location().expect("located");
    assert!(loc.file.ends_with("deals.csv"));
    assert_eq!((loc.line, loc.field.as_deref()), (Some(2), Some("status")));
}
