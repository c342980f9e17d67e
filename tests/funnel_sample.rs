//! The sample's deals show each funnel diagnosis, a stuck deal and the
//! dormant customers its README lists.

mod common;

use jiff::civil::date;
use salesnet::stages::{DiagnosisCode, FunnelOptions, Salespeople, funnel};

#[test]
fn sample_funnel_shows_each_diagnosis() {
    let n = common::load_sample();
    assert_eq!(n.deals().len(), 25);
    let as_of = n.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let r = funnel(&as_of, &Salespeople::All, &FunnelOptions::new()).expect("report");
    let owner = &r.owners[0];
    assert_eq!(owner.id.as_str(), "own00");
    let codes: Vec<DiagnosisCode> = owner.pipeline.diagnoses.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            DiagnosisCode::NotProspecting,
            DiagnosisCode::WeakProposals,
            DiagnosisCode::WeakNegotiation,
            DiagnosisCode::NotShrinking
        ]
    );
    assert_eq!(owner.pipeline.steps.values().copied().collect::<Vec<_>>(), [2, 2, 2, 3, 1, 0]);
    assert_eq!((owner.pipeline.won, owner.pipeline.lost), (1, 14));

    assert_eq!(r.stuck.len(), 1);
    assert_eq!((r.stuck[0].deal.as_str(), r.stuck[0].days), ("D07", 200));

    let dormant: Vec<&str> = r.customers.dormant.iter().map(|d| d.organization.as_str()).collect();
    assert_eq!(dormant, ["Meridian Health Group", "Corvid Foods", "Tallis Engineering", "Ostrava Retail"]);
    assert!(r.customers.dormant.iter().all(|d| d.tie.is_some()));
    let share = r.customers.top_share.expect("values");
    assert!((share - 2_400_000.0 / 2_834_000.0).abs() < 1e-12);
    assert_eq!(r.customers.pareto, Some(true));

    // Every open deal is listed, the biggest first.
    assert_eq!(r.deals.len(), 10);
    assert_eq!(r.deals[0].id.as_str(), "D07");
}

#[test]
fn the_html_report_has_a_funnel_section() {
    let n = common::load_sample();
    let as_of = n.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let html = salesnet::report::html_report(&as_of, &salesnet::report::ReportOptions::new()).expect("report");
    let funnel = &html[html.find("id=\"funnel\"").expect("a funnel section")..];
    // The chart, the diagnoses, the stuck deal, the open deals, the dormant customers.
    assert!(funnel.contains("<svg"));
    for code in ["not_prospecting", "weak_proposals", "weak_negotiation", "not_shrinking"] {
        assert!(funnel.contains(code), "{code}");
    }
    assert!(funnel.contains("<td>D07</td>"));
    assert!(funnel.contains("Tariq Marsh (own00)"));
    assert!(funnel.contains("Meridian Health Group"));
    // A portfolio without deals has no funnel section.
    let mut b = salesnet::SalesNetworks::builder();
    for o in n.organizations() {
        b.organization(o.clone());
    }
    for c in n.contacts() {
        b.contact(c.clone());
    }
    let bare = b.build().expect("valid");
    let as_of = bare.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let html = salesnet::report::html_report(&as_of, &salesnet::report::ReportOptions::new()).expect("report");
    assert!(!html.contains("id=\"funnel\""));
}
