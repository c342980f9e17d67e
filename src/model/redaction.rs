//! Redaction: stable pseudonyms for everything identifying in a portfolio
//! (contact ids and names, organization names, extra attribute values),
//! keeping its structure. Exports, reports and pictures use it.

use std::collections::{HashMap, HashSet};

use crate::model::{Attributes, Contact, ContactId, Deal, Organization, SalesNetworks, Tie};

/// Whether an export shows people as they are or under pseudonyms.
///
/// # What is replaced and what is kept
///
/// Contact data is personal data ("don't disclose customers' important
/// information at will"). [`Redaction::Pseudonyms`] and [`redact`] treat these
/// as identifying and replace them:
///
/// | replaced | by |
/// |---|---|
/// | contact ids and names | `C0001`, `C0002`, ... numbered in contact input order (the name becomes the same token as the id) |
/// | organization names (our own firm included) | `Org01`, `Org02`, ... numbered in organization input order |
/// | every extra attribute value (e-mail, city, notes, channel, ...) of organizations, contacts and ties | `<key>-001`, `<key>-002`, ... numbered per column in order of first appearance (organizations, then contacts, then ties), so equal values stay equal |
///
/// and keep everything the analysis needs: the structure (every contact and
/// tie, in the same order), relations, roles, departments, industries,
/// organization values, relationship levels and last-contact dates (hence
/// strengths and freshness), and the extra attributes' column names. Numbers
/// grow wider than 4 (contacts), 2 (organizations) or 3 (attribute values)
/// digits when there are more records. Pseudonyms depend only on the
/// portfolio, never on the view exported, so one person has one pseudonym in
/// every export of the same portfolio ([`Pseudonyms`] gives the mapping to
/// reports and pictures).
///
/// Departments and industries are kept because the internal and market
/// stages need them; a department of one person in a small firm can still
/// point to somebody, so review a redacted file before sharing it widely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Redaction {
    /// Names, ids, organization names and attributes as they are.
    #[default]
    None,
    /// Stable pseudonyms for everything identifying, as described above.
    Pseudonyms,
}

impl Redaction {
    /// The lowercase name written into exports (`none`, `pseudonyms`).
    pub fn as_str(self) -> &'static str {
        match self {
            Redaction::None => "none",
            Redaction::Pseudonyms => "pseudonyms",
        }
    }
}

/// Stable pseudonyms for a portfolio's contacts, organizations and extra
/// attribute values (see [`Redaction`] for the scheme).
///
/// The same portfolio always gets the same pseudonyms. Reports and pictures
/// that show a redacted portfolio use this mapping so that a person is called
/// the same everywhere.
///
/// # Examples
///
/// ```
/// use salesnet::io::Pseudonyms;
/// use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Customer))
///     .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("carl", "Carl Buyer", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("ann", "carl", RelationshipLevel::new(4)?)?);
/// let networks = b.build()?;
/// let names = Pseudonyms::new(&networks);
/// assert_eq!(names.contact("carl"), Some("C0002"));
/// assert_eq!(names.organization("Globex"), Some("Org02"));
/// assert_eq!(names.contact("nobody"), None);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonyms {
    /// `(original id, pseudonym)` by node index (contact input order).
    contacts: Vec<(ContactId, String)>,
    /// `(original name, pseudonym)` in organization input order.
    organizations: Vec<(String, String)>,
    contact_lookup: HashMap<ContactId, usize>,
    org_lookup: HashMap<String, usize>,
    /// `(key, original value)` to pseudonym.
    attributes: HashMap<(String, String), String>,
}

impl Pseudonyms {
    /// The pseudonyms of a portfolio.
    ///
    /// # Complexity
    ///
    /// O(|V| + |E| + number of attribute values) time and memory.
    pub fn new(networks: &SalesNetworks) -> Self {
        let contacts: Vec<(ContactId, String)> = {
            let width = digits(networks.contact_count()).max(4);
            networks.contacts().enumerate().map(|(i, c)| (c.id.clone(), format!("C{:0width$}", i + 1))).collect()
        };
        let organizations: Vec<(String, String)> = {
            let width = digits(networks.organizations().len()).max(2);
            networks
                .organizations()
                .iter()
                .enumerate()
                .map(|(i, o)| (o.name.clone(), format!("Org{:0width$}", i + 1)))
                .collect()
        };
        let contact_lookup = contacts.iter().enumerate().map(|(i, (id, _))| (id.clone(), i)).collect();
        let org_lookup = organizations.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();

        // Distinct values per key, in order of first appearance.
        let mut keys: Vec<(String, Vec<String>)> = Vec::new();
        let mut key_pos: HashMap<String, usize> = HashMap::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let all = networks
            .organizations()
            .iter()
            .map(|o| &o.attributes)
            .chain(networks.contacts().map(|c| &c.attributes))
            .chain(networks.ties().map(|t| &t.attributes))
            .chain(networks.deals().iter().map(|d| &d.attributes));
        for attrs in all {
            for (k, v) in attrs.iter() {
                if !seen.insert((k.to_string(), v.to_string())) {
                    continue;
                }
                let pos = *key_pos.entry(k.to_string()).or_insert_with(|| {
                    keys.push((k.to_string(), Vec::new()));
                    keys.len() - 1
                });
                keys[pos].1.push(v.to_string());
            }
        }
        let mut attributes = HashMap::with_capacity(seen.len());
        for (key, values) in keys {
            let width = digits(values.len()).max(3);
            for (i, value) in values.into_iter().enumerate() {
                let token = format!("{key}-{:0width$}", i + 1);
                attributes.insert((key.clone(), value), token);
            }
        }
        Self { contacts, organizations, contact_lookup, org_lookup, attributes }
    }

