//! Pictures: a network view drawn as a standalone SVG document.
//!
//! [`draw_view`] lays out a [`NetworkView`] with a force simulation, colours
//! contacts by organization or department, sizes them by a measure, marks
//! the owner with a star, draws each tie with a width for its strength and a
//! dash for its freshness, rings the contacts a stage report points at
//! ([`Highlights`]), places non-overlapping labels and adds a legend. The
//! document has inline styles only, no fonts, scripts or other outside
//! resources, and a `<title>`; every contact keeps a tooltip with its label,
//! organization and role.
//!
//! # Layout
//!
//! Positions come from [`fjadra`], a Rust port of d3-force (many-body charge
//! by Barnes-Hut quadtree, springs, collision, centring), maintained by the
//! team behind Rerun's graph view. It was chosen over the alternatives on
//! crates.io for these reasons:
//!
//! - it has **no dependencies** and is MIT OR Apache-2.0, like this crate;
//! - it is **deterministic**: it uses no global or time-seeded randomness (its
//!   only jitter comes from a fixed-seed LCG), forces run in a fixed order, and
//!   initial positions are ours to give, so we seed them ([`DrawOptions::seed`]);
//! - d3-force's quality for 50 to a few thousand nodes is well known, with
//!   collision forces that keep nodes apart.
//!
//! `forceatlas2` is AGPL-3.0 (incompatible with this crate's licence);
//! `fdg-sim` pulls in petgraph 0.6, glam and a global RNG and is no longer
//! released (its successor is unpublished); `force_graph` is a game-loop
//! spring model without cooling; `layout-rs` is a layered (Sugiyama) engine
//! for directed graphs, which spreads an ego network's star of ties over one
//! very wide rank.
//!
//! The owner is pinned at the centre. Contacts start on a disc, one sector per
//! colour group (so organizations tend to stay together), with a seeded jitter
//! from the crate's seeded generator ([`crate::random`]). Ties among the contacts are springs; the owner's ties are
//! weak springs that keep contacts around the owner without collapsing the
//! picture into a star. The simulation runs a fixed 120 ticks (alpha cools
//! from 1 to 0.001; with the grouped start, more ticks change little). The
//! same view, highlights, options and seed give the same document, byte for
//! byte (on one platform: the layout uses the platform's `sin`, `cos` and
//! `hypot`).
//!
//! # Labels
//!
//! Labels are placed greedily, most important first (the owner, marked
//! contacts, contacts on highlighted paths, then by node size): each tries
//! eight positions around its node, then eight a little further out, and
//! takes the first that stays in the drawing area, overlaps no label placed
//! before and covers no node. A label with no free position is left out (the
//! legend says how many are shown; every node keeps its tooltip). Text widths
//! are estimated for DejaVu Sans, erring wide. Each label sits on a
//! translucent white box, so it stays readable over ties.
//!
//! # Redaction
//!
//! [`Labels::Pseudonyms`] replaces every contact's name and id, in labels and
//! tooltips alike, with `C0001`, `C0002`, ... numbered by the contact's
//! position in the portfolio (input order), and every organization's name,
//! in tooltips and the legend, with `Org01`, `Org02`, ... by organization
//! input order (numbers grow wider for more than 9999 contacts or 99
//! organizations). This is the scheme of the crate's redacted exports, so a
//! person is called the same in all four networks' pictures and in a
//! redacted file of the same portfolio. Departments, roles and dates are
//! kept. Contact ids appear only as the labels of [`Labels::Ids`], and names
//! only as those of [`Labels::Names`]; the document's attributes hold
//! neither.
//!
//! # Examples
//!
//! ```
//! use jiff::civil::date;
//! use salesnet::draw::{DrawOptions, Highlights, Labels, Mark, draw_view};
//! use salesnet::{Contact, ContactId, DecayPolicy, NetworkKind, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
//!
//! let mut b = SalesNetworks::builder();
//! b.organization(Organization::new("Acme", Relation::Own))
//!     .organization(Organization::new("Globex", Relation::Customer))
//!     .contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner)?)
//!     .contact(Contact::new("cfo", "Carl Buyer", "Globex", Role::DecisionMaker)?)
//!     .contact(Contact::new("cto", "Cleo Tech", "Globex", Role::Influencer)?)
//!     .tie(Tie::new("me", "cfo", RelationshipLevel::new(4)?)?.with_last_contact(date(2025, 5, 2)))
//!     .tie(Tie::new("cfo", "cto", RelationshipLevel::new(3)?)?);
//! let networks = b.build()?;
//!
//! let mut highlights = Highlights::new();
//! highlights.mark(ContactId::new("cfo")?, Mark::Referee);
//! let as_of = networks.at(date(2025, 6, 30), &DecayPolicy::default());
//! let options = DrawOptions::new().labels(Labels::Pseudonyms).seed(7);
//! let svg = draw_view(&as_of, &as_of.view(NetworkKind::Customer), &highlights, &options)?;
//! assert!(svg.as_str().starts_with("<?xml"));
//! assert!(svg.as_str().contains("C0002"));
//! assert!(!svg.as_str().contains("Carl Buyer") && !svg.as_str().contains("Globex"));
//! # Ok::<(), salesnet::Error>(())
//! ```

