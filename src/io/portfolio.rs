//! Portfolio files: a folder of three CSV files (the CRM export) and one JSON
//! document (the lossless form), read and written both ways.
//!
//! # The CSV folder
//!
//! Three files with a header row. The required columns may come in any order
//! (header names are matched with surrounding white space trimmed); every
//! other column is kept, in column order, as the record's [`Attributes`](crate::Attributes)
//! (an empty cell is no attribute).
//!
//! | file | required columns |
//! |------|------------------|
//! | `organizations.csv` | `name,relation,industry,value` |
//! | `contacts.csv` | `id,name,organization,role,department` |
//! | `ties.csv` | `source,target,level,last_contact` |
//!
//! - `relation`: `own`, `customer`, `prospect` or `other`.
//! - `role`: `owner`, `decision_maker`, `influencer`, `gatekeeper`, `buyer`,
//!   `user` or `other`; exactly one contact is the `owner`.
//! - `value`: a finite non-negative number (`250000`, `1.5e6`), or empty.
//! - `level`: a whole number from 0 to 5, written with digits only (in
//!   both CSV and JSON `-0`, `2.5` and `1e0` are out of range).
//! - `last_contact`: a calendar date written exactly `YYYY-MM-DD`, or empty.
//! - An empty `industry`, `department`, `value` or `last_contact` is `None`.
//!   Ids are read with surrounding white space trimmed (as
//!   [`ContactId::new`](crate::ContactId::new) and the edge-list reader
//!   trim them), and an id of only white space is empty; names and
//!   attribute values are kept exactly, white space included; relation,
//!   role, level, value and date cells are read with surrounding white space
//!   trimmed. The JSON reader reads every value the same way.
//!
//! ```text
//! organizations.csv
//!     name,relation,industry,value,region
//!     Acme,own,software,,north
//!     Globex,customer,,250000,
//! contacts.csv
//!     id,name,organization,role,department
//!     me,Ann Seller,Acme,owner,sales
//!     cfo,Carl Buyer,Globex,decision_maker,
//! ties.csv
//!     source,target,level,last_contact
//!     me,cfo,4,2025-03-01
//! ```
//!
//! [`write_portfolio_dir`] writes the required columns first, then the
//! attribute columns in order of first appearance across the records
//! (moved later only where a record lists its attributes in another order,
//! so that every record keeps its own order whenever one column order can
//! serve them all).
//!
//! # The JSON document
//!
//! One object with three arrays, and a fourth, `deals`, when the portfolio
//! has deals (its records have the keys of `deals.csv`, see
//! [`crate::io::csv_deals`], and `attributes`), and a fifth, `interactions`,
//! when it has a relationship history: records with `date` (`YYYY-MM-DD` or
//! an RFC 3339 time, as written), `kind`, `from`, `to` and `cc` (arrays of
//! participants: contact ids or e-mail addresses, no `;`), and `attributes`
//! (the other columns of `interactions.csv`); every key of a record is written, `null`
//! for `None`, and attributes are an object whose members keep their order.
//! [`portfolio_to_json`] writes exactly this layout (two-space indentation,
//! keys in this order), so the same portfolio always gives the same bytes.
//!
//! ```json
//! {
//!   "organizations": [
//!     {
//!       "name": "Acme",
//!       "relation": "own",
//!       "industry": "software",
//!       "value": null,
//!       "attributes": {
//!         "region": "north"
//!       }
//!     },
//!     {
//!       "name": "Globex",
//!       "relation": "customer",
//!       "industry": null,
//!       "value": 250000.0,
//!       "attributes": {}
//!     }
//!   ],
//!   "contacts": [
//!     {
//!       "id": "me",
//!       "name": "Ann Seller",
//!       "organization": "Acme",
//!       "role": "owner",
//!       "department": "sales",
//!       "attributes": {}
//!     },
//!     {
//!       "id": "cfo",
//!       "name": "Carl Buyer",
//!       "organization": "Globex",
//!       "role": "decision_maker",
//!       "department": null,
//!       "attributes": {}
//!     }
//!   ],
//!   "ties": [
//!     {
//!       "source": "me",
//!       "target": "cfo",
//!       "level": 4,
//!       "last_contact": "2025-03-01",
//!       "attributes": {}
//!     }
//!   ]
//! }
//! ```
//!
//! When reading, the three arrays are required; in a record, `industry`,
//! `value`, `department`, `last_contact` and `attributes` may be left out or
//! `null`, and an empty string is the same as `null`. Unknown keys, repeated
//! keys, and attribute keys that are required column names (which a CSV file
//! could not hold) are errors. `level` is a JSON integer, `value` a JSON
//! number, attribute values are strings (or `null`, no attribute).
//!
//! # Lossless
//!
//! Reading what [`write_portfolio_json`] or [`write_portfolio_dir`] wrote
//! gives back an equal portfolio: the same organizations, contacts and ties
//! in the same order, field by field, attributes in order; values are written
//! so that they read back as the same `f64`. A CSV file has one column order,
//! so a record's attributes come back in the header's order: records that
//! list the same attributes in different orders (possible in JSON, never in
//! CSV) cannot all keep theirs in CSV. The writers refuse (with
//! [`Error::InvalidArgument`]) what a file could not hold: an attribute key
//! that is a required column name, text with a NUL character (CSV), a date
//! outside the years 0000-9999 (CSV).
//!
//! # Errors
//!
//! Reading stops at the first problem and returns nothing else: a portfolio
//! is either read whole or not at all. Every input error has a
//! [`Location`]: the file, the 1-based line (the CSV header
//! is line 1; blank lines count, and `\r\n` or a lone `\r` ends a line as `\n` does; in JSON, the line where the bad value starts, or where its
//! record starts for the rules checked across records) and the field (the
//! CSV column name, or a JSON path such as `ties[3].level`). Field checks come
//! first, file by file, then the rules across records: organizations, then
//! contacts, then ties. Contact names never appear in errors, only ids.
//!
//! | error | example | location |
//! |-------|---------|----------|
//! | [`Error::Io`] | `contacts.csv` missing from the folder | the path |
//! | [`Error::NotUtf8`] | Latin-1 bytes, a NUL byte (binary content) | line, and column when the bytes still split into CSV fields |
//! | [`Error::Malformed`] | a row with 5 fields under a 4-column header; an unclosed quote; `"x"y` after a closing quote; a repeated column; JSON syntax (`[1,]`); a JSON type (`"level": "3"`); an unknown or repeated JSON key | line (JSON path for JSON records) |
//! | [`Error::EmptyFile`] | a file that is empty or holds only blank lines | the file |
//! | [`Error::MissingColumn`] | `ties.csv` without a `level` column; a JSON tie without `"level"` | the header line and the column (CSV); the record's line and the key's path (JSON) |
//! | [`Error::EmptyValue`] | an empty (or white-space only) `id`, `name` (organization), `organization`, `relation`, `role`, `source`, `target` or `level` | line, field |
//! | [`Error::UnknownRelation`] | relation `partner` | line, `relation` |
//! | [`Error::UnknownRole`] | role `ceo` | line, `role` |
//! | [`Error::InvalidNumber`] | value `-5`, `1,5e3`, `abc`, `NaN`, `inf` | line, `value` |
//! | [`Error::LevelOutOfRange`] | level `6`, `-1`, `-0`, `2.5`, `x` | line, `level` |
//! | [`Error::InvalidDate`] | `2025-02-30`, `2025/01/01`, `25-1-1` | line, `last_contact` |
//! | [`Error::DuplicateOrganization`] | two organizations named `Acme` | second line, `name`; `first_line` |
//! | [`Error::DuplicateContact`] | two contacts with id `c7` | second line, `id`; `first_line` |
//! | [`Error::UnknownOrganization`] | a contact of `Initech` with no such organization | line, `organization` |
//! | [`Error::OwnerCount`] | no contact with role `owner`, or two | the contacts file; the second owner's line and `role` |
//! | [`Error::UnknownContact`] | a tie to `c99` with no such contact | line, `source` or `target` |
//! | [`Error::SelfTie`] | a tie `c1,c1` | line, `target` |
//! | [`Error::DuplicateTie`] | `c1,c2` and later `c2,c1` | second line, `target`; `first_line` |
//! | [`Error::UnknownStep`], [`Error::UnknownStatus`] | deal step `won`, status `pending` | line, `step` or `status` (deals) |
//! | [`Error::NotASalesperson`] | a deal owned by a contact whose role is not `owner` | line, `owner` (deals) |
//! | [`Error::DateOrder`] | a deal's `step_since` before its `opened` | line, `step_since` (deals) |
//! | [`Error::DuplicateDeal`] | two deals with id `d7` | second line, `id`; `first_line` |
//!
//! ```
//! use std::path::Path;
//! use salesnet::Error;
//! use salesnet::io::portfolio_from_csv;
//!
//! let orgs = "name,relation,industry,value\nAcme,own,,\n";
//! let contacts = "id,name,organization,role,department\nme,Ann,Acme,owner,\nbob,Bob,Acme,user,\n";
//! let ties = "source,target,level,last_contact\nme,bob,6,\n";
//! let err = portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), ties.as_bytes(), "crm").unwrap_err();
//! assert!(matches!(err, Error::LevelOutOfRange { .. }));
//! assert_eq!(
//!     err.to_string(),
//!     format!("{}, line 2, field `level`: relationship level `6` is not a whole number from 0 to 5",
//!         Path::new("crm").join("ties.csv").display())
//! );
//! ```

