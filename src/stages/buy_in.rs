//! Stage 2, gaining buy-in: the people of one account.
//!
//! [`buy_in`] first finds the facts (who decides, the owner's short paths
//! to them, the middlemen on those paths, the gaps) and then words the
//! advice from those facts alone, so that the text, the JSON, the HTML
//! report and the plan all read one set of facts.

use std::fmt;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use std::collections::HashMap;

use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::graph::{Node, ViewSnapshot};
use crate::model::{
    AsOf, ContactId, DatedTie, NetworkKind, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Stage,
};
use crate::stages::common::{
    MaintainItem, MaintainList, PathSummary, Person, Recommendation, RecommendationCode, StageOptions, Thresholds,
    count, opt, render_tail, some_of, who,
};
use crate::stages::support::{self, StageGraph};

/// The buy-in report for one account: who decides, how the owner reaches
/// them, and who inside the account can be the middleman.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuyInReport {
    /// Always [`Stage::BuyIn`].
    pub stage: Stage,
    /// The network of the account's people: [`NetworkKind::Prospect`] for a
    /// prospect, [`NetworkKind::Customer`] for a customer (an upsell),
    /// [`NetworkKind::Market`] for any other organization.
    pub network: NetworkKind,
    /// The account's relation to our firm: the label of the report (buy-in
    /// on a customer is an upsell).
    pub relation: Relation,
    /// The account's organization name.
    pub account: String,
    /// The owner (salesperson) the report speaks for. Not in the JSON,
    /// whose keys are those of single-owner reports; the caller knows whom
    /// it asked for.
    #[serde(skip)]
    pub owner: ContactId,
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// The longest path used, in ties ([`Thresholds::max_hops`](crate::stages::Thresholds::max_hops)).
    pub max_hops: usize,
    /// People of the account in the portfolio.
    pub people: usize,
    /// The account's decision makers, in input order, each with the
    /// owner's strongest short path to them.
    pub decision_makers: Vec<KeyPerson>,
    /// The account's influencers, likewise.
    pub influencers: Vec<KeyPerson>,
    /// Share of decision makers and influencers reached (see
    /// [`KeyPerson::reached`]); `None` when the account has neither.
    pub coverage: Option<f64>,
    /// People of the account itself on the owner's paths to its decision
    /// makers and influencers, ranked by the strength of those paths.
    pub middlemen: Vec<Middleman>,
    /// People of our own firm (other salespeople or any colleague) on the
    /// owner's paths to the decision makers and influencers, ranked as the
    /// middlemen are: "ask Priya, who knows their CFO". Never someone who
    /// does not share their ties.
    pub colleagues: Vec<Middleman>,
    /// Ids of decision makers and influencers the owner has not met: no
    /// active direct tie of level 2 or more with the owner (a colleague's
    /// meeting does not count).
    pub gaps: Vec<ContactId>,
    /// The people of the account the owner has met: an active direct tie of
    /// level 2 or more, in input order.
    pub met: Vec<Person>,
    /// Fewer than two people of the account have met the owner: the deal
    /// hangs on one thread.
    pub single_threaded: bool,
    /// Fading or lapsed ties to decision makers, influencers and middlemen.
    pub maintain: Vec<MaintainItem>,
    /// What to do, worded from the facts above.
    pub recommendations: Vec<Recommendation>,
}

