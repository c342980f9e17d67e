//! The portfolio as of a date: every tie's strength and freshness, computed once.

use jiff::civil::Date;
use petgraph::graph::{Edge, EdgeIndex, NodeIndex};

use crate::error::Result;
use crate::model::{
    Contact, DecayPolicy, Freshness, NetworkKind, NetworkView, OwnerChoice, SalesNetworks, Strength, Tie,
};

/// A portfolio as of a date under a decay policy: the strength and the
/// freshness of every tie, computed once, and the views of the portfolio.
///
/// Every layer above the model reads the portfolio through this type: the
/// analysis snapshots ([`AsOf::snapshot`], in [`crate::graph`]), the stage
/// reports, referral paths, exports, pictures and the HTML report. Their
/// options keep only what is theirs; the date and the decay policy are
/// given once, here. Nothing in the library reads the clock: the caller
/// (the command line) decides what "today" is.
///
/// Built by [`SalesNetworks::at`]. Memory: one strength, one freshness and
/// the two ends' node numbers per tie (17 bytes), and, once a report asked for it, one snapshot of the whole
/// portfolio's active ties (kept for the next report).
///
/// # Examples
///
/// ```
/// use salesnet::{Contact, DecayPolicy, Freshness, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
/// use salesnet::jiff::civil::date;
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Prospect))
///     .contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("ceo", "Carl Chief", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("me", "ceo", RelationshipLevel::new(2)?)?.with_last_contact(date(2026, 3, 1)));
/// let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let tie = as_of.tie("me", "ceo").unwrap();
/// assert!(tie.strength.get() > 0.0 && tie.strength.get() < 0.4);
/// assert_eq!(tie.freshness, Freshness::Fading);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct AsOf<'a> {
    networks: &'a SalesNetworks,
    date: Date,
    policy: DecayPolicy,
    /// Strength of each tie, by edge index.
    strengths: Vec<Strength>,
    /// Freshness of each tie, by edge index.
    freshness: Vec<Freshness>,
    /// The two ends' node indices of each tie, by edge index: what a
    /// snapshot reads of every tie, 8 bytes a tie instead of the tie's
    /// cache line in the graph.
    ends: Vec<[u32; 2]>,
    /// The whole portfolio's active ties as a snapshot, made on first use
    /// ([`AsOf::active_whole`](crate::model::AsOf)).
    pub(crate) active_whole: std::sync::OnceLock<std::sync::Arc<crate::graph::ViewParts>>,
}

/// A tie as of a date: the tie, its edge, its strength and its freshness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DatedTie<'a> {
    /// The tie as recorded.
    pub tie: &'a Tie,
    /// Its edge in [`SalesNetworks::graph`].
    pub edge: EdgeIndex,
    /// Its strength as of the date.
    pub strength: Strength,
    /// Whether it is fresh, fading or lapsed as of the date.
    pub freshness: Freshness,
}

/// One block of [`SalesNetworks::at`]'s output: strengths, freshness, ends.
type DatedBlock<'b> = ((&'b mut [Strength], &'b mut [Freshness]), &'b mut [[u32; 2]]);

impl SalesNetworks {
    /// The portfolio as of `date` under `policy`: every tie's strength and
    /// freshness, computed once.
    ///
    /// Complexity: O(|E|) time and memory (ties in parallel with `rayon`).
    #[must_use]
    pub fn at(&self, date: Date, policy: &DecayPolicy) -> AsOf<'_> {
        let edges = self.graph().raw_edges();
        let m = edges.len();
        let mut strengths = vec![Strength::ZERO; m];
        let mut freshness = vec![Freshness::Undated; m];
        let mut ends = vec![[0u32; 2]; m];
        // Each tie on its own: the same values however the ties are shared
        // between threads.
        let date_block = |((s, f), n): DatedBlock<'_>, block: &[Edge<Tie>]| {
            for (i, e) in block.iter().enumerate() {
                let t = &e.weight;
                s[i] = policy.strength(t.level, t.last_contact, date);
                f[i] = policy.freshness(t.last_contact, date);
                n[i] = [e.source().index() as u32, e.target().index() as u32];
            }
        };
        const BLOCK: usize = 1 << 14;
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            strengths
                .par_chunks_mut(BLOCK)
                .zip(freshness.par_chunks_mut(BLOCK))
                .zip(ends.par_chunks_mut(BLOCK))
                .zip(edges.par_chunks(BLOCK))
                .for_each(|(out, block)| date_block(out, block));
        }
        #[cfg(not(feature = "rayon"))]
        strengths
            .chunks_mut(BLOCK)
            .zip(freshness.chunks_mut(BLOCK))
            .zip(ends.chunks_mut(BLOCK))
            .zip(edges.chunks(BLOCK))
            .for_each(|(out, block)| date_block(out, block));
        AsOf {
            networks: self,
            date,
            policy: policy.clone(),
            strengths,
            freshness,
            ends,
            active_whole: std::sync::OnceLock::new(),
        }
    }
}

