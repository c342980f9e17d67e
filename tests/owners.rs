//! A portfolio of several owners (a team): loaders, lossless round trips,
//! the owner every salesperson-centred call speaks for, and the command line.

use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::{Date, date};
use salesnet::draw::{DrawOptions, draw_stage};
use salesnet::io::{ExportOptions, Redaction, read_portfolio, redact, to_dot, to_graphml, write_portfolio};
use salesnet::report::{ReportOptions, html_report};
use salesnet::stages::{self, StageOptions, StageRequest};
use salesnet::{ContactId, DecayPolicy, Error, NetworkKind, OwnerChoice, Role, SalesNetworks};

const AS_OF: Date = date(2026, 11, 1);
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample");
const TEAM: [&str; 3] = ["own00", "own01", "own02"];

/// The sample with two more salespeople of Brightline Systems as owners.
fn team() -> SalesNetworks {
    let sample = read_portfolio(SAMPLE).unwrap();
    let mut b = SalesNetworks::builder();
    for org in sample.organizations() {
        b.organization(org.clone());
    }
    for c in sample.contacts() {
        let mut c = c.clone();
        if TEAM.contains(&c.id.as_str()) {
            c.role = Role::Owner;
        }
        b.contact(c);
    }
    for t in sample.ties() {
        b.tie(t.clone());
    }
    b.build().unwrap()
}

fn id(s: &str) -> ContactId {
    ContactId::new(s).unwrap()
}

