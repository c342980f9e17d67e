//! The portfolio: its owners, organizations, contacts and ties in one graph.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::error::{Error, Location, Result};
use crate::model::ids::ContactIndex;
use crate::model::{
    Contact, ContactId, Deal, Interaction, NetworkKind, Organization, Relation, Role, Tie, check_deals,
};

/// A portfolio: its owners (one salesperson, or the several of a team), the
/// organizations, the contacts and the ties among them, held in one
/// undirected petgraph graph.
///
/// It is built only through [`SalesNetworksBuilder`] or the loaders in
/// [`crate::io`], which check every rule (at least one owner, every owner
/// of our own firm, unique ids, known
/// organizations and contacts, no self-ties, no pair tied twice), so a
/// `SalesNetworks` is always valid. Contacts, organizations and ties keep the
/// order they were given in.
///
/// # Examples
///
/// ```
/// use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Customer).with_value(250_000.0))
///     .contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("cfo", "Carl Buyer", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("me", "cfo", RelationshipLevel::new(4)?)?);
/// let networks = b.build()?;
/// assert_eq!(networks.owner().id.as_str(), "me");
/// assert_eq!(networks.contact_count(), 2);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SalesNetworks {
    graph: UnGraph<Contact, Tie>,
    organizations: Vec<Organization>,
    org_index: HashMap<String, usize>,
    contact_index: ContactIndex,
    /// Organization index of each node, by node index.
    contact_org: Vec<usize>,
    /// The owners' nodes, in input order (at least one).
    owners: Vec<NodeIndex>,
    /// The deals, in input order.
    deals: Vec<Deal>,
    /// The interaction history, in input order.
    interactions: Vec<Interaction>,
}

/// Which owner (salesperson) a call speaks for.
///
/// A portfolio holds one or more owners. Every salesperson-centred call
/// (stage reports, pictures, the HTML report) takes one; the default,
/// [`OwnerChoice::Only`], is the portfolio's only owner and an
/// [`Error::OwnerRequired`] listing the owners when there are several.
///
/// # Examples
///
/// ```
/// use salesnet::{ContactId, OwnerChoice};
///
/// let choice = OwnerChoice::from(ContactId::new("own00")?);
/// assert_eq!(choice, OwnerChoice::Id(ContactId::new("own00")?));
/// assert_eq!(OwnerChoice::default(), OwnerChoice::Only);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum OwnerChoice {
    /// The portfolio's only owner (an error if it has several).
    #[default]
    Only,
    /// The owner with this contact id.
    Id(ContactId),
}

impl From<ContactId> for OwnerChoice {
    fn from(id: ContactId) -> Self {
        OwnerChoice::Id(id)
    }
}

/// Builds a [`SalesNetworks`], checking every rule at [`build`](Self::build).
///
/// Records are checked in order: organizations, then contacts, then ties,
/// then deals.
/// The first problem found is returned and nothing is built. Records added
/// through this API are located as `<memory>`, line = their position among
/// records of their kind (1-based).
#[derive(Debug, Clone, Default)]
pub struct SalesNetworksBuilder {
    organizations: Vec<(Organization, Origin)>,
    contacts: Vec<(Contact, Origin)>,
    ties: Vec<(Tie, Origin)>,
    deals: Vec<(Deal, Origin)>,
    interactions: Vec<Interaction>,
    /// The files records came from, each named once (see [`Origin::Line`]).
    files: Vec<std::path::PathBuf>,
}

/// Where a record came from, for errors. A whole line of a file is two
/// numbers (a portfolio of millions of ties would otherwise hold a path per
/// tie); any other location is kept whole.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// Line `line` of `files[file]`.
    Line { file: u32, line: u64 },
    /// A location that names a field (a JSON record path).
    Full(Box<Location>),
}

impl Origin {
    /// The record's line. Every record is added at a line (of a CSV file, a
    /// JSON record's first line, or its position among in-memory records),
    /// so the `0` of a location without one is never reached.
    fn line(&self) -> u64 {
        match self {
            Origin::Line { line, .. } => *line,
            Origin::Full(location) => location.line.unwrap_or_default(),
        }
    }

    fn location(&self, files: &[std::path::PathBuf]) -> Location {
        match self {
            Origin::Line { file, line } => Location::line(&files[*file as usize], *line),
            Origin::Full(location) => (**location).clone(),
        }
    }
}

