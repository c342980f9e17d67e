//! `deals.csv` (format in the [`crate::io`] docs).

use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::csv_portfolio::{Table, write_table};
use crate::io::portfolio::{format_date, parse_date, parse_value};
use crate::io::text::read_bytes;
use crate::model::{ContactId, Deal, DealId, DealStatus, SalesNetworks, Step, check_deals};

/// The required columns of `deals.csv`, in the order they are written.
pub const DEAL_COLUMNS: [&str; 8] = ["id", "organization", "owner", "step", "status", "amount", "opened", "step_since"];

/// Reads `deals.csv` at `path` for the portfolio `networks`.
///
/// # Errors
///
/// [`Error::Io`] naming the file if it cannot be read; as [`deals_from_csv`].
pub fn read_deals_csv(path: impl AsRef<Path>, networks: &SalesNetworks) -> Result<Vec<Deal>> {
    let path = path.as_ref();
    let bytes = read_bytes(path)?;
    deals_from_csv(&bytes, path, networks)
}

/// Reads the deals of `networks` from the bytes of a `deals.csv` file,
/// named `file` in errors.
///
/// The rows are read one at a time (the `csv` crate's streaming reader);
/// either every deal is returned, in file order, or an error: nothing is
/// half-imported.
///
/// # Complexity
///
/// O(n) time and memory in the size of the input.
///
/// # Errors
///
/// Each naming the file, the line and the field:
/// [`Error::NotUtf8`], [`Error::Malformed`] (CSV syntax, a repeated column),
/// [`Error::MissingColumn`], [`Error::EmptyValue`] (id, organization, owner,
/// step, status, opened, step_since), [`Error::UnknownStep`],
/// [`Error::UnknownStatus`], [`Error::InvalidNumber`] (a negative, NaN or
/// infinite amount), [`Error::InvalidDate`], [`Error::UnknownOrganization`],
/// [`Error::UnknownContact`] (owner), [`Error::NotASalesperson`] (an owner
/// who is not a contact with role `owner`), [`Error::DateOrder`]
/// (`step_since` before `opened`), [`Error::DuplicateDeal`].
///
/// # Examples
///
/// ```
/// use salesnet::io::{deals_from_csv, portfolio_from_csv};
///
/// let orgs = "name,relation,industry,value\nAcme,own,,\nGlobex,prospect,,\n";
/// let contacts = "id,name,organization,role,department\nme,Ann,Acme,owner,\ncfo,Carl,Globex,decision_maker,\n";
/// let n = portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), b"source,target,level,last_contact\n", "crm")?;
/// let deals = "id,organization,owner,step,status,amount,opened,step_since\nd1,Globex,me,proposal,open,40000,2025-01-10,2025-03-01\n";
/// let d = deals_from_csv(deals.as_bytes(), "crm/deals.csv", &n)?;
/// assert_eq!(d[0].amount, Some(40_000.0));
///
/// let bad = "id,organization,owner,step,status,amount,opened,step_since\nd1,Globex,cfo,proposal,open,,2025-01-10,2025-03-01\n";
/// let e = deals_from_csv(bad.as_bytes(), "crm/deals.csv", &n).unwrap_err();
/// assert_eq!(e.to_string(), "crm/deals.csv, line 2, field `owner`: `cfo` is not a salesperson (a contact with role `owner`)");
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn deals_from_csv(bytes: &[u8], file: impl AsRef<Path>, networks: &SalesNetworks) -> Result<Vec<Deal>> {
    let deals = parse_deals(bytes, file.as_ref())?;
    check_deals(networks, deals.iter().map(|(d, l)| (d, l)))?;
    Ok(deals.into_iter().map(|(d, _)| d).collect())
}

