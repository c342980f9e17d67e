//! iCalendar files: each VEVENT's `ORGANIZER`, `ATTENDEE` and `DTSTART`,
//! parsed by the `ical` crate; recurring events counted once per occurrence.

use std::io::BufRead;
use std::path::Path;

use super::days::days_from_ymd;
use super::interactions::State;
use super::{InteractionKind, echo};
use crate::error::{DateFormat, Error, Location, Result};

/// The most occurrences one recurring event is expanded to.
const MAX_OCCURRENCES: u32 = 10_000;
/// Without an end (COUNT or UNTIL) and without a limit date, a rule is
/// expanded over at most this many days after its start.
const DEFAULT_HORIZON_DAYS: i32 = 3_660;

/// Reads an iCalendar file into `state`: one `meeting` per event occurrence.
pub(crate) fn read(state: &mut State, mut reader: impl BufRead, file: &Path) -> Result<()> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| Error::io(file, e))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::NotUtf8 { location: Location::line(file, line) }
    })?;
    // The line of each VEVENT, in order, for errors.
    let event_lines: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VEVENT"))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    let limit = state.inference.options().recurrences_until_day();
    let mut event_index = 0usize;
    let mut occurrences: Vec<i32> = Vec::new();
    for calendar in ical::IcalParser::new(text.as_bytes()) {
        let calendar = calendar.map_err(|e| Error::Malformed {
            location: Location::file(file),
            message: format!("iCalendar: {}", echo(&e.to_string())),
        })?;
        for event in &calendar.events {
            let line = event_lines.get(event_index).copied().unwrap_or(0);
            event_index += 1;
            let at = |field: &str| Location::field(file, line, field);
            let mut organizer: Option<String> = None;
            let mut attendees: Vec<String> = Vec::new();
            let mut start: Option<i32> = None;
            let mut rule: Option<String> = None;
            let mut exdates: Vec<i32> = Vec::new();
            let mut cancelled = false;
            for p in &event.properties {
                let value = p.value.as_deref().unwrap_or("").trim();
                match p.name.to_ascii_uppercase().as_str() {
                    "ORGANIZER" => organizer = Some(address(value)),
                    "ATTENDEE" => {
                        let declined = p.params.iter().flatten().any(|(k, v)| {
                            k.eq_ignore_ascii_case("PARTSTAT") && v.iter().any(|s| s.eq_ignore_ascii_case("DECLINED"))
                        });
                        if !declined {
                            attendees.push(address(value));
                        }
                    }
                    "DTSTART" => {
                        start = Some(ical_day(value).ok_or_else(|| Error::InvalidDateTime {
                            value: echo(value),
                            expected: DateFormat::ICalendar,
                            location: at("DTSTART"),
                        })?);
                    }
                    "RRULE" => rule = Some(value.to_string()),
                    "EXDATE" => {
                        for v in value.split(',') {
                            exdates.push(ical_day(v.trim()).ok_or_else(|| Error::InvalidDateTime {
                                value: echo(v),
                                expected: DateFormat::ICalendar,
                                location: at("EXDATE"),
                            })?);
                        }
                    }
                    "STATUS" => cancelled = value.eq_ignore_ascii_case("CANCELLED"),
                    _ => {}
                }
            }
            let Some(start) = start else {
                return Err(Error::EmptyValue { location: at("DTSTART") });
            };
            if cancelled {
                continue;
            }
            let from = match organizer.filter(|o| !o.is_empty()) {
                Some(o) => o,
                None => match attendees.first() {
                    Some(a) => a.clone(),
                    None => continue, // no participant: not an interaction
                },
            };
            occurrences.clear();
            match &rule {
                None => occurrences.push(start),
                Some(rule) => expand(rule, start, limit, &mut occurrences)
                    .map_err(|message| Error::Malformed { location: at("RRULE"), message })?,
            }
            for &day in &occurrences {
                if !exdates.contains(&day) {
                    state.push(day, InteractionKind::Meeting, &from, attendees.iter().map(String::as_str));
                }
            }
        }
    }
    Ok(())
}

/// `mailto:ann@acme.com` gives `ann@acme.com`.
fn address(value: &str) -> String {
    let v = value.trim();
    match v.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => v[7..].trim().to_string(),
        _ => v.to_string(),
    }
}

