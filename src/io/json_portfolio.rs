//! The portfolio as one JSON document (format in [`crate::io`]).

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::{DateFormat, Error, Location, Result};
use crate::io::csv_deals::{DEAL_COLUMNS, parse_text};
use crate::io::portfolio::INTERACTION_COLUMNS;
use crate::io::portfolio::{
    CONTACT_COLUMNS, ORGANIZATION_COLUMNS, TIE_COLUMNS, format_date, is_required_column, name_contacts_file,
    parse_date, parse_id, parse_level, parse_relation, parse_role, parse_share, parse_value,
};
use crate::io::text::{LineIndex, read_bytes, utf8};
use crate::model::{
    Attributes, Contact, Deal, DealId, DealStatus, Interaction, InteractionDate, InteractionKind, Organization,
    RelationshipLevel, SalesNetworks, Sharing, Tie,
};
use crate::progress::{Progress, Task, Ticker};

/// Reads a portfolio from a JSON document.
///
/// # Errors
///
/// [`Error::Io`] if the file cannot be read; as [`portfolio_from_json`].
pub fn read_portfolio_json(path: impl AsRef<Path>) -> Result<SalesNetworks> {
    read_portfolio_json_reporting(path.as_ref(), None)
}

/// [`read_portfolio_json`], reporting the bytes parsed to `progress` ([`Task::Load`]).
pub(crate) fn read_portfolio_json_reporting(path: &Path, progress: Option<&Progress>) -> Result<SalesNetworks> {
    let bytes = read_bytes(path)?;
    let mut ticker = Ticker::new(progress, Task::Load, bytes.len() as u64, 1 << 20);
    let networks = portfolio_from_json_reporting(&bytes, path, &mut ticker)?;
    ticker.finish();
    Ok(networks)
}

/// Reads a portfolio from the bytes of a JSON document; `file` names it in errors.
///
/// # Arguments
///
/// * `bytes`: the document, UTF-8 (a leading byte-order mark is skipped).
/// * `file`: the file it came from, for errors only.
///
/// # Returns
///
/// The portfolio, records in document order, attributes in member order.
///
/// # Complexity
///
/// O(n) time and memory in the size of the input.
///
/// # Errors
///
/// Any input error listed in the [portfolio module docs](crate::io#errors),
/// with the line where the bad value (or, for rules across records, its
/// record) starts and its JSON path as the field, such as `ties[3].level`.
///
/// # Examples
///
/// ```
/// use salesnet::Error;
/// use salesnet::io::portfolio_from_json;
///
/// let doc = r#"{
///   "organizations": [{"name": "Acme", "relation": "own"}],
///   "contacts": [{"id": "me", "name": "Ann", "organization": "Acme", "role": "owner"}],
///   "ties": [
///     {"source": "me", "target": "bob", "level": 3}
///   ]
/// }"#;
/// let err = portfolio_from_json(doc.as_bytes(), "p.json").unwrap_err();
/// assert!(matches!(err, Error::UnknownContact { ref id, .. } if id == "bob"));
/// assert_eq!(err.to_string(), "p.json, line 5, field `ties[0].target`: unknown contact `bob`");
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn portfolio_from_json(bytes: &[u8], file: impl AsRef<Path>) -> Result<SalesNetworks> {
    portfolio_from_json_reporting(bytes, file.as_ref(), &mut Ticker::new(None, Task::Load, 0, 1))
}

