//! Stage pictures: a stage report drawn over the network it looked at.

use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::io::Pseudonyms;
use crate::model::{AsOf, ContactId, NetworkKind, OwnerChoice, SalesNetworks};
use crate::stages::{BuyInReport, ClosingReport, ProspectingReport, SolutionReport, StageReport};

use super::{ColorBy, DrawOptions, Highlights, Labels, Mark, PathStyle, SizeBy, Svg, draw_view};

/// At most this many contacts are drawn in a stage picture. A bigger view
/// (the market network of a portfolio of a million contacts) is cut to the
/// owner, the contacts on the report's paths, the marked contacts in the
/// report's order, then the owner's closest contacts by hops (breadth first,
/// in portfolio order), and the subtitle says how many of how many are
/// drawn: the layout, the label placement and the betweenness sizes grow
/// faster than linearly, and a picture of more people is unreadable anyway.
pub const MAX_DRAWN: usize = 1_000;

/// At most this many referral paths are traced in a closing picture (the
/// best referees').
const REFERRAL_PATHS: usize = 3;
/// At most this many referees are marked in a closing picture (the best).
const MARKED_REFEREES: usize = 6;

/// Draws what a stage report found, over the network the stage looks at.
///
/// | report | view | marks and paths | size |
/// |---|---|---|---|
/// | prospecting | market network | brokers, redundant contacts (paler) | effective size |
/// | buy-in | the account's people (and the owner) | decision makers, influencers, middlemen, gaps; the strongest path to each decision maker | betweenness |
/// | solution | internal network, coloured by department | bottlenecks, colleagues tied only to the owner | betweenness |
/// | closing | customer network | the target, the best six referees and the referral path of the best three (owner, referee, ..., target; the best one as the strongest path); lapsed referees and the path the first would open, dashed | betweenness |
///
/// Contacts on a path or marked but outside the view (the target of a
/// closing report, people of other organizations on a path) are drawn too,
/// with a dashed outline.
///
/// # Arguments
///
/// - `as_of`: the portfolio as of the date the report was run on, so that
///   sizes are measured on the same active ties as the report.
/// - `report`: any stage report of it; the picture centres on the report's
///   owner ([`ProspectingReport::owner`] ...).
/// - `options`: labels, seed and canvas. The owner is the report's; the size
///   measure, the colours and the title are the stage's, as in the table
///   above, and override those of `options`.
///
/// # Returns
///
/// The SVG document (see [`draw_view`]), titled with the stage, the network
/// or the account or target, and the date. With [`Labels::Pseudonyms`] the
/// title names the account and the target by their pseudonyms too.
///
/// # Errors
///
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for a report
/// of another date than `as_of`'s or a buy-in report whose account is not an
/// organization of the portfolio;
/// [`Error::UnknownNode`](crate::Error::UnknownNode) for a contact of the
/// report that is not in `networks` (a report of another portfolio); the
/// errors of [`draw_view`] otherwise.
///
/// # Complexity
///
/// That of [`draw_view`] on the stage's view, cut to at most [`MAX_DRAWN`]
/// contacts (see there), plus O(V + E) on the portfolio to cut it.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use salesnet::draw::{DrawOptions, Labels, draw_stage};
/// use salesnet::stages::{self, StageOptions, StageRequest};
/// use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
///
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Forum", Relation::Other))
///     .contact(Contact::new("me", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("a", "Al", "Forum", Role::Other)?)
///     .contact(Contact::new("x", "Xu", "Forum", Role::Other)?)
///     .contact(Contact::new("y", "Yo", "Forum", Role::Other)?)
///     .tie(Tie::new("me", "a", RelationshipLevel::new(4)?)?.with_last_contact(date(2026, 10, 1)))
///     .tie(Tie::new("a", "x", RelationshipLevel::new(3)?)?.with_last_contact(date(2026, 10, 1)))
///     .tie(Tie::new("a", "y", RelationshipLevel::new(3)?)?.with_last_contact(date(2026, 10, 1)));
/// let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let report = stages::report(&as_of, &StageRequest::Prospecting, &StageOptions::new())?;
/// let svg = draw_stage(&as_of, &report, &DrawOptions::new().labels(Labels::Ids))?;
/// assert!(svg.as_str().contains("Stage 1 · Prospecting"));
/// assert!(svg.as_str().contains(">a<")); // the broker's label
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn draw_stage(as_of: &AsOf<'_>, report: &StageReport, options: &DrawOptions) -> Result<Svg> {
    let networks = as_of.networks();
    let (date, owner) = match report {
        StageReport::Prospecting(r) => (r.as_of, &r.owner),
        StageReport::BuyIn(r) => (r.as_of, &r.owner),
        StageReport::Solution(r) => (r.as_of, &r.owner),
        StageReport::Closing(r) => (r.as_of, &r.owner),
    };
    if date != as_of.date() {
        return Err(Error::InvalidArgument {
            name: "report",
            reason: format!("the report is as of {date}, the picture as of {}", as_of.date()),
        });
    }
    let owner_node = as_of.owner(&OwnerChoice::Id(owner.clone()))?;
    let names = Names::new(networks, options.labels);
    let mut options = options.clone().owner(owner.clone());
    options.size_values = None;
    options.color_by = ColorBy::Organization;
    options.size_by = SizeBy::Betweenness;
    let (view, highlights, title, subtitle) = match report {
        StageReport::Prospecting(r) => {
            options.size_by = SizeBy::EffectiveSize;
            let subtitle = format!(
                "market network: {}, {} redundant",
                count(r.brokers.len(), "broker", "brokers"),
                r.redundant_contacts.len()
            );
            (networks.owner_view(owner_node, NetworkKind::Market), prospecting(r), "Stage 1 · Prospecting", subtitle)
        }
        StageReport::BuyIn(r) => {
            let mut subtitle = format!("account {}", names.organization(&r.account));
            if let Some(m) = r.middlemen.first() {
                let _ = write!(subtitle, "\nmiddleman: {}", names.contact(networks, &m.id));
            }
            (networks.owner_organization_view(owner_node, &r.account)?, buy_in(r), "Stage 2 · Buy-in", subtitle)
        }
        StageReport::Solution(r) => {
            options.color_by = ColorBy::Department;
            let subtitle = format!("internal network: {}", count(r.bottlenecks.len(), "bottleneck", "bottlenecks"));
            (networks.owner_view(owner_node, NetworkKind::Internal), solution(r), "Stage 3 · Solution", subtitle)
        }
        StageReport::Closing(r) => {
            let mut subtitle = format!("who can vouch to {}?", names.contact(networks, &r.target));
            if let Some(best) = r.referees.first() {
                let _ =
                    write!(subtitle, "\nbest referee: {} (score {:.2})", names.contact(networks, &best.id), best.score);
            }
            (networks.owner_view(owner_node, NetworkKind::Customer), closing(r), "Stage 4 · Closing", subtitle)
        }
    };
    let (mut view, mut highlights, mut subtitle) = (view, highlights, subtitle);
    if let Some((drawn, total)) = cap_view(&mut view, owner_node, &mut highlights, MAX_DRAWN) {
        let _ = write!(subtitle, "\n{drawn} of {total} contacts drawn: the marked and the owner's closest");
    }
    options.title = Some(title.to_string());
    options.subtitle = Some(subtitle);
    draw_view(as_of, &view, &highlights, &options)
}

