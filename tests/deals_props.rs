//! `deals.csv` never panics, never half-imports, and round-trips.

use proptest::prelude::*;
use salesnet::io::{
    deals_from_csv, deals_to_csv, portfolio_from_csv, portfolio_from_json, portfolio_to_json, read_portfolio_dir,
    write_portfolio_dir,
};
use salesnet::{Deal, DealStatus, SalesNetworks, Step};

fn portfolio() -> SalesNetworks {
    let orgs = "name,relation,industry,value\nAcme,own,,\nGlobex,prospect,,\nInitech,customer,,5000\n";
    let contacts = "id,name,organization,role,department\nme,Ann,Acme,owner,\nyou,Bob,Acme,owner,\ncfo,Carl,Globex,decision_maker,\n";
    portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), b"source,target,level,last_contact\n", "crm")
        .expect("valid portfolio")
}

/// A fresh folder under the system temp dir.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "salesnet-deals-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const HEADER: &str = "id,organization,owner,step,status,amount,opened,step_since\n";

fn deal() -> impl Strategy<Value = Deal> {
    (
        "[a-z0-9][a-z0-9 ,\"]{0,5}",
        prop::sample::select(vec!["Globex", "Initech"]),
        prop::sample::select(vec!["me", "you"]),
        prop::sample::select(Step::ALL.to_vec()),
        prop::sample::select(DealStatus::ALL.to_vec()),
        prop::option::of(0.0f64..1e9),
        0i32..3000,
        0i32..400,
    )
        .prop_map(|(id, org, owner, step, status, amount, opened, wait)| {
            let start = salesnet::jiff::civil::date(2020, 1, 1);
            let opened = start.checked_add(salesnet::jiff::Span::new().days(opened)).expect("in range");
            let since = opened.checked_add(salesnet::jiff::Span::new().days(wait)).expect("in range");
            let mut d = Deal::new(&id, org, owner, step, opened).expect("ids are non-empty");
            d.status = status;
            d.amount = amount;
            d.step_since = since;
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let n = portfolio();
        let _ = deals_from_csv(&bytes, "deals.csv", &n);
        let mut with_header = HEADER.as_bytes().to_vec();
        with_header.extend_from_slice(&bytes);
        if let Err(e) = deals_from_csv(&with_header, "deals.csv", &n) {
            // Every input error is located in the file.
            let location = e.location().expect("input errors carry a location");
            prop_assert_eq!(location.file.to_str(), Some("deals.csv"));
        }
    }

    #[test]
    fn round_trip_is_lossless(deals in prop::collection::vec(deal(), 0..12)) {
        // Unique ids only: duplicates are an error.
        let mut seen = std::collections::BTreeSet::new();
        let deals: Vec<Deal> = deals.into_iter().filter(|d| seen.insert(d.id.clone())).collect();
        let n = portfolio();
        let text = deals_to_csv(&deals).expect("writable");
        let back = deals_from_csv(text.as_bytes(), "deals.csv", &n).expect("reads back");
        prop_assert_eq!(&back, &deals);
        prop_assert_eq!(deals_to_csv(&back).expect("writable"), text);
    }

    #[test]
    fn one_bad_row_imports_nothing(deals in prop::collection::vec(deal(), 1..8), at in 0usize..8) {
        let mut seen = std::collections::BTreeSet::new();
        let deals: Vec<Deal> = deals.into_iter().filter(|d| seen.insert(d.id.clone())).collect();
        let text = deals_to_csv(&deals).expect("writable");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let row = 1 + at % deals.len();
        // A step_since before its opened date, on one row.
        lines.insert(row + 1, "zz-bad,Globex,me,proposal,open,,2025-02-01,2025-01-01".to_string());
        let bad = lines.join("\n") + "\n";
        let e = deals_from_csv(bad.as_bytes(), "deals.csv", &portfolio()).expect_err("must fail");
        prop_assert!(matches!(e, salesnet::Error::DateOrder { .. }), "{}", e);
    }
}

proptest! {
    // Folder writes sync to disk: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn portfolio_with_deals_round_trips(deals in prop::collection::vec(deal(), 0..12)) {
        let mut seen = std::collections::BTreeSet::new();
        let mut b = portfolio().to_builder();
        for d in deals.into_iter().filter(|d| seen.insert(d.id.clone())) {
            b.deal(d);
        }
        let n = b.build().expect("valid deals");
        let json = portfolio_to_json(&n);
        let from_json = portfolio_from_json(json.as_bytes(), "p.json").expect("json reads back");
        prop_assert_eq!(&from_json, &n);
        prop_assert_eq!(portfolio_to_json(&from_json), json);
        let dir = tempdir();
        write_portfolio_dir(&n, &dir).expect("writable");
        let from_csv = read_portfolio_dir(&dir).expect("csv reads back");
        std::fs::remove_dir_all(&dir).expect("cleanup");
        prop_assert_eq!(&from_csv, &n);
    }
}