fn portfolio_from_json_reporting(bytes: &[u8], file: &Path, ticker: &mut Ticker<'_>) -> Result<SalesNetworks> {
    let text = utf8(bytes, file)?;
    let r = Reader { text, file, lines: LineIndex::new(text) };
    // One pass checks the whole syntax; records are then read from the
    // checked text, each value a slice of it (so its offset gives its line).
    let doc: &RawValue = serde_json::from_str(text).map_err(|e| r.syntax_error(&e))?;
    let [organizations, contacts, ties, deals, interactions] =
        r.members(doc, "", ["organizations", "contacts", "ties", "deals", "interactions"])?;

    let mut builder = SalesNetworks::builder();
    for (i, item) in r.array(doc, organizations, "organizations")?.into_iter().enumerate() {
        ticker.tick(r.offset(item) as u64);
        let path = format!("organizations[{i}]");
        let [name, relation, industry, value, attributes] =
            r.members(item, &path, ["name", "relation", "industry", "value", "attributes"])?;
        let organization = Organization {
            name: r.non_empty_string(item, name, &path, "name")?,
            relation: r.parsed(item, relation, &path, "relation", |t, at| parse_relation(t, at))?,
            industry: r.optional_string(industry, &path, "industry")?,
            value: r.value(value, &path)?,
            attributes: r.attributes(attributes, &path, &ORGANIZATION_COLUMNS)?,
        };
        builder.organization_at(organization, r.at(item, &path));
    }

    for (i, item) in r.array(doc, contacts, "contacts")?.into_iter().enumerate() {
        ticker.tick(r.offset(item) as u64);
        let path = format!("contacts[{i}]");
        let [id, name, organization, role, department, share, attributes] =
            r.members(item, &path, ["id", "name", "organization", "role", "department", "share", "attributes"])?;
        let contact = Contact {
            id: r.parsed(item, id, &path, "id", |t, at| parse_id(t, at))?,
            name: r.required_string(item, name, &path, "name")?.0,
            organization: r.non_empty_string(item, organization, &path, "organization")?,
            role: r.parsed(item, role, &path, "role", |t, at| parse_role(t, at))?,
            department: r.optional_string(department, &path, "department")?,
            share: match (r.optional_string(share, &path, "share")?, share) {
                (Some(text), Some(v)) => parse_share(&text, || r.at(v, step(&path, "share")))?,
                _ => Sharing::Yes,
            },
            attributes: r.attributes(attributes, &path, &CONTACT_COLUMNS)?,
        };
        builder.contact_at(contact, r.at(item, &path));
    }

    for (i, item) in r.array(doc, ties, "ties")?.into_iter().enumerate() {
        ticker.tick(r.offset(item) as u64);
        let path = format!("ties[{i}]");
        let [source, target, level, last_contact, attributes] =
            r.members(item, &path, ["source", "target", "level", "last_contact", "attributes"])?;
        let tie = Tie {
            source: r.parsed(item, source, &path, "source", |t, at| parse_id(t, at))?,
            target: r.parsed(item, target, &path, "target", |t, at| parse_id(t, at))?,
            level: r.level(item, level, &path)?,
            last_contact: match (r.optional_string(last_contact, &path, "last_contact")?, last_contact) {
                (Some(text), Some(v)) => parse_date(&text, || r.at(v, step(&path, "last_contact")))?,
                _ => None,
            },
            attributes: r.attributes(attributes, &path, &TIE_COLUMNS)?,
        };
        builder.tie_at(tie, r.at(item, &path));
    }

    // Deals are optional: a document without the key has none.
    let deals = match deals {
        None => Vec::new(),
        Some(v) if is_null(v) => Vec::new(),
        Some(_) => r.array(doc, deals, "deals")?,
    };
    for (i, item) in deals.into_iter().enumerate() {
        let path = format!("deals[{i}]");
        let [id, organization, owner, step_, status, amount, opened, step_since, attributes] = r.members(
            item,
            &path,
            ["id", "organization", "owner", "step", "status", "amount", "opened", "step_since", "attributes"],
        )?;
        let date = |slot: Option<&RawValue>, key: &str| -> Result<jiff::civil::Date> {
            let (text, value) = r.required_string(item, slot, &path, key)?;
            parse_date(&text, || r.at(value, step(&path, key)))?
                .ok_or_else(|| Error::EmptyValue { location: r.at(value, step(&path, key)) })
        };
        let deal = Deal {
            id: r.parsed(item, id, &path, "id", |t, at| {
                DealId::new(t).map_err(|_| Error::EmptyValue { location: at() })
            })?,
            organization: r.non_empty_string(item, organization, &path, "organization")?,
            owner: r.parsed(item, owner, &path, "owner", |t, at| parse_id(t, at))?,
            step: r.parsed(item, step_, &path, "step", |t, at| parse_text::<crate::model::Step>(t, at))?,
            status: r.parsed(item, status, &path, "status", |t, at| parse_text::<DealStatus>(t, at))?,
            amount: r.number(amount, &path, "amount")?,
            opened: date(opened, "opened")?,
            step_since: date(step_since, "step_since")?,
            attributes: r.attributes(attributes, &path, &DEAL_COLUMNS)?,
        };
        builder.deal_at(deal, r.at(item, &path));
    }

    // The history is optional too: a document without the key has none.
    let interactions = match interactions {
        None => Vec::new(),
        Some(v) if is_null(v) => Vec::new(),
        Some(_) => r.array(doc, interactions, "interactions")?,
    };
    for (i, item) in interactions.into_iter().enumerate() {
        let path = format!("interactions[{i}]");
        let [date, kind, from, to, cc, attributes] =
            r.members(item, &path, ["date", "kind", "from", "to", "cc", "attributes"])?;
        let (date_text, date_value) = r.required_string(item, date, &path, "date")?;
        let date = InteractionDate::parse(&date_text).ok_or_else(|| Error::InvalidDateTime {
            value: crate::history::echo(&date_text),
            expected: DateFormat::DateOrRfc3339,
            location: r.at(date_value, step(&path, "date")),
        })?;
        let (kind_text, kind_value) = r.required_string(item, kind, &path, "kind")?;
        let kind = kind_text.trim().parse::<InteractionKind>().map_err(|e| match e {
            Error::Malformed { message, .. } => {
                Error::Malformed { location: r.at(kind_value, step(&path, "kind")), message }
            }
            other => other,
        })?;
        let (from_text, from_value) = r.required_string(item, from, &path, "from")?;
        let from = r.participant(&from_text, from_value, &step(&path, "from").to_string())?;
        let to_slot = to;
        let to = r.participants(item, to, &path, "to")?;
        let cc = match cc {
            None => Vec::new(),
            Some(v) if is_null(v) => Vec::new(),
            Some(_) => r.participants(item, cc, &path, "cc")?,
        };
        if to.is_empty() && cc.is_empty() {
            return Err(Error::EmptyValue { location: r.at(to_slot.unwrap_or(item), step(&path, "to")) });
        }
        builder.interaction(Interaction {
            date,
            kind,
            from,
            to,
            cc,
            attributes: r.attributes(attributes, &path, &INTERACTION_COLUMNS)?,
        });
    }

    // Builder errors name `<record path>.<field>` at the record's line.
    name_contacts_file(builder.build(), file)
}

