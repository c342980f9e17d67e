//! Stage 2, gaining buy-in: the prospect network of one account.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::Node;
use crate::model::{AsOf, ContactId, NetworkKind, Relation, RelationshipLevel, Role, Stage};
use crate::stages::common::{MaintainItem, MaintainList, PathSummary, Recommendation, StageOptions, opt, render_tail};
use crate::stages::support::{self, StageGraph};

/// The buy-in report for one account: who decides, how the owner reaches
/// them, and who inside the account can be the middleman.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuyInReport {
    /// Always [`Stage::BuyIn`].
    pub stage: Stage,
    /// Always [`NetworkKind::Prospect`].
    pub network: NetworkKind,
    /// The account's organization name.
    pub account: String,
    /// The owner (salesperson) the report speaks for. Not in the JSON,
    /// whose keys are those of single-owner reports; the caller knows whom
    /// it asked for.
    #[serde(skip)]
    pub owner: ContactId,
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// People of the account in the portfolio.
    pub people: usize,
    /// The account's decision makers, in input order, each with the
    /// strongest path to them from the owner over the whole portfolio.
    pub decision_makers: Vec<KeyPerson>,
    /// The account's influencers, likewise.
    pub influencers: Vec<KeyPerson>,
    /// Share of decision makers and influencers reached by a path of at
    /// least [`Thresholds::coverage_strength`](crate::stages::Thresholds::coverage_strength);
    /// `None` when the account has neither.
    pub coverage: Option<f64>,
    /// People inside the account through whom the owner's access to its
    /// decision makers and influencers runs, most first.
    pub middlemen: Vec<Middleman>,
    /// Ids of decision makers and influencers nobody in the portfolio has
    /// met face to face (no tie of level 2 or more).
    pub gaps: Vec<ContactId>,
    /// Fading or lapsed ties to decision makers, influencers and middlemen.
    pub maintain: Vec<MaintainItem>,
    /// What to do, with the numbers behind it.
    pub recommendations: Vec<Recommendation>,
}

/// A decision maker or influencer and how the owner reaches them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPerson {
    /// The contact.
    pub id: ContactId,
    /// Decision maker or influencer.
    pub role: Role,
    /// Their department, if known.
    pub department: Option<String>,
    /// Whether any path of active ties leads from the owner to them.
    pub reachable: bool,
    /// Whether that path is at least as strong as the coverage threshold.
    pub reached: bool,
    /// The strongest path from the owner (greatest product of tie
    /// strengths), over the whole portfolio; no nodes when unreachable.
    pub path: PathSummary,
    /// The owner's own tie level with them, if any.
    pub owner_level: Option<RelationshipLevel>,
    /// The highest level of any tie they have in the portfolio.
    pub best_level: Option<RelationshipLevel>,
}

/// A middleman inside the account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Middleman {
    /// The contact.
    pub id: ContactId,
    /// Their role.
    pub role: Role,
    /// Their department, if known.
    pub department: Option<String>,
    /// Sum over the account's decision makers and influencers of the share
    /// of shortest routes from the owner (inside the account) that run
    /// through this person: 1 per key person reached only through them.
    pub score: f64,
    /// The decision makers and influencers they are on a shortest route to.
    pub leads_to: Vec<ContactId>,
    /// The owner's tie strength to them (0 if none).
    pub owner_strength: f64,
}

