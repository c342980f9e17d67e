//! The funnel of deals: it diagnoses each salesperson's pipeline, finds the
//! stuck deals and the dormant customers, and links every open deal to the
//! relationships it needs.
//!
//! # The rules (DOMAIN.md, "The funnel diagnoses the salesperson")
//!
//! - A deal *reached* every step up to its own (the furthest it got), won,
//!   lost or open. The **conversion** from a step to the next is the number
//!   of deals that reached the next step over the number that reached the
//!   step; `None` when none reached the step.
//! - The open deals per step should shrink from step to step:
//!   **`not_shrinking`** for each step whose open deals outnumber the
//!   previous step's by more than [`FunnelThresholds::shrink_ratio`] (default
//!   1: any growth), from `new_contact` up to `contracted`.
//! - **`not_prospecting`**: fewer open deals at `new_contact` than
//!   [`FunnelThresholds::prospecting_ratio`] (default 1) times the open deals
//!   at `negotiating`.
//! - **`weak_proposals`**: the conversion from `introduced` to `proposal` is
//!   below [`FunnelThresholds::weak_proposals`] (default 0.5), judged once at
//!   least [`FunnelThresholds::min_deals`] deals (default 5) reached `introduced`.
//! - **`weak_negotiation`**: the conversion from `negotiating` to
//!   `contracted` is below [`FunnelThresholds::weak_negotiation`] (default
//!   0.5), judged once at least `min_deals` deals reached `negotiating`.
//! - A deal is **stuck** when it is open and its step has not changed for
//!   more than [`FunnelThresholds::stuck_days`] (default 92, a quarter).
//! - **Customers**: `top_share` is the value share of the top
//!   [`FunnelThresholds::top_customer_share`] (default 20%) of customer
//!   organizations by value (those with a known value); the 80/20 reading
//!   holds when it is at least [`FunnelThresholds::pareto_share`] (default
//!   0.8). A customer organization with no open deal is **dormant**.
//!
//! Every diagnosis carries the numbers that triggered it and the threshold used.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::Result;
use crate::graph::Parallelism;
use crate::model::{
    AsOf, ContactId, Deal, DealId, DealStatus, Freshness, OwnerChoice, Relation, RelationshipLevel, Role, Step,
};
use crate::stages::common::Thresholds;
use crate::stages::deal_reach::{self, DealFacts};

/// The numbers that turn a funnel into diagnoses. Every field is public;
/// start from `FunnelThresholds::default()` and change what you need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelThresholds {
    /// `not_shrinking`: a step's open deals may be at most this many times
    /// the previous step's (default 1.0).
    pub shrink_ratio: f64,
    /// `not_prospecting`: open deals at `new_contact` must be at least this
    /// many times those at `negotiating` (default 1.0).
    pub prospecting_ratio: f64,
    /// `weak_proposals`: the lowest healthy conversion from `introduced`
    /// to `proposal` (default 0.5).
    pub weak_proposals: f64,
    /// `weak_negotiation`: the lowest healthy conversion from
    /// `negotiating` to `contracted` (default 0.5).
    pub weak_negotiation: f64,
    /// A conversion is judged only once this many deals reached its first
    /// step (default 5).
    pub min_deals: usize,
    /// An open deal whose step has not changed for more than this many days
    /// is stuck (default 92, a quarter).
    pub stuck_days: i64,
    /// The share of customer organizations, by value, whose value share is
    /// `top_share` (default 0.2).
    pub top_customer_share: f64,
    /// The 80/20 reading holds when `top_share` is at least this (default 0.8).
    pub pareto_share: f64,
}

impl Default for FunnelThresholds {
    fn default() -> Self {
        Self {
            shrink_ratio: 1.0,
            prospecting_ratio: 1.0,
            weak_proposals: 0.5,
            weak_negotiation: 0.5,
            min_deals: 5,
            stuck_days: 92,
            top_customer_share: 0.2,
            pareto_share: 0.8,
        }
    }
}