/// Cuts `view` to at most `max` contacts (see [`MAX_DRAWN`]), dropping the
/// highlights of contacts left out; returns the contacts drawn of the
/// view's and its size, or `None` when it was small enough.
///
/// O(V + E) on the portfolio.
fn cap_view(
    view: &mut crate::model::NetworkView<'_>,
    owner: petgraph::graph::NodeIndex,
    highlights: &mut Highlights,
    max: usize,
) -> Option<(usize, usize)> {
    let total = view.nodes().count();
    if total <= max {
        return None;
    }
    let networks = view.networks();
    let graph = networks.graph();
    let mut keep = vec![false; graph.node_count()];
    let mut count = 0;
    let take = |n: petgraph::graph::NodeIndex, keep: &mut [bool], count: &mut usize| {
        if *count < max && !keep[n.index()] {
            keep[n.index()] = true;
            *count += 1;
        }
    };
    take(owner, &mut keep, &mut count);
    let node = |id: &ContactId| networks.node(id.as_str());
    for (ids, _) in &highlights.paths {
        for n in ids.iter().filter_map(node) {
            take(n, &mut keep, &mut count);
        }
    }
    for n in highlights.nodes.iter().filter_map(|(id, _)| node(id)) {
        take(n, &mut keep, &mut count);
    }
    // The owner's closest contacts, breadth first, neighbours in portfolio order.
    let mut seen = vec![false; graph.node_count()];
    let mut queue = std::collections::VecDeque::from([owner]);
    seen[owner.index()] = true;
    let mut next = Vec::new();
    while let Some(v) = queue.pop_front() {
        if count >= max {
            break;
        }
        next.clear();
        next.extend(graph.neighbors(v).filter(|&w| view.contains_node(w) && !seen[w.index()]));
        next.sort_unstable();
        next.dedup();
        for &w in &next {
            seen[w.index()] = true;
            take(w, &mut keep, &mut count);
            queue.push_back(w);
        }
    }
    highlights.nodes.retain(|(id, _)| node(id).is_some_and(|n| keep[n.index()]));
    highlights.paths.retain(|(ids, _)| ids.iter().all(|id| node(id).is_some_and(|n| keep[n.index()])));
    view.restrict(&keep);
    Some((view.nodes().count(), total))
}

