//! Property tests of portfolio files: lossless round trips, and no panic on any input.

use std::collections::BTreeSet;

use jiff::civil::Date;
use proptest::prelude::*;
use salesnet::io::{
    EdgeListOptions, PortfolioCsv, portfolio_from_csv, portfolio_from_json, portfolio_to_csv, portfolio_to_json,
    read_edge_list_from,
};
use salesnet::{
    Attributes, Contact, ContactId, Error, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Sharing, Tie,
};

const REQUIRED: [&str; 14] = [
    "share",
    "name",
    "relation",
    "industry",
    "value",
    "id",
    "organization",
    "role",
    "department",
    "source",
    "target",
    "level",
    "last_contact",
    "attributes",
];

/// Short text full of what CSV and JSON must escape: commas, quotes, line
/// ends, backslashes, white space, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        Just(','),
        Just('"'),
        Just('\n'),
        Just('\r'),
        Just(' '),
        Just('\t'),
        Just('\\'),
        Just('é'),
        Just('😀'),
        Just('a'),
        Just('Z'),
        Just('0'),
        any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ];
    prop::collection::vec(c, 0..6).prop_map(String::from_iter)
}

fn non_empty_text() -> impl Strategy<Value = String> {
    text().prop_filter("non-empty", |t| !t.is_empty())
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        (0u32..10_000_000).prop_map(f64::from),
        prop::num::f64::POSITIVE | prop::num::f64::ZERO,
        (1u32..1000).prop_map(|n| f64::from(n) / 7.0),
    ]
    .prop_filter("finite", |v| v.is_finite())
}

fn date() -> impl Strategy<Value = Date> {
    (1900i16..2100, 1i8..=12, 1i8..=31)
        .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or_else(|_| Date::new(y, m, 28).unwrap()))
}

fn relation() -> impl Strategy<Value = Relation> {
    prop::sample::select(Relation::ALL.to_vec())
}

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.iter().copied().filter(|r| *r != Role::Owner).collect::<Vec<_>>())
}

/// Up to 3 attribute keys for one file (not required column names, unique).
fn keys() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4).prop_map(|keys| {
        let mut seen = BTreeSet::new();
        keys.into_iter().filter(|k| !REQUIRED.contains(&k.trim()) && seen.insert(k.clone())).collect()
    })
}

/// Attributes drawn from `keys`, in key order (as a CSV file would give them).
fn attributes(keys: Vec<String>) -> impl Strategy<Value = Attributes> {
    let n = keys.len();
    prop::collection::vec(prop::option::of(text()), n).prop_map(move |values| {
        keys.iter().zip(values).filter_map(|(k, v)| Some((k.clone(), v?))).collect::<Attributes>()
    })
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(non_empty_text())
}

/// A random valid portfolio: 1-3 organizations, 1-6 contacts (one owner, and
/// every `other` of the owner's firm an owner too: a team), random ties.
fn portfolio() -> impl Strategy<Value = SalesNetworks> {
    (keys(), keys(), keys(), 1usize..4, 1usize..7).prop_flat_map(|(org_keys, contact_keys, tie_keys, n_orgs, n)| {
        let orgs = prop::collection::vec(
            (text(), relation(), optional_text(), prop::option::of(value()), attributes(org_keys)),
            n_orgs,
        );
        let contacts =
            prop::collection::vec((text(), text(), 0..n_orgs, role(), optional_text(), attributes(contact_keys)), n);
        let ties =
            prop::collection::vec((0..n, 0..n, 0u8..=5, prop::option::of(date()), attributes(tie_keys)), 0..(n * 2));
        (orgs, contacts, 0..n, ties).prop_map(|(orgs, contacts, owner, ties)| {
            let mut b = SalesNetworks::builder();
            let org_name = |i: usize, suffix: &str| format!("org{i}{suffix}");
            // Owners belong to our own firm.
            let firm = contacts[owner].2;
            for (i, (suffix, relation, industry, value, attributes)) in orgs.iter().enumerate() {
                b.organization(Organization {
                    name: org_name(i, suffix),
                    relation: if i == firm { Relation::Own } else { *relation },
                    industry: industry.clone(),
                    value: *value,
                    attributes: attributes.clone(),
                });
            }
            let id = |i: usize, suffix: &str| ContactId::new(format!("c{i}{suffix}")).unwrap();
            for (i, (suffix, name, org, role, department, attributes)) in contacts.iter().enumerate() {
                b.contact(Contact {
                    id: id(i, suffix),
                    name: name.clone(),
                    organization: org_name(*org, &orgs[*org].0),
                    role: if i == owner || (*org == firm && *role == Role::Other) { Role::Owner } else { *role },
                    department: department.clone(),
                    // Some contacts do not share (the optional `share` column).
                    share: if name.len() % 3 == 0 { Sharing::No } else { Sharing::Yes },
                    attributes: attributes.clone(),
                });
            }
            let mut pairs = BTreeSet::new();
            for (s, t, level, last_contact, attributes) in ties {
                if s != t && pairs.insert((s.min(t), s.max(t))) {
                    b.tie(Tie {
                        source: id(s, &contacts[s].0),
                        target: id(t, &contacts[t].0),
                        level: RelationshipLevel::new(level).unwrap(),
                        last_contact,
                        attributes,
                    });
                }
            }
            b.build().unwrap()
        })
    })
}

