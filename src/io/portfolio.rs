//! Portfolio files: the CSV folder and the JSON document (formats in the [`crate::io`] docs).

use std::path::Path;

use jiff::civil::Date;

pub use super::csv_portfolio::{
    FolderHistory, INTERACTION_COLUMNS, PortfolioCsv, interactions_to_csv, portfolio_from_csv, portfolio_to_csv,
    read_portfolio_dir, read_portfolio_dir_with, write_portfolio_dir,
};
pub use super::json_portfolio::{portfolio_from_json, portfolio_to_json, read_portfolio_json, write_portfolio_json};

use crate::error::{Error, Location, Result};
use crate::io::Overwrite;
use crate::model::{ContactId, Relation, RelationshipLevel, Role, SalesNetworks, Sharing};

/// The required columns of `organizations.csv` (and keys of a JSON organization), in order.
pub const ORGANIZATION_COLUMNS: [&str; 4] = ["name", "relation", "industry", "value"];
/// The required columns of `contacts.csv` (and keys of a JSON contact), in order.
pub const CONTACT_COLUMNS: [&str; 5] = ["id", "name", "organization", "role", "department"];
/// The required columns of `ties.csv` (and keys of a JSON tie), in order.
pub const TIE_COLUMNS: [&str; 4] = ["source", "target", "level", "last_contact"];

/// Reads a portfolio: a folder of CSV files, or a JSON document.
///
/// # Arguments
///
/// * `path`: a folder holding `organizations.csv`, `contacts.csv` and
///   `ties.csv` ([`read_portfolio_dir`]), or a JSON file ([`read_portfolio_json`]).
///
/// # Errors
///
/// [`Error::Io`] if the path or a file in the folder cannot be read; any
/// input error of the [module docs](crate::io#errors).
///
/// # Examples
///
/// ```no_run
/// let networks = salesnet::io::read_portfolio("data/crm-export")?;
/// println!("{} contacts", networks.contact_count());
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn read_portfolio(path: impl AsRef<Path>) -> Result<SalesNetworks> {
    read_portfolio_with(path, FolderHistory::Load)
}

/// [`read_portfolio`], reading a folder's `interactions.csv` or leaving it
/// in its file (a JSON document's `interactions` are always read).
///
/// # Errors
///
/// As [`read_portfolio`].
pub fn read_portfolio_with(path: impl AsRef<Path>, history: FolderHistory) -> Result<SalesNetworks> {
    let path = path.as_ref();
    if path.is_dir() { read_portfolio_dir_with(path, history) } else { read_portfolio_json(path) }
}

/// As [`read_portfolio_with`], reporting the bytes parsed to `progress`
/// ([`Task::Load`](crate::progress::Task::Load): a folder's record files
/// together, or the JSON document); the portfolio is the same.
///
/// # Errors
///
/// As [`read_portfolio`].
pub fn read_portfolio_with_progress(
    path: impl AsRef<Path>,
    history: FolderHistory,
    progress: &crate::progress::Progress,
) -> Result<SalesNetworks> {
    let path = path.as_ref();
    if path.is_dir() {
        super::csv_portfolio::read_portfolio_dir_reporting(path, history, Some(progress))
    } else {
        super::json_portfolio::read_portfolio_json_reporting(path, Some(progress))
    }
}

/// Writes a portfolio: a JSON document if `path` ends in `.json` (any case),
/// otherwise a folder of CSV files (created if needed).
///
/// # Errors
///
/// As [`write_portfolio_json`] or [`write_portfolio_dir`].
pub fn write_portfolio(networks: &SalesNetworks, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    if is_json_path(path) { write_portfolio_json(networks, path) } else { write_portfolio_dir(networks, path) }
}