mod funnel;
mod labels;
mod layout;
mod measure;
mod stage;
mod svg;
mod team;

pub use funnel::funnel_chart;
pub use stage::{MAX_DRAWN, draw_stage};
pub use team::draw_team;

use std::fmt;
use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::error::{Error, Result};
use crate::model::{AsOf, ContactId, NetworkView, OwnerChoice};

/// What the node colours stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ColorBy {
    /// The contact's organization.
    #[default]
    Organization,
    /// The contact's department (contacts without one share a grey).
    Department,
}

/// What the node sizes stand for, when the caller passes no values of its
/// own ([`DrawOptions::size_values`]).
///
/// The measures are computed on the view's ties of strength above zero as of
/// the drawing's date, unweighted; the owner is drawn at a fixed size and left
/// out of the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SizeBy {
    /// Every contact the same size.
    #[default]
    Uniform,
    /// Number of ties in the view.
    Degree,
    /// Burt's effective size, unweighted (Borgatti's form `n - 2t/n`): the
    /// number of non-redundant contacts ([`measures::structural_holes`](crate::measures::structural_holes)).
    EffectiveSize,
    /// Betweenness centrality (Brandes), normalized as NetworkX does
    /// ([`measures::betweenness`](crate::measures::betweenness)).
    Betweenness,
}

impl SizeBy {
    /// The name the legend shows.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeBy::Uniform => "uniform",
            SizeBy::Degree => "degree",
            SizeBy::EffectiveSize => "effective size",
            SizeBy::Betweenness => "betweenness",
        }
    }

    /// What the size means, in a salesperson's words (the legend).
    pub fn meaning(self) -> &'static str {
        match self {
            SizeBy::Uniform => "the same for everyone",
            SizeBy::Degree => "how many people they know here",
            SizeBy::EffectiveSize => "how many circles they reach",
            SizeBy::Betweenness => "how many routes run through them",
        }
    }
}

/// What the labels and tooltips show for each contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Labels {
    /// The contact's name (personal data: for the owner's own eyes).
    #[default]
    Names,
    /// The contact's id.
    Ids,
    /// `C0001`, `C0002`, ... by the contact's position in the portfolio, and
    /// `Org01`, `Org02`, ... for organizations: no name or id of a contact,
    /// nor an organization's name, appears in the document.
    Pseudonyms,
}

/// What a stage report found about a contact; drawn as a ring (or two)
/// around the node, explained in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// Bridges otherwise unconnected contacts (prospecting).
    Broker,
    /// Knows the same people as other contacts do (prospecting); also drawn
    /// in a paler shade of its colour.
    Redundant,
    /// Decides on the purchase (buy-in).
    DecisionMaker,
    /// Shapes the decision (buy-in).
    Influencer,
    /// Can carry the owner to the decision makers (buy-in).
    Middleman,
    /// Many paths depend on them (solution).
    Bottleneck,
    /// Can vouch for the owner (closing).
    Referee,
    /// The person a path should reach (closing).
    Target,
    /// A missing or lapsed relationship that matters.
    Gap,
    /// Tied to no one but the owner.
    Isolated,
    /// Would matter, but the owner's tie has lapsed: reconnect first
    /// (closing: a lapsed referee).
    Lapsed,
}

