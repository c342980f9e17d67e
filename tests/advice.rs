//! Advice a salesperson would act on: hand-built portfolios whose right
//! answer is known by construction, one per rule of DOMAIN.md's "How the
//! playbook judges" (issue 11).

use jiff::civil::{Date, date};
use salesnet::stages::{self, BuyInReport, ClosingReport, ProspectingReport, SolutionReport, StageOptions, Thresholds};
use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, SalesNetworksBuilder, Tie};

const AS_OF: Date = date(2026, 11, 1);

/// The one place that knows how a report is asked for.
mod api {
    use super::*;
    use salesnet::DecayPolicy;

    pub fn options() -> StageOptions {
        StageOptions::new()
    }
    pub fn buy_in_with(n: &SalesNetworks, account: &str, o: &StageOptions) -> BuyInReport {
        stages::buy_in(&n.at(AS_OF, &DecayPolicy::default()), account, o).unwrap()
    }
    pub fn closing_try(n: &SalesNetworks, target: &str) -> salesnet::Result<ClosingReport> {
        stages::closing(&n.at(AS_OF, &DecayPolicy::default()), target, &options())
    }
    pub fn prospecting(n: &SalesNetworks) -> ProspectingReport {
        stages::prospecting(&n.at(AS_OF, &DecayPolicy::default()), &options()).unwrap()
    }
    pub fn solution(n: &SalesNetworks) -> SolutionReport {
        stages::solution(&n.at(AS_OF, &DecayPolicy::default()), &options()).unwrap()
    }
    pub fn plan(n: &SalesNetworks, days: u32) -> stages::PlanReport {
        stages::plan(&n.at(AS_OF, &DecayPolicy::default()), &options(), &stages::PlanOptions::new().days(days)).unwrap()
    }
}

fn buy_in(n: &SalesNetworks, account: &str) -> BuyInReport {
    api::buy_in_with(n, account, &api::options())
}

fn closing(n: &SalesNetworks, target: &str) -> ClosingReport {
    api::closing_try(n, target).unwrap()
}

/// A builder with our firm and the owner `me`.
fn firm() -> SalesNetworksBuilder {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Us", Relation::Own))
        .contact(Contact::new("me", "Mona Seller", "Us", Role::Owner).unwrap().with_department("sales"));
    b
}

fn person(b: &mut SalesNetworksBuilder, id: &str, org: &str, role: Role, dept: Option<&str>) {
    let mut c = Contact::new(id, format!("Person {}", id.to_uppercase()), org, role).unwrap();
    if let Some(d) = dept {
        c = c.with_department(d);
    }
    b.contact(c);
}

fn ago(days: i64) -> Date {
    AS_OF.checked_sub(jiff::Span::new().days(days)).unwrap()
}

fn tie(b: &mut SalesNetworksBuilder, a: &str, c: &str, level: u8, days_ago: i64) {
    b.tie(Tie::new(a, c, RelationshipLevel::new(level).unwrap()).unwrap().with_last_contact(ago(days_ago)));
}

fn ids<'a>(it: impl IntoIterator<Item = &'a salesnet::ContactId>) -> Vec<&'a str> {
    it.into_iter().map(|c| c.as_str()).collect()
}

// ---------------------------------------------------------------- buy-in

/// The gatekeeper met once (your tie 0.2) knows the CEO; a fan (1.0) knows
/// the CTO, who knows the CEO.
fn gatekeeper_and_fan() -> SalesNetworks {
    let mut b = firm();
    b.organization(Organization::new("Acct", Relation::Prospect));
    person(&mut b, "gk", "Acct", Role::Gatekeeper, Some("office"));
    person(&mut b, "fan", "Acct", Role::User, Some("ops"));
    person(&mut b, "ceo", "Acct", Role::DecisionMaker, Some("executive"));
    person(&mut b, "cto", "Acct", Role::DecisionMaker, Some("it"));
    tie(&mut b, "me", "gk", 1, 10);
    tie(&mut b, "gk", "ceo", 4, 10);
    tie(&mut b, "me", "fan", 5, 10);
    tie(&mut b, "fan", "cto", 4, 10);
    tie(&mut b, "cto", "ceo", 4, 10);
    b.build().unwrap()
}