fn from_csv(csv: &PortfolioCsv) -> salesnet::Result<SalesNetworks> {
    portfolio_from_csv(csv.organizations.as_bytes(), csv.contacts.as_bytes(), csv.ties.as_bytes(), "crm")
}

/// An error of bad input must say where, except an owner count of 0 (the whole file).
fn located(e: &Error) -> bool {
    match e {
        Error::OwnerCount { found: 0, .. } => true,
        // A file with no header row at all: the error names the file.
        Error::EmptyFile { location } => {
            location.line.is_none() && location.file.extension().is_some_and(|x| x == "csv")
        }
        e => e.location().is_some_and(|l| l.line.is_some()),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Insert(usize, u8),
    Replace(usize, u8),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        Just(b','),
        Just(b'"'),
        Just(b'\n'),
        Just(b'\r'),
        Just(b'{'),
        Just(b'}'),
        Just(b'['),
        Just(b':'),
        Just(b'-'),
        Just(b'5'),
        Just(b'9'),
        Just(0u8),
        Just(0xC3),
        any::<u8>()
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Mutation::SwapLines(i, j)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match *m {
        Mutation::Delete(i) if !out.is_empty() => {
            out.remove(at(i, out.len()));
        }
        Mutation::Insert(i, b) => out.insert(at(i, out.len() + 1), b),
        Mutation::Replace(i, b) if !out.is_empty() => {
            let i = at(i, out.len());
            out[i] = b;
        }
        Mutation::SwapLines(i, j) => {
            let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let n = lines.len();
            lines.swap(at(i, n), at(j, n));
            out = lines.join(&b'\n');
        }
        Mutation::Truncate(i) => out.truncate(at(i, out.len() + 1)),
        _ => {}
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn round_trips_are_lossless(n in portfolio()) {
        // portfolio -> CSV -> portfolio
        let csv = portfolio_to_csv(&n).unwrap();
        let from_csv_text = from_csv(&csv).unwrap();
        prop_assert_eq!(&from_csv_text, &n);
        // portfolio -> JSON -> portfolio
        let json = portfolio_to_json(&n);
        let from_json = portfolio_from_json(json.as_bytes(), "p.json").unwrap();
        prop_assert_eq!(&from_json, &n);
        // CSV -> JSON -> CSV, byte for byte
        let json2 = portfolio_to_json(&from_csv_text);
        prop_assert_eq!(&json2, &json);
        let back = portfolio_to_csv(&portfolio_from_json(json2.as_bytes(), "p.json").unwrap()).unwrap();
        prop_assert_eq!(back, csv);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let csv = base_csv();
        for r in [
            portfolio_from_csv(&bytes, csv.contacts.as_bytes(), csv.ties.as_bytes(), "crm"),
            portfolio_from_csv(csv.organizations.as_bytes(), &bytes, csv.ties.as_bytes(), "crm"),
            portfolio_from_csv(csv.organizations.as_bytes(), csv.contacts.as_bytes(), &bytes, "crm"),
            portfolio_from_json(&bytes, "p.json"),
        ] {
            if let Err(e) = r {
                prop_assert!(located(&e), "{}", e);
            }
        }
        let _ = read_edge_list_from(&bytes, "e.csv", EdgeListOptions::new());
        let _ = read_edge_list_from(&bytes, "e.csv", EdgeListOptions::new().weighted().directed());
    }

    #[test]
    fn csv_like_text_never_panics(body in prop::collection::vec(
        prop::sample::select(vec![",", "\"", "\n", "\r\n", "me", "c1", "Acme", "own", "owner", "3", "-1", "2025-02-30", " ", "é"]),
        0..60,
    ), file in 0usize..3) {
        let csv = base_csv();
        let mut files = [csv.organizations.clone(), csv.contacts.clone(), csv.ties.clone()];
        files[file].push_str(&body.concat());
        let r = portfolio_from_csv(files[0].as_bytes(), files[1].as_bytes(), files[2].as_bytes(), "crm");
        if let Err(e) = r {
            prop_assert!(located(&e), "{}", e);
        }
        let _ = read_edge_list_from(files[2].as_bytes(), "e.csv", EdgeListOptions::new().weighted());
    }

    #[test]
    fn json_like_text_never_panics(tokens in prop::collection::vec(
        prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"ties\"", "\"contacts\"", "\"organizations\"", "\"level\"", "\"id\"",
            "\"x\"", "\"\\u00e9\"", "\"\\ud800\"", "1", "-0.5", "1e999", "null", "true", " ", "\n",
        ]),
        0..60,
    )) {
        let text = tokens.concat();
        if let Err(e) = portfolio_from_json(text.as_bytes(), "p.json") {
            prop_assert!(located(&e), "{}", e);
        }
    }

    #[test]
    fn mutated_files_never_panic_and_errors_say_where(n in portfolio(), file in 0usize..4, m in mutation()) {
        let csv = portfolio_to_csv(&n).unwrap();
        let json = portfolio_to_json(&n);
        let mut files = [csv.organizations.into_bytes(), csv.contacts.into_bytes(), csv.ties.into_bytes(), json.into_bytes()];
        files[file] = mutate(&files[file], &m);
        let r = if file == 3 {
            portfolio_from_json(&files[3], "p.json")
        } else {
            portfolio_from_csv(&files[0], &files[1], &files[2], "crm")
        };
        match r {
            Err(e) => prop_assert!(located(&e), "{}", e),
            Ok(read) => {
                // Whatever is accepted is written back losslessly.
                let json = portfolio_to_json(&read);
                prop_assert_eq!(&portfolio_from_json(json.as_bytes(), "p.json").unwrap(), &read);
                if file < 3 {
                    prop_assert_eq!(&from_csv(&portfolio_to_csv(&read).unwrap()).unwrap(), &read);
                }
            }
        }
        if file < 3 {
            let _ = read_edge_list_from(&files[file], "e.csv", EdgeListOptions::new().weighted());
        }
    }
}

