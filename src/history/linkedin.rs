//! LinkedIn's connections export (`Connections.csv`): contacts,
//! organizations by company name, and level-0 ties ("we only know the
//! name"), never more.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use super::echo;
use crate::error::{DateFormat, Error, Location, Result};
use crate::model::{Contact, ContactId, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

const HEADER: [&str; 7] = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"];

/// One connection of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// The contact id: `linkedin:` and the profile's slug (`/in/<slug>`),
    /// or the lowercase e-mail address when the export has no URL.
    pub id: ContactId,
    /// First and last name.
    pub name: String,
    /// The profile URL, if any.
    pub url: Option<String>,
    /// The e-mail address, if shared.
    pub email: Option<String>,
    /// The company, if any.
    pub company: Option<String>,
    /// The position, if any.
    pub position: Option<String>,
    /// When the connection was made.
    pub connected_on: Option<Date>,
    /// The line of the export.
    pub line: u64,
}

/// Reads a LinkedIn `Connections.csv` export: any note lines above the
/// header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`
/// are skipped; `Connected On` is `05 Jan 2024` (or `YYYY-MM-DD`).
///
/// # Errors
///
/// [`Error::Io`]; [`Error::MissingColumn`] when no header line is found;
/// [`Error::Malformed`] (CSV syntax); [`Error::NotUtf8`];
/// [`Error::EmptyValue`] (a row with neither URL nor e-mail: no id can be
/// made); [`Error::InvalidDateTime`]; [`Error::DuplicateContact`] (the same
/// profile twice), each with file, line and field. Nothing is returned on error.
pub fn read_linkedin_connections(mut reader: impl Read, file: &Path) -> Result<Vec<Connection>> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| Error::io(file, e))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::NotUtf8 { location: Location::line(file, line) }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut offset = 0;
    let mut header_line = 0u64;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with("First Name,") {
            header_line = i as u64 + 1;
            break;
        }
        offset += line.len();
    }
    if header_line == 0 {
        return Err(Error::MissingColumn { location: Location::file(file), column: HEADER[0].into() });
    }
    let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(&text.as_bytes()[offset..]);
    let headers = csv
        .headers()
        .map_err(|_| Error::Malformed {
            location: Location::line(file, header_line),
            message: "malformed header".into(),
        })?
        .clone();
    let mut col = [0usize; 7];
    for (k, name) in HEADER.iter().enumerate() {
        col[k] = headers.iter().position(|h| h.trim() == *name).ok_or_else(|| Error::MissingColumn {
            location: Location::line(file, header_line),
            column: (*name).into(),
        })?;
    }
    let mut out = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in csv.records() {
        let record = record.map_err(|e| Error::Malformed {
            location: Location {
                file: file.into(),
                line: e.position().map(|p| header_line - 1 + p.line()),
                field: None,
            },
            message: "malformed CSV row".into(),
        })?;
        let line = header_line - 1 + record.position().map_or(0, |p| p.line());
        let get = |k: usize| record.get(col[k]).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let url = get(2);
        let email = get(3).map(|e| e.to_lowercase());
        let id = match (&url, &email) {
            (Some(u), _) if slug(u).is_some() => format!("linkedin:{}", slug(u).unwrap_or_default()),
            (_, Some(e)) => e.clone(),
            _ => return Err(Error::EmptyValue { location: Location::field(file, line, "URL") }),
        };
        if let Some(&first_line) = seen.get(&id) {
            return Err(Error::DuplicateContact { id, location: Location::field(file, line, "URL"), first_line });
        }
        seen.insert(id.clone(), line);
        let connected_on = match get(6) {
            None => None,
            Some(d) => Some(parse_connected_on(&d).ok_or_else(|| Error::InvalidDateTime {
                value: echo(&d),
                expected: DateFormat::LinkedIn,
                location: Location::field(file, line, "Connected On"),
            })?),
        };
        let name = [get(0), get(1)].into_iter().flatten().collect::<Vec<_>>().join(" ");
        out.push(Connection {
            id: ContactId::new(id)?,
            name,
            url,
            email,
            company: get(4),
            position: get(5),
            connected_on,
            line,
        });
    }
    Ok(out)
}