#[test]
fn the_middleman_is_the_fan_who_knows_the_cto_not_the_gatekeeper_met_once() {
    let r = buy_in(&gatekeeper_and_fan(), "Acct");
    let ceo = &r.decision_makers[0];
    assert_eq!(ids(&ceo.path.nodes), ["me", "fan", "cto", "ceo"]);
    assert!((ceo.path.strength - 0.64).abs() < 1e-12);
    assert!(ceo.reached);
    assert_eq!(ids(r.middlemen.iter().map(|m| &m.id)), ["fan", "cto"]);
    // The fan carries both key paths (0.64 to the CEO, 0.8 to the CTO).
    assert!((r.middlemen[0].score - 1.44).abs() < 1e-12);
    assert_eq!(r.middlemen[0].name, "Person FAN");
    // Neither decision maker has been met by the owner; only the fan has been met.
    assert_eq!(ids(&r.gaps), ["ceo", "cto"]);
    assert!(r.single_threaded);
}

/// A colleague is the CEO's fan; a chain of seven fresh fans in the market also leads there.
fn colleague_and_chain() -> SalesNetworks {
    let mut b = firm();
    b.organization(Organization::new("Acct", Relation::Prospect));
    b.organization(Organization::new("Market", Relation::Other).with_industry("consulting"));
    person(&mut b, "col", "Us", Role::Other, Some("engineering"));
    person(&mut b, "ceo", "Acct", Role::DecisionMaker, Some("executive"));
    person(&mut b, "far", "Acct", Role::Influencer, Some("it"));
    tie(&mut b, "me", "col", 4, 10);
    tie(&mut b, "col", "ceo", 5, 10);
    let chain = ["m1", "m2", "m3", "m4", "m5", "m6"];
    for m in chain {
        person(&mut b, m, "Market", Role::Other, None);
    }
    tie(&mut b, "me", "m1", 5, 10);
    for w in chain.windows(2) {
        tie(&mut b, w[0], w[1], 5, 10);
    }
    tie(&mut b, "m6", "ceo", 5, 10);
    // An influencer only four fresh fan ties away: me - m1 - m2 - m3 - far.
    tie(&mut b, "m3", "far", 5, 10);
    b.build().unwrap()
}

#[test]
fn a_warm_introduction_is_short() {
    let n = colleague_and_chain();
    let r = buy_in(&n, "Acct");
    let ceo = &r.decision_makers[0];
    assert_eq!(ids(&ceo.path.nodes), ["me", "col", "ceo"]);
    assert_eq!(ceo.path.hops, 2);
    assert!((ceo.path.strength - 0.8).abs() < 1e-12);
    assert!(ceo.reached);
    // Four ties away is out of reach at the default of three...
    let far = &r.influencers[0];
    assert!(!far.reached);
    assert!(far.path.nodes.is_empty());
    assert_eq!(r.coverage, Some(0.5));
    // ... and within reach when the salesperson allows four.
    let o = api::options().with_thresholds(Thresholds { max_hops: 4, ..Thresholds::default() });
    let r4 = api::buy_in_with(&n, "Acct", &o);
    assert_eq!(ids(&r4.influencers[0].path.nodes), ["me", "m1", "m2", "m3", "far"]);
    assert!(r4.influencers[0].reached);
    // A colleague is never a middleman: the middlemen are the account's own people.
    assert!(r.middlemen.is_empty());
}

/// A colleague has met all three decision makers; the salesperson none.
fn colleague_met_them_all(owner_meets: &[&str]) -> SalesNetworks {
    let mut b = firm();
    b.organization(Organization::new("Acct", Relation::Prospect));
    person(&mut b, "col", "Us", Role::Other, Some("sales"));
    tie(&mut b, "me", "col", 4, 10);
    for d in ["d1", "d2", "d3"] {
        person(&mut b, d, "Acct", Role::DecisionMaker, Some("executive"));
        tie(&mut b, "col", d, 3, 10);
    }
    person(&mut b, "u1", "Acct", Role::User, Some("ops"));
    tie(&mut b, "me", "u1", 1, 10);
    for d in owner_meets {
        tie(&mut b, "me", d, 2, 10);
    }
    b.build().unwrap()
}