/// Options of [`funnel`]: the funnel's thresholds, the advice's thresholds
/// (who is reached, how far a path runs, which customers are top
/// customers: the same [`Thresholds`] as the stage reports, so that a deal's
/// people are judged as [`buy_in`](crate::stages::buy_in) and
/// [`closing`](crate::stages::closing) judge them), and the parallelism
/// (results are the same for any). The date and the decay policy are the
/// [`AsOf`]'s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunnelOptions {
    thresholds: FunnelThresholds,
    stage: Thresholds,
    parallelism: Parallelism,
}

impl FunnelOptions {
    /// The default thresholds, the current thread pool.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the thresholds.
    #[must_use]
    pub fn with_thresholds(mut self, thresholds: FunnelThresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// Sets the advice's thresholds for the deals' people: `max_hops`,
    /// `coverage_strength` (the reach threshold), `top_customer_share` and
    /// `other_customer_factor` (the referees' score).
    #[must_use]
    pub fn with_stage_thresholds(mut self, thresholds: Thresholds) -> Self {
        self.stage = thresholds;
        self
    }

    /// Sets the parallelism.
    #[must_use]
    pub fn with_parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }

    /// The thresholds.
    pub fn thresholds(&self) -> &FunnelThresholds {
        &self.thresholds
    }

    /// The advice's thresholds.
    pub fn stage_thresholds(&self) -> &Thresholds {
        &self.stage
    }

    /// The parallelism.
    pub fn parallelism(&self) -> Parallelism {
        self.parallelism
    }
}

/// Whose funnel: the whole team, or one salesperson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Salespeople {
    /// Every salesperson of the portfolio.
    All,
    /// One salesperson (a contact with role `owner`).
    One(ContactId),
}

/// A diagnosis code (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosisCode {
    /// Fewer new contacts than deals in negotiation.
    NotProspecting,
    /// Many deals introduced, few reaching a proposal.
    WeakProposals,
    /// Deals negotiate but do not sign.
    WeakNegotiation,
    /// The open deals grow from one step to the next.
    NotShrinking,
}

impl DiagnosisCode {
    /// The code as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosisCode::NotProspecting => "not_prospecting",
            DiagnosisCode::WeakProposals => "weak_proposals",
            DiagnosisCode::WeakNegotiation => "weak_negotiation",
            DiagnosisCode::NotShrinking => "not_shrinking",
        }
    }
}

/// A diagnosis with the numbers that triggered it and the threshold used.
///
/// It compares two steps: `from_count` and `to_count` are open deals
/// (`not_prospecting`, `not_shrinking`) or deals that reached the step
/// (`weak_proposals`, `weak_negotiation`); `value` is `to_count / from_count`
/// (`None` when `from_count` is 0) except for `not_prospecting`, where it is
/// `from_count / to_count`, compared with `threshold`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnosis {
    /// The code.
    pub code: DiagnosisCode,
    /// The diagnosis in words, with its numbers.
    pub message: String,
    /// The first step compared.
    pub from_step: Step,
    /// The second step compared.
    pub to_step: Step,
    /// Deals at (or that reached) `from_step`.
    pub from_count: usize,
    /// Deals at (or that reached) `to_step`.
    pub to_count: usize,
    /// The ratio compared with the threshold.
    pub value: Option<f64>,
    /// The threshold used.
    pub threshold: f64,
}

impl Diagnosis {
    /// A diagnosis from its facts, worded by [`Diagnosis::words`].
    fn found(code: DiagnosisCode, from: (Step, usize), to: (Step, usize), value: Option<f64>, threshold: f64) -> Self {
        let mut d = Diagnosis {
            code,
            message: String::new(),
            from_step: from.0,
            to_step: to.0,
            from_count: from.1,
            to_count: to.1,
            value,
            threshold,
        };
        d.message = d.words();
        d
    }