/// A decision maker or influencer and how the owner reaches them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPerson {
    /// The contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Decision maker or influencer.
    pub role: Role,
    /// Their department, if known.
    pub department: Option<String>,
    /// Whether a path of at most [`Thresholds::max_hops`](crate::stages::Thresholds::max_hops) active ties leads
    /// from the owner to them.
    pub reachable: bool,
    /// Whether that path is at least as strong as the reach threshold
    /// ([`Thresholds::coverage_strength`](crate::stages::Thresholds::coverage_strength)).
    pub reached: bool,
    /// The owner's strongest path to them (greatest product of tie
    /// strengths, fewer hops breaking ties) over at most
    /// [`Thresholds::max_hops`](crate::stages::Thresholds::max_hops) active ties of the whole portfolio; no nodes
    /// when there is none.
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
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their department, if known.
    pub department: Option<String>,
    /// The sum of the strengths of the owner's paths to the key people that
    /// run through them: a gatekeeper met once (tie 0.2) scores below a fan
    /// (1.0) who knows the CTO.
    pub score: f64,
    /// The key people whose path runs through them, in input order.
    pub leads_to: Vec<Person>,
    /// The owner's tie strength to them (0 if none).
    pub owner_strength: f64,
}

/// Runs the buy-in report for the account named `account`.
///
/// The facts, by the rules of DOMAIN.md ("How the playbook judges"):
///
/// - **Paths**: the owner's strongest path to each decision maker and
///   influencer over at most [`Thresholds::max_hops`](crate::stages::Thresholds::max_hops) active ties of the
///   whole portfolio (a referral may cross networks): greatest product of
///   strengths, fewer hops breaking ties (an exact hop-limited search).
///   *Reached* when that path is at least [`Thresholds::coverage_strength`]
///   strong.
/// - **Middlemen**: people of the account on those paths (not their ends),
///   ranked by the summed strength of the paths through them, then the
///   owner's tie with them, then id.
/// - **Gaps** and **single-threaded** count the owner's own meetings: an
///   active direct tie of level 2 or more.
///
/// # Errors
///
/// [`Error::InvalidArgument`] if no organization has that name, or it is
/// the owner's own firm; the owner errors of [`AsOf::owner`].
///
/// # Complexity
///
/// One hop-limited search from the owner: O(h (V + E) log V) for `h` =
/// [`Thresholds::max_hops`](crate::stages::Thresholds::max_hops), plus the snapshot of the active ties.
pub fn buy_in(as_of: &AsOf<'_>, account: &str, options: &StageOptions) -> Result<BuyInReport> {
    let mut report = find(as_of, account, options)?;
    report.recommendations = advise(&report, options.thresholds());
    Ok(report)
}

/// The facts of the buy-in report (its recommendations empty).
fn find(as_of: &AsOf<'_>, account: &str, options: &StageOptions) -> Result<BuyInReport> {
    let networks = as_of.networks();
    let t = options.thresholds();
    let owner = as_of.owner(options.owner_choice())?;
    let Some(org) = networks.organization(account) else {
        return Err(Error::InvalidArgument { name: "account", reason: format!("no organization named `{account}`") });
    };
    if org.relation == Relation::Own {
        return Err(Error::InvalidArgument {
            name: "account",
            reason: format!("`{account}` is the owner's own firm, not an account"),
        });
    }
    let whole = StageGraph::active(as_of, &networks.whole(), owner)?;
    let members: Vec<NodeIndex> =
        networks.graph().node_indices().filter(|&n| networks.contact_at(n).organization == account).collect();
    let key_nodes = key_people(networks, &members);
    let key_vs: Vec<Node> = key_nodes.iter().filter_map(|&n| whole.of(n)).collect();
    // Paths may run through anyone, colleagues and other salespeople
    // included, but never through someone who does not share their ties.
    let private = whole.private_others(owner);
    let found = support::strongest_paths(whole.snapshot(), whole.owner, &key_vs, &private, t.max_hops);
    let paths: Vec<Option<Vec<Node>>> = {
        let mut at = key_vs.iter().zip(found);
        key_nodes
            .iter()
            .map(|&n| {
                let v = whole.of(n)?;
                at.find(|(k, _)| **k == v).and_then(|(_, p)| p)
            })
            .collect()
    };
    let ties = OwnerTies::of(as_of, owner);
    let mut report = account_facts(as_of, &whole.view, &ties, org, &members, &key_nodes, &paths, t);

    let mut maintain = MaintainList::default();
    for k in &report.decision_makers {
        maintain.add_id(networks, &k.id, "decision maker");
    }
    for k in &report.influencers {
        maintain.add_id(networks, &k.id, "influencer");
    }
    for m in &report.middlemen {
        maintain.add_id(networks, &m.id, "middleman");
    }
    report.maintain = maintain.finish(as_of, owner);
    Ok(report)
}