fn base_csv() -> PortfolioCsv {
    PortfolioCsv {
        organizations: "name,relation,industry,value\nAcme,own,,\nGlobex,customer,,5\n".into(),
        contacts: "id,name,organization,role,department\nme,Ann,Acme,owner,\nc1,Carl,Globex,buyer,\n".into(),
        ties: "source,target,level,last_contact\nme,c1,3,2025-01-01\n".into(),
        deals: None,
    }
}

#[test]
fn base_csv_reads() {
    from_csv(&base_csv()).unwrap();
}

/// The file functions: CSV folder -> JSON file -> CSV folder, with `convert`
/// choosing by the output path.
#[test]
fn convert_through_files_both_ways() {
    use salesnet::io::{Overwrite, convert, read_portfolio, write_portfolio};
    let dir = std::env::temp_dir().join(format!("salesnet-convert-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut org = Organization::new("Acme, Inc.", Relation::Own).with_value(1.5e6);
    org.attributes.set("region", "north\n\"east\"");
    let mut b = SalesNetworks::builder();
    b.organization(org)
        .organization(Organization::new("Globex", Relation::Prospect).with_industry("energy"))
        .contact(Contact::new("me", "Ann", "Acme, Inc.", Role::Owner).unwrap())
        .contact(Contact::new("p1", "Pat", "Globex", Role::Gatekeeper).unwrap().with_department("IT"))
        .tie(
            Tie::new("me", "p1", RelationshipLevel::new(2).unwrap())
                .unwrap()
                .with_last_contact(jiff::civil::date(2025, 2, 28)),
        );
    let n = b.build().unwrap();

    write_portfolio(&n, dir.join("crm")).unwrap();
    for name in ["organizations.csv", "contacts.csv", "ties.csv"] {
        assert!(dir.join("crm").join(name).is_file(), "{name}");
    }
    convert(dir.join("crm"), dir.join("p.JSON"), Overwrite::Refuse).unwrap();
    assert!(dir.join("p.JSON").is_file());
    convert(dir.join("p.JSON"), dir.join("again"), Overwrite::Refuse).unwrap();
    assert_eq!(read_portfolio(dir.join("crm")).unwrap(), n);
    assert_eq!(read_portfolio(dir.join("p.JSON")).unwrap(), n);
    assert_eq!(read_portfolio(dir.join("again")).unwrap(), n);
    assert_eq!(std::fs::read(dir.join("crm/ties.csv")).unwrap(), std::fs::read(dir.join("again/ties.csv")).unwrap());
    assert_eq!(
        std::fs::read_to_string(dir.join("again/organizations.csv")).unwrap(),
        "name,relation,industry,value,region\n\"Acme, Inc.\",own,,1500000,\"north\n\"\"east\"\"\"\nGlobex,prospect,energy,,\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("p.JSON")).unwrap(), portfolio_to_json(&n));
    // Nothing is written from bad input.
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    assert!(convert(dir.join("bad.json"), dir.join("never"), Overwrite::Refuse).is_err());
    assert!(!dir.join("never").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
