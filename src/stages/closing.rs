//! Stage 4, closing: customers who can vouch to the target.
//!
//! [`closing`] finds the facts (who knows the target, how the owner can ask
//! them) and then words the advice from them alone.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use petgraph::graph::NodeIndex;

use crate::error::{Error, Result};
use crate::graph::{Node, ViewSnapshot};
use crate::model::{AsOf, ContactId, Freshness, NetworkKind, Relation, RelationshipLevel, SalesNetworks, Stage};
use crate::stages::buy_in::OwnerTies;
use crate::stages::common::{
    MaintainItem, MaintainList, PathSummary, Recommendation, RecommendationCode, StageOptions, Thresholds, render_tail,
    who,
};
use crate::stages::support::{self, StageGraph};

/// The closing report: which customers can vouch for the owner to one
/// target person, and how strongly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClosingReport {
    /// Always [`Stage::Closing`].
    pub stage: Stage,
    /// Always [`NetworkKind::Customer`].
    pub network: NetworkKind,
    /// The person to be vouched to.
    pub target: ContactId,
    /// The target's name.
    pub target_name: String,
    /// The target's organization.
    pub target_organization: String,
    /// The owner (salesperson) the report speaks for. Not in the JSON,
    /// whose keys are those of single-owner reports; the caller knows whom
    /// it asked for.
    #[serde(skip)]
    pub owner: ContactId,
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// Customer contacts with an active direct tie to the target whom the
    /// owner can ask (directly, or through one introduction), best first by
    /// [`Referee::score`].
    pub referees: Vec<Referee>,
    /// Customer contacts with an active direct tie to the target whose own
    /// tie with the owner (level 1 or more) has lapsed: reconnect before
    /// asking. Never a name-only (level 0) contact; never ranked among the
    /// referees. Strongest tie to the target first.
    pub lapsed_referees: Vec<Referee>,
    /// People of our own firm (other salespeople or any colleague) with an
    /// active direct tie to the target whom the owner can ask (directly, or
    /// through one introduction), best first by [`Colleague::score`]: a
    /// colleague opens the door a referee then vouches through. Never
    /// someone who does not share their ties.
    pub colleagues: Vec<Colleague>,
    /// Fading or lapsed ties to referees.
    pub maintain: Vec<MaintainItem>,
    /// What to do, worded from the facts above.
    pub recommendations: Vec<Recommendation>,
}

/// A customer contact who can vouch to the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referee {
    /// The customer contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization (a customer).
    pub organization: String,
    /// The organization's value, if known.
    pub value: Option<f64>,
    /// Whether the organization is among the top customers by value
    /// ([`Thresholds::top_customer_share`](crate::stages::Thresholds::top_customer_share)).
    pub top_customer: bool,
    /// The owner's own tie level with them (level 0 when there is no tie).
    pub owner_level: RelationshipLevel,
    /// The owner's own tie strength with them as of the report's date (0
    /// when there is none, or it lapsed).
    pub owner_strength: f64,
    /// The owner's last contact with them.
    pub last_contact: Option<Date>,
    /// Freshness of the owner's own tie (`lapsed` when there is none).
    pub freshness: Freshness,
    /// The contact who introduces the owner to them, when the owner has no
    /// active tie of their own with them.
    pub via: Option<ContactId>,
    /// That contact's name.
    pub via_name: Option<String>,
    /// How strongly the owner can ask them: the owner's own tie, or the
    /// product of the two ties through the introducer.
    pub access: f64,
    /// Their tie to the target: nodes from the referee to the target.
    pub path: PathSummary,
    /// `access x tie to the target x value factor` (1 for top customers,
    /// [`Thresholds::other_customer_factor`](crate::stages::Thresholds::other_customer_factor) for others).
    pub score: f64,
}

/// A colleague who knows the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Colleague {
    /// The colleague.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Whether they are a salesperson of the team.
    pub salesperson: bool,
    /// The contact who introduces the owner to them, when the owner has no
    /// active tie of their own with them.
    pub via: Option<ContactId>,
    /// That contact's name.
    pub via_name: Option<String>,
    /// How strongly the owner can ask them (as [`Referee::access`]).
    pub access: f64,
    /// Their tie to the target: nodes from the colleague to the target.
    pub path: PathSummary,
    /// `access x tie to the target`.
    pub score: f64,
}

