//! Running the `analyze` example from integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The `analyze` example of this build's profile, built (or brought up to
/// date) once per test binary, so that `cargo test --test NAME` alone runs
/// the current code.
pub fn analyze_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable");
        // target/<profile>/deps/<test> -> target/<profile>
        let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>").to_path_buf();
        let target_dir = profile_dir.parent().expect("target").to_path_buf();
        let mut build = Command::new(env!("CARGO"));
        build.args(["build", "--quiet", "--example", "analyze", "--target-dir"]).arg(&target_dir);
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            build.arg("--release");
        }
        let status = build.current_dir(env!("CARGO_MANIFEST_DIR")).status().expect("cargo runs");
        assert!(status.success(), "cargo build --example analyze failed");
        profile_dir.join("examples").join(format!("analyze{}", std::env::consts::EXE_SUFFIX))
    })
}

/// Runs `analyze` with `args` in the crate's folder.
pub fn analyze(args: &[&str]) -> Output {
    Command::new(analyze_bin()).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("analyze runs")
}

/// Runs `analyze`, asserting success; returns stdout.
pub fn analyze_ok(args: &[&str]) -> String {
    let out = analyze(args);
    assert!(out.status.success(), "analyze {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `analyze`, asserting failure with exit code `code` and nothing on stdout; returns stderr.
pub fn analyze_err(args: &[&str], code: i32) -> String {
    let out = analyze(args);
    assert_eq!(out.status.code(), Some(code), "analyze {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "stdout on failure: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).expect("UTF-8 errors")
}

/// `tests/data/<path>` as a string.
pub fn data(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path).to_string_lossy().into_owned()
}
