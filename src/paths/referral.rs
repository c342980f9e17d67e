//! Referral paths in a portfolio: introduction chains between contacts, with
//! tie strengths as of a date and an explanation of every hop.

use std::fmt;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::graph::{Cost, Node, Snapshot};
use crate::model::{AsOf, ContactId, Freshness, NetworkKind, RelationshipLevel, Role, SalesNetworks};
use crate::paths::search::{Path, PathFinder, PathOptions};

/// What a referral query may use. The date and the decay policy are the
/// [`AsOf`]'s the query runs on.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`cost`](Self::cost) | [`Cost::NegLog`] | the chain most likely to hold |
/// | [`k`](Self::k) | 1 | how many paths [`referral_paths`] returns at most |
/// | [`min_level`](Self::min_level) | none | ties below this level are unusable |
/// | [`min_strength`](Self::min_strength) | 0 | ties weaker than this (as of the date) are unusable |
/// | [`max_hops`](Self::max_hops) | none | longest chain, in ties |
/// | [`avoid_contacts`](Self::avoid_contacts) | none | contacts no chain passes through |
/// | [`avoid_organizations`](Self::avoid_organizations) | none | organizations whose people no chain passes through |
/// | [`not_through_owner`](Self::not_through_owner) | through | the owner may not be an intermediate (a referee's own path) |
/// | [`through_networks`](Self::through_networks) | all | intermediates must belong to one of these networks |
///
/// Ties of strength 0 as of the date (level 0, or lapsed) are never usable.
/// Every restriction on contacts applies to the intermediate contacts only:
/// a chain may always start and end where it was asked to. For
/// [`through_networks`](Self::through_networks) the owners count as members
/// of every network (as in [`SalesNetworks::view`]).
///
/// # Examples
///
/// ```
/// use salesnet::{NetworkKind, RelationshipLevel};
/// use salesnet::paths::ReferralOptions;
///
/// let options = ReferralOptions::new()
///     .k(3)
///     .min_level(RelationshipLevel::new(2)?)
///     .max_hops(4)
///     .not_through_owner()
///     .through_networks([NetworkKind::Customer, NetworkKind::Prospect]);
/// # let _ = options;
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralOptions {
    cost: Cost,
    k: usize,
    min_level: Option<RelationshipLevel>,
    min_strength: f64,
    max_hops: Option<usize>,
    avoid_contacts: Vec<String>,
    avoid_organizations: Vec<String>,
    through_owner: bool,
    networks: Option<Vec<NetworkKind>>,
}

impl Default for ReferralOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl ReferralOptions {
    /// Every setting at its default.
    pub fn new() -> Self {
        Self {
            cost: Cost::NegLog,
            k: 1,
            min_level: None,
            min_strength: 0.0,
            max_hops: None,
            avoid_contacts: Vec::new(),
            avoid_organizations: Vec::new(),
            through_owner: true,
            networks: None,
        }
    }

    /// Sets how a tie's strength becomes a cost.
    #[must_use]
    pub fn cost(mut self, cost: Cost) -> Self {
        self.cost = cost;
        self
    }

    /// Sets how many paths [`referral_paths`] returns at most.
    #[must_use]
    pub fn k(mut self, k: usize) -> Self {
        self.k = k;
        self
    }

    /// Makes ties below `level` unusable.
    #[must_use]
    pub fn min_level(mut self, level: RelationshipLevel) -> Self {
        self.min_level = Some(level);
        self
    }

    /// Makes ties weaker than `strength` (as of the date) unusable.
    #[must_use]
    pub fn min_strength(mut self, strength: f64) -> Self {
        self.min_strength = strength;
        self
    }

    /// Allows only chains of at most `hops` ties.
    #[must_use]
    pub fn max_hops(mut self, hops: usize) -> Self {
        self.max_hops = Some(hops);
        self
    }

    /// Adds contacts (by id) that no chain may pass through.
    #[must_use]
    pub fn avoid_contacts<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.avoid_contacts.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Adds organizations (by name) whose people no chain may pass through.
    #[must_use]
    pub fn avoid_organizations<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.avoid_organizations.extend(names.into_iter().map(Into::into));
        self
    }

    /// Forbids chains through the owners (the salespeople): a referee's own
    /// path to a prospect, not one an owner introduces.
    #[must_use]
    pub fn not_through_owner(mut self) -> Self {
        self.through_owner = false;
        self
    }

    /// Lets chains pass only through contacts of these networks (the ends may be anywhere).
    #[must_use]
    pub fn through_networks(mut self, networks: impl IntoIterator<Item = NetworkKind>) -> Self {
        self.networks.get_or_insert_with(Vec::new).extend(networks);
        self
    }
}

