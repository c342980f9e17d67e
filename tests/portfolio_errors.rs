//! Every kind of bad portfolio input gives its typed error, naming file, line and field.

use std::path::{Path, PathBuf};

use salesnet::io::{portfolio_from_csv, portfolio_from_json, portfolio_to_csv, read_portfolio, read_portfolio_dir};
use salesnet::{Error, Location, Organization, Relation, SalesNetworks};

const ORGS: &str = "name,relation,industry,value\nAcme,own,software,\nGlobex,customer,,250000\nInitech,prospect,,\n";
const CONTACTS: &str = "id,name,organization,role,department\n\
    me,Ann,Acme,owner,sales\n\
    col,Cid,Acme,other,engineering\n\
    cfo,Carl,Globex,decision_maker,\n\
    ceo,Dee,Initech,decision_maker,\n";
const TIES: &str = "source,target,level,last_contact\nme,col,3,2025-01-10\nme,cfo,4,\ncfo,ceo,2,2024-12-01\n";

fn folder() -> PathBuf {
    PathBuf::from("crm")
}

fn file(name: &str) -> PathBuf {
    folder().join(name)
}

fn read_csv(orgs: &str, contacts: &str, ties: &str) -> salesnet::Result<SalesNetworks> {
    portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), ties.as_bytes(), folder())
}

fn csv_err(orgs: &str, contacts: &str, ties: &str) -> Error {
    read_csv(orgs, contacts, ties).expect_err("bad input must be an error")
}

fn orgs_err(orgs: &str) -> Error {
    csv_err(orgs, CONTACTS, TIES)
}

fn contacts_err(contacts: &str) -> Error {
    csv_err(ORGS, contacts, TIES)
}

fn ties_err(ties: &str) -> Error {
    csv_err(ORGS, CONTACTS, ties)
}

/// Asserts the error's location.
#[track_caller]
fn at(e: &Error, file: impl AsRef<Path>, line: u64, field: Option<&str>) {
    let expected = Location { file: file.as_ref().to_path_buf(), line: Some(line), field: field.map(str::to_string) };
    assert_eq!(e.location(), Some(&expected), "{e}");
}

/// Asserts that the error names the whole file (no line, no field).
#[track_caller]
fn at_file(e: &Error, file: impl AsRef<Path>) {
    assert_eq!(e.location(), Some(&Location::file(file.as_ref())), "{e}");
}

#[test]
fn the_base_portfolio_reads() {
    let n = read_csv(ORGS, CONTACTS, TIES).unwrap();
    assert_eq!(n.contact_count(), 4);
    assert_eq!(n.tie_count(), 3);
    let n = portfolio_from_json(JSON.as_bytes(), "p.json").unwrap();
    assert_eq!(n, read_csv(ORGS, CONTACTS, TIES).unwrap());
}

// ---- rules across records -------------------------------------------------------------------

#[test]
fn tie_naming_an_unknown_contact() {
    let e = ties_err(&format!("{TIES}cfo,ghost,1,\n"));
    assert!(matches!(e, Error::UnknownContact { ref id, .. } if id == "ghost"), "{e}");
    at(&e, file("ties.csv"), 5, Some("target"));
    let e = ties_err(&format!("{TIES}ghost,cfo,1,\n"));
    at(&e, file("ties.csv"), 5, Some("source"));
}

#[test]
fn contact_naming_an_unknown_organization() {
    let e = contacts_err(&format!("{CONTACTS}x1,Xena,Umbrella,user,\n"));
    assert!(matches!(e, Error::UnknownOrganization { ref name, .. } if name == "Umbrella"), "{e}");
    at(&e, file("contacts.csv"), 6, Some("organization"));
}

#[test]
fn duplicate_contact_id() {
    let e = contacts_err(&format!("{CONTACTS}cfo,Other,Globex,buyer,\n"));
    assert!(matches!(e, Error::DuplicateContact { ref id, first_line: 4, .. } if id == "cfo"), "{e}");
    at(&e, file("contacts.csv"), 6, Some("id"));
}

#[test]
fn duplicate_organization_name() {
    let e = orgs_err(&format!("{ORGS}Globex,other,,\n"));
    assert!(matches!(e, Error::DuplicateOrganization { ref name, first_line: 3, .. } if name == "Globex"), "{e}");
    at(&e, file("organizations.csv"), 5, Some("name"));
}