    /// The diagnosis in words, from its facts alone (what `message` holds).
    ///
    /// # Examples
    ///
    /// ```
    /// use salesnet::jiff::civil::date;
    /// use salesnet::stages::{FunnelThresholds, pipeline};
    /// use salesnet::{Deal, Step};
    ///
    /// let day = date(2025, 1, 1);
    /// let deals = [Deal::new("a", "Globex", "me", Step::Negotiating, day)?];
    /// let d = &pipeline(&deals, &FunnelThresholds::default()).diagnoses[0];
    /// assert_eq!(d.words(), d.message);
    /// assert!(d.message.starts_with("not prospecting: 0 new contacts but 1 deals in negotiation"));
    /// # Ok::<(), salesnet::Error>(())
    /// ```
    pub fn words(&self) -> String {
        let (a, b, t) = (self.from_count, self.to_count, self.threshold);
        match self.code {
            DiagnosisCode::NotProspecting => {
                let should = if t == 1.0 {
                    "there should be at least as many new contacts as deals in negotiation".to_string()
                } else {
                    format!("new contacts should be at least {t} times the deals in negotiation")
                };
                format!("not prospecting: {a} new contacts but {b} deals in negotiation ({should})")
            }
            DiagnosisCode::WeakProposals | DiagnosisCode::WeakNegotiation => {
                let what =
                    if self.code == DiagnosisCode::WeakProposals { "weak proposals" } else { "weak negotiation" };
                format!(
                    "{what}: {b} of {a} deals that reached {} went on to {} ({:.0}%, below {:.0}%)",
                    self.from_step,
                    self.to_step,
                    self.value.unwrap_or(0.0) * 100.0,
                    t * 100.0
                )
            }
            DiagnosisCode::NotShrinking => {
                let allowed = if t == 1.0 {
                    "at most as many allowed".to_string()
                } else {
                    format!("at most {t} times as many allowed")
                };
                format!("not shrinking: {b} open deals at {} but {a} at {} ({allowed})", self.to_step, self.from_step)
            }
        }
    }
}

/// The conversion from one step to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    /// The step.
    pub from: Step,
    /// The next step.
    pub to: Step,
    /// Deals that reached `from` (won, lost or open).
    pub reached_from: usize,
    /// Deals that reached `to`.
    pub reached_to: usize,
    /// `reached_to / reached_from`; `None` when no deal reached `from`.
    pub rate: Option<f64>,
}

/// One funnel: open deals per step, won and lost, conversions, diagnoses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pipeline {
    /// Open deals per step name, every step listed, in funnel order.
    pub steps: BTreeMap<Step, usize>,
    /// Open deals.
    pub open: usize,
    /// Won deals.
    pub won: usize,
    /// Lost deals.
    pub lost: usize,
    /// Deals that reached each step (won, lost or open), in funnel order.
    pub reached: BTreeMap<Step, usize>,
    /// From each step to the next, in funnel order (five).
    pub conversion: Vec<Conversion>,
    /// Sum of the open deals' known amounts.
    pub open_amount: f64,
    /// Sum of the won deals' known amounts.
    pub won_amount: f64,
    /// The diagnoses, in the order `not_prospecting`, `weak_proposals`,
    /// `weak_negotiation`, `not_shrinking` (by step).
    pub diagnoses: Vec<Diagnosis>,
}

