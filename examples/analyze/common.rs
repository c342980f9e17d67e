//! What the commands share: the failure type and number formatting.

use std::fmt;

/// Why a command failed: an error of the crate, or a problem with the arguments.
#[derive(Debug)]
pub enum Failure {
    /// An error from salesnet (input, unknown id, ...).
    Salesnet(salesnet::Error),
    /// Arguments that make no sense together.
    Usage(String),
}

impl From<salesnet::Error> for Failure {
    fn from(e: salesnet::Error) -> Self {
        Failure::Salesnet(e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Usage(format!("cannot write JSON: {e}"))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Salesnet(e) => write!(f, "{e}"),
            Failure::Usage(m) => f.write_str(m),
        }
    }
}

/// A command's result: the text for stdout.
pub type Outcome = Result<String, Failure>;

/// A number for a text table: `-` for undefined, 4 decimals otherwise.
pub fn cell(x: Option<f64>) -> String {
    match x {
        Some(v) => format!("{v:.4}"),
        None => "-".to_string(),
    }
}

/// JSON text with a final newline.
pub fn json_line(value: &impl serde::Serialize) -> Outcome {
    let mut s = serde_json::to_string(value)?;
    s.push('\n');
    Ok(s)
}
