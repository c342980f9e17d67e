//! `analyze trend` as the analyst reads it: people by name, id beside.

mod cli_support;

use cli_support::analyze_ok;

#[test]
fn what_changed_names_people_before_their_ids() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample");
    let args = ["trend", "--portfolio", sample, "--from", "2026-01-01", "--to", "2026-11-26", "--every", "quarter"];
    let out = analyze_ok(&args);
    assert!(out.contains("referees lost: 1: Julia Moreau (hal05)"), "{out}");
    assert!(
        out.contains("brokers gained: 3: Omar Stone (mkt002), Lina Wolff (mkt019), Grace Castillo (mkt025)"),
        "{out}"
    );
    assert!(!out.contains("hal05 (Julia Moreau)"), "{out}");
}