/// The funnel of a set of deals (one salesperson's, or the team's).
///
/// # Complexity
///
/// O(d) time for d deals, O(1) memory.
///
/// # Examples
///
/// ```
/// use salesnet::jiff::civil::date;
/// use salesnet::stages::{DiagnosisCode, FunnelThresholds, pipeline};
/// use salesnet::{Deal, Step};
///
/// let day = date(2025, 1, 1);
/// let deals = [
///     Deal::new("a", "Globex", "me", Step::NewContact, day)?,
///     Deal::new("b", "Globex", "me", Step::Negotiating, day)?,
///     Deal::new("c", "Initech", "me", Step::Negotiating, day)?,
/// ];
/// let p = pipeline(&deals, &FunnelThresholds::default());
/// assert_eq!(p.steps[&Step::Negotiating], 2);
/// assert_eq!(p.diagnoses[0].code, DiagnosisCode::NotProspecting);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn pipeline<'d>(deals: impl IntoIterator<Item = &'d Deal>, thresholds: &FunnelThresholds) -> Pipeline {
    let mut open = [0usize; 6];
    let mut at = [0usize; 6];
    let (mut won, mut lost) = (0, 0);
    let (mut open_amount, mut won_amount) = (0.0, 0.0);
    for d in deals {
        at[d.step.index()] += 1;
        match d.status {
            DealStatus::Open => {
                open[d.step.index()] += 1;
                open_amount += d.amount.unwrap_or(0.0);
            }
            DealStatus::Won => {
                won += 1;
                won_amount += d.amount.unwrap_or(0.0);
            }
            DealStatus::Lost => lost += 1,
        }
    }
    // reached[s] = deals whose furthest step is s or later.
    let mut reached = [0usize; 6];
    let mut acc = 0;
    for s in (0..6).rev() {
        acc += at[s];
        reached[s] = acc;
    }
    let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
    let conversion: Vec<Conversion> = (0..5)
        .map(|s| Conversion {
            from: Step::ALL[s],
            to: Step::ALL[s + 1],
            reached_from: reached[s],
            reached_to: reached[s + 1],
            rate: ratio(reached[s + 1], reached[s]),
        })
        .collect();

    let t = thresholds;
    let mut diagnoses = Vec::new();
    let (new, negotiating) = (open[Step::NewContact.index()], open[Step::Negotiating.index()]);
    if negotiating > 0 && (new as f64) < t.prospecting_ratio * negotiating as f64 {
        diagnoses.push(Diagnosis::found(
            DiagnosisCode::NotProspecting,
            (Step::NewContact, new),
            (Step::Negotiating, negotiating),
            ratio(new, negotiating),
            t.prospecting_ratio,
        ));
    }
    let weak = |code: DiagnosisCode, from: Step, threshold: f64| -> Option<Diagnosis> {
        let c = &conversion[from.index()];
        let rate = c.rate?;
        (c.reached_from >= t.min_deals && rate < threshold)
            .then(|| Diagnosis::found(code, (c.from, c.reached_from), (c.to, c.reached_to), Some(rate), threshold))
    };
    diagnoses.extend(weak(DiagnosisCode::WeakProposals, Step::Introduced, t.weak_proposals));
    diagnoses.extend(weak(DiagnosisCode::WeakNegotiation, Step::Negotiating, t.weak_negotiation));
    for s in 0..4 {
        let (a, b) = (open[s], open[s + 1]);
        if b as f64 > t.shrink_ratio * a as f64 {
            diagnoses.push(Diagnosis::found(
                DiagnosisCode::NotShrinking,
                (Step::ALL[s], a),
                (Step::ALL[s + 1], b),
                ratio(b, a),
                t.shrink_ratio,
            ));
        }
    }
    Pipeline {
        steps: Step::ALL.iter().map(|&s| (s, open[s.index()])).collect(),
        open: open.iter().sum(),
        won,
        lost,
        reached: Step::ALL.iter().map(|&s| (s, reached[s.index()])).collect(),
        conversion,
        open_amount,
        won_amount,
        diagnoses,
    }
}

/// One salesperson's funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerFunnel {
    /// The salesperson's contact id.
    pub owner: ContactId,
    /// The same id (every row naming a contact carries `id` and `name`).
    pub id: ContactId,
    /// The salesperson's name.
    pub name: String,
    /// Their funnel.
    #[serde(flatten)]
    pub pipeline: Pipeline,
}

/// An open deal whose step has not changed for too long.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StuckDeal {
    /// The deal id.
    pub deal: DealId,
    /// Days since the deal reached its step.
    pub days: i64,
    /// Its step.
    pub step: Step,
    /// Since when.
    pub step_since: Date,
    /// The buying organization.
    pub organization: String,
    /// The amount, if known.
    pub amount: Option<f64>,
    /// The salesperson's id.
    pub owner: ContactId,
    /// The salesperson's name.
    pub owner_name: String,
}