#[test]
fn no_owner() {
    let e = contacts_err(&CONTACTS.replace("owner", "user"));
    assert!(matches!(e, Error::OwnerCount { found: 0, .. }), "{e}");
    at_file(&e, file("contacts.csv"));
    // No contacts at all still names the contacts file.
    let e = csv_err(ORGS, "id,name,organization,role,department\n", "source,target,level,last_contact\n");
    assert!(matches!(e, Error::OwnerCount { found: 0, .. }), "{e}");
    at_file(&e, file("contacts.csv"));
}

#[test]
fn two_owners_make_a_team_but_an_owner_outside_our_firm_is_an_error() {
    // Several owners are a team (issue 10): they load, in input order.
    let team = read_csv(ORGS, &format!("{CONTACTS}me2,Bea,Acme,owner,\n"), TIES).unwrap();
    assert_eq!(team.owners().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["me", "me2"]);
    let e = contacts_err(&format!("{CONTACTS}me2,Bea,Globex,owner,\n"));
    assert!(matches!(e, Error::OwnerOutsideFirm { ref id, .. } if id == "me2"), "{e}");
    at(&e, file("contacts.csv"), 6, Some("organization"));
}

#[test]
fn self_tie() {
    let e = ties_err(&format!("{TIES}ceo,ceo,1,\n"));
    assert!(matches!(e, Error::SelfTie { ref id, .. } if id == "ceo"), "{e}");
    at(&e, file("ties.csv"), 5, Some("target"));
}

#[test]
fn same_pair_tied_twice_in_either_order() {
    let e = ties_err(&format!("{TIES}me,cfo,1,\n"));
    assert!(matches!(e, Error::DuplicateTie { first_line: 3, .. }), "{e}");
    at(&e, file("ties.csv"), 5, Some("target"));
    let e = ties_err(&format!("{TIES}cfo,me,1,\n"));
    assert!(
        matches!(e, Error::DuplicateTie { ref source_id, ref target_id, first_line: 3, .. }
        if source_id == "cfo" && target_id == "me"),
        "{e}"
    );
    at(&e, file("ties.csv"), 5, Some("target"));
}

#[test]
fn the_first_broken_rule_in_tie_order_is_the_one_reported() {
    // The reader checks each tie as it reads it, and repeated pairs once all
    // are in: the error must still be the first in file order, as when the
    // ties were checked one by one. A repeat (line 5) before an unknown contact (line 6):
    let e = ties_err(&format!("{TIES}col,me,1,\nme,nobody,1,\n"));
    assert!(matches!(e, Error::DuplicateTie { first_line: 2, .. }), "{e}");
    at(&e, file("ties.csv"), 5, Some("target"));
    // An unknown contact (line 5) before a repeat (line 6):
    let e = ties_err(&format!("{TIES}me,nobody,1,\ncol,me,1,\n"));
    assert!(matches!(e, Error::UnknownContact { ref id, .. } if id == "nobody"), "{e}");
    at(&e, file("ties.csv"), 5, Some("target"));
    // A self-tie (line 6) after a repeat (line 5), and three copies of one pair:
    // the second copy is the one reported, against the first.
    let e = ties_err(&format!("{TIES}cfo,ceo,1,\ncol,col,1,\nceo,cfo,1,\n"));
    assert!(matches!(e, Error::DuplicateTie { first_line: 4, ref source_id, .. } if source_id == "cfo"), "{e}");
    at(&e, file("ties.csv"), 5, Some("target"));
    // Two repeated pairs: the one whose repeat comes first, whatever the
    // order of their first ties (blank lines and quoted fields in between).
    let e = ties_err(&format!("{TIES}\n\nme,cfo,\"1\",\"\"\ncfo,ceo,1,\nme,col,1,\n"));
    assert!(matches!(e, Error::DuplicateTie { first_line: 3, ref target_id, .. } if target_id == "cfo"), "{e}");
    at(&e, file("ties.csv"), 7, Some("target"));
    // A bad field anywhere in the file comes before any broken rule.
    let e = ties_err(&format!("{TIES}col,me,1,\nme,col,9,\n"));
    assert!(matches!(e, Error::LevelOutOfRange { .. }), "{e}");
    at(&e, file("ties.csv"), 6, Some("level"));
    // And a rule broken in an earlier file comes after a bad field in a later one.
    let contacts = format!("{CONTACTS}me,Again,Acme,other,\n");
    let e = csv_err(ORGS, &contacts, &format!("{TIES}col,me,9,\n"));
    assert!(matches!(e, Error::LevelOutOfRange { .. }), "{e}");
    let e = csv_err(ORGS, &contacts, &format!("{TIES}col,me,1,\n"));
    assert!(matches!(e, Error::DuplicateContact { first_line: 2, .. }), "{e}");
}

