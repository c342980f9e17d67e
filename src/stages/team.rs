//! The team's view: with several salespeople, any of them can open a door
//! for another (DOMAIN.md, "A team shares its network").
//!
//! [`team`] finds, for each key person of an account (or of every
//! prospect), which salesperson should make the first call and by which
//! path, with the next alternatives; which salespeople hold each customer
//! and prospect (and where one of us, or one of them, holds it all); the
//! risks of the team's relationships; and each salesperson's four networks
//! side by side.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::{Cost, Node, Parallelism, ViewSnapshot};
use crate::model::{
    AsOf, ContactId, DealId, DealStatus, Freshness, NetworkKind, Relation, RelationshipLevel, Role, SalesNetworks,
    Sharing,
};
use crate::paths::{PathFinder, PathOptions};
use crate::stages::common::{PathSummary, Person, Thresholds, count, some_of, who};
use crate::stages::support;

/// What the team's view looks at.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`account`](Self::account) | every prospect | the organization whose key people get intros (and whose coverage and risks are shown) |
/// | [`alternatives`](Self::alternatives) | 2 | other first callers listed after the best one |
/// | [`with_thresholds`](Self::with_thresholds) | [`Thresholds::default`] | hop limit, reach threshold, top customers |
/// | [`parallelism`](Self::parallelism) | [`Parallelism::Current`] | salespeople's searches in parallel; the same result for any number of threads |
#[derive(Debug, Clone, PartialEq)]
pub struct TeamOptions {
    account: Option<String>,
    alternatives: usize,
    thresholds: Thresholds,
    parallelism: Parallelism,
}

impl Default for TeamOptions {
    fn default() -> Self {
        Self { account: None, alternatives: 2, thresholds: Thresholds::default(), parallelism: Parallelism::Current }
    }
}

impl TeamOptions {
    /// Every setting at its default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Looks at one account (an organization name) only.
    #[must_use]
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// Lists this many other first callers after the best one (default 2).
    #[must_use]
    pub fn alternatives(mut self, n: usize) -> Self {
        self.alternatives = n;
        self
    }

    /// Sets the thresholds (the hop limit, the reach threshold, the share of top customers).
    #[must_use]
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// Sets the parallelism.
    #[must_use]
    pub fn parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }

    /// The account looked at, if one.
    pub fn account_name(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// The thresholds.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }
}

/// The team's view of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamReport {
    /// The date tie strengths were taken at.
    pub as_of: Date,
    /// The account looked at, or `None` for every prospect.
    pub account: Option<String>,
    /// The longest introduction used, in ties.
    pub max_hops: usize,
    /// Each salesperson's four networks, in input order.
    pub salespeople: Vec<Salesperson>,
    /// For each key person (decision makers, then influencers, of the account
    /// or of every prospect, in input order): who should make the first call.
    pub intros: Vec<Intro>,
    /// Which salespeople hold each customer and prospect, in organization input order.
    pub coverage: Vec<Coverage>,
    /// The team's relationship risks, by code, then organization order, then id.
    pub risks: Vec<Risk>,
}

/// One salesperson and their four networks side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Salesperson {
    /// The salesperson's id.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Whether they share their relationships with the team.
    pub share: Sharing,
    /// Market, prospect, internal, customer.
    pub networks: Vec<NetworkSize>,
}

/// The size of one salesperson's network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkSize {
    /// Which network.
    pub network: NetworkKind,
    /// Live ties of the salesperson into it: at least
    /// [`Thresholds::market_strength`] strong (as the prospecting report
    /// counts connections).
    pub size: usize,
    /// Burt's effective size of the salesperson in it over those live ties
    /// (weighted by strength, as in the prospecting report); `None` without one.
    pub effective_size: Option<f64>,
    /// Ties into it (level 1 or more) that are fading.
    pub fading: usize,
    /// Ties into it (level 1 or more) that have lapsed.
    pub lapsed: usize,
}