/// The customers: concentration of value and the dormant ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Customers {
    /// Customer organizations.
    pub count: usize,
    /// Customer organizations with a known value.
    pub valued: usize,
    /// How many make up the top share (the top 20% by default, at least one).
    pub top_count: usize,
    /// The value share of the top customers; `None` without a positive total value.
    pub top_share: Option<f64>,
    /// Whether the 80/20 reading holds (`top_share` at least the Pareto share).
    pub pareto: Option<bool>,
    /// The reading in words.
    pub reading: String,
    /// Customer organizations with no open deal, by value (highest first,
    /// unknown last), then name.
    pub dormant: Vec<DormantCustomer>,
}

/// A customer organization with no open deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DormantCustomer {
    /// The organization.
    pub organization: String,
    /// Its value, if known.
    pub value: Option<f64>,
    /// Won deals with it.
    pub won: usize,
    /// The strongest tie of the salesperson (or, for the team, of any
    /// salesperson) to one of its people; `None` if there is none.
    pub tie: Option<OwnerTie>,
}

/// A salesperson's direct tie to someone, as of the report's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerTie {
    /// The salesperson's id.
    pub owner: ContactId,
    /// The salesperson's name.
    pub owner_name: String,
    /// The person's id.
    pub id: ContactId,
    /// The person's name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// The tie's level.
    pub level: RelationshipLevel,
    /// The tie's strength.
    pub strength: f64,
    /// Fresh, fading or lapsed.
    pub freshness: Freshness,
    /// The last contact, if known.
    pub last_contact: Option<Date>,
}

/// The funnel report: each salesperson's funnel and the team's, stuck
/// deals, each open deal's relationships, and the customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelReport {
    /// The date.
    pub as_of: Date,
    /// One funnel per salesperson (input order).
    pub owners: Vec<OwnerFunnel>,
    /// The funnel of every deal in the report.
    pub team: Pipeline,
    /// Stuck deals, the longest at their step first, then by id.
    pub stuck: Vec<StuckDeal>,
    /// Each open deal's relationships, by amount (largest first, unknown
    /// last), then step (furthest first), then id.
    pub deals: Vec<DealFacts>,
    /// The customers.
    pub customers: Customers,
    /// The thresholds used.
    pub thresholds: UsedThresholds,
}

/// The thresholds a funnel report used: the funnel's own, and the reach
/// rules of the advice it judged the deals' people by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsedThresholds {
    /// The funnel's thresholds.
    #[serde(flatten)]
    pub funnel: FunnelThresholds,
    /// Paths to a deal's people run over at most this many ties
    /// ([`Thresholds::max_hops`]).
    pub max_hops: usize,
    /// A person is reached when the strongest such path is at least this
    /// strong ([`Thresholds::coverage_strength`]).
    pub reach_strength: f64,
    /// The owner has *met* a person with an active direct tie of at least
    /// this level (2, met face to face: DOMAIN.md's rule).
    pub met_level: RelationshipLevel,
}