/// The date of an iCalendar DATE (`20260105`) or DATE-TIME
/// (`20260105T100000`, `20260105T100000Z`) as written.
fn ical_day(value: &str) -> Option<i32> {
    let b = value.as_bytes();
    if b.len() < 8 || !b[..8].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.len() > 8 && b[8] != b'T' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| value[r].parse::<u32>().ok();
    let (y, m, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
    jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
    Some(days_from_ymd(y as i32, m, d))
}

/// Expands `FREQ=DAILY|WEEKLY|MONTHLY|YEARLY` with `INTERVAL`, `COUNT` and
/// `UNTIL` from `start`, up to `limit` (a day number) if given. `BYDAY`,
/// `BYMONTHDAY` and `BYMONTH` are accepted only when they name the start's
/// own day (what calendar programs write for a plain weekly or monthly
/// series); other parts are an error.
fn expand(rule: &str, start: i32, limit: Option<i32>, out: &mut Vec<i32>) -> std::result::Result<(), String> {
    let mut freq = None;
    let mut interval = 1u32;
    let mut count: Option<u32> = None;
    let mut until: Option<i32> = None;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| format!("RRULE part `{}` has no value", echo(part)))?;
        match k.to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(v.to_ascii_uppercase()),
            "INTERVAL" => {
                interval = v.parse().ok().filter(|&i| i > 0).ok_or_else(|| format!("bad INTERVAL `{}`", echo(v)))?
            }
            "COUNT" => count = Some(v.parse().map_err(|_| format!("bad COUNT `{}`", echo(v)))?),
            "UNTIL" => until = Some(ical_day(v).ok_or_else(|| format!("bad UNTIL `{}`", echo(v)))?),
            "WKST" => {}
            "BYDAY" | "BYMONTHDAY" | "BYMONTH" if names_start(k, v, start) => {}
            other => return Err(format!("RRULE part `{}` is not supported", echo(other))),
        }
    }
    let freq = freq.ok_or("RRULE without FREQ")?;
    let end = match (until, limit) {
        (Some(u), Some(l)) => u.min(l),
        (Some(u), None) => u,
        (None, Some(l)) => l,
        (None, None) => start + DEFAULT_HORIZON_DAYS,
    };
    let date = super::days::date_from_days(start);
    let (y0, m0, d0) = (i32::from(date.year()), date.month() as i32, date.day() as u32);
    let max = count.unwrap_or(MAX_OCCURRENCES).min(MAX_OCCURRENCES);
    let mut k = 0i64;
    let mut produced = 0u32;
    while produced < max {
        let step = k * i64::from(interval);
        k += 1;
        let day = match freq.as_str() {
            "DAILY" => i64::from(start) + step,
            "WEEKLY" => i64::from(start) + 7 * step,
            "MONTHLY" | "YEARLY" => {
                let months = if freq == "MONTHLY" { step } else { 12 * step };
                let total = i64::from(y0) * 12 + i64::from(m0 - 1) + months;
                let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
                if y > 9999 {
                    break;
                }
                // A day the month lacks (the 31st, 29 February) is skipped, as RFC 5545 says.
                if jiff::civil::Date::new(y as i16, m as i8, d0 as i8).is_err() {
                    if k > i64::from(MAX_OCCURRENCES) * 12 {
                        break;
                    }
                    continue;
                }
                i64::from(days_from_ymd(y as i32, m as u32, d0))
            }
            other => return Err(format!("RRULE FREQ `{}` is not supported", echo(other))),
        };
        if day > i64::from(end) || day > i64::from(super::days::days_from_date(jiff::civil::Date::MAX)) {
            break;
        }
        out.push(day as i32);
        produced += 1;
    }
    Ok(())
}

/// Whether a BY part names only the start's own weekday, month day or month.
fn names_start(key: &str, value: &str, start: i32) -> bool {
    let date = super::days::date_from_days(start);
    match key.to_ascii_uppercase().as_str() {
        "BYDAY" => {
            let wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][date.weekday().to_monday_zero_offset() as usize];
            value.eq_ignore_ascii_case(wd)
        }
        "BYMONTHDAY" => value.parse::<i8>().is_ok_and(|d| d == date.day()),
        _ => value.parse::<i8>().is_ok_and(|m| m == date.month()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> i32 {
        days_from_ymd(y, m, d)
    }

    #[test]
    fn rules_expand() {
        let mut v = Vec::new();
        expand("FREQ=WEEKLY;INTERVAL=2;COUNT=3", ymd(2026, 1, 5), None, &mut v).unwrap();
        assert_eq!(v, vec![ymd(2026, 1, 5), ymd(2026, 1, 19), ymd(2026, 2, 2)]);
        v.clear();
        expand("FREQ=MONTHLY;UNTIL=20260430T000000Z", ymd(2026, 1, 31), None, &mut v).unwrap();
        assert_eq!(v, vec![ymd(2026, 1, 31), ymd(2026, 3, 31)]);
        v.clear();
        expand("FREQ=DAILY", ymd(2026, 1, 1), Some(ymd(2026, 1, 3)), &mut v).unwrap();
        assert_eq!(v.len(), 3);
        v.clear();
        expand("FREQ=WEEKLY;BYDAY=MO", ymd(2026, 1, 5), Some(ymd(2026, 1, 20)), &mut v).unwrap();
        assert_eq!(v.len(), 3);
        assert!(expand("FREQ=WEEKLY;BYDAY=MO,WE", ymd(2026, 1, 5), None, &mut v).is_err());
        assert!(expand("INTERVAL=2", ymd(2026, 1, 5), None, &mut v).is_err());
    }

    #[test]
    fn ical_dates() {
        assert_eq!(ical_day("20260105"), Some(ymd(2026, 1, 5)));
        assert_eq!(ical_day("20260105T100000Z"), Some(ymd(2026, 1, 5)));
        assert_eq!(ical_day("20260230"), None);
        assert_eq!(ical_day("2026-01-05"), None);
    }
}