/// Runs the closing report for the target person `target` (a contact id).
///
/// The facts, by the rules of DOMAIN.md ("a referee vouches in person"):
///
/// - A **referee** is a contact of a customer organization (another one
///   than the target's: an insider is a middleman) with an active direct tie
///   to the target, whom the owner can ask: the owner's own
///   active tie with them, or, when the owner has none, one introduction
///   (the strongest owner - introducer - referee pair of active ties, never
///   through the target). The referee's path is that direct tie.
/// - A **colleague** is a person of our own firm (not the owner, never one
///   who does not share) with an active direct tie to the target, whom the
///   owner can ask in the same way.
/// - A **lapsed referee** is one whose own tie with the owner (level 1 or
///   more) has lapsed: the owner reconnects rather than asks for an
///   introduction to an old relationship. A name-only (level 0) contact was
///   never a relationship.
///
/// # Errors
///
/// [`Error::UnknownNode`] if no contact has the target id;
/// [`Error::InvalidArgument`] if the target is the owner or another person
/// of our own firm; the owner errors of [`AsOf::owner`].
pub fn closing(as_of: &AsOf<'_>, target: &str, options: &StageOptions) -> Result<ClosingReport> {
    let mut report = find(as_of, target, options)?;
    report.recommendations = advise(&report);
    Ok(report)
}

/// The facts of the closing report (its recommendations empty).
fn find(as_of: &AsOf<'_>, target: &str, options: &StageOptions) -> Result<ClosingReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner = as_of.owner(options.owner_choice())?;
    let Some(target_node) = networks.node(target) else {
        return Err(Error::UnknownNode { id: target.to_string() });
    };
    if target_node == owner {
        return Err(Error::InvalidArgument { name: "target", reason: "the target is the salesperson".into() });
    }
    if networks.organization_at(target_node).relation == Relation::Own {
        return Err(Error::InvalidArgument {
            name: "target",
            reason: format!("`{target}` works for our own firm: a referee vouches to someone outside it"),
        });
    }
    let whole = StageGraph::active(as_of, &networks.whole(), owner)?;
    let ties = OwnerTies::of(as_of, owner);
    let top = TopCustomers::new(networks, t);
    let (referees, lapsed) = referee_facts(as_of, &whole.view, &ties, target_node, &top, t);
    let colleagues = colleague_facts(as_of, &whole.view, &ties, target_node);

    let mut maintain = MaintainList::default();
    for r in referees.iter().chain(lapsed.iter()) {
        maintain.add_id(networks, &r.id, "referee");
    }
    let maintain = maintain.finish(as_of, owner);
    let target_contact = networks.contact_at(target_node);
    Ok(ClosingReport {
        stage: Stage::Closing,
        network: NetworkKind::Customer,
        target: target_contact.id.clone(),
        target_name: target_contact.name.clone(),
        target_organization: target_contact.organization.clone(),
        owner: networks.contact_at(owner).id.clone(),
        as_of: as_of.date(),
        referees,
        lapsed_referees: lapsed,
        colleagues,
        maintain,
        recommendations: Vec::new(),
    })
}

/// The top customers by value ([`Thresholds::top_customer_share`]), worked
/// out once for every referee of a portfolio.
pub(crate) struct TopCustomers {
    top_count: usize,
    cutoff: Option<f64>,
}

impl TopCustomers {
    /// The customers' values, highest first, and the share asked for.
    pub(crate) fn new(networks: &SalesNetworks, t: &Thresholds) -> Self {
        let mut values: Vec<f64> = networks
            .organizations()
            .iter()
            .filter(|o| o.relation == Relation::Customer)
            .filter_map(|o| o.value)
            .collect();
        values.sort_by(|a, b| b.total_cmp(a));
        let top_count = ((values.len() as f64) * t.top_customer_share).ceil() as usize;
        let cutoff = values.get(top_count.saturating_sub(1)).copied();
        Self { top_count, cutoff }
    }

    /// Whether an organization of this value is a top customer.
    pub(crate) fn is_top(&self, value: Option<f64>) -> bool {
        matches!((value, self.cutoff), (Some(v), Some(c)) if self.top_count > 0 && v >= c)
    }
}

