//! Each open deal's relationships: the buying committee of its account, who
//! of it the deal's salesperson reaches, the best middleman, the best
//! referee for its decision maker, and the next action.
//!
//! The rules of DOMAIN.md ("How the playbook judges") are the advice's,
//! read from the same code as the stage reports, so that *reached*, *met*,
//! the middleman and the referee mean the same in the funnel as in
//! [`buy_in`](crate::stages::buy_in) and [`closing`](crate::stages::closing),
//! under the same [`Thresholds`](crate::stages::Thresholds)
//! ([`FunnelOptions::with_stage_thresholds`](crate::stages::FunnelOptions::with_stage_thresholds)):
//!
//! - **Reached**: the strongest path from the salesperson (greatest product
//!   of strengths, fewer hops breaking a tie) over active ties, at most
//!   `max_hops` ties (default 3), has a strength of at least
//!   `coverage_strength` (default 0.3). Every member of the buying committee
//!   is judged so; the decision makers and influencers are buy-in's key
//!   people.
//! - **Met** and **single-threaded**: an active direct tie of level 2 or
//!   more; fewer than two people of the account met.
//! - **Middleman**: buy-in's first middleman (insiders on the salesperson's
//!   paths to the decision makers and influencers, by the strength of those
//!   paths).
//! - **Referee**: closing's best referee for one of the account's decision
//!   makers (the highest score; a customer contact of another organization
//!   with an active tie to the decision maker, whom the salesperson can ask
//!   directly or through one introduction; lapsed ties are not asked).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::error::Result;
use crate::graph::map_per_thread;
use crate::graph::{Cost, Node, ViewSnapshot};
use crate::model::{AsOf, ContactId, Deal, DealId, Relation, RelationshipLevel, Role, SalesNetworks, Stage, Step};
use crate::paths::{PathFinder, PathOptions};
use crate::stages::buy_in::{OwnerTies, account_facts, is_reached, key_people};
use crate::stages::closing::{Referee, TopCustomers, referee_facts};
use crate::stages::common::{PathSummary, Person, Thresholds, who};
use crate::stages::funnel::FunnelOptions;
use crate::stages::support;

/// One open deal and the relationships it needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealFacts {
    /// The deal id.
    pub id: DealId,
    /// The buying organization.
    pub organization: String,
    /// The salesperson's id.
    pub owner: ContactId,
    /// The salesperson's name.
    pub owner_name: String,
    /// The deal's step.
    pub step: Step,
    /// The amount, if known.
    pub amount: Option<f64>,
    /// The stages that matter at this step: `buy-in` and `solution` up to
    /// `proposal`, `closing` from `negotiating` on.
    pub stages: Vec<Stage>,
    /// The account's buying committee (decision makers, influencers,
    /// gatekeepers, buyers, users), in input order.
    pub committee: Vec<CommitteeMember>,
    /// People of the account the salesperson has met (active direct tie of
    /// at least the met level).
    pub met: usize,
    /// Fewer than two people of the account met.
    pub single_threaded: bool,
    /// How many decision makers the account has.
    pub decision_makers: usize,
    /// The decision makers the salesperson reaches (see
    /// [`CommitteeMember::reached`]), with id and name, in input order.
    pub decision_makers_reached: Vec<Person>,
    /// The best middleman inside the account, if any.
    pub middleman: Option<DealMiddleman>,
    /// The best referee for a decision maker, if any.
    pub referee: Option<DealReferee>,
    /// What to do next for this deal.
    pub next_action: NextAction,
}

/// A member of a deal's buying committee, seen from the deal's salesperson.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitteeMember {
    /// The contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// The salesperson's own tie level with them, if any.
    pub owner_level: Option<RelationshipLevel>,
    /// Whether the salesperson has met them (an active direct tie of at least the met level).
    pub met: bool,
    /// Whether the strongest short path is at least the reach strength.
    pub reached: bool,
    /// The strongest path of active ties from the salesperson, within the hop limit; no nodes if none.
    pub path: PathSummary,
}

/// The best middleman of a deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealMiddleman {
    /// The contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Summed strength of the salesperson's paths to key people through them
    /// (buy-in's middleman score).
    pub score: f64,
    /// The decision makers and influencers those paths lead to.
    pub leads_to: Vec<ContactId>,
}

