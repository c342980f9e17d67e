//! The portfolio and edge-list readers agree on line ends, empty files,
//! blank ids, repeated columns and trimming.

use salesnet::Error;
use salesnet::io::{EdgeListOptions, portfolio_from_csv, read_edge_list_from};

const ORGS: &str = "name,relation,industry,value\nAcme,own,,\nGlobex,prospect,,\n";
const CONTACTS: &str = "id,name,organization,role,department\nme,Ann,Acme,owner,\nc1,Carl,Globex,buyer,\n";
const TIES: &str = "source,target,level,last_contact\nme,c1,3,\n";

fn portfolio(orgs: &str, contacts: &str, ties: &str) -> Result<salesnet::SalesNetworks, Error> {
    portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), ties.as_bytes(), "crm")
}

fn edges(text: &str) -> Result<salesnet::graph::Snapshot, Error> {
    read_edge_list_from(text.as_bytes(), "edges.csv", EdgeListOptions::new())
}

fn line(e: &Error) -> Option<u64> {
    e.location().and_then(|l| l.line)
}

/// The error under a hint (`...; use --self-loops drop`).
fn inner(e: &Error) -> &Error {
    match e {
        Error::Hinted { error, .. } => inner(error),
        e => e,
    }
}

#[test]
fn carriage_return_line_ends_give_the_right_line() {
    // Line 5 holds the bad level, with CR-only line ends.
    let ties = "source,target,level,last_contact\rme,c1,3,\r\r\rc1,me,9,\r";
    let e = portfolio(ORGS, CONTACTS, ties).unwrap_err();
    assert!(matches!(e, Error::LevelOutOfRange { .. }), "{e}");
    assert_eq!(line(&e), Some(5), "{e}");
    let e = edges("source,target\ra,b\r\r\rb,b\r").unwrap_err();
    assert!(matches!(inner(&e), Error::SelfTie { .. }), "{e}");
    assert_eq!(line(&e), Some(5), "{e}");
    // Mixed line ends count as lines too.
    let e = edges("source,target\r\na,b\rc,d\n\rb,b\n").unwrap_err();
    assert_eq!(line(&e), Some(5), "{e}");
}

#[test]
fn a_file_of_blank_lines_is_empty() {
    for blank in ["", "\n\n\n\n", "\r\n\r\n", "\r\r\r"] {
        let e = portfolio(ORGS, blank, TIES).unwrap_err();
        assert!(matches!(e, Error::EmptyFile { .. }), "{blank:?}: {e}");
        assert_eq!(e.to_string(), "crm/contacts.csv: the file is empty (no header row)");
        let e = edges(blank).unwrap_err();
        assert!(matches!(inner(&e), Error::EmptyFile { .. }), "{blank:?}: {e}");
    }
}

#[test]
fn white_space_ids_are_empty() {
    let contacts = format!("{CONTACTS}  ,Bob,Acme,user,\n");
    let e = portfolio(ORGS, &contacts, TIES).unwrap_err();
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    assert_eq!(e.location().unwrap().field.as_deref(), Some("id"));
    let e = portfolio(ORGS, CONTACTS, &format!("{TIES}\t,c1,2,\n")).unwrap_err();
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    let e = edges("source,target\na,b\n  ,b\n").unwrap_err();
    assert!(matches!(inner(&e), Error::EmptyValue { .. }), "{e}");
}

#[test]
fn both_readers_reject_a_repeated_column() {
    let e = edges("source,target, source\na,b,c\n").unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    assert!(e.to_string().contains("appears twice"), "{e}");
    let e = portfolio(ORGS, CONTACTS, "source,target,level,last_contact,target\nme,c1,3,,x\n").unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
}

#[test]
fn both_readers_trim_ids() {
    let contacts = "id,name,organization,role,department\n me ,Ann,Acme,owner,\nc1\t,Carl,Globex,buyer,\n";
    let n = portfolio(ORGS, contacts, "source,target,level,last_contact\nme, c1 ,3,\n").unwrap();
    let ids: Vec<&str> = n.contacts().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["me", "c1"]);
    assert_eq!(n.ties().count(), 1);
    let g = edges("source,target\n a , b \n").unwrap();
    assert_eq!(g.ids(), ["a", "b"]);
}

/// Weights whose sums or inverses overflow gave silently wrong numbers
/// (constraint 0.0 at 1e308, betweenness 0 at 1e-308): they are rejected.
#[test]
fn weights_that_overflow_are_rejected() {
    use salesnet::graph::{EdgeError, SnapshotBuilder, Weighting};
    use salesnet::measures::{MeasureOptions, structural_holes};
    let weighted = |text: &str| read_edge_list_from(text.as_bytes(), "w.csv", EdgeListOptions::new().weighted());
    for (text, bad_line) in [
        ("source,target,weight\na,b,1e308\nb,c,1e308\n", 2),
        ("source,target,weight\na,b,1e-308\nb,c,1e-308\n", 3),
        ("source,target,weight\na,b,1\nb,c,5e-324\n", 3),
    ] {
        let e = weighted(text).unwrap_err();
        assert!(matches!(inner(&e), Error::WeightOverflow { .. }), "{text:?}: {e}");
        assert_eq!(line(&e), Some(bad_line), "{e}");
    }
    // Unweighted reading ignores the weights, so nothing overflows.
    assert!(edges("source,target,weight\na,b,1e308\nb,c,1e308\n").is_ok());
    // Large but safe weights give the right constraint (the same as weight 1).
    let g = weighted("source,target,weight\na,b,1e307\nb,c,1e307\na,c,1e307\n").unwrap();
    let h = structural_holes(&g, &MeasureOptions::new().weighting(Weighting::Strength)).unwrap();
    assert!((h[0].constraint.unwrap() - 1.125).abs() < 1e-12, "{:?}", h[0]);
    // The builder checks too.
    let mut b = SnapshotBuilder::undirected();
    b.add_edge("a", "b", 5e307).unwrap();
    assert!(matches!(b.add_edge("b", "c", 5e307), Err(EdgeError::Overflow(_))));
    b.add_edge("b", "c", 1e-308).unwrap();
    assert!(matches!(b.add_edge("c", "d", 1e-308), Err(EdgeError::Overflow(_))));
    b.add_edge("c", "d", 1e-300).unwrap();
}
