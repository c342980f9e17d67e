//! What the four reports share: options, thresholds, paths, the maintain list.

use std::collections::BTreeMap;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::model::{AsOf, ContactId, Freshness, OwnerChoice, RelationshipLevel, Role, SalesNetworks};

/// Numbers that turn measures into verdicts. Every field is public; start
/// from `Thresholds::default()` and change what you need.
///
/// The defaults are the contracts of DOMAIN.md ("How the playbook judges"):
///
/// | field | default | rule |
/// |---|---|---|
/// | [`max_hops`](Self::max_hops) | 3 | a warm introduction is short |
/// | [`coverage_strength`](Self::coverage_strength) | 0.3 | a key person is *reached* by a path at least this strong |
/// | [`market_strength`](Self::market_strength) | 0.2 | only live ties count as connections |
/// | [`covered_strength`](Self::covered_strength) | 0.6 | a department is covered by a strong active tie |
/// | [`strong_level`](Self::strong_level) | 3 | a colleague for the solution team |
///
/// The fresh period that dates the plan's actions is the decay policy's
/// ([`DecayPolicy::fresh_days`](crate::DecayPolicy::fresh_days), 92 days by
/// default), so a tie falls due exactly on the day it starts to fade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thresholds {
    /// Paths the reports use to reach people (buy-in's key people, the
    /// solution team) run over at most this many ties from the salesperson
    /// (default 3): nobody asks for a chain of five introductions.
    pub max_hops: usize,
    /// Lowest level of a colleague the solution team counts on (default 3,
    /// easy rapport), together with [`covered_strength`](Self::covered_strength).
    pub strong_level: RelationshipLevel,
    /// Prospecting: a contact of the owner at least this share of whose own
    /// ties lead to the owner's other market contacts, and who brings nobody
    /// new, is **redundant** (default 0.5). Supporters and fans (level 4-5)
    /// never are.
    pub redundancy: f64,
    /// Prospecting: a contact of the owner who knows at least this many
    /// market people the owner does not know is an **information broker**
    /// (default 2).
    pub broker_min_new: usize,
    /// Prospecting: a market contact counts as one of the owner's
    /// connections only with a tie at least this strong as of the date
    /// (default 0.2: a fresh level-1 tie; never the ghost of a tie that
    /// lapsed or nearly lapsed).
    pub market_strength: f64,
    /// Prospecting: the owner has *enough connections* when the effective
    /// size of their market network is at least this (default 20) ...
    pub enough_effective_size: f64,
    /// ... and the industries of their market contacts have a Blau
    /// diversity of at least this (default 0.6).
    pub enough_diversity: f64,
    /// The reach threshold: a decision maker or influencer counts as
    /// **reached** when the strongest path of at most [`max_hops`](Self::max_hops)
    /// active ties from the owner has at least this strength (product of tie
    /// strengths along it; default 0.3, e.g. a fresh level-2 tie is 0.4).
    pub coverage_strength: f64,
    /// Solution: a department is **covered** by an active tie of the owner
    /// at least this strong (default 0.6: a fresh level-3 tie).
    pub covered_strength: f64,
    /// Solution: betweenness among colleagues is exact up to this many
    /// colleagues and sampled above (default 5,000; Riondato-Kornaropoulos,
    /// within 0.01 with probability 0.9, fixed seed).
    pub exact_betweenness_limit: usize,
    /// Closing: the share of customers, by value, flagged as **top
    /// customers** (default 0.2: the 20% who bring most of the revenue).
    pub top_customer_share: f64,
    /// Closing: a referee's score is multiplied by this when their
    /// organization is not a top customer (default 0.75).
    pub other_customer_factor: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            max_hops: 3,
            strong_level: RelationshipLevel::RAPPORT,
            redundancy: 0.5,
            broker_min_new: 2,
            market_strength: 0.2,
            enough_effective_size: 20.0,
            enough_diversity: 0.6,
            coverage_strength: 0.3,
            covered_strength: 0.6,
            exact_betweenness_limit: 5_000,
            top_customer_share: 0.2,
            other_customer_factor: 0.75,
        }
    }
}