/// Writes a portfolio as a JSON document ([`portfolio_to_json`]), replacing
/// the file if it exists, atomically (see [`write_file`](crate::io::write_file)).
///
/// # Errors
///
/// [`Error::Io`] naming the file if it cannot be written.
pub fn write_portfolio_json(networks: &SalesNetworks, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    crate::io::write_file(path, portfolio_to_json(networks))
}

/// A portfolio as a JSON document: the layout of the
/// [portfolio module docs](crate::io#the-json-document), keys in
/// that order, two-space indentation, a final newline. The same portfolio
/// always gives the same text, and [`portfolio_from_json`] reads it back equal.
///
/// # Complexity
///
/// O(n) time and memory in the size of the portfolio.
///
/// # Examples
///
/// ```
/// use salesnet::{Contact, Organization, Relation, Role, SalesNetworks};
/// use salesnet::io::{portfolio_from_json, portfolio_to_json};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own).with_value(1.5e6))
///     .contact(Contact::new("me", "Ann", "Acme", Role::Owner)?);
/// let networks = b.build()?;
/// let json = portfolio_to_json(&networks);
/// assert!(json.contains("\"value\": 1500000.0"));
/// let back = portfolio_from_json(json.as_bytes(), "p.json")?;
/// assert_eq!(back.organizations(), networks.organizations());
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn portfolio_to_json(networks: &SalesNetworks) -> String {
    let document = Document {
        organizations: networks
            .organizations()
            .iter()
            .map(|o| OrganizationOut {
                name: &o.name,
                relation: o.relation.as_str(),
                industry: o.industry.as_deref(),
                value: o.value,
                attributes: AttributesOut(&o.attributes),
            })
            .collect(),
        contacts: networks
            .contacts()
            .map(|c| ContactOut {
                id: c.id.as_str(),
                name: &c.name,
                organization: &c.organization,
                role: c.role.as_str(),
                department: c.department.as_deref(),
                share: (!c.share.is_yes()).then(|| c.share.as_str()),
                attributes: AttributesOut(&c.attributes),
            })
            .collect(),
        ties: networks
            .ties()
            .map(|t| TieOut {
                source: t.source.as_str(),
                target: t.target.as_str(),
                level: t.level.get(),
                last_contact: t.last_contact.map(|d| format_date(d).unwrap_or_else(|| d.to_string())),
                attributes: AttributesOut(&t.attributes),
            })
            .collect(),
        deals: networks
            .deals()
            .iter()
            .map(|d| DealOut {
                id: d.id.as_str(),
                organization: &d.organization,
                owner: d.owner.as_str(),
                step: d.step.as_str(),
                status: d.status.as_str(),
                amount: d.amount,
                opened: format_date(d.opened).unwrap_or_else(|| d.opened.to_string()),
                step_since: format_date(d.step_since).unwrap_or_else(|| d.step_since.to_string()),
                attributes: AttributesOut(&d.attributes),
            })
            .collect(),
        interactions: networks
            .interactions()
            .iter()
            .map(|i| InteractionOut {
                date: i.date.as_str(),
                kind: i.kind.as_str(),
                from: &i.from,
                to: &i.to,
                cc: &i.cc,
                attributes: AttributesOut(&i.attributes),
            })
            .collect(),
    };
    // Serializing borrowed strings, numbers and options cannot fail.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

/// The document as written: keys in this order, `null` for `None`.
#[derive(Serialize)]
struct Document<'a> {
    organizations: Vec<OrganizationOut<'a>>,
    contacts: Vec<ContactOut<'a>>,
    ties: Vec<TieOut<'a>>,
    /// Written only when there are deals (a document without the key has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deals: Vec<DealOut<'a>>,
    /// Written only when there is a history (a document without the key has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    interactions: Vec<InteractionOut<'a>>,
}