/// The profile slug of `https://www.linkedin.com/in/<slug>[/]`.
fn slug(url: &str) -> Option<String> {
    let rest = &url[url.find("/in/")? + 4..];
    let s = rest.split(['/', '?', '#']).next()?.trim();
    (!s.is_empty()).then(|| s.to_lowercase())
}

fn parse_connected_on(s: &str) -> Option<Date> {
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    let mut parts = s.split_whitespace();
    let day: i8 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.to_ascii_lowercase().get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let year: i16 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::new(year, month, day).ok()
}

/// Adds LinkedIn connections to a portfolio as contacts of `owner`:
/// a connection already in the portfolio (same id, or same `email`
/// ignoring case) is not added again; its company becomes an organization
/// (relation `other`) unless one of that name exists (ignoring case); no
/// company gives the organization `(unknown)`. Each new connection gets a
/// level-0 tie to the owner ("we only know the name"), never more, with no
/// last contact; an existing tie is left as it is. The contact keeps
/// `email`, `title` (the position), `linkedin` (the URL) and `connected_on`.
///
/// # Errors
///
/// [`Error::UnknownContact`] for an unknown owner; the builder's errors.
pub fn add_connections(networks: &SalesNetworks, owner: &str, connections: &[Connection]) -> Result<SalesNetworks> {
    if networks.contact(owner).is_none() {
        return Err(Error::UnknownContact { id: echo(owner), location: Location::file("<memory>") });
    }
    let mut b = SalesNetworks::builder();
    let mut orgs: HashMap<String, String> = HashMap::new();
    for org in networks.organizations() {
        orgs.entry(org.name.to_lowercase()).or_insert_with(|| org.name.clone());
        b.organization(org.clone());
    }
    let mut emails: HashMap<String, String> = HashMap::new();
    for contact in networks.contacts() {
        if let Some(e) = contact.attributes.get("email") {
            emails.entry(e.trim().to_lowercase()).or_insert_with(|| contact.id.to_string());
        }
        b.contact(contact.clone());
    }
    let mut new_ties = Vec::new();
    for c in connections {
        let existing = networks
            .contact(c.id.as_str())
            .map(|x| x.id.to_string())
            .or_else(|| c.email.as_ref().and_then(|e| emails.get(e).cloned()));
        let id = match existing {
            Some(id) => id,
            None => {
                let company = c.company.clone().unwrap_or_else(|| "(unknown)".to_string());
                let org = match orgs.get(&company.to_lowercase()) {
                    Some(name) => name.clone(),
                    None => {
                        orgs.insert(company.to_lowercase(), company.clone());
                        b.organization(Organization::new(company.clone(), Relation::Other));
                        company
                    }
                };
                let mut contact = Contact::new(c.id.as_str(), c.name.clone(), org, Role::Other)?;
                let a = &mut contact.attributes;
                a.set("email", c.email.clone().unwrap_or_default());
                a.set("title", c.position.clone().unwrap_or_default());
                a.set("linkedin", c.url.clone().unwrap_or_default());
                a.set("connected_on", c.connected_on.map(|d| d.to_string()).unwrap_or_default());
                b.contact(contact);
                c.id.to_string()
            }
        };
        if id != owner && networks.tie(owner, &id).is_none() && !new_ties.contains(&id) {
            new_ties.push(id);
        }
    }
    for tie in networks.ties() {
        b.tie(tie.clone());
    }
    for id in new_ties {
        b.tie(Tie::new(owner, &id, RelationshipLevel::NO_CONTACT)?);
    }
    b.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connected_on_formats() {
        assert_eq!(parse_connected_on("05 Jan 2024"), Some(jiff::civil::date(2024, 1, 5)));
        assert_eq!(parse_connected_on("2024-01-05"), Some(jiff::civil::date(2024, 1, 5)));
        assert_eq!(parse_connected_on("31 Feb 2024"), None);
        assert_eq!(parse_connected_on("5 Foo 2024"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("https://www.linkedin.com/in/Jane-Doe-12/").as_deref(), Some("jane-doe-12"));
        assert_eq!(slug("https://example.com/x"), None);
    }
}