/// The decision makers and influencers among `members`, in their order.
pub(crate) fn key_people(networks: &SalesNetworks, members: &[NodeIndex]) -> Vec<NodeIndex> {
    members
        .iter()
        .copied()
        .filter(|&n| matches!(networks.contact_at(n).role, Role::DecisionMaker | Role::Influencer))
        .collect()
}

/// The owner's direct ties, dated, by the other person: what the owner has
/// met and how strongly, looked up in O(1) however many ties the owner has.
pub(crate) struct OwnerTies<'a> {
    owner: NodeIndex,
    ties: HashMap<NodeIndex, DatedTie<'a>>,
}

impl<'a> OwnerTies<'a> {
    /// The ties of `owner` as of the date.
    pub(crate) fn of(as_of: &AsOf<'a>, owner: NodeIndex) -> Self {
        let networks = as_of.networks();
        let mut ties = HashMap::new();
        for e in networks.graph().edges(owner) {
            let other = if e.source() == owner { e.target() } else { e.source() };
            // The one tie between the two (the builder refuses duplicates).
            ties.entry(other).or_insert_with(|| DatedTie {
                tie: e.weight(),
                edge: e.id(),
                strength: as_of.strength(e.id()),
                freshness: as_of.freshness(e.id()),
            });
        }
        Self { owner, ties }
    }

    /// The owner.
    pub(crate) fn owner(&self) -> NodeIndex {
        self.owner
    }

    /// The owner's tie to `n`, if any.
    pub(crate) fn get(&self, n: NodeIndex) -> Option<&DatedTie<'a>> {
        self.ties.get(&n)
    }

    /// The owner's tie strength to `n` as of the date (0 if none).
    pub(crate) fn strength(&self, n: NodeIndex) -> f64 {
        self.get(n).map_or(0.0, |d| d.strength.get())
    }

    /// The owner's tie level to `n`, if any.
    pub(crate) fn level(&self, n: NodeIndex) -> Option<RelationshipLevel> {
        self.get(n).map(|d| d.tie.level)
    }

    /// DOMAIN.md, "gaps are the salesperson's own": the owner has *met* `n`
    /// with an active direct tie of level 2 or more.
    pub(crate) fn met(&self, n: NodeIndex) -> bool {
        self.get(n).is_some_and(|d| d.tie.level >= RelationshipLevel::MET && d.strength.get() > 0.0)
    }
}

/// DOMAIN.md, "a warm introduction is short": a person is *reached* when
/// the owner's strongest path of at most `max_hops` active ties to them is
/// at least [`Thresholds::coverage_strength`] strong.
pub(crate) fn is_reached(path: &PathSummary, t: &Thresholds) -> bool {
    path.exists() && path.strength >= t.coverage_strength
}

