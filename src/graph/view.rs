//! Snapshots of a portfolio as of a date, with the way back to its contacts.

use std::sync::Arc;

use petgraph::graph::NodeIndex;

use crate::graph::{Ids, Node, Snapshot};
use crate::model::{AsOf, Contact, ContactId, NetworkView, SalesNetworks};

/// Which ties of a view a snapshot keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ties {
    /// Every tie of the view, those of strength 0 included (paths skip
    /// them; structural-hole measures give them no weight).
    #[default]
    All,
    /// The **active** ties alone: strength above 0 as of the date (what the
    /// stage reports measure).
    Active,
}

/// An analysis snapshot of a portfolio view as of a date, weighted by tie
/// strength, with the map between its nodes and the portfolio's contacts.
///
/// Nodes are the view's contacts in input order (every contact of the view
/// is a node, tied or not), ids their contact ids. Built by
/// [`AsOf::snapshot`].
#[derive(Debug, Clone)]
pub struct ViewSnapshot<'a> {
    networks: &'a SalesNetworks,
    /// Shared by clones (and kept by an [`AsOf`] for its whole-portfolio snapshot).
    parts: Arc<ViewParts>,
}

/// What a [`ViewSnapshot`] holds besides its portfolio.
#[derive(Debug)]
pub(crate) struct ViewParts {
    snapshot: Snapshot,
    /// Portfolio node of each snapshot node.
    back: Vec<NodeIndex>,
    /// Snapshot node of each portfolio node (`Node::MAX` if not in the view).
    of: Vec<Node>,
}

impl<'a> AsOf<'a> {
    /// An analysis snapshot of `view` (a view of this portfolio), weighted by
    /// each tie's strength as of the date, keeping the `ties` asked for.
    ///
    /// Complexity: O(|V| + |E| log |E|) time, O(|V| + |E|) memory.
    ///
    /// # Examples
    ///
    /// ```
    /// use salesnet::graph::Ties;
    /// use salesnet::{Contact, DecayPolicy, NetworkKind, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
    /// use salesnet::jiff::civil::date;
    ///
    /// let mut b = SalesNetworks::builder();
    /// b.organization(Organization::new("Acme", Relation::Own))
    ///     .contact(Contact::new("me", "Me", "Acme", Role::Owner)?)
    ///     .contact(Contact::new("eng", "Eng", "Acme", Role::Other)?)
    ///     .contact(Contact::new("old", "Old", "Acme", Role::Other)?)
    ///     .tie(Tie::new("me", "eng", RelationshipLevel::new(4)?)?)
    ///     .tie(Tie::new("me", "old", RelationshipLevel::new(4)?)?.with_last_contact(date(2020, 1, 1)));
    /// let networks = b.build()?;
    /// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
    /// let internal = as_of.view(NetworkKind::Internal);
    /// let active = as_of.snapshot(&internal, Ties::Active);
    /// assert_eq!(active.snapshot().node_count(), 3);
    /// assert_eq!(active.snapshot().edge_count(), 1); // the lapsed tie is gone
    /// let me = active.node(networks.owner_node()).unwrap();
    /// assert_eq!(active.contact(me).id.as_str(), "me");
    /// # Ok::<(), salesnet::Error>(())
    /// ```
    pub fn snapshot(&self, view: &NetworkView<'a>, ties: Ties) -> ViewSnapshot<'a> {
        let networks = self.networks();
        let graph = networks.graph();
        let mut of = vec![Node::MAX; graph.node_count()];
        let mut back = Vec::with_capacity(view.len());
        let mut ids = Ids::with_capacity(view.len(), view.nodes().map(|node| graph[node].id.as_str().len()).sum());
        for node in view.nodes() {
            of[node.index()] = back.len() as Node;
            ids.push(graph[node].id.as_str());
            back.push(node);
        }
        // The view's ties in input order, read in blocks (in parallel with
        // `rayon`; the blocks joined in order): each tie's ends in the view
        // and its strength at the date.
        let strengths = self.strengths();
        let ends = self.ends();
        let block = |first: usize, block: &[[u32; 2]]| {
            let mut arcs = Vec::new();
            for (i, &[a, c]) in block.iter().enumerate() {
                let (a, c) = (of[a as usize], of[c as usize]);
                if a == Node::MAX || c == Node::MAX {
                    continue;
                }
                let w = strengths[first + i].get();
                if ties == Ties::All || w > 0.0 {
                    arcs.push((a, c, w));
                }
            }
            arcs
        };
        const BLOCK: usize = 1 << 16;
        #[cfg(feature = "rayon")]
        let blocks: Vec<Vec<(Node, Node, f64)>> = {
            use rayon::prelude::*;
            ends.par_chunks(BLOCK).enumerate().map(|(k, b)| block(k * BLOCK, b)).collect()
        };
        #[cfg(not(feature = "rayon"))]
        let blocks: Vec<Vec<(Node, Node, f64)>> =
            ends.chunks(BLOCK).enumerate().map(|(k, b)| block(k * BLOCK, b)).collect();
        let snapshot = Snapshot::assemble_blocks(false, true, ids, blocks);
        ViewSnapshot { networks, parts: Arc::new(ViewParts { snapshot, back, of }) }
    }
}

impl<'a> AsOf<'a> {
    /// The snapshot of the whole portfolio's active ties
    /// (`self.snapshot(&self.whole(), Ties::Active)`), made on the first
    /// call and kept with this `AsOf`, so that reports run on the same
    /// `AsOf` (the funnel, called for one salesperson after another) share it.
    ///
    /// Complexity: the first call O(V + E log E); later calls O(1).
    pub(crate) fn active_whole(&self) -> ViewSnapshot<'a> {
        let parts = self.active_whole.get_or_init(|| self.snapshot(&self.whole(), Ties::Active).parts);
        ViewSnapshot { networks: self.networks(), parts: Arc::clone(parts) }
    }
}

impl<'a> ViewSnapshot<'a> {
    /// The snapshot every measure runs on.
    pub fn snapshot(&self) -> &Snapshot {
        &self.parts.snapshot
    }

    /// The snapshot, without the map back to contacts.
    #[must_use]
    pub fn into_snapshot(self) -> Snapshot {
        Arc::try_unwrap(self.parts).map_or_else(|shared| shared.snapshot.clone(), |parts| parts.snapshot)
    }

    /// The portfolio.
    pub fn networks(&self) -> &'a SalesNetworks {
        self.networks
    }

    /// The snapshot node of a portfolio node, if it is in the view.
    pub fn node(&self, n: NodeIndex) -> Option<Node> {
        self.parts.of.get(n.index()).copied().filter(|&v| v != Node::MAX)
    }

    /// The portfolio node of a snapshot node.
    ///
    /// # Panics
    ///
    /// If `v` is not a node of the snapshot.
    pub fn portfolio_node(&self, v: Node) -> NodeIndex {
        self.parts.back[v as usize]
    }

    /// The contact of a snapshot node.
    ///
    /// # Panics
    ///
    /// If `v` is not a node of the snapshot.
    pub fn contact(&self, v: Node) -> &'a Contact {
        self.networks.contact_at(self.parts.back[v as usize])
    }

    /// The contact id of a snapshot node.
    ///
    /// # Panics
    ///
    /// If `v` is not a node of the snapshot.
    pub fn contact_id(&self, v: Node) -> ContactId {
        self.contact(v).id.clone()
    }
}