/// The referees and lapsed referees of `target` for the owner of `ties`
/// (DOMAIN.md, "a referee vouches in person"), ranked; `view` is the
/// active-tie snapshot of the whole portfolio. Every report that names a
/// referee (closing, the funnel's deals) reads them from here.
///
/// The owner asks a referee directly over an active tie of their own, or,
/// without one, through the strongest introducer: an active tie from the
/// owner to the introducer and from the introducer to the referee, never
/// the target (the greatest product of the two strengths; the first
/// introducer in snapshot order among equals).
pub(crate) fn referee_facts(
    as_of: &AsOf<'_>,
    view: &ViewSnapshot<'_>,
    ties: &OwnerTies<'_>,
    target_node: NodeIndex,
    top: &TopCustomers,
    t: &Thresholds,
) -> (Vec<Referee>, Vec<Referee>) {
    let networks = as_of.networks();
    let owner = ties.owner();
    let target = networks.contact_at(target_node);
    let mut referees = Vec::new();
    let mut lapsed = Vec::new();
    // By node: the target is `target_node`, each contact tied to it the node
    // its id names (ids are unique).
    for (n, to_target) in as_of.ties_at(Some(target_node)) {
        let contact = networks.contact_at(n);
        let org = networks.organization_at(n);
        // A colleague of the target is an insider (a middleman), not a referee.
        let insider = org.name == target.organization;
        if n == owner || insider || org.relation != Relation::Customer || to_target.strength.get() <= 0.0 {
            continue;
        }
        let (Some(r), Some(tv)) = (view.node(n), view.node(target_node)) else { continue };
        let path = support::path_summary(view, &[r, tv]);
        let own = ties.get(n);
        let owner_level = own.map_or(RelationshipLevel::NO_CONTACT, |d| d.tie.level);
        let owner_strength = own.map_or(0.0, |d| d.strength.get());
        let is_top = top.is_top(org.value);
        let factor = if is_top { 1.0 } else { t.other_customer_factor };
        let mut referee = Referee {
            id: contact.id.clone(),
            name: contact.name.clone(),
            organization: org.name.clone(),
            value: org.value,
            top_customer: is_top,
            owner_level,
            owner_strength,
            last_contact: own.and_then(|d| d.tie.last_contact),
            freshness: own.map_or(Freshness::Lapsed, |d| d.freshness),
            via: None,
            via_name: None,
            access: 0.0,
            score: 0.0,
            path,
        };
        let lapsed_own = own.is_some_and(|d| d.tie.level > RelationshipLevel::NO_CONTACT && d.strength.get() <= 0.0);
        if lapsed_own {
            lapsed.push((to_target.strength.get(), referee));
            continue;
        }
        if owner_strength > 0.0 {
            referee.access = owner_strength;
        } else {
            // No tie of the owner's own: one introduction at most.
            let Some((access, x)) = introducer(view, ties, r, tv) else { continue };
            let intro = networks.contact_at(view.portfolio_node(x));
            referee.via = Some(intro.id.clone());
            referee.via_name = Some(intro.name.clone());
            referee.access = access;
        }
        referee.score = referee.access * referee.path.strength * factor;
        referees.push(referee);
    }
    referees.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    lapsed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    (referees, lapsed.into_iter().map(|(_, r)| r).collect())
}

/// The strongest introducer of the owner of `ties` to `r` (snapshot
/// nodes of `view`): an active tie from the owner to them and from them to
/// `r`, never `avoid` (the target), the owner, or someone who does not
/// share their ties; the greatest product of the two strengths, the first
/// in snapshot order among equals.
fn introducer(view: &ViewSnapshot<'_>, ties: &OwnerTies<'_>, r: Node, avoid: Node) -> Option<(f64, Node)> {
    let networks = view.networks();
    let owner_v = view.node(ties.owner());
    let mut best: Option<(f64, Node)> = None;
    for (x, w) in view.snapshot().weighted_neighbors(r) {
        if x == avoid || Some(x) == owner_v || !networks.contact_at(view.portfolio_node(x)).share.is_yes() {
            continue;
        }
        let access = ties.strength(view.portfolio_node(x)) * w;
        if access > 0.0 && best.is_none_or(|(b, bx)| access > b || (access == b && x < bx)) {
            best = Some((access, x));
        }
    }
    best
}

