//! Error text is safe to print: a rejected value is echoed at most 64
//! characters long with control characters escaped, values that look like
//! a person's name are not echoed from code columns, and a redacted message
//! echoes no value at all. A fuzz-style property test puts arbitrary bytes
//! into every field of a portfolio and an edge list.

use proptest::prelude::*;
use salesnet::Error;
use salesnet::io::{EdgeListOptions, portfolio_from_csv, read_edge_list_from};

/// No message is longer than this (characters), whatever the input.
const BOUND: usize = 1024;

fn check(e: &Error, what: &str) {
    for (kind, m) in [("plain", e.to_string()), ("redacted", e.redacted().to_string())] {
        assert!(m.chars().count() <= BOUND, "{what} ({kind}): {} characters: {m:.200}", m.chars().count());
        assert!(!m.chars().any(char::is_control), "{what} ({kind}): a control character in {m:?}");
    }
}

const ORGS: [&str; 3] = ["name,relation,industry,value", "Acme,own,,", "Globex,prospect,energy,100"];
const CONTACTS: [&str; 3] =
    ["id,name,organization,role,department", "me,Ann Seller,Acme,owner,", "c1,Carl Buyer,Globex,decision_maker,IT"];
const TIES: [&str; 3] = ["source,target,level,last_contact", "me,c1,3,2025-01-01", "c1,me,2,"];

fn files() -> [Vec<Vec<Vec<u8>>>; 3] {
    let split = |rows: [&str; 3]| -> Vec<Vec<Vec<u8>>> {
        rows.iter().map(|r| r.split(',').map(|f| f.as_bytes().to_vec()).collect()).collect()
    };
    [split(ORGS), split(CONTACTS), split(TIES)]
}

fn join(rows: &[Vec<Vec<u8>>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in rows {
        out.extend(r.join(&b","[..]));
        out.push(b'\n');
    }
    out
}

fn field() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        any::<String>().prop_map(String::into_bytes),
        "[\\x00-\\x1f\\x7f\u{202e}a-zA-Z ;\\]]{0,300}".prop_map(String::into_bytes),
        (1usize..5000).prop_map(|n| "\u{1b}]0;pwned\u{7}".repeat(n).into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_bytes_in_any_portfolio_field_give_safe_errors(
        file in 0usize..3, row in 0usize..3, col in 0usize..5, bytes in field(),
    ) {
        let mut f = files();
        let rows = &mut f[file];
        let col = col % rows[row].len();
        rows[row][col] = bytes;
        // The tie file's second row would otherwise repeat the first tie.
        let [o, c, t] = f.map(|rows| join(&rows));
        if let Err(e) = portfolio_from_csv(&o, &c, &t, "crm") {
            check(&e, "portfolio");
        }
    }

    #[test]
    fn any_bytes_in_any_edge_list_field_give_safe_errors(row in 0usize..3, col in 0usize..3, bytes in field()) {
        let mut rows: Vec<Vec<Vec<u8>>> = ["source,target,weight", "a,b,1", "b,c,0.5"]
            .iter()
            .map(|r| r.split(',').map(|f| f.as_bytes().to_vec()).collect())
            .collect();
        rows[row][col] = bytes;
        let text = join(&rows);
        for options in [EdgeListOptions::new(), EdgeListOptions::new().weighted()] {
            if let Err(e) = read_edge_list_from(&text, "edges.csv", options) {
                check(&e, "edge list");
            }
        }
    }
}

fn contacts_with(line: &str) -> Result<salesnet::SalesNetworks, Error> {
    let orgs = ORGS.join("\n") + "\n";
    let contacts = format!("{}\n{line}\n", CONTACTS[..2].join("\n"));
    portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), TIES[0].as_bytes(), "crm")
}

#[test]
fn a_megabyte_id_is_cut_to_64_characters() {
    let id = "x".repeat(1 << 20);
    let ties = format!("{}\nme,{id},3,\n", TIES[0]);
    let e = portfolio_from_csv(
        (ORGS.join("\n") + "\n").as_bytes(),
        (CONTACTS.join("\n") + "\n").as_bytes(),
        ties.as_bytes(),
        "crm",
    )
    .unwrap_err();
    assert!(matches!(e, Error::UnknownContact { .. }), "{e}");
    let m = e.to_string();
    assert!(m.contains(&format!("`{}... ({} characters in all)`", "x".repeat(64), 1 << 20)), "{m}");
    assert!(m.len() < 200, "{m}");
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let ties = format!("{}\nme,\u{1b}]0;pwned\u{7}evil,3,\n", TIES[0]);
    let e = portfolio_from_csv(
        (ORGS.join("\n") + "\n").as_bytes(),
        (CONTACTS.join("\n") + "\n").as_bytes(),
        ties.as_bytes(),
        "crm",
    )
    .unwrap_err();
    let m = e.to_string();
    assert!(m.contains("`\\u{1b}]0;pwned\\u{7}evil`"), "{m}");
    assert!(!m.chars().any(char::is_control));
}

/// Misaligned columns: a name in the role column is not echoed.
#[test]
fn names_in_code_columns_are_not_echoed() {
    for name in ["Fiona Wexleridge", "Fiona", "Dr. Who"] {
        let e = contacts_with(&format!("c2,x,Globex,{name},")).unwrap_err();
        assert!(matches!(e, Error::UnknownRole { .. }), "{e}");
        let m = e.to_string();
        assert!(!m.contains(name), "{m}");
        assert!(m.contains("not shown"), "{m}");
    }
    // A code is echoed, so a typo can be found.
    let e = contacts_with("c2,x,Globex,ceo,").unwrap_err();
    assert!(e.to_string().contains("unknown role `ceo`"), "{e}");
}

