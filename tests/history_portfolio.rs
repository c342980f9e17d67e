//! The relationship history inside a portfolio: `interactions.csv` in a
//! folder and the JSON document's `interactions` key, read and written
//! losslessly, errors naming file, line and field, and the same inference
//! from either form.

use std::path::Path;

use proptest::prelude::*;
use salesnet::history::{InferOptions, ParticipantIndex, Unmatched, read_history, read_interactions};
use salesnet::io::{
    FolderHistory, portfolio_from_json, portfolio_to_json, read_portfolio, read_portfolio_with, write_portfolio,
};
use salesnet::jiff::civil::date;
use salesnet::{Error, Interaction, InteractionDate, InteractionKind};

const ORGS: &str = "name,relation,industry,value\nAcme,own,,\nGlobex,customer,,\n";
const CONTACTS: &str = "id,name,organization,role,department,email\n\
    me,Ann Seller,Acme,owner,,Ann@Acme.com\n\
    cfo,Carl Buyer,Globex,decision_maker,,carl@globex.com\n\
    cto,Dana Tech,Globex,influencer,,\n";
const TIES: &str = "source,target,level,last_contact\nme,cfo,4,2025-06-01\n";
const LOG: &str = "Date,KIND,from,to,cc,channel\n\
    2025-03-01,meeting,me,cfo;cto,,office\n\
    2026-01-10T09:30:00-05:00,email,ANN@acme.com, carl@globex.com ; cto ,stranger@else.org,\n\
    2026-01-11,email,carl@globex.com,ann@acme.com,,phone app\n";

fn folder(name: &str, log: Option<&str>) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-history-portfolio-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("organizations.csv"), ORGS).unwrap();
    std::fs::write(dir.join("contacts.csv"), CONTACTS).unwrap();
    std::fs::write(dir.join("ties.csv"), TIES).unwrap();
    if let Some(log) = log {
        std::fs::write(dir.join("interactions.csv"), log).unwrap();
    }
    dir
}