/// The facts of one account for the owner of `ties`: its key people with
/// the owner's strongest short paths to them (`paths[i]` for
/// `key_nodes[i]`, snapshot nodes of `view` from the owner), who is reached,
/// the middlemen, the gaps, who was met. The `maintain` list is left empty
/// (it asks every tie's freshness: the caller adds it when it needs it).
///
/// Every report that speaks of an account's people (buy-in, the funnel's
/// deals) reads them from here, so that *reached* and *met* mean the same
/// everywhere.
#[allow(clippy::too_many_arguments)]
pub(crate) fn account_facts(
    as_of: &AsOf<'_>,
    view: &ViewSnapshot<'_>,
    ties: &OwnerTies<'_>,
    org: &Organization,
    members: &[NodeIndex],
    key_nodes: &[NodeIndex],
    paths: &[Option<Vec<Node>>],
    t: &Thresholds,
) -> BuyInReport {
    let networks = as_of.networks();
    let account = org.name.as_str();
    let best_level = |n: NodeIndex| networks.graph().edges(n).map(|e| e.weight().level).max();
    let mut on_paths: Vec<(NodeIndex, f64, NodeIndex)> = Vec::new(); // (middleman, path strength, key person)
    let mut via_colleagues: Vec<(NodeIndex, f64, NodeIndex)> = Vec::new(); // (colleague, path strength, key person)
    let mut key = |i: usize| -> KeyPerson {
        let n = key_nodes[i];
        let c = networks.contact_at(n);
        let found = paths.get(i).and_then(|p| p.as_deref());
        let path = found.map_or_else(PathSummary::none, |p| support::path_summary(view, p));
        if let Some(p) = found {
            for &v in &p[1..p.len().saturating_sub(1)] {
                let m = view.portfolio_node(v);
                if networks.contact_at(m).organization == account {
                    on_paths.push((m, path.strength, n));
                } else if networks.organization_at(m).relation == Relation::Own {
                    via_colleagues.push((m, path.strength, n));
                }
            }
        }
        KeyPerson {
            id: c.id.clone(),
            name: c.name.clone(),
            role: c.role,
            department: c.department.clone(),
            reachable: path.exists(),
            reached: is_reached(&path, t),
            path,
            owner_level: ties.level(n),
            best_level: best_level(n),
        }
    };
    let is_role = |i: &usize, role: Role| networks.contact_at(key_nodes[*i]).role == role;
    let decision_makers: Vec<KeyPerson> =
        (0..key_nodes.len()).filter(|i| is_role(i, Role::DecisionMaker)).map(&mut key).collect();
    let influencers: Vec<KeyPerson> =
        (0..key_nodes.len()).filter(|i| is_role(i, Role::Influencer)).map(&mut key).collect();
    let all_keys = || decision_makers.iter().chain(influencers.iter());
    let key_count = decision_makers.len() + influencers.len();
    let coverage = (key_count > 0).then(|| all_keys().filter(|k| k.reached).count() as f64 / key_count as f64);
    let gaps: Vec<ContactId> = key_nodes
        .iter()
        .copied()
        .filter(|&n| networks.contact_at(n).role == Role::DecisionMaker)
        .chain(key_nodes.iter().copied().filter(|&n| networks.contact_at(n).role == Role::Influencer))
        .filter(|&n| !ties.met(n))
        .map(|n| networks.contact_at(n).id.clone())
        .collect();
    let met: Vec<Person> = members.iter().copied().filter(|&n| ties.met(n)).map(|n| Person::of(networks, n)).collect();

    // Middlemen: insiders on those paths, by the strength of the paths through
    // them; colleagues on them likewise.
    let middlemen = rank_on_paths(networks, ties, &on_paths);
    let colleagues = rank_on_paths(networks, ties, &via_colleagues);

    BuyInReport {
        stage: Stage::BuyIn,
        network: NetworkKind::of_relation(org.relation),
        relation: org.relation,
        account: account.to_string(),
        owner: networks.contact_at(ties.owner()).id.clone(),
        as_of: as_of.date(),
        max_hops: t.max_hops,
        people: members.len(),
        single_threaded: met.len() < 2,
        decision_makers,
        influencers,
        coverage,
        middlemen,
        colleagues,
        gaps,
        met,
        maintain: Vec::new(),
        recommendations: Vec::new(),
    }
}

