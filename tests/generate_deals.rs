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

#[path = "cli_support/mod.rs"]
mod cli_support;

/// A fresh folder name under the temporary directory (not created).
fn out_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-gen-deals-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The team's diagnosis codes of `analyze funnel --json` on a generated portfolio.
fn cli_codes(dir: &std::path::Path) -> Vec<String> {
    let json =
        cli_support::analyze_ok(&["funnel", "--portfolio", &dir.to_string_lossy(), "--as-of", "2025-01-01", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["team"]["diagnoses"]
        .as_array()
        .expect("diagnoses")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn analyze_generate_writes_deals_and_plants_a_leak() {
    let common = ["generate", "--contacts", "300", "--seed", "7", "--as-of", "2025-01-01", "--deals", "3000"];
    // The command writes the library's deals: the same as `deals()` with the same seed.
    let healthy = out_dir("healthy");
    let mut args = common.to_vec();
    let out = healthy.to_string_lossy().into_owned();
    args.extend(["--out", &out]);
    cli_support::analyze_ok(&args);
    let written = salesnet::io::read_portfolio(&healthy).expect("readable");
    let networks = portfolio(&GenerateOptions::new().contacts(300).seed(7).as_of(AS_OF)).expect("portfolio");
    let expected = deals(&networks, &DealOptions::new(3_000, AS_OF).seed(7)).expect("deals");
    assert_eq!(written.deals(), expected.as_slice());
    assert_eq!(cli_codes(&healthy), Vec::<String>::new());
    // `--max-hops` sets the reach rule the deals' people are judged by.
    let json = cli_support::analyze_ok(&[
        "funnel",
        "--portfolio",
        &healthy.to_string_lossy(),
        "--as-of",
        "2025-01-01",
        "--max-hops",
        "1",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["thresholds"]["max_hops"], 1);
    assert!(v["deals"].as_array().expect("deals").iter().all(|d| {
        d["committee"].as_array().expect("committee").iter().all(|m| m["path"]["hops"].as_u64().is_some_and(|h| h <= 1))
    }));

    let leaky = out_dir("leaky");
    let mut args = common.to_vec();
    let out = leaky.to_string_lossy().into_owned();
    args.extend(["--leak", "introduced", "--out", &out]);
    cli_support::analyze_ok(&args);
    assert_eq!(cli_codes(&leaky), ["weak_proposals"]);

    // No leak after the last step; a leak without deals is a usage error.
    let bad = out_dir("bad");
    let out = bad.to_string_lossy().into_owned();
    let mut args = common.to_vec();
    args.extend(["--leak", "paid", "--out", &out]);
    let err = cli_support::analyze_err(&args, 1);
    assert!(err.contains("paid"), "{err}");
    assert!(!bad.exists());
    let err = cli_support::analyze_err(&["generate", "--contacts", "300", "--leak", "introduced", "--out", &out], 2);
    assert!(err.contains("--deals"), "{err}");
    for dir in [healthy, leaky] {
        std::fs::remove_dir_all(dir).expect("cleanup");
    }
}