#[test]
fn a_folder_history_is_read_into_the_portfolio_and_round_trips_through_json() {
    let dir = folder("round", Some(LOG));
    let n = read_portfolio(&dir).unwrap();
    let h = n.interactions();
    assert_eq!(h.len(), 3);
    assert_eq!(h[0].kind, InteractionKind::Meeting);
    assert_eq!(h[0].to, ["cfo", "cto"]);
    assert_eq!(h[0].attributes.get("channel"), Some("office"));
    // Participants trimmed; the RFC 3339 time kept as written, counted on its own date.
    assert_eq!(h[1].date.as_str(), "2026-01-10T09:30:00-05:00");
    assert_eq!(h[1].date.date(), date(2026, 1, 10));
    assert_eq!(h[1].to, ["carl@globex.com", "cto"]);
    assert_eq!(h[1].cc, ["stranger@else.org"]);
    assert_eq!(h[2].attributes.get("channel"), Some("phone app"));

    let json = portfolio_to_json(&n);
    assert!(json.contains("\"interactions\": ["), "{json}");
    let back = portfolio_from_json(json.as_bytes(), "p.json").unwrap();
    assert_eq!(back, n, "JSON round trip");
    assert_eq!(portfolio_to_json(&back), json, "same bytes again");

    // JSON to a folder and back: equal, and interactions.csv in its canonical form.
    let out = std::env::temp_dir().join(format!("salesnet-history-portfolio-{}-out", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    write_portfolio(&back, &out).unwrap();
    let text = std::fs::read_to_string(out.join("interactions.csv")).unwrap();
    assert_eq!(
        text,
        "date,kind,from,to,cc,channel\n\
         2025-03-01,meeting,me,cfo;cto,,office\n\
         2026-01-10T09:30:00-05:00,email,ANN@acme.com,carl@globex.com;cto,stranger@else.org,\n\
         2026-01-11,email,carl@globex.com,ann@acme.com,,phone app\n"
    );
    assert_eq!(read_portfolio(&out).unwrap(), n, "folder round trip");
    // Left in its file on request (for streaming a large log).
    assert!(read_portfolio_with(&dir, FolderHistory::Leave).unwrap().interactions().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_portfolio_without_history_writes_no_key_and_no_file() {
    let dir = folder("none", None);
    let n = read_portfolio(&dir).unwrap();
    assert!(n.interactions().is_empty());
    assert!(!portfolio_to_json(&n).contains("interactions"));
    let out = std::env::temp_dir().join(format!("salesnet-history-portfolio-{}-none-out", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    write_portfolio(&n, &out).unwrap();
    assert!(!out.join("interactions.csv").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_same_ties_are_inferred_from_the_json_key_as_from_the_file() {
    let dir = folder("same", Some(LOG));
    let n = read_portfolio(&dir).unwrap();
    let index = || ParticipantIndex::from_networks(&n, Unmatched::Report);
    let mut from_file = read_interactions(&[dir.join("interactions.csv")], index(), InferOptions::default()).unwrap();
    let json = portfolio_from_json(portfolio_to_json(&n).as_bytes(), "p.json").unwrap();
    let mut from_key = read_history(json.interactions(), &[], index(), InferOptions::default()).unwrap();
    assert_eq!(from_key.report, from_file.report);
    let as_of = date(2026, 2, 1);
    let (a, b) = (from_file.inference.finish(as_of), from_key.inference.finish(as_of));
    assert_eq!(a, b);
    // me-cfo (meeting, two-way mail), me-cto and cfo-cto (the meeting).
    assert_eq!(a.ties().len(), 3);
    assert_eq!(a.summary.one_way_pairs, 0, "me -> cto by mail adds to their meeting; the stranger is unmatched");
    assert_eq!(from_file.report.unmatched_mentions, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

fn doc(interactions: &str) -> String {
    format!(
        "{{\n  \"organizations\": [{{\"name\": \"Acme\", \"relation\": \"own\"}}],\n  \"contacts\": [{{\"id\": \"me\", \"name\": \"Ann\", \"organization\": \"Acme\", \"role\": \"owner\"}}],\n  \"ties\": [],\n  \"interactions\": [\n{interactions}\n  ]\n}}\n"
    )
}

/// The error of a document whose `interactions` hold `record` (on line 6).
fn fails(record: &str) -> (Error, String) {
    let e = portfolio_from_json(doc(record).as_bytes(), "p.json").expect_err(record);
    let text = e.to_string();
    (e, text)
}

#[test]
fn json_history_errors_name_file_line_and_field() {
    let ok = r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": ["bob"]}"#;
    let n = portfolio_from_json(doc(ok).as_bytes(), "p.json").unwrap();
    assert_eq!(n.interactions().len(), 1);
    assert!(n.interactions()[0].cc.is_empty());

    let (e, t) = fails(r#"    {"date": "05/01/2026", "kind": "email", "from": "me", "to": ["bob"]}"#);
    assert!(matches!(e, Error::InvalidDateTime { .. }), "{t}");
    assert_eq!(
        t,
        "p.json, line 6, field `interactions[0].date`: `05/01/2026` is not a date YYYY-MM-DD or an RFC 3339 time such as 2026-01-05T10:00:00Z"
    );
    let (_, t) = fails(r#"    {"date": "2026-01-05", "kind": "fax", "from": "me", "to": ["bob"]}"#);
    assert!(
        t.starts_with("p.json, line 6, field `interactions[0].kind`: ") && t.contains("unknown interaction kind `fax`"),
        "{t}"
    );
    let (e, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": " ", "to": ["bob"]}"#);
    assert!(matches!(e, Error::EmptyValue { .. }) && t.contains("field `interactions[0].from`"), "{t}");
    let (e, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": [], "cc": []}"#);
    assert!(matches!(e, Error::EmptyValue { .. }) && t.contains("line 6, field `interactions[0].to`"), "{t}");
    let (e, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me"}"#);
    assert!(matches!(e, Error::MissingColumn { .. }) && t.contains("interactions[0].to"), "{t}");
    let (_, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": "bob"}"#);
    assert!(
        t.contains("field `interactions[0].to`: malformed input: expected an array of participants, found a string"),
        "{t}"
    );
    let (_, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": ["bob", 7]}"#);
    assert!(t.contains("field `interactions[0].to[1]`: malformed input: expected a string"), "{t}");
    let (_, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": ["bob;carol"]}"#);
    assert!(t.contains("field `interactions[0].to[0]`") && t.contains("cannot contain `;`"), "{t}");
    let (_, t) = fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": ["bob"], "subject": "x"}"#);
    assert!(t.contains("field `interactions[0].subject`: malformed input: unknown key"), "{t}");
    let (_, t) =
        fails(r#"    {"date": "2026-01-05", "kind": "email", "from": "me", "to": ["bob"], "attributes": {"cc": "x"}}"#);
    assert!(t.contains("interactions[0].attributes.cc") && t.contains("required column"), "{t}");
    // The second record, on its own line.
    let (_, t) = fails(&format!(
        "{ok},\n    {{\"date\": \"2026-02-30\", \"kind\": \"call\", \"from\": \"me\", \"to\": [\"bob\"]}}"
    ));
    assert!(t.starts_with("p.json, line 7, field `interactions[1].date`"), "{t}");
    let e = portfolio_from_json(
        doc(ok).replace("\"interactions\": [", "\"interactions\": {").replace("\n  ]\n}", "\n  }\n}").as_bytes(),
        "p.json",
    );
    assert!(e.is_err());
}

#[test]
fn csv_history_errors_fail_the_whole_portfolio() {
    let dir = folder("bad", Some("date,kind,from,to\n2026-01-05,email,me,cfo\n2026-01-06,email,me,\n"));
    let e = read_portfolio(&dir).unwrap_err();
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    assert!(e.to_string().contains("interactions.csv, line 3, field `to`"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn participant() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9._@-]{1,12}"
}

fn interaction() -> impl Strategy<Value = Interaction> {
    (
        0i64..4000,
        prop::sample::select(InteractionKind::ALL.to_vec()),
        participant(),
        prop::collection::vec(participant(), 0..4),
        prop::collection::vec(participant(), 0..3),
        prop::option::of("[a-z ]{1,8}"),
        any::<bool>(),
    )
        .prop_filter("a recipient", |(_, _, _, to, cc, _, _)| !to.is_empty() || !cc.is_empty())
        .prop_map(|(day, kind, from, to, cc, note, timed)| {
            let d = date(2020, 1, 1).checked_add(salesnet::jiff::Span::new().days(day)).unwrap();
            let text = if timed { format!("{d}T08:15:00+02:00") } else { d.to_string() };
            let mut i = Interaction::new(InteractionDate::parse(&text).unwrap(), kind, from, to);
            i.cc = cc;
            if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
                i.attributes.set("note", note);
            }
            i
        })
}

proptest! {
    #[test]
    fn histories_round_trip_through_json_and_csv(log in prop::collection::vec(interaction(), 0..12)) {
        let dir = folder(&format!("prop-{}", log.len()), None);
        let mut b = read_portfolio(&dir).unwrap().to_builder();
        for i in &log {
            b.interaction(i.clone());
        }
        let n = b.build().unwrap();
        let back = portfolio_from_json(portfolio_to_json(&n).as_bytes(), "p.json").unwrap();
        prop_assert_eq!(&back, &n);
        let out = dir.join("out");
        write_portfolio(&n, &out).unwrap();
        prop_assert_eq!(read_portfolio(&out).unwrap(), n);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn json_history_reader_never_panics(text in ".{0,200}") {
        let _ = portfolio_from_json(doc(&text).as_bytes(), Path::new("p.json"));
        let _ = portfolio_from_json(doc(&format!("{{\"date\": {text:?}, \"kind\": \"call\", \"from\": \"me\", \"to\": [{text:?}]}}")).as_bytes(), Path::new("p.json"));
    }
}
