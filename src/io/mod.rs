//! Layer 6: files. Portfolio CSV folders and JSON documents, generic edge
//! lists, GraphML and DOT export.
//!
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
//!   `user` or `other`; at least one contact is an `owner` (every owner of an
//!   organization with relation `own`; several owners are a team).
//! - `share` (optional column of `contacts.csv`, optional key of a JSON
//!   contact): `yes` (the default, also for an empty cell) or `no`, in any
//!   case. A person who does not share ([`Sharing::No`](crate::Sharing::No))
//!   keeps their ties for their own reports and the team's coverage counts,
//!   but no path shown to anyone else runs through them. The column is
//!   written only when someone does not share.
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
//! [Deals](crate::io#deals), and `attributes`), and a fifth, `interactions`,
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
//! [`Error::InvalidArgument`](crate::Error::InvalidArgument)) what a file could not hold: an attribute key
//! that is a required column name, text with a NUL character (CSV), a date
//! outside the years 0000-9999 (CSV).
//!
//! # Errors
//!
//! Reading stops at the first problem and returns nothing else: a portfolio
//! is either read whole or not at all. Every input error has a
//! [`Location`](crate::Location): the file, the 1-based line (the CSV header
//! is line 1; blank lines count, and `\r\n` or a lone `\r` ends a line as `\n` does; in JSON, the line where the bad value starts, or where its
//! record starts for the rules checked across records) and the field (the
//! CSV column name, or a JSON path such as `ties[3].level`). Field checks come
//! first, file by file, then the rules across records: organizations, then
//! contacts, then ties. Contact names never appear in errors, only ids.
//!
//! | error | example | location |
//! |-------|---------|----------|
//! | [`Error::Io`](crate::Error::Io) | `contacts.csv` missing from the folder | the path |
//! | [`Error::NotUtf8`](crate::Error::NotUtf8) | Latin-1 bytes, a NUL byte (binary content) | line, and column when the bytes still split into CSV fields |
//! | [`Error::Malformed`](crate::Error::Malformed) | a row with 5 fields under a 4-column header; an unclosed quote; `"x"y` after a closing quote; a repeated column; JSON syntax (`[1,]`); a JSON type (`"level": "3"`); an unknown or repeated JSON key | line (JSON path for JSON records) |
//! | [`Error::EmptyFile`](crate::Error::EmptyFile) | a file that is empty or holds only blank lines | the file |
//! | [`Error::MissingColumn`](crate::Error::MissingColumn) | `ties.csv` without a `level` column; a JSON tie without `"level"` | the header line and the column (CSV); the record's line and the key's path (JSON) |
//! | [`Error::EmptyValue`](crate::Error::EmptyValue) | an empty (or white-space only) `id`, `name` (organization), `organization`, `relation`, `role`, `source`, `target` or `level` | line, field |
//! | [`Error::UnknownRelation`](crate::Error::UnknownRelation) | relation `partner` | line, `relation` |
//! | [`Error::UnknownRole`](crate::Error::UnknownRole) | role `ceo` | line, `role` |
//! | [`Error::InvalidNumber`](crate::Error::InvalidNumber) | value `-5`, `1,5e3`, `abc`, `NaN`, `inf` | line, `value` |
//! | [`Error::LevelOutOfRange`](crate::Error::LevelOutOfRange) | level `6`, `-1`, `-0`, `2.5`, `x` | line, `level` |
//! | [`Error::InvalidDate`](crate::Error::InvalidDate) | `2025-02-30`, `2025/01/01`, `25-1-1` | line, `last_contact` |
//! | [`Error::DuplicateOrganization`](crate::Error::DuplicateOrganization) | two organizations named `Acme` | second line, `name`; `first_line` |
//! | [`Error::DuplicateContact`](crate::Error::DuplicateContact) | two contacts with id `c7` | second line, `id`; `first_line` |
//! | [`Error::UnknownOrganization`](crate::Error::UnknownOrganization) | a contact of `Initech` with no such organization | line, `organization` |
//! | [`Error::OwnerCount`](crate::Error::OwnerCount) | no contact with role `owner`, or two | the contacts file; the second owner's line and `role` |
//! | [`Error::UnknownContact`](crate::Error::UnknownContact) | a tie to `c99` with no such contact | line, `source` or `target` |
//! | [`Error::SelfTie`](crate::Error::SelfTie) | a tie `c1,c1` | line, `target` |
//! | [`Error::DuplicateTie`](crate::Error::DuplicateTie) | `c1,c2` and later `c2,c1` | second line, `target`; `first_line` |
//! | [`Error::UnknownStep`](crate::Error::UnknownStep), [`Error::UnknownStatus`](crate::Error::UnknownStatus) | deal step `won`, status `pending` | line, `step` or `status` (deals) |
//! | [`Error::NotASalesperson`](crate::Error::NotASalesperson) | a deal owned by a contact whose role is not `owner` | line, `owner` (deals) |
//! | [`Error::DateOrder`](crate::Error::DateOrder) | a deal's `step_since` before its `opened` | line, `step_since` (deals) |
//! | [`Error::DuplicateDeal`](crate::Error::DuplicateDeal) | two deals with id `d7` | second line, `id`; `first_line` |
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
//!
//! # Deals
//!
//! `deals.csv`: a portfolio's deals, one row per deal.
//!
//! Required columns (any order, header names matched with white space
//! trimmed; every other column is kept as the deal's [`Attributes`](crate::Attributes)):
//!
//! | column | value |
//! |--------|-------|
//! | `id` | unique deal id |
//! | `organization` | the buying organization's name (in `organizations.csv`) |
//! | `owner` | the salesperson: the id of a contact with role `owner` |
//! | `step` | `new_contact`, `introduced`, `proposal`, `negotiating`, `contracted` or `paid`: the furthest step reached |
//! | `status` | `open`, `won` or `lost` (a lost deal keeps the step where it was lost) |
//! | `amount` | a finite non-negative number, or empty |
//! | `opened` | `YYYY-MM-DD` |
//! | `step_since` | `YYYY-MM-DD`, not before `opened`: when the deal reached its step |
//!
//! ```text
//! id,organization,owner,step,status,amount,opened,step_since
//! d1,Globex,me,proposal,open,40000,2025-01-10,2025-03-01
//! ```

