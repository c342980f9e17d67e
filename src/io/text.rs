//! Shared helpers for reading text input.

use std::path::Path;

use crate::error::{Error, Location, Result};

/// Reads a whole file.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Checks that `bytes` is UTF-8 text without NUL bytes, naming the line of
/// the first bad byte.
pub(crate) fn utf8<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
        Error::NotUtf8 { location: Location::line(file, line) }
    })?;
    if let Some(pos) = text.find('\0') {
        let line = 1 + text[..pos].matches('\n').count() as u64;
        return Err(Error::NotUtf8 { location: Location::line(file, line) });
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A CSV error as a [`Error::Malformed`] at its line.
pub(crate) fn csv_error(e: &csv::Error, file: &Path) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields, the header has {expected_len}")
        }
        _ => e.to_string(),
    };
    Error::Malformed { location: Location::line(file, line), message }
}