impl SalesNetworksBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an organization.
    pub fn organization(&mut self, organization: Organization) -> &mut Self {
        let line = self.organizations.len() as u64 + 1;
        let origin = self.origin(Location::line("<memory>", line));
        self.organizations.push((organization, origin));
        self
    }

    /// Adds a contact.
    pub fn contact(&mut self, contact: Contact) -> &mut Self {
        let line = self.contacts.len() as u64 + 1;
        let origin = self.origin(Location::line("<memory>", line));
        self.contacts.push((contact, origin));
        self
    }

    /// Adds a tie.
    pub fn tie(&mut self, tie: Tie) -> &mut Self {
        let line = self.ties.len() as u64 + 1;
        let origin = self.origin(Location::line("<memory>", line));
        self.ties.push((tie, origin));
        self
    }

    /// Adds a deal.
    pub fn deal(&mut self, deal: Deal) -> &mut Self {
        let line = self.deals.len() as u64 + 1;
        let origin = self.origin(Location::line("<memory>", line));
        self.deals.push((deal, origin));
        self
    }

    /// Adds an interaction of the history. Its participants are not
    /// checked against the contacts (an unmatched one is reported when the
    /// history is read into an inference, see [`crate::history`]).
    pub fn interaction(&mut self, interaction: Interaction) -> &mut Self {
        self.interactions.push(interaction);
        self
    }

    /// Adds a deal read from `location`.
    pub(crate) fn deal_at(&mut self, deal: Deal, location: Location) -> &mut Self {
        let origin = self.origin(location);
        self.deals.push((deal, origin));
        self
    }

    /// Adds an organization read from `location` (a whole line; errors name the field).
    pub(crate) fn organization_at(&mut self, organization: Organization, location: Location) -> &mut Self {
        let origin = self.origin(location);
        self.organizations.push((organization, origin));
        self
    }

    /// Adds a contact read from `location`.
    pub(crate) fn contact_at(&mut self, contact: Contact, location: Location) -> &mut Self {
        let origin = self.origin(location);
        self.contacts.push((contact, origin));
        self
    }

    /// Adds a tie read from `location`.
    pub(crate) fn tie_at(&mut self, tie: Tie, location: Location) -> &mut Self {
        let origin = self.origin(location);
        self.ties.push((tie, origin));
        self
    }

    /// A location in compact form: a whole line of a file names the file once.
    fn origin(&mut self, location: Location) -> Origin {
        let (None, Some(line)) = (&location.field, location.line) else {
            return Origin::Full(Box::new(location));
        };
        let same = |f: &std::path::PathBuf| f.as_os_str() == location.file.as_os_str();
        let file = match self.files.iter().rposition(same) {
            Some(i) => i,
            None => {
                self.files.push(location.file);
                self.files.len() - 1
            }
        };
        match u32::try_from(file) {
            Ok(file) => Origin::Line { file, line },
            Err(_) => Origin::Full(Box::new(Location::line(&self.files[file], line))),
        }
    }

    /// Checks every rule and builds the portfolio.
    ///
    /// # Errors
    ///
    /// The first of: [`Error::InvalidNumber`] (an organization value that is
    /// negative or not finite), [`Error::EmptyValue`] (an empty organization
    /// name), [`Error::DuplicateOrganization`], [`Error::DuplicateContact`],
    /// [`Error::UnknownOrganization`], [`Error::OwnerOutsideFirm`], [`Error::OwnerCount`] (no owner),
    /// [`Error::UnknownContact`], [`Error::SelfTie`], [`Error::DuplicateTie`],
    /// then for deals [`Error::UnknownOrganization`], [`Error::UnknownContact`]
    /// (owner), [`Error::NotASalesperson`], [`Error::InvalidNumber`] (amount),
    /// [`Error::DateOrder`], [`Error::DuplicateDeal`].
    pub fn build(self) -> Result<SalesNetworks> {
        let files = self.files;
        let mut assembly = Assembly::organizations(self.organizations, &files)?;
        assembly.reserve(self.contacts.len(), self.ties.len());
        let contacts_file = self.contacts.first().map(|(_, origin)| origin.location(&files).file);
        for (contact, origin) in self.contacts {
            assembly.contact(contact, &origin, &files)?;
        }
        assembly.close_contacts(contacts_file)?;
        let mut origins = Vec::with_capacity(self.ties.len());
        let mut failed = None;
        for (tie, origin) in self.ties {
            let (source, target) = (tie.source.clone(), tie.target.clone());
            let make = |s, t| Tie { source: s, target: t, ..tie };
            if let Err(e) = assembly.tie(source.as_str(), target.as_str(), make, &origin, &files) {
                failed = Some(e);
                break;
            }
            origins.push(origin);
        }
        assembly.close_ties(failed, |i| origins[i].clone(), &files)?;
        let mut networks = assembly.finish(self.deals, &files)?;
        networks.interactions = self.interactions;
        Ok(networks)
    }
}

/// A location naming `field` of the record at `origin`. A location that
/// already names a field (a JSON record path such as `ties[3]`) is extended:
/// `ties[3].target`.
fn located(origin: &Origin, files: &[std::path::PathBuf], field: &str) -> Location {
    let location = origin.location(files);
    let field = match &location.field {
        Some(record) => format!("{record}.{field}"),
        None => field.to_string(),
    };
    Location { field: Some(field), ..location }
}

/// A portfolio being put together record by record, each checked as it
/// comes (organizations all at once, then contacts, then ties, then deals):
/// [`SalesNetworksBuilder::build`] and the CSV reader (which adds each tie
/// as it reads its line, holding no list of ties) share it, so both check
/// the same rules in the same order with the same errors.
pub(crate) struct Assembly {
    graph: UnGraph<Contact, Tie>,
    organizations: Vec<Organization>,
    org_index: HashMap<String, usize>,
    contact_index: ContactIndex,
    contact_lines: Vec<u64>,
    contact_org: Vec<usize>,
    owners: Vec<NodeIndex>,
    /// Each tie's two nodes, the lower first (for [`close_ties`](Self::close_ties)).
    ends: Vec<(u32, u32)>,
}

/// Each tie's two nodes, the lower first. Node indices are `u32`
/// (petgraph's default index type).
fn ordered(a: NodeIndex, b: NodeIndex) -> (u32, u32) {
    let (a, b) = (a.index() as u32, b.index() as u32);
    (a.min(b), a.max(b))
}

/// Finds the contacts of ties being added to an [`Assembly`].
pub(crate) struct TieLookup<'a> {
    index: &'a ContactIndex,
}