/// Who should make the first call to a key person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intro {
    /// The key person's id.
    pub target: ContactId,
    /// Their id again (every row that names a contact carries `id` and `name`).
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// Decision maker or influencer.
    pub role: Role,
    /// The salesperson who should make the first call (the strongest path,
    /// fewer hops breaking ties, then input order); `None` when nobody of
    /// the team reaches them within the hop limit.
    pub owner: Option<ContactId>,
    /// That salesperson's name.
    pub owner_name: Option<String>,
    /// Their path: from the first caller to the key person, over at most
    /// [`Thresholds::max_hops`] active ties, never through another
    /// salesperson or anyone who does not share.
    pub path: PathSummary,
    /// Whether that path is at least [`Thresholds::coverage_strength`] strong.
    pub reached: bool,
    /// The next best first callers (each a different salesperson), best first.
    pub alternatives: Vec<IntroOption>,
}

/// Another salesperson who could make the first call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntroOption {
    /// The salesperson.
    pub owner: ContactId,
    /// Their name.
    pub owner_name: String,
    /// Their path to the key person.
    pub path: PathSummary,
}

/// Which salespeople hold one organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// The organization.
    pub organization: String,
    /// Customer or prospect.
    pub relation: Relation,
    /// Its people in the portfolio.
    pub people: usize,
    /// Its people whom at least one salesperson holds (an active tie of level 2 or more).
    pub held: usize,
    /// The salespeople who hold someone there, in input order.
    pub reps: Vec<RepHold>,
    /// One salesperson holds every relationship there is (none is not one).
    pub single_threaded_ours: bool,
    /// Fewer than two of its people are held by anyone of the team.
    pub single_threaded_theirs: bool,
}

/// The people of an organization one salesperson holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepHold {
    /// The salesperson's id.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// How many people there they hold.
    pub ties: usize,
    /// Whom, in input order; empty for a salesperson who does not share
    /// (their ties count, but are not shown).
    pub people: Vec<Person>,
}

/// A risk code of the team's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskCode {
    /// A key person of a top customer whom only one salesperson holds.
    KeyPersonSingleRep,
    /// A key person whose ties with the whole team are fading or lapsed: nobody's is fresh.
    TeamTieFading,
    /// One referee is the best referee of several open deals.
    RefereeOverused,
}

impl RiskCode {
    /// The code as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskCode::KeyPersonSingleRep => "key_person_single_rep",
            RiskCode::TeamTieFading => "team_tie_fading",
            RiskCode::RefereeOverused => "referee_overused",
        }
    }
}

/// One risk of the team's relationships.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    /// What kind of risk.
    pub code: RiskCode,
    /// The person it is about.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// The salespeople involved (the one rep; the reps with fading ties; the deals' salespeople).
    pub reps: Vec<Person>,
    /// The open deals involved (`referee_overused`).
    pub deals: Vec<DealId>,
    /// The risk in words, with its numbers.
    pub message: String,
}

/// What a risk is about, beyond [`Risk`]'s fields: the facts its words need.
enum Concern {
    /// `key_person_single_rep`: the key person's role (the one rep is `reps[0]`).
    SingleRep { role: Role },
    /// `team_tie_fading`: the key person's role and each rep's tie freshness, parallel to `reps`.
    Fading { role: Role, ties: Vec<Freshness> },
    /// `referee_overused`: the deals are `deals`.
    Overused,
}

impl Risk {
    /// A risk about contact `n`, worded by [`Risk::words`].
    fn found(networks: &SalesNetworks, n: NodeIndex, reps: Vec<Person>, deals: Vec<DealId>, concern: &Concern) -> Self {
        let c = networks.contact_at(n);
        let code = match concern {
            Concern::SingleRep { .. } => RiskCode::KeyPersonSingleRep,
            Concern::Fading { .. } => RiskCode::TeamTieFading,
            Concern::Overused => RiskCode::RefereeOverused,
        };
        let mut risk = Risk {
            code,
            id: c.id.clone(),
            name: c.name.clone(),
            organization: c.organization.clone(),
            reps,
            deals,
            message: String::new(),
        };
        risk.message = risk.words(concern);
        risk
    }