fn requests() -> [StageRequest; 4] {
    [
        StageRequest::Prospecting,
        StageRequest::BuyIn { account: "Quayside Insurance".into() },
        StageRequest::Solution,
        StageRequest::Closing { target: salesnet::ContactId::new("ard01").unwrap() },
    ]
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-owners-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn three_owners_load_from_csv_and_json_and_round_trip_losslessly() {
    let team = team();
    let owners: Vec<&str> = team.owners().map(|c| c.id.as_str()).collect();
    assert_eq!(owners, TEAM);
    let dir = temp_dir("files");
    let (csv, json) = (dir.join("team"), dir.join("team.json"));
    write_portfolio(&team, &csv).unwrap();
    write_portfolio(&team, &json).unwrap();
    let contacts = std::fs::read_to_string(csv.join("contacts.csv")).unwrap();
    assert_eq!(contacts.lines().filter(|l| l.split(',').nth(3) == Some("owner")).count(), 3);
    let from_csv = read_portfolio(&csv).unwrap();
    let from_json = read_portfolio(&json).unwrap();
    assert_eq!(from_csv, team);
    assert_eq!(from_json, team);
    assert_eq!(from_json.owners().map(|c| c.id.as_str()).collect::<Vec<_>>(), TEAM);
    // CSV -> JSON -> CSV gives the same files.
    let again = dir.join("again");
    write_portfolio(&from_json, &again).unwrap();
    for file in ["organizations.csv", "contacts.csv", "ties.csv"] {
        assert_eq!(std::fs::read(csv.join(file)).unwrap(), std::fs::read(again.join(file)).unwrap(), "{file}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_salesperson_centred_call_needs_an_owner_when_there_are_several() {
    let team = team();
    let as_of = team.at(AS_OF, &DecayPolicy::default());
    let listed = |e: Error| matches!(e, Error::OwnerRequired { ref owners } if owners == &TEAM);
    for request in requests() {
        assert!(listed(stages::report(&as_of, &request, &StageOptions::new()).unwrap_err()));
    }
    assert!(listed(html_report(&as_of, &ReportOptions::new()).unwrap_err()));
    let view = as_of.view(NetworkKind::Market);
    let e = salesnet::draw::draw_view(&as_of, &view, &Default::default(), &DrawOptions::new()).unwrap_err();
    assert!(listed(e));
    // A contact that is not an owner is refused, naming the owners.
    let e = stages::report(&as_of, &StageRequest::Solution, &StageOptions::new().owner(id("own03"))).unwrap_err();
    assert!(matches!(e, Error::NotAnOwner { ref id, ref owners } if id == "own03" && owners == &TEAM), "{e}");
    assert!(e.to_string().contains("own00, own01, own02"));
}

#[test]
fn each_owner_gets_their_own_reports_and_the_first_matches_the_single_owner_sample() {
    let sample = read_portfolio(SAMPLE).unwrap();
    let single = sample.at(AS_OF, &DecayPolicy::default());
    let team = team();
    let as_of = team.at(AS_OF, &DecayPolicy::default());
    for request in requests() {
        let alone = stages::report(&single, &request, &StageOptions::new()).unwrap();
        let own00 = stages::report(&as_of, &request, &StageOptions::new().owner(id("own00"))).unwrap();
        // The other owners are colleagues of own00's, as they were: own00's reports are the sample's.
        assert_eq!(serde_json::to_string(&alone).unwrap(), serde_json::to_string(&own00).unwrap());
        assert_eq!(alone.to_string(), own00.to_string());
        let own01 = stages::report(&as_of, &request, &StageOptions::new().owner(OwnerChoice::Id(id("own01"))));
        let own01 = own01.unwrap();
        let svg = draw_stage(&as_of, &own01, &DrawOptions::new().seed(1)).unwrap();
        assert!(svg.as_str().ends_with("</svg>\n"));
        if !matches!(request, StageRequest::Closing { .. }) {
            assert_ne!(serde_json::to_string(&own00).unwrap(), serde_json::to_string(&own01).unwrap());
        }
    }
    let html = html_report(&as_of, &ReportOptions::new().owner(id("own01")).seed(1)).unwrap();
    assert!(html.contains("Portfolio of Grace Zielinski"));
}

#[test]
fn exports_and_redaction_carry_every_owner() {
    let team = team();
    let as_of = team.at(AS_OF, &DecayPolicy::default());
    let dot = to_dot(&as_of, &as_of.whole(), &ExportOptions::new());
    assert_eq!(dot.matches("\"peripheries\"=\"2\"").count(), 3);
    let xml = to_graphml(&as_of, &as_of.whole(), &ExportOptions::new().redaction(Redaction::Pseudonyms));
    assert_eq!(xml.matches(">owner</data>").count(), 3);
    let redacted = redact(&team);
    assert_eq!(redacted.owners().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["C0001", "C0002", "C0003"]);
    // The market view of the team holds every owner; one owner's, only that one.
    assert_eq!(
        as_of.view(NetworkKind::Market).len(),
        as_of.owner_view(team.owner_node(), NetworkKind::Market).len() + 2
    );
}

/// The command line, built by cargo (a no-op when it is fresh).
fn analyze() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--example", "analyze"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let exe = std::env::current_exe().unwrap();
    let debug = exe.parent().and_then(Path::parent).unwrap();
    debug.join("examples").join(format!("analyze{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn the_command_line_needs_owner_with_several_owners() {
    let dir = temp_dir("cli");
    let folder = dir.join("team");
    write_portfolio(&team(), &folder).unwrap();
    let analyze = analyze();
    let run = |extra: &[&str]| {
        let mut args = vec!["stage", "--portfolio", folder.to_str().unwrap(), "--as-of", "2026-11-01", "--json"];
        args.extend_from_slice(extra);
        Command::new(&analyze).args(&args).output().unwrap()
    };
    let out = run(&["--stage", "solution"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--owner") && err.contains("own00, own01, own02"), "{err}");

    let out = run(&["--stage", "solution", "--owner", "own01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["stage"], "solution");

    let out = run(&["--stage", "solution", "--owner", "own03"]);
    assert!(!out.status.success() && out.stdout.is_empty());

    let svg = dir.join("p.svg");
    let draw = |extra: &[&str]| {
        let mut args = vec!["draw", "--portfolio", folder.to_str().unwrap(), "--as-of", "2026-11-01"];
        args.extend_from_slice(&["--stage", "prospecting", "--out", svg.to_str().unwrap()]);
        args.extend_from_slice(extra);
        Command::new(&analyze).args(&args).output().unwrap()
    };
    assert!(!draw(&[]).status.success());
    assert!(draw(&["--owner", "own02", "--redact"]).status.success());
    let html = dir.join("r.html");
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "--portfolio", folder.to_str().unwrap(), "--as-of", "2026-11-01"];
        args.extend_from_slice(&["--out", html.to_str().unwrap()]);
        args.extend_from_slice(extra);
        Command::new(&analyze).args(&args).output().unwrap()
    };
    assert!(!report(&[]).status.success());
    assert!(report(&["--owner", "own02"]).status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}