#[derive(Serialize)]
struct InteractionOut<'a> {
    date: &'a str,
    kind: &'static str,
    from: &'a str,
    to: &'a [String],
    cc: &'a [String],
    attributes: AttributesOut<'a>,
}

#[derive(Serialize)]
struct DealOut<'a> {
    id: &'a str,
    organization: &'a str,
    owner: &'a str,
    step: &'static str,
    status: &'static str,
    amount: Option<f64>,
    opened: String,
    step_since: String,
    attributes: AttributesOut<'a>,
}

#[derive(Serialize)]
struct OrganizationOut<'a> {
    name: &'a str,
    relation: &'static str,
    industry: Option<&'a str>,
    value: Option<f64>,
    attributes: AttributesOut<'a>,
}

#[derive(Serialize)]
struct ContactOut<'a> {
    id: &'a str,
    name: &'a str,
    organization: &'a str,
    role: &'static str,
    department: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<&'static str>,
    attributes: AttributesOut<'a>,
}

#[derive(Serialize)]
struct TieOut<'a> {
    source: &'a str,
    target: &'a str,
    level: u8,
    last_contact: Option<String>,
    attributes: AttributesOut<'a>,
}

/// Attributes as a JSON object, members in order.
struct AttributesOut<'a>(&'a Attributes);

impl Serialize for AttributesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