/// The best referee for a deal's decision maker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealReferee {
    /// The customer contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// The decision maker they can vouch to.
    pub target: ContactId,
    /// The decision maker's name.
    pub target_name: String,
    /// The salesperson's way to ask the referee: their own tie, or two ties
    /// through the introducer `via`; its strength is closing's `access`.
    pub path: PathSummary,
    /// The contact who introduces the salesperson to the referee, when the
    /// salesperson has no active tie of their own with them.
    pub via: Option<ContactId>,
    /// That contact's name.
    pub via_name: Option<String>,
    /// Closing's score: access times the referee's tie to the decision
    /// maker times the value factor (1 for a top customer).
    pub score: f64,
}

/// What a next action asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DealAction {
    /// Nobody who decides is known: map the account's organization.
    MapAccount,
    /// Meet the person face to face.
    Meet,
    /// Get introduced along the path (through the middleman where there is one).
    Introduce,
    /// Ask the referee to vouch for you.
    AskReferral,
    /// Renew a lapsed or fading tie.
    Reconnect,
    /// Keep the relationship warm.
    Maintain,
}

impl DealAction {
    /// The action as written in reports (`ask_referral`).
    pub fn as_str(self) -> &'static str {
        match self {
            DealAction::MapAccount => "map_account",
            DealAction::Meet => "meet",
            DealAction::Introduce => "introduce",
            DealAction::AskReferral => "ask_referral",
            DealAction::Reconnect => "reconnect",
            DealAction::Maintain => "maintain",
        }
    }
}

/// A deal's next action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextAction {
    /// What to do.
    pub action: DealAction,
    /// Whom it is about (none for `map_account`).
    pub id: Option<ContactId>,
    /// Their name.
    pub name: Option<String>,
    /// The stage it serves.
    pub stage: Stage,
    /// Why, with the numbers.
    pub reason: String,
}

/// The stages that matter at a step.
pub(crate) fn stages_of(step: Step) -> Vec<Stage> {
    match step {
        Step::NewContact => vec![Stage::BuyIn],
        Step::Introduced | Step::Proposal => vec![Stage::BuyIn, Stage::Solution],
        Step::Negotiating | Step::Contracted | Step::Paid => vec![Stage::Closing],
    }
}

fn is_committee(role: Role) -> bool {
    matches!(role, Role::DecisionMaker | Role::Influencer | Role::Gatekeeper | Role::Buyer | Role::User)
}

/// The facts of each open deal (in the order of the salespeople, then of
/// the deals). Every salesperson's deals are worked out with one bounded
/// search from them; salespeople run in parallel under the options'
/// parallelism, with the same result for any number of threads.
pub(crate) fn deal_facts(as_of: &AsOf<'_>, open: &[&Deal], options: &FunnelOptions) -> Result<Vec<DealFacts>> {
    if open.is_empty() {
        return Ok(Vec::new());
    }
    let networks = as_of.networks();
    let whole = &as_of.active_whole();
    // The people, the buying committee and the key people of each
    // organization, by organization index, in input order.
    let mut members: Vec<Vec<NodeIndex>> = vec![Vec::new(); networks.organizations().len()];
    for n in networks.graph().node_indices() {
        members[networks.organization_index_at(n)].push(n);
    }
    let committees: Vec<Vec<NodeIndex>> = members
        .iter()
        .map(|m| m.iter().copied().filter(|&n| is_committee(networks.contact_at(n).role)).collect())
        .collect();
    let keys: Vec<Vec<NodeIndex>> = members.iter().map(|m| key_people(networks, m)).collect();
    // Deals grouped by salesperson, in first-appearance order.
    let mut by_owner: Vec<(NodeIndex, Vec<&Deal>)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for &d in open {
        let Some(owner) = networks.node(d.owner.as_str()) else { continue };
        let i = *slot.entry(d.owner.as_str()).or_insert_with(|| {
            by_owner.push((owner, Vec::new()));
            by_owner.len() - 1
        });
        by_owner[i].1.push(d);
    }
    let org_index: HashMap<&str, usize> =
        networks.organizations().iter().enumerate().map(|(i, o)| (o.name.as_str(), i)).collect();
    let top = TopCustomers::new(networks, options.stage_thresholds());
    // Everyone who does not share their ties, found once for every salesperson.
    let private = support::private_people(whole);
    let ctx = Context {
        networks,
        as_of,
        whole,
        private: &private,
        members: &members,
        committees: &committees,
        keys: &keys,
        org_index: &org_index,
        top: &top,
        options,
    };
    // One finder per worker thread, sharing one table of arc costs.
    let mut finder = PathFinder::new(whole.snapshot());
    finder.prepare_costs(Cost::NegLog)?;
    let per_owner = options.parallelism().install(|parallel| {
        map_per_thread(
            by_owner.len(),
            parallel,
            || finder.fork(),
            |finder, i| ctx.owner_deals(finder, by_owner[i].0, &by_owner[i].1),
        )
    })?;
    let mut out = Vec::with_capacity(open.len());
    for facts in per_owner {
        out.extend(facts?);
    }
    Ok(out)
}