/// Options every stage report takes: the owner it speaks for and the
/// thresholds. The date and the decay policy are the [`AsOf`]'s.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`owner`](Self::owner) | [`OwnerChoice::Only`] | the salesperson the report speaks for |
/// | [`with_thresholds`](Self::with_thresholds) | [`Thresholds::default`] | the numbers behind the verdicts |
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageOptions {
    owner: OwnerChoice,
    thresholds: Thresholds,
}

impl StageOptions {
    /// Default options: the only owner, default thresholds.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the owner the report speaks for (an id converts: `ContactId`).
    #[must_use]
    pub fn owner(mut self, owner: impl Into<OwnerChoice>) -> Self {
        self.owner = owner.into();
        self
    }

    /// Sets the thresholds.
    #[must_use]
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// The owner the report speaks for.
    pub fn owner_choice(&self) -> &OwnerChoice {
        &self.owner
    }

    /// The thresholds.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }
}

/// A path through the portfolio: contact ids in order, and its strength
/// (the product of the strengths of its ties; 0 and no nodes when there is none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathSummary {
    /// Contact ids from the start to the end.
    pub nodes: Vec<ContactId>,
    /// Their names, in the same order.
    pub names: Vec<String>,
    /// Product of the tie strengths along the path, in `[0, 1]`.
    pub strength: f64,
    /// Number of ties.
    pub hops: usize,
}

impl PathSummary {
    /// No path.
    pub fn none() -> Self {
        Self { nodes: Vec::new(), names: Vec::new(), strength: 0.0, hops: 0 }
    }

    /// Whether there is a path.
    pub fn exists(&self) -> bool {
        !self.nodes.is_empty()
    }

    /// The path as `Ann Seller (me) -> Leo Walsh (qua10) (strength 0.800 over 1 tie)`,
    /// or `no path`.
    pub fn render(&self) -> String {
        if self.nodes.is_empty() {
            return "no path".to_string();
        }
        let people: Vec<String> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, id)| who(self.names.get(i).map_or("", String::as_str), id))
            .collect();
        format!("{} (strength {:.3} over {})", people.join(" -> "), self.strength, count(self.hops, "tie", "ties"))
    }
}

/// A contact as a report row names them: id and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Person {
    /// The contact id.
    pub id: ContactId,
    /// The contact's name.
    pub name: String,
}

impl Person {
    pub(crate) fn of(networks: &SalesNetworks, node: NodeIndex) -> Self {
        let c = networks.contact_at(node);
        Self { id: c.id.clone(), name: c.name.clone() }
    }
}

impl std::fmt::Display for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&who(&self.name, &self.id))
    }
}

/// A contact as text reports name them: `Leo Walsh (qua10)`, or the id
/// alone when the name is empty or the id itself (redacted portfolios).
pub(crate) fn who(name: &str, id: &ContactId) -> String {
    let name = name.trim();
    if name.is_empty() || name == id.as_str() { id.to_string() } else { format!("{name} ({id})") }
}

/// At most `max` items joined by commas, then `and N more`.
pub(crate) fn some_of(items: &[String], max: usize) -> String {
    if items.len() <= max {
        return items.join(", ");
    }
    format!("{} and {} more", items[..max].join(", "), items.len() - max)
}