/// `n` and the noun, singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How the title names an organization or a contact: as the labels do.
enum Names {
    Plain(Labels),
    Pseudonyms(Box<Pseudonyms>),
}

impl Names {
    fn new(networks: &SalesNetworks, labels: Labels) -> Self {
        match labels {
            Labels::Pseudonyms => Names::Pseudonyms(Box::new(Pseudonyms::new(networks))),
            other => Names::Plain(other),
        }
    }

    fn organization(&self, name: &str) -> String {
        match self {
            Names::Plain(_) => name.to_string(),
            Names::Pseudonyms(p) => p.organization(name).unwrap_or("an organization").to_string(),
        }
    }

    fn contact(&self, networks: &SalesNetworks, id: &ContactId) -> String {
        match self {
            Names::Plain(Labels::Names) => {
                networks.contact(id.as_str()).map_or("a contact", |c| c.name.as_str()).to_string()
            }
            Names::Plain(_) => id.to_string(),
            Names::Pseudonyms(p) => p.contact(id.as_str()).unwrap_or("a contact").to_string(),
        }
    }
}

fn prospecting(r: &ProspectingReport) -> Highlights {
    let mut h = Highlights::new();
    for b in &r.brokers {
        h.mark(b.id.clone(), Mark::Broker);
    }
    for c in &r.redundant_contacts {
        h.mark(c.id.clone(), Mark::Redundant);
    }
    h
}

fn buy_in(r: &BuyInReport) -> Highlights {
    let mut h = Highlights::new();
    for p in &r.decision_makers {
        h.mark(p.id.clone(), Mark::DecisionMaker);
    }
    for m in &r.middlemen {
        h.mark(m.id.clone(), Mark::Middleman);
    }
    for id in &r.gaps {
        h.mark(id.clone(), Mark::Gap);
    }
    for p in &r.influencers {
        h.mark(p.id.clone(), Mark::Influencer);
    }
    for p in r.decision_makers.iter().filter(|p| p.path.nodes.len() >= 2) {
        h.path(p.path.nodes.clone(), PathStyle::Strongest);
    }
    h
}

fn solution(r: &SolutionReport) -> Highlights {
    let mut h = Highlights::new();
    for b in &r.bottlenecks {
        h.mark(b.id.clone(), Mark::Bottleneck);
    }
    for id in &r.isolated {
        h.mark(id.clone(), Mark::Isolated);
    }
    h
}

fn closing(r: &ClosingReport) -> Highlights {
    let mut h = Highlights::new();
    h.mark(r.target.clone(), Mark::Target);
    for referee in r.referees.iter().take(MARKED_REFEREES) {
        h.mark(referee.id.clone(), Mark::Referee);
    }
    for referee in &r.lapsed_referees {
        h.mark(referee.id.clone(), Mark::Lapsed);
    }
    if let Some(lapsed) = r.lapsed_referees.first().filter(|l| l.path.nodes.len() >= 2) {
        h.path(lapsed.path.nodes.clone(), PathStyle::Alternative);
    }
    // The owner asks the referee (through the introducer, if any), who vouches
    // to the target. Paths
    // are drawn in order: the best referee's comes last, on top, as the
    // strongest.
    let owner = r.owner.clone();
    let traced: Vec<_> = r.referees.iter().take(REFERRAL_PATHS).filter(|x| x.path.nodes.len() >= 2).collect();
    for (k, referee) in traced.iter().enumerate().rev() {
        let mut path = Vec::with_capacity(referee.path.nodes.len() + 1);
        path.push(owner.clone());
        path.extend(referee.via.iter().cloned());
        path.extend(referee.path.nodes.iter().cloned());
        h.path(path, if k == 0 { PathStyle::Strongest } else { PathStyle::Referral });
    }
    h
}