struct Context<'a> {
    networks: &'a SalesNetworks,
    as_of: &'a AsOf<'a>,
    whole: &'a ViewSnapshot<'a>,
    /// The snapshot nodes of the people who do not share their ties.
    private: &'a [Node],
    members: &'a [Vec<NodeIndex>],
    committees: &'a [Vec<NodeIndex>],
    keys: &'a [Vec<NodeIndex>],
    org_index: &'a HashMap<&'a str, usize>,
    top: &'a TopCustomers,
    options: &'a FunnelOptions,
}

impl Context<'_> {
    fn owner_deals(&self, finder: &mut PathFinder<'_>, owner: NodeIndex, deals: &[&Deal]) -> Result<Vec<DealFacts>> {
        let networks = self.networks;
        let t = self.options.stage_thresholds();
        let Some(owner_v) = self.whole.node(owner) else { return Ok(Vec::new()) };
        let deal_orgs: Vec<Option<usize>> =
            deals.iter().map(|d| self.org_index.get(d.organization.as_str()).copied()).collect();
        // How many of these deals each account has: its last deal takes the
        // account's facts, the others get a copy.
        let mut left: BTreeMap<usize, usize> = BTreeMap::new();
        for &o in deal_orgs.iter().flatten() {
            *left.entry(o).or_insert(0) += 1;
        }
        let orgs: BTreeSet<usize> = left.keys().copied().collect();
        let ties = OwnerTies::of(self.as_of, owner);

        // The strongest short paths to every committee member of the
        // accounts (the key people among them): one search for them all.
        let targets: Vec<Node> =
            orgs.iter().flat_map(|&o| self.committees[o].iter().filter_map(|&n| self.whole.node(n))).collect();
        // Never through someone who does not share their ties (other than the salesperson).
        let private = self.private.iter().copied().filter(|&v| v != owner_v);
        let reach_options = PathOptions::new().cost(Cost::NegLog).max_hops(t.max_hops).avoid(private);
        let found = finder.best_many(&[owner_v], &targets, &reach_options)?;
        let path_to: HashMap<Node, Vec<Node>> =
            targets.iter().zip(found).filter_map(|(&v, p)| p.map(|p| (v, p.nodes))).collect();

        let mut account_cache: BTreeMap<usize, Account> = BTreeMap::new();
        let mut out = Vec::with_capacity(deals.len());
        let owner_contact = networks.contact_at(owner);
        for (d, &org) in deals.iter().zip(&deal_orgs) {
            let Some(org_index) = org else { continue };
            let last = left.get_mut(&org_index).is_none_or(|count| {
                *count -= 1;
                *count == 0
            });
            let account = if last {
                account_cache.remove(&org_index).unwrap_or_else(|| self.account(org_index, &ties, &path_to, t))
            } else {
                account_cache.entry(org_index).or_insert_with(|| self.account(org_index, &ties, &path_to, t)).clone()
            };
            let stages = stages_of(d.step);
            let next_action = next_action(d, &account, &stages);
            out.push(DealFacts {
                id: d.id.clone(),
                organization: d.organization.clone(),
                owner: owner_contact.id.clone(),
                owner_name: owner_contact.name.clone(),
                step: d.step,
                amount: d.amount,
                stages,
                met: account.met,
                single_threaded: account.single_threaded,
                decision_makers: account.committee.iter().filter(|m| m.role == Role::DecisionMaker).count(),
                decision_makers_reached: account
                    .committee
                    .iter()
                    .filter(|m| m.role == Role::DecisionMaker && m.reached)
                    .map(|m| Person { id: m.id.clone(), name: m.name.clone() })
                    .collect(),
                committee: account.committee,
                middleman: account.middleman,
                referee: account.referee,
                next_action,
            });
        }
        Ok(out)
    }

    /// The facts of one account for one salesperson: buy-in's facts of
    /// the account and closing's referees of its decision makers.
    fn account(&self, org: usize, ties: &OwnerTies<'_>, path_to: &HashMap<Node, Vec<Node>>, t: &Thresholds) -> Account {
        let networks = self.networks;
        let organization = &networks.organizations()[org];
        let key_nodes = &self.keys[org];
        let paths: Vec<Option<Vec<Node>>> =
            key_nodes.iter().map(|&n| self.whole.node(n).and_then(|v| path_to.get(&v).cloned())).collect();
        let facts = account_facts(self.as_of, self.whole, ties, organization, &self.members[org], key_nodes, &paths, t);
        let committee: Vec<CommitteeMember> = self.committees[org]
            .iter()
            .map(|&n| {
                let c = networks.contact_at(n);
                let key = facts.decision_makers.iter().chain(&facts.influencers).find(|k| k.id == c.id);
                let path = match key {
                    Some(k) => k.path.clone(),
                    None => self
                        .whole
                        .node(n)
                        .and_then(|v| path_to.get(&v))
                        .map_or_else(PathSummary::none, |p| support::path_summary(self.whole, p)),
                };
                CommitteeMember {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    role: c.role,
                    owner_level: ties.level(n),
                    met: ties.met(n),
                    reached: key.map_or_else(|| is_reached(&path, t), |k| k.reached),
                    path,
                }
            })
            .collect();
        let middleman = facts.middlemen.first().map(|m| DealMiddleman {
            id: m.id.clone(),
            name: m.name.clone(),
            role: m.role,
            score: m.score,
            leads_to: m.leads_to.iter().map(|p| p.id.clone()).collect(),
        });

        // Referee: closing's best referee for one of the decision makers.
        let mut referee: Option<DealReferee> = None;
        if organization.relation != Relation::Own {
            for &n in key_nodes.iter().filter(|&&n| networks.contact_at(n).role == Role::DecisionMaker) {
                let (referees, _) = referee_facts(self.as_of, self.whole, ties, n, self.top, t);
                let Some(best) = referees.into_iter().next() else { continue };
                let better = referee
                    .as_ref()
                    .is_none_or(|b| best.score.total_cmp(&b.score).then_with(|| b.id.cmp(&best.id)).is_gt());
                if better {
                    referee = Some(DealReferee::of(networks, ties.owner(), n, best));
                }
            }
        }
        Account { committee, met: facts.met.len(), single_threaded: facts.single_threaded, middleman, referee }
    }
}