/// The colleagues of the owner of `ties` who know `target_node` (see
/// [`ClosingReport::colleagues`]), best first.
fn colleague_facts(
    as_of: &AsOf<'_>,
    view: &ViewSnapshot<'_>,
    ties: &OwnerTies<'_>,
    target_node: NodeIndex,
) -> Vec<Colleague> {
    let networks = as_of.networks();
    let owner = ties.owner();
    let mut out: Vec<Colleague> = Vec::new();
    let Some(tv) = view.node(target_node) else { return out };
    for (contact, to_target) in as_of.ties_of(networks.contact_at(target_node).id.as_str()) {
        let Some(n) = networks.node(contact.id.as_str()) else { continue };
        let own_firm = networks.organization_at(n).relation == Relation::Own;
        if !own_firm || n == owner || !contact.share.is_yes() || to_target.strength.get() <= 0.0 {
            continue;
        }
        let Some(r) = view.node(n) else { continue };
        let direct = ties.strength(n);
        let (via, access) = if direct > 0.0 {
            (None, direct)
        } else {
            let Some((access, x)) = introducer(view, ties, r, tv) else { continue };
            (Some(networks.contact_at(view.portfolio_node(x))), access)
        };
        let path = support::path_summary(view, &[r, tv]);
        out.push(Colleague {
            id: contact.id.clone(),
            name: contact.name.clone(),
            salesperson: networks.is_owner(n),
            via: via.map(|c| c.id.clone()),
            via_name: via.map(|c| c.name.clone()),
            access,
            score: access * path.strength,
            path,
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The closing advice, worded from the report's facts alone.
fn advise(r: &ClosingReport) -> Vec<Recommendation> {
    let target = who(&r.target_name, &r.target);
    let mut out = Vec::new();
    match r.referees.first() {
        Some(x) => {
            let referee = format!(
                "{} ({}{})",
                who(&x.name, &x.id),
                x.organization,
                if x.top_customer { ", a top customer" } else { "" }
            );
            let ask = match (&x.via, &x.via_name) {
                (Some(v), Some(name)) => {
                    format!("ask {} to introduce you to {referee}, then ask them to vouch", who(name, v))
                }
                _ => format!("ask {referee} to vouch"),
            };
            out.push(Recommendation::new(
                RecommendationCode::AskReferee,
                format!(
                    "{ask} for you to {target}: they know each other (tie {:.2}); your access {:.2}",
                    x.path.strength, x.access
                ),
                vec![x.id.clone()],
            ));
        }
        None => out.push(Recommendation::new(
            RecommendationCode::NoReferee,
            format!("no customer you can ask knows {target}: win the trust of a customer who knows them"),
            Vec::new(),
        )),
    }
    if let Some(c) = r.colleagues.first() {
        let ask = match (&c.via, &c.via_name) {
            (Some(v), Some(name)) => {
                format!("ask {} to put you in touch with your colleague {}", who(name, v), who(&c.name, &c.id))
            }
            _ => format!("ask your colleague {}", who(&c.name, &c.id)),
        };
        out.push(Recommendation::new(
            RecommendationCode::AskColleague,
            format!(
                "{ask}, who knows {target} (tie {:.2}), to open the door for you; your access {:.2}",
                c.path.strength, c.access
            ),
            vec![c.id.clone()],
        ));
    }
    for x in &r.lapsed_referees {
        out.push(Recommendation::new(
            RecommendationCode::ReviveReferee,
            format!(
                "{} ({}) knows {target} (tie {:.2}) but you have not been in touch since {}: reconnect before asking",
                who(&x.name, &x.id),
                x.organization,
                x.path.strength,
                x.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string())
            ),
            vec![x.id.clone()],
        ));
    }
    out
}

impl fmt::Display for ClosingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "CLOSING: who can vouch for you to {} ({}), as of {}",
            who(&self.target_name, &self.target),
            self.target_organization,
            self.as_of
        )?;
        for (title, list) in [("Referees", &self.referees), ("Lapsed (reconnect first)", &self.lapsed_referees)] {
            writeln!(f, "\n{title} ({}):", list.len())?;
            for r in list {
                let access = match (&r.via, &r.via_name) {
                    (Some(v), Some(name)) => format!("through {} {:.2}", who(name, v), r.access),
                    _ => format!("your tie {:.2} ({})", r.owner_strength, r.freshness.as_str()),
                };
                writeln!(
                    f,
                    "  {:<30} {:<22}{} score {:.3}  {access}  their tie to the target {:.2}",
                    who(&r.name, &r.id),
                    r.organization,
                    if r.top_customer { " top" } else { "    " },
                    r.score,
                    r.path.strength,
                )?;
            }
        }
        if !self.colleagues.is_empty() {
            writeln!(f, "\nColleagues who know them ({}):", self.colleagues.len())?;
            for c in &self.colleagues {
                let access = match (&c.via, &c.via_name) {
                    (Some(v), Some(name)) => format!("through {} {:.2}", who(name, v), c.access),
                    _ => format!("your tie {:.2}", c.access),
                };
                writeln!(
                    f,
                    "  {:<30}{} score {:.3}  {access}  their tie to the target {:.2}",
                    who(&c.name, &c.id),
                    if c.salesperson { " (salesperson)" } else { "" },
                    c.score,
                    c.path.strength
                )?;
            }
        }
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