#[test]
fn ties_with_the_same_attributes_read_back_equal() {
    let ties = "source,target,level,last_contact,channel,note\n\
        me,col,3,2025-01-10,email,\n\
        me,cfo,4,,email,x\n\
        cfo,ceo,2,2024-12-01,email,\n";
    let n = read_csv(ORGS, CONTACTS, ties).unwrap();
    let attrs: Vec<Vec<(&str, &str)>> = n.ties().map(|t| t.attributes.iter().collect()).collect();
    assert_eq!(
        attrs,
        [vec![("channel", "email")], vec![("channel", "email"), ("note", "x")], vec![("channel", "email")]]
    );
    let csv = portfolio_to_csv(&n).unwrap();
    assert_eq!(read_csv(&csv.organizations, &csv.contacts, &csv.ties).unwrap(), n);
    // Changing one tie's shared list leaves the others alone.
    let mut first = n.ties().next().unwrap().attributes.clone();
    first.set("channel", "phone");
    assert_eq!(first.get("channel"), Some("phone"));
    assert_eq!(n.ties().next().unwrap().attributes.get("channel"), Some("email"));
}

// ---- fields ---------------------------------------------------------------------------------

#[track_caller]
fn level_err(level: &str) {
    let e = ties_err(&format!("{TIES}col,cfo,{level},\n"));
    assert!(matches!(e, Error::LevelOutOfRange { ref value, .. } if value == level.trim()), "{level}: {e}");
    at(&e, file("ties.csv"), 5, Some("level"));
}

#[test]
fn level_out_of_range_or_not_whole() {
    for level in ["6", "-1", "x", "2.5", "300", "1e0"] {
        level_err(level);
    }
    let e = ties_err(&format!("{TIES}col,cfo,,\n"));
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, file("ties.csv"), 5, Some("level"));
}

#[test]
fn impossible_or_badly_written_dates() {
    for date in ["2025-02-30", "2025/01/01", "2025-13-01", "25-01-01", "2025-1-1", "01.02.2025", "2025-02-29"] {
        let e = ties_err(&format!("{TIES}col,cfo,1,{date}\n"));
        assert!(matches!(e, Error::InvalidDate { ref value, .. } if value == date), "{date}: {e}");
        at(&e, file("ties.csv"), 5, Some("last_contact"));
    }
    // A leap day is a date.
    read_csv(ORGS, CONTACTS, &format!("{TIES}col,cfo,1,2024-02-29\n")).unwrap();
}

#[test]
fn missing_required_column_in_each_file() {
    let e = orgs_err(&ORGS.replace("relation", "kind"));
    assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "relation"), "{e}");
    at(&e, file("organizations.csv"), 1, Some("relation"));
    let e = contacts_err(&CONTACTS.replace(",department", ",dept"));
    assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "department"), "{e}");
    at(&e, file("contacts.csv"), 1, Some("department"));
    let e = ties_err(&TIES.replace("last_contact", "when"));
    assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "last_contact"), "{e}");
    at(&e, file("ties.csv"), 1, Some("last_contact"));
    // An empty file has no header at all: it says so (issue 17), not "missing column".
    let e = ties_err("");
    assert!(matches!(e, Error::EmptyFile { .. }), "{e}");
}

#[test]
fn required_columns_in_any_order_and_extra_columns_kept() {
    let orgs = "region,value, name ,industry,relation\nnorth,,Acme,software,own\n,250000,Globex,,customer\n,,Initech,,prospect\n";
    let n = read_csv(orgs, CONTACTS, TIES).unwrap();
    assert_eq!(n, read_csv(ORGS, CONTACTS, TIES).unwrap().tap_org_region());
}

trait TapRegion {
    fn tap_org_region(self) -> SalesNetworks;
}