/// A JSON string literal (for keys in paths and messages).
fn string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A JSON path: `parent` then the step to `key` (`.key` for plain keys,
/// `["key"]` otherwise); formatted only when an error needs it.
#[derive(Clone, Copy)]
struct Step<'a> {
    parent: &'a str,
    key: &'a str,
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.key.is_empty() && self.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        match (self.parent.is_empty(), plain) {
            (true, true) => f.write_str(self.key),
            (false, true) => write!(f, "{}.{}", self.parent, self.key),
            (_, false) => write!(f, "{}[{}]", self.parent, string(self.key)),
        }
    }
}

fn step<'a>(parent: &'a str, key: &'a str) -> Step<'a> {
    Step { parent, key }
}

/// What a JSON value is, from its first character (the text is valid JSON).
fn describe(value: &RawValue) -> &'static str {
    match value.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

fn is(value: &RawValue, first: u8) -> bool {
    value.get().as_bytes().first() == Some(&first)
}

fn is_null(value: &RawValue) -> bool {
    value.get() == "null"
}

fn is_number(value: &RawValue) -> bool {
    matches!(value.get().as_bytes().first(), Some(b'-' | b'0'..=b'9'))
}

/// The members of an object in document order, repeated keys kept, values
/// left as slices of the text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// Reads records of the checked document, locating every error.
struct Reader<'a> {
    text: &'a str,
    file: &'a Path,
    lines: LineIndex,
}

