//! Stage 4, closing: customers who can vouch to the target.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{AsOf, ContactId, Freshness, NetworkKind, Relation, RelationshipLevel, Stage};
use crate::stages::common::{MaintainItem, MaintainList, PathSummary, Recommendation, StageOptions, render_tail};
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
    /// The target's organization.
    pub target_organization: String,
    /// The owner (salesperson) the report speaks for. Not in the JSON,
    /// whose keys are those of single-owner reports; the caller knows whom
    /// it asked for.
    #[serde(skip)]
    pub owner: ContactId,
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// Customer contacts who can vouch, best first by [`Referee::score`].
    /// Only customers the owner has an active (not lapsed) tie with are here.
    pub referees: Vec<Referee>,
    /// Customer contacts with a path to the target whose tie with the owner
    /// has lapsed: they would have to be won back before they vouch. Never
    /// ranked among the referees.
    pub lapsed_referees: Vec<Referee>,
    /// Fading or lapsed ties to referees.
    pub maintain: Vec<MaintainItem>,
    /// What to do, with the numbers behind it.
    pub recommendations: Vec<Recommendation>,
}

/// A customer contact who can vouch to the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referee {
    /// The customer contact.
    pub id: ContactId,
    /// Their organization (a customer).
    pub organization: String,
    /// The organization's value, if known.
    pub value: Option<f64>,
    /// Whether the organization is among the top customers by value
    /// ([`Thresholds::top_customer_share`](crate::stages::Thresholds::top_customer_share)).
    pub top_customer: bool,
    /// The owner's tie level with them.
    pub owner_level: RelationshipLevel,
    /// The owner's tie strength with them as of the report's date: their trust.
    pub owner_strength: f64,
    /// The owner's last contact with them.
    pub last_contact: Option<Date>,
    /// Fresh, fading, lapsed or undated.
    pub freshness: Freshness,
    /// The strongest path from them to the target that does not pass
    /// through the owner (nodes from the referee to the target).
    pub path: PathSummary,
    /// `owner_strength x path strength x value factor` (1 for top
    /// customers, [`Thresholds::other_customer_factor`](crate::stages::Thresholds::other_customer_factor)
    /// for others).
    pub score: f64,
}