impl TapRegion for SalesNetworks {
    /// The base portfolio with `region = north` on Acme.
    fn tap_org_region(self) -> SalesNetworks {
        let mut b = SalesNetworks::builder();
        for o in self.organizations() {
            let mut o: Organization = o.clone();
            if o.name == "Acme" {
                o.attributes.set("region", "north");
            }
            b.organization(o);
        }
        for c in self.contacts() {
            b.contact(c.clone());
        }
        for t in self.ties() {
            b.tie(t.clone());
        }
        b.build().unwrap()
    }
}

#[test]
fn repeated_column() {
    let e = orgs_err(&ORGS.replace("value", "value,name"));
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, file("organizations.csv"), 1, Some("name"));
}

#[test]
fn unknown_relation() {
    let e = orgs_err(&format!("{ORGS}Hooli,partner,,\n"));
    assert!(matches!(e, Error::UnknownRelation { ref value, .. } if value == "partner"), "{e}");
    at(&e, file("organizations.csv"), 5, Some("relation"));
}

#[test]
fn unknown_role() {
    let e = contacts_err(&format!("{CONTACTS}x1,Xena,Acme,ceo,\n"));
    assert!(matches!(e, Error::UnknownRole { ref value, .. } if value == "ceo"), "{e}");
    at(&e, file("contacts.csv"), 6, Some("role"));
}

#[test]
fn bad_values() {
    for value in ["-5", "abc", "1,5", "NaN", "nan", "inf", "-inf", "infinity", "1e400"] {
        let e = orgs_err(&format!("{ORGS}Hooli,other,,\"{value}\"\n"));
        assert!(matches!(e, Error::InvalidNumber { ref value, .. } if !value.is_empty()), "{value}: {e}");
        at(&e, file("organizations.csv"), 5, Some("value"));
    }
}

#[test]
fn empty_required_values() {
    let e = contacts_err(&format!("{CONTACTS},Xena,Acme,user,\n"));
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, file("contacts.csv"), 6, Some("id"));
    let e = contacts_err(&format!("{CONTACTS}x1,Xena,,user,\n"));
    at(&e, file("contacts.csv"), 6, Some("organization"));
    let e = contacts_err(&format!("{CONTACTS}x1,Xena,Acme,,\n"));
    at(&e, file("contacts.csv"), 6, Some("role"));
    let e = orgs_err(&format!("{ORGS},own,,\n"));
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, file("organizations.csv"), 5, Some("name"));
    let e = ties_err(&format!("{TIES}me,,1,\n"));
    at(&e, file("ties.csv"), 5, Some("target"));
}

#[test]
fn non_utf8_bytes() {
    let mut contacts = CONTACTS.as_bytes().to_vec();
    contacts.extend_from_slice(b"x1,J\xf6rg,Acme,user,\n");
    let e = portfolio_from_csv(ORGS.as_bytes(), &contacts, TIES.as_bytes(), folder()).unwrap_err();
    assert!(matches!(e, Error::NotUtf8 { .. }), "{e}");
    at(&e, file("contacts.csv"), 6, Some("name"));
}

#[test]
fn binary_content() {
    let mut ties = TIES.as_bytes().to_vec();
    ties.extend_from_slice(b"me,ceo,1,\x00\x00\x01\x02\n");
    let e = portfolio_from_csv(ORGS.as_bytes(), CONTACTS.as_bytes(), &ties, folder()).unwrap_err();
    assert!(matches!(e, Error::NotUtf8 { .. }), "{e}");
    at(&e, file("ties.csv"), 5, Some("last_contact"));
    // A binary blob (a PNG header) instead of the file.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    let e = portfolio_from_csv(png, CONTACTS.as_bytes(), TIES.as_bytes(), folder()).unwrap_err();
    assert!(matches!(e, Error::NotUtf8 { .. }), "{e}");
    at(&e, file("organizations.csv"), 1, None);
}

#[test]
fn unequal_row_length() {
    let e = ties_err(&format!("{TIES}me,ceo,1,,extra\n"));
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("5 fields")), "{e}");
    at(&e, file("ties.csv"), 5, None);
    let e = orgs_err(&format!("{ORGS}Hooli,other\n"));
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, file("organizations.csv"), 5, None);
}

#[test]
fn bad_quotes() {
    let e = contacts_err(&format!("{CONTACTS}x1,\"Xena,Acme,user,\ny1,Yan,Acme,user,\n"));
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("never closed")), "{e}");
    at(&e, file("contacts.csv"), 6, None);
    let e = contacts_err(&format!("{CONTACTS}x1,\"Xena\"Q,Acme,user,\n"));
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("closing quote")), "{e}");
    at(&e, file("contacts.csv"), 6, None);
}