/// The deals of a `deals.csv` file with the line each was read from,
/// checked field by field but not yet against a portfolio.
pub(crate) fn parse_deals(bytes: &[u8], file: &Path) -> Result<Vec<(Deal, Location)>> {
    let mut deals: Vec<(Deal, Location)> = Vec::new();
    Table::read(bytes, file, &DEAL_COLUMNS)?.for_each(|table, line, row| {
        let [id, organization, owner, step, status, amount, opened, step_since] = table.required::<8>(row);
        let at = |field: &'static str| move || Location::field(file, line, field);
        let id = DealId::new(id).map_err(|_| Error::EmptyValue { location: at("id")() })?;
        if organization.is_empty() {
            return Err(Error::EmptyValue { location: at("organization")() });
        }
        let owner = ContactId::new(owner).map_err(|_| Error::EmptyValue { location: at("owner")() })?;
        let deal = Deal {
            id,
            organization: organization.to_string(),
            owner,
            step: parse_text::<Step>(step, at("step"))?,
            status: parse_text::<DealStatus>(status, at("status"))?,
            amount: parse_value(amount, at("amount"))?,
            opened: required_date(opened, at("opened"))?,
            step_since: required_date(step_since, at("step_since"))?,
            attributes: table.attributes(row),
        };
        deals.push((deal, Location::line(file, line)));
        Ok(())
    })?;
    Ok(deals)
}

/// `deals.csv` as text: the required columns, then the attribute columns;
/// the same deals always give the same text.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for what a CSV file cannot hold: an attribute
/// key that is a required column, text with a NUL character, a date outside
/// the years 0000-9999.
pub fn deals_to_csv(deals: &[Deal]) -> Result<String> {
    let date = |d: jiff::civil::Date, field: &'static str, id: &DealId| {
        format_date(d).ok_or_else(|| Error::InvalidArgument {
            name: field,
            reason: format!("the date {d} of the deal `{id}` is outside the years 0000-9999"),
        })
    };
    write_table(
        "deals.csv",
        &DEAL_COLUMNS,
        deals.iter().map(|d| &d.attributes),
        deals.iter().map(|d| {
            let fields = [
                d.id.to_string(),
                d.organization.clone(),
                d.owner.to_string(),
                d.step.as_str().to_string(),
                d.status.as_str().to_string(),
                d.amount.map(|v| v.to_string()).unwrap_or_default(),
                date(d.opened, "opened", &d.id)?,
                date(d.step_since, "step_since", &d.id)?,
            ];
            Ok((fields, &d.attributes))
        }),
    )
}

/// A required lowercase name (step, status), white space trimmed; the
/// parse error gets the location.
pub(crate) fn parse_text<T: std::str::FromStr<Err = Error>>(text: &str, at: impl Fn() -> Location) -> Result<T> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::EmptyValue { location: at() });
    }
    text.parse::<T>().map_err(|e| match e {
        Error::UnknownStep { value, .. } => Error::UnknownStep { value, location: at() },
        Error::UnknownStatus { value, .. } => Error::UnknownStatus { value, location: at() },
        other => other,
    })
}

