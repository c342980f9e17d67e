//! Standard output for the examples, which include this file with
//! `#[path = "shared/stdout.rs"] mod stdout;`.

use std::io::Write;

/// Writes an example's whole text to standard output at once; a reader
/// that closes the pipe early (`| head`) is not an error.
pub fn print(text: &str) -> std::io::Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}
