//! The team's view (`stages::team`, `analyze team`) on a hand-built team
//! portfolio with known answers, and privacy between colleagues (`share`).

mod cli_support;

use std::path::PathBuf;

use cli_support::{analyze_err, analyze_ok};
use jiff::civil::{Date, date};
use salesnet::io::{read_portfolio, write_portfolio};
use salesnet::stages::{self, RecommendationCode, RiskCode, StageOptions, TeamOptions, TeamReport};
use salesnet::{
    Contact, ContactId, Deal, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Sharing,
    Step, Tie,
};

const AS_OF: Date = date(2026, 11, 1);
const FRESH: Date = date(2026, 10, 1);
const FADING: Date = date(2026, 4, 15);

/// Acme's three salespeople: Ann, Priya, and Bob (who does not share).
///
/// - Globex (prospect): Priya alone knows the CFO, who knows the CEO; Ann
///   has met the gatekeeper, who barely knows the CEO. Ann and Priya are
///   colleagues (level 3).
/// - Initech (prospect): Ann alone holds its CTO; her tie to the influencer
///   is fading, nobody else knows them.
/// - Hooli (prospect): only Bob (private) knows its CEO; Ann knows Bob.
/// - Umbrella (customer, the top one by value): its CIO is known by Ann
///   alone; its user Uma knows the CFO of Globex (level 2) and the CTO of
///   Initech.
/// - Smallco (customer, small): its CEO is known by Ann alone (no risk).
/// - Two open deals of Ann (Globex, Initech): Uma is the best referee of both.
fn team_portfolio(bob_shares: Sharing) -> SalesNetworks {
    let lvl = |l: u8| RelationshipLevel::new(l).unwrap();
    let tie = |a: &str, b: &str, l: u8, d: Date| Tie::new(a, b, lvl(l)).unwrap().with_last_contact(d);
    let person = |id: &str, name: &str, org: &str, role: Role| Contact::new(id, name, org, role).unwrap();
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own))
        .organization(Organization::new("Globex", Relation::Prospect))
        .organization(Organization::new("Initech", Relation::Prospect))
        .organization(Organization::new("Hooli", Relation::Prospect))
        .organization(Organization::new("Umbrella", Relation::Customer).with_value(1_000_000.0))
        .organization(Organization::new("Smallco", Relation::Customer).with_value(10.0))
        .contact(person("ann", "Ann Seller", "Acme", Role::Owner))
        .contact(person("pri", "Priya Shah", "Acme", Role::Owner))
        .contact(person("bob", "Bob Quiet", "Acme", Role::Owner).with_share(bob_shares))
        .contact(person("cfo", "Carl Funds", "Globex", Role::DecisionMaker))
        .contact(person("ceo", "Cleo Chief", "Globex", Role::DecisionMaker))
        .contact(person("gk", "Gus Keeper", "Globex", Role::Gatekeeper))
        .contact(person("cto", "Tia Tech", "Initech", Role::DecisionMaker))
        .contact(person("inf", "Ian Flux", "Initech", Role::Influencer))
        .contact(person("hce", "Hal Boss", "Hooli", Role::DecisionMaker))
        .contact(person("cio", "Una Info", "Umbrella", Role::DecisionMaker))
        .contact(person("uma", "Uma User", "Umbrella", Role::User))
        .contact(person("sce", "Sam Small", "Smallco", Role::DecisionMaker))
        .tie(tie("ann", "pri", 3, FRESH))
        .tie(tie("pri", "cfo", 4, FRESH))
        .tie(tie("cfo", "ceo", 4, FRESH))
        .tie(tie("ann", "gk", 2, FRESH))
        .tie(tie("gk", "ceo", 1, FRESH))
        .tie(tie("ann", "cto", 3, FRESH))
        .tie(tie("ann", "inf", 3, FADING))
        .tie(tie("ann", "bob", 4, FRESH))
        .tie(tie("bob", "hce", 4, FRESH))
        .tie(tie("ann", "cio", 3, FRESH))
        .tie(tie("ann", "uma", 4, FRESH))
        .tie(tie("uma", "cfo", 2, FRESH))
        .tie(tie("uma", "cto", 4, FRESH))
        .tie(tie("ann", "sce", 3, FRESH))
        .deal(Deal::new("d1", "Globex", "ann", Step::Negotiating, date(2026, 6, 1)).unwrap())
        .deal(Deal::new("d2", "Initech", "ann", Step::Negotiating, date(2026, 6, 1)).unwrap());
    b.build().unwrap()
}