/// Converts a portfolio between a CSV folder and a JSON document, either way
/// (or CSV to CSV, JSON to JSON): [`read_portfolio`] then [`write_portfolio`].
///
/// Nothing is written if the input has an error, if `output` is the input
/// or a file inside an input folder, or if `output` exists and `overwrite`
/// is [`Overwrite::Refuse`]. The output is written atomically: complete, or
/// the old output left as it was.
///
/// # Errors
///
/// [`Error::OutputIsInput`], [`Error::OutputExists`] (checked before
/// reading, see [`check_output`](crate::io::check_output)); as
/// [`read_portfolio`] and [`write_portfolio`].
///
/// # Examples
///
/// ```no_run
/// use salesnet::io::{Overwrite, convert};
/// convert("data/crm-export", "portfolio.json", Overwrite::Refuse)?;
/// convert("portfolio.json", "out/crm-export", Overwrite::Replace)?;
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn convert(input: impl AsRef<Path>, output: impl AsRef<Path>, overwrite: Overwrite) -> Result<()> {
    let (input, output) = (input.as_ref(), output.as_ref());
    crate::io::check_output(output, &[input], overwrite)?;
    let networks = read_portfolio(input)?;
    write_portfolio(&networks, output)
}

fn is_json_path(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Replaces the `<memory>` file of an owner-count error (no contacts at all)
/// with the contacts file.
pub(crate) fn name_contacts_file(result: Result<SalesNetworks>, contacts: &Path) -> Result<SalesNetworks> {
    match result {
        Err(Error::OwnerCount { location, found }) if location.file == Path::new("<memory>") => {
            Err(Error::OwnerCount { location: Location::file(contacts), found })
        }
        other => other,
    }
}

pub(crate) fn parse_relation(text: &str, at: impl FnOnce() -> Location) -> Result<Relation> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::EmptyValue { location: at() });
    }
    text.parse().map_err(|_| Error::UnknownRelation { value: text.to_string(), location: at() })
}

pub(crate) fn parse_role(text: &str, at: impl FnOnce() -> Location) -> Result<Role> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::EmptyValue { location: at() });
    }
    text.parse().map_err(|_| Error::UnknownRole { value: text.to_string(), location: at() })
}

/// The optional `share` column of contacts.
pub(crate) const SHARE_COLUMN: &str = "share";

/// A contact's `share` value: `yes` or `no` (white space trimmed, any case).
pub(crate) fn parse_share(text: &str, at: impl FnOnce() -> Location) -> Result<Sharing> {
    let text = text.trim();
    text.to_ascii_lowercase().parse().map_err(|_| Error::UnknownSharing { value: text.to_string(), location: at() })
}

/// A contact id: surrounding white space trimmed (as [`ContactId::new`]
/// does); empty after trimming is an empty value.
pub(crate) fn parse_id(text: &str, at: impl FnOnce() -> Location) -> Result<ContactId> {
    ContactId::new(text).map_err(|_| Error::EmptyValue { location: at() })
}

/// A level written as a whole number 0 to 5 (`+3` and `03` are 3).
pub(crate) fn parse_level(text: &str, at: impl FnOnce() -> Location) -> Result<RelationshipLevel> {
    let text = crate::io::text::trim(text);
    if text.is_empty() {
        return Err(Error::EmptyValue { location: at() });
    }
    text.parse::<u8>()
        .ok()
        .and_then(|n| RelationshipLevel::new(n).ok())
        .ok_or_else(|| Error::LevelOutOfRange { value: text.to_string(), location: at() })
}

/// An optional finite non-negative number; empty is `None`.
pub(crate) fn parse_value(text: &str, at: impl FnOnce() -> Location) -> Result<Option<f64>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(Error::InvalidNumber { value: text.to_string(), location: at() }),
    }
}