/// The two contacts of a tie, checked: both known, not the same.
pub(crate) struct TieEnds {
    /// Their nodes, `(source, target)`.
    pub(crate) nodes: (NodeIndex, NodeIndex),
    /// The source contact's id (equal to the contact's; see [`ContactId`]).
    pub(crate) source: ContactId,
    /// The target contact's id.
    pub(crate) target: ContactId,
}

impl TieLookup<'_> {
    /// Where `id` (as written, trimmed) starts its search in the index,
    /// for [`touch`](Self::touch).
    #[inline]
    pub(crate) fn slot(&self, id: &str) -> usize {
        self.index.slot(id)
    }

    /// Reads the index at `slots` (of the ids of a batch of ties), so that
    /// their cache misses overlap before [`ends`](Self::ends) needs them.
    #[inline]
    pub(crate) fn touch(&self, slots: &[usize]) {
        std::hint::black_box(self.index.touch(slots));
    }

    /// The contacts `source` and `target` (ids as written, trimmed).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownContact`] (source first), then [`Error::SelfTie`],
    /// located at `loc`.
    pub(crate) fn ends(
        &self,
        source: &str,
        target: &str,
        loc: &Origin,
        files: &[std::path::PathBuf],
    ) -> Result<TieEnds> {
        let lookup = |id: &str, field: &str| {
            self.index
                .get_with_id(id)
                .map(|(id, node)| (node, id))
                .ok_or_else(|| Error::UnknownContact { id: id.to_string(), location: located(loc, files, field) })
        };
        let (a, source_id) = lookup(source, "source")?;
        let (b, target_id) = lookup(target, "target")?;
        if a == b {
            return Err(Error::SelfTie { id: source_id.to_string(), location: located(loc, files, "target") });
        }
        Ok(TieEnds { nodes: (a, b), source: source_id, target: target_id })
    }
}

/// Adds ties found by a [`TieLookup`] to an [`Assembly`].
pub(crate) struct TieSink<'a> {
    graph: &'a mut UnGraph<Contact, Tie>,
    ends: &'a mut Vec<(u32, u32)>,
}

impl TieSink<'_> {
    /// Reads the nodes of the next few ties to push, so that their cache
    /// misses (a node's list heads, in a table of a million contacts)
    /// overlap before [`push`](Self::push) writes them one after another.
    pub(crate) fn touch(&self, nodes: impl Iterator<Item = (NodeIndex, NodeIndex)>) {
        let raw = self.graph.raw_nodes();
        let heads = nodes
            .flat_map(|(a, b)| [a, b])
            .filter_map(|n| raw.get(n.index()))
            .fold(0, |acc, node| acc ^ node.next_edge(petgraph::Direction::Outgoing).index());
        std::hint::black_box(heads);
    }

    /// Adds `tie` between `nodes` (from [`TieLookup::ends`]).
    pub(crate) fn push(&mut self, nodes: (NodeIndex, NodeIndex), tie: Tie) {
        self.graph.add_edge(nodes.0, nodes.1, tie);
        self.ends.push(ordered(nodes.0, nodes.1));
    }
}

/// Finds the organizations of contacts being added to an [`Assembly`].
pub(crate) struct OrganizationLookup<'a> {
    index: &'a HashMap<String, usize>,
}

impl OrganizationLookup<'_> {
    /// The place of the organization named `name` (as written), if known.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// Adds contacts, their organizations found by an [`OrganizationLookup`],
/// to an [`Assembly`].
pub(crate) struct ContactSink<'a> {
    graph: &'a mut UnGraph<Contact, Tie>,
    organizations: &'a [Organization],
    contact_index: &'a mut ContactIndex,
    contact_lines: &'a mut Vec<u64>,
    contact_org: &'a mut Vec<usize>,
    owners: &'a mut Vec<NodeIndex>,
}

