//! A report covers the largest prospect accounts by default and says what
//! it left out (a portfolio with thousands of prospects took minutes).

use jiff::civil::date;
use salesnet::report::{AccountScope, ReportOptions, html_report};
use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

/// 14 prospects: P00 has value 0, P01 1000, ..., P13 13000, except P05 with no value.
fn portfolio() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own));
    b.contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner).unwrap());
    for i in 0..14 {
        let name = format!("P{i:02}");
        let mut org = Organization::new(name.clone(), Relation::Prospect);
        if i != 5 {
            org = org.with_value(1000.0 * i as f64);
        }
        b.organization(org);
        let id = format!("dm{i:02}");
        b.contact(Contact::new(&id, format!("Boss {i}"), name, Role::DecisionMaker).unwrap());
        b.tie(Tie::new("me", &id, RelationshipLevel::new(3).unwrap()).unwrap().with_last_contact(date(2026, 9, 1)));
    }
    b.build().unwrap()
}

fn accounts_in(html: &str) -> Vec<String> {
    html.match_indices("<h3>Account ").map(|(i, _)| html[i + 12..i + 15].to_string()).collect()
}

#[test]
fn the_ten_largest_accounts_by_default_and_what_was_left_out() {
    let n = portfolio();
    let n = n.at(date(2026, 11, 1), &DecayPolicy::default());
    let html = html_report(&n, &ReportOptions::new()).unwrap();
    // P05 has no value: it ranks after P00 (value 0).
    let expected: Vec<String> = [13, 12, 11, 10, 9, 8, 7, 6, 4, 3].iter().map(|i| format!("P{i:02}")).collect();
    assert_eq!(accounts_in(&html), expected);
    assert!(html.contains("The 10 largest of 14 prospect accounts by value; 4 left out"), "note missing");

    let all = html_report(&n, &ReportOptions::new().account_scope(AccountScope::All)).unwrap();
    assert_eq!(accounts_in(&all).len(), 14);
    assert!(!all.contains("left out"));

    let three = html_report(&n, &ReportOptions::new().account_scope(AccountScope::Largest(3))).unwrap();
    assert_eq!(accounts_in(&three), ["P13", "P12", "P11"]);
    // No value ranks last.
    let thirteen = html_report(&n, &ReportOptions::new().account_scope(AccountScope::Largest(14))).unwrap();
    assert_eq!(accounts_in(&thirteen)[12..], ["P00", "P05"]);

    let named = html_report(&n, &ReportOptions::new().accounts(vec!["P05".into()])).unwrap();
    assert_eq!(accounts_in(&named), ["P05"]);
    assert!(!named.contains("left out"));
}