/// One hop of a referral path: the tie from `from` to `to` and who `to` is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// The contact who introduces.
    pub from: ContactId,
    /// The contact introduced.
    pub to: ContactId,
    /// The name of `to` (personal data).
    pub name: String,
    /// The organization of `to`.
    pub organization: String,
    /// The role of `to`.
    pub role: Role,
    /// The tie's relationship level.
    pub level: RelationshipLevel,
    /// When the two were last in contact, if known.
    pub last_contact: Option<Date>,
    /// The tie's strength as of the query's date.
    pub strength: f64,
    /// Whether the tie is fresh, fading or lapsed as of the query's date.
    pub freshness: Freshness,
}

/// A referral path: a chain of introductions from one contact to another.
///
/// `Display` (and [`explain`](Self::explain)) prints a summary line and one
/// line per hop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferralPath {
    /// The contacts, from the start to the end of the chain.
    pub nodes: Vec<ContactId>,
    /// The total cost under the query's [`Cost`].
    pub cost: f64,
    /// The product of the ties' strengths: for strengths read as
    /// probabilities that an introduction holds, the chance the chain holds
    /// (1 for a chain of no ties).
    pub strength: f64,
    /// Every hop, in order.
    pub hops: Vec<Hop>,
}

impl ReferralPath {
    /// The per-hop explanation as text (the same as `to_string()`).
    pub fn explain(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for ReferralPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.nodes.iter().map(ContactId::as_str).collect();
        writeln!(
            f,
            "{}: {} hop{}, cost {:.4}, strength {:.4}",
            ids.join(" -> "),
            self.hops.len(),
            if self.hops.len() == 1 { "" } else { "s" },
            self.cost,
            self.strength
        )?;
        for (i, h) in self.hops.iter().enumerate() {
            let last = h.last_contact.map_or_else(|| "never dated".to_string(), |d| format!("last contact {d}"));
            writeln!(
                f,
                "  {}. {} -> {}: {} ({}, {}), level {}, {} ({}), strength {:.4}",
                i + 1,
                h.from,
                h.to,
                h.name,
                h.organization,
                h.role,
                h.level.get(),
                last,
                h.freshness.as_str(),
                h.strength
            )?;
        }
        Ok(())
    }
}

/// A portfolio prepared for one query: the snapshot of usable ties and the path options.
struct Prepared<'a, 'n> {
    as_of: &'a AsOf<'n>,
    snapshot: Snapshot,
    options: PathOptions,
}

impl<'a, 'n> Prepared<'a, 'n> {
    fn new(as_of: &'a AsOf<'n>, o: &ReferralOptions) -> Result<Self> {
        let networks = as_of.networks();
        if o.min_strength.is_nan() {
            return Err(Error::InvalidArgument { name: "min_strength", reason: "NaN is not a strength".into() });
        }
        let g = networks.graph();
        // Unusable ties get weight 0, which no path uses.
        let snapshot = Snapshot::from_petgraph(
            g,
            |n| g[n].id.to_string(),
            |e| {
                let tie = e.weight();
                let s = as_of.strength(e.id()).get();
                let level_ok = o.min_level.is_none_or(|min| tie.level >= min);
                if level_ok && s >= o.min_strength { s } else { 0.0 }
            },
        )?;
        let mut avoid: Vec<bool> = vec![false; g.node_count()];
        for id in &o.avoid_contacts {
            avoid[node_of(networks, id, "avoid_contacts")?.index()] = true;
        }
        for name in &o.avoid_organizations {
            if networks.organization(name).is_none() {
                return Err(Error::UnknownOrganization {
                    name: name.clone(),
                    location: Location::field("<query>", 0, "avoid_organizations"),
                });
            }
        }
        for n in g.node_indices() {
            let owner = networks.is_owner(n);
            let in_org = o.avoid_organizations.iter().any(|name| *name == g[n].organization);
            let outside = match &o.networks {
                Some(kinds) => !owner && !kinds.contains(&networks.network_of(n)),
                None => false,
            };
            if in_org || outside || (owner && !o.through_owner) {
                avoid[n.index()] = true;
            }
        }
        let mut options = PathOptions::new()
            .cost(o.cost)
            .k(o.k)
            .avoid(avoid.iter().enumerate().filter(|(_, a)| **a).map(|(i, _)| i as Node));
        if let Some(h) = o.max_hops {
            options = options.max_hops(h);
        }
        Ok(Self { as_of, snapshot, options })
    }

    fn explain(&self, path: Path) -> ReferralPath {
        let networks = self.as_of.networks();
        let g = networks.graph();
        let nodes: Vec<ContactId> = path.nodes.iter().map(|&v| g[NodeIndex::new(v as usize)].id.clone()).collect();
        let mut hops = Vec::with_capacity(path.hops());
        let mut strength = 1.0;
        for w in path.nodes.windows(2) {
            let (a, b) = (NodeIndex::new(w[0] as usize), NodeIndex::new(w[1] as usize));
            // The path uses only ties of the graph; a missing one would be a bug, and is skipped.
            let Some(dated) = self.as_of.tie_between(a, b) else {
                continue;
            };
            let tie = dated.tie;
            let to = &g[b];
            let s = dated.strength.get();
            strength *= s;
            hops.push(Hop {
                from: g[a].id.clone(),
                to: to.id.clone(),
                name: to.name.clone(),
                organization: to.organization.clone(),
                role: to.role,
                level: tie.level,
                last_contact: tie.last_contact,
                strength: s,
                freshness: dated.freshness,
            });
        }
        ReferralPath { nodes, cost: path.cost, strength, hops }
    }
}