impl ContactSink<'_> {
    /// Where `id` starts its search in the index, for [`touch`](Self::touch).
    pub(crate) fn slot(&self, id: &str) -> usize {
        self.contact_index.slot(id)
    }

    /// Reads the index at `slots` (of the next few contacts to push), so
    /// that their cache misses overlap before [`push`](Self::push) needs them.
    pub(crate) fn touch(&self, slots: &[usize]) {
        std::hint::black_box(self.contact_index.touch(slots));
    }

    /// Adds `contact` after the ones before it; `org` is the place of its
    /// organization ([`OrganizationLookup::find`]).
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateContact`], then [`Error::UnknownOrganization`], then
    /// [`Error::OwnerOutsideFirm`], located at `loc`.
    pub(crate) fn push(
        &mut self,
        contact: Contact,
        org: Option<usize>,
        loc: &Origin,
        files: &[std::path::PathBuf],
    ) -> Result<()> {
        // The contact's id goes in first (one search of the index finds a
        // repeated id or the place for a new one): after an error the
        // assembly is dropped, so an id without its contact does no harm.
        let node = NodeIndex::new(self.graph.node_count());
        if let Err(first) = self.contact_index.insert_new(contact.id.clone(), node) {
            return Err(Error::DuplicateContact {
                id: contact.id.to_string(),
                location: located(loc, files, "id"),
                first_line: self.contact_lines[first.index()],
            });
        }
        let Some(org) = org else {
            return Err(Error::UnknownOrganization {
                name: contact.organization.clone(),
                location: located(loc, files, "organization"),
            });
        };
        let is_owner = contact.role == Role::Owner;
        if is_owner && self.organizations[org].relation != Relation::Own {
            return Err(Error::OwnerOutsideFirm {
                id: contact.id.to_string(),
                location: located(loc, files, "organization"),
            });
        }
        let added = self.graph.add_node(contact);
        debug_assert_eq!(added, node);
        if is_owner {
            self.owners.push(node);
        }
        self.contact_lines.push(loc.line());
        self.contact_org.push(org);
        Ok(())
    }
}

impl Assembly {
    /// Checks the organizations and starts a portfolio with them.
    pub(crate) fn organizations(
        organizations: Vec<(Organization, Origin)>,
        files: &[std::path::PathBuf],
    ) -> Result<Self> {
        let mut org_index: HashMap<String, usize> = HashMap::with_capacity(organizations.len());
        let mut org_lines: Vec<u64> = Vec::with_capacity(organizations.len());
        for (i, (org, loc)) in organizations.iter().enumerate() {
            if org.name.is_empty() {
                return Err(Error::EmptyValue { location: located(loc, files, "name") });
            }
            if let Some(v) = org.value
                && !(v.is_finite() && v >= 0.0)
            {
                return Err(Error::InvalidNumber { value: v.to_string(), location: located(loc, files, "value") });
            }
            if let Some(&first) = org_index.get(&org.name) {
                return Err(Error::DuplicateOrganization {
                    name: org.name.clone(),
                    location: located(loc, files, "name"),
                    first_line: org_lines[first],
                });
            }
            org_index.insert(org.name.clone(), i);
            org_lines.push(loc.line());
        }
        Ok(Self {
            graph: UnGraph::default(),
            organizations: organizations.into_iter().map(|(o, _)| o).collect(),
            org_index,
            contact_index: ContactIndex::with_capacity(0),
            contact_lines: Vec::new(),
            contact_org: Vec::new(),
            owners: Vec::new(),
            ends: Vec::new(),
        })
    }

    /// Makes room for `contacts` more contacts and `ties` more ties.
    pub(crate) fn reserve(&mut self, contacts: usize, ties: usize) {
        self.graph.reserve_nodes(contacts);
        self.graph.reserve_edges(ties);
        self.contact_index.reserve(contacts);
        self.contact_lines.reserve(contacts);
        self.contact_org.reserve(contacts);
        self.ends.reserve(ties);
    }

    /// Adds a contact after the ones before it.
    pub(crate) fn contact(&mut self, contact: Contact, loc: &Origin, files: &[std::path::PathBuf]) -> Result<()> {
        let (orgs, mut sink) = self.contact_parts();
        let org = orgs.find(&contact.organization);
        sink.push(contact, org, loc, files)
    }

    /// The two halves of [`contact`](Self::contact): finding a contact's
    /// organization (shared, so that many threads can look up at once) and
    /// adding the contact.
    pub(crate) fn contact_parts(&mut self) -> (OrganizationLookup<'_>, ContactSink<'_>) {
        let Assembly { graph, organizations, org_index, contact_index, contact_lines, contact_org, owners, .. } = self;
        (
            OrganizationLookup { index: org_index },
            ContactSink { graph, organizations, contact_index, contact_lines, contact_org, owners },
        )
    }

    /// Checks that the contacts (all added) include an owner; `contacts_file`
    /// is where they came from, for the error.
    pub(crate) fn close_contacts(&mut self, contacts_file: Option<std::path::PathBuf>) -> Result<()> {
        if self.owners.is_empty() {
            let location = Location::file(contacts_file.unwrap_or_else(|| "<memory>".into()));
            return Err(Error::OwnerCount { location, found: 0 });
        }
        // The line of each contact was kept for duplicate-contact errors only.
        self.contact_lines = Vec::new();
        Ok(())
    }

    /// Adds the tie between the contacts `source` and `target` (ids as
    /// written, trimmed): `make` receives the two contacts' own ids (shared,
    /// not copied) and returns the tie. A pair tied twice is found by
    /// [`close_ties`](Self::close_ties), once every tie is in.
    pub(crate) fn tie(
        &mut self,
        source: &str,
        target: &str,
        make: impl FnOnce(ContactId, ContactId) -> Tie,
        loc: &Origin,
        files: &[std::path::PathBuf],
    ) -> Result<()> {
        let (lookup, mut sink) = self.tie_parts();
        let ends = lookup.ends(source, target, loc, files)?;
        sink.push(ends.nodes, make(ends.source, ends.target));
        Ok(())
    }

    /// Adds the tie between the contacts at nodes `a` and `b` (see [`tie`](Self::tie)).
    pub(crate) fn tie_between(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        make: impl FnOnce(ContactId, ContactId) -> Tie,
        loc: &Origin,
        files: &[std::path::PathBuf],
    ) -> Result<()> {
        let (source, target) = (&self.graph[a].id, &self.graph[b].id);
        if a == b {
            return Err(Error::SelfTie { id: source.to_string(), location: located(loc, files, "target") });
        }
        let tie = make(source.clone(), target.clone());
        self.graph.add_edge(a, b, tie);
        self.ends.push(ordered(a, b));
        Ok(())
    }

    /// The two halves of [`tie`](Self::tie): finding a tie's contacts
    /// (shared, so that many threads can look up at once) and adding it.
    pub(crate) fn tie_parts(&mut self) -> (TieLookup<'_>, TieSink<'_>) {
        (TieLookup { index: &self.contact_index }, TieSink { graph: &mut self.graph, ends: &mut self.ends })
    }

    /// Checks that no pair of contacts is tied twice, once the ties are in:
    /// ties are added until the first bad one, whose error is `failed`.
    /// The first broken rule in tie order is returned: a tie repeating an
    /// earlier one, else `failed`. `origin_of(i)` is where the `i`-th tie
    /// (0-based) came from.
    ///
    /// # Complexity
    ///
    /// O(n + m) time (a counting sort of the ties by their lower node) and,
    /// besides the 8 bytes per tie of their ends kept as they are added,
    /// 8 bytes per tie and at most 16 per node and part (up to 4 parts) of
    /// memory, released on return.
    pub(crate) fn close_ties(
        &self,
        failed: Option<Error>,
        origin_of: impl Fn(usize) -> Origin,
        files: &[std::path::PathBuf],
    ) -> Result<()> {
        if let Some((tie, first)) = self.first_repeated_tie() {
            let edge = &self.graph.raw_edges()[tie];
            return Err(Error::DuplicateTie {
                source_id: self.graph[edge.source()].id.to_string(),
                target_id: self.graph[edge.target()].id.to_string(),
                location: located(&origin_of(tie), files, "target"),
                first_line: origin_of(first).line(),
            });
        }
        failed.map_or(Ok(()), Err)
    }

    /// The first tie (in order) whose pair of contacts an earlier tie
    /// already joins, and the first tie joining them.
    fn first_repeated_tie(&self) -> Option<(usize, usize)> {
        let ends = &self.ends;
        // The lower nodes in parts of about equal size, one per thread (at
        // most 4: each part marks the nodes above its own): a pair's ties
        // are all in the part of its lower node, so the first repeat is the
        // earliest of the parts' first repeats.
        let n = self.graph.node_count();
        #[cfg(feature = "rayon")]
        let first = {
            use rayon::prelude::*;
            let parts = rayon::current_num_threads().clamp(1, 4);
            (0..parts)
                .into_par_iter()
                .filter_map(|k| first_repeat_among(ends, n, n * k / parts..n * (k + 1) / parts))
                .min()
        };
        #[cfg(not(feature = "rayon"))]
        let first = first_repeat_among(ends, n, 0..n);
        first
    }

    /// Checks the deals and returns the portfolio.
    pub(crate) fn finish(self, deals: Vec<(Deal, Origin)>, files: &[std::path::PathBuf]) -> Result<SalesNetworks> {
        let Assembly { graph, organizations, org_index, contact_index, contact_org, owners, .. } = self;
        let mut networks = SalesNetworks {
            graph,
            organizations,
            org_index,
            contact_index,
            contact_org,
            owners,
            deals: Vec::new(),
            interactions: Vec::new(),
        };
        let located: Vec<Location> = deals.iter().map(|(_, origin)| origin.location(files)).collect();
        check_deals(&networks, deals.iter().map(|(d, _)| d).zip(&located))?;
        networks.deals = deals.into_iter().map(|(d, _)| d).collect();
        Ok(networks)
    }
}

/// The first tie (in order) of `ends` (each tie's nodes, the lower first,
/// all below `nodes`) whose lower node is in `lower` and whose pair an
/// earlier tie already joins, and the first tie joining them.
fn first_repeat_among(ends: &[(u32, u32)], nodes: usize, lower: std::ops::Range<usize>) -> Option<(usize, usize)> {
    // The ties by their lower node, in tie order within each node.
    let (from, n) = (lower.start, lower.len());
    let inside = |lo: u32| (lo as usize).wrapping_sub(from) < n;
    let mut start = vec![0u32; n + 1];
    for &(lo, _) in ends.iter().filter(|&&(lo, _)| inside(lo)) {
        start[lo as usize - from + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut next = start.clone();
    let mut by_lower = vec![(0u32, 0u32); start[n] as usize];
    for (i, &(lo, hi)) in ends.iter().enumerate().filter(|(_, e)| inside(e.0)) {
        let at = &mut next[lo as usize - from];
        by_lower[*at as usize] = (hi, i as u32);
        *at += 1;
    }
    drop(next);
    // `seen[hi - from]`: the last lower node seen tied to `hi` (above the
    // lower node, so at least `from`), and that tie.
    let mut seen = vec![(u32::MAX, 0u32); nodes - from];
    let mut first: Option<(usize, usize)> = None;
    for v in 0..n {
        let lo = (from + v) as u32;
        for &(hi, i) in &by_lower[start[v] as usize..start[v + 1] as usize] {
            let mark = &mut seen[hi as usize - from];
            if mark.0 == lo {
                if first.is_none_or(|(tie, _)| (i as usize) < tie) {
                    first = Some((i as usize, mark.1 as usize));
                }
            } else {
                *mark = (lo, i);
            }
        }
    }
    first
}

/// Two portfolios are equal when they hold equal organizations, contacts,
/// ties, deals and interactions in the same order (attributes in the same
/// order too).
impl PartialEq for SalesNetworks {
    fn eq(&self, other: &Self) -> bool {
        self.organizations == other.organizations
            && self.contacts().eq(other.contacts())
            && self.ties().eq(other.ties())
            && self.deals == other.deals
            && self.interactions == other.interactions
    }
}

impl SalesNetworks {
    /// A builder for a new portfolio.
    pub fn builder() -> SalesNetworksBuilder {
        SalesNetworksBuilder::new()
    }

    /// A builder holding this portfolio's records, to change and rebuild.
    pub fn to_builder(&self) -> SalesNetworksBuilder {
        let mut b = SalesNetworksBuilder::new();
        for org in &self.organizations {
            b.organization(org.clone());
        }
        for contact in self.contacts() {
            b.contact(contact.clone());
        }
        for tie in self.ties() {
            b.tie(tie.clone());
        }
        for deal in &self.deals {
            b.deal(deal.clone());
        }
        for interaction in &self.interactions {
            b.interaction(interaction.clone());
        }
        b
    }

    /// The interaction history, in input order (a folder's
    /// `interactions.csv`, the JSON document's `interactions`).
    pub fn interactions(&self) -> &[Interaction] {
        &self.interactions
    }

    /// Sets the interaction history (a folder's `interactions.csv`, read
    /// after the other files).
    pub(crate) fn set_interactions(&mut self, interactions: Vec<Interaction>) {
        self.interactions = interactions;
    }

    /// The portfolio without its interaction history, and the history.
    #[must_use]
    pub fn split_interactions(mut self) -> (SalesNetworks, Vec<Interaction>) {
        let history = std::mem::take(&mut self.interactions);
        (self, history)
    }

    /// The deals, in input order (every one checked against the portfolio:
    /// see [`Deal`]).
    pub fn deals(&self) -> &[Deal] {
        &self.deals
    }

    /// The first owner in input order: the salesperson of a single-owner
    /// portfolio. Calls that speak for one salesperson choose theirs with
    /// [`OwnerChoice`] and [`choose_owner`](Self::choose_owner).
    pub fn owner(&self) -> &Contact {
        &self.graph[self.owners[0]]
    }

    /// The first owner's node in [`graph`](Self::graph) (see [`owner`](Self::owner)).
    pub fn owner_node(&self) -> NodeIndex {
        self.owners[0]
    }

    /// The owners (the salespeople of the team), in input order; at least one.
    pub fn owners(&self) -> impl Iterator<Item = &Contact> + '_ {
        self.owners.iter().map(|&n| &self.graph[n])
    }

    /// The owners' nodes in [`graph`](Self::graph), in input order.
    pub fn owner_nodes(&self) -> &[NodeIndex] {
        &self.owners
    }

    /// Whether the contact at `node` is one of the owners.
    pub fn is_owner(&self, node: NodeIndex) -> bool {
        self.owners.contains(&node)
    }

    /// The node of the owner a call speaks for.
    ///
    /// # Errors
    ///
    /// [`Error::OwnerRequired`] (listing the owners' ids) for
    /// [`OwnerChoice::Only`] when the portfolio has several owners;
    /// [`Error::NotAnOwner`] for an id that is not an owner's.
    ///
    /// # Examples
    ///
    /// ```
    /// use salesnet::{Contact, ContactId, Error, Organization, OwnerChoice, Relation, Role, SalesNetworks};
    ///
    /// let mut b = SalesNetworks::builder();
    /// b.organization(Organization::new("Acme", Relation::Own))
    ///     .contact(Contact::new("ann", "Ann", "Acme", Role::Owner)?)
    ///     .contact(Contact::new("bob", "Bob", "Acme", Role::Owner)?);
    /// let team = b.build()?;
    /// let bob = team.choose_owner(&OwnerChoice::Id(ContactId::new("bob")?))?;
    /// assert_eq!(team.contact_at(bob).id.as_str(), "bob");
    /// let e = team.choose_owner(&OwnerChoice::Only).unwrap_err();
    /// assert!(matches!(e, Error::OwnerRequired { ref owners } if owners == &["ann", "bob"]));
    /// # Ok::<(), salesnet::Error>(())
    /// ```
    pub fn choose_owner(&self, choice: &OwnerChoice) -> Result<NodeIndex> {
        let ids = || self.owners().map(|c| c.id.to_string()).collect::<Vec<_>>();
        match choice {
            OwnerChoice::Only => match self.owners.as_slice() {
                [only] => Ok(*only),
                _ => Err(Error::OwnerRequired { owners: ids() }),
            },
            OwnerChoice::Id(id) => match self.node(id.as_str()) {
                Some(n) if self.is_owner(n) => Ok(n),
                _ => Err(Error::NotAnOwner { id: id.to_string(), owners: ids() }),
            },
        }
    }

    /// The underlying graph: node weights are contacts, edge weights ties,
    /// node and edge indices in input order.
    pub fn graph(&self) -> &UnGraph<Contact, Tie> {
        &self.graph
    }

    /// Organizations in input order.
    pub fn organizations(&self) -> &[Organization] {
        &self.organizations
    }

    /// Contacts in input order.
    pub fn contacts(&self) -> impl Iterator<Item = &Contact> + '_ {
        self.graph.node_weights()
    }

    /// Ties in input order.
    pub fn ties(&self) -> impl Iterator<Item = &Tie> + '_ {
        self.graph.edge_weights()
    }

    /// Number of contacts, the owner included.
    pub fn contact_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of ties.
    pub fn tie_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The contact with this id.
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.node(id).map(|n| &self.graph[n])
    }

    /// The graph node of the contact with this id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.contact_index.get(id)
    }

    /// The contact at a graph node.
    ///
    /// # Panics
    ///
    /// If the node is not in this portfolio's graph.
    pub fn contact_at(&self, node: NodeIndex) -> &Contact {
        &self.graph[node]
    }

    /// The organization with this name.
    pub fn organization(&self, name: &str) -> Option<&Organization> {
        self.org_index.get(name).map(|&i| &self.organizations[i])
    }

    /// The organization of the contact at `node`.
    pub fn organization_at(&self, node: NodeIndex) -> &Organization {
        &self.organizations[self.contact_org[node.index()]]
    }

    /// The index in [`organizations`](Self::organizations) of the organization of the contact at `node`.
    pub(crate) fn organization_index_at(&self, node: NodeIndex) -> usize {
        self.contact_org[node.index()]
    }

    /// The organization of a contact of this portfolio.
    pub fn organization_of(&self, contact: &Contact) -> Option<&Organization> {
        self.organization(&contact.organization)
    }

    /// The tie between two contacts, in either direction.
    pub fn tie(&self, a: &str, b: &str) -> Option<&Tie> {
        let (a, b) = (self.node(a)?, self.node(b)?);
        self.graph.find_edge(a, b).map(|e| &self.graph[e])
    }

    /// The edge between two nodes.
    pub fn edge(&self, a: NodeIndex, b: NodeIndex) -> Option<EdgeIndex> {
        self.graph.find_edge(a, b)
    }

    /// The contacts tied to `id` with their ties, in tie input order.
    pub fn ties_of<'a>(&'a self, id: &str) -> impl Iterator<Item = (&'a Contact, &'a Tie)> + 'a {
        let node = self.node(id);
        let mut edges: Vec<(EdgeIndex, NodeIndex)> = node
            .map(|n| {
                self.graph.edges(n).map(|e| (e.id(), if e.source() == n { e.target() } else { e.source() })).collect()
            })
            .unwrap_or_default();
        edges.sort_unstable();
        edges.into_iter().map(move |(e, other)| (&self.graph[other], &self.graph[e]))
    }

    /// The network a contact belongs to, by their organization's relation.
    pub fn network_of(&self, node: NodeIndex) -> NetworkKind {
        NetworkKind::of_relation(self.organization_at(node).relation)
    }

    /// One of the four networks of the whole team: every owner, every
    /// contact whose organization has the network's relation, and every tie
    /// among them. With one owner, the same as [`owner_view`](Self::owner_view).
    pub fn view(&self, kind: NetworkKind) -> NetworkView<'_> {
        let relation = kind.relation();
        self.view_where(Some(kind), |n| self.is_owner(n) || self.organization_at(n).relation == relation)
    }

    /// One owner's network: that owner, every contact whose organization has
    /// the network's relation, and every tie among them (colleagues who are
    /// owners too belong to the internal network, as every colleague).
    pub fn owner_view(&self, owner: NodeIndex, kind: NetworkKind) -> NetworkView<'_> {
        let relation = kind.relation();
        self.view_where(Some(kind), |n| n == owner || self.organization_at(n).relation == relation)
    }

    /// The whole portfolio as one view (all contacts, all ties): referral
    /// paths may cross networks.
    pub fn whole(&self) -> NetworkView<'_> {
        self.view_where(None, |_| true)
    }

    /// Every owner and the people of one organization, with every tie among them.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if no organization has this name.
    pub fn organization_view(&self, name: &str) -> Result<NetworkView<'_>> {
        let org = self.organization_position(name)?;
        let kind = NetworkKind::of_relation(self.organizations[org].relation);
        Ok(self.view_where(Some(kind), |n| self.is_owner(n) || self.contact_org[n.index()] == org))
    }

    /// One owner and the people of one organization, with every tie among them.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if no organization has this name.
    pub fn owner_organization_view(&self, owner: NodeIndex, name: &str) -> Result<NetworkView<'_>> {
        let org = self.organization_position(name)?;
        let kind = NetworkKind::of_relation(self.organizations[org].relation);
        Ok(self.view_where(Some(kind), |n| n == owner || self.contact_org[n.index()] == org))
    }

    fn organization_position(&self, name: &str) -> Result<usize> {
        self.org_index.get(name).copied().ok_or_else(|| Error::InvalidArgument {
            name: "account",
            reason: format!("no organization named `{name}`"),
        })
    }

    /// The same portfolio with every record passed through a mapping: same
    /// graph, same node and edge indices, same owners. The caller keeps the
    /// mapping consistent: organization names and contact ids stay unique,
    /// each contact's `organization`, each tie's ends and each deal's
    /// organization and owner are mapped the same way as the records they
    /// name (used by redaction).
    pub(crate) fn map_records(
        &self,
        mut organization: impl FnMut(usize, &Organization) -> Organization,
        contact: impl FnMut(NodeIndex, &Contact) -> Contact,
        mut tie: impl FnMut(&Tie) -> Tie,
        deal: impl FnMut(&Deal) -> Deal,
    ) -> SalesNetworks {
        let organizations: Vec<Organization> =
            self.organizations.iter().enumerate().map(|(i, o)| organization(i, o)).collect();
        let org_index = organizations.iter().enumerate().map(|(i, o)| (o.name.clone(), i)).collect();
        let graph = self.graph.map(contact, |_, t| tie(t));
        let contact_index = graph.node_indices().map(|n| (graph[n].id.clone(), n)).collect();
        SalesNetworks {
            graph,
            organizations,
            org_index,
            contact_index,
            contact_org: self.contact_org.clone(),
            owners: self.owners.clone(),
            deals: self.deals.iter().map(deal).collect(),
            // Participants are ids and addresses as written: never carried
            // into a mapped (redacted) portfolio.
            interactions: Vec::new(),
        }
    }

    pub(crate) fn view_where(&self, kind: Option<NetworkKind>, keep: impl Fn(NodeIndex) -> bool) -> NetworkView<'_> {
        let members: Vec<bool> = self.graph.node_indices().map(keep).collect();
        NetworkView { networks: self, kind, members }
    }
}