impl Mark {
    /// Every mark, in legend order.
    pub const ALL: [Mark; 11] = [
        Mark::Broker,
        Mark::Redundant,
        Mark::DecisionMaker,
        Mark::Influencer,
        Mark::Middleman,
        Mark::Bottleneck,
        Mark::Referee,
        Mark::Target,
        Mark::Gap,
        Mark::Isolated,
        Mark::Lapsed,
    ];

    /// The legend's explanation.
    pub fn description(self) -> &'static str {
        match self {
            Mark::Broker => "broker: bridges separate groups",
            Mark::Redundant => "redundant: knows the same people",
            Mark::DecisionMaker => "decision maker",
            Mark::Influencer => "influencer",
            Mark::Middleman => "middleman: route to decision makers",
            Mark::Bottleneck => "bottleneck: many paths need them",
            Mark::Referee => "referee: can vouch for us",
            Mark::Target => "target",
            Mark::Gap => "gap: missing or lapsed tie",
            Mark::Isolated => "isolated: tied only to the owner",
            Mark::Lapsed => "lapsed: reconnect before asking",
        }
    }
}

/// How a highlighted path is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathStyle {
    /// The strongest path (thick, solid).
    Strongest,
    /// An alternative path (thinner, dashed).
    Alternative,
    /// A referral path from a referee to the target (thick, gold).
    Referral,
}

impl PathStyle {
    /// Every style, in legend order.
    pub const ALL: [PathStyle; 3] = [PathStyle::Strongest, PathStyle::Alternative, PathStyle::Referral];

    /// The legend's explanation.
    pub fn description(self) -> &'static str {
        match self {
            PathStyle::Strongest => "strongest path",
            PathStyle::Alternative => "alternative path",
            PathStyle::Referral => "referral path",
        }
    }
}

/// What to point out in a picture: marked contacts and paths.
///
/// A contact may carry several marks (drawn as rings, one outside the
/// other). A path is a sequence of contacts, each tied to the next. Contacts
/// of either that are not in the drawn view are drawn too, with a dashed
/// outline, together with the path's ties: a referral path may leave the
/// network (a customer vouching to a prospect's decision maker).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlights {
    /// Marked contacts, in order of importance (their labels are placed first).
    pub nodes: Vec<(ContactId, Mark)>,
    /// Paths, each a sequence of at least two contacts.
    pub paths: Vec<(Vec<ContactId>, PathStyle)>,
    /// Salespeople of a team, each drawn as a star in a colour of their own
    /// (by position in this list), with their ties in that colour (the team
    /// picture, [`draw_team`]).
    pub salespeople: Vec<ContactId>,
}

impl Highlights {
    /// No highlights.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a contact.
    pub fn mark(&mut self, id: ContactId, mark: Mark) -> &mut Self {
        self.nodes.push((id, mark));
        self
    }

    /// Adds a path.
    pub fn path(&mut self, contacts: Vec<ContactId>, style: PathStyle) -> &mut Self {
        self.paths.push((contacts, style));
        self
    }

    /// Adds a salesperson drawn in a colour of their own, with their ties.
    pub fn salesperson(&mut self, id: ContactId) -> &mut Self {
        self.salespeople.push(id);
        self
    }
}

/// How to draw: the owner at the centre, colours, sizes, labels, seed and
/// canvas size. The date and decay policy that give ties their strength and
/// freshness are the [`AsOf`]'s.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawOptions {
    owner: OwnerChoice,
    color_by: ColorBy,
    size_by: SizeBy,
    size_values: Option<(String, Vec<Option<f64>>)>,
    labels: Labels,
    seed: u64,
    width: u32,
    height: u32,
    title: Option<String>,
    subtitle: Option<String>,
}

impl Default for DrawOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl DrawOptions {
    /// Smallest canvas width accepted, in pixels.
    pub const MIN_WIDTH: u32 = 480;
    /// Smallest canvas height accepted, in pixels.
    pub const MIN_HEIGHT: u32 = 360;
    /// Largest canvas side accepted, in pixels.
    pub const MAX_SIDE: u32 = 20_000;

    /// Options for a picture of the only owner's view: colours by
    /// organization, uniform sizes, names as labels, seed 0, 1400 x 1000 px.
    pub fn new() -> Self {
        Self {
            owner: OwnerChoice::Only,
            color_by: ColorBy::default(),
            size_by: SizeBy::default(),
            size_values: None,
            labels: Labels::default(),
            seed: 0,
            width: 1400,
            height: 1000,
            title: None,
            subtitle: None,
        }
    }