#[test]
fn gaps_are_the_salespersons_own() {
    let r = buy_in(&colleague_met_them_all(&[]), "Acct");
    assert_eq!(ids(&r.gaps), ["d1", "d2", "d3"]);
    assert!(r.single_threaded);
    let r = buy_in(&colleague_met_them_all(&["d2"]), "Acct");
    assert_eq!(ids(&r.gaps), ["d1", "d3"]);
    // One person of the account met (u1 only by phone): still single-threaded.
    assert!(r.single_threaded);
    let r = buy_in(&colleague_met_them_all(&["d1", "d3"]), "Acct");
    assert_eq!(ids(&r.gaps), ["d2"]);
    assert!(!r.single_threaded);
}

#[test]
fn a_lapsed_meeting_is_a_gap_again() {
    let mut b = firm();
    b.organization(Organization::new("Acct", Relation::Prospect));
    person(&mut b, "d1", "Acct", Role::DecisionMaker, None);
    tie(&mut b, "me", "d1", 4, 400);
    let r = buy_in(&b.build().unwrap(), "Acct");
    assert_eq!(ids(&r.gaps), ["d1"]);
    assert!(!r.decision_makers[0].reached);
    // The lapsed champion appears in the maintain list.
    assert_eq!(ids(r.maintain.iter().map(|m| &m.id)), ["d1"]);
}

#[test]
fn buy_in_on_a_customer_is_an_upsell() {
    let mut b = firm();
    b.organization(Organization::new("Client", Relation::Customer));
    person(&mut b, "d1", "Client", Role::DecisionMaker, None);
    tie(&mut b, "me", "d1", 3, 10);
    let r = buy_in(&b.build().unwrap(), "Client");
    assert_eq!(r.network, salesnet::NetworkKind::Customer);
    let text = r.to_string();
    assert!(text.contains("upsell"), "{text}");
    assert!(!text.contains("prospect network"), "{text}");
    assert!(text.contains("Person D1 (d1)"), "{text}");
}

// ---------------------------------------------------------------- closing

/// Around a prospect's CEO `dm`:
/// - `warm`: a lukewarm customer met recently (level 2 both ways);
/// - `champ`: a champion whose tie with the salesperson lapsed;
/// - `stranger`: a fan of the salesperson who does not know `dm` (only someone who does);
/// - `intro`: a customer the salesperson does not know, introduced by `stranger`, who knows `dm`;
/// - `ghost`: a name-only (level 0) contact of the salesperson who knows `dm`.
fn referees() -> SalesNetworks {
    let mut b = firm();
    b.organization(Organization::new("Cust", Relation::Customer));
    b.organization(Organization::new("Prospect", Relation::Prospect));
    person(&mut b, "dm", "Prospect", Role::DecisionMaker, None);
    person(&mut b, "pa", "Prospect", Role::Gatekeeper, None);
    for id in ["warm", "champ", "stranger", "intro", "ghost"] {
        person(&mut b, id, "Cust", Role::Buyer, None);
    }
    tie(&mut b, "me", "warm", 2, 5);
    tie(&mut b, "warm", "dm", 2, 5);
    tie(&mut b, "me", "champ", 5, 400);
    tie(&mut b, "champ", "dm", 5, 5);
    tie(&mut b, "me", "stranger", 5, 5);
    tie(&mut b, "stranger", "pa", 5, 5);
    tie(&mut b, "pa", "dm", 5, 5);
    tie(&mut b, "stranger", "intro", 4, 5);
    tie(&mut b, "intro", "dm", 3, 5);
    tie(&mut b, "me", "ghost", 0, 400);
    tie(&mut b, "ghost", "dm", 4, 5);
    b.build().unwrap()
}

#[test]
fn a_referee_vouches_in_person() {
    let n = referees();
    let r = closing(&n, "dm");
    // intro: 1.0 x 0.8 to reach, 0.6 to dm; warm: 0.4 x 0.4.
    assert_eq!(ids(r.referees.iter().map(|x| &x.id)), ["intro", "warm"]);
    for x in &r.referees {
        assert_eq!(x.path.hops, 1);
        assert_eq!(ids(&x.path.nodes), [x.id.as_str(), "dm"]);
    }
    assert_eq!(r.referees[0].via.as_ref().map(|v| v.as_str()), Some("stranger"));
    assert!(r.referees[1].via.is_none());
    assert_eq!(ids(r.lapsed_referees.iter().map(|x| &x.id)), ["champ"]);
    // Never a level-0 contact among the lapsed, nor in the maintain list.
    assert!(r.maintain.iter().all(|m| m.id.as_str() != "ghost"));
    assert!(r.maintain.iter().any(|m| m.id.as_str() == "champ"));
    let text = r.to_string();
    assert!(text.contains("Person INTRO (intro)"), "{text}");
}