/// Runs the closing report for the target person `target` (a contact id).
///
/// Candidates are the contacts of customer organizations tied to the owner.
/// Each one's path to the target is the strongest (greatest product of
/// strengths, `neglog` cost) over the whole portfolio's active ties, never
/// through the owner: a referee speaks for the owner, not through them.
///
/// # Errors
///
/// [`Error::UnknownNode`] if no contact has the target id.
pub fn closing(as_of: &AsOf<'_>, target: &str, options: &StageOptions) -> Result<ClosingReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner_node = as_of.owner(options.owner_choice())?;
    let Some(target_node) = networks.node(target) else {
        return Err(Error::UnknownNode { id: target.to_string() });
    };
    let owner = owner_node;
    let whole = StageGraph::active(as_of, &networks.whole(), owner_node)?;
    // Candidates: customer contacts tied to the owner (the target excepted).
    let candidates: Vec<(&crate::model::Contact, crate::model::DatedTie<'_>)> = as_of
        .ties_of(networks.contact_at(owner_node).id.as_str())
        .filter(|(c, _)| {
            networks
                .node(c.id.as_str())
                .is_some_and(|n| n != target_node && networks.organization_at(n).relation == Relation::Customer)
        })
        .collect();
    // One search from the target, never through the owner; paths are reversed below.
    let candidate_vs: Vec<crate::graph::Node> = candidates
        .iter()
        .map(|(c, _)| networks.node(c.id.as_str()).and_then(|n| whole.of(n)).unwrap_or(whole.owner))
        .collect();
    let paths = match whole.of(target_node) {
        Some(v) if target_node != owner => {
            support::strongest_paths(whole.snapshot(), v, &candidate_vs, Some(whole.owner))
        }
        _ => vec![None; candidates.len()],
    };

    // Top customers by value.
    let mut values: Vec<f64> =
        networks.organizations().iter().filter(|o| o.relation == Relation::Customer).filter_map(|o| o.value).collect();
    values.sort_by(|a, b| b.total_cmp(a));
    let top_count = ((values.len() as f64) * t.top_customer_share).ceil() as usize;
    let cutoff = values.get(top_count.saturating_sub(1)).copied();
    let is_top = |v: Option<f64>| matches!((v, cutoff), (Some(v), Some(c)) if top_count > 0 && v >= c);

    let mut referees = Vec::new();
    let mut lapsed = Vec::new();
    for ((contact, dated), found) in candidates.iter().zip(&paths) {
        let tie = dated.tie;
        let Some(n) = networks.node(contact.id.as_str()) else { continue };
        let org = networks.organization_at(n);
        let Some(found) = found else { continue };
        let mut path = whole.path_summary(found);
        path.nodes.reverse();
        let freshness = dated.freshness;
        let owner_strength = dated.strength.get();
        let top = is_top(org.value);
        let factor = if top { 1.0 } else { t.other_customer_factor };
        let referee = Referee {
            id: contact.id.clone(),
            organization: org.name.clone(),
            value: org.value,
            top_customer: top,
            owner_level: tie.level,
            owner_strength,
            last_contact: tie.last_contact,
            freshness,
            score: owner_strength * path.strength * factor,
            path,
        };
        if freshness == Freshness::Lapsed || owner_strength <= 0.0 {
            lapsed.push(referee);
        } else {
            referees.push(referee);
        }
    }
    let rank = |a: &Referee, b: &Referee| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id));
    referees.sort_by(rank);
    lapsed.sort_by(|a, b| b.path.strength.total_cmp(&a.path.strength).then_with(|| a.id.cmp(&b.id)));

    let target_contact = networks.contact_at(target_node);
    let mut recommendations = Vec::new();
    match referees.first() {
        Some(r) => recommendations.push(Recommendation::new(
            "ask_referee",
            format!(
                "ask {} ({}{}) to vouch for you to {}: your tie {:.2}, their path strength {:.3} over {} ties",
                r.id,
                r.organization,
                if r.top_customer { ", a top customer" } else { "" },
                target_contact.id,
                r.owner_strength,
                r.path.strength,
                r.path.hops
            ),
            vec![r.id.clone()],
        )),
        None => recommendations.push(Recommendation::new(
            "no_referee",
            format!(
                "no customer you are in touch with can reach {} without you: build a tie from a satisfied customer",
                target_contact.id
            ),
            Vec::new(),
        )),
    }
    for r in lapsed.iter().take(3) {
        recommendations.push(Recommendation::new(
            "revive_referee",
            format!(
                "{} ({}) could vouch (path strength {:.3}) but your tie has lapsed (last contact {}): reconnect before asking",
                r.id,
                r.organization,
                r.path.strength,
                r.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string())
            ),
            vec![r.id.clone()],
        ));
    }

    let mut maintain = MaintainList::default();
    for r in referees.iter().chain(lapsed.iter()) {
        maintain.add_id(networks, &r.id, "referee");
    }
    let maintain = maintain.finish(as_of, owner_node);

    Ok(ClosingReport {
        stage: Stage::Closing,
        network: NetworkKind::Customer,
        target: target_contact.id.clone(),
        target_organization: target_contact.organization.clone(),
        owner: networks.contact_at(owner_node).id.clone(),
        as_of: as_of.date(),
        referees,
        lapsed_referees: lapsed,
        maintain,
        recommendations,
    })
}

impl fmt::Display for ClosingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "CLOSING: who can vouch for you to {} ({}), as of {}",
            self.target, self.target_organization, self.as_of
        )?;
        for (title, list) in [("Referees", &self.referees), ("Lapsed (reconnect first)", &self.lapsed_referees)] {
            writeln!(f, "\n{title} ({}):", list.len())?;
            for r in list {
                writeln!(
                    f,
                    "  {:<14} {:<22}{} score {:.3}  your tie {:.2} ({})  {}",
                    r.id.as_str(),
                    r.organization,
                    if r.top_customer { " top" } else { "    " },
                    r.score,
                    r.owner_strength,
                    r.freshness.as_str(),
                    r.path.render()
                )?;
            }
        }
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
