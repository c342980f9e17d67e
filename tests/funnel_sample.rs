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

#[test]
fn a_deals_people_are_judged_as_buy_in_and_closing_judge_them() {
    // One set of rules: the funnel reads the advice's facts, so every open
    // deal's reached people, meetings, middleman and referee are the
    // stage reports' own.
    use salesnet::stages::{StageOptions, buy_in, closing};
    let n = common::load_sample();
    let as_of = n.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let r = funnel(&as_of, &Salespeople::All, &FunnelOptions::new()).expect("report");
    let options = StageOptions::new();
    let mut referees = 0;
    let mut middlemen = 0;
    for d in &r.deals {
        let b = buy_in(&as_of, &d.organization, &options).expect("buy-in");
        for k in b.decision_makers.iter().chain(&b.influencers) {
            let m = d.committee.iter().find(|m| m.id == k.id).expect("a key person is in the committee");
            assert_eq!((m.reached, &m.path), (k.reached, &k.path), "{} {}", d.id, k.id);
            assert_eq!(m.met, !b.gaps.contains(&k.id), "{} {}", d.id, k.id);
        }
        let reached: Vec<&str> = b.decision_makers.iter().filter(|k| k.reached).map(|k| k.id.as_str()).collect();
        assert_eq!(d.decision_makers_reached.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), reached, "{}", d.id);
        assert_eq!((d.met, d.single_threaded), (b.met.len(), b.single_threaded), "{}", d.id);
        assert_eq!(d.middleman.as_ref().map(|m| &m.id), b.middlemen.first().map(|m| &m.id), "{}", d.id);
        middlemen += usize::from(d.middleman.is_some());
        // The best of closing's referees over the account's decision makers.
        let mut best: Option<(f64, String, String)> = None;
        for k in &b.decision_makers {
            let c = closing(&as_of, k.id.as_str(), &options).expect("closing");
            if let Some(x) = c.referees.first() {
                let candidate = (x.score, x.id.to_string(), k.id.to_string());
                if best.as_ref().is_none_or(|b| x.score > b.0 || (x.score == b.0 && candidate.1 < b.1)) {
                    best = Some(candidate);
                }
            }
        }
        let got = d.referee.as_ref().map(|x| (x.score, x.id.to_string(), x.target.to_string()));
        assert_eq!(got, best, "{}", d.id);
        referees += usize::from(d.referee.is_some());
    }
    // The sample exercises both: deals with a middleman and with a referee.
    assert!(middlemen > 0 && referees > 0, "{middlemen} middlemen, {referees} referees");
}

/// People, not ids: every contact a deal's next action names appears with
/// their name beside the id, and the diagnoses say "as many" rather than
/// "1 times".
#[test]
fn next_actions_name_people_beside_their_ids() {
    let n = common::load_sample();
    let as_of = n.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let r = funnel(&as_of, &Salespeople::All, &FunnelOptions::new()).expect("report");
    let mut named = 0;
    for deal in &r.deals {
        let reason = &deal.next_action.reason;
        for c in n.contacts() {
            let id = c.id.as_str();
            // An id token (not a prefix of a longer id) in the reason ...
            for (at, _) in reason.match_indices(id) {
                let after = reason[at + id.len()..].chars().next();
                if after.is_some_and(|ch| ch.is_ascii_alphanumeric()) {
                    continue;
                }
                // ... is always "Name (id)".
                let shown = format!("{} ({id})", c.name);
                assert!(reason[..at + id.len() + 1].ends_with(&shown), "{id} without its name in `{reason}`");
                named += 1;
            }
        }
    }
    assert!(named >= 5, "the sample's next actions name people ({named})");
    let diagnoses: Vec<&str> = r.owners[0].pipeline.diagnoses.iter().map(|d| d.message.as_str()).collect();
    assert!(diagnoses.iter().all(|m| !m.contains(" 1 times")), "{diagnoses:?}");
}