#[test]
fn redacted_messages_echo_no_value() {
    let e = contacts_with("c2,x,Initech,user,").unwrap_err();
    assert!(e.to_string().contains("Initech"));
    let r = e.redacted().to_string();
    assert!(!r.contains("Initech"), "{r}");
    assert!(r.contains("contacts.csv, line 3, field `organization`"), "{r}");
}

/// A secret that must not appear in any redacted message.
const SECRET: &str = "fionawexleridge";

/// Parser messages quote the values they reject (serde_json's `invalid
/// type: string "..."`, the JSON reader's `unknown key "..."`, a header
/// list in a hint): redacted, they stop before the first quote.
#[test]
fn redacted_parser_messages_and_hints_echo_no_value() {
    let base = |contacts: &str, ties: &str| {
        format!(
            "{{\"organizations\": [{{\"name\": \"Acme\", \"relation\": \"own\"}}],\n\
             \"contacts\": [{{\"id\": \"me\", \"name\": \"Ann\", \"organization\": \"Acme\", \"role\": \"owner\"}}, {{\"id\": \"c1\", \"name\": \"Bo\", \"organization\": \"Acme\", \"role\": \"user\"}}{contacts}],\n\
             \"ties\": [{ties}]}}"
        )
    };
    let docs = [
        // A string that does not decode: serde_json's message quotes it.
        base(&format!(", {{\"id\": \"{SECRET}\\ud800\", \"name\": \"x\", \"organization\": \"Acme\"}}"), ""),
        // Broken JSON right after a value.
        base(&format!(", {{\"id\": \"{SECRET}\" \"name\": \"x\"}}"), ""),
        // A misaligned value in a code field.
        base(&format!(", {{\"id\": \"c2\", \"name\": \"x\", \"organization\": \"Acme\", \"role\": \"{SECRET}\"}}"), ""),
    ];
    let mut plain_leaks = 0;
    for doc in &docs {
        let e = salesnet::io::portfolio_from_json(doc.as_bytes(), "p.json").unwrap_err();
        plain_leaks += usize::from(e.to_string().contains(SECRET));
        let r = e.redacted().to_string();
        assert!(!r.contains(SECRET) && !r.contains("fiona"), "{r}");
        assert!(r.starts_with("p.json, line "), "{r}");
    }
    // The plain messages do carry it (so the test can fail).
    assert!(plain_leaks >= 1, "{plain_leaks}");

    // A headerless edge list: the hint lists the header, which is a row of ids.
    let e = read_edge_list_from(format!("{SECRET},bob\nbob,carol\n").as_bytes(), "g.csv", EdgeListOptions::new())
        .unwrap_err();
    assert!(e.to_string().contains(SECRET), "{e}");
    let r = e.redacted().to_string();
    assert!(!r.contains(SECRET), "{r}");
    assert!(r.contains("--source-column"), "{r}");

    // Owners' ids.
    let e = Error::OwnerRequired { owners: vec![SECRET.into(), "own02".into()] };
    assert!(e.to_string().contains(SECRET));
    assert_eq!(e.redacted().to_string(), "the portfolio has 2 owners: say which one (owners: 2 ids hidden)");
    let e = Error::NotAnOwner { id: SECRET.into(), owners: vec!["own01".into()] };
    assert!(!e.redacted().to_string().contains(SECRET) && !e.redacted().to_string().contains("own01"));
}

mod cli_support;

/// Under `--redact`, the command line's usage errors (clap's and its own)
/// and the parser's errors echo no value: each case shows the value without
/// `--redact` and hides it with it.
#[test]
fn redacted_command_line_errors_echo_no_value() {
    use cli_support::analyze;
    let dir = std::env::temp_dir().join(format!("salesnet-redact-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        format!(
            "{{\"organizations\": [{{\"name\": \"Acme\", \"relation\": \"own\"}}],\n\
             \"contacts\": [{{\"id\": \"me\", \"name\": \"Ann\", \"organization\": \"Acme\", \"role\": \"owner\"}}, {{\"id\": \"c1\", \"name\": \"Bo\", \"organization\": \"Acme\", \"role\": \"{SECRET}\"}}],\n\
             \"ties\": []}}"
        ),
    )
    .unwrap();
    let out = dir.join("r.html");
    let (out, bad) = (out.to_str().unwrap(), bad.to_str().unwrap());
    let cases: [(&[&str], i32); 5] = [
        // clap: a value outside the value list, an unknown argument.
        (&["export", "--portfolio", sample, "--out", out, "--format", SECRET], 2),
        (&["report", "--portfolio", sample, "--out", out, &format!("--{SECRET}")], 2),
        // Our own usage errors.
        (&["report", "--portfolio", sample, "--out", out, "--as-of", "2025-06-01", "--owner", SECRET], 1),
        (&["draw", "--portfolio", sample, "--out", out, "--stage", "closing", "--target", SECRET], 1),
        // A JSON portfolio's rejected value.
        (&["report", "--portfolio", bad, "--out", out], 1),
    ];
    for (args, code) in cases {
        let plain = analyze(args);
        assert_eq!(plain.status.code(), Some(code), "{args:?}");
        assert!(String::from_utf8_lossy(&plain.stderr).contains(SECRET), "{args:?}: {:?}", plain.stderr);
        let redacted = analyze(&[args, &["--redact"]].concat());
        let stderr = String::from_utf8_lossy(&redacted.stderr);
        assert_eq!(redacted.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(redacted.stdout.is_empty());
        assert!(!stderr.contains(SECRET) && !stderr.contains("fiona"), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
    assert!(!std::path::Path::new(out).exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