/// An optional date written exactly `YYYY-MM-DD`; empty is `None`.
pub(crate) fn parse_date(text: &str, at: impl FnOnce() -> Location) -> Result<Option<Date>> {
    let text = crate::io::text::trim(text);
    if text.is_empty() {
        return Ok(None);
    }
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i16> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0i16, |n, &d| n * 10 + i16::from(d - b'0')))
        } else {
            None
        }
    };
    let date = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        match (digits(0..4), digits(5..7), digits(8..10)) {
            // Month and day are at most 99, so they fit an i8.
            (Some(y), Some(m), Some(d)) => Date::new(y, m as i8, d as i8).ok(),
            _ => None,
        }
    } else {
        None
    };
    date.map(Some).ok_or_else(|| Error::InvalidDate { value: text.to_string(), location: at() })
}

/// A date as `YYYY-MM-DD`; `None` outside the years 0000-9999.
pub(crate) fn format_date(date: Date) -> Option<String> {
    (0..=9999).contains(&date.year()).then(|| format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()))
}

/// Whether an attribute key would be read back as a required column.
pub(crate) fn is_required_column(key: &str, required: &[&str]) -> bool {
    required.contains(&key.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location::field("t.csv", 2, "x")
    }

    /// The examples of the module docs: the CSV files read, written as JSON,
    /// give the JSON shown, and back.
    #[test]
    fn module_doc_examples_agree() {
        let source = include_str!("mod.rs"); // the module docs live in io/mod.rs
        let csv_lines: Vec<String> = source[source.find("//! ```text\n").unwrap()..]
            .lines()
            .skip(1)
            .take_while(|l| *l != "//! ```")
            .map(|l| l.trim_start_matches("//!").to_string())
            .collect();
        assert!(csv_lines.len() > 9);
        let file = |name: &str| -> String {
            csv_lines
                .iter()
                .skip_while(|l| l.trim() != name)
                .skip(1)
                .take_while(|l| l.starts_with("     "))
                .map(|l| format!("{}\n", l.trim()))
                .collect()
        };
        let n = crate::io::portfolio_from_csv(
            file("organizations.csv").as_bytes(),
            file("contacts.csv").as_bytes(),
            file("ties.csv").as_bytes(),
            "crm",
        )
        .unwrap();
        let json_start = source.find("//! ```json\n").unwrap();
        let json: String = source[json_start..]
            .lines()
            .skip(1)
            .take_while(|l| *l != "//! ```")
            .map(|l| format!("{}\n", l.strip_prefix("//! ").unwrap_or("")))
            .collect();
        assert_eq!(crate::io::portfolio_to_json(&n), json);
        assert_eq!(crate::io::portfolio_from_json(json.as_bytes(), "p.json").unwrap(), n);
    }

    #[test]
    fn dates_are_exact_and_real() {
        assert_eq!(parse_date("2024-02-29", loc).unwrap(), Some(jiff::civil::date(2024, 2, 29)));
        assert_eq!(parse_date(" ", loc).unwrap(), None);
        for bad in
            ["2025-02-30", "2025/01/01", "2025-1-01", "25-01-01", "2025-01-01T00:00", "+025-01-01", "２０２５-01-01"]
        {
            assert!(matches!(parse_date(bad, loc), Err(Error::InvalidDate { .. })), "{bad}");
        }
        assert_eq!(format_date(jiff::civil::date(7, 3, 9)).as_deref(), Some("0007-03-09"));
        assert_eq!(format_date(jiff::civil::date(-1, 3, 9)), None);
    }

    #[test]
    fn levels_and_values() {
        assert_eq!(parse_level(" 5 ", loc).unwrap().get(), 5);
        for bad in ["6", "-1", "2.5", "x", "256"] {
            assert!(matches!(parse_level(bad, loc), Err(Error::LevelOutOfRange { .. })), "{bad}");
        }
        assert!(matches!(parse_level("", loc), Err(Error::EmptyValue { .. })));
        assert_eq!(parse_value("1e3", loc).unwrap(), Some(1000.0));
        for bad in ["-1", "NaN", "inf", "abc", "1,5"] {
            assert!(matches!(parse_value(bad, loc), Err(Error::InvalidNumber { .. })), "{bad}");
        }
    }
}