/// People on the owner's paths (`(person, path strength, key person)`),
/// ranked by the summed strength of the paths through them, then the
/// owner's tie with them, then id.
fn rank_on_paths(
    networks: &SalesNetworks,
    ties: &OwnerTies<'_>,
    on_paths: &[(NodeIndex, f64, NodeIndex)],
) -> Vec<Middleman> {
    let mut middlemen: Vec<Middleman> = Vec::new();
    for &(m, _, _) in on_paths {
        if middlemen.iter().any(|x| x.id == networks.contact_at(m).id) {
            continue;
        }
        let through: Vec<&(NodeIndex, f64, NodeIndex)> = on_paths.iter().filter(|x| x.0 == m).collect();
        let c = networks.contact_at(m);
        let mut leads: Vec<NodeIndex> = through.iter().map(|x| x.2).collect();
        leads.sort_unstable();
        leads.dedup();
        middlemen.push(Middleman {
            id: c.id.clone(),
            name: c.name.clone(),
            role: c.role,
            department: c.department.clone(),
            score: through.iter().map(|x| x.1).sum(),
            leads_to: leads.into_iter().map(|k| Person::of(networks, k)).collect(),
            owner_strength: ties.strength(m),
        });
    }
    middlemen.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(b.owner_strength.total_cmp(&a.owner_strength)).then_with(|| a.id.cmp(&b.id))
    });

    middlemen
}

/// "a decision maker", "an influencer".
fn role_words(role: Role) -> &'static str {
    match role {
        Role::DecisionMaker => "decision maker",
        Role::Influencer => "influencer",
        _ => "key person",
    }
}

/// The buy-in advice, worded from the report's facts alone.
fn advise(r: &BuyInReport, t: &Thresholds) -> Vec<Recommendation> {
    let account = &r.account;
    let keys: Vec<&KeyPerson> = r.decision_makers.iter().chain(&r.influencers).collect();
    let mut out = Vec::new();
    if keys.is_empty() {
        out.push(Recommendation::new(
            RecommendationCode::MapAccount,
            format!("no decision makers or influencers of {account} are in the portfolio: map its organization first"),
            Vec::new(),
        ));
    }
    if let Some(m) = r.middlemen.first() {
        let names: Vec<String> = m.leads_to.iter().map(ToString::to_string).collect();
        let names = some_of(&names, 3);
        let message = if m.owner_strength > 0.0 {
            format!(
                "ask {} to introduce you to {names}: your best paths into {account} run through them (your tie {:.2})",
                who(&m.name, &m.id),
                m.owner_strength
            )
        } else {
            format!(
                "{} is your way to {names}: your best paths into {account} run through them, but you have no tie of your own with them yet",
                who(&m.name, &m.id)
            )
        };
        out.push(Recommendation::new(RecommendationCode::UseMiddleman, message, vec![m.id.clone()]));
    }
    if let Some(c) = r.colleagues.first() {
        let names: Vec<String> = c.leads_to.iter().map(ToString::to_string).collect();
        let names = some_of(&names, 3);
        out.push(Recommendation::new(
            RecommendationCode::AskColleague,
            format!(
                "ask your colleague {} to introduce you to {names} at {account}: your best paths there run through them (paths {:.2}, your tie {:.2})",
                who(&c.name, &c.id),
                c.score,
                c.owner_strength
            ),
            vec![c.id.clone()],
        ));
    }
    for k in keys.iter().filter(|k| !k.reached) {
        let how = if k.reachable {
            format!(
                "your strongest short path is only {:.2} over {}",
                k.path.strength,
                count(k.path.hops, "tie", "ties")
            )
        } else {
            format!("no warm introduction of at most {} reaches them", count(t.max_hops, "tie", "ties"))
        };
        out.push(Recommendation::new(
            RecommendationCode::ReachKeyPerson,
            format!("find a stronger way to {} {}: {how}", role_words(k.role), who(&k.name, &k.id)),
            vec![k.id.clone()],
        ));
    }
    let gaps: Vec<&KeyPerson> = keys.iter().copied().filter(|k| r.gaps.contains(&k.id)).collect();
    if !gaps.is_empty() {
        let names: Vec<String> = gaps.iter().map(|k| who(&k.name, &k.id)).collect();
        let names = some_of(&names, 4);
        out.push(Recommendation::new(
            RecommendationCode::CloseGaps,
            format!("meet {names} face to face: you have not met them yourself"),
            r.gaps.clone(),
        ));
    }
    if r.single_threaded && !keys.is_empty() {
        let who_met = match r.met.first() {
            Some(p) if r.met.len() == 1 => format!("only {p} has met you"),
            _ => "nobody there has met you".to_string(),
        };
        out.push(Recommendation::new(
            RecommendationCode::SingleThreaded,
            format!("the deal with {account} hangs on one thread ({who_met}): meet a second person there"),
            r.met.iter().map(|p| p.id.clone()).collect(),
        ));
    }
    if let Some(c) = r.coverage {
        out.push(Recommendation::new(
            RecommendationCode::Coverage,
            format!(
                "coverage {:.0}%: {} of {} key people reached by a path of at most {} at least {:.2} strong",
                c * 100.0,
                keys.iter().filter(|k| k.reached).count(),
                keys.len(),
                count(r.max_hops, "tie", "ties"),
                t.coverage_strength
            ),
            Vec::new(),
        ));
    }
    out
}