/// `1 colleague`, `2 colleagues`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a recommendation is about: a stable code, serialized (and shown)
/// as its snake-case name (`grow_network`, `drop_redundant`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecommendationCode {
    /// Prospecting: the market network's effective size is below the threshold (`grow_network`).
    GrowNetwork,
    /// Prospecting: the industries of market contacts are not diverse enough (`diversify`).
    Diversify,
    /// Prospecting: contacts who bring nobody new (`drop_redundant`).
    DropRedundant,
    /// Prospecting: ask the information brokers for introductions (`use_brokers`).
    UseBrokers,
    /// Prospecting: the owner's contacts are tied to each other (`reduce_constraint`).
    ReduceConstraint,
    /// Prospecting: a broker whose tie has lapsed (`reconnect_broker`).
    ReconnectBroker,
    /// Any stage: important ties are fading or lapsed (`maintain`).
    Maintain,
    /// Buy-in: the account has no known decision maker or influencer (`map_account`).
    MapAccount,
    /// Buy-in: a decision maker or influencer is not reached (`reach_key_person`).
    ReachKeyPerson,
    /// Buy-in: every key person is reached (`coverage`).
    Coverage,
    /// Buy-in: the best middleman inside the account (`use_middleman`).
    UseMiddleman,
    /// Buy-in: key people the owner has not met (`close_gaps`).
    CloseGaps,
    /// Buy-in: the deal hangs on one person who has met the owner (`single_threaded`).
    SingleThreaded,
    /// Solution: the internal network is sparse (`densify`).
    Densify,
    /// Solution: the internal network is dense enough (`density_ok`).
    DensityOk,
    /// Solution: departments without a strong tie (`cover_departments`).
    CoverDepartments,
    /// Solution: a colleague who is the only link to others (`bottleneck`).
    Bottleneck,
    /// Solution: colleagues tied to nobody but the owner (`include_isolated`).
    IncludeIsolated,
    /// Solution: the colleagues to bring in for an account (`solution_team`).
    SolutionTeam,
    /// Solution: a department the account needs where the owner has no strong tie (`team_gap`).
    TeamGap,
    /// Buy-in and closing: a colleague (another salesperson or anyone of our
    /// firm) who knows the key person or the target (`ask_colleague`).
    AskColleague,
    /// Closing: the best referee to ask (`ask_referee`).
    AskReferee,
    /// Closing: no customer can vouch (`no_referee`).
    NoReferee,
    /// Closing: a lapsed referee who could vouch (`revive_referee`).
    ReviveReferee,
}

impl RecommendationCode {
    /// The code as written in reports (`grow_network`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendationCode::GrowNetwork => "grow_network",
            RecommendationCode::Diversify => "diversify",
            RecommendationCode::DropRedundant => "drop_redundant",
            RecommendationCode::UseBrokers => "use_brokers",
            RecommendationCode::ReduceConstraint => "reduce_constraint",
            RecommendationCode::ReconnectBroker => "reconnect_broker",
            RecommendationCode::Maintain => "maintain",
            RecommendationCode::MapAccount => "map_account",
            RecommendationCode::ReachKeyPerson => "reach_key_person",
            RecommendationCode::Coverage => "coverage",
            RecommendationCode::UseMiddleman => "use_middleman",
            RecommendationCode::CloseGaps => "close_gaps",
            RecommendationCode::SingleThreaded => "single_threaded",
            RecommendationCode::Densify => "densify",
            RecommendationCode::DensityOk => "density_ok",
            RecommendationCode::CoverDepartments => "cover_departments",
            RecommendationCode::Bottleneck => "bottleneck",
            RecommendationCode::IncludeIsolated => "include_isolated",
            RecommendationCode::SolutionTeam => "solution_team",
            RecommendationCode::TeamGap => "team_gap",
            RecommendationCode::AskColleague => "ask_colleague",
            RecommendationCode::AskReferee => "ask_referee",
            RecommendationCode::NoReferee => "no_referee",
            RecommendationCode::ReviveReferee => "revive_referee",
        }
    }
}

impl std::fmt::Display for RecommendationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A recommendation, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// A short stable code.
    pub code: RecommendationCode,
    /// The advice in words, with its numbers.
    pub message: String,
    /// The contacts it is about, if any.
    pub ids: Vec<ContactId>,
}

