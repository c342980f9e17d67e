//! mbox files: the `From`, `To`, `Cc` and `Date` headers of each message,
//! decoded by the `mailparse` crate. Subjects and bodies are skipped line by
//! line and never kept.

use std::io::BufRead;
use std::path::Path;

use super::InteractionKind;
use super::echo;
use super::interactions::State;
use crate::error::{DateFormat, Error, Location, Result};

const KEPT: [&str; 4] = ["from", "to", "cc", "date"];

/// Reads an mbox file into `state`: one `email` interaction per message.
pub(crate) fn read(state: &mut State, mut reader: impl BufRead, file: &Path) -> Result<()> {
    let mut line = Vec::new();
    let mut number = 0u64;
    // The kept header lines of the current message, with their line numbers.
    let mut block: Vec<u8> = Vec::new();
    let mut lines: Vec<(u64, usize)> = Vec::new();
    let mut in_headers = false;
    let mut keeping = false;
    let mut message_line = 0u64;
    let mut seen_any = false;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(|e| Error::io(file, e))?;
        if n == 0 {
            break;
        }
        number += 1;
        if line.starts_with(b"From ") && !in_headers {
            if seen_any {
                message(state, &block, &lines, message_line, file)?;
            }
            seen_any = true;
            in_headers = true;
            keeping = false;
            block.clear();
            lines.clear();
            message_line = number;
            continue;
        }
        if !seen_any {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Err(Error::Malformed {
                location: Location::line(file, number),
                message: "not an mbox file: a message starts with a `From ` line".into(),
            });
        }
        if !in_headers {
            continue; // the body: skipped, never kept
        }
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.is_empty() {
            in_headers = false;
            continue;
        }
        if content[0] == b' ' || content[0] == b'\t' {
            if keeping {
                block.extend_from_slice(&line);
            }
            continue;
        }
        let key = content.split(|&b| b == b':').next().unwrap_or_default();
        keeping = KEPT.iter().any(|k| key.trim_ascii().eq_ignore_ascii_case(k.as_bytes()));
        if keeping {
            lines.push((number, block.len()));
            block.extend_from_slice(&line);
        }
    }
    if seen_any {
        message(state, &block, &lines, message_line, file)?;
    }
    Ok(())
}

/// One message from its kept header lines.
fn message(state: &mut State, block: &[u8], lines: &[(u64, usize)], at: u64, file: &Path) -> Result<()> {
    let mut block = block.to_vec();
    block.extend_from_slice(b"\n");
    let (headers, _) = mailparse::parse_headers(&block)
        .map_err(|e| Error::Malformed { location: Location::line(file, at), message: format!("headers: {e}") })?;
    // The line of a header: the n-th kept line.
    let line_of = |i: usize| lines.get(i).map_or(at, |l| l.0);
    let mut from: Option<String> = None;
    let mut recipients: Vec<String> = Vec::new();
    let mut day: Option<i32> = None;
    for (i, h) in headers.iter().enumerate() {
        let key = h.get_key().to_ascii_lowercase();
        let location = || Location::field(file, line_of(i), h.get_key());
        match key.as_str() {
            "date" => {
                let value = h.get_value();
                // jiff's strict RFC 2822 parser (mailparse's own accepts anything).
                let seconds = jiff::fmt::rfc2822::parse(value.trim())
                    .map_err(|_| Error::InvalidDateTime {
                        value: echo(&value),
                        expected: DateFormat::Rfc5322,
                        location: location(),
                    })?
                    .timestamp()
                    .as_second();
                let d = seconds.div_euclid(86_400);
                if !super::days::in_range(d) {
                    return Err(Error::InvalidDateTime {
                        value: echo(&value),
                        expected: DateFormat::Rfc5322,
                        location: location(),
                    });
                }
                day = Some(d as i32);
            }
            "from" | "to" | "cc" => {
                let list = mailparse::addrparse_header(h).map_err(|e| Error::Malformed {
                    location: location(),
                    message: format!("addresses: {}", echo(&e.to_string())),
                })?;
                let mut addrs = Vec::new();
                for a in list.iter() {
                    match a {
                        mailparse::MailAddr::Single(s) => addrs.push(s.addr.clone()),
                        mailparse::MailAddr::Group(g) => addrs.extend(g.addrs.iter().map(|s| s.addr.clone())),
                    }
                }
                if key == "from" {
                    if from.is_none() {
                        from = addrs.into_iter().next();
                    }
                } else {
                    recipients.extend(addrs);
                }
            }
            _ => {}
        }
    }
    let Some(from) = from.filter(|f| !f.trim().is_empty()) else {
        return Err(Error::EmptyValue { location: Location::field(file, at, "From") });
    };
    let Some(day) = day else {
        return Err(Error::EmptyValue { location: Location::field(file, at, "Date") });
    };
    if recipients.iter().all(|r| r.trim().is_empty()) {
        return Err(Error::EmptyValue { location: Location::field(file, at, "To") });
    }
    state.push(day, InteractionKind::Email, &from, recipients.iter().map(String::as_str));
    Ok(())
}