    /// The pseudonym of the contact with this (original) id.
    pub fn contact(&self, id: &str) -> Option<&str> {
        self.contact_lookup.get(id).map(|&i| self.contacts[i].1.as_str())
    }

    /// The pseudonym of the organization with this (original) name.
    pub fn organization(&self, name: &str) -> Option<&str> {
        self.org_lookup.get(name).map(|&i| self.organizations[i].1.as_str())
    }

    /// The pseudonym of an extra attribute's value (the key stays as it is).
    pub fn attribute(&self, key: &str, value: &str) -> Option<&str> {
        self.attributes.get(&(key.to_string(), value.to_string())).map(String::as_str)
    }

    /// `(original id, pseudonym)` of every contact, in contact input order.
    pub fn contacts(&self) -> impl Iterator<Item = (&ContactId, &str)> + '_ {
        self.contacts.iter().map(|(id, p)| (id, p.as_str()))
    }

    /// `(original name, pseudonym)` of every organization, in input order.
    pub fn organizations(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.organizations.iter().map(|(name, p)| (name.as_str(), p.as_str()))
    }

    /// The contact id's pseudonym; a contact of another portfolio keeps a
    /// marker that names nobody (the crate only calls this with its own contacts).
    fn contact_or_marker(&self, id: &str) -> &str {
        self.contact(id).unwrap_or("C?")
    }

    fn attributes_of(&self, attrs: &Attributes) -> Attributes {
        attrs.iter().map(|(k, v)| (k, self.attribute(k, v).unwrap_or("?").to_string())).collect()
    }

    /// The portfolio with every identifying field replaced.
    fn apply(&self, networks: &SalesNetworks) -> SalesNetworks {
        let pseudo_id = |text: &str, original: &ContactId| ContactId::new(text).unwrap_or_else(|_| original.clone());
        networks.map_records(
            |i, org| Organization {
                name: self.organizations[i].1.clone(),
                relation: org.relation,
                industry: org.industry.clone(),
                value: org.value,
                attributes: self.attributes_of(&org.attributes),
            },
            |node, contact| {
                let pseudonym = &self.contacts[node.index()].1;
                Contact {
                    id: pseudo_id(pseudonym, &contact.id),
                    name: pseudonym.clone(),
                    organization: self.organizations[networks.organization_index_at(node)].1.clone(),
                    role: contact.role,
                    department: contact.department.clone(),
                    share: contact.share,
                    attributes: self.attributes_of(&contact.attributes),
                }
            },
            |tie| Tie {
                source: pseudo_id(self.contact_or_marker(tie.source.as_str()), &tie.source),
                target: pseudo_id(self.contact_or_marker(tie.target.as_str()), &tie.target),
                level: tie.level,
                last_contact: tie.last_contact,
                attributes: self.attributes_of(&tie.attributes),
            },
            |deal| Deal {
                organization: self.organization(&deal.organization).unwrap_or("O?").to_string(),
                owner: pseudo_id(self.contact_or_marker(deal.owner.as_str()), &deal.owner),
                attributes: self.attributes_of(&deal.attributes),
                ..deal.clone()
            },
        )
    }
}

/// The number of decimal digits of `n` (1 for 0).
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// A whole portfolio with stable pseudonyms for everything identifying,
/// keeping its structure (see [`Redaction`] for what is replaced).
///
/// The result has the same contacts and ties in the same order (node and
/// edge indices of [`SalesNetworks::graph`] are unchanged), the same owner,
/// relations, roles, departments, industries, values, levels and dates: every
/// measure gives the same numbers on it. Useful to share a portfolio file.
///
/// # Complexity
///
/// O(|V| + |E|) time and memory (plus the attribute values).
///
/// # Examples
///
/// ```
/// use salesnet::io::redact;
/// use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Customer).with_value(250_000.0))
///     .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("carl", "Carl Buyer", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("ann", "carl", RelationshipLevel::new(4)?)?);
/// let shared = redact(&b.build()?);
/// assert_eq!(shared.owner().id.as_str(), "C0001");
/// let carl = shared.contact("C0002").unwrap();
/// assert_eq!((carl.name.as_str(), carl.organization.as_str()), ("C0002", "Org02"));
/// assert_eq!(shared.organization("Org02").unwrap().value, Some(250_000.0));
/// assert_eq!(shared.tie("C0001", "C0002").unwrap().level.get(), 4);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn redact(networks: &SalesNetworks) -> SalesNetworks {
    Pseudonyms::new(networks).apply(networks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_counts_decimal_places() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
        assert_eq!(digits(12345), 5);
    }
}
