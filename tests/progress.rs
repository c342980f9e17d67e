//! Progress callbacks (issue 15): every long kernel reports through
//! `salesnet::progress`, the reports count up to their total, the last one
//! has `done == total`, and a callback never changes a result.

mod cli_support;

use std::sync::{Arc, Mutex};

use salesnet::graph::{Snapshot, SnapshotBuilder};
use salesnet::measures::{
    ApproxOptions, BetweennessOptions, approximate_betweenness, approximate_betweenness_with_progress,
};
use salesnet::paths::{PathFinder, PathOptions};
use salesnet::progress::{Progress, Step, Task};

/// A callback that keeps every step.
fn recorder() -> (Progress, Arc<Mutex<Vec<Step>>>) {
    let steps = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&steps);
    (Progress::new(move |step| seen.lock().unwrap().push(step)), steps)
}

/// The steps of `task` count up to their total, and the last has `done == total`.
fn check(steps: &[Step], task: Task, total: Option<u64>) -> usize {
    let mine: Vec<&Step> = steps.iter().filter(|s| s.task == task).collect();
    assert!(!mine.is_empty(), "no {task:?} step in {steps:?}");
    for w in mine.windows(2) {
        assert!(w[0].done <= w[1].done, "{task:?} went back: {w:?}");
    }
    assert!(mine.iter().all(|s| s.done <= s.total), "{mine:?}");
    let last = mine.last().unwrap();
    assert_eq!(last.done, last.total, "{task:?}: the last step is not done: {last:?}");
    if let Some(total) = total {
        assert_eq!(last.total, total, "{task:?}");
    }
    mine.len()
}

fn grid(side: usize) -> Snapshot {
    let mut b = SnapshotBuilder::undirected();
    for r in 0..side {
        for c in 0..side {
            if c + 1 < side {
                b.add_edge(&format!("{r}.{c}"), &format!("{r}.{}", c + 1), 1.0).unwrap();
            }
            if r + 1 < side {
                b.add_edge(&format!("{r}.{c}"), &format!("{}.{c}", r + 1), 1.0).unwrap();
            }
        }
    }
    b.build()
}

#[test]
fn approximate_betweenness_reports_its_samples() {
    let g = grid(30);
    let approx = ApproxOptions::new().epsilon(0.05).seed(3);
    let opts = BetweennessOptions::new();
    let (progress, steps) = recorder();
    let with = approximate_betweenness_with_progress(&g, &opts, &approx, &progress).unwrap();
    assert_eq!(with, approximate_betweenness(&g, &opts, &approx).unwrap());
    let steps = steps.lock().unwrap();
    assert!(check(&steps, Task::ApproxBetweenness, Some(with.samples)) > 2, "{steps:?}");
}

#[test]
fn k_best_paths_report_thousandths_of_the_paths() {
    // A chain long enough for reports inside a round of spur searches.
    let mut b = SnapshotBuilder::undirected();
    for i in 1..10_000 {
        b.add_edge(&format!("n{}", i - 1), &format!("n{i}"), 1.0).unwrap();
    }
    // One detour, so that a second path exists.
    b.add_edge("n10", "x", 1.0).unwrap();
    b.add_edge("x", "n12", 1.0).unwrap();
    let g = b.build();
    let (from, to) = (g.require("n0").unwrap(), g.require("n9999").unwrap());
    let plain = PathOptions::new().k(3);
    let (progress, steps) = recorder();
    let with = PathFinder::new(&g).k_best(from, to, &plain.clone().progress(progress)).unwrap();
    assert_eq!(with, PathFinder::new(&g).k_best(from, to, &plain).unwrap());
    assert_eq!(with.len(), 2);
    let steps = steps.lock().unwrap();
    check(&steps, Task::KBestPaths, Some(3000));
    // Inside the second round (1,000 to 1,999) there were reports.
    assert!(steps.iter().any(|s| s.done > 1000 && s.done < 2000), "{steps:?}");
}