impl fmt::Display for BuyInReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.relation {
            Relation::Customer => "upsell to a customer: customer network",
            Relation::Prospect => "prospect network",
            _ => "market network",
        };
        writeln!(f, "BUY-IN: {} ({label}), as of {}", self.account, self.as_of)?;
        writeln!(
            f,
            "  people in the account {}  coverage {}  met by you {}{}",
            self.people,
            opt(self.coverage),
            self.met.len(),
            if self.single_threaded { "  SINGLE-THREADED" } else { "" }
        )?;
        for (title, people) in [("Decision makers", &self.decision_makers), ("Influencers", &self.influencers)] {
            writeln!(f, "\n{title} ({}):", people.len())?;
            for k in people {
                let own = k.owner_level.map_or_else(|| "-".to_string(), |l| l.to_string());
                writeln!(
                    f,
                    "  {:<30} {:<12} your level {own}  {}{}",
                    who(&k.name, &k.id),
                    k.department.as_deref().unwrap_or("-"),
                    k.path.render(),
                    if k.reached { "" } else { "  not reached" }
                )?;
            }
        }
        writeln!(f, "\nMiddlemen ({}):", self.middlemen.len())?;
        for m in &self.middlemen {
            let leads: Vec<String> = m.leads_to.iter().map(ToString::to_string).collect();
            writeln!(
                f,
                "  {:<30} {:<14} paths {:.2}  your tie {:.2}  leads to {}",
                who(&m.name, &m.id),
                m.role.as_str(),
                m.score,
                m.owner_strength,
                leads.join(", ")
            )?;
        }
        if !self.colleagues.is_empty() {
            writeln!(f, "\nColleagues on your paths ({}):", self.colleagues.len())?;
            for c in &self.colleagues {
                let leads: Vec<String> = c.leads_to.iter().map(ToString::to_string).collect();
                writeln!(
                    f,
                    "  {:<30} paths {:.2}  your tie {:.2}  leads to {}",
                    who(&c.name, &c.id),
                    c.score,
                    c.owner_strength,
                    leads.join(", ")
                )?;
            }
        }
        let keys = || self.decision_makers.iter().chain(&self.influencers);
        let gaps: Vec<String> = keys().filter(|k| self.gaps.contains(&k.id)).map(|k| who(&k.name, &k.id)).collect();
        writeln!(
            f,
            "\nGaps (key people you have not met): {}",
            if gaps.is_empty() { "none".into() } else { gaps.join(", ") }
        )?;
        render_tail(f, &self.maintain, &self.recommendations)
    }
}