    /// Sets the owner drawn as the star at the centre (default: the only
    /// owner; a portfolio of several owners needs one).
    #[must_use]
    pub fn owner(mut self, owner: impl Into<OwnerChoice>) -> Self {
        self.owner = owner.into();
        self
    }

    /// Sets what the colours stand for.
    #[must_use]
    pub fn color_by(mut self, color_by: ColorBy) -> Self {
        self.color_by = color_by;
        self
    }

    /// Sets the measure the node sizes show (ignored once
    /// [`size_values`](Self::size_values) are set).
    #[must_use]
    pub fn size_by(mut self, size_by: SizeBy) -> Self {
        self.size_by = size_by;
        self
    }

    /// Sizes nodes by the caller's values of a measure named `measure` (for
    /// the legend), one per contact of the view in the view's order (that of
    /// [`NetworkView::nodes`] and of [`AsOf::snapshot`](crate::AsOf::snapshot)),
    /// `None` where the measure is undefined (drawn at the smallest size).
    /// Values must be finite and non-negative; [`draw_view`] checks them.
    #[must_use]
    pub fn size_values(mut self, measure: impl Into<String>, values: Vec<Option<f64>>) -> Self {
        self.size_values = Some((measure.into(), values));
        self
    }

    /// Sets what labels show.
    #[must_use]
    pub fn labels(mut self, labels: Labels) -> Self {
        self.labels = labels;
        self
    }

    /// Sets the layout's seed (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the picture's title, shown at the top of the legend and in the
    /// document's `<title>` (default: the view's network, e.g. "Market
    /// network").
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets text shown under the title, one legend line per line of text
    /// (default: none).
    #[must_use]
    pub fn subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.subtitle = Some(subtitle.into());
        self
    }

    /// Sets the canvas size in pixels (default 1400 x 1000); the legend takes
    /// a 300 px column on the right.
    #[must_use]
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = width;
        self.height = height;
        self
    }

    fn check(&self, view: &NetworkView<'_>) -> Result<()> {
        let side = |name: &'static str, v: u32, min: u32| {
            if (min..=Self::MAX_SIDE).contains(&v) {
                Ok(())
            } else {
                Err(Error::InvalidArgument {
                    name,
                    reason: format!("{v} px is outside {min} to {} px", Self::MAX_SIDE),
                })
            }
        };
        side("width", self.width, Self::MIN_WIDTH)?;
        side("height", self.height, Self::MIN_HEIGHT)?;
        if let Some((_, values)) = &self.size_values {
            if values.len() != view.len() {
                return Err(Error::InvalidArgument {
                    name: "size_values",
                    reason: format!("{} values for a view of {} contacts", values.len(), view.len()),
                });
            }
            if let Some((i, v)) =
                values.iter().enumerate().find_map(|(i, v)| v.filter(|v| !(v.is_finite() && *v >= 0.0)).map(|v| (i, v)))
            {
                return Err(Error::InvalidArgument {
                    name: "size_values",
                    reason: format!("value {v} at position {i} is not a finite non-negative number"),
                });
            }
        }
        Ok(())
    }
}

/// A standalone SVG document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg(String);

impl Svg {
    /// The document as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The document as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Writes the document to `path`, atomically (see [`write_file`](crate::io::write_file)).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if the file cannot be written.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        crate::io::write_file(path, &self.0)
    }
}