    /// The risk in words, from its facts.
    fn words(&self, concern: &Concern) -> String {
        let person = who(&self.name, &self.id);
        let org = &self.organization;
        match concern {
            Concern::SingleRep { role } => format!(
                "only {} holds {person}, {} at {org}, a top customer: bring a second salesperson to meet them",
                self.reps.first().map_or_else(String::new, ToString::to_string),
                role_words(*role)
            ),
            Concern::Fading { role, ties } => {
                let names: Vec<String> =
                    self.reps.iter().zip(ties).map(|(p, f)| format!("{p}'s tie is {}", f.as_str())).collect();
                format!(
                    "nobody of the team has a fresh tie with {person}, {} at {org} ({}): meet them before the relationship is gone",
                    role_words(*role),
                    some_of(&names, 3),
                )
            }
            Concern::Overused => format!(
                "{person} ({org}) is the best referee of {} open deals ({}): agree who asks first, and find a second referee",
                self.deals.len(),
                self.deals.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// Runs the team's view.
///
/// The facts, by the rules of DOMAIN.md ("A team shares its network"):
///
/// - **Intros**: for each decision maker and influencer of the account (of
///   every prospect without one), each salesperson's strongest path of at
///   most [`Thresholds::max_hops`] active ties (greatest product of
///   strengths, fewer hops breaking ties), never through another salesperson
///   (the path starts at the one who calls: nobody introduces a
///   colleague who then introduces themselves) nor through anyone who does
///   not share; the best is the first caller, the next
///   [`TeamOptions::alternatives`] different salespeople follow. A
///   salesperson who does not share is never proposed.
/// - **Coverage**: a salesperson *holds* a person with an active tie of
///   level 2 or more (met face to face, not lapsed). Non-sharing
///   salespeople count, without their people shown.
/// - **Risks**: `key_person_single_rep` (a decision maker or influencer of a
///   top customer, by [`Thresholds::top_customer_share`], held by exactly
///   one salesperson), `team_tie_fading` (a decision maker or influencer of
///   a customer or prospect with a tie of level 1 or more to some
///   salesperson, none of them fresh or undated, at least one fading or
///   lapsed), `referee_overused` (one customer contact is the best referee
///   of two or more open deals).
/// - **Salespeople**: per network, the active ties, Burt's effective size
///   (strength-weighted) and the fading and lapsed ties.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for an unknown account or our own firm;
/// [`Error::InvalidArgument`] for a parallelism of 0 threads.
///
/// # Complexity
///
/// One hop-limited search per salesperson: O(s h (V + E) log V) for s
/// salespeople and h = [`Thresholds::max_hops`] at worst, run in parallel;
/// plus O(V + E) for the snapshot, coverage and sizes.
///
/// # Examples
///
/// ```
/// use salesnet::stages::{TeamOptions, team};
/// use salesnet::{Contact, DecayPolicy, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};
/// use salesnet::jiff::civil::date;
///
/// let lvl = RelationshipLevel::new;
/// let mut b = SalesNetworks::builder();
/// b.organization(Organization::new("Acme", Relation::Own))
///     .organization(Organization::new("Globex", Relation::Prospect))
///     .contact(Contact::new("ann", "Ann Seller", "Acme", Role::Owner)?)
///     .contact(Contact::new("pri", "Priya Shah", "Acme", Role::Owner)?)
///     .contact(Contact::new("cfo", "Carl Chief", "Globex", Role::DecisionMaker)?)
///     .tie(Tie::new("pri", "cfo", lvl(4)?)?.with_last_contact(date(2026, 10, 1)));
/// let networks = b.build()?;
/// let as_of = networks.at(date(2026, 11, 1), &DecayPolicy::default());
/// let report = team(&as_of, &TeamOptions::new())?;
/// assert_eq!(report.intros[0].owner.as_ref().map(|o| o.as_str()), Some("pri"));
/// assert!(report.coverage[0].single_threaded_ours);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn team(as_of: &AsOf<'_>, options: &TeamOptions) -> Result<TeamReport> {
    let networks = as_of.networks();
    let t = &options.thresholds;
    let account = match &options.account {
        None => None,
        Some(name) => {
            let Some(org) = networks.organization(name) else {
                return Err(Error::InvalidArgument {
                    name: "account",
                    reason: format!("no organization named `{name}`"),
                });
            };
            if org.relation == Relation::Own {
                return Err(Error::InvalidArgument {
                    name: "account",
                    reason: format!("`{name}` is our own firm, not an account"),
                });
            }
            Some(name.as_str())
        }
    };
    let in_scope = |n: NodeIndex| match account {
        Some(a) => networks.contact_at(n).organization == a,
        None => networks.organization_at(n).relation == Relation::Prospect,
    };
    let whole = as_of.active_whole();
    let key = |n: NodeIndex| matches!(networks.contact_at(n).role, Role::DecisionMaker | Role::Influencer);
    let targets: Vec<NodeIndex> = [Role::DecisionMaker, Role::Influencer]
        .iter()
        .flat_map(|&role| {
            networks.graph().node_indices().filter(move |&n| networks.contact_at(n).role == role && in_scope(n))
        })
        .collect();
    let intros = intros(as_of, &whole, &targets, options)?;

    let held = Held::new(as_of);
    let orgs: Vec<usize> = networks
        .organizations()
        .iter()
        .enumerate()
        .filter(|(_, o)| matches!(o.relation, Relation::Customer | Relation::Prospect))
        .filter(|(_, o)| account.is_none_or(|a| o.name == a))
        .map(|(i, _)| i)
        .collect();
    let coverage: Vec<Coverage> = orgs.iter().map(|&o| held.coverage(o)).collect();

    let mut risks = Vec::new();
    let top = super::closing::TopCustomers::new(networks, t);
    for &o in &orgs {
        let org = &networks.organizations()[o];
        let members = &held.members[o];
        if org.relation == Relation::Customer && top.is_top(org.value) {
            for &n in members.iter().filter(|&&n| key(n)) {
                let reps = held.reps_of(n);
                if let [rep] = reps.as_slice() {
                    let concern = Concern::SingleRep { role: networks.contact_at(n).role };
                    risks.push(Risk::found(networks, n, vec![Person::of(networks, *rep)], Vec::new(), &concern));
                }
            }
        }
        for &n in members.iter().filter(|&&n| key(n)) {
            if let Some(risk) = fading_risk(as_of, &held, n) {
                risks.push(risk);
            }
        }
    }
    risks.extend(referee_risks(as_of, account)?);
    risks.sort_by_key(|r| r.code);

    let salespeople = networks.owner_nodes().iter().map(|&s| salesperson(as_of, s, t.market_strength)).collect();
    Ok(TeamReport {
        as_of: as_of.date(),
        account: account.map(str::to_string),
        max_hops: t.max_hops,
        salespeople,
        intros,
        coverage,
        risks,
    })
}

/// "decision maker", "influencer".
fn role_words(role: Role) -> &'static str {
    match role {
        Role::DecisionMaker => "decision maker",
        Role::Influencer => "influencer",
        _ => "key person",
    }
}

/// The first caller and alternatives of each target.
fn intros(
    as_of: &AsOf<'_>,
    whole: &ViewSnapshot<'_>,
    targets: &[NodeIndex],
    options: &TeamOptions,
) -> Result<Vec<Intro>> {
    let networks = as_of.networks();
    let t = &options.thresholds;
    // The salespeople who may call: those who share.
    let callers: Vec<NodeIndex> =
        networks.owner_nodes().iter().copied().filter(|&s| networks.contact_at(s).share.is_yes()).collect();
    // No path runs through a salesperson (the last one on it would be the
    // first caller) or through anyone who does not share.
    let avoid: Vec<Node> = networks
        .graph()
        .node_indices()
        .filter(|&n| networks.is_owner(n) || !networks.contact_at(n).share.is_yes())
        .filter_map(|n| whole.node(n))
        .collect();
    let target_vs: Vec<Node> = targets.iter().filter_map(|&n| whole.node(n)).collect();
    let search = PathOptions::new().cost(Cost::NegLog).max_hops(t.max_hops).avoid(avoid);
    let run = |finder: &mut PathFinder<'_>, s: NodeIndex| -> Result<Vec<Option<PathSummary>>> {
        let Some(v) = whole.node(s) else { return Ok(vec![None; target_vs.len()]) };
        let paths = finder.best_many(&[v], &target_vs, &search)?;
        Ok(paths.into_iter().map(|p| p.map(|p| support::path_summary(whole, &p.nodes))).collect())
    };
    let per_caller: Vec<Result<Vec<Option<PathSummary>>>> = options.parallelism.install(|parallel| {
        let snapshot = whole.snapshot();
        #[cfg(feature = "rayon")]
        if parallel {
            use rayon::prelude::*;
            return callers.par_iter().map_init(|| PathFinder::new(snapshot), |f, &s| run(f, s)).collect();
        }
        let _ = parallel;
        let mut finder = PathFinder::new(snapshot);
        callers.iter().map(|&s| run(&mut finder, s)).collect()
    })?;
    let per_caller: Vec<Vec<Option<PathSummary>>> = per_caller.into_iter().collect::<Result<_>>()?;

    let mut out = Vec::with_capacity(targets.len());
    for (ti, &n) in targets.iter().enumerate() {
        let c = networks.contact_at(n);
        // Targets are in the whole snapshot; `ti` indexes `target_vs` alike.
        let mut options_here: Vec<(usize, &PathSummary)> =
            per_caller.iter().enumerate().filter_map(|(ci, paths)| paths.get(ti)?.as_ref().map(|p| (ci, p))).collect();
        options_here
            .sort_by(|a, b| b.1.strength.total_cmp(&a.1.strength).then(a.1.hops.cmp(&b.1.hops)).then(a.0.cmp(&b.0)));
        let mut ranked = options_here.into_iter().map(|(ci, p)| (networks.contact_at(callers[ci]), p.clone()));
        let best = ranked.next();
        let alternatives = ranked
            .take(options.alternatives)
            .map(|(s, path)| IntroOption { owner: s.id.clone(), owner_name: s.name.clone(), path })
            .collect();
        let (owner, owner_name, path) = match best {
            Some((s, p)) => (Some(s.id.clone()), Some(s.name.clone()), p),
            None => (None, None, PathSummary::none()),
        };
        out.push(Intro {
            target: c.id.clone(),
            id: c.id.clone(),
            name: c.name.clone(),
            organization: c.organization.clone(),
            role: c.role,
            owner,
            owner_name,
            reached: path.exists() && path.strength >= t.coverage_strength,
            path,
            alternatives,
        });
    }
    Ok(out)
}

/// Who holds whom: the active ties of level 2 or more of each salesperson,
/// grouped by organization.
struct Held<'a> {
    networks: &'a SalesNetworks,
    /// People of each organization, in input order.
    members: Vec<Vec<NodeIndex>>,
    /// For each person, the salespeople who hold them, in owner input order.
    holders: BTreeMap<NodeIndex, Vec<NodeIndex>>,
    /// For each person, the salespeople's ties of level 1 or more with them
    /// and their freshness, in owner input order.
    salespeople_ties: BTreeMap<NodeIndex, Vec<(NodeIndex, Freshness)>>,
}