impl Recommendation {
    pub(crate) fn new(code: RecommendationCode, message: String, ids: Vec<ContactId>) -> Self {
        Self { code, message, ids }
    }
}

/// An important tie of the owner that is fading or lapsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaintainItem {
    /// The contact.
    pub id: ContactId,
    /// Their name.
    pub name: String,
    /// Their role in their organization.
    pub role: Role,
    /// Why they matter in this report (`decision maker`, `referee`, `broker`, ...).
    pub reasons: Vec<&'static str>,
    /// The owner's level with them.
    pub level: RelationshipLevel,
    /// The last contact.
    pub last_contact: Option<Date>,
    /// The tie's strength as of the report's date.
    pub strength: f64,
    /// Fading or lapsed.
    pub freshness: Freshness,
}

/// Collects important people and lists the owner's fading or lapsed ties to them.
#[derive(Debug, Default)]
pub(crate) struct MaintainList {
    reasons: BTreeMap<NodeIndex, Vec<&'static str>>,
}

impl MaintainList {
    pub(crate) fn add(&mut self, node: NodeIndex, reason: &'static str) {
        let r = self.reasons.entry(node).or_default();
        if !r.contains(&reason) {
            r.push(reason);
        }
    }

    pub(crate) fn add_id(&mut self, networks: &SalesNetworks, id: &ContactId, reason: &'static str) {
        if let Some(node) = networks.node(id.as_str()) {
            self.add(node, reason);
        }
    }

    /// The owner's fading and lapsed ties to the people added: lapsed first,
    /// then fading; within each, the oldest last contact first, then by id.
    /// A tie of level 0 (a name only) was never a relationship and is never
    /// listed.
    pub(crate) fn finish(self, as_of: &AsOf<'_>, owner: NodeIndex) -> Vec<MaintainItem> {
        let graph = as_of.networks().graph();
        let mut items: Vec<MaintainItem> = self
            .reasons
            .into_iter()
            .filter_map(|(node, reasons)| {
                let dated = as_of.tie_between(owner, node)?;
                let (tie, freshness) = (dated.tie, dated.freshness);
                let was_relationship = tie.level > RelationshipLevel::NO_CONTACT;
                (was_relationship && matches!(freshness, Freshness::Fading | Freshness::Lapsed)).then(|| MaintainItem {
                    id: graph[node].id.clone(),
                    name: graph[node].name.clone(),
                    role: graph[node].role,
                    reasons,
                    level: tie.level,
                    last_contact: tie.last_contact,
                    strength: dated.strength.get(),
                    freshness,
                })
            })
            .collect();
        items.sort_by(|a, b| {
            let rank = |f: Freshness| if f == Freshness::Lapsed { 0 } else { 1 };
            rank(a.freshness).cmp(&rank(b.freshness)).then(a.last_contact.cmp(&b.last_contact)).then(a.id.cmp(&b.id))
        });
        items
    }
}

/// Writes the maintain list and recommendations at the end of a text report.
pub(crate) fn render_tail(
    f: &mut std::fmt::Formatter<'_>,
    maintain: &[MaintainItem],
    recommendations: &[Recommendation],
) -> std::fmt::Result {
    writeln!(f, "\nRelationships to maintain ({}):", maintain.len())?;
    if maintain.is_empty() {
        writeln!(f, "  none: every important tie is fresh")?;
    }
    for m in maintain {
        let last = m.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string());
        writeln!(
            f,
            "  {:<30} {:<8} level {} last contact {} strength {:.3} ({})",
            who(&m.name, &m.id),
            m.freshness.as_str(),
            m.level,
            last,
            m.strength,
            m.reasons.join(", ")
        )?;
    }
    writeln!(f, "\nRecommendations:")?;
    for r in recommendations {
        writeln!(f, "  - {}", r.message)?;
    }
    Ok(())
}

/// Rounds for display only; reports keep full precision.
pub(crate) fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}