use std::path::Path;

use jiff::civil::Date;

pub use super::csv_portfolio::{
    FolderHistory, INTERACTION_COLUMNS, PortfolioCsv, interactions_to_csv, portfolio_from_csv, portfolio_to_csv,
    read_portfolio_dir, read_portfolio_dir_with, write_portfolio_dir,
};
pub use super::json_portfolio::{portfolio_from_json, portfolio_to_json, read_portfolio_json, write_portfolio_json};

use crate::error::{Error, Location, Result};
use crate::io::Overwrite;
use crate::model::{ContactId, Relation, RelationshipLevel, Role, SalesNetworks};

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
/// input error of the [module docs](self#errors).
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

/// A contact id: surrounding white space trimmed (as [`ContactId::new`]
/// does); empty after trimming is an empty value.
pub(crate) fn parse_id(text: &str, at: impl FnOnce() -> Location) -> Result<ContactId> {
    ContactId::new(text).map_err(|_| Error::EmptyValue { location: at() })
}

/// A level written as a whole number 0 to 5 (`+3` and `03` are 3).
pub(crate) fn parse_level(text: &str, at: impl FnOnce() -> Location) -> Result<RelationshipLevel> {
    let text = text.trim();
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
    let text = text.trim();
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
        let source = include_str!("portfolio.rs");
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