/// The funnel report for the deals of `salespeople`.
///
/// The deals are the portfolio's ([`SalesNetworks::deals`](crate::SalesNetworks::deals)),
/// with tie strengths as of `dated`'s date. With [`Salespeople::One`] every
/// part is that salesperson's: their funnel, their stuck and open deals,
/// and their ties to dormant customers (dormant: no open deal of anyone).
///
/// # Errors
///
/// [`Error::NotAnOwner`](crate::Error::NotAnOwner) when `Salespeople::One` names no salesperson of
/// the portfolio.
///
/// # Complexity
///
/// O(d log d) for d deals, plus for each salesperson one bounded path search
/// from them (at most `max_hops` ties) to the people of their open deals'
/// accounts and one of two hops to the referees.
pub fn funnel(dated: &AsOf<'_>, salespeople: &Salespeople, options: &FunnelOptions) -> Result<FunnelReport> {
    let networks = dated.networks();
    let deals = networks.deals();
    let t = options.thresholds();
    let as_of = dated.date();
    let owners: Vec<petgraph::graph::NodeIndex> = match salespeople {
        Salespeople::All => networks.owner_nodes().to_vec(),
        Salespeople::One(id) => vec![networks.choose_owner(&OwnerChoice::Id(id.clone()))?],
    };
    // Each salesperson's deals, by their position among `owners`.
    let slot: std::collections::HashMap<&str, usize> =
        owners.iter().enumerate().map(|(i, &n)| (networks.contact_at(n).id.as_str(), i)).collect();
    let mut by_owner: Vec<Vec<&Deal>> = vec![Vec::new(); owners.len()];
    let mut scoped: Vec<&Deal> = Vec::new();
    for d in deals {
        if let Some(&i) = slot.get(d.owner.as_str()) {
            by_owner[i].push(d);
            scoped.push(d);
        }
    }

    let owner_rows: Vec<OwnerFunnel> = owners
        .iter()
        .zip(&by_owner)
        .map(|(&n, mine)| {
            let c = networks.contact_at(n);
            OwnerFunnel {
                owner: c.id.clone(),
                id: c.id.clone(),
                name: c.name.clone(),
                pipeline: pipeline(mine.iter().copied(), t),
            }
        })
        .collect();
    let team = pipeline(scoped.iter().copied(), t);

    let name_of = |id: &ContactId| networks.contact(id.as_str()).map(|c| c.name.clone()).unwrap_or_default();
    let mut stuck: Vec<StuckDeal> = scoped
        .iter()
        .filter(|d| d.status == DealStatus::Open && d.days_at_step(as_of) > t.stuck_days)
        .map(|d| StuckDeal {
            deal: d.id.clone(),
            days: d.days_at_step(as_of),
            step: d.step,
            step_since: d.step_since,
            organization: d.organization.clone(),
            amount: d.amount,
            owner: d.owner.clone(),
            owner_name: name_of(&d.owner),
        })
        .collect();
    stuck.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.deal.cmp(&b.deal)));

    let open: Vec<&Deal> = scoped.iter().copied().filter(|d| d.status == DealStatus::Open).collect();
    let mut facts = deal_reach::deal_facts(dated, &open, options)?;
    facts.sort_by(|a, b| {
        let amount = |f: &DealFacts| f.amount.unwrap_or(f64::NEG_INFINITY);
        amount(b).total_cmp(&amount(a)).then(b.step.cmp(&a.step)).then_with(|| a.id.cmp(&b.id))
    });

    let customers = customers(dated, deals, &owners, options);
    let stage = options.stage_thresholds();
    let thresholds = UsedThresholds {
        funnel: t.clone(),
        max_hops: stage.max_hops,
        reach_strength: stage.coverage_strength,
        met_level: RelationshipLevel::MET,
    };
    Ok(FunnelReport { as_of, owners: owner_rows, team, stuck, deals: facts, customers, thresholds })
}