impl<'a> AsOf<'a> {
    /// The portfolio.
    pub fn networks(&self) -> &'a SalesNetworks {
        self.networks
    }

    /// The date strengths are taken at.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The decay policy.
    pub fn policy(&self) -> &DecayPolicy {
        &self.policy
    }

    /// The strength of the tie at `edge`.
    ///
    /// # Panics
    ///
    /// If `edge` is not an edge of the portfolio's graph.
    pub fn strength(&self, edge: EdgeIndex) -> Strength {
        self.strengths[edge.index()]
    }

    /// Every tie's strength, by edge index.
    pub(crate) fn strengths(&self) -> &[Strength] {
        &self.strengths
    }

    /// Every tie's two ends (node indices), by edge index.
    pub(crate) fn ends(&self) -> &[[u32; 2]] {
        &self.ends
    }

    /// The freshness of the tie at `edge`.
    ///
    /// # Panics
    ///
    /// If `edge` is not an edge of the portfolio's graph.
    pub fn freshness(&self, edge: EdgeIndex) -> Freshness {
        self.freshness[edge.index()]
    }

    /// The tie at `edge`, dated.
    ///
    /// # Panics
    ///
    /// If `edge` is not an edge of the portfolio's graph.
    pub fn dated(&self, edge: EdgeIndex) -> DatedTie<'a> {
        DatedTie {
            tie: &self.networks.graph()[edge],
            edge,
            strength: self.strengths[edge.index()],
            freshness: self.freshness[edge.index()],
        }
    }

    /// The tie between two nodes, dated.
    pub fn tie_between(&self, a: NodeIndex, b: NodeIndex) -> Option<DatedTie<'a>> {
        self.networks.edge(a, b).map(|e| self.dated(e))
    }

    /// The tie between two contacts (by id, either direction), dated.
    pub fn tie(&self, a: &str, b: &str) -> Option<DatedTie<'a>> {
        self.tie_between(self.networks.node(a)?, self.networks.node(b)?)
    }

    /// Every tie, dated, in input order.
    pub fn ties(&self) -> impl Iterator<Item = DatedTie<'a>> + '_ {
        self.networks.graph().edge_indices().map(|e| self.dated(e))
    }

    /// The contacts tied to `id` with their dated ties, in tie input order.
    pub fn ties_of(&self, id: &str) -> impl Iterator<Item = (&'a Contact, DatedTie<'a>)> + '_ {
        let graph = self.networks.graph();
        self.ties_at(self.networks.node(id)).map(move |(other, tie)| (&graph[other], tie))
    }

    /// [`ties_of`](Self::ties_of) by node: the nodes tied to `node` with
    /// their dated ties, in tie input order.
    pub(crate) fn ties_at(&self, node: Option<NodeIndex>) -> impl Iterator<Item = (NodeIndex, DatedTie<'a>)> + '_ {
        let graph = self.networks.graph();
        let mut edges: Vec<(EdgeIndex, NodeIndex)> = node
            .map(|n| graph.neighbors(n).filter_map(|m| graph.find_edge(n, m).map(|e| (e, m))).collect())
            .unwrap_or_default();
        edges.sort_unstable();
        edges.dedup();
        edges.into_iter().map(move |(e, other)| (other, self.dated(e)))
    }

    /// The node of the owner a call speaks for (see [`SalesNetworks::choose_owner`]).
    ///
    /// # Errors
    ///
    /// [`Error::OwnerRequired`](crate::Error::OwnerRequired) or
    /// [`Error::NotAnOwner`](crate::Error::NotAnOwner).
    pub fn owner(&self, choice: &OwnerChoice) -> Result<NodeIndex> {
        self.networks.choose_owner(choice)
    }

    /// The team's view of one network (see [`SalesNetworks::view`]).
    pub fn view(&self, kind: NetworkKind) -> NetworkView<'a> {
        self.networks.view(kind)
    }

    /// One owner's view of one network (see [`SalesNetworks::owner_view`]).
    pub fn owner_view(&self, owner: NodeIndex, kind: NetworkKind) -> NetworkView<'a> {
        self.networks.owner_view(owner, kind)
    }

    /// The whole portfolio as one view.
    pub fn whole(&self) -> NetworkView<'a> {
        self.networks.whole()
    }
}