/// Runs the buy-in report for the account named `account`.
///
/// Key people's paths are searched over the whole portfolio (a referral may
/// cross networks) with the `neglog` cost, so the path found is the one
/// whose tie strengths have the greatest product. Middlemen are found inside
/// the account alone: the owner plus the account's people, shortest routes
/// by number of ties (see [`Middleman::score`]).
///
/// # Errors
///
/// [`Error::InvalidArgument`] if no organization has that name, or it is
/// the owner's own firm.
pub fn buy_in(as_of: &AsOf<'_>, account: &str, options: &StageOptions) -> Result<BuyInReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner_node = as_of.owner(options.owner_choice())?;
    let Some(org) = networks.organization(account) else {
        return Err(Error::InvalidArgument { name: "account", reason: format!("no organization named `{account}`") });
    };
    if org.relation == Relation::Own {
        return Err(Error::InvalidArgument {
            name: "account",
            reason: format!("`{account}` is the owner's own firm, not an account"),
        });
    }
    let whole = StageGraph::active(as_of, &networks.whole(), owner_node)?;
    let members: Vec<petgraph::graph::NodeIndex> =
        networks.graph().node_indices().filter(|&n| networks.contact_at(n).organization == account).collect();
    let owner = owner_node;
    let key_nodes: Vec<petgraph::graph::NodeIndex> = members
        .iter()
        .copied()
        .filter(|&n| matches!(networks.contact_at(n).role, Role::DecisionMaker | Role::Influencer))
        .collect();
    let key_vs: Vec<Node> = key_nodes.iter().filter_map(|&n| whole.of(n)).collect();
    let key_paths = support::strongest_paths(whole.snapshot(), whole.owner, &key_vs, None);

    let best_level = |n: petgraph::graph::NodeIndex| networks.graph().edges(n).map(|e| e.weight().level).max();
    let owner_level = |n: petgraph::graph::NodeIndex| networks.edge(owner, n).map(|e| networks.graph()[e].level);
    let key = |n: petgraph::graph::NodeIndex| -> KeyPerson {
        let c = networks.contact_at(n);
        let path = whole
            .of(n)
            .and_then(|v| key_vs.iter().position(|&k| k == v))
            .and_then(|i| key_paths[i].as_deref())
            .map_or_else(PathSummary::none, |p| whole.path_summary(p));
        KeyPerson {
            id: c.id.clone(),
            role: c.role,
            department: c.department.clone(),
            reachable: path.exists(),
            reached: path.exists() && path.strength >= t.coverage_strength,
            path,
            owner_level: owner_level(n),
            best_level: best_level(n),
        }
    };
    let decision_makers: Vec<KeyPerson> =
        key_nodes.iter().copied().filter(|&n| networks.contact_at(n).role == Role::DecisionMaker).map(key).collect();
    let influencers: Vec<KeyPerson> =
        key_nodes.iter().copied().filter(|&n| networks.contact_at(n).role == Role::Influencer).map(key).collect();
    let all_keys = || decision_makers.iter().chain(influencers.iter());
    let key_count = decision_makers.len() + influencers.len();
    let coverage = (key_count > 0).then(|| all_keys().filter(|k| k.reached).count() as f64 / key_count as f64);
    let gaps: Vec<ContactId> =
        all_keys().filter(|k| k.best_level.is_none_or(|l| l < RelationshipLevel::MET)).map(|k| k.id.clone()).collect();

    // Middlemen: shortest routes from the owner to each key person inside the account.
    let inside = StageGraph::active(as_of, &networks.owner_organization_view(owner_node, account)?, owner_node)?;
    let inside_targets: Vec<Node> = key_nodes.iter().filter_map(|&n| inside.of(n)).collect();
    let through = support::route_shares(inside.snapshot(), inside.owner, &inside_targets);
    let mut middlemen: Vec<Middleman> = Vec::new();
    for (v, share) in through.into_iter().enumerate() {
        let v = v as Node;
        if v == inside.owner || share.total <= 0.0 {
            continue;
        }
        let n = inside.back(v);
        let c = networks.contact_at(n);
        middlemen.push(Middleman {
            id: c.id.clone(),
            role: c.role,
            department: c.department.clone(),
            score: share.total,
            leads_to: share.targets.iter().map(|&t| inside.contact_id(t)).collect(),
            owner_strength: inside.snapshot().edge_weight(inside.owner, v).unwrap_or(0.0),
        });
    }
    middlemen.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(b.owner_strength.total_cmp(&a.owner_strength)).then_with(|| a.id.cmp(&b.id))
    });

    let mut recommendations = Vec::new();
    if key_count == 0 {
        recommendations.push(Recommendation::new(
            "map_account",
            format!("no decision makers or influencers of {account} are in the portfolio: map its organization first"),
            Vec::new(),
        ));
    }
    if let Some(m) = middlemen.first() {
        recommendations.push(Recommendation::new(
            "use_middleman",
            format!(
                "work through {}: {:.1} of the routes to {account}'s {} key people run through them (your tie {:.2})",
                m.id, m.score, key_count, m.owner_strength
            ),
            vec![m.id.clone()],
        ));
    }
    for k in all_keys().filter(|k| !k.reached) {
        let how = if k.reachable {
            format!("the strongest path is only {:.3} ({} ties)", k.path.strength, k.path.hops)
        } else {
            "no path of active ties leads there".to_string()
        };
        recommendations.push(Recommendation::new(
            "reach_key_person",
            format!("strengthen your access to {} {}: {how}", k.role.as_str().replace('_', " "), k.id),
            vec![k.id.clone()],
        ));
    }
    if !gaps.is_empty() {
        recommendations.push(Recommendation::new(
            "close_gaps",
            format!("{} key people have never been met face to face by anyone you know: arrange meetings", gaps.len()),
            gaps.clone(),
        ));
    }
    if let Some(c) = coverage {
        recommendations.push(Recommendation::new(
            "coverage",
            format!(
                "coverage {:.0}%: {} of {key_count} key people reached with strength at least {:.2}",
                c * 100.0,
                all_keys().filter(|k| k.reached).count(),
                t.coverage_strength
            ),
            Vec::new(),
        ));
    }

    let mut maintain = MaintainList::default();
    for k in &decision_makers {
        maintain.add_id(networks, &k.id, "decision maker");
    }
    for k in &influencers {
        maintain.add_id(networks, &k.id, "influencer");
    }
    for m in &middlemen {
        maintain.add_id(networks, &m.id, "middleman");
    }
    let maintain = maintain.finish(as_of, owner_node);

    Ok(BuyInReport {
        stage: Stage::BuyIn,
        network: NetworkKind::Prospect,
        account: account.to_string(),
        owner: networks.contact_at(owner_node).id.clone(),
        as_of: as_of.date(),
        people: members.len(),
        decision_makers,
        influencers,
        coverage,
        middlemen,
        gaps,
        maintain,
        recommendations,
    })
}