impl fmt::Display for Svg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Draws a network view as a standalone SVG document.
///
/// # Arguments
///
/// - `view`: the contacts and ties to draw (one of the four networks, one
///   organization, or the whole portfolio).
/// - `highlights`: contacts to mark and paths to trace; their contacts and
///   ties outside the view are drawn too (dashed outline).
/// - `as_of`: the portfolio as of the date (tie strength and freshness).
/// - `options`: the owner, colours, sizes, labels, seed, canvas.
///
/// # Returns
///
/// The document: one `<circle>` per contact in the group `class="nodes"`, one
/// `<line>` per tie in the group `class="ties"`, labels on boxes in
/// `class="labels"`, and the legend.
///
/// # Errors
///
/// - [`Error::OwnerRequired`] or [`Error::NotAnOwner`] for no or a wrong owner;
/// - [`Error::UnknownNode`] for a highlighted contact that is not in the portfolio;
/// - [`Error::InvalidArgument`] for a path of fewer than two contacts or with
///   two consecutive contacts that have no tie, a canvas side outside
///   [`DrawOptions::MIN_WIDTH`] / [`DrawOptions::MIN_HEIGHT`] to
///   [`DrawOptions::MAX_SIDE`], or size values of the wrong count or not
///   finite and non-negative.
///
/// # Complexity
///
/// O(T (V log V + E)) for the layout's T = 120 ticks, O(V E) for
/// [`SizeBy::Betweenness`], and O(V²) for label placement, on V drawn
/// contacts and E drawn ties. A whole 300-contact portfolio draws in about
/// a tenth of a second, each of its four networks in less.
///
/// # Examples
///
/// See the [module documentation](self).
///
/// # Panics
///
/// If `view` is not a view of `as_of`'s portfolio.
pub fn draw_view<'a>(
    as_of: &'a AsOf<'a>,
    view: &'a NetworkView<'a>,
    highlights: &Highlights,
    options: &DrawOptions,
) -> Result<Svg> {
    assert!(std::ptr::eq(view.networks(), as_of.networks()), "a drawn view must be a view of the AsOf's portfolio");
    options.check(view)?;
    let scene = Scene::new(as_of, view, highlights, options)?;
    Ok(Svg(svg::render(&scene, options)))
}

/// Everything the renderer needs, in drawing order.
struct Scene<'a> {
    as_of: &'a AsOf<'a>,
    view: &'a NetworkView<'a>,
    /// Drawn nodes in portfolio order: the view's plus highlighted guests.
    nodes: Vec<NodeIndex>,
    /// Whether a drawn node is outside the view.
    guest: Vec<bool>,
    /// Index of the owner among `nodes`.
    owner: Option<usize>,
    /// Drawn ties in portfolio order, with their ends as indices into `nodes`.
    ties: Vec<(EdgeIndex, usize, usize)>,
    /// Colour group of each drawn node.
    group: Vec<usize>,
    /// Groups: name and number of (non-owner) members, in legend order.
    groups: Vec<(String, usize)>,
    /// Size measure of each drawn node and the measure's name; `None` for uniform sizes.
    sizes: Option<(String, Vec<Option<f64>>)>,
    /// Marks by drawn node, deduplicated, in the order given.
    marks: Vec<Vec<Mark>>,
    /// Label priority: marked first, in highlight order.
    mark_order: Vec<usize>,
    /// Paths as indices into `nodes`.
    paths: Vec<(Vec<usize>, PathStyle)>,
    /// The position of each drawn node in [`Highlights::salespeople`], if it is one.
    seller: Vec<Option<usize>>,
}