/// A required `YYYY-MM-DD` date.
fn required_date(text: &str, at: impl Fn() -> Location) -> Result<jiff::civil::Date> {
    parse_date(text, &at)?.ok_or_else(|| Error::EmptyValue { location: at() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::portfolio_from_csv;

    const HEADER: &str = "id,organization,owner,step,status,amount,opened,step_since\n";

    fn portfolio() -> SalesNetworks {
        let orgs = "name,relation,industry,value\nAcme,own,,\nGlobex,prospect,,\n";
        let contacts = "id,name,organization,role,department\nme,Ann,Acme,owner,\ncfo,Carl,Globex,decision_maker,\n";
        portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), b"source,target,level,last_contact\n", "crm")
            .expect("valid portfolio")
    }

    fn read(rows: &str) -> Result<Vec<Deal>> {
        deals_from_csv(format!("{HEADER}{rows}").as_bytes(), "crm/deals.csv", &portfolio())
    }

    /// The error's (line, field) and its variant name.
    fn fails(rows: &str) -> (u64, String, Error) {
        let e = read(rows).expect_err("should fail");
        let loc = e.location().expect("located").clone();
        assert_eq!(loc.file, Path::new("crm/deals.csv"));
        (loc.line.expect("on a line"), loc.field.unwrap_or_default(), e)
    }

    const GOOD: &str = "d1,Globex,me,proposal,open,40000,2025-01-10,2025-03-01\n";

    #[test]
    fn reads_and_writes_back() {
        let rows = format!("{GOOD}d2,Globex,me,paid,won,,2024-01-01,2024-06-01\n");
        let deals = read(&rows).expect("valid");
        assert_eq!(deals.len(), 2);
        assert_eq!(deals[1].status, DealStatus::Won);
        assert_eq!(deals[1].amount, None);
        let text = deals_to_csv(&deals).expect("writable");
        assert_eq!(text, format!("{HEADER}{rows}"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let cases: [(&str, &str); 14] = [
            ("d1,Nowhere,me,proposal,open,,2025-01-10,2025-03-01\n", "organization"),
            ("d1,Globex,ghost,proposal,open,,2025-01-10,2025-03-01\n", "owner"),
            ("d1,Globex,cfo,proposal,open,,2025-01-10,2025-03-01\n", "owner"),
            ("d1,Globex,me,closing,open,,2025-01-10,2025-03-01\n", "step"),
            ("d1,Globex,me,proposal,pending,,2025-01-10,2025-03-01\n", "status"),
            ("d1,Globex,me,proposal,open,-5,2025-01-10,2025-03-01\n", "amount"),
            ("d1,Globex,me,proposal,open,NaN,2025-01-10,2025-03-01\n", "amount"),
            ("d1,Globex,me,proposal,open,,2025-02-30,2025-03-01\n", "opened"),
            ("d1,Globex,me,proposal,open,,2025-01-10,\n", "step_since"),
            ("d1,Globex,me,proposal,open,,2025-03-10,2025-03-01\n", "step_since"),
            (",Globex,me,proposal,open,,2025-01-10,2025-03-01\n", "id"),
            ("d1,,me,proposal,open,,2025-01-10,2025-03-01\n", "organization"),
            ("d1,Globex,me,,open,,2025-01-10,2025-03-01\n", "step"),
            ("d1,Globex,me,proposal,open,1e999,2025-01-10,2025-03-01\n", "amount"),
        ];
        for (row, field) in cases {
            let (line, f, _) = fails(&format!("{GOOD}{}", row.replacen("d1", "d2", 1)));
            assert_eq!((line, f.as_str()), (3, field), "{row}");
        }
    }

    #[test]
    fn typed_errors() {
        let kind = |row: &str| fails(&format!("{GOOD}{row}")).2;
        assert!(matches!(
            kind("d2,Nowhere,me,proposal,open,,2025-01-10,2025-03-01\n"),
            Error::UnknownOrganization { .. }
        ));
        assert!(matches!(kind("d2,Globex,ghost,proposal,open,,2025-01-10,2025-03-01\n"), Error::UnknownContact { .. }));
        assert!(matches!(kind("d2,Globex,cfo,proposal,open,,2025-01-10,2025-03-01\n"), Error::NotASalesperson { .. }));
        assert!(matches!(kind("d2,Globex,me,won,open,,2025-01-10,2025-03-01\n"), Error::UnknownStep { .. }));
        assert!(matches!(kind("d2,Globex,me,paid,closed,,2025-01-10,2025-03-01\n"), Error::UnknownStatus { .. }));
        assert!(matches!(kind("d2,Globex,me,paid,won,-1,2025-01-10,2025-03-01\n"), Error::InvalidNumber { .. }));
        assert!(matches!(kind("d2,Globex,me,paid,won,,2025-01-10,01/03/2025\n"), Error::InvalidDate { .. }));
        assert!(matches!(kind("d2,Globex,me,paid,won,,2025-04-10,2025-03-01\n"), Error::DateOrder { .. }));
        let e = kind("d1,Globex,me,paid,won,,2025-01-10,2025-03-01\n");
        assert!(matches!(e, Error::DuplicateDeal { first_line: 2, .. }), "{e}");
        assert_eq!(e.to_string(), "crm/deals.csv, line 3, field `id`: duplicate deal id `d1` (first on line 2)");
    }

    #[test]
    fn missing_column_and_malformed_rows() {
        let n = portfolio();
        let e = deals_from_csv(b"id,organization,owner,step,status,amount,opened\n", "d.csv", &n).unwrap_err();
        assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "step_since"), "{e}");
        let e = deals_from_csv(format!("{HEADER}d1,Globex\n").as_bytes(), "d.csv", &n).unwrap_err();
        assert!(matches!(e, Error::Malformed { .. }), "{e}");
        assert_eq!(e.location().and_then(|l| l.line), Some(2));
        let e = deals_from_csv(b"\xff\xfe", "d.csv", &n).unwrap_err();
        assert!(matches!(e, Error::NotUtf8 { .. }), "{e}");
    }

    #[test]
    fn header_only_is_no_deals() {
        assert_eq!(read("").expect("valid").len(), 0);
    }
}