impl<'a> Held<'a> {
    fn new(as_of: &AsOf<'a>) -> Self {
        let networks = as_of.networks();
        let graph = networks.graph();
        let mut members = vec![Vec::new(); networks.organizations().len()];
        for n in graph.node_indices() {
            members[networks.organization_index_at(n)].push(n);
        }
        let mut holders: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
        let mut salespeople_ties: BTreeMap<NodeIndex, Vec<(NodeIndex, Freshness)>> = BTreeMap::new();
        for &s in networks.owner_nodes() {
            for e in graph.edges(s) {
                let other = if e.source() == s { e.target() } else { e.source() };
                let d = as_of.dated(e.id());
                if d.tie.level > RelationshipLevel::NO_CONTACT {
                    salespeople_ties.entry(other).or_default().push((s, d.freshness));
                }
                if holds(as_of, e.id()) && !networks.is_owner(other) {
                    let h = holders.entry(other).or_default();
                    if !h.contains(&s) {
                        h.push(s);
                    }
                }
            }
        }
        Self { networks, members, holders, salespeople_ties }
    }

    fn reps_of(&self, n: NodeIndex) -> Vec<NodeIndex> {
        self.holders.get(&n).cloned().unwrap_or_default()
    }

    fn coverage(&self, o: usize) -> Coverage {
        let networks = self.networks;
        let org = &networks.organizations()[o];
        let members = &self.members[o];
        // The people each salesperson holds there, by the salesperson's
        // position among the owners: one pass over the members.
        let owners = networks.owner_nodes();
        let mut by_owner: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
        let mut held = 0;
        for &n in members {
            let Some(h) = self.holders.get(&n) else { continue };
            held += 1;
            for s in h {
                if let Some(k) = owners.iter().position(|o| o == s) {
                    by_owner.entry(k).or_default().push(n);
                }
            }
        }
        let reps: Vec<RepHold> = by_owner
            .into_iter()
            .map(|(k, people)| {
                let c = networks.contact_at(owners[k]);
                RepHold {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    ties: people.len(),
                    people: if c.share.is_yes() {
                        people.iter().map(|&n| Person::of(networks, n)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        Coverage {
            organization: org.name.clone(),
            relation: org.relation,
            people: members.len(),
            held,
            single_threaded_ours: reps.len() == 1,
            single_threaded_theirs: held < 2,
            reps,
        }
    }
}

/// A tie that holds a relationship: active, level 2 or more.
fn holds(as_of: &AsOf<'_>, e: petgraph::graph::EdgeIndex) -> bool {
    let d = as_of.dated(e);
    d.tie.level >= RelationshipLevel::MET && d.strength.get() > 0.0
}

/// `team_tie_fading` for one key person, if it applies.
fn fading_risk(as_of: &AsOf<'_>, held: &Held<'_>, n: NodeIndex) -> Option<Risk> {
    let networks = as_of.networks();
    let ties: &[(NodeIndex, Freshness)] = held.salespeople_ties.get(&n).map_or(&[], Vec::as_slice);
    let any_live = ties.iter().any(|(_, f)| matches!(f, Freshness::Fresh | Freshness::Undated));
    if ties.is_empty() || any_live {
        return None;
    }
    let reps: Vec<Person> = ties.iter().map(|&(s, _)| Person::of(networks, s)).collect();
    let concern = Concern::Fading { role: networks.contact_at(n).role, ties: ties.iter().map(|&(_, f)| f).collect() };
    Some(Risk::found(networks, n, reps, Vec::new(), &concern))
}

/// `referee_overused`: one customer contact is the best referee of several open deals.
fn referee_risks(as_of: &AsOf<'_>, account: Option<&str>) -> Result<Vec<Risk>> {
    let networks = as_of.networks();
    let open: Vec<&crate::model::Deal> = networks
        .deals()
        .iter()
        .filter(|d| d.status == DealStatus::Open && account.is_none_or(|a| d.organization == a))
        .collect();
    if open.is_empty() {
        return Ok(Vec::new());
    }
    let facts = super::deal_reach::deal_facts(as_of, &open, &super::FunnelOptions::new())?;
    let mut by_referee: BTreeMap<ContactId, (Vec<DealId>, Vec<ContactId>)> = BTreeMap::new();
    for f in &facts {
        if let Some(r) = &f.referee {
            let e = by_referee.entry(r.id.clone()).or_default();
            e.0.push(f.id.clone());
            if !e.1.contains(&f.owner) {
                e.1.push(f.owner.clone());
            }
        }
    }
    let mut out = Vec::new();
    for (id, (mut deals, owners)) in by_referee {
        if deals.len() < 2 {
            continue;
        }
        deals.sort();
        let Some(n) = networks.node(id.as_str()) else { continue };
        let reps: Vec<Person> =
            owners.iter().filter_map(|o| networks.node(o.as_str())).map(|s| Person::of(networks, s)).collect();
        out.push(Risk::found(networks, n, reps, deals, &Concern::Overused));
    }
    Ok(out)
}

/// One salesperson's four networks: live ties (at least `live` strong)
/// counted and weighed as in the prospecting report.
fn salesperson(as_of: &AsOf<'_>, s: NodeIndex, live: f64) -> Salesperson {
    let networks = as_of.networks();
    let c = networks.contact_at(s);
    let networks_out = NetworkKind::ALL
        .iter()
        .map(|&kind| {
            let member = |n: NodeIndex| n == s || networks.organization_at(n).relation == kind.relation();
            let mut size = 0;
            let (mut fading, mut lapsed) = (0, 0);
            for (contact, d) in as_of.ties_of(c.id.as_str()) {
                let Some(n) = networks.node(contact.id.as_str()) else { continue };
                if !member(n) {
                    continue;
                }
                if d.strength.get() >= live && d.strength.get() > 0.0 {
                    size += 1;
                }
                if d.tie.level > RelationshipLevel::NO_CONTACT {
                    match d.freshness {
                        Freshness::Fading => fading += 1,
                        Freshness::Lapsed => lapsed += 1,
                        _ => {}
                    }
                }
            }
            NetworkSize { network: kind, size, effective_size: effective_size(as_of, s, member, live), fading, lapsed }
        })
        .collect();
    Salesperson { id: c.id.clone(), name: c.name.clone(), share: c.share, networks: networks_out }
}

/// Burt's effective size of `ego` over the active ties among the nodes
/// `member` accepts, the ego's own ties only when at least `live` strong,
/// weighted by strength (NetworkX's `effective_size` with weights): the sum
/// over contacts `u` of `1 - sum_w p(ego, w) m(u, w)`, `p` the share of
/// ego's tie strength to `w`, `m(u, w)` `u`'s tie to `w` over `u`'s
/// strongest tie. Only the ego's contacts and their ties are read. `None`
/// for an ego without a live tie.
fn effective_size(as_of: &AsOf<'_>, ego: NodeIndex, member: impl Fn(NodeIndex) -> bool, live: f64) -> Option<f64> {
    let networks = as_of.networks();
    let graph = networks.graph();
    // The ego's active ties into the view, in neighbour order.
    let active_ties = |n: NodeIndex| {
        let mut ties: Vec<(NodeIndex, f64)> = graph
            .edges(n)
            .map(|e| (if e.source() == n { e.target() } else { e.source() }, as_of.strength(e.id()).get()))
            .filter(|&(m, w)| w > 0.0 && m != n && member(m) && ((n != ego && m != ego) || w >= live))
            .collect();
        ties.sort_by_key(|&(m, _)| m);
        ties
    };
    let mine = active_ties(ego);
    if mine.is_empty() {
        return None;
    }
    let total: f64 = mine.iter().map(|&(_, w)| w).sum();
    let mut size = 0.0;
    for &(u, _) in &mine {
        let theirs = active_ties(u);
        let max = theirs.iter().map(|&(_, w)| w).fold(0.0, f64::max);
        let mut redundancy = 0.0;
        for &(w, pw) in &mine {
            if w == u {
                continue;
            }
            if let Ok(i) = theirs.binary_search_by_key(&w, |&(m, _)| m) {
                redundancy += (pw / total) * (theirs[i].1 / max);
            }
        }
        size += 1.0 - redundancy;
    }
    Some(size)
}

impl fmt::Display for TeamReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scope = self.account.as_deref().map_or_else(|| "every prospect".to_string(), str::to_string);
        writeln!(f, "TEAM: {} salespeople, {scope}, as of {}", self.salespeople.len(), self.as_of)?;

        writeln!(f, "\nSalespeople (live ties / effective size / fading ties, per network):")?;
        write!(f, "  {:<30}", "")?;
        for kind in NetworkKind::ALL {
            write!(f, " {:>18}", kind.as_str())?;
        }
        writeln!(f)?;
        for s in &self.salespeople {
            let label = format!("{}{}", who(&s.name, &s.id), if s.share.is_yes() { "" } else { " (private)" });
            write!(f, "  {label:<30}")?;
            for n in &s.networks {
                write!(
                    f,
                    " {:>18}",
                    format!(
                        "{} / {} / {}",
                        n.size,
                        n.effective_size.map_or_else(|| "-".to_string(), |e| format!("{e:.1}")),
                        n.fading
                    )
                )?;
            }
            writeln!(f)?;
        }

        writeln!(
            f,
            "\nFirst calls ({} key people, paths of at most {}):",
            self.intros.len(),
            count(self.max_hops, "tie", "ties")
        )?;
        if self.intros.is_empty() {
            writeln!(f, "  none: no decision makers or influencers in scope")?;
        }
        for i in &self.intros {
            let target = format!("{} ({}, {})", who(&i.name, &i.id), role_words(i.role), i.organization);
            match (&i.owner, &i.owner_name) {
                (Some(o), Some(name)) => {
                    writeln!(
                        f,
                        "  {target}: {} calls{}: {}",
                        who(name, o),
                        if i.reached { "" } else { " (weak)" },
                        i.path.render()
                    )?;
                    for a in &i.alternatives {
                        writeln!(f, "      or {}: {}", who(&a.owner_name, &a.owner), a.path.render())?;
                    }
                }
                _ => writeln!(f, "  {target}: nobody of the team reaches them")?,
            }
        }

        writeln!(f, "\nCoverage ({} organizations):", self.coverage.len())?;
        for c in &self.coverage {
            let mut flags = Vec::new();
            if c.single_threaded_ours {
                flags.push("SINGLE-THREADED OURS");
            }
            if c.single_threaded_theirs {
                flags.push("SINGLE-THREADED THEIRS");
            }
            writeln!(
                f,
                "  {} ({}): {} of {} people held{}",
                c.organization,
                c.relation.as_str(),
                c.held,
                c.people,
                if flags.is_empty() { String::new() } else { format!("  {}", flags.join("  ")) }
            )?;
            for r in &c.reps {
                let people: Vec<String> = r.people.iter().map(ToString::to_string).collect();
                let whom =
                    if people.is_empty() && r.ties > 0 { "(not shared)".to_string() } else { some_of(&people, 4) };
                writeln!(f, "      {} holds {}: {whom}", who(&r.name, &r.id), count(r.ties, "person", "people"))?;
            }
        }

        writeln!(f, "\nRisks ({}):", self.risks.len())?;
        if self.risks.is_empty() {
            writeln!(f, "  none")?;
        }
        for r in &self.risks {
            writeln!(f, "  [{}] {}", r.code.as_str(), r.message)?;
        }
        Ok(())
    }
}