impl DealReferee {
    /// The deal's view of closing's referee for the decision maker `target`.
    fn of(networks: &SalesNetworks, owner: NodeIndex, target: NodeIndex, r: Referee) -> Self {
        let owner = networks.contact_at(owner);
        let target = networks.contact_at(target);
        let mut nodes = vec![owner.id.clone()];
        let mut names = vec![owner.name.clone()];
        if let (Some(v), Some(name)) = (&r.via, &r.via_name) {
            nodes.push(v.clone());
            names.push(name.clone());
        }
        nodes.push(r.id.clone());
        names.push(r.name.clone());
        let hops = nodes.len() - 1;
        DealReferee {
            id: r.id,
            name: r.name,
            organization: r.organization,
            target: target.id.clone(),
            target_name: target.name.clone(),
            path: PathSummary { nodes, names, strength: r.access, hops },
            via: r.via,
            via_name: r.via_name,
            score: r.score,
        }
    }
}

/// What one salesperson knows of one account.
#[derive(Clone)]
struct Account {
    committee: Vec<CommitteeMember>,
    met: usize,
    single_threaded: bool,
    middleman: Option<DealMiddleman>,
    referee: Option<DealReferee>,
}

/// The next action for a deal: the step picks the stage that matters.
fn next_action(deal: &Deal, account: &Account, stages: &[Stage]) -> NextAction {
    let stage = stages.first().copied().unwrap_or(Stage::BuyIn);
    let act = |action: DealAction, m: Option<&CommitteeMember>, reason: String| NextAction {
        action,
        id: m.map(|m| m.id.clone()),
        name: m.map(|m| m.name.clone()),
        stage,
        reason,
    };
    let dms: Vec<&CommitteeMember> = account.committee.iter().filter(|m| m.role == Role::DecisionMaker).collect();
    if dms.is_empty() {
        return act(
            DealAction::MapAccount,
            None,
            format!("no decision maker of {} is in the portfolio: map who decides", deal.organization),
        );
    }
    if stage == Stage::Closing
        && let Some(r) = &account.referee
    {
        return NextAction {
            action: DealAction::AskReferral,
            id: Some(r.id.clone()),
            name: Some(r.name.clone()),
            stage,
            reason: format!(
                "ask {} of {}{} to vouch for you to decision maker {}: path strength {:.2}, score {:.2}",
                who(&r.name, &r.id),
                r.organization,
                r.via.as_ref().map_or_else(String::new, |v| format!(
                    " (through {})",
                    who(r.via_name.as_deref().unwrap_or(""), v)
                )),
                who(&r.target_name, &r.target),
                r.path.strength,
                r.score
            ),
        };
    }
    // The strongest unreached decision maker first.
    let unreached = dms
        .iter()
        .filter(|m| !m.reached)
        .max_by(|a, b| a.path.strength.total_cmp(&b.path.strength).then_with(|| b.id.cmp(&a.id)));
    if let Some(dm) = unreached {
        if dm.owner_level.is_some_and(|l| l >= RelationshipLevel::MET) && !dm.met {
            return act(
                DealAction::Reconnect,
                Some(dm),
                format!(
                    "your tie to decision maker {} (level {}) has lapsed",
                    who(&dm.name, &dm.id),
                    dm.owner_level.map_or(0, |l| l.get())
                ),
            );
        }
        if let Some(m) = account.middleman.as_ref().filter(|m| m.leads_to.contains(&dm.id)) {
            return act(
                DealAction::Introduce,
                Some(dm),
                format!(
                    "ask middleman {} to introduce you to decision maker {}",
                    who(&m.name, &m.id),
                    who(&dm.name, &dm.id)
                ),
            );
        }
        if dm.path.exists() {
            return act(
                DealAction::Introduce,
                Some(dm),
                format!(
                    "decision maker {} is not reached: the strongest path is {} ties of strength {:.2}; get introduced through {}",
                    who(&dm.name, &dm.id),
                    dm.path.hops,
                    dm.path.strength,
                    dm.path
                        .nodes
                        .get(1)
                        .map_or_else(|| "-".to_string(), |id| who(dm.path.names.get(1).map_or("", String::as_str), id))
                ),
            );
        }
        return act(
            DealAction::Meet,
            Some(dm),
            format!("no path of active ties reaches decision maker {}: find a way to meet them", who(&dm.name, &dm.id)),
        );
    }
    if account.met < 2 {
        let next = account
            .committee
            .iter()
            .filter(|m| !m.met)
            .max_by(|a, b| a.path.strength.total_cmp(&b.path.strength).then_with(|| b.id.cmp(&a.id)));
        if let Some(m) = next {
            return act(
                DealAction::Meet,
                Some(m),
                format!(
                    "single-threaded: you have met {} {} of {}; meet {} ({})",
                    account.met,
                    if account.met == 1 { "person" } else { "people" },
                    deal.organization,
                    who(&m.name, &m.id),
                    m.role.as_str().replace('_', " ")
                ),
            );
        }
    }
    let weakest =
        dms.iter().min_by(|a, b| a.path.strength.total_cmp(&b.path.strength).then_with(|| a.id.cmp(&b.id))).copied();
    act(
        DealAction::Maintain,
        weakest,
        format!(
            "every decision maker of {} is reached; keep the weakest tie warm ({:.2})",
            deal.organization,
            weakest.map_or(0.0, |m| m.path.strength)
        ),
    )
}