impl<'a> Reader<'a> {
    /// Byte offset in the text of a value read from it.
    fn offset(&self, value: &RawValue) -> usize {
        (value.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    fn at(&self, value: &RawValue, path: impl fmt::Display) -> Location {
        Location::field(self.file, self.lines.line(self.offset(value)), path.to_string())
    }

    /// A syntax error at its line, with its column (in characters) in the message.
    fn syntax_error(&self, e: &serde_json::Error) -> Error {
        // serde_json counts lines by `\n` and columns in bytes from 1.
        let line_start = if e.line() <= 1 {
            0
        } else {
            self.text.match_indices('\n').nth(e.line() - 2).map_or(self.text.len(), |(i, _)| i + 1)
        };
        let offset = (line_start + e.column().saturating_sub(1)).min(self.text.len());
        let before = (0..=offset).rev().find_map(|o| self.text.get(line_start..o)).unwrap_or("");
        let column = before.chars().count() + 1;
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
        Error::Malformed {
            location: Location::line(self.file, self.lines.line(offset)),
            message: format!("{message} (column {column})"),
        }
    }

    /// A value of the checked text that does not decode (a string with a
    /// lone surrogate escape, `"\ud800"`), at the value's line.
    fn undecodable(&self, value: &RawValue, path: impl fmt::Display, e: &serde_json::Error) -> Error {
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
        Error::Malformed { location: self.at(value, path), message: message.to_string() }
    }

    fn type_error(&self, value: &RawValue, path: impl fmt::Display, expected: &str) -> Error {
        Error::Malformed {
            location: self.at(value, path),
            message: format!("expected {expected}, found {}", describe(value)),
        }
    }

    /// The members of an object with these keys, in the order of `keys`;
    /// unknown and repeated keys are errors.
    fn members<const N: usize>(
        &self,
        object: &'a RawValue,
        path: &str,
        keys: [&str; N],
    ) -> Result<[Option<&'a RawValue>; N]> {
        if !is(object, b'{') {
            return Err(if path.is_empty() {
                Error::Malformed {
                    location: Location::line(self.file, self.lines.line(self.offset(object))),
                    message: format!("expected an object, found {}", describe(object)),
                }
            } else {
                self.type_error(object, path, "an object")
            });
        }
        let members: Members<'a> =
            serde_json::from_str(object.get()).map_err(|e| self.undecodable(object, path, &e))?;
        let mut slots: [Option<&'a RawValue>; N] = [None; N];
        // Records have few keys: a linear search is the fastest lookup.
        for (key, value) in members.0 {
            let Some(i) = keys.iter().position(|k| *k == key) else {
                return Err(Error::Malformed {
                    location: self.at(value, step(path, &key)),
                    message: format!("unknown key {}", string(&key)),
                });
            };
            if slots[i].is_some() {
                return Err(Error::Malformed {
                    location: self.at(value, step(path, &key)),
                    message: format!("key {} appears twice", string(&key)),
                });
            }
            slots[i] = Some(value);
        }
        Ok(slots)
    }

    /// The elements of a required top-level array.
    fn array(&self, doc: &'a RawValue, slot: Option<&'a RawValue>, key: &str) -> Result<Vec<&'a RawValue>> {
        match slot {
            None => Err(Error::MissingColumn { location: self.at(doc, key), column: key.to_string() }),
            Some(v) if is(v, b'[') => serde_json::from_str(v.get()).map_err(|e| self.undecodable(v, key, &e)),
            Some(other) => Err(self.type_error(other, key, "an array")),
        }
    }

    /// The text of a string value.
    fn text(&self, value: &RawValue, path: impl fmt::Display) -> Result<String> {
        serde_json::from_str(value.get()).map_err(|e| self.undecodable(value, path, &e))
    }

    /// A required string (which may be empty) and the value it came from;
    /// `null` is an empty value.
    fn required_string(
        &self,
        record: &RawValue,
        slot: Option<&'a RawValue>,
        path: &str,
        key: &str,
    ) -> Result<(String, &'a RawValue)> {
        match slot {
            None => Err(Error::MissingColumn { location: self.at(record, step(path, key)), column: key.to_string() }),
            Some(v) if is(v, b'"') => Ok((self.text(v, step(path, key))?, v)),
            Some(v) if is_null(v) => Err(Error::EmptyValue { location: self.at(v, step(path, key)) }),
            Some(other) => Err(self.type_error(other, step(path, key), "a string")),
        }
    }

    fn non_empty_string(&self, record: &RawValue, slot: Option<&'a RawValue>, path: &str, key: &str) -> Result<String> {
        let (text, value) = self.required_string(record, slot, path, key)?;
        if text.is_empty() {
            return Err(Error::EmptyValue { location: self.at(value, step(path, key)) });
        }
        Ok(text)
    }

    /// A required string read by one of the CSV reader's field parsers.
    fn parsed<T>(
        &self,
        record: &RawValue,
        slot: Option<&'a RawValue>,
        path: &str,
        key: &str,
        parse: fn(&str, &dyn Fn() -> Location) -> Result<T>,
    ) -> Result<T> {
        let (text, value) = self.required_string(record, slot, path, key)?;
        parse(&text, &|| self.at(value, step(path, key)))
    }

    /// One participant of an interaction: white space trimmed, not empty,
    /// no `;` (the separator of `interactions.csv`).
    fn participant(&self, text: &str, value: &RawValue, path: &str) -> Result<String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::EmptyValue { location: self.at(value, path) });
        }
        if text.contains(';') {
            return Err(Error::Malformed {
                location: self.at(value, path),
                message: "a participant cannot contain `;` (it separates participants in interactions.csv)".into(),
            });
        }
        Ok(text.to_string())
    }

    /// A required array of participants (it may be empty).
    fn participants(
        &self,
        record: &RawValue,
        slot: Option<&'a RawValue>,
        path: &str,
        key: &str,
    ) -> Result<Vec<String>> {
        let at = step(path, key);
        let value = match slot {
            None => return Err(Error::MissingColumn { location: self.at(record, at), column: key.to_string() }),
            Some(v) if is(v, b'[') => v,
            Some(other) => return Err(self.type_error(other, at, "an array of participants")),
        };
        let items: Vec<&RawValue> = serde_json::from_str(value.get()).map_err(|e| self.undecodable(value, at, &e))?;
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("{at}[{i}]");
                if !is(item, b'"') {
                    return Err(self.type_error(item, &path, "a string"));
                }
                let text = self.text(item, &path)?;
                self.participant(&text, item, &path)
            })
            .collect()
    }

    /// An optional string: missing, `null` and `""` are `None`.
    fn optional_string(&self, slot: Option<&RawValue>, path: &str, key: &str) -> Result<Option<String>> {
        match slot {
            None => Ok(None),
            Some(v) if is_null(v) => Ok(None),
            Some(v) if is(v, b'"') => Ok(Some(self.text(v, step(path, key))?).filter(|s| !s.is_empty())),
            Some(other) => Err(self.type_error(other, step(path, key), "a string")),
        }
    }

    /// An optional finite non-negative number.
    fn value(&self, slot: Option<&RawValue>, path: &str) -> Result<Option<f64>> {
        self.number(slot, path, "value")
    }

    /// An optional finite non-negative number under `key`.
    fn number(&self, slot: Option<&RawValue>, path: &str, key: &str) -> Result<Option<f64>> {
        let path = step(path, key);
        match slot {
            None => Ok(None),
            Some(v) if is_null(v) || v.get() == "\"\"" => Ok(None),
            // JSON number syntax is a subset of what `f64::from_str` reads, and
            // it rounds correctly, so written values read back bit for bit.
            Some(v) if is_number(v) => parse_value(v.get(), || self.at(v, path)),
            Some(other) => Err(self.type_error(other, path, "a number")),
        }
    }

    /// A required whole number 0 to 5, read as the CSV reader reads it (so
    /// `-0` is out of range in both).
    fn level(&self, record: &RawValue, slot: Option<&RawValue>, path: &str) -> Result<RelationshipLevel> {
        let path = step(path, "level");
        match slot {
            None => Err(Error::MissingColumn { location: self.at(record, path), column: "level".into() }),
            Some(v) if is_null(v) => Err(Error::EmptyValue { location: self.at(v, path) }),
            Some(v) if is_number(v) => parse_level(v.get(), || self.at(v, path)),
            Some(other) => Err(self.type_error(other, path, "a whole number from 0 to 5")),
        }
    }

    /// Attributes: an object of strings, in member order.
    fn attributes(&self, slot: Option<&'a RawValue>, path: &str, required: &[&str]) -> Result<Attributes> {
        let object = match slot {
            None => return Ok(Attributes::new()),
            Some(v) if is_null(v) => return Ok(Attributes::new()),
            Some(v) if is(v, b'{') => v,
            Some(other) => return Err(self.type_error(other, step(path, "attributes"), "an object")),
        };
        let attributes_path = step(path, "attributes").to_string();
        let members: Members<'a> =
            serde_json::from_str(object.get()).map_err(|e| self.undecodable(object, &attributes_path, &e))?;
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(members.0.len());
        let mut seen: HashSet<&str> = HashSet::with_capacity(members.0.len());
        for (key, value) in &members.0 {
            let member_path = || step(&attributes_path, key).to_string();
            if is_required_column(key, required) {
                return Err(Error::Malformed {
                    location: self.at(value, member_path()),
                    message: format!("attribute key {} is the name of a required column", string(key)),
                });
            }
            if !seen.insert(key) {
                return Err(Error::Malformed {
                    location: self.at(value, member_path()),
                    message: format!("key {} appears twice", string(key)),
                });
            }
            if is_null(value) {
                continue;
            }
            if !is(value, b'"') {
                return Err(self.type_error(value, member_path(), "a string"));
            }
            let text = self.text(value, member_path())?;
            // An empty value is no attribute.
            if !text.is_empty() {
                pairs.push((key.clone(), text));
            }
        }
        // Keys are unique and values non-empty: collecting is linear.
        Ok(pairs.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_json_needs() {
        assert_eq!(string("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
    }

    const BASE: &str = "{\"organizations\": [{\"name\": \"Acme\", \"relation\": \"own\"}],\n\
        \"contacts\": [{\"id\": \"me\", \"name\": \"Ann\", \"organization\": \"Acme\", \"role\": \"owner\"}],\n\
        \"ties\": []}";

    fn err(text: &str) -> Error {
        portfolio_from_json(text.as_bytes(), "p.json").unwrap_err()
    }

    fn malformed(e: &Error) -> (u64, Option<&str>, &str) {
        match e {
            Error::Malformed { location, message } => {
                (location.line.expect("on a line"), location.field.as_deref(), message)
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        assert!(portfolio_from_json(BASE.as_bytes(), "p.json").is_ok());
        let e = err(&BASE.replace("\"own\"}]", "\"own\"},]"));
        let (line, field, message) = malformed(&e);
        assert_eq!((line, field), (1, None));
        assert!(message.ends_with("(column 56)"), "{message}");
        let e = err(&format!("{BASE} x"));
        assert_eq!(malformed(&e).0, 3);
        let e = err(&BASE[..BASE.len() - 3]);
        assert_eq!(malformed(&e).0, 3);
        // Columns count characters, not bytes.
        let e = err("{\"é\": [1 2]}");
        assert!(malformed(&e).2.ends_with("(column 10)"), "{e}");
        for bad in ["", "[1,]", "{a: 1}", "\"abc", "\"a\u{1}\"", "\"\\x\"", "NaN", "01", "1."] {
            assert!(matches!(err(bad), Error::Malformed { .. }), "{bad:?}");
        }
    }

    #[test]
    fn strings_that_do_not_decode_are_located() {
        let e = err(&BASE.replace("\"Ann\"", "\"\\ud800\""));
        let (line, field, message) = malformed(&e);
        assert_eq!((line, field), (2, Some("contacts[0].name")));
        assert!(message.contains("escape"), "{message}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(err(&deep), Error::Malformed { .. }));
        let deep = BASE.replace("\"ties\": []", &format!("\"ties\": [], \"x\": {}", "[".repeat(100_000)));
        assert!(matches!(err(&deep), Error::Malformed { .. }));
        let nested =
            BASE.replace("\"role\": \"owner\"", &format!("\"role\": {}1{}", "[".repeat(5000), "]".repeat(5000)));
        let e = err(&nested);
        let (line, field, message) = malformed(&e);
        assert_eq!((line, field, message), (2, Some("contacts[0].role"), "expected a string, found an array"));
    }

    #[test]
    fn ids_are_trimmed_and_levels_read_as_csv_reads_them() {
        let n = portfolio_from_json(BASE.replace("\"me\"", "\" me\\t\"").as_bytes(), "p.json").unwrap();
        assert_eq!(n.contacts().next().map(|c| c.id.as_str()), Some("me"));
        let e = err(&BASE.replace("\"me\"", "\"  \""));
        assert!(matches!(e, Error::EmptyValue { ref location } if location.field.as_deref() == Some("contacts[0].id")));
        let with_tie = |level: &str| {
            BASE.replace(
                "\"owner\"}]",
                "\"owner\"}, {\"id\": \"b\", \"name\": \"B\", \"organization\": \"Acme\", \"role\": \"user\"}]",
            )
            .replace(
                "\"ties\": []",
                &format!("\"ties\": [{{\"source\": \"me\", \"target\": \" b \", \"level\": {level}}}]"),
            )
        };
        assert!(portfolio_from_json(with_tie("0").as_bytes(), "p.json").is_ok());
        for bad in ["-0", "-0.0", "0.0", "1e0", "6"] {
            let e = err(&with_tie(bad));
            assert!(matches!(e, Error::LevelOutOfRange { ref value, .. } if value == bad), "{bad}: {e}");
        }
    }

    #[test]
    fn paths_quote_unusual_keys() {
        assert_eq!(step("t[0].attributes", "region_2").to_string(), "t[0].attributes.region_2");
        assert_eq!(step("t[0].attributes", "a.b").to_string(), r#"t[0].attributes["a.b"]"#);
        assert_eq!(step("t", "").to_string(), r#"t[""]"#);
        assert_eq!(step("", "ties").to_string(), "ties");
    }
}