#[test]
fn the_target_is_someone_outside_our_firm() {
    let mut b = firm();
    b.organization(Organization::new("Cust", Relation::Customer));
    person(&mut b, "col", "Us", Role::Other, None);
    person(&mut b, "c", "Cust", Role::Buyer, None);
    tie(&mut b, "me", "c", 4, 5);
    tie(&mut b, "c", "col", 4, 5);
    let n = b.build().unwrap();
    assert!(api::closing_try(&n, "me").is_err());
    assert!(api::closing_try(&n, "col").is_err());
    assert!(api::closing_try(&n, "nobody").is_err());
    assert!(api::closing_try(&n, "c").is_ok());
}

// ---------------------------------------------------------------- prospecting

/// 25 market contacts in five industries; `level` and `days_ago` for every tie.
fn market(level: u8, days_ago: i64) -> SalesNetworks {
    let mut b = firm();
    for i in 0..5 {
        b.organization(Organization::new(format!("F{i}"), Relation::Other).with_industry(format!("industry {i}")));
    }
    for i in 0..25 {
        let id = format!("m{i:02}");
        person(&mut b, &id, &format!("F{}", i % 5), Role::Other, None);
        tie(&mut b, "me", &id, level, days_ago);
    }
    b.build().unwrap()
}

#[test]
fn only_live_ties_count_as_connections() {
    // Last met 356 days ago at level 1: strength 0.005 each.
    let stale = api::prospecting(&market(1, 356));
    assert!(!stale.verdict.enough, "{}", stale.verdict.summary);
    assert_eq!(stale.size, 0);
    // The same people met last month at level 2: enough.
    let live = api::prospecting(&market(2, 30));
    assert!(live.verdict.enough, "{}", live.verdict.summary);
    assert_eq!(live.size, 25);
}

#[test]
fn fans_are_never_redundant_and_lapsed_brokers_are_visible() {
    let mut b = firm();
    b.organization(Organization::new("Club", Relation::Other).with_industry("retail"));
    b.organization(Organization::new("Far", Relation::Other).with_industry("energy"));
    for (id, level) in [("k1", 5), ("k2", 3), ("k3", 3), ("k4", 3)] {
        person(&mut b, id, "Club", Role::Other, None);
        tie(&mut b, "me", id, level, 10);
    }
    for (x, y) in [("k1", "k2"), ("k1", "k3"), ("k1", "k4"), ("k2", "k3"), ("k2", "k4"), ("k3", "k4")] {
        tie(&mut b, x, y, 2, 10);
    }
    // A broker the salesperson has not met for 400 days, who knows six people.
    person(&mut b, "bro", "Far", Role::Other, None);
    tie(&mut b, "me", "bro", 4, 400);
    for i in 0..6 {
        let id = format!("f{i}");
        person(&mut b, &id, "Far", Role::Other, None);
        tie(&mut b, "bro", &id, 3, 10);
    }
    let r = api::prospecting(&b.build().unwrap());
    assert_eq!(ids(r.redundant_contacts.iter().map(|c| &c.id)), ["k2", "k3", "k4"]);
    assert_eq!(ids(r.brokers.iter().map(|c| &c.id)), ["bro"]);
    assert_eq!(r.brokers[0].new_contacts, 6);
    assert_eq!(ids(r.maintain.iter().map(|m| &m.id)), ["bro"]);
    assert_eq!(r.maintain[0].freshness, salesnet::Freshness::Lapsed);
    let text = r.to_string();
    assert!(text.contains("Person BRO (bro)"), "{text}");
}

// ---------------------------------------------------------------- solution

