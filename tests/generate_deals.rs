//! Generated deals: valid, reproducible, a realistic funnel, and a planted leak that the funnel finds.

use jiff::civil::{Date, date};
use salesnet::generate::{DealOptions, GenerateOptions, deals, portfolio};
use salesnet::io::{deals_from_csv, deals_to_csv};
use salesnet::stages::{DiagnosisCode, FunnelThresholds, pipeline};
use salesnet::{DealStatus, Step};

const AS_OF: Date = date(2025, 1, 1);

fn codes(leak: Option<Step>) -> Vec<DiagnosisCode> {
    let networks = portfolio(&GenerateOptions::new().contacts(300).seed(7).as_of(AS_OF)).expect("portfolio");
    let mut options = DealOptions::new(3_000, AS_OF).seed(7);
    if let Some(step) = leak {
        options = options.leak(step);
    }
    let d = deals(&networks, &options).expect("deals");
    pipeline(&d, &FunnelThresholds::default()).diagnoses.iter().map(|x| x.code).collect()
}

#[test]
fn generated_deals_are_valid_and_reproducible() {
    let networks = portfolio(&GenerateOptions::new().contacts(300).seed(3).as_of(AS_OF)).expect("portfolio");
    let a = deals(&networks, &DealOptions::new(500, AS_OF).seed(3)).expect("deals");
    let b = deals(&networks, &DealOptions::new(500, AS_OF).seed(3)).expect("deals");
    assert_eq!(a, b);
    assert_ne!(a, deals(&networks, &DealOptions::new(500, AS_OF).seed(4)).expect("deals"));
    // The portfolio's own reader accepts them: valid organizations, owners, dates.
    let text = deals_to_csv(&a).expect("csv");
    assert_eq!(deals_from_csv(text.as_bytes(), "deals.csv", &networks).expect("valid"), a);
    // Every status and step occurs.
    for status in DealStatus::ALL {
        assert!(a.iter().any(|d| d.status == *status), "{status}");
    }
    for step in Step::ALL {
        assert!(a.iter().any(|d| d.step == *step), "{step}");
    }
    assert!(a.iter().all(|d| d.opened <= AS_OF && d.step_since <= AS_OF));
}

#[test]
fn a_healthy_generated_funnel_has_no_diagnosis() {
    assert_eq!(codes(None), Vec::<DiagnosisCode>::new());
}

#[test]
fn planted_leaks_are_diagnosed() {
    assert_eq!(codes(Some(Step::Introduced)), vec![DiagnosisCode::WeakProposals]);
    assert_eq!(codes(Some(Step::Negotiating)), vec![DiagnosisCode::WeakNegotiation]);
}
