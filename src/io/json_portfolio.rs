//! The portfolio as one JSON document (format in [`crate::io::portfolio`]).

use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::json_tree::{self, Kind, LineIndex, Value};
use crate::io::portfolio::{
    CONTACT_COLUMNS, ORGANIZATION_COLUMNS, TIE_COLUMNS, format_date, is_required_column, name_contacts_file,
    parse_date, parse_relation, parse_role, parse_value,
};
use crate::io::text::{read_bytes, utf8};
use crate::model::{Attributes, Contact, ContactId, Organization, RelationshipLevel, SalesNetworks, Tie};

/// Reads a portfolio from a JSON document.
///
/// # Errors
///
/// [`Error::Io`] if the file cannot be read; as [`portfolio_from_json`].
pub fn read_portfolio_json(path: impl AsRef<Path>) -> Result<SalesNetworks> {
    let path = path.as_ref();
    let bytes = read_bytes(path)?;
    portfolio_from_json(&bytes, path)
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
/// Any input error listed in the [portfolio module docs](crate::io::portfolio#errors),
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
    let file = file.as_ref();
    let text = utf8(bytes, file)?;
    let lines = LineIndex::new(text);
    let doc = json_tree::parse(text).map_err(|e| {
        let line = lines.line(e.offset);
        // Offsets of syntax errors are char boundaries; stay safe if one is not.
        let before = (0..=e.offset.min(text.len())).rev().find_map(|o| text.get(..o)).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Error::Malformed { location: Location::line(file, line), message: format!("{} (column {column})", e.message) }
    })?;
    let r = Reader { file, lines };
    let [organizations, contacts, ties] = r.members(&doc, "", ["organizations", "contacts", "ties"])?;

    let mut builder = SalesNetworks::builder();
    for (i, item) in r.array(&doc, organizations, "organizations")?.iter().enumerate() {
        let path = format!("organizations[{i}]");
        let [name, relation, industry, value, attributes] =
            r.members(item, &path, ["name", "relation", "industry", "value", "attributes"])?;
        let organization = Organization {
            name: r.non_empty_string(item, name, &path, "name")?.to_string(),
            relation: r.parsed(item, relation, &path, "relation", |t, at| parse_relation(t, at))?,
            industry: r.optional_string(industry, &path, "industry")?.map(str::to_string),
            value: r.value(value, &path)?,
            attributes: r.attributes(attributes, &path, &ORGANIZATION_COLUMNS)?,
        };
        builder.organization_at(organization, r.at(item.start, &path));
    }

    for (i, item) in r.array(&doc, contacts, "contacts")?.iter().enumerate() {
        let path = format!("contacts[{i}]");
        let [id, name, organization, role, department, attributes] =
            r.members(item, &path, ["id", "name", "organization", "role", "department", "attributes"])?;
        let contact = Contact {
            id: r.id(item, id, &path, "id")?,
            name: r.required_string(item, name, &path, "name")?.0.to_string(),
            organization: r.non_empty_string(item, organization, &path, "organization")?.to_string(),
            role: r.parsed(item, role, &path, "role", |t, at| parse_role(t, at))?,
            department: r.optional_string(department, &path, "department")?.map(str::to_string),
            attributes: r.attributes(attributes, &path, &CONTACT_COLUMNS)?,
        };
        builder.contact_at(contact, r.at(item.start, &path));
    }

    for (i, item) in r.array(&doc, ties, "ties")?.iter().enumerate() {
        let path = format!("ties[{i}]");
        let [source, target, level, last_contact, attributes] =
            r.members(item, &path, ["source", "target", "level", "last_contact", "attributes"])?;
        let tie = Tie {
            source: r.id(item, source, &path, "source")?,
            target: r.id(item, target, &path, "target")?,
            level: r.level(item, level, &path)?,
            last_contact: match (r.optional_string(last_contact, &path, "last_contact")?, last_contact) {
                (Some(text), Some(v)) => parse_date(text, || r.at(v.start, step(&path, "last_contact")))?,
                _ => None,
            },
            attributes: r.attributes(attributes, &path, &TIE_COLUMNS)?,
        };
        builder.tie_at(tie, r.at(item.start, &path));
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
/// [portfolio module docs](crate::io::portfolio#the-json-document), keys in
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
    let mut out = String::from("{\n");
    let organizations: Vec<String> = networks
        .organizations()
        .iter()
        .map(|o| {
            record(&[
                ("name", string(&o.name)),
                ("relation", string(o.relation.as_str())),
                ("industry", o.industry.as_deref().map_or_else(null, string)),
                ("value", o.value.and_then(serde_json::Number::from_f64).map_or_else(null, |n| n.to_string())),
                ("attributes", attributes(&o.attributes)),
            ])
        })
        .collect();
    let contacts: Vec<String> = networks
        .contacts()
        .map(|c| {
            record(&[
                ("id", string(c.id.as_str())),
                ("name", string(&c.name)),
                ("organization", string(&c.organization)),
                ("role", string(c.role.as_str())),
                ("department", c.department.as_deref().map_or_else(null, string)),
                ("attributes", attributes(&c.attributes)),
            ])
        })
        .collect();
    let ties: Vec<String> = networks
        .ties()
        .map(|t| {
            let date = t.last_contact.map(|d| format_date(d).unwrap_or_else(|| d.to_string()));
            record(&[
                ("source", string(t.source.as_str())),
                ("target", string(t.target.as_str())),
                ("level", t.level.to_string()),
                ("last_contact", date.as_deref().map_or_else(null, string)),
                ("attributes", attributes(&t.attributes)),
            ])
        })
        .collect();
    for (i, (key, items)) in
        [("organizations", organizations), ("contacts", contacts), ("ties", ties)].iter().enumerate()
    {
        let _ = write!(out, "  {}: ", string(key));
        if items.is_empty() {
            out.push_str("[]");
        } else {
            out.push_str("[\n");
            for (j, item) in items.iter().enumerate() {
                out.push_str(item);
                out.push_str(if j + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str("  ]");
        }
        out.push_str(if i < 2 { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

fn null() -> String {
    "null".to_string()
}

/// One record at indentation 4, its members at 6.
fn record(members: &[(&str, String)]) -> String {
    let mut out = String::from("    {\n");
    for (i, (key, value)) in members.iter().enumerate() {
        let _ = write!(out, "      {}: {value}", string(key));
        out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
    }
    out.push_str("    }");
    out
}

/// Attributes as an object at indentation 6, its members at 8.
fn attributes(attributes: &Attributes) -> String {
    if attributes.is_empty() {
        return "{}".to_string();
    }
    let mut out = String::from("{\n");
    for (i, (key, value)) in attributes.iter().enumerate() {
        let _ = write!(out, "        {}: {}", string(key), string(value));
        out.push_str(if i + 1 < attributes.len() { ",\n" } else { "\n" });
    }
    out.push_str("      }");
    out
}

/// A JSON string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

/// Reads records of the document tree, locating every error.
struct Reader<'f> {
    file: &'f Path,
    lines: LineIndex,
}

impl Reader<'_> {
    fn at(&self, offset: usize, path: impl fmt::Display) -> Location {
        Location::field(self.file, self.lines.line(offset), path.to_string())
    }

    fn type_error(&self, value: &Value<'_>, path: impl fmt::Display, expected: &str) -> Error {
        Error::Malformed {
            location: self.at(value.start, path),
            message: format!("expected {expected}, found {}", value.kind.describe()),
        }
    }

    /// The members of an object with these keys, in the order of `keys`;
    /// unknown and repeated keys are errors.
    fn members<'v, 'a, const N: usize>(
        &self,
        object: &'v Value<'a>,
        path: &str,
        keys: [&str; N],
    ) -> Result<[Option<&'v Value<'a>>; N]> {
        let Kind::Object(members) = &object.kind else {
            return Err(if path.is_empty() {
                Error::Malformed {
                    location: Location::line(self.file, self.lines.line(object.start)),
                    message: format!("expected an object, found {}", object.kind.describe()),
                }
            } else {
                self.type_error(object, path, "an object")
            });
        };
        let mut slots: [Option<&'v Value<'a>>; N] = [None; N];
        // Records have few keys: a linear search is the fastest lookup.
        for member in members {
            let Some(i) = keys.iter().position(|k| *k == member.key) else {
                return Err(Error::Malformed {
                    location: self.at(member.value.start, step(path, &member.key)),
                    message: format!("unknown key {}", string(&member.key)),
                });
            };
            if slots[i].is_some() {
                return Err(Error::Malformed {
                    location: self.at(member.value.start, step(path, &member.key)),
                    message: format!("key {} appears twice", string(&member.key)),
                });
            }
            slots[i] = Some(&member.value);
        }
        Ok(slots)
    }

    /// The elements of a required top-level array.
    fn array<'v, 'a>(&self, doc: &Value<'_>, slot: Option<&'v Value<'a>>, key: &str) -> Result<&'v [Value<'a>]> {
        match slot {
            None => Err(Error::MissingColumn { location: self.at(doc.start, key), column: key.to_string() }),
            Some(Value { kind: Kind::Array(items), .. }) => Ok(items),
            Some(other) => Err(self.type_error(other, key, "an array")),
        }
    }

    /// A required string (which may be empty) and the offset of its value;
    /// `null` is an empty value.
    fn required_string<'v>(
        &self,
        record: &Value<'_>,
        slot: Option<&'v Value<'_>>,
        path: &str,
        key: &str,
    ) -> Result<(&'v str, usize)> {
        match slot {
            None => {
                Err(Error::MissingColumn { location: self.at(record.start, step(path, key)), column: key.to_string() })
            }
            Some(v @ Value { kind: Kind::String(s), .. }) => Ok((s, v.start)),
            Some(v @ Value { kind: Kind::Null, .. }) => {
                Err(Error::EmptyValue { location: self.at(v.start, step(path, key)) })
            }
            Some(other) => Err(self.type_error(other, step(path, key), "a string")),
        }
    }

    fn non_empty_string<'v>(
        &self,
        record: &Value<'_>,
        slot: Option<&'v Value<'_>>,
        path: &str,
        key: &str,
    ) -> Result<&'v str> {
        let (text, start) = self.required_string(record, slot, path, key)?;
        if text.is_empty() {
            return Err(Error::EmptyValue { location: self.at(start, step(path, key)) });
        }
        Ok(text)
    }

    fn id(&self, record: &Value<'_>, slot: Option<&Value<'_>>, path: &str, key: &str) -> Result<ContactId> {
        let (text, start) = self.required_string(record, slot, path, key)?;
        ContactId::new(text).map_err(|_| Error::EmptyValue { location: self.at(start, step(path, key)) })
    }

    /// A required string read by one of the CSV reader's field parsers.
    fn parsed<T>(
        &self,
        record: &Value<'_>,
        slot: Option<&Value<'_>>,
        path: &str,
        key: &str,
        parse: fn(&str, &dyn Fn() -> Location) -> Result<T>,
    ) -> Result<T> {
        let (text, start) = self.required_string(record, slot, path, key)?;
        parse(text, &|| self.at(start, step(path, key)))
    }

    /// An optional string: missing, `null` and `""` are `None`.
    fn optional_string<'v>(&self, slot: Option<&'v Value<'_>>, path: &str, key: &str) -> Result<Option<&'v str>> {
        match slot {
            None | Some(Value { kind: Kind::Null, .. }) => Ok(None),
            Some(Value { kind: Kind::String(s), .. }) => Ok((!s.is_empty()).then_some(s.as_ref())),
            Some(other) => Err(self.type_error(other, step(path, key), "a string")),
        }
    }

    /// An optional finite non-negative number.
    fn value(&self, slot: Option<&Value<'_>>, path: &str) -> Result<Option<f64>> {
        let path = step(path, "value");
        match slot {
            None | Some(Value { kind: Kind::Null, .. }) => Ok(None),
            Some(Value { kind: Kind::String(s), .. }) if s.is_empty() => Ok(None),
            // JSON number syntax is a subset of what `f64::from_str` reads, and
            // it rounds correctly, so written values read back bit for bit.
            Some(v @ Value { kind: Kind::Number(text), .. }) => parse_value(text, || self.at(v.start, path)),
            Some(other) => Err(self.type_error(other, path, "a number")),
        }
    }

    /// A required whole number 0 to 5.
    fn level(&self, record: &Value<'_>, slot: Option<&Value<'_>>, path: &str) -> Result<RelationshipLevel> {
        let path = step(path, "level");
        match slot {
            None => Err(Error::MissingColumn { location: self.at(record.start, path), column: "level".into() }),
            Some(v @ Value { kind: Kind::Null, .. }) => Err(Error::EmptyValue { location: self.at(v.start, path) }),
            Some(v @ Value { kind: Kind::Number(text), .. }) => text
                .parse::<i64>()
                .ok()
                .and_then(|n| u8::try_from(n).ok())
                .and_then(|n| RelationshipLevel::new(n).ok())
                .ok_or_else(|| Error::LevelOutOfRange { value: text.to_string(), location: self.at(v.start, path) }),
            Some(other) => Err(self.type_error(other, path, "a whole number from 0 to 5")),
        }
    }

    /// Attributes: an object of strings, in member order.
    fn attributes(&self, slot: Option<&Value<'_>>, path: &str, required: &[&str]) -> Result<Attributes> {
        let members = match slot {
            None | Some(Value { kind: Kind::Null, .. }) => return Ok(Attributes::new()),
            Some(Value { kind: Kind::Object(members), .. }) => members,
            Some(other) => return Err(self.type_error(other, step(path, "attributes"), "an object")),
        };
        let mut attributes = Attributes::new();
        let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
        for member in members {
            let key: &str = &member.key;
            let member_path = || format!("{}", step(&format!("{}", step(path, "attributes")), key));
            if is_required_column(key, required) {
                return Err(Error::Malformed {
                    location: self.at(member.value.start, member_path()),
                    message: format!("attribute key {} is the name of a required column", string(key)),
                });
            }
            if !seen.insert(key) {
                return Err(Error::Malformed {
                    location: self.at(member.value.start, member_path()),
                    message: format!("key {} appears twice", string(key)),
                });
            }
            match &member.value.kind {
                Kind::Null => {}
                Kind::String(value) => {
                    attributes.set(key, value.as_ref());
                }
                _ => return Err(self.type_error(&member.value, member_path(), "a string")),
            }
        }
        Ok(attributes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_json_needs() {
        assert_eq!(string("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
    }

    #[test]
    fn paths_quote_unusual_keys() {
        assert_eq!(step("t[0].attributes", "region_2").to_string(), "t[0].attributes.region_2");
        assert_eq!(step("t[0].attributes", "a.b").to_string(), r#"t[0].attributes["a.b"]"#);
        assert_eq!(step("t", "").to_string(), r#"t[""]"#);
        assert_eq!(step("", "ties").to_string(), "ties");
    }
}