/// The customers part: value concentration and dormant customers.
fn customers(
    dated: &AsOf<'_>,
    deals: &[Deal],
    owners: &[petgraph::graph::NodeIndex],
    options: &FunnelOptions,
) -> Customers {
    let networks = dated.networks();
    let t = options.thresholds();
    let orgs = networks.organizations();
    let customer: Vec<usize> = (0..orgs.len()).filter(|&i| orgs[i].relation == Relation::Customer).collect();
    let mut values: Vec<f64> = customer.iter().filter_map(|&i| orgs[i].value).collect();
    values.sort_by(|a, b| b.total_cmp(a));
    let valued = values.len();
    let top_count =
        if valued == 0 { 0 } else { ((t.top_customer_share * valued as f64).ceil() as usize).clamp(1, valued) };
    let total: f64 = values.iter().sum();
    let top_share = (total > 0.0).then(|| values[..top_count].iter().sum::<f64>() / total);
    let pareto = top_share.map(|s| s >= t.pareto_share);
    let reading = match top_share {
        None => "no customer has a known value: the 80/20 reading needs customer values".to_string(),
        Some(s) if s >= t.pareto_share => format!(
            "the top {top_count} of {valued} customers bring {:.0}% of the value: the 80/20 rule holds; they are your core customers and best referees, keep them close",
            s * 100.0
        ),
        Some(s) => format!(
            "the top {top_count} of {valued} customers bring {:.0}% of the value (below {:.0}%): value is spread, so many customers matter and each needs its relationships kept warm",
            s * 100.0,
            t.pareto_share * 100.0
        ),
    };

    // Organizations with an open deal (anyone's), and won deals per organization.
    let mut open_orgs = vec![false; orgs.len()];
    let mut won = vec![0usize; orgs.len()];
    let index: std::collections::HashMap<&str, usize> =
        orgs.iter().enumerate().map(|(i, o)| (o.name.as_str(), i)).collect();
    for d in deals {
        if let Some(&i) = index.get(d.organization.as_str()) {
            match d.status {
                DealStatus::Open => open_orgs[i] = true,
                DealStatus::Won => won[i] += 1,
                DealStatus::Lost => {}
            }
        }
    }
    let dormant_orgs: Vec<usize> = customer.iter().copied().filter(|&i| !open_orgs[i]).collect();
    // The strongest direct tie of a salesperson in scope to each dormant organization.
    let mut best: Vec<Option<(OwnerTie, usize)>> = vec![None; orgs.len()];
    let graph = networks.graph();
    for (rank, &o) in owners.iter().enumerate() {
        let owner = networks.contact_at(o);
        use petgraph::visit::EdgeRef;
        for e in graph.edges(o) {
            let other = if e.source() == o { e.target() } else { e.source() };
            let org = networks.organization_index_at(other);
            if open_orgs[org] || orgs[org].relation != Relation::Customer {
                continue;
            }
            let tie = e.weight();
            let contact = networks.contact_at(other);
            let candidate = OwnerTie {
                owner: owner.id.clone(),
                owner_name: owner.name.clone(),
                id: contact.id.clone(),
                name: contact.name.clone(),
                role: contact.role,
                level: tie.level,
                strength: dated.strength(e.id()).get(),
                freshness: dated.freshness(e.id()),
                last_contact: tie.last_contact,
            };
            let better = match &best[org] {
                None => true,
                Some((b, r)) => candidate
                    .strength
                    .total_cmp(&b.strength)
                    .then(candidate.level.cmp(&b.level))
                    .then(r.cmp(&rank))
                    .then_with(|| b.id.cmp(&candidate.id))
                    .is_gt(),
            };
            if better {
                best[org] = Some((candidate, rank));
            }
        }
    }
    let mut dormant: Vec<DormantCustomer> = dormant_orgs
        .iter()
        .map(|&i| DormantCustomer {
            organization: orgs[i].name.clone(),
            value: orgs[i].value,
            won: won[i],
            tie: best[i].take().map(|(t, _)| t),
        })
        .collect();
    dormant.sort_by(|a, b| {
        let v = |d: &DormantCustomer| d.value.unwrap_or(f64::NEG_INFINITY);
        v(b).total_cmp(&v(a)).then_with(|| a.organization.cmp(&b.organization))
    });
    Customers { count: customer.len(), valued, top_count, top_share, pareto, reading, dormant }
}