fn node_of(networks: &SalesNetworks, id: &str, field: &str) -> Result<NodeIndex> {
    networks
        .node(id)
        .ok_or_else(|| Error::UnknownContact { id: id.to_string(), location: Location::field("<query>", 0, field) })
}

/// The best referral paths from one contact to another, best first.
///
/// Tie strengths are the [`AsOf`]'s (its date and decay policy);
/// the whole portfolio is searched (chains may cross networks) within the
/// options' constraints. Paths are ranked as on [`PathFinder`]: by cost,
/// then fewer hops, then a fixed order of contacts (input order, compared
/// from the end of the chain back).
///
/// # Returns
///
/// Up to `options.k` loopless paths; none if no chain is allowed (which is
/// not an error). From a contact to itself: the chain of no ties.
///
/// # Errors
///
/// [`Error::UnknownContact`] (located at `<query>`, field `from`, `to` or
/// `avoid_contacts`) for an id not in the portfolio,
/// [`Error::UnknownOrganization`] for an unknown organization to avoid,
/// [`Error::InvalidArgument`] for a NaN minimum strength.
///
/// # Complexity
///
/// O(V + E) to take the strengths, then Yen's algorithm (see
/// [`PathFinder::k_best`]).
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
/// use salesnet::paths::{ReferralOptions, referral_paths};
///
/// let lvl = RelationshipLevel::new;
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Customer))
///     .organization(Organization::new("Initech", Relation::Prospect))
///     .contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("ref", "Rita Referee", "Globex", Role::DecisionMaker)?)
///     .contact(Contact::new("ceo", "Carl Chief", "Initech", Role::DecisionMaker)?)
///     .tie(Tie::new("me", "ref", lvl(5)?)?.with_last_contact(date(2024, 12, 1)))
///     .tie(Tie::new("ref", "ceo", lvl(4)?)?);
/// let networks = b.build()?;
/// let as_of = networks.at(date(2025, 1, 1), &DecayPolicy::default());
/// let paths = referral_paths(&as_of, "me", "ceo", &ReferralOptions::new())?;
/// assert_eq!(paths[0].nodes.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["me", "ref", "ceo"]);
/// assert!((paths[0].strength - 0.8).abs() < 1e-12);
/// println!("{}", paths[0].explain());
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn referral_paths(as_of: &AsOf<'_>, from: &str, to: &str, options: &ReferralOptions) -> Result<Vec<ReferralPath>> {
    let networks = as_of.networks();
    let (a, b) = (node_of(networks, from, "from")?, node_of(networks, to, "to")?);
    let prepared = Prepared::new(as_of, options)?;
    let mut finder = PathFinder::new(&prepared.snapshot);
    let paths = finder.k_best(a.index() as Node, b.index() as Node, &prepared.options)?;
    Ok(paths.into_iter().map(|p| prepared.explain(p)).collect())
}

/// The best referral path to each target from whichever source reaches it
/// best, in one search: from any customer contact to a prospect's decision
/// maker, or from the owner (`sources = [owner]`) to every decision maker of
/// an account.
///
/// # Returns
///
/// One entry per target, in the order given; `None` where no source reaches
/// the target within the constraints. `options.k` is ignored (one path each).
/// A chain never passes through another source.
///
/// # Errors
///
/// As [`referral_paths`] (fields `sources` and `targets` for unknown ids).
///
/// # Complexity
///
/// O(V + E) to take the strengths, then one multi-source Dijkstra search
/// stopped when the last target is settled.
pub fn referral_paths_many(
    as_of: &AsOf<'_>,
    sources: &[&str],
    targets: &[&str],
    options: &ReferralOptions,
) -> Result<Vec<Option<ReferralPath>>> {
    let networks = as_of.networks();
    let look = |ids: &[&str], field: &str| -> Result<Vec<Node>> {
        ids.iter().map(|id| node_of(networks, id, field).map(|n| n.index() as Node)).collect()
    };
    let (sources, targets) = (look(sources, "sources")?, look(targets, "targets")?);
    let prepared = Prepared::new(as_of, options)?;
    let mut finder = PathFinder::new(&prepared.snapshot);
    let paths = finder.best_many(&sources, &targets, &prepared.options)?;
    Ok(paths.into_iter().map(|p| p.map(|p| prepared.explain(p))).collect())
}