fn run(networks: &SalesNetworks, options: &TeamOptions) -> TeamReport {
    stages::team(&networks.at(AS_OF, &DecayPolicy::default()), options).unwrap()
}

fn ids(v: &[ContactId]) -> Vec<&str> {
    v.iter().map(ContactId::as_str).collect()
}

#[test]
fn the_only_colleague_who_knows_the_cfo_calls_the_cfo_and_the_ceo_behind_them() {
    let report = run(&team_portfolio(Sharing::Yes), &TeamOptions::new().account("Globex"));
    let intro = |id: &str| report.intros.iter().find(|i| i.target.as_str() == id).unwrap();
    let cfo = intro("cfo");
    assert_eq!(cfo.owner.as_ref().unwrap().as_str(), "pri");
    assert_eq!(ids(&cfo.path.nodes), ["pri", "cfo"]);
    assert!((cfo.path.strength - 0.8).abs() < 1e-12);
    let ceo = intro("ceo");
    assert_eq!(ceo.owner.as_ref().unwrap().as_str(), "pri");
    assert_eq!(ids(&ceo.path.nodes), ["pri", "cfo", "ceo"]);
    // Ann comes next, by her own path (never through Priya: nobody introduces a colleague who then calls).
    assert_eq!(ceo.alternatives.len(), 1, "{:?}", ceo.alternatives);
    assert_eq!(ceo.alternatives[0].owner.as_str(), "ann");
    assert!(!ceo.alternatives[0].path.nodes.iter().any(|n| n.as_str() == "pri"));
    // Names beside ids.
    assert_eq!(cfo.name, "Carl Funds");
    assert_eq!(cfo.owner_name.as_deref(), Some("Priya Shah"));
    assert_eq!(cfo.path.names, ["Priya Shah", "Carl Funds"]);
}

#[test]
fn a_salespersons_paths_run_through_colleagues_into_buy_in_and_closing_advice() {
    let networks = team_portfolio(Sharing::Yes);
    let as_of = networks.at(AS_OF, &DecayPolicy::default());
    let ann = StageOptions::new().owner(ContactId::new("ann").unwrap());
    // Buy-in: Ann's strongest way to the CFO and the CEO runs through Priya.
    let buy_in = stages::buy_in(&as_of, "Globex", &ann).unwrap();
    let path = |id: &str| buy_in.decision_makers.iter().find(|k| k.id.as_str() == id).unwrap().path.clone();
    assert_eq!(ids(&path("cfo").nodes), ["ann", "pri", "cfo"]);
    assert_eq!(ids(&path("ceo").nodes), ["ann", "pri", "cfo", "ceo"]);
    assert_eq!(buy_in.colleagues.len(), 1);
    assert_eq!(buy_in.colleagues[0].id.as_str(), "pri");
    assert_eq!(buy_in.colleagues[0].leads_to.len(), 2);
    let advice = buy_in.recommendations.iter().find(|r| r.code == RecommendationCode::AskColleague).unwrap();
    assert!(advice.message.contains("ask your colleague Priya Shah (pri) to introduce you to"), "{}", advice.message);
    assert!(advice.message.contains("Carl Funds (cfo)"), "{}", advice.message);
    assert!(buy_in.to_string().contains("Colleagues on your paths (1)"));
    // Closing on the CFO: Priya knows them; Uma (a customer) vouches too.
    let closing = stages::closing(&as_of, "cfo", &ann).unwrap();
    assert_eq!(closing.colleagues.len(), 1);
    let pri = &closing.colleagues[0];
    assert_eq!((pri.id.as_str(), pri.salesperson, pri.via.is_none()), ("pri", true, true));
    assert!((pri.score - 0.6 * 0.8).abs() < 1e-12);
    let advice = closing.recommendations.iter().find(|r| r.code == RecommendationCode::AskColleague).unwrap();
    assert!(
        advice.message.starts_with("ask your colleague Priya Shah (pri), who knows Carl Funds (cfo) (tie 0.80)"),
        "{}",
        advice.message
    );
    // Priya's own closing report has no colleague (she is the one who knows).
    let own = stages::closing(&as_of, "cfo", &StageOptions::new().owner(ContactId::new("pri").unwrap())).unwrap();
    assert!(own.colleagues.is_empty());
    // A colleague who does not share is never proposed.
    let private = team_portfolio(Sharing::No);
    let as_of = private.at(AS_OF, &DecayPolicy::default());
    let closing = stages::closing(&as_of, "hce", &ann).unwrap();
    assert!(closing.colleagues.is_empty());
}