#[test]
fn generation_reports_ties_placed_and_built() {
    use salesnet::generate::{GenerateOptions, portfolio};
    let options = GenerateOptions::new().contacts(3_000).seed(5);
    let (progress, steps) = recorder();
    let with = portfolio(&options.clone().progress(progress)).unwrap();
    let plain = portfolio(&options).unwrap();
    assert_eq!(salesnet::io::portfolio_to_json(&with), salesnet::io::portfolio_to_json(&plain));
    let steps = steps.lock().unwrap();
    // The first tie placed, the first built, and the end.
    assert!(check(&steps, Task::Generate, Some(2 * options.tie_count() as u64)) >= 3, "{steps:?}");
}

#[test]
fn loading_reports_the_bytes_parsed() {
    use salesnet::io::{EdgeListOptions, FolderHistory, read_edge_list, read_portfolio, read_portfolio_with_progress};
    let dir = std::env::temp_dir().join(format!("salesnet-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // An edge list of a few MiB: several reports.
    let edges = dir.join("edges.csv");
    let mut text = String::from("source,target\n");
    for i in 0..150_000u32 {
        text.push_str(&format!("node{i},node{}\n", (i * 7 + 1) % 150_000));
    }
    std::fs::write(&edges, &text).unwrap();
    let opts =
        EdgeListOptions::new().duplicates(salesnet::io::Duplicates::First).self_loops(salesnet::io::SelfLoops::Drop);
    let (progress, steps) = recorder();
    let with = read_edge_list(&edges, opts.clone().progress(progress)).unwrap();
    assert_eq!(with, read_edge_list(&edges, opts).unwrap());
    assert!(check(&steps.lock().unwrap(), Task::Load, Some(text.len() as u64)) > 2);

    // A portfolio, as a folder and as a JSON document.
    let networks = salesnet::generate::portfolio(&salesnet::generate::GenerateOptions::new().contacts(2_000)).unwrap();
    for out in [dir.join("p"), dir.join("p.json")] {
        salesnet::io::write_portfolio(&networks, &out).unwrap();
        let (progress, steps) = recorder();
        let with = read_portfolio_with_progress(&out, FolderHistory::Load, &progress).unwrap();
        let plain = read_portfolio(&out).unwrap();
        assert_eq!(salesnet::io::portfolio_to_json(&with), salesnet::io::portfolio_to_json(&plain));
        assert!(check(&steps.lock().unwrap(), Task::Load, None) >= 2, "{}", out.display());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn inference_reports_the_bytes_of_history_read() {
    use salesnet::history::{InferOptions, ParticipantIndex, Unmatched, read_interactions};
    let dir = std::env::temp_dir().join(format!("salesnet-progress-infer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    let mut size = 0;
    for f in 0..2 {
        let mut text = String::from("date,kind,from,to\n");
        for i in 0..30_000u32 {
            text.push_str(&format!("2025-0{}-1{},email,p{},p{}\n", 1 + i % 9, i % 10, i % 97 + f, i % 89));
        }
        let path = dir.join(format!("i{f}.csv"));
        std::fs::write(&path, &text).unwrap();
        size += text.len() as u64;
        files.push(path);
    }
    let (progress, steps) = recorder();
    let read = |options: InferOptions| read_interactions(&files, ParticipantIndex::new(Unmatched::AddAll), options);
    let mut with = read(InferOptions::default().progress(progress)).unwrap();
    let mut plain = read(InferOptions::default()).unwrap();
    assert_eq!(with.report, plain.report);
    let as_of = jiff::civil::date(2026, 1, 1);
    assert_eq!(with.inference.finish(as_of).ties(), plain.inference.finish(as_of).ties());
    assert!(check(&steps.lock().unwrap(), Task::Infer, Some(size)) >= 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// In a pipe (as here) the command line draws no bar: stderr stays empty.
#[test]
fn the_command_line_is_silent_in_a_pipe() {
    let edges = cli_support::data("zachary-karate/edges.csv");
    for args in [
        vec!["metrics", "--edges", edges.as_str()],
        vec!["metrics", "--edges", edges.as_str(), "--approx", "0.1"],
        vec!["path", "--edges", edges.as_str(), "--from", "1", "--to", "34", "--k", "3"],
    ] {
        let out = cli_support::analyze(&args);
        assert!(out.status.success(), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