/// A view of a portfolio: a set of its contacts and every tie among them.
///
/// Views are cheap (one flag per contact) and borrow the portfolio.
#[derive(Debug, Clone)]
pub struct NetworkView<'a> {
    networks: &'a SalesNetworks,
    kind: Option<NetworkKind>,
    members: Vec<bool>,
}

impl<'a> NetworkView<'a> {
    /// The portfolio this is a view of.
    pub fn networks(&self) -> &'a SalesNetworks {
        self.networks
    }

    /// Which network this is; `None` for the whole portfolio.
    pub fn kind(&self) -> Option<NetworkKind> {
        self.kind
    }

    /// Keeps only the contacts for which `keep` is true (indexed by node).
    pub(crate) fn restrict(&mut self, keep: &[bool]) {
        for (m, k) in self.members.iter_mut().zip(keep) {
            *m &= *k;
        }
    }

    /// Whether the contact at `node` is in the view.
    pub fn contains_node(&self, node: NodeIndex) -> bool {
        self.members.get(node.index()).copied().unwrap_or(false)
    }

    /// Whether the contact with this id is in the view.
    pub fn contains(&self, id: &str) -> bool {
        self.networks.node(id).is_some_and(|n| self.contains_node(n))
    }

    /// The view's nodes, in input order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.networks.graph.node_indices().filter(|&n| self.contains_node(n))
    }

    /// The view's contacts, in input order.
    pub fn contacts(&self) -> impl Iterator<Item = &'a Contact> + '_ {
        let g = &self.networks.graph;
        self.nodes().map(move |n| &g[n])
    }

    /// The view's ties (both ends in the view), in input order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        let g = &self.networks.graph;
        g.edge_indices()
            .filter(move |&e| g.edge_endpoints(e).is_some_and(|(a, b)| self.contains_node(a) && self.contains_node(b)))
    }

    /// The view's ties, in input order.
    pub fn ties(&self) -> impl Iterator<Item = &'a Tie> + '_ {
        let g = &self.networks.graph;
        self.edges().map(move |e| &g[e])
    }

    /// Number of contacts in the view.
    pub fn len(&self) -> usize {
        self.members.iter().filter(|&&m| m).count()
    }

    /// Whether the view has no contacts.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, RelationshipLevel};

    fn lvl(n: u8) -> RelationshipLevel {
        RelationshipLevel::new(n).unwrap()
    }

    fn base() -> SalesNetworksBuilder {
        let mut b = SalesNetworks::builder();
        b.organization(Organization::new("Us", Relation::Own))
            .organization(Organization::new("Cust", Relation::Customer))
            .organization(Organization::new("Mkt", Relation::Other))
            .contact(Contact::new("me", "Me", "Us", Role::Owner).unwrap())
            .contact(Contact::new("col", "Col", "Us", Role::Other).unwrap())
            .contact(Contact::new("c1", "C1", "Cust", Role::DecisionMaker).unwrap())
            .contact(Contact::new("m1", "M1", "Mkt", Role::Other).unwrap())
            .tie(Tie::new("me", "col", lvl(3)).unwrap())
            .tie(Tie::new("me", "c1", lvl(4)).unwrap())
            .tie(Tie::new("c1", "m1", lvl(2)).unwrap());
        b
    }

    #[test]
    fn views_follow_relations() {
        let n = base().build().unwrap();
        let internal: Vec<_> = n.view(NetworkKind::Internal).contacts().map(|c| c.id.to_string()).collect();
        assert_eq!(internal, ["me", "col"]);
        let customer = n.view(NetworkKind::Customer);
        assert_eq!(customer.ties().count(), 1);
        assert_eq!(n.whole().ties().count(), 3);
        assert_eq!(n.view(NetworkKind::Market).ties().count(), 0);
    }

    #[test]
    fn rejects_second_tie_between_same_pair() {
        let mut b = base();
        b.tie(Tie::new("col", "me", lvl(1)).unwrap());
        assert!(matches!(b.build(), Err(Error::DuplicateTie { first_line: 1, .. })));
    }

    #[test]
    fn several_owners_and_none() {
        let mut b = base();
        b.contact(Contact::new("me2", "Me2", "Us", Role::Owner).unwrap());
        let team = b.build().unwrap();
        let ids: Vec<&str> = team.owners().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["me", "me2"]);
        assert!(matches!(team.choose_owner(&OwnerChoice::Only), Err(Error::OwnerRequired { .. })));
        let me2 = team.choose_owner(&OwnerChoice::Id(ContactId::new("me2").unwrap())).unwrap();
        assert_eq!(team.contact_at(me2).id.as_str(), "me2");
        let col = OwnerChoice::Id(ContactId::new("col").unwrap());
        assert!(matches!(team.choose_owner(&col), Err(Error::NotAnOwner { .. })));
        // The team's market view holds both owners, one owner's only that owner.
        assert_eq!(team.view(NetworkKind::Market).len(), 3);
        assert_eq!(team.owner_view(me2, NetworkKind::Market).len(), 2);
        let mut b = base();
        b.contact(Contact::new("out", "Out", "Cust", Role::Owner).unwrap());
        assert!(matches!(b.build(), Err(Error::OwnerOutsideFirm { .. })));
        let mut b = SalesNetworks::builder();
        b.organization(Organization::new("Us", Relation::Own));
        assert!(matches!(b.build(), Err(Error::OwnerCount { found: 0, .. })));
    }
}