#[test]
fn coverage_flags_one_of_us_and_one_of_them() {
    let report = run(&team_portfolio(Sharing::Yes), &TeamOptions::new());
    let cov = |org: &str| report.coverage.iter().find(|c| c.organization == org).unwrap();
    let globex = cov("Globex");
    // Held by two salespeople (Priya: the CFO; Ann: the gatekeeper): not single-threaded ours.
    assert_eq!(globex.reps.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["ann", "pri"]);
    assert!(!globex.single_threaded_ours);
    assert!(!globex.single_threaded_theirs);
    assert_eq!(globex.held, 2);
    let initech = cov("Initech");
    assert!(initech.single_threaded_ours);
    assert!(!initech.single_threaded_theirs, "Ann holds the CTO and the influencer");
    let smallco = cov("Smallco");
    assert!(smallco.single_threaded_ours && smallco.single_threaded_theirs);
    // Customers and prospects only, in input order.
    let orgs: Vec<&str> = report.coverage.iter().map(|c| c.organization.as_str()).collect();
    assert_eq!(orgs, ["Globex", "Initech", "Hooli", "Umbrella", "Smallco"]);
}

#[test]
fn risks_name_the_single_rep_key_person_the_fading_tie_and_the_overused_referee() {
    let report = run(&team_portfolio(Sharing::Yes), &TeamOptions::new());
    let of = |code: RiskCode| -> Vec<&str> {
        report.risks.iter().filter(|r| r.code == code).map(|r| r.id.as_str()).collect()
    };
    // Umbrella is the top customer: its CIO, known by Ann alone, is a risk; Smallco's CEO is not.
    assert_eq!(of(RiskCode::KeyPersonSingleRep), ["cio"]);
    assert_eq!(of(RiskCode::TeamTieFading), ["inf"]);
    assert_eq!(of(RiskCode::RefereeOverused), ["uma"]);
    let overused = report.risks.iter().find(|r| r.code == RiskCode::RefereeOverused).unwrap();
    assert_eq!(overused.deals.iter().map(ToString::to_string).collect::<Vec<_>>(), ["d1", "d2"]);
    assert_eq!(overused.name, "Uma User");
}

