//! Outputs never land on inputs, never replace an output unasked, never come
//! half-written; inputs that are not regular files are refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use salesnet::Error;
use salesnet::io::{Overwrite, check_output, convert, read_portfolio, write_portfolio};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salesnet-safe-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sample(dir: &Path) -> PathBuf {
    let p = dir.join("crm");
    std::fs::create_dir_all(&p).unwrap();
    std::fs::write(p.join("organizations.csv"), "name,relation,industry,value\nAcme,own,,\nGlobex,prospect,,100\n")
        .unwrap();
    std::fs::write(
        p.join("contacts.csv"),
        "id,name,organization,role,department\nme,Ann,Acme,owner,\nc1,Carl,Globex,decision_maker,\n",
    )
    .unwrap();
    std::fs::write(p.join("ties.csv"), "source,target,level,last_contact\nme,c1,3,2025-01-01\n").unwrap();
    p
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = if p.is_file() { std::fs::read(&p).unwrap() } else { Vec::new() };
            (p, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn convert_refuses_its_own_input_and_leaves_it_unchanged() {
    let dir = temp_dir("own");
    let p = sample(&dir);
    let before = snapshot(&p);
    for out in [p.clone(), p.join("contacts.csv"), p.join("ties.csv"), p.join("../crm/organizations.csv")] {
        let e = convert(&p, &out, Overwrite::Replace).unwrap_err();
        assert!(matches!(e, Error::OutputIsInput { .. }), "{}: {e}", out.display());
    }
    assert_eq!(snapshot(&p), before);
    // A JSON portfolio onto itself.
    convert(&p, dir.join("p.json"), Overwrite::Refuse).unwrap();
    let json = std::fs::read(dir.join("p.json")).unwrap();
    let e = convert(dir.join("p.json"), dir.join("p.json"), Overwrite::Replace).unwrap_err();
    assert!(matches!(e, Error::OutputIsInput { .. }), "{e}");
    assert_eq!(std::fs::read(dir.join("p.json")).unwrap(), json);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn convert_replaces_an_existing_output_only_when_asked() {
    let dir = temp_dir("force");
    let p = sample(&dir);
    std::fs::write(dir.join("old.json"), "precious").unwrap();
    let e = convert(&p, dir.join("old.json"), Overwrite::Refuse).unwrap_err();
    assert!(matches!(e, Error::OutputExists { .. }), "{e}");
    assert!(e.to_string().contains("--force"), "{e}");
    assert_eq!(std::fs::read(dir.join("old.json")).unwrap(), b"precious");
    convert(&p, dir.join("old.json"), Overwrite::Replace).unwrap();
    assert_eq!(read_portfolio(dir.join("old.json")).unwrap(), read_portfolio(&p).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The case of the issue: a folder where `ties.csv` is a directory. Before,
/// the organizations and contacts were replaced, then the write failed.
#[test]
fn a_failed_folder_write_replaces_nothing() {
    let dir = temp_dir("folder");
    let p = sample(&dir);
    let n = read_portfolio(&p).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("ties.csv")).unwrap();
    std::fs::write(out.join("organizations.csv"), "old").unwrap();
    assert!(write_portfolio(&n, &out).is_err());
    assert_eq!(std::fs::read(out.join("organizations.csv")).unwrap(), b"old");
    assert!(!out.join("contacts.csv").exists());
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn inputs_that_are_not_regular_files_are_refused() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("edges.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    if made {
        let e = salesnet::io::read_edge_list(&fifo, Default::default()).unwrap_err();
        assert!(matches!(e, Error::NotRegularFile { .. }), "{e}");
        let e = read_portfolio(&fifo).unwrap_err();
        assert!(matches!(e, Error::NotRegularFile { .. }), "{e}");
        let p = sample(&dir);
        std::fs::remove_file(p.join("ties.csv")).unwrap();
        assert!(Command::new("mkfifo").arg(p.join("ties.csv")).status().unwrap().success());
        let e = read_portfolio(&p).unwrap_err();
        assert!(matches!(e, Error::NotRegularFile { .. }), "{e}");
        // The relationship history too (it streams its files).
        use salesnet::history::{InferOptions, ParticipantIndex, Unmatched, read_interactions};
        let index = ParticipantIndex::new(Unmatched::AddAll);
        let e = read_interactions(std::slice::from_ref(&fifo), index, InferOptions::default()).err().unwrap();
        assert!(matches!(e, Error::NotRegularFile { .. }), "{e}");
    }
    if Path::new("/dev/zero").exists() {
        let e = read_portfolio("/dev/zero").unwrap_err();
        assert!(matches!(e, Error::NotRegularFile { .. }), "{e}");
        assert_eq!(e.to_string(), "/dev/zero: not a regular file");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `check_output` is the one guard every writing command calls.
#[test]
fn the_guard_sees_through_links_and_dots() {
    let dir = temp_dir("guard");
    let p = sample(&dir);
    assert!(matches!(
        check_output(p.join(".").join("ties.csv"), &[&p], Overwrite::Replace),
        Err(Error::OutputIsInput { .. })
    ));
    assert!(check_output(dir.join("report.html"), &[&p], Overwrite::Refuse).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The command line: `report` and `draw` onto their own input refuse, exit
/// non-zero, and leave the input's bytes unchanged. Needs the `analyze`
/// example built (`cargo test` builds it); skipped otherwise.
#[test]
fn commands_refuse_to_write_over_their_input() {
    let Some(analyze) = analyze() else {
        eprintln!("skipped: the analyze example is not built");
        return;
    };
    let dir = temp_dir("cli");
    let p = sample(&dir);
    let before = snapshot(&p);
    let runs: [&[&str]; 4] = [
        &["report", "--as-of", "2025-06-01", "--out", "crm/contacts.csv"],
        &["draw", "--stage", "prospecting", "--as-of", "2025-06-01", "--out", "crm/ties.csv"],
        &["convert", "--out", "crm"],
        &["convert", "--out", "crm/organizations.csv", "--force"],
    ];
    for args in runs {
        let out = Command::new(&analyze)
            .current_dir(&dir)
            .args(&args[..1])
            .args(["--portfolio", "crm"])
            .args(&args[1..])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr.contains("refusing to write over the input"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(snapshot(&p), before, "{args:?}");
    }
    // And a JSON portfolio.
    convert(&p, dir.join("p.json"), Overwrite::Refuse).unwrap();
    let json = std::fs::read(dir.join("p.json")).unwrap();
    let out = Command::new(&analyze)
        .current_dir(&dir)
        .args(["report", "--portfolio", "p.json", "--as-of", "2025-06-01", "--out", "./p.json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read(dir.join("p.json")).unwrap(), json);
    // Convert without --force keeps an existing output.
    let out = Command::new(&analyze)
        .current_dir(&dir)
        .args(["convert", "--portfolio", "crm", "--out", "p.json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The `analyze` example beside this test binary (`target/<profile>/examples/analyze`).
fn analyze() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile = exe.parent()?.parent()?;
    let bin = profile.join("examples").join(format!("analyze{}", std::env::consts::EXE_SUFFIX));
    bin.is_file().then_some(bin)
}