mod columns;
mod csv_deals;
mod csv_portfolio;
mod edges;
mod export;
mod json_portfolio;
mod nodes;
#[cfg(feature = "parquet")]
mod parquet;
mod portfolio;
mod tables;
pub(crate) mod text;
mod write;

pub use crate::model::redaction::{Pseudonyms, Redaction, redact};
pub use csv_deals::{DEAL_COLUMNS, deals_from_csv, deals_to_csv, read_deals_csv};
pub use edges::{
    Duplicates, EdgeListFormat, EdgeListOptions, IngestSummary, SelfLoops, edge_list_with_summary, read_edge_list,
    read_edge_list_from, read_edge_list_with_summary,
};
pub use export::{ExportOptions, snapshot_to_dot, snapshot_to_graphml, to_dot, to_graphml, write_dot, write_graphml};
pub use nodes::{NodeFileSummary, groups_from, read_groups};
pub use portfolio::{
    FolderHistory, INTERACTION_COLUMNS, PortfolioCsv, convert, interactions_to_csv, portfolio_from_csv,
    portfolio_from_json, portfolio_to_csv, portfolio_to_json, read_portfolio, read_portfolio_dir,
    read_portfolio_dir_with, read_portfolio_json, read_portfolio_with, read_portfolio_with_progress, write_portfolio,
    write_portfolio_dir, write_portfolio_json,
};
pub use tables::{Column, ColumnType, NetworkTables, TableFormat, Values};
pub(crate) use write::write_files;
pub use write::{Overwrite, check_output, write_file};