#[test]
fn salespeople_have_their_four_networks_side_by_side() {
    let report = run(&team_portfolio(Sharing::Yes), &TeamOptions::new());
    let ann = &report.salespeople[0];
    assert_eq!(ann.id.as_str(), "ann");
    let kinds: Vec<&str> = ann.networks.iter().map(|n| n.network.as_str()).collect();
    assert_eq!(kinds, ["market", "prospect", "internal", "customer"]);
    let prospect = &ann.networks[1];
    // gk, cto, inf (fading).
    assert_eq!((prospect.size, prospect.fading), (3, 1));
    let customer = &ann.networks[3];
    assert_eq!(customer.size, 3);
    // Ann's customer contacts (cio, uma, sce) do not know each other: effective size = size.
    assert!((customer.effective_size.unwrap() - 3.0).abs() < 1e-12);
    assert_eq!(ann.networks[0].effective_size, None);
}

#[test]
fn effective_size_matches_the_prospecting_report() {
    let networks = salesnet::io::read_portfolio(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample")).unwrap();
    let as_of = networks.at(AS_OF, &DecayPolicy::default());
    let report = stages::team(&as_of, &TeamOptions::new()).unwrap();
    let prospecting = stages::prospecting(&as_of, &StageOptions::new()).unwrap();
    let market = &report.salespeople[0].networks[0];
    let expected = prospecting.effective_size.unwrap();
    assert!((market.effective_size.unwrap() - expected).abs() < 1e-9, "{market:?} vs {expected}");
}

#[test]
fn a_private_reps_ties_never_appear_in_anothers_path_but_count_for_coverage() {
    for share in [Sharing::Yes, Sharing::No] {
        let networks = team_portfolio(share);
        let as_of = networks.at(AS_OF, &DecayPolicy::default());
        let buy_in =
            stages::buy_in(&as_of, "Hooli", &StageOptions::new().owner(ContactId::new("ann").unwrap())).unwrap();
        let path = &buy_in.decision_makers[0].path;
        let team = stages::team(&as_of, &TeamOptions::new().account("Hooli")).unwrap();
        let hooli = &team.coverage[0];
        assert_eq!(hooli.held, 1);
        assert_eq!(hooli.reps.len(), 1);
        assert_eq!(hooli.reps[0].ties, 1);
        assert!(hooli.single_threaded_ours);
        match share {
            Sharing::Yes => {
                assert_eq!(ids(&path.nodes), ["ann", "bob", "hce"]);
                assert_eq!(team.intros[0].owner.as_ref().unwrap().as_str(), "bob");
                assert_eq!(hooli.reps[0].people.len(), 1);
            }
            Sharing::No => {
                assert!(!path.exists(), "{path:?}");
                assert_eq!(team.intros[0].owner, None);
                assert!(hooli.reps[0].people.is_empty());
                // Bob's own report still uses his tie.
                let own = stages::buy_in(&as_of, "Hooli", &StageOptions::new().owner(ContactId::new("bob").unwrap()))
                    .unwrap();
                assert_eq!(ids(&own.decision_makers[0].path.nodes), ["bob", "hce"]);
            }
        }
    }
}

#[test]
fn share_survives_csv_and_json_round_trips() {
    let networks = team_portfolio(Sharing::No);
    let dir = std::env::temp_dir().join(format!("salesnet-team-share-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (csv, json) = (dir.join("csv"), dir.join("team.json"));
    write_portfolio(&networks, &csv).unwrap();
    write_portfolio(&networks, &json).unwrap();
    let contacts = std::fs::read_to_string(csv.join("contacts.csv")).unwrap();
    assert!(contacts.starts_with("id,name,organization,role,department,share\n"), "{contacts}");
    assert!(contacts.contains("bob,Bob Quiet,Acme,owner,,no\n"), "{contacts}");
    assert!(contacts.contains("ann,Ann Seller,Acme,owner,,\n"), "{contacts}");
    assert_eq!(read_portfolio(&csv).unwrap(), networks);
    assert_eq!(read_portfolio(&json).unwrap(), networks);
    // Everyone sharing: no share column at all.
    let open = team_portfolio(Sharing::Yes);
    write_portfolio(&open, dir.join("open")).unwrap();
    let contacts = std::fs::read_to_string(dir.join("open").join("contacts.csv")).unwrap();
    assert!(contacts.starts_with("id,name,organization,role,department\n"), "{contacts}");
    // A bad value names file, line and field.
    let bad = std::fs::read_to_string(csv.join("contacts.csv")).unwrap().replace(",no\n", ",maybe\n");
    std::fs::write(csv.join("contacts.csv"), bad).unwrap();
    let e = read_portfolio(&csv).unwrap_err();
    assert!(matches!(e, salesnet::Error::UnknownSharing { .. }), "{e}");
    assert!(e.to_string().contains("line 4") && e.to_string().contains("`share`"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn written(networks: &SalesNetworks, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-team-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_portfolio(networks, &dir).unwrap();
    dir
}

#[test]
fn analyze_team_prints_text_and_json_with_names_and_redacts() {
    let dir = written(&team_portfolio(Sharing::Yes), "out");
    let p = dir.to_str().unwrap();
    let text = analyze_ok(&["team", "--portfolio", p, "--as-of", "2026-11-01"]);
    assert!(
        text.contains(
            "Carl Funds (cfo) (decision maker, Globex): Priya Shah (pri) calls: Priya Shah (pri) -> Carl Funds (cfo)"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&analyze_ok(&["team", "--portfolio", p, "--as-of", "2026-11-01", "--json"])).unwrap();
    let intro = &json["intros"][0];
    assert_eq!(intro["target"], "cfo");
    assert_eq!(intro["name"], "Carl Funds");
    assert_eq!(intro["owner"], "pri");
    assert_eq!(intro["path"]["nodes"], serde_json::json!(["pri", "cfo"]));
    let globex = &json["coverage"][0];
    assert_eq!(globex["organization"], "Globex");
    assert_eq!(globex["reps"][0]["id"], "ann");
    assert_eq!(globex["single_threaded_ours"], false);
    assert_eq!(globex["single_threaded_theirs"], false);
    assert!(json["risks"].as_array().unwrap().iter().any(|r| r["code"] == "key_person_single_rep" && r["id"] == "cio"));
    let one = analyze_ok(&["team", "--portfolio", p, "--as-of", "2026-11-01", "--account", "Initech", "--json"]);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(one["coverage"].as_array().unwrap().len(), 1);
    // Redacted: no name, id or organization of the input.
    let red = analyze_ok(&["team", "--portfolio", p, "--as-of", "2026-11-01", "--redact", "--account", "Globex"]);
    for secret in ["Carl", "Priya", "Globex", "cfo", "pri "] {
        assert!(!red.contains(secret), "{secret} in {red}");
    }
    let e = analyze_err(&["team", "--portfolio", p, "--account", "Nowhere"], 1);
    assert!(e.contains("Nowhere"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_team_picture_draws_every_sharing_salesperson_and_the_first_calls() {
    use salesnet::draw::{DrawOptions, draw_team};
    let networks = team_portfolio(Sharing::Yes);
    let as_of = networks.at(AS_OF, &DecayPolicy::default());
    let report = stages::team(&as_of, &TeamOptions::new().account("Globex")).unwrap();
    let svg = draw_team(&as_of, &report, &DrawOptions::new()).unwrap();
    let svg = svg.as_str();
    assert!(svg.contains("Team · Globex"), "title");
    for who in ["Ann Seller and their ties", "Priya Shah and their ties", "Bob Quiet and their ties"] {
        assert!(svg.contains(who), "{who} in the legend");
    }
    assert_eq!(svg.matches("· salesperson</title>").count(), 3);
    assert!(svg.contains("Priya Shah calls Carl Funds"), "the first caller in the legend");
    // The first calls are traced (strongest-path polylines).
    assert!(svg.matches("<polyline").count() >= 2);
    // Deterministic.
    assert_eq!(draw_team(&as_of, &report, &DrawOptions::new()).unwrap().as_str(), svg);
    // A private salesperson is left out of the picture, ties and all.
    let private = team_portfolio(Sharing::No);
    let as_of = private.at(AS_OF, &DecayPolicy::default());
    let report = stages::team(&as_of, &TeamOptions::new().account("Hooli")).unwrap();
    let svg = draw_team(&as_of, &report, &DrawOptions::new()).unwrap();
    assert!(!svg.as_str().contains("Bob Quiet"));
    // Every prospect at once is not one picture.
    let all = stages::team(&as_of, &TeamOptions::new()).unwrap();
    assert!(draw_team(&as_of, &all, &DrawOptions::new()).is_err());
}

#[test]
fn the_html_report_of_a_team_has_a_team_section() {
    use salesnet::report::{ReportOptions, html_report};
    let networks = team_portfolio(Sharing::Yes);
    let as_of = networks.at(AS_OF, &DecayPolicy::default());
    let html = html_report(&as_of, &ReportOptions::new().owner(ContactId::new("ann").unwrap())).unwrap();
    assert!(html.contains("6. Team"));
    assert!(html.contains("first caller"));
    assert!(html.contains("key_person_single_rep"));
    assert!(html.contains("<h3>Team on "));
    // A one-owner portfolio has no team section (the sample's report is unchanged).
    let sample = read_portfolio(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample")).unwrap();
    let html = html_report(&sample.at(AS_OF, &DecayPolicy::default()), &ReportOptions::new()).unwrap();
    assert!(!html.contains("6. Team"));
}

#[test]
fn analyze_team_writes_the_svg_of_an_account() {
    let dir = written(&team_portfolio(Sharing::Yes), "svg");
    let p = dir.to_str().unwrap();
    let out = dir.with_extension("svg");
    let o = out.to_str().unwrap();
    analyze_ok(&["team", "--portfolio", p, "--as-of", "2026-11-01", "--account", "Globex", "--svg", o]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Team · Globex"));
    // Redacted: pseudonyms only.
    analyze_ok(&["team", "--portfolio", p, "--as-of", "2026-11-01", "--account", "Globex", "--svg", o, "--redact"]);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(!svg.contains("Priya") && !svg.contains("Globex"), "redacted picture");
    // --svg needs --account.
    analyze_err(&["team", "--portfolio", p, "--svg", o], 2);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_file(&out).unwrap();
}

#[test]
fn the_team_sample_shows_what_its_readme_says() {
    let team_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team");
    let networks = read_portfolio(team_dir).unwrap();
    assert_eq!(networks.owners().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["own00", "own01", "own02"]);
    let report = run(&networks, &TeamOptions::new());
    let intro = |id: &str| report.intros.iter().find(|i| i.target.as_str() == id).unwrap();
    assert_eq!(intro("qua02").owner.as_ref().unwrap().as_str(), "own01");
    assert_eq!(intro("qua02").alternatives[0].owner.as_str(), "own00");
    assert_eq!(intro("pin02").owner.as_ref().unwrap().as_str(), "own02");
    assert_eq!(ids(&intro("pin01").path.nodes), ["own02", "pin02", "pin01"]);
    let cov = |org: &str| report.coverage.iter().find(|c| c.organization == org).unwrap();
    assert!(!cov("Ardent Energy").single_threaded_ours);
    assert!(cov("Quayside Insurance").reps.len() == 2);
    let risk = |code: RiskCode, id: &str| report.risks.iter().any(|r| r.code == code && r.id.as_str() == id);
    assert!(!risk(RiskCode::KeyPersonSingleRep, "hal03"));
    assert!(risk(RiskCode::KeyPersonSingleRep, "hal01"));
    assert!(risk(RiskCode::TeamTieFading, "mer01"));
    // The one-owner sample is untouched: the team sample is the sample plus the planted ties.
    let sample = read_portfolio(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample")).unwrap();
    assert_eq!(sample.owners().count(), 1);
    assert_eq!(networks.tie_count(), sample.tie_count() + 6);
}