impl fmt::Display for BuyInReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "BUY-IN: {} (prospect network), as of {}", self.account, self.as_of)?;
        writeln!(f, "  people in the account {}  coverage {}", self.people, opt(self.coverage))?;
        for (title, people) in [("Decision makers", &self.decision_makers), ("Influencers", &self.influencers)] {
            writeln!(f, "\n{title} ({}):", people.len())?;
            for k in people {
                let own = k.owner_level.map_or_else(|| "-".to_string(), |l| l.to_string());
                writeln!(
                    f,
                    "  {:<14} {:<12} your level {own}  {}",
                    k.id.as_str(),
                    k.department.as_deref().unwrap_or("-"),
                    k.path.render()
                )?;
            }
        }
        writeln!(f, "\nMiddlemen ({}):", self.middlemen.len())?;
        for m in &self.middlemen {
            let leads: Vec<&str> = m.leads_to.iter().map(ContactId::as_str).collect();
            writeln!(
                f,
                "  {:<14} {:<14} score {:.2}  your tie {:.2}  leads to {}",
                m.id.as_str(),
                m.role.as_str(),
                m.score,
                m.owner_strength,
                leads.join(", ")
            )?;
        }
        let gaps: Vec<&str> = self.gaps.iter().map(ContactId::as_str).collect();
        writeln!(
            f,
            "\nGaps (never met face to face): {}",
            if gaps.is_empty() { "none".into() } else { gaps.join(", ") }
        )?;
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