#[test]
fn quoted_fields_span_lines_and_lines_still_count() {
    // The quoted name spans lines 6-7; the bad level is on line 8.
    let contacts = format!("{CONTACTS}x1,\"Xena\nWarrior\",Acme,user,\n");
    let ties = format!("{TIES}x1,me,1,\n\nx1,cfo,9,\n");
    let e = csv_err(ORGS, &contacts, &ties);
    at(&e, file("ties.csv"), 7, Some("level"));
    let n = read_csv(ORGS, &contacts, TIES).unwrap();
    assert_eq!(n.contact("x1").map(|c| c.name.as_str()), Some("Xena\nWarrior"));
}

#[test]
fn missing_file_in_a_folder() {
    let dir = std::env::temp_dir().join(format!("salesnet-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("organizations.csv"), ORGS).unwrap();
    std::fs::write(dir.join("contacts.csv"), CONTACTS).unwrap();
    let _ = std::fs::remove_file(dir.join("ties.csv"));
    let e = read_portfolio_dir(&dir).unwrap_err();
    assert!(matches!(e, Error::Io { ref path, .. } if *path == dir.join("ties.csv")), "{e}");
    let e = read_portfolio(dir.join("nothing.json")).unwrap_err();
    assert!(matches!(e, Error::Io { ref path, .. } if *path == dir.join("nothing.json")), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn writers_refuse_what_csv_cannot_hold() {
    let mut org = Organization::new("Acme", Relation::Own);
    org.attributes.set(" relation", "x");
    let mut b = SalesNetworks::builder();
    b.organization(org).contact(salesnet::Contact::new("me", "Ann", "Acme", salesnet::Role::Owner).unwrap());
    let e = portfolio_to_csv(&b.build().unwrap()).unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { .. }), "{e}");

    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Ac\0me", Relation::Own))
        .contact(salesnet::Contact::new("me", "Ann", "Ac\0me", salesnet::Role::Owner).unwrap());
    let e = portfolio_to_csv(&b.build().unwrap()).unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { .. }), "{e}");
}

#[test]
fn errors_never_show_contact_names() {
    let contacts = format!("{CONTACTS}x1,Secret Name,Umbrella,user,\n");
    let e = contacts_err(&contacts);
    assert!(!e.to_string().contains("Secret"), "{e}");
    let contacts = format!("{CONTACTS}x1,\"Secret\"Name,Acme,user,\n");
    assert!(!contacts_err(&contacts).to_string().contains("Secret"));
}

// ---- JSON -----------------------------------------------------------------------------------

/// The base portfolio as JSON, one record per line (lines noted).
const JSON: &str = r#"{
"organizations": [
{"name": "Acme", "relation": "own", "industry": "software"},
{"name": "Globex", "relation": "customer", "value": 250000},
{"name": "Initech", "relation": "prospect", "industry": null, "value": null, "attributes": {}}
],
"contacts": [
{"id": "me", "name": "Ann", "organization": "Acme", "role": "owner", "department": "sales"},
{"id": "col", "name": "Cid", "organization": "Acme", "role": "other", "department": "engineering"},
{"id": "cfo", "name": "Carl", "organization": "Globex", "role": "decision_maker"},
{"id": "ceo", "name": "Dee", "organization": "Initech", "role": "decision_maker", "department": ""}
],
"ties": [
{"source": "me", "target": "col", "level": 3, "last_contact": "2025-01-10"},
{"source": "me", "target": "cfo", "level": 4},
{"source": "cfo", "target": "ceo", "level": 2, "last_contact": "2024-12-01"}
]
}"#;

#[track_caller]
fn json_err(from: &str, to: &str) -> Error {
    assert!(JSON.contains(from), "{from}");
    portfolio_from_json(JSON.replacen(from, to, 1).as_bytes(), "p.json").expect_err("bad input must be an error")
}