impl std::fmt::Display for Pipeline {
    /// Open deals per step with the conversions, won and lost, then the diagnoses.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (step, open)) in self.steps.iter().enumerate() {
            let reached = self.reached.get(step).copied().unwrap_or(0);
            let rate = self
                .conversion
                .get(i)
                .map(|c| c.rate.map_or_else(|| "-".to_string(), |r| format!("{:.0}%", r * 100.0)))
                .unwrap_or_default();
            let to_next = if rate.is_empty() { String::new() } else { format!(", {rate} went on") };
            writeln!(f, "  {:<12} {open:>5} open  {reached:>5} reached{to_next}", step.as_str())?;
        }
        writeln!(
            f,
            "  won {} ({:.0}), lost {}, open {} ({:.0})",
            self.won, self.won_amount, self.lost, self.open, self.open_amount
        )?;
        if self.diagnoses.is_empty() {
            writeln!(f, "  diagnosis: none, the funnel is healthy")?;
        }
        for d in &self.diagnoses {
            writeln!(f, "  [{}] {}", d.code.as_str(), d.message)?;
        }
        Ok(())
    }
}

impl std::fmt::Display for FunnelReport {
    /// The report as text for a person: people by name and id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Funnel as of {}", self.as_of)?;
        for o in &self.owners {
            writeln!(f, "\n{} ({}):", o.name, o.id)?;
            o.pipeline.fmt(f)?;
        }
        if self.owners.len() > 1 {
            writeln!(f, "\nTeam:")?;
            self.team.fmt(f)?;
        }
        writeln!(
            f,
            "\nStuck deals (open, no step change for more than {} days): {}",
            self.thresholds.funnel.stuck_days,
            self.stuck.len()
        )?;
        for s in &self.stuck {
            writeln!(
                f,
                "  {:<10} {:>5} days at {:<12} {} ({}), owner {} ({})",
                s.deal.as_str(),
                s.days,
                s.step.as_str(),
                s.organization,
                s.amount.map_or_else(|| "no amount".to_string(), |a| format!("{a:.0}")),
                s.owner_name,
                s.owner
            )?;
        }
        writeln!(f, "\nOpen deals and their relationships: {}", self.deals.len())?;
        for d in &self.deals {
            writeln!(
                f,
                "  {} {} at {} ({}), owner {} ({}): {} of {} decision makers reached{}, met {}{}",
                d.id,
                d.organization,
                d.step.as_str(),
                d.amount.map_or_else(|| "no amount".to_string(), |a| format!("{a:.0}")),
                d.owner_name,
                d.owner,
                d.decision_makers_reached.len(),
                d.decision_makers,
                if d.decision_makers_reached.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = d.decision_makers_reached.iter().map(ToString::to_string).collect();
                    format!(" ({})", names.join(", "))
                },
                d.met,
                if d.single_threaded { ", SINGLE-THREADED" } else { "" }
            )?;
            if let Some(m) = &d.middleman {
                writeln!(f, "      middleman {} ({}), score {:.2}", m.name, m.id, m.score)?;
            }
            if let Some(r) = &d.referee {
                writeln!(
                    f,
                    "      referee {} ({}, {}) for {} ({})",
                    r.name, r.id, r.organization, r.target_name, r.target
                )?;
            }
            let a = &d.next_action;
            let who = match (&a.name, &a.id) {
                (Some(n), Some(id)) => format!(" {n} ({id})"),
                _ => String::new(),
            };
            writeln!(f, "      next: {}{who}: {}", a.action.as_str(), a.reason)?;
        }
        let c = &self.customers;
        writeln!(f, "\nCustomers: {}", c.count)?;
        writeln!(f, "  {}", c.reading)?;
        writeln!(f, "  dormant (no open deal): {}", c.dormant.len())?;
        for d in &c.dormant {
            let tie = d.tie.as_ref().map_or_else(
                || "nobody of ours knows them".to_string(),
                |t| {
                    format!(
                        "strongest tie {} ({}) via {}: level {}, strength {:.2}, {}",
                        t.name,
                        t.id,
                        t.owner_name,
                        t.level,
                        t.strength,
                        t.freshness.as_str()
                    )
                },
            );
            writeln!(
                f,
                "  {:<20} value {:>10}  {tie}",
                d.organization,
                d.value.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"))
            )?;
        }
        Ok(())
    }
}