#[test]
fn a_department_is_covered_only_by_a_strong_active_tie() {
    let mut b = firm();
    person(&mut b, "law", "Us", Role::Other, Some("legal"));
    person(&mut b, "eng", "Us", Role::Other, Some("engineering"));
    person(&mut b, "sup", "Us", Role::Other, Some("support"));
    person(&mut b, "fin", "Us", Role::Other, Some("finance"));
    person(&mut b, "fin2", "Us", Role::Other, Some("finance"));
    tie(&mut b, "me", "law", 5, 400); // lapsed
    tie(&mut b, "me", "eng", 3, 361); // nearly lapsed: strength 0.013
    tie(&mut b, "me", "sup", 4, 10); // fresh, strong
    tie(&mut b, "me", "fin", 4, 120); // fading but still strong (0.68): the only one
    tie(&mut b, "me", "fin2", 2, 10);
    for (x, y) in [("law", "eng"), ("eng", "sup"), ("sup", "fin"), ("fin", "fin2")] {
        tie(&mut b, x, y, 3, 10);
    }
    let r = api::solution(&b.build().unwrap());
    let covered = |d: &str| r.departments.iter().find(|x| x.department == d).unwrap().covered;
    assert!(!covered("legal"));
    assert!(!covered("engineering"));
    assert!(covered("support"));
    assert!(covered("finance"));
    let maintain = ids(r.maintain.iter().map(|m| &m.id));
    // The lapsed lawyer and the fading only strong tie into finance.
    assert!(maintain.contains(&"law"), "{maintain:?}");
    assert!(maintain.contains(&"fin"), "{maintain:?}");
}

#[test]
fn a_bottleneck_cuts_off_only_colleagues_it_connected() {
    let mut b = firm();
    for (id, dept) in [("a1", "sales"), ("a2", "sales"), ("hub", "finance"), ("c1", "legal"), ("iso", "support")] {
        person(&mut b, id, "Us", Role::Other, Some(dept));
        tie(&mut b, "me", id, 4, 10);
    }
    tie(&mut b, "a1", "a2", 3, 10);
    tie(&mut b, "a2", "hub", 3, 10);
    tie(&mut b, "hub", "c1", 3, 10);
    let r = api::solution(&b.build().unwrap());
    let hub = r.bottlenecks.iter().find(|x| x.id.as_str() == "hub").unwrap();
    assert_eq!(hub.cut_off, 1);
    assert_eq!(ids(&r.isolated), ["iso"]);
    let text = r.to_string();
    assert!(text.contains("1 colleague is"), "{text}");
    assert!(!text.contains("1 colleagues"), "{text}");
}

// ---------------------------------------------------------------- plan

#[test]
fn the_plan_has_dates_and_one_action_per_person() {
    let n = referees();
    let p = api::plan(&n, 14);
    assert!(p.actions.windows(2).all(|w| w[0].due <= w[1].due));
    let mut seen: Vec<&str> = p.actions.iter().map(|a| a.id.as_str()).collect();
    seen.sort_unstable();
    let before = seen.len();
    seen.dedup();
    assert_eq!(before, seen.len());
    // The lapsed champion is due now.
    let champ = p.actions.iter().find(|a| a.id.as_str() == "champ").unwrap();
    assert_eq!(champ.due, AS_OF);
    assert_eq!(champ.action, stages::ActionKind::Reconnect);
    assert!(!champ.reason.is_empty());
    // No level-0 contact is ever a lapsed tie worth reconnecting.
    assert!(p.actions.iter().all(|a| a.id.as_str() != "ghost" || a.action != stages::ActionKind::Reconnect));
}

#[test]
fn a_fresh_key_tie_is_due_the_day_it_would_start_to_fade() {
    let mut b = firm();
    b.organization(Organization::new("Acct", Relation::Prospect));
    person(&mut b, "d1", "Acct", Role::DecisionMaker, None);
    person(&mut b, "d2", "Acct", Role::DecisionMaker, None);
    tie(&mut b, "me", "d1", 4, 85); // due in 7 days
    tie(&mut b, "me", "d2", 4, 10); // due in 82 days
    let n = b.build().unwrap();
    let p = api::plan(&n, 14);
    let d1 = p.actions.iter().find(|a| a.id.as_str() == "d1").unwrap();
    assert_eq!(d1.due, ago(85).checked_add(jiff::Span::new().days(92)).unwrap());
    assert_eq!(d1.action, stages::ActionKind::Maintain);
    assert_eq!(d1.name, "Person D1");
    assert!(p.actions.iter().all(|a| a.id.as_str() != "d2"));
    let p = api::plan(&n, 90);
    assert!(p.actions.iter().any(|a| a.id.as_str() == "d2"));
}