#[test]
fn json_unknown_contact_names_line_and_path() {
    let e = json_err(r#""target": "cfo""#, r#""target": "ghost""#);
    assert!(matches!(e, Error::UnknownContact { ref id, .. } if id == "ghost"), "{e}");
    at(&e, "p.json", 15, Some("ties[1].target"));
}

#[test]
fn json_rules_across_records() {
    let e = json_err(r#""id": "cfo""#, r#""id": "col""#);
    assert!(matches!(e, Error::DuplicateContact { first_line: 9, .. }), "{e}");
    at(&e, "p.json", 10, Some("contacts[2].id"));
    let e = json_err(r#""name": "Initech""#, r#""name": "Acme""#);
    assert!(matches!(e, Error::DuplicateOrganization { first_line: 3, .. }), "{e}");
    at(&e, "p.json", 5, Some("organizations[2].name"));
    let e = json_err(r#""organization": "Globex""#, r#""organization": "Umbrella""#);
    assert!(matches!(e, Error::UnknownOrganization { .. }), "{e}");
    at(&e, "p.json", 10, Some("contacts[2].organization"));
    let e = json_err(r#""role": "decision_maker""#, r#""role": "owner""#);
    assert!(matches!(e, Error::OwnerOutsideFirm { .. }), "{e}");
    at(&e, "p.json", 10, Some("contacts[2].organization"));
    let e = json_err(r#""role": "owner""#, r#""role": "user""#);
    assert!(matches!(e, Error::OwnerCount { found: 0, .. }), "{e}");
    at_file(&e, "p.json");
    let e = json_err(r#""target": "ceo""#, r#""target": "cfo""#);
    assert!(matches!(e, Error::SelfTie { .. }), "{e}");
    at(&e, "p.json", 16, Some("ties[2].target"));
    let e = json_err(r#""source": "cfo", "target": "ceo""#, r#""source": "cfo", "target": "me""#);
    assert!(matches!(e, Error::DuplicateTie { first_line: 15, .. }), "{e}");
    at(&e, "p.json", 16, Some("ties[2].target"));
}

#[test]
fn json_levels() {
    for level in ["6", "-1", "2.5", "1e0", "99999999999999999999"] {
        let e = json_err(r#""level": 4"#, &format!(r#""level": {level}"#));
        assert!(matches!(e, Error::LevelOutOfRange { ref value, .. } if value == level), "{e}");
        at(&e, "p.json", 15, Some("ties[1].level"));
    }
    let e = json_err(r#""level": 4"#, r#""level": "4""#);
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("found a string")), "{e}");
    at(&e, "p.json", 15, Some("ties[1].level"));
    let e = json_err(r#""level": 4"#, r#""level": null"#);
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    let e = json_err(r#", "level": 4"#, "");
    assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "level"), "{e}");
    at(&e, "p.json", 15, Some("ties[1].level"));
}

#[test]
fn json_fields() {
    let e = json_err("2024-12-01", "2025-02-30");
    assert!(matches!(e, Error::InvalidDate { .. }), "{e}");
    at(&e, "p.json", 16, Some("ties[2].last_contact"));
    let e = json_err("2024-12-01", "2025/01/01");
    assert!(matches!(e, Error::InvalidDate { .. }), "{e}");
    let e = json_err(r#""relation": "customer""#, r#""relation": "partner""#);
    assert!(matches!(e, Error::UnknownRelation { .. }), "{e}");
    at(&e, "p.json", 4, Some("organizations[1].relation"));
    let e = json_err(r#""role": "other""#, r#""role": "ceo""#);
    assert!(matches!(e, Error::UnknownRole { .. }), "{e}");
    at(&e, "p.json", 9, Some("contacts[1].role"));
    for bad in ["-250000", "1e400"] {
        let e = json_err("250000", bad);
        assert!(matches!(e, Error::InvalidNumber { ref value, .. } if value == bad), "{e}");
        at(&e, "p.json", 4, Some("organizations[1].value"));
    }
    let e = json_err("250000", r#""250000""#);
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, "p.json", 4, Some("organizations[1].value"));
    let e = json_err(r#""id": "col""#, r#""id": """#);
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, "p.json", 9, Some("contacts[1].id"));
    let e = json_err(r#""id": "col""#, r#""id": 7"#);
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, "p.json", 9, Some("contacts[1].id"));
}

#[test]
fn json_structure() {
    let e = json_err(r#", "industry": "software""#, r#", "industri": "software""#);
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("unknown key")), "{e}");
    at(&e, "p.json", 3, Some("organizations[0].industri"));
    let e = json_err(r#""level": 4"#, r#""level": 4, "level": 4"#);
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("twice")), "{e}");
    let e = json_err(r#""attributes": {}"#, r#""attributes": {"relation": "x"}"#);
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, "p.json", 5, Some("organizations[2].attributes.relation"));
    let e = json_err(r#""attributes": {}"#, r#""attributes": {"a b": 1}"#);
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, "p.json", 5, Some(r#"organizations[2].attributes["a b"]"#));
    let e = json_err(r#""attributes": {}"#, r#""attributes": {"a": "1", "a": "2"}"#);
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    let e = json_err("\"ties\": [", "\"edges\": [");
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, "p.json", 13, Some("edges"));
    let e = portfolio_from_json(br#"{"organizations": [], "contacts": []}"#, "p.json").unwrap_err();
    assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "ties"), "{e}");
    let e = portfolio_from_json(b"{\"organizations\": [],\n\"contacts\": 5, \"ties\": []}", "p.json").unwrap_err();
    assert!(matches!(e, Error::Malformed { ref message, .. } if message == "expected an array, found a number"), "{e}");
    at(&e, "p.json", 2, Some("contacts"));
    let e = portfolio_from_json(b"[]", "p.json").unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    at(&e, "p.json", 1, None);
}

#[test]
fn json_syntax_and_bytes() {
    let e = json_err("}\n]", "},\n]");
    assert!(matches!(e, Error::Malformed { ref message, .. } if message.contains("column 1")), "{e}");
    at(&e, "p.json", 6, None);
    let e = portfolio_from_json(&JSON.as_bytes()[..200], "p.json").unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    let mut bytes = JSON.as_bytes().to_vec();
    bytes[JSON.find("Carl").unwrap()] = 0xC3;
    let e = portfolio_from_json(&bytes, "p.json").unwrap_err();
    assert!(matches!(e, Error::NotUtf8 { .. }), "{e}");
    at(&e, "p.json", 10, None);
    let e = portfolio_from_json(b"\x00\x01\x02", "p.json").unwrap_err();
    assert!(matches!(e, Error::NotUtf8 { .. }), "{e}");
}

#[test]
fn crlf_line_ends_and_blank_lines_keep_line_numbers() {
    let ties = format!("{TIES}\nme,ceo,1,\n\n\ncol,ceo,7,\n").replace('\n', "\r\n");
    let e = ties_err(&ties);
    at(&e, file("ties.csv"), 9, Some("level"));
    let contacts = format!("\r\n{}", CONTACTS.replace('\n', "\r\n"));
    let e = contacts_err(&format!("{contacts}x1,Xena,Acme,ceo,\r\n"));
    at(&e, file("contacts.csv"), 7, Some("role"));
    let e = contacts_err(&format!("\n\n{}", CONTACTS.replace("role", "rank")));
    at(&e, file("contacts.csv"), 3, Some("role"));
}

/// The CSV and JSON readers agree on ids and levels (README, "File formats").
#[test]
fn csv_and_json_agree_on_ids_and_levels() {
    // Ids are trimmed in both: the same portfolio either way.
    let csv = read_csv(ORGS, &CONTACTS.replace("\ncol,", "\n  col\t,"), &TIES.replace("me,col", " me , col ")).unwrap();
    let json = portfolio_from_json(
        JSON.replacen(r#""id": "col""#, "\"id\": \"  col\\t\"", 1)
            .replacen(r#""target": "col""#, r#""target": " col ""#, 1)
            .as_bytes(),
        "p.json",
    )
    .unwrap();
    assert_eq!(csv, json);
    assert_eq!(csv, read_csv(ORGS, CONTACTS, TIES).unwrap());
    // An id of only white space is empty in both.
    let e = contacts_err(&CONTACTS.replace("\ncol,", "\n   ,"));
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, file("contacts.csv"), 3, Some("id"));
    let e = json_err(r#""id": "col""#, "\"id\": \" \\t \"");
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, "p.json", 9, Some("contacts[1].id"));
    let e = ties_err(&TIES.replace("me,cfo", "me, "));
    assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    at(&e, file("ties.csv"), 3, Some("target"));
    // `-0` is out of range in both, as are fractions and exponents.
    for level in ["-0", "2.5", "1e0"] {
        let e = ties_err(&TIES.replace("me,cfo,4", &format!("me,cfo,{level}")));
        assert!(matches!(e, Error::LevelOutOfRange { ref value, .. } if value == level), "{e}");
        let e = json_err(r#""level": 4"#, &format!(r#""level": {level}"#));
        assert!(matches!(e, Error::LevelOutOfRange { ref value, .. } if value == level), "{e}");
    }
}
