//! Test-local helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use salesnet::SalesNetworks;

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/sample")
}

/// The bundled sample portfolio, read by the crate's own CSV loader.
pub fn load_sample() -> SalesNetworks {
    salesnet::io::read_portfolio_dir(sample_dir()).unwrap()
}