impl<'a> Scene<'a> {
    fn new(
        as_of: &'a AsOf<'a>,
        view: &'a NetworkView<'a>,
        highlights: &Highlights,
        options: &DrawOptions,
    ) -> Result<Self> {
        let networks = view.networks();
        let owner_node = as_of.owner(&options.owner)?;
        let graph = networks.graph();
        let lookup =
            |id: &ContactId| networks.node(id.as_str()).ok_or_else(|| Error::UnknownNode { id: id.to_string() });

        let mut sellers = Vec::with_capacity(highlights.salespeople.len());
        for id in &highlights.salespeople {
            sellers.push(lookup(id)?);
        }
        let mut marked = Vec::with_capacity(highlights.nodes.len());
        for (id, mark) in &highlights.nodes {
            marked.push((lookup(id)?, *mark));
        }
        let mut paths = Vec::with_capacity(highlights.paths.len());
        let mut path_edges = Vec::new();
        for (ids, style) in &highlights.paths {
            if ids.len() < 2 {
                return Err(Error::InvalidArgument {
                    name: "highlights",
                    reason: format!("a path needs at least two contacts, got {}", ids.len()),
                });
            }
            let nodes = ids.iter().map(lookup).collect::<Result<Vec<_>>>()?;
            for (w, pair) in nodes.windows(2).zip(ids.windows(2)) {
                let Some(e) = networks.edge(w[0], w[1]) else {
                    return Err(Error::InvalidArgument {
                        name: "highlights",
                        reason: format!("no tie between `{}` and `{}` on a path", pair[0], pair[1]),
                    });
                };
                path_edges.push(e);
            }
            paths.push((nodes, *style));
        }

        // Drawn nodes: the view's, plus guests from the highlights, in portfolio order.
        let mut drawn = vec![false; graph.node_count()];
        for n in view.nodes() {
            drawn[n.index()] = true;
        }
        for &(n, _) in &marked {
            drawn[n.index()] = true;
        }
        for &n in &sellers {
            drawn[n.index()] = true;
        }
        for n in paths.iter().flat_map(|(p, _)| p) {
            drawn[n.index()] = true;
        }
        let nodes: Vec<NodeIndex> = graph.node_indices().filter(|n| drawn[n.index()]).collect();
        let mut local = vec![usize::MAX; graph.node_count()];
        for (i, n) in nodes.iter().enumerate() {
            local[n.index()] = i;
        }
        let guest: Vec<bool> = nodes.iter().map(|&n| !view.contains_node(n)).collect();
        let owner = drawn[owner_node.index()].then(|| local[owner_node.index()]);

        let mut edges: Vec<EdgeIndex> = view.edges().chain(path_edges).collect();
        edges.sort_unstable();
        edges.dedup();
        let ties: Vec<(EdgeIndex, usize, usize)> = edges
            .into_iter()
            .filter_map(|e| graph.edge_endpoints(e).map(|(a, b)| (e, local[a.index()], local[b.index()])))
            .collect();

        let (group, groups) = color_groups(view, &nodes, owner, options.color_by);

        let sizes = match &options.size_values {
            Some((name, values)) => {
                let mut per_node = vec![None; nodes.len()];
                for (n, v) in view.nodes().zip(values) {
                    per_node[local[n.index()]] = *v;
                }
                Some((name.clone(), per_node))
            }
            None if options.size_by == SizeBy::Uniform => None,
            None => {
                let values = measure::view_measure(as_of, view, options.size_by)?;
                let mut per_node = vec![None; nodes.len()];
                for (n, v) in view.nodes().zip(values) {
                    per_node[local[n.index()]] = v;
                }
                Some((options.size_by.meaning().to_string(), per_node))
            }
        };

        let mut marks = vec![Vec::new(); nodes.len()];
        let mut mark_order = Vec::new();
        for (n, mark) in marked {
            let i = local[n.index()];
            if marks[i].is_empty() {
                mark_order.push(i);
            }
            if !marks[i].contains(&mark) {
                marks[i].push(mark);
            }
        }
        let paths =
            paths.into_iter().map(|(p, style)| (p.into_iter().map(|n| local[n.index()]).collect(), style)).collect();
        let mut seller = vec![None; nodes.len()];
        for (k, n) in sellers.iter().enumerate() {
            let i = local[n.index()];
            if seller[i].is_none() {
                seller[i] = Some(k);
            }
        }

        Ok(Scene { as_of, view, nodes, guest, owner, ties, group, groups, sizes, marks, mark_order, paths, seller })
    }
}

/// Colour groups of the drawn nodes and the groups' names and sizes, largest
/// first (ties broken by first appearance). The owner belongs to its group
/// but is not counted.
fn color_groups(
    view: &NetworkView<'_>,
    nodes: &[NodeIndex],
    owner: Option<usize>,
    color_by: ColorBy,
) -> (Vec<usize>, Vec<(String, usize)>) {
    let networks = view.networks();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut raw = Vec::with_capacity(nodes.len());
    let mut index: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (i, &n) in nodes.iter().enumerate() {
        let contact = networks.contact_at(n);
        let name = match color_by {
            ColorBy::Organization => contact.organization.clone(),
            ColorBy::Department => contact.department.clone().unwrap_or_else(|| svg::NO_DEPARTMENT.to_string()),
        };
        let g = *index.entry(name.clone()).or_insert_with(|| {
            names.push(name);
            counts.push(0);
            names.len() - 1
        });
        if Some(i) != owner {
            counts[g] += 1;
        }
        raw.push(g);
    }
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(counts[g]), g));
    let mut rank = vec![0; names.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g] = r;
    }
    let groups = order.iter().map(|&g| (names[g].clone(), counts[g])).collect();
    (raw.into_iter().map(|g| rank[g]).collect(), groups)
}
